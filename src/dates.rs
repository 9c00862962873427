//! Vietnamese date parsing: finds every date written the ways Vietnamese portals write them, and
//! rejects impossible ones. Deciding which dates are *publication* dates (and which are header
//! widgets, copyright years or dates inside titles) is the job of `extract`, which has the page
//! structure; this module only reads text.

use chrono::{NaiveDate, NaiveTime};

/// One date found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// The calendar date.
    pub date: NaiveDate,
    /// Time of day when written next to the date (`08:30`, `04:30 PM`).
    pub time: Option<NaiveTime>,
    /// Byte offset of the match start in the searched text.
    pub start: usize,
    /// Byte offset just past the match end.
    pub end: usize,
    /// The matched text as written (e.g. `Thứ Tư, 25/11/2026`).
    pub text: String,
    /// True when a weekday name ("Thứ Tư", "Chủ nhật") precedes the date — typical of the
    /// header "today" widget.
    pub with_weekday: bool,
    /// True when the year was not written (`(25/11)`) and came from `context_year`.
    pub year_inferred: bool,
}

/// Find every date in `text`, in order of appearance. `context_year` supplies the year for
/// forms written without one, such as `(25/11)`; without it those forms are skipped.
pub fn find_dates(text: &str, context_year: Option<i32>) -> Vec<DateMatch> {
    todo!("dates::find_dates {text} {context_year:?}")
}

/// Parse an ISO 8601 date or date-time as found in `<meta>`, JSON-LD and `<time datetime>`
/// (`2026-11-25`, `2026-11-25T08:30:00+07:00`, `2026-11-25T01:30:00Z`). A date-time with an
/// offset is converted to the Vietnamese calendar day (UTC+7).
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    todo!("dates::parse_iso {s}")
}

/// Number of working days (Monday–Friday) after `from` up to and including `to`; 0 when
/// `to <= from`. Public holidays come with the working-day calendar of a later issue.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    todo!("dates::working_days_between {from} {to}")
}
