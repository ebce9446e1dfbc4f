//! `Store::check`: every file the program writes, read as the program reads it, with each
//! problem named and what to do about it; and what is there that the program does not read
//! but should be dealt with (Syncthing or Dropbox conflict copies).

use super::draft::DRAFT_FILE;
use super::schema::Kind;
use super::{
    AGREEMENTS_FILE, CHECKLIST_FILE, DATA_SUBDIRS, DEVLOG_FILE, MEETINGS_FILE, PROFILE_FILE,
    QUESTIONNAIRES_FILE, SECTION_FILES, StorageError, Store, decode_as, files, journal, lock,
    read_if_there,
};
use crate::mentees::MENTEES_FILE;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// What `check` can do about a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// Others may read or write it: `check --fix-permissions` makes it private.
    Permissions,
    /// The program cannot read it: `check --move-aside` sets it aside.
    Unreadable,
    /// To be dealt with by hand, as the message says (a link, a FIFO, a conflict copy).
    ByHand,
    /// Nothing wrong, but worth knowing (keys this release does not know, which it keeps).
    Warning,
}

/// A problem that `check` reports; the program keeps working where it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
    pub kind: ProblemKind,
}

impl Store {
    /// Validates every file of the data directory and of each mentee's record, and reports
    /// each problem.
    pub fn check(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if fs::symlink_metadata(self.dir()).is_err() {
            return problems;
        }
        self.check_one(&mut problems);
        if let Ok(list) = self.load_mentees() {
            for mentee in &list.mentees {
                let store = self.mentee_store(mentee);
                if store.dir().is_dir() {
                    store.check_one(&mut problems);
                }
            }
        }
        problems
    }

    fn check_one(&self, problems: &mut Vec<Problem>) {
        let mut push = |path: &Path, message: String, kind| {
            problems.push(Problem {
                path: path.to_path_buf(),
                message,
                kind,
            })
        };
        if let Some((message, kind)) = mode_problem(self.dir(), files::DIR_MODE) {
            push(self.dir(), message, kind);
        }
        let files = self.files_by_kind();
        for (path, _) in &files {
            if let Some((message, kind)) = mode_problem(path, files::FILE_MODE) {
                push(path, message, kind);
            }
        }
        for path in linked_subdirectories(self.dir()) {
            push(
                &path,
                "it is a symbolic link: mentorplan never reads or writes through links inside its data directory; put the real directory there".into(),
                ProblemKind::ByHand,
            );
        }
        let (record, _, unreadable) = self.read_parts(None, super::Scope::All);
        for e in unreadable {
            let (path, message, kind) = describe(e, self.dir());
            push(&path, message, kind);
        }
        // What no single file shows: a questionnaire about an agreement that does not exist.
        for e in crate::model::rules::record(&record) {
            push(
                &self.dir().join(QUESTIONNAIRES_FILE),
                e.to_string(),
                ProblemKind::ByHand,
            );
        }
        // Text typed in an interface that stopped before saving it, and files handed to
        // $EDITOR: the next `mentorplan` offers them back.
        for path in self.names_where(super::typing::is_journal_name) {
            let owner_gone = self.orphan_journals().iter().any(|(p, _)| p == &path);
            if owner_gone {
                push(
                    &path,
                    "what an interface typed and had not saved when it stopped: start `mentorplan` and answer y to restore it".into(),
                    ProblemKind::Warning,
                );
            }
        }
        for path in self.names_where(super::typing::is_editor_name) {
            push(
                &path,
                "a text handed to $EDITOR when mentorplan stopped: `mentorplan` offers it back while its typing journal is there; otherwise copy what you need from it, then remove it".into(),
                ProblemKind::Warning,
            );
        }
        // The files `read_parts` does not read: each is read here as the program reads it.
        for (path, kind) in &files {
            let bytes = match read_if_there(path) {
                Ok(Some(bytes)) => bytes,
                Ok(None) => continue,
                Err(e) => {
                    if !is_data_file(path, self.dir()) {
                        let (path, message, kind) = describe(e, self.dir());
                        push(&path, message, kind);
                    }
                    continue;
                }
            };
            match decode_as(&bytes, *kind) {
                Ok(_) if *kind == Kind::Mentees && self.load_mentees().is_err() => {
                    // Parses, but breaks a rule (a mentee's directory that is a path elsewhere).
                    if let Err(e) = self.load_mentees() {
                        let (path, message, kind) = describe(e, self.dir());
                        push(&path, message, kind);
                    }
                }
                Ok(unknown) => {
                    for key in unknown {
                        push(
                            path,
                            format!(
                                "key \"{key}\" is not known to this release of mentorplan: it is kept as it is whenever the file is rewritten"
                            ),
                            ProblemKind::Warning,
                        );
                    }
                }
                Err(e) if !is_data_file(path, self.dir()) => {
                    let (path, message, kind) =
                        describe(e.at(path, &self.backups_dir()), self.dir());
                    push(&path, message, kind);
                }
                Err(_) => {} // reported by `read_parts`
            }
        }
        // The lock holds no data, but a link or worse in its place stops every save.
        let lock = self.dir().join(lock::LOCK_FILE);
        if let Err(e) = fs::symlink_metadata(&lock)
            .ok()
            .map_or(Ok(()), |_| files::open_read(&lock).map(drop))
        {
            push(
                &lock,
                format!("cannot be used as the lock: {e}"),
                ProblemKind::ByHand,
            );
        }
        for path in conflict_copies(self.dir()) {
            push(
                &path,
                "a conflict copy made by Syncthing or Dropbox: another machine changed the file at the same time, and mentorplan does not read the copy. Compare it with the file it copies (`diff`), enter anything it has that the record lacks with mentorplan, then move the copy out of the data directory.".into(),
                ProblemKind::ByHand,
            );
        }
    }

