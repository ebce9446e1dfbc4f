//! Meetings and development entries are kept one file per academic year. The latest year that
//! has any (the present) lives in `meetings.json` (beside the actions) and `devlog.json`; each
//! earlier year in `meetings/<YYYY-YY>.json` and `devlog/<YYYY-YY>.json`. Start-up, a `note`, a
//! meeting and a save then read and write this year's files only, however long the history
//! grows, and a data directory kept in git gets diffs of one year.
//!
//! The layout follows the data, not the clock: "the present" is the year of the latest meeting
//! (or entry), so that what is on disk never depends on the day it is read, and a meeting logged
//! for a past year goes to that year's file. Reading takes the union of every file it reads, so
//! a hand-edited or misplaced item is never lost; the next save puts it where it belongs.

use crate::domain::calendar::{AcademicYear, PlanWindow};
use crate::domain::model::{Action, DevEntry, DevLog, Meeting, MeetingRecord, Record, Unknown};
use crate::domain::ops::{Op, Part};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uuid::Uuid;

use super::schema::Kind;
use super::{DEVLOG_FILE, MEETINGS_FILE};

/// Which years a read takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every year.
    All,
    /// The present files, and the year files of this academic year and later: what a screen or
    /// a command about "this year" needs.
    Since(AcademicYear),
}

impl Scope {
    /// The present files only (`meetings.json`, `devlog.json`): what an operation on this
    /// year's items needs.
    pub const PRESENT: Scope = Scope::Since(AcademicYear(i32::MAX));

    pub(crate) fn takes(self, year: AcademicYear) -> bool {
        match self {
            Scope::All => true,
            Scope::Since(from) => year >= from,
        }
    }

    /// Whether the read takes the plan of `window`: those that reach into the year before the
    /// first one taken (the previous plan, which a plan is compared with and started from) or
    /// later. Earlier plans are history, read with every year.
    pub(crate) fn takes_plan(self, window: PlanWindow) -> bool {
        match self {
            Scope::All => true,
            Scope::Since(from) => window.0.saturating_add(2) >= from.0,
        }
    }

    /// The wider of two scopes.
    pub fn max(self, other: Scope) -> Scope {
        match (self, other) {
            (Scope::Since(a), Scope::Since(b)) => Scope::Since(a.min(b)),
            _ => Scope::All,
        }
    }
}

/// One of the two parts of the record kept by year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Series {
    Meetings,
    DevLog,
}

impl Series {
    pub(crate) const ALL: [Series; 2] = [Series::Meetings, Series::DevLog];

    /// The file of the present year (and, for meetings, of the actions).
    pub(crate) fn present_file(self) -> &'static str {
        match self {
            Series::Meetings => MEETINGS_FILE,
            Series::DevLog => DEVLOG_FILE,
        }
    }

    /// The directory of the earlier years' files.
    pub(crate) fn dir(self) -> &'static str {
        match self {
            Series::Meetings => super::MEETINGS_YEARS_DIR,
            Series::DevLog => super::DEVLOG_YEARS_DIR,
        }
    }

    pub(crate) fn part(self) -> Part {
        match self {
            Series::Meetings => Part::Meetings,
            Series::DevLog => Part::DevLog,
        }
    }

    pub(crate) fn kind(self) -> Kind {
        match self {
            Series::Meetings => Kind::Meetings,
            Series::DevLog => Kind::DevLog,
        }
    }

    /// `meetings/2019-20.json`.
    pub(crate) fn year_rel(self, year: AcademicYear) -> String {
        format!("{}/{year}.json", self.dir())
    }

    /// The series a data file (path relative to the data directory) is part of, with the
    /// year of a year file (`None`: the present file).
    pub(crate) fn of(rel: &str) -> Option<(Series, Option<AcademicYear>)> {
        Series::ALL.into_iter().find_map(|s| {
            if rel == s.present_file() {
                return Some((s, None));
            }
            let stem = rel
                .strip_prefix(s.dir())?
                .strip_prefix('/')?
                .strip_suffix(".json")?;
            AcademicYear::parse(stem).map(|y| (s, Some(y)))
        })
    }
}

/// An item kept by year.
pub(crate) trait Dated: Clone + PartialEq {
    fn id(&self) -> Uuid;
    /// The date that places it in an academic year; `None`: always in the present file.
    fn date(&self) -> Option<NaiveDate>;
}

