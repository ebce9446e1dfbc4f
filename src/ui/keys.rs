//! Every key binding of the TUI, as one table. The event loop looks keys up here, the footer's
//! hints and the `?` overlay are generated from it, and docs/tui.md is checked against it, so
//! the documentation cannot drift from the behaviour (the gitui idea).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for. Screens turn these into changes of the record or of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Save,
    Help,
    /// Jump to a screen by its number (0-based).
    Screen(usize),
    NextScreen,
    PrevScreen,
    NextField,
    PrevField,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Checkbox tick, choice cycle, list item status.
    Toggle,
    /// Edit the field, open the item, press the button.
    Activate,
    /// Previous choice (left) and next choice (right).
    ChoicePrev,
    ChoiceNext,
    /// Leave a detail form for its list, or close an overlay.
    Back,
    /// Open the focused text in `$VISUAL` / `$EDITOR`.
    ExternalEditor,
    Add,
    /// Start a live meeting now, or show the one running.
    NewMeeting,
    /// In a live meeting: add an action, tick a checklist item, end it.
    MeetingAction,
    MeetingTick,
    MeetingEnd,
    /// An interrupted meeting found at start-up: resume it, record it as it is, discard it.
    ResumeMeeting,
    RecordMeeting,
    DiscardMeeting,
    /// Quitting during a meeting: leave it open to resume later.
    KeepMeetingOpen,
    Delete,
    MoveUp,
    MoveDown,
    PreviewDown,
    PreviewUp,
    /// While editing: stop editing (keeping the text).
    Leave,
    /// While editing a one-line field: confirm and stay.
    Confirm,
    /// While editing: confirm and move to the next / previous field.
    LeaveNext,
    LeavePrev,
    Yes,
    No,
    /// Documentation only: the key is handled by the text editor widget itself.
    Text,
    /// Plan: log the focused workshop or session, marked Yes, as attended today.
    Attended,
    /// Plan: start the next window's plan from the latest one.
    NextPlan,
    /// Plan: show or leave the comparison with the previous plan; Mentoring: the comparison
    /// of questionnaires.
    Compare,
    /// Mentoring: end the focused agreement today, or make an ended one active again.
    EndAgreement,
    /// The mentor: switch between their own record and each mentee's.
    SwitchRecord,
    /// Ctrl-Z: suspend to the shell, as every full-screen program does (`fg` comes back).
    Suspend,
    /// Type in the focused text field again after Esc.
    TypeHere,
    /// In a live meeting: discard the meeting started by accident (asks first).
    DiscardLive,
}

/// Where a binding applies. Looked up from the most specific context to `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Anywhere except while a field is being edited.
    Global,
    /// Moving between fields of a form.
    Form,
    /// The lists of actions and meetings.
    Meetings,
    /// An action or meeting form.
    Detail,
    Export,
    /// The live meeting screen, not typing.
    Meeting,
    /// Typing a live meeting's notes (checked before `Editing`).
    MeetingTyping,
    /// A pop-up over the live meeting: an action, the checklist, the end.
    Popup,
    /// The question about an interrupted meeting found at start-up.
    Resume,
    /// The question when quitting during a meeting.
    QuitMeeting,
    /// On a tick box, choice or button of a form, not after Esc: printable keys choose or do
    /// nothing, never run a command (a fast typist lands there with Tab).
    Choosing,
    /// Typing in a text field: every printable key is text; these are the keys that are not.
    Editing,
    /// Typing in a multi-line text area (keys of the editor widget).
    TextArea,
    /// A yes/no question.
    Confirm,
    /// The `?` overlay.
    Help,
    /// The Plan screen (not typing).
    Plan,
    /// The development log's list.
    DevLog,
    /// One development entry.
    DevEntry,
    /// The lists of agreements and questionnaires.
    Mentoring,
    /// An agreement, questionnaire or comparison.
    MentoringItem,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Form => "On a row that is not being typed in",
            Context::Meetings => "Lists of actions and meetings",
            Context::Detail => "An action or meeting",
            Context::Export => "Export",
            Context::Meeting => "A live meeting",
            Context::MeetingTyping => "Typing a meeting's notes (Tab is text here)",
            Context::Popup => "A meeting's pop-up (action, checklist, end)",
            Context::Resume => "An interrupted meeting",
            Context::QuitMeeting => "Quitting during a meeting",
            Context::Choosing => "On a tick box, choice or button of a form",
            Context::Editing => "Typing in a field",
            Context::TextArea => "Editing the text of a field",
            Context::Confirm => "A question",
            Context::Help => "This help",
            Context::Plan => "Plan",
            Context::DevLog => "Development log",
            Context::DevEntry => "A development entry",
            Context::Mentoring => "Agreements and questionnaires",
            Context::MentoringItem => "An agreement, questionnaire or comparison",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn ctrl_key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::CONTROL,
    }
}
const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

