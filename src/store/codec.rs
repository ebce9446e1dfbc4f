//! The bytes of the data files and of the whole-record export: the versioned envelope
//! (`schema_version`, the payload under its kind's key, unknown keys kept), migration of older
//! versions when read, and stable pretty JSON when written.

use super::schema::{self, Kind, SCHEMA_VERSION};
use super::{StorageError, draft, envelope, journal, typing};
use crate::domain::model::rules;
use crate::domain::model::{Record, Unknown};
use serde::Serialize;
use serde::de::{DeserializeOwned, DeserializeSeed};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

pub(crate) enum Decode {
    Bad(String),
    TooNew(u64),
}

impl Decode {
    pub(crate) fn at(self, path: &Path, backups: &Path) -> StorageError {
        match self {
            Decode::Bad(problem) => StorageError::Unreadable {
                path: path.to_path_buf(),
                problem,
                backups: backups.to_path_buf(),
            },
            Decode::TooNew(found) => StorageError::TooNew {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
                program: env!("CARGO_PKG_VERSION"),
                needed: schema::release_for(found)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("newer than {}", env!("CARGO_PKG_VERSION"))),
            },
        }
    }
}

/// The whole record as one document, for moving between machines.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Bundle {
    /// Set in a JSON export of one section (`export --section plan --format json`), absent
    /// from the whole record: `import` takes only a whole record, since importing replaces
    /// every part and a partial one would empty the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    only: Option<String>,
    profile: crate::domain::model::Profile,
    checklist: crate::domain::model::Checklist,
    meetings: crate::domain::model::MeetingRecord,
    plans: Vec<crate::domain::model::Plan>,
    /// Absent from bundles written before agreements existed.
    #[serde(default)]
    agreements: crate::domain::model::AgreementRecord,
    #[serde(default)]
    questionnaires: crate::domain::model::QuestionnaireRecord,
    /// Absent from bundles written before the development log existed.
    #[serde(default)]
    devlog: crate::domain::model::DevLog,
    /// Absent from bundles written before the reflective log existed.
    #[serde(default)]
    reflect: crate::domain::model::ReflectLog,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    extra: crate::domain::model::Unknown,
}

impl Bundle {
    /// The record the bundle holds, checked against the rules every stored record keeps.
    fn into_record(self) -> Result<Record, String> {
        let mut plans = BTreeMap::new();
        for plan in self.plans {
            if plans.insert(plan.window, plan).is_some() {
                return Err("it holds two plans for the same window".into());
            }
        }
        let record = Record {
            profile: self.profile,
            checklist: self.checklist,
            meetings: self.meetings,
            plans,
            agreements: self.agreements,
            questionnaires: self.questionnaires,
            devlog: self.devlog,
            reflect: self.reflect,
        };
        let broken = rules::record(&record);
        if broken.is_empty() {
            Ok(record)
        } else {
            let list: Vec<String> = broken.iter().map(ToString::to_string).collect();
            Err(list.join("; "))
        }
    }
}

/// The whole record as one versioned JSON document (`export --section all
/// --include-confidential --format json`).
pub fn encode_record(record: &Record) -> Vec<u8> {
    encode_bundle(record, None)
}

/// The part of a record one section's JSON export holds (the rest empty), marked as partial
/// with the section's name so that `import` refuses it.
pub fn encode_section(part: &Record, section: &str) -> Vec<u8> {
    encode_bundle(part, Some(section.to_string()))
}

fn encode_bundle(record: &Record, only: Option<String>) -> Vec<u8> {
    let bundle = Bundle {
        only,
        extra: Unknown::default(),
        profile: record.profile.clone(),
        checklist: record.checklist.clone(),
        meetings: record.meetings.clone(),
        plans: record.plans.values().cloned().collect(),
        agreements: record.agreements.clone(),
        questionnaires: record.questionnaires.clone(),
        devlog: record.devlog.clone(),
        reflect: record.reflect.clone(),
    };
    encode(Kind::Bundle, &bundle)
}

/// A member's submission to the coordinator (`mentorplan submit`): the shape of a section's JSON
/// export, marked `"only": "submission"`, with the submission's own keys (window, time, totals)
/// beside the payload under `beside`.
pub fn encode_submission(part: &Record, beside: &Unknown) -> Vec<u8> {
    let bundle = Bundle {
        only: Some("submission".into()),
        profile: part.profile.clone(),
        checklist: part.checklist.clone(),
        plans: part.plans.values().cloned().collect(),
        ..Bundle::default()
    };
    encode_with(Kind::Bundle, &bundle, beside)
}

/// A file as the coordinator's side reads it: its schema version, the record part it holds,
/// which section (`only`) and the keys beside the payload. An older version is reported, not
/// migrated: a submission is always written in the current one.
pub(crate) struct SectionFile {
    pub version: u64,
    pub only: Option<String>,
    pub record: Record,
    pub beside: Unknown,
}

