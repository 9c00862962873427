//! Accuracy of page reading, measured on the labelled corpus of `tests/data/accuracy/` (see its
//! README for the label semantics): for each part (`tuning`, then the frozen `heldout`),
//! precision and recall per group of the tuples (page, group, section) and (page, group, link),
//! of the newest publication date per page, and of "needs JavaScript". The test prints both
//! tables and fails when any precision or recall is below 0.95.
//!
//! What is predicted for a page (the same functions the audit uses):
//! - `sections`: a group whose rule matched the page's own URL, `<title>`, page-titling heading
//!   or breadcrumb (`classify::page_matches` with `where` = `url`, `title`, `h1`…`h6`,
//!   `breadcrumb`), except on the start page, which the audit knows and never takes for a
//!   section;
//! - `links`: a group whose rule matched a link to a page on the same host (`link(nav|main|
//!   footer)`; article links and other hosts are not section links);
//! - `newest_date`: `extract`'s newest publication date shown on the page (as labelled: list
//!   items, the page's own date, an article's "Tin khác" box and reader comments). Section
//!   freshness uses the stricter `newest_section_date` (an article counts its own date only),
//!   which the labels do not give;
//! - `needs_js`: `extract`'s `script_only`; such a page predicts no groups (unmeasured);
//! - a page that says it does not exist (`audit::is_soft_404`) is no section and dates nothing,
//!   as the audit records it as a failed fetch.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

/// Lowest precision and recall accepted for every group, for dates and for needs-JavaScript.
const THRESHOLD: f64 = 0.95;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    as_of: NaiveDate,
    pages: Vec<Label>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    file: String,
    url: String,
    style: String,
    kind: String,
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
    newest_date: Option<NaiveDate>,
    #[serde(default)]
    needs_js: bool,
    #[serde(default)]
    #[allow(dead_code)] // read for humans; kept so deny_unknown_fields accepts it
    note: Option<String>,
}

/// What the tool says about one page.
struct Predicted {
    sections: BTreeSet<String>,
    links: BTreeSet<String>,
    newest_date: Option<NaiveDate>,
    needs_js: bool,
}

fn predict(
    path: &Path,
    url: &str,
    kind: &str,
    as_of: NaiveDate,
    rules: &ttdt::rules::RuleSet,
) -> Predicted {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = ttdt::text::decode(&bytes, None).text;
    let url =
        url::Url::parse(url).unwrap_or_else(|e| panic!("{}: bad url {url}: {e}", path.display()));
    let facts = ttdt::extract::extract(&url, &text, as_of);
    let host = url.host_str().map(str::to_ascii_lowercase);
    let mut p = Predicted {
        sections: BTreeSet::new(),
        links: BTreeSet::new(),
        newest_date: facts.newest_date,
        needs_js: facts.script_only,
    };
    if facts.script_only {
        return p;
    }
    // A "page not found" answered with 200 is a failed fetch to the audit: it dates nothing and
    // is no section (its menu links are the template every other page shows).
    let not_found = ttdt::audit::is_soft_404(&facts);
    if not_found {
        p.newest_date = None;
    }
    // The start page is known to the audit (it is where the crawl begins), and it digests every
    // section without being one: its own URL, title and headings name no section.
    let is_home = kind == "home";
    for m in ttdt::classify::page_matches(&facts, rules) {
        let w = m.where_.as_str();
        if is_page_function(rules, &m) {
            continue;
        }
        if w == "url" || w == "title" || w == "breadcrumb" || (w.len() == 2 && w.starts_with('h')) {
            if !is_home && !not_found {
                p.sections.insert(m.group);
            }
        } else if w.starts_with("link(") {
            let same_host = m
                .target
                .as_deref()
                .and_then(|t| url::Url::parse(t).ok())
                .is_some_and(|t| t.host_str().map(str::to_ascii_lowercase) == host);
            if same_host {
                p.links.insert(m.group);
            }
        }
    }
    p
}

/// A page function ("In bài", the print version) is no section: the labels never count it as
/// one (`page_function: true` in the rule file).
fn is_page_function(rules: &ttdt::rules::RuleSet, m: &ttdt::classify::Match) -> bool {
    rules
        .criterion(&m.criterion)
        .is_some_and(|(_, c)| c.page_function)
}

