//! Writing an export to a file: the one way both the command line and the TUI do it. Exports
//! are often written into shared directories (a department's folder, /tmp), where another user
//! can plant `plan.md -> ~victim/file`; opening the name for writing would follow that link
//! and overwrite (or, dangling, create) the victim's file. A temporary file in the same
//! directory renamed over the name replaces the link itself and never opens through it.

use crate::store::files;
use std::io;
use std::path::Path;

/// Writes `bytes` to `path` with exactly `mode`: a new file (temporary, fsync, rename, fsync of
/// the directory) that replaces whatever was at `path`, a symbolic link included, without
/// following it. A directory is refused.
pub fn write_file(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory: give a file name, such as plan.md",
        ));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "the folder {} does not exist: create it first (mkdir -p), or give another path",
                parent.display()
            ),
        ));
    }
    files::write_atomic(path, bytes, mode)
}
