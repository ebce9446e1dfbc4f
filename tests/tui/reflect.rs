//! The mentor's reflective log on the Mentoring screen (issue 15): a cycle written through its
//! four stages by keys alone, on the same form engine and input model as every form, beside
//! the evidence of practice counted from a mentee's record (never its text). Snapshots at 80x24.

use super::*;
use mentorplan::model::ReflectStage;
use mentorplan::ui::screens::ScreenId;

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen_text(app, 80, 24));
}

/// Jane, a mentor of Zoë, whose record holds a meeting with a private note.
fn mentor() -> Fixture {
    let f = fixture(Some(jane()));
    let s = settings(f.dir.path());
    let zoe = s
        .store
        .add_mentee(&s.catalog, "Zoë Adams", d("2026-09-01"))
        .unwrap();
    let mut m = Meeting::new(d("2026-10-06"), 90);
    m.notes = "ZOE-PRIVATE worries about her probation".into();
    s.store
        .mentee_store(&zoe)
        .apply(
            &s.catalog,
            &[mentorplan::ops::Op::AddMeeting(m)],
            chrono::Utc::now(),
        )
        .unwrap();
    f
}

fn saved(f: &Fixture) -> serde_json::Value {
    let text = std::fs::read_to_string(f.dir.path().join("reflect.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_mentor_writes_a_cycle_of_four_stages_by_keys_alone() {
    let mut f = mentor();
    let app = &mut f.app;
    app.send_keys("8").focus_on(&FieldId::OpenReflect);
    app.send(KeyCode::Enter);
    assert_eq!(app.section_title(), "Mentoring › reflective log");
    let screen = screen_text(app, 80, 24);
    assert!(
        screen.contains("Zoë Adams (current, since 2026-09-01)")
            && screen.contains("2026-27: meetings 1, hours 1.5,"),
        "{screen}"
    );
    assert!(!screen.contains("ZOE-PRIVATE"), "{screen}");
    snap("reflect_log_empty", app);
    // A cycle: its question typed at once (a text field takes every key), then its focus.
    app.focus_on(&FieldId::AddCycle).send(KeyCode::Enter);
    assert_eq!(
        app.form().focused().unwrap().id,
        FieldId::CyclePart("question")
    );
    assert!(app.form().is_editing(), "typed at once");
    app.send_keys("How do open questions help a mentee think?")
        .send(KeyCode::Enter)
        .send_keys("First meetings with new mentees: quit, a, d are text here.");
    app.send(KeyCode::Esc).send(KeyCode::Esc);
    assert_eq!(app.screen, ScreenId::Mentoring);
    let cycle = app.record.reflect.cycles[0].clone();
    assert_eq!(
        cycle.focus,
        "First meetings with new mentees: quit, a, d are text here."
    );
    // An entry at each stage, each the stage after the last, tagged with Descriptor 3.
    for (n, stage) in ReflectStage::ALL.into_iter().enumerate() {
        app.focus_on(&FieldId::AddReflectEntry(cycle.id))
            .send(KeyCode::Enter);
        assert_eq!(
            app.form().focused().unwrap().id,
            FieldId::ReflectPart("date")
        );
        app.focus_on(&FieldId::ReflectPart("text"))
            .send_keys(&format!("Stage {n}: I asked more, told less."));
        app.focus_on(&FieldId::ReflectPart("evidence"))
            .send_keys("https://example.org/journal");
        app.focus_on(&FieldId::ReflectTag("descriptor-3".into()))
            .send_keys("y");
        if stage == ReflectStage::Observe {
            snap("reflect_entry", app);
        }
        app.send(KeyCode::Esc).send(KeyCode::Esc);
        let e = app.record.reflect.cycles[0].entries.last().unwrap();
        assert_eq!(e.stage, stage, "{:?}", app.message);
    }
    app.ctrl('s');
    let file = saved(&f);
    let entries = file["reflect"]["cycles"][0]["entries"].as_array().unwrap();
    let stages: Vec<&str> = entries
        .iter()
        .map(|e| e["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["plan", "act", "observe", "reflect"]);
    for e in entries {
        assert_eq!(e["tags"][0], "descriptor-3");
        assert_eq!(e["evidence"][0], "https://example.org/journal");
    }
    assert_eq!(
        file["reflect"]["cycles"][0]["question"],
        "How do open questions help a mentee think?"
    );
    let app = &mut f.app;
    app.send(KeyCode::Home)
        .focus_on(&FieldId::CycleRow(cycle.id));
    snap("reflect_log", app);
    // Esc goes back to the Mentoring list, onto the log's button.
    app.send(KeyCode::Esc);
    assert_eq!(app.form().focused().unwrap().id, FieldId::OpenReflect);
}

#[test]
fn an_entry_is_deleted_after_asking_and_an_empty_one_is_never_saved() {
    let mut f = mentor();
    let app = &mut f.app;
    app.send_keys("8")
        .focus_on(&FieldId::OpenReflect)
        .send(KeyCode::Enter);
    app.focus_on(&FieldId::AddCycle)
        .send(KeyCode::Enter)
        .send_keys("q")
        .send(KeyCode::Esc)
        .send(KeyCode::Esc);
    let cycle = app.record.reflect.cycles[0].id;
    // A new entry left without text is not saved.
    app.focus_on(&FieldId::AddReflectEntry(cycle))
        .send(KeyCode::Enter)
        .send(KeyCode::Esc)
        .send(KeyCode::Esc);
    assert!(app.record.reflect.cycles[0].entries.is_empty());
    app.focus_on(&FieldId::AddReflectEntry(cycle))
        .send(KeyCode::Enter)
        .focus_on(&FieldId::ReflectPart("text"))
        .send_keys("Planned")
        .send(KeyCode::Esc)
        .send(KeyCode::Esc);
    let id = app.record.reflect.cycles[0].entries[0].id;
    app.focus_on(&FieldId::ReflectRow(id)).send_keys("d");
    assert!(app.modal.is_some());
    app.send_keys("y");
    assert!(app.record.reflect.cycles[0].entries.is_empty());
    assert_eq!(app.section_title(), "Mentoring › reflective log");
    app.ctrl('s');
    assert!(
        saved(&f)["reflect"]["cycles"][0]["entries"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_mentees_record_has_no_log() {
    let mut f = mentor();
    let app = &mut f.app;
    app.send_keys("w8");
    assert!(app.settings.mentee.is_some());
    assert!(
        !app.form()
            .fields()
            .iter()
            .any(|x| x.id == FieldId::OpenReflect),
        "the log is the mentor's own"
    );
}
