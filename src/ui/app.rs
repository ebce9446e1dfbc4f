//! The application state and its update: the record as saved, the pending operations on top of
//! it, the screens' forms, and what keys, pastes, the clock and the disk do to them. Drawing
//! lives in `draw.rs` and only reads this; the terminal lives in `terminal.rs`.

use super::form::{Commit, FieldKind, Form, Value};
use super::keys::{Action, Context};
use super::live::Live;
use super::screens::{self, Ctx, Effect, ExportChoice, FieldId, MeetingsView, MoreViews, ScreenId};
use super::theme::Theme;
use crate::calendar::PlanWindow;
use crate::catalog::Catalog;
use crate::export::{ExportError, Format, Options, Section};
use crate::model::{Meeting, Record};
use crate::ops::Op;
use crate::settings::Settings;
use crate::storage::draft::MeetingDraft;
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use uuid::Uuid;

mod input;
mod meeting;
mod mentees;
mod mentoring;
mod more;
mod typing;

/// How an export is produced; `crate::export::render` in the program, a fake in tests.
pub type Exporter = fn(&Record, &Catalog, Section, Format, &Options) -> Result<String, ExportError>;

/// Changes are saved this long after the last one (and on exit, and on Ctrl-S).
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(1);
/// How often the data directory is checked for another process's writes.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// A save that failed is retried this often while changes wait.
const RETRY_INTERVAL: Duration = Duration::from_secs(5);
/// Letters typed on a choice, to find the option whose label they begin.
struct Typeahead {
    field: FieldId,
    typed: String,
    /// When the last letter came: a pause starts a new name.
    at: Instant,
    /// The choice before the typing began, put back if what is typed names no option.
    before: usize,
    /// An option was named (a whole label, or a unique one by three letters): what follows
    /// leaves it.
    settled: bool,
}

/// Keys that come this soon after a question appears do not answer it.
const QUESTION_GUARD: Duration = Duration::from_millis(300);
/// Letters typed on a choice within this long of each other make one name to look for.
const TYPEAHEAD: Duration = Duration::from_secs(1);
/// A save that found the lock held by another process is tried again this soon.
const BUSY_RETRY: Duration = Duration::from_millis(250);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Unsaved,
    /// Why saving is held back (a file that cannot be parsed, a lock held too long...).
    Held(String),
}

impl SaveState {
    pub fn words(&self) -> String {
        match self {
            SaveState::Saved => "saved".into(),
            SaveState::Unsaved => "unsaved".into(),
            SaveState::Held(why) => format!("not saved: {why}"),
        }
    }
}

/// What a "yes" to the open question does.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    DeleteAction(Uuid),
    DeleteMeeting(Uuid),
    QuitUnsaved,
    Overwrite(PathBuf),
    /// Discard an interrupted meeting's notes ("no" goes back to the resume question).
    DiscardMeeting(Box<MeetingDraft>),
    /// Discard the meeting running now (started by accident), with its notes.
    DiscardLive,
    DeleteDevEntry(Uuid),
    DeleteAgreement(Uuid),
    DeleteQuestionnaire(Uuid),
    /// End the mentoring of this mentee (directory id).
    EndMentee(String),
    /// Start the next window's plan (the latest becomes history).
    NextPlan,
    /// Bring back what a process that is gone had typed and not saved.
    Restore(Box<typing::Restore>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    Help {
        scroll: u16,
    },
    Confirm {
        text: String,
        on_yes: Question,
    },
    /// A meeting was interrupted (killed, link dropped): resume, record or discard it.
    Resume(Box<MeetingDraft>),
    /// Quitting while a meeting runs: end it, or keep it open to resume later.
    QuitMeeting,
}

