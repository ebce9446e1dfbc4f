//! The input model (docs/tui.md, "Typing and commands"): what a key does depends on what has
//! the focus, and nothing else. A text field takes every printable key as text; a choice,
//! tick box or button of a form takes them as choosing; only after Esc, or on a list, are
//! letters and digits commands. Questions ignore keys typed ahead of them.

use super::{App, Modal, QUESTION_GUARD, TYPEAHEAD, Typeahead};
use crate::tui::form::{FieldKind, Value};
use crate::tui::keys::{self, Action, Context};
use crate::tui::text::clean_paste;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::time::Instant;

impl App {
    pub fn handle_event(&mut self, ev: Event) {
        match ev {
            Event::Key(k) if matches!(k.kind, KeyEventKind::Press | KeyEventKind::Repeat) => {
                if let KeyCode::Char(c) = k.code
                    && k.modifiers.contains(KeyModifiers::ALT)
                {
                    // Alt and a letter are the bytes of Esc and the letter, and mean the same
                    // (the input decoder never reports them otherwise; this covers any other
                    // source of events).
                    self.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
                    self.on_key(KeyEvent::new(
                        KeyCode::Char(c),
                        k.modifiers - KeyModifiers::ALT,
                    ));
                } else {
                    self.on_key(k)
                }
            }
            Event::Paste(text) => self.on_paste(&text),
            _ => {}
        }
    }

    /// The input model (docs/tui.md, "Typing and commands"): a text field with the focus
    /// takes every printable key as text; a choice, tick box or button of a form chooses; Esc
    /// stops typing, and only then (or on a list) are letters and digits commands.
    pub(super) fn on_key(&mut self, key: KeyEvent) {
        let asked_before = self.modal.is_some();
        self.on_key_inner(key);
        if !asked_before && self.modal.is_some() {
            self.question_since = Some(Instant::now());
        }
    }

    fn on_key_inner(&mut self, key: KeyEvent) {
        if self.in_text_burst(&key) {
            self.burst_key(key);
            return;
        }
        let contexts = self.contexts();
        if self.modal.is_some() {
            // Keys typed in the first moments after a question appears were typed ahead, not
            // read: the trial's " quick note" after a stray Esc answered "quit during a
            // meeting?" with its k (keep open) and quit. The question stays until answered.
            if self.guard_questions
                && self
                    .question_since
                    .is_some_and(|t| t.elapsed() < QUESTION_GUARD)
            {
                return;
            }
            self.message = None;
            if let Some(a) = keys::lookup(&contexts, &key) {
                self.on_modal(a);
            }
            return;
        }
        // A message is read by the next key (an error too: it is about what was just done).
        self.message = None;
        if self.form().is_editing() {
            self.on_typing_key(key, &contexts);
            return;
        }
        if self.choosing() && self.on_choosing_key(key) {
            return;
        }
        match keys::lookup(&contexts, &key) {
            Some(a) => self.on_action(a),
            None => self.unbound_key(key),
        }
    }

    /// Whether `key` is part of a word typed fast where keys are commands (after Esc, on a
    /// list, a tick box, a question): a printable key with at least two more in the same read
    /// is typing, not a command. The fourth trial typed "quite important" after Esc and the q
    /// quit; "more notes here" started a meeting; "next steps" answered a question and ended
    /// the meeting. A command typed alone (or Esc and a key, or `7a`) is unaffected.
    fn in_text_burst(&mut self, key: &KeyEvent) -> bool {
        let Some(_) = printable(key) else {
            self.text_burst = 0;
            return false;
        };
        if self.text_burst > 0 {
            self.text_burst -= 1;
            return true;
        }
        let commands_here = self.modal.is_some()
            || (!self.form().is_editing() && (!self.choosing() || self.on_box_or_button()));
        if commands_here && self.burst >= 2 {
            self.text_burst = self.burst;
            return true;
        }
        false
    }

    /// A tick box or button, where a space in a sentence would tick it or press it.
    fn on_box_or_button(&self) -> bool {
        self.form()
            .focused()
            .is_some_and(|f| matches!(f.kind, FieldKind::Checkbox | FieldKind::Button))
    }

    /// A key of a word typed fast where keys are commands: into the text field that has the
    /// focus (typing there again), else nowhere, saying so.
    fn burst_key(&mut self, key: KeyEvent) {
        let text_field =
            self.modal.is_none() && self.form().focused().is_some_and(|f| f.kind.is_text());
        if text_field {
            if !self.form().is_editing() {
                self.form_mut().begin_edit();
            }
            if self.form_mut().input(key) {
                self.typed();
            }
            return;
        }
        self.message = Some((
            "Typed text is not taken here (it would have run commands): move to a field to type in it"
                .into(),
            true,
        ));
    }

