//! Rule files: the embedded default, bands, located validation errors, pattern matching, and
//! robustness against garbage input.

use std::path::{Path, PathBuf};

use ttdt::rules::{
    self, AgeUnit, DEFAULT_RULES_NAME, DEFAULT_RULES_YAML, Feature, Pattern, RuleError, RuleSet,
};
use ttdt::text::fold;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/rules")
        .join(name)
}

/// Errors of a bad file in `tests/data/rules`, as (line, column, message).
fn errors(name: &str) -> Vec<(usize, usize, String)> {
    let path = data(name);
    match rules::load_file(&path) {
        Ok(_) => panic!("{name} should be rejected"),
        Err(errs) => {
            for e in &errs {
                assert_eq!(e.file, path.display().to_string());
            }
            errs.into_iter()
                .map(|e| (e.line, e.column, e.message))
                .collect()
        }
    }
}

/// Exactly one error, at (line, column), whose message contains `needle`.
fn assert_one(name: &str, line: usize, column: usize, needle: &str) {
    let errs = errors(name);
    assert_eq!(errs.len(), 1, "{name}: expected one error, got {errs:#?}");
    let (l, c, m) = &errs[0];
    assert_eq!((*l, *c), (line, column), "{name}: wrong location for {m:?}");
    assert!(
        m.contains(needle),
        "{name}: {m:?} does not mention {needle:?}"
    );
}

fn default() -> RuleSet {
    rules::default_rules()
}

// ---- the embedded default ----------------------------------------------------------------

#[test]
fn embedded_default_loads_with_the_eleven_groups() {
    let rs = default();
    assert_eq!(rs.id, "sonla-2017");
    assert!(!rs.title.is_empty());
    assert!(rs.source.contains("2166"));
    assert_eq!(rs.total, 100.0);
    let groups: Vec<(&str, f64)> = rs.groups.iter().map(|g| (g.id.as_str(), g.max)).collect();
    assert_eq!(
        groups,
        [
            ("gioi_thieu", 10.0),
            ("tin_tuc", 15.0),
            ("pho_bien_phap_luat", 8.0),
            ("chi_dao_dieu_hanh", 12.0),
            ("quy_hoach_ke_hoach", 8.0),
            ("van_ban_phap_luat", 10.0),
            ("du_an_dau_thau", 7.0),
            ("dich_vu_cong", 12.0),
            ("lay_y_kien", 8.0),
            ("chuc_nang_ho_tro", 5.0),
            ("quy_dinh_khac", 5.0),
        ]
    );
    for g in &rs.groups {
        let sum: f64 = g.criteria.iter().map(|c| c.points).sum();
        assert!((sum - g.max).abs() < 1e-9, "{}", g.id);
        assert!(
            g.criteria.len() >= 2,
            "{} should be split into criteria",
            g.id
        );
        for c in &g.criteria {
            assert!(!c.fix.trim().is_empty(), "{} has no fix", c.id);
            assert!(!c.evidence.is_empty(), "{} has no evidence", c.id);
            assert!(
                c.id.starts_with(&g.id),
                "{} is not prefixed by its group",
                c.id
            );
        }
    }
    let bands: Vec<(&str, &str, f64)> = rs
        .bands
        .iter()
        .map(|b| (b.id.as_str(), b.label.as_str(), b.min))
        .collect();
    assert_eq!(
        bands,
        [
            ("tot", "Tốt", 80.0),
            ("kha", "Khá", 65.0),
            ("trung_binh", "Trung bình", 50.0),
            ("yeu", "Yếu", 0.0)
        ]
    );
}

#[test]
fn file_on_disk_is_the_embedded_default() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_RULES_NAME);
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert_eq!(on_disk, DEFAULT_RULES_YAML);
    let rs = rules::load_file(&path).unwrap();
    assert_eq!(rs.sha256, default().sha256);
    assert_eq!(rs.sha256.len(), 64);
    // the hash names the exact bytes
    let other = rules::load_str(&format!("{DEFAULT_RULES_YAML}\n# edited\n"), "x").unwrap();
    assert_ne!(other.sha256, rs.sha256);
}

