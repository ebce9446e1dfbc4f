//! The one form engine. Screens declare their fields (kind, label, current value, help) and this
//! module does the rest for all of them: focus, editing through one text-editor wrapper, toggles
//! and choices, parsing of dates and months, errors shown under the field with the typed text
//! kept, layout, scrolling and the terminal cursor. Adding a field to a screen is one declaration.
//! This file holds the form's state (focus, editing, drafts, resting) and what keys do to it;
//! the declarations, layout, drawing and the wrap cache are its submodules.

use super::ids::FieldId;
use super::text::sanitize_multiline;
use crate::domain::dates::{self, YearMonth};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};
use std::cell::Cell;
use std::collections::HashMap;

mod draw;
mod field;
mod layout;
mod wrap;

pub use field::{Field, FieldKind, Value};
pub use wrap::wrap;

/// A change the user made to a field, for the screen to turn into operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: FieldId,
    pub value: Value,
}

/// The editor of a text field, kept while it differs from the model (being edited, or invalid)
/// and, for text areas, for the whole session so that undo survives leaving the field.
struct Draft {
    editor: TextArea<'static>,
    error: Option<String>,
    /// The model's text this draft last agreed with: the base of the merge at commit, so that
    /// what another process wrote meanwhile is kept (`merge::text`).
    started: String,
    /// The last commit merged in text from elsewhere, so the model holds more than the editor.
    merged_foreign: bool,
}

fn editor_for(text: &str, multi: bool) -> TextArea<'static> {
    let clean = sanitize_multiline(text);
    let mut ta = TextArea::new(clean.split('\n').map(str::to_string).collect());
    // The terminal's own cursor is used (fewer bytes per key over SSH), so no drawn cursor.
    ta.set_cursor_style(Style::new());
    ta.set_cursor_line_style(Style::new());
    ta.set_max_histories(200);
    // A tab typed in the notes is kept as a tab (what was typed is what is saved).
    ta.set_hard_tab_indent(true);
    if multi {
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
    } else {
        // A one-line field shows where typing goes without colour.
        ta.set_style(Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED));
    }
    ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
    ta.move_cursor(ratatui_textarea::CursorMove::End);
    ta
}

fn draft_text(ta: &TextArea<'_>) -> String {
    ta.lines().join("\n")
}

#[derive(Default)]
pub struct Form {
    fields: Vec<Field>,
    focus: Option<usize>,
    editing: bool,
    /// Esc was pressed on the focused row: until the focus moves, keys there are commands.
    resting: bool,
    drafts: HashMap<FieldId, Draft>,
    scroll: Cell<u16>,
    view_height: Cell<u16>,
    last_width: Cell<u16>,
}

impl Form {
    pub fn new() -> Form {
        Form::default()
    }

    /// Replaces the declarations (after any change of the model), keeping focus on the same
    /// field and keeping what is being typed. A text that is not being edited and has no error
    /// follows the model, so a change made in another process shows.
    pub fn set_fields(&mut self, fields: Vec<Field>) {
        let focused = self.focused().map(|f| f.id.clone());
        let old_index = self.focus;
        self.fields = fields;
        let editing_id = if self.editing { focused.clone() } else { None };
        let fields = &self.fields;
        self.drafts.retain(|id, d| {
            let Some(f) = fields.iter().find(|f| &f.id == id) else {
                return false;
            };
            Some(id) == editing_id.as_ref()
                || d.error.is_some()
                || draft_text(&d.editor) == f.value.as_text()
        });
        self.focus = focused
            .and_then(|id| self.fields.iter().position(|f| f.id == id))
            .or_else(|| {
                let start = old_index
                    .unwrap_or(0)
                    .min(self.fields.len().saturating_sub(1));
                self.nearest_focusable(start)
            });
        if self.focus.is_none() || editing_id.is_none() {
            self.editing = false;
        } else if let Some(f) = self.focused()
            && !f.kind.is_text()
        {
            self.editing = false;
        }
    }

    fn nearest_focusable(&self, start: usize) -> Option<usize> {
        (start..self.fields.len())
            .chain((0..start).rev())
            .find(|&i| self.fields[i].kind.focusable())
    }

    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    pub fn focused(&self) -> Option<&Field> {
        self.focus.map(|i| &self.fields[i])
    }

