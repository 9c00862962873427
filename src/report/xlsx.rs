//! The Excel report: one sheet per block with the ranking table in the Bảng layout (STT, Tên
//! cơ quan, Tổng điểm, Xếp loại, Xếp hạng) and a detail sheet "Chi tiết" (agency × group).
//! Scores are stored as numbers (shown with one decimal), so the sheets can be sorted and
//! summed; headers are Vietnamese.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::Report;
use crate::rank::tables::RankTables;

/// Header of a block's ranking sheet.
pub const RANKING_HEADER: [&str; 5] = ["STT", "Tên cơ quan", "Tổng điểm", "Xếp loại", "Xếp hạng"];

/// Fixed leading columns of the detail sheet "Chi tiết".
pub const DETAIL_HEADER: [&str; 9] = [
    "Mã cơ quan",
    "Tên cơ quan",
    "Khối",
    "Nhóm tiêu chí",
    "Điểm",
    "Tối đa",
    "Trạng thái",
    "Cập nhật gần nhất",
    "Tổng điểm",
];

/// Name of the detail sheet.
pub const DETAIL_SHEET: &str = "Chi tiết";

/// A valid, unique sheet name: no `[]:*?/\`, at most 31 characters.
fn sheet_name(title: &str, used: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "Khối".into()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" ({n})");
        name = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    used.push(name.clone());
    name
}

fn header(sheet: &mut Worksheet, cols: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (i, h) in cols.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, *h, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Build the workbook of a report and return its bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let one_decimal = Format::new().set_num_format("0.0");
    let mut used = vec![DETAIL_SHEET.to_string()];
    for block in report.rankings.iter().flat_map(|r| &r.blocks) {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&block.title, &mut used))?;
        header(sheet, &RANKING_HEADER, &bold)?;
        sheet.set_column_width(1, 45)?;
        sheet.set_column_width(2, 11)?;
        sheet.set_column_width(3, 12)?;
        for (i, r) in block.rows.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_number(row, 0, (i + 1) as f64)?;
            sheet.write_string(row, 1, &r.name)?;
            sheet.write_number_with_format(row, 2, crate::score::round1(r.total), &one_decimal)?;
            sheet.write_string(row, 3, &r.band.label)?;
            sheet.write_number(row, 4, f64::from(r.rank))?;
        }
        let mut row = block.rows.len() as u32 + 2;
        sheet.write_string_with_format(row, 1, "Điểm trung bình", &bold)?;
        sheet.write_number_with_format(row, 2, block.average, &one_decimal)?;
        for s in &block.band_shares {
            row += 1;
            sheet.write_string(row, 1, format!("Mức {}", s.band.label.to_lowercase()))?;
            sheet.write_number(row, 2, s.count as f64)?;
            sheet.write_string(row, 3, format!("{}%", s.percent))?;
        }
    }
    let sheet = book.add_worksheet();
    sheet.set_name(DETAIL_SHEET)?;
    header(sheet, &DETAIL_HEADER, &bold)?;
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(3, 30)?;
    sheet.set_column_width(7, 16)?;
    let mut row = 1u32;
    for site in &report.sites {
        for g in &site.groups {
            sheet.write_string(row, 0, &site.agency.id)?;
            sheet.write_string(row, 1, &site.agency.name)?;
            sheet.write_string(row, 2, &site.agency.block)?;
            sheet.write_string(row, 3, &g.name)?;
            sheet.write_number_with_format(row, 4, crate::score::round1(g.score), &one_decimal)?;
            sheet.write_number_with_format(row, 5, g.max, &one_decimal)?;
            sheet.write_string(row, 6, super::status_label(g.status))?;
            sheet.write_string(row, 7, super::vn_date_or_dash(g.last_updated))?;
            sheet.write_number_with_format(
                row,
                8,
                crate::score::round1(site.total),
                &one_decimal,
            )?;
            row += 1;
        }
    }
    // The same notes the other human reports carry, under the table: an incomplete run,
    // `--insecure`, and per site its non-Unicode pages and what the crawl cut off.
    row += 1;
    for note in report_notes(report) {
        sheet.write_string_with_format(row, 0, note, &bold)?;
        row += 1;
    }
    book.save_to_buffer()
}

/// The report-wide and per-site notes of a workbook, one line each, in reading order.
fn report_notes(report: &Report) -> Vec<String> {
    let mut notes = super::run_notes(report);
    for site in &report.sites {
        for line in super::crawl_note_lines(site) {
            notes.push(format!("{}: {line}", site.agency.name));
        }
    }
    notes
}

/// Header of a table sheet of `ttdt rank` (the score column is named per table).
pub const RANK_TABLE_HEADER: [&str; 4] = ["STT", "Tên cơ quan", "Điểm", "Xếp hạng"];

