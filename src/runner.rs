//! Runs audits: crawls every agency (concurrently, one shared [`Crawler`] so per-host politeness
//! holds across agencies), reads every record as it arrives with [`SiteReader`], and scores each
//! site as soon as its crawl ends with the pure pipeline of [`crate::audit`].
//!
//! Two entry points run exactly that code:
//! - [`run_and_archive`], the live path of `ttdt audit`, `ttdt run` and `ttdt demo`: each record
//!   is written to its agency's WARC file the moment it arrives, folded into the reader and
//!   dropped, so memory does not grow with the bodies fetched. Once the report exists,
//!   [`PendingSnapshot::finish`] completes the run folder (index, findings, manifest).
//! - [`run_agencies`]: the same crawl and scores, keeping every record in memory
//!   ([`AgencyOutcome::crawl`]), for tests and small runs archived afterwards with
//!   [`crate::snapshot::write_run`].
//!
//! Both read the records in crawl order, which is also the order of the WARC file, so `ttdt
//! rescore` (which folds the records read back from the WARC file through the same
//! [`SiteReader`]) reproduces the live scores exactly.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};
use futures::StreamExt;

use crate::audit::SiteReader;
use crate::config::Agency;
use crate::crawl::{CrawlConfig, CrawlResult, Crawler, FetchRecord, SkippedUrl};
use crate::report::json::Report;
use crate::rules::RuleSet;
use crate::score::{INTERRUPTED, Overrides, SiteScore, mark_interrupted, score_site};
use crate::snapshot::{
    self, AgencyArchive, Manifest, RunFiles, SnapshotError, SnapshotWriter, WarcInfo,
};

/// Settings of one run.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// Crawl settings.
    pub crawl: CrawlConfig,
    /// Agencies crawled at the same time.
    pub parallel_sites: usize,
    /// Audit reference date.
    pub as_of: NaiveDate,
}

impl RunSettings {
    /// The crawler of a run: it reads pages for their links as of the audit's date, so the
    /// audit takes each page's reading from its record instead of parsing the page again.
    fn crawler(&self) -> anyhow::Result<Crawler> {
        let config = CrawlConfig {
            as_of: Some(self.as_of),
            ..self.crawl.clone()
        };
        Crawler::new(config)
    }
}

/// A request to stop a run early, shared between the run and whoever asks (the CLI's SIGINT and
/// SIGTERM handler). Once requested, sites not yet started are not crawled, crawls in progress
/// are cut at their next await point (a record being written is always written whole, since
/// writing is synchronous), and the run ends normally with what was gathered: every WARC file
/// closed cleanly, every site scored and marked with [`mark_interrupted`], and
/// [`RunOutput::interrupted`] set so the report says it is incomplete.
#[derive(Debug, Clone)]
pub struct StopSignal(Arc<tokio::sync::watch::Sender<Option<String>>>);

impl Default for StopSignal {
    fn default() -> Self {
        StopSignal(Arc::new(tokio::sync::watch::Sender::new(None)))
    }
}

impl StopSignal {
    /// A signal nobody has raised yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ask the run to stop; `why` (e.g. `SIGINT`) is kept for the report. Only the first
    /// request counts.
    pub fn request(&self, why: &str) {
        self.0.send_if_modified(|v| {
            if v.is_some() {
                return false;
            }
            *v = Some(why.to_string());
            true
        });
    }

    /// Why the run was asked to stop, once it was.
    pub fn requested(&self) -> Option<String> {
        self.0.borrow().clone()
    }

    /// Resolves once a stop is requested (at once when it already was).
    pub async fn wait(&self) {
        let mut rx = self.0.subscribe();
        // The sender lives in `self`, so the channel cannot close while we wait.
        let _ = rx.wait_for(Option::is_some).await;
    }
}

/// Progress events, for the terminal progress bar.
pub trait Progress: Send + Sync {
    /// A site crawl started.
    fn site_started(&self, agency: &Agency);
    /// A fetch finished.
    fn fetched(&self, agency_id: &str, record: &FetchRecord);
    /// A site crawl finished (its `records` are empty when they were streamed to disk).
    fn site_finished(&self, agency: &Agency, result: &CrawlResult);
}

