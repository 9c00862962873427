//! URLs from sitemaps (sitemaps.org XML, sitemap indexes, plain-text lists), RSS/Atom feeds, and
//! the targets of JavaScript redirects (`location.href = "…"`).

use quick_xml::events::Event;

/// Most URLs read from one sitemap file (the sitemaps.org limit).
const MAX_SITEMAP_LOCS: usize = 50_000;
/// Most entries read from one feed.
const MAX_FEED_ENTRIES: usize = 1_000;

/// What one sitemap file lists.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct SitemapLinks {
    /// Child sitemaps (`<sitemapindex><sitemap><loc>`).
    pub(crate) sitemaps: Vec<String>,
    /// Pages (`<urlset><url><loc>`, or lines of a text sitemap).
    pub(crate) pages: Vec<String>,
    /// The `<lastmod>` of each page, as written (same order as `pages`; `None` when absent).
    /// Discovery ignores it; freshness reads the sitemap through this same parser for it.
    pub(crate) lastmods: Vec<Option<String>>,
}

/// Most script redirect targets read from one page.
const MAX_SCRIPT_REDIRECTS: usize = 5;

/// Targets of JavaScript redirects in a page (`window.location = "…"`, `location.href = '…'`,
/// `location.replace("…")`, `location.assign("…")`), resolved against the page URL.
///
/// We run no JavaScript, so such a redirect is not followed as a redirect; its target is treated
/// as a link discovered on the page instead (in scope, under the usual budgets), which gets it
/// fetched and recorded in the evidence like any other page.
pub(crate) fn script_redirects(base: &url::Url, html: &str) -> Vec<String> {
    script_navigations(html)
        .filter(|nav| !nav.opens_window)
        .filter_map(|nav| base.join(nav.target).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string())
        .take(MAX_SCRIPT_REDIRECTS)
        .collect()
}

/// A page a script navigates to.
pub(crate) struct ScriptNavigation<'a> {
    /// The address as written (relative or absolute).
    pub target: &'a str,
    /// `window.open('…')` rather than an assignment to `location`: a scripted link (a menu
    /// entry's `onclick`), not a redirect of the page.
    pub opens_window: bool,
}

/// Every navigation written in script text: `location = "…"`, `location.href = '…'`,
/// `location.replace("…")`, `location.assign("…")` and `window.open('…')`. One pattern for the
/// crawler's script redirects and the extractor's scripted menu entries.
pub(crate) fn script_navigations(text: &str) -> impl Iterator<Item = ScriptNavigation<'_>> {
    use regex::Regex;
    use std::sync::LazyLock;
    static JS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?:\blocation(?:\.href)?\s*=\s*|\blocation\.(?:replace|assign)\(\s*|(?P<open>\bwindow\.open)\(\s*)["']([^"'\s<>]{1,2000})["']"#,
        )
        .expect("script navigation pattern is valid")
    });
    JS.captures_iter(text).filter_map(|c| {
        Some(ScriptNavigation {
            target: c.get(2)?.as_str(),
            opens_window: c.name("open").is_some(),
        })
    })
}

/// Read a sitemap. Never fails: a broken file yields what was read before the break.
pub(crate) fn parse_sitemap(body: &[u8]) -> SitemapLinks {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    match first {
        Some(b'<') => parse_xml_sitemap(body),
        // A gzip file served without Content-Encoding: not read (no inflate crate here).
        Some(0x1f) => SitemapLinks::default(),
        Some(_) => {
            let pages: Vec<String> = String::from_utf8_lossy(body)
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("http://") || l.starts_with("https://"))
                .take(MAX_SITEMAP_LOCS)
                .map(str::to_string)
                .collect();
            SitemapLinks {
                sitemaps: Vec::new(),
                lastmods: vec![None; pages.len()],
                pages,
            }
        }
        None => SitemapLinks::default(),
    }
}

/// The text of a predefined or character entity reference.
fn entity(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten().map(String::from);
    }
    let name = r.decode().ok()?;
    Some(
        match name.as_ref() {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            _ => return None,
        }
        .to_string(),
    )
}