/// True/false positives and false negatives of one measured quantity.
#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, expected: bool, predicted: bool) {
        match (expected, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
    }
    /// Precision; 1 when nothing was predicted (no false claim was made).
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall; 1 when nothing was expected.
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The Markdown table of one measurement, and the rows below [`THRESHOLD`].
fn render_table(heading: &str, rows: &[(String, Counts)]) -> (String, Vec<String>) {
    let mut table = String::new();
    let _ = writeln!(table, "\n### {heading}\n");
    let _ = writeln!(table, "| measure | n | precision | recall |");
    let _ = writeln!(table, "|:---|---:|---:|---:|");
    let mut below = Vec::new();
    for (name, c) in rows {
        let _ = writeln!(
            table,
            "| {name} | {} | {:.3} | {:.3} |",
            c.tp + c.fn_,
            c.precision(),
            c.recall()
        );
        if c.precision() < THRESHOLD || c.recall() < THRESHOLD {
            below.push(name.clone());
        }
    }
    (table, below)
}

/// The embedded default rules, or another rule file to compare (`TTDT_ACCURACY_RULES`).
fn rules_under_test() -> ttdt::rules::RuleSet {
    match std::env::var_os("TTDT_ACCURACY_RULES") {
        Some(path) => ttdt::rules::load_file(Path::new(&path))
            .unwrap_or_else(|e| panic!("{}: {e:?}", Path::new(&path).display())),
        None => ttdt::rules::default_rules(),
    }
}

struct PartResult {
    table: String,
    failures: Vec<String>,
    below: Vec<String>,
}

