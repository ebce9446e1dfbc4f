//! What keys, the clock and the disk do to a live meeting: start it (or offer to resume an
//! interrupted one), keep its notes in the draft as they are typed, add actions and ticks
//! through pop-ups, end it with its length, and never lose it on the way out.

use super::{App, Modal, Question, SaveState, first_line};
use crate::domain::calendar::format_minutes;
use crate::domain::length::parse_minutes;
use crate::domain::model::Record;
use crate::domain::ops::Op;
use crate::session::live::{LiveMeeting, Start};
use crate::store::draft::{DRAFT_FILE, MeetingDraft};
use crate::tui::form::Value;
use crate::tui::keys::Action;
use crate::tui::live::{self, Live, Popup, PopupKind};
use crate::tui::screens::{FieldId, ScreenId};

impl App {
    /// The live meeting, when its screen is shown.
    pub fn live_shown(&self) -> Option<&Live> {
        self.live.as_ref().filter(|l| l.shown)
    }

    /// At start-up: a meeting left by a killed process or a dropped link is offered for
    /// resumption; one that another process is capturing is named.
    pub(super) fn check_interrupted_meeting(&mut self) {
        match self.settings.store.load_draft() {
            Ok(Some(d)) if d.owner_alive() && d.pid != std::process::id() => {
                let text = live::running_elsewhere(&d, self.settings.store.dir());
                self.message = Some((capitalise(&text), true));
            }
            Ok(Some(d)) => self.modal = Some(Modal::Resume(Box::new(d))),
            Ok(None) => {}
            Err(e) => self.message = Some((first_line(&e.to_string()), true)),
        }
    }

    /// `m` or `mentorplan meeting`: shows the running meeting, or starts one now, dated today,
    /// with the cursor in its notes.
    pub fn start_meeting(&mut self) {
        if let Some(Modal::Resume(_)) = self.modal {
            // Answer the question about the interrupted meeting first.
            self.start_after_discard = true;
            return;
        }
        if let Some(l) = &mut self.live {
            l.shown = true;
            self.refresh();
            self.type_notes();
            return;
        }
        let now = self.now();
        let s = &self.settings;
        // Only the draft is written now: the meeting is drawn at once, and its entry in the
        // record is saved right after the first frame (issue 11: `mentorplan meeting` had to
        // save the whole record before it could show anything).
        match LiveMeeting::begin(&s.store, s.today, now) {
            Ok(Start::Fresh(m)) => {
                let entry = m.entry();
                self.show_live(m);
                self.apply_ops(vec![entry]);
                self.save_asap = true;
                self.message = Some((
                    "Meeting started: type the notes. Esc, then a: action · t: tick · e: end"
                        .into(),
                    false,
                ));
            }
            Ok(Start::Interrupted(d)) => self.modal = Some(Modal::Resume(Box::new(d))),
            Ok(Start::RunningElsewhere(d)) => {
                let text = live::running_elsewhere(&d, s.store.dir());
                self.message = Some((capitalise(&text), true));
            }
            Err(e) => {
                self.message = Some((
                    format!("Cannot start a meeting: {}", first_line(&e.to_string())),
                    true,
                ))
            }
        }
    }

    fn show_live(&mut self, m: LiveMeeting) {
        self.live = Some(Live::new(m, self.now()));
        self.refresh();
        self.type_notes();
    }

    /// Puts the cursor in the notes.
    fn type_notes(&mut self) {
        if let Some(l) = self.live.as_mut().filter(|l| l.popup.is_none()) {
            l.notes.focus_first();
            l.notes.begin_edit();
        }
    }

    /// Takes `base` as what is on disk, with the pending operations on top.
    fn adopt(&mut self, base: Record) {
        let now = self.now();
        if self.pending.is_empty() {
            self.record = base;
            self.base = None;
        } else {
            let mut record = base.clone();
            for op in &self.pending {
                let _ = op.apply(&mut record, &self.settings.catalog, now);
            }
            self.base = Some(base);
            self.record = record;
        }
        self.fingerprint = self.settings.store.fingerprint();
        self.refresh();
    }

