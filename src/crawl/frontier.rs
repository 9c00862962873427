//! The structure-first frontier: which URL to fetch next, and what became of every URL seen.
//!
//! Under a page budget the crawler must see a site's structure before its depth: the home page,
//! its menu and footer, sitemaps and section (list) pages come before article pages, so a budget
//! of 500 pages on a 50,000-page portal still reaches every section. Priority is a tuple
//! `(tier, depth, path segments, discovery order)`, smallest first:
//!
//! | tier | what |
//! |------|------|
//! | 0  | the next hop of a redirect, a retry after 429/503 |
//! | 10 | the start page |
//! | 20 | sitemap files |
//! | 30 | menu (nav) and footer links of the home page |
//! | 40 | URLs shaped like a section/list page; nav links of other pages |
//! | 45 | RSS/Atom feeds |
//! | 50 | pagination (`?page=2`, `/trang-3`) |
//! | 60 | everything else: articles, detail pages |

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::FetchKind;

/// Tiers of the priority (smaller is fetched first).
pub(crate) mod tier {
    /// Redirect continuation or retry: finish what was started.
    pub(crate) const CONTINUE: u8 = 0;
    /// The start page.
    pub(crate) const START: u8 = 10;
    /// Sitemap files.
    pub(crate) const SITEMAP: u8 = 20;
    /// Nav/footer links of the home page.
    pub(crate) const HOME_MENU: u8 = 30;
    /// Section/list-shaped URLs.
    pub(crate) const SECTION: u8 = 40;
    /// Feeds.
    pub(crate) const FEED: u8 = 45;
    /// Pagination of a list.
    pub(crate) const PAGINATION: u8 = 50;
    /// Articles and anything else.
    pub(crate) const ARTICLE: u8 = 60;
}

/// Ordering key of a queued URL; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Priority {
    pub(crate) tier: u8,
    pub(crate) depth: u32,
    pub(crate) segments: u16,
    pub(crate) seq: u64,
}

/// What a URL looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A section or list page (`/tin-tuc`, `/van-ban?loai=3`).
    Section,
    /// A further page of a list.
    Pagination,
    /// An article or detail page (numeric id, long slug, `/chi-tiet/`, `?id=`).
    Article,
}

impl Shape {
    /// The tier of a URL of this shape.
    pub(crate) fn tier(self) -> u8 {
        match self {
            Shape::Section => tier::SECTION,
            Shape::Pagination => tier::PAGINATION,
            Shape::Article => tier::ARTICLE,
        }
    }
}

/// Query keys that page through a list.
const PAGE_KEYS: &[&str] = &[
    "page",
    "pg",
    "paged",
    "trang",
    "pageindex",
    "page_index",
    "pagenum",
    "pageno",
    "pagenumber",
    "currentpage",
    "cur_page",
    "curpage",
    "start",
    "offset",
    "cur",
];

/// Query keys that name one item.
const ITEM_KEYS: &[&str] = &[
    "id",
    "itemid",
    "newsid",
    "news_id",
    "articleid",
    "article_id",
    "item_id",
    "nid",
    "aid",
    "docid",
    "doc_id",
    "postid",
    "post_id",
    "p",
    "tinid",
    "vanbanid",
    "articleid",
];

/// Path words that mark a detail page on Vietnamese portals (Liferay, DNN, SharePoint, custom).
const DETAIL_WORDS: &[&str] = &[
    "chi-tiet",
    "chitiet",
    "detail",
    "details",
    "view",
    "content",
    "xem",
    "newsdetail",
    "bai-viet",
];

/// Longest run of ASCII digits in `s`.
fn digit_run(s: &str) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// Does a path segment name a page number (`trang-3`, `page2`, `p_4`)?
fn is_page_segment(seg: &str) -> bool {
    let s = seg.to_ascii_lowercase();
    for prefix in ["trang", "page", "p"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let rest = rest.trim_start_matches(['-', '_']);
            if !rest.is_empty() && rest.len() <= 5 && rest.bytes().all(|b| b.is_ascii_digit()) {
                return true;
            }
        }
    }
    false
}

