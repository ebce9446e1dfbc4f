//! Exports of the record as Markdown (pandoc-clean) and plain text (72 columns, for e-mail).

use crate::calendar::PlanWindow;
use crate::catalog::Catalog;
use crate::model::Record;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Section 4 alone: the "detached" document a member submits.
    Plan,
    Checklist,
    /// Section 3: confidential.
    Meetings,
    /// Everything except Section 3 unless `include_confidential`.
    All,
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
        "; no plan has been started yet (open `mentorplan` and go to Plan)".into()
    } else {
        let list: Vec<String> = v.iter().map(ToString::to_string).collect();
        format!(
            "; plans exist for {} (choose one with --year)",
            list.join(", ")
        )
    }
}

pub fn render(
    record: &Record,
    catalog: &Catalog,
    section: Section,
    format: Format,
    opts: &Options,
) -> Result<String, ExportError> {
    let _ = (record, catalog, section, format, opts);
    todo!("export::render is being written on the export branch")
}
