//! The summary a member wants at a glance: plan window, days to the submission, mentoring hours
//! against the yearly minimum, and actions whose review date has come. Shared by
//! `mentorplan status` and the TUI's Home screen.
//! Also: days of professional development against the Concordat's pro-rata target.

use crate::domain::calendar::{self, AcademicYear, HoursProgress, PlanWindow};
use crate::domain::catalog::Catalog;
use crate::domain::model::{Action, Record};
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct Status<'a> {
    pub today: NaiveDate,
    pub academic_year: AcademicYear,
    pub window: PlanWindow,
    /// Whether a plan exists for the current window, and whether it changed this academic year.
    pub plan_exists: bool,
    pub plan_touched_this_year: bool,
    pub deadline: NaiveDate,
    pub days_to_deadline: i64,
    pub hours: HoursProgress,
    /// (1-based number as listed by `action list`, action).
    pub due: Vec<(usize, &'a Action)>,
    pub open_actions: usize,
    /// Professional development this academic year against the pro-rata target.
    pub development: crate::domain::devlog::Progress,
}

impl<'a> Status<'a> {
    pub fn of(record: &'a Record, catalog: &Catalog, today: NaiveDate) -> Status<'a> {
        let academic_year = AcademicYear::containing(today, catalog);
        let window = PlanWindow::current(today, catalog);
        let plan = record.plans.get(&window);
        let year_start = academic_year.start(catalog);
        Status {
            today,
            academic_year,
            window,
            plan_exists: plan.is_some(),
            plan_touched_this_year: plan
                .and_then(|p| p.updated)
                .is_some_and(|u| u.date_naive() >= year_start),
            deadline: calendar::next_deadline(today, catalog),
            days_to_deadline: calendar::days_to_deadline(today, catalog),
            hours: calendar::hours_progress(
                record.meetings.meetings.iter().map(|m| (m.date, m.minutes)),
                today,
                catalog,
            ),
            due: record
                .meetings
                .due_actions(today)
                .map(|(i, a)| (i + 1, a))
                .collect(),
            open_actions: record
                .meetings
                .actions
                .iter()
                .filter(|a| a.status == crate::domain::model::ActionStatus::Open)
                .count(),
            development: crate::domain::devlog::Progress::of(record, catalog, today),
        }
    }

    /// One line on the pace of mentoring, e.g. "2 h of 6 h this academic year (on track)".
    pub fn hours_line(&self) -> String {
        let h = &self.hours;
        let pace = if h.met() {
            "minimum reached".to_string()
        } else if h.on_track() {
            "on track".to_string()
        } else {
            format!(
                "{} behind an even pace",
                calendar::format_minutes(h.minutes_expected_by_now - h.minutes_done)
            )
        };
        format!(
            "{} of {} in {} ({pace})",
            calendar::format_minutes(h.minutes_done),
            calendar::format_minutes(h.minutes_required),
            self.academic_year
        )
    }

    pub fn deadline_line(&self) -> String {
        let when = match self.days_to_deadline {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            n => format!("in {n} days"),
        };
        format!(
            "plan {} due {} ({when})",
            self.window,
            self.deadline.format("%-d %B %Y")
        )
    }
}
