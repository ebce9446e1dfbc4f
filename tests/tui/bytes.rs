//! What the interface writes to the terminal for a typed character (issue 11): the app's own
//! frames through the backend the terminal uses, byte for byte.

use super::*;
use mentorplan::ui::backend::LeanBackend;

fn term() -> Terminal<LeanBackend<Vec<u8>>> {
    Terminal::new(LeanBackend::with_size(Vec::new(), 80, 24)).unwrap()
}

/// Draws the app and returns what this frame wrote.
fn frame(t: &mut Terminal<LeanBackend<Vec<u8>>>, app: &App) -> String {
    t.backend_mut().writer_mut().clear();
    t.draw(|f| draw::draw(f, app)).unwrap();
    String::from_utf8_lossy(t.backend().writer()).replace('\x1b', "^[")
}

/// Opens `id` for editing, types one character (which marks the record unsaved), and returns
/// what each of the next characters wrote.
fn typed(f: &mut Fixture, id: FieldId, next: &str) -> Vec<String> {
    f.app.focus_on(&id).send(KeyCode::Enter);
    assert!(f.app.form().is_editing(), "{id:?} is not being edited");
    let mut t = term();
    frame(&mut t, &f.app);
    f.app.send_keys("x");
    frame(&mut t, &f.app);
    next.chars()
        .map(|c| {
            f.app.send_keys(&c.to_string());
            frame(&mut t, &f.app)
        })
        .collect()
}

#[test]
fn a_character_typed_in_a_plan_section_writes_only_itself() {
    let mut f = fixture(Some(jane()));
    f.app.send_keys("5");
    let got = typed(&mut f, FieldId::Section("key-targets".into()), "yz");
    assert_eq!(got, ["y", "z"]);
}

/// The underline grows with the text: the text area draws the cell after the text (where its
/// own cursor would be) in the field's style, so a key writes the character and that cell,
/// underlined, then the reset and a move back: vim's 13 bytes, no more.
#[test]
fn a_character_typed_in_a_one_line_field_costs_no_more_than_in_vim() {
    let mut f = fixture(Some(jane()));
    f.app.send_keys("2");
    let got = typed(&mut f, FieldId::Profile("position"), "yz");
    assert_eq!(got, ["^[[4my ^[[0m^[[D", "^[[4mz ^[[0m^[[D"]);
}
