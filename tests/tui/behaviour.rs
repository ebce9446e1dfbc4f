//! The app driven by keys, without a terminal.

use super::*;
use mentorplan::domain::ops::Op;
use mentorplan::tui::app::SaveState;
use mentorplan::tui::screens::ScreenId;
use std::time::{Duration, Instant};

fn focused(app: &App) -> FieldId {
    app.form().focused().unwrap().id.clone()
}

#[test]
fn tab_and_arrows_move_between_fields_and_j_k_are_text() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("2");
    assert_eq!(focused(app), FieldId::Profile("name"));
    app.send(KeyCode::Tab);
    assert_eq!(focused(app), FieldId::Profile("position"));
    app.send(KeyCode::Down);
    assert_eq!(focused(app), FieldId::Profile("fte"));
    app.send(KeyCode::Down);
    assert_eq!(focused(app), FieldId::Profile("mentors"));
    app.send(KeyCode::Up).send(KeyCode::Up);
    assert_eq!(focused(app), FieldId::Profile("position"));
    // j and k are letters like any other on a text field: typed, not moves (issue 9).
    app.send_keys("jk");
    assert_eq!(focused(app), FieldId::Profile("position"));
    assert_eq!(
        app.form().editing_text().as_deref(),
        Some("Lecturer in Educationjk")
    );
    app.send(KeyCode::Backspace).send(KeyCode::Backspace);
    // After Esc they are no commands either: nothing moves, a hint says how to type.
    app.send(KeyCode::Esc).send_keys("j");
    assert_eq!(focused(app), FieldId::Profile("position"));
    assert!(!app.form().is_editing());
    assert!(app.message.as_ref().unwrap().0.contains("Enter or i types"));
    assert_eq!(app.record.profile.position, "Lecturer in Education");
    app.send(KeyCode::BackTab);
    assert_eq!(focused(app), FieldId::Profile("name"));
    app.send(KeyCode::BackTab);
    assert_eq!(focused(app), FieldId::Profile("name"), "stops at the top");
    // Number keys jump between screens (from a form's row after Esc) and come back to the
    // same field.
    app.focus_on(&FieldId::Profile("membership"))
        .send(KeyCode::Esc)
        .send_keys("3");
    assert_eq!(app.screen, ScreenId::Checklist);
    app.send(KeyCode::Esc).send_keys("2");
    assert_eq!(focused(app), FieldId::Profile("membership"));
}

#[test]
fn the_footer_hints_a_key_only_for_what_it_does_here() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    // Typing a meeting's notes: Tab is text there, and Esc is hinted once.
    app.send_keys("m");
    let screen = screen_text(app, 120, 40);
    let bar = screen.lines().last().unwrap();
    assert_eq!(bar.matches("Esc commands").count(), 1, "{bar}");
    assert!(!bar.contains("Tab next"), "{bar}");
    // The actions list: Space sets an action's status, it toggles nothing.
    app.send(KeyCode::Esc).send_keys("4");
    let screen = screen_text(app, 120, 40);
    let bar = screen.lines().last().unwrap();
    assert!(bar.contains("Space status"), "{bar}");
    assert!(!bar.contains("Space toggle"), "{bar}");
}

#[test]
fn no_text_field_asks_for_enter_before_typing() {
    // The focus arriving on a text field types in it, and Enter in a text area is a new line:
    // a hint saying "Enter to type" would start a plan section with an empty line.
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    for screen in ScreenId::ALL {
        app.goto(screen);
        for field in app.form().fields().iter().filter(|x| x.kind.is_text()) {
            assert!(
                !field.help.contains("Enter to"),
                "{:?}: {}",
                field.id,
                field.help
            );
        }
    }
}

