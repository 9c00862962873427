//! The demo province: enough agencies of both blocks and several CMS styles, each spec built to
//! show its intended quality, every reachable one actually served.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use ttdt::demo::province::{block_title, closed_port_url, demo_province};
use ttdt::demo::sitegen::{serve, site_pages, truth_newest};

const GROUPS: [&str; 11] = [
    "gioi_thieu",
    "tin_tuc",
    "pho_bien_phap_luat",
    "chi_dao_dieu_hanh",
    "quy_hoach_ke_hoach",
    "van_ban_phap_luat",
    "du_an_dau_thau",
    "dich_vu_cong",
    "lay_y_kien",
    "chuc_nang_ho_tro",
    "quy_dinh_khac",
];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

#[test]
fn province_has_both_blocks_styles_and_qualities() {
    let agencies = demo_province(as_of());
    assert!(agencies.len() >= 9);
    let ids: BTreeSet<_> = agencies.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), agencies.len(), "ids are unique");
    let blocks: BTreeSet<_> = agencies.iter().map(|a| a.block.as_str()).collect();
    assert_eq!(blocks, BTreeSet::from(["so_nganh", "ubnd_xa"]));
    assert_eq!(block_title("ubnd_xa"), "UBND xã, phường");
    let styles: BTreeSet<_> = agencies
        .iter()
        .filter_map(|a| a.spec.as_ref().map(|s| format!("{:?}", s.style)))
        .collect();
    assert!(styles.len() >= 3, "{styles:?}");
    assert_eq!(agencies.iter().filter(|a| a.spec.is_none()).count(), 1);

    for a in &agencies {
        assert!(
            a.name.contains("Sơn Hà") || a.name.starts_with("UBND "),
            "{}",
            a.name
        );
        let Some(spec) = &a.spec else { continue };
        assert_eq!(spec.id, a.id);
        assert_eq!(spec.name, a.name);
        for (g, d) in truth_newest(spec) {
            assert!(GROUPS.contains(&g.as_str()), "{}: unknown group {g}", a.id);
            assert!(
                d.is_none_or(|d| d <= as_of()),
                "{}: {g} in the future",
                a.id
            );
        }
    }

    let spec = |id: &str| {
        agencies
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.spec.clone())
            .unwrap()
    };
    let fresh_days = |id: &str| -> Vec<i64> {
        truth_newest(&spec(id))
            .values()
            .flatten()
            .map(|d| (as_of() - *d).num_days())
            .collect()
    };
    // Complete and fresh: all eleven groups, everything within three weeks, full footer.
    for id in ["so-tu-phap", "phuong-son-ha"] {
        let s = spec(id);
        assert_eq!(truth_newest(&s).len(), 11, "{id}");
        assert!(fresh_days(id).iter().all(|d| *d <= 20), "{id}");
        assert!(
            s.search && s.feed && s.sitemap_xml && s.footer.email.is_some(),
            "{id}"
        );
    }
    // Stale: every group present, nothing newer than three months.
    assert_eq!(truth_newest(&spec("so-nong-nghiep-moi-truong")).len(), 11);
    assert!(
        fresh_days("so-nong-nghiep-moi-truong")
            .iter()
            .all(|d| *d >= 90)
    );
    // Missing groups, and a partly complete commune that only links to the national DVC.
    assert!(truth_newest(&spec("so-y-te")).len() <= 6);
    let mc = spec("xa-muong-chanh");
    assert!(!truth_newest(&mc).contains_key("dich_vu_cong") && mc.dvc_portal_link.is_some());
    assert!(mc.sections.iter().all(|s| s.items <= 3) && !mc.search && !mc.sitemap_xml);
    // Dates move with as_of.
    let later = demo_province(as_of() + Duration::days(30));
    let t = |agencies: &[ttdt::demo::province::DemoAgency]| {
        truth_newest(agencies[0].spec.as_ref().unwrap())["tin_tuc"].unwrap()
    };
    assert_eq!(t(&later) - t(&agencies), Duration::days(30));
}

#[tokio::test]
async fn every_reachable_agency_serves_its_home_and_sections() {
    let client = reqwest::Client::new();
    for a in demo_province(as_of()) {
        let Some(spec) = a.spec else { continue };
        let pages = site_pages(&spec);
        let site = serve(spec).await.unwrap();
        let r = client.get(site.home_url.clone()).send().await.unwrap();
        assert_eq!(r.status(), 200, "{}", a.id);
        assert!(r.text().await.unwrap().contains(&a.name));
        for p in pages.iter().filter(|p| !p.deep).take(40) {
            let r = client.get(site.url(&p.path)).send().await.unwrap();
            assert_eq!(r.status(), 200, "{} {}", a.id, p.path);
        }
        site.shutdown();
    }
    // The unreachable agency gets a port nobody listens on.
    let dead = closed_port_url().unwrap();
    assert!(client.get(dead).send().await.is_err());
}
