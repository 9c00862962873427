//! The tables of `ttdt rank`, laid out like Decision 3247/QĐ-UBND: per block an overall table
//! (Bảng 1 for the first block of the scheme, Bảng 2 for the second …) with bands and their
//! shares, then one table per category (Bảng 1.1 … 1.6) ranking that category alone, without
//! bands. Ranks are dense and compared as printed, exactly as in [`super::rank_totals`], which
//! does the ranking here.

use std::collections::BTreeMap;

use crate::rules::Band;
use crate::scheme::{Category, Scheme, SchemeBlock};

use super::scores::ScoreSheet;
use super::{BandShare, TotalRow, average, rank_totals};

/// Every table of a scores file, in output order.
#[derive(Debug, Clone, PartialEq)]
pub struct RankTables {
    /// Scheme id, e.g. `sonla-2017-it`.
    pub scheme_id: String,
    /// Scheme title.
    pub scheme_title: String,
    /// SHA-256 of the scheme file.
    pub scheme_sha256: String,
    /// What is ranked: "mức độ ứng dụng CNTT", "Trang TTĐT".
    pub subject: String,
    /// What a category is called: "hạng mục", "nhóm tiêu chí".
    pub category_label: String,
    /// The tables: per block its overall table, then its category tables.
    pub tables: Vec<RankTable>,
}

/// One ranking table.
#[derive(Debug, Clone, PartialEq)]
pub struct RankTable {
    /// Table number as the decision prints it: `1`, `1.2`.
    pub number: String,
    /// The block ranked.
    pub block: SchemeBlock,
    /// `None` for the overall table, else the category ranked.
    pub category: Option<Category>,
    /// For an overall table: true when it was summed from categories ("xếp hạng tổng thể").
    pub from_categories: bool,
    /// Rows in display order (score descending, then folded name).
    pub rows: Vec<TableRow>,
    /// Mean score, rounded to one decimal.
    pub average: f64,
    /// Overall tables: one share per band of the scheme, empty bands included. Category
    /// tables: empty.
    pub band_shares: Vec<BandShare>,
}

/// One ranked agency in a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// Agency name as written in the scores file.
    pub agency: String,
    /// Score (total or category).
    pub score: f64,
    /// Dense rank within the table, from 1.
    pub rank: u32,
    /// Band of the total (overall tables only).
    pub band: Option<Band>,
}

impl RankTable {
    /// `"total"` for an overall table, else the category id (the JSON `table` value).
    pub fn table_id(&self) -> &str {
        self.category.as_ref().map_or("total", |c| c.id.as_str())
    }

    /// The maximum score of the table (the block's or the category's).
    pub fn max(&self) -> f64 {
        self.category.as_ref().map_or(self.block.max, |c| c.max)
    }

    /// Band shares that have at least one unit: the band headings the decision prints.
    pub fn non_empty_shares(&self) -> impl Iterator<Item = &BandShare> {
        self.band_shares.iter().filter(|s| s.count > 0)
    }
}

/// Build every table of a checked scores file.
///
/// Blocks come in the scheme's order (an IT scheme numbers its tables by its block list, so
/// the districts are always Bảng 2 even when the file has no department), or for website rules
/// in order of first appearance in the file. Category tables are made only when the file gives
/// category scores.
pub fn build(sheet: &ScoreSheet, scheme: &Scheme) -> RankTables {
    // Block ids with their rows, in order of first appearance.
    let mut blocks: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate() {
        match blocks.iter_mut().find(|(b, _)| *b == row.block) {
            Some((_, members)) => members.push(i),
            None => blocks.push((&row.block, vec![i])),
        }
    }
    let numbered: Vec<(usize, &str, Vec<usize>)> = if scheme.accepts_any_block() {
        blocks
            .into_iter()
            .enumerate()
            .map(|(i, (b, m))| (i + 1, b, m))
            .collect()
    } else {
        let mut v: Vec<(usize, &str, Vec<usize>)> = blocks
            .into_iter()
            .map(|(b, m)| (scheme.block_position(b).map_or(usize::MAX, |p| p + 1), b, m))
            .collect();
        v.sort_by_key(|(n, _, _)| *n);
        v
    };

    let mut tables = Vec::new();
    for (number, block_id, members) in numbered {
        let Some(block) = scheme.block(block_id) else {
            continue; // a checked sheet only has blocks the scheme accepts
        };
        let totals: Vec<(&str, &str, f64)> = members
            .iter()
            .map(|&i| {
                let r = &sheet.rows[i];
                (r.key.as_str(), r.agency.as_str(), r.total)
            })
            .collect();
        let (rows, shares) = rank_one(&totals, Some(&scheme.bands));
        tables.push(RankTable {
            number: number.to_string(),
            block: block.clone(),
            category: None,
            from_categories: sheet.has_categories,
            average: mean(&rows),
            rows,
            band_shares: shares,
        });
        if !sheet.has_categories {
            continue;
        }
        for (k, category) in block.categories.iter().enumerate() {
            let scores: Vec<(&str, &str, f64)> = members
                .iter()
                .filter_map(|&i| {
                    let r = &sheet.rows[i];
                    let score = r.categories.iter().find(|(id, _)| *id == category.id)?.1;
                    Some((r.key.as_str(), r.agency.as_str(), score))
                })
                .collect();
            let (rows, _) = rank_one(&scores, None);
            tables.push(RankTable {
                number: format!("{number}.{}", k + 1),
                block: block.clone(),
                category: Some(category.clone()),
                from_categories: true,
                average: mean(&rows),
                rows,
                band_shares: Vec::new(),
            });
        }
    }
    RankTables {
        scheme_id: scheme.id.clone(),
        scheme_title: scheme.title.clone(),
        scheme_sha256: scheme.sha256.clone(),
        subject: scheme.subject.clone(),
        category_label: scheme.category_label.clone(),
        tables,
    }
}

/// Rank one table's (key, name, score) rows with [`rank_totals`]; with `bands`, also band each
/// row and share the bands out.
fn rank_one(rows: &[(&str, &str, f64)], bands: Option<&[Band]>) -> (Vec<TableRow>, Vec<BandShare>) {
    let input: Vec<TotalRow> = rows
        .iter()
        .map(|(key, name, score)| TotalRow {
            agency_id: key.to_string(),
            name: name.to_string(),
            block: String::new(),
            total: *score,
            provisional: false,
        })
        .collect();
    let ranking = rank_totals(&input, bands.unwrap_or(&[]), &BTreeMap::new());
    let Some(block) = ranking.blocks.into_iter().next() else {
        return (Vec::new(), Vec::new());
    };
    let table_rows = block
        .rows
        .into_iter()
        .map(|r| TableRow {
            agency: r.name,
            score: r.total,
            rank: r.rank,
            band: bands.map(|_| r.band),
        })
        .collect();
    let shares = if bands.is_some() {
        block.band_shares
    } else {
        Vec::new()
    };
    (table_rows, shares)
}

fn mean(rows: &[TableRow]) -> f64 {
    let scores: Vec<f64> = rows.iter().map(|r| r.score).collect();
    average(&scores).unwrap_or(0.0)
}
