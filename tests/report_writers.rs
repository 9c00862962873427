//! The report writers on a small hand-made run: JSON contract names, Markdown layout of the
//! decision's tables, terminal text, and `rank_sites` writing ranks back into the sites.

#[allow(dead_code)] // shared with the HTML and XLSX writer tests; not all of it is used here
mod report_fixture;

use std::collections::BTreeMap;

use report_fixture::{date, rules};
use serde_json::Value;
use ttdt::rank::{TotalRow, rank_sites, rank_totals};
use ttdt::report::markdown::{self, MarkdownOptions};
use ttdt::report::text::{self, display_width};
use ttdt::report::{Report, status_label, to_json};
use ttdt::score::{
    AgencyRef, AppliedOverride, CriterionScore, EvidenceRef, FetchError, GroupScore, SiteScore,
    SiteStatus, Status,
};

fn criterion(id: &str, name: &str, score: f64, max: f64, status: Status) -> CriterionScore {
    CriterionScore {
        id: id.into(),
        name: name.into(),
        score,
        max,
        status,
        reason: format!("lý do của {id}"),
        fix: (status != Status::Met).then(|| format!("cách sửa {id}")),
        last_updated: None,
        override_: None,
        freshness: None,
    }
}

fn site(id: &str, name: &str, block: &str, total: f64, provisional: bool) -> SiteScore {
    let rules = rules();
    let mut lich = criterion("lich_cong_tac", "Lịch công tác", 5.0, 5.0, Status::Met);
    lich.override_ = Some(AppliedOverride {
        machine_status: Status::Missing,
        machine_score: 0.0,
        reason: "lịch đăng trên cổng tỉnh".into(),
        auditor: "Nguyễn Văn A".into(),
        date: date(2022, 9, 1),
    });
    SiteScore {
        agency: AgencyRef {
            id: id.into(),
            name: name.into(),
            block: block.into(),
        },
        url: format!("https://{id}.sonla.gov.vn/"),
        status: if provisional {
            SiteStatus::Partial
        } else {
            SiteStatus::Ok
        },
        pages_fetched: 412,
        fetch_errors: if provisional {
            vec![FetchError {
                url: format!("https://{id}.sonla.gov.vn/lich"),
                reason: "timeout".into(),
                detail: "no response in 30 s".into(),
            }]
        } else {
            vec![]
        },
        total,
        max: 100.0,
        provisional,
        band: rules.band_for(total).clone(),
        rank: None,
        non_unicode_pages: Vec::new(),
        skipped: Vec::new(),
        groups: vec![
            GroupScore {
                public_services: None,
                id: "tin_tuc".into(),
                name: "Tin tức, sự kiện".into(),
                score: 0.0,
                max: 15.0,
                status: Status::Stale,
                last_updated: Some(date(2022, 3, 4)),
                evidence: vec![EvidenceRef {
                    url: format!("https://{id}.sonla.gov.vn/tin-tuc"),
                    record_id: Some("<urn:uuid:00000000-0000-0000-0000-000000000001>".into()),
                    date: Some(date(2022, 3, 4)),
                    snippet: "link \"Tin tức\" (nav)".into(),
                }],
                criteria: vec![criterion(
                    "tin_tuc_cap_nhat",
                    "Tin tức được cập nhật thường xuyên",
                    0.0,
                    15.0,
                    Status::Stale,
                )],
            },
            GroupScore {
                public_services: None,
                id: "chi_dao_dieu_hanh".into(),
                name: "Thông tin chỉ đạo điều hành".into(),
                score: 5.0,
                max: 10.0,
                status: if provisional {
                    Status::Unmeasured
                } else {
                    Status::Partial
                },
                last_updated: None,
                evidence: vec![],
                criteria: vec![
                    lich,
                    criterion("y_kien", "Ý kiến chỉ đạo", 0.0, 5.0, Status::Missing),
                ],
            },
        ],
    }
}

fn titles() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("so_nganh".to_string(), "Sở, ban, ngành".to_string()),
        ("ubnd_xa".to_string(), "UBND xã, phường".to_string()),
    ])
}