#[test]
fn moving_through_a_form_without_typing_changes_nothing() {
    // Focus arriving on a text field types in it, and leaving it commits: a field left as
    // it was must not queue a change (a save, "unsaved", and with saving held back a
    // question about losing changes that were never made).
    use mentorplan::domain::model::{Agreement, DevEntry, Questionnaire, Stage, TimeSpent};
    let mut r = jane();
    r.agreements.agreements.push(Agreement::new("Joe Hope"));
    r.devlog.entries.push(DevEntry::new(
        d("2026-10-12"),
        "BERA conference",
        "external",
        TimeSpent::parse_days("2").unwrap(),
    ));
    let mut q = Questionnaire::new(Stage::Pre, d("2026-09-01"));
    q.notes = "Support with my first journal article.".into();
    r.questionnaires.questionnaires.push(q);
    let rows = [
        ("3", None),
        ("4", Some(FieldId::ActionRow(r.meetings.actions[0].id))),
        ("4", Some(FieldId::MeetingRow(r.meetings.meetings[0].id))),
        ("7", Some(FieldId::DevRow(r.devlog.entries[0].id))),
        (
            "8",
            Some(FieldId::AgreementRow(r.agreements.agreements[0].id)),
        ),
        (
            "8",
            Some(FieldId::QuestionnaireRow(
                r.questionnaires.questionnaires[0].id,
            )),
        ),
    ];
    for (screen, row) in rows {
        let mut f = fixture(Some(r.clone()));
        let app = &mut f.app;
        app.send_keys(screen);
        if let Some(row) = &row {
            app.focus_on(row).send(KeyCode::Enter);
        }
        for _ in 0..60 {
            app.send(KeyCode::Tab);
        }
        for _ in 0..60 {
            app.send(KeyCode::BackTab);
        }
        app.send(KeyCode::Esc);
        assert!(app.pending().is_empty(), "{row:?}: {:?}", app.pending());
        assert_eq!(app.save, SaveState::Saved, "{row:?}");
    }
}

#[test]
fn space_cycles_a_workshop_through_yes_no_and_unanswered() {
    let mut f = fixture(None);
    let app = &mut f.app;
    let id = "activator.symplectic".to_string();
    let w = PlanWindow(2026);
    app.send_keys("5").focus_on(&FieldId::Attend(id.clone()));
    app.send_keys(" ");
    assert_eq!(app.record.plans[&w].session(&id).attend, Some(Attend::Yes));
    app.send_keys(" ");
    assert_eq!(app.record.plans[&w].session(&id).attend, Some(Attend::No));
    app.send_keys(" ");
    assert_eq!(app.record.plans[&w].session(&id).attend, None);
    // The month beside it.
    app.send(KeyCode::Tab)
        .send_keys("10/27")
        .send(KeyCode::Enter);
    assert_eq!(
        app.record.plans[&w].session(&id).month.map(|m| m.short()),
        Some("10/27".to_string())
    );
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains("Setting up Symplectic"), "{screen}");
    assert!(screen.contains("10/27"), "{screen}");
}

#[test]
fn a_date_that_does_not_exist_is_refused_and_the_text_kept() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    let a = app.record.meetings.actions[0].clone();
    app.send_keys("4")
        .focus_on(&FieldId::ActionRow(a.id))
        .send(KeyCode::Enter);
    let review = FieldId::ActionPart("review");
    // The focus arriving on the field types in it.
    app.focus_on(&review);
    assert!(app.form().is_editing());
    for _ in 0..10 {
        app.send(KeyCode::Backspace);
    }
    app.send_keys("2027-02-30").send(KeyCode::Enter);
    let err = app.form().error(&review).expect("an error under the field");
    assert!(err.contains("\"2027-02-30\" is not a date"), "{err}");
    assert!(
        app.form().is_editing(),
        "Enter on a refused value stays for correction"
    );
    assert_eq!(
        app.record.meetings.actions[0].review_date, a.review_date,
        "last valid kept"
    );
    // Leaving keeps the typed text and the message on screen.
    app.send(KeyCode::Esc);
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains("2027-02-30"), "{screen}");
    assert!(screen.contains("is not a date"), "{screen}");
    // Correcting it clears the message: Enter types in the field again, and typing replaces
    // the refused text.
    app.send(KeyCode::Enter);
    assert!(app.form().is_editing());
    app.send_keys("2027-02-28").send(KeyCode::Enter);
    assert_eq!(app.form().error(&review), None);
    assert_eq!(
        app.record.meetings.actions[0].review_date,
        Some(d("2027-02-28"))
    );
}

