//! The live run streams its evidence: every record is in the agency's WARC file before the next
//! one arrives, the crawl keeps no bodies, the finished snapshot holds every record and passes
//! `verify`, and `rescore` of it gives the live scores. A write error stops only that agency's
//! evidence, never its crawl or its score.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use ttdt::config::Agency;
use ttdt::crawl::{CrawlConfig, CrawlResult, FetchOutcome, FetchRecord};
use ttdt::demo::{province, sitegen};
use ttdt::report::json::Report;
use ttdt::rules::{DEFAULT_RULES_YAML, default_rules};
use ttdt::runner::{
    ArchivedRun, Progress, RunDir, RunSettings, Silent, SnapshotSettings, run_and_archive,
};
use ttdt::score::Overrides;
use ttdt::snapshot::{SnapshotError, read_site_file};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn settings(max_pages: usize) -> RunSettings {
    RunSettings {
        crawl: CrawlConfig {
            max_pages,
            delay: Duration::from_millis(1),
            ..CrawlConfig::default()
        },
        parallel_sites: 2,
        as_of: as_of(),
    }
}

fn snapshot_at(dir: &Path) -> SnapshotSettings {
    SnapshotSettings {
        dir: RunDir::At(dir.to_path_buf()),
        rules_bytes: DEFAULT_RULES_YAML.as_bytes().to_vec(),
        operator: Some("tổ thẩm định".into()),
        overrides_yaml: None,
        holidays_yaml: None,
    }
}

async fn serve(id: &str) -> sitegen::ServedSite {
    let spec = province::demo_province(as_of())
        .into_iter()
        .find(|a| a.id == id)
        .and_then(|a| a.spec)
        .unwrap();
    sitegen::serve(spec).await.unwrap()
}

fn agency(id: &str, url: &url::Url) -> Agency {
    Agency {
        id: id.into(),
        name: format!("Cơ quan {id}"),
        block: "so_nganh".into(),
        url: url.clone(),
        scope: Vec::new(),
        extra_hosts: Vec::new(),
    }
}

/// At every record the crawl hands over, reads the agency's WARC file back from disk: it must
/// already hold every earlier record.
struct DiskWatcher {
    warc: PathBuf,
    seen: AtomicUsize,
    /// Records on disk when the last record arrived (the crawl was still running).
    on_disk_at_last: AtomicUsize,
    /// 2xx HTML pages, and those of them that came with the crawler's reading as of the run's
    /// date (which the audit then uses instead of parsing the page again).
    html_pages: AtomicUsize,
    read_by_crawler: AtomicUsize,
    problems: Mutex<Vec<String>>,
}

impl Progress for DiskWatcher {
    fn site_started(&self, _: &Agency) {}

    fn fetched(&self, _: &str, record: &FetchRecord) {
        let before = self.seen.fetch_add(1, Ordering::SeqCst);
        if let FetchOutcome::Response(r) = &record.outcome
            && r.status == 200
            && ttdt::crawl::is_html(r)
        {
            self.html_pages.fetch_add(1, Ordering::SeqCst);
        }
        if let Some(p) = &record.reading {
            assert_eq!(
                (p.as_of, p.facts.url.as_str()),
                (as_of(), record.url.as_str())
            );
            self.read_by_crawler.fetch_add(1, Ordering::SeqCst);
        }
        match read_site_file(&self.warc) {
            Ok(site) => {
                self.on_disk_at_last
                    .store(site.records.len(), Ordering::SeqCst);
                if site.records.len() != before {
                    self.problems.lock().unwrap().push(format!(
                        "record {} ({}) arrived with {} records on disk, expected {before}",
                        before + 1,
                        record.url,
                        site.records.len()
                    ));
                }
            }
            Err(e) => self.problems.lock().unwrap().push(e.to_string()),
        }
    }

