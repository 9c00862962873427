//! The site generator over real HTTP: every style serves its home, section lists, articles,
//! pagination, robots.txt, sitemap.xml and feed; list pages show exactly the declared newest
//! dates; static sections carry no item dates; noise is where the spec says; requests are logged.
//!
//! Dates are read here with a deliberately simple regex scoped to the generator's own date
//! markup (the real date extraction is another module's job).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use ttdt::demo::sitegen::{
    self, FooterSpec, Noise, PageKind, SectionSpec, SiteSpec, SiteStyle, serve, site_pages,
    truth_newest,
};

const UA: &str = "ttdt-test/1 (+https://example.invalid/)";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Wednesday: the header widget must say "Thứ Tư".
fn today() -> NaiveDate {
    day(2026, 11, 25)
}

fn sec(
    group: &str,
    label: &str,
    newest: Option<NaiveDate>,
    items: usize,
    interval: u32,
) -> SectionSpec {
    SectionSpec {
        group: group.into(),
        label: label.into(),
        newest,
        items,
        interval_days: interval,
    }
}

/// All eleven groups plus a "Liên hệ" page, every kind of noise, every optional feature.
fn full_spec(style: SiteStyle) -> SiteSpec {
    SiteSpec {
        id: "so-tu-phap".into(),
        name: "Sở Tư pháp tỉnh Sơn Hà".into(),
        style,
        sections: vec![
            sec("gioi_thieu", "Giới thiệu", None, 4, 0),
            sec(
                "tin_tuc",
                "Tin tức - Sự kiện",
                Some(day(2026, 11, 24)),
                6,
                1,
            ),
            sec(
                "pho_bien_phap_luat",
                "Phổ biến giáo dục pháp luật",
                Some(day(2026, 11, 20)),
                4,
                5,
            ),
            sec(
                "chi_dao_dieu_hanh",
                "Chỉ đạo điều hành",
                Some(day(2026, 11, 23)),
                4,
                3,
            ),
            sec(
                "quy_hoach_ke_hoach",
                "Quy hoạch - Kế hoạch",
                Some(day(2026, 10, 31)),
                3,
                20,
            ),
            sec(
                "van_ban_phap_luat",
                "Văn bản pháp luật",
                Some(day(2026, 11, 24)),
                5,
                4,
            ),
            sec(
                "du_an_dau_thau",
                "Dự án - Đấu thầu",
                Some(day(2026, 9, 2)),
                3,
                15,
            ),
            sec(
                "dich_vu_cong",
                "Thủ tục hành chính",
                Some(day(2026, 11, 10)),
                3,
                20,
            ),
            sec(
                "lay_y_kien",
                "Lấy ý kiến dự thảo",
                Some(day(2026, 11, 18)),
                3,
                12,
            ),
            sec("chuc_nang_ho_tro", "Hỏi đáp", Some(day(2026, 11, 19)), 3, 7),
            sec(
                "quy_dinh_khac",
                "Thông tin thống kê",
                Some(day(2026, 7, 1)),
                2,
                30,
            ),
            sec("gioi_thieu", "Liên hệ", None, 1, 0),
        ],
        noise: Noise {
            header_date: Some(today()),
            visitor_counter: true,
            copyright_year: Some(2026),
            dates_in_titles: true,
        },
        footer: FooterSpec {
            responsible: Some("Nguyễn Văn Bình - Giám đốc Sở".into()),
            address: Some("Số 12, đường Tô Hiệu, phường Sơn Hà".into()),
            phone: Some("0212 3852 118".into()),
            email: Some("stp@sonha.gov.vn".into()),
            licence: Some("Giấy phép số 25/GP-STTTT".into()),
        },
        search: true,
        feed: true,
        sitemap_xml: true,
        dvc_portal_link: Some("https://dichvucong.gov.vn/".into()),
        robots_disallow: vec!["/quan-tri".into()],
        deep_articles: 7,
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().user_agent(UA).build().unwrap()
}

async fn get(c: &reqwest::Client, url: url::Url) -> (u16, String) {
    let r = c
        .get(url.clone())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

fn parse(caps: &regex::Captures) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        caps[3].parse().ok()?,
        caps[2].parse().ok()?,
        caps[1].parse().ok()?,
    )
}

