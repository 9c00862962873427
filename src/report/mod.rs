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

/// Names of a site's groups that could not be measured (why its total is provisional).
pub fn unmeasured_group_names(site: &SiteScore) -> String {
    site.groups
        .iter()
        .filter(|g| g.status == Status::Unmeasured)
        .map(|g| g.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

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
