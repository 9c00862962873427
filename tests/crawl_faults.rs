//! Robustness under faults: one agency site linking to every kind of trouble (see
//! `fault_server`), crawled and audited end to end. For each fault: no panic, the crawl ends,
//! the failure is in `fetch_errors` with a stable code and a human detail, and the rest of the
//! site is still crawled. A site whose home page cannot be fetched is `unreachable` with every
//! group `unmeasured`; a site with only some failing sections is `partial`, and the groups that
//! depended on them are `unmeasured`, not `missing`.

mod fault_server;

use std::time::Duration;

use chrono::NaiveDate;
use fault_server::*;
use ttdt::crawl::{CrawlConfig, CrawlResult, Crawler, FetchOutcome, FetchRecord, SiteTarget};
use ttdt::score::{AgencyRef, FetchError, Overrides, SiteScore, SiteStatus, Status};

const MB: usize = 1024 * 1024;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// Small, fast settings: short timeouts, a 1 MB body cap, few query variants.
fn config() -> CrawlConfig {
    CrawlConfig {
        delay: Duration::from_millis(5),
        request_timeout: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(2),
        max_body_bytes: MB,
        max_redirects: 5,
        max_query_variants: 6,
        max_pages: 200,
        ..CrawlConfig::default()
    }
}

fn agency() -> AgencyRef {
    AgencyRef {
        id: "so-thu".into(),
        name: "Sở Thử nghiệm".into(),
        block: "so_nganh".into(),
    }
}

/// Score a crawl with the default rules, as `audit` and `run` do.
fn score(start: &url::Url, result: &CrawlResult) -> SiteScore {
    let rules = ttdt::rules::default_rules();
    let mut s = ttdt::audit::audit_site(
        &agency(),
        start.as_str(),
        &result.records,
        &rules,
        as_of(),
        &Overrides::default(),
    );
    s.note_skipped(&result.skipped);
    s
}

/// The fetch errors of a URL.
fn errors_of<'a>(s: &'a SiteScore, url: &str) -> Vec<&'a FetchError> {
    s.fetch_errors.iter().filter(|e| e.url == url).collect()
}

/// The one reason code reported for a URL (panics with the whole list otherwise).
fn reason_of(s: &SiteScore, url: &str) -> String {
    let errs = errors_of(s, url);
    assert!(
        !errs.is_empty(),
        "no fetch error for {url}: {:#?}",
        s.fetch_errors
    );
    for e in &errs {
        assert!(!e.detail.trim().is_empty(), "empty detail: {e:?}");
    }
    errs[0].reason.clone()
}

/// Records of a URL.
fn records_of<'a>(r: &'a CrawlResult, url: &str) -> Vec<&'a FetchRecord> {
    r.records.iter().filter(|x| x.url == url).collect()
}

/// The decoded text of the (last) response of a URL.
fn decoded(r: &CrawlResult, url: &str) -> ttdt::text::Decoded {
    let rec = records_of(r, url)
        .pop()
        .unwrap_or_else(|| panic!("{url} not fetched"));
    let FetchOutcome::Response(resp) = &rec.outcome else {
        panic!("{url} failed: {:?}", rec.outcome)
    };
    ttdt::text::decode(&resp.body, resp.header("content-type"))
}

fn target(start: url::Url, scope: Vec<String>) -> SiteTarget {
    SiteTarget {
        start_url: start,
        scope,
        extra_hosts: Vec::new(),
    }
}

