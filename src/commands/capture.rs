//! Capture from the shell: `note`, `action ...` and `meeting ...`, for a second terminal or a
//! script while the TUI may be open on the same data.

use super::{now, out, refused};
use crate::calendar::format_minutes;
use crate::cli::{ActionCommand, MeetingCommand, NoteArgs};
use crate::dates::parse_date;
use crate::length::parse_minutes;
use crate::model::{Action, ActionStatus, Meeting};
use crate::ops::Op;
use crate::settings::Settings;
use crate::text::one_line;
use color_eyre::eyre::{Result, bail};
use std::fmt::Write;
use std::io::{BufRead, IsTerminal, Read};

pub fn note(args: NoteArgs, settings: &Settings) -> Result<()> {
    let date = match &args.date {
        Some(d) => parse_date(d, settings.today)?,
        None => settings.today,
    };
    let text = if args.text == ["-"] {
        read_stdin()?
    } else if args.text.is_empty() && std::io::stdin().is_terminal() {
        prompt_text("the note")?
    } else if args.text.is_empty() {
        read_stdin()?
    } else {
        args.text.join(" ")
    };
    let text = text.trim_end_matches(['\n', '\r']).to_string();
    if text.trim().is_empty() {
        bail!(
            "the note is empty: run `mentorplan note` and type it at the prompt, or give it on standard input"
        );
    }
    let new_id = crate::live::note_meeting_id(&settings.store, date);
    let op = Op::AppendNote { date, text, new_id };
    settings.store.apply(&settings.catalog, &[op], now())?;
    out(format!("Noted in the meeting of {date}.\n"))
}

pub fn action(cmd: ActionCommand, settings: &Settings) -> Result<()> {
    let today = settings.today;
    match cmd {
        ActionCommand::Add {
            activity,
            outputs,
            review,
            meeting,
        } => {
            let review = match review {
                Some(r) => parse_date(&r, today)?,
                None => settings.default_review()?,
            };
            let meeting = match meeting {
                Some(m) => parse_date(&m, today)?,
                None => today,
            };
            let mut a = Action::new(activity);
            a.outputs = outputs;
            a.review_date = Some(review);
            a.meeting_date = Some(meeting);
            let record =
                settings
                    .store
                    .apply(&settings.catalog, &[Op::AddAction(a.clone())], now())?;
            let n = record
                .meetings
                .actions
                .iter()
                .position(|x| x.id == a.id)
                .map_or(0, |i| i + 1);
            out(format!("Added action {n}, review on {review}.\n"))
        }
        ActionCommand::List { all, list } => {
            let record = settings.store.load()?;
            if list.json {
                let items = record.meetings.actions.iter().enumerate();
                let items = items.filter(|(_, a)| all || a.status == ActionStatus::Open);
                let items = items.map(|(i, a)| {
                    super::json::numbered(i + 1, a, [("due", a.is_due(today).into())])
                });
                return super::json::print_list("actions", items.collect());
            }
            let mut t = String::new();
            let mut shown = 0;
            for (i, a) in record.meetings.actions.iter().enumerate() {
                if !all && a.status != ActionStatus::Open {
                    continue;
                }
                shown += 1;
                let review = a
                    .review_date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into());
                let due = if a.is_due(today) { " DUE" } else { "" };
                writeln!(
                    t,
                    "{:>3}. [{}] review {review}{due}  {}",
                    i + 1,
                    a.status.label(),
                    one_line(&a.activity)
                )?;
            }
            if shown == 0 {
                t.push_str(if all {
                    "No actions yet.\n"
                } else {
                    "No open actions.\n"
                });
            }
            out(t)
        }
        ActionCommand::Done { number } => set_status(settings, number, ActionStatus::Done),
        ActionCommand::Drop { number } => set_status(settings, number, ActionStatus::Dropped),
    }
}