    /// A printable key or Esc on a tick box, choice or button of a form; false for the keys
    /// that act there as anywhere (Tab, arrows, Space, Enter, Ctrl- and F-keys).
    fn on_choosing_key(&mut self, key: KeyEvent) -> bool {
        if key.code == KeyCode::Esc && key.modifiers.is_empty() {
            if self.live_shown().is_some_and(|l| l.popup.is_some()) {
                self.popup_back();
            } else {
                self.form_mut().rest();
            }
            return true;
        }
        let Some(c) = printable(&key) else {
            // Any other key (Tab, an arrow) ends a name being typed.
            self.typeahead = None;
            return false;
        };
        if c == ' ' {
            // Space is Space (the next choice), unless it goes on a name being typed.
            return self.choose_by_letter(c);
        }
        if !self.on_answer_key(key) && !self.choose_by_letter(c) {
            let label = self
                .form()
                .focused()
                .map(|f| f.label.clone())
                .unwrap_or_default();
            self.message = Some((
                format!(
                    "{label}: type an option or press Space to choose, Enter to go on; Esc, then a key, for commands"
                ),
                false,
            ));
        }
        true
    }

    /// Typing on a choice chooses the option whose label begins with what was typed (as a
    /// list box does: `Associate Member` typed on Membership chooses Associate, the space and
    /// the rest included); one letter again chooses the next option it begins. Typing that
    /// begins no option (a sentence meant for the next field: the third trial typed its
    /// evidence on "Concordat principle") puts the choice back as it was and says so. On a
    /// tick box `y` / `x` ticks and `n` unticks.
    fn choose_by_letter(&mut self, c: char) -> bool {
        let Some(f) = self.form().focused().cloned() else {
            return false;
        };
        let id = f.id.clone();
        let lower = c.to_lowercase().next().unwrap_or(c);
        let now = Instant::now();
        let (FieldKind::Choice { options, .. }, Value::Choice(current)) = (&f.kind, &f.value)
        else {
            if f.kind != FieldKind::Checkbox {
                return false;
            }
            let on = match lower {
                'y' | 'x' => true,
                'n' => false,
                _ => return false,
            };
            self.commit(id, Value::Bool(on));
            return true;
        };
        let current = *current;
        let mut t = match self.typeahead.take() {
            Some(t) if t.field == id && now.duration_since(t.at) < TYPEAHEAD => t,
            _ => Typeahead {
                field: id.clone(),
                typed: String::new(),
                at: now,
                before: current,
                settled: false,
            },
        };
        if t.typed.is_empty() && c == ' ' {
            return false;
        }
        t.typed.push(lower);
        t.at = now;
        let begins = |prefix: &str| -> Vec<usize> {
            options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.to_lowercase().starts_with(prefix))
                .map(|(i, _)| i)
                .collect()
        };
        let repeated = t.typed.chars().all(|x| x == lower);
        let matching = if repeated {
            begins(&lower.to_string())
        } else {
            begins(&t.typed)
        };
        let chosen = match matching.first() {
            Some(&first) if repeated && t.typed.chars().count() > 1 => matching
                .iter()
                .find(|&&i| i > current)
                .copied()
                .unwrap_or(first),
            Some(&first) => first,
            None if t.settled => current,
            None => {
                // Typed past every label without naming one: not a choice after all.
                let typed = t.typed.clone();
                let label = f.label.clone();
                let before = t.before;
                self.typeahead = Some(t);
                if before != current {
                    self.commit(id, Value::Choice(before));
                }
                self.message = Some((
                    format!(
                        "\"{typed}\" is no option of {label}, which is left as it was: on a choice typing chooses; Tab to the next field to type there"
                    ),
                    true,
                ));
                return true;
            }
        };
        // A whole label typed, or the unique option begun by three letters or more: what
        // follows (" Member") no longer changes it.
        let whole = options
            .get(chosen)
            .is_some_and(|o| o.to_lowercase() == t.typed.trim_end());
        t.settled |= whole || (matching.len() == 1 && t.typed.chars().count() >= 3);
        self.typeahead = Some(t);
        if chosen != current {
            self.commit(id, Value::Choice(chosen));
        }
        true
    }

    /// Keys of Yes / No boxes (a plan's workshop row): `y` and `n` answer, and a digit or `/`
    /// types the month beside them (the trial typed `09/28` there and jumped to Profile).
    fn on_answer_key(&mut self, key: KeyEvent) -> bool {
        let Some(c) = printable(&key) else {
            return false;
        };
        let Some(f) = self.form().focused() else {
            return false;
        };
        let FieldKind::Choice {
            options,
            boxes: true,
        } = &f.kind
        else {
            return false;
        };
        if c.is_ascii_digit() || c == '/' {
            let month_next = self
                .form()
                .next_field()
                .is_some_and(|n| n.kind == FieldKind::Month && n.inline > 0);
            if !month_next {
                return false;
            }
            self.form_mut().move_focus(1);
            if self.form().is_editing() {
                self.form_mut().insert_text(&c.to_string());
            }
            return true;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let matching: Vec<usize> = options
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, o)| o.to_lowercase().starts_with(lower))
            .map(|(i, _)| i)
            .collect();
        let [i] = matching[..] else {
            return false;
        };
        let id = f.id.clone();
        let before = match &f.value {
            Value::Choice(c) => *c,
            _ => 0,
        };
        self.commit(id.clone(), Value::Choice(i));
        // The answer is named: a space typed after it ("y 10/26", the month next) leaves it,
        // as the rest of a name typed on a choice does. Space flipped Yes to No in a trial.
        self.typeahead = Some(Typeahead {
            field: id,
            typed: c.to_string(),
            at: Instant::now(),
            before,
            settled: true,
        });
        true
    }

    /// A printable key that is no command here: nothing happens but a word on what would.
    fn unbound_key(&mut self, key: KeyEvent) {
        if printable(&key).is_none() {
            return;
        }
        let text_field = self
            .form()
            .focused()
            .filter(|f| f.kind.is_text())
            .map(|f| f.label.clone());
        self.message = Some(match text_field {
            Some(label) => (
                format!(
                    "Not typing (Esc stopped it): Enter or i types in {label}; ? lists the commands"
                ),
                false,
            ),
            None => (
                "That key does nothing here; ? lists the keys of this screen".into(),
                false,
            ),
        });
    }

    /// A key while a text field has the focus: text, unless it is one of the few keys that
    /// are not (Esc, Enter, Tab, arrows out of the field, Ctrl- and F-keys).
    fn on_typing_key(&mut self, key: KeyEvent, contexts: &[Context]) {
        let text_area = self.form().editing_text_area();
        let in_popup = self.live_shown().is_some_and(|l| l.popup.is_some());
        if key.code == KeyCode::Tab
            && key.modifiers.is_empty()
            && contexts.contains(&Context::MeetingTyping)
        {
            // The notes take Tab as text (a paste without bracketed paste holds tabs too).
            if self.form_mut().input(key) {
                self.typed();
            }
            return;
        }
        let mut action = keys::lookup(contexts, &key);
        match action {
            // Enter is a new line in a text area.
            Some(Action::Confirm) if text_area => action = None,
            // In a text area the arrows move by line and leave only from its first or last.
            Some(Action::LeaveNext | Action::LeavePrev)
                if text_area
                    && matches!(key.code, KeyCode::Up | KeyCode::Down)
                    && self.form_mut().move_in_text(key) =>
            {
                return;
            }
            _ => {}
        }
        match action {
            Some(Action::Leave) => {
                self.finish_edit();
                self.form_mut().stop_edit();
                if in_popup {
                    // One Esc closes a pop-up, also while typing in it, and the keys after it
                    // are commands (Esc, then e ends the meeting from the action pop-up).
                    self.popup_back();
                    self.form_mut().stop_edit();
                }
            }
            Some(Action::Confirm) => {
                if self.finish_edit() {
                    if in_popup {
                        self.form_mut().stop_edit();
                        self.submit_popup();
                    } else {
                        self.form_mut().stop_edit();
                        self.form_mut().move_focus(1);
                    }
                } else {
                    // Refused: the reason shows under the field, and typing replaces the text.
                    self.form_mut().select_all();
                }
            }
            Some(Action::LeaveNext | Action::LeavePrev) => {
                self.finish_edit();
                self.form_mut().stop_edit();
                let d = if action == Some(Action::LeaveNext) {
                    1
                } else {
                    -1
                };
                self.form_mut().move_focus(d);
            }
            Some(Action::ExternalEditor) => self.request_editor(),
            Some(Action::Save) => {
                self.finish_edit();
                self.save_now();
            }
            // PgDn / PgUp leave a one-line field to move a page (a text area scrolls its text).
            _ if !text_area
                && key.modifiers.is_empty()
                && matches!(key.code, KeyCode::PageDown | KeyCode::PageUp) =>
            {
                self.finish_edit();
                self.form_mut().stop_edit();
                self.form_mut().page(key.code == KeyCode::PageDown);
            }
            Some(Action::Help) => self.modal = Some(Modal::Help { scroll: 0 }),
            Some(Action::Suspend) => {
                self.finish_edit();
                self.request_suspend();
            }
            Some(Action::Quit) => {
                self.finish_edit();
                self.form_mut().stop_edit();
                self.request_quit();
            }
            _ => {
                if self.form_mut().input(key) {
                    self.typed();
                }
            }
        }
    }

    /// After a key changed the text being typed: a text area's text is committed at once
    /// (one pending operation per field, superseded as typing goes on); a one-line field is
    /// committed when left, and its text goes to the journal meanwhile.
    pub(super) fn typed(&mut self) {
        if self.form().editing_text_area() {
            self.finish_edit();
        } else if self.live_shown().is_some_and(|l| l.popup.is_some()) {
            // A pop-up's fields go into the meeting's draft as they are typed; a date not
            // yet valid waits (its reason shows when the field is left).
            let today = self.settings.today;
            if let Some(Ok(c)) = self.form_mut().parse_draft(today) {
                self.commit(c.id, c.value);
            }
        }
        self.journal_dirty();
    }

    fn on_paste(&mut self, raw: &str) {
        if self.modal.is_some() {
            return;
        }
        let text = clean_paste(raw);
        if !self.form().is_editing() && !self.form_mut().begin_edit() {
            self.message = Some(("Paste into a text field: move to one first".into(), true));
            return;
        }
        if self.form_mut().insert_text(&text) {
            self.typed();
        }
    }
}

/// The character of a key that prints one (no Ctrl or Alt with it).
fn printable(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}
