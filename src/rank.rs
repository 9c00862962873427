//! Dense ranking within blocks, block averages and band shares, the way Decision 3247/QĐ-UBND
//! of Sơn La prints its tables.
//!
//! Rules taken from the decision (checked against its Bảng 1–4 in `tests/rank_seed.rs`):
//! - **Dense ranks, compared as printed.** Totals are compared after rounding to one decimal,
//!   because that is the number readers see: two units printed `71,5` share rank 8 and the next
//!   distinct total gets rank 9 (Bảng 1), not 10.
//! - **Display order.** Score descending; among equal printed totals, by name folded with
//!   [`crate::text::fold`] (diacritics stripped, so "Sở Tài chính" sorts with the T's), then by
//!   the raw name, then by input order, so the output never depends on sort instability.
//! - **Provisional totals are ranked, but marked** ([`RankedRow::provisional`]): a site with an
//!   unmeasured group still gets a place, and every report shows `63,5*` with a footnote rather
//!   than ranking it silently as if complete.
//! - **Band shares are whole percentages that add up to exactly 100**, by the largest-remainder
//!   method (see [`largest_remainder`]). Every band of the rule set is listed, with 0 % when no
//!   unit is in it: the decision's summary table (section E) prints "Mức tốt 0%", while its
//!   ranking tables print headings only for bands that have units, so the Markdown and text
//!   writers skip empty bands when they letter the headings (A, B, C …).
//! - **Blocks are data.** Rows are grouped by their block id, blocks appear in order of first
//!   appearance, and the title comes from the map passed in (unknown block → its id).
//!
//! `ttdt rank` reads a scores file ([`scores`]) and builds the decision's overall and
//! per-category tables from it ([`tables`]).

pub mod scores;
pub mod tables;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::rules::{Band, RuleSet};
use crate::score::{SiteScore, round1};

/// One unit to rank: the input of [`rank_totals`] (e.g. a row of `ttdt rank scores.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct TotalRow {
    /// Agency id; a CSV without ids may repeat the name here.
    pub agency_id: String,
    /// Agency name as it should be printed.
    pub name: String,
    /// Block id, e.g. `so_nganh`.
    pub block: String,
    /// Total points.
    pub total: f64,
    /// True when some group could not be measured (the total is a lower bound).
    pub provisional: bool,
}

/// Rankings of every block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Ranking {
    /// Blocks in order of first appearance.
    pub blocks: Vec<BlockRanking>,
}

/// The ranking table of one block (one of the decision's Bảng 3 / Bảng 4).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockRanking {
    /// Block id, e.g. `so_nganh`.
    pub block: String,
    /// Vietnamese title, e.g. "Sở, ban, ngành" (the id when no title was given).
    pub title: String,
    /// Rows in display order (score descending, then name).
    pub rows: Vec<RankedRow>,
    /// Mean of the totals, rounded to one decimal.
    pub average: f64,
    /// One entry per band of the rule set, in band order (highest first), empty bands included.
    pub band_shares: Vec<BandShare>,
}

/// One ranked unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedRow {
    /// Agency id.
    pub agency_id: String,
    /// Agency name.
    pub name: String,
    /// Total points as given (writers print it rounded to one decimal).
    pub total: f64,
    /// Dense rank within the block, starting at 1.
    pub rank: u32,
    /// Band of the total.
    pub band: Band,
    /// True when the total is provisional (some group unmeasured).
    pub provisional: bool,
}

/// How many units of a block fall in one band, and their share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandShare {
    /// The band.
    pub band: Band,
    /// Number of units in it.
    pub count: usize,
    /// Whole percent of the block; the shares of a non-empty block add up to exactly 100.
    pub percent: u32,
}

impl BlockRanking {
    /// True when some row is provisional, i.e. the table needs the "tạm tính" footnote.
    pub fn has_provisional(&self) -> bool {
        self.rows.iter().any(|r| r.provisional)
    }

    /// Band shares that have at least one unit, in band order: the headings the decision prints.
    pub fn non_empty_shares(&self) -> impl Iterator<Item = &BandShare> {
        self.band_shares.iter().filter(|s| s.count > 0)
    }
}

impl Ranking {
    /// The ranking of one block, if any unit is in it.
    pub fn block(&self, block: &str) -> Option<&BlockRanking> {
        self.blocks.iter().find(|b| b.block == block)
    }

    /// True when some row of some block is provisional.
    pub fn has_provisional(&self) -> bool {
        self.blocks.iter().any(BlockRanking::has_provisional)
    }
}

