//! What an `Action` does once the keys have been read (input.rs): answers to questions,
//! the actions of the forms and lists, committing a field's value, the screens' effects and
//! moving between screens and views.

use super::{App, Modal, Question};
use crate::domain::model::Meeting;
use crate::domain::ops::Op;
use crate::tui::form::{Commit, FieldKind, Form, Value};
use crate::tui::keys::Action;
use crate::tui::screens::{self, Effect, FieldId, MeetingsView, ScreenId};
use uuid::Uuid;

impl App {
    pub(super) fn on_modal(&mut self, a: Action) {
        match (self.modal.clone(), a) {
            (Some(Modal::Help { scroll }), _) => {
                self.modal = match a {
                    Action::Back => None,
                    Action::NextField => Some(Modal::Help { scroll: scroll + 1 }),
                    Action::PrevField => Some(Modal::Help {
                        scroll: scroll.saturating_sub(1),
                    }),
                    Action::PageDown => Some(Modal::Help {
                        scroll: scroll + 10,
                    }),
                    Action::PageUp => Some(Modal::Help {
                        scroll: scroll.saturating_sub(10),
                    }),
                    _ => Some(Modal::Help { scroll }),
                }
            }
            (Some(Modal::Confirm { on_yes, .. }), Action::Yes) => {
                self.modal = None;
                self.on_yes(on_yes);
            }
            (Some(Modal::Confirm { on_yes, .. }), Action::No) => {
                self.modal = match on_yes {
                    // Nothing is lost silently: back to the question.
                    Question::DiscardMeeting(d) => Some(Modal::Resume(d)),
                    _ => None,
                }
            }
            (Some(Modal::Resume(d)), a) => self.on_resume_answer(*d, a),
            (Some(Modal::QuitMeeting), a) => self.on_quit_meeting_answer(a),
            _ => {}
        }
    }

    fn on_yes(&mut self, q: Question) {
        match q {
            Question::DeleteAction(id) => {
                self.apply_ops(vec![Op::DeleteAction(id)]);
                self.back_to_list();
            }
            Question::DeleteMeeting(id) => {
                self.apply_ops(vec![Op::DeleteMeeting(id)]);
                self.back_to_list();
            }
            Question::QuitUnsaved => self.quit = true,
            Question::Overwrite(path) => self.write_export(&path),
            Question::DiscardMeeting(d) => self.discard_meeting(*d),
            Question::DiscardLive => self.discard_live(),
            Question::DeleteDevEntry(id) => self.delete_dev_entry(id),
            Question::DeleteAgreement(id) => self.delete_mentoring(Op::DeleteAgreement(id)),
            Question::DeleteQuestionnaire(id) => self.delete_mentoring(Op::DeleteQuestionnaire(id)),
            Question::DeleteReflectEntry(id) => self.delete_mentoring(Op::DeleteReflectEntry(id)),
            Question::EndMentee(id) => self.end_mentee(&id),
            Question::NextPlan => self.next_plan(),
            Question::Restore(r) => self.restore(*r),
        }
    }

