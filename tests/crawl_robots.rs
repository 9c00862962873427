//! robots.txt obeyed (Allow/Disallow, Crawl-delay with its cap, 5xx = disallow all) and
//! per-host politeness shared by concurrent site crawls.

mod common;

use std::time::{Duration, Instant};

use axum::Router;
use axum::http::Uri;
use axum::response::Response;
use common::*;
use ttdt::crawl::{CrawlConfig, Crawler, FetchKind, SiteTarget};

fn target(start: url::Url, scope: Vec<String>) -> SiteTarget {
    SiteTarget {
        start_url: start,
        scope,
        extra_hosts: Vec::new(),
    }
}

/// A small site whose robots.txt is given.
fn with_robots(robots: &'static str, status: u16) -> Router {
    Router::new().fallback(move |uri: Uri| async move {
        match uri.path() {
            "/robots.txt" => reply(status, "text/plain", robots),
            "/" => html(page(
                "Trang chủ",
                &ls(&[
                    "/private/so-lieu",
                    "/gioi-thieu",
                    "/khong-cho-ttdt",
                    "/cong-khai",
                ]),
                &[],
                &[],
            )),
            "/sitemap.xml" => not_found(),
            _ => html(page("Trang", &[], &[], &[])),
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disallowed_paths_are_never_requested() {
    let robots = "User-agent: *\nDisallow: /\n\nUser-agent: ttdt\nDisallow: /private\nDisallow: /khong-cho-ttdt\nAllow: /\n";
    let server = TestServer::start(with_robots(robots, 200)).await;
    let crawler = Crawler::new(config()).unwrap();
    let result = crawler
        .crawl_site(&target(server.url("/"), vec![]), &|_| {})
        .await;
    let paths = server.paths();
    assert_eq!(paths[0], "/robots.txt");
    assert!(
        !paths.iter().any(|p| p.starts_with("/private")),
        "{paths:?}"
    );
    assert!(!server.requested("/khong-cho-ttdt"));
    assert!(server.requested("/gioi-thieu"));
    assert!(server.requested("/cong-khai"));
    let skipped = skipped_with(&result, "robots");
    assert!(
        skipped.contains(&server.url("/private/so-lieu").to_string()),
        "{skipped:?}"
    );
    assert!(skipped.contains(&server.url("/khong-cho-ttdt").to_string()));
    assert_eq!(of_kind(&result, FetchKind::Robots).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_server_error_means_disallow_all() {
    let server = TestServer::start(with_robots("oops", 500)).await;
    let crawler = Crawler::new(config()).unwrap();
    let result = crawler
        .crawl_site(&target(server.url("/"), vec![]), &|_| {})
        .await;
    // Only robots.txt (tried twice: one retry after a server error), never a page.
    assert!(
        server.paths().iter().all(|p| p == "/robots.txt"),
        "{:?}",
        server.paths()
    );
    let robots = of_kind(&result, FetchKind::Robots);
    assert!(!robots.is_empty() && robots.iter().all(|r| status(r) == Some(500)));
    assert_eq!(
        skipped_with(&result, "robots"),
        [server.url("/").to_string()]
    );
    assert!(of_kind(&result, FetchKind::Page).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_not_found_allows_all() {
    let server = TestServer::start(with_robots("", 404)).await;
    let crawler = Crawler::new(config()).unwrap();
    let result = crawler
        .crawl_site(&target(server.url("/"), vec![]), &|_| {})
        .await;
    assert!(server.requested("/private/so-lieu"));
    assert!(skipped_with(&result, "robots").is_empty());
}

/// Home links two pages; robots.txt sets a Crawl-delay.
fn slow_site(robots: &'static str) -> Router {
    Router::new().fallback(move |uri: Uri| async move {
        match uri.path() {
            "/robots.txt" => reply(200, "text/plain", robots),
            "/" => html(page("Trang chủ", &ls(&["/a"]), &[], &[])),
            "/sitemap.xml" => not_found(),
            _ => html(page("Trang", &[], &[], &[])),
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawl_delay_wins_over_a_smaller_delay() {
    let server = TestServer::start(slow_site("User-agent: *\nCrawl-delay: 1\n")).await;
    let crawler = Crawler::new(CrawlConfig {
        delay: Duration::from_millis(50),
        ..config()
    })
    .unwrap();
    crawler
        .crawl_site(&target(server.url("/"), vec![]), &|_| {})
        .await;
    let paths = server.paths();
    assert!(paths.len() >= 4, "{paths:?}"); // robots, home, sitemap.xml, /a
    let gap = server.min_gap().unwrap();
    assert!(gap >= Duration::from_secs(1), "gap {gap:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawl_delay_is_capped() {
    let server = TestServer::start(slow_site("User-agent: *\nCrawl-delay: 100\n")).await;
    let crawler = Crawler::new(CrawlConfig {
        delay: Duration::from_millis(10),
        crawl_delay_cap: Duration::from_millis(300),
        ..config()
    })
    .unwrap();
    let t = Instant::now();
    crawler
        .crawl_site(&target(server.url("/"), vec![]), &|_| {})
        .await;
    // Four requests 300 ms apart; with Crawl-delay 100 uncapped this would take minutes.
    assert!(
        t.elapsed() < Duration::from_secs(30),
        "took {:?}",
        t.elapsed()
    );
    assert!(server.paths().len() >= 4);
    let gap = server.min_gap().unwrap();
    assert!(gap >= Duration::from_millis(300), "gap {gap:?}");
}

/// One portal host carrying two agencies under `/a/` and `/b/`; each page takes a moment to
/// answer so overlapping requests would be visible in the in-flight counter.
fn portal() -> Router {
    Router::new().fallback(|uri: Uri| async move {
        tokio::time::sleep(Duration::from_millis(15)).await;
        let path = uri.path().to_string();
        let r: Response = match path.as_str() {
            "/robots.txt" | "/sitemap.xml" => not_found(),
            p if p.starts_with("/a/") || p.starts_with("/b/") => {
                let agency = &p[..3];
                let links: Vec<String> = (1..=8).map(|i| format!("{agency}muc-{i}")).collect();
                let refs: Vec<&str> = links.iter().map(String::as_str).collect();
                html(page("Cơ quan", &ls(&refs), &[], &[]))
            }
            _ => not_found(),
        };
        r
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_sites_on_one_host_share_the_politeness() {
    let server = TestServer::start(portal()).await;
    let delay = Duration::from_millis(30);
    let crawler = Crawler::new(CrawlConfig {
        delay,
        concurrency: 8,
        ..config()
    })
    .unwrap();
    let a = target(server.url("/a/"), vec![server.url("/a/").to_string()]);
    let b = target(server.url("/b/"), vec![server.url("/b/").to_string()]);
    let (ra, rb) = tokio::join!(
        crawler.crawl_site(&a, &|_| {}),
        crawler.crawl_site(&b, &|_| {})
    );
    assert_eq!(of_kind(&ra, FetchKind::Page).len(), 9);
    assert_eq!(of_kind(&rb, FetchKind::Page).len(), 9);
    // Neither site strayed into the other's prefix.
    assert!(ra.records.iter().all(|r| !r.url.contains("/b/")));
    assert!(rb.records.iter().all(|r| !r.url.contains("/a/")));
    assert_eq!(server.max_in_flight(), 1);
    let gap = server.min_gap().unwrap();
    assert!(gap >= delay, "gap {gap:?}");
    // Both sites really ran side by side (their requests interleave).
    let paths = server.paths();
    let first_b = paths.iter().position(|p| p.starts_with("/b/")).unwrap();
    let last_a = paths.iter().rposition(|p| p.starts_with("/a/")).unwrap();
    assert!(first_b < last_a, "{paths:?}");
}
