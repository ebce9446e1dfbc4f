//! Writing the data directory: which files a save writes (those whose part changed, and any in
//! an older shape), their bytes, and the snapshot of what is on disk afterwards. The files
//! themselves change all or nothing through the `journal`.

use super::Valid;
use super::codec::{encode_empty, encode_with};
use super::schema::Kind;
use super::years::{self, Dated, DevLogOut, FileItems, MeetingsOut, Series, Splits, YearPart};
use super::{
    Disk, Mode, OnDisk, PLANS_DIR, SECTION_FILES, Stamp, StorageError, Store, backup, journal,
    read_if_there,
};
use crate::domain::calendar::PlanWindow;
use crate::domain::model::{Record, Unknown};
use crate::domain::ops::Part;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use uuid::Uuid;

impl Store {
    /// Brings into `record` the year files a save is about to write but this process has not
    /// read (a meeting logged for a past year while only the present was loaded), so that
    /// writing them keeps what they hold.
    pub(super) fn complete_years(
        &self,
        record: &mut Record,
        disk: &mut Disk,
    ) -> Result<(), StorageError> {
        self.complete_part(Series::Meetings, &mut record.meetings, disk)?;
        self.complete_part(Series::DevLog, &mut record.devlog, disk)
    }

    fn complete_part<P: YearPart + DeserializeOwned + Valid>(
        &self,
        series: Series,
        part: &mut P,
        disk: &mut Disk,
    ) -> Result<(), StorageError> {
        for year in self.years.years_needed(part) {
            let rel = series.year_rel(year);
            if disk.contains_key(&rel) {
                continue;
            }
            let file: Option<P> = self.read_file(&rel, series.kind(), disk)?;
            let Some(mut file) = file else { continue };
            let actions = file.actions().iter().map(|a| a.id);
            let held: Vec<Uuid> = file.items().iter().map(Dated::id).chain(actions).collect();
            take_in(part.items_mut(), file.items_mut());
            if let (Some(mine), Some(theirs)) = (part.actions_mut(), file.actions_mut()) {
                take_in(mine, theirs);
            }
            if let Some(seen) = disk.get_mut(&rel) {
                seen.held = held;
                seen.inner = std::mem::take(file.extra_mut());
            }
        }
        self.years.group_part(part);
        Ok(())
    }

