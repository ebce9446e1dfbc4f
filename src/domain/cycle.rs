//! The yearly plan cycle: the plan is updated every year and submitted by 15 June, so each
//! September a member starts the next window's plan from the current one, and wants to see
//! what changed. Pure functions over the model.

use crate::domain::calendar::PlanWindow;
use crate::domain::catalog::Catalog;
use crate::domain::dates::YearMonth;
use crate::domain::model::{AboutYou, Attend, Plan, Record, SessionAnswer};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// What starting a new plan carried over and what it asks the member to reconsider.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CarryReport {
    /// Sessions planned ("yes") but not yet attended, carried forward.
    pub carried_sessions: Vec<String>,
    /// Answers reset for reconsideration: "no" answers, and months now in the past.
    pub reset_sessions: Vec<String>,
    /// Sections whose text was carried forward as the starting draft.
    pub carried_sections: Vec<String>,
}

/// Why starting the next plan now would be premature, if it would: the latest plan is still
/// the current window's, not yet past its submission, and starting the next one would make it
/// read-only history. A member starts the next plan from September.
pub fn too_early(record: &Record, today: NaiveDate, catalog: &Catalog) -> Option<String> {
    let current = PlanWindow::current(today, catalog);
    let latest = *record.plans.keys().next_back()?;
    if latest < current {
        return None;
    }
    let next = next_window(record, today, catalog);
    let deadline = crate::domain::calendar::next_deadline(today, catalog);
    Some(format!(
        "the {latest} plan is this year's, due {}; starting the {next} plan now would make it read-only history. Start the {next} plan from {}",
        deadline.format("%-d %B %Y"),
        next.first_year().start(catalog).format("%B %Y")
    ))
}

/// Why the next plan cannot be started at all, even when forced: it would be more than one
/// window beyond the current one (repeating `plan new --force` would otherwise run on to
/// 2124-26, each plan making the one before it read-only history).
pub fn too_far(record: &Record, today: NaiveDate, catalog: &Catalog) -> Option<String> {
    let current = PlanWindow::current(today, catalog);
    let next = next_window(record, today, catalog);
    (next > current.next()).then(|| {
        format!(
            "the {} plan would be more than one window beyond the current one, {current}: a plan can be started at most one window ahead (the {} plan exists already)",
            next,
            current.next()
        )
    })
}

/// The plan sessions the development log records as attended (logged with `dev attended`).
pub fn attended_sessions(record: &Record) -> BTreeSet<String> {
    record
        .devlog
        .entries
        .iter()
        .filter_map(|e| e.session.clone())
        .collect()
}

/// The window a new plan is for: the one after the latest plan, but never earlier than the
/// current window (a member who skipped years starts at the current one).
pub fn next_window(record: &Record, today: NaiveDate, catalog: &Catalog) -> PlanWindow {
    let current = PlanWindow::current(today, catalog);
    match record.plans.keys().next_back() {
        Some(latest) => latest.next().max(current),
        None => current,
    }
}

/// Starts the plan for `window` from `from`: About You from the current profile; sessions
/// planned but not attended carried forward (their month kept if it is still ahead); "no"
/// answers and past months reset, to be reconsidered; every section's text carried forward as
/// the draft to update, as members do with last year's document.
pub fn next_plan(
    record: &Record,
    from: &Plan,
    window: PlanWindow,
    attended: &BTreeSet<String>,
    today: NaiveDate,
) -> (Plan, CarryReport) {
    let mut about = AboutYou::from_profile(&record.profile);
    if about.name.is_empty() {
        about = from.about.clone();
    }
    let mut plan = Plan::new(window, about);
    let mut report = CarryReport::default();
    let this_month = YearMonth::of(today);
    for (id, answer) in &from.sessions {
        let future_month = answer.month.filter(|m| *m >= this_month);
        match answer.attend {
            Some(Attend::Yes) if !attended.contains(id) => {
                plan.sessions.insert(
                    id.clone(),
                    SessionAnswer {
                        attend: Some(Attend::Yes),
                        month: future_month,
                    },
                );
                report.carried_sessions.push(id.clone());
            }
            Some(Attend::Yes) => {} // done: nothing to plan
            Some(Attend::No) => report.reset_sessions.push(id.clone()),
            None => match future_month {
                Some(m) => {
                    plan.sessions.insert(
                        id.clone(),
                        SessionAnswer {
                            attend: None,
                            month: Some(m),
                        },
                    );
                    report.carried_sessions.push(id.clone());
                }
                None => report.reset_sessions.push(id.clone()),
            },
        }
    }
    for (id, text) in &from.sections {
        if !text.trim().is_empty() {
            plan.sections.insert(id.clone(), text.clone());
            report.carried_sections.push(id.clone());
        }
    }
    (plan, report)
}

