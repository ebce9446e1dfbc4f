//! Writes blocks as a Word document (Office Open XML, `.docx`) laid out like the printed form:
//! real headings (so Word's navigation pane and pandoc see the structure), the workshop grids
//! as tables whose session column takes most of the page and whose Yes and No columns hold
//! ☒/☐ boxes, the member's line breaks kept. Written natively with `docx-rs`, so a member on a
//! server without pandoc or LibreOffice can still send the Director a Word file.

use super::doc::{Align, Block, Grid, Table as DocTable, tick_box};
use crate::model::Attend;
use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Style,
    StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

/// A4 with 2 cm margins, in twentieths of a point: the width tables are laid out in.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN: i32 = 1134;
const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;
/// The Yes, No and Intended date columns of a workshop grid; the session name takes the rest.
const TICK_COLUMN: usize = 850;
const DATE_COLUMN: usize = 1750;
/// Half-points, as Word counts font sizes: the body text and headings by level.
const BODY_SIZE: usize = 22;
const HEADING_SIZES: [usize; 4] = [32, 26, 24, 22];
const BODY_FONT: &str = "Calibri";
/// A font that has the ballot boxes on every system Word runs on; LibreOffice substitutes one
/// that has them where it is missing.
const BOX_FONT: &str = "Segoe UI Symbol";
/// Space after a paragraph and before a heading, in twentieths of a point, so that paragraphs
/// read apart as in Word's own default; none inside table cells, which the grid lines separate.
const PARAGRAPH_AFTER: u32 = 120;
const HEADING_BEFORE: u32 = 240;

