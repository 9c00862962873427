//! Online public services on hand-written pages: links to the national and provincial DVC
//! portals, a procedure table with mức độ levels, a list with toàn trình / một phần badges, and
//! how each counts in the scores (own province's portal = full points, national portal only =
//! `external_factor`, own procedure list = full points).

use std::path::Path;

use chrono::{NaiveDate, Utc};
use ttdt::audit::audit_site;
use ttdt::crawl::{FetchKind, FetchOutcome, FetchRecord, HttpResponse, new_record_id};
use ttdt::extract::{PageFacts, PortalKind, ServiceLevel, SiteServices, extract};
use ttdt::rules::{self, RuleSet};
use ttdt::score::{AgencyRef, Overrides, SiteScore, Status};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn page(url: &str, body: &str) -> PageFacts {
    let html = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Trang</title></head><body>{body}</body></html>"
    );
    extract(&url::Url::parse(url).unwrap(), &html, as_of())
}

const PROCEDURE_TABLE: &str = "<h2>Danh mục thủ tục hành chính</h2>\
    <table class=\"tthc\"><thead><tr><th>STT</th><th>Tên thủ tục hành chính</th><th>Lĩnh vực</th><th>Mức độ DVC</th></tr></thead><tbody>\
    <tr><td>1</td><td>Cấp giấy phép xây dựng nhà ở riêng lẻ</td><td>Xây dựng</td><td>Mức độ 4</td></tr>\
    <tr><td>2</td><td>Đăng ký hộ kinh doanh</td><td>Kế hoạch - Đầu tư</td><td>Mức độ 3</td></tr>\
    <tr><td>3</td><td>Chứng thực bản sao từ bản chính</td><td>Chứng thực</td><td>Mức độ 2</td></tr>\
    <tr><td>4</td><td>Công nhận tuyên truyền viên pháp luật (triển khai toàn trình từ năm 2027)</td><td>Phổ biến pháp luật</td><td></td></tr>\
    </tbody></table>\
    <table class=\"van-ban\"><tr><th>Số ký hiệu</th><th>Trích yếu</th></tr><tr><td>12/QĐ-UBND</td><td>Công bố thủ tục hành chính mới</td></tr></table>";

const BADGE_LIST: &str = "<h2>Dịch vụ công trực tuyến</h2><ul class=\"list-tthc\">\
    <li><a href=\"/tthc/dang-ky-khai-sinh\">Đăng ký khai sinh</a> <span class=\"badge\">Toàn trình</span></li>\
    <li><a href=\"/tthc/dang-ky-ket-hon\">Đăng ký kết hôn</a> <span class=\"badge\">DVC một phần</span></li>\
    <li><a href=\"/tthc/trich-luc\">Cấp bản sao trích lục hộ tịch</a> <em>Một phần</em></li></ul>\
    <h2>Tin liên quan</h2><ul class=\"news\">\
    <li><a href=\"/tin/1\">Triển khai dịch vụ công trực tuyến toàn trình đối với thủ tục đăng ký khai sinh</a> <span class=\"date\">20/11/2026</span></li></ul>";

#[test]
fn national_portal_links_are_recorded_once_per_host() {
    let f = page(
        "https://stp.sonla.gov.vn/",
        "<nav><a href=\"https://dichvucong.gov.vn/p/home/dvc-trang-chu.html\">Dịch vụ công trực tuyến</a>\
         <a href=\"https://www.dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html\">Tra cứu hồ sơ</a>\
         <a href=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</a></nav>",
    );
    let ps = &f.public_services;
    assert_eq!(ps.portal_links.len(), 1, "{ps:#?}");
    assert_eq!(ps.portal_links[0].host, "dichvucong.gov.vn");
    assert_eq!(ps.portal_links[0].kind, PortalKind::National);
    assert_eq!(ps.portal_links[0].authority, None);
    assert!(ps.procedures.is_empty());
}

#[test]
fn provincial_portals_know_their_province() {
    let f = page(
        "https://stp.sonla.gov.vn/",
        "<nav><a href=\"https://dichvucong.sonla.gov.vn/\">Cổng DVC tỉnh</a>\
         <a href=\"https://dvc.hanoi.gov.vn/\">DVC Hà Nội</a>\
         <a href=\"https://motcua.vinhphuc.gov.vn/\">Một cửa Vĩnh Phúc</a>\
         <a href=\"https://stp.sonla.gov.vn/tin-tuc\">Tin tức</a>\
         <a href=\"https://dichvucong.example.com/\">Không phải cổng</a></nav>",
    );
    let hosts: Vec<(&str, PortalKind, Option<&str>)> = f
        .public_services
        .portal_links
        .iter()
        .map(|p| (p.host.as_str(), p.kind, p.authority.as_deref()))
        .collect();
    assert_eq!(
        hosts,
        [
            (
                "dichvucong.sonla.gov.vn",
                PortalKind::Provincial,
                Some("sonla")
            ),
            ("dvc.hanoi.gov.vn", PortalKind::Provincial, Some("hanoi")),
            (
                "motcua.vinhphuc.gov.vn",
                PortalKind::Provincial,
                Some("vinhphuc")
            ),
        ]
    );
    let mut site = SiteServices::new("https://stp.sonla.gov.vn/");
    site.add(&f.url, &f.public_services);
    let s = site.summary();
    let own: Vec<(&str, bool)> = s
        .portal_links
        .iter()
        .map(|p| (p.host.as_str(), p.own))
        .collect();
    assert_eq!(
        own,
        [
            ("dichvucong.sonla.gov.vn", true),
            ("dvc.hanoi.gov.vn", false),
            ("motcua.vinhphuc.gov.vn", false),
        ]
    );
}

