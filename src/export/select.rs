//! What a JSON export holds: the same parts of the record as the Markdown and text exports of
//! that section, so that `--section plan --format json` cannot carry the confidential
//! meetings, agreements and questionnaires along with the plan. Only `--section all
//! --include-confidential` is the whole record, the copy `mentorplan import` takes on another
//! machine.

use super::{ExportError, Options, Section};
use crate::catalog::Catalog;
use crate::model::Record;

/// The part of `record` that `section` exports, as a record (every other part empty).
pub fn select(
    record: &Record,
    catalog: &Catalog,
    section: Section,
    opts: &Options,
) -> Result<Record, ExportError> {
    let mut out = Record::default();
    match section {
        Section::Plan => {
            out.plans
                .insert(opts.window, super::plan_of(record, opts)?.clone());
        }
        Section::Checklist => out.checklist = record.checklist.clone(),
        Section::Meetings => out.meetings = record.meetings.clone(),
        Section::All if opts.include_confidential => out = record.clone(),
        Section::All => {
            out.profile = record.profile.clone();
            out.checklist = record.checklist.clone();
            out.plans = record.plans.clone();
            out.devlog = record.devlog.clone();
        }
        Section::Agreements => out.agreements = record.agreements.clone(),
        // The comparison names each questionnaire's mentor, from its agreement.
        Section::Impact => {
            out.questionnaires = record.questionnaires.clone();
            out.agreements = record.agreements.clone();
        }
        Section::Portfolio { year } => {
            out.profile = record.profile.clone();
            out.devlog = record.devlog.clone();
            if let Some(year) = year {
                out.devlog
                    .entries
                    .retain(|e| year.contains(e.date, catalog));
            }
        }
    }
    Ok(out)
}

/// What `--section award --format json` holds: the profile and the reflective log, without the
/// entries marked confidential unless `include_confidential`. The evidence of practice is
/// computed from other records and is not part of this one.
pub fn select_award(record: &Record, include_confidential: bool) -> Record {
    let mut out = Record {
        profile: record.profile.clone(),
        reflect: record.reflect.clone(),
        ..Record::default()
    };
    if !include_confidential {
        for c in &mut out.reflect.cycles {
            c.entries.retain(|e| !e.confidential);
        }
    }
    out
}
