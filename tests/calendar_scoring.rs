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
