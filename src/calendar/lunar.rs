//! The Vietnamese lunisolar calendar (âm lịch): solar ↔ lunar dates, computed at UTC+7.
//!
//! # Algorithm and source
//!
//! This is Hồ Ngọc Đức's algorithm, "Thuật toán tính âm lịch" (Hồ Ngọc Đức, 2004; published
//! with his reference JavaScript/Java implementation `amlich.js` / `AmLich.java`, the basis of
//! most Vietnamese calendar software). It follows the rules the Vietnamese calendar has used
//! since 1968 (Vietnam switched from UTC+8 to UTC+7 then):
//!
//! - a lunar month begins on the civil day (at UTC+7) that holds the astronomical new moon;
//! - month 11 is the month that holds the winter solstice;
//! - a lunar year with 13 months (between two months 11) repeats the first month after month
//!   11 that holds no major solar term (trung khí), which becomes the leap month;
//! - new moons and the sun's longitude use the truncated series of Jean Meeus, *Astronomical
//!   Algorithms* (Willmann-Bell, 1998), ch. 47 (new moon) and ch. 25 (solar coordinates, low
//!   accuracy), as transcribed by Hồ Ngọc Đức, with his ΔT correction.
//!
//! The constants and formulas below are his, written in Rust: `new_moon` is his `NewMoon`,
//! `sun_longitude` his `SunLongitude`, `lunar_month_11` his `getLunarMonth11`,
//! `leap_month_offset` his `getLeapMonthOffset`, and [`solar_to_lunar`] / [`lunar_to_solar`]
//! his `convertSolar2Lunar` / `convertLunar2Solar`. Julian day numbers come from `chrono`
//! (proleptic Gregorian), which agrees with his `jdFromDate` from 1582-10-15 on.
//!
//! # Why not a crate, and why not the Chinese calendar
//!
//! Chinese-calendar code (ICU's `chinese` calendar, most crates) computes the same rules at
//! UTC+8 (Beijing). When a new moon falls between 23:00 and 24:00 Vietnam time the two
//! calendars start a month on different days: Tết was 1985-01-21 in Vietnam but 1985-02-20 in
//! China, 2007-02-17 in Vietnam but 2007-02-18 in China, and will be 2030-02-02 in Vietnam but
//! 2030-02-03 in China. When this module was written (2026) the Rust crates for the Vietnamese
//! calendar were a 2019 `0.0.1` CLI (`amlich`, with terminal-UI dependencies) and a young
//! `0.1.x` almanac engine (`amlich-core`, mostly undocumented, with fortune-telling modules);
//! neither is a well-kept dependency for a legal calculation, so the ~100 lines are here, and
//! the tests compare them with a table of published dates typed in by hand.
//!
//! # Range
//!
//! The series are accurate for the years this tool needs; [`LUNAR_YEARS`] bounds what the
//! functions accept (outside it they return `None` rather than a date nobody checked).

use chrono::{Datelike, NaiveDate};
use std::f64::consts::PI;

/// Years (solar) for which conversion is offered. Hồ Ngọc Đức states his series are good for
/// 1800–2199; the tests check 1968–2035 against published dates.
pub const LUNAR_YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Vietnam's time zone offset in hours, used for every civil-day decision.
const VN_TZ: f64 = 7.0;

/// Julian day number of 1900-01-01 12:00 UT minus half a day: the epoch of Hồ Ngọc Đức's
/// lunation count (`k = 0` is the new moon of 1900-01-01).
const EPOCH_JD: f64 = 2_415_021.076_998_695;

/// Mean synodic month in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;

/// `chrono`'s days from 0001-01-01 (CE day 1) to Julian day numbers.
const CE_TO_JDN: i64 = 1_721_425;

/// A date in the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LunarDate {
    /// Lunar year, numbered like the solar year in which its first month begins (Tết 2026 is
    /// 1/1 of lunar year 2026, Bính Ngọ).
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–30.
    pub day: u32,
    /// True for the repeated (leap, "nhuận") month.
    pub leap: bool,
}

fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + CE_TO_JDN
}

fn from_jdn(jd: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jd - CE_TO_JDN).ok()?)
}

