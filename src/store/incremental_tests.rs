//! A save of the interface (`apply_over`) re-reads only the files another process changed
//! since its last save, and writes only the parts that differ.

use super::{CHECKLIST_FILE, MEETINGS_FILE, PROFILE_FILE, Store};
use crate::domain::catalog::Catalog;
use crate::domain::model::Record;
use crate::domain::ops::Op;
use chrono::{DateTime, NaiveDate, Utc};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn note(text: &str) -> Op {
    Op::AppendNote {
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        text: text.into(),
        new_id: uuid::Uuid::new_v4(),
    }
}

fn tick(item: &str) -> Op {
    Op::SetTick {
        item: item.into(),
        ticked: true,
    }
}

fn inode(path: &Path) -> u64 {
    fs::metadata(path).unwrap().ino()
}

#[test]
fn a_save_rereads_what_another_process_wrote_since_its_last_save() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    let c = Catalog::ceres();
    let interface = Store::new(&d);
    let base = interface
        .apply_over(
            &c,
            &Record::default(),
            &[note("one"), tick("journal.writing")],
            now(),
        )
        .unwrap();
    // Another process (a `note` in a second shell) writes the meetings and the profile.
    let other = Store::new(&d);
    let mut profile = base.profile.clone();
    profile.name = "Jane".into();
    other
        .apply(&c, &[note("two"), Op::SetProfile(profile)], now())
        .unwrap();
    let saved = interface
        .apply_over(&c, &base, &[tick("journal.orcid")], now())
        .unwrap();
    assert_eq!(saved.profile.name, "Jane");
    assert_eq!(saved.meetings.meetings[0].notes, "one\ntwo");
    assert!(saved.checklist.is_ticked("journal", "journal.orcid"));
    assert_eq!(interface.load().unwrap(), saved);
    // And again with nothing written by anyone else in between.
    let again = interface
        .apply_over(&c, &saved, &[note("three")], now())
        .unwrap();
    assert_eq!(again.meetings.meetings[0].notes, "one\ntwo\nthree");
    assert_eq!(Store::new(&d).load().unwrap(), again);
}

#[test]
fn a_save_writes_only_the_parts_that_changed_and_takes_the_rest_from_its_last_save() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    let c = Catalog::ceres();
    let profile = crate::domain::model::Profile {
        name: "Jane".into(),
        ..Default::default()
    };
    let store = Store::new(&d);
    let base = store
        .apply_over(
            &c,
            &Record::default(),
            &[
                note("one"),
                tick("journal.writing"),
                Op::SetProfile(profile),
            ],
            now(),
        )
        .unwrap();
    let (profile, checklist, meetings) = (
        d.join(PROFILE_FILE),
        d.join(CHECKLIST_FILE),
        d.join(MEETINGS_FILE),
    );
    let before = (inode(&profile), inode(&meetings));
    // Spoil the checklist in place keeping its size, time and inode: a save that re-read it
    // would fail; one that takes it from its last save does not look at it.
    let meta = fs::metadata(&checklist).unwrap();
    let spoilt = vec![b'x'; meta.len() as usize];
    fs::OpenOptions::new()
        .write(true)
        .open(&checklist)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &spoilt))
        .unwrap();
    let times = [
        libc::timespec {
            tv_sec: meta.atime(),
            tv_nsec: meta.atime_nsec(),
        },
        libc::timespec {
            tv_sec: meta.mtime(),
            tv_nsec: meta.mtime_nsec(),
        },
    ];
    let c_path = std::ffi::CString::new(checklist.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path and two timespecs.
    assert_eq!(
        unsafe { libc::utimensat(libc::AT_FDCWD, c_path.as_ptr(), times.as_ptr(), 0) },
        0
    );
    store.apply_over(&c, &base, &[note("two")], now()).unwrap();
    assert_eq!(inode(&profile), before.0, "the profile was not rewritten");
    assert_ne!(inode(&meetings), before.1, "the meetings were");
    assert_eq!(fs::read(&checklist).unwrap(), spoilt, "nor the checklist");
}
