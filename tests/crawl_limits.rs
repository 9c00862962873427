//! Budgets and guards: body cap (after decompression), timeouts, query-variant traps, depth,
//! 503 back-off, non-HTML bodies.

mod common;

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Uri, header};
use axum::response::Response;
use common::*;
use ttdt::crawl::{CrawlConfig, Crawler, FailReason, FetchOutcome, FetchRecord, SiteTarget};

fn target(start: url::Url) -> SiteTarget {
    SiteTarget {
        start_url: start,
        scope: Vec::new(),
        extra_hosts: Vec::new(),
    }
}

fn record<'a>(r: &'a ttdt::crawl::CrawlResult, url: &url::Url) -> &'a FetchRecord {
    r.records
        .iter()
        .find(|x| x.url == url.as_str())
        .unwrap_or_else(|| panic!("no record for {url}"))
}

const MB: usize = 1024 * 1024;

fn gzipped(body: Vec<u8>) -> Response {
    let mut r = reply(200, "text/html; charset=utf-8", body);
    r.headers_mut()
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    r
}

const SMALL_PAGE: &str = "<!DOCTYPE html><html><head><title>Nén</title></head><body><a href=\"/sau-gzip\">Tiếp</a></body></html>";

fn bodies() -> Router {
    Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" | "/sitemap.xml" => not_found(),
            "/" => html(page(
                "Trang chủ",
                &ls(&[
                    "/lon",
                    "/gz-lon",
                    "/gz-nho",
                    "/tai-lieu",
                    "/cham-giua-chung",
                    "/dut-giua-chung",
                ]),
                &[],
                &[],
            )),
            "/lon" => {
                let mut b = b"<html><body>".to_vec();
                b.resize(3 * MB, b'x');
                html(String::from_utf8(b).unwrap())
            }
            "/gz-lon" => gzipped(gzip(b"<html><body>", b'a', 3 * MB)),
            "/gz-nho" => gzipped(gzip(SMALL_PAGE.as_bytes(), b' ', 0)),
            // A PDF without an extension: its bytes are kept, never parsed for links.
            "/tai-lieu" => reply(
                200,
                "application/pdf",
                "%PDF-1.4 <a href=\"/an-trong-pdf\">x</a>",
            ),
            "/cham-giua-chung" => {
                // Half a page, then silence past the timeout.
                let stream = futures::stream::unfold(0u8, |state| async move {
                    match state {
                        0 => Some((Ok::<_, std::io::Error>(b"<html><body>mot nua".to_vec()), 1)),
                        1 => {
                            tokio::time::sleep(Duration::from_secs(5)).await;
                            Some((Ok(b"</body></html>".to_vec()), 2))
                        }
                        _ => None,
                    }
                });
                reply(200, "text/html", Body::from_stream(stream))
            }
            "/dut-giua-chung" => {
                // Half a page (flushed), then the server drops the connection.
                let stream = futures::stream::unfold(0u8, |state| async move {
                    match state {
                        0 => Some((Ok(b"<html><body>dang do".to_vec()), 1)),
                        1 => {
                            tokio::time::sleep(Duration::from_millis(200)).await;
                            Some((Err(std::io::Error::other("server crashed")), 2))
                        }
                        _ => None,
                    }
                });
                reply(200, "text/html", Body::from_stream(stream))
            }
            _ => html(page("Trang", &[], &[], &[])),
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn body_cap_counts_decompressed_bytes() {
    let server = TestServer::start(bodies()).await;
    let crawler = Crawler::new(CrawlConfig {
        max_body_bytes: MB,
        request_timeout: Duration::from_secs(3),
        ..config()
    })
    .unwrap();
    let result = crawler.crawl_site(&target(server.url("/")), &|_| {}).await;

    let check_capped = |path: &str| {
        let FetchOutcome::Response(r) = &record(&result, &server.url(path)).outcome else {
            panic!("{path} failed")
        };
        assert_eq!(r.truncated, Some(FailReason::TooLarge), "{path}");
        assert!(r.body.len() <= MB, "{path}: {}", r.body.len());
        assert!(r.body.starts_with(b"<html><body>"));
        r.body.len()
    };
    check_capped("/lon");
    // The gzip stream is a few kilobytes: only counting after decompression trips the cap.
    assert_eq!(check_capped("/gz-lon"), MB);

    let FetchOutcome::Response(small) = &record(&result, &server.url("/gz-nho")).outcome else {
        panic!("gz-nho failed")
    };
    assert_eq!(small.truncated, None);
    assert_eq!(small.body, SMALL_PAGE.as_bytes());
    assert!(
        server.requested("/sau-gzip"),
        "links of a gzip page not read"
    );

    assert!(
        !server.requested("/an-trong-pdf"),
        "a PDF body was parsed as HTML"
    );

    // A body that stalls mid-way keeps its prefix, marked as cut by the timeout.
    let FetchOutcome::Response(half) = &record(&result, &server.url("/cham-giua-chung")).outcome
    else {
        panic!("cham-giua-chung failed")
    };
    assert_eq!(half.truncated, Some(FailReason::Timeout));
    assert_eq!(half.body, b"<html><body>mot nua");

    // A connection dropped mid-body keeps its prefix too, marked as a reset.
    let FetchOutcome::Response(cut) = &record(&result, &server.url("/dut-giua-chung")).outcome
    else {
        panic!("dut-giua-chung failed")
    };
    assert_eq!(cut.truncated, Some(FailReason::Reset));
    assert_eq!(cut.body, b"<html><body>dang do");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_page_times_out_and_the_rest_is_crawled() {
    let server = TestServer::start(Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" | "/sitemap.xml" => not_found(),
            "/" => html(page(
                "Trang chủ",
                &ls(&["/cham", "/nhanh-1", "/nhanh-2"]),
                &[],
                &[],
            )),
            "/cham" => {
                tokio::time::sleep(Duration::from_secs(4)).await;
                html("<html>quá muộn</html>")
            }
            _ => html(page("Trang", &[], &[], &[])),
        }
    }))
    .await;
    let crawler = Crawler::new(CrawlConfig {
        request_timeout: Duration::from_secs(1),
        ..config()
    })
    .unwrap();
    let result = crawler.crawl_site(&target(server.url("/")), &|_| {}).await;
    assert!(matches!(
        record(&result, &server.url("/cham")).outcome,
        FetchOutcome::Failed {
            reason: FailReason::Timeout,
            ..
        }
    ));
    for p in ["/nhanh-1", "/nhanh-2"] {
        assert!(server.requested(p));
        assert!(matches!(
            record(&result, &server.url(p)).outcome,
            FetchOutcome::Response(_)
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_calendar_is_cut_off() {
    let server = TestServer::start(Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" | "/sitemap.xml" => not_found(),
            "/" => html(page("Trang chủ", &ls(&["/lich-cong-tac?tuan=1"]), &[], &[])),
            "/lich-cong-tac" => {
                let n: u64 = uri
                    .query()
                    .and_then(|q| q.strip_prefix("tuan="))
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let next = format!("/lich-cong-tac?tuan={}", n + 1);
                let prev = format!("/lich-cong-tac?tuan={}", n.saturating_sub(1));
                html(page("Lịch công tác", &[], &ls(&[&prev, &next]), &[]))
            }
            _ => not_found(),
        }
    }))
    .await;
    let crawler = Crawler::new(CrawlConfig {
        max_query_variants: 5,
        ..config()
    })
    .unwrap();
    let result = crawler.crawl_site(&target(server.url("/")), &|_| {}).await;
    let calendar = server
        .paths()
        .iter()
        .filter(|p| p.starts_with("/lich-cong-tac"))
        .count();
    assert_eq!(calendar, 5, "{:?}", server.paths());
    let cut = skipped_with(&result, "query_variants");
    assert!(!cut.is_empty());
    assert!(cut.iter().all(|u| u.contains("/lich-cong-tac?tuan=")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn depth_limit() {
    let server = TestServer::start(Router::new().fallback(|uri: Uri| async move {
        let path = uri.path();
        match path {
            "/robots.txt" | "/sitemap.xml" => not_found(),
            "/" => html(page("Trang chủ", &[], &ls(&["/sau-1"]), &[])),
            _ => {
                let n: u32 = path.trim_start_matches("/sau-").parse().unwrap_or(0);
                html(page("Sâu", &[], &ls(&[&format!("/sau-{}", n + 1)]), &[]))
            }
        }
    }))
    .await;
    let crawler = Crawler::new(CrawlConfig {
        max_depth: 3,
        ..config()
    })
    .unwrap();
    let result = crawler.crawl_site(&target(server.url("/")), &|_| {}).await;
    assert!(server.requested("/sau-3"));
    assert!(!server.requested("/sau-4"));
    assert_eq!(
        skipped_with(&result, "max_depth"),
        [server.url("/sau-4").to_string()]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_unavailable_is_retried_after_the_pause() {
    let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let h = hits.clone();
    let server = TestServer::start(Router::new().fallback(move |uri: Uri| {
        let h = h.clone();
        async move {
            match uri.path() {
                "/robots.txt" | "/sitemap.xml" => not_found(),
                "/" => html(page("Trang chủ", &ls(&["/ban"]), &[], &[])),
                "/ban" => {
                    if h.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                        let mut r = reply(503, "text/html", "bận");
                        r.headers_mut()
                            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                        r
                    } else {
                        html(page("Xong", &[], &[], &[]))
                    }
                }
                _ => not_found(),
            }
        }
    }))
    .await;
    let crawler = Crawler::new(config()).unwrap();
    let result = crawler.crawl_site(&target(server.url("/")), &|_| {}).await;
    let ban: Vec<_> = server
        .hits()
        .into_iter()
        .filter(|h| h.path == "/ban")
        .collect();
    assert_eq!(ban.len(), 2);
    assert!(ban[1].at - ban[0].at >= Duration::from_secs(1));
    let statuses: Vec<_> = result
        .records
        .iter()
        .filter(|r| r.url == server.url("/ban").as_str())
        .map(status)
        .collect();
    assert_eq!(statuses, [Some(503), Some(200)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_that_keeps_refusing_is_given_up() {
    let server = TestServer::start(Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" | "/sitemap.xml" => not_found(),
            "/" => {
                let links: Vec<String> = (1..=20).map(|i| format!("/muc-{i}")).collect();
                let refs: Vec<&str> = links.iter().map(String::as_str).collect();
                html(page("Trang chủ", &ls(&refs), &[], &[]))
            }
            _ => {
                let mut r = reply(429, "text/plain", "chậm lại");
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("0"));
                r
            }
        }
    }))
    .await;
    let crawler = Crawler::new(config()).unwrap();
    let result = crawler.crawl_site(&target(server.url("/")), &|_| {}).await;
    let refused = server
        .paths()
        .iter()
        .filter(|p| p.starts_with("/muc-"))
        .count();
    assert!(refused <= 6, "{:?}", server.paths());
    assert!(skipped_with(&result, "slow_down").len() >= 14);
}
