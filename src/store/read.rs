//! Reading the data directory: each file read, version-checked, migrated and checked against
//! the domain's rules; a file unchanged since this process last saw it taken from what it knew
//! (`Snapshot`) instead; the meetings and the development log assembled from the years a read
//! needs (`years`).

use super::schema::Kind;
use super::years::{self, Dated, Scope, Series, YearPart};
use super::{
    AGREEMENTS_FILE, CHECKLIST_FILE, Disk, OnDisk, PLANS_DIR, PROFILE_FILE, QUESTIONNAIRES_FILE,
    Snapshot, Stamp, StorageError, Store, Valid, codec, files,
};
use crate::domain::calendar::{AcademicYear, PlanWindow};
use crate::domain::model::{Action, Record};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::Path;
use uuid::Uuid;

impl Store {
    /// The record, and what a save needs to know of each file. With `last` (what this process
    /// last saved), a file whose stamp has not changed since is taken from it, not re-read.
    pub(super) fn read_all(
        &self,
        last: Option<Snapshot>,
        scope: Scope,
    ) -> Result<(Record, Disk), StorageError> {
        let (record, disk, mut problems) = self.read_parts(last, scope);
        match problems.drain(..).next() {
            Some(first) => Err(first),
            None => Ok((record, disk)),
        }
    }

    /// Reads what can be read. Read-only commands use this so that one damaged file does not
    /// stop, say, the export of a plan stored in another; they report the problems.
    pub fn load_partial(&self) -> (Record, Vec<StorageError>) {
        self.load_partial_scope(Scope::All)
    }

    /// `load_partial` of the years `scope` names.
    pub fn load_partial_scope(&self, scope: Scope) -> (Record, Vec<StorageError>) {
        let recovered = self.recover_before_reading();
        let (record, _, mut problems) = self.read_parts(None, scope);
        problems.extend(recovered.err());
        (record, problems)
    }

    /// Reads every file of `scope` (or takes it from `last` if unchanged), setting aside (and
    /// reporting) each one that cannot be read.
    pub(super) fn read_parts(
        &self,
        last: Option<Snapshot>,
        scope: Scope,
    ) -> (Record, Disk, Vec<StorageError>) {
        let Snapshot {
            record: mut old,
            disk: old_disk,
        } = last.unwrap_or_default();
        let mut reader = Reader {
            store: self,
            old_disk,
            disk: Disk::new(),
            problems: Vec::new(),
        };
        let mut record = Record {
            profile: reader.part(PROFILE_FILE, Kind::Profile, &mut old.profile),
            checklist: reader.part(CHECKLIST_FILE, Kind::Checklist, &mut old.checklist),
            meetings: reader.series(Series::Meetings, scope, &mut old.meetings),
            plans: BTreeMap::new(),
            agreements: reader.part(AGREEMENTS_FILE, Kind::Agreements, &mut old.agreements),
            questionnaires: reader.part(
                QUESTIONNAIRES_FILE,
                Kind::Questionnaires,
                &mut old.questionnaires,
            ),
            devlog: reader.series(Series::DevLog, scope, &mut old.devlog),
            reflect: reader.part(super::REFLECT_FILE, Kind::Reflect, &mut old.reflect),
        };
        let Reader {
            mut disk,
            mut problems,
            old_disk,
            ..
        } = reader;
        let plans_dir = self.dir.join(PLANS_DIR);
        if fs::symlink_metadata(&plans_dir).is_ok_and(|m| m.file_type().is_symlink()) {
            // Its files would be opened through the link.
            problems.push(StorageError::io("read", &plans_dir)(io::Error::other(
                "it is a symbolic link: mentorplan never reads or writes through links inside its data directory; put the real directory there",
            )));
            return (record, disk, problems);
        }
        for (stem, path) in self.plan_files() {
            let rel = format!("{PLANS_DIR}/{stem}.json");
            let window = match PlanWindow::parse(&stem) {
                Ok(w) => w,
                Err(e) => {
                    problems.push(
                        self.unreadable(&path, format!("the file name is not a plan window: {e}")),
                    );
                    continue;
                }
            };
            if !scope.takes_plan(window) {
                continue;
            }
            if let Some(seen) = unchanged(&old_disk, &rel, &path)
                && let Some(plan) = old.plans.remove(&window)
            {
                disk.insert(rel, seen.clone());
                record.plans.insert(window, plan);
                continue;
            }
            let plan: Option<crate::domain::model::Plan> =
                match self.read_file(&rel, Kind::Plan, &mut disk) {
                    Ok(p) => p,
                    Err(e) => {
                        problems.push(e);
                        continue;
                    }
                };
            // None: removed since the directory was listed.
            let Some(plan) = plan else { continue };
            if plan.window != window {
                problems.push(self.unreadable(
                    &path,
                    format!(
                        "the file is named for {window} but holds the plan for {}",
                        plan.window
                    ),
                ));
                continue;
            }
            record.plans.insert(window, plan);
        }
        (record, disk, problems)
    }

