//! End to end on real HTTP: the demo province's generated sites are crawled on 127.0.0.1 and
//! scored; statuses, newest dates and scores must follow from each site's declared truth.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use ttdt::crawl::CrawlConfig;
use ttdt::demo::{province, sitegen};
use ttdt::rules::default_rules;
use ttdt::runner::{RunOutput, RunSettings, Silent, run_agencies};
use ttdt::score::{Overrides, SiteScore, SiteStatus, Status};

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
        parallel_sites: 4,
        as_of: as_of(),
    }
}

async fn run_demo(max_pages: usize, overrides: &Overrides) -> (RunOutput, ttdt::demo::Demo) {
    let demo = ttdt::demo::start(as_of()).await.unwrap();
    let file = demo.agencies_file();
    let out = run_agencies(
        &file.agencies,
        &default_rules(),
        overrides,
        &settings(max_pages),
        Arc::new(Silent),
    )
    .await
    .unwrap();
    (out, demo)
}

fn site<'a>(out: &'a RunOutput, id: &str) -> &'a SiteScore {
    &out.outcomes
        .iter()
        .find(|o| o.agency.id == id)
        .unwrap()
        .score
}

fn group<'a>(s: &'a SiteScore, id: &str) -> &'a ttdt::score::GroupScore {
    s.groups.iter().find(|g| g.id == id).unwrap()
}

fn truth(id: &str) -> BTreeMap<String, Option<NaiveDate>> {
    let a = province::demo_province(as_of())
        .into_iter()
        .find(|a| a.id == id)
        .unwrap();
    sitegen::truth_newest(a.spec.as_ref().unwrap())
}

