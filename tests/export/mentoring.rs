//! The agreements and impact exports: golden files for Jane Smith with an agreement and two
//! questionnaires, the comparison as a real table of catalogue labels and numbers, and hostile
//! text in every free-text field that changes neither structure nor what a reader sees.

use crate::helpers::{collapse, export, jane, outline, visible_text};
use mentorplan::domain::catalog::Catalog;
use mentorplan::domain::mentoring::Scope;
use mentorplan::domain::model::{Agreement, Questionnaire, Rating, Record, Stage};
use mentorplan::export::{Format, Section};

fn d(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn rate(q: &mut Questionnaire, ratings: &[(&str, u8)]) {
    for (area, r) in ratings {
        q.ratings.insert(area.to_string(), Rating::new(*r).unwrap());
    }
}

/// Jane's record with the agreement with Joe Hope, a pre and a post questionnaire, and a
/// general one; every free-text field filled with `text(field)`.
fn with_mentoring(text: impl Fn(&str) -> String) -> Record {
    let mut r = jane();
    let mut a = Agreement::new(text("Joe Hope"));
    a.id = uuid::Uuid::from_u128(1);
    a.start = Some(d("2021-09-20"));
    a.frequency = text("Every two months");
    a.length_minutes = Some(60);
    a.venue = text("Joe's office, or online");
    a.contact = text("E-mail for quick questions;\nno contact in August");
    a.duration = text("Two years");
    a.review = Some(d("2022-09-20"));
    a.wind_down = text("Termly meetings in the last six months");
    r.agreements.agreements.push(a);
    let mut pre = Questionnaire::new(Stage::Pre, d("2021-09-20"));
    pre.id = uuid::Uuid::from_u128(2);
    pre.agreement = Some(uuid::Uuid::from_u128(1));
    rate(
        &mut pre,
        &[("journal", 2), ("income", 1), ("conference", 3)],
    );
    pre.notes = text("Support with writing for journals");
    let mut post = Questionnaire::new(Stage::Post, d("2023-06-30"));
    post.id = uuid::Uuid::from_u128(3);
    post.agreement = Some(uuid::Uuid::from_u128(1));
    rate(
        &mut post,
        &[
            ("journal", 4),
            ("income", 3),
            ("conference", 3),
            ("book", 2),
        ],
    );
    post.notes = text("Two articles submitted");
    r.questionnaires.questionnaires = vec![pre, post];
    r
}

fn plain() -> Record {
    with_mentoring(|s| s.to_string())
}

const HOSTILE: &str =
    " | # <script>alert(1)</script> \x1b]52;c;ZXZpbA==\x07 \x1b[31m |---| `x` [l](http://e.vil)";

/// pandoc's heading attributes, at the end of a heading where pandoc reads them.
const ATTRIBUTES: &str = " {.x onclick=\"alert(1)\"}";

fn hostile() -> Record {
    with_mentoring(|s| format!("{s}{HOSTILE}\n# {s}{ATTRIBUTES}"))
}

#[test]
fn golden_agreements_and_impact_in_both_formats() {
    let record = plain();
    for (name, section) in [
        ("agreements", Section::Agreements),
        ("impact", Section::Impact),
    ] {
        for (format_name, format) in [("markdown", Format::Markdown), ("text", Format::Text)] {
            insta::assert_snapshot!(
                format!("mentoring_{name}_{format_name}"),
                export(&record, section, format)
            );
        }
    }
    let txt = mentorplan::export::render_comparison(
        &record,
        &Catalog::ceres(),
        Scope::Agreement(uuid::Uuid::from_u128(1)),
        Format::Text,
    );
    insta::assert_snapshot!("mentoring_comparison_text", txt);
}

#[test]
fn comparison_is_a_table_of_areas_before_after_and_change() {
    let o = outline(&export(&plain(), Section::Impact, Format::Markdown));
    let headings: Vec<&str> = o.headings.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        headings,
        [
            "My Mentoring Impact Questionnaires",
            "Confidence Before and After Mentoring: with Joe Hope",
            "Questionnaires",
            "Pre-mentoring Impact Questionnaire, 2021-09-20",
            "Post-mentoring Impact Questionnaire, 2023-06-30",
        ]
    );
    assert_eq!(
        o.tables[0],
        [
            ["Area", "Before", "After", "Change"],
            ["Conference", "3", "3", "0"],
            ["Journal", "2", "4", "+2"],
            ["Income generation", "1", "3", "+2"],
            ["Book", "not rated", "2", ""],
        ]
    );
    // One table per questionnaire after the comparison.
    assert_eq!(o.tables.len(), 3);
    assert_eq!(o.tables[1][1], ["Conference", "3 Moderately confident"]);
}

