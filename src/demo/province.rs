//! The demo province "tỉnh Sơn Hà": synthetic agencies of both blocks of the two-level local
//! government (provincial departments `so_nganh`, communes and wards `ubnd_xa`), each with a
//! site spec of deliberately different quality, so that `ttdt demo` shows every outcome a real
//! audit produces: complete and fresh, stale, missing groups, partly complete, unreachable.
//!
//! All dates are relative to the audit's as-of date, so the demo reads the same on any day.
//!
//! ```
//! use chrono::NaiveDate;
//! use ttdt::demo::province::demo_province;
//!
//! let agencies = demo_province(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
//! assert!(agencies.len() >= 9);
//! assert!(agencies.iter().any(|a| a.spec.is_none())); // one is unreachable
//! ```

use chrono::{Datelike, Duration, NaiveDate};

use super::sitegen::{FooterSpec, Noise, SectionSpec, SiteSpec, SiteStyle};

/// Name of the imaginary province.
pub const PROVINCE: &str = "tỉnh Sơn Hà";

/// One agency of the demo province.
#[derive(Debug, Clone)]
pub struct DemoAgency {
    /// Agency id (also the Liferay site name), e.g. `so-tu-phap`.
    pub id: String,
    /// Full Vietnamese name, e.g. "Sở Tư pháp tỉnh Sơn Hà".
    pub name: String,
    /// Ranking block: `so_nganh` or `ubnd_xa`.
    pub block: String,
    /// The site to serve; `None` = unreachable (the demo gives it a closed port).
    pub spec: Option<SiteSpec>,
    /// The quality the spec was designed to show (Vietnamese, for demo output and tests).
    pub intended: &'static str,
}

/// Vietnamese title of a block of the demo province.
pub fn block_title(block: &str) -> &'static str {
    match block {
        "so_nganh" => "Sở, ban, ngành",
        "ubnd_xa" => "UBND xã, phường",
        _ => "Khác",
    }
}

