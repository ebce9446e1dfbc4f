//! Writing one file so that a crash at any moment leaves either the old or the new content:
//! a temporary file in the same directory, fsync, rename, fsync of the directory (all done by
//! `atomic-write-file`, which also tests its own crash behaviour). Files are 0600 and
//! directories 0700 whatever the umask, because this runs on shared servers. The version being
//! replaced is kept as a numbered backup.

use atomic_write_file::AtomicWriteFile;
use atomic_write_file::unix::OpenOptionsExt as _;
use std::fs::{self, DirBuilder, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;
/// How many earlier versions of each file are kept in `backups/`.
pub const BACKUPS: usize = 5;

/// Creates `dir` (and parents) as 0700. An existing directory is left as it is: its mode is
/// the user's choice, which `check` reports on.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)?;
    // The umask may have removed bits we asked for, never added any; set exactly 0700.
    fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))
}

/// Where to keep the version a write replaces: a directory and the backup's base name.
pub struct Backup<'a> {
    pub dir: &'a Path,
    pub name: &'a str,
}

/// Atomically replaces `path` with `bytes` with exactly `mode` (the umask cannot change it),
/// keeping the old version as a numbered backup when asked.
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    mode: u32,
    backup: Option<Backup<'_>>,
) -> io::Result<()> {
    let mut options = AtomicWriteFile::options();
    options.preserve_mode(false).preserve_owner(false);
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.as_file()
        .set_permissions(Permissions::from_mode(mode))?;
    if let Some(b) = backup.filter(|_| path.exists()) {
        // Best effort: a failed backup must not stop the save itself.
        let _ = keep_backup(path, b.dir, b.name);
    }
    file.commit()
}

/// The older backups (`.2` onwards) are at least this far apart, so that a morning of saves
/// every second does not push yesterday's version out.
pub const BACKUP_SPACING: std::time::Duration = std::time::Duration::from_secs(3600);

/// Hard-links the current file as `name.1` (the version just replaced: a hard link costs
/// nothing and survives the rename that replaces the original). The previous `name.1` moves
/// down to `name.2` .. `name.N` only if it is at least `BACKUP_SPACING` newer than `name.2`;
/// otherwise it is dropped, so the older backups span hours, not the last few saves.
fn keep_backup(path: &Path, backup_dir: &Path, name: &str) -> io::Result<()> {
    ensure_dir(backup_dir)?;
    let numbered = |n: usize| backup_dir.join(format!("{name}.{n}"));
    let modified = |n: usize| fs::metadata(numbered(n)).and_then(|m| m.modified()).ok();
    if let (Some(first), Some(second)) = (modified(1), modified(2))
        && first.duration_since(second).unwrap_or_default() < BACKUP_SPACING
    {
        fs::remove_file(numbered(1))?;
        return link_or_copy(path, &numbered(1));
    }
    let _ = fs::remove_file(numbered(BACKUPS));
    for n in (1..BACKUPS).rev() {
        let from = numbered(n);
        if from.exists() {
            fs::rename(&from, numbered(n + 1))?;
        }
    }
    link_or_copy(path, &numbered(1))
}

fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(|_| ()))
}

/// Removes temporary files left by a save that was killed before its rename (only on
/// filesystems without O_TMPFILE; the crate names them `.<file>.<6 random characters>`).
pub fn remove_stale_temporaries(dir: &Path, is_ours: impl Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(n) = file_name.to_str() else {
            continue;
        };
        // `.<base>.<6 alphanumerics>`
        let stale = n
            .strip_prefix('.')
            .and_then(|rest| rest.rsplit_once('.'))
            .is_some_and(|(base, suffix)| {
                is_ours(base)
                    && suffix.len() == 6
                    && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn older_backups_are_spaced_an_hour_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        let backups = dir.path().join("backups");
        let write = |v: &str| {
            let backup = Backup {
                dir: &backups,
                name: "x.json",
            };
            write_atomic(&path, v.as_bytes(), FILE_MODE, Some(backup)).unwrap();
        };
        // Each version is written two hours after the one before, then a burst of saves.
        let start = std::time::SystemTime::now() - std::time::Duration::from_secs(20 * 3600);
        for i in 0..4 {
            write(&format!("hourly{i}"));
            let when = start + std::time::Duration::from_secs(i * 7200);
            fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(when)
                .unwrap();
        }
        for i in 0..20 {
            write(&format!("burst{i}"));
        }
        let read = |n: usize| fs::read_to_string(backups.join(format!("x.json.{n}"))).unwrap();
        assert_eq!(read(1), "burst18", "the version just replaced");
        assert_eq!(
            read(2),
            "burst0",
            "the burst's first version, hours after the next"
        );
        assert_eq!(read(3), "hourly3");
        assert_eq!(read(4), "hourly2");
        assert_eq!(read(5), "hourly1");
    }

    #[test]
    fn writes_are_private_and_keep_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        let backups = dir.path().join("backups");
        for i in 0..(BACKUPS + 2) {
            let backup = Backup {
                dir: &backups,
                name: "x.json",
            };
            write_atomic(&path, format!("v{i}").as_bytes(), FILE_MODE, Some(backup)).unwrap();
        }
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            format!("v{}", BACKUPS + 1)
        );
        assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, FILE_MODE);
        assert_eq!(
            fs::read_to_string(backups.join("x.json.1")).unwrap(),
            format!("v{BACKUPS}")
        );
        // A burst of saves keeps the first version of the burst and the one just replaced.
        assert_eq!(fs::read_to_string(backups.join("x.json.2")).unwrap(), "v0");
        assert!(!backups.join("x.json.3").exists());
    }

    #[test]
    fn stale_temporaries_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for n in [
            ".meetings.json.a1B2c3",
            "meetings.json",
            ".meetings.json.toolong1",
            "notes.txt",
        ] {
            fs::write(dir.path().join(n), "x").unwrap();
        }
        remove_stale_temporaries(dir.path(), |b| b == "meetings.json");
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".meetings.json.toolong1", "meetings.json", "notes.txt"]
        );
    }
}
