//! Hand-built crawl records and a run for the snapshot tests (shared by `tests/snapshot_*.rs`
//! through `#[path]`). Nothing here crawls or scores: the HTTP bytes are written by hand, and
//! the scores are made-up values whose only job is to name record ids as evidence.
#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ttdt::config::Agency;
use ttdt::crawl::{
    CrawlResult, FailReason, FetchKind, FetchOutcome, FetchRecord, HttpResponse, SkippedUrl,
};
use ttdt::rules::{Band, RuleSet};
use ttdt::runner::{AgencyOutcome, RunOutput};
use ttdt::score::{
    AgencyRef, CriterionScore, EvidenceRef, GroupScore, SiteScore, SiteStatus, Status,
};

/// The rules bytes stored with the test run (any text works: only its hash must match).
pub const RULES_YAML: &str =
    "id: test-rules\ntitle: Bộ tiêu chí thử\n# only hashed by these tests\n";

/// Overrides stored with the test run.
pub const OVERRIDES_YAML: &str = "overrides:\n  - agency: sotttt\n    criterion: tin_tuc_cap_nhat\n    status: met\n    reason: Kiểm tra thủ công\n    auditor: Tổ thẩm định\n    date: 2022-08-26\n";

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 8, 27).unwrap()
}

pub fn t(sec: u32, nanos: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 8, 27, 1, 30, 0).unwrap()
        + chrono::Duration::seconds(sec as i64)
        + chrono::Duration::nanoseconds(nanos as i64)
}

pub fn id(n: u32) -> String {
    format!("<urn:uuid:00000000-0000-4000-8000-{n:012}>")
}

pub fn request_headers(host: &str) -> Vec<(String, String)> {
    vec![
        (
            "user-agent".into(),
            "ttdt/0.1.0 (+https://github.com/ttdt-audit/ttdt)".into(),
        ),
        (
            "accept".into(),
            "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8".into(),
        ),
        ("accept-encoding".into(), "gzip, br, deflate".into()),
        ("host".into(), host.into()),
    ]
}

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn response(n: u32, url: &str, kind: FetchKind, depth: u32, resp: HttpResponse) -> FetchRecord {
    let host = url::Url::parse(url)
        .unwrap()
        .host_str()
        .unwrap()
        .to_string();
    FetchRecord {
        record_id: id(n),
        url: url.into(),
        fetched_at: t(n, 123_456_789 + n),
        kind,
        depth,
        request_headers: request_headers(&host),
        outcome: FetchOutcome::Response(resp),
        reading: None,
    }
}

pub fn failure(n: u32, url: &str, reason: FailReason, detail: &str) -> FetchRecord {
    FetchRecord {
        record_id: id(n),
        url: url.into(),
        fetched_at: t(n, 5),
        kind: FetchKind::Page,
        depth: 1,
        request_headers: request_headers("sotttt.sonla.gov.vn"),
        outcome: FetchOutcome::Failed {
            reason,
            detail: detail.into(),
        },
        reading: None,
    }
}

pub const HOME_HTML: &str = "<!DOCTYPE html>\r\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Sở Thông tin và Truyền thông</title></head>\r\n\r\n<body><nav><a href=\"/tin-tuc\">Tin tức, sự kiện</a> <a href=\"/lich-cong-tac\">Lịch công tác</a></nav>\r\n<main><h1>Tin tức</h1><ul><li>27/08/2022 Hội nghị chuyển đổi số</li></ul></main></body></html>\r\n";

/// Every byte value, and CRLF CRLF sequences that must not confuse the HTTP header parser.
pub fn binary_body() -> Vec<u8> {
    let mut b: Vec<u8> = b"%PDF-1.4\r\n\r\n".to_vec();
    b.extend((0..=255u8).cycle().take(3000));
    b.extend_from_slice(b"\r\n\r\nHTTP/1.1 200 OK\r\n\r\n");
    b
}

