//! The files kept by year through the `Store` API: an interface that loaded this year only
//! saves without reading or writing earlier years, widens to every year without losing a
//! write, and merges another process's write to an earlier year.

use super::{Scope, Store, TryApply};
use crate::domain::calendar::AcademicYear;
use crate::domain::catalog::Catalog;
use crate::domain::model::{Meeting, Record};
use crate::domain::ops::Op;
use chrono::{DateTime, NaiveDate, Utc};
use std::fs;
use std::os::unix::fs::MetadataExt;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn note(date: &str, text: &str) -> Op {
    Op::AppendNote {
        date: day(date),
        text: text.into(),
        new_id: uuid::Uuid::new_v4(),
    }
}

const THIS_YEAR: Scope = Scope::Since(AcademicYear(2026));

/// A store with meetings in 2019-20, 2020-21 and this year (2026-27).
fn ten_years() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("d"));
    let ops: Vec<Op> = ["2019-10-01", "2020-10-01", "2026-10-01"]
        .iter()
        .map(|d| Op::AddMeeting(Meeting::new(day(d), 60)))
        .collect();
    store.apply(&Catalog::ceres(), &ops, now()).unwrap();
    (dir, store)
}

fn saved(r: Result<TryApply, super::StorageError>) -> Record {
    match r.unwrap() {
        TryApply::Saved(r) => *r,
        TryApply::Busy(h) => panic!("busy: {h}"),
    }
}

#[test]
fn a_save_of_this_year_leaves_the_earlier_years_files_as_they_are() {
    let (_dir, store) = ten_years();
    let c = Catalog::ceres();
    let old = store.dir().join("meetings/2019-20.json");
    let (bytes, ino) = (fs::read(&old).unwrap(), fs::metadata(&old).unwrap().ino());
    let base = store.load_scope(THIS_YEAR).unwrap();
    assert_eq!(base.meetings.meetings.len(), 1);
    let after =
        saved(store.try_apply_over(&c, &base, THIS_YEAR, &[note("2026-10-01", "x")], now()));
    assert_eq!(after.meetings.meetings.len(), 1);
    assert_eq!(after.meetings.meetings[0].notes, "x");
    assert_eq!(fs::read(&old).unwrap(), bytes);
    assert_eq!(fs::metadata(&old).unwrap().ino(), ino);
    assert_eq!(store.load().unwrap().meetings.meetings.len(), 3);
}

#[test]
fn an_interface_that_widens_to_every_year_keeps_its_saves_and_sees_all() {
    let (_dir, store) = ten_years();
    let c = Catalog::ceres();
    let base = store.load_scope(THIS_YEAR).unwrap();
    let first =
        saved(store.try_apply_over(&c, &base, THIS_YEAR, &[note("2026-10-01", "a")], now()));
    // The interface loads the earlier years (a list of every meeting is shown).
    let mut whole = store.load_scope(Scope::All).unwrap();
    assert_eq!(whole.meetings.meetings.len(), 3);
    assert_eq!(first.meetings.meetings[0], whole.meetings.meetings[2]);
    let mut old = whole.meetings.meetings[0].clone();
    old.notes = "edited".into();
    whole = saved(store.try_apply_over(&c, &whole, Scope::All, &[Op::UpdateMeeting(old)], now()));
    assert_eq!(whole.meetings.meetings[0].notes, "edited");
    let disk = store.load().unwrap();
    assert_eq!(disk, whole);
}

#[test]
fn another_process_logging_an_earlier_meeting_is_merged_not_overwritten() {
    let (_dir, store) = ten_years();
    let c = Catalog::ceres();
    let base = store.load().unwrap();
    let other = Store::new(store.dir());
    let late = Meeting::new(day("2019-11-05"), 30);
    other
        .apply(&c, &[Op::AddMeeting(late.clone())], now())
        .unwrap();
    let after =
        saved(store.try_apply_over(&c, &base, Scope::All, &[note("2026-10-01", "b")], now()));
    assert!(after.meetings.meetings.contains(&late));
    let disk = store.load().unwrap();
    assert_eq!(disk, after);
    assert_eq!(disk.meetings.meetings.len(), 4);
}

#[test]
fn a_meeting_moved_to_an_earlier_year_leaves_this_years_file() {
    let (_dir, store) = ten_years();
    let c = Catalog::ceres();
    let base = store.load().unwrap();
    let mut m = base.meetings.meetings[2].clone();
    m.date = day("2020-11-01");
    let after = saved(store.try_apply_over(
        &c,
        &base,
        Scope::All,
        &[Op::UpdateMeeting(m.clone())],
        now(),
    ));
    // 2020-21 is the latest year now: its meetings are the present file's.
    let present: Record = store.load_scope(Scope::PRESENT).unwrap();
    assert_eq!(present.meetings.meetings.len(), 2);
    assert!(!store.dir().join("meetings/2020-21.json").exists());
    assert_eq!(store.load().unwrap(), after);
}
