//! Site generator: builds a realistic agency website from a declared truth ([`SiteSpec`]: which
//! sections exist, CMS style, newest date per section, noise such as a header date widget) and
//! serves it with a real HTTP server on 127.0.0.1 that records every request. Tests assert the
//! crawler and scorer against the truth; the demo serves a province of such sites.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::NaiveDate;

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
}

/// Serve `spec` on 127.0.0.1 at a random port (on the current tokio runtime).
pub async fn serve(spec: SiteSpec) -> std::io::Result<ServedSite> {
    todo!("serve {}", spec.id)
}
