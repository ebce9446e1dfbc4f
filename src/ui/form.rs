//! The one form engine. Screens declare their fields (kind, label, current value, help) and this
//! module does the rest for all of them: focus, editing through one text-editor wrapper, toggles
//! and choices, parsing of dates and months, errors shown under the field with the typed text
//! kept, layout, scrolling and the terminal cursor. Adding a field to a screen is one declaration.

use super::screens::FieldId;
use super::text::{sanitize, sanitize_multiline, truncate, width};
use super::theme::{MARKER, Theme};
use crate::dates::{self, YearMonth};
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};
use ratatui_textarea::{TextArea, WrapMode};
use std::cell::Cell;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// A heading between groups of fields (not focusable).
    Heading,
    /// Text to read, wrapped (not focusable).
    Note,
    Line,
    TextArea,
    Checkbox,
    /// One of several options. `boxes` draws `[x] Yes [ ] No` with option 0 meaning "none
    /// chosen" (the form's tick boxes); otherwise radio buttons `(•) A ( ) B`.
    Choice {
        options: Vec<String>,
        boxes: bool,
    },
    Date,
    Month,
    Number,
    /// A row of a list; Enter opens it.
    Item,
    Button,
}

impl FieldKind {
    pub fn focusable(&self) -> bool {
        !matches!(self, FieldKind::Heading | FieldKind::Note)
    }
    /// Kinds edited as text in the shared editor.
    pub fn is_text(&self) -> bool {
        matches!(
            self,
            FieldKind::Line
                | FieldKind::TextArea
                | FieldKind::Date
                | FieldKind::Month
                | FieldKind::Number
        )
    }
    fn one_line(&self) -> bool {
        self.is_text() && *self != FieldKind::TextArea
    }
}

/// A field's value as the model has it (the last valid one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    None,
    Text(String),
    Bool(bool),
    Choice(usize),
    Date(Option<NaiveDate>),
    Month(Option<YearMonth>),
}

impl Value {
    /// The text shown in, and edited by, a text field.
    fn as_text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Date(Some(d)) => d.format("%Y-%m-%d").to_string(),
            Value::Month(Some(m)) => m.short(),
            _ => String::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub id: FieldId,
    pub label: String,
    pub kind: FieldKind,
    pub value: Value,
    /// Shown in the hint line while the field has the focus.
    pub help: String,
    /// Shown dim while a text is empty (the seed's guidance prompt for plan sections).
    pub placeholder: String,
    /// Columns this field takes at the right of the previous field's row (a grid column);
    /// 0 gives the field its own row.
    pub inline: u16,
    /// Draw the row in the warning colour (an action that is due).
    pub emphasis: bool,
    /// Rows a text area shows at least (the meeting's notes get a roomy box).
    pub min_rows: u16,
    /// A value filled in for the user (a file name offered): typing replaces it. Dates, months
    /// and numbers always are.
    pub replace_on_type: bool,
}

