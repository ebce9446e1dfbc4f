//! `mentorplan plan ...`: the yearly cycle of the two-year plan.

use super::{now, out, plan_edit, plan_forms};
use crate::calendar::PlanWindow;
use crate::cli::PlanCommand;
use crate::cycle::{self, Change, DiffLine};
use crate::model::Record;
use crate::ops::Op;
use crate::settings::Settings;
use crate::text::one_line;
use color_eyre::eyre::{Result, bail};
use std::fmt::Write;

pub fn run(cmd: PlanCommand, settings: &Settings) -> Result<()> {
    let record = settings.store.load()?;
    match cmd {
        PlanCommand::New { from, force } => {
            if let Some(why) = cycle::too_far(&record, settings.today, &settings.catalog) {
                bail!("{why}.");
            }
            if let Some(why) = cycle::too_early(&record, settings.today, &settings.catalog)
                && !force
            {
                bail!("{why}, or now with --force.");
            }
            new(&record, from, settings)
        }
        PlanCommand::List(args) if args.json => list_json(&record, settings),
        PlanCommand::List(_) => list(&record, settings),
        PlanCommand::Compare { year, with } => compare(&record, year, with, settings),
        PlanCommand::Start => plan_forms::start(&record, settings),
        PlanCommand::Edit { window } => {
            let window = target_window(&record, window.as_deref(), settings)?;
            plan_edit::run(record, window, settings)
        }
        PlanCommand::About {
            name,
            position,
            fte,
            mentor,
            window,
        } => {
            let window = target_window(&record, window.year.as_deref(), settings)?;
            let fields = plan_forms::AboutFields {
                name,
                position,
                fte,
                mentor,
            };
            plan_forms::about(&record, window, fields, settings)
        }
        PlanCommand::Session {
            session,
            answer,
            month,
            window,
        } => {
            let window = target_window(&record, window.year.as_deref(), settings)?;
            let answer = plan_forms::SessionArgs {
                session,
                answer,
                month,
            };
            plan_forms::session(&record, window, answer, settings)
        }
        PlanCommand::Section {
            section,
            text,
            file,
            window,
        } => {
            let window = target_window(&record, window.year.as_deref(), settings)?;
            plan_forms::section(window, &section, text, file, settings)
        }
    }
}

/// The plan a command fills in: the one named (which must exist, or be the current window's),
/// else the current window's if started, else the latest, else the current window's (which
/// the change then starts).
pub(super) fn target_window(
    record: &Record,
    window: Option<&str>,
    settings: &Settings,
) -> Result<PlanWindow> {
    let current = PlanWindow::current(settings.today, &settings.catalog);
    let window = match window {
        Some(w) => {
            let w = PlanWindow::parse(w)?;
            if !record.plans.contains_key(&w) && w != current {
                crate::usage!(
                    "there is no plan for {w}, and {w} is not the current window ({current}); see `mentorplan plan list`"
                );
            }
            w
        }
        None if record.plans.contains_key(&current) => current,
        None => record.plans.keys().next_back().copied().unwrap_or(current),
    };
    if let Some(latest) = record.plans.keys().next_back().filter(|l| **l > window) {
        bail!(
            "the {window} plan is kept as history now that the {latest} plan exists; edit the {latest} plan instead"
        );
    }
    Ok(window)
}

fn list_json(record: &Record, settings: &Settings) -> Result<()> {
    let current = PlanWindow::current(settings.today, &settings.catalog);
    let latest = record.plans.keys().next_back().copied();
    let items = record.plans.iter().map(|(w, plan)| {
        serde_json::json!({
            "window": w.to_string(),
            "updated": plan.updated,
            "current": *w == current,
            "history": Some(*w) != latest,
            "sections_written": plan.sections.values().filter(|s| !s.trim().is_empty()).count(),
            "sessions_answered": plan.sessions.values().filter(|a| a.attend.is_some()).count(),
        })
    });
    super::json::print_list("plans", items.collect())
}

fn pick(record: &Record, window: Option<&str>) -> Result<Option<PlanWindow>> {
    Ok(match window {
        Some(w) => {
            let w = PlanWindow::parse(w)?;
            if !record.plans.contains_key(&w) {
                bail!("there is no plan for {w}; see `mentorplan plan list`");
            }
            Some(w)
        }
        None => record.plans.keys().next_back().copied(),
    })
}

