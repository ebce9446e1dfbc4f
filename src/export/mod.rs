//! Layer rule: imports only `domain` and `store` (the JSON bundle), never `session`, `cli` or `tui`.
//!
//! Exports of the record as Markdown (pandoc-clean), plain text (72 columns, for e-mail), a
//! Word document, and the record's dates as an iCalendar file.
//!
//! The document is laid out once as format-neutral blocks (`sections`, `doc`) and then written
//! by `markdown`, `text` or `docx`; every label, title and prompt comes from the catalogue, and
//! every string is cleaned of control characters (`sanitize`) and, for Markdown, escaped
//! (`escape`) so that nothing a member types can change the document's structure. The calendar
//! (`ics`) is not a document: it takes the dates from the record itself.

mod award;
pub mod coordinator;
mod doc;
mod docx;
mod escape;
mod file;
mod ics;
mod markdown;
mod mentoring;
mod portfolio;
mod sanitize;
mod sections;
mod select;
mod text;

use crate::domain::calendar::PlanWindow;
use crate::domain::catalog::Catalog;
use crate::domain::model::Record;
use doc::Doc;
pub use file::write_file;
pub use select::{select, select_award};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Section 4 alone: the "detached" document a member submits.
    Plan,
    Checklist,
    /// Section 3: confidential.
    Meetings,
    /// Everything except Section 3 unless `include_confidential`.
    All,
    /// The mentoring agreements: confidential.
    Agreements,
    /// The impact questionnaires and their comparison: confidential.
    Impact,
    /// The professional-development log as a portfolio of evidence: every academic year, or
    /// only `year`. Not part of `All`, which is the framework's own forms.
    Portfolio {
        year: Option<crate::domain::calendar::AcademicYear>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
    /// A Word document; its preview (`render`) is the plain text of the same document.
    Docx,
    /// iCalendar (RFC 5545): the section's dates, not its text.
    Calendar,
}

impl Format {
    /// The file is not text: it must not be written to a terminal, and `render` gives only a
    /// preview of it.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx)
    }

    /// The file is exactly the text `render` gives. Not so for a Word file, nor for the
    /// calendar, whose CRLF line ends a preview shows as plain lines.
    pub fn file_is_text(self) -> bool {
        matches!(self, Format::Markdown | Format::Text)
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// The plan window to export.
    pub window: PlanWindow,
    pub include_confidential: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("there is no plan for {window}{}", available_windows(.available))]
    NoPlan {
        window: PlanWindow,
        available: Vec<PlanWindow>,
    },
    #[error(
        "this section has no dates for a calendar: choose the plan, the meetings, the agreements or all (--section plan|meetings|agreements|all)"
    )]
    NoDates,
}

fn available_windows(v: &[PlanWindow]) -> String {
    if v.is_empty() {
        "; no plan has been started yet (fill one in on the Plan screen of `mentorplan`)".into()
    } else {
        let list: Vec<String> = v.iter().map(ToString::to_string).collect();
        format!(
            "; plans exist for {} (choose one with --year)",
            list.join(", ")
        )
    }
}

/// The plan `--section plan` exports, or why there is none.
fn plan_of<'r>(
    record: &'r Record,
    opts: &Options,
) -> Result<&'r crate::domain::model::Plan, ExportError> {
    record
        .plans
        .get(&opts.window)
        .ok_or_else(|| ExportError::NoPlan {
            window: opts.window,
            available: record.plans.keys().copied().collect(),
        })
}

/// The export as text: the file itself for Markdown, plain text and the calendar, and the
/// words of the document for a Word file (what the interface previews).
pub fn render(
    record: &Record,
    catalog: &Catalog,
    section: Section,
    format: Format,
    opts: &Options,
) -> Result<String, ExportError> {
    if format == Format::Calendar {
        return ics::render(record, catalog, section, opts);
    }
    let doc = layout(record, catalog, section, opts)?;
    Ok(write(&doc, format))
}

