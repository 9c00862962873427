//! The extractor against the demo province's generated sites (every CMS style, every kind of
//! noise: header date widget, visitor counter, copyright year, dates in titles): on every list
//! page and article `newest_date` must be the generator's truth for that page, and static
//! pages have none.

use chrono::NaiveDate;
use ttdt::demo::province::demo_province;
use ttdt::demo::sitegen::{PageKind, serve, site_pages};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn newest_date_matches_the_generators_truth_on_every_page() {
    let client = reqwest::Client::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for agency in demo_province(as_of()) {
        let Some(spec) = agency.spec else { continue };
        let pages = site_pages(&spec);
        let site = serve(spec).await.unwrap();
        for p in pages {
            // Dated pages show their truth date; static pages ("Giới thiệu", "Cơ cấu tổ chức")
            // carry no publication date at all.
            let checked_kind = matches!(
                p.kind,
                PageKind::SectionList { .. }
                    | PageKind::Article
                    | PageKind::StaticSection
                    | PageKind::SubPage
            );
            if !checked_kind {
                continue;
            }
            let url = site.url(&p.path);
            let html = client
                .get(url.clone())
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let f = ttdt::extract::extract(&url, &html, as_of());
            checked += 1;
            if f.newest_date != p.date {
                failures.push(format!(
                    "{} {:?} {}: got {:?}, truth {:?} (title date {:?})\n{}",
                    agency.id,
                    p.kind,
                    p.path,
                    f.newest_date,
                    p.date,
                    p.title_date,
                    ttdt::extract::inspect_text(&f, as_of())
                        .lines()
                        .skip_while(|l| !l.starts_with("Dates"))
                        .take_while(|l| !l.starts_with("Dated items"))
                        .collect::<Vec<_>>()
                        .join("\n")
                ));
            }
        }
        site.shutdown();
    }
    assert!(checked > 100, "{checked}");
    assert!(
        failures.is_empty(),
        "{} of {checked} pages wrong:\n{}",
        failures.len(),
        failures
            .iter()
            .take(6)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
