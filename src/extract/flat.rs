//! A flat view of the parsed page, built in one non-recursive pass: the visible text of the
//! whole page as one string (block boundaries as newlines), and for every element its text
//! range, parent, depth and region.
//!
//! Why: date finding runs once over the whole text (so a date split over inline tags is still
//! found, and a 1 MB page costs one scan), while classification needs the structure around each
//! date — containment is then a range check, and the region of any node is an O(1) lookup instead
//! of a walk to the root (which is quadratic on deeply nested junk).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::Region;

/// Most characters of main/footer text kept per page (bounds memory on huge pages).
pub(crate) const REGION_TEXT_CAP: usize = 200_000;

/// One element of the page, in document order.
pub(crate) struct El<'a> {
    /// The element itself (for attributes and scraper navigation).
    pub node: ElementRef<'a>,
    /// Index of the parent element in [`Flat::els`].
    pub parent: Option<usize>,
    /// Region, inherited from the nearest ancestor that marks one.
    pub region: Region,
    /// Byte range of its visible text in [`Flat::text`].
    pub start: usize,
    /// End of that range (exclusive).
    pub end: usize,
    /// Hash of tag name + class attribute, to spot repeated siblings (list items).
    pub sig: u64,
    /// Inside a block whose id/class says calendar / date picker.
    pub in_calendar: bool,
    /// Inside a block whose id/class says visitor counter / statistics.
    pub in_counter: bool,
    /// Inside a block whose id/class says clock / today / current date.
    pub in_clock: bool,
    /// Inside `<article>`, `<aside>`, `<main>` or `<section>`, where `<header>`/`<footer>` are
    /// the section's.
    pub in_section: bool,
    /// Inside `<main>` (or `role="main"`), where Bootstrap's list styles (`nav-tabs`,
    /// `nav-stacked`) dress a list of articles, not a menu.
    pub in_main: bool,
}

/// The flattened page.
pub(crate) struct Flat<'a> {
    /// Visible text, NFC, whitespace collapsed, `\n` at block boundaries.
    pub text: String,
    /// Elements in document order (skipped subtrees such as `<script>` and `<head>` excluded).
    pub els: Vec<El<'a>>,
    /// Element index by tree node id.
    pub index: HashMap<NodeId, usize>,
    /// (start offset, element index) of every text run, sorted by start.
    pub runs: Vec<(usize, usize)>,
    /// How many element children of a parent share a signature: (parent, sig) → count.
    sig_counts: HashMap<(usize, u64), u32>,
    /// Visible text of the main region (capped).
    pub main_text: String,
    /// Visible text of the footer region (capped).
    pub footer_text: String,
}

/// Elements whose content is never visible text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "select"
            | "textarea"
    )
}

/// Elements that break the text flow (a newline in the flat text).
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "br"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "marquee"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// First words of class names that are parts of content blocks ("entry-header",
/// "card-footer", "page-header"), not the site's header or footer.
const CONTENT_PART_WORDS: &[&str] = &[
    "page",
    "entry",
    "article",
    "post",
    "card",
    "panel",
    "box",
    "widget",
    "portlet",
    "module",
    "block",
    "section",
    "news",
    "item",
    "content",
    "list",
    "table",
    "modal",
    "title",
    "asset",
    "dropdown",
    "sub",
    "tab",
    "tabs",
    "col",
    "column",
    "pagination",
    "paging",
];

/// First words of class names that put a region word at page level ("site-header").
const SITE_PREFIX_WORDS: &[&str] = &[
    "site",
    "main",
    "global",
    "top",
    "ms",
    "region",
    "layout",
    "wrap",
    "wrapper",
    "bg",
    "primary",
    "secondary",
    "mobile",
    "left",
    "right",
    "horizontal",
    "vertical",
    "mega",
    "s4",
    "web",
    "portal",
    "pagefooter",
    "pageheader",
];

