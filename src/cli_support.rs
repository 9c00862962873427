//! CLI plumbing kept out of `main.rs`: failures and exit codes, the progress bar, where reports
//! are written, single-page fetch for `inspect`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use std::io::IsTerminal;

use chrono::NaiveDate;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

use crate::{CommonOpts, Format};
use ttdt::classify::Dropped;
use ttdt::config::Agency;
use ttdt::crawl::{
    CrawlConfig, CrawlResult, Crawler, FetchKind, FetchOutcome, FetchRecord, SiteTarget,
};
use ttdt::extract::PageFacts;
use ttdt::report::json::Report;
use ttdt::report::markdown::MarkdownOptions;
use ttdt::rules::RuleSet;
use ttdt::runner::{ArchivedRun, Progress, RunDir, SnapshotSettings};

/// Why the command failed, mapped to the exit codes of the design notes.
#[derive(Debug)]
pub enum Failure {
    /// Nothing usable produced (exit 1).
    Runtime(String),
    /// Bad usage or bad input file, nothing written (exit 2).
    Input(String),
    /// `verify` found the evidence altered or incomplete (exit 3).
    Altered(String),
    /// SIGINT/SIGTERM stopped the crawl: the report (marked incomplete) and the snapshot were
    /// written all the same (exit 128 + signal number: 130, 143). Holds the signal name.
    Interrupted(String),
}

impl Failure {
    /// Message for stderr.
    pub fn message(&self) -> &str {
        match self {
            Failure::Runtime(m) | Failure::Input(m) | Failure::Altered(m) => m,
            Failure::Interrupted(_) => {
                "lượt chạy bị dừng, báo cáo và bằng chứng đã ghi nhưng chưa hoàn tất"
            }
        }
    }

    /// Process exit code.
    pub fn code(&self) -> u8 {
        match self {
            Failure::Runtime(_) => 1,
            Failure::Input(_) => 2,
            Failure::Altered(_) => 3,
            Failure::Interrupted(signal) => crate::interrupts::exit_code(signal),
        }
    }
}

/// One progress bar per site being crawled, on stderr, only on a terminal.
pub struct ProgressBars {
    multi: Option<MultiProgress>,
    overall: Option<ProgressBar>,
    bars: Mutex<BTreeMap<String, ProgressBar>>,
}

