//! Makes any text safe to print before either format sees it: a plan is pasted from Word, typed
//! over SSH and later opened in a terminal, an e-mail client or pandoc, so control characters
//! (which can recolour or retitle a terminal, or set the clipboard with OSC 52) must never pass
//! through raw. Shared by Markdown and plain text so both drop exactly the same characters.

/// What every dangerous character becomes: visible, and obviously not the member's text.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// Tabs from Word become this many spaces: enough to keep a pasted indent visible.
const TAB: &str = "    ";

/// Normalises line endings (CRLF, CR, NEL, U+2028/9 all become `\n`), turns tabs into spaces and
/// replaces every other control character with U+FFFD. Bidi embeddings, overrides and isolates
/// are replaced too: they can reorder the exporter's own text on the same line (a table row, a
/// date column), which is how "Trojan Source" text hides what it says.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push_str(TAB),
            c if crate::domain::text::is_unsafe(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

/// For values that are one line on the form (a name, a position): line breaks become spaces.
pub(crate) fn one_line(text: &str) -> String {
    let cleaned = clean(text);
    let words: Vec<&str> = cleaned.split('\n').map(str::trim).collect();
    words
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_cannot_pass_through() {
        let csi = clean("red \x1b[31mtext\x1b[0m");
        assert_eq!(csi, "red \u{FFFD}[31mtext\u{FFFD}[0m");
        let osc52 = clean("\x1b]52;c;ZXZpbA==\x07after");
        assert_eq!(osc52, "\u{FFFD}]52;c;ZXZpbA==\u{FFFD}after");
        let c1 = clean("a\u{9b}31mb\u{7f}c\0d");
        assert_eq!(c1, "a\u{FFFD}31mb\u{FFFD}c\u{FFFD}d");
    }

    #[test]
    fn line_endings_are_normalised_and_tabs_become_spaces() {
        assert_eq!(clean("a\r\nb\rc\u{2028}d\u{85}e"), "a\nb\nc\nd\ne");
        assert_eq!(clean("\tindent\tmid"), "    indent    mid");
    }

    #[test]
    fn bidi_overrides_are_neutralised_but_other_unicode_is_kept() {
        assert_eq!(clean("abc\u{202E}fed"), "abc\u{FFFD}fed");
        assert_eq!(clean("\u{2067}x\u{2069}"), "\u{FFFD}x\u{FFFD}");
        let kept = "Siobhán Zoë 李华 “quoted” – don’t 👩‍🔬 e\u{301} a\u{a0}b";
        assert_eq!(clean(kept), kept);
    }

    #[test]
    fn one_line_folds_breaks_and_trims() {
        assert_eq!(one_line("  Jane\r\n  Smith \n\n"), "Jane Smith");
        assert_eq!(one_line("\n"), "");
    }
}
