use super::evidence::MenteeEvidence;
use super::*;
use crate::calendar::AcademicYear;
use crate::model::{Agreement, AgreementStatus, Meeting, Questionnaire, Stage};
use crate::ops::Op;
use chrono::{DateTime, NaiveDate};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn apply(r: &mut Record, op: Op) -> Result<(), OpError> {
    op.apply(
        r,
        &Catalog::ceres(),
        DateTime::from_timestamp(0, 0).unwrap(),
    )
}

#[test]
fn stages_and_tags_are_read_by_id_or_label_and_unknown_ones_list_the_accepted() {
    let c = Catalog::ceres();
    assert_eq!(stage_of(&c, "OBSERVE").unwrap(), ReflectStage::Observe);
    assert_eq!(tag_id(&c, "descriptor-3").unwrap(), "descriptor-3");
    assert_eq!(
        tag_id(&c, "standard descriptor 3 roles").unwrap(),
        "descriptor-3"
    );
    let e = tag_id(&c, "D9").unwrap_err().to_string();
    assert!(e.contains("\"D9\" is not a framework tag"), "{e}");
    for t in c.award.tags() {
        assert!(
            e.contains(&t.descriptor.id),
            "{e} lacks {}",
            t.descriptor.id
        );
    }
    let e = stage_of(&c, "dream").unwrap_err().to_string();
    assert!(
        e.contains("plan (Plan), act (Act), observe (Observe), reflect (Reflect)"),
        "{e}"
    );
}

#[test]
fn an_op_with_an_unknown_tag_is_refused_listing_the_accepted_and_changes_nothing() {
    let mut r = Record::default();
    let cycle = Cycle::new("How do I listen?", d("2026-09-01"));
    apply(&mut r, Op::AddCycle(cycle.clone())).unwrap();
    let mut e = ReflectEntry::new(d("2026-09-02"), ReflectStage::Plan);
    e.text = "Plan to listen".into();
    e.tags.insert("K9".into());
    let before = r.clone();
    let err = apply(
        &mut r,
        Op::AddReflectEntry {
            cycle: cycle.id,
            entry: e,
        },
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("\"K9\"") && err.contains("descriptor-3"),
        "{err}"
    );
    assert_eq!(r, before);
}

#[test]
fn entries_need_text_and_a_cycle_its_question_and_replays_add_nothing() {
    let mut r = Record::default();
    assert_eq!(
        apply(&mut r, Op::AddCycle(Cycle::new("  ", d("2026-09-01")))),
        Err(OpError::EmptyQuestion)
    );
    let cycle = Cycle::new("q", d("2026-09-01"));
    apply(&mut r, Op::AddCycle(cycle.clone())).unwrap();
    apply(&mut r, Op::AddCycle(cycle.clone())).unwrap();
    assert_eq!(r.reflect.cycles.len(), 1);
    let mut e = ReflectEntry::new(d("2026-09-02"), ReflectStage::Act);
    let add = |e: &ReflectEntry| Op::AddReflectEntry {
        cycle: cycle.id,
        entry: e.clone(),
    };
    assert_eq!(apply(&mut r, add(&e)), Err(OpError::EmptyReflection));
    e.text = "Tried it".into();
    apply(&mut r, add(&e)).unwrap();
    apply(&mut r, add(&e)).unwrap();
    assert_eq!(r.reflect.cycles[0].entries.len(), 1);
    apply(&mut r, Op::DeleteReflectEntry(e.id)).unwrap();
    assert!(r.reflect.cycles[0].entries.is_empty());
}

/// A hand-made record whose counts are worked out by hand below.
#[test]
fn evidence_counts_match_a_hand_made_record() {
    let c = Catalog::ceres();
    let today = d("2027-03-01");
    let mut r = Record::default();
    // 2025-26: two meetings, 60 + 30 minutes; 2026-27: one of 90.
    for (date, minutes) in [("2025-10-01", 60), ("2026-06-30", 30), ("2026-09-01", 90)] {
        let mut m = Meeting::new(d(date), minutes);
        m.notes = "private".into();
        r.meetings.meetings.push(m);
    }
    // Started 2025-26, reviewed 2026-27 (come), ended 2026-27.
    let mut a = Agreement::new("Joe");
    a.start = Some(d("2025-09-20"));
    a.review = Some(d("2026-10-01"));
    a.status = AgreementStatus::Ended;
    a.end_date = Some(d("2027-01-10"));
    r.agreements.agreements.push(a);
    // No start date: counts in the year the mentee was added (2025-26); its review not yet come.
    let mut b = Agreement::new("Joe");
    b.review = Some(d("2027-06-01"));
    r.agreements.agreements.push(b);
    r.questionnaires
        .questionnaires
        .push(Questionnaire::new(Stage::Pre, d("2025-09-21")));
    r.questionnaires
        .questionnaires
        .push(Questionnaire::new(Stage::Post, d("2026-09-02")));
    let ev = MenteeEvidence::of("a", "Mentee A", d("2025-09-15"), None, Some(&r), &c, today);
    // A period: the two meetings from June to September 2026, 30 + 90 minutes.
    let p = ev.in_period(d("2026-06-01"), d("2026-09-01"));
    assert_eq!((p.meetings, p.hours_text()), (2, "2".into()));
    let y25 = ev.years[&AcademicYear(2025)];
    let y26 = ev.years[&AcademicYear(2026)];
    assert_eq!(ev.years.len(), 2);
    assert_eq!(
        (y25.meetings, y25.minutes, y25.hours_text()),
        (2, 90, "1.5".into())
    );
    assert_eq!(
        (y26.meetings, y26.minutes, y26.hours_text()),
        (1, 90, "1.5".into())
    );
    assert_eq!(
        (
            y25.agreements_started,
            y25.agreements_reviewed,
            y25.agreements_wound_down
        ),
        (2, 0, 0)
    );
    assert_eq!(
        (
            y26.agreements_started,
            y26.agreements_reviewed,
            y26.agreements_wound_down
        ),
        (0, 1, 1)
    );
    assert_eq!((y25.questionnaires, y26.questionnaires), (1, 1));
    assert!(ev.is_current() && ev.readable);
    let none = MenteeEvidence::of("b", "B", d("2025-09-15"), Some(today), None, &c, today);
    assert!(!none.readable && none.years.is_empty() && !none.is_current());
}

#[test]
fn a_tag_a_later_catalogue_dropped_stays_and_its_entry_can_still_be_edited() {
    let mut r = Record::default();
    let cycle = Cycle::new("q", d("2026-09-01"));
    apply(&mut r, Op::AddCycle(cycle.clone())).unwrap();
    let mut e = ReflectEntry::new(d("2026-09-02"), ReflectStage::Plan);
    e.text = "Plan".into();
    e.tags.insert("old-code".into());
    // As read from the file: no op adds an unknown tag.
    r.reflect.cycles[0].entries.push(e.clone());
    e.text = "Plan, edited".into();
    let update = |e: &ReflectEntry| Op::UpdateReflectEntry {
        cycle: cycle.id,
        entry: e.clone(),
    };
    apply(&mut r, update(&e)).unwrap();
    assert_eq!(r.reflect.cycles[0].entries[0].text, "Plan, edited");
    e.tags.insert("newer-unknown".into());
    assert!(matches!(
        apply(&mut r, update(&e)),
        Err(OpError::UnknownAwardTag { .. })
    ));
}