fn report() -> Report {
    let rules = rules();
    let mut sites = vec![
        site(
            "sotttt",
            "Sở Thông tin và Truyền thông",
            "so_nganh",
            63.5,
            true,
        ),
        site("snv", "Sở Nội vụ", "so_nganh", 81.0, false),
        site(
            "xa_chieng_an",
            "UBND phường Chiềng An",
            "ubnd_xa",
            34.06,
            false,
        ),
    ];
    let ranking = rank_sites(&mut sites, &rules, &titles());
    Report::new(
        &rules,
        date(2022, 8, 27),
        "20220827T013000Z",
        sites,
        Some(ranking),
    )
}

#[test]
fn rank_sites_writes_ranks_into_sites() {
    let r = report();
    let ranks: Vec<Option<u32>> = r.sites.iter().map(|s| s.rank).collect();
    assert_eq!(ranks, [Some(2), Some(1), Some(1)]);
    let ranking = r.rankings.as_ref().unwrap();
    assert_eq!(ranking.blocks[0].title, "Sở, ban, ngành");
    assert_eq!(ranking.blocks[0].rows[1].agency_id, "sotttt");
    assert!(ranking.blocks[0].rows[1].provisional);
    assert_eq!(ranking.blocks[1].block, "ubnd_xa");
}

#[test]
fn json_uses_the_contract_names() {
    let json = to_json(&report());
    let v: Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["tool"]["name"], "ttdt");
    assert_eq!(v["tool"]["version"], ttdt::VERSION);
    assert_eq!(v["rules"]["id"], "sonla-2017");
    assert_eq!(v["rules"]["sha256"], "ab".repeat(32));
    assert_eq!(v["as_of"], "2022-08-27");
    assert_eq!(v["run_id"], "20220827T013000Z");

    let site = &v["sites"][0];
    assert_eq!(site["agency"]["id"], "sotttt");
    assert_eq!(site["agency"]["block"], "so_nganh");
    assert_eq!(site["status"], "partial");
    assert_eq!(site["total"], 63.5);
    assert_eq!(site["provisional"], true);
    assert_eq!(site["band"]["id"], "trung_binh");
    assert_eq!(site["band"]["label"], "Trung bình");
    assert_eq!(site["rank"], 2);
    assert_eq!(site["fetch_errors"][0]["reason"], "timeout");

    let group = &site["groups"][0];
    assert_eq!(group["id"], "tin_tuc");
    assert_eq!(group["status"], "stale");
    assert_eq!(group["last_updated"], "2022-03-04");
    assert_eq!(
        group["evidence"][0]["record_id"],
        "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    );
    assert_eq!(group["criteria"][0]["status"], "stale");
    assert_eq!(group["criteria"][0]["fix"], "cách sửa tin_tuc_cap_nhat");
    assert_eq!(site["groups"][1]["status"], "unmeasured");
    assert!(site["groups"][1]["last_updated"].is_null());

    // The override is published as "override", never with the Rust field's underscore.
    let lich = &site["groups"][1]["criteria"][0];
    assert_eq!(lich["status"], "met");
    assert!(lich.get("fix").is_none(), "no fix for a met criterion");
    assert!(lich.get("override_").is_none());
    assert_eq!(lich["override"]["machine_status"], "missing");
    assert_eq!(lich["override"]["auditor"], "Nguyễn Văn A");
    assert_eq!(lich["override"]["date"], "2022-09-01");
    assert!(site["groups"][1]["criteria"][1].get("override").is_none());

    let block = &v["rankings"][0];
    assert_eq!(block["block"], "so_nganh");
    assert_eq!(block["title"], "Sở, ban, ngành");
    assert_eq!(block["rows"][0]["band"]["id"], "tot");
    assert_eq!(block["rows"][1]["provisional"], true);
    assert_eq!(block["band_shares"][0]["percent"], 50);
    assert_eq!(block["average"], 72.3);
}

#[test]
fn json_without_rankings_omits_the_key() {
    let mut r = report();
    r.rankings = None;
    let v: Value = serde_json::from_str(&to_json(&r)).unwrap();
    assert!(v.get("rankings").is_none());
    assert_eq!(v["sites"].as_array().unwrap().len(), 3);
}

