//! Shared helpers: the fixture record, rendering shortcuts, and reading Markdown back with
//! pulldown-cmark the way a converter would.

use mentorplan::calendar::PlanWindow;
use mentorplan::catalog::Catalog;
use mentorplan::export::{Format, Options, Section, render};
use mentorplan::model::Record;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::PathBuf;

pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jane-smith")
}

/// Jane Smith's record, read by the real storage code (reading never writes).
pub fn jane() -> Record {
    mentorplan::storage::Store::new(fixture_dir())
        .load()
        .expect("the fixture loads")
}

pub fn options(include_confidential: bool) -> Options {
    Options {
        window: PlanWindow(2021),
        include_confidential,
    }
}

pub fn export(record: &Record, section: Section, format: Format) -> String {
    render(record, &Catalog::ceres(), section, format, &options(true)).expect("renders")
}

pub fn parser(md: &str) -> Parser<'_> {
    Parser::new_ext(
        md,
        pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_TASKLISTS
            | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
            | pulldown_cmark::Options::ENABLE_FOOTNOTES,
    )
}

/// What a reader sees: text with block ends and line breaks as newlines, tick boxes as
/// `[x]`/`[ ]`, table cells separated by ` | `.
pub fn visible_text(md: &str) -> String {
    let mut out = String::new();
    for event in parser(md) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
            Event::End(TagEnd::TableCell) => out.push_str(" | "),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableRow | TagEnd::TableHead,
            )
            | Event::End(TagEnd::Item) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// Collapses every run of whitespace to one space, so that wrapped text can be searched.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The structure a parser finds: headings (level and text), tables (rows of cells, header
/// first), and the count of everything a member's text must never produce.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outline {
    pub headings: Vec<(u8, String)>,
    pub tables: Vec<Vec<Vec<String>>>,
    pub list_items: usize,
    pub html: usize,
    pub links_or_images: usize,
    pub code: usize,
    pub quotes: usize,
    pub rules: usize,
    pub footnotes: usize,
}

pub fn outline(md: &str) -> Outline {
    let mut o = Outline::default();
    let mut heading: Option<(u8, String)> = None;
    let mut cell: Option<String> = None;
    for event in parser(md) {
        if matches!(event, Event::Code(_)) {
            o.code += 1;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => o.headings.extend(heading.take()),
            Event::Start(Tag::Table(_)) => o.tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                o.tables.last_mut().expect("in a table").push(Vec::new())
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let row = o
                    .tables
                    .last_mut()
                    .and_then(|t| t.last_mut())
                    .expect("in a row");
                row.push(cell.take().unwrap_or_default());
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::Start(Tag::Item) => o.list_items += 1,
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => o.html += 1,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => o.links_or_images += 1,
            Event::Start(Tag::CodeBlock(_)) => o.code += 1,
            Event::Start(Tag::BlockQuote(_)) => o.quotes += 1,
            Event::Rule => o.rules += 1,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)) => {
                o.footnotes += 1
            }
            _ => {}
        }
    }
    o
}