/// The whole fault site in one crawl (so "the rest of the site is still crawled" is checked
/// with every fault present at once).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_is_recorded_and_the_rest_is_crawled() {
    // Built before the crawl: compressing 1 GiB takes a moment.
    tokio::task::spawn_blocking(gzip_bomb).await.unwrap();
    let (reset_base, reset_log) = reset_server().await;
    let server = FaultServer::start(fault_site(FaultSite {
        huge_bytes: 50 * MB,
        reset_base: Some(reset_base.clone()),
    }))
    .await;
    let cfg = config();
    let crawler = Crawler::new(cfg.clone()).unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(
            &target(
                start.clone(),
                vec![format!("{}/", server.base()), format!("{reset_base}/")],
            ),
            &|_| {},
        )
        .await;
    let s = score(&start, &result);
    let u = |p: &str| server.url(p).to_string();
    for e in &s.fetch_errors {
        eprintln!("{:<20} {} — {}", e.reason, e.url, e.detail);
    }

    // The home page and the healthy parts were crawled despite everything else.
    assert!(server.count("/tin-tuc") == 1 && server.count("/tin-tuc/bai-1") == 1);
    assert_eq!(s.status, SiteStatus::Partial, "{:#?}", s.fetch_errors);
    assert!(s.pages_fetched >= 10, "{}", s.pages_fetched);

    // Tarpit: a body trickling past the timeout.
    assert_eq!(reason_of(&s, &u("/tarpit")), "timeout");
    // Reset mid-body (RST after half the announced length).
    assert!(reset_log_has(&reset_log, "/dut-ket-noi"));
    assert_eq!(reason_of(&s, &format!("{reset_base}/dut-ket-noi")), "reset");
    // Server errors.
    assert_eq!(reason_of(&s, &u("/loi-500")), "http_5xx");
    assert_eq!(reason_of(&s, &u("/loi-502")), "http_5xx");
    assert_eq!(reason_of(&s, &u("/loi-503")), "http_5xx");
    assert_eq!(errors_of(&s, &u("/loi-503")).len(), 1, "one entry per URL");
    // 503 is retried a bounded number of times (Retry-After 0: the back-off is our delay,
    // doubled each time).
    assert_eq!(server.count("/loi-503"), 1 + cfg.max_retries as usize);
    // 429 with Retry-After 1: waited for, retried, then read.
    let qua_tai: Vec<_> = server
        .hits()
        .into_iter()
        .filter(|h| h.path == "/qua-tai")
        .collect();
    assert_eq!(qua_tai.len(), 2);
    assert!(qua_tai[1].at - qua_tai[0].at >= Duration::from_secs(1));
    assert!(errors_of(&s, &u("/qua-tai")).is_empty());
    assert_eq!(server.count("/sau-qua-tai"), 1);
    // The firewall page: blocked, named by its title.
    assert_eq!(reason_of(&s, &u("/cam-truy-cap")), "blocked");
    assert!(
        errors_of(&s, &u("/cam-truy-cap"))[0]
            .detail
            .contains("Web Application Firewall")
    );
    // Redirect loop and a chain longer than the limit.
    assert!(
        s.fetch_errors
            .iter()
            .any(|e| e.reason == "redirect_loop" && e.detail.contains("vong-lap-b")),
        "{:#?}",
        s.fetch_errors
    );
    assert!(
        s.fetch_errors
            .iter()
            .any(|e| e.reason == "too_many_redirects")
    );
    assert!(server.count_prefix("/chuyen-") <= cfg.max_redirects + 1);
    // Meta refresh followed; a script redirect's target fetched and recorded.
    assert_eq!(server.count("/dich-lam-moi"), 1);
    assert_eq!(server.count("/dich-js"), 1);
    assert_eq!(records_of(&result, &u("/dich-js")).len(), 1);
    // Soft 404: reported, not a page (so no evidence of any section).
    assert_eq!(reason_of(&s, &u("/khong-tim-thay")), "soft_404");
    // The 50 MB page: cut at the cap, the prefix kept, memory bounded by the cap.
    assert_eq!(reason_of(&s, &u("/rat-lon")), "too_large");
    let big = records_of(&result, &u("/rat-lon"));
    let FetchOutcome::Response(big) = &big[0].outcome else {
        panic!()
    };
    assert_eq!(big.body.len(), cfg.max_body_bytes);
    // The gzip bomb (1 GiB inflated): stopped at the cap on decompressed bytes.
    assert_eq!(reason_of(&s, &u("/bom-gzip")), "too_large");
    let bomb = records_of(&result, &u("/bom-gzip"));
    let FetchOutcome::Response(bomb) = &bomb[0].outcome else {
        panic!()
    };
    assert_eq!(bomb.body.len(), cfg.max_body_bytes);
    assert!(bomb.body.starts_with(b"<html><body><p>bom nen</p>"));
    // Wrong Content-Type (octet-stream): sniffed as HTML, links followed.
    assert_eq!(server.count("/sau-sai-kieu"), 1);
    assert!(errors_of(&s, &u("/sai-kieu")).is_empty());
    // A header charset that lies (ISO-8859-1 on UTF-8 bytes): decoded as UTF-8.
    assert!(
        decoded(&result, &u("/sai-charset"))
            .text
            .contains("Thông báo tuyển dụng công chức năm 2026")
    );
    // Invalid UTF-8: decoded with replacements, the Vietnamese around them intact.
    let bad = decoded(&result, &u("/utf8-hong"));
    assert!(bad.had_errors);
    assert!(bad.text.contains("Công khai ngân sách"), "{}", bad.text);
    assert!(bad.text.contains("năm 2026"));
    // windows-1258 (combining tone marks): decoded and composed to NFC.
    let cp = decoded(&result, &u("/cp1258"));
    assert_eq!(cp.encoding, "windows-1258");
    assert!(cp.text.contains(CP1258_UNICODE), "{}", cp.text);
    // TCVN3: recognised by its font, decoded, flagged as not Unicode.
    let tc = decoded(&result, &u("/tcvn3"));
    assert_eq!((tc.encoding.as_str(), tc.source), ("TCVN3", "font"));
    assert!(tc.text.contains(TCVN3_UNICODE), "{}", tc.text);
    let flagged: Vec<(&str, &str)> = s
        .non_unicode_pages
        .iter()
        .map(|p| (p.url.as_str(), p.encoding.as_str()))
        .collect();
    assert!(
        flagged.contains(&(u("/tcvn3").as_str(), "TCVN3")),
        "{flagged:?}"
    );
    assert!(flagged.contains(&(u("/cp1258").as_str(), "windows-1258")));
    assert!(
        s.non_unicode_pages
            .iter()
            .all(|p| p.note == "không dùng Unicode TCVN 6909")
    );
    assert!(!flagged.iter().any(|(url, _)| *url == u("/sai-charset")));
    // Malformed, unclosed HTML: its link still found.
    assert_eq!(server.count("/sau-html-hong"), 1);
    // robots.txt Disallow obeyed and reported.
    assert_eq!(server.count_prefix("/noi-bo/"), 0);
    assert!(skipped_count(&s, "robots") >= 1);
    // Session ids stripped: one fetch of the page whatever id the links carry.
    assert_eq!(
        server.count_prefix("/gioi-thieu"),
        1,
        "{:?}",
        server.paths()
    );
    // The endless calendar: cut at the query-variant limit, reported as a trap.
    assert_eq!(
        server.count_prefix("/lich-cong-tac"),
        cfg.max_query_variants
    );
    assert!(skipped_count(&s, "query_variants") >= 1);
    // The date calendar repeats itself: the second page's links are not expanded.
    assert_eq!(server.count_prefix("/lich?"), 2, "{:?}", server.paths());
    assert!(skipped_count(&s, "duplicate_content") >= 1);
    // Query permutations: bounded by the same guards.
    assert!(server.count_prefix("/tra-cuu") <= cfg.max_query_variants);
    let traps: Vec<&FetchError> = s
        .fetch_errors
        .iter()
        .filter(|e| e.reason == "trap")
        .collect();
    assert!(traps.iter().any(|e| e.detail.contains("query_variants")));
    assert!(traps.iter().any(|e| e.detail.contains("duplicate_content")));

    // Every reason code is one of the documented stable codes.
    const CODES: &[&str] = &[
        "timeout",
        "reset",
        "connect",
        "dns",
        "tls",
        "too_large",
        "redirect_loop",
        "too_many_redirects",
        "other",
        "http_4xx",
        "http_5xx",
        "blocked",
        "soft_404",
        "robots",
        "trap",
    ];
    for e in &s.fetch_errors {
        assert!(CODES.contains(&e.reason.as_str()), "unknown code {e:?}");
    }
    // The JSON carries the same.
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["status"], "partial");
    assert!(json["skipped"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(
        json["non_unicode_pages"]
            .as_array()
            .is_some_and(|a| a.len() >= 2)
    );
}

fn reset_log_has(log: &Log, path: &str) -> bool {
    log.paths().iter().any(|p| p == path)
}

fn skipped_count(s: &SiteScore, reason: &str) -> usize {
    s.skipped
        .iter()
        .find(|c| c.reason == reason)
        .map_or(0, |c| c.count)
}

/// A home page whose menu links a section that always fails: the site is `partial`, the
/// section's group `unmeasured` (not `missing`), and the crawl goes on to the other sections.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_section_is_unmeasured_not_missing() {
    use axum::Router;
    use axum::http::Uri;
    let server = FaultServer::start(Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" | "/sitemap.xml" => reply(404, "text/plain", ""),
            "/" => html(page(
                "Sở Thử nghiệm",
                &[("/lich-cong-tac", "Lịch công tác"), ("/tin-tuc", "Tin tức")],
                &[],
                "Trang chủ",
            )),
            "/lich-cong-tac" => reply(500, "text/html", "<html><title>Lỗi</title></html>"),
            _ => html(page("Tin tức", &[], &[], "Tin tức sự kiện")),
        }
    }))
    .await;
    let crawler = Crawler::new(config()).unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(&target(start.clone(), vec![]), &|_| {})
        .await;
    let s = score(&start, &result);
    assert_eq!(s.status, SiteStatus::Partial);
    assert_eq!(
        reason_of(&s, server.url("/lich-cong-tac").as_str()),
        "http_5xx"
    );
    assert_eq!(server.count("/tin-tuc"), 1);
    let lich = s
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter())
        .find(|c| c.id == "chi_dao_dieu_hanh_lich_cap_nhat")
        .expect("criterion in the default rules");
    assert_eq!(lich.status, Status::Unmeasured, "{lich:?}");
    assert!(s.provisional);
    assert!(s.groups.iter().all(|g| g.status != Status::Unmeasured
        || g.criteria.iter().any(|c| c.status == Status::Unmeasured)));
}

