//! A submission's bytes: the versioned bundle of the plan's JSON export, marked `"only":
//! "submission"`, with the `submission` object beside the payload (`submission.rs` says what
//! it holds). Reading refuses, in words the coordinator can pass on, whatever is not a
//! submission of this release: a file that does not parse, an older schema, a newer one, an
//! export that is not a submission.

use crate::domain::coordinator::submission::{KEY, Meta, Submission, VERSION};
use crate::domain::model::Unknown;
use crate::store::{Decode, decode_section_file, encode_submission};

/// The file's bytes.
pub fn encode(s: &Submission) -> Vec<u8> {
    let mut beside = Unknown::default();
    beside.0.insert(
        KEY.into(),
        serde_json::to_value(&s.meta).expect("meta serialises"),
    );
    encode_submission(&s.record, &beside)
}

/// Reads a submission file's bytes, or says in a line why it is not one.
pub fn decode(bytes: &[u8]) -> Result<Submission, Rejection> {
    let file = decode_section_file(bytes).map_err(|e| match e {
        Decode::Bad(problem) => Rejection::Bad(problem),
        Decode::TooNew(v) => Rejection::TooNew(v),
    })?;
    if file.version < crate::store::schema::SCHEMA_VERSION {
        return Err(Rejection::OldSchema(file.version));
    }
    match file.only.as_deref() {
        Some(KEY) => {}
        Some(other) => return Err(Rejection::NotASubmission(format!("--section {other}"))),
        None => return Err(Rejection::NotASubmission("a whole record".into())),
    }
    let mut beside = file.beside;
    let value = beside
        .0
        .remove(KEY)
        .ok_or_else(|| Rejection::Bad(format!("there is no \"{KEY}\" object")))?;
    let meta: Meta = serde_json::from_value(value)
        .map_err(|e| Rejection::Bad(format!("its \"{KEY}\" object: {e}")))?;
    if meta.version > VERSION {
        return Err(Rejection::TooNew(u64::from(meta.version)));
    }
    if !file.record.plans.contains_key(&meta.window) || file.record.plans.len() != 1 {
        return Err(Rejection::Bad(format!(
            "it should hold exactly one plan, for {}",
            meta.window
        )));
    }
    let s = Submission {
        record: file.record,
        meta,
    };
    if s.name().trim().is_empty() {
        return Err(Rejection::Bad("it gives no name".into()));
    }
    Ok(s)
}

/// Why a file was skipped, in words the coordinator can pass on to the member.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("not a readable submission: {0}")]
    Bad(String),
    #[error(
        "written in schema version {0}, older than this release's submissions: ask the member to run `mentorplan submit` again"
    )]
    OldSchema(u64),
    #[error("written by a newer mentorplan (version {0}): update mentorplan to read it")]
    TooNew(u64),
    #[error(
        "an export ({0}), not a submission: ask the member to run `mentorplan submit`, which adds the window and date"
    )]
    NotASubmission(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::PlanWindow;
    use crate::domain::catalog::Catalog;
    use crate::domain::coordinator::submission::Choices;
    use crate::domain::model::Record;
    use chrono::{NaiveDate, Utc};
    use proptest::prelude::*;

    fn valid() -> Vec<u8> {
        let mut record = Record::default();
        record.profile.name = "Jane Smith".into();
        let window = PlanWindow(2026);
        record.plans.insert(
            window,
            crate::domain::model::Plan::new(window, Default::default()),
        );
        let catalog = Catalog::ceres();
        let today = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2027, 6, 1, 9, 0, 0).unwrap();
        let s = Submission::of(&record, &catalog, window, now, today, &Choices::default()).unwrap();
        encode(&s)
    }

    #[test]
    fn a_submission_reads_back_as_written() {
        let s = decode(&valid()).unwrap();
        assert_eq!(s.name(), "Jane Smith");
        assert_eq!(s.file_stem(), "jane-smith_2026-28");
    }

    proptest! {
        // Thousands of files from a shared folder: none may crash the reader.
        #[test]
        fn any_bytes_are_read_or_refused_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = decode(&bytes);
        }

        #[test]
        fn a_cut_or_altered_submission_is_read_or_refused(cut in 0usize..2000, at in 0usize..2000, byte in any::<u8>()) {
            let mut bytes = valid();
            if at < bytes.len() {
                bytes[at] = byte;
            }
            bytes.truncate(cut.min(bytes.len()));
            let _ = decode(&bytes);
        }
    }
}
