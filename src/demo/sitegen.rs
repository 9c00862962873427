//! Site generator: builds a realistic agency website from a declared truth ([`SiteSpec`]: which
//! sections exist, CMS style, newest date per section, noise such as a header date widget) and
//! serves it with a real HTTP server on 127.0.0.1 that records every request. Tests assert the
//! crawler and scorer against the truth; the demo serves a province of such sites.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use chrono::NaiveDate;
//! use ttdt::demo::sitegen::{self, FooterSpec, Noise, SectionSpec, SiteSpec, SiteStyle};
//!
//! let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
//! let spec = SiteSpec {
//!     id: "so-tu-phap".into(),
//!     name: "Sở Tư pháp tỉnh Sơn Hà".into(),
//!     style: SiteStyle::Liferay,
//!     sections: vec![SectionSpec {
//!         group: "tin_tuc".into(),
//!         label: "Tin tức - Sự kiện".into(),
//!         newest: Some(day(11, 24)),
//!         items: 10,
//!         interval_days: 2,
//!     }],
//!     noise: Noise { header_date: Some(day(11, 25)), ..Noise::default() },
//!     footer: FooterSpec::default(),
//!     search: true,
//!     feed: true,
//!     sitemap_xml: true,
//!     dvc_portal_link: None,
//!     robots_disallow: vec!["/c/".into()],
//!     deep_articles: 20,
//! };
//! assert_eq!(sitegen::truth_newest(&spec)["tin_tuc"], Some(day(11, 24)));
//! let site = sitegen::serve(spec).await?;
//! let news = site.section_url("tin_tuc").unwrap(); // http://127.0.0.1:<port>/web/so-tu-phap/tin-tuc-su-kien
//! # let _ = news;
//! let seen = site.requests(); // every request, logged before it was answered
//! # let _ = seen;
//! # Ok(()) }
//! ```

mod content;
mod layout;
mod model;
mod render;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::NaiveDate;
use url::Url;

/// URL layout of the CMS the site imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteStyle {
    /// Liferay portal: `/web/<site>/tin-tuc`, `/web/<site>/-/asset_publisher/.../content/<slug>`.
    Liferay,
    /// SharePoint: `/Pages/TinTuc.aspx`, `/Pages/ChiTiet.aspx?ItemID=12`.
    SharePoint,
    /// Numeric-id paths: `/1229/27531/6128/589474/tin-tuc/<slug>`.
    NumericId,
    /// Blogger-style dated paths: `/2026/11/<slug>.html`, labels `/search/label/Tin%20tuc`.
    Blogger,
}

/// One content section of the site (maps to a rule group).
#[derive(Debug, Clone)]
pub struct SectionSpec {
    /// Rule group id it evidences, e.g. `tin_tuc`.
    pub group: String,
    /// Menu label (Vietnamese), e.g. "Tin tức - Sự kiện".
    pub label: String,
    /// Date of the newest item (None = the section has no dated items, e.g. "Giới thiệu").
    pub newest: Option<NaiveDate>,
    /// Number of items listed.
    pub items: usize,
    /// Days between consecutive items.
    pub interval_days: u32,
}

/// Boilerplate that must not be mistaken for content dates.
#[derive(Debug, Clone, Default)]
pub struct Noise {
    /// Header "today" widget ("Thứ Tư, ngày 25/11/2026") showing this date.
    pub header_date: Option<NaiveDate>,
    /// Visitor counter with a timestamp.
    pub visitor_counter: bool,
    /// Footer "© 2026" copyright year.
    pub copyright_year: Option<i32>,
    /// Item titles containing dates ("Chỉ thị số 12/CT-UBND ngày 08/6/2020").
    pub dates_in_titles: bool,
}

/// The declared truth of one site.
#[derive(Debug, Clone)]
pub struct SiteSpec {
    /// Agency id.
    pub id: String,
    /// Agency full name, shown in header and footer.
    pub name: String,
    /// CMS style.
    pub style: SiteStyle,
    /// Sections present (absent groups simply have no section).
    pub sections: Vec<SectionSpec>,
    /// Noise.
    pub noise: Noise,
    /// Footer lines: responsible person, address, phone, email, licence (each optional).
    pub footer: FooterSpec,
    /// A search form in the header.
    pub search: bool,
    /// An RSS feed (`<link rel=alternate>` + feed URL).
    pub feed: bool,
    /// `/sitemap.xml` (listed in robots.txt).
    pub sitemap_xml: bool,
    /// A menu link to an external public-service portal (e.g. `https://dichvucong.gov.vn/`).
    pub dvc_portal_link: Option<String>,
    /// Paths disallowed in robots.txt (the generator also links to them).
    pub robots_disallow: Vec<String>,
    /// Extra article pages per section beyond those listed (to test page budgets).
    pub deep_articles: usize,
}

