//! The `ttdt` binary as users and scripts call it: real sites on 127.0.0.1, real files, the
//! JSON contract, exit codes, the evidence snapshot, `verify` and `rescore`.

use std::path::Path;
use std::process::{Command, Output};

use ttdt::demo::{province, sitegen};

fn ttdt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ttdt"))
        .args(args)
        .output()
        .expect("run ttdt")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const AS_OF: &str = "2026-11-25";

/// Serve one demo agency's site in a background runtime for the duration of a test.
struct Served {
    url: String,
    _rt: tokio::runtime::Runtime,
    _site: sitegen::ServedSite,
}

fn serve(id: &str) -> Served {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let as_of = chrono::NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap();
    let spec = province::demo_province(as_of)
        .into_iter()
        .find(|a| a.id == id)
        .unwrap()
        .spec
        .unwrap();
    let site = rt.block_on(sitegen::serve(spec)).unwrap();
    Served {
        url: site.home_url.to_string(),
        _rt: rt,
        _site: site,
    }
}

fn audit_json(url: &str, out: &Path) -> serde_json::Value {
    let o = ttdt(&[
        "audit",
        url,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--delay-ms",
        "1",
        "--max-pages",
        "80",
        "-q",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "exit {:?}: {}", o.status, stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("stdout is JSON")
}

#[test]
fn audit_prints_the_json_contract_and_writes_verifiable_evidence() {
    let site = serve("so-tu-phap");
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path().join("run");
    let v = audit_json(&site.url, &run);

    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["tool"]["name"], "ttdt");
    assert_eq!(v["rules"]["id"], "sonla-2017");
    // The calendar the working-day deadlines were counted in is named with its hash.
    assert_eq!(v["rules"]["holidays"]["source"], "rules/holidays-vn.yaml");
    assert_eq!(
        v["rules"]["holidays"]["sha256"].as_str().map(str::len),
        Some(64)
    );
    assert_eq!(v["as_of"], AS_OF);
    let s = &v["sites"][0];
    assert_eq!(s["status"], "ok");
    let ids: Vec<&str> = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "gioi_thieu",
            "tin_tuc",
            "pho_bien_phap_luat",
            "chi_dao_dieu_hanh",
            "quy_hoach_ke_hoach",
            "van_ban_phap_luat",
            "du_an_dau_thau",
            "dich_vu_cong",
            "lay_y_kien",
            "chuc_nang_ho_tro",
            "quy_dinh_khac"
        ]
    );
    let sum: f64 = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["score"].as_f64().unwrap())
        .sum();
    let total = s["total"].as_f64().unwrap();
    assert!(
        (sum - total).abs() < 0.01,
        "groups add to {sum}, total {total}"
    );
    let band = match (total * 10.0).round() / 10.0 {
        t if t >= 80.0 => "tot",
        t if t >= 65.0 => "kha",
        t if t >= 50.0 => "trung_binh",
        _ => "yeu",
    };
    assert_eq!(s["band"]["id"], band);
    assert_eq!(
        s["band"].as_object().unwrap().len(),
        2,
        "band is {{id, label}}"
    );
    for g in s["groups"].as_array().unwrap() {
        for c in g["criteria"].as_array().unwrap() {
            assert!(
                ["met", "partial", "stale", "missing", "unmeasured"]
                    .contains(&c["status"].as_str().unwrap())
            );
            if c["status"] != "met" {
                assert!(
                    c["fix"].is_string(),
                    "criterion {} not met without a fix hint",
                    c["id"]
                );
            }
        }
    }

    // Report file and evidence in the run folder.
    assert!(run.join("report.json").is_file());
    let warcs: Vec<_> = std::fs::read_dir(&run)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".warc.gz"))
        .collect();
    assert_eq!(warcs.len(), 1);

    // Every evidence record id names a record in the archive.
    let index = std::fs::read_to_string(run.join("index.cdxj")).unwrap();
    let findings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.join("findings.json")).unwrap()).unwrap();
    let mut cited = 0;
    for g in findings["sites"][0]["groups"].as_array().unwrap() {
        for e in g["evidence"].as_array().unwrap() {
            if let Some(id) = e["record_id"].as_str() {
                assert!(id.starts_with("<urn:uuid:") && id.ends_with('>'), "{id}");
                assert!(
                    index.contains(id),
                    "evidence cites {id}, absent from the WARC index"
                );
                cited += 1;
            }
        }
    }
    assert!(cited > 10, "only {cited} evidence entries cite a record");

    // verify passes untouched…
    let ok = ttdt(&["verify", run.to_str().unwrap()]);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));

    // …rescore from the WARC alone reproduces the live scores exactly…
    let re = ttdt(&["rescore", run.to_str().unwrap(), "--format", "json"]);
    assert!(re.status.success(), "{}", stderr(&re));
    let rescored: serde_json::Value = serde_json::from_str(&stdout(&re)).unwrap();
    assert_eq!(rescored["sites"], v["sites"]);

    // …and one flipped byte in the archive fails verify with exit 3, naming the file.
    let warc = warcs[0].path();
    let mut bytes = std::fs::read(&warc).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(&warc, bytes).unwrap();
    let bad = ttdt(&["verify", run.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(3), "{}", stdout(&bad));
    assert!(
        stdout(&bad).contains(warc.file_name().unwrap().to_str().unwrap()),
        "{}",
        stdout(&bad)
    );
}