/// Julian date (UT) of the `k`-th new moon after 1900-01-01 (Meeus ch. 47, truncated).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    // Sun's mean anomaly, moon's mean anomaly, moon's argument of latitude.
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    // Periodic terms, each with its own sign (Meeus table 49.A, rounded): written as one sum
    // so that no sign is distributed over a pair by mistake.
    let c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin()
        - 0.4068 * (mpr * dr).sin()
        + 0.0161 * (dr * 2.0 * mpr).sin()
        - 0.0004 * (dr * 3.0 * mpr).sin()
        + 0.0104 * (dr * 2.0 * f).sin()
        - 0.0051 * (dr * (m + mpr)).sin()
        - 0.0074 * (dr * (m - mpr)).sin()
        + 0.0004 * (dr * (2.0 * f + m)).sin()
        - 0.0004 * (dr * (2.0 * f - m)).sin()
        - 0.0006 * (dr * (2.0 * f + mpr)).sin()
        + 0.0010 * (dr * (2.0 * f - mpr)).sin()
        + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// The sun's apparent longitude in radians, 0..2π, at Julian date `jd` (Meeus ch. 25).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// Julian day number of the civil day (UTC+7) holding the `k`-th new moon.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + VN_TZ / 24.0).floor() as i64
}

/// Which of the 12 30°-sectors (0–11) the sun is in at the start of civil day `day` (UTC+7).
/// Sector 9 begins at the winter solstice (270°).
fn sun_sector(day: i64) -> i64 {
    (sun_longitude(day as f64 - 0.5 - VN_TZ / 24.0) / PI * 6.0).floor() as i64
}

/// First day (JDN) of lunar month 11 of solar year `year`: the month holding the winter
/// solstice.
fn lunar_month_11(year: i32) -> Option<i64> {
    let dec31 = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let off = jdn(dec31) as f64 - 2_415_021.0;
    let k = (off / SYNODIC_MONTH).floor() as i64;
    let nm = new_moon_day(k);
    // A new moon already past the solstice sector: month 11 began one lunation earlier.
    Some(if sun_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    })
}

/// In a 13-month year starting with month 11 at `a11`, the offset (in months from `a11`) of
/// the first month without a major solar term: the leap month.
fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - EPOCH_JD) / SYNODIC_MONTH + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// The lunar date of a solar date, Vietnamese calendar (UTC+7). `None` outside
/// [`LUNAR_YEARS`].
pub fn solar_to_lunar(date: NaiveDate) -> Option<LunarDate> {
    let year = date.year();
    if !LUNAR_YEARS.contains(&year) {
        return None;
    }
    let day_number = jdn(date);
    let k = ((day_number as f64 - EPOCH_JD) / SYNODIC_MONTH).floor() as i64;
    let mut month_start = new_moon_day(k + 1);
    if month_start > day_number {
        month_start = new_moon_day(k);
    }
    let mut a11 = lunar_month_11(year)?;
    let mut b11 = a11;
    let mut lunar_year;
    if a11 >= month_start {
        lunar_year = year;
        a11 = lunar_month_11(year - 1)?;
    } else {
        lunar_year = year + 1;
        b11 = lunar_month_11(year + 1)?;
    }
    let day = day_number - month_start + 1;
    let diff = (month_start - a11) / 29;
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    Some(LunarDate {
        year: lunar_year,
        month: u32::try_from(month).ok()?,
        day: u32::try_from(day).ok()?,
        leap,
    })
}

/// The solar date of a lunar date, Vietnamese calendar (UTC+7). `None` when the lunar date
/// does not exist (month outside 1–12, day outside 1–30, day 30 of a 29-day month, a leap flag
/// on a month that is not that year's leap month) or lies outside [`LUNAR_YEARS`].
pub fn lunar_to_solar(lunar: LunarDate) -> Option<NaiveDate> {
    let LunarDate {
        year,
        month,
        day,
        leap,
    } = lunar;
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    if !LUNAR_YEARS.contains(&year) || !LUNAR_YEARS.contains(&(year - 1)) {
        return None;
    }
    let month = i64::from(month);
    let (a11, b11) = if month < 11 {
        (lunar_month_11(year - 1)?, lunar_month_11(year)?)
    } else {
        (lunar_month_11(year)?, lunar_month_11(year + 1)?)
    };
    let mut off = month - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11);
        let mut leap_month = leap_off - 2;
        if leap_month < 0 {
            leap_month += 12;
        }
        if leap && month != leap_month {
            return None;
        }
        if leap || off >= leap_off {
            off += 1;
        }
    } else if leap {
        return None;
    }
    let k = (0.5 + (a11 as f64 - EPOCH_JD) / SYNODIC_MONTH).floor() as i64;
    let month_start = new_moon_day(k + off);
    let date = from_jdn(month_start + i64::from(day) - 1)?;
    // Day 30 of a 29-day month would land in the next month: not a real date.
    (solar_to_lunar(date)? == lunar).then_some(date)
}

