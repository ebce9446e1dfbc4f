//! Export: which section, which format, which plan, where to write. The preview of the exact
//! output is drawn by the app beside these fields.

use super::{Committed, Ctx, Effect, ExportChoice, FieldId, text, windows};
use crate::calendar::PlanWindow;
use crate::export::{Format, Section};
use crate::ui::form::{Commit, Field, Value};

pub const SECTIONS: [(Section, &str); 7] = [
    (Section::Plan, "Plan (Section 4)"),
    (Section::Checklist, "Checklist"),
    (Section::Meetings, "Meetings (confidential)"),
    (Section::Agreements, "Agreements (confidential)"),
    (Section::Impact, "Impact questionnaires (confidential)"),
    (Section::Portfolio { year: None }, "Development portfolio"),
    (Section::All, "All"),
];
pub const FORMATS: [(Format, &str, &str); 4] = [
    (Format::Markdown, "Markdown", "md"),
    (Format::Text, "Text", "txt"),
    (Format::Docx, "Word", "docx"),
    (Format::Calendar, "Calendar", "ics"),
];

/// The file name offered for a choice, e.g. `plan-2026-28.md`.
pub fn default_file_name(e: &ExportChoice) -> String {
    let what = match SECTIONS[e.section].0 {
        Section::Plan => format!("plan-{}", e.window),
        Section::Checklist => "checklist".into(),
        Section::Meetings => "meetings".into(),
        Section::Agreements => "agreements".into(),
        Section::Impact => "impact".into(),
        Section::Portfolio { .. } => "portfolio".into(),
        Section::All => format!("mentorplan-{}", e.window),
    };
    format!("{what}.{}", FORMATS[e.format].2)
}

impl ExportChoice {
    /// The same choice for `window`'s plan, as when another plan is shown on the Plan screen.
    pub fn with_window(&self, window: PlanWindow) -> ExportChoice {
        self.followed_by(ExportChoice {
            window,
            ..self.clone()
        })
    }

    /// `next`, whose offered file name follows its choices unless the user typed their own:
    /// the file is named after what is written into it.
    fn followed_by(&self, mut next: ExportChoice) -> ExportChoice {
        if self.path == default_file_name(self) {
            next.path = default_file_name(&next);
        } else if next.format != self.format {
            // A name of the user's own keeps its name, with the new format's ending (the
            // trial's /tmp/out/plan.md stayed .md when Text was chosen).
            let (old, new) = (FORMATS[self.format].2, FORMATS[next.format].2);
            if let Some(stem) = next.path.strip_suffix(&format!(".{old}")) {
                next.path = format!("{stem}.{new}");
            }
        }
        next
    }
}

pub fn fields(ctx: &Ctx) -> Vec<Field> {
    let e = ctx.export;
    let ws = windows(ctx.record, ctx.window);
    let w = ws.iter().position(|&x| x == e.window).unwrap_or(0);
    let mut v = vec![
        Field::choice(
            FieldId::Export("section"),
            "Section",
            SECTIONS.iter().map(|s| s.1.to_string()).collect(),
            e.section,
        )
        .help("What to export: Space or ←/→"),
        Field::choice(
            FieldId::Export("format"),
            "Format",
            FORMATS.iter().map(|f| f.1.to_string()).collect(),
            e.format,
        )
        .help(
            "Markdown (for pandoc), plain text (72 columns, for e-mail), Word (.docx: the preview shows its text) or a calendar (.ics) of the dates",
        ),
        Field::choice(
            FieldId::Export("window"),
            "Plan",
            ws.iter().map(ToString::to_string).collect(),
            w,
        ),
    ];
    if SECTIONS[e.section].0 == Section::All {
        v.push(
            Field::checkbox(
                FieldId::Export("confidential"),
                "Include the confidential meetings record",
                e.confidential,
            )
            .help("Section 3 stays out unless you tick this"),
        );
    }
    v.push(
        Field::line(FieldId::Export("path"), "File", &e.path)
            .replace_on_type()
            .help(format!(
                "Where to write: a path, relative to {} (where mentorplan started), or ~/...",
                std::env::current_dir()
                    .map(|d| d.display().to_string())
                    .unwrap_or_else(|_| "the current directory".into())
            )),
    );
    v.push(
        Field::button(FieldId::Export("write"), "Write the file")
            .help("Writes the preview to the file, readable only by you (mode 0600)"),
    );
    v
}

pub fn commit(ctx: &Ctx, c: Commit) -> Committed {
    let mut e = ctx.export.clone();
    match (&c.id, &c.value) {
        (FieldId::Export("section"), Value::Choice(i)) => e.section = *i % SECTIONS.len(),
        (FieldId::Export("format"), Value::Choice(i)) => e.format = *i % FORMATS.len(),
        (FieldId::Export("window"), Value::Choice(i)) => {
            if let Some(&w) = windows(ctx.record, ctx.window).get(*i) {
                e.window = w;
            }
        }
        (FieldId::Export("confidential"), Value::Bool(b)) => e.confidential = *b,
        (FieldId::Export("path"), _) => {
            let t = text(&c).trim().to_string();
            if t.is_empty() {
                return Err("give a file name, such as plan.md".into());
            }
            e.path = t;
            return Ok(vec![Effect::Export(e)]);
        }
        (FieldId::Export("write"), _) => return Ok(vec![Effect::WriteExport]),
        _ => return Ok(vec![]),
    }
    Ok(vec![Effect::Export(ctx.export.followed_by(e))])
}
