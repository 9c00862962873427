//! Page structure: links by region on portals without semantic tags, the inspect views, and
//! robustness on hostile input (unclosed tags, deep nesting, huge pages, binary junk).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ttdt::extract::{DateKind, PageFacts, Region, extract, inspect_json, inspect_text};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(html: &str) -> PageFacts {
    extract(
        &url::Url::parse("https://so.example.gov.vn/tin-tuc/").unwrap(),
        html,
        d("2022-08-27"),
    )
}

fn region_of(f: &PageFacts, text: &str) -> Region {
    f.links
        .iter()
        .find(|l| l.text == text)
        .unwrap_or_else(|| panic!("no link {text:?} in {:#?}", f.links))
        .region
}

#[test]
fn menu_div_without_nav_tags_is_nav() {
    let f = run(r#"<html><body>
        <div id="menu"><ul><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức</a></li></ul></div>
        <div class="content"><a href="/tin-tuc/bai-1">Bài viết số một về cải cách</a></div>
        <div class="footer">Liên hệ: <a href="/lien-he">Liên hệ</a></div>
        </body></html>"#);
    assert_eq!(region_of(&f, "Giới thiệu"), Region::Nav);
    assert_eq!(region_of(&f, "Bài viết số một về cải cách"), Region::Main);
    assert_eq!(region_of(&f, "Liên hệ"), Region::Footer);
    assert_eq!(f.footer_text, "Liên hệ: Liên hệ");
    assert!(f.main_text.contains("Bài viết số một"));
    assert!(!f.main_text.contains("Giới thiệu"));
}

#[test]
fn region_markers_by_class_and_tag() {
    let f = run(r#"<html><body class="header-fixed navbar-on">
        <div class="top-bar"><a href="/a">Đăng nhập hệ thống</a></div>
        <div class="left-menu"><a href="/b">Văn bản pháp quy</a></div>
        <div class="site-footer"><a href="/c">Sơ đồ cổng</a></div>
        <div class="chantrang"><a href="/d">Bản quyền</a></div>
        <article><header class="entry-header"><a href="/e">Tiêu đề bài viết</a></header>
          <footer class="entry-footer"><a href="/f">Chuyên mục tin</a></footer></article>
        <div class="date-header"><a href="/g">Ngày hôm qua</a></div>
        <div class="page-header"><a href="/h">Tiêu đề trang</a></div>
        <div class="card-footer"><a href="/i">Đọc tiếp bài</a></div>
        <header><a href="/j">Logo cơ quan</a></header>
        <footer><a href="/k">Chân trang</a></footer>
        </body></html>"#);
    // A class on <body> describes the page, not a region.
    assert_eq!(region_of(&f, "Đăng nhập hệ thống"), Region::Nav);
    assert_eq!(region_of(&f, "Văn bản pháp quy"), Region::Nav);
    assert_eq!(region_of(&f, "Sơ đồ cổng"), Region::Footer);
    assert_eq!(region_of(&f, "Bản quyền"), Region::Footer);
    // An article's own header/footer are content.
    assert_eq!(region_of(&f, "Tiêu đề bài viết"), Region::Main);
    assert_eq!(region_of(&f, "Chuyên mục tin"), Region::Main);
    assert_eq!(region_of(&f, "Ngày hôm qua"), Region::Main);
    assert_eq!(region_of(&f, "Tiêu đề trang"), Region::Main);
    assert_eq!(region_of(&f, "Đọc tiếp bài"), Region::Main);
    assert_eq!(region_of(&f, "Logo cơ quan"), Region::Nav);
    assert_eq!(region_of(&f, "Chân trang"), Region::Footer);
}

#[test]
fn role_attributes_mark_regions() {
    let f = run(
        r#"<div role="navigation"><a href="/x">Trang chủ cổng</a></div>
        <div role="contentinfo"><a href="/y">Thông tin liên hệ</a></div>"#,
    );
    assert_eq!(region_of(&f, "Trang chủ cổng"), Region::Nav);
    assert_eq!(region_of(&f, "Thông tin liên hệ"), Region::Footer);
}

#[test]
fn inspect_json_has_the_design_shape() {
    let html = r#"<html><head><title>Thông báo</title></head><body>
        <div id="header"><span>Thứ Bảy, 27/08/2022</span></div>
        <ul class="list"><li><a href="/tb/174">Kế hoạch số 174/KH-UBND</a> <span class="date">27/07/2021 04:30 PM</span></li>
        <li><a href="/tb/170">Thông báo số 170/TB-UBND</a> <span class="date">20/07/2021</span></li></ul>
        </body></html>"#;
    let f = run(html);
    let v = inspect_json(&f, d("2022-08-27"));
    assert_eq!(v["url"], "https://so.example.gov.vn/tin-tuc/");
    assert_eq!(v["title"], "Thông báo");
    assert_eq!(v["as_of"], "2022-08-27");
    assert_eq!(v["newest_date"], "2021-07-27");
    assert_eq!(v["groups"], serde_json::json!([]));
    let dates = v["dates"].as_array().unwrap();
    assert_eq!(
        dates[0],
        serde_json::json!({"date": "2022-08-27", "text": "Thứ Bảy, 27/08/2022", "kind": "boilerplate",
                           "used": false, "why": "header date widget"})
    );
    assert_eq!(
        dates[1],
        serde_json::json!({"date": "2021-07-27", "text": "27/07/2021 04:30 PM", "kind": "item",
                           "used": true, "why": "date of list item 'Kế hoạch số 174/KH-UBND'"})
    );
    let links = v["links"].as_array().unwrap();
    assert_eq!(
        links[0],
        serde_json::json!({"href": "https://so.example.gov.vn/tb/174", "text": "Kế hoạch số 174/KH-UBND", "region": "main"})
    );
    // No dates: newest_date is null.
    let empty = inspect_json(&run("<p>Không có ngày</p>"), d("2022-08-27"));
    assert!(empty["newest_date"].is_null());
}

#[test]
fn inspect_text_lists_every_section() {
    let f = run(r#"<html><head><title>Trang chủ</title>
        <link rel="alternate" type="application/rss+xml" href="/rss"></head><body>
        <nav><a href="/gt">Giới thiệu</a></nav>
        <form action="/tim-kiem"><input name="keyword"></form>
        <ul><li><a href="/a">Tin tức hoạt động của sở</a> (20/08/2022)</li><li><a href="/b">Tin tức thứ hai của sở</a> (19/08/2022)</li></ul>
        <footer>© 2022 Sở Tư pháp</footer></body></html>"#);
    let t = inspect_text(&f, d("2022-08-27"));
    for needle in [
        "Title:       Trang chủ",
        "Newest date: 2022-08-20",
        "USED 2022-08-20  item",
        "date of list item 'Tin tức hoạt động của sở'",
        "nav (1):",
        "Giới thiệu  <https://so.example.gov.vn/gt>",
        "[search] https://so.example.gov.vn/tim-kiem",
        "https://so.example.gov.vn/rss",
        "© 2022 Sở Tư pháp",
    ] {
        assert!(t.contains(needle), "missing {needle:?} in\n{t}");
    }
}

#[test]
fn unclosed_and_misnested_tags() {
    let f = run(
        r#"<html><body><div class="news"><ul><li><a href="/a">Tin số một của huyện<li><a href="/b">Tin số hai của huyện</a> <span>(20/08/2022)
        <table><tr><td>25/08/2022<td><a href="/c">Văn bản mới ban hành<tr><td>
        <p><b><i>Ngày đăng: 21/08/2022</b></i><div><footer>© 2022"#,
    );
    assert!(f.newest_date.is_some());
    assert!(f.links.len() >= 3);
}

#[test]
fn deep_nesting_does_not_overflow_or_crawl() {
    // html5ever itself is quadratic in nesting depth (scope checks walk the open-element stack:
    // 20 000 nested divs take ~30 s to parse in a debug build), so the depth here is what junk
    // pages plausibly reach; our own walks are iterative and linear.
    for tag in ["div", "table", "span", "b"] {
        let depth = 4_000;
        let mut html = String::new();
        for i in 0..depth {
            html.push_str(&format!("<{tag} class=\"c{i}\">"));
            if i % 500 == 0 {
                html.push_str("<a href=\"/x\">Tin tức ngày 20/08/2022</a> (21/08/2022)");
            }
        }
        let t = Instant::now();
        let f = run(&html);
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "{tag}: {:?}",
            t.elapsed()
        );
        let _ = inspect_text(&f, d("2022-08-27"));
    }
    // Nested tables inside cells.
    let mut html = String::new();
    for _ in 0..3000 {
        html.push_str("<table><tr><td>");
    }
    html.push_str("<a href=\"/y\">Văn bản chỉ đạo</a> 20/08/2022");
    let f = run(&html);
    assert_eq!(f.links.len(), 1);
}

#[test]
fn binary_junk_and_odd_text_never_panic() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut bytes = Vec::with_capacity(300_000);
    for _ in 0..300_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        bytes.push((seed >> 24) as u8);
    }
    let junk = String::from_utf8_lossy(&bytes).into_owned();
    let _ = run(&junk);
    // Junk sprinkled with markup and date-like pieces.
    let mut mixed = String::new();
    for (i, chunk) in junk.as_bytes().chunks(997).enumerate() {
        mixed.push_str(&String::from_utf8_lossy(chunk));
        mixed.push_str(match i % 7 {
            0 => "<li><a href='/x'>Tin tức (25/11)",
            1 => "</div><div class='date'>31/02/2022</div>",
            2 => "<time datetime='not a date'>x</time>",
            3 => "<script type='application/ld+json'>{\"datePublished\": [1, {\"@graph\": null}]}</script>",
            4 => "<meta property='article:published_time' content='2022-13-45T99:99'>",
            5 => "<td>29/02/2021</td><td>Thứ Hai, 00/00/0000</td>",
            _ => "\u{0}\u{feff}\u{202e}ngày\u{301} 1\u{fe0f}/8/2022",
        });
    }
    let f = run(&mixed);
    let _ = inspect_json(&f, d("2022-08-27"));
    for x in &f.dates {
        assert!(x.date <= d("2022-08-27") || !x.used);
    }
    // Empty and whitespace-only pages.
    assert!(run("").dates.is_empty());
    assert!(run("   \n\t ").links.is_empty());
}