    /// Every file the program writes that holds data, with its kind.
    fn files_by_kind(&self) -> Vec<(PathBuf, Kind)> {
        let dir = self.dir();
        let mut v: Vec<(PathBuf, Kind)> = [
            (PROFILE_FILE, Kind::Profile),
            (CHECKLIST_FILE, Kind::Checklist),
            (MEETINGS_FILE, Kind::Meetings),
            (AGREEMENTS_FILE, Kind::Agreements),
            (QUESTIONNAIRES_FILE, Kind::Questionnaires),
            (DEVLOG_FILE, Kind::DevLog),
            (super::REFLECT_FILE, Kind::Reflect),
            (DRAFT_FILE, Kind::Draft),
            (MENTEES_FILE, Kind::Mentees),
            (journal::JOURNAL_FILE, Kind::Journal),
        ]
        .into_iter()
        .map(|(f, k)| (dir.join(f), k))
        .collect();
        v.extend(self.plan_files().into_iter().map(|(_, p)| (p, Kind::Plan)));
        for series in super::years::Series::ALL {
            let files = self.year_files(series, &mut Vec::new());
            v.extend(
                files
                    .into_iter()
                    .map(|(_, rel)| (dir.join(rel), series.kind())),
            );
        }
        v.extend(
            self.names_where(super::typing::is_journal_name)
                .into_iter()
                .map(|p| (p, Kind::Typing)),
        );
        v.retain(|(p, _)| fs::symlink_metadata(p).is_ok());
        v
    }

    /// Files in the data directory whose name passes `keep`.
    fn names_where(&self, keep: fn(&str) -> bool) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.dir()) else {
            return Vec::new();
        };
        let mut v: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| keep(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect();
        v.sort();
        v
    }
}

/// The files `read_parts` reads (and so reports on).
fn is_data_file(path: &Path, dir: &Path) -> bool {
    DATA_SUBDIRS
        .iter()
        .any(|d| path.parent() == Some(&dir.join(d)))
        || SECTION_FILES.iter().any(|f| path == dir.join(f))
}

fn describe(e: StorageError, dir: &Path) -> (PathBuf, String, ProblemKind) {
    match e {
        StorageError::Unreadable { path, problem, .. } => (path, problem, ProblemKind::Unreadable),
        StorageError::TooNew { ref path, .. } => (path.clone(), e.to_string(), ProblemKind::ByHand),
        StorageError::Io { ref path, .. } => (path.clone(), e.to_string(), ProblemKind::ByHand),
        other => (dir.to_path_buf(), other.to_string(), ProblemKind::ByHand),
    }
}

/// Permissions that let others read (or write) what should be private, or an owner that is
/// not the user (which only its owner can change).
fn mode_problem(path: &Path, want: u32) -> Option<(String, ProblemKind)> {
    let m = fs::symlink_metadata(path).ok()?;
    if m.file_type().is_symlink() {
        return None; // reported when read
    }
    let mode = m.permissions().mode() & 0o777;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if m.uid() != me {
        return Some((
            format!(
                "it belongs to user id {}, not to you (user id {me}): keep your data in a directory of your own",
                m.uid()
            ),
            ProblemKind::ByHand,
        ));
    }
    (mode & !want != 0).then(|| {
        let message = format!(
            "permissions are {mode:03o}: other users on this machine may read it{}; `chmod {want:o} {}` makes it private",
            if mode & 0o022 != 0 { " or write to it" } else { "" },
            path.display()
        );
        (message, ProblemKind::Permissions)
    })
}

/// The program's subdirectories that are links: it never reads or writes through them.
fn linked_subdirectories(dir: &Path) -> Vec<PathBuf> {
    let mut candidates: Vec<PathBuf> = DATA_SUBDIRS.iter().map(|d| dir.join(d)).collect();
    candidates.extend([
        dir.join(super::BACKUP_DIR),
        dir.join(crate::mentees::MENTEES_DIR),
    ]);
    if let Ok(entries) = fs::read_dir(dir.join(crate::mentees::MENTEES_DIR)) {
        candidates.extend(entries.flatten().map(|e| e.path()));
    }
    candidates
        .into_iter()
        .filter(|p| fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()))
        .collect()
}

/// Syncthing's `x.sync-conflict-<date>-<time>-<device>.json`, Dropbox's and Nextcloud's
/// `x (<name>'s conflicted copy <date>).json`, ownCloud's `x_conflict-<date>-<time>.json` and
/// Seafile's `x (SFConflict <e-mail> <date>).json`, anywhere in the data directory but its
/// backups (a layout may keep parts in folders: `plans/`, a folder per year).
fn conflict_copies(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![(dir.to_path_buf(), 0)];
    while let Some((d, depth)) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            // Never through a link, and not into backups/ or a git directory.
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && depth < 3 && name != "backups" && name != ".git" {
                dirs.push((e.path(), depth + 1));
            } else if is_conflict_copy(&name) {
                found.push(e.path());
            }
        }
    }
    found.sort();
    found
}

/// Whether a file name is a synchronisation tool's conflict copy: never read as data.
pub(crate) fn is_conflict_copy(name: &str) -> bool {
    let name = name.to_lowercase();
    [
        ".sync-conflict-",
        "conflicted copy",
        "_conflict-",
        "(sfconflict ",
    ]
    .iter()
    .any(|mark| name.contains(mark))
}