pub(crate) fn decode_section_file(bytes: &[u8]) -> Result<SectionFile, Decode> {
    let d = decode_file::<Bundle>(bytes, Kind::Bundle)?;
    let version = if d.current {
        SCHEMA_VERSION
    } else {
        #[derive(serde::Deserialize)]
        struct Version {
            schema_version: u64,
        }
        serde_json::from_slice::<Version>(bytes)
            .map(|v| v.schema_version)
            .unwrap_or(SCHEMA_VERSION)
    };
    let only = d.data.only.clone();
    let record = d.data.into_record().map_err(Decode::Bad)?;
    Ok(SectionFile {
        version,
        only,
        record,
        beside: d.extra,
    })
}

/// Reads a file written by `encode_record`, migrating older versions. Errors name `path`.
pub fn read_record_file(path: &Path) -> Result<Record, StorageError> {
    // The user's own file, outside the data directory: a link or a pipe (`<(...)`) is fine.
    let bytes = fs::read(path).map_err(StorageError::io("read", path))?;
    let bundle: Bundle =
        decode(&bytes, Kind::Bundle).map_err(|e| match e.at(path, Path::new("")) {
            StorageError::Unreadable { path, problem, .. } => {
                StorageError::NotARecord { path, problem }
            }
            other => other,
        })?;
    if let Some(section) = bundle.only {
        return Err(StorageError::NotARecord {
            path: path.to_path_buf(),
            problem: format!(
                "it holds only what `mentorplan export --section {section} --format json` exports, and importing replaces the whole record"
            ),
        });
    }
    bundle
        .into_record()
        .map_err(|problem| StorageError::NotARecord {
            path: path.to_path_buf(),
            problem,
        })
}

pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8], kind: Kind) -> Result<T, Decode> {
    decode_full(bytes, kind).map(|(data, _)| data)
}

/// `decode`, with the keys beside the payload that this release does not know.
pub(crate) fn decode_full<T: DeserializeOwned>(
    bytes: &[u8],
    kind: Kind,
) -> Result<(T, Unknown), Decode> {
    decode_file(bytes, kind).map(|d| (d.data, d.extra))
}

/// A data file as decoded.
pub(crate) struct Decoded<T> {
    pub(super) data: T,
    /// The keys beside the payload that this release does not know.
    pub(super) extra: Unknown,
    /// Whether the file was in the current version, written as this program writes it (the
    /// version first); if not, a save rewrites it.
    pub(super) current: bool,
}

/// `decode_full`, saying whether the file is in the current version and shape.
pub(crate) fn decode_file<T: DeserializeOwned>(
    bytes: &[u8],
    kind: Kind,
) -> Result<Decoded<T>, Decode> {
    // serde_json checks UTF-8 as it reads the bytes: no separate pass over the whole file.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Decode::Bad("the file is empty".into()));
    }
    let positioned = |e: serde_json::Error| {
        // Only a file that does not parse is checked as a whole, to say why in plain words.
        if let Err(utf8) = std::str::from_utf8(bytes) {
            return Decode::Bad(format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                utf8.valid_up_to()
            ));
        }
        Decode::Bad(format!(
            "line {}, column {}: {}",
            e.line(),
            e.column(),
            strip_position(&e)
        ))
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = envelope::EnvelopeSeed::<T>::new(kind.key())
        .deserialize(&mut de)
        .and_then(|p| de.end().map(|()| p))
        .map_err(positioned)?;
    let (version, payload, extra) = match parsed {
        envelope::Parsed::Current(data, extra) => {
            return Ok(Decoded {
                data,
                extra,
                current: true,
            });
        }
        envelope::Parsed::Other {
            version,
            payload,
            extra,
        } => (version, payload, extra),
    };
    let version = version.ok_or_else(|| {
        Decode::Bad(
            "there is no \"schema_version\": this is not a mentorplan file, or it was cut short"
                .into(),
        )
    })?;
    if version > SCHEMA_VERSION {
        return Err(Decode::TooNew(version));
    }
    let mut payload =
        payload.ok_or_else(|| Decode::Bad(format!("there is no \"{}\" section", kind.key())))?;
    if version == SCHEMA_VERSION {
        // The payload came before the version (a hand-edited file): read it now.
        return serde_json::from_value(payload)
            .map(|data| Decoded {
                data,
                extra,
                current: false,
            })
            .map_err(|e| Decode::Bad(e.to_string()));
    }
    schema::migrate(kind, &mut payload, version)
        .map_err(|e| Decode::Bad(format!("cannot migrate from schema version {version}: {e}")))?;
    serde_json::from_value(payload)
        .map(|data| Decoded {
            data,
            extra,
            current: false,
        })
        .map_err(|e| {
            Decode::Bad(format!(
                "after migrating from schema version {version}: {e}"
            ))
        })
}

