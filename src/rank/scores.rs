//! The scores file of `ttdt rank`: one agency per row, its block, and either its category
//! scores or its total, checked against a [`Scheme`].
//!
//! ```text
//! agency,block,ha_tang,noi_bo,nguoi_dan,an_toan,nhan_luc,chinh_sach,cap_xa
//! Sở Thông tin và Truyền thông,so_nganh,9,24.8,23,8,10,9,
//! UBND huyện Sông Mã,ubnd_huyen,2,19.5,17.5,4,10,8,9
//! ```
//! or `agency,block,total` when only totals are known. What is accepted:
//! - **Encoding**: UTF-8, with or without a byte-order mark (Excel writes one).
//! - **Separator**: comma, semicolon or tab, whichever the header line uses most (outside
//!   quotes). Fields may be quoted the RFC 4180 way (`"…"`, `""` for a quote, line breaks
//!   inside quotes).
//! - **Numbers**: decimal point or decimal comma (`83.8`, `83,8`; with comma separators a
//!   decimal comma must be quoted, `"83,8"`).
//! - **Header**: `agency`, `block`, then `total` and/or category ids, in any order, compared
//!   without case. With category columns the total is their sum (a `total` column next to
//!   them must agree to within printing, 0.05); with `total` alone no category table is made.
//! - **Rows**: each block's categories must be filled in; a category that is not part of a
//!   block's scheme (`cap_xa` for `so_nganh`) must be left empty for that block. Rows with
//!   every field empty are skipped.
//!
//! Every problem is reported as `file:line:column: reason` (column in characters, the start of
//! the field at fault), all of them at once, so a file is fixed in one round; nothing is
//! ranked while any remains. The agency name is kept as written (trimmed) for the output;
//! duplicates are found after [`crate::text::fold`] (case, diacritics, punctuation and spacing
//! ignored: "Sở Lao động-Thương binh và Xã hội" = "Sở Lao động - Thương binh và xã hội").

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::scheme::{Scheme, SchemeBlock};

/// Printed totals are rounded to one decimal: a given total may differ from the sum of its
/// categories by this much.
const TOTAL_TOLERANCE: f64 = 0.05 + 1e-9;

/// Most decimals kept when summing categories (sums are rounded to the inputs' precision so
/// that 9 + 24.8 + 23 is 56.8, not 56.800000000000004).
const MAX_DECIMALS: u32 = 6;

/// One located problem in a scores file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// File name as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters (the byte-order mark is not counted).
    pub column: usize,
    /// Reason.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// One `file:line:column: reason` line per error, then `N error(s)`.
pub fn format_errors(errors: &[InputError]) -> String {
    let mut out = String::new();
    for e in errors {
        out.push_str(&e.to_string());
        out.push('\n');
    }
    let n = errors.len();
    out.push_str(&format!("{n} error{}", if n == 1 { "" } else { "s" }));
    out
}

/// A validated scores file.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreSheet {
    /// The separator found in the header.
    pub separator: char,
    /// True when the file gives category scores (so per-category tables can be made).
    pub has_categories: bool,
    /// Rows in file order.
    pub rows: Vec<ScoreRow>,
}

/// One agency's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    /// Line of the row in the file.
    pub line: usize,
    /// Agency name as written (trimmed).
    pub agency: String,
    /// The name folded for matching ([`crate::text::fold`]); unique in a sheet.
    pub key: String,
    /// Block id.
    pub block: String,
    /// Category scores in the order of the block's scheme (empty when only totals are given).
    pub categories: Vec<(String, f64)>,
    /// Total: the sum of the categories, or the given total.
    pub total: f64,
}

/// Read and check a scores file (see the module docs).
pub fn read(path: &Path, scheme: &Scheme) -> Result<ScoreSheet, Vec<InputError>> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        vec![InputError {
            file: file.clone(),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        }]
    })?;
    parse_bytes(&bytes, &file, scheme)
}

/// Check bytes that should be UTF-8 CSV; `file` names them in errors.
pub fn parse_bytes(
    bytes: &[u8],
    file: &str,
    scheme: &Scheme,
) -> Result<ScoreSheet, Vec<InputError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, file, scheme),
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
            Err(vec![InputError {
                file: file.to_string(),
                line,
                column,
                message: "not valid UTF-8: save the file as \"CSV UTF-8\"".into(),
            }])
        }
    }
}

