//! HTML → [`PageFacts`]: what an auditor reads on one page. Links by region (header/nav, main,
//! footer), headings, dated items (date + nearby title + link), page-level dates (meta, JSON-LD,
//! `<time>`), forms (a search box), feed links and footer text. Every date found is kept with
//! its kind and whether it counts as a publication date, and why — `ttdt inspect` shows them.
//!
//! Pure: no network, no clock (the as-of date is an argument).

use chrono::NaiveDate;
use serde::Serialize;

use crate::freshness::{DateSignal, IgnoredSignal, SignalSource};

/// Page region a link or text sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// `<header>`, `<nav>`, menus, top banners.
    Nav,
    /// The page body proper.
    Main,
    /// `<footer>` and footer-like blocks.
    Footer,
}

/// A link on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Absolute URL (resolved against the page / `<base href>`), fragment removed.
    pub href: String,
    /// Anchor text (NFC, whitespace collapsed); falls back to `title` / image `alt`.
    pub text: String,
    /// Where on the page.
    pub region: Region,
    /// The text is the link's `title` or its image's `alt`, not visible words: a banner or
    /// an icon, whose label names where it leads as a menu entry does.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub text_from_attribute: bool,
}

/// A heading `h1`–`h6`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Text, NFC, whitespace collapsed.
    pub text: String,
    /// Where on the page: a heading in the menu (a mega-menu's column title) or the footer
    /// titles no page.
    pub region: Region,
}

impl Heading {
    /// Is the heading part of the page's content, not of its menu or footer? Only such a
    /// heading can title the page or say it does not exist.
    pub fn in_content(&self) -> bool {
        !matches!(self.region, Region::Nav | Region::Footer)
    }
}

/// A form; `is_search` when it looks like a search box (`q`, `keyword`, `tukhoa`, "Tìm kiếm").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    /// Absolute action URL ("" when none).
    pub action: String,
    /// Names of its inputs.
    pub inputs: Vec<String>,
    /// Looks like a site search.
    pub is_search: bool,
}

/// What a date on the page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// Publication date of a list item (date + title + link).
    Item,
    /// Page-level date: meta `article:published_time`/`modified_time`, JSON-LD, `<time>`,
    /// or the "Ngày đăng" line of an article page.
    Page,
    /// Not a publication date: header "today" widget, visitor counter, copyright year,
    /// calendar widget.
    Boilerplate,
    /// A date inside an item's title or document number when the item has its own date.
    InTitle,
    /// Any other date in running text.
    Text,
    /// The date of a reader's comment ("Ý kiến bạn đọc") or of a citizen's question or petition
    /// ("Ngày gửi"): shown on the page, so it counts towards the page's newest date, but it is
    /// not the agency's publication and never dates a section.
    Comment,
}

/// Why a date counts or not, as a stable code with a Vietnamese label for `ttdt inspect`
/// (the `why` of [`FoundDate`] gives the detail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateReason {
    /// Publication date of a list item.
    ListItem,
    /// The page's own date (date line, date under the heading, `<time>`, meta, JSON-LD).
    PageDate,
    /// Header "today" widget or clock.
    TodayWidget,
    /// Footer copyright line.
    Copyright,
    /// Another date in the footer (address block, last update of the portal).
    Footer,
    /// Visitor counter ("Lượt truy cập", "Đang online").
    VisitorCounter,
    /// Calendar widget.
    Calendar,
    /// Inside an item's or the page's title, when the item has its own date.
    InTitle,
    /// Part of a document reference in a title ("số 25/2022/QĐ-UBND ngày 15/8/2022").
    InDocumentNumber,
    /// Dated after the as-of date.
    AfterAsOf,
    /// An item of the "Tin khác" sidebar of an article page, whose own date counts instead.
    ArticleSidebar,
    /// Another date of a list item ("Hiệu lực", "Hạn nộp").
    OtherItemDate,
    /// A date in the header or menu that is not a widget.
    HeaderText,
    /// Any other date in running text.
    RunningText,
    /// A reader's comment under an article, or the day a question or petition was sent.
    ReaderComment,
}

