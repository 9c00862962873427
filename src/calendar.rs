//! Vietnamese working days: which days a state agency works, so that freshness windows and
//! legal deadlines stated "in working days" (Decree 43/2011 Art. 17: 2, 10, 15 or 20 working
//! days) are counted the way the law counts them.
//!
//! # What is not a working day
//!
//! - Saturdays and Sundays: state agencies work Monday–Friday (Decree 45/2013 and its
//!   successors on working hours; Decision 188/1999/QĐ-TTg introduced the 40-hour week);
//! - the public holidays of the Labour Code 2019 (Bộ luật Lao động 45/2019/QH14) Art. 112.1,
//!   from 2021 on:
//!   - Tết Dương lịch: 1 January;
//!   - Tết Âm lịch (Tết Nguyên đán): 5 days. The Prime Minister fixes them each year; the
//!     default here is the last day of the lunar year and days 1–4 of the first lunar month,
//!     the choice of most years (2022, 2023, 2024, 2026);
//!   - Giỗ Tổ Hùng Vương: 10th day of the 3rd lunar month;
//!   - Ngày Chiến thắng: 30 April; Ngày Quốc tế lao động: 1 May;
//!   - Quốc khánh: 2 September plus one adjacent day, 1 or 3 September, chosen each year.
//!     Default: the adjacent day that is a weekday, preferring the one next to a weekend (1/9
//!     when 2/9 is a Tuesday, Friday or Saturday; 3/9 when it is a Monday, Thursday or
//!     Sunday); when both or neither qualify (2/9 on a Wednesday) 1/9. This reproduces the
//!     choices of 2021–2025.
//!
//!   For 2014–2020 the Labour Code 2012 Art. 115 applied: the same days but Quốc khánh was
//!   one day (2/9). Years outside [`HOLIDAY_YEARS`] have no holidays here (weekends only).
//! - compensatory days (nghỉ bù, Art. 112.3): a holiday that falls on a Saturday or Sunday
//!   gives a day off on the next working day (default: the first Monday–Friday after it that is
//!   not already a holiday or another compensatory day, holidays taken in date order);
//! - per-year announcements ([`rules/holidays-vn.yaml`](crate::calendar::DEFAULT_HOLIDAYS_NAME)):
//!   the government moves days each year (swaps a bridge day with a Saturday, picks the
//!   Quốc khánh day, places Tết). An announcement replaces the default days of the holidays it
//!   names for that year, and its make-up days (Saturdays worked in exchange) *are* working
//!   days.
//!
//! The lunar dates come from [`lunar`] (Vietnamese calendar at UTC+7).
//!
//! # Use
//!
//! [`WorkCalendar::vietnam`] is the embedded calendar; [`load_file`] reads another holidays
//! file (the CLI's `--holidays FILE`). Rule sets carry the calendar they are scored with
//! ([`crate::rules::RuleSet::calendar`]).

mod file;
pub mod lunar;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound::{Excluded, Included};
use std::sync::{Arc, LazyLock};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use crate::rules::RuleError;

pub use file::{Announcement, HolidayFile};

/// The holidays file embedded as default.
pub const DEFAULT_HOLIDAYS_YAML: &str = include_str!("../rules/holidays-vn.yaml");
/// Name shown for the embedded holidays file.
pub const DEFAULT_HOLIDAYS_NAME: &str = "rules/holidays-vn.yaml";

/// Years for which holidays are computed. Before 2014 the Labour Code 2012 was not yet in force
/// for a whole year; after 2100 nobody will audit with this tool. Outside the range only
/// weekends are non-working.
pub const HOLIDAY_YEARS: std::ops::RangeInclusive<i32> = 2014..=2100;

