//! Report writers: terminal text ([`text`]), JSON ([`json`], the machine contract), Markdown
//! ([`markdown`], the source decision's Bảng layout), CSV ([`csv`], for machines), HTML
//! ([`html`], one self-contained page with charts) and Excel ([`xlsx`]).
//!
//! Every writer takes the same [`Report`] and only formats: nothing here scores or ranks. The
//! Vietnamese wording shared by the writers (status labels, number and date formats, band
//! colours) lives in this module so that the text and Markdown reports never disagree.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;
pub mod xlsx;

use chrono::NaiveDate;

use crate::score::{
    AppliedOverride, CriterionScore, FetchError, GroupScore, SiteScore, SiteStatus, Status, round1,
};

pub use json::{Report, RulesInfo, ToolInfo, to_json};

/// The warning every human-readable report prints at its top when the run was stopped before it
/// finished (`None` for a complete run).
pub fn incomplete_notice(report: &Report) -> Option<String> {
    report.incomplete.then(|| {
        format!(
            "CHƯA HOÀN TẤT: lượt chạy bị dừng ({}) trước khi kiểm tra xong. Điểm chỉ dựa trên các \
             trang đã tải được; nhóm chưa kiểm tra được ghi là “chưa đo được”, không phải “thiếu”.",
            report.interrupted_by.as_deref().unwrap_or("bị ngắt")
        )
    })
}

/// Vietnamese label of a criterion or group status, as every report prints it.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Met => "đạt",
        Status::Partial => "một phần",
        Status::Stale => "lỗi thời",
        Status::Missing => "thiếu",
        Status::Unmeasured => "chưa đo được",
    }
}

/// Vietnamese label of a site's crawl status.
pub fn site_status_label(status: SiteStatus) -> &'static str {
    match status {
        SiteStatus::Ok => "truy cập được",
        SiteStatus::Partial => "truy cập được một phần",
        SiteStatus::Unreachable => "không truy cập được",
    }
}

/// ANSI colour (SGR parameters) of a band id in terminal reports; `None` for unknown bands,
/// which are then printed plain.
pub fn band_color(band_id: &str) -> Option<&'static str> {
    match band_id {
        "tot" => Some("1;32"),      // bold green
        "kha" => Some("36"),        // cyan
        "trung_binh" => Some("33"), // yellow
        "yeu" => Some("31"),        // red
        _ => None,
    }
}

/// ANSI colour of a status in terminal reports, so what needs work stands out.
pub fn status_color(status: Status) -> &'static str {
    match status {
        Status::Met => "32",
        Status::Partial | Status::Stale => "33",
        Status::Missing => "31",
        Status::Unmeasured => "35",
    }
}

/// The footnote explaining the `*` after a provisional total.
pub const PROVISIONAL_NOTE: &str = "* tạm tính: có nhóm chưa đo được";

/// A score with one decimal and a decimal comma, as the decision prints it: `81,0`, `34,1`.
pub fn vn_decimal(x: f64) -> String {
    // `+ 0.0` turns a rounded -0.0 into 0.0 so a tiny negative never prints "-0,0".
    format!("{:.1}", round1(x) + 0.0).replace('.', ",")
}

/// A number without a trailing `,0`: `5`, `2,5`. Used in running text (override lines), where
/// "thiếu (0) → đạt (5)" reads better than table-style `0,0`.
pub fn vn_number(x: f64) -> String {
    let r = round1(x) + 0.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        vn_decimal(r)
    }
}

/// A date in Vietnamese order, `dd/mm/yyyy`.
pub fn vn_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// An optional date, or "—" when unknown.
pub fn vn_date_or_dash(d: Option<NaiveDate>) -> String {
    d.map(vn_date).unwrap_or_else(|| "—".into())
}

/// The line showing an auditor's override next to the machine finding:
/// "Máy: thiếu (0) → Thẩm định: đạt (5), lý do: …, người thẩm định: …, ngày 01/09/2022".
pub fn override_line(criterion: &CriterionScore, o: &AppliedOverride) -> String {
    format!(
        "Máy: {} ({}) → Thẩm định: {} ({}), lý do: {}, người thẩm định: {}, ngày {}",
        status_label(o.machine_status),
        vn_number(o.machine_score),
        status_label(criterion.status),
        vn_number(criterion.score),
        o.reason,
        o.auditor,
        vn_date(o.date)
    )
}

/// Criteria a details section must list: those not met (with reason and fix) and those an
/// auditor overrode (the override is shown in every report, even when it made them met).
pub fn needs_listing(c: &CriterionScore) -> bool {
    c.status != Status::Met || c.override_.is_some()
}