impl DateReason {
    /// Vietnamese label: why the date was used or ignored.
    pub fn label(self) -> &'static str {
        match self {
            DateReason::ListItem => "ngày đăng của mục trong danh sách",
            DateReason::PageDate => "ngày đăng của trang",
            DateReason::TodayWidget => "widget ngày hôm nay",
            DateReason::Copyright => "bản quyền ©",
            DateReason::Footer => "ngày ở chân trang",
            DateReason::VisitorCounter => "bộ đếm truy cập",
            DateReason::Calendar => "lịch",
            DateReason::InTitle => "ngày trong tiêu đề",
            DateReason::InDocumentNumber => "ngày trong số hiệu văn bản",
            DateReason::AfterAsOf => "sau ngày kiểm tra",
            DateReason::ArticleSidebar => "tin khác bên cạnh bài viết (tính ngày của bài)",
            DateReason::OtherItemDate => "ngày khác của mục (hiệu lực, hạn nộp…)",
            DateReason::HeaderText => "ngày ở đầu trang / menu",
            DateReason::RunningText => "ngày trong nội dung, không phải ngày đăng",
            DateReason::ReaderComment => {
                "ý kiến bạn đọc, câu hỏi hoặc phản ánh của người dân (không tính cho chuyên mục)"
            }
        }
    }
}

/// One date found on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundDate {
    /// The date.
    pub date: NaiveDate,
    /// As written.
    pub text: String,
    /// What it is.
    pub kind: DateKind,
    /// Counted as a publication date (items and page dates not after the as-of date).
    pub used: bool,
    /// Human reason, e.g. "date of list item 'Kế hoạch số 174/KH-UBND'", "header date widget",
    /// "after the as-of date".
    pub why: String,
    /// The same as a stable code (Vietnamese label: [`DateReason::label`]).
    pub reason: DateReason,
    /// As a freshness signal: its source (items and page dates only).
    pub source: Option<SignalSource>,
    /// The title of the list item the date belongs to (its publication date, or another date
    /// of it: in its title, document number, "Hiệu lực" column…).
    pub item: Option<String>,
}

/// A dated entry of a list page (news list, document list).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatedItem {
    /// Publication date.
    pub date: NaiveDate,
    /// Item title (link text or nearby heading).
    pub title: String,
    /// Absolute link of the item, if any.
    pub href: Option<String>,
}

/// Everything read from one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageFacts {
    /// Page URL.
    pub url: String,
    /// `<title>` (or first h1), NFC.
    pub title: String,
    /// `<html lang>` when given.
    pub lang: Option<String>,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// The breadcrumb trail, outermost first ("Trang chủ", "Tin tức", "Tin trong huyện"); the
    /// last entry is the current page. Empty when the page has none.
    pub breadcrumb: Vec<String>,
    /// Links in document order.
    pub links: Vec<Link>,
    /// Dated list items whose publication date counts: not after the as-of date, and not the
    /// "Tin khác" sidebar of an article page (whose own date counts instead).
    pub items: Vec<DatedItem>,
    /// Every date found with its kind and use.
    pub dates: Vec<FoundDate>,
    /// Newest publication date of content shown on the page, not after the as-of date: list
    /// items, the page's own date, an article page's "Tin khác" box, readers' comments and the
    /// days citizens' questions were sent. This is what a reader (and the accuracy labels) call
    /// the page's newest date.
    pub newest_date: Option<NaiveDate>,
    /// Newest date that dates the page's own section: as `newest_date`, except that an article
    /// page counts only its own date (a site-wide "Tin mới" box beside every article would
    /// otherwise make a stale section look fresh) and that comments and questions never count.
    /// Section freshness is built from these dates.
    pub newest_section_date: Option<NaiveDate>,
    /// The used item and page dates as freshness signals (source, confidence, this URL);
    /// kept after classification for the section's freshness.
    pub signals: Vec<DateSignal>,
    /// Item and page dates after the as-of date: never used, flagged "sau ngày kiểm tra".
    pub future_dates: Vec<IgnoredSignal>,
    /// Forms.
    pub forms: Vec<Form>,
    /// RSS/Atom feed URLs (`<link rel=alternate type=application/rss+xml>` and RSS links).
    pub feeds: Vec<String>,
    /// Footer text, NFC, whitespace collapsed.
    pub footer_text: String,
    /// Visible text of the main region, NFC, whitespace collapsed (capped at 200 000 chars).
    pub main_text: String,
    /// Little or no visible text but scripts that build the page: content drawn by JavaScript
    /// only, so absence here is "could not measure", not "missing".
    pub script_only: bool,
    /// A `<meta http-equiv=refresh>` target, if any (absolute).
    pub meta_refresh: Option<String>,
    /// A `<meta name=viewport>` adapting the page to the device width (mobile access).
    pub mobile_viewport: bool,
    /// Online public services: portal links and the procedures the page lists.
    pub public_services: PublicServices,
}