#[test]
fn an_own_procedure_table_is_counted_with_its_muc_do_levels() {
    let f = page(
        "https://stp.sonla.gov.vn/thu-tuc-hanh-chinh",
        PROCEDURE_TABLE,
    );
    let ps = &f.public_services;
    let got: Vec<(&str, Option<ServiceLevel>)> = ps
        .procedures
        .iter()
        .map(|p| (p.name.as_str(), p.level))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Cấp giấy phép xây dựng nhà ở riêng lẻ",
                Some(ServiceLevel::MucDo4)
            ),
            ("Đăng ký hộ kinh doanh", Some(ServiceLevel::MucDo3)),
            (
                "Chứng thực bản sao từ bản chính",
                Some(ServiceLevel::MucDo2)
            ),
            // "toàn trình" inside the name is not the row's level; the level cell is empty.
            (
                "Công nhận tuyên truyền viên pháp luật (triển khai toàn trình từ năm 2027)",
                None
            ),
        ],
        "the document table (Số ký hiệu, Trích yếu) is not a procedure list"
    );
    assert!(ps.has_muc_do_levels());
    assert!(!ps.has_nd42_levels());
}

#[test]
fn a_list_with_toan_trinh_and_mot_phan_badges_is_counted_once_per_procedure() {
    let f = page("https://stp.sonla.gov.vn/dich-vu-cong", BADGE_LIST);
    let ps = &f.public_services;
    let got: Vec<(&str, Option<ServiceLevel>)> = ps
        .procedures
        .iter()
        .map(|p| (p.name.as_str(), p.level))
        .collect();
    assert_eq!(
        got,
        [
            ("Đăng ký khai sinh", Some(ServiceLevel::ToanTrinh)),
            ("Đăng ký kết hôn", Some(ServiceLevel::MotPhan)),
            ("Cấp bản sao trích lục hộ tịch", Some(ServiceLevel::MotPhan)),
        ],
        "a news headline that mentions toàn trình has no level badge and is no procedure"
    );
    assert!(ps.has_nd42_levels());
    // The same list on a second page (a paginated or mirrored list) counts once.
    let again = page("https://stp.sonla.gov.vn/dich-vu-cong?page=1", BADGE_LIST);
    let table = page(
        "https://stp.sonla.gov.vn/thu-tuc-hanh-chinh",
        PROCEDURE_TABLE,
    );
    let mut site = SiteServices::new("https://stp.sonla.gov.vn/");
    for p in [&f, &again, &table] {
        site.add(&p.url, &p.public_services);
    }
    let s = site.summary();
    assert_eq!(s.procedures, 7);
    let levels: Vec<(&str, usize)> = s.levels.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        levels,
        [
            ("mot_phan", 2),
            ("muc_do_2", 1),
            ("muc_do_3", 1),
            ("muc_do_4", 1),
            ("toan_trinh", 1)
        ]
    );
    assert_eq!(s.without_level, 1);
    assert_eq!(s.list_pages.len(), 3);
}

// ---- scoring: the pure pipeline on hand-built fetch records -------------------------------

fn record(url: &str, body: &str) -> FetchRecord {
    let html = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Sở Tư pháp</title></head><body>{body}<footer>Cơ quan chủ quản: Sở Tư pháp</footer></body></html>"
    );
    FetchRecord {
        record_id: new_record_id(),
        url: url.to_string(),
        fetched_at: Utc::now(),
        kind: FetchKind::Page,
        depth: 0,
        request_headers: Vec::new(),
        outcome: FetchOutcome::Response(HttpResponse {
            status: 200,
            http_version: "HTTP/1.1".into(),
            headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            body: html.into_bytes(),
            truncated: None,
            redirect_to: None,
        }),
        reading: None,
    }
}

fn score(home: &str, records: Vec<FetchRecord>, rules: &RuleSet) -> SiteScore {
    let agency = AgencyRef {
        id: "stp".into(),
        name: "Sở Tư pháp tỉnh Sơn La".into(),
        block: "so_nganh".into(),
    };
    audit_site(
        &agency,
        home,
        &records,
        rules,
        as_of(),
        &Overrides::default(),
    )
}

