//! What a screen declares: a field's kind, its value and the builders (`Field::line`,
//! `Field::choice`, ...) that make adding a field to a screen one line.

use crate::domain::dates::YearMonth;
use crate::tui::ids::FieldId;
use chrono::NaiveDate;

/// Rows a text area shows at least, unless a field asks for more.
pub(super) const TEXT_MIN_ROWS: u16 = 3;

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
    pub(super) fn one_line(&self) -> bool {
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
    pub fn as_text(&self) -> String {
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
