//! Loading a stored run for `ttdt rescore`: the agencies, every agency's fetch records read
//! back from its WARC file, the as-of date, the exact rules bytes and the overrides. Scoring
//! them with [`crate::audit::audit_site`] is then the same pure computation as in the live run,
//! so the same rules and as-of date give the same scores ([`LoadedRun::score`]).
//!
//! No network is touched. The agency list comes from `manifest.json` when it is readable, else
//! from the WARC files themselves (each `warcinfo` names its agency), so a run folder whose
//! manifest was lost can still be re-scored.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use super::manifest::{self, HOLIDAYS_FILE, OVERRIDES_FILE, RULES_FILE};
use super::reader::read_site_file;
use super::{Result, SnapshotError};
use crate::config::Agency;
use crate::crawl::{FetchRecord, SkippedUrl};
use crate::rules::{RuleError, RuleSet};
use crate::score::{Overrides, SiteScore};

/// One agency of a stored run, with its evidence.
#[derive(Debug, Clone)]
pub struct LoadedAgency {
    /// The agency (id, name, block, start URL, scope, extra hosts) as audited.
    pub agency: Agency,
    /// Its WARC file.
    pub warc: PathBuf,
    /// Every fetch, in crawl order, exactly as archived.
    pub records: Vec<FetchRecord>,
    /// URLs the crawl skipped.
    pub skipped: Vec<SkippedUrl>,
    /// The crawl accepted invalid TLS certificates (`--insecure`).
    pub insecure: bool,
}

/// A stored run, ready to be re-scored.
#[derive(Debug, Clone)]
pub struct LoadedRun {
    /// The run folder.
    pub dir: PathBuf,
    /// Run id.
    pub run_id: String,
    /// When the run started and finished (from the manifest, when present).
    pub started: Option<DateTime<Utc>>,
    /// End of the run.
    pub finished: Option<DateTime<Utc>>,
    /// The as-of date of the run.
    pub as_of: NaiveDate,
    /// Rule set id used by the run.
    pub rules_id: String,
    /// SHA-256 (hex) of the rules used.
    pub rules_sha256: String,
    /// The stored rules file's bytes (`rules.yaml`), when present.
    pub rules_yaml: Option<Vec<u8>>,
    /// The stored holidays file's text (`holidays.yaml`), when present: the working-day
    /// calendar the run counted its deadlines in.
    pub holidays_yaml: Option<String>,
    /// The stored overrides file's text, when the run had overrides.
    pub overrides_yaml: Option<String>,
    /// The overrides, parsed (empty when none).
    pub overrides: Overrides,
    /// False when the manifest says the evidence is incomplete.
    pub complete: bool,
    /// Agencies in run order.
    pub agencies: Vec<LoadedAgency>,
}

