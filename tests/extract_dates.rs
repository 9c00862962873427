//! Date heuristics on small inline pages: one rule per test.

use chrono::NaiveDate;
use ttdt::extract::{DateKind, FoundDate, PageFacts, extract};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(html: &str, as_of: &str) -> PageFacts {
    extract(
        &url::Url::parse("https://so.example.gov.vn/chuyen-muc/tin-tuc").unwrap(),
        html,
        d(as_of),
    )
}

fn find<'a>(f: &'a PageFacts, text: &str) -> &'a FoundDate {
    f.dates
        .iter()
        .find(|x| x.text.contains(text))
        .unwrap_or_else(|| panic!("no date {text:?} in {:#?}", f.dates))
}

#[test]
fn pipe_separated_time_in_a_list() {
    let f = run(
        r#"<ul class="news"><li><a href="/kh-174">Kế hoạch số 174/KH-UBND</a><br><span>27/07/2021 | 04:30 PM</span></li>
           <li><a href="/kh-170">Kế hoạch số 170/KH-UBND</a><br><span>20/07/2021 | 09:00 AM</span></li></ul>"#,
        "2022-08-27",
    );
    assert_eq!(f.newest_date, Some(d("2021-07-27")));
    let x = find(&f, "27/07/2021");
    assert_eq!(x.kind, DateKind::Item);
    assert_eq!(x.why, "date of list item 'Kế hoạch số 174/KH-UBND'");
}

#[test]
fn short_dates_take_the_year_of_the_pages_full_dates() {
    // An archived list: the featured entry is dated 2020, the rest show (dd/mm).
    let f = run(
        r#"<div class="featured"><a href="/a">Tin nổi bật của năm trước</a> <span class="date">(20/11/2020)</span></div>
           <ul><li><a href="/b">Tin thứ hai của tháng</a> (18/11)</li><li><a href="/c">Tin thứ ba của tháng</a> (02/11)</li></ul>"#,
        "2022-08-27",
    );
    let b = f
        .items
        .iter()
        .find(|i| i.title == "Tin thứ hai của tháng")
        .unwrap();
    assert_eq!(b.date, d("2020-11-18"));
    assert_eq!(f.newest_date, Some(d("2020-11-20")));
}

#[test]
fn an_inferred_date_is_never_in_the_future() {
    let f = run(
        r#"<ul><li><a href="/a">Tin ngày hôm qua của huyện</a> (26/08)</li><li><a href="/b">Tin cuối tháng trước năm</a> (30/08)</li></ul>"#,
        "2022-08-27",
    );
    assert_eq!(find(&f, "26/08").date, d("2022-08-26"));
    assert_eq!(find(&f, "30/08").date, d("2021-08-30"));
    assert!(f.dates.iter().all(|x| x.date <= d("2022-08-27")));
    assert_eq!(f.newest_date, Some(d("2022-08-26")));
}

#[test]
fn meta_names_and_microdata() {
    let f = run(
        r#"<html><head><meta name="pubdate" content="2022-08-01T10:00:00+07:00">
           <meta name="DC.date" content="2022-07-30">
           <meta name="dcterms.modified" content="not a date"></head>
           <body><div itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="dateModified" content="2022-08-02">
           <p>Nội dung bài viết.</p></div></body></html>"#,
        "2022-08-27",
    );
    let whys: Vec<&str> = f.dates.iter().map(|x| x.why.as_str()).collect();
    assert!(whys.contains(&"meta pubdate"), "{whys:?}");
    assert!(whys.contains(&"meta dc.date"), "{whys:?}");
    assert!(whys.contains(&"microdata dateModified"), "{whys:?}");
    assert!(f.dates.iter().all(|x| x.kind == DateKind::Page));
    assert_eq!(f.newest_date, Some(d("2022-08-02")));
}

#[test]
fn json_ld_graph_arrays_and_nesting() {
    let f = run(
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
             {"@type":["NewsArticle"],"datePublished":"2022-08-10T23:30:00Z","isPartOf":{"@type":"WebPage","dateModified":"2022-08-12"}},
             {"@type":"Organization","foundingDate":"1990-01-01"}]}</script><p>x</p>"#,
        "2022-08-27",
    );
    let ld: Vec<_> = f
        .dates
        .iter()
        .filter(|x| x.why.starts_with("JSON-LD"))
        .map(|x| (x.date, x.why.as_str()))
        .collect();
    // 23:30 UTC is the next morning in Vietnam.
    assert_eq!(
        ld,
        vec![
            (d("2022-08-11"), "JSON-LD datePublished"),
            (d("2022-08-12"), "JSON-LD dateModified")
        ]
    );
    assert_eq!(f.newest_date, Some(d("2022-08-12")));
}

#[test]
fn visitor_counter_by_text_and_todays_date_in_the_header() {
    let f = run(
        r#"<div id="header"><span class="ngay">27/08/2022</span><span>Hotline 1900</span></div>
           <div class="box"><div class="box-title">Lượt truy cập</div><div>Tổng: 12.345</div><div>Ngày 26/08/2022: 321</div></div>
           <ul><li><a href="/a">Tin hoạt động tháng tám</a> (20/08/2022)</li><li><a href="/b">Tin hoạt động đầu tháng</a> (02/08/2022)</li></ul>"#,
        "2022-08-27",
    );
    assert_eq!(find(&f, "27/08/2022").why, "header date widget");
    assert_eq!(find(&f, "26/08/2022").why, "visitor counter");
    assert_eq!(f.newest_date, Some(d("2022-08-20")));
}

#[test]
fn other_header_dates_are_not_publication_dates() {
    let f = run(
        r#"<div class="header"><marquee>Kỷ niệm 77 năm Quốc khánh 02/9/1945 - 02/9/2022</marquee></div>
           <p>Không có tin.</p>"#,
        "2022-08-27",
    );
    assert!(f.dates.iter().all(|x| !x.used));
    assert_eq!(f.newest_date, None);
    assert_eq!(find(&f, "02/9/1945").kind, DateKind::Text);
}

#[test]
fn article_date_under_the_heading_without_label() {
    let f = run(
        r#"<div id="menu"><a href="/">Trang chủ</a></div>
           <div class="content"><h1>Hội nghị triển khai nhiệm vụ 6 tháng cuối năm</h1>
           <div class="meta">Thứ Sáu, 26/08/2022 08:30</div>
           <p>Ngày 25/8/2022, Sở tổ chức hội nghị triển khai nhiệm vụ 6 tháng cuối năm 2022 với sự tham dự của lãnh đạo các phòng.</p>
           <div class="related"><ul><li><a href="/x">Tin liên quan thứ nhất của sở</a> (27/08/2022)</li><li><a href="/y">Tin liên quan thứ hai của sở</a> (20/08/2022)</li></ul></div></div>"#,
        "2022-08-27",
    );
    let x = find(&f, "26/08/2022");
    assert_eq!((x.kind, x.used), (DateKind::Page, true));
    assert_eq!(x.why, "date under the page heading");
    assert_eq!(find(&f, "25/8/2022").kind, DateKind::Text);
    // Related items are newer: they are shown on the page (its newest date), but an article
    // page dates its section by its own date, and the related items are no section evidence.
    assert_eq!(f.newest_date, Some(d("2022-08-27")));
    assert_eq!(f.newest_section_date, Some(d("2022-08-26")));
    assert!(f.items.is_empty(), "{:?}", f.items);
    assert!(
        f.signals.iter().all(|s| s.date == d("2022-08-26")),
        "only the article's own date is a freshness signal"
    );
}

#[test]
fn page_title_dates() {
    let f = run(
        r#"<h1>Thông báo kết luận cuộc họp ngày 15/8/2022</h1><div class="date">Ngày đăng: 18/08/2022</div><p>Nội dung thông báo.</p>"#,
        "2022-08-27",
    );
    assert_eq!(find(&f, "15/8/2022").kind, DateKind::InTitle);
    assert_eq!(find(&f, "18/08/2022").kind, DateKind::Page);
    assert_eq!(f.newest_date, Some(d("2022-08-18")));
}

#[test]
fn every_date_after_as_of_is_unused_with_reason() {
    let f = run(
        r#"<ul><li><a href="/a">Lịch tiếp công dân tháng chín</a> <span>(05/09/2022)</span></li>
           <li><a href="/b">Lịch tiếp công dân tháng tám</a> <span>(05/08/2022)</span></li></ul>"#,
        "2022-08-27",
    );
    let x = find(&f, "05/09/2022");
    assert_eq!((x.kind, x.used), (DateKind::Item, false));
    assert_eq!(x.why, "after the as-of date");
    assert_eq!(f.items.len(), 1);
    assert_eq!(f.newest_date, Some(d("2022-08-05")));
}

