//! Writing a whole run folder and its `manifest.json`.
//!
//! # Layout of a snapshot (run folder)
//! ```text
//! <run>/
//!   <agency-id>.warc.gz   one per agency: WARC/1.1, one gzip member per record
//!   index.cdxj            every record of every WARC file, sorted (see `cdxj`)
//!   findings.json         the run's JSON report (schema_version 1); evidence names record ids
//!   rules.yaml            the exact rules file used (its SHA-256 is in findings and manifest)
//!   holidays.yaml         the working-day calendar's holidays file (its SHA-256 is in findings)
//!   overrides.yaml        the auditors' overrides, when the run had any
//!   report.<ext>          the CLI's report, when written before the manifest
//!   manifest.json         size + SHA-256 of every file above, run metadata, hash chain
//!   manifest.sig          optional: ed25519 signature of manifest.json (see `verify::sign`)
//! ```
//! `manifest.json` lists every regular file under the folder (recursively, `/`-separated paths)
//! except itself and `manifest.sig`, so anything written into the folder after the manifest
//! (or removed from it) is reported by `verify`.
//!
//! # Hash chain across nights
//! `previous_manifest_sha256` is the SHA-256 of the `manifest.json` of the newest other run in
//! the same parent folder (newest by its recorded start time, earlier than this run's), so that
//! rewriting an old night's evidence would also require rewriting every later manifest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::cdxj::{self, IndexEntry};
use super::warc::{SnapshotWriter, WarcInfo};
use super::{Result, SnapshotError, sha256_hex};
use crate::config::Agency;
use crate::crawl::CrawlResult;
use crate::report::json::{Report, to_json};
use crate::rules::RuleSet;
use crate::runner::RunOutput;

/// File name of the manifest.
pub const MANIFEST_FILE: &str = "manifest.json";
/// File name of the manifest's signature.
pub const SIGNATURE_FILE: &str = "manifest.sig";
/// File name of the CDXJ index.
pub const INDEX_FILE: &str = "index.cdxj";
/// File name of the JSON report.
pub const FINDINGS_FILE: &str = "findings.json";
/// File name of the stored rules.
pub const RULES_FILE: &str = "rules.yaml";
/// File name of the stored overrides.
pub const OVERRIDES_FILE: &str = "overrides.yaml";

/// The holidays file the working-day deadlines were counted in (`rules/holidays-vn.yaml` as
/// embedded, or `--holidays FILE`), so a rescore counts in the same calendar.
pub const HOLIDAYS_FILE: &str = "holidays.yaml";
/// Version of the manifest layout.
pub const MANIFEST_VERSION: u32 = 1;

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`MANIFEST_VERSION`].
    pub manifest_version: u32,
    /// The tool that wrote the snapshot.
    pub tool: ManifestTool,
    /// Run id (`YYYYMMDDTHHMMSSZ`).
    pub run_id: String,
    /// When the run started.
    pub started: DateTime<Utc>,
    /// When the run's crawling and scoring finished.
    pub finished: DateTime<Utc>,
    /// When this manifest was written.
    pub written: DateTime<Utc>,
    /// Audit reference date.
    pub as_of: NaiveDate,
    /// The rules used.
    pub rules: ManifestRules,
    /// Stored overrides file, when the run had overrides.
    pub overrides_file: Option<String>,
    /// Who ran the audit, when given.
    pub operator: Option<String>,
    /// False when some evidence could not be written (see `errors`).
    pub complete: bool,
    /// What went wrong while writing, each naming its file.
    pub errors: Vec<String>,
    /// SHA-256 (hex) of the previous run's `manifest.json` in the same parent folder.
    pub previous_manifest_sha256: Option<String>,
    /// Folder name of that previous run.
    pub previous_run: Option<String>,
    /// The agencies of the run, in run order.
    pub agencies: Vec<ManifestAgency>,
    /// Every file of the snapshot except the manifest and its signature, sorted by path.
    pub files: Vec<ManifestFile>,
}

/// `tool` object of the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestTool {
    /// `ttdt`.
    pub name: String,
    /// Version.
    pub version: String,
}

/// `rules` object of the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestRules {
    /// Rule set id.
    pub id: String,
    /// Rule set title.
    pub title: String,
    /// SHA-256 (hex) of the rules file.
    pub sha256: String,
    /// The stored copy ([`RULES_FILE`]).
    pub file: String,
}

/// One agency of the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestAgency {
    /// Agency id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Ranking block.
    pub block: String,
    /// Start URL.
    pub url: String,
    /// Its WARC file.
    pub warc: String,
    /// Fetch records archived.
    pub records: usize,
    /// False when writing its WARC file failed part-way.
    pub complete: bool,
}

/// One file of the snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// Path relative to the run folder, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 (hex).
    pub sha256: String,
}