/// Everything a site whose home page cannot be read must show.
fn assert_unreachable(s: &SiteScore, code: &str) {
    assert_eq!(s.status, SiteStatus::Unreachable, "{:#?}", s.fetch_errors);
    assert!(
        s.fetch_errors
            .iter()
            .any(|e| e.reason == code && !e.detail.is_empty()),
        "no {code}: {:#?}",
        s.fetch_errors
    );
    assert!(s.provisional);
    for g in &s.groups {
        assert_eq!(g.status, Status::Unmeasured, "group {}", g.id);
        assert!(g.criteria.iter().all(|c| c.status == Status::Unmeasured));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dns_failure_is_unreachable_and_unmeasured() {
    // RFC 2606: `.invalid` never resolves, so this needs no network.
    let start = url::Url::parse("http://so-khong-ton-tai.invalid/").unwrap();
    let crawler = Crawler::new(config()).unwrap();
    let result = crawler
        .crawl_site(&target(start.clone(), vec![]), &|_| {})
        .await;
    assert_unreachable(&score(&start, &result), "dns");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tarpit_home_page_is_unreachable() {
    use axum::Router;
    use axum::http::Uri;
    let server = FaultServer::start(Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" => reply(404, "text/plain", ""),
            _ => {
                // Headers at once, then nothing useful: never a readable page.
                tokio::time::sleep(Duration::from_secs(3600)).await;
                html("")
            }
        }
    }))
    .await;
    let crawler = Crawler::new(config()).unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(&target(start.clone(), vec![]), &|_| {})
        .await;
    assert_unreachable(&score(&start, &result), "timeout");
}

