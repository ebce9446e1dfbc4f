//! Writes blocks as Markdown that CommonMark, GitHub and pandoc all read the same way: ATX
//! headings, a blank line between blocks, GFM pipe tables for the workshop grids and task-list
//! ticks, and a YAML title block so that `pandoc -s` makes a titled document with nothing
//! more. Every piece of text goes through `escape`, so structure comes only from here.

use super::doc::{Align, Block, Grid, Meta, join_blocks, task, tick_box};
use super::escape::{inline, line, paragraphs};
use crate::model::Attend;
use textwrap::core::display_width;

/// The title block, then the blocks; the first heading is the title, so it is not repeated.
pub(crate) fn render(blocks: &[Block], meta: &Meta) -> String {
    if meta.title.is_empty() {
        return join_blocks(blocks, block);
    }
    let mut rest = blocks;
    if let Some((Block::Heading { text, .. }, after)) = blocks.split_first()
        && *text == meta.title
    {
        rest = after;
    }
    let mut out = title_block(meta);
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(&join_blocks(rest, block));
    }
    out
}

/// Pandoc's YAML metadata: each value is Markdown in a double-quoted YAML string, so it is
/// escaped for both (a title "4. My plan" must not become a numbered list).
fn title_block(meta: &Meta) -> String {
    let quoted = |v: &str| {
        let md = line(v);
        format!("\"{}\"", md.replace('\\', "\\\\").replace('"', "\\\""))
    };
    let mut out = String::from("---\n");
    for (key, value) in [
        ("title", &meta.title),
        ("author", &meta.author),
        ("date", &meta.date),
    ] {
        if !value.is_empty() {
            out.push_str(&format!("{key}: {}\n", quoted(value)));
        }
    }
    out.push_str("---\n");
    out
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading { level, text } => {
            format!("{} {}", "#".repeat((*level).clamp(1, 6)), inline(text))
        }
        Block::Text(text) => paragraphs(text),
        Block::Aside(text) => format!("*{}*", inline(text)),
        Block::Label(text) => format!("**{}**", inline(text)),
        // One paragraph with hard breaks, so the pairs read as a block.
        Block::Fields(pairs) => pairs
            .iter()
            .map(|(label, value)| format!("**{}:** {}", inline(label), inline(value)))
            .collect::<Vec<_>>()
            .join("\\\n"),
        Block::Grid(grid) => table(grid),
        Block::Ticks(ticks) => ticks
            .iter()
            .map(|(ticked, label)| format!("- {} {}", task(*ticked), line(label)))
            .collect::<Vec<_>>()
            .join("\n"),
        // Written through `join_blocks`, which spaces a box's blocks as any others.
        Block::Boxed(inner) => join_blocks(inner, block).trim_end_matches('\n').to_string(),
        Block::Table(t) => pipe_table(
            &t.align,
            std::iter::once(&t.header)
                .chain(&t.rows)
                .map(|row| row.iter().map(|c| inline(c)).collect())
                .collect(),
        ),
    }
}

/// A workshop grid: the session, then Yes and No boxes centred as on the form, then the month.
/// The rule under the header is weighted (pandoc sizes a wide table's columns by its dashes) so
/// that the session takes about three fifths of the page and Yes, No and the date stay readable
/// in Word and HTML instead of being squeezed to a few per cent each.
fn table(grid: &Grid) -> String {
    let header = vec![
        inline(&grid.column),
        inline(&grid.yes),
        inline(&grid.no),
        inline(&grid.date),
    ];
    let rows = grid.rows.iter().map(|r| {
        vec![
            inline(&r.label),
            tick_box(r.attend == Some(Attend::Yes)).to_string(),
            tick_box(r.attend == Some(Attend::No)).to_string(),
            inline(&r.month),
        ]
    });
    let align = [Align::Left, Align::Centre, Align::Centre, Align::Left];
    let rows: Vec<Vec<String>> = std::iter::once(header).chain(rows).collect();
    let mut widths = natural_widths(&align, &rows);
    let label = widths[0];
    widths[1] = widths[1].max(label.div_ceil(6));
    widths[2] = widths[2].max(label.div_ceil(6));
    widths[3] = widths[3].max(label * 2 / 7);
    pipe_table_with(&align, rows, &widths)
}

/// Each column as wide as its widest cell (at least 3, the shortest rule pandoc reads).
fn natural_widths(align: &[Align], rows: &[Vec<String>]) -> Vec<usize> {
    (0..align.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| display_width(c)))
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect()
}

