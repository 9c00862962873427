//! Dates of a page and what each one is.
//!
//! Every date on the page is found (visible text, `<time datetime>`, `<meta>`, JSON-LD) and then
//! classified, because a portal page shows many dates that are not publication dates: the
//! header "today" widget, visitor counters, the footer copyright, calendars, and dates written
//! inside document titles ("Chỉ thị số 12/CT-UBND ngày 08/6/2020"). Only publication dates of
//! list items and of the page itself count towards `newest_date`.
//!
//! Classification, in order (first match wins):
//! 1. **Boilerplate** by place: footer region, calendar widget (class, or a table whose cells
//!    are day numbers), visitor counter (class, or a small block saying "Lượt truy cập",
//!    "Đang online"…), a "Hôm nay" label, the header/menu region (weekday-prefixed, clock- or
//!    date-classed, or today's date → "header date widget"; other header dates → text), and a
//!    weekday-prefixed today's date above the page heading (a header we did not recognise).
//! 2. **Inside a title** (an item's title link or heading, or the page heading): decided after
//!    the items, since it depends on whether the item shows its own date.
//! 3. **Item**: walking up from the date, the first block holding a title (a link with real
//!    text that is not "Xem tiếp", a category/tag link or a menu target; else a heading) is the
//!    item. With one title it is a single entry whose best-labelled date is its date ("Ngày
//!    ban hành" column or "Ngày đăng" label over a bare date over "Hiệu lực"/"Hạn nộp", which
//!    never count); its other dates are text, or in-title for a row's "Trích yếu" cell. A
//!    single-title block that holds the page heading, is over 3 KB, or is a paragraph around a
//!    lone link is the article itself, not an item. With several titles it is a flat list:
//!    the date pairs with the adjacent title in the list's own order (date-first or
//!    title-first), when they sit on one line with little else and no other date between.
//! 4. **Page**: an item-less "Ngày đăng / Cập nhật" date line, the first date line right under
//!    the page heading, a `<time>` outside items, `<meta>` tags and JSON-LD.
//! 5. Otherwise **Text**.
//!
//! A date inside a title is **InTitle** when its item has its own date; in a document list
//! without date column ("Quyết định số 25/2022/QĐ-UBND ngày 15/8/2022 …") the first title date
//! dates the item. Year-less dates ("(25/11)") take the year of the page's newest full date
//! that is not boilerplate (else the as-of year), and last year's when that would be after the
//! as-of date.
//!
//! Finally dates after the as-of date are not used (kind kept, why "after the as-of date"); on
//! an article page — a strong page date: article meta, JSON-LD of an article, a date line or
//! a date under the heading — the page's own date dates the section and the sidebar items
//! ("Tin khác") do not, though they are shown on the page and count towards its newest date
//! shown. Weak page dates (`<meta name=date>`, `dcterms.modified`) count beside the items.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use scraper::{ElementRef, Html, Selector};

use super::flat::Flat;
use super::structure::resolve;
use super::{DateKind, DateReason, DatedItem, FoundDate, Region};
use crate::dates::{DateMatch, find_dates, find_dates_in_order, parse_iso, writes_month_first};
use crate::freshness::{DateSignal, IgnoredSignal, REASON_FUTURE, SignalSource};
use crate::text::fold;

/// Levels walked up from a date looking for the item that holds it.
const MAX_UP: usize = 8;
/// An item with one title is small; a bigger block holding one link is an article body.
const ITEM_MAX_BYTES: usize = 3000;
/// In a flat list (several titles in one block) a date sits next to its title.
const PAIR_MAX_BYTES: usize = 400;
/// Bytes before a date searched for its label ("Ngày đăng:", "Cập nhật lúc").
const LABEL_WINDOW: usize = 64;
/// A page heading longer than this was left unclosed (malformed HTML) if it spans lines.
const UNCLOSED_HEADING_BYTES: usize = 300;
/// Bytes after the page heading where the article's date line sits.
const UNDER_HEADING_BYTES: usize = 400;
/// Largest block (bytes) read as a visitor-counter widget.
const COUNTER_MAX_BYTES: usize = 400;
/// Most other text (bytes) in the element of a date that stands on its own ("Ngày đăng:",
/// "Cập nhật lúc 08:30,", "| Lượt xem: 1024 | Tác giả: Thu Hà").
const DATE_ELEMENT_REST_BYTES: usize = 64;
/// Most other text (bytes) on the line of a flat-list date besides the date and its title
/// (bullets, dashes, "Lượt xem: 120").
const LIST_LINE_REST_BYTES: usize = 48;
/// How far around a flat-list date its line is looked for.
const LINE_SCAN_BYTES: usize = 1024;
/// A single item with more dates than this is not an item.
const ITEM_MAX_DATES: usize = 8;
/// Longest title quoted in a `why`.
const WHY_TITLE_CHARS: usize = 80;

static META: LazyLock<Selector> = LazyLock::new(|| Selector::parse("meta[content]").unwrap());
static LD_JSON: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(r#"script[type="application/ld+json"], script[type="application/json+ld"]"#)
        .unwrap()
});
static TIME: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("time[datetime], abbr.published[title], abbr.updated[title], [itemprop=datePublished][content], [itemprop=dateModified][content], [itemprop=dateCreated][content]")
        .unwrap()
});
static LINKS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("a[href]").unwrap());

/// Dates read from one page.
pub(crate) struct DateFacts {
    /// Every date with kind, use and reason, in page order (head dates first).
    pub dates: Vec<FoundDate>,
    /// Dated list items whose dates are used.
    pub items: Vec<DatedItem>,
    /// Newest publication date shown on the page (items, the page's own date, and on an article
    /// page its "Tin khác" box too), not after the as-of date.
    pub newest_shown: Option<NaiveDate>,
    /// Newest used item or page date: what dates the page's section (an article page counts
    /// its own date, not its sidebar).
    pub newest: Option<NaiveDate>,
    /// The used item and page dates as freshness signals (source, confidence, page URL).
    pub signals: Vec<DateSignal>,
    /// Item and page dates after the as-of date, flagged.
    pub future: Vec<IgnoredSignal>,
}

/// A page-level date from `<head>` or JSON-LD: date, text, why, strong, source.
type HeadDate = (NaiveDate, String, String, bool, SignalSource);

/// A date found in the visible text (or a `<time>` element) with its place in the flat view.
struct Occ {
    date: NaiveDate,
    text: String,
    start: usize,
    end: usize,
    el: usize,
    weekday: bool,
    time_el: bool,
    /// Year not written ("(25/11)"): `date` carries the year from the page context.
    inferred: bool,
}

/// A title candidate: a link with real text, or a heading / title-classed block without one.
struct Title {
    el: usize,
    start: usize,
    end: usize,
    text: String,
    href: Option<String>,
    is_link: bool,
    /// Inside a heading or a title-classed block: the item's main link.
    in_heading: bool,
}

/// A classification.
#[derive(Clone)]
struct Verdict {
    kind: DateKind,
    why: String,
    /// Item title and link, for items.
    item: Option<(String, Option<String>)>,
    /// A page date that makes this an article page.
    strong: bool,
    /// For a date of a list item that is not its publication date: the item's title.
    of_item: Option<String>,
}

impl Verdict {
    fn new(kind: DateKind, why: impl Into<String>) -> Verdict {
        Verdict {
            kind,
            why: why.into(),
            item: None,
            strong: false,
            of_item: None,
        }
    }
    /// The date belongs to the item titled `title` (but does not date it).
    fn of_item(mut self, title: &str) -> Verdict {
        self.of_item = Some(title.to_string());
        self
    }
    fn page(why: impl Into<String>, strong: bool) -> Verdict {
        Verdict {
            strong,
            ..Verdict::new(DateKind::Page, why)
        }
    }
    fn item(title: &Title) -> Verdict {
        Verdict {
            item: Some((title.text.clone(), title.href.clone())),
            ..Verdict::new(
                DateKind::Item,
                format!("date of list item '{}'", short(&title.text)),
            )
        }
    }
}

/// A title shortened for a `why` string.
fn short(s: &str) -> String {
    if s.chars().count() <= WHY_TITLE_CHARS {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(WHY_TITLE_CHARS - 1).collect();
        t.push('…');
        t
    }
}

