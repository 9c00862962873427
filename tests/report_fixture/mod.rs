//! A small hand-made report shared by the HTML and XLSX writer tests, with hostile text from
//! "audited sites": an agency named like an XSS payload and a snippet holding a script tag.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ttdt::rank::rank_sites;
use ttdt::report::Report;
use ttdt::rules::{Band, RuleSet};
use ttdt::score::{
    AgencyRef, AppliedOverride, CriterionScore, EvidenceRef, GroupScore, SiteScore, SiteStatus,
    Status,
};

/// The hostile agency name.
pub const EVIL_NAME: &str = "<img src=x onerror=alert(1)>";
/// The hostile evidence snippet.
pub const EVIL_SNIPPET: &str = "link \"<script>alert(2)</script>\" (nav)";

/// A band of the website rules.
pub fn band(id: &str, label: &str, min: f64) -> Band {
    Band {
        id: id.into(),
        label: label.into(),
        min,
    }
}

/// The website rules' bands without groups: enough for ranking and report writers.
pub fn rules() -> RuleSet {
    RuleSet {
        id: "sonla-2017".into(),
        title: "Bộ tiêu chí Trang TTĐT Sơn La 2017".into(),
        source: String::new(),
        sha256: "ab".repeat(32),
        total: 100.0,
        bands: vec![
            band("tot", "Tốt", 80.0),
            band("kha", "Khá", 65.0),
            band("trung_binh", "Trung bình", 50.0),
            band("yeu", "Yếu", 0.0),
        ],
        no_section: vec![],
        groups: vec![],
        calendar: ttdt::calendar::WorkCalendar::vietnam(),
    }
}

/// A calendar date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn criterion(id: &str, score: f64, max: f64, status: Status) -> CriterionScore {
    CriterionScore {
        id: id.into(),
        name: format!("Tiêu chí {id}"),
        score,
        max,
        status,
        reason: format!("lý do của {id} <b>"),
        fix: (status != Status::Met).then(|| format!("cách sửa {id}")),
        last_updated: None,
        override_: None,
        freshness: None,
    }
}

fn site(id: &str, name: &str, block: &str, news: f64, url: &str) -> SiteScore {
    let rules = rules();
    let mut lich = criterion("lich_cong_tac", 5.0, 5.0, Status::Met);
    lich.override_ = Some(AppliedOverride {
        machine_status: Status::Missing,
        machine_score: 0.0,
        reason: "lịch đăng trên cổng tỉnh".into(),
        auditor: "Nguyễn Văn A".into(),
        date: date(2022, 9, 1),
    });
    let total = news + 5.0 + 60.0;
    SiteScore {
        agency: AgencyRef {
            id: id.into(),
            name: name.into(),
            block: block.into(),
        },
        url: url.into(),
        status: SiteStatus::Ok,
        pages_fetched: 12,
        fetch_errors: vec![],
        total,
        max: 100.0,
        provisional: false,
        band: rules.band_for(total).clone(),
        rank: None,
        non_unicode_pages: Vec::new(),
        skipped: Vec::new(),
        groups: vec![
            GroupScore {
                public_services: None,
                id: "tin_tuc".into(),
                name: "Tin tức, sự kiện".into(),
                score: news,
                max: 15.0,
                status: if news >= 15.0 {
                    Status::Met
                } else {
                    Status::Stale
                },
                last_updated: Some(date(2022, 3, 4)),
                evidence: vec![EvidenceRef {
                    url: format!("{url}tin-tuc"),
                    record_id: Some("<urn:uuid:00000000-0000-0000-0000-000000000001>".into()),
                    date: Some(date(2022, 3, 4)),
                    snippet: EVIL_SNIPPET.into(),
                }],
                criteria: vec![criterion(
                    "tin_tuc_cap_nhat",
                    news,
                    15.0,
                    if news >= 15.0 {
                        Status::Met
                    } else {
                        Status::Stale
                    },
                )],
            },
            GroupScore {
                public_services: None,
                id: "chi_dao_dieu_hanh".into(),
                name: "Thông tin chỉ đạo điều hành".into(),
                score: 5.0,
                max: 10.0,
                status: Status::Partial,
                last_updated: None,
                evidence: vec![],
                criteria: vec![lich, criterion("y_kien", 0.0, 5.0, Status::Missing)],
            },
        ],
    }
}

/// Three sites in two blocks, one with a hostile name and a non-http URL.
pub fn report() -> Report {
    let rules = rules();
    let mut sites = vec![
        site("evil", EVIL_NAME, "so_nganh", 2.5, "javascript:alert(3)//"),
        site(
            "snv",
            "Sở Nội vụ",
            "so_nganh",
            15.0,
            "https://snv.sonla.gov.vn/",
        ),
        site(
            "xa",
            "UBND phường Chiềng An",
            "ubnd_xa",
            7.5,
            "https://chiengan.sonla.gov.vn/",
        ),
    ];
    let titles = BTreeMap::from([
        ("so_nganh".to_string(), "Sở, ban, ngành".to_string()),
        ("ubnd_xa".to_string(), "UBND xã, phường".to_string()),
    ]);
    let ranking = rank_sites(&mut sites, &rules, &titles);
    Report::new(
        &rules,
        date(2022, 8, 27),
        "20220827T013000Z",
        sites,
        Some(ranking),
    )
}
