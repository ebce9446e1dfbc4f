//! The typing journal: what an interface has changed or typed but not yet saved into the
//! record files, written within half a second of the key (`typing-PID.json`, atomically, no
//! lock needed: only its own process writes it). A save into the record can wait (the lock may
//! be held by another process, the disk may be slow, saving is batched); the journal does
//! not, so a SIGKILL or a lost terminal loses at most the last moment's typing. The next start
//! finds the journal of a process that is gone and offers to restore it, naming the fields.

use super::files::{self, FILE_MODE};
use super::schema::Kind;
use super::{StorageError, Store, decode, encode};
use crate::domain::ops::Op;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const PREFIX: &str = "typing-";
const SUFFIX: &str = ".json";

/// Text typed in a field that is not yet a change of the record (a one-line field is
/// committed when it is left; a date may not be valid yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Typing {
    /// Where it was typed, for people: "Profile › Position".
    pub place: String,
    /// The screen (by number, 0-based) and the field, for putting it back.
    pub screen: usize,
    pub field: String,
    pub text: String,
}

/// A text handed to `$EDITOR`: its file is kept until the text is in the record or here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorFile {
    pub path: PathBuf,
    /// The text before the editor ran (what the file holds if nothing was saved).
    pub before: String,
    pub place: String,
    pub screen: usize,
    pub field: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub pid: u32,
    /// The process's start time (clock ticks after boot), so that a reused pid is not taken
    /// for the writer.
    #[serde(default)]
    pub start_time: Option<u64>,
    pub host: String,
    pub written: DateTime<Utc>,
    /// Changes applied in the interface and not yet saved, in order.
    #[serde(default)]
    pub ops: Vec<Op>,
    #[serde(default)]
    pub typing: Option<Typing>,
    #[serde(default)]
    pub editor: Option<EditorFile>,
}

impl Journal {
    pub fn new(written: DateTime<Utc>) -> Journal {
        Journal {
            pid: std::process::id(),
            start_time: process_start_time(std::process::id()),
            host: host(),
            written,
            ops: Vec::new(),
            typing: None,
            editor: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty() && self.typing.is_none() && self.editor.is_none()
    }

    /// Whether the process that wrote it still runs (a journal from another host counts as
    /// running: we cannot tell).
    pub fn owner_alive(&self) -> bool {
        if self.host != host() {
            return true;
        }
        if self.pid == std::process::id() {
            return self.start_time == process_start_time(self.pid);
        }
        match process_start_time(self.pid) {
            None => false,
            Some(t) => self.start_time.is_none_or(|mine| mine == t),
        }
    }
}

fn host() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// Field 22 of `/proc/PID/stat`; `None` when the process does not exist or is a zombie.
pub fn process_start_time(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid ...": the name may itself hold spaces and parentheses.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    if matches!(fields.first(), Some(&("Z" | "X" | "x"))) {
        return None;
    }
    // `rest` starts at field 3 (state): field 22 is at index 19.
    fields.get(19)?.parse().ok()
}

impl Store {
    pub fn journal_path(&self) -> PathBuf {
        self.dir()
            .join(format!("{PREFIX}{}{SUFFIX}", std::process::id()))
    }

    /// Writes this process's journal atomically, or removes it when there is nothing in it.
    pub fn save_journal(&self, journal: &Journal) -> Result<(), StorageError> {
        let path = self.journal_path();
        if journal.is_empty() {
            return remove(&path);
        }
        files::ensure_dir(self.dir()).map_err(StorageError::io("create", self.dir()))?;
        files::write_atomic(&path, &encode(Kind::Typing, journal), FILE_MODE)
            .map_err(StorageError::io("write", &path))
    }

    /// Journals left by processes that are gone, oldest first, with their paths. A journal
    /// that cannot be read is reported by `check` and left alone here.
    pub fn orphan_journals(&self) -> Vec<(PathBuf, Journal)> {
        let Ok(entries) = fs::read_dir(self.dir()) else {
            return Vec::new();
        };
        let mut found: Vec<(PathBuf, Journal)> = entries
            .flatten()
            .filter(|e| is_journal_name(&e.file_name().to_string_lossy()))
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                let bytes = fs::read(e.path()).ok()?;
                let j: Journal = decode(&bytes, Kind::Typing).ok()?;
                (!j.owner_alive()).then(|| (e.path(), j))
            })
            .collect();
        found.sort_by_key(|(_, j)| j.written);
        found
    }

    /// Removes a journal once what it held is in the record (or was declined for good).
    pub fn remove_journal(&self, path: &Path) -> Result<(), StorageError> {
        remove(path)
    }

    /// A private file in the data directory for `$EDITOR` (the directory is the user's
    /// alone, unlike /tmp, and the file is kept when the terminal is lost).
    pub fn editor_file_path(&self) -> PathBuf {
        self.dir().join(format!(
            "editing-{}-{}.md",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ))
    }
}

/// `typing-123.json`: the files `check` and start-up look at.
pub fn is_journal_name(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|r| r.strip_suffix(SUFFIX))
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// `editing-123-abc.md` (and an editor's own copies of it, nano's `.save`): a text handed to
/// `$EDITOR`.
pub fn is_editor_name(name: &str) -> bool {
    name.starts_with("editing-") && (name.ends_with(".md") || name.ends_with(".md.save"))
}

fn remove(path: &Path) -> Result<(), StorageError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(StorageError::io("remove", path)(e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Profile;

    #[test]
    fn a_journal_round_trips_and_an_empty_one_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("d"));
        let mut j = Journal::new(DateTime::from_timestamp(1_800_000_000, 0).unwrap());
        j.ops.push(Op::SetProfile(Profile {
            name: "Zoë".into(),
            ..Profile::default()
        }));
        j.typing = Some(Typing {
            place: "Profile › Position".into(),
            screen: 1,
            field: "Profile(\"position\")".into(),
            text: "mid-career lecturer".into(),
        });
        store.save_journal(&j).unwrap();
        let bytes = fs::read(store.journal_path()).unwrap();
        let back: Journal = decode(&bytes, Kind::Typing).ok().unwrap();
        assert_eq!(back, j);
        // This process is alive: its own journal is no orphan.
        assert!(j.owner_alive());
        assert!(store.orphan_journals().is_empty());
        store.save_journal(&Journal::new(j.written)).unwrap();
        assert!(!store.journal_path().exists());
    }

    #[test]
    fn a_journal_whose_pid_was_reused_is_an_orphan() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("d"));
        let mut j = Journal::new(DateTime::from_timestamp(1_800_000_000, 0).unwrap());
        j.typing = Some(Typing {
            place: "Plan › Key targets".into(),
            screen: 4,
            field: "x".into(),
            text: "t".into(),
        });
        // Our own pid with another start time: an earlier process that had this pid.
        j.start_time = j.start_time.map(|t| t + 1);
        assert!(!j.owner_alive());
        files::ensure_dir(store.dir()).unwrap();
        fs::write(store.dir().join("typing-1.json"), encode(Kind::Typing, &j)).unwrap();
        assert_eq!(store.orphan_journals().len(), 1);
        assert!(is_journal_name("typing-1.json"));
        assert!(!is_journal_name("typing-.json"));
        assert!(!is_journal_name("typing-1.json.tmp"));
    }
}
