//! Issue 10: one set of domain rules for every way data arrives: the command line, an import,
//! a catalogue, a file edited by hand. Totals cannot overflow.

use crate::util::{Data, stderr, stdout};
use predicates::str::contains;
use serde_json::json;

const AGREEMENT: &str = "9229f6f2-5730-4255-a17a-9f2b42ea0209";

fn meetings_of(minutes: &[u64]) -> String {
    let meetings: Vec<_> = minutes
        .iter()
        .enumerate()
        .map(|(i, m)| {
            json!({"id": format!("32e40980-00ef-4a16-a440-7b4d86d7b51{i}"),
                   "date": "2026-10-06", "minutes": m, "notes": ""})
        })
        .collect();
    json!({"schema_version": 2, "meetings": {"actions": [], "meetings": meetings}}).to_string()
}

#[test]
fn meetings_whose_minutes_wrap_a_u32_are_refused_not_summed_to_zero() {
    let d = Data::new();
    d.write(
        "meetings.json",
        &meetings_of(&[2_147_483_648, 2_147_483_648]),
    );
    let out = d.cmd().arg("check").assert().code(1);
    assert!(
        stdout(&out).contains("a meeting lasts 0 to 1440 minutes"),
        "{}",
        stdout(&out)
    );
    let out = d.cmd().arg("status").assert().success();
    assert!(stderr(&out).contains("1440 minutes"), "{}", stderr(&out));
    // A day-long meeting is fine, and many of them add up in the status line.
    d.write("meetings.json", &meetings_of(&[1440, 1440]));
    d.cmd()
        .args(["check", "--fix-permissions"])
        .assert()
        .success();
    d.cmd()
        .arg("status")
        .assert()
        .success()
        .stdout(contains("48 h of 6 h"));
}

#[test]
fn a_catalogue_asking_for_absurd_hours_is_refused_with_the_bound() {
    let d = Data::new();
    let file = d.dir.parent().unwrap().join("catalog.json");
    std::fs::write(&file, r#"{"minimum_mentoring_hours": 71582789}"#).unwrap();
    d.cmd()
        .args(["--catalog", file.to_str().unwrap(), "status"])
        .assert()
        .code(1)
        .stderr(contains("0 to 400 hours per academic year"));
}

fn bundle(agreements: serde_json::Value, questionnaires: serde_json::Value) -> String {
    json!({"schema_version": 2, "record": {
        "agreements": {"agreements": agreements},
        "questionnaires": {"questionnaires": questionnaires},
    }})
    .to_string()
}

#[test]
fn an_import_that_breaks_the_rules_is_refused_and_nothing_is_written() {
    let agreement = |fields: serde_json::Value| {
        let mut a = json!({"id": AGREEMENT, "mentor": "Joe Hope"});
        for (k, v) in fields.as_object().unwrap() {
            a[k] = v.clone();
        }
        json!([a])
    };
    let questionnaire = json!([{
        "id": "32e40980-00ef-4a16-a440-7b4d86d7b515", "stage": "pre", "date": "2026-10-06",
        "agreement": "00000000-0000-0000-0000-000000000001", "ratings": {"journal": 2}
    }]);
    for (what, file, expected) in [
        (
            "no mentor",
            bundle(agreement(json!({"mentor": ""})), json!([])),
            "needs the mentor's name",
        ),
        (
            "a huge length",
            bundle(agreement(json!({"length_minutes": 99_999_999})), json!([])),
            "1 to 1440 minutes",
        ),
        (
            "ended without a date",
            bundle(agreement(json!({"status": "ended"})), json!([])),
            "needs its end date",
        ),
        (
            "a questionnaire about no agreement",
            bundle(agreement(json!({})), questionnaire.clone()),
            "which does not exist",
        ),
    ] {
        let d = Data::new();
        let path = d.dir.parent().unwrap().join("record.json");
        std::fs::write(&path, file).unwrap();
        let out = d
            .cmd()
            .args(["import", path.to_str().unwrap()])
            .assert()
            .code(1);
        assert!(stderr(&out).contains(expected), "{what}: {}", stderr(&out));
        assert!(
            !d.path("agreements.json").exists(),
            "{what}: nothing written"
        );
    }
    // The same rules hold on the command line (a usage error) ...
    let d = Data::new();
    d.cmd()
        .args("agreement add --mentor Joe --length 99999999".split(' '))
        .assert()
        .code(2)
        .stderr(contains("at most 24 h"));
    // ... and for a file edited by hand, which `check` reports.
    d.write(
        "agreements.json",
        &json!({"schema_version": 2, "agreements": {"agreements": agreement(json!({"status": "ended"}))}})
            .to_string(),
    );
    d.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("needs its end date"));
}

#[test]
fn a_mentee_directory_is_never_a_path_elsewhere() {
    let d = Data::new();
    d.cmd().args(["mentee", "add", "Bob"]).assert().success();
    let elsewhere = d.dir.parent().unwrap().join("elsewhere");
    let list = json!({"schema_version": 2, "mentees": {"mentees": [{
        "id": elsewhere.to_str().unwrap(), "name": "Bob", "started": "2026-10-01"
    }]}});
    let before = d.read("mentees.json");
    let mut edited: serde_json::Value = serde_json::from_str(&before).unwrap();
    edited["mentees"] = list["mentees"].clone();
    d.write("mentees.json", &edited.to_string());
    d.cmd()
        .args(["--mentee", "bob", "note", "private"])
        .assert()
        .code(1)
        .stderr(contains("a directory name is letters, digits"));
    assert!(!elsewhere.join("meetings.json").exists());
    d.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("mentees.json"));
}
