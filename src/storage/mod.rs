//! The data directory: where the record lives, how it is read, and the only way it is written
//! (`Store::apply`: lock, re-read, apply the operations, write what changed, unlock). Knows
//! nothing of terminals.
//!
//! Layout (see docs/data-format.md):
//! `profile.json`, `checklist.json`, `meetings.json`, `plans/<window>.json`, `backups/`, `.lock`,
//! `agreements.json`, `questionnaires.json`, `devlog.json`.

pub mod draft;
mod envelope;
pub mod files;
pub mod typing;
pub mod lock;
#[cfg(test)]
mod proptests;
pub mod schema;

use crate::calendar::PlanWindow;
use crate::catalog::Catalog;
use crate::model::Record;
use crate::model::rules;
use crate::ops::{Op, OpError};
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
use std::time::Duration;

pub const PROFILE_FILE: &str = "profile.json";
pub const CHECKLIST_FILE: &str = "checklist.json";
pub const MEETINGS_FILE: &str = "meetings.json";
pub const PLANS_DIR: &str = "plans";
pub const BACKUP_DIR: &str = "backups";
pub const AGREEMENTS_FILE: &str = "agreements.json";
pub const QUESTIONNAIRES_FILE: &str = "questionnaires.json";
pub const DEVLOG_FILE: &str = "devlog.json";

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
            | StorageError::NotARecord { path, .. } => Some(path),
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

/// A problem that `check` reports; the program keeps working where it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

