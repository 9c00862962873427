//! Rule sets: YAML files under `rules/` saying which content groups a site must carry, how many
//! points each criterion is worth, what evidence counts, how freshness and completeness are
//! graded, and the bands. Loading validates everything and reports `file:line:column: reason`
//! for each error; it never panics. The default rule set is embedded in the binary.
//!
//! # File format
//!
//! ```yaml
//! id: sonla-2017                 # required; a-z, 0-9, `_`, `-`
//! title: "..."                   # required
//! source: "..."                  # optional: legal source, notes
//! total: 100                     # required; must equal the sum of the group maxima
//! bands:                         # required; highest first, strictly descending, last min 0
//!   - {id: tot, label: "Tốt", min: 80}
//!   - {id: yeu, label: "Yếu", min: 0}
//! no_section: ["tuyển dụng"]    # optional: names of content of no group; an element they name
//!                                # at least as specifically as any group's pattern is no evidence
//! groups:
//!   - id: tin_tuc                # unique in the file
//!     name: "Tin tức, sự kiện"
//!     max: 15                    # must equal the sum of its criteria's points
//!     criteria:
//!       - id: tin_tuc_cap_nhat   # unique across the whole file
//!         name: "..."
//!         points: 5              # > 0
//!         evidence:              # at least one pattern or feature; every key optional
//!           link_text: ["tin tức"]       # anchor text
//!           url: ["tin-tuc", "tintuc"]   # URL path + query
//!           heading: ["tin tức"]         # h1–h6
//!           title: []                    # <title>
//!           text: []                     # page main text
//!           footer: []                   # footer text
//!           link_host: ["dichvucong.gov.vn", "dichvucong.*.gov.vn"]  # host globs
//!           features: [search_form, feed, sitemap_xml]   # also: procedure_list,
//!                        # procedure_levels_toan_trinh, procedure_levels_muc_do, mobile_viewport
//!         freshness: {unit: working_days, steps: [{within: 5, factor: 1.0}, {within: 20, factor: 0.5}]}
//!         completeness: {items_in_window: 8, window_days: 30}
//!         external_factor: 0.5   # optional, 0..1, default 1; needs link_host. A link to the
//!                                # site's own province's DVC portal is on-site proof (full points)
//!         page_function: true    # optional, default false: the evidence is a function of a page
//!                                # (print, save), never a section or a link to one
//!         fix: "..."             # required: how to fix, in Vietnamese
//! ```
//!
//! Text patterns are plain words (folded and matched on word boundaries) or regexes over
//! folded text with the `re:` prefix; see [`Pattern`].
//!
//! # Errors and their locations
//!
//! serde-saphyr parses the text into a tree of located nodes (every node is read through its
//! [`serde_saphyr::Spanned`] wrapper, so each mapping key and value knows its line and column);
//! YAML syntax errors and duplicate keys stop there, located by the parser. The tree is then
//! read by hand, which reports *all* unknown keys, wrong types, missing fields and semantic
//! problems (sums, duplicates, order, regex syntax, ranges, empty evidence) in one pass, each at
//! the node at fault. A missing field is reported at the start of the mapping that lacks it.

mod pattern;
pub(crate) mod tree;
mod validate;

pub(crate) use validate::{Located, parse_located, yaml_error};

pub use pattern::{FoldedUrl, without_generic_lead};

use serde::{Deserialize, Serialize};

/// The rules embedded as default (`rules/sonla-2017.yaml`).
pub const DEFAULT_RULES_YAML: &str = include_str!("../../rules/sonla-2017.yaml");
/// File name shown for the embedded default.
pub const DEFAULT_RULES_NAME: &str = "rules/sonla-2017.yaml";

/// A validated rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Stable id, e.g. `sonla-2017`.
    pub id: String,
    /// Human title (Vietnamese).
    pub title: String,
    /// Legal source and notes (`source:` in the file; empty when absent).
    pub source: String,
    /// SHA-256 (hex) of the file bytes, so reports and evidence name the exact rules.
    pub sha256: String,
    /// Total of all group maxima (100 for the website rules).
    pub total: f64,
    /// Bands, highest first.
    pub bands: Vec<Band>,
    /// Names of content that belongs to no group ("Tuyển dụng", "Quy hoạch cán bộ", "Dịch vụ
    /// công ích"): a menu entry, heading or slug they name at least as specifically as any
    /// group's pattern is evidence of no section. Without them, "Thông báo tuyển dụng" would
    /// be a directives entry for its "thông báo" and "Dịch vụ công ích đô thị" an online
    /// public service for its "dịch vụ công".
    pub no_section: Vec<Pattern>,
    /// Groups in the file's order.
    pub groups: Vec<Group>,
    /// The working-day calendar its `working_days` windows are counted in: the embedded
    /// Vietnamese calendar ([`crate::calendar::WorkCalendar::vietnam`]) unless the CLI was given
    /// `--holidays FILE`.
    pub calendar: std::sync::Arc<crate::calendar::WorkCalendar>,
}