mod dating;
mod flat;
mod inspect;
mod services;
mod structure;

pub use inspect::{inspect_json, inspect_text};
pub use services::{
    PortalKind, PortalLink, PortalLinkSummary, Procedure, PublicServices, PublicServicesSummary,
    ServiceLevel, SiteServices, gov_authority, portal_of_host,
};

/// A `<title>` never closed swallows the whole page: HTML parsers (and browsers) read
/// everything after it as the title's text, so nothing of the page would be read. The author
/// meant the title to end at the next tag; the page is read that way (the same bytes stay in
/// the evidence). `None` when the page needs no repair.
fn close_unclosed_title(html: &str) -> Option<String> {
    let mut end = html.len().min(64 * 1024);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let head = &html[..end];
    let lower = head.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let content = open + lower[open..].find('>')? + 1;
    if lower.contains("</title") {
        return None;
    }
    let next_tag = content + lower[content..].find('<')?;
    let mut out = String::with_capacity(html.len() + 8);
    out.push_str(&html[..next_tag]);
    out.push_str("</title>");
    out.push_str(&html[next_tag..]);
    Some(out)
}

/// Elements without an end tag: never open.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// A link left open when the block around it closes (`<div class="duongdan"><a href="/?cat=22">
/// Đầu tư XDCB</div>`, a common slip of old templates) is closed there. Browsers carry such a
/// link into every later block; the HTML parser under scraper goes further and, on some of
/// these pages, drops the content after it altogether (html5ever issue 512: a whole list of
/// news vanished). The page is read as its author meant it (the same bytes stay in the
/// evidence). `None` when no link is left open.
fn close_misnested_links(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut inserts: Vec<(usize, usize)> = Vec::new(); // (byte offset, how many `</a>`)
    let mut i = 0;
    while let Some(k) = html[i..].find('<') {
        let start = i + k;
        i = start + 1;
        if bytes[start..].starts_with(b"<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut j = name_start + name_len;
        let mut quote: Option<u8> = None;
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (Some(q), b) if b == q => quote = None,
                (None, b'"' | b'\'') => quote = Some(bytes[j]),
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let self_closing = j > 0 && bytes.get(j - 1) == Some(&b'/');
        i = (j + 1).min(html.len());
        if closing {
            if let Some(at) = open.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                let links = open[at + 1..]
                    .iter()
                    .filter(|n| n.eq_ignore_ascii_case("a"))
                    .count();
                if links > 0 && !name.eq_ignore_ascii_case("a") {
                    inserts.push((start, links));
                }
                open.truncate(at);
            }
            continue;
        }
        if ["script", "style", "textarea", "title"]
            .iter()
            .any(|r| r.eq_ignore_ascii_case(name))
        {
            // Raw text up to the element's own end tag.
            let mut e = i;
            loop {
                match html[e..].find("</") {
                    Some(p)
                        if html
                            .get(e + p + 2..e + p + 2 + name.len())
                            .is_some_and(|n| n.eq_ignore_ascii_case(name)) =>
                    {
                        e += p;
                        break;
                    }
                    Some(p) => e += p + 2,
                    None => {
                        e = html.len();
                        break;
                    }
                }
            }
            i = e;
            continue;
        }
        if !self_closing && !VOID_ELEMENTS.iter().any(|v| v.eq_ignore_ascii_case(name)) {
            open.push(name);
        }
    }
    if inserts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len() + inserts.len() * 8);
    let mut last = 0;
    for (at, n) in inserts {
        out.push_str(&html[last..at]);
        for _ in 0..n {
            out.push_str("</a>");
        }
        last = at;
    }
    out.push_str(&html[last..]);
    Some(out)
}

