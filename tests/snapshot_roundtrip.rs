//! Evidence round trip: fetch records → WARC → fetch records, field by field (a failure, a
//! redirect, truncated bodies, a binary body, HTTP/2, odd headers), random records, seeking by
//! index offset, the run folder layout, the hash chain, and loading a run for rescore.

#[path = "data/snapshot/fixtures.rs"]
mod fixtures;

use std::io::Read;

use fixtures::*;
use ttdt::crawl::{FailReason, FetchKind, FetchOutcome, FetchRecord, HttpResponse};
use ttdt::snapshot::cdxj::{self, IndexEntry};
use ttdt::snapshot::reader::{self, WarcReader};
use ttdt::snapshot::{SnapshotWriter, WarcInfo, load_run, read_site_file};

fn info(agency_id: &str) -> WarcInfo {
    WarcInfo {
        agency: agency(
            agency_id,
            "Sở Thông tin và Truyền thông",
            "so_nganh",
            "https://sotttt.sonla.gov.vn/",
        ),
        run_id: "20220827T013000Z".into(),
        rules_id: "test-rules".into(),
        rules_sha256: "ab".repeat(32),
        as_of: as_of(),
        user_agent: "ttdt/0.1.0 (+https://github.com/ttdt-audit/ttdt)".into(),
        operator: Some("Tổ thẩm định".into()),
        insecure: true,
        created: started(),
    }
}

#[test]
fn hand_built_records_round_trip_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let records = sotttt_records();
    let mut w = SnapshotWriter::create(dir.path(), &info("sotttt")).unwrap();
    for r in &records {
        w.write_record(r).unwrap();
    }
    let skipped = vec![ttdt::crawl::SkippedUrl {
        url: "https://sotttt.sonla.gov.vn/admin".into(),
        reason: "robots".into(),
    }];
    w.write_skipped(&skipped).unwrap();
    let summary = w.finish().unwrap();
    assert_eq!(summary.fetch_records, records.len());
    // warcinfo + 2 per response + 1 per failure + skipped metadata.
    let failures = records
        .iter()
        .filter(|r| matches!(r.outcome, FetchOutcome::Failed { .. }))
        .count();
    assert_eq!(
        summary.entries.len(),
        1 + 2 * (records.len() - failures) + failures + 1
    );
    assert_eq!(
        summary.bytes,
        std::fs::metadata(&summary.path).unwrap().len()
    );

    let site = read_site_file(&summary.path).unwrap();
    assert_eq!(site.records.len(), records.len());
    for (a, b) in records.iter().zip(&site.records) {
        assert_same_record(a, b);
    }
    assert_eq!(site.skipped.len(), 1);
    assert_eq!(site.skipped[0].url, skipped[0].url);
    assert_eq!(site.skipped[0].reason, "robots");

    let back = site.info.expect("warcinfo read back");
    let expected = info("sotttt");
    assert_eq!(back.agency, expected.agency);
    assert_eq!(back.run_id, expected.run_id);
    assert_eq!(back.rules_id, expected.rules_id);
    assert_eq!(back.rules_sha256, expected.rules_sha256);
    assert_eq!(back.as_of, expected.as_of);
    assert_eq!(back.user_agent, expected.user_agent);
    assert_eq!(back.operator, expected.operator);
    assert_eq!(back.created, expected.created);
}