impl Key {
    /// Shift is part of the character (`J`, `?`) or of the code (BackTab), so it is ignored;
    /// Control and Alt must match.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        code == self.code && mods == self.mods
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Null => "other characters".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_ascii_uppercase())
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// What the key does, for the help overlay and docs/tui.md.
    pub desc: &'static str,
    /// A short word for the footer; `None` keeps the key out of the footer.
    pub hint: Option<&'static str>,
}

const fn b(
    context: Context,
    keys: &'static [Key],
    action: Action,
    desc: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        desc,
        hint,
    }
}

use Action as A;
use Context as C;
use KeyCode as K;

/// The table. Order matters twice: the first match wins, and it is the order of the help.
pub static BINDINGS: &[Binding] = &[
    // A question (delete, quit without saving).
    b(C::Confirm, &[ch('y')], A::Yes, "answer yes", Some("yes")),
    b(
        C::Confirm,
        &[ch('n'), plain(K::Esc)],
        A::No,
        "answer no",
        Some("no"),
    ),
    // The help overlay.
    b(
        C::Help,
        &[ch('?'), plain(K::Esc), ch('q')],
        A::Back,
        "close this help",
        Some("close"),
    ),
    b(
        C::Help,
        &[plain(K::Down), ch('j')],
        A::NextField,
        "scroll down",
        None,
    ),
    b(
        C::Help,
        &[plain(K::Up), ch('k')],
        A::PrevField,
        "scroll up",
        None,
    ),
    b(
        C::Help,
        &[plain(K::PageDown), ch(' ')],
        A::PageDown,
        "scroll a page down",
        None,
    ),
    b(
        C::Help,
        &[plain(K::PageUp)],
        A::PageUp,
        "scroll a page up",
        None,
    ),
    // An interrupted meeting, found at start-up.
    b(
        C::Resume,
        &[ch('r')],
        A::ResumeMeeting,
        "resume it, with every note",
        Some("resume"),
    ),
    b(
        C::Resume,
        &[ch('s')],
        A::RecordMeeting,
        "record it as it is (asks its length)",
        Some("record"),
    ),
    b(
        C::Resume,
        &[ch('d')],
        A::DiscardMeeting,
        "discard it and its notes (asks first)",
        Some("discard"),
    ),
    // Quitting during a meeting.
    b(
        C::QuitMeeting,
        &[ch('e')],
        A::MeetingEnd,
        "end the meeting now (asks its length), then quit",
        Some("end it"),
    ),
    b(
        C::QuitMeeting,
        &[ch('k')],
        A::KeepMeetingOpen,
        "keep it open and quit: the next start resumes it",
        Some("keep open"),
    ),
    b(
        C::QuitMeeting,
        &[ch('n'), plain(K::Esc)],
        A::No,
        "back to the meeting",
        Some("back"),
    ),
    // Typing a meeting's notes: Tab is text there (taken before the editing keys).
    b(
        C::MeetingTyping,
        &[plain(K::Tab)],
        A::Text,
        "a tab, as text (the notes keep every key you type)",
        None,
    ),
    b(
        C::MeetingTyping,
        &[plain(K::Esc)],
        A::Leave,
        "stop typing: then a adds an action, t ticks an item, e ends, x discards (Alt-a is the same as Esc, a)",
        Some("commands"),
    ),
    // On a tick box, choice or button of a form: letters choose, never run commands.
    b(
        C::Choosing,
        &[plain(K::Esc)],
        A::Leave,
        "the keys after it are commands (Alt-key is the same as Esc, then the key)",
        Some("commands"),
    ),
    b(
        C::Choosing,
        &[plain(K::Null)],
        A::Text,
        "letters choose the option they begin (again: the next such); y / n on a tick box or Yes / No; a digit on Yes / No types the month",
        None,
    ),
    b(C::Choosing, &[ctrl('s')], A::Save, "save now", None),
    b(
        C::Choosing,
        &[plain(K::F(1))],
        A::Help,
        "all keys here",
        Some("help"),
    ),
    b(
        C::Choosing,
        &[ctrl('z')],
        A::Suspend,
        "suspend to the shell (fg comes back)",
        None,
    ),
    b(C::Choosing, &[ctrl('c')], A::Quit, "save and quit", None),
    // Typing in a field: every printable key is text. These keys are not.
    b(
        C::Editing,
        &[plain(K::Esc)],
        A::Leave,
        "stop typing (the text is kept); the keys after it are commands (Alt-key is the same as Esc, then the key)",
        Some("commands"),
    ),
    b(
        C::Editing,
        &[plain(K::Enter)],
        A::Confirm,
        "confirm a one-line field and go to the next (a new line in a text area)",
        None,
    ),
    b(
        C::Editing,
        &[plain(K::Tab), plain(K::Down)],
        A::LeaveNext,
        "next field (in a text area ↓ moves by line and leaves from the last)",
        Some("next"),
    ),
    b(
        C::Editing,
        &[plain(K::BackTab), plain(K::Up)],
        A::LeavePrev,
        "previous field (in a text area ↑ leaves from the first line)",
        None,
    ),
    b(C::Editing, &[ctrl('s')], A::Save, "save now", Some("save")),
    b(
        C::Editing,
        &[plain(K::F(1))],
        A::Help,
        "all keys here",
        Some("help"),
    ),
    b(
        C::Editing,
        &[ctrl('z')],
        A::Suspend,
        "suspend to the shell (fg comes back)",
        None,
    ),
    b(C::Editing, &[ctrl('c')], A::Quit, "save and quit", None),
    b(
        C::TextArea,
        &[ctrl('e')],
        A::ExternalEditor,
        "edit the text in $VISUAL / $EDITOR (default vi)",
        Some("editor"),
    ),
    // The text editor widget's own keys (ratatui-textarea), listed for the help.
    b(
        C::TextArea,
        &[ctrl('_')],
        A::Text,
        "undo (Ctrl-/ sends the same)",
        Some("undo"),
    ),
    b(
        C::TextArea,
        &[ctrl('u')],
        A::Text,
        "delete to the start of the line",
        None,
    ),
    b(C::TextArea, &[ctrl('r')], A::Text, "redo", Some("redo")),
    b(
        C::TextArea,
        &[ctrl('w')],
        A::Text,
        "delete the word before the cursor",
        None,
    ),
    b(
        C::TextArea,
        &[ctrl('k')],
        A::Text,
        "delete to the end of the line",
        None,
    ),
    b(
        C::TextArea,
        &[ctrl('y')],
        A::Text,
        "paste what was last deleted",
        None,
    ),
    b(
        C::TextArea,
        &[ctrl('a'), plain(K::Home)],
        A::Text,
        "start of the line",
        None,
    ),
    b(
        C::TextArea,
        &[plain(K::End)],
        A::Text,
        "end of the line",
        None,
    ),
    b(
        C::TextArea,
        &[ctrl_key(K::Right), ctrl_key(K::Left)],
        A::Text,
        "next / previous word",
        None,
    ),
    b(
        C::TextArea,
        &[plain(K::PageDown), plain(K::PageUp)],
        A::Text,
        "scroll the text a page",
        None,
    ),
    // The lists of Section 3.
    b(
        C::Meetings,
        &[ch('a')],
        A::Add,
        "add an action (or a meeting, in the meetings list)",
        Some("add"),
    ),
    b(
        C::Meetings,
        &[ch('d'), plain(K::Delete)],
        A::Delete,
        "delete (asks first)",
        Some("delete"),
    ),
    b(
        C::Meetings,
        &[ch('K'), alt(K::Up)],
        A::MoveUp,
        "move the action up",
        None,
    ),
    b(
        C::Meetings,
        &[ch('J'), alt(K::Down)],
        A::MoveDown,
        "move the action down",
        None,
    ),
    b(
        C::Meetings,
        &[ch(' ')],
        A::Toggle,
        "mark the action done / dropped / open",
        Some("status"),
    ),
    // An action or meeting.
    b(
        C::Detail,
        &[plain(K::Esc), plain(K::Backspace)],
        A::Back,
        "back to the list",
        Some("list"),
    ),
    b(
        C::Detail,
        &[ch('d'), plain(K::Delete)],
        A::Delete,
        "delete it (asks first)",
        None,
    ),
    // A live meeting, not typing.
    b(
        C::Meeting,
        &[ch('i'), plain(K::Enter)],
        A::Activate,
        "type the notes",
        Some("notes"),
    ),
    b(
        C::Meeting,
        &[ch('a')],
        A::MeetingAction,
        "add an action agreed now (review date filled in)",
        Some("action"),
    ),
    b(
        C::Meeting,
        &[ch('t')],
        A::MeetingTick,
        "tick a checklist item that came up",
        Some("tick"),
    ),
    b(
        C::Meeting,
        &[ch('e')],
        A::MeetingEnd,
        "end the meeting (asks its length, the time so far filled in)",
        Some("end"),
    ),
    b(
        C::Meeting,
        &[ch('x')],
        A::DiscardLive,
        "discard this meeting, started by accident, with its notes (asks first)",
        Some("discard"),
    ),
    // A pop-up over the meeting.
    b(
        C::Popup,
        &[plain(K::Esc)],
        A::Back,
        "close it, also while typing in it (an action typed is kept: a brings it back)",
        Some("close"),
    ),
    b(
        C::Popup,
        &[plain(K::Enter)],
        A::Text,
        "in a one-line field or on the button: add the action, or record the meeting",
        None,
    ),
    // Export.
    b(
        C::Export,
        &[ch('J'), plain(K::PageDown)],
        A::PreviewDown,
        "scroll the preview down",
        Some("preview"),
    ),
    b(
        C::Export,
        &[ch('K'), plain(K::PageUp)],
        A::PreviewUp,
        "scroll the preview up",
        None,
    ),
    // The Plan screen.
    b(
        C::Plan,
        &[ch('a')],
        A::Attended,
        "log the focused workshop or session (marked Yes) as attended today, in the development log",
        None,
    ),
    b(
        C::Plan,
        &[ch('n')],
        A::NextPlan,
        "start the next window's plan from the latest (asks first; the latest is then kept as history)",
        None,
    ),
    b(
        C::Plan,
        &[ch('c')],
        A::Compare,
        "compare this plan with the previous one, section by section (c again: back)",
        None,
    ),
    b(
        C::Plan,
        &[plain(K::Esc)],
        A::Back,
        "leave the comparison",
        None,
    ),
    // The development log.
    b(C::DevLog, &[ch('a')], A::Add, "add an entry", Some("add")),
    b(
        C::DevLog,
        &[ch('d'), plain(K::Delete)],
        A::Delete,
        "delete the entry (asks first)",
        Some("delete"),
    ),
    b(
        C::DevEntry,
        &[plain(K::Esc), plain(K::Backspace)],
        A::Back,
        "back to the log",
        Some("log"),
    ),
    b(
        C::DevEntry,
        &[ch('d'), plain(K::Delete)],
        A::Delete,
        "delete it (asks first)",
        None,
    ),
    // Mentoring: agreements and questionnaires.
    b(
        C::Mentoring,
        &[ch('a')],
        A::Add,
        "add an agreement (the buttons below fill in a questionnaire)",
        Some("add"),
    ),
    b(
        C::Mentoring,
        &[ch('e')],
        A::EndAgreement,
        "end the agreement today (or make an ended one active again), or the mentoring of the focused mentee (asks first)",
        Some("end"),
    ),
    b(
        C::Mentoring,
        &[ch('c')],
        A::Compare,
        "compare confidence before and after (this agreement's, or all mentoring)",
        Some("compare"),
    ),
    b(
        C::Mentoring,
        &[ch('d'), plain(K::Delete)],
        A::Delete,
        "delete the agreement or questionnaire (asks first)",
        Some("delete"),
    ),
    b(
        C::MentoringItem,
        &[plain(K::Esc), plain(K::Backspace)],
        A::Back,
        "back to the list",
        Some("list"),
    ),
    b(
        C::MentoringItem,
        &[ch('d'), plain(K::Delete)],
        A::Delete,
        "delete it (asks first)",
        None,
    ),
    // On a row that is not being typed in (a list, a tick box, a button, or a text field
    // after Esc). Only arrows, Tab and keys with a command move: a letter never types here.
    b(
        C::Form,
        &[plain(K::Tab), plain(K::Down)],
        A::NextField,
        "next row (a text field there takes your typing)",
        Some("move"),
    ),
    b(
        C::Form,
        &[plain(K::BackTab), plain(K::Up)],
        A::PrevField,
        "previous row",
        None,
    ),
    b(
        C::Form,
        &[plain(K::PageDown)],
        A::PageDown,
        "a page down",
        None,
    ),
    b(C::Form, &[plain(K::PageUp)], A::PageUp, "a page up", None),
    b(C::Form, &[plain(K::Home)], A::Top, "first row", None),
    b(C::Form, &[plain(K::End)], A::Bottom, "last row", None),
    b(
        C::Form,
        &[plain(K::Enter)],
        A::Activate,
        "type in the field, open the item, press the button",
        Some("open"),
    ),
    b(
        C::Form,
        &[ch('i')],
        A::TypeHere,
        "type in the text field again (after Esc)",
        None,
    ),
    b(
        C::Form,
        &[ch(' ')],
        A::Toggle,
        "tick / untick, or the next choice",
        Some("toggle"),
    ),
    b(
        C::Form,
        &[plain(K::Left)],
        A::ChoicePrev,
        "previous choice",
        None,
    ),
    b(
        C::Form,
        &[plain(K::Right)],
        A::ChoiceNext,
        "next choice",
        None,
    ),
    b(
        C::Form,
        &[ctrl('e')],
        A::ExternalEditor,
        "edit the text area in $VISUAL / $EDITOR",
        None,
    ),
    // Everywhere.
    b(C::Global, &[ch('1')], A::Screen(0), "Home", None),
    b(
        C::Global,
        &[ch('2')],
        A::Screen(1),
        "Profile (About You)",
        None,
    ),
    b(
        C::Global,
        &[ch('3')],
        A::Screen(2),
        "Checklist (Section 2)",
        None,
    ),
    b(
        C::Global,
        &[ch('4')],
        A::Screen(3),
        "Meetings and actions (Section 3)",
        None,
    ),
    b(
        C::Global,
        &[ch('5')],
        A::Screen(4),
        "Plan (Section 4)",
        None,
    ),
    b(C::Global, &[ch('6')], A::Screen(5), "Export", None),
    b(
        C::Global,
        &[ch('7')],
        A::Screen(6),
        "Development log (days against the yearly target)",
        None,
    ),
    b(
        C::Global,
        &[ch('8')],
        A::Screen(7),
        "Mentoring agreements and impact questionnaires",
        None,
    ),
    b(C::Global, &[ch(']')], A::NextScreen, "next screen", None),
    b(
        C::Global,
        &[ch('[')],
        A::PrevScreen,
        "previous screen",
        None,
    ),
    b(
        C::Global,
        &[ctrl('s')],
        A::Save,
        "save now (changes also save a second after you stop)",
        None,
    ),
    b(
        C::Global,
        &[ch('?'), plain(K::F(1))],
        A::Help,
        "all keys of this screen",
        Some("help"),
    ),
    b(
        C::Global,
        &[ch('q'), ctrl('c')],
        A::Quit,
        "save and quit",
        Some("quit"),
    ),
    b(
        C::Global,
        &[ch('w')],
        A::SwitchRecord,
        "whose record: yours, then each mentee's in turn (when you have mentees)",
        None,
    ),
    b(
        C::Global,
        &[ch('m')],
        A::NewMeeting,
        "start a meeting now (or go back to the one running)",
        Some("meeting"),
    ),
    b(
        C::Global,
        &[ctrl('z')],
        A::Suspend,
        "suspend to the shell (fg comes back)",
        None,
    ),
];