#[test]
fn an_fte_above_one_is_refused() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("2").focus_on(&FieldId::Profile("fte"));
    for _ in 0..3 {
        app.send(KeyCode::Backspace);
    }
    app.send_keys("1.2").send(KeyCode::Enter);
    let err = app.form().error(&FieldId::Profile("fte")).unwrap();
    assert!(err.contains("at most 1.0"), "{err}");
    assert_eq!(app.record.profile.fte, Some(Fte::FULL));
    assert!(app.pending().is_empty(), "nothing to save");
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains("1.2"), "the typed text stays: {screen}");
}

#[test]
fn undo_and_redo_in_a_text_area() {
    let mut f = fixture(None);
    let app = &mut f.app;
    let id = FieldId::Section("grants".into());
    let w = PlanWindow(2026);
    app.send_keys("5").focus_on(&id);
    app.send_keys("BA");
    assert_eq!(app.record.plans[&w].section("grants"), "BA");
    app.ctrl('_');
    assert_eq!(app.record.plans[&w].section("grants"), "B");
    app.ctrl('r');
    assert_eq!(app.record.plans[&w].section("grants"), "BA");
    // Enter is a new line in a text area; Esc leaves and the text stays.
    app.send(KeyCode::Enter)
        .send_keys("small grant")
        .send(KeyCode::Esc);
    assert!(!app.form().is_editing());
    assert_eq!(app.record.plans[&w].section("grants"), "BA\nsmall grant");
    // Undo history survives leaving the field.
    app.send(KeyCode::Enter).ctrl('_');
    assert_eq!(app.record.plans[&w].section("grants"), "BA\nsmall gran");
}

#[test]
fn quitting_with_unsaved_changes_saves_first() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("3")
        .focus_on(&FieldId::Tick("income.ukri".into()))
        .send_keys(" ");
    assert_eq!(app.save, SaveState::Unsaved);
    app.send(KeyCode::Esc).send_keys("q");
    assert!(app.quit, "no question when the save worked");
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert!(disk.checklist.is_ticked("income", "income.ukri"));
}

#[test]
fn quitting_while_typing_keeps_the_text() {
    let mut f = fixture(None);
    let app = &mut f.app;
    app.send_keys("2").send_keys("Zoë");
    app.ctrl('c');
    assert!(app.quit);
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert_eq!(disk.profile.name, "Zoë");
}

#[test]
fn autosave_waits_a_second_after_the_last_change() {
    let mut f = fixture(None);
    let app = &mut f.app;
    app.send_keys("2").send_keys("Siobhán").send(KeyCode::Enter);
    assert_eq!(app.save, SaveState::Unsaved);
    app.tick(Instant::now());
    assert_eq!(app.save, SaveState::Unsaved, "not yet");
    assert!(app.tick(Instant::now() + Duration::from_millis(1100)));
    assert_eq!(app.save, SaveState::Saved);
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert_eq!(disk.profile.name, "Siobhán");
}

#[test]
fn a_change_on_disk_shows_and_pending_edits_are_kept() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    // Typing in the plan, not yet saved.
    app.send_keys("5")
        .focus_on(&FieldId::Section("other".into()))
        .send_keys("Research Café");
    assert!(!app.pending().is_empty());
    // Meanwhile `mentorplan note` in another shell.
    let other = settings(f.dir.path());
    other
        .store
        .apply(
            &other.catalog,
            &[Op::AppendNote {
                date: today(),
                text: "Abstract accepted at BERA".into(),
                new_id: uuid::Uuid::new_v4(),
            }],
            chrono::Utc::now(),
        )
        .unwrap();
    assert!(app.poll_disk());
    assert!(
        app.record
            .meetings
            .meetings
            .iter()
            .any(|m| m.notes.contains("accepted at BERA"))
    );
    assert_eq!(
        app.record.plans[&PlanWindow(2026)].section("other"),
        "Research Café"
    );
    assert!(app.form().is_editing(), "still typing");
    app.send_keys("!").send(KeyCode::Esc).ctrl('s');
    let disk = other.store.load().unwrap();
    assert_eq!(
        disk.plans[&PlanWindow(2026)].section("other"),
        "Research Café!"
    );
    assert!(
        disk.meetings
            .meetings
            .iter()
            .any(|m| m.notes.contains("accepted at BERA"))
    );
}

