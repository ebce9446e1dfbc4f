//! Layer rule: imports only `domain` (never `export`, `session`, `cli` or `tui`).
//!
//! The data directory: where the record lives, how it is read, and the only way it is written
//! (`Store::apply`: lock, re-read, apply the operations, write what changed, unlock). Knows
//! nothing of terminals.
//!
//! Layout (see docs/data-format.md):
//! `profile.json`, `checklist.json`, `meetings.json` and `meetings/<year>.json`,
//! `plans/<window>.json`, `backups/`, `.lock`, `agreements.json`, `questionnaires.json`,
//! `devlog.json` and `devlog/<year>.json`, `reflect.json`, `meeting-draft.json`, `mentees.json`,
//! `mentees/<id>/`, and `.journal.json` while a save is being made.
//!
//! The files: `read` and `write` (with `years`, the split by academic year) under the
//! `Store` API here; `codec` for the bytes; `journal` for all-or-nothing; `lock`; `check`.

pub mod mentees;

pub mod backup;
mod check;
mod codec;
pub mod coordinator;
pub mod draft;
mod envelope;
mod error;
pub mod files;
#[cfg(test)]
mod incremental_tests;
pub mod journal;
pub mod lock;
pub mod merge_file;
#[cfg(test)]
mod proptests;
mod read;
pub mod schema;
pub mod typing;
mod write;
mod years;
#[cfg(test)]
mod years_tests;

pub(crate) use codec::{Decode, decode, decode_as, decode_full, decode_section_file, encode_with};
pub use codec::{
    encode, encode_record, encode_section, encode_submission, fuzz_decode, read_record_file,
};
pub use years::{Scope, Years};

use crate::domain::catalog::Catalog;
use crate::domain::model::{Record, Unknown};
use crate::domain::ops::{Op, Part};
use chrono::{DateTime, Utc};
use lock::DirLock;
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
/// The mentor's reflective practice log (one file: a mentor writes a few entries a month).
pub const REFLECT_FILE: &str = "reflect.json";
/// The earlier years' meetings (`meetings/2019-20.json`) and development entries.
pub const MEETINGS_YEARS_DIR: &str = "meetings";
pub const DEVLOG_YEARS_DIR: &str = "devlog";
/// The directories of the data directory that hold data files.
pub(crate) const DATA_SUBDIRS: [&str; 3] = [PLANS_DIR, MEETINGS_YEARS_DIR, DEVLOG_YEARS_DIR];
/// The files of the record's sections other than the plans: what `read_parts` reads.
pub(crate) const SECTION_FILES: [&str; 7] = [
    PROFILE_FILE,
    CHECKLIST_FILE,
    MEETINGS_FILE,
    AGREEMENTS_FILE,
    QUESTIONNAIRES_FILE,
    DEVLOG_FILE,
    REFLECT_FILE,
];

/// Writers hold the lock for milliseconds; this long a wait means a stuck process.
const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

