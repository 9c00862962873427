//! One site crawl: the loop that hands the best frontier URLs to polite fetch tasks and reads
//! what they bring back (links, sitemaps, feeds, redirects, robots.txt).
//!
//! The loop itself is single-threaded state (frontier, URL table, robots per origin); only the
//! fetches run concurrently, at most one per host and at most `concurrency` per site and across
//! the whole [`Crawler`].

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use futures::stream::{FuturesUnordered, StreamExt};

use super::canon::{canonicalize, is_non_html_path};
use super::discover::{parse_feed, parse_sitemap, script_redirects};
use super::fetch::{exchange, is_feed, is_html};
use super::frontier::{self, Frontier, Item, Priority, UrlState, UrlTable, tier};
use super::politeness::polite_key;
use super::robots::RobotsRules;
use super::scope::Scope;
use super::{
    CrawlConfig, CrawlResult, Crawler, FailReason, FetchKind, FetchOutcome, FetchRecord,
    HttpResponse, PageReading, SiteTarget, SkippedUrl,
};
use crate::extract::Region;

/// Most sitemap files fetched per site (indexes included).
pub(crate) const MAX_SITEMAPS: usize = 20;
/// Most feeds fetched per site.
pub(crate) const MAX_FEEDS: usize = 10;
/// Redirect hops followed for robots.txt (RFC 9309 asks for at least five).
const MAX_ROBOTS_REDIRECTS: usize = 5;
/// Pause after a 429/503 that gives no `Retry-After`.
const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(5);
/// Pages whose folded text is shorter than this are not compared for near-duplicates: an
/// empty shell (a page drawn by script) says nothing about being a trap.
const MIN_DUPLICATE_TEXT: usize = 40;
/// After this many 429/503 answers from one host, the rest of its URLs are given up
/// (`slow_down`): an overloaded server paced by `Retry-After` would otherwise hold the nightly
/// run for hours.
const MAX_SLOW_DOWNS: usize = 5;

/// The gap for a host: our delay, or robots.txt's Crawl-delay when larger (capped).
fn effective_delay(cfg: &CrawlConfig, crawl_delay: Option<Duration>) -> Duration {
    match crawl_delay {
        Some(cd) => cfg.delay.max(cd.min(cfg.crawl_delay_cap)),
        None => cfg.delay,
    }
}

