//! Memory and throughput of a whole audit: a generated agency site of ~5,500 HTML pages is
//! served on 127.0.0.1 and audited with budgets of 500 and 5,000 pages (no politeness delay),
//! each in a fresh process, through the same streaming path as `ttdt audit` (crawl → WARC as
//! records arrive → read → score → report → index, findings, manifest).
//!
//! For each budget it prints pages/s and the peak resident set size (`VmHWM` of the audit
//! process, read from `/proc/self/status` when it ends; also the resident set when the crawl
//! ended, before scoring), then the ratio of the two peaks. Two modes run:
//! - `stream`: the whole audit as the CLI runs it ([`ttdt::runner::run_and_archive`], then the
//!   report and [`ttdt::runner::PendingSnapshot::finish`]); the snapshot must pass `verify`;
//! - `crawl`: the evidence path alone ([`Crawler::crawl_site_streaming`] into a
//!   [`SnapshotWriter`]), without reading pages for scoring: the crawler's own floor.
//!
//! Records are streamed to disk, so bodies never accumulate, and each page is classified as it
//! is read; what still grows per page in `stream` is small: each page's dated items and newest
//! date (kept until the site is scored), the CDXJ index entries and the crawl frontier.
//!
//! Run: `cargo bench --bench audit_memory`
//! (`AUDIT_MEMORY_BUDGETS=50,200` for a quick check with other budgets;
//! `AUDIT_MEMORY_BASELINE=1` adds a `keep` mode: the same audit through
//! `runner::run_agencies` + `snapshot::write_run`, which keep every record in memory.)
//!
//! The bench binary plays two roles: without arguments (or with cargo's `--bench`) it serves the
//! site and re-executes itself as `audit_memory --child <mode> <url> <max-pages>` once per
//! budget; the child audits and prints one `key=value` line.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ttdt::config::Agency;
use ttdt::crawl::{CrawlConfig, CrawlResult, Crawler, FetchKind, FetchOutcome, FetchRecord};
use ttdt::demo::{province, sitegen};
use ttdt::report::json::Report;
use ttdt::rules::{DEFAULT_RULES_YAML, default_rules};
use ttdt::runner::{Progress, RunDir, RunSettings, SnapshotSettings};
use ttdt::score::Overrides;
use ttdt::snapshot::{SnapshotWriter, WarcInfo};

/// Budgets audited, smallest first (the ratio is last / first).
const BUDGETS: [usize; 2] = [500, 5000];

