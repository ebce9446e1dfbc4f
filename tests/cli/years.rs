//! Meetings and development entries kept one file per academic year (issue 11): a version-2
//! directory migrates at its first save, a save reads and writes this year's files only, and
//! an item of an earlier year goes to (and is found in) that year's file.

use crate::util::{Data, WHOLE_RECORD_JSON, copy_dir, stdout};
use serde_json::{Value, json};
use std::path::Path;

/// The whole record as `export` gives it, without the envelope's version.
fn record(d: &Data) -> Value {
    let out = d.cmd().args(WHOLE_RECORD_JSON).assert().success();
    let mut v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    v["schema_version"] = Value::Null;
    v
}

fn ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn meetings_file(meetings: Value) -> String {
    let body = json!({"schema_version": 3, "meetings": {"actions": [], "meetings": meetings}});
    serde_json::to_string_pretty(&body).unwrap()
}

fn meeting(id: u32, date: &str, notes: &str) -> Value {
    json!({"id": format!("00000000-0000-0000-0000-{id:012}"), "date": date, "minutes": 60, "notes": notes})
}

#[test]
fn a_version_2_directory_moves_earlier_years_to_their_files_at_its_first_save() {
    let d = Data::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-jane-smith");
    copy_dir(&fixture, &d.dir);
    let before = record(&d);
    d.cmd()
        .args(["note", "--date", "2026-11-20", "after the move"])
        .assert()
        .success();
    // Every file the save read is in the current version; the 2021-22 meetings and entries
    // are in their own files.
    for rel in [
        "profile.json",
        "checklist.json",
        "meetings.json",
        "devlog.json",
        "meetings/2021-22.json",
        "devlog/2021-22.json",
    ] {
        assert_eq!(d.json(rel)["schema_version"], 3, "{rel}");
    }
    // A note reads no plan: an earlier window's plan is migrated by the first save that reads
    // it (its payload is the same in both versions).
    assert_eq!(d.json("plans/2021-23.json")["schema_version"], 2);
    let present = &d.json("meetings.json")["meetings"];
    assert_eq!(present["meetings"].as_array().unwrap().len(), 1);
    assert_eq!(present["meetings"][0]["notes"], "after the move");
    // The actions go with the meetings of the year they were agreed in (an open one too:
    // the interface loads every year before it takes a key, and `status` reads them all).
    assert_eq!(present["actions"], json!([]));
    let earlier = &d.json("meetings/2021-22.json")["meetings"];
    assert_eq!(
        earlier["actions"], before["record"]["meetings"]["actions"],
        "actions"
    );
    assert_eq!(
        ids(&earlier["meetings"]),
        ids(&before["record"]["meetings"]["meetings"])
    );
    assert_eq!(
        d.json("devlog.json")["devlog"]["entries"][0]["date"],
        "2022-09-06"
    );
    assert_eq!(
        d.json("devlog/2021-22.json")["devlog"]["entries"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    // Nothing else changed: the record is the one before, with the note.
    let mut after = record(&d);
    let added = after["record"]["meetings"]["meetings"]
        .as_array_mut()
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(added["notes"], "after the move");
    assert_eq!(after, before);
    // The version-2 originals are kept as backups.
    assert!(
        std::fs::read_to_string(d.newest_backup("devlog.json"))
            .unwrap()
            .contains("\"schema_version\": 2")
    );
}

#[test]
fn a_note_reads_and_writes_this_years_files_only() {
    let d = Data::new();
    d.write(
        "meetings.json",
        &meetings_file(json!([meeting(1, "2026-10-01", "this year")])),
    );
    // An earlier year's file that cannot be read: a note neither needs nor touches it.
    let broken = "{\"schema_version\": 3, \"meetings\": {\"meetings\": [}";
    d.write("meetings/2019-20.json", broken);
    d.cmd()
        .args(["note", "--date", "2026-10-01", "more"])
        .assert()
        .success();
    assert_eq!(
        d.json("meetings.json")["meetings"]["meetings"][0]["notes"],
        "this year\nmore"
    );
    assert_eq!(d.read("meetings/2019-20.json"), broken);
    // What reads every year says so.
    let out = d
        .cmd()
        .args(["export", "--section", "meetings", "--include-confidential"])
        .assert();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("meetings/2019-20.json"), "{err}");
}

#[test]
fn a_meeting_of_an_earlier_year_goes_to_its_file_beside_those_there() {
    let d = Data::new();
    d.write(
        "meetings.json",
        &meetings_file(json!([meeting(1, "2026-10-01", "now")])),
    );
    let mut file: Value =
        serde_json::from_str(&meetings_file(json!([meeting(2, "2019-10-01", "then")]))).unwrap();
    // Keys a newer release wrote, beside the payload and within it, are kept.
    file["from_the_future"] = json!(1);
    file["meetings"]["shelf"] = json!("kept");
    d.write("meetings/2019-20.json", &file.to_string());
    d.cmd()
        .args([
            "meeting",
            "log",
            "--date",
            "2019-11-05",
            "--minutes",
            "45",
            "--notes",
            "logged late",
        ])
        .assert()
        .success();
    let year = d.json("meetings/2019-20.json");
    let notes: Vec<&str> = year["meetings"]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["notes"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["then", "logged late"]);
    assert_eq!(year["from_the_future"], 1);
    assert_eq!(year["meetings"]["shelf"], "kept");
    assert_eq!(
        d.json("meetings.json")["meetings"]["meetings"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let list = stdout(&d.cmd().args(["meeting", "list"]).assert().success());
    assert!(
        list.contains("2019-10-01") && list.contains("2019-11-05"),
        "{list}"
    );
}

#[test]
fn the_first_meeting_of_a_new_year_moves_the_last_one_to_its_file() {
    let d = Data::new();
    d.write(
        "meetings.json",
        &meetings_file(json!([
            meeting(1, "2025-10-01", "a"),
            meeting(2, "2026-06-01", "b")
        ])),
    );
    d.cmd()
        .args(["note", "--date", "2026-09-15", "new year"])
        .assert()
        .success();
    let present = d.json("meetings.json")["meetings"]["meetings"].clone();
    assert_eq!(present.as_array().unwrap().len(), 1);
    assert_eq!(present[0]["notes"], "new year");
    assert_eq!(
        d.json("meetings/2025-26.json")["meetings"]["meetings"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn removing_the_last_entry_of_an_earlier_year_removes_its_file() {
    let d = Data::new();
    for (date, title) in [("2025-10-01", "Old course"), ("2026-10-01", "New course")] {
        d.cmd()
            .args([
                "dev",
                "add",
                "--title",
                title,
                "--provider",
                "other",
                "--hours",
                "2",
                "--date",
                date,
            ])
            .assert()
            .success();
    }
    assert!(d.path("devlog/2025-26.json").exists());
    d.cmd().args(["dev", "remove", "1"]).assert().success();
    assert!(!d.path("devlog/2025-26.json").exists());
    let list = stdout(&d.cmd().args(["dev", "list"]).assert().success());
    assert!(
        list.contains("New course") && !list.contains("Old course"),
        "{list}"
    );
}

#[test]
fn a_meeting_in_the_wrong_years_file_is_read_and_put_right_at_the_next_save() {
    let d = Data::new();
    d.write(
        "meetings.json",
        &meetings_file(json!([meeting(1, "2026-10-01", "now")])),
    );
    // Moved by hand into another year's file.
    d.write(
        "meetings/2019-20.json",
        &meetings_file(json!([
            meeting(2, "2019-10-01", "then"),
            meeting(3, "2018-10-01", "stray")
        ])),
    );
    let list = stdout(&d.cmd().args(["meeting", "list"]).assert().success());
    assert!(list.contains("2018-10-01"), "{list}");
    d.cmd()
        .args(["meeting", "log", "--date", "2019-10-02", "--minutes", "30"])
        .assert()
        .success();
    assert_eq!(
        d.json("meetings/2018-19.json")["meetings"]["meetings"][0]["notes"],
        "stray"
    );
    assert_eq!(
        d.json("meetings/2019-20.json")["meetings"]["meetings"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_linked_year_directory_is_refused() {
    let d = Data::new();
    d.write(
        "meetings.json",
        &meetings_file(json!([meeting(1, "2026-10-01", "now")])),
    );
    let elsewhere = d.dir.parent().unwrap().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, d.path("meetings")).unwrap();
    let out = d.cmd().args(["meeting", "list"]).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("symbolic link"), "{err}");
    d.cmd()
        .args(["meeting", "log", "--date", "2019-10-02", "--minutes", "30"])
        .assert()
        .failure();
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn check_reads_the_year_files_and_names_a_broken_one() {
    let d = Data::new();
    d.write(
        "meetings.json",
        &meetings_file(json!([meeting(1, "2026-10-01", "now")])),
    );
    d.write(
        "devlog/2019-20.json",
        "{\"schema_version\": 3, \"devlog\": [",
    );
    d.write(
        "meetings/2019-20 (Jane's conflicted copy 2026-11-01).json",
        &meetings_file(json!([])),
    );
    let out = d.cmd().arg("check").assert().failure();
    let text = stdout(&out) + &String::from_utf8_lossy(&out.get_output().stderr);
    assert!(text.contains("devlog/2019-20.json"), "{text}");
    assert!(text.contains("conflicted copy"), "{text}");
}

fn action(id: u32, meeting: &str, review: &str, activity: &str) -> Value {
    json!({"id": format!("00000000-0000-0000-0000-{id:012}"), "activity": activity,
           "meeting_date": meeting, "review_date": review, "status": "open"})
}

/// Actions go with the meetings of the year they were agreed in; one still open years later is
/// still due: `status` and `action list` read every year, and closing it writes its year's file.
#[test]
fn an_open_action_of_an_earlier_year_is_still_due_and_can_be_closed() {
    let d = Data::new();
    let body = json!({"schema_version": 3, "meetings": {
        "actions": [action(10, "2026-10-01", "2027-01-01", "Recent action")],
        "meetings": [meeting(1, "2026-10-01", "now")]}});
    d.write("meetings.json", &body.to_string());
    let old = json!({"schema_version": 3, "meetings": {
        "actions": [action(11, "2019-10-01", "2019-12-01", "Ancient action")],
        "meetings": [meeting(2, "2019-10-01", "then")]}});
    d.write("meetings/2019-20.json", &old.to_string());
    let status = stdout(&d.cmd().arg("status").assert().success());
    assert!(status.contains("Ancient action"), "{status}");
    let list = stdout(&d.cmd().args(["action", "list"]).assert().success());
    assert!(
        list.contains("Ancient action") && list.contains("Recent action"),
        "{list}"
    );
    let n = if list.find("Ancient").unwrap() < list.find("Recent").unwrap() {
        "1"
    } else {
        "2"
    };
    d.cmd().args(["action", "done", n]).assert().success();
    assert_eq!(
        d.json("meetings/2019-20.json")["meetings"]["actions"][0]["status"],
        "done"
    );
    assert_eq!(
        d.json("meetings.json")["meetings"]["actions"][0]["activity"],
        "Recent action"
    );
}