/// Region marked by an element itself (tag, role, id, class), if any.
///
/// Portals without semantic tags mark menus and footers by id/class (`div#menu`,
/// `div.footer`), so ids and class names are read; class names that are sub-parts of content
/// blocks (`entry-header`, `card-footer`) are ignored so a list item's own footer does not turn
/// its date into footer boilerplate.
pub(crate) fn region_of_attrs(el: &scraper::node::Element, in_section: bool) -> Option<Region> {
    match el.name() {
        "nav" => return Some(Region::Nav),
        // A <header>/<footer> inside an <article>/<aside>/<main> belongs to that section (the
        // article's title and date line, a card's footer), not to the page.
        "header" if !in_section => return Some(Region::Nav),
        "footer" if !in_section => return Some(Region::Footer),
        // A class on <body>/<html> ("navbar-fixed", "header-sticky") describes the page, not a region.
        "body" | "html" => return None,
        // A heading is content wherever it sits: Liferay titles articles `<h1 class="header-title">`.
        // (A site-name heading inside the page header is in the header by its ancestor.)
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => return None,
        _ => {}
    }
    match el.attr("role") {
        Some("navigation") | Some("banner") | Some("menubar") => return Some(Region::Nav),
        Some("contentinfo") => return Some(Region::Footer),
        _ => {}
    }
    let mut names: Vec<String> = Vec::new();
    if let Some(id) = el.attr("id") {
        names.push(id.to_ascii_lowercase());
    }
    if let Some(class) = el.attr("class") {
        names.extend(
            class
                .split_ascii_whitespace()
                .map(|c| c.to_ascii_lowercase()),
        );
    }
    for name in &names {
        let toks: Vec<&str> = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
            .collect();
        let Some(&first) = toks.first() else { continue };
        if CONTENT_PART_WORDS.contains(&first) {
            continue;
        }
        let last = toks[toks.len() - 1];
        // A region word leads the name ("footer-wrap", "header-top", "menu-top"), or follows a
        // page-level prefix ("site-header", "ms-footer", "region-primary-menu"); menus are
        // menus wherever the word sits ("left-menu"). "date-header" is a date block's heading.
        let site_prefixed = SITE_PREFIX_WORDS.contains(&first);
        for (n, &tok) in toks.iter().enumerate() {
            let lead = n == 0 || site_prefixed;
            if lead
                && (tok.starts_with("footer")
                    || tok == "bottom"
                    || tok == "copyright"
                    || tok == "chantrang"
                    || tok == "banquyen")
            {
                return Some(Region::Footer);
            }
            if lead
                && (tok.starts_with("header")
                    || tok == "banner"
                    || tok == "topbar"
                    || tok == "dautrang"
                    || tok == "masthead")
            {
                return Some(Region::Nav);
            }
            if (lead || tok == last)
                && (tok.starts_with("menu")
                    || tok.starts_with("nav")
                    || tok.ends_with("menu")
                    || tok == "menubar")
            {
                return Some(Region::Nav);
            }
        }
        // Whole names for the top strip of a page ("top", "top-bar", "header-top").
        if matches!(
            name.as_str(),
            "top" | "top-bar" | "top_bar" | "site-top" | "page-top" | "top-header" | "topheader"
        ) {
            return Some(Region::Nav);
        }
    }
    None
}

/// Bootstrap's list styles (`<ol class="nav nav-tabs nav-stacked">` of Joomla's "more
/// articles"): inside the main content they dress a list, they do not make a menu.
fn styles_a_list(el: &scraper::node::Element) -> bool {
    el.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace().any(|t| {
            ["nav-tabs", "nav-stacked", "nav-pills", "nav-list"]
                .iter()
                .any(|s| t.eq_ignore_ascii_case(s))
        })
    })
}

