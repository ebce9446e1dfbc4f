//! The rules of the professional-development log, shared by the command line, the TUI and the
//! portfolio export: the Concordat's yearly target pro rata to FTE, how hours count as days,
//! totals per academic year and tag, progress for `status` and the Home screen, logging a
//! planned workshop as attended in one step, and reading what a member types for a provider,
//! tag or principle. Changes still go through `Op`s; this module only decides and describes.
//!
//! Conversions (documented in docs/data-format.md):
//! - time logged in hours counts as days at the catalogue's `hours_per_day` (CERES: 7.5);
//! - the target for an academic year is `days_per_year` (CERES: 10) times the FTE, which is the
//!   profile's FTE, else the FTE in the About You of the plan covering that year, else 1.0
//!   (assumed, and said so wherever the target is shown);
//! - an entry counts in the academic year containing its date (September to August for CERES).

use crate::calendar::{AcademicYear, PlanWindow};
use crate::catalog::{Catalog, Entry, Grid};
use crate::model::{Attend, DevEntry, Fte, Record, TimeSpent};
use crate::ops::OpError;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::fmt;
use uuid::Uuid;

/// Accepts "2025-26", "2025-2026" and "2025" (the year it starts).
pub fn parse_academic_year(text: &str) -> Result<AcademicYear, YearError> {
    crate::calendar::parse_years(text, 1)
        .map(AcademicYear)
        .ok_or_else(|| YearError(text.trim().to_string()))
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not an academic year: use the year it starts and the next, such as 2025-26 (or 2025-2026, or just 2025)"
)]
pub struct YearError(pub String);

/// A catalogue value typed by a member that is none of the accepted ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a {what}: use one of {accepted}")]
pub struct ChoiceError {
    pub input: String,
    pub what: &'static str,
    pub accepted: String,
}

/// Finds the entry whose id or label is `text` (any case, surrounding space ignored).
pub(crate) fn choose<'c>(
    entries: impl Iterator<Item = (&'c str, &'c str)> + Clone,
    text: &str,
    what: &'static str,
) -> Result<&'c str, ChoiceError> {
    let t = text.trim().to_lowercase();
    entries
        .clone()
        .find(|(id, label)| id.to_lowercase() == t || label.to_lowercase() == t)
        .map(|(id, _)| id)
        .ok_or_else(|| ChoiceError {
            input: text.to_string(),
            what,
            accepted: entries
                .map(|(id, label)| format!("{id} ({label})"))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

fn pairs(entries: &[Entry]) -> impl Iterator<Item = (&str, &str)> + Clone {
    entries.iter().map(|e| (e.id.as_str(), e.label.as_str()))
}

/// A provider id from its id or label ("activator", "ACTivator").
pub fn provider_id<'c>(catalog: &'c Catalog, text: &str) -> Result<&'c str, ChoiceError> {
    let providers = catalog.development.providers.iter();
    choose(
        providers.map(|p| (p.id.as_str(), p.label.as_str())),
        text,
        "provider",
    )
}

/// A tag id from its id or label ("academia", "Succeeding in academia").
pub fn tag_id<'c>(catalog: &'c Catalog, text: &str) -> Result<&'c str, ChoiceError> {
    choose(pairs(&catalog.development.tags), text, "tag")
}

/// A Concordat principle id from its id or label ("employment", "Environment and culture").
pub fn principle_id<'c>(catalog: &'c Catalog, text: &str) -> Result<&'c str, ChoiceError> {
    choose(
        pairs(&catalog.development.principles),
        text,
        "Concordat principle",
    )
}

/// An entry's time in days, at the catalogue's hours per day.
pub fn entry_days(catalog: &Catalog, entry: &DevEntry) -> f64 {
    entry.time.days(catalog.development.hours_per_day.as_f64())
}

