//! Exports of the record as Markdown (pandoc-clean) and plain text (72 columns, for e-mail).
//!
//! The document is laid out once as format-neutral blocks (`sections`, `doc`) and then written
//! by `markdown` or `text`; every label, title and prompt comes from the catalogue, and every
//! string is cleaned of control characters (`sanitize`) and, for Markdown, escaped (`escape`)
//! so that nothing a member types can change the document's structure.

mod doc;
mod escape;
mod file;
mod markdown;
mod mentoring;
mod portfolio;
mod sanitize;
mod sections;
mod select;
mod text;

use crate::calendar::PlanWindow;
use crate::catalog::Catalog;
use crate::model::Record;
use doc::Doc;
pub use file::write_file;
pub use select::select;

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
        year: Option<crate::calendar::AcademicYear>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
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
fn plan_of<'r>(record: &'r Record, opts: &Options) -> Result<&'r crate::model::Plan, ExportError> {
    record
        .plans
        .get(&opts.window)
        .ok_or_else(|| ExportError::NoPlan {
            window: opts.window,
            available: record.plans.keys().copied().collect(),
        })
}

pub fn render(
    record: &Record,
    catalog: &Catalog,
    section: Section,
    format: Format,
    opts: &Options,
) -> Result<String, ExportError> {
    let mut doc = Doc::new(&catalog.labels.left_blank);
    match section {
        Section::Plan => sections::plan(&mut doc, catalog, plan_of(record, opts)?, 1),
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
    Ok(write(&doc, format))
}

fn write(doc: &Doc, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(&doc.blocks),
        Format::Text => text::render(&doc.blocks),
    }
}

/// One before-and-after comparison on its own (`mentorplan questionnaire compare`).
pub fn render_comparison(
    record: &Record,
    catalog: &Catalog,
    scope: crate::mentoring::Scope,
    format: Format,
) -> String {
    let mut doc = Doc::new(&catalog.labels.left_blank);
    let cmp = crate::mentoring::Comparison::of(record, catalog, scope);
    mentoring::comparison(&mut doc, catalog, record, &cmp, 1);
    write(&doc, format)
}

/// One value as a Markdown table cell or inline text (the coordinator's reports): cleaned of
/// control characters, on one line, escaped so that it cannot change the table's structure.
pub(crate) fn markdown_inline(text: &str) -> String {
    escape::inline(&sanitize::one_line(text))
}
