//! Escaping of text for Markdown, so that nothing a member types can change the document's
//! structure when it is read by pulldown-cmark, GitHub or pandoc (whose Markdown adds
//! citations, math, superscripts, definition lists, fancy lists and divs to CommonMark). Text is
//! cleaned of control characters before it gets here (`sanitize`).
//!
//! The rule: backslash-escape the ASCII punctuation that can open or close inline markup
//! anywhere in a line, and the few characters that only matter at the start of a line when they
//! stand there; leave the rest (`.`, `,`, `'`, `"`, `!`, `-` inside words) alone so the source
//! stays readable. `!` needs no escape because the `[` of an image is always escaped.

/// Characters that open or close markup wherever they stand: code, emphasis, links, raw HTML,
/// autolinks, entities, headings, tables, strikethrough/subscript, pandoc math and superscript,
/// and pandoc's attributes (`{.class onclick=...}` after a heading, a span or code), which
/// `pandoc -t html` writes out as HTML attributes.
fn always(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '['
            | ']'
            | '<'
            | '>'
            | '#'
            | '|'
            | '~'
            | '&'
            | '$'
            | '^'
            | '{'
            | '}'
    )
}

/// Characters that start a block (list, setext underline, thematic break, pandoc definition
/// list or fenced div) only as the first character of a line.
fn at_line_start(c: char) -> bool {
    matches!(c, '-' | '+' | '=' | ':')
}

