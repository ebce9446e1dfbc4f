//! The record's dates as an iCalendar file (RFC 5545) for the calendar a member already uses:
//! the 15 June submissions of the plan (with a reminder a week before), the months the plan
//! intends to attend workshops, and, when the member names them, the actions' review dates,
//! the agreements' reviews and ends, and the meetings.
//!
//! Every event's UID is made from the record's own ids (the window, the session's catalogue id,
//! the action's, agreement's or meeting's UUID), so importing a later export updates the events
//! instead of adding copies. The text goes through `sanitize` first, and `icalendar` escapes
//! commas, semicolons, backslashes and line breaks and folds long lines.

use super::sanitize::{clean, one_line};
use super::sections::plan_name;
use super::{ExportError, Options, Section};
use crate::calendar::{PlanWindow, format_minutes};
use crate::catalog::Catalog;
use crate::dates::YearMonth;
use crate::model::{AgreementStatus, Attend, Plan, Record};
use chrono::{Duration, NaiveDate};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};

/// The domain UIDs end in, so that they cannot collide with another program's.
const UID_DOMAIN: &str = "mentorplan";
/// How long before a submission deadline the calendar reminds.
const REMINDER_DAYS: i64 = 7;

/// The sections with dates, and what each puts in the calendar.
pub(crate) fn render(
    record: &Record,
    catalog: &Catalog,
    section: Section,
    opts: &Options,
) -> Result<String, ExportError> {
    let mut events = Vec::new();
    let confidential = opts.include_confidential;
    match section {
        Section::Plan => plan_events(&mut events, catalog, super::plan_of(record, opts)?),
        Section::Meetings => meeting_events(&mut events, catalog, record),
        Section::Agreements => agreement_events(&mut events, catalog, record),
        Section::All => {
            match record.plans.get(&opts.window) {
                Some(plan) => plan_events(&mut events, catalog, plan),
                None => submissions(&mut events, catalog, opts.window),
            }
            if confidential {
                meeting_events(&mut events, catalog, record);
                agreement_events(&mut events, catalog, record);
            }
        }
        Section::Checklist | Section::Impact | Section::Portfolio { .. } => {
            return Err(ExportError::NoDates);
        }
    }
    let mut cal = Calendar::new();
    cal.name(&one_line(&catalog.name));
    for e in events {
        cal.push(e);
    }
    Ok(cal.done().to_string())
}

fn uid(parts: &[&str]) -> String {
    format!("{}@{UID_DOMAIN}", parts.join("-"))
}

/// An event lasting the whole of `date` (DTEND is the next day: it is exclusive).
fn day(uid_text: &str, date: NaiveDate, summary: &str, description: &str) -> Event {
    let mut e = Event::new();
    e.uid(uid_text)
        .starts(date)
        .ends(date + Duration::days(1))
        .summary(&one_line(summary));
    let description = clean(description);
    if !description.trim().is_empty() {
        e.description(description.trim());
    }
    e
}

/// The window's two submission deadlines, each with a reminder a week before.
fn submissions(events: &mut Vec<Event>, catalog: &Catalog, window: PlanWindow) {
    let md = catalog.submission_deadline;
    let title = plan_name(catalog, window);
    for year in [window.0 + 1, window.0 + 2] {
        let Some(date) = NaiveDate::from_ymd_opt(year, md.month, md.day) else {
            continue;
        };
        let summary = format!("Submit {title}");
        let id = uid(&["submission", &window.to_string(), &year.to_string()]);
        let mut e = day(&id, date, &summary, &catalog.plan.closing);
        // The alarm's UID (RFC 9074) is the event's too, so that a re-export is the same file.
        let mut alarm = Alarm::display(
            &one_line(&summary),
            Trigger::before_start(Duration::days(REMINDER_DAYS)),
        );
        alarm.uid(&format!("alarm-{id}"));
        e.alarm(alarm);
        events.push(e);
    }
}