#[test]
fn freshness_and_completeness_only_on_dated_sections() {
    let rs = default();
    let mut fresh = Vec::new();
    let mut complete = Vec::new();
    for (_, c) in rs
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter().map(move |c| (g, c)))
    {
        if let Some(f) = &c.freshness {
            fresh.push(c.id.as_str());
            assert!(!f.steps.is_empty());
        }
        if c.completeness.is_some() {
            complete.push(c.id.as_str());
        }
    }
    assert_eq!(
        fresh,
        [
            "tin_tuc_cap_nhat",
            "pho_bien_phap_luat_cap_nhat",
            "chi_dao_dieu_hanh_cap_nhat",
            "chi_dao_dieu_hanh_lich_cap_nhat",
            "quy_hoach_ke_hoach_cap_nhat",
            "van_ban_phap_luat_cap_nhat",
            "du_an_dau_thau_cap_nhat",
        ]
    );
    assert_eq!(complete, ["tin_tuc_so_luong"]);

    let (_, news) = rs.criterion("tin_tuc_cap_nhat").unwrap();
    let f = news.freshness.as_ref().unwrap();
    assert_eq!(f.unit, AgeUnit::WorkingDays);
    let steps: Vec<(u32, f64)> = f.steps.iter().map(|s| (s.within, s.factor)).collect();
    assert_eq!(steps, [(5, 1.0), (20, 0.5)]);
    let (_, law) = rs.criterion("pho_bien_phap_luat_cap_nhat").unwrap();
    assert_eq!(law.freshness.as_ref().unwrap().steps[0].within, 15);
}

#[test]
fn public_services_external_portal_earns_half() {
    let rs = default();
    let (g, c) = rs.criterion("dich_vu_cong_truy_cap").unwrap();
    assert_eq!(g.id, "dich_vu_cong");
    assert_eq!(c.external_factor, 0.5);
    assert!(
        c.points < g.max,
        "the portal link alone must not earn the whole group"
    );
    let hosts = &c.evidence.link_host;
    let any = |h: &str| hosts.iter().any(|p| p.matches_host(h));
    assert!(any("dichvucong.gov.vn"));
    assert!(any("dichvucong.sonla.gov.vn"));
    assert!(!any("dichvucongsonla.gov.vn"));
    assert!(!any("sonla.gov.vn"));
    let text = |t: &str| {
        c.evidence
            .link_text
            .iter()
            .any(|p| p.matches_folded(&fold(t)))
    };
    assert!(text("Dịch vụ công trực tuyến"));
    // every other criterion earns full points from whatever proves it
    let others = rs
        .groups
        .iter()
        .flat_map(|g| &g.criteria)
        .filter(|c| c.external_factor != 1.0)
        .count();
    assert_eq!(others, 1);
}

#[test]
fn support_functions_use_features() {
    let rs = default();
    let feat = |id: &str| rs.criterion(id).unwrap().1.evidence.features.clone();
    assert_eq!(feat("chuc_nang_ho_tro_tim_kiem"), [Feature::SearchForm]);
    assert_eq!(feat("chuc_nang_ho_tro_so_do_site"), [Feature::SitemapXml]);
    assert_eq!(feat("chuc_nang_ho_tro_rss"), [Feature::Feed]);
}

// ---- bands ---------------------------------------------------------------------------------

#[test]
fn band_boundaries() {
    let rs = default();
    for (score, band) in [
        (100.0, "tot"),
        (80.0, "tot"),
        (79.9, "kha"),
        (65.0, "kha"),
        (64.99, "trung_binh"),
        (50.0, "trung_binh"),
        (49.9, "yeu"),
        (0.0, "yeu"),
        (-1.0, "yeu"),
    ] {
        assert_eq!(rs.band_for(score).id, band, "score {score}");
    }
    assert_eq!(rs.band_for(81.0).label, "Tốt");
}

// ---- located errors, one kind per file --------------------------------------------------