#[test]
fn five_megabyte_page_is_read() {
    let mut html = String::from("<html><body><ul class=\"list\">");
    let mut n: u32 = 0;
    while html.len() < 5 * 1024 * 1024 {
        n += 1;
        html.push_str(&format!(
            "<li class=\"item\"><a href=\"/tin/{n}\">Tin hoạt động số {n} của Sở Thông tin và Truyền thông</a> \
             <span class=\"date\">({:02}/{:02}/2022)</span><p>Tóm tắt nội dung tin số {n}, ngày 01/01/2022.</p></li>",
            n % 28 + 1,
            n % 12 + 1
        ));
    }
    html.push_str("</ul></body></html>");
    let t = Instant::now();
    let f = run(&html);
    let took = t.elapsed();
    // Newest generated date: day n % 28 + 1 of month n % 12 + 1.
    let newest = (1..=n)
        .map(|n| NaiveDate::from_ymd_opt(2022, n % 12 + 1, n % 28 + 1).unwrap())
        .filter(|x| *x <= d("2022-08-27"))
        .max();
    assert_eq!(f.newest_date, newest);
    assert!(f.items.len() > 10_000, "{}", f.items.len());
    assert!(
        f.dates
            .iter()
            .any(|x| x.kind == DateKind::Text && x.text.contains("01/01/2022"))
    );
    // Generous: debug build on a shared machine.
    assert!(took < Duration::from_secs(60), "{took:?}");
}

