//! The portfolio of evidence (`--section portfolio`) for Jane Smith's development log: golden
//! files in both formats, its structure as a parser reads it (years, tag groups, activities and
//! nothing else), and the same guarantees as the other exports whatever she types into a title
//! or her evidence.

use crate::helpers::{Outline, collapse, jane, lost_text, outline, visible_text};
use crate::properties::{check_width, dangerous, hostile};
use mentorplan::domain::calendar::AcademicYear;
use mentorplan::domain::catalog::Catalog;
use mentorplan::domain::model::Record;
use mentorplan::export::{Format, Section, render};
use proptest::prelude::*;

/// Everything the member's text must never produce: tables, list items, HTML, links or
/// images, code, quotes, rules, heading attributes, math.
fn markup(o: &Outline) -> [usize; 9] {
    [
        o.tables.len(),
        o.list_items,
        o.html,
        o.links_or_images,
        o.code,
        o.quotes,
        o.rules,
        o.attributes,
        o.math,
    ]
}

fn portfolio(record: &Record, year: Option<AcademicYear>, format: Format) -> String {
    let opts = crate::helpers::options(false);
    render(
        record,
        &Catalog::ceres(),
        Section::Portfolio { year },
        format,
        &opts,
    )
    .unwrap()
}

#[test]
fn golden_markdown_and_text() {
    let record = jane();
    insta::assert_snapshot!(
        "portfolio_markdown",
        portfolio(&record, None, Format::Markdown)
    );
    insta::assert_snapshot!("portfolio_text", portfolio(&record, None, Format::Text));
}

/// Years, then tag groups (single tags, both, untagged), then one heading per activity.
#[test]
fn headings_are_years_tag_groups_and_activities() {
    let o = outline(&portfolio(&jane(), None, Format::Markdown));
    let h: Vec<(u8, &str)> = o.headings.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(
        h,
        [
            (1, "Professional Development Log and Portfolio of Evidence"),
            (2, "2021-22"),
            (3, "Succeeding in academia"),
            (4, "2021-09-21: Researcher Support Introductory Workshop"),
            (4, "2021-11-16: Funding Applications: Getting a Yes"),
            (4, "2022-06-08: ORCiD for Research"),
            (3, "Succeeding in industry"),
            (
                4,
                "2022-03-15: Consultancy in schools: panel with education publishers"
            ),
            (3, "Succeeding in academia and Succeeding in industry"),
            (4, "2021-09-28: Surveying Your Funding Landscape"),
            (3, "Not tagged"),
            (4, "2022-01-12: Equality, diversity and inclusion training"),
            (2, "2022-23"),
            (3, "Succeeding in academia"),
            (4, "2022-09-06: BERA Annual Conference 2022"),
        ]
    );
    assert_eq!(markup(&o), [0; 9]);
}

#[test]
fn each_year_totals_against_the_pro_rata_target_in_both_formats() {
    let mut record = jane();
    record.profile.fte = mentorplan::domain::model::Fte::from_hundredths(50);
    let md = collapse(&visible_text(&portfolio(&record, None, Format::Markdown)));
    let txt = collapse(&portfolio(&record, None, Format::Text));
    for out in [&md, &txt] {
        assert!(
            out.contains("Total: 2.47 of 5 days (0.5 FTE): 2.53 days to go"),
            "{out}"
        );
        assert!(out.contains("Succeeding in academia: 1.7 days Succeeding in industry: 0.77 days Not tagged: 0.5 days"), "{out}");
        assert!(
            out.contains("Total: 3 of 5 days (0.5 FTE): 2 days to go"),
            "{out}"
        );
        assert!(out.contains("Time: 3.75 hours (0.5 days)"), "{out}");
        assert!(
            out.contains("Time given in hours counts as days at 7.5 hours a day."),
            "{out}"
        );
        assert!(out.contains("No evidence recorded."), "{out}");
    }
    // Without a profile FTE, the 2021-23 plan's About You gives it; without that, 1.0 is assumed.
    record.profile.fte = None;
    let txt = collapse(&portfolio(&record, Some(AcademicYear(2022)), Format::Text));
    assert!(txt.contains("3 of 10 days (1.0 FTE)"), "{txt}");
    for plan in record.plans.values_mut() {
        plan.about.fte = None;
    }
    let txt = collapse(&portfolio(&record, Some(AcademicYear(2022)), Format::Text));
    assert!(
        txt.contains("3 of 10 days (FTE not set: 1.0 assumed)"),
        "{txt}"
    );
    assert!(!txt.contains("2021-22"), "{txt}");
    let empty = portfolio(&record, Some(AcademicYear(2030)), Format::Text);
    assert!(
        empty.contains("2030-31")
            && empty.contains("No professional development has been logged yet."),
        "{empty}"
    );
}

