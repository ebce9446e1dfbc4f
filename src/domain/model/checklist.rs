//! Section 2, the Mentoring Activity Checklist: per area a level of interest/experience, ticks on
//! items, and free text for "Other". Keyed by catalogue ids so labels can change freely.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Introductory,
    Intermediate,
    Advanced,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Introductory, Level::Intermediate, Level::Advanced];

    pub fn label(self) -> &'static str {
        match self {
            Level::Introductory => "Introductory",
            Level::Intermediate => "Intermediate",
            Level::Advanced => "Advanced",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        let t = text.trim().to_ascii_lowercase();
        Level::ALL
            .into_iter()
            .find(|l| l.label().to_ascii_lowercase().starts_with(&t) && !t.is_empty())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AreaAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub ticked: BTreeSet<String>,
    /// The "please specify" text of areas that have one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub specify: String,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl AreaAnswer {
    pub fn is_empty(&self) -> bool {
        self.level.is_none() && self.ticked.is_empty() && self.specify.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Checklist {
    /// Area id -> answer. Areas the member has not touched are absent.
    pub areas: BTreeMap<String, AreaAnswer>,
    /// The catalogue's label of every area and item answered, as it was when answered, so
    /// that an answer keeps its words if a later catalogue renames or drops the entry.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl Checklist {
    pub fn area(&self, id: &str) -> Option<&AreaAnswer> {
        self.areas.get(id)
    }

    pub fn is_ticked(&self, area: &str, item: &str) -> bool {
        self.areas
            .get(area)
            .is_some_and(|a| a.ticked.contains(item))
    }

    /// Drops empty areas so that the stored file holds only what was answered.
    pub fn tidy(&mut self) {
        self.areas.retain(|_, a| !a.is_empty());
    }
}
