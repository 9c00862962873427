//! What `ttdt inspect` shows for one page: the dates with their kind and reason (in
//! Vietnamese: "widget ngày hôm nay", "bản quyền ©", "sau ngày kiểm tra"…), the date taken for
//! the page and for each list item and why the others were not, the newest publication date,
//! and the links by region — as JSON (the design notes' shape) or as text for people.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{DateKind, FoundDate, PageFacts, Region};
use crate::freshness::{self, Freshness};

/// Vietnamese note for a page drawn by JavaScript.
pub const NEEDS_JAVASCRIPT: &str = "trang cần JavaScript để hiển thị: nội dung không đọc được \
     nên các nhóm tiêu chí là \"chưa đo được\", không phải \"thiếu\"";

/// The page's own freshness decision: its date signals through the same precedence a section
/// uses (visible dates over metadata), future dates set aside.
pub fn page_freshness(facts: &PageFacts, as_of: NaiveDate) -> Freshness {
    freshness::choose(facts.signals.clone(), facts.future_dates.clone(), as_of)
}

fn date_json(d: &FoundDate) -> Value {
    json!({
        "date": d.date.to_string(),
        "text": d.text,
        "kind": d.kind,
        "used": d.used,
        "why": d.why,
        "reason": d.reason,
        "reason_vi": d.reason.label(),
        "source": d.source,
        "item": d.item,
    })
}

/// For each dated item: its publication date (taken) and the item's other dates, not taken.
fn item_decisions(facts: &PageFacts) -> Vec<(&super::DatedItem, Vec<&FoundDate>)> {
    facts
        .items
        .iter()
        .map(|it| {
            let others = facts
                .dates
                .iter()
                .filter(|d| {
                    d.item.as_deref() == Some(it.title.as_str())
                        && !(d.used && d.kind == DateKind::Item && d.date == it.date)
                })
                .collect();
            (it, others)
        })
        .collect()
}

/// Most links listed per region in the text view (the JSON lists them all).
const TEXT_LINKS_PER_REGION: usize = 200;