pub struct App {
    pub settings: Settings,
    pub theme: Theme,
    /// The record as last read from or written to disk.
    base: Record,
    /// `base` with the pending operations applied: what the screens show.
    pub record: Record,
    pending: Vec<Op>,
    pub screen: ScreenId,
    forms: [Form; ScreenId::ALL.len()],
    detail: Form,
    pub window: PlanWindow,
    pub meetings: MeetingsView,
    pub export: ExportChoice,
    pub preview: Result<String, String>,
    pub preview_scroll: u16,
    exporter: Exporter,
    pub modal: Option<Modal>,
    /// A message for the hint line: (text, is an error).
    pub message: Option<(String, bool)>,
    pub save: SaveState,
    last_change: Option<Instant>,
    last_save_attempt: Option<Instant>,
    last_poll: Instant,
    fingerprint: Vec<(PathBuf, u64, i64, i64, u64)>,
    pub quit: bool,
    /// Save at the next tick rather than a second after the last change (a meeting's entry,
    /// saved right after its first frame).
    save_asap: bool,
    /// Ctrl-Z or SIGTSTP: the event loop suspends to the shell (what was typed is saved first).
    pub suspend: bool,
    /// Text to open in the external editor; the event loop takes it.
    pub editor_request: Option<String>,
    /// The meeting being captured live, if any.
    pub live: Option<Live>,
    /// Start a meeting once the question about an interrupted one is answered by discarding.
    start_after_discard: bool,
    /// Printed on the way out (a meeting kept open).
    pub farewell: Option<String>,
    /// The views of the screens added with issue 5.
    pub more: MoreViews,
    /// The mentor's own settings while a mentee's record is open.
    pub mentor: Option<Settings>,
    /// When the typing journal must be on disk (`app/typing.rs`); `None` when it is.
    journal_due: Option<Instant>,
    /// When the open question appeared, and whether keys typed right after it are ignored
    /// (the event loop turns this on; tests that drive the app key by key leave it off).
    question_since: Option<Instant>,
    pub guard_questions: bool,
    /// What was typed on a choice, to find the option whose label it begins.
    typeahead: Option<Typeahead>,
    /// When to try again a save that found another process saving.
    retry_busy: Option<Instant>,
    journal_last_write: Option<Instant>,
    /// Whether this process's journal file exists (so that an empty one is removed).
    journal_written: bool,
    /// The file a text is being edited in by `$EDITOR`, kept until its text is safe.
    editor_file: Option<crate::storage::typing::EditorFile>,
}

impl App {
    /// Loads the record. A data directory that cannot be read still opens (empty), with saving
    /// held back and the reason shown, so that nothing on disk is overwritten.
    pub fn new(settings: Settings, theme: Theme, exporter: Exporter) -> App {
        let (base, save) = match settings.store.load() {
            Ok(r) => (r, SaveState::Saved),
            Err(e) => (
                Record::default(),
                SaveState::Held(first_line(&e.to_string())),
            ),
        };
        let window = PlanWindow::current(settings.today, &settings.catalog);
        let mut export = ExportChoice {
            section: 0,
            format: 0,
            window,
            confidential: false,
            path: String::new(),
        };
        export.path = screens::export::default_file_name(&export);
        let fingerprint = settings.store.fingerprint();
        let mut app = App {
            record: base.clone(),
            base,
            pending: Vec::new(),
            screen: ScreenId::Home,
            forms: Default::default(),
            detail: Form::new(),
            window,
            meetings: MeetingsView::List,
            export,
            preview: Ok(String::new()),
            preview_scroll: 0,
            exporter,
            modal: None,
            message: None,
            save,
            last_change: None,
            last_save_attempt: None,
            last_poll: Instant::now(),
            fingerprint,
            quit: false,
            save_asap: false,
            suspend: false,
            editor_request: None,
            live: None,
            start_after_discard: false,
            farewell: None,
            more: MoreViews::default(),
            mentor: None,
            journal_due: None,
            typeahead: None,
            question_since: None,
            guard_questions: false,
            retry_busy: None,
            journal_last_write: None,
            journal_written: false,
            editor_file: None,
            settings,
            theme,
        };
        if let SaveState::Held(why) = &app.save {
            app.message = Some((why.clone(), true));
        }
        app.load_mentees();
        app.refresh();
        app.form_mut().focus_first();
        app.check_interrupted_meeting();
        app.check_orphan_journals();
        if app.modal.is_some() {
            app.question_since = Some(Instant::now());
        }
        app
    }

    // ---- views ----

