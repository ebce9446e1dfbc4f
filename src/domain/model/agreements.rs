//! Mentoring agreements: the proforma a mentor and mentee fill in before a relationship starts
//! (CLES "One Step Beyond"): how often and how long they meet, where, how they keep in touch
//! between meetings, for how long, when they review it and how they will wind it down. A member
//! may have several mentors, so several agreements; each is confidential like Section 3.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgreementStatus {
    #[default]
    Active,
    Ended,
}

/// One mentoring relationship as agreed on the proforma.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// Stable identity: questionnaires refer to it, and two processes address the same one.
    pub id: Uuid,
    pub mentor: String,
    #[serde(default)]
    pub start: Option<NaiveDate>,
    /// How often the pair meets, in their words ("every two months").
    #[serde(default)]
    pub frequency: String,
    /// The agreed length of a meeting, in minutes.
    #[serde(default)]
    pub length_minutes: Option<u32>,
    #[serde(default)]
    pub venue: String,
    /// The level and means of contact between meetings.
    #[serde(default)]
    pub contact: String,
    /// The agreed duration of the relationship, in their words ("12 months").
    #[serde(default)]
    pub duration: String,
    /// When both review the relationship and decide whether to continue.
    #[serde(default)]
    pub review: Option<NaiveDate>,
    /// How the partnership will be wound down once it has achieved its purpose.
    #[serde(default)]
    pub wind_down: String,
    #[serde(default)]
    pub status: AgreementStatus,
    /// When it ended; set with the status `ended`.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl Agreement {
    pub fn new(mentor: impl Into<String>) -> Agreement {
        Agreement {
            id: Uuid::new_v4(),
            mentor: mentor.into(),
            start: None,
            frequency: String::new(),
            length_minutes: None,
            venue: String::new(),
            contact: String::new(),
            duration: String::new(),
            review: None,
            wind_down: String::new(),
            status: AgreementStatus::Active,
            end_date: None,
            extra: Default::default(),
        }
    }

    pub fn is_active(&self) -> bool {
        self.status == AgreementStatus::Active
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgreementRecord {
    /// In the order they were made: agreement 1, 2, ... in `mentorplan agreement list`.
    pub agreements: Vec<Agreement>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl AgreementRecord {
    pub fn get(&self, id: Uuid) -> Option<&Agreement> {
        self.agreements.iter().find(|a| a.id == id)
    }

    /// The 1-based number `agreement list` shows for it.
    pub fn number(&self, id: Uuid) -> Option<usize> {
        self.agreements
            .iter()
            .position(|a| a.id == id)
            .map(|i| i + 1)
    }
}
