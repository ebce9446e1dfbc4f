//! Writes blocks as plain text to paste into an e-mail: wrapped at 72 display columns (so CJK
//! and emoji count double), headings underlined, workshop grids as aligned columns with long
//! names wrapped under themselves. Words wider than a line (URLs, DOIs) are kept whole rather
//! than broken, so they still work when copied.

use super::doc::{Align, Block, Grid, Table, join_blocks, tick_box};
use super::sanitize::REPLACEMENT;
use crate::model::Attend;
use textwrap::WordSeparator;
use textwrap::core::{Word, display_width};

pub(crate) const WIDTH: usize = 72;

/// Underlines by heading level, as in reStructuredText.
const UNDERLINES: [char; 4] = ['=', '-', '~', '^'];
const GAP: &str = "  ";
/// A label column wider than this would leave too little room for values; values then hang
/// under the label at this indent instead.
const MAX_LABEL_COLUMN: usize = 28;
/// Continuation lines of an indented or bulleted line hang at most this far in.
const MAX_HANG: usize = 24;

pub(crate) fn render(blocks: &[Block]) -> String {
    join_blocks(blocks, block)
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading { level, text } => heading(*level, text),
        Block::Text(text) => paragraphs(text),
        Block::Aside(text) => wrap(text, "", ""),
        Block::Label(text) => wrap(&format!("{text}:"), "", ""),
        Block::Fields(pairs) => fields(pairs),
        Block::Grid(grid) => table(grid),
        Block::Ticks(ticks) => ticks
            .iter()
            .map(|(t, label)| {
                let first = format!("{} ", tick_box(*t));
                let hang = " ".repeat(display_width(&first));
                wrap(label, &first, &hang)
            })
            .collect::<Vec<_>>()
            .join("\n"),
        // Written through `join_blocks`, which spaces a box's blocks as any others.
        Block::Boxed(inner) => join_blocks(inner, block).trim_end_matches('\n').to_string(),
        Block::Table(t) => columns(t),
    }
}

/// Wraps one line of text with `first` before it and `hang` before each continuation.
fn wrap(text: &str, first: &str, hang: &str) -> String {
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(hang)
        .break_words(false)
        // Greedy filling, as `fmt` does: predictable, and an over-wide word always starts its
        // own line instead of dragging the words before it past the margin.
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(WordSeparator::Custom(words_keeping_links));
    let lines = textwrap::wrap(text.trim(), options);
    let joined: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
    joined.join("\n")
}

/// Splits at spaces, then at the Unicode line-break opportunities inside each word (so CJK
/// text and long hyphenated words wrap), except inside a URL or e-mail address, which a reader
/// must be able to copy whole.
fn words_keeping_links(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    Box::new(WordSeparator::AsciiSpace.find_words(line).flat_map(|w| {
        // Most words have no break opportunity inside: skip the Unicode segmenter,
        // which costs a third of a large plain-text export.
        if is_link(w.word) || unbreakable_ascii(w.word) {
            return Parts::One(Some(w));
        }
        // A replaced control character is where an escape sequence was: the raw text was
        // narrower than what is printed, and nobody needs to copy it whole, so a line may break
        // after each one (a run of them must not push the line past 72 columns).
        if w.word.contains(REPLACEMENT) {
            let mut parts: Vec<Word<'_>> = w
                .word
                .split_inclusive(REPLACEMENT)
                .flat_map(|piece| WordSeparator::UnicodeBreakProperties.find_words(piece))
                .collect();
            if let Some(last) = parts.last_mut() {
                last.whitespace = w.whitespace;
            }
            return Parts::Many(parts.into_iter());
        }
        let mut parts: Vec<Word<'_>> = WordSeparator::UnicodeBreakProperties
            .find_words(w.word)
            .collect();
        if let Some(last) = parts.last_mut() {
            last.whitespace = w.whitespace;
        }
        Parts::Many(parts.into_iter())
    }))
}

/// One word, or the pieces of a word split at its line-break opportunities.
enum Parts<'a> {
    One(Option<Word<'a>>),
    Many(std::vec::IntoIter<Word<'a>>),
}

impl<'a> Iterator for Parts<'a> {
    type Item = Word<'a>;
    fn next(&mut self) -> Option<Word<'a>> {
        match self {
            Parts::One(w) => w.take(),
            Parts::Many(it) => it.next(),
        }
    }
}

/// ASCII letters, digits and `.,;:'"`: Unicode line breaking (UAX #14: AL, NU, IS and QU)
/// allows no break inside such a word, so it is one piece.
fn unbreakable_ascii(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b".,;:'\"".contains(&b))
}