/// The pause a 429/503 asks for: `Retry-After` in seconds or as an HTTP date.
fn retry_after(resp: &HttpResponse) -> Option<Duration> {
    let v = resp.header("retry-after")?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = DateTime::parse_from_rfc2822(v).ok()?;
    let secs = (when.with_timezone(&Utc) - Utc::now()).num_seconds().max(0);
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

/// How long to keep a host quiet after a 429/503 on the `attempt`-th try of a URL (0 = first):
/// its `Retry-After` (or 5 s), at least our delay, doubled per attempt, never above the cap.
fn slow_down_pause(cfg: &CrawlConfig, resp: &HttpResponse, attempt: u32) -> Duration {
    let base = retry_after(resp)
        .unwrap_or(DEFAULT_RETRY_AFTER)
        .max(cfg.delay);
    base.saturating_mul(1u32 << attempt.min(16))
        .min(cfg.retry_after_cap)
}

/// May a URL answered 429/503 on its `attempt`-th try be tried again? Not beyond the retry
/// budget, and not when the server asks for a longer pause than we honour.
fn may_retry(cfg: &CrawlConfig, resp: &HttpResponse, attempt: u32) -> bool {
    attempt < cfg.max_retries
        && retry_after(resp).unwrap_or(DEFAULT_RETRY_AFTER) <= cfg.retry_after_cap
}

/// A key of a page's visible text for near-duplicate detection: the SHA-256 of its title and
/// main text folded (case, diacritics, punctuation and spacing ignored), so the same content
/// under another URL — reordered or extra query parameters, an empty calendar day far in the
/// future, a mirror path — shares a key whatever its markup. Digits are kept: list pages and
/// weeks that differ only in numbers are different content. `None` for near-empty text.
fn content_key(title: &str, main_text: &str) -> Option<[u8; 32]> {
    use sha2::{Digest, Sha256};
    let folded = crate::text::fold(&format!("{title} {main_text}"));
    if folded.len() < MIN_DUPLICATE_TEXT {
        return None;
    }
    Some(Sha256::digest(folded.as_bytes()).into())
}

/// Does this status ask us to slow down?
fn is_slow_down(status: u16) -> bool {
    matches!(status, 429 | 503)
}

/// URLs a fetch brought to light.
#[derive(Debug, Default)]
struct Found {
    /// Page links (with their region), sitemap `<url>`s or feed entries.
    links: Vec<(String, Option<Region>)>,
    /// Feed URLs announced by a page.
    feeds: Vec<String>,
    /// `<meta http-equiv=refresh>` target.
    meta_refresh: Option<String>,
    /// Child sitemaps of a sitemap index.
    sitemaps: Vec<String>,
    /// Near-duplicate key of an HTML page's text ([`content_key`]).
    content_key: Option<[u8; 32]>,
    /// The page as read, handed on with its record ([`FetchRecord::reading`]).
    reading: Option<PageReading>,
}

/// What a finished task hands back to the loop.
// One value per finished task, moved once into the loop: boxing would only add an allocation.
#[allow(clippy::large_enum_variant)]
enum Done {
    /// robots.txt of an origin (its records: one per hop or attempt).
    Robots {
        origin: String,
        host: String,
        records: Vec<FetchRecord>,
        rules: RobotsRules,
    },
    /// A page, sitemap or feed fetch.
    Fetch {
        item: Item,
        host: String,
        record: FetchRecord,
        found: Found,
    },
}

type Task<'a> = Pin<Box<dyn Future<Output = Done> + Send + 'a>>;

/// Where a site crawl hands each record, by value, as soon as it is made.
pub(crate) type OnRecord<'r> = dyn Fn(FetchRecord) + Send + Sync + 'r;

/// State of one site crawl.
pub(crate) struct SiteCrawl<'a> {
    crawler: &'a Crawler,
    start: url::Url,
    scope: Scope,
    table: UrlTable,
    frontier: Frontier,
    /// robots.txt per origin: `None` while it is being fetched.
    robots: HashMap<String, Option<RobotsRules>>,
    /// Fetches of this site in flight per host (at most `max_host_connections`, so the
    /// frontier decides late).
    busy: HashMap<String, usize>,
    /// Near-duplicate keys of the pages read so far.
    content_seen: HashSet<[u8; 32]>,
    /// Pages fetched whose links were not followed, and why (`duplicate_content`).
    not_expanded: Vec<SkippedUrl>,
    /// Gap per host once its robots.txt is known.
    host_delay: HashMap<String, Duration>,
    /// Distinct query strings queued per `origin + path` (trap guard).
    variants: HashMap<String, HashSet<String>>,
    /// 429/503 answers per host.
    slow_downs: HashMap<String, usize>,
    /// The start URL as given (reported back unchanged).
    start_given: String,
    pages: usize,
    sitemaps: usize,
    feeds: usize,
    seq: u64,
    sitemap_xml_seeded: bool,
    started: DateTime<Utc>,
}

