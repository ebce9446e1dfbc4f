//! Every form from the shell, through the interface's operations: the plan's, the profile's
//! and the checklist's fields; labels matched forgivingly; `--json` lists; pipes for export
//! and import.

use crate::util::{Data, WHOLE_RECORD_JSON, stderr, stdout};
use serde_json::Value;

fn json(d: &Data, args: &[&str]) -> Value {
    let out = d.cmd().args(args).arg("--json").assert().success();
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn the_plan_is_started_and_filled_in_from_the_shell() {
    let d = Data::new();
    d.cmd()
        .args(["profile", "set", "--name", "Jane Smith", "--fte", "80%"])
        .assert()
        .success();
    d.cmd().args(["plan", "start"]).assert().success();
    let again = d.cmd().args(["plan", "start"]).assert().success();
    assert!(stdout(&again).contains("already started"));
    d.cmd()
        .args([
            "plan",
            "session",
            "Pitch Perfect",
            "yes",
            "--month",
            "11/26",
        ])
        .assert()
        .success();
    d.cmd()
        .args(["plan", "session", "orcid", "no"])
        .assert()
        .success();
    d.cmd()
        .args(["plan", "session", "ORCID", "--month", "Mar 2027"])
        .assert()
        .success();
    d.cmd()
        .args(["plan", "section", "key targets", "Write the BERA paper"])
        .assert()
        .success();
    d.cmd()
        .args(["plan", "section", "grants", "-"])
        .write_stdin("A British Academy small grant\n\n")
        .assert()
        .success();
    let file = d.dir.parent().unwrap().join("pubs.txt");
    std::fs::write(&file, "Smith, J. (2027)\n").unwrap();
    d.cmd()
        .args(["plan", "section", "publications", "--file"])
        .arg(&file)
        .assert()
        .success();
    d.cmd()
        .args([
            "plan",
            "about",
            "--position",
            "Lecturer",
            "--mentor",
            "Joe Hope",
        ])
        .assert()
        .success();
    let plan = &d.json("plans/2026-28.json")["plan"];
    assert_eq!(
        plan["about"]["name"], "Jane Smith",
        "About You from the profile"
    );
    assert_eq!(plan["about"]["fte"], 0.8);
    assert_eq!(plan["about"]["mentor"], "Joe Hope");
    assert_eq!(
        plan["sessions"]["activator.pitch-perfect"],
        serde_json::json!({"attend": "yes", "month": "2026-11"})
    );
    assert_eq!(
        plan["sessions"]["library.orcid"],
        serde_json::json!({"attend": "no", "month": "2027-03"}),
        "a month alone keeps the answer"
    );
    assert_eq!(plan["sections"]["key-targets"], "Write the BERA paper");
    assert_eq!(plan["sections"]["grants"], "A British Academy small grant");
    assert_eq!(plan["sections"]["publications"], "Smith, J. (2027)");
    let plans = json(&d, &["plan", "list"]);
    assert_eq!(plans["plans"][0]["window"], "2026-28");
    assert_eq!(plans["plans"][0]["sessions_answered"], 2);
}

#[test]
fn unknown_and_ambiguous_labels_list_the_candidates_as_usage_errors() {
    let d = Data::new();
    let out = d
        .cmd()
        .args(["plan", "session", "p", "yes"])
        .assert()
        .code(2);
    let err = stderr(&out);
    assert!(
        err.contains("Pitch Perfect") && err.contains("Posters and Infographics"),
        "{err}"
    );
    assert!(
        !err.contains("Research Cafes"),
        "only the candidates that match: {err}"
    );
    let out = d
        .cmd()
        .args(["plan", "section", "nothing", "x"])
        .assert()
        .code(2);
    assert!(stderr(&out).contains("Key Targets"), "{}", stderr(&out));
    let out = d
        .cmd()
        .args(["plan", "session", "pitch", "maybe"])
        .assert()
        .code(2);
    assert!(stderr(&out).contains("yes, no, or none"));
    let out = d.cmd().args(["checklist", "tick", "zzz"]).assert().code(2);
    assert!(
        stderr(&out).contains("Targeting a journal"),
        "{}",
        stderr(&out)
    );
    assert!(
        !d.path("plans").exists() && !d.path("checklist.json").exists(),
        "nothing written"
    );
}

#[test]
fn the_profile_and_the_checklist_are_set_from_the_shell() {
    let d = Data::new();
    d.cmd()
        .args([
            "profile",
            "set",
            "--name",
            "Zoë",
            "--mentors",
            "Joe Hope; Ann Lee",
        ])
        .args(["--membership", "assoc", "--email", "z@example.ac.uk"])
        .assert()
        .success();
    let bad = d
        .cmd()
        .args(["profile", "set", "--email", "nope"])
        .assert()
        .code(2);
    assert!(stderr(&bad).contains("e-mail"));
    let p = json(&d, &["profile", "show"]);
    assert_eq!(p["mentors"], serde_json::json!(["Joe Hope", "Ann Lee"]));
    assert_eq!(p["membership"], "associate");
    d.cmd()
        .args(["checklist", "tick", "targeting", "orcid"])
        .assert()
        .success();
    d.cmd()
        .args(["checklist", "level", "journal", "inter"])
        .assert()
        .success();
    d.cmd()
        .args(["checklist", "specify", "other", "Writing for practitioners"])
        .assert()
        .success();
    d.cmd()
        .args(["checklist", "untick", "orcid"])
        .assert()
        .success();
    let c = json(&d, &["checklist", "list"]);
    assert_eq!(c["areas"]["journal"]["level"], "intermediate");
    assert_eq!(
        c["areas"]["journal"]["ticked"],
        serde_json::json!(["journal.targeting"])
    );
    assert_eq!(c["areas"]["other"]["specify"], "Writing for practitioners");
    let text = stdout(&d.cmd().args(["checklist", "list"]).assert().success());
    assert!(text.contains("[x] Targeting a journal"), "{text}");
}

#[test]
fn status_and_every_list_speak_json() {
    let d = Data::new();
    d.cmd()
        .args(["meeting", "log", "--minutes", "45"])
        .assert()
        .success();
    d.cmd()
        .args(["action", "add", "--activity", "Draft the abstract"])
        .assert()
        .success();
    d.cmd()
        .args(["agreement", "add", "--mentor", "Joe Hope"])
        .assert()
        .success();
    d.cmd()
        .args(["questionnaire", "pre", "--rate", "journal=2"])
        .assert()
        .success();
    d.cmd()
        .args([
            "dev",
            "add",
            "--title",
            "BERA",
            "--provider",
            "external",
            "--days",
            "1",
        ])
        .assert()
        .success();
    let s = json(&d, &["status"]);
    assert_eq!(s["mentoring"]["minutes_done"], 45);
    assert_eq!(s["plan"]["window"], "2026-28");
    assert_eq!(s["open_actions"], 1);
    assert_eq!(json(&d, &["meeting", "list"])["meetings"][0]["minutes"], 45);
    let actions = json(&d, &["action", "list"]);
    assert_eq!(actions["actions"][0]["number"], 1);
    assert_eq!(actions["actions"][0]["activity"], "Draft the abstract");
    assert_eq!(actions["actions"][0]["due"], false);
    assert_eq!(
        json(&d, &["agreement", "list"])["agreements"][0]["mentor"],
        "Joe Hope"
    );
    assert_eq!(
        json(&d, &["questionnaire", "list"])["questionnaires"][0]["stage"],
        "pre"
    );
    let dev = json(&d, &["dev", "list"]);
    assert_eq!(dev["entries"][0]["title"], "BERA");
    assert_eq!(dev["entries"][0]["days"], 1.0);
    assert_eq!(dev["entries"][0]["academic_year"], "2026-27");
    assert_eq!(
        json(&d, &["mentee", "list"])["mentees"],
        serde_json::json!([])
    );
    assert_eq!(json(&d, &["plan", "list"])["plans"], serde_json::json!([]));
    d.cmd()
        .args(["reflect", "cycle", "new", "How do I listen better?"])
        .assert()
        .success();
    let cycles = json(&d, &["reflect", "cycle", "list"]);
    assert_eq!(cycles["cycles"][0]["number"], 1);
    assert_eq!(cycles["cycles"][0]["question"], "How do I listen better?");
}

#[test]
fn export_to_a_dash_is_standard_output_and_import_reads_a_dash_as_standard_input() {
    let d = Data::new();
    d.cmd()
        .args(["plan", "section", "grants", "BA small grant"])
        .assert()
        .success();
    d.cmd()
        .args(["meeting", "log", "--minutes", "30"])
        .assert()
        .success();
    let out = d
        .cmd()
        .args(WHOLE_RECORD_JSON)
        .args(["-o", "-"])
        .assert()
        .success();
    let record = stdout(&out);
    assert!(record.contains("BA small grant"), "{record}");
    assert!(!d.dir.join("-").exists(), "no file named -");
    let other = Data::new();
    other
        .cmd()
        .args(["import", "-"])
        .write_stdin(record)
        .assert()
        .success();
    assert_eq!(
        json(&other, &["meeting", "list"])["meetings"][0]["minutes"],
        30
    );
}

/// A trial typed `mentorplan profile`, which `--help` calls "Show or set your profile", and got
/// a usage error: alone it shows the profile.
#[test]
fn profile_alone_shows_the_profile() {
    let d = Data::new();
    d.cmd()
        .args(["profile", "set", "--name", "Sam Okafor"])
        .assert()
        .success();
    let out = d.cmd().arg("profile").assert().success();
    assert!(stdout(&out).contains("Sam Okafor"), "{}", stdout(&out));
    let json = d.cmd().args(["profile", "--json"]).assert().success();
    assert!(stdout(&json).contains("\"name\": \"Sam Okafor\""));
}