#[test]
fn syntax_error_is_located() {
    // line 17 opens a flow list that is never closed; the parser notices on line 18
    assert_one("syntax.yaml", 18, 9, "YAML syntax");
}

#[test]
fn duplicate_mapping_key() {
    assert_one("duplicate_key.yaml", 4, 1, "duplicate mapping key: title");
}

#[test]
fn unknown_key_points_at_the_key() {
    assert_one("unknown_key.yaml", 18, 9, "unknown key `fixx`");
    assert!(
        errors("unknown_key.yaml")[0]
            .2
            .contains("did you mean `fix`")
    );
}

#[test]
fn wrong_type_points_at_the_value() {
    assert_one("wrong_type.yaml", 15, 17, "points must be a number");
}

#[test]
fn missing_field_points_at_the_mapping() {
    assert_one("missing_field.yaml", 13, 9, "missing required field `fix`");
}

#[test]
fn duplicate_group_id() {
    let errs = errors("duplicate_group.yaml");
    let located: Vec<(usize, usize)> = errs.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(located, [(4, 8), (26, 9)]);
    assert!(
        errs[0]
            .2
            .contains("group maxima add up to 11, but total is 10")
    );
    assert!(
        errs[1]
            .2
            .contains("duplicate group id `tin_tuc` (first used at line 9)")
    );
}

#[test]
fn duplicate_criterion_id_across_groups() {
    assert_one(
        "duplicate_criterion.yaml",
        30,
        13,
        "duplicate criterion id `tin_tuc_co` (first used at line 13)",
    );
}

#[test]
fn criteria_must_add_up_to_the_group_max() {
    assert_one(
        "points_sum.yaml",
        11,
        10,
        "add up to 9.5 points, but its max is 10",
    );
}

#[test]
fn groups_must_add_up_to_the_total() {
    assert_one(
        "total_sum.yaml",
        4,
        8,
        "group maxima add up to 10, but total is 100",
    );
}

#[test]
fn bands_must_descend() {
    assert_one("bands_order.yaml", 7, 34, "strictly descending");
}

#[test]
fn bands_need_a_zero_floor() {
    assert_one("bands_no_zero.yaml", 7, 34, "lowest band must have min 0");
}

#[test]
fn band_ids_are_unique() {
    assert_one("bands_duplicate.yaml", 7, 10, "duplicate band id `tot`");
}

#[test]
fn freshness_steps_ascend() {
    assert_one(
        "freshness_order.yaml",
        23,
        84,
        "ascending order of `within`: 3 follows 5",
    );
}

#[test]
fn freshness_factor_in_range() {
    assert_one(
        "freshness_factor.yaml",
        23,
        69,
        "between 0 and 1, found 1.5",
    );
}

#[test]
fn bad_regex_points_at_the_pattern() {
    assert_one("bad_regex.yaml", 17, 34, "bad regex `tin (tuc`");
}

#[test]
fn bad_host_glob() {
    assert_one("bad_host.yaml", 22, 32, "label `*gov`");
}

#[test]
fn empty_evidence() {
    assert_one(
        "empty_evidence.yaml",
        16,
        19,
        "empty evidence in criterion `tin_tuc_co`",
    );
}

#[test]
fn points_must_be_positive() {
    assert_one("points_zero.yaml", 15, 17, "points must be greater than 0");
}

#[test]
fn external_factor_in_range() {
    assert_one(
        "external_factor.yaml",
        23,
        26,
        "external_factor must be between 0 and 1",
    );
}

#[test]
fn page_function_is_a_boolean() {
    assert_one(
        "page_function.yaml",
        23,
        24,
        "page_function must be true or false, found",
    );
    let rs = default();
    let (_, print) = rs.criterion("chuc_nang_ho_tro_in_luu").unwrap();
    assert!(print.page_function);
    let (_, news) = rs.criterion("tin_tuc_chuyen_muc").unwrap();
    assert!(!news.page_function);
}

