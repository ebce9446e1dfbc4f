//! The plan as the text the member edits.

use super::{field_text, normal_text};
use crate::catalog::Catalog;
use crate::dates::YearMonth;
use crate::model::{Attend, Plan};
use textwrap::core::display_width;

/// The instructions at the top of the text (comments: ignored when read back).
const HELP: [&str; 4] = [
    "<!-- mentorplan plan edit: change what you like below, then save and quit; the plan takes what you saved. -->",
    "<!-- Tick Yes or No with [x] (leave [ ] for neither) and write the intended month as MM/YY. Under each other heading, the text is the section's answer. -->",
    "<!-- Lines like this one are not read. To change nothing, quit without saving, or empty the file. -->",
    "<!-- A line of your own text that starts with ## , <!-- or \\ is written with a \\ before it. -->",
];

pub fn render(plan: &Plan, catalog: &Catalog) -> String {
    let l = &catalog.labels;
    let mut out: Vec<String> = HELP.iter().map(|s| s.to_string()).collect();
    out.push(String::new());
    out.push(format!("# {}: {}", catalog.plan_title, plan.window));
    out.push(String::new());
    out.push(format!("## {}", l.about_you));
    out.push(String::new());
    let about = &plan.about;
    for (label, value) in [
        (&l.name, about.name.clone()),
        (&l.position, about.position.clone()),
        (&l.fte, about.fte.map(|f| f.to_string()).unwrap_or_default()),
        (&l.mentor, about.mentor.clone()),
    ] {
        out.push(
            format!("**{}:** {}", field_text(label), field_text(&value))
                .trim_end()
                .into(),
        );
    }
    for grid in &catalog.plan.grids {
        out.push(String::new());
        out.push(format!("## {}", grid.title));
        out.push(String::new());
        let mut rows = vec![[
            cell(&grid.column),
            cell(&l.yes),
            cell(&l.no),
            cell(&l.intended_date),
        ]];
        for e in &grid.entries {
            let a = plan.session(&e.id);
            rows.push([
                cell(&e.label),
                tick(a.attend == Some(Attend::Yes)).into(),
                tick(a.attend == Some(Attend::No)).into(),
                a.month.map(month).unwrap_or_default(),
            ]);
        }
        out.extend(table(&rows));
    }
    for section in &catalog.plan.sections {
        out.push(String::new());
        out.push(format!("## {}", section.title));
        out.push(String::new());
        // The prompt is guidance, not an answer: a comment, which is not read back.
        out.push(format!(
            "<!-- {} -->",
            field_text(&section.prompt).replace("-->", "- ->")
        ));
        let text = normal_text(plan.section(&section.id));
        if !text.is_empty() {
            out.push(String::new());
            out.extend(text.split('\n').map(escape_line));
        }
    }
    out.push(String::new());
    out.join("\n")
}

/// A text line that would be read as structure gets a `\` before it.
pub(super) fn escape_line(line: &str) -> String {
    let structural = ["\\", "## ", "<!--"].iter().any(|p| line.starts_with(p)) || line == "##";
    if structural {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

pub(super) fn tick(on: bool) -> &'static str {
    if on { "[x]" } else { "[ ]" }
}

/// The form's `MM/YY`, or `MM/YYYY` outside this century (so the year comes back the same).
fn month(m: YearMonth) -> String {
    if (2000..2100).contains(&m.year()) {
        m.short()
    } else {
        format!("{:02}/{}", m.month(), m.year())
    }
}

/// A table cell: `|` and `\` escaped, one line.
fn cell(text: &str) -> String {
    field_text(text).replace('\\', "\\\\").replace('|', "\\|")
}

/// A pipe table padded to aligned columns, so the text reads as a table too.
fn table(rows: &[[String; 4]]) -> Vec<String> {
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
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
        format!("| {} |", padded.join(" | ")).trim_end().to_string()
    };
    let mut out = vec![line(&rows[0])];
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| match i {
            1 | 2 => format!(":{}:", "-".repeat(w - 2)),
            _ => "-".repeat(*w),
        })
        .collect();
    out.push(format!("| {} |", rule.join(" | ")));
    out.extend(rows[1..].iter().map(line));
    out
}
