//! Reading the edited text back: what each heading's lines say, or the mistakes, each at its
//! line with what is accepted there.

use super::{Edited, Mistake, field_text, normal_text};
use crate::catalog::{Catalog, Grid};
use crate::choose;
use crate::dates::YearMonth;
use crate::model::{Attend, Fte, SessionAnswer};
use chrono::NaiveDate;

/// What a heading is, and so how the lines under it are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part<'c> {
    About,
    Grid(&'c Grid),
    Section(usize),
}

pub fn parse(text: &str, catalog: &Catalog, today: NaiveDate) -> Result<Edited, Vec<Mistake>> {
    let mut edited = Edited::default();
    let mut mistakes = Vec::new();
    let mut seen: Vec<Part<'_>> = Vec::new();
    let mut part: Option<Part<'_>> = None;
    // The lines of the section being read.
    let mut body: Vec<String> = Vec::new();
    let finish = |part: Option<Part<'_>>, body: &mut Vec<String>, edited: &mut Edited| {
        if let Some(Part::Section(i)) = part {
            let id = catalog.plan.sections[i].id.clone();
            edited.sections.insert(id, normal_text(&body.join("\n")));
        }
        body.clear();
    };
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        let mut wrong = |message: String| mistakes.push(Mistake { line: n, message });
        if is_comment(line) {
            continue;
        }
        if let Some(title) = heading(line) {
            finish(part, &mut body, &mut edited);
            match find_heading(catalog, title) {
                Ok(p) if seen.contains(&p) => {
                    wrong(format!("{title:?} is here twice: keep one"));
                    part = None;
                }
                Ok(p) => {
                    seen.push(p);
                    part = Some(p);
                }
                Err(e) => {
                    wrong(e);
                    part = None;
                }
            }
            continue;
        }
        match part {
            None if seen.is_empty() && !line.trim().is_empty() && !line.starts_with("# ") => {
                wrong("text before the first ## heading is not read: put it under one".into());
            }
            // Blank lines and the title before the first heading; the lines under a heading
            // that was refused (its own mistake says enough).
            None => {}
            Some(Part::About) => {
                if let Err(e) = about_line(catalog, line, &mut edited) {
                    wrong(e);
                }
            }
            Some(Part::Grid(grid)) => {
                if let Err(e) = grid_line(catalog, grid, line, today, &mut edited) {
                    wrong(e);
                }
            }
            Some(Part::Section(_)) => {
                body.push(line.strip_prefix('\\').unwrap_or(line).to_string());
            }
        }
    }
    finish(part, &mut body, &mut edited);
    if mistakes.is_empty() {
        Ok(edited)
    } else {
        Err(mistakes)
    }
}

/// A whole-line `<!-- ... -->`.
fn is_comment(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("<!--") && t.ends_with("-->") && line.starts_with("<!--")
}

fn heading(line: &str) -> Option<&str> {
    if line == "##" {
        return Some("");
    }
    line.strip_prefix("## ").map(str::trim)
}

fn find_heading<'c>(catalog: &'c Catalog, title: &str) -> Result<Part<'c>, String> {
    let mut parts = vec![(Part::About, catalog.labels.about_you.as_str())];
    parts.extend(
        catalog
            .plan
            .grids
            .iter()
            .map(|g| (Part::Grid(g), g.title.as_str())),
    );
    parts.extend(
        catalog
            .plan
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (Part::Section(i), s.title.as_str())),
    );
    choose::one(parts.iter().map(|(_, t)| ("", *t)), title, "heading")
        .map(|i| parts[i].0)
        .map_err(|e| format!("{e}\n(a line of your own that starts with ## is written \\## ...)"))
}

