//! What can go wrong reading or writing the data directory, each with what to do about it; and
//! the domain's rules a file must satisfy beyond parsing (`Valid`).

use super::lock::LockError;
use crate::domain::model::rules;
use crate::domain::ops::OpError;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error(
        "cannot read {path}: {problem}\nThe file has been left exactly as it is and mentorplan will not write it until this is resolved: \
correct it by hand, restore a copy from {backups}, or run `mentorplan check --move-aside` to set it aside and start that part afresh."
    )]
    Unreadable {
        path: PathBuf,
        problem: String,
        backups: PathBuf,
    },
    #[error(
        "{path} was written by a newer mentorplan (schema version {found}; this is mentorplan {program}, which reads up to version {supported}).\nInstall mentorplan {needed} or later to use it; the file has been left as it is."
    )]
    TooNew {
        path: PathBuf,
        found: u64,
        supported: u64,
        program: &'static str,
        needed: String,
    },
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(
        "{path} is not a mentorplan record export: {problem}\nExpect a file written by `mentorplan export --section all --include-confidential --format json`."
    )]
    NotARecord { path: PathBuf, problem: String },
    #[error("refusing to write in {path}: {problem}.\n{fix}")]
    UnsafeDir {
        path: PathBuf,
        problem: String,
        fix: String,
    },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Op(#[from] OpError),
}

impl StorageError {
    /// The file the error is about, where there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StorageError::Unreadable { path, .. }
            | StorageError::TooNew { path, .. }
            | StorageError::Io { path, .. }
            | StorageError::NotARecord { path, .. }
            | StorageError::UnsafeDir { path, .. } => Some(path),
            StorageError::Lock(_) | StorageError::Op(_) => None,
        }
    }

    pub(crate) fn io<'p>(
        action: &'static str,
        path: &'p Path,
    ) -> impl FnOnce(io::Error) -> StorageError + use<'p> {
        move |source| StorageError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What a data file must satisfy beyond parsing: the domain's rules for that part.
pub(crate) trait Valid {
    fn valid(&self) -> Result<(), rules::Invalid> {
        Ok(())
    }
}

impl Valid for crate::domain::model::MeetingRecord {
    fn valid(&self) -> Result<(), rules::Invalid> {
        rules::meetings(self)
    }
}

impl Valid for crate::domain::model::AgreementRecord {
    fn valid(&self) -> Result<(), rules::Invalid> {
        rules::agreements(self)
    }
}

// No rule beyond their types (ratings 1 to 5, development entries checked by the catalogue's
// `devlog::validate` when added) yet.
impl Valid for crate::domain::model::Profile {}
impl Valid for crate::domain::model::Checklist {}
impl Valid for crate::domain::model::Plan {}
impl Valid for crate::domain::model::QuestionnaireRecord {}
impl Valid for crate::domain::model::DevLog {}
impl Valid for crate::domain::model::ReflectLog {}
