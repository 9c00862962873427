//! The site model: every page of a generated site, built once from the [`SiteSpec`] with no
//! randomness (so `truth_newest`, `site_pages` and the server agree by construction), plus the
//! route table that maps request paths to pages.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::content::{self, Agency, DocInfo};
use super::layout::{self, Layout};
use super::{SectionSpec, SiteSpec, SiteStyle};

/// Items per list page when the spec says `items: 0` but still has (deep) items.
const DEFAULT_PER_PAGE: usize = 10;

/// One dated item (article) of a section.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub title: String,
    /// Date quoted inside the title (noise), if any.
    pub title_date: Option<NaiveDate>,
    /// Publication date: the truth for freshness.
    pub date: NaiveDate,
    /// Publication time, minutes after midnight.
    pub minute: u32,
    /// Path (and query, for SharePoint) of the article page.
    pub path: String,
    /// Document facts and the download path, for document sections.
    pub doc: Option<(DocInfo, String)>,
    /// Not on the first list page: reachable through pagination or "Tin khác" links only.
    pub deep: bool,
    /// Per-item seed for the deterministic choices of the renderer.
    pub seed: u64,
}

/// A static sub-page of a section ("Cơ cấu tổ chức").
#[derive(Debug, Clone)]
pub(super) struct SubPage {
    pub title: String,
    pub path: String,
    pub html: String,
}

/// One section of the site.
#[derive(Debug, Clone)]
pub(super) struct Section {
    pub spec: SectionSpec,
    /// List page (dated sections) or the static page itself.
    pub path: String,
    /// Items newest first (empty for static sections).
    pub items: Vec<Item>,
    /// Items per list page.
    pub per_page: usize,
    pub subpages: Vec<SubPage>,
}

impl Section {
    /// A section without dated items ("Giới thiệu", "Liên hệ").
    pub(super) fn is_static(&self) -> bool {
        self.spec.newest.is_none()
    }

    /// Number of list pages (at least 1).
    pub(super) fn pages(&self) -> usize {
        self.items.len().div_ceil(self.per_page).max(1)
    }

    /// Path of list page `page` (1-based).
    pub(super) fn page_path(&self, page: usize) -> String {
        if page <= 1 {
            self.path.clone()
        } else {
            format!("{}?page={page}", self.path)
        }
    }
}

/// What a request path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Route {
    Home,
    /// Section page (list or static), by section index.
    Section(usize),
    /// Article (section, item).
    Article(usize, usize),
    /// Static sub-page (section, sub-page).
    Sub(usize, usize),
    /// Document download (section, item).
    Document(usize, usize),
    SitemapPage,
    Search,
    Robots,
    SitemapXml,
    Feed,
    /// Permanent redirect to another path.
    Redirect(String),
}

/// The whole generated site.
#[derive(Debug, Clone)]
pub(super) struct Site {
    pub spec: SiteSpec,
    pub ag: Agency,
    pub layout: Layout,
    pub home: String,
    pub sections: Vec<Section>,
    pub routes: HashMap<String, Route>,
    pub search_path: Option<String>,
    pub sitemap_page: Option<String>,
    pub feed_path: Option<String>,
}

