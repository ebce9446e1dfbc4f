//! Writes blocks as Markdown that CommonMark, GitHub and pandoc all read the same way: ATX
//! headings, a blank line between blocks, GFM pipe tables for the workshop grids and task-list
//! ticks. Every piece of text goes through `escape`, so structure comes only from here.

use super::doc::{Align, Block, Grid, join_blocks, tick};
use super::escape::{inline, line, paragraphs};
use crate::model::Attend;
use textwrap::core::display_width;

pub(crate) fn render(blocks: &[Block]) -> String {
    join_blocks(blocks, block)
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
            .map(|(ticked, label)| format!("- {} {}", tick(*ticked), line(label)))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Table(t) => pipe_table(
            &t.align,
            std::iter::once(&t.header)
                .chain(&t.rows)
                .map(|row| row.iter().map(|c| inline(c)).collect())
                .collect(),
        ),
    }
}

/// A workshop grid: the session, then Yes and No centred as on the form, then the month.
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
            tick(r.attend == Some(Attend::Yes)).to_string(),
            tick(r.attend == Some(Attend::No)).to_string(),
            inline(&r.month),
        ]
    });
    let align = [Align::Left, Align::Centre, Align::Centre, Align::Left];
    pipe_table(&align, std::iter::once(header).chain(rows).collect())
}

/// A pipe table of escaped cells, header row first, padded to aligned columns so that the
/// source reads as a table too.
fn pipe_table(align: &[Align], rows: Vec<Vec<String>>) -> String {
    let widths: Vec<usize> = (0..align.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| display_width(c)))
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let line = |cells: &Vec<String>| {
        let padded: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let c = cells.get(i).map_or("", String::as_str);
                let pad = " ".repeat(w - display_width(c));
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
        let md = render(&[
            Block::Heading {
                level: 2,
                text: "About You".into(),
            },
            Block::Fields(vec![
                ("Name".into(), "Jane *Smith*".into()),
                ("Fte".into(), "1.0".into()),
            ]),
            Block::Aside("[Please list]".into()),
        ]);
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
             | A \\| B   | [x] | [ ] | 09/21         |\n\
             | C        | [ ] | [ ] |               |"
        );
    }
}
