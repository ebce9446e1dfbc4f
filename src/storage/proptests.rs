//! Property tests: whatever bytes a data file holds, reading it never panics and never
//! silently yields data; whatever a record holds, writing then reading it gives it back.

use super::schema::Kind;
use super::{Decode, decode, decode_as, encode, encode_record, read_record_file};
use crate::calendar::PlanWindow;
use crate::dates::YearMonth;
use crate::model::{
    Action, ActionStatus, Attend, Checklist, Fte, Meeting, MeetingRecord, Plan, Profile, Record,
    SessionAnswer,
};
use crate::model::{Agreement, AgreementRecord, AgreementStatus};
use crate::model::{Questionnaire, QuestionnaireRecord, Rating, Stage};
use chrono::NaiveDate;
use proptest::prelude::*;

/// Text as users produce it: anything, with extra weight on quotes, escapes and newlines.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 \"\\\\\n\t\u{1b}\u{7}\u{202e}李华Zoë–“”]{0,40}",
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn record() -> impl Strategy<Value = Record> {
    let profile = (
        text(),
        text(),
        proptest::option::of(1u16..=100),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(|(name, position, fte, mentors)| Profile {
            name,
            position,
            fte: fte.and_then(Fte::from_hundredths),
            mentors,
            membership: Some("core".into()),
            email: None,
            extra: Default::default(),
        });
    let action = (text(), text(), proptest::option::of(date()), 0u8..3).prop_map(
        |(activity, outputs, review, s)| {
            let mut a = Action::new(activity);
            a.outputs = outputs;
            a.review_date = review;
            a.status = [
                ActionStatus::Open,
                ActionStatus::Done,
                ActionStatus::Dropped,
            ][s as usize];
            a
        },
    );
    let meeting = (date(), 0u32..600, text()).prop_map(|(d, m, notes)| {
        let mut x = Meeting::new(d, m);
        x.notes = notes;
        x
    });
    let plan = (
        2000i32..2090,
        text(),
        proptest::option::of(1u32..=12),
        proptest::bool::ANY,
    )
        .prop_map(|(start, key_targets, month, yes)| {
            let mut p = Plan::new(PlanWindow(start), Default::default());
            p.sections.insert("key-targets".into(), key_targets);
            p.sessions.insert(
                "library.orcid".into(),
                SessionAnswer {
                    attend: Some(if yes { Attend::Yes } else { Attend::No }),
                    month: month.and_then(|m| YearMonth::new(start, m)),
                },
            );
            p
        });
    (
        profile,
        proptest::collection::vec(action, 0..4),
        proptest::collection::vec(meeting, 0..4),
        proptest::collection::vec(plan, 0..3),
        mentoring(),
        proptest::option::of((text(), text(), date())),
    )
        .prop_map(
            |(profile, actions, meetings, plans, (agreements, questionnaires), cycle)| Record {
                profile,
                checklist: Checklist::default(),
                meetings: MeetingRecord {
                    actions,
                    meetings,
                    ..Default::default()
                },
                plans: plans.into_iter().map(|p| (p.window, p)).collect(),
                agreements,
                questionnaires,
                devlog: Default::default(),
                reflect: reflect_log(cycle),
            },
        )
}

/// A log of one cycle with one reflection, or none.
fn reflect_log(cycle: Option<(String, String, NaiveDate)>) -> crate::model::ReflectLog {
    use crate::model::{Cycle, ReflectEntry, ReflectStage};
    let mut log = crate::model::ReflectLog::default();
    if let Some((question, text, date)) = cycle {
        let mut c = Cycle::new(format!("{question}Q"), date);
        let mut e = ReflectEntry::new(date, ReflectStage::Reflect);
        e.text = text;
        e.tags.insert("descriptor-3".into());
        c.entries.push(e);
        log.cycles.push(c);
    }
    log
}

/// Agreements and questionnaires, some tied to an agreement.
fn mentoring() -> impl Strategy<Value = (AgreementRecord, QuestionnaireRecord)> {
    let agreement = (
        text(),
        text(),
        proptest::option::of(date()),
        proptest::option::of(1u32..600),
        proptest::option::of(date()),
    )
        .prop_map(|(mentor, venue, review, length, ended)| {
            // A mentor's name is required (model::rules); any text around one is fine.
            let mut a = Agreement::new(format!("{mentor}M"));
            a.venue = venue.clone();
            a.wind_down = venue;
            a.review = review;
            a.length_minutes = length;
            if let Some(d) = ended {
                a.status = AgreementStatus::Ended;
                a.end_date = Some(d);
            }
            a
        });
    let questionnaire = (
        proptest::bool::ANY,
        date(),
        text(),
        proptest::collection::btree_map("[a-z.-]{1,12}", 1u8..=5, 0..4),
        proptest::bool::ANY,
    );
    (
        proptest::collection::vec(agreement, 0..3),
        proptest::collection::vec(questionnaire, 0..4),
    )
        .prop_map(|(agreements, qs)| {
            let questionnaires = qs
                .into_iter()
                .map(|(pre, date, notes, ratings, tied)| {
                    let mut q =
                        Questionnaire::new(if pre { Stage::Pre } else { Stage::Post }, date);
                    q.notes = notes;
                    q.ratings = ratings
                        .into_iter()
                        .map(|(k, v)| (k, Rating::new(v).unwrap()))
                        .collect();
                    q.agreement = agreements.first().filter(|_| tied).map(|a| a.id);
                    q
                })
                .collect();
            (
                AgreementRecord {
                    agreements,
                    ..Default::default()
                },
                QuestionnaireRecord {
                    questionnaires,
                    ..Default::default()
                },
            )
        })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_and_never_pass_for_data(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        for kind in Kind::ALL {
            let result = decode_as(&bytes, kind);
            if let Err(Decode::Bad(message)) = &result {
                prop_assert!(!message.is_empty());
            }
        }
    }

    #[test]
    fn mangled_real_files_are_refused_or_read_never_misread(record in record(), cut in 0usize..2000, flip in 0usize..2000) {
        let bytes = encode(Kind::Meetings, &record.meetings);
        // Truncation: either refused, or (cut at the very end) identical.
        let truncated = &bytes[..cut.min(bytes.len())];
        if let Ok(m) = decode::<MeetingRecord>(truncated, Kind::Meetings) {
            prop_assert_eq!(m, record.meetings.clone());
        }
        // One flipped byte: never a panic.
        let mut flipped = bytes.clone();
        if !flipped.is_empty() {
            let i = flip % flipped.len();
            flipped[i] ^= 0x20;
            let _ = decode::<MeetingRecord>(&flipped, Kind::Meetings);
        }
    }

    #[test]
    fn every_file_round_trips(record in record()) {
        let p = encode(Kind::Profile, &record.profile);
        prop_assert_eq!(decode::<Profile>(&p, Kind::Profile).ok(), Some(record.profile.clone()));
        let m = encode(Kind::Meetings, &record.meetings);
        prop_assert_eq!(decode::<MeetingRecord>(&m, Kind::Meetings).ok(), Some(record.meetings.clone()));
        let a = encode(Kind::Agreements, &record.agreements);
        prop_assert_eq!(decode::<AgreementRecord>(&a, Kind::Agreements).ok(), Some(record.agreements.clone()));
        let q = encode(Kind::Questionnaires, &record.questionnaires);
        prop_assert_eq!(decode::<QuestionnaireRecord>(&q, Kind::Questionnaires).ok(), Some(record.questionnaires.clone()));
        for plan in record.plans.values() {
            let b = encode(Kind::Plan, plan);
            prop_assert_eq!(decode::<Plan>(&b, Kind::Plan).ok(), Some(plan.clone()));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        std::fs::write(&path, encode_record(&record)).unwrap();
        prop_assert_eq!(read_record_file(&path).unwrap(), record);
    }

    #[test]
    fn date_and_number_parsers_never_panic(s in text()) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let _ = crate::dates::parse_date(&s, today);
        let _ = YearMonth::parse(&s, today);
        let _ = PlanWindow::parse(&s);
        let _ = Fte::parse(&s);
    }

    #[test]
    fn relative_dates_at_the_ends_of_the_calendar_never_panic(n in any::<u32>(), unit in "[dwm]", sign in "[+-]") {
        let _ = crate::dates::parse_date(&format!("{sign}{n}{unit}"), NaiveDate::MAX);
        let _ = crate::dates::parse_date(&format!("{sign}{n}{unit}"), NaiveDate::MIN);
    }
}