/// The bytes of the export's file in any format.
pub fn render_file(
    record: &Record,
    catalog: &Catalog,
    section: Section,
    format: Format,
    opts: &Options,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Docx => Ok(docx::render(
            &layout(record, catalog, section, opts)?.blocks,
        )),
        _ => render(record, catalog, section, format, opts).map(String::into_bytes),
    }
}

/// The section as blocks, with its title, author and date for the formats that carry them.
fn layout(
    record: &Record,
    catalog: &Catalog,
    section: Section,
    opts: &Options,
) -> Result<Doc, ExportError> {
    let mut doc = Doc::new(&catalog.labels.left_blank);
    let mut author = record.profile.name.clone();
    let mut date = String::new();
    match section {
        Section::Plan => {
            let plan = plan_of(record, opts)?;
            if author.trim().is_empty() {
                author = plan.about.name.clone();
            }
            date = plan
                .updated
                .map(|u| u.date_naive().to_string())
                .unwrap_or_default();
            sections::plan(&mut doc, catalog, plan, 1);
        }
        Section::Checklist => sections::checklist(&mut doc, catalog, &record.checklist, 1),
        Section::Meetings => sections::meetings(&mut doc, catalog, &record.meetings, 1),
        Section::All => {
            doc.heading(1, &catalog.name);
            sections::profile(&mut doc, catalog, &record.profile, 2);
            sections::checklist(&mut doc, catalog, &record.checklist, 2);
            match record.plans.get(&opts.window) {
                Some(plan) => sections::plan(&mut doc, catalog, plan, 2),
                None => sections::plan_missing(&mut doc, catalog, opts.window, 2),
            }
            if opts.include_confidential {
                sections::meetings(&mut doc, catalog, &record.meetings, 2);
                mentoring::agreements(&mut doc, catalog, record, 2);
                mentoring::impact(&mut doc, catalog, record, 2);
            }
        }
        Section::Agreements => mentoring::agreements(&mut doc, catalog, record, 1),
        Section::Impact => mentoring::impact(&mut doc, catalog, record, 1),
        Section::Portfolio { year } => portfolio::portfolio(&mut doc, catalog, record, year, 1),
    }
    doc.meta(&author, &date);
    Ok(doc)
}

fn write(doc: &Doc, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(&doc.blocks, &doc.meta),
        Format::Text | Format::Docx | Format::Calendar => text::render(&doc.blocks),
    }
}

/// The award portfolio (`--section award`): the mentor's reflective log and the evidence of
/// practice, which the caller computes from the mentees' records (counts only).
pub fn render_award(
    record: &Record,
    catalog: &Catalog,
    evidence: &[crate::domain::reflect::evidence::MenteeEvidence],
    format: Format,
    include_confidential: bool,
) -> Result<Vec<u8>, ExportError> {
    let mut doc = Doc::new(&catalog.labels.left_blank);
    award::award(&mut doc, catalog, record, evidence, include_confidential, 1);
    match format {
        Format::Docx => Ok(docx::render(&doc.blocks)),
        Format::Calendar => Err(ExportError::NoDates),
        _ => Ok(write(&doc, format).into_bytes()),
    }
}

/// One before-and-after comparison on its own (`mentorplan questionnaire compare`).
pub fn render_comparison(
    record: &Record,
    catalog: &Catalog,
    scope: crate::domain::mentoring::Scope,
    format: Format,
) -> String {
    let mut doc = Doc::new(&catalog.labels.left_blank);
    let cmp = crate::domain::mentoring::Comparison::of(record, catalog, scope);
    mentoring::comparison(&mut doc, catalog, record, &cmp, 1);
    write(&doc, format)
}

/// One value as a Markdown table cell or inline text (the coordinator's reports): cleaned of
/// control characters, on one line, escaped so that it cannot change the table's structure.
pub(crate) fn markdown_inline(text: &str) -> String {
    escape::inline(&sanitize::one_line(text))
}
