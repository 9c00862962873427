//! Page structure: title, headings, links by region, forms, feeds, footer and main text.

use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

use super::flat::{Flat, MAX_TRAIL_BYTES};
use super::{Form, Heading, Link, PageFacts};
use crate::text::nfc;

static TITLE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("title").unwrap());
static HEADINGS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("h1, h2, h3, h4, h5, h6").unwrap());
static ANCHORS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("a[href]").unwrap());
static BASE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("base[href]").unwrap());
static FORMS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("form").unwrap());
static INPUTS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("input, select, textarea, button").unwrap());
static FEEDS: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(
        r#"link[rel~="alternate"][type="application/rss+xml"], link[rel~="alternate"][type="application/atom+xml"]"#,
    )
    .unwrap()
});
static META_REFRESH: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("meta[http-equiv]").unwrap());
static HTML_TAG: LazyLock<Selector> = LazyLock::new(|| Selector::parse("html").unwrap());
static IMG_ALT: LazyLock<Selector> = LazyLock::new(|| Selector::parse("img[alt]").unwrap());
static ONCLICK: LazyLock<Selector> = LazyLock::new(|| Selector::parse("[onclick]").unwrap());

/// Longest text of a scripted menu entry ([`onclick_target`]): a menu label, not a block.
const MAX_ONCLICK_TEXT: usize = 120;

/// The page a scripted menu entry opens (`<div onclick="location.href='/tabid/72/…'">`,
/// `window.open('…','_self')`), as old DNN/SolPart and table-layout portals draw their menus:
/// a browser follows it like a link, so it is read as one.
fn onclick_target(onclick: &str) -> Option<&str> {
    crate::crawl::script_navigations(onclick)
        .next()
        .map(|nav| nav.target)
}

/// Inline scripts (`<script>` without `src`).
static INLINE_SCRIPTS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("script:not([src])").unwrap());

/// Fewest entries of a script menu: one `['Label', '/url']` pair is any script's data.
const MIN_SCRIPT_MENU_ENTRIES: usize = 3;

/// The entries of a menu a script draws from an array of `['Label', 'url', …]` items (Tigra
/// Menu's `MENU_ITEMS`, old DNN and Joomla skins): a browser shows them as the page's menu,
/// so they are read as its menu links. A script with fewer such pairs is not a menu.
fn script_menu_entries(doc: &Html) -> Vec<(String, String)> {
    use regex::Regex;
    static PAIR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"\[\s*(?:'([^'\\<>]{2,80})'|"([^"\\<>]{2,80})")\s*,\s*(?:'((?:/|https?://|\.\.?/)[^'\s<>]{0,500})'|"((?:/|https?://|\.\.?/)[^"\s<>]{0,500})")"#,
        )
        .expect("script menu pattern is valid")
    });
    let mut out = Vec::new();
    for script in doc.select(&INLINE_SCRIPTS) {
        let code: String = script.text().collect();
        let pairs: Vec<(String, String)> = PAIR
            .captures_iter(&code)
            .filter_map(|c| {
                let label = c.get(1).or(c.get(2))?.as_str();
                let href = c.get(3).or(c.get(4))?.as_str();
                // Analytics commands (`['_trackPageview', '/x']`) are no menu labels.
                (label.chars().any(char::is_alphabetic) && !label.starts_with('_'))
                    .then(|| (clean_text(label), href.to_string()))
            })
            .collect();
        if pairs.len() >= MIN_SCRIPT_MENU_ENTRIES {
            out.extend(pairs);
        }
    }
    out
}

/// Most characters of main text kept per page (bounds memory on huge pages).
const MAIN_TEXT_CAP: usize = super::flat::REGION_TEXT_CAP;

/// Collapse whitespace runs and NFC-normalise.
pub(crate) fn clean_text(s: &str) -> String {
    nfc(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Resolve an href against the base, drop fragments and non-web schemes.
pub(crate) fn resolve(base: &url::Url, href: &str) -> Option<url::Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let mut u = base.join(href).ok()?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return None;
    }
    u.set_fragment(None);
    Some(u)
}

