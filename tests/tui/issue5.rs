//! The issue-5 screens: the development log, a planned workshop logged as attended from the
//! Plan screen, and the yearly plan cycle (next plan, history read-only, comparison). Snapshots
//! at 80x24 and 120x40, key-driven paths checked against the files on disk.

use super::*;
use mentorplan::tui::screens::ScreenId;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, f: &Fixture) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen_text(&f.app, w, h));
    }
    // Small terminals never panic.
    for (w, h) in [(20, 5), (1, 1), (60, 16)] {
        screen_text(&f.app, w, h);
    }
}

fn file(f: &Fixture, name: &str) -> String {
    std::fs::read_to_string(f.dir.path().join(name)).unwrap_or_default()
}

fn focused(app: &App) -> FieldId {
    app.form().focused().unwrap().id.clone()
}

/// Jane with two development entries and a 2026-28 plan marking Pitch Perfect Yes.
fn jane_developing() -> Record {
    use mentorplan::domain::model::{DevEntry, TimeSpent};
    let mut r = jane();
    let mut e = DevEntry::new(
        d("2026-10-12"),
        "BERA conference",
        "external",
        TimeSpent::parse_days("2").unwrap(),
    );
    e.tags.insert("academia".into());
    e.evidence.push("~/certs/bera.pdf".into());
    r.devlog.entries.push(e);
    r.devlog.entries.push(DevEntry::new(
        d("2025-11-03"),
        "Open access workshop",
        "library",
        TimeSpent::parse_hours("1.5").unwrap(),
    ));
    r.devlog.entries.sort_by_key(|e| e.date);
    let mut p = Plan::new(PlanWindow(2026), AboutYou::from_profile(&r.profile));
    p.sessions.insert(
        "activator.pitch-perfect".into(),
        SessionAnswer {
            attend: Some(Attend::Yes),
            month: None,
        },
    );
    p.sections
        .insert("key-targets".into(), "Submit the BERA paper.".into());
    r.plans.insert(PlanWindow(2026), p);
    r
}

#[test]
fn development_log_snapshots() {
    let mut f = fixture(Some(jane_developing()));
    f.app.send_keys("7");
    assert_eq!(f.app.screen, ScreenId::Development);
    snap("development", &f);
    let id = f.app.record.devlog.entries[1].id;
    f.app.focus_on(&FieldId::DevRow(id)).send(KeyCode::Enter);
    snap("development_entry", &f);
}

