//! How each operation changes a record: the one place every change is validated and made.

use super::{Op, OpError};
use crate::domain::calendar::PlanWindow;
use crate::domain::catalog::Catalog;
use crate::domain::model::rules;
use crate::domain::model::{Action, Meeting, Plan, Record};
use crate::domain::model::{Agreement, AgreementStatus, Questionnaire};
use chrono::{DateTime, Utc};
use uuid::Uuid;

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
            Op::AddDevEntry(e) => super::devlog::add(r, catalog, e)?,
            Op::UpdateDevEntry(e) => super::devlog::update(r, catalog, e)?,
            Op::DeleteDevEntry(id) => super::devlog::delete(r, *id),
            Op::AddCycle(c) => super::reflect::add_cycle(r, c)?,
            Op::UpdateCycle(c) => super::reflect::update_cycle(r, c)?,
            Op::AddReflectEntry { cycle, entry } => {
                super::reflect::put_entry(r, catalog, *cycle, entry, false)?
            }
            Op::UpdateReflectEntry { cycle, entry } => {
                super::reflect::put_entry(r, catalog, *cycle, entry, true)?
            }
            Op::DeleteReflectEntry(id) => super::reflect::delete_entry(r, *id),
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
