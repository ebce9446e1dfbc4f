//! Issue 9: the smaller defects a first-time user met at 80x24 in tmux, each fixed and kept
//! fixed.

use super::*;
use mentorplan::ui::screens::ScreenId;

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
    app.send_keys("5c");
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