impl Dated for Meeting {
    fn id(&self) -> Uuid {
        self.id
    }
    fn date(&self) -> Option<NaiveDate> {
        Some(self.date)
    }
}

impl Dated for DevEntry {
    fn id(&self) -> Uuid {
        self.id
    }
    fn date(&self) -> Option<NaiveDate> {
        Some(self.date)
    }
}

/// An action is kept with the meetings of the year it was agreed in (its meeting date); one
/// without a meeting date stays in the present file.
impl Dated for Action {
    fn id(&self) -> Uuid {
        self.id
    }
    fn date(&self) -> Option<NaiveDate> {
        self.meeting_date
    }
}

/// A part of the record kept by year: its items (and, for the meetings, the actions, kept by
/// year beside them), and the keys of its object this release does not know.
pub(crate) trait YearPart: Default {
    type Item: Dated;
    fn items(&self) -> &Vec<Self::Item>;
    fn items_mut(&mut self) -> &mut Vec<Self::Item>;
    fn extra_mut(&mut self) -> &mut Unknown;
    fn actions(&self) -> &[Action];
    fn actions_mut(&mut self) -> Option<&mut Vec<Action>>;
}

impl YearPart for MeetingRecord {
    type Item = Meeting;
    fn items(&self) -> &Vec<Meeting> {
        &self.meetings
    }
    fn items_mut(&mut self) -> &mut Vec<Meeting> {
        &mut self.meetings
    }
    fn extra_mut(&mut self) -> &mut Unknown {
        &mut self.extra
    }
    fn actions(&self) -> &[Action] {
        &self.actions
    }
    fn actions_mut(&mut self) -> Option<&mut Vec<Action>> {
        Some(&mut self.actions)
    }
}

impl YearPart for DevLog {
    type Item = DevEntry;
    fn items(&self) -> &Vec<DevEntry> {
        &self.entries
    }
    fn items_mut(&mut self) -> &mut Vec<DevEntry> {
        &mut self.entries
    }
    fn extra_mut(&mut self) -> &mut Unknown {
        &mut self.extra
    }
    fn actions(&self) -> &[Action] {
        &[]
    }
    fn actions_mut(&mut self) -> Option<&mut Vec<Action>> {
        None
    }
}

/// How academic years are counted for the layout: the month they start in (the catalogue's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Years {
    pub start_month: u32,
}

impl Default for Years {
    fn default() -> Years {
        Years { start_month: 9 }
    }
}

impl Years {
    pub(crate) fn year(self, date: NaiveDate) -> AcademicYear {
        AcademicYear::starting_in(date, self.start_month)
    }

    fn year_of<T: Dated>(self, item: &T) -> Option<AcademicYear> {
        item.date().map(|d| self.year(d))
    }

    /// The latest year of the items.
    fn latest<T: Dated>(self, items: &[T]) -> Option<AcademicYear> {
        items.iter().filter_map(|i| self.year_of(i)).max()
    }

    /// The present year of a part: that of its latest item or action.
    pub(crate) fn present<P: YearPart>(self, part: &P) -> Option<AcademicYear> {
        self.latest(part.items()).max(self.latest(part.actions()))
    }

    /// The year file an item belongs in given the present year (`None`: the present file).
    pub(crate) fn file_of<T: Dated>(
        self,
        present: Option<AcademicYear>,
        item: &T,
    ) -> Option<AcademicYear> {
        self.year_of(item).filter(|y| Some(*y) < present)
    }

    /// The year files a part needs.
    pub(crate) fn years_needed<P: YearPart>(self, part: &P) -> BTreeSet<AcademicYear> {
        let present = self.present(part);
        let items = part.items().iter().filter_map(|i| self.file_of(present, i));
        let actions = part
            .actions()
            .iter()
            .filter_map(|a| self.file_of(present, a));
        items.chain(actions).collect()
    }

    /// Orders items by the file they are stored in (earlier years first, the present file
    /// last), keeping their order within a file: so that the record read back equals the
    /// record written, and the actions of the present file keep the order the member gave them.
    fn group<T: Dated>(self, items: &mut [T], present: Option<AcademicYear>) {
        let key = |i: &T| self.file_of(present, i).map_or(i32::MAX, |y| y.0);
        if !items.is_sorted_by_key(key) {
            items.sort_by_key(key);
        }
    }