/// A pipe table of escaped cells, header row first, padded to aligned columns so that the
/// source reads as a table too.
fn pipe_table(align: &[Align], rows: Vec<Vec<String>>) -> String {
    let widths = natural_widths(align, &rows);
    pipe_table_with(align, rows, &widths)
}

/// A pipe table with each column padded to `widths` and ruled with as many dashes.
fn pipe_table_with(align: &[Align], rows: Vec<Vec<String>>, widths: &[usize]) -> String {
    let line = |cells: &Vec<String>| {
        let padded: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let c = cells.get(i).map_or("", String::as_str);
                let pad = " ".repeat(w.saturating_sub(display_width(c)));
                match align[i] {
                    Align::Right => format!("{pad}{c}"),
                    Align::Left | Align::Centre => format!("{c}{pad}"),
                }
            })
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let rule: Vec<String> = widths
        .iter()
        .zip(align)
        .map(|(w, a)| match a {
            Align::Left => "-".repeat(*w),
            Align::Centre => format!(":{}:", "-".repeat(w - 2)),
            Align::Right => format!("{}:", "-".repeat(w - 1)),
        })
        .collect();
    let mut lines = rows.iter().map(line);
    let mut out = vec![
        lines.next().unwrap_or_default(),
        format!("| {} |", rule.join(" | ")),
    ];
    out.extend(lines);
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::doc::GridRow;

    #[test]
    fn blocks_are_separated_by_one_blank_line() {
        let md = render(
            &[
                Block::Heading {
                    level: 2,
                    text: "About You".into(),
                },
                Block::Fields(vec![
                    ("Name".into(), "Jane *Smith*".into()),
                    ("Fte".into(), "1.0".into()),
                ]),
                Block::Aside("[Please list]".into()),
            ],
            &Meta::default(),
        );
        assert_eq!(
            md,
            "## About You\n\n**Name:** Jane \\*Smith\\*\\\n**Fte:** 1.0\n\n*\\[Please list\\]*\n"
        );
    }

    #[test]
    fn grid_is_an_aligned_pipe_table_with_ticks() {
        let md = table(&Grid {
            column: "Workshop".into(),
            yes: "Yes".into(),
            no: "No".into(),
            date: "Intended date".into(),
            rows: vec![
                GridRow {
                    label: "A | B".into(),
                    attend: Some(Attend::Yes),
                    month: "09/21".into(),
                },
                GridRow {
                    label: "C".into(),
                    attend: None,
                    month: String::new(),
                },
            ],
        });
        assert_eq!(
            md,
            "| Workshop | Yes | No  | Intended date |\n\
             | -------- | :-: | :-: | ------------- |\n\
             | A \\| B   | ☒   | ☐   | 09/21         |\n\
             | C        | ☐   | ☐   |               |"
        );
    }

    #[test]
    fn a_long_grid_gives_yes_no_and_the_date_a_readable_share_of_the_rule() {
        let label =
            "Income, Innovation and Impact: How knowledge Exchange can optimise your research";
        let md = table(&Grid {
            column: "Workshop".into(),
            yes: "Yes".into(),
            no: "No".into(),
            date: "Intended date".into(),
            rows: vec![GridRow {
                label: label.into(),
                attend: None,
                month: String::new(),
            }],
        });
        let rule = md.lines().nth(1).unwrap();
        let dashes: Vec<usize> = rule
            .split('|')
            .map(|c| c.matches('-').count())
            .filter(|n| *n > 0)
            .collect();
        let total: usize = dashes.iter().sum();
        // pandoc gives each column its share of the dashes once a line is wider than 72.
        assert!(dashes[0] * 100 / total >= 55, "{rule}");
        for d in &dashes[1..] {
            assert!(d * 100 / total >= 9, "{rule}");
        }
    }

    #[test]
    fn the_title_block_escapes_for_yaml_and_markdown_and_replaces_the_first_heading() {
        let meta = Meta {
            title: "4. My \"Plan\"".into(),
            author: "Jane Smith".into(),
            date: String::new(),
        };
        let md = render(
            &[
                Block::Heading {
                    level: 1,
                    text: meta.title.clone(),
                },
                Block::Text("Body".into()),
            ],
            &meta,
        );
        assert_eq!(
            md,
            "---\ntitle: \"4\\\\. My \\\"Plan\\\"\"\nauthor: \"Jane Smith\"\n---\n\nBody\n"
        );
    }
}
