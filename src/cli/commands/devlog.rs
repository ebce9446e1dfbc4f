//! `mentorplan dev ...`: the professional-development log from the shell. Every argument is
//! read and checked before anything is written, so bad input changes nothing.

use super::{now, out};
use crate::cli::{DevAddArgs, DevAttendedArgs, DevCommand, DevDetails};
use crate::domain::devlog::{self, Attendance, parse_academic_year, year_summary};
use crate::domain::model::{DevEntry, Record, TimeSpent};
use crate::domain::text::one_line;
use crate::session::Settings;
use color_eyre::eyre::{Result, bail};
use std::collections::BTreeSet;
use std::fmt::Write;

pub fn run(cmd: DevCommand, settings: &Settings) -> Result<()> {
    match cmd {
        DevCommand::Add(args) => add(args, settings),
        DevCommand::List { year, list: args } => list(year.as_deref(), args.json, settings),
        DevCommand::Remove { number } => remove(number, settings),
        DevCommand::Attended(args) => attended(args, settings),
    }
}

fn add(args: DevAddArgs, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let title = args.title.trim();
    if title.is_empty() {
        bail!("--title is empty: say what the activity was, such as --title \"BERA conference\"");
    }
    let provider =
        devlog::provider_id(catalog, &args.provider).map_err(|e| flag("--provider", e))?;
    let time = time(args.hours.as_deref(), args.days.as_deref())?
        .expect("clap requires --hours or --days");
    // Development is logged once it has happened.
    let date = super::past_date(args.date.as_deref(), "--date", "log development", settings)?;
    let details = Details::read(args.details, settings)?;
    let mut entry = DevEntry::new(date, title, provider, time);
    details.apply(&mut entry);
    save(entry, settings)
}

fn attended(args: DevAttendedArgs, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let query = args.session.join(" ");
    // Development is logged once it has happened.
    let date = super::past_date(args.date.as_deref(), "--date", "log development", settings)?;
    let time = time(args.hours.as_deref(), args.days.as_deref())?;
    let details = Details::read(args.details, settings)?;
    let record = settings.store.load()?;
    let mut entry = devlog::attended(
        &record,
        catalog,
        &Attendance {
            query: &query,
            date,
            time,
            force: args.force,
        },
    )?;
    details.apply(&mut entry);
    save(entry, settings)
}

/// `--hours` or `--days` (clap has made sure there is at most one).
fn time(hours: Option<&str>, days: Option<&str>) -> Result<Option<TimeSpent>> {
    Ok(match (hours, days) {
        (Some(h), _) => Some(TimeSpent::parse_hours(h).map_err(|e| flag("--hours", e))?),
        (_, Some(d)) => Some(TimeSpent::parse_days(d).map_err(|e| flag("--days", e))?),
        (None, None) => None,
    })
}

fn flag(name: &str, e: impl std::fmt::Display) -> color_eyre::Report {
    crate::cli::UsageError(format!("{name}: {e}")).into()
}

/// Tags, principle and evidence, checked against the catalogue.
struct Details {
    tags: BTreeSet<String>,
    principle: Option<String>,
    evidence: Vec<String>,
}

impl Details {
    fn read(d: DevDetails, settings: &Settings) -> Result<Details> {
        let catalog = &settings.catalog;
        let mut tags = BTreeSet::new();
        for t in &d.tags {
            let id = devlog::tag_id(catalog, t).map_err(|e| flag("--tag", e))?;
            tags.insert(id.to_string());
        }
        let principle = match &d.principle {
            Some(p) => Some(
                devlog::principle_id(catalog, p)
                    .map_err(|e| flag("--principle", e))?
                    .to_string(),
            ),
            None => None,
        };
        if d.evidence.iter().any(|e| e.trim().is_empty()) {
            bail!("--evidence is empty: give a note, a link or a file path");
        }
        Ok(Details {
            tags,
            principle,
            evidence: d.evidence,
        })
    }

