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
    /// Stable code: `timeout`, `reset`, `connect`, `dns`, `tls`, `too_large`, `redirect_loop`,
    /// `too_many_redirects`, `other` (from [`crate::crawl::FailReason`]), `http_4xx`, `http_5xx`,
    /// `blocked` (403), `soft_404`, `robots`, `trap`.
    pub reason: String,
    /// Human detail.
    pub detail: String,
}

/// A page not written in Unicode, which the law requires (TCVN 6909:2001).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NonUnicodePage {
    /// Page URL.
    pub url: String,
    /// The legacy encoding found: `TCVN3` (ABC fonts), `windows-1258`, …
    pub encoding: String,
    /// Always [`crate::text::NOT_UNICODE_NOTE`]: "không dùng Unicode TCVN 6909".
    pub note: String,
}

/// URLs the crawl did not fetch, or fetched without following their links, for one reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedCount {
    /// The reason code of [`crate::crawl::SkippedUrl`]: `robots`, `max_pages`, `max_depth`,
    /// `query_variants`, `duplicate_content`, `slow_down`, …
    pub reason: String,
    /// How many URLs.
    pub count: usize,
    /// The first few of them.
    pub examples: Vec<String>,
}

/// Skip reasons that are trap guards: each also becomes a `trap` entry of `fetch_errors`.
const TRAP_REASONS: &[(&str, &str)] = &[
    (
        "query_variants",
        "too many distinct query strings on one path (calendar or permutation trap)",
    ),
    (
        "duplicate_content",
        "pages repeating an earlier page's text; their links were not followed",
    ),
];

/// Examples kept per skip reason.
const SKIPPED_EXAMPLES: usize = 5;

/// Pages listed in `non_unicode_pages` at most.
pub const MAX_NON_UNICODE_LISTED: usize = 20;

impl SiteScore {
    /// Record what the crawl cut off: `skipped` counts every reason, and each trap guard that
    /// fired adds one `trap` entry to `fetch_errors`. The site's status is not changed: a trap
    /// cut off is the crawler protecting itself, not a section that could not be read.
    pub fn note_skipped(&mut self, skipped: &[crate::crawl::SkippedUrl]) {
        let mut counts: Vec<SkippedCount> = Vec::new();
        for s in skipped {
            match counts.iter_mut().find(|c| c.reason == s.reason) {
                Some(c) => {
                    c.count += 1;
                    if c.examples.len() < SKIPPED_EXAMPLES {
                        c.examples.push(s.url.clone());
                    }
                }
                None => counts.push(SkippedCount {
                    reason: s.reason.clone(),
                    count: 1,
                    examples: vec![s.url.clone()],
                }),
            }
        }
        for c in &counts {
            if let Some((_, what)) = TRAP_REASONS.iter().find(|(r, _)| *r == c.reason) {
                self.fetch_errors.push(FetchError {
                    url: c.examples[0].clone(),
                    reason: "trap".into(),
                    detail: format!("{} URL(s) cut off ({}): {what}", c.count, c.reason),
                });
            }
        }
        self.skipped = counts;
    }
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
    /// For criteria judged on dates: which date signal `last_updated` comes from, why, and the
    /// other signals seen (sitemap, feed, `Last-Modified`…), with the ignored ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freshness: Option<crate::freshness::Freshness>,
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
    /// Online public services found on the site (portal links, procedures counted, levels),
    /// on the group that scores them (see [`services_group`]); absent elsewhere and when the
    /// site could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_services: Option<crate::extract::PublicServicesSummary>,
}

/// The group that carries the public-services summary: the first group with a criterion using
/// a public-service feature (`procedure_list`, `procedure_levels_*`), else the group with id
/// `dich_vu_cong`.
pub fn services_group(rules: &crate::rules::RuleSet) -> Option<&str> {
    use crate::rules::Feature;
    let uses = |g: &crate::rules::Group| {
        g.criteria.iter().any(|c| {
            c.evidence.features.iter().any(|f| {
                matches!(
                    f,
                    Feature::ProcedureList
                        | Feature::ProcedureLevelsToanTrinh
                        | Feature::ProcedureLevelsMucDo
                )
            })
        })
    };
    rules
        .groups
        .iter()
        .find(|g| uses(g))
        .or_else(|| rules.groups.iter().find(|g| g.id == "dich_vu_cong"))
        .map(|g| g.id.as_str())
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
    /// Pages not in Unicode (TCVN 6909), at most [`MAX_NON_UNICODE_LISTED`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub non_unicode_pages: Vec<NonUnicodePage>,
    /// What the crawl cut off and why (robots.txt, budgets, trap guards), by reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedCount>,
}

/// Round to one decimal the way the source decision prints scores.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

mod overrides;
mod site;

pub use overrides::{Override, Overrides, load_overrides};
pub use site::{INTERRUPTED, mark_interrupted, score_site};
