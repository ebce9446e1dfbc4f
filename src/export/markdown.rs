//! Writes blocks as Markdown that CommonMark, GitHub and pandoc all read the same way: ATX
//! headings, a blank line between blocks, GFM pipe tables for the workshop grids and task-list
//! ticks. Every piece of text goes through `escape`, so structure comes only from here.

use super::doc::{Block, Grid, join_blocks, tick};
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
    }
}

/// A pipe table padded to aligned columns so that the source reads as a table too.
fn table(grid: &Grid) -> String {
    let header = [
        inline(&grid.column),
        inline(&grid.yes),
        inline(&grid.no),
        inline(&grid.date),
    ];
    let rows: Vec<[String; 4]> = grid
        .rows
        .iter()
        .map(|r| {
            [
                inline(&r.label),
                tick(r.attend == Some(Attend::Yes)).to_string(),
                tick(r.attend == Some(Attend::No)).to_string(),
                inline(&r.month),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .chain(std::iter::once(&header))
                .map(|r| display_width(&r[i]))
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let line = |cells: &[String; 4]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - display_width(c))))
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            // Centre the tick columns, as on the form.
            if i == 1 || i == 2 {
                format!(":{}:", "-".repeat(w - 2))
            } else {
                "-".repeat(*w)
            }
        })
        .collect();
    let mut out = vec![line(&header), format!("| {} |", rule.join(" | "))];
    out.extend(rows.iter().map(line));
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