/// Write the whole snapshot of a run into `dir` (created if needed): every agency's WARC file,
/// `index.cdxj`, `findings.json` (the run's JSON report, ranked with the default block titles),
/// `rules.yaml`, `overrides.yaml` (when given) and finally `manifest.json`.
///
/// `rules_bytes` must be the exact bytes of the rules file (their SHA-256 must be
/// `rules.sha256`), so that `rescore` runs on exactly these rules.
///
/// On a write error the other agencies are still archived, every record written before the
/// error stays readable, the manifest (if it can be written) says `"complete": false`, and the
/// result is [`SnapshotError::Incomplete`] listing every error with its file.
pub fn write_run(
    dir: &Path,
    run: &RunOutput,
    rules: &RuleSet,
    rules_bytes: &[u8],
    as_of: NaiveDate,
    operator: Option<&str>,
    overrides_yaml: Option<&str>,
) -> Result<Manifest> {
    let mut sites: Vec<_> = run.outcomes.iter().map(|o| o.score.clone()).collect();
    let ranking =
        crate::rank::rank_sites(&mut sites, rules, &crate::config::default_block_titles());
    let mut report = Report::new(rules, as_of, run.run_id.clone(), sites, Some(ranking));
    if let Some(why) = &run.interrupted {
        report.mark_incomplete(why);
    }
    let holidays = rules.calendar.text();
    write_run_with_report(
        dir,
        run,
        &report,
        rules_bytes,
        operator,
        overrides_yaml,
        holidays,
    )
}

/// [`write_run`] with the caller's own report as `findings.json` (e.g. ranked with the block
/// titles of the agencies file, or unranked for a one-site `audit`). Rules and as-of date are
/// taken from the report.
pub fn write_run_with_report(
    dir: &Path,
    run: &RunOutput,
    report: &Report,
    rules_bytes: &[u8],
    operator: Option<&str>,
    overrides_yaml: Option<&str>,
    holidays_yaml: Option<&str>,
) -> Result<Manifest> {
    std::fs::create_dir_all(dir).map_err(|e| SnapshotError::io(dir, e))?;
    check_rules_bytes(dir, report, rules_bytes)?;
    let archives = run
        .outcomes
        .iter()
        .map(|o| {
            let info = warc_info(&o.agency, &o.crawl, &run.run_id, report, operator);
            archive_agency(dir, &info, &o.crawl)
        })
        .collect();
    let files = RunFiles {
        run_id: &run.run_id,
        started: run.started,
        finished: run.finished,
        report,
        rules_bytes,
        operator,
        overrides_yaml,
        holidays_yaml,
    };
    finish_run(dir, &files, archives)
}

/// The `warcinfo` of an agency's WARC file in a run scored by `report`. The user agent is the
/// one the crawler actually sent (from the first request), else [`crate::user_agent`].
pub fn warc_info(
    agency: &Agency,
    crawl: &CrawlResult,
    run_id: &str,
    report: &Report,
    operator: Option<&str>,
) -> WarcInfo {
    let user_agent = crawl
        .records
        .iter()
        .flat_map(|r| &r.request_headers)
        .find(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
        .map(|(_, v)| v.clone())
        .unwrap_or_else(crate::user_agent);
    WarcInfo {
        agency: agency.clone(),
        run_id: run_id.to_string(),
        rules_id: report.rules.id.clone(),
        rules_sha256: report.rules.sha256.clone(),
        as_of: report.as_of,
        user_agent,
        operator: operator.map(str::to_string),
        insecure: report.insecure,
        created: crawl.started,
    }
}

/// How archiving one agency went: what [`finish_run`] needs to index it and to list it in the
/// manifest. Build one from a [`SnapshotWriter`] you streamed into with
/// [`AgencyArchive::from_writer`], or let [`archive_agency`] do everything.
#[derive(Debug)]
pub struct AgencyArchive {
    /// The agency.
    pub agency: Agency,
    /// Index entries of every record that reached the disk.
    pub entries: Vec<IndexEntry>,
    /// Fetch records archived.
    pub records: usize,
    /// The error that stopped archiving, if any (its records so far stay readable).
    pub error: Option<SnapshotError>,
}

impl AgencyArchive {
    /// Finish a writer (streamed into during the crawl) and report how it went. `error` is the
    /// error a `write_record` call returned, if one did: the writer is then not finished.
    pub fn from_writer(
        agency: &Agency,
        writer: SnapshotWriter,
        error: Option<SnapshotError>,
    ) -> Self {
        let entries = writer.entries().to_vec();
        let records = writer.fetch_records();
        let error = match error {
            Some(e) => Some(e),
            None => writer.finish().err(),
        };
        AgencyArchive {
            agency: agency.clone(),
            entries,
            records,
            error,
        }
    }
}

/// Archive one agency's crawl as `<dir>/<agency-id>.warc.gz`, record by record, so that the
/// index keeps every record that reached the disk even when a later write fails.
pub fn archive_agency(dir: &Path, info: &WarcInfo, crawl: &CrawlResult) -> AgencyArchive {
    let mut writer = match SnapshotWriter::create(dir, info) {
        Ok(w) => w,
        Err(e) => {
            return AgencyArchive {
                agency: info.agency.clone(),
                entries: Vec::new(),
                records: 0,
                error: Some(e),
            };
        }
    };
    let mut error = None;
    for rec in &crawl.records {
        if let Err(e) = writer.write_record(rec) {
            error = Some(e);
            break;
        }
    }
    if error.is_none()
        && let Err(e) = writer.write_skipped(&crawl.skipped)
    {
        error = Some(e);
    }
    AgencyArchive::from_writer(&info.agency, writer, error)
}

/// What [`finish_run`] writes besides the WARC files.
#[derive(Debug, Clone, Copy)]
pub struct RunFiles<'a> {
    /// Run id.
    pub run_id: &'a str,
    /// Run start.
    pub started: DateTime<Utc>,
    /// Run end.
    pub finished: DateTime<Utc>,
    /// The report written as `findings.json` (its rules and as-of date go into the manifest).
    pub report: &'a Report,
    /// Exact bytes of the rules file (must hash to `report.rules.sha256`).
    pub rules_bytes: &'a [u8],
    /// Who ran the audit.
    pub operator: Option<&'a str>,
    /// The overrides file's text, when the run had one.
    pub overrides_yaml: Option<&'a str>,
    /// The holidays file's text ([`crate::calendar::WorkCalendar::text`]).
    pub holidays_yaml: Option<&'a str>,
}

