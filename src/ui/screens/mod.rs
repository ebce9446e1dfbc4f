//! The six screens, as declarations for the form engine: each module lists its fields from the
//! record (`fields`) and turns a committed field into effects (`commit`), mostly operations on
//! the record. No screen handles keys or draws widgets itself.

pub mod checklist;
pub mod development;
pub mod export;
pub mod history;
pub mod home;
pub mod home_more;
pub mod meetings;
pub mod mentoring;
pub mod plan;
pub mod profile;
pub mod reflect;

use super::form::{Commit, Field};
pub use super::ids::{FieldId, ScreenId};
use crate::calendar::PlanWindow;
use crate::catalog::Catalog;
use crate::model::{Action, Record};
use crate::ops::Op;
use chrono::NaiveDate;
use std::path::Path;
use uuid::Uuid;

/// Which part of Section 3 is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingsView {
    List,
    /// An action; the copy is what the form shows (a new action lives only here until it has
    /// an activity).
    Action(Action),
    Meeting(Uuid),
}

/// The export screen's choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportChoice {
    pub section: usize,
    pub format: usize,
    pub window: PlanWindow,
    pub confidential: bool,
    pub path: String,
}

/// What a screen needs to declare its fields: read-only views of the app.
pub struct Ctx<'a> {
    pub record: &'a Record,
    pub catalog: &'a Catalog,
    pub today: NaiveDate,
    pub window: PlanWindow,
    pub meetings: &'a MeetingsView,
    pub export: &'a ExportChoice,
    pub data_dir: &'a Path,
    /// The save state in words, for Home.
    pub save_state: &'a str,
    /// The views of the screens added with issue 5.
    pub more: &'a MoreViews,
    /// Whose record it is when not the user's own: the mentee's name, while a mentor has a
    /// mentee's record open. Screens then speak about them, not to "you".
    pub owner: Option<&'a str>,
}

/// Which part of the development log is shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DevView {
    #[default]
    List,
    /// An entry; the copy is what the form shows (a new entry lives only here until it has a
    /// title).
    Entry(crate::model::DevEntry),
}

/// The state of the screens added with issue 5 (development log, plan comparison, mentoring).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MoreViews {
    pub dev: DevView,
    /// The Plan screen shows the comparison with the previous plan instead of the form.
    pub plan_compare: bool,
    /// What starting the next plan carried over, shown on the new plan until leaving it.
    pub plan_report: Option<String>,
    pub mentoring: mentoring::MentoringView,
    /// The mentor's mentees (`mentees.json`); `None` while a mentee's record is open.
    pub mentees: Option<Vec<crate::mentees::Mentee>>,
    /// The evidence of practice beside the reflective log, counted when the log is opened.
    pub award: Vec<crate::reflect::evidence::MenteeEvidence>,
}

/// What a committed field asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Op(Op),
    Window(PlanWindow),
    Export(ExportChoice),
    WriteExport,
    Meetings(MeetingsView),
    /// Start a live meeting now (or show the one running).
    NewMeeting,
    Goto(ScreenId, FieldId),
    Dev(DevView),
    Mentoring(mentoring::MentoringView),
    /// The mentor adds a mentee by name (refused beyond the scheme's cap).
    AddMentee(String),
    /// Open this mentee's record (directory id), or the mentor's own (`None`).
    OpenRecord(Option<String>),
}

pub type Committed = Result<Vec<Effect>, String>;

pub fn fields(screen: ScreenId, ctx: &Ctx) -> Vec<Field> {
    match screen {
        ScreenId::Home => home::fields(ctx),
        ScreenId::Profile => profile::fields(ctx),
        ScreenId::Checklist => checklist::fields(ctx),
        ScreenId::Meetings => meetings::fields(ctx),
        ScreenId::Plan => plan::fields(ctx),
        ScreenId::Export => export::fields(ctx),
        ScreenId::Development => development::fields(ctx),
        ScreenId::Mentoring => mentoring::fields(ctx),
    }
}

pub fn commit(screen: ScreenId, ctx: &Ctx, c: Commit) -> Committed {
    match screen {
        ScreenId::Home => home::commit(ctx, c),
        ScreenId::Profile => profile::commit(ctx, c),
        ScreenId::Checklist => checklist::commit(ctx, c),
        ScreenId::Meetings => meetings::commit(ctx, c),
        ScreenId::Plan => plan::commit(ctx, c),
        ScreenId::Export => export::commit(ctx, c),
        ScreenId::Development => development::commit(ctx, c),
        ScreenId::Mentoring => mentoring::commit(ctx, c),
    }
}

/// The text of a committed text field.
pub(crate) fn text(c: &Commit) -> String {
    match &c.value {
        super::form::Value::Text(t) => t.clone(),
        _ => String::new(),
    }
}

/// The lines of a committed text area as items (evidence: one note, link or path a line),
/// blank lines left out.
pub(crate) fn items(c: &Commit) -> Vec<String> {
    text(c)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Ticks or unticks `tag` in a set of tags.
pub(crate) fn set_tag(tags: &mut std::collections::BTreeSet<String>, tag: &str, on: bool) {
    if on {
        tags.insert(tag.to_string());
    } else {
        tags.remove(tag);
    }
}

/// Every plan window there is, plus the current one, oldest first.
pub fn windows(record: &Record, current: PlanWindow) -> Vec<PlanWindow> {
    let mut v: Vec<PlanWindow> = record.plans.keys().copied().collect();
    if !v.contains(&current) {
        v.push(current);
        v.sort();
    }
    v
}

/// The end of a detail form's commit: the form shows `view`; the item is saved (added, or
/// updated if it `exists`) unless it is `incomplete`, given as (refuse now, why). A new item
/// that is incomplete lives only in the form; one that exists, or the key field left empty,
/// is refused with the reason.
pub(crate) fn keep_or_save(
    view: Effect,
    exists: bool,
    incomplete: Option<(bool, &str)>,
    op: impl FnOnce(bool) -> Op,
) -> Committed {
    match incomplete {
        Some((refuse, why)) if refuse || exists => Err(why.to_string()),
        Some(_) => Ok(vec![view]),
        None => Ok(vec![view, Effect::Op(op(exists))]),
    }
}
