//! Terminal report: Vietnamese labels, aligned columns, band colours on request.
//!
//! Columns are aligned by display width (`unicode-width`) of NFC text: a name that arrived in NFD
//! (base letter + combining tone mark) would otherwise count two `char`s for one visible cell.
//! Colours are ANSI escapes, only when the caller asks (`color`: the CLI passes true on a TTY),
//! and are added around already padded cells so they never disturb alignment.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::rank::{BlockRanking, Ranking};
use crate::score::SiteScore;

use super::{
    PROVISIONAL_NOTE, Report, band_color, override_line, status_color, status_label, vn_date,
    vn_date_or_dash, vn_decimal,
};

/// How many fetch errors a site section lists one by one (the rest are only counted).
const MAX_FETCH_ERRORS_LISTED: usize = 5;

/// The whole report: header, ranking per block (when present), then each site.
pub fn render(report: &Report, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} — đánh giá Trang TTĐT",
        report.tool.name, report.tool.version
    );
    let _ = writeln!(
        out,
        "Bộ tiêu chí: {} ({}, SHA-256 {})",
        report.rules.title,
        report.rules.id,
        short_hash(&report.rules.sha256)
    );
    let _ = writeln!(
        out,
        "Ngày tham chiếu: {} · Lượt chạy: {}\n",
        vn_date(report.as_of),
        report.run_id
    );
    if let Some(notice) = super::incomplete_notice(report) {
        let _ = writeln!(
            out,
            "{}\n",
            paint(&format!("⚠ {notice}"), Some("1;31"), color)
        );
    }
    if report.insecure {
        let _ = writeln!(out, "{}\n", super::INSECURE_NOTE);
    }
    if let Some(ranking) = &report.rankings {
        out.push_str(&render_ranking(ranking, color));
    }
    for site in &report.sites {
        let block = report
            .rankings
            .as_ref()
            .and_then(|r| r.block(&site.agency.block));
        out.push_str(&render_site(site, block, color));
    }
    out
}

/// The ranking tables only (also what `ttdt rank` prints).
pub fn render_ranking(ranking: &Ranking, color: bool) -> String {
    let mut out = String::new();
    for block in &ranking.blocks {
        out.push_str(&render_block(block, color));
    }
    out
}

fn render_block(block: &BlockRanking, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "XẾP HẠNG: {} — {} đơn vị, điểm trung bình {}",
        block.title,
        block.rows.len(),
        vn_decimal(block.average)
    );
    let rows: Vec<Vec<Cell>> = block
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // A space stands in for the `*` on complete totals so the digits stay aligned.
            let mark = match (r.provisional, block.has_provisional()) {
                (true, _) => "*",
                (false, true) => " ",
                (false, false) => "",
            };
            vec![
                Cell::plain((i + 1).to_string()),
                Cell::plain(r.name.clone()),
                Cell::plain(format!("{}{mark}", vn_decimal(r.total))),
                Cell::colored(r.band.label.clone(), band_color(&r.band.id)),
                Cell::plain(r.rank.to_string()),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            ("STT", Align::Right),
            ("Tên cơ quan", Align::Left),
            ("Tổng điểm", Align::Right),
            ("Xếp loại", Align::Left),
            ("Xếp hạng", Align::Right),
        ],
        &rows,
        color,
    ));
    let shares: Vec<String> = block
        .band_shares
        .iter()
        .map(|s| {
            let label = paint(&s.band.label, band_color(&s.band.id), color);
            format!("{label} {}%", s.percent)
        })
        .collect();
    let _ = writeln!(
        out,
        "Tỷ lệ xếp loại: {} (làm tròn theo phương pháp số dư lớn nhất, tổng 100%)",
        shares.join(" · ")
    );
    if block.has_provisional() {
        let _ = writeln!(out, "{PROVISIONAL_NOTE}");
    }
    out.push('\n');
    out
}

