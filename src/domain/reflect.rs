//! The rules of the mentor's reflective practice log, shared by the command line, the TUI and the
//! award portfolio: reading a stage or a framework tag as the mentor types it (an unknown one is
//! refused with the accepted ones listed). The evidence of practice computed from the mentees'
//! records is in `evidence`; the log's operations are applied in `ops::reflect`.

pub mod evidence;

use crate::domain::catalog::Catalog;
use crate::domain::devlog::{ChoiceError, choose};
use crate::domain::model::{ActivityRef, ReflectStage};
use evidence::MenteeEvidence;

/// The catalogue's name of a stage ("Observe").
pub fn stage_label(catalog: &Catalog, stage: ReflectStage) -> &str {
    let s = &catalog.award.stages;
    match stage {
        ReflectStage::Plan => &s.plan,
        ReflectStage::Act => &s.act,
        ReflectStage::Observe => &s.observe,
        ReflectStage::Reflect => &s.reflect,
    }
}

/// A stage from its id or its catalogue name, any case.
pub fn stage_of(catalog: &Catalog, text: &str) -> Result<ReflectStage, ChoiceError> {
    let pairs: Vec<(&str, &str)> = ReflectStage::ALL
        .iter()
        .map(|s| (s.id(), stage_label(catalog, *s)))
        .collect();
    let id = choose(pairs.iter().copied(), text, "stage")?;
    Ok(ReflectStage::ALL
        .into_iter()
        .find(|s| s.id() == id)
        .expect("chosen from the stages"))
}

/// A framework tag's id from its id or label, any case ("descriptor-3").
pub fn tag_id<'c>(catalog: &'c Catalog, text: &str) -> Result<&'c str, ChoiceError> {
    let tags = catalog.award.tags();
    choose(
        tags.map(|t| (t.descriptor.id.as_str(), t.descriptor.label.as_str())),
        text,
        "framework tag",
    )
}

/// "Standard Descriptor 3 roles (UK Professional Standards Framework (UKPSF))", or the id marked
/// as not in the catalogue.
pub fn tag_label(catalog: &Catalog, id: &str) -> String {
    match catalog.award.tag(id) {
        Some(t) => t.descriptor.label.clone(),
        None => format!("{id} ({})", catalog.labels.not_in_catalogue),
    }
}

/// "Mentoring with Zoë Adams, 2026-09-01 to 2026-11-20: meetings 3, hours 4.5": what an entry
/// points at, as counts only, from the evidence of the mentees' records.
pub fn activity_line(catalog: &Catalog, a: &ActivityRef, mentees: &[MenteeEvidence]) -> String {
    let l = &catalog.award.labels;
    let (who, counts) = match mentees.iter().find(|m| m.id == a.mentee) {
        Some(m) => (m.label.clone(), m.in_period(a.from, a.to)),
        None => (
            format!("{} {}", a.mentee, l.not_a_mentee),
            Default::default(),
        ),
    };
    l.activity
        .replace("{mentee}", &who)
        .replace("{from}", &a.from.to_string())
        .replace("{to}", &a.to.to_string())
        .replace("{meetings}", &counts.meetings.to_string())
        .replace("{hours}", &counts.hours_text())
}

#[cfg(test)]
mod tests;
