//! Hand-written fixture pages in the styles real portals use (Liferay, SharePoint, Joomla,
//! WordPress, Drupal, Blogger, numeric-id CMSs, old table layouts): the newest publication date
//! for a given as-of date, and the kind of specific dates (widgets, counters, footers, dates in
//! titles, future dates ignored).

use chrono::NaiveDate;
use ttdt::extract::{DateKind, FoundDate, PageFacts, extract};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn page(name: &str, url: &str, as_of: &str) -> PageFacts {
    let path = format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).unwrap();
    extract(&url::Url::parse(url).unwrap(), &html, d(as_of))
}

/// The one found date whose text contains `needle` (and, when several do, the `nth`).
fn date<'a>(f: &'a PageFacts, needle: &str) -> &'a FoundDate {
    let all: Vec<&FoundDate> = f.dates.iter().filter(|x| x.text.contains(needle)).collect();
    assert!(
        !all.is_empty(),
        "no date with text {needle:?}; dates: {:#?}",
        f.dates
    );
    all[0]
}

fn assert_kind(f: &PageFacts, needle: &str, kind: DateKind, used: bool) {
    let x = date(f, needle);
    assert_eq!(
        (x.kind, x.used),
        (kind, used),
        "date {needle:?}: {x:?}\nall dates: {:#?}",
        f.dates
    );
}