/// No progress output.
pub struct Silent;

impl Progress for Silent {
    fn site_started(&self, _: &Agency) {}
    fn fetched(&self, _: &str, _: &FetchRecord) {}
    fn site_finished(&self, _: &Agency, _: &CrawlResult) {}
}

/// One agency's crawl and score.
#[derive(Debug, Clone)]
pub struct AgencyOutcome {
    /// The agency.
    pub agency: Agency,
    /// What the crawl did. [`run_agencies`] keeps every record here; after
    /// [`run_and_archive`] `records` is empty (they were streamed to the WARC file) while
    /// `skipped` and the times are kept.
    pub crawl: CrawlResult,
    /// Its score.
    pub score: SiteScore,
}

impl AgencyOutcome {
    /// True when the run was stopped before this agency's crawl ended.
    pub fn interrupted(&self) -> bool {
        self.crawl.skipped.iter().any(|s| s.reason == INTERRUPTED)
    }
}

/// The result of a run.
#[derive(Debug, Clone)]
pub struct RunOutput {
    /// Run id: start time in UTC, `YYYYMMDDTHHMMSSZ`.
    pub run_id: String,
    /// Start time.
    pub started: DateTime<Utc>,
    /// End time.
    pub finished: DateTime<Utc>,
    /// Agencies in the agencies file's order.
    pub outcomes: Vec<AgencyOutcome>,
    /// Set when the run was stopped before every site was crawled (the reason, e.g. `SIGINT`):
    /// the report must say it is incomplete.
    pub interrupted: Option<String>,
}

/// The run id of a run started at `t`.
pub fn run_id(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Where a run's evidence snapshot goes. The folder must be known before the crawl starts,
/// since records are written as they arrive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunDir {
    /// Exactly this folder (`--out DIR`).
    At(PathBuf),
    /// `<root>/<run-id>` (`snapshots/<run-id>` when there is no `--out`).
    Under(PathBuf),
}

impl RunDir {
    /// The run folder of the run `run_id`.
    pub fn resolve(&self, run_id: &str) -> PathBuf {
        match self {
            RunDir::At(dir) => dir.clone(),
            RunDir::Under(root) => root.join(run_id),
        }
    }
}

/// What a run's evidence snapshot archives besides the fetch records.
#[derive(Debug, Clone)]
pub struct SnapshotSettings {
    /// The run folder.
    pub dir: RunDir,
    /// The exact bytes of the rules file (must hash to the rule set's `sha256`).
    pub rules_bytes: Vec<u8>,
    /// Who ran the audit (named in every `warcinfo` record and the manifest).
    pub operator: Option<String>,
    /// The overrides file's text, when the run had one.
    pub overrides_yaml: Option<String>,
    /// The holidays file's text the working-day deadlines were counted in.
    pub holidays_yaml: Option<String>,
}

/// A run whose records are on disk: its scores, and the snapshot still to be finished with
/// the report.
#[derive(Debug)]
pub struct ArchivedRun {
    /// Scores and crawl summaries (records not kept: see [`AgencyOutcome::crawl`]).
    pub output: RunOutput,
    /// The run folder, with every agency's WARC file written.
    pub snapshot: PendingSnapshot,
}

/// A run folder whose WARC files are written, waiting for the report: [`PendingSnapshot::finish`]
/// writes `index.cdxj`, `findings.json`, `rules.yaml`, `overrides.yaml` and `manifest.json`.
#[derive(Debug)]
pub struct PendingSnapshot {
    dir: PathBuf,
    settings: SnapshotSettings,
    archives: Vec<AgencyArchive>,
}

impl PendingSnapshot {
    /// The run folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How archiving each agency went, in run order.
    pub fn archives(&self) -> &[AgencyArchive] {
        &self.archives
    }

    /// Write errors met while streaming the records (each names its file). The agencies
    /// concerned keep every record written before the error; the manifest will say
    /// `"complete": false`.
    pub fn errors(&self) -> impl Iterator<Item = &SnapshotError> {
        self.archives.iter().filter_map(|a| a.error.as_ref())
    }