fn text_of(el: ElementRef<'_>) -> String {
    clean_text(&el.text().collect::<String>())
}

/// Class names of text that is there for screen readers only (WebSphere's "Bắt đầu portlet"
/// inside every portlet heading, Bootstrap `sr-only`, WordPress `screen-reader-text`).
const SCREEN_READER_ONLY: &[&str] = &[
    "screenreadertext",
    "screen-reader-text",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "hide-accessible",
    "element-invisible",
];

/// Is this element's class one of [`SCREEN_READER_ONLY`]?
fn for_screen_readers(e: &scraper::node::Element) -> bool {
    e.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace().any(|t| {
            let t = t.to_ascii_lowercase();
            SCREEN_READER_ONLY.iter().any(|w| t.ends_with(w))
        })
    })
}

/// The visible text of a heading: what screen readers alone are told is left out, and a heading
/// hidden as a whole (Drupal's `h2.element-invisible` "Biểu mẫu tìm kiếm" over its search box)
/// has none.
fn heading_text(el: ElementRef<'_>) -> String {
    if for_screen_readers(el.value()) {
        return String::new();
    }
    let hidden = |n: &ego_tree::NodeRef<'_, scraper::Node>| {
        n.ancestors()
            .take_while(|a| a.id() != el.id())
            .any(|a| a.value().as_element().is_some_and(for_screen_readers))
    };
    let text: String = el
        .descendants()
        .filter(|n| !hidden(n))
        .filter_map(|n| n.value().as_text().map(|t| &**t))
        .collect();
    clean_text(&text)
}

/// The base URL links resolve against: `<base href>` (itself resolved against the page) or the page.
pub(crate) fn base_url(doc: &Html, url: &url::Url) -> url::Url {
    doc.select(&BASE)
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|h| url.join(h).ok())
        .unwrap_or_else(|| url.clone())
}

/// Containers of a breadcrumb trail as CMSs mark them: `breadcrumb`/`crumbs` classes and
/// `breadcrumb` ids (Bootstrap, Drupal, Liferay, SharePoint), Joomla's `pathway`, older CMSs'
/// `div.path`, schema.org `BreadcrumbList`, ARIA.
static BREADCRUMB: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(
        "[class*=crumb i], [id*=breadcrumb i], [class*=pathway i], [id*=pathway i], \
         [itemtype*=BreadcrumbList], [aria-label=breadcrumb i], [class*=duongdan i], \
         [class*=duong-dan i], [class~=path i], [id~=path i], [class*=navpath i], \
         [class~=navigation-path i]",
    )
    .expect("valid selector")
});

/// Containers that older CMSs name for their trail with a menu's word (`div.navigation`,
/// `div.nav`): a trail only when it reads like one ([`reads_like_a_trail`]).
static NAVIGATION: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("[class~=navigation i], [id~=navigation i], [class~=nav i]")
        .expect("valid selector")
});

/// Most links of a trail named like a menu; a menu has more.
const MAX_TRAIL_LINKS: usize = 5;

/// A container named like a menu is a breadcrumb trail when its first link goes home ("Trang
/// chủ"), it has few links, and separators ("»", "›", ">") stand between its entries.
fn reads_like_a_trail(e: &ElementRef<'_>) -> bool {
    let links: Vec<ElementRef<'_>> = e.select(&ANCHORS).collect();
    let text: String = e.text().collect();
    !links.is_empty()
        && links.len() <= MAX_TRAIL_LINKS
        && matches!(
            crate::text::fold(&text_of(links[0])).as_str(),
            "trang chu" | "home"
        )
        && text.contains(['»', '›', '>', '→'])
        && text.len() <= MAX_TRAIL_BYTES
}

/// Category links of a blog post (WordPress `rel="category tag"`).
static CATEGORY_LINKS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("a[rel~=category]").expect("valid selector"));

