//! Which URLs belong to the agency: its own host(s) or the given URL prefixes, plus the
//! `extra_hosts` fetched one hop only. `.gov.vn` is a public suffix, so scope is always a host,
//! never a registrable domain.

use super::canonicalize;

/// `host` or `host:port` when the port is not the scheme's default. Politeness, robots and scope
/// key on this, so `http://h/` and `https://h/` are the same host while two local test servers
/// on different ports are not.
pub(crate) fn host_key(url: &url::Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    Some(match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    })
}

/// The same host with or without `www.` (not for IP addresses, which have no twin).
fn www_twin(host_key: &str) -> Option<String> {
    let bare_host = host_key.split(':').next().unwrap_or("");
    if bare_host.parse::<std::net::Ipv4Addr>().is_ok() || host_key.starts_with('[') {
        return None;
    }
    match host_key.strip_prefix("www.") {
        Some(rest) => Some(rest.to_string()),
        None => Some(format!("www.{host_key}")),
    }
}

/// `host[:port]/path?query` of a canonical URL: prefixes compare without the scheme so an
/// `http://` prefix still covers the site after its redirect to `https://`.
fn schemeless(url: &url::Url) -> Option<String> {
    let mut s = host_key(url)?;
    s.push_str(url.path());
    if let Some(q) = url.query() {
        s.push('?');
        s.push_str(q);
    }
    Some(s)
}

/// The scope of one site crawl.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    /// Host keys of the default scope (start host and its `www.` twin, plus hosts adopted from
    /// the start page's redirect). Empty when prefixes are given.
    hosts: Vec<String>,
    /// Schemeless canonical prefixes (`tinh.gov.vn/web/so-tu-phap`).
    prefixes: Vec<String>,
    /// Host keys fetched one hop only.
    extra_hosts: Vec<String>,
}

impl Scope {
    /// Build from the target: prefixes when any parse, else the start host and its twin.
    pub(crate) fn new(start: &url::Url, prefixes: &[String], extra_hosts: &[String]) -> Scope {
        let prefixes: Vec<String> = prefixes
            .iter()
            .filter_map(|p| url::Url::parse(p.trim()).ok())
            .filter_map(|u| schemeless(&canonicalize(&u)))
            .collect();
        let mut scope = Scope {
            hosts: Vec::new(),
            prefixes,
            extra_hosts: extra_hosts
                .iter()
                .map(|h| normalise_host_entry(h))
                .filter(|h| !h.is_empty())
                .collect(),
        };
        if scope.prefixes.is_empty() {
            scope.adopt_host(start);
        }
        scope
    }

    /// True when the URL scope is given by prefixes (not the default host scope).
    pub(crate) fn has_prefixes(&self) -> bool {
        !self.prefixes.is_empty()
    }

    /// Add a host (and its `www.` twin) to the default scope: used when the start page
    /// redirects to another host (an agency that moved to a new domain).
    pub(crate) fn adopt_host(&mut self, url: &url::Url) {
        if let Some(h) = host_key(url) {
            if let Some(t) = www_twin(&h) {
                if !self.hosts.contains(&t) {
                    self.hosts.push(t);
                }
            }
            if !self.hosts.contains(&h) {
                self.hosts.push(h);
            }
        }
    }

    /// Is this (canonical) URL part of the agency's site?
    pub(crate) fn contains(&self, url: &url::Url) -> bool {
        if !matches!(url.scheme(), "http" | "https") {
            return false;
        }
        if self.prefixes.is_empty() {
            return host_key(url).is_some_and(|h| self.hosts.contains(&h));
        }
        let Some(s) = schemeless(url) else {
            return false;
        };
        self.prefixes.iter().any(|p| prefix_matches(p, &s))
    }

    /// Is the URL on a host of the scope (any path)? Sitemaps and feeds of a portal live at
    /// its root even when the agency's scope is a path below it.
    pub(crate) fn host_contains(&self, url: &url::Url) -> bool {
        if !matches!(url.scheme(), "http" | "https") {
            return false;
        }
        let Some(h) = host_key(url) else {
            return false;
        };
        if self.prefixes.is_empty() {
            return self.hosts.contains(&h);
        }
        self.prefixes
            .iter()
            .any(|p| p.split('/').next().is_some_and(|ph| ph == h))
    }

    /// Is the URL on one of the `extra_hosts` (fetched when linked, not expanded)?
    pub(crate) fn is_extra(&self, url: &url::Url) -> bool {
        if !matches!(url.scheme(), "http" | "https") {
            return false;
        }
        let Some(h) = host_key(url) else {
            return false;
        };
        let bare = url.host_str().unwrap_or("").to_ascii_lowercase();
        self.extra_hosts.iter().any(|e| *e == h || *e == bare)
    }
}