    /// Complete the run folder: `index.cdxj`, `report` as `findings.json`, the rules and
    /// overrides, and finally `manifest.json` (see [`snapshot::finish_run`]). Anything the
    /// caller writes into [`PendingSnapshot::dir`] before this (e.g. `report.<ext>`) is listed
    /// in the manifest too. Write errors, during the crawl or now, give
    /// [`SnapshotError::Incomplete`] after everything that could be written was.
    pub fn finish(self, output: &RunOutput, report: &Report) -> snapshot::Result<Manifest> {
        let files = RunFiles {
            run_id: &output.run_id,
            started: output.started,
            finished: output.finished,
            report,
            rules_bytes: &self.settings.rules_bytes,
            operator: self.settings.operator.as_deref(),
            overrides_yaml: self.settings.overrides_yaml.as_deref(),
            holidays_yaml: self.settings.holidays_yaml.as_deref(),
        };
        snapshot::finish_run(&self.dir, &files, self.archives)
    }
}

/// Crawl and score every agency, keeping every record in memory (see [`run_and_archive`] for
/// the streaming run that archives as it goes).
pub async fn run_agencies(
    agencies: &[Agency],
    rules: &RuleSet,
    overrides: &Overrides,
    settings: &RunSettings,
    progress: Arc<dyn Progress>,
) -> anyhow::Result<RunOutput> {
    let started = Utc::now();
    let crawler = settings.crawler()?;
    let stop = StopSignal::new();
    let ctx = RunContext {
        crawler: &crawler,
        rules,
        overrides,
        as_of: settings.as_of,
        progress: progress.as_ref(),
        archive: None,
        stop: &stop,
    };
    let outcomes = ctx
        .audit_all(agencies, settings.parallel_sites)
        .await
        .into_iter()
        .map(|(o, _)| o)
        .collect();
    Ok(RunOutput {
        run_id: run_id(started),
        started,
        finished: Utc::now(),
        outcomes,
        interrupted: None,
    })
}

/// Crawl and score every agency, streaming the evidence: the run folder is created first, and
/// every record is written to `<agency-id>.warc.gz` as it arrives, read for scoring, and
/// dropped. Each site is scored as soon as its crawl ends.
///
/// A write error stops that agency's snapshot (what was written stays, and the manifest will
/// say incomplete) but neither its crawl nor its score: the error is in
/// [`PendingSnapshot::errors`] and again in the result of [`PendingSnapshot::finish`].
///
/// Fails before crawling when `snapshot.rules_bytes` are not the bytes of `rules`, or when the
/// crawler cannot be built.
pub async fn run_and_archive(
    agencies: &[Agency],
    rules: &RuleSet,
    overrides: &Overrides,
    settings: &RunSettings,
    snapshot: SnapshotSettings,
    progress: Arc<dyn Progress>,
) -> anyhow::Result<ArchivedRun> {
    let never = StopSignal::new();
    run_and_archive_until(
        agencies, rules, overrides, settings, snapshot, progress, &never,
    )
    .await
}

