//! Institutions' catalogues: used when given, refused with file, line and reason when broken,
//! and answers keep their words when the catalogue changes.

use crate::util::{Data, stderr, stdout};
use predicates::str::contains;

/// The complete second example of docs/catalogs.md, as a file.
fn example(d: &Data) -> std::path::PathBuf {
    let doc = include_str!("../../docs/catalogs.md");
    let start = doc.find("```json\n").expect("a json block") + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let path = d.dir.parent().unwrap().join("northfield.json");
    std::fs::write(&path, &doc[start..end]).unwrap();
    path
}

#[test]
fn the_documented_second_example_is_used_for_deadline_hours_and_plan() {
    let d = Data::new();
    let catalog = example(&d);
    let c = catalog.to_str().unwrap();
    d.cmd()
        .args(["--catalog", c, "meeting", "log", "--minutes", "120"])
        .assert()
        .success();
    d.cmd()
        .args(["--catalog", c, "status"])
        .assert()
        .success()
        .stdout(contains("due 31 May 2027"))
        .stdout(contains("2 h of 8 h"));
    // The environment variable does the same.
    d.cmd()
        .args(["status"])
        .env("MENTORPLAN_CATALOG", &catalog)
        .assert()
        .success()
        .stdout(contains("due 31 May 2027"));
    for name in ["A", "B", "C"] {
        d.cmd()
            .args(["--catalog", c, "mentee", "add", name])
            .assert()
            .success();
    }
    d.cmd()
        .args(["--catalog", c, "mentee", "add", "D"])
        .assert()
        .code(1)
        .stderr(contains("at most three mentees"));
}

#[test]
fn a_broken_catalogue_is_refused_with_file_line_and_reason() {
    let d = Data::new();
    let dir = d.dir.parent().unwrap();
    let cases = [
        ("syntax.json", "{\n  \"name\": \"x\",\n}\n", "line 3"),
        (
            "type.json",
            "{\n  \"minimum_mentoring_hours\": \"six\"\n}\n",
            "line 2, at minimum_mentoring_hours",
        ),
        (
            "typo.json",
            "{\n  \"submision_deadline\": {}\n}\n",
            "unknown field `submision_deadline`",
        ),
        (
            "dup.json",
            "{\n  \"plan\": { \"sections\": [\n    { \"id\": \"a\", \"title\": \"A\", \"prompt\": \"p\" },\n    { \"id\": \"a\", \"title\": \"B\", \"prompt\": \"p\" }\n  ]}\n}\n",
            "line 4: section id \"a\" is used twice",
        ),
    ];
    for (name, text, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = d
            .cmd()
            .args(["--catalog", path.to_str().unwrap(), "status"])
            .assert()
            .code(1);
        let err = stderr(&out);
        assert!(
            err.contains(&format!("cannot use the catalogue {}", path.display())),
            "{err}"
        );
        assert!(err.contains(expected), "{name}: {err}");
    }
    d.cmd()
        .args(["--catalog", "/nonexistent/catalog.json", "status"])
        .assert()
        .code(1)
        .stderr(contains(
            "cannot read the catalogue /nonexistent/catalog.json",
        ));
}

#[test]
fn answers_keep_their_labels_when_the_catalogue_drops_or_renames_an_entry() {
    let d = Data::new();
    // Answered under CERES, by the interface's operations through the JSON import path.
    let record = serde_json::json!({
        "schema_version": 2,
        "record": {
            "checklist": {
                "areas": { "journal": { "level": "introductory", "ticked": ["journal.writing"] } },
                "labels": { "journal": "Journal", "journal.writing": "Writing a journal article" }
            },
            "plans": [{
                "window": "2026-28",
                "sessions": { "activator.pitch-perfect": { "attend": "yes", "month": "2027-02" } },
                "sections": { "key-targets": "Write the paper" },
                "labels": {
                    "activator.pitch-perfect": "Pitch Perfect",
                    "key-targets": "Key Targets in Your 2 Year Plan"
                }
            }]
        }
    });
    let file = d.dir.parent().unwrap().join("record.json");
    std::fs::write(&file, record.to_string()).unwrap();
    d.cmd()
        .args(["import", file.to_str().unwrap()])
        .assert()
        .success();
    let catalog = example(&d);
    let c = catalog.to_str().unwrap();
    for (section, expected) in [
        ("checklist", "Journal (not in this catalogue)"),
        ("checklist", "☒ Writing a journal article"),
        ("plan", "Pitch Perfect (not in this catalogue)"),
        (
            "plan",
            "Key Targets in Your 2 Year Plan (not in this catalogue)",
        ),
        ("plan", "Write the paper"),
    ] {
        let out = d
            .cmd()
            .args([
                "--catalog",
                c,
                "export",
                "--section",
                section,
                "--format",
                "txt",
                "--year",
                "2026-28",
            ])
            .assert()
            .success();
        assert!(
            stdout(&out).contains(expected),
            "{section}: {}",
            stdout(&out)
        );
    }
    // Nothing was dropped from the files by reading under another catalogue.
    let checklist = d.read("checklist.json");
    assert!(checklist.contains("journal.writing"), "{checklist}");
}