#[test]
fn an_unreadable_file_holds_saving_back_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("profile.json"), "{ not json").unwrap();
    let mut app = App::new(settings(dir.path()), Theme::plain(), fake_export);
    app.send_keys("2")
        .send_keys("Jane")
        .send(KeyCode::Enter)
        .ctrl('s');
    assert!(matches!(app.save, SaveState::Held(_)), "{:?}", app.save);
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("not saved: cannot read"), "{screen}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("profile.json")).unwrap(),
        "{ not json",
        "left as it was"
    );
    // Enter moved on to the position, typing there: Esc, then q.
    app.send(KeyCode::Esc).send_keys("q");
    assert!(!app.quit, "asks before losing the change");
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("Quit and lose them?"), "{screen}");
    app.send_keys("y");
    assert!(app.quit);
}

#[test]
fn actions_are_added_reordered_and_deleted_with_confirmation() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("4")
        .focus_on(&FieldId::AddAction)
        .send(KeyCode::Enter);
    // A new action: the activity first.
    assert_eq!(focused(app), FieldId::ActionPart("activity"));
    assert!(app.form().is_editing(), "typed in at once");
    app.send_keys("Write the BERA paper").send(KeyCode::Tab);
    assert_eq!(app.record.meetings.actions.len(), 3);
    let new = app.record.meetings.actions[2].id;
    app.send(KeyCode::Tab).send_keys("+8w").send(KeyCode::Enter);
    assert_eq!(
        app.record.meetings.actions[2].review_date,
        Some(d("2027-01-18"))
    );
    // Enter moved on to the status, a choice that takes letters: Esc, then Esc goes back.
    assert_eq!(focused(app), FieldId::ActionPart("status"));
    app.send(KeyCode::Esc).send(KeyCode::Esc);
    assert_eq!(focused(app), FieldId::ActionRow(new));
    app.send_keys("K");
    assert_eq!(app.record.meetings.actions[1].id, new);
    app.send_keys(" ");
    assert_eq!(app.record.meetings.actions[1].status, ActionStatus::Done);
    app.send_keys("d");
    assert!(app.modal.is_some());
    app.send_keys("n");
    assert_eq!(app.record.meetings.actions.len(), 3, "no means no");
    app.send_keys("dy");
    assert_eq!(app.record.meetings.actions.len(), 2);
    assert!(app.record.meetings.action(new).is_none());
}

#[test]
fn a_paste_arrives_as_one_clean_step() {
    let mut f = fixture(None);
    let app = &mut f.app;
    let id = FieldId::Section("conferences".into());
    app.send_keys("5").focus_on(&id);
    app.handle_event(Event::Paste(
        "“BERA” – 2027\r\nLJMU T&L\x1b[31m\rend".into(),
    ));
    let w = PlanWindow(2026);
    assert_eq!(
        app.record.plans[&w].section("conferences"),
        "“BERA” – 2027\nLJMU T&L[31m\nend"
    );
    app.ctrl('_');
    assert_eq!(
        app.record.plans[&w].section("conferences"),
        "",
        "one undo step"
    );
}

#[test]
fn text_from_disk_with_escape_sequences_is_drawn_harmlessly() {
    let mut r = jane();
    r.profile.name = "Jane\x1b]0;pwned\x07 Smith".into();
    let f = fixture(Some(r));
    let t = render(&f.app, 80, 24);
    let buf = t.backend().buffer();
    assert!(buf.content().iter().all(|c| !c.symbol().contains('\x1b')));
    assert!(
        t.backend()
            .to_string()
            .contains("Jane\u{FFFD}]0;pwned\u{FFFD} Smith")
    );
}

#[test]
fn tiny_terminals_do_not_panic() {
    let mut f = fixture(Some(jane()));
    for (w, h) in [(20, 5), (1, 1), (60, 16), (59, 40), (200, 3)] {
        let text = screen_text(&f.app, w, h);
        assert_eq!(text.lines().count(), h as usize);
    }
    assert!(screen_text(&f.app, 20, 5).contains("Terminal too"));
    f.app.send_keys("5?");
    screen_text(&f.app, 60, 16);
}

