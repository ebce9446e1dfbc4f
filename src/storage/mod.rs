//! The data directory: where the record lives, how it is read, and the only way it is written
//! (`Store::apply`: lock, re-read, apply the operations, write what changed, unlock). Knows
//! nothing of terminals.
//!
//! Layout (see docs/data-format.md):
//! `profile.json`, `checklist.json`, `meetings.json`, `plans/<window>.json`, `backups/`, `.lock`,
//! `agreements.json`, `questionnaires.json`, `devlog.json`, `meeting-draft.json`,
//! `mentees.json`, `mentees/<id>/`, and `.journal.json` while a save is being made.

pub mod backup;
mod check;
pub mod draft;
mod envelope;
pub mod files;
#[cfg(test)]
mod incremental_tests;
pub mod journal;
pub mod lock;
pub mod merge_file;
#[cfg(test)]
mod proptests;
pub mod schema;
pub mod typing;

use crate::calendar::PlanWindow;
use crate::catalog::Catalog;
use crate::model::rules;
use crate::model::{Record, Unknown};
use crate::ops::{Op, OpError, Part};
use chrono::{DateTime, Utc};
use lock::{DirLock, LockError};
use schema::{Kind, SCHEMA_VERSION};
use serde::Serialize;
use serde::de::{DeserializeOwned, DeserializeSeed};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const PROFILE_FILE: &str = "profile.json";
pub const CHECKLIST_FILE: &str = "checklist.json";
pub const MEETINGS_FILE: &str = "meetings.json";
pub const PLANS_DIR: &str = "plans";
pub const BACKUP_DIR: &str = "backups";
pub const AGREEMENTS_FILE: &str = "agreements.json";
pub const QUESTIONNAIRES_FILE: &str = "questionnaires.json";
pub const DEVLOG_FILE: &str = "devlog.json";
/// The files of the record's sections other than the plans: what `read_parts` reads.
pub(crate) const SECTION_FILES: [&str; 6] = [
    PROFILE_FILE,
    CHECKLIST_FILE,
    MEETINGS_FILE,
    AGREEMENTS_FILE,
    QUESTIONNAIRES_FILE,
    DEVLOG_FILE,
];

/// Writers hold the lock for milliseconds; this long a wait means a stuck process.
const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error(
        "cannot read {path}: {problem}\nThe file has been left exactly as it is and mentorplan will not write it until this is resolved: \
correct it by hand, restore a copy from {backups}, or run `mentorplan check --move-aside` to set it aside and start that part afresh."
    )]
    Unreadable {
        path: PathBuf,
        problem: String,
        backups: PathBuf,
    },
    #[error(
        "{path} was written by a newer mentorplan (schema version {found}; this is mentorplan {program}, which reads up to version {supported}).\nInstall mentorplan {needed} or later to use it; the file has been left as it is."
    )]
    TooNew {
        path: PathBuf,
        found: u64,
        supported: u64,
        program: &'static str,
        needed: String,
    },
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(
        "{path} is not a mentorplan record export: {problem}\nExpect a file written by `mentorplan export --section all --include-confidential --format json`."
    )]
    NotARecord { path: PathBuf, problem: String },
    #[error("refusing to write in {path}: {problem}.\n{fix}")]
    UnsafeDir {
        path: PathBuf,
        problem: String,
        fix: String,
    },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Op(#[from] OpError),
}

impl StorageError {
    /// The file the error is about, where there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StorageError::Unreadable { path, .. }
            | StorageError::TooNew { path, .. }
            | StorageError::Io { path, .. }
            | StorageError::NotARecord { path, .. }
            | StorageError::UnsafeDir { path, .. } => Some(path),
            StorageError::Lock(_) | StorageError::Op(_) => None,
        }
    }

    pub(crate) fn io<'p>(
        action: &'static str,
        path: &'p Path,
    ) -> impl FnOnce(io::Error) -> StorageError + use<'p> {
        move |source| StorageError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What a data file must satisfy beyond parsing: the domain's rules for that part.
trait Valid {
    fn valid(&self) -> Result<(), rules::Invalid> {
        Ok(())
    }
}

impl Valid for crate::model::MeetingRecord {
    fn valid(&self) -> Result<(), rules::Invalid> {
        rules::meetings(self)
    }
}

impl Valid for crate::model::AgreementRecord {
    fn valid(&self) -> Result<(), rules::Invalid> {
        rules::agreements(self)
    }
}

// No rule beyond their types (ratings 1 to 5, development entries checked by the catalogue's
// `devlog::validate` when added) yet.
impl Valid for crate::model::Profile {}
impl Valid for crate::model::Checklist {}
impl Valid for crate::model::Plan {}
impl Valid for crate::model::QuestionnaireRecord {}
impl Valid for crate::model::DevLog {}