fn parse_xml_sitemap(body: &[u8]) -> SitemapLinks {
    let mut out = SitemapLinks::default();
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut buf = Vec::new();
    // Which container we are in (`sitemap` or `url`), the text of an open `<loc>`, and the
    // `<lastmod>` of the current `<url>` (`Some` while or once it is open).
    let mut in_sitemap = false;
    let mut loc: Option<String> = None;
    let mut lastmod: Option<String> = None;
    let mut in_lastmod = false;
    // A syntax error ends the reading; what was read before it is kept.
    while let Ok(ev) = reader.read_event_into(&mut buf) {
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                b"sitemap" => in_sitemap = true,
                b"url" => {
                    in_sitemap = false;
                    lastmod = None;
                }
                b"loc" => loc = Some(String::new()),
                b"lastmod" if !in_sitemap => {
                    in_lastmod = true;
                    lastmod = Some(String::new());
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Ok(s) = t.decode() {
                    push_open(&mut loc, &mut lastmod, in_lastmod, &s);
                }
            }
            Event::CData(t) => {
                if let Ok(s) = t.decode() {
                    push_open(&mut loc, &mut lastmod, in_lastmod, &s);
                }
            }
            Event::GeneralRef(r) => {
                if let (Some(l), Some(s)) = (loc.as_mut(), entity(&r)) {
                    l.push_str(&s);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"loc" => {
                    if let Some(l) = loc.take() {
                        let l = l.trim().to_string();
                        if !l.is_empty() {
                            if in_sitemap {
                                out.sitemaps.push(l);
                            } else {
                                out.pages.push(l);
                                out.lastmods.push(None);
                            }
                        }
                    }
                    if out.sitemaps.len() + out.pages.len() >= MAX_SITEMAP_LOCS {
                        break;
                    }
                }
                b"lastmod" => in_lastmod = false,
                b"url" => {
                    // `<lastmod>` may come before or after `<loc>`: it is set once the entry ends.
                    if let (Some(m), Some(slot)) = (lastmod.take(), out.lastmods.last_mut())
                        && slot.is_none()
                    {
                        *slot = Some(m.trim().to_string());
                    }
                }
                b"sitemap" => in_sitemap = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Append text to the open `<loc>`, else to the open `<lastmod>`.
fn push_open(loc: &mut Option<String>, lastmod: &mut Option<String>, in_lastmod: bool, s: &str) {
    if let Some(l) = loc.as_mut() {
        l.push_str(s);
    } else if in_lastmod && let Some(m) = lastmod.as_mut() {
        m.push_str(s);
    }
}

/// One entry of an RSS/Atom feed, as both the crawler (its link) and the freshness stage (its
/// date) read it.
pub(crate) struct FeedEntry {
    /// The entry's link resolved against the feed URL; RSS items may carry only a permalink
    /// `<guid>`, which feed-rs puts in `id`.
    pub link: Option<String>,
    pub title: String,
    /// `published`, else `updated`.
    pub when: Option<chrono::DateTime<chrono::Utc>>,
}

/// The entries of an RSS/Atom feed (at most [`MAX_FEED_ENTRIES`]). A broken feed yields none.
pub(crate) fn read_feed(feed_url: &url::Url, body: &[u8]) -> Vec<FeedEntry> {
    let Ok(feed) = feed_rs::parser::parse(body) else {
        return Vec::new();
    };
    feed.entries
        .iter()
        .take(MAX_FEED_ENTRIES)
        .map(|entry| {
            let href = entry
                .links
                .first()
                .map(|l| l.href.as_str())
                .or_else(|| Some(entry.id.as_str()).filter(|id| id.starts_with("http")));
            FeedEntry {
                link: href.and_then(|h| feed_url.join(h.trim()).ok().map(|u| u.to_string())),
                title: entry
                    .title
                    .as_ref()
                    .map(|t| t.content.trim().to_string())
                    .unwrap_or_default(),
                when: entry.published.or(entry.updated),
            }
        })
        .collect()
}

/// Entry links of an RSS/Atom feed, resolved against the feed URL. A broken feed yields none.
pub(crate) fn parse_feed(feed_url: &url::Url, body: &[u8]) -> Vec<String> {
    read_feed(feed_url, body)
        .into_iter()
        .filter_map(|e| e.link)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_redirect_targets() {
        let base = url::Url::parse("https://so.gov.vn/cu/").unwrap();
        let html = r#"<script>window.location.href = "/moi"; location.replace('trang-2');
            document.location='https://khac.vn/x'; var y = "location.href";</script>"#;
        assert_eq!(
            script_redirects(&base, html),
            [
                "https://so.gov.vn/moi",
                "https://so.gov.vn/cu/trang-2",
                "https://khac.vn/x"
            ]
        );
        assert!(script_redirects(&base, "<p>no script</p>").is_empty());
    }

    #[test]
    fn urlset_and_index() {
        let urlset = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://x.vn/a?b=1&amp;c=2</loc><lastmod>2022-01-01</lastmod></url>
  <url><loc> http://x.vn/b </loc></url>
  <url><loc><![CDATA[http://x.vn/c]]></loc></url>
</urlset>"#;
        let s = parse_sitemap(urlset);
        assert_eq!(
            s.pages,
            ["http://x.vn/a?b=1&c=2", "http://x.vn/b", "http://x.vn/c"]
        );
        assert_eq!(s.lastmods, [Some("2022-01-01".to_string()), None, None]);
        assert!(s.sitemaps.is_empty());
        let index = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://x.vn/sm1.xml</loc></sitemap><sitemap><loc>http://x.vn/sm2.xml</loc></sitemap>
</sitemapindex>"#;
        let s = parse_sitemap(index);
        assert_eq!(s.sitemaps, ["http://x.vn/sm1.xml", "http://x.vn/sm2.xml"]);
        assert!(s.pages.is_empty());
    }

    #[test]
    fn text_broken_and_binary() {
        let s = parse_sitemap(b"http://x.vn/a\n  https://x.vn/b\nnot a url\n");
        assert_eq!(s.pages, ["http://x.vn/a", "https://x.vn/b"]);
        let s = parse_sitemap(b"<urlset><url><loc>http://x.vn/a</loc></url><url><loc>http://x");
        assert_eq!(s.pages, ["http://x.vn/a"]);
        assert_eq!(parse_sitemap(b"\x1f\x8b\x08\x00"), SitemapLinks::default());
        assert_eq!(parse_sitemap(b""), SitemapLinks::default());
        assert_eq!(
            parse_sitemap(b"<html><body>404</body></html>"),
            SitemapLinks::default()
        );
    }

    #[test]
    fn feeds() {
        let base = url::Url::parse("http://x.vn/rss/tin-tuc.rss").unwrap();
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>http://x.vn/a-1.html</link></item>
<item><title>B</title><link>/b-2.html</link></item></channel></rss>"#;
        assert_eq!(
            parse_feed(&base, rss),
            ["http://x.vn/a-1.html", "http://x.vn/b-2.html"]
        );
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>u</id><updated>2022-01-01T00:00:00Z</updated>
<entry><title>A</title><id>x</id><updated>2022-01-01T00:00:00Z</updated><link href="http://x.vn/c"/></entry></feed>"#;
        assert_eq!(parse_feed(&base, atom), ["http://x.vn/c"]);
        assert!(parse_feed(&base, b"not a feed").is_empty());
    }
}