/// The entries of a blog listing (WordPress `<article class="post hentry">`).
static POSTS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("article, .hentry").expect("valid selector"));

/// Most entries kept from a breadcrumb (deeper trails are not section names).
const MAX_BREADCRUMB: usize = 8;

/// The breadcrumb trail ("Trang chủ › Tin tức › Tin trong huyện"): the text of each link of the
/// outermost breadcrumb container, then the current page's entry (the text after the last
/// link). It says which section a page belongs to, as an appraiser reads it.
fn read_breadcrumb(doc: &Html) -> Vec<String> {
    // SharePoint calls its top navigation bar `ms-breadcrumb-top` (the trail, `SiteMapPath`,
    // is a separate element): it is not the trail.
    let trail = doc
        .select(&BREADCRUMB)
        .find(|e| {
            !e.value()
                .attr("class")
                .is_some_and(|c| c.to_ascii_lowercase().contains("breadcrumb-top"))
        })
        .or_else(|| doc.select(&NAVIGATION).find(reads_like_a_trail));
    let Some(trail) = trail else {
        // WordPress shows a post's categories instead (`<a rel="category tag">`): the sections
        // the post was filed under. On a listing (search results, an archive) every entry shows
        // its own categories, which say nothing about the listing page.
        if doc
            .select(&POSTS)
            .filter(|p| p.select(&CATEGORY_LINKS).next().is_some())
            .nth(1)
            .is_some()
        {
            return Vec::new();
        }
        return doc
            .select(&CATEGORY_LINKS)
            .map(text_of)
            .filter(|t| !t.is_empty())
            .take(MAX_BREADCRUMB)
            .collect();
    };
    // A trail left unclosed swallows the page after it (`<div id="breadcrumb">` without its
    // `</div>`): it ends where the page's content starts, at its first heading, paragraph or
    // table, and its links before that are its entries.
    let swallowed = trail.text().map(str::len).sum::<usize>() > MAX_TRAIL_BYTES;
    let is_content = |n: &ego_tree::NodeRef<'_, scraper::Node>| {
        n.value().as_element().is_some_and(|e| {
            matches!(
                e.name(),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "table" | "article"
            )
        })
    };
    // One walk: each link is an entry; the text after the last link holds the current page's
    // entry ("Văn bản › Văn bản quy phạm pháp luật" — its name may begin with the link's own
    // words) and unlinked parents before it, each in its own list item ("<li>Công khai</li>
    // <li>Thống kê y tế</li>").
    const ENTRY_BREAK: char = '\u{1}';
    let mut out: Vec<String> = Vec::new();
    let mut in_link: Option<ego_tree::NodeId> = None;
    let mut rest = String::new();
    for edge in trail.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) if swallowed && is_content(&n) => break,
            ego_tree::iter::Edge::Open(n) if in_link.is_none() => match n.value() {
                scraper::Node::Element(e) if e.name() == "a" => {
                    in_link = Some(n.id());
                    rest.clear();
                    let t = ElementRef::wrap(n).map(text_of).unwrap_or_default();
                    if !t.is_empty() && out.len() < MAX_BREADCRUMB {
                        out.push(t);
                    }
                }
                scraper::Node::Element(e) if e.name() == "li" => rest.push(ENTRY_BREAK),
                scraper::Node::Text(t) => rest.push_str(t),
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) if Some(n.id()) == in_link => in_link = None,
            _ => {}
        }
    }
    if !swallowed {
        for entry in rest.split(ENTRY_BREAK) {
            let entry = clean_text(entry);
            // An entry cut short ("Giới thiệu Nghị định...") is the current article's title:
            // a section's name is never truncated.
            if entry.ends_with("...") || entry.ends_with('…') {
                continue;
            }
            let entry = entry
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string();
            if !entry.is_empty() && out.len() < MAX_BREADCRUMB {
                out.push(entry);
            }
        }
    }
    out
}