    /// The answer to the question about an interrupted meeting.
    pub(super) fn on_resume_answer(&mut self, d: MeetingDraft, a: Action) {
        self.modal = match a {
            Action::ResumeMeeting | Action::RecordMeeting => {
                let estimate = minutes_to_last_typing(&self.settings.store, &d);
                match LiveMeeting::resume(&self.settings.store, d.clone()) {
                    Ok(m) => {
                        self.start_after_discard = false;
                        self.show_live(m);
                        if a == Action::RecordMeeting {
                            self.open_popup(PopupKind::End {
                                minutes: format_minutes(estimate),
                            });
                        } else if let Some(action) = d.action.clone() {
                            self.open_popup(PopupKind::Action(action));
                            self.message = Some((
                                "Meeting resumed with its notes and the action you were typing"
                                    .into(),
                                false,
                            ));
                        } else {
                            self.message = Some((
                                "Meeting resumed with its notes: go on typing".into(),
                                false,
                            ));
                        }
                        None
                    }
                    Err(e) => {
                        self.message = Some((first_line(&e.to_string()), true));
                        Some(Modal::Resume(Box::new(d)))
                    }
                }
            }
            Action::DiscardMeeting => {
                let lines = d.notes.lines().filter(|l| !l.trim().is_empty()).count();
                Some(Modal::Confirm {
                    text: format!(
                        "Discard the meeting of {} and the {lines} line{} of notes typed in it? \
                         This cannot be undone (checklist items ticked in it stay ticked).",
                        d.date.format("%-d %B %Y"),
                        if lines == 1 { "" } else { "s" }
                    ),
                    on_yes: Question::DiscardMeeting(Box::new(d)),
                })
            }
            _ => Some(Modal::Resume(Box::new(d))),
        };
    }

    /// Discards an interrupted meeting (confirmed): the draft goes, and the meeting's entry
    /// too unless notes from other shells landed in it.
    pub(super) fn discard_meeting(&mut self, d: MeetingDraft) {
        if let Err(e) = self.settings.store.clear_draft() {
            self.message = Some((first_line(&e.to_string()), true));
            self.modal = Some(Modal::Resume(Box::new(d)));
            return;
        }
        let empty = self
            .record
            .meetings
            .meeting(d.meeting_id)
            .is_some_and(|m| m.notes.trim().is_empty() && m.minutes == 0);
        if empty {
            self.apply_ops(vec![Op::DeleteMeeting(d.meeting_id)]);
            self.save_now();
        }
        self.message = Some(("The interrupted meeting was discarded".into(), false));
        if std::mem::take(&mut self.start_after_discard) {
            self.start_meeting();
        }
    }

    pub(super) fn on_quit_meeting_answer(&mut self, a: Action) {
        match a {
            Action::MeetingEnd => {
                self.modal = None;
                if let Some(l) = &mut self.live {
                    l.quit_after_end = true;
                    l.shown = true;
                }
                self.ask_end_meeting();
            }
            Action::KeepMeetingOpen => {
                self.modal = None;
                if let Some(l) = &mut self.live {
                    l.meeting.keep_open();
                }
                self.flush_draft();
                self.save_waiting();
                if let Some(l) = &self.live {
                    self.farewell = Some(format!(
                        "The meeting of {} is kept open with its notes: `mentorplan meeting` resumes it.",
                        l.meeting.draft().date.format("%-d %B %Y")
                    ));
                }
                self.quit = true;
            }
            Action::No => self.modal = None,
            _ => {}
        }
    }

    pub(super) fn open_popup(&mut self, kind: PopupKind) {
        let Some(l) = self.live.as_mut().filter(|l| l.shown) else {
            return;
        };
        let kept = l.kept_action.take();
        let kind = match (kind, kept) {
            (PopupKind::Action(_), Some(a)) => {
                self.message = Some(("The action you typed before is back".into(), false));
                PopupKind::Action(a)
            }
            (PopupKind::Action(mut a), None) => {
                match self.settings.default_review() {
                    Ok(d) => a.review_date = Some(d),
                    Err(e) => self.message = Some((e.to_string(), true)),
                }
                PopupKind::Action(a)
            }
            (k, _) => k,
        };
        let editing = !matches!(kind, PopupKind::Tick);
        // The length is filled in for the user; typing a number replaces it (the trial typed
        // 60 after the filled-in 1 and recorded 160 minutes).
        let replace_filled_in = matches!(kind, PopupKind::End { .. });
        l.popup = Some(Popup {
            kind,
            form: crate::tui::form::Form::new(),
        });
        self.refresh();
        let form = self.form_mut();
        form.focus_first();
        if editing {
            form.begin_edit();
            if replace_filled_in {
                form.select_all();
            }
        }
    }

    pub(super) fn ask_end_meeting(&mut self) {
        let now = self.now();
        let Some(l) = &self.live else { return };
        let minutes = l.meeting.elapsed_minutes(now);
        if let Some(l) = &mut self.live {
            l.shown = true;
            l.popup = None;
        }
        // With its unit: a bare "1" read as one of what?
        self.open_popup(PopupKind::End {
            minutes: format_minutes(minutes),
        });
    }