#[test]
fn add_a_development_entry_and_delete_it() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("7a");
    // The form from its first field, the date (today, filled in), then the title.
    assert_eq!(app.form().focused().unwrap().id, FieldId::DevPart("date"));
    assert!(app.form().is_editing(), "typed at once");
    app.send(KeyCode::Tab);
    app.send_keys("Writing retreat").send(KeyCode::Enter);
    app.focus_on(&FieldId::DevPart("amount"));
    for _ in 0..5 {
        app.send(KeyCode::Backspace);
    }
    app.send_keys("3").send(KeyCode::Enter);
    app.focus_on(&FieldId::DevTag("industry".into()))
        .send_keys(" ")
        .ctrl('s');
    let log = file(&f, "devlog.json");
    assert!(log.contains("Writing retreat"), "{log}");
    assert!(log.contains(r#""days": 3"#), "{log}");
    assert!(log.contains("industry"), "{log}");
    // A future date is refused with the reason, the record keeps the last valid one.
    let app = &mut f.app;
    app.send(KeyCode::Home).focus_on(&FieldId::DevPart("date"));
    for _ in 0..10 {
        app.send(KeyCode::Backspace);
    }
    app.send_keys("+1w").send(KeyCode::Enter);
    assert!(
        app.form()
            .error(&FieldId::DevPart("date"))
            .unwrap()
            .contains("future")
    );
    // Esc stops typing, a second Esc goes back to the list.
    app.send(KeyCode::Esc).send(KeyCode::Esc);
    assert_eq!(app.record.devlog.entries[0].date, today());
    // Back in the list, d asks first.
    let id = app.record.devlog.entries[0].id;
    assert_eq!(focused(app), FieldId::DevRow(id));
    app.send_keys("d");
    assert!(app.modal.is_some());
    app.send_keys("y").ctrl('s');
    assert!(!file(&f, "devlog.json").contains("Writing retreat"));
}

#[test]
fn a_planned_workshop_is_logged_as_attended_with_one_key() {
    let mut f = fixture(Some(jane_developing()));
    let app = &mut f.app;
    app.send_keys("5")
        .focus_on(&FieldId::Attend("activator.pitch-perfect".into()))
        .send(KeyCode::Esc)
        .send_keys("a");
    let (msg, err) = app.message.clone().unwrap();
    assert!(!err, "{msg}");
    assert!(msg.contains("Logged as attended"), "{msg}");
    app.ctrl('s');
    let log = file(&f, "devlog.json");
    assert!(log.contains("Pitch Perfect"), "{log}");
    assert!(log.contains("activator.pitch-perfect"), "{log}");
    // Not marked Yes: refused, saying why.
    let app = &mut f.app;
    app.send(KeyCode::Home)
        .focus_on(&FieldId::Attend("activator.symplectic".into()))
        .send(KeyCode::Esc)
        .send_keys("a");
    let (msg, err) = app.message.clone().unwrap();
    assert!(err && msg.contains("not marked Yes"), "{msg}");
}

#[test]
fn the_next_plan_starts_from_the_latest_and_the_old_one_is_history() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    // The Plan's first row is a choice, which takes letters: Esc, then n.
    app.send_keys("5").send(KeyCode::Esc).send_keys("n");
    assert!(app.modal.is_some(), "asks first");
    app.send_keys("y");
    assert_eq!(app.window, PlanWindow(2026));
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("Started the 2026-28 plan from 2021-23")
    );
    snap_plan_new(&f);
    f.app.ctrl('s');
    assert!(
        file(&f, "plans/2026-28.json").contains("Submit")
            || file(&f, "plans/2026-28.json").contains("BERA")
    );
    // The earlier plan is read-only: no editable field, a history note.
    let app = &mut f.app;
    app.send(KeyCode::Home).send(KeyCode::Left);
    assert_eq!(app.window, PlanWindow(2021));
    assert!(!app.form().fields().iter().any(|x| matches!(
        x.id,
        FieldId::Attend(_) | FieldId::Section(_) | FieldId::About(_)
    )));
    snap("plan_history", &f);
    // Compare the new plan with it.
    let app = &mut f.app;
    app.send(KeyCode::Home)
        .send(KeyCode::Right)
        .send(KeyCode::Esc)
        .send_keys("c");
    assert!(
        app.form().fields()[0]
            .label
            .contains("Changes from 2021-23 to 2026-28")
    );
    snap("plan_compare", &f);
    f.app.send(KeyCode::Esc);
    assert!(!f.app.more.plan_compare);
}

fn snap_plan_new(f: &Fixture) {
    snap("plan_next", f);
}

/// Jane with an agreement with Joe Hope (review in 20 days) and a pre-mentoring questionnaire.
fn jane_mentored() -> Record {
    use mentorplan::domain::model::{Agreement, Questionnaire, Rating, Stage};
    let mut r = jane();
    let mut a = Agreement::new("Joe Hope");
    a.start = Some(d("2026-09-01"));
    a.frequency = "every two months".into();
    a.length_minutes = Some(60);
    a.review = Some(d("2026-12-13"));
    let mut q = Questionnaire::new(Stage::Pre, d("2026-09-01"));
    q.agreement = Some(a.id);
    q.ratings.insert("journal".into(), Rating::new(2).unwrap());
    q.ratings.insert("income".into(), Rating::new(1).unwrap());
    q.notes = "Support with my first journal article.".into();
    r.agreements.agreements.push(a);
    r.questionnaires.questionnaires.push(q);
    r
}