pub use check::{Problem, ProblemKind};

/// A file's identity when it was read or written: another process's save renames a new file
/// (a new inode) into place, and a hand edit changes its size or modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
    ino: u64,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            mtime: meta.mtime(),
            mtime_nsec: meta.mtime_nsec(),
            ino: meta.ino(),
        }
    }

    /// The stamp of what is at `path` now, `None` if nothing (or not a regular file) is.
    fn now(path: &Path) -> Option<Stamp> {
        fs::symlink_metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| Stamp::of(&m))
    }
}

/// What a save knows of one data file as it was read or written.
#[derive(Debug, Clone)]
struct OnDisk {
    stamp: Stamp,
    /// The keys beside the payload that this release does not know (written back with it).
    extra: Unknown,
    /// Whether the file is in the current schema version and shape: one that is not (an older
    /// version, migrated when read) is rewritten at the next save even if its part is unchanged.
    current: bool,
}

/// Each data file as last read, keyed by path relative to the data directory.
type Disk = BTreeMap<String, OnDisk>;

/// The record as this process last read or wrote it, with each file's stamp: the next save
/// re-reads only the files whose stamp has changed since (another process wrote them).
#[derive(Debug, Default)]
struct Snapshot {
    record: Record,
    disk: Disk,
}

/// What `Store::try_apply_over` did.
#[derive(Debug)]
pub enum TryApply {
    /// Saved: the record as saved, the new base.
    Saved(Box<Record>),
    /// Another process holds the lock (named here); nothing was written. Try again later.
    Busy(String),
}