fn is_link(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word.starts_with("doi:")
        || word.contains('@')
}

fn heading(level: usize, text: &str) -> String {
    let wrapped = wrap(text, "", "");
    let width = wrapped.lines().map(display_width).max().unwrap_or(0);
    let mark = UNDERLINES[level.clamp(1, UNDERLINES.len()) - 1];
    format!("{wrapped}\n{}", mark.to_string().repeat(width))
}

/// The member's text: each line wrapped on its own so that their line breaks survive; an
/// indented or bulleted line ("· Participate in ...") continues under its own text.
fn paragraphs(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut blank_pending = false;
    for raw in text.lines() {
        let raw = raw.trim_end();
        if raw.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if blank_pending {
            out.push(String::new());
            blank_pending = false;
        }
        let body = raw.trim_start();
        let indent = &raw[..raw.len() - body.len()];
        let hang = (display_width(indent) + marker_width(body)).min(MAX_HANG);
        out.push(wrap(body, indent, &" ".repeat(hang)));
    }
    out.join("\n")
}

/// The width of a bullet or number and the space after it ("· ", "- ", "1. ", "(a) "), so
/// that a wrapped item lines up under its own words.
fn marker_width(line: &str) -> usize {
    let Some((marker, _)) = line.split_once(' ') else {
        return 0;
    };
    let bullet = matches!(
        marker,
        "·" | "•" | "-" | "*" | "+" | "–" | "—" | "o" | "▪" | "◦"
    );
    let numbered = marker.chars().count() <= 5
        && (marker.ends_with('.') || marker.ends_with(')'))
        && marker
            .trim_start_matches('(')
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_alphanumeric());
    if bullet || numbered {
        display_width(marker) + 1
    } else {
        0
    }
}

