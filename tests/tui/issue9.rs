//! Issue 9: the smaller defects a first-time user met at 80x24 in tmux, each fixed and kept
//! fixed.

use super::*;
use mentorplan::ui::form::Value;

fn labels(app: &App) -> Vec<String> {
    app.form()
        .fields()
        .iter()
        .map(|f| f.label.clone())
        .collect()
}

/// Jane with a second plan, for 2026-28 (the current window), started from her 2021-23 one.
fn jane_two_plans() -> Record {
    let mut r = jane();
    let mut next = r.plans[&PlanWindow(2021)].clone();
    next.window = PlanWindow(2026);
    next.sections
        .insert("key-targets".into(), "Submit the BERA article.".into());
    r.plans.insert(PlanWindow(2026), next);
    r
}

#[test]
fn esc_leaves_the_plan_comparison_at_once() {
    let mut f = fixture(Some(jane_two_plans()));
    let app = &mut f.app;
    // The Plan's first row is a choice, which takes letters: Esc, then c.
    app.send_keys("5").send(KeyCode::Esc).send_keys("c");
    assert!(
        labels(app)[0].contains("Changes from 2021-23 to 2026-28"),
        "{:?}",
        labels(app)
    );
    // Esc alone, with no other key after it: the plan is back on screen.
    app.send(KeyCode::Esc);
    assert!(!app.more.plan_compare);
    let screen = screen_text(app, 80, 24);
    assert!(!screen.contains("Changes from"), "{screen}");
    assert!(labels(app).iter().any(|l| l == "About You"), "{screen}");
    assert_eq!(app.form().focused().unwrap().id, FieldId::Window);
}

#[test]
fn the_export_file_is_named_after_the_plan_exported() {
    let mut f = fixture(Some(jane_two_plans()));
    let app = &mut f.app;
    // The Plan screen shows 2021-23 instead of the current 2026-28; Export follows it.
    app.send_keys("5")
        .focus_on(&FieldId::Window)
        .send(KeyCode::Left);
    assert_eq!(app.window, PlanWindow(2021));
    app.send(KeyCode::Esc).send_keys("6");
    assert_eq!(app.export.window, PlanWindow(2021));
    assert!(app.preview.as_ref().unwrap().contains("for 2021-23"));
    assert_eq!(app.export.path, "plan-2021-23.md");
    // Changed on the Export screen, the name follows too.
    app.focus_on(&FieldId::Export("window"))
        .send(KeyCode::Right);
    assert_eq!(app.export.window, PlanWindow(2026));
    assert_eq!(app.export.path, "plan-2026-28.md");
    // A name the user typed stays, whatever the window. (Committed as typing ends: how keys
    // reach the field is not what this is about.)
    app.commit(FieldId::Export("path"), Value::Text("mine.md".into()));
    assert_eq!(app.export.path, "mine.md");
    app.send(KeyCode::Esc)
        .send_keys("5")
        .focus_on(&FieldId::Window)
        .send(KeyCode::Left)
        .send(KeyCode::Esc)
        .send_keys("6");
    assert_eq!(app.window, PlanWindow(2026));
    assert_eq!(app.export.window, PlanWindow(2026));
    assert_eq!(app.export.path, "mine.md");
}

/// A hint or message longer than the terminal is wide goes on to a second row (the form gives
/// up one) instead of being cut.
#[test]
fn long_hints_and_messages_wrap_onto_a_second_row_at_80_columns() {
    use mentorplan::model::Stage;
    let mut f = fixture(Some(jane_two_plans()));
    let app = &mut f.app;
    app.send_keys("8")
        .focus_on(&FieldId::AddQuestionnaire(Stage::Post))
        .send(KeyCode::Enter)
        .focus_on(&FieldId::QuestionnairePart("notes"));
    let prompt = &app.form().focused().unwrap().help;
    assert!(prompt.len() > 80, "{prompt}");
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains(" been better?"), "{screen}");
    insta::assert_snapshot!("post_questionnaire_hint_80x24", screen);

    // The message after logging a planned workshop as attended, in full.
    let app = &mut f.app;
    app.send(KeyCode::Esc)
        .send_keys("5")
        .focus_on(&FieldId::Attend("activator.funding-landscape".into()))
        .send(KeyCode::Esc)
        .send_keys("a");
    let (message, error) = app.message.clone().unwrap();
    assert!(!error && message.len() > 80, "{message}");
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains("(7 shows the log)"), "{screen}");
    insta::assert_snapshot!("attended_message_80x24", screen);
}

