//! The live meeting screen: its state (the meeting being captured, its notes form, the pop-up
//! open over it), the fields of the notes and of each pop-up for the form engine, and the
//! drawing. What keys do to it is in `app/meeting.rs`; the meeting itself is `crate::session::live`.

use super::form::wrap;
use super::form::{Field, Form};
use super::ids::FieldId;
use super::text::{sanitize, truncate};
use super::theme::Theme;
use crate::domain::catalog::Catalog;
use crate::domain::model::{Action, Record};
use crate::session::live::LiveMeeting;
use crate::store::draft::MeetingDraft;
use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

/// Rows the notes box shows at least, so that there is room to type before it grows.
const NOTES_ROWS: u16 = 6;
/// Rows of notes from other shells shown at most (the newest).
const ALSO_NOTED_ROWS: u16 = 5;

#[derive(Debug, Clone, PartialEq)]
pub enum PopupKind {
    /// A new action, as typed so far.
    Action(Action),
    /// The checklist, to tick an item that came up.
    Tick,
    /// Ending: the length as typed (minutes or hours).
    End { minutes: String },
}

pub struct Popup {
    pub kind: PopupKind,
    pub form: Form,
}

pub struct Live {
    pub meeting: LiveMeeting,
    /// Whether the meeting screen is shown (the meeting goes on while another screen is).
    pub shown: bool,
    pub notes: Form,
    pub popup: Option<Popup>,
    /// Activities of the actions added, and labels of the items ticked, in this meeting.
    pub added: Vec<String>,
    pub ticked: Vec<String>,
    /// The elapsed minutes last drawn: the clock is redrawn only when they change.
    pub minute_drawn: i64,
    /// Quit once the meeting has been recorded (ending was chosen when quitting).
    pub quit_after_end: bool,
    /// An action typed in a pop-up closed with Esc: `a` brings it back.
    pub kept_action: Option<Action>,
}

impl Live {
    pub fn new(meeting: LiveMeeting, now: DateTime<Utc>) -> Live {
        let minute_drawn = elapsed(meeting.draft(), now);
        // A resumed meeting still shows what was agreed and ticked in it.
        let (added, ticked) = (
            meeting.draft().agreed.clone(),
            meeting.draft().ticked.clone(),
        );
        Live {
            meeting,
            shown: true,
            notes: Form::new(),
            popup: None,
            added,
            ticked,
            minute_drawn,
            quit_after_end: false,
            kept_action: None,
        }
    }

    /// The form keys go to: the pop-up's, else the notes'.
    pub fn form(&self) -> &Form {
        self.popup.as_ref().map_or(&self.notes, |p| &p.form)
    }

    pub fn form_mut(&mut self) -> &mut Form {
        match &mut self.popup {
            Some(p) => &mut p.form,
            None => &mut self.notes,
        }
    }

    /// Rebuilds the notes' and the pop-up's fields (after any change of the record).
    pub fn refresh(&mut self, record: &Record, catalog: &Catalog) {
        let notes = self.meeting.notes().to_string();
        self.notes.set_fields(notes_fields(&notes));
        if let Some(p) = &mut self.popup {
            p.form.set_fields(popup_fields(&p.kind, record, catalog));
        }
    }
}

/// Whole minutes since the meeting started.
pub fn elapsed(draft: &MeetingDraft, now: DateTime<Utc>) -> i64 {
    (now - draft.started).num_minutes().max(0)
}

/// "0 min", "47 min", "1 h 05".
pub fn clock(minutes: i64) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02}", minutes / 60, minutes % 60)
    }
}

/// What to say when another running process owns the meeting draft.
pub fn running_elsewhere(d: &MeetingDraft, data_dir: &std::path::Path) -> String {
    format!(
        "a meeting is already being captured by mentorplan (process {} on {}), started {} UTC: \
         type its notes there and end it there. If that process has ended, \
         `mentorplan meeting take-over` makes the meeting yours, with all its notes (kept in {}), \
         and `mentorplan meeting` then offers to resume it",
        d.pid,
        crate::domain::text::one_line(&d.host),
        d.started.format("%Y-%m-%d %H:%M"),
        data_dir.join(crate::store::draft::DRAFT_FILE).display()
    )
}

pub fn notes_fields(notes: &str) -> Vec<Field> {
    vec![
        Field::text_area(
            FieldId::LiveNotes,
            "Notes (saved as you type)",
            notes,
            "[Type what is discussed, as it is said]",
        )
        .min_rows(NOTES_ROWS)
        .help("Esc, then a: add an action · t: tick an item · e: end · x: discard this meeting"),
    ]
}