fn check_rules_bytes(dir: &Path, report: &Report, rules_bytes: &[u8]) -> Result<()> {
    if sha256_hex(rules_bytes) == report.rules.sha256 {
        return Ok(());
    }
    Err(SnapshotError::format(
        dir.join(RULES_FILE),
        None,
        format!(
            "the rules bytes given do not hash to the rule set's sha256 {}",
            report.rules.sha256
        ),
    ))
}

/// Complete a run folder whose WARC files are written: `index.cdxj` from the archives' index
/// entries, `findings.json`, `rules.yaml`, `overrides.yaml` and finally `manifest.json`.
/// Archives that failed make the manifest say `"complete": false` and the result
/// [`SnapshotError::Incomplete`] (after everything that could be written was).
pub fn finish_run(dir: &Path, files: &RunFiles, archives: Vec<AgencyArchive>) -> Result<Manifest> {
    check_rules_bytes(dir, files.report, files.rules_bytes)?;
    let report = files.report;
    let mut errors: Vec<SnapshotError> = Vec::new();
    let mut entries: Vec<IndexEntry> = Vec::new();
    let mut agencies = Vec::new();
    for archive in archives {
        let a = &archive.agency;
        agencies.push(ManifestAgency {
            id: a.id.clone(),
            name: a.name.clone(),
            block: a.block.clone(),
            url: a.url.to_string(),
            warc: super::warc::warc_file_name(&a.id),
            records: archive.records,
            complete: archive.error.is_none(),
        });
        entries.extend(archive.entries);
        errors.extend(archive.error);
    }

    let mut write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            errors.push(SnapshotError::io(&path, e));
        }
    };
    write(INDEX_FILE, cdxj::render(&entries).as_bytes());
    write(FINDINGS_FILE, to_json(report).as_bytes());
    write(RULES_FILE, files.rules_bytes);
    if let Some(o) = files.overrides_yaml {
        write(OVERRIDES_FILE, o.as_bytes());
    }
    if let Some(h) = files.holidays_yaml {
        write(HOLIDAYS_FILE, h.as_bytes());
    }

    let (previous_run, previous_manifest_sha256) = previous_manifest(dir, files.started);
    let mut manifest = Manifest {
        manifest_version: MANIFEST_VERSION,
        tool: ManifestTool {
            name: "ttdt".into(),
            version: crate::VERSION.into(),
        },
        run_id: files.run_id.to_string(),
        started: files.started,
        finished: files.finished,
        written: Utc::now(),
        as_of: report.as_of,
        rules: ManifestRules {
            id: report.rules.id.clone(),
            title: report.rules.title.clone(),
            sha256: report.rules.sha256.clone(),
            file: RULES_FILE.into(),
        },
        overrides_file: files.overrides_yaml.map(|_| OVERRIDES_FILE.to_string()),
        operator: files.operator.map(str::to_string),
        complete: false,
        errors: Vec::new(),
        previous_manifest_sha256,
        previous_run,
        agencies,
        files: Vec::new(),
    };
    match list_files(dir) {
        Ok(files) => manifest.files = files,
        Err(e) => errors.push(e),
    }
    manifest.complete = errors.is_empty();
    manifest.errors = errors.iter().map(|e| e.to_string()).collect();
    let written = write_manifest(dir, &manifest);
    match (errors.is_empty(), written) {
        (true, Ok(())) => Ok(manifest),
        (true, Err(e)) => Err(e),
        (false, written) => {
            let manifest_written = written.is_ok();
            if let Err(e) = written {
                errors.push(e);
            }
            Err(SnapshotError::Incomplete {
                errors,
                manifest_written,
            })
        }
    }
}

