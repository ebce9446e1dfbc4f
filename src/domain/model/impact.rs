//! Pre- and post-mentoring impact questionnaires (CLES "One Step Beyond"): a 1 to 5 rating of
//! confidence in each checklist area, by the catalogue's area ids, and free text; each dated and
//! optionally tied to the agreement with one mentor. Confidential like Section 3.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Confidence on the questionnaire's scale: 1 (lowest) to 5 (highest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Rating(u8);

impl Rating {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Option<Rating> {
        (Rating::MIN..=Rating::MAX)
            .contains(&value)
            .then_some(Rating(value))
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = u8::deserialize(d)?;
        Rating::new(v).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{v} is not a rating: ratings are {} to {}",
                Rating::MIN,
                Rating::MAX
            ))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Filled in before the relationship commences.
    Pre,
    /// Filled in after it (or at a review).
    Post,
}

impl Stage {
    pub fn id(self) -> &'static str {
        match self {
            Stage::Pre => "pre",
            Stage::Post => "post",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub id: Uuid,
    pub stage: Stage,
    pub date: NaiveDate,
    /// The agreement (mentor) it is about; `None`: mentoring in general.
    #[serde(default)]
    pub agreement: Option<Uuid>,
    /// Area id -> confidence. Areas not rated are absent.
    #[serde(default)]
    pub ratings: BTreeMap<String, Rating>,
    /// The answer to the stage's free-text question.
    #[serde(default)]
    pub notes: String,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl Questionnaire {
    pub fn new(stage: Stage, date: NaiveDate) -> Questionnaire {
        Questionnaire {
            id: Uuid::new_v4(),
            stage,
            date,
            agreement: None,
            ratings: BTreeMap::new(),
            notes: String::new(),
            extra: Default::default(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty() && self.notes.trim().is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionnaireRecord {
    /// In the order they were recorded: questionnaire 1, 2, ... in `questionnaire list`.
    pub questionnaires: Vec<Questionnaire>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl QuestionnaireRecord {
    pub fn get(&self, id: Uuid) -> Option<&Questionnaire> {
        self.questionnaires.iter().find(|q| q.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_one_to_five_in_memory_and_on_disk() {
        assert!(Rating::new(0).is_none() && Rating::new(6).is_none());
        assert_eq!(Rating::new(3).map(Rating::value), Some(3));
        assert_eq!(
            serde_json::to_string(&Rating::new(5).unwrap()).unwrap(),
            "5"
        );
        let e = serde_json::from_str::<Rating>("6").unwrap_err().to_string();
        assert!(e.contains("1 to 5"), "{e}");
        assert!(serde_json::from_str::<Rating>("0").is_err());
    }
}