/// Footer identification lines (TT 32/2017 Đ16).
#[derive(Debug, Clone, Default)]
pub struct FooterSpec {
    /// "Chịu trách nhiệm chính: …"
    pub responsible: Option<String>,
    /// "Địa chỉ: …"
    pub address: Option<String>,
    /// "Điện thoại: …"
    pub phone: Option<String>,
    /// "Email: …"
    pub email: Option<String>,
    /// "Giấy phép số …"
    pub licence: Option<String>,
}

/// One request the server received.
#[derive(Debug, Clone)]
pub struct LoggedRequest {
    /// Path and query as requested.
    pub path_and_query: String,
    /// Arrival time.
    pub at: Instant,
    /// User-Agent header.
    pub user_agent: String,
    /// Remote address (distinguishes connections).
    pub peer: SocketAddr,
}

/// The shared request log of a served site.
pub type RequestLog = Arc<Mutex<Vec<LoggedRequest>>>;

/// A site being served.
pub struct ServedSite {
    /// `http://127.0.0.1:<port>/` plus the style's home path.
    pub home_url: url::Url,
    /// Every request received.
    pub log: RequestLog,
    /// The server task; dropped/aborted to stop.
    pub task: tokio::task::JoinHandle<()>,
    /// `http://127.0.0.1:<port>/`: the root the site's paths are joined to.
    pub base_url: Url,
    /// The spec the site was generated from (its truth).
    pub spec: SiteSpec,
}

impl ServedSite {
    /// A snapshot of the request log, in arrival order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Absolute URL of a site path (as returned by [`section_path`] or [`site_pages`]).
    pub fn url(&self, path: &str) -> Url {
        self.base_url
            .join(&render::link(path))
            .unwrap_or_else(|_| self.base_url.clone())
    }

    /// URL of the (first) section page of rule group `group`, e.g. `tin_tuc`; `None` when the
    /// site has no such section.
    pub fn section_url(&self, group: &str) -> Option<Url> {
        section_path(&self.spec, group).map(|p| self.url(&p))
    }

    /// Stop serving (aborts the server task; open connections are dropped).
    pub fn shutdown(&self) {
        self.task.abort();
    }
}