impl<'a> SiteCrawl<'a> {
    /// Prepare the crawl of one target.
    pub(crate) fn new(crawler: &'a Crawler, target: &SiteTarget) -> SiteCrawl<'a> {
        let start = canonicalize(&target.start_url);
        let scope = Scope::new(&start, &target.scope, &target.extra_hosts);
        SiteCrawl {
            crawler,
            start,
            scope,
            table: UrlTable::default(),
            frontier: Frontier::default(),
            robots: HashMap::new(),
            busy: HashMap::new(),
            content_seen: HashSet::new(),
            not_expanded: Vec::new(),
            host_delay: HashMap::new(),
            variants: HashMap::new(),
            slow_downs: HashMap::new(),
            start_given: target.start_url.to_string(),
            pages: 0,
            sitemaps: 0,
            feeds: 0,
            seq: 0,
            sitemap_xml_seeded: false,
            started: Utc::now(),
        }
    }

    fn cfg(&self) -> &'a CrawlConfig {
        &self.crawler.config
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Crawl until the frontier is empty or every budget is spent. Every record is handed to
    /// `on_record` as soon as it is made and not kept here: the returned `records` is empty.
    pub(crate) async fn run(mut self, on_record: &OnRecord<'_>) -> CrawlResult {
        let start = self.start.clone();
        let key = Priority {
            tier: tier::START,
            depth: 0,
            segments: 0,
            seq: self.next_seq(),
        };
        self.table.set(start.as_str(), UrlState::Queued(key));
        self.frontier.push(Item {
            url: start,
            kind: FetchKind::Page,
            depth: 0,
            leaf: false,
            chain: Vec::new(),
            retries: 0,
            key,
        });

        let mut tasks: FuturesUnordered<Task<'a>> = FuturesUnordered::new();
        loop {
            self.launch(&mut tasks);
            let Some(done) = tasks.next().await else {
                break;
            };
            self.absorb(done, on_record);
        }

        CrawlResult {
            start_url: self.start_given,
            records: Vec::new(),
            skipped: self
                .table
                .skipped()
                .into_iter()
                .map(|(url, reason)| SkippedUrl {
                    url,
                    reason: reason.to_string(),
                })
                .chain(self.not_expanded)
                .collect(),
            started: self.started,
            finished: Utc::now(),
        }
    }

    /// Start tasks while there is room: robots.txt of an origin before anything else on it,
    /// then the best-priority URL among the origins whose host is free.
    fn launch(&mut self, tasks: &mut FuturesUnordered<Task<'a>>) {
        let limit = self.cfg().concurrency.max(1);
        while tasks.len() < limit {
            let mut best: Option<(Priority, String)> = None;
            let mut robots_for: Option<(String, String)> = None;
            for (origin, key) in self.frontier.tops(&self.table) {
                let host = origin_host(&origin);
                if !self.host_free(&host) {
                    continue;
                }
                match self.robots.get(&origin) {
                    None => {
                        robots_for = Some((origin, host));
                        break;
                    }
                    Some(None) => {}
                    Some(Some(_)) => {
                        if best.as_ref().is_none_or(|(k, _)| key < *k) {
                            best = Some((key, origin));
                        }
                    }
                }
            }
            if let Some((origin, host)) = robots_for {
                self.robots.insert(origin.clone(), None);
                *self.busy.entry(host.clone()).or_default() += 1;
                let delay = self.delay_for(&host);
                tasks.push(Box::pin(robots_task(self.crawler, origin, host, delay)));
                continue;
            }
            let Some((_, origin)) = best else {
                return;
            };
            if let Some(item) = self.frontier.pop(&origin) {
                if let Some(task) = self.admit(item, &origin) {
                    tasks.push(task);
                }
            }
        }
    }

    /// Check robots.txt and budgets for a popped item; a task when it may be fetched.
    fn admit(&mut self, item: Item, origin: &str) -> Option<Task<'a>> {
        let url = item.url.as_str().to_string();
        let allowed = match self.robots.get(origin) {
            Some(Some(rules)) => rules.allows(&item.url),
            _ => false,
        };
        if !allowed {
            self.table.set(&url, UrlState::Skipped("robots"));
            return None;
        }
        let host = polite_key(&item.url);
        if self.slow_downs.get(&host).copied().unwrap_or(0) >= MAX_SLOW_DOWNS {
            self.table.set(&url, UrlState::Skipped("slow_down"));
            return None;
        }
        // Redirect hops and retries finish a fetch already counted.
        if item.chain.is_empty() && item.retries == 0 {
            let cfg = self.cfg();
            let (count, cap, reason) = match item.kind {
                FetchKind::Page => (&mut self.pages, cfg.max_pages, "max_pages"),
                FetchKind::Sitemap => (&mut self.sitemaps, MAX_SITEMAPS, "max_sitemaps"),
                FetchKind::Feed => (&mut self.feeds, MAX_FEEDS, "max_feeds"),
                FetchKind::Robots => (&mut self.sitemaps, usize::MAX, ""),
            };
            if *count >= cap {
                self.table.set(&url, UrlState::Skipped(reason));
                return None;
            }
            *count += 1;
        }
        self.table.set(&url, UrlState::Taken);
        *self.busy.entry(host.clone()).or_default() += 1;
        let delay = self.delay_for(&host);
        Some(Box::pin(fetch_task(self.crawler, item, host, delay)))
    }

