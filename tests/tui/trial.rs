//! What a first-time-user trial found, each fixed and kept fixed.

use super::*;
use mentorplan::tui::screens::ScreenId;

const SESSION: &str = "activator.researcher-support-intro";

#[test]
fn esc_then_a_key_read_as_alt_key_leaves_the_field_and_acts() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("2").send_keys(" Jr");
    // Esc then j, so fast that it arrives as Alt-j: Esc stops typing, and j, no command in a
    // form any more, moves nothing and is not typed.
    app.alt('j');
    assert!(!app.form().is_editing());
    assert_eq!(app.record.profile.name, "Jane Smith Jr", "no 'j' typed");
    assert_eq!(app.form().focused().unwrap().id, FieldId::Profile("name"));
    // Esc then a command key, as Alt-key, straight from typing: leaves the field and acts.
    app.send(KeyCode::Enter).send_keys(" II").alt('3');
    assert_eq!(app.screen, ScreenId::Checklist);
    assert_eq!(app.record.profile.name, "Jane Smith Jr II", "no '3' typed");
}

#[test]
fn typing_on_a_focused_field_edits_it_and_digits_do_not_switch_screens() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    let month = FieldId::Month(SESSION.into());
    app.send_keys("5").focus_on(&month).send_keys("01/27");
    assert_eq!(app.screen, ScreenId::Plan, "still on the plan");
    assert!(app.form().is_editing());
    // Enter confirms and moves on.
    app.send(KeyCode::Enter);
    let w = PlanWindow(2026);
    assert_eq!(
        app.record.plans[&w].sessions[SESSION].month,
        ym("01/27"),
        "typed in the field"
    );
    assert_ne!(app.form().focused().unwrap().id, month);
    // Digits on a form's row that is not text switch screens after Esc (the window is a
    // choice, whose row takes letters and digits without it).
    app.send(KeyCode::Home);
    assert!(!app.form().is_editing());
    app.send(KeyCode::Esc)
        .send_keys("2")
        .focus_on(&FieldId::Profile("fte"));
    assert_eq!(app.screen, ScreenId::Profile);
    // A number filled in is replaced by what is typed (the second trial's review date), and
    // undo, twice (the typing, then the replacing), brings it back; an arrow key first keeps
    // it, to edit.
    app.send_keys("0");
    assert_eq!(app.form().editing_text().as_deref(), Some("0"));
    app.ctrl('_').ctrl('_');
    assert_eq!(app.form().editing_text().as_deref(), Some("1.0"));
    app.send(KeyCode::End).send_keys("0");
    assert_eq!(app.form().editing_text().as_deref(), Some("1.00"));
    // Ctrl-U clears to the start of the line, as in the shell (the third trial's way to clear
    // a field), and undo brings it back.
    app.ctrl('u');
    assert_eq!(app.form().editing_text().as_deref(), Some(""));
    app.ctrl('_').ctrl('_');
    app.send(KeyCode::Esc)
        .focus_on(&FieldId::Profile("membership"));
    app.send(KeyCode::Esc).send_keys("3");
    assert_eq!(app.screen, ScreenId::Checklist);
}

#[test]
fn a_line_of_text_that_starts_with_a_digit_is_typed_not_taken_as_screen_keys() {
    let mut record = jane();
    record.profile.email = None;
    let mut f = fixture(Some(record));
    let app = &mut f.app;
    // The second trial typed "12 months" into an empty duration and landed on Home, then
    // Profile. A line takes the digits, empty or filled; after Esc they switch screens.
    app.send_keys("2").focus_on(&FieldId::Profile("email"));
    app.send_keys("12 months");
    assert_eq!(app.screen, ScreenId::Profile);
    assert_eq!(app.form().editing_text().as_deref(), Some("12 months"));
    assert!(app.live.is_none(), "the m did not start a meeting");
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("2").focus_on(&FieldId::Profile("position"));
    app.send_keys("5");
    assert_eq!(
        app.screen,
        ScreenId::Profile,
        "a filled line takes digits too"
    );
    assert_eq!(
        app.form().editing_text().as_deref(),
        Some("Lecturer in Education5"),
        "typed at the end, not over the text"
    );
    app.send(KeyCode::Backspace)
        .send(KeyCode::Esc)
        .send_keys("5");
    assert_eq!(
        app.screen,
        ScreenId::Plan,
        "after Esc a digit is a screen key"
    );
    assert_eq!(app.record.profile.position, "Lecturer in Education");
}

