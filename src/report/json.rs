//! The JSON report: the machine contract of the design notes (`schema_version` 1). Field names
//! here and in [`crate::score`] are stable; new fields may be added, never renamed.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::rank::Ranking;
use crate::rules::RuleSet;
use crate::score::SiteScore;

/// Version of the JSON layout; bump only on incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole report: what was audited, with which rules, as of when, and the results.
/// All writers (text, Markdown, JSON) render this same value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The tool that produced the report.
    pub tool: ToolInfo,
    /// The exact rules used (the hash lets anyone recompute the scores with the same file).
    pub rules: RulesInfo,
    /// Audit reference date.
    pub as_of: NaiveDate,
    /// Run id, the start time in UTC `YYYYMMDDTHHMMSSZ`.
    pub run_id: String,
    /// Scored sites.
    pub sites: Vec<SiteScore>,
    /// Rankings per block; absent for a single-site self-check (`ttdt audit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rankings: Option<Ranking>,
    /// The crawl accepted invalid TLS certificates (`--insecure`): content behind a
    /// self-signed or expired certificate was read as if trusted. Written only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub insecure: bool,
    /// True when the run was stopped (SIGINT/SIGTERM) before every site was crawled: scores
    /// cover only what was fetched by then, and the cut sites are marked (status `partial` or
    /// `unreachable`, a `fetch_errors` entry with reason `interrupted`, groups not found
    /// `unmeasured` rather than `missing`).
    pub incomplete: bool,
    /// What stopped the run (`SIGINT`, `SIGTERM`; `interrupted` when re-scored from an archive,
    /// which does not keep the signal), when `incomplete`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interrupted_by: Option<String>,
}

/// `tool` object: `{"name": "ttdt", "version": "0.1.0"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolInfo {
    /// Always `ttdt`.
    pub name: String,
    /// [`crate::VERSION`].
    pub version: String,
}

/// `rules` object: `{"id", "title", "sha256", "holidays"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RulesInfo {
    /// Rule set id, e.g. `sonla-2017`.
    pub id: String,
    /// Rule set title.
    pub title: String,
    /// SHA-256 (hex) of the rule file.
    pub sha256: String,
    /// The working-day calendar the `working_days` deadlines were counted in: a rescore must use
    /// the same holidays file to give the same scores.
    pub holidays: HolidaysInfo,
}

/// `rules.holidays`: `{"source", "sha256"}` of the holidays file (`rules/holidays-vn.yaml`
/// embedded, or `--holidays FILE`); `sha256` is empty for the statutory defaults alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HolidaysInfo {
    /// File the announced days off came from.
    pub source: String,
    /// SHA-256 (hex) of that file.
    pub sha256: String,
}

impl ToolInfo {
    /// This build of ttdt.
    pub fn current() -> Self {
        ToolInfo {
            name: "ttdt".into(),
            version: crate::VERSION.into(),
        }
    }
}

impl From<&RuleSet> for RulesInfo {
    fn from(rules: &RuleSet) -> Self {
        RulesInfo {
            id: rules.id.clone(),
            title: rules.title.clone(),
            sha256: rules.sha256.clone(),
            holidays: HolidaysInfo {
                source: rules.calendar.source().to_string(),
                sha256: rules.calendar.sha256().to_string(),
            },
        }
    }
}

impl Report {
    /// A report by this build of ttdt with the given rules, date, run id and results.
    pub fn new(
        rules: &RuleSet,
        as_of: NaiveDate,
        run_id: impl Into<String>,
        sites: Vec<SiteScore>,
        rankings: Option<Ranking>,
    ) -> Self {
        Report {
            schema_version: SCHEMA_VERSION,
            tool: ToolInfo::current(),
            rules: rules.into(),
            as_of,
            run_id: run_id.into(),
            sites,
            rankings,
            insecure: false,
            incomplete: false,
            interrupted_by: None,
        }
    }

    /// Mark the report incomplete: the run was stopped by `why` (e.g. `SIGINT`).
    pub fn mark_incomplete(&mut self, why: &str) {
        self.incomplete = true;
        self.interrupted_by = Some(why.to_string());
    }
}

/// The report as pretty-printed JSON (the contract of the design notes).
pub fn to_json(report: &Report) -> String {
    // Pretty-printing a `Value` cannot fail: it has only string keys and no custom serialisers.
    let mut out = serde_json::to_string_pretty(&to_value(report))
        .expect("a serde_json::Value always serialises");
    out.push('\n');
    out
}

/// The report as a JSON value, with the contract's field names.
pub fn to_value(report: &Report) -> Value {
    // The report model has only string-keyed structs, so conversion cannot fail.
    serde_json::to_value(report).expect("report model serialises to JSON")
}

/// The tables of `ttdt rank --format json`, exactly
/// `{"tables": [{"block", "table": "total" | <category id>, "rows": [{"agency", "score", "rank",
/// "band": {"id", "label"}}]}]}`; rows of category tables have no `band` key.
pub fn rank_tables_json(tables: &crate::rank::tables::RankTables) -> String {
    #[derive(Serialize)]
    struct Tables<'a> {
        tables: Vec<Table<'a>>,
    }
    #[derive(Serialize)]
    struct Table<'a> {
        block: &'a str,
        table: &'a str,
        rows: Vec<Row<'a>>,
    }
    #[derive(Serialize)]
    struct Row<'a> {
        agency: &'a str,
        score: f64,
        rank: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        band: Option<&'a crate::rules::Band>,
    }
    let value = Tables {
        tables: tables
            .tables
            .iter()
            .map(|t| Table {
                block: &t.block.id,
                table: t.table_id(),
                rows: t
                    .rows
                    .iter()
                    .map(|r| Row {
                        agency: &r.agency,
                        score: r.score,
                        rank: r.rank,
                        band: r.band.as_ref(),
                    })
                    .collect(),
            })
            .collect(),
    };
    // Only string-keyed structs and finite numbers (scores are checked): cannot fail.
    let mut out = serde_json::to_string_pretty(&value).expect("rank tables serialise to JSON");
    out.push('\n');
    out
}