/// Escapes text that sits inside a line (a heading, a table cell, a value after a label).
pub(crate) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // `@smith` is a pandoc citation; `jane@example.ac.uk` is not and stays readable.
        let citation = c == '@' && !prev.is_some_and(char::is_alphanumeric);
        // pandoc's smart punctuation turns `--` and `---` into dashes; a lone hyphen is safe.
        let dash = c == '-' && (prev == Some('-') || chars.peek() == Some(&'-'));
        if always(c) || citation || dash {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Escapes one line that starts a block or continues a paragraph: leading whitespace (which
/// could make an indented code block) is dropped, and a list marker or underline at its start
/// is escaped as well as everything `inline` escapes.
pub(crate) fn line(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    if let Some(c) = rest.chars().next().filter(|c| at_line_start(*c)) {
        out.push('\\');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    } else if let Some(marker) = list_marker(rest) {
        // "1." "1)" "a." "iv)" "(a)": escape the opening parenthesis and the delimiter.
        let (head, tail) = rest.split_at(marker);
        let mut head = head.to_string();
        let delim = head.pop().expect("marker has a delimiter");
        if let Some(inner) = head.strip_prefix('(') {
            out.push_str("\\(");
            out.push_str(inner);
        } else {
            out.push_str(&head);
        }
        out.push('\\');
        out.push(delim);
        rest = tail;
    }
    out.push_str(&inline(rest));
    out
}

/// The length of an ordered-list marker at the start of `text` (CommonMark: 1 to 9 digits then
/// `.` or `)`; pandoc also: one letter or a roman numeral, optionally in parentheses), if it is
/// followed by whitespace or the end of the line.
fn list_marker(text: &str) -> Option<usize> {
    let body = text.strip_prefix('(').unwrap_or(text);
    let open = text.len() - body.len();
    let run = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let word = &body[..run];
    let is_number = (1..=9).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    let is_letter = word.len() == 1 && word.bytes().all(|b| b.is_ascii_alphabetic());
    let is_roman = !word.is_empty() && word.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
    if !(is_number || is_letter || is_roman) {
        return None;
    }
    let delim = body[run..].chars().next()?;
    let ok_delim = if open == 1 {
        delim == ')'
    } else {
        matches!(delim, '.' | ')')
    };
    if !ok_delim {
        return None;
    }
    let end = open + run + 1;
    let followed_by_space = text[end..].chars().next().is_none_or(char::is_whitespace);
    followed_by_space.then_some(end)
}

/// Escapes the member's multi-line text as paragraphs: each line break becomes a hard line
/// break (a trailing backslash), one or more blank lines become one paragraph break, and
/// nothing else can start a new block. Returns "" for text with no words.
pub(crate) fn paragraphs(text: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for raw in text.lines() {
        let escaped = line(raw);
        if escaped.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else {
            paragraphs.last_mut().expect("never empty").push(escaped);
        }
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(inline("a*b*_c_"), "a\\*b\\*\\_c\\_");
        assert_eq!(inline("[x](http://e.vil)"), "\\[x\\](http://e.vil)");
        assert_eq!(inline("![img](y)"), "!\\[img\\](y)");
        assert_eq!(inline("<script>&amp;"), "\\<script\\>\\&amp;");
        assert_eq!(inline("`code` | ~~s~~"), "\\`code\\` \\| \\~\\~s\\~\\~");
        assert_eq!(inline("\\ end\\"), "\\\\ end\\\\");
        assert_eq!(inline("$x$ 2^10^ #1"), "\\$x\\$ 2\\^10\\^ \\#1");
        assert_eq!(
            inline("Course {.x onclick=\"alert(1)\"}"),
            "Course \\{.x onclick=\"alert(1)\"\\}"
        );
    }

    #[test]
    fn citations_are_escaped_but_e_mail_addresses_stay_readable() {
        assert_eq!(
            inline("@smith2020 and j.smith@example.ac.uk"),
            "\\@smith2020 and j.smith@example.ac.uk"
        );
        assert_eq!(inline("(@ex)"), "(\\@ex)");
    }

    #[test]
    fn readable_text_stays_readable() {
        let s = "Smith, J. (2022). Teacher education: a study! Don’t “quote” – 李华, Zoë.";
        assert_eq!(inline(s), s);
        assert_eq!(line("-attend CERES webinars"), "\\-attend CERES webinars");
        assert_eq!(line("re-attend - twice"), "re-attend - twice");
        assert_eq!(inline("a--b |---|"), "a\\-\\-b \\|\\-\\-\\-\\|");
    }

    #[test]
    fn block_starts_are_escaped() {
        assert_eq!(line("# Heading"), "\\# Heading");
        assert_eq!(line("- item"), "\\- item");
        assert_eq!(line("+ item"), "\\+ item");
        assert_eq!(line("* item"), "\\* item");
        assert_eq!(line("> quote"), "\\> quote");
        assert_eq!(line("---"), "\\-\\-\\-");
        assert_eq!(line("==="), "\\===");
        assert_eq!(line(": definition"), "\\: definition");
        assert_eq!(line("::: div"), "\\::: div");
        assert_eq!(line("```rust"), "\\`\\`\\`rust");
        assert_eq!(line("    indented code"), "indented code");
        assert_eq!(line("1. first"), "1\\. first");
        assert_eq!(line("2022) year"), "2022\\) year");
        assert_eq!(line("a. letter"), "a\\. letter");
        assert_eq!(line("iv) roman"), "iv\\) roman");
        assert_eq!(line("(b) paren"), "\\(b\\) paren");
        assert_eq!(line("1."), "1\\.");
        assert_eq!(line("|a|b|"), "\\|a\\|b\\|");
    }

    #[test]
    fn numbers_and_words_that_are_not_markers_are_left_alone() {
        assert_eq!(line("10 April 2022."), "10 April 2022.");
        assert_eq!(line("e.g. this"), "e.g. this");
        assert_eq!(line("Smith. J wrote"), "Smith. J wrote");
        assert_eq!(line("1234567890. too long"), "1234567890. too long");
        assert_eq!(line("(Please specify)"), "(Please specify)");
        assert_eq!(line("I’m here"), "I’m here");
        assert_eq!(line("v’ x"), "v’ x");
    }

    #[test]
    fn paragraphs_keep_line_breaks_without_new_blocks() {
        let text = "I intend to:\n· one\n- two\n\n\n\nAfter\n";
        assert_eq!(
            paragraphs(text),
            "I intend to:\\\n· one\\\n\\- two\n\nAfter"
        );
        assert_eq!(paragraphs("\n  \n"), "");
        // A line ending in a backslash keeps it and still breaks.
        assert_eq!(paragraphs("a\\\nb"), "a\\\\\\\nb");
    }

    /// What a reader should see: the text with each line trimmed and blank lines collapsed.
    fn expected(text: &str) -> String {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
        for l in lines {
            if l.is_empty() {
                paragraphs.push(Vec::new());
            } else {
                paragraphs.last_mut().unwrap().push(l);
            }
        }
        let kept: Vec<String> = paragraphs
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.join("\n"))
            .collect();
        kept.join("\n\n")
    }

    /// What CommonMark (with GFM tables and task lists) makes of the escaped text.
    fn seen(md: &str) -> (String, usize) {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let mut text = String::new();
        let mut paragraphs = 0;
        let opts =
            Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(md, opts) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::HardBreak | Event::SoftBreak => text.push('\n'),
                Event::Start(Tag::Paragraph) => paragraphs += 1,
                Event::End(TagEnd::Paragraph) => text.push_str("\n\n"),
                Event::Start(_) | Event::End(_) => return (format!("other block: {event:?}"), 0),
                other => return (format!("unexpected {other:?}"), 0),
            }
        }
        (text.trim_end_matches('\n').to_string(), paragraphs)
    }

    proptest::proptest! {
        /// Escaping is lossless: whatever the text, a parser gives back exactly its words and
        /// line breaks, in nothing but plain paragraphs.
        #[test]
        fn escaped_text_reads_back_exactly(
            text in "([-+=:#>*_`~|<>!\\[\\]()&$^@. 1a\n\t]|\\PC){0,60}"
        ) {
            let text = crate::export::sanitize::clean(&text);
            let md = paragraphs(&text);
            let want = expected(&text);
            let (got, count) = seen(&md);
            proptest::prop_assert_eq!(&got, &want, "markdown: {:?}", md);
            proptest::prop_assert_eq!(count, want.split("\n\n").filter(|p| !p.is_empty()).count());
        }
    }
}