#[test]
fn nfd_text_is_read_like_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfc = r#"<div id="header">Thứ Bảy, 27/08/2022</div><ul><li><a href="/a">Tin hoạt động của Sở</a> <span class="date">Ngày đăng: 20/08/2022</span></li><li><a href="/b">Tin thứ hai của Sở</a> <span class="date">Ngày đăng: 19/08/2022</span></li></ul>"#;
    let nfd: String = nfc.nfd().collect();
    let (a, b) = (run(nfc, "2022-08-27"), run(&nfd, "2022-08-27"));
    assert_eq!(a.newest_date, b.newest_date);
    assert_eq!(a.items, b.items);
    assert_eq!(a.items[0].title, "Tin hoạt động của Sở");
}

#[test]
fn year_less_range_start_takes_the_year_of_its_end() {
    let f = run(
        r#"<ul><li><a href="/l35">Lịch công tác tuần 35 (từ ngày 29/8 đến 02/9/2022)</a> <span class="date">26/08/2022</span></li>
           <li><a href="/l01">Lịch công tác tuần 1 (29/12 - 04/01/2021)</a> <span class="date">26/12/2020</span></li></ul>"#,
        "2022-08-27",
    );
    assert_eq!(find(&f, "29/8").date, d("2022-08-29"));
    assert_eq!(find(&f, "29/12").date, d("2020-12-29"));
    assert_eq!(find(&f, "29/8").kind, DateKind::InTitle);
}

#[test]
fn leap_day_without_year() {
    // The page's dates are from 2020, a leap year: "(29/02)" is 29 February 2020.
    let f = run(
        r#"<ul><li><a href="/a">Tin đầu tháng ba năm đó</a> (02/03/2020)</li><li><a href="/b">Tin cuối tháng hai năm đó</a> (29/02)</li></ul>"#,
        "2022-08-27",
    );
    assert_eq!(find(&f, "29/02").date, d("2020-02-29"));
}