impl Site {
    /// Build every page of `spec`.
    pub(super) fn build(spec: &SiteSpec) -> Site {
        let ag = Agency::from_name(&spec.name);
        let layout = Layout::new(spec.style, &spec.id);
        let home = layout.home();
        let noise = spec.noise.dates_in_titles;
        let mut taken: HashSet<String> = HashSet::new();
        // Reserve the fixed pages first so that a section label cannot shadow them.
        let search_path = spec.search.then(|| layout.search());
        let feed_path = spec.feed.then(|| layout.feed());
        let sitemap_page = spec
            .sections
            .iter()
            .any(|s| s.group == "chuc_nang_ho_tro")
            .then(|| layout.sitemap_page());
        for p in [
            Some(home.clone()),
            search_path.clone(),
            feed_path.clone(),
            sitemap_page.clone(),
        ]
        .into_iter()
        .flatten()
        .chain(["/robots.txt".to_string(), "/sitemap.xml".to_string()])
        {
            taken.insert(p);
        }

        // Article ids grow with publication date across the whole site, like a CMS sequence.
        let mut dated: Vec<(NaiveDate, usize, usize)> = Vec::new();
        for (si, s) in spec.sections.iter().enumerate() {
            if let Some(newest) = s.newest {
                for i in 0..s.items + spec.deep_articles {
                    dated.push((item_date(newest, s.interval_days, i), si, i));
                }
            }
        }
        dated.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
        let seq_base = 1000 + content::hash(&[&spec.id]) % 9000;
        let ids: HashMap<(usize, usize), u64> = dated
            .iter()
            .enumerate()
            .map(|(n, (_, si, i))| ((*si, *i), 589_000 + seq_base + n as u64))
            .collect();

        let mut sections = Vec::new();
        let mut sub_seq = 100 + seq_base;
        for (si, s) in spec.sections.iter().enumerate() {
            let num = 6100 + 17 * si as u32 + (content::hash(&[&spec.id, &s.label]) % 11) as u32;
            let code = liferay_code(&spec.id, &s.label);
            let path = layout::unique(
                layout.section(&s.label, num, s.newest.is_none()),
                spec.style,
                &mut taken,
            );
            let per_page = if s.items > 0 {
                s.items
            } else {
                DEFAULT_PER_PAGE
            };
            let mut items = Vec::new();
            if let Some(newest) = s.newest {
                let total = s.items + spec.deep_articles;
                for i in 0..total {
                    let date = item_date(newest, s.interval_days, i);
                    let t = content::item_title(&ag, &s.group, i, date, newest, noise);
                    let id = ids[&(si, i)];
                    let art = layout.article(&s.label, &code, num, id, &t.text, date);
                    let art = layout::unique(art, spec.style, &mut taken);
                    let seed = t.seed;
                    let doc = (s.group == "van_ban_phap_luat").then(|| {
                        let d = content::doc_info(&ag, i, total, date);
                        let p =
                            layout::unique(layout.document(&d.file, date), spec.style, &mut taken);
                        (d, p)
                    });
                    items.push(Item {
                        title: t.text,
                        title_date: t.title_date,
                        date,
                        minute: 7 * 60 + (seed % 600) as u32,
                        path: art,
                        doc,
                        deep: i >= per_page,
                        seed,
                    });
                }
            }
            let mut subpages = Vec::new();
            for (title, html) in content::static_subpages(&ag, &s.group, &s.label)
                .into_iter()
                .take(if s.newest.is_none() { s.items } else { 0 })
            {
                sub_seq += 1;
                let p = layout.subpage(&s.label, num, sub_seq, &title);
                let p = layout::unique(p, spec.style, &mut taken);
                subpages.push(SubPage {
                    title,
                    path: p,
                    html,
                });
            }
            sections.push(Section {
                spec: s.clone(),
                path,
                items,
                per_page,
                subpages,
            });
        }

        let mut routes = HashMap::new();
        routes.insert(home.clone(), Route::Home);
        if spec.style == SiteStyle::Liferay {
            // A provincial Liferay portal hosts many agencies: `/` is not this agency's page.
            routes.insert("/".to_string(), Route::Redirect(home.clone()));
        }
        routes.insert("/robots.txt".to_string(), Route::Robots);
        if spec.sitemap_xml {
            routes.insert("/sitemap.xml".to_string(), Route::SitemapXml);
        }
        if let Some(p) = &search_path {
            routes.insert(p.clone(), Route::Search);
        }
        if let Some(p) = &feed_path {
            routes.insert(p.clone(), Route::Feed);
        }
        if let Some(p) = &sitemap_page {
            routes.insert(p.clone(), Route::SitemapPage);
        }
        for (si, s) in sections.iter().enumerate() {
            routes.insert(s.path.clone(), Route::Section(si));
            for (ii, it) in s.items.iter().enumerate() {
                routes.insert(route_key_of_link(&it.path), Route::Article(si, ii));
                if let Some((_, p)) = &it.doc {
                    routes.insert(p.clone(), Route::Document(si, ii));
                }
            }
            for (pi, p) in s.subpages.iter().enumerate() {
                routes.insert(p.path.clone(), Route::Sub(si, pi));
            }
        }
        Site {
            spec: spec.clone(),
            ag,
            layout,
            home,
            sections,
            routes,
            search_path,
            sitemap_page,
            feed_path,
        }
    }

    /// The date shown by the visitor counter's "Cập nhật lúc" line: the header date, else the
    /// day after the newest item (boilerplate newer than any content, as on real sites).
    pub(super) fn counter_date(&self) -> NaiveDate {
        self.spec.noise.header_date.unwrap_or_else(|| {
            self.sections
                .iter()
                .filter_map(|s| s.items.first().map(|i| i.date))
                .max()
                .map(|d| d + Duration::days(1))
                .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date"))
        })
    }

    /// Index of the first section of `group`.
    pub(super) fn section_of(&self, group: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.spec.group == group)
    }

    /// Resolve a request's path and query. `None` means 404.
    pub(super) fn resolve(&self, raw_path: &str, query: &[(String, String)]) -> Option<Route> {
        let path = layout::pct_decode(raw_path);
        let key = route_key(&path, query);
        if let Some(r) = self.routes.get(&key) {
            return Some(r.clone());
        }
        // `/web/site/tin-tuc/` → `/web/site/tin-tuc`, as real servers redirect.
        if key.len() > 1 && key.ends_with('/') {
            let trimmed = key.trim_end_matches('/');
            if self.routes.contains_key(trimmed) {
                return Some(Route::Redirect(trimmed.to_string()));
            }
        }
        None
    }
}

/// Date of item `i` (0 = newest).
pub(super) fn item_date(newest: NaiveDate, interval_days: u32, i: usize) -> NaiveDate {
    newest - Duration::days(i as i64 * i64::from(interval_days))
}

/// Liferay asset publisher instance ids look like `Dt9V1aCVhiVn`: 12 alphanumerics.
fn liferay_code(id: &str, label: &str) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut h = content::hash(&[id, label, "asset_publisher"]);
    (0..12)
        .map(|_| {
            let c = ALPHABET[(h % ALPHABET.len() as u64) as usize] as char;
            h = h.rotate_right(7).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5bd1;
            c
        })
        .collect()
}

/// Route key of a request: the decoded path, except SharePoint's shared `ChiTiet.aspx` page,
/// which is keyed by its `ItemID` (the `CatID` is decoration and may be missing or reordered).
fn route_key(path: &str, query: &[(String, String)]) -> String {
    if path.ends_with("/ChiTiet.aspx") {
        if let Some((_, id)) = query.iter().find(|(k, _)| k.eq_ignore_ascii_case("itemid")) {
            return format!("{path}?ItemID={id}");
        }
    }
    path.to_string()
}

/// Route key of a link the generator made (`path?query`).
fn route_key_of_link(link: &str) -> String {
    match link.split_once('?') {
        Some((path, q)) => {
            let pairs: Vec<(String, String)> = url::form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            route_key(path, &pairs)
        }
        None => link.to_string(),
    }
}
