//! Parsing of the date forms people type: ISO dates, words, offsets and the form's own `MM/YY`.
//! One parser serves the command line and the TUI so both accept and refuse exactly the same text.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What a date field accepts, for error messages.
pub const DATE_FORMS: &str = "a date as YYYY-MM-DD (2026-11-20) or DD/MM/YYYY (20/11/2026), \
`today`, `yesterday`, `tomorrow`, or an offset from today such as +8w, -3d, +2m (d = days, w = weeks, m = months), in the years \
1900 to 2200";

/// The years a typed date may fall in: a year such as 0000 is a typing mistake (and chrono shows
/// the years around it as "-1"), and nothing in a research record is before 1900 or after 2200.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// What a month field accepts, for error messages.
pub const MONTH_FORMS: &str = "a month as MM/YY as on the form (09/25), YYYY-MM (2025-09), its name and year (Oct 2025, \
March 2026), or a date in that month (2025-09-15, 15/09/2025)";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a {what}{}: use {accepted}", .reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())]
pub struct DateError {
    pub input: String,
    pub what: &'static str,
    pub accepted: &'static str,
    /// Why a well-formed date does not exist, e.g. "February 2026 has 28 days".
    pub reason: Option<String>,
}

/// Parses a day, relative to `today` where the text is relative, in the years `YEARS`.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let date = parse_any_year(text, today)?;
    if !YEARS.contains(&date.year()) {
        return Err(DateError {
            input: text.to_string(),
            what: "date",
            accepted: DATE_FORMS,
            reason: Some(format!("the year {} is out of range", date.year())),
        });
    }
    Ok(date)
}

fn parse_any_year(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let err = || DateError {
        input: text.to_string(),
        what: "date",
        accepted: DATE_FORMS,
        reason: None,
    };
    let t = text.trim().to_ascii_lowercase();
    match t.as_str() {
        "today" => return Ok(today),
        "yesterday" => return today.pred_opt().ok_or_else(err),
        "tomorrow" => return today.succ_opt().ok_or_else(err),
        _ => {}
    }
    if let Some(sign @ ('+' | '-')) = t.chars().next() {
        return parse_offset(&t[1..], sign == '+', today).ok_or_else(err);
    }
    if let Some(uk) = day_month_year(&t) {
        // The form's own way in the UK: 20/11/2026 (day first, the year in full).
        return uk.ok_or_else(|| DateError {
            reason: Some("there is no such day".into()),
            ..err()
        });
    }
    if !is_strict_iso(&t) {
        return Err(err());
    }
    NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| DateError {
        reason: why_not_a_day(&t),
        ..err()
    })
}

/// For a well-formed date that does not exist: which part is wrong.
fn why_not_a_day(t: &str) -> Option<String> {
    let year: i32 = t[..4].parse().ok()?;
    let month: u32 = t[5..7].parse().ok()?;
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}"));
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(Months::new(1))?;
    let days = (next - first).num_days();
    Some(format!("{} has {days} days", first.format("%B %Y")))
}

/// `DD/MM/YYYY` (one or two digits for day and month, four for the year): `Some(None)` when
/// it has that shape but names no day.
fn day_month_year(t: &str) -> Option<Option<NaiveDate>> {
    let mut parts = t.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(d, 1..=2) || !digits(m, 1..=2) || !digits(y, 4..=4) {
        return None;
    }
    Some(NaiveDate::from_ymd_opt(
        y.parse().ok()?,
        m.parse().ok()?,
        d.parse().ok()?,
    ))
}

/// chrono accepts `2026-1-5`; the stored format is zero-padded, so accept only that.
fn is_strict_iso(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn parse_offset(rest: &str, forward: bool, today: NaiveDate) -> Option<NaiveDate> {
    let unit = rest.chars().last()?;
    let n: u32 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    match unit {
        'd' | 'w' => {
            let days = Days::new(u64::from(n) * if unit == 'w' { 7 } else { 1 });
            if forward {
                today.checked_add_days(days)
            } else {
                today.checked_sub_days(days)
            }
        }
        'm' => {
            if forward {
                today.checked_add_months(Months::new(n))
            } else {
                today.checked_sub_months(Months::new(n))
            }
        }
        _ => None,
    }
}

/// A calendar month, as in the plan's "Intended date" column. Stored as `YYYY-MM` so that files
/// sort and diff well; shown as `MM/YY` as on the paper form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        ((1..=12).contains(&month) && (1900..=2999).contains(&year))
            .then_some(YearMonth { year, month })
    }

    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("validated month")
    }

    /// The form's `MM/YY`.
    pub fn short(self) -> String {
        format!("{:02}/{:02}", self.month, self.year.rem_euclid(100))
    }

    /// Parses `MM/YY`, `MM/YYYY`, `YYYY-MM`, or any date form (taking its month).
    pub fn parse(text: &str, today: NaiveDate) -> Result<YearMonth, DateError> {
        let err = || DateError {
            input: text.to_string(),
            what: "month",
            accepted: MONTH_FORMS,
            reason: None,
        };
        let t = text.trim();
        if let Some(m) = by_name(t) {
            return m.ok_or_else(err);
        }
        // A whole date in that month, in either form (15/11/2026 was refused by the `/` rule).
        if t.matches('/').count() == 2 {
            return parse_date(t, today).map(YearMonth::of).map_err(|_| err());
        }
        if let Some((m, y)) = t.split_once('/') {
            let month: u32 = m.parse().map_err(|_| err())?;
            let year: i32 = match y.len() {
                2 => 2000 + y.parse::<i32>().map_err(|_| err())?,
                4 => y.parse().map_err(|_| err())?,
                _ => return Err(err()),
            };
            return YearMonth::new(year, month).ok_or_else(err);
        }
        if let Some((y, m)) = t
            .split_once('-')
            .filter(|(y, m)| y.len() == 4 && m.len() == 2)
        {
            let year = y.parse().map_err(|_| err())?;
            let month = m.parse().map_err(|_| err())?;
            return YearMonth::new(year, month).ok_or_else(err);
        }
        parse_date(t, today).map(YearMonth::of).map_err(|_| err())
    }
}