    pub fn form(&self) -> &Form {
        if let Some(l) = self.live_shown() {
            l.form()
        } else if self.in_detail() {
            &self.detail
        } else {
            &self.forms[self.screen.index()]
        }
    }

    fn form_mut(&mut self) -> &mut Form {
        if self.live_shown().is_some() {
            self.live.as_mut().expect("shown").form_mut()
        } else if self.in_detail() {
            &mut self.detail
        } else {
            &mut self.forms[self.screen.index()]
        }
    }

    fn in_detail(&self) -> bool {
        self.screen == ScreenId::Meetings && self.meetings != MeetingsView::List
            || self.in_dev_entry()
            || self.in_mentoring_item()
    }

    /// A screen that lists things (Home, the lists of actions and meetings, the development
    /// log, agreements and questionnaires): its rows take command keys. Every other screen is
    /// a form, whose every row takes typing (see `choosing`).
    pub fn list_view(&self) -> bool {
        self.live_shown().is_none()
            && !self.in_detail()
            && matches!(
                self.screen,
                ScreenId::Home | ScreenId::Meetings | ScreenId::Development | ScreenId::Mentoring
            )
    }

    /// On a tick box, choice or button of a form, not after Esc: printable keys choose or do
    /// nothing, never run a command. The trial Tab-bed onto Membership typing "Associate
    /// Member": the `m` started a meeting and the rest of the line went into its notes.
    pub fn choosing(&self) -> bool {
        self.modal.is_none()
            && !self.list_view()
            && !self.form().is_resting()
            && self.form().focused().is_some_and(|f| {
                matches!(
                    f.kind,
                    FieldKind::Choice { .. } | FieldKind::Checkbox | FieldKind::Button
                )
            })
    }

    /// Whether keys are being typed into the form (TYPING in the status bar): a text field
    /// has them, or a tick box, choice or button of a form does.
    pub fn typing(&self) -> bool {
        self.modal.is_none() && (self.form().is_editing() || self.choosing())
    }

    pub fn pending(&self) -> &[Op] {
        &self.pending
    }

    pub fn ctx<'a>(&'a self, save_state: &'a str) -> Ctx<'a> {
        Ctx {
            record: &self.record,
            catalog: &self.settings.catalog,
            today: self.settings.today,
            window: self.window,
            meetings: &self.meetings,
            export: &self.export,
            data_dir: self.settings.store.dir(),
            save_state,
            more: &self.more,
            owner: self.settings.mentee.as_ref().map(|m| m.name.as_str()),
        }
    }

