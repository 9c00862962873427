//! Vietnamese date parsing: finds every date written the ways Vietnamese portals write them, and
//! rejects impossible ones. Deciding which dates are *publication* dates (and which are header
//! widgets, copyright years or dates inside titles) is the job of `extract`, which has the page
//! structure; this module only reads text.

use std::borrow::Cow;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use regex::{Captures, Regex};

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

/// Years outside this range are not taken as dates: a four-digit group like `01/02/0345` or
/// `12/10/3000` on a government page is a code or a typo, not a publication date.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The date forms, tried left to right at each position (the regex crate takes the first
/// alternative that matches at the leftmost position). They run on text folded by
/// [`Folded::new`], so `ngay`/`thang`/`nam` also match "Ngày"/"tháng"/"năm" in NFC or NFD.
/// The crate has no look-around or back-references: that separators agree, that a match is not
/// part of a longer run of digits, and that the numbers make a real date are checked in code.
macro_rules! core_with_year {
    () => {
        concat!(
            // ngày 25 tháng 11 năm 2026 · 25 tháng 11, 2026 · ngày 25 tháng 11/2026
            r"(?:(?-u:\b)ngay\s+)?(?-u:\b)(?P<wd>[0-9]{1,2})\s+thang\s+(?P<wm>[0-9]{1,2})",
            r"(?:\s*[,/]\s*|\s+)(?:nam\s+)?(?P<wy>[0-9]{4})",
            // 2026-11-25 · 2026/11/25
            r"|(?P<iy>[0-9]{4})(?P<is1>[-/])(?P<im>[0-9]{1,2})(?P<is2>[-/])(?P<id>[0-9]{1,2})",
            // 25/11/2026 · 25-11-2026 · 25.11.2026 · 8/6/2020 · 25/11/26
            r"|(?P<d>[0-9]{1,2})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<y>[0-9]{4}|[0-9]{2})",
            // English pages of the site: November 19, 2026 · Nov. 19th 2026
            r"|(?-u:\b)(?P<em>",
            english_months!(),
            r")\.?\s+(?P<ed>[0-9]{1,2})(?:st|nd|rd|th)?\s*,?\s+(?P<ey>[0-9]{4})",
            // 19 November 2026 · 23 Nov 2026 · 1st Dec, 2026
            r"|(?-u:\b)(?P<fd>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?P<fm>",
            english_months!(),
            r")\.?\s*,?\s+(?P<fy>[0-9]{4})",
            // WordPress in Vietnamese: 25 Tháng Mười Một, 2026 · 12 Th11 2026 (its short month)
            r"|(?-u:\b)(?P<vd>[0-9]{1,2})\s*(?:thang\s+(?P<vw>",
            vietnamese_months!(),
            r")(?-u:\b)|th\s*(?P<vn>[0-9]{1,2}))\s*,?\s*(?:nam\s+)?(?P<vy>[0-9]{4})",
            // … and month first: Tháng Mười Một 25, 2026
            r"|(?-u:\b)thang\s+(?P<uw>",
            vietnamese_months!(),
            r")\s+(?P<ud>[0-9]{1,2})\s*,\s*(?P<uy>[0-9]{4})",
        )
    };
}

/// Vietnamese month names in words, folded ("Tháng Mười Một" → `thang muoi mot`), longest
/// first so `muoi mot` wins over `muoi`; "giêng" and "chạp" are the lunar names some sites use
/// for January and December.
macro_rules! vietnamese_months {
    () => {
        "muoi\\s+mot|muoi\\s+hai|muoi|mot|hai|ba|tu|nam|sau|bay|tam|chin|gieng|chap"
    };
}

/// English month names and their abbreviations, longest first so `june` wins over `jun`.
macro_rules! english_months {
    () => {
        "january|february|march|april|may|june|july|august|september|october|november|december\
         |sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec"
    };
}

/// The forms with a year, used when there is no `context_year`. Leaving the year-less forms out
/// of the pattern (rather than rejecting their matches) keeps digit-heavy text, where every `a/b`
/// would be a candidate, cheap to scan.
static CORE: LazyLock<Regex> = LazyLock::new(|| compile(core_with_year!()));

/// All forms, including those whose year comes from `context_year`. The year-less forms come
/// last so that a full date is always preferred at the same position.
static CORE_WITH_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        core_with_year!(),
        // ngày 25 tháng 11
        r"|(?-u:\b)ngay\s+(?P<nd>[0-9]{1,2})\s+thang\s+(?P<nm>[0-9]{1,2})",
        // 25/11 · (25/11)
        r"|(?P<dd>[0-9]{1,2})/(?P<dm>[0-9]{1,2})",
    ))
});

/// A time of day: `08:30`, `08:30:15`, `8h30`, `04:30 PM`, `04:30 CH` (chiều, afternoon),
/// `9:05 SA` (sáng, morning). Ranges are checked in code.
macro_rules! time_re {
    () => {
        r"(?P<h>[0-9]{1,2})[:h](?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2}))?(?:\s*(?P<ap>(?:am|pm|sa|ch)(?-u:\b)|a\.m\.|p\.m\.))?"
    };
}

/// A time written right after the date: `25/11/2026 08:30`, `25/11/2026 - 08:30`,
/// `27/07/2021 | 04:30 PM`, `25/11/2026 lúc 08:30`, `2026-11-25T08:30`.
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"^(?:t|\s*[-–|,]?\s*(?:(?:vao\s+)?luc\s+)?)",
        time_re!()
    ))
});

/// A time written right before the date: `08:30 25/11/2026`, `08:30:15 - 25/11/2026`. Matched
/// against the text that ends where the date (or its `ngày`) starts, hence the `$`.
static TIME_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| compile(concat!(time_re!(), r"(?:\s*[-–|,]\s*|\s+)$")));

/// `ngày` (optionally `ngày:`) right before a numeric date, on its line: the "15 ngày" ending a
/// table cell before a date cell is a duration, not the date's word.
static NGAY_BEFORE: LazyLock<Regex> = LazyLock::new(|| compile(r"(?-u:\b)ngay[^\S\n]*:?[^\S\n]*$"));

/// A weekday name before the date: `Thứ Tư,`, `Thứ 4`, `thứ hai`, `Thứ bẩy`, `Chủ nhật`, `CN`,
/// and on English pages `Wednesday,` / `Wed,`.
/// Folded, "Tư"/"Năm"/"Sáu"/"Bảy" become `tu`/`nam`/`sau`/`bay`. On the date's own line: the
/// "CN" ending a title on the line above ("nhiệm vụ KH&CN") is no weekday.
static WEEKDAY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?-u:\b)(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|cn|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|fri|sat|sun)(?-u:\b)[^\S\n]*[,\-–|:]?[^\S\n]*$",
    )
});

/// How far back the prefix patterns look. The longest prefix, a weekday then `ngày` then a time
/// with separators, is well under this; the window only bounds the work per date.
const PREFIX_WINDOW: usize = 48;