fn new(record: &Record, from: Option<String>, settings: &Settings) -> Result<()> {
    let Some(from) = pick(record, from.as_deref())? else {
        bail!(
            "there is no plan to start from yet: open `mentorplan` and fill in the Plan screen, which starts the {} plan",
            PlanWindow::current(settings.today, &settings.catalog)
        );
    };
    let window = cycle::next_window(record, settings.today, &settings.catalog);
    // Sessions the development log records as attended are done; other "yes" carry on.
    let attended = cycle::attended_sessions(record);
    let (plan, report) = cycle::next_plan(
        record,
        &record.plans[&from],
        window,
        &attended,
        settings.today,
    );
    settings
        .store
        .apply(&settings.catalog, &[Op::AddPlan(plan)], now())?;
    let mut t = format!("Started the {window} plan from {from}; {from} is now kept as history.\n");
    let label = |id: &String| cycle::session_label(&settings.catalog, id);
    if !report.carried_sessions.is_empty() {
        writeln!(t, "Carried forward (planned, not yet attended):")?;
        for id in &report.carried_sessions {
            writeln!(t, "  {}", label(id))?;
        }
    }
    if !report.reset_sessions.is_empty() {
        writeln!(
            t,
            "Reset, to reconsider (answered no, or the month has passed):"
        )?;
        for id in &report.reset_sessions {
            writeln!(t, "  {}", label(id))?;
        }
    }
    writeln!(
        t,
        "{} section(s) carried forward as drafts to update.",
        report.carried_sections.len()
    )?;
    out(t)
}

fn list(record: &Record, settings: &Settings) -> Result<()> {
    let current = PlanWindow::current(settings.today, &settings.catalog);
    let latest = record.plans.keys().next_back().copied();
    let mut t = String::new();
    for (w, plan) in &record.plans {
        let updated = plan
            .updated
            .map_or("never".into(), |u| u.date_naive().to_string());
        let mut notes = Vec::new();
        if *w == current {
            notes.push("current");
        }
        if Some(*w) != latest {
            notes.push("history, read-only");
        }
        let answered = plan
            .sessions
            .values()
            .filter(|a| a.attend.is_some())
            .count();
        writeln!(
            t,
            "{w}  updated {updated}  {} section(s) written, {answered} session(s) answered{}",
            plan.sections
                .values()
                .filter(|s| !s.trim().is_empty())
                .count(),
            if notes.is_empty() {
                String::new()
            } else {
                format!("  ({})", notes.join(", "))
            }
        )?;
    }
    if t.is_empty() {
        t = format!("No plans yet. The current window is {current}.\n");
    }
    out(t)
}

fn compare(
    record: &Record,
    year: Option<String>,
    with: Option<String>,
    settings: &Settings,
) -> Result<()> {
    let Some(after) = pick(record, year.as_deref())? else {
        bail!("there are no plans to compare yet");
    };
    let before = match with {
        Some(w) => pick(record, Some(&w))?.expect("checked"),
        None => match record.plans.range(..after).next_back() {
            Some((w, _)) => *w,
            None => bail!("there is no plan before {after} to compare with"),
        },
    };
    let changes = cycle::compare(
        &record.plans[&before],
        &record.plans[&after],
        &settings.catalog,
    );
    let mut t = format!("Changes from {before} to {after}\n");
    if changes.is_empty() {
        t.push_str("  none\n");
    }
    let mut heading = "";
    for change in &changes {
        let this = change.group();
        if !this.is_empty() && this != heading {
            writeln!(t, "\n{this}")?;
            heading = this;
        }
        match change {
            Change::About {
                field,
                before,
                after,
            } => {
                writeln!(
                    t,
                    "  {field}: {:?} -> {:?}",
                    one_line(before),
                    one_line(after)
                )?;
            }
            Change::Session {
                label,
                before,
                after,
                ..
            } => {
                writeln!(
                    t,
                    "  {}: {} -> {}",
                    one_line(label),
                    cycle::answer_text(before),
                    cycle::answer_text(after)
                )?;
            }
            Change::Section { title, diff, .. } => {
                writeln!(t, "\n{}", one_line(title))?;
                heading = "";
                for line in diff {
                    let (mark, text) = match line {
                        DiffLine::Same(l) => (' ', l),
                        DiffLine::Removed(l) => ('-', l),
                        DiffLine::Added(l) => ('+', l),
                    };
                    writeln!(t, "  {mark} {}", crate::text::for_terminal(text))?;
                }
            }
        }
    }
    out(t)
}
