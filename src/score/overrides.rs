//! Auditors' decisions (the source decision's appraisal and confirmation rounds): a YAML file
//! of {agency, criterion, status or score, reason, auditor, date}, applied at scoring and shown
//! next to the machine finding.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Status;

/// One auditor decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Agency id.
    pub agency: String,
    /// Criterion id.
    pub criterion: String,
    /// Decided status; when `score` is absent, `met` gives full points and other statuses 0.
    #[serde(default)]
    pub status: Option<Status>,
    /// Decided score (0..criterion points).
    #[serde(default)]
    pub score: Option<f64>,
    /// Why.
    pub reason: String,
    /// Who.
    pub auditor: String,
    /// When.
    pub date: NaiveDate,
}

/// The overrides of a run (possibly none).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Decisions in file order; a later one for the same agency and criterion wins.
    pub overrides: Vec<Override>,
}

impl Overrides {
    /// The decision for this agency and criterion, if any.
    pub fn find(&self, agency: &str, criterion: &str) -> Option<&Override> {
        self.overrides
            .iter()
            .rev()
            .find(|o| o.agency == agency && o.criterion == criterion)
    }
}

/// Load an overrides file. Errors name the file, line and column.
pub fn load_overrides(path: &Path) -> Result<Overrides, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let parsed: Overrides =
        serde_saphyr::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for (i, o) in parsed.overrides.iter().enumerate() {
        if o.status.is_none() && o.score.is_none() {
            return Err(format!(
                "{}: override #{} ({} / {}) needs a status or a score",
                path.display(),
                i + 1,
                o.agency,
                o.criterion
            ));
        }
        if o.score.is_some_and(|s| s.is_nan() || s < 0.0) {
            return Err(format!(
                "{}: override #{}: score must be >= 0",
                path.display(),
                i + 1
            ));
        }
    }
    Ok(parsed)
}