/// Largest char boundary ≤ `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Link texts that are not titles ("Xem tiếp", pagination, share buttons).
fn is_generic_link_text(folded: &str) -> bool {
    const GENERIC: &[&str] = &[
        "xem tiep",
        "xem them",
        "chi tiet",
        "xem chi tiet",
        "doc tiep",
        "doc them",
        "more",
        "read more",
        "xem",
        "tai ve",
        "tai xuong",
        "tai tep",
        "tai file",
        "tai lich",
        "tai lich pdf",
        "tai lich tuan",
        "tai lich tuan pdf",
        "nop ho so",
        "nop truc tuyen",
        "nop ho so truc tuyen",
        "tep dinh kem",
        "file dinh kem",
        "download",
        "trang chu",
        "chia se",
        "share",
        "facebook",
        "twitter",
        "zalo",
        "email",
        "gui email",
        "print",
        "in trang",
        "in bai",
        "in bai viet",
        "ban in",
        "quay lai",
        "tro ve",
        "len dau trang",
        "trang truoc",
        "trang sau",
        // A schedule's week and month pager ("« Tuần trước", "Tuần sau »").
        "tuan truoc",
        "tuan sau",
        "tuan toi",
        "thang truoc",
        "thang sau",
        "trang dau",
        "trang cuoi",
        "tiep",
        "dau",
        "cuoi",
        "next",
        "previous",
        "prev",
        "first",
        "last",
        "dang nhap",
        "dang ky",
        "lien he",
        "so do trang",
        "rss",
        "tat ca",
        "xem tat ca",
        // Actions beside a list (a Q&A page's "Gửi câu hỏi" button) are not its items.
        "gui cau hoi",
        "dat cau hoi",
        "gui gop y",
        "gui y kien",
        "gui phan anh",
    ];
    GENERIC.contains(&folded.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Label words that make a date the publication date of a page or item.
fn is_publication_label(folded_window: &str) -> bool {
    const PUB: &[&str] = &[
        "ngay dang",
        "dang ngay",
        "ngay cap nhat",
        "cap nhat",
        "dang tai",
        "thoi gian dang",
        "xuat ban",
        "dang luc",
        "ngay tao",
        "posted",
        "published",
        "updated",
        // An answer to a question or petition is published on the day it is answered.
        "tra loi",
        "phan hoi ngay",
    ];
    PUB.iter().any(|w| folded_window.contains(w))
}

/// The words a date occurrence holds before its first digit ("ngày" of "ngày 16/11/2026"),
/// folded: they belong to the date's label.
fn own_prefix(occurrence: &str) -> String {
    fold(
        occurrence
            .split(|c: char| c.is_ascii_digit())
            .next()
            .unwrap_or(""),
    )
}

/// Label words of an update ("Cập nhật lần cuối", "Last updated"), as opposed to a first
/// publication. ("Sửa đổi" alone is not one: titles say "Luật … (sửa đổi)".)
fn is_update_label(folded_label: &str) -> bool {
    const UPDATE: &[&str] = &["cap nhat", "lan cuoi", "chinh sua", "updated", "modified"];
    UPDATE.iter().any(|w| folded_label.contains(w)) && !is_other_label(folded_label)
}

/// A publication label right before the date ("(cập nhật ngày 09/11/2026)", "Trả lời (ngày
/// 19/11/2026)"): the date is the publication date even inside a sentence, unlike a paragraph
/// that merely says "cập nhật" somewhere before a date.
fn ends_with_publication_label(folded_label: &str) -> bool {
    const ADJACENT: &[&str] = &[
        "cap nhat",
        "ngay cap nhat",
        "tra loi",
        "ngay tra loi",
        "ngay dang",
        "dang ngay",
        "dang luc",
        "dang tai",
        // A schedule's revision note: "Điều chỉnh, bổ sung lần 1 lúc 10:15 ngày 24/11/2026".
        "dieu chinh",
        "bo sung",
        "cap nhat lan cuoi",
        "dieu chinh lan cuoi",
        "chinh sua lan cuoi",
    ];
    // "… lúc", "… ngày", "… lần 2" between the label and the date (the time is part of the
    // date occurrence: "lúc 16:30 ngày 20/11" reads "lúc" + "16:30 ngày 20/11").
    let ends_with = |label: &str| {
        ADJACENT.iter().any(|w| {
            label
                .strip_suffix(w)
                .is_some_and(|before| before.is_empty() || before.ends_with(' '))
        })
    };
    let mut label = folded_label.trim_end();
    if ends_with(label) {
        return true;
    }
    loop {
        let before = label
            .strip_suffix(" luc")
            .or_else(|| label.strip_suffix(" ngay"))
            .or_else(|| {
                let (head, last) = label.rsplit_once(' ')?;
                let head = head.strip_suffix(" lan")?;
                last.chars().all(|c| c.is_ascii_digit()).then_some(head)
            });
        match before {
            Some(b) => label = b.trim_end_matches([' ', ',']),
            None => return false,
        }
        if ends_with(label) {
            return true;
        }
    }
}

/// [`fold`] for a date's label, keeping the word "từ" (from) apart as `tuu`: folded alike,
/// the "từ ngày" that opens a period would read like the "Thứ Tư, ngày 18/11" of a date line or
/// the "… điện tử... Ngày trả lời:" of an answer's date.
fn fold_label(raw: &str) -> String {
    let raw = crate::text::nfc(raw);
    let marked: String = raw
        .split_inclusive(|c: char| !c.is_alphanumeric())
        .map(|piece| {
            let word = piece.trim_end_matches(|c: char| !c.is_alphanumeric());
            if word.to_lowercase() == "từ" {
                format!("tuu{}", &piece[word.len()..])
            } else {
                piece.to_string()
            }
        })
        .collect();
    fold(&marked)
}

/// Label words that make a date something else than a publication date (effective date,
/// deadline, event date).
fn is_other_label(folded_window: &str) -> bool {
    const OTHER: &[&str] = &[
        "hieu luc",
        "het han",
        "han nop",
        "thoi han",
        "ket thuc",
        "den ngay",
        // "từ ngày", as [`fold_label`] writes it.
        "tuu ngay",
        "dong thau",
        "mo thau",
        "ngay sinh",
        "sinh ngay",
        // A leader's biography: the day they joined the Party, the army, took office.
        "vao dang",
        "nhap ngu",
        "nhan chuc",
        // The day a photo was taken ("Ảnh chụp ngày 23/11/2026") is the event's.
        "chup ngay",
        "anh chup",
        "duoc bau",
        "bau giu",
        "bo nhiem",
        "dien ra",
        "to chuc vao",
        "hop vao",
        "han chot",
        "dang ky",
        "truoc ngay",
        "expire",
        // The day a question or petition was sent is not a publication of the site.
        "ngay gui",
        "gui luc",
    ];
    // "Ngày hỏi:" folds like "Ngày hội" (a festival, a common title word): only right before
    // the date is it the question's date label.
    OTHER.iter().any(|w| folded_window.contains(w))
        || folded_window.trim_end().ends_with("ngay hoi")
}

/// The label of the day a citizen sent a question or a petition ("Ngày gửi", "Gửi lúc",
/// "Ngày hỏi"): the entry is shown on the page, but the date is the citizen's, not a
/// publication of the agency.
fn is_submission_label(folded_window: &str) -> bool {
    let window = folded_window.trim_end();
    // "Ý kiến mới nhất nhận ngày 10/06/2019": the day a comment was received.
    let received = folded_window.contains("y kien")
        && (window.ends_with("nhan ngay") || window.ends_with("nhan luc"));
    received
        || folded_window.contains("ngay gui")
        || folded_window.contains("gui luc")
        || folded_window.trim_end().ends_with("gui ngay")
        || folded_window.trim_end().ends_with("ngay hoi")
}

/// Text that marks a visitor-counter block.
fn is_counter_text(folded: &str) -> bool {
    const COUNTER: &[&str] = &[
        "thong ke truy cap",
        "luot truy cap",
        "dang online",
        "dang truy cap",
        "tong truy cap",
        "tong so luot",
        "truy cap hom nay",
        "khach truc tuyen",
        "nguoi online",
        "users online",
        "visitors",
    ];
    COUNTER.iter().any(|w| folded.contains(w))
}

/// Column header words of a date column.
fn is_date_column(folded: &str) -> bool {
    [
        "ngay",
        "date",
        "thoi gian",
        "thoi diem",
        "cap nhat",
        "ban hanh",
        "hieu luc",
    ]
    .iter()
    .any(|w| folded.contains(w))
}

/// Page-level dates from `<meta>`.
fn meta_dates(doc: &Html) -> (Vec<HeadDate>, bool) {
    let mut out = Vec::new();
    let mut article = false;
    for m in doc.select(&META) {
        let e = m.value();
        let Some(content) = e.attr("content") else {
            continue;
        };
        let key = e
            .attr("property")
            .or_else(|| e.attr("name"))
            .or_else(|| e.attr("itemprop"))
            .or_else(|| e.attr("http-equiv"))
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if key == "og:type" && content.trim().eq_ignore_ascii_case("article") {
            article = true;
            continue;
        }
        let strong = match key.as_str() {
            "article:published_time"
            | "article:modified_time"
            | "og:published_time"
            | "og:updated_time"
            | "datepublished"
            | "datemodified"
            | "article.published"
            | "article.updated"
            | "parsely-pub-date"
            | "citation_publication_date" => true,
            "pubdate" | "publishdate" | "publish_date" | "publish-date" | "date" | "dc.date"
            | "dc.date.issued" | "dc.date.created" | "dc.date.modified" | "dcterms.created"
            | "dcterms.modified" | "dcterms.issued" | "dcterms.date" | "datecreated"
            | "last-modified" | "revised" | "creation_date" => false,
            _ => continue,
        };
        // The microdata itemprops sit in the body of article pages; the others in <head>.
        let why = if e.attr("itemprop").is_some() && e.attr("name").is_none() {
            format!("microdata {}", e.attr("itemprop").unwrap_or(""))
        } else {
            format!("meta {key}")
        };
        let source = if ["modif", "updated", "revised", "last-modified"]
            .iter()
            .any(|w| key.contains(w))
        {
            SignalSource::MetaModified
        } else {
            SignalSource::MetaPublished
        };
        if let Some(d) = parse_any(content) {
            out.push((d, content.trim().to_string(), why, strong, source));
        }
    }
    (out, article)
}

/// ISO first (meta/JSON-LD are meant to be ISO), then Vietnamese forms some CMSs put there.
fn parse_any(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    parse_iso(s).or_else(|| find_dates(s, None).first().map(|m| m.date))
}

/// Page-level dates from JSON-LD blocks. Malformed JSON is ignored.
fn jsonld_dates(doc: &Html) -> (Vec<HeadDate>, bool) {
    let mut out = Vec::new();
    let mut article = false;
    for s in doc.select(&LD_JSON) {
        let raw: String = s.text().collect();
        let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) else {
            continue;
        };
        walk_jsonld(&v, 0, &mut out, &mut article);
    }
    (out, article)
}

fn walk_jsonld(v: &serde_json::Value, depth: usize, out: &mut Vec<HeadDate>, article: &mut bool) {
    use serde_json::Value;
    if depth > 16 {
        return;
    }
    match v {
        Value::Array(a) => a
            .iter()
            .for_each(|x| walk_jsonld(x, depth + 1, out, article)),
        Value::Object(o) => {
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => {
                    ts.iter().any(|t| t.as_str().is_some_and(is_article_type))
                }
                _ => false,
            };
            *article |= is_article;
            for key in ["datePublished", "dateModified", "dateCreated", "uploadDate"] {
                if let Some(Value::String(s)) = o.get(key)
                    && let Some(d) = parse_any(s)
                {
                    // A WebPage node's dates describe the page too, but only an article node
                    // makes this an article page.
                    out.push((
                        d,
                        s.clone(),
                        format!("JSON-LD {key}"),
                        is_article,
                        SignalSource::JsonLd,
                    ));
                }
            }
            for (k, x) in o {
                if matches!(x, Value::Object(_) | Value::Array(_)) && k != "publisher" {
                    walk_jsonld(x, depth + 1, out, article);
                }
            }
        }
        _ => {}
    }
}

fn is_article_type(t: &str) -> bool {
    matches!(
        t,
        "Article"
            | "NewsArticle"
            | "BlogPosting"
            | "Report"
            | "ScholarlyArticle"
            | "TechArticle"
            | "AnalysisNewsArticle"
            | "ReportageNewsArticle"
            | "GovernmentPermit"
            | "Legislation"
    )
}

/// Everything needed while classifying one page.
struct Ctx<'f, 'a> {
    flat: &'f Flat<'a>,
    base: &'f url::Url,
    page_url: String,
    as_of: NaiveDate,
    occs: Vec<Occ>,
    titles: Vec<Title>,
    /// Indices of link titles, in document order.
    link_titles: Vec<usize>,
    /// Indices of heading/block titles (no link), in document order.
    block_titles: Vec<usize>,
    /// Title index by element index.
    title_by_el: HashMap<usize, usize>,
    /// Tables that are calendars (many day-number cells).
    calendars: HashSet<usize>,
    /// First `h1` of the main region: (element, start, end).
    page_heading: Option<(usize, usize, usize)>,
    /// Header labels per table element.
    /// Per table: the header row's node (when it is a row of `td`s) and the folded header
    /// texts.
    table_headers: HashMap<usize, (Option<ego_tree::NodeId>, Vec<String>)>,
    /// Verdict by place (boilerplate, header) of each occurrence, computed once.
    place: Vec<Option<Verdict>>,
}

impl Ctx<'_, '_> {
    /// Folded text before occurrence `i` (after the previous date), for its label.
    fn label_before(&self, i: usize) -> String {
        let o = &self.occs[i];
        let prev_end = if i > 0 { self.occs[i - 1].end } else { 0 };
        // The label starts after the previous date and after any title ending before the date:
        // "Hỏi: … còn hiệu lực không?</a> (28/08/2026)" is not labelled "hiệu lực".
        let mut from = o
            .start
            .saturating_sub(LABEL_WINDOW)
            .max(prev_end.min(o.start));
        let k = self.titles.partition_point(|t| t.start < o.start);
        for t in self.titles[..k].iter().rev().take(3) {
            if t.end <= o.start {
                from = from.max(t.end);
            }
        }
        if let Some((_, _, he)) = self.page_heading
            && he <= o.start
        {
            from = from.max(he);
        }
        let from = floor_boundary(&self.flat.text, from);
        let to = floor_boundary(&self.flat.text, o.start);
        // The current line; the line before when the date starts its line ("Ngày đăng:\n25/11").
        let window = &self.flat.text[from..to];
        let mut lines = window.rsplit('\n');
        let current = lines.next().unwrap_or("");
        let label = if current.trim().is_empty() {
            lines.next().unwrap_or("")
        } else {
            current
        };
        fold_label(label)
    }

    /// The table cell (td/th) holding element `el` within `levels`, if any.
    fn cell_of(&self, el: usize, levels: usize) -> Option<usize> {
        self.flat
            .ancestors(el, levels)
            .find(|&a| matches!(self.flat.name(a), "td" | "th"))
    }

