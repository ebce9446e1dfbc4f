//! The scheme's calendar: academic years that start in September, two-year plan windows, the
//! 15 June submission and the yearly minimum of mentoring hours. Every function takes `today`
//! so that callers (and tests) decide what "now" is.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A day of the year (the submission deadline, 15 June for CERES).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

/// The scheme's dates, as its catalogue gives them. A trait rather than the catalogue itself,
/// so that the calendar, which the model's types use, needs nothing from the catalogue (which
/// uses the model's types).
pub trait SchemeDates {
    /// The month academic years start in (1-12; September for CERES).
    fn year_start_month(&self) -> u32;
    fn submission_deadline(&self) -> MonthDay;
    fn minimum_mentoring_hours(&self) -> u32;
}

/// An academic year, named by the calendar year in which it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AcademicYear(pub i32);

impl AcademicYear {
    pub fn containing(date: NaiveDate, catalog: &impl SchemeDates) -> AcademicYear {
        AcademicYear::starting_in(date, catalog.year_start_month())
    }

    /// The year containing `date` when academic years start in month `start_month` (1-12).
    pub fn starting_in(date: NaiveDate, start_month: u32) -> AcademicYear {
        if date.month() >= start_month {
            AcademicYear(date.year())
        } else {
            AcademicYear(date.year() - 1)
        }
    }

    /// Reads the name `Display` gives ("2025-26").
    pub fn parse(text: &str) -> Option<AcademicYear> {
        let (a, b) = text.split_once('-')?;
        let start: i32 = a.parse().ok().filter(|_| a.len() == 4)?;
        let year = AcademicYear(start);
        (b.len() == 2 && b.parse::<i32>().ok()? == (start + 1).rem_euclid(100)).then_some(year)
    }

    pub fn start(self, catalog: &impl SchemeDates) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, catalog.year_start_month(), 1).expect("valid")
    }

    /// The first day of the next academic year (exclusive end).
    pub fn end(self, catalog: &impl SchemeDates) -> NaiveDate {
        AcademicYear(self.0 + 1).start(catalog)
    }

    pub fn contains(self, date: NaiveDate, catalog: &impl SchemeDates) -> bool {
        date >= self.start(catalog) && date < self.end(catalog)
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }
}

/// A two-year plan window such as "2025-27": the academic year it starts in and the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlanWindow(pub i32);

impl PlanWindow {
    /// The window that starts in the current academic year: the plan being written now.
    pub fn current(today: NaiveDate, catalog: &impl SchemeDates) -> PlanWindow {
        PlanWindow(AcademicYear::containing(today, catalog).0)
    }

    pub fn first_year(self) -> AcademicYear {
        AcademicYear(self.0)
    }

    pub fn next(self) -> PlanWindow {
        PlanWindow(self.0 + 1)
    }

    /// Accepts "2025-27", "2025-2027" and "2025".
    pub fn parse(text: &str) -> Result<PlanWindow, WindowError> {
        parse_years(text, 2)
            .map(PlanWindow)
            .ok_or_else(|| WindowError(text.trim().to_string()))
    }
}

/// The first year of a span of `span` years written "2025-27", "2025-2027" or "2025".
pub(crate) fn parse_years(text: &str, span: i32) -> Option<i32> {
    let t = text.trim();
    let (start, end) = match t.split_once('-') {
        Some((s, e)) => (s, Some(e)),
        None => (t, None),
    };
    if start.len() != 4 {
        return None;
    }
    let year: i32 = start.parse().ok()?;
    if !(1900..=2999).contains(&year) {
        return None;
    }
    if let Some(end) = end {
        let expected_short = format!("{:02}", (year + span).rem_euclid(100));
        let expected_long = (year + span).to_string();
        if end != expected_short && end != expected_long {
            return None;
        }
    }
    Some(year)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a plan window: use the academic year it starts and the year two later, such as 2025-27 (or 2025-2027, or just 2025)"
)]
pub struct WindowError(pub String);

impl fmt::Display for PlanWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.0, (self.0 + 2).rem_euclid(100))
    }
}

impl Serialize for PlanWindow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PlanWindow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PlanWindow::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The next submission deadline on or after `today`.
pub fn next_deadline(today: NaiveDate, catalog: &impl SchemeDates) -> NaiveDate {
    let md = catalog.submission_deadline();
    let this_year = NaiveDate::from_ymd_opt(today.year(), md.month, md.day).expect("validated");
    if this_year >= today {
        this_year
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, md.month, md.day).expect("validated")
    }
}

pub fn days_to_deadline(today: NaiveDate, catalog: &impl SchemeDates) -> i64 {
    (next_deadline(today, catalog) - today).num_days()
}

