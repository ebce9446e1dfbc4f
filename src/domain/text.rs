//! Making user text safe to print. Notes can hold anything pasted from Word or a web page,
//! including escape sequences that would recolour, retitle or even write the clipboard of the
//! user's terminal (OSC 52); nothing from the user or from disk reaches a terminal raw.

use std::borrow::Cow;

/// Replaces control characters (C0 except newline and tab, DEL, C1) and bidirectional
/// overrides, which could disguise text, with U+FFFD. Tabs become spaces so columns stay put.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_replacing) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if needs_replacing(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// One line of user text for a one-line display: newlines shown as " / ".
pub fn one_line(s: &str) -> String {
    for_terminal(s.trim())
        .lines()
        .collect::<Vec<_>>()
        .join(" / ")
}

fn needs_replacing(c: char) -> bool {
    is_unsafe(c) && c != '\n'
}

/// The one test of what must not reach a terminal (or an export) raw: every control character
/// (C0, DEL, C1; callers decide which line breaks and tabs they keep) and every bidi control.
/// The TUI, the command line and the exports all use this, so they cannot disagree.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// JSON for a terminal: each unsafe character inside a string (serde escapes C0 but writes DEL,
/// C1 and bidi controls raw) becomes its `\uXXXX` escape, which JSON readers decode to the same
/// text. All of them are in the Basic Multilingual Plane, so one escape each.
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    if !json.chars().any(needs_replacing) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_replacing(c) {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_bells_and_overrides_are_defused() {
        let evil = "a\x1b]52;c;aGk=\x07b\x1b[31mc\u{202E}d\0e\u{9b}f";
        let safe = for_terminal(evil);
        assert!(!safe.chars().any(|c| c.is_control() && c != '\n'));
        assert!(!safe.contains('\u{202E}'));
        assert!(safe.starts_with('a') && safe.ends_with('f'));
    }

    #[test]
    fn json_for_a_terminal_escapes_what_serde_leaves_raw_and_keeps_the_data() {
        let text = "a\u{9b}31m\u{7f}\u{202E}\u{61C}\x1b]0;x\x07\t李";
        let json = serde_json::to_string(&text).unwrap();
        let shown = json_for_terminal(&json);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        assert!(
            shown.contains("\\u009B") && shown.contains("\\u061C"),
            "{shown}"
        );
        assert_eq!(serde_json::from_str::<String>(&shown).unwrap(), text);
        assert!(matches!(
            json_for_terminal("{\n  \"a\": 1\n}"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let s = "Siobhán, Zoë, 李华 – “quotes”\nsecond line";
        assert!(matches!(for_terminal(s), Cow::Borrowed(_)));
        assert_eq!(one_line(" a\nb "), "a / b");
    }
}
