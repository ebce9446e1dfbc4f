//! The application state and its views: the record as saved, the pending operations on top of
//! it, the screens' forms, and which contexts and titles follow from them. What keys, pastes,
//! the clock and the disk do to that state lives in the submodules of `app/` (input, actions,
//! queue, saving, export, editor, typing, and one a group of screens). Drawing lives in
//! `draw.rs` and only reads this; the terminal lives in `terminal.rs`.

use super::form::{FieldKind, Form};
use super::keys::Context;
use super::live::Live;
use super::screens::{self, Ctx, ExportChoice, FieldId, MeetingsView, MoreViews, ScreenId};
use super::theme::Theme;
use crate::domain::calendar::{AcademicYear, PlanWindow};
use crate::domain::catalog::Catalog;
use crate::domain::model::Record;
use crate::domain::ops::Op;
use crate::export::{ExportError, Format, Options, Section};
use crate::session::Settings;
use crate::store::Scope;
use crate::store::draft::MeetingDraft;
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use uuid::Uuid;

mod actions;
mod editor;
mod export;
mod input;
mod meeting;
mod mentees;
mod mentoring;
mod more;
mod queue;
mod reflect;
mod saving;
mod typing;

pub use saving::{AUTOSAVE_DELAY, POLL_INTERVAL};

/// How an export is produced; `crate::export::render` in the program, a fake in tests.
pub type Exporter = fn(&Record, &Catalog, Section, Format, &Options) -> Result<String, ExportError>;

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
    DeleteReflectEntry(Uuid),
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
    /// The record as last read from or written to disk, while operations are pending; `None`
    /// when nothing is pending, as it then equals `record` (a second copy of ten years of
    /// history cost start-up a clone and the memory of the whole record, issue 11).
    base: Option<Record>,
    /// `base` with the pending operations applied: what the screens show.
    pub record: Record,
    /// The years of meetings and development entries `record` holds: this year's from the
    /// start, all once a screen that lists them is shown.
    scope: Scope,
    /// The earlier years could not be read (said once, not tried at every frame).
    history_unreadable: bool,
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
    /// Printable keys that came in the same read right after the current one (the event loop
    /// sets it): a word typed fast, never a command (see `app/input.rs`).
    pub burst: usize,
    /// Keys still to come of a burst being read as text.
    text_burst: usize,
    /// What was typed on a choice, to find the option whose label it begins.
    typeahead: Option<Typeahead>,
    /// When to try again a save that found another process saving.
    retry_busy: Option<Instant>,
    journal_last_write: Option<Instant>,
    /// Whether this process's journal file exists (so that an empty one is removed).
    journal_written: bool,
    /// The file a text is being edited in by `$EDITOR`, kept until its text is safe.
    editor_file: Option<crate::store::typing::EditorFile>,
}

impl App {
    /// Loads the record. A data directory that cannot be read still opens (empty), with saving
    /// held back and the reason shown, so that nothing on disk is overwritten.
    pub fn new(settings: Settings, theme: Theme, exporter: Exporter) -> App {
        // This year's meetings and entries only: the years before load when a screen shows
        // them (`load_history`), so that the first frame costs the same after ten years.
        let scope = Scope::Since(AcademicYear::containing(settings.today, &settings.catalog));
        let (base, save) = match settings.store.load_scope(scope) {
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
            record: base,
            scope,
            history_unreadable: false,
            base: None,
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
            burst: 0,
            text_burst: 0,
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

    /// The record as last read from or written to disk (the base of the save's merge).
    fn base(&self) -> &Record {
        self.base.as_ref().unwrap_or(&self.record)
    }

    /// Loads the earlier years if the record does not hold them yet (after the first frame);
    /// true if the screen has to be drawn again.
    pub fn complete_history(&mut self) -> bool {
        if self.scope == Scope::All || self.history_unreadable {
            return false;
        }
        self.load_history();
        self.refresh();
        true
    }

    /// Whether the screen about to be drawn lists earlier years than the record holds.
    pub fn wants_history(&self) -> bool {
        self.scope != Scope::All
            && !self.history_unreadable
            && !self.live.as_ref().is_some_and(|l| l.shown)
            && match self.screen {
                ScreenId::Meetings => matches!(self.meetings, MeetingsView::List),
                // The plan screen lists every window there is.
                ScreenId::Development | ScreenId::Export | ScreenId::Mentoring | ScreenId::Plan => {
                    true
                }
                ScreenId::Home | ScreenId::Profile | ScreenId::Checklist => false,
            }
    }

    /// Loads the earlier years' meetings and entries into the record, with what is pending
    /// applied again on top (`refresh` does, when the screen lists them). If they cannot be
    /// read the record stays as it is (this year's saves go on) and the message says why.
    fn load_history(&mut self) {
        match self.settings.store.load_scope(Scope::All) {
            Ok(full) if self.pending.is_empty() => {
                self.record = full;
                self.scope = Scope::All;
            }
            Ok(full) => {
                let now = self.now();
                let mut record = full.clone();
                for op in &self.pending {
                    // An operation on this year's items applies to the whole record alike.
                    let _ = op.apply(&mut record, &self.settings.catalog, now);
                }
                self.base = Some(full);
                self.record = record;
                self.scope = Scope::All;
            }
            Err(e) => {
                // Said once; saves of this year's files go on.
                self.history_unreadable = true;
                self.message = Some((
                    format!(
                        "Earlier years could not be read, so only this year's are listed: {}",
                        first_line(&e.to_string())
                    ),
                    true,
                ));
            }
        }
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
            (ScreenId::Mentoring, _) if self.more.mentoring.is_reflect() => {
                "Mentoring › reflective log".into()
            }
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
        if self.wants_history() {
            self.load_history();
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
            // A calendar's lines end in CRLF, which a preview shows as plain lines.
            .map(|text| text.replace("\r\n", "\n"))
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
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}