impl Field {
    fn new(id: FieldId, label: impl Into<String>, kind: FieldKind, value: Value) -> Field {
        Field {
            id,
            label: label.into(),
            kind,
            value,
            help: String::new(),
            placeholder: String::new(),
            inline: 0,
            emphasis: false,
            min_rows: TEXT_MIN_ROWS,
            replace_on_type: false,
        }
    }
    pub fn heading(text: impl Into<String>) -> Field {
        Field::new(FieldId::Static, text, FieldKind::Heading, Value::None)
    }
    pub fn note(text: impl Into<String>) -> Field {
        Field::new(FieldId::Static, text, FieldKind::Note, Value::None)
    }
    pub fn line(id: FieldId, label: &str, text: &str) -> Field {
        Field::new(id, label, FieldKind::Line, Value::Text(text.into()))
    }
    pub fn number(id: FieldId, label: &str, text: String) -> Field {
        Field::new(id, label, FieldKind::Number, Value::Text(text))
    }
    pub fn text_area(id: FieldId, label: &str, text: &str, prompt: &str) -> Field {
        Field::new(id, label, FieldKind::TextArea, Value::Text(text.into())).placeholder(prompt)
    }
    pub fn checkbox(id: FieldId, label: &str, on: bool) -> Field {
        Field::new(id, label, FieldKind::Checkbox, Value::Bool(on))
    }
    pub fn choice(id: FieldId, label: &str, options: Vec<String>, chosen: usize) -> Field {
        let kind = FieldKind::Choice {
            options,
            boxes: false,
        };
        Field::new(id, label, kind, Value::Choice(chosen))
    }
    /// Tick boxes of which at most one is ticked; `chosen` 0 means none.
    pub fn boxes(id: FieldId, label: &str, options: &[&str], chosen: usize) -> Field {
        let mut all = vec!["none".to_string()];
        all.extend(options.iter().map(|s| s.to_string()));
        let kind = FieldKind::Choice {
            options: all,
            boxes: true,
        };
        Field::new(id, label, kind, Value::Choice(chosen))
    }
    pub fn date(id: FieldId, label: &str, date: Option<NaiveDate>) -> Field {
        Field::new(id, label, FieldKind::Date, Value::Date(date)).placeholder("YYYY-MM-DD")
    }
    pub fn month(id: FieldId, label: &str, month: Option<YearMonth>) -> Field {
        Field::new(id, label, FieldKind::Month, Value::Month(month)).placeholder("MM/YY")
    }
    pub fn item(id: FieldId, label: impl Into<String>) -> Field {
        Field::new(id, label, FieldKind::Item, Value::None)
    }
    pub fn button(id: FieldId, label: &str) -> Field {
        Field::new(id, label, FieldKind::Button, Value::None)
    }
    pub fn help(mut self, help: impl Into<String>) -> Field {
        self.help = help.into();
        self
    }
    pub fn placeholder(mut self, p: impl Into<String>) -> Field {
        self.placeholder = p.into();
        self
    }
    pub fn inline(mut self, columns: u16) -> Field {
        self.inline = columns;
        self
    }
    pub fn emphasis(mut self, on: bool) -> Field {
        self.emphasis = on;
        self
    }
    pub fn replace_on_type(mut self) -> Field {
        self.replace_on_type = true;
        self
    }
    pub fn min_rows(mut self, rows: u16) -> Field {
        self.min_rows = rows.max(1);
        self
    }
}

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

/// Where a field sits in the form's own coordinates (y counted from the top of the form).
#[derive(Debug, Clone, Copy)]
struct Slot {
    x: u16,
    y: u16,
    w: u16,
    /// Rows of the field itself.
    h: u16,
    /// Where its error message goes.
    err_y: u16,
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

const MARK_W: u16 = 2;
const TEXT_MIN_ROWS: u16 = 3;

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
                let merged = crate::merge::text(&d.started, &text, &current);
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

    // ---- layout ----

    fn label_width(&self, width: u16) -> u16 {
        let widest = self
            .fields
            .iter()
            .filter(|f| f.inline == 0)
            .filter(|f| {
                f.kind.one_line() || matches!(f.kind, FieldKind::Choice { boxes: false, .. })
            })
            .map(|f| width_u16(&f.label) + 2)
            .max()
            .unwrap_or(0);
        widest.min(width / 3)
    }

    fn text_rows(&self, f: &Field, w: u16) -> u16 {
        let inner = w.saturating_sub(MARK_W + 2).max(1) as usize;
        let text = match self.drafts.get(&f.id) {
            Some(d) => draft_text(&d.editor),
            None => f.value.as_text(),
        };
        let shown = if text.is_empty() {
            &f.placeholder
        } else {
            &text
        };
        let mut rows = wrapped_rows(shown, inner) as u16;
        if self.editing && self.focused().is_some_and(|g| g.id == f.id) {
            rows += 1;
        }
        rows.max(f.min_rows)
    }

    fn error_rows(&self, f: &Field, w: u16) -> u16 {
        self.error(&f.id)
            .map(|e| {
                wrapped_rows(
                    &format!("! {e}"),
                    w.saturating_sub(MARK_W + 2).max(1) as usize,
                ) as u16
            })
            .unwrap_or(0)
    }