impl ProgressBars {
    /// Bars shown only when `show`.
    pub fn new(show: bool, sites: usize) -> Self {
        if !show {
            return ProgressBars {
                multi: None,
                overall: None,
                bars: Mutex::new(BTreeMap::new()),
            };
        }
        let multi = MultiProgress::new();
        let overall = multi.add(ProgressBar::new(sites as u64));
        overall.set_style(
            ProgressStyle::with_template("{prefix:.bold} [{bar:30}] {pos}/{len} trang web")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        overall.set_prefix("Đang kiểm tra");
        ProgressBars {
            multi: Some(multi),
            overall: Some(overall),
            bars: Mutex::new(BTreeMap::new()),
        }
    }
}

impl Progress for ProgressBars {
    fn site_started(&self, agency: &Agency) {
        let Some(multi) = &self.multi else { return };
        let bar = multi.add(ProgressBar::new_spinner());
        bar.set_style(
            ProgressStyle::with_template("  {spinner} {prefix}: {pos} lượt tải {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_prefix(agency.id.clone());
        if let Ok(mut bars) = self.bars.lock() {
            bars.insert(agency.id.clone(), bar);
        }
    }

    fn fetched(&self, agency_id: &str, record: &FetchRecord) {
        if let Ok(bars) = self.bars.lock()
            && let Some(bar) = bars.get(agency_id)
        {
            bar.inc(1);
            bar.set_message(record.url.clone());
        }
    }

    fn site_finished(&self, agency: &Agency, _: &CrawlResult) {
        if let Ok(mut bars) = self.bars.lock()
            && let Some(bar) = bars.remove(&agency.id)
        {
            bar.finish_and_clear();
        }
        if let Some(o) = &self.overall {
            o.inc(1);
        }
    }
}

/// Print the report on stdout and, with `--out`, write `report.<ext>` there.
pub fn write_output(text: &str, format: Format, out: Option<&Path>) -> Result<(), crate::Failure> {
    print!("{text}");
    if !text.ends_with('\n') {
        println!();
    }
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::Runtime(format!("{}: cannot create: {e}", dir.display())))?;
        let path = dir.join(format!("report.{}", format.ext()));
        std::fs::write(&path, text)
            .map_err(|e| Failure::Runtime(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(())
}

/// Render a report and print it (and write `DIR/report.<ext>` with `--out DIR`). A workbook
/// is binary: it is only written, to `DIR/report.xlsx`, and its path is printed to stderr.
pub fn output_report(
    report: &Report,
    format: Format,
    color: bool,
    out: Option<&Path>,
) -> Result<(), Failure> {
    if format != Format::Xlsx {
        return write_output(&render_report(report, format, color), format, out);
    }
    let dir = out.ok_or_else(|| Failure::Input("xlsx needs --out".into()))?;
    let bytes = ttdt::report::xlsx::render(report)
        .map_err(|e| Failure::Runtime(format!("cannot build the workbook: {e}")))?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::Runtime(format!("{}: cannot create: {e}", dir.display())))?;
    let path = dir.join("report.xlsx");
    std::fs::write(&path, bytes)
        .map_err(|e| Failure::Runtime(format!("{}: cannot write: {e}", path.display())))?;
    eprintln!("Báo cáo Excel: {}", path.display());
    Ok(())
}

/// `ttdt demo --out DIR`: the HTML and Excel reports next to the chosen format, paths on stderr.
fn write_extra_reports(report: &Report, common: &CommonOpts) -> Result<(), Failure> {
    let Some(dir) = common.out.as_deref() else {
        return Ok(());
    };
    let path = dir.join("report.html");
    if common.format != Format::Html {
        std::fs::write(&path, ttdt::report::html::render(report))
            .map_err(|e| Failure::Runtime(format!("{}: cannot write: {e}", path.display())))?;
    }
    eprintln!("Báo cáo HTML: {}", path.display());
    if common.format != Format::Xlsx {
        output_report(report, Format::Xlsx, false, Some(dir))?;
    }
    Ok(())
}

/// What the evidence snapshot of a run archives besides the crawl records.
pub struct Evidence<'a> {
    /// The exact rules file bytes.
    pub rules_bytes: &'a [u8],
    /// The overrides file text, if any.
    pub overrides_yaml: Option<&'a str>,
    /// The holidays file text the deadlines were counted in.
    pub holidays_yaml: Option<&'a str>,
    /// Operator named in warcinfo.
    pub operator: Option<&'a str>,
    /// Key to sign the manifest with.
    pub sign_key: Option<&'a Path>,
}

impl Evidence<'_> {
    /// Where the run streams its evidence: `--out DIR`, else `snapshots/<run-id>/`.
    pub fn snapshot_settings(&self, out: Option<&Path>) -> SnapshotSettings {
        SnapshotSettings {
            dir: match out {
                Some(dir) => RunDir::At(dir.to_path_buf()),
                None => RunDir::Under(PathBuf::from("snapshots")),
            },
            rules_bytes: self.rules_bytes.to_vec(),
            operator: self.operator.map(str::to_string),
            overrides_yaml: self.overrides_yaml.map(str::to_string),
            holidays_yaml: self.holidays_yaml.map(str::to_string),
        }
    }
}

/// Render the report of a run, print it, write `report.<ext>` (with `--out`), then finish the
/// run folder whose WARC files the run streamed: index, `findings.json`, manifest, signature.
///
/// The report always comes first: whatever happened to the evidence, the user sees the result;
/// a write error then fails the command (exit 1) with a message naming the file.
pub fn emit_run_report(
    run: ArchivedRun,
    rules: &RuleSet,
    blocks: &BTreeMap<String, String>,
    common: &CommonOpts,
    evidence: &Evidence<'_>,
) -> Result<(), Failure> {
    let ArchivedRun { output, snapshot } = run;
    let interrupted = output.interrupted.clone();
    let mut sites: Vec<_> = output.outcomes.iter().map(|o| o.score.clone()).collect();
    let ranking = ttdt::rank::rank_sites(&mut sites, rules, blocks);
    let mut report = Report::new(
        rules,
        common.as_of(),
        output.run_id.clone(),
        sites,
        Some(ranking),
    );
    report.insecure = common.insecure;
    if let Some(why) = &output.interrupted {
        report.mark_incomplete(why);
    }
    let color = std::io::stdout().is_terminal() && common.out.is_none();
    let dir = snapshot.dir().to_path_buf();
    // The report comes first: whatever happens to the evidence, the user sees the result.
    output_report(&report, common.format, color, common.out.as_deref())?;
    if common.extra_reports {
        // Before the snapshot is finished, so the manifest lists them and `verify` passes.
        write_extra_reports(&report, common)?;
    }
    snapshot
        .finish(&output, &report)
        .map_err(|e| Failure::Runtime(format!("evidence snapshot incomplete: {e}")))?;
    if let Some(key) = evidence.sign_key {
        let public = ttdt::snapshot::verify::sign(&dir, key)
            .map_err(|e| Failure::Runtime(format!("cannot sign the manifest: {e}")))?;
        eprintln!("Đã ký manifest.json (khóa công khai {public})");
    }
    eprintln!("Bằng chứng (WARC, chỉ mục, manifest): {}", dir.display());
    // Everything is written; the exit code still tells a script the run is not complete.
    match interrupted {
        Some(signal) => Err(Failure::Interrupted(signal)),
        None => Ok(()),
    }
}

/// `ttdt rescore DIR`: recompute every score from the stored WARC files alone.
pub fn rescore(dir: &Path, common: &CommonOpts) -> Result<(), Failure> {
    let run = ttdt::snapshot::rescore::load_run(dir).map_err(|e| Failure::Input(e.to_string()))?;
    let input =
        |errs: Vec<ttdt::rules::RuleError>| Failure::Input(ttdt::rules::format_errors(&errs));
    // Working days are counted in the run's own calendar unless `--holidays` names another.
    let rules = match &common.rules {
        Some(_) => {
            let mut rules = common.rules()?.0;
            if common.holidays.is_none()
                && let Some(calendar) = run.calendar().map_err(input)?
            {
                rules.calendar = std::sync::Arc::new(calendar);
            }
            rules
        }
        None => {
            let mut rules = run.rules().map_err(input)?;
            if let Some(calendar) = common.calendar()? {
                rules.calendar = calendar;
            }
            rules
        }
    };
    let as_of = common.as_of.unwrap_or(run.as_of);
    let mut sites = run.score(&rules, as_of);
    let mut blocks = ttdt::config::default_block_titles();
    for a in &run.agencies {
        blocks
            .entry(a.agency.block.clone())
            .or_insert_with(|| a.agency.block.clone());
    }
    let ranking = ttdt::rank::rank_sites(&mut sites, &rules, &blocks);
    let mut report = Report::new(&rules, as_of, run.run_id.clone(), sites, Some(ranking));
    report.insecure = run.agencies.iter().any(|a| a.insecure);
    if run.interrupted() {
        report.mark_incomplete(ttdt::score::INTERRUPTED);
    }
    let color = std::io::stdout().is_terminal() && common.out.is_none();
    output_report(&report, common.format, color, common.out.as_deref())
}

/// `ttdt verify DIR`: every digest, file and the manifest; exit 3 when anything is off.
pub fn verify(dir: &Path, pubkey: Option<&Path>) -> Result<(), Failure> {
    let report = match pubkey {
        Some(k) => ttdt::snapshot::verify::verify_signed(dir, k),
        None => ttdt::snapshot::verify::verify(dir),
    };
    for p in &report.problems {
        match &p.record_id {
            Some(id) => println!("{}: record {id}: {}", p.file, p.detail),
            None => println!("{}: {}", p.file, p.detail),
        }
    }
    if report.ok {
        println!(
            "{}: OK — {} tệp, {} bản ghi WARC đã kiểm tra{}",
            dir.display(),
            report.files_checked,
            report.records_checked,
            if report.signature_valid == Some(true) {
                ", chữ ký hợp lệ"
            } else {
                ""
            }
        );
        Ok(())
    } else {
        Err(Failure::Altered(format!(
            "{}: evidence altered or incomplete ({} problem(s))",
            dir.display(),
            report.problems.len()
        )))
    }
}

/// A report in the chosen format (`color`: ANSI band colours, for a terminal).
pub fn render_report(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Text => ttdt::report::text::render(report, color),
        Format::Json => ttdt::report::json::to_json(report),
        Format::Md => ttdt::report::markdown::render(report, &MarkdownOptions::default()),
        Format::Csv => ttdt::report::csv::report_csv(report),
        Format::Html => ttdt::report::html::render(report),
        // A workbook is bytes, written by `output_report`; nothing to print.
        Format::Xlsx => String::new(),
    }
}

