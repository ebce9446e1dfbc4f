//! A save that changes several files is all-or-nothing across a kill or a crash. Every new
//! version is first written and fsynced as a temporary beside its file; then a small journal
//! naming the renames (and removals) still to do is written atomically — the moment the save
//! counts as made; then the renames are done, the directories fsynced and the journal
//! removed. Whoever next takes the lock finds a journal left by a killed save and finishes it
//! (`recover`), so every file is wholly old or wholly new, together. A save of one file needs
//! no journal: its rename is atomic on its own.

use super::files::{self, FILE_MODE};
use super::schema::Kind;
use super::{decode, encode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path};

pub const JOURNAL_FILE: &str = ".journal.json";

/// What a save still has to do, paths relative to the data directory.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// (temporary, file) pairs.
    pub renames: Vec<(String, String)>,
    pub removals: Vec<String>,
}

/// Writes `changes` (path relative to `dir`, new bytes or `None` to remove the file) so that
/// either all of them or none land.
pub fn commit(dir: &Path, changes: Vec<(String, Option<Vec<u8>>)>) -> io::Result<()> {
    let mut journal = Journal::default();
    for (rel, bytes) in changes {
        let Some(bytes) = bytes else {
            journal.removals.push(rel);
            continue;
        };
        let path = dir.join(&rel);
        // A subdirectory (`plans/`) is made if need be, and must be real; the data directory
        // itself exists and may be a link.
        let subdir = path.parent().filter(|p| *p != dir);
        let staged = subdir
            .map_or(Ok(()), files::ensure_dir)
            .and_then(|()| files::stage(&path, &bytes, FILE_MODE));
        match staged {
            Ok(tmp) => {
                let tmp = tmp.strip_prefix(dir).unwrap_or(&tmp).to_string_lossy();
                journal.renames.push((tmp.into_owned(), rel));
            }
            Err(e) => {
                // Nothing has been renamed yet: the save is simply not made.
                for (tmp, _) in &journal.renames {
                    let _ = fs::remove_file(dir.join(tmp));
                }
                return Err(e);
            }
        }
    }
    let steps = journal.renames.len() + journal.removals.len();
    let journal_path = dir.join(JOURNAL_FILE);
    if steps > 1 {
        files::write_atomic(&journal_path, &encode(Kind::Journal, &journal), FILE_MODE)?;
    }
    finish(dir, &journal, false)?;
    if steps > 1 {
        fs::remove_file(&journal_path)?;
        files::sync_dir(dir)?;
    }
    Ok(())
}

/// Does the journal's renames and removals; when `recovering`, a step already done (before a
/// kill) is skipped.
fn finish(dir: &Path, journal: &Journal, recovering: bool) -> io::Result<()> {
    let mut touched = BTreeSet::new();
    for (tmp, rel) in &journal.renames {
        match fs::rename(dir.join(tmp), dir.join(rel)) {
            Err(e) if recovering && e.kind() == io::ErrorKind::NotFound => {}
            other => other?,
        }
        touched.insert(parent(dir, rel));
    }
    for rel in &journal.removals {
        match fs::remove_file(dir.join(rel)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            other => other?,
        }
        touched.insert(parent(dir, rel));
    }
    for d in touched {
        files::sync_dir(&d)?;
    }
    Ok(())
}

fn parent(dir: &Path, rel: &str) -> std::path::PathBuf {
    dir.join(rel)
        .parent()
        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf)
}

/// Finishes a save that was killed after its journal was written. Call under the lock, before
/// removing stale temporaries (the journal's are not stale). True if there was one.
pub fn recover(dir: &Path) -> Result<bool, String> {
    let path = dir.join(JOURNAL_FILE);
    let bytes = match files::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.to_string()),
    };
    let journal: Journal = decode(&bytes, Kind::Journal).map_err(|e| match e {
        super::Decode::Bad(problem) => problem,
        super::Decode::TooNew(v) => format!("written by a newer mentorplan (schema version {v})"),
    })?;
    let all = journal
        .renames
        .iter()
        .flat_map(|(a, b)| [a, b])
        .chain(&journal.removals);
    if let Some(bad) = all.clone().find(|rel| !inside(rel)) {
        return Err(format!(
            "it names {bad:?}, which is not a file of the data directory"
        ));
    }
    finish(dir, &journal, true).map_err(|e| e.to_string())?;
    fs::remove_file(&path).map_err(|e| e.to_string())?;
    files::sync_dir(dir).map_err(|e| e.to_string())?;
    Ok(true)
}

/// A journal only ever names files in the data directory or in `plans/`.
fn inside(rel: &str) -> bool {
    let parts: Vec<_> = Path::new(rel).components().collect();
    !parts.is_empty() && parts.len() <= 2 && parts.iter().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_killed_save_is_finished_by_the_next_one_and_a_bad_journal_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("plans")).unwrap();
        fs::write(d.join("a.json"), "old a").unwrap();
        fs::write(d.join("plans/gone.json"), "old plan").unwrap();
        // As a save killed just after writing its journal leaves things.
        let tmp = files::stage(&d.join("a.json"), b"new a", FILE_MODE).unwrap();
        let tmp_b = files::stage(&d.join("plans/b.json"), b"new b", FILE_MODE).unwrap();
        let rel = |p: &Path| p.strip_prefix(d).unwrap().to_string_lossy().into_owned();
        let journal = Journal {
            renames: vec![
                (rel(&tmp), "a.json".into()),
                (rel(&tmp_b), "plans/b.json".into()),
            ],
            removals: vec!["plans/gone.json".into()],
        };
        fs::write(d.join(JOURNAL_FILE), encode(Kind::Journal, &journal)).unwrap();
        assert_eq!(recover(d), Ok(true));
        assert_eq!(fs::read_to_string(d.join("a.json")).unwrap(), "new a");
        assert_eq!(fs::read_to_string(d.join("plans/b.json")).unwrap(), "new b");
        assert!(!d.join("plans/gone.json").exists());
        assert!(!d.join(JOURNAL_FILE).exists());
        assert_eq!(recover(d), Ok(false));
        let evil = Journal {
            renames: vec![],
            removals: vec!["../outside".into()],
        };
        fs::write(d.join(JOURNAL_FILE), encode(Kind::Journal, &evil)).unwrap();
        assert!(
            recover(d)
                .unwrap_err()
                .contains("not a file of the data directory")
        );
    }

    #[test]
    fn a_commit_writes_and_removes_together() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("plans")).unwrap();
        fs::write(d.join("plans/gone.json"), "old").unwrap();
        commit(
            d,
            vec![
                ("a.json".into(), Some(b"a".to_vec())),
                ("plans/b.json".into(), Some(b"b".to_vec())),
                ("plans/gone.json".into(), None),
            ],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(d.join("plans/b.json")).unwrap(), "b");
        assert!(!d.join("plans/gone.json").exists());
        assert!(!d.join(JOURNAL_FILE).exists());
    }
}