#[test]
fn one_gzip_member_per_record_and_offsets_seek() {
    let dir = tempfile::tempdir().unwrap();
    let records = sotttt_records();
    let mut w = SnapshotWriter::create(dir.path(), &info("sotttt")).unwrap();
    let mut response_offsets = Vec::new();
    for r in &records {
        let entries = w.write_record(r).unwrap();
        // The first entry of a fetch is its response (or failure metadata) record.
        assert_eq!(entries[0].record_id, r.record_id);
        response_offsets.push(entries[0].offset);
    }
    let summary = w.finish().unwrap();
    let bytes = std::fs::read(&summary.path).unwrap();

    // Every index entry is exactly one complete gzip member holding exactly one WARC record.
    for e in &summary.entries {
        let member = &bytes[e.offset as usize..(e.offset + e.length) as usize];
        let mut d = flate2::read::GzDecoder::new(member);
        let mut text = Vec::new();
        d.read_to_end(&mut text).unwrap();
        assert!(text.starts_with(b"WARC/1.1\r\n"));
        assert!(text.ends_with(b"\r\n\r\n"));
        let rec = reader::read_record_at(&summary.path, e.offset).unwrap();
        assert_eq!(rec.record_id(), e.record_id);
        assert_eq!(rec.length, e.length);
    }
    let last = summary.entries.last().unwrap();
    assert_eq!(last.offset + last.length, bytes.len() as u64);

    // Seeking to the response offset gives the whole exchange, request headers included.
    for (r, offset) in records.iter().zip(response_offsets) {
        let back = reader::read_fetch_record_at(&summary.path, offset).unwrap();
        assert_same_record(r, &back);
    }
}

#[test]
fn stored_http_headers_are_consistent_with_decoded_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = SnapshotWriter::create(dir.path(), &info("sotttt")).unwrap();
    let records = sotttt_records();
    let entries = w.write_record(&records[0]).unwrap();
    let home = w.write_record(&records[2]).unwrap();
    let summary = w.finish().unwrap();

    let robots = reader::read_record_at(&summary.path, entries[0].offset).unwrap();
    let text = String::from_utf8_lossy(&robots.block).to_string();
    let head = &text[..text.find("\r\n\r\n").unwrap()];
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains("\r\nX-Ttdt-Original-Content-Encoding: gzip\r\n"));
    assert!(head.contains("\r\nX-Ttdt-Original-Transfer-Encoding: chunked\r\n"));
    assert!(!head.contains("\r\nContent-Encoding:"));
    assert!(!head.contains("\r\nTransfer-Encoding:"));
    let body_len = robots.block.len() - robots.http_payload_start().unwrap();
    assert!(head.ends_with(&format!("\r\nContent-Length: {body_len}")));
    assert_eq!(robots.header("WARC-Ttdt-Fetch-Kind"), Some("robots"));

    let page = reader::read_record_at(&summary.path, home[0].offset).unwrap();
    let text = String::from_utf8_lossy(&page.block).to_string();
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
    assert_eq!(page.header("WARC-Ttdt-Http-Version"), Some("HTTP/2.0"));
    assert_eq!(page.header("WARC-Date"), Some("2022-08-27T01:30:03Z"));
    assert_eq!(
        page.header("WARC-Ttdt-Fetched-At"),
        Some("2022-08-27T01:30:03.123456792Z")
    );
    assert_eq!(
        page.header("Content-Type"),
        Some("application/http;msgtype=response")
    );
    let request = reader::read_record_at(&summary.path, home[1].offset).unwrap();
    assert_eq!(request.warc_type(), "request");
    assert_eq!(request.header("WARC-Concurrent-To"), Some(page.record_id()));
    assert_eq!(page.header("WARC-Concurrent-To"), Some(request.record_id()));
    assert!(
        request
            .block
            .starts_with(b"GET /trang-chu HTTP/1.1\r\nuser-agent: ttdt/")
    );
}

