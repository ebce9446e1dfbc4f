//! What the interface writes to the terminal for a typed character (issue 11): the app's own
//! frames through the backend the terminal uses, byte for byte.

use super::*;
use mentorplan::tui::backend::LeanBackend;

fn term() -> Terminal<LeanBackend<Vec<u8>>> {
    Terminal::new(LeanBackend::with_size(Vec::new(), 80, 24)).unwrap()
}

/// Draws the app and returns what this frame wrote.
fn frame(t: &mut Terminal<LeanBackend<Vec<u8>>>, app: &App) -> String {
    t.backend_mut().writer_mut().clear();
    t.draw(|f| draw::draw(f, app)).unwrap();
    String::from_utf8_lossy(t.backend().writer()).replace('\x1b', "^[")
}

/// Moves to `id` (typing starts there), types one character (which marks the record unsaved),
/// and returns what each of the next characters wrote.
fn typed(f: &mut Fixture, id: FieldId, next: &str) -> Vec<String> {
    f.app.focus_on(&id);
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
    // The first key after the status bar changed resets the pen the bar left (4 bytes more);
    // from then on a key is itself.
    let got = typed(&mut f, FieldId::Section("key-targets".into()), "wyz");
    assert!(got[0].len() <= 6, "{got:?}");
    assert_eq!(got[1..], ["y", "z"]);
}

/// The whole field is underlined while it is typed in, and the pen stays as the frame left it:
/// a key writes only itself (it was the character, the next cell, a reset and a move back: 13).
#[test]
fn a_character_typed_in_a_one_line_field_writes_only_itself() {
    let mut f = fixture(Some(jane()));
    f.app.send_keys("2");
    let got = typed(&mut f, FieldId::Profile("position"), "yz");
    assert_eq!(got, ["y", "z"]);
}