#[test]
#[ignore = "prints what inspect shows for every fixture"]
fn dump() {
    let dir = format!("{}/tests/pages", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let as_of = std::env::var("AS_OF").unwrap_or_else(|_| "2022-08-27".into());
    for n in names {
        let f = page(&n, "https://example.gov.vn/a/b", &as_of);
        println!("===== {n}\n{}", ttdt::extract::inspect_text(&f, d(&as_of)));
    }
}

const AS_OF: &str = "2022-08-27";

#[test]
fn liferay_asset_publisher_list() {
    let f = page(
        "liferay_asset_publisher.html",
        "https://tinh.example.gov.vn/web/so-tu-phap/tin-hoat-dong",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-24")));
    assert_kind(&f, "Thứ Bảy, ngày 27/08/2022", DateKind::Boilerplate, false);
    assert_eq!(
        date(&f, "Thứ Bảy, ngày 27/08/2022").why,
        "header date widget"
    );
    assert_kind(&f, "24/08/2022 08:30", DateKind::Item, true);
    // "Kế hoạch số 174/KH-UBND ngày 22/8/2022 …" has its own date 23/08.
    assert_kind(&f, "ngày 22/8/2022", DateKind::InTitle, false);
    assert_kind(&f, "23/08/2022 16:05", DateKind::Item, true);
    // A scheduled item after the as-of date keeps its kind but is not used.
    let future = date(&f, "01/09/2022");
    assert_eq!((future.kind, future.used), (DateKind::Item, false));
    assert_eq!(future.why, "after the as-of date");
    // The counter portlet ("Thống kê truy cập … Cập nhật: 27/08/2022").
    let counter: Vec<_> = f
        .dates
        .iter()
        .filter(|x| x.why == "visitor counter")
        .collect();
    assert_eq!(counter.len(), 1);
    assert_kind(&f, "ngày 05/3/2017", DateKind::Boilerplate, false);
    assert_eq!(date(&f, "ngày 05/3/2017").why, "footer copyright");
    assert_eq!(f.items.len(), 3);
    assert_eq!(
        f.items[1].title,
        "Kế hoạch số 174/KH-UBND ngày 22/8/2022 về triển khai Ngày Pháp luật năm 2022"
    );
    assert_eq!(
        f.items[0].href.as_deref(),
        Some(
            "https://tinh.example.gov.vn/web/so-tu-phap/tin-hoat-dong/-/asset_publisher/abcd/content/hoi-nghi-tap-huan-cong-tac-pho-bien-giao-duc-phap-luat-nam-2022"
        )
    );
}

#[test]
fn sharepoint_list_view_with_am_pm_times() {
    let f = page(
        "sharepoint_list_view.html",
        "https://vinhphuc.example.gov.vn/ct/cms/thongbao/Lists/ThongBao/AllItems.aspx",
        AS_OF,
    );
    // The design notes' example: the newest item is from 2021, not the header's today.
    assert_eq!(f.newest_date, Some(d("2021-07-27")));
    let first = date(&f, "27/07/2021 04:30 PM");
    assert_eq!((first.kind, first.used), (DateKind::Item, true));
    assert_eq!(first.why, "date of list item 'Kế hoạch số 174/KH-UBND'");
    assert_kind(&f, "Thứ Bảy, ngày 27/08/2022", DateKind::Boilerplate, false);
    assert_kind(&f, "ngày 20/7/2021", DateKind::InTitle, false);
    assert_kind(&f, "15/9/2021", DateKind::InTitle, false);
    assert_kind(&f, "26/08/2022", DateKind::Boilerplate, false);
}

#[test]
fn document_table_uses_the_issue_date_column() {
    let f = page(
        "vbpl_document_table.html",
        "https://huyen.example.gov.vn/van-ban",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-19")));
    // Calendar widget with "Hôm nay: 27/08/2022".
    assert_eq!(date(&f, "27/08/2022").why, "calendar widget");
    // "Trích yếu" text citing Chỉ thị 12/CT-UBND of 2020.
    assert_kind(&f, "ngày 08/6/2020", DateKind::InTitle, false);
    // "Ngày hiệu lực" is not a publication date.
    let effective: Vec<_> = f
        .dates
        .iter()
        .filter(|x| x.date == d("2022-08-19"))
        .collect();
    assert_eq!(effective.len(), 2);
    assert_eq!(
        (effective[1].kind, effective[1].used),
        (DateKind::Text, false)
    );
    // A document dated after the as-of date.
    assert!(
        f.dates
            .iter()
            .filter(|x| x.date == d("2022-08-29"))
            .all(|x| !x.used && x.why == "after the as-of date")
    );
    assert_kind(&f, "ngày 12/03/2014", DateKind::Boilerplate, false);
    assert_eq!(f.items.len(), 3);
    assert_eq!(f.items[0].title, "1520/UBND-VP");
}

#[test]
fn numeric_id_cms_with_featured_item_and_counter() {
    let f = page(
        "numeric_cms_list.html",
        "https://sotttt.example.gov.vn/1229/27531/6128/cai-cach-hanh-chinh",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-25")));
    assert_kind(&f, "Thứ Bảy, 27/08/2022", DateKind::Boilerplate, false);
    assert_kind(&f, "25/08/2022", DateKind::Item, true);
    assert_kind(&f, "ngày 05/9/2022", DateKind::InTitle, false);
    assert_eq!(date(&f, "Ngày 27/08/2022").why, "visitor counter");
    assert_eq!(date(&f, "ngày 20/10/2016").why, "footer copyright");
    assert_eq!(f.items.len(), 5);
    assert_eq!(
        f.feeds,
        vec!["https://sotttt.example.gov.vn/rss/1229/27531"]
    );
    assert!(f.forms.iter().any(|x| x.is_search));
}

#[test]
fn short_dates_take_the_year_from_context_and_never_the_future() {
    let f = page(
        "short_dates_list.html",
        "https://thuanchau.example.gov.vn/tin-tuc",
        "2022-01-10",
    );
    assert_eq!(f.newest_date, Some(d("2022-01-07")));
    assert_kind(&f, "Thứ Hai, 10/01/2022", DateKind::Boilerplate, false);
    // "(30/12)" in January is last year's.
    let dec: Vec<_> = f.dates.iter().filter(|x| x.text == "30/12").collect();
    assert_eq!(dec.len(), 1);
    assert_eq!(dec[0].date, d("2021-12-30"));
    assert_eq!((dec[0].kind, dec[0].used), (DateKind::Item, true));
    assert_eq!(f.items.len(), 4);
    assert!(f.items.iter().all(|i| i.date <= d("2022-01-10")));
}

#[test]
fn wordpress_article_counts_its_own_date_not_the_sidebar() {
    let f = page(
        "wordpress_article.html",
        "https://xa.example.gov.vn/cong-bo-quy-hoach/",
        AS_OF,
    );
    // article:modified_time 2022-08-22T18:30Z is 2022-08-23 in Vietnam. The sidebar's newer
    // posts are shown on the page (its newest date), but the article dates its section.
    assert_eq!(f.newest_section_date, Some(d("2022-08-23")));
    assert_eq!(f.newest_date, Some(d("2022-08-26")));
    let modified = f
        .dates
        .iter()
        .find(|x| x.why == "meta article:modified_time")
        .unwrap();
    assert_eq!((modified.date, modified.used), (d("2022-08-23"), true));
    assert!(
        f.dates
            .iter()
            .any(|x| x.why == "JSON-LD datePublished" && x.used)
    );
    // The sidebar "Bài viết mới" is newer (26/08) but is not this page's date.
    let sidebar = date(&f, "26/08/2022");
    assert_eq!((sidebar.kind, sidebar.used), (DateKind::Item, false));
    assert_kind(&f, "ngày 10/8/2022", DateKind::Text, false);
    assert_kind(&f, "Thứ Bảy, 27/08/2022", DateKind::Boilerplate, false);
}

#[test]
fn joomla_article_date_line_and_title_date() {
    let f = page(
        "joomla_article.html",
        "https://sonoivu.example.gov.vn/index.php/tin-tuc/chi-dao-dieu-hanh/345-chi-thi-ve-tang-cuong-ky-luat",
        AS_OF,
    );
    // Joomla's "Tin cùng chuyên mục" (`ol.nav-tabs.nav-stacked` in the article) is content
    // shown on the page: its 22/08 is the newest date shown, while the section is dated by
    // the article's own line.
    assert_eq!(f.newest_date, Some(d("2022-08-22")));
    assert_eq!(f.newest_section_date, Some(d("2022-08-15")));
    let line = date(&f, "15/08/2022 10:20");
    assert_eq!((line.kind, line.used), (DateKind::Page, true));
    assert_eq!(line.why, "'Ngày đăng' line of the page");
    // The headline "Chỉ thị số 12/CT-UBND ngày 08/8/2022 …".
    assert_kind(&f, "ngày 08/8/2022", DateKind::InTitle, false);
    assert_kind(&f, "Thứ Bảy, 27/08/2022", DateKind::Boilerplate, false);
    assert_eq!(date(&f, "ngày 30/9/2022").why, "after the as-of date");
}

#[test]
fn blogger_date_headers_date_their_posts() {
    let f = page(
        "blogger_style.html",
        "https://sonoivu.example.gov.vn/2022/08/",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-25")));
    // A weekday date in the content is a post date, not a header widget.
    assert_kind(&f, "Thứ Năm, 25 tháng 8, 2022", DateKind::Item, true);
    assert_kind(&f, "Thứ Hai, 15 tháng 8, 2022", DateKind::Item, true);
    assert_kind(&f, "ngày 24/8/2022", DateKind::Text, false);
    assert_eq!(
        f.items[0].title,
        "Hội nghị sơ kết công tác nội vụ 6 tháng đầu năm 2022"
    );
    assert_eq!(
        f.feeds,
        vec!["https://sonoivu.example.gov.vn/feeds/posts/default"]
    );
}

#[test]
fn json_ld_dates_with_a_malformed_block() {
    let f = page(
        "jsonld_news_article.html",
        "https://tinh.example.gov.vn/tin-tuc/day-manh-chuyen-doi-so",
        AS_OF,
    );
    // dateModified 2022-08-24T17:40Z is 00:40 on 25/08 in Vietnam; a newer related item is
    // shown on the page but does not date the article's section.
    assert_eq!(f.newest_section_date, Some(d("2022-08-25")));
    assert_eq!(f.newest_date, Some(d("2022-08-26")));
    let ld: Vec<_> = f
        .dates
        .iter()
        .filter(|x| x.why.starts_with("JSON-LD"))
        .collect();
    assert_eq!(ld.len(), 2, "{ld:?}");
    assert!(ld.iter().all(|x| x.kind == DateKind::Page && x.used));
    assert_kind(&f, "Thứ Bảy 27/08/2022", DateKind::Boilerplate, false);
    assert_kind(&f, "26/08/2022", DateKind::Item, false);
    assert_kind(&f, "ngày 01/3/2022", DateKind::Text, false);
    assert_eq!(date(&f, "ngày 31/12/2022").why, "after the as-of date");
}

#[test]
fn html5_time_elements_in_cards() {
    let f = page(
        "html5_time_list.html",
        "https://sotp.example.gov.vn/pho-bien-phap-luat",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-26")));
    assert_kind(&f, "Thứ Bảy, 27/08/2022", DateKind::Boilerplate, false);
    assert_kind(&f, "26/08/2022 09:00", DateKind::Item, true);
    // <time datetime="2022-08-11T20:10:00Z"> is 12/08 in Vietnam.
    assert_eq!(date(&f, "12/08/2022").date, d("2022-08-12"));
    // "Luật Thanh tra … có hiệu lực từ ngày 01/7/2023": in the title, and in the future.
    let t = date(&f, "ngày 01/7/2023");
    assert_eq!((t.kind, t.used), (DateKind::InTitle, false));
    assert_kind(&f, "27/08/2022", DateKind::Boilerplate, false);
}

#[test]
fn drupal_views_rows_with_deadlines_calendar_and_statistics() {
    let f = page(
        "drupal_views_list.html",
        "https://stc.example.gov.vn/thong-bao",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-22")));
    // A weak page date (dcterms.modified) is shown and used, but does not hide the items.
    let m = f
        .dates
        .iter()
        .find(|x| x.why == "meta dcterms.modified")
        .unwrap();
    assert_eq!((m.kind, m.used), (DateKind::Page, true));
    assert_kind(&f, "22/08/2022 - 14:05", DateKind::Item, true);
    // "Hạn nộp hồ sơ" is a deadline, not a publication date.
    assert_kind(&f, "10/08/2022", DateKind::Text, false);
    assert_eq!(date(&f, "Thứ Bảy, 27/08/2022").why, "header date widget");
    let cal = f.dates.iter().find(|x| x.why == "calendar widget").unwrap();
    assert_eq!(cal.date, d("2022-08-26"));
    assert_eq!(f.items.len(), 3);
}

#[test]
fn old_table_layout_with_flat_lists_both_orders() {
    let f = page(
        "table_layout_flat_lists.html",
        "https://xa.example.gov.vn/default.asp",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-26")));
    // The header strip is not marked up as a header: weekday + today's date above the content.
    let w = date(&f, "Thứ Bảy, ngày 27 tháng 8");
    assert_eq!((w.kind, w.used), (DateKind::Boilerplate, false));
    // Title first, date after.
    let a = f.items.iter().find(|i| i.date == d("2022-08-22")).unwrap();
    assert_eq!(a.title, "Tiêm vắc xin phòng Covid-19 mũi 4 cho người dân");
    // Date first, title after.
    let b = f.items.iter().find(|i| i.date == d("2022-08-20")).unwrap();
    assert_eq!(
        b.title,
        "Quyết định về việc thành lập Ban chỉ đạo phòng chống thiên tai"
    );
    assert_kind(&f, "ngày 02/9/2022", DateKind::InTitle, false);
    assert_eq!(f.items.len(), 6);
}

#[test]
fn document_titles_without_own_dates_date_the_items() {
    let f = page(
        "document_titles_only.html",
        "https://tinh.example.gov.vn/van-ban-qppl",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-15")));
    assert_kind(&f, "ngày 15/8/2022", DateKind::Item, true);
    // "(từ ngày 01 đến 15/9/2022)" is after the as-of date.
    assert_eq!(date(&f, "15/9/2022").why, "after the as-of date");
    assert_kind(&f, "Thứ Bảy, 27/08/2022", DateKind::Boilerplate, false);
}

#[test]
fn aspx_article_update_line_and_other_news() {
    let f = page(
        "aspx_portal_article.html",
        "https://xasonlinh.example.gov.vn/portal/pages/2022-08-26/Xa-Son-Linh-ra-quan-don-ve-sinh-moi-truong.aspx",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-26")));
    assert_eq!(
        date(&f, "Thứ Sáu, 26/08/2022").why,
        "'Cập nhật' line of the page"
    );
    assert_kind(&f, "ngày 25/8/2022", DateKind::Text, false);
    assert_kind(&f, "20/08/2022", DateKind::Item, false);
    assert_kind(&f, "Thứ Bảy, 27/08/2022", DateKind::Boilerplate, false);
    assert_kind(&f, "ngày 30/01/2020", DateKind::Boilerplate, false);
}

#[test]
fn items_published_on_the_as_of_day_count() {
    let f = page(
        "today_items_unmarked_header.html",
        "https://huyen.example.gov.vn/lich-cong-tac",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-27")));
    assert_kind(&f, "Thứ Bảy, 27/08/2022", DateKind::Boilerplate, false);
    let first = f.items.first().unwrap();
    assert_eq!(first.date, d("2022-08-27"));
    assert_kind(&f, "ngày 04/9/2022", DateKind::InTitle, false);
}

#[test]
fn as_of_in_the_past_ignores_everything_newer() {
    // Re-scoring an old snapshot: items after the as-of date do not count.
    let f = page(
        "liferay_asset_publisher.html",
        "https://tinh.example.gov.vn/web/so-tu-phap/tin-hoat-dong",
        "2022-08-20",
    );
    assert_eq!(f.newest_date, Some(d("2022-08-18")));
    assert_eq!(f.items.len(), 1);
}

#[test]
fn portal_home_page_boxes() {
    let f = page(
        "portal_home_boxes.html",
        "https://tinh.example.gov.vn/",
        AS_OF,
    );
    assert_eq!(f.newest_date, Some(d("2022-08-26")));
    assert_eq!(date(&f, "Thứ Bảy, 27/08/2022").why, "header date widget");
    // The anniversary banner is not a publication date.
    assert_kind(&f, "19/8/1945", DateKind::Text, false);
    assert_kind(&f, "26/08/2022 17:45", DateKind::Item, true);
    // Notice box: "26/08" before the title, year from the page.
    let notice = f
        .items
        .iter()
        .find(|i| i.title == "Thông báo nghỉ lễ Quốc khánh 2/9/2022")
        .unwrap();
    assert_eq!(notice.date, d("2022-08-26"));
    assert_kind(&f, "2/9/2022", DateKind::InTitle, false);
    // Documents table inside a box.
    assert_kind(&f, "23/08/2022", DateKind::Item, true);
    assert_kind(&f, "ngày 01/9/2022", DateKind::InTitle, false);
    // The link dropdown is not visible text; the counter box has no dates.
    assert!(
        !f.dates
            .iter()
            .any(|x| x.text.contains("27/08/2022") && x.used)
    );
    assert_eq!(date(&f, "ngày 21/6/2019").kind, DateKind::Boilerplate);
    assert_eq!(f.items.len(), 7);
}
