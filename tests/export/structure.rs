//! The Markdown as a parser reads it (pulldown-cmark with GFM tables and task lists): the
//! form's headings and nothing else, the workshop grids as real tables, and nothing a
//! converter would turn into HTML, links, code or quotes.

use crate::helpers::{export, jane, outline};
use mentorplan::export::{Format, Section};

const SECTION_TITLES: [&str; 8] = [
    "Key Targets in Your 2 Year Plan",
    "Publications Expected",
    "Grants Targeted",
    "Conference Attendance and/or Organisation",
    "Academic Citizenship and/or Other Academic or Leadership Roles",
    "PGR Supervision",
    "Contribution to CERES",
    "Other Relevant Activity",
];

fn plan_headings(top: u8) -> Vec<(u8, String)> {
    let mut h = vec![
        (
            top,
            "4. My Two-Year CERES Research Plan: 2021-23".to_string(),
        ),
        (top + 1, "About You".to_string()),
        (top + 1, "ACTivator Attendance".to_string()),
        (top + 1, "Library Researcher Support Team".to_string()),
    ];
    h.extend(SECTION_TITLES.iter().map(|t| (top + 1, t.to_string())));
    h
}

#[test]
fn plan_has_exactly_the_forms_headings() {
    let o = outline(&export(&jane(), Section::Plan, Format::Markdown));
    assert_eq!(o.headings, plan_headings(1));
}

#[test]
fn plan_grids_are_tables_of_18_and_12_rows_with_4_columns() {
    let o = outline(&export(&jane(), Section::Plan, Format::Markdown));
    assert_eq!(o.tables.len(), 2);
    let body_rows: Vec<usize> = o.tables.iter().map(|t| t.len() - 1).collect();
    assert_eq!(body_rows, [18, 12]);
    for table in &o.tables {
        assert!(table.iter().all(|row| row.len() == 4), "{table:?}");
        assert_eq!(table[0][1..], ["Yes", "No", "Intended date"]);
    }
    assert_eq!(o.tables[0][0][0], "ACTivator Workshops on Research");
    assert_eq!(o.tables[1][0][0], "Library Research Support Activities");
    // Neither box ticked, a month planned: as in the example.
    let blocks = o.tables[0]
        .iter()
        .find(|r| r[0] == "The Building Blocks of Impact")
        .unwrap();
    assert_eq!(blocks[1..], ["☐", "☐", "06/22"]);
}

#[test]
fn no_html_links_code_or_quotes_in_any_section() {
    for section in [
        Section::Plan,
        Section::Checklist,
        Section::Meetings,
        Section::All,
    ] {
        let o = outline(&export(&jane(), section, Format::Markdown));
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
            "{section:?}"
        );
    }
}

#[test]
fn plan_text_makes_no_list_items() {
    // The "·" bullets and "-attend" lines are the member's text, not Markdown lists.
    let o = outline(&export(&jane(), Section::Plan, Format::Markdown));
    assert_eq!(o.list_items, 0);
}

#[test]
fn checklist_is_a_heading_per_area_and_a_task_list_item_per_entry() {
    let md = export(&jane(), Section::Checklist, Format::Markdown);
    let o = outline(&md);
    let areas: Vec<&str> = o.headings[1..].iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        o.headings[0],
        (1, "2. My Mentoring Activity Checklist".into())
    );
    // The catalogue's own test checks these against the seed.
    let catalog = mentorplan::catalog::Catalog::ceres();
    let expected: Vec<&str> = catalog
        .checklist
        .areas
        .iter()
        .map(|a| a.label.as_str())
        .collect();
    assert_eq!(areas, expected);
    assert_eq!(o.list_items, 32);
    let ticked = crate::helpers::parser(&md)
        .filter(|e| matches!(e, pulldown_cmark::Event::TaskListMarker(true)))
        .count();
    assert_eq!(ticked, 9);
}

#[test]
fn all_nests_the_sections_under_one_title() {
    let o = outline(&export(&jane(), Section::All, Format::Markdown));
    let level_1: Vec<_> = o.headings.iter().filter(|(l, _)| *l == 1).collect();
    assert_eq!(
        level_1,
        [&(1, "CERES Enhancing Academic Practice Framework".to_string())]
    );
    let level_2: Vec<&str> = o
        .headings
        .iter()
        .filter(|(l, _)| *l == 2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        level_2,
        [
            "Profile",
            "2. My Mentoring Activity Checklist",
            "4. My Two-Year CERES Research Plan: 2021-23",
            "3. My Record of Mentoring Meetings: Actions, Outputs & Progress",
            "My Mentoring Agreements",
            "My Mentoring Impact Questionnaires"
        ]
    );
    let plan: Vec<_> = o
        .headings
        .iter()
        .skip_while(|(_, t)| !t.starts_with("4. My Two-Year"))
        .take(12)
        .cloned()
        .collect();
    assert_eq!(plan, plan_headings(2));
    assert_eq!(o.tables.len(), 2);
}