#[test]
fn links_in_evidence_stay_text_and_whole() {
    let md = portfolio(&jane(), None, Format::Markdown);
    assert!(
        md.contains("\nhttps://orcid.org/0000-0002-1825-0097\n"),
        "{md}"
    );
    assert_eq!(outline(&md).links_or_images, 0);
    let txt = portfolio(&jane(), None, Format::Text);
    assert!(
        txt.contains("\nhttps://www.bera.ac.uk/conference\n"),
        "{txt}"
    );
}

/// Puts `texts` into every title and evidence item of the log.
fn fill(record: &mut Record, texts: &[String]) {
    let mut t = texts.iter().cloned();
    for e in &mut record.devlog.entries {
        e.title = t.next().expect("enough");
        e.evidence = vec![t.next().expect("enough")];
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn hostile_titles_and_evidence_change_neither_structure_nor_content(
        texts in prop::collection::vec(hostile(), 14)
    ) {
        let baseline = outline(&portfolio(&jane(), None, Format::Markdown));
        let mut record = jane();
        fill(&mut record, &texts);
        let md = portfolio(&record, None, Format::Markdown);
        let o = outline(&md);
        let levels = |o: &crate::helpers::Outline| o.headings.iter().map(|(l, _)| *l).collect::<Vec<_>>();
        prop_assert_eq!(levels(&o), levels(&baseline));
        prop_assert_eq!(markup(&o), [0; 9]);
        prop_assert_eq!(o.footnotes, 0);
        prop_assert!(!md.chars().any(|c| c != '\n' && dangerous(c)), "{md:?}");
        let txt = portfolio(&record, None, Format::Text);
        prop_assert!(!txt.chars().any(|c| c != '\n' && dangerous(c)), "{txt:?}");
        check_width(&txt)?;
        if let Some(problem) = lost_text(&md, &txt, &texts) {
            return Err(TestCaseError::fail(problem));
        }
    }
}

#[test]
fn a_hostile_title_is_one_heading_and_hostile_evidence_one_paragraph() {
    let mut record = jane();
    record.devlog.entries.truncate(1);
    record.devlog.entries[0].title =
        "# Heading | <script>x</script> [a](http://e.vil) `c` \x1b]52;c;ZXZpbA==\x07 ~~s~~ @cite $m$ {.x onclick=\"alert(1)\"}".into();
    record.devlog.entries[0].evidence =
        vec!["```\n> quote\n- item\n1. item\n\n---\n<http://e.vil>\n[x]: http://e.vil".into()];
    let md = portfolio(&record, None, Format::Markdown);
    let o = outline(&md);
    assert_eq!(o.headings.len(), 4, "{md}");
    assert_eq!(
        o.headings[3].1,
        "2021-09-21: # Heading | <script>x</script> [a](http://e.vil) `c` \u{FFFD}]52;c;ZXZpbA==\u{FFFD} ~~s~~ @cite $m$ {.x onclick=\"alert(1)\"}"
    );
    assert_eq!(markup(&o), [0; 9], "{md}");
    let txt = portfolio(&record, None, Format::Text);
    assert!(!txt.contains('\x1b') && !txt.contains('\x07'), "{txt}");
    assert!(txt.contains("> quote\n- item"), "{txt}");
}