/// The first binding of `contexts` (most specific first) that matches the key.
pub fn lookup(contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|&ctx| {
        BINDINGS
            .iter()
            .filter(|b| b.context == ctx && b.action != Action::Text)
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    })
}

/// Whether the key is bound in these contexts, also to the text editor's own keys (`Alt-f`).
pub fn bound(contexts: &[Context], ev: &KeyEvent) -> bool {
    BINDINGS
        .iter()
        .any(|b| contexts.contains(&b.context) && b.keys.iter().any(|k| k.matches(ev)))
}

/// "Tab/↓/j" for a binding.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(Key::label)
        .collect::<Vec<_>>()
        .join("/")
}

/// The footer's hints for these contexts: (first key, short word), in table order. A key
/// that a binding before it already takes does that instead, so its hint would mislead (Tab
/// is text in a meeting's notes, Space sets an action's status in the list).
pub fn hints(contexts: &[Context]) -> Vec<(String, &'static str)> {
    let in_force: Vec<&Binding> = contexts
        .iter()
        .flat_map(|&ctx| BINDINGS.iter().filter(move |b| b.context == ctx))
        .collect();
    in_force
        .iter()
        .enumerate()
        .filter(|(i, b)| !in_force[..*i].iter().any(|e| e.keys.contains(&b.keys[0])))
        .filter_map(|(_, b)| b.hint.map(|h| (b.keys[0].label(), h)))
        .collect()
}