/// Load the run stored in `dir`. Errors name the file that could not be read; a damaged WARC
/// file is an error (run `ttdt verify` to see what is wrong).
pub fn load_run(dir: &Path) -> Result<LoadedRun> {
    let manifest = manifest::read_manifest(dir).ok().map(|(m, _)| m);
    let warc_names: Vec<String> = match &manifest {
        Some(m) => m.agencies.iter().map(|a| a.warc.clone()).collect(),
        None => manifest::walk(dir)?
            .into_iter()
            .filter(|f| f.regular && f.rel.ends_with(".warc.gz") && !f.rel.contains('/'))
            .map(|f| f.rel)
            .collect(),
    };
    let mut agencies = Vec::new();
    let mut first_info = None;
    for name in warc_names {
        let path = dir.join(&name);
        let site = read_site_file(&path)?;
        let info = site.info.ok_or_else(|| {
            SnapshotError::format(&path, Some(0), "no ttdt warcinfo record naming the agency")
        })?;
        agencies.push(LoadedAgency {
            agency: info.agency.clone(),
            warc: path,
            records: site.records,
            skipped: site.skipped,
            insecure: info.insecure,
        });
        first_info.get_or_insert(info);
    }

    let rules_path = dir.join(RULES_FILE);
    let rules_yaml = match std::fs::read(&rules_path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(SnapshotError::io(&rules_path, e)),
    };
    let holidays_path = dir.join(HOLIDAYS_FILE);
    let holidays_yaml = match std::fs::read_to_string(&holidays_path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(SnapshotError::io(&holidays_path, e)),
    };
    let overrides_path = dir.join(OVERRIDES_FILE);
    let (overrides_yaml, overrides) = if overrides_path.exists() {
        let text = std::fs::read_to_string(&overrides_path)
            .map_err(|e| SnapshotError::io(&overrides_path, e))?;
        let parsed = crate::score::load_overrides(&overrides_path)
            .map_err(|e| SnapshotError::format(&overrides_path, None, e))?;
        (Some(text), parsed)
    } else {
        (None, Overrides::default())
    };

    let (run_id, as_of, rules_id, rules_sha256) = match (&manifest, &first_info) {
        (Some(m), _) => (
            m.run_id.clone(),
            m.as_of,
            m.rules.id.clone(),
            m.rules.sha256.clone(),
        ),
        (None, Some(i)) => (
            i.run_id.clone(),
            i.as_of,
            i.rules_id.clone(),
            i.rules_sha256.clone(),
        ),
        (None, None) => {
            return Err(SnapshotError::format(
                dir,
                None,
                "no manifest.json and no WARC file: not a snapshot folder",
            ));
        }
    };
    Ok(LoadedRun {
        dir: dir.to_path_buf(),
        run_id,
        started: manifest.as_ref().map(|m| m.started),
        finished: manifest.as_ref().map(|m| m.finished),
        as_of,
        rules_id,
        rules_sha256,
        rules_yaml,
        holidays_yaml,
        overrides_yaml,
        overrides,
        complete: manifest.as_ref().is_none_or(|m| m.complete),
        agencies,
    })
}

impl LoadedRun {
    /// The working-day calendar stored with the run (`holidays.yaml`), loaded and validated;
    /// `None` for a snapshot written before holidays files were archived (the embedded
    /// calendar then applies).
    pub fn calendar(
        &self,
    ) -> std::result::Result<Option<crate::calendar::WorkCalendar>, Vec<RuleError>> {
        let name = self.dir.join(HOLIDAYS_FILE).display().to_string();
        self.holidays_yaml
            .as_deref()
            .map(|text| crate::calendar::load_str(text, &name))
            .transpose()
    }

    /// The rules stored with the run, loaded and validated, counting working days in the
    /// stored calendar when there is one.
    pub fn rules(&self) -> std::result::Result<RuleSet, Vec<RuleError>> {
        let name = self.dir.join(RULES_FILE).display().to_string();
        match &self.rules_yaml {
            Some(bytes) => {
                let mut rules = crate::rules::load_str(&String::from_utf8_lossy(bytes), &name)?;
                if let Some(calendar) = self.calendar()? {
                    rules.calendar = std::sync::Arc::new(calendar);
                }
                Ok(rules)
            }
            None => Err(vec![RuleError {
                file: name,
                line: 0,
                column: 0,
                message: "the snapshot holds no rules file".into(),
            }]),
        }
    }

    /// Score every agency from its archived records with `rules` as of `as_of`, applying the
    /// run's stored overrides: the same computation as the live run (unranked; rank with
    /// [`crate::rank::rank_sites`] as the live run did).
    pub fn score(&self, rules: &RuleSet, as_of: NaiveDate) -> Vec<SiteScore> {
        self.agencies
            .iter()
            .map(|a| {
                let mut score = crate::audit::audit_site(
                    &a.agency.agency_ref(),
                    a.agency.url.as_str(),
                    &a.records,
                    rules,
                    as_of,
                    &self.overrides,
                );
                score.note_skipped(&a.skipped);
                if a.interrupted() {
                    crate::score::mark_interrupted(&mut score);
                }
                score
            })
            .collect()
    }

    /// True when the run was stopped (SIGINT/SIGTERM) before some agency's crawl ended: its
    /// report must say it is incomplete.
    pub fn interrupted(&self) -> bool {
        self.agencies.iter().any(LoadedAgency::interrupted)
    }
}

impl LoadedAgency {
    /// True when the archive lists this agency's crawl as cut short by a stop of the run.
    pub fn interrupted(&self) -> bool {
        self.skipped
            .iter()
            .any(|s| s.reason == crate::score::INTERRUPTED)
    }
}
