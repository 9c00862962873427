//! `ttdt` command line: parse arguments, call the library, map errors to exit codes
//! (0 report produced, 1 runtime failure, 2 bad usage or bad input file, 3 evidence altered;
//! 130 / 143 when SIGINT / SIGTERM stopped a crawl: the partial report and a valid snapshot
//! were still written, see [`interrupts`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use ttdt::config::{AgenciesFile, Agency, load_agencies};
use ttdt::crawl::CrawlConfig;
use ttdt::rules::RuleSet;
use ttdt::runner::{ArchivedRun, RunSettings, StopSignal};
use ttdt::score::Overrides;

mod cli_support;
mod interrupts;
mod rank_cli;
use cli_support::{Failure, ProgressBars, emit_run_report};

#[derive(Parser)]
#[command(
    name = "ttdt",
    version,
    about = "Kiểm tra Trang/Cổng TTĐT của cơ quan nhà nước theo Nghị định 43/2011/NĐ-CP"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Audit the embedded demo province end to end (no network needed).
    Demo(CommonOpts),
    /// Self-check one site: every criterion not met comes with its fix hint.
    Audit {
        /// Home page URL of the site.
        url: String,
        /// Agency name shown in reports.
        #[arg(long)]
        name: Option<String>,
        /// Ranking block of the agency.
        #[arg(long, default_value = "so_nganh")]
        block: String,
        #[command(flatten)]
        common: CommonOpts,
    },
    /// Audit every agency of an agencies file (the nightly job).
    Run {
        /// Agencies file (YAML).
        agencies: PathBuf,
        #[command(flatten)]
        common: CommonOpts,
    },
    /// Recompute scores offline from a stored evidence snapshot (no network).
    Rescore {
        /// Snapshot folder (a run folder with *.warc.gz and manifest.json).
        dir: PathBuf,
        #[command(flatten)]
        common: CommonOpts,
    },
    /// Check evidence integrity: every digest, file and the manifest (exit 3 when altered).
    Verify {
        /// Snapshot folder.
        dir: PathBuf,
        /// ed25519 public key (32 bytes raw or 64 hex digits) to check manifest.sig.
        #[arg(long)]
        pubkey: Option<PathBuf>,
    },
    /// Show what the auditor sees on one page: dates, links, groups.
    Inspect {
        /// A saved HTML file or a URL.
        target: String,
        /// URL the file was saved from (resolves relative links); default file:// path.
        #[arg(long)]
        base_url: Option<String>,
        #[command(flatten)]
        common: CommonOpts,
    },
    /// Ranking tables (overall and per category) from a scores CSV.
    Rank(rank_cli::RankArgs),
    /// Rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate a rule file: every error with file:line:column.
    Check {
        /// Rule files.
        files: Vec<PathBuf>,
    },
}

/// Report formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Terminal text.
    Text,
    /// JSON (the machine contract).
    Json,
    /// Markdown tables like the source decision.
    Md,
    /// CSV for machines: one row per agency × group.
    Csv,
    /// One self-contained HTML file with inline SVG charts.
    Html,
    /// An Excel workbook (binary: needs `--out DIR`).
    Xlsx,
}

impl Format {
    /// File extension of `report.<ext>`.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
        }
    }
}

