//! A lock around each read-modify-write of the data directory, so that two processes (the TUI
//! and a `note` from another shell) never overwrite each other. The lock is on a separate
//! `.lock` file, never on a data file: a rename replaces the data file's inode and would leave a
//! lock on it behind. The holder writes its pid and host into the file so that a waiter can say
//! who is in the way.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const LOCK_FILE: &str = ".lock";

/// Held while the data directory is being read and rewritten. Unlocks on drop.
#[derive(Debug)]
pub struct DirLock {
    file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another mentorplan ({holder}) has held the lock on {path} for over {waited:?}; try again, or end that process if it is stuck"
    )]
    Busy {
        path: PathBuf,
        holder: String,
        waited: Duration,
    },
    #[error("cannot lock {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl DirLock {
    /// Waits up to `timeout` for the lock. Writers hold it for milliseconds, so a long wait
    /// means a stuck process, which the error names.
    pub fn acquire(dir: &Path, timeout: Duration) -> Result<DirLock, LockError> {
        let (mut file, path) = open(dir)?;
        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(DirLock::taken(file)),
                Err(TryLockError::WouldBlock) => {
                    if start.elapsed() >= timeout {
                        return Err(LockError::Busy {
                            path,
                            holder: holder(&mut file),
                            waited: timeout,
                        });
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                Err(TryLockError::Error(e)) => return Err(LockError::Io { path, source: e }),
            }
        }
    }

    /// Takes the lock if it is free, without waiting: `Ok(Err(holder))` names who has it.
    pub fn try_acquire(dir: &Path) -> Result<Result<DirLock, String>, LockError> {
        let (mut file, path) = open(dir)?;
        match file.try_lock() {
            Ok(()) => Ok(Ok(DirLock::taken(file))),
            Err(TryLockError::WouldBlock) => Ok(Err(holder(&mut file))),
            Err(TryLockError::Error(e)) => Err(LockError::Io { path, source: e }),
        }
    }

    /// Says who holds it, for the message another process shows while it waits.
    fn taken(mut file: File) -> DirLock {
        let who = format!(
            "pid {} on host {}",
            std::process::id(),
            gethostname::gethostname().to_string_lossy()
        );
        let _ = file.set_len(0);
        let _ = file.seek(SeekFrom::Start(0));
        let _ = file.write_all(who.as_bytes());
        DirLock { file }
    }
}

/// The lock file, never through a link (a `.lock` planted as a link to another file of yours
/// would otherwise be overwritten with the holder's name).
fn open(dir: &Path) -> Result<(File, PathBuf), LockError> {
    let path = dir.join(LOCK_FILE);
    match super::files::open_rw(&path) {
        Ok(file) => Ok((file, path)),
        Err(source) => Err(LockError::Io { path, source }),
    }
}

/// What the holder wrote, as one line of printable text whatever the file holds.
fn holder(file: &mut File) -> String {
    let mut bytes = Vec::new();
    let _ = file.take(200).read_to_end(&mut bytes);
    let text: String = String::from_utf8_lossy(&bytes)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match text.trim() {
        "" => "unknown process".into(),
        t => t.to_string(),
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Whether `dir` is on NFS, where `flock` may be emulated or only local to one machine, so
/// that two processes on different hosts might not exclude each other. University home
/// directories often are; the program keeps working and says so.
pub fn on_network_filesystem(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    const NFS_SUPER_MAGIC: i64 = 0x6969;
    let Ok(c_path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    let mut stat = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: a valid NUL-terminated path and a buffer of the right type, read only on success.
    let ok = unsafe { libc::statfs(c_path.as_ptr(), stat.as_mut_ptr()) } == 0;
    // SAFETY: statfs succeeded, so it filled the buffer.
    // f_type's integer type differs between platforms, hence the cast.
    #[allow(clippy::unnecessary_cast)]
    let kind = ok.then(|| unsafe { stat.assume_init() }.f_type as i64);
    kind == Some(NFS_SUPER_MAGIC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_temporary_directory_is_not_nfs() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!on_network_filesystem(dir.path()));
        assert!(!on_network_filesystem(Path::new("/nonexistent/dir")));
    }

    #[test]
    fn a_second_locker_waits_then_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let held = DirLock::acquire(dir.path(), Duration::from_secs(1)).unwrap();
        let err = DirLock::acquire(dir.path(), Duration::from_millis(30)).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "{msg}"
        );
        let busy = DirLock::try_acquire(dir.path()).unwrap().unwrap_err();
        assert!(
            busy.contains(&format!("pid {}", std::process::id())),
            "{busy}"
        );
        drop(held);
        DirLock::acquire(dir.path(), Duration::from_millis(30)).unwrap();
        assert!(DirLock::try_acquire(dir.path()).unwrap().is_ok());
    }

    #[test]
    fn a_lock_file_planted_as_a_link_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "someone's file").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join(LOCK_FILE)).unwrap();
        let err = DirLock::acquire(dir.path(), Duration::from_millis(30)).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "someone's file");
    }
}