/// A document list with issue, effective and posting dates: the posting date ("Ngày đăng") is
/// the publication on the site; a future effective date never counts.
#[test]
fn posting_date_beats_issue_date_in_a_document_list() {
    let f = run(
        r#"<main><h1>Văn bản</h1><table><tr><th>Trích yếu</th><th>Ngày ban hành</th><th>Ngày hiệu lực</th><th>Ngày đăng</th></tr>
           <tr><td><a href="/vb/1">Quy định phân cấp quản lý đường huyện</a></td><td>05/11/2026</td><td>01/01/2027</td><td>19/11/2026</td></tr>
           <tr><td><a href="/vb/2">Kế hoạch bảo trì đường bộ năm 2027</a></td><td>28/10/2026</td><td>28/10/2026</td><td>30/10/2026</td></tr></table></main>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-19")));
    assert_eq!(find(&f, "05/11/2026").kind, DateKind::Text);
}

/// Petitions and questions: the day it was answered is published; the day it was sent is
/// shown on the page (the newest date shown) but never dates the section. In a table (column
/// headers) and in prose ("Trả lời (ngày …)").
#[test]
fn answer_dates_count_and_sent_dates_do_not() {
    let table = run(
        r#"<main><h1>Phản ánh, kiến nghị</h1><table><tr><th>Nội dung</th><th>Ngày gửi</th><th>Ngày trả lời</th></tr>
           <tr><td>Đèn chiếu sáng không hoạt động</td><td>24/11/2026</td><td></td></tr>
           <tr><td>Đường tổ 2 xuống cấp</td><td>11/11/2026</td><td>19/11/2026</td></tr></table></main>"#,
        "2026-11-25",
    );
    assert_eq!(table.newest_date, Some(d("2026-11-24")));
    assert_eq!(table.newest_section_date, Some(d("2026-11-19")));
    let prose = run(
        r#"<main><h1>Hỏi đáp</h1><div class="qa"><p><b>Hỏi:</b> Thủ tục chuyển trường cần giấy tờ gì?<br><i>Ngày gửi: 24/11/2026</i></p>
           <p><b>Trả lời</b> (ngày 19/11/2026): Theo quy định hiện hành, phụ huynh nộp đơn tại trường.</p></div></main>"#,
        "2026-11-25",
    );
    assert_eq!(prose.newest_date, Some(d("2026-11-24")));
    assert_eq!(prose.newest_section_date, Some(d("2026-11-19")));
}

/// English pages of a site write months in words.
#[test]
fn english_dates_on_an_english_page() {
    let f = run(
        r#"<main><h1>News</h1><ul><li><a href="/en/news/1">Son Ha hosts trade fair</a> <span>November 19, 2026</span></li>
           <li><a href="/en/news/2">Industrial output rises</a> <span>12 Nov 2026</span></li></ul></main>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-19")));
}

/// A body class names the page ("page-thong-ke-du-lich"), not a visitor counter inside it.
#[test]
fn a_statistics_page_is_not_a_visitor_counter() {
    let f = run(
        r#"<html><body class="html not-front page-thong-ke-du-lich"><main><h1>Thống kê du lịch</h1>
           <table><tr><th>Tiêu đề</th><th>Ngày công bố</th></tr>
           <tr><td><a href="/node/2100">Số liệu thống kê du lịch tháng 10/2026</a></td><td>09/11/2026</td></tr></table></main></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-09")));
}

/// Yesterday's date with its weekday, next to a news title on a home page without `<h1>`, is
/// the item's date, not the header's "today" widget.
#[test]
fn a_weekday_item_date_beside_its_title_is_not_the_today_widget() {
    let f = run(
        r#"<html><body><div class="top">Thứ Tư, 25/11/2026</div><div class="news-home"><h2>Tin tức - Sự kiện</h2>
           <div class="news-item"><a href="/tin/4120">Quỳnh Sơn ra quân trồng rừng vụ đông năm 2026</a> <span class="date">Thứ Ba, 24/11/2026</span></div>
           <div class="news-item"><a href="/tin/4118">Xã Chiềng Đen đón nhận Bằng công nhận nông thôn mới</a> <span class="date">Chủ Nhật, 22/11/2026</span></div></div></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
    assert_eq!(find(&f, "Thứ Tư, 25/11/2026").kind, DateKind::Boilerplate);
}

/// Reader comments are shown on the page (its newest date) but are not the agency's
/// publication: they never date the section. The article title is an `h1` whose class names
/// a "header" (Liferay's `header-title`): it is still the page heading, not the page header.
#[test]
fn reader_comments_count_as_shown_not_as_section_dates() {
    let f = run(
        r#"<div id="menu"><a href="/">Trang chủ</a></div>
           <section id="content"><div class="asset-full-content">
           <h1 class="header-title">Sở triển khai kế hoạch kiểm tra cuối năm</h1>
           <div class="asset-metadata"><span class="metadata-publish-date">24/11/2026 09:40</span> <span>Lượt xem: 214</span></div>
           <div class="journal-content-article"><p>Nội dung bài viết về kế hoạch kiểm tra của Sở.</p></div>
           <div class="portlet-ratings-comments"><h3>Ý kiến bạn đọc (2)</h3>
             <div class="comment"><span class="user-name">Nguyễn Thị Hằng</span> <span class="comment-date">24/11/2026 14:02</span><p>Đề nghị công khai kết luận.</p></div>
             <div class="comment"><span class="user-name">Lò Văn Tiến</span> <span class="comment-date">25/11/2026 07:55</span><p>Thông tin hữu ích.</p></div></div>
           <div class="y-kien"><b>Bình luận</b><p>Hoàng Văn Chiến (23/11/2026 07:20): Rất phấn khởi.</p></div>
           </div></section>"#,
        "2026-11-25",
    );
    let own = find(&f, "24/11/2026 09:40");
    assert_eq!((own.kind, own.used), (DateKind::Page, true), "{own:?}");
    for c in ["24/11/2026 14:02", "25/11/2026 07:55", "23/11/2026 07:20"] {
        let x = find(&f, c);
        assert_eq!((x.kind, x.used), (DateKind::Comment, false), "{x:?}");
    }
    assert_eq!(f.newest_date, Some(d("2026-11-25")));
    assert_eq!(f.newest_section_date, Some(d("2026-11-24")));
    assert!(f.items.is_empty(), "{:?}", f.items);
    assert!(f.signals.iter().all(|s| s.date == d("2026-11-24")));
}

/// A list of statistics reports (Drupal `view-thong-ke`) is content, though its class says
/// "thống kê" like a visitor counter does; a counter box without titles stays boilerplate.
#[test]
fn statistics_list_is_not_a_visitor_counter() {
    let f = run(
        r#"<div class="view view-thong-ke"><div class="view-content">
           <div class="views-row"><div class="views-field-title"><a href="/node/4001">Số liệu thực hiện dự toán ngân sách quý III năm 2026</a></div>
             <div class="views-field-created"><span class="date-display-single">28/10/2026</span></div></div>
           <div class="views-row"><div class="views-field-title"><a href="/node/3950">Số liệu thống kê tài chính 6 tháng đầu năm 2026</a></div>
             <div class="views-field-created"><span class="date-display-single">22/07/2026</span></div></div></div></div>
           <div class="thongke-truycap">Hôm qua: 24/11/2026 — 1.204 lượt</div>"#,
        "2026-11-25",
    );
    assert!(find(&f, "28/10/2026").used, "{:?}", find(&f, "28/10/2026"));
    assert_eq!(find(&f, "24/11/2026").kind, DateKind::Boilerplate);
    assert_eq!(f.newest_date, Some(d("2026-10-28")));
}

/// Rows of one list whose classes differ only in numbering (Drupal's `views-row-1
/// views-row-odd`) are items; a "CN" ending the title line above a date is no weekday.
#[test]
fn drupal_views_rows_are_items() {
    let f = run(
        r#"<h1>Lấy ý kiến dự thảo văn bản</h1><div class="view view-du-thao"><div class="view-content">
           <div class="views-row views-row-1 views-row-odd views-row-first">
             <div class="views-field views-field-title"><span class="field-content"><a href="/node/1537">Lấy ý kiến dự thảo quy định định mức nhiệm vụ KH&amp;CN</a></span></div>
             <div class="views-field views-field-created"><span class="field-content"><span class="date-display-single">21/11/2026</span></span></div>
             <div class="views-field views-field-body"><div class="field-content">Thời hạn góp ý: đến hết ngày 21/12/2026.</div></div></div>
           <div class="views-row views-row-2 views-row-even views-row-last">
             <div class="views-field views-field-title"><span class="field-content"><a href="/node/1501">Dự thảo Kế hoạch phát triển tài sản trí tuệ giai đoạn 2026-2030</a></span></div>
             <div class="views-field views-field-created"><span class="field-content"><span class="date-display-single">28/10/2026</span></span></div>
             <div class="views-field views-field-body"><div class="field-content">Thời hạn: đến hết ngày 28/11/2026.</div></div></div>
           </div></div>"#,
        "2026-11-25",
    );
    let x = find(&f, "21/11/2026");
    assert_eq!((x.kind, x.used), (DateKind::Item, true), "{x:?}");
    assert!(!x.text.contains("CN"), "{x:?}");
    assert_eq!(f.items.len(), 2, "{:?}", f.items);
    assert_eq!(f.newest_date, Some(d("2026-11-21")));
}

/// A gallery caption titles its album, and the date closing it dates the album.
#[test]
fn gallery_caption_dates_its_album() {
    let f = run(
        r#"<h1>Thư viện ảnh</h1><div class="gallery">
           <figure class="gallery-item"><a href="/?p=1801"><img src="/a.jpg" alt=""></a><figcaption class="wp-caption-text">Lễ hội Hoa Ban năm 2026<br><small>20/03/2026</small></figcaption></figure>
           <figure class="gallery-item"><a href="/?p=1890"><img src="/b.jpg" alt=""></a><figcaption class="wp-caption-text">Ngày hội văn hóa các dân tộc<br><small>24/11/2026</small></figcaption></figure></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "24/11/2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
}

/// The date of a document cited in a sentence is the document's, not the page's.
#[test]
fn a_document_cited_in_prose_does_not_date_the_page() {
    let f = run(
        r#"<h1>Cơ cấu tổ chức</h1><h4>3. Đơn vị sự nghiệp trực thuộc</h4><p>Bảo tàng tỉnh, Thư viện tỉnh.</p>
           <p>(Theo Quyết định số 12/2024/QĐ-UBND ngày 15/02/2024 của UBND tỉnh quy định chức năng, nhiệm vụ và cơ cấu tổ chức của Sở)</p>"#,
        "2026-11-25",
    );
    let x = find(&f, "15/02/2024");
    assert_eq!((x.kind, x.used), (DateKind::Text, false), "{x:?}");
    assert_eq!(f.newest_date, None);
}

/// A header div left unclosed swallows the page (the parser nests everything in it): it holds
/// the footer, so it is a wrapper, and the list in it is read as content, not as header dates.
#[test]
fn an_unclosed_header_is_not_the_page_header() {
    let f = run(
        r#"<div class="top-header"><span class="date">Thứ Tư, 25/11/2026</span>
           <div class="menu-wrap"><a href="/">Trang chủ</a></div>
           <div class="content"><h1>Văn bản</h1><table>
             <tr><th>Số ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th></tr>
             <tr><td>45/QĐ-SNN</td><td>13/11/2026</td><td><a href="/vb/45">Quyết định phê duyệt kế hoạch kiểm tra</a></td></tr>
             <tr><td>47/KH-SNN</td><td>24/11/2026</td><td><a href="/vb/47">Kế hoạch triển khai tiêm phòng gia súc</a></td></tr>
           </table></div>
           <div class="footer">© 2026 Sở Nông nghiệp và Môi trường</div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "24/11/2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
}

/// A citizen's question shown with the day it was sent is content shown on the page (its
/// newest date), but only the agency's answer dates the section.
#[test]
fn questions_sent_are_shown_but_do_not_date_the_section() {
    let f = run(
        r#"<h1>Hỏi đáp</h1>
           <div class="hoi-dap-item"><div class="cau-hoi"><span class="nguoi-hoi">Nguyễn Văn Hải</span> <span class="ngay-hoi">- Ngày gửi: 23/11/2026</span><p>Tôi muốn hỏi thủ tục cấp chứng chỉ hành nghề dược?</p></div><div class="tra-loi">Đang chờ trả lời.</div></div>
           <div class="hoi-dap-item"><div class="cau-hoi"><span class="nguoi-hoi">Trần Thị Mai</span> <span class="ngay-hoi">- Ngày gửi: 02/11/2026</span><p>Thẻ BHYT hộ gia đình có được khám trái tuyến không?</p></div><div class="tra-loi">Trả lời ngày <span>10/11/2026</span>: được, theo Luật Bảo hiểm y tế.</div></div>"#,
        "2026-11-25",
    );
    let sent = find(&f, "23/11/2026");
    assert_eq!(
        (sent.kind, sent.used),
        (DateKind::Comment, false),
        "{sent:?}"
    );
    assert_eq!(f.newest_date, Some(d("2026-11-23")));
    assert!(
        f.newest_section_date.is_none_or(|s| s <= d("2026-11-10")),
        "{:?}",
        f.newest_section_date
    );
    assert!(f.signals.iter().all(|s| s.date != d("2026-11-23")));
}

/// A document table whose only links are "Tải về" is titled by its "Trích yếu" column: each
/// row is an item dated by its "Ngày ban hành", and the newest row need not be the first.
#[test]
fn document_rows_titled_by_their_summary() {
    let f = run(
        r#"<h1>Công khai dự toán ngân sách</h1><table class="tblVanBan">
           <thead><tr><th>STT</th><th>Số ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Tệp</th></tr></thead>
           <tbody><tr><td>1</td><td>1820/QĐ-UBND</td><td>14/10/2026</td><td>Công khai số liệu dự toán ngân sách quý III năm 2026</td><td><a href="/f/1.pdf">Tải về</a></td></tr>
           <tr><td>2</td><td>925/QĐ-UBND</td><td>06/11/2026</td><td>Công khai tình hình thực hiện dự toán 9 tháng năm 2026</td><td><a href="/f/2.pdf">Tải về</a></td></tr>
           <tr><td>3</td><td>312/QĐ-UBND</td><td>20/01/2026</td><td>Công khai dự toán ngân sách địa phương năm 2026</td><td><a href="/f/3.pdf">Tải về</a></td></tr></tbody></table>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "06/11/2026").kind, DateKind::Item);
    assert_eq!(f.items.len(), 3, "{:?}", f.items);
    assert_eq!(f.newest_date, Some(d("2026-11-06")));
}

/// A `<title>` never closed would swallow the page (parsers read the rest as its text): the
/// page is read as its author meant, with the title ending at the next tag.
#[test]
fn an_unclosed_title_does_not_swallow_the_page() {
    let f = run(
        r#"<html><head><title>Hệ thống văn bản - Sở GD&ĐT<body>
           <div id="menu"><a href="/tabid/80/Default.aspx">Hệ thống văn bản</a></div>
           <h1>Hệ thống văn bản</h1>
           <ul><li><a href="/vb/1502">Công văn tổ chức kiểm tra học kỳ I năm học 2026-2027</a> (21/11/2026)</li>
           <li><a href="/vb/1477">Công văn thực hiện chỉ thị về an toàn trường học</a> (16/11/2026)</li></ul>"#,
        "2026-11-25",
    );
    assert_eq!(f.title, "Hệ thống văn bản - Sở GD&ĐT");
    assert!(
        f.links
            .iter()
            .any(|l| l.href.ends_with("/tabid/80/Default.aspx")),
        "{:?}",
        f.links
    );
    assert_eq!(f.newest_date, Some(d("2026-11-21")));
}

/// A weather box shows today's date ("Cửu Giang, 25/11: 25°C - 32°C"): no publication.
#[test]
fn weather_box_dates_are_boilerplate() {
    let f = run(
        r#"<div class="box weather"><h3>THỜI TIẾT</h3><p>Cửu Giang, 25/11: 25°C - 32°C, có mưa rào</p></div>
           <ul class="news"><li><a href="/a">Khai mạc hội chợ nông sản tỉnh</a> <span>(24/11/2026)</span></li>
           <li><a href="/b">Tập huấn kỹ thuật canh tác lúa cho nông dân</a> <span>(20/11/2026)</span></li></ul>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "25/11").kind, DateKind::Boilerplate);
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
}

/// Other boxes of the day: a forest ranger's fire-danger bulletin and fuel prices "applied from
/// 15h00 today" are no publications either.
#[test]
fn fire_danger_and_fuel_price_boxes_are_boilerplate() {
    let f = run(
        r#"<section class="block"><h2>Cấp dự báo cháy rừng</h2><div>Cấp IV - Nguy hiểm<br><small>Bản tin ngày 25/11/2026, hiệu lực đến 27/11/2026</small></div></section>
           <div class="moduletable"><h3>Giá xăng dầu</h3><table><tr><td>RON 95-III</td><td>21.350đ</td></tr></table><p>Áp dụng từ 15h00 ngày 24/11/2026</p></div>
           <ul class="news"><li><a href="/a">Tuần tra truy quét khu vực giáp ranh</a> <span>(21/11/2026)</span></li>
           <li><a href="/b">Tập huấn phòng cháy chữa cháy rừng</a> <span>(12/11/2026)</span></li></ul>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "25/11/2026").kind, DateKind::Boilerplate);
    assert_eq!(find(&f, "24/11/2026").kind, DateKind::Boilerplate);
    assert_eq!(f.newest_date, Some(d("2026-11-21")));
}

/// Joomla's blog rows write "Thứ ba, 24 Tháng 11 2026 08:30" in `<time itemprop=datePublished>`,
/// below the row's title: a weekday date of yesterday there is the row's, not a "today" widget.
#[test]
fn marked_up_publication_dates_are_never_today_widgets() {
    let f = run(
        r#"<div class="items-row"><div class="item"><div class="page-header"><h2><a href="/a">Tuyên dương 64 nhà giáo tiêu biểu vùng cao</a></h2></div>
           <dl class="article-info"><dd class="published"><time datetime="2026-11-24T08:30:00+07:00" itemprop="datePublished">Thứ ba, 24 Tháng 11 2026 08:30</time></dd></dl></div></div>
           <div class="items-row"><div class="item"><div class="page-header"><h2><a href="/b">Trao 1.500 bộ quần áo ấm cho học sinh</a></h2></div>
           <dl class="article-info"><dd class="published"><time datetime="2026-11-12T10:00:00+07:00" itemprop="datePublished">Thứ năm, 12 Tháng 11 2026 10:00</time></dd></dl></div></div>"#,
        "2026-11-25",
    );
    assert_ne!(find(&f, "24 Tháng 11").kind, DateKind::Boilerplate);
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
}

/// A Công báo issue list: each row is named by its number ("Số 58") and dated in its own
/// column; the documents listed inside carry dates of their own.
#[test]
fn numbered_table_rows_are_items() {
    let f = run(
        r#"<table><thead><tr><th>Số công báo</th><th>Ngày phát hành</th><th>Danh mục văn bản</th></tr></thead><tbody>
           <tr><td><a href="/cb/58">Số 58</a></td><td>23/11/2026</td><td>Quyết định số 31/2026/QĐ-UBND ngày 12/11/2026 quy định tiêu chí</td></tr>
           <tr><td><a href="/cb/57">Số 57</a></td><td>16/11/2026</td><td>Nghị quyết số 09/2026/NQ-HĐND ngày 10/11/2026 quy định chính sách</td></tr>
           </tbody></table>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "23/11/2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-23")));
}

/// A notice list without a date column: each title's "ngày 19/11/2026" is the notice's date,
/// and a deadline after the as-of date in its summary does not take its place.
#[test]
fn a_future_deadline_does_not_displace_the_titles_date() {
    let f = run(
        r#"<ul class="tb"><li><a href="/tb/212">Thông báo số 212/TB-UBND ngày 12/11/2026</a> - Kết luận của Chủ tịch UBND thị xã tại cuộc họp giao ban</li>
           <li><a href="/tb/218">Thông báo số 218/TB-UBND ngày 19/11/2026</a> - Ý kiến kết luận về tiến độ giải ngân, yêu cầu hoàn thành trước ngày 15/12/2026</li>
           <li><a href="/tb/204">Thông báo số 204/TB-UBND ngày 03/11/2026</a> - Kết luận tại buổi tiếp công dân định kỳ</li></ul>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-19")));
    assert!(!find(&f, "15/12/2026").used);
}

/// Joomla's related-items module writes each entry's date before its title, inside the link:
/// on an article page those entries are content shown (the newest date), not title text.
#[test]
fn a_date_leading_each_list_title_is_the_entrys() {
    let f = run(
        r#"<h1>Kế hoạch phát triển nhà ở năm 2027</h1><p class="date">Ngày đăng: 18/11/2026</p><p>Nội dung kế hoạch.</p>
           <div class="related"><h3>Các bài viết liên quan</h3><ul class="relateditems">
           <li><a href="/a">22-11-2026 - Kế hoạch thực hiện Chương trình phát triển đô thị</a></li>
           <li><a href="/b">19-11-2026 - Triển khai Kế hoạch phát triển nhà ở xã hội</a></li></ul></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "22-11-2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-22")));
    assert_eq!(f.newest_section_date, Some(d("2026-11-18")));
}