    pub fn is_editing(&self) -> bool {
        self.editing
    }

    /// Whether Esc was pressed on the focused row (and the focus has not moved since).
    pub fn is_resting(&self) -> bool {
        self.resting
    }

    /// Esc on a row that is not text: keys there are commands until the focus moves.
    pub fn rest(&mut self) {
        self.resting = true;
    }

    /// Whether the field being edited is a multi-line text area.
    pub fn editing_text_area(&self) -> bool {
        self.editing
            && self
                .focused()
                .is_some_and(|f| f.kind == FieldKind::TextArea)
    }

    pub fn focus_id(&mut self, id: &FieldId) -> bool {
        match self.fields.iter().position(|f| &f.id == id) {
            Some(i) if self.fields[i].kind.focusable() => {
                self.focus = Some(i);
                self.enter();
                true
            }
            _ => false,
        }
    }

    /// The focus has arrived on a field: a text field takes the typing at once (the input
    /// model: a focused text field is typed in unless Esc was pressed on it).
    pub fn enter(&mut self) {
        self.editing = false;
        self.resting = false;
        let kind = self.focused().map(|f| f.kind.clone());
        let replace = self.focused().is_some_and(|f| f.replace_on_type);
        if kind.as_ref().is_some_and(FieldKind::is_text) {
            self.begin_edit();
        }
        // A date, month or number filled in is replaced by what is typed, as the length of a
        // meeting being ended is (the trial typed 20/10/2026 after a review date filled in and
        // got "2026-12-0120/10/2026"); an arrow key keeps it to edit instead.
        if replace
            || matches!(
                kind,
                Some(FieldKind::Date | FieldKind::Month | FieldKind::Number)
            )
        {
            self.select_all();
        }
    }

    /// The focusable field after the focused one.
    pub fn next_field(&self) -> Option<&Field> {
        let i = self.focus?;
        self.fields[i + 1..].iter().find(|f| f.kind.focusable())
    }

    /// Moves the cursor of the text being typed by a key (↑, ↓); false if it could not move
    /// (the first or last row), where the key leaves the field instead.
    pub fn move_in_text(&mut self, key: KeyEvent) -> bool {
        let Some(ta) = self.editor_mut() else {
            return false;
        };
        let before = ta.cursor();
        ta.input(key);
        ta.cursor() != before
    }

    /// Moves `delta` focusable fields forward or back, stopping at the ends.
    pub fn move_focus(&mut self, delta: isize) {
        let Some(mut i) = self.focus else { return };
        let step = delta.signum();
        for _ in 0..delta.unsigned_abs() {
            let mut j = i as isize + step;
            while j >= 0
                && (j as usize) < self.fields.len()
                && !self.fields[j as usize].kind.focusable()
            {
                j += step;
            }
            if j < 0 || j as usize >= self.fields.len() {
                break;
            }
            i = j as usize;
        }
        self.focus = Some(i);
        self.enter();
    }

    pub fn focus_first(&mut self) {
        self.focus = self.nearest_focusable(0);
        self.scroll.set(0);
        self.enter();
    }

    pub fn focus_last(&mut self) {
        self.focus = (0..self.fields.len())
            .rev()
            .find(|&i| self.fields[i].kind.focusable());
        self.enter();
    }

    /// Moves focus by about a screenful.
    pub fn page(&mut self, down: bool) {
        let rows = self.view_height.get().max(2) - 1;
        let Some(start) = self.focus else { return };
        let layout = self.layout(self.last_width.get().max(20));
        let target_y = if down {
            layout[start].y.saturating_add(rows)
        } else {
            layout[start].y.saturating_sub(rows)
        };
        let mut best = start;
        for (i, f) in self.fields.iter().enumerate() {
            if !f.kind.focusable() {
                continue;
            }
            if (down && layout[i].y <= target_y && i > best)
                || (!down && layout[i].y >= target_y && i < start && (best == start || i < best))
            {
                best = i;
            }
        }
        self.focus = Some(best);
        self.enter();
    }

