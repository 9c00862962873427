//! Markdown report in the layout of the decision's Bảng 3 / Bảng 4: per block one table
//! `| STT | Tên cơ quan | Tổng điểm | Xếp hạng |` whose rows are grouped under lettered band
//! headings with their share ("**A. Mức tốt (5%)**"), totals with a decimal comma, and the
//! caption "Bảng N. Xếp hạng Trang TTĐT của …" under the table as in the decision. Then one
//! details section per site, for the web editor: group table, what is not met and how to fix it,
//! and auditors' overrides next to the machine finding.

use std::fmt::Write as _;

use crate::rank::tables::{RankTable, RankTables};
use crate::rank::{BlockRanking, Ranking};
use crate::score::SiteScore;

use super::{
    PROVISIONAL_NOTE, Report, band_heading_label, heading_letter, override_line, status_label,
    vn_date, vn_date_or_dash, vn_decimal,
};

/// How many fetch errors a site's section lists before summarising the rest.
const MAX_FETCH_ERRORS_LISTED: usize = 20;

/// Options of the Markdown writer.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownOptions {
    /// Number of the first ranking table ("Bảng 1"); the decision's website tables are 3 and 4.
    pub first_table: u32,
    /// What is ranked, for titles and captions: "Trang TTĐT" for website rules, e.g.
    /// "mức độ ứng dụng CNTT" for an IT-application scheme.
    pub subject: String,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions {
            first_table: 1,
            subject: "Trang TTĐT".into(),
        }
    }
}

/// The whole report: header, ranking tables (when the report has rankings), site details.
pub fn render(report: &Report, opts: &MarkdownOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Kết quả đánh giá, xếp hạng {}\n", opts.subject);
    let _ = writeln!(
        out,
        "Bộ tiêu chí: **{}** (`{}`, SHA-256 `{}`) · Ngày tham chiếu: {} · Lượt chạy: `{}` · {} {}\n",
        cell(&report.rules.title),
        report.rules.id,
        report.rules.sha256,
        vn_date(report.as_of),
        report.run_id,
        report.tool.name,
        report.tool.version
    );
    if let Some(notice) = super::incomplete_notice(report) {
        let _ = writeln!(out, "> **⚠ {}**\n", cell(&notice));
    }
    if report.insecure {
        let _ = writeln!(out, "> {}\n", super::INSECURE_NOTE);
    }
    if let Some(ranking) = &report.rankings {
        out.push_str(&render_ranking(ranking, opts));
    }
    if !report.sites.is_empty() {
        out.push_str("## Chi tiết từng trang\n\n");
        for site in &report.sites {
            let block = report
                .rankings
                .as_ref()
                .and_then(|r| r.block(&site.agency.block));
            out.push_str(&render_site(site, block));
        }
    }
    out
}

/// The ranking tables only (also what `ttdt rank --format md` prints).
pub fn render_ranking(ranking: &Ranking, opts: &MarkdownOptions) -> String {
    let mut out = String::new();
    for (i, block) in ranking.blocks.iter().enumerate() {
        out.push_str(&render_block(
            block,
            opts.first_table + i as u32,
            &opts.subject,
        ));
    }
    out
}

/// One block's table, caption, average and shares.
fn render_block(block: &BlockRanking, table_number: u32, subject: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Xếp hạng {subject}: {}\n", cell(&block.title));
    out.push_str("| STT | Tên cơ quan | Tổng điểm | Xếp hạng |\n");
    out.push_str("|---:|:---|---:|---:|\n");
    // Rows grouped under the bands that have units, lettered in band order (the decision has
    // no "Mức tốt" heading when no unit is Tốt: its Bảng 4 starts at "A. Mức khá").
    let mut stt = 0;
    for (n, share) in block.non_empty_shares().enumerate() {
        let _ = writeln!(
            out,
            "| **{}. {} ({}%)** | | | |",
            heading_letter(n),
            band_heading_label(&share.band.label),
            share.percent
        );
        for row in block.rows.iter().filter(|r| r.band.id == share.band.id) {
            stt += 1;
            let mark = if row.provisional { "\\*" } else { "" };
            let _ = writeln!(
                out,
                "| {stt} | {} | {}{mark} | {} |",
                cell(&row.name),
                vn_decimal(row.total),
                row.rank
            );
        }
    }
    let _ = writeln!(
        out,
        "\n*Bảng {table_number}. Xếp hạng {subject} của khối {}*\n",
        cell(&block.title)
    );
    let shares = super::shares_summary(&block.band_shares);
    let _ = writeln!(
        out,
        "Điểm trung bình: {} ({} đơn vị). Tỷ lệ xếp loại: {}.\n",
        vn_decimal(block.average),
        block.rows.len(),
        shares
    );
    out.push_str(
        "Tỷ lệ được làm tròn đến số nguyên theo phương pháp số dư lớn nhất, nên tổng luôn bằng 100%.\n\n",
    );
    if block.has_provisional() {
        let _ = writeln!(out, "\\{PROVISIONAL_NOTE}\n");
    }
    out
}

