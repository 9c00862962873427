//! The HTML report: one self-contained file (inline CSS and SVG, no script, no external
//! request) that officials can open in any browser or print. Vietnamese labels throughout.
//!
//! Everything that comes from audited sites or input files (agency names, URLs, snippets,
//! reasons, auditors) goes through [`escape`], in text and in attributes alike; a URL becomes a
//! link only when it starts with `http://` or `https://`.

use std::fmt::Write as _;

use crate::rank::tables::{RankTable, RankTables};
use crate::rank::{BandShare, BlockRanking};
use crate::score::SiteScore;

use super::{
    PROVISIONAL_NOTE, Report, override_line, site_status_label, status_label, vn_date,
    vn_date_or_dash, vn_decimal,
};

/// Print-friendly inline style sheet.
const CSS: &str = "body{font-family:system-ui,'Segoe UI',Arial,sans-serif;margin:2em auto;\
max-width:60em;padding:0 1em;color:#222;line-height:1.4}\
h1{font-size:1.6em}h2{border-bottom:2px solid #ccc;margin-top:2em}\
table{border-collapse:collapse;margin:.5em 0 1em}\
caption{caption-side:bottom;font-style:italic;padding-top:.3em;text-align:left}\
tr.band th{background:#fafafa;font-weight:bold}\
th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left;vertical-align:top}\
th{background:#f0f0f0}td.num{text-align:right}\
.meta{color:#555}.fix{color:#444}\
.incomplete{border:2px solid #c62828;background:#fdecea;color:#8e0000;padding:.5em 1em}.snippet{color:#555;font-size:.9em}\
section.agency{border-top:1px solid #ddd;padding-top:.5em}\
svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#222}\
.legend span{display:inline-block;margin-right:1em}\
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}\
@media print{body{margin:0;max-width:none;font-size:10pt}a{color:inherit;text-decoration:none}\
section.agency{break-inside:avoid-page}h2{break-before:page}h2.first{break-before:auto}\
table,svg{break-inside:avoid}th{background:#eee !important;-webkit-print-color-adjust:exact;\
print-color-adjust:exact}rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// Escape text for HTML content and attribute values (`&`, `<`, `>`, `"`, `'`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// CSS colour of a band id: tốt green, khá blue, trung bình orange, yếu red, grey otherwise.
pub fn band_css_color(band_id: &str) -> &'static str {
    match band_id {
        "tot" => "#2e7d32",
        "kha" => "#1565c0",
        "trung_binh" => "#ef6c00",
        "yeu" => "#c62828",
        _ => "#757575",
    }
}

/// `text` as a link to `url` when the URL is http(s), else as plain escaped text.
fn link(url: &str, text: &str) -> String {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        format!("<a href=\"{}\">{}</a>", escape(url), escape(text))
    } else {
        escape(text)
    }
}

/// One bar of a horizontal bar chart.
struct Bar {
    label: String,
    value: f64,
    max: f64,
    color: &'static str,
    note: String,
}