/// Dates inside the generator's item-date markup (`class="… date …"` or `class="published"`).
fn item_dates(html: &str) -> Vec<NaiveDate> {
    let el = Regex::new(r#"class="[^"]*\b(?:date|published)\b[^"]*"[^>]*>([^<]*)"#).unwrap();
    let d = Regex::new(r"(\d{1,2})/(\d{1,2})/(\d{4})").unwrap();
    el.captures_iter(html)
        .filter_map(|c| d.captures(&c[1]).and_then(|dc| parse(&dc)))
        .collect()
}

/// Every d/m/yyyy date anywhere on the page (what a naive extractor would see).
fn all_dates(html: &str) -> Vec<NaiveDate> {
    let d = Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b").unwrap();
    d.captures_iter(html).filter_map(|c| parse(&c)).collect()
}

fn hrefs(html: &str) -> Vec<String> {
    let re = Regex::new(r#"href="([^"]*)""#).unwrap();
    re.captures_iter(html)
        .map(|c| c[1].replace("&amp;", "&"))
        .collect()
}

async fn check_style(style: SiteStyle) {
    let spec = full_spec(style);
    let truth = truth_newest(&spec);
    let pages = site_pages(&spec);
    let site = serve(spec.clone()).await.unwrap();
    let c = client();

    // Home: header, menu, footer, noise.
    let (status, home) = get(&c, site.home_url.clone()).await;
    assert_eq!(status, 200, "{style:?} home");
    for needle in [
        "Sở Tư pháp tỉnh Sơn Hà",
        "Trang chủ",
        "Giới thiệu",
        "Dịch vụ công trực tuyến",
        "Cơ quan chủ quản: Sở Tư pháp tỉnh Sơn Hà",
        "Chịu trách nhiệm chính: Nguyễn Văn Bình",
        "Giấy phép số 25/GP-STTTT",
        "© 2026",
        "khi phát hành lại thông tin từ website này",
        "Thứ Tư, ",
        "Thống kê truy cập",
        "Đang online:",
        "Liên kết website",
        "Tìm kiếm",
    ] {
        assert!(home.contains(needle), "{style:?} home lacks {needle:?}");
    }
    let home_links = hrefs(&home);
    for s in &spec.sections {
        let p = sitegen::section_path(&spec, &s.group).unwrap();
        assert!(home_links.contains(&p), "{style:?}: menu lacks {p}");
    }
    assert!(
        home_links.contains(&"/quan-tri".to_string()),
        "disallowed path linked"
    );

    // Each section's first list page shows exactly the truth.
    let mut naive_fooled = false;
    for (group, newest) in &truth {
        let url = site.section_url(group).unwrap();
        let (status, html) = get(&c, url.clone()).await;
        assert_eq!(status, 200, "{style:?} {url}");
        let found = item_dates(&html);
        match newest {
            Some(n) => {
                assert_eq!(found.iter().max(), Some(n), "{style:?} {group} {url}");
                if all_dates(&html).iter().max() > Some(n) {
                    naive_fooled = true;
                }
            }
            None => {
                assert!(found.is_empty(), "{style:?} {group}: {found:?}");
                // The only dates on a static page are the header widget and the counter.
                let other: BTreeSet<_> = all_dates(&html).into_iter().collect();
                assert_eq!(other, BTreeSet::from([today()]), "{style:?} {group}");
            }
        }
    }
    assert!(
        naive_fooled,
        "{style:?}: no title date newer than a section's newest"
    );

    // Group-specific content.
    let (_, docs) = get(&c, site.section_url("van_ban_phap_luat").unwrap()).await;
    for needle in [
        "Số ký hiệu",
        "Ngày ban hành",
        "Trích yếu",
        "Tải về",
        "name=\"so_ky_hieu\"",
    ] {
        assert!(docs.contains(needle), "{style:?} documents lack {needle}");
    }
    let (_, dvc) = get(&c, site.section_url("dich_vu_cong").unwrap()).await;
    assert!(
        dvc.contains("Toàn trình") && dvc.contains("Mức độ"),
        "{style:?} procedures"
    );
    let (_, cd) = get(&c, site.section_url("chi_dao_dieu_hanh").unwrap()).await;
    assert!(cd.contains("Lịch công tác"), "{style:?} schedule");

    // Articles (first page and deep), list pagination, documents.
    for p in &pages {
        let fetch = match p.kind {
            PageKind::Article | PageKind::Document => {
                // One listed and one deep article of a few groups keeps the test quick.
                let g = p.group.as_deref().unwrap();
                ["tin_tuc", "van_ban_phap_luat", "lay_y_kien"].contains(&g)
            }
            PageKind::SectionList { page } => page > 1,
            _ => true,
        };
        if !fetch {
            continue;
        }
        let (status, body) = get(&c, site.url(&p.path)).await;
        assert_eq!(status, 200, "{style:?} {:?} {}", p.kind, p.path);
        match p.kind {
            PageKind::Article => {
                let date = p.date.unwrap();
                for needle in ["In bài", "Lưu bài", "Tác giả:", "Nguồn:"] {
                    assert!(body.contains(needle), "{style:?} {} lacks {needle}", p.path);
                }
                assert!(
                    body.contains(&date.format("%d/%m/%Y").to_string()),
                    "{style:?} {} lacks its date",
                    p.path
                );
            }
            PageKind::SectionList { .. } => {
                let dates = item_dates(&body);
                assert!(
                    !dates.is_empty() && dates.iter().max() == p.date.as_ref(),
                    "{}",
                    p.path
                );
                let first = truth[p.group.as_deref().unwrap()].unwrap();
                assert!(
                    dates.iter().all(|d| *d < first),
                    "deep page older than page 1"
                );
            }
            PageKind::Document => assert!(body.starts_with("%PDF-")),
            PageKind::Robots => {
                assert!(body.contains("Disallow: /quan-tri"), "{body}");
                assert!(body.contains(&format!("Sitemap: {}sitemap.xml", site.base_url)));
            }
            PageKind::SitemapXml => {
                assert!(body.contains("<urlset") && body.contains("<lastmod>2026-11-24</lastmod>"));
            }
            PageKind::Feed => {
                assert!(body.contains("<rss version=\"2.0\"") && body.contains("<pubDate>"));
                assert!(body.contains("+0700"));
            }
            PageKind::SitemapPage => assert!(body.contains("Sơ đồ site")),
            _ => {}
        }
    }
    assert!(pages.iter().any(|p| p.deep && p.kind == PageKind::Article));
    // Deep articles are not linked from the home page, first list pages or the sitemap.
    let mut shallow = home.clone();
    for group in truth.keys() {
        shallow.push_str(&get(&c, site.section_url(group).unwrap()).await.1);
    }
    let sitemap = get(&c, site.url("/sitemap.xml")).await.1;
    for p in pages
        .iter()
        .filter(|p| p.deep && p.kind == PageKind::Article)
    {
        let escaped = p.path.replace('&', "&amp;");
        assert!(
            !shallow.contains(&format!("\"{escaped}\"")),
            "{style:?} {}",
            p.path
        );
        assert!(
            !sitemap.contains(&format!("{escaped}<")),
            "{style:?} {}",
            p.path
        );
    }
    assert!(
        pages.iter().any(|p| p
            .title_date
            .zip(truth["tin_tuc"])
            .is_some_and(|(t, n)| t > n)),
        "a title quotes a date after the newest item"
    );

    // Search finds items by keyword (folded, so without diacritics too).
    let mut search = site.url(
        &sitegen::site_pages(&spec)
            .iter()
            .find(|p| p.kind == PageKind::Search)
            .unwrap()
            .path,
    );
    let param = if style == SiteStyle::Blogger {
        "q"
    } else {
        "keyword"
    };
    search.query_pairs_mut().append_pair(param, "ke hoach");
    let (status, found) = get(&c, search).await;
    assert_eq!(status, 200);
    assert!(
        found.contains("Tìm thấy") && !item_dates(&found).is_empty(),
        "{style:?} search"
    );

    // Real 404s.
    for bad in [
        "/khong-ton-tai",
        "/web/khac/tin-tuc",
        "/2026/01/khong-co.html",
    ] {
        let (status, _) = get(&c, site.url(bad)).await;
        assert_eq!(status, 404, "{style:?} {bad}");
    }
    let mut beyond = site.section_url("tin_tuc").unwrap();
    beyond.set_query(Some("page=999"));
    assert_eq!(get(&c, beyond).await.0, 404);

    // Every request was logged with its user agent and peer.
    let log = site.requests();
    assert!(log.len() > 20);
    assert!(
        log.iter()
            .all(|r| r.user_agent == UA && r.peer.ip().is_loopback())
    );
    assert!(log.windows(2).all(|w| w[0].at <= w[1].at));
    let home_pq = site.home_url.path().to_string();
    assert!(log.iter().any(|r| r.path_and_query == home_pq));
    assert!(log.iter().any(|r| r.path_and_query.contains("page=999")));
    site.shutdown();
}

#[tokio::test]
async fn liferay_site() {
    check_style(SiteStyle::Liferay).await;
}

#[tokio::test]
async fn sharepoint_site() {
    check_style(SiteStyle::SharePoint).await;
}

#[tokio::test]
async fn numeric_id_site() {
    check_style(SiteStyle::NumericId).await;
}

#[tokio::test]
async fn blogger_site() {
    check_style(SiteStyle::Blogger).await;
}

#[tokio::test]
async fn url_layouts_follow_each_cms() {
    let path = |style, group| sitegen::section_path(&full_spec(style), group).unwrap();
    assert_eq!(
        sitegen::home_path(&full_spec(SiteStyle::Liferay)),
        "/web/so-tu-phap"
    );
    assert_eq!(
        path(SiteStyle::Liferay, "tin_tuc"),
        "/web/so-tu-phap/tin-tuc-su-kien"
    );
    assert_eq!(
        path(SiteStyle::SharePoint, "tin_tuc"),
        "/Pages/TinTucSuKien.aspx"
    );
    assert!(
        Regex::new(r"^/1229/27531/\d+/tin-tuc-su-kien$")
            .unwrap()
            .is_match(&path(SiteStyle::NumericId, "tin_tuc"))
    );
    assert_eq!(
        path(SiteStyle::Blogger, "tin_tuc"),
        "/search/label/Tin%20t%E1%BB%A9c%20-%20S%E1%BB%B1%20ki%E1%BB%87n"
    );
    assert_eq!(path(SiteStyle::Blogger, "gioi_thieu"), "/p/gioi-thieu.html");

    let article = |style| {
        site_pages(&full_spec(style))
            .into_iter()
            .find(|p| p.kind == PageKind::Article)
            .unwrap()
            .path
    };
    assert!(article(SiteStyle::Liferay).starts_with("/web/so-tu-phap/-/asset_publisher/"));
    assert!(
        Regex::new(r"^/Pages/ChiTiet\.aspx\?ItemID=\d+&CatID=\d+$")
            .unwrap()
            .is_match(&article(SiteStyle::SharePoint))
    );
    assert!(
        Regex::new(r"^/1229/27531/\d+/\d+/tin-tuc-su-kien/[a-z0-9-]+\.html$")
            .unwrap()
            .is_match(&article(SiteStyle::NumericId))
    );
    assert!(
        Regex::new(r"^/2026/11/[a-z0-9-]+\.html$")
            .unwrap()
            .is_match(&article(SiteStyle::Blogger))
    );

    // Liferay's `/` belongs to the provincial portal and redirects to the agency's site;
    // Blogger labels are found whatever the case of the percent-escapes.
    let site = serve(full_spec(SiteStyle::Liferay)).await.unwrap();
    let r = client().get(site.url("/")).send().await.unwrap();
    assert_eq!(r.url(), &site.home_url);
    let site = serve(full_spec(SiteStyle::Blogger)).await.unwrap();
    let label = path(SiteStyle::Blogger, "tin_tuc");
    let lower = Regex::new("%[0-9A-F]{2}")
        .unwrap()
        .replace_all(&label, |c: &regex::Captures| c[0].to_lowercase());
    assert_ne!(lower, label);
    assert_eq!(get(&client(), site.url(&lower)).await.0, 200);
}

#[tokio::test]
async fn generation_is_deterministic_and_noise_is_optional() {
    let spec = full_spec(SiteStyle::NumericId);
    assert_eq!(site_pages(&spec), site_pages(&spec));
    let (a, b) = (
        serve(spec.clone()).await.unwrap(),
        serve(spec.clone()).await.unwrap(),
    );
    let c = client();
    for group in ["tin_tuc", "van_ban_phap_luat", "gioi_thieu"] {
        let (x, y) = (
            get(&c, a.section_url(group).unwrap()).await.1,
            get(&c, b.section_url(group).unwrap()).await.1,
        );
        assert_eq!(x, y, "{group} differs between two servings");
    }

    // Without noise, the newest date on a list page is simply the max of all its dates.
    let mut quiet = full_spec(SiteStyle::SharePoint);
    quiet.noise = Noise::default();
    let truth = truth_newest(&quiet);
    let site = serve(quiet.clone()).await.unwrap();
    for (group, newest) in &truth {
        let (_, html) = get(&c, site.section_url(group).unwrap()).await;
        assert_eq!(all_dates(&html).into_iter().max(), *newest, "{group}");
        assert!(!html.contains("Thống kê truy cập"));
    }
    assert!(site_pages(&quiet).iter().all(|p| p.title_date.is_none()));
}

#[test]
fn truth_takes_the_newest_section_of_a_group_and_ignores_empty_ones() {
    let mut spec = full_spec(SiteStyle::Liferay);
    spec.deep_articles = 0;
    spec.sections.push(sec(
        "tin_tuc",
        "Tin địa phương",
        Some(day(2026, 11, 25)),
        2,
        1,
    ));
    spec.sections.push(sec(
        "du_an_dau_thau",
        "Đấu thầu",
        Some(day(2026, 12, 1)),
        0,
        1,
    ));
    let truth = truth_newest(&spec);
    assert_eq!(truth["tin_tuc"], Some(day(2026, 11, 25)));
    assert_eq!(truth["du_an_dau_thau"], Some(day(2026, 9, 2)));
    assert_eq!(truth["gioi_thieu"], None);
    assert_eq!(truth.len(), 11);
    assert!(today().weekday() == chrono::Weekday::Wed);
}