/// The key tables in Markdown, one per context, for docs/tui.md (kept equal by a test).
pub fn markdown() -> String {
    use Context as C;
    let mut out = String::new();
    for ctx in [
        C::Global,
        C::Form,
        C::Choosing,
        C::Editing,
        C::TextArea,
        C::Meetings,
        C::Detail,
        C::Meeting,
        C::MeetingTyping,
        C::Popup,
        C::Export,
        C::Plan,
        C::DevLog,
        C::DevEntry,
        C::Mentoring,
        C::MentoringItem,
        C::Resume,
        C::QuitMeeting,
        C::Confirm,
        C::Help,
    ] {
        out.push_str(&format!(
            "### {}\n\n| Keys | What they do |\n|---|---|\n",
            ctx.title()
        ));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            let keys = b
                .keys
                .iter()
                .map(|k| format!("`{}`", k.label()))
                .collect::<Vec<_>>();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.desc));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn specific_contexts_win_and_shift_is_part_of_the_character() {
        let space = ev(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(
            lookup(&[C::Meetings, C::Form], &space),
            Some(Action::Toggle)
        );
        let big_j = ev(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[C::Meetings, C::Form], &big_j), Some(A::MoveDown));
        let ctrl_s = ev(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[C::Global], &ctrl_s), Some(A::Save));
        let backtab = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(&[C::Form], &backtab), Some(A::PrevField));
        assert_eq!(
            lookup(
                &[C::TextArea],
                &ev(KeyCode::Char('u'), KeyModifiers::CONTROL)
            ),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, x) in BINDINGS.iter().enumerate() {
            for y in &BINDINGS[i + 1..] {
                if x.context == y.context {
                    for k in x.keys {
                        assert!(
                            !y.keys.contains(k),
                            "{:?} bound twice in {:?}",
                            k,
                            x.context
                        );
                    }
                }
            }
        }
    }
}