/// The records of a site that answers, with every kind of record the writer handles.
pub fn sotttt_records() -> Vec<FetchRecord> {
    let base = "https://sotttt.sonla.gov.vn";
    vec![
        response(
            1,
            &format!("{base}/robots.txt"),
            FetchKind::Robots,
            0,
            HttpResponse {
                status: 200,
                http_version: "HTTP/1.1".into(),
                // Received gzip + chunked; the body below is already decoded.
                headers: h(&[
                    ("Content-Type", "text/plain"),
                    ("Content-Encoding", "gzip"),
                    ("Transfer-Encoding", "chunked"),
                    ("Date", "Sat, 27 Aug 2022 01:30:01 GMT"),
                ]),
                body: b"User-agent: *\nDisallow: /admin\nSitemap: https://sotttt.sonla.gov.vn/sitemap.xml\n".to_vec(),
                truncated: None,
                redirect_to: None,
            },
        ),
        response(
            2,
            &format!("{base}/"),
            FetchKind::Page,
            0,
            HttpResponse {
                status: 301,
                http_version: "HTTP/1.1".into(),
                headers: h(&[("Location", "/trang-chu"), ("Content-Length", "0")]),
                body: Vec::new(),
                truncated: None,
                redirect_to: Some(format!("{base}/trang-chu")),
            },
        ),
        response(
            3,
            &format!("{base}/trang-chu"),
            FetchKind::Page,
            0,
            HttpResponse {
                status: 200,
                http_version: "HTTP/2.0".into(),
                headers: h(&[
                    ("content-type", "text/html; charset=utf-8"),
                    ("content-encoding", "br"),
                    ("content-length", "187"),
                    ("set-cookie", "JSESSIONID=abc; Path=/; HttpOnly"),
                    ("set-cookie", "lang=vi"),
                    ("x-empty", ""),
                    ("x-spaced", "  padded value  "),
                    ("x-ttdt-original-weird", "a header that looks like ours"),
                    ("x-unicode", "Sở TT&TT — “trích dẫn”"),
                ]),
                body: HOME_HTML.as_bytes().to_vec(),
                truncated: None,
                redirect_to: None,
            },
        ),
        response(
            4,
            &format!("{base}/sitemap.xml"),
            FetchKind::Sitemap,
            0,
            HttpResponse {
                status: 200,
                http_version: "HTTP/1.1".into(),
                headers: h(&[("Content-Type", "application/xml")]),
                body: b"<?xml version=\"1.0\"?><urlset><url><loc>https://sotttt.sonla.gov.vn/tin-tuc</loc></url></urlset>".to_vec(),
                truncated: None,
                redirect_to: None,
            },
        ),
        response(
            5,
            &format!("{base}/rss/tin-tuc.rss?page=1&b=2"),
            FetchKind::Feed,
            1,
            HttpResponse {
                status: 200,
                http_version: "HTTP/1.1".into(),
                headers: h(&[("Content-Type", "application/rss+xml")]),
                body: b"<rss><channel><item><title>Tin 1</title></item></channel></rss>".to_vec(),
                truncated: None,
                redirect_to: None,
            },
        ),
        response(
            6,
            &format!("{base}/van-ban/qd-3247.pdf"),
            FetchKind::Page,
            2,
            HttpResponse {
                status: 200,
                http_version: "HTTP/1.1".into(),
                headers: h(&[("Content-Type", "application/pdf"), ("Content-Length", "3034")]),
                body: binary_body(),
                truncated: None,
                redirect_to: None,
            },
        ),
        response(
            7,
            &format!("{base}/tin-tuc"),
            FetchKind::Page,
            1,
            HttpResponse {
                status: 200,
                http_version: "HTTP/1.1".into(),
                headers: h(&[("Content-Type", "text/html"), ("Content-Length", "99999999")]),
                body: b"<html><body><h1>Tin t\xe1\xbb\xa9c</h1><p>c\xc3\xa1t c".to_vec(),
                truncated: Some(FailReason::TooLarge),
                redirect_to: None,
            },
        ),
        failure(
            8,
            &format!("{base}/lich-cong-tac"),
            FailReason::Timeout,
            "no response in 30 s\nretried once; path C:\\lich",
        ),
        response(
            9,
            &format!("{base}/khong-co"),
            FetchKind::Page,
            1,
            HttpResponse {
                status: 404,
                http_version: "HTTP/1.1".into(),
                headers: h(&[("Content-Type", "text/html")]),
                body: b"<h1>404</h1>".to_vec(),
                truncated: None,
                redirect_to: None,
            },
        ),
        response(
            10,
            &format!("{base}/hoi-dap"),
            FetchKind::Page,
            1,
            HttpResponse {
                status: 200,
                http_version: "HTTP/1.1".into(),
                headers: h(&[("Content-Type", "text/html")]),
                body: b"<html>cut mid-transfer".to_vec(),
                truncated: Some(FailReason::Reset),
                redirect_to: None,
            },
        ),
    ]
}