/// Fetch one page politely (robots.txt first) for `inspect`.
pub async fn fetch_one(url: &url::Url, mut config: CrawlConfig) -> Result<String, Failure> {
    config.max_pages = 1;
    let crawler = Crawler::new(config).map_err(|e| Failure::Runtime(format!("{e:#}")))?;
    let target = SiteTarget {
        start_url: url.clone(),
        scope: Vec::new(),
        extra_hosts: Vec::new(),
    };
    let result = crawler.crawl_site(&target, &|_| {}).await;
    let page = result
        .records
        .iter()
        .rev()
        .find(|r| r.kind == FetchKind::Page);
    match page.map(|r| &r.outcome) {
        Some(FetchOutcome::Response(resp)) if (200..300).contains(&resp.status) => {
            Ok(ttdt::text::decode(&resp.body, resp.header("content-type")).text)
        }
        Some(FetchOutcome::Response(resp)) => {
            Err(Failure::Runtime(format!("{url}: HTTP {}", resp.status)))
        }
        Some(FetchOutcome::Failed { reason, detail }) => {
            Err(Failure::Runtime(format!("{url}: {reason:?}: {detail}")))
        }
        None => Err(Failure::Runtime(format!(
            "{url}: not fetched ({})",
            result
                .skipped
                .first()
                .map(|s| s.reason.as_str())
                .unwrap_or("no response")
        ))),
    }
}

