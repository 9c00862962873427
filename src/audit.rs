//! The audit pipeline after the crawl: fetch records → decoded pages → [`PageFacts`] →
//! findings → scores. Pure: the same records, rules, as-of date and overrides always give the
//! same [`SiteScore`], whether the records come from a live crawl or from a stored snapshot.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::classify::{Classifier, Finding};
use crate::crawl::{
    FailReason, FetchKind, FetchOutcome, FetchRecord, HttpResponse, PageReading, canonicalize,
};
use crate::extract::{self, PageFacts, PublicServicesSummary, SiteServices};
use crate::freshness::{
    DateSignal, FeedEntryDate, IgnoredSignal, SitemapDate, feed_entry_dates, sitemap_lastmods,
};
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
    /// The legacy encoding the page was written in (`TCVN3`, `windows-1258`…), when it is not
    /// Unicode as TCVN 6909 requires ([`crate::text::Decoded::legacy_encoding`]).
    pub legacy_encoding: Option<String>,
    /// Its HTTP `Last-Modified` as a (weak) freshness signal.
    pub last_modified: Option<DateSignal>,
    /// Its `Last-Modified` when set aside (equal to the fetch time), with the reason.
    pub last_modified_ignored: Option<IgnoredSignal>,
}

/// The dated entries of one RSS/Atom feed the crawl fetched.
#[derive(Debug, Clone)]
pub struct FeedDates {
    /// Canonical feed URL.
    pub url: String,
    /// Entries with a date.
    pub entries: Vec<FeedEntryDate>,
}

/// A sitemap `<lastmod>` with its page URL parsed once (sections test many of them).
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    /// The page URL (canonical).
    pub url: url::Url,
    /// The `<lastmod>`.
    pub lastmod: SitemapDate,
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
    /// Online public services over all pages: portal links, procedures listed, levels.
    pub public_services: PublicServicesSummary,
    /// The audit's reference date (dates after it are never taken).
    pub as_of: NaiveDate,
    /// Every sitemap `<url>` with a readable `<lastmod>` (freshness signals of sections).
    pub sitemap_dates: Vec<SitemapEntry>,
    /// Dated entries of every feed fetched (freshness signals of the sections linking them).
    pub feed_dates: Vec<FeedDates>,
}

/// Does this response carry HTML we should read? What the crawler sniffed as HTML (an
/// `application/octet-stream` page), or any `…html…`/XHTML type.
fn is_html(resp: &HttpResponse) -> bool {
    if crate::crawl::is_html(resp) {
        return true;
    }
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
pub struct SiteReader<'r> {
    classifier: Classifier<'r>,
    start_url: String,
    /// Canonical start URL.
    start: String,
    as_of: NaiveDate,
    pages: Vec<PageView>,
    failed: Vec<FailedFetch>,
    has_sitemap_xml: bool,
    has_feed: bool,
    sitemap_dates: Vec<SitemapEntry>,
    feed_dates: Vec<FeedDates>,
    /// The home page is the start URL or the end of its redirect chain.
    home_chain: Vec<String>,
    /// The home page has been read (a later page with the same URL is not the home page).
    home_seen: bool,
    services: SiteServices,
}

impl<'r> SiteReader<'r> {
    /// A reader for the crawl that started at `start_url`, classifying against `rules`. `as_of`
    /// decides which dates count.
    pub fn new(start_url: &str, as_of: NaiveDate, rules: &'r RuleSet) -> Self {
        let start = canonical(start_url);
        SiteReader {
            classifier: Classifier::new(rules),
            start_url: start_url.to_string(),
            home_chain: vec![start.clone()],
            start,
            as_of,
            pages: Vec::new(),
            failed: Vec::new(),
            has_sitemap_xml: false,
            has_feed: false,
            sitemap_dates: Vec::new(),
            feed_dates: Vec::new(),
            home_seen: false,
            services: SiteServices::new(start_url),
        }
    }

    /// Readable pages so far.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Take in the next record of the crawl (records must come in crawl order).
    pub fn push(&mut self, rec: &FetchRecord) {
        self.push_read(rec, rec.reading.as_deref().map(Cow::Borrowed));
    }

    /// [`SiteReader::push`] for a record handed over by value (a streaming crawl): the
    /// crawler's reading of the page is moved into the page view, not copied.
    pub fn push_owned(&mut self, mut rec: FetchRecord) {
        let reading = rec
            .reading
            .take()
            .map(|r| Cow::Owned(Arc::try_unwrap(r).unwrap_or_else(|shared| (*shared).clone())));
        self.push_read(&rec, reading);
    }

