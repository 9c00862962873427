//! When was a section last really updated? Every date that could say so is a [`DateSignal`]
//! kept with its source and a confidence, and one is *taken* by a fixed precedence; the others
//! stay beside it so the report can say which one was taken and why.
//!
//! Sources and confidence (the confidence says how often the source tells the real date of
//! publication on Vietnamese portals; it is informative — the choice follows the precedence):
//!
//! | source               | what                                                  | confidence |
//! |----------------------|-------------------------------------------------------|------------|
//! | `list_item`          | date printed beside an item of the section's list     | high       |
//! | `article_date`       | an article page's own "Ngày đăng" line / date under h1 | high       |
//! | `time_element`       | a visible `<time datetime>` outside list items        | high       |
//! | `meta_published`     | `article:published_time`, `DC.date.created`…           | medium     |
//! | `meta_modified`      | `article:modified_time`, `dcterms.modified`…           | medium     |
//! | `json_ld`            | JSON-LD `datePublished` / `dateModified`              | medium     |
//! | `feed_item`          | RSS/Atom item `pubDate` / `published` / `updated`     | medium     |
//! | `sitemap_lastmod`    | sitemap `<lastmod>` of a URL of the section           | low        |
//! | `http_last_modified` | HTTP `Last-Modified` of a section page                | low        |
//!
//! Precedence (first level with any signal wins; within it the newest date):
//! 1. **Page content**: visible dates (list items, article dates, `<time>`) — and structured
//!    metadata (meta, JSON-LD) of a page that shows no visible date. On a page that shows
//!    visible dates its metadata describes the page, not its content (a list page's
//!    `dcterms.modified` is when the CMS rebuilt it), so visible dates win there.
//! 2. **Feed items** linked from the section (publication dates of real items).
//! 3. **Sitemap `<lastmod>`** of URLs inside the section (often the time the sitemap was
//!    regenerated, hence low confidence).
//! 4. **HTTP `Last-Modified`** of the section pages — weak: many CMSs send the current time;
//!    a value within [`FETCH_TIME_TOLERANCE_SECS`] of the response's `Date` (or of the fetch)
//!    is ignored with that reason.
//!
//! A signal after the as-of date is never taken: it is kept in `ignored` with the reason
//! "sau ngày kiểm tra". A lower-level signal newer than the taken date by more than
//! [`DISAGREE_DAYS`] days is a disagreement, named in the reason and in `newer_not_taken`.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod xml;

pub use xml::{FeedEntryDate, SitemapDate, feed_entry_dates, sitemap_lastmods};

/// A lower-level signal newer than the taken date by more than this many days is reported as
/// a disagreement (a week: a list page refreshed by a daily cache job does not count).
pub const DISAGREE_DAYS: i64 = 7;

/// `Last-Modified` within this many seconds of the response's `Date` header (or of the fetch
/// time when there is none) is the CMS sending the current time, not a modification date.
pub const FETCH_TIME_TOLERANCE_SECS: i64 = 300;

/// Most entries kept in `ignored` per criterion (the report stays readable).
const MAX_IGNORED: usize = 10;

/// Where a date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalSource {
    /// Date of an item of a list page.
    ListItem,
    /// An article page's own visible date.
    ArticleDate,
    /// A visible `<time datetime>` element outside list items.
    TimeElement,
    /// Publication metadata: `article:published_time`, `DC.date.created`, microdata…
    MetaPublished,
    /// Modification metadata: `article:modified_time`, `dcterms.modified`…
    MetaModified,
    /// JSON-LD `datePublished` / `dateModified` / `dateCreated`.
    JsonLd,
    /// Sitemap `<lastmod>`.
    SitemapLastmod,
    /// RSS/Atom item date.
    FeedItem,
    /// HTTP `Last-Modified` response header.
    HttpLastModified,
}

/// How far a source can be trusted to give the real publication date (see the module table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Rarely misleads.
    Low,
    /// Usually right.
    Medium,
    /// What an appraiser reads.
    High,
}

impl Confidence {
    /// Vietnamese: "cao", "trung bình", "thấp".
    pub fn label(self) -> &'static str {
        match self {
            Confidence::High => "cao",
            Confidence::Medium => "trung bình",
            Confidence::Low => "thấp",
        }
    }
}

