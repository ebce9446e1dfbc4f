//! The log's arithmetic (pro rata, hours to days, academic years), its operations, and logging a
//! planned session as attended.

use super::*;
use crate::domain::model::{DevLog, Plan, SessionAnswer};
use crate::domain::ops::{Op, OpError};
use crate::store::encode;
use crate::store::schema::Kind;
use chrono::{DateTime, Utc};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn entry(date: &str, title: &str, time: TimeSpent) -> DevEntry {
    DevEntry::new(d(date), title, "external", time)
}

fn days(n: &str) -> TimeSpent {
    TimeSpent::parse_days(n).unwrap()
}

fn hours(n: &str) -> TimeSpent {
    TimeSpent::parse_hours(n).unwrap()
}

fn with_fte(fte: Option<&str>) -> Record {
    let mut r = Record::default();
    r.profile.fte = fte.map(|f| Fte::parse(f).unwrap());
    r
}

fn add(r: &mut Record, c: &Catalog, e: DevEntry) {
    Op::AddDevEntry(e).apply(r, c, now()).unwrap();
}

#[test]
fn the_target_is_pro_rata_to_fte_and_assumes_full_time_when_unset() {
    let c = Catalog::ceres();
    let y = AcademicYear(2026);
    let half = target(&with_fte(Some("0.5")), &c, y);
    assert_eq!((half.days, half.fte_assumed), (5.0, false));
    assert_eq!(target(&with_fte(Some("0.8")), &c, y).days, 8.0);
    assert_eq!(target(&with_fte(Some("0.33")), &c, y).days, 3.3);
    assert_eq!(target(&with_fte(Some("1.0")), &c, y).days, 10.0);
    let unset = target(&with_fte(None), &c, y);
    assert_eq!((unset.days, unset.fte_assumed), (10.0, true));
    assert_eq!(unset.fte_text(&c), "FTE not set: 1.0 assumed");
    assert_eq!(half.fte_text(&c), "0.5 FTE");
}

#[test]
fn without_a_profile_fte_the_plan_covering_the_year_gives_it() {
    let c = Catalog::ceres();
    let mut r = with_fte(None);
    let mut plan = Plan::new(PlanWindow(2025), Default::default());
    plan.about.fte = Fte::from_hundredths(60);
    r.plans.insert(plan.window, plan);
    // 2025-27 covers 2025-26 and 2026-27, not 2027-28.
    assert_eq!(target(&r, &c, AcademicYear(2025)).days, 6.0);
    assert_eq!(target(&r, &c, AcademicYear(2026)).days, 6.0);
    assert!(target(&r, &c, AcademicYear(2027)).fte_assumed);
    r.profile.fte = Fte::from_hundredths(80);
    assert_eq!(target(&r, &c, AcademicYear(2026)).days, 8.0);
}

#[test]
fn hours_count_as_days_at_the_catalogues_hours_per_day() {
    let c = Catalog::ceres();
    assert_eq!(c.development.hours_per_day.to_string(), "7.5");
    let e = entry("2026-10-01", "x", hours("7.5"));
    assert_eq!(entry_days(&c, &e), 1.0);
    assert_eq!(entry_days(&c, &entry("2026-10-01", "x", hours("3"))), 0.4);
    assert_eq!(format_days(1.0 / 7.5), "0.13");
    assert_eq!(format_days(8.0), "8");
    assert_eq!(days_text(1.0), "1 day");
    assert_eq!(days_text(0.5), "0.5 days");
}

