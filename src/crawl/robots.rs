//! robots.txt (RFC 9309) for our token `ttdt`, parsed by `texting_robots`.

use std::time::Duration;

/// The user-agent token matched against robots.txt groups.
pub(crate) const ROBOTS_TOKEN: &str = "ttdt";

/// Bytes of robots.txt parsed (RFC 9309 asks crawlers to read at least 500 KiB).
pub(crate) const ROBOTS_MAX_BYTES: usize = 512 * 1024;

/// What one origin's robots.txt allows.
#[derive(Debug)]
pub(crate) enum RobotsRules {
    /// 4xx (or no rules for us): everything allowed.
    AllowAll,
    /// Parsed rules.
    Rules(Box<texting_robots::Robot>),
    /// 5xx or unreachable: RFC 9309 says assume complete disallow.
    DisallowAll,
}

impl RobotsRules {
    /// Interpret a fetched robots.txt by status. `None` = no response at all.
    pub(crate) fn from_response(status: Option<u16>, body: &[u8]) -> RobotsRules {
        match status {
            Some(200..=299) => {
                let body = &body[..body.len().min(ROBOTS_MAX_BYTES)];
                // A robots.txt is arbitrary input from the site: a parser panic must not end
                // the crawl, so it is caught and treated like an unparsable file.
                let parsed =
                    std::panic::catch_unwind(|| texting_robots::Robot::new(ROBOTS_TOKEN, body));
                match parsed {
                    Ok(Ok(r)) => RobotsRules::Rules(Box::new(r)),
                    // An unparsable file states no rule we could obey; treat as absent.
                    Ok(Err(_)) | Err(_) => RobotsRules::AllowAll,
                }
            }
            // 429 is "slow down", not "no robots.txt": treated like a server error.
            Some(429) => RobotsRules::DisallowAll,
            // 4xx: no robots.txt. A 3xx reaching here had no usable Location, or the redirect
            // chain was too long: RFC 9309 treats both as "unavailable", i.e. allow.
            Some(300..=499) => RobotsRules::AllowAll,
            _ => RobotsRules::DisallowAll,
        }
    }

    /// May we fetch this URL?
    pub(crate) fn allows(&self, url: &url::Url) -> bool {
        match self {
            RobotsRules::AllowAll => true,
            RobotsRules::DisallowAll => false,
            RobotsRules::Rules(r) => {
                // texting_robots matches on path + query.
                let mut pq = url.path().to_string();
                if let Some(q) = url.query() {
                    pq.push('?');
                    pq.push_str(q);
                }
                r.allowed(&pq)
            }
        }
    }

    /// The Crawl-delay for us, if any (nonsense values ignored).
    pub(crate) fn crawl_delay(&self) -> Option<Duration> {
        match self {
            RobotsRules::Rules(r) => r
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f64(f64::from(d).min(86_400.0))),
            _ => None,
        }
    }

    /// `Sitemap:` lines.
    pub(crate) fn sitemaps(&self) -> &[String] {
        match self {
            RobotsRules::Rules(r) => &r.sitemaps,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> url::Url {
        url::Url::parse(s).unwrap()
    }

    #[test]
    fn rules_for_our_token() {
        let txt = b"User-agent: *\nDisallow: /private\n\nUser-agent: ttdt\nDisallow: /admin\nAllow: /admin/public\nCrawl-delay: 2\nSitemap: http://x.vn/sm.xml\n";
        let r = RobotsRules::from_response(Some(200), txt);
        assert!(!r.allows(&u("http://x.vn/admin/x")));
        assert!(r.allows(&u("http://x.vn/admin/public/a")));
        // Our group replaces the `*` group.
        assert!(r.allows(&u("http://x.vn/private")));
        assert_eq!(r.crawl_delay(), Some(Duration::from_secs(2)));
        assert_eq!(r.sitemaps(), ["http://x.vn/sm.xml".to_string()]);
    }

    #[test]
    fn query_is_matched() {
        let r = RobotsRules::from_response(Some(200), b"User-agent: *\nDisallow: /*?print=\n");
        assert!(!r.allows(&u("http://x.vn/a?print=1")));
        assert!(r.allows(&u("http://x.vn/a")));
    }

    #[test]
    fn status_semantics() {
        assert!(RobotsRules::from_response(Some(404), b"").allows(&u("http://x.vn/a")));
        assert!(!RobotsRules::from_response(Some(503), b"").allows(&u("http://x.vn/a")));
        assert!(!RobotsRules::from_response(None, b"").allows(&u("http://x.vn/a")));
        assert!(
            RobotsRules::from_response(Some(200), b"\xff\xfe garbage").allows(&u("http://x.vn/"))
        );
        assert_eq!(
            RobotsRules::from_response(Some(404), b"").crawl_delay(),
            None
        );
    }
}
