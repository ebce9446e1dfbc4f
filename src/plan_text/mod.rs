//! The whole plan as one Markdown text, for `mentorplan plan edit` (the plan in `$EDITOR`, as
//! `git commit` or `crontab -e` do it): written in the shape of the plan's Markdown export
//! (headings, the About You fields, the workshop tables with `[x]`/`[ ]` and months, each
//! section's text under its heading) and read back into the changes it makes.
//!
//! The text format is domain-level: it knows the catalogue and the plan, not the terminal or
//! the files. Its rules, so that any plan comes back as it went out:
//! - a line starting `## ` is a heading; `# ` before the first one is the title;
//! - a line that is all one `<!-- ... -->` comment is ignored anywhere (the instructions and
//!   the marks of mistakes are such lines);
//! - a section's text is every other line under its heading (its prompt is a comment); a
//!   text line that would read as a heading or a comment starts with `\` (which is taken off
//!   when read, so `\\` keeps one);
//! - what the text leaves out (a heading, a row, a field) is left as it is.

mod parse;
mod render;
#[cfg(test)]
mod tests;

pub use parse::parse;
pub use render::render;

use crate::calendar::PlanWindow;
use crate::model::{Fte, Plan, SessionAnswer};
use crate::ops::Op;
use std::collections::BTreeMap;

/// What an edited text says about the plan: only what the text holds (a heading or row taken
/// out of it is not in here, and is not changed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edited {
    pub name: Option<String>,
    pub position: Option<String>,
    pub fte: Option<Option<Fte>>,
    pub mentor: Option<String>,
    /// Session id -> its row's answer.
    pub sessions: BTreeMap<String, SessionAnswer>,
    /// Section id -> its text, as `normal_text` leaves it.
    pub sections: BTreeMap<String, String>,
}

/// A mistake in the edited text: its line (1-based) and what was wrong and is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Mistake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Section text as the editor gives it back: line breaks as `\n` (no `\r` before one), no
/// blank lines before or after. Two texts that differ only so are the same answer.
pub fn normal_text(text: &str) -> String {
    // An editor may save Windows line ends; a line's own trailing `\r` would become one.
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let blank = |l: &&str| l.trim().is_empty();
    let start = lines.iter().position(|l| !blank(l)).unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !blank(l))
        .map_or(start, |i| i + 1);
    lines[start..end].join("\n")
}

/// A one-line field as written in the text (a line break would end the field).
pub(crate) fn field_text(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The changes that make `plan` say what `edited` says, as the interface would make them:
/// nothing for what is the same once written as text (so saving an unchanged file changes
/// nothing, not even the plan's date).
pub fn changes(plan: &Plan, window: PlanWindow, edited: &Edited) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut about = plan.about.clone();
    let text_field = |old: &mut String, new: &Option<String>| {
        if let Some(new) = new
            && field_text(old) != *new
        {
            *old = new.clone();
        }
    };
    text_field(&mut about.name, &edited.name);
    text_field(&mut about.position, &edited.position);
    text_field(&mut about.mentor, &edited.mentor);
    if let Some(fte) = edited.fte {
        about.fte = fte;
    }
    if about != plan.about {
        ops.push(Op::SetAbout { window, about });
    }
    for (id, answer) in &edited.sessions {
        if plan.session(id) != *answer {
            ops.push(Op::SetSession {
                window,
                session: id.clone(),
                answer: *answer,
            });
        }
    }
    for (id, text) in &edited.sections {
        if normal_text(plan.section(id)) != *text {
            ops.push(Op::SetSection {
                window,
                section: id.clone(),
                text: text.clone(),
            });
        }
    }
    ops
}

/// Marks each mistake with a comment line above its line (earlier marks are taken out), and
/// says at the top what happened, so the reopened editor shows where to look.
pub fn mark_mistakes(text: &str, mistakes: &[Mistake]) -> String {
    let mut out = vec![format!(
        "{MARK} {} mistake(s), each marked above its line like this. Correct them, save and quit; or quit without saving to give up (the plan is then unchanged). -->",
        mistakes.len()
    )];
    for (i, line) in text.split('\n').enumerate() {
        if line.starts_with(MARK) {
            continue;
        }
        for m in mistakes.iter().filter(|m| m.line == i + 1) {
            out.push(format!(
                "{MARK} {} -->",
                m.message.replace("-->", "- ->").replace('\n', " ")
            ));
        }
        out.push(line.to_string());
    }
    out.join("\n")
}

/// How the marks of mistakes begin (a comment, ignored when read).
const MARK: &str = "<!-- mentorplan: MISTAKE:";