    /// Header text of the column of cell `cell` (folded), when its table has a header row.
    fn column_label(&mut self, cell: usize) -> Option<String> {
        let flat = self.flat;
        let tr = flat.els[cell].parent.filter(|&p| flat.name(p) == "tr")?;
        let table = flat
            .ancestors(tr, 4)
            .skip(1)
            .find(|&a| flat.name(a) == "table")?;
        let col = flat.els[cell]
            .node
            .prev_siblings()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "td" | "th"))
            .count();
        let (header_row, labels) = self
            .table_headers
            .entry(table)
            .or_insert_with(|| table_header(flat, table));
        // The header row's own cells have no column label (it is their text).
        if *header_row == Some(flat.els[tr].node.id()) {
            return None;
        }
        let label = labels.get(col)?;
        // A schedule ("Ngày | Thời gian | Nội dung công việc | Địa điểm"): its day column holds
        // the days of the events it plans, not publication dates.
        let schedule = labels
            .iter()
            .any(|l| l.contains("dia diem") || l.contains("thanh phan"))
            && labels
                .iter()
                .any(|l| l.contains("thoi gian") || l == "gio" || l.contains("noi dung cong viec"));
        if schedule && (label.contains("ngay") || label.starts_with("thu")) {
            return Some("ngay dien ra".to_string());
        }
        // In a document table ("Số quyết định | Ngày ban hành | Nội dung") the "Nội dung" column
        // is the documents' titles; in a schedule it is the day's events.
        if label.contains("noi dung")
            && labels.iter().any(|l| {
                [
                    "ngay ban hanh",
                    "so ky hieu",
                    "so quyet dinh",
                    "so van ban",
                    "so hieu",
                ]
                .iter()
                .any(|w| l.contains(w))
            })
        {
            return Some("trich yeu".to_string());
        }
        Some(label.clone())
    }

    /// Label of a date: its column header in a table, else the text just before it.
    fn label_of(&mut self, i: usize, within: Option<usize>) -> String {
        let el = self.occs[i].el;
        let levels = within
            .map(|w| {
                self.flat
                    .ancestors(el, MAX_UP)
                    .position(|a| a == w)
                    .unwrap_or(MAX_UP)
            })
            .unwrap_or(4);
        // A title column's header labels the titles, not a date written beside a title link
        // in its cell ("<a>…</a> Đã hết hạn góp ý (20/10/2019)"): that date's label is its own
        // words. (A date inside a cell's plain text, "… có hiệu lực từ ngày 01/9/2022" of a
        // "Trích yếu", is inside the title.)
        if let Some(cell) = self.cell_of(el, levels + 1)
            && let Some(h) = self.column_label(cell)
            && !(is_title_column(&h) && self.holds_title_link(cell))
        {
            return h;
        }
        self.label_before(i)
    }

    /// Is occurrence `i` a date in an element of its own ("(25/08/2022)" in a span, a table
    /// cell, "Ngày đăng: …" in a meta line, a `<time>`), rather than a date in running prose?
    fn is_date_element(&self, i: usize) -> bool {
        let o = &self.occs[i];
        let el = &self.flat.els[o.el];
        o.time_el || (el.end - el.start).saturating_sub(o.end - o.start) <= DATE_ELEMENT_REST_BYTES
    }

    /// Does occurrence `i` stand alone on its line of the flat text (a date line whose element
    /// was left unclosed and holds the paragraphs below it)?
    fn alone_on_line(&self, i: usize) -> bool {
        let o = &self.occs[i];
        let text = &self.flat.text;
        let line_start = text[..o.start].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[o.end..].find('\n').map_or(text.len(), |n| o.end + n);
        let rest = (o.start - line_start) + (line_end - o.end);
        rest <= DATE_ELEMENT_REST_BYTES
    }

    /// Is the block `el` (or one of its two parents) one of several alike list entries?
    fn repeated(&self, el: usize) -> bool {
        self.flat.ancestors(el, 3).any(|a| {
            let name = self.flat.name(a);
            // Rows and list entries are entries even when alternate ones differ in class
            // ("ms-itmhover ms-alternating").
            if matches!(name, "li" | "tr") {
                return true;
            }
            let classed = self.flat.els[a]
                .node
                .value()
                .attr("class")
                .is_some_and(|c| !c.trim().is_empty());
            self.flat.same_siblings(a) >= 2
                && (classed || matches!(name, "p" | "section" | "article" | "dd"))
        })
    }

    /// Boilerplate (or header text) verdict by place, if any.
    fn place_verdict(&self, i: usize) -> Option<Verdict> {
        let flat = self.flat;
        let o = &self.occs[i];
        let el = &flat.els[o.el];
        if el.region == Region::Footer {
            let from = floor_boundary(&flat.text, o.start.saturating_sub(120));
            let to = floor_boundary(&flat.text, o.end + 60);
            let near = &flat.text[from..to];
            let f = fold(near);
            let why = if near.contains('©')
                || f.contains("copyright")
                || f.contains("ban quyen")
                || f.contains("(c)")
            {
                "footer copyright"
            } else {
                "date in the footer"
            };
            return Some(Verdict::new(DateKind::Boilerplate, why));
        }
        if el.in_calendar
            || flat
                .ancestors(o.el, MAX_UP)
                .any(|a| self.calendars.contains(&a))
        {
            return Some(Verdict::new(DateKind::Boilerplate, "calendar widget"));
        }
        if self.in_daily_widget(o.el) {
            return Some(Verdict::new(
                DateKind::Boilerplate,
                "today's weather or prices widget",
            ));
        }
        if (el.in_counter && !self.in_statistics_list(o.el)) || self.counter_nearby(o.el) {
            return Some(Verdict::new(DateKind::Boilerplate, "visitor counter"));
        }
        if el.region == Region::Main && self.in_reader_comments(o.el) {
            return Some(Verdict::new(DateKind::Comment, "reader comment"));
        }
        let label = self.label_before(i);
        // "Hôm nay: …", and the solar/lunar pair of a calendar box ("Dương lịch: 25/11/2026").
        if label.contains("hom nay") || label.contains("duong lich") || label.contains("am lich") {
            return Some(Verdict::new(DateKind::Boilerplate, "today's date widget"));
        }
        let near_today = o.date <= self.as_of && (self.as_of - o.date).num_days() <= 1;
        if el.region == Region::Nav {
            let dateish_class = flat.ancestors(o.el, 3).any(|a| {
                let e = flat.els[a].node.value();
                let ic = super::flat::id_class(e);
                ic.contains("date") || ic.contains("time") || ic.contains("ngay")
            });
            if o.weekday || el.in_clock || dateish_class || near_today {
                return Some(Verdict::new(DateKind::Boilerplate, "header date widget"));
            }
            return Some(Verdict::new(DateKind::Text, "date in the header or menu"));
        }
        if el.in_clock {
            return Some(Verdict::new(DateKind::Boilerplate, "today's date widget"));
        }
        // A weekday + today's date above the page heading is the header widget of a portal
        // whose header we did not recognise.
        if o.weekday
            && near_today
            && self.title_containing(i).is_none()
            && !marked_as_published(self.flat, o.el)
            // Today's own date stays ambiguous (a header line with the site's name links
            // home); an earlier date beside an item's title is that item's.
            && (o.date == self.as_of || !self.beside_a_title(o.el))
        {
            let above_heading = match self.page_heading {
                Some((_, hs, _)) => o.start < hs,
                None => true,
            };
            if above_heading {
                return Some(Verdict::new(DateKind::Boilerplate, "today's date widget"));
            }
        }
        None
    }

    /// Is the element inside a box of the day's weather or prices ("Thời tiết: Cửu Giang, 25/11:
    /// 25°C - 32°C", exchange rates, gold prices, fire danger, water levels)? Known by the box's
    /// id/class or its heading.
    fn in_daily_widget(&self, el: usize) -> bool {
        const NAMES: &[&str] = &[
            "weather",
            "thoitiet",
            "thoi-tiet",
            "tygia",
            "ty-gia",
            "exchange",
            "giavang",
            "gia-vang",
        ];
        const HEADINGS: &[&str] = &[
            "thoi tiet",
            "du bao thoi tiet",
            "ty gia",
            "gia vang",
            "gia xang dau",
            "gia ca thi truong",
            "gia nong san",
            // A forest ranger's daily fire-danger bulletin, water levels, air quality.
            "cap du bao chay rung",
            "du bao chay rung",
            "canh bao chay rung",
            "cap chay rung",
            "muc nuoc",
            "chat luong khong khi",
        ];
        self.flat.ancestors(el, MAX_UP).any(|a| {
            let ic = super::flat::id_class(self.flat.els[a].node.value()).to_ascii_lowercase();
            if NAMES.iter().any(|w| ic.contains(w)) {
                return true;
            }
            let e = &self.flat.els[a];
            // A box, not the page that happens to start with it: no item titles inside.
            e.end - e.start < 400 && self.opens_with(a, HEADINGS) && !self.holds_title_link(a)
        })
    }

    /// Is the date part of a document cited in a sentence ("… theo Quyết định số 123/QĐ-UBND
    /// ngày 15/02/2024 …")? Such a date is the document's, never a publication date of the
    /// page. A date standing alone in its element, or in a table cell, is read as before.
    fn cites_document_in_prose(&self, i: usize) -> bool {
        let o = &self.occs[i];
        // Table cells are read by their column ("Trích yếu" holds the cited documents).
        if self.is_date_element(i) || self.cell_of(o.el, MAX_UP).is_some() {
            return false;
        }
        let el = &self.flat.els[o.el];
        let from = floor_boundary(&self.flat.text, o.start.saturating_sub(80).max(el.start));
        let before = &self.flat.text[from..o.start];
        (fold(before).trim_end().ends_with("ngay") || fold(&o.text).starts_with("ngay"))
            && cites_document(&format!("{before}{}", o.text), &o.text)
    }

    /// Is the element in a list of statistics reports rather than a visitor counter? Both are
    /// named "thống kê" (Drupal `view-thong-ke`), but a counter is a small box without titles.
    fn in_statistics_list(&self, el: usize) -> bool {
        let flat = self.flat;
        flat.ancestors(el, MAX_UP)
            .find(|&a| {
                let e = flat.els[a].node.value();
                let ic = super::flat::id_class(e);
                super::flat::marks_counter(&ic)
            })
            .is_some_and(|a| self.holds_title_link(a))
    }

    /// Is the element inside a block of reader comments ("Ý kiến bạn đọc", Liferay
    /// `taglib-discussion`, WordPress `comment-list`)? Known by the block's id/class, or by a
    /// heading that names it.
    fn in_reader_comments(&self, el: usize) -> bool {
        self.flat.ancestors(el, MAX_UP).any(|a| {
            let e = self.flat.els[a].node.value();
            let names = super::flat::id_class(e);
            let by_name = names.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| {
                t.starts_with("comment")
                    || t.starts_with("binhluan")
                    || t == "discussion"
                    || t == "cmt"
                    || t == "ykienbandoc"
            });
            by_name || self.headed_as_comments(a)
        })
    }

    /// Does block `a` open with a heading "Ý kiến bạn đọc" / "Bình luận" / "Ý kiến phản hồi" /
    /// "Ý kiến đã góp" (the comments sent to a draft under consultation)?
    fn headed_as_comments(&self, a: usize) -> bool {
        // … or a list right under such a heading ("<h3>Ý kiến góp ý mới nhất</h3><ul>…").
        let headed = |a: usize| {
            self.flat.els[a]
                .node
                .prev_siblings()
                .filter_map(ElementRef::wrap)
                .next()
                .filter(|h| matches!(h.value().name(), "h2" | "h3" | "h4" | "h5" | "h6"))
                .and_then(|h| self.flat.index.get(&h.id()).copied())
        };
        [Some(a), headed(a)]
            .into_iter()
            .flatten()
            .any(|b| self.opens_with_comment_heading(b))
    }

    /// Does block `a` open with the heading of a comments box?
    fn opens_with_comment_heading(&self, a: usize) -> bool {
        self.opens_with(
            a,
            &[
                "y kien ban doc",
                "binh luan",
                "y kien phan hoi",
                "ban doc binh luan",
                "y kien da gop",
                "cac y kien da gop",
                "y kien gop y da tiep nhan",
                "y kien da tiep nhan",
                "gop y da tiep nhan",
                "y kien gop y moi nhat",
                "cac y kien da nhan",
                "y kien da nhan",
                "y kien moi nhat",
                "gop y moi nhat",
            ],
        )
    }

    /// Does block `a` open with one of these (folded) headings?
    fn opens_with(&self, a: usize, headings: &[&str]) -> bool {
        let e = &self.flat.els[a];
        let head = floor_boundary(&self.flat.text, (e.start + 40).min(e.end));
        let f = fold(self.flat.text[e.start..head].trim_start());
        headings.iter().any(|h| f.starts_with(h))
    }

    /// Does the block holding the element (two levels up) also hold an item's title link? Then
    /// a weekday date there is the item's date ("Quỳnh Sơn ra quân… Thứ Ba, 24/11/2026"), not
    /// the header widget.
    fn beside_a_title(&self, el: usize) -> bool {
        self.flat
            .ancestors(el, 3)
            .skip(1)
            .any(|a| self.holds_title_link(a))
    }

    /// Does element `a` hold the title link of an item?
    fn holds_title_link(&self, a: usize) -> bool {
        let e = &self.flat.els[a];
        let k = self
            .link_titles
            .partition_point(|&t| self.titles[t].start < e.start);
        self.link_titles
            .get(k)
            .is_some_and(|&t| self.titles[t].start < e.end)
    }

    /// A small block around the element says "Lượt truy cập", "Đang online"…
    /// A counter block is small and holds no item titles; on a tiny page the whole body would
    /// otherwise "contain" the counter.
    fn counter_nearby(&self, el: usize) -> bool {
        self.flat.ancestors(el, 4).any(|a| {
            let e = &self.flat.els[a];
            e.end - e.start <= COUNTER_MAX_BYTES
                && !self.holds_title_link(a)
                && is_counter_text(&fold(&self.flat.text_of(a)))
        })
    }

    /// The title containing occurrence `i`, if any. A date in its own element closing a title
    /// block ("Lễ hội Hoa Ban<br><small>20/03/2026</small>" in a gallery caption), or labelled
    /// as the day a question was sent inside it, dates the block; it is not part of its words.
    fn title_containing(&self, i: usize) -> Option<usize> {
        let o = &self.occs[i];
        self.flat
            .ancestors(o.el, MAX_UP)
            .find_map(|a| self.title_by_el.get(&a).copied())
            .filter(|&t| {
                let title = &self.titles[t];
                // A title cut short (left unclosed) does not hold what follows its first line.
                if o.start >= title.end {
                    return false;
                }
                let own_element = !title.is_link && o.el != title.el && self.is_date_element(i);
                let closes_block = self.flat.text[o.end.min(title.end)..title.end]
                    .trim()
                    .is_empty();
                !(own_element && (closes_block || is_submission_label(&self.label_before(i))))
            })
    }

    /// Inside the page heading (`h1`)?
    fn in_page_heading(&self, i: usize) -> bool {
        self.page_heading
            .is_some_and(|(_, s, e)| self.occs[i].start >= s && self.occs[i].end <= e)
    }
}