    /// May another fetch of this site start on this host?
    fn host_free(&self, host: &str) -> bool {
        self.busy.get(host).copied().unwrap_or(0) < self.cfg().max_host_connections.max(1)
    }

    /// One fetch on this host has finished.
    fn release(&mut self, host: &str) {
        if let Some(n) = self.busy.get_mut(host) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.busy.remove(host);
            }
        }
    }

    /// The gap for a host: its robots.txt Crawl-delay when known and larger, else ours.
    fn delay_for(&self, host: &str) -> Duration {
        self.host_delay
            .get(host)
            .copied()
            .unwrap_or(self.cfg().delay)
    }

    /// Take in a finished task.
    fn absorb(&mut self, done: Done, on_record: &OnRecord<'_>) {
        match done {
            Done::Robots {
                origin,
                host,
                records,
                rules,
            } => {
                self.release(&host);
                for r in records {
                    on_record(r);
                }
                let d = effective_delay(self.cfg(), rules.crawl_delay());
                let e = self.host_delay.entry(host).or_insert(d);
                *e = (*e).max(d);
                self.seed_sitemaps(&origin, &rules);
                self.robots.insert(origin, Some(rules));
            }
            Done::Fetch {
                item,
                host,
                record,
                found,
            } => {
                self.release(&host);
                if let FetchOutcome::Response(r) = &record.outcome {
                    if is_slow_down(r.status) {
                        *self.slow_downs.entry(host.clone()).or_default() += 1;
                    }
                }
                let (status, redirect_to, retry) = match &record.outcome {
                    FetchOutcome::Response(r) => (
                        Some(r.status),
                        r.redirect_to.clone(),
                        may_retry(self.cfg(), r, item.retries),
                    ),
                    FetchOutcome::Failed { .. } => (None, None, false),
                };
                // The record (and its body) leaves the crawl here: what the loop still needs
                // was read above.
                on_record(record);
                match (status, redirect_to) {
                    (Some(300..=399), Some(to)) => self.follow_redirect(&item, &to, on_record),
                    (Some(s), _) if is_slow_down(s) && retry => {
                        // The host is already backed off in the schedule; try again.
                        let key = Priority {
                            tier: tier::CONTINUE,
                            depth: item.depth,
                            segments: 0,
                            seq: self.next_seq(),
                        };
                        self.table.set(item.url.as_str(), UrlState::Queued(key));
                        self.frontier.push(Item {
                            retries: item.retries + 1,
                            key,
                            ..item
                        });
                    }
                    _ => self.take_found(&item, found),
                }
            }
        }
    }

    /// Queue the sitemaps of an origin once its robots.txt is known: its `Sitemap:` lines, and
    /// `/sitemap.xml` of the first origin of the site.
    fn seed_sitemaps(&mut self, origin: &str, rules: &RobotsRules) {
        if matches!(rules, RobotsRules::DisallowAll) {
            return;
        }
        let Ok(o) = url::Url::parse(origin) else {
            return;
        };
        if !self.scope.host_contains(&o) || self.scope.is_extra(&o) {
            return;
        }
        let mut list: Vec<String> = rules.sitemaps().to_vec();
        if !self.sitemap_xml_seeded {
            self.sitemap_xml_seeded = true;
            list.push(format!("{origin}/sitemap.xml"));
        }
        for s in list {
            if let Ok(u) = url::Url::parse(s.trim()) {
                let u = canonicalize(&u);
                if self.scope.host_contains(&u) {
                    self.offer(u, FetchKind::Sitemap, 0, false, tier::SITEMAP);
                }
            }
        }
    }

    /// Record a redirect failure that has no HTTP exchange of its own.
    fn fail(
        &mut self,
        url: &url::Url,
        item: &Item,
        reason: FailReason,
        detail: String,
        on_record: &OnRecord<'_>,
    ) {
        let rec = FetchRecord {
            record_id: super::new_record_id(),
            url: url.to_string(),
            fetched_at: Utc::now(),
            kind: item.kind,
            depth: item.depth,
            request_headers: Vec::new(),
            outcome: FetchOutcome::Failed { reason, detail },
            reading: None,
        };
        on_record(rec);
    }

    /// Queue the next hop of a redirect chain (first in line), unless it loops, runs too long,
    /// leaves the scope or was fetched already.
    fn follow_redirect(&mut self, item: &Item, location: &str, on_record: &OnRecord<'_>) {
        let Ok(t) = url::Url::parse(location) else {
            return;
        };
        if !matches!(t.scheme(), "http" | "https") {
            return;
        }
        let target = canonicalize(&t);
        let mut chain = item.chain.clone();
        chain.push(item.url.to_string());
        if chain.iter().any(|c| c == target.as_str()) {
            let detail = format!("redirect loop: {} → {target}", chain.join(" → "));
            self.fail(&target, item, FailReason::RedirectLoop, detail, on_record);
            return;
        }
        if chain.len() > self.cfg().max_redirects {
            let detail = format!(
                "more than {} redirects, from {}",
                self.cfg().max_redirects,
                chain.first().map_or("", String::as_str)
            );
            self.fail(
                &target,
                item,
                FailReason::TooManyRedirects,
                detail,
                on_record,
            );
            return;
        }
        let leaf = item.leaf || (!self.scope.contains(&target) && self.scope.is_extra(&target));
        let in_scope = match item.kind {
            FetchKind::Page => self.scope.contains(&target) || self.scope.is_extra(&target),
            _ => self.scope.host_contains(&target),
        };
        if !in_scope {
            // The start page moving to another host (an agency's new domain) takes the
            // default scope with it; any other redirect off-site is not followed.
            let is_start = item.kind == FetchKind::Page && item.depth == 0 && !item.leaf;
            if is_start && !self.scope.has_prefixes() {
                self.scope.adopt_host(&target);
            } else {
                return;
            }
        }
        if item.kind == FetchKind::Page && is_non_html_path(&target) {
            return;
        }
        if matches!(
            self.table.get(target.as_str()),
            Some(UrlState::Taken | UrlState::Skipped("robots"))
        ) {
            return;
        }
        let key = Priority {
            tier: tier::CONTINUE,
            depth: item.depth,
            segments: 0,
            seq: self.next_seq(),
        };
        self.table.set(target.as_str(), UrlState::Queued(key));
        self.frontier.push(Item {
            url: target,
            kind: item.kind,
            depth: item.depth,
            leaf,
            chain,
            retries: 0,
            key,
        });
    }

    /// Queue what a page, sitemap or feed pointed to.
    fn take_found(&mut self, item: &Item, found: Found) {
        match item.kind {
            FetchKind::Page => {
                let home = item.depth == 0;
                if let Some(m) = found.meta_refresh {
                    // A refresh is the page moving elsewhere: same depth, and first in line
                    // when it is the home page that moved.
                    let t = if home { Some(tier::CONTINUE) } else { None };
                    self.offer_page(&m, item.depth, None, t);
                }
                if let Some(k) = found.content_key {
                    if !self.content_seen.insert(k) {
                        // Same text as a page already read: a trap (calendar, permutations)
                        // or a mirror. Its links were seen there; do not expand them again.
                        self.not_expanded.push(SkippedUrl {
                            url: item.url.to_string(),
                            reason: "duplicate_content".to_string(),
                        });
                        return;
                    }
                }
                for (href, region) in found.links {
                    let forced = match region {
                        Some(Region::Nav | Region::Footer) if home => Some(tier::HOME_MENU),
                        _ => None,
                    };
                    self.offer_page(&href, item.depth + 1, region, forced);
                }
                for f in found.feeds {
                    if let Ok(u) = url::Url::parse(&f) {
                        let u = canonicalize(&u);
                        if self.scope.host_contains(&u) {
                            self.offer(u, FetchKind::Feed, item.depth + 1, false, tier::FEED);
                        }
                    }
                }
            }
            FetchKind::Sitemap => {
                for s in found.sitemaps {
                    if let Ok(u) = url::Url::parse(&s) {
                        let u = canonicalize(&u);
                        if self.scope.host_contains(&u) {
                            self.offer(u, FetchKind::Sitemap, 0, false, tier::SITEMAP);
                        }
                    }
                }
                for (href, _) in found.links {
                    self.offer_page(&href, 1, None, None);
                }
            }
            FetchKind::Feed => {
                for (href, _) in found.links {
                    self.offer_page(&href, item.depth + 1, None, None);
                }
            }
            FetchKind::Robots => {}
        }
    }

    /// Offer a link as a page: in scope (or on an extra host, as a leaf), not a document.
    /// `forced` overrides the shape-based tier for home-page menus and refreshes.
    fn offer_page(&mut self, href: &str, depth: u32, region: Option<Region>, forced: Option<u8>) {
        let Ok(u) = url::Url::parse(href) else {
            return;
        };
        if !matches!(u.scheme(), "http" | "https") {
            return;
        }
        let u = canonicalize(&u);
        if is_non_html_path(&u) {
            return;
        }
        let leaf = if self.scope.contains(&u) {
            false
        } else if self.scope.is_extra(&u) {
            true
        } else {
            return;
        };
        let shape = frontier::shape(&u);
        let tier = match (forced, region) {
            // A news ticker in the home header is not the menu: articles wait a little.
            (Some(tier::HOME_MENU), _) if shape == frontier::Shape::Article => tier::SECTION,
            (Some(t), _) => t,
            // Menus on inner pages (sub-menus) are structure too.
            (None, Some(Region::Nav)) if shape != frontier::Shape::Article => tier::SECTION,
            _ => shape.tier(),
        };
        self.offer(u, FetchKind::Page, depth, leaf, tier);
    }

    /// Queue a canonical URL, or improve its place; or record why it will not be fetched.
    fn offer(&mut self, u: url::Url, kind: FetchKind, depth: u32, leaf: bool, tier: u8) {
        let state = self.table.get(u.as_str());
        match state {
            Some(UrlState::Taken) => return,
            Some(UrlState::Skipped(r)) if r != "max_depth" => return,
            Some(UrlState::Queued(k)) => {
                if (tier, depth) < (k.tier, k.depth) {
                    self.enqueue(u, kind, depth, leaf, tier);
                }
                return;
            }
            _ => {}
        }
        let cfg = self.cfg();
        if kind == FetchKind::Page && depth > cfg.max_depth {
            if state.is_none() {
                self.table.set(u.as_str(), UrlState::Skipped("max_depth"));
            }
            return;
        }
        if kind == FetchKind::Page {
            if let Some(q) = u.query() {
                let path_key = format!("{}{}", frontier::origin(&u), u.path());
                let seen = self.variants.entry(path_key).or_default();
                if !seen.contains(q) {
                    if seen.len() >= cfg.max_query_variants {
                        self.table
                            .set(u.as_str(), UrlState::Skipped("query_variants"));
                        return;
                    }
                    seen.insert(q.to_string());
                }
            }
        }
        self.enqueue(u, kind, depth, leaf, tier);
    }

    /// Put a URL on the frontier at this priority (a better place supersedes an older entry,
    /// which is skipped when popped because the table no longer names its key).
    fn enqueue(&mut self, u: url::Url, kind: FetchKind, depth: u32, leaf: bool, tier: u8) {
        let key = Priority {
            tier,
            depth,
            segments: frontier::segments(&u),
            seq: self.next_seq(),
        };
        self.table.set(u.as_str(), UrlState::Queued(key));
        self.frontier.push(Item {
            url: u,
            kind,
            depth,
            leaf,
            chain: Vec::new(),
            retries: 0,
            key,
        });
    }
}