/// Tết Nguyên đán (1/1 of the lunar year) of lunar year `year`.
pub fn tet(year: i32) -> Option<NaiveDate> {
    lunar_to_solar(LunarDate {
        year,
        month: 1,
        day: 1,
        leap: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn lunar(year: i32, month: u32, day: u32, leap: bool) -> LunarDate {
        LunarDate {
            year,
            month,
            day,
            leap,
        }
    }

    /// Tết Nguyên đán in Vietnam, 2010–2035, typed in from published calendars (the dates
    /// printed on Vietnamese wall calendars and in the government's holiday announcements for
    /// past years; Hồ Ngọc Đức's published tables for future years). Not produced by this
    /// code. 2030 is one of the years where Vietnam (UTC+7) and China (UTC+8) differ: the new
    /// moon is at about 23:07 on 2 February Vietnam time, 00:07 on 3 February in Beijing.
    const TET: &[(i32, u32, u32)] = &[
        (2010, 2, 14),
        (2011, 2, 3),
        (2012, 1, 23),
        (2013, 2, 10),
        (2014, 1, 31),
        (2015, 2, 19),
        (2016, 2, 8),
        (2017, 1, 28),
        (2018, 2, 16),
        (2019, 2, 5),
        (2020, 1, 25),
        (2021, 2, 12),
        (2022, 2, 1),
        (2023, 1, 22),
        (2024, 2, 10),
        (2025, 1, 29),
        (2026, 2, 17),
        (2027, 2, 6),
        (2028, 1, 26),
        (2029, 2, 13),
        (2030, 2, 2),
        (2031, 1, 23),
        (2032, 2, 11),
        (2033, 1, 31),
        (2034, 2, 19),
        (2035, 2, 8),
    ];

    #[test]
    fn tet_2010_to_2035_matches_published_dates() {
        for &(y, m, day) in TET {
            assert_eq!(tet(y), Some(d(y, m, day)), "Tết {y}");
            assert_eq!(solar_to_lunar(d(y, m, day)), Some(lunar(y, 1, 1, false)));
            // The day before is the last day of the previous lunar year's month 12.
            let eve = solar_to_lunar(d(y, m, day).pred_opt().unwrap()).unwrap();
            assert_eq!((eve.year, eve.month, eve.leap), (y - 1, 12, false), "{y}");
            assert!(eve.day == 29 || eve.day == 30, "{y}: {eve:?}");
        }
    }

    /// Years where UTC+7 and UTC+8 give different months: a Chinese-calendar library would
    /// fail these.
    #[test]
    fn vietnam_differs_from_china_where_it_should() {
        // 1985: Vietnam's Tết a whole month before China's (different month 11 / leap month).
        assert_eq!(tet(1985), Some(d(1985, 1, 21)));
        assert_eq!(solar_to_lunar(d(1985, 2, 20)).unwrap().day, 1);
        assert_ne!(
            solar_to_lunar(d(1985, 2, 20)),
            Some(lunar(1985, 1, 1, false))
        );
        // 2007: Vietnam 17 February, China 18 February.
        assert_eq!(tet(2007), Some(d(2007, 2, 17)));
        assert_eq!(
            solar_to_lunar(d(2007, 2, 18)),
            Some(lunar(2007, 1, 2, false))
        );
        // 1968 (Tết Mậu Thân): North Vietnam, already on UTC+7, celebrated on 29 January.
        assert_eq!(tet(1968), Some(d(1968, 1, 29)));
    }

    /// Giỗ Tổ Hùng Vương (10/3 lunar), as announced for the public holiday each year.
    #[test]
    fn gio_to_hung_vuong_matches_published_dates() {
        for (y, m, day) in [
            (2010, 4, 23),
            (2011, 4, 12),
            (2012, 3, 31),
            (2013, 4, 19),
            (2014, 4, 9),
            (2015, 4, 28),
            (2016, 4, 16),
            (2017, 4, 6),
            (2018, 4, 25),
            (2019, 4, 14),
            (2020, 4, 2),
            (2021, 4, 21),
            (2022, 4, 10),
            (2023, 4, 29),
            (2024, 4, 18),
            (2025, 4, 7),
            (2026, 4, 26),
        ] {
            assert_eq!(
                lunar_to_solar(lunar(y, 3, 10, false)),
                Some(d(y, m, day)),
                "Giỗ Tổ {y}"
            );
            assert_eq!(solar_to_lunar(d(y, m, day)), Some(lunar(y, 3, 10, false)));
        }
    }

    /// New-moon instants against published astronomical times (UT, to the minute), within
    /// 10 minutes: the truncated series is that good, and a wrong sign in a periodic term (an
    /// error of about 45 minutes) fails here.
    #[test]
    fn new_moon_instants_match_published_times() {
        let jd_of =
            |y, m, day, h: f64, min: f64| jdn(d(y, m, day)) as f64 - 0.5 + (h + min / 60.0) / 24.0;
        for (y, m, day, h, min) in [
            (2007, 2, 17, 16.0, 14.0),
            (2020, 5, 22, 17.0, 39.0),
            (2023, 3, 21, 17.0, 23.0),
            (2024, 2, 9, 22.0, 59.0),
            (2030, 2, 2, 16.0, 7.0),
        ] {
            let target = jd_of(y, m, day, h, min);
            let k = ((target - 2_415_020.759_33) / 29.530_588_68).round() as i64;
            let minutes = (new_moon(k) - target) * 24.0 * 60.0;
            assert!(
                minutes.abs() < 10.0,
                "{y}-{m}-{day}: off by {minutes:.1} min"
            );
        }
    }

    /// Leap months as printed in Vietnamese calendars: 2020 had a leap 4th month, 2023 a leap
    /// 2nd, 2025 a leap 6th.
    #[test]
    fn leap_months() {
        // 2020: tháng 4 nhuận began 23/5/2020.
        assert_eq!(
            solar_to_lunar(d(2020, 5, 23)),
            Some(lunar(2020, 4, 1, true))
        );
        assert_eq!(
            solar_to_lunar(d(2020, 4, 23)),
            Some(lunar(2020, 4, 1, false))
        );
        // 2023: tháng 2 nhuận began 22/3/2023.
        assert_eq!(
            solar_to_lunar(d(2023, 3, 22)),
            Some(lunar(2023, 2, 1, true))
        );
        // 2025: tháng 6 nhuận began 25/7/2025.
        assert_eq!(
            solar_to_lunar(d(2025, 7, 25)),
            Some(lunar(2025, 6, 1, true))
        );
        assert_eq!(
            lunar_to_solar(lunar(2025, 6, 1, true)),
            Some(d(2025, 7, 25))
        );
        // Mid-autumn (15/8) 2025 fell on 6/10/2025, after the leap month.
        assert_eq!(
            lunar_to_solar(lunar(2025, 8, 15, false)),
            Some(d(2025, 10, 6))
        );
        // Not leap years / not leap months.
        assert_eq!(lunar_to_solar(lunar(2024, 6, 1, true)), None);
        assert_eq!(lunar_to_solar(lunar(2025, 5, 1, true)), None);
    }

    #[test]
    fn every_day_round_trips_and_days_run_in_order() {
        let mut day = d(2009, 12, 1);
        let mut prev = solar_to_lunar(day).unwrap();
        while day < d(2036, 3, 1) {
            day = day.succ_opt().unwrap();
            let l = solar_to_lunar(day).unwrap();
            assert_eq!(lunar_to_solar(l), Some(day), "{day} → {l:?}");
            if l.day == 1 {
                assert!(
                    prev.day == 29 || prev.day == 30,
                    "{day}: month of {} days",
                    prev.day
                );
            } else {
                assert_eq!(
                    (l.year, l.month, l.leap, l.day),
                    (prev.year, prev.month, prev.leap, prev.day + 1)
                );
            }
            prev = l;
        }
    }

    #[test]
    fn impossible_lunar_dates_and_out_of_range_years() {
        assert_eq!(lunar_to_solar(lunar(2026, 0, 1, false)), None);
        assert_eq!(lunar_to_solar(lunar(2026, 13, 1, false)), None);
        assert_eq!(lunar_to_solar(lunar(2026, 1, 0, false)), None);
        assert_eq!(lunar_to_solar(lunar(2026, 1, 31, false)), None);
        // Month 12 of lunar 2025 had 29 days (Tết 2026 is the day after 29/12).
        assert_eq!(lunar_to_solar(lunar(2025, 12, 30, false)), None);
        assert_eq!(
            lunar_to_solar(lunar(2025, 12, 29, false)),
            Some(d(2026, 2, 16))
        );
        assert_eq!(solar_to_lunar(d(1899, 12, 31)), None);
        assert_eq!(solar_to_lunar(d(2200, 1, 1)), None);
        assert_eq!(tet(i32::MAX), None);
        assert_eq!(tet(i32::MIN), None);
        assert_eq!(solar_to_lunar(NaiveDate::MIN), None);
        assert_eq!(solar_to_lunar(NaiveDate::MAX), None);
    }
}