#[test]
fn entries_count_in_the_academic_year_of_their_date_at_the_31_august_boundary() {
    let c = Catalog::ceres();
    let mut r = with_fte(Some("0.8"));
    for (date, n) in [
        ("2026-08-31", "2"),
        ("2026-09-01", "1"),
        ("2027-08-31", "0.5"),
        ("2027-09-01", "4"),
    ] {
        add(&mut r, &c, entry(date, date, days(n)));
    }
    let y = year_summary(&r, &c, AcademicYear(2026));
    assert_eq!(y.days, 1.5);
    let numbers: Vec<usize> = y.entries.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [2, 3]);
    assert_eq!(year_summary(&r, &c, AcademicYear(2025)).days, 2.0);
    assert_eq!(
        years(&r, &c),
        [AcademicYear(2025), AcademicYear(2026), AcademicYear(2027)]
    );
    assert_eq!(y.total_text(&c), "1.5 of 8 days (0.8 FTE)");
}

#[test]
fn tag_totals_count_an_entry_in_each_of_its_tags_and_the_year_once() {
    let c = Catalog::ceres();
    let mut r = with_fte(None);
    let mut both = entry("2026-10-01", "both", days("1"));
    both.tags = ["academia".to_string(), "industry".to_string()].into();
    let mut academia = entry("2026-10-02", "a", hours("3.75"));
    academia.tags = ["academia".to_string()].into();
    add(&mut r, &c, both);
    add(&mut r, &c, academia);
    add(&mut r, &c, entry("2026-10-03", "none", days("2")));
    let y = year_summary(&r, &c, AcademicYear(2026));
    assert_eq!(y.days, 3.5);
    let tags: Vec<(&str, f64)> = y.by_tag.iter().map(|(t, n)| (t.id.as_str(), *n)).collect();
    assert_eq!(tags, [("academia", 1.5), ("industry", 1.0)]);
    assert_eq!(y.untagged_days, 2.0);
}

#[test]
fn progress_paces_the_year_and_says_when_the_target_is_met() {
    let c = Catalog::ceres();
    let mut r = with_fte(Some("0.8"));
    add(&mut r, &c, entry("2026-10-01", "x", days("3.5")));
    let p = Progress::of(&r, &c, d("2026-11-23"));
    assert_eq!(p.line(&c), "3.5 of 8 days in 2026-27 (0.8 FTE; on track)");
    let late = Progress::of(&r, &c, d("2027-06-01"));
    assert!(!late.on_track());
    assert!(
        late.line(&c).contains("behind an even pace"),
        "{}",
        late.line(&c)
    );
    add(&mut r, &c, entry("2027-01-01", "y", days("4.5")));
    let done = Progress::of(&r, &c, d("2027-06-01"));
    assert!(done.met());
    assert!(done.line(&c).ends_with("(0.8 FTE; target reached)"));
    let fresh = Progress::of(&with_fte(None), &c, d("2026-09-01"));
    assert_eq!(
        fresh.line(&c),
        "0 of 10 days in 2026-27 (FTE not set: 1.0 assumed; on track)"
    );
}

#[test]
fn ops_validate_against_the_catalogue_and_replay_harmlessly() {
    let c = Catalog::ceres();
    let mut r = Record::default();
    let e = entry("2026-10-01", "BERA conference", days("2"));
    let op = Op::AddDevEntry(e.clone());
    op.apply(&mut r, &c, now()).unwrap();
    let once = r.clone();
    op.apply(&mut r, &c, now()).unwrap();
    assert_eq!(r, once);
    let bad = |f: &dyn Fn(&mut DevEntry)| {
        let mut x = entry("2026-10-01", "t", days("1"));
        f(&mut x);
        Op::AddDevEntry(x).apply(&mut Record::default(), &c, now())
    };
    assert_eq!(bad(&|x| x.title = " ".into()), Err(OpError::EmptyTitle));
    assert_eq!(
        bad(&|x| x.provider = "pub".into()),
        Err(OpError::UnknownProvider("pub".into()))
    );
    assert_eq!(
        bad(&|x| x.tags = ["sport".to_string()].into()),
        Err(OpError::UnknownTag("sport".into()))
    );
    assert_eq!(
        bad(&|x| x.principle = Some("x".into())),
        Err(OpError::UnknownPrinciple("x".into()))
    );
    assert_eq!(
        bad(&|x| x.session = Some("activator.nope".into())),
        Err(OpError::UnknownSession("activator.nope".into()))
    );

    let mut moved = e.clone();
    moved.date = d("2025-01-01");
    moved.title = "Renamed".into();
    let first = entry("2026-09-02", "first", days("1"));
    add(&mut r, &c, first.clone());
    assert_eq!(r.devlog.entries[0].id, first.id);
    Op::UpdateDevEntry(moved.clone())
        .apply(&mut r, &c, now())
        .unwrap();
    assert_eq!(r.devlog.entries[0], moved, "moved to its date's place");
    let del = Op::DeleteDevEntry(moved.id);
    del.apply(&mut r, &c, now()).unwrap();
    del.apply(&mut r, &c, now()).unwrap();
    assert_eq!(r.devlog.entries.len(), 1);
    assert_eq!(
        Op::UpdateDevEntry(moved).apply(&mut r, &c, now()),
        Err(OpError::NoSuchDevEntry)
    );
}

