//! CSV for machines: UTF-8 with a byte-order mark (so Excel opens Vietnamese names correctly),
//! comma-separated, decimal point, RFC 4180 quoting, CRLF line ends. Two layouts: the tables of
//! `ttdt rank` ([`rank_tables_csv`]) and the detail of an audit or run report, agency × group
//! ([`report_csv`]).

use crate::rank::tables::RankTables;
use crate::score::{SiteStatus, Status};

use super::Report;

/// The byte-order mark that starts every CSV we write.
pub const BOM: &str = "\u{feff}";

/// Header of [`rank_tables_csv`].
pub const RANK_HEADER: &str = "block,table,stt,agency,score,rank,band,band_label";

/// The tables of `ttdt rank --format csv`: one row per (block, table, agency), in table and
/// display order. `table` is `total` or the category id; `band` and `band_label` are empty in
/// category tables.
pub fn rank_tables_csv(tables: &RankTables) -> String {
    let mut out = String::from(BOM);
    out.push_str(RANK_HEADER);
    out.push_str("\r\n");
    for t in &tables.tables {
        for (i, r) in t.rows.iter().enumerate() {
            let (band, label) = r
                .band
                .as_ref()
                .map_or(("", ""), |b| (b.id.as_str(), b.label.as_str()));
            let fields = [
                field(&t.block.id),
                field(t.table_id()),
                (i + 1).to_string(),
                field(&r.agency),
                number(r.score),
                r.rank.to_string(),
                field(band),
                field(label),
            ];
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// Header of [`report_csv`].
pub const REPORT_HEADER: &str = "rules_id,as_of,run_id,agency_id,agency,block,url,site_status,\
total,max,provisional,band,rank,group,group_name,group_score,group_max,group_status,last_updated,notes";

/// An audit or run report for machines: one row per (agency, group) with the site's total,
/// band and rank repeated on each of its rows, so that a spreadsheet can filter or pivot and
/// nightly files can be concatenated (every row names its rules, as-of date and run). Status
/// values are the JSON ids (`met`, `partial`, `stale`, `missing`, `unmeasured`; `ok`,
/// `partial`, `unreachable`); `rank` is empty when the report does not rank, `last_updated`
/// (`YYYY-MM-DD`) when no dated item was found. A site without groups still gets one row.
/// `notes` repeats on each of a site's rows what the human reports say beside it, joined by
/// ` | `: an incomplete run, `--insecure`, the site's pages not in Unicode and what its crawl
/// cut off; empty when there is nothing to say.
pub fn report_csv(report: &Report) -> String {
    let mut out = String::from(BOM);
    out.push_str(REPORT_HEADER);
    out.push_str("\r\n");
    let run_notes = super::run_notes(report);
    for site in &report.sites {
        let notes: Vec<String> = run_notes
            .iter()
            .cloned()
            .chain(super::crawl_note_lines(site))
            .collect();
        let notes = field(&notes.join(" | "));
        let head = [
            field(&report.rules.id),
            report.as_of.to_string(),
            field(&report.run_id),
            field(&site.agency.id),
            field(&site.agency.name),
            field(&site.agency.block),
            field(&site.url),
            site_status_id(site.status).to_string(),
            number(site.total),
            number(site.max),
            site.provisional.to_string(),
            field(&site.band.id),
            site.rank.map(|r| r.to_string()).unwrap_or_default(),
        ];
        let groups: Vec<[String; 6]> = site
            .groups
            .iter()
            .map(|g| {
                [
                    field(&g.id),
                    field(&g.name),
                    number(g.score),
                    number(g.max),
                    status_id(g.status).to_string(),
                    g.last_updated.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        let empty: [String; 6] = Default::default();
        for g in groups.iter().chain(groups.is_empty().then_some(&empty)) {
            out.push_str(&head.join(","));
            out.push(',');
            out.push_str(&g.join(","));
            out.push(',');
            out.push_str(&notes);
            out.push_str("\r\n");
        }
    }
    out
}

/// The JSON id of a group or criterion status.
fn status_id(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::Partial => "partial",
        Status::Stale => "stale",
        Status::Missing => "missing",
        Status::Unmeasured => "unmeasured",
    }
}

/// The JSON id of a site's crawl status.
fn site_status_id(s: SiteStatus) -> &'static str {
    match s {
        SiteStatus::Ok => "ok",
        SiteStatus::Partial => "partial",
        SiteStatus::Unreachable => "unreachable",
    }
}

/// A text field, quoted when it holds a comma, quote, line break or edge spaces.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A number with a decimal point and no float noise: `83.8`, `70`, `6.75`.
pub fn number(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6 + 0.0;
    format!("{r}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_numbers() {
        assert_eq!(field("Sở Y tế"), "Sở Y tế");
        assert_eq!(field("Sở Văn hóa, Thể thao"), "\"Sở Văn hóa, Thể thao\"");
        assert_eq!(field("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(number(83.8), "83.8");
        assert_eq!(number(70.0), "70");
        assert_eq!(number(9.0 + 24.8 + 23.0 + 8.0 + 10.0 + 9.0), "83.8");
        assert_eq!(number(-0.0), "0");
    }

    /// The ids here are the JSON ones (serde's snake_case names).
    #[test]
    fn status_ids_match_json() {
        for s in [
            Status::Met,
            Status::Partial,
            Status::Stale,
            Status::Missing,
            Status::Unmeasured,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), status_id(s));
        }
        for s in [SiteStatus::Ok, SiteStatus::Partial, SiteStatus::Unreachable] {
            assert_eq!(serde_json::to_value(s).unwrap(), site_status_id(s));
        }
    }
}
