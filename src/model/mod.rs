//! The member's record, in the shape of the framework's sections. Plain data with no I/O and no
//! terminal: storage persists it, operations change it, screens and exports read it.

pub mod agreements;
pub mod checklist;
pub mod devlog;
pub mod impact;
pub mod meetings;
pub mod plan;
pub mod profile;
pub mod reflect;
pub mod rules;
pub mod unknown;

pub use agreements::{Agreement, AgreementRecord, AgreementStatus};
pub use checklist::{AreaAnswer, Checklist, Level};
pub use devlog::{DevEntry, DevLog, TimeSpent};
pub use impact::{Questionnaire, QuestionnaireRecord, Rating, Stage};
pub use meetings::{Action, ActionStatus, Meeting, MeetingRecord};
pub use plan::{AboutYou, Attend, Plan, SessionAnswer};
pub use profile::{Fte, Profile};
pub use reflect::{ActivityRef, Cycle, ReflectEntry, ReflectLog, ReflectStage};
pub use unknown::Unknown;

use crate::calendar::PlanWindow;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Puts `item` after every item dated on or before it: the logs keep date order, and the items
/// of one day the order they were written in.
pub(crate) fn insert_by_date<T>(items: &mut Vec<T>, item: T, date: impl Fn(&T) -> NaiveDate) {
    let at = items
        .iter()
        .position(|x| date(x) > date(&item))
        .unwrap_or(items.len());
    items.insert(at, item);
}

/// Replaces the item `is` finds with `item`, moving it if its date changed; false if there is
/// none.
pub(crate) fn replace_by_date<T>(
    items: &mut Vec<T>,
    item: T,
    is: impl Fn(&T) -> bool,
    date: impl Fn(&T) -> NaiveDate,
) -> bool {
    let Some(at) = items.iter().position(is) else {
        return false;
    };
    if date(&items[at]) == date(&item) {
        items[at] = item;
    } else {
        items.remove(at);
        insert_by_date(items, item, date);
    }
    true
}

/// Everything one member keeps: the sections of the framework, one plan per two-year window.
/// Serialisable so that two versions can be merged field by field (`merge`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Record {
    pub profile: Profile,
    pub checklist: Checklist,
    pub meetings: MeetingRecord,
    pub plans: BTreeMap<PlanWindow, Plan>,
    /// Mentoring agreements (confidential).
    pub agreements: AgreementRecord,
    /// Pre- and post-mentoring impact questionnaires (confidential).
    pub questionnaires: QuestionnaireRecord,
    /// The professional-development log (portfolio of evidence).
    pub devlog: DevLog,
    /// The mentor's reflective practice log toward a mentoring award (`reflect.json`).
    pub reflect: ReflectLog,
}

impl Record {
    /// The free text of the record, as JSON paths (`*`: any key, or any item of a list): text
    /// areas whose lines two processes may both add to, so a merge joins them line by line.
    /// Every other string (a name, a venue, a date, a choice) is one value, which a merge never
    /// joins with another. A new text area is listed here.
    pub const FREE_TEXT: &[&str] = &[
        "meetings/actions/*/outputs",
        "meetings/actions/*/researcher_comments",
        "meetings/actions/*/mentor_comments",
        "meetings/meetings/*/notes",
        "plans/*/sections/*",
        "agreements/agreements/*/contact",
        "agreements/agreements/*/wind_down",
        "questionnaires/questionnaires/*/notes",
        "reflect/cycles/*/focus",
        "reflect/cycles/*/entries/*/text",
    ];

    /// The plan for `window`, made from the profile's About You if there is none yet.
    pub fn plan_or_new(&mut self, window: PlanWindow) -> &mut Plan {
        let about = AboutYou::from_profile(&self.profile);
        self.plans
            .entry(window)
            .or_insert_with(|| Plan::new(window, about))
    }
}