/// The demo agencies, with every date relative to `as_of`.
///
/// | id | block | style | intended quality |
/// |---|---|---|---|
/// | `so-tu-phap` | so_nganh | Liferay | complete and fresh, all noise |
/// | `so-khoa-hoc-cong-nghe` | so_nganh | SharePoint | complete, fresh; no feed, no licence |
/// | `so-nong-nghiep-moi-truong` | so_nganh | NumericId | every group present but months old |
/// | `so-y-te` | so_nganh | Liferay | fresh but five groups missing |
/// | `so-van-hoa-the-thao-du-lich` | so_nganh | Blogger | mixed: news fresh, rest stale; DVC by link |
/// | `so-xay-dung` | so_nganh | — | unreachable |
/// | `phuong-son-ha` | ubnd_xa | NumericId | complete and fresh |
/// | `xa-muong-chanh` | ubnd_xa | Blogger | partly complete: few items, DVC link only |
/// | `xa-ban-khoang` | ubnd_xa | SharePoint | stale and two groups missing |
/// | `xa-pa-long` | ubnd_xa | Liferay | only three groups, fresh |
pub fn demo_province(as_of: NaiveDate) -> Vec<DemoAgency> {
    let ago = |days: i64| Some(as_of - Duration::days(days));
    let year = as_of.year();
    let noisy = Noise {
        header_date: Some(as_of),
        visitor_counter: true,
        copyright_year: Some(year),
        dates_in_titles: true,
    };
    let national_dvc = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html".to_string();

    vec![
        DemoAgency {
            id: "so-tu-phap".into(),
            name: format!("Sở Tư pháp {PROVINCE}"),
            block: "so_nganh".into(),
            intended: "Đầy đủ, cập nhật thường xuyên",
            spec: Some(SiteSpec {
                id: "so-tu-phap".into(),
                name: format!("Sở Tư pháp {PROVINCE}"),
                style: SiteStyle::Liferay,
                sections: vec![
                    fixed("gioi_thieu", "Giới thiệu", 5),
                    sec("tin_tuc", "Tin tức - Sự kiện", ago(1), 10, 1),
                    sec(
                        "pho_bien_phap_luat",
                        "Phổ biến giáo dục pháp luật",
                        ago(3),
                        8,
                        5,
                    ),
                    sec("chi_dao_dieu_hanh", "Chỉ đạo điều hành", ago(2), 8, 3),
                    sec("quy_hoach_ke_hoach", "Quy hoạch - Kế hoạch", ago(8), 6, 20),
                    sec("van_ban_phap_luat", "Văn bản pháp luật", ago(1), 12, 4),
                    sec("du_an_dau_thau", "Dự án - Đấu thầu", ago(9), 6, 15),
                    sec("dich_vu_cong", "Thủ tục hành chính", ago(6), 5, 20),
                    sec("lay_y_kien", "Lấy ý kiến dự thảo", ago(4), 5, 12),
                    sec("chuc_nang_ho_tro", "Hỏi đáp", ago(5), 6, 7),
                    sec(
                        "quy_dinh_khac",
                        "Thông tin thống kê - Báo cáo",
                        ago(10),
                        5,
                        30,
                    ),
                    fixed("gioi_thieu", "Liên hệ", 1),
                ],
                noise: noisy.clone(),
                footer: full_footer(
                    "Nguyễn Văn Bình - Giám đốc Sở Tư pháp",
                    "Số 12, đường Tô Hiệu, phường Sơn Hà, tỉnh Sơn Hà",
                    "0212 3852 118",
                    "stp@sonha.gov.vn",
                    Some(
                        "Giấy phép số 25/GP-STTTT do Sở Thông tin và Truyền thông tỉnh Sơn Hà cấp",
                    ),
                ),
                search: true,
                feed: true,
                sitemap_xml: true,
                dvc_portal_link: Some(national_dvc.clone()),
                robots_disallow: vec!["/c/".into(), "/web/so-tu-phap/dang-nhap".into()],
                deep_articles: 30,
            }),
        },
        DemoAgency {
            id: "so-khoa-hoc-cong-nghe".into(),
            name: format!("Sở Khoa học và Công nghệ {PROVINCE}"),
            block: "so_nganh".into(),
            intended: "Đầy đủ, cập nhật; thiếu RSS và giấy phép",
            spec: Some(SiteSpec {
                id: "so-khoa-hoc-cong-nghe".into(),
                name: format!("Sở Khoa học và Công nghệ {PROVINCE}"),
                style: SiteStyle::SharePoint,
                sections: vec![
                    fixed("gioi_thieu", "Giới thiệu chung", 4),
                    sec("tin_tuc", "Tin hoạt động", ago(2), 8, 2),
                    sec("pho_bien_phap_luat", "Tuyên truyền pháp luật", ago(6), 6, 9),
                    sec("chi_dao_dieu_hanh", "Lịch công tác", ago(3), 6, 7),
                    sec(
                        "quy_hoach_ke_hoach",
                        "Chiến lược - Kế hoạch",
                        ago(15),
                        5,
                        30,
                    ),
                    sec("van_ban_phap_luat", "Văn bản", ago(2), 10, 6),
                    sec("du_an_dau_thau", "Thông tin đấu thầu", ago(20), 4, 25),
                    sec("dich_vu_cong", "Dịch vụ công", None, 1, 0),
                    sec("lay_y_kien", "Góp ý dự thảo", ago(11), 4, 20),
                    sec("chuc_nang_ho_tro", "Hỏi - Đáp", ago(9), 5, 10),
                    sec("quy_dinh_khac", "Ban biên tập", ago(40), 3, 60),
                ],
                noise: Noise {
                    dates_in_titles: false,
                    ..noisy.clone()
                },
                footer: full_footer(
                    "Trần Thị Hạnh - Phó Giám đốc Sở",
                    "Tầng 3, Trung tâm hành chính tỉnh, phường Sơn Hà, tỉnh Sơn Hà",
                    "0212 3855 004",
                    "skhcn@sonha.gov.vn",
                    None,
                ),
                search: true,
                feed: false,
                sitemap_xml: true,
                dvc_portal_link: Some(national_dvc.clone()),
                robots_disallow: vec!["/_layouts/".into()],
                deep_articles: 15,
            }),
        },
        DemoAgency {
            id: "so-nong-nghiep-moi-truong".into(),
            name: format!("Sở Nông nghiệp và Môi trường {PROVINCE}"),
            block: "so_nganh".into(),
            intended: "Có đủ chuyên mục nhưng lâu không cập nhật",
            spec: Some(SiteSpec {
                id: "so-nong-nghiep-moi-truong".into(),
                name: format!("Sở Nông nghiệp và Môi trường {PROVINCE}"),
                style: SiteStyle::NumericId,
                sections: vec![
                    fixed("gioi_thieu", "Giới thiệu", 5),
                    sec("tin_tuc", "Tin tức - Sự kiện", ago(95), 8, 6),
                    sec("pho_bien_phap_luat", "Phổ biến pháp luật", ago(160), 5, 20),
                    sec("chi_dao_dieu_hanh", "Chỉ đạo điều hành", ago(120), 5, 14),
                    sec(
                        "quy_hoach_ke_hoach",
                        "Quy hoạch - Kế hoạch",
                        ago(240),
                        4,
                        60,
                    ),
                    sec("van_ban_phap_luat", "Văn bản pháp luật", ago(130), 6, 15),
                    sec("du_an_dau_thau", "Dự án - Đầu tư", ago(300), 3, 45),
                    sec("dich_vu_cong", "Thủ tục hành chính", ago(200), 3, 30),
                    sec("lay_y_kien", "Lấy ý kiến dự thảo", ago(180), 3, 40),
                    sec("chuc_nang_ho_tro", "Hỏi đáp", ago(210), 3, 30),
                    sec("quy_dinh_khac", "Thông tin công khai", ago(280), 2, 90),
                ],
                noise: Noise {
                    copyright_year: Some(year - 3),
                    ..noisy.clone()
                },
                footer: full_footer(
                    "Lường Văn Pản - Giám đốc Sở",
                    "Số 5, đường Chu Văn Thịnh, phường Hà Sơn, tỉnh Sơn Hà",
                    "0212 3852 560",
                    "snnmt@sonha.gov.vn",
                    Some("Giấy phép số 11/GP-TTĐT"),
                ),
                search: true,
                feed: true,
                sitemap_xml: false,
                dvc_portal_link: None,
                robots_disallow: vec!["/admin".into()],
                deep_articles: 10,
            }),
        },
        DemoAgency {
            id: "so-y-te".into(),
            name: format!("Sở Y tế {PROVINCE}"),
            block: "so_nganh".into(),
            intended: "Cập nhật nhưng thiếu nhiều nhóm thông tin",
            spec: Some(SiteSpec {
                id: "so-y-te".into(),
                name: format!("Sở Y tế {PROVINCE}"),
                style: SiteStyle::Liferay,
                sections: vec![
                    fixed("gioi_thieu", "Giới thiệu", 3),
                    sec("tin_tuc", "Tin tức y tế", ago(1), 8, 2),
                    sec("pho_bien_phap_luat", "Chính sách mới", ago(60), 4, 30),
                    sec("chi_dao_dieu_hanh", "Chỉ đạo điều hành", ago(4), 5, 6),
                    sec("van_ban_phap_luat", "Văn bản chỉ đạo", ago(3), 8, 5),
                    sec("dich_vu_cong", "Thủ tục hành chính", None, 0, 0),
                ],
                noise: Noise {
                    visitor_counter: false,
                    ..noisy.clone()
                },
                footer: FooterSpec {
                    responsible: Some("Hà Văn Quang - Giám đốc Sở Y tế".into()),
                    address: Some("Số 2, đường Lò Văn Giá, phường Sơn Hà, tỉnh Sơn Hà".into()),
                    ..FooterSpec::default()
                },
                search: false,
                feed: false,
                sitemap_xml: false,
                dvc_portal_link: None,
                robots_disallow: vec!["/c/".into()],
                deep_articles: 8,
            }),
        },
        DemoAgency {
            id: "so-van-hoa-the-thao-du-lich".into(),
            name: format!("Sở Văn hóa, Thể thao và Du lịch {PROVINCE}"),
            block: "so_nganh".into(),
            intended: "Tin tức cập nhật, các nhóm khác cũ; dịch vụ công chỉ có liên kết",
            spec: Some(SiteSpec {
                id: "so-van-hoa-the-thao-du-lich".into(),
                name: format!("Sở Văn hóa, Thể thao và Du lịch {PROVINCE}"),
                style: SiteStyle::Blogger,
                sections: vec![
                    fixed("gioi_thieu", "Giới thiệu", 4),
                    sec("tin_tuc", "Tin tức", ago(1), 10, 2),
                    sec("pho_bien_phap_luat", "Phổ biến pháp luật", ago(12), 4, 15),
                    sec("chi_dao_dieu_hanh", "Chỉ đạo điều hành", ago(45), 4, 20),
                    sec("quy_hoach_ke_hoach", "Quy hoạch", ago(200), 3, 90),
                    sec("van_ban_phap_luat", "Văn bản", ago(40), 5, 20),
                    sec("chuc_nang_ho_tro", "Hỏi đáp", ago(90), 3, 30),
                    sec("quy_dinh_khac", "Ban biên tập", ago(150), 2, 120),
                ],
                noise: noisy.clone(),
                footer: full_footer(
                    "Phạm Thị Thu - Giám đốc Sở",
                    "Số 8, đường Điện Biên, phường Sơn Hà, tỉnh Sơn Hà",
                    "0212 3852 777",
                    "svhttdl@sonha.gov.vn",
                    None,
                ),
                search: true,
                feed: true,
                sitemap_xml: true,
                dvc_portal_link: Some(national_dvc.clone()),
                robots_disallow: vec!["/quan-tri".into()],
                deep_articles: 12,
            }),
        },
        DemoAgency {
            id: "so-xay-dung".into(),
            name: format!("Sở Xây dựng {PROVINCE}"),
            block: "so_nganh".into(),
            intended: "Không truy cập được",
            spec: None,
        },
        DemoAgency {
            id: "phuong-son-ha".into(),
            name: "UBND phường Sơn Hà".into(),
            block: "ubnd_xa".into(),
            intended: "Đầy đủ, cập nhật thường xuyên",
            spec: Some(SiteSpec {
                id: "phuong-son-ha".into(),
                name: "UBND phường Sơn Hà".into(),
                style: SiteStyle::NumericId,
                sections: vec![
                    fixed("gioi_thieu", "Giới thiệu", 6),
                    sec("tin_tuc", "Tin tức - Sự kiện", ago(1), 8, 2),
                    sec("pho_bien_phap_luat", "Tuyên truyền pháp luật", ago(5), 5, 7),
                    sec("chi_dao_dieu_hanh", "Chỉ đạo điều hành", ago(2), 6, 4),
                    sec("quy_hoach_ke_hoach", "Quy hoạch - Kế hoạch", ago(12), 4, 30),
                    sec("van_ban_phap_luat", "Văn bản", ago(2), 8, 5),
                    sec("du_an_dau_thau", "Đầu tư công - Đấu thầu", ago(14), 4, 30),
                    sec("dich_vu_cong", "Thủ tục hành chính", ago(9), 4, 30),
                    sec("lay_y_kien", "Lấy ý kiến nhân dân", ago(7), 3, 20),
                    sec("chuc_nang_ho_tro", "Hỏi đáp", ago(6), 4, 10),
                    sec(
                        "quy_dinh_khac",
                        "Công khai ngân sách - Thống kê",
                        ago(20),
                        3,
                        30,
                    ),
                ],
                noise: noisy.clone(),
                footer: full_footer(
                    "Lò Văn Thương - Chủ tịch UBND phường",
                    "Tổ dân phố 3, phường Sơn Hà, tỉnh Sơn Hà",
                    "0212 3750 100",
                    "phuongsonha@sonha.gov.vn",
                    None,
                ),
                search: true,
                feed: true,
                sitemap_xml: true,
                dvc_portal_link: Some(national_dvc.clone()),
                robots_disallow: vec!["/admin".into()],
                deep_articles: 15,
            }),
        },
        DemoAgency {
            id: "xa-muong-chanh".into(),
            name: "UBND xã Mường Chanh".into(),
            block: "ubnd_xa".into(),
            intended: "Sơ sài: ít tin bài, thiếu nhiều nhóm, dịch vụ công chỉ có liên kết",
            spec: Some(SiteSpec {
                id: "xa-muong-chanh".into(),
                name: "UBND xã Mường Chanh".into(),
                style: SiteStyle::Blogger,
                sections: vec![
                    fixed("gioi_thieu", "Giới thiệu", 2),
                    sec("tin_tuc", "Tin tức", ago(12), 3, 9),
                    sec("chi_dao_dieu_hanh", "Thông báo", ago(20), 2, 15),
                    sec("van_ban_phap_luat", "Văn bản", ago(35), 2, 20),
                ],
                noise: Noise {
                    header_date: Some(as_of),
                    ..Noise::default()
                },
                footer: FooterSpec {
                    address: Some("Bản Nà Sản, xã Mường Chanh, tỉnh Sơn Hà".into()),
                    ..FooterSpec::default()
                },
                search: false,
                feed: false,
                sitemap_xml: false,
                dvc_portal_link: Some(national_dvc.clone()),
                robots_disallow: Vec::new(),
                deep_articles: 0,
            }),
        },
        DemoAgency {
            id: "xa-ban-khoang".into(),
            name: "UBND xã Bản Khoang".into(),
            block: "ubnd_xa".into(),
            intended: "Lâu không cập nhật, thiếu hai nhóm thông tin",
            spec: Some(SiteSpec {
                id: "xa-ban-khoang".into(),
                name: "UBND xã Bản Khoang".into(),
                style: SiteStyle::SharePoint,
                sections: vec![
                    fixed("gioi_thieu", "Giới thiệu", 4),
                    sec("tin_tuc", "Tin hoạt động", ago(150), 6, 10),
                    sec("pho_bien_phap_luat", "Phổ biến pháp luật", ago(220), 3, 30),
                    sec("chi_dao_dieu_hanh", "Chỉ đạo điều hành", ago(170), 4, 20),
                    sec("quy_hoach_ke_hoach", "Kế hoạch", ago(260), 3, 60),
                    sec("van_ban_phap_luat", "Văn bản", ago(160), 5, 25),
                    sec("dich_vu_cong", "Thủ tục hành chính", ago(270), 2, 60),
                    sec("chuc_nang_ho_tro", "Hỏi đáp", ago(300), 2, 60),
                    sec("quy_dinh_khac", "Thông tin khác", ago(330), 2, 90),
                ],
                noise: Noise {
                    copyright_year: Some(year - 5),
                    ..noisy.clone()
                },
                footer: FooterSpec {
                    responsible: Some("Tòng Văn Sáng - Chủ tịch UBND xã".into()),
                    address: Some("Trung tâm xã Bản Khoang, tỉnh Sơn Hà".into()),
                    phone: Some("0212 3781 022".into()),
                    ..FooterSpec::default()
                },
                search: true,
                feed: false,
                sitemap_xml: true,
                dvc_portal_link: None,
                robots_disallow: vec!["/_layouts/".into()],
                deep_articles: 5,
            }),
        },
        DemoAgency {
            id: "xa-pa-long".into(),
            name: "UBND xã Pá Lồng".into(),
            block: "ubnd_xa".into(),
            intended: "Chỉ có ba nhóm thông tin, cập nhật",
            spec: Some(SiteSpec {
                id: "xa-pa-long".into(),
                name: "UBND xã Pá Lồng".into(),
                style: SiteStyle::Liferay,
                sections: vec![
                    fixed("gioi_thieu", "Giới thiệu", 3),
                    sec("tin_tuc", "Tin tức", ago(3), 6, 3),
                    sec("chi_dao_dieu_hanh", "Lịch làm việc", ago(6), 4, 7),
                    fixed("gioi_thieu", "Liên hệ", 0),
                ],
                noise: Noise {
                    dates_in_titles: false,
                    ..noisy
                },
                footer: full_footer(
                    "Sùng A Dế - Chủ tịch UBND xã",
                    "Bản Pá Lồng, xã Pá Lồng, tỉnh Sơn Hà",
                    "0212 3790 115",
                    "xapalong@sonha.gov.vn",
                    None,
                ),
                search: true,
                feed: false,
                sitemap_xml: false,
                dvc_portal_link: Some(national_dvc),
                robots_disallow: vec!["/c/".into()],
                deep_articles: 4,
            }),
        },
    ]
}