/// Precedence level of a source (lower wins); see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Visible,
    Structured,
    Feed,
    Sitemap,
    Http,
}

impl SignalSource {
    /// The documented confidence of the source.
    pub fn confidence(self) -> Confidence {
        use SignalSource::*;
        match self {
            ListItem | ArticleDate | TimeElement => Confidence::High,
            MetaPublished | MetaModified | JsonLd | FeedItem => Confidence::Medium,
            SitemapLastmod | HttpLastModified => Confidence::Low,
        }
    }

    fn level(self) -> Level {
        use SignalSource::*;
        match self {
            ListItem | ArticleDate | TimeElement => Level::Visible,
            MetaPublished | MetaModified | JsonLd => Level::Structured,
            FeedItem => Level::Feed,
            SitemapLastmod => Level::Sitemap,
            HttpLastModified => Level::Http,
        }
    }

    /// Short Vietnamese phrase for reports: "theo danh sách tin", "theo sitemap"…
    pub fn label(self) -> &'static str {
        use SignalSource::*;
        match self {
            ListItem => "theo danh sách tin",
            ArticleDate => "theo ngày đăng bài viết",
            TimeElement => "theo thẻ <time>",
            MetaPublished => "theo thẻ meta ngày đăng",
            MetaModified => "theo thẻ meta ngày sửa",
            JsonLd => "theo JSON-LD",
            SitemapLastmod => "theo sitemap",
            FeedItem => "theo RSS/Atom",
            HttpLastModified => "theo Last-Modified",
        }
    }

    /// Stable snake_case name (as in JSON).
    pub fn name(self) -> &'static str {
        use SignalSource::*;
        match self {
            ListItem => "list_item",
            ArticleDate => "article_date",
            TimeElement => "time_element",
            MetaPublished => "meta_published",
            MetaModified => "meta_modified",
            JsonLd => "json_ld",
            SitemapLastmod => "sitemap_lastmod",
            FeedItem => "feed_item",
            HttpLastModified => "http_last_modified",
        }
    }
}

/// One date that may say when a section was last updated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateSignal {
    /// The (Vietnamese calendar) date.
    pub date: NaiveDate,
    /// Where it comes from.
    pub source: SignalSource,
    /// The source's confidence.
    pub confidence: Confidence,
    /// The page, feed entry or sitemap URL it describes.
    pub url: String,
    /// As written (item title and date, meta content, header value…).
    pub text: String,
}

impl DateSignal {
    /// A signal with the source's documented confidence.
    pub fn new(
        date: NaiveDate,
        source: SignalSource,
        url: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        DateSignal {
            date,
            source,
            confidence: source.confidence(),
            url: url.into(),
            text: text.into(),
        }
    }
}

/// A signal that is never taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IgnoredSignal {
    /// The signal.
    #[serde(flatten)]
    pub signal: DateSignal,
    /// Why, in Vietnamese ("sau ngày kiểm tra", "Last-Modified trùng thời điểm tải trang").
    pub reason: String,
}

/// Reason of a date after the as-of date.
pub const REASON_FUTURE: &str = "sau ngày kiểm tra";
/// Reason of a `Last-Modified` equal to the fetch time.
pub const REASON_FETCH_TIME: &str =
    "Last-Modified trùng thời điểm tải trang (máy chủ gửi giờ hiện tại)";

/// A signal newer than the one taken, from a source of lower precedence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    /// The newer signal.
    #[serde(flatten)]
    pub signal: DateSignal,
    /// Days newer than the taken date.
    pub days_newer: i64,
}

/// The freshness decision for one criterion: the date taken, why, and the other signals.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Freshness {
    /// The signal taken (`None`: no date anywhere).
    pub taken: Option<DateSignal>,
    /// Why this one (Vietnamese), naming disagreements.
    pub reason: String,
    /// The newest signal of every other source (newest first), the taken one excluded.
    pub others: Vec<DateSignal>,
    /// Lower-precedence signals newer than the taken date by more than [`DISAGREE_DAYS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub newer_not_taken: Vec<Disagreement>,
    /// Signals never taken, with the reason (dates after the as-of date, `Last-Modified` equal
    /// to the fetch time), newest first, capped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<IgnoredSignal>,
}