/// Names of no group are patterns like any other: a bad one is reported where it is written,
/// and the good ones load.
#[test]
fn no_section_names_are_checked_patterns() {
    assert_one("no_section.yaml", 8, 28, "bad regex `tin (tuc`");
    let rs = default();
    assert!(rs.no_section.iter().any(|p| p.raw == "tuyển dụng"));
}

#[test]
fn top_level_list_and_empty_file() {
    assert_one("top_list.yaml", 2, 1, "must be a mapping");
    assert_one("empty.yaml", 1, 1, "empty");
}

#[test]
fn invalid_utf8_is_located() {
    // line 2: `title: "Một ` is 12 characters, then the bad byte
    assert_one("not_utf8.yaml", 2, 13, "UTF-8");
}

#[test]
fn missing_file() {
    let errs = rules::load_file(&data("does-not-exist.yaml")).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.contains("cannot read"));
}

#[test]
fn several_errors_are_all_reported_in_order() {
    let errs = errors("several.yaml");
    let got: Vec<(usize, usize)> = errs.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(
        got,
        [
            (4, 8),   // total 12 but groups add up to 10
            (6, 37),  // unknown key `colour` in a band
            (15, 17), // points -4
            (17, 23), // regex `[`
            (17, 31), // `---` is empty after folding
            (22, 55), // unknown feature `rss`
            (23, 84), // steps 5 then 2
            (24, 57), // window_days 0
        ],
        "{errs:#?}"
    );
    let text = rules::format_errors(&rules::load_file(&data("several.yaml")).unwrap_err());
    assert!(text.ends_with("8 errors\n"), "{text}");
    assert!(
        text.contains("several.yaml:6:37: unknown key `colour`"),
        "{text}"
    );
}

#[test]
fn minimal_file_is_valid_and_check_report_says_so() {
    let (ok, text) = rules::check_report(&data("minimal.yaml"));
    assert!(ok, "{text}");
    assert!(text.contains("OK"));
    let (ok, text) = rules::check_report(&data("several.yaml"));
    assert!(!ok);
    assert!(text.lines().count() == 9, "{text}");
}

#[test]
fn error_display_is_file_line_column_reason() {
    let e = RuleError {
        file: "r.yaml".into(),
        line: 3,
        column: 7,
        message: "bad".into(),
    };
    assert_eq!(e.to_string(), "r.yaml:3:7: bad");
}

#[test]
fn anchors_and_aliases_work_and_nulls_mean_absent() {
    let y = r#"
id: a
title: t
total: 2
bands: [{id: yeu, label: "Yếu", min: 0}]
groups:
  - id: g
    name: G
    max: 2
    criteria:
      - id: c1
        name: n
        points: 1
        evidence: &ev {link_text: ["tin tức"]}
        freshness: ~
        fix: f
      - id: c2
        name: n
        points: 1
        evidence: *ev
        external_factor:
        fix: f
"#;
    let rs = rules::load_str(y, "a.yaml").unwrap();
    let c2 = &rs.groups[0].criteria[1];
    assert!(c2.evidence.link_text[0].matches_folded("tin tuc"));
    assert_eq!(c2.external_factor, 1.0);
    assert!(rs.groups[0].criteria[0].freshness.is_none());
}

// ---- matching ------------------------------------------------------------------------------

fn p(s: &str) -> Pattern {
    Pattern::parse(s).unwrap()
}

#[test]
fn matching_folds_case_diacritics_and_nfd() {
    use unicode_normalization::UnicodeNormalization;
    let pat = p("lịch công tác");
    assert!(pat.matches_folded(&fold("Lịch Công Tác")));
    let nfd: String = "Lịch Công Tác".nfd().collect();
    assert_ne!(nfd.as_str(), "Lịch Công Tác");
    assert!(pat.matches_folded(&fold(&nfd)));
    assert!(pat.matches_url("/lich-cong-tac/tuan-35"));
    assert!(pat.matches_url("/LichCongTac.aspx"));
    assert!(!pat.matches_folded(&fold("Lịch công")));

    // the default rules carry it
    let rs = default();
    let (_, c) = rs.criterion("chi_dao_dieu_hanh_lich_cong_tac").unwrap();
    assert!(
        c.evidence
            .link_text
            .iter()
            .any(|p| p.matches_folded(&fold(&nfd)))
    );
}