/// The comments a draft received ("Ý kiến góp ý đã tiếp nhận") are shown on the page but do
/// not date the consultation section.
#[test]
fn comments_received_on_a_draft_are_comments() {
    let f = run(
        r#"<h1>Dự thảo Quy định phân cấp quản lý chất lượng công trình</h1><p class="date">Ngày đăng: 16/11/2026</p>
           <div class="gopy-duthao"><h3>Ý kiến góp ý đã tiếp nhận (2)</h3>
           <div class="gopy-item"><p><strong>Nguyễn Văn Hải</strong> - <span>23/11/2026 09:42</span></p><p>Đề nghị làm rõ trách nhiệm.</p></div>
           <div class="gopy-item"><p><strong>Công ty CP Xây dựng</strong> - <span>20/11/2026 15:10</span></p><p>Đề nghị bổ sung quy định.</p></div></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "23/11/2026").kind, DateKind::Comment);
    assert_eq!(f.newest_date, Some(d("2026-11-23")));
    assert_eq!(f.newest_section_date, Some(d("2026-11-16")));
}

/// WordPress prints a page's date as `<time class="entry-date published">` below its text,
/// without a `datetime` attribute: still the page's publication date.
#[test]
fn a_post_date_marked_by_class_dates_the_page() {
    let f = run(
        r#"<h1 class="page-title">Quy chế hoạt động Trang thông tin điện tử</h1>
           <div class="entry-content"><p>Ban hành kèm theo Quyết định số 45/QĐ-BQL ngày 10/3/2025 của Trưởng ban.</p>
           <p>Điều 1. Phạm vi điều chỉnh của quy chế này gồm nhiều nội dung.</p></div>
           <div class="entry-meta"><time class="entry-date published">12/03/2025</time></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "12/03/2025").kind, DateKind::Page);
    assert_eq!(f.newest_date, Some(d("2025-03-12")));
}

