//! The scores file of `ttdt rank`: what is accepted (BOM, semicolons, decimal commas, quoting,
//! any column order) and every kind of error, each with its exact line and column; through the
//! binary, a bad file exits 2 and writes nothing.

use std::path::Path;
use std::process::Command;

use ttdt::rank::scores::{self, ScoreSheet};
use ttdt::rank::tables;
use ttdt::scheme::Scheme;

/// Departments only: the six categories of `so_nganh`.
const H: &str = "agency,block,ha_tang,noi_bo,nguoi_dan,an_toan,nhan_luc,chinh_sach";

fn it_scheme() -> Scheme {
    ttdt::scheme::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/sonla-2017-it.yaml"))
        .unwrap()
}

fn parse(csv: &str) -> Result<ScoreSheet, Vec<String>> {
    scores::parse(csv, "s.csv", &it_scheme())
        .map_err(|e| e.iter().map(ToString::to_string).collect())
}

fn parse_web(csv: &str) -> Result<ScoreSheet, Vec<String>> {
    scores::parse(csv, "s.csv", &Scheme::default_website())
        .map_err(|e| e.iter().map(ToString::to_string).collect())
}

/// The errors of a file that must be rejected.
fn errors(csv: &str) -> Vec<String> {
    match parse(csv) {
        Ok(s) => panic!("accepted: {s:?}"),
        Err(e) => e,
    }
}

/// Exactly one error, starting with `expected` (location and reason).
#[track_caller]
fn one_error(csv: &str, expected: &str) {
    let e = errors(csv);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with(expected),
        "\n got: {}\nwant: {expected}",
        e[0]
    );
}

// ---- accepted input --------------------------------------------------------------------------

#[test]
fn bom_semicolons_and_decimal_commas() {
    let csv = "\u{feff}agency;block;ha_tang;noi_bo;nguoi_dan;an_toan;nhan_luc;chinh_sach\r\n\
               Sở Y tế;so_nganh;7,0;18,5;21,3;8,0;10;8,0\r\n\
               \"Sở Văn hóa; Thể thao và Du lịch\";so_nganh;9,0;15,7;18,1;4,6;10;5,0\r\n";
    let sheet = parse(csv).unwrap();
    assert_eq!(sheet.separator, ';');
    assert_eq!(sheet.rows.len(), 2);
    assert_eq!(sheet.rows[0].agency, "Sở Y tế");
    assert_eq!(sheet.rows[0].total, 72.8, "summed, without float noise");
    assert_eq!(sheet.rows[0].categories[1], ("noi_bo".to_string(), 18.5));
    assert_eq!(sheet.rows[1].agency, "Sở Văn hóa; Thể thao và Du lịch");
    assert_eq!(sheet.rows[1].total, 62.4);

    // Totals only, website rules.
    let web = parse_web("\u{feff}agency;block;total\nSở Nội vụ;so_nganh;81,0\n").unwrap();
    assert_eq!(web.rows[0].total, 81.0);
    assert!(!web.has_categories);
}

#[test]
fn commas_with_quoted_decimal_commas_and_points() {
    let csv = format!("{H}\nSở Y tế,so_nganh,\"7,0\",18.5,\"21,3\",8,10,8\n");
    let sheet = parse(&csv).unwrap();
    assert_eq!(sheet.separator, ',');
    assert_eq!(sheet.rows[0].total, 72.8);
}

#[test]
fn columns_in_any_order_case_insensitive_names_trimmed_blank_rows_skipped() {
    let csv = "Chinh_Sach,NOI_BO,agency,ha_tang,nguoi_dan,Block,an_toan,nhan_luc\n\
               8,18.5,  Sở Y tế  ,7,21.3,so_nganh,8,10\n\
               ,,,,,,,\n\
               \n";
    let sheet = parse(csv).unwrap();
    assert_eq!(sheet.rows.len(), 1);
    let r = &sheet.rows[0];
    assert_eq!(r.agency, "Sở Y tế", "echoed as written, trimmed");
    let order: Vec<&str> = r.categories.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        order,
        [
            "ha_tang",
            "noi_bo",
            "nguoi_dan",
            "an_toan",
            "nhan_luc",
            "chinh_sach"
        ],
        "the block's order, not the file's"
    );
    assert_eq!(r.total, 72.8);
}