#[test]
fn truncated_and_failed_fetches_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = SnapshotWriter::create(dir.path(), &info("sotttt")).unwrap();
    let records = sotttt_records();
    let cut = w.write_record(&records[6]).unwrap();
    let failed = w.write_record(&records[7]).unwrap();
    let summary = w.finish().unwrap();
    let rec = reader::read_record_at(&summary.path, cut[0].offset).unwrap();
    assert_eq!(rec.header("WARC-Truncated"), Some("length"));
    assert_eq!(rec.header("WARC-Ttdt-Truncated"), Some("too_large"));
    let meta = reader::read_record_at(&summary.path, failed[0].offset).unwrap();
    assert_eq!(failed.len(), 1, "a failure is one metadata record");
    assert_eq!(meta.warc_type(), "metadata");
    assert_eq!(meta.record_id(), records[7].record_id);
    assert_eq!(
        meta.header("WARC-Target-URI"),
        Some("https://sotttt.sonla.gov.vn/lich-cong-tac")
    );
    let body = String::from_utf8(meta.block.clone()).unwrap();
    assert!(body.starts_with("fetch-error: timeout\r\ndetail: no response in 30 s\\nretried once; path C:\\\\lich\r\n"), "{body}");
}

/// A small deterministic generator (xorshift), so the property test needs no extra crate and
/// any failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    fn bytes(&mut self, max: u64) -> Vec<u8> {
        let n = self.below(max + 1);
        (0..n).map(|_| self.next() as u8).collect()
    }
    fn text(&mut self) -> String {
        let parts = [
            "a",
            "Tin tức",
            " ",
            "  ",
            "x=1;y=2",
            "\"",
            "\\",
            "—",
            "ạ",
            "/",
            ":",
            "=",
            "%20",
            "\t",
            "",
            "ờ",
            "漢",
            "🙂",
        ];
        (0..self.below(6)).map(|_| self.pick(&parts)).collect()
    }
}

fn random_record(rng: &mut Rng, n: u32) -> FetchRecord {
    let kinds = [
        FetchKind::Page,
        FetchKind::Robots,
        FetchKind::Sitemap,
        FetchKind::Feed,
    ];
    // Every reason code, so a new one cannot escape the round trip.
    let reasons = FailReason::ALL;
    let names = [
        "Content-Type",
        "content-length",
        "Content-Encoding",
        "transfer-encoding",
        "X-Ttdt-Original-Content-Length",
        "x-ttdt-original-x",
        "Set-Cookie",
        "Location",
        "X-Powered-By",
        "Server",
    ];
    let paths = [
        "/",
        "/tin-tuc",
        "/a b",
        "/ván-bản?x=1&y=đ",
        "/p?q",
        "/%7Euser",
    ];
    let url = format!("https://site{}.gov.vn{}", rng.below(3), rng.pick(&paths));
    let mut request_headers = Vec::new();
    for _ in 0..rng.below(5) {
        request_headers.push((rng.pick(&names).to_string(), rng.text()));
    }
    let outcome = if rng.below(5) == 0 {
        FetchOutcome::Failed {
            reason: reasons[rng.below(reasons.len() as u64) as usize],
            detail: format!("{}\r\n{}", rng.text(), rng.text()),
        }
    } else {
        let mut headers = Vec::new();
        for _ in 0..rng.below(8) {
            headers.push((rng.pick(&names).to_string(), rng.text()));
        }
        let mut body = rng.bytes(2000);
        if rng.below(3) == 0 {
            body.extend_from_slice(b"\r\n\r\nWARC/1.1\r\n\r\n");
        }
        FetchOutcome::Response(HttpResponse {
            status: [200u16, 204, 301, 302, 404, 500, 503, 299][rng.below(8) as usize],
            http_version: rng.pick(&["HTTP/1.1", "HTTP/2.0", "HTTP/1.0"]).into(),
            headers,
            body,
            truncated: (rng.below(4) == 0)
                .then(|| reasons[rng.below(reasons.len() as u64) as usize]),
            redirect_to: (rng.below(3) == 0).then(|| format!("https://x.gov.vn/{}", rng.text())),
        })
    };
    FetchRecord {
        record_id: ttdt::crawl::new_record_id(),
        url,
        fetched_at: t(n % 60, rng.below(1_000_000_000) as u32),
        kind: kinds[rng.below(4) as usize],
        depth: rng.below(9) as u32,
        request_headers,
        outcome,
        reading: None,
    }
}