/// "Name:     Jane Smith", values aligned after the widest label and wrapped under themselves.
fn fields(pairs: &[(String, String)]) -> String {
    let column = pairs
        .iter()
        .map(|(label, _)| display_width(label) + 2)
        .max()
        .unwrap_or(0);
    pairs
        .iter()
        .map(|(label, value)| {
            if column <= MAX_LABEL_COLUMN {
                let first = format!("{label}:{}", " ".repeat(column - display_width(label) - 1));
                wrap(value, &first, &" ".repeat(column))
            } else {
                wrap(value, &format!("{label}: "), "    ")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A workshop grid as the form lays it out: the session first (wrapping within its column),
/// then the Yes and No boxes and the intended month.
fn table(grid: &Grid) -> String {
    let rows = grid
        .rows
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                tick_box(r.attend == Some(Attend::Yes)).to_string(),
                tick_box(r.attend == Some(Attend::No)).to_string(),
                r.month.clone(),
            ]
        })
        .collect();
    columns(&Table {
        align: vec![Align::Left; 4],
        header: vec![
            grid.column.clone(),
            grid.yes.clone(),
            grid.no.clone(),
            grid.date.clone(),
        ],
        rows,
    })
}

/// A table as aligned columns under a dashed rule. The first column takes the room the others
/// leave and wraps within it; the others are short (numbers, ratings) and never wrap.
fn columns(t: &Table) -> String {
    let n = t.align.len();
    let width = |i: usize| {
        std::iter::once(&t.header)
            .chain(&t.rows)
            .map(|r| r.get(i).map_or(0, |c| display_width(c)))
            .max()
            .unwrap_or(0)
    };
    let mut widths: Vec<usize> = (0..n).map(width).collect();
    let rest: usize = widths.iter().skip(1).map(|w| w + GAP.len()).sum();
    if let Some(first) = widths.first_mut() {
        *first = (*first).min(WIDTH.saturating_sub(rest).max(12));
    }
    let row = |cells: &Vec<String>| -> String {
        let wrapped: Vec<Vec<String>> = (0..n)
            .map(|i| {
                let c = cells.get(i).map_or("", String::as_str);
                if i == 0 {
                    let opts = textwrap::Options::new(widths[0]).break_words(false);
                    textwrap::wrap(c, opts)
                        .into_iter()
                        .map(|l| l.into_owned())
                        .collect()
                } else {
                    vec![c.to_string()]
                }
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        (0..height)
            .map(|line| {
                let parts: Vec<String> = (0..n)
                    .map(|i| {
                        let c = wrapped[i].get(line).map_or("", String::as_str);
                        let pad = " ".repeat(widths[i].saturating_sub(display_width(c)));
                        match t.align[i] {
                            Align::Right => format!("{pad}{c}"),
                            Align::Left | Align::Centre => format!("{c}{pad}"),
                        }
                    })
                    .collect();
                parts.join(GAP).trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    let mut out = vec![row(&t.header), rule.join(GAP)];
    out.extend(t.rows.iter().map(row));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_ascii_shortcut_agrees_with_unicode_line_breaking(word in "[a-zA-Z0-9.,;:'\"]{1,20}") {
            prop_assert!(unbreakable_ascii(&word));
            let parts = WordSeparator::UnicodeBreakProperties.find_words(&word).count();
            prop_assert_eq!(parts, 1, "{:?}", word);
        }
    }

    use super::*;
    use crate::export::doc::GridRow;

    #[test]
    fn tables_align_numbers_right_and_wrap_the_first_column() {
        let t = Table {
            align: vec![Align::Left, Align::Right, Align::Right],
            header: vec!["Area".into(), "Before".into(), "Change".into()],
            rows: vec![
                vec!["Journal".into(), "2".into(), "+2".into()],
                vec!["word ".repeat(20).trim().into(), "5".into(), "".into()],
            ],
        };
        let out = columns(&t);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("Area "), "{out}");
        assert!(lines[0].ends_with("Before  Change"), "{out}");
        assert!(lines[2].starts_with("Journal ") && lines[2].ends_with("     2      +2"));
        assert!(lines.len() > 4, "the long label wraps: {out}");
        assert!(lines.iter().all(|l| display_width(l) <= WIDTH), "{out}");
    }

    #[test]
    fn headings_are_underlined_to_their_width() {
        assert_eq!(heading(1, "Plan: 2021-23"), "Plan: 2021-23\n=============");
        assert_eq!(heading(2, "李华"), "李华\n----");
    }

    #[test]
    fn bullets_wrap_under_their_own_words() {
        let long =
            "· Attend the annual BERA conference 2022 and present a paper arising from my PhD";
        let out = paragraphs(long);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(
            lines[1].starts_with("  ") && !lines[1].starts_with("   "),
            "{out}"
        );
    }

    #[test]
    fn blank_lines_collapse_to_one_and_edges_are_trimmed() {
        assert_eq!(paragraphs("\n\na\n\n\n\nb\n\n"), "a\n\nb");
    }

    #[test]
    fn long_words_are_kept_whole() {
        let url = format!("https://example.org/{}", "x".repeat(80));
        let out = paragraphs(&format!("see {url} now"));
        assert_eq!(out, format!("see\n{url}\nnow"));
    }

    #[test]
    fn cjk_text_wraps_by_display_width() {
        let out = paragraphs(&"李华的研究计划".repeat(8));
        assert!(out.lines().count() > 1, "{out}");
        assert!(out.lines().all(|l| display_width(l) <= WIDTH), "{out}");
    }

    #[test]
    fn fields_align_and_wrap_under_the_value() {
        let out = fields(&[
            ("Name".into(), "Jane Smith".into()),
            ("Position".into(), "word ".repeat(20).trim().into()),
        ]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "Name:     Jane Smith");
        assert!(lines[1].starts_with("Position: word"));
        assert!(lines[2].starts_with("          word"), "{out}");
        assert!(lines.iter().all(|l| display_width(l) <= WIDTH));
    }

    #[test]
    fn grid_rows_line_up_and_long_names_hang() {
        let out = table(&Grid {
            column: "ACTivator Workshops on Research".into(),
            yes: "Yes".into(),
            no: "No".into(),
            date: "Intended date".into(),
            rows: vec![GridRow {
                label: "Income, Innovation and Impact: How knowledge Exchange can optimise your research".into(),
                attend: Some(Attend::Yes),
                month: "09/21".into(),
            }],
        });
        let lines: Vec<&str> = out.lines().collect();
        // The session first, as on the form; its column takes what the others leave.
        let name = 72 - "  Yes  No  Intended date".len();
        assert_eq!(
            lines[0],
            format!(
                "{:name$}  Yes  No  Intended date",
                "ACTivator Workshops on Research"
            )
        );
        assert_eq!(
            lines[1],
            format!("{}  ---  --  -------------", "-".repeat(name))
        );
        assert!(lines[2].starts_with("Income, Innovation"), "{out}");
        assert!(lines[2].ends_with("  ☒    ☐   09/21"), "{out}");
        assert_eq!(lines[3], "Exchange can optimise your research", "{out}");
        assert_eq!(lines.len(), 4, "{out}");
        assert!(lines.iter().all(|l| display_width(l) <= WIDTH), "{out}");
    }
}
