//! Ranking schemes: the shipped IT-application scheme, website rules as a scheme, and every
//! kind of error in a scheme file with its file, line and column.

use std::path::Path;

use ttdt::scheme::{self, Blocks, Scheme};

fn root(p: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

#[test]
fn shipped_it_scheme() {
    let s = scheme::load(&root("rules/sonla-2017-it.yaml")).unwrap();
    assert_eq!(s.id, "sonla-2017-it");
    assert_eq!(s.subject, "mức độ ứng dụng CNTT");
    assert_eq!(s.category_label, "hạng mục");
    let bands: Vec<(&str, &str, f64)> = s
        .bands
        .iter()
        .map(|b| (b.id.as_str(), b.label.as_str(), b.min))
        .collect();
    assert_eq!(
        bands,
        [
            ("tot", "Tốt", 85.0),
            ("kha", "Khá", 70.0),
            ("trung_binh", "Trung bình", 50.0),
            ("yeu", "Yếu", 0.0)
        ]
    );
    let Blocks::Declared(blocks) = &s.blocks else {
        panic!("an IT scheme declares its blocks")
    };
    let got: Vec<(&str, Vec<(&str, f64)>)> = blocks
        .iter()
        .map(|b| {
            (
                b.id.as_str(),
                b.categories
                    .iter()
                    .map(|c| (c.id.as_str(), c.max))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "so_nganh",
                vec![
                    ("ha_tang", 10.0),
                    ("noi_bo", 25.0),
                    ("nguoi_dan", 35.0),
                    ("an_toan", 10.0),
                    ("nhan_luc", 10.0),
                    ("chinh_sach", 10.0)
                ]
            ),
            (
                "ubnd_huyen",
                vec![
                    ("ha_tang", 5.0),
                    ("noi_bo", 25.0),
                    ("nguoi_dan", 30.0),
                    ("cap_xa", 15.0),
                    ("an_toan", 5.0),
                    ("nhan_luc", 10.0),
                    ("chinh_sach", 10.0)
                ]
            )
        ]
    );
    assert_eq!(blocks[0].title, "Sở, ban, ngành");
    assert_eq!(blocks[0].caption, "các sở, ngành");
    assert_eq!(blocks[0].max, 100.0);
    assert_eq!(
        blocks[1].category("cap_xa").unwrap().name,
        "Ứng dụng CNTT tại cấp xã, phường, thị trấn"
    );
    assert!(s.block("ubnd_xa").is_none());
    assert_eq!(s.block_position("ubnd_huyen"), Some(1));
    // `load_any` recognises it too.
    assert_eq!(
        scheme::load_any(&root("rules/sonla-2017-it.yaml")).unwrap(),
        s
    );
}

#[test]
fn website_rules_as_a_scheme_accept_any_block() {
    let s = scheme::load_any(&root("rules/sonla-2017.yaml")).unwrap();
    assert_eq!(s.id, "sonla-2017");
    assert!(s.accepts_any_block());
    assert_eq!(s.subject, "Trang TTĐT");
    assert_eq!(s.bands[0].min, 80.0);
    let b = s.block("ubnd_xa").unwrap();
    assert_eq!(b.title, "UBND xã, phường, đặc khu");
    assert_eq!(b.max, 100.0);
    assert_eq!(b.categories.len(), 11);
    let other = s.block("khoi_moi").unwrap();
    assert_eq!(
        (other.title.as_str(), other.caption.as_str()),
        ("khoi_moi", "khối khoi_moi")
    );
    assert_eq!(
        s,
        Scheme::default_website(),
        "the embedded default is the same file"
    );
}

/// A valid scheme to break one piece at a time.
const GOOD: &str = "\
id: demo
title: Demo
subject: mức độ ứng dụng CNTT
bands:
  - {id: tot, label: Tốt, min: 85}
  - {id: yeu, label: Yếu, min: 0}
blocks:
  - id: so_nganh
    title: Sở, ban, ngành
    categories:
      - {id: a, name: A, max: 60}
      - {id: b, name: B, max: 40}
";

fn errors(yaml: &str) -> Vec<String> {
    match scheme::load_str(yaml, "s.yaml") {
        Ok(s) => panic!("accepted: {s:?}"),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_good_one_loads() {
    let s = scheme::load_str(GOOD, "s.yaml").unwrap();
    assert_eq!(s.category_label, "hạng mục", "default");
    let Blocks::Declared(b) = &s.blocks else {
        panic!()
    };
    assert_eq!(
        b[0].caption, "các sở, ngành",
        "default caption of a known block"
    );
}

#[test]
fn maxima_must_add_up_to_100() {
    assert_eq!(
        errors(&GOOD.replace("max: 40", "max: 30")),
        ["s.yaml:8:9: block `so_nganh`: the category maxima add up to 90, not 100 (a 60 + b 30)"]
    );
}

#[test]
fn duplicate_ids() {
    assert_eq!(
        errors(&GOOD.replace("{id: b, name: B", "{id: a, name: B")),
        ["s.yaml:12:14: block `so_nganh`: duplicate category id `a`"]
    );
    let two = format!(
        "{GOOD}  - id: so_nganh\n    title: X\n    categories:\n      - {{id: a, name: A, max: 100}}\n"
    );
    assert_eq!(
        errors(&two),
        ["s.yaml:13:9: block: duplicate id `so_nganh`"]
    );
    assert_eq!(
        errors(&GOOD.replace("{id: yeu", "{id: tot")),
        ["s.yaml:6:10: band: duplicate id `tot`"]
    );
}

#[test]
fn unknown_and_missing_keys_and_wrong_types() {
    assert_eq!(
        errors(&GOOD.replace("    title: Sở", "    titel: Sở")),
        [
            "s.yaml:8:5: block `so_nganh`: missing `title`",
            "s.yaml:9:5: block: unknown key `titel` (expected one of: id, title, caption, categories)"
        ]
    );
    assert_eq!(
        errors(&GOOD.replace("max: 40", "max: \"40\"")),
        [
            "s.yaml:12:31: block `so_nganh`: category `max`: expected a number, found the text \"40\""
        ]
    );
    assert_eq!(
        errors(&GOOD.replace("subject: mức độ ứng dụng CNTT\n", "")),
        ["s.yaml:1:1: scheme: missing `subject`"]
    );
}

#[test]
fn reserved_and_invalid_ids() {
    assert_eq!(
        errors(&GOOD.replace("{id: b,", "{id: total,")),
        [
            "s.yaml:12:14: block `so_nganh`: `total` cannot be a category id (it is a column of the scores file)"
        ]
    );
    assert_eq!(
        errors(&GOOD.replace("id: so_nganh", "id: Sở ngành")),
        ["s.yaml:8:9: block: invalid id `Sở ngành` (use a-z, 0-9, `_` and `-`)"]
    );
}

#[test]
fn bands_go_down_to_zero() {
    assert_eq!(
        errors(&GOOD.replace("min: 0}", "min: 90}")),
        [
            "s.yaml:6:32: band `yeu`: min 90 must be below the previous band's 85 (bands go from highest to lowest)",
            "s.yaml:6:32: band `yeu`: the lowest band must have min 0, found 90"
        ]
    );
    assert_eq!(
        errors(&GOOD.replace("min: 0}", "min: 10}")),
        ["s.yaml:6:32: band `yeu`: the lowest band must have min 0, found 10"]
    );
}

#[test]
fn yaml_syntax_error_is_located() {
    let e = errors("id: demo\nbands: [\n");
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("s.yaml:"), "{}", e[0]);
    assert!(e[0].contains("YAML syntax"), "{}", e[0]);
}

#[test]
fn unreadable_and_non_utf8_files() {
    let e = scheme::load(Path::new("/nonexistent/scheme.yaml")).unwrap_err();
    assert!(
        e[0].to_string()
            .starts_with("/nonexistent/scheme.yaml:0:0: cannot read")
    );
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.yaml");
    std::fs::write(&p, b"id: demo\ntitle: S\xe1\n").unwrap();
    let e = scheme::load(&p).unwrap_err();
    assert_eq!(e[0].line, 2);
    assert_eq!(e[0].column, 9);
}