/// Parse a page as a browser without JavaScript does: with scripting off, a `<noscript>`
/// fallback (the menu a script would otherwise draw) is markup, not text.
fn parse_html(html: &str) -> scraper::Html {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::driver::parse_document(
        scraper::HtmlTreeSink::new(scraper::Html::new_document()),
        opts,
    )
    .one(html)
}

/// Read one HTML page. `url` resolves relative links; dates after `as_of` are never used.
///
/// Never panics: malformed, truncated or binary input gives whatever structure the HTML parser
/// recovers (possibly nothing).
pub fn extract(url: &url::Url, html: &str, as_of: NaiveDate) -> PageFacts {
    let repaired = close_unclosed_title(html);
    let html = repaired.as_deref().unwrap_or(html);
    let relinked = close_misnested_links(html);
    let html = relinked.as_deref().unwrap_or(html);
    let doc = parse_html(html);
    // One pass over the tree gives the text and regions both the structure and the dates use.
    let flat = flat::Flat::build(&doc);
    let mut facts = structure::read_structure(&doc, &flat, url, html);
    let base = structure::base_url(&doc, url);
    let dates = dating::read_dates(&doc, &flat, url, &base, as_of);
    facts.dates = dates.dates;
    facts.items = dates.items;
    facts.newest_date = dates.newest_shown;
    facts.newest_section_date = dates.newest;
    facts.mobile_viewport = has_mobile_viewport(&doc);
    facts.public_services = services::read_public_services(&doc, &facts.links);
    facts.signals = dates.signals;
    facts.future_dates = dates.future;
    facts
}

static VIEWPORT: std::sync::LazyLock<scraper::Selector> =
    std::sync::LazyLock::new(|| scraper::Selector::parse("meta[name][content]").unwrap());

/// `<meta name="viewport" content="width=device-width…">`: the page adapts to phone screens
/// (Decree 224/2026 Art. 10.3.a asks for access "trên nhiều phương tiện…, bao gồm cả thiết bị
/// di động"). A fixed-width viewport (`width=1024`) does not count.
fn has_mobile_viewport(doc: &scraper::Html) -> bool {
    doc.select(&VIEWPORT).any(|m| {
        m.value()
            .attr("name")
            .is_some_and(|n| n.eq_ignore_ascii_case("viewport"))
            && m.value()
                .attr("content")
                .is_some_and(|c| c.to_ascii_lowercase().contains("device-width"))
    })
}

#[cfg(test)]
mod tests {
    use super::close_misnested_links;

    /// A link left open when its block closes is closed there; well-formed markup, links
    /// holding blocks (cards), raw text and comments are left alone.
    #[test]
    fn links_left_open_are_closed_with_their_block() {
        assert_eq!(
            close_misnested_links(
                r#"<div class="duongdan"><a href="/">Trang chủ</a> » <a href="/?cat=22">Đầu tư XDCB</div><div>x</div>"#
            )
            .as_deref(),
            Some(
                r#"<div class="duongdan"><a href="/">Trang chủ</a> » <a href="/?cat=22">Đầu tư XDCB</a></div><div>x</div>"#
            )
        );
        for fine in [
            r#"<ul><li><a href="/a">A</a></li></ul>"#,
            r#"<a class="card" href="/x"><div><h3>Tin</h3><p>Mô tả</p></div></a>"#,
            r#"<div><!-- <a href="/"> --></div><script>var s = "<div><a href='/'>";</script>"#,
            r#"<p><img src="/i.png" alt="a > b"><br/><a title="x>y" href="/b">B</a></p>"#,
        ] {
            assert_eq!(close_misnested_links(fine), None, "{fine}");
        }
    }
}