    pub(super) fn unreadable(&self, path: &Path, problem: String) -> StorageError {
        StorageError::Unreadable {
            path: path.to_path_buf(),
            problem,
            backups: self.backups_dir(),
        }
    }

    /// Reads, version-checks, migrates and checks against the domain's rules one file; `None`
    /// if it does not exist. A file that breaks a rule is unreadable like one that does not
    /// parse: left as it is, never overwritten, and reported by `check`.
    pub(super) fn read_file<T: DeserializeOwned + Valid>(
        &self,
        rel: &str,
        kind: Kind,
        disk: &mut Disk,
    ) -> Result<Option<T>, StorageError> {
        let path = self.dir.join(rel);
        let (bytes, meta) = match files::read_with_meta(&path) {
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StorageError::io("read", &path)(e)),
        };
        let decoded =
            codec::decode_file::<T>(&bytes, kind).map_err(|e| e.at(&path, &self.backups_dir()))?;
        if let Err(e) = decoded.data.valid() {
            return Err(self.unreadable(&path, e.to_string()));
        }
        let seen = OnDisk {
            stamp: Stamp::of(&meta),
            extra: decoded.extra,
            current: decoded.current,
            held: Vec::new(),
            inner: Default::default(),
        };
        disk.insert(rel.to_string(), seen);
        Ok(Some(decoded.data))
    }
}

/// Reads the record's section files for `read_parts`, taking from the last save what has not
/// changed on disk since.
struct Reader<'a> {
    store: &'a Store,
    old_disk: Disk,
    disk: Disk,
    problems: Vec<StorageError>,
}

