//! Dates from sitemaps (`<url><loc>…<lastmod>`) and RSS/Atom feeds (item `pubDate`,
//! `published`, `updated`). The crawler reads the same files for discovery; this reads the
//! archived bodies again for their dates (analysis reads only the evidence), through the
//! crawler's own sitemap parser.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Most `<url>` entries read from one sitemap (the sitemaps.org limit).
const MAX_SITEMAP_URLS: usize = 50_000;

/// One `<url>` of a sitemap with a readable `<lastmod>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapDate {
    /// `<loc>`, trimmed.
    pub url: String,
    /// `<lastmod>` as a Vietnamese calendar date.
    pub date: NaiveDate,
    /// `<lastmod>` as written.
    pub text: String,
}

/// One feed entry with a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntryDate {
    /// Entry link resolved against the feed URL (or a permalink `<guid>`), if any.
    pub url: Option<String>,
    /// Entry title.
    pub title: String,
    /// `published` (RSS `pubDate`), else `updated`, as a Vietnamese calendar date.
    pub date: NaiveDate,
    /// The instant in RFC 3339.
    pub text: String,
}

/// `<lastmod>` of every page `<url>` of a sitemap (a sitemap index's `<sitemap><lastmod>` dates
/// the child file, not a page, and is skipped). Never fails: a broken file gives what was read
/// before the break; entries without a readable `<lastmod>` are left out.
pub fn sitemap_lastmods(body: &[u8]) -> Vec<SitemapDate> {
    // The crawler's sitemap parser reads `<lastmod>` too: one reader for both stages.
    let sitemap = crate::crawl::parse_sitemap(body);
    sitemap
        .pages
        .into_iter()
        .zip(sitemap.lastmods)
        .filter_map(|(url, lastmod)| {
            let text = lastmod?;
            let date = crate::dates::parse_iso(&text)?;
            Some(SitemapDate { url, date, text })
        })
        .take(MAX_SITEMAP_URLS)
        .collect()
}

fn vietnam_date(t: DateTime<Utc>) -> NaiveDate {
    let ict = FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset");
    t.with_timezone(&ict).date_naive()
}

/// Dated entries of an RSS/Atom feed, links resolved against the feed URL. Entries without a
/// date are left out; a broken feed gives none. The channel's own `lastBuildDate`/`updated`
/// is when the feed was rebuilt, not when anything was published, and is not read.
pub fn feed_entry_dates(feed_url: &url::Url, body: &[u8]) -> Vec<FeedEntryDate> {
    // The crawler's feed reader: one reading of entries, links and dates for both stages.
    crate::crawl::read_feed(feed_url, body)
        .into_iter()
        .filter_map(|entry| {
            let when = entry.when?;
            Some(FeedEntryDate {
                url: entry.link,
                title: entry.title,
                date: vietnam_date(when),
                text: when.to_rfc3339(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn sitemap_lastmods_per_url() {
        let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://x.vn/tin-tuc/a?b=1&amp;c=2</loc><lastmod>2026-11-20T08:00:00+07:00</lastmod></url>
  <url><lastmod> 2026-10-01 </lastmod><loc> http://x.vn/b </loc></url>
  <url><loc>http://x.vn/no-date</loc></url>
  <url><loc>http://x.vn/bad-date</loc><lastmod>hôm qua</lastmod></url>
  <url><loc><![CDATA[http://x.vn/c]]></loc><lastmod>2026-11-24T20:30:00Z</lastmod></url>
</urlset>"#;
        let got = sitemap_lastmods(body.as_bytes());
        let pairs: Vec<(&str, NaiveDate)> = got.iter().map(|s| (s.url.as_str(), s.date)).collect();
        assert_eq!(
            pairs,
            [
                ("http://x.vn/tin-tuc/a?b=1&c=2", d("2026-11-20")),
                ("http://x.vn/b", d("2026-10-01")),
                // 20:30 UTC is the next morning in Viet Nam.
                ("http://x.vn/c", d("2026-11-25")),
            ]
        );
        assert_eq!(got[0].text, "2026-11-20T08:00:00+07:00");
    }

    #[test]
    fn sitemap_index_dates_and_broken_files_give_nothing() {
        let index = br#"<sitemapindex><sitemap><loc>http://x.vn/sm1.xml</loc><lastmod>2026-11-20</lastmod></sitemap></sitemapindex>"#;
        assert!(sitemap_lastmods(index).is_empty());
        assert!(sitemap_lastmods(b"").is_empty());
        assert!(sitemap_lastmods(b"\x1f\x8b\x08").is_empty());
        let cut = b"<urlset><url><loc>http://x.vn/a</loc><lastmod>2026-01-02</lastmod></url><url><loc>http://x";
        assert_eq!(sitemap_lastmods(cut).len(), 1);
    }

    #[test]
    fn rss_and_atom_entry_dates() {
        let base = url::Url::parse("http://x.vn/rss/tin-tuc.rss").unwrap();
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<lastBuildDate>Wed, 25 Nov 2026 03:00:00 GMT</lastBuildDate>
<item><title>Tin A</title><link>/tin-tuc/a.html</link><pubDate>Tue, 10 Nov 2026 09:00:00 +0700</pubDate></item>
<item><title>Không ngày</title><link>/tin-tuc/b.html</link></item>
<item><title>Sai thứ</title><link>/tin-tuc/c.html</link><pubDate>Mon, 12 Nov 2026 23:30:00 GMT</pubDate></item>
</channel></rss>"#;
        let got = feed_entry_dates(&base, rss.as_bytes());
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].url.as_deref(), Some("http://x.vn/tin-tuc/a.html"));
        assert_eq!(got[0].title, "Tin A");
        assert_eq!(got[0].date, d("2026-11-10"));
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>u</id><updated>2026-11-25T00:00:00Z</updated>
<entry><title>A</title><id>x</id><updated>2026-11-03T00:00:00Z</updated><published>2026-11-01T00:00:00Z</published><link href="http://x.vn/c"/></entry>
<entry><title>B</title><id>y</id><updated>2026-11-05T18:00:00Z</updated><link href="http://x.vn/d"/></entry></feed>"#;
        let got = feed_entry_dates(&base, atom);
        let dates: Vec<NaiveDate> = got.iter().map(|e| e.date).collect();
        // Published before updated; updated when there is no published; UTC+7.
        assert_eq!(dates, [d("2026-11-01"), d("2026-11-06")]);
        assert!(feed_entry_dates(&base, b"not a feed").is_empty());
    }
}