#[test]
fn markdown_ranking_follows_the_decision_layout() {
    let opts = MarkdownOptions {
        first_table: 3,
        ..MarkdownOptions::default()
    };
    let md = markdown::render(&report(), &opts);
    assert!(
        md.contains("| STT | Tên cơ quan | Tổng điểm | Xếp hạng |"),
        "{md}"
    );
    assert!(md.contains("| **A. Mức tốt (50%)** | | | |"), "{md}");
    assert!(md.contains("| 1 | Sở Nội vụ | 81,0 | 1 |"), "{md}");
    // No Khá unit: the second heading is "B. Mức trung bình", lettered over non-empty bands.
    assert!(md.contains("| **B. Mức trung bình (50%)** | | | |"), "{md}");
    assert!(!md.contains("Mức khá"), "{md}");
    // Provisional mark (escaped for Markdown) and its footnote.
    assert!(
        md.contains("| 2 | Sở Thông tin và Truyền thông | 63,5\\* | 2 |"),
        "{md}"
    );
    assert!(md.contains("\\* tạm tính: có nhóm chưa đo được"), "{md}");
    // Second block: STT and ranks restart, decimal comma, next table number.
    assert!(
        md.contains("| 1 | UBND phường Chiềng An | 34,1 | 1 |"),
        "{md}"
    );
    assert!(md.contains("*Bảng 3. Xếp hạng Trang TTĐT của khối Sở, ban, ngành*"));
    assert!(md.contains("*Bảng 4. Xếp hạng Trang TTĐT của khối UBND xã, phường*"));
    assert!(md.contains("phương pháp số dư lớn nhất"));
    assert!(md.contains("Điểm trung bình: 72,3 (2 đơn vị)"), "{md}");
}

#[test]
fn markdown_site_details_show_fixes_and_overrides() {
    let md = markdown::render(&report(), &MarkdownOptions::default());
    assert!(md.contains("| Nhóm tiêu chí | Điểm | Tối đa | Trạng thái | Cập nhật gần nhất |"));
    assert!(
        md.contains("| Tin tức, sự kiện | 0,0 | 15,0 | lỗi thời | 04/03/2022 |"),
        "{md}"
    );
    assert!(md.contains("| Thông tin chỉ đạo điều hành | 5,0 | 10,0 | chưa đo được | — |"));
    assert!(md.contains("Cách khắc phục: cách sửa y_kien"), "{md}");
    assert!(
        md.contains(
            "Máy: thiếu (0) → Thẩm định: đạt (5), lý do: lịch đăng trên cổng tỉnh, \
             người thẩm định: Nguyễn Văn A, ngày 01/09/2022"
        ),
        "{md}"
    );
    assert!(md.contains("`timeout`: no response in 30 s"), "{md}");
    // Every score in the tables uses the decimal comma.
    for line in md.lines().filter(|l| l.starts_with("| ")) {
        assert!(
            !line
                .chars()
                .zip(line.chars().skip(1))
                .any(|(a, b)| a.is_ascii_digit() && b == '.'),
            "decimal point in {line:?}"
        );
    }
}

#[test]
fn markdown_headings_skip_empty_bands_like_bang4() {
    // Bảng 4's first rows: no Tốt unit, so the first heading is "A. Mức khá".
    let rows: Vec<TotalRow> = [("Mộc Châu", 77.5), ("Sông Mã", 60.0), ("Mường La", 14.5)]
        .into_iter()
        .map(|(n, t)| TotalRow {
            agency_id: n.into(),
            name: format!("UBND huyện {n}"),
            block: "ubnd_huyen".into(),
            total: t,
            provisional: false,
        })
        .collect();
    let ranking = rank_totals(&rows, &rules().bands, &BTreeMap::new());
    let md = markdown::render_ranking(&ranking, &MarkdownOptions::default());
    assert!(md.contains("**A. Mức khá (34%)**"), "{md}");
    assert!(md.contains("**B. Mức trung bình (33%)**"), "{md}");
    assert!(md.contains("**C. Mức yếu (33%)**"), "{md}");
    assert!(
        md.contains("| 3 | UBND huyện Mường La | 14,5 | 3 |"),
        "{md}"
    );
    assert!(
        md.contains("Tốt 0%"),
        "all bands listed in the shares line: {md}"
    );
    assert!(
        !md.contains("tạm tính"),
        "no footnote without provisional rows"
    );
}