/// The header row of a table and its cells, folded: the first row with `th`, else the first
/// row when it holds no digits. Computed once per table, whichever row asks first.
fn table_header(flat: &Flat<'_>, table: usize) -> (Option<ego_tree::NodeId>, Vec<String>) {
    /// A header cell's text is short; reading a whole nested layout table's text is not.
    const MAX_HEADER_CHARS: usize = 120;
    let named = |e: &ElementRef<'_>, names: &[&str]| names.contains(&e.value().name());
    // The table's own rows (directly or in its thead/tbody/tfoot), never a nested table's.
    let rows: Vec<ElementRef<'_>> = flat.els[table]
        .node
        .child_elements()
        .flat_map(|c| {
            let sections = named(&c, &["thead", "tbody", "tfoot"]);
            // A row section's rows, or the child itself (a row directly in the table).
            let inner = sections.then(|| c.child_elements()).into_iter().flatten();
            inner.chain((!sections).then_some(c))
        })
        .filter(|r| named(r, &["tr"]))
        .take(4)
        .collect();
    let cells_of = |row: &ElementRef<'_>| -> Vec<String> {
        row.child_elements()
            .filter(|c| named(c, &["td", "th"]))
            .map(|c| {
                c.text()
                    .flat_map(str::chars)
                    .take(MAX_HEADER_CHARS)
                    .collect()
            })
            .collect()
    };
    if let Some(row) = rows
        .iter()
        .find(|r| r.child_elements().any(|c| named(&c, &["th"])))
    {
        return (
            Some(row.id()),
            cells_of(row).iter().map(|c| fold(c)).collect(),
        );
    }
    // A first row of three or more `td`s without digits ("Số ký hiệu | Ngày ban hành | Trích
    // yếu", as DataGrids write it) is the header.
    let Some(row) = rows.first() else {
        return (None, Vec::new());
    };
    let cells = cells_of(row);
    // A two-column table is a record's fields ("Ngày đăng | 02/11/2026"), not a list.
    if cells.len() < 3
        || cells
            .iter()
            .any(|c| c.chars().any(|ch| ch.is_ascii_digit()))
    {
        (None, Vec::new())
    } else {
        (Some(row.id()), cells.iter().map(|c| fold(c)).collect())
    }
}

/// The page's own heading: the first `h1` of the main region, else the first block that says it
/// is an article title (`itemprop=headline`, `detail-title`, `NewsTitle`…) without links.
/// Box titles ("Tin nổi bật") are not page headings: taking one would turn a featured item's
/// date into a page date.
fn find_page_heading(flat: &Flat<'_>) -> Option<(usize, usize, usize)> {
    const ARTICLE_TITLE: &[&str] = &[
        "detail-title",
        "title-detail",
        "detailtitle",
        "titledetail",
        "newstitle",
        "news-title",
        "article-title",
        "entry-title",
        "post-title",
        "content-title",
        "tieudechitiet",
        "tieu-de-chi-tiet",
        "chitiet-tieude",
    ];
    let main = |e: &super::flat::El<'_>| e.region == Region::Main && e.end > e.start;
    if let Some((i, e)) = flat
        .els
        .iter()
        .enumerate()
        .find(|(_, e)| main(e) && e.node.value().name() == "h1")
    {
        // An `<h1>` left unclosed holds the rest of the page (or of the article: its date line
        // and paragraphs); the heading is its first line.
        let end = if e.end - e.start > UNCLOSED_HEADING_BYTES || holds_block(e.node) {
            flat.text[e.start..e.end]
                .find('\n')
                .map_or(e.end, |n| e.start + n)
        } else {
            e.end
        };
        return Some((i, e.start, end));
    }
    flat.els
        .iter()
        .enumerate()
        .find(|(i, e)| {
            if !main(e) || e.end - e.start > 600 {
                return false;
            }
            let el = e.node.value();
            let class = el.attr("class").unwrap_or("").to_ascii_lowercase();
            (el.attr("itemprop") == Some("headline")
                || ARTICLE_TITLE.iter().any(|w| class.contains(w)))
                && e.node.select(&LINKS).next().is_none()
                && flat.same_siblings(*i) == 1
        })
        .map(|(i, e)| (i, e.start, e.end))
}