    /// Writes every file `touched` names whose content changed (and any file still in an
    /// older schema version or shape), and removes the plans and year files the record no
    /// longer has, all or nothing (`journal`), after keeping a backup of each version
    /// replaced. Updates `disk` to what is there now and returns the files written or removed.
    pub(super) fn write_changed(
        &self,
        record: &Record,
        splits: &Splits,
        disk: &mut Disk,
        touched: &dyn Fn(&str) -> bool,
        mode: Mode,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, StorageError> {
        let mut candidates: Vec<String> = SECTION_FILES.iter().map(|f| f.to_string()).collect();
        candidates.extend(
            record
                .plans
                .keys()
                .map(|window| format!("{PLANS_DIR}/{window}.json")),
        );
        let mut year_files: BTreeSet<String> = BTreeSet::new();
        year_files.extend(
            splits
                .meetings
                .years()
                .map(|y| Series::Meetings.year_rel(y)),
        );
        year_files.extend(splits.devlog.years().map(|y| Series::DevLog.year_rel(y)));
        let needed = year_files.clone();
        year_files.extend(
            disk.keys()
                .filter(|rel| matches!(Series::of(rel), Some((_, Some(_)))))
                .cloned(),
        );
        candidates.extend(year_files);
        let mut changes: Vec<(String, Option<Vec<u8>>)> = Vec::new();
        let mut kept: BTreeMap<String, (Unknown, Unknown, Vec<Uuid>)> = BTreeMap::new();
        let mut replaced: Vec<(String, Vec<u8>)> = Vec::new();
        for rel in candidates {
            let seen = disk.get(&rel);
            let year_file = matches!(Series::of(&rel), Some((_, Some(_))));
            if year_file && seen.is_none() && std::fs::symlink_metadata(self.dir.join(&rel)).is_ok()
            {
                // Writing it would lose what it holds: `complete_years` reads it first.
                return Err(StorageError::io("write", &self.dir.join(&rel))(
                    io::Error::other(
                        "it was not read before the save (a bug: nothing was written)",
                    ),
                ));
            }
            if year_file && !needed.contains(&rel) {
                // Its year has no items left: the file goes, as a removed plan's does.
                replaced.extend(read_if_there(&self.dir.join(&rel))?.map(|old| (rel.clone(), old)));
                changes.push((rel, None));
                continue;
            }
            // A replace leaves exactly the record given, without the unknown keys.
            let replacing = mode == Mode::Replace
                && seen.is_some_and(|s| !s.extra.0.is_empty() || !s.inner.0.is_empty());
            // A year file that does not exist yet takes items that are in another file now
            // (marked not current when read, so rewritten in this same save).
            let new_year = year_file && seen.is_none();
            if !touched(&rel) && !replacing && !new_year && seen.is_none_or(|s| s.current) {
                continue;
            }
            // Keys beside the payload that this release does not know are written back, except
            // by a replace, which leaves exactly the record given.
            let (extra, inner) = match (mode, seen) {
                (Mode::Merge, Some(s)) => (s.extra.clone(), s.inner.clone()),
                _ => Default::default(),
            };
            let bytes = encode_part(&rel, record, splits, &extra, &inner);
            // Under the lock, unchanged since it was read: its bytes, to compare and back up.
            let old = match seen {
                Some(_) => read_if_there(&self.dir.join(&rel))?,
                None => None,
            };
            if old.as_ref() == Some(&bytes) {
                continue;
            }
            // An empty section that was never written stays unwritten: no clutter of empty files.
            if old.is_none() && bytes == encode_empty(&rel) {
                continue;
            }
            kept.insert(rel.clone(), (extra, inner, held(&rel, splits)));
            replaced.extend(old.map(|old| (rel.clone(), old)));
            changes.push((rel, Some(bytes)));
        }
        for rel in disk.keys().filter(|rel| rel.starts_with(PLANS_DIR)) {
            if rel_window(rel).is_none_or(|w| !record.plans.contains_key(&w)) {
                replaced.extend(read_if_there(&self.dir.join(rel))?.map(|old| (rel.clone(), old)));
                changes.push((rel.clone(), None));
            }
        }
        let backups = self.backups_dir();
        for (rel, bytes) in &replaced {
            // Best effort: a failed backup must not stop the save itself.
            let _ = backup::keep(bytes, &backups, &rel.replace('/', "-"), now);
        }
        let written: Vec<String> = changes.iter().map(|(rel, _)| rel.clone()).collect();
        journal::commit(&self.dir, changes).map_err(StorageError::io("write", &self.dir))?;
        for rel in &written {
            let stamp = Stamp::now(&self.dir.join(rel));
            match (stamp, kept.remove(rel)) {
                (Some(stamp), Some((extra, inner, held))) => {
                    disk.insert(
                        rel.clone(),
                        OnDisk {
                            stamp,
                            extra,
                            current: true,
                            held,
                            inner,
                        },
                    );
                }
                _ => {
                    disk.remove(rel);
                }
            }
        }
        Ok(written)
    }
}

/// Adds a year file's items to the record's: the file's first, in their order, then the
/// record's new ones (its copy winning where both have one).
fn take_in<T: Dated>(items: &mut Vec<T>, from: &mut Vec<T>) {
    let mut merged = std::mem::take(from);
    let at: std::collections::HashMap<Uuid, usize> = merged
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id(), i))
        .collect();
    for item in items.drain(..) {
        match at.get(&item.id()) {
            Some(&i) => merged[i] = item,
            None => merged.push(item),
        }
    }
    *items = merged;
}

/// The ids of the items (and actions) the file `rel` holds once written; none for a file not
/// kept by year.
fn held(rel: &str, splits: &Splits) -> Vec<Uuid> {
    fn ids<T: Dated>((items, actions): FileItems<T>) -> Vec<Uuid> {
        let actions = actions.iter().map(|a| a.id);
        items.iter().map(|i| i.id()).chain(actions).collect()
    }
    match Series::of(rel) {
        Some((Series::Meetings, year)) => ids(splits.meetings.file(year)),
        Some((Series::DevLog, year)) => ids(splits.devlog.file(year)),
        None => Vec::new(),
    }
}

/// The part of the record a data file (relative path) stores.
pub(super) fn part_of(rel: &str) -> Part {
    if let Some((series, _)) = Series::of(rel) {
        return series.part();
    }
    match rel {
        super::PROFILE_FILE => Part::Profile,
        super::CHECKLIST_FILE => Part::Checklist,
        super::AGREEMENTS_FILE => Part::Agreements,
        super::QUESTIONNAIRES_FILE => Part::Questionnaires,
        super::REFLECT_FILE => Part::Reflect,
        _ => Part::Plans,
    }
}