/// `dichvucong.sonla.gov.vn`, `https://dichvucong.sonla.gov.vn/` and `Host:8080` all become a
/// host key.
fn normalise_host_entry(entry: &str) -> String {
    let e = entry.trim();
    if e.contains("://") {
        if let Ok(u) = url::Url::parse(e) {
            return host_key(&u).unwrap_or_default();
        }
    }
    e.split('/').next().unwrap_or("").to_ascii_lowercase()
}

/// Prefix match on a path boundary: `/web/so-tu-phap` covers `/web/so-tu-phap/tin-tuc` and
/// `/web/so-tu-phap?x` but not `/web/so-tu-phap-cu`.
fn prefix_matches(prefix: &str, s: &str) -> bool {
    if !s.starts_with(prefix) {
        // `tinh.gov.vn/web/so` also covers `tinh.gov.vn/web/so/` written with the slash.
        return s.len() + 1 == prefix.len() && prefix.ends_with('/') && prefix.starts_with(s);
    }
    if prefix.ends_with('/') || prefix.ends_with('?') {
        return true;
    }
    matches!(
        s[prefix.len()..].chars().next(),
        None | Some('/' | '?' | ';')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> url::Url {
        canonicalize(&url::Url::parse(s).unwrap())
    }

    #[test]
    fn default_scope_is_host_and_www_twin() {
        let s = Scope::new(&u("https://sotttt.sonla.gov.vn/"), &[], &[]);
        assert!(s.contains(&u("https://sotttt.sonla.gov.vn/tin-tuc")));
        assert!(s.contains(&u("http://sotttt.sonla.gov.vn/tin-tuc")));
        assert!(s.contains(&u("https://www.sotttt.sonla.gov.vn/")));
        assert!(!s.contains(&u("https://sonla.gov.vn/")));
        assert!(!s.contains(&u("https://sotttt.sonla.gov.vn:8443/")));
        assert!(!s.contains(&u("mailto:a@sotttt.sonla.gov.vn")));
        let w = Scope::new(&u("http://www.x.gov.vn/"), &[], &[]);
        assert!(w.contains(&u("http://x.gov.vn/a")));
    }

    #[test]
    fn ports_distinguish_local_servers() {
        let s = Scope::new(&u("http://127.0.0.1:4000/"), &[], &[]);
        assert!(s.contains(&u("http://127.0.0.1:4000/a")));
        assert!(!s.contains(&u("http://127.0.0.1:4001/a")));
    }

    #[test]
    fn prefixes_replace_default() {
        let s = Scope::new(
            &u("http://tinh.gov.vn/web/so-tu-phap"),
            &["http://tinh.gov.vn/web/so-tu-phap".into()],
            &[],
        );
        assert!(s.contains(&u("http://tinh.gov.vn/web/so-tu-phap")));
        assert!(s.contains(&u("https://tinh.gov.vn/web/so-tu-phap/tin-tuc")));
        assert!(s.contains(&u("http://tinh.gov.vn/web/so-tu-phap?p=1")));
        assert!(!s.contains(&u("http://tinh.gov.vn/web/so-tu-phap-cu")));
        assert!(!s.contains(&u("http://tinh.gov.vn/web/so-y-te")));
        assert!(s.host_contains(&u("http://tinh.gov.vn/sitemap.xml")));
        assert!(!s.host_contains(&u("http://www.tinh.gov.vn/sitemap.xml")));
        let slash = Scope::new(&u("http://h.vn/a/"), &["http://h.vn/a/".into()], &[]);
        assert!(slash.contains(&u("http://h.vn/a")));
        assert!(slash.contains(&u("http://h.vn/a/b")));
        assert!(!slash.contains(&u("http://h.vn/ab")));
    }

    #[test]
    fn extra_hosts() {
        let s = Scope::new(
            &u("http://x.gov.vn/"),
            &[],
            &[
                "dichvucong.sonla.gov.vn".into(),
                "https://other.vn/path".into(),
            ],
        );
        assert!(s.is_extra(&u("https://dichvucong.sonla.gov.vn/tthc")));
        assert!(s.is_extra(&u("https://other.vn/")));
        assert!(!s.is_extra(&u("https://x.gov.vn/")));
        assert!(!s.contains(&u("https://dichvucong.sonla.gov.vn/tthc")));
    }

    #[test]
    fn adoption_of_redirect_host() {
        let mut s = Scope::new(&u("http://old.vn/"), &[], &[]);
        assert!(!s.contains(&u("https://new.gov.vn/")));
        s.adopt_host(&u("https://new.gov.vn/home"));
        assert!(s.contains(&u("https://new.gov.vn/")));
        assert!(s.contains(&u("https://www.new.gov.vn/")));
        assert!(!s.has_prefixes());
    }
}