#[test]
fn both_blocks_with_the_other_blocks_category_left_empty() {
    let csv = format!(
        "{H},cap_xa\n\
         Sở Y tế,so_nganh,7,18.5,21.3,8,10,8,\n\
         UBND huyện Sông Mã,ubnd_huyen,2,19.5,17.5,4,10,8,9\n"
    );
    let sheet = parse(&csv).unwrap();
    assert_eq!(sheet.rows[1].total, 70.0);
    assert_eq!(sheet.rows[1].categories.len(), 7);
    let t = tables::build(&sheet, &it_scheme());
    let numbers: Vec<&str> = t.tables.iter().map(|t| t.number.as_str()).collect();
    assert_eq!(numbers[0], "1");
    assert_eq!(numbers[7], "2");
    assert_eq!(numbers.len(), 2 + 6 + 7);
}

/// An IT scheme numbers tables by its own block order: districts are Bảng 2 even alone, and
/// even when they come first in the file.
#[test]
fn table_numbers_follow_the_scheme() {
    let csv = "agency,block,total\nUBND huyện Sông Mã,ubnd_huyen,70\n";
    let t = tables::build(&parse(csv).unwrap(), &it_scheme());
    assert_eq!(t.tables.len(), 1);
    assert_eq!(t.tables[0].number, "2");
    let csv = "agency,block,total\nUBND huyện Sông Mã,ubnd_huyen,70\nSở Y tế,so_nganh,72.8\n";
    let t = tables::build(&parse(csv).unwrap(), &it_scheme());
    let got: Vec<(&str, &str)> = t
        .tables
        .iter()
        .map(|t| (t.number.as_str(), t.block.id.as_str()))
        .collect();
    assert_eq!(got, [("1", "so_nganh"), ("2", "ubnd_huyen")]);
}

#[test]
fn a_total_next_to_categories_must_agree_within_printing() {
    let ok = format!("{H},total\nSở Y tế,so_nganh,7,18.5,21.3,8,10,8,72.8\n");
    assert_eq!(parse(&ok).unwrap().rows[0].total, 72.8);
    let rounded = format!("{H},total\nSở Y tế,so_nganh,7,18.54,21.3,8,10,8,72.8\n");
    assert_eq!(
        parse(&rounded).unwrap().rows[0].total,
        72.84,
        "the sum is kept"
    );
    one_error(
        &format!("{H},total\nSở Y tế,so_nganh,7,18.5,21.3,8,10,8,70\n"),
        "s.csv:2:37: total 70 is not the sum of the categories (72.8)",
    );
}

#[test]
fn website_rules_accept_any_block_an_it_scheme_only_its_own() {
    let csv = "agency,block,total\nUBND xã Chiềng Cơi,ubnd_xa,55\nSở Y tế,so_nganh,50.5\n";
    let sheet = parse_web(csv).unwrap();
    let t = tables::build(&sheet, &Scheme::default_website());
    let got: Vec<(&str, &str, &str)> = t
        .tables
        .iter()
        .map(|t| {
            (
                t.number.as_str(),
                t.block.id.as_str(),
                t.block.title.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1", "ubnd_xa", "UBND xã, phường, đặc khu"),
            ("2", "so_nganh", "Sở, ban, ngành")
        ],
        "website tables are numbered in order of appearance"
    );
    one_error(
        csv,
        "s.csv:2:20: unknown block `ubnd_xa`: scheme `sonla-2017-it` ranks so_nganh, ubnd_huyen",
    );
}

/// Website rules: the groups are the categories of every block.
#[test]
fn website_rules_rank_groups_as_categories() {
    let web = Scheme::default_website();
    let ids = web.category_ids();
    assert_eq!(ids.len(), 11);
    let mut csv = format!("agency,block,{}\nSở Nội vụ,so_nganh", ids.join(","));
    for _ in &ids {
        csv.push_str(",1");
    }
    csv.push('\n');
    let sheet = parse_web(&csv).unwrap();
    assert_eq!(sheet.rows[0].total, 11.0);
    let t = tables::build(&sheet, &web);
    assert_eq!(t.tables.len(), 12);
    assert_eq!(t.tables[1].number, "1.1");
    assert_eq!(t.tables[1].table_id(), "gioi_thieu");
}

// ---- every kind of error, with its line and column --------------------------------------------

#[test]
fn unknown_column() {
    let e = errors(&format!(
        "{H},ghi_chu\nSở Y tế,so_nganh,7,18.5,21.3,8,10,8,x\n"
    ));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("s.csv:1:67: unknown column `ghi_chu`; scheme `sonla-2017-it` knows: agency, block, total, ha_tang, noi_bo, nguoi_dan, an_toan, nhan_luc, chinh_sach, cap_xa"),
        "{}",
        e[0]
    );
    // A category of the IT scheme given to the website rules: a hint names the scheme.
    let e = parse_web(&format!("{H}\nSở Y tế,so_nganh,7,18.5,21.3,8,10,8\n")).unwrap_err();
    assert!(
        e[0].starts_with("s.csv:1:14: unknown column `ha_tang`"),
        "{}",
        e[0]
    );
    assert!(
        e[0].contains("--scheme rules/sonla-2017-it.yaml"),
        "{}",
        e[0]
    );
    // A repeated column.
    one_error(
        "agency,block,total,Total\nSở Y tế,so_nganh,70,70\n",
        "s.csv:1:20: duplicate column `total`",
    );
}