/// One site: totals, group table, what to fix (the `audit` self-check view), fetch errors.
/// `block` is the site's block ranking, used for "rank of N" and the block title.
pub fn render_site(site: &SiteScore, block: Option<&BlockRanking>, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "══ {} ══", site.agency.name);
    let _ = writeln!(out, "Địa chỉ: {}", site.url);
    let mark = if site.provisional { "*" } else { "" };
    let rank = match (site.rank, block) {
        (Some(r), Some(b)) => format!("{r}/{} ({})", b.rows.len(), b.title),
        (Some(r), None) => r.to_string(),
        (None, _) => "—".into(),
    };
    let _ = writeln!(
        out,
        "Tổng điểm: {}{mark}/{} · Xếp loại: {} · Xếp hạng: {rank}",
        vn_decimal(site.total),
        vn_decimal(site.max),
        paint(&site.band.label, band_color(&site.band.id), color)
    );
    let _ = writeln!(out, "Truy cập: {}", super::access_summary(site));
    if site.provisional {
        let _ = writeln!(
            out,
            "{PROVISIONAL_NOTE}: {}",
            super::unmeasured_group_names(site)
        );
    }

    let rows: Vec<Vec<Cell>> = site
        .groups
        .iter()
        .map(|g| {
            vec![
                Cell::plain(g.name.clone()),
                Cell::plain(vn_decimal(g.score)),
                Cell::plain(vn_decimal(g.max)),
                Cell::colored(status_label(g.status).into(), Some(status_color(g.status))),
                Cell::plain(vn_date_or_dash(g.last_updated)),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            ("Nhóm tiêu chí", Align::Left),
            ("Điểm", Align::Right),
            ("Tối đa", Align::Right),
            ("Trạng thái", Align::Left),
            ("Cập nhật gần nhất", Align::Left),
        ],
        &rows,
        color,
    ));
    if let Some(line) = super::public_services_line(site) {
        let _ = writeln!(out, "{line}");
    }

    let listed = super::listed_criteria(site);
    if !listed.is_empty() {
        out.push_str("Cần khắc phục:\n");
        for (g, c) in listed {
            let status = paint(status_label(c.status), Some(status_color(c.status)), color);
            let _ = writeln!(
                out,
                "  • {} › {}: {status} ({}/{}) — {}",
                g.name,
                c.name,
                vn_decimal(c.score),
                vn_decimal(c.max),
                c.reason
            );
            if let Some(fix) = &c.fix {
                let _ = writeln!(out, "    Cách khắc phục: {fix}");
            }
            if let Some(o) = &c.override_ {
                let _ = writeln!(out, "    {}", override_line(c, o));
            }
        }
    }

    if !site.fetch_errors.is_empty() {
        let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &site.fetch_errors {
            *by_reason.entry(e.reason.as_str()).or_default() += 1;
        }
        let summary: Vec<String> = by_reason.iter().map(|(r, n)| format!("{r} {n}")).collect();
        let _ = writeln!(
            out,
            "Lỗi truy cập: {} ({})",
            site.fetch_errors.len(),
            summary.join(", ")
        );
        let lines = super::fetch_error_lines(&site.fetch_errors, MAX_FETCH_ERRORS_LISTED, |e| {
            format!("{} — {}: {}", e.url, e.reason, e.detail)
        });
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
    }
    for l in super::crawl_note_lines(site) {
        let _ = writeln!(out, "{l}");
    }
    out.push('\n');
    out
}

/// Display width of text in terminal cells, after NFC normalisation.
pub fn display_width(s: &str) -> usize {
    crate::text::nfc(s).width()
}

/// Column alignment.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// A table cell: its text and optional colour.
struct Cell {
    text: String,
    color: Option<&'static str>,
}

impl Cell {
    fn plain(text: String) -> Self {
        Cell {
            text: crate::text::nfc(&text),
            color: None,
        }
    }

    fn colored(text: String, color: Option<&'static str>) -> Self {
        Cell {
            color,
            ..Cell::plain(text)
        }
    }
}

/// Render an aligned table, two spaces between columns, no trailing spaces.
fn table(headers: &[(&str, Align)], rows: &[Vec<Cell>], color: bool) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|(h, _)| display_width(h)).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(&c.text));
        }
    }
    let mut out = String::new();
    let header_cells: Vec<Cell> = headers
        .iter()
        .map(|(h, _)| Cell::plain((*h).to_string()))
        .collect();
    for row in std::iter::once(&header_cells).chain(rows) {
        let mut line = String::new();
        for (i, ((c, w), (_, align))) in row.iter().zip(&widths).zip(headers).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            // Padding goes outside the colour escapes so the escapes take no columns.
            let pad = " ".repeat(w - display_width(&c.text));
            let text = paint(&c.text, c.color, color);
            match align {
                Align::Left => {
                    line.push_str(&text);
                    line.push_str(&pad);
                }
                Align::Right => {
                    line.push_str(&pad);
                    line.push_str(&text);
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Wrap `text` in an ANSI colour when colour is on and the colour is known.
fn paint(text: &str, code: Option<&str>, color: bool) -> String {
    match code {
        Some(code) if color => format!("\x1b[{code}m{text}\x1b[0m"),
        _ => text.to_string(),
    }
}

/// First 12 hex digits: enough to recognise a rule file on screen (JSON keeps the full hash).
fn short_hash(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_counts_nfd_as_one_cell_per_letter() {
        // "Sở" in NFD: S, o, combining horn, combining hook above.
        let nfd = "So\u{31b}\u{309}";
        assert_eq!(display_width(nfd), 2);
        assert_eq!(display_width("Sở Nội vụ"), 9);
    }

    #[test]
    fn table_aligns_by_width_and_colours_outside_padding() {
        let rows = vec![
            vec![
                Cell::plain("Sở Nội vụ".into()),
                Cell::colored("Tốt".into(), Some("32")),
            ],
            vec![
                Cell::plain("Ban X".into()),
                Cell::colored("Trung bình".into(), Some("33")),
            ],
        ];
        let headers = [("Tên", Align::Left), ("Xếp loại", Align::Right)];
        let plain = table(&headers, &rows, false);
        let lines: Vec<&str> = plain.lines().collect();
        assert_eq!(lines[1], "Sở Nội vụ         Tốt");
        assert_eq!(lines[2], "Ban X      Trung bình");
        let colored = table(&headers, &rows, true);
        assert!(colored.contains("       \x1b[32mTốt\x1b[0m"), "{colored}");
        assert!(!plain.contains('\x1b'));
    }
}