/// Tables most of whose cells are day numbers (1–31): month calendars.
fn find_calendars(flat: &Flat<'_>) -> HashSet<usize> {
    let mut counts: HashMap<usize, (u32, u32)> = HashMap::new();
    for (i, el) in flat.els.iter().enumerate() {
        if !matches!(el.node.value().name(), "td" | "th") {
            continue;
        }
        let Some(table) = flat
            .ancestors(i, 4)
            .skip(1)
            .find(|&a| flat.name(a) == "table")
        else {
            continue;
        };
        let c = counts.entry(table).or_insert((0, 0));
        c.1 += 1;
        if el.end - el.start <= 4 {
            let t = flat.text_of(i);
            if t.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) {
                c.0 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(_, (days, cells))| days >= 20 && days * 2 >= cells)
        .map(|(t, _)| t)
        .collect()
}

/// Read every date of a page. `base` resolves item links; `page_url` spots self-links.
pub(crate) fn read_dates(
    doc: &Html,
    flat: &Flat<'_>,
    page_url: &url::Url,
    base: &url::Url,
    as_of: NaiveDate,
) -> DateFacts {
    let (mut head, og_article) = meta_dates(doc);
    let (ld, ld_article) = jsonld_dates(doc);
    head.extend(ld);
    // The same date from the same source twice (a WebPage and an Article node) is one fact.
    let mut seen = HashSet::new();
    head.retain(|(d, text, why, _, _)| seen.insert((*d, text.clone(), why.clone())));

    // <time datetime> and microdata elements in the body: a date with a place.
    let mut occs: Vec<Occ> = Vec::new();
    for t in doc.select(&TIME) {
        let e = t.value();
        if e.name() == "meta" {
            continue; // read with the other meta tags
        }
        let raw = e
            .attr("datetime")
            .or_else(|| e.attr("content"))
            .or_else(|| (e.name() == "abbr").then(|| e.attr("title")).flatten())
            .unwrap_or("");
        let Some(date) = parse_any(raw) else { continue };
        let Some(&el) = flat.index.get(&t.id()) else {
            continue;
        };
        let (start, end) = (flat.els[el].start, flat.els[el].end);
        let visible = flat.slice(start, end);
        occs.push(Occ {
            date,
            text: if visible.is_empty() {
                raw.trim().to_string()
            } else {
                visible
            },
            start,
            end,
            el,
            weekday: false,
            time_el: true,
            inferred: false,
        });
    }
    occs.sort_by_key(|o| o.start);
    let time_ranges: Vec<(usize, usize)> = occs.iter().map(|o| (o.start, o.end)).collect();
    // A text date overlapping a <time> element ("Đăng ngày <time>20/08/2022</time>") is that
    // element's date, already read from its attribute.
    let in_time = |m: &DateMatch| -> Option<usize> {
        let k = time_ranges.partition_point(|&(s, _)| s < m.end);
        (k > 0 && m.start < time_ranges[k - 1].1).then(|| k - 1)
    };

    // One scan finds full dates and year-less ones ("(25/11)"); the latter get the as-of year
    // for now and their real year once the page's other dates are classified.
    let mut text_occs: Vec<Occ> = Vec::new();
    // The parser dates a year-less form with the context year it is given; a leap year as the
    // carrier keeps "(29/02)" until its real year is known.
    let carrier = (0..4)
        .map(|k| as_of.year() - k)
        .find(|&y| NaiveDate::from_ymd_opt(y, 2, 29).is_some())
        .unwrap_or(as_of.year());
    // A page that writes some dates month first (`11/20/2026`) writes them all so.
    let month_first = writes_month_first(&flat.text);
    for m in find_dates_in_order(&flat.text, Some(carrier), month_first) {
        if let Some(k) = in_time(&m) {
            occs[k].weekday |= m.with_weekday;
            continue;
        }
        let Some(el) = flat.element_at(m.start) else {
            continue;
        };
        text_occs.push(Occ {
            date: m.date,
            text: m.text,
            start: m.start,
            end: m.end,
            el,
            weekday: m.with_weekday,
            time_el: false,
            inferred: m.year_inferred,
        });
    }
    occs.extend(text_occs);
    occs.sort_by_key(|o| o.start);

    let calendars = find_calendars(flat);
    let page_heading = find_page_heading(flat);
    let mut ctx = Ctx {
        flat,
        base,
        page_url: page_url.to_string(),
        as_of,
        occs,
        titles: Vec::new(),
        link_titles: Vec::new(),
        block_titles: Vec::new(),
        title_by_el: HashMap::new(),
        calendars,
        page_heading,
        table_headers: HashMap::new(),
        place: Vec::new(),
    };

    collect_titles(&mut ctx);
    ctx.place = (0..ctx.occs.len()).map(|i| ctx.place_verdict(i)).collect();

    // Short dates such as "(25/11)" take their year from the page: the newest full date that
    // is not boilerplate, else the as-of year; an inferred date after the as-of date is last
    // year's (lists are newest first and never show the future).
    let context_year = (0..ctx.occs.len())
        .filter(|&i| {
            let o = &ctx.occs[i];
            !o.inferred && o.date <= as_of && ctx.place[i].is_none()
        })
        .map(|i| ctx.occs[i].date)
        .max()
        .map(|d| d.year())
        .unwrap_or(as_of.year());
    let mut keep = vec![true; ctx.occs.len()];
    for (i, kept) in keep.iter_mut().enumerate() {
        if !ctx.occs[i].inferred {
            continue;
        }
        let date = match range_end(&ctx, i) {
            // "từ ngày 29/8 đến 02/9/2022": the year of the range's end.
            Some(end) => ctx.occs[i].date.with_year(end.year()).and_then(|d| {
                if d > end {
                    d.with_year(end.year() - 1)
                } else {
                    Some(d)
                }
            }),
            None => ctx.occs[i].date.with_year(context_year).and_then(|d| {
                if d > as_of {
                    d.with_year(context_year - 1)
                } else {
                    Some(d)
                }
            }),
        };
        let o = &mut ctx.occs[i];
        match date {
            Some(d) => {
                o.date = d;
                ctx.place[i] = ctx.place_verdict(i);
            }
            None => *kept = false, // 29/02 in a year without one
        }
    }
    if keep.contains(&false) {
        let mut k = keep.iter();
        ctx.occs.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        ctx.place.retain(|_| *k.next().unwrap_or(&true));
    }

    let verdicts = classify(&mut ctx);
    finish(&ctx, verdicts, head, og_article || ld_article)
}

/// The full date that closes a range starting at year-less occurrence `i` ("29/8 đến
/// 02/9/2022", "29/8 - 02/9/2022"), if any.
fn range_end(ctx: &Ctx<'_, '_>, i: usize) -> Option<NaiveDate> {
    let (o, next) = (&ctx.occs[i], ctx.occs.get(i + 1)?);
    if next.inferred || next.start < o.end || next.start - o.end > 24 {
        return None;
    }
    let gap = ctx.flat.text.get(o.end..next.start)?;
    let folded = fold(gap);
    let joined = matches!(folded.as_str(), "den" | "den ngay" | "toi" | "toi ngay")
        || matches!(gap.trim(), "-" | "–" | "—");
    joined.then_some(next.date)
}

/// Does date `i` open or close its title, set off by a separator ("22-11-2026 - Kế hoạch …",
/// "(22/11/2026) Kế hoạch …", "Kế hoạch … - 24/11/2026", "Kế hoạch … (24/11/2026)")? Lists
/// that write the entry's date into its link do it at one end; a date the title itself holds
/// follows a word ("… ngày 19/11/2026").
fn sets_off_title(ctx: &Ctx<'_, '_>, i: usize, title: &Title) -> Option<TitleEnd> {
    const SEPARATORS: [char; 6] = ['-', '–', '—', '|', '(', '['];
    let o = &ctx.occs[i];
    // "(ngày 30/11/2026)": the title's own words date something in it.
    if fold(&o.text).starts_with("ngay") {
        return None;
    }
    let text = &ctx.flat.text;
    let before = text.get(title.start..o.start)?.trim();
    let after = text.get(o.end..title.end.max(o.end))?.trim();
    let opens =
        matches!(before, "" | "(" | "[") && after.starts_with(['-', '–', '—', '|', ':', ')', ']']);
    let closes = matches!(after, "" | ")" | "]")
        && before.ends_with(SEPARATORS)
        && before.trim_end_matches(SEPARATORS).trim().chars().count() > 3;
    if opens {
        Some(TitleEnd::Opens)
    } else {
        closes.then_some(TitleEnd::Closes)
    }
}

/// Does date `i` follow its title link directly, set off by a dash and ending its line
/// (`<figcaption><a>Hội nghị xúc tiến đầu tư</a> — 25/11/2026</figcaption>`)? A photo's or
/// featured story's caption dates it so; a date in a sentence after a link does not.
fn trails_link(ctx: &Ctx<'_, '_>, i: usize, title: &Title) -> bool {
    /// Room for " — " before the date and ")" after it.
    const SLACK: usize = 8;
    let o = &ctx.occs[i];
    let text = &ctx.flat.text;
    let el = &ctx.flat.els[o.el];
    if !title.is_link
        || title.end > o.start
        || o.start - title.end > SLACK
        || el.end.saturating_sub(o.end) > SLACK
    {
        return false;
    }
    let (Some(gap), Some(rest)) = (
        text.get(title.end..o.start),
        text.get(o.end..el.end.max(o.end)),
    ) else {
        return false;
    };
    matches!(gap.trim(), "-" | "–" | "—" | "|" | "(") && matches!(rest.trim(), "" | ")")
}

/// Which end of its title a date is set off at ([`sets_off_title`]).
#[derive(PartialEq)]
enum TitleEnd {
    Opens,
    Closes,
}

/// Is the date of occurrence `i` the issue date of the document a title names: the title
/// starts with a document type and the date follows "ngày" ("Quyết định số 25/2022/QĐ-UBND
/// ngày 15/8/2022 ban hành …")?
fn is_document_date(ctx: &Ctx<'_, '_>, i: usize, title: &Title) -> bool {
    const DOC_TYPES: &[&str] = &[
        "quyet dinh",
        "nghi quyet",
        "nghi dinh",
        "chi thi",
        "cong van",
        "thong tu",
        "thong bao",
        "ke hoach",
        "bao cao",
        "to trinh",
        "huong dan",
        "luat",
        "phap lenh",
        "ket luan",
        "cong dien",
        "van ban",
        "chuong trinh",
        "de an",
        "quy dinh",
        "quy che",
    ];
    let folded = fold(&title.text);
    let o = &ctx.occs[i];
    DOC_TYPES.iter().any(|d| {
        folded
            .strip_prefix(d)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    }) && (fold(&o.text).starts_with("ngay") || ctx.label_before(i).ends_with("ngay"))
        && folded.contains(" so ")
}

/// Title candidates in document order.
fn collect_titles(ctx: &mut Ctx<'_, '_>) {
    let flat = ctx.flat;
    // A document table whose only link is "Tải về" is titled by its "Trích yếu" column.
    let title_cells: HashSet<usize> = (0..flat.els.len())
        .filter(|&i| flat.els[i].region == Region::Main && flat.name(i) == "td")
        .filter(|&i| ctx.column_label(i).is_some_and(|l| is_title_column(&l)))
        .collect();
    let occ_starts: Vec<usize> = ctx.occs.iter().map(|o| o.start).collect();
    // Letters of a range outside its dates and date words: "Thứ Năm, 25 tháng 8, 2022" is a
    // date header, not a title.
    let title_letters = |s: usize, e: usize| -> usize {
        let (s, e) = (floor_boundary(&flat.text, s), floor_boundary(&flat.text, e));
        if e - s > 2000 {
            return 2000; // long enough whatever its dates
        }
        let mut rest = String::with_capacity(e - s);
        let mut at = s;
        let lo = occ_starts.partition_point(|&x| x < s);
        for o in ctx.occs[lo..].iter().take_while(|o| o.start < e) {
            if o.end <= e && o.start >= at {
                rest.push_str(flat.text.get(at..o.start).unwrap_or(""));
                rest.push(' ');
                at = o.end;
            }
        }
        rest.push_str(flat.text.get(at..e).unwrap_or(""));
        fold(&rest)
            .split(' ')
            .filter(|w| !DATE_WORDS.contains(w))
            .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
            .sum()
    };
    // Menu targets repeated in the content (category links of an item) are not item titles.
    let nav_hrefs: HashSet<String> = flat
        .els
        .iter()
        .filter(|el| el.region == Region::Nav && el.node.value().name() == "a")
        .filter_map(|el| el.node.value().attr("href"))
        .filter_map(|h| resolve(ctx.base, h))
        .map(|u| u.to_string())
        .collect();
    let mut links: Vec<Title> = Vec::new();
    let mut cards: Vec<(usize, usize, Option<String>)> = Vec::new();
    for (i, el) in flat.els.iter().enumerate() {
        let e = el.node.value();
        if e.name() != "a" || el.region != Region::Main {
            continue;
        }
        let Some(href) = e.attr("href") else { continue };
        // A script action ("In bài" → `javascript:window.print()`) leads to no item, nor does
        // an `href` whose quote was never closed (it swallowed markup: `/hoi-dap>Hỏi đáp</a>…`).
        if is_category_link(e, href)
            || href
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:")
            || href.contains(['<', '>'])
        {
            continue;
        }
        // A card drawn as one link (Bootstrap's `a.list-group-item` holding a heading, the
        // date line and a summary) is an item, not a title: its heading titles it below.
        if holds_heading(el.node) {
            cards.push((
                el.start,
                el.end,
                resolve(ctx.base, href).map(|u| u.to_string()),
            ));
            continue;
        }
        let text = flat.text_of(i);
        // In a table, a number names its row ("Số 58" of a Công báo issue list).
        let numbered_row = text.chars().any(|c| c.is_ascii_digit())
            && text.chars().any(char::is_alphabetic)
            && flat.ancestors(i, 3).skip(1).any(|a| flat.name(a) == "td");
        if (title_letters(el.start, el.end) < 5 && !numbered_row)
            || is_generic_link_text(&fold(&text))
            // An attachment's file name ("lich-tuan-48-2026.pdf") titles no item.
            || (!text.trim().contains(' ') && crate::crawl::is_file_name(text.trim()))
        {
            continue;
        }
        // An anchor to one entry of a menu's page ("/hoi-dap/#cau-hoi-3318") titles that entry.
        let to_entry = href.contains('#');
        let href = resolve(ctx.base, href).map(|u| u.to_string());
        if !to_entry && href.as_ref().is_some_and(|h| nav_hrefs.contains(h)) {
            continue;
        }
        let in_heading = flat.ancestors(i, 4).skip(1).any(|a| {
            let n = flat.name(a);
            matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") || is_title_class(flat, a)
        });
        // A link left unclosed (a broken quote in its `href`) holds the blocks after it: its
        // title ends where the first of them starts.
        let (end, text) = match first_block_start(flat, i) {
            Some(cut) => (cut, flat.slice(el.start, cut)),
            None => (el.end, text),
        };
        links.push(Title {
            el: i,
            start: el.start,
            end,
            text,
            href,
            is_link: true,
            in_heading,
        });
    }
    let link_starts: Vec<usize> = links.iter().map(|l| l.start).collect();
    let mut blocks: Vec<Title> = Vec::new();
    let mut last_block: Option<(usize, usize)> = None;
    for (i, el) in flat.els.iter().enumerate() {
        if el.region != Region::Main {
            continue;
        }
        let name = el.node.value().name();
        // A gallery's caption titles its album like a heading (WordPress `figcaption`).
        let heading = matches!(name, "h2" | "h3" | "h4" | "h5" | "h6" | "figcaption");
        // Only in a row without a title link: "Số ký hiệu" links already title their rows.
        let title_cell = title_cells.contains(&i)
            && el.parent.is_some_and(|row| {
                let (rs, re) = (flat.els[row].start, flat.els[row].end);
                let k = link_starts.partition_point(|&s| s < rs);
                link_starts.get(k).is_none_or(|&s| s >= re)
            });
        let title_block = heading || title_cell || (name != "a" && is_title_class(flat, i));
        if !title_block {
            continue;
        }
        if last_block.is_some_and(|(s, e)| el.start >= s && el.end <= e) {
            continue; // nested title blocks: the outer one is the title
        }
        // A heading holding a title link is represented by that link.
        let k = link_starts.partition_point(|&s| s < el.start);
        let has_link = link_starts.get(k).is_some_and(|&s| s < el.end);
        if has_link || el.end - el.start > 600 || title_letters(el.start, el.end) < 5 {
            continue;
        }
        last_block = Some((el.start, el.end));
        let card = cards
            .iter()
            .find(|(s, e, _)| *s <= el.start && el.end <= *e);
        // A title left unclosed holds the article after it: the title ends where its first
        // block (date line, paragraph) starts.
        let end = first_block_start(flat, i).unwrap_or(el.end);
        blocks.push(Title {
            el: i,
            start: el.start,
            end,
            text: flat.slice(el.start, end),
            href: card.and_then(|(_, _, h)| h.clone()),
            is_link: false,
            in_heading: true,
        });
    }
    let mut titles = links;
    titles.extend(blocks);
    titles.sort_by_key(|t| (t.start, t.el));
    ctx.title_by_el = titles.iter().enumerate().map(|(k, t)| (t.el, k)).collect();
    ctx.link_titles = (0..titles.len()).filter(|&k| titles[k].is_link).collect();
    ctx.block_titles = (0..titles.len()).filter(|&k| !titles[k].is_link).collect();
    ctx.titles = titles;
}

/// Does a heading hold blocks (paragraphs, divisions, lists, tables)? Then it was left
/// unclosed and swallowed what follows it.
fn holds_block(h: scraper::ElementRef<'_>) -> bool {
    h.descendants().skip(1).any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| is_swallowed_block(e.name()))
    })
}