/// The document as the bytes of a `.docx` file.
pub(crate) fn render(blocks: &[Block]) -> Vec<u8> {
    let mut docx = styles(Docx::new())
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: 708,
            footer: 708,
            gutter: 0,
        })
        .default_size(BODY_SIZE)
        .default_line_spacing(LineSpacing::new().after(PARAGRAPH_AFTER))
        .default_fonts(RunFonts::new().ascii(BODY_FONT).hi_ansi(BODY_FONT))
        // Fixed stamps: the same record gives the same file, byte for byte.
        .created_at("2000-01-01T00:00:00Z")
        .updated_at("2000-01-01T00:00:00Z");
    for part in blocks.iter().flat_map(parts) {
        docx = match part {
            Part::Paragraph(p) => docx.add_paragraph(*p),
            Part::Table(t) => docx.add_table(*t),
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .expect("writing a zip archive to memory cannot fail");
    out.into_inner()
}

/// What a block becomes in the document body.
enum Part {
    // Boxed: both are large values, moved about in lists.
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

fn parts(b: &Block) -> Vec<Part> {
    let para = |p| vec![Part::Paragraph(Box::new(p))];
    match b {
        Block::Heading { level, text } => para(
            Paragraph::new()
                .style(&heading_style(*level))
                .keep_next(true)
                .add_run(Run::new().add_text(xml_safe(text))),
        ),
        Block::Text(text) => paragraphs(text)
            .into_iter()
            .map(|p| Part::Paragraph(Box::new(p)))
            .collect(),
        Block::Aside(text) => {
            para(Paragraph::new().add_run(Run::new().italic().add_text(xml_safe(text))))
        }
        Block::Label(text) => para(
            Paragraph::new()
                .keep_next(true)
                .add_run(Run::new().bold().add_text(xml_safe(text))),
        ),
        // One paragraph with a line break between pairs, so they read as a block.
        Block::Fields(pairs) => {
            let mut p = Paragraph::new();
            for (i, (label, value)) in pairs.iter().enumerate() {
                let mut label_run = Run::new().bold();
                if i > 0 {
                    label_run = label_run.add_break(BreakType::TextWrapping);
                }
                p = p
                    .add_run(label_run.add_text(xml_safe(&format!("{label}:"))))
                    .add_run(Run::new().add_text(xml_safe(&format!(" {value}"))));
            }
            para(p)
        }
        Block::Grid(grid) => vec![Part::Table(Box::new(grid_table(grid)))],
        Block::Ticks(ticks) => ticks
            .iter()
            .map(|(ticked, label)| {
                Part::Paragraph(Box::new(
                    Paragraph::new()
                        .add_run(box_run(*ticked))
                        .add_run(Run::new().add_text(xml_safe(&format!(" {label}")))),
                ))
            })
            .collect(),
        Block::Table(t) => vec![Part::Table(Box::new(plain_table(t)))],
        Block::Boxed(inner) => vec![Part::Table(Box::new(boxed(inner)))],
    }
}

/// A ruled box the width of the page holding `inner`, as the form frames each prompt with the
/// space for its answer.
fn boxed(inner: &[Block]) -> Table {
    let mut cell = TableCell::new().width(TEXT_WIDTH, WidthType::Dxa);
    for part in inner.iter().flat_map(parts) {
        cell = match part {
            Part::Paragraph(p) => cell.add_paragraph(*p),
            Part::Table(t) => cell.add_table(*t),
        };
    }
    Table::new(vec![TableRow::new(vec![cell])])
        .set_grid(vec![TEXT_WIDTH])
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn heading_style(level: usize) -> String {
    format!("Heading{}", level.clamp(1, HEADING_SIZES.len()))
}

/// Word's own heading styles by their built-in names, which pandoc and screen readers map to
/// heading levels, and a table style with the form's grid lines.
fn styles(mut docx: Docx) -> Docx {
    for (i, size) in HEADING_SIZES.iter().enumerate() {
        let level = i + 1;
        docx = docx.add_style(
            Style::new(heading_style(level), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .outline_lvl(i)
                .size(*size)
                .line_spacing(LineSpacing::new().before(HEADING_BEFORE).after(60))
                .bold()
                .color("1F3864"),
        );
    }
    docx
}

/// A run of text with characters XML 1.0 cannot carry removed (the export's text is already
/// free of control characters; U+FFFE and U+FFFF are the ones left that a file could hold).
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

fn box_run(ticked: bool) -> Run {
    Run::new()
        .fonts(
            RunFonts::new()
                .ascii(BOX_FONT)
                .hi_ansi(BOX_FONT)
                .east_asia(BOX_FONT)
                .cs(BOX_FONT),
        )
        .add_text(tick_box(ticked))
}

/// The member's text: a paragraph for each run of lines, a line break for each line break.
fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for chunk in text.split("\n\n") {
        let lines: Vec<&str> = chunk
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let mut run = Run::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(xml_safe(line));
        }
        out.push(Paragraph::new().add_run(run));
    }
    out
}

fn cell(width: usize, para: Paragraph) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(para.line_spacing(LineSpacing::new().before(20).after(20)))
}

fn text_para(text: &str, align: Align, bold: bool) -> Paragraph {
    let run = Run::new().add_text(xml_safe(text));
    let run = if bold { run.bold() } else { run };
    Paragraph::new().align(alignment(align)).add_run(run)
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Centre => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// A workshop grid as on the form: the session, Yes and No as boxes, the intended month.
fn grid_table(grid: &Grid) -> Table {
    let widths = [
        TEXT_WIDTH - 2 * TICK_COLUMN - DATE_COLUMN,
        TICK_COLUMN,
        TICK_COLUMN,
        DATE_COLUMN,
    ];
    let header = TableRow::new(vec![
        cell(widths[0], text_para(&grid.column, Align::Left, true)),
        cell(widths[1], text_para(&grid.yes, Align::Centre, true)),
        cell(widths[2], text_para(&grid.no, Align::Centre, true)),
        cell(widths[3], text_para(&grid.date, Align::Centre, true)),
    ])
    .cant_split();
    let boxed = |ticked: bool| {
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(box_run(ticked))
    };
    let rows = grid.rows.iter().map(|r| {
        TableRow::new(vec![
            cell(widths[0], text_para(&r.label, Align::Left, false)),
            cell(widths[1], boxed(r.attend == Some(Attend::Yes))),
            cell(widths[2], boxed(r.attend == Some(Attend::No))),
            cell(widths[3], text_para(&r.month, Align::Centre, false)),
        ])
        .cant_split()
    });
    Table::new(std::iter::once(header).chain(rows).collect())
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// A table of catalogue labels and numbers: the first column takes what the others leave.
fn plain_table(t: &DocTable) -> Table {
    let n = t.align.len().max(1);
    let other = (TEXT_WIDTH / 2 / n.saturating_sub(1).max(1)).min(1600);
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            if i == 0 {
                TEXT_WIDTH - other * (n - 1)
            } else {
                other
            }
        })
        .collect();
    let row = |cells: &Vec<String>, bold: bool| {
        TableRow::new(
            (0..n)
                .map(|i| {
                    let c = cells.get(i).map_or("", String::as_str);
                    cell(widths[i], text_para(c, t.align[i], bold))
                })
                .collect(),
        )
        .cant_split()
    };
    let rows = std::iter::once(row(&t.header, true)).chain(t.rows.iter().map(|r| row(r, false)));
    Table::new(rows.collect())
        .set_grid(widths.clone())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}