/// Name of the detail sheet of `ttdt rank` (agency × category).
pub const RANK_DETAIL_SHEET: &str = "Chi tiết";

/// The tables of `ttdt rank` as a workbook: one sheet per table named like the decision
/// ("Bảng 1", "Bảng 1.1" …) with the rows under their band headings, the caption, the average
/// and the band shares; then "Chi tiết": one row per agency with its block, every category
/// score of its block and its total, all as numbers.
pub fn render_rank_tables(tables: &RankTables) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let italic = Format::new().set_italic();
    let one_decimal = Format::new().set_num_format("0.0");
    let mut used = vec![RANK_DETAIL_SHEET.to_string()];
    for table in &tables.tables {
        let text = super::rank_table_text(table, tables);
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&format!("Bảng {}", table.number), &mut used))?;
        let mut cols = RANK_TABLE_HEADER;
        cols[2] = &text.score_header;
        header(sheet, &cols, &bold)?;
        sheet.set_column_width(1, 45)?;
        sheet.set_column_width(2, 16)?;
        let mut row = 1u32;
        let mut stt = 0;
        for (heading, rows) in super::rank_table_sections(table) {
            if let Some(h) = heading {
                sheet.write_string_with_format(row, 0, h, &bold)?;
                row += 1;
            }
            for r in rows {
                stt += 1;
                sheet.write_number(row, 0, f64::from(stt))?;
                sheet.write_string(row, 1, &r.agency)?;
                sheet.write_number_with_format(row, 2, r.score, &one_decimal)?;
                sheet.write_number(row, 3, f64::from(r.rank))?;
                row += 1;
            }
        }
        row += 1;
        sheet.write_string_with_format(row, 0, &text.caption, &italic)?;
        if let Some(h) = &text.heading {
            row += 1;
            sheet.write_string(row, 0, h)?;
        }
        row += 1;
        sheet.write_string_with_format(row, 1, "Điểm trung bình", &bold)?;
        sheet.write_number_with_format(row, 2, table.average, &one_decimal)?;
        for s in &table.band_shares {
            row += 1;
            sheet.write_string(row, 1, super::band_heading_label(&s.band.label))?;
            sheet.write_number(row, 2, s.count as f64)?;
            sheet.write_string(row, 3, format!("{}%", s.percent))?;
        }
    }
    rank_detail_sheet(&mut book, tables, &bold, &one_decimal)?;
    book.save_to_buffer()
}

/// "Chi tiết" of `ttdt rank`: per block, its agencies (in the overall table's order) with every
/// category score of the block and the total.
fn rank_detail_sheet(
    book: &mut Workbook,
    tables: &RankTables,
    bold: &Format,
    one_decimal: &Format,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(RANK_DETAIL_SHEET)?;
    sheet.set_column_width(0, 45)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_freeze_panes(1, 0)?;
    let mut row = 0u32;
    for overall in tables.tables.iter().filter(|t| t.category.is_none()) {
        let categories: Vec<_> = tables
            .tables
            .iter()
            .filter(|t| t.block.id == overall.block.id && t.category.is_some())
            .collect();
        let mut cols = vec!["Tên cơ quan".to_string(), "Khối".to_string()];
        cols.extend(
            categories
                .iter()
                .filter_map(|t| t.category.as_ref().map(|c| c.name.clone())),
        );
        cols.push("Tổng điểm".into());
        for (i, c) in cols.iter().enumerate() {
            sheet.write_string_with_format(row, i as u16, c, bold)?;
        }
        row += 1;
        for r in &overall.rows {
            sheet.write_string(row, 0, &r.agency)?;
            sheet.write_string(row, 1, &overall.block.title)?;
            for (i, t) in categories.iter().enumerate() {
                if let Some(cr) = t.rows.iter().find(|x| x.agency == r.agency) {
                    sheet.write_number_with_format(row, 2 + i as u16, cr.score, one_decimal)?;
                }
            }
            sheet.write_number_with_format(
                row,
                2 + categories.len() as u16,
                r.score,
                one_decimal,
            )?;
            row += 1;
        }
        row += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = vec![DETAIL_SHEET.to_string()];
        assert_eq!(sheet_name("Sở, ban, ngành", &mut used), "Sở, ban, ngành");
        assert_eq!(sheet_name("a/b", &mut used), "a-b");
        assert_eq!(sheet_name("A-B", &mut used), "A-B (2)");
        assert_eq!(sheet_name("chi tiết", &mut used), "chi tiết (2)");
        assert!(sheet_name(&"x".repeat(40), &mut used).chars().count() <= 31);
    }
}
