//! Golden files: the whole of each export for Jane Smith, reviewed by eye against the seed form
//! and kept in `snapshots/`, so that any change to the output shows up in review.

use crate::helpers::{export, fixture_dir, jane};
use mentorplan::export::{Format, Section};

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

/// The fixture is exactly what mentorplan itself would write, file for file (the earlier
/// year's development entries in `devlog/2021-22.json`), so it stays a faithful sample of the
/// stored format (and a save after loading it would change nothing).
#[test]
fn fixture_files_are_in_the_stored_format() {
    let written = tempfile::tempdir().unwrap();
    let dir = written.path().join("d");
    mentorplan::store::Store::new(&dir)
        .replace(&jane(), chrono::Utc::now())
        .unwrap();
    let listing = |root: &std::path::Path| -> Vec<String> {
        let mut v: Vec<String> = walk(root)
            .into_iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .filter(|p| p.ends_with(".json"))
            .collect();
        v.sort();
        v
    };
    let names = listing(&fixture_dir());
    assert_eq!(names, listing(&dir));
    assert!(
        names.contains(&"devlog/2021-22.json".to_string()),
        "{names:?}"
    );
    for name in names {
        assert_eq!(
            std::fs::read_to_string(fixture_dir().join(&name)).unwrap(),
            std::fs::read_to_string(dir.join(&name)).unwrap(),
            "{name}"
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
