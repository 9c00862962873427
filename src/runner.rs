//! Runs audits: crawls every agency (concurrently, one shared [`Crawler`] so per-host politeness
//! holds across agencies), then scores each from its records with the pure pipeline of
//! [`crate::audit`]. Used by `ttdt audit`, `ttdt run` and `ttdt demo`.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use futures::StreamExt;

use crate::audit::audit_site;
use crate::config::Agency;
use crate::crawl::{CrawlConfig, CrawlResult, Crawler, FetchRecord};
use crate::rules::RuleSet;
use crate::score::{Overrides, SiteScore};

/// Settings of one run.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// Crawl settings.
    pub crawl: CrawlConfig,
    /// Agencies crawled at the same time.
    pub parallel_sites: usize,
    /// Audit reference date.
    pub as_of: NaiveDate,
}

/// Progress events, for the terminal progress bar.
pub trait Progress: Send + Sync {
    /// A site crawl started.
    fn site_started(&self, agency: &Agency);
    /// A fetch finished.
    fn fetched(&self, agency_id: &str, record: &FetchRecord);
    /// A site crawl finished.
    fn site_finished(&self, agency: &Agency, result: &CrawlResult);
}

/// No progress output.
pub struct Silent;

impl Progress for Silent {
    fn site_started(&self, _: &Agency) {}
    fn fetched(&self, _: &str, _: &FetchRecord) {}
    fn site_finished(&self, _: &Agency, _: &CrawlResult) {}
}

/// One agency's crawl and score.
#[derive(Debug, Clone)]
pub struct AgencyOutcome {
    /// The agency.
    pub agency: Agency,
    /// Everything fetched (kept for the evidence snapshot).
    pub crawl: CrawlResult,
    /// Its score.
    pub score: SiteScore,
}

/// The result of a run.
#[derive(Debug, Clone)]
pub struct RunOutput {
    /// Run id: start time in UTC, `YYYYMMDDTHHMMSSZ`.
    pub run_id: String,
    /// Start time.
    pub started: DateTime<Utc>,
    /// End time.
    pub finished: DateTime<Utc>,
    /// Agencies in the agencies file's order.
    pub outcomes: Vec<AgencyOutcome>,
}

/// The run id of a run started at `t`.
pub fn run_id(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Crawl and score every agency.
pub async fn run_agencies(
    agencies: &[Agency],
    rules: &RuleSet,
    overrides: &Overrides,
    settings: &RunSettings,
    progress: Arc<dyn Progress>,
) -> anyhow::Result<RunOutput> {
    let started = Utc::now();
    let crawler = Arc::new(Crawler::new(settings.crawl.clone())?);
    let crawls: Vec<(usize, CrawlResult)> = futures::stream::iter(agencies.iter().enumerate())
        .map(|(i, agency)| {
            let crawler = crawler.clone();
            let progress = progress.clone();
            async move {
                progress.site_started(agency);
                let id = agency.id.clone();
                let p2 = progress.clone();
                let on_record = move |r: &FetchRecord| p2.fetched(&id, r);
                let result = crawler.crawl_site(&agency.target(), &on_record).await;
                progress.site_finished(agency, &result);
                (i, result)
            }
        })
        .buffer_unordered(settings.parallel_sites.max(1))
        .collect()
        .await;
    let mut crawls = crawls;
    crawls.sort_by_key(|(i, _)| *i);
    let outcomes = crawls
        .into_iter()
        .map(|(i, crawl)| {
            let agency = agencies[i].clone();
            let score = audit_site(
                &agency.agency_ref(),
                agency.url.as_str(),
                &crawl.records,
                rules,
                settings.as_of,
                overrides,
            );
            AgencyOutcome {
                agency,
                crawl,
                score,
            }
        })
        .collect();
    Ok(RunOutput {
        run_id: run_id(started),
        started,
        finished: Utc::now(),
        outcomes,
    })
}
