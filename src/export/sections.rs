//! Lays out each section of the framework as blocks, in the order and with the wording of the
//! catalogue. Saved answers whose ids the catalogue does not know (written under an older or
//! newer catalogue) are listed, never dropped: they are the member's work.

use super::doc::{Doc, Grid, GridRow};
use crate::calendar::{PlanWindow, format_minutes};
use crate::catalog::{Catalog, numbered};
use crate::model::{Attend, Checklist, Level, MeetingRecord, Plan, Profile, SessionAnswer};
use std::collections::BTreeSet;

/// "journal.old-item (not in this catalogue)".
pub(crate) fn unknown(catalog: &Catalog, id: &str) -> String {
    format!("{id} ({})", catalog.labels.not_in_catalogue)
}

/// An answer whose entry the catalogue no longer has, under the label it had when answered:
/// "Old workshop name (not in this catalogue)".
fn saved(
    catalog: &Catalog,
    id: &str,
    labels: &std::collections::BTreeMap<String, String>,
) -> String {
    match labels.get(id) {
        Some(label) => format!("{label} ({})", catalog.labels.not_in_catalogue),
        None => unknown(catalog, id),
    }
}

pub(crate) fn profile(doc: &mut Doc, catalog: &Catalog, profile: &Profile, level: usize) {
    let l = &catalog.labels;
    doc.heading(level, &l.profile);
    let membership = profile.membership.as_deref().map(|id| {
        catalog
            .membership(id)
            .map_or_else(|| unknown(catalog, id), |m| m.label.clone())
    });
    doc.fields([
        (l.name.as_str(), profile.name.clone()),
        (&l.position, profile.position.clone()),
        (
            &l.fte,
            profile.fte.map(|f| f.to_string()).unwrap_or_default(),
        ),
        (&l.mentors, profile.mentors.join(", ")),
        (&l.membership, membership.unwrap_or_default()),
        (&l.email, profile.email.clone().unwrap_or_default()),
    ]);
}

/// "4. My Two-Year CERES Research Plan: 2021-23", as the form heads Section 4.
pub(crate) fn plan_title(catalog: &Catalog, window: PlanWindow) -> String {
    numbered(&catalog.plan.number, &plan_name(catalog, window))
}

/// "My Two-Year CERES Research Plan: 2021-23", to name the plan outside the form.
pub(crate) fn plan_name(catalog: &Catalog, window: PlanWindow) -> String {
    format!("{}: {window}", catalog.plan_title)
}

/// Section 4 as the member submits it.
pub(crate) fn plan(doc: &mut Doc, catalog: &Catalog, plan: &Plan, level: usize) {
    let l = &catalog.labels;
    doc.heading(level, &plan_title(catalog, plan.window));
    if let Some(updated) = plan.updated {
        doc.fields([(l.last_updated.as_str(), updated.date_naive().to_string())]);
    }
    doc.prose(&catalog.plan.intro);

    doc.heading(level + 1, &l.about_you);
    let about = &plan.about;
    doc.fields([
        (l.name.as_str(), about.name.clone()),
        (&l.position, about.position.clone()),
        (&l.fte, about.fte.map(|f| f.to_string()).unwrap_or_default()),
        (&l.mentor, about.mentor.clone()),
    ]);

    for grid in &catalog.plan.grids {
        doc.heading(level + 1, &grid.title);
        doc.prose(&grid.intro);
        let rows = grid
            .entries
            .iter()
            .map(|e| {
                let answer = plan.session(&e.id);
                GridRow {
                    label: e.label.clone(),
                    attend: answer.attend,
                    month: answer.month.map(|m| m.short()).unwrap_or_default(),
                }
            })
            .collect();
        doc.grid(Grid {
            column: grid.column.clone(),
            yes: l.yes.clone(),
            no: l.no.clone(),
            date: l.intended_date.clone(),
            rows,
        });
    }
    let known: BTreeSet<&str> = catalog
        .plan
        .grids
        .iter()
        .flat_map(|g| g.entries.iter().map(|e| e.id.as_str()))
        .collect();
    let stray: Vec<_> = plan
        .sessions
        .iter()
        .filter(|(id, a)| !known.contains(id.as_str()) && !a.is_empty())
        .collect();
    if !stray.is_empty() {
        doc.label(&l.unknown_sessions);
        let fields: Vec<(String, String)> = stray
            .into_iter()
            .map(|(id, a)| {
                (
                    saved(catalog, id, &plan.labels),
                    session_summary(catalog, a),
                )
            })
            .collect();
        doc.fields(fields.iter().map(|(k, v)| (k.as_str(), v.clone())));
    }

    for section in &catalog.plan.sections {
        doc.heading(level + 1, &section.title);
        doc.boxed(|doc| {
            doc.aside(&section.prompt);
            doc.answer(plan.section(&section.id));
        });
    }
    for (id, text) in &plan.sections {
        if catalog.section(id).is_none() && !text.trim().is_empty() {
            doc.heading(level + 1, &saved(catalog, id, &plan.labels));
            doc.answer(text);
        }
    }
    doc.prose(&catalog.plan.closing);
}