/// A public holiday of Art. 112 (or an announced extra day off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    /// Tết Dương lịch, 1 January.
    TetDuongLich,
    /// Tết Âm lịch (Tết Nguyên đán).
    TetNguyenDan,
    /// Giỗ Tổ Hùng Vương, 10/3 lunar.
    GioToHungVuong,
    /// Ngày Chiến thắng, 30 April.
    ChienThang,
    /// Ngày Quốc tế lao động, 1 May.
    QuocTeLaoDong,
    /// Quốc khánh, 2 September and its adjacent day.
    QuocKhanh,
    /// A day off the government announced outside Art. 112 (the file says why).
    Other,
}

impl Holiday {
    /// Every kind, in file-id order.
    pub const ALL: [Holiday; 7] = [
        Holiday::TetDuongLich,
        Holiday::TetNguyenDan,
        Holiday::GioToHungVuong,
        Holiday::ChienThang,
        Holiday::QuocTeLaoDong,
        Holiday::QuocKhanh,
        Holiday::Other,
    ];

    /// Id used in the holidays file.
    pub fn id(self) -> &'static str {
        match self {
            Holiday::TetDuongLich => "tet_duong_lich",
            Holiday::TetNguyenDan => "tet_nguyen_dan",
            Holiday::GioToHungVuong => "gio_to_hung_vuong",
            Holiday::ChienThang => "chien_thang",
            Holiday::QuocTeLaoDong => "quoc_te_lao_dong",
            Holiday::QuocKhanh => "quoc_khanh",
            Holiday::Other => "other",
        }
    }

    /// Vietnamese name.
    pub fn name(self) -> &'static str {
        match self {
            Holiday::TetDuongLich => "Tết Dương lịch",
            Holiday::TetNguyenDan => "Tết Nguyên đán",
            Holiday::GioToHungVuong => "Giỗ Tổ Hùng Vương",
            Holiday::ChienThang => "Ngày Chiến thắng 30/4",
            Holiday::QuocTeLaoDong => "Ngày Quốc tế lao động 1/5",
            Holiday::QuocKhanh => "Quốc khánh",
            Holiday::Other => "Ngày nghỉ khác",
        }
    }

    /// The kind with this file id.
    pub fn from_id(id: &str) -> Option<Holiday> {
        Holiday::ALL.into_iter().find(|h| h.id() == id)
    }
}

/// Why a day is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A holiday by the Labour Code's default rule.
    Law,
    /// A compensatory day (nghỉ bù) for a holiday on a weekend, by the default rule.
    Compensatory,
    /// A day off announced for that year (holidays file).
    Announced,
}

/// One non-working day that is not simply a weekend (holidays on weekends are listed too, so
/// that the list explains the compensatory days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOff {
    /// The day.
    pub date: NaiveDate,
    /// Which holiday it belongs to.
    pub holiday: Holiday,
    /// Why it is off.
    pub basis: Basis,
}

/// A weekend day worked in exchange for a day off (ngày làm bù).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MakeUpDay {
    /// The Saturday or Sunday worked.
    pub date: NaiveDate,
    /// The holiday whose bridge day it pays for.
    pub holiday: Holiday,
}

/// A Vietnamese working-day calendar: weekends, Art. 112 holidays, compensatory days, and the
/// announcements of a holidays file. Built once; every query is a lookup.
#[derive(Clone)]
pub struct WorkCalendar {
    /// Every listed day off (weekdays and weekend holidays), by date. When two holidays share
    /// a date the first in [`Holiday::ALL`] order is kept.
    days: BTreeMap<NaiveDate, DayOff>,
    /// The Monday–Friday days that are not worked.
    off_weekdays: BTreeSet<NaiveDate>,
    /// The Saturdays and Sundays that are worked.
    make_up: BTreeMap<NaiveDate, MakeUpDay>,
    /// Where the announcements came from (file name) and their SHA-256.
    source: String,
    sha256: String,
    /// The holidays file's text, kept so an evidence snapshot can archive it and a rescore
    /// count in the same calendar; `None` for the built-in baselines.
    text: Option<Arc<str>>,
}