    fn site_finished(&self, _: &Agency, result: &CrawlResult) {
        if !result.records.is_empty() {
            self.problems
                .lock()
                .unwrap()
                .push("the streaming crawl kept its records".into());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_reach_the_warc_as_they_arrive_and_the_snapshot_verifies() {
    let site = serve("so-tu-phap").await;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("run");
    let a = agency("so-tu-phap", &site.home_url);
    let watcher = Arc::new(DiskWatcher {
        warc: dir.join("so-tu-phap.warc.gz"),
        seen: AtomicUsize::new(0),
        on_disk_at_last: AtomicUsize::new(0),
        html_pages: AtomicUsize::new(0),
        read_by_crawler: AtomicUsize::new(0),
        problems: Mutex::new(Vec::new()),
    });
    let rules = default_rules();
    let run = run_and_archive(
        std::slice::from_ref(&a),
        &rules,
        &Overrides::default(),
        &settings(40),
        snapshot_at(&dir),
        watcher.clone(),
    )
    .await
    .unwrap();

    let fetched = watcher.seen.load(Ordering::SeqCst);
    assert!(fetched > 40, "only {fetched} fetches");
    let problems = watcher.problems.lock().unwrap().clone();
    assert!(problems.is_empty(), "{problems:#?}");
    // Records were on disk while the crawl was still running.
    assert_eq!(watcher.on_disk_at_last.load(Ordering::SeqCst), fetched - 1);

    // Nothing kept in memory; everything on disk.
    let ArchivedRun { output, snapshot } = run;
    let outcome = &output.outcomes[0];
    assert!(outcome.crawl.records.is_empty());
    assert_eq!(snapshot.dir(), dir);
    assert_eq!(snapshot.errors().count(), 0);
    assert_eq!(snapshot.archives()[0].records, fetched);

    let live: Vec<_> = output.outcomes.iter().map(|o| o.score.clone()).collect();
    let report = Report::new(&rules, as_of(), output.run_id.clone(), live.clone(), None);
    let manifest = snapshot.finish(&output, &report).unwrap();
    assert!(manifest.complete);
    assert_eq!(manifest.agencies[0].records, fetched);

    // The WARC file holds every record the crawl made, and the pages scored are its pages.
    let archived = read_site_file(&dir.join("so-tu-phap.warc.gz")).unwrap();
    assert_eq!(archived.records.len(), fetched);
    assert_eq!(archived.skipped.len(), outcome.crawl.skipped.len());
    let (reread, _) = ttdt::audit::read_site(a.url.as_str(), &archived.records, as_of(), &rules);
    assert_eq!(reread.pages.len(), outcome.score.pages_fetched);
    assert!(outcome.score.pages_fetched >= 35);

    let report = ttdt::snapshot::verify(&dir);
    assert!(report.ok, "{:#?}", report.problems);
    assert!(report.records_checked > fetched);

    // Rescore from the files alone gives the live scores: the live audit read every page from
    // the crawler's reading of it, rescore reads the archived bodies.
    let html_pages = watcher.html_pages.load(Ordering::SeqCst);
    assert!(html_pages >= 35, "{html_pages} HTML pages");
    assert_eq!(watcher.read_by_crawler.load(Ordering::SeqCst), html_pages);
    let loaded = ttdt::snapshot::load_run(&dir).unwrap();
    assert_eq!(loaded.score(&rules, as_of()), live);
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_error_stops_only_that_agencys_evidence_not_its_crawl_or_score() {
    let site = serve("xa-pa-long").await;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("run");
    std::fs::create_dir_all(&dir).unwrap();
    // /dev/full accepts the open and fails every write with ENOSPC, like a full disk.
    std::os::unix::fs::symlink("/dev/full", dir.join("dia.warc.gz")).unwrap();
    let agencies = [
        agency("dia", &site.home_url),
        agency("xa-pa-long", &site.home_url),
    ];
    let rules = default_rules();
    let run = run_and_archive(
        &agencies,
        &rules,
        &Overrides::default(),
        &settings(20),
        snapshot_at(&dir),
        Arc::new(Silent),
    )
    .await
    .unwrap();

    let errors: Vec<String> = run.snapshot.errors().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("dia.warc.gz"), "{}", errors[0]);
    // Both sites were crawled and scored alike.
    let [full, broken] = [&run.output.outcomes[1], &run.output.outcomes[0]];
    assert!(broken.score.pages_fetched > 5);
    assert_eq!(broken.score.pages_fetched, full.score.pages_fetched);
    assert_eq!(broken.score.total, full.score.total);

    let sites = run
        .output
        .outcomes
        .iter()
        .map(|o| o.score.clone())
        .collect();
    let report = Report::new(&rules, as_of(), run.output.run_id.clone(), sites, None);
    let output = run.output;
    match run.snapshot.finish(&output, &report) {
        Err(SnapshotError::Incomplete {
            errors,
            manifest_written,
        }) => {
            assert!(manifest_written);
            assert!(errors[0].to_string().contains("dia.warc.gz"));
        }
        other => panic!("expected an incomplete snapshot, got {other:?}"),
    }
    let (m, _) = ttdt::snapshot::manifest::read_manifest(&dir).unwrap();
    assert!(!m.complete);
    assert!(!m.agencies[0].complete && m.agencies[1].complete);
    let good = read_site_file(&dir.join("xa-pa-long.warc.gz")).unwrap();
    assert_eq!(good.records.len(), m.agencies[1].records);
    assert!(!ttdt::snapshot::verify(&dir).ok);
}

#[cfg(target_os = "linux")]
#[test]
fn the_cli_prints_the_report_then_exits_1_naming_the_file_it_could_not_write() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let site = rt.block_on(serve("xa-pa-long"));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("run");
    std::fs::create_dir_all(&dir).unwrap();
    // `ttdt audit` names the agency after the host.
    std::os::unix::fs::symlink("/dev/full", dir.join("127-0-0-1.warc.gz")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ttdt"))
        .args([
            "audit",
            site.home_url.as_str(),
            "--as-of",
            "2026-11-25",
            "--format",
            "json",
            "--delay-ms",
            "1",
            "--max-pages",
            "20",
            "-q",
            "--out",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report on stdout");
    assert!(report["sites"][0]["pages_fetched"].as_u64().unwrap() > 5);
    assert!(stderr.contains("127-0-0-1.warc.gz"), "{stderr}");
    assert!(dir.join("report.json").is_file());
    assert!(dir.join("manifest.json").is_file());
}