pub use error::StorageError;
pub(crate) use error::Valid;

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
    /// version, migrated when read; an item in another year's file) is rewritten at the next
    /// save even if its part is unchanged.
    current: bool,
    /// For a file of meetings or development entries, the ids of those it holds: what is taken
    /// from the snapshot when it has not changed.
    held: Vec<uuid::Uuid>,
    /// For a year file, the keys within its payload that this release does not know.
    inner: Unknown,
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
    /// How academic years are counted, for the files kept by year.
    years: Years,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            within: None,
            last_saved: Arc::default(),
            years: Years::default(),
        }
    }

    /// The store with academic years starting in `month` (the catalogue's), for the files
    /// kept by year.
    pub fn with_year_start(mut self, month: u32) -> Store {
        self.years = Years { start_month: month };
        self
    }

    /// The store of a data directory inside this one (a mentee's record).
    pub(crate) fn nested(&self, rel: &Path) -> Store {
        Store {
            dir: self.dir.join(rel),
            within: Some(self.dir.clone()),
            last_saved: Arc::default(),
            years: self.years,
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
        self.load_scope(Scope::All)
    }

    /// `load` of the meetings and development entries of the years `scope` names, and all
    /// else: what a screen about this year needs, at the cost of this year's files.
    pub fn load_scope(&self, scope: Scope) -> Result<Record, StorageError> {
        self.recover_before_reading()?;
        self.read_all(None, scope).map(|(record, _)| record)
    }

    /// Applies `ops` under the lock to what is on disk now (not to what the caller read
    /// earlier), writes the files that changed, and returns the record as saved. This is how a
    /// second process's write is merged rather than overwritten.
    ///
    /// The operations are applied to the files of the years they need (`years::scope_of`):
    /// this year's for a note, every year's for an edit of an item named by id. The record
    /// returned holds those years.
    pub fn apply(
        &self,
        catalog: &Catalog,
        ops: &[Op],
        now: DateTime<Utc>,
    ) -> Result<Record, StorageError> {
        let _lock = self.lock_for_writing()?;
        let scope = ops.iter().fold(Scope::PRESENT, |scope, op| {
            scope.max(years::scope_of(op, self.years))
        });
        let (mut record, mut disk) = self.read_all(None, scope)?;
        for op in ops {
            op.apply(&mut record, catalog, now)?;
        }
        self.years.group_record(&mut record);
        self.complete_years(&mut record, &mut disk)?;
        let parts: Vec<Part> = ops.iter().flat_map(|op| op.parts()).copied().collect();
        let touched = |rel: &str| parts.contains(&write::part_of(rel));
        let splits = years::Splits::of(&record, self.years);
        self.write_changed(&record, &splits, &mut disk, &touched, Mode::Merge, now)?;
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
        self.apply_over_in(catalog, base, Scope::All, ops, now)
    }

    /// `apply_over` of a `base` that holds the years `scope` names.
    pub fn apply_over_in(
        &self,
        catalog: &Catalog,
        base: &Record,
        scope: Scope,
        ops: &[Op],
        now: DateTime<Utc>,
    ) -> Result<Record, StorageError> {
        let _lock = self.lock_for_writing()?;
        self.save_over(catalog, base, scope, ops, now)
    }

    /// `apply_over` for an interface that must never freeze: when another process holds the
    /// lock it returns `TryApply::Busy` at once, having written nothing. `base` holds the
    /// years `scope` names (what the interface loaded).
    pub fn try_apply_over(
        &self,
        catalog: &Catalog,
        base: &Record,
        scope: Scope,
        ops: &[Op],
        now: DateTime<Utc>,
    ) -> Result<TryApply, StorageError> {
        self.prepare_for_writing()?;
        let _lock = match DirLock::try_acquire(&self.dir)? {
            Ok(lock) => lock,
            Err(holder) => return Ok(TryApply::Busy(holder)),
        };
        self.tidy_under_lock()?;
        self.save_over(catalog, base, scope, ops, now)
            .map(|r| TryApply::Saved(Box::new(r)))
    }

    /// The merge and write of `apply_over`, under the lock.
    fn save_over(
        &self,
        catalog: &Catalog,
        base: &Record,
        scope: Scope,
        ops: &[Op],
        now: DateTime<Utc>,
    ) -> Result<Record, StorageError> {
        let mut mine = base.clone();
        for op in ops {
            op.apply(&mut mine, catalog, now)?;
        }
        let last = self.last_saved.lock().ok().and_then(|mut s| s.take());
        let (mut theirs, mut disk) = self.read_all(last, scope)?;
        // Nobody else wrote since `base` (the usual case): `mine` is the result, not a copy of it.
        let mut merged = if theirs == *base {
            mine
        } else {
            crate::domain::merge::record(base, &mine, &theirs)
        };
        self.years.group_record(&mut merged);
        self.complete_years(&mut merged, &mut disk)?;
        // Only the parts that differ from the disk are serialised and compared, each part split
        // by file once.
        let written = {
            let splits = years::Splits::of(&merged, self.years);
            let mine = (&merged, &splits);
            let disk_now = (&theirs, &years::Splits::of(&theirs, self.years));
            let touched = |rel: &str| write::differs(rel, mine, disk_now);
            self.write_changed(&merged, &splits, &mut disk, &touched, Mode::Merge, now)?
        };
        write::copy_parts(&written, &merged, &mut theirs);
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
        let (_, mut disk) = self.read_all(None, Scope::All)?;
        let mut record = record.clone();
        self.years.group_record(&mut record);
        let splits = years::Splits::of(&record, self.years);
        self.write_changed(&record, &splits, &mut disk, &|_| true, Mode::Replace, now)
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

    /// Whether the directory holds a member's record (any of its files), as opposed to being
    /// empty or kept for something else (the coordinator's files).
    pub fn holds_a_record(&self) -> bool {
        SECTION_FILES
            .iter()
            .chain(&[PLANS_DIR])
            .any(|f| fs::symlink_metadata(self.dir.join(f)).is_ok())
    }

    /// Every data file that exists now.
    fn data_files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = [PROFILE_FILE, CHECKLIST_FILE, MEETINGS_FILE]
            .iter()
            .chain(&[AGREEMENTS_FILE, QUESTIONNAIRES_FILE, REFLECT_FILE])
            .map(|f| self.dir.join(f))
            .filter(|p| fs::symlink_metadata(p).is_ok())
            .collect();
        v.extend(self.plan_files().into_iter().map(|(_, p)| p));
        let devlog = self.dir.join(DEVLOG_FILE);
        if fs::symlink_metadata(&devlog).is_ok() {
            v.push(devlog);
        }
        for series in years::Series::ALL {
            let files = self.year_files(series, &mut Vec::new());
            v.extend(files.into_iter().map(|(_, rel)| self.dir.join(rel)));
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
        let others = [crate::store::mentees::MENTEES_FILE, journal::JOURNAL_FILE];
        files::remove_stale_temporaries(&self.dir, |base| {
            SECTION_FILES.contains(&base) || others.contains(&base)
        });
        files::remove_stale_temporaries(&self.dir.join(PLANS_DIR), |base| base.ends_with(".json"));
        for series in years::Series::ALL {
            files::remove_stale_temporaries(&self.dir.join(series.dir()), |base| {
                base.ends_with(".json")
            });
        }
        files::remove_stale_temporaries(&self.backups_dir(), |_| true);
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