fn criterion(s: &SiteScore, id: &str) -> (f64, Status, String) {
    let c = s
        .groups
        .iter()
        .flat_map(|g| &g.criteria)
        .find(|c| c.id == id)
        .unwrap();
    (c.score, c.status, c.reason.clone())
}

fn nd42() -> RuleSet {
    rules::load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/nd42-2022.yaml")).unwrap()
}

/// A home page whose only public-service evidence is one menu link to `portal`.
fn portal_only(portal: &str) -> Vec<FetchRecord> {
    vec![record(
        "https://stp.sonla.gov.vn/",
        &format!(
            "<nav><a href=\"{portal}\">Dịch vụ công trực tuyến</a></nav><main><p>Trang chủ.</p></main>"
        ),
    )]
}

#[test]
fn a_portal_link_counts_in_full_only_when_it_is_the_own_province_portal() {
    let home = "https://stp.sonla.gov.vn/";
    let nd42 = nd42();
    let sonla = rules::default_rules();

    // Own province's portal: on-site proof, full points, in both rule sets.
    let own = score(home, portal_only("https://dichvucong.sonla.gov.vn/"), &nd42);
    assert_eq!(criterion(&own, "dich_vu_cong_truy_cap").0, 4.0);
    assert_eq!(criterion(&own, "dich_vu_cong_truy_cap").1, Status::Met);
    let own_default = score(
        home,
        portal_only("https://dichvucong.sonla.gov.vn/"),
        &sonla,
    );
    assert_eq!(criterion(&own_default, "dich_vu_cong_truy_cap").0, 5.0);

    // National portal, or another province's: external_factor 0.5.
    for portal in [
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        "https://dichvucong.hanoi.gov.vn/",
    ] {
        let s = score(home, portal_only(portal), &nd42);
        let (pts, status, reason) = criterion(&s, "dich_vu_cong_truy_cap");
        assert_eq!((pts, status), (2.0, Status::Partial), "{portal}: {reason}");
        assert!(reason.contains("cổng bên ngoài"), "{reason}");
        let d = score(home, portal_only(portal), &sonla);
        assert_eq!(criterion(&d, "dich_vu_cong_truy_cap").0, 2.5, "{portal}");
        // A link is no list: the list and level criteria stay missing.
        assert_eq!(criterion(&s, "dich_vu_cong_danh_muc").1, Status::Missing);
        assert_eq!(criterion(&s, "dich_vu_cong_muc_do").1, Status::Missing);
    }
}

#[test]
fn an_own_procedure_list_earns_access_list_and_level_points_and_is_reported() {
    let home = "https://stp.sonla.gov.vn/";
    let records = vec![
        record(
            home,
            "<nav><a href=\"https://dichvucong.gov.vn/\">Dịch vụ công trực tuyến</a>\
             <a href=\"/thu-tuc-hanh-chinh\">Thủ tục hành chính</a>\
             <a href=\"/tthc-truc-tuyen\">Thủ tục trực tuyến</a></nav><main><p>Trang chủ.</p></main>",
        ),
        record(
            "https://stp.sonla.gov.vn/thu-tuc-hanh-chinh",
            PROCEDURE_TABLE,
        ),
        // Neither label nor URL says "dịch vụ công": the access points come from the list.
        record("https://stp.sonla.gov.vn/tthc-truc-tuyen", BADGE_LIST),
    ];
    let s = score(home, records.clone(), &nd42());
    assert_eq!(criterion(&s, "dich_vu_cong_truy_cap").0, 4.0);
    assert_eq!(criterion(&s, "dich_vu_cong_danh_muc").0, 5.0);
    assert_eq!(criterion(&s, "dich_vu_cong_muc_do").0, 5.0);
    let g = s.groups.iter().find(|g| g.id == "dich_vu_cong").unwrap();
    let ps = g
        .public_services
        .as_ref()
        .expect("summary on the DVC group");
    assert_eq!(ps.procedures, 7);
    assert_eq!(ps.levels["toan_trinh"], 1);
    assert_eq!(ps.levels["mot_phan"], 2);
    assert_eq!(ps.portal_links.len(), 1);
    assert_eq!(ps.portal_links[0].kind, "national");
    assert!(!ps.portal_links[0].own);
    // Only the DVC group carries it.
    assert_eq!(
        s.groups
            .iter()
            .filter(|g| g.public_services.is_some())
            .count(),
        1
    );
    let json = serde_json::to_value(g).unwrap();
    assert_eq!(json["public_services"]["procedures"], 7);
    assert_eq!(json["public_services"]["levels"]["toan_trinh"], 1);

    // Without the badge list, only mức độ levels remain: Decree 42 gives no level points.
    let old_levels = vec![records[0].clone(), records[1].clone()];
    let s = score(home, old_levels, &nd42());
    assert_eq!(criterion(&s, "dich_vu_cong_danh_muc").0, 5.0);
    assert_eq!(criterion(&s, "dich_vu_cong_muc_do").1, Status::Missing);
}