/// The budgets: [`BUDGETS`], or `AUDIT_MEMORY_BUDGETS=small,large` for a quick check.
fn budgets() -> [usize; 2] {
    let Ok(v) = std::env::var("AUDIT_MEMORY_BUDGETS") else {
        return BUDGETS;
    };
    let n: Vec<usize> = v.split(',').filter_map(|x| x.trim().parse().ok()).collect();
    match n[..] {
        [a, b] if a > 0 && b > 0 => [a, b],
        _ => BUDGETS,
    }
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

/// The big generated portal (~5,500 HTML pages, every one reachable within the depth budget).
fn big_site() -> sitegen::SiteSpec {
    province::big_portal(as_of())
}

/// HTML pages the site serves (what the page budget counts).
fn html_pages(spec: &sitegen::SiteSpec) -> usize {
    use sitegen::PageKind as K;
    sitegen::site_pages(spec)
        .iter()
        .filter(|p| !matches!(p.kind, K::Robots | K::SitemapXml | K::Feed | K::Document))
        .count()
}

/// A `/proc/self/status` field in KiB (`VmHWM`: peak resident set; `VmRSS`: current).
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// `VmHWM` (peak resident set) of this process in KiB.
fn peak_rss_kib() -> u64 {
    status_kib("VmHWM")
}

/// Notes the resident set when the crawl ends (before scoring), to tell the crawl's share of
/// the peak from the scoring's.
#[derive(Default)]
struct CrawlEndRss(AtomicU64);

impl Progress for CrawlEndRss {
    fn site_started(&self, _: &Agency) {}
    fn fetched(&self, _: &str, _: &FetchRecord) {}
    fn site_finished(&self, _: &Agency, _: &CrawlResult) {
        self.0.store(status_kib("VmRSS"), Ordering::Relaxed);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        let mode = args.get(2).expect("mode").clone();
        let url = args.get(3).expect("url").clone();
        let max_pages = args.get(4).and_then(|n| n.parse().ok()).expect("max pages");
        child(&mode, &url, max_pages);
        return;
    }
    parent();
}

/// Serve the site, audit it once per budget in a fresh process, print the table.
fn parent() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let spec = big_site();
    let budgets = budgets();
    let pages = html_pages(&spec);
    assert!(
        pages > budgets[1],
        "the site must be larger than the largest budget"
    );
    let site = rt.block_on(sitegen::serve(spec)).expect("serve the site");
    let url = site.home_url.to_string();
    println!("audit_memory: generated site of {pages} HTML pages at {url}");

    let mut modes = vec!["stream", "crawl"];
    if std::env::var_os("AUDIT_MEMORY_BASELINE").is_some() {
        modes.push("keep");
    }
    let exe = std::env::current_exe().expect("own path");
    for mode in modes {
        let mut peaks = Vec::new();
        for budget in budgets {
            let out = Command::new(&exe)
                .args(["--child", mode, &url, &budget.to_string()])
                .output()
                .expect("run the child audit");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "child audit failed: {text}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let line = text.lines().last().unwrap_or_default();
            let field = |k: &str| -> f64 {
                line.split_whitespace()
                    .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(f64::NAN)
            };
            let (p, secs, rss) = (field("pages"), field("seconds"), field("peak_rss_kib"));
            println!(
                "audit_memory/{mode}: max_pages {budget:>5}: {p:>5} pages in {secs:>6.1} s = \
                 {:>6.1} pages/s, peak RSS {:>6.1} MiB (at crawl end {:>6.1} MiB), {:.0} fetches, \
                 WARC {:.1} MiB",
                p / secs,
                rss / 1024.0,
                field("crawl_end_rss_kib") / 1024.0,
                field("fetches"),
                field("warc_bytes") / 1048576.0
            );
            peaks.push(rss);
        }
        println!(
            "audit_memory/{mode}: peak RSS ratio {} / {} pages = {:.2}x (pages ratio {}x)",
            budgets[1],
            budgets[0],
            peaks[1] / peaks[0],
            budgets[1] / budgets[0]
        );
    }
    site.shutdown();
}