    /// One slot per field, in form coordinates, for a given width.
    fn layout(&self, width: u16) -> Vec<Slot> {
        self.last_width.set(width);
        let mut slots: Vec<Slot> = Vec::with_capacity(self.fields.len());
        let mut y: u16 = 0;
        let mut row_start = 0usize;
        for (i, f) in self.fields.iter().enumerate() {
            let e = self.error_rows(f, width);
            if f.inline > 0 && i > 0 {
                // A grid column: shrink the row's first field to make room on the right.
                let right: u16 = self.fields[row_start + 1..=i]
                    .iter()
                    .map(|g| g.inline)
                    .sum();
                let left: u16 = self.fields[row_start + 1..i].iter().map(|g| g.inline).sum();
                let first = &mut slots[row_start];
                first.w = width.saturating_sub(right);
                let (x, row_y) = (first.w + left, first.y);
                slots.push(Slot {
                    x,
                    y: row_y,
                    w: f.inline,
                    h: 1,
                    err_y: y,
                });
                y = y.saturating_add(e);
                continue;
            }
            row_start = i;
            let h = match f.kind {
                FieldKind::Heading => 1 + u16::from(i > 0),
                FieldKind::Note => {
                    wrapped_rows(&f.label, width.saturating_sub(MARK_W).max(1) as usize) as u16
                }
                FieldKind::TextArea => 1 + 2 + self.text_rows(f, width),
                _ => 1,
            };
            slots.push(Slot {
                x: 0,
                y,
                w: width,
                h,
                err_y: y.saturating_add(h),
            });
            y = y.saturating_add(h).saturating_add(e);
        }
        slots
    }

    fn total_height(&self, layout: &[Slot], width: u16) -> u16 {
        layout
            .iter()
            .zip(&self.fields)
            .map(|(s, f)| (s.y + s.h).max(s.err_y + self.error_rows(f, width)))
            .max()
            .unwrap_or(0)
    }

    fn bottom_of(&self, i: usize, layout: &[Slot], width: u16) -> u16 {
        let s = layout[i];
        (s.y + s.h).max(s.err_y + self.error_rows(&self.fields[i], width))
    }

    /// The rows that must be visible: the focused field, or the cursor's line when editing a
    /// long text.
    fn must_show(&self, layout: &[Slot], width: u16) -> Option<(u16, u16)> {
        let i = self.focus?;
        let s = layout[i];
        let f = &self.fields[i];
        let bottom = self.bottom_of(i, layout, width);
        if f.kind == FieldKind::TextArea
            && self.editing
            && let Some(d) = self.drafts.get(&f.id)
        {
            // The field's title and the cursor's line when both fit (typing starts as soon
            // as the focus arrives, and the title says where), else the cursor's line.
            let row = d.editor.screen_cursor().row as u16;
            let cursor_bottom = s.y + 2 + row + 2;
            if cursor_bottom - s.y <= self.view_height.get() {
                return Some((s.y, cursor_bottom - s.y));
            }
            return Some((s.y + 2 + row.saturating_sub(1), 3));
        }
        // Show the heading just above a field when it fits.
        let top = if i > 0
            && self.fields[i - 1].kind == FieldKind::Heading
            && layout[i - 1].y + layout[i - 1].h == s.y
        {
            layout[i - 1].y
        } else {
            s.y
        };
        Some((top, bottom - top))
    }

    /// Draws the visible part of the form into `area`; returns where the terminal cursor goes
    /// when a field is being edited.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, theme: Theme) -> Option<Position> {
        if area.width < 4 || area.height == 0 {
            return None;
        }
        let width = area.width - 1; // the last column is the scrollbar's
        let layout = self.layout(width);
        let total = self.total_height(&layout, width);
        self.view_height.set(area.height);
        let mut scroll = self.scroll.get().min(total.saturating_sub(area.height));
        if let Some((top, h)) = self.must_show(&layout, width) {
            if top + h > scroll + area.height {
                scroll = (top + h).saturating_sub(area.height);
            }
            if top < scroll || h > area.height {
                scroll = top;
            }
        }
        if self.focus == self.nearest_focusable(0) && !self.editing {
            let first_y = self.focus.map(|i| layout[i].y).unwrap_or(0);
            if first_y < area.height {
                scroll = 0;
            }
        }
        self.scroll.set(scroll);

