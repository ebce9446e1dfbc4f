//! Three-way merge of one data file's bytes, for a data directory kept in git (`mentorplan
//! merge-file`, a git merge driver): each version is decoded as the program reads the file
//! (schema migrations, unknown keys kept), the payloads are merged by `merge::value` at the
//! place the file has in the record (so the free text of meetings and plan sections merges
//! line by line, lists of items by id), and the result is checked and written as a save
//! writes it.

use super::schema::Kind;
use super::{Valid, decode_full, encode_with};
use crate::model::Unknown;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::path::Path;

/// The merged file.
#[derive(Debug)]
pub struct Merged {
    pub bytes: Vec<u8>,
    pub kind: Kind,
    /// Free text whose same lines both sides changed: both versions are kept in it, marked
    /// with `<<<<<<<` / `>>>>>>>` lines, for the member to choose.
    pub collisions: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeFileError {
    #[error("{which} is not a mentorplan data file: {problem}")]
    NotData {
        which: &'static str,
        problem: String,
    },
    #[error("the versions are different kinds of file ({0} and {1})")]
    Kinds(&'static str, &'static str),
    #[error("a {0} file is not merged by mentorplan: keep one side's version")]
    NotMerged(&'static str),
    #[error("the merged {kind} breaks a rule of the record ({problem}): merge it by hand")]
    Invalid { kind: &'static str, problem: String },
}

/// Merges `ours` and `theirs` against `base` (empty when both sides added the file).
pub fn merge_file(base: &[u8], ours: &[u8], theirs: &[u8]) -> Result<Merged, MergeFileError> {
    let kind = kind_of(ours, "OURS")?;
    let other = kind_of(theirs, "THEIRS")?;
    if other != kind {
        return Err(MergeFileError::Kinds(kind.key(), other.key()));
    }
    let base = if base.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        let b = kind_of(base, "BASE")?;
        if b != kind {
            return Err(MergeFileError::Kinds(b.key(), kind.key()));
        }
        Some(base)
    };
    let files = Files { base, ours, theirs };
    use crate::model::*;
    match kind {
        Kind::Profile => files.merge::<Profile>(kind, &["profile"]),
        Kind::Checklist => files.merge::<Checklist>(kind, &["checklist"]),
        Kind::Meetings => files.merge::<MeetingRecord>(kind, &["meetings"]),
        // `*`: the plan's window, as the record's free-text paths name it.
        Kind::Plan => files.merge::<Plan>(kind, &["plans", "*"]),
        Kind::Agreements => files.merge::<AgreementRecord>(kind, &["agreements"]),
        Kind::Questionnaires => files.merge::<QuestionnaireRecord>(kind, &["questionnaires"]),
        Kind::DevLog => files.merge::<DevLog>(kind, &["devlog"]),
        Kind::Mentees => files.merge::<crate::mentees::Mentees>(kind, &["mentees"]),
        Kind::Reflect => files.merge::<ReflectLog>(kind, &["reflect"]),
        Kind::Bundle | Kind::Draft | Kind::Typing | Kind::Journal => {
            Err(MergeFileError::NotMerged(kind.key()))
        }
    }
}

/// The kind a file says it is: the one payload key beside `schema_version`.
fn kind_of(bytes: &[u8], which: &'static str) -> Result<Kind, MergeFileError> {
    let not_data = |problem: String| MergeFileError::NotData { which, problem };
    let map: Map<String, Value> =
        serde_json::from_slice(bytes).map_err(|e| not_data(e.to_string()))?;
    if !map.contains_key("schema_version") {
        return Err(not_data("it has no schema_version".into()));
    }
    Kind::ALL
        .into_iter()
        .find(|k| map.contains_key(k.key()))
        .ok_or_else(|| not_data("it holds none of the record's parts".into()))
}

// A mentor's list of mentees: merged by id like any list; each id names its directory, which
// `Store::load_mentees` checks when it reads the merged file.
impl Valid for crate::mentees::Mentees {}

struct Files<'a> {
    base: Option<&'a [u8]>,
    ours: &'a [u8],
    theirs: &'a [u8],
}

impl Files<'_> {
    fn merge<T>(&self, kind: Kind, place: &[&str]) -> Result<Merged, MergeFileError>
    where
        T: Serialize + DeserializeOwned + Valid,
    {
        let read = |bytes: &[u8], which: &'static str| {
            let (data, extra) = decode_full::<T>(bytes, kind).map_err(|e| {
                let problem = e.at(Path::new(which), Path::new("")).to_string();
                MergeFileError::NotData { which, problem }
            })?;
            let data = serde_json::to_value(&data).expect("the model serialises");
            let extra = serde_json::to_value(&extra).expect("the model serialises");
            Ok::<_, MergeFileError>((data, extra))
        };
        let (ours, ours_extra) = read(self.ours, "OURS")?;
        let (theirs, theirs_extra) = read(self.theirs, "THEIRS")?;
        let (base, base_extra) = match self.base {
            Some(b) => read(b, "BASE")?,
            None => (Value::Null, Value::Null),
        };
        let merged = crate::merge::value(
            &at(place, base),
            &at(place, ours.clone()),
            &at(place, theirs.clone()),
        );
        let merged = from(place, merged);
        let invalid = |problem: String| MergeFileError::Invalid {
            kind: kind.key(),
            problem,
        };
        let data: T = serde_json::from_value(merged).map_err(|e| invalid(e.to_string()))?;
        data.valid().map_err(|e| invalid(e.to_string()))?;
        let extra = crate::merge::value(&base_extra, &ours_extra, &theirs_extra);
        let extra: Unknown = serde_json::from_value(extra).unwrap_or_default();
        let bytes = encode_with(kind, &data, &extra);
        let marker = |b: &[u8]| b.windows(7).any(|w| w == b"<<<<<<<");
        let collisions = marker(&bytes) && !marker(self.ours) && !marker(self.theirs);
        Ok(Merged {
            bytes,
            kind,
            collisions,
        })
    }
}