#[test]
fn category_not_in_the_blocks_scheme() {
    one_error(
        &format!("{H},cap_xa\nSở Y tế,so_nganh,7,18.5,21.3,8,10,8,3\n"),
        "s.csv:2:37: category `cap_xa` is not part of block `so_nganh`: leave it empty",
    );
}

#[test]
fn score_above_its_maximum() {
    one_error(
        &format!(
            "{H}\nSở Y tế,so_nganh,7,18.5,21.3,8,10,8\nSở Nội vụ,so_nganh,12,21.7,23.5,9,10,6\n"
        ),
        "s.csv:3:20: `ha_tang`: score 12 is above its maximum 10",
    );
    // The same category has another maximum in another block (ha_tang: 5 for districts).
    one_error(
        &format!("{H},cap_xa\nUBND huyện Sông Mã,ubnd_huyen,6,19.5,17.5,4,10,8,9\n"),
        "s.csv:2:31: `ha_tang`: score 6 is above its maximum 5",
    );
    // A total above the block's maximum.
    one_error(
        "agency,block,total\nSở Y tế,so_nganh,100,1\n",
        "s.csv:2:22: extra value: the header has 3 columns, this row has 4; a decimal comma in a comma-separated file must be quoted",
    );
    one_error(
        "agency;block;total\nSở Y tế;so_nganh;100,1\n",
        "s.csv:2:18: `total`: score 100,1 is above its maximum 100",
    );
}

#[test]
fn negative_score() {
    one_error(
        &format!("{H}\nSở Nội vụ,so_nganh,7,21.7,-1,9,10,6\n"),
        "s.csv:2:27: `nguoi_dan`: score -1 is negative",
    );
}

#[test]
fn not_a_number_and_missing_score() {
    one_error(
        &format!("{H}\nSở Nội vụ,so_nganh,7,21.7,23.5,chín,10,6\n"),
        "s.csv:2:32: `an_toan`: `chín` is not a number",
    );
    one_error(
        &format!("{H}\nSở Nội vụ,so_nganh,7,21.7,23.5,,10,6\n"),
        "s.csv:2:32: missing score for `an_toan`",
    );
    // A short row: the missing values are reported at the end of the line.
    let e = errors(&format!("{H}\nSở Nội vụ,so_nganh,7,21.7,23.5,9\n"));
    assert_eq!(
        e,
        [
            "s.csv:2:33: missing score for `nhan_luc`",
            "s.csv:2:33: missing score for `chinh_sach`"
        ]
    );
}