/// A dated section.
fn sec(
    group: &str,
    label: &str,
    newest: Option<NaiveDate>,
    items: usize,
    interval_days: u32,
) -> SectionSpec {
    SectionSpec {
        group: group.into(),
        label: label.into(),
        newest,
        items,
        interval_days,
    }
}

/// A static section with `subpages` sub-pages ("Cơ cấu tổ chức", …).
fn fixed(group: &str, label: &str, subpages: usize) -> SectionSpec {
    sec(group, label, None, subpages, 0)
}

fn full_footer(
    responsible: &str,
    address: &str,
    phone: &str,
    email: &str,
    licence: Option<&str>,
) -> FooterSpec {
    FooterSpec {
        responsible: Some(responsible.into()),
        address: Some(address.into()),
        phone: Some(phone.into()),
        email: Some(email.into()),
        licence: licence.map(str::to_string),
    }
}

/// A URL on 127.0.0.1 where nothing listens (a port bound and released at once), for the
/// unreachable agency: connecting to it fails fast with "connection refused".
pub fn closed_port_url() -> std::io::Result<url::Url> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    let addr = listener.local_addr()?;
    drop(listener);
    url::Url::parse(&format!("http://{addr}/")).map_err(std::io::Error::other)
}

/// A big Liferay portal of about 5,500 HTML pages, for throughput and memory measurements: the
/// demo's complete agency (`so-tu-phap`) with its dated sections repeated four times under
/// numbered labels (40 dated sections) and 120 deep articles per section, so that pagination
/// stays shallow enough for the default depth budget and every page is reachable.
pub fn big_portal(as_of: NaiveDate) -> SiteSpec {
    let base = demo_province(as_of)
        .into_iter()
        .find(|a| a.id == "so-tu-phap")
        .and_then(|a| a.spec)
        .expect("the demo province has so-tu-phap with a site");
    let mut sections: Vec<SectionSpec> = base
        .sections
        .iter()
        .filter(|s| s.newest.is_none())
        .cloned()
        .collect();
    for round in 1..=4 {
        for s in base.sections.iter().filter(|s| s.newest.is_some()) {
            sections.push(SectionSpec {
                label: format!("{} {round}", s.label),
                ..s.clone()
            });
        }
    }
    SiteSpec {
        sections,
        deep_articles: 120,
        ..base
    }
}