#[test]
fn typed_values_show_in_their_canonical_form_once_committed() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    let month = FieldId::Month(SESSION.into());
    app.send_keys("5").focus_on(&month);
    app.send_keys("2027-03").send(KeyCode::Enter);
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains("month 03/27"), "{screen}");
    assert!(!screen.contains("2027-03"), "{screen}");
    // Enter moved on to a Yes / No row, where a digit types the month: go by the screen.
    app.goto(ScreenId::Meetings);
    let a = app.record.meetings.actions[0].clone();
    app.focus_on(&FieldId::ActionRow(a.id))
        .send(KeyCode::Enter)
        .focus_on(&FieldId::ActionPart("review"));
    // The review date is filled: clear it (typing adds to a field's text).
    for _ in 0..10 {
        app.send(KeyCode::Backspace);
    }
    app.send_keys("+8w").send(KeyCode::Tab);
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains("2027-01-18"), "{screen}");
    assert!(!screen.contains("+8w"), "{screen}");
}

#[test]
fn the_error_under_a_field_goes_once_it_is_being_corrected() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    let fte = FieldId::Profile("fte");
    app.send_keys("2").focus_on(&fte);
    for _ in 0..3 {
        app.send(KeyCode::Backspace);
    }
    app.send_keys("1.2").send(KeyCode::Enter);
    assert!(
        app.form()
            .error(&fte)
            .is_some_and(|e| e.contains("at most 1.0"))
    );
    app.send(KeyCode::Backspace);
    assert_eq!(app.form().error(&fte), None, "being corrected");
    app.send_keys("5").send(KeyCode::Esc);
    assert!(app.form().error(&fte).is_some(), "checked again on leaving");
}

#[test]
fn examples_are_not_shown_as_values() {
    let f = fixture(None);
    let mut app = f.app;
    app.send_keys("2");
    let screen = screen_text(&app, 80, 24);
    assert!(!screen.contains("Joe Hope"), "{screen}");
    assert!(!screen.contains("1.0"), "{screen}");
    app.focus_on(&FieldId::Profile("fte"));
    assert!(screen_text(&app, 80, 24).contains("e.g. 0.8"));
}

#[test]
fn a_message_goes_at_the_next_key() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.editor_returned(Err("cannot run the editor \"nano\"".into()));
    assert!(screen_text(app, 80, 24).contains("nano"));
    app.send_keys("j");
    assert!(!screen_text(app, 80, 24).contains("nano"));
}

#[test]
fn every_tab_and_the_main_keys_fit_at_the_minimum_width() {
    let f = fixture(Some(jane()));
    let screen = screen_text(&f.app, 60, 16);
    let lines: Vec<&str> = screen.lines().collect();
    // Every screen's number, and the current one's title.
    assert!(lines[0].contains("[1 Home]"), "{}", lines[0]);
    for n in 2..=8 {
        assert!(lines[0].contains(&format!(" {n} ")), "{n}: {}", lines[0]);
    }
    assert!(lines[15].contains("? help q quit"), "{}", lines[15]);
}

#[test]
fn the_export_preview_stops_at_its_end() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    // Another section than the plan (the example's plan is not this year's).
    // Esc, then J and K scroll: the section's row, a choice, takes letters without it.
    app.send_keys("6 ").send(KeyCode::Esc);
    for _ in 0..30 {
        app.send_keys("J");
    }
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains("line 40"), "{screen}");
    app.send_keys("KK");
    let screen = screen_text(app, 80, 24);
    assert!(
        screen.contains("line 25"),
        "K scrolls back at once: {screen}"
    );
}

/// The trial's Associate Member: the user Tab-bed from Mentors onto Membership, a choice, and
/// typed its name. The `m` started a meeting and the rest of the line went into its notes.
#[test]
fn the_trials_associate_member() {
    let mut f = fixture(None);
    let app = &mut f.app;
    app.send_keys("2")
        .send_keys("Jane Smith")
        .send(KeyCode::Tab)
        .send_keys("mid-career lecturer")
        .send(KeyCode::Tab)
        .send_keys("0.8")
        .send(KeyCode::Tab)
        .send_keys("kate brown")
        .send(KeyCode::Tab);
    assert_eq!(
        app.form().focused().unwrap().id,
        FieldId::Profile("membership")
    );
    // What is typed chooses the option it begins, as in a list box: "Associate".
    app.send_keys("Associate");
    assert_eq!(app.record.profile.membership.as_deref(), Some("associate"));
    // " Member" goes on the name typed; no label begins with it, so the choice stays.
    app.send_keys(" Member");
    assert_eq!(
        app.record.profile.membership.as_deref(),
        Some("associate"),
        "the name typed, not Space"
    );
    // Enter confirms the e-mail, the last thing typed.
    app.send(KeyCode::Tab)
        .send_keys("j.smith@example.ac.uk")
        .send(KeyCode::Enter);
    assert!(app.live.is_none(), "the m started no meeting");
    assert_eq!(app.screen, ScreenId::Profile);
    let p = &app.record.profile;
    assert_eq!(p.name, "Jane Smith");
    assert_eq!(p.position, "mid-career lecturer");
    assert_eq!(p.fte, Some(Fte::parse("0.8").unwrap()));
    assert_eq!(p.mentors, vec!["kate brown".to_string()]);
    assert_eq!(p.email.as_deref(), Some("j.smith@example.ac.uk"));
}
