//! Saves never lose another process's write: a `mentorplan note` while the notes are open, a
//! second window editing the same plan section. The trial found both overwritten.

use super::*;
use mentorplan::domain::ops::Op;
use mentorplan::session::Settings;

fn note(s: &Settings, date: NaiveDate, text: &str) {
    s.store
        .apply(
            &s.catalog,
            &[Op::AppendNote {
                date,
                text: text.into(),
                new_id: uuid::Uuid::new_v4(),
            }],
            chrono::Utc::now(),
        )
        .unwrap();
}

fn notes_on_disk(s: &Settings, id: uuid::Uuid) -> String {
    s.store
        .load()
        .unwrap()
        .meetings
        .meeting(id)
        .unwrap()
        .notes
        .clone()
}

/// Opens the notes of the example's last meeting for typing (cursor at their end).
fn open_notes(app: &mut App) -> mentorplan::domain::model::Meeting {
    let m = app.record.meetings.meetings[1].clone();
    app.send_keys("4")
        .focus_on(&FieldId::MeetingRow(m.id))
        .send(KeyCode::Enter)
        .focus_on(&FieldId::MeetingPart("notes"));
    assert!(
        app.form().is_editing(),
        "the focus arriving types in the notes"
    );
    m
}

#[test]
fn a_note_from_another_shell_survives_the_open_meeting_notes() {
    let mut f = fixture(Some(jane()));
    let other = settings(f.dir.path());
    let app = &mut f.app;
    let m = open_notes(app);
    app.send_keys(" Typed here.");
    // A save before the note: the whole meeting, with the notes as typed so far, is on disk.
    app.ctrl('s');
    note(&other, m.date, "Noted from the second pane");
    app.send_keys(" More.");
    // Saved without noticing the change first (no poll): merged under the lock.
    app.ctrl('s');
    let disk = notes_on_disk(&other, m.id);
    assert!(disk.contains("references. Typed here. More."), "{disk}");
    assert!(disk.contains("Noted from the second pane"), "{disk}");
    // The poll then shows it, typing goes on, and leaving the field keeps both.
    app.poll_disk();
    app.send_keys(" Last.").send(KeyCode::Esc).ctrl('s');
    let disk = notes_on_disk(&other, m.id);
    assert_eq!(
        disk,
        "Reviewed the first draft.\nNext: references. Typed here. More. Last.\nNoted from the second pane"
    );
    assert_eq!(app.record.meetings.meeting(m.id).unwrap().notes, disk);
    assert!(screen_text(app, 80, 24).contains("Noted from the second pane"));
}

#[test]
fn a_note_arriving_while_a_field_is_open_is_kept_when_it_commits() {
    let mut f = fixture(Some(jane()));
    let other = settings(f.dir.path());
    let app = &mut f.app;
    let m = open_notes(app);
    app.send_keys(" A");
    note(&other, m.date, "X");
    // The poll sees the change while an edit waits: it saves at once, merged.
    assert!(app.poll_disk());
    assert!(app.pending().is_empty());
    app.send_keys("B").send(KeyCode::Esc);
    app.ctrl('s');
    assert_eq!(
        notes_on_disk(&other, m.id),
        "Reviewed the first draft.\nNext: references. AB\nX"
    );
}

#[test]
fn two_windows_editing_the_same_plan_section_both_land() {
    let mut f = fixture(Some(jane()));
    let mut second = App::new(settings(f.dir.path()), Theme::plain(), fake_export);
    let id = FieldId::Section("other".into());
    let w = PlanWindow(2026);
    let first = &mut f.app;
    for app in [&mut *first, &mut second] {
        app.send_keys("5").focus_on(&id);
    }
    first.send_keys("From the first window.");
    second.send_keys("From the second window.");
    first.send(KeyCode::Esc).ctrl('s');
    // The second saves over its older base: merged, not overwritten.
    second.send(KeyCode::Esc).ctrl('s');
    let disk = settings(f.dir.path()).store.load().unwrap();
    let text = disk.plans[&w].section("other");
    assert!(text.contains("From the first window."), "{text}");
    assert!(text.contains("From the second window."), "{text}");
    // The first window picks up the merged text and its next edit keeps it.
    assert!(first.poll_disk());
    first
        .send(KeyCode::Enter)
        .send_keys(" Again.")
        .send(KeyCode::Esc)
        .ctrl('s');
    let text = settings(f.dir.path()).store.load().unwrap().plans[&w]
        .section("other")
        .to_string();
    assert!(text.contains("From the second window."), "{text}");
    assert!(text.contains("Again."), "{text}");
}

#[test]
fn a_section_changed_elsewhere_while_it_is_being_typed_in_keeps_both() {
    let mut f = fixture(Some(jane()));
    let other = settings(f.dir.path());
    let app = &mut f.app;
    let w = PlanWindow(2026);
    let id = FieldId::Section("grants".into());
    app.send_keys("5")
        .focus_on(&id)
        .send_keys("Start.")
        .send(KeyCode::Esc)
        .ctrl('s');
    app.send(KeyCode::Enter).send_keys(" Typed.");
    other
        .store
        .apply(
            &other.catalog,
            &[Op::SetSection {
                window: w,
                section: "grants".into(),
                text: "Start.\nAdded by the other window.".into(),
            }],
            chrono::Utc::now(),
        )
        .unwrap();
    assert!(app.poll_disk());
    app.send_keys(" More.").send(KeyCode::Tab).ctrl('s');
    let text = other.store.load().unwrap().plans[&w]
        .section("grants")
        .to_string();
    assert_eq!(text, "Start. Typed. More.\nAdded by the other window.");
    assert_eq!(app.record.plans[&w].section("grants"), text);
}

/// Issue 9: two windows typing a name where there was none saved "Bob\nAlice", a newline in a
/// one-line field. The window that saves last keeps its own value, whole.
#[test]
fn two_windows_editing_the_same_one_line_field_keep_one_value() {
    let mut f = fixture(None);
    let mut second = App::new(settings(f.dir.path()), Theme::plain(), fake_export);
    let id = FieldId::Profile("name");
    let first = &mut f.app;
    // Each window commits its name as typing ends and saves; the second has not seen the
    // first's.
    for (app, name) in [(&mut *first, "Alice"), (&mut second, "Bob")] {
        app.goto(mentorplan::tui::screens::ScreenId::Profile);
        app.commit(id.clone(), mentorplan::tui::form::Value::Text(name.into()));
        app.save_now();
    }
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert_eq!(disk.profile.name, "Bob");
    assert_eq!(second.record.profile.name, "Bob");
    assert!(first.poll_disk());
    assert_eq!(first.record.profile.name, "Bob");
}
