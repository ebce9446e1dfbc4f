//! Reading and writing files under the data directory so that neither a crash nor another user
//! can do harm. Every open passes `O_NOFOLLOW` (a link planted in place of a data file, the lock
//! or a backup is refused, never followed) and a read opens with `O_NONBLOCK` and checks that it
//! got a regular file (a FIFO would otherwise hang the reader). A file is replaced by writing a
//! temporary in the same directory, fsync, rename, fsync of the directory; files are 0600 and
//! directories 0700 whatever the umask, because this runs on shared servers.

use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

/// Creates the data directory (and parents) as 0700 unless it exists. It may be a link (to
/// another disk, say): it is the user's choice, made outside it.
pub fn ensure_data_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    ensure_dir(dir)
}

/// Creates `dir` (and parents) as 0700. An existing directory is left as it is: its mode is
/// the user's choice, which `check` reports on. A link in its place is refused: the program's
/// subdirectories (`plans/`, `backups/`) must be real directories inside the data directory.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(m) => return Err(not_regular(&m.file_type(), "a directory")),
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        Err(_) => {}
    }
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)?;
    // The umask may have removed bits we asked for, never added any; set exactly 0700.
    fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))
}

/// What a non-regular file is, in words, and what to do: the error every open reports.
fn not_regular(kind: &fs::FileType, wanted: &str) -> io::Error {
    refused(kind_name(kind), wanted)
}

fn kind_name(kind: &fs::FileType) -> &'static str {
    if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

fn refused(what: &str, wanted: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "it is {what}, not {wanted}: mentorplan never follows links nor reads special files inside its data directory; move it out of the way (and put the real file there if you have one)"
        ),
    )
}

/// Opens an existing file for reading without following a link and without blocking on a
/// FIFO, and refuses anything but a regular file.
pub fn open_read(path: &Path) -> io::Result<File> {
    open_regular(OpenOptions::new().read(true), path)
}

/// Opens (creating if need be, 0600) a file for reading and writing, as `open_read` does.
pub fn open_rw(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(FILE_MODE);
    open_regular(&mut options, path)
}

fn open_regular(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    let file = options
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(link_error)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(not_regular(&kind, "a regular file"));
    }
    Ok(file)
}

/// `O_NOFOLLOW` reports a link as ELOOP, "too many levels of symbolic links": say what it is.
fn link_error(e: io::Error) -> io::Error {
    if e.raw_os_error() == Some(libc::ELOOP) {
        refused("a symbolic link", "a regular file")
    } else {
        e
    }
}

/// Writes `text` (ending in a newline) to a new private file for an editor: it must not exist
/// yet (nor be a link), and it is synced before the editor sees it.
pub fn write_new_text(path: &Path, text: &str) -> io::Result<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .mode(FILE_MODE)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        f.write_all(b"\n")?;
    }
    f.sync_all()
}

/// The bytes of a file, read as `open_read` opens it.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    read_with_meta(path).map(|(bytes, _)| bytes)
}

/// `read`, with the metadata of the very file read (not of whatever a rename put at `path`
/// since), so that a save can tell later whether another process has replaced it.
pub fn read_with_meta(path: &Path) -> io::Result<(Vec<u8>, fs::Metadata)> {
    let mut file = open_read(path)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.read_to_end(&mut bytes)?;
    Ok((bytes, meta))
}

/// Writes `bytes` to a new temporary file beside `path` (`.<name>.<6 hex digits>`, the shape
/// `remove_stale_temporaries` knows), with exactly `mode`, and fsyncs it. Returns its path.
pub fn stage(path: &Path, bytes: &[u8], mode: u32) -> io::Result<PathBuf> {
    let dir = parent(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    loop {
        let suffix = &uuid::Uuid::new_v4().simple().to_string()[..6];
        let tmp = dir.join(format!(".{name}.{suffix}"));
        let mut file = match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&tmp)
        {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            other => other?,
        };
        let written = file
            .write_all(bytes)
            .and_then(|()| file.set_permissions(Permissions::from_mode(mode)))
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        return Ok(tmp);
    }
}

/// Makes renames and removals in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Atomically replaces `path` with `bytes` with exactly `mode` (the umask cannot change it): a
/// crash leaves the old content or the new, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let tmp = stage(path, bytes, mode)?;
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(parent(path))
}

/// The directory holding `path`; `.` for a bare file name (whose parent is the empty path).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Removes temporary files left by a save that was killed before its rename (named
/// `.<file>.<6 alphanumerics>`).
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
    fn writes_are_private_whatever_the_mode_asked_of_the_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomic(&path, b"one", FILE_MODE).unwrap();
        write_atomic(&path, b"two", FILE_MODE).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, FILE_MODE);
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary left behind");
    }

    #[test]
    fn a_bare_file_name_is_written_in_the_current_directory() {
        assert_eq!(parent(Path::new("plan.md")), Path::new("."));
        assert_eq!(parent(Path::new("/tmp/plan.md")), Path::new("/tmp"));
    }

    #[test]
    fn a_link_or_a_fifo_is_refused_at_once_and_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let link = dir.path().join(".lock");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let err = open_rw(&link).unwrap_err().to_string();
        assert!(err.contains("it is a symbolic link"), "{err}");
        let err = read(&link).unwrap_err().to_string();
        assert!(err.contains("it is a symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        let fifo = dir.path().join("meetings.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // Without O_NONBLOCK this would wait for a writer for ever.
        let err = read(&fifo).unwrap_err().to_string();
        assert!(err.contains("it is a FIFO"), "{err}");
        let err = read(dir.path()).unwrap_err().to_string();
        assert!(err.contains("it is a directory"), "{err}");
        let sub = dir.path().join("plans");
        std::os::unix::fs::symlink(dir.path(), &sub).unwrap();
        assert!(
            ensure_dir(&sub).is_err(),
            "a linked subdirectory is refused"
        );
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
