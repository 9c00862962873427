//! `ttdt rank <scores.csv> [--rules FILE] [--format md|csv|json|html|xlsx] [--out DIR]`: the ranking
//! tables of Decision 3247/QĐ-UBND (overall per block, then per category) from a scores file.
//!
//! The scheme is an IT-application scheme (`--scheme rules/sonla-2017-it.yaml`) or website
//! rules (the default, embedded `rules/sonla-2017.yaml`). The scores file is read and checked
//! completely before anything is printed or written: any problem exits 2 with every error as
//! `file:line:column: reason`.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::cli_support::Failure;
use ttdt::rank::{scores, tables};
use ttdt::scheme::{self, Scheme};

/// Arguments of `ttdt rank`.
#[derive(Args)]
pub(crate) struct RankArgs {
    /// Scores file (CSV, UTF-8): header `agency,block,<category ids>` or `agency,block,total`;
    /// comma or semicolon separated; decimal point or comma.
    scores: PathBuf,
    /// Scheme or rule file: an IT-application scheme (rules/sonla-2017-it.yaml) or website
    /// rules (default: the embedded rules/sonla-2017.yaml, which accept any block).
    #[arg(long, visible_alias = "scheme")]
    rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    format: RankFormat,
    /// Folder that also receives report.<ext>.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Formats of `ttdt rank`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RankFormat {
    /// Markdown tables like the decision (Bảng 1, 1.1 …).
    Md,
    /// CSV for machines: UTF-8 with BOM, comma-separated, decimal point.
    Csv,
    /// JSON: {"tables": [{"block", "table", "rows": [...]}]}.
    Json,
    /// One self-contained HTML page with charts (to the terminal, or report.html with --out).
    Html,
    /// Excel workbook: a sheet per table plus "Chi tiết" (needs --out).
    Xlsx,
}

impl RankFormat {
    fn ext(self) -> &'static str {
        match self {
            RankFormat::Md => "md",
            RankFormat::Csv => "csv",
            RankFormat::Json => "json",
            RankFormat::Html => "html",
            RankFormat::Xlsx => "xlsx",
        }
    }
}

/// Run `ttdt rank`.
pub(crate) fn run(args: RankArgs) -> Result<(), Failure> {
    let scheme = match &args.rules {
        None => Scheme::default_website(),
        Some(path) => scheme::load_any(path)
            .map_err(|e| Failure::Input(ttdt::rules::format_errors(&e).trim_end().to_string()))?,
    };
    let sheet = scores::read(&args.scores, &scheme)
        .map_err(|e| Failure::Input(scores::format_errors(&e)))?;
    let tables = tables::build(&sheet, &scheme);
    let text = match args.format {
        RankFormat::Md => ttdt::report::markdown::render_rank_tables(&tables),
        RankFormat::Csv => ttdt::report::csv::rank_tables_csv(&tables),
        RankFormat::Json => ttdt::report::json::rank_tables_json(&tables),
        RankFormat::Html => ttdt::report::html::render_rank_tables(&tables),
        RankFormat::Xlsx => {
            let Some(dir) = &args.out else {
                return Err(Failure::Input(
                    "--format xlsx writes a file: give the folder with --out DIR".into(),
                ));
            };
            let bytes = ttdt::report::xlsx::render_rank_tables(&tables)
                .map_err(|e| Failure::Runtime(format!("cannot build the workbook: {e}")))?;
            let path = write(dir, args.format, &bytes)?;
            eprintln!("{}", path.display());
            return Ok(());
        }
    };
    if let Some(dir) = &args.out {
        write(dir, args.format, text.as_bytes())?;
    }
    print!("{text}");
    Ok(())
}

/// Write `report.<ext>` into the output folder and return its path.
fn write(dir: &Path, format: RankFormat, bytes: &[u8]) -> Result<PathBuf, Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::Runtime(format!("{}: cannot create: {e}", dir.display())))?;
    let path = dir.join(format!("report.{}", format.ext()));
    std::fs::write(&path, bytes)
        .map_err(|e| Failure::Runtime(format!("{}: cannot write: {e}", path.display())))?;
    Ok(path)
}
