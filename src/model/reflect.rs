//! The mentor's reflective practice log toward a mentoring award (an action-research award such
//! as SEDA-PDF's): cycles, each with its question and focus, and dated entries at the stages plan,
//! act, observe and reflect, each with the evidence it draws on and the framework tags (catalogue
//! descriptor ids) it evidences. Kept in the mentor's own data directory (`reflect.json`); it holds
//! only what the mentor writes here, never text from a mentee's record.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;

/// A stage of a cycle of action research, in the order a cycle goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReflectStage {
    Plan,
    Act,
    Observe,
    Reflect,
}

impl ReflectStage {
    pub const ALL: [ReflectStage; 4] = [
        ReflectStage::Plan,
        ReflectStage::Act,
        ReflectStage::Observe,
        ReflectStage::Reflect,
    ];

    /// The stored (and command-line) name.
    pub fn id(self) -> &'static str {
        match self {
            ReflectStage::Plan => "plan",
            ReflectStage::Act => "act",
            ReflectStage::Observe => "observe",
            ReflectStage::Reflect => "reflect",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Mentoring an entry points at without exposing it: the meetings with one mentee (by the
/// directory id of the mentor's list) over a period, shown as their count and hours only.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ActivityRef {
    pub mentee: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One dated entry of a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReflectEntry {
    /// Stable identity, so that edits from two processes address the same entry.
    pub id: Uuid,
    pub date: NaiveDate,
    pub stage: ReflectStage,
    /// What the mentor writes at this stage.
    #[serde(default)]
    pub text: String,
    /// What the entry draws on: notes, links or file paths, one per item, in the order given.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Catalogue descriptor ids (`award.frameworks[].descriptors[].id`).
    #[serde(default)]
    pub tags: BTreeSet<String>,
    /// Mentoring it draws on, counted when shown (never copied from the mentee's record).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity: Vec<ActivityRef>,
    /// Kept out of the portfolio unless the mentor asks for it (`--include-confidential`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confidential: bool,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::model::Unknown,
}

impl ReflectEntry {
    pub fn new(date: NaiveDate, stage: ReflectStage) -> ReflectEntry {
        ReflectEntry {
            id: Uuid::new_v4(),
            date,
            stage,
            text: String::new(),
            evidence: Vec::new(),
            tags: BTreeSet::new(),
            activity: Vec::new(),
            confidential: false,
            extra: Default::default(),
        }
    }
}

/// A cycle of action research.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cycle {
    pub id: Uuid,
    /// The question or aim the cycle investigates.
    pub question: String,
    /// What it looks at, in more words (optional).
    #[serde(default)]
    pub focus: String,
    pub started: NaiveDate,
    /// In date order (entries of one day in the order they were written).
    #[serde(default)]
    pub entries: Vec<ReflectEntry>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::model::Unknown,
}

impl Cycle {
    pub fn new(question: impl Into<String>, started: NaiveDate) -> Cycle {
        Cycle {
            id: Uuid::new_v4(),
            question: question.into(),
            focus: String::new(),
            started,
            entries: Vec::new(),
            extra: Default::default(),
        }
    }

    pub fn entry(&self, id: Uuid) -> Option<&ReflectEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Puts `entry` after every entry on or before its date.
    pub fn insert_in_order(&mut self, entry: ReflectEntry) {
        super::insert_by_date(&mut self.entries, entry, |e| e.date);
    }

    /// The entries at `stage`, in date order.
    pub fn at_stage(&self, stage: ReflectStage) -> impl Iterator<Item = &ReflectEntry> {
        self.entries.iter().filter(move |e| e.stage == stage)
    }
}

/// The log: cycles in the order they were started.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReflectLog {
    pub cycles: Vec<Cycle>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::model::Unknown,
}

impl ReflectLog {
    pub fn cycle(&self, id: Uuid) -> Option<&Cycle> {
        self.cycles.iter().find(|c| c.id == id)
    }

    pub fn cycle_mut(&mut self, id: Uuid) -> Option<&mut Cycle> {
        self.cycles.iter_mut().find(|c| c.id == id)
    }

    /// The cycle holding entry `id`, with the entry.
    pub fn find_entry(&self, id: Uuid) -> Option<(&Cycle, &ReflectEntry)> {
        self.cycles.iter().find_map(|c| c.entry(id).map(|e| (c, e)))
    }

    /// Cycles in the order they were started (a cycle started the same day after the other).
    pub fn in_order(&self) -> Vec<&Cycle> {
        let mut v: Vec<&Cycle> = self.cycles.iter().collect();
        v.sort_by_key(|c| c.started);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn entries_are_kept_in_date_order_and_unknown_keys_survive() {
        let mut c = Cycle::new("How do I listen?", d("2026-09-01"));
        for (date, stage) in [
            ("2026-10-02", ReflectStage::Act),
            ("2026-09-05", ReflectStage::Plan),
            ("2026-10-02", ReflectStage::Observe),
        ] {
            c.insert_in_order(ReflectEntry::new(d(date), stage));
        }
        let stages: Vec<_> = c.entries.iter().map(|e| e.stage).collect();
        assert_eq!(
            stages,
            [ReflectStage::Plan, ReflectStage::Act, ReflectStage::Observe]
        );
        let json = r#"{"cycles":[{"id":"00000000-0000-0000-0000-000000000001","question":"q",
            "started":"2026-09-01","colour":"red","entries":[{"id":"00000000-0000-0000-0000-000000000002",
            "date":"2026-09-02","stage":"reflect","mood":3}]}],"owner":"x"}"#;
        let log: ReflectLog = serde_json::from_str(json).unwrap();
        let back = serde_json::to_value(&log).unwrap();
        assert_eq!(back["owner"], "x");
        assert_eq!(back["cycles"][0]["colour"], "red");
        assert_eq!(back["cycles"][0]["entries"][0]["mood"], 3);
        assert!(
            back["cycles"][0]["entries"][0]
                .get("confidential")
                .is_none()
        );
    }
}
