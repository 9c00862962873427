//! `ttdt inspect` explains every decision: the rule pattern that matched and where, the date
//! taken for the page and for each list item, and why every other date was ignored — in text
//! and in JSON. Also that a page drawn by JavaScript is said to need it.

use std::process::{Command, Output};

fn ttdt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ttdt"))
        .args(args)
        .output()
        .expect("run ttdt")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const PAGE: &str = "tests/pages/inspect_every_reason.html";
const BASE: &str = "http://so.example.gov.vn/chi-dao-dieu-hanh";

fn inspect_json(page: &str) -> serde_json::Value {
    let o = ttdt(&[
        "inspect",
        page,
        "--base-url",
        BASE,
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// The date written `text` in the JSON `dates` list.
fn date<'a>(v: &'a serde_json::Value, text: &str) -> &'a serde_json::Value {
    v["dates_explained"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["text"].as_str().is_some_and(|t| t.contains(text)))
        .unwrap_or_else(|| panic!("no date {text}: {:#}", v["dates_explained"]))
}

#[test]
fn json_explains_every_ignored_date_and_the_date_taken() {
    let v = inspect_json(PAGE);
    // Every kind of date that is not a publication date, with its Vietnamese reason.
    let expect = [
        ("25/11/2026", "today_widget", "widget ngày hôm nay"),
        (
            "15/10/2026",
            "in_document_number",
            "ngày trong số hiệu văn bản",
        ),
        ("10/11/2026", "in_title", "ngày trong tiêu đề"),
        ("05/01/2027", "after_as_of", "sau ngày kiểm tra"),
        ("Ngày chọn: 24/11/2026", "calendar", "lịch"),
        ("Ngày 24/11/2026", "visitor_counter", "bộ đếm truy cập"),
        ("23/11/2026", "copyright", "bản quyền ©"),
    ];
    for (text, code, label) in expect {
        // The calendar and counter dates are the same date: tell them apart by their text.
        let d = v["dates_explained"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["reason"] == code)
            .unwrap_or_else(|| panic!("no {code} date: {:#}", v["dates_explained"]));
        assert!(
            text.contains(d["text"].as_str().unwrap())
                || d["text"].as_str().unwrap().contains(text),
            "{code}: {d}"
        );
        assert_eq!(d["reason_vi"], label, "{d}");
        assert_eq!(d["used"], false, "{d}");
        assert!(
            v["ignored_dates"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["reason"] == code),
            "{code} missing from ignored_dates"
        );
    }
    let used = date(&v, "12/11/2026");
    assert_eq!(
        (
            &used["used"],
            &used["reason"],
            &used["source"],
            &used["reason_vi"]
        ),
        (
            &serde_json::json!(true),
            &serde_json::json!("list_item"),
            &serde_json::json!("list_item"),
            &serde_json::json!("ngày đăng của mục trong danh sách")
        )
    );

    // The page's date: the newest list item, and the future one flagged.
    assert_eq!(v["newest_date"], "2026-11-12");
    assert_eq!(v["freshness"]["taken"]["date"], "2026-11-12");
    assert_eq!(v["freshness"]["taken"]["source"], "list_item");
    assert_eq!(v["freshness"]["ignored"][0]["date"], "2027-01-05");
    assert_eq!(v["freshness"]["ignored"][0]["reason"], "sau ngày kiểm tra");

    // Each item: the date taken and the item's other dates, not taken, with why.
    let items = v["items"].as_array().unwrap();
    let qd = items
        .iter()
        .find(|i| i["title"].as_str().unwrap().starts_with("Quyết định số 25"))
        .unwrap();
    assert_eq!(qd["taken"]["date"], "2026-10-20");
    assert_eq!(qd["not_taken"][0]["date"], "2026-10-15");
    assert_eq!(
        qd["not_taken"][0]["reason_vi"],
        "ngày trong số hiệu văn bản"
    );
    let hn = items
        .iter()
        .find(|i| i["title"].as_str().unwrap().starts_with("Tổ chức hội nghị"))
        .unwrap();
    assert_eq!(hn["taken"]["date"], "2026-11-12");
    assert_eq!(hn["not_taken"][0]["reason"], "in_title");
    // The future item is not an item that counts.
    assert!(items.iter().all(|i| i["date"] != "2027-01-05"));

    // Which rule matched which text and where, with the pattern as written in the rules.
    let groups = v["groups"].as_array().unwrap();
    let link = groups
        .iter()
        .find(|g| g["criterion"] == "chi_dao_dieu_hanh_chuyen_muc" && g["where"] == "link(nav)")
        .unwrap_or_else(|| panic!("{groups:#?}"));
    assert_eq!(link["matched"], "Chỉ đạo điều hành");
    assert_eq!(link["pattern"], "chỉ đạo điều hành");
    assert_eq!(link["target"], "http://so.example.gov.vn/chi-dao-dieu-hanh");
    let h1 = groups
        .iter()
        .find(|g| g["criterion"] == "chi_dao_dieu_hanh_chuyen_muc" && g["where"] == "h1")
        .unwrap();
    // The heading "Văn bản chỉ đạo điều hành": the most specific pattern is reported.
    assert_eq!(h1["pattern"], "văn bản chỉ đạo điều hành");
    let url = groups
        .iter()
        .find(|g| g["criterion"] == "chi_dao_dieu_hanh_chuyen_muc" && g["where"] == "url")
        .unwrap();
    assert_eq!(url["pattern"], "chi-dao-dieu-hanh");
    assert_eq!(v["needs_javascript"], false);
}

#[test]
fn text_explains_the_same_decisions() {
    let o = ttdt(&["inspect", PAGE, "--base-url", BASE, "--as-of", "2026-11-25"]);
    assert!(o.status.success());
    let t = stdout(&o);
    for label in [
        "widget ngày hôm nay",
        "ngày trong số hiệu văn bản",
        "ngày trong tiêu đề",
        "sau ngày kiểm tra",
        "lịch",
        "bộ đếm truy cập",
        "bản quyền ©",
    ] {
        assert!(t.contains(label), "missing {label:?} in\n{t}");
    }
    assert!(
        t.contains("Date taken:  2026-11-12 theo danh sách tin (list_item, độ tin cậy cao)"),
        "{t}"
    );
    // Per item: taken and not taken.
    assert!(
        t.contains("lấy 2026-10-20: ngày đăng của mục trong danh sách"),
        "{t}"
    );
    assert!(
        t.contains("bỏ 2026-10-15 \"ngày 15/10/2026\": ngày trong số hiệu văn bản"),
        "{t}"
    );
    // Rule, pattern, place and target.
    assert!(
        t.contains(
            "chi_dao_dieu_hanh / chi_dao_dieu_hanh_chuyen_muc: link(nav) \"Chỉ đạo điều hành\" → http://so.example.gov.vn/chi-dao-dieu-hanh  [mẫu \"chỉ đạo điều hành\"]"
        ),
        "{t}"
    );
}

#[test]
fn a_page_drawn_by_javascript_is_said_to_need_it() {
    let v = inspect_json("tests/pages/needs_javascript.html");
    assert_eq!(v["needs_javascript"], true);
    assert!(v["note"].as_str().unwrap().contains("cần JavaScript"));
    let o = ttdt(&[
        "inspect",
        "tests/pages/needs_javascript.html",
        "--as-of",
        "2026-11-25",
    ]);
    let t = stdout(&o);
    assert!(t.contains("cần JavaScript"), "{t}");
    assert!(t.contains("chưa đo được: trang cần JavaScript"), "{t}");
}

/// A name that matched a group's pattern but does not count is listed with the reason: the
/// more specific group that won the menu entry, or the name of no group that vetoed it.
#[test]
fn inspect_says_why_a_matched_name_does_not_count() {
    let page = "tests/pages/inspect_dropped.html";
    let v = inspect_json(page);
    let dropped = v["not_counted"].as_array().unwrap();
    let find = |id: &str, matched: &str| {
        dropped
            .iter()
            .find(|d| d["id"] == id && d["matched"] == matched)
            .unwrap_or_else(|| panic!("no dropped {id} on {matched}: {dropped:#?}"))
    };
    let outranked = find("van_ban_phap_luat", "Văn bản chỉ đạo điều hành");
    assert_eq!(outranked["dropped"]["reason"], "outranked");
    assert_eq!(outranked["dropped"]["group"], "chi_dao_dieu_hanh");
    let vetoed = find("chi_dao_dieu_hanh", "Thông báo tuyển dụng");
    assert_eq!(vetoed["dropped"]["reason"], "no_section");
    assert_eq!(vetoed["dropped"]["pattern"], "thông báo tuyển dụng");
    // what counts is not also listed as dropped, and the other way round
    let counted = v["groups"].as_array().unwrap();
    assert!(
        counted
            .iter()
            .any(|g| g["id"] == "chi_dao_dieu_hanh" && g["matched"] == "Văn bản chỉ đạo điều hành")
    );
    assert!(
        !counted
            .iter()
            .any(|g| g["matched"] == "Thông báo tuyển dụng")
    );

    let o = ttdt(&["inspect", page, "--base-url", BASE, "--as-of", "2026-11-25"]);
    let text = stdout(&o);
    assert!(
        text.contains("Khớp nhưng không tính (và vì sao):"),
        "{text}"
    );
    assert!(
        text.contains("là tên không thuộc nhóm nào [mẫu no_section \"thông báo tuyển dụng\"]"),
        "{text}"
    );
    assert!(
        text.contains("nhóm chi_dao_dieu_hanh khớp cụ thể hơn [mẫu \"văn bản chỉ đạo điều hành\"]"),
        "{text}"
    );
}