    fn push_read(&mut self, rec: &FetchRecord, reading: Option<Cow<'_, PageReading>>) {
        let url = canonical(&rec.url);
        match (&rec.outcome, rec.kind) {
            (FetchOutcome::Response(r), FetchKind::Sitemap) => {
                let ok = (200..300).contains(&r.status) && !r.body.is_empty();
                self.has_sitemap_xml |= ok;
                if ok {
                    self.sitemap_dates
                        .extend(sitemap_lastmods(&r.body).into_iter().filter_map(|d| {
                            let u = url::Url::parse(&d.url).ok()?;
                            Some(SitemapEntry {
                                url: canonicalize(&u),
                                lastmod: d,
                            })
                        }));
                }
            }
            (FetchOutcome::Response(r), FetchKind::Feed) => {
                let ok = (200..300).contains(&r.status) && !r.body.is_empty();
                self.has_feed |= ok;
                if ok && let Ok(feed_url) = url::Url::parse(&url) {
                    let entries = feed_entry_dates(&feed_url, &r.body);
                    if !entries.is_empty() {
                        self.feed_dates.push(FeedDates { url, entries });
                    }
                }
            }
            (FetchOutcome::Response(r), FetchKind::Robots) => {
                // RFC 9309: a robots.txt answering 5xx means "disallow all"; say so, since it
                // is why nothing else of the origin was fetched. A retry that answered
                // supersedes it.
                self.failed.retain(|f| f.url != url);
                if r.status >= 500 {
                    self.failed.push(FailedFetch {
                        url,
                        reason: "robots".into(),
                        detail: format!(
                            "robots.txt answered HTTP {}: the site counts as disallowed (RFC 9309)",
                            r.status
                        ),
                    });
                }
            }
            (FetchOutcome::Response(r), FetchKind::Page) => {
                if let Some(to) = &r.redirect_to {
                    if self.home_chain.last() == Some(&url) {
                        self.home_chain.push(canonical(to));
                    }
                    return;
                }
                if !(200..300).contains(&r.status) {
                    // A retried URL is reported once, with its last answer.
                    self.failed.retain(|f| f.url != url);
                    self.failed.push(http_failure(url, r));
                    return;
                }
                // A URL answered after a 429/503 retry: the earlier refusal is not a failure.
                self.failed.retain(|f| f.url != url);
                if !is_html(r) {
                    return;
                }
                if let Some(cut) = r.truncated {
                    // A page cut short is still read, but the failure is reported.
                    let n = r.body.len();
                    let detail = match cut {
                        FailReason::TooLarge => format!(
                            "body larger than the cap (decompressed); the first {n} bytes were read"
                        ),
                        FailReason::Timeout => format!(
                            "body still arriving at the timeout; the {n} bytes received were read"
                        ),
                        _ => format!("body cut off mid-transfer; the {n} bytes received were read"),
                    };
                    self.failed.push(FailedFetch {
                        url: url.clone(),
                        reason: cut.code().to_string(),
                        detail,
                    });
                }
                let reading = reading.filter(|p| p.as_of == self.as_of && p.facts.url == url);
                let (facts, decode_errors, legacy_encoding) = match reading {
                    // The crawler read this page for its links, as of our date: not again.
                    Some(p) => {
                        let p = p.into_owned();
                        (p.facts, p.decode_errors, p.legacy_encoding)
                    }
                    None => {
                        let decoded = crate::text::decode(&r.body, r.header("content-type"));
                        let Ok(parsed) = url::Url::parse(&url) else {
                            return;
                        };
                        let facts = extract::extract(&parsed, &decoded.text, self.as_of);
                        let legacy = decoded.legacy_encoding().then_some(decoded.encoding);
                        (facts, decoded.had_errors, legacy)
                    }
                };
                if is_soft_404(&facts) {
                    // A "page not found" served with 200: not evidence of any section.
                    self.failed.push(FailedFetch {
                        url,
                        reason: "soft_404".into(),
                        detail: format!(
                            "HTTP {} but the page says it does not exist (\"{}\")",
                            r.status,
                            facts.title.trim()
                        ),
                    });
                    return;
                }
                let http = crate::freshness::http_last_modified(
                    &url,
                    r.header("last-modified"),
                    r.header("date"),
                    rec.fetched_at,
                );
                let (last_modified, last_modified_ignored) = match http {
                    Some(Ok(s)) => (Some(s), None),
                    Some(Err(i)) => (None, Some(i)),
                    None => (None, None),
                };
                let mut view = PageView {
                    record_id: rec.record_id.clone(),
                    url,
                    depth: rec.depth,
                    facts,
                    decode_errors,
                    legacy_encoding,
                    last_modified,
                    last_modified_ignored,
                };
                let is_home = !self.home_seen && self.home_chain.contains(&view.url);
                self.home_seen |= is_home;
                self.classifier.observe(&view, is_home);
                self.services.add(&view.url, &view.facts.public_services);
                keep_for_scoring(&mut view.facts);
                self.pages.push(view);
            }
            // robots.txt, sitemap and feed failures are evidence too (a dead site fails at
            // its robots.txt, and RFC 9309 then forbids fetching anything else).
            (FetchOutcome::Failed { reason, detail }, _) => self.failed.push(FailedFetch {
                url,
                reason: reason.code().to_string(),
                detail: detail.clone(),
            }),
        }
    }