/// The submissions, then each workshop or session the plan means to attend, on the first day of
/// its intended month.
fn plan_events(events: &mut Vec<Event>, catalog: &Catalog, plan: &Plan) {
    submissions(events, catalog, plan.window);
    let window = plan.window.to_string();
    for grid in &catalog.plan.grids {
        for entry in &grid.entries {
            let answer = plan.session(&entry.id);
            let Some(month) = answer.month else { continue };
            if answer.attend == Some(Attend::No) {
                continue;
            }
            events.push(day(
                &uid(&["session", &window, &entry.id]),
                month.first_day(),
                &format!("{}: {}", grid.title, entry.label),
                &format!(
                    "{} {} ({}).",
                    catalog.labels.intended_date,
                    YearMonth::short(month),
                    plan_name(catalog, plan.window)
                ),
            ));
        }
    }
}

/// Section 3: each action's review date and each meeting.
fn meeting_events(events: &mut Vec<Event>, catalog: &Catalog, record: &Record) {
    let l = &catalog.labels;
    for (i, action) in record.meetings.actions.iter().enumerate() {
        let Some(date) = action.review_date else {
            continue;
        };
        let first_line = action.activity.lines().next().unwrap_or("").trim();
        let name = format!("{} {}", l.action, i + 1);
        let summary = if first_line.is_empty() {
            format!("{}: {name}", l.review_date)
        } else {
            format!("{}: {name}, {first_line}", l.review_date)
        };
        events.push(day(
            &uid(&["action", &action.id.to_string(), "review"]),
            date,
            &summary,
            &format!("{}:\n{}", l.activity, action.activity),
        ));
    }
    for meeting in record.meetings.meetings_by_date() {
        events.push(day(
            &uid(&["meeting", &meeting.id.to_string()]),
            meeting.date,
            &format!("{} ({})", l.meetings, format_minutes(meeting.minutes)),
            &meeting.notes,
        ));
    }
}

/// Each agreement's review, and the end of one that has ended (its wind-down done).
fn agreement_events(events: &mut Vec<Event>, catalog: &Catalog, record: &Record) {
    let c = &catalog.agreements;
    for (i, a) in record.agreements.agreements.iter().enumerate() {
        let name = format!(
            "{} {}: {}",
            c.agreement,
            i + 1,
            crate::mentoring::with_mentor(catalog, a)
        );
        let id = a.id.to_string();
        if let Some(date) = a.review {
            events.push(day(
                &uid(&["agreement", &id, "review"]),
                date,
                &format!("{}: {name}", c.fields.review.label),
                &format!("{}:\n{}", c.fields.wind_down.label, a.wind_down),
            ));
        }
        if let (AgreementStatus::Ended, Some(date)) = (a.status, a.end_date) {
            events.push(day(
                &uid(&["agreement", &id, "end"]),
                date,
                &format!("{}: {name}", c.fields.end_date.label),
                &format!("{}:\n{}", c.fields.wind_down.label, a.wind_down),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_made_from_ids_only() {
        assert_eq!(
            uid(&["session", "2026-28", "activator.pitch-perfect"]),
            "session-2026-28-activator.pitch-perfect@mentorplan"
        );
    }

    #[test]
    fn an_all_day_event_ends_the_next_day() {
        let d = NaiveDate::from_ymd_opt(2027, 6, 15).unwrap();
        let text = Calendar::new()
            .push(day("x@y", d, "a, b; c", "line\nnext\x1b[31m"))
            .done()
            .to_string();
        assert!(text.contains("DTSTART;VALUE=DATE:20270615"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20270616"), "{text}");
        assert!(text.contains("SUMMARY:a\\, b\\; c"), "{text}");
        assert!(
            text.contains("DESCRIPTION:line\\nnext\u{FFFD}[31m"),
            "{text}"
        );
        assert!(!text.contains('\x1b'));
    }
}