/// Check CSV text (a leading byte-order mark is ignored); `file` names it in errors.
pub fn parse(text: &str, file: &str, scheme: &Scheme) -> Result<ScoreSheet, Vec<InputError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = detect_separator(text);
    let mut checker = Checker {
        file,
        scheme,
        separator,
        errors: Vec::new(),
    };
    let records = tokenize(text, separator, &mut checker.errors);
    // A broken quote shifts every field after it: what follows would only be noise.
    let sheet = if checker.errors.is_empty() {
        checker.sheet(&records)
    } else {
        None
    };
    let mut errors = checker.errors;
    match sheet {
        Some(sheet) if errors.is_empty() => Ok(sheet),
        _ => {
            errors.sort_by_key(|e| (e.line, e.column));
            errors.dedup();
            for e in &mut errors {
                e.file = file.to_string();
            }
            Err(errors)
        }
    }
}

// ---- tokenizer -----------------------------------------------------------------------------

/// A field and where it starts.
#[derive(Debug, Clone)]
struct Field {
    text: String,
    line: usize,
    column: usize,
}

/// A record: its fields and where it ends (for values missing at the end of a short row).
#[derive(Debug, Clone)]
struct Record {
    fields: Vec<Field>,
    end_line: usize,
    end_column: usize,
}

impl Record {
    fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.text.trim().is_empty())
    }
}

/// The separator the header line uses most, outside quotes: `;`, `,` or tab (comma on a tie).
fn detect_separator(text: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            _ if !quoted => {
                if let Some(e) = counts.iter_mut().find(|(s, _)| *s == c) {
                    e.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .fold(
            (',', 0),
            |best, &(s, n)| if n > best.1 { (s, n) } else { best },
        )
        .0
}

/// Split CSV text into records (RFC 4180 quoting; `\n` or `\r\n` line ends). Malformed quoting
/// is reported into `errors` (with an empty file name, filled in by [`parse`]).
fn tokenize(text: &str, sep: char, errors: &mut Vec<InputError>) -> Vec<Record> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut column) = (1usize, 1usize);
    let located = |line, column, message: &str| InputError {
        file: String::new(),
        line,
        column,
        message: message.into(),
    };
    while chars.peek().is_some() {
        let mut fields = Vec::new();
        let (end_line, end_column) = loop {
            let (fl, fc) = (line, column);
            let mut text = String::new();
            let quoted = chars.peek() == Some(&'"');
            if quoted {
                chars.next();
                column += 1;
                loop {
                    match chars.next() {
                        None => {
                            errors.push(located(
                                fl,
                                fc,
                                "unterminated quote: this field opens with `\"` but never closes",
                            ));
                            break;
                        }
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            column += 2;
                            text.push('"');
                        }
                        Some('"') => {
                            column += 1;
                            break;
                        }
                        Some('\n') => {
                            line += 1;
                            column = 1;
                            text.push('\n');
                        }
                        Some(c) => {
                            column += 1;
                            text.push(c);
                        }
                    }
                }
                // Only spaces may follow the closing quote.
                let mut stray = None;
                while let Some(&c) = chars.peek() {
                    if c == sep || c == '\n' || c == '\r' {
                        break;
                    }
                    if !c.is_whitespace() && stray.is_none() {
                        stray = Some(column);
                    }
                    chars.next();
                    column += 1;
                }
                if let Some(col) = stray {
                    errors.push(located(
                        line,
                        col,
                        "text after a closing quote: quote the whole field, and write a quote inside it as `\"\"`",
                    ));
                }
            }
            // Unquoted text (or what follows a quoted field) up to the separator or line end.
            loop {
                match chars.peek() {
                    None => break,
                    Some(&c) if c == sep => break,
                    Some('\n') => break,
                    Some('\r') => {
                        let mut ahead = chars.clone();
                        ahead.next();
                        if matches!(ahead.peek(), Some('\n') | None) {
                            break;
                        }
                        chars.next();
                        column += 1;
                        if !quoted {
                            text.push('\r');
                        }
                    }
                    Some(&c) => {
                        chars.next();
                        column += 1;
                        if !quoted {
                            text.push(c);
                        }
                    }
                }
            }
            fields.push(Field {
                text,
                line: fl,
                column: fc,
            });
            match chars.next() {
                Some(c) if c == sep => column += 1,
                Some('\r') => {
                    let end = (line, column);
                    chars.next(); // the '\n' (or end of text)
                    line += 1;
                    column = 1;
                    break end;
                }
                Some(_) => {
                    let end = (line, column);
                    line += 1;
                    column = 1;
                    break end;
                }
                None => break (line, column),
            }
        };
        records.push(Record {
            fields,
            end_line,
            end_column,
        });
    }
    records
}