/// Compile one of this module's fixed patterns, case-insensitively. ASCII word boundaries
/// (`(?-u:\b)`) are used throughout: the folded text is ASCII wherever words matter, and Unicode
/// boundaries would push the regex crate off its fast DFA on non-ASCII input.
fn compile(pattern: &str) -> Regex {
    Regex::new(&format!("(?i){pattern}")).expect("date patterns are valid")
}

/// Text folded for matching: diacritics removed (`Thứ` → `Thu`, NFC or NFD alike, `đ` → `d`)
/// but case, digits and punctuation kept, with a map from each folded byte back to the byte
/// offset of its character in the original text.
struct Folded<'a> {
    text: Cow<'a, str>,
    /// `map[i]` is the original offset for folded byte `i`; one extra entry maps the end. `None`
    /// when the text is ASCII and folding changed nothing (the common case for date-heavy text).
    map: Option<Vec<usize>>,
    original: &'a str,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return Folded {
                text: Cow::Borrowed(text),
                map: None,
                original: text,
            };
        }
        let mut folded = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            crate::text::strip_marks(c, |b| {
                folded.push(b);
                map.extend(std::iter::repeat_n(i, b.len_utf8()));
            });
        }
        map.push(text.len());
        Folded {
            text: Cow::Owned(folded),
            map: Some(map),
            original: text,
        }
    }

    /// Original byte offset of folded offset `i`. A dropped combining mark belongs to the character
    /// before it, so an end offset lands after the marks of the last matched letter.
    fn original(&self, i: usize) -> usize {
        match &self.map {
            None => i.min(self.original.len()),
            Some(map) => map.get(i).copied().unwrap_or(self.original.len()),
        }
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text.get(..i)?.chars().next_back()
    }

    fn char_after(&self, i: usize) -> Option<char> {
        self.text.get(i..)?.chars().next()
    }
}

/// Find every date in `text`, in order of appearance. `context_year` supplies the year for
/// forms written without one, such as `(25/11)`; without it those forms are skipped.
///
/// Forms found (case-insensitive; NFC, NFD and windows-1258-style combining marks alike):
/// - numeric: `25/11/2026`, `25-11-2026`, `25.11.2026`, `8/6/2020`, `2026-11-25`, `2026/11/25`;
/// - two-digit years, `25/11/26`, with `/` only, read as 20yy (dots and dashes with two digits
///   are too often version numbers, scores or codes);
/// - words: `ngày 25 tháng 11 năm 2026`, `25 tháng 11, 2026`, `ngày 25 tháng 11/2026`;
/// - without a year, only when `context_year` is given: `ngày 25 tháng 11`, `(25/11)`, `25/11`.
///   A bare `d/m` needs two-digit day and month (`25/11`, `08/06`) so that fractions like `1/2`
///   or `2/3` are not dates; `8/6` counts in parentheses or after `ngày` or a weekday.
/// - a leading `ngày`, weekday (`Thứ Tư,`, `Thứ 4`, `Chủ nhật`, `CN`) or time (`08:30`,
///   `08:30:15 -`), and a trailing time (`08:30`, `- 08:30`, `| 04:30 PM`, `lúc 8h30`), become
///   part of the match; 12-hour times (AM/PM, SA/CH) are converted to 24-hour.
///
/// Not dates: impossible days (`31/02/2021`, `16/72/2020`, `00/01/2020`), years outside
/// 1900–2100, a month and year alone (`tháng 11/2026`), a year alone, and digit groups that are
/// part of a longer run (`1234/5678`, phone numbers `0212.3852.123`, IP addresses, versions,
/// `1/25/11/2026`). A range keeps its end date: in `25-26/11/2026` the date is `26/11/2026`.
///
/// Runs in time roughly linear in the text length (one regex scan plus bounded work per
/// candidate), so whole page texts can be searched.
pub fn find_dates(text: &str, context_year: Option<i32>) -> Vec<DateMatch> {
    find_dates_in_order(text, context_year, false)
}

/// Does a text write its numeric dates month first (`11/20/2026`, en-US, as SharePoint and
/// other .NET portals do when their locale was never set)? Yes when more `a/b/yyyy` can only be
/// month first (b > 12) than can only be day first (a > 12): the portal's own Vietnamese header
/// ("Thứ Tư, 25/11/2026") may sit above an en-US list.
pub fn writes_month_first(text: &str) -> bool {
    static SLASHED: LazyLock<Regex> =
        LazyLock::new(|| compile(r"(?-u:\b)([0-9]{1,2})/([0-9]{1,2})/[0-9]{4}(?-u:\b)"));
    let (mut month_first, mut day_first) = (0usize, 0usize);
    for c in SLASHED.captures_iter(text) {
        let a: u32 = c[1].parse().unwrap_or(0);
        let b: u32 = c[2].parse().unwrap_or(0);
        month_first += usize::from((1..=12).contains(&a) && (13..=31).contains(&b));
        day_first += usize::from((13..=31).contains(&a) && (1..=12).contains(&b));
    }
    month_first > day_first
}

/// [`find_dates`], reading `a/b/yyyy` month first when `month_first` (see
/// [`writes_month_first`]).
pub fn find_dates_in_order(
    text: &str,
    context_year: Option<i32>,
    month_first: bool,
) -> Vec<DateMatch> {
    let folded = Folded::new(text);
    let mut found = Vec::new();
    let mut pos = 0;
    // Prefixes (weekday, time) may not reach back into the previous match.
    let mut lower = 0;
    let core = if context_year.is_some() {
        &*CORE_WITH_CONTEXT
    } else {
        &*CORE
    };
    while let Some(caps) = core.captures_at(&folded.text, pos) {
        let whole = caps.get(0).expect("group 0 always participates");
        match accept(&folded, &caps, lower, context_year, month_first) {
            Some((m, end)) => {
                let (start, end_orig) = (folded.original(m.start), folded.original(end));
                found.push(DateMatch {
                    start,
                    end: end_orig,
                    text: text.get(start..end_orig).unwrap_or_default().to_owned(),
                    ..m
                });
                pos = end.max(whole.end());
                lower = pos;
            }
            None => {
                // Retry one character later: a valid date may start inside a rejected candidate
                // (`16/72/2020` is not a date but the search must go on).
                pos = whole.start() + folded.char_after(whole.start()).map_or(1, char::len_utf8);
            }
        }
        if pos >= folded.text.len() {
            break;
        }
    }
    found
}

/// The parts of a core match, before extension.
struct Core {
    date: NaiveDate,
    year_inferred: bool,
    /// The separator between the numbers (`/`, `-`, `.`), or ' ' for the word forms.
    sep: char,
    /// A year-less `d/m` or a two-digit year: easily confused with fractions and codes, so it
    /// must stand clear of letters and digits on both sides.
    weak: bool,
    /// A bare `d/m` with a single-digit part, which needs `(`, `ngày` or a weekday before it.
    needs_marker: bool,
}

