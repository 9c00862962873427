//! URL canonicalisation (de-duplication key of the frontier) and cheap URL-shape tests.

/// Query keys that only track the visitor: dropping them never changes the page.
fn is_tracking_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("utm_") || matches!(k.as_str(), "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "_ga")
}

/// Query keys that carry a session id: the same page under a new id each visit is a crawler
/// trap, so the id is dropped.
fn is_session_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    matches!(
        k.as_str(),
        "jsessionid" | "phpsessid" | "sid" | "sessionid" | "asp.net_sessionid"
    ) || k.starts_with("aspsessionid")
}

/// Upper-case the hex digits of every `%xx` escape (`%c3%a1` and `%C3%A1` are the same URL).
fn upper_escapes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            out.push('%');
            out.push(b[i + 1].to_ascii_uppercase() as char);
            out.push(b[i + 2].to_ascii_uppercase() as char);
            i += 3;
        } else {
            // Copy one whole UTF-8 character (the input is a valid &str).
            let ch_len = s[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&s[i..i + ch_len]);
            i += ch_len;
        }
    }
    out
}

/// Remove `;jsessionid=…`-style path parameters (Java servlet and PHP session rewriting).
fn strip_path_sessions(path: &str) -> String {
    if !path.contains(';') {
        return path.to_string();
    }
    let mut out = String::with_capacity(path.len());
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let mut parts = segment.split(';');
        out.push_str(parts.next().unwrap_or(""));
        for param in parts {
            let key = param.split('=').next().unwrap_or("");
            if !is_session_key(key) {
                out.push(';');
                out.push_str(param);
            }
        }
    }
    out
}

/// Canonicalise a URL for de-duplication: drop the fragment and default port, upper-case
/// percent-escapes, drop tracking parameters (`utm_*`, `fbclid`, …) and session ids
/// (`jsessionid`, `PHPSESSID`, `sid`, …), sort nothing else (query order can matter).
pub fn canonicalize(url: &url::Url) -> url::Url {
    let mut u = url.clone();
    // The url crate already lower-cases the host and drops a default port when parsing.
    u.set_fragment(None);
    if u.cannot_be_a_base() {
        return u;
    }
    let path = upper_escapes(&strip_path_sessions(u.path()));
    if path != u.path() {
        u.set_path(&path);
    }
    if let Some(q) = u.query() {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|pair| !pair.is_empty())
            .filter(|pair| {
                let key = pair.split('=').next().unwrap_or("");
                !is_tracking_key(key) && !is_session_key(key)
            })
            .collect();
        if kept.is_empty() {
            u.set_query(None);
        } else {
            let q2 = upper_escapes(&kept.join("&"));
            if Some(q2.as_str()) != u.query() {
                u.set_query(Some(&q2));
            }
        }
    }
    u
}

/// File extensions of documents and media: linked for the rules, never fetched as pages.
const NON_HTML_EXT: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv",
    "zip", "rar", "7z", "gz", "tgz", "tar", "bz2", "jpg", "jpeg", "png", "gif", "bmp", "webp",
    "svg", "ico", "tif", "tiff", "mp3", "mp4", "m4a", "m4v", "avi", "mov", "wmv", "flv", "mkv",
    "webm", "wav", "ogg", "exe", "msi", "apk", "iso", "dmg", "css", "js", "json", "xml", "woff",
    "woff2", "ttf", "eot", "swf",
];

/// True when the URL's last path segment ends in a document/media extension (`.pdf`, `.docx`…).
pub fn is_non_html_path(url: &url::Url) -> bool {
    is_file_name(url.path().rsplit('/').next().unwrap_or(""))
}