/// Guess what a URL is from its shape alone.
pub(crate) fn shape(url: &url::Url) -> Shape {
    let segs: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).collect())
        .unwrap_or_default();
    let mut pagination = false;
    let mut item = false;
    for (k, v) in url.query_pairs() {
        let k = k.to_ascii_lowercase();
        let key = k.rsplit('_').next().unwrap_or(&k);
        let numeric = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
        if (PAGE_KEYS.contains(&k.as_str()) || PAGE_KEYS.contains(&key)) && numeric {
            if v.parse::<u64>().unwrap_or(0) > 1 {
                pagination = true;
            }
        } else if ITEM_KEYS.contains(&k.as_str()) && !v.is_empty() {
            item = true;
        }
    }
    // `/tin-tuc/page/3`, `/tin-tuc/trang-3`.
    if let Some(last) = segs.last() {
        if is_page_segment(last) {
            pagination = true;
        }
        if segs.len() >= 2 && last.bytes().all(|b| b.is_ascii_digit()) {
            let prev = segs[segs.len() - 2].to_ascii_lowercase();
            if matches!(prev.as_str(), "page" | "trang" | "p") {
                pagination = true;
            }
        }
    }
    if item {
        return Shape::Article;
    }
    if pagination {
        return Shape::Pagination;
    }
    for seg in &segs {
        let low = seg.to_ascii_lowercase();
        if DETAIL_WORDS.contains(&low.as_str()) {
            return Shape::Article;
        }
    }
    if let Some(last) = segs.last() {
        let stem = last.rsplit_once('.').map_or(*last, |(s, _)| s);
        // A numeric id (`-12345.html`, `/2023/05/…`) or a title turned slug (6+ words).
        let words = stem.split(['-', '_']).filter(|w| !w.is_empty()).count();
        if digit_run(stem) >= 4 || words >= 6 {
            return Shape::Article;
        }
    }
    if segs.iter().any(|s| digit_run(s) >= 4) {
        return Shape::Article;
    }
    Shape::Section
}

/// Number of non-empty path segments (a shorter path is closer to the top of the site).
pub(crate) fn segments(url: &url::Url) -> u16 {
    let n = url
        .path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).count())
        .unwrap_or(0);
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A URL waiting to be fetched.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// Canonical URL.
    pub(crate) url: url::Url,
    /// Page, sitemap or feed.
    pub(crate) kind: FetchKind,
    /// Link depth.
    pub(crate) depth: u32,
    /// On an extra host: fetched, not expanded.
    pub(crate) leaf: bool,
    /// URLs already requested in this redirect chain (empty for a fresh URL).
    pub(crate) chain: Vec<String>,
    /// Retries so far after 429/503 (0 for a first attempt).
    pub(crate) retries: u32,
    /// Its priority.
    pub(crate) key: Priority,
}

/// Heap entry: ordered by priority only (the sequence number makes keys unique).
#[derive(Debug)]
struct Entry(Item);

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.0.key == other.0.key
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.key.cmp(&other.0.key)
    }
}

/// One priority queue per origin (`scheme://host[:port]`), since robots.txt and politeness are
/// per origin/host: the best item of a host that is free can go while another host is busy.
/// Entries are never removed in place; an entry whose key no longer matches the URL table is
/// stale and dropped when it reaches the top.
#[derive(Debug, Default)]
pub(crate) struct Frontier {
    heaps: HashMap<String, BinaryHeap<Reverse<Entry>>>,
}

/// `scheme://host[:port]` of a URL.
pub(crate) fn origin(url: &url::Url) -> String {
    url.origin().ascii_serialization()
}

impl Frontier {
    /// Queue an item.
    pub(crate) fn push(&mut self, item: Item) {
        self.heaps
            .entry(origin(&item.url))
            .or_default()
            .push(Reverse(Entry(item)));
    }

    /// Origins that have queued entries, after dropping stale tops; with their best key.
    pub(crate) fn tops(&mut self, table: &UrlTable) -> Vec<(String, Priority)> {
        let mut out = Vec::new();
        self.heaps.retain(|_, heap| {
            while let Some(Reverse(Entry(top))) = heap.peek() {
                if table.is_current(top) {
                    break;
                }
                heap.pop();
            }
            !heap.is_empty()
        });
        for (o, heap) in &self.heaps {
            if let Some(Reverse(Entry(top))) = heap.peek() {
                out.push((o.clone(), top.key));
            }
        }
        out
    }

    /// Take the best entry of an origin.
    pub(crate) fn pop(&mut self, origin: &str) -> Option<Item> {
        self.heaps
            .get_mut(origin)
            .and_then(|h| h.pop())
            .map(|Reverse(Entry(i))| i)
    }
}

/// What became of a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlState {
    /// Waiting with this key.
    Queued(Priority),
    /// Fetched (or being fetched).
    Taken,
    /// Not fetched, with the `skipped` reason.
    Skipped(&'static str),
}

/// Every canonical URL seen by a site crawl, with its state and first-seen order.
#[derive(Debug, Default)]
pub(crate) struct UrlTable {
    map: HashMap<String, (u64, UrlState)>,
    next: u64,
}

impl UrlTable {
    /// State of a URL, if seen.
    pub(crate) fn get(&self, url: &str) -> Option<UrlState> {
        self.map.get(url).map(|(_, s)| *s)
    }