/// Every criterion of a site that a details section must list, with its group, in report order.
pub fn listed_criteria(site: &SiteScore) -> Vec<(&GroupScore, &CriterionScore)> {
    site.groups
        .iter()
        .flat_map(|g| g.criteria.iter().map(move |c| (g, c)))
        .filter(|(_, c)| needs_listing(c))
        .collect()
}

/// "Tốt 6%, Khá 44%, …": a block's band shares as one line of every report.
pub fn shares_summary(shares: &[crate::rank::BandShare]) -> String {
    shares
        .iter()
        .map(|s| format!("{} {}%", s.band.label, s.percent))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "truy cập được, 412 trang, 3 lỗi truy cập": how the crawl of a site went, in every report.
pub fn access_summary(site: &SiteScore) -> String {
    format!(
        "{}, {} trang, {} lỗi truy cập",
        site_status_label(site.status),
        site.pages_fetched,
        site.fetch_errors.len()
    )
}

/// One Vietnamese line on the site's online public services, when the audit read them:
/// "Dịch vụ công trực tuyến: 8 thủ tục trên trang (toàn trình 3, một phần 4, mức độ 3: 1);
/// liên kết cổng: dichvucong.gov.vn (quốc gia), dichvucong.sonla.gov.vn (tỉnh, của địa phương)".
pub fn public_services_line(site: &SiteScore) -> Option<String> {
    let ps = site
        .groups
        .iter()
        .find_map(|g| g.public_services.as_ref())?;
    let mut parts = Vec::new();
    if ps.procedures > 0 {
        let levels: Vec<String> = ps
            .levels
            .iter()
            .map(|(k, n)| {
                let name = match k.as_str() {
                    "toan_trinh" => "toàn trình".to_string(),
                    "mot_phan" => "một phần".to_string(),
                    other => other
                        .strip_prefix("muc_do_")
                        .map_or_else(|| other.to_string(), |d| format!("mức độ {d}")),
                };
                format!("{name}: {n}")
            })
            .collect();
        let mut line = format!("{} thủ tục trên trang", ps.procedures);
        if !levels.is_empty() {
            line.push_str(&format!(" ({})", levels.join(", ")));
        }
        parts.push(line);
    } else {
        parts.push("trang không tự liệt kê thủ tục".to_string());
    }
    if !ps.portal_links.is_empty() {
        let portals: Vec<String> = ps
            .portal_links
            .iter()
            .map(|p| {
                let kind = match (p.kind.as_str(), p.own) {
                    ("national", _) => "quốc gia",
                    (_, true) => "tỉnh, của địa phương",
                    _ => "tỉnh khác",
                };
                format!("{} ({kind})", p.host)
            })
            .collect();
        parts.push(format!("liên kết cổng: {}", portals.join(", ")));
    }
    Some(format!("Dịch vụ công trực tuyến: {}", parts.join("; ")))
}

/// Names of a site's groups that could not be measured (why its total is provisional).
pub fn unmeasured_group_names(site: &SiteScore) -> String {
    site.groups
        .iter()
        .filter(|g| g.status == Status::Unmeasured)
        .map(|g| g.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The texts around one table of `ttdt rank`, the same in every format (plain text; each
/// writer escapes for its own syntax).
pub struct RankTableText {
    /// Heading above a category table: "1.2. Hạng mục Ứng dụng CNTT nội bộ (tối đa 25 điểm)".
    pub heading: Option<String>,
    /// Header of the score column: "Tổng điểm" or "Điểm hạng mục".
    pub score_header: String,
    /// Caption under the table, as the decision prints it: "Bảng 1.2. Xếp hạng …".
    pub caption: String,
}

/// The heading, score header and caption of one table of `ttdt rank`.
pub fn rank_table_text(
    table: &crate::rank::tables::RankTable,
    tables: &crate::rank::tables::RankTables,
) -> RankTableText {
    let caption_of = &table.block.caption;
    match &table.category {
        None => RankTableText {
            heading: None,
            score_header: "Tổng điểm".into(),
            caption: format!(
                "Bảng {}. Xếp hạng {}{} của {caption_of}",
                table.number,
                if table.from_categories {
                    "tổng thể "
                } else {
                    ""
                },
                tables.subject
            ),
        },
        Some(c) => RankTableText {
            heading: Some(format!(
                "{}. {} {} (tối đa {} điểm)",
                table.number,
                capitalize(&tables.category_label),
                c.name,
                vn_number(c.max)
            )),
            score_header: format!("Điểm {}", tables.category_label),
            caption: format!(
                "Bảng {}. Xếp hạng {} {} của {caption_of}",
                table.number, tables.category_label, c.name
            ),
        },
    }
}

/// Rows of an overall table grouped under the bands that have units, each with its heading
/// "A. Mức tốt (20%)", lettered in band order like the decision. Category tables have no bands:
/// one group with no heading.
pub fn rank_table_sections(
    table: &crate::rank::tables::RankTable,
) -> Vec<(Option<String>, Vec<&crate::rank::tables::TableRow>)> {
    if table.category.is_some() {
        return vec![(None, table.rows.iter().collect())];
    }
    table
        .non_empty_shares()
        .enumerate()
        .map(|(n, share)| {
            let heading = format!(
                "{}. {} ({}%)",
                heading_letter(n),
                band_heading_label(&share.band.label),
                share.percent
            );
            let rows = table
                .rows
                .iter()
                .filter(|r| r.band.as_ref().is_some_and(|b| b.id == share.band.id))
                .collect();
            (Some(heading), rows)
        })
        .collect()
}

/// First letter upper-case: "hạng mục" → "Hạng mục".
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The line under an overall table: average and band shares.
pub fn rank_table_summary(table: &crate::rank::tables::RankTable) -> String {
    format!(
        "Điểm trung bình: {}/{} ({} đơn vị). Tỷ lệ xếp loại: {}.",
        vn_decimal(table.average),
        vn_number(table.max()),
        table.rows.len(),
        shares_summary(&table.band_shares)
    )
}

/// How band shares are rounded, said under every overall table.
pub const SHARES_ROUNDING_NOTE: &str =
    "Tỷ lệ được làm tròn đến số nguyên theo phương pháp số dư lớn nhất, nên tổng luôn bằng 100%.";

/// Uppercase letter for the n-th (0-based) band heading: A, B, C, D … like the decision.
pub fn heading_letter(n: usize) -> char {
    char::from(b'A' + (n % 26) as u8)
}

/// The band label as used inside a heading: "Mức khá", "Mức trung bình".
pub fn band_heading_label(label: &str) -> String {
    format!("Mức {}", label.to_lowercase())
}

/// The first `limit` fetch errors, each rendered by `line`, then "… và N lỗi khác" for the rest:
/// one listing rule for every report format.
pub fn fetch_error_lines(
    errors: &[FetchError],
    limit: usize,
    line: impl Fn(&FetchError) -> String,
) -> Vec<String> {
    let mut out: Vec<String> = errors.iter().take(limit).map(line).collect();
    let rest = errors.len().saturating_sub(limit);
    if rest > 0 {
        out.push(format!("… và {rest} lỗi khác"));
    }
    out
}

/// The report-wide line shown when `--insecure` was used.
pub const INSECURE_NOTE: &str = "Lưu ý: đã dùng --insecure (chấp nhận chứng chỉ TLS không hợp lệ: tự ký, hết hạn); nội dung sau các chứng chỉ đó được đọc như đáng tin.";

/// The notes of a whole run, one line each: an incomplete run and `--insecure`. Every human
/// report and the CSV carry them, so no reader takes a cut-short or unverified run as whole.
pub fn run_notes(report: &Report) -> Vec<String> {
    let mut notes: Vec<String> = incomplete_notice(report).into_iter().collect();
    if report.insecure {
        notes.push(INSECURE_NOTE.to_string());
    }
    notes
}

/// Crawl notes of a site, one line each: pages not in Unicode (TCVN 6909) and what the crawl
/// cut off by reason. Shared by the text and Markdown reports.
pub fn crawl_note_lines(site: &SiteScore) -> Vec<String> {
    let mut out = Vec::new();
    if !site.non_unicode_pages.is_empty() {
        let list: Vec<String> = site
            .non_unicode_pages
            .iter()
            .take(3)
            .map(|p| format!("{} ({})", p.url, p.encoding))
            .collect();
        out.push(format!(
            "Trang {} ({}): {}",
            crate::text::NOT_UNICODE_NOTE,
            site.non_unicode_pages.len(),
            list.join(", ")
        ));
    }
    if !site.skipped.is_empty() {
        let parts: Vec<String> = site
            .skipped
            .iter()
            .map(|c| format!("{} {}", c.reason, c.count))
            .collect();
        out.push(format!("Không tải / không mở rộng: {}", parts.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_use_comma_and_one_place() {
        assert_eq!(vn_decimal(81.0), "81,0");
        assert_eq!(vn_decimal(34.06), "34,1");
        assert_eq!(vn_decimal(-0.01), "0,0");
        assert_eq!(vn_number(5.0), "5");
        assert_eq!(vn_number(2.5), "2,5");
        assert_eq!(vn_number(0.0), "0");
    }

    #[test]
    fn dates_are_day_first() {
        let d = NaiveDate::from_ymd_opt(2022, 8, 7).unwrap();
        assert_eq!(vn_date(d), "07/08/2022");
        assert_eq!(vn_date_or_dash(None), "—");
    }

    #[test]
    fn headings() {
        assert_eq!(heading_letter(0), 'A');
        assert_eq!(heading_letter(3), 'D');
        assert_eq!(band_heading_label("Trung bình"), "Mức trung bình");
    }
}
