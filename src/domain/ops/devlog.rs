//! The operations on the development log: an entry is checked against the catalogue (its
//! provider, tags, principle and session) before it is added or replaces another.

use super::OpError;
use crate::domain::catalog::Catalog;
use crate::domain::devlog::all_sessions;
use crate::domain::model::{DevEntry, Record};
use uuid::Uuid;

/// Refuses an entry that names what the catalogue does not know, or has no title.
fn validate(catalog: &Catalog, e: &DevEntry) -> Result<(), OpError> {
    let d = &catalog.development;
    if e.title.trim().is_empty() {
        return Err(OpError::EmptyTitle);
    }
    if d.provider(&e.provider).is_none() {
        return Err(OpError::UnknownProvider(e.provider.clone()));
    }
    if let Some(t) = e.tags.iter().find(|t| d.tag(t).is_none()) {
        return Err(OpError::UnknownTag(t.clone()));
    }
    if let Some(p) = e.principle.as_ref().filter(|p| d.principle(p).is_none()) {
        return Err(OpError::UnknownPrinciple(p.clone()));
    }
    if let Some(s) = &e.session
        && !all_sessions(catalog).any(|x| &x.entry.id == s)
    {
        return Err(OpError::UnknownSession(s.clone()));
    }
    Ok(())
}

/// `Op::AddDevEntry`: adding an entry that is already there (a replay) changes nothing.
pub(crate) fn add(r: &mut Record, catalog: &Catalog, e: &DevEntry) -> Result<(), OpError> {
    validate(catalog, e)?;
    if r.devlog.entry(e.id).is_none() {
        r.devlog.insert_in_order(e.clone());
    }
    Ok(())
}

/// `Op::UpdateDevEntry`: replaces the entry, moving it if its date changed.
pub(crate) fn update(r: &mut Record, catalog: &Catalog, e: &DevEntry) -> Result<(), OpError> {
    validate(catalog, e)?;
    let entries = &mut r.devlog.entries;
    if !crate::domain::model::replace_by_date(entries, e.clone(), |x| x.id == e.id, |x| x.date) {
        return Err(OpError::NoSuchDevEntry);
    }
    Ok(())
}

/// `Op::DeleteDevEntry`: deleting what is gone already changes nothing.
pub(crate) fn delete(r: &mut Record, id: Uuid) {
    r.devlog.entries.retain(|e| e.id != id);
}