        // Render the fields that meet the window into a buffer in form coordinates, then copy
        // the window: fields taller than what shows are clipped correctly.
        let top = scroll;
        let bottom = scroll.saturating_add(area.height);
        let visible: Vec<usize> = (0..self.fields.len())
            .filter(|&i| {
                let end = self.bottom_of(i, &layout, width);
                end > top && layout[i].y < bottom
            })
            .collect();
        let &first = visible.first()?;
        let y0 = layout[first].y.min(top);
        let y1 = visible
            .iter()
            .map(|&i| self.bottom_of(i, &layout, width))
            .max()
            .unwrap_or(bottom)
            .max(bottom);
        let off = Rect::new(0, y0, width, y1 - y0);
        let mut tmp = Buffer::empty(off);
        let mut cursor = None;
        for &i in &visible {
            if let Some(c) = self.draw_field(i, layout[i], width, &mut tmp, theme) {
                cursor = Some(c);
            }
        }
        for row in 0..area.height {
            let fy = top + row;
            if fy >= y1 {
                break;
            }
            for col in 0..width {
                if let (Some(src), Some(dst)) = (
                    tmp.cell(Position::new(col, fy)),
                    buf.cell_mut(Position::new(area.x + col, area.y + row)),
                ) {
                    *dst = src.clone();
                }
            }
        }
        if total > area.height {
            let mut state = ScrollbarState::new(total.saturating_sub(area.height) as usize + 1)
                .position(scroll as usize)
                .viewport_content_length(area.height as usize);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .style(theme.dim())
                .render(area, buf, &mut state);
        }
        cursor.and_then(|c: Position| {
            (c.y >= top && c.y < bottom && c.x < width)
                .then(|| Position::new(area.x + c.x, area.y + c.y - top))
        })
    }

    fn draw_field(
        &self,
        i: usize,
        s: Slot,
        width: u16,
        buf: &mut Buffer,
        theme: Theme,
    ) -> Option<Position> {
        let f = &self.fields[i];
        let focused = self.focus == Some(i);
        let editing = focused && self.editing;
        let draft = self.drafts.get(&f.id);
        let label_style = if focused {
            theme.focus()
        } else if f.emphasis {
            theme.warn()
        } else {
            theme.label()
        };
        // Mark the row (the first field of a row carries the marker for its inline fields).
        let row_focused = focused
            || (i + 1..self.fields.len())
                .take_while(|&j| self.fields[j].inline > 0)
                .any(|j| self.focus == Some(j));
        if s.x == 0 && row_focused && f.kind.focusable() {
            buf.set_stringn(0, s.y, MARKER, 1, theme.focus());
        }
        // A grid row has a stop per field (boxes, month): the marker also goes right before
        // the focused one, in the column left blank there, since colour alone does not show
        // which it is (NO_COLOR).
        let grid_row = f.inline > 0 || self.fields.get(i + 1).is_some_and(|g| g.inline > 0);
        let mark_stop = |x: u16, buf: &mut Buffer| {
            if focused && grid_row && x > 0 {
                buf.set_stringn(x - 1, s.y, MARKER, 1, theme.focus());
            }
        };
        let lw = self.label_width(width);
        let mut cursor = None;
        match &f.kind {
            FieldKind::Heading => {
                let y = s.y + s.h - 1;
                buf.set_stringn(
                    0,
                    y,
                    truncate(&sanitize(&f.label), width as usize),
                    width as usize,
                    theme.heading(),
                );
            }
            FieldKind::Note => {
                let w = width.saturating_sub(MARK_W).max(1) as usize;
                for (k, line) in wrap(&f.label, w).iter().enumerate() {
                    buf.set_stringn(MARK_W, s.y + k as u16, line, w, theme.dim());
                }
            }
            FieldKind::Line | FieldKind::Date | FieldKind::Month | FieldKind::Number => {
                let (vx, vw) = if f.inline > 0 {
                    // "label [value]" within the column.
                    let lab = format!("{} ", f.label);
                    buf.set_stringn(s.x, s.y, &lab, s.w as usize, theme.dim());
                    mark_stop(s.x, buf);
                    let lx = width_u16(&lab);
                    (s.x + lx, s.w.saturating_sub(lx))
                } else {
                    let lab = truncate(&f.label, lw.saturating_sub(2) as usize);
                    buf.set_stringn(MARK_W, s.y, format!("{lab}:"), lw as usize, label_style);
                    (MARK_W + lw, s.w.saturating_sub(MARK_W + lw))
                };
                let value_rect = Rect::new(vx, s.y, vw, 1);
                cursor = self.draw_value(f, draft, value_rect, focused, editing, buf, theme);
            }
            FieldKind::Checkbox => {
                let mark = if f.value == Value::Bool(true) {
                    "[x] "
                } else {
                    "[ ] "
                };
                buf.set_stringn(
                    MARK_W,
                    s.y,
                    mark,
                    4,
                    if focused {
                        theme.focus()
                    } else {
                        theme.label()
                    },
                );
                let w = s.w.saturating_sub(MARK_W + 4) as usize;
                buf.set_stringn(
                    MARK_W + 4,
                    s.y,
                    truncate(&sanitize(&f.label), w),
                    w,
                    label_style,
                );
            }
            FieldKind::Choice { options, boxes } => {
                let chosen = match f.value {
                    Value::Choice(c) => c,
                    _ => 0,
                };
                let rendered = choice_text(options, *boxes, chosen);
                let rw = width_u16(&rendered);
                let (lx, label_w) = if *boxes || f.inline > 0 {
                    (MARK_W, s.w.saturating_sub(MARK_W + rw + 1))
                } else {
                    (MARK_W, lw)
                };
                let lab =
                    truncate(&sanitize(&f.label), label_w.saturating_sub(1) as usize).into_owned();
                let lab = if *boxes { lab } else { format!("{lab}:") };
                buf.set_stringn(lx, s.y, &lab, label_w as usize, label_style);
                let vx = lx + label_w;
                mark_stop(vx, buf);
                let avail = s.x + s.w - vx.min(s.x + s.w);
                let text = if rw <= avail {
                    rendered
                } else {
                    format!("‹ {} ›", options[chosen.min(options.len() - 1)])
                };
                let style = if focused {
                    theme.focus()
                } else {
                    theme.label()
                };
                buf.set_stringn(vx, s.y, text, avail as usize, style);
            }
            FieldKind::Item => {
                let w = s.w.saturating_sub(MARK_W) as usize;
                buf.set_stringn(
                    MARK_W,
                    s.y,
                    truncate(&sanitize(&f.label), w),
                    w,
                    label_style,
                );
            }
            FieldKind::Button => {
                let text = format!("[ {} ]", f.label);
                buf.set_stringn(
                    MARK_W,
                    s.y,
                    &text,
                    s.w.saturating_sub(MARK_W) as usize,
                    if focused { theme.focus() } else { theme.key() },
                );
            }
            FieldKind::TextArea => {
                let lab =
                    truncate(&sanitize(&f.label), s.w.saturating_sub(MARK_W) as usize).into_owned();
                buf.set_stringn(
                    MARK_W,
                    s.y,
                    lab,
                    s.w as usize,
                    if focused {
                        theme.focus()
                    } else {
                        theme.heading()
                    },
                );
                let boxr = Rect::new(MARK_W, s.y + 1, s.w.saturating_sub(MARK_W), s.h - 1);
                let border = if editing {
                    theme.border_focus()
                } else {
                    theme.border()
                };
                let block = ratatui::widgets::Block::bordered().border_style(border);
                let inner = block.inner(boxr);
                block.render(boxr, buf);
                cursor = self.draw_value(f, draft, inner, focused, editing, buf, theme);
            }
        }
        // Errors, below the row.
        if let Some(e) = self.error(&f.id) {
            let w = width.saturating_sub(MARK_W + 2).max(1) as usize;
            for (k, line) in wrap(&format!("! {e}"), w).iter().enumerate() {
                buf.set_stringn(MARK_W + 2, s.err_y + k as u16, line, w, theme.error());
            }
        }
        cursor
    }

    /// Draws the value of a text field: its editor while editing (or while it holds refused
    /// text), else the model's value, else the placeholder.
    #[allow(clippy::too_many_arguments)]
    fn draw_value(
        &self,
        f: &Field,
        draft: Option<&Draft>,
        r: Rect,
        focused: bool,
        editing: bool,
        buf: &mut Buffer,
        theme: Theme,
    ) -> Option<Position> {
        if r.width == 0 || r.height == 0 {
            return None;
        }
        // An empty text shows its guidance under the cursor while it is typed in too: the
        // focus arriving types at once, so this is when the guidance is read.
        let typing_empty = editing && draft.is_some_and(|d| d.editor.is_empty());
        if editing
            && !typing_empty
            && let Some(d) = draft
        {
            let ta = &d.editor;
            if f.kind.one_line() {
                // The whole field underlined, not only its text: where typing goes shows
                // without colour, and a typed character changes one cell (1 byte to the
                // terminal instead of the character, the next cell, a reset and a move).
                buf.set_style(
                    r,
                    Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED),
                );
            }
            ta.render(r, buf);
            let sc = ta.screen_cursor();
            let (top, left) = ta.scroll_offset();
            let y = r.y + (sc.row as u16).saturating_sub(top);
            let x = r.x + (sc.col as u16).saturating_sub(left);
            return Some(Position::new(
                x.min(r.x + r.width - 1),
                y.min(r.y + r.height - 1),
            ));
        }
        let text = match draft {
            Some(d) => draft_text(&d.editor),
            None => f.value.as_text(),
        };
        let style = if draft.is_some_and(|d| d.error.is_some()) {
            theme.error()
        } else if focused && f.kind != FieldKind::TextArea {
            theme.focus()
        } else {
            theme.label()
        };
        let (shown, style) = if text.is_empty() {
            (f.placeholder.as_str(), theme.dim())
        } else {
            (text.as_str(), style)
        };
        if f.kind == FieldKind::TextArea {
            for (k, line) in wrap(shown, r.width as usize)
                .iter()
                .take(r.height as usize)
                .enumerate()
            {
                buf.set_stringn(r.x, r.y + k as u16, line, r.width as usize, style);
            }
        } else {
            let s = sanitize(shown);
            buf.set_stringn(
                r.x,
                r.y,
                truncate(&s, r.width as usize),
                r.width as usize,
                style,
            );
        }
        typing_empty.then_some(Position::new(r.x, r.y))
    }
}