/// Write `manifest.json` (pretty JSON, newline-terminated).
pub fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<()> {
    let path = dir.join(MANIFEST_FILE);
    // The manifest has only plain fields and string keys: serialising cannot fail.
    let mut text = serde_json::to_string_pretty(manifest).unwrap_or_default();
    text.push('\n');
    std::fs::write(&path, text).map_err(|e| SnapshotError::io(&path, e))
}

/// Read and parse `<dir>/manifest.json`.
pub fn read_manifest(dir: &Path) -> Result<(Manifest, Vec<u8>)> {
    let path = dir.join(MANIFEST_FILE);
    let bytes = std::fs::read(&path).map_err(|e| SnapshotError::io(&path, e))?;
    let manifest = serde_json::from_slice(&bytes)
        .map_err(|e| SnapshotError::format(&path, None, format!("not a ttdt manifest: {e}")))?;
    Ok((manifest, bytes))
}

/// Size and SHA-256 of every regular file under `dir` except the manifest and its signature,
/// sorted by path. Files are hashed streaming, so large WARC files are never held in memory.
/// Symbolic links and special files are not listed (nor followed: a link to a device could be
/// endless), so `verify` reports them as extra.
pub fn list_files(dir: &Path) -> Result<Vec<ManifestFile>> {
    let mut out = Vec::new();
    for entry in walk(dir)? {
        if entry.rel == MANIFEST_FILE || entry.rel == SIGNATURE_FILE || !entry.regular {
            continue;
        }
        let (size, sha256) = hash_file(&entry.path)?;
        out.push(ManifestFile {
            path: entry.rel,
            size,
            sha256,
        });
    }
    Ok(out)
}

/// A file found under a run folder.
pub(crate) struct FoundFile {
    /// `/`-separated path relative to the run folder.
    pub rel: String,
    /// Full path.
    pub path: PathBuf,
    /// A regular file (not a symbolic link, device, socket…).
    pub regular: bool,
}

/// Every non-directory entry under `dir`, sorted by relative path. Symbolic links are listed
/// (as not regular) but never followed.
pub(crate) fn walk(dir: &Path) -> Result<Vec<FoundFile>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![(String::new(), dir.to_path_buf())];
    while let Some((prefix, folder)) = stack.pop() {
        let read = std::fs::read_dir(&folder).map_err(|e| SnapshotError::io(&folder, e))?;
        for entry in read {
            let entry = entry.map_err(|e| SnapshotError::io(&folder, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            // `DirEntry::file_type` does not follow symbolic links.
            let kind = entry
                .file_type()
                .map_err(|e| SnapshotError::io(entry.path(), e))?;
            if kind.is_dir() {
                stack.push((rel, entry.path()));
            } else {
                out.insert(rel, (entry.path(), kind.is_file()));
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|(rel, (path, regular))| FoundFile { rel, path, regular })
        .collect())
}

/// Size and SHA-256 (hex) of a file, read in chunks.
pub(crate) fn hash_file(path: &Path) -> Result<(u64, String)> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| SnapshotError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| SnapshotError::io(path, e))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((size, hex::encode(hasher.finalize())))
}

/// The newest other run in `dir`'s parent folder that started before `started`: its folder name
/// and the SHA-256 of its `manifest.json`. Folders without a readable ttdt manifest are ignored.
pub fn previous_manifest(dir: &Path, started: DateTime<Utc>) -> (Option<String>, Option<String>) {
    let own = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let Some(parent) = own.parent() else {
        return (None, None);
    };
    let Ok(read) = std::fs::read_dir(parent) else {
        return (None, None);
    };
    let mut best: Option<(DateTime<Utc>, String, String)> = None;
    for entry in read.flatten() {
        let path = entry.path();
        if path == own || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let Ok(bytes) = std::fs::read(path.join(MANIFEST_FILE)) else {
            continue;
        };
        let Ok(m) = serde_json::from_slice::<Manifest>(&bytes) else {
            continue;
        };
        if m.started >= started {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let candidate = (m.started, name, sha256_hex(&bytes));
        if best
            .as_ref()
            .is_none_or(|b| (&candidate.0, &candidate.1) > (&b.0, &b.1))
        {
            best = Some(candidate);
        }
    }
    match best {
        Some((_, name, hash)) => (Some(name), Some(hash)),
        None => (None, None),
    }
}
