//! Working-day freshness follows the Vietnamese calendar: a demo site crawled on 127.0.0.1 and
//! scored with the embedded calendar and with a weekends-only calendar gives different
//! freshness steps exactly when a holiday break lies inside the window.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use ttdt::calendar::WorkCalendar;
use ttdt::crawl::CrawlConfig;
use ttdt::rules::{RuleSet, default_rules};
use ttdt::runner::{RunSettings, Silent, run_agencies};
use ttdt::score::{CriterionScore, Overrides, Status};

/// The commune site of the demo province whose newest news item is 12 calendar days old.
const SITE: &str = "xa-muong-chanh";
/// Its criterion "newest news ≤ 5 working days (full), ≤ 20 (half)".
const CRITERION: &str = "tin_tuc_cap_nhat";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rules_with(calendar: WorkCalendar) -> RuleSet {
    let mut rules = default_rules();
    rules.calendar = Arc::new(calendar);
    rules
}

/// Crawl the demo province as of `as_of` (only [`SITE`]) once, and score it under each rule set.
async fn scores(as_of: NaiveDate, rule_sets: &[RuleSet]) -> Vec<CriterionScore> {
    let demo = ttdt::demo::start(as_of).await.unwrap();
    let mut file = demo.agencies_file();
    file.agencies.retain(|a| a.id == SITE);
    assert_eq!(file.agencies.len(), 1);
    let settings = RunSettings {
        crawl: CrawlConfig {
            max_pages: 60,
            delay: Duration::from_millis(1),
            ..CrawlConfig::default()
        },
        parallel_sites: 1,
        as_of,
    };
    let mut out = Vec::new();
    for rules in rule_sets {
        let run = run_agencies(
            &file.agencies,
            rules,
            &Overrides::default(),
            &settings,
            Arc::new(Silent),
        )
        .await
        .unwrap();
        let site = &run.outcomes[0].score;
        let c = site
            .groups
            .iter()
            .flat_map(|g| &g.criteria)
            .find(|c| c.id == CRITERION)
            .unwrap()
            .clone();
        out.push(c);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tet_break_inside_the_window_changes_the_freshness_step() {
    // As of Wednesday 25/2/2026 the newest item is dated Friday 13/2/2026, just before the Tết
    // break 14–22/2. Vietnamese working days since: 23, 24, 25/2 = 3 (≤ 5, full points).
    // Counting Monday–Friday only it would be 8 (≤ 20, half points).
    let as_of = d(2026, 2, 25);
    let got = scores(
        as_of,
        &[default_rules(), rules_with(WorkCalendar::weekends_only())],
    )
    .await;
    let (vn, plain) = (&got[0], &got[1]);
    assert_eq!(vn.last_updated, Some(d(2026, 2, 13)), "{vn:#?}");
    assert_eq!((vn.status, vn.score), (Status::Met, 6.0), "{vn:#?}");
    assert!(
        vn.reason.contains("(3 ngày làm việc trước)"),
        "{}",
        vn.reason
    );
    assert_eq!(
        (plain.status, plain.score),
        (Status::Partial, 3.0),
        "{plain:#?}"
    );
    assert!(
        plain.reason.contains("(8 ngày làm việc trước)"),
        "{}",
        plain.reason
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_holiday_in_the_window_both_calendars_agree() {
    // As of Wednesday 25/11/2026 the newest item is Friday 13/11/2026: no holiday between, 8
    // working days in both calendars (half points).
    let as_of = d(2026, 11, 25);
    let got = scores(
        as_of,
        &[default_rules(), rules_with(WorkCalendar::weekends_only())],
    )
    .await;
    assert_eq!(got[0].last_updated, Some(d(2026, 11, 13)));
    for c in &got {
        assert_eq!((c.status, c.score), (Status::Partial, 3.0), "{c:#?}");
        assert!(c.reason.contains("(8 ngày làm việc trước)"), "{}", c.reason);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_holidays_file_given_to_the_rules_changes_the_count() {
    // An announced extra break (holiday `other`) over the days before 25/11/2026 leaves 1
    // working day (25/11) since Friday 13/11: full points instead of half.
    let yaml = "\
years:
  2026:
    - holiday: other
      days_off: [{from: 2026-11-16, to: 2026-11-24}]
      source: \"test: an invented break\"
";
    let cal = ttdt::calendar::load_str(yaml, "test-holidays.yaml").unwrap();
    let got = scores(d(2026, 11, 25), &[rules_with(cal)]).await;
    assert_eq!(
        (got[0].status, got[0].score),
        (Status::Met, 6.0),
        "{:#?}",
        got[0]
    );
    assert!(
        got[0].reason.contains("(1 ngày làm việc trước)"),
        "{}",
        got[0].reason
    );
}

/// The evidence keeps the holidays file a run counted in: `ttdt rescore` of a run audited with
/// `--holidays FILE` gives the same working-day scores without being told the file again, the
/// JSON names the same calendar, and `ttdt verify` covers the archived file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rescore_counts_in_the_archived_holidays_file() {
    let as_of = d(2026, 11, 25);
    let demo = ttdt::demo::start(as_of).await.unwrap();
    let file = demo.agencies_file();
    let site = file.agencies.iter().find(|a| a.id == SITE).unwrap();
    let url = site.url.to_string();
    let tmp = tempfile::tempdir().unwrap();
    let holidays = tmp.path().join("holidays.yaml");
    std::fs::write(
        &holidays,
        "years:\n  2026:\n    - holiday: other\n      days_off: [{from: 2026-11-16, to: 2026-11-24}]\n      source: \"test: an invented break\"\n",
    )
    .unwrap();
    let out = tmp.path().join("run");
    let run = |args: Vec<String>| {
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_ttdt"))
                .args(&args)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .output()
                .unwrap()
        })
    };
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let live = run(vec![
        "audit".into(),
        url,
        "--as-of".into(),
        "2026-11-25".into(),
        "--holidays".into(),
        s(&holidays),
        "--max-pages".into(),
        "60".into(),
        "--delay-ms".into(),
        "1".into(),
        "--format".into(),
        "json".into(),
        "--out".into(),
        s(&out),
    ])
    .await
    .unwrap();
    assert!(
        live.status.success(),
        "{}",
        String::from_utf8_lossy(&live.stderr)
    );
    assert!(
        out.join("holidays.yaml").exists(),
        "the holidays file is archived"
    );
    let again = run(vec![
        "rescore".into(),
        s(&out),
        "--format".into(),
        "json".into(),
    ])
    .await
    .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let verified = run(vec!["verify".into(), s(&out)]).await.unwrap();
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );

    let criterion = |json: &serde_json::Value| {
        json["sites"][0]["groups"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["criteria"].as_array().unwrap())
            .find(|c| c["id"] == CRITERION)
            .unwrap()
            .clone()
    };
    let live: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("findings.json")).unwrap()).unwrap();
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    // Full points: 1 working day since 13/11 in the invented calendar (8 in the embedded one).
    assert_eq!(criterion(&live)["score"], 6.0, "{:#}", criterion(&live));
    assert_eq!(criterion(&again)["score"], 6.0, "{:#}", criterion(&again));
    assert_eq!(
        live["rules"]["holidays"]["sha256"],
        again["rules"]["holidays"]["sha256"]
    );
    assert_ne!(
        again["rules"]["holidays"]["sha256"],
        WorkCalendar::vietnam().sha256(),
        "not the embedded calendar"
    );
}