#[test]
fn duplicate_agency_after_normalisation() {
    let e = errors(&format!(
        "{H}\n\
         Sở Lao động-Thương binh và Xã hội,so_nganh,7,17.9,10.8,2,8,6\n\
         Sở Lao động - Thương binh và xã hội,so_nganh,7,17.9,10.8,2,8,6\n\
         \"SỞ  LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI\",so_nganh,7,17.9,10.8,2,8,6\n\
         So Lao dong Thuong binh va Xa hoi,so_nganh,7,17.9,10.8,2,8,6\n\
         Sở Y tế,so_nganh,7,18.5,21.3,8,10,8\n\
         Sở Y tế,so_nganh,7,18.5,21.3,8,10,8\n"
    ));
    let same = " (names are compared without case, diacritics, punctuation and spacing)";
    assert_eq!(
        e,
        [
            format!(
                "s.csv:3:1: duplicate agency `Sở Lao động - Thương binh và xã hội`: same as `Sở Lao động-Thương binh và Xã hội` on line 2{same}"
            ),
            format!(
                "s.csv:4:1: duplicate agency `SỞ  LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI`: same as `Sở Lao động-Thương binh và Xã hội` on line 2{same}"
            ),
            format!(
                "s.csv:5:1: duplicate agency `So Lao dong Thuong binh va Xa hoi`: same as `Sở Lao động-Thương binh và Xã hội` on line 2{same}"
            ),
            "s.csv:7:1: duplicate agency `Sở Y tế`: same as `Sở Y tế` on line 6".to_string(),
        ]
    );
    // NFD input (combining marks) is the same name too.
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Sở Y tế").collect();
    assert_ne!(nfd, "Sở Y tế");
    let e = errors(&format!(
        "agency,block,total\nSở Y tế,so_nganh,70\n{nfd},so_nganh,70\n"
    ));
    assert!(e[0].starts_with("s.csv:3:1: duplicate agency"), "{e:?}");
    // Across blocks too: one agency, one row.
    let e = errors("agency,block,total\nSở Y tế,so_nganh,70\nSở Y tế,ubnd_huyen,70\n");
    assert!(e[0].starts_with("s.csv:3:1: duplicate agency"), "{e:?}");
}

#[test]
fn unknown_block_and_missing_block() {
    one_error(
        &format!(
            "{H}\nSở Nội vụ,so_nganh,7,21.7,23.5,9,10,6\nUBND xã Chiềng Cơi,ubnd_xa,1,1,1,1,1,1\n"
        ),
        "s.csv:3:20: unknown block `ubnd_xa`: scheme `sonla-2017-it` ranks so_nganh, ubnd_huyen",
    );
    one_error(
        "agency,block,total\nSở Y tế,,70\n",
        "s.csv:2:9: missing block",
    );
    let e = parse_web("agency,block,total\nSở Y tế,sở ngành,70\n").unwrap_err();
    assert_eq!(
        e,
        ["s.csv:2:9: invalid block id `sở ngành`: use letters, digits, `_` or `-`"]
    );
}

#[test]
fn missing_columns() {
    // `block` missing: reported at the end of the header line.
    one_error(
        "agency,total\nSở Y tế,70\n",
        "s.csv:1:13: missing column `block` in the header",
    );
    one_error(
        "block,total\nso_nganh,70\n",
        "s.csv:1:12: missing column `agency` in the header",
    );
    one_error(
        "agency,block\nSở Y tế,so_nganh\n",
        "s.csv:1:13: missing column: give `total` or the category columns (ha_tang, noi_bo, nguoi_dan, an_toan, nhan_luc, chinh_sach, cap_xa)",
    );
    // A district row needs `cap_xa`, which the departments' header lacks: reported once, at
    // the block of the first district row.
    let e = errors(&format!(
        "{H}\n\
         UBND huyện Sông Mã,ubnd_huyen,2,19.5,17.5,4,10,8\n\
         UBND huyện Mộc Châu,ubnd_huyen,4,17.9,13.2,2.3,9,7\n"
    ));
    assert_eq!(
        e,
        [
            "s.csv:2:20: missing column `cap_xa`: block `ubnd_huyen` is scored on ha_tang, noi_bo, nguoi_dan, cap_xa, an_toan, nhan_luc, chinh_sach"
        ]
    );
    one_error(
        "agency,block,total\n,so_nganh,70\n",
        "s.csv:2:1: missing agency name",
    );
}

#[test]
fn malformed_files() {
    // An unquoted decimal comma splits the field: an extra value, with a hint.
    let e = errors(&format!("{H}\nSở Y tế,so_nganh,7,18,5,21.3,8,10,8\n"));
    assert_eq!(
        e,
        [
            "s.csv:2:35: extra value: the header has 8 columns, this row has 9; a decimal comma in a comma-separated file must be quoted (\"83,8\"), or use a decimal point"
        ]
    );
    one_error(
        "agency,block,total\n\"Sở Y tế,so_nganh,70\n",
        "s.csv:2:1: unterminated quote",
    );
    one_error(
        "agency,block,total\n\"Sở Y\" tế,so_nganh,70\n",
        "s.csv:2:8: text after a closing quote",
    );
    one_error("", "s.csv:1:1: empty file");
    one_error("\u{feff}\n\n", "s.csv:1:1: empty file");
    one_error(
        "agency,block,total\n",
        "s.csv:2:1: no agencies: the file has a header but no rows",
    );
    // Latin-1 bytes instead of UTF-8: "Sở" cannot be written, "Sá" can.
    let e = scores::parse_bytes(
        b"agency,block,total\nS\xe1 Y t\xea,so_nganh,70\n",
        "s.csv",
        &it_scheme(),
    )
    .unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "s.csv:2:2: not valid UTF-8: save the file as \"CSV UTF-8\""
    );
}