/// Decodes `bytes` as a file of `kind` into that kind's model type: the whole reading path of
/// every data file, for `check`, the property tests and the fuzz targets. Returns where the
/// file holds keys this release does not know (`a/2/b` paths), which it keeps when rewriting.
pub(crate) fn decode_as(bytes: &[u8], kind: Kind) -> Result<Vec<String>, Decode> {
    use crate::domain::model as m;
    fn paths<T: DeserializeOwned + Serialize>(
        bytes: &[u8],
        kind: Kind,
    ) -> Result<Vec<String>, Decode> {
        let (data, extra) = decode_full::<T>(bytes, kind)?;
        let mut out: Vec<String> = extra.0.into_keys().collect();
        out.extend(
            crate::domain::model::unknown::unknown_paths(&data)
                .into_iter()
                .map(|p| format!("{}/{p}", kind.key())),
        );
        Ok(out)
    }
    match kind {
        Kind::Profile => paths::<m::Profile>(bytes, kind),
        Kind::Checklist => paths::<m::Checklist>(bytes, kind),
        Kind::Meetings => paths::<m::MeetingRecord>(bytes, kind),
        Kind::Plan => paths::<m::Plan>(bytes, kind),
        Kind::Bundle => paths::<Bundle>(bytes, kind),
        Kind::Draft => paths::<draft::MeetingDraft>(bytes, kind),
        Kind::Mentees => paths::<crate::store::mentees::Mentees>(bytes, kind),
        Kind::Agreements => paths::<m::AgreementRecord>(bytes, kind),
        Kind::Questionnaires => paths::<m::QuestionnaireRecord>(bytes, kind),
        Kind::DevLog => paths::<m::DevLog>(bytes, kind),
        Kind::Reflect => paths::<m::ReflectLog>(bytes, kind),
        Kind::Journal => paths::<journal::Journal>(bytes, kind),
        Kind::Typing => paths::<typing::Journal>(bytes, kind),
    }
}

/// `decode_as` for the fuzz targets (`fuzz/`), with the message a user would read. Not part of
/// the program's interface.
#[doc(hidden)]
pub fn fuzz_decode(bytes: &[u8], kind: Kind) -> Result<(), String> {
    decode_as(bytes, kind).map(drop).map_err(|e| match e {
        Decode::Bad(problem) => problem,
        Decode::TooNew(version) => format!("schema version {version} is too new"),
    })
}

/// serde_json appends " at line L column C" to its messages; we say it first instead.
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Pretty JSON with a stable key order (struct order, sorted maps) and a final newline, so that
/// a data directory kept in git gives readable diffs.
pub fn encode<T: Serialize>(kind: Kind, data: &T) -> Vec<u8> {
    encode_with(kind, data, &Unknown::default())
}

/// `encode`, writing back beside the payload the keys this release did not know.
pub(crate) fn encode_with<T: Serialize>(kind: Kind, data: &T, extra: &Unknown) -> Vec<u8> {
    /// `schema_version` first, then the payload under its kind's key, then unknown keys.
    struct Envelope<'a, T>(Kind, &'a T, &'a Unknown);
    impl<T: Serialize> Serialize for Envelope<'_, T> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(2 + self.2.0.len()))?;
            map.serialize_entry("schema_version", &SCHEMA_VERSION)?;
            map.serialize_entry(self.0.key(), self.1)?;
            for (k, v) in &self.2.0 {
                if k != "schema_version" && k != self.0.key() {
                    map.serialize_entry(k, v)?;
                }
            }
            map.end()
        }
    }
    let mut bytes =
        serde_json::to_vec_pretty(&Envelope(kind, data, extra)).expect("model serialises");
    bytes.push(b'\n');
    bytes
}

pub(super) fn encode_empty(rel: &str) -> Vec<u8> {
    match rel {
        super::PROFILE_FILE => encode(Kind::Profile, &crate::domain::model::Profile::default()),
        super::CHECKLIST_FILE => {
            encode(Kind::Checklist, &crate::domain::model::Checklist::default())
        }
        super::MEETINGS_FILE => encode(
            Kind::Meetings,
            &crate::domain::model::MeetingRecord::default(),
        ),
        super::AGREEMENTS_FILE => encode(
            Kind::Agreements,
            &crate::domain::model::AgreementRecord::default(),
        ),
        super::QUESTIONNAIRES_FILE => encode(
            Kind::Questionnaires,
            &crate::domain::model::QuestionnaireRecord::default(),
        ),
        super::DEVLOG_FILE => encode(Kind::DevLog, &crate::domain::model::DevLog::default()),
        super::REFLECT_FILE => encode(Kind::Reflect, &crate::domain::model::ReflectLog::default()),
        _ => Vec::new(),
    }
}