/// "3.5", "8", "0.13": days to two decimals at most, without trailing zeros.
pub fn format_days(days: f64) -> String {
    // An empty sum is -0.0, which would print as "-0".
    let days = if days > 0.0 { days } else { 0.0 };
    let s = format!("{days:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The time as given, with its worth in days when given in hours: "3 hours (0.4 days)".
pub fn time_text(catalog: &Catalog, entry: &DevEntry) -> String {
    match entry.time {
        TimeSpent::Days(_) => entry.time.to_string(),
        TimeSpent::Hours(_) => {
            format!("{} ({})", entry.time, days_text(entry_days(catalog, entry)))
        }
    }
}

/// "1 day", "0.5 days", "3.5 days".
pub fn days_text(days: f64) -> String {
    match format_days(days).as_str() {
        "1" => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// The yearly target pro rata, with the FTE it was worked out from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub days: f64,
    pub fte: Fte,
    /// No FTE was recorded anywhere: 1.0 was assumed.
    pub fte_assumed: bool,
}

impl Target {
    /// "0.8 FTE", or the catalogue's "FTE not set: 1.0 assumed".
    pub fn fte_text(&self, catalog: &Catalog) -> String {
        if self.fte_assumed {
            catalog.development.labels.fte_assumed.clone()
        } else {
            format!("{} FTE", self.fte)
        }
    }
}

/// The target for `year`: `days_per_year` times the FTE (see the module's rules).
pub fn target(record: &Record, catalog: &Catalog, year: AcademicYear) -> Target {
    let from_plans = [PlanWindow(year.0), PlanWindow(year.0 - 1)]
        .iter()
        .find_map(|w| record.plans.get(w).and_then(|p| p.about.fte));
    let found = record.profile.fte.or(from_plans);
    let fte = found.unwrap_or(Fte::FULL);
    // In hundredths of a day, so that 10 days at 0.8 FTE is exactly 8.
    let hundredths = u64::from(catalog.development.days_per_year.hundredths())
        * u64::from(fte.hundredths())
        / 100;
    Target {
        days: hundredths as f64 / 100.0,
        fte,
        fte_assumed: found.is_none(),
    }
}

/// One academic year of the log: its entries (with their numbers in `dev list`) and totals.
#[derive(Debug, Clone)]
pub struct YearSummary<'a> {
    pub year: AcademicYear,
    /// (1-based number as listed by `dev list`, entry), in date order.
    pub entries: Vec<(usize, &'a DevEntry)>,
    pub days: f64,
    pub target: Target,
    /// Days per catalogue tag, in catalogue order (an entry with both tags counts in both).
    pub by_tag: Vec<(&'a Entry, f64)>,
    pub untagged_days: f64,
}

impl YearSummary<'_> {
    pub fn met(&self) -> bool {
        self.days + 1e-9 >= self.target.days
    }

    /// "3.5 of 8 days (0.8 FTE)".
    pub fn total_text(&self, catalog: &Catalog) -> String {
        format!(
            "{} of {} ({})",
            format_days(self.days),
            days_text(self.target.days),
            self.target.fte_text(catalog)
        )
    }
}

pub fn year_summary<'a>(
    record: &'a Record,
    catalog: &'a Catalog,
    year: AcademicYear,
) -> YearSummary<'a> {
    let entries: Vec<(usize, &DevEntry)> = record
        .devlog
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| year.contains(e.date, catalog))
        .map(|(i, e)| (i + 1, e))
        .collect();
    let days_of = |keep: &dyn Fn(&DevEntry) -> bool| -> f64 {
        entries
            .iter()
            .filter(|(_, e)| keep(e))
            .map(|(_, e)| entry_days(catalog, e))
            .sum()
    };
    YearSummary {
        year,
        days: days_of(&|_| true),
        target: target(record, catalog, year),
        by_tag: catalog
            .development
            .tags
            .iter()
            .map(|t| (t, days_of(&|e| e.tags.contains(&t.id))))
            .collect(),
        untagged_days: days_of(&|e| e.tags.is_empty()),
        entries,
    }
}

/// Every academic year that has entries, oldest first.
pub fn years(record: &Record, catalog: &Catalog) -> Vec<AcademicYear> {
    let set: BTreeSet<AcademicYear> = record
        .devlog
        .entries
        .iter()
        .map(|e| AcademicYear::containing(e.date, catalog))
        .collect();
    set.into_iter().collect()
}

/// Progress toward this academic year's target, for `status` and the TUI's Home screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub year: AcademicYear,
    pub days_done: f64,
    pub target: Target,
    /// Days an even pace over the year would have reached by today.
    pub days_expected_by_now: f64,
}

impl Progress {
    pub fn of(record: &Record, catalog: &Catalog, today: NaiveDate) -> Progress {
        let year = AcademicYear::containing(today, catalog);
        let summary = year_summary(record, catalog, year);
        let start = year.start(catalog);
        let len = (year.end(catalog) - start).num_days().max(1);
        let elapsed = (today - start).num_days().clamp(0, len);
        Progress {
            year,
            days_done: summary.days,
            target: summary.target,
            days_expected_by_now: summary.target.days * elapsed as f64 / len as f64,
        }
    }

    pub fn met(&self) -> bool {
        self.days_done + 1e-9 >= self.target.days
    }