#[derive(Args, Clone)]
pub(crate) struct CommonOpts {
    /// Rule file (default: the embedded rules/sonla-2017.yaml).
    #[arg(long, global = true)]
    pub(crate) rules: Option<PathBuf>,
    /// Holidays file: the official days off and make-up working days announced each year
    /// (default: the embedded rules/holidays-vn.yaml). Working-day freshness is counted with it.
    #[arg(long, global = true)]
    pub(crate) holidays: Option<PathBuf>,
    /// Audit reference date YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh).
    #[arg(long)]
    pub(crate) as_of: Option<NaiveDate>,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
    /// Run folder: receives report.<ext> too.
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Most pages fetched per site.
    #[arg(long, default_value_t = 500)]
    max_pages: usize,
    /// Minimum gap between requests to one host, in ms (robots.txt Crawl-delay wins when larger, capped at 10 s).
    #[arg(long, default_value_t = 500)]
    delay_ms: u64,
    /// Requests in flight at most (all hosts).
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Requests in flight at most per host (one polite queue per host by default).
    #[arg(long, default_value_t = 1)]
    host_connections: usize,
    /// Scope URL prefix of the site (repeatable); default the start host.
    #[arg(long)]
    scope: Vec<String>,
    /// Auditors' overrides file (YAML).
    #[arg(long)]
    overrides: Option<PathBuf>,
    /// Accept invalid TLS certificates (recorded in the report).
    #[arg(long)]
    pub(crate) insecure: bool,
    /// Operator named in the evidence (warcinfo).
    #[arg(long)]
    pub(crate) operator: Option<String>,
    /// ed25519 private key file: sign the snapshot manifest (manifest.sig).
    #[arg(long)]
    pub(crate) sign: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Also write `report.html` and `report.xlsx` into `--out DIR` (set by `ttdt demo`).
    #[arg(skip)]
    pub(crate) extra_reports: bool,
}