/// Whether a save merges with the files' unknown top-level keys (every save) or leaves
/// exactly the given record (`import --replace`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Merge,
    Replace,
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    /// For a mentee's record, the mentor's data directory it lives in (`mentees/<id>/`).
    within: Option<PathBuf>,
    /// What the last save of the interface left on disk (`save_over`), so that the next one
    /// parses only what another process changed. Empty until the first save: filling it at
    /// load would cost a copy of the record before the first frame.
    last_saved: Arc<Mutex<Option<Snapshot>>>,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            within: None,
            last_saved: Arc::default(),
        }
    }

    /// The store of a data directory inside this one (a mentee's record).
    pub(crate) fn nested(&self, rel: &Path) -> Store {
        Store {
            dir: self.dir.join(rel),
            within: Some(self.dir.clone()),
            last_saved: Arc::default(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn backups_dir(&self) -> PathBuf {
        self.dir.join(BACKUP_DIR)
    }

    /// Reads the whole record without locking: readers do not wait for writers, and write only
    /// to finish a killed save they find (`recover_before_reading`). A missing directory or
    /// file is an empty record or section.
    pub fn load(&self) -> Result<Record, StorageError> {
        self.recover_before_reading()?;
        self.read_all(None).map(|(record, _)| record)
    }

    /// Applies `ops` under the lock to what is on disk now (not to what the caller read
    /// earlier), writes the files that changed, and returns the record as saved. This is how a
    /// second process's write is merged rather than overwritten.
    pub fn apply(
        &self,
        catalog: &Catalog,
        ops: &[Op],
        now: DateTime<Utc>,
    ) -> Result<Record, StorageError> {
        let _lock = self.lock_for_writing()?;
        let (mut record, mut disk) = self.read_all(None)?;
        for op in ops {
            op.apply(&mut record, catalog, now)?;
        }
        let parts: Vec<Part> = ops.iter().flat_map(|op| op.parts()).copied().collect();
        let touched = |rel: &str| parts.contains(&part_of(rel));
        self.write_changed(&record, &mut disk, &touched, Mode::Merge, now)?;
        Ok(record)
    }

    /// Saves what a long-running process (the interface) made of the record: `ops` applied to
    /// `base`, the record as it loaded it. Whatever another process wrote since is merged in
    /// (`merge::record`) rather than overwritten, so both land. Returns the record as saved,
    /// the new base.
    pub fn apply_over(
        &self,
        catalog: &Catalog,
        base: &Record,
        ops: &[Op],
        now: DateTime<Utc>,
    ) -> Result<Record, StorageError> {
        let _lock = self.lock_for_writing()?;
        self.save_over(catalog, base, ops, now)
    }

    /// `apply_over` for an interface that must never freeze: when another process holds the
    /// lock it returns `TryApply::Busy` at once, having written nothing.
    pub fn try_apply_over(
        &self,
        catalog: &Catalog,
        base: &Record,
        ops: &[Op],
        now: DateTime<Utc>,
    ) -> Result<TryApply, StorageError> {
        self.prepare_for_writing()?;
        let _lock = match DirLock::try_acquire(&self.dir)? {
            Ok(lock) => lock,
            Err(holder) => return Ok(TryApply::Busy(holder)),
        };
        self.tidy_under_lock()?;
        self.save_over(catalog, base, ops, now)
            .map(|r| TryApply::Saved(Box::new(r)))
    }

    /// The merge and write of `apply_over`, under the lock.
    fn save_over(
        &self,
        catalog: &Catalog,
        base: &Record,
        ops: &[Op],
        now: DateTime<Utc>,
    ) -> Result<Record, StorageError> {
        let mut mine = base.clone();
        for op in ops {
            op.apply(&mut mine, catalog, now)?;
        }
        let last = self.last_saved.lock().ok().and_then(|mut s| s.take());
        let (mut theirs, mut disk) = self.read_all(last)?;
        // Nobody else wrote since `base` (the usual case): `mine` is the result, not a copy of it.
        let merged = if theirs == *base {
            mine
        } else {
            crate::merge::record(base, &mine, &theirs)
        };
        // Only the parts that differ from the disk are serialised and compared.
        let touched = |rel: &str| differs(rel, &merged, &theirs);
        let written = self.write_changed(&merged, &mut disk, &touched, Mode::Merge, now)?;
        for rel in &written {
            copy_part(rel, &merged, &mut theirs);
        }
        if let Ok(mut last) = self.last_saved.lock() {
            *last = Some(Snapshot {
                record: theirs,
                disk,
            });
        }
        Ok(merged)
    }

    /// Replaces the whole record (import) with exactly `record`, all files at once, keeping
    /// backups of what was there: plans the record lacks are removed.
    pub fn replace(&self, record: &Record, now: DateTime<Utc>) -> Result<(), StorageError> {
        let _lock = self.lock_for_writing()?;
        let (_, mut disk) = self.read_all(None)?;
        self.write_changed(record, &mut disk, &|_| true, Mode::Replace, now)
            .map(drop)
    }

    /// Makes sure the data directory exists and is safe to write in.
    fn prepare_for_writing(&self) -> Result<(), StorageError> {
        files::ensure_data_dir(&self.dir).map_err(StorageError::io("create", &self.dir))?;
        self.refuse_unsafe_dir()
    }

    /// Takes the lock for a save, waiting for another process's, and tidies up after a killed
    /// one. Every writer comes through here.
    pub(crate) fn lock_for_writing(&self) -> Result<DirLock, StorageError> {
        self.prepare_for_writing()?;
        let lock = DirLock::acquire(&self.dir, LOCK_TIMEOUT)?;
        self.tidy_under_lock()?;
        Ok(lock)
    }

    /// Under the lock no other save is in progress: a journal is a killed save's, to be
    /// finished, and then any temporary is a killed save's, to be removed.
    fn tidy_under_lock(&self) -> Result<(), StorageError> {
        journal::recover(&self.dir)
            .map_err(|problem| self.unreadable(&self.dir.join(journal::JOURNAL_FILE), problem))?;
        self.remove_stale_temporaries_locked();
        Ok(())
    }

    /// A reader that finds a killed save's journal finishes it first (under the lock), so that
    /// it never sees half of a save.
    fn recover_before_reading(&self) -> Result<(), StorageError> {
        match fs::symlink_metadata(self.dir.join(journal::JOURNAL_FILE)) {
            Ok(_) => self.lock_for_writing().map(drop),
            Err(_) => Ok(()),
        }
    }

    /// A directory that other users can write to (or that is not the user's) would let them
    /// plant a link where a data file or the lock goes: no program should write there.
    fn refuse_unsafe_dir(&self) -> Result<(), StorageError> {
        if let Some(outer) = &self.within {
            Store::new(outer).refuse_unsafe_dir()?;
            // Each directory between the two must be real, or the writes would go elsewhere.
            let inner = self.dir.strip_prefix(outer).unwrap_or(Path::new(""));
            let mut at = outer.clone();
            for part in inner.components() {
                at.push(part);
                if fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                    return Err(StorageError::UnsafeDir {
                        path: at,
                        problem: "it is a symbolic link, and mentorplan never writes through links inside its data directory".into(),
                        fix: "Put the real directory there.".into(),
                    });
                }
            }
        }
        let meta = fs::metadata(&self.dir).map_err(StorageError::io("inspect", &self.dir))?;
        let mode = meta.permissions().mode() & 0o7777;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        let shown = self.dir.display();
        let (problem, fix) = if meta.uid() != me {
            (
                format!(
                    "it belongs to user id {}, not to you (user id {me}), so its owner could plant files or links in it",
                    meta.uid()
                ),
                "Keep your data in a directory of your own: give one with --data-dir DIR or MENTORPLAN_DATA_DIR.".to_string(),
            )
        } else if mode & 0o022 != 0 {
            (
                format!(
                    "its permissions are {:03o}, so other users could plant files or links in it",
                    mode & 0o777
                ),
                format!(
                    "`chmod 700 {shown}` (or `mentorplan check --fix-permissions`) makes it private."
                ),
            )
        } else {
            return Ok(());
        };
        Err(StorageError::UnsafeDir {
            path: self.dir.clone(),
            problem,
            fix,
        })
    }

    /// A cheap summary of the files' identities (size, mtime, inode), so that a long-running
    /// process can notice another one's write without re-reading everything.
    pub fn fingerprint(&self) -> Vec<(PathBuf, u64, i64, i64, u64)> {
        let mut out = Vec::new();
        for path in self.data_files() {
            if let Ok(m) = fs::symlink_metadata(&path) {
                out.push((path, m.len(), m.mtime(), m.mtime_nsec(), m.ino()));
            }
        }
        out
    }

    /// Every data file that exists now.
    fn data_files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = [PROFILE_FILE, CHECKLIST_FILE, MEETINGS_FILE]
            .iter()
            .chain(&[AGREEMENTS_FILE, QUESTIONNAIRES_FILE])
            .map(|f| self.dir.join(f))
            .filter(|p| fs::symlink_metadata(p).is_ok())
            .collect();
        v.extend(self.plan_files().into_iter().map(|(_, p)| p));
        let devlog = self.dir.join(DEVLOG_FILE);
        if fs::symlink_metadata(&devlog).is_ok() {
            v.push(devlog);
        }
        v
    }

    fn plan_files(&self) -> Vec<(String, PathBuf)> {
        let Ok(entries) = fs::read_dir(self.dir.join(PLANS_DIR)) else {
            return Vec::new();
        };
        let mut v: Vec<_> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let stem = name.strip_suffix(".json")?;
                // Conflict copies are not plans: `check` names them.
                (!stem.starts_with('.') && !check::is_conflict_copy(stem))
                    .then(|| (stem.to_string(), e.path()))
            })
            .collect();
        v.sort();
        v
    }

    /// The record, and what a save needs to know of each file. With `last` (what this process
    /// last saved), a file whose stamp has not changed since is taken from it, not re-read.
    fn read_all(&self, last: Option<Snapshot>) -> Result<(Record, Disk), StorageError> {
        let (record, disk, mut problems) = self.read_parts(last);
        match problems.drain(..).next() {
            Some(first) => Err(first),
            None => Ok((record, disk)),
        }
    }

    /// Reads what can be read. Read-only commands use this so that one damaged file does not
    /// stop, say, the export of a plan stored in another; they report the problems.
    pub fn load_partial(&self) -> (Record, Vec<StorageError>) {
        let recovered = self.recover_before_reading();
        let (record, _, mut problems) = self.read_parts(None);
        problems.extend(recovered.err());
        (record, problems)
    }

    /// Reads every file (or takes it from `last` if unchanged), setting aside (and reporting)
    /// each one that cannot be read.
    fn read_parts(&self, last: Option<Snapshot>) -> (Record, Disk, Vec<StorageError>) {
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
            meetings: reader.part(MEETINGS_FILE, Kind::Meetings, &mut old.meetings),
            plans: BTreeMap::new(),
            agreements: reader.part(AGREEMENTS_FILE, Kind::Agreements, &mut old.agreements),
            questionnaires: reader.part(
                QUESTIONNAIRES_FILE,
                Kind::Questionnaires,
                &mut old.questionnaires,
            ),
            devlog: reader.part(DEVLOG_FILE, Kind::DevLog, &mut old.devlog),
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
            if let Some(seen) = unchanged(&old_disk, &rel, &path)
                && let Some(plan) = old.plans.remove(&window)
            {
                disk.insert(rel, seen.clone());
                record.plans.insert(window, plan);
                continue;
            }
            let plan: Option<crate::model::Plan> = match self.read_file(&rel, Kind::Plan, &mut disk)
            {
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

    fn unreadable(&self, path: &Path, problem: String) -> StorageError {
        StorageError::Unreadable {
            path: path.to_path_buf(),
            problem,
            backups: self.backups_dir(),
        }
    }

    /// Reads, version-checks, migrates and checks against the domain's rules one file; `None`
    /// if it does not exist. A file that breaks a rule is unreadable like one that does not
    /// parse: left as it is, never overwritten, and reported by `check`.
    fn read_file<T: DeserializeOwned + Valid>(
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
            decode_file::<T>(&bytes, kind).map_err(|e| e.at(&path, &self.backups_dir()))?;
        if let Err(e) = decoded.data.valid() {
            return Err(self.unreadable(&path, e.to_string()));
        }
        let seen = OnDisk {
            stamp: Stamp::of(&meta),
            extra: decoded.extra,
            current: decoded.current,
        };
        disk.insert(rel.to_string(), seen);
        Ok(Some(decoded.data))
    }

    /// Writes every file `touched` names whose content changed (and any file still in an
    /// older schema version), and removes the plans the record no longer has, all or nothing
    /// (`journal`), after keeping a backup of each version replaced. Updates `disk` to what is
    /// there now and returns the files written or removed.
    fn write_changed(
        &self,
        record: &Record,
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
        let mut changes: Vec<(String, Option<Vec<u8>>)> = Vec::new();
        let mut extras = BTreeMap::new();
        let mut replaced: Vec<(String, Vec<u8>)> = Vec::new();
        for rel in candidates {
            let seen = disk.get(&rel);
            // A replace leaves exactly the record given, without the unknown keys.
            let replacing = mode == Mode::Replace && seen.is_some_and(|s| !s.extra.0.is_empty());
            if !touched(&rel) && !replacing && seen.is_none_or(|s| s.current) {
                continue;
            }
            // Keys beside the payload that this release does not know are written back, except
            // by a replace, which leaves exactly the record given.
            let extra = match (mode, seen) {
                (Mode::Merge, Some(s)) => s.extra.clone(),
                _ => Unknown::default(),
            };
            let bytes = encode_part(&rel, record, &extra);
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
            extras.insert(rel.clone(), extra);
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
            match (stamp, extras.remove(rel)) {
                (Some(stamp), Some(extra)) => {
                    let current = true;
                    disk.insert(
                        rel.clone(),
                        OnDisk {
                            stamp,
                            extra,
                            current,
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

    /// A warning when the data directory exists with permissions that let other users in (it
    /// was made by hand, or by an older tool); `check --fix-permissions` makes it private.
    pub fn loose_permissions_warning(&self) -> Option<String> {
        let mode = fs::metadata(&self.dir).ok()?.permissions().mode() & 0o777;
        (mode & !files::DIR_MODE != 0).then(|| {
            format!(
                "{} has permissions {mode:03o}: other users on this machine may be able to read your mentoring record. `mentorplan check --fix-permissions` makes it private (0700, files 0600).",
                self.dir.display()
            )
        })
    }

    /// Renames an unreadable file to `<name>.bad-<timestamp>` so that the program can start
    /// that part afresh. The file is kept, never deleted.
    pub fn move_aside(&self, path: &Path, now: DateTime<Utc>) -> Result<PathBuf, StorageError> {
        let _lock = self.lock_for_writing()?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let target = path.with_file_name(format!("{name}.bad-{}", now.format("%Y%m%dT%H%M%S")));
        fs::rename(path, &target).map_err(StorageError::io("move aside", path))?;
        Ok(target)
    }

    /// Removes temporary files from saves that were killed mid-way, if no save is in progress
    /// now (a live save's temporaries are not stale) and the directory is safe to write in.
    pub fn remove_stale_temporaries(&self) {
        if self.refuse_unsafe_dir().is_err() {
            return;
        }
        if let Ok(Ok(_lock)) = DirLock::try_acquire(&self.dir) {
            let _ = journal::recover(&self.dir);
            self.remove_stale_temporaries_locked();
        }
    }

    fn remove_stale_temporaries_locked(&self) {
        // Not the draft's: the live meeting writes it without the lock (see `draft`).
        let others = [crate::mentees::MENTEES_FILE, journal::JOURNAL_FILE];
        files::remove_stale_temporaries(&self.dir, |base| {
            SECTION_FILES.contains(&base) || others.contains(&base)
        });
        files::remove_stale_temporaries(&self.dir.join(PLANS_DIR), |base| base.ends_with(".json"));
        files::remove_stale_temporaries(&self.backups_dir(), |_| true);
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
}

/// What was known of `rel` if the file at `path` is still the one it was read or written as.
fn unchanged<'d>(old: &'d Disk, rel: &str, path: &Path) -> Option<&'d OnDisk> {
    old.get(rel)
        .filter(|seen| Stamp::now(path) == Some(seen.stamp))
}

/// The part of the record a data file (relative path) stores.
fn part_of(rel: &str) -> Part {
    match rel {
        PROFILE_FILE => Part::Profile,
        CHECKLIST_FILE => Part::Checklist,
        MEETINGS_FILE => Part::Meetings,
        AGREEMENTS_FILE => Part::Agreements,
        QUESTIONNAIRES_FILE => Part::Questionnaires,
        DEVLOG_FILE => Part::DevLog,
        _ => Part::Plans,
    }
}

/// The window of a plan file (`plans/2025-27.json`).
fn rel_window(rel: &str) -> Option<PlanWindow> {
    let stem = rel.strip_prefix(PLANS_DIR)?.strip_prefix('/')?;
    PlanWindow::parse(stem.strip_suffix(".json")?).ok()
}

/// Whether the part stored in `rel` differs between two records: a comparison, much cheaper
/// than serialising the part to find out.
fn differs(rel: &str, a: &Record, b: &Record) -> bool {
    match part_of(rel) {
        Part::Profile => a.profile != b.profile,
        Part::Checklist => a.checklist != b.checklist,
        Part::Meetings => a.meetings != b.meetings,
        Part::Agreements => a.agreements != b.agreements,
        Part::Questionnaires => a.questionnaires != b.questionnaires,
        Part::DevLog => a.devlog != b.devlog,
        Part::Plans => rel_window(rel).is_none_or(|w| a.plans.get(&w) != b.plans.get(&w)),
    }
}

/// Copies the part stored in `rel` from one record to another (a plan file removed: removes
/// the plan).
fn copy_part(rel: &str, from: &Record, to: &mut Record) {
    match part_of(rel) {
        Part::Profile => to.profile = from.profile.clone(),
        Part::Checklist => to.checklist = from.checklist.clone(),
        Part::Meetings => to.meetings = from.meetings.clone(),
        Part::Agreements => to.agreements = from.agreements.clone(),
        Part::Questionnaires => to.questionnaires = from.questionnaires.clone(),
        Part::DevLog => to.devlog = from.devlog.clone(),
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

/// The bytes of the file `rel` for `record`, with the unknown keys `extra` beside the payload.
fn encode_part(rel: &str, record: &Record, extra: &Unknown) -> Vec<u8> {
    match part_of(rel) {
        Part::Profile => encode_with(Kind::Profile, &record.profile, extra),
        Part::Checklist => encode_with(Kind::Checklist, &record.checklist, extra),
        Part::Meetings => encode_with(Kind::Meetings, &record.meetings, extra),
        Part::Agreements => encode_with(Kind::Agreements, &record.agreements, extra),
        Part::Questionnaires => encode_with(Kind::Questionnaires, &record.questionnaires, extra),
        Part::DevLog => encode_with(Kind::DevLog, &record.devlog, extra),
        Part::Plans => match rel_window(rel).and_then(|w| record.plans.get(&w)) {
            Some(plan) => encode_with(Kind::Plan, plan, extra),
            None => Vec::new(),
        },
    }
}

/// The bytes of a file under the data directory (never through a link, never blocking on a
/// FIFO); `None` if there is none.
pub(crate) fn read_if_there(path: &Path) -> Result<Option<Vec<u8>>, StorageError> {
    match files::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StorageError::io("read", path)(e)),
    }
}

pub(crate) enum Decode {
    Bad(String),
    TooNew(u64),
}

impl Decode {
    pub(crate) fn at(self, path: &Path, backups: &Path) -> StorageError {
        match self {
            Decode::Bad(problem) => StorageError::Unreadable {
                path: path.to_path_buf(),
                problem,
                backups: backups.to_path_buf(),
            },
            Decode::TooNew(found) => StorageError::TooNew {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
                program: env!("CARGO_PKG_VERSION"),
                needed: schema::release_for(found)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("newer than {}", env!("CARGO_PKG_VERSION"))),
            },
        }
    }
}

/// The whole record as one document, for moving between machines.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Bundle {
    /// Set in a JSON export of one section (`export --section plan --format json`), absent
    /// from the whole record: `import` takes only a whole record, since importing replaces
    /// every part and a partial one would empty the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    only: Option<String>,
    profile: crate::model::Profile,
    checklist: crate::model::Checklist,
    meetings: crate::model::MeetingRecord,
    plans: Vec<crate::model::Plan>,
    /// Absent from bundles written before agreements existed.
    #[serde(default)]
    agreements: crate::model::AgreementRecord,
    #[serde(default)]
    questionnaires: crate::model::QuestionnaireRecord,
    /// Absent from bundles written before the development log existed.
    #[serde(default)]
    devlog: crate::model::DevLog,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    extra: crate::model::Unknown,
}

/// The whole record as one versioned JSON document (`export --section all
/// --include-confidential --format json`).
pub fn encode_record(record: &Record) -> Vec<u8> {
    encode_bundle(record, None)
}

/// The part of a record one section's JSON export holds (the rest empty), marked as partial
/// with the section's name so that `import` refuses it.
pub fn encode_section(part: &Record, section: &str) -> Vec<u8> {
    encode_bundle(part, Some(section.to_string()))
}

fn encode_bundle(record: &Record, only: Option<String>) -> Vec<u8> {
    let bundle = Bundle {
        only,
        extra: Unknown::default(),
        profile: record.profile.clone(),
        checklist: record.checklist.clone(),
        meetings: record.meetings.clone(),
        plans: record.plans.values().cloned().collect(),
        agreements: record.agreements.clone(),
        questionnaires: record.questionnaires.clone(),
        devlog: record.devlog.clone(),
    };
    encode(Kind::Bundle, &bundle)
}

/// Reads a file written by `encode_record`, migrating older versions. Errors name `path`.
pub fn read_record_file(path: &Path) -> Result<Record, StorageError> {
    // The user's own file, outside the data directory: a link or a pipe (`<(...)`) is fine.
    let bytes = fs::read(path).map_err(StorageError::io("read", path))?;
    let bundle: Bundle =
        decode(&bytes, Kind::Bundle).map_err(|e| match e.at(path, Path::new("")) {
            StorageError::Unreadable { path, problem, .. } => {
                StorageError::NotARecord { path, problem }
            }
            other => other,
        })?;
    if let Some(section) = bundle.only {
        return Err(StorageError::NotARecord {
            path: path.to_path_buf(),
            problem: format!(
                "it holds only what `mentorplan export --section {section} --format json` exports, and importing replaces the whole record"
            ),
        });
    }
    let mut plans = BTreeMap::new();
    for plan in bundle.plans {
        if plans.insert(plan.window, plan).is_some() {
            return Err(StorageError::NotARecord {
                path: path.to_path_buf(),
                problem: "it holds two plans for the same window".into(),
            });
        }
    }
    let record = Record {
        profile: bundle.profile,
        checklist: bundle.checklist,
        meetings: bundle.meetings,
        plans,
        agreements: bundle.agreements,
        questionnaires: bundle.questionnaires,
        devlog: bundle.devlog,
    };
    let broken = rules::record(&record);
    if !broken.is_empty() {
        let list: Vec<String> = broken.iter().map(ToString::to_string).collect();
        return Err(StorageError::NotARecord {
            path: path.to_path_buf(),
            problem: list.join("; "),
        });
    }
    Ok(record)
}

pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8], kind: Kind) -> Result<T, Decode> {
    decode_full(bytes, kind).map(|(data, _)| data)
}

/// `decode`, with the keys beside the payload that this release does not know.
pub(crate) fn decode_full<T: DeserializeOwned>(
    bytes: &[u8],
    kind: Kind,
) -> Result<(T, Unknown), Decode> {
    decode_file(bytes, kind).map(|d| (d.data, d.extra))
}

/// A data file as decoded.
pub(crate) struct Decoded<T> {
    data: T,
    /// The keys beside the payload that this release does not know.
    extra: Unknown,
    /// Whether the file was in the current version, written as this program writes it (the
    /// version first); if not, a save rewrites it.
    current: bool,
}

/// `decode_full`, saying whether the file is in the current version and shape.
pub(crate) fn decode_file<T: DeserializeOwned>(
    bytes: &[u8],
    kind: Kind,
) -> Result<Decoded<T>, Decode> {
    // serde_json checks UTF-8 as it reads the bytes: no separate pass over the whole file.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Decode::Bad("the file is empty".into()));
    }
    let positioned = |e: serde_json::Error| {
        // Only a file that does not parse is checked as a whole, to say why in plain words.
        if let Err(utf8) = std::str::from_utf8(bytes) {
            return Decode::Bad(format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                utf8.valid_up_to()
            ));
        }
        Decode::Bad(format!(
            "line {}, column {}: {}",
            e.line(),
            e.column(),
            strip_position(&e)
        ))
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = envelope::EnvelopeSeed::<T>::new(kind.key())
        .deserialize(&mut de)
        .and_then(|p| de.end().map(|()| p))
        .map_err(positioned)?;
    let (version, payload, extra) = match parsed {
        envelope::Parsed::Current(data, extra) => {
            return Ok(Decoded {
                data,
                extra,
                current: true,
            });
        }
        envelope::Parsed::Other {
            version,
            payload,
            extra,
        } => (version, payload, extra),
    };
    let version = version.ok_or_else(|| {
        Decode::Bad(
            "there is no \"schema_version\": this is not a mentorplan file, or it was cut short"
                .into(),
        )
    })?;
    if version > SCHEMA_VERSION {
        return Err(Decode::TooNew(version));
    }
    let mut payload =
        payload.ok_or_else(|| Decode::Bad(format!("there is no \"{}\" section", kind.key())))?;
    if version == SCHEMA_VERSION {
        // The payload came before the version (a hand-edited file): read it now.
        return serde_json::from_value(payload)
            .map(|data| Decoded {
                data,
                extra,
                current: false,
            })
            .map_err(|e| Decode::Bad(e.to_string()));
    }
    schema::migrate(kind, &mut payload, version)
        .map_err(|e| Decode::Bad(format!("cannot migrate from schema version {version}: {e}")))?;
    serde_json::from_value(payload)
        .map(|data| Decoded {
            data,
            extra,
            current: false,
        })
        .map_err(|e| {
            Decode::Bad(format!(
                "after migrating from schema version {version}: {e}"
            ))
        })
}

/// Decodes `bytes` as a file of `kind` into that kind's model type: the whole reading path of
/// every data file, for `check`, the property tests and the fuzz targets. Returns where the
/// file holds keys this release does not know (`a/2/b` paths), which it keeps when rewriting.
pub(crate) fn decode_as(bytes: &[u8], kind: Kind) -> Result<Vec<String>, Decode> {
    use crate::model as m;
    fn paths<T: DeserializeOwned + Serialize>(
        bytes: &[u8],
        kind: Kind,
    ) -> Result<Vec<String>, Decode> {
        let (data, extra) = decode_full::<T>(bytes, kind)?;
        let mut out: Vec<String> = extra.0.into_keys().collect();
        out.extend(
            crate::model::unknown::unknown_paths(&data)
                .into_iter()
                .map(|p| format!("{}/{p}", kind.key())),
        );
        Ok(out)
    }
    match kind {
        Kind::Profile => paths::<m::Profile>(bytes, kind),
        Kind::Checklist => paths::<m::Checklist>(bytes, kind),
        Kind::Meetings => paths::<m::MeetingRecord>(bytes, kind),
        Kind::Plan => paths::<m::Plan>(bytes, kind),
        Kind::Bundle => paths::<Bundle>(bytes, kind),
        Kind::Draft => paths::<draft::MeetingDraft>(bytes, kind),
        Kind::Mentees => paths::<crate::mentees::Mentees>(bytes, kind),
        Kind::Agreements => paths::<m::AgreementRecord>(bytes, kind),
        Kind::Questionnaires => paths::<m::QuestionnaireRecord>(bytes, kind),
        Kind::DevLog => paths::<m::DevLog>(bytes, kind),
        Kind::Journal => paths::<journal::Journal>(bytes, kind),
        Kind::Typing => paths::<typing::Journal>(bytes, kind),
    }
}

/// `decode_as` for the fuzz targets (`fuzz/`), with the message a user would read. Not part of
/// the program's interface.
#[doc(hidden)]
pub fn fuzz_decode(bytes: &[u8], kind: Kind) -> Result<(), String> {
    decode_as(bytes, kind).map(drop).map_err(|e| match e {
        Decode::Bad(problem) => problem,
        Decode::TooNew(version) => format!("schema version {version} is too new"),
    })
}

/// serde_json appends " at line L column C" to its messages; we say it first instead.
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Pretty JSON with a stable key order (struct order, sorted maps) and a final newline, so that
/// a data directory kept in git gives readable diffs.
pub fn encode<T: Serialize>(kind: Kind, data: &T) -> Vec<u8> {
    encode_with(kind, data, &Unknown::default())
}

/// `encode`, writing back beside the payload the keys this release did not know.
pub(crate) fn encode_with<T: Serialize>(kind: Kind, data: &T, extra: &Unknown) -> Vec<u8> {
    /// `schema_version` first, then the payload under its kind's key, then unknown keys.
    struct Envelope<'a, T>(Kind, &'a T, &'a Unknown);
    impl<T: Serialize> Serialize for Envelope<'_, T> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(2 + self.2.0.len()))?;
            map.serialize_entry("schema_version", &SCHEMA_VERSION)?;
            map.serialize_entry(self.0.key(), self.1)?;
            for (k, v) in &self.2.0 {
                if k != "schema_version" && k != self.0.key() {
                    map.serialize_entry(k, v)?;
                }
            }
            map.end()
        }
    }
    let mut bytes =
        serde_json::to_vec_pretty(&Envelope(kind, data, extra)).expect("model serialises");
    bytes.push(b'\n');
    bytes
}

fn encode_empty(rel: &str) -> Vec<u8> {
    match rel {
        PROFILE_FILE => encode(Kind::Profile, &crate::model::Profile::default()),
        CHECKLIST_FILE => encode(Kind::Checklist, &crate::model::Checklist::default()),
        MEETINGS_FILE => encode(Kind::Meetings, &crate::model::MeetingRecord::default()),
        AGREEMENTS_FILE => encode(Kind::Agreements, &crate::model::AgreementRecord::default()),
        QUESTIONNAIRES_FILE => encode(
            Kind::Questionnaires,
            &crate::model::QuestionnaireRecord::default(),
        ),
        DEVLOG_FILE => encode(Kind::DevLog, &crate::model::DevLog::default()),
        _ => Vec::new(),
    }
}