/// A horizontal bar chart: each bar's length is its value against `scale` (the largest
/// maximum); a light bar behind shows the bar's own maximum.
fn bar_chart(title: &str, bars: &[Bar]) -> String {
    const LABEL_W: f64 = 300.0;
    const BAR_W: f64 = 320.0;
    const ROW_H: f64 = 22.0;
    let scale = bars.iter().map(|b| b.max).fold(0.0_f64, f64::max);
    let height = ROW_H * bars.len() as f64 + 8.0;
    let width = LABEL_W + BAR_W + 170.0;
    let mut svg = format!(
        "<svg role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">\
         <title>{}</title>",
        escape(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + ROW_H * i as f64;
        let frac = |v: f64| {
            if scale > 0.0 {
                (v / scale).clamp(0.0, 1.0) * BAR_W
            } else {
                0.0
            }
        };
        let label: String = if b.label.chars().count() > 38 {
            b.label.chars().take(37).collect::<String>() + "…"
        } else {
            b.label.clone()
        };
        let _ = write!(
            svg,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{LABEL_W}\" y=\"{y}\" width=\"{mw:.1}\" height=\"16\" fill=\"#e6e6e6\"/>\
             <rect x=\"{LABEL_W}\" y=\"{y}\" width=\"{vw:.1}\" height=\"16\" fill=\"{color}\"/>\
             <text x=\"{nx:.1}\" y=\"{ty}\">{note}</text>",
            lx = LABEL_W - 6.0,
            ty = y + 12.5,
            label = escape(&label),
            mw = frac(b.max),
            vw = frac(b.value),
            color = b.color,
            nx = LABEL_W + frac(b.max.max(b.value)) + 6.0,
            note = escape(&b.note),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The band shares of a block as one stacked bar with a legend.
fn shares_chart(title: &str, shares: &[BandShare]) -> String {
    const W: f64 = 560.0;
    let total: usize = shares.iter().map(|s| s.count).sum();
    let mut svg = format!(
        "<svg role=\"img\" viewBox=\"0 0 {W} 24\" width=\"{W}\" height=\"24\">\
         <title>Tỷ lệ xếp loại — {}</title>",
        escape(title)
    );
    let mut x = 0.0;
    for s in shares {
        if s.count == 0 || total == 0 {
            continue;
        }
        let w = W * s.count as f64 / total as f64;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"24\" fill=\"{}\"/>",
            band_css_color(&s.band.id)
        );
        if w > 40.0 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"16\" text-anchor=\"middle\" style=\"fill:#fff\">{}%</text>",
                x + w / 2.0,
                s.percent
            );
        }
        x += w;
    }
    svg.push_str("</svg><p class=\"legend\">");
    for s in shares {
        let _ = write!(
            svg,
            "<span><span class=\"swatch\" style=\"background:{}\"></span>{}: {} ({}%)</span>",
            band_css_color(&s.band.id),
            escape(&s.band.label),
            s.count,
            s.percent
        );
    }
    svg.push_str("</p>");
    svg
}

/// A block's totals chart (bars against `scale`, the rules' maximum), band shares and table.
fn ranking_section(out: &mut String, block: &BlockRanking, scale: f64) {
    let _ = write!(out, "<h3>{}</h3>", escape(&block.title));
    let bars: Vec<Bar> = block
        .rows
        .iter()
        .map(|r| Bar {
            label: r.name.clone(),
            value: r.total,
            max: scale.max(r.total),
            color: band_css_color(&r.band.id),
            note: format!(
                "{}{} — {}",
                vn_decimal(r.total),
                if r.provisional { "*" } else { "" },
                r.band.label
            ),
        })
        .collect();
    out.push_str(&bar_chart(&format!("Tổng điểm — {}", block.title), &bars));
    out.push_str(&shares_chart(&block.title, &block.band_shares));
    out.push_str(
        "<table><thead><tr><th>STT</th><th>Tên cơ quan</th><th>Tổng điểm</th>\
         <th>Xếp loại</th><th>Xếp hạng</th></tr></thead><tbody>",
    );
    for (i, r) in block.rows.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}{}</td><td>{}</td>\
             <td class=\"num\">{}</td></tr>",
            i + 1,
            escape(&r.name),
            vn_decimal(r.total),
            if r.provisional { "*" } else { "" },
            escape(&r.band.label),
            r.rank
        );
    }
    let _ = write!(
        out,
        "</tbody></table><p class=\"meta\">Điểm trung bình: {}</p>",
        vn_decimal(block.average)
    );
    if block.has_provisional() {
        let _ = write!(out, "<p class=\"meta\">{}</p>", escape(PROVISIONAL_NOTE));
    }
}