#[test]
fn random_records_round_trip_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let records: Vec<FetchRecord> = (0..300).map(|n| random_record(&mut rng, n)).collect();
    let mut w = SnapshotWriter::create(dir.path(), &info("random")).unwrap();
    for r in &records {
        w.write_record(r).unwrap();
    }
    let summary = w.finish().unwrap();
    let site = read_site_file(&summary.path).unwrap();
    assert_eq!(site.records.len(), records.len());
    for (a, b) in records.iter().zip(&site.records) {
        assert_same_record(a, b);
    }
}

#[test]
fn damaged_or_foreign_files_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = SnapshotWriter::create(dir.path(), &info("sotttt")).unwrap();
    for r in sotttt_records() {
        w.write_record(&r).unwrap();
    }
    let summary = w.finish().unwrap();
    let bytes = std::fs::read(&summary.path).unwrap();
    let mut rng = Rng(42);
    let bad = dir.path().join("bad.warc.gz");
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"not gzip at all".to_vec(),
        vec![0x1f, 0x8b],
        bytes[..bytes.len() / 2].to_vec(),
        bytes[..bytes.len() - 3].to_vec(),
        (0..5000).map(|_| rng.next() as u8).collect(),
        {
            // A valid gzip member that does not hold a WARC record.
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut e, b"WARC/1.1\r\nContent-Length: 999\r\n\r\nshort")
                .unwrap();
            e.finish().unwrap()
        },
    ];
    for (i, case) in cases.iter().enumerate() {
        std::fs::write(&bad, case).unwrap();
        let result = read_site_file(&bad);
        if i == 0 {
            // An empty file is an empty archive.
            assert!(result.unwrap().records.is_empty());
        } else {
            let err = result.expect_err("damaged file must not read as valid");
            assert!(err.to_string().contains("bad.warc.gz"), "{err}");
        }
    }
    // Random single-byte flips anywhere: never a panic.
    for _ in 0..200 {
        let mut b = bytes.clone();
        let at = rng.below(b.len() as u64) as usize;
        b[at] ^= 1 << rng.below(8);
        std::fs::write(&bad, &b).unwrap();
        let _ = read_site_file(&bad);
    }
}

#[test]
fn records_written_before_a_cut_stay_readable() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = SnapshotWriter::create(dir.path(), &info("sotttt")).unwrap();
    let records = sotttt_records();
    for r in &records {
        w.write_record(r).unwrap();
    }
    let summary = w.finish().unwrap();
    // Cut the file in the middle of the last member, as a crash or a full disk would.
    let last = summary.entries.last().unwrap();
    let cut_at = last.offset + last.length / 2;
    let bytes = std::fs::read(&summary.path).unwrap();
    std::fs::write(&summary.path, &bytes[..cut_at as usize]).unwrap();
    let mut ok = 0;
    let mut err = None;
    for rec in WarcReader::open(&summary.path).unwrap() {
        match rec {
            Ok(_) => ok += 1,
            Err(e) => err = Some(e),
        }
    }
    assert_eq!(ok, summary.entries.len() - 1, "every complete record reads");
    let err = err.expect("the cut member is reported");
    let msg = err.to_string();
    assert!(
        msg.contains("sotttt.warc.gz") && msg.contains(&last.offset.to_string()),
        "{msg}"
    );
}