/// A mentor looking at a mentee's record: Home speaks about the mentee, not to "you".
#[test]
fn a_mentees_home_is_about_the_mentee() {
    let mut f = fixture(Some(jane()));
    let s = settings(f.dir.path());
    s.store
        .add_mentee(&s.catalog, "Zoë Adams", today())
        .unwrap();
    let app = &mut f.app;
    app.send_keys("w1");
    assert!(app.settings.mentee.is_some(), "{:?}", app.message);
    let screen = screen_text(app, 80, 24);
    assert!(
        screen.contains("Zoë Adams has not filled in About You"),
        "{screen}"
    );
    for mine in ["fill in About You", "\"You ", "Your data"] {
        assert!(!screen.contains(mine), "{mine}: {screen}");
    }
    let dir = f.dir.path().display().to_string();
    let stable = format!("/tmp/{}", "X".repeat(dir.len().saturating_sub(5)));
    insta::assert_snapshot!("mentee_home_80x24", screen.replace(&dir, &stable));
    let app = &mut f.app;
    // Her own Home still speaks to her.
    app.send_keys("w");
    assert!(app.settings.mentee.is_none());
    let labels = labels(app);
    assert!(labels.iter().any(|l| l == "You"), "{labels:?}");
}

/// A Plan grid row has two stops, its boxes and its month; without colour (the fixture's theme
/// is what `NO_COLOR` gives) the focused one is still marked, where it starts.
#[test]
fn the_focused_stop_of_a_grid_row_shows_without_colour() {
    const SESSION: &str = "activator.funding-landscape";
    let mut f = fixture(Some(jane_two_plans()));
    assert_eq!(f.app.theme, Theme::with_no_color(Some("1".as_ref())));
    let row = |app: &App| {
        screen_text(app, 80, 24)
            .lines()
            .find(|l| l.contains("Surveying Your Funding"))
            .unwrap()
            .to_string()
    };
    let app = &mut f.app;
    app.send_keys("5")
        .focus_on(&FieldId::Attend(SESSION.into()));
    assert!(
        row(app).contains(">[x] Yes [ ] No month 09/21"),
        "{}",
        row(app)
    );
    insta::assert_snapshot!("grid_boxes_focused_80x24", screen_text(app, 80, 24));
    app.send(KeyCode::Tab);
    assert_eq!(
        app.form().focused().unwrap().id,
        FieldId::Month(SESSION.into())
    );
    assert!(
        row(app).contains(" [x] Yes [ ] No>month 09/21"),
        "{}",
        row(app)
    );
    insta::assert_snapshot!("grid_month_focused_80x24", screen_text(app, 80, 24));
}

/// Issue 13: the Export screen offers Word, names the file .docx, and writes the document
/// itself (a zip archive), not the text its preview shows.
#[test]
fn the_export_screen_writes_a_word_document() {
    use std::io::Read;
    let out = tempfile::tempdir().unwrap();
    let mut f = fixture(Some(jane_two_plans()));
    let app = &mut f.app;
    app.send_keys("6");
    let word = mentorplan::ui::screens::export::FORMATS
        .iter()
        .position(|f| f.0 == mentorplan::export::Format::Docx)
        .expect("Word is offered");
    app.commit(FieldId::Export("format"), Value::Choice(word));
    assert_eq!(app.export.path, "plan-2026-28.docx");
    let path = out.path().join("plan.docx");
    app.commit(
        FieldId::Export("path"),
        Value::Text(path.display().to_string()),
    );
    app.commit(FieldId::Export("write"), Value::None);
    let (msg, is_error) = app.message.clone().unwrap();
    assert!(!is_error && msg.contains("bytes"), "{msg}");
    let bytes = std::fs::read(&path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains("My Two-Year CERES Research Plan: 2026-28"),
        "{xml}"
    );
}

/// Issue 13: the calendar's CRLF line ends showed as a blank line after every line of the
/// preview (a lone carriage return is drawn as a line break); the file keeps them.
#[test]
fn the_calendar_previews_as_plain_lines_and_is_written_with_crlf() {
    let out = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path());
    s.store
        .replace(&jane_two_plans(), chrono::Utc::now())
        .unwrap();
    let mut app = App::new(s, Theme::plain(), mentorplan::export::render);
    app.send_keys("6");
    let calendar = mentorplan::ui::screens::export::FORMATS
        .iter()
        .position(|f| f.0 == mentorplan::export::Format::Calendar)
        .expect("a calendar is offered");
    app.commit(FieldId::Export("format"), Value::Choice(calendar));
    let preview = app.preview.clone().unwrap();
    assert!(preview.starts_with("BEGIN:VCALENDAR\n"), "{preview}");
    assert!(!preview.contains('\r'), "{preview:?}");
    let path = out.path().join("plan.ics");
    app.commit(
        FieldId::Export("path"),
        Value::Text(path.display().to_string()),
    );
    app.commit(FieldId::Export("write"), Value::None);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("BEGIN:VCALENDAR\r\n"), "{written:?}");
    assert!(
        written.contains("DTSTART;VALUE=DATE:20270615\r\n"),
        "{written:?}"
    );
}