/// The `inspect --format json` object of one page:
/// `{url, title, as_of, newest_date, dates[{date,text,kind,used,why}], groups, links[{href,text,region}]}`
/// plus `items` (each with the date `taken` and the item's dates `not_taken`), `forms`,
/// `feeds`, `footer_text`, `script_only`, `needs_javascript` and `note`, `freshness` (the
/// page's date taken by the section precedence), `dates_explained` (every date with `reason`,
/// `reason_vi`, `source`, `item`) and `ignored_dates` (those not used). `groups` is empty: the
/// caller fills it from the rules.
pub fn inspect_json(facts: &PageFacts, as_of: NaiveDate) -> Value {
    // `dates` keeps the design notes' shape; `dates_explained` adds the reason code, its
    // Vietnamese label, the signal source and the item a date belongs to.
    let dates: Vec<Value> = facts
        .dates
        .iter()
        .map(|d| {
            json!({
                "date": d.date.to_string(),
                "text": d.text,
                "kind": d.kind,
                "used": d.used,
                "why": d.why,
            })
        })
        .collect();
    let explained: Vec<Value> = facts.dates.iter().map(date_json).collect();
    let links: Vec<Value> = facts
        .links
        .iter()
        .map(|l| json!({"href": l.href, "text": l.text, "region": l.region}))
        .collect();
    let items: Vec<Value> = item_decisions(facts)
        .into_iter()
        .map(|(i, others)| {
            json!({
                "date": i.date.to_string(),
                "title": i.title,
                "href": i.href,
                "taken": {"date": i.date.to_string(), "source": "list_item",
                          "why": "ngày đăng của mục trong danh sách"},
                "not_taken": others.into_iter().map(date_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let ignored: Vec<Value> = facts
        .dates
        .iter()
        .filter(|d| !d.used)
        .map(date_json)
        .collect();
    json!({
        "url": facts.url,
        "title": facts.title,
        "as_of": as_of.to_string(),
        "newest_date": facts.newest_date.map(|d| d.to_string()),
        "newest_section_date": facts.newest_section_date.map(|d| d.to_string()),
        "dates": dates,
        "groups": [],
        "links": links,
        "items": items,
        "forms": facts.forms,
        "feeds": facts.feeds,
        "footer_text": facts.footer_text,
        "script_only": facts.script_only,
        "needs_javascript": facts.script_only,
        "note": facts.script_only.then_some(NEEDS_JAVASCRIPT),
        "freshness": page_freshness(facts, as_of),
        "dates_explained": explained,
        "ignored_dates": ignored,
    })
}

fn kind_name(k: super::DateKind) -> &'static str {
    use super::DateKind::*;
    match k {
        Item => "item",
        Page => "page",
        Boilerplate => "boilerplate",
        InTitle => "in_title",
        Text => "text",
        Comment => "comment",
    }
}

fn region_name(r: Region) -> &'static str {
    match r {
        Region::Nav => "nav",
        Region::Main => "main",
        Region::Footer => "footer",
    }
}

/// Cut to `n` characters, marking the cut.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The human view of one page: title, newest date, dates table (used / why), items, links by
/// region, forms (search), feeds and footer text.
pub fn inspect_text(facts: &PageFacts, as_of: NaiveDate) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "URL:         {}", facts.url);
    let _ = writeln!(o, "Title:       {}", facts.title);
    if let Some(lang) = &facts.lang {
        let _ = writeln!(o, "Language:    {lang}");
    }
    let _ = writeln!(o, "As of:       {as_of}");
    let shown =
        |d: Option<NaiveDate>, none: &str| d.map_or_else(|| none.to_string(), |d| d.to_string());
    let _ = writeln!(o, "Newest date: {}", shown(facts.newest_date, "none found"));
    if facts.newest_section_date != facts.newest_date {
        let _ = writeln!(
            o,
            "             (for this section: {} — an article page counts its own date, not its \"Tin khác\" box, comments or questions)",
            shown(facts.newest_section_date, "none")
        );
    }
    if facts.script_only {
        let _ = writeln!(
            o,
            "Note:        the page is drawn by JavaScript; what it shows could not be read"
        );
        let _ = writeln!(o, "             ({NEEDS_JAVASCRIPT})");
    }
    let fr = page_freshness(facts, as_of);
    match &fr.taken {
        Some(t) => {
            let _ = writeln!(
                o,
                "Date taken:  {} {} ({}, độ tin cậy {}) — {}",
                t.date,
                t.source.label(),
                t.source.name(),
                t.confidence.label(),
                fr.reason
            );
        }
        None => {
            let _ = writeln!(o, "Date taken:  none — {}", fr.reason);
        }
    }
    if let Some(r) = &facts.meta_refresh {
        let _ = writeln!(o, "Redirects:   {r}");
    }

    let _ = writeln!(o, "\nDates ({}):", facts.dates.len());
    if facts.dates.is_empty() {
        let _ = writeln!(o, "  (none)");
    }
    for d in &facts.dates {
        let _ = writeln!(
            o,
            "  {} {}  {:<11}  {:<28}  {} ({})",
            if d.used { "USED" } else { "  - " },
            d.date,
            kind_name(d.kind),
            cut(&d.text, 28),
            d.reason.label(),
            d.why
        );
    }

    let _ = writeln!(o, "\nDated items ({}):", facts.items.len());
    for (i, others) in item_decisions(facts) {
        let _ = writeln!(
            o,
            "  {}  {}{}",
            i.date,
            cut(&i.title, 90),
            i.href
                .as_deref()
                .map(|h| format!("  <{h}>"))
                .unwrap_or_default()
        );
        let _ = writeln!(o, "      lấy {}: ngày đăng của mục trong danh sách", i.date);
        for d in others {
            let _ = writeln!(
                o,
                "      bỏ {} \"{}\": {}",
                d.date,
                cut(&d.text, 40),
                d.reason.label()
            );
        }
    }

    let _ = writeln!(o, "\nLinks by region:");
    for region in [Region::Nav, Region::Main, Region::Footer] {
        let links: Vec<_> = facts.links.iter().filter(|l| l.region == region).collect();
        let _ = writeln!(o, "  {} ({}):", region_name(region), links.len());
        for l in links.iter().take(TEXT_LINKS_PER_REGION) {
            let _ = writeln!(o, "    {}  <{}>", cut(&l.text, 70), l.href);
        }
        if links.len() > TEXT_LINKS_PER_REGION {
            let _ = writeln!(o, "    … and {} more", links.len() - TEXT_LINKS_PER_REGION);
        }
    }

    let _ = writeln!(o, "\nForms ({}):", facts.forms.len());
    for f in &facts.forms {
        let _ = writeln!(
            o,
            "  {}{}  inputs: {}",
            if f.is_search { "[search] " } else { "" },
            if f.action.is_empty() {
                "(no action)"
            } else {
                &f.action
            },
            f.inputs.join(", ")
        );
    }
    let _ = writeln!(o, "\nFeeds ({}):", facts.feeds.len());
    for f in &facts.feeds {
        let _ = writeln!(o, "  {f}");
    }
    let _ = writeln!(o, "\nFooter:");
    let _ = writeln!(
        o,
        "  {}",
        if facts.footer_text.is_empty() {
            "(none found)".to_string()
        } else {
            cut(&facts.footer_text, 400)
        }
    );
    o
}