/// One difference between two plans, in catalogue order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    About {
        field: &'static str,
        before: String,
        after: String,
    },
    Session {
        id: String,
        label: String,
        before: SessionAnswer,
        after: SessionAnswer,
    },
    Section {
        id: String,
        title: String,
        diff: Vec<DiffLine>,
    },
}

impl Change {
    /// The heading a change is listed under; a section's change is its own heading ("").
    pub fn group(&self) -> &'static str {
        match self {
            Change::About { .. } => "About You",
            Change::Session { .. } => "ACTivator and Library sessions",
            Change::Section { .. } => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// What changed from `before` to `after`, section by section.
pub fn compare(before: &Plan, after: &Plan, catalog: &Catalog) -> Vec<Change> {
    let mut changes = Vec::new();
    let fte = |p: &Plan| p.about.fte.map(|f| f.to_string()).unwrap_or_default();
    for (field, b, a) in [
        ("Name", before.about.name.clone(), after.about.name.clone()),
        (
            "Position",
            before.about.position.clone(),
            after.about.position.clone(),
        ),
        ("FTE", fte(before), fte(after)),
        (
            "Mentor",
            before.about.mentor.clone(),
            after.about.mentor.clone(),
        ),
    ] {
        if a != b {
            changes.push(Change::About {
                field,
                before: b,
                after: a,
            });
        }
    }
    let known: BTreeSet<&str> = catalog
        .plan
        .grids
        .iter()
        .flat_map(|g| g.entries.iter().map(|e| e.id.as_str()))
        .collect();
    let entries = catalog
        .plan
        .grids
        .iter()
        .flat_map(|g| g.entries.iter().map(|e| (e.id.clone(), e.label.clone())))
        .chain(
            before
                .sessions
                .keys()
                .chain(after.sessions.keys())
                .filter(|id| !known.contains(id.as_str()))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .map(|id| (id.clone(), id.clone())),
        );
    for (id, label) in entries {
        let (b, a) = (before.session(&id), after.session(&id));
        if a != b {
            changes.push(Change::Session {
                id,
                label,
                before: b,
                after: a,
            });
        }
    }
    for section in &catalog.plan.sections {
        let (b, a) = (before.section(&section.id), after.section(&section.id));
        if a != b {
            changes.push(Change::Section {
                id: section.id.clone(),
                title: section.title.clone(),
                diff: line_diff(b, a),
            });
        }
    }
    changes
}

fn line_diff(before: &str, after: &str) -> Vec<DiffLine> {
    similar::TextDiff::from_lines(before, after)
        .iter_all_changes()
        .map(|c| {
            let line = c.value().trim_end_matches('\n').to_string();
            match c.tag() {
                similar::ChangeTag::Equal => DiffLine::Same(line),
                similar::ChangeTag::Delete => DiffLine::Removed(line),
                similar::ChangeTag::Insert => DiffLine::Added(line),
            }
        })
        .collect()
}

/// A session's answer in words, as `plan compare` shows it: "yes, 09/26", "no answer".
pub fn answer_text(a: &SessionAnswer) -> String {
    let attend = match a.attend {
        Some(Attend::Yes) => "yes",
        Some(Attend::No) => "no",
        None => "no answer",
    };
    match a.month {
        Some(m) => format!("{attend}, {}", m.short()),
        None => attend.to_string(),
    }
}

/// The catalogue label of a workshop or session id (the id itself if the catalogue lacks it).
pub fn session_label(catalog: &Catalog, id: &str) -> String {
    catalog
        .plan
        .grids
        .iter()
        .flat_map(|g| &g.entries)
        .find(|e| e.id == id)
        .map_or(id.to_string(), |e| e.label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn answer(attend: Option<Attend>, month: Option<(i32, u32)>) -> SessionAnswer {
        SessionAnswer {
            attend,
            month: month.and_then(|(y, m)| YearMonth::new(y, m)),
        }
    }

    #[test]
    fn next_plan_carries_unattended_sessions_and_resets_what_needs_reconsidering() {
        let mut record = Record::default();
        record.profile.name = "Jane Smith".into();
        let mut from = Plan::new(PlanWindow(2025), AboutYou::default());
        from.sessions
            .insert("a".into(), answer(Some(Attend::Yes), Some((2027, 3)))); // ahead
        from.sessions
            .insert("b".into(), answer(Some(Attend::Yes), Some((2026, 3)))); // past month
        from.sessions
            .insert("c".into(), answer(Some(Attend::Yes), None)); // attended
        from.sessions
            .insert("d".into(), answer(Some(Attend::No), None));
        from.sessions
            .insert("e".into(), answer(None, Some((2025, 10)))); // past, unticked
        from.sections
            .insert("key-targets".into(), "Write the paper".into());
        let attended: BTreeSet<String> = ["c".to_string()].into();
        let (plan, report) =
            next_plan(&record, &from, PlanWindow(2026), &attended, d("2026-09-10"));
        assert_eq!(plan.window, PlanWindow(2026));
        assert_eq!(plan.about.name, "Jane Smith");
        assert_eq!(
            plan.session("a"),
            answer(Some(Attend::Yes), Some((2027, 3)))
        );
        assert_eq!(plan.session("b"), answer(Some(Attend::Yes), None));
        assert!(
            plan.session("c").is_empty()
                && plan.session("d").is_empty()
                && plan.session("e").is_empty()
        );
        assert_eq!(report.carried_sessions, ["a", "b"]);
        assert_eq!(report.reset_sessions, ["d", "e"]);
        assert_eq!(plan.section("key-targets"), "Write the paper");
    }

    #[test]
    fn starting_next_years_plan_before_september_is_too_early() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        assert_eq!(too_early(&r, d("2026-11-23"), &c), None, "no plan yet");
        r.plan_or_new(PlanWindow(2025));
        assert_eq!(
            too_early(&r, d("2026-09-10"), &c),
            None,
            "September: time for 2026-28"
        );
        let why = too_early(&r, d("2026-03-01"), &c).unwrap();
        assert!(
            why.contains("the 2025-27 plan is this year's, due 15 June 2026"),
            "{why}"
        );
        assert!(why.contains("from September 2026"), "{why}");
    }

    #[test]
    fn next_window_never_goes_back_before_the_current_one() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        assert_eq!(next_window(&r, d("2026-11-23"), &c), PlanWindow(2026));
        r.plan_or_new(PlanWindow(2021));
        assert_eq!(next_window(&r, d("2026-11-23"), &c), PlanWindow(2026));
        r.plan_or_new(PlanWindow(2026));
        assert_eq!(next_window(&r, d("2026-11-23"), &c), PlanWindow(2027));
    }

    #[test]
    fn comparison_lists_changes_in_catalogue_order_with_line_diffs() {
        let c = Catalog::ceres();
        let mut a = Plan::new(
            PlanWindow(2025),
            AboutYou {
                name: "J".into(),
                ..Default::default()
            },
        );
        a.sections.insert("key-targets".into(), "one\ntwo\n".into());
        let mut b = a.clone();
        b.window = PlanWindow(2026);
        b.about.position = "Reader".into();
        b.sections
            .insert("key-targets".into(), "one\nthree\n".into());
        b.sessions.insert(
            "library.orcid".into(),
            answer(Some(Attend::Yes), Some((2027, 1))),
        );
        let changes = compare(&a, &b, &c);
        assert!(matches!(
            &changes[0],
            Change::About {
                field: "Position",
                ..
            }
        ));
        assert!(matches!(&changes[1], Change::Session { id, .. } if id == "library.orcid"));
        let Change::Section { diff, .. } = &changes[2] else {
            panic!("{changes:?}")
        };
        assert_eq!(
            diff,
            &[
                DiffLine::Same("one".into()),
                DiffLine::Removed("two".into()),
                DiffLine::Added("three".into())
            ]
        );
    }
}
