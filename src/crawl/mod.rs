//! The polite async crawler: one agency site at a time (several sites may share one [`Crawler`],
//! so per-host politeness holds across agencies), robots.txt obeyed, per-host schedule, global
//! concurrency limit, budgets on pages/depth/bytes/query variants, redirects followed by hand,
//! sitemaps and feeds discovered and used, structure-first crawl order.
//!
//! Every fetch, success or failure, becomes a [`FetchRecord`]: the evidence stage archives them
//! and the analysis stages read only them. Nothing downstream touches the network.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

mod canon;
mod certs;
mod discover;
mod fetch;
mod frontier;
mod politeness;
mod robots;
mod scope;
mod site;

pub use canon::{canonicalize, is_file_name, is_non_html_path};
pub(crate) use discover::{parse_sitemap, read_feed, script_navigations};
pub use fetch::is_html;

/// Settings of one crawl. [`CrawlConfig::default`] holds the design defaults, so a user never
/// has to set anything.
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    /// Most pages (HTML documents) fetched per site. Default 500.
    pub max_pages: usize,
    /// Deepest link depth from the start page. Default 8.
    pub max_depth: u32,
    /// Most distinct query strings followed per path (calendar / permutation traps). Default 50.
    pub max_query_variants: usize,
    /// Most redirect hops followed per URL. Default 10.
    pub max_redirects: usize,
    /// Minimum gap between two requests to one host. Default 500 ms.
    pub delay: Duration,
    /// Cap on a robots.txt Crawl-delay (which wins when larger than `delay`). Default 10 s.
    pub crawl_delay_cap: Duration,
    /// Global limit of requests in flight (across hosts and sites). Default 8.
    pub concurrency: usize,
    /// Requests in flight at most per host (across sites). Default 1: the design's "one polite
    /// queue per host"; the gap `delay` still separates request starts when raised.
    pub max_host_connections: usize,
    /// Retries of a URL answered 429/503, each after a longer pause (`Retry-After`, or 5 s,
    /// doubled per attempt). Default 2.
    pub max_retries: u32,
    /// Longest `Retry-After` honoured: the host is paused at most this long, and a URL whose
    /// server asks for more is given up rather than retried. Default 60 s.
    pub retry_after_cap: Duration,
    /// Whole-request timeout. Default 30 s.
    pub request_timeout: Duration,
    /// Connect timeout. Default 10 s.
    pub connect_timeout: Duration,
    /// Body cap counted on streamed (decompressed) bytes. Default 10 MB.
    pub max_body_bytes: usize,
    /// User-Agent header; default [`crate::user_agent`].
    pub user_agent: String,
    /// Accept invalid TLS certificates (recorded in the report). Default false.
    pub insecure: bool,
    /// The date pages are read as of when the crawler reads them for links (dates after it are
    /// never used). `None`: today (UTC). A run sets its audit date, so the audit can use the
    /// crawler's reading of each page ([`PageReading`]) instead of parsing the page again.
    pub as_of: Option<NaiveDate>,
}

impl Default for CrawlConfig {
    fn default() -> Self {
        CrawlConfig {
            max_pages: 500,
            max_depth: 8,
            max_query_variants: 50,
            max_redirects: 10,
            delay: Duration::from_millis(500),
            crawl_delay_cap: Duration::from_secs(10),
            concurrency: 8,
            max_host_connections: 1,
            max_retries: 2,
            retry_after_cap: Duration::from_secs(60),
            request_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_body_bytes: 10 * 1024 * 1024,
            user_agent: crate::user_agent(),
            insecure: false,
            as_of: None,
        }
    }
}

/// What to crawl for one agency.
#[derive(Debug, Clone)]
pub struct SiteTarget {
    /// The start (home) page.
    pub start_url: url::Url,
    /// URL prefixes that are inside the agency's scope. Empty = the start URL's host and its
    /// `www.` twin (any path). Never a public suffix such as `gov.vn`.
    pub scope: Vec<String>,
    /// Other hosts carrying the agency's content: fetched when linked (depth 1), not crawled deeply.
    pub extra_hosts: Vec<String>,
}

/// Why a URL was fetched; lets the analysis tell robots.txt and sitemaps from pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FetchKind {
    /// An HTML page (or what was expected to be one).
    Page,
    /// `/robots.txt`.
    Robots,
    /// A sitemap or sitemap index.
    Sitemap,
    /// An RSS/Atom feed.
    Feed,
}

