//! Text that came from the user or from disk is never written raw to the terminal: one helper
//! turns control characters and bidi overrides into visible replacements before drawing, and one
//! cleans pasted text before it reaches a field.

use std::borrow::Cow;

use crate::domain::text::is_unsafe;

/// Makes a string safe to draw on one line: tabs become a space, other control characters and
/// bidi overrides become `�`. Borrowed when nothing needed changing (the usual case).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| matches!(c, '\n' | '\r')) {
        return crate::domain::text::for_terminal(s);
    }
    let one_line = s.replace(['\n', '\r'], " ");
    Cow::Owned(crate::domain::text::for_terminal(&one_line).into_owned())
}

/// Keeps line breaks and tabs but replaces every other unsafe character: for multi-line text
/// loaded into a text area or shown in a preview.
pub fn sanitize_multiline(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("\r\n", "\n")
            .chars()
            .map(|c| match c {
                '\n' | '\t' => c,
                '\r' => '\n',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// A bracketed paste: Windows and old Mac line ends become `\n`, other control characters and
/// bidi overrides are dropped (they are never wanted in a plan), tabs kept.
pub fn clean_paste(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !is_unsafe(c))
        .collect()
}

/// Shortens `s` to at most `width` columns, ending with `…` when cut.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    use unicode_width::UnicodeWidthChar;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return Cow::Borrowed(s);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_neutralised() {
        assert_eq!(sanitize("Jane\x1b[2JSmith"), "Jane\u{FFFD}[2JSmith");
        assert_eq!(sanitize("a\u{202E}b"), "a\u{FFFD}b");
        // The Arabic letter mark is a bidi control too (the TUI used to let it through).
        assert_eq!(sanitize("a\u{61C}b\u{9b}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(sanitize("a\r\nb\tc"), "a  b c");
        assert!(matches!(sanitize("Siobhán Zoë 李华"), Cow::Borrowed(_)));
        assert_eq!(sanitize_multiline("a\r\nb\x07\tc"), "a\nb\u{FFFD}\tc");
    }

    #[test]
    fn pastes_from_word_keep_their_text_and_lose_their_controls() {
        assert_eq!(
            clean_paste("“Quoted” – dash\u{a0}nbsp\r\nline\rnext\x1b\tend"),
            "“Quoted” – dash\u{a0}nbsp\nline\nnext\tend"
        );
    }

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("李华李华", 5), "李华…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