/// Does a header hold the page's footer? Then it was never closed (malformed HTML: the parser
/// nests the rest of the page inside it) and is a wrapper of the whole page, not its header.
fn wraps_footer(el: ElementRef<'_>) -> bool {
    el.descendants().skip(1).any(|n| {
        n.value().as_element().is_some_and(|e| {
            e.name() == "footer"
                || e.attr("role") == Some("contentinfo")
                || e.id()
                    .is_some_and(|i| i.to_ascii_lowercase().starts_with("footer"))
                || e.attr("class").is_some_and(|c| {
                    c.split_ascii_whitespace()
                        .any(|t| t.to_ascii_lowercase().starts_with("footer"))
                })
        })
    })
}

/// Text of a breadcrumb trail above which it holds more than its own few entries: a trail
/// left unclosed that swallowed the page after it.
pub(crate) const MAX_TRAIL_BYTES: usize = 400;

/// Is the element a breadcrumb trail left unclosed (`<div class="navigation">Trang chủ »
/// Văn bản » <b>Văn bản pháp quy</b>` without its `</div>`), which the parser makes hold the
/// page's content after it: a table or a heading below the trail's own few words? Then it is
/// a wrapper of that content, not navigation.
fn is_swallowing_trail(el: ElementRef<'_>) -> bool {
    let e = el.value();
    // Named as a trail: `navigation` as a whole name (not SharePoint's `TopNavigationMenu`),
    // or a breadcrumb, pathway or "đường dẫn" name (not SharePoint's top bar
    // `ms-breadcrumb-top`).
    let named_trail = [e.id(), e.attr("class")]
        .into_iter()
        .flatten()
        .flat_map(str::split_ascii_whitespace)
        .any(|n| {
            let n = n.to_ascii_lowercase();
            n == "navigation"
                || (["crumb", "pathway", "duongdan"]
                    .iter()
                    .any(|w| n.contains(w))
                    && !n.contains("breadcrumb-top"))
        });
    named_trail
        && el.descendants().any(|n| {
            n.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "table" | "h1" | "h2" | "h3"))
        })
        && el.text().map(str::len).sum::<usize>() > MAX_TRAIL_BYTES
}

/// Does the element hold the page's main content (`<main>`, `role="main"`)? Then a region
/// word on it is a page wrapper's name (Joomla's `<div class="body" id="top">` holds the whole
/// page), not a header or footer.
fn wraps_main_content(el: ElementRef<'_>) -> bool {
    el.descendants().any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| e.name() == "main" || e.attr("role") == Some("main"))
    })
}

/// Lower-cased id + class of an element, for widget markers.
/// The id and class names of an element, lowercased, space-separated (what portals name their
/// widgets and regions by).
pub(crate) fn id_class(el: &scraper::node::Element) -> String {
    let mut s = String::new();
    for a in ["id", "class"] {
        if let Some(v) = el.attr(a) {
            s.push(' ');
            s.push_str(&v.to_ascii_lowercase());
        }
    }
    s
}

fn marks_calendar(ic: &str) -> bool {
    [
        "calendar",
        "datepicker",
        "lichvannien",
        "lich-van-nien",
        "lichamduong",
        "lich-am",
        "lich-duong",
        "lichduong",
        "duong-lich",
        "am-lich",
    ]
    .iter()
    .any(|w| ic.contains(w))
}

pub(crate) fn marks_counter(ic: &str) -> bool {
    [
        "counter",
        "thongke",
        "thong-ke",
        "thong_ke",
        "statistic",
        "visitor",
        "truycap",
        "truy-cap",
        "luottruycap",
        "useronline",
        "online",
        "hitcount",
    ]
    .iter()
    .any(|w| ic.contains(w))
}

fn marks_clock(ic: &str) -> bool {
    [
        "clock",
        "today",
        "currentdate",
        "current-date",
        "current_date",
        "curdate",
        "ngayhientai",
        "ngay-hien-tai",
        "homnay",
        "hom-nay",
        "datenow",
        "date-now",
        "realtime",
    ]
    .iter()
    .any(|w| ic.contains(w))
}

