//! The HTML, XLSX and CSV formats end to end through the binary: a demo run writes
//! `report.html` and `report.xlsx` into its evidence folder (which still verifies), `rescore`
//! turns the same evidence into a workbook and CSV, and a workbook without `--out` is refused.

use std::path::Path;
use std::process::{Command, Output};

fn ttdt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ttdt"))
        .args(args)
        .env_remove("TTDT_LOG")
        .output()
        .expect("run ttdt")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn xlsx_without_out_is_refused() {
    let o = ttdt(&["demo", "--as-of", "2026-11-25", "-q", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("xlsx needs --out"));
}

#[test]
fn demo_html_then_rescore_xlsx_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path().join("run");
    let o = ttdt(&[
        "demo",
        "--as-of",
        "2026-11-25",
        "--max-pages",
        "30",
        "-q",
        "--format",
        "html",
        "--out",
        path(&run),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(run.join("report.html")).unwrap();
    assert!(html.contains("Xếp hạng"));
    assert!(html.contains("<svg"));
    // The demo's procedure table (8 procedures: 3 toàn trình, 4 một phần, 1 mức độ 3) is read
    // and reported per agency that lists it.
    assert!(
        html.contains(
            "Dịch vụ công trực tuyến: 8 thủ tục trên trang (một phần: 4, mức độ 3: 1, toàn trình: 3)"
        ),
        "public services line missing"
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim_end(),
        html.trim_end()
    );
    // The demo also leaves the workbook there and names both files.
    assert!(run.join("report.xlsx").is_file());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("report.html") && err.contains("report.xlsx"),
        "{err}"
    );
    let v = ttdt(&["verify", path(&run)]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));

    let xlsx_dir = tmp.path().join("xlsx");
    let o = ttdt(&[
        "rescore",
        path(&run),
        "--format",
        "xlsx",
        "--out",
        path(&xlsx_dir),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty(), "a workbook is not printed");
    let bytes = std::fs::read(xlsx_dir.join("report.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip container");

    let o = ttdt(&["rescore", path(&run), "--format", "csv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with(ttdt::report::csv::BOM));
    assert!(csv.contains(ttdt::report::csv::REPORT_HEADER));
}