    /// A part's items and actions, grouped.
    pub(crate) fn group_part<P: YearPart>(self, part: &mut P) {
        let present = self.present(part);
        self.group(part.items_mut(), present);
        if let Some(actions) = part.actions_mut() {
            self.group(actions, present);
        }
    }

    /// Both parts of a record kept by year, grouped.
    pub(crate) fn group_record(self, record: &mut Record) {
        self.group_part(&mut record.meetings);
        self.group_part(&mut record.devlog);
    }
}

/// Each file's items and actions of a part, worked out once for a save, where looking each
/// file's up in the whole part would cost every item once per file.
pub(crate) struct Split<'r, T> {
    files: BTreeMap<Option<AcademicYear>, (Vec<&'r T>, Vec<&'r Action>)>,
}

/// What the file of a year (`None`: the present file) holds of a part.
pub(crate) type FileItems<'s, 'r, T> = (&'s [&'r T], &'s [&'r Action]);

impl<'r, T: Dated> Split<'r, T> {
    pub(crate) fn of<P: YearPart<Item = T>>(part: &'r P, layout: Years) -> Split<'r, T> {
        let present = layout.present(part);
        let mut files: BTreeMap<Option<AcademicYear>, (Vec<&T>, Vec<&Action>)> = BTreeMap::new();
        for item in part.items() {
            files
                .entry(layout.file_of(present, item))
                .or_default()
                .0
                .push(item);
        }
        for action in part.actions() {
            files
                .entry(layout.file_of(present, action))
                .or_default()
                .1
                .push(action);
        }
        Split { files }
    }

    pub(crate) fn file(&self, year: Option<AcademicYear>) -> FileItems<'_, 'r, T> {
        match self.files.get(&year) {
            Some((items, actions)) => (items, actions),
            None => (&[], &[]),
        }
    }

    /// The earlier years that have a file.
    pub(crate) fn years(&self) -> impl Iterator<Item = AcademicYear> + '_ {
        self.files.keys().filter_map(|year| *year)
    }
}

/// Both parts of a record kept by year, split by file.
pub(crate) struct Splits<'r> {
    pub meetings: Split<'r, Meeting>,
    pub devlog: Split<'r, DevEntry>,
}

impl<'r> Splits<'r> {
    pub(crate) fn of(record: &'r Record, layout: Years) -> Splits<'r> {
        Splits {
            meetings: Split::of(&record.meetings, layout),
            devlog: Split::of(&record.devlog, layout),
        }
    }
}

/// The years an operation needs loaded to be applied as it would be to the whole record: the
/// year of the item it adds or appends to, the plan it edits (and the later ones, which make it
/// history), or every year for one that names an existing item by id alone (it may be in any
/// year, or be moved between years by a changed date).
pub(crate) fn scope_of(op: &Op, layout: Years) -> Scope {
    match op {
        Op::AddMeeting(m) => Scope::Since(layout.year(m.date)),
        Op::AppendNote { date, .. } | Op::CompleteMeeting { date, .. } => {
            Scope::Since(layout.year(*date))
        }
        Op::AddDevEntry(e) => Scope::Since(layout.year(e.date)),
        Op::CreatePlan { window }
        | Op::SetAbout { window, .. }
        | Op::SetSession { window, .. }
        | Op::SetSection { window, .. } => Scope::Since(AcademicYear(window.0)),
        Op::AddPlan(plan) => Scope::Since(AcademicYear(plan.window.0)),
        Op::AddAction(a) => a
            .meeting_date
            .map_or(Scope::PRESENT, |d| Scope::Since(layout.year(d))),
        Op::UpdateMeeting(_)
        | Op::DeleteMeeting(_)
        | Op::UpdateDevEntry(_)
        | Op::DeleteDevEntry(_)
        | Op::UpdateAction(_)
        | Op::SetActionStatus { .. }
        | Op::DeleteAction(_)
        | Op::MoveAction { .. } => Scope::All,
        _ => Scope::PRESENT,
    }
}

/// Drops the later of two items with the same id (a file edited by hand, or copied): the
/// present file is read first, so its copy is kept.
pub(crate) fn dedupe<T: Dated>(items: &mut Vec<T>) {
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.retain(|i| seen.insert(i.id()));
}

/// Makes `to`'s items equal `from`'s, moving rather than cloning each item that is already
/// equal: how the last save's snapshot follows what was written, at the cost of what changed.
pub(crate) fn sync_items<T: Dated>(from: &[T], to: &mut Vec<T>) {
    let mut old: HashMap<Uuid, T> = std::mem::take(to)
        .into_iter()
        .map(|i| (i.id(), i))
        .collect();
    to.reserve(from.len());
    for item in from {
        match old.remove(&item.id()) {
            Some(kept) if kept == *item => to.push(kept),
            _ => to.push(item.clone()),
        }
    }
}

/// The shape of a meetings file, borrowed from the record rather than copied into one.
#[derive(Serialize)]
pub(crate) struct MeetingsOut<'a> {
    pub actions: &'a [&'a Action],
    pub meetings: &'a [&'a Meeting],
    #[serde(flatten)]
    pub extra: &'a Unknown,
}

