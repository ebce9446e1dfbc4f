//! Shared helpers: the fixture record, rendering shortcuts, and reading Markdown back with
//! pulldown-cmark the way a converter would.

use mentorplan::calendar::PlanWindow;
use mentorplan::catalog::Catalog;
use mentorplan::export::{Format, Options, Section, render};
use mentorplan::model::Record;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::PathBuf;
use textwrap::core::display_width;

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
            | pulldown_cmark::Options::ENABLE_FOOTNOTES
            // The title block pandoc reads (`---` YAML `---`).
            | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            // pandoc's heading attributes (`{.class onclick=...}`) and `$math$`.
            | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES
            | pulldown_cmark::Options::ENABLE_MATH,
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

/// The `title:` of a YAML title block: a double-quoted YAML string of escaped Markdown.
pub fn yaml_title(yaml: &str) -> Option<String> {
    let line = yaml.lines().find_map(|l| l.strip_prefix("title: "))?;
    let quoted = line.strip_prefix('"')?.strip_suffix('"')?;
    let unyaml = quoted
        .replace("\\\\", "\u{1}")
        .replace("\\\"", "\"")
        .replace("\u{1}", "\\");
    let mut out = String::new();
    let mut chars = unyaml.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    Some(out)
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
    /// Headings given an id, classes or attributes (pandoc writes them out as HTML attributes).
    pub attributes: usize,
    pub math: usize,
}

pub fn outline(md: &str) -> Outline {
    let mut o = Outline::default();
    let mut heading: Option<(u8, String)> = None;
    let mut cell: Option<String> = None;
    let mut metadata = false;
    for event in parser(md) {
        if matches!(event, Event::Code(_)) {
            o.code += 1;
        }
        match event {
            // The title block's title is the document's level-1 heading, as pandoc makes it.
            Event::Start(Tag::MetadataBlock(_)) => metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => metadata = false,
            Event::Text(t) if metadata => o.headings.extend(yaml_title(&t).map(|t| (1, t))),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                if id.is_some() || !classes.is_empty() || !attrs.is_empty() {
                    o.attributes += 1;
                }
                heading = Some((level as u8, String::new()))
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => o.math += 1,
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

/// How many texts `fill` takes: every field a member can type into in Jane's record.
pub const FIELDS: usize = 29;

/// Puts `texts` into every field a member can type into.
pub fn fill(record: &mut Record, texts: &[String]) {
    let mut t = texts.iter().cloned();
    let mut next = || t.next().expect("enough texts");
    let p = &mut record.profile;
    p.name = next();
    p.position = next();
    p.mentors = vec![next(), next()];
    p.email = Some(next());
    let plan = record
        .plans
        .get_mut(&PlanWindow(2021))
        .expect("fixture plan");
    plan.about.name = next();
    plan.about.position = next();
    plan.about.mentor = next();
    for text in plan.sections.values_mut() {
        *text = next();
    }
    for id in ["other", "journal"] {
        record.checklist.areas.entry(id.into()).or_default().specify = next();
    }
    for a in &mut record.meetings.actions {
        a.activity = next();
        a.outputs = next();
        a.researcher_comments = next();
        a.mentor_comments = next();
    }
    for m in &mut record.meetings.meetings {
        m.notes = next();
    }
    assert!(t.next().is_none(), "every text is used");
}

pub fn dangerous(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The characters a reader can see, in order: no whitespace, no control characters, and no
/// U+FFFD (what the export puts where a control character was).
pub fn visible(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !dangerous(*c) && *c != '\u{FFFD}')
        .collect()
}

/// The first line wider than 72 columns that is not one unbreakable word, if any (see
/// `properties` for the rule).
pub fn width_problem(txt: &str) -> Option<String> {
    for line in txt.lines() {
        let width = display_width(line);
        if width <= 72 {
            continue;
        }
        let before = line.rsplit_once(' ').map_or("", |(b, _)| b).trim();
        if !(before.is_empty() || (before.ends_with(':') && !before.contains(' '))) {
            return Some(format!(
                "a line of {width} columns that is not one unbreakable word: {line:?}"
            ));
        }
    }
    None
}

/// The first of `texts` whose visible characters are not all in the Markdown (as a reader
/// sees it) or in the plain text, if any.
pub fn lost_text(md: &str, txt: &str, texts: &[String]) -> Option<String> {
    let seen_md = visible(&visible_text(md));
    let seen_txt = visible(txt);
    texts.iter().find_map(|text| {
        let words = visible(text);
        if !seen_md.contains(&words) {
            Some(format!("markdown lost {text:?}"))
        } else if !seen_txt.contains(&words) {
            Some(format!("text lost {text:?}"))
        } else {
            None
        }
    })
}