/// Politeness key of an origin string (`http://www.h:8080` → `h:8080`).
fn origin_host(origin: &str) -> String {
    url::Url::parse(origin)
        .ok()
        .map(|u| polite_key(&u))
        .unwrap_or_default()
}

/// Fetch robots.txt of an origin: redirects followed (each hop recorded), one retry after a
/// server error or reset, the host's Crawl-delay applied to the schedule at once.
async fn robots_task(crawler: &Crawler, origin: String, host: String, delay: Duration) -> Done {
    let cfg = &crawler.config;
    let mut records = Vec::new();
    let Ok(mut url) = url::Url::parse(&format!("{origin}/robots.txt")) else {
        // No robots.txt can exist for an opaque origin; the page fetch will fail on its own.
        return Done::Robots {
            origin,
            host,
            records,
            rules: RobotsRules::AllowAll,
        };
    };
    let mut rules = RobotsRules::DisallowAll;
    let mut hops = 0;
    let mut retried = false;
    loop {
        let hop_host = polite_key(&url);
        let mut permit = crawler.schedule.acquire(&hop_host, delay).await;
        let slot = crawler.permits.acquire().await.ok();
        let record = exchange(
            &crawler.client,
            &url,
            FetchKind::Robots,
            0,
            cfg,
            &mut permit,
        )
        .await;
        let mut next = None;
        let mut retry = false;
        match &record.outcome {
            FetchOutcome::Response(r)
                if (300..400).contains(&r.status) && r.redirect_to.is_some() =>
            {
                hops += 1;
                next = r
                    .redirect_to
                    .as_deref()
                    .and_then(|to| url::Url::parse(to).ok())
                    .filter(|u| matches!(u.scheme(), "http" | "https"));
                if hops > MAX_ROBOTS_REDIRECTS || next.is_none() {
                    next = None;
                    rules = RobotsRules::AllowAll;
                }
            }
            FetchOutcome::Response(r) => {
                rules = RobotsRules::from_response(Some(r.status), &r.body);
                if is_slow_down(r.status) {
                    permit.back_off(slow_down_pause(cfg, r, u32::from(retried)));
                }
                retry = r.status >= 500 && !retried;
                permit.raise_delay(effective_delay(cfg, rules.crawl_delay()));
            }
            FetchOutcome::Failed { reason, .. } => {
                rules = RobotsRules::DisallowAll;
                retry = *reason == FailReason::Reset && !retried;
            }
        }
        records.push(record);
        drop(slot);
        drop(permit);
        if retry {
            retried = true;
            continue;
        }
        match next {
            Some(u) => url = u,
            None => break,
        }
    }
    Done::Robots {
        origin,
        host,
        records,
        rules,
    }
}