// ---- checking ------------------------------------------------------------------------------

/// What a header column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column<'a> {
    Agency,
    Block,
    Total,
    Category(&'a str),
}

struct Checker<'a> {
    file: &'a str,
    scheme: &'a Scheme,
    separator: char,
    errors: Vec<InputError>,
}

/// A number read from a cell, with its count of decimals.
#[derive(Debug, Clone, Copy)]
struct Number {
    value: f64,
    decimals: u32,
}

/// A number as written in a CSV cell: optional sign, digits, optional decimal point or comma.
fn parse_number(s: &str) -> Option<Number> {
    let s = s.trim();
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = match body.find(['.', ',']) {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, ""),
    };
    let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    if !digits(int) || !digits(frac) || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    if body.contains(['.', ',']) && frac.is_empty() {
        return None;
    }
    let value: f64 = s.replace(',', ".").parse().ok()?;
    Some(Number {
        value,
        decimals: frac.len() as u32,
    })
}

/// A number for messages, with a decimal point as the file might have it: `12`, `10.5`.
fn show(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// Round to `decimals` places (at most [`MAX_DECIMALS`]).
fn round_to(x: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(decimals.min(MAX_DECIMALS) as i32);
    (x * f).round() / f
}

impl<'a> Checker<'a> {
    fn err(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.errors.push(InputError {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        });
    }

    fn err_at(&mut self, f: &Field, message: impl Into<String>) {
        let (line, column) = (f.line, f.column);
        self.err(line, column, message);
    }

    /// The list of columns a header may have, for messages.
    fn known_columns(&self) -> String {
        let mut names = vec!["agency", "block", "total"];
        names.extend(self.scheme.category_ids());
        names.join(", ")
    }

    fn header(&mut self, record: &Record) -> Option<Vec<Column<'a>>> {
        let scheme: &'a Scheme = self.scheme;
        let categories = scheme.category_ids();
        let mut columns = Vec::new();
        let mut ok = true;
        for f in &record.fields {
            let name = f.text.trim().to_lowercase();
            let column = match name.as_str() {
                "agency" => Some(Column::Agency),
                "block" => Some(Column::Block),
                "total" => Some(Column::Total),
                _ => categories
                    .iter()
                    .find(|c| **c == name)
                    .map(|c| Column::Category(c)),
            };
            match column {
                Some(c) if columns.contains(&c) => {
                    self.err_at(f, format!("duplicate column `{name}`"));
                    ok = false;
                }
                Some(c) => columns.push(c),
                None => {
                    let hint = if scheme.accepts_any_block() && !name.is_empty() {
                        " (category columns of an IT-application scheme need `--scheme rules/sonla-2017-it.yaml`)"
                    } else {
                        ""
                    };
                    let shown = if name.is_empty() {
                        "unknown column: the header has an empty name".to_string()
                    } else {
                        format!("unknown column `{}`", f.text.trim())
                    };
                    self.err_at(
                        f,
                        format!(
                            "{shown}; scheme `{}` knows: {}{hint}",
                            scheme.id,
                            self.known_columns()
                        ),
                    );
                    ok = false;
                }
            }
        }
        for (needed, name) in [(Column::Agency, "agency"), (Column::Block, "block")] {
            if !columns.contains(&needed) {
                self.err(
                    record.end_line,
                    record.end_column,
                    format!("missing column `{name}` in the header"),
                );
                ok = false;
            }
        }
        let has_scores = columns
            .iter()
            .any(|c| matches!(c, Column::Total | Column::Category(_)));
        if ok && !has_scores {
            self.err(
                record.end_line,
                record.end_column,
                format!(
                    "missing column: give `total` or the category columns ({})",
                    scheme.category_ids().join(", ")
                ),
            );
            ok = false;
        }
        ok.then_some(columns)
    }

    fn sheet(&mut self, records: &[Record]) -> Option<ScoreSheet> {
        let mut records = records.iter().filter(|r| !r.is_blank());
        let Some(header) = records.next() else {
            self.err(
                1,
                1,
                "empty file: expected a header `agency,block,<category ids>` or `agency,block,total`",
            );
            return None;
        };
        let columns = self.header(header)?;
        let has_categories = columns.iter().any(|c| matches!(c, Column::Category(_)));
        let mut rows = Vec::new();
        let mut seen: HashMap<String, (String, usize)> = HashMap::new();
        // Blocks already reported for a missing category column (reported once per block).
        let mut reported_blocks: Vec<String> = Vec::new();
        let mut any = false;
        for record in records {
            any = true;
            if let Some(row) = self.row(
                record,
                &columns,
                &mut seen,
                &mut reported_blocks,
                has_categories,
            ) {
                rows.push(row);
            }
        }
        if !any {
            self.err(
                header.end_line + 1,
                1,
                "no agencies: the file has a header but no rows",
            );
            return None;
        }
        Some(ScoreSheet {
            separator: self.separator,
            has_categories,
            rows,
        })
    }

    fn row(
        &mut self,
        record: &Record,
        columns: &[Column<'a>],
        seen: &mut HashMap<String, (String, usize)>,
        reported_blocks: &mut Vec<String>,
        has_categories: bool,
    ) -> Option<ScoreRow> {
        let line = record.fields[0].line;
        if record.fields.len() > columns.len() {
            let extra = &record.fields[columns.len()];
            let hint = if self.separator == ',' {
                "; a decimal comma in a comma-separated file must be quoted (\"83,8\"), or use a decimal point"
            } else {
                ""
            };
            self.err_at(
                extra,
                format!(
                    "extra value: the header has {} columns, this row has {}{hint}",
                    columns.len(),
                    record.fields.len()
                ),
            );
            return None;
        }
        // A short row: the missing trailing values are empty, located at the end of the row.
        let end = Field {
            text: String::new(),
            line: record.end_line,
            column: record.end_column,
        };
        let cell = |c: Column| -> &Field {
            columns
                .iter()
                .position(|x| *x == c)
                .and_then(|i| record.fields.get(i))
                .unwrap_or(&end)
        };

        let agency_field = cell(Column::Agency);
        let agency = agency_field.text.trim().to_string();
        let key = crate::text::fold(&agency);
        let mut ok = true;
        if key.is_empty() {
            let what = if agency.is_empty() {
                "missing agency name".to_string()
            } else {
                format!("agency name `{agency}` has no letters or digits")
            };
            self.err_at(agency_field, what);
            ok = false;
        } else if let Some((first, first_line)) = seen.get(&key) {
            let how = if *first == agency {
                String::new()
            } else {
                " (names are compared without case, diacritics, punctuation and spacing)".into()
            };
            self.err_at(
                agency_field,
                format!("duplicate agency `{agency}`: same as `{first}` on line {first_line}{how}"),
            );
            ok = false;
        } else {
            seen.insert(key.clone(), (agency.clone(), line));
        }

        let block_field = cell(Column::Block);
        let block_id = block_field.text.trim().to_string();
        let block = self.block(block_field, &block_id)?;

        // Category columns: the block's own must be filled, the others left empty.
        let mut categories = Vec::new();
        let mut decimals = 0;
        if has_categories {
            let missing: Vec<&str> = block
                .categories
                .iter()
                .filter(|c| !columns.contains(&Column::Category(&c.id)))
                .map(|c| c.id.as_str())
                .collect();
            if !missing.is_empty() {
                if !reported_blocks.contains(&block.id) {
                    reported_blocks.push(block.id.clone());
                    self.err_at(
                        block_field,
                        format!(
                            "missing column{} `{}`: block `{}` is scored on {}",
                            if missing.len() == 1 { "" } else { "s" },
                            missing.join("`, `"),
                            block.id,
                            block
                                .categories
                                .iter()
                                .map(|c| c.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
                return None;
            }
            for (i, column) in columns.iter().enumerate() {
                let Column::Category(id) = *column else {
                    continue;
                };
                let field = record.fields.get(i).unwrap_or(&end);
                match block.category(id) {
                    None => {
                        if !field.text.trim().is_empty() {
                            self.err_at(
                                field,
                                format!(
                                    "category `{id}` is not part of block `{}`: leave it empty",
                                    block.id
                                ),
                            );
                            ok = false;
                        }
                    }
                    Some(c) => match self.score(field, id, c.max) {
                        Some(n) => {
                            decimals = decimals.max(n.decimals);
                            categories.push((c.id.clone(), n.value));
                        }
                        None => ok = false,
                    },
                }
            }
            // In the block's order, whatever the column order.
            categories.sort_by_key(|(id, _)| {
                block
                    .categories
                    .iter()
                    .position(|c| c.id == *id)
                    .unwrap_or(usize::MAX)
            });
        }
        let sum = round_to(categories.iter().map(|(_, v)| v).sum(), decimals);

        let total = if columns.contains(&Column::Total) {
            let field = cell(Column::Total);
            match self.score(field, "total", block.max) {
                None => None,
                Some(given) if !has_categories => Some(given.value),
                // With categories the total is their sum; a given total must agree with it.
                Some(given) if ok && (given.value - sum).abs() > TOTAL_TOLERANCE => {
                    self.err_at(
                        field,
                        format!(
                            "total {} is not the sum of the categories ({})",
                            field.text.trim(),
                            show(sum)
                        ),
                    );
                    None
                }
                Some(_) => Some(sum),
            }
        } else {
            Some(sum)
        };
        match (ok, total) {
            (true, Some(total)) => Some(ScoreRow {
                line,
                agency,
                key,
                block: block.id,
                categories,
                total,
            }),
            _ => None,
        }
    }

    /// The scheme's block for a block cell, or an error.
    fn block(&mut self, field: &Field, id: &str) -> Option<SchemeBlock> {
        if id.is_empty() {
            self.err_at(field, "missing block");
            return None;
        }
        match self.scheme.block(id) {
            Some(b)
                if b.id
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-') =>
            {
                Some(b)
            }
            Some(_) => {
                self.err_at(
                    field,
                    format!("invalid block id `{id}`: use letters, digits, `_` or `-`"),
                );
                None
            }
            None => {
                self.err_at(
                    field,
                    format!(
                        "unknown block `{id}`: scheme `{}` ranks {}",
                        self.scheme.id,
                        self.scheme.block_ids().join(", ")
                    ),
                );
                None
            }
        }
    }

    /// A score cell: a number from 0 to `max`.
    fn score(&mut self, field: &Field, column: &str, max: f64) -> Option<Number> {
        let text = field.text.trim();
        if text.is_empty() {
            self.err_at(field, format!("missing score for `{column}`"));
            return None;
        }
        let Some(n) = parse_number(text) else {
            self.err_at(field, format!("`{column}`: `{text}` is not a number"));
            return None;
        };
        if n.value < 0.0 {
            self.err_at(field, format!("`{column}`: score {text} is negative"));
            return None;
        }
        if n.value > max + 1e-9 {
            self.err_at(
                field,
                format!(
                    "`{column}`: score {text} is above its maximum {}",
                    show(max)
                ),
            );
            return None;
        }
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let v = |s: &str| parse_number(s).map(|n| (n.value, n.decimals));
        assert_eq!(v("83,8"), Some((83.8, 1)));
        assert_eq!(v(" 83.8 "), Some((83.8, 1)));
        assert_eq!(v("10"), Some((10.0, 0)));
        assert_eq!(v("-1"), Some((-1.0, 0)));
        assert_eq!(v(",5"), Some((0.5, 1)));
        for bad in [
            "", "abc", "1e2", "8,3,1", "NaN", "inf", "5.", "1 000", "-", ".",
        ] {
            assert_eq!(v(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn separator_is_what_the_header_uses() {
        assert_eq!(detect_separator("agency;block;total\n\"a,b\";x;1,5"), ';');
        assert_eq!(detect_separator("agency,block,total\na;b,x,1"), ',');
        assert_eq!(detect_separator("agency\tblock\ttotal"), '\t');
        assert_eq!(detect_separator("\"a;b\",block,total"), ',');
    }

    #[test]
    fn tokenizer_locates_fields() {
        let mut errors = Vec::new();
        let r = tokenize("a,\"b,\"\"c\"\"\"\r\nđ,\"x\ny\",z\n", ',', &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].fields[1].text, "b,\"c\"");
        assert_eq!((r[0].fields[1].line, r[0].fields[1].column), (1, 3));
        assert_eq!((r[0].end_line, r[0].end_column), (1, 12));
        assert_eq!(r[1].fields[1].text, "x\ny");
        assert_eq!((r[1].fields[2].line, r[1].fields[2].column), (3, 4));
    }

    #[test]
    fn tokenizer_reports_bad_quotes() {
        let mut errors = Vec::new();
        tokenize("a,\"b\"c,d\n", ',', &mut errors);
        assert_eq!((errors[0].line, errors[0].column), (1, 6));
        errors.clear();
        tokenize("a,\"b\n", ',', &mut errors);
        assert_eq!((errors[0].line, errors[0].column), (1, 3));
    }

    #[test]
    fn sums_keep_the_inputs_precision() {
        assert_eq!(round_to(9.0 + 24.8 + 23.0 + 8.0 + 10.0 + 9.0, 1), 83.8);
        assert_eq!(round_to(0.1 + 0.2, 1), 0.3);
    }
}
