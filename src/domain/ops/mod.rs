//! The operations that change a record. The command line and the TUI both express every change
//! as an `Op`, so there is one place that validates and applies it, and so that a change made in
//! memory can be replayed on top of what another process has written meanwhile. Every op sets a
//! value rather than toggling one, so replaying it twice gives the same result.

use crate::domain::calendar::PlanWindow;
use crate::domain::catalog::Catalog;
use crate::domain::model::plan::AboutYou;
use crate::domain::model::rules;
use crate::domain::model::{Action, ActionStatus, Level, Meeting, Plan, Profile, SessionAnswer};
use crate::domain::model::{Agreement, AgreementStatus, Questionnaire};
use chrono::NaiveDate;
use uuid::Uuid;

/// Serialisable so that changes not yet saved can wait in the typing journal.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    SetProfile(Profile),
    SetLevel {
        area: String,
        level: Option<Level>,
    },
    SetTick {
        item: String,
        ticked: bool,
    },
    SetSpecify {
        area: String,
        text: String,
    },
    AddAction(Action),
    UpdateAction(Action),
    SetActionStatus {
        id: Uuid,
        status: ActionStatus,
    },
    DeleteAction(Uuid),
    /// Moves an action to a position in the list (clamped to the end).
    MoveAction {
        id: Uuid,
        to: usize,
    },
    AddMeeting(Meeting),
    UpdateMeeting(Meeting),
    DeleteMeeting(Uuid),
    /// Appends text to the last meeting on `date`, or starts one with id `new_id`.
    AppendNote {
        date: NaiveDate,
        text: String,
        new_id: Uuid,
    },
    /// Ends a live meeting: sets its length and puts the notes typed live before any that
    /// arrived meanwhile from `mentorplan note` in another shell. Creates the meeting if the
    /// start never reached the disk.
    CompleteMeeting {
        id: Uuid,
        date: NaiveDate,
        minutes: u32,
        notes: String,
    },
    /// Adds a whole plan (the next year's, started from this one). Adding the same plan
    /// again is harmless; a different plan for an existing window is refused.
    AddPlan(Plan),
    CreatePlan {
        window: PlanWindow,
    },
    SetAbout {
        window: PlanWindow,
        about: AboutYou,
    },
    SetSession {
        window: PlanWindow,
        session: String,
        answer: SessionAnswer,
    },
    SetSection {
        window: PlanWindow,
        section: String,
        text: String,
    },
    /// Adds a mentoring agreement (a replay of one already added changes nothing).
    AddAgreement(Agreement),
    /// Sets every field of an agreement to the given values.
    UpdateAgreement(Agreement),
    /// Ends an agreement on `end_date` (`AgreementStatus::Ended`) or makes it active again.
    SetAgreementStatus {
        id: Uuid,
        status: AgreementStatus,
        end_date: Option<NaiveDate>,
    },
    /// Deletes an agreement; questionnaires tied to it are kept, about mentoring in general.
    DeleteAgreement(Uuid),
    AddQuestionnaire(Questionnaire),
    UpdateQuestionnaire(Questionnaire),
    DeleteQuestionnaire(Uuid),
    /// Logs professional development (kept in date order; a replay adds nothing).
    AddDevEntry(crate::domain::model::DevEntry),
    UpdateDevEntry(crate::domain::model::DevEntry),
    DeleteDevEntry(Uuid),
    /// Starts a cycle of the reflective log (a replay adds nothing).
    AddCycle(crate::domain::model::Cycle),
    /// Sets a cycle's question, focus and start (not its entries).
    UpdateCycle(crate::domain::model::Cycle),
    /// Adds an entry to a cycle, in date order (a replay adds nothing).
    AddReflectEntry {
        cycle: Uuid,
        entry: crate::domain::model::ReflectEntry,
    },
    UpdateReflectEntry {
        cycle: Uuid,
        entry: crate::domain::model::ReflectEntry,
    },
    DeleteReflectEntry(Uuid),
}

/// The parts of a record that are stored apart (one file each, the plans one per window), so
/// that a save serialises and writes only those an operation changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Profile,
    Checklist,
    Meetings,
    Plans,
    Agreements,
    Questionnaires,
    DevLog,
    Reflect,
}