    /// The key contexts in force, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        if let Some(m) = &self.modal {
            return vec![match m {
                Modal::Help { .. } => Context::Help,
                Modal::Confirm { .. } => Context::Confirm,
                Modal::Resume(_) => Context::Resume,
                Modal::QuitMeeting => Context::QuitMeeting,
            }];
        }
        let live = self.live_shown();
        if self.form().is_editing() {
            let mut v = Vec::new();
            if live.is_some_and(|l| l.popup.is_none()) {
                v.push(Context::MeetingTyping);
            }
            // The editor's own keys (undo, Ctrl-U...) work in every text field.
            v.extend([Context::Editing, Context::TextArea]);
            return v;
        }
        if self.choosing() {
            // A tick box, choice or button of a form: no command letters (see `on_key`).
            let mut v = vec![Context::Choosing];
            if live.is_some_and(|l| l.popup.is_some()) {
                v.push(Context::Popup);
            }
            v.push(Context::Form);
            return v;
        }
        if let Some(l) = live {
            return if l.popup.is_some() {
                vec![Context::Popup, Context::Form]
            } else {
                vec![Context::Meeting, Context::Global]
            };
        }
        let mut v = Vec::new();
        match (self.screen, self.in_detail()) {
            (ScreenId::Meetings, true) => v.push(Context::Detail),
            (ScreenId::Meetings, false) => v.push(Context::Meetings),
            (ScreenId::Export, _) => v.push(Context::Export),
            (ScreenId::Plan, _) => v.push(Context::Plan),
            (ScreenId::Development, true) => v.push(Context::DevEntry),
            (ScreenId::Development, false) => v.push(Context::DevLog),
            (ScreenId::Mentoring, true) => v.push(Context::MentoringItem),
            (ScreenId::Mentoring, false) => v.push(Context::Mentoring),
            _ => {}
        }
        v.extend([Context::Form, Context::Global]);
        v
    }

    /// The section named in the status bar.
    pub fn section_title(&self) -> String {
        if let Some(l) = &self.live {
            let clock = super::live::clock(l.minute_drawn);
            if l.shown {
                return format!("Meeting · {clock}");
            }
            return format!("{} · meeting {clock}", self.screen_title());
        }
        self.screen_title()
    }

    fn screen_title(&self) -> String {
        match (self.screen, &self.meetings) {
            (ScreenId::Plan, _) => format!("Plan {}", self.window),
            (ScreenId::Meetings, MeetingsView::Action(_)) => "Meetings › action".into(),
            (ScreenId::Meetings, MeetingsView::Meeting(_)) => "Meetings › meeting".into(),
            (ScreenId::Development, _) if self.in_dev_entry() => "Development › entry".into(),
            (ScreenId::Mentoring, _) if self.in_mentoring_item() => "Mentoring › detail".into(),
            (s, _) => s.title().into(),
        }
    }

    /// Rebuilds the shown form from the record (after any change).
    pub fn refresh(&mut self) {
        if let Some(l) = self.live.as_mut().filter(|l| l.shown) {
            l.refresh(&self.record, &self.settings.catalog);
            return;
        }
        let words = self.save.words();
        let fields = screens::fields(self.screen, &self.ctx(&words));
        self.form_mut().set_fields(fields);
        if self.screen == ScreenId::Export {
            let e = &self.export;
            let opts = Options {
                window: e.window,
                include_confidential: e.confidential,
            };
            self.preview = (self.exporter)(
                &self.record,
                &self.settings.catalog,
                screens::export::SECTIONS[e.section].0,
                screens::export::FORMATS[e.format].0,
                &opts,
            )
            .map_err(|e| e.to_string());
        }
    }

    fn now(&self) -> DateTime<Utc> {
        let real = Utc::now();
        if real.date_naive() == self.settings.today {
            real
        } else {
            // "Today" is pinned (tests, demonstrations): stamp changes on that day.
            self.settings
                .today
                .and_hms_opt(12, 0, 0)
                .expect("valid")
                .and_utc()
        }
    }

    fn on_modal(&mut self, a: Action) {
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
            Action::MeetingAction => self.open_popup(super::live::PopupKind::Action(
                screens::meetings::new_action(&self.ctx("")),
            )),
            Action::MeetingTick => self.open_popup(super::live::PopupKind::Tick),
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
                Some((_, FieldKind::Checkbox | FieldKind::Choice { .. })) => self.toggle(1),
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
    fn finish_edit(&mut self) -> bool {
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

    /// Applies operations to the shown record and queues them for saving.
    pub fn apply_ops(&mut self, ops: Vec<Op>) {
        for op in ops {
            if let Err(e) = self.push_op(op) {
                self.message = Some((e, true));
            }
        }
        self.refresh();
    }

    fn push_op(&mut self, op: Op) -> Result<(), String> {
        let now = self.now();
        op.apply(&mut self.record, &self.settings.catalog, now)
            .map_err(|e| e.to_string())?;
        match self.pending.last_mut() {
            Some(last) if supersedes(&op, last) => {
                *last = match (&*last, op) {
                    (Op::AddAction(_), Op::UpdateAction(a)) => Op::AddAction(a),
                    (Op::AddMeeting(_), Op::UpdateMeeting(m)) => Op::AddMeeting(m),
                    (Op::AddDevEntry(_), Op::UpdateDevEntry(e)) => Op::AddDevEntry(e),
                    (Op::AddAgreement(_), Op::UpdateAgreement(a)) => Op::AddAgreement(a),
                    (Op::AddQuestionnaire(_), Op::UpdateQuestionnaire(q)) => {
                        Op::AddQuestionnaire(q)
                    }
                    (_, op) => op,
                }
            }
            _ => self.pending.push(op),
        }
        self.last_change = Some(Instant::now());
        self.journal_dirty();
        if !matches!(self.save, SaveState::Held(_)) {
            self.save = SaveState::Unsaved;
        }
        Ok(())
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

    // ---- export ----

    fn export_path(&self) -> PathBuf {
        let p = self.export.path.trim();
        match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
            _ => PathBuf::from(p),
        }
    }

    fn ask_write_export(&mut self) {
        let path = self.export_path();
        // A dangling link is there too: ask before replacing it.
        if path.symlink_metadata().is_ok() {
            self.modal = Some(Modal::Confirm {
                text: format!("{} exists. Replace it?", path.display()),
                on_yes: Question::Overwrite(path),
            });
        } else {
            self.write_export(&path);
        }
    }

    fn write_export(&mut self, path: &std::path::Path) {
        self.message = Some(match &self.preview {
            Err(e) => (format!("Nothing written: {e}"), true),
            Ok(text) => match crate::export::write_file(path, text.as_bytes(), 0o600) {
                Ok(()) => (
                    format!(
                        "Wrote {} lines to {}",
                        text.lines().count(),
                        std::path::absolute(path)
                            .unwrap_or_else(|_| path.to_path_buf())
                            .display()
                    ),
                    false,
                ),
                Err(e) => (format!("Cannot write {}: {e}", path.display()), true),
            },
        });
    }

    // ---- editor ----

    fn request_editor(&mut self) {
        if !self.form().editing_text_area() {
            self.message = Some(("Ctrl-E opens text areas in your editor".into(), true));
            return;
        }
        self.flush_draft();
        self.editor_request = self.form().editing_text();
    }

    /// Before the external editor runs: its file (in the data directory) is named in the
    /// journal, so that a lost terminal cannot lose what was saved in the editor.
    pub fn editor_starting(&mut self, path: PathBuf, text: String) {
        self.journal_editor(path, text);
    }

    /// The text back from the external editor. Its file goes once the text is among the
    /// pending changes and in the journal; a file whose text could not be taken is kept.
    pub fn editor_returned(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
                if self.form_mut().replace_text(&text) {
                    self.typed();
                }
                self.editor_done();
            }
            Err(e) => {
                let kept = self.editor_file.as_ref().is_some_and(|f| {
                    std::fs::read_to_string(&f.path)
                        .is_ok_and(|t| t.trim_end() != f.before.trim_end())
                });
                if kept {
                    let path = self
                        .editor_file
                        .as_ref()
                        .map(|f| f.path.display().to_string());
                    self.message = Some((
                        format!(
                            "{e}; what the editor saved is kept in {}",
                            path.unwrap_or_default()
                        ),
                        true,
                    ));
                } else {
                    self.editor_done();
                    self.message = Some((e, true));
                }
            }
        }
    }

    // ---- saving, the disk and quitting ----

    /// Saves the pending operations now (under the lock, merged with what is on disk).
    pub fn save_now(&mut self) {
        self.save(false);
    }

    /// Saves, waiting for the lock if another process holds it: only on the way out (quit, a
    /// signal, suspending), where there is no more typing to keep responsive.
    pub fn save_waiting(&mut self) {
        self.save(true);
    }

    /// Saves the pending operations (under the lock, merged with what is on disk). Without
    /// `wait`, a lock held by another process is not waited for (the interface froze for up
    /// to 10 s a key, issue 10): the save is tried again shortly, and what was typed is in the
    /// typing journal meanwhile.
    fn save(&mut self, wait: bool) {
        use crate::storage::TryApply;
        self.last_save_attempt = Some(Instant::now());
        self.retry_busy = None;
        if self.pending.is_empty() {
            if !matches!(self.save, SaveState::Held(_)) {
                self.save = SaveState::Saved;
            }
            return;
        }
        let now = self.now();
        let (store, catalog) = (&self.settings.store, &self.settings.catalog);
        // Over the record as last loaded, merged with whatever another process wrote since:
        // replaying whole-object operations on the disk would overwrite it.
        let result = if wait {
            store
                .apply_over(catalog, &self.base, &self.pending, now)
                .map(|r| TryApply::Saved(Box::new(r)))
        } else {
            store.try_apply_over(catalog, &self.base, &self.pending, now)
        };
        match result {
            Ok(TryApply::Saved(saved)) => {
                self.base = (*saved).clone();
                self.record = *saved;
                self.pending.clear();
                self.fingerprint = self.settings.store.fingerprint();
                self.save = SaveState::Saved;
                self.refresh();
                // What is saved leaves the journal.
                self.write_journal_if_due(Instant::now(), true);
            }
            Ok(TryApply::Busy(holder)) => {
                self.retry_busy = Some(Instant::now() + BUSY_RETRY);
                if !matches!(self.save, SaveState::Held(_)) {
                    self.save = SaveState::Unsaved;
                }
                self.message = Some((
                    format!(
                        "Another mentorplan is saving ({}): yours follows in a moment; what you type is kept meanwhile",
                        first_line(&holder)
                    ),
                    false,
                ));
            }
            Err(e) => {
                let text = e.to_string();
                self.save = SaveState::Held(first_line(&text));
                self.message = Some((first_line(&text), true));
            }
        }
    }

    /// Checks the data directory. If another process wrote: with changes waiting, saves them
    /// now, merged with what it wrote; else reloads. True if something changed on screen.
    pub fn poll_disk(&mut self) -> bool {
        let fp = self.settings.store.fingerprint();
        if fp == self.fingerprint {
            return false;
        }
        self.fingerprint = fp;
        if !self.pending.is_empty() && !matches!(self.save, SaveState::Held(_)) {
            let before = self.record.clone();
            self.save_now();
            if self.pending.is_empty() {
                self.message = Some((self.reloaded_words().into(), false));
            }
            return self.record != before || !self.pending.is_empty();
        }
        match self.settings.store.load() {
            Ok(base) => {
                let now = self.now();
                let mut record = base.clone();
                let mut kept = Vec::new();
                let mut dropped = 0;
                for op in std::mem::take(&mut self.pending) {
                    match op.apply(&mut record, &self.settings.catalog, now) {
                        Ok(()) => kept.push(op),
                        Err(_) => dropped += 1,
                    }
                }
                self.pending = kept;
                if record == self.record && dropped == 0 {
                    self.base = base;
                    return false;
                }
                self.base = base;
                self.record = record;
                if let SaveState::Held(_) = self.save {
                    self.save = if self.pending.is_empty() {
                        SaveState::Saved
                    } else {
                        SaveState::Unsaved
                    };
                }
                self.message = Some(if dropped > 0 {
                    (
                        format!(
                            "Reloaded: another mentorplan changed the data; {dropped} of your changes no longer applied (their item was deleted)"
                        ),
                        true,
                    )
                } else {
                    (self.reloaded_words().into(), false)
                });
                self.refresh();
                true
            }
            Err(e) => {
                let held = SaveState::Held(first_line(&e.to_string()));
                let changed = self.save != held;
                self.save = held;
                changed
            }
        }
    }

    fn reloaded_words(&self) -> &'static str {
        if self.live_shown().is_some() {
            "New from another shell (shown below the notes); your typing is kept"
        } else {
            "Reloaded: another mentorplan changed the data; your edits are kept"
        }
    }

    /// The clock: autosave a second after the last change, poll the disk every second.
    /// True if the screen needs drawing.
    pub fn tick(&mut self, now: Instant) -> bool {
        let mut changed = false;
        let busy_due = self.retry_busy.is_some_and(|t| now >= t);
        if (std::mem::take(&mut self.save_asap) || busy_due) && !self.pending.is_empty() {
            let before = self.save.clone();
            self.save_now();
            changed |= self.save != before;
        }
        if !self.pending.is_empty()
            && self.last_change.is_some_and(|t| now >= t + AUTOSAVE_DELAY)
            && self.last_save_attempt.is_none_or(|t| {
                !matches!(self.save, SaveState::Held(_)) || now >= t + RETRY_INTERVAL
            })
        {
            let before = self.save.clone();
            self.save_now();
            changed |= self.save != before;
        }
        if now >= self.last_poll + POLL_INTERVAL {
            self.last_poll = now;
            changed |= self.poll_disk();
        }
        changed |= self.tick_meeting();
        self.write_journal_if_due(now, false);
        changed
    }

    /// How long the event loop may wait before `tick` has something to do.
    pub fn next_timeout(&self, now: Instant) -> Duration {
        if self.save_asap {
            return Duration::ZERO;
        }
        let mut t = (self.last_poll + POLL_INTERVAL).saturating_duration_since(now);
        if !self.pending.is_empty()
            && let Some(c) = self.last_change
        {
            t = t.min((c + AUTOSAVE_DELAY).saturating_duration_since(now));
        }
        if let Some(due) = self.live.as_ref().and_then(|l| l.meeting.due_in()) {
            t = t.min(due);
        }
        if let Some(due) = self.journal_due {
            t = t.min(due.saturating_duration_since(now));
        }
        if let Some(due) = self.retry_busy {
            t = t.min(due.saturating_duration_since(now));
        }
        t.max(Duration::from_millis(20))
    }

    /// `q`: save and quit; asks only when something cannot be saved.
    pub fn request_quit(&mut self) {
        self.save_waiting();
        if self.live.is_some() {
            self.flush_draft();
            self.modal = Some(Modal::QuitMeeting);
            return;
        }
        let refused = self.refused_texts();
        if !self.pending.is_empty() {
            self.modal = Some(Modal::Confirm {
                text: format!(
                    "Your changes cannot be saved ({}). Quit and lose them?",
                    self.save.words()
                ),
                on_yes: Question::QuitUnsaved,
            });
        } else if let Some((label, text)) = refused.first() {
            self.modal = Some(Modal::Confirm {
                text: format!("{label}: \"{text}\" was refused and is not saved. Quit anyway?"),
                on_yes: Question::QuitUnsaved,
            });
        } else {
            self.quit = true;
        }
    }

    fn refused_texts(&self) -> Vec<(String, String)> {
        self.forms
            .iter()
            .chain(std::iter::once(&self.detail))
            .flat_map(Form::refused)
            .collect()
    }

    /// A hang-up, SIGTERM or a dead terminal: keep what was typed, save, no questions.
    pub fn shutdown(&mut self) {
        if self.form().is_editing() {
            self.finish_edit();
            self.form_mut().stop_edit();
        }
        self.flush_draft();
        self.save_waiting();
        self.write_journal_if_due(Instant::now(), true);
        self.quit = true;
    }

    /// Ctrl-Z or SIGTSTP: everything typed goes to disk, then the event loop suspends.
    pub fn request_suspend(&mut self) {
        self.flush_draft();
        self.save_waiting();
        self.write_journal_if_due(Instant::now(), true);
        self.suspend = true;
    }
}

