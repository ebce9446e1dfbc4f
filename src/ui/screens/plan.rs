//! Section 4, the Two-Year Research Plan: the window, About You, the ACTivator and Library grids
//! (yes / no / unanswered and an intended month) and the eight free-text sections with the
//! form's guidance shown while they are empty.

use super::{Committed, Ctx, Effect, FieldId, text, windows};
use crate::model::plan::AboutYou;
use crate::model::{Attend, Fte, SessionAnswer};
use crate::ops::Op;
use crate::ui::form::{Commit, Field, Value};

/// Columns of the month column of a grid row: "month " and "MM/YY" and a space.
const MONTH_COLUMNS: u16 = 12;

fn about(ctx: &Ctx) -> AboutYou {
    match ctx.record.plans.get(&ctx.window) {
        Some(p) => p.about.clone(),
        None => AboutYou::from_profile(&ctx.record.profile),
    }
}

pub fn fields(ctx: &Ctx) -> Vec<Field> {
    if ctx.more.plan_compare {
        return super::history::comparison(ctx);
    }
    if let (Some(p), Some(latest)) = (
        ctx.record.plans.get(&ctx.window),
        super::history::later(ctx, ctx.window),
    ) {
        return super::history::read_only(ctx, p, latest);
    }
    let plan = ctx.record.plans.get(&ctx.window);
    let a = about(ctx);
    let mut v = vec![
        Field::heading(format!("{}: {}", ctx.catalog.plan_title, ctx.window)),
        super::history::window_choice(ctx),
    ];
    if plan.is_none() {
        v.push(Field::note(
            "Not started yet: it is created when you change anything below.",
        ));
    }
    if let Some(report) = &ctx.more.plan_report {
        v.push(Field::note(report));
    }
    v.extend([
        Field::heading("About You"),
        Field::line(FieldId::About("name"), "Name", &a.name),
        Field::line(FieldId::About("position"), "Position", &a.position),
        Field::number(
            FieldId::About("fte"),
            "FTE",
            a.fte.map(|f| f.to_string()).unwrap_or_default(),
        )
        .help("More than 0, at most 1.0"),
        Field::line(FieldId::About("mentor"), "Mentor", &a.mentor),
    ]);
    for grid in &ctx.catalog.plan.grids {
        v.push(Field::heading(format!(
            "{} (Yes / No, intended month)",
            grid.column
        )));
        for e in &grid.entries {
            let ans = plan.map(|p| p.session(&e.id)).unwrap_or_default();
            let chosen = match ans.attend {
                None => 0,
                Some(Attend::Yes) => 1,
                Some(Attend::No) => 2,
            };
            v.push(
                Field::boxes(
                    FieldId::Attend(e.id.clone()),
                    &e.label,
                    &["Yes", "No"],
                    chosen,
                )
                .help(format!("{}: Space for yes / no / unanswered", e.label)),
            );
            v.push(
                Field::month(FieldId::Month(e.id.clone()), "month", ans.month)
                    .inline(MONTH_COLUMNS)
                    .help(format!(
                        "Intended month for {} (MM/YY, e.g. 09/26)",
                        e.label
                    )),
            );
        }
    }
    for s in &ctx.catalog.plan.sections {
        v.push(
            Field::text_area(
                FieldId::Section(s.id.clone()),
                &s.title,
                plan.map(|p| p.section(&s.id)).unwrap_or(""),
                &s.prompt,
            )
            .help(format!(
                "{}: type here (Enter is a new line); Esc when done, Ctrl-E for $EDITOR",
                s.title
            )),
        );
    }
    v.push(Field::note(&ctx.catalog.plan.closing));
    v
}

pub fn commit(ctx: &Ctx, c: Commit) -> Committed {
    let window = ctx.window;
    let plan = ctx.record.plans.get(&window);
    let op = match (&c.id, &c.value) {
        (FieldId::Window, Value::Choice(i)) => {
            let ws = windows(ctx.record, ctx.window);
            return Ok(ws
                .get(*i)
                .map(|&w| vec![Effect::Window(w)])
                .unwrap_or_default());
        }
        (FieldId::About(part), _) => {
            let mut a = about(ctx);
            let t = text(&c).trim().to_string();
            match *part {
                "name" => a.name = t,
                "position" => a.position = t,
                "mentor" => a.mentor = t,
                "fte" => {
                    a.fte = if t.is_empty() {
                        None
                    } else {
                        Some(Fte::parse(&t).map_err(|e| e.to_string())?)
                    }
                }
                _ => return Ok(vec![]),
            }
            if plan.is_some_and(|p| p.about == a) {
                return Ok(vec![]);
            }
            Op::SetAbout { window, about: a }
        }
        (FieldId::Attend(id), Value::Choice(i)) => {
            let mut ans = plan.map(|p| p.session(id)).unwrap_or_default();
            ans.attend = match i {
                1 => Some(Attend::Yes),
                2 => Some(Attend::No),
                _ => None,
            };
            session(window, id, ans)
        }
        (FieldId::Month(id), Value::Month(m)) => {
            let mut ans = plan.map(|p| p.session(id)).unwrap_or_default();
            if ans.month == *m {
                return Ok(vec![]);
            }
            ans.month = *m;
            session(window, id, ans)
        }
        (FieldId::Section(id), _) => {
            let t = text(&c);
            if plan.map(|p| p.section(id)).unwrap_or("") == t {
                return Ok(vec![]);
            }
            Op::SetSection {
                window,
                section: id.clone(),
                text: t,
            }
        }
        _ => return Ok(vec![]),
    };
    Ok(vec![Effect::Op(op)])
}

fn session(window: crate::calendar::PlanWindow, id: &str, answer: SessionAnswer) -> Op {
    Op::SetSession {
        window,
        session: id.to_string(),
        answer,
    }
}