/// The window of a plan file (`plans/2025-27.json`).
pub(super) fn rel_window(rel: &str) -> Option<PlanWindow> {
    let stem = rel.strip_prefix(PLANS_DIR)?.strip_prefix('/')?;
    PlanWindow::parse(stem.strip_suffix(".json")?).ok()
}

/// Whether what the file `rel` stores differs between two records: a comparison, much cheaper
/// than serialising the part to find out.
pub(super) fn differs(rel: &str, (a, sa): (&Record, &Splits), (b, sb): (&Record, &Splits)) -> bool {
    match Series::of(rel) {
        Some((Series::Meetings, year)) => {
            (year.is_none() && a.meetings.extra != b.meetings.extra)
                || sa.meetings.file(year) != sb.meetings.file(year)
        }
        Some((Series::DevLog, year)) => {
            (year.is_none() && a.devlog.extra != b.devlog.extra)
                || sa.devlog.file(year) != sb.devlog.file(year)
        }
        None => match part_of(rel) {
            Part::Profile => a.profile != b.profile,
            Part::Checklist => a.checklist != b.checklist,
            Part::Agreements => a.agreements != b.agreements,
            Part::Questionnaires => a.questionnaires != b.questionnaires,
            Part::Reflect => a.reflect != b.reflect,
            Part::Meetings | Part::DevLog => unreachable!("kept by year"),
            Part::Plans => rel_window(rel).is_none_or(|w| a.plans.get(&w) != b.plans.get(&w)),
        },
    }
}

/// Makes the parts stored in the files `written` equal in `to` and `from`, copying only what
/// differs: how the snapshot of the last save follows it without a copy of the record.
pub(super) fn copy_parts(written: &[String], from: &Record, to: &mut Record) {
    let mut done: BTreeSet<Part> = BTreeSet::new();
    for rel in written {
        let part = part_of(rel);
        if part != Part::Plans && !done.insert(part) {
            continue;
        }
        match part {
            Part::Profile => to.profile = from.profile.clone(),
            Part::Checklist => to.checklist = from.checklist.clone(),
            Part::Meetings => {
                years::sync_items(&from.meetings.actions, &mut to.meetings.actions);
                to.meetings.extra = from.meetings.extra.clone();
                years::sync_items(&from.meetings.meetings, &mut to.meetings.meetings);
            }
            Part::Agreements => to.agreements = from.agreements.clone(),
            Part::Questionnaires => to.questionnaires = from.questionnaires.clone(),
            Part::Reflect => to.reflect = from.reflect.clone(),
            Part::DevLog => {
                to.devlog.extra = from.devlog.extra.clone();
                years::sync_items(&from.devlog.entries, &mut to.devlog.entries);
            }
            Part::Plans => {
                if let Some(w) = rel_window(rel) {
                    match from.plans.get(&w) {
                        Some(plan) => to.plans.insert(w, plan.clone()),
                        None => to.plans.remove(&w),
                    };
                }
            }
        }
    }
}

/// The bytes of the file `rel` for `record`, with the unknown keys `extra` beside the payload
/// (and, in a year file, `inner` within it).
fn encode_part(
    rel: &str,
    record: &Record,
    splits: &Splits,
    extra: &Unknown,
    inner: &Unknown,
) -> Vec<u8> {
    match Series::of(rel) {
        Some((Series::Meetings, year)) => {
            let (meetings, actions) = splits.meetings.file(year);
            let out = MeetingsOut {
                actions,
                meetings,
                extra: if year.is_none() {
                    &record.meetings.extra
                } else {
                    inner
                },
            };
            return encode_with(Kind::Meetings, &out, extra);
        }
        Some((Series::DevLog, year)) => {
            let out = DevLogOut {
                entries: splits.devlog.file(year).0,
                extra: if year.is_none() {
                    &record.devlog.extra
                } else {
                    inner
                },
            };
            return encode_with(Kind::DevLog, &out, extra);
        }
        None => {}
    }
    match part_of(rel) {
        Part::Profile => encode_with(Kind::Profile, &record.profile, extra),
        Part::Checklist => encode_with(Kind::Checklist, &record.checklist, extra),
        Part::Agreements => encode_with(Kind::Agreements, &record.agreements, extra),
        Part::Questionnaires => encode_with(Kind::Questionnaires, &record.questionnaires, extra),
        Part::Reflect => encode_with(Kind::Reflect, &record.reflect, extra),
        Part::Meetings | Part::DevLog => unreachable!("kept by year"),
        Part::Plans => match rel_window(rel).and_then(|w| record.plans.get(&w)) {
            Some(plan) => encode_with(Kind::Plan, plan, extra),
            None => Vec::new(),
        },
    }
}
