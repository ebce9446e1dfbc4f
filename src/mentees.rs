//! The mentor's side: a mentor keeps a separate record for each mentee (meetings, actions,
//! agreement) apart from their own plan. Each mentee's record is a complete data directory of
//! its own under `mentees/<id>/`, so every storage guarantee and every command applies to it
//! unchanged; `mentees.json` lists them. The scheme caps a mentor at four mentees.

use crate::catalog::Catalog;
use crate::model::Unknown;
use crate::storage::schema::Kind;
use crate::storage::{StorageError, Store, backup, decode_full, encode_with, files, read_if_there};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const MENTEES_FILE: &str = "mentees.json";
pub const MENTEES_DIR: &str = "mentees";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentee {
    /// Directory name under `mentees/`, derived from the name at creation and never changed.
    pub id: String,
    pub name: String,
    pub started: NaiveDate,
    #[serde(default)]
    pub ended: Option<NaiveDate>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::model::Unknown,
}

impl Mentee {
    pub fn is_active(&self) -> bool {
        self.ended.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mentees {
    pub mentees: Vec<Mentee>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::model::Unknown,
}

#[derive(Debug, thiserror::Error)]
pub enum MenteeError {
    #[error(
        "you already have {active} active mentees, the most the scheme allows: \"{rule}\" End a mentoring relationship first (`mentorplan mentee end NAME`)."
    )]
    Cap { active: usize, rule: String },
    #[error("there is already a mentee called {0:?}")]
    Exists(String),
    #[error("a mentee needs a name")]
    EmptyName,
    #[error("there is no mentee matching {given:?}; your mentees are: {known}")]
    Unknown { given: String, known: String },
    #[error("{given:?} matches several mentees ({matches}); give more of the name")]
    Ambiguous { given: String, matches: String },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// A directory name from a person's name (`slug` transliterates: Siobhán → siobhan), made
/// unique with a number if needed.
fn slug(name: &str, taken: &[Mentee]) -> String {
    let base = slug::slugify(name);
    let base = if base.is_empty() {
        "mentee".to_string()
    } else {
        base
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.iter().any(|m| m.id == candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

impl Store {
    pub(crate) fn mentees_path(&self) -> PathBuf {
        self.dir().join(MENTEES_FILE)
    }

    pub fn load_mentees(&self) -> Result<Mentees, StorageError> {
        self.load_mentees_full().map(|(list, _)| list)
    }

    /// The list, with the keys beside it that this release does not know.
    fn load_mentees_full(&self) -> Result<(Mentees, Unknown), StorageError> {
        let path = self.mentees_path();
        match read_if_there(&path)? {
            Some(bytes) => {
                let (list, beside): (Mentees, Unknown) = decode_full(&bytes, Kind::Mentees)
                    .map_err(|e| e.at(&path, &self.backups_dir()))?;
                // Each id becomes a directory under mentees/: never a path elsewhere.
                for m in &list.mentees {
                    crate::model::rules::directory_name(&m.name, &m.id).map_err(|e| {
                        StorageError::Unreadable {
                            path: path.clone(),
                            problem: e.to_string(),
                            backups: self.backups_dir(),
                        }
                    })?;
                }
                Ok((list, beside))
            }
            None => Ok(Default::default()),
        }
    }

    /// The record of one mentee: a data directory of its own.
    pub fn mentee_store(&self, mentee: &Mentee) -> Store {
        self.nested(&Path::new(MENTEES_DIR).join(&mentee.id))
    }

    /// Adds a mentee, refusing one beyond the scheme's cap or a duplicate name.
    pub fn add_mentee(
        &self,
        catalog: &Catalog,
        name: &str,
        today: NaiveDate,
    ) -> Result<Mentee, MenteeError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(MenteeError::EmptyName);
        }
        self.update_mentees(|list| {
            if list
                .mentees
                .iter()
                .any(|m| m.name.eq_ignore_ascii_case(name) && m.is_active())
            {
                return Err(MenteeError::Exists(name.to_string()));
            }
            let active = list.mentees.iter().filter(|m| m.is_active()).count();
            if active >= catalog.max_mentees_per_mentor as usize {
                return Err(MenteeError::Cap {
                    active,
                    rule: catalog.mentee_cap_rule.clone(),
                });
            }
            let mentee = Mentee {
                id: slug(name, &list.mentees),
                name: name.to_string(),
                started: today,
                ended: None,
                extra: Default::default(),
            };
            list.mentees.push(mentee.clone());
            Ok(mentee)
        })
    }

    /// Ends a mentoring relationship: the record is kept, the mentee no longer counts toward the cap.
    pub fn end_mentee(&self, given: &str, today: NaiveDate) -> Result<Mentee, MenteeError> {
        self.update_mentees(|list| {
            let i = find(&list.mentees, given, true)?;
            list.mentees[i].ended = Some(today);
            Ok(list.mentees[i].clone())
        })
    }

    fn update_mentees<T>(
        &self,
        f: impl FnOnce(&mut Mentees) -> Result<T, MenteeError>,
    ) -> Result<T, MenteeError> {
        let _lock = self.lock_for_writing()?;
        let (mut list, extra) = self.load_mentees_full()?;
        let out = f(&mut list)?;
        let path = self.mentees_path();
        if let Ok(bytes) = files::read(&path) {
            // Best effort: a failed backup must not stop the save itself.
            let _ = backup::keep(&bytes, &self.backups_dir(), MENTEES_FILE, Utc::now());
        }
        files::write_atomic(
            &path,
            &encode_with(Kind::Mentees, &list, &extra),
            files::FILE_MODE,
        )
        .map_err(StorageError::io("write", &path))?;
        Ok(out)
    }

    /// The evidence of practice for the award portfolio: each mentee (current and past) under
    /// the mentor's label, with the counts of their whole record (every year). A record that
    /// cannot be read is reported as such and the others still count.
    pub fn practice_evidence(
        &self,
        catalog: &Catalog,
        today: NaiveDate,
    ) -> Result<Vec<crate::reflect::evidence::MenteeEvidence>, StorageError> {
        let list = self.load_mentees()?;
        Ok(list
            .mentees
            .iter()
            .map(|m| {
                let record = self
                    .mentee_store(m)
                    .load_scope(crate::storage::Scope::All)
                    .ok();
                crate::reflect::evidence::MenteeEvidence::of(
                    &m.id,
                    &m.name,
                    m.started,
                    m.ended,
                    record.as_ref(),
                    catalog,
                    today,
                )
            })
            .collect())
    }
}

/// Finds a mentee by a case-insensitive prefix of the name, with or without accents
/// ("zoe" finds Zoë), or of the id.
pub fn find(list: &[Mentee], given: &str, active_only: bool) -> Result<usize, MenteeError> {
    let g = given.trim().to_lowercase();
    let g_slug = slug::slugify(&g);
    let candidates: Vec<usize> = list
        .iter()
        .enumerate()
        .filter(|(_, m)| !active_only || m.is_active())
        .filter(|(_, m)| {
            m.id == g
                || m.name.to_lowercase().starts_with(&g)
                || (!g_slug.is_empty() && m.id.starts_with(&g_slug))
        })
        .map(|(i, _)| i)
        .collect();
    let names = |ix: &mut dyn Iterator<Item = &Mentee>| {
        ix.map(|m| m.name.clone()).collect::<Vec<_>>().join(", ")
    };
    match candidates.as_slice() {
        [one] => Ok(*one),
        [] => Err(MenteeError::Unknown {
            given: given.to_string(),
            known: if list.is_empty() {
                "none yet (`mentorplan mentee add NAME`)".into()
            } else {
                names(&mut list.iter())
            },
        }),
        many => Err(MenteeError::Ambiguous {
            given: given.to_string(),
            matches: names(&mut many.iter().map(|i| &list[*i])),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_fifth_mentee_is_refused_quoting_the_rule_and_ending_one_frees_a_place() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("d"));
        let c = Catalog::ceres();
        for name in ["Siobhán Ní Bhriain", "Zoë Adams", "李华", "Sam Patel"] {
            store.add_mentee(&c, name, day()).unwrap();
        }
        let err = store
            .add_mentee(&c, "Fifth Person", day())
            .unwrap_err()
            .to_string();
        assert!(err.contains("maximum of four mentees"), "{err}");
        store.end_mentee("zoë", day()).unwrap();
        store.add_mentee(&c, "Fifth Person", day()).unwrap();
        let ids: Vec<_> = store
            .load_mentees()
            .unwrap()
            .mentees
            .into_iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(
            ids,
            [
                "siobhan-ni-bhriain",
                "zoe-adams",
                "li-hua",
                "sam-patel",
                "fifth-person"
            ]
        );
    }

    #[test]
    fn names_are_found_by_prefix_and_ambiguity_is_explained() {
        let list = vec![
            Mentee {
                id: "sam-a".into(),
                name: "Sam A".into(),
                started: day(),
                ended: None,
                extra: Default::default(),
            },
            Mentee {
                id: "sam-b".into(),
                name: "Sam B".into(),
                started: day(),
                ended: None,
                extra: Default::default(),
            },
        ];
        assert_eq!(find(&list, "sam b", true).unwrap(), 1);
        assert_eq!(find(&list, "SAM-B", true).unwrap(), 1);
        assert!(
            find(&list, "sam", true)
                .unwrap_err()
                .to_string()
                .contains("Sam A, Sam B")
        );
        assert!(
            find(&list, "x", true)
                .unwrap_err()
                .to_string()
                .contains("your mentees are: Sam A, Sam B")
        );
    }
}
