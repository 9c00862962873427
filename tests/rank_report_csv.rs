//! The CSV detail of an audit or run report (`ttdt::report::csv::report_csv`): one row per
//! (agency, group), UTF-8 with BOM, comma-separated, decimal point, quoted where needed.

use chrono::NaiveDate;
use ttdt::report::Report;
use ttdt::report::csv::{REPORT_HEADER, report_csv};
use ttdt::rules::{Band, RuleSet};
use ttdt::score::{AgencyRef, GroupScore, SiteScore, SiteStatus, Status};

fn rules() -> RuleSet {
    RuleSet {
        id: "sonla-2017".into(),
        title: "Bộ tiêu chí".into(),
        source: String::new(),
        sha256: "ab".repeat(32),
        total: 100.0,
        bands: vec![],
        no_section: vec![],
        groups: vec![],
        calendar: ttdt::calendar::WorkCalendar::vietnam(),
    }
}

fn band(id: &str, label: &str) -> Band {
    Band {
        id: id.into(),
        label: label.into(),
        min: 0.0,
    }
}

fn group(id: &str, name: &str, score: f64, max: f64, status: Status) -> GroupScore {
    GroupScore {
        public_services: None,
        id: id.into(),
        name: name.into(),
        score,
        max,
        status,
        last_updated: (status != Status::Missing)
            .then(|| NaiveDate::from_ymd_opt(2022, 8, 24).unwrap()),
        evidence: vec![],
        criteria: vec![],
    }
}

fn site(id: &str, name: &str, total: f64, groups: Vec<GroupScore>) -> SiteScore {
    SiteScore {
        agency: AgencyRef {
            id: id.into(),
            name: name.into(),
            block: "so_nganh".into(),
        },
        url: format!("https://{id}.sonla.gov.vn/"),
        status: if groups.is_empty() {
            SiteStatus::Unreachable
        } else {
            SiteStatus::Ok
        },
        pages_fetched: 3,
        fetch_errors: vec![],
        total,
        max: 100.0,
        provisional: groups.is_empty(),
        band: if total >= 50.0 {
            band("trung_binh", "Trung bình")
        } else {
            band("yeu", "Yếu")
        },
        rank: Some(if total >= 50.0 { 1 } else { 2 }),
        non_unicode_pages: Vec::new(),
        skipped: Vec::new(),
        groups,
    }
}

#[test]
fn one_row_per_agency_and_group() {
    let sites = vec![
        site(
            "svhttdl",
            "Sở Văn hóa, Thể thao và Du lịch",
            63.5,
            vec![
                group("tin_tuc", "Tin tức, sự kiện", 12.5, 15.0, Status::Partial),
                group("lay_y_kien", "Lấy ý kiến", 0.0, 5.0, Status::Missing),
            ],
        ),
        site("sngv", "Sở Ngoại vụ", 0.0, vec![]),
    ];
    let report = Report::new(
        &rules(),
        NaiveDate::from_ymd_opt(2022, 8, 27).unwrap(),
        "20220827T013000Z",
        sites,
        None,
    );
    let csv = report_csv(&report);
    let head = "sonla-2017,2022-08-27,20220827T013000Z";
    assert_eq!(
        csv,
        format!(
            "\u{feff}{REPORT_HEADER}\r\n\
             {head},svhttdl,\"Sở Văn hóa, Thể thao và Du lịch\",so_nganh,https://svhttdl.sonla.gov.vn/,ok,63.5,100,false,trung_binh,1,tin_tuc,\"Tin tức, sự kiện\",12.5,15,partial,2022-08-24,\r\n\
             {head},svhttdl,\"Sở Văn hóa, Thể thao và Du lịch\",so_nganh,https://svhttdl.sonla.gov.vn/,ok,63.5,100,false,trung_binh,1,lay_y_kien,Lấy ý kiến,0,5,missing,,\r\n\
             {head},sngv,Sở Ngoại vụ,so_nganh,https://sngv.sonla.gov.vn/,unreachable,0,100,true,yeu,2,,,,,,,\r\n"
        )
    );
    // Every row has as many fields as the header (quoted commas aside).
    assert_eq!(REPORT_HEADER.split(',').count(), 20);
}
