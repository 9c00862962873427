//! CSV for machines: UTF-8 with a byte-order mark (so Excel opens Vietnamese names correctly),
//! comma-separated, decimal point, RFC 4180 quoting, CRLF line ends.

use crate::rank::tables::RankTables;

/// The byte-order mark that starts every CSV we write.
pub const BOM: &str = "\u{feff}";

/// Header of [`rank_tables_csv`].
pub const RANK_HEADER: &str = "block,table,stt,agency,score,rank,band,band_label";

/// The tables of `ttdt rank --format csv`: one row per (block, table, agency), in table and
/// display order. `table` is `total` or the category id; `band` and `band_label` are empty in
/// category tables.
pub fn rank_tables_csv(tables: &RankTables) -> String {
    let mut out = String::from(BOM);
    out.push_str(RANK_HEADER);
    out.push_str("\r\n");
    for t in &tables.tables {
        for (i, r) in t.rows.iter().enumerate() {
            let (band, label) = r
                .band
                .as_ref()
                .map_or(("", ""), |b| (b.id.as_str(), b.label.as_str()));
            let fields = [
                field(&t.block.id),
                field(t.table_id()),
                (i + 1).to_string(),
                field(&r.agency),
                number(r.score),
                r.rank.to_string(),
                field(band),
                field(label),
            ];
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// A text field, quoted when it holds a comma, quote, line break or edge spaces.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A number with a decimal point and no float noise: `83.8`, `70`, `6.75`.
pub fn number(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6 + 0.0;
    format!("{r}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_numbers() {
        assert_eq!(field("Sở Y tế"), "Sở Y tế");
        assert_eq!(field("Sở Văn hóa, Thể thao"), "\"Sở Văn hóa, Thể thao\"");
        assert_eq!(field("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(number(83.8), "83.8");
        assert_eq!(number(70.0), "70");
        assert_eq!(number(9.0 + 24.8 + 23.0 + 8.0 + 10.0 + 9.0), "83.8");
        assert_eq!(number(-0.0), "0");
    }
}
