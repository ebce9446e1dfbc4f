//! Whatever a member types (pasted from Word, typed over SSH, or hostile), the export keeps its
//! shape and her words: the Markdown has the same headings, tables and lists as Jane's own
//! plan and nothing that becomes HTML, a link or code; the plain text stays within 72 columns
//! and carries no control characters; and every visible character she typed is still there.
//!
//! The width rule checked: a line wider than 72 display columns is allowed only when it is one
//! word (no spaces) after nothing but indentation or a one-word label ("Name:"): a word too wide
//! for the room it has. Such words (URLs, DOIs, runs with no break opportunity) are kept whole
//! so that they still work when copied; everything else wraps.

pub use crate::helpers::dangerous;
use crate::helpers::{FIELDS, export, fill, jane, lost_text, outline, width_problem};
use mentorplan::export::{Format, Section};
use proptest::prelude::*;

/// Pieces that each try to break something, mixed with ordinary and random text.
pub fn hostile() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "|",
        "| a | b |\n|---|---|",
        "#",
        "# ",
        "## Heading",
        "<script>alert(1)</script>",
        "<b>",
        "<!-- c -->",
        "`",
        "```",
        "~~~",
        "*",
        "**bold**",
        "_",
        "[x](y)",
        "![i](y.png)",
        "[x]: http://evil.example",
        "<http://evil.example>",
        "[^1]",
        "    ",
        "---",
        "===",
        "***",
        "1. ",
        "1) ",
        "a. ",
        "(i) ",
        "> ",
        "- ",
        "+ ",
        "* ",
        ": ",
        ":::",
        "$x$",
        "^2^",
        "@smith",
        " {.x onclick=\"alert(1)\"}",
        "{#id}",
        "$$x$$",
        "&amp;",
        "&#x3C;",
        "\\",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\x1b[31m",
        "\x1b]52;c;ZXZpbA==\x07",
        "\0",
        "\u{7f}",
        "\u{9b}",
        "\u{202E}",
        "\u{2066}",
        "李华的研究计划",
        "👩‍🔬",
        "e\u{301}",
        "Siobhán",
        "Zoë",
        "“quoted” – don’t",
        "\u{a0}",
        " ",
        "https://example.org/a/very/long/path/that/does/not/fit/on/one/line/at/all/x",
    ];
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => "[a-z]{1,10}",
        1 => "[a-zA-Z]{60,90}",
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|v| v.join(""))
}

pub fn check_width(txt: &str) -> Result<(), TestCaseError> {
    match width_problem(txt) {
        Some(problem) => Err(TestCaseError::fail(problem)),
        None => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn hostile_text_changes_neither_structure_nor_content(
        texts in prop::collection::vec(hostile(), FIELDS)
    ) {
        let baseline = outline(&export(&jane(), Section::All, Format::Markdown));
        let mut record = jane();
        fill(&mut record, &texts);

        let md = export(&record, Section::All, Format::Markdown);
        let o = outline(&md);
        prop_assert_eq!(&o.headings, &baseline.headings);
        prop_assert_eq!(&o.tables, &baseline.tables);
        prop_assert_eq!(o.list_items, baseline.list_items);
        prop_assert_eq!(
            (o.html, o.links_or_images, o.code, o.quotes, o.rules, o.footnotes),
            (0, 0, 0, 0, 0, 0)
        );
        prop_assert_eq!((o.attributes, o.math), (0, 0));
        prop_assert!(!md.chars().any(|c| c != '\n' && dangerous(c)), "{md:?}");

        let txt = export(&record, Section::All, Format::Text);
        prop_assert!(!txt.chars().any(|c| c != '\n' && dangerous(c)), "{txt:?}");
        check_width(&txt)?;

        if let Some(problem) = lost_text(&md, &txt, &texts) {
            return Err(TestCaseError::fail(problem));
        }
    }
}