#[test]
fn mentoring_snapshots() {
    let mut f = fixture(Some(jane_mentored()));
    f.app.send_keys("8");
    assert_eq!(f.app.screen, ScreenId::Mentoring);
    snap("mentoring", &f);
    f.app.send(KeyCode::Enter);
    snap("agreement", &f);
    // The mentor's name is typed in at once: Esc stops typing, a second goes back.
    f.app.send(KeyCode::Esc).send(KeyCode::Esc);
    let q = f.app.record.questionnaires.questionnaires[0].id;
    f.app
        .focus_on(&FieldId::QuestionnaireRow(q))
        .send(KeyCode::Enter);
    snap("questionnaire", &f);
    f.app.send(KeyCode::Esc).send(KeyCode::Esc).send_keys("c");
    snap("impact_comparison", &f);
}

#[test]
fn add_an_agreement_and_end_it() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("8a");
    assert!(app.form().is_editing());
    app.send_keys("Ann Lee").send(KeyCode::Tab);
    app.send_keys("2026-10-01").send(KeyCode::Tab);
    app.send_keys("monthly").send(KeyCode::Tab);
    app.focus_on(&FieldId::AgreementPart("review"))
        .send_keys("+3w")
        .send(KeyCode::Enter)
        .ctrl('s');
    let saved = file(&f, "agreements.json");
    assert!(
        saved.contains("Ann Lee") && saved.contains("monthly"),
        "{saved}"
    );
    assert!(saved.contains("2026-12-14"), "{saved}");
    let app = &mut f.app;
    // Enter moved on to "winding down", typing there: Esc stops typing, a second goes back.
    assert_eq!(focused(app), FieldId::AgreementPart("wind_down"));
    app.send(KeyCode::Esc).send(KeyCode::Esc);
    let id = app.record.agreements.agreements[0].id;
    assert_eq!(focused(app), FieldId::AgreementRow(id));
    assert!(
        app.form().focused().unwrap().emphasis,
        "review within the notice days"
    );
    app.send_keys("e");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("ended on 2026-11-23")
    );
    app.ctrl('s');
    let saved = file(&f, "agreements.json");
    assert!(saved.contains(r#""status": "ended""#), "{saved}");
    // Delete asks first.
    f.app.send_keys("d");
    assert!(f.app.modal.is_some());
    f.app.send_keys("n");
    assert_eq!(f.app.record.agreements.agreements.len(), 1);
}

#[test]
fn a_pre_and_a_post_questionnaire_compare() {
    let mut f = fixture(Some(jane_mentored()));
    let app = &mut f.app;
    app.send_keys("8")
        .focus_on(&FieldId::AddQuestionnaire(
            mentorplan::domain::model::Stage::Post,
        ))
        .send(KeyCode::Enter);
    // Tied to the only active agreement; journal rated 4.
    app.focus_on(&FieldId::Rating("journal".into()));
    for _ in 0..4 {
        app.send(KeyCode::Right);
    }
    app.focus_on(&FieldId::QuestionnairePart("notes"))
        .send_keys("More confident")
        .send(KeyCode::Esc)
        .ctrl('s');
    let saved = file(&f, "questionnaires.json");
    assert!(
        saved.contains(r#""stage": "post""#) && saved.contains("More confident"),
        "{saved}"
    );
    let app = &mut f.app;
    app.send(KeyCode::Esc).send(KeyCode::Home).send_keys("c");
    let rows: Vec<String> = app
        .form()
        .fields()
        .iter()
        .map(|x| x.label.clone())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Journal") && r.contains("+2")),
        "{rows:?}"
    );
    // The export's Impact section carries the same comparison.
    let out = mentorplan::export::render(
        &app.record,
        &app.settings.catalog,
        mentorplan::export::Section::Impact,
        mentorplan::export::Format::Text,
        &mentorplan::export::Options {
            window: PlanWindow(2026),
            include_confidential: true,
        },
    )
    .unwrap();
    assert!(
        out.contains("Confidence Before and After Mentoring"),
        "{out}"
    );
}

#[test]
fn home_shows_development_reviews_and_questionnaires() {
    let mut r = jane_mentored();
    r.devlog = jane_developing().devlog;
    let f = fixture(Some(r));
    let dir = f.dir.path().display().to_string();
    for (w, h) in SIZES {
        let stable = format!("/tmp/{}", "X".repeat(dir.len().saturating_sub(5)));
        let text = screen_text(&f.app, w, h).replace(&dir, &stable);
        insta::assert_snapshot!(format!("home_issue5_{w}x{h}"), text);
    }
    let labels: Vec<String> = f
        .app
        .form()
        .fields()
        .iter()
        .map(|x| x.label.clone())
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.starts_with("Development: 2 of 10 days")),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.contains("review due 2026-12-13")),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|l| l.starts_with("Impact:") && l.contains("post not yet")),
        "{labels:?}"
    );
}

