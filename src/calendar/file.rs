//! The holidays file (`rules/holidays-vn.yaml`): per-year announcements of official days off
//! and make-up working days.
//!
//! ```yaml
//! title: "..."                     # optional
//! source: "..."                    # optional
//! years:
//!   2026:                          # a year in HOLIDAY_YEARS
//!     - holiday: tet_duong_lich    # or a list: [chien_thang, quoc_te_lao_dong]
//!       days_off:                  # dates and {from, to} ranges; weekends inside are fine
//!         - {from: 2026-01-01, to: 2026-01-04}
//!       make_up: [2026-01-10]      # optional: Saturdays/Sundays worked instead
//!       source: "Công văn 12729/VPCP-KGVX ngày 25/12/2025"   # required
//!       note: "..."                # optional
//! ```
//!
//! An announcement replaces, for its year, the default days (and compensatory days) of every
//! holiday it names. `holiday: other` adds announced days off outside Art. 112.
//!
//! Like the rule files, the text is parsed by serde-saphyr into the located tree of
//! [`crate::rules::tree`] and read by hand, so that every problem (unknown key, bad date,
//! duplicate, make-up day on a weekday, …) is reported at its line and column, all in one pass.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use sha2::{Digest, Sha256};

use super::{HOLIDAY_YEARS, Holiday};
use crate::rules::tree::{Key, Kind, Loc, Node};
use crate::rules::{Located, RuleError};

const TOP_KEYS: &[&str] = &["title", "source", "years"];
const ENTRY_KEYS: &[&str] = &["holiday", "days_off", "make_up", "source", "note"];
const RANGE_KEYS: &[&str] = &["from", "to"];

/// A `{from, to}` range longer than this is a typo (the longest Tết break is 9–10 days).
const MAX_RANGE_DAYS: i64 = 31;

/// How far outside its year an announcement's dates may lie: Tết Dương lịch breaks start in
/// late December (29/12/2018–1/1/2019) and make-up Saturdays fall weeks after the holiday.
const YEAR_SLACK_DAYS: i64 = 45;

/// The file, validated.
#[derive(Debug, Clone, Default)]
pub struct HolidayFile {
    /// Announcements by year.
    pub years: BTreeMap<i32, Vec<Announcement>>,
}

/// One announcement: the days off (and make-up days) of one or more holidays in one year.
#[derive(Debug, Clone)]
pub struct Announcement {
    /// The holidays whose default days it replaces (at least one).
    pub holidays: Vec<Holiday>,
    /// Every day off, ranges expanded, in file order.
    pub days_off: Vec<NaiveDate>,
    /// Weekend days worked instead.
    pub make_up: Vec<NaiveDate>,
    /// The announcing document.
    pub source: String,
    /// Free note.
    pub note: Option<String>,
}

pub(super) fn sha256(yaml: &str) -> String {
    hex::encode(Sha256::digest(yaml.as_bytes()))
}

/// Parse and validate.
pub(super) fn parse(yaml: &str, file: &str) -> Result<HolidayFile, Vec<RuleError>> {
    let root = crate::rules::parse_located(yaml, file).map_err(|e| vec![e])?;
    let mut r = Reader {
        out: Located::new(file),
        seen_off: BTreeMap::new(),
        seen_make_up: BTreeMap::new(),
    };
    let parsed = r.file(&root);
    r.out.into_result(parsed)
}

struct Reader<'a> {
    out: Located<'a>,
    /// Each day off already listed, with where (for duplicate messages).
    seen_off: BTreeMap<NaiveDate, Loc>,
    seen_make_up: BTreeMap<NaiveDate, Loc>,
}