pub fn popup_fields(kind: &PopupKind, record: &Record, catalog: &Catalog) -> Vec<Field> {
    match kind {
        PopupKind::Action(a) => vec![
            Field::line(FieldId::LivePart("activity"), "Activity", &a.activity)
                .help("What will be done; Enter adds the action"),
            Field::date(FieldId::LivePart("review"), "Review date", a.review_date)
                .help("When to look at it again: YYYY-MM-DD, +8w, +2m ...; Enter adds the action"),
            Field::text_area(
                FieldId::LivePart("outputs"),
                "Output/s",
                &a.outputs,
                "[What it will produce]",
            )
            .help("Tab to the button, then Enter, to add the action"),
            Field::button(FieldId::LivePart("add"), "Add the action")
                .help("Enter: add it to the record now"),
        ],
        PopupKind::Tick => {
            let mut v = vec![Field::note(
                "Tick an item that came up (Space); Esc when done. Saved at once.",
            )];
            for area in &catalog.checklist.areas {
                v.push(Field::heading(&area.label));
                for item in &area.items {
                    v.push(
                        Field::checkbox(
                            FieldId::Tick(item.id.clone()),
                            &item.label,
                            record.checklist.is_ticked(&area.id, &item.id),
                        )
                        .help("Space: tick / untick · Esc: back to the notes"),
                    );
                }
            }
            v
        }
        PopupKind::End { minutes } => vec![
            Field::note(format!(
                "Its length counts toward the {} h of mentoring a year.",
                catalog.minimum_mentoring_hours
            )),
            Field::number(FieldId::LivePart("minutes"), "Length", minutes.clone())
                .help("Time so far filled in; type 50, 50 min, 1h, 1.5h or 1h30; Enter records it"),
            Field::button(FieldId::LivePart("record"), "Record the meeting")
                .help("Enter: record the meeting and its notes"),
        ],
    }
}

/// The title of a pop-up.
fn popup_title(kind: &PopupKind) -> &'static str {
    match kind {
        PopupKind::Action(_) => " An action agreed now ",
        PopupKind::Tick => " Tick a checklist item ",
        PopupKind::End { .. } => " End the meeting ",
    }
}

/// The meeting screen in `area`: its date, the notes, what arrived from other shells, what was
/// agreed; and the pop-up over it. Returns where the terminal cursor goes.
pub fn draw(
    t: Theme,
    record: &Record,
    live: &Live,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let draft = live.meeting.draft();
    let also = record
        .meetings
        .meeting(draft.meeting_id)
        .map(|m| m.notes.trim_end())
        .filter(|n| !n.is_empty());
    let also_lines = also
        .map(|n| wrap(n, area.width.saturating_sub(5) as usize))
        .unwrap_or_default();
    let also_h = if also_lines.is_empty() {
        0
    } else {
        (also_lines.len() as u16).min(ALSO_NOTED_ROWS) + 2
    };
    let summary = summary(live);
    let [head, notes, also_area, sum_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(also_h),
        Constraint::Length(u16::from(summary.is_some())),
    ])
    .areas(area);
    let title = format!(
        "Meeting of {} · confidential (Section 3)",
        draft.date.format("%-d %B %Y")
    );
    buf.set_stringn(
        head.x + 1,
        head.y,
        truncate(&title, head.width.saturating_sub(1) as usize),
        head.width as usize,
        t.heading(),
    );
    let mut cursor = live.notes.draw(notes, buf, t);
    if also_h > 0 {
        // Under the notes box (which leaves the marker column and the scrollbar's).
        let also_area = Rect {
            x: also_area.x + 2,
            width: also_area.width.saturating_sub(3),
            ..also_area
        };
        let block = Block::bordered()
            .title(" Also noted, from other shells (read-only) ")
            .border_style(t.border());
        let inner = block.inner(also_area);
        block.render(also_area, buf);
        let skip = also_lines.len().saturating_sub(inner.height as usize);
        let lines: Vec<Line> = also_lines
            .into_iter()
            .skip(skip)
            .map(|l| Line::styled(l, t.dim()))
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
    if let Some(s) = summary {
        buf.set_stringn(
            sum_area.x + 1,
            sum_area.y,
            truncate(&sanitize(&s), sum_area.width.saturating_sub(1) as usize),
            sum_area.width as usize,
            t.ok(),
        );
    }
    if let Some(p) = &live.popup {
        // The cursor goes to the pop-up, or nowhere.
        cursor = draw_popup(p, area, buf, t);
    }
    cursor
}

/// "Agreed now: 2 actions (Draft the paper; ...) · ticked: Writing a journal article".
fn summary(live: &Live) -> Option<String> {
    let mut parts = Vec::new();
    if !live.added.is_empty() {
        let n = live.added.len();
        parts.push(format!(
            "{n} action{} agreed ({})",
            if n == 1 { "" } else { "s" },
            live.added.join("; ")
        ));
    }
    if !live.ticked.is_empty() {
        parts.push(format!("ticked: {}", live.ticked.join("; ")));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn draw_popup(p: &Popup, area: Rect, buf: &mut Buffer, t: Theme) -> Option<Position> {
    let w = area.width.saturating_sub(4).min(72);
    let want = match p.kind {
        PopupKind::Action(_) => 11,
        PopupKind::Tick => area.height,
        PopupKind::End { .. } => 7,
    };
    let h = want.min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    Clear.render(r, buf);
    let block = Block::bordered()
        .title(popup_title(&p.kind))
        .border_style(t.border_focus());
    let inner = block.inner(r);
    block.render(r, buf);
    p.form.draw(inner, buf, t)
}