#[test]
fn one_long_line_of_dates_and_links_stays_linear() {
    // 2 MB without a single block break: every date/title lookup must stay local.
    let mut html = String::from("<body><span>");
    let mut n = 0u32;
    while html.len() < 2 * 1024 * 1024 {
        n += 1;
        html.push_str(&format!(
            "<a href=\"/t/{n}\">Tin số {n} của văn phòng</a> ({:02}/08/2022) ",
            n % 27 + 1
        ));
    }
    let t = Instant::now();
    let f = run(&html);
    assert!(f.newest_date.is_some());
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
}

/// The breadcrumb trail of the usual CMS markups: links then the current entry.
#[test]
fn breadcrumb_trails() {
    let joomla = run(
        r#"<html><body><ul class="breadcrumb"><li><a href="/" class="pathway">Trang chủ</a></li>
        <li><span class="divider">/</span><a href="/tin-tuc" class="pathway">Tin tức</a></li>
        <li><span>Khai mạc lễ hội</span></li></ul><main><h1>Khai mạc lễ hội</h1></main></body></html>"#,
    );
    assert_eq!(
        joomla.breadcrumb,
        ["Trang chủ", "Tin tức", "Khai mạc lễ hội"]
    );
    let drupal = run(
        r#"<html><body><nav id="system-breadcrumb" aria-label="Breadcrumb"><ol>
        <li><a href="/">Home</a></li><li><a href="/van-ban">Văn bản</a></li></ol></nav></body></html>"#,
    );
    assert_eq!(drupal.breadcrumb, ["Home", "Văn bản"]);
    let liferay = run(
        r#"<html><body><div class="portlet-boundary portlet-breadcrumb"><ul>
        <li><a href="/">Trang chủ</a></li><li class="active">Giới thiệu</li></ul></div></body></html>"#,
    );
    assert_eq!(liferay.breadcrumb, ["Trang chủ", "Giới thiệu"]);
    let none = run("<html><body><p>Không có đường dẫn</p></body></html>");
    assert!(none.breadcrumb.is_empty());
}