fn width_u16(s: &str) -> u16 {
    width(s).min(u16::MAX as usize) as u16
}

fn choice_text(options: &[String], boxes: bool, chosen: usize) -> String {
    if boxes {
        options
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, o)| format!("[{}] {o}", if i == chosen { "x" } else { " " }))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        options
            .iter()
            .enumerate()
            .map(|(i, o)| format!("({}) {o}", if i == chosen { "•" } else { " " }))
            .collect::<Vec<_>>()
            .join("  ")
    }
}

thread_local! {
    /// Wrapped paragraphs by (hash of the paragraph, its length, width). Layout measures every
    /// text field on every frame, off-screen ones included; re-wrapping the plan's 10 kB
    /// sections each time was 79% of drawing the Plan screen (issue 6's profile), and keyed by
    /// the whole text a key in a long field missed the cache and re-wrapped all of it (issue
    /// 11). By paragraph, a key re-wraps only the paragraph it changed. Cleared when it grows,
    /// so text no longer shown does not pile up.
    static WRAPPED: std::cell::RefCell<WrapCache> = std::cell::RefCell::new(WrapCache::new());
}

/// Wrapped lines by (hash of the paragraph, its length, width).
type WrapCache = std::collections::HashMap<(u64, usize, usize), std::rc::Rc<Vec<String>>>;