/// Where the first block an element holds starts, when it holds one (a title or link left
/// unclosed swallows the blocks after it).
fn first_block_start(flat: &Flat<'_>, i: usize) -> Option<usize> {
    let el = &flat.els[i];
    // The elements after it in document order that start inside its text are its descendants.
    flat.els[i + 1..]
        .iter()
        .take_while(|d| d.start < el.end)
        .find(|d| is_swallowed_block(d.node.value().name()))
        .map(|d| d.start.max(el.start))
}

/// Blocks that no title holds, only a title left unclosed.
fn is_swallowed_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "ul" | "ol" | "table" | "dl" | "section" | "article" | "blockquote"
    )
}

/// Does a link hold a heading (a whole card drawn as one link)?
fn holds_heading(a: scraper::ElementRef<'_>) -> bool {
    a.descendants().skip(1).any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
    })
}

/// Folded words that belong to written dates, not to titles.
const DATE_WORDS: &[&str] = &[
    "thu", "hai", "ba", "tu", "nam", "sau", "bay", "chu", "nhat", "cn", "ngay", "thang", "luc",
    "gio", "phut", "am", "pm", "sa", "ch",
];

/// Tag / label / category links of an item ("Nhãn: Tin tức", `rel=tag`, `/category/…`).
fn is_category_link(e: &scraper::node::Element, href: &str) -> bool {
    if e.attr("rel").is_some_and(|r| {
        r.split_ascii_whitespace()
            .any(|t| t == "tag" || t == "category")
    }) || matches!(e.attr("itemprop"), Some("genre" | "articleSection"))
    {
        return true;
    }
    if e.attr("class").is_some_and(|c| {
        c.to_ascii_lowercase()
            .split(|ch: char| !ch.is_ascii_alphanumeric())
            .any(|t| {
                matches!(
                    t,
                    "tag" | "tags" | "label" | "labels" | "category" | "categories" | "chuyenmuc"
                )
            })
    }) {
        return true;
    }
    let h = href.to_ascii_lowercase();
    [
        "/search/label/",
        "/category/",
        "/tag/",
        "/tags/",
        "/chuyen-muc/",
        "/chuyenmuc/",
    ]
    .iter()
    .any(|p| h.contains(p))
}

/// A block whose class says it is a title ("title", "tieude", "asset-title").
/// Column headers (folded) of the column that names each row: "Trích yếu", "Tên văn bản",
/// "Tiêu đề". ("Nội dung" is a schedule's column: its rows are days, not publications.)
fn is_title_column(folded: &str) -> bool {
    [
        "trich yeu",
        "tieu de",
        "ten van ban",
        "ten du an",
        "ten goi thau",
        "ten thu tuc",
        "ten de tai",
        "ten tai lieu",
        "danh muc van ban",
        "ve viec",
        "title",
    ]
    .iter()
    .any(|w| folded.contains(w))
}

fn is_title_class(flat: &Flat<'_>, i: usize) -> bool {
    flat.els[i].node.value().attr("class").is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        // A Q&A entry's question ("cau-hoi", `p.question`) is its title; its meta line
        // (`div.fbpQuestionMeta`: sender, "Gửi lúc 10:20 - 21/11/2026") is not.
        (c.contains("title")
            || c.contains("tieude")
            || c.contains("tieu-de")
            || c.contains("question")
            || c.contains("cauhoi")
            || c.contains("cau-hoi"))
            && !["subtitle", "meta", "info", "date", "time", "author"]
                .iter()
                .any(|w| c.contains(w))
    })
}

/// The item scope of an own date: the nearest ancestor holding a title.
struct Scope {
    el: usize,
    /// How many levels above the date's element.
    level: usize,
    /// Title indices considered, in order: links when the scope has any, else headings.
    titles: Vec<usize>,
    /// More titles than listed (a big flat list; `titles` holds only the first ones).
    more: bool,
}

/// Most titles of a scope collected for the single-item decision.
const SCOPE_TITLES_CAP: usize = 64;

fn find_scope(ctx: &Ctx<'_, '_>, i: usize) -> Option<Scope> {
    let flat = ctx.flat;
    for (level, a) in flat.ancestors(ctx.occs[i].el, MAX_UP).enumerate() {
        let name = flat.name(a);
        if matches!(name, "body" | "html") {
            return None;
        }
        let el = &flat.els[a];
        for list in [&ctx.link_titles, &ctx.block_titles] {
            let mut lo = list.partition_point(|&k| ctx.titles[k].start < el.start);
            let hi = list.partition_point(|&k| ctx.titles[k].start < el.end);
            // An ancestor starting at the same offset is not inside.
            while lo < hi && ctx.titles[list[lo]].end > el.end {
                lo += 1;
            }
            if lo < hi {
                let take = (hi - lo).min(SCOPE_TITLES_CAP);
                return Some(Scope {
                    el: a,
                    level,
                    titles: list[lo..lo + take].to_vec(),
                    more: hi - lo > take,
                });
            }
        }
    }
    None
}

/// Number of distinct items among titles (links to the same URL are one item), capped at 3.
fn distinct_items(ctx: &Ctx<'_, '_>, scope: &Scope) -> usize {
    if scope.more {
        return 3;
    }
    let mut seen: Vec<&str> = Vec::new();
    for &k in &scope.titles {
        let t = &ctx.titles[k];
        let key = t.href.as_deref().unwrap_or(&t.text);
        if !seen.contains(&key) {
            seen.push(key);
            if seen.len() > 2 {
                break;
            }
        }
    }
    seen.len()
}

/// Classify every occurrence.
fn classify(ctx: &mut Ctx<'_, '_>) -> Vec<Verdict> {
    let n = ctx.occs.len();
    let mut verdicts: Vec<Option<Verdict>> = vec![None; n];
    let mut title_of_occ: Vec<Option<usize>> = vec![None; n];
    let mut page_title_occ = vec![false; n];

    for i in 0..n {
        if let Some(v) = ctx.place[i].clone() {
            verdicts[i] = Some(v);
            continue;
        }
        if ctx.in_page_heading(i) {
            page_title_occ[i] = true;
            continue;
        }
        title_of_occ[i] = ctx.title_containing(i);
    }

    // Own dates: dates of the main region not inside any title.
    let own: Vec<usize> = (0..n)
        .filter(|&i| verdicts[i].is_none() && title_of_occ[i].is_none() && !page_title_occ[i])
        .collect();
    let own_starts: Vec<usize> = own.iter().map(|&i| ctx.occs[i].start).collect();
    let own_between = |a: usize, b: usize| -> bool {
        // Any own date starting in [a, b)?
        let k = own_starts.partition_point(|&s| s < a);
        own_starts.get(k).is_some_and(|&s| s < b)
    };
    // Titles that got a date of their own.
    let mut dated_titles: HashSet<usize> = HashSet::new();
    // Single-item scopes: the chosen own date.
    let mut chosen: HashMap<usize, Option<usize>> = HashMap::new();

    for &i in &own {
        if ctx.cites_document_in_prose(i) {
            verdicts[i] = Some(Verdict::new(
                DateKind::Text,
                "date of a document cited in the text",
            ));
            continue;
        }
        let verdict = item_verdict(
            ctx,
            i,
            &own,
            &own_starts,
            &own_between,
            &mut chosen,
            &mut dated_titles,
        );
        let v = match verdict {
            Some(v) => v,
            None => fallback_verdict(ctx, i, &own_between),
        };
        verdicts[i] = Some(v);
    }

    // Dates inside titles.
    let have_page_date = verdicts.iter().flatten().any(|v| v.kind == DateKind::Page);
    let mut first_in_title: HashSet<usize> = HashSet::new();
    for i in 0..n {
        if verdicts[i].is_some() {
            continue;
        }
        let v = if page_title_occ[i] {
            if have_page_date {
                Verdict::new(
                    DateKind::InTitle,
                    "date inside the page title; the page has its own date",
                )
            } else {
                Verdict::new(DateKind::Text, "date inside the page title")
            }
        } else if let Some(t) = title_of_occ[i] {
            let title = &ctx.titles[t];
            if dated_titles.contains(&t) {
                if cites_document(&title.text, &ctx.occs[i].text) {
                    Verdict::new(
                        DateKind::InTitle,
                        format!("{WHY_DOCUMENT_NUMBER}; the item has its own date"),
                    )
                    .of_item(&title.text)
                } else {
                    Verdict::new(
                        DateKind::InTitle,
                        "date inside the item title; the item has its own date",
                    )
                    .of_item(&title.text)
                }
            } else if title.is_link
                && ctx.repeated(title.el)
                && first_in_title.insert(t)
                && is_document_date(ctx, i, title)
            {
                // A document list without date column: in "Quyết định số 25/2022/QĐ-UBND
                // ngày 15/8/2022 …" the date is the listed document's own date. ("Sơ kết thực
                // hiện Kết luận số 186-KL/TU ngày 18/3/2025" is news citing a document: no.)
                Verdict {
                    why: format!(
                        "date in the title of list item '{}' (the item shows no other date)",
                        short(&title.text)
                    ),
                    ..Verdict::item(title)
                }
            } else if let Some(end) = title
                .is_link
                .then(|| sets_off_title(ctx, i, title))
                .flatten()
                && (end == TitleEnd::Closes || ctx.repeated(title.el) || ctx.is_date_element(i))
            {
                // Joomla's related and latest items write "22-11-2026 - <title>" inside the
                // link, other lists, tickers and featured stories "<title> (24/11/2026)": a
                // date closing a link's title after a separator, or opening every entry of a
                // list, is the entry's date. (A date the title holds follows a word: "… ngày
                // 30/11/2026".)
                Verdict {
                    why: format!(
                        "date set off at an end of the title of list item '{}'",
                        short(&title.text)
                    ),
                    ..Verdict::item(title)
                }
            } else {
                Verdict::new(
                    DateKind::Text,
                    "date inside a link title; not the item's publication date",
                )
                .of_item(&title.text)
            }
        } else {
            Verdict::new(DateKind::Text, "date in running text")
        };
        verdicts[i] = Some(v);
    }
    verdicts
        .into_iter()
        .map(|v| v.unwrap_or_else(|| Verdict::new(DateKind::Text, "date in running text")))
        .collect()
}

