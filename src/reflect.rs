//! The rules of the mentor's reflective practice log, shared by the command line, the TUI and the
//! award portfolio: reading a stage or a framework tag as the mentor types it (an unknown one is
//! refused with the accepted ones listed), and applying the log's operations. The evidence of
//! practice computed from the mentees' records is in `evidence`. Changes still go through `Op`s.

pub mod evidence;

use crate::catalog::Catalog;
use crate::devlog::{ChoiceError, choose};
use crate::model::{ActivityRef, Cycle, Record, ReflectEntry, ReflectStage};
use crate::ops::OpError;
use evidence::MenteeEvidence;
use uuid::Uuid;

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

fn check_cycle(c: &Cycle) -> Result<(), OpError> {
    if c.question.trim().is_empty() {
        return Err(OpError::EmptyQuestion);
    }
    Ok(())
}

/// An entry must say something and name only tags the catalogue knows, but for those it had
/// already (`kept`): a tag a later catalogue dropped stays on the entries that carry it, which
/// can still be edited.
fn check_entry(
    catalog: &Catalog,
    e: &ReflectEntry,
    kept: Option<&ReflectEntry>,
) -> Result<(), OpError> {
    if e.text.trim().is_empty() {
        return Err(OpError::EmptyReflection);
    }
    if let Some(a) = e.activity.iter().find(|a| a.to < a.from) {
        return Err(OpError::BackwardPeriod {
            from: a.from,
            to: a.to,
        });
    }
    let known =
        |t: &&String| catalog.award.tag(t).is_some() || kept.is_some_and(|k| k.tags.contains(*t));
    if let Some(t) = e.tags.iter().find(|t| !known(t)) {
        let accepted: Vec<&str> = catalog
            .award
            .tags()
            .map(|t| t.descriptor.id.as_str())
            .collect();
        return Err(OpError::UnknownAwardTag {
            tag: t.clone(),
            accepted: accepted.join(", "),
        });
    }
    Ok(())
}

/// `Op::AddCycle`: a replay of one already added changes nothing.
pub(crate) fn add_cycle(r: &mut Record, c: &Cycle) -> Result<(), OpError> {
    check_cycle(c)?;
    if r.reflect.cycle(c.id).is_none() {
        r.reflect.cycles.push(c.clone());
    }
    Ok(())
}

/// `Op::UpdateCycle`: sets the question, focus and start; the entries are the cycle's own (they
/// change through their own operations, which another process may have made meanwhile).
pub(crate) fn update_cycle(r: &mut Record, c: &Cycle) -> Result<(), OpError> {
    check_cycle(c)?;
    let slot = r.reflect.cycle_mut(c.id).ok_or(OpError::NoSuchCycle)?;
    slot.question = c.question.clone();
    slot.focus = c.focus.clone();
    slot.started = c.started;
    slot.extra = c.extra.clone();
    Ok(())
}

/// The cycle an entry `e` is written to, once the entry is found sound.
fn cycle_for<'r>(
    r: &'r mut Record,
    catalog: &Catalog,
    cycle: Uuid,
    e: &ReflectEntry,
) -> Result<&'r mut Cycle, OpError> {
    let c = r.reflect.cycle_mut(cycle).ok_or(OpError::NoSuchCycle)?;
    check_entry(catalog, e, c.entry(e.id))?;
    Ok(c)
}

/// `Op::AddReflectEntry`: into its cycle in date order; a replay changes nothing.
pub(crate) fn add_entry(
    r: &mut Record,
    catalog: &Catalog,
    cycle: Uuid,
    e: &ReflectEntry,
) -> Result<(), OpError> {
    let c = cycle_for(r, catalog, cycle, e)?;
    if c.entry(e.id).is_none() {
        c.insert_in_order(e.clone());
    }
    Ok(())
}

/// `Op::UpdateReflectEntry`: replaces the entry, moving it if its date changed.
pub(crate) fn update_entry(
    r: &mut Record,
    catalog: &Catalog,
    cycle: Uuid,
    e: &ReflectEntry,
) -> Result<(), OpError> {
    let c = cycle_for(r, catalog, cycle, e)?;
    if !crate::model::replace_by_date(&mut c.entries, e.clone(), |x| x.id == e.id, |x| x.date) {
        return Err(OpError::NoSuchReflectEntry);
    }
    Ok(())
}

/// `Op::DeleteReflectEntry`: deleting what is gone already changes nothing.
pub(crate) fn delete_entry(r: &mut Record, id: Uuid) {
    for c in &mut r.reflect.cycles {
        c.entries.retain(|e| e.id != id);
    }
}

#[cfg(test)]
mod tests;
