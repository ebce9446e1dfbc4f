//! Finding and reading the submission files under the folders a coordinator names: a shared
//! drive, a mailbox's attachments saved to disk, a git repository. Every `.json` file is read
//! (in parallel; thousands of small files); nothing found there stops the others: a file that is
//! not a submission, cannot be read, or is a link is reported by name and skipped.

use super::submission_file;
use crate::domain::coordinator::collate::{Found, Skipped};
use crate::store::files;
use chrono::{DateTime, Utc};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// No submission comes near this; a larger file is not read into memory.
const MAX_BYTES: u64 = 8 << 20;

/// A folder named on the command line that is not there.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {}: {source}", path.display())]
pub struct WalkError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// The `.json` files under `roots` (a root may be a file), sorted, and the entries skipped on
/// the way (links are not followed: a shared folder may hold one to anywhere). Folders whose
/// name starts with a dot (`.git`) are not entered.
pub fn files_under(roots: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Skipped>), WalkError> {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut stack: Vec<PathBuf> = Vec::new();
    for root in roots {
        let meta = fs::metadata(root).map_err(|source| WalkError {
            path: root.clone(),
            source,
        })?;
        if meta.is_dir() {
            stack.push(root.clone());
        } else {
            found.push(root.clone());
        }
    }
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                skipped.push(Skipped {
                    path: dir,
                    reason: format!("folder not readable: {e}"),
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_symlink() {
                if !name.starts_with('.') {
                    skipped.push(Skipped {
                        path,
                        reason: "a symbolic link: not followed".into(),
                    });
                }
            } else if kind.is_dir() {
                if !name.starts_with('.') {
                    stack.push(path);
                }
            } else if is_json(&name) {
                found.push(path);
            }
        }
    }
    found.sort();
    found.dedup();
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((found, skipped))
}

fn is_json(name: &str) -> bool {
    !name.starts_with('.')
        && Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Reads and decodes every file, on as many threads as there are cores; the results are in the
/// order of `paths`, whatever the threads' timing.
pub fn read_all(paths: &[PathBuf]) -> Vec<Result<Found, Skipped>> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|p| read_one(p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a reader thread does not panic"))
            .collect()
    })
}

fn read_one(path: &Path) -> Result<Found, Skipped> {
    let skip = |reason: String| Skipped {
        path: path.to_path_buf(),
        reason,
    };
    // Opened without following a link and without blocking on a FIFO, like a data file.
    let mut file = files::open_read(path).map_err(|e| skip(format!("cannot read it: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| skip(format!("cannot read it: {e}")))?;
    if meta.len() > MAX_BYTES {
        return Err(skip(format!(
            "{} bytes: too large to be a submission",
            meta.len()
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.read_to_end(&mut bytes)
        .map_err(|e| skip(format!("cannot read it: {e}")))?;
    let submission = submission_file::decode(&bytes).map_err(|e| skip(e.to_string()))?;
    Ok(Found {
        path: path.to_path_buf(),
        modified: meta.modified().ok().map(DateTime::<Utc>::from),
        submission,
    })
}
