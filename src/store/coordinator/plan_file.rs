//! `concordat.json` in the coordinator's directory, kept with the promises of a member's data:
//! written under the directory's lock (two coordinators' commands never lose each other's
//! change), atomically (temporary, fsync, rename, fsync), 0600 in a 0700 directory that is the
//! user's own, never opened through a link, the replaced version kept in `backups/`, a file
//! that cannot be read never overwritten, unknown keys kept.

use crate::domain::coordinator::concordat::{ActionPlan, Obligations, SCHEMA_VERSION};
use crate::domain::model::Unknown;
use crate::store::{StorageError, Store, backup, files};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

pub const PLAN_FILE: &str = "concordat.json";
/// Another institution's obligations, used instead of the built-in ones when present.
pub const OBLIGATIONS_FILE: &str = "obligations.json";

#[derive(Debug, thiserror::Error)]
pub enum PlanFileError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "{} cannot be read: {problem}. It is left as it is: correct it by hand, or move it aside to start a new plan",
        path.display()
    )]
    Unreadable { path: PathBuf, problem: String },
    #[error(
        "{} was written by a newer mentorplan (schema version {found}; this release reads {SCHEMA_VERSION}): update mentorplan to change it",
        path.display()
    )]
    TooNew { path: PathBuf, found: u64 },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    schema_version: Option<u64>,
    #[serde(default)]
    concordat: ActionPlan,
    #[serde(flatten)]
    extra: Unknown,
}

/// The obligations in effect: `obligations.json` in `dir` if there is one, else the built-in.
pub fn obligations(dir: &Path) -> Result<Obligations, PlanFileError> {
    let path = dir.join(OBLIGATIONS_FILE);
    match files::read(&path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|_| PlanFileError::Unreadable {
                path: path.clone(),
                problem: "not UTF-8 text".into(),
            })?;
            Obligations::from_json(&text)
                .map_err(|problem| PlanFileError::Unreadable { path, problem })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Obligations::built_in()),
        Err(source) => Err(PlanFileError::Io { path, source }),
    }
}

/// The plan (empty if there is none yet), and the keys beside it this release does not know.
fn read(dir: &Path) -> Result<(ActionPlan, Unknown, Option<Vec<u8>>), PlanFileError> {
    let path = dir.join(PLAN_FILE);
    let bytes = match files::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok((ActionPlan::default(), Unknown::default(), None));
        }
        Err(source) => return Err(PlanFileError::Io { path, source }),
    };
    let bad = |problem: String| PlanFileError::Unreadable {
        path: path.clone(),
        problem,
    };
    let env: Envelope = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
    match env.schema_version {
        None => return Err(bad("there is no \"schema_version\"".into())),
        Some(v) if v > SCHEMA_VERSION => {
            return Err(PlanFileError::TooNew { path, found: v });
        }
        Some(_) => {}
    }
    Ok((env.concordat, env.extra, Some(bytes)))
}

pub fn load(dir: &Path) -> Result<ActionPlan, PlanFileError> {
    read(dir).map(|(plan, _, _)| plan)
}

/// Reads the plan under the lock, lets `change` alter it, and writes it back if it succeeds.
pub fn update<T, E>(
    dir: &Path,
    now: DateTime<Utc>,
    change: impl FnOnce(&mut ActionPlan) -> Result<T, E>,
) -> Result<T, color_eyre::Report>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let store = Store::new(dir);
    let _lock = store.lock_for_writing().map_err(PlanFileError::from)?;
    // Under the lock no other write is under way: a temporary is a killed one's.
    files::remove_stale_temporaries(dir, |base| base == PLAN_FILE);
    let (mut plan, extra, old) = read(dir)?;
    let out = change(&mut plan)?;
    let env = Envelope {
        schema_version: Some(SCHEMA_VERSION),
        concordat: plan,
        extra,
    };
    let mut bytes = serde_json::to_vec_pretty(&env).expect("the plan serialises");
    bytes.push(b'\n');
    let path = dir.join(PLAN_FILE);
    if let Some(old) = old {
        backup::keep(&old, &store.backups_dir(), PLAN_FILE, now).map_err(|source| {
            PlanFileError::Io {
                path: path.clone(),
                source,
            }
        })?;
    }
    files::write_atomic(&path, &bytes, files::FILE_MODE)
        .map_err(|source| PlanFileError::Io { path, source })?;
    Ok(out)
}