#[test]
fn run_folder_has_the_documented_files() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("20220827T013000Z");
    let manifest = write_test_run(&dir);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "findings.json",
            "holidays.yaml",
            "index.cdxj",
            "manifest.json",
            "overrides.yaml",
            "rules.yaml",
            "sonv.warc.gz",
            "sotttt.warc.gz"
        ]
    );
    assert!(manifest.complete);
    assert_eq!(manifest.files.len(), 7);
    assert_eq!(manifest.previous_manifest_sha256, None);
    assert_eq!(
        manifest.rules.sha256,
        ttdt::snapshot::sha256_hex(RULES_YAML.as_bytes())
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("rules.yaml")).unwrap(),
        RULES_YAML
    );
    assert_eq!(manifest.agencies.len(), 2);
    assert_eq!(manifest.agencies[0].records, 10);

    // Index: sorted, one line per WARC record, offsets into the named files.
    let read = cdxj::read_index(&dir.join("index.cdxj")).unwrap();
    let (entries, bad) = (read.entries, read.bad_lines);
    assert!(bad.is_empty());
    let text = std::fs::read_to_string(dir.join("index.cdxj")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    // sotttt: warcinfo + 9 responses × 2 + 1 failure + skipped; sonv: warcinfo + 2 failures.
    assert_eq!(entries.len(), 1 + 18 + 1 + 1 + 1 + 2);
    let home: &IndexEntry = entries.iter().find(|e| e.record_id == id(3)).unwrap();
    assert_eq!(home.status, Some(200));
    assert_eq!(home.mime, "text/html");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("vn,gov,sonla,sotttt)/trang-chu 20220827013003 {"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("vn,gov,sonla,sotttt)/rss/tin-tuc.rss?b=2&page=1 "))
    );

    // Findings: the JSON report; every evidence record id is a record in the WARC files.
    let findings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("findings.json")).unwrap()).unwrap();
    assert_eq!(findings["schema_version"], 1);
    assert_eq!(findings["rules"]["id"], "test-rules");
    assert_eq!(findings["sites"][0]["rank"], 1);
    let ids: std::collections::HashSet<&str> =
        entries.iter().map(|e| e.record_id.as_str()).collect();
    let mut cited = 0;
    for site in findings["sites"].as_array().unwrap() {
        for g in site["groups"].as_array().unwrap() {
            for ev in g["evidence"].as_array().unwrap() {
                assert!(ids.contains(ev["record_id"].as_str().unwrap()));
                cited += 1;
            }
        }
    }
    assert_eq!(cited, 2);

    // The warcinfo names tool, rules, as-of, user agent and operator.
    let info = reader::read_record_at(&dir.join("sotttt.warc.gz"), 0).unwrap();
    let fields = String::from_utf8(info.block).unwrap();
    for needle in [
        "software: ttdt/",
        "ttdt-rules-id: test-rules\r\n",
        "ttdt-as-of: 2022-08-27\r\n",
        "http-header-user-agent: ttdt/0.1.0 (+https://github.com/ttdt-audit/ttdt)\r\n",
        "operator: Sở TT&TT Sơn La — tổ thẩm định\r\n",
    ] {
        assert!(fields.contains(needle), "{needle} missing from\n{fields}");
    }
}

#[test]
fn manifests_chain_across_runs_in_one_folder() {
    let parent = tempfile::tempdir().unwrap();
    let night1 = parent.path().join("20220826T013000Z");
    let night2 = parent.path().join("20220827T013000Z");
    let night3 = parent.path().join("20220828T013000Z");
    std::fs::create_dir_all(parent.path().join("not-a-run")).unwrap();
    std::fs::write(parent.path().join("not-a-run/manifest.json"), "{ garbage").unwrap();
    let m1 = write_test_run_at(&night1, started() - chrono::Duration::days(1));
    assert_eq!(m1.previous_manifest_sha256, None);
    // Written out of order: night 3 first, then night 2 — each chains to the one before it.
    let m3 = write_test_run_at(&night3, started() + chrono::Duration::days(1));
    let m2 = write_test_run_at(&night2, started());
    let hash = |d: &std::path::Path| {
        ttdt::snapshot::sha256_hex(&std::fs::read(d.join("manifest.json")).unwrap())
    };
    assert_eq!(m2.previous_manifest_sha256, Some(hash(&night1)));
    assert_eq!(m2.previous_run.as_deref(), Some("20220826T013000Z"));
    assert_eq!(
        m3.previous_manifest_sha256,
        Some(hash(&night1)),
        "night 2 did not exist yet"
    );
}