/// A band: scores `>= min` (and below the next higher band) get it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// `tot`, `kha`, `trung_binh`, `yeu`.
    pub id: String,
    /// `Tốt`, `Khá`, `Trung bình`, `Yếu`.
    pub label: String,
    /// Lower bound (inclusive). Not part of the JSON band object, which is always `{id, label}`.
    #[serde(skip_serializing, default)]
    pub min: f64,
}

/// A content group (e.g. `tin_tuc`).
#[derive(Debug, Clone)]
pub struct Group {
    /// Id from the design notes.
    pub id: String,
    /// Vietnamese name.
    pub name: String,
    /// Maximum points; equals the sum of its criteria's points.
    pub max: f64,
    /// Criteria.
    pub criteria: Vec<Criterion>,
}

/// One scored criterion.
#[derive(Debug, Clone)]
pub struct Criterion {
    /// Unique id across the file.
    pub id: String,
    /// Vietnamese name.
    pub name: String,
    /// Points when fully met.
    pub points: f64,
    /// What proves it.
    pub evidence: Evidence,
    /// How recency is graded; None = presence only.
    pub freshness: Option<Freshness>,
    /// How many recent items make it complete; None = presence only.
    pub completeness: Option<Completeness>,
    /// Factor of `points` earned when the only proof is a link to an external portal
    /// (`link_host` match), e.g. 0.5 for a menu link to dichvucong.gov.vn. Default 1.0.
    pub external_factor: f64,
    /// The evidence proves a function offered on pages (print or save an article), not a
    /// section of content: a "In bài" link or a print-version URL says nothing about which
    /// section a page is or links to, so readings of sections (the accuracy corpus's labels)
    /// leave it out. Scoring is unchanged: the match still proves the criterion. Default false.
    pub page_function: bool,
    /// "How to fix" hint shown when not met.
    pub fix: String,
}

/// Evidence patterns. Each list is OR-ed; any match proves presence.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// Anchor text of links (nav and main regions count; footer too).
    pub link_text: Vec<Pattern>,
    /// URL path/query slugs (of links and of fetched pages).
    pub url: Vec<Pattern>,
    /// Headings h1–h6 of fetched pages.
    pub heading: Vec<Pattern>,
    /// `<title>` of fetched pages.
    pub title: Vec<Pattern>,
    /// Main text of fetched pages.
    pub text: Vec<Pattern>,
    /// Footer text.
    pub footer: Vec<Pattern>,
    /// Hosts of links (external portals), e.g. `dichvucong.gov.vn`, `dichvucong.*.gov.vn`.
    pub link_host: Vec<Pattern>,
    /// Built-in detectors.
    pub features: Vec<Feature>,
}

/// Built-in detectors that are not simple text patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// A search form on the site.
    SearchForm,
    /// An RSS/Atom feed linked or served.
    Feed,
    /// An XML sitemap served (robots.txt or /sitemap.xml).
    SitemapXml,
    /// A page lists the agency's own administrative procedures (a procedure table, or list
    /// entries with a level badge); see [`crate::extract::PublicServices`].
    ProcedureList,
    /// A listed procedure states a Decree 42/2022 level: "toàn trình" or "một phần".
    ProcedureLevelsToanTrinh,
    /// A listed procedure states a Decree 43/2011 level: "mức độ 1–4".
    ProcedureLevelsMucDo,
    /// Pages declare a device-width viewport (mobile access).
    MobileViewport,
}

/// An evidence pattern, compiled at load time. Three kinds:
/// - plain words (`"tin tức"`), folded with [`crate::text::fold`] and matched on word boundaries
///   ("tin" does not match "tinh"); in URLs also without spaces (`tintuc`), split at CamelCase
///   (`TinTuc`), and with the `d` dropped from words that began with `đ` (`au-thau`);
/// - `re:` regexes over folded text;
/// - host globs (the `link_host` list), where `*` is one or more whole labels.
///
/// Build one with [`Pattern::parse`] or [`Pattern::parse_host`] (handy in other modules' tests).
#[derive(Debug, Clone)]
pub struct Pattern {
    /// As written in the file.
    pub raw: String,
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    /// Folded words, matched on word boundaries. `url_needles` are the spellings tried in
    /// URLs: the folded words, the variant with the leading `d` of words that began with `đ`
    /// dropped (slug generators that lose `đ`: `au-thau`), and both without spaces (`tintuc`).
    Words {
        folded: Box<pattern::Needle>,
        /// The words without their "và" ("pháp luật và đời sống" → "pháp luật đời sống"):
        /// sites write "Pháp luật & Đời sống" or "Pháp luật - Đời sống", which fold without it.
        without_va: Option<Box<pattern::Needle>>,
        url_needles: Vec<pattern::Needle>,
    },
    /// `re:` prefix: a regex over folded text.
    Regex(regex::Regex),
    /// `link_host` glob (`*` = one or more labels).
    HostGlob(regex::Regex),
}

/// Freshness grading in steps: the newest item's age is compared to each `within` in turn; the
/// first step it fits gives the factor; older than every step = stale (0 points).
#[derive(Debug, Clone, PartialEq)]
pub struct Freshness {
    /// Unit of `within`.
    pub unit: AgeUnit,
    /// Steps, ascending by `within`.
    pub steps: Vec<FreshnessStep>,
}