    fn apply(self, entry: &mut DevEntry) {
        entry.tags = self.tags;
        entry.principle = self.principle;
        entry.evidence = self.evidence;
    }
}

/// Adds the entry and reports its number and the year's total.
fn save(entry: DevEntry, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let record = settings.store.apply(
        catalog,
        &[crate::domain::ops::Op::AddDevEntry(entry.clone())],
        now(),
    )?;
    let n = number_of(&record, &entry);
    let year = crate::domain::calendar::AcademicYear::containing(entry.date, catalog);
    let summary = year_summary(&record, catalog, year);
    out(format!(
        "Logged entry {n}: {} ({}, {}) on {}.\n{year}: {}.\n",
        one_line(&entry.title),
        provider_label(settings, &entry.provider),
        entry.time,
        entry.date,
        summary.total_text(catalog)
    ))
}

fn number_of(record: &Record, entry: &DevEntry) -> usize {
    record
        .devlog
        .entries
        .iter()
        .position(|x| x.id == entry.id)
        .map_or(0, |i| i + 1)
}

fn provider_label(settings: &Settings, id: &str) -> String {
    settings
        .catalog
        .development
        .provider(id)
        .map_or_else(|| one_line(id), |p| p.label.clone())
}

fn list(year: Option<&str>, json: bool, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let only = match year {
        Some(y) => Some(parse_academic_year(y).map_err(|e| flag("--year", e))?),
        None => None,
    };
    let record = settings.store.load()?;
    let years = match only {
        Some(y) => vec![y],
        None => devlog::years(&record, catalog),
    };
    if json {
        let mut items = Vec::new();
        for year in &years {
            for (n, e) in year_summary(&record, catalog, *year).entries {
                let days = devlog::entry_days(catalog, e);
                let computed = [
                    ("academic_year", year.to_string().into()),
                    ("days", days.into()),
                ];
                items.push(super::json::numbered(n, e, computed));
            }
        }
        return super::json::print_list("entries", items);
    }
    let mut t = String::new();
    if years.is_empty() {
        t.push_str("No professional development logged yet: add some with `mentorplan dev add`, or `mentorplan dev attended` for a workshop in your plan.\n");
    }
    let width = catalog
        .development
        .providers
        .iter()
        .map(|p| p.label.chars().count())
        .max()
        .unwrap_or(0);
    let time_width = record
        .devlog
        .entries
        .iter()
        .map(|e| devlog::time_text(catalog, e).len())
        .max()
        .unwrap_or(0);
    for year in years {
        let s = year_summary(&record, catalog, year);
        writeln!(t, "{year}: {}", s.total_text(catalog))?;
        if s.entries.is_empty() {
            writeln!(t, "  nothing logged")?;
        }
        for (n, e) in &s.entries {
            let tags = e.tags_suffix();
            writeln!(
                t,
                "{n:>3}. {}  {:<time_width$}  {:<width$}  {}{tags}",
                e.date,
                devlog::time_text(catalog, e),
                provider_label(settings, &e.provider),
                one_line(&e.title),
            )?;
        }
    }
    out(t)
}

fn remove(number: usize, settings: &Settings) -> Result<()> {
    let record = settings.store.load()?;
    let count = record.devlog.entries.len();
    let Some(e) = number
        .checked_sub(1)
        .and_then(|i| record.devlog.entries.get(i))
    else {
        if count == 0 {
            bail!("there is no entry {number}: the development log is empty");
        }
        bail!(
            "there is no entry {number}: entries are numbered 1 to {count} (see `mentorplan dev list`)"
        );
    };
    settings.store.apply(
        &settings.catalog,
        &[crate::domain::ops::Op::DeleteDevEntry(e.id)],
        now(),
    )?;
    out(format!(
        "Removed entry {number}: {} {} ({}).\n",
        e.date,
        one_line(&e.title),
        e.time
    ))
}
