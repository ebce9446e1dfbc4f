//! The operations on the mentor's reflective log: a cycle needs its question, an entry its text,
//! a period that runs forward and tags the catalogue knows.

use super::OpError;
use crate::domain::catalog::Catalog;
use crate::domain::model::{Cycle, Record, ReflectEntry};
use uuid::Uuid;

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

/// `Op::AddReflectEntry` (`replace` false: into its cycle in date order; a replay changes
/// nothing) and `Op::UpdateReflectEntry` (`replace`: the entry replaced, moved if its date
/// changed).
pub(crate) fn put_entry(
    r: &mut Record,
    catalog: &Catalog,
    cycle: Uuid,
    e: &ReflectEntry,
    replace: bool,
) -> Result<(), OpError> {
    let c = cycle_for(r, catalog, cycle, e)?;
    if replace {
        let by_id = |x: &ReflectEntry| x.id == e.id;
        if !crate::domain::model::replace_by_date(&mut c.entries, e.clone(), by_id, |x| x.date) {
            return Err(OpError::NoSuchReflectEntry);
        }
    } else if c.entry(e.id).is_none() {
        c.insert_in_order(e.clone());
    }
    Ok(())
}

/// `Op::DeleteReflectEntry`: deleting what is gone already changes nothing.
pub(crate) fn delete_entry(r: &mut Record, id: Uuid) {
    for c in &mut r.reflect.cycles {
        c.entries.retain(|e| e.id != id);
    }
}