/// The shape of a development-log file, borrowed.
#[derive(Serialize)]
pub(crate) struct DevLogOut<'a> {
    pub entries: &'a [&'a DevEntry],
    #[serde(flatten)]
    pub extra: &'a Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(date: &str) -> Meeting {
        Meeting::new(date.parse().unwrap(), 60)
    }

    #[test]
    fn the_present_is_the_latest_year_and_earlier_years_have_their_files() {
        let y = Years::default();
        let mut old = Action::new("agreed long ago");
        old.meeting_date = Some("2018-10-01".parse().unwrap());
        let undated = Action::new("no meeting date");
        let part = MeetingRecord {
            meetings: vec![
                meeting("2019-10-01"),
                meeting("2020-08-31"),
                meeting("2025-09-01"),
                meeting("2026-01-10"),
            ],
            actions: vec![undated, old],
            ..Default::default()
        };
        assert_eq!(y.present(&part), Some(AcademicYear(2025)));
        let needed: Vec<String> = y
            .years_needed(&part)
            .into_iter()
            .map(|yr| Series::Meetings.year_rel(yr))
            .collect();
        assert_eq!(needed, ["meetings/2018-19.json", "meetings/2019-20.json"]);
        let split = Split::of(&part, y);
        assert_eq!(split.file(None).0.len(), 2);
        assert_eq!(split.file(Some(AcademicYear(2019))).0.len(), 2);
        // An action without a meeting date stays in the present file, one agreed in 2018 goes.
        assert_eq!(split.file(None).1[0].activity, "no meeting date");
        assert_eq!(split.file(Some(AcademicYear(2018))).1.len(), 1);
        assert_eq!(
            split.years().collect::<Vec<_>>(),
            [AcademicYear(2018), AcademicYear(2019)]
        );
    }

    #[test]
    fn file_names_read_back_to_their_series_and_year() {
        assert_eq!(
            Series::of("meetings/2019-20.json"),
            Some((Series::Meetings, Some(AcademicYear(2019))))
        );
        assert_eq!(
            Series::of("devlog/1999-00.json"),
            Some((Series::DevLog, Some(AcademicYear(1999))))
        );
        assert_eq!(Series::of("devlog.json"), Some((Series::DevLog, None)));
        assert_eq!(Series::of("meetings/2019-21.json"), None);
        assert_eq!(Series::of("meetings/notes.json"), None);
        assert_eq!(Series::of("plans/2025-27.json"), None);
    }

    #[test]
    fn grouping_keeps_the_order_within_a_year() {
        let y = Years::default();
        let mut items = vec![
            meeting("2026-01-10"),
            meeting("2019-10-01"),
            meeting("2025-10-01"),
        ];
        let ids: Vec<Uuid> = items.iter().map(|m| m.id).collect();
        y.group(&mut items, Some(AcademicYear(2026)));
        let after: Vec<Uuid> = items.iter().map(|m| m.id).collect();
        assert_eq!(after, [ids[1], ids[0], ids[2]]);
    }

    #[test]
    fn syncing_keeps_equal_items_and_takes_changed_ones() {
        let a = meeting("2026-01-10");
        let mut b = meeting("2026-01-11");
        let from = vec![a.clone(), b.clone()];
        b.notes = "old".into();
        let mut to = vec![b, meeting("2026-02-01")];
        sync_items(&from, &mut to);
        assert_eq!(to, from);
    }
}