impl Reader<'_> {
    /// The part stored in `rel`: `old` if the file is as this process last saw it, else read
    /// from disk; empty if the file is missing or unreadable (the problem is kept).
    fn part<T: DeserializeOwned + Valid + Default>(
        &mut self,
        rel: &str,
        kind: Kind,
        old: &mut T,
    ) -> T {
        let path = self.store.dir.join(rel);
        if let Some(seen) = unchanged(&self.old_disk, rel, &path) {
            self.disk.insert(rel.to_string(), seen.clone());
            return std::mem::take(old);
        }
        match self.store.read_file(rel, kind, &mut self.disk) {
            Ok(part) => part.unwrap_or_default(),
            Err(e) => {
                self.problems.push(e);
                T::default()
            }
        }
    }

    /// A part kept by year: the present file and the year files `scope` takes, each from the
    /// last save if unchanged, in the order they are stored; an item in the wrong file (edited
    /// by hand) is kept, and its file marked to be rewritten at the next save.
    fn series<P: YearPart + DeserializeOwned + Valid>(
        &mut self,
        series: Series,
        scope: Scope,
        old: &mut P,
    ) -> P {
        let mut pool: HashMap<Uuid, P::Item> = std::mem::take(old.items_mut())
            .into_iter()
            .map(|i| (i.id(), i))
            .collect();
        let mut action_pool: HashMap<Uuid, Action> = old
            .actions_mut()
            .map(std::mem::take)
            .unwrap_or_default()
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let present = series.present_file();
        let mut part = match self.reuse(present, &mut pool, &mut action_pool) {
            Some((items, actions)) => {
                let mut p = std::mem::take(old);
                *p.items_mut() = items;
                if let Some(a) = p.actions_mut() {
                    *a = actions;
                }
                p
            }
            None => self
                .read_series_file::<P>(present, series)
                .unwrap_or_default(),
        };
        for (year, rel) in self.store.year_files(series, &mut self.problems) {
            if !scope.takes(year) {
                continue;
            }
            let (items, actions) = match self.reuse(&rel, &mut pool, &mut action_pool) {
                Some(found) => found,
                None => {
                    let Some(mut file) = self.read_series_file::<P>(&rel, series) else {
                        continue;
                    };
                    if let Some(seen) = self.disk.get_mut(&rel) {
                        seen.inner = std::mem::take(file.extra_mut());
                    }
                    let actions = file.actions_mut().map(std::mem::take).unwrap_or_default();
                    (std::mem::take(file.items_mut()), actions)
                }
            };
            part.items_mut().extend(items);
            if let Some(a) = part.actions_mut() {
                a.extend(actions);
            }
        }
        let layout = self.store.years;
        years::dedupe(part.items_mut());
        if let Some(a) = part.actions_mut() {
            years::dedupe(a);
        }
        layout.group_part(&mut part);
        let now = layout.present(&part);
        let items = part
            .items()
            .iter()
            .map(|i| (i.id(), layout.file_of(now, i)));
        let actions = part
            .actions()
            .iter()
            .map(|a| (a.id, layout.file_of(now, a)));
        let home: HashMap<Uuid, Option<AcademicYear>> = items.chain(actions).collect();
        for (rel, seen) in self.disk.iter_mut() {
            if let Some((s, year)) = Series::of(rel)
                && s == series
                && seen.held.iter().any(|id| home.get(id) != Some(&year))
            {
                seen.current = false;
            }
        }
        part
    }

    /// The items and actions of the file `rel` as the last save left them, if the file has
    /// not changed since.
    fn reuse<T>(
        &mut self,
        rel: &str,
        pool: &mut HashMap<Uuid, T>,
        action_pool: &mut HashMap<Uuid, Action>,
    ) -> Option<(Vec<T>, Vec<Action>)> {
        let seen = unchanged(&self.old_disk, rel, &self.store.dir.join(rel))?.clone();
        let items = seen.held.iter().filter_map(|id| pool.remove(id)).collect();
        let actions = seen
            .held
            .iter()
            .filter_map(|id| action_pool.remove(id))
            .collect();
        self.disk.insert(rel.to_string(), seen);
        Some((items, actions))
    }

    /// Reads one file of a part kept by year, noting the items it holds.
    fn read_series_file<P: YearPart + DeserializeOwned + Valid>(
        &mut self,
        rel: &str,
        series: Series,
    ) -> Option<P> {
        match self
            .store
            .read_file::<P>(rel, series.kind(), &mut self.disk)
        {
            Ok(Some(file)) => {
                if let Some(seen) = self.disk.get_mut(rel) {
                    let actions = file.actions().iter().map(|a| a.id);
                    seen.held = file.items().iter().map(Dated::id).chain(actions).collect();
                }
                Some(file)
            }
            Ok(None) => None,
            Err(e) => {
                self.problems.push(e);
                None
            }
        }
    }
}

impl Store {
    /// The year files of a series on disk, oldest first. A directory that is a link is not
    /// read (its files would be opened through it): that is a problem to report.
    pub(super) fn year_files(
        &self,
        series: Series,
        problems: &mut Vec<StorageError>,
    ) -> Vec<(AcademicYear, String)> {
        let dir = self.dir.join(series.dir());
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                problems.push(StorageError::io("read", &dir)(io::Error::other(
                    "it is a symbolic link: mentorplan never reads or writes through links inside its data directory; put the real directory there",
                )));
                return Vec::new();
            }
            Ok(_) => {}
            Err(_) => return Vec::new(),
        }
        let Ok(entries) = fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut v: Vec<(AcademicYear, String)> = entries
            .flatten()
            .filter_map(|e| {
                let rel = format!("{}/{}", series.dir(), e.file_name().to_str()?);
                match Series::of(&rel)? {
                    (s, Some(year)) if s == series => Some((year, rel)),
                    _ => None,
                }
            })
            .collect();
        v.sort();
        v
    }
}

/// What was known of `rel` if the file at `path` is still the one it was read or written as.
fn unchanged<'d>(old: &'d Disk, rel: &str, path: &Path) -> Option<&'d OnDisk> {
    old.get(rel)
        .filter(|seen| Stamp::now(path) == Some(seen.stamp))
}