impl Reader<'_> {
    fn err(&mut self, loc: Loc, message: impl Into<String>) {
        self.out.err(loc, message);
    }

    /// The entries of a mapping, reporting unknown keys.
    fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<&'n [(Key, Node)]> {
        self.out.entries(node, what, allowed, false)
    }

    fn file(&mut self, root: &Node) -> HolidayFile {
        let mut out = HolidayFile::default();
        let Some(top) = self.mapping(root, "the holidays file", TOP_KEYS) else {
            return out;
        };
        for key in ["title", "source"] {
            if let Some(node) = get(top, key) {
                self.text(node, &format!("`{key}`"));
            }
        }
        let Some(years) = get(top, "years") else {
            self.err(
                root.loc,
                "missing required field `years` in the holidays file",
            );
            return out;
        };
        let Kind::Map(years) = &years.kind else {
            self.err(
                years.loc,
                format!(
                    "`years` must map each year to its announcements, found {}",
                    years.kind.describe()
                ),
            );
            return out;
        };
        let mut first_line: BTreeMap<i32, Loc> = BTreeMap::new();
        for (key, node) in years {
            let year = match key.name.parse::<i32>() {
                Ok(y) if HOLIDAY_YEARS.contains(&y) => y,
                Ok(y) => {
                    self.err(
                        key.loc,
                        format!(
                            "year {y} is outside the calendar's years {}–{}",
                            HOLIDAY_YEARS.start(),
                            HOLIDAY_YEARS.end()
                        ),
                    );
                    continue;
                }
                Err(_) => {
                    self.err(
                        key.loc,
                        format!("`{}` is not a year (write e.g. `2026:`)", key.name),
                    );
                    continue;
                }
            };
            if let Some(first) = first_line.get(&year) {
                let first = first.line;
                self.err(
                    key.loc,
                    format!("year {year} is listed twice (first at line {first})"),
                );
                continue;
            }
            first_line.insert(year, key.loc);
            let announcements = self.year(year, node);
            out.years.insert(year, announcements);
        }
        out
    }

    fn year(&mut self, year: i32, node: &Node) -> Vec<Announcement> {
        let Kind::Seq(items) = &node.kind else {
            self.err(
                node.loc,
                format!(
                    "year {year} must be a list of announcements (`- holiday: ...`), found {}",
                    node.kind.describe()
                ),
            );
            return Vec::new();
        };
        let mut replaced: BTreeMap<Holiday, Loc> = BTreeMap::new();
        let mut out = Vec::new();
        for item in items {
            if let Some(a) = self.announcement(year, item, &mut replaced) {
                out.push(a);
            }
        }
        out
    }

    fn announcement(
        &mut self,
        year: i32,
        node: &Node,
        replaced: &mut BTreeMap<Holiday, Loc>,
    ) -> Option<Announcement> {
        let what = format!("an announcement of {year}");
        let entries = self.mapping(node, &what, ENTRY_KEYS)?;
        let holidays = match get(entries, "holiday") {
            None => {
                self.err(
                    node.loc,
                    format!("missing required field `holiday` in {what}"),
                );
                Vec::new()
            }
            Some(h) => self.holidays(h, replaced),
        };
        let source = match get(entries, "source") {
            None => {
                self.err(
                    node.loc,
                    format!(
                        "missing required field `source` in {what}: name the announcing document"
                    ),
                );
                None
            }
            Some(s) => self.text(s, "`source`"),
        };
        let note = get(entries, "note").and_then(|n| self.text(n, "`note`"));
        let mut days_off = Vec::new();
        match get(entries, "days_off") {
            None => self.err(
                node.loc,
                format!("missing required field `days_off` in {what}"),
            ),
            Some(list) => {
                let items = self.list(list, "`days_off`");
                if items.is_empty() && matches!(list.kind, Kind::Seq(_)) {
                    self.err(list.loc, "`days_off` is empty: list at least one day off");
                }
                for item in items {
                    for (date, loc) in self.days(year, item) {
                        if let Some(first) = self.seen_off.get(&date) {
                            let first = first.line;
                            self.err(
                                loc,
                                format!("duplicate day off {date} (first listed at line {first})"),
                            );
                        } else {
                            self.seen_off.insert(date, loc);
                            days_off.push(date);
                        }
                    }
                }
            }
        }
        let mut make_up = Vec::new();
        if let Some(list) = get(entries, "make_up") {
            for item in self.list(list, "`make_up`") {
                let Some((date, loc)) = self.date(year, item, "a make-up day") else {
                    continue;
                };
                if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                    self.err(
                        loc,
                        format!(
                            "make-up day {date} is a {:?}: a make-up day is a Saturday or Sunday \
                             worked instead of a weekday off",
                            date.weekday()
                        ),
                    );
                } else if let Some(first) = self.seen_make_up.get(&date) {
                    let first = first.line;
                    self.err(
                        loc,
                        format!("duplicate make-up day {date} (first listed at line {first})"),
                    );
                } else {
                    self.seen_make_up.insert(date, loc);
                    make_up.push(date);
                }
            }
        }
        // A day cannot be both off and worked (checked in both orders, across the file).
        for &date in &make_up {
            if let Some(off) = self.seen_off.get(&date).copied() {
                let at = self.seen_make_up[&date];
                self.err(
                    at,
                    format!(
                        "{date} is a make-up day but also a day off (line {})",
                        off.line
                    ),
                );
            }
        }
        for &date in &days_off {
            if let Some(mk) = self.seen_make_up.get(&date).copied()
                && !make_up.contains(&date)
            {
                let at = self.seen_off[&date];
                self.err(
                    at,
                    format!(
                        "{date} is a day off but also a make-up day (line {})",
                        mk.line
                    ),
                );
            }
        }
        if holidays.is_empty() || source.is_none() {
            return None;
        }
        Some(Announcement {
            holidays,
            days_off,
            make_up,
            source: source.unwrap_or_default(),
            note,
        })
    }

    /// `holiday:` as one id or a list of ids; each may be replaced once per year.
    fn holidays(&mut self, node: &Node, replaced: &mut BTreeMap<Holiday, Loc>) -> Vec<Holiday> {
        let items: Vec<&Node> = match &node.kind {
            Kind::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        if items.is_empty() {
            self.err(node.loc, "`holiday` is empty: name at least one holiday");
        }
        let mut out = Vec::new();
        for item in items {
            let Kind::Str(id) = &item.kind else {
                self.err(
                    item.loc,
                    format!(
                        "`holiday` must be a holiday id, found {}",
                        item.kind.describe()
                    ),
                );
                continue;
            };
            let Some(h) = Holiday::from_id(id) else {
                let ids: Vec<&str> = Holiday::ALL.iter().map(|h| h.id()).collect();
                self.err(
                    item.loc,
                    format!("unknown holiday `{id}`; known: {}", ids.join(", ")),
                );
                continue;
            };
            if h != Holiday::Other {
                if let Some(first) = replaced.get(&h) {
                    let first = first.line;
                    self.err(
                        item.loc,
                        format!(
                            "`{id}` already has an announcement this year (line {first}): \
                             put all its days in one"
                        ),
                    );
                    continue;
                }
                replaced.insert(h, item.loc);
            }
            out.push(h);
        }
        out
    }

    fn list<'n>(&mut self, node: &'n Node, what: &str) -> Vec<&'n Node> {
        match &node.kind {
            Kind::Seq(items) => items.iter().collect(),
            // A single date or range without the list brackets is accepted.
            Kind::Str(_) | Kind::Map(_) => vec![node],
            other => {
                self.err(
                    node.loc,
                    format!("{what} must be a list of dates, found {}", other.describe()),
                );
                Vec::new()
            }
        }
    }

    /// One `days_off` item: a date or a `{from, to}` range, expanded.
    fn days(&mut self, year: i32, node: &Node) -> Vec<(NaiveDate, Loc)> {
        if let Kind::Str(_) = node.kind {
            return self.date(year, node, "a day off").into_iter().collect();
        }
        let Some(entries) = self.mapping(node, "a range of days off", RANGE_KEYS) else {
            return Vec::new();
        };
        let mut end = |key: &str| match get(entries, key) {
            Some(n) => self.date(year, n, "a range end"),
            None => {
                self.err(
                    node.loc,
                    format!("missing required field `{key}` in a range of days off"),
                );
                None
            }
        };
        let (Some((from, _)), Some((to, to_loc))) = (end("from"), end("to")) else {
            return Vec::new();
        };
        let len = (to - from).num_days();
        if len < 0 {
            self.err(
                to_loc,
                format!("range ends ({to}) before it starts ({from})"),
            );
            return Vec::new();
        }
        if len >= MAX_RANGE_DAYS {
            self.err(
                to_loc,
                format!(
                    "range {from}..{to} is {} days long; at most {MAX_RANGE_DAYS}",
                    len + 1
                ),
            );
            return Vec::new();
        }
        from.iter_days()
            .take_while(|d| *d <= to)
            .map(|d| (d, node.loc))
            .collect()
    }

    /// A `YYYY-MM-DD` date close to `year`.
    fn date(&mut self, year: i32, node: &Node, what: &str) -> Option<(NaiveDate, Loc)> {
        let Kind::Str(s) = &node.kind else {
            self.err(
                node.loc,
                format!(
                    "{what} must be a date YYYY-MM-DD, found {}",
                    node.kind.describe()
                ),
            );
            return None;
        };
        let Ok(date) = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") else {
            self.err(
                node.loc,
                format!("`{s}` is not a valid date: write YYYY-MM-DD (e.g. 2026-02-17)"),
            );
            return None;
        };
        let (start, end) = (
            NaiveDate::from_ymd_opt(year, 1, 1)? - chrono::Duration::days(YEAR_SLACK_DAYS),
            NaiveDate::from_ymd_opt(year, 12, 31)? + chrono::Duration::days(YEAR_SLACK_DAYS),
        );
        if date < start || date > end {
            self.err(
                node.loc,
                format!("{date} is not in {year} (an announcement lists the days of its year)"),
            );
            return None;
        }
        Some((date, node.loc))
    }

    fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.kind {
            Kind::Str(s) if !s.trim().is_empty() => Some(s.clone()),
            Kind::Str(_) => {
                self.err(node.loc, format!("{what} is empty"));
                None
            }
            other => {
                self.err(
                    node.loc,
                    format!("{what} must be text, found {}", other.describe()),
                );
                None
            }
        }
    }
}

/// The value of `key`; an explicit null counts as absent.
fn get<'n>(entries: &'n [(Key, Node)], key: &str) -> Option<&'n Node> {
    entries
        .iter()
        .find(|(k, _)| k.name == key)
        .map(|(_, n)| n)
        .filter(|n| !matches!(n.kind, Kind::Null))
}
