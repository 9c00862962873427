//! The Excel report read back with calamine: sheet names, Vietnamese headers, names as text
//! and scores as numbers.

mod report_fixture;

use calamine::{Data, Reader, Xlsx, open_workbook};
use report_fixture::{EVIL_NAME, report};

#[test]
fn workbook_round_trips() {
    let bytes = ttdt::report::xlsx::render(&report()).expect("workbook");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).expect("readable workbook");
    assert_eq!(
        book.sheet_names(),
        ["Sở, ban, ngành", "UBND xã, phường", "Chi tiết"]
    );

    let so = book.worksheet_range("Sở, ban, ngành").unwrap();
    let header: Vec<String> = (0..5)
        .map(|c| so.get_value((0, c)).unwrap().to_string())
        .collect();
    assert_eq!(
        header,
        ["STT", "Tên cơ quan", "Tổng điểm", "Xếp loại", "Xếp hạng"]
    );
    assert_eq!(so.get_value((1, 0)), Some(&Data::Float(1.0)));
    assert_eq!(
        so.get_value((1, 1)),
        Some(&Data::String("Sở Nội vụ".into()))
    );
    assert_eq!(so.get_value((1, 2)), Some(&Data::Float(80.0)));
    assert_eq!(so.get_value((1, 3)), Some(&Data::String("Tốt".into())));
    assert_eq!(so.get_value((1, 4)), Some(&Data::Float(1.0)));
    assert_eq!(so.get_value((2, 1)), Some(&Data::String(EVIL_NAME.into())));
    assert_eq!(so.get_value((2, 2)), Some(&Data::Float(67.5)));
    assert_eq!(so.get_value((2, 3)), Some(&Data::String("Khá".into())));
    assert_eq!(so.get_value((2, 4)), Some(&Data::Float(2.0)));

    let detail = book.worksheet_range("Chi tiết").unwrap();
    assert_eq!(
        detail.get_value((0, 3)),
        Some(&Data::String("Nhóm tiêu chí".into()))
    );
    // Three sites × two groups, in report order.
    assert_eq!(detail.height(), 7);
    assert_eq!(
        detail.get_value((1, 1)),
        Some(&Data::String(EVIL_NAME.into()))
    );
    assert_eq!(
        detail.get_value((1, 3)),
        Some(&Data::String("Tin tức, sự kiện".into()))
    );
    assert_eq!(detail.get_value((1, 4)), Some(&Data::Float(2.5)));
    assert_eq!(detail.get_value((1, 5)), Some(&Data::Float(15.0)));
    assert_eq!(
        detail.get_value((1, 6)),
        Some(&Data::String("lỗi thời".into()))
    );
    assert_eq!(detail.get_value((1, 8)), Some(&Data::Float(67.5)));
}

/// The notes every other human report carries sit under the detail table: `--insecure`, and
/// per site its pages not in Unicode and what the crawl cut off. A workbook handed to an
/// appraiser must not drop what the terminal report warns about.
#[test]
fn workbook_carries_the_crawl_notes() {
    let mut r = report();
    r.insecure = true;
    let snv = r.sites.iter_mut().find(|s| s.agency.id == "snv").unwrap();
    snv.non_unicode_pages.push(ttdt::score::NonUnicodePage {
        url: "https://snv.sonla.gov.vn/cu.htm".into(),
        encoding: "TCVN3".into(),
        note: ttdt::text::NOT_UNICODE_NOTE.into(),
    });
    snv.skipped.push(ttdt::score::SkippedCount {
        reason: "robots".into(),
        count: 4,
        examples: vec![],
    });
    let bytes = ttdt::report::xlsx::render(&r).expect("workbook");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).expect("readable workbook");
    let detail = book.worksheet_range("Chi tiết").unwrap();
    let first_column: Vec<String> = (0..detail.height() as u32)
        .filter_map(|row| detail.get_value((row, 0)).map(|v| v.to_string()))
        .collect();
    assert!(
        first_column.contains(&ttdt::report::INSECURE_NOTE.to_string()),
        "{first_column:#?}"
    );
    let unicode = first_column
        .iter()
        .find(|l| l.starts_with("Sở Nội vụ: Trang"))
        .expect("non-Unicode note");
    assert!(
        unicode.contains("https://snv.sonla.gov.vn/cu.htm (TCVN3)"),
        "{unicode}"
    );
    assert!(
        first_column.contains(&"Sở Nội vụ: Không tải / không mở rộng: robots 4".to_string()),
        "{first_column:#?}"
    );
}