    /// Set the state (keeps the first-seen order).
    pub(crate) fn set(&mut self, url: &str, state: UrlState) {
        if let Some(e) = self.map.get_mut(url) {
            e.1 = state;
        } else {
            self.map.insert(url.to_string(), (self.next, state));
            self.next += 1;
        }
    }

    /// Is this heap entry the URL's live entry?
    fn is_current(&self, item: &Item) -> bool {
        matches!(self.get(item.url.as_str()), Some(UrlState::Queued(k)) if k == item.key)
    }

    /// URLs not fetched, in first-seen order; anything still queued was cut by the page budget.
    pub(crate) fn skipped(&self) -> Vec<(String, &'static str)> {
        let mut v: Vec<(u64, &String, &'static str)> = self
            .map
            .iter()
            .filter_map(|(url, (seq, st))| match st {
                UrlState::Skipped(r) => Some((*seq, url, *r)),
                UrlState::Queued(_) => Some((*seq, url, "max_pages")),
                UrlState::Taken => None,
            })
            .collect();
        v.sort_by_key(|(seq, _, _)| *seq);
        v.into_iter().map(|(_, u, r)| (u.clone(), r)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(u: &str) -> Shape {
        shape(&url::Url::parse(u).unwrap())
    }

    #[test]
    fn shapes() {
        assert_eq!(s("http://x.vn/tin-tuc"), Shape::Section);
        assert_eq!(s("http://x.vn/tin-tuc/"), Shape::Section);
        assert_eq!(
            s("http://x.vn/gioi-thieu/co-cau-to-chuc.html"),
            Shape::Section
        );
        assert_eq!(s("http://x.vn/van-ban?loai=3"), Shape::Section);
        assert_eq!(s("http://x.vn/tin-tuc?page=1"), Shape::Section);
        assert_eq!(s("http://x.vn/tin-tuc?page=2"), Shape::Pagination);
        assert_eq!(s("http://x.vn/tin-tuc/trang-3"), Shape::Pagination);
        assert_eq!(s("http://x.vn/tin-tuc/page/3"), Shape::Pagination);
        assert_eq!(
            s("http://x.vn/web/so?_101_INSTANCE_x_cur=2"),
            Shape::Pagination
        );
        assert_eq!(s("http://x.vn/tin-tuc/hoi-nghi-1234.html"), Shape::Article);
        assert_eq!(
            s("http://x.vn/tin-tuc/hoi-nghi-tong-ket-cong-tac-nam"),
            Shape::Article
        );
        assert_eq!(
            s("http://x.vn/Pages/tin-tuc.aspx?ItemID=12"),
            Shape::Article
        );
        assert_eq!(s("http://x.vn/tin-tuc/chi-tiet/abc"), Shape::Article);
        assert_eq!(
            s("http://x.vn/web/so/-/asset_publisher/AbC/content/ten-bai"),
            Shape::Article
        );
        assert_eq!(s("http://x.vn/2023/05/abc"), Shape::Article);
        assert_eq!(s("http://x.vn/"), Shape::Section);
    }

    #[test]
    fn table_and_frontier_order() {
        let mut t = UrlTable::default();
        let mut f = Frontier::default();
        let mk = |u: &str, tier: u8, seq: u64| Item {
            url: url::Url::parse(u).unwrap(),
            kind: FetchKind::Page,
            depth: 1,
            leaf: false,
            chain: Vec::new(),
            retries: 0,
            key: Priority {
                tier,
                depth: 1,
                segments: 1,
                seq,
            },
        };
        for (u, tier, seq) in [
            ("http://x.vn/a-12345.html", 60, 1),
            ("http://x.vn/s", 40, 2),
            ("http://x.vn/m", 30, 3),
        ] {
            let it = mk(u, tier, seq);
            t.set(u, UrlState::Queued(it.key));
            f.push(it);
        }
        // Upgrade the article: its old entry becomes stale.
        let up = mk("http://x.vn/a-12345.html", 20, 4);
        t.set("http://x.vn/a-12345.html", UrlState::Queued(up.key));
        f.push(up);
        let mut got = Vec::new();
        while let Some((o, _)) = f.tops(&t).first().cloned() {
            let it = f.pop(&o).unwrap();
            t.set(it.url.as_str(), UrlState::Taken);
            got.push(it.url.path().to_string());
        }
        assert_eq!(got, ["/a-12345.html", "/m", "/s"]);
        t.set("http://x.vn/z", UrlState::Skipped("robots"));
        assert_eq!(t.skipped(), [("http://x.vn/z".to_string(), "robots")]);
    }
}