fn set_status(settings: &Settings, number: usize, status: ActionStatus) -> Result<()> {
    let record = settings.store.load()?;
    let count = record.meetings.actions.len();
    let Some(a) = number
        .checked_sub(1)
        .and_then(|i| record.meetings.actions.get(i))
    else {
        bail!(
            "there is no action {number}: actions are numbered 1 to {count} (see `mentorplan action list --all`)"
        );
    };
    settings.store.apply(
        &settings.catalog,
        &[Op::SetActionStatus { id: a.id, status }],
        now(),
    )?;
    out(format!(
        "Action {number} ({}) is {}.\n",
        one_line(&a.activity),
        status.label()
    ))
}

pub fn meeting(cmd: MeetingCommand, settings: &Settings) -> Result<()> {
    match cmd {
        MeetingCommand::Log {
            date,
            minutes,
            notes,
        } => {
            let date = parse_date(&date, settings.today)?;
            if let Err(e) = crate::model::rules::in_past(date, settings.today, "record a meeting") {
                crate::usage!("--date {e}");
            }
            let minutes = parse_minutes(&minutes).map_err(|e| refused("--minutes:", e))?;
            let mut m = Meeting::new(date, minutes);
            m.notes = match notes.as_deref() {
                Some("-") => read_stdin()?,
                Some(n) => n.to_string(),
                None => String::new(),
            };
            settings
                .store
                .apply(&settings.catalog, &[Op::AddMeeting(m)], now())?;
            out(format!(
                "Logged a meeting of {} on {date}.\n",
                format_minutes(minutes)
            ))
        }
        MeetingCommand::TakeOver => take_over(settings),
        MeetingCommand::List(list) => {
            let record = settings.store.load()?;
            if list.json {
                let items = record.meetings.meetings_by_date().into_iter().enumerate();
                let items = items.map(|(i, m)| super::json::numbered(i + 1, m, []));
                return super::json::print_list("meetings", items.collect());
            }
            let mut t = String::new();
            for m in record.meetings.meetings_by_date() {
                let first = m.notes.lines().next().map(one_line).unwrap_or_default();
                let length = if m.minutes == 0 {
                    "notes".to_string()
                } else {
                    format_minutes(m.minutes)
                };
                writeln!(t, "{}  {:>10}  {first}", m.date, length)?;
            }
            if t.is_empty() {
                t.push_str("No meetings recorded yet.\n");
            }
            out(t)
        }
    }
}

/// Asks for the note on the terminal: text typed here, unlike text given as arguments, never
/// appears in the process list (`ps`, /proc/*/cmdline) that every user on the server can read.
/// Lines are read until an empty line or Ctrl-D, so a note can span several lines.
/// Reads text typed at the terminal up to an empty line or the end of input.
pub(super) fn prompt_text(what: &str) -> Result<String> {
    eprintln!(
        "Type {what}; several lines are fine. An empty line (or Ctrl-D) ends it, Ctrl-C cancels."
    );
    let mut text = String::new();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            break;
        }
        text.push_str(&line);
        text.push('\n');
    }
    Ok(text)
}

/// Makes an interrupted meeting this user's to resume, whoever the draft names as its owner,
/// unless that owner is certainly still running here. The notes are kept, never deleted.
fn take_over(settings: &Settings) -> Result<()> {
    let store = &settings.store;
    let Some(draft) = store.load_draft()? else {
        return out("There is no interrupted meeting to take over.\n");
    };
    if draft.owner_surely_alive() {
        bail!(
            "the meeting of {} is still being captured by process {}, which is running on this host: type its notes and end it there",
            draft.date,
            draft.pid
        );
    }
    let (host, pid, date) = (draft.host.clone(), draft.pid, draft.date);
    let lines = draft.notes.lines().count();
    store.save_draft(&draft.owned_here())?;
    out(format!(
        "The meeting of {date} ({lines} line(s) of notes), left by process {pid} on {}, is yours now: `mentorplan meeting` offers to resume it with all its notes.\n",
        one_line(&host)
    ))
}

pub(super) fn read_stdin() -> Result<String> {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s)?;
    Ok(s)
}
