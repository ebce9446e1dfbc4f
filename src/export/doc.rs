//! The export as a list of format-neutral blocks. The sections are laid out once, here and in
//! `sections`, and the Markdown and plain-text writers only decide how each kind of block looks,
//! so the two formats cannot drift apart in what they contain. Every string is cleaned of control
//! characters on its way in, so neither writer can forget to.

use super::sanitize::{clean, one_line};
use crate::model::Attend;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// Level 1 is the document's title.
    Heading {
        level: usize,
        text: String,
    },
    /// The member's own words: line breaks are kept, blank lines separate paragraphs.
    Text(String),
    /// One line the form prints around answers (guidance, "left blank", a note): italic in
    /// Markdown so it is not mistaken for the member's words.
    Aside(String),
    /// Names the text that follows ("Activity").
    Label(String),
    /// Label and one-line value pairs ("Name: Jane Smith").
    Fields(Vec<(String, String)>),
    Grid(Grid),
    /// Tick boxes with their labels.
    Ticks(Vec<(bool, String)>),
    /// A table of short catalogue text and numbers (never the member's free text).
    Table(Table),
    /// Blocks the form frames together (a prompt and the space for its answer): a ruled box in a
    /// Word document, the blocks one after another where a format has no boxes.
    Boxed(Vec<Block>),
}

/// How a table column lines up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}

/// A header row and body rows of equal length; `align` has one entry per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub align: Vec<Align>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Writes each block with `write` and puts one blank line between them, so that the same
/// spacing holds in both formats; a block that writes nothing leaves no gap.
pub(crate) fn join_blocks(blocks: &[Block], write: impl Fn(&Block) -> String) -> String {
    let mut out = join_parts(blocks, &write);
    out.push('\n');
    out
}

/// The blocks with one blank line between them; a boxed group's blocks are spaced the same way,
/// as if the box were not there.
fn join_parts(blocks: &[Block], write: &impl Fn(&Block) -> String) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Boxed(inner) => join_parts(inner, write),
            b => write(b),
        })
        .filter(|p| !p.is_empty())
        .collect();
    parts.join("\n\n")
}

/// A tick box as a Markdown task list writes it (GitHub and pandoc draw it as a box).
pub(crate) fn task(ticked: bool) -> &'static str {
    if ticked { "[x]" } else { "[ ]" }
}

/// A tick box as the form prints it, for every output that can show it.
pub(crate) fn tick_box(ticked: bool) -> &'static str {
    if ticked { "☒" } else { "☐" }
}

/// A workshop grid as on the form: the session, Yes, No and the intended month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grid {
    pub column: String,
    pub yes: String,
    pub no: String,
    pub date: String,
    pub rows: Vec<GridRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GridRow {
    pub label: String,
    pub attend: Option<Attend>,
    /// Already in the form's `MM/YY`.
    pub month: String,
}

/// What a document says about itself (a Markdown title block, a Word file's properties).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub title: String,
    pub author: String,
    pub date: String,
}

/// Collects blocks; the only way blocks are made, so that all text is cleaned.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    pub blocks: Vec<Block>,
    pub meta: Meta,
    /// Shown instead of an empty answer.
    left_blank: String,
}

impl Doc {
    pub fn new(left_blank: &str) -> Doc {
        Doc {
            blocks: Vec::new(),
            meta: Meta::default(),
            left_blank: one_line(left_blank),
        }
    }

    /// The title is the document's first heading; author and date are one line each.
    pub fn meta(&mut self, author: &str, date: &str) {
        let title = self.blocks.iter().find_map(|b| match b {
            Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        });
        self.meta = Meta {
            title: title.unwrap_or_default(),
            author: one_line(author),
            date: one_line(date),
        };
    }

    pub fn heading(&mut self, level: usize, text: &str) {
        self.blocks.push(Block::Heading {
            level,
            text: one_line(text),
        });
    }

    /// The member's text, or the "left blank" marker so a reader knows nothing was lost.
    pub fn answer(&mut self, text: &str) {
        let text = clean(text);
        if text.trim().is_empty() {
            let blank = self.left_blank.clone();
            self.aside(&blank);
        } else {
            self.blocks.push(Block::Text(text));
        }
    }

    /// Catalogue prose (an intro, the closing line): a paragraph like the member's text.
    pub fn prose(&mut self, text: &str) {
        let text = clean(text);
        if !text.trim().is_empty() {
            self.blocks.push(Block::Text(text));
        }
    }

    pub fn aside(&mut self, text: &str) {
        let text = one_line(text);
        if !text.is_empty() {
            self.blocks.push(Block::Aside(text));
        }
    }

    pub fn label(&mut self, text: &str) {
        self.blocks.push(Block::Label(one_line(text)));
    }

    /// Empty values show the "left blank" marker.
    pub fn fields<'a>(&mut self, pairs: impl IntoIterator<Item = (&'a str, String)>) {
        let pairs = pairs
            .into_iter()
            .map(|(label, value)| {
                let value = one_line(&value);
                let value = if value.is_empty() {
                    self.left_blank.clone()
                } else {
                    value
                };
                (one_line(label), value)
            })
            .collect();
        self.blocks.push(Block::Fields(pairs));
    }

    /// The blocks `fill` adds, framed together as one `Boxed` block.
    pub fn boxed(&mut self, fill: impl FnOnce(&mut Doc)) {
        let start = self.blocks.len();
        fill(self);
        let inner = self.blocks.split_off(start);
        if !inner.is_empty() {
            self.blocks.push(Block::Boxed(inner));
        }
    }

    pub fn grid(&mut self, mut grid: Grid) {
        for text in [
            &mut grid.column,
            &mut grid.yes,
            &mut grid.no,
            &mut grid.date,
        ] {
            *text = one_line(text);
        }
        for row in &mut grid.rows {
            row.label = one_line(&row.label);
            row.month = one_line(&row.month);
        }
        self.blocks.push(Block::Grid(grid));
    }

    pub fn table(&mut self, mut table: Table) {
        for cell in table
            .header
            .iter_mut()
            .chain(table.rows.iter_mut().flatten())
        {
            *cell = one_line(cell);
        }
        self.blocks.push(Block::Table(table));
    }

    pub fn ticks(&mut self, ticks: impl IntoIterator<Item = (bool, String)>) {
        let ticks: Vec<_> = ticks.into_iter().map(|(t, l)| (t, one_line(&l))).collect();
        if !ticks.is_empty() {
            self.blocks.push(Block::Ticks(ticks));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_in_cleans_control_characters() {
        let mut d = Doc::new("(left blank)");
        d.heading(1, "T\x1b[2J");
        d.answer("a\x07\r\nb");
        d.fields([("N\x00", "v\x1b".to_string())]);
        d.ticks([(true, "x\u{202E}".to_string())]);
        let dump = format!("{:?}", d.blocks);
        assert!(
            !dump.contains("\\u{1b}") && !dump.contains("\\u{7}"),
            "{dump}"
        );
        assert!(
            !dump.contains("\\0") && !dump.contains("\\u{202e}"),
            "{dump}"
        );
        assert_eq!(d.blocks[1], Block::Text("a\u{FFFD}\nb".into()));
    }

    #[test]
    fn empty_answers_say_so() {
        let mut d = Doc::new("(left blank)");
        d.answer(" \n\t ");
        d.fields([("Name", String::new())]);
        assert_eq!(d.blocks[0], Block::Aside("(left blank)".into()));
        assert_eq!(
            d.blocks[1],
            Block::Fields(vec![("Name".into(), "(left blank)".into())])
        );
    }
}
