//! Every screen at 80x24 and 120x40 with the seed's example data. Read them when they change.

use super::*;
use mentorplan::tui::screens::ScreenId;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The temporary data directory's name changes each run; it is shown on Home.
fn snap(name: &str, f: &Fixture) {
    let dir = f.dir.path().display().to_string();
    let stable = format!("/tmp/{}", "X".repeat(dir.len().saturating_sub(5)));
    for (w, h) in SIZES {
        let t = render(&f.app, w, h);
        let text = t.backend().to_string().replace(&dir, &stable);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

fn jane_app() -> Fixture {
    fixture(Some(jane()))
}

#[test]
fn home() {
    let f = jane_app();
    snap("home", &f);
}

#[test]
fn home_without_data() {
    let f = fixture(None);
    snap("home_empty", &f);
}

#[test]
fn profile() {
    let mut f = jane_app();
    f.app.send_keys("2");
    snap("profile", &f);
}

#[test]
fn checklist() {
    let mut f = jane_app();
    f.app
        .send_keys("3")
        .focus_on(&FieldId::Tick("journal.writing".into()));
    snap("checklist", &f);
}

#[test]
fn meetings_list() {
    let mut f = jane_app();
    f.app.send_keys("4");
    snap("meetings", &f);
}

#[test]
fn action_detail() {
    let mut f = jane_app();
    let id = f.app.record.meetings.actions[0].id;
    f.app
        .send_keys("4")
        .focus_on(&FieldId::ActionRow(id))
        .send(KeyCode::Enter);
    snap("action", &f);
}

#[test]
fn meeting_detail() {
    let mut f = jane_app();
    let id = f.app.record.meetings.meetings[1].id;
    f.app
        .send_keys("4")
        .focus_on(&FieldId::MeetingRow(id))
        .send(KeyCode::Enter);
    snap("meeting", &f);
}

/// The example plan: windows are 2021-23 and the current 2026-28; Space picks 2021-23.
fn jane_plan(f: &mut Fixture) {
    f.app
        .send_keys("5")
        .focus_on(&FieldId::Window)
        .send_keys(" ");
    assert_eq!(f.app.window, PlanWindow(2021));
}

#[test]
fn plan_top() {
    let mut f = jane_app();
    jane_plan(&mut f);
    snap("plan_top", &f);
}

#[test]
fn plan_library_grid() {
    let mut f = jane_app();
    jane_plan(&mut f);
    f.app.focus_on(&FieldId::Attend("library.scival".into()));
    snap("plan_library", &f);
}

#[test]
fn plan_key_targets() {
    let mut f = jane_app();
    jane_plan(&mut f);
    f.app.focus_on(&FieldId::Section("key-targets".into()));
    snap("plan_key_targets", &f);
}

#[test]
fn plan_empty_section_shows_the_prompt() {
    let mut f = jane_app();
    jane_plan(&mut f);
    f.app.focus_on(&FieldId::Section("publications".into()));
    let text = screen_text(&f.app, 80, 24);
    assert!(text.contains("[Please list any publications"), "{text}");
    snap("plan_publications", &f);
}

#[test]
fn plan_current_window_not_started() {
    let mut f = jane_app();
    f.app.send_keys("5");
    snap("plan_new", &f);
}

#[test]
fn export() {
    let mut f = jane_app();
    f.app.goto(ScreenId::Export);
    snap("export", &f);
}

#[test]
fn help_overlay() {
    let mut f = jane_app();
    f.app.send_keys("5").send(KeyCode::Esc).send_keys("?");
    snap("help_plan", &f);
}

#[test]
fn delete_confirmation() {
    let mut f = jane_app();
    let id = f.app.record.meetings.actions[1].id;
    f.app
        .send_keys("4")
        .focus_on(&FieldId::ActionRow(id))
        .send_keys("d");
    snap("confirm_delete", &f);
}

#[test]
fn terminal_too_small() {
    let f = jane_app();
    let t = render(&f.app, 59, 16);
    insta::assert_snapshot!("too_small_59x16", t.backend());
}