/// RFC 9309: a robots.txt that cannot be fetched (here: never answers) means "disallow all";
/// the home page is then not fetched, and the site is unreachable rather than empty.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_that_never_answer_mean_unreachable() {
    let server = silent_robots_server().await;
    let crawler = Crawler::new(config()).unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(&target(start.clone(), vec![]), &|_| {})
        .await;
    assert_eq!(server.count("/"), 0, "a page fetched without robots.txt");
    let s = score(&start, &result);
    assert_unreachable(&s, "timeout");
    assert!(
        errors_of(&s, server.url("/robots.txt").as_str())
            .iter()
            .any(|e| e.reason == "timeout")
    );
    assert!(skipped_count(&s, "robots") >= 1);
}

/// RFC 9309: a robots.txt answering 5xx (after one retry) means "disallow all" too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_server_error_means_unreachable_with_the_reason() {
    use axum::Router;
    use axum::http::Uri;
    let server = FaultServer::start(Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" => reply(500, "text/plain", "lỗi"),
            _ => html(page("Trang chủ", &[], &[], "Nội dung")),
        }
    }))
    .await;
    let crawler = Crawler::new(config()).unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(&target(start.clone(), vec![]), &|_| {})
        .await;
    assert_eq!(server.count("/robots.txt"), 2, "one retry");
    assert_eq!(server.count("/"), 0);
    let s = score(&start, &result);
    assert_unreachable(&s, "robots");
    let e = errors_of(&s, server.url("/robots.txt").as_str());
    assert_eq!(e.len(), 1);
    assert!(e[0].detail.contains("HTTP 500"), "{}", e[0].detail);
}