/// A weekly schedule page: posted on the 20th for the week of the 23rd. Its attached file
/// ("lich-tuan-48-2026.pdf") is no item title, so the schedule's days stay schedule days.
#[test]
fn an_attachments_file_name_titles_nothing() {
    let f = run(
        r#"<h1>Lịch công tác tuần 48 năm 2026 của lãnh đạo Sở</h1>
           <div class="submitted"><span>Đăng ngày: 20/11/2026 - 16:30</span></div>
           <table><tr><th>Thứ, ngày</th><th>Nội dung</th></tr>
           <tr><td>Thứ Hai, 23/11/2026</td><td>Giao ban đầu tuần</td></tr>
           <tr><td>Thứ Ba, 24/11/2026</td><td>Làm việc tại huyện</td></tr></table>
           <div class="field-file"><a href="/files/lich-tuan-48-2026.pdf">lich-tuan-48-2026.pdf</a></div>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-20")));
}

/// A photo album's caption says when the photos were taken; its meta line when it was posted.
#[test]
fn the_day_photos_were_taken_is_not_the_albums_date() {
    let f = run(
        r#"<div class="album"><h3><a href="/a/1">Khai mạc Triển lãm ảnh nghệ thuật Đất và Người</a></h3>
           <div class="caption">Ảnh chụp ngày 23/11/2026 tại Bảo tàng tỉnh</div><div class="meta">24/11/2026 - 18 ảnh</div></div>
           <div class="album"><h3><a href="/a/2">Giải bóng chuyền hơi người cao tuổi mở rộng</a></h3>
           <div class="meta">18/11/2026 - 30 ảnh</div></div>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
    assert_ne!(find(&f, "23/11/2026").kind, DateKind::Item);
}

/// A question still waiting for its answer stands apart from the answered list; the day it was
/// sent is shown on the page (a comment-like date), not a publication of the agency.
#[test]
fn a_pending_questions_sent_date_is_shown_not_published() {
    let f = run(
        r#"<h1>Hỏi đáp</h1>
           <div class="hoi-dap-item"><p class="cau-hoi"><strong>Hỏi:</strong> Đài truyền thanh cấp xã được tiếp sóng không?</p>
           <p class="nguoi-hoi">Người hỏi: UBND xã Tân Lập - Ngày gửi: 27/10/2026</p>
           <div class="tra-loi"><strong>Trả lời</strong> (04/11/2026): Được tiếp sóng, phát lại chương trình.</div></div>
           <div class="hoi-dap-item"><p class="cau-hoi"><strong>Hỏi:</strong> Thủ tục cấp phép bưu chính thế nào?</p>
           <p class="nguoi-hoi">Người hỏi: Công ty Bưu chính - Ngày gửi: 02/11/2026</p>
           <div class="tra-loi"><strong>Trả lời</strong> (20/11/2026): Thực hiện theo Nghị định.</div></div>
           <h4>Câu hỏi đang chờ trả lời</h4>
           <div class="hoi-dap-item cho-tra-loi"><p class="cau-hoi"><strong>Hỏi:</strong> Làm sao để khóa tài khoản định danh?</p>
           <p class="nguoi-hoi">Người hỏi: Võ Thị Ngọc Lan - Ngày gửi: 24/11/2026 - <em>Đang xử lý</em></p></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "24/11/2026").kind, DateKind::Comment);
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
    assert_eq!(f.newest_section_date, Some(d("2026-11-20")));
}

/// "Các ý kiến đã nhận" under a closed draft, each "gửi ngày …": shown, not published.
#[test]
fn comments_sent_on_a_day_are_comments() {
    let f = run(
        r#"<h2>Lấy ý kiến dự thảo văn bản</h2><p class="date">Ngày đăng: 12/08/2019</p>
           <p>Thời gian lấy ý kiến: từ 12/8/2019 đến hết ngày 12/9/2019.</p>
           <div class="gopy-list"><h4>Các ý kiến đã nhận (2)</h4>
           <p>Nguyễn Văn Sơn - gửi ngày 20/08/2019: Đề nghị quy định rõ giờ họp chợ phiên.</p>
           <p>HTX Thương mại Bản Đông - gửi ngày 03/09/2019: Đề nghị giảm mức thu phí.</p></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "03/09/2019").kind, DateKind::Comment);
    assert_eq!(f.newest_date, Some(d("2019-09-03")));
    assert_eq!(f.newest_section_date, Some(d("2019-08-12")));
}

/// Lists that write each entry's date after its title inside the link ("… - 24/11/2026",
/// "… (24/11/2026)") date their entries; a date the title itself holds after a word does not.
#[test]
fn a_date_closing_each_list_title_is_the_entrys() {
    let f = run(
        r#"<h1>Tin tức</h1><ul class="list-news">
           <li><a href="/t/1">Kiểm tra an toàn thực phẩm dịp cuối năm - 19/11/2026</a></li>
           <li><a href="/t/2">Triển khai tiêm vắc xin sởi cho trẻ 1-5 tuổi (24/11/2026)</a></li>
           <li><a href="/t/3">Hội nghị tổng kết công tác y tế ngày 15/11/2026 - 21/11/2026</a></li></ul>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "19/11/2026").kind, DateKind::Item);
    assert_eq!(find(&f, "24/11/2026").kind, DateKind::Item);
    assert_eq!(find(&f, "21/11/2026").kind, DateKind::Item);
    assert!(!find(&f, "15/11/2026").used);
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
}

/// A card drawn as one link (Bootstrap `a.list-group-item` holding a heading, its date line
/// and a deadline badge) is an item titled by its heading: its "Ngày đăng" dates it, and a
/// deadline set off at the end of the card is no publication date.
#[test]
fn a_card_drawn_as_one_link_is_an_item_titled_by_its_heading() {
    let f = run(
        r#"<h1>Lấy ý kiến dự thảo văn bản</h1><div class="list-group">
           <a class="list-group-item" href="/gy/1"><div class="d-flex"><h5>Dự thảo Nghị quyết hỗ trợ hợp tác xã</h5><small>Ngày đăng: 16/11/2026</small></div>
             <p>Cơ quan soạn thảo: Sở Tài chính</p><small class="badge">Hạn góp ý: 30/12/2026</small></a>
           <a class="list-group-item" href="/gy/2"><div class="d-flex"><h5>Dự thảo Quyết định sửa đổi Bảng giá đất</h5><small>Ngày đăng: 15/10/2026</small></div>
             <p>Cơ quan soạn thảo: Sở Nông nghiệp</p><small class="badge">Hết hạn góp ý (20/11/2026)</small></a></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "16/11/2026").kind, DateKind::Item);
    assert_eq!(find(&f, "15/10/2026").kind, DateKind::Item);
    assert!(!find(&f, "20/11/2026").used);
    assert_eq!(f.newest_date, Some(d("2026-11-16")));
}

/// A listed item's "Cập nhật lần cuối" newer than its "Ngày đăng" dates it: it was changed
/// since, as an article's own update line dates the article.
#[test]
fn a_listed_items_later_update_dates_it() {
    let f = run(
        r#"<h1>Tuyên truyền pháp luật</h1><div class="blog">
           <div class="item"><h2><a href="/a/1530">Tìm hiểu Luật Phòng, chống ma túy (sửa đổi) năm 2026</a></h2>
           <dl class="article-info"><dd class="published"><time datetime="2026-11-09T08:15:00+07:00">Ngày đăng: 09 Tháng 11 2026</time></dd>
           <dd class="modified"><time datetime="2026-11-23T10:02:00+07:00">Cập nhật lần cuối: 23 Tháng 11 2026</time></dd></dl><p>Tóm tắt.</p></div>
           <div class="item"><h2><a href="/a/1543">Hội thi hòa giải viên giỏi</a></h2>
           <dl class="article-info"><dd class="published"><time datetime="2026-11-21T08:15:00+07:00">Ngày đăng: 21 Tháng 11 2026</time></dd></dl><p>Tóm tắt.</p></div></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "23 Tháng 11 2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-23")));
}

