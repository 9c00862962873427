//! Freshness from several signals, end to end on a real 127.0.0.1 server: three sections whose
//! list, sitemap `<lastmod>`, RSS items and HTTP `Last-Modified` disagree. The report must take
//! the date the documented precedence gives, attribute sitemap and feed dates to the right
//! section, and say which signal was taken and why.

mod common;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use chrono::NaiveDate;
use common::{TestServer, config, html, not_found, reply};
use ttdt::crawl::{Crawler, SiteTarget};
use ttdt::freshness::{REASON_FETCH_TIME, REASON_FUTURE, SignalSource};
use ttdt::rules::default_rules;
use ttdt::score::{AgencyRef, CriterionScore, Overrides, SiteScore};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Every page carries the site-wide feed in its head (as most CMSs do).
fn shell(title: &str, extra_head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss/all.rss\">{extra_head}</head>\
         <body><header><nav><ul>\
         <li><a href=\"/\">Trang chủ</a></li>\
         <li><a href=\"/tin-tuc/\">Tin tức</a></li>\
         <li><a href=\"/thong-bao/\">Thông báo</a></li>\
         <li><a href=\"/pho-bien-phap-luat/\">Phổ biến pháp luật</a></li>\
         </ul></nav></header><main><h1>{title}</h1>{body}</main>\
         <footer><p>© 2026 Sở Thử nghiệm. Cơ quan chủ quản: UBND tỉnh</p></footer></body></html>"
    )
}

fn with_last_modified(mut r: Response, value: &str) -> Response {
    r.headers_mut()
        .insert(header::LAST_MODIFIED, HeaderValue::from_str(value).unwrap());
    r
}

fn news_item(date: &str, title: &str, href: &str) -> String {
    format!("<li><a href=\"{href}\">{title}</a> <span class=\"date\">({date})</span></li>")
}

fn article(title: &str, date: &str) -> String {
    shell(
        title,
        "",
        &format!("<div class=\"info\">Ngày đăng: {date}</div><p>Nội dung bài viết về {title}.</p>"),
    )
}

async fn site() -> TestServer {
    let router = Router::new()
        .route(
            "/",
            get(|| async { html(shell("Sở Thử nghiệm", "", "<p>Chào mừng.</p>")) }),
        )
        // News: visible list (newest 01/10/2026) and one item dated after the as-of date; the
        // sitemap says the list changed on 20/11 and the site-wide feed has a news document
        // of 24/11 — both newer, both lower in precedence.
        .route(
            "/tin-tuc/",
            get(|| async {
                html(shell(
                    "Tin tức",
                    "",
                    &format!(
                        "<ul class=\"news-list\">{}{}{}</ul>",
                        news_item("05/01/2027", "Kế hoạch tổ chức Tết 2027", "/tin-tuc/tet.html"),
                        news_item("01/10/2026", "Hội nghị sơ kết quý III", "/tin-tuc/so-ket.html"),
                        news_item("20/09/2026", "Tập huấn chuyển đổi số", "/tin-tuc/tap-huan.html"),
                    ),
                ))
            }),
        )
        .route(
            "/tin-tuc/tet.html",
            get(|| async { html(article("Kế hoạch tổ chức Tết 2027", "05/01/2027")) }),
        )
        .route(
            "/tin-tuc/so-ket.html",
            get(|| async { html(article("Hội nghị sơ kết quý III", "01/10/2026")) }),
        )
        .route(
            "/tin-tuc/tap-huan.html",
            get(|| async { html(article("Tập huấn chuyển đổi số", "20/09/2026")) }),
        )
        // Announcements: a list of PDF documents without dates, its own RSS feed (newest
        // 18/11/2026, one entry after the as-of date), and a Last-Modified that is just the
        // time of the request.
        .route(
            "/thong-bao/",
            get(|| async {
                let now = chrono::Utc::now().to_rfc2822();
                with_last_modified(
                    html(shell(
                        "Thông báo",
                        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss/thong-bao.rss\">",
                        "<ul><li><a href=\"/files/tb-12.pdf\">Thông báo lịch tiếp công dân</a></li>\
                         <li><a href=\"/files/tb-11.pdf\">Thông báo tuyển dụng viên chức</a></li></ul>",
                    )),
                    &now,
                )
            }),
        )
        // Law dissemination: no date anywhere but an old Last-Modified.
        .route(
            "/pho-bien-phap-luat/",
            get(|| async {
                with_last_modified(
                    html(shell(
                        "Phổ biến pháp luật",
                        "",
                        "<p>Tài liệu tuyên truyền: <a href=\"/files/luat.pdf\">Luật Đất đai</a></p>",
                    )),
                    "Mon, 02 Nov 2026 20:00:00 GMT",
                )
            }),
        )
        .route(
            "/sitemap.xml",
            // Sitemaps list absolute URLs: the server's address comes from the Host header.
            get(|headers: HeaderMap| async move {
                let host = headers
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .unwrap_or("127.0.0.1")
                    .to_string();
                reply(
                    200,
                    "application/xml",
                    format!(
                        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
                         <url><loc>http://{host}/</loc><lastmod>2026-11-25</lastmod></url>\
                         <url><loc>http://{host}/tin-tuc/</loc><lastmod>2026-11-20T08:00:00+07:00</lastmod></url>\
                         <url><loc>http://{host}/pho-bien-phap-luat/khong-co.html</loc></url>\
                         </urlset>"
                    ),
                )
            }),
        )
        .route(
            "/rss/all.rss",
            get(|| async {
                reply(
                    200,
                    "application/rss+xml",
                    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Sở</title>\
                     <item><title>Tài liệu hội nghị</title><link>/tin-tuc/tai-lieu.pdf</link>\
                     <pubDate>Tue, 24 Nov 2026 09:00:00 +0700</pubDate></item>\
                     <item><title>Văn bản mới</title><link>/van-ban/vb.pdf</link>\
                     <pubDate>Wed, 25 Nov 2026 08:00:00 +0700</pubDate></item>\
                     </channel></rss>",
                )
            }),
        )
        .route(
            "/rss/thong-bao.rss",
            get(|| async {
                reply(
                    200,
                    "application/rss+xml",
                    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Thông báo</title>\
                     <item><title>Thông báo lịch tiếp công dân</title><link>/files/tb-12.pdf</link>\
                     <pubDate>Wed, 18 Nov 2026 09:00:00 +0700</pubDate></item>\
                     <item><title>Thông báo tuyển dụng</title><link>/files/tb-11.pdf</link>\
                     <pubDate>Tue, 03 Nov 2026 09:00:00 +0700</pubDate></item>\
                     <item><title>Hẹn giờ đăng</title><link>/files/tb-13.pdf</link>\
                     <pubDate>Mon, 01 Feb 2027 09:00:00 +0700</pubDate></item>\
                     </channel></rss>",
                )
            }),
        )
        .fallback(|| async { not_found() });
    TestServer::start(router).await
}

