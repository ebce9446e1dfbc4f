//! What the trials of issue 13 found on the forms: Enter on a choice stepped it to the next
//! option (Membership "Core" became Associate; a workshop's No was cleared), and a space typed
//! between a workshop's answer and its month ("y 10/26") flipped Yes to No.

use super::*;
use mentorplan::domain::model::Attend;

#[test]
fn enter_on_a_choice_keeps_it_and_goes_to_the_next_field() {
    let mut f = fixture(None);
    let app = &mut f.app;
    app.send_keys("2").focus_on(&FieldId::Profile("membership"));
    app.send_keys("Core").send(KeyCode::Enter);
    assert_eq!(app.record.profile.membership.as_deref(), Some("core"));
    assert_ne!(
        app.form().focused().map(|f| f.id.clone()),
        Some(FieldId::Profile("membership")),
        "Enter goes on"
    );
}

fn first_workshop(app: &App) -> (String, FieldId) {
    let id = app
        .form()
        .fields()
        .iter()
        .find_map(|f| match &f.id {
            FieldId::Attend(id) => Some(id.clone()),
            _ => None,
        })
        .expect("a workshop row");
    (id.clone(), FieldId::Attend(id))
}

#[test]
fn a_space_between_a_workshops_answer_and_its_month_leaves_the_answer() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("5");
    let (id, field) = first_workshop(app);
    app.focus_on(&field);
    app.send_keys("y 10/26").send(KeyCode::Enter);
    let answer = &app.record.plans[&app.window].sessions[&id];
    assert_eq!(answer.attend, Some(Attend::Yes));
    assert_eq!(
        answer.month.map(|m| m.to_string()),
        Some("2026-10".to_string())
    );
}

#[test]
fn enter_after_a_workshops_no_keeps_it() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("5");
    let (id, field) = first_workshop(app);
    app.focus_on(&field);
    app.send_keys("n").send(KeyCode::Enter);
    assert_eq!(
        app.record.plans[&app.window].sessions[&id].attend,
        Some(Attend::No)
    );
    // On to the next workshop, past the month beside this one: `y 9/27` answers it.
    let next = app.form().focused().map(|f| f.id.clone());
    assert!(
        matches!(&next, Some(FieldId::Attend(other)) if *other != id),
        "{next:?}"
    );
    app.send_keys("y 9/27").send(KeyCode::Enter);
    let Some(FieldId::Attend(other)) = next else {
        unreachable!()
    };
    assert_eq!(
        app.record.plans[&app.window].sessions[&other].attend,
        Some(Attend::Yes)
    );
}