impl CommonOpts {
    pub(crate) fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(|| {
            chrono::Utc::now()
                .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
                .date_naive()
        })
    }

    /// The rule set and the exact bytes it was read from (archived with the evidence), counting
    /// working days in the `--holidays` calendar when one is given.
    pub(crate) fn rules(&self) -> Result<(RuleSet, Vec<u8>), Failure> {
        let (mut set, bytes) = match &self.rules {
            None => (
                ttdt::rules::default_rules(),
                ttdt::rules::DEFAULT_RULES_YAML.as_bytes().to_vec(),
            ),
            Some(p) => {
                let set = ttdt::rules::load_file(p)
                    .map_err(|errs| Failure::Input(ttdt::rules::format_errors(&errs)))?;
                let bytes = std::fs::read(p)
                    .map_err(|e| Failure::Input(format!("{}: {e}", p.display())))?;
                (set, bytes)
            }
        };
        if let Some(calendar) = self.calendar()? {
            set.calendar = calendar;
        }
        Ok((set, bytes))
    }

    /// The `--holidays` calendar, when one is given.
    pub(crate) fn calendar(
        &self,
    ) -> Result<Option<std::sync::Arc<ttdt::calendar::WorkCalendar>>, Failure> {
        self.holidays
            .as_deref()
            .map(|h| {
                ttdt::calendar::load_file(h)
                    .map(std::sync::Arc::new)
                    .map_err(|errs| Failure::Input(ttdt::rules::format_errors(&errs)))
            })
            .transpose()
    }

    /// The overrides and their file text (archived with the evidence so rescore reproduces them).
    fn overrides(&self) -> Result<(Overrides, Option<String>), Failure> {
        match &self.overrides {
            None => Ok((Overrides::default(), None)),
            Some(p) => {
                let o = ttdt::score::load_overrides(p).map_err(Failure::Input)?;
                let text = std::fs::read_to_string(p)
                    .map_err(|e| Failure::Input(format!("{}: {e}", p.display())))?;
                Ok((o, Some(text)))
            }
        }
    }

    fn crawl_config(&self) -> CrawlConfig {
        CrawlConfig {
            max_pages: self.max_pages.max(1),
            delay: Duration::from_millis(self.delay_ms),
            concurrency: self.concurrency.max(1),
            max_host_connections: self.host_connections.max(1),
            insecure: self.insecure,
            ..CrawlConfig::default()
        }
    }

    fn settings(&self) -> RunSettings {
        RunSettings {
            crawl: self.crawl_config(),
            parallel_sites: 4,
            as_of: self.as_of(),
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("TTDT_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let stop = StopSignal::new();
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Runtime(format!("cannot start the async runtime: {e}")))
        .and_then(|rt| rt.block_on(dispatch(cli, &stop)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("ttdt: {}", f.message());
            ExitCode::from(f.code())
        }
    }
}

async fn dispatch(cli: Cli, stop: &StopSignal) -> Result<(), Failure> {
    check_format(&cli.command)?;
    if matches!(
        cli.command,
        Command::Demo(_) | Command::Audit { .. } | Command::Run { .. }
    ) {
        // Only the crawling commands stop gracefully; the others keep the default (die at once).
        interrupts::listen(stop.clone()).map_err(|e| {
            Failure::Runtime(format!("cannot install the SIGINT/SIGTERM handler: {e}"))
        })?;
    }
    match cli.command {
        Command::Demo(common) => demo(common, stop).await,
        Command::Audit {
            url,
            name,
            block,
            common,
        } => audit(url, name, block, common, stop).await,
        Command::Run { agencies, common } => {
            let file = load_agencies(&agencies).map_err(|e| Failure::Input(e.join("\n")))?;
            run_file(file, common, stop).await
        }
        Command::Inspect {
            target,
            base_url,
            common,
        } => inspect(target, base_url, common).await,
        Command::Rescore { dir, common } => cli_support::rescore(&dir, &common),
        Command::Verify { dir, pubkey } => cli_support::verify(&dir, pubkey.as_deref()),
        Command::Rank(args) => rank_cli::run(args),
        Command::Rules {
            command: RulesCommand::Check { files },
        } => rules_check(&files),
    }
}

async fn run_file(
    file: AgenciesFile,
    common: CommonOpts,
    stop: &StopSignal,
) -> Result<(), Failure> {
    let (rules, rules_bytes) = common.rules()?;
    let (overrides, overrides_text) = common.overrides()?;
    let evidence = cli_support::Evidence {
        rules_bytes: &rules_bytes,
        overrides_yaml: overrides_text.as_deref(),
        holidays_yaml: rules.calendar.text(),
        operator: common.operator.as_deref(),
        sign_key: common.sign.as_deref(),
    };
    let run = execute(&file.agencies, &rules, &overrides, &common, &evidence, stop).await?;
    emit_run_report(run, &rules, &file.blocks, &common, &evidence)
}

/// Crawl and score, streaming every record into the run folder's WARC files as it arrives.
async fn execute(
    agencies: &[Agency],
    rules: &RuleSet,
    overrides: &Overrides,
    common: &CommonOpts,
    evidence: &cli_support::Evidence<'_>,
    stop: &StopSignal,
) -> Result<ArchivedRun, Failure> {
    let show = !common.quiet && std::io::stderr().is_terminal();
    let progress = Arc::new(ProgressBars::new(show, agencies.len()));
    let snapshot = evidence.snapshot_settings(common.out.as_deref());
    ttdt::runner::run_and_archive_until(
        agencies,
        rules,
        overrides,
        &common.settings(),
        snapshot,
        progress,
        stop,
    )
    .await
    .map_err(|e| Failure::Runtime(format!("{e:#}")))
}

async fn audit(
    url: String,
    name: Option<String>,
    block: String,
    common: CommonOpts,
    stop: &StopSignal,
) -> Result<(), Failure> {
    let parsed = url::Url::parse(&url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .ok_or_else(|| Failure::Input(format!("'{url}' is not an http(s) URL")))?;
    let host = parsed.host_str().unwrap_or("site").to_string();
    let id: String = host
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let agency = Agency {
        id,
        name: name.unwrap_or_else(|| host.clone()),
        block,
        url: parsed,
        scope: common.scope.clone(),
        extra_hosts: Vec::new(),
    };
    let file = AgenciesFile {
        blocks: ttdt::config::default_block_titles(),
        agencies: vec![agency],
    };
    run_file(file, common, stop).await
}

async fn demo(common: CommonOpts, stop: &StopSignal) -> Result<(), Failure> {
    let demo = ttdt::demo::start(common.as_of())
        .await
        .map_err(|e| Failure::Runtime(format!("cannot start the demo sites: {e}")))?;
    let mut common = common;
    common.extra_reports = true;
    // The demo sites are ours and local: no need to wait between requests.
    common.delay_ms = common.delay_ms.min(5);
    let file = demo.agencies_file();
    let result = run_file(file, common, stop).await;
    drop(demo);
    result
}

async fn inspect(
    target: String,
    base_url: Option<String>,
    common: CommonOpts,
) -> Result<(), Failure> {
    let (rules, _) = common.rules()?;
    let as_of = common.as_of();
    let (url, html) = if target.starts_with("http://") || target.starts_with("https://") {
        let url = url::Url::parse(&target).map_err(|e| Failure::Input(format!("{target}: {e}")))?;
        let html = cli_support::fetch_one(&url, common.crawl_config()).await?;
        (url, html)
    } else {
        let path = Path::new(&target);
        let bytes = std::fs::read(path)
            .map_err(|e| Failure::Input(format!("{target}: cannot read: {e}")))?;
        let url = match base_url {
            Some(b) => {
                url::Url::parse(&b).map_err(|e| Failure::Input(format!("--base-url {b}: {e}")))?
            }
            None => {
                let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                url::Url::from_file_path(&abs)
                    .map_err(|_| Failure::Input(format!("{target}: cannot make a file URL")))?
            }
        };
        (url, ttdt::text::decode(&bytes, None).text)
    };
    let facts = ttdt::extract::extract(&url, &html, as_of);
    let out = cli_support::render_inspect(&facts, &rules, as_of, common.format);
    cli_support::write_output(&out, common.format, common.out.as_deref())
}

/// Refuse a format a command cannot produce before any work is done: a workbook is binary and
/// only goes to `--out DIR`; `inspect` prints a page's facts, not a report.
fn check_format(command: &Command) -> Result<(), Failure> {
    let common = match command {
        Command::Demo(common)
        | Command::Audit { common, .. }
        | Command::Run { common, .. }
        | Command::Rescore { common, .. } => common,
        Command::Inspect { common, .. } => {
            return match common.format {
                Format::Text | Format::Json | Format::Md => Ok(()),
                _ => Err(Failure::Input(
                    "inspect: --format must be text, json or md".into(),
                )),
            };
        }
        _ => return Ok(()),
    };
    if common.format == Format::Xlsx && common.out.is_none() {
        return Err(Failure::Input("xlsx needs --out".into()));
    }
    Ok(())
}

fn rules_check(files: &[PathBuf]) -> Result<(), Failure> {
    if files.is_empty() {
        return Err(Failure::Input(
            "rules check: give at least one rule file".into(),
        ));
    }
    let mut failed = Vec::new();
    for f in files {
        // A file with top-level `years:` is a holidays file (working-day calendar).
        if ttdt::calendar::is_holidays_file(f) {
            let (ok, report) = ttdt::calendar::check_report(f);
            print!("{report}");
            if !ok {
                failed.push(f.display().to_string());
            }
            continue;
        }
        // A file with top-level `blocks:` is an IT-application scheme; otherwise website rules.
        match ttdt::scheme::load_any(f) {
            Ok(scheme) if !matches!(scheme.blocks, ttdt::scheme::Blocks::Any { .. }) => {
                println!(
                    "{}: OK — {} (sơ đồ xếp hạng, {} khối)",
                    f.display(),
                    scheme.id,
                    scheme_blocks(&scheme)
                );
            }
            Err(errs) if is_scheme_file(f) => {
                print!("{}", ttdt::rules::format_errors(&errs));
                failed.push(f.display().to_string());
            }
            _ => {
                let (ok, report) = ttdt::rules::check_report(f);
                print!("{report}");
                if !ok {
                    failed.push(f.display().to_string());
                }
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure::Input(format!(
            "invalid rule file(s): {}",
            failed.join(", ")
        )))
    }
}

/// An IT-application scheme declares its blocks at the top level; website rules do not.
fn is_scheme_file(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.lines().any(|l| l.starts_with("blocks:")))
}

fn scheme_blocks(scheme: &ttdt::scheme::Scheme) -> usize {
    match &scheme.blocks {
        ttdt::scheme::Blocks::Declared(b) => b.len(),
        ttdt::scheme::Blocks::Any { .. } => 0,
    }
}