/// True when `name` is a file's name with a document/media extension ("lich-tuan-48.pdf"):
/// a URL's last segment, or a link text that names an attachment.
pub fn is_file_name(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            let ext = ext.to_ascii_lowercase();
            NON_HTML_EXT.contains(&ext.as_str())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        canonicalize(&url::Url::parse(s).unwrap()).to_string()
    }

    #[test]
    fn fragment_port_host() {
        assert_eq!(
            c("HTTP://Example.GOV.vn:80/a#top"),
            "http://example.gov.vn/a"
        );
        assert_eq!(c("https://x.gov.vn:443/"), "https://x.gov.vn/");
        assert_eq!(c("http://x.gov.vn:8080/a"), "http://x.gov.vn:8080/a");
        assert_eq!(c("http://x.gov.vn"), "http://x.gov.vn/");
    }

    #[test]
    fn escapes_upper_cased() {
        assert_eq!(
            c("http://x.vn/tin-t%e1%bb%a9c?q=%c3%a1"),
            "http://x.vn/tin-t%E1%BB%A9c?q=%C3%A1"
        );
        // A non-ASCII path is percent-encoded by the url crate in upper case already.
        assert_eq!(c("http://x.vn/tin-tức"), "http://x.vn/tin-t%E1%BB%A9c");
        // A lone percent sign stays as is and never panics.
        assert_eq!(c("http://x.vn/a%"), "http://x.vn/a%");
        assert_eq!(c("http://x.vn/a%4"), "http://x.vn/a%4");
    }

    #[test]
    fn tracking_and_sessions_removed() {
        assert_eq!(
            c("http://x.vn/a?utm_source=fb&id=3&fbclid=abc&utm_medium=x"),
            "http://x.vn/a?id=3"
        );
        assert_eq!(
            c("http://x.vn/a?gclid=1&mc_cid=2&mc_eid=3&_ga=4"),
            "http://x.vn/a"
        );
        assert_eq!(
            c("http://x.vn/a?PHPSESSID=abc&page=2"),
            "http://x.vn/a?page=2"
        );
        assert_eq!(
            c("http://x.vn/a?sid=1&sessionid=2&ASP.NET_SessionId=3"),
            "http://x.vn/a"
        );
        assert_eq!(
            c("http://x.vn/a?ASPSESSIONIDQQ=zz&b=1"),
            "http://x.vn/a?b=1"
        );
        assert_eq!(
            c("http://x.vn/a;jsessionid=ABC123?x=1"),
            "http://x.vn/a?x=1"
        );
        assert_eq!(
            c("http://x.vn/a;JSESSIONID=ABC/b.jsp"),
            "http://x.vn/a/b.jsp"
        );
        // Other path parameters are kept.
        assert_eq!(c("http://x.vn/a;v=2"), "http://x.vn/a;v=2");
    }

    #[test]
    fn order_kept_and_empty_query_dropped() {
        assert_eq!(c("http://x.vn/a?b=2&a=1"), "http://x.vn/a?b=2&a=1");
        assert_eq!(c("http://x.vn/a?"), "http://x.vn/a");
        assert_eq!(c("http://x.vn/a?&&"), "http://x.vn/a");
        assert_eq!(c("http://x.vn/a?a=1&&b=2"), "http://x.vn/a?a=1&b=2");
    }

    #[test]
    fn idempotent() {
        for s in [
            "http://x.vn/a?utm_source=1&b=%c3%a1#f",
            "http://x.vn/a;jsessionid=1?sid=2",
            "mailto:someone@x.vn",
        ] {
            let once = canonicalize(&url::Url::parse(s).unwrap());
            assert_eq!(canonicalize(&once), once);
        }
    }

    #[test]
    fn odd_urls_never_panic() {
        for s in [
            "http://[::1]:8080/a;jsessionid=1?sid=2#x",
            "http://user:pw@X.vn/%zz%4?%%%",
            "http://bộ-tư-pháp.gov.vn/tin-tức?q=đ&utm_x",
            "data:text/html,<a>",
            "javascript:alert(1)",
            "http://x.vn/;;;/;=;?&=&",
            "http://x.vn/%E1%BB",
        ] {
            let u = url::Url::parse(s).unwrap();
            let c = canonicalize(&u);
            let _ = is_non_html_path(&c);
            let _ = crate::crawl::frontier::shape(&c);
            let _ = crate::crawl::scope::host_key(&c);
            assert_eq!(canonicalize(&c), c, "{s}");
        }
    }

    #[test]
    fn non_html_paths() {
        let u = |s: &str| url::Url::parse(s).unwrap();
        assert!(is_non_html_path(&u("http://x.vn/files/QD-12.PDF")));
        assert!(is_non_html_path(&u("http://x.vn/a/b.docx?x=1")));
        assert!(!is_non_html_path(&u("http://x.vn/a/b.html")));
        assert!(!is_non_html_path(&u("http://x.vn/a/")));
        assert!(!is_non_html_path(&u("http://x.vn/.pdf")));
        assert!(!is_non_html_path(&u("http://x.vn/tin-tuc")));
    }
}