#[test]
fn academic_years_parse_in_every_accepted_form() {
    assert_eq!(parse_academic_year("2025-26"), Ok(AcademicYear(2025)));
    assert_eq!(parse_academic_year("2025-2026"), Ok(AcademicYear(2025)));
    assert_eq!(parse_academic_year(" 2025 "), Ok(AcademicYear(2025)));
    assert_eq!(parse_academic_year("2099-00"), Ok(AcademicYear(2099)));
    for bad in ["2025-27", "25-26", "", "year", "2025-"] {
        let e = parse_academic_year(bad).unwrap_err().to_string();
        assert!(e.contains("such as 2025-26"), "{bad}: {e}");
    }
}

#[test]
fn choices_accept_ids_and_labels_in_any_case_and_list_the_accepted_ones() {
    let c = Catalog::ceres();
    assert_eq!(provider_id(&c, "ACTivator"), Ok("activator"));
    assert_eq!(provider_id(&c, " library "), Ok("library"));
    assert_eq!(tag_id(&c, "Succeeding in industry"), Ok("industry"));
    assert_eq!(
        principle_id(&c, "environment and culture"),
        Ok("environment")
    );
    let e = provider_id(&c, "pub").unwrap_err().to_string();
    assert_eq!(
        e,
        "\"pub\" is not a provider: use one of activator (ACTivator), library (Library), external (External), other (Other)"
    );
}

/// A record whose 2026-28 plan marks two workshops and a Library session Yes.
fn planned() -> Record {
    let mut r = Record::default();
    let mut plan = Plan::new(PlanWindow(2026), Default::default());
    let yes = SessionAnswer {
        attend: Some(Attend::Yes),
        month: None,
    };
    for id in [
        "activator.pitch-perfect",
        "activator.ready-steady-publish",
        "library.orcid",
    ] {
        plan.sessions.insert(id.into(), yes);
    }
    plan.sessions.insert(
        "activator.symplectic".into(),
        SessionAnswer {
            attend: Some(Attend::No),
            month: None,
        },
    );
    r.plans.insert(plan.window, plan);
    r
}

fn attend<'q>(query: &'q str, date: &str, force: bool) -> Attendance<'q> {
    Attendance {
        query,
        date: d(date),
        time: None,
        force,
    }
}