/// Serve `spec` on 127.0.0.1 at a random port (on the current tokio runtime).
///
/// The site is generated once, deterministically, before the first request. Each request is
/// appended to [`ServedSite::log`] before it is answered.
pub async fn serve(spec: SiteSpec) -> std::io::Result<ServedSite> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let base_url = Url::parse(&format!("http://{addr}/")).map_err(std::io::Error::other)?;
    let site = Arc::new(model::Site::build(&spec));
    let home_url = base_url
        .join(&render::link(&site.home))
        .map_err(std::io::Error::other)?;
    let log: RequestLog = Arc::default();
    let state = server::AppState {
        site,
        base: base_url.clone(),
        log: log.clone(),
    };
    let app = axum::Router::new()
        .fallback(server::handle)
        .with_state(state);
    let task = tokio::spawn(async move {
        // The server only ends when the task is aborted; an accept error ends the site, which
        // the crawler then sees as "unreachable" (what a dead server looks like).
        let _ = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    Ok(ServedSite {
        home_url,
        log,
        task,
        base_url,
        spec,
    })
}

/// Write the site as static files under `dir`, to be served by any web server (the crawl
/// benchmark serves it with nginx and compares ttdt with wget). `base` is the URL the files
/// will be served at (robots.txt, the sitemap and the feed carry absolute URLs).
///
/// Layout, one folder per URL path (percent-decoded, as servers map paths to files):
/// `<path>/index.html` (or `index.txt`, `index.xml`, `index.rss`, `index.pdf` after the content
/// type), and `<path>/__q_<query>.html` for a path with a query string (`?page=2`). A server
/// configuration must map `$uri` to `$uri/index.*` and `$uri?$args` to `$uri/__q_$args.html`
/// (see `benches/crawl_vs_wget.sh`). Returns the number of HTML files written.
pub fn write_static(spec: &SiteSpec, base: &Url, dir: &std::path::Path) -> std::io::Result<usize> {
    let site = model::Site::build(spec);
    let mut html = 0;
    for page in site_pages(spec) {
        let r = render::respond(&site, base, &page.path);
        if r.status != 200 {
            continue;
        }
        let (path, query) = match page.path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (page.path.as_str(), None),
        };
        let decoded = layout::pct_decode(path);
        let rel = decoded.trim_start_matches('/');
        // Refuse anything that would leave `dir` (the generator never makes such paths).
        if rel.split('/').any(|seg| seg == "..") {
            return Err(std::io::Error::other(format!(
                "path escapes the site folder: {path}"
            )));
        }
        let folder = dir.join(rel);
        std::fs::create_dir_all(&folder)?;
        let ext = match r.content_type.split(';').next().unwrap_or("") {
            "text/html" => "html",
            "text/plain" => "txt",
            "application/xml" => "xml",
            "application/rss+xml" => "rss",
            "application/pdf" => "pdf",
            _ => "bin",
        };
        let file = match query {
            Some(q) if !q.contains('/') => folder.join(format!("__q_{q}.{ext}")),
            Some(q) => {
                return Err(std::io::Error::other(format!("query with '/': {q}")));
            }
            None => folder.join(format!("index.{ext}")),
        };
        std::fs::write(file, &r.body)?;
        html += usize::from(ext == "html");
    }
    Ok(html)
}

/// The truth a crawler should find: for every group that has a section, the date of its newest
/// item (`None` for sections without dated items, e.g. "Giới thiệu", or with no items at all).
/// Groups without a section are absent from the map. With several sections of one group, the
/// newest of them counts.
pub fn truth_newest(spec: &SiteSpec) -> BTreeMap<String, Option<NaiveDate>> {
    let mut out: BTreeMap<String, Option<NaiveDate>> = BTreeMap::new();
    for s in &spec.sections {
        let newest = if s.items + spec.deep_articles > 0 {
            s.newest
        } else {
            None
        };
        let e = out.entry(s.group.clone()).or_insert(None);
        // `None < Some(_)`, so `max` keeps the newest known date.
        *e = (*e).max(newest);
    }
    out
}

/// The administrative procedures the site lists itself, as (name, level label as printed): the
/// procedure table of its `dich_vu_cong` section page (empty when it has no such section).
pub fn truth_procedures(spec: &SiteSpec) -> Vec<(&'static str, &'static str)> {
    if spec.sections.iter().any(|s| s.group == "dich_vu_cong") {
        content::PROCEDURES
            .iter()
            .map(|(n, _, l)| (*n, *l))
            .collect()
    } else {
        Vec::new()
    }
}

/// Path of the home page (`/web/<id>` for Liferay, `/` otherwise).
pub fn home_path(spec: &SiteSpec) -> String {
    model::Site::build(spec).home
}

/// Path of the (first) section page of `group` (its list page, or the static page), in the
/// form a link carries it (percent-encoded where needed). `None` if the site has no section
/// of that group.
pub fn section_path(spec: &SiteSpec, group: &str) -> Option<String> {
    let site = model::Site::build(spec);
    site.section_of(group)
        .map(|i| render::link(&site.sections[i].path))
}

/// What kind of page a generated URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// The home page.
    Home,
    /// Page `page` (1-based) of a dated section's item list.
    SectionList {
        /// Page number; page 1 is the section URL itself, later ones add `?page=N`.
        page: usize,
    },
    /// The page of a section without dated items ("Giới thiệu").
    StaticSection,
    /// A dated item (article, document, question, draft).
    Article,
    /// A static sub-page of a section ("Cơ cấu tổ chức").
    SubPage,
    /// A downloadable document (PDF) of a document section.
    Document,
    /// The human "Sơ đồ site" page.
    SitemapPage,
    /// The search results page (the header form's action).
    Search,
    /// `/robots.txt`.
    Robots,
    /// `/sitemap.xml`.
    SitemapXml,
    /// The RSS 2.0 feed.
    Feed,
}

