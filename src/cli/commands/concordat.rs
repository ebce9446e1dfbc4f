//! `mentorplan concordat`: the institution's Concordat action plan, kept in the coordinator's
//! directory.

use super::coordinator::coordinator_dir;
use super::out;
use crate::cli::UsageError;
use crate::cli::coordinator::{ConcordatCommand, ConcordatFields, ConcordatFormat};
use crate::domain::coordinator::concordat::{
    self, Action, ActionPlan, COLUMNS, Change, ConcordatError, Obligations, Progress,
};
use crate::domain::coordinator::csv;
use crate::export::markdown_inline as md;
use crate::session::Settings;
use crate::store::coordinator::plan_file;
use color_eyre::eyre::{Result, WrapErr};
use std::path::Path;

fn usage(e: ConcordatError) -> UsageError {
    UsageError(e.to_string())
}

pub fn run(cmd: ConcordatCommand, settings: &Settings) -> Result<()> {
    let dir = coordinator_dir(settings)?;
    let obligations = plan_file::obligations(&dir)?;
    let now = super::now();
    match cmd {
        ConcordatCommand::Add(fields) => {
            let change = checked(fields, &obligations, settings)?;
            if change.obligation.is_none() {
                return Err(usage(ConcordatError::NoObligation).into());
            }
            let (n, code) = plan_file::update(&dir, now, |plan| {
                let mut a = Action::default();
                change.apply(&mut a);
                let code = a.obligation.clone();
                plan.actions.push(a);
                Ok::<_, ConcordatError>((plan.actions.len(), code))
            })?;
            out(format!(
                "Added action {n} ({code}) to {}\n",
                dir.join(plan_file::PLAN_FILE).display()
            ))
        }
        ConcordatCommand::Edit { number, fields } => {
            let change = checked(fields, &obligations, settings)?;
            plan_file::update(&dir, now, |plan| {
                change.apply(plan.action_mut(number)?);
                Ok::<_, ConcordatError>(())
            })
            .map_err(as_usage)?;
            out(format!("Changed action {number}\n"))
        }
        ConcordatCommand::Progress { number, text, date } => {
            let date = match date {
                Some(d) => crate::domain::dates::parse_date(&d, settings.today)?,
                None => settings.today,
            };
            if text.trim().is_empty() {
                crate::usage!("the progress update is empty: say what has been done");
            }
            plan_file::update(&dir, now, |plan| {
                let a = plan.action_mut(number)?;
                a.progress.push(Progress { date, text });
                a.progress.sort_by_key(|p| p.date);
                Ok::<_, ConcordatError>(())
            })
            .map_err(as_usage)?;
            out(format!(
                "Added a progress update of {date} to action {number}\n"
            ))
        }
        ConcordatCommand::List { overdue } => {
            let plan = plan_file::load(&dir)?;
            out(list(&plan, overdue, settings))
        }
        ConcordatCommand::Report { format, output } => {
            let plan = plan_file::load(&dir)?;
            let text = match format {
                ConcordatFormat::Md => markdown(&plan, &obligations, settings),
                ConcordatFormat::Csv => csv_report(&plan, &obligations),
            };
            match output {
                Some(path) => write(&path, &text),
                None => out(text),
            }
        }
        ConcordatCommand::DaysImpact { number, dirs, year } => {
            let window = match &year {
                Some(y) => crate::domain::calendar::PlanWindow::parse(y)?,
                None => {
                    crate::domain::calendar::PlanWindow::current(settings.today, &settings.catalog)
                }
            };
            let c = super::coordinator::collation(&dirs, window, None, settings)?;
            let text = days_impact(&c, settings).ok_or_else(|| {
                UsageError(format!(
                    "none of the {} submissions for {window} carries totals: members add them with `mentorplan submit --with-totals`",
                    c.submissions.iter().filter(|s| s.window == window).count()
                ))
            })?;
            plan_file::update(&dir, now, |plan| {
                plan.action_mut(number)?.actual_impact = text.clone();
                Ok::<_, ConcordatError>(())
            })
            .map_err(as_usage)?;
            out(format!("Action {number}'s actual impact: {text}\n"))
        }
        ConcordatCommand::Obligations => {
            let mut t = format!("{}\n", obligations.name);
            for p in &obligations.principles {
                t += &format!("\n{}\n", p.label);
                for o in obligations.obligations.iter().filter(|o| {
                    obligations
                        .principle_of(&o.code)
                        .is_some_and(|(x, _)| x == p)
                }) {
                    t += &format!("  {:<6} {}\n", o.code, o.text);
                }
            }
            out(t)
        }
    }
}

/// A refusal from inside the update (no such action) is the user's to fix: exit 2.
fn as_usage(e: color_eyre::Report) -> color_eyre::Report {
    match e.downcast::<ConcordatError>() {
        Ok(c) => usage(c).into(),
        Err(e) => e,
    }
}

fn write(path: &Path, text: &str) -> Result<()> {
    // 0600 like every export: the coordinator decides whom to send it to.
    crate::export::write_file(path, text.as_bytes(), crate::store::files::FILE_MODE)
        .wrap_err_with(|| format!("cannot write {}", path.display()))
}