/// Tag and class of an element, for finding alike siblings. Class names that only number or
/// alternate the entries of a list (Drupal's `views-row-1 views-row-odd views-row-first`,
/// WordPress's `post-1234`, `odd`/`even`/`active`) are left out, so the rows of one list match.
fn sig_of(el: &scraper::node::Element) -> u64 {
    const POSITIONAL: &[&str] = &[
        "odd",
        "even",
        "first",
        "last",
        "alt",
        "alternate",
        "alternating",
        "active",
        "current",
        "selected",
    ];
    let mut classes: Vec<&str> = el
        .attr("class")
        .unwrap_or("")
        .split_ascii_whitespace()
        .filter(|c| {
            let last = c.rsplit(['-', '_']).next().unwrap_or(c);
            !last.bytes().all(|b| b.is_ascii_digit())
                && !POSITIONAL.iter().any(|p| last.eq_ignore_ascii_case(p))
        })
        .collect();
    classes.sort_unstable();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    el.name().hash(&mut h);
    classes.hash(&mut h);
    h.finish()
}

/// Append a text run, collapsing whitespace and normalising to NFC.
fn push_text(out: &mut String, raw: &str, soft_break: &mut bool) {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    let owned;
    let s: &str = if is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        raw
    } else {
        owned = raw.nfc().collect::<String>();
        &owned
    };
    let at_space = |out: &String| out.is_empty() || out.ends_with([' ', '\n']);
    if s.trim().is_empty() {
        if !s.is_empty() && !at_space(out) {
            out.push(' ');
        }
        return;
    }
    let first_alnum = s.trim_start().starts_with(char::is_alphanumeric);
    // Whitespace in the source, or an inline tag boundary between two alphanumerics
    // ("2026</span><a>Title"), keeps the words apart.
    if !at_space(out) && (s.starts_with(char::is_whitespace) || (*soft_break && first_alnum)) {
        out.push(' ');
    }
    *soft_break = false;
    for (n, word) in s.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if s.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