fn vn(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Choose the freshness date of a section from its signals (see the module documentation for
/// the precedence). Signals after `as_of` are moved to `ignored`; `ignored` holds the signals
/// the caller already set aside (with their reasons).
pub fn choose(
    signals: Vec<DateSignal>,
    mut ignored: Vec<IgnoredSignal>,
    as_of: NaiveDate,
) -> Freshness {
    let mut seen = HashSet::new();
    let mut kept = Vec::new();
    for s in signals {
        if !seen.insert((s.date, s.source, s.url.clone())) {
            continue;
        }
        if s.date > as_of {
            ignored.push(IgnoredSignal {
                signal: s,
                reason: REASON_FUTURE.into(),
            });
        } else {
            kept.push(s);
        }
    }
    // Newest first; among equal dates the stronger source first.
    let order = |a: &DateSignal, b: &DateSignal| {
        b.date
            .cmp(&a.date)
            .then(a.source.level().cmp(&b.source.level()))
            .then(a.source.cmp(&b.source))
            .then(a.url.cmp(&b.url))
    };
    kept.sort_by(order);
    let mut seen_ignored = HashSet::new();
    ignored.retain(|i| seen_ignored.insert(i.clone()));
    ignored.sort_by(|a, b| order(&a.signal, &b.signal));
    ignored.truncate(MAX_IGNORED);

    // Pages showing a visible date: their metadata is shadowed.
    let visible_pages: HashSet<String> = kept
        .iter()
        .filter(|s| s.source.level() == Level::Visible)
        .map(|s| s.url.clone())
        .collect();
    // Level a signal competes at; shadowed metadata never competes.
    let effective = |s: &DateSignal| -> Option<Level> {
        match s.source.level() {
            Level::Visible => Some(Level::Visible),
            Level::Structured if visible_pages.contains(s.url.as_str()) => None,
            Level::Structured => Some(Level::Visible),
            l => Some(l),
        }
    };
    let best_level = kept.iter().filter_map(&effective).min();
    let taken_idx = best_level.and_then(|lvl| kept.iter().position(|s| effective(s) == Some(lvl)));

    let Some(ti) = taken_idx else {
        let reason = if ignored.is_empty() {
            "không có ngày nào".to_string()
        } else {
            format!(
                "không có ngày dùng được; bỏ qua {} ngày ({})",
                ignored.len(),
                ignored[0].reason
            )
        };
        return Freshness {
            taken: None,
            reason,
            others: Vec::new(),
            newer_not_taken: Vec::new(),
            ignored,
        };
    };
    let taken = kept.remove(ti);
    let level = effective(&taken).unwrap_or(Level::Visible);

    let mut reason = match level {
        Level::Visible if taken.source.level() == Level::Structured => format!(
            "ngày {} {}: trang không hiển thị ngày nên dùng siêu dữ liệu",
            vn(taken.date),
            taken.source.label()
        ),
        Level::Visible => format!(
            "ngày {} {}: ngày hiển thị trên trang được ưu tiên",
            vn(taken.date),
            taken.source.label()
        ),
        _ => format!(
            "ngày {} {}: trang chuyên mục không có ngày nào (độ tin cậy {})",
            vn(taken.date),
            taken.source.label(),
            taken.confidence.label()
        ),
    };

    // Newer signals that lost on precedence.
    let mut newer_not_taken = Vec::new();
    let mut per_source: BTreeMap<SignalSource, &DateSignal> = BTreeMap::new();
    for s in &kept {
        per_source.entry(s.source).or_insert(s); // kept is newest first
    }
    for s in per_source.values() {
        let days = (s.date - taken.date).num_days();
        if days > DISAGREE_DAYS {
            newer_not_taken.push(Disagreement {
                signal: (*s).clone(),
                days_newer: days,
            });
        }
    }
    newer_not_taken.sort_by_key(|d| std::cmp::Reverse(d.days_newer));
    for d in &newer_not_taken {
        let why = match d.signal.source.level() {
            Level::Structured => "siêu dữ liệu của trang có ngày hiển thị",
            Level::Sitemap => "lastmod của sitemap thường là lúc sitemap được tạo lại",
            Level::Http => "Last-Modified thường không phải ngày đăng",
            Level::Feed => "RSS xếp sau ngày hiển thị trên trang",
            Level::Visible => "",
        };
        reason.push_str(&format!(
            "; không lấy ngày {} {} (mới hơn {} ngày): {why}",
            vn(d.signal.date),
            d.signal.source.label(),
            d.days_newer
        ));
    }
    if ignored
        .iter()
        .any(|i| i.signal.source == SignalSource::HttpLastModified && i.reason == REASON_FETCH_TIME)
    {
        reason.push_str("; bỏ qua Last-Modified trùng thời điểm tải trang");
    }
    if let Some(f) = ignored.iter().find(|i| i.reason == REASON_FUTURE) {
        reason.push_str(&format!(
            "; bỏ qua ngày {} sau ngày kiểm tra",
            vn(f.signal.date)
        ));
    }
    let mut others: Vec<DateSignal> = per_source.into_values().cloned().collect();
    others.sort_by(order);
    Freshness {
        taken: Some(taken),
        reason,
        others,
        newer_not_taken,
        ignored,
    }
}

/// The `Last-Modified` header of a page as a signal, or as an ignored signal when it equals
/// the fetch time (compared with the response's `Date` header when present, else with
/// `fetched_at`). `None` when absent or unreadable.
pub fn http_last_modified(
    url: &str,
    last_modified: Option<&str>,
    date_header: Option<&str>,
    fetched_at: DateTime<Utc>,
) -> Option<Result<DateSignal, IgnoredSignal>> {
    let raw = last_modified?.trim();
    let instant = parse_rfc2822(raw)?;
    let date = crate::dates::parse_http_date(raw)?;
    let signal = DateSignal::new(date, SignalSource::HttpLastModified, url, raw);
    let now = date_header.and_then(parse_rfc2822).unwrap_or(fetched_at);
    if (now - instant).num_seconds().abs() <= FETCH_TIME_TOLERANCE_SECS {
        return Some(Err(IgnoredSignal {
            signal,
            reason: REASON_FETCH_TIME.into(),
        }));
    }
    Some(Ok(signal))
}

fn parse_rfc2822(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    DateTime::parse_from_rfc2822(s)
        .ok()
        .or_else(|| DateTime::parse_from_rfc2822(s.split_once(',')?.1.trim()).ok())
        .map(|d| d.with_timezone(&Utc))
}

/// The path prefix that contains a section's pages: the section page's path without a file
/// extension, ending in `/` (`/tin-tuc.html` → `/tin-tuc/`). `None` for the site root, whose
/// "section" would be the whole site.
pub fn section_prefix(section_url: &url::Url) -> Option<String> {
    let path = section_url.path();
    let trimmed = path.trim_end_matches('/');
    let stem = match trimmed.rsplit_once('/') {
        Some((head, last)) => {
            let base = last.split('.').next().unwrap_or(last).to_ascii_lowercase();
            if matches!(base.as_str(), "index" | "default" | "home") && last.contains('.') {
                // `/tin-tuc/index.html` is the section `/tin-tuc/`.
                return (!head.is_empty()).then(|| format!("{head}/"));
            }
            let last = match last.rsplit_once('.') {
                Some((s, ext))
                    if matches!(
                        ext.to_ascii_lowercase().as_str(),
                        "html" | "htm" | "aspx" | "asp" | "php" | "jsp" | "cfm" | "shtml"
                    ) =>
                {
                    s
                }
                _ => last,
            };
            format!("{head}/{last}")
        }
        None => trimmed.to_string(),
    };
    if stem.is_empty() || stem == "/" {
        return None;
    }
    Some(format!("{stem}/"))
}

/// Is `url` the section page itself or a page inside its path (same host)?
pub fn in_section(section_url: &url::Url, url: &url::Url) -> bool {
    SectionScope::new([section_url]).contains(url)
}

/// The URLs of a section: its pages, and every URL under their paths. Built once per section
/// and tested against every sitemap entry, so it keeps the fewest prefixes that cover the
/// pages (an article page under `/tin-tuc/` adds no prefix of its own).
#[derive(Debug, Default)]
pub struct SectionScope {
    /// The section pages themselves (path and query), by origin.
    exact: HashSet<(String, String)>,
    /// `(origin, path prefix)`, none covering another.
    prefixes: Vec<(String, String)>,
}

impl SectionScope {
    /// The scope of the section whose pages are `pages`.
    pub fn new<'u>(pages: impl IntoIterator<Item = &'u url::Url>) -> Self {
        let mut scope = SectionScope::default();
        let mut all: Vec<(String, String)> = Vec::new();
        for u in pages {
            let origin = u.origin().ascii_serialization();
            scope.exact.insert((origin.clone(), path_query(u)));
            if let Some(p) = section_prefix(u) {
                all.push((origin, p));
            }
        }
        all.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.len().cmp(&b.1.len())));
        for (o, p) in all {
            if !scope
                .prefixes
                .iter()
                .any(|(so, sp)| *so == o && p.starts_with(sp.as_str()))
            {
                scope.prefixes.push((o, p));
            }
        }
        scope
    }

    /// Is `url` a section page or inside a section path?
    pub fn contains(&self, url: &url::Url) -> bool {
        let origin = url.origin().ascii_serialization();
        self.prefixes
            .iter()
            .any(|(o, p)| *o == origin && url.path().starts_with(p.as_str()))
            || self.exact.contains(&(origin, path_query(url)))
    }
}