    pub fn on_track(&self) -> bool {
        self.days_done + 1e-9 >= self.days_expected_by_now
    }

    /// "3.5 of 8 days in 2026-27 (0.8 FTE; on track)".
    pub fn line(&self, catalog: &Catalog) -> String {
        let pace = if self.met() {
            catalog.development.labels.target_met.clone()
        } else if self.on_track() {
            "on track".to_string()
        } else {
            format!(
                "{} behind an even pace",
                days_text(self.days_expected_by_now - self.days_done)
            )
        };
        format!(
            "{} of {} in {} ({}; {pace})",
            format_days(self.days_done),
            days_text(self.target.days),
            self.year,
            self.target.fte_text(catalog)
        )
    }
}

/// A workshop or session of one of the plan's grids.
#[derive(Debug, Clone, Copy)]
pub struct SessionRef<'c> {
    pub grid: &'c Grid,
    pub entry: &'c Entry,
}

impl fmt::Display for SessionRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}  {}", self.entry.id, self.entry.label)
    }
}

fn all_sessions(catalog: &Catalog) -> impl Iterator<Item = SessionRef<'_>> {
    catalog.plan.grids.iter().flat_map(|grid| {
        grid.entries
            .iter()
            .map(move |entry| SessionRef { grid, entry })
    })
}

/// The sessions `query` names: its exact id, else its id without the grid's prefix
/// ("pitch-perfect"), else every session whose label or id contains it (any case).
pub fn matching_sessions<'c>(catalog: &'c Catalog, query: &str) -> Vec<SessionRef<'c>> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let exact: Vec<_> = all_sessions(catalog)
        .filter(|s| {
            let id = s.entry.id.to_lowercase();
            id == q || id.split_once('.').is_some_and(|(_, rest)| rest == q)
        })
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    all_sessions(catalog)
        .filter(|s| {
            s.entry.label.to_lowercase().contains(&q) || s.entry.id.to_lowercase().contains(&q)
        })
        .collect()
}

/// Sessions marked Yes in a plan covering `year`: the plan starting that year and the one
/// starting the year before (a two-year plan covers both), in catalogue order.
pub fn planned_sessions<'c>(
    record: &Record,
    catalog: &'c Catalog,
    year: AcademicYear,
) -> Vec<SessionRef<'c>> {
    let plans: Vec<_> = [PlanWindow(year.0), PlanWindow(year.0 - 1)]
        .iter()
        .filter_map(|w| record.plans.get(w))
        .collect();
    all_sessions(catalog)
        .filter(|s| {
            plans
                .iter()
                .any(|p| p.session(&s.entry.id).attend == Some(Attend::Yes))
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttendError {
    #[error("give a workshop or session: its id or a unique part of its name")]
    EmptyQuery,
    #[error("{query:?} matches no workshop or session in the plan's grids.{}", listing(&format!("Marked Yes in your plan for {year}"), planned))]
    NoMatch {
        query: String,
        year: AcademicYear,
        planned: Vec<String>,
    },
    #[error("{query:?} matches {} workshops or sessions: give more of the name, or the id.{}", matches.len(), listing("Matching", matches))]
    Ambiguous { query: String, matches: Vec<String> },
    #[error(
        "{session:?} is not marked Yes in your plan for {year}: mark it in the plan, or log it anyway with --force.{}",
        listing("Marked Yes", planned)
    )]
    NotPlanned {
        session: String,
        year: AcademicYear,
        planned: Vec<String>,
    },
    #[error("{session:?} is already logged on {date} (entry {number}); log it again with --force")]
    AlreadyLogged {
        session: String,
        date: NaiveDate,
        number: usize,
    },
    #[error(
        "the catalogue gives no usual length for {session:?}: give the time with --hours or --days"
    )]
    NoLength { session: String },
}

fn listing(title: &str, items: &[String]) -> String {
    if items.is_empty() {
        return format!("\n{title}: none.");
    }
    let mut s = format!("\n{title}:");
    for i in items {
        s.push_str("\n  ");
        s.push_str(i);
    }
    s
}

/// What `dev attended` (and the TUI's one key) asks for.
#[derive(Debug, Clone)]
pub struct Attendance<'q> {
    /// A session id or a unique part of its name.
    pub query: &'q str,
    pub date: NaiveDate,
    /// The time, if not the catalogue's usual length for the session's grid.
    pub time: Option<TimeSpent>,
    /// Log it even if it is not marked Yes in the plan, or already logged on that date.
    pub force: bool,
}

