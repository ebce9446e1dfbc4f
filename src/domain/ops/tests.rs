use super::*;
use crate::domain::model::Record;
use chrono::{DateTime, Utc};

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
    use crate::domain::model::{Agreement, Questionnaire, Stage};
    let c = Catalog::ceres();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jane-smith");
    let mut r = crate::store::Store::new(fixture).load().unwrap();
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
    let cycle = crate::domain::model::Cycle::new("How do I listen?", d("2026-01-05"));
    let mut reflection = crate::domain::model::ReflectEntry::new(
        d("2026-01-06"),
        crate::domain::model::ReflectStage::Plan,
    );
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
        Op::AddCycle(crate::domain::model::Cycle::new("Another", d("2026-02-01"))),
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
    use crate::domain::model::{Rating, Stage};
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
