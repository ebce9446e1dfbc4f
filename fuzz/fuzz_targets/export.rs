//! Whatever a member types, the exports keep their shape: the input is split into the texts of
//! every field of Jane Smith's record (tests/fixtures), and the Markdown must parse (with
//! pulldown-cmark, as pandoc-like converters do) to the same headings, tables and list items as
//! Jane's own, with no HTML, links, code, quotes, rules or footnotes; the plain text must carry
//! no control characters and stay within 72 columns except for unbreakable words. The same
//! checks as tests/export/properties.rs, whose helpers this reuses.
#![no_main]

#[path = "../../tests/export/helpers.rs"]
#[allow(dead_code)]
mod helpers;

use helpers::{FIELDS, dangerous, fill, lost_text, outline, width_problem};
use libfuzzer_sys::fuzz_target;
use mentorplan::export::{Format, Section};
use mentorplan::domain::model::Record;
use std::sync::OnceLock;

fn jane() -> &'static (Record, helpers::Outline) {
    static JANE: OnceLock<(Record, helpers::Outline)> = OnceLock::new();
    JANE.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/jane-smith");
        let record = mentorplan::store::Store::new(dir)
            .load()
            .expect("fixture");
        let baseline = outline(&helpers::export(&record, Section::All, Format::Markdown));
        (record, baseline)
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Field texts are separated by U+001F (unit separator); missing ones are empty.
    let mut texts: Vec<String> = text.split('\u{1f}').map(str::to_string).collect();
    texts.resize(FIELDS, String::new());
    let (jane, baseline) = jane();
    let mut record = jane.clone();
    fill(&mut record, &texts);

    let md = helpers::export(&record, Section::All, Format::Markdown);
    let o = outline(&md);
    assert_eq!(o.headings, baseline.headings);
    assert_eq!(o.tables, baseline.tables);
    assert_eq!(o.list_items, baseline.list_items);
    assert_eq!(
        (
            o.html,
            o.links_or_images,
            o.code,
            o.quotes,
            o.rules,
            o.footnotes
        ),
        (0, 0, 0, 0, 0, 0),
        "{md}"
    );
    assert!(!md.chars().any(|c| c != '\n' && dangerous(c)), "{md:?}");

    let txt = helpers::export(&record, Section::All, Format::Text);
    assert!(!txt.chars().any(|c| c != '\n' && dangerous(c)), "{txt:?}");
    if let Some(problem) = width_problem(&txt) {
        panic!("{problem}");
    }
    if let Some(problem) = lost_text(&md, &txt, &texts) {
        panic!("{problem}");
    }
});
