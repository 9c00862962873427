//! What `ttdt inspect` shows for one page: the dates with their kind and reason, the newest
//! publication date, and the links by region — as JSON (the design notes' shape) or as text
//! for people.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{PageFacts, Region};

/// Most links listed per region in the text view (the JSON lists them all).
const TEXT_LINKS_PER_REGION: usize = 200;

/// The `inspect --format json` object of one page:
/// `{url, title, as_of, newest_date, dates[{date,text,kind,used,why}], groups, links[{href,text,region}]}`
/// plus `items`, `forms`, `feeds`, `footer_text` and `script_only`. `groups` is empty: the
/// caller fills it from the rules.
pub fn inspect_json(facts: &PageFacts, as_of: NaiveDate) -> Value {
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
    let links: Vec<Value> = facts
        .links
        .iter()
        .map(|l| json!({"href": l.href, "text": l.text, "region": l.region}))
        .collect();
    let items: Vec<Value> = facts
        .items
        .iter()
        .map(|i| json!({"date": i.date.to_string(), "title": i.title, "href": i.href}))
        .collect();
    json!({
        "url": facts.url,
        "title": facts.title,
        "as_of": as_of.to_string(),
        "newest_date": facts.newest_date.map(|d| d.to_string()),
        "dates": dates,
        "groups": [],
        "links": links,
        "items": items,
        "forms": facts.forms,
        "feeds": facts.feeds,
        "footer_text": facts.footer_text,
        "script_only": facts.script_only,
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
    let _ = writeln!(
        o,
        "Newest date: {}",
        facts
            .newest_date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none found".into())
    );
    if facts.script_only {
        let _ = writeln!(
            o,
            "Note:        the page is drawn by JavaScript; what it shows could not be read"
        );
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
            "  {} {}  {:<11}  {:<28}  {}",
            if d.used { "USED" } else { "  - " },
            d.date,
            kind_name(d.kind),
            cut(&d.text, 28),
            d.why
        );
    }

    let _ = writeln!(o, "\nDated items ({}):", facts.items.len());
    for i in &facts.items {
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
