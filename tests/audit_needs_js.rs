//! Content drawn by JavaScript is "could not measure", never "missing" or "stale": a section
//! whose list page is a script shell is `unmeasured` with the reason "needs JavaScript", and a
//! site whose home page is a script shell has every group `unmeasured`.

mod common;

use axum::Router;
use axum::http::Uri;
use axum::response::Response;
use chrono::NaiveDate;
use common::*;
use ttdt::crawl::{Crawler, SiteTarget};
use ttdt::score::{AgencyRef, SiteScore, Status};

const SHELL: &str = "<!DOCTYPE html><html><head><title>Đang tải…</title>\
    <script src=\"/static/js/app.js\"></script></head><body><div id=\"app\"></div>\
    <script>window.__INIT__={}</script></body></html>";

fn site(js_home: bool) -> impl Fn(Uri) -> std::future::Ready<Response> + Clone {
    move |uri: Uri| {
        let body = match uri.path() {
            "/" if js_home => SHELL.to_string(),
            "/" => "<html><head><title>Sở Xây dựng</title></head><body><nav>\
                    <a href=\"/gioi-thieu\">Giới thiệu</a> <a href=\"/tin-tuc\">Tin tức</a></nav>\
                    <main><p>Cổng thông tin điện tử Sở Xây dựng tỉnh Sơn Hà.</p></main></body></html>"
                .to_string(),
            "/gioi-thieu" => "<html><head><title>Giới thiệu</title></head><body><main>\
                    <h1>Giới thiệu chung</h1><p>Sở Xây dựng là cơ quan chuyên môn thuộc UBND tỉnh, \
                    tham mưu về quy hoạch, kiến trúc, xây dựng.</p></main></body></html>"
                .to_string(),
            "/tin-tuc" => SHELL.to_string(),
            _ => return std::future::ready(not_found()),
        };
        std::future::ready(html(body))
    }
}

async fn audit(js_home: bool) -> SiteScore {
    let server = TestServer::start(Router::new().fallback(site(js_home))).await;
    let crawler = Crawler::new(config()).unwrap();
    let start = server.url("/");
    let result = crawler
        .crawl_site(
            &SiteTarget {
                start_url: start.clone(),
                scope: Vec::new(),
                extra_hosts: Vec::new(),
            },
            &|_| {},
        )
        .await;
    let rules = ttdt::rules::default_rules();
    ttdt::audit::audit_site(
        &AgencyRef {
            id: "sxd".into(),
            name: "Sở Xây dựng".into(),
            block: "so_nganh".into(),
        },
        start.as_str(),
        &result.records,
        &rules,
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        &Default::default(),
    )
}

#[tokio::test]
async fn a_section_drawn_by_javascript_is_unmeasured_not_stale() {
    let s = audit(false).await;
    let tin_tuc = s.groups.iter().find(|g| g.id == "tin_tuc").unwrap();
    let fresh = tin_tuc
        .criteria
        .iter()
        .find(|c| c.id == "tin_tuc_cap_nhat")
        .unwrap();
    assert_eq!(fresh.status, Status::Unmeasured, "{fresh:?}");
    assert!(
        fresh.reason.contains("needs JavaScript"),
        "{}",
        fresh.reason
    );
    // The section itself was found through the menu: present, not missing.
    let present = tin_tuc
        .criteria
        .iter()
        .find(|c| c.id == "tin_tuc_chuyen_muc")
        .unwrap();
    assert_eq!(present.status, Status::Met, "{present:?}");
    let gioi_thieu = s.groups.iter().find(|g| g.id == "gioi_thieu").unwrap();
    assert_ne!(gioi_thieu.status, Status::Unmeasured);
}

#[tokio::test]
async fn a_home_page_drawn_by_javascript_leaves_every_group_unmeasured() {
    let s = audit(true).await;
    assert!(
        s.groups.iter().all(|g| g.status == Status::Unmeasured),
        "{:?}",
        s.groups
    );
    assert!(s.provisional);
    let reasons: Vec<&str> = s
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter().map(|c| c.reason.as_str()))
        .collect();
    assert!(
        reasons.iter().all(|r| r.contains("needs JavaScript")),
        "{reasons:?}"
    );
}