/// Every problem of a file is reported at once, in file order.
#[test]
fn all_errors_at_once_in_order() {
    let e = errors(&format!(
        "{H}\n\
         Sở Y tế,so_nganh,11,18.5,21.3,8,10,8\n\
         Sở Nội vụ,so_nganh,7,21.7,-2,9,10,x\n\
         Sở Y Tế,so_nganh,7,18.5,21.3,8,10,8\n"
    ));
    let locations: Vec<&str> = e.iter().map(|e| e.split(": ").next().unwrap()).collect();
    assert_eq!(
        locations,
        ["s.csv:2:18", "s.csv:3:27", "s.csv:3:35", "s.csv:4:1"],
        "{e:#?}"
    );
}

// ---- through the binary ----------------------------------------------------------------------

fn ttdt(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ttdt"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run ttdt")
}

#[test]
fn cli_bad_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        format!("{H}\nSở Y tế,so_nganh,7,18.5,21.3,8,10,8\nSở Y Tế,so_nganh,12,18.5,21.3,8,10,8\n"),
    )
    .unwrap();
    let out = dir.path().join("out");
    for format in ["md", "csv", "json"] {
        let o = ttdt(&[
            "rank",
            csv.to_str().unwrap(),
            "--scheme",
            "rules/sonla-2017-it.yaml",
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2));
        assert!(o.stdout.is_empty(), "nothing printed");
        assert!(!out.exists(), "nothing written");
        let err = String::from_utf8_lossy(&o.stderr);
        let file = csv.display();
        assert!(
            err.contains(&format!("{file}:3:1: duplicate agency `Sở Y Tế`")),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "{file}:3:18: `ha_tang`: score 12 is above its maximum 10"
            )),
            "{err}"
        );
        assert!(err.contains("2 errors"), "{err}");
    }
    // A bad scheme file, a missing scores file: exit 2 as well.
    let o = ttdt(&["rank", csv.to_str().unwrap(), "--rules", "nope.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.yaml:0:0: cannot read"));
    let o = ttdt(&["rank", "nope.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.csv:0:0: cannot read"));
}

#[test]
fn cli_csv_output() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("scores.csv");
    std::fs::write(
        &csv,
        "agency;block;total\n\
         Sở Văn hóa, Thể thao và Du lịch;so_nganh;60,0\n\
         Sở Nội vụ;so_nganh;81\n\
         Sở Y tế;so_nganh;50,5\n\
         Sở Tư pháp;so_nganh;60\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = ttdt(&[
        "rank",
        csv.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        text,
        "\u{feff}block,table,stt,agency,score,rank,band,band_label\r\n\
         so_nganh,total,1,Sở Nội vụ,81,1,tot,Tốt\r\n\
         so_nganh,total,2,Sở Tư pháp,60,2,trung_binh,Trung bình\r\n\
         so_nganh,total,3,\"Sở Văn hóa, Thể thao và Du lịch\",60,2,trung_binh,Trung bình\r\n\
         so_nganh,total,4,Sở Y tế,50.5,3,trung_binh,Trung bình\r\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("report.csv")).unwrap(),
        text
    );
}

#[test]
fn cli_category_csv_rows_have_no_band() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("scores.csv");
    std::fs::write(&csv, format!("{H}\nSở Y tế,so_nganh,7,18.5,21.3,8,10,8\n")).unwrap();
    let o = ttdt(&[
        "rank",
        csv.to_str().unwrap(),
        "--scheme",
        "rules/sonla-2017-it.yaml",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 1 + 6);
    assert_eq!(lines[1], "so_nganh,total,1,Sở Y tế,72.8,1,kha,Khá");
    assert_eq!(lines[2], "so_nganh,ha_tang,1,Sở Y tế,7,1,,");
    assert_eq!(lines[7], "so_nganh,chinh_sach,1,Sở Y tế,8,1,,");
}
