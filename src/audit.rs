//! The audit pipeline after the crawl: fetch records → decoded pages → [`PageFacts`] →
//! findings → scores. Pure: the same records, rules, as-of date and overrides always give the
//! same [`SiteScore`], whether the records come from a live crawl or from a stored snapshot.

use chrono::NaiveDate;

use crate::classify;
use crate::crawl::{FailReason, FetchKind, FetchOutcome, FetchRecord, HttpResponse, canonicalize};
use crate::extract::{self, PageFacts};
use crate::rules::RuleSet;
use crate::score::{self, AgencyRef, FetchError, Overrides, SiteScore, SiteStatus};

/// One successfully fetched HTML page with what was read from it.
#[derive(Debug, Clone)]
pub struct PageView {
    /// `WARC-Record-ID` of the response.
    pub record_id: String,
    /// Canonical URL of the page (after redirects: the URL that answered 200).
    pub url: String,
    /// Link depth from the start page.
    pub depth: u32,
    /// What the page says.
    pub facts: PageFacts,
    /// True when the page is not valid Unicode (decoded with replacement characters).
    pub decode_errors: bool,
}

/// A fetch that gave no usable page.
#[derive(Debug, Clone)]
pub struct FailedFetch {
    /// Canonical URL.
    pub url: String,
    /// Stable reason code.
    pub reason: String,
    /// Human detail.
    pub detail: String,
}

/// Everything the crawl of one site showed, ready for classification.
#[derive(Debug, Clone)]
pub struct SiteEvidence {
    /// Start URL as configured.
    pub start_url: String,
    /// Readable HTML pages in fetch order; the home page (if reached) is first.
    pub pages: Vec<PageView>,
    /// Failed page fetches (network errors, HTTP 4xx/5xx) in fetch order.
    pub failed: Vec<FailedFetch>,
    /// A sitemap XML answered 200.
    pub has_sitemap_xml: bool,
    /// An RSS/Atom feed answered 200.
    pub has_feed: bool,
    /// Crawl status.
    pub status: SiteStatus,
    /// The home page was reachable but drawn by JavaScript only: content cannot be measured.
    pub script_only_home: bool,
}

/// Does this response carry HTML we should read?
fn is_html(resp: &HttpResponse) -> bool {
    match resp.header("content-type") {
        Some(ct) => {
            let ct = ct.to_ascii_lowercase();
            ct.contains("html")
                || ct.contains("xml") && resp.body.trim_ascii_start().starts_with(b"<!")
        }
        None => {
            let head = &resp.body[..resp.body.len().min(512)];
            let head = String::from_utf8_lossy(head).to_ascii_lowercase();
            head.contains("<html") || head.contains("<!doctype html")
        }
    }
}

fn canonical(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| canonicalize(&u).to_string())
        .unwrap_or_else(|_| url.to_string())
}

/// Reads the records of one site crawl one at a time, so a live crawl can fold each record in
/// as it arrives and drop its body at once, while `rescore` folds the records read back from
/// the WARC file: both run exactly this code, in the same (crawl) order, and so see the same
/// [`SiteEvidence`].
///
/// What it keeps per page is the [`PageView`] (the page's [`PageFacts`], main text capped at
/// 200 000 characters), never the body.
#[derive(Debug, Clone)]
pub struct SiteReader {
    start_url: String,
    /// Canonical start URL.
    start: String,
    as_of: NaiveDate,
    pages: Vec<PageView>,
    failed: Vec<FailedFetch>,
    has_sitemap_xml: bool,
    has_feed: bool,
    /// The home page is the start URL or the end of its redirect chain.
    home_chain: Vec<String>,
}

impl SiteReader {
    /// A reader for the crawl that started at `start_url`. `as_of` decides which dates count.
    pub fn new(start_url: &str, as_of: NaiveDate) -> Self {
        let start = canonical(start_url);
        SiteReader {
            start_url: start_url.to_string(),
            home_chain: vec![start.clone()],
            start,
            as_of,
            pages: Vec::new(),
            failed: Vec::new(),
            has_sitemap_xml: false,
            has_feed: false,
        }
    }

    /// Readable pages so far.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Take in the next record of the crawl (records must come in crawl order).
    pub fn push(&mut self, rec: &FetchRecord) {
        let url = canonical(&rec.url);
        match (&rec.outcome, rec.kind) {
            (FetchOutcome::Response(r), FetchKind::Sitemap) => {
                self.has_sitemap_xml |= (200..300).contains(&r.status) && !r.body.is_empty();
            }
            (FetchOutcome::Response(r), FetchKind::Feed) => {
                self.has_feed |= (200..300).contains(&r.status) && !r.body.is_empty();
            }
            (FetchOutcome::Response(r), FetchKind::Page) => {
                if let Some(to) = &r.redirect_to {
                    if self.home_chain.last() == Some(&url) {
                        self.home_chain.push(canonical(to));
                    }
                    return;
                }
                if !(200..300).contains(&r.status) {
                    let class = if r.status >= 500 {
                        "http_5xx"
                    } else {
                        "http_4xx"
                    };
                    self.failed.push(FailedFetch {
                        url,
                        reason: class.to_string(),
                        detail: format!("HTTP {}", r.status),
                    });
                    return;
                }
                if !is_html(r) {
                    return;
                }
                if let Some(cut) = r.truncated
                    && cut != FailReason::TooLarge
                {
                    // A page cut mid-transfer is still read, but the failure is reported.
                    self.failed.push(FailedFetch {
                        url: url.clone(),
                        reason: cut.code().to_string(),
                        detail: "body cut off mid-transfer; the received part was read".into(),
                    });
                }
                let decoded = crate::text::decode(&r.body, r.header("content-type"));
                let Ok(parsed) = url::Url::parse(&url) else {
                    return;
                };
                let mut facts = extract::extract(&parsed, &decoded.text, self.as_of);
                compact(&mut facts);
                self.pages.push(PageView {
                    record_id: rec.record_id.clone(),
                    url,
                    depth: rec.depth,
                    facts,
                    decode_errors: decoded.had_errors,
                });
            }
            // robots.txt, sitemap and feed failures are evidence too (a dead site fails at
            // its robots.txt, and RFC 9309 then forbids fetching anything else).
            (FetchOutcome::Failed { reason, detail }, _) => self.failed.push(FailedFetch {
                url,
                reason: reason.code().to_string(),
                detail: detail.clone(),
            }),
            _ => {}
        }
    }