#[test]
fn text_report_has_vietnamese_labels_and_aligned_columns() {
    let out = text::render(&report(), false);
    assert!(!out.contains('\x1b'), "no colour unless asked");
    for label in [
        "Tổng điểm",
        "Xếp loại",
        "Xếp hạng",
        "Cách khắc phục",
        "Lỗi truy cập: 1",
    ] {
        assert!(out.contains(label), "{label} missing:\n{out}");
    }
    assert!(out.contains("Xếp hạng: 2/2 (Sở, ban, ngành)"), "{out}");
    assert!(out.contains("63,5*"), "{out}");
    assert!(out.contains("* tạm tính: có nhóm chưa đo được: Thông tin chỉ đạo điều hành"));
    assert!(out.contains("Máy: thiếu (0) → Thẩm định: đạt (5)"), "{out}");

    // The ranking table's last column is right-aligned, so every line of the table has the
    // same display width even though names have different numbers of combining-free letters.
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("STT"))
        .take(3)
        .collect();
    assert!(
        table[1].contains("Sở Nội vụ") && table[1].contains("Tốt"),
        "{table:?}"
    );
    let widths: Vec<usize> = table.iter().map(|l| display_width(l)).collect();
    assert!(
        widths.iter().all(|w| *w == widths[0]),
        "{table:?} {widths:?}"
    );
}

#[test]
fn text_report_colours_bands_when_asked() {
    let out = text::render(&report(), true);
    assert!(out.contains("\x1b[1;32mTốt\x1b[0m"), "{out}");
    assert!(out.contains("\x1b[31mYếu\x1b[0m"), "{out}");
}

#[test]
fn status_labels_are_vietnamese() {
    let labels: Vec<&str> = [
        Status::Met,
        Status::Partial,
        Status::Stale,
        Status::Missing,
        Status::Unmeasured,
    ]
    .into_iter()
    .map(status_label)
    .collect();
    assert_eq!(
        labels,
        ["đạt", "một phần", "lỗi thời", "thiếu", "chưa đo được"]
    );
}

/// Crawl notes (pages not in Unicode, what was cut off) and `--insecure` reach every writer.
#[test]
fn crawl_notes_and_insecure_are_shown() {
    let mut r = report();
    r.insecure = true;
    r.sites[0].non_unicode_pages = vec![ttdt::score::NonUnicodePage {
        url: "https://sotttt.sonla.gov.vn/cu".into(),
        encoding: "TCVN3".into(),
        note: "không dùng Unicode TCVN 6909".into(),
    }];
    r.sites[0].skipped = vec![ttdt::score::SkippedCount {
        reason: "query_variants".into(),
        count: 12,
        examples: vec!["https://sotttt.sonla.gov.vn/lich?tuan=60".into()],
    }];
    let v: Value = serde_json::from_str(&to_json(&r)).unwrap();
    assert_eq!(v["insecure"], true);
    assert_eq!(v["sites"][0]["non_unicode_pages"][0]["encoding"], "TCVN3");
    assert_eq!(v["sites"][0]["skipped"][0]["count"], 12);
    // Sites without notes keep the JSON as it was.
    assert!(v["sites"][1].get("skipped").is_none());
    let md = markdown::render(&r, &MarkdownOptions::default());
    let txt = text::render(&r, false);
    let html = ttdt::report::html::render(&r);
    let csv = ttdt::report::csv::report_csv(&r);
    for out in [&md, &txt, &html, &csv] {
        assert!(out.contains("--insecure"));
        assert!(out.contains("không dùng Unicode TCVN 6909"));
        assert!(out.contains("query_variants 12"));
    }
    r.insecure = false;
    assert!(!to_json(&r).contains("\"insecure\""));
    assert!(!text::render(&r, false).contains("--insecure"));
    // In the CSV the notes are the last field of each of the site's rows, and only its own.
    let csv = ttdt::report::csv::report_csv(&r);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    let first = &r.sites[0].agency.id;
    for row in &rows {
        let own = row.contains(&format!(",{first},"));
        assert_eq!(row.contains("query_variants 12"), own, "{row}");
    }
}
