//! URL layout per CMS style. Real Vietnamese agency portals differ most visibly in their URLs
//! (Liferay friendly URLs, SharePoint `.aspx` pages with `ItemID` queries, numeric-id paths,
//! Blogger dated paths), and the crawler's scope and trap rules must cope with all of them.

use chrono::{Datelike, NaiveDate};

use super::SiteStyle;
use crate::text::fold;

/// Fixed numeric prefix of NumericId sites (portal id / site id), as on real VNPT-style portals.
const NUMERIC_PREFIX: &str = "/1229/27531";

/// `Tin tức - Sự kiện` → `tin-tuc-su-kien` (diacritics folded, `đ` → `d`).
pub(super) fn slug(s: &str) -> String {
    fold(s).replace(' ', "-")
}

/// Slug cut at a word boundary to at most `max` bytes (Blogger and some CMSs shorten slugs).
pub(super) fn short_slug(s: &str, max: usize) -> String {
    let full = slug(s);
    if full.len() <= max {
        return full;
    }
    let mut out = String::new();
    for word in full.split('-') {
        if !out.is_empty() && out.len() + 1 + word.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// `Tin tức - Sự kiện` → `TinTucSuKien` (SharePoint page names).
pub(super) fn camel(s: &str) -> String {
    fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// Percent-decode a request path so that `%e1%bb%a9` and `%E1%BB%A9` both find the route.
/// Invalid escapes are kept literally; invalid UTF-8 is replaced (such a path is a 404 anyway).
pub(super) fn pct_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The URL scheme of one site.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    style: SiteStyle,
    /// Liferay site friendly name (`/web/<site>`).
    site: String,
}

impl Layout {
    pub(super) fn new(style: SiteStyle, id: &str) -> Layout {
        Layout {
            style,
            site: slug(id),
        }
    }

    /// Home page path.
    pub(super) fn home(&self) -> String {
        match self.style {
            SiteStyle::Liferay => format!("/web/{}", self.site),
            _ => "/".to_string(),
        }
    }

    /// Path of a section page. `static_page`: a section without dated items (Blogger keeps
    /// those as `/p/<slug>.html` static pages instead of label searches).
    pub(super) fn section(&self, label: &str, num: u32, static_page: bool) -> String {
        match self.style {
            SiteStyle::Liferay => format!("/web/{}/{}", self.site, slug(label)),
            SiteStyle::SharePoint => format!("/Pages/{}.aspx", camel(label)),
            SiteStyle::NumericId => format!("{NUMERIC_PREFIX}/{num}/{}", slug(label)),
            SiteStyle::Blogger if static_page => format!("/p/{}.html", slug(label)),
            // Kept decoded: the route table is keyed by decoded paths; links encode it.
            SiteStyle::Blogger => format!("/search/label/{label}"),
        }
    }

    /// Path of an article. `code`: Liferay asset publisher instance; `num`: section number;
    /// `id`: site-wide article number.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn article(
        &self,
        section_label: &str,
        code: &str,
        num: u32,
        id: u64,
        title: &str,
        date: NaiveDate,
    ) -> String {
        match self.style {
            SiteStyle::Liferay => format!(
                "/web/{}/-/asset_publisher/{code}/content/{}",
                self.site,
                short_slug(title, 90)
            ),
            SiteStyle::SharePoint => format!("/Pages/ChiTiet.aspx?ItemID={id}&CatID={num}"),
            SiteStyle::NumericId => format!(
                "{NUMERIC_PREFIX}/{num}/{id}/{}/{}.html",
                slug(section_label),
                short_slug(title, 90)
            ),
            SiteStyle::Blogger => format!(
                "/{}/{:02}/{}.html",
                date.year(),
                date.month(),
                short_slug(title, 40)
            ),
        }
    }

    /// Path of a static sub-page ("Cơ cấu tổ chức") of a section.
    pub(super) fn subpage(&self, section_label: &str, num: u32, id: u64, title: &str) -> String {
        match self.style {
            SiteStyle::Liferay => {
                format!("/web/{}/{}/{}", self.site, slug(section_label), slug(title))
            }
            SiteStyle::SharePoint => format!("/Pages/{}.aspx", camel(title)),
            SiteStyle::NumericId => format!(
                "{NUMERIC_PREFIX}/{num}/{id}/{}/{}.html",
                slug(section_label),
                slug(title)
            ),
            SiteStyle::Blogger => format!("/p/{}.html", slug(title)),
        }
    }

    /// Search results page (the header form's `action`).
    pub(super) fn search(&self) -> String {
        match self.style {
            SiteStyle::Liferay => format!("/web/{}/tim-kiem", self.site),
            SiteStyle::SharePoint => "/Pages/TimKiem.aspx".to_string(),
            SiteStyle::NumericId => "/tim-kiem".to_string(),
            SiteStyle::Blogger => "/search".to_string(),
        }
    }

    /// Name of the search form's text input.
    pub(super) fn search_param(&self) -> &'static str {
        match self.style {
            SiteStyle::Blogger => "q",
            _ => "keyword",
        }
    }

    /// The human "Sơ đồ site" page.
    pub(super) fn sitemap_page(&self) -> String {
        match self.style {
            SiteStyle::Liferay => format!("/web/{}/so-do-site", self.site),
            SiteStyle::SharePoint => "/Pages/SoDoSite.aspx".to_string(),
            SiteStyle::NumericId => "/so-do-site".to_string(),
            SiteStyle::Blogger => "/p/so-do-site.html".to_string(),
        }
    }

    /// RSS 2.0 feed.
    pub(super) fn feed(&self) -> String {
        match self.style {
            SiteStyle::Liferay => format!("/web/{}/rss", self.site),
            SiteStyle::SharePoint => "/Pages/Rss.aspx".to_string(),
            SiteStyle::NumericId => "/rss.xml".to_string(),
            SiteStyle::Blogger => "/feeds/posts/default".to_string(),
        }
    }

    /// Downloadable document file.
    pub(super) fn document(&self, file: &str, date: NaiveDate) -> String {
        match self.style {
            SiteStyle::Liferay => format!("/documents/20182/{}/{file}", date.year()),
            SiteStyle::SharePoint => format!("/VanBan/{file}"),
            SiteStyle::NumericId => {
                format!("/upload/1229/{}{:02}/{file}", date.year(), date.month())
            }
            SiteStyle::Blogger => format!("/files/{file}"),
        }
    }
}

