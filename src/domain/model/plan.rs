//! Section 4, the Two-Year Research Plan: About You, the workshop grids (Yes/No with an intended
//! month) and the free-text sections. One plan per two-year window.

use super::profile::{Fte, Profile};
use crate::domain::calendar::PlanWindow;
use crate::domain::dates::YearMonth;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AboutYou {
    pub name: String,
    pub position: String,
    pub fte: Option<Fte>,
    pub mentor: String,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl AboutYou {
    pub fn from_profile(p: &Profile) -> AboutYou {
        AboutYou {
            name: p.name.clone(),
            position: p.position.clone(),
            fte: p.fte,
            mentor: p.mentors.join(", "),
            extra: Default::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attend {
    Yes,
    No,
}

/// One row of a workshop grid. The form lets a month stand without a tick (the example plans
/// "The Building Blocks of Impact" for 06/22 with neither box ticked), so the two are separate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attend: Option<Attend>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<YearMonth>,
}

impl SessionAnswer {
    pub fn is_empty(&self) -> bool {
        self.attend.is_none() && self.month.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub window: PlanWindow,
    #[serde(default)]
    pub about: AboutYou,
    #[serde(default)]
    /// Workshop or session id (unique across grids) -> answer; unanswered rows are absent.
    pub sessions: BTreeMap<String, SessionAnswer>,
    #[serde(default)]
    /// Section id -> text; empty sections are absent.
    pub sections: BTreeMap<String, String>,
    #[serde(default)]
    /// When the plan was last changed (UTC), so that the yearly update can be tracked.
    pub updated: Option<chrono::DateTime<chrono::Utc>>,
    /// The catalogue's label of every session and section answered, as it was when answered,
    /// so that an answer keeps its words if a later catalogue renames or drops the entry.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl Plan {
    pub fn new(window: PlanWindow, about: AboutYou) -> Plan {
        Plan {
            window,
            about,
            sessions: BTreeMap::new(),
            sections: BTreeMap::new(),
            updated: None,
            labels: BTreeMap::new(),
            extra: Default::default(),
        }
    }

    pub fn session(&self, id: &str) -> SessionAnswer {
        self.sessions.get(id).copied().unwrap_or_default()
    }

    pub fn section(&self, id: &str) -> &str {
        self.sections.get(id).map(String::as_str).unwrap_or("")
    }
}