// ---------------------------------------------------------------------------------------------
// TLS

fn tls_site() -> axum::Router {
    use axum::Router;
    use axum::http::Uri;
    Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" | "/sitemap.xml" => reply(404, "text/plain", ""),
            "/" => html(page(
                "Sở Thử nghiệm",
                &[("/tin-tuc", "Tin tức")],
                &[],
                "Trang chủ",
            )),
            _ => html(page("Tin tức", &[], &[], "Tin tức sự kiện")),
        }
    })
}

/// A self-signed certificate: not trusted by default, the site unreachable with every group
/// unmeasured, and the fetch error names the issuer and validity.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_signed_certificate_is_not_trusted_and_described() {
    let cert = self_signed("Tu ky Test CA", (2025, 1, 1), (2035, 1, 1));
    let server = FaultServer::start_tls(tls_site(), &cert).await;
    let crawler = Crawler::new(config()).unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(&target(start.clone(), vec![]), &|_| {})
        .await;
    let s = score(&start, &result);
    assert_unreachable(&s, "tls");
    assert_eq!(server.count("/"), 0);
    let e = s.fetch_errors.iter().find(|e| e.reason == "tls").unwrap();
    assert!(e.detail.contains("Tu ky Test CA"), "{}", e.detail);
    assert!(e.detail.contains("2035-01-01"), "{}", e.detail);
    assert!(e.detail.contains("self-signed"), "{}", e.detail);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_certificate_is_not_trusted_and_described() {
    let cert = self_signed("Het han Test", (2020, 1, 1), (2021, 1, 1));
    let server = FaultServer::start_tls(tls_site(), &cert).await;
    let crawler = Crawler::new(config()).unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(&target(start.clone(), vec![]), &|_| {})
        .await;
    let s = score(&start, &result);
    assert_unreachable(&s, "tls");
    let e = s.fetch_errors.iter().find(|e| e.reason == "tls").unwrap();
    assert!(e.detail.contains("2021-01-01"), "{}", e.detail);
    assert!(e.detail.contains("(expired)"), "{}", e.detail);
    assert!(e.detail.contains("Het han Test"), "{}", e.detail);
}

/// `--insecure` opts in: the same expired site is crawled, and the JSON report says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insecure_crawls_an_untrusted_site_and_the_report_says_so() {
    let cert = self_signed("Het han Test", (2020, 1, 1), (2021, 1, 1));
    let server = FaultServer::start_tls(tls_site(), &cert).await;
    let crawler = Crawler::new(CrawlConfig {
        insecure: true,
        ..config()
    })
    .unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(&target(start.clone(), vec![]), &|_| {})
        .await;
    let s = score(&start, &result);
    assert_eq!(s.status, SiteStatus::Ok, "{:#?}", s.fetch_errors);
    assert_eq!(server.count("/tin-tuc"), 1);

    // Through the CLI: `audit --insecure --format json`.
    let url = start.to_string();
    let (audit, rescore) = tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().unwrap();
        let ttdt = || std::process::Command::new(env!("CARGO_BIN_EXE_ttdt"));
        let audit = ttdt()
            .args(["audit", &url, "--insecure", "--format", "json", "--quiet"])
            .args(["--delay-ms", "5", "--as-of", "2026-11-25", "--out"])
            .arg(dir.path())
            .output()
            .unwrap();
        // Rescoring the stored evidence still says so (the warcinfo records it).
        let rescore = ttdt()
            .arg("rescore")
            .arg(dir.path())
            .args(["--format", "json"])
            .output()
            .unwrap();
        (audit, rescore)
    })
    .await
    .unwrap();
    for out in [&audit, &rescore] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["insecure"], true);
        assert_eq!(json["sites"][0]["status"], "ok");
    }
}

// ---------------------------------------------------------------------------------------------
// Politeness, from the server's own log

/// A site of 12 slow pages (each answer takes 200 ms).
fn slow_pages() -> axum::Router {
    use axum::Router;
    use axum::http::Uri;
    Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" | "/sitemap.xml" => reply(404, "text/plain", ""),
            "/" => {
                let links: Vec<(String, String)> = (1..=12)
                    .map(|i| (format!("/muc-{i}"), format!("Mục {i}")))
                    .collect();
                let refs: Vec<(&str, &str)> = links
                    .iter()
                    .map(|(h, t)| (h.as_str(), t.as_str()))
                    .collect();
                html(page("Trang chủ", &refs, &[], "Trang chủ"))
            }
            p => {
                tokio::time::sleep(Duration::from_millis(200)).await;
                html(page(
                    "Mục",
                    &[],
                    &[],
                    &format!("Nội dung {}", words(p.len() as u64)),
                ))
            }
        }
    })
}