/// Progress toward the yearly minimum of mentoring, with the pace the scheme suggests
/// (an even spread over the year: 1 hour every two months for 6 hours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoursProgress {
    pub year: AcademicYear,
    /// In u64: the sum of many meetings must not wrap round to "0 min".
    pub minutes_done: u64,
    pub minutes_required: u64,
    /// Minutes an even pace would have reached by today.
    pub minutes_expected_by_now: u64,
}

impl HoursProgress {
    pub fn on_track(&self) -> bool {
        self.minutes_done >= self.minutes_expected_by_now
    }

    pub fn met(&self) -> bool {
        self.minutes_done >= self.minutes_required
    }
}

/// Sums the minutes of meetings that fall in the academic year containing `today`.
pub fn hours_progress(
    meetings: impl IntoIterator<Item = (NaiveDate, u32)>,
    today: NaiveDate,
    catalog: &impl SchemeDates,
) -> HoursProgress {
    let year = AcademicYear::containing(today, catalog);
    let minutes_done = meetings
        .into_iter()
        .filter(|(date, _)| year.contains(*date, catalog))
        .map(|(_, m)| u64::from(m))
        .sum();
    let minutes_required = u64::from(catalog.minimum_mentoring_hours()) * 60;
    let start = year.start(catalog);
    let len = (year.end(catalog) - start).num_days().max(1);
    let elapsed = (today - start).num_days().clamp(0, len);
    // Both factors are far below 2^32, so the product cannot overflow.
    let expected = minutes_required * elapsed.unsigned_abs() / len.unsigned_abs();
    HoursProgress {
        year,
        minutes_done,
        minutes_required,
        minutes_expected_by_now: expected,
    }
}

/// "1 h 30 min", "45 min", "6 h".
pub fn format_minutes(minutes: impl Into<u64>) -> String {
    let minutes: u64 = minutes.into();
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn academic_year_starts_in_september() {
        let c = Catalog::ceres();
        assert_eq!(
            AcademicYear::containing(d("2026-08-31"), &c),
            AcademicYear(2025)
        );
        assert_eq!(
            AcademicYear::containing(d("2026-09-01"), &c),
            AcademicYear(2026)
        );
        assert_eq!(AcademicYear(2025).to_string(), "2025-26");
        assert_eq!(
            PlanWindow::current(d("2026-11-23"), &c).to_string(),
            "2026-28"
        );
    }

    #[test]
    fn windows_parse_in_every_accepted_form() {
        assert_eq!(PlanWindow::parse("2021-23"), Ok(PlanWindow(2021)));
        assert_eq!(PlanWindow::parse("2021-2023"), Ok(PlanWindow(2021)));
        assert_eq!(PlanWindow::parse("2021"), Ok(PlanWindow(2021)));
        assert_eq!(PlanWindow(2098).to_string(), "2098-00");
        for bad in ["2021-22", "21-23", "twenty", "2021-24", ""] {
            assert!(PlanWindow::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn deadline_is_the_next_15_june() {
        let c = Catalog::ceres();
        assert_eq!(next_deadline(d("2026-11-23"), &c), d("2027-06-15"));
        assert_eq!(next_deadline(d("2027-06-15"), &c), d("2027-06-15"));
        assert_eq!(days_to_deadline(d("2027-06-16"), &c), 365);
        assert_eq!(days_to_deadline(d("2027-06-14"), &c), 1);
    }

    #[test]
    fn hours_count_only_this_academic_year_and_track_the_pace() {
        let c = Catalog::ceres();
        let meetings = [
            (d("2026-08-30"), 600), // last academic year
            (d("2026-09-15"), 60),
            (d("2026-11-01"), 45),
        ];
        let p = hours_progress(meetings, d("2026-11-23"), &c);
        assert_eq!(p.minutes_done, 105);
        assert_eq!(p.minutes_required, 360);
        assert!(p.on_track(), "{p:?}");
        assert!(!p.met());
        let late = hours_progress(meetings, d("2027-05-01"), &c);
        assert!(!late.on_track());
        assert_eq!(format_minutes(105u32), "1 h 45 min");
        assert_eq!(format_minutes(360u32), "6 h");
    }

    /// Issue 10: two meetings of 2^31 minutes summed in u32 showed "0 min".
    #[test]
    fn totals_do_not_wrap() {
        let c = Catalog::ceres();
        let big = [(d("2026-10-01"), 1 << 31), (d("2026-10-02"), 1 << 31)];
        let p = hours_progress(big, d("2026-11-23"), &c);
        assert_eq!(p.minutes_done, 1 << 32);
        assert_eq!(format_minutes(p.minutes_done), "71582788 h 16 min");
        let mut c = c;
        c.minimum_mentoring_hours = 71_582_789;
        let p = hours_progress(big, d("2026-11-23"), &c);
        assert_eq!(p.minutes_required, 4_294_967_340);
        assert_eq!(format_minutes(p.minutes_required), "71582789 h");
    }
}