/// [`run_and_archive`] that ends early when `stop` is requested: sites not started are not
/// crawled, crawls in progress are cut, and the result (scores of what was gathered, every
/// site marked interrupted, [`RunOutput::interrupted`] set, WARC files closed cleanly) is
/// returned as usual, ready for the report and [`PendingSnapshot::finish`].
pub async fn run_and_archive_until(
    agencies: &[Agency],
    rules: &RuleSet,
    overrides: &Overrides,
    settings: &RunSettings,
    snapshot: SnapshotSettings,
    progress: Arc<dyn Progress>,
    stop: &StopSignal,
) -> anyhow::Result<ArchivedRun> {
    if snapshot::sha256_hex(&snapshot.rules_bytes) != rules.sha256 {
        anyhow::bail!(
            "the rules bytes to archive do not hash to the rule set's sha256 {}",
            rules.sha256
        );
    }
    let started = Utc::now();
    let run_id = run_id(started);
    let dir = snapshot.dir.resolve(&run_id);
    let crawler = settings.crawler()?;
    // A folder that cannot be created is a write error of every agency's snapshot, not a
    // reason to skip the audit: the report is still worth having.
    let dir_error = std::fs::create_dir_all(&dir).err();
    let archiving = Archiving {
        dir: &dir,
        dir_error: dir_error.as_ref(),
        run_id: &run_id,
        rules,
        as_of: settings.as_of,
        user_agent: &settings.crawl.user_agent,
        operator: snapshot.operator.as_deref(),
        insecure: settings.crawl.insecure,
    };
    let ctx = RunContext {
        crawler: &crawler,
        rules,
        overrides,
        as_of: settings.as_of,
        progress: progress.as_ref(),
        archive: Some(&archiving),
        stop,
    };
    let (outcomes, archives): (Vec<AgencyOutcome>, Vec<AgencyArchive>) = ctx
        .audit_all(agencies, settings.parallel_sites)
        .await
        .into_iter()
        .map(|(o, a)| {
            let a = a.unwrap_or_else(|| AgencyArchive {
                agency: o.agency.clone(),
                entries: Vec::new(),
                records: 0,
                error: None,
            });
            (o, a)
        })
        .unzip();
    Ok(ArchivedRun {
        output: RunOutput {
            run_id,
            started,
            finished: Utc::now(),
            // A stop that came after every crawl had ended cut nothing: the run is complete.
            interrupted: stop
                .requested()
                .filter(|_| outcomes.iter().any(AgencyOutcome::interrupted)),
            outcomes,
        },
        snapshot: PendingSnapshot {
            dir,
            settings: snapshot,
            archives,
        },
    })
}

/// What the agencies of one run share.
struct RunContext<'a> {
    crawler: &'a Crawler,
    rules: &'a RuleSet,
    overrides: &'a Overrides,
    as_of: NaiveDate,
    progress: &'a dyn Progress,
    /// Stream the records to WARC files (and keep none), or keep them all in memory.
    archive: Option<&'a Archiving<'a>>,
    /// Ends the crawls early when requested.
    stop: &'a StopSignal,
}

/// Where and with what `warcinfo` the records are archived.
struct Archiving<'a> {
    dir: &'a Path,
    /// Creating the run folder failed.
    dir_error: Option<&'a std::io::Error>,
    run_id: &'a str,
    rules: &'a RuleSet,
    as_of: NaiveDate,
    user_agent: &'a str,
    operator: Option<&'a str>,
    /// `--insecure` was used (recorded in every warcinfo).
    insecure: bool,
}