/// "Yes, 09/21" for a saved answer that has no row to sit in.
fn session_summary(catalog: &Catalog, a: &SessionAnswer) -> String {
    let attend = a.attend.map(|at| match at {
        Attend::Yes => catalog.labels.yes.clone(),
        Attend::No => catalog.labels.no.clone(),
    });
    let month = a.month.map(|m| m.short());
    attend
        .into_iter()
        .chain(month)
        .collect::<Vec<_>>()
        .join(", ")
}

/// In `All`, where the plan for the chosen window has not been started.
pub(crate) fn plan_missing(doc: &mut Doc, catalog: &Catalog, window: PlanWindow, level: usize) {
    doc.heading(level, &plan_title(catalog, window));
    doc.aside(
        &catalog
            .labels
            .no_plan
            .replace("{window}", &window.to_string()),
    );
}

/// Section 2.
pub(crate) fn checklist(doc: &mut Doc, catalog: &Catalog, checklist: &Checklist, level: usize) {
    let l = &catalog.labels;
    doc.heading(
        level,
        &numbered(&catalog.checklist.number, &catalog.checklist.title),
    );
    doc.prose(&catalog.checklist.intro);
    // The form prints the levels whether or not one is chosen.
    let levels: Vec<&str> = Level::ALL.iter().map(|lv| lv.label()).collect();
    doc.prose(&format!(
        "{} {}",
        catalog.checklist.legend,
        levels.join(" / ")
    ));
    for area in &catalog.checklist.areas {
        doc.heading(level + 1, &area.label);
        let answer = checklist.area(&area.id).cloned().unwrap_or_default();
        let level_text = answer
            .level
            .map_or_else(|| l.level_not_set.clone(), |lv| lv.label().to_string());
        doc.fields([(l.level.as_str(), level_text)]);
        let known: BTreeSet<&str> = area.items.iter().map(|i| i.id.as_str()).collect();
        let ticks = area
            .items
            .iter()
            .map(|i| (answer.ticked.contains(&i.id), i.label.clone()))
            .chain(
                answer
                    .ticked
                    .iter()
                    .filter(|id| !known.contains(id.as_str()))
                    .map(|id| (true, saved(catalog, id, &checklist.labels))),
            );
        doc.ticks(ticks);
        match &area.specify {
            Some(prompt) => {
                doc.label(prompt);
                doc.answer(&answer.specify);
            }
            None if !answer.specify.trim().is_empty() => {
                doc.label(&l.not_in_catalogue);
                doc.answer(&answer.specify);
            }
            None => {}
        }
    }
    for (id, answer) in &checklist.areas {
        if catalog.area(id).is_some() || answer.is_empty() {
            continue;
        }
        doc.heading(level + 1, &saved(catalog, id, &checklist.labels));
        if let Some(lv) = answer.level {
            doc.fields([(l.level.as_str(), lv.label().to_string())]);
        }
        doc.ticks(answer.ticked.iter().map(|id| {
            (
                true,
                checklist
                    .labels
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| id.clone()),
            )
        }));
        if !answer.specify.trim().is_empty() {
            doc.answer(&answer.specify);
        }
    }
}

/// Section 3, confidential to the member and the mentor.
pub(crate) fn meetings(doc: &mut Doc, catalog: &Catalog, record: &MeetingRecord, level: usize) {
    let l = &catalog.labels;
    doc.heading(
        level,
        &numbered(&catalog.meetings.number, &catalog.meetings.title),
    );
    doc.aside(&catalog.meetings.confidential_note);

    doc.heading(level + 1, &l.actions);
    if record.actions.is_empty() {
        doc.aside(&l.none_recorded);
    }
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for (i, action) in record.actions.iter().enumerate() {
        doc.heading(level + 2, &format!("{} {}", l.action, i + 1));
        doc.fields([
            (l.meeting_date.as_str(), date(action.meeting_date)),
            (&l.review_date, date(action.review_date)),
            (&l.status, action.status.label().to_string()),
        ]);
        for (label, text) in [
            (&l.activity, &action.activity),
            (&l.outputs, &action.outputs),
            (&l.researcher_comments, &action.researcher_comments),
            (&l.mentor_comments, &action.mentor_comments),
        ] {
            doc.label(label);
            doc.answer(text);
        }
    }

    doc.heading(level + 1, &l.meetings);
    if record.meetings.is_empty() {
        doc.aside(&l.none_recorded);
    }
    for meeting in record.meetings_by_date() {
        doc.heading(level + 2, &meeting.date.to_string());
        doc.fields([(l.duration.as_str(), format_minutes(meeting.minutes))]);
        doc.label(&l.notes);
        doc.answer(&meeting.notes);
    }
}