/// Rank scored sites within their blocks, writing each site's dense rank into
/// [`SiteScore::rank`].
///
/// The band of each row is the site's own [`SiteScore::band`] (banding belongs to the score
/// stage); band shares are counted over `rules.bands`.
pub fn rank_sites(
    sites: &mut [SiteScore],
    rules: &RuleSet,
    block_titles: &BTreeMap<String, String>,
) -> Ranking {
    let rows: Vec<(TotalRow, Band)> = sites
        .iter()
        .map(|s| {
            (
                TotalRow {
                    agency_id: s.agency.id.clone(),
                    name: s.agency.name.clone(),
                    block: s.agency.block.clone(),
                    total: s.total,
                    provisional: s.provisional,
                },
                s.band.clone(),
            )
        })
        .collect();
    let (ranking, ranks) = rank_banded(rows, &rules.bands, block_titles);
    for (site, rank) in sites.iter_mut().zip(ranks) {
        site.rank = Some(rank);
    }
    ranking
}

/// Rank bare totals (no site details), banding each total with `bands` (see [`band_of`]).
pub fn rank_totals(
    rows: &[TotalRow],
    bands: &[Band],
    block_titles: &BTreeMap<String, String>,
) -> Ranking {
    let banded = rows
        .iter()
        .map(|r| (r.clone(), band_of(bands, r.total)))
        .collect();
    rank_banded(banded, bands, block_titles).0
}

/// The band a total falls in: the band with the highest `min` not above the total, compared
/// after rounding the total to one decimal (as printed, so a printed `65,0` is never "Trung
/// bình"). A total below every band gets the lowest band. Works whatever order `bands` is in.
///
/// With no bands at all, returns a placeholder band `chua_xep_loai` ("Chưa xếp loại") rather
/// than panicking: a validated rule set always has bands, but a CSV ranking might not.
pub fn band_of(bands: &[Band], total: f64) -> Band {
    let shown = round1(total);
    let fits = bands
        .iter()
        .filter(|b| shown >= b.min - 1e-9)
        .max_by(|a, b| a.min.total_cmp(&b.min));
    let lowest = || bands.iter().min_by(|a, b| a.min.total_cmp(&b.min));
    fits.or_else(lowest).cloned().unwrap_or_else(|| Band {
        id: "chua_xep_loai".into(),
        label: "Chưa xếp loại".into(),
        min: 0.0,
    })
}

/// Split 100 % among `counts` in whole percents by the largest-remainder (Hamilton) method:
/// each count gets the floor of its exact share, and the points still missing to reach 100 go
/// to the largest remainders. Ties between equal remainders go to the larger count, then to
/// the earlier entry (band order): this reproduces the decision's Bảng 2, where 1, 7 and 4
/// units of 12 (remainders all 1/3) are printed 8 %, 59 %, 33 %.
///
/// All counts zero (an empty block) gives all zeros: there is nothing to share.
pub fn largest_remainder(counts: &[usize]) -> Vec<u32> {
    let n: usize = counts.iter().sum();
    if n == 0 {
        return vec![0; counts.len()];
    }
    // Integer arithmetic: quotient and remainder of 100·count / n are exact, so equal
    // remainders really compare equal (no floating-point tie noise).
    let mut percents: Vec<u32> = counts.iter().map(|&c| (100 * c / n) as u32).collect();
    let missing = 100 - percents.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (100 * counts[a] % n, 100 * counts[b] % n);
        rb.cmp(&ra).then(counts[b].cmp(&counts[a])).then(a.cmp(&b))
    });
    // The remainders sum to `missing · n` and each is below n, so at least `missing` entries
    // have a non-zero remainder: an empty band never receives a point.
    for &i in order.iter().take(missing as usize) {
        percents[i] += 1;
    }
    percents
}

/// Mean of `totals`, rounded to one decimal; `None` when there are none.
pub fn average(totals: &[f64]) -> Option<f64> {
    if totals.is_empty() {
        None
    } else {
        Some(round1(totals.iter().sum::<f64>() / totals.len() as f64))
    }
}

/// Count the rows of each band of `bands` and share them out (see [`largest_remainder`]).
/// Bands assigned to rows but missing from `bands` are appended after them, so no unit is lost.
pub fn band_shares(row_bands: &[&Band], bands: &[Band]) -> Vec<BandShare> {
    let mut all: Vec<Band> = bands.to_vec();
    for b in row_bands {
        if !all.iter().any(|a| a.id == b.id) {
            all.push((*b).clone());
        }
    }
    let counts: Vec<usize> = all
        .iter()
        .map(|a| row_bands.iter().filter(|b| b.id == a.id).count())
        .collect();
    let percents = largest_remainder(&counts);
    all.into_iter()
        .zip(counts)
        .zip(percents)
        .map(|((band, count), percent)| BandShare {
            band,
            count,
            percent,
        })
        .collect()
}

/// Tenths of a point, the unit totals are printed and compared in.
fn tenths(total: f64) -> i64 {
    (round1(total) * 10.0).round() as i64
}