    pub fn on_action(&mut self, a: Action) {
        let focused = self
            .form()
            .focused()
            .map(|f| (f.id.clone(), f.kind.clone()));
        match a {
            Action::Quit => self.request_quit(),
            Action::Save => self.save_now(),
            Action::Help => self.modal = Some(Modal::Help { scroll: 0 }),
            Action::NewMeeting => self.start_meeting(),
            Action::MeetingAction => self.open_popup(crate::tui::live::PopupKind::Action(
                screens::meetings::new_action(&self.ctx("")),
            )),
            Action::MeetingTick => self.open_popup(crate::tui::live::PopupKind::Tick),
            Action::MeetingEnd => self.ask_end_meeting(),
            Action::Back if self.live_shown().is_some() => self.popup_back(),
            Action::Add
            | Action::Delete
            | Action::Back
            | Action::EndAgreement
            | Action::Compare
                if self.screen == ScreenId::Mentoring =>
            {
                self.on_mentoring_action(a)
            }
            Action::Attended | Action::NextPlan | Action::Compare => self.on_plan_action(a),
            Action::Back if self.screen == ScreenId::Plan => self.on_plan_action(a),
            Action::SwitchRecord => self.switch_record(),
            Action::Add | Action::Delete | Action::Back if self.screen == ScreenId::Development => {
                self.on_dev_action(a)
            }
            Action::Screen(i) => self.goto(ScreenId::ALL[i]),
            Action::NextScreen => {
                self.goto(ScreenId::ALL[(self.screen.index() + 1) % ScreenId::ALL.len()])
            }
            Action::PrevScreen => self.goto(
                ScreenId::ALL
                    [(self.screen.index() + ScreenId::ALL.len() - 1) % ScreenId::ALL.len()],
            ),
            Action::NextField => self.form_mut().move_focus(1),
            Action::PrevField => self.form_mut().move_focus(-1),
            Action::PageDown => self.form_mut().page(true),
            Action::PageUp => self.form_mut().page(false),
            Action::Top => self.form_mut().focus_first(),
            Action::Bottom => self.form_mut().focus_last(),
            Action::Toggle => match focused {
                Some((FieldId::ActionRow(id), _)) => {
                    if let Some(x) = self.record.meetings.action(id) {
                        let status = screens::meetings::next_status(x.status);
                        self.apply_ops(vec![Op::SetActionStatus { id, status }]);
                    }
                }
                Some((_, FieldKind::Checkbox | FieldKind::Choice { .. })) => self.toggle(1),
                Some((_, FieldKind::Item | FieldKind::Button)) => self.activate(),
                _ => {}
            },
            Action::ChoiceNext => self.toggle_choice(1),
            Action::ChoicePrev => self.toggle_choice(-1),
            Action::TypeHere => {
                if matches!(&focused, Some((_, k)) if k.is_text()) {
                    self.form_mut().begin_edit();
                }
            }
            Action::Suspend => self.request_suspend(),
            Action::DiscardLive => self.ask_discard_live(),
            Action::Activate => match focused {
                Some((_, k)) if k.is_text() => {
                    self.form_mut().begin_edit();
                }
                // Enter confirms a tick box or a choice as it stands and goes on, as it does a
                // one-line field; Space (or typing) changes it. A trial typed "Core" and Enter
                // on Membership, and Enter stepped the choice on to Associate unnoticed.
                Some((_, FieldKind::Checkbox | FieldKind::Choice { .. })) => {
                    self.typeahead = None;
                    self.form_mut().move_focus(1);
                    // Past the month beside a Yes/No answer, to the next row: digits typed on
                    // the answer go to the month, and a No has none (a trial's `n` Enter left
                    // it in the month, and its next `y 9/27` went there).
                    if self.form().focused().is_some_and(|f| f.inline > 0) {
                        self.form_mut().move_focus(1);
                    }
                }
                Some(_) => self.activate(),
                None => {}
            },
            Action::ExternalEditor => {
                if matches!(focused, Some((_, FieldKind::TextArea))) {
                    self.form_mut().begin_edit();
                    self.request_editor();
                }
            }
            Action::Back => self.back_to_list(),
            Action::Add => match focused {
                Some((FieldId::MeetingRow(_) | FieldId::AddMeeting, _)) => self.new_meeting(),
                _ => {
                    self.commit(FieldId::AddAction, Value::None);
                }
            },
            Action::Delete => self.ask_delete(focused.map(|f| f.0)),
            Action::MoveUp | Action::MoveDown => {
                if let Some((FieldId::ActionRow(id), _)) = focused {
                    self.move_action(id, a == Action::MoveDown);
                }
            }
            Action::PreviewDown => {
                // Not past the end (drawing stops at the last page; this keeps K prompt).
                let lines = self.preview.as_ref().map_or(0, |p| p.lines().count());
                let end = u16::try_from(lines).unwrap_or(u16::MAX);
                self.preview_scroll = self.preview_scroll.saturating_add(10).min(end);
            }
            Action::PreviewUp => self.preview_scroll = self.preview_scroll.saturating_sub(10),
            _ => {}
        }
    }

    fn toggle(&mut self, delta: isize) {
        if let Some(c) = self.form().toggle(delta) {
            self.commit(c.id, c.value);
        }
    }

    fn toggle_choice(&mut self, delta: isize) {
        if matches!(
            self.form().focused().map(|f| &f.kind),
            Some(FieldKind::Choice { .. })
        ) {
            self.toggle(delta);
        }
    }

    fn activate(&mut self) {
        if let Some(f) = self.form().focused() {
            self.commit(f.id.clone(), Value::None);
        }
    }

    /// Commits what is typed in the field being edited; false if it was refused.
    pub(super) fn finish_edit(&mut self) -> bool {
        let today = self.settings.today;
        match self.form_mut().parse_draft(today) {
            Some(Ok(c)) => self.commit(c.id, c.value),
            Some(Err(msg)) => {
                if let Some(id) = self.form().focused().map(|f| f.id.clone()) {
                    self.form_mut().set_error(&id, Some(msg));
                }
                false
            }
            None => true,
        }
    }

    /// Hands a field's new value to its screen and applies what comes back. False (and the
    /// reason under the field) if it is refused; the model keeps its last valid value.
    pub fn commit(&mut self, id: FieldId, value: Value) -> bool {
        let result = if self.live_shown().is_some() {
            self.commit_live(&id, value)
        } else {
            let words = self.save.words();
            screens::commit(
                self.screen,
                &self.ctx(&words),
                Commit {
                    id: id.clone(),
                    value,
                },
            )
            .and_then(|effects| self.apply_effects(effects))
        };
        match result {
            Ok(()) => {
                // The fields first, so that the draft learns the value as committed.
                self.refresh();
                self.form_mut().committed(&id);
                true
            }
            Err(msg) => {
                self.form_mut().set_error(&id, Some(msg));
                self.refresh();
                false
            }
        }
    }