/// An unreachable site: only failures.
pub fn sonv_records() -> Vec<FetchRecord> {
    vec![
        FetchRecord {
            record_id: id(101),
            url: "https://sonv.sonla.gov.vn/robots.txt".into(),
            fetched_at: t(40, 0),
            kind: FetchKind::Robots,
            depth: 0,
            request_headers: request_headers("sonv.sonla.gov.vn"),
            outcome: FetchOutcome::Failed {
                reason: FailReason::Dns,
                detail: "no such host".into(),
            },
            reading: None,
        },
        failure(
            102,
            "https://sonv.sonla.gov.vn/",
            FailReason::Tls,
            "certificate expired",
        ),
    ]
}

pub fn agency(id: &str, name: &str, block: &str, url: &str) -> Agency {
    Agency {
        id: id.into(),
        name: name.into(),
        block: block.into(),
        url: url::Url::parse(url).unwrap(),
        scope: vec![url.to_string()],
        extra_hosts: vec!["dichvucong.sonla.gov.vn".into()],
    }
}

fn band(id: &str, label: &str, min: f64) -> Band {
    Band {
        id: id.into(),
        label: label.into(),
        min,
    }
}

pub fn rules() -> RuleSet {
    RuleSet {
        id: "test-rules".into(),
        title: "Bộ tiêu chí thử".into(),
        source: String::new(),
        sha256: ttdt::snapshot::sha256_hex(RULES_YAML.as_bytes()),
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

/// A made-up score citing `evidence_ids` as the records its evidence rests on.
pub fn score(agency: &Agency, total: f64, evidence_ids: &[String]) -> SiteScore {
    SiteScore {
        agency: AgencyRef {
            id: agency.id.clone(),
            name: agency.name.clone(),
            block: agency.block.clone(),
        },
        url: agency.url.to_string(),
        status: if evidence_ids.is_empty() {
            SiteStatus::Unreachable
        } else {
            SiteStatus::Ok
        },
        pages_fetched: evidence_ids.len(),
        fetch_errors: vec![],
        total,
        max: 100.0,
        provisional: evidence_ids.is_empty(),
        band: band("kha", "Khá", 65.0),
        rank: None,
        non_unicode_pages: Vec::new(),
        skipped: Vec::new(),
        groups: vec![GroupScore {
            public_services: None,
            id: "tin_tuc".into(),
            name: "Tin tức, sự kiện".into(),
            score: total,
            max: 100.0,
            status: Status::Met,
            last_updated: Some(as_of()),
            evidence: evidence_ids
                .iter()
                .map(|rid| EvidenceRef {
                    url: agency.url.to_string(),
                    record_id: Some(rid.clone()),
                    date: Some(as_of()),
                    snippet: "link \"Tin tức\" (nav)".into(),
                })
                .collect(),
            criteria: vec![CriterionScore {
                id: "tin_tuc_cap_nhat".into(),
                name: "Tin tức được cập nhật".into(),
                score: total,
                max: 100.0,
                status: Status::Met,
                reason: "đủ".into(),
                fix: None,
                last_updated: Some(as_of()),
                override_: None,
                freshness: None,
            }],
        }],
    }
}

/// A run of two agencies: one that answered, one unreachable.
pub fn run_output(started: DateTime<Utc>) -> RunOutput {
    let a = agency(
        "sotttt",
        "Sở Thông tin và Truyền thông",
        "so_nganh",
        "https://sotttt.sonla.gov.vn/",
    );
    let b = agency(
        "sonv",
        "Sở Nội vụ",
        "so_nganh",
        "https://sonv.sonla.gov.vn/",
    );
    let crawl = |start: &str, records: Vec<FetchRecord>, skipped: Vec<SkippedUrl>| CrawlResult {
        start_url: start.into(),
        records,
        skipped,
        started,
        finished: started + chrono::Duration::seconds(60),
    };
    RunOutput {
        run_id: ttdt::runner::run_id(started),
        started,
        finished: started + chrono::Duration::seconds(90),
        interrupted: None,
        outcomes: vec![
            AgencyOutcome {
                score: score(&a, 70.0, &[id(3), id(7)]),
                crawl: crawl(
                    "https://sotttt.sonla.gov.vn/",
                    sotttt_records(),
                    vec![
                        SkippedUrl {
                            url: "https://sotttt.sonla.gov.vn/admin".into(),
                            reason: "robots".into(),
                        },
                        SkippedUrl {
                            url: "https://sotttt.sonla.gov.vn/lich?ngay=2022-08-28".into(),
                            reason: "query_variants".into(),
                        },
                    ],
                ),
                agency: a,
            },
            AgencyOutcome {
                score: score(&b, 0.0, &[]),
                crawl: crawl("https://sonv.sonla.gov.vn/", sonv_records(), vec![]),
                agency: b,
            },
        ],
    }
}

pub fn started() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 8, 27, 1, 30, 0).unwrap()
}