impl Op {
    /// Every part `apply` may change. A save writes only these: a part missing here would
    /// not be saved, which the test `each_op_changes_only_the_parts_it_names` guards.
    pub fn parts(&self) -> &'static [Part] {
        use Op::*;
        match self {
            SetProfile(_) => &[Part::Profile],
            SetLevel { .. } | SetTick { .. } | SetSpecify { .. } => &[Part::Checklist],
            AddAction(_)
            | UpdateAction(_)
            | SetActionStatus { .. }
            | DeleteAction(_)
            | MoveAction { .. }
            | AddMeeting(_)
            | UpdateMeeting(_)
            | DeleteMeeting(_)
            | AppendNote { .. }
            | CompleteMeeting { .. } => &[Part::Meetings],
            AddPlan(_)
            | CreatePlan { .. }
            | SetAbout { .. }
            | SetSession { .. }
            | SetSection { .. } => &[Part::Plans],
            AddAgreement(_) | UpdateAgreement(_) | SetAgreementStatus { .. } => &[Part::Agreements],
            // Questionnaires tied to the agreement are untied from it.
            DeleteAgreement(_) => &[Part::Agreements, Part::Questionnaires],
            AddQuestionnaire(_) | UpdateQuestionnaire(_) | DeleteQuestionnaire(_) => {
                &[Part::Questionnaires]
            }
            AddDevEntry(_) | UpdateDevEntry(_) | DeleteDevEntry(_) => &[Part::DevLog],
            AddCycle(_)
            | UpdateCycle(_)
            | AddReflectEntry { .. }
            | UpdateReflectEntry { .. }
            | DeleteReflectEntry(_) => &[Part::Reflect],
        }
    }

    /// What the change is to, for people ("plan 2026-28 › Key targets"): the question that
    /// offers back changes a killed interface had not saved names them with this.
    pub fn describe(&self, catalog: &Catalog) -> String {
        use Op::*;
        let in_plan = |window: &PlanWindow, what: Option<&str>| match what {
            Some(w) => format!("plan {window} › {w}"),
            None => format!("plan {window}"),
        };
        match self {
            SetProfile(_) => "your profile".into(),
            SetLevel { .. } | SetTick { .. } | SetSpecify { .. } => "the checklist".into(),
            AddAction(_)
            | UpdateAction(_)
            | SetActionStatus { .. }
            | DeleteAction(_)
            | MoveAction { .. } => "actions".into(),
            AddMeeting(_)
            | UpdateMeeting(_)
            | DeleteMeeting(_)
            | AppendNote { .. }
            | CompleteMeeting { .. } => "meetings".into(),
            AddPlan(p) => in_plan(&p.window, None),
            CreatePlan { window } => in_plan(window, None),
            SetAbout { window, .. } => in_plan(window, Some(&catalog.labels.about_you)),
            SetSession {
                window, session, ..
            } => {
                let label = catalog
                    .plan
                    .grids
                    .iter()
                    .flat_map(|g| &g.entries)
                    .find(|e| &e.id == session)
                    .map_or(session.as_str(), |e| e.label.as_str());
                in_plan(window, Some(label))
            }
            SetSection {
                window, section, ..
            } => {
                let title = catalog
                    .plan
                    .sections
                    .iter()
                    .find(|s| &s.id == section)
                    .map_or(section.as_str(), |s| s.title.as_str());
                in_plan(window, Some(title))
            }
            AddAgreement(_)
            | UpdateAgreement(_)
            | SetAgreementStatus { .. }
            | DeleteAgreement(_) => "agreements".into(),
            AddQuestionnaire(_) | UpdateQuestionnaire(_) | DeleteQuestionnaire(_) => {
                "questionnaires".into()
            }
            AddDevEntry(_) | UpdateDevEntry(_) | DeleteDevEntry(_) => "the development log".into(),
            AddCycle(_)
            | UpdateCycle(_)
            | AddReflectEntry { .. }
            | UpdateReflectEntry { .. }
            | DeleteReflectEntry(_) => "the reflective log".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    #[error("there is no checklist area {0:?} in the catalogue")]
    UnknownArea(String),
    #[error("there is no checklist item {0:?} in the catalogue")]
    UnknownItem(String),
    #[error("the area {0:?} takes no free text")]
    NoSpecify(String),
    #[error("there is no workshop or session {0:?} in the catalogue")]
    UnknownSession(String),
    #[error("there is no plan section {0:?} in the catalogue")]
    UnknownSection(String),
    #[error("that action no longer exists (it may have been deleted in another window)")]
    NoSuchAction,
    #[error("that meeting no longer exists (it may have been deleted in another window)")]
    NoSuchMeeting,
    #[error("an action needs an activity")]
    EmptyActivity,
    #[error("there is already a plan for {0}")]
    PlanExists(PlanWindow),
    #[error(
        "the {window} plan is kept as history now that the {latest} plan exists; edit the {latest} plan instead"
    )]
    PlanIsHistory {
        window: PlanWindow,
        latest: PlanWindow,
    },
    #[error("that agreement no longer exists (it may have been deleted in another window)")]
    NoSuchAgreement,
    #[error("that questionnaire no longer exists (it may have been deleted in another window)")]
    NoSuchQuestionnaire,
    #[error("a questionnaire needs at least one rating or some text")]
    EmptyQuestionnaire,
    #[error("a development entry needs a title")]
    EmptyTitle,
    #[error("there is no development provider {0:?} in the catalogue")]
    UnknownProvider(String),
    #[error("there is no development tag {0:?} in the catalogue")]
    UnknownTag(String),
    #[error("there is no Concordat principle {0:?} in the catalogue")]
    UnknownPrinciple(String),
    #[error("that development entry no longer exists (it may have been removed in another window)")]
    NoSuchDevEntry,
    #[error("a cycle of action research needs its question")]
    EmptyQuestion,
    #[error("an entry of the reflective log needs some text")]
    EmptyReflection,
    #[error("the period {from} to {to} ends before it starts: give --from on or before --to")]
    BackwardPeriod { from: NaiveDate, to: NaiveDate },
    #[error("there is no framework tag {tag:?} in the catalogue: use one of {accepted}")]
    UnknownAwardTag { tag: String, accepted: String },
    #[error("that cycle no longer exists (it may have been removed in another window)")]
    NoSuchCycle,
    #[error(
        "that entry of the reflective log no longer exists (it may have been removed in another window)"
    )]
    NoSuchReflectEntry,
    #[error(transparent)]
    Invalid(#[from] rules::Invalid),
}

mod apply;
mod devlog;
mod reflect;
#[cfg(test)]
mod tests;