/// Stable reason codes of failed fetches (also used in the JSON `fetch_errors`).
///
/// The audit adds codes of its own for fetches that got an answer but no usable page:
/// `http_4xx`, `http_5xx`, `blocked` (403: a firewall or WAF page), `soft_404` (200 saying
/// "page not found"), `robots` (robots.txt keeps us out of the home page), and `trap` entries
/// summarising URLs cut off by the trap guards (see [`SkippedUrl`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailReason {
    /// No response within the timeout (or the body trickled past it).
    Timeout,
    /// Connection reset or closed mid-transfer.
    Reset,
    /// Connection refused / unreachable.
    Connect,
    /// Host name did not resolve.
    Dns,
    /// TLS handshake or certificate failure.
    Tls,
    /// Body exceeded the byte cap (the kept prefix is in the record).
    TooLarge,
    /// Redirects came back to a URL already seen in the chain.
    RedirectLoop,
    /// More redirect hops than allowed.
    TooManyRedirects,
    /// Anything else, with the detail in the record.
    Other,
}

impl FailReason {
    /// Stable text code (the JSON `fetch_errors` reason and the WARC `fetch-error` field).
    pub fn code(self) -> &'static str {
        match self {
            FailReason::Timeout => "timeout",
            FailReason::Reset => "reset",
            FailReason::Connect => "connect",
            FailReason::Dns => "dns",
            FailReason::Tls => "tls",
            FailReason::TooLarge => "too_large",
            FailReason::RedirectLoop => "redirect_loop",
            FailReason::TooManyRedirects => "too_many_redirects",
            FailReason::Other => "other",
        }
    }

    /// Every reason, so readers and tests cannot miss one.
    pub const ALL: [FailReason; 9] = [
        FailReason::Timeout,
        FailReason::Reset,
        FailReason::Connect,
        FailReason::Dns,
        FailReason::Tls,
        FailReason::TooLarge,
        FailReason::RedirectLoop,
        FailReason::TooManyRedirects,
        FailReason::Other,
    ];

    /// The reason of a code written by [`FailReason::code`]; unknown codes read as `Other`, so
    /// an archive written by a newer version still loads.
    pub fn from_code(code: &str) -> FailReason {
        FailReason::ALL
            .into_iter()
            .find(|r| r.code() == code)
            .unwrap_or(FailReason::Other)
    }
}

/// One HTTP exchange (or attempt), exactly as seen.
#[derive(Debug, Clone)]
pub struct FetchRecord {
    /// Stable id of the exchange, `<urn:uuid:…>`: becomes the `WARC-Record-ID` of the response
    /// (or metadata) record, so findings can name their evidence before the archive is written.
    pub record_id: String,
    /// The URL requested (after canonicalisation; redirect hops are records of their own).
    pub url: String,
    /// When the request was sent.
    pub fetched_at: DateTime<Utc>,
    /// Why it was fetched.
    pub kind: FetchKind,
    /// Link depth from the start page (0 = start page, robots/sitemaps 0).
    pub depth: u32,
    /// Request headers as sent.
    pub request_headers: Vec<(String, String)>,
    /// The response or the failure.
    pub outcome: FetchOutcome,
    /// What the crawler read from the page to find its links, if it read it (2xx HTML pages
    /// whose links were wanted). Handed on so a reader in the same process does not decode and
    /// parse the page a second time; never archived, so a re-score from WARC reads the body.
    pub reading: Option<std::sync::Arc<PageReading>>,
}

/// One HTML page as the crawler read it: see [`FetchRecord::reading`].
#[derive(Debug, Clone)]
pub struct PageReading {
    /// The date the page was read as of; a reader with another date reads the body itself.
    pub as_of: NaiveDate,
    /// Everything read from the page.
    pub facts: crate::extract::PageFacts,
    /// True when some bytes were invalid in the page's encoding and were replaced.
    pub decode_errors: bool,
    /// The legacy (non-Unicode) Vietnamese encoding the page was written in, if it was.
    pub legacy_encoding: Option<String>,
}

/// The result of one fetch.
#[derive(Debug, Clone)]
pub enum FetchOutcome {
    /// A response arrived (any status).
    Response(HttpResponse),
    /// No usable response.
    Failed {
        /// Stable reason code.
        reason: FailReason,
        /// Human detail (e.g. "no response in 30 s").
        detail: String,
    },
}

/// A received HTTP response.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// `HTTP/1.1`, `HTTP/2.0`.
    pub http_version: String,
    /// Headers as received, in order.
    pub headers: Vec<(String, String)>,
    /// The body after transfer decoding (gzip/br removed), at most the byte cap.
    pub body: Vec<u8>,
    /// True when the body was cut at the byte cap (`too_large`) or by a mid-body failure.
    pub truncated: Option<FailReason>,
    /// For 3xx: the absolute `Location` target.
    pub redirect_to: Option<String>,
}