/// Old DNN/SolPart menus are `<div onclick="location.href='…'">` entries: a browser follows
/// them, so they are links (resolved, in their region); an entry with a real link inside, or
/// an onclick without a target, is not read twice or at all.
#[test]
fn scripted_menu_entries_are_links() {
    let f = run(r#"<table id="dnn_MainMenu" class="MainMenu"><tr>
        <td><div class="MainMenu_MenuItem" onclick="location.href='/tabid/72/Default.aspx'">Thông tin chỉ đạo, điều hành</div></td>
        <td><div class="MainMenu_MenuItem" onclick="window.open('https://so.example.gov.vn/tabid/85/Default.aspx','_self')">DỰ THẢO VBQPPL</div></td>
        <td><div class="MainMenu_MenuItem" onclick="toggle(this)">CÔNG KHAI</div></td>
        <td><div onclick="location.href='/x'"><a href="/tabid/90/Default.aspx">Liên hệ</a></div></td></tr></table>
        <main><h1>Trang chủ</h1></main>"#);
    let link = |text: &str| {
        f.links
            .iter()
            .filter(|l| l.text == text)
            .collect::<Vec<_>>()
    };
    let cddh = link("Thông tin chỉ đạo, điều hành");
    assert_eq!(cddh.len(), 1);
    assert_eq!(
        cddh[0].href,
        "https://so.example.gov.vn/tabid/72/Default.aspx"
    );
    assert_eq!(cddh[0].region, Region::Nav);
    assert_eq!(link("DỰ THẢO VBQPPL").len(), 1);
    assert!(link("CÔNG KHAI").is_empty());
    assert_eq!(link("Liên hệ").len(), 1);
    assert!(!f.links.iter().any(|l| l.href.ends_with("/x")));
}

/// A page without a breadcrumb that names its section in a line of its own ("Chuyên mục:
/// Tuyên truyền pháp luật", a print view) is placed there; a list whose entries each name
/// theirs (search results) is not.
#[test]
fn a_category_line_stands_in_for_the_breadcrumb() {
    let print = run(
        r#"<main><div class="print-cat">Chuyên mục: Tuyên truyền pháp luật</div>
        <h1>Những điểm mới của Luật Đất đai</h1><p>Nội dung bài viết.</p></main>"#,
    );
    assert_eq!(print.breadcrumb, ["Tuyên truyền pháp luật"]);
    let results = run(r#"<main><h1>Kết quả tìm kiếm</h1>
        <article><h2><a href="/a">Dự thảo quy định</a></h2><span class="cat-links">Chuyên mục: <a href="/c/1">Lấy ý kiến</a></span></article>
        <article><h2><a href="/b">Quy hoạch chung</a></h2><span class="cat-links">Chuyên mục: <a href="/c/2">Quy hoạch đô thị</a></span></article></main>"#);
    assert!(results.breadcrumb.is_empty(), "{:?}", results.breadcrumb);
    let wp_post = run(
        r#"<main><article><header><h1>Hội nghị đối thoại với doanh nghiệp</h1>
        <div class="entry-meta"><time class="entry-date published">19/11/2026</time>
        <span class="cat-links"><a href="/category/tin-tuc/" rel="category tag">Tin tức</a></span></div></header>
        <p>Nội dung.</p></article></main>"#,
    );
    assert_eq!(wp_post.breadcrumb, ["Tin tức"]);
}

/// A menu drawn by a script from an array of `['Label', 'url']` items, with a `<noscript>`
/// fallback: read without scripting, both are the page's menu links (the fallback as markup,
/// the array's entries as navigation), and the shell's note asking for JavaScript is no text.
#[test]
fn script_array_menus_and_noscript_fallbacks_are_links() {
    let f = run(r#"<html><head><title>UBND huyện</title>
        <script>var MENU_ITEMS = [['Trang chủ', '/Default.aspx?tabid=36'],
          ['Giới thiệu', '/gioi-thieu/tabid/60/default.aspx', null,
            ['Điều kiện tự nhiên', '/gioi-thieu/dktn/tabid/61/default.aspx']],
          ['Góp ý dự thảo', '/gop-y/tabid/115/default.aspx']];
          _gaq.push(['_trackPageview', '/x']);</script></head>
        <body><div id="menu"><noscript><table><tr><td><a href="/tin-tuc/tabid/56/default.aspx">Tin tức</a></td></tr></table></noscript></div>
        <main><p>Nội dung trang chủ của huyện với nhiều tin bài.</p></main></body></html>"#);
    let texts: Vec<&str> = f.links.iter().map(|l| l.text.as_str()).collect();
    for t in [
        "Tin tức",
        "Giới thiệu",
        "Điều kiện tự nhiên",
        "Góp ý dự thảo",
    ] {
        assert!(texts.contains(&t), "{t} missing from {texts:?}");
    }
    assert!(!texts.contains(&"_trackPageview"));
    assert_eq!(region_of(&f, "Góp ý dự thảo"), Region::Nav);
    assert!(!f.script_only);

    let shell = run(
        r#"<html><head><script src="/app.js"></script><noscript>Trang này sử dụng JavaScript và yêu cầu trình duyệt có bật JavaScript.</noscript></head><body><div id="root"></div></body></html>"#,
    );
    assert!(shell.script_only, "{:?}", shell.main_text);
}