/// The bytes of each data file as last read or written, keyed by path relative to the data
/// directory. A save compares against these to write only what changed.
type Disk = BTreeMap<String, Vec<u8>>;

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn backups_dir(&self) -> PathBuf {
        self.dir.join(BACKUP_DIR)
    }

    /// Reads the whole record without locking: readers never block and never write. A missing
    /// directory or file is an empty record or section.
    pub fn load(&self) -> Result<Record, StorageError> {
        self.read_all(false).map(|(record, _)| record)
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
        files::ensure_dir(&self.dir).map_err(StorageError::io("create", &self.dir))?;
        let _lock = DirLock::acquire(&self.dir, LOCK_TIMEOUT)?;
        // Under the lock no other save is in progress, so any temporary is a killed save's.
        self.remove_stale_temporaries();
        let (mut record, disk) = self.read_all(true)?;
        for op in ops {
            op.apply(&mut record, catalog, now)?;
        }
        self.write_changed(&record, &disk)?;
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
        let mut mine = base.clone();
        for op in ops {
            op.apply(&mut mine, catalog, now)?;
        }
        files::ensure_dir(&self.dir).map_err(StorageError::io("create", &self.dir))?;
        let _lock = DirLock::acquire(&self.dir, LOCK_TIMEOUT)?;
        self.remove_stale_temporaries();
        let (theirs, disk) = self.read_all(true)?;
        let merged = crate::merge::record(base, &mine, &theirs);
        self.write_changed(&merged, &disk)?;
        Ok(merged)
    }

    /// Replaces the whole record (import), keeping backups of what was there.
    pub fn replace(&self, record: &Record) -> Result<(), StorageError> {
        files::ensure_dir(&self.dir).map_err(StorageError::io("create", &self.dir))?;
        let _lock = DirLock::acquire(&self.dir, LOCK_TIMEOUT)?;
        let (_, disk) = self.read_all(true)?;
        self.write_changed(record, &disk)
    }

    /// A cheap summary of the files' identities (size, mtime, inode), so that a long-running
    /// process can notice another one's write without re-reading everything.
    pub fn fingerprint(&self) -> Vec<(PathBuf, u64, i64, i64, u64)> {
        let mut out = Vec::new();
        for path in self.data_files() {
            if let Ok(m) = fs::metadata(&path) {
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
            .filter(|p| p.exists())
            .collect();
        v.extend(self.plan_files().into_iter().map(|(_, p)| p));
        let devlog = self.dir.join(DEVLOG_FILE);
        if devlog.exists() {
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
                (!stem.starts_with('.')).then(|| (stem.to_string(), e.path()))
            })
            .collect();
        v.sort();
        v
    }

    /// The record, and with `keep_bytes` each file's bytes for a save to compare against
    /// (a load does without: the bytes would add the size of the files to its peak memory).
    fn read_all(&self, keep_bytes: bool) -> Result<(Record, Disk), StorageError> {
        let (record, disk, mut problems) = self.read_parts(keep_bytes);
        match problems.drain(..).next() {
            Some(first) => Err(first),
            None => Ok((record, disk)),
        }
    }

    /// Reads what can be read. Read-only commands use this so that one damaged file does not
    /// stop, say, the export of a plan stored in another; they report the problems.
    pub fn load_partial(&self) -> (Record, Vec<StorageError>) {
        let (record, _, problems) = self.read_parts(false);
        (record, problems)
    }

    /// Reads every file, setting aside (and reporting) each one that cannot be read.
    fn read_parts(&self, keep_bytes: bool) -> (Record, Disk, Vec<StorageError>) {
        let mut disk = Disk::new();
        let mut problems = Vec::new();
        fn keep<T>(
            r: Result<Option<T>, StorageError>,
            problems: &mut Vec<StorageError>,
        ) -> Option<T> {
            r.unwrap_or_else(|e| {
                problems.push(e);
                None
            })
        }
        let mut record = Record {
            profile: keep(
                self.read_file(PROFILE_FILE, Kind::Profile, &mut disk, keep_bytes),
                &mut problems,
            )
            .unwrap_or_default(),
            checklist: keep(
                self.read_file(CHECKLIST_FILE, Kind::Checklist, &mut disk, keep_bytes),
                &mut problems,
            )
            .unwrap_or_default(),
            meetings: keep(
                self.read_file(MEETINGS_FILE, Kind::Meetings, &mut disk, keep_bytes),
                &mut problems,
            )
            .unwrap_or_default(),
            plans: BTreeMap::new(),
            agreements: keep(
                self.read_file(AGREEMENTS_FILE, Kind::Agreements, &mut disk, keep_bytes),
                &mut problems,
            )
            .unwrap_or_default(),
            questionnaires: keep(
                self.read_file(
                    QUESTIONNAIRES_FILE,
                    Kind::Questionnaires,
                    &mut disk,
                    keep_bytes,
                ),
                &mut problems,
            )
            .unwrap_or_default(),
            devlog: keep(
                self.read_file(DEVLOG_FILE, Kind::DevLog, &mut disk, keep_bytes),
                &mut problems,
            )
            .unwrap_or_default(),
        };
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
            let plan: Option<crate::model::Plan> =
                match self.read_file(&rel, Kind::Plan, &mut disk, keep_bytes) {
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
        keep_bytes: bool,
    ) -> Result<Option<T>, StorageError> {
        let path = self.dir.join(rel);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StorageError::io("read", &path)(e)),
        };
        let value = decode::<T>(&bytes, kind).map_err(|e| e.at(&path, &self.backups_dir()))?;
        if let Err(e) = value.valid() {
            return Err(self.unreadable(&path, e.to_string()));
        }
        if keep_bytes {
            disk.insert(rel.to_string(), bytes);
        }
        Ok(Some(value))
    }

    fn write_changed(&self, record: &Record, disk: &Disk) -> Result<(), StorageError> {
        let mut wanted: Vec<(String, Vec<u8>)> = vec![
            (PROFILE_FILE.into(), encode(Kind::Profile, &record.profile)),
            (
                CHECKLIST_FILE.into(),
                encode(Kind::Checklist, &record.checklist),
            ),
            (
                MEETINGS_FILE.into(),
                encode(Kind::Meetings, &record.meetings),
            ),
            (
                AGREEMENTS_FILE.into(),
                encode(Kind::Agreements, &record.agreements),
            ),
            (
                QUESTIONNAIRES_FILE.into(),
                encode(Kind::Questionnaires, &record.questionnaires),
            ),
            (DEVLOG_FILE.into(), encode(Kind::DevLog, &record.devlog)),
        ];
        for (window, plan) in &record.plans {
            wanted.push((
                format!("{PLANS_DIR}/{window}.json"),
                encode(Kind::Plan, plan),
            ));
        }
        let backups = self.backups_dir();
        for (rel, bytes) in wanted {
            if disk.get(&rel) == Some(&bytes) {
                continue;
            }
            // An empty section that was never written stays unwritten: no clutter of empty files.
            if !disk.contains_key(&rel) && bytes == encode_empty(&rel) {
                continue;
            }
            let path = self.dir.join(&rel);
            if let Some(parent) = path.parent() {
                files::ensure_dir(parent).map_err(StorageError::io("create", parent))?;
            }
            let backup_name = rel.replace('/', "-");
            let backup = files::Backup {
                dir: &backups,
                name: &backup_name,
            };
            files::write_atomic(&path, &bytes, files::FILE_MODE, Some(backup))
                .map_err(StorageError::io("write", &path))?;
        }
        Ok(())
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

    /// Validates every file and reports each problem, including loose permissions.
    pub fn check(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if !self.dir.exists() {
            return problems;
        }
        let mut report_mode = |path: &Path, want: u32| {
            if let Ok(m) = fs::metadata(path) {
                let mode = m.permissions().mode() & 0o777;
                if mode & !want != 0 {
                    problems.push(Problem {
                        path: path.to_path_buf(),
                        message: format!(
                            "permissions are {mode:03o}: other users on this machine may read it; `chmod {want:o} {}` makes it private",
                            path.display()
                        ),
                    });
                }
            }
        };
        report_mode(&self.dir, files::DIR_MODE);
        for path in self.data_files() {
            report_mode(&path, files::FILE_MODE);
        }
        let (record, _, unreadable) = self.read_parts(false);
        // What no single file shows: a questionnaire about an agreement that does not exist.
        for e in rules::record(&record) {
            problems.push(Problem {
                path: self.dir.join(QUESTIONNAIRES_FILE),
                message: e.to_string(),
            });
        }
        if let Err(e) = self.load_mentees() {
            problems.push(Problem {
                path: self.mentees_path(),
                message: e.to_string(),
            });
        }
        for e in unreadable {
            let (path, message) = match e {
                StorageError::Unreadable { path, problem, .. } => (path, problem),
                StorageError::TooNew { ref path, .. } => (path.clone(), e.to_string()),
                StorageError::Io { ref path, .. } => (path.clone(), e.to_string()),
                other => (self.dir.clone(), other.to_string()),
            };
            problems.push(Problem { path, message });
        }
        problems
    }

    /// Renames an unreadable file to `<name>.bad-<timestamp>` so that the program can start
    /// that part afresh. The file is kept, never deleted.
    pub fn move_aside(&self, path: &Path, now: DateTime<Utc>) -> Result<PathBuf, StorageError> {
        let _lock = DirLock::acquire(&self.dir, LOCK_TIMEOUT)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let target = path.with_file_name(format!("{name}.bad-{}", now.format("%Y%m%dT%H%M%S")));
        fs::rename(path, &target).map_err(StorageError::io("move aside", path))?;
        Ok(target)
    }

    /// Removes temporary files from saves that were killed mid-way.
    pub fn remove_stale_temporaries(&self) {
        // Not the draft's: the live meeting writes it without the lock (see `draft`).
        let top = [
            PROFILE_FILE,
            CHECKLIST_FILE,
            MEETINGS_FILE,
            AGREEMENTS_FILE,
            QUESTIONNAIRES_FILE,
            DEVLOG_FILE,
        ];
        files::remove_stale_temporaries(&self.dir, |base| top.contains(&base));
        files::remove_stale_temporaries(&self.dir.join(PLANS_DIR), |base| base.ends_with(".json"));
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
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Decode::Bad(format!(
            "the file is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(Decode::Bad("the file is empty".into()));
    }
    let positioned = |e: serde_json::Error| {
        Decode::Bad(format!(
            "line {}, column {}: {}",
            e.line(),
            e.column(),
            strip_position(&e)
        ))
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = envelope::EnvelopeSeed::<T>::new(kind.key())
        .deserialize(&mut de)
        .and_then(|p| de.end().map(|()| p))
        .map_err(positioned)?;
    let (version, payload) = match parsed {
        envelope::Parsed::Current(data) => return Ok(data),
        envelope::Parsed::Other { version, payload } => (version, payload),
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
        return serde_json::from_value(payload).map_err(|e| Decode::Bad(e.to_string()));
    }
    schema::migrate(kind, &mut payload, version)
        .map_err(|e| Decode::Bad(format!("cannot migrate from schema version {version}: {e}")))?;
    serde_json::from_value(payload).map_err(|e| {
        Decode::Bad(format!(
            "after migrating from schema version {version}: {e}"
        ))
    })
}

/// Decodes `bytes` as a file of `kind` into that kind's model type and drops the result: the
/// whole reading path of every data file, for the property tests and the fuzz targets.
pub(crate) fn decode_as(bytes: &[u8], kind: Kind) -> Result<(), Decode> {
    use crate::model as m;
    match kind {
        Kind::Profile => decode::<m::Profile>(bytes, kind).map(drop),
        Kind::Checklist => decode::<m::Checklist>(bytes, kind).map(drop),
        Kind::Meetings => decode::<m::MeetingRecord>(bytes, kind).map(drop),
        Kind::Plan => decode::<m::Plan>(bytes, kind).map(drop),
        Kind::Bundle => decode::<Bundle>(bytes, kind).map(drop),
        Kind::Draft => decode::<draft::MeetingDraft>(bytes, kind).map(drop),
        Kind::Typing => decode::<typing::Journal>(bytes, kind).map(drop),
        Kind::Mentees => decode::<crate::mentees::Mentees>(bytes, kind).map(drop),
        Kind::Agreements => decode::<m::AgreementRecord>(bytes, kind).map(drop),
        Kind::Questionnaires => decode::<m::QuestionnaireRecord>(bytes, kind).map(drop),
        Kind::DevLog => decode::<m::DevLog>(bytes, kind).map(drop),
    }
}

/// `decode_as` for the fuzz targets (`fuzz/`), with the message a user would read. Not part of
/// the program's interface.
#[doc(hidden)]
pub fn fuzz_decode(bytes: &[u8], kind: Kind) -> Result<(), String> {
    decode_as(bytes, kind).map_err(|e| match e {
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
    /// `schema_version` first, then the payload under its kind's key.
    struct Envelope<'a, T>(Kind, &'a T);
    impl<T: Serialize> Serialize for Envelope<'_, T> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(2))?;
            map.serialize_entry("schema_version", &SCHEMA_VERSION)?;
            map.serialize_entry(self.0.key(), self.1)?;
            map.end()
        }
    }
    let mut bytes = serde_json::to_vec_pretty(&Envelope(kind, data)).expect("model serialises");
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