/// Entries without links under one box heading ("Tin hoạt động" over `<li><p>title <span>Ngày
/// đăng: 20/11/2026</span>`): the heading is the only title in reach, but each entry's own
/// labelled date dates that entry, not the box.
fn unlinked_entry_date(
    ctx: &Ctx<'_, '_>,
    i: usize,
    pick: Option<usize>,
    t: usize,
    scope: usize,
    label: &str,
) -> Option<Verdict> {
    let p = pick?;
    // "… linh kiện điện tử Ngày đăng:" ends with its label: "tử Ngày" is no "từ ngày".
    let labelled =
        |l: &str| ends_with_publication_label(l) || (is_publication_label(l) && !is_other_label(l));
    if !ctx.is_date_element(i) || !(labelled(label) || labelled(&fold(&ctx.occs[i].text))) {
        return None;
    }
    let flat = ctx.flat;
    let entry_of = |el: usize| {
        flat.ancestors(el, MAX_UP)
            .take_while(|&a| a != scope)
            .find(|&a| matches!(flat.name(a), "li" | "tr"))
    };
    let entry = entry_of(ctx.occs[i].el)?;
    let title = &ctx.titles[t];
    let (es, ee) = (flat.els[entry].start, flat.els[entry].end);
    if entry_of(ctx.occs[p].el) == Some(entry) || (title.start >= es && title.end <= ee) {
        return None;
    }
    let text = flat.text_of(entry);
    Some(Verdict {
        item: Some((text.clone(), None)),
        ..Verdict::new(
            DateKind::Item,
            format!(
                "date of an unlinked entry '{}' of the list '{}'",
                short(&text),
                short(&title.text)
            ),
        )
    })
}

/// Item verdict of an own date, or None when it belongs to no item.
fn item_verdict(
    ctx: &mut Ctx<'_, '_>,
    i: usize,
    own: &[usize],
    own_starts: &[usize],
    own_between: &dyn Fn(usize, usize) -> bool,
    chosen: &mut HashMap<usize, Option<usize>>,
    dated_titles: &mut HashSet<usize>,
) -> Option<Verdict> {
    let scope = find_scope(ctx, i)?;
    let flat = ctx.flat;
    let (s, e) = (flat.els[scope.el].start, flat.els[scope.el].end);
    let (o_start, o_end) = (ctx.occs[i].start, ctx.occs[i].end);
    let contains_heading = ctx
        .page_heading
        .is_some_and(|(_, hs, he)| hs >= s && he <= e);

    if distinct_items(ctx, &scope) == 1 {
        // One title in a big block, or in the block holding the page heading: that is the
        // article itself, not a list item.
        if e - s > ITEM_MAX_BYTES || contains_heading {
            return None;
        }
        // A date in prose next to a lone link (an article paragraph citing a document) is not
        // an item date; in a repeated entry it is its summary's date.
        // The item's main title: a link inside a heading, else the longest.
        let t = *scope.titles.iter().max_by_key(|&&k| {
            let t = &ctx.titles[k];
            (t.in_heading, t.text.chars().count())
        })?;
        let repeated = ctx.repeated(scope.el);
        if !repeated && !ctx.is_date_element(i) && !trails_link(ctx, i, &ctx.titles[t]) {
            return None;
        }
        let lo = own_starts.partition_point(|&x| x < s);
        let hi = own_starts.partition_point(|&x| x < e);
        if hi - lo > ITEM_MAX_DATES {
            return None;
        }
        let pick = if let Some(&c) = chosen.get(&scope.el) {
            c
        } else {
            // The best-labelled date is the item's publication date; a deadline or an effective
            // date ("Hạn nộp", "Hiệu lực") never is, even alone.
            // A date after the as-of date is not the item's when its title holds a past one
            // ("Thông báo số 218/TB-UBND ngày 19/11/2026 – … hoàn thành trước ngày 15/12/2026"):
            // the title's date is the item's. Alone, a future date stays the item's (flagged).
            let title = &ctx.titles[t];
            let first = ctx.occs.partition_point(|o| o.start < title.start);
            let dated_title = ctx.occs[first..]
                .iter()
                .take_while(|o| o.start < title.end)
                .any(|o| o.end <= title.end && o.date <= ctx.as_of);
            let mut best: Option<(i32, usize)> = None;
            for &j in &own[lo..hi] {
                if dated_title && ctx.occs[j].date > ctx.as_of {
                    continue;
                }
                let Some(score) = date_score(ctx, j, scope.el) else {
                    continue;
                };
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, j));
                }
            }
            let c = best.map(|(_, j)| j);
            chosen.insert(scope.el, c);
            c
        };
        if pick == Some(i) {
            dated_titles.insert(t);
            return Some(item_or_page(ctx, i, t, scope.el));
        }
        let title_text = ctx.titles[t].text.clone();
        // Another date of the same item. Its label is its column's, or the text before it; for
        // the kind of date, the "ngày" the date absorbed completes it ("(Gửi ngày 16/11/2026)"
        // reads "gửi" + "ngày 16/11/2026").
        let label = ctx.label_of(i, Some(scope.el));
        let in_cell = ctx.cell_of(ctx.occs[i].el, MAX_UP).is_some();
        let in_text_cell =
            pick.is_some() && in_cell && !label.is_empty() && !is_date_column(&label);
        let label = format!("{label} {}", own_prefix(&ctx.occs[i].text))
            .trim()
            .to_string();
        if let Some(v) = unlinked_entry_date(ctx, i, pick, t, scope.el, &label) {
            return Some(v);
        }
        let v = if in_text_cell {
            let cell = ctx
                .cell_of(ctx.occs[i].el, MAX_UP)
                .map(|c| ctx.flat.text_of(c))
                .unwrap_or_default();
            if cites_document(&cell, &ctx.occs[i].text) {
                Verdict::new(
                    DateKind::InTitle,
                    format!("{WHY_DOCUMENT_NUMBER}; the item has its own date"),
                )
            } else {
                Verdict::new(
                    DateKind::InTitle,
                    "date inside the item text; the item has its own date",
                )
            }
        } else if (is_update_label(&label) || is_update_label(&fold(&ctx.occs[i].text)))
            && pick.is_some_and(|p| ctx.occs[p].date < ctx.occs[i].date)
            && ctx.occs[i].date <= ctx.as_of
        {
            // "Cập nhật lần cuối: 23/11" after "Ngày đăng: 09/11": the item was changed since,
            // which dates it as much as a new item would (an article's own update line does).
            Verdict {
                why: format!(
                    "last update of list item '{}' (newer than its publication date)",
                    short(&title_text)
                ),
                ..Verdict::item(&ctx.titles[t])
            }
        } else if is_submission_label(&label) {
            Verdict::new(
                DateKind::Comment,
                format!(
                    "date a question or petition was sent, item '{}' (shown, not the agency's publication)",
                    short(&title_text)
                ),
            )
        } else if is_other_label(&label) {
            Verdict::new(
                DateKind::Text,
                format!(
                    "other date of list item '{}' (not its publication date)",
                    short(&title_text)
                ),
            )
        } else {
            Verdict::new(
                DateKind::Text,
                format!("other date of list item '{}'", short(&title_text)),
            )
        };
        return Some(v.of_item(&title_text));
    }

    // A flat list (several titles in one block close above the date): pair with the adjacent
    // title in the list's own order, on the same or the next line, no other date between.
    if scope.level > 3 {
        return None;
    }
    let first_title = ctx.titles[scope.titles[0]].start;
    let first_own = own_starts
        .get(own_starts.partition_point(|&x| x < s))
        .copied()
        .unwrap_or(o_start);
    let date_first = first_own < first_title;
    let close = |a: usize, b: usize| -> bool {
        b - a <= PAIR_MAX_BYTES
            && flat.text.as_bytes()[a..b]
                .iter()
                .filter(|&&c| c == b'\n')
                .count()
                <= 1
            && !own_between(a, b)
    };
    let list = if ctx.titles[scope.titles[0]].is_link {
        &ctx.link_titles
    } else {
        &ctx.block_titles
    };
    // The date's line holds little besides the date and its title: "Title (26/08/2022)",
    // "20/08/2022 - Title"; a date in a sentence of an article is not a list entry's date.
    // The line ends at a block break or at the neighbouring entry's title; the scan is bounded
    // (a longer stretch is prose anyway).
    let bytes = flat.text.as_bytes();
    let from = o_start.saturating_sub(LINE_SCAN_BYTES);
    let to = (o_end + LINE_SCAN_BYTES).min(bytes.len());
    let mut line_start = bytes[from..o_start]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(from, |p| from + p + 1);
    let mut line_end = bytes[o_end..to]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(to, |p| o_end + p);
    let before = list.partition_point(|&k| ctx.titles[k].start < o_start);
    let after = list.partition_point(|&k| ctx.titles[k].start < o_end);
    let prev = before.checked_sub(1).map(|k| list[k]);
    let next = list.get(after).copied();
    let t = if date_first {
        if let Some(p) = prev {
            line_start = line_start.max(ctx.titles[p].end.min(o_start));
        }
        next.filter(|&k| {
            let t = &ctx.titles[k];
            t.end <= e
                && close(o_end, t.start)
                && (o_start - line_start) + (t.start - o_end) <= LIST_LINE_REST_BYTES
        })
    } else {
        if let Some(n) = next {
            line_end = line_end.min(ctx.titles[n].start.max(o_end));
        }
        prev.filter(|&k| {
            let t = &ctx.titles[k];
            t.start >= s
                && t.end <= o_start
                && close(t.end, o_start)
                && (o_start - t.end) + (line_end - o_end) <= LIST_LINE_REST_BYTES
        })
    }?;
    dated_titles.insert(t);
    Some(item_or_page(ctx, i, t, scope.el))
}

/// How much a date looks like its item's publication date: by label (a "Ngày ban hành" /
/// "Ngày đăng" column or label beats an unlabelled date, which beats "Hiệu lực" / "Hạn nộp"),
/// with a point for a date-classed element or `<time>` and two for a date standing on its own.
/// None for a date that is not a publication date by its label.
fn date_score(ctx: &mut Ctx<'_, '_>, j: usize, scope: usize) -> Option<i32> {
    let label = ctx.label_of(j, Some(scope));
    let in_cell = ctx.cell_of(ctx.occs[j].el, MAX_UP).is_some();
    let base = if is_other_label(&label) {
        return None;
    } else if is_publication_label(&label) {
        // Posted on the site ("Ngày đăng") is the publication; it wins over the issue date.
        7
    } else if label.contains("ban hanh") {
        6
    } else if in_cell && !label.is_empty() && !is_date_column(&label) {
        // A date inside the "Trích yếu" text of a row.
        -2
    } else {
        4
    };
    let flat = ctx.flat;
    let dateish = ctx.occs[j].time_el
        || flat.ancestors(ctx.occs[j].el, 2).any(|a| {
            flat.els[a].node.value().attr("class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("date")
                    || c.contains("time")
                    || c.contains("ngay")
                    || c.contains("publish")
            })
        });
    Some(base + i32::from(dateish) + 2 * i32::from(ctx.is_date_element(j)))
}

/// An item date, unless the "item" is the page itself (its heading or a self-link) — then the
/// page's date. A "Ngày đăng" line outside a repeated block is the page's date too.
fn item_or_page(ctx: &Ctx<'_, '_>, i: usize, t: usize, scope: usize) -> Verdict {
    let title = &ctx.titles[t];
    let repeated = ctx.repeated(scope) || ctx.repeated(ctx.occs[i].el);
    let self_link = title
        .href
        .as_deref()
        .is_none_or(|h| h.trim_end_matches('/') == ctx.page_url.trim_end_matches('/'));
    if !repeated {
        let label = ctx.label_before(i);
        if is_publication_label(&label) && !is_other_label(&label) && ctx.is_date_element(i) {
            return Verdict::page(page_label_why(&label), true);
        }
        if self_link {
            return Verdict::page("date under the page heading", true);
        }
    }
    Verdict::item(title)
}