/// The truth's newest date of every group whose rules judge freshness (the others, such as
/// "quy định khác", are scored on the footer and features, not on dated sections).
fn dated_truth(id: &str) -> Vec<(String, NaiveDate)> {
    let rules = default_rules();
    truth(id)
        .into_iter()
        .filter_map(|(g, d)| Some((g, d?)))
        .filter(|(g, _)| {
            rules
                .groups
                .iter()
                .any(|rg| &rg.id == g && rg.criteria.iter().any(|c| c.freshness.is_some()))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_province_scores_follow_the_truth() {
    let (out, _demo) = run_demo(150, &Overrides::default()).await;
    let rules = default_rules();
    assert_eq!(out.outcomes.len(), province::demo_province(as_of()).len());

    for o in &out.outcomes {
        let s = &o.score;
        assert_eq!(s.groups.len(), 11, "{}", s.agency.id);
        let sum: f64 = s.groups.iter().map(|g| g.score).sum();
        assert!(
            (sum - s.total).abs() < 0.01,
            "{}: groups {sum} vs total {}",
            s.agency.id,
            s.total
        );
        for g in &s.groups {
            let csum: f64 = g.criteria.iter().map(|c| c.score).sum();
            assert!((csum - g.score).abs() < 0.01, "{}/{}", s.agency.id, g.id);
            assert!(g.score <= g.max + 1e-9);
        }
        assert_eq!(
            s.band,
            *rules.band_for(ttdt::score::round1(s.total)),
            "{}",
            s.agency.id
        );
    }

    // Complete and fresh: every dated section's newest date is exact and every group scores.
    let stp = site(&out, "so-tu-phap");
    assert_eq!(stp.status, SiteStatus::Ok, "{:?}", stp.fetch_errors);
    for (gid, d) in dated_truth("so-tu-phap") {
        assert_eq!(group(stp, &gid).last_updated, Some(d), "so-tu-phap/{gid}");
    }
    assert_eq!(
        group(stp, "tin_tuc").status,
        Status::Met,
        "{:#?}",
        group(stp, "tin_tuc").criteria
    );
    assert!(
        stp.groups
            .iter()
            .all(|g| g.status != Status::Missing && g.status != Status::Unmeasured)
    );
    assert!(!stp.provisional);
    assert!(
        stp.total >= 80.0,
        "complete fresh site scores Tốt, got {}",
        stp.total
    );

    // Stale: sections present but months old → stale, not missing, no points for news.
    let stale = site(&out, "so-nong-nghiep-moi-truong");
    let news = group(stale, "tin_tuc");
    assert_eq!(news.status, Status::Stale, "{news:#?}");
    assert_eq!(news.score, 0.0);
    assert_eq!(
        news.last_updated,
        truth("so-nong-nghiep-moi-truong")["tin_tuc"]
    );

    // Missing groups: absent sections are missing, with a fix hint on every criterion.
    let yte = site(&out, "so-y-te");
    let absent: Vec<&str> = rules
        .groups
        .iter()
        .map(|g| g.id.as_str())
        .filter(|g| !truth("so-y-te").contains_key(*g))
        .collect();
    assert!(!absent.is_empty());
    for gid in &absent {
        let g = group(yte, gid);
        if *gid == "chuc_nang_ho_tro" || *gid == "quy_dinh_khac" || *gid == "gioi_thieu" {
            continue; // footer, search and contact features live outside sections
        }
        assert_eq!(g.status, Status::Missing, "so-y-te/{gid}: {g:#?}");
        assert!(g.criteria.iter().all(|c| c.fix.is_some()));
    }

    // Unreachable: status, all groups unmeasured, provisional total of 0, still ranked.
    let down = site(&out, "so-xay-dung");
    assert_eq!(down.status, SiteStatus::Unreachable);
    assert!(down.groups.iter().all(|g| g.status == Status::Unmeasured));
    assert!(down.provisional);
    assert_eq!(down.total, 0.0);
    assert!(!down.fetch_errors.is_empty());

    // Fresh sites rank above stale ones.
    assert!(stp.total > stale.total);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_page_budget_still_reaches_every_section() {
    // 30 pages for a site with 12 sections and 30 deep articles per section.
    let (out, demo) = run_demo(30, &Overrides::default()).await;
    let stp = site(&out, "so-tu-phap");
    for (gid, d) in dated_truth("so-tu-phap") {
        assert_eq!(
            group(stp, &gid).last_updated,
            Some(d),
            "{gid} under a 30-page budget"
        );
    }
    let served = demo
        .sites()
        .iter()
        .find(|s| s.spec.id == "so-tu-phap")
        .unwrap();
    let pages = served
        .requests()
        .iter()
        .filter(|r| {
            !r.path_and_query.contains("robots.txt") && !r.path_and_query.contains("sitemap")
        })
        .count();
    assert!(pages <= 30 + 12, "page budget exceeded: {pages} requests");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overrides_replace_the_machine_finding_and_show_it() {
    let overrides = Overrides {
        overrides: vec![ttdt::score::Override {
            agency: "so-y-te".into(),
            criterion: "du_an_dau_thau_chuyen_muc".into(),
            status: Some(Status::Met),
            score: None,
            reason: "Đăng trên cổng tỉnh, đã kiểm tra".into(),
            auditor: "Tổ thẩm định".into(),
            date: as_of(),
        }],
    };
    let (out, _demo) = run_demo(150, &overrides).await;
    let yte = site(&out, "so-y-te");
    let g = group(yte, "du_an_dau_thau");
    let c = g
        .criteria
        .iter()
        .find(|c| c.id == "du_an_dau_thau_chuyen_muc")
        .unwrap();
    assert_eq!(c.status, Status::Met);
    assert_eq!(c.score, c.max);
    let o = c.override_.as_ref().expect("override recorded");
    assert_eq!(o.machine_status, Status::Missing);
    assert_eq!(o.machine_score, 0.0);
    let json = serde_json::to_value(c).unwrap();
    assert_eq!(json["override"]["machine_status"], "missing");
}

/// Factor the rules give a newest date of `d` at the as-of date (0 = stale).
fn freshness_factor(f: &ttdt::rules::Freshness, d: NaiveDate) -> f64 {
    let age = match f.unit {
        ttdt::rules::AgeUnit::Days => (as_of() - d).num_days(),
        ttdt::rules::AgeUnit::WorkingDays => ttdt::dates::working_days_between(d, as_of()),
    };
    f.steps
        .iter()
        .find(|s| age <= i64::from(s.within))
        .map_or(0.0, |s| s.factor)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn freshness_scores_are_what_the_truth_and_the_rules_imply() {
    let (out, _demo) = run_demo(150, &Overrides::default()).await;
    let rules = default_rules();
    let mut checked = 0;
    for id in [
        "so-tu-phap",
        "so-nong-nghiep-moi-truong",
        "so-van-hoa-the-thao-du-lich",
        "phuong-son-ha",
    ] {
        let s = site(&out, id);
        for (gid, newest) in dated_truth(id) {
            let rg = rules.groups.iter().find(|g| g.id == gid).unwrap();
            // The group's own update criterion (`<group>_cap_nhat`) is judged on the section's
            // newest item, which is exactly what the truth declares.
            let own = format!("{gid}_cap_nhat");
            for rc in rg
                .criteria
                .iter()
                .filter(|c| c.id == own && c.freshness.is_some())
            {
                let got = group(s, &gid)
                    .criteria
                    .iter()
                    .find(|c| c.id == rc.id)
                    .unwrap();
                let factor = freshness_factor(rc.freshness.as_ref().unwrap(), newest);
                if factor == 0.0 {
                    assert_eq!(got.status, Status::Stale, "{id}/{}: {}", rc.id, got.reason);
                    assert_eq!(got.score, 0.0);
                } else {
                    let want = (rc.points * factor * 100.0).round() / 100.0;
                    assert_eq!(got.score, want, "{id}/{}: {}", rc.id, got.reason);
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 15, "only {checked} criteria checked");
}