#[test]
fn load_run_gives_back_everything_rescore_needs() {
    let dir = tempfile::tempdir().unwrap();
    write_test_run(dir.path());
    let run = load_run(dir.path()).unwrap();
    let original = run_output(started());
    assert_eq!(run.run_id, original.run_id);
    assert_eq!(run.as_of, as_of());
    assert!(run.complete);
    assert_eq!(run.rules_yaml.as_deref(), Some(RULES_YAML.as_bytes()));
    assert_eq!(
        run.rules_sha256,
        ttdt::snapshot::sha256_hex(RULES_YAML.as_bytes())
    );
    assert_eq!(run.overrides_yaml.as_deref(), Some(OVERRIDES_YAML));
    assert_eq!(run.overrides.overrides.len(), 1);
    assert_eq!(run.overrides.overrides[0].criterion, "tin_tuc_cap_nhat");
    assert_eq!(run.agencies.len(), original.outcomes.len());
    for (loaded, live) in run.agencies.iter().zip(&original.outcomes) {
        assert_eq!(loaded.agency, live.agency);
        assert_eq!(loaded.records.len(), live.crawl.records.len());
        for (a, b) in live.crawl.records.iter().zip(&loaded.records) {
            assert_same_record(a, b);
        }
        assert_eq!(loaded.skipped.len(), live.crawl.skipped.len());
        for (a, b) in live.crawl.skipped.iter().zip(&loaded.skipped) {
            assert_eq!((&a.url, &a.reason), (&b.url, &b.reason));
        }
    }

    // Without the manifest the WARC files alone still name the agencies and the as-of date.
    std::fs::remove_file(dir.path().join("manifest.json")).unwrap();
    let run = load_run(dir.path()).unwrap();
    assert_eq!(run.as_of, as_of());
    let mut ids: Vec<&str> = run.agencies.iter().map(|a| a.agency.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["sonv", "sotttt"]);
}

#[test]
fn streamed_writers_finish_into_a_verified_run() {
    // The streaming path: one writer per agency fed record by record (as a crawl callback
    // would), then `finish_run` writes index, findings, rules and manifest.
    use ttdt::snapshot::manifest::warc_info;
    use ttdt::snapshot::{AgencyArchive, RunFiles, finish_run};
    let dir = tempfile::tempdir().unwrap();
    let run = run_output(started());
    let rules = rules();
    let report = ttdt::report::json::Report::new(
        &rules,
        as_of(),
        run.run_id.clone(),
        run.outcomes.iter().map(|o| o.score.clone()).collect(),
        None,
    );
    let mut archives = Vec::new();
    for o in &run.outcomes {
        let info = warc_info(&o.agency, &o.crawl, &run.run_id, &report, None);
        let mut w = SnapshotWriter::create(dir.path(), &info).unwrap();
        for r in &o.crawl.records {
            w.write_record(r).unwrap();
        }
        w.write_skipped(&o.crawl.skipped).unwrap();
        archives.push(AgencyArchive::from_writer(&o.agency, w, None));
    }
    let files = RunFiles {
        run_id: &run.run_id,
        started: run.started,
        finished: run.finished,
        report: &report,
        rules_bytes: RULES_YAML.as_bytes(),
        operator: None,
        overrides_yaml: None,
        holidays_yaml: None,
    };
    let manifest = finish_run(dir.path(), &files, archives).unwrap();
    assert!(manifest.complete);
    assert_eq!(manifest.agencies[0].records, 10);
    let report = ttdt::snapshot::verify(dir.path());
    assert!(report.ok, "{:?}", report.problems);
    let findings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("findings.json")).unwrap()).unwrap();
    assert!(
        findings.get("rankings").is_none(),
        "the caller's unranked report is kept"
    );
}