    /// Starts editing the focused text field; false if it is not a text field.
    pub fn begin_edit(&mut self) -> bool {
        let Some(f) = self.focused() else {
            return false;
        };
        if !f.kind.is_text() {
            return false;
        }
        let (id, text, multi) = (
            f.id.clone(),
            f.value.as_text(),
            f.kind == FieldKind::TextArea,
        );
        let draft = self.drafts.entry(id).or_insert_with(|| Draft {
            editor: editor_for(&text, multi),
            error: None,
            started: text.clone(),
            merged_foreign: false,
        });
        let refused = draft.error.is_some();
        if !refused {
            draft.started = text;
        }
        self.editing = true;
        self.resting = false;
        if refused {
            // Typing replaces a refused text (`Nov 26` then `11/26` was saved as "Nov 2611/26").
            self.select_all();
        }
        true
    }

    /// Selects the text being edited, so that typing replaces a value filled in for the user
    /// (the length of a meeting being ended) instead of adding to it.
    pub fn select_all(&mut self) {
        if let Some(ta) = self.editor_mut() {
            ta.select_all();
        }
    }

    /// Stops editing. A draft that holds no refused text gives way to the model's value, so
    /// the field shows what was saved: the canonical form of a date or month, text merged in
    /// from another process.
    pub fn stop_edit(&mut self) {
        self.editing = false;
        self.resting = true;
        let Some(f) = self.focused() else { return };
        let (id, value, one_line) = (f.id.clone(), f.value.as_text(), f.kind.one_line());
        if self
            .drafts
            .get(&id)
            .is_some_and(|d| d.error.is_none() && (one_line || draft_text(&d.editor) != value))
        {
            self.drafts.remove(&id);
        }
    }

    fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        if !self.editing {
            return None;
        }
        let id = self.focused()?.id.clone();
        self.drafts.get_mut(&id).map(|d| &mut d.editor)
    }

    /// A key for the field being edited; true if the text changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let one_line = self.focused().is_some_and(|f| f.kind.one_line());
        let newline = matches!(key.code, KeyCode::Enter)
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m')));
        if one_line && newline {
            return false;
        }
        let ctrl = |c: char| key.modifiers == KeyModifiers::CONTROL && key.code == KeyCode::Char(c);
        let changed = self.editor_mut().is_some_and(|ta| {
            // The shell's line-editing keys, which terminal users' fingers know: Ctrl-U clears
            // to the start of the line (the editor widget's own Ctrl-U is undo; the third trial
            // pressed it to clear a field and scrambled it), and Ctrl-_ (Ctrl-/) undoes.
            if ctrl('u') {
                ta.delete_line_by_head()
            } else if ctrl('_') {
                ta.undo()
            } else {
                ta.input(key)
            }
        });
        if changed {
            self.clear_error_being_corrected();
        }
        changed
    }

    /// The reason a text was refused goes once it is being corrected (leaving the field checks
    /// it again).
    fn clear_error_being_corrected(&mut self) {
        if let Some(f) = self.focused().map(|f| f.id.clone())
            && let Some(d) = self.drafts.get_mut(&f)
        {
            d.error = None;
        }
    }

    /// Inserts text (a paste) as one undoable step; line breaks become spaces in one-line fields.
    pub fn insert_text(&mut self, text: &str) -> bool {
        let one_line = self.focused().is_some_and(|f| f.kind.one_line());
        let text = if one_line {
            text.replace(['\n', '\t'], " ")
        } else {
            text.to_string()
        };
        self.editor_mut().is_some_and(|ta| ta.insert_str(text))
    }

    /// Replaces the whole text (back from an external editor), undoable as one step.
    pub fn replace_text(&mut self, text: &str) -> bool {
        let Some(ta) = self.editor_mut() else {
            return false;
        };
        if draft_text(ta) == text {
            return false;
        }
        ta.select_all();
        ta.cut();
        ta.insert_str(sanitize_multiline(text));
        true
    }

    /// The text being edited in the focused field.
    pub fn editing_text(&self) -> Option<String> {
        let f = self.focused()?;
        self.drafts.get(&f.id).map(|d| draft_text(&d.editor))
    }

    /// Parses what is typed in the focused field: the value to commit, or why it is refused.
    /// Text is merged with the model's current value against the value it had when editing
    /// began, so that what another process wrote meanwhile is kept, after what was typed.
    pub fn parse_draft(&mut self, today: NaiveDate) -> Option<Result<Commit, String>> {
        let i = self.focus?;
        let f = &self.fields[i];
        let d = self.drafts.get_mut(&f.id)?;
        let text = draft_text(&d.editor);
        // Nothing typed since the field took the focus: nothing to commit. Every text field
        // the focus passes is typed in and committed on leaving, and a form's screen saves
        // its whole item even when nothing in it changed.
        if text == d.started && d.error.is_none() && !d.merged_foreign {
            return None;
        }
        d.merged_foreign = false;
        let value = match f.kind {
            FieldKind::Line | FieldKind::TextArea => {
                let current = f.value.as_text();
                let merged = crate::domain::merge::text(&d.started, &text, &current);
                // A one-line field cannot hold both sides' lines: this side wins, as for
                // numbers and dates.
                let merged = if f.kind == FieldKind::Line && merged.contains('\n') {
                    text
                } else {
                    merged
                };
                d.merged_foreign = merged != draft_text(&d.editor);
                Ok(Value::Text(merged))
            }
            FieldKind::Date if text.trim().is_empty() => Ok(Value::Date(None)),
            FieldKind::Date => dates::parse_date(&text, today)
                .map(|d| Value::Date(Some(d)))
                .map_err(|e| e.to_string()),
            FieldKind::Month if text.trim().is_empty() => Ok(Value::Month(None)),
            FieldKind::Month => YearMonth::parse(&text, today)
                .map(|m| Value::Month(Some(m)))
                .map_err(|e| e.to_string()),
            _ => Ok(Value::Text(text)),
        };
        Some(value.map(|value| Commit {
            id: f.id.clone(),
            value,
        }))
    }

    /// Records a refusal under the field (the typed text stays), or clears it.
    pub fn set_error(&mut self, id: &FieldId, error: Option<String>) {
        if let Some(d) = self.drafts.get_mut(id) {
            d.error = error;
        }
    }

    /// After a successful commit (and the fields rebuilt from the model) of a one-line field
    /// its editor is no longer needed. A draft kept for more typing now agrees with the model:
    /// its text, or, when text from elsewhere was merged in, the model's value is its text
    /// plus that.
    pub fn committed(&mut self, id: &FieldId) {
        let field = self.fields.iter().find(|f| &f.id == id);
        let one_line = field.is_some_and(|f| f.kind.one_line());
        let current = field.map(|f| f.value.as_text());
        if one_line && !(self.editing && self.focused().is_some_and(|f| &f.id == id)) {
            self.drafts.remove(id);
        } else if let Some(d) = self.drafts.get_mut(id) {
            d.error = None;
            d.started = match current {
                Some(v) if !d.merged_foreign => v,
                _ => draft_text(&d.editor),
            };
        }
    }

    pub fn error(&self, id: &FieldId) -> Option<&str> {
        self.drafts.get(id).and_then(|d| d.error.as_deref())
    }

    /// Fields whose typed text is refused: (label, text).
    pub fn refused(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter_map(|f| {
                let d = self.drafts.get(&f.id)?;
                d.error.as_ref()?;
                Some((f.label.clone(), draft_text(&d.editor)))
            })
            .collect()
    }

    /// Ticks a checkbox or moves a choice by `delta`: the value to commit.
    pub fn toggle(&self, delta: isize) -> Option<Commit> {
        let f = self.focused()?;
        let value = match (&f.kind, &f.value) {
            (FieldKind::Checkbox, Value::Bool(on)) => Value::Bool(!on),
            (FieldKind::Choice { options, .. }, Value::Choice(i)) => {
                let n = options.len() as isize;
                Value::Choice((*i as isize + delta).rem_euclid(n) as usize)
            }
            _ => return None,
        };
        Some(Commit {
            id: f.id.clone(),
            value,
        })
    }
}