    fn apply_effects(&mut self, effects: Vec<Effect>) -> Result<(), String> {
        for e in effects {
            match e {
                Effect::Op(op) => self.push_op(op)?,
                Effect::Window(w) => {
                    self.window = w;
                    self.export = self.export.with_window(w);
                    self.more.plan_report = None;
                }
                Effect::Export(e) => {
                    self.export = e;
                    self.preview_scroll = 0;
                }
                Effect::WriteExport => self.ask_write_export(),
                Effect::Meetings(view) => self.open_meetings_view(view),
                Effect::NewMeeting => self.start_meeting(),
                Effect::Goto(s, id) => {
                    self.goto(s);
                    self.form_mut().focus_id(&id);
                }
                e => self.apply_more_effect(e)?,
            }
        }
        Ok(())
    }

    fn open_meetings_view(&mut self, view: MeetingsView) {
        let same = match (&self.meetings, &view) {
            (MeetingsView::Action(a), MeetingsView::Action(b)) => a.id == b.id,
            (a, b) => a == b,
        };
        self.meetings = view;
        if !same {
            self.detail = Form::new();
            self.refresh();
            self.detail.focus_first();
        }
    }

    fn back_to_list(&mut self) {
        let row = match &self.meetings {
            MeetingsView::Action(a) => Some(FieldId::ActionRow(a.id)),
            MeetingsView::Meeting(id) => Some(FieldId::MeetingRow(*id)),
            MeetingsView::List => None,
        };
        if row.is_none() {
            return;
        }
        self.meetings = MeetingsView::List;
        self.refresh();
        if let Some(r) = row {
            self.form_mut().focus_id(&r);
        }
    }

    pub fn goto(&mut self, s: ScreenId) {
        if let Some(l) = &mut self.live {
            // The meeting goes on (its clock stays in the status bar); `m` comes back to it.
            l.shown = false;
        }
        self.screen = s;
        self.refresh();
        self.form_mut().enter();
    }

    /// A meeting that took place, to fill in by hand (`a` in the meetings list).
    fn new_meeting(&mut self) {
        let today = self.settings.today;
        self.goto(ScreenId::Meetings);
        let existing = self
            .record
            .meetings
            .meetings
            .iter()
            .rev()
            .find(|m| m.date == today)
            .map(|m| m.id);
        let id = match existing {
            Some(id) => id,
            None => {
                let m = Meeting::new(today, 60);
                let id = m.id;
                self.apply_ops(vec![Op::AddMeeting(m)]);
                id
            }
        };
        self.open_meetings_view(MeetingsView::Meeting(id));
        if self.detail.focus_id(&FieldId::MeetingPart("notes")) {
            self.detail.begin_edit();
            self.message = Some((
                "Meeting of today: type the notes; Esc when done (saved as you type)".into(),
                false,
            ));
        }
    }

    fn ask_delete(&mut self, focused: Option<FieldId>) {
        let target = match (&self.meetings, focused) {
            (MeetingsView::Action(a), _) => Some((true, a.id)),
            (MeetingsView::Meeting(id), _) => Some((false, *id)),
            (MeetingsView::List, Some(FieldId::ActionRow(id))) => Some((true, id)),
            (MeetingsView::List, Some(FieldId::MeetingRow(id))) => Some((false, id)),
            _ => None,
        };
        let Some((is_action, id)) = target else {
            return;
        };
        let (text, on_yes) = if is_action {
            let Some(a) = self.record.meetings.action(id) else {
                // A new action that was never saved: just leave it.
                self.back_to_list();
                return;
            };
            (
                format!("Delete the action \"{}\"?", a.activity),
                Question::DeleteAction(id),
            )
        } else {
            let Some(m) = self.record.meetings.meeting(id) else {
                return;
            };
            (
                format!(
                    "Delete the meeting of {} and its notes?",
                    m.date.format("%-d %B %Y")
                ),
                Question::DeleteMeeting(id),
            )
        };
        self.modal = Some(Modal::Confirm { text, on_yes });
    }

    fn move_action(&mut self, id: Uuid, down: bool) {
        let Some(i) = self.record.meetings.actions.iter().position(|a| a.id == id) else {
            return;
        };
        let to = if down { i + 1 } else { i.saturating_sub(1) };
        if to != i && to < self.record.meetings.actions.len() {
            self.apply_ops(vec![Op::MoveAction { id, to }]);
        }
    }
}