/// Shared core: group, sort, dense-rank. Returns the ranking and each input row's rank.
fn rank_banded(
    rows: Vec<(TotalRow, Band)>,
    bands: &[Band],
    block_titles: &BTreeMap<String, String>,
) -> (Ranking, Vec<u32>) {
    let mut ranks = vec![0; rows.len()];
    // Block ids in order of first appearance, each with the input indices of its rows.
    let mut blocks: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, (row, _)) in rows.iter().enumerate() {
        match blocks.iter_mut().find(|(b, _)| *b == row.block) {
            Some((_, members)) => members.push(i),
            None => blocks.push((row.block.clone(), vec![i])),
        }
    }
    let folded: Vec<String> = rows
        .iter()
        .map(|(r, _)| crate::text::fold(&r.name))
        .collect();

    let mut out = Vec::with_capacity(blocks.len());
    for (block, mut members) in blocks {
        members.sort_by(|&a, &b| {
            tenths(rows[b].0.total)
                .cmp(&tenths(rows[a].0.total))
                .then_with(|| folded[a].cmp(&folded[b]))
                .then_with(|| rows[a].0.name.cmp(&rows[b].0.name))
                .then(a.cmp(&b))
        });
        let mut ranked = Vec::with_capacity(members.len());
        let mut rank = 0;
        let mut previous = None;
        for &i in &members {
            let (row, band) = &rows[i];
            let t = tenths(row.total);
            if previous != Some(t) {
                rank += 1;
                previous = Some(t);
            }
            ranks[i] = rank;
            ranked.push(RankedRow {
                agency_id: row.agency_id.clone(),
                name: row.name.clone(),
                total: row.total,
                rank,
                band: band.clone(),
                provisional: row.provisional,
            });
        }
        let totals: Vec<f64> = ranked.iter().map(|r| r.total).collect();
        let row_bands: Vec<&Band> = ranked.iter().map(|r| &r.band).collect();
        let band_shares = band_shares(&row_bands, bands);
        out.push(BlockRanking {
            title: block_titles
                .get(&block)
                .cloned()
                .unwrap_or_else(|| block.clone()),
            block,
            // A block exists only because some row is in it, so the mean is defined.
            average: average(&totals).unwrap_or(0.0),
            band_shares,
            rows: ranked,
        });
    }
    (Ranking { blocks: out }, ranks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands() -> Vec<Band> {
        [("tot", "Tốt", 80.0), ("kha", "Khá", 65.0)]
            .into_iter()
            .chain([("trung_binh", "Trung bình", 50.0), ("yeu", "Yếu", 0.0)])
            .map(|(id, label, min)| Band {
                id: id.into(),
                label: label.into(),
                min,
            })
            .collect()
    }

    fn row(name: &str, block: &str, total: f64) -> TotalRow {
        TotalRow {
            agency_id: name.into(),
            name: name.into(),
            block: block.into(),
            total,
            provisional: false,
        }
    }

    #[test]
    fn band_of_uses_printed_value_and_any_order() {
        let mut b = bands();
        assert_eq!(band_of(&b, 64.96).id, "kha", "printed 65,0 is Khá");
        assert_eq!(band_of(&b, 64.94).id, "trung_binh");
        b.reverse();
        assert_eq!(band_of(&b, 80.0).id, "tot");
        assert_eq!(band_of(&b, -3.0).id, "yeu");
        assert_eq!(band_of(&[], 50.0).id, "chua_xep_loai");
    }

    #[test]
    fn largest_remainder_examples() {
        assert_eq!(largest_remainder(&[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(largest_remainder(&[0, 0]), vec![0, 0]);
        assert_eq!(largest_remainder(&[0, 3, 0]), vec![0, 100, 0]);
        // Tie on remainders goes to the larger count (Bảng 2: 1, 7, 4 of 12).
        assert_eq!(largest_remainder(&[1, 7, 4]), vec![8, 59, 33]);
        for counts in [[1, 2, 3, 4], [5, 0, 7, 1], [1, 1, 1, 4], [2, 2, 2, 0]] {
            assert_eq!(largest_remainder(&counts).iter().sum::<u32>(), 100);
        }
    }

    #[test]
    fn average_of_nothing_is_none() {
        assert_eq!(average(&[]), None);
        assert_eq!(average(&[1.0, 2.0]), Some(1.5));
        assert_eq!(average(&[1.0, 1.0, 2.0]), Some(1.3));
    }

    #[test]
    fn blocks_in_first_appearance_order_with_titles() {
        let titles = BTreeMap::from([("so_nganh".to_string(), "Sở, ban, ngành".to_string())]);
        let rows = [
            row("Xã A", "ubnd_xa", 50.0),
            row("Sở B", "so_nganh", 70.0),
            row("Xã C", "ubnd_xa", 60.0),
        ];
        let r = rank_totals(&rows, &bands(), &titles);
        let ids: Vec<_> = r.blocks.iter().map(|b| b.block.as_str()).collect();
        assert_eq!(ids, ["ubnd_xa", "so_nganh"]);
        assert_eq!(
            r.blocks[0].title, "ubnd_xa",
            "unknown block falls back to its id"
        );
        assert_eq!(r.blocks[1].title, "Sở, ban, ngành");
        assert_eq!(r.block("ubnd_xa").unwrap().rows[0].name, "Xã C");
        assert!(r.block("ubnd_huyen").is_none());
    }
}