fn push_break(out: &mut String) {
    if out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn push_capped(out: &mut String, s: &str) {
    if out.len() < REGION_TEXT_CAP * 2 {
        out.push_str(s);
        out.push(' ');
    }
}

impl<'a> Flat<'a> {
    /// Build the flat view of a parsed document in one pass over the tree.
    pub(crate) fn build(doc: &'a Html) -> Flat<'a> {
        let mut text = String::with_capacity(64 * 1024);
        let mut els: Vec<El<'a>> = Vec::new();
        let mut index = HashMap::new();
        let mut runs = Vec::new();
        let mut sig_counts: HashMap<(usize, u64), u32> = HashMap::new();
        let (mut main_text, mut footer_text) = (String::new(), String::new());
        let mut stack: Vec<usize> = Vec::new();
        // Depth inside a skipped subtree (script, head, …): nothing in it is visible.
        let mut skip = 0usize;
        let mut soft_break = false;

        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(e) => {
                        if skip > 0 || is_skipped(e.name()) {
                            skip += 1;
                            continue;
                        }
                        let parent = stack.last().copied();
                        let (pr, pcal, pcount, pclock, psec, pmain) = parent
                            .map(|p| {
                                let p = &els[p];
                                (
                                    p.region,
                                    p.in_calendar,
                                    p.in_counter,
                                    p.in_clock,
                                    p.in_section,
                                    p.in_main,
                                )
                            })
                            .unwrap_or((Region::Main, false, false, false, false, false));
                        // Classes on <html>/<body> name the page ("page-thong-ke-du-lich" is the
                        // statistics page of a Drupal site), not a widget inside it.
                        let ic = if matches!(e.name(), "html" | "body") {
                            String::new()
                        } else {
                            id_class(e)
                        };
                        if is_block(e.name()) {
                            push_break(&mut text);
                        } else if text.ends_with(char::is_alphanumeric) {
                            soft_break = true;
                        }
                        let sig = sig_of(e);
                        if let Some(p) = parent {
                            *sig_counts.entry((p, sig)).or_insert(0) += 1;
                        }
                        let Some(node_ref) = ElementRef::wrap(node) else {
                            skip += 1;
                            continue;
                        };
                        let idx = els.len();
                        els.push(El {
                            node: node_ref,
                            parent,
                            region: region_of_attrs(e, psec)
                                .filter(|r| !(pmain && *r == Region::Nav && styles_a_list(e)))
                                .filter(|r| {
                                    *r == pr
                                        || !(wraps_main_content(node_ref)
                                            || *r == Region::Nav
                                                && (wraps_footer(node_ref)
                                                    || is_swallowing_trail(node_ref)))
                                })
                                .unwrap_or(pr),
                            in_section: psec
                                || matches!(e.name(), "article" | "aside" | "main" | "section"),
                            in_main: pmain || e.name() == "main" || e.attr("role") == Some("main"),
                            start: text.len(),
                            end: text.len(),
                            sig,
                            in_calendar: pcal || (!ic.is_empty() && marks_calendar(&ic)),
                            in_counter: pcount || (!ic.is_empty() && marks_counter(&ic)),
                            in_clock: pclock || (!ic.is_empty() && marks_clock(&ic)),
                        });
                        index.insert(node.id(), idx);
                        stack.push(idx);
                    }
                    Node::Text(t) if skip == 0 => {
                        let Some(&owner) = stack.last() else { continue };
                        let before = text.len();
                        push_text(&mut text, t, &mut soft_break);
                        if text.len() > before {
                            runs.push((before, owner));
                            let added = &text[before..];
                            match els[owner].region {
                                Region::Main => push_capped(&mut main_text, added.trim()),
                                Region::Footer => push_capped(&mut footer_text, added.trim()),
                                Region::Nav => {}
                            }
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if let Node::Element(e) = node.value() {
                        if skip > 0 {
                            skip -= 1;
                            continue;
                        }
                        if let Some(idx) = stack.pop() {
                            els[idx].end = text.len();
                        }
                        if is_block(e.name()) {
                            push_break(&mut text);
                        } else if text.ends_with(char::is_alphanumeric) {
                            soft_break = true;
                        }
                    }
                }
            }
        }
        // A trailing space/newline may sit past the last element end; ranges stay valid.
        Flat {
            text,
            els,
            index,
            runs,
            sig_counts,
            main_text,
            footer_text,
        }
    }

    /// Region of a tree node (Main when the node is not in the flat view).
    pub(crate) fn region_of_node(&self, id: NodeId) -> Region {
        self.index
            .get(&id)
            .map(|&i| self.els[i].region)
            .unwrap_or(Region::Main)
    }

    /// Innermost element holding the text at byte offset `pos`.
    pub(crate) fn element_at(&self, pos: usize) -> Option<usize> {
        let i = self.runs.partition_point(|&(s, _)| s <= pos);
        (i > 0).then(|| self.runs[i - 1].1)
    }

    /// Element children of the same parent with the same tag and class (itself included).
    pub(crate) fn same_siblings(&self, i: usize) -> u32 {
        let el = &self.els[i];
        el.parent
            .and_then(|p| self.sig_counts.get(&(p, el.sig)).copied())
            .unwrap_or(1)
    }

    /// Tag name of an element.
    pub(crate) fn name(&self, i: usize) -> &'a str {
        self.els[i].node.value().name()
    }

    /// Visible text of an element, whitespace collapsed to single spaces.
    pub(crate) fn text_of(&self, i: usize) -> String {
        let el = &self.els[i];
        self.slice(el.start, el.end)
    }

    /// Text between two offsets, whitespace collapsed to single spaces.
    pub(crate) fn slice(&self, start: usize, end: usize) -> String {
        let (s, e) = (start.min(self.text.len()), end.min(self.text.len()));
        if s >= e || !self.text.is_char_boundary(s) || !self.text.is_char_boundary(e) {
            return String::new();
        }
        self.text[s..e]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Ancestors of `i` (itself first), at most `limit`.
    pub(crate) fn ancestors(&self, i: usize, limit: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(i), move |&j| self.els[j].parent).take(limit)
    }
}
