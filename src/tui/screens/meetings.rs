//! Section 3, the confidential Record of Mentoring Meetings: the list of actions (add, open,
//! delete, reorder, mark done) and of meetings (by date), and the forms of one action (tables
//! 3.1 and 3.2) and of one meeting.

use super::{Committed, Ctx, Effect, FieldId, MeetingsView, text};
use crate::domain::calendar::{self, format_minutes};
use crate::domain::length::parse_minutes;
use crate::domain::model::{Action, ActionStatus, Meeting};
use crate::domain::ops::Op;
use crate::tui::form::{Commit, Field, Value};

const STATUSES: [ActionStatus; 3] = [
    ActionStatus::Open,
    ActionStatus::Done,
    ActionStatus::Dropped,
];

pub fn fields(ctx: &Ctx) -> Vec<Field> {
    match ctx.meetings {
        MeetingsView::List => list(ctx),
        MeetingsView::Action(a) => action_form(ctx, a),
        MeetingsView::Meeting(id) => match ctx.record.meetings.meeting(*id) {
            Some(m) => meeting_form(m),
            None => vec![Field::note(
                "This meeting no longer exists (deleted in another window). Esc: back to the list.",
            )],
        },
    }
}

fn first_line(s: &str) -> &str {
    s.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

fn list(ctx: &Ctx) -> Vec<Field> {
    let m = &ctx.record.meetings;
    let mut v = vec![
        Field::heading(&ctx.catalog.meetings.title),
        Field::note(&ctx.catalog.meetings.confidential_note),
        Field::heading(format!("Actions ({})", m.actions.len())),
    ];
    for (i, a) in m.actions.iter().enumerate() {
        let mut line = format!("{}. [{}] {}", i + 1, a.status.label(), a.activity);
        if let Some(r) = a.review_date {
            line.push_str(&format!(" · review {}", r.format("%Y-%m-%d")));
            if a.is_due(ctx.today) {
                line.push_str(" (due)");
            }
        }
        v.push(
            Field::item(FieldId::ActionRow(a.id), line)
                .emphasis(a.is_due(ctx.today))
                .help("Enter: open · Space: status · J/K: move · d: delete"),
        );
    }
    v.push(Field::button(FieldId::AddAction, "Add an action").help("Enter or a: add an action"));
    let hours = calendar::hours_progress(
        m.meetings.iter().map(|x| (x.date, x.minutes)),
        ctx.today,
        ctx.catalog,
    );
    v.push(Field::heading(format!(
        "Meetings ({}; {} of {} this year)",
        m.meetings.len(),
        format_minutes(hours.minutes_done),
        format_minutes(hours.minutes_required)
    )));
    for x in m.meetings_by_date().into_iter().rev() {
        let line = format!(
            "{}  {:>6}  {}",
            x.date.format("%Y-%m-%d"),
            length_or_notes(x.minutes),
            first_line(&x.notes)
        );
        v.push(Field::item(FieldId::MeetingRow(x.id), line).help("Enter: open · d: delete"));
    }
    v.push(
        Field::button(FieldId::AddMeeting, "Start a meeting now")
            .help("Enter or m: a live meeting with a clock, notes saved as you type · a: record one by hand"),
    );
    v
}

fn action_form(ctx: &Ctx, a: &Action) -> Vec<Field> {
    let number = ctx
        .record
        .meetings
        .actions
        .iter()
        .position(|x| x.id == a.id)
        .map(|i| format!("Action {}", i + 1))
        .unwrap_or_else(|| "New action (saved once it has an activity)".into());
    let status = STATUSES.iter().position(|&s| s == a.status).unwrap_or(0);
    vec![
        Field::heading(number),
        Field::line(FieldId::ActionPart("activity"), "Activity", &a.activity)
            .help("What will be done"),
        Field::date(
            FieldId::ActionPart("meeting"),
            "Meeting date",
            a.meeting_date,
        )
        .help("The meeting that agreed it: YYYY-MM-DD, today, -1w ..."),
        Field::date(FieldId::ActionPart("review"), "Review date", a.review_date)
            .help("When to look at it again: YYYY-MM-DD, +8w, +2m ..."),
        Field::choice(
            FieldId::ActionPart("status"),
            "Status",
            STATUSES.iter().map(|s| s.label().to_string()).collect(),
            status,
        ),
        Field::text_area(
            FieldId::ActionPart("outputs"),
            "Output/s",
            &a.outputs,
            "[What it will produce]",
        ),
        Field::heading("Review points"),
        Field::text_area(
            FieldId::ActionPart("researcher"),
            "Researcher comments",
            &a.researcher_comments,
            "[Your comments at the review]",
        ),
        Field::text_area(
            FieldId::ActionPart("mentor"),
            "Mentor comments",
            &a.mentor_comments,
            "[Your mentor's comments at the review]",
        ),
    ]
}

fn meeting_form(m: &Meeting) -> Vec<Field> {
    vec![
        Field::heading(format!("Meeting of {}", m.date.format("%-d %B %Y"))),
        Field::date(FieldId::MeetingPart("date"), "Date", Some(m.date)),
        Field::number(
            FieldId::MeetingPart("minutes"),
            "Length",
            format_minutes(m.minutes),
        )
        .help("How long it lasted: 45, 45 min, 1h, 1.5h, 1h30; counts toward the yearly minimum"),
        Field::text_area(
            FieldId::MeetingPart("notes"),
            "Notes",
            &m.notes,
            "[What was discussed]",
        ),
    ]
}

pub fn commit(ctx: &Ctx, c: Commit) -> Committed {
    match (&c.id, ctx.meetings) {
        (FieldId::ActionRow(id), _) => Ok(ctx
            .record
            .meetings
            .action(*id)
            .map(|a| vec![Effect::Meetings(MeetingsView::Action(a.clone()))])
            .unwrap_or_default()),
        (FieldId::MeetingRow(id), _) => Ok(vec![Effect::Meetings(MeetingsView::Meeting(*id))]),
        (FieldId::AddAction, _) => Ok(vec![Effect::Meetings(MeetingsView::Action(new_action(
            ctx,
        )))]),
        (FieldId::AddMeeting, _) => Ok(vec![Effect::NewMeeting]),
        (FieldId::ActionPart(part), MeetingsView::Action(a)) => commit_action(ctx, a, part, &c),
        (FieldId::MeetingPart(part), MeetingsView::Meeting(id)) => {
            let Some(m) = ctx.record.meetings.meeting(*id) else {
                return Err("this meeting no longer exists".into());
            };
            let mut m = m.clone();
            match (*part, &c.value) {
                ("date", Value::Date(Some(d))) => {
                    crate::domain::model::rules::in_past(*d, ctx.today, "record a meeting")
                        .map_err(|e| e.to_string())?;
                    m.date = *d;
                }
                ("date", Value::Date(None)) => return Err("a meeting needs a date".into()),
                ("minutes", _) => {
                    m.minutes = parse_minutes(&text(&c)).map_err(|e| e.to_string())?
                }
                ("notes", _) => m.notes = text(&c),
                _ => return Ok(vec![]),
            }
            Ok(vec![Effect::Op(Op::UpdateMeeting(m))])
        }
        _ => Ok(vec![]),
    }
}

pub fn new_action(ctx: &Ctx) -> Action {
    let mut a = Action::new("");
    a.meeting_date = Some(ctx.today);
    a
}

fn commit_action(ctx: &Ctx, a: &Action, part: &str, c: &Commit) -> Committed {
    let mut a = a.clone();
    match (part, &c.value) {
        ("activity", _) => a.activity = text(c).trim().to_string(),
        ("outputs", _) => a.outputs = text(c),
        ("researcher", _) => a.researcher_comments = text(c),
        ("mentor", _) => a.mentor_comments = text(c),
        ("meeting", Value::Date(d)) => a.meeting_date = *d,
        ("review", Value::Date(d)) => a.review_date = *d,
        ("status", Value::Choice(i)) => a.status = STATUSES[*i % STATUSES.len()],
        _ => return Ok(vec![]),
    }
    let exists = ctx.record.meetings.action(a.id).is_some();
    let mut effects = vec![Effect::Meetings(MeetingsView::Action(a.clone()))];
    if a.activity.is_empty() {
        if part == "activity" || exists {
            return Err("an action needs an activity: type what will be done".into());
        }
        // Kept in the form until the activity is typed.
        return Ok(effects);
    }
    effects.push(Effect::Op(if exists {
        Op::UpdateAction(a)
    } else {
        Op::AddAction(a)
    }));
    Ok(effects)
}

/// The next status in the cycle open -> done -> dropped -> open.
pub fn next_status(s: ActionStatus) -> ActionStatus {
    let i = STATUSES.iter().position(|&x| x == s).unwrap_or(0);
    STATUSES[(i + 1) % STATUSES.len()]
}

/// A meeting's length in a list; "notes" for an entry of 0 minutes (notes from
/// `mentorplan note` on a day with no meeting logged), which is no empty meeting.
pub fn length_or_notes(minutes: u32) -> String {
    if minutes == 0 {
        "notes".into()
    } else {
        format_minutes(minutes)
    }
}