/// Entries without links under one box heading each carry their own "Ngày đăng" (one entry
/// left unclosed, as old portal markup does): each date dates its entry, not the box.
#[test]
fn unlinked_entries_under_a_box_heading_are_dated_each() {
    let f = run(
        r#"<section class="box"><h2><a href="/tin-hoat-dong">Tin hoạt động</a></h2><ul>
           <li><p>Làm việc với nhà đầu tư dự án điện mặt trời nổi
           <li><span class="date">Ngày đăng: 12/11/2026</span>
           <li><p>Trao giấy chứng nhận đầu tư cho dự án linh kiện điện tử <span class="date">Ngày đăng: 20/11/2026</span>
           <li><p>Khảo sát hạ tầng khu công nghiệp <span class="date">Ngày đăng: 16/11/2026</span></ul></section>"#,
        "2026-11-25",
    );
    for text in ["12/11/2026", "20/11/2026", "16/11/2026"] {
        assert_eq!(find(&f, text).kind, DateKind::Item, "{text}");
    }
    assert_eq!(f.newest_date, Some(d("2026-11-20")));
}

/// A featured story's date in an element of its own at the end of its link dates it.
#[test]
fn a_featured_storys_own_date_element_inside_its_link_dates_it() {
    let f = run(
        r#"<div class="tin-chinh"><a href="/tin/305512">Triển khai tiêm vắc xin sởi cho trẻ 1-5 tuổi <span class="date">(24/11/2026)</span></a></div>
           <ul class="tin-khac"><li><a href="/tin/1">Kiểm tra an toàn thực phẩm</a> <span>22/11/2026</span></li>
           <li><a href="/tin/2">Tập huấn phòng chống bệnh dại</a> <span>20/11/2026</span></li></ul>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "24/11/2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
}

/// A DataGrid writes its header as a first row of `td`s (cells left unclosed): the "Ngày ban
/// hành" column dates each document, whichever row is read first, and "Ngày hiệu lực" does not.
#[test]
fn a_header_row_of_td_cells_labels_the_columns() {
    let f = run(
        r#"<table class="DataGrid">
           <tr class="DataGrid_Header"><td>Số ký hiệu<td>Ngày ban hành<td>Ngày hiệu lực<td>Trích yếu<td>Tải về</tr>
           <tr><td>28/2026/QĐ-UBND<td>05/11/2026<td>15/11/2026<td>Quy định phân cấp quản lý hộ tịch<td><a href="/f/28.pdf">Tải về</a></tr>
           <tr><td>31/2026/QĐ-UBND<td>17/11/2026<td>20/11/2026<td>Quy chế phối hợp theo dõi thi hành pháp luật<td><a href="/f/31.pdf">Tải về</a></tr>
           </table>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "17/11/2026").kind, DateKind::Item);
    assert_ne!(find(&f, "20/11/2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-17")));
}

/// A "TIN MỚI" ticker writes each story's date in parentheses at the end of its link: each is
/// that story's date, while "(ngày 30/11/2026)" in a title follows a word and is not.
#[test]
fn a_tickers_closing_dates_are_the_stories() {
    let f = run(
        r#"<div class="marquee-news"><span class="label">TIN MỚI</span><marquee>
           <a href="/tin/a">Kiểm tra các cửa hàng xăng dầu dịp cuối năm (24/11/2026)</a> &bull;
           <a href="/tin/b">Thông báo lịch tiếp công dân (ngày 22/11/2026)</a></marquee></div>
           <ul class="news"><li><a href="/tin/c">Tập huấn thương mại điện tử</a> <span>20/11/2026</span></li>
           <li><a href="/tin/d">Hội chợ OCOP</a> <span>19/11/2026</span></li></ul>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "24/11/2026").kind, DateKind::Item);
    assert_ne!(find(&f, "22/11/2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
}

/// A photo caption that dates its story after a dash ("<a>…</a> — 25/11/2026") dates it; the
/// article's "In bài" print link titles nothing, so the article keeps its own date.
#[test]
fn a_captions_trailing_date_dates_its_story_and_a_print_link_titles_nothing() {
    let f = run(
        r#"<article><h1>Chủ tịch UBND tỉnh làm việc với huyện Tràng An</h1>
           <p class="small">Đăng ngày: 24/11/2026 17:45 | Nguồn: Văn phòng | <a href="javascript:window.print()">In bài</a></p>
           <p>Chiều 24/11/2026, đồng chí Chủ tịch đã làm việc. Đến ngày 20/11/2026 huyện đã giải ngân 68%.</p></article>
           <aside><div class="card"><div class="card-header">Ảnh hoạt động</div>
           <figure><img src="/a.jpg" alt=""><figcaption><a href="/tin/412240">Hội nghị xúc tiến đầu tư tại Hà Nội</a> — 23/11/2026</figcaption></figure></div></aside>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "24/11/2026 17:45").kind, DateKind::Page);
    assert_eq!(find(&f, "23/11/2026").kind, DateKind::Item);
    assert_ne!(find(&f, "ngày 20/11/2026").kind, DateKind::Item);
}

/// An article title left unclosed (`<h1 class="articleTitle">` without `</h1>`) swallows the
/// date line and the body: the title ends where its first block starts, so "Ngày đăng" dates
/// the page and the body's dates stay running text.
#[test]
fn an_unclosed_title_ends_at_its_first_block() {
    let f = run(
        r#"<div class="article"><h1 class="articleTitle">Thông báo kết luận cuộc họp giao ban tháng 11/2026
           <div class="articleDate">Ngày đăng: 19/11/2026 15:20 <span>Lượt xem: 96</span>
           <p>Ngày 17/11/2026, Giám đốc Sở chủ trì cuộc họp giao ban.
           <p>Thông báo số 318/TB-SNV ngày 19/11/2026.</div></div>
           <div class="tin-khac"><b>Các thông báo khác:</b><ul>
           <li><a href="/tb/2288">Thông báo lịch tiếp công dân tháng 12/2026</a> (12/11/2026)
           <li><a href="/tb/2279">Thông báo kết luận giao ban tháng 10/2026</a> (06/11/2026)</ul></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "19/11/2026 15:20").kind, DateKind::Page);
    assert_eq!(f.newest_date, Some(d("2026-11-19")));
}

/// Date lines left unclosed hold the article below them: "Thứ Ba, ngày 24 tháng 11 năm 2026"
/// and "Đăng ngày: 17/11/2026 9:05 SA" still stand alone on their line under the title and
/// date the page (the "ngày" the date absorbed still completes its label).
#[test]
fn an_unclosed_date_line_under_the_title_dates_the_page() {
    for (html, date) in [
        (
            r#"<div class="detail"><h1 class="title">Hội nghị giao ban công tác tư pháp tháng 11/2026
               <div class="info">Thứ Ba, ngày 24 tháng 11 năm 2026<div class="content">
               <p>Chiều 23/11, Sở Tư pháp tổ chức hội nghị giao ban, triển khai nhiệm vụ tháng 12/2026.
               <p>Trong tháng, toàn ngành đã chứng thực 18.402 bản sao."#,
            "2026-11-24",
        ),
        (
            r#"<h1 class="ArticleTitle">Hướng dẫn thực hiện Luật Đất đai về cấp giấy chứng nhận lần đầu
               <div class="ArticleMeta">Đăng ngày: 17/11/2026 9:05 SA <b>Người đăng: Phòng Tư pháp
               <p>Thực hiện Luật Đất đai năm 2024 và Nghị định số 101/2024/NĐ-CP ngày 29/7/2024, Phòng Tư pháp hướng dẫn.
               <p>Hồ sơ gồm: đơn đề nghị theo Mẫu số 04/ĐK."#,
            "2026-11-17",
        ),
    ] {
        let f = run(html, "2026-11-25");
        assert_eq!(f.newest_date, Some(d(date)), "{html}");
        assert!(
            f.dates
                .iter()
                .any(|x| x.kind == DateKind::Page && x.date == d(date)),
            "{html}"
        );
    }
}