/// Write the test run's snapshot into `dir`.
pub fn write_test_run(dir: &Path) -> ttdt::snapshot::Manifest {
    write_test_run_at(dir, started())
}

/// Write a test run started at `started` into `dir`.
pub fn write_test_run_at(dir: &Path, started: DateTime<Utc>) -> ttdt::snapshot::Manifest {
    ttdt::snapshot::write_run(
        dir,
        &run_output(started),
        &rules(),
        RULES_YAML.as_bytes(),
        as_of(),
        Some("Sở TT&TT Sơn La — tổ thẩm định"),
        Some(OVERRIDES_YAML),
    )
    .expect("snapshot written")
}

/// Field-by-field equality of two fetch records, with a message naming the field.
pub fn assert_same_record(a: &FetchRecord, b: &FetchRecord) {
    let ctx = &a.record_id;
    assert_eq!(a.record_id, b.record_id, "record_id");
    assert_eq!(a.url, b.url, "url of {ctx}");
    assert_eq!(a.fetched_at, b.fetched_at, "fetched_at of {ctx}");
    assert_eq!(a.kind, b.kind, "kind of {ctx}");
    assert_eq!(a.depth, b.depth, "depth of {ctx}");
    assert_eq!(
        a.request_headers, b.request_headers,
        "request headers of {ctx}"
    );
    match (&a.outcome, &b.outcome) {
        (FetchOutcome::Response(x), FetchOutcome::Response(y)) => {
            assert_eq!(x.status, y.status, "status of {ctx}");
            assert_eq!(x.http_version, y.http_version, "http_version of {ctx}");
            assert_eq!(x.headers, y.headers, "headers of {ctx}");
            assert_eq!(x.body, y.body, "body of {ctx}");
            assert_eq!(x.truncated, y.truncated, "truncated of {ctx}");
            assert_eq!(x.redirect_to, y.redirect_to, "redirect_to of {ctx}");
        }
        (
            FetchOutcome::Failed {
                reason: r1,
                detail: d1,
            },
            FetchOutcome::Failed {
                reason: r2,
                detail: d2,
            },
        ) => {
            assert_eq!(r1, r2, "failure reason of {ctx}");
            assert_eq!(d1, d2, "failure detail of {ctx}");
        }
        _ => panic!("outcome kind differs for {ctx}"),
    }
    // Belt and braces: every field, as Debug prints them.
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}
