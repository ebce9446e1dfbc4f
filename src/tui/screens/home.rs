//! Home: the summary a member wants on opening (who, which plan, days to 15 June, hours against
//! the minimum, actions due, where the data lives), with links to the screens that act on it.

use super::{Committed, Ctx, Effect, FieldId, ScreenId};
use crate::domain::calendar::format_minutes;
use crate::domain::status::Status;
use crate::domain::text::one_line;
use crate::tui::form::{Commit, Field};

pub fn fields(ctx: &Ctx) -> Vec<Field> {
    let st = Status::of(ctx.record, ctx.catalog, ctx.today);
    let p = &ctx.record.profile;
    let owner = ctx.owner.map(one_line);
    let mut v = vec![Field::heading(owner.as_deref().unwrap_or("You"))];
    if p.name.is_empty() {
        let missing = match &owner {
            Some(name) => format!("{name} has not filled in About You yet"),
            None => "No profile yet: fill in About You".into(),
        };
        v.push(
            Field::item(FieldId::Goto(ScreenId::Profile), missing)
                .emphasis(true)
                .help("Enter: open Profile"),
        );
    } else {
        let mut who = p.name.clone();
        if !p.position.is_empty() {
            who.push_str(&format!(", {}", p.position));
        }
        if let Some(f) = p.fte {
            who.push_str(&format!(" (FTE {f})"));
        }
        v.push(Field::item(FieldId::Goto(ScreenId::Profile), who).help("Enter: open Profile"));
        let mentors = if p.mentors.is_empty() {
            "no mentor yet".to_string()
        } else {
            format!("Mentor: {}", p.mentors.join(", "))
        };
        let membership = p
            .membership
            .as_deref()
            .and_then(|m| ctx.catalog.membership(m))
            .map(|m| format!("{} member", m.label))
            .unwrap_or_else(|| "membership not given".into());
        v.push(Field::note(format!("{mentors} · {membership}")));
    }
    v.push(Field::heading(format!("Plan {}", st.window)));
    let plan_state = match (st.plan_exists, st.plan_touched_this_year) {
        (false, _) => "not started yet",
        (true, true) => "updated this academic year",
        (true, false) => "not yet updated this academic year",
    };
    v.push(
        Field::item(
            FieldId::Goto(ScreenId::Plan),
            format!("Plan {}: {plan_state}", st.window),
        )
        .emphasis(!st.plan_touched_this_year)
        .help("Enter: open the Plan"),
    );
    v.push(Field::note(format!(
        "Submission: {} {} ({})",
        st.deadline.format("%-d %B %Y"),
        match st.days_to_deadline {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            n => format!("in {n} days"),
        },
        "to the Director of CERES by e-mail"
    )));
    v.push(Field::heading("Mentoring"));
    v.push(
        Field::item(
            FieldId::Goto(ScreenId::Meetings),
            format!("Hours: {}", st.hours_line()),
        )
        .emphasis(!st.hours.met() && !st.hours.on_track())
        .help("Enter: open Meetings"),
    );
    v.push(Field::note(format!(
        "Minimum {} a year; {} open action{}.",
        format_minutes(st.hours.minutes_required),
        st.open_actions,
        if st.open_actions == 1 { "" } else { "s" }
    )));
    if st.due.is_empty() {
        v.push(Field::note("No action is due for review."));
    } else {
        v.push(Field::heading(format!("Due for review ({})", st.due.len())));
        for (n, a) in &st.due {
            let when = a
                .review_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            v.push(
                Field::item(
                    FieldId::Due(a.id),
                    format!("{n}. {} (review {when})", a.activity),
                )
                .emphasis(true)
                .help("Enter: open this action"),
            );
        }
    }
    v.extend(super::home_more::fields(ctx));
    v.push(Field::heading(match &owner {
        Some(name) => format!("{name}'s data"),
        None => "Your data".into(),
    }));
    v.push(Field::note(format!(
        "{} ({})",
        ctx.data_dir.display(),
        ctx.save_state
    )));
    v
}

pub fn commit(ctx: &Ctx, c: Commit) -> Committed {
    Ok(match c.id {
        FieldId::Goto(s) => vec![Effect::Goto(s, FieldId::Static)],
        FieldId::Due(id) => match ctx.record.meetings.action(id) {
            Some(a) => vec![
                Effect::Goto(ScreenId::Meetings, FieldId::ActionRow(id)),
                Effect::Meetings(super::MeetingsView::Action(a.clone())),
            ],
            None => vec![],
        },
        _ => vec![],
    })
}