/// Crawl the test site and score it as `ttdt audit` would.
async fn audit(server: &TestServer) -> SiteScore {
    let crawler = Crawler::new(config()).unwrap();
    let target = SiteTarget {
        start_url: server.url("/"),
        scope: Vec::new(),
        extra_hosts: Vec::new(),
    };
    let result = crawler.crawl_site(&target, &|_| {}).await;
    let agency = AgencyRef {
        id: "so_thu".into(),
        name: "Sở Thử nghiệm".into(),
        block: "so_nganh".into(),
    };
    ttdt::audit::audit_site(
        &agency,
        target.start_url.as_str(),
        &result.records,
        &default_rules(),
        as_of(),
        &Overrides::default(),
    )
}

fn criterion<'a>(s: &'a SiteScore, id: &str) -> &'a CriterionScore {
    s.groups
        .iter()
        .flat_map(|g| &g.criteria)
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
}

#[tokio::test]
async fn disagreeing_signals_take_the_documented_precedence_and_say_why() {
    let server = site().await;
    let score = audit(&server).await;
    assert!(server.requested("/sitemap.xml"));
    assert!(server.requested("/rss/thong-bao.rss"));

    // News: the visible list wins over the newer sitemap lastmod and site-wide feed entry.
    let news = criterion(&score, "tin_tuc_cap_nhat");
    let fr = news
        .freshness
        .as_ref()
        .expect("freshness of a dated criterion");
    let taken = fr.taken.as_ref().expect("a date was taken");
    assert_eq!(taken.date, d("2026-10-01"), "{fr:#?}");
    assert!(
        matches!(
            taken.source,
            SignalSource::ListItem | SignalSource::ArticleDate
        ),
        "{fr:#?}"
    );
    assert_eq!(news.last_updated, Some(d("2026-10-01")));
    let newer: Vec<(SignalSource, NaiveDate, i64)> = fr
        .newer_not_taken
        .iter()
        .map(|n| (n.signal.source, n.signal.date, n.days_newer))
        .collect();
    assert!(
        newer.contains(&(SignalSource::SitemapLastmod, d("2026-11-20"), 50)),
        "{newer:?}"
    );
    // Only the site-wide feed entry inside /tin-tuc/ is the section's, not the /van-ban/ one.
    assert!(
        newer.contains(&(SignalSource::FeedItem, d("2026-11-24"), 54)),
        "{newer:?}"
    );
    assert!(
        fr.others
            .iter()
            .all(|o| o.date != d("2026-11-25") || o.source != SignalSource::FeedItem),
        "the /van-ban/ feed entry is not news: {:#?}",
        fr.others
    );
    // The home page's lastmod is not a section's.
    let home = server.url("/").to_string();
    assert!(fr.others.iter().all(|o| o.url != home), "{:#?}", fr.others);
    assert!(
        fr.reason.contains("theo sitemap (mới hơn 50 ngày)"),
        "{}",
        fr.reason
    );
    assert!(fr.reason.contains("lastmod của sitemap"), "{}", fr.reason);
    // The 2027 item is ignored and flagged.
    assert!(
        fr.ignored
            .iter()
            .any(|i| i.signal.date == d("2027-01-05") && i.reason == REASON_FUTURE),
        "{:#?}",
        fr.ignored
    );
    // The text reports say where the date comes from.
    assert!(news.reason.contains("01/10/2026 theo"), "{}", news.reason);

    // Announcements: no visible date; the section's own feed dates it; the Last-Modified that
    // equals the fetch time is ignored; the 2027 feed entry is flagged.
    let tb = criterion(&score, "chi_dao_dieu_hanh_cap_nhat");
    let fr = tb.freshness.as_ref().unwrap();
    let taken = fr.taken.as_ref().unwrap();
    assert_eq!(
        (taken.source, taken.date),
        (SignalSource::FeedItem, d("2026-11-18")),
        "{fr:#?}"
    );
    assert!(
        fr.ignored.iter().any(|i| {
            i.signal.source == SignalSource::HttpLastModified && i.reason == REASON_FETCH_TIME
        }),
        "{:#?}",
        fr.ignored
    );
    assert!(
        fr.ignored
            .iter()
            .any(|i| i.signal.source == SignalSource::FeedItem && i.reason == REASON_FUTURE),
        "{:#?}",
        fr.ignored
    );
    assert!(
        fr.reason.contains("trang chuyên mục không có ngày nào"),
        "{}",
        fr.reason
    );
    assert!(fr.reason.contains("Last-Modified trùng"), "{}", fr.reason);
    assert!(
        tb.reason.contains("18/11/2026 theo RSS/Atom"),
        "{}",
        tb.reason
    );

    // Law dissemination: only an old Last-Modified — taken, with low confidence. The
    // site-wide feed's entries lie outside the section and do not count.
    let pb = criterion(&score, "pho_bien_phap_luat_cap_nhat");
    let fr = pb.freshness.as_ref().unwrap();
    let taken = fr.taken.as_ref().unwrap();
    assert_eq!(
        (taken.source, taken.date),
        (SignalSource::HttpLastModified, d("2026-11-03")),
        "{fr:#?}"
    );
    assert_eq!(taken.confidence, ttdt::freshness::Confidence::Low);
    assert!(fr.others.is_empty(), "{:#?}", fr.others);
    assert!(pb.reason.contains("theo Last-Modified"), "{}", pb.reason);

    // The JSON report carries it per criterion, beside the existing fields.
    let v = serde_json::to_value(&score).unwrap();
    let c = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["criteria"].as_array().unwrap())
        .find(|c| c["id"] == "tin_tuc_cap_nhat")
        .unwrap();
    assert_eq!(c["last_updated"], "2026-10-01");
    assert_eq!(c["freshness"]["taken"]["date"], "2026-10-01");
    assert_eq!(c["freshness"]["taken"]["confidence"], "high");
    assert!(c["freshness"]["reason"].is_string());
    assert!(c["freshness"]["others"].is_array());
    assert_eq!(c["freshness"]["ignored"][0]["reason"], REASON_FUTURE);
    // A criterion judged without dates carries none.
    let presence = v["groups"][0]["criteria"][0].as_object().unwrap();
    assert!(!presence.contains_key("freshness"));
}

