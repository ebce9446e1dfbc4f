//! Every key binding of the TUI, as one table. The event loop looks keys up here, the footer's
//! hints and the `?` overlay are generated from it, and docs/tui.md is checked against it, so
//! the documentation cannot drift from the behaviour (the gitui idea). This file holds what a
//! binding is and what is done with the table; the table itself is `keys/table.rs`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod table;

pub use table::BINDINGS;

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
    use Action as A;
    use Context as C;

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