    /// Everything the records showed: the home page first, the site's status.
    pub fn finish(self) -> SiteEvidence {
        let SiteReader {
            start_url,
            start,
            mut pages,
            mut failed,
            has_sitemap_xml,
            has_feed,
            home_chain,
            ..
        } = self;
        let home_idx = pages.iter().position(|p| home_chain.contains(&p.url));
        if let Some(i) = home_idx {
            let home = pages.remove(i);
            pages.insert(0, home);
        }
        let status = if home_idx.is_none() {
            SiteStatus::Unreachable
        } else if failed.is_empty() {
            SiteStatus::Ok
        } else {
            SiteStatus::Partial
        };
        if status == SiteStatus::Unreachable && failed.is_empty() {
            // Nothing failed, yet no page was fetched: robots.txt kept us out of the home page.
            failed.push(FailedFetch {
                url: start,
                reason: "robots".into(),
                detail: "robots.txt does not allow fetching the home page".into(),
            });
        }
        let script_only_home = home_idx.is_some() && pages[0].facts.script_only;
        SiteEvidence {
            start_url,
            pages,
            failed,
            has_sitemap_xml,
            has_feed,
            status,
            script_only_home,
        }
    }
}

/// Give back the spare capacity of everything a page's facts hold. The facts of every page are
/// kept until the site is scored, so on a 5,000-page crawl the slack that growing vectors and
/// strings leave behind (a third of the links vector, typically) is megabytes.
fn compact(f: &mut PageFacts) {
    fn s(x: &mut String) {
        x.shrink_to_fit();
    }
    s(&mut f.url);
    s(&mut f.title);
    f.lang.iter_mut().for_each(s);
    f.headings.iter_mut().for_each(|h| s(&mut h.text));
    f.headings.shrink_to_fit();
    f.links.iter_mut().for_each(|l| {
        s(&mut l.href);
        s(&mut l.text);
    });
    f.links.shrink_to_fit();
    f.items.iter_mut().for_each(|i| {
        s(&mut i.title);
        i.href.iter_mut().for_each(s);
    });
    f.items.shrink_to_fit();
    f.dates.iter_mut().for_each(|d| {
        s(&mut d.text);
        s(&mut d.why);
    });
    f.dates.shrink_to_fit();
    f.forms.iter_mut().for_each(|x| {
        s(&mut x.action);
        x.inputs.iter_mut().for_each(s);
        x.inputs.shrink_to_fit();
    });
    f.forms.shrink_to_fit();
    f.feeds.iter_mut().for_each(s);
    f.feeds.shrink_to_fit();
    s(&mut f.footer_text);
    s(&mut f.main_text);
    f.meta_refresh.iter_mut().for_each(s);
}

/// Read the records of one site crawl. `as_of` decides which dates count. A fold of
/// [`SiteReader`] over `records`.
pub fn read_site(start_url: &str, records: &[FetchRecord], as_of: NaiveDate) -> SiteEvidence {
    let mut reader = SiteReader::new(start_url, as_of);
    for rec in records {
        reader.push(rec);
    }
    reader.finish()
}

/// Fetch errors of a site for the report.
pub fn fetch_errors(site: &SiteEvidence) -> Vec<FetchError> {
    site.failed
        .iter()
        .map(|f| FetchError {
            url: f.url.clone(),
            reason: f.reason.clone(),
            detail: f.detail.clone(),
        })
        .collect()
}

/// Score one site from its crawl records: the pure heart of `audit`, `run`, `demo` and `rescore`.
pub fn audit_site(
    agency: &AgencyRef,
    start_url: &str,
    records: &[FetchRecord],
    rules: &RuleSet,
    as_of: NaiveDate,
    overrides: &Overrides,
) -> SiteScore {
    let site = read_site(start_url, records, as_of);
    score_evidence(agency, &site, rules, as_of, overrides)
}

/// Score what a [`SiteReader`] read: classification, then scores. [`audit_site`] is
/// [`read_site`] followed by this; a streaming run calls it on [`SiteReader::finish`].
pub fn score_evidence(
    agency: &AgencyRef,
    site: &SiteEvidence,
    rules: &RuleSet,
    as_of: NaiveDate,
    overrides: &Overrides,
) -> SiteScore {
    let findings = classify::classify(site, rules, as_of);
    score::score_site(agency, site, &findings, rules, as_of, overrides)
}