#[test]
fn hostile_text_changes_neither_structure_nor_what_a_reader_sees() {
    let calm = plain();
    let evil = hostile();
    for section in [Section::Agreements, Section::Impact, Section::All] {
        let calm_md = outline(&export(&calm, section, Format::Markdown));
        let md = export(&evil, section, Format::Markdown);
        let o = outline(&md);
        assert_eq!(
            o.tables, calm_md.tables,
            "{section:?}: tables are unchanged\n{md}"
        );
        assert_eq!(
            o.headings.len(),
            calm_md.headings.len(),
            "{section:?}\n{md}"
        );
        assert_eq!(
            (
                o.html,
                o.links_or_images,
                o.code,
                o.quotes,
                o.rules,
                o.list_items,
                o.attributes,
                o.math
            ),
            (0, 0, 0, 0, 0, calm_md.list_items, 0, 0),
            "{section:?}\n{md}"
        );
        for out in [md, export(&evil, section, Format::Text)] {
            assert!(
                !out.chars().any(|c| c.is_control() && c != '\n'),
                "{section:?}: a control character got through\n{out:?}"
            );
        }
    }
    // Every field's text is still there for a reader, including the markup characters.
    let seen = collapse(&visible_text(&export(
        &evil,
        Section::Agreements,
        Format::Markdown,
    )));
    let text = collapse(&export(&evil, Section::Agreements, Format::Text));
    for needle in [
        "Every two months | # <script>alert(1)</script>",
        "Termly meetings in the last six months | #",
        "no contact in August | #",
        "# Joe's office, or online",
        "|---| `x` [l](http://e.vil)",
    ] {
        assert!(seen.contains(needle), "markdown: {needle}\n{seen}");
        assert!(text.contains(needle), "text: {needle}\n{text}");
    }
    let seen = collapse(&visible_text(&export(
        &evil,
        Section::Impact,
        Format::Markdown,
    )));
    assert!(
        seen.contains("Two articles submitted | # <script>"),
        "{seen}"
    );
    // The mentor's name in a heading keeps its braces as text (issue 10).
    for section in [Section::Agreements, Section::Impact] {
        let md = export(&evil, section, Format::Markdown);
        let o = outline(&md);
        assert!(
            o.headings
                .iter()
                .any(|(_, h)| h.contains("Joe Hope") && h.ends_with(ATTRIBUTES.trim())),
            "{section:?}: {:?}",
            o.headings
        );
    }
}

#[test]
fn agreements_and_impact_are_left_out_of_all_unless_confidential() {
    let catalog = Catalog::ceres();
    let record = plain();
    let opts = crate::helpers::options(false);
    for format in [Format::Markdown, Format::Text] {
        let out =
            mentorplan::export::render(&record, &catalog, Section::All, format, &opts).unwrap();
        assert!(!out.contains(&catalog.agreements.title), "{out}");
        assert!(!out.contains(&catalog.impact.title), "{out}");
        assert!(!out.contains("Termly meetings"), "{out}");
        assert!(!out.contains("Support with writing"), "{out}");
        let full = export(&record, Section::All, format);
        assert!(full.contains("Termly meetings") && full.contains("Support with writing"));
    }
}

#[test]
fn text_exports_stay_within_72_columns() {
    for section in [Section::Agreements, Section::Impact] {
        let out = export(&hostile(), section, Format::Text);
        for line in out.lines() {
            let w = textwrap::core::display_width(line);
            assert!(w <= 72 || !line.trim().contains(' '), "{w}: {line}");
        }
    }
}