/// One page of a generated site, with its truth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageInfo {
    /// Path (and query) as links carry it, percent-encoded where needed.
    pub path: String,
    /// Kind of page.
    pub kind: PageKind,
    /// Rule group of the section the page belongs to, if any.
    pub group: Option<String>,
    /// Article: its publication date; list page: the newest item date on it; else `None`.
    pub date: Option<NaiveDate>,
    /// Only reachable through pagination or "Các tin khác" links (not linked from the
    /// first list page, the home page, the sitemap or the feed).
    pub deep: bool,
    /// Article: a date quoted in its title by the `dates_in_titles` noise (newer or older than
    /// `date`), which must not be taken for the publication date.
    pub title_date: Option<NaiveDate>,
}

/// Every page the site serves with status 200 (search listed once, without a query), in a
/// stable order: home, fixed pages, then each section with its list pages, items, documents
/// and sub-pages. Pages under `robots_disallow` are not listed.
pub fn site_pages(spec: &SiteSpec) -> Vec<PageInfo> {
    let site = model::Site::build(spec);
    let page = |path: &str, kind, group: Option<&str>, date, deep| PageInfo {
        path: render::link(path),
        kind,
        group: group.map(str::to_string),
        date,
        deep,
        title_date: None,
    };
    let mut out = vec![page(&site.home, PageKind::Home, None, None, false)];
    out.push(page("/robots.txt", PageKind::Robots, None, None, false));
    if spec.sitemap_xml {
        out.push(page(
            "/sitemap.xml",
            PageKind::SitemapXml,
            None,
            None,
            false,
        ));
    }
    if let Some(p) = &site.feed_path {
        out.push(page(p, PageKind::Feed, None, None, false));
    }
    if let Some(p) = &site.search_path {
        out.push(page(p, PageKind::Search, None, None, false));
    }
    if let Some(p) = &site.sitemap_page {
        out.push(page(p, PageKind::SitemapPage, None, None, false));
    }
    for s in &site.sections {
        let g = Some(s.spec.group.as_str());
        if s.is_static() {
            out.push(page(&s.path, PageKind::StaticSection, g, None, false));
        } else {
            for n in 1..=s.pages() {
                let newest = s.items.get((n - 1) * s.per_page).map(|i| i.date);
                out.push(page(
                    &s.page_path(n),
                    PageKind::SectionList { page: n },
                    g,
                    newest,
                    n > 1,
                ));
            }
        }
        for it in &s.items {
            out.push(PageInfo {
                title_date: it.title_date,
                ..page(&it.path, PageKind::Article, g, Some(it.date), it.deep)
            });
            if let Some((_, file)) = &it.doc {
                out.push(page(file, PageKind::Document, g, Some(it.date), it.deep));
            }
        }
        for p in &s.subpages {
            out.push(page(&p.path, PageKind::SubPage, g, None, false));
        }
    }
    out
}

/// The axum side: one fallback handler that logs, then answers from the prebuilt site.
mod server {
    use std::net::SocketAddr;
    use std::sync::Arc;
    use std::time::Instant;

    use axum::body::Body;
    use axum::extract::{ConnectInfo, Request, State};
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::Response;
    use url::Url;

    use super::{LoggedRequest, RequestLog, model, render};

    /// Shared by every request of one site.
    #[derive(Clone)]
    pub(super) struct AppState {
        pub site: Arc<model::Site>,
        pub base: Url,
        pub log: RequestLog,
    }

    pub(super) async fn handle(
        State(st): State<AppState>,
        ConnectInfo(peer): ConnectInfo<SocketAddr>,
        req: Request,
    ) -> Response {
        let at = Instant::now();
        let path_and_query = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".to_string());
        let user_agent = req
            .headers()
            .get(header::USER_AGENT)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .unwrap_or_default();
        // Logged before answering, so a test that sees the response also sees the entry.
        st.log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(LoggedRequest {
                path_and_query: path_and_query.clone(),
                at,
                user_agent,
                peer,
            });
        let r = render::respond(&st.site, &st.base, &path_and_query);
        let mut resp = Response::new(Body::from(r.body));
        *resp.status_mut() = StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK);
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(r.content_type),
        );
        if let Some(loc) = r.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            resp.headers_mut().insert(header::LOCATION, loc);
        }
        resp
    }
}