fn wrap_key(text: &str, width: usize) -> (u64, usize, usize) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    (h.finish(), text.len(), width)
}

/// One paragraph (no line break in it) wrapped to `width`, from the cache when it can be.
fn wrap_paragraph(para: &str, width: usize) -> std::rc::Rc<Vec<String>> {
    let key = wrap_key(para, width);
    if let Some(hit) = WRAPPED.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let lines = std::rc::Rc::new(wrap_uncached(para, width));
    WRAPPED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 16_384 {
            c.clear();
        }
        c.insert(key, lines.clone());
    });
    lines
}

/// Wraps text to `width` columns, keeping the author's line breaks; every line sanitised.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|p| wrap_paragraph(p, width).as_ref().clone())
        .collect()
}

fn wrap_uncached(para: &str, width: usize) -> Vec<String> {
    let clean = sanitize_multiline(para);
    let opts = textwrap::Options::new(width.max(1)).break_words(true);
    // A lone carriage return is sanitised into a line break, as when the text is split.
    clean
        .split('\n')
        .flat_map(|line| {
            let line = line.replace('\t', "    ");
            let w: Vec<String> = textwrap::wrap(&line, &opts)
                .into_iter()
                .map(|c| c.into_owned())
                .collect();
            if w.is_empty() { vec![String::new()] } else { w }
        })
        .collect()
}

fn wrapped_rows(text: &str, width: usize) -> usize {
    text.split('\n')
        .map(|p| wrap_paragraph(p, width).len())
        .sum()
}