#[test]
fn slug_without_d_matches_dau_thau() {
    let url = "/web/so-tu-phap/thong-tin-au-thau";
    assert!(p("đấu thầu").matches_url(url));
    assert!(!p("đấu thầu").matches_folded(&fold("thông tin ấu thầu")));
    let rs = default();
    let (_, c) = rs.criterion("du_an_dau_thau_chuyen_muc").unwrap();
    assert!(c.evidence.url.iter().any(|p| p.matches_url(url)));
    assert!(
        c.evidence
            .url
            .iter()
            .any(|p| p.matches_url("https://x.gov.vn/dau-thau"))
    );
}

#[test]
fn sharepoint_camel_case_and_percent_encoding() {
    let tt = p("tin tức");
    assert!(tt.matches_url("/Pages/TinTuc.aspx"));
    assert!(tt.matches_url("https://moh.gov.vn/Pages/Tin%20t%E1%BB%A9c.aspx"));
    let rs = default();
    let (_, c) = rs.criterion("tin_tuc_chuyen_muc").unwrap();
    assert!(
        c.evidence
            .url
            .iter()
            .any(|p| p.matches_url("/Pages/TinTuc.aspx"))
    );
    assert!(
        c.evidence
            .url
            .iter()
            .any(|p| p.matches_url("/tintuc/Pages/default.aspx"))
    );
}

#[test]
fn word_boundaries() {
    assert!(!p("tin").matches_folded("tinh uy son la"));
    assert!(!p("tin").matches_folded("bantin"));
    assert!(!p("an toàn").matches_folded("ban toan thong tin"));
    assert!(p("an toàn").matches_folded("ban an toan thong tin"));
    assert!(p("tin").matches_folded("ban tin"));
    assert!(!p("tin tức").matches_folded("tin tucx"));
    assert!(!p("tin").matches_url("/tinh-uy/"));
    assert!(p("tin").matches_url("/ban-tin/"));
}

#[test]
fn host_globs() {
    let star = Pattern::parse_host("dichvucong.*.gov.vn").unwrap();
    assert!(star.matches_host("dichvucong.sonla.gov.vn"));
    assert!(!star.matches_host("dichvucong.gov.vn"));
    assert!(star.matches_url("https://dichvucong.sonla.gov.vn/dvc/"));
    let plain = Pattern::parse_host("dichvucong.gov.vn").unwrap();
    assert!(plain.matches_host("dichvucong.gov.vn"));
    assert!(plain.matches_host("DICHVUCONG.GOV.VN"));
    assert!(!plain.matches_host("dichvucong.gov.vn.example.com"));
    assert!(plain.is_host_glob());
    assert!(!p("x").is_host_glob());
}

#[test]
fn footer_patterns_of_the_default_rules() {
    let rs = default();
    let footer = fold(
        "Bản quyền thuộc Sở Thông tin và Truyền thông tỉnh Sơn La. Chịu trách nhiệm chính: \
         Giám đốc Sở. Địa chỉ: Tầng 5, Tòa nhà 7 tầng. ĐT: (0212) 3852 123. \
         Email: sotttt@sonla.gov.vn. Giấy phép số 08/GP-STTTT ngày 26/5/2020. \
         Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
    );
    for id in [
        "quy_dinh_khac_co_quan_chu_quan",
        "quy_dinh_khac_nguoi_chiu_trach_nhiem",
        "quy_dinh_khac_dia_chi",
        "quy_dinh_khac_dien_thoai",
        "quy_dinh_khac_email",
        "quy_dinh_khac_giay_phep",
        "quy_dinh_khac_ghi_nguon",
    ] {
        let (_, c) = rs.criterion(id).unwrap();
        assert!(
            c.evidence.footer.iter().any(|p| p.matches_folded(&footer)),
            "{id} should match the footer"
        );
    }
    // the phone regex alone
    let (_, phone) = rs.criterion("quy_dinh_khac_dien_thoai").unwrap();
    let re = phone
        .evidence
        .footer
        .iter()
        .find(|p| p.raw.starts_with("re:"))
        .unwrap();
    assert!(re.matches_folded(&fold("(0212) 3852 123")));
    assert!(!re.matches_folded(&fold("năm 2022")));
}