/// A lock that survives a panic elsewhere (the data is a writer or a reader, still usable).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl RunContext<'_> {
    /// Every agency, `parallel` at a time, in the agencies' order.
    async fn audit_all(
        &self,
        agencies: &[Agency],
        parallel: usize,
    ) -> Vec<(AgencyOutcome, Option<AgencyArchive>)> {
        let mut done: Vec<_> = futures::stream::iter(agencies.iter().enumerate())
            .map(|(i, agency)| async move { (i, self.audit_one(agency).await) })
            .buffer_unordered(parallel.max(1))
            .collect()
            .await;
        done.sort_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, d)| d).collect()
    }

    /// Crawl one agency, reading (and, when archiving, writing) every record as it arrives,
    /// then score it.
    async fn audit_one(&self, agency: &Agency) -> (AgencyOutcome, Option<AgencyArchive>) {
        self.progress.site_started(agency);
        let target = agency.target();
        let sink = self
            .archive
            .map(|a| Mutex::new(ArchiveSink::open(a, agency, Utc::now())));
        let reader = Mutex::new(SiteReader::new(agency.url.as_str(), self.as_of, self.rules));
        let note = |r: &FetchRecord| {
            self.progress.fetched(&agency.id, r);
            if let Some(s) = &sink {
                lock(s).write(r);
            }
        };
        let take = |r: &FetchRecord| {
            note(r);
            lock(&reader).push(r);
        };
        let started = Utc::now();
        let crawl = async {
            if sink.is_some() {
                // The record, body included, is dropped as soon as it is written and read; the
                // crawler's reading of the page moves into the reader.
                let stream = |r: FetchRecord| {
                    note(&r);
                    lock(&reader).push_owned(r);
                };
                self.crawler.crawl_site_streaming(&target, &stream).await
            } else {
                self.crawler.crawl_site(&target, &take).await
            }
        };
        // A stop drops the crawl future at its next await point: records are written whole
        // (inside the synchronous callback), so what is on disk stays valid. A site not started
        // before the stop is not crawled at all.
        let stopped = self.stop.requested().is_some();
        let crawl = tokio::select! {
            biased;
            () = self.stop.wait() => None,
            c = crawl, if !stopped => Some(c),
        };
        let interrupted = crawl.is_none();
        let crawl = crawl.unwrap_or_else(|| CrawlResult {
            start_url: agency.url.to_string(),
            records: Vec::new(),
            skipped: vec![SkippedUrl {
                url: agency.url.to_string(),
                reason: INTERRUPTED.to_string(),
            }],
            started,
            finished: Utc::now(),
        });
        self.progress.site_finished(agency, &crawl);
        let archive = sink.map(|s| {
            s.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .finish(&crawl.skipped)
        });
        let (site, findings) = reader
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .finish();
        let mut score = score_site(
            &agency.agency_ref(),
            &site,
            &findings,
            self.rules,
            self.as_of,
            self.overrides,
        );
        score.note_skipped(&crawl.skipped);
        if interrupted {
            mark_interrupted(&mut score);
        }
        let outcome = AgencyOutcome {
            agency: agency.clone(),
            crawl,
            score,
        };
        (outcome, archive)
    }
}

/// One agency's WARC file while its crawl runs.
struct ArchiveSink {
    agency: Agency,
    /// `None` when the file could not be created.
    writer: Option<SnapshotWriter>,
    /// The error that stopped the archive; nothing more is written after it.
    error: Option<SnapshotError>,
}

impl ArchiveSink {
    /// Create `<dir>/<agency-id>.warc.gz` and write its `warcinfo`.
    fn open(a: &Archiving<'_>, agency: &Agency, created: DateTime<Utc>) -> Self {
        let failed = |error| ArchiveSink {
            agency: agency.clone(),
            writer: None,
            error: Some(error),
        };
        if let Some(e) = a.dir_error {
            return failed(SnapshotError::io(
                a.dir,
                std::io::Error::new(e.kind(), e.to_string()),
            ));
        }
        let info = WarcInfo {
            agency: agency.clone(),
            run_id: a.run_id.to_string(),
            rules_id: a.rules.id.clone(),
            rules_sha256: a.rules.sha256.clone(),
            as_of: a.as_of,
            user_agent: a.user_agent.to_string(),
            operator: a.operator.map(str::to_string),
            insecure: a.insecure,
            created,
        };
        match SnapshotWriter::create(a.dir, &info) {
            Ok(w) => ArchiveSink {
                agency: agency.clone(),
                writer: Some(w),
                error: None,
            },
            Err(e) => failed(e),
        }
    }

    /// Archive one record, unless an earlier write failed.
    fn write(&mut self, rec: &FetchRecord) {
        if self.error.is_some() {
            return;
        }
        if let Some(w) = &mut self.writer
            && let Err(e) = w.write_record(rec)
        {
            tracing::warn!("evidence of {} stopped: {e}", self.agency.id);
            self.error = Some(e);
        }
    }

    /// List the skipped URLs, close the file, and say how it went.
    fn finish(mut self, skipped: &[SkippedUrl]) -> AgencyArchive {
        let Some(mut writer) = self.writer else {
            return AgencyArchive {
                agency: self.agency,
                entries: Vec::new(),
                records: 0,
                error: self.error,
            };
        };
        if self.error.is_none()
            && let Err(e) = writer.write_skipped(skipped)
        {
            self.error = Some(e);
        }
        AgencyArchive::from_writer(&self.agency, writer, self.error)
    }
}