/// Check a core match and extend it with what surrounds it. Returns the match (offsets in
/// *folded* text in `start`; `end` returned separately) or `None` when it is not a date.
fn accept(
    f: &Folded<'_>,
    caps: &Captures<'_>,
    lower: usize,
    context_year: Option<i32>,
    month_first: bool,
) -> Option<(DateMatch, usize)> {
    let whole = caps.get(0)?;
    let core = read_core(caps, context_year, month_first)?;
    if !clear_before(f, whole.start(), &core) || !clear_after(f, whole.end(), &core) {
        return None;
    }

    let mut start = whole.start();
    let mut end = whole.end();
    let mut time = None;

    let mut date = core.date;
    // Trailing time.
    if let Some(t) = f.text.get(end..).and_then(|rest| TIME_AFTER.captures(rest)) {
        let t_end = end + t.get(0)?.end();
        if time_stands_alone_after(f, t_end) {
            if let Some(parsed) = read_time(&t) {
                time = Some(parsed);
                end = t_end;
                if let Some(us) = us_order(&f.text[whole.start()..whole.end()], &t, &core)
                    .filter(|_| !month_first)
                {
                    date = us;
                }
            }
        }
    }

    // Leading `ngày`, then time, then weekday, each matched against the text just before what
    // has been taken so far.
    let mut with_ngay = false;
    if let Some(s) = prefix_start(f, &NGAY_BEFORE, lower, start) {
        start = s;
        with_ngay = true;
    }
    if time.is_none() {
        if let Some((s, parsed)) = time_before(f, lower, start) {
            start = s;
            time = Some(parsed);
        }
    }
    let mut with_weekday = false;
    if let Some(s) = prefix_start(f, &WEEKDAY_BEFORE, lower, start) {
        if !is_thu_tu(f, s, start) {
            start = s;
            with_weekday = true;
        }
    }

    if core.needs_marker {
        let in_parens = f.char_before(whole.start()) == Some('(');
        if !(in_parens || with_ngay || with_weekday) {
            return None;
        }
    }

    Some((
        DateMatch {
            date,
            time,
            start,
            end,
            text: String::new(),
            with_weekday,
            year_inferred: core.year_inferred,
        },
        end,
    ))
}

/// The month-first reading of a date written the en-US way, which SharePoint and other .NET
/// portals show when the site's locale was never set: `11/6/2026 4:20 PM` is 6 November.
/// Vietnamese formats are day-first, zero-padded and 24-hour; a custom Vietnamese 12-hour
/// format pads (`05/11/2026 04:30 PM`). So only an English AM/PM time, no zero padding at all
/// and a single-digit part, with both numbers 12 or less, reads month first.
fn us_order(core_text: &str, time: &Captures<'_>, core: &Core) -> Option<NaiveDate> {
    let english_marker = time
        .name("ap")
        .is_some_and(|m| !matches!(m.as_str().to_ascii_lowercase().as_str(), "sa" | "ch"));
    if !english_marker || core.sep != '/' || core.year_inferred {
        return None;
    }
    let parts: Vec<&str> = core_text.split('/').collect();
    let hour = time.name("h")?.as_str();
    let [first, second, _year] = parts.as_slice() else {
        return None;
    };
    let unpadded = |p: &str| !p.starts_with('0');
    let single = [first, second, &hour].iter().any(|p| p.len() == 1);
    if !(unpadded(first) && unpadded(second) && unpadded(hour) && single) {
        return None;
    }
    let (day, month) = (core.date.day(), core.date.month());
    if day > 12 || day == month {
        return None;
    }
    NaiveDate::from_ymd_opt(core.date.year(), day, month)
}

/// Read the numbers of whichever alternative matched and check they make a real date.
fn read_core(caps: &Captures<'_>, context_year: Option<i32>, month_first: bool) -> Option<Core> {
    let num = |name: &str| -> Option<u32> { caps.name(name)?.as_str().parse().ok() };
    let text = |name: &str| caps.name(name).map(|m| m.as_str());
    let ymd = |y: i32, m: u32, d: u32| {
        NaiveDate::from_ymd_opt(y, m, d).filter(|date| YEARS.contains(&date.year()))
    };
    let core = |date, year_inferred, sep, weak, needs_marker| {
        Some(Core {
            date,
            year_inferred,
            sep,
            weak,
            needs_marker,
        })
    };

    if caps.name("wy").is_some() {
        let date = ymd(i32::try_from(num("wy")?).ok()?, num("wm")?, num("wd")?)?;
        core(date, false, ' ', false, false)
    } else if caps.name("nd").is_some() {
        let date = ymd(context_year?, num("nm")?, num("nd")?)?;
        core(date, true, ' ', false, false)
    } else if caps.name("iy").is_some() {
        let sep = text("is1")?;
        if Some(sep) != text("is2") {
            return None;
        }
        let date = ymd(i32::try_from(num("iy")?).ok()?, num("im")?, num("id")?)?;
        core(date, false, sep.chars().next()?, false, false)
    } else if caps.name("d").is_some() {
        let sep = text("s1")?;
        if Some(sep) != text("s2") {
            return None;
        }
        let year_text = text("y")?;
        let two_digit = year_text.len() == 2;
        if two_digit && sep != "/" {
            return None;
        }
        let year = i32::try_from(num("y")?).ok()? + if two_digit { 2000 } else { 0 };
        let (d, m) = (num("d")?, num("m")?);
        let date = if month_first && sep == "/" && !two_digit {
            ymd(year, d, m)?
        } else if sep == "/" && !two_digit && m > 12 {
            // `11/24/2026` has no day-first reading: it is month first whatever the page.
            ymd(year, d, m)?
        } else {
            ymd(year, m, d)?
        };
        core(date, false, sep.chars().next()?, two_digit, false)
    } else if let Some(name) = text("em").or(text("fm")) {
        let (d, y) = if caps.name("em").is_some() {
            (num("ed")?, num("ey")?)
        } else {
            (num("fd")?, num("fy")?)
        };
        let date = ymd(i32::try_from(y).ok()?, english_month(name)?, d)?;
        core(date, false, ' ', false, false)
    } else if let Some(d) = num("vd").or(num("ud")) {
        let month = match text("vw").or(text("uw")) {
            // "9 tháng năm 2026" is "the nine months of 2026" (a report's period); May is
            // written with the comma of WordPress's format: "9 Tháng Năm, 2026".
            Some(words)
                if vietnamese_month(words)? == 5 && !caps.get(0)?.as_str().contains(',') =>
            {
                return None;
            }
            Some(words) => vietnamese_month(words)?,
            None => num("vn")?,
        };
        let year = num("vy").or(num("uy"))?;
        let date = ymd(i32::try_from(year).ok()?, month, d)?;
        core(date, false, ' ', false, false)
    } else if caps.name("dd").is_some() {
        let date = ymd(context_year?, num("dm")?, num("dd")?)?;
        let short = text("dd")?.len() < 2 || text("dm")?.len() < 2;
        core(date, true, '/', true, short)
    } else {
        None
    }
}