/// Unit of a freshness window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeUnit {
    /// Calendar days.
    Days,
    /// Working days: Monday–Friday less public holidays, compensatory and announced days off,
    /// plus make-up Saturdays (see [`crate::calendar`] and [`RuleSet::calendar`]).
    WorkingDays,
}

/// One freshness step.
#[derive(Debug, Clone, PartialEq)]
pub struct FreshnessStep {
    /// Age limit, inclusive.
    pub within: u32,
    /// Factor of the criterion's points, 0–1.
    pub factor: f64,
}

/// Completeness: at least `items_in_window` dated items in the last `window_days` calendar days
/// for full points; fewer gives a proportional factor.
#[derive(Debug, Clone, PartialEq)]
pub struct Completeness {
    /// Items needed.
    pub items_in_window: u32,
    /// Window length in calendar days.
    pub window_days: u32,
}

/// One problem in a rule file, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleError {
    /// File name as given.
    pub file: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// Reason.
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Load and validate rules from YAML text; `file` names it in errors. All errors found are
/// returned, not just the first.
pub fn load_str(yaml: &str, file: &str) -> Result<RuleSet, Vec<RuleError>> {
    validate::load(yaml, file)
}

/// Load and validate a rule file from disk.
pub fn load_file(path: &std::path::Path) -> Result<RuleSet, Vec<RuleError>> {
    let text = read_utf8(path, "rule file")?;
    load_str(&text, &path.display().to_string())
}

/// Read a YAML input file (`what`: "rule file", "holidays file"…) as UTF-8; an unreadable file
/// or a byte that is not UTF-8 is one located error. One reader for every YAML input, so every
/// file type reports encoding problems the same way.
pub(crate) fn read_utf8(path: &std::path::Path, what: &str) -> Result<String, Vec<RuleError>> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        vec![RuleError {
            file: name.clone(),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        }]
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = validate::line_col(e.as_bytes(), e.utf8_error().valid_up_to());
        vec![RuleError {
            file: name,
            line,
            column,
            message: format!("not valid UTF-8 (save the {what} as UTF-8)"),
        }]
    })
}

/// The embedded default rules.
pub fn default_rules() -> RuleSet {
    load_str(DEFAULT_RULES_YAML, DEFAULT_RULES_NAME).expect("embedded rules are validated by tests")
}

/// Validate a rule file for `ttdt rules check`: `(true, summary)` when it loads, else
/// `(false, one "file:line:column: reason" line per error, then a count)`.
pub fn check_report(path: &std::path::Path) -> (bool, String) {
    match load_file(path) {
        Ok(rs) => (true, rs.summary(&path.display().to_string())),
        Err(errors) => (false, format_errors(&errors)),
    }
}

/// One `file:line:column: reason` line per error, then `N error(s)`.
pub fn format_errors(errors: &[RuleError]) -> String {
    let mut out = String::new();
    for e in errors {
        out.push_str(&e.to_string());
        out.push('\n');
    }
    let n = errors.len();
    out.push_str(&format!("{n} error{}\n", if n == 1 { "" } else { "s" }));
    out
}

impl Evidence {
    /// True when no pattern and no feature is given (such a criterion could never be met).
    pub fn is_empty(&self) -> bool {
        self.link_text.is_empty()
            && self.url.is_empty()
            && self.heading.is_empty()
            && self.title.is_empty()
            && self.text.is_empty()
            && self.footer.is_empty()
            && self.link_host.is_empty()
            && self.features.is_empty()
    }
}

impl RuleSet {
    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The criterion with this id, with its group.
    pub fn criterion(&self, id: &str) -> Option<(&Group, &Criterion)> {
        self.groups
            .iter()
            .find_map(|g| g.criteria.iter().find(|c| c.id == id).map(|c| (g, c)))
    }

    /// A short human summary (for `ttdt rules check`): id, title, counts, total, bands.
    pub fn summary(&self, file: &str) -> String {
        let criteria: usize = self.groups.iter().map(|g| g.criteria.len()).sum();
        let bands: Vec<String> = self
            .bands
            .iter()
            .map(|b| format!("{} ≥{}", b.label, validate::num(b.min)))
            .collect();
        let mut out = format!(
            "{file}: OK\n{} — {}\n{} groups, {criteria} criteria, total {}\nbands: {}\nsha256: {}\n",
            self.id,
            self.title,
            self.groups.len(),
            validate::num(self.total),
            bands.join(", "),
            self.sha256,
        );
        for g in &self.groups {
            out.push_str(&format!(
                "  {:<20} {:>5}  {} ({} criteria)\n",
                g.id,
                validate::num(g.max),
                g.name,
                g.criteria.len()
            ));
        }
        out
    }

    /// The band a score falls in.
    pub fn band_for(&self, score: f64) -> &Band {
        self.bands
            .iter()
            .find(|b| score >= b.min - 1e-9)
            .unwrap_or_else(|| self.bands.last().expect("validated: at least one band"))
    }
}