/// A document table whose rows link both the title and a "Tải tệp" file link: the file link
/// titles nothing, so each row's "Ngày ban hành" dates its document.
#[test]
fn a_file_link_beside_the_title_titles_nothing() {
    let f = run(
        r#"<table><tr><th>Số ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Tệp</th></tr>
           <tr><td>19/2026/QĐ-UBND</td><td>23/11/2026</td><td><a href="/vb/1">Quy định quản lý chất lượng công trình xây dựng</a></td><td><a href="/f/1">Tải tệp</a></td></tr>
           <tr><td>1456/SXD-QLXD</td><td>18/11/2026</td><td><a href="/vb/2">Hướng dẫn cấp giấy phép xây dựng theo Nghị định số 175/2024/NĐ-CP ngày 30/12/2024</a></td><td><a href="/f/2">Tải tệp</a></td></tr></table>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "23/11/2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-23")));
}

/// Drupal marks a view row's date as RDFa (`property="dc:date"`): yesterday's "Thứ Ba,
/// 24/11/2026" there is the row's date, not a "today" widget.
#[test]
fn rdfa_marked_row_dates_are_never_today_widgets() {
    let f = run(
        r#"<div class="view-content"><div class="views-row views-row-1"><div class="views-field-title"><a href="/node/1531">Hội đồng tư vấn tuyển chọn đề tài cấp tỉnh</a></div>
           <div class="views-field-created"><span class="date-display-single" property="dc:date" content="2026-11-24T00:00:00+07:00">Thứ Ba, 24/11/2026</span></div></div>
           <div class="views-row views-row-2"><div class="views-field-title"><a href="/node/1526">Cấp giấy chứng nhận doanh nghiệp KH&amp;CN</a></div>
           <div class="views-field-created"><span class="date-display-single" property="dc:date" content="2026-11-19T00:00:00+07:00">Thứ Năm, 19/11/2026</span></div></div></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "24/11/2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
}

/// A link whose `href` quote was never closed swallows the markup after it, the page's
/// "Cập nhật" line included: it titles nothing, so the line still dates the page.
#[test]
fn a_link_with_a_broken_href_titles_nothing() {
    let f = run(
        r#"<h1>Sơ đồ cổng</h1><ul><li><a href="/ban-bien-tap">Ban biên tập</a>
           <li><a href="/hoi-dap>Hỏi đáp</a></ul><div class="note">Cập nhật sơ đồ: 30/06/2026</div>"#,
        "2026-11-25",
    );
    assert!(find(&f, "30/06/2026").used, "{:#?}", f.dates);
    assert_eq!(f.newest_date, Some(d("2026-06-30")));
}

/// In a Q&A list each question's "(Gửi ngày 16/11/2026)" is the day it was sent: shown on the
/// page (it counts for the newest date shown), never the agency's publication.
#[test]
fn a_questions_sent_day_written_gui_ngay_is_a_comment() {
    let f = run(
        r#"<h2>Hỏi đáp pháp luật</h2>
           <div class="qa"><p class="q"><b>Hỏi:</b> Bà Lê Thị Hoa hỏi về trợ giúp pháp lý miễn phí. <i>(Gửi ngày 20/10/2026)</i></p>
           <p class="a"><b>Trả lời:</b> Điều 7 Luật Trợ giúp pháp lý quy định... <i>Ngày trả lời: 28/10/2026</i></p></div>
           <div class="qa"><p class="q"><b>Hỏi:</b> Anh Nguyễn Hữu Lộc hỏi việc chứng thực chữ ký. <i>(Gửi ngày 16/11/2026)</i></p><p class="a"><i>Đang chờ trả lời.</i></p></div>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "16/11/2026").kind, DateKind::Comment);
    assert_eq!(f.newest_date, Some(d("2026-11-16")));
}

/// A Công báo issue list titles its rows by their "Danh mục văn bản" column: each issue's
/// "Ngày phát hành" dates it, and the newest issue need not come first.
#[test]
fn a_gazette_issue_list_is_dated_by_its_issue_dates() {
    let f = run(
        r#"<h1>Công báo tỉnh</h1><table><tr><th>Số công báo</th><th>Ngày phát hành</th><th>Danh mục văn bản</th><th>Tải về</th></tr>
           <tr><td>Số 41 + 42</td><td>06/11/2026</td><td>Quyết định số 31/2026/QĐ-UBND ngày 10/11/2026; Nghị quyết số 20/2026/NQ-HĐND</td><td><a href="/cb41.pdf">PDF</a></td></tr>
           <tr><td>Số 43 + 44</td><td>20/11/2026</td><td>Quyết định số 33/2026/QĐ-UBND; Quyết định số 35/2026/QĐ-UBND</td><td><a href="/cb43.pdf">PDF</a></td></tr></table>"#,
        "2026-11-25",
    );
    assert_eq!(find(&f, "20/11/2026").kind, DateKind::Item);
    assert_eq!(f.newest_date, Some(d("2026-11-20")));
}