/// Fetch one page/sitemap/feed politely, then read it (off the async threads).
async fn fetch_task(crawler: &Crawler, item: Item, host: String, delay: Duration) -> Done {
    let cfg = &crawler.config;
    let record = {
        let mut permit = crawler.schedule.acquire(&host, delay).await;
        let _slot = crawler.permits.acquire().await.ok();
        let record = exchange(
            &crawler.client,
            &item.url,
            item.kind,
            item.depth,
            cfg,
            &mut permit,
        )
        .await;
        if let FetchOutcome::Response(r) = &record.outcome {
            if is_slow_down(r.status) {
                permit.back_off(slow_down_pause(cfg, r, item.retries));
            }
        }
        record
    };
    let mut found = if item.leaf {
        Found::default()
    } else {
        let as_of = cfg.as_of.unwrap_or_else(|| Utc::now().date_naive());
        analyse(&item, &record, as_of).await
    };
    let mut record = record;
    record.reading = found.reading.take().map(std::sync::Arc::new);
    Done::Fetch {
        item,
        host,
        record,
        found,
    }
}

/// Read links / sitemap entries / feed entries from a 2xx response. Parsing runs in a
/// blocking task: it is CPU work, and a panic there costs only this page's links.
async fn analyse(item: &Item, record: &FetchRecord, as_of: NaiveDate) -> Found {
    let FetchOutcome::Response(r) = &record.outcome else {
        return Found::default();
    };
    if !(200..300).contains(&r.status) {
        return Found::default();
    }
    match item.kind {
        // A feed linked as a plain `<a href>`: read its entries like a discovered feed.
        FetchKind::Page if is_feed(r) => feed_entries(&item.url, r).await,
        FetchKind::Page => {
            if !is_html(r) {
                return Found::default();
            }
            let decoded = crate::text::decode(&r.body, r.header("content-type"));
            let url = item.url.clone();
            let read = tokio::task::spawn_blocking(move || {
                let scripted = script_redirects(&url, &decoded.text);
                let reading = PageReading {
                    as_of,
                    facts: crate::extract::extract(&url, &decoded.text, as_of),
                    decode_errors: decoded.had_errors,
                    legacy_encoding: decoded.legacy_encoding().then_some(decoded.encoding),
                };
                (reading, scripted)
            })
            .await;
            match read {
                Ok((reading, scripted)) => {
                    let f = &reading.facts;
                    Found {
                        content_key: content_key(&f.title, &f.main_text),
                        links: f
                            .links
                            .iter()
                            .map(|l| (l.href.clone(), Some(l.region)))
                            .chain(scripted.into_iter().map(|h| (h, None)))
                            .collect(),
                        feeds: f.feeds.clone(),
                        meta_refresh: f.meta_refresh.clone(),
                        sitemaps: Vec::new(),
                        reading: Some(reading),
                    }
                }
                Err(_) => Found::default(),
            }
        }
        FetchKind::Sitemap => {
            let body = r.body.clone();
            match tokio::task::spawn_blocking(move || parse_sitemap(&body)).await {
                Ok(s) => Found {
                    links: s.pages.into_iter().map(|p| (p, None)).collect(),
                    sitemaps: s.sitemaps,
                    ..Found::default()
                },
                Err(_) => Found::default(),
            }
        }
        FetchKind::Feed => feed_entries(&item.url, r).await,
        FetchKind::Robots => Found::default(),
    }
}