#[test]
fn resizing_while_editing_keeps_the_text_and_the_cursor_in_the_field() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("5")
        .focus_on(&FieldId::Section("grants".into()));
    app.send_keys(" More.");
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for (w, h) in [(80, 24), (40, 10), (1, 1), (120, 40), (80, 24)] {
        t.backend_mut().resize(w, h);
        t.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
        t.draw(|fr| draw::draw(fr, app)).unwrap();
    }
    assert!(app.form().is_editing());
    assert_eq!(app.form().editing_text().unwrap(), " More.");
    let pos = t.get_cursor_position().unwrap();
    let line: String = (0..80)
        .map(|x| t.backend().buffer()[(x, pos.y)].symbol().to_string())
        .collect();
    assert!(line.contains("More."), "cursor on the typed line: {line:?}");
}

#[test]
fn the_footer_and_help_come_from_the_key_table() {
    let mut f = fixture(Some(jane()));
    f.app.send_keys("4");
    let screen = screen_text(&f.app, 120, 40);
    assert!(screen.contains("a add"), "{screen}");
    f.app.send_keys("?");
    let help = screen_text(&f.app, 120, 40);
    for b in mentorplan::tui::keys::BINDINGS
        .iter()
        .filter(|b| b.context == mentorplan::tui::keys::Context::Meetings)
    {
        assert!(help.contains(b.desc), "{} missing from the help", b.desc);
    }
}

/// Issue 10: another user plants `plan.md -> victim` (or a dangling link) in a shared
/// directory; writing the export from the TUI replaced the victim's file through the link.
#[test]
fn writing_an_export_replaces_a_planted_link_not_its_target() {
    use mentorplan::tui::form::Value;
    use std::os::unix::fs::{PermissionsExt, symlink};
    let shared = tempfile::tempdir().unwrap();
    let victim = shared.path().join("victim.txt");
    std::fs::write(&victim, "the victim's own text").unwrap();
    let gone = shared.path().join("not-yet.txt");
    for (name, target) in [("plan.md", &victim), ("dangling.md", &gone)] {
        let link = shared.path().join(name);
        symlink(target, &link).unwrap();
        let mut f = fixture(Some(jane()));
        let app = &mut f.app;
        // Another section than the plan (the example's plan is not this year's).
        app.send_keys("6 ");
        app.export.path = link.display().to_string();
        app.commit(FieldId::Export("write"), Value::None);
        // Both kinds of link are something already there: the app asks first.
        assert!(app.modal.is_some(), "{name}: asks before replacing");
        app.send_keys("y");
        let (msg, is_error) = app.message.clone().unwrap();
        assert!(!is_error && msg.contains("Wrote"), "{name}: {msg}");
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(
            meta.file_type().is_file(),
            "{name}: the link itself is replaced"
        );
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{name}");
        assert!(
            std::fs::read_to_string(&link)
                .unwrap()
                .contains("Jane Smith")
        );
    }
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "the victim's own text"
    );
    assert!(!gone.exists(), "a dangling link's target is not created");
}

/// Issue 10: a meeting's date could be set in the future (counting toward this year's hours),
/// while a development entry's could not; both now refuse it with the same reason.
#[test]
fn a_meeting_cannot_be_moved_into_the_future() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    let m = app.record.meetings.meetings[1].clone();
    app.send_keys("4")
        .focus_on(&FieldId::MeetingRow(m.id))
        .send(KeyCode::Enter)
        .focus_on(&FieldId::MeetingPart("date"));
    for _ in 0..10 {
        app.send(KeyCode::Backspace);
    }
    app.send_keys("+1w").send(KeyCode::Enter);
    let error = app.form().error(&FieldId::MeetingPart("date")).unwrap();
    assert!(
        error.contains("is in the future: record a meeting once it has taken place"),
        "{error}"
    );
    assert_eq!(app.record.meetings.meetings[1].date, m.date);
}