/// Make `path` unique among `taken` by suffixing `-2`, `-3`, … before the extension (Blogger
/// uses `_2`, as the real platform does).
pub(super) fn unique(
    path: String,
    style: SiteStyle,
    taken: &mut std::collections::HashSet<String>,
) -> String {
    if taken.insert(path.clone()) {
        return path;
    }
    let (stem, ext) = match path.rfind('.') {
        Some(dot) if !path[dot..].contains('/') && !path.contains('?') => {
            (path[..dot].to_string(), path[dot..].to_string())
        }
        _ => (path.clone(), String::new()),
    };
    let sep = if style == SiteStyle::Blogger {
        "_"
    } else {
        "-"
    };
    for n in 2.. {
        let candidate = format!("{stem}{sep}{n}{ext}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
    }
    unreachable!("an unbounded counter always finds a free path")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_camel_case() {
        assert_eq!(slug("Tin tức - Sự kiện"), "tin-tuc-su-kien");
        assert_eq!(camel("Tin tức - Sự kiện"), "TinTucSuKien");
        assert_eq!(camel("Văn bản pháp luật"), "VanBanPhapLuat");
        assert_eq!(short_slug("Một hai ba bốn năm", 10), "mot-hai-ba");
    }

    #[test]
    fn percent_round_trip() {
        assert_eq!(pct_decode("Tin%20t%E1%BB%A9c"), "Tin tức");
        assert_eq!(pct_decode("Tin%20t%e1%bb%a9c"), "Tin tức");
        assert_eq!(pct_decode("100%"), "100%");
        assert_eq!(pct_decode("%zz"), "%zz");
    }

    #[test]
    fn unique_paths() {
        let mut taken = std::collections::HashSet::new();
        let a = unique("/2026/11/a.html".into(), SiteStyle::Blogger, &mut taken);
        let b = unique("/2026/11/a.html".into(), SiteStyle::Blogger, &mut taken);
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("/2026/11/a.html", "/2026/11/a_2.html")
        );
        let c = unique("/web/x/-/content/a".into(), SiteStyle::Liferay, &mut taken);
        let d = unique("/web/x/-/content/a".into(), SiteStyle::Liferay, &mut taken);
        assert_eq!(d, format!("{c}-2"));
    }
}