/// Month number of a folded Vietnamese month name ("muoi mot" → 11).
fn vietnamese_month(words: &str) -> Option<u32> {
    let lower = words.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    Some(match words.as_slice() {
        ["mot"] | ["gieng"] => 1,
        ["hai"] => 2,
        ["ba"] => 3,
        ["tu"] => 4,
        ["nam"] => 5,
        ["sau"] => 6,
        ["bay"] => 7,
        ["tam"] => 8,
        ["chin"] => 9,
        ["muoi"] => 10,
        ["muoi", "mot"] => 11,
        ["muoi", "hai"] | ["chap"] => 12,
        _ => return None,
    })
}

/// Month number of an English month name or abbreviation (any case).
fn english_month(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The date does not continue a longer number to its left: `1234/5678`, `1/25/11/2026`,
/// `192.168.1.10`. A dash before a slash date is a range (`25-26/11/2026`) and is allowed.
fn clear_before(f: &Folded<'_>, start: usize, core: &Core) -> bool {
    let Some(p) = f.char_before(start) else {
        return true;
    };
    if p.is_ascii_digit() || (core.weak && p.is_alphanumeric()) {
        return false;
    }
    let digit_before_p = f
        .char_before(start - p.len_utf8())
        .is_some_and(|c| c.is_ascii_digit());
    match p {
        '/' | '.' | ':' => !digit_before_p,
        '-' => !(digit_before_p && (core.sep == '-' || core.weak)),
        _ => true,
    }
}

/// The date does not run on into more digits to its right: `25/11/2026/5`, `25.11.2026.1`,
/// `25/11/20261`. A year-less `d/m` may not be followed by `/` and anything (`12/10/KH`).
fn clear_after(f: &Folded<'_>, end: usize, core: &Core) -> bool {
    let Some(n) = f.char_after(end) else {
        return true;
    };
    if n.is_ascii_digit() || (core.weak && n.is_alphanumeric()) {
        return false;
    }
    let after_n = f.char_after(end + n.len_utf8());
    let digit_after_n = after_n.is_some_and(|c| c.is_ascii_digit());
    match n {
        '/' if core.weak && core.year_inferred => !after_n.is_some_and(char::is_alphanumeric),
        '/' | '.' | ':' => !digit_after_n,
        '-' => !(digit_after_n && core.sep == '-'),
        _ => true,
    }
}

/// A trailing time must not continue into more digits (`08:305`, `08:30:1`, `08:30.5`).
fn time_stands_alone_after(f: &Folded<'_>, end: usize) -> bool {
    let Some(n) = f.char_after(end) else {
        return true;
    };
    let digit_after_n = f
        .char_after(end + n.len_utf8())
        .is_some_and(|c| c.is_ascii_digit());
    !(n.is_ascii_digit() || (matches!(n, ':' | '.' | '/') && digit_after_n))
}

/// Folding makes "thứ tự" (order, as in "Thứ tự 1") look like "Thứ Tư" (Wednesday); the dot
/// below on "tự" in the original text tells them apart.
fn is_thu_tu(f: &Folded<'_>, start: usize, end: usize) -> bool {
    if f.map.is_none() {
        return false;
    }
    // The original slice is short (a weekday and a separator), so normalising it is cheap.
    let original = f
        .original
        .get(f.original(start)..f.original(end))
        .unwrap_or_default();
    crate::text::nfc(original).to_lowercase().contains("tự")
}

/// Where a `$`-anchored prefix pattern starts, looking back from `end` but not before `lower`.
fn prefix_start(f: &Folded<'_>, re: &Regex, lower: usize, end: usize) -> Option<usize> {
    let from = window_start(f, lower, end);
    let m = re.find(f.text.get(from..end)?)?;
    Some(from + m.start())
}

/// A time right before `end` (`08:30 25/11/2026`), with where it starts.
fn time_before(f: &Folded<'_>, lower: usize, end: usize) -> Option<(usize, NaiveTime)> {
    let from = window_start(f, lower, end);
    let caps = TIME_BEFORE.captures(f.text.get(from..end)?)?;
    let start = from + caps.get(0)?.start();
    // Not the tail of something longer: `12:08:30` cut to `08:30`, `1.08:30`, `2026/08:30`.
    if f.char_before(start)
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '/'))
    {
        return None;
    }
    Some((start, read_time(&caps)?))
}

/// Start of the look-back window: at most [`PREFIX_WINDOW`] bytes, on a character boundary.
fn window_start(f: &Folded<'_>, lower: usize, end: usize) -> usize {
    let mut from = end.saturating_sub(PREFIX_WINDOW).max(lower);
    while from < end && !f.text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// The time in a [`time_re!`] match, 12-hour forms converted; `None` when out of range
/// (`25:00`, `08:61`, `00:30 PM`).
fn read_time(caps: &Captures<'_>) -> Option<NaiveTime> {
    let num = |name: &str| -> Option<u32> { caps.name(name)?.as_str().parse().ok() };
    let mut hour = num("h")?;
    let minute = num("mi")?;
    let second = caps.name("s").map_or(Some(0), |_| num("s"))?;
    if let Some(marker) = caps.name("ap") {
        let marker = marker.as_str().to_ascii_lowercase();
        let pm = matches!(marker.as_str(), "pm" | "p.m." | "ch");
        match hour {
            1..=12 => hour = hour % 12 + if pm { 12 } else { 0 },
            // `16:30 PM` is seen in the wild: the hour already says it.
            13..=23 if pm => {}
            _ => return None,
        }
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// The offset of Vietnamese time (UTC+7; no daylight saving since 1975), used to turn an
/// instant into the calendar day a Vietnamese reader sees.
fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// ISO 8601 as found in markup: a date, optionally `T` or a space and a time with optional
/// seconds, fraction and offset (`Z`, `+07:00`, `+0700`, `+07`).
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"^(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})",
        r"(?:[t ](?P<h>[0-9]{2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,][0-9]+)?)?",
        r"\s*(?P<z>z|utc|gmt|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$"
    ))
});

/// Parse an ISO 8601 date or date-time as found in `<meta>`, JSON-LD and `<time datetime>`
/// (`2026-11-25`, `2026-11-25T08:30:00+07:00`, `2026-11-25T01:30:00Z`). A date-time with an
/// offset is converted to the Vietnamese calendar day (UTC+7).
///
/// Also accepted, because the same meta tags carry them in practice: a space instead of `T`
/// (`2026-11-25 08:30:00`), a missing seconds field, fractions of a second, offsets without a
/// colon (`+0700`), and RFC 2822 dates (see [`parse_http_date`]). A date-time without an offset
/// is taken as Vietnamese local time. Surrounding whitespace is ignored; anything else that does
/// not parse gives `None`.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let Some(caps) = ISO.captures(s) else {
        return parse_http_date(s);
    };
    let num = |name: &str| -> Option<u32> { caps.name(name)?.as_str().parse().ok() };
    let date = NaiveDate::from_ymd_opt(i32::try_from(num("y")?).ok()?, num("mo")?, num("d")?)?;
    let Some(zone) = caps.name("z") else {
        // No offset: the calendar date as written (a bad time still makes the string invalid).
        if caps.name("h").is_some() {
            NaiveTime::from_hms_opt(num("h")?, num("mi")?, num("s").unwrap_or(0))?;
        }
        return Some(date);
    };
    let time = NaiveTime::from_hms_opt(num("h")?, num("mi")?, num("s").unwrap_or(0))?;
    let offset = parse_offset(zone.as_str())?;
    let instant = NaiveDateTime::new(date, time)
        .and_local_timezone(offset)
        .single()?;
    Some(instant.with_timezone(&vietnam()).date_naive())
}