impl std::fmt::Debug for WorkCalendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkCalendar")
            .field("source", &self.source)
            .field("days_off", &self.off_weekdays.len())
            .field("make_up_days", &self.make_up.len())
            .finish()
    }
}

static VIETNAM: LazyLock<Arc<WorkCalendar>> = LazyLock::new(|| {
    Arc::new(
        load_str(DEFAULT_HOLIDAYS_YAML, DEFAULT_HOLIDAYS_NAME)
            .expect("the embedded holidays file is validated by tests"),
    )
});

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The days of `holiday` in `year` by the Labour Code's default rule (before compensation).
/// Empty outside [`HOLIDAY_YEARS`].
pub fn statutory_days(holiday: Holiday, year: i32) -> Vec<NaiveDate> {
    if !HOLIDAY_YEARS.contains(&year) {
        return Vec::new();
    }
    let fixed = |m, d| ymd(year, m, d).into_iter().collect();
    match holiday {
        Holiday::TetDuongLich => fixed(1, 1),
        Holiday::TetNguyenDan => match lunar::tet(year) {
            Some(tet) => (-1..=3).map(|i| tet + chrono::Duration::days(i)).collect(),
            None => Vec::new(),
        },
        Holiday::GioToHungVuong => lunar::lunar_to_solar(lunar::LunarDate {
            year,
            month: 3,
            day: 10,
            leap: false,
        })
        .into_iter()
        .collect(),
        Holiday::ChienThang => fixed(4, 30),
        Holiday::QuocTeLaoDong => fixed(5, 1),
        Holiday::QuocKhanh => {
            let Some(national_day) = ymd(year, 9, 2) else {
                return Vec::new();
            };
            if year < 2021 {
                return vec![national_day];
            }
            let (before, after) = (ymd(year, 9, 1), ymd(year, 9, 3));
            let adjacent = match national_day.weekday() {
                Weekday::Mon | Weekday::Thu | Weekday::Sun => after,
                _ => before,
            };
            let mut days: Vec<NaiveDate> = adjacent.into_iter().collect();
            days.push(national_day);
            days.sort();
            days
        }
        Holiday::Other => Vec::new(),
    }
}

impl WorkCalendar {
    /// The embedded calendar: Art. 112 defaults plus the announcements of
    /// `rules/holidays-vn.yaml` as built into this binary. Shared; cloning the `Arc` is cheap.
    pub fn vietnam() -> Arc<WorkCalendar> {
        Arc::clone(&VIETNAM)
    }

    /// The calendar by the Labour Code's default rules alone, without any announcement.
    pub fn statutory() -> WorkCalendar {
        WorkCalendar::build(&HolidayFile::default(), "(no holidays file)", String::new())
    }

    /// Monday–Friday only, no holidays: a baseline for comparisons and for tests.
    pub fn weekends_only() -> WorkCalendar {
        WorkCalendar {
            days: BTreeMap::new(),
            off_weekdays: BTreeSet::new(),
            make_up: BTreeMap::new(),
            source: "(weekends only)".into(),
            sha256: String::new(),
            text: None,
        }
    }