/// A Q&A plug-in's meta line ("Người gửi: … · Gửi lúc 10:20 - 21/11/2026" in
/// `div.fbpQuestionMeta`) is not the question's title: its date is the day the question was
/// sent, shown on the page (newest date) but not the agency's publication (section date).
#[test]
fn a_question_meta_line_dates_the_question_as_sent() {
    let f = run(
        r#"<html><body><main><h2>Hỏi đáp doanh nghiệp</h2>
        <div class="fbpQuestion"><h3 class="fbpQuestionTitle"><a href="/q?id=20">Doanh nghiệp FDI thuê nhà xưởng có phải điều chỉnh?</a></h3>
        <div class="fbpQuestionMeta">Người gửi: Công ty A · Gửi lúc 10:20 - 21/11/2026</div>
        <div class="fbpAnswer"><span class="label">Chờ trả lời</span></div></div>
        <div class="fbpQuestion"><h3 class="fbpQuestionTitle"><a href="/q?id=21">Thời hạn cấp lại giấy phép lao động?</a></h3>
        <div class="fbpQuestionMeta">Người gửi: Cty B · Gửi lúc 08:05 - 09/11/2026</div>
        <div class="fbpAnswer">Đã trả lời. Ngày trả lời: 16/11/2026</div></div>
        </main></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-21")));
    assert_eq!(f.newest_section_date, Some(d("2026-11-16")));
}

/// A weekly schedule: its week ("Tuần 48 (từ ngày 23/11/2026 đến …)") opens a period, its
/// pager ("« Tuần trước") titles nothing, its day rows are events, and it is dated by its
/// posting and revision notes ("Đăng tải lúc 16:30 ngày 20/11/2026. Điều chỉnh, bổ sung lần 1
/// lúc 10:15 ngày 24/11/2026").
#[test]
fn a_schedule_is_dated_by_its_revision_note() {
    let f = run(
        r#"<html><body><main><h1>Lịch công tác tuần của lãnh đạo UBND tỉnh</h1>
        <div class="chon-tuan"><a href="/lct?tuan=47">« Tuần trước</a> <b>Tuần 48 (từ ngày 23/11/2026 đến ngày 29/11/2026)</b> <a href="/lct?tuan=49">Tuần sau »</a></div>
        <table><tr><th>Thứ, ngày</th><th>Giờ</th><th>Nội dung</th></tr>
        <tr><td>Thứ Hai<br/>23/11/2026</td><td>08h00</td><td>Chủ tịch UBND tỉnh họp giao ban</td></tr>
        <tr><td>Thứ Năm<br/>26/11/2026</td><td>14h00</td><td>Làm việc với Sở Xây dựng</td></tr></table>
        <div class="ghi-chu"><p><i>Đăng tải lúc 16:30 ngày 20/11/2026. Điều chỉnh, bổ sung lần 1 lúc 10:15 ngày 24/11/2026 (bổ sung lịch chiều Thứ Năm).</i></p></div>
        </main></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
    let revised = f
        .dates
        .iter()
        .find(|x| x.date == d("2026-11-24") && x.text.contains("ngày"))
        .expect("the revision note's date");
    assert_eq!(revised.kind, DateKind::Page, "{revised:?}");
    let week = find(&f, "ngày 23/11/2026");
    assert_eq!(week.kind, DateKind::Text, "{week:?}");
    assert!(week.why.contains("từ ngày"), "{week:?}");
}

/// "… điện tử... Ngày trả lời: 24/11/2026" is an answer's date: folded, "tử... Ngày" reads like
/// the "từ ngày" that opens a period, which it is not.
#[test]
fn an_answer_date_after_dien_tu_is_the_answers() {
    let f = run(
        r#"<html><body><main><h2>HỎI ĐÁP TRỰC TUYẾN</h2>
        <div class="qa-item"><div class="qa-question">Hỏi: Xin cấp Phiếu lý lịch tư pháp qua mạng có phải đến Sở nhận kết quả không? <span class="qa-date">Ngày gửi: 21/11/2026</span></div>
        <div class="qa-answer">Trả lời: Người yêu cầu có thể nhận bản điện tử qua ứng dụng định danh điện tử... <span class="qa-date">Ngày trả lời: 24/11/2026</span></div></div>
        <div class="qa-item"><div class="qa-question">Hỏi: Chứng thực hợp đồng mua bán xe máy ở đâu? <span class="qa-date">Ngày gửi: 12/11/2026</span></div>
        <div class="qa-answer">Trả lời: Tại UBND cấp xã bất kỳ. <span class="qa-date">Ngày trả lời: 19/11/2026</span></div></div>
        </main></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-24")));
    assert_eq!(f.newest_section_date, Some(d("2026-11-24")));
}

/// A breadcrumb trail left unclosed (`<div class="navigation">` without its `</div>`) holds the
/// document table after it: the table is content, dated by its rows, not menu text.
#[test]
fn an_unclosed_trail_does_not_make_the_page_a_menu() {
    let f = run(
        r#"<html><body><div id="menu"><a href="/">Trang chủ</a> <a href="/vanban">Văn bản</a></div>
        <div id="left"><div class="navigation"><a href="/">Trang chủ</a> &raquo; <a href="/vanban/?cat=40">Văn bản</a> &raquo; <b>Văn bản pháp quy</b>
        <div class="box"><div class="box_title">VĂN BẢN PHÁP QUY</div>
        <table><tr><th>Số ký hiệu<th>Ngày ban hành<th>Trích yếu<th>Tải về
        <tr><td>45/QĐ-UBND<td>06/11/2026<td>Quyết định ban hành quy chế quản lý di tích trên địa bàn tỉnh<td><a href=/u/45.pdf>Tải về</a>
        <tr><td>12/CT-UBND<td>23/11/2026<td>Chỉ thị về tổ chức đón Tết Nguyên đán Đinh Mùi 2027<td><a href=/u/12.pdf>Tải về</a>
        <tr><td>30/KH-SVHTTDL<td>19/11/2026<td>Kế hoạch tổ chức Ngày hội văn hóa các dân tộc năm 2026<td><a href=/u/30.pdf>Tải về</a>
        </table></div></div></div></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-23")));
}

/// A schedule table ("Ngày | Thời gian | Nội dung công việc | Địa điểm") under its heading:
/// the day column holds the planned events' days; the schedule is dated by its posting line,
/// and "Cập nhật, điều chỉnh lần cuối: 24/11/2026" is an update of it.
#[test]
fn a_schedule_tables_days_are_events() {
    let page = |update: &str| {
        run(
            &format!(
                r#"<html><body><main><h2>Lịch công tác tuần</h2>
        <h3>LỊCH CÔNG TÁC CỦA THƯỜNG TRỰC UBND HUYỆN<br/>Tuần 48 (Từ ngày 23/11/2026 đến ngày 29/11/2026)</h3>
        <p><em>Đăng ngày: 20/11/2026 16:30{update}</em></p>
        <table><thead><tr><th>Ngày</th><th>Thời gian</th><th>Nội dung công việc</th><th>Địa điểm</th></tr></thead>
        <tbody><tr><td>Thứ Hai<br/>23/11/2026</td><td>07h30</td><td>Giao ban Thường trực</td><td>Phòng họp số 1</td></tr>
        <tr><td>Thứ Ba<br/>24/11/2026</td><td>08h00</td><td>Tiếp công dân định kỳ</td><td>Trụ sở tiếp dân</td></tr></tbody></table>
        <p><a href="/lich-tuan-48.pdf">Tải lịch (PDF)</a></p></main></body></html>"#
            ),
            "2026-11-25",
        )
    };
    assert_eq!(page("").newest_date, Some(d("2026-11-20")));
    assert_eq!(
        page(" — Cập nhật, điều chỉnh lần cuối: 24/11/2026 08:10").newest_date,
        Some(d("2026-11-24"))
    );
}

/// On a consultation page: comments listed under a "Ý kiến góp ý mới nhất" heading and "Ý kiến
/// mới nhất nhận ngày …" are comments received (shown, not the agency's publications); a
/// closing date written in a list's title cell ("Đã hết hạn góp ý (20/10/2019)") is no
/// publication date even though the column is the titles'.
#[test]
fn comments_received_and_closing_dates_on_a_consultation_page() {
    let f = run(
        r#"<html><body><main><h2>Lấy ý kiến dự thảo luật</h2>
        <table><thead><tr><th>Tiêu đề</th><th>Ngày đăng</th></tr></thead><tbody>
        <tr><td><a href="/d/512">Lấy ý kiến dự thảo Quyết định quy định quản lý hành nghề y tư nhân</a> <span>Đã hết hạn góp ý (20/10/2019)</span></td><td>20-09-2019</td></tr>
        <tr><td><a href="/d/488">Dự thảo Nghị quyết hỗ trợ nhân viên y tế thôn, bản</a> <span>Đã hết hạn góp ý (03/07/2019)</span></td><td>03-06-2019</td></tr>
        </tbody></table>
        <h3>Ý kiến góp ý mới nhất</h3>
        <ul class="y-kien-moi"><li><b>Nguyễn Văn Tú</b> (xã Bản Liên) - <i>24/11/2019 20:14</i>: Đề nghị bổ sung chính sách hỗ trợ.</li>
        <li><b>Hội Luật gia tỉnh</b> - <i>19/11/2019 09:02</i>: Về Điều 45 dự thảo, đề nghị làm rõ.</li></ul>
        <p>Tổng số ý kiến đã nhận: 7. Ý kiến mới nhất nhận ngày 30/11/2019.</p>
        </main></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2019-11-30")));
    assert_eq!(f.newest_section_date, Some(d("2019-09-20")));
    assert_eq!(find(&f, "24/11/2019").kind, DateKind::Comment);
}

/// A breadcrumb link left open (`<a href="/?cat=22">Đầu tư XDCB</div>`) once made the HTML
/// parser drop the whole list after it: the page is read with the link closed at its block.
#[test]
fn a_link_left_open_in_the_trail_loses_no_items() {
    let f = run(
        r#"<html><body><table><tr><td>
        <div class="duongdan"><a href="/">Trang chủ</a> » <a href="/?cat=22">Đầu tư XDCB</div>
        <div class="khung-giua"><div class="tieude-giua">ĐẦU TƯ XÂY DỰNG CƠ BẢN</div>
        <div class="tin-item"><a class="tieude" href="/tin/1230.html">Phê duyệt kế hoạch lựa chọn nhà thầu công trình Kè</a> <span class="ngaydang">(16/11/2026)</span>
        <div class="tin-item"><a class="tieude" href="/tin/1222.html">Công khai dự kiến kế hoạch vốn đầu tư công năm 2027</a> <span class="ngaydang">(11/11/2026)</span></div>
        </td></tr></table></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-16")));
    assert_eq!(f.items.len(), 2, "{:#?}", f.items);
}

/// Joomla's "more articles" list is an `<ol class="nav nav-tabs nav-stacked">` inside the main
/// content: a list of dated articles, not a menu, so its dates count.
#[test]
fn joomla_more_articles_list_is_content() {
    let f = run(
        r#"<html><body><nav><ul class="nav menu"><li><a href="/tin">Tin tức</a></li></ul></nav>
        <main id="content" role="main"><div class="blog-featured">
        <div class="items-leading"><h2 class="item-title"><a href="/a/1842">Thị xã tổ chức Lễ kỷ niệm 20 năm thành lập</a></h2>
        <dl class="article-info"><dd class="published"><time datetime="2026-11-21T09:00:00+07:00">Ngày đăng: 21/11/2026</time></dd></dl></div>
        <div class="items-more"><ol class="nav nav-tabs nav-stacked">
        <li><a href="/a/1847">Phường Sông Cầu ra mắt mô hình Dân vận khéo</a> <span class="date">23/11/2026</span></li>
        <li><a href="/a/1845">Ra quân tổng vệ sinh môi trường ngày Chủ nhật xanh</a> <span class="date">22/11/2026</span></li>
        </ol></div></div></main></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(f.newest_date, Some(d("2026-11-23")));
}