#[test]
fn an_unreachable_site_is_a_finding_not_a_failure() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let tmp = tempfile::tempdir().unwrap();
    let v = audit_json(
        &format!("http://127.0.0.1:{port}/"),
        &tmp.path().join("run"),
    );
    let s = &v["sites"][0];
    assert_eq!(s["status"], "unreachable");
    assert_eq!(s["provisional"], true);
    assert_eq!(s["total"], 0.0);
    assert!(
        s["groups"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["status"] == "unmeasured")
    );
    assert!(!s["fetch_errors"].as_array().unwrap().is_empty());
}

#[test]
fn bad_input_files_exit_2_with_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("bad.yaml");
    std::fs::write(
        &rules,
        "id: x\ntitle: t\ntotal: 100\nbands: []\ngroups:\n  - id: a\n    nam: b\n",
    )
    .unwrap();
    let o = ttdt(&["rules", "check", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("bad.yaml:7:5"), "{}", stdout(&o));

    let ok = ttdt(&["rules", "check", "rules/sonla-2017.yaml"]);
    assert!(ok.status.success(), "{}", stdout(&ok));

    let agencies = tmp.path().join("agencies.yaml");
    std::fs::write(
        &agencies,
        "agencies:\n  - id: a\n    name: A\n    block: so_nganh\n    url: ftp://x\n",
    )
    .unwrap();
    let o = ttdt(&["run", agencies.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("agencies.yaml:5:10"), "{}", stderr(&o));
}

#[test]
fn verify_fails_on_a_missing_or_extra_file() {
    let site = serve("xa-pa-long");
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path().join("run");
    audit_json(&site.url, &run);
    std::fs::write(run.join("extra.txt"), "x").unwrap();
    let o = ttdt(&["verify", run.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stdout(&o).contains("extra.txt"), "{}", stdout(&o));
    std::fs::remove_file(run.join("extra.txt")).unwrap();
    std::fs::remove_file(run.join("index.cdxj")).unwrap();
    let o = ttdt(&["verify", run.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stdout(&o).contains("index.cdxj"), "{}", stdout(&o));
}

#[test]
fn inspect_shows_the_newest_publication_date_and_the_groups_a_page_evidences() {
    let o = ttdt(&[
        "inspect",
        "tests/pages/liferay_asset_publisher.html",
        "--as-of",
        "2022-08-27",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The header widget (27/08) and the future item (01/09) are not publication dates.
    assert_eq!(v["newest_date"], "2022-08-24");
    let widget = v["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "boilerplate")
        .unwrap();
    assert_eq!(widget["used"], false);
    assert!(
        v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["id"] == "tin_tuc")
    );
    assert_eq!(v["as_of"], "2022-08-27");

    let missing = ttdt(&["inspect", "tests/pages/does-not-exist.html"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn rules_check_validates_it_schemes_too() {
    let ok = ttdt(&["rules", "check", "rules/sonla-2017-it.yaml"]);
    assert!(ok.status.success(), "{}", stdout(&ok));
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("it.yaml");
    let text = std::fs::read_to_string("rules/sonla-2017-it.yaml").unwrap();
    let (line, _) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("id: nhan_luc"))
        .unwrap();
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line {
                l.replacen("max: 10", "max: 11", 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&bad, broken.join("\n")).unwrap();
    let o = ttdt(&["rules", "check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("add up to 101"), "{}", stdout(&o));
    assert!(stdout(&o).contains("it.yaml:"), "{}", stdout(&o));
}

#[test]
fn rules_check_validates_the_holidays_file_and_holidays_flag_reports_errors() {
    let ok = ttdt(&["rules", "check", "rules/holidays-vn.yaml"]);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert!(
        stdout(&ok).contains("rules/holidays-vn.yaml: OK"),
        "{}",
        stdout(&ok)
    );

    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("holidays.yaml");
    std::fs::write(
        &bad,
        "years:\n  2026:\n    - holiday: tet_nguyen_dan\n      days_off: [2026-02-30]\n      source: x\n",
    )
    .unwrap();
    let o = ttdt(&["rules", "check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("holidays.yaml:4:18: `2026-02-30` is not a valid date"),
        "{}",
        stdout(&o)
    );

    // The same file given to a command that scores: bad input, exit 2, nothing run.
    let o = ttdt(&[
        "inspect",
        "tests/pages/liferay_asset_publisher.html",
        "--holidays",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holidays.yaml:4:18"), "{}", stderr(&o));
    let o = ttdt(&[
        "inspect",
        "tests/pages/liferay_asset_publisher.html",
        "--as-of",
        "2022-08-27",
        "--holidays",
        "rules/holidays-vn.yaml",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}