    /// Build from a validated holidays file (see [`load_str`]).
    fn build(file: &HolidayFile, source: &str, sha256: String) -> WorkCalendar {
        let mut days: BTreeMap<NaiveDate, DayOff> = BTreeMap::new();
        let mut make_up = BTreeMap::new();
        for year in HOLIDAY_YEARS {
            let announced = file.years.get(&year).map(Vec::as_slice).unwrap_or_default();
            let replaced = |h: Holiday| announced.iter().any(|a| a.holidays.contains(&h));
            let add = |days: &mut BTreeMap<NaiveDate, DayOff>, off: DayOff| {
                days.entry(off.date).or_insert(off);
            };
            for a in announced {
                for &date in &a.days_off {
                    add(
                        &mut days,
                        DayOff {
                            date,
                            holiday: a.holidays[0],
                            basis: Basis::Announced,
                        },
                    );
                }
                for &date in &a.make_up {
                    make_up.insert(
                        date,
                        MakeUpDay {
                            date,
                            holiday: a.holidays[0],
                        },
                    );
                }
            }
            let mut statutory: Vec<(NaiveDate, Holiday)> = Holiday::ALL
                .into_iter()
                .filter(|&h| !replaced(h))
                .flat_map(|h| statutory_days(h, year).into_iter().map(move |d| (d, h)))
                .collect();
            statutory.sort();
            for &(date, holiday) in &statutory {
                add(
                    &mut days,
                    DayOff {
                        date,
                        holiday,
                        basis: Basis::Law,
                    },
                );
            }
            // Art. 112.3: a holiday on a weekly rest day gives the next working day off.
            for &(date, holiday) in statutory.iter().filter(|(d, _)| is_weekend(*d)) {
                let next = date
                    .iter_days()
                    .skip(1)
                    .find(|d| !is_weekend(*d) && !days.contains_key(d));
                if let Some(next) = next {
                    add(
                        &mut days,
                        DayOff {
                            date: next,
                            holiday,
                            basis: Basis::Compensatory,
                        },
                    );
                }
            }
        }
        let off_weekdays = days
            .keys()
            .copied()
            .filter(|d| !is_weekend(*d) && !make_up.contains_key(d))
            .collect();
        WorkCalendar {
            days,
            off_weekdays,
            make_up,
            source: source.to_string(),
            sha256,
            text: None,
        }
    }

    /// The holidays file's text, when the calendar was loaded from one (the embedded
    /// `rules/holidays-vn.yaml` or `--holidays FILE`).
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// File the announcements came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// SHA-256 (hex) of that file's bytes; empty for [`WorkCalendar::statutory`].
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// True when `date` is worked: Monday–Friday and not a day off, or a make-up weekend day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.make_up.contains_key(&date) {
            return true;
        }
        !is_weekend(date) && !self.off_weekdays.contains(&date)
    }

    /// Why `date` is off, when it is a holiday, compensatory or announced day off (weekends
    /// that are only weekends give `None`).
    pub fn day_off(&self, date: NaiveDate) -> Option<&DayOff> {
        self.days.get(&date)
    }

    /// The make-up day on `date`, if it is one.
    pub fn make_up_day(&self, date: NaiveDate) -> Option<&MakeUpDay> {
        self.make_up.get(&date)
    }

    /// Every listed day off of a solar year, in date order (holidays on weekends included, so
    /// the compensatory days can be explained).
    pub fn days_off(&self, year: i32) -> Vec<&DayOff> {
        match (ymd(year, 1, 1), ymd(year, 12, 31)) {
            (Some(a), Some(b)) => self.days.range(a..=b).map(|(_, d)| d).collect(),
            _ => Vec::new(),
        }
    }

    /// Every make-up working day of a solar year, in date order.
    pub fn make_up_days(&self, year: i32) -> Vec<&MakeUpDay> {
        match (ymd(year, 1, 1), ymd(year, 12, 31)) {
            (Some(a), Some(b)) => self.make_up.range(a..=b).map(|(_, d)| d).collect(),
            _ => Vec::new(),
        }
    }

    /// Number of working days after `from` up to and including `to`; 0 when `to <= from`.
    /// An item published on `from` and looked at on `to` is this many working days old.
    ///
    /// Fast for any range: Monday–Friday are counted in constant time, then the listed days
    /// off in the range are subtracted and the make-up days added.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to <= from {
            return 0;
        }
        let range = (Excluded(from), Included(to));
        let off = self.off_weekdays.range(range).count() as i64;
        let make_up = self.make_up.range(range).count() as i64;
        weekdays_between(from, to) - off + make_up
    }

    /// The deadline "`n` working days after `date`": the `n`-th working day after `date`
    /// (`date` itself when `n` is 0). A document issued on Friday 13/2/2026 with a 2-working-day
    /// deadline is due on Tuesday 24/2/2026, after the Tết break. `None` past the end of the
    /// calendar.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        let n = i64::from(n);
        if n == 0 {
            return Some(date);
        }
        // Every week has at least one working day even in the longest Tết break, so the answer
        // lies within 7·n + 14 days; search for the first day whose count reaches n.
        let span = 7 * n + 14;
        let mut hi = date
            .checked_add_signed(chrono::Duration::days(span))
            .unwrap_or(NaiveDate::MAX);
        if self.working_days_between(date, hi) < n {
            return None;
        }
        let mut lo = date;
        while (hi - lo).num_days() > 1 {
            let mid = lo + chrono::Duration::days((hi - lo).num_days() / 2);
            if self.working_days_between(date, mid) >= n {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }
}