/// `Oct 2026`, `March 2027`, `nov 26`: a month's name (three letters or more of it) and a year.
/// `None` when the text is not of that shape; `Some(None)` when it names no month.
fn by_name(t: &str) -> Option<Option<YearMonth>> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let (name, year) = t.split_once(char::is_whitespace)?;
    let name = name.trim_end_matches('.').to_lowercase();
    if name.len() < 3 || !name.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let year = year.trim();
    let year: i32 = match year.len() {
        2 => 2000 + year.parse::<i32>().ok()?,
        4 => year.parse().ok()?,
        _ => return Some(None),
    };
    let month = NAMES.iter().position(|n| n.starts_with(&name))? as u32 + 1;
    Some(YearMonth::new(year, month))
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let bad = || serde::de::Error::custom(format!("{text:?} is not a month (YYYY-MM)"));
        let (y, m) = text.split_once('-').ok_or_else(bad)?;
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        YearMonth::new(year, month).ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn accepts_every_documented_form() {
        let today = d("2026-11-23");
        assert_eq!(parse_date("2026-11-20", today), Ok(d("2026-11-20")));
        assert_eq!(parse_date(" today ", today), Ok(today));
        assert_eq!(parse_date("Yesterday", today), Ok(d("2026-11-22")));
        assert_eq!(parse_date("tomorrow", today), Ok(d("2026-11-24")));
        assert_eq!(parse_date("+8w", today), Ok(d("2027-01-18")));
        assert_eq!(parse_date("-3d", today), Ok(d("2026-11-20")));
        // The trial typed the UK form, day first.
        assert_eq!(parse_date("20/10/2026", today), Ok(d("2026-10-20")));
        assert_eq!(parse_date("5/1/2027", today), Ok(d("2027-01-05")));
        assert!(
            parse_date("31/02/2027", today).is_err_and(|e| e.to_string().contains("no such day"))
        );
        assert!(parse_date("20/10/26", today).is_err());
        assert_eq!(parse_date("+2m", today), Ok(d("2027-01-23")));
    }

    #[test]
    fn refuses_what_is_not_a_date_and_says_what_is_accepted() {
        let today = d("2026-11-23");
        for bad in [
            "2026-02-30",
            "2026-1-5",
            "next week",
            "",
            "+w",
            "+8y",
            "8w",
            // Month first (the US order) names no day: refused, not read as another date.
            "11/20/2026",
        ] {
            let e = parse_date(bad, today).unwrap_err();
            assert!(e.to_string().contains("YYYY-MM-DD"), "{bad}: {e}");
        }
    }

    /// Issue 10: the year 0000 was accepted and shown as "-1-00".
    #[test]
    fn years_outside_1900_to_2200_are_refused_with_the_range() {
        let today = d("2026-11-23");
        for bad in [
            "0000-01-01",
            "1899-12-31",
            "2201-01-01",
            "+99999d",
            "-2000m",
        ] {
            let e = parse_date(bad, today).unwrap_err().to_string();
            assert!(
                e.contains("1900 to 2200") && e.contains("out of range"),
                "{bad}: {e}"
            );
        }
        assert_eq!(parse_date("1900-01-01", today), Ok(d("1900-01-01")));
        assert_eq!(parse_date("2200-12-31", today), Ok(d("2200-12-31")));
    }

    #[test]
    fn months_parse_in_the_forms_shape_and_iso() {
        let today = d("2026-11-23");
        let m = YearMonth::new(2021, 9).unwrap();
        assert_eq!(YearMonth::parse("09/21", today), Ok(m));
        assert_eq!(YearMonth::parse("9/2021", today), Ok(m));
        assert_eq!(YearMonth::parse("2021-09", today), Ok(m));
        assert_eq!(YearMonth::parse("2021-09-30", today), Ok(m));
        assert_eq!(m.short(), "09/21");
        assert_eq!(m.to_string(), "2021-09");
        assert!(YearMonth::parse("13/21", today).is_err());
        assert!(YearMonth::parse("september", today).is_err());
        // The fourth trial wrote months by name, and a whole date day first.
        assert_eq!(YearMonth::parse("Sep 2021", today), Ok(m));
        assert_eq!(YearMonth::parse("september 21", today), Ok(m));
        assert_eq!(YearMonth::parse("Sept. 2021", today), Ok(m));
        assert_eq!(YearMonth::parse("30/09/2021", today), Ok(m));
        assert!(YearMonth::parse("Smarch 2021", today).is_err());
        assert!(YearMonth::parse("Oct 202", today).is_err());
    }
}