/// `inspect` output: PageFacts, dates with kinds and use, and the groups the page evidences.
pub fn render_inspect(
    facts: &PageFacts,
    rules: &RuleSet,
    as_of: NaiveDate,
    format: Format,
) -> String {
    let decisions = ttdt::classify::page_decisions(facts, rules);
    let (matches, dropped): (Vec<_>, Vec<_>) = decisions.iter().partition(|(_, d)| d.is_none());
    let why = |m: &ttdt::classify::Match| match &m.target {
        Some(t) => format!("{} \"{}\" → {t}", m.where_, m.matched),
        None => format!("{} \"{}\"", m.where_, m.matched),
    };
    let match_json = |m: &ttdt::classify::Match| {
        serde_json::json!({
            "id": m.group,
            "criterion": m.criterion,
            "matched": m.matched,
            "where": m.where_,
            "pattern": m.pattern,
            "target": m.target,
            "why": why(m),
        })
    };
    let groups: Vec<serde_json::Value> = matches.iter().map(|(m, _)| match_json(m)).collect();
    let not_counted: Vec<serde_json::Value> = dropped
        .iter()
        .filter_map(|(m, d)| {
            let mut v = match_json(m);
            v["dropped"] = serde_json::to_value(d.as_ref()?).ok()?;
            Some(v)
        })
        .collect();
    match format {
        Format::Json => {
            let mut v = ttdt::extract::inspect_json(facts, as_of);
            v["groups"] = serde_json::Value::Array(groups);
            v["not_counted"] = serde_json::Value::Array(not_counted);
            let mut out = serde_json::to_string_pretty(&v).unwrap_or_default();
            out.push('\n');
            out
        }
        Format::Text | Format::Md | Format::Csv | Format::Html | Format::Xlsx => {
            let mut out = ttdt::extract::inspect_text(facts, as_of);
            out.push_str("\nNhóm tiêu chí có bằng chứng trên trang này:\n");
            if groups.is_empty() {
                out.push_str(if facts.script_only {
                    "  (chưa đo được: trang cần JavaScript)\n"
                } else {
                    "  (không có)\n"
                });
            }
            for (m, _) in &matches {
                out.push_str(&format!(
                    "  {} / {}: {}  [mẫu \"{}\"]\n",
                    m.group,
                    m.criterion,
                    why(m),
                    m.pattern
                ));
            }
            if !dropped.is_empty() {
                out.push_str("\nKhớp nhưng không tính (và vì sao):\n");
            }
            for (m, d) in &dropped {
                let reason = match d {
                    Some(Dropped::Outranked { group, pattern }) => {
                        format!("nhóm {group} khớp cụ thể hơn [mẫu \"{pattern}\"]")
                    }
                    Some(Dropped::NoSection { pattern, matched }) => format!(
                        "\"{matched}\" là tên không thuộc nhóm nào [mẫu no_section \"{pattern}\"]"
                    ),
                    Some(Dropped::TagPage) => {
                        "trang liệt kê theo thẻ/từ khóa, không phải chuyên mục".to_string()
                    }
                    Some(Dropped::PageNamesItself { groups }) => format!(
                        "trang tự nêu mục của mình ({}), URL chỉ cho biết phân hệ CMS",
                        groups.join(", ")
                    ),
                    None => continue,
                };
                out.push_str(&format!(
                    "  {} / {}: {}  [mẫu \"{}\"] — {reason}\n",
                    m.group,
                    m.criterion,
                    why(m),
                    m.pattern
                ));
            }
            out
        }
    }
}