/// Audit `url` with a budget of `max_pages`, like `ttdt audit --delay-ms 0 --out <tmp>`, and
/// print what it took.
fn child(mode: &str, url: &str, max_pages: usize) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("run");
    let agency = Agency {
        id: "big-portal".into(),
        name: "Cổng thông tin lớn".into(),
        block: "so_nganh".into(),
        url: url::Url::parse(url).expect("url"),
        scope: Vec::new(),
        extra_hosts: Vec::new(),
    };
    let rules = default_rules();
    let settings = RunSettings {
        crawl: CrawlConfig {
            max_pages,
            delay: Duration::ZERO,
            ..CrawlConfig::default()
        },
        parallel_sites: 1,
        as_of: as_of(),
    };
    let progress = Arc::new(CrawlEndRss::default());
    let started = Instant::now();
    let (pages, fetches) = match mode {
        "stream" => {
            let snapshot = SnapshotSettings {
                dir: RunDir::At(dir.clone()),
                rules_bytes: DEFAULT_RULES_YAML.as_bytes().to_vec(),
                operator: None,
                overrides_yaml: None,
                holidays_yaml: None,
            };
            let run = rt
                .block_on(ttdt::runner::run_and_archive(
                    std::slice::from_ref(&agency),
                    &rules,
                    &Overrides::default(),
                    &settings,
                    snapshot,
                    progress.clone(),
                ))
                .expect("audit");
            let fetches = run.snapshot.archives()[0].records;
            let sites = run
                .output
                .outcomes
                .iter()
                .map(|o| o.score.clone())
                .collect();
            let pages = run.output.outcomes[0].score.pages_fetched;
            let report = Report::new(&rules, as_of(), run.output.run_id.clone(), sites, None);
            run.snapshot
                .finish(&run.output, &report)
                .expect("snapshot finished");
            (pages, fetches)
        }
        "keep" => {
            let out = rt
                .block_on(ttdt::runner::run_agencies(
                    std::slice::from_ref(&agency),
                    &rules,
                    &Overrides::default(),
                    &settings,
                    progress.clone(),
                ))
                .expect("audit");
            ttdt::snapshot::write_run(
                &dir,
                &out,
                &rules,
                DEFAULT_RULES_YAML.as_bytes(),
                as_of(),
                None,
                None,
            )
            .expect("snapshot written");
            let o = &out.outcomes[0];
            (o.score.pages_fetched, o.crawl.records.len())
        }
        _ => crawl_and_archive(&rt, &agency, &rules, &settings, &dir),
    };
    let seconds = started.elapsed().as_secs_f64();
    if progress.0.load(Ordering::Relaxed) == 0 {
        // The crawl-only mode has no scoring phase: the crawl ends with the run.
        progress.0.store(status_kib("VmRSS"), Ordering::Relaxed);
    }
    let peak = peak_rss_kib();
    let warc_bytes = std::fs::metadata(dir.join("big-portal.warc.gz"))
        .map(|m| m.len())
        .unwrap_or(0);
    if mode != "crawl" {
        assert!(ttdt::snapshot::verify(&dir).ok, "the snapshot verifies");
    }
    println!(
        "pages={pages} fetches={fetches} seconds={seconds:.3} peak_rss_kib={peak} \
         crawl_end_rss_kib={} warc_bytes={warc_bytes}",
        progress.0.load(Ordering::Relaxed)
    );
}

/// The evidence path alone: crawl with [`Crawler::crawl_site_streaming`] and write every record
/// to the WARC file as it arrives, without reading the pages for scoring. What this holds is the
/// crawler's URL table and frontier and the index entries: the floor of a streaming audit.
fn crawl_and_archive(
    rt: &tokio::runtime::Runtime,
    agency: &Agency,
    rules: &ttdt::rules::RuleSet,
    settings: &RunSettings,
    dir: &Path,
) -> (usize, usize) {
    std::fs::create_dir_all(dir).expect("run folder");
    let info = WarcInfo {
        agency: agency.clone(),
        run_id: "bench".into(),
        rules_id: rules.id.clone(),
        rules_sha256: rules.sha256.clone(),
        as_of: as_of(),
        user_agent: settings.crawl.user_agent.clone(),
        operator: None,
        insecure: false,
        created: chrono::Utc::now(),
    };
    let writer = Mutex::new(SnapshotWriter::create(dir, &info).expect("WARC file"));
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let crawler = Crawler::new(settings.crawl.clone()).expect("crawler");
    let take = |r: FetchRecord| {
        if let (FetchKind::Page, FetchOutcome::Response(h)) = (r.kind, &r.outcome)
            && (200..300).contains(&h.status)
        {
            pages.fetch_add(1, Ordering::Relaxed);
        }
        writer
            .lock()
            .expect("writer")
            .write_record(&r)
            .expect("record written");
    };
    let crawl = rt.block_on(crawler.crawl_site_streaming(&agency.target(), &take));
    let mut writer = writer.into_inner().expect("writer");
    writer.write_skipped(&crawl.skipped).expect("skipped URLs");
    let fetches = writer.fetch_records();
    writer.finish().expect("WARC file closed");
    (pages.into_inner(), fetches)
}