/// The freshness of every criterion in a report, by criterion id.
fn freshness_by_criterion(report: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    report["sites"][0]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["criteria"].as_array().unwrap())
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["freshness"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn rescore_from_the_warc_files_reproduces_the_freshness_decisions() {
    let server = site().await;
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("run");
    let bin = env!("CARGO_BIN_EXE_ttdt");
    let url = server.url("/").to_string();
    let run_str = run.to_str().unwrap().to_string();
    // The CLI blocks; the server runs on this test's runtime meanwhile.
    let audit = tokio::task::spawn_blocking(move || {
        std::process::Command::new(bin)
            .args([
                "audit",
                &url,
                "--as-of",
                "2026-11-25",
                "--format",
                "json",
                "--out",
                &run_str,
                "--delay-ms",
                "1",
                "--quiet",
            ])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        audit.status.success(),
        "{}",
        String::from_utf8_lossy(&audit.stderr)
    );
    let live: serde_json::Value = serde_json::from_slice(&audit.stdout).unwrap();
    let rescore = std::process::Command::new(bin)
        .args(["rescore", run.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(
        rescore.status.success(),
        "{}",
        String::from_utf8_lossy(&rescore.stderr)
    );
    let again: serde_json::Value = serde_json::from_slice(&rescore.stdout).unwrap();
    let (a, b) = (
        freshness_by_criterion(&live),
        freshness_by_criterion(&again),
    );
    assert_eq!(a, b);
    // And the decisions are the interesting ones, not empty.
    let tb = &a
        .iter()
        .find(|(id, _)| id == "chi_dao_dieu_hanh_cap_nhat")
        .unwrap()
        .1;
    assert_eq!(tb["taken"]["source"], "feed_item", "{tb:#}");
    assert_eq!(tb["ignored"][0]["reason"], REASON_FUTURE, "{tb:#}");
}
