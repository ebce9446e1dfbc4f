//! The live meeting's draft journal. While a meeting is being captured its notes are written
//! here continuously (atomically, like every other file), so that a killed process or a dropped
//! SSH link loses at most the last moment's typing; the next start offers to resume it.

use super::files::{self, FILE_MODE};
use super::schema::{Kind, SCHEMA_VERSION};
use super::{StorageError, Store, decode_full, encode_with, read_if_there};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::PathBuf;
use uuid::Uuid;

pub const DRAFT_FILE: &str = "meeting-draft.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDraft {
    /// The id the meeting will have once ended, so a resumed draft never makes a duplicate.
    pub meeting_id: Uuid,
    pub date: NaiveDate,
    pub started: DateTime<Utc>,
    pub notes: String,
    pub pid: u32,
    pub host: String,
    /// An action being typed in the meeting's pop-up and not yet added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<crate::domain::model::Action>,
    /// The activities of the actions agreed, and the checklist items ticked, in this meeting
    /// (shown under its notes, also after it is resumed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ticked: Vec<String>,
    /// Left open on purpose when quitting (not interrupted).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kept_open: bool,
    /// When the owner started, in clock ticks after boot (field 22 of `/proc/PID/stat`): with
    /// the pid and host it names the process, so that another process that later got the same
    /// pid is not mistaken for it. Absent from drafts of earlier releases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid_start: Option<u64>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
    /// The keys beside the draft in its file that this release does not know.
    #[serde(skip)]
    pub beside: crate::domain::model::Unknown,
}

impl MeetingDraft {
    pub fn start(date: NaiveDate, started: DateTime<Utc>) -> MeetingDraft {
        MeetingDraft {
            meeting_id: Uuid::new_v4(),
            date,
            started,
            notes: String::new(),
            pid: 0,
            host: String::new(),
            pid_start: None,
            extra: Default::default(),
            beside: Default::default(),
            action: None,
            agreed: Vec::new(),
            ticked: Vec::new(),
            kept_open: false,
        }
        .owned_here()
    }

    /// The draft with this process as its owner.
    pub fn owned_here(mut self) -> MeetingDraft {
        self.pid = std::process::id();
        self.host = this_host();
        self.pid_start = start_time(self.pid);
        self
    }

    /// Whether the process that wrote the draft is still running: on this host, a process
    /// with its pid that started when it did (a draft from an earlier release, without the
    /// start time, is judged by its pid alone); a draft from another host is assumed live, as
    /// we cannot tell.
    pub fn owner_alive(&self) -> bool {
        if self.host != this_host() {
            return true;
        }
        let same_start = || match self.pid_start {
            Some(recorded) => start_time(self.pid) == Some(recorded),
            None => true,
        };
        if self.pid == std::process::id() {
            return same_start();
        }
        process_running(self.pid) && same_start()
    }

    /// Whether the owner is known for certain to be running: a process on this host, other
    /// than this one, with the draft's pid and start time. Only then is taking it over refused.
    pub fn owner_surely_alive(&self) -> bool {
        self.host == this_host()
            && self.pid != std::process::id()
            && self.pid_start.is_some()
            && self.owner_alive()
    }

    /// Minutes from the start to `now`, rounded to the nearest minute, at least 1.
    pub fn minutes_until(&self, now: DateTime<Utc>) -> u32 {
        let secs = (now - self.started).num_seconds().max(0);
        u32::try_from((secs + 30) / 60).unwrap_or(u32::MAX).max(1)
    }
}

fn this_host() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// When process `pid` started, in clock ticks after boot: field 22 of `/proc/PID/stat`.
pub fn start_time(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After "pid (comm)" (the name may hold spaces and parentheses) come fields 3, 4, ...
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(22 - 3)?.parse().ok()
}

/// Whether `pid` is a running process. A killed process whose parent has not yet reaped it
/// (a zombie) still has its /proc entry, but its meeting is interrupted all the same.
fn process_running(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return PathBuf::from(format!("/proc/{pid}")).exists();
    };
    // "pid (comm) state ...": the name may itself contain spaces and parentheses.
    let state = stat
        .rfind(')')
        .and_then(|i| stat[i + 1..].split_whitespace().next())
        .unwrap_or("");
    !matches!(state, "Z" | "X" | "x")
}

impl Store {
    fn draft_path(&self) -> PathBuf {
        self.dir().join(DRAFT_FILE)
    }

    /// Removes temporaries of a draft save that was killed. Only called before a meeting
    /// starts, when no other process may be writing the draft.
    pub fn remove_stale_draft_temporaries(&self) {
        files::remove_stale_temporaries(self.dir(), |base| base == DRAFT_FILE);
    }

    /// The interrupted or running meeting, if any.
    pub fn load_draft(&self) -> Result<Option<MeetingDraft>, StorageError> {
        let path = self.draft_path();
        let Some(bytes) = read_if_there(&path)? else {
            return Ok(None);
        };
        let (mut draft, beside): (MeetingDraft, _) =
            decode_full(&bytes, Kind::Draft).map_err(|e| e.at(&path, &self.backups_dir()))?;
        draft.beside = beside;
        Ok(Some(draft))
    }

    /// Writes the draft atomically. No lock: only the meeting's own process writes it.
    pub fn save_draft(&self, draft: &MeetingDraft) -> Result<(), StorageError> {
        self.prepare_for_writing()?;
        let path = self.draft_path();
        let bytes = encode_with(Kind::Draft, draft, &draft.beside);
        files::write_atomic(&path, &bytes, FILE_MODE).map_err(StorageError::io("write", &path))
    }

    /// Removes the draft once its meeting has been saved into the record.
    pub fn clear_draft(&self) -> Result<(), StorageError> {
        let path = self.draft_path();
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                Err(StorageError::io("remove", &path)(e))
            }
            _ => Ok(()),
        }
    }
}

const _: () = assert!(
    SCHEMA_VERSION == 3,
    "review the draft format when the schema changes"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_survives_a_round_trip_and_is_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("d"));
        assert_eq!(store.load_draft().unwrap(), None);
        let mut draft = MeetingDraft::start(
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        );
        draft.notes = "Mentor: try the BERA SIG.\nZoë – “quotes”".into();
        store.save_draft(&draft).unwrap();
        assert_eq!(store.load_draft().unwrap(), Some(draft.clone()));
        assert!(draft.owner_alive());
        store.clear_draft().unwrap();
        store.clear_draft().unwrap();
        assert_eq!(store.load_draft().unwrap(), None);
    }

    #[test]
    fn meeting_length_rounds_to_minutes() {
        let start = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let draft = MeetingDraft::start(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), start);
        assert_eq!(draft.minutes_until(start), 1);
        assert_eq!(
            draft.minutes_until(start + chrono::Duration::seconds(3599)),
            60
        );
    }
}