/// The section an article names in a line of its own ("Chuyên mục: Tuyên truyền pháp luật",
/// "Danh mục: …", WordPress's `cat-links`), as print views and themes without a breadcrumb
/// write it: it places the page in its section like a breadcrumb entry would.
fn category_line(flat: &Flat<'_>) -> Option<String> {
    /// Longer lines are sentences, not labels.
    const MAX_LINE_CHARS: usize = 80;
    const LEADS: &[&str] = &["chuyên mục:", "danh mục:", "chuyên mục :", "category:"];
    let named: Vec<(usize, String)> = flat
        .els
        .iter()
        .enumerate()
        .filter(|(_, e)| e.region == super::Region::Main && e.end > e.start)
        .filter_map(|(i, e)| {
            let text = clean_text(flat.text.get(e.start..e.end)?);
            if text.chars().count() > MAX_LINE_CHARS {
                return None;
            }
            let lower = text.to_lowercase();
            if let Some(lead) = LEADS.iter().find(|l| lower.starts_with(*l)) {
                let rest = text.get(lead.len()..)?.trim();
                return (!rest.is_empty()).then(|| (i, rest.to_string()));
            }
            // WordPress themes mark the post's category `span.cat-links`, Joomla
            // `dd.category-name`: their one link is the section.
            let class = e.node.value().attr("class")?.to_ascii_lowercase();
            if !(class.contains("cat-links") || class.contains("category-name")) {
                return None;
            }
            let mut links = e.node.select(&ANCHORS);
            let only = links.next().filter(|_| links.next().is_none())?;
            let name = text_of(only);
            (!name.is_empty()).then_some((i, name))
        })
        .collect();
    // The innermost of nested lines ("<footer>Chuyên mục: <span class=cat-links>…"); then one
    // line names the page's section, while one per entry (a search result list, an archive)
    // names the entries'.
    let innermost: Vec<&String> = named
        .iter()
        .filter(|(i, _)| {
            let (s, e) = (flat.els[*i].start, flat.els[*i].end);
            // A descendant comes after its ancestor in document order.
            !named
                .iter()
                .any(|(j, _)| j > i && flat.els[*j].start >= s && flat.els[*j].end <= e)
        })
        .map(|(_, name)| name)
        .collect();
    match innermost.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// Read everything but dates from a parsed page and its flat view.
pub(crate) fn read_structure(doc: &Html, flat: &Flat<'_>, url: &url::Url, html: &str) -> PageFacts {
    let base = base_url(doc, url);

    let title = doc.select(&TITLE).next().map(text_of).unwrap_or_default();
    let headings: Vec<Heading> = doc
        .select(&HEADINGS)
        .map(|h| Heading {
            level: h.value().name()[1..].parse().unwrap_or(6),
            text: heading_text(h),
            region: flat.region_of_node(h.id()),
        })
        .filter(|h| !h.text.is_empty())
        .collect();
    let title = if title.is_empty() {
        headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.clone())
            .unwrap_or_default()
    } else {
        title
    };
    let lang = doc
        .select(&HTML_TAG)
        .next()
        .and_then(|h| h.value().attr("lang"))
        .map(|s| s.to_string());

    let mut links = Vec::new();
    for a in doc.select(&ANCHORS) {
        let Some(href) = a.value().attr("href").and_then(|h| resolve(&base, h)) else {
            continue;
        };
        let mut text = text_of(a);
        let text_from_attribute = text.is_empty();
        if text_from_attribute {
            text = a
                .value()
                .attr("title")
                .map(clean_text)
                .or_else(|| {
                    a.select(&IMG_ALT)
                        .next()
                        .and_then(|i| i.value().attr("alt"))
                        .map(clean_text)
                })
                .unwrap_or_default();
        }
        links.push(Link {
            href: href.to_string(),
            text_from_attribute: text_from_attribute && !text.is_empty(),
            text,
            region: flat.region_of_node(a.id()),
        });
    }

    for el in doc.select(&ONCLICK) {
        let e = el.value();
        if (e.name() == "a"
            && e.attr("href").is_some_and(|h| {
                !h.trim_start().starts_with('#')
                    && !h
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:")
            }))
            || el.select(&ANCHORS).next().is_some()
        {
            continue; // a real link already says where it goes
        }
        let Some(href) = e
            .attr("onclick")
            .and_then(onclick_target)
            .and_then(|h| resolve(&base, h))
        else {
            continue;
        };
        let text = text_of(el);
        if text.is_empty() || text.len() > MAX_ONCLICK_TEXT {
            continue;
        }
        links.push(Link {
            href: href.to_string(),
            text,
            region: flat.region_of_node(el.id()),
            text_from_attribute: false,
        });
    }

    for (text, href) in script_menu_entries(doc) {
        if let Some(href) = resolve(&base, &href) {
            links.push(Link {
                href: href.to_string(),
                text,
                region: super::Region::Nav,
                text_from_attribute: false,
            });
        }
    }

    let forms = doc
        .select(&FORMS)
        .map(|f| {
            let action = f
                .value()
                .attr("action")
                .and_then(|a| base.join(a).ok())
                .map(|u| u.to_string())
                .unwrap_or_default();
            let inputs: Vec<String> = f
                .select(&INPUTS)
                .filter_map(|i| i.value().attr("name").map(|s| s.to_string()))
                .collect();
            let folded =
                crate::text::fold(&format!("{} {} {}", action, inputs.join(" "), text_of(f)));
            let is_search = ["tim kiem", "search", "keyword", "tukhoa", "q"]
                .iter()
                .any(|w| folded.split(' ').any(|t| t == *w) || folded.contains(w) && w.len() > 2)
                || f.select(&INPUTS)
                    .any(|i| i.value().attr("type") == Some("search"));
            Form {
                action,
                inputs,
                is_search,
            }
        })
        .collect();

    let feeds = doc
        .select(&FEEDS)
        .filter_map(|l| l.value().attr("href").and_then(|h| resolve(&base, h)))
        .map(|u| u.to_string())
        .collect();

    let meta_refresh = doc
        .select(&META_REFRESH)
        .find(|m| {
            m.value()
                .attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
        })
        .and_then(|m| m.value().attr("content"))
        .and_then(|c| {
            let lower = c.to_ascii_lowercase();
            let idx = lower.find("url=")?;
            let target = c[idx + 4..]
                .trim()
                .trim_matches(|ch| ch == '\'' || ch == '"');
            resolve(&base, target).map(|u| u.to_string())
        });

    let mut main_text = clean_text(&flat.main_text);
    if main_text.len() > MAIN_TEXT_CAP {
        let mut cut = MAIN_TEXT_CAP;
        while !main_text.is_char_boundary(cut) {
            cut -= 1;
        }
        main_text.truncate(cut);
    }
    let footer_text = clean_text(&flat.footer_text);
    // Read without scripting, a shell's `<noscript>` note ("Trình duyệt của bạn chưa bật
    // JavaScript") is its only text: a short text asking for JavaScript is no content either.
    let text_chars = main_text.chars().count();
    let asks_for_script = text_chars < 600 && crate::text::fold(&main_text).contains("javascript");
    let script_only =
        (text_chars < 40 || asks_for_script) && links.len() < 3 && html.contains("<script");

    let mut breadcrumb = read_breadcrumb(doc);
    if breadcrumb.is_empty()
        && let Some(section) = category_line(flat)
    {
        breadcrumb.push(section);
    }

    PageFacts {
        url: url.to_string(),
        title,
        lang,
        headings,
        breadcrumb,
        links,
        items: Vec::new(),
        dates: Vec::new(),
        newest_date: None,
        newest_section_date: None,
        signals: Vec::new(),
        future_dates: Vec::new(),
        forms,
        feeds,
        footer_text,
        main_text,
        script_only,
        meta_refresh,
        mobile_viewport: false,
        public_services: Default::default(),
    }
}