/// Makes the entry for attending a planned workshop or session: the provider of its grid, its
/// catalogue label as the title, the grid's usual length, and a reference to the session.
/// Refuses, naming the candidates, when the query is ambiguous or the session is not marked
/// Yes in a plan covering the date's academic year (unless forced).
pub fn attended(
    record: &Record,
    catalog: &Catalog,
    a: &Attendance<'_>,
) -> Result<DevEntry, AttendError> {
    if a.query.trim().is_empty() {
        return Err(AttendError::EmptyQuery);
    }
    let year = AcademicYear::containing(a.date, catalog);
    let planned = planned_sessions(record, catalog, year);
    let names = |v: &[SessionRef<'_>]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
    let matches = matching_sessions(catalog, a.query);
    let is_planned = |s: &SessionRef<'_>| planned.iter().any(|p| p.entry.id == s.entry.id);
    let planned_matches: Vec<_> = matches.iter().copied().filter(is_planned).collect();
    let session = match (matches.as_slice(), planned_matches.as_slice()) {
        ([], _) => {
            return Err(AttendError::NoMatch {
                query: a.query.to_string(),
                year,
                planned: names(&planned),
            });
        }
        // Of several matches, the one the plan marks Yes is the one meant.
        (_, [one]) => *one,
        ([one], []) if a.force => *one,
        ([one], []) => {
            return Err(AttendError::NotPlanned {
                session: one.entry.label.clone(),
                year,
                planned: names(&planned),
            });
        }
        (_, []) => {
            return Err(AttendError::Ambiguous {
                query: a.query.to_string(),
                matches: names(&matches),
            });
        }
        (_, several) => {
            return Err(AttendError::Ambiguous {
                query: a.query.to_string(),
                matches: names(several),
            });
        }
    };
    if !a.force
        && let Some(n) = record
            .devlog
            .entries
            .iter()
            .position(|e| e.date == a.date && e.session.as_deref() == Some(&session.entry.id))
    {
        return Err(AttendError::AlreadyLogged {
            session: session.entry.label.clone(),
            date: a.date,
            number: n + 1,
        });
    }
    let provider = catalog
        .development
        .provider_of_grid(&session.grid.id)
        .expect("the catalogue gives every grid a provider");
    let time = a
        .time
        .or(provider.session_length)
        .ok_or_else(|| AttendError::NoLength {
            session: session.entry.label.clone(),
        })?;
    let mut entry = DevEntry::new(a.date, &session.entry.label, &provider.id, time);
    entry.session = Some(session.entry.id.clone());
    Ok(entry)
}

/// Refuses an entry that names what the catalogue does not know, or has no title.
fn validate(catalog: &Catalog, e: &DevEntry) -> Result<(), OpError> {
    let d = &catalog.development;
    if e.title.trim().is_empty() {
        return Err(OpError::EmptyTitle);
    }
    if d.provider(&e.provider).is_none() {
        return Err(OpError::UnknownProvider(e.provider.clone()));
    }
    if let Some(t) = e.tags.iter().find(|t| d.tag(t).is_none()) {
        return Err(OpError::UnknownTag(t.clone()));
    }
    if let Some(p) = e.principle.as_ref().filter(|p| d.principle(p).is_none()) {
        return Err(OpError::UnknownPrinciple(p.clone()));
    }
    if let Some(s) = &e.session
        && !all_sessions(catalog).any(|x| &x.entry.id == s)
    {
        return Err(OpError::UnknownSession(s.clone()));
    }
    Ok(())
}

/// `Op::AddDevEntry`: adding an entry that is already there (a replay) changes nothing.
pub(crate) fn add(r: &mut Record, catalog: &Catalog, e: &DevEntry) -> Result<(), OpError> {
    validate(catalog, e)?;
    if r.devlog.entry(e.id).is_none() {
        r.devlog.insert_in_order(e.clone());
    }
    Ok(())
}

/// `Op::UpdateDevEntry`: replaces the entry, moving it if its date changed.
pub(crate) fn update(r: &mut Record, catalog: &Catalog, e: &DevEntry) -> Result<(), OpError> {
    validate(catalog, e)?;
    let entries = &mut r.devlog.entries;
    if !crate::model::replace_by_date(entries, e.clone(), |x| x.id == e.id, |x| x.date) {
        return Err(OpError::NoSuchDevEntry);
    }
    Ok(())
}

/// `Op::DeleteDevEntry`: deleting what is gone already changes nothing.
pub(crate) fn delete(r: &mut Record, id: Uuid) {
    r.devlog.entries.retain(|e| e.id != id);
}

#[cfg(test)]
mod tests;