#[test]
fn a_planned_session_is_logged_in_one_step_with_its_grids_provider_and_length() {
    let c = Catalog::ceres();
    let r = planned();
    let e = attended(&r, &c, &attend("pitch", "2026-11-20", false)).unwrap();
    assert_eq!(e.title, "Pitch Perfect");
    assert_eq!(e.provider, "activator");
    assert_eq!(e.time, days("0.5"));
    assert_eq!(e.session.as_deref(), Some("activator.pitch-perfect"));
    let lib = attended(&r, &c, &attend("library.orcid", "2026-11-20", false)).unwrap();
    assert_eq!((lib.provider.as_str(), lib.time), ("library", hours("1.5")));
    // "publish" matches three sessions, but only one is planned: that one is meant.
    let p = attended(&r, &c, &attend("Publish", "2027-03-01", false)).unwrap();
    assert_eq!(p.session.as_deref(), Some("activator.ready-steady-publish"));
    // A plan started the year before covers this year too.
    let next = attended(&r, &c, &attend("orcid", "2027-10-01", false)).unwrap();
    assert_eq!(next.session.as_deref(), Some("library.orcid"));
    let mut own = attend("pitch-perfect", "2026-11-20", false);
    own.time = Some(hours("3"));
    assert_eq!(attended(&r, &c, &own).unwrap().time, hours("3"));
}

#[test]
fn attending_refuses_what_is_unplanned_ambiguous_unknown_or_already_logged() {
    let c = Catalog::ceres();
    let mut r = planned();
    let e = attended(&r, &c, &attend("symplectic", "2026-11-20", false)).unwrap_err();
    assert!(matches!(e, AttendError::NotPlanned { .. }), "{e}");
    let msg = e.to_string();
    assert!(msg.contains("\"Setting up Symplectic\" is not marked Yes in your plan for 2026-27"));
    assert!(msg.contains("--force"), "{msg}");
    assert!(
        msg.contains("\n  activator.pitch-perfect  Pitch Perfect"),
        "{msg}"
    );
    assert!(attended(&r, &c, &attend("symplectic", "2026-11-20", true)).is_ok());

    let e = attended(&r, &c, &attend("funding", "2026-11-20", true)).unwrap_err();
    assert!(
        matches!(e, AttendError::Ambiguous { ref matches, .. } if matches.len() == 2),
        "{e}"
    );
    assert!(e.to_string().contains("activator.funding-landscape"), "{e}");

    let e = attended(&r, &c, &attend("basket weaving", "2026-11-20", false)).unwrap_err();
    assert!(
        e.to_string()
            .contains("Marked Yes in your plan for 2026-27:"),
        "{e}"
    );
    // Outside the plan's two years nothing is planned.
    let e = attended(&r, &c, &attend("pitch", "2030-01-01", false)).unwrap_err();
    assert!(e.to_string().ends_with("Marked Yes: none."), "{e}");
    assert_eq!(
        attended(&r, &c, &attend("  ", "2026-11-20", false)),
        Err(AttendError::EmptyQuery)
    );

    let first = attended(&r, &c, &attend("pitch", "2026-11-20", false)).unwrap();
    add(&mut r, &c, first);
    let e = attended(&r, &c, &attend("pitch", "2026-11-20", false)).unwrap_err();
    assert!(
        matches!(e, AttendError::AlreadyLogged { number: 1, .. }),
        "{e}"
    );
    assert!(attended(&r, &c, &attend("pitch", "2026-11-20", true)).is_ok());
    assert!(attended(&r, &c, &attend("pitch", "2026-11-27", false)).is_ok());
}

#[test]
fn the_log_round_trips_through_its_file() {
    let c = Catalog::ceres();
    let mut r = Record::default();
    let mut e = entry("2026-10-01", "Zoë’s “workshop” \u{1b}[31m", hours("0.25"));
    e.tags = ["industry".to_string()].into();
    e.principle = Some("employment".into());
    e.evidence = vec!["https://example.org/cert".into(), "~/certs/a.pdf".into()];
    add(&mut r, &c, e);
    let bytes = encode(Kind::DevLog, &r.devlog);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.starts_with("{\n  \"schema_version\": 3,\n  \"devlog\": {"),
        "{text}"
    );
    assert!(
        text.contains("\"time\": {\n          \"hours\": 0.25\n        }"),
        "{text}"
    );
    let back: DevLog = crate::store::decode(&bytes, Kind::DevLog).ok().unwrap();
    assert_eq!(back, r.devlog);
}