/// Whether `new` replaces `old` when queued right after it (typing in one field produces one
/// pending operation, not one per key).
fn supersedes(new: &Op, old: &Op) -> bool {
    use Op::*;
    match (new, old) {
        (SetProfile(_), SetProfile(_)) => true,
        (SetLevel { area: a, .. }, SetLevel { area: b, .. }) => a == b,
        (SetTick { item: a, .. }, SetTick { item: b, .. }) => a == b,
        (SetSpecify { area: a, .. }, SetSpecify { area: b, .. }) => a == b,
        (UpdateAction(a), UpdateAction(b) | AddAction(b)) => a.id == b.id,
        (UpdateMeeting(a), UpdateMeeting(b) | AddMeeting(b)) => a.id == b.id,
        (UpdateDevEntry(a), UpdateDevEntry(b) | AddDevEntry(b)) => a.id == b.id,
        (UpdateAgreement(a), UpdateAgreement(b) | AddAgreement(b)) => a.id == b.id,
        (UpdateQuestionnaire(a), UpdateQuestionnaire(b) | AddQuestionnaire(b)) => a.id == b.id,
        (SetAbout { window: a, .. }, SetAbout { window: b, .. }) => a == b,
        (
            SetSession {
                window: a,
                session: s,
                ..
            },
            SetSession {
                window: b,
                session: t,
                ..
            },
        ) => a == b && s == t,
        (
            SetSection {
                window: a,
                section: s,
                ..
            },
            SetSection {
                window: b,
                section: t,
                ..
            },
        ) => a == b && s == t,
        _ => false,
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}
