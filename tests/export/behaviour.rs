//! What the export does in the cases a member will meet: no plan for the year asked, Section 3
//! left out unless asked for, saved answers that the catalogue does not know, empty answers.

use crate::helpers::{collapse, export, jane, options, outline, visible_text};
use mentorplan::calendar::PlanWindow;
use mentorplan::catalog::Catalog;
use mentorplan::export::{ExportError, Format, Options, Section, render};
use mentorplan::model::{AreaAnswer, Record, SessionAnswer};

#[test]
fn plan_for_a_missing_window_names_the_windows_that_exist() {
    let opts = Options {
        window: PlanWindow(2025),
        include_confidential: false,
    };
    let err = render(
        &jane(),
        &Catalog::ceres(),
        Section::Plan,
        Format::Markdown,
        &opts,
    )
    .unwrap_err();
    assert_eq!(
        err,
        ExportError::NoPlan {
            window: PlanWindow(2025),
            available: vec![PlanWindow(2021)]
        }
    );
    assert!(err.to_string().contains("plans exist for 2021-23"), "{err}");
}

#[test]
fn all_says_in_one_line_that_there_is_no_plan_rather_than_failing() {
    let opts = Options {
        window: PlanWindow(2025),
        include_confidential: false,
    };
    for format in [Format::Markdown, Format::Text] {
        let out = render(&jane(), &Catalog::ceres(), Section::All, format, &opts).unwrap();
        assert!(out.contains("There is no plan for 2025-27 yet."), "{out}");
        assert!(!out.contains("ACTivator"), "{out}");
    }
}

#[test]
fn all_leaves_out_the_confidential_record_unless_asked() {
    let catalog = Catalog::ceres();
    let note = collapse(&catalog.meetings.confidential_note);
    for format in [Format::Markdown, Format::Text] {
        let readable = |out: String| match format {
            Format::Markdown => collapse(&visible_text(&out)),
            _ => collapse(&out),
        };
        let private = render(&jane(), &catalog, Section::All, format, &options(false)).unwrap();
        let private = readable(private);
        assert!(!private.contains(&catalog.meetings.title), "{private}");
        assert!(!private.contains("literature review"), "{private}");
        let full =
            readable(render(&jane(), &catalog, Section::All, format, &options(true)).unwrap());
        assert!(full.contains(&catalog.meetings.title));
        assert!(full.contains(&note));
        assert!(full.contains("literature review"));
    }
}

#[test]
fn meetings_are_listed_by_date_whatever_the_stored_order() {
    let record = jane();
    let stored: Vec<String> = record
        .meetings
        .meetings
        .iter()
        .map(|m| m.date.to_string())
        .collect();
    assert_eq!(stored, ["2021-10-05", "2022-02-08", "2021-12-07"]);
    let md = export(&record, Section::Meetings, Format::Markdown);
    let dated: Vec<String> = outline(&md)
        .headings
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| t.starts_with("20"))
        .collect();
    assert_eq!(dated, ["2021-10-05", "2021-12-07", "2022-02-08"]);
}

/// A record saved under another version of the catalogue.
fn with_unknown_ids() -> Record {
    let mut record = jane();
    let journal = record.checklist.areas.get_mut("journal").unwrap();
    journal.ticked.insert("journal.retired-item".into());
    record.checklist.areas.insert(
        "future-area".into(),
        AreaAnswer {
            level: Some(mentorplan::model::Level::Advanced),
            ticked: ["future-area.item".to_string()].into(),
            specify: "Notes kept from a newer catalogue".into(),
            ..Default::default()
        },
    );
    let plan = record.plans.get_mut(&PlanWindow(2021)).unwrap();
    plan.sessions.insert(
        "activator.retired-workshop".into(),
        SessionAnswer {
            attend: Some(mentorplan::model::Attend::Yes),
            month: mentorplan::dates::YearMonth::new(2022, 1),
        },
    );
    plan.sections.insert(
        "retired-section".into(),
        "Text written under the old form".into(),
    );
    record
}

#[test]
fn unknown_ids_are_listed_not_dropped() {
    let record = with_unknown_ids();
    for format in [Format::Markdown, Format::Text] {
        let checklist = export(&record, Section::Checklist, format);
        let plan = export(&record, Section::Plan, format);
        let (checklist, plan) = match format {
            Format::Markdown => (visible_text(&checklist), visible_text(&plan)),
            // The text export draws the form's boxes where Markdown has a task list.
            _ => (checklist.replace('☒', "[x]"), plan),
        };
        for needle in [
            "[x] journal.retired-item (not in this catalogue)",
            "future-area (not in this catalogue)",
            "future-area.item",
            "Advanced",
            "Notes kept from a newer catalogue",
        ] {
            assert!(
                checklist.contains(needle),
                "{format:?} {needle}\n{checklist}"
            );
        }
        for needle in [
            "activator.retired-workshop (not in this catalogue)",
            "Yes, 01/22",
            "retired-section (not in this catalogue)",
            "Text written under the old form",
        ] {
            assert!(plan.contains(needle), "{format:?} {needle}\n{plan}");
        }
    }
    // The retired item comes after the catalogue's items of its area.
    let md = visible_text(&export(&record, Section::Checklist, Format::Markdown));
    let orcid = md.find("ORCID (Researcher Identity)").unwrap();
    let retired = md.find("journal.retired-item").unwrap();
    let academic = md.find("Academic Environment").unwrap();
    assert!(orcid < retired && retired < academic);
}

#[test]
fn empty_answers_are_marked_so_a_reviewer_knows_nothing_was_lost() {
    let mut record = jane();
    let plan = record.plans.get_mut(&PlanWindow(2021)).unwrap();
    plan.sections.remove("grants");
    let txt = export(&record, Section::Plan, Format::Text);
    let grants = txt.split("Grants Targeted").nth(1).unwrap();
    let next = grants.find("Conference Attendance").unwrap();
    assert!(grants[..next].contains("(left blank)"), "{grants}");
}

#[test]
fn an_empty_record_exports_without_failing() {
    let record = Record::default();
    for format in [Format::Markdown, Format::Text] {
        for section in [Section::Checklist, Section::Meetings, Section::All] {
            let out = export(&record, section, format);
            assert!(!out.trim().is_empty());
        }
        assert!(export(&record, Section::Meetings, format).contains("None recorded."));
    }
}

/// Issue 10: a word made of escape sequences is narrow in the raw text, but each control
/// character becomes a visible U+FFFD: the plain text must still wrap at 72 columns.
#[test]
fn replaced_control_characters_wrap_at_72_columns() {
    let mut record = jane();
    record.meetings.meetings[0].notes = "x\u{1b}[1m".repeat(30);
    record.meetings.actions[0].activity = format!("Act {}", "\u{7}\u{9b}".repeat(50));
    let txt = export(&record, Section::Meetings, Format::Text);
    for line in txt.lines() {
        assert!(
            textwrap::core::display_width(line) <= 72,
            "{} columns: {line}",
            textwrap::core::display_width(line)
        );
    }
    // Nothing lost: every piece is still there, in order.
    assert!(
        collapse(&txt)
            .replace(' ', "")
            .contains(&"x\u{FFFD}[1m".repeat(30)),
        "{txt}"
    );
}