/// The payload put at its place in a record's JSON, so that `merge::value` knows its free text.
fn at(place: &[&str], value: Value) -> Value {
    place.iter().rev().fold(value, |inner, key| {
        let mut map = Map::new();
        map.insert((*key).to_string(), inner);
        Value::Object(map)
    })
}

fn from(place: &[&str], mut value: Value) -> Value {
    for key in place {
        value = match value {
            Value::Object(mut map) => map.remove(*key).unwrap_or(Value::Null),
            _ => Value::Null,
        };
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meeting, MeetingRecord, Plan};
    use chrono::NaiveDate;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    #[test]
    fn two_added_meetings_and_two_edited_sections_both_land() {
        let mut base = MeetingRecord::default();
        base.meetings.push(Meeting::new(d(2), 60));
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.meetings.push(Meeting::new(d(9), 45));
        theirs.meetings.push(Meeting::new(d(16), 30));
        let e = |r: &MeetingRecord| super::super::encode(Kind::Meetings, r);
        let m = merge_file(&e(&base), &e(&ours), &e(&theirs)).unwrap();
        let (merged, _): (MeetingRecord, Unknown) =
            decode_full(&m.bytes, Kind::Meetings).ok().unwrap();
        assert_eq!(merged.meetings.len(), 3);
        assert!(!m.collisions);

        let mut plan = Plan::new(crate::calendar::PlanWindow(2026), Default::default());
        plan.sections
            .insert("grants".into(), "BA small grant".into());
        let (mut ours, mut theirs) = (plan.clone(), plan.clone());
        ours.sections
            .insert("grants".into(), "BA small grant\nLeverhulme".into());
        theirs
            .sections
            .insert("publications".into(), "A paper".into());
        let e = |p: &Plan| super::super::encode(Kind::Plan, p);
        let m = merge_file(&e(&plan), &e(&ours), &e(&theirs)).unwrap();
        let (merged, _): (Plan, Unknown) = decode_full(&m.bytes, Kind::Plan).ok().unwrap();
        assert_eq!(merged.section("grants"), "BA small grant\nLeverhulme");
        assert_eq!(merged.section("publications"), "A paper");
        // Both sides added the file: no base.
        let m = merge_file(b"", &e(&ours), &e(&theirs)).unwrap();
        assert_eq!(m.kind, Kind::Plan);
    }

    #[test]
    fn files_that_cannot_be_merged_are_refused() {
        let meetings = super::super::encode(Kind::Meetings, &MeetingRecord::default());
        let profile = super::super::encode(Kind::Profile, &crate::model::Profile::default());
        assert!(matches!(
            merge_file(&meetings, &meetings, &profile),
            Err(MergeFileError::Kinds(..))
        ));
        assert!(matches!(
            merge_file(&meetings, b"<<<<<<< not json", &meetings),
            Err(MergeFileError::NotData { which: "OURS", .. })
        ));
        let mut bad = MeetingRecord::default();
        bad.meetings.push(Meeting::new(d(2), 60));
        let bad = String::from_utf8(super::super::encode(Kind::Meetings, &bad))
            .unwrap()
            .replace("\"minutes\": 60", "\"minutes\": \"an hour\"");
        assert!(matches!(
            merge_file(&meetings, bad.as_bytes(), &meetings),
            Err(MergeFileError::NotData { .. })
        ));
    }
}
