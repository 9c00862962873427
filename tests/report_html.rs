//! The HTML report: self-contained, charts present, and every piece of audited text escaped.

mod report_fixture;

use report_fixture::{EVIL_NAME, report};

fn html() -> String {
    ttdt::report::html::render(&report())
}

#[test]
fn hostile_text_is_escaped() {
    let h = html();
    assert!(
        h.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "name shown as text"
    );
    assert!(!h.contains(EVIL_NAME));
    assert!(!h.contains("<img"));
    assert!(
        h.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        "snippet shown as text"
    );
    assert!(
        !h.to_lowercase().contains("<script"),
        "no script element at all"
    );
    assert!(h.contains("lý do của y_kien &lt;b&gt;"));
    // The record id in angle brackets is text too.
    assert!(h.contains("&lt;urn:uuid:00000000-0000-0000-0000-000000000001&gt;"));
}

#[test]
fn only_http_urls_become_links() {
    let h = html();
    assert!(!h.contains("href=\"javascript"));
    assert!(h.contains("<a href=\"https://snv.sonla.gov.vn/\">"));
    assert!(h.contains("<a href=\"https://snv.sonla.gov.vn/tin-tuc\">"));
}

#[test]
fn self_contained_without_external_references() {
    let h = html();
    assert!(!h.contains("<link"));
    assert!(!h.contains("<script src"));
    assert!(!h.contains("@import"));
    assert!(!h.contains("url("));
    assert!(!h.contains("<img"));
    // Every "http" in the page is a link to an audited page (the data), nothing else.
    let data_links = h.matches("href=\"http").count();
    let text_urls = h.matches(">http").count();
    assert_eq!(h.matches("http").count(), data_links + text_urls);
    assert!(h.contains("<style>") && h.contains("@media print"));
}

#[test]
fn charts_labels_and_hints_present() {
    let h = html();
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains("<html lang=\"vi\">"));
    assert!(h.contains("<meta charset=\"utf-8\">"));
    assert!(h.contains("<h1>Báo cáo đánh giá Trang thông tin điện tử</h1>"));
    assert!(h.contains(">Xếp hạng</h2>"));
    assert!(h.contains(">Kết quả từng cơ quan</h2>"));
    assert!(h.contains("<h3>Sở, ban, ngành</h3>"));
    assert!(h.contains("<h3>UBND xã, phường</h3>"));
    // One totals chart per block plus one group chart per site.
    assert_eq!(h.matches("<svg").count(), 2 + 2 + 3);
    assert!(h.contains("#2e7d32"), "tốt is green");
    assert!(h.contains("Cách khắc phục: cách sửa y_kien"));
    assert!(h.contains("Máy: thiếu (0) → Thẩm định: đạt (5)"));
    assert!(h.contains("<th>Tên cơ quan</th>"));
    assert!(h.contains("04/03/2022"), "last updated in Vietnamese order");
}

#[test]
fn single_site_audit_shows_its_group_chart_without_ranking() {
    let mut r = report();
    r.rankings = None;
    r.sites.truncate(1);
    let h = ttdt::report::html::render(&r);
    assert!(!h.contains(">Xếp hạng</h2>"));
    assert!(h.contains("<h2 class=\"first\">Kết quả từng cơ quan</h2>"));
    assert_eq!(h.matches("<svg").count(), 1);
    assert!(h.contains("Điểm theo nhóm tiêu chí"));
}
