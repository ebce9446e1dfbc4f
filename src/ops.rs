//! The operations that change a record. The command line and the TUI both express every change
//! as an `Op`, so there is one place that validates and applies it, and so that a change made in
//! memory can be replayed on top of what another process has written meanwhile. Every op sets a
//! value rather than toggling one, so replaying it twice gives the same result.

use crate::calendar::PlanWindow;
use crate::catalog::Catalog;
use crate::model::plan::AboutYou;
use crate::model::rules;
use crate::model::{Action, ActionStatus, Level, Meeting, Plan, Profile, Record, SessionAnswer};
use crate::model::{Agreement, AgreementStatus, Questionnaire};
use chrono::{DateTime, NaiveDate, Utc};
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
    AddDevEntry(crate::model::DevEntry),
    UpdateDevEntry(crate::model::DevEntry),
    DeleteDevEntry(Uuid),
    /// Starts a cycle of the reflective log (a replay adds nothing).
    AddCycle(crate::model::Cycle),
    /// Sets a cycle's question, focus and start (not its entries).
    UpdateCycle(crate::model::Cycle),
    /// Adds an entry to a cycle, in date order (a replay adds nothing).
    AddReflectEntry {
        cycle: Uuid,
        entry: crate::model::ReflectEntry,
    },
    UpdateReflectEntry {
        cycle: Uuid,
        entry: crate::model::ReflectEntry,
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

impl Op {
    /// Applies the op. `now` stamps plan changes so that the yearly update can be tracked.
    pub fn apply(
        &self,
        r: &mut Record,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<(), OpError> {
        match self {
            Op::SetProfile(p) => r.profile = p.clone(),
            Op::SetLevel { area, level } => {
                let a = catalog
                    .area(area)
                    .ok_or_else(|| OpError::UnknownArea(area.clone()))?;
                r.checklist.labels.insert(a.id.clone(), a.label.clone());
                r.checklist.areas.entry(area.clone()).or_default().level = *level;
                r.checklist.tidy();
            }
            Op::SetTick { item, ticked } => {
                let area = catalog
                    .area_of_item(item)
                    .ok_or_else(|| OpError::UnknownItem(item.clone()))?;
                let labels = &mut r.checklist.labels;
                labels.insert(area.id.clone(), area.label.clone());
                if let Some(entry) = area.items.iter().find(|i| &i.id == item) {
                    labels.insert(entry.id.clone(), entry.label.clone());
                }
                let answer = r.checklist.areas.entry(area.id.clone()).or_default();
                if *ticked {
                    answer.ticked.insert(item.clone());
                } else {
                    answer.ticked.remove(item);
                }
                r.checklist.tidy();
            }
            Op::SetSpecify { area, text } => {
                let a = catalog
                    .area(area)
                    .ok_or_else(|| OpError::UnknownArea(area.clone()))?;
                if a.specify.is_none() {
                    return Err(OpError::NoSpecify(area.clone()));
                }
                r.checklist.labels.insert(a.id.clone(), a.label.clone());
                let answer = r.checklist.areas.entry(area.clone()).or_default();
                answer.specify = text.clone();
                // An area whose one item is "please specify" (Other): the text is the answer,
                // so writing it ticks the box and clearing it unticks it.
                if let [only] = a.items.as_slice() {
                    if text.trim().is_empty() {
                        answer.ticked.remove(&only.id);
                    } else {
                        answer.ticked.insert(only.id.clone());
                        r.checklist
                            .labels
                            .insert(only.id.clone(), only.label.clone());
                    }
                }
                r.checklist.tidy();
            }
            Op::AddAction(a) => {
                if a.activity.trim().is_empty() {
                    return Err(OpError::EmptyActivity);
                }
                // Replaying an add that already landed must not duplicate it.
                if r.meetings.action(a.id).is_none() {
                    r.meetings.actions.push(a.clone());
                }
            }
            Op::UpdateAction(a) => {
                if a.activity.trim().is_empty() {
                    return Err(OpError::EmptyActivity);
                }
                *action_mut(r, a.id)? = a.clone();
            }
            Op::SetActionStatus { id, status } => action_mut(r, *id)?.status = *status,
            Op::DeleteAction(id) => r.meetings.actions.retain(|a| a.id != *id),
            Op::MoveAction { id, to } => {
                let from = r
                    .meetings
                    .actions
                    .iter()
                    .position(|a| a.id == *id)
                    .ok_or(OpError::NoSuchAction)?;
                let a = r.meetings.actions.remove(from);
                let to = (*to).min(r.meetings.actions.len());
                r.meetings.actions.insert(to, a);
            }
            Op::AddMeeting(m) => {
                rules::meeting(m)?;
                if !r.meetings.meetings.iter().any(|x| x.id == m.id) {
                    r.meetings.meetings.push(m.clone());
                }
            }
            Op::UpdateMeeting(m) => {
                rules::meeting(m)?;
                *meeting_mut(r, m.id)? = m.clone();
            }
            Op::DeleteMeeting(id) => r.meetings.meetings.retain(|m| m.id != *id),
            Op::AppendNote { date, text, new_id } => {
                let existing = r
                    .meetings
                    .meetings
                    .iter_mut()
                    .rfind(|m| m.date == *date || m.id == *new_id);
                match existing {
                    Some(m) => {
                        if !m.notes.is_empty() && !m.notes.ends_with('\n') {
                            m.notes.push('\n');
                        }
                        m.notes.push_str(text);
                    }
                    None => {
                        let mut m = Meeting::new(*date, 0);
                        m.id = *new_id;
                        m.notes = text.clone();
                        r.meetings.meetings.push(m);
                    }
                }
            }
            Op::CompleteMeeting {
                id,
                date,
                minutes,
                notes,
            } => {
                rules::meeting(&Meeting::new(*date, *minutes))?;
                match r.meetings.meetings.iter_mut().find(|m| m.id == *id) {
                    Some(m) => {
                        m.minutes = *minutes;
                        // Replaying must not prepend twice.
                        if !m.notes.starts_with(notes.as_str()) {
                            m.notes = match (notes.is_empty(), m.notes.is_empty()) {
                                (_, true) => notes.clone(),
                                (true, false) => m.notes.clone(),
                                (false, false) => format!("{notes}\n{}", m.notes),
                            };
                        }
                    }
                    None => {
                        let mut m = Meeting::new(*date, *minutes);
                        m.id = *id;
                        m.notes = notes.clone();
                        r.meetings.meetings.push(m);
                    }
                }
            }
            Op::CreatePlan { window } => {
                r.plan_or_new(*window).updated.get_or_insert(now);
            }
            Op::AddPlan(plan) => match r.plans.get(&plan.window) {
                Some(existing) if existing == plan => {}
                Some(_) => return Err(OpError::PlanExists(plan.window)),
                None => {
                    r.plans.insert(plan.window, plan.clone());
                }
            },
            Op::SetAbout { window, about } => {
                let plan = editable_plan(r, *window)?;
                plan.about = about.clone();
                plan.updated = Some(now);
            }
            Op::SetSession {
                window,
                session,
                answer,
            } => {
                let entry = catalog
                    .plan
                    .grids
                    .iter()
                    .flat_map(|g| &g.entries)
                    .find(|e| &e.id == session)
                    .ok_or_else(|| OpError::UnknownSession(session.clone()))?;
                let plan = editable_plan(r, *window)?;
                plan.labels.insert(entry.id.clone(), entry.label.clone());
                if answer.is_empty() {
                    plan.sessions.remove(session);
                } else {
                    plan.sessions.insert(session.clone(), *answer);
                }
                plan.updated = Some(now);
            }
            Op::SetSection {
                window,
                section,
                text,
            } => {
                let title = &catalog
                    .section(section)
                    .ok_or_else(|| OpError::UnknownSection(section.clone()))?
                    .title;
                let plan = editable_plan(r, *window)?;
                plan.labels.insert(section.clone(), title.clone());
                if text.is_empty() {
                    plan.sections.remove(section);
                } else {
                    plan.sections.insert(section.clone(), text.clone());
                }
                plan.updated = Some(now);
            }
            Op::AddAgreement(a) => {
                rules::agreement(a)?;
                if r.agreements.get(a.id).is_none() {
                    r.agreements.agreements.push(a.clone());
                }
            }
            Op::UpdateAgreement(a) => {
                rules::agreement(a)?;
                *agreement_mut(r, a.id)? = a.clone();
            }
            Op::SetAgreementStatus {
                id,
                status,
                end_date,
            } => {
                let a = agreement_mut(r, *id)?;
                let mut changed = a.clone();
                changed.status = *status;
                changed.end_date = match status {
                    AgreementStatus::Ended => *end_date,
                    AgreementStatus::Active => None,
                };
                rules::agreement(&changed)?;
                *a = changed;
            }
            Op::DeleteAgreement(id) => {
                r.agreements.agreements.retain(|a| a.id != *id);
                for q in &mut r.questionnaires.questionnaires {
                    if q.agreement == Some(*id) {
                        q.agreement = None;
                    }
                }
            }
            Op::AddQuestionnaire(q) => {
                check_questionnaire(r, catalog, q)?;
                if r.questionnaires.get(q.id).is_none() {
                    r.questionnaires.questionnaires.push(q.clone());
                }
            }
            Op::UpdateQuestionnaire(q) => {
                check_questionnaire(r, catalog, q)?;
                let slot = r
                    .questionnaires
                    .questionnaires
                    .iter_mut()
                    .find(|x| x.id == q.id)
                    .ok_or(OpError::NoSuchQuestionnaire)?;
                *slot = q.clone();
            }
            Op::DeleteQuestionnaire(id) => r.questionnaires.questionnaires.retain(|q| q.id != *id),
            Op::AddDevEntry(e) => crate::devlog::add(r, catalog, e)?,
            Op::UpdateDevEntry(e) => crate::devlog::update(r, catalog, e)?,
            Op::DeleteDevEntry(id) => crate::devlog::delete(r, *id),
            Op::AddCycle(c) => crate::reflect::add_cycle(r, c)?,
            Op::UpdateCycle(c) => crate::reflect::update_cycle(r, c)?,
            Op::AddReflectEntry { cycle, entry } => {
                crate::reflect::add_entry(r, catalog, *cycle, entry)?
            }
            Op::UpdateReflectEntry { cycle, entry } => {
                crate::reflect::update_entry(r, catalog, *cycle, entry)?
            }
            Op::DeleteReflectEntry(id) => crate::reflect::delete_entry(r, *id),
        }
        Ok(())
    }
}

/// The plan for `window`, created if needed, unless a later plan exists: earlier plans are
/// kept as they were submitted, as history.
fn editable_plan(r: &mut Record, window: PlanWindow) -> Result<&mut Plan, OpError> {
    if let Some(latest) = r.plans.keys().next_back().filter(|w| **w > window) {
        return Err(OpError::PlanIsHistory {
            window,
            latest: *latest,
        });
    }
    Ok(r.plan_or_new(window))
}

/// Rated areas must be in the catalogue and a tied agreement must exist.
fn check_questionnaire(r: &Record, catalog: &Catalog, q: &Questionnaire) -> Result<(), OpError> {
    if q.is_empty() {
        return Err(OpError::EmptyQuestionnaire);
    }
    if let Some(area) = q.ratings.keys().find(|a| catalog.area(a).is_none()) {
        return Err(OpError::UnknownArea(area.clone()));
    }
    Ok(rules::questionnaire(r, q)?)
}

fn agreement_mut(r: &mut Record, id: Uuid) -> Result<&mut Agreement, OpError> {
    r.agreements
        .agreements
        .iter_mut()
        .find(|a| a.id == id)
        .ok_or(OpError::NoSuchAgreement)
}

fn action_mut(r: &mut Record, id: Uuid) -> Result<&mut Action, OpError> {
    r.meetings
        .actions
        .iter_mut()
        .find(|a| a.id == id)
        .ok_or(OpError::NoSuchAction)
}

fn meeting_mut(r: &mut Record, id: Uuid) -> Result<&mut Meeting, OpError> {
    r.meetings
        .meetings
        .iter_mut()
        .find(|m| m.id == id)
        .ok_or(OpError::NoSuchMeeting)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The parts in which `a` and `b` differ.
    fn differing(a: &Record, b: &Record) -> Vec<Part> {
        [
            (Part::Profile, a.profile != b.profile),
            (Part::Checklist, a.checklist != b.checklist),
            (Part::Meetings, a.meetings != b.meetings),
            (Part::Plans, a.plans != b.plans),
            (Part::Agreements, a.agreements != b.agreements),
            (Part::Questionnaires, a.questionnaires != b.questionnaires),
            (Part::DevLog, a.devlog != b.devlog),
            (Part::Reflect, a.reflect != b.reflect),
        ]
        .into_iter()
        .filter_map(|(p, differs)| differs.then_some(p))
        .collect()
    }

    #[test]
    fn each_op_changes_only_the_parts_it_names() {
        use crate::model::{Agreement, Questionnaire, Stage};
        let c = Catalog::ceres();
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jane-smith");
        let mut r = crate::storage::Store::new(fixture).load().unwrap();
        let agreement = Agreement::new("Prof. A");
        let mut q = Questionnaire::new(Stage::Pre, d("2026-01-05"));
        q.agreement = Some(agreement.id);
        q.notes = "Hopes".into();
        for op in [Op::AddAgreement(agreement.clone()), Op::AddQuestionnaire(q)] {
            op.apply(&mut r, &c, now()).unwrap();
        }
        let window = *r.plans.keys().next_back().unwrap();
        let meeting = r.meetings.meetings[0].clone();
        let action = r.meetings.actions[0].clone();
        let entry = r.devlog.entries[0].clone();
        let cycle = crate::model::Cycle::new("How do I listen?", d("2026-01-05"));
        let mut reflection =
            crate::model::ReflectEntry::new(d("2026-01-06"), crate::model::ReflectStage::Plan);
        reflection.text = "Plan".into();
        Op::AddCycle(cycle.clone())
            .apply(&mut r, &c, now())
            .unwrap();
        Op::AddReflectEntry {
            cycle: cycle.id,
            entry: reflection.clone(),
        }
        .apply(&mut r, &c, now())
        .unwrap();
        let mut profile = r.profile.clone();
        profile.name.push('!');
        let ops = [
            Op::SetProfile(profile),
            Op::SetTick {
                item: "journal.writing".into(),
                ticked: true,
            },
            Op::SetActionStatus {
                id: action.id,
                status: ActionStatus::Open,
            },
            Op::DeleteMeeting(meeting.id),
            Op::AppendNote {
                date: d("2026-01-05"),
                text: "x".into(),
                new_id: Uuid::new_v4(),
            },
            Op::CreatePlan {
                window: window.next(),
            },
            Op::SetSection {
                window,
                section: "grants".into(),
                text: "more".into(),
            },
            Op::DeleteAgreement(agreement.id),
            Op::DeleteDevEntry(entry.id),
            Op::AddCycle(crate::model::Cycle::new("Another", d("2026-02-01"))),
            Op::DeleteReflectEntry(reflection.id),
        ];
        for op in ops {
            let mut after = r.clone();
            op.apply(&mut after, &c, now()).unwrap();
            let changed = differing(&r, &after);
            assert!(!changed.is_empty(), "{op:?} changed nothing: a weak test");
            for part in changed {
                assert!(op.parts().contains(&part), "{op:?} changed {part:?}");
            }
        }
    }

    #[test]
    fn ticks_land_in_the_owning_area_and_unknown_ids_are_refused() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        Op::SetTick {
            item: "journal.writing".into(),
            ticked: true,
        }
        .apply(&mut r, &c, now())
        .unwrap();
        assert!(r.checklist.is_ticked("journal", "journal.writing"));
        Op::SetTick {
            item: "journal.writing".into(),
            ticked: false,
        }
        .apply(&mut r, &c, now())
        .unwrap();
        assert!(r.checklist.areas.is_empty(), "empty areas are tidied away");
        let e = Op::SetTick {
            item: "nope".into(),
            ticked: true,
        }
        .apply(&mut r, &c, now());
        assert_eq!(e, Err(OpError::UnknownItem("nope".into())));
    }

    #[test]
    fn specifying_other_ticks_it_and_clearing_unticks_it() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        let set = |text: &str| Op::SetSpecify {
            area: "other".into(),
            text: text.into(),
        };
        set("Writing for practitioners")
            .apply(&mut r, &c, now())
            .unwrap();
        assert!(r.checklist.is_ticked("other", "other.specified"));
        set("  ").apply(&mut r, &c, now()).unwrap();
        assert!(!r.checklist.is_ticked("other", "other.specified"));
    }

    #[test]
    fn replaying_ops_is_idempotent() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        let a = Action::new("Draft the BERA abstract");
        let ops = [
            Op::AddAction(a.clone()),
            Op::AppendNote {
                date: d("2026-11-20"),
                text: "first".into(),
                new_id: Uuid::new_v4(),
            },
        ];
        for op in &ops {
            op.apply(&mut r, &c, now()).unwrap();
        }
        let once = r.clone();
        ops[0].apply(&mut r, &c, now()).unwrap();
        assert_eq!(r, once);
    }

    #[test]
    fn notes_append_to_the_days_meeting() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        for text in ["one", "two"] {
            Op::AppendNote {
                date: d("2026-11-20"),
                text: text.into(),
                new_id: Uuid::new_v4(),
            }
            .apply(&mut r, &c, now())
            .unwrap();
        }
        assert_eq!(r.meetings.meetings.len(), 1);
        assert_eq!(r.meetings.meetings[0].notes, "one\ntwo");
    }

    #[test]
    fn completing_a_live_meeting_keeps_notes_that_arrived_meanwhile() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        let mut m = Meeting::new(d("2026-11-23"), 0);
        let id = m.id;
        m.notes.clear();
        Op::AddMeeting(m).apply(&mut r, &c, now()).unwrap();
        Op::AppendNote {
            date: d("2026-11-23"),
            text: "from a second shell".into(),
            new_id: Uuid::new_v4(),
        }
        .apply(&mut r, &c, now())
        .unwrap();
        let done = Op::CompleteMeeting {
            id,
            date: d("2026-11-23"),
            minutes: 55,
            notes: "typed live".into(),
        };
        done.apply(&mut r, &c, now()).unwrap();
        done.apply(&mut r, &c, now()).unwrap();
        assert_eq!(r.meetings.meetings.len(), 1);
        assert_eq!(r.meetings.meetings[0].minutes, 55);
        assert_eq!(
            r.meetings.meetings[0].notes,
            "typed live\nfrom a second shell"
        );
    }

    #[test]
    fn earlier_plans_are_read_only_history() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        let set = |w: i32| Op::SetSection {
            window: PlanWindow(w),
            section: "grants".into(),
            text: "x".into(),
        };
        set(2025).apply(&mut r, &c, now()).unwrap();
        Op::AddPlan(Plan::new(PlanWindow(2026), Default::default()))
            .apply(&mut r, &c, now())
            .unwrap();
        let err = set(2025).apply(&mut r, &c, now()).unwrap_err();
        assert!(err.to_string().contains("kept as history"), "{err}");
        set(2026).apply(&mut r, &c, now()).unwrap();
        let again = Op::AddPlan(Plan::new(PlanWindow(2026), Default::default()));
        assert_eq!(
            again.apply(&mut r, &c, now()),
            Err(OpError::PlanExists(PlanWindow(2026)))
        );
    }

    #[test]
    fn moving_an_action_reorders_and_clamps() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        let (a, b) = (Action::new("a"), Action::new("b"));
        Op::AddAction(a.clone()).apply(&mut r, &c, now()).unwrap();
        Op::AddAction(b.clone()).apply(&mut r, &c, now()).unwrap();
        Op::MoveAction { id: a.id, to: 99 }
            .apply(&mut r, &c, now())
            .unwrap();
        assert_eq!(r.meetings.actions[1].id, a.id);
        assert_eq!(
            Op::SetActionStatus {
                id: Uuid::nil(),
                status: ActionStatus::Done
            }
            .apply(&mut r, &c, now()),
            Err(OpError::NoSuchAction)
        );
    }

    #[test]
    fn plan_edits_create_the_window_and_stamp_it() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        let w = PlanWindow(2025);
        Op::SetSection {
            window: w,
            section: "grants".into(),
            text: "BA small grant".into(),
        }
        .apply(&mut r, &c, now())
        .unwrap();
        assert_eq!(r.plans[&w].section("grants"), "BA small grant");
        assert_eq!(r.plans[&w].updated, Some(now()));
        assert!(
            Op::SetSection {
                window: w,
                section: "x".into(),
                text: String::new()
            }
            .apply(&mut r, &c, now())
            .is_err()
        );
    }

    #[test]
    fn agreements_are_added_once_edited_ended_and_reopened() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        let mut a = Agreement::new("Joe Hope");
        let add = Op::AddAgreement(a.clone());
        add.apply(&mut r, &c, now()).unwrap();
        add.apply(&mut r, &c, now()).unwrap();
        assert_eq!(
            r.agreements.agreements.len(),
            1,
            "a replayed add lands once"
        );
        a.venue = "Online".into();
        a.review = Some(d("2027-01-15"));
        Op::UpdateAgreement(a.clone())
            .apply(&mut r, &c, now())
            .unwrap();
        assert_eq!(r.agreements.agreements[0], a);
        let end = Op::SetAgreementStatus {
            id: a.id,
            status: AgreementStatus::Ended,
            end_date: Some(d("2027-09-30")),
        };
        end.apply(&mut r, &c, now()).unwrap();
        let once = r.clone();
        end.apply(&mut r, &c, now()).unwrap();
        assert_eq!(r, once);
        assert_eq!(r.agreements.agreements[0].end_date, Some(d("2027-09-30")));
        Op::SetAgreementStatus {
            id: a.id,
            status: AgreementStatus::Active,
            end_date: Some(d("2027-09-30")),
        }
        .apply(&mut r, &c, now())
        .unwrap();
        assert!(r.agreements.agreements[0].is_active());
        assert_eq!(r.agreements.agreements[0].end_date, None);
    }

    #[test]
    fn bad_agreements_are_refused() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        let e = Op::AddAgreement(Agreement::new("  ")).apply(&mut r, &c, now());
        assert_eq!(e, Err(OpError::Invalid(rules::Invalid::EmptyMentor)));
        let e = Op::SetAgreementStatus {
            id: Uuid::nil(),
            status: AgreementStatus::Ended,
            end_date: Some(d("2027-01-01")),
        }
        .apply(&mut r, &c, now());
        assert_eq!(e, Err(OpError::NoSuchAgreement));
        let a = Agreement::new("Joe Hope");
        Op::AddAgreement(a.clone())
            .apply(&mut r, &c, now())
            .unwrap();
        let e = Op::SetAgreementStatus {
            id: a.id,
            status: AgreementStatus::Ended,
            end_date: None,
        }
        .apply(&mut r, &c, now());
        assert!(
            matches!(e, Err(OpError::Invalid(rules::Invalid::NoEndDate { .. }))),
            "{e:?}"
        );
        let mut long = a.clone();
        long.length_minutes = Some(99_999_999);
        let e = Op::UpdateAgreement(long).apply(&mut r, &c, now());
        assert!(
            matches!(
                e,
                Err(OpError::Invalid(rules::Invalid::AgreementLength { .. }))
            ),
            "{e:?}"
        );
        // Meetings obey the same bound whichever op brings them.
        let m = Meeting::new(d("2026-10-01"), 1441);
        for op in [
            Op::AddMeeting(m.clone()),
            Op::CompleteMeeting {
                id: m.id,
                date: m.date,
                minutes: m.minutes,
                notes: String::new(),
            },
        ] {
            let e = op.apply(&mut r, &c, now());
            assert!(matches!(e, Err(OpError::Invalid(_))), "{e:?}");
        }
        assert!(r.meetings.meetings.is_empty());
        assert_eq!(
            Op::UpdateAgreement(Agreement::new("x")).apply(&mut r, &c, now()),
            Err(OpError::NoSuchAgreement)
        );
    }

    #[test]
    fn questionnaires_check_areas_and_agreements_and_replay_once() {
        use crate::model::{Rating, Stage};
        let c = Catalog::ceres();
        let mut r = Record::default();
        let a = Agreement::new("Joe Hope");
        Op::AddAgreement(a.clone())
            .apply(&mut r, &c, now())
            .unwrap();
        let mut q = Questionnaire::new(Stage::Pre, d("2026-10-01"));
        assert_eq!(
            Op::AddQuestionnaire(q.clone()).apply(&mut r, &c, now()),
            Err(OpError::EmptyQuestionnaire)
        );
        q.ratings.insert("nope".into(), Rating::new(2).unwrap());
        assert_eq!(
            Op::AddQuestionnaire(q.clone()).apply(&mut r, &c, now()),
            Err(OpError::UnknownArea("nope".into()))
        );
        q.ratings.clear();
        q.ratings.insert("journal".into(), Rating::new(2).unwrap());
        q.agreement = Some(Uuid::nil());
        assert!(matches!(
            Op::AddQuestionnaire(q.clone()).apply(&mut r, &c, now()),
            Err(OpError::Invalid(rules::Invalid::NoSuchAgreement { .. }))
        ));
        q.agreement = Some(a.id);
        let add = Op::AddQuestionnaire(q.clone());
        add.apply(&mut r, &c, now()).unwrap();
        add.apply(&mut r, &c, now()).unwrap();
        assert_eq!(r.questionnaires.questionnaires, [q.clone()]);
        q.notes = "More confident about journals".into();
        Op::UpdateQuestionnaire(q.clone())
            .apply(&mut r, &c, now())
            .unwrap();
        assert_eq!(r.questionnaires.questionnaires[0].notes, q.notes);
        // Deleting the agreement keeps the questionnaire, about mentoring in general.
        Op::DeleteAgreement(a.id).apply(&mut r, &c, now()).unwrap();
        assert_eq!(r.questionnaires.questionnaires[0].agreement, None);
        let del = Op::DeleteQuestionnaire(q.id);
        del.apply(&mut r, &c, now()).unwrap();
        del.apply(&mut r, &c, now()).unwrap();
        assert!(r.questionnaires.questionnaires.is_empty());
    }
}