/// Monday–Friday days after `from` up to and including `to` (0 when `to <= from`), in constant
/// time: whole weeks give five each, and at most six days are counted one by one.
fn weekdays_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let days = (to - from).num_days();
    if days <= 0 {
        return 0;
    }
    let mut count = days / 7 * 5;
    let mut day = from.weekday();
    for _ in 0..days % 7 {
        day = day.succ();
        if !matches!(day, Weekday::Sat | Weekday::Sun) {
            count += 1;
        }
    }
    count
}

/// Load and validate a holidays file from YAML text; `file` names it in errors. Every error
/// found is returned, sorted by position, as `file:line:column: reason`.
pub fn load_str(yaml: &str, file: &str) -> Result<WorkCalendar, Vec<RuleError>> {
    let parsed = file::parse(yaml, file)?;
    let mut calendar = WorkCalendar::build(&parsed, file, file::sha256(yaml));
    calendar.text = Some(Arc::from(yaml));
    Ok(calendar)
}

/// Load and validate a holidays file from disk.
pub fn load_file(path: &std::path::Path) -> Result<WorkCalendar, Vec<RuleError>> {
    let name = path.display().to_string();
    let text = crate::rules::read_utf8(path, "holidays file")?;
    load_str(&text, &name)
}

/// True when the file at `path` is a holidays file (its top level has `years:`), for
/// `ttdt rules check`.
pub fn is_holidays_file(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.lines().any(|l| l.starts_with("years:")))
}

/// Validate a holidays file for `ttdt rules check`: `(true, summary)` when it loads, else
/// `(false, one "file:line:column: reason" line per error, then a count)`.
pub fn check_report(path: &std::path::Path) -> (bool, String) {
    let name = path.display().to_string();
    let text = match crate::rules::read_utf8(path, "holidays file") {
        Ok(t) => t,
        Err(errors) => return (false, crate::rules::format_errors(&errors)),
    };
    match file::parse(&text, &name) {
        Err(errors) => (false, crate::rules::format_errors(&errors)),
        Ok(parsed) => {
            let cal = WorkCalendar::build(&parsed, &name, file::sha256(&text));
            let mut out = format!("{name}: OK — lịch ngày nghỉ (holidays file)\n");
            for (year, announced) in &parsed.years {
                let ids: Vec<&str> = announced
                    .iter()
                    .flat_map(|a| a.holidays.iter().map(|h| h.id()))
                    .collect();
                let off = cal
                    .days_off(*year)
                    .iter()
                    .filter(|d| cal.off_weekdays.contains(&d.date))
                    .count();
                out.push_str(&format!(
                    "  {year}: {} announcement(s) ({}); {off} weekdays off, {} make-up day(s)\n",
                    announced.len(),
                    ids.join(", "),
                    cal.make_up_days(*year).len()
                ));
            }
            out.push_str(&format!("sha256: {}\n", cal.sha256));
            (true, out)
        }
    }
}

#[cfg(test)]
mod tests;
