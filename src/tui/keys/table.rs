//! The bindings table itself: every key of the TUI, in the order that decides both which
//! binding wins and how the help lists them. The types it is made of, the lookup and what is
//! generated from it (footer hints, help, docs/tui.md) live in `keys/mod.rs`. The table is
//! longer than the other files on purpose: it is one declaration, read as one list.
//!
//! Why this file is long: it is the table of every binding, one declaration kept whole so that
//! its order (which decides which binding wins) is read in one place.

use super::{Action, Binding, Context, Key};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

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
        &[ch('i'), plain(K::Enter), plain(K::Esc)],
        A::Activate,
        // Esc, then Esc: both trials pressed Esc twice by habit and typed on, and the letters
        // ran commands (e ended the meeting, the sentence went into its length).
        "type the notes again (so Esc, then Esc, is back to typing)",
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
        "type in the field, open the item, press the button; on a tick box or choice, keep it and go to the next",
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
