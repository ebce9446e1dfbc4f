//! The yearly plan cycle on the Plan screen: an earlier plan shown read-only once a later one
//! exists (as submitted, history), the comparison of the shown plan with the previous one section
//! by section (`cycle::compare`, as `mentorplan plan compare`), and the report of what starting
//! the next plan carried over (as `mentorplan plan new`).

use super::{Ctx, FieldId, windows};
use crate::domain::calendar::PlanWindow;
use crate::domain::catalog::Catalog;
use crate::domain::cycle::{self, CarryReport, Change, DiffLine};
use crate::domain::model::{Attend, Plan, SessionAnswer};
use crate::domain::text::one_line;
use crate::tui::form::Field;

/// The plan after `window`, if there is one: `window` is then history.
pub fn later(ctx: &Ctx, window: PlanWindow) -> Option<PlanWindow> {
    ctx.record
        .plans
        .keys()
        .next_back()
        .copied()
        .filter(|w| *w > window)
}

/// The plan before the shown one, to compare with.
pub fn previous(ctx: &Ctx) -> Option<PlanWindow> {
    ctx.record
        .plans
        .range(..ctx.window)
        .next_back()
        .map(|(w, _)| *w)
}

/// The window choice, as on the editable form.
pub fn window_choice(ctx: &Ctx) -> Field {
    let ws = windows(ctx.record, ctx.window);
    let chosen = ws.iter().position(|&w| w == ctx.window).unwrap_or(0);
    Field::choice(
        FieldId::Window,
        "Window",
        ws.iter().map(ToString::to_string).collect(),
        chosen,
    )
    .help("The plan shown: Space or ←/→ for another · Esc, then n: start the next plan, c: compare with the previous, a on a workshop marked Yes: attended")
}

/// Read-only rows are focusable so that the screen scrolls through them; they do nothing.
struct Rows {
    v: Vec<Field>,
    n: usize,
    help: String,
}

impl Rows {
    fn row(&mut self, text: impl Into<String>) {
        self.n += 1;
        self.v
            .push(Field::item(FieldId::ReadOnly(self.n), text).help(self.help.clone()));
    }
}

fn answer(a: &SessionAnswer) -> String {
    let attend = match a.attend {
        Some(Attend::Yes) => "[x] Yes [ ] No",
        Some(Attend::No) => "[ ] Yes [x] No",
        None => "[ ] Yes [ ] No",
    };
    format!(
        "{attend}  {}",
        a.month.map(|m| m.short()).unwrap_or_else(|| "     ".into())
    )
}

/// An earlier plan, read-only: every field as a row to read.
pub fn read_only(ctx: &Ctx, plan: &Plan, latest: PlanWindow) -> Vec<Field> {
    let help = format!(
        "History: the {} plan is kept as submitted; edit the {latest} plan (Space on Window) · c: compare",
        plan.window
    );
    let mut r = Rows {
        v: vec![
            Field::heading(format!(
                "{}: {} (history, read-only)",
                ctx.catalog.plan_title, plan.window
            )),
            window_choice(ctx),
            Field::note(format!(
                "History: this plan is kept as it was submitted now that the {latest} plan exists. Its fields cannot be changed; c compares it with the one before."
            )),
            Field::heading("About You"),
        ],
        n: 0,
        help,
    };
    let a = &plan.about;
    r.row(format!("Name:     {}", a.name));
    r.row(format!("Position: {}", a.position));
    r.row(format!(
        "FTE:      {}",
        a.fte.map(|f| f.to_string()).unwrap_or_default()
    ));
    r.row(format!("Mentor:   {}", a.mentor));
    for grid in &ctx.catalog.plan.grids {
        r.v.push(Field::heading(format!(
            "{} (Yes / No, intended month)",
            grid.column
        )));
        for e in &grid.entries {
            r.row(format!("{}  {}", answer(&plan.session(&e.id)), e.label));
        }
    }
    for s in &ctx.catalog.plan.sections {
        r.row(s.title.clone());
        let t = plan.section(&s.id);
        r.v.push(Field::note(if t.trim().is_empty() {
            "(empty)".to_string()
        } else {
            t.to_string()
        }));
    }
    r.v
}

/// What a later window's plan is compared with: the shown plan and the one before it.
pub fn comparison(ctx: &Ctx) -> Vec<Field> {
    let mut r = Rows {
        v: vec![],
        n: 0,
        help: "Esc or c: back to the plan".into(),
    };
    let (Some(after), Some(before)) = (ctx.record.plans.get(&ctx.window), previous(ctx)) else {
        r.v.push(Field::heading(format!(
            "Plan {}: no comparison",
            ctx.window
        )));
        r.row("There is no earlier plan to compare this one with. Esc: back to the plan.");
        return r.v;
    };
    r.v.push(Field::heading(format!(
        "Changes from {before} to {}",
        ctx.window
    )));
    let changes = cycle::compare(&ctx.record.plans[&before], after, ctx.catalog);
    if changes.is_empty() {
        r.row("No changes: the two plans are the same.");
    }
    let mut heading = "";
    for change in &changes {
        let this = change.group();
        if !this.is_empty() && this != heading {
            r.v.push(Field::heading(this));
            heading = this;
        }
        match change {
            Change::About {
                field,
                before,
                after,
            } => r.row(format!(
                "{field}: \"{}\" → \"{}\"",
                one_line(before),
                one_line(after)
            )),
            Change::Session {
                label,
                before,
                after,
                ..
            } => r.row(format!(
                "{}: {} → {}",
                one_line(label),
                cycle::answer_text(before),
                cycle::answer_text(after)
            )),
            Change::Section { title, diff, .. } => {
                r.v.push(Field::heading(one_line(title)));
                heading = "";
                for line in diff {
                    let (mark, text) = match line {
                        DiffLine::Same(l) => (' ', l),
                        DiffLine::Removed(l) => ('-', l),
                        DiffLine::Added(l) => ('+', l),
                    };
                    r.row(format!("{mark} {text}"));
                }
            }
        }
    }
    r.v
}

/// The message after starting the next plan, as `mentorplan plan new` prints it, on one line.
pub fn carry_message(
    catalog: &Catalog,
    from: PlanWindow,
    window: PlanWindow,
    report: &CarryReport,
) -> String {
    let label = |id: &String| cycle::session_label(catalog, id);
    let mut t = format!("Started the {window} plan from {from}; {from} is now kept as history.");
    if !report.carried_sessions.is_empty() {
        let names: Vec<_> = report.carried_sessions.iter().map(label).collect();
        t.push_str(&format!(
            " Carried forward (planned, not yet attended): {}.",
            names.join(", ")
        ));
    }
    if !report.reset_sessions.is_empty() {
        let names: Vec<_> = report.reset_sessions.iter().map(label).collect();
        t.push_str(&format!(
            " Reset, to reconsider (answered no, or the month has passed): {}.",
            names.join(", ")
        ));
    }
    t.push_str(&format!(
        " {} section(s) carried forward as drafts to update.",
        report.carried_sections.len()
    ));
    t
}
