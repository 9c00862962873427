//! The Excel report: one sheet per block with the ranking table in the Bảng layout (STT, Tên
//! cơ quan, Tổng điểm, Xếp loại, Xếp hạng) and a detail sheet "Chi tiết" (agency × group).
//! Scores are stored as numbers (shown with one decimal), so the sheets can be sorted and
//! summed; headers are Vietnamese.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::Report;

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
    if let Some(notice) = super::incomplete_notice(report) {
        sheet.write_string_with_format(row + 1, 0, notice, &bold)?;
    }
    book.save_to_buffer()
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