/// The default is one request in flight per host, and the configured delay between arrivals.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_connection_per_host_and_the_delay_by_default() {
    let server = FaultServer::start(slow_pages()).await;
    let delay = Duration::from_millis(60);
    let crawler = Crawler::new(CrawlConfig {
        delay,
        concurrency: 8,
        ..config()
    })
    .unwrap();
    crawler
        .crawl_site(&target(server.url("/"), vec![]), &|_| {})
        .await;
    assert!(server.count_prefix("/muc-") == 12);
    assert_eq!(server.max_in_flight(), 1);
    let gap = server.min_gap().unwrap();
    assert!(gap >= delay, "gap {gap:?}");
}

/// `max_host_connections: 2`: two requests overlap at most, and request starts are still at
/// least the delay apart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_host_connection_limit_holds() {
    let server = FaultServer::start(slow_pages()).await;
    let delay = Duration::from_millis(40);
    let crawler = Crawler::new(CrawlConfig {
        delay,
        concurrency: 8,
        max_host_connections: 2,
        ..config()
    })
    .unwrap();
    crawler
        .crawl_site(&target(server.url("/"), vec![]), &|_| {})
        .await;
    assert!(server.count_prefix("/muc-") == 12);
    // The server saw the requests arrive over its connections (peer addresses logged).
    assert!(server.connections() >= 1);
    // 200 ms answers and a 40 ms gap: a second connection is used, never a third.
    assert_eq!(server.max_in_flight(), 2);
    let gap = server.min_gap().unwrap();
    assert!(gap >= delay, "gap {gap:?}");
}

/// A URL that keeps answering 503 is retried a bounded number of times, each pause longer
/// (Retry-After 1 s, doubled per attempt); a Retry-After beyond the cap is honoured only up to
/// the cap (the host waits that long) and that URL is not retried.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_down_answers_back_off_with_bounded_retries() {
    use axum::Router;
    use axum::http::{HeaderValue, Uri, header};
    let server = FaultServer::start(Router::new().fallback(|uri: Uri| async move {
        match uri.path() {
            "/robots.txt" | "/sitemap.xml" => reply(404, "text/plain", ""),
            "/" => html(page(
                "Trang chủ",
                &[("/ban", "Bận"), ("/lau", "Lâu"), ("/sau", "Sau")],
                &[],
                "Trang chủ",
            )),
            "/ban" => {
                let mut r = reply(503, "text/html", "bận");
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                r
            }
            "/lau" => {
                let mut r = reply(429, "text/html", "chờ một giờ");
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("3600"));
                r
            }
            _ => html(page("Sau", &[], &[], "Nội dung")),
        }
    }))
    .await;
    let cap = Duration::from_millis(2500);
    let crawler = Crawler::new(CrawlConfig {
        max_retries: 2,
        retry_after_cap: cap,
        ..config()
    })
    .unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(&target(start.clone(), vec![]), &|_| {})
        .await;
    let hits = server.hits();
    let at = |path: &str| -> Vec<std::time::Instant> {
        hits.iter()
            .filter(|h| h.path == path)
            .map(|h| h.at)
            .collect()
    };
    let ban = at("/ban");
    assert_eq!(ban.len(), 3, "{:?}", server.paths());
    assert!(ban[1] - ban[0] >= Duration::from_secs(1));
    assert!(ban[2] - ban[1] >= Duration::from_secs(2));
    // Retry-After 3600 s: not retried, and the next request to the host waits the cap.
    let lau = at("/lau");
    assert_eq!(lau.len(), 1);
    if let Some(next) = hits.iter().find(|h| h.at > lau[0]) {
        assert!(next.at - lau[0] >= cap, "{:?}", next.at - lau[0]);
    }
    assert_eq!(server.count("/sau"), 1);
    let s = score(&start, &result);
    assert_eq!(reason_of(&s, server.url("/ban").as_str()), "http_5xx");
    assert_eq!(reason_of(&s, server.url("/lau").as_str()), "http_4xx");
}