    /// Esc in a pop-up: closes it at once. An action typed in it is kept (in the meeting's
    /// draft too): `a` brings it back, so one Esc never loses what was typed.
    pub(super) fn popup_back(&mut self) {
        let typed = match self
            .live
            .as_ref()
            .and_then(|l| l.popup.as_ref())
            .map(|p| &p.kind)
        {
            Some(PopupKind::Action(a)) if !a.activity.is_empty() || !a.outputs.is_empty() => {
                Some(a.clone())
            }
            _ => None,
        };
        if let Some(l) = &mut self.live {
            l.kept_action = typed.clone();
        }
        self.close_popup();
        if let Some(a) = typed {
            self.message = Some((
                format!(
                    "Action not added: \"{}\" is kept; Esc, then a brings it back",
                    a.activity
                ),
                false,
            ));
        }
    }

    /// `x` in a meeting (started by accident): asks, then discards it and its notes.
    pub(super) fn ask_discard_live(&mut self) {
        let Some(l) = self.live_shown() else { return };
        let d = l.meeting.draft();
        let lines = d.notes.lines().filter(|l| !l.trim().is_empty()).count();
        self.modal = Some(Modal::Confirm {
            text: format!(
                "Discard this meeting ({}) and the {lines} line{} of notes typed in it? It will \
                 not count toward your hours (checklist items ticked in it stay ticked). This \
                 cannot be undone.",
                d.date.format("%-d %B %Y"),
                if lines == 1 { "" } else { "s" }
            ),
            on_yes: Question::DiscardLive,
        });
    }

    /// Discards the running meeting (confirmed): as discarding an interrupted one.
    pub(super) fn discard_live(&mut self) {
        let Some(l) = self.live.take() else { return };
        let draft = l.meeting.draft().clone();
        self.discard_meeting(draft);
        self.goto(ScreenId::Home);
        self.message = Some(("The meeting was discarded".into(), false));
    }

    pub(super) fn close_popup(&mut self) {
        let quit_cancelled = match &mut self.live {
            Some(l) => {
                let ending = matches!(
                    l.popup.as_ref().map(|p| &p.kind),
                    Some(PopupKind::End { .. })
                );
                l.popup = None;
                ending && std::mem::take(&mut l.quit_after_end)
            }
            None => false,
        };
        if quit_cancelled {
            self.message = Some(("Not quitting: the meeting goes on".into(), false));
        }
        self.refresh();
        self.type_notes();
    }

    /// A field of the meeting screen or of a pop-up was committed.
    pub(super) fn commit_live(&mut self, id: &FieldId, value: Value) -> Result<(), String> {
        let text = match &value {
            Value::Text(t) => t.clone(),
            _ => String::new(),
        };
        let store = &self.settings.store;
        let Some(l) = self.live.as_mut() else {
            return Ok(());
        };
        let kind = l.popup.as_mut().map(|p| &mut p.kind);
        match (id, kind, &value) {
            (FieldId::LiveNotes, None, _) => {
                l.meeting.set_notes(&text);
                if let Err(e) = l.meeting.flush_if_due(store) {
                    self.message = Some((
                        format!("Notes not saved: {}", first_line(&e.to_string())),
                        true,
                    ));
                }
            }
            (FieldId::LivePart("activity"), Some(PopupKind::Action(a)), _) => {
                a.activity = text.trim().to_string();
                let a = a.clone();
                l.meeting.set_action(Some(a));
            }
            (FieldId::LivePart("review"), Some(PopupKind::Action(a)), Value::Date(d)) => {
                a.review_date = *d;
                let a = a.clone();
                l.meeting.set_action(Some(a));
            }
            (FieldId::LivePart("outputs"), Some(PopupKind::Action(a)), _) => {
                a.outputs = text;
                let a = a.clone();
                l.meeting.set_action(Some(a));
            }
            (FieldId::LivePart("minutes"), Some(PopupKind::End { minutes }), _) => {
                parse_minutes(&text).map_err(|e| e.to_string())?;
                *minutes = text;
            }
            (FieldId::LivePart("add" | "record"), Some(_), _) => self.submit_popup(),
            (FieldId::Tick(item), Some(PopupKind::Tick), Value::Bool(on)) => {
                let label = self
                    .settings
                    .catalog
                    .checklist
                    .areas
                    .iter()
                    .flat_map(|a| &a.items)
                    .find(|i| &i.id == item)
                    .map(|i| i.label.clone())
                    .unwrap_or_else(|| item.clone());
                l.ticked.retain(|t| t != &label);
                if *on {
                    l.ticked.push(label);
                }
                l.meeting.set_summary(&l.added, &l.ticked);
                self.apply_ops(vec![Op::SetTick {
                    item: item.clone(),
                    ticked: *on,
                }]);
                self.save_now();
            }
            _ => {}
        }
        Ok(())
    }