/// Entry links of a feed response.
async fn feed_entries(url: &url::Url, r: &HttpResponse) -> Found {
    let body = r.body.clone();
    let url = url.clone();
    match tokio::task::spawn_blocking(move || parse_feed(&url, &body)).await {
        Ok(links) => Found {
            links: links.into_iter().map(|p| (p, None)).collect(),
            ..Found::default()
        },
        Err(_) => Found::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays() {
        let cfg = CrawlConfig {
            delay: Duration::from_millis(500),
            crawl_delay_cap: Duration::from_secs(10),
            ..CrawlConfig::default()
        };
        assert_eq!(effective_delay(&cfg, None), Duration::from_millis(500));
        assert_eq!(
            effective_delay(&cfg, Some(Duration::from_millis(100))),
            Duration::from_millis(500)
        );
        assert_eq!(
            effective_delay(&cfg, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        assert_eq!(
            effective_delay(&cfg, Some(Duration::from_secs(100))),
            Duration::from_secs(10)
        );
    }

    #[test]
    fn retry_after_forms() {
        let mut r = HttpResponse {
            status: 503,
            http_version: "HTTP/1.1".into(),
            headers: vec![("Retry-After".into(), "7".into())],
            body: Vec::new(),
            truncated: None,
            redirect_to: None,
        };
        assert_eq!(retry_after(&r), Some(Duration::from_secs(7)));
        r.headers = vec![("retry-after".into(), "Wed, 21 Oct 2015 07:28:00 GMT".into())];
        assert_eq!(retry_after(&r), Some(Duration::ZERO));
        r.headers = vec![("retry-after".into(), "soon".into())];
        assert_eq!(retry_after(&r), None);
    }
}