/// Every value given, checked before the plan is touched.
fn checked(f: ConcordatFields, o: &Obligations, settings: &Settings) -> Result<Change> {
    let text = |v: Option<String>| v.map(|s| s.trim().to_string());
    Ok(Change {
        obligation: f
            .obligation
            .map(|c| o.code(&c))
            .transpose()
            .map_err(usage)?,
        action: text(f.action),
        carried_over: f
            .carried_over
            .map(|v| concordat::yes_no(&v))
            .transpose()
            .map_err(usage)?,
        deadline: f
            .deadline
            .map(|d| concordat::deadline(&d, settings.today))
            .transpose()
            .map_err(|e| super::refused("--deadline", e))?,
        responsibility: text(f.responsibility),
        targeted_impact: text(f.impact),
        comments: text(f.comments),
        actual_impact: text(f.actual_impact),
        outcome: f
            .outcome
            .map(|v| match v.trim() {
                "" | "none" => Ok(None),
                v => o.outcome(v).map(Some),
            })
            .transpose()
            .map_err(usage)?,
    })
}

/// "In 2026-27, 3 of 4 members who shared their totals (75%) reached their days of
/// professional development pro rata (10 days a year at full time); from the submissions for
/// 2026-28 collated on 2027-06-20."
fn days_impact(
    c: &crate::domain::coordinator::collate::Collation,
    settings: &Settings,
) -> Option<String> {
    let t = &c.totals;
    if t.members_with_totals == 0 {
        return None;
    }
    let years: std::collections::BTreeSet<&str> =
        t.rows.iter().map(|r| r.academic_year.as_str()).collect();
    let years: Vec<&str> = years.into_iter().collect();
    Some(format!(
        "In {}, {} of {} members who shared their totals ({}%) reached their days of professional development pro rata ({} a year at full time); from the submissions for {} collated on {}.",
        years.join(", "),
        t.days_met,
        t.members_with_totals,
        (t.days_met * 100 + t.members_with_totals / 2) / t.members_with_totals,
        crate::domain::devlog::days_text(settings.catalog.development.days_per_year.as_f64()),
        c.window,
        c.today
    ))
}

fn deadline_text(a: &Action) -> String {
    a.deadline
        .map(|d| d.first_day().format("%b-%y").to_string())
        .unwrap_or_else(|| "no deadline".into())
}

fn list(plan: &ActionPlan, overdue_only: bool, settings: &Settings) -> String {
    let overdue = plan.overdue(settings.today);
    let shown: Vec<(usize, &Action)> = if overdue_only {
        overdue.clone()
    } else {
        plan.actions
            .iter()
            .enumerate()
            .map(|(i, a)| (i + 1, a))
            .collect()
    };
    if shown.is_empty() {
        return if overdue_only {
            "No action is overdue.\n".into()
        } else {
            "The action plan is empty: add an action with `mentorplan concordat add --obligation CODE --action TEXT`.\n".into()
        };
    }
    let mut t = String::new();
    for (n, a) in shown {
        let late = if overdue.iter().any(|(m, _)| *m == n) {
            "  OVERDUE"
        } else {
            ""
        };
        t += &format!(
            "{n:>3}. {:<6} {:<11} {:<18} {}{late}\n",
            a.obligation,
            deadline_text(a),
            a.outcome.as_deref().unwrap_or("open"),
            crate::domain::text::one_line(&a.action)
        );
    }
    t
}

fn markdown(plan: &ActionPlan, o: &Obligations, settings: &Settings) -> String {
    let mut t = String::from("# Concordat action plan\n\n");
    if !plan.institution.is_empty() {
        t += &format!("Institution: {}\n\n", md(&plan.institution));
    }
    t += &format!("Obligations: {}.\n\n", md(&o.name));
    let header = format!(
        "| {} |\n|{}\n",
        COLUMNS.join(" | "),
        "---|".repeat(COLUMNS.len())
    );
    for (principle, actions) in concordat::by_principle(plan, o) {
        t += &format!("## {}\n\n{header}", md(&principle));
        for (_, a) in actions {
            let cells: Vec<String> = concordat::cells(a, o)
                .iter()
                .map(|c| md(&c.replace('\n', "; ")))
                .collect();
            t += &format!("| {} |\n", cells.join(" | "));
        }
        t.push('\n');
    }
    let overdue = plan.overdue(settings.today);
    if !overdue.is_empty() {
        t += &format!("## Overdue on {}\n\n", settings.today);
        for (n, a) in overdue {
            t += &format!(
                "- Action {n}, {}: due {}; {}\n",
                md(&a.obligation),
                deadline_text(a),
                md(&a.action)
            );
        }
    }
    t
}

fn csv_report(plan: &ActionPlan, o: &Obligations) -> String {
    let mut header = vec!["Principle"];
    header.extend(COLUMNS);
    let mut t = csv::line(&header);
    for (principle, actions) in concordat::by_principle(plan, o) {
        for (_, a) in actions {
            let mut row = vec![principle.clone()];
            row.extend(concordat::cells(a, o));
            t += &csv::line(&row);
        }
    }
    t
}