// ---- robustness ------------------------------------------------------------------------------

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn assert_located(result: &Result<RuleSet, Vec<RuleError>>, input: &str) {
    if let Err(errs) = result {
        assert!(!errs.is_empty(), "rejected without a reason: {input:?}");
        for e in errs {
            assert!(e.line >= 1 && e.column >= 1, "unlocated {e} for {input:?}");
        }
    }
}

#[test]
fn garbage_never_panics() {
    let mut rng = Lcg(0x7d7d);
    let fixed = [
        "",
        "\u{feff}",
        "---",
        "...",
        "~",
        "null",
        "[]",
        "{}",
        "- 1\n- 2",
        "42",
        "\"text\"",
        "id: [",
        "id: {a: 1",
        "a: b: c",
        "\t\tid: x",
        "%YAML 1.2\n---\nid: x",
        "!!binary aGVsbG8=",
        "&a [*a]",
        "*nope",
        "id: x\n---\nid: y",
        "groups: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "? [a, b]\n: c",
        "id: x\ntitle: y\ntotal: .nan\nbands: []\ngroups: []",
        "id: x\ntitle: y\ntotal: 1e400\nbands: x\ngroups: 7",
    ];
    for input in fixed {
        let r = rules::load_str(input, "g.yaml");
        assert!(r.is_err(), "{input:?}");
        assert_located(&r, input);
    }
    let deep = format!("id: {}{}", "[".repeat(50_000), "]".repeat(50_000));
    assert_located(&rules::load_str(&deep, "deep.yaml"), "deep");
    let deep_map = format!("id: {}1{}", "{a: ".repeat(10_000), "}".repeat(10_000));
    assert_located(&rules::load_str(&deep_map, "deep.yaml"), "deep map");
    let laughs = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
    assert_located(&rules::load_str(laughs, "laughs.yaml"), "laughs");

    // random bytes, read leniently
    for _ in 0..300 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let s = String::from_utf8_lossy(&bytes).into_owned();
        assert_located(&rules::load_str(&s, "r.yaml"), &s);
    }
    // random YAML-ish tokens
    let tokens = [
        "id", "groups", ":", " ", "\n", "  ", "- ", "[", "]", "{", "}", ",", "\"", "'", "#", "&a",
        "*a", "re:(", "1", "-1", "0.5", "~", "đ", "\t", "points", "evidence", "?", "|", ">",
    ];
    for _ in 0..300 {
        let n = rng.below(40);
        let s: String = (0..n).map(|_| tokens[rng.below(tokens.len())]).collect();
        assert_located(&rules::load_str(&s, "t.yaml"), &s);
    }
}

#[test]
fn mutated_default_rules_never_panic() {
    let mut rng = Lcg(2017);
    let lines: Vec<&str> = DEFAULT_RULES_YAML.lines().collect();
    for _ in 0..120 {
        let mut ls: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        for _ in 0..1 + rng.below(3) {
            let i = rng.below(ls.len());
            match rng.below(5) {
                0 => {
                    ls.remove(i);
                }
                1 => {
                    let dup = ls[i].clone();
                    ls.insert(i, dup);
                }
                2 => {
                    let l = &mut ls[i];
                    if !l.is_empty() {
                        let mut cut = rng.below(l.len());
                        while !l.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        l.truncate(cut);
                    }
                }
                3 => ls[i] = format!(" {}", ls[i]),
                _ => ls[i] = ls[i].replace(':', " "),
            }
        }
        let y = ls.join("\n");
        assert_located(&rules::load_str(&y, "m.yaml"), "mutation");
    }
}
