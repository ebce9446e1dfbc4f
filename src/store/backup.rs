//! Earlier versions of each file, in `backups/`. A backup is a copy (never a hard link to the
//! live file) named by the program's own clock, `<file>.<YYYYMMDDTHHMMSS.mmmZ>`, made once and
//! never renamed afterwards, so a kill at any moment leaves whole backups in a sensible order,
//! and a file's modification time (which another machine's clock may have set in the future)
//! plays no part.

use super::files::{self, FILE_MODE};
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How many earlier versions of each file are kept.
pub const BACKUPS: usize = 5;

/// The older backups (all but the newest) are at least this far apart, so that a morning of
/// saves every second does not push yesterday's version out.
pub const BACKUP_SPACING: TimeDelta = TimeDelta::hours(1);

const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// Keeps `bytes`, the version of a file a save is about to replace, as the newest backup of
/// `name`, and thins out the older ones.
pub fn keep(bytes: &[u8], dir: &Path, name: &str, now: DateTime<Utc>) -> io::Result<()> {
    files::ensure_dir(dir)?;
    let existing = list(dir, name);
    // A clock set back must not file the newest version among the old ones.
    let stamp = match existing.last() {
        Some((newest, _)) if *newest >= now => *newest + TimeDelta::milliseconds(1),
        _ => now,
    };
    let path = dir.join(format!("{name}.{}", stamp.format(STAMP)));
    // Whole (fsynced) before it gets its name; the directory is not fsynced: a backup whose
    // name a power cut loses costs nothing, a torn one would mislead.
    let tmp = files::stage(&path, bytes, FILE_MODE)?;
    fs::rename(&tmp, &path)?;
    let mut all = existing;
    all.push((stamp, path));
    for old in to_drop(&all) {
        let _ = fs::remove_file(old);
    }
    Ok(())
}

/// The backups of `name`, oldest first. Backups from releases that numbered them (`name.1`)
/// are not listed: they are left as they are.
pub fn list(dir: &Path, name: &str) -> Vec<(DateTime<Utc>, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = format!("{name}.");
    let mut v: Vec<_> = entries
        .flatten()
        .filter_map(|e| {
            let file_name = e.file_name().into_string().ok()?;
            let stamp = file_name.strip_prefix(&prefix)?;
            let when = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
            Some((when, e.path()))
        })
        .collect();
    v.sort();
    v
}

/// Which of `all` (oldest first) go: the newest stays; of the others, each kept one is at least
/// `BACKUP_SPACING` newer than the kept one before it (the first of a burst of saves stands
/// for the burst), and only the newest `BACKUPS - 1` of those stay.
fn to_drop(all: &[(DateTime<Utc>, PathBuf)]) -> Vec<&Path> {
    let Some((_, older)) = all.split_last() else {
        return Vec::new();
    };
    let mut drop = Vec::new();
    let mut kept = Vec::new();
    let mut last: Option<DateTime<Utc>> = None;
    for (when, path) in older {
        if last.is_none_or(|l| *when - l >= BACKUP_SPACING) {
            kept.push(path.as_path());
            last = Some(*when);
        } else {
            drop.push(path.as_path());
        }
    }
    let excess = kept.len().saturating_sub(BACKUPS - 1);
    drop.extend(kept.drain(..excess));
    drop
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;
    use std::os::unix::fs::MetadataExt;

    fn at(hours: f64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + (hours * 3600.0) as i64, 0).unwrap()
    }

    fn contents(dir: &Path) -> Vec<String> {
        list(dir, "x.json")
            .iter()
            .rev()
            .map(|(_, p)| fs::read_to_string(p).unwrap())
            .collect()
    }

    /// Saves `version` over `live` at `now`, keeping a backup first as a save does.
    fn save(live: &Path, backups: &Path, version: &str, now: DateTime<Utc>) {
        if let Ok(bytes) = fs::read(live) {
            keep(&bytes, backups, "x.json", now).unwrap();
        }
        files::write_atomic(live, version.as_bytes(), FILE_MODE).unwrap();
    }

    #[test]
    fn older_backups_are_spaced_an_hour_apart_by_the_programs_clock() {
        let dir = tempfile::tempdir().unwrap();
        let (live, backups) = (dir.path().join("x.json"), dir.path().join("backups"));
        for i in 0..4 {
            save(&live, &backups, &format!("hourly{i}"), at(2.0 * i as f64));
        }
        for i in 0..20 {
            save(
                &live,
                &backups,
                &format!("burst{i}"),
                at(10.0 + i as f64 / 100.0),
            );
        }
        // The version just replaced; then the one the burst replaced first (as it was before
        // the burst), and the earlier ones, each replaced hours apart.
        assert_eq!(
            contents(&backups),
            ["burst18", "hourly3", "hourly2", "hourly1", "hourly0"]
        );
    }

    #[test]
    fn a_future_modification_time_or_a_clock_set_back_does_not_stall_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let (live, backups) = (dir.path().join("x.json"), dir.path().join("backups"));
        let future =
            std::time::SystemTime::now() + std::time::Duration::from_secs(10 * 365 * 86400);
        for i in 0..8 {
            save(&live, &backups, &format!("v{i}"), at(2.0 * i as f64));
            // Another machine's clock, years ahead, on the live file.
            File::options()
                .write(true)
                .open(&live)
                .unwrap()
                .set_modified(future)
                .unwrap();
        }
        assert_eq!(contents(&backups), ["v6", "v5", "v4", "v3", "v2"]);
        // The clock jumps back a day: the version just replaced is still the newest backup.
        save(&live, &backups, "v8", at(-24.0));
        assert_eq!(contents(&backups)[0], "v7");
        assert_eq!(contents(&backups).len(), BACKUPS);
        for (_, p) in list(&backups, "x.json") {
            let m = fs::metadata(&p).unwrap();
            assert_eq!(
                m.nlink(),
                1,
                "a backup is a copy, never a link to the live file"
            );
            assert_eq!(m.mode() & 0o777, FILE_MODE);
        }
    }
}