/// `Z`, `UTC`, `GMT`, `+07:00`, `+0700`, `+07`, `-05:30` as a fixed offset.
fn parse_offset(z: &str) -> Option<FixedOffset> {
    if z.eq_ignore_ascii_case("z") || z.eq_ignore_ascii_case("utc") || z.eq_ignore_ascii_case("gmt")
    {
        return FixedOffset::east_opt(0);
    }
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let digits: String = z[1..].chars().filter(char::is_ascii_digit).collect();
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Parse an RFC 2822 date as sent in HTTP `Last-Modified`/`Date` headers and RSS `<pubDate>`
/// (`Wed, 25 Nov 2026 01:30:00 GMT`, `25 Nov 2026 08:30:00 +0700`) and give the Vietnamese
/// calendar day (UTC+7) of that instant.
///
/// Feeds often carry a weekday that does not match the date; the date is what counts, so a wrong
/// weekday is ignored rather than rejecting the whole value.
pub fn parse_http_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let instant = DateTime::parse_from_rfc2822(s).ok().or_else(|| {
        // Retry without the leading weekday, which chrono checks against the date.
        let (_, rest) = s.split_once(',')?;
        DateTime::parse_from_rfc2822(rest.trim()).ok()
    })?;
    Some(instant.with_timezone(&vietnam()).date_naive())
}