/// One agency: summary, group chart and table, evidence, and what to fix.
fn site_section(out: &mut String, site: &SiteScore) {
    let _ = write!(
        out,
        "<section class=\"agency\"><h3>{}</h3><p class=\"meta\">Địa chỉ: {} · Khối: {} · \
         Tình trạng: {} · Số trang đã đọc: {}</p><p><strong>Tổng điểm: {}{}/{}</strong> — \
         Xếp loại: {}{}</p>",
        escape(&site.agency.name),
        link(&site.url, &site.url),
        escape(&site.agency.block),
        site_status_label(site.status),
        site.pages_fetched,
        vn_decimal(site.total),
        if site.provisional { "*" } else { "" },
        vn_decimal(site.max),
        escape(&site.band.label),
        site.rank
            .map(|r| format!(" — Xếp hạng: {r}"))
            .unwrap_or_default(),
    );
    if site.provisional {
        let _ = write!(out, "<p class=\"meta\">{}</p>", escape(PROVISIONAL_NOTE));
    }
    if !site.groups.is_empty() {
        let bars: Vec<Bar> = site
            .groups
            .iter()
            .map(|g| Bar {
                label: g.name.clone(),
                value: g.score,
                max: g.max,
                color: "#1565c0",
                note: format!("{}/{}", vn_decimal(g.score), vn_decimal(g.max)),
            })
            .collect();
        out.push_str(&bar_chart(
            &format!("Điểm theo nhóm tiêu chí — {}", site.agency.name),
            &bars,
        ));
    }
    out.push_str(
        "<h4>Điểm theo nhóm tiêu chí</h4><table><thead><tr><th>Nhóm tiêu chí</th>\
         <th>Điểm</th><th>Tối đa</th><th>Trạng thái</th><th>Cập nhật gần nhất</th></tr>\
         </thead><tbody>",
    );
    for g in &site.groups {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>\
             <td>{}</td></tr>",
            escape(&g.name),
            vn_decimal(g.score),
            vn_decimal(g.max),
            status_label(g.status),
            vn_date_or_dash(g.last_updated)
        );
    }
    out.push_str("</tbody></table>");
    if let Some(line) = super::public_services_line(site) {
        let _ = write!(out, "<p>{}</p>", escape(&line));
    }
    if !site.fetch_errors.is_empty() {
        let _ = write!(
            out,
            "<p class=\"meta\">Lỗi khi tải trang: {}</p>",
            site.fetch_errors.len()
        );
    }
    for l in super::crawl_note_lines(site) {
        let _ = write!(out, "<p class=\"meta\">{}</p>", escape(&l));
    }
    let has_evidence = site.groups.iter().any(|g| !g.evidence.is_empty());
    if has_evidence {
        out.push_str("<h4>Bằng chứng</h4><ul>");
        for g in site.groups.iter().filter(|g| !g.evidence.is_empty()) {
            let _ = write!(out, "<li>{}<ul>", escape(&g.name));
            for e in &g.evidence {
                let _ = write!(
                    out,
                    "<li>{} <span class=\"snippet\">{}</span>{}{}</li>",
                    link(&e.url, &e.url),
                    escape(&e.snippet),
                    e.date
                        .map(|d| format!(" · ngày {}", vn_date(d)))
                        .unwrap_or_default(),
                    e.record_id
                        .as_deref()
                        .map(|id| format!(" · bản lưu <code>{}</code>", escape(id)))
                        .unwrap_or_default(),
                );
            }
            out.push_str("</ul></li>");
        }
        out.push_str("</ul>");
    }
    let listed = super::listed_criteria(site);
    if !listed.is_empty() {
        out.push_str("<h4>Tiêu chí chưa đạt và cách khắc phục</h4><ul>");
        for (g, c) in listed {
            let _ = write!(
                out,
                "<li><strong>{} / {}</strong>: {} ({}/{}). {}",
                escape(&g.name),
                escape(&c.name),
                status_label(c.status),
                vn_decimal(c.score),
                vn_decimal(c.max),
                escape(&c.reason)
            );
            if let Some(fix) = &c.fix {
                let _ = write!(
                    out,
                    "<br><span class=\"fix\">Cách khắc phục: {}</span>",
                    escape(fix)
                );
            }
            if let Some(o) = &c.override_ {
                let _ = write!(out, "<br>{}", escape(&override_line(c, o)));
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

/// The head of a page with the style sheet, and its `<h1>`: every HTML report starts so.
fn page_start(title: &str) -> String {
    let title = escape(title);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>"
    );
    out.push_str(CSS);
    let _ = write!(out, "</style></head><body><h1>{title}</h1>");
    out
}

/// One table of `ttdt rank`: a category heading, then for an overall table its totals chart
/// coloured by band and the band shares, then the table in the decision's layout (rows under
/// band headings), its caption, and the average.
fn rank_table_section(out: &mut String, table: &RankTable, tables: &RankTables) {
    let text = super::rank_table_text(table, tables);
    if let Some(h) = &text.heading {
        let _ = write!(out, "<h3>{}</h3>", escape(h));
    }
    if table.category.is_none() {
        let bars: Vec<Bar> = table
            .rows
            .iter()
            .map(|r| {
                let band = r.band.as_ref();
                Bar {
                    label: r.agency.clone(),
                    value: r.score,
                    max: table.max().max(r.score),
                    color: band_css_color(band.map_or("", |b| b.id.as_str())),
                    note: format!(
                        "{} — {}",
                        vn_decimal(r.score),
                        band.map_or("", |b| b.label.as_str())
                    ),
                }
            })
            .collect();
        out.push_str(&bar_chart(&text.caption, &bars));
        out.push_str(&shares_chart(&text.caption, &table.band_shares));
    }
    let _ = write!(
        out,
        "<table><caption>{}</caption><thead><tr><th>STT</th><th>Tên cơ quan</th><th>{}</th>\
         <th>Xếp hạng</th></tr></thead><tbody>",
        escape(&text.caption),
        escape(&text.score_header)
    );
    let mut stt = 0;
    for (heading, rows) in super::rank_table_sections(table) {
        if let Some(h) = heading {
            let _ = write!(
                out,
                "<tr class=\"band\"><th colspan=\"4\">{}</th></tr>",
                escape(&h)
            );
        }
        for r in rows {
            stt += 1;
            let _ = write!(
                out,
                "<tr><td class=\"num\">{stt}</td><td>{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td></tr>",
                escape(&r.agency),
                vn_decimal(r.score),
                r.rank
            );
        }
    }
    out.push_str("</tbody></table>");
    if table.category.is_none() {
        let _ = write!(
            out,
            "<p class=\"meta\">{}<br>{}</p>",
            escape(&super::rank_table_summary(table)),
            escape(super::SHARES_ROUNDING_NOTE)
        );
    }
}

/// The tables of `ttdt rank` as one self-contained HTML page: per block a section with its
/// overall table (chart, band shares, table) and its category tables.
pub fn render_rank_tables(tables: &RankTables) -> String {
    let mut out = page_start(&format!("Xếp hạng {}", tables.subject));
    let _ = write!(
        out,
        "<p class=\"meta\">Bộ tiêu chí: {} ({}) · SHA-256 <code>{}</code> · Công cụ: ttdt {}</p>",
        escape(&tables.scheme_title),
        escape(&tables.scheme_id),
        escape(&tables.scheme_sha256),
        env!("CARGO_PKG_VERSION")
    );
    let mut block = None;
    let mut first = " class=\"first\"";
    for table in &tables.tables {
        if block != Some(&table.block.id) {
            block = Some(&table.block.id);
            let _ = write!(out, "<h2{first}>{}</h2>", escape(&table.block.title));
            first = "";
        }
        rank_table_section(&mut out, table, tables);
    }
    out.push_str("</body></html>\n");
    out
}

/// Render a report as one self-contained HTML page.
pub fn render(report: &Report) -> String {
    let mut out = page_start("Báo cáo đánh giá Trang thông tin điện tử");
    let _ = write!(
        out,
        "<p class=\"meta\">Bộ tiêu chí: {} ({}) · Ngày đánh giá: {} · Lần chạy: {} · \
         Công cụ: {} {}</p>",
        escape(&report.rules.title),
        escape(&report.rules.id),
        vn_date(report.as_of),
        escape(&report.run_id),
        escape(&report.tool.name),
        escape(&report.tool.version)
    );
    if let Some(notice) = super::incomplete_notice(report) {
        let _ = write!(
            out,
            "<p class=\"incomplete\" role=\"alert\"><strong>⚠ {}</strong></p>",
            escape(&notice)
        );
    }
    if report.insecure {
        let _ = write!(
            out,
            "<p class=\"meta\">{}</p>",
            escape(super::INSECURE_NOTE)
        );
    }
    let mut first = " class=\"first\"";
    if let Some(ranking) = &report.rankings {
        let _ = write!(out, "<h2{first}>Xếp hạng</h2>");
        first = "";
        // Totals are drawn against the maximum score of the rules (100 when no site says).
        let scale = report.sites.iter().map(|s| s.max).fold(0.0_f64, f64::max);
        let scale = if scale > 0.0 { scale } else { 100.0 };
        for block in &ranking.blocks {
            ranking_section(&mut out, block, scale);
        }
    }
    let _ = write!(out, "<h2{first}>Kết quả từng cơ quan</h2>");
    for site in &report.sites {
        site_section(&mut out, site);
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape("<img src=x onerror='a'>&\""),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;"
        );
    }

    #[test]
    fn links_only_http() {
        assert_eq!(link("javascript:alert(1)", "x"), "x");
        assert_eq!(
            link("https://a.vn/?q=\"><b>", "t"),
            "<a href=\"https://a.vn/?q=&quot;&gt;&lt;b&gt;\">t</a>"
        );
    }
}
