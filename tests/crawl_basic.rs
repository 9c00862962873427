//! Crawl order under a budget, sitemaps, feeds, canonical de-duplication, unreachable sites.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use common::*;
use ttdt::crawl::{CrawlConfig, Crawler, FailReason, FetchKind, FetchOutcome, SiteTarget};

fn target(start: url::Url) -> SiteTarget {
    SiteTarget {
        start_url: start,
        scope: Vec::new(),
        extra_hosts: Vec::new(),
    }
}

const SECTIONS: usize = 8;
const ARTICLES: usize = 25;
const PER_PAGE: usize = 10;

fn article(i: usize, j: usize) -> String {
    format!("/s{i}/bai-viet-so-{j}-{}.html", 10_000 + j)
}

fn nav() -> Vec<(String, String)> {
    (1..=SECTIONS)
        .map(|i| (format!("/s{i}/"), format!("Chuyên mục {i}")))
        .collect()
}

/// A portal of 8 sections × 25 articles, list pages of 10 with pagination (~225 pages). The
/// home page puts 30 "latest news" links *before* its menu in the document, so a crawler that
/// follows document order or plain breadth-first order spends a 25-page budget on articles.
fn structured(uri: Uri) -> Response {
    let path = uri.path();
    let q = uri.query().unwrap_or("");
    if path == "/" {
        let latest: String = (0..30)
            .map(|k| {
                let a = article(k % SECTIONS + 1, k / SECTIONS + 1);
                format!("<li><a href=\"{a}\">Tin mới {k}</a></li>")
            })
            .collect();
        let menu: String = nav()
            .iter()
            .map(|(h, t)| format!("<li><a href=\"{h}\">{t}</a></li>"))
            .collect();
        return html(format!(
            "<!DOCTYPE html><html><head><title>Trang chủ</title></head><body>\
             <main><h2>Tin mới nhất</h2><ul>{latest}</ul></main>\
             <nav class=\"main-menu\"><ul>{menu}</ul></nav>\
             <footer><a href=\"/lien-he\">Liên hệ</a></footer></body></html>"
        ));
    }
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let section = segs
        .first()
        .and_then(|s| s.strip_prefix('s'))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=SECTIONS).contains(n));
    match (section, segs.len()) {
        (Some(i), 1) => {
            let p: usize = q
                .strip_prefix("page=")
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            let from = (p - 1) * PER_PAGE + 1;
            let to = (p * PER_PAGE).min(ARTICLES);
            let mut main: Vec<(String, String)> = (from..=to)
                .map(|j| (article(i, j), format!("Bài {j}")))
                .collect();
            for k in 2..=ARTICLES.div_ceil(PER_PAGE) {
                main.push((format!("/s{i}/?page={k}"), format!("Trang {k}")));
            }
            html(page(
                &format!("Chuyên mục {i}"),
                &nav(),
                &main,
                &ls(&["/lien-he"]),
            ))
        }
        (Some(i), 2) => {
            let j: usize = segs[1]
                .strip_prefix("bai-viet-so-")
                .and_then(|r| r.split('-').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            let related: Vec<(String, String)> = (j + 1..=j + 2)
                .filter(|k| *k <= ARTICLES)
                .map(|k| (article(i, k), format!("Bài {k}")))
                .collect();
            html(page(&format!("Bài {j}"), &nav(), &related, &[]))
        }
        _ if path == "/lien-he" => html(page("Liên hệ", &nav(), &[], &[])),
        _ => not_found(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_reaches_every_section_first() {
    let server =
        TestServer::start(Router::new().fallback(|uri: Uri| async move { structured(uri) })).await;
    let crawler = Crawler::new(CrawlConfig {
        max_pages: 25,
        ..config()
    })
    .unwrap();
    let seen = AtomicUsize::new(0);
    let result = crawler
        .crawl_site(&target(server.url("/")), &|_r| {
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .await;

    let paths = server.paths();
    // robots.txt before anything else, then the home page.
    assert_eq!(paths[0], "/robots.txt");
    assert_eq!(paths[1], "/");
    for i in 1..=SECTIONS {
        assert!(
            server.requested(&format!("/s{i}/")),
            "section {i} not fetched: {paths:?}"
        );
    }
    assert!(
        server.requested("/lien-he"),
        "footer link of the home page not fetched"
    );
    let page_requests = paths
        .iter()
        .filter(|p| *p != "/robots.txt" && *p != "/sitemap.xml")
        .count();
    assert!(page_requests <= 25, "{page_requests} page requests");
    let pages = of_kind(&result, FetchKind::Page);
    assert_eq!(pages.len(), 25);
    assert_eq!(seen.load(Ordering::SeqCst), result.records.len());
    assert!(!skipped_with(&result, "max_pages").is_empty());
    // No skipped URL is reported twice.
    let mut urls: Vec<&str> = result.skipped.iter().map(|s| s.url.as_str()).collect();
    let n = urls.len();
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), n);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whole_small_site_without_budget() {
    let server =
        TestServer::start(Router::new().fallback(|uri: Uri| async move { structured(uri) })).await;
    let crawler = Crawler::new(CrawlConfig {
        max_pages: 1000,
        ..config()
    })
    .unwrap();
    let result = crawler.crawl_site(&target(server.url("/")), &|_| {}).await;
    // Home + contact + 8 × (3 list pages + 25 articles).
    let expected = 2 + SECTIONS * (ARTICLES.div_ceil(PER_PAGE) + ARTICLES);
    assert_eq!(of_kind(&result, FetchKind::Page).len(), expected);
    // Each page exactly once.
    let mut paths = server.paths();
    let n = paths.len();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), n);
    assert!(skipped_with(&result, "max_pages").is_empty());
}

fn host_base(headers: &HeaderMap) -> String {
    format!(
        "http://{}",
        headers
            .get("host")
            .and_then(|h| h.to_str().ok())
            .unwrap_or("")
    )
}

/// robots.txt names a sitemap index → sitemap → pages linked from nowhere; the home page
/// announces an RSS feed whose entry is linked from nowhere either.
fn discovery(uri: Uri, headers: HeaderMap) -> Response {
    let base = host_base(&headers);
    match uri.path() {
        "/robots.txt" => reply(
            200,
            "text/plain",
            format!("User-agent: *\nAllow: /\nSitemap: {base}/sm-index.xml\n"),
        ),
        "/sm-index.xml" => reply(
            200,
            "application/xml",
            format!(
                "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
                 <sitemap><loc>{base}/sm-1.xml</loc></sitemap></sitemapindex>"
            ),
        ),
        "/sm-1.xml" => reply(
            200,
            "application/xml",
            format!(
                "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
                 <url><loc>{base}/from-sitemap-a</loc></url>\
                 <url><loc>{base}/tin-tuc/from-sitemap-b-12345.html</loc></url>\
                 <url><loc>http://elsewhere.invalid/x</loc></url></urlset>"
            ),
        ),
        "/rss.xml" => reply(
            200,
            "application/rss+xml",
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Tin</title>\
                 <item><title>Bài từ RSS</title><link>{base}/from-feed-1</link></item>\
                 </channel></rss>"
            ),
        ),
        "/" => html(
            "<!DOCTYPE html><html><head><title>Trang chủ</title>\
             <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\"></head>\
             <body><nav><a href=\"/gioi-thieu\">Giới thiệu</a>\
             <a href=\"/rss-lien-ket\">RSS</a></nav></body></html>",
        ),
        // A feed linked as a plain link (no `<link rel=alternate>`), served as text/xml.
        "/rss-lien-ket" => reply(
            200,
            "text/xml; charset=utf-8",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Tin</title>\
             <item><title>Bài</title><link>/from-feed-link</link></item></channel></rss>",
        ),
        "/sitemap.xml" => not_found(),
        _ => html(page("Trang", &[], &[], &[])),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sitemap_index_and_feed_are_followed() {
    let server = TestServer::start(
        Router::new()
            .fallback(|uri: Uri, headers: HeaderMap| async move { discovery(uri, headers) }),
    )
    .await;
    let crawler = Crawler::new(config()).unwrap();
    let result = crawler.crawl_site(&target(server.url("/")), &|_| {}).await;
    for p in [
        "/sm-index.xml",
        "/sm-1.xml",
        "/from-sitemap-a",
        "/tin-tuc/from-sitemap-b-12345.html",
        "/rss.xml",
        "/from-feed-1",
        "/gioi-thieu",
        "/from-feed-link",
    ] {
        assert!(server.requested(p), "{p} not fetched: {:?}", server.paths());
    }
    let sitemaps = of_kind(&result, FetchKind::Sitemap);
    assert_eq!(
        sitemaps.len(),
        3,
        "index, sitemap and the absent /sitemap.xml"
    );
    assert!(sitemaps.iter().any(|r| status(r) == Some(404)));
    let feeds = of_kind(&result, FetchKind::Feed);
    assert_eq!(feeds.len(), 1);
    assert_eq!(status(feeds[0]), Some(200));
    // Sitemap files are fetched before ordinary pages (after the home page).
    let paths = server.paths();
    let pos = |p: &str| paths.iter().position(|x| x == p).unwrap();
    assert!(pos("/") < pos("/sm-index.xml"));
    assert!(pos("/sm-1.xml") < pos("/tin-tuc/from-sitemap-b-12345.html"));
    let robots = of_kind(&result, FetchKind::Robots);
    assert_eq!(robots.len(), 1);
}

/// Links that differ only by tracking parameters, fragments or session ids are one page;
/// documents and other schemes are not fetched; a meta refresh is followed.
fn duplicates(uri: Uri) -> Response {
    match uri.path() {
        "/" => html(
            "<!DOCTYPE html><html><head><title>Trang chủ</title></head><body><main>\
             <a href=\"/x?utm_source=zalo&amp;utm_medium=share\">x1</a>\
             <a href=\"/x#binh-luan\">x2</a>\
             <a href=\"/x?fbclid=abc\">x3</a>\
             <a href=\"/x\">x4</a>\
             <a href=\"/y;jsessionid=ABC123\">y1</a>\
             <a href=\"/y?PHPSESSID=zzz\">y2</a>\
             <a href=\"/van-ban/QD-12.pdf\">Quyết định</a>\
             <a href=\"/van-ban/bao-cao.DOCX\">Báo cáo</a>\
             <a href=\"mailto:vanthu@x.gov.vn\">Thư</a>\
             <a href=\"javascript:void(0)\">JS</a>\
             <a href=\"/cu\">Trang cũ</a>\
             </main></body></html>",
        ),
        "/cu" => html(
            "<html><head><meta http-equiv=\"refresh\" content=\"0; url=/moi\"></head><body></body></html>",
        ),
        "/robots.txt" | "/sitemap.xml" => not_found(),
        _ => html(page("Trang", &[], &[], &[])),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn canonical_duplicates_fetched_once() {
    let server =
        TestServer::start(Router::new().fallback(|uri: Uri| async move { duplicates(uri) })).await;
    let crawler = Crawler::new(config()).unwrap();
    let result = crawler.crawl_site(&target(server.url("/")), &|_| {}).await;
    let paths = server.paths();
    assert_eq!(
        paths.iter().filter(|p| p.starts_with("/x")).count(),
        1,
        "{paths:?}"
    );
    assert!(server.requested("/x"));
    assert_eq!(
        paths.iter().filter(|p| p.starts_with("/y")).count(),
        1,
        "{paths:?}"
    );
    assert!(server.requested("/y"));
    assert!(
        !paths
            .iter()
            .any(|p| p.contains(".pdf") || p.to_lowercase().contains(".docx"))
    );
    assert!(
        server.requested("/moi"),
        "meta refresh not followed: {paths:?}"
    );
    assert!(result.records.iter().all(|r| !r.url.contains("utm_")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreachable_start_is_a_connect_failure() {
    let port = closed_port();
    let crawler = Crawler::new(config()).unwrap();
    let start = url::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let result = crawler.crawl_site(&target(start), &|_| {}).await;
    assert!(!result.records.is_empty());
    assert!(result.records.iter().any(|r| matches!(
        r.outcome,
        FetchOutcome::Failed {
            reason: FailReason::Connect,
            ..
        }
    )));
    // Unreachable robots.txt means disallow-all (RFC 9309): the start page is skipped, not hit.
    assert_eq!(
        skipped_with(&result, "robots"),
        [format!("http://127.0.0.1:{port}/")]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_host_is_a_dns_failure() {
    let crawler = Crawler::new(config()).unwrap();
    // `.invalid` never resolves (RFC 2606), with or without a network.
    let start = url::Url::parse("http://ttdt-khong-ton-tai.invalid/").unwrap();
    let result = crawler.crawl_site(&target(start), &|_| {}).await;
    let reasons: Vec<_> = result
        .records
        .iter()
        .filter_map(|r| match &r.outcome {
            FetchOutcome::Failed { reason, .. } => Some(*reason),
            FetchOutcome::Response(_) => None,
        })
        .collect();
    // A resolver that is itself unreachable may time out instead; both mean "not reached".
    assert!(
        matches!(
            reasons.as_slice(),
            [FailReason::Dns] | [FailReason::Timeout]
        ),
        "{reasons:?}"
    );
}

#[test]
fn crawl_future_is_send() {
    // `ttdt run` spawns one crawl per agency: the future must be Send.
    fn assert_send<T: Send>(_: &T) {}
    let crawler = Crawler::new(config()).unwrap();
    let t = target(url::Url::parse("http://127.0.0.1:9/").unwrap());
    let f = crawler.crawl_site(&t, &|_| {});
    assert_send(&f);
}