fn path_query(u: &url::Url) -> String {
    match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sig(date: &str, source: SignalSource, url: &str) -> DateSignal {
        DateSignal::new(d(date), source, url, date)
    }

    #[test]
    fn visible_content_wins_over_newer_sitemap_and_says_so() {
        let f = choose(
            vec![
                sig("2026-10-01", SignalSource::ListItem, "http://x.vn/tin-tuc/"),
                sig("2026-09-20", SignalSource::ListItem, "http://x.vn/tin-tuc/"),
                sig(
                    "2026-11-20",
                    SignalSource::SitemapLastmod,
                    "http://x.vn/tin-tuc/a",
                ),
            ],
            Vec::new(),
            d("2026-11-25"),
        );
        let t = f.taken.unwrap();
        assert_eq!(
            (t.date, t.source),
            (d("2026-10-01"), SignalSource::ListItem)
        );
        assert_eq!(f.newer_not_taken.len(), 1);
        assert_eq!(f.newer_not_taken[0].days_newer, 50);
        assert!(
            f.reason.contains("theo sitemap (mới hơn 50 ngày)"),
            "{}",
            f.reason
        );
        // Others: newest per other source.
        assert_eq!(f.others.len(), 2);
        assert_eq!(f.others[0].source, SignalSource::SitemapLastmod);
    }

    #[test]
    fn metadata_of_a_page_without_visible_dates_counts_as_content() {
        let f = choose(
            vec![
                sig("2026-10-01", SignalSource::ListItem, "http://x.vn/tin-tuc/"),
                sig(
                    "2026-11-02",
                    SignalSource::MetaPublished,
                    "http://x.vn/tin-tuc/bai-1",
                ),
                // Shadowed: the list page shows dates.
                sig(
                    "2026-11-24",
                    SignalSource::MetaModified,
                    "http://x.vn/tin-tuc/",
                ),
            ],
            Vec::new(),
            d("2026-11-25"),
        );
        let t = f.taken.unwrap();
        assert_eq!(t.source, SignalSource::MetaPublished);
        assert!(
            f.reason.contains("trang không hiển thị ngày"),
            "{}",
            f.reason
        );
        assert_eq!(
            f.newer_not_taken[0].signal.source,
            SignalSource::MetaModified
        );
    }

    #[test]
    fn fallbacks_in_order_and_future_dates_flagged() {
        let f = choose(
            vec![
                sig("2026-11-01", SignalSource::SitemapLastmod, "http://x.vn/a"),
                sig("2026-10-01", SignalSource::FeedItem, "http://x.vn/b"),
                sig(
                    "2026-11-20",
                    SignalSource::HttpLastModified,
                    "http://x.vn/a",
                ),
                sig("2027-01-01", SignalSource::ListItem, "http://x.vn/a"),
            ],
            Vec::new(),
            d("2026-11-25"),
        );
        let t = f.taken.unwrap();
        assert_eq!(t.source, SignalSource::FeedItem);
        assert!(
            f.reason.contains("trang chuyên mục không có ngày"),
            "{}",
            f.reason
        );
        assert_eq!(f.ignored.len(), 1);
        assert_eq!(f.ignored[0].reason, REASON_FUTURE);
        assert_eq!(f.ignored[0].signal.date, d("2027-01-01"));
        assert!(f.reason.contains("sau ngày kiểm tra"));

        let none = choose(Vec::new(), Vec::new(), d("2026-11-25"));
        assert!(none.taken.is_none());
        assert_eq!(none.reason, "không có ngày nào");
    }

    #[test]
    fn last_modified_at_fetch_time_is_ignored() {
        let at: DateTime<Utc> = "2026-11-25T03:00:00Z".parse().unwrap();
        let same = http_last_modified(
            "http://x.vn/",
            Some("Wed, 25 Nov 2026 03:00:00 GMT"),
            Some("Wed, 25 Nov 2026 03:00:01 GMT"),
            at,
        );
        assert_eq!(same.unwrap().unwrap_err().reason, REASON_FETCH_TIME);
        // No Date header: compared with the fetch time.
        let same = http_last_modified("u", Some("Wed, 25 Nov 2026 03:02:00 GMT"), None, at);
        assert!(same.unwrap().is_err());
        let old = http_last_modified(
            "http://x.vn/",
            Some("Mon, 02 Nov 2026 20:00:00 GMT"),
            Some("Wed, 25 Nov 2026 03:00:01 GMT"),
            at,
        )
        .unwrap()
        .unwrap();
        // 20:00 UTC is 03:00 the next day in Viet Nam.
        assert_eq!(old.date, d("2026-11-03"));
        assert_eq!(old.confidence, Confidence::Low);
        assert!(http_last_modified("u", Some("yesterday"), None, at).is_none());
        assert!(http_last_modified("u", None, None, at).is_none());
    }

    #[test]
    fn section_paths() {
        let u = |s: &str| url::Url::parse(s).unwrap();
        assert_eq!(
            section_prefix(&u("http://x.vn/tin-tuc.html")).as_deref(),
            Some("/tin-tuc/")
        );
        assert_eq!(
            section_prefix(&u("http://x.vn/web/guest/tin-tuc/")).as_deref(),
            Some("/web/guest/tin-tuc/")
        );
        assert_eq!(section_prefix(&u("http://x.vn/")), None);
        assert_eq!(section_prefix(&u("http://x.vn/index.php")), None);
        let s = u("http://x.vn/tin-tuc");
        assert!(in_section(&s, &u("http://x.vn/tin-tuc/bai-1.html")));
        assert!(in_section(&s, &u("http://x.vn/tin-tuc")));
        assert!(!in_section(&s, &u("http://x.vn/tin-tuc-khac/a")));
        assert!(!in_section(&s, &u("http://y.vn/tin-tuc/a")));
        // A query-string section contains only itself.
        let q = u("http://x.vn/index.php?cat=5");
        assert!(in_section(&q, &u("http://x.vn/index.php?cat=5")));
        assert!(!in_section(&q, &u("http://x.vn/index.php?id=9")));
        // Article pages under a section path add no prefix of their own.
        let pages = [
            u("http://x.vn/tin-tuc/"),
            u("http://x.vn/tin-tuc/bai-1.html"),
            u("http://x.vn/van-ban.aspx"),
        ];
        let scope = SectionScope::new(&pages);
        assert_eq!(scope.prefixes.len(), 2, "{scope:?}");
        assert!(scope.contains(&u("http://x.vn/van-ban/qd-1.aspx")));
        assert!(scope.contains(&u("http://x.vn/tin-tuc/bai-1/anh.jpg")));
        assert!(!scope.contains(&u("https://x.vn/tin-tuc/a")));
    }
}
