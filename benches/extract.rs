//! Extraction throughput: the hand-written fixture pages (tests/pages) one by one and as a set
//! (pages/s), and a generated ~1 MB portal list page (MB/s) — the size of a long document
//! table or a "view all" news list. On that page, the month-first check alone
//! (`month_first_check_1mb`), to compare with the whole extraction in the same run.
//!
//! Run: `cargo bench --bench extract -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 8, 27).unwrap()
}

fn fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pages");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("tests/pages")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).expect("fixture"),
            )
        })
        .collect();
    pages.sort();
    pages
}

/// A Liferay-style list page of about `bytes` bytes: header date widget, menu, asset-publisher
/// entries (title link, date, summary with a date, some titles with document dates), a
/// visitor counter and a footer.
fn generated_list(bytes: usize) -> String {
    let mut html = String::from(
        r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin hoạt động</title></head><body>
<header id="banner"><div class="date-time">Thứ Bảy, ngày 27/08/2022</div>
<nav id="navigation"><ul><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức</a></li><li><a href="/van-ban">Văn bản</a></li></ul></nav></header>
<div id="content"><h1>Tin hoạt động</h1><div class="portlet-content">"#,
    );
    let mut n = 0u32;
    while html.len() < bytes {
        n += 1;
        let (day, month) = (n % 28 + 1, n % 8 + 1);
        html.push_str(&format!(
            r#"<div class="asset-abstract"><h3 class="asset-title"><a href="/tin-tuc/-/asset_publisher/abcd/content/tin-so-{n}">Kế hoạch số {n}/KH-UBND ngày {day}/{month}/2022 về triển khai nhiệm vụ trọng tâm của Sở</a></h3>
<div class="asset-metadata"><span class="metadata-publish-date">{day:02}/{month:02}/2022 08:30</span></div>
<div class="asset-summary">Sáng ngày {day}/{month}/2022, Sở tổ chức hội nghị triển khai kế hoạch với sự tham dự của lãnh đạo các phòng, đơn vị trực thuộc.</div>
<div class="asset-more"><a href="/tin-tuc/-/asset_publisher/abcd/content/tin-so-{n}">Xem tiếp »</a></div></div>
"#
        ));
    }
    html.push_str(
        r#"</div></div><div id="thongke">Thống kê truy cập: Đang online 12, Hôm nay 27/08/2022: 456</div>
<footer>© 2017 Sở Tư pháp. Giấy phép số 12/GP-TTĐT ngày 05/3/2017.</footer></body></html>"#,
    );
    html
}

fn bench(c: &mut Criterion) {
    let url = url::Url::parse("https://so.example.gov.vn/tin-tuc").unwrap();
    let pages = fixtures();

    let mut each = c.benchmark_group("fixture");
    for (name, html) in &pages {
        each.throughput(Throughput::Bytes(html.len() as u64));
        each.bench_function(name.trim_end_matches(".html"), |b| {
            b.iter(|| ttdt::extract::extract(&url, black_box(html), as_of()))
        });
    }
    each.finish();

    let mut set = c.benchmark_group("fixture_set");
    set.throughput(Throughput::Elements(pages.len() as u64));
    set.bench_function("all_pages", |b| {
        b.iter(|| {
            for (_, html) in &pages {
                black_box(ttdt::extract::extract(&url, black_box(html), as_of()));
            }
        })
    });
    set.finish();

    let big = generated_list(1 << 20);
    let mut large = c.benchmark_group("generated");
    large.sample_size(10);
    large.throughput(Throughput::Bytes(big.len() as u64));
    large.bench_function("list_1mb", |b| {
        b.iter(|| ttdt::extract::extract(&url, black_box(&big), as_of()))
    });
    // The per-page check for month-first (en-US) dates runs one more regex over the page's
    // text; over the whole HTML it is an upper bound of its share of `list_1mb`.
    large.bench_function("month_first_check_1mb", |b| {
        b.iter(|| ttdt::dates::writes_month_first(black_box(&big)))
    });
    large.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
