//! "The plan export reproduces Section 4 of the seed for content", checked by code: the filled
//! example of the reference form (copied verbatim into `fixtures/seed-section4-example.txt`) is
//! taken apart line by line, and every line must be found in the Markdown (as a reader sees it
//! after parsing) and in the plain text (with its wrapping undone).

use crate::helpers::{collapse, export, jane, outline, visible_text};
use mentorplan::catalog::Catalog;
use mentorplan::export::{Format, Section};

const SEED: &str = include_str!("../fixtures/seed-section4-example.txt");

#[derive(Debug)]
struct Row {
    label: String,
    yes: bool,
    no: bool,
    month: String,
}

#[derive(Debug, Default)]
struct SeedPlan {
    /// Lines of text that must appear as they are: titles, About You, answers, the closing.
    lines: Vec<String>,
    /// The guidance prompts, which the form prints as `[Prompt].` and the catalogue as `Prompt.`.
    prompts: Vec<String>,
    /// Column headings of the grids.
    columns: Vec<String>,
    rows: Vec<Row>,
    /// The grids' introductions: catalogue prose, which the catalogue shortens (it leaves out
    /// the contact details), so they are checked against the catalogue instead.
    intros: usize,
}

/// A row of ticks as the form prints it: `\t☒\t☐\t09/21`.
fn ticks(line: &str) -> Option<(bool, bool, String)> {
    let mut parts = line.strip_prefix('\t')?.split('\t');
    let yes = parts.next()?;
    let no = parts.next()?;
    let month = parts.next().unwrap_or("").trim().to_string();
    let boxed = |s: &str| match s {
        "☒" => Some(true),
        "☐" => Some(false),
        _ => None,
    };
    Some((boxed(yes)?, boxed(no)?, month))
}

fn parse_seed() -> SeedPlan {
    let lines: Vec<&str> = SEED.lines().map(str::trim_end).collect();
    let mut seed = SeedPlan::default();
    let mut taken = vec![false; lines.len()];
    let previous = |i: usize| (0..i).rev().find(|&j| !lines[j].trim().is_empty());
    for (i, line) in lines.iter().enumerate() {
        if let Some((yes, no, month)) = ticks(line) {
            let label = previous(i).expect("a row has a label");
            taken[label] = true;
            taken[i] = true;
            seed.rows.push(Row {
                label: lines[label].trim().to_string(),
                yes,
                no,
                month,
            });
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if taken[i] {
            continue;
        }
        if let Some(prompt) = line.strip_prefix("\t[") {
            taken[i] = true;
            seed.prompts
                .push(prompt.replace(['[', ']', '.'], "").trim().to_string());
        } else if let Some(cell) = line.strip_prefix('\t') {
            // A header cell; the first of a grid follows the grid's introduction.
            taken[i] = true;
            if seed.columns.len() % 4 == 0 {
                let intro = previous(i).expect("an intro precedes the grid");
                taken[intro] = true;
                seed.intros += 1;
            }
            seed.columns.push(cell.trim().to_string());
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if !taken[i] && !line.is_empty() {
            // The example is numbered as part of the whole document; the detached plan is not.
            let line = line.strip_prefix("4. ").unwrap_or(line);
            seed.lines.push(line.to_string());
        }
    }
    seed
}

#[test]
fn the_seed_example_is_understood() {
    let seed = parse_seed();
    assert_eq!(seed.rows.len(), 18 + 12);
    assert_eq!(seed.prompts.len(), 8);
    assert_eq!(seed.intros, 2);
    assert_eq!(seed.columns.len(), 8);
    assert!(seed.lines.contains(&"Name: Jane Smith".to_string()));
    assert!(
        seed.lines
            .contains(&"-attend CERES webinars/seminars".to_string())
    );
    let ticked = seed.rows.iter().filter(|r| r.yes).count();
    assert_eq!(ticked, 8 + 4);
}

fn check_lines(seed: &SeedPlan, haystack: &str, format: &str) {
    let haystack = collapse(haystack);
    for line in &seed.lines {
        assert!(
            haystack.contains(&collapse(line)),
            "{format}: the seed's line {line:?} is missing"
        );
    }
    let unbracketed = haystack.replace(['[', ']', '.'], "");
    for prompt in &seed.prompts {
        assert!(
            unbracketed.contains(&collapse(prompt)),
            "{format}: the prompt {prompt:?} is missing"
        );
    }
    // Without spaces: the text export may break "and/or" after its slash.
    let unspaced = haystack.replace(' ', "");
    let c = Catalog::ceres();
    for intro in c.plan.grids.iter().map(|g| &g.intro).chain([&c.plan.intro]) {
        assert!(
            unspaced.contains(&intro.replace([' ', '\n'], "")),
            "{format}: {intro:?}"
        );
    }
}

/// The form's boxes, which both formats draw in the workshop grids.
fn tick(b: bool) -> &'static str {
    if b { "☒" } else { "☐" }
}

#[test]
fn markdown_plan_holds_every_line_of_the_seed_example() {
    let seed = parse_seed();
    let md = export(&jane(), Section::Plan, Format::Markdown);
    check_lines(&seed, &visible_text(&md), "markdown");
    let tables = outline(&md).tables;
    let headers: Vec<String> = tables.iter().flat_map(|t| t[0].clone()).collect();
    assert_eq!(headers, seed.columns);
    let rows: Vec<&Vec<String>> = tables.iter().flat_map(|t| t.iter().skip(1)).collect();
    assert_eq!(rows.len(), seed.rows.len());
    for (want, got) in seed.rows.iter().zip(rows) {
        assert_eq!(
            got,
            &vec![
                want.label.clone(),
                tick(want.yes).to_string(),
                tick(want.no).to_string(),
                want.month.clone()
            ],
        );
    }
}

#[test]
fn text_plan_holds_every_line_of_the_seed_example() {
    let seed = parse_seed();
    let txt = export(&jane(), Section::Plan, Format::Text);
    check_lines(&seed, &txt, "text");
    let flat = collapse(&txt);
    for columns in seed.columns.chunks(4) {
        // The session first, as on the form.
        let header = collapse(&format!(
            "{} {} {} {}",
            columns[0], columns[1], columns[2], columns[3]
        ));
        assert!(flat.contains(&header), "{header}");
    }
    for row in &seed.rows {
        // A long session name wraps within its column: its first line holds the boxes and the
        // month, the rest of the name follows on the next lines.
        let row_line = txt
            .lines()
            .find(|l| l.starts_with(&row.label[..row.label.len().min(30)]))
            .unwrap_or_else(|| panic!("row {:?} is missing", row.label));
        let cells = collapse(&format!("{} {} {}", tick(row.yes), tick(row.no), row.month));
        assert!(
            collapse(row_line).ends_with(&cells),
            "row {:?}: {row_line:?}",
            row.label
        );
    }
}