/// A fresh `<urn:uuid:…>` record id.
pub fn new_record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

impl HttpResponse {
    /// First header value with this (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A URL seen but not fetched, and why (robots.txt, budget, scope of a trap guard).
#[derive(Debug, Clone, Serialize)]
pub struct SkippedUrl {
    /// The URL.
    pub url: String,
    /// `robots` (disallowed, or robots.txt unavailable: RFC 9309 disallow-all), `max_pages`,
    /// `max_depth`, `query_variants` (too many query strings on one path: calendar traps),
    /// `max_sitemaps` / `max_feeds` (discovery files beyond their bound), `slow_down` (the host
    /// kept answering 429/503), `duplicate_content` (fetched, but its text repeats an earlier
    /// page's: its links were not followed — calendar and permutation traps, mirrors).
    pub reason: String,
}

/// Everything one site crawl produced.
#[derive(Debug, Clone)]
pub struct CrawlResult {
    /// The start URL.
    pub start_url: String,
    /// Every fetch in the order it completed (empty after [`Crawler::crawl_site_streaming`],
    /// which hands the records to its callback instead of keeping them).
    pub records: Vec<FetchRecord>,
    /// URLs not fetched and why.
    pub skipped: Vec<SkippedUrl>,
    /// When the crawl started and ended.
    pub started: DateTime<Utc>,
    /// End time.
    pub finished: DateTime<Utc>,
}

/// A crawler shared by all sites of a run: one HTTP client, one per-host schedule, one global
/// concurrency limit.
///
/// Politeness is shared: every `crawl_site` call on one `Crawler` (e.g. `ttdt run` crawling
/// several agencies concurrently, some on the same provincial portal host) goes through one
/// per-host schedule, so a host never sees two requests in flight from us nor two requests
/// closer than its delay.
pub struct Crawler {
    config: CrawlConfig,
    client: reqwest::Client,
    schedule: politeness::HostSchedule,
    permits: tokio::sync::Semaphore,
}

impl Crawler {
    /// Build a crawler (HTTP client with rustls, redirects off, timeouts from `config`).
    pub fn new(config: CrawlConfig) -> anyhow::Result<Self> {
        let client = fetch::build_client(&config)?;
        let permits = tokio::sync::Semaphore::new(config.concurrency.max(1));
        let schedule = politeness::HostSchedule::new(config.max_host_connections);
        Ok(Crawler {
            config,
            client,
            schedule,
            permits,
        })
    }

    /// The settings in force.
    pub fn config(&self) -> &CrawlConfig {
        &self.config
    }

    /// Crawl one site. `on_record` sees every record as it is made (progress, evidence); the
    /// result keeps every record, bodies included, so memory grows with the site. Long crawls
    /// that archive as they go use [`Crawler::crawl_site_streaming`] instead.
    pub async fn crawl_site(
        &self,
        target: &SiteTarget,
        on_record: &(dyn Fn(&FetchRecord) + Send + Sync),
    ) -> CrawlResult {
        let kept = std::sync::Mutex::new(Vec::new());
        let keep = |mut r: FetchRecord| {
            on_record(&r);
            // The kept records are the evidence; the crawler's reading would only double them.
            r.reading = None;
            kept.lock().unwrap_or_else(|e| e.into_inner()).push(r);
        };
        let mut result = site::SiteCrawl::new(self, target).run(&keep).await;
        result.records = kept.into_inner().unwrap_or_else(|e| e.into_inner());
        result
    }

    /// Crawl one site, handing every record to `on_record` *by value* as soon as it is made and
    /// keeping none of them: the returned [`CrawlResult::records`] is empty. The crawler itself
    /// keeps only its URL table and frontier, so memory does not grow with the bodies fetched;
    /// the caller archives (and drops) each record as it arrives. Records arrive in the same
    /// order [`Crawler::crawl_site`] would list them.
    pub async fn crawl_site_streaming(
        &self,
        target: &SiteTarget,
        on_record: &(dyn Fn(FetchRecord) + Send + Sync),
    ) -> CrawlResult {
        site::SiteCrawl::new(self, target).run(on_record).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_codes_round_trip_and_match_serde() {
        for r in FailReason::ALL {
            assert_eq!(FailReason::from_code(r.code()), r);
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
        }
        assert_eq!(FailReason::from_code("from_the_future"), FailReason::Other);
    }
}