    /// Enter in a pop-up's one-line field or on its button: add the action, or end the meeting.
    pub(super) fn submit_popup(&mut self) {
        let Some(kind) = self
            .live
            .as_ref()
            .filter(|l| l.shown)
            .and_then(|l| l.popup.as_ref())
            .map(|p| p.kind.clone())
        else {
            return;
        };
        match kind {
            PopupKind::Action(a) => {
                if a.activity.is_empty() {
                    let id = FieldId::LivePart("activity");
                    let form = self.form_mut();
                    form.focus_id(&id);
                    form.begin_edit();
                    form.set_error(
                        &id,
                        Some("an action needs an activity: type what will be done".into()),
                    );
                    return;
                }
                let review = a
                    .review_date
                    .map(|d| format!(", review {}", d.format("%Y-%m-%d")))
                    .unwrap_or_default();
                let activity = a.activity.clone();
                self.apply_ops(vec![Op::AddAction(a)]);
                self.save_now();
                if let Some(l) = &mut self.live {
                    l.added.push(activity.clone());
                    l.meeting.set_summary(&l.added, &l.ticked);
                    l.meeting.set_action(None);
                }
                self.close_popup();
                self.message = Some((format!("Action added: {activity}{review}"), false));
            }
            PopupKind::End { minutes } => match parse_minutes(&minutes) {
                Ok(m) => self.end_meeting(m),
                Err(e) => {
                    let id = FieldId::LivePart("minutes");
                    self.form_mut().set_error(&id, Some(e.to_string()));
                }
            },
            PopupKind::Tick => {}
        }
    }

    /// Records the meeting with its length; Home then shows the hours.
    fn end_meeting(&mut self, minutes: u32) {
        self.save_now();
        let now = self.now();
        let s = &self.settings;
        let Some(l) = &mut self.live else { return };
        match l.meeting.end(&s.store, &s.catalog, minutes, now) {
            Ok(record) => {
                let quit = l.quit_after_end;
                self.live = None;
                self.adopt(record);
                self.goto(ScreenId::Home);
                self.form_mut().focus_first();
                let st = crate::domain::status::Status::of(
                    &self.record,
                    &self.settings.catalog,
                    self.settings.today,
                );
                self.message = Some((
                    format!(
                        "Meeting recorded ({}). Mentoring: {}",
                        format_minutes(minutes),
                        st.hours_line()
                    ),
                    false,
                ));
                self.quit |= quit;
            }
            Err(e) => {
                let text = first_line(&e.to_string());
                self.save = SaveState::Held(text.clone());
                self.message = Some((format!("The meeting is still open: {text}"), true));
            }
        }
    }

    /// Writes the notes' draft now (signals, suspending, quitting).
    pub(super) fn flush_draft(&mut self) {
        let store = &self.settings.store;
        if let Some(l) = &mut self.live
            && let Err(e) = l.meeting.flush(store)
        {
            self.message = Some((
                format!("Notes not saved: {}", first_line(&e.to_string())),
                true,
            ));
        }
    }

    /// The clock: writes the draft when due; true when the minute shown changes.
    pub(super) fn tick_meeting(&mut self) -> bool {
        let now = self.now();
        let store = &self.settings.store;
        let Some(l) = &mut self.live else {
            return false;
        };
        if let Err(e) = l.meeting.flush_if_due(store) {
            self.message = Some((
                format!("Notes not saved: {}", first_line(&e.to_string())),
                true,
            ));
            return true;
        }
        let minute = live::elapsed(l.meeting.draft(), now);
        if minute != l.minute_drawn {
            l.minute_drawn = minute;
            return true;
        }
        false
    }
}

/// The length of an interrupted meeting up to the last notes saved (the draft's time), which
/// is a better guess than up to now.
fn minutes_to_last_typing(store: &crate::store::Store, d: &MeetingDraft) -> u32 {
    let last = std::fs::metadata(store.dir().join(DRAFT_FILE))
        .and_then(|m| m.modified())
        .map(chrono::DateTime::<chrono::Utc>::from)
        .unwrap_or(d.started);
    d.minutes_until(last)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
