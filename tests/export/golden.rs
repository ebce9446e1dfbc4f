//! Golden files: the whole of each export for Jane Smith, reviewed by eye against the seed form
//! and kept in `snapshots/`, so that any change to the output shows up in review.

use crate::helpers::{export, fixture_dir, jane};
use mentorplan::export::{Format, Section};
use mentorplan::storage::encode;
use mentorplan::storage::schema::Kind;

/// Every section in both formats, each in its own snapshot named `<section>_<format>`.
#[test]
fn every_section_in_both_formats() {
    let record = jane();
    let sections = [
        ("plan", Section::Plan),
        ("checklist", Section::Checklist),
        ("meetings", Section::Meetings),
        ("all", Section::All),
    ];
    let formats = [("markdown", Format::Markdown), ("text", Format::Text)];
    for (section_name, section) in sections {
        for (format_name, format) in formats {
            let name = format!("{section_name}_{format_name}");
            insta::assert_snapshot!(name, export(&record, section, format));
        }
    }
}

/// The fixture is exactly what mentorplan itself would write, so it stays a faithful sample of
/// the stored format (and a save after loading it would change nothing).
#[test]
fn fixture_files_are_in_the_stored_format() {
    let record = jane();
    let plan = &record.plans[&mentorplan::calendar::PlanWindow(2021)];
    let files: [(&str, Vec<u8>); 4] = [
        ("profile.json", encode(Kind::Profile, &record.profile)),
        ("checklist.json", encode(Kind::Checklist, &record.checklist)),
        ("meetings.json", encode(Kind::Meetings, &record.meetings)),
        ("plans/2021-23.json", encode(Kind::Plan, plan)),
    ];
    for (name, expected) in files {
        let on_disk = std::fs::read(fixture_dir().join(name)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&on_disk),
            String::from_utf8_lossy(&expected),
            "{name}"
        );
    }
}