fn about_line(catalog: &Catalog, line: &str, edited: &mut Edited) -> Result<(), String> {
    if line.trim().is_empty() {
        return Ok(());
    }
    let l = &catalog.labels;
    let accepted = || {
        format!(
            "write each field as **Label:** value, the labels being {}, {}, {} and {}",
            l.name, l.position, l.fte, l.mentor
        )
    };
    let t = line.trim();
    // `**Name:** value`, or as typed in a hurry: `Name: value`.
    let (label, value) = match t.strip_prefix("**").and_then(|r| r.split_once(":**")) {
        Some((label, value)) => (label, value),
        None => t.split_once(':').ok_or_else(accepted)?,
    };
    let value = field_text(value);
    let label = field_text(label.trim_matches('*'));
    let labels = [&l.name, &l.position, &l.fte, &l.mentor];
    let Some(i) = labels.iter().position(|x| x.eq_ignore_ascii_case(&label)) else {
        return Err(format!(
            "{label:?} is not a field of {}: {}",
            l.about_you,
            accepted()
        ));
    };
    match i {
        0 => edited.name = Some(value),
        1 => edited.position = Some(value),
        2 => {
            let fte = match value.as_str() {
                "" => None,
                v => Some(Fte::parse(v).map_err(|e| e.to_string())?),
            };
            edited.fte = Some(fte);
        }
        _ => edited.mentor = Some(value),
    }
    Ok(())
}

fn grid_line(
    catalog: &Catalog,
    grid: &Grid,
    line: &str,
    today: NaiveDate,
    edited: &mut Edited,
) -> Result<(), String> {
    let t = line.trim();
    if t.is_empty() {
        return Ok(());
    }
    let shape = || {
        format!(
            "in {} only the table's rows are read, each as | {} | [x] or [ ] | [x] or [ ] | MM/YY |",
            grid.title, grid.column
        )
    };
    if !t.starts_with('|') {
        return Err(shape());
    }
    let cells = cells(t);
    let is_rule = cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
    if is_rule
        || cells
            .first()
            .is_some_and(|c| c.eq_ignore_ascii_case(&grid.column))
    {
        return Ok(());
    }
    // A row whose empty month cell was taken out is read as having none.
    let (label, yes, no, month) = match cells.as_slice() {
        [label, yes, no] => (label, yes, no, ""),
        [label, yes, no, month] => (label, yes, no, month.as_str()),
        _ => {
            return Err(format!(
                "this row has {} cells, not 4: {}",
                cells.len(),
                shape()
            ));
        }
    };
    let entries = grid
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e.label.as_str()));
    let entry = &grid.entries[choose::one(entries, label, "row").map_err(|e| e.to_string())?];
    if edited.sessions.contains_key(&entry.id) {
        return Err(format!("{:?} has two rows: keep one", entry.label));
    }
    let (yes, no) = (
        ticked(yes, &catalog.labels.yes)?,
        ticked(no, &catalog.labels.no)?,
    );
    let attend = match (yes, no) {
        (true, true) => {
            return Err(format!(
                "{:?} is ticked both {} and {}: tick one, or neither",
                entry.label, catalog.labels.yes, catalog.labels.no
            ));
        }
        (true, false) => Some(Attend::Yes),
        (false, true) => Some(Attend::No),
        (false, false) => None,
    };
    let month = match month {
        "" => None,
        m => Some(YearMonth::parse(m, today).map_err(|e| e.to_string())?),
    };
    edited
        .sessions
        .insert(entry.id.clone(), SessionAnswer { attend, month });
    Ok(())
}

/// The cells of a table row, `\|` and `\\` read back as `|` and `\`.
fn cells(row: &str) -> Vec<String> {
    let inner = row.strip_prefix('|').unwrap_or(row);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('|' | '\\')) => cells.last_mut().expect("one").push(e),
                Some(other) => {
                    let cell = cells.last_mut().expect("one");
                    cell.push('\\');
                    cell.push(other);
                }
                None => cells.last_mut().expect("one").push('\\'),
            },
            '|' => cells.push(String::new()),
            c => cells.last_mut().expect("one").push(c),
        }
    }
    // The closing `|` leaves an empty last cell; a row typed without one does not.
    if cells.len() > 1 && cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    cells.into_iter().map(|c| field_text(&c)).collect()
}

fn ticked(cell: &str, column: &str) -> Result<bool, String> {
    match cell {
        "" | "[ ]" | "[]" | "☐" => Ok(false),
        "[x]" | "[X]" | "x" | "X" | "☒" | "[✓]" | "✓" => Ok(true),
        other => Err(format!(
            "{other:?} in the {column} column is not a tick: write [x] for ticked, [ ] for not"
        )),
    }
}
