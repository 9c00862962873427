//! Findings × rules × as-of date × overrides → criterion, group and site scores with statuses and
//! bands. Also the report model: the types below serialise to the JSON contract of the design
//! notes (`schema_version` 1); keep their field names stable.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rules::Band;

/// Status of a criterion or group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Full points.
    Met,
    /// Present but incomplete (graded points).
    Partial,
    /// Present but outdated: 0 points, yet not missing.
    Stale,
    /// Not found.
    Missing,
    /// Could not look (site down, blocked, TLS, JavaScript only): 0 points, total provisional.
    Unmeasured,
}

/// Status of a whole site crawl.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteStatus {
    /// Crawled.
    Ok,
    /// Crawled, but some sections failed.
    Partial,
    /// Home page could not be fetched.
    Unreachable,
}

/// The agency a site belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyRef {
    /// Id (agencies file), e.g. `sotttt`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Block id, e.g. `so_nganh`.
    pub block: String,
}

/// A fetch that failed or gave no usable content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FetchError {
    /// URL.
    pub url: String,
    /// Stable code: `timeout`, `reset`, `dns`, `tls`, `too_large`, `redirect_loop`, `http_4xx`,
    /// `http_5xx`, `robots`, …
    pub reason: String,
    /// Human detail.
    pub detail: String,
}

/// One piece of evidence behind a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRef {
    /// Page URL.
    pub url: String,
    /// `WARC-Record-ID` of the response it rests on, when archived.
    pub record_id: Option<String>,
    /// Date of the dated item, if any.
    pub date: Option<NaiveDate>,
    /// What matched, e.g. `link "Tin tức" (nav)`.
    pub snippet: String,
}

/// An auditor's decision applied to a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedOverride {
    /// Status before the override (machine finding).
    pub machine_status: Status,
    /// Score before the override.
    pub machine_score: f64,
    /// Reason given.
    pub reason: String,
    /// Who decided.
    pub auditor: String,
    /// When.
    pub date: NaiveDate,
}

/// Score of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionScore {
    /// Criterion id.
    pub id: String,
    /// Criterion name.
    pub name: String,
    /// Points earned.
    pub score: f64,
    /// Points possible.
    pub max: f64,
    /// Status.
    pub status: Status,
    /// Why (Vietnamese).
    pub reason: String,
    /// How to fix; present when not met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// Newest dated item behind this criterion.
    pub last_updated: Option<NaiveDate>,
    /// Auditor override, if one applied.
    #[serde(rename = "override", default, skip_serializing_if = "Option::is_none")]
    pub override_: Option<AppliedOverride>,
}

/// Score of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    /// Group id.
    pub id: String,
    /// Vietnamese name.
    pub name: String,
    /// Sum of criterion scores.
    pub score: f64,
    /// Group maximum.
    pub max: f64,
    /// Status.
    pub status: Status,
    /// Newest dated item found for the group.
    pub last_updated: Option<NaiveDate>,
    /// Evidence.
    pub evidence: Vec<EvidenceRef>,
    /// Criteria.
    pub criteria: Vec<CriterionScore>,
}

/// Score of one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteScore {
    /// Agency.
    pub agency: AgencyRef,
    /// Start URL.
    pub url: String,
    /// Crawl status.
    pub status: SiteStatus,
    /// HTML pages fetched successfully.
    pub pages_fetched: usize,
    /// Failed fetches.
    pub fetch_errors: Vec<FetchError>,
    /// Total points.
    pub total: f64,
    /// Maximum.
    pub max: f64,
    /// True when some group was unmeasured.
    pub provisional: bool,
    /// Band.
    pub band: Band,
    /// Dense rank within the block (set by `rank`).
    pub rank: Option<u32>,
    /// Groups.
    pub groups: Vec<GroupScore>,
}

/// Round to one decimal the way the source decision prints scores.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

mod overrides;
mod site;

pub use overrides::{Override, Overrides, load_overrides};
pub use site::{INTERRUPTED, mark_interrupted, score_site};
