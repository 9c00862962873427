//! Scope (other hosts, other prefixes, extra hosts one hop) and redirects followed by hand.

mod common;

use axum::Router;
use axum::http::Uri;
use common::*;
use ttdt::crawl::{CrawlConfig, Crawler, FailReason, FetchKind, FetchOutcome, SiteTarget};

fn target(start: url::Url, scope: Vec<String>, extra: Vec<String>) -> SiteTarget {
    SiteTarget {
        start_url: start,
        scope,
        extra_hosts: extra,
    }
}

/// A page at every path, linking to the given absolute URLs.
fn linking(links: Vec<String>) -> Router {
    Router::new().fallback(move |uri: Uri| {
        let links = links.clone();
        async move {
            match uri.path() {
                "/robots.txt" | "/sitemap.xml" => not_found(),
                "/web/so-a" | "/web/so-a/" => {
                    let refs: Vec<&str> = links.iter().map(String::as_str).collect();
                    html(page("Sở A", &ls(&refs), &[], &[]))
                }
                _ => html(page("Trang", &ls(&["/web/so-a/tin-tuc"]), &[], &[])),
            }
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn never_leaves_the_scope() {
    // The other server: a different port on the same 127.0.0.1 is a different host.
    let other = TestServer::start(linking(vec![])).await;
    let links = vec![
        "/web/so-a/gioi-thieu".to_string(),
        "/web/so-b/gioi-thieu".to_string(),
        "/web/so-a-cu/".to_string(),
        "/other-prefix/".to_string(),
        other.url("/web/so-a/tin-tuc").to_string(),
    ];
    let server = TestServer::start(linking(links)).await;
    let crawler = Crawler::new(config()).unwrap();
    let t = target(
        server.url("/web/so-a"),
        vec![format!("{}/web/so-a", server.base())],
        vec![],
    );
    let result = crawler.crawl_site(&t, &|_| {}).await;
    assert!(
        other.paths().is_empty(),
        "other server hit: {:?}",
        other.paths()
    );
    let paths = server.paths();
    assert!(server.requested("/web/so-a/gioi-thieu"));
    assert!(server.requested("/web/so-a/tin-tuc"));
    for p in &paths {
        assert!(
            p.starts_with("/web/so-a/")
                || p == "/web/so-a"
                || p == "/robots.txt"
                || p == "/sitemap.xml",
            "out of scope: {p} in {paths:?}"
        );
    }
    // Out-of-scope links are not listed as skipped.
    assert!(result.skipped.iter().all(|s| !s.url.contains("so-b")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extra_hosts_are_fetched_one_hop_only() {
    let dvc = TestServer::start(Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" => not_found(),
            _ => html(page(
                "Dịch vụ công",
                &ls(&["/thu-tuc/sau", "/thu-tuc/bay"]),
                &[],
                &[],
            )),
        }
    }))
    .await;
    let links = vec![dvc.url("/thu-tuc").to_string()];
    let server = TestServer::start(Router::new().fallback(move |uri: Uri| {
        let links = links.clone();
        async move {
            match uri.path() {
                "/robots.txt" | "/sitemap.xml" => not_found(),
                _ => {
                    let refs: Vec<&str> = links.iter().map(String::as_str).collect();
                    html(page("Trang chủ", &ls(&refs), &[], &[]))
                }
            }
        }
    }))
    .await;
    let crawler = Crawler::new(config()).unwrap();
    let t = target(server.url("/"), vec![], vec![dvc.addr.to_string()]);
    let result = crawler.crawl_site(&t, &|_| {}).await;
    // robots.txt of the extra host first, then the linked page, nothing it links to.
    assert_eq!(dvc.paths(), ["/robots.txt", "/thu-tuc"]);
    assert!(
        result
            .records
            .iter()
            .any(|r| r.url == dvc.url("/thu-tuc").to_string() && status(r) == Some(200))
    );
}

fn redirects() -> Router {
    Router::new().fallback(|uri: Uri| async move {
        let path = uri.path();
        // /chain/N and /long/N redirect to N-1 until 0, which is a page.
        for prefix in ["/chain/", "/long/"] {
            if let Some(n) = path.strip_prefix(prefix) {
                let n: u32 = n.parse().unwrap_or(0);
                return if n == 0 {
                    html(page("Đích", &[], &[], &[]))
                } else {
                    redirect(302, &format!("{prefix}{}", n - 1))
                };
            }
        }
        match path {
            "/robots.txt" | "/sitemap.xml" => not_found(),
            "/" => html(page("Trang chủ", &ls(&["/r3", "/loop1", "/r12"]), &[], &[])),
            "/r3" => redirect(301, "/chain/2"),
            "/r12" => redirect(301, "/long/11"),
            "/loop1" => redirect(302, "/loop2"),
            "/loop2" => redirect(307, "/loop1"),
            _ => not_found(),
        }
    })
}

fn by_url<'a>(r: &'a ttdt::crawl::CrawlResult, url: &str) -> Vec<&'a ttdt::crawl::FetchRecord> {
    r.records.iter().filter(|x| x.url == url).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_are_followed_hop_by_hop() {
    let server = TestServer::start(redirects()).await;
    let crawler = Crawler::new(CrawlConfig {
        max_redirects: 10,
        ..config()
    })
    .unwrap();
    let result = crawler
        .crawl_site(&target(server.url("/"), vec![], vec![]), &|_| {})
        .await;

    // Chain of 3: /r3 → /chain/2 → /chain/1 → /chain/0 = four records, three with redirect_to.
    let chain: Vec<&str> = ["/r3", "/chain/2", "/chain/1", "/chain/0"].to_vec();
    let recs: Vec<_> = chain
        .iter()
        .map(|p| {
            let v = by_url(&result, server.url(p).as_str());
            assert_eq!(v.len(), 1, "{p}");
            v[0]
        })
        .collect();
    for (i, r) in recs.iter().enumerate() {
        let FetchOutcome::Response(resp) = &r.outcome else {
            panic!("{} failed", r.url)
        };
        if i < 3 {
            assert_eq!(
                resp.redirect_to.as_deref(),
                Some(server.url(chain[i + 1]).as_str())
            );
        } else {
            assert_eq!(resp.status, 200);
            assert!(resp.redirect_to.is_none());
        }
        assert_eq!(r.kind, FetchKind::Page);
    }
    // Completion order follows the chain.
    let pos = |u: &str| result.records.iter().position(|r| r.url == u).unwrap();
    assert!(pos(server.url("/r3").as_str()) < pos(server.url("/chain/0").as_str()));

    // Loop: /loop1 → /loop2 → /loop1.
    assert!(result.records.iter().any(|r| matches!(
        r.outcome,
        FetchOutcome::Failed {
            reason: FailReason::RedirectLoop,
            ..
        }
    ) && r.url == server.url("/loop1").as_str()));
    assert_eq!(server.paths().iter().filter(|p| *p == "/loop1").count(), 1);

    // 12 hops with a limit of 10: /r12 and ten hops (/long/11 … /long/2) are requested, the
    // eleventh hop (/long/1) is refused.
    let too_many: Vec<_> = result
        .records
        .iter()
        .filter(|r| {
            matches!(
                r.outcome,
                FetchOutcome::Failed {
                    reason: FailReason::TooManyRedirects,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(too_many.len(), 1);
    assert_eq!(too_many[0].url, server.url("/long/1").as_str());
    assert!(server.requested("/long/2"));
    assert!(!server.requested("/long/1"));
    assert!(!server.requested("/long/0"));
    let long_hops = server
        .paths()
        .iter()
        .filter(|p| p.starts_with("/long/"))
        .count();
    assert_eq!(long_hops, 10);
}