fn page_label_why(folded_label: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("ngay dang", "Ngày đăng"),
        ("dang ngay", "Đăng ngày"),
        ("ngay cap nhat", "Ngày cập nhật"),
        ("cap nhat", "Cập nhật"),
        ("dang tai", "Đăng tải"),
        ("thoi gian dang", "Thời gian đăng"),
        ("xuat ban", "Xuất bản"),
        ("dang luc", "Đăng lúc"),
        ("ngay tao", "Ngày tạo"),
        ("tra loi", "Trả lời"),
    ];
    let name = NAMES
        .iter()
        .find(|(k, _)| folded_label.contains(k))
        .map(|(_, v)| *v)
        .unwrap_or("publication");
    format!("'{name}' line of the page")
}

/// Verdict for an own date outside any item.
/// Is the element (or its parent) marked up as a publication date: `<time>`, microdata
/// `itemprop="datePublished"`, or a class the CMS gives its post date (`entry-date published`,
/// `post-date`, `ngay-dang`)? Such a date is the page's or an item's, never a "today" widget
/// (Joomla's blog rows write "Thứ ba, 24 Tháng 11 2026 08:30" in `<time itemprop=…>`).
fn marked_as_published(flat: &Flat<'_>, el: usize) -> bool {
    flat.ancestors(el, 2).any(|a| {
        let e = flat.els[a].node.value();
        e.name() == "time"
            || e.attr("itemprop").is_some_and(|p| {
                p.eq_ignore_ascii_case("datePublished") || p.eq_ignore_ascii_case("dateCreated")
            })
            // Drupal's RDFa: `<span property="dc:date" content="2026-11-24T…">`.
            || e.attr("property").is_some_and(|p| {
                matches!(
                    p.to_ascii_lowercase().as_str(),
                    "dc:date" | "dc:created" | "dc:issued" | "article:published_time"
                )
            })
            || e.attr("class").is_some_and(|c| {
                c.to_ascii_lowercase().split_ascii_whitespace().any(|t| {
                    matches!(
                        t,
                        "published"
                            | "entry-date"
                            | "post-date"
                            | "date-published"
                            | "ngay-dang"
                            | "ngaydang"
                            // Drupal's node creation date in a view row or a node.
                            | "views-field-created"
                            | "field--name-created"
                    )
                })
            })
    })
}

fn fallback_verdict(
    ctx: &mut Ctx<'_, '_>,
    i: usize,
    own_between: &dyn Fn(usize, usize) -> bool,
) -> Verdict {
    // In a table the column header labels the date ("Ngày gửi" / "Ngày trả lời"). The date's
    // own "ngày" belongs to its label ("Đăng ngày: 17/11/2026" reads "đăng" + "ngày: 17/11…").
    let before = ctx.label_of(i, None);
    let label = format!("{before} {}", own_prefix(&ctx.occs[i].text))
        .trim()
        .to_string();
    let o = &ctx.occs[i];
    if opens_a_period(ctx, i) {
        return Verdict::new(DateKind::Text, "first day of a period (\"từ ngày …\")");
    }
    // A date line ("Ngày đăng: …", "Thứ Sáu, 26/08/2022 08:30") stands on its own, in its own
    // element or on its own line (a date line left unclosed holds the article below it); a
    // date in a paragraph that happens to say "cập nhật" is running text.
    let alone = ctx.is_date_element(i) || ctx.alone_on_line(i);
    // ("Thứ Tư, ngày 18…" reads "tư ngày", which is no "từ ngày": other labels are read before
    // the date only.)
    if ((alone && is_publication_label(&label)) || ends_with_publication_label(&label))
        && !is_other_label(&before)
    {
        return Verdict::page(page_label_why(&label), true);
    }
    // A publication line writes its year; "(23/11)" under a schedule's heading is a day of the
    // week being scheduled.
    if let Some((_, _, he)) = ctx.page_heading
        && alone
        && !o.inferred
        && o.start >= he
        && o.start - he <= UNDER_HEADING_BYTES
        && !own_between(he, o.start)
        && !is_other_label(&before)
    {
        return Verdict::page("date under the page heading", true);
    }
    if o.time_el {
        return Verdict::page("<time datetime> element", true);
    }
    // "Ngày gửi: 24/11/2026" of a question still waiting for its answer, outside any list.
    if is_submission_label(&label) {
        return Verdict::new(
            DateKind::Comment,
            "date a question or petition was sent (shown, not the agency's publication)",
        );
    }
    // A lone date the CMS marks as the post's ("<time class="entry-date published">12/03/2025"
    // below a WordPress page's text).
    if alone && !is_other_label(&before) && marked_as_published(ctx.flat, o.el) {
        return Verdict::page("date marked up as the page's publication date", true);
    }
    Verdict::new(DateKind::Text, "date in running text")
}

/// A date right after "từ" ("Tuần 48 (từ ngày 23/11/2026 đến …)") opens a period. The words
/// before it are read as a label is ([`fold_label`]), which keeps "từ" apart from the "Tư" of
/// "Thứ Tư, ngày 18/11", a date line.
fn opens_a_period(ctx: &Ctx<'_, '_>, i: usize) -> bool {
    /// Bytes before a date that hold "từ ngày ".
    const LOOKBACK: usize = 24;
    let o = &ctx.occs[i];
    let from = floor_boundary(&ctx.flat.text, o.start.saturating_sub(LOOKBACK));
    let label = format!(
        "{} {}",
        fold_label(&ctx.flat.text[from..o.start]),
        own_prefix(&o.text)
    );
    let words: Vec<&str> = label.split_whitespace().collect();
    matches!(words.as_slice(), [.., "tuu"] | [.., "tuu", "ngay"])
}

/// Build the found dates, apply the as-of date and the article rule, pick the newest.
fn finish(
    ctx: &Ctx<'_, '_>,
    verdicts: Vec<Verdict>,
    head: Vec<HeadDate>,
    article_type: bool,
) -> DateFacts {
    let as_of = ctx.as_of;
    let mut all: Vec<(NaiveDate, String, Verdict, Option<SignalSource>)> = head
        .into_iter()
        .map(|(d, text, why, strong, source)| {
            (
                d,
                text,
                Verdict::page(why, strong || article_type),
                Some(source),
            )
        })
        .collect();
    all.extend(ctx.occs.iter().zip(verdicts).map(|(o, v)| {
        let source = match v.kind {
            DateKind::Item => Some(SignalSource::ListItem),
            DateKind::Page if o.time_el => Some(SignalSource::TimeElement),
            DateKind::Page => Some(SignalSource::ArticleDate),
            _ => None,
        };
        (o.date, o.text.clone(), v, source)
    }));
    let article = all
        .iter()
        .any(|(d, _, v, _)| v.kind == DateKind::Page && v.strong && *d <= as_of);

    let mut dates = Vec::with_capacity(all.len());
    let mut items: Vec<DatedItem> = Vec::new();
    let mut seen_items: HashSet<(NaiveDate, String, Option<String>)> = HashSet::new();
    let mut newest: Option<NaiveDate> = None;
    let mut newest_shown: Option<NaiveDate> = None;
    let mut signals = Vec::new();
    let mut future = Vec::new();
    for (date, text, v, source) in all {
        let countable = matches!(v.kind, DateKind::Item | DateKind::Page);
        let mut used = countable && date <= as_of;
        let mut reason = reason_of(v.kind, &v.why);
        let mut why = v.why;
        if date > as_of {
            why = "after the as-of date".to_string();
            if countable {
                reason = DateReason::AfterAsOf;
            }
        } else if v.kind == DateKind::Comment {
            // Shown on the page (readers see it as the newest thing there), but a reader's
            // comment is not the agency updating its section.
            newest_shown = newest_shown.max(Some(date));
        } else if v.kind == DateKind::Item && article {
            // Shown on the page, but not evidence of this section's freshness: a site-wide
            // "Tin mới" box would make every article look as fresh as the newest news.
            newest_shown = newest_shown.max(Some(date));
            used = false;
            why.push_str("; not counted: an article page counts its own date");
            reason = DateReason::ArticleSidebar;
        }
        // The signal text names the item, so the report can say which entry dated a section.
        let signal_text = match &v.item {
            Some((title, _)) => format!("{text} — {title}"),
            None => text.clone(),
        };
        if let Some(src) = source {
            let sig = DateSignal::new(date, src, ctx.page_url.clone(), signal_text);
            if used {
                signals.push(sig);
            } else if date > as_of {
                future.push(IgnoredSignal {
                    signal: sig,
                    reason: REASON_FUTURE.into(),
                });
            }
        }
        let item = v.item.as_ref().map(|(t, _)| t.clone()).or(v.of_item);
        // Items list what counts: not after the as-of date, not an article's sidebar.
        if v.kind == DateKind::Item
            && used
            && let Some((title, href)) = v.item
            && seen_items.insert((date, title.clone(), href.clone()))
        {
            items.push(DatedItem { date, title, href });
        }
        if used {
            newest = newest.max(Some(date));
            newest_shown = newest_shown.max(Some(date));
        }
        dates.push(FoundDate {
            date,
            text,
            kind: v.kind,
            used,
            why,
            reason,
            source,
            item,
        });
    }
    DateFacts {
        dates,
        items,
        newest_shown,
        newest,
        signals,
        future,
    }
}

/// The stable reason of a verdict (its `why` is the detailed human text).
fn reason_of(kind: DateKind, why: &str) -> DateReason {
    match kind {
        DateKind::Item => DateReason::ListItem,
        DateKind::Page => DateReason::PageDate,
        DateKind::Boilerplate => match why {
            "footer copyright" => DateReason::Copyright,
            "date in the footer" => DateReason::Footer,
            "calendar widget" => DateReason::Calendar,
            "visitor counter" => DateReason::VisitorCounter,
            _ => DateReason::TodayWidget,
        },
        DateKind::InTitle if why.starts_with(WHY_DOCUMENT_NUMBER) => DateReason::InDocumentNumber,
        DateKind::InTitle => DateReason::InTitle,
        DateKind::Text if why.starts_with("date inside") => DateReason::InTitle,
        DateKind::Text if why.starts_with("other date of list item") => DateReason::OtherItemDate,
        DateKind::Text if why == "date in the header or menu" => DateReason::HeaderText,
        DateKind::Text => DateReason::RunningText,
        DateKind::Comment => DateReason::ReaderComment,
    }
}

/// Start of the `why` of a date that is part of a document reference in an item title.
const WHY_DOCUMENT_NUMBER: &str = "date of a document number in the item title";

/// A document reference just before the date in a title: "… số 25/2022/QĐ-UBND ngày
/// 15/8/2022", "Kết luận số 186-KL/TU ngày 18/3/2025", "Quyết định 1234/QĐ-UBND ngày …".
static DOC_REFERENCE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?:^|\s)(?:số\s+)?\d[\p{L}\d.]*(?:[/-][\p{L}\d.]+)*[/-]\p{L}[\p{L}\d.-]*(?:/[\p{L}\d.-]+)*\s*,?\s*(?:ngày\s*)?$",
    )
    .expect("static regex")
});

/// Is the date text `date_text` inside `title` right after a document number?
fn cites_document(title: &str, date_text: &str) -> bool {
    let Some(at) = title.find(date_text) else {
        return false;
    };
    let before = &title[..at];
    let from = floor_boundary(before, before.len().saturating_sub(80));
    DOC_REFERENCE.is_match(&before[from..])
}