#[test]
fn the_mentor_adds_mentees_switches_records_and_the_cap_is_refused() {
    let mut f = fixture(Some(jane()));
    let dir = f.dir.path().to_path_buf();
    let file = |_: &(), name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let app = &mut f.app;
    app.send_keys("8").focus_on(&FieldId::AddMentee);
    for name in ["Zoë Adams", "Siobhán Kelly", "李华", "Sam Patel"] {
        app.send_keys(name).send(KeyCode::Enter);
        assert!(!app.message.as_ref().unwrap().1, "{:?}", app.message);
        app.focus_on(&FieldId::AddMentee);
    }
    let list = file(&(), "mentees.json");
    assert!(
        list.contains("Zoë Adams") && list.contains("Sam Patel"),
        "{list}"
    );
    // A fifth is refused, quoting the scheme's rule; the typed name stays in the field.
    let app = &mut f.app;
    app.send_keys("Alex Kim").send(KeyCode::Enter);
    let err = app.form().error(&FieldId::AddMentee).unwrap().to_string();
    assert!(
        err.contains("4 active mentees") && err.contains("four"),
        "{err}"
    );
    assert!(!file(&(), "mentees.json").contains("Alex Kim"));
    app.send(KeyCode::Esc);
    snap("mentees", &f);
    // w opens the first mentee's record: a data directory of its own; the status bar says whose.
    let app = &mut f.app;
    app.send_keys("w");
    assert!(app.settings.mentee.is_some(), "{:?}", app.message);
    assert_eq!(app.settings.mentee.as_ref().unwrap().name, "Zoë Adams");
    assert!(app.record.plans.is_empty(), "the mentor's plan stays apart");
    assert!(screen_text(app, 80, 24).contains("Zoë Adams's record"));
    app.send_keys("4a")
        .send_keys("Read two papers")
        .send(KeyCode::Enter)
        .ctrl('s');
    assert!(file(&(), "mentees/zoe-adams/meetings.json").contains("Read two papers"));
    assert!(!file(&(), "meetings.json").contains("Read two papers"));
    snap("mentee_record", &f);
    // Through every mentee and back to the mentor's own record.
    let app = &mut f.app;
    // Enter moved on to the meeting date, typing there: Esc first.
    app.send(KeyCode::Esc);
    for _ in 0..4 {
        app.send_keys("w");
    }
    assert!(app.settings.mentee.is_none());
    assert_eq!(app.record.profile.name, "Jane Smith");
    // Ending a mentee asks first and frees a place.
    app.send_keys("8")
        .focus_on(&FieldId::MenteeRow("sam-patel".into()))
        .send_keys("e");
    assert!(app.modal.is_some());
    app.send_keys("y");
    assert!(file(&(), "mentees.json").contains("ended"));
    // The refused name is still in the field: typing replaces it.
    app.focus_on(&FieldId::AddMentee)
        .send_keys("Alex Kim")
        .send(KeyCode::Enter);
    assert!(file(&(), "mentees.json").contains("Alex Kim"));
}