fn measure(part: &str) -> PartResult {
    // A part of the corpus by name, or any labelled folder by path (see the test below).
    let dir = if Path::new(part).is_absolute() {
        PathBuf::from(part)
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/accuracy")
            .join(part)
    };
    let labels_path = dir.join("labels.yaml");
    let yaml = std::fs::read_to_string(&labels_path)
        .unwrap_or_else(|e| panic!("{}: {e}", labels_path.display()));
    let labels: Labels =
        serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", labels_path.display()));
    let rules = rules_under_test();
    let groups: Vec<String> = rules.groups.iter().map(|g| g.id.clone()).collect();

    // Every page file is labelled, every label names a file, only known groups.
    let mut on_disk = BTreeSet::new();
    for style in std::fs::read_dir(&dir).unwrap() {
        let style = style.unwrap().path();
        if style.is_dir() {
            for f in std::fs::read_dir(&style).unwrap() {
                let f = f.unwrap().path();
                on_disk.insert(f.strip_prefix(&dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let listed: BTreeSet<String> = labels.pages.iter().map(|l| l.file.clone()).collect();
    assert_eq!(
        listed.len(),
        labels.pages.len(),
        "{part}: a file is labelled twice"
    );
    assert_eq!(
        on_disk, listed,
        "{part}: labelled files and files on disk differ"
    );

    let mut sections: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut links: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut dates = Counts::default();
    let mut js = Counts::default();
    let mut failures = Vec::new();
    let mut styles = BTreeSet::new();
    for l in &labels.pages {
        styles.insert(l.style.as_str());
        assert!(
            ["home", "section", "article", "other"].contains(&l.kind.as_str()),
            "{part}/{}: kind {}",
            l.file,
            l.kind
        );
        for g in l.sections.iter().chain(&l.links) {
            assert!(groups.contains(g), "{part}/{}: unknown group {g}", l.file);
        }
        let p = predict(&dir.join(&l.file), &l.url, &l.kind, labels.as_of, &rules);
        for g in &groups {
            let (es, ps) = (l.sections.contains(g), p.sections.contains(g));
            sections.entry(g).or_default().add(es, ps);
            let (el, pl) = (l.links.contains(g), p.links.contains(g));
            links.entry(g).or_default().add(el, pl);
            if es != ps {
                failures.push(format!(
                    "{part}/{}: section {g}: label {es}, got {ps}",
                    l.file
                ));
            }
            if el != pl {
                failures.push(format!("{part}/{}: link {g}: label {el}, got {pl}", l.file));
            }
        }
        // A date counts as right only when equal; a wrong date is both a false claim and a miss.
        match (l.newest_date, p.newest_date) {
            (Some(e), Some(d)) if e == d => dates.tp += 1,
            (Some(_), Some(_)) => {
                dates.fp += 1;
                dates.fn_ += 1;
            }
            (Some(_), None) => dates.fn_ += 1,
            (None, Some(_)) => dates.fp += 1,
            (None, None) => {}
        }
        if l.newest_date != p.newest_date {
            failures.push(format!(
                "{part}/{}: newest date: label {:?}, got {:?}",
                l.file, l.newest_date, p.newest_date
            ));
        }
        js.add(l.needs_js, p.needs_js);
        if l.needs_js != p.needs_js {
            failures.push(format!(
                "{part}/{}: needs_js: label {}, got {}",
                l.file, l.needs_js, p.needs_js
            ));
        }
    }

    let heading = format!(
        "Accuracy — `{part}` ({} pages, {} styles: {})",
        labels.pages.len(),
        styles.len(),
        styles.iter().copied().collect::<Vec<_>>().join(", ")
    );
    let mut rows: Vec<(String, Counts)> = groups
        .iter()
        .map(|g| {
            // Both kinds of evidence of a group together, as the audit uses them.
            let (s, l) = (sections[g.as_str()], links[g.as_str()]);
            let both = Counts {
                tp: s.tp + l.tp,
                fp: s.fp + l.fp,
                fn_: s.fn_ + l.fn_,
            };
            let name = format!(
                "{g} (section {}/{}, link {}/{})",
                s.tp,
                s.tp + s.fn_,
                l.tp,
                l.tp + l.fn_
            );
            (name, both)
        })
        .collect();
    rows.push(("newest date".into(), dates));
    rows.push(("needs JavaScript".into(), js));
    let (table, below) = render_table(&heading, &rows);
    PartResult {
        table,
        failures,
        below,
    }
}

/// Measure one part. Page-level failures are printed only for the tuning part: the held-out
/// part shows its table alone, so nobody tunes rules on its individual pages.
fn check(part: &str, show_failures: bool) {
    let r = measure(part);
    println!("{}", r.table);
    if show_failures {
        for f in &r.failures {
            println!("  {f}");
        }
    } else {
        println!(
            "  ({} page-level differences, not shown: held-out part)",
            r.failures.len()
        );
    }
    assert!(
        r.below.is_empty(),
        "{part}: below {THRESHOLD} in: {}\n{}",
        r.below.join(", "),
        r.table
    );
}

#[test]
fn accuracy_on_the_tuning_part() {
    check("tuning", true);
}

/// The first frozen part: written without seeing the rules, never tuned on page by page; its
/// aggregate table has been seen several times (see the closing notes of issue 6), so it is no
/// estimate. It reads ≥ 0.95 on every row since commit 5640533 and runs in CI as a guard.
#[test]
fn accuracy_on_the_held_out_part() {
    check("heldout", false);
}

/// The second frozen part: written without seeing the rules or the other parts after the first
/// held-out table had been seen; its first measurement is the honest estimate (issue 6 note).
#[test]
#[ignore = "held-out accuracy is below 0.95 (issue 6 open); run with --ignored"]
fn accuracy_on_the_second_held_out_part() {
    check("heldout2", false);
}

/// The third frozen part (two writers who saw neither the rules nor any other part): measured
/// once after the tuning of its session (commit 11dbb00; table in the issue 6 closing note). Two
/// rows were below 0.95; rules changed afterwards (budget disclosure read per criteria.md G7),
/// so later runs of this part are no longer an unbiased estimate. It reads ≥ 0.95 on every row
/// since commit 5640533 and runs in CI as a guard.
#[test]
fn accuracy_on_the_third_held_out_part() {
    check("heldout3", false);
}

/// The fourth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the third part's table had been seen and measured once, after all tuning
/// (commit 8bbd4c9): the honest estimate of issue 6 (closing note).
#[test]
#[ignore = "held-out accuracy is below 0.95 on two rows (issue 6 open); run with --ignored"]
fn accuracy_on_the_fourth_held_out_part() {
    check("heldout4", false);
}

/// Any folder labelled like the corpus (`labels.yaml` and `<style>/<page>.html`), given by
/// absolute path in `TTDT_ACCURACY_DIR`: an appraiser can label pages of their own province and
/// measure the rules on them (with their own rule file in `TTDT_ACCURACY_RULES`, which every
/// test of this file honours). Page-level differences are printed.
#[test]
#[ignore = "needs TTDT_ACCURACY_DIR=/absolute/path/to/labelled/folder"]
fn accuracy_on_a_labelled_folder() {
    let dir = std::env::var("TTDT_ACCURACY_DIR")
        .expect("set TTDT_ACCURACY_DIR to an absolute path of a labelled folder");
    check(&dir, true);
}

/// The fifth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the fourth part's table had been seen and measured once, after all tuning
/// (commit a314d10): the final estimate of issue 6 (closing note). Re-run (not a fresh
/// measurement: its aggregate tables had been seen) with the rules of commit e8419c5, every
/// row ≥ 0.95: it runs in CI as a guard.
#[test]
fn accuracy_on_the_fifth_held_out_part() {
    check("heldout5", false);
}

/// The sixth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the fifth part's table had been seen, measured once after all tuning of its
/// session (commit 26a02a2): every row ≥ 0.95. It runs in CI.
#[test]
fn accuracy_on_the_sixth_held_out_part() {
    check("heldout6", false);
}

/// A list of menu-entry labels, each with the group an appraiser gives it (or none): the names
/// real portals use, many more than the pages can hold. See `names/README.md`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Names {
    entries: Vec<NameEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameEntry {
    label: String,
    group: Option<String>,
    #[serde(default)]
    #[allow(dead_code)] // read for humans; kept so deny_unknown_fields accepts it
    note: Option<String>,
}

/// Each label as the one entry of a start page's menu, with a neutral address (`/muc/1`), so
/// only its words decide: precision and recall per group of (label, group).
fn measure_names(file: &Path) -> PartResult {
    let yaml = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let names: Names =
        serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let rules = rules_under_test();
    let groups: Vec<String> = rules.groups.iter().map(|g| g.id.clone()).collect();
    let home = url::Url::parse("https://so.example.gov.vn/").unwrap();
    let target = "https://so.example.gov.vn/muc/1";
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let mut counts: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut failures = Vec::new();
    for e in &names.entries {
        if let Some(g) = &e.group {
            assert!(groups.contains(g), "{}: unknown group {g}", file.display());
        }
        let html = format!(
            "<html><head><title>Trang chủ</title></head><body><nav><ul><li><a href=\"/\">Trang \
             chủ</a></li><li><a href=\"/muc/1\">{}</a></li></ul></nav><main><p>Nội dung</p>\
             </main></body></html>",
            html_escape(&e.label)
        );
        let facts = ttdt::extract::extract(&home, &html, as_of);
        let predicted: BTreeSet<String> = ttdt::classify::page_matches(&facts, &rules)
            .into_iter()
            // A menu entry's own group: page functions ("In bài viết") count here, as the
            // support function they are.
            .filter(|m| m.where_.starts_with("link(") && m.target.as_deref() == Some(target))
            .map(|m| m.group)
            .collect();
        for g in &groups {
            let (expected, got) = (e.group.as_ref() == Some(g), predicted.contains(g));
            counts.entry(g).or_default().add(expected, got);
        }
        let expected: BTreeSet<String> = e.group.iter().cloned().collect();
        if predicted != expected {
            failures.push(format!(
                "{:?}: label {expected:?}, got {predicted:?}",
                e.label
            ));
        }
    }
    let none = names.entries.iter().filter(|e| e.group.is_none()).count();
    let heading = format!(
        "Menu names — `{}` ({} labels, {none} of no group)",
        file.file_name().unwrap().to_string_lossy(),
        names.entries.len()
    );
    let rows: Vec<(String, Counts)> = groups
        .iter()
        .map(|g| (g.clone(), counts[g.as_str()]))
        .collect();
    let (table, below) = render_table(&heading, &rows);
    PartResult {
        table,
        failures,
        below,
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Every list of menu names under `names/` (tuning data: its failures are printed).
#[test]
fn accuracy_on_the_menu_names() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/accuracy/names");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|f| f.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no name lists in {}", dir.display());
    let mut below = Vec::new();
    for f in &files {
        let r = measure_names(f);
        println!("{}", r.table);
        for x in &r.failures {
            println!("  {x}");
        }
        below.extend(r.below.into_iter().map(|b| format!("{}: {b}", f.display())));
    }
    assert!(
        below.is_empty(),
        "below {THRESHOLD} in: {}",
        below.join(", ")
    );
}

/// The seventh frozen part (two more writers who saw neither the rules nor any other part),
/// written while the sixth waited unmeasured, measured once with it (commit 26a02a2): three
/// rows below 0.95 (`pho_bien_phap_luat` and `quy_dinh_khac` precision, date recall); a second
/// look with the final rules (4668f92) still misses two (`quy_dinh_khac` precision 0.906, date
/// recall 0.946).
#[test]
#[ignore = "held-out accuracy is below 0.95 on two rows (issue 6 open); run with --ignored"]
fn accuracy_on_the_seventh_held_out_part() {
    check("heldout7", false);
}

/// The eighth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the sixth and seventh had been measured, measured once with the final rules of
/// its session (commit 4668f92): every row ≥ 0.95. It runs in CI.
#[test]
fn accuracy_on_the_eighth_held_out_part() {
    check("heldout8", false);
}

/// The ninth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the eighth had been measured, measured once with the final rules (commit
/// 5640533): every group ≥ 0.98, but date recall 0.930. Re-run (not a fresh measurement)
/// with the rules of commit e8419c5, every row ≥ 0.95 (date recall 0.965): it runs in CI as a
/// guard.
#[test]
fn accuracy_on_the_ninth_held_out_part() {
    check("heldout9", false);
}

/// The tenth frozen part (two more writers who saw neither the rules nor any other part),
/// written while tuning batch 15 was written, measured once after the tuning of batches 15–18
/// (commit 8e9c549): `van_ban_phap_luat` precision 0.932 and date recall 0.947, every other row
/// ≥ 0.95.
#[test]
#[ignore = "held-out accuracy is below 0.95 on two rows (issue 6 open); run with --ignored"]
fn accuracy_on_the_tenth_held_out_part() {
    check("heldout10", false);
}

/// The eleventh frozen part (two more writers who saw neither the rules nor any other part),
/// written while tuning batch 17 was written, measured once after the tuning of batches 15–18
/// (commit 8e9c549): every row ≥ 0.95. It runs in CI.
#[test]
fn accuracy_on_the_eleventh_held_out_part() {
    check("heldout11", false);
}

/// The twelfth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the tenth and eleventh had been measured, measured once after the tuning of
/// batch 19 (commit 6944ffb): `quy_dinh_khac` link recall 43/51 (0.846), every other row ≥ 0.95
/// (dates 0.982 / 0.982).
#[test]
#[ignore = "held-out quy_dinh_khac recall is below 0.95 (issue 6 open); run with --ignored"]
fn accuracy_on_the_twelfth_held_out_part() {
    check("heldout12", false);
}

/// The thirteenth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the twelfth had been measured, measured once after the tuning of batch 20 and
/// name lists n4/n5 (commit 427573e): `pho_bien_phap_luat` P 0.943, `lay_y_kien` link recall
/// 0.931 and dates 0.929 / 0.929, every other row 1.000.
#[test]
#[ignore = "held-out accuracy is below 0.95 on three rows (issue 6 open); run with --ignored"]
fn accuracy_on_the_thirteenth_held_out_part() {
    check("heldout13", false);
}

/// The fourteenth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the thirteenth had been measured, measured once after the tuning of batch 21
/// (commit 7aee670): `lay_y_kien` precision 0.918, every other row ≥ 0.95 (dates 0.982).
#[test]
#[ignore = "held-out lay_y_kien precision is below 0.95 (issue 6 open); run with --ignored"]
fn accuracy_on_the_fourteenth_held_out_part() {
    check("heldout14", false);
}

/// The fifteenth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the fourteenth had been measured, measured once after the tuning of batch 22
/// (commit 61c989a): every row ≥ 0.95 (lowest `du_an_dau_thau` recall 0.966, dates 0.982). It
/// runs in CI.
#[test]
fn accuracy_on_the_fifteenth_held_out_part() {
    check("heldout15", false);
}

/// The sixteenth frozen part (two more writers who saw neither the rules nor any other part),
/// written after the fifteenth had been measured, measured once after the tuning of batch 23
/// (commit 7d668f5): `quy_hoach_ke_hoach` link recall 0.931, every other row ≥ 0.95 (dates
/// 1.000 / 1.000).
#[test]
#[ignore = "held-out quy_hoach_ke_hoach recall is below 0.95 (issue 6 open); run with --ignored"]
fn accuracy_on_the_sixteenth_held_out_part() {
    check("heldout16", false);
}

/// The seventeenth frozen part: one part of 199 pages by six new writers who saw neither the
/// rules nor any other part (24 sites, every style three times), planned before it was written
/// (commit d7f40a1) so that one site's unknown name cannot decide a row. Measured once, after
/// its session's tuning (commit e8419c5): every row ≥ 0.95 (lowest `pho_bien_phap_luat` link
/// recall 0.965, 152 of 158; dates 0.971 / 0.971). It runs in CI.
#[test]
fn accuracy_on_the_seventeenth_held_out_part() {
    check("heldout17", false);
}

/// The eighteenth frozen part: 194 pages by six new writers, planned (commit ce58832) as a
/// replication of the seventeenth with the rules unchanged since, measured once at commit
/// 798a243: every row ≥ 0.95 (lowest: newest date 0.981 / 0.981). It runs in CI.
#[test]
fn accuracy_on_the_eighteenth_held_out_part() {
    check("heldout18", false);
}