/// The tables of `ttdt rank` in the decision's layout: per block a section with its overall
/// table (rows under lettered band headings with their shares, "**A. Mức khá (67%)**", and the
/// caption "Bảng 1. Xếp hạng tổng thể … của các sở, ngành" under it), then each category's
/// table ("1.1. Hạng mục Hạ tầng kỹ thuật CNTT", caption "Bảng 1.1. Xếp hạng hạng mục …"),
/// which has no bands.
pub fn render_rank_tables(tables: &RankTables) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Xếp hạng {}\n", tables.subject);
    let _ = writeln!(
        out,
        "Bộ tiêu chí: **{}** (`{}`, SHA-256 `{}`)\n",
        cell(&tables.scheme_title),
        tables.scheme_id,
        tables.scheme_sha256
    );
    let mut block = None;
    for table in &tables.tables {
        if block != Some(&table.block.id) {
            block = Some(&table.block.id);
            let _ = writeln!(out, "## {}\n", cell(&table.block.title));
        }
        out.push_str(&render_rank_table(table, tables));
    }
    out
}

/// One table of [`render_rank_tables`].
fn render_rank_table(table: &RankTable, tables: &RankTables) -> String {
    let mut out = String::new();
    let text = super::rank_table_text(table, tables);
    if let Some(h) = &text.heading {
        let _ = writeln!(out, "### {}\n", cell(h));
    }
    let _ = writeln!(
        out,
        "| STT | Tên cơ quan | {} | Xếp hạng |",
        cell(&text.score_header)
    );
    out.push_str("|---:|:---|---:|---:|\n");
    let mut stt = 0;
    for (heading, rows) in super::rank_table_sections(table) {
        if let Some(h) = heading {
            let _ = writeln!(out, "| **{}** | | | |", cell(&h));
        }
        for r in rows {
            stt += 1;
            let _ = writeln!(
                out,
                "| {stt} | {} | {} | {} |",
                cell(&r.agency),
                vn_decimal(r.score),
                r.rank
            );
        }
    }
    let _ = writeln!(out, "\n*{}*\n", cell(&text.caption));
    if table.category.is_none() {
        let _ = writeln!(out, "{}\n", super::rank_table_summary(table));
        let _ = writeln!(out, "{}\n", super::SHARES_ROUNDING_NOTE);
    }
    out
}

/// The details section of one site. `block` is its block's ranking, when the report ranks: it
/// gives the block title and "rank of N".
pub fn render_site(site: &SiteScore, block: Option<&BlockRanking>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", cell(&site.agency.name));
    let block_title = block.map_or(site.agency.block.as_str(), |b| b.title.as_str());
    let _ = writeln!(out, "- Khối: {}", cell(block_title));
    let _ = writeln!(out, "- Địa chỉ: <{}>", site.url);
    let mark = if site.provisional { "\\*" } else { "" };
    let rank = match (site.rank, block) {
        (Some(r), Some(b)) => format!("{r}/{}", b.rows.len()),
        (Some(r), None) => r.to_string(),
        (None, _) => "—".into(),
    };
    let _ = writeln!(
        out,
        "- Tổng điểm: **{}{mark}**/{} · Xếp loại: **{}** · Xếp hạng: {rank}",
        vn_decimal(site.total),
        vn_decimal(site.max),
        site.band.label
    );
    let _ = writeln!(out, "- Truy cập: {}", super::access_summary(site));
    if site.provisional {
        let _ = writeln!(
            out,
            "- \\{PROVISIONAL_NOTE}: {}",
            cell(&super::unmeasured_group_names(site))
        );
    }
    out.push('\n');

    out.push_str("| Nhóm tiêu chí | Điểm | Tối đa | Trạng thái | Cập nhật gần nhất |\n");
    out.push_str("|:---|---:|---:|:---|:---|\n");
    for g in &site.groups {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&g.name),
            vn_decimal(g.score),
            vn_decimal(g.max),
            status_label(g.status),
            vn_date_or_dash(g.last_updated)
        );
    }
    out.push('\n');
    if let Some(line) = super::public_services_line(site) {
        let _ = writeln!(out, "{}\n", cell(&line));
    }

    let listed = super::listed_criteria(site);
    if !listed.is_empty() {
        out.push_str("**Tiêu chí chưa đạt và kết quả thẩm định**\n\n");
        for (g, c) in listed {
            let _ = writeln!(
                out,
                "- **{} › {}** — {}, {}/{}. Lý do: {}",
                g.name,
                c.name,
                status_label(c.status),
                vn_decimal(c.score),
                vn_decimal(c.max),
                c.reason
            );
            if let Some(fix) = &c.fix {
                let _ = writeln!(out, "  - Cách khắc phục: {fix}");
            }
            if let Some(o) = &c.override_ {
                let _ = writeln!(out, "  - {}", override_line(c, o));
            }
        }
        out.push('\n');
    }

    if !site.fetch_errors.is_empty() {
        out.push_str("**Lỗi truy cập**\n\n");
        let lines = super::fetch_error_lines(&site.fetch_errors, MAX_FETCH_ERRORS_LISTED, |e| {
            format!("<{}> — `{}`: {}", e.url, e.reason, e.detail)
        });
        for l in lines {
            let _ = writeln!(out, "- {l}");
        }
        out.push('\n');
    }
    let notes = super::crawl_note_lines(site);
    if !notes.is_empty() {
        for l in notes {
            let _ = writeln!(out, "- {}", cell(&l));
        }
        out.push('\n');
    }
    out
}

/// Make text safe inside a table cell or an emphasis: a `|` would end the cell and a newline
/// the row.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