    /// Everything the records showed (the home page first, the site's status) and the finding
    /// of every criterion.
    pub fn finish(self) -> (SiteEvidence, Vec<Finding>) {
        let SiteReader {
            classifier,
            start_url,
            start,
            mut pages,
            mut failed,
            has_sitemap_xml,
            has_feed,
            sitemap_dates,
            feed_dates,
            home_chain,
            services,
            as_of,
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
        let site = SiteEvidence {
            start_url,
            pages,
            failed,
            has_sitemap_xml,
            has_feed,
            status,
            script_only_home,
            public_services: services.summary(),
            as_of,
            sitemap_dates,
            feed_dates,
        };
        let findings = classifier.finish(&site);
        (site, findings)
    }
}

/// An HTTP error answer as a failed fetch: `blocked` for 403 (the firewall / WAF pages that
/// agencies' hosting puts in front of foreign or automated visitors: the content exists but we
/// were not let in), `http_4xx` and `http_5xx` otherwise.
fn http_failure(url: String, r: &HttpResponse) -> FailedFetch {
    let (reason, what) = match r.status {
        403 => (
            "blocked",
            "access refused (firewall or access-control page)",
        ),
        429 => ("http_4xx", "too many requests, still refused after retries"),
        400..=499 => ("http_4xx", "client error"),
        _ => ("http_5xx", "server error"),
    };
    let title = page_title(r);
    let detail = match title {
        Some(t) => format!("HTTP {}: {what} (\"{t}\")", r.status),
        None => format!("HTTP {}: {what}", r.status),
    };
    FailedFetch {
        url,
        reason: reason.into(),
        detail,
    }
}

/// The `<title>` of an HTML error page, for the detail (firewall pages name themselves).
fn page_title(r: &HttpResponse) -> Option<String> {
    if !is_html(r) {
        return None;
    }
    let text = crate::text::decode(
        &r.body[..r.body.len().min(64 * 1024)],
        r.header("content-type"),
    )
    .text;
    let doc = scraper::Html::parse_document(&text);
    let sel = scraper::Selector::parse("title").ok()?;
    let t = doc.select(&sel).next()?.text().collect::<String>();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then(|| t.chars().take(120).collect())
}

/// Phrases of a "page not found" page, folded ([`crate::text::fold`]).
const NOT_FOUND_PHRASES: &[&str] = &[
    "khong tim thay trang",
    "trang khong ton tai",
    "trang ban tim khong ton tai",
    "khong tim thay noi dung",
    "khong tim thay bai viet",
    "bai viet khong ton tai",
    "noi dung khong ton tai",
    "duong dan khong ton tai",
    "page not found",
    "404 not found",
];

/// A soft 404: an answer 200 whose title or one of its first headings says the page does not
/// exist, or whose whole (short) text, or the start of it, is such a message. A long article
/// that merely mentions the phrase is not one. The audit records such a page as a failed
/// fetch, never as evidence.
pub fn is_soft_404(f: &PageFacts) -> bool {
    let says = |t: &str, page_only: bool| {
        let t = crate::text::fold(t);
        NOT_FOUND_PHRASES
            .iter()
            .filter(|p| !page_only || !p.contains("noi dung"))
            .any(|p| t.contains(p))
    };
    // The first two headings outside the menu and footer: a site-name `h1` in a header the
    // page does not mark as one comes before the message.
    let mut first_content_headings = f.headings.iter().filter(|h| h.in_content()).take(2);
    // In the text, only a message about the page itself counts: an empty list says it found
    // no content ("Không tìm thấy nội dung phù hợp") under its own section heading.
    let opening: String = f.main_text.chars().take(OPENING_CHARS).collect();
    says(&f.title, false)
        || f.headings.first().is_some_and(|h| says(&h.text, false))
        || first_content_headings.any(|h| says(&h.text, false))
        || (f.main_text.chars().count() < 400 && says(&f.main_text, true))
        // The message as the content's first words, above a sidebar of news ("Thông báo: Trang
        // bạn tìm không tồn tại hoặc đã bị xóa!" in a table layout without headings).
        || says(&opening, true)
}

/// Characters at the start of a page's main text where a "page not found" message stands.
const OPENING_CHARS: usize = 200;

/// After a page is classified, scoring needs only its dated items, date signals, feed links
/// (a section's own feed dates it) and whether it was drawn by script: its links, headings
/// and text are dropped, so memory stays small on a crawl of thousands of pages.
fn keep_for_scoring(f: &mut PageFacts) {
    f.links = Vec::new();
    f.headings = Vec::new();
    f.dates = Vec::new();
    f.forms = Vec::new();
    f.public_services = Default::default();
    f.main_text = String::new();
    f.footer_text = String::new();
    f.items.shrink_to_fit();
    f.items.iter_mut().for_each(|i| {
        i.title.shrink_to_fit();
    });
}

/// Read the records of one site crawl. `as_of` decides which dates count. A fold of
/// [`SiteReader`] over `records`.
pub fn read_site(
    start_url: &str,
    records: &[FetchRecord],
    as_of: NaiveDate,
    rules: &RuleSet,
) -> (SiteEvidence, Vec<Finding>) {
    let mut reader = SiteReader::new(start_url, as_of, rules);
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
    let (site, findings) = read_site(start_url, records, as_of, rules);
    score::score_site(agency, &site, &findings, rules, as_of, overrides)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(html: &str) -> PageFacts {
        extract::extract(
            &url::Url::parse("https://vp.example.gov.vn/tintuc/Pages/chi-tiet.aspx?ItemID=9")
                .unwrap(),
            html,
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        )
    }

    /// A "not found" page behind a header whose `h1` is the site's name is still a soft 404;
    /// an article that mentions the phrase in its body is not.
    #[test]
    fn soft_404_is_read_from_the_first_content_heading() {
        let menu = "<nav><ul>".to_string()
            + &(0..40)
                .map(|i| format!("<li><a href=\"/m/{i}\">Chuyên mục số {i} của văn phòng</a></li>"))
                .collect::<String>()
            + "</ul></nav>";
        let not_found = facts(&format!(
            "<html><head><title>Lỗi - Văn phòng UBND tỉnh</title></head><body><header><h1>VĂN PHÒNG UBND TỈNH</h1></header>{menu}\
             <main><h2>Trang bạn tìm không tồn tại</h2><p>Bài viết có thể đã bị gỡ bỏ.</p>\
             <div class=\"box\"><h3>Tin mới</h3><p>{}</p></div></main></body></html>",
            "Tin hoạt động của văn phòng trong tuần qua. ".repeat(12)
        ));
        assert!(is_soft_404(&not_found));
        let article = facts(&format!(
            "<html><head><title>Hướng dẫn sử dụng cổng</title></head><body><header><h1>VĂN PHÒNG UBND TỈNH</h1></header>{menu}\
             <main><h2>Hướng dẫn sử dụng cổng</h2><p>{}Nếu thấy thông báo trang không tồn tại, hãy tải lại.</p></main></body></html>",
            "Cổng thông tin cung cấp nhiều chuyên mục cho người dân và doanh nghiệp. ".repeat(10)
        ));
        assert!(!is_soft_404(&article));
        // Joomla's missing article: "404 - Không tìm thấy bài viết".
        let joomla = facts(&format!(
            "<html><head><title>404 - Không tìm thấy bài viết</title></head><body>{menu}\
             <main><h1 class=\"page-header\">404 - Không tìm thấy bài viết</h1></main></body></html>"
        ));
        assert!(is_soft_404(&joomla));
        // A table layout's message as the content's first words, above a news sidebar; an
        // empty archive's "không tìm thấy nội dung" is no such message.
        let sidebar = "<ul>".to_string()
            + &(0..12)
                .map(|i| format!("<li><a href=\"/tin/{i}.html\">Tin hoạt động số {i} của xã trong tuần</a> (20/11/2026)</li>"))
                .collect::<String>()
            + "</ul>";
        let table = facts(&format!(
            "<html><head><title>Thông báo - UBND xã</title></head><body>{menu}<table><tr>\
             <td><div class=\"box\"><div class=\"box-title\">Thông báo</div><p>Trang bạn tìm không tồn tại hoặc đã bị xóa!</p></div></td>\
             <td><div class=\"box\"><div class=\"box-title\">Tin mới</div>{sidebar}</div></td></tr></table></body></html>"
        ));
        assert!(is_soft_404(&table));
        let empty = facts(&format!(
            "<html><head><title>Văn bản - Sở</title></head><body>{menu}<main><h1>Văn bản</h1>\
             <p>Có vẻ như chúng tôi không tìm thấy nội dung bạn cần.</p>{sidebar}</main></body></html>"
        ));
        assert!(!is_soft_404(&empty));
    }
}