/// Number of Vietnamese working days after `from` up to and including `to` (0 when
/// `to <= from`), in the embedded calendar: weekends, public holidays of the Labour Code 2019
/// Art. 112 (Tết and Giỗ Tổ by the lunar calendar), compensatory days and the announced days off
/// and make-up Saturdays of `rules/holidays-vn.yaml`. Scoring counts in the rule set's calendar
/// instead ([`crate::rules::RuleSet::calendar`]), which `--holidays FILE` can replace.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    crate::calendar::WorkCalendar::vietnam().working_days_between(from, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32, s: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, s).unwrap()
    }

    /// The single date in `text`, checking that offsets and `text` agree.
    fn one(text: &str, ctx: Option<i32>) -> DateMatch {
        let found = find_dates(text, ctx);
        assert_eq!(found.len(), 1, "{text:?} gave {found:#?}");
        let m = found.into_iter().next().unwrap();
        assert_eq!(&text[m.start..m.end], m.text, "{text:?}");
        m
    }

    fn none(text: &str, ctx: Option<i32>) {
        let found = find_dates(text, ctx);
        assert!(
            found.is_empty(),
            "{text:?} should have no date, gave {found:#?}"
        );
    }

    /// Dates and matched texts, for texts with several.
    fn all(text: &str, ctx: Option<i32>) -> Vec<(NaiveDate, String)> {
        find_dates(text, ctx)
            .into_iter()
            .map(|m| (m.date, m.text))
            .collect()
    }

    #[test]
    fn numeric_forms() {
        for (s, date) in [
            ("25/11/2026", d(2026, 11, 25)),
            ("25-11-2026", d(2026, 11, 25)),
            ("25.11.2026", d(2026, 11, 25)),
            ("2026-11-25", d(2026, 11, 25)),
            ("2026/11/25", d(2026, 11, 25)),
            ("8/6/2020", d(2020, 6, 8)),
            ("08/06/2020", d(2020, 6, 8)),
            ("2020-6-8", d(2020, 6, 8)),
        ] {
            let m = one(s, None);
            assert_eq!(
                (m.date, m.time, m.start, m.end),
                (date, None, 0, s.len()),
                "{s}"
            );
            assert!(!m.with_weekday && !m.year_inferred);
        }
    }

    #[test]
    fn english_forms() {
        for (s, date) in [
            ("November 19, 2026", d(2026, 11, 19)),
            ("Nov 19, 2026", d(2026, 11, 19)),
            ("Nov. 19th 2026", d(2026, 11, 19)),
            ("19 November 2026", d(2026, 11, 19)),
            ("23 Nov 2026", d(2026, 11, 23)),
            ("1st Dec, 2026", d(2026, 12, 1)),
            ("SEPTEMBER 2, 2025", d(2025, 9, 2)),
            ("June 30, 2026", d(2026, 6, 30)),
        ] {
            let m = one(s, None);
            assert_eq!((m.date, m.start, m.end), (date, 0, s.len()), "{s}");
        }
        // impossible days and month-year alone are not dates
        assert!(find_dates("February 30, 2026", None).is_empty());
        assert!(find_dates("November 2026", None).is_empty());
        assert!(find_dates("nov 2026", None).is_empty());
        // a month word inside another word is not a month
        assert!(find_dates("Xnov 19, 2026", None).is_empty());
    }

    /// The "ngày" that reads with a date is on its line: "15 ngày" ending the cell before a date
    /// cell (a time limit) is not part of the date.
    #[test]
    fn the_word_ngay_does_not_cross_a_line() {
        let m = one("15 ngày\n12/10/2026", None);
        assert_eq!(m.text, "12/10/2026");
        assert_eq!(one("ngày 12/10/2026", None).text, "ngày 12/10/2026");
    }

    /// WordPress in Vietnamese writes months in words ("Tháng Mười Một") or short ("Th11"),
    /// day or month first; its day/month/year badges run together ("12Th112026").
    #[test]
    fn vietnamese_month_words() {
        for (s, date) in [
            ("25 Tháng Mười Một, 2026", d(2026, 11, 25)),
            ("25 tháng mười hai 2026", d(2026, 12, 25)),
            ("3 Tháng Mười 2026", d(2026, 10, 3)),
            ("1 Tháng Một, 2027", d(2027, 1, 1)),
            ("12 Th11 2026", d(2026, 11, 12)),
            ("12Th112026", d(2026, 11, 12)),
            ("Tháng Mười Một 12, 2026", d(2026, 11, 12)),
            ("Tháng Tư 30, 2026", d(2026, 4, 30)),
            ("ngày 20 tháng Mười Một năm 2026", d(2026, 11, 20)),
        ] {
            let m = one(s, None);
            assert_eq!((m.date, m.start, m.end), (date, 0, s.len()), "{s}");
        }
        // a month alone, "tháng" with an impossible day, or a report's period is no date
        assert!(find_dates("Tháng Mười Một 2026", None).is_empty());
        assert!(find_dates("Báo cáo kinh tế - xã hội 9 tháng năm 2026", None).is_empty());
        assert_eq!(one("9 Tháng Năm, 2026", None).date, d(2026, 5, 9));
        assert!(find_dates("31 Tháng Tư 2026", None).is_empty());
    }

    #[test]
    fn offsets_inside_text() {
        let s = "Ngày đăng: 25/11/2026 | Lượt xem: 120";
        let m = one(s, None);
        assert_eq!(m.start, s.find("25/11").unwrap());
        assert_eq!(m.text, "25/11/2026");
        assert_eq!(m.date, d(2026, 11, 25));

        // Offsets are in the original text even when folding changed lengths before the date.
        let nfd = "Nga\u{300}y đa\u{306}ng: 25/11/2026 (ca\u{302}\u{323}p nha\u{302}\u{323}t)";
        let m = one(nfd, None);
        assert_eq!(m.start, nfd.find("25/11").unwrap());
        assert_eq!(m.text, "25/11/2026");
    }

    #[test]
    fn times_after_the_date() {
        for (s, time) in [
            ("25/11/2026 08:30", t(8, 30, 0)),
            ("25/11/2026 - 08:30", t(8, 30, 0)),
            ("25/11/2026, 8:05", t(8, 5, 0)),
            ("25/11/2026 08:30:15", t(8, 30, 15)),
            ("25/11/2026 lúc 08h30", t(8, 30, 0)),
            ("25/11/2026 vào lúc 14:00", t(14, 0, 0)),
            ("27/07/2021 | 04:30 PM", t(16, 30, 0)),
            ("27/07/2021 04:30 PM", t(16, 30, 0)),
            ("27/07/2021 04:30 pm", t(16, 30, 0)),
            ("27/07/2021 12:10 AM", t(0, 10, 0)),
            ("27/07/2021 12:10 PM", t(12, 10, 0)),
            ("27/07/2021 09:15 a.m.", t(9, 15, 0)),
            ("27/07/2021 04:30 CH", t(16, 30, 0)),
            ("27/07/2021 04:30 SA", t(4, 30, 0)),
            ("2026-11-25T08:30", t(8, 30, 0)),
        ] {
            let m = one(s, None);
            assert_eq!(m.time, Some(time), "{s}");
            assert_eq!(m.text, s, "{s}");
        }
    }

    #[test]
    fn times_before_the_date() {
        let m = one("08:30 25/11/2026", None);
        assert_eq!(
            (m.date, m.time, m.text.as_str()),
            (d(2026, 11, 25), Some(t(8, 30, 0)), "08:30 25/11/2026")
        );
        let m = one("08:30:15 - 25/11/2026", None);
        assert_eq!(
            (m.time, m.text.as_str()),
            (Some(t(8, 30, 15)), "08:30:15 - 25/11/2026")
        );
        let s = "Cập nhật lúc 08:30 ngày 25/11/2026";
        let m = one(s, None);
        assert_eq!(
            (m.time, m.text.as_str()),
            (Some(t(8, 30, 0)), "08:30 ngày 25/11/2026")
        );
        assert_eq!(m.start, s.find("08:30").unwrap());
    }

    #[test]
    fn bad_or_attached_times_are_left_out() {
        for s in [
            "25/11/2026 25:00",
            "25/11/2026 08:61",
            "25/11/2026 08:305",
            "25/11/2026 00:30 PM",
        ] {
            let m = one(s, None);
            assert_eq!((m.time, m.text.as_str()), (None, "25/11/2026"), "{s}");
        }
        // The tail of a longer number is not a time for the date that follows.
        for s in [
            "v1:12:08:30 25/11/2026",
            "123:45 25/11/2026",
            "1.08:30 25/11/2026",
        ] {
            let m = one(s, None);
            assert_eq!((m.time, m.text.as_str()), (None, "25/11/2026"), "{s}");
        }
        let m = one("x12:08:30 25/11/2026", None);
        assert_eq!(
            (m.time, m.text.as_str()),
            (Some(t(12, 8, 30)), "12:08:30 25/11/2026")
        );
    }

    /// SharePoint's en-US dates read month first; padded or day-first ones stay day first.
    #[test]
    fn en_us_dates_with_am_pm() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(one("11/6/2026 4:20 PM", None).date, d(2026, 11, 6));
        assert_eq!(one("3/9/2026 10:05 AM", None).date, d(2026, 3, 9));
        // Padded: a Vietnamese 12-hour format, day first.
        assert_eq!(one("05/11/2026 04:30 PM", None).date, d(2026, 11, 5));
        // Unambiguous day first.
        assert_eq!(one("27/7/2021 4:30 PM", None).date, d(2021, 7, 27));
        // 24-hour time or the Vietnamese CH marker: day first.
        assert_eq!(one("11/6/2026 16:20", None).date, d(2026, 6, 11));
        assert_eq!(one("11/6/2026 4:20 CH", None).date, d(2026, 6, 11));
        // Without a time nothing says month first.
        assert_eq!(one("11/6/2026", None).date, d(2026, 6, 11));
    }

    #[test]
    fn weekdays() {
        for s in [
            "Thứ Tư, 25/11/2026",
            "Thứ tư, 25/11/2026",
            "THỨ TƯ, 25/11/2026",
            "thứ tư 25/11/2026",
            "Thứ 4, 25/11/2026",
            "Thứ 4 - 25/11/2026",
            "Thứ hai, 25/11/2026",
            "Thứ Bảy, 25/11/2026",
            "Thứ bẩy, 25/11/2026",
            "Thứ Năm | 25/11/2026",
            "Chủ nhật, 25/11/2026",
            "CHỦ NHẬT, 25/11/2026",
            "CN, 25/11/2026",
            "Thứ Tư, ngày 25/11/2026",
            "Thứ Tư, ngày 25 tháng 11 năm 2026",
            // NFD and windows-1258 style (precomposed ư + separate tone mark).
            "Thu\u{31b}\u{301} Tu\u{31b}, 25/11/2026",
            "Thư\u{301} Tư, nga\u{300}y 25/11/2026",
            "Chu\u{309} nhâ\u{323}t, 25/11/2026",
            // English pages of the same portals.
            "Wednesday, November 25, 2026",
            "Wed, 25/11/2026",
        ] {
            let m = one(s, None);
            assert!(m.with_weekday, "{s}");
            assert_eq!(
                (m.date, m.start, m.end, m.text.as_str()),
                (d(2026, 11, 25), 0, s.len(), s),
                "{s}"
            );
        }
        let s = "Hôm nay: Thứ Tư, 25/11/2026 08:30";
        let m = one(s, None);
        assert_eq!(m.text, "Thứ Tư, 25/11/2026 08:30");
        assert_eq!(m.start, s.find("Thứ").unwrap());
        assert!(m.with_weekday);
        // Not weekdays: "thứ" without a day, and words that merely end in "cn".
        assert!(!one("Thứ tự 25/11/2026", None).with_weekday);
        assert!(!one("Thu\u{31b}\u{301} tu\u{31b}\u{323} 25/11/2026", None).with_weekday);
        assert!(!one("Thứ trưởng 25/11/2026", None).with_weekday);
        assert!(!one("Thư ký 25/11/2026", None).with_weekday);
        assert!(!one("TTCN 25/11/2026", None).with_weekday);
    }

    #[test]
    fn ngay_prefix_is_part_of_the_match() {
        let m = one("Hà Nội, ngày 25/11/2026", None);
        assert_eq!(m.text, "ngày 25/11/2026");
        let m = one("NGÀY: 25/11/2026", None);
        assert_eq!(m.text, "NGÀY: 25/11/2026");
        assert!(!m.with_weekday);
    }

    #[test]
    fn vietnamese_word_forms() {
        for (s, text) in [
            ("ngày 25 tháng 11 năm 2026", "ngày 25 tháng 11 năm 2026"),
            (
                "Sơn La, Ngày 25 Tháng 11 Năm 2026",
                "Ngày 25 Tháng 11 Năm 2026",
            ),
            ("NGÀY 25 THÁNG 11 NĂM 2026", "NGÀY 25 THÁNG 11 NĂM 2026"),
            ("25 tháng 11, 2026", "25 tháng 11, 2026"),
            ("25 tháng 11 năm 2026", "25 tháng 11 năm 2026"),
            ("ngày 25 tháng 11/2026", "ngày 25 tháng 11/2026"),
            (
                "nga\u{300}y 25 tha\u{301}ng 11 na\u{306}m 2026",
                "nga\u{300}y 25 tha\u{301}ng 11 na\u{306}m 2026",
            ),
        ] {
            let m = one(s, None);
            assert_eq!((m.date, m.text.as_str()), (d(2026, 11, 25), text), "{s}");
        }
        assert_eq!(one("ngày 8 tháng 6 năm 2020", None).date, d(2020, 6, 8));
    }

    #[test]
    fn month_and_year_alone_are_not_dates() {
        none("tháng 11/2026", None);
        none("tháng 11/2026", Some(2026));
        none("Tháng 11 năm 2026", Some(2026));
        none("Quý IV/2026", Some(2026));
        none("năm 2026", Some(2026));
        none("2026", Some(2026));
        none("năm học 2025-2026", Some(2026));
    }

    #[test]
    fn year_less_forms_need_context() {
        none("(25/11)", None);
        none("Họp ngày 25/11", None);
        none("ngày 25 tháng 11", None);

        let m = one("Họp giao ban (25/11)", Some(2026));
        assert_eq!(
            (m.date, m.text.as_str(), m.year_inferred),
            (d(2026, 11, 25), "25/11", true)
        );
        let m = one("Cập nhật 25/11", Some(2026));
        assert_eq!((m.date, m.year_inferred), (d(2026, 11, 25), true));
        let m = one("Họp ngày 8/6", Some(2020));
        assert_eq!((m.date, m.text.as_str()), (d(2020, 6, 8), "ngày 8/6"));
        assert_eq!(one("(8/6)", Some(2020)).date, d(2020, 6, 8));
        let m = one("ngày 25 tháng 11", Some(2026));
        assert_eq!((m.date, m.year_inferred), (d(2026, 11, 25), true));
        let m = one("Thứ Tư, 25/11 08:30", Some(2026));
        assert!(m.with_weekday && m.year_inferred);
        assert_eq!(m.time, Some(t(8, 30, 0)));

        // Fractions, scores and codes are not dates.
        none("đạt 1/2 số hộ", Some(2026));
        none("2/3 đại biểu tán thành", Some(2026));
        none("số 12/10/KH", Some(2026));
        none("29/2", Some(2026)); // not a leap year
        assert_eq!(one("29/02", Some(2028)).date, d(2028, 2, 29));
        // A full date is never mistaken for a year-less one.
        let m = one("25/11/2025", Some(2026));
        assert_eq!((m.date, m.year_inferred), (d(2025, 11, 25), false));
    }

    #[test]
    fn two_digit_years() {
        let m = one("25/11/26", None);
        assert_eq!((m.date, m.text.as_str()), (d(2026, 11, 25), "25/11/26"));
        // Dots and dashes with two digits are versions and codes.
        none("phiên bản 1.2.26", None);
        none("25.11.26", None);
        none("25-11-26", None);
        none("v2/11/26", None);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for s in [
            "16/72/2020",
            "31/02/2021",
            "00/01/2020",
            "32/01/2020",
            "29/02/2021",
            "15/13/2020",
            "2026-13-01",
            "2026-02-30",
            "0/0/2020",
            "25/11/1899",
            "25/11/2101",
            "01/02/0345",
        ] {
            none(s, Some(2026));
        }
        assert_eq!(one("29/02/2020", None).date, d(2020, 2, 29));
    }

    #[test]
    fn digit_runs_are_not_dates() {
        for s in [
            "1234/5678",
            "Điện thoại: 0212.3852.123",
            "ĐT: 0912.345.678 - 0212 3852 123",
            "IP 192.168.1.10 và 10.10.10.10",
            "phiên bản 2.10.15",
            "số 12/CT-UBND",
            "Kế hoạch số 174/KH-UBND",
            "Nghị định 43/2011/NĐ-CP",
            "Thông tư 26/2009/TT-BTTTT",
            "1/25/11/2026",
            "125/11/2026",
            "25/11/20261",
            "25/11/2026/5",
            "25.11.2026.1",
            "1.25.11.2026",
            "25/11-2026",
            "08:30",
            "1.234.567 đồng",
        ] {
            none(s, Some(2026));
        }
    }

    #[test]
    fn ranges_and_several_dates() {
        let s = "từ 25-26/11/2026";
        assert_eq!(
            all(s, None),
            vec![(d(2026, 11, 26), "26/11/2026".to_owned())]
        );

        let s = "25/11/2026 08:30 26/11/2026 09:00";
        let found = find_dates(s, None);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].time, found[0].text.as_str()),
            (Some(t(8, 30, 0)), "25/11/2026 08:30")
        );
        assert_eq!(
            (found[1].time, found[1].text.as_str()),
            (Some(t(9, 0, 0)), "26/11/2026 09:00")
        );
        assert!(found[0].end <= found[1].start);

        let s = "Kế hoạch số 174/KH-UBND ngày 20/11/2026 của UBND tỉnh, hiệu lực từ 25/11/2026 - 31/12/2026.";
        assert_eq!(
            all(s, None),
            vec![
                (d(2026, 11, 20), "ngày 20/11/2026".to_owned()),
                (d(2026, 11, 25), "25/11/2026".to_owned()),
                (d(2026, 12, 31), "31/12/2026".to_owned()),
            ]
        );
    }

    #[test]
    fn find_dates_never_panics_and_offsets_are_consistent() {
        let pieces = [
            "1",
            "25",
            "2026",
            "/",
            "-",
            ".",
            ":",
            " ",
            "(",
            ")",
            "Thứ",
            "Tư",
            "Thu\u{31b}\u{301}",
            "ngày",
            "nga\u{300}y",
            "tháng",
            "năm",
            "CN",
            "PM",
            "h",
            "\u{301}",
            "Đ",
            "é",
            "日",
            "🇻🇳",
            ",",
            "|",
            "lúc",
            "\u{a0}",
            "T",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 24) as usize;
            let s: String = (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            for ctx in [None, Some(2026)] {
                let mut last_end = 0;
                for m in find_dates(&s, ctx) {
                    assert!(m.start < m.end && m.end <= s.len(), "{s:?}");
                    assert!(m.start >= last_end, "overlap in {s:?}");
                    assert_eq!(s.get(m.start..m.end), Some(m.text.as_str()), "{s:?}");
                    last_end = m.end;
                }
            }
        }
        for s in [
            "",
            "/",
            "\u{301}",
            "99999999999999999999/1/2026",
            "ngày 99999999999 tháng 1 năm 2026",
        ] {
            let _ = find_dates(s, Some(i32::MAX));
            let _ = find_dates(s, Some(i32::MIN));
        }
    }

    #[test]
    fn large_text_finds_every_date() {
        // A page-sized text: many list items, each with a date, Vietnamese text between.
        let item = "Tin hoạt động của Sở Thông tin và Truyền thông tỉnh Sơn La, cập nhật 25/11/2026 08:30. \
                    Điện thoại 0212.3852.123, văn bản số 174/KH-UBND. ";
        let text = item.repeat(2000);
        let found = find_dates(&text, Some(2026));
        assert_eq!(found.len(), 2000);
        assert!(
            found
                .iter()
                .all(|m| m.date == d(2026, 11, 25) && m.time == Some(t(8, 30, 0)))
        );
        assert_eq!(found[1].start, item.len() + item.find("25/11").unwrap());
    }

    #[test]
    fn parse_iso_forms() {
        assert_eq!(parse_iso("2026-11-25"), Some(d(2026, 11, 25)));
        assert_eq!(parse_iso(" 2026-11-25 \n"), Some(d(2026, 11, 25)));
        assert_eq!(
            parse_iso("2026-11-25T08:30:00+07:00"),
            Some(d(2026, 11, 25))
        );
        assert_eq!(parse_iso("2026-11-25T01:30:00Z"), Some(d(2026, 11, 25)));
        // Evening UTC is the next morning in Vietnam.
        assert_eq!(parse_iso("2026-11-24T20:00:00Z"), Some(d(2026, 11, 25)));
        assert_eq!(parse_iso("2026-11-24T16:59:59Z"), Some(d(2026, 11, 24)));
        assert_eq!(parse_iso("2026-11-24T17:00:00Z"), Some(d(2026, 11, 25)));
        assert_eq!(
            parse_iso("2026-11-24T20:00:00.123+00:00"),
            Some(d(2026, 11, 25))
        );
        assert_eq!(
            parse_iso("2026-11-25T23:30:00-05:00"),
            Some(d(2026, 11, 26))
        );
        assert_eq!(parse_iso("2026-11-25T08:30:00+0700"), Some(d(2026, 11, 25)));
        assert_eq!(parse_iso("2026-11-25T08:30+07"), Some(d(2026, 11, 25)));
        assert_eq!(parse_iso("2026-11-25t08:30z"), Some(d(2026, 11, 25)));
        // Without an offset: Vietnamese local time as written.
        assert_eq!(parse_iso("2026-11-25 08:30:00"), Some(d(2026, 11, 25)));
        assert_eq!(parse_iso("2026-11-25T23:30:00"), Some(d(2026, 11, 25)));
        // RFC 2822 falls through to parse_http_date.
        assert_eq!(
            parse_iso("Wed, 25 Nov 2026 01:30:00 GMT"),
            Some(d(2026, 11, 25))
        );
        for bad in [
            "",
            "2026",
            "2026-11",
            "2026-13-01",
            "2026-02-30",
            "25/11/2026",
            "2026-11-25T25:00:00Z",
            "2026-11-25T08:30:00+25:00",
            "2026-11-25Tfoo",
            "2026-11-25 08:30 garbage",
            "x2026-11-25",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn parse_http_dates() {
        assert_eq!(
            parse_http_date("Wed, 25 Nov 2026 01:30:00 GMT"),
            Some(d(2026, 11, 25))
        );
        assert_eq!(
            parse_http_date("Tue, 24 Nov 2026 20:00:00 GMT"),
            Some(d(2026, 11, 25))
        );
        assert_eq!(
            parse_http_date("Wed, 25 Nov 2026 08:30:00 +0700"),
            Some(d(2026, 11, 25))
        );
        assert_eq!(
            parse_http_date("25 Nov 2026 08:30:00 +0700"),
            Some(d(2026, 11, 25))
        );
        // A wrong weekday (common in feeds) does not hide the date.
        assert_eq!(
            parse_http_date("Mon, 25 Nov 2026 08:30:00 +0700"),
            Some(d(2026, 11, 25))
        );
        for bad in [
            "",
            "yesterday",
            "Wed, 31 Feb 2026 01:30:00 GMT",
            "2026-11-25",
            ",",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn working_days() {
        // 2026-11-20 is a Friday.
        let fri = d(2026, 11, 20);
        assert_eq!(fri.weekday(), Weekday::Fri);
        assert_eq!(working_days_between(fri, fri), 0);
        assert_eq!(working_days_between(fri, d(2026, 11, 19)), 0);
        assert_eq!(working_days_between(fri, d(2026, 11, 21)), 0); // Saturday
        assert_eq!(working_days_between(fri, d(2026, 11, 22)), 0); // Sunday
        assert_eq!(working_days_between(fri, d(2026, 11, 23)), 1); // Monday
        assert_eq!(working_days_between(fri, d(2026, 11, 27)), 5);
        assert_eq!(working_days_between(d(2026, 11, 21), d(2026, 11, 28)), 5);
    }

    #[test]
    fn working_days_match_counting_day_by_day() {
        // June–August 2026 hold no public holiday, so only weekends are skipped.
        let base = d(2026, 6, 1);
        for a in 0..14 {
            let from = base + chrono::Duration::days(a);
            for b in -3..60 {
                let to = from + chrono::Duration::days(b);
                let mut expected = 0;
                let mut day = from;
                while day < to {
                    day = day.succ_opt().unwrap();
                    if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                        expected += 1;
                    }
                }
                assert_eq!(working_days_between(from, to), expected, "{from} → {to}");
            }
        }
        // The whole calendar range neither overflows nor panics.
        assert!(working_days_between(NaiveDate::MIN, NaiveDate::MAX) > 0);
    }

    #[test]
    fn working_days_skip_public_holidays() {
        // Tết Bính Ngọ: 16–20/2/2026 are days off, so Friday 13/2 → Wednesday 25/2 is 3
        // working days (23, 24, 25), not 8.
        assert_eq!(working_days_between(d(2026, 2, 13), d(2026, 2, 25)), 3);
        // Saturday 10/1/2026 is a make-up working day: Friday 9/1 → Monday 12/1 is 2.
        assert_eq!(working_days_between(d(2026, 1, 9), d(2026, 1, 12)), 2);
    }
}
