//! The data directory's promises: private files, refused bad or newer files left untouched,
//! migration of old files, and concurrent writers that all land.

use crate::util::{Data, WHOLE_RECORD_JSON, bin, mode, stderr, stdout};
use predicates::str::contains;
use std::process::{Command, Stdio};

/// Runs the binary under a given umask, through the shell that sets it.
fn with_umask(d: &Data, umask: &str, args: &[&str]) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(bin())
        .args(args)
        .env("MENTORPLAN_DATA_DIR", &d.dir)
        .env("MENTORPLAN_TODAY", crate::util::TODAY)
        .output()
        .unwrap()
}

#[test]
fn files_are_0600_and_directories_0700_whatever_the_umask() {
    for umask in ["022", "000", "077"] {
        let d = Data::new();
        for _ in 0..2 {
            let out = with_umask(&d, umask, &["note", "private"]);
            assert!(out.status.success(), "{out:?}");
        }
        with_umask(&d, umask, &["action", "add", "--activity", "x"]);
        assert_eq!(mode(&d.dir), 0o700, "umask {umask}");
        assert_eq!(mode(&d.path("meetings.json")), 0o600, "umask {umask}");
        assert_eq!(mode(&d.path("backups")), 0o700, "umask {umask}");
        assert_eq!(
            mode(&d.newest_backup("meetings.json")),
            0o600,
            "umask {umask}"
        );
        assert_eq!(mode(&d.path(".lock")), 0o600, "umask {umask}");
        let out_file = d.dir.parent().unwrap().join("export.json");
        let out = with_umask(
            &d,
            umask,
            &[
                "export",
                "--format",
                "json",
                "-o",
                out_file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{out:?}");
        assert_eq!(mode(&out_file), 0o600, "umask {umask}");
    }
}

#[test]
fn an_unparsable_file_is_named_with_line_and_column_and_never_overwritten() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    let broken = "{\n  \"schema_version\": 2,\n  \"meetings\": { \"actions\": [ }\n}\n";
    d.write("meetings.json", broken);
    let out = d.cmd().args(["note", "second"]).assert().code(1);
    let err = stderr(&out);
    assert!(err.starts_with("mentorplan: cannot read "), "{err}");
    assert!(err.contains("meetings.json: line 3, column"), "{err}");
    assert!(err.contains("left exactly as it is"), "{err}");
    assert_eq!(d.read("meetings.json"), broken);
    // check reports it and fails; the file is still untouched.
    let out = d.cmd().arg("check").assert().code(1);
    assert!(
        stdout(&out).contains("meetings.json: line 3"),
        "{}",
        stdout(&out)
    );
    assert_eq!(d.read("meetings.json"), broken);
    // Exports that do not need the damaged file still work, with a warning.
    d.cmd()
        .args(["export", "--section", "checklist", "--format", "txt"])
        .assert()
        .success()
        .stderr(contains("warning: cannot read"));
    // Moving it aside keeps it and lets the user start that part afresh.
    let out = d.cmd().args(["check", "--move-aside"]).assert().success();
    assert!(stdout(&out).contains("moved aside"), "{}", stdout(&out));
    let aside: Vec<_> = std::fs::read_dir(&d.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("meetings.json.bad-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read_to_string(d.path(&aside[0])).unwrap(), broken);
    d.cmd().args(["note", "afresh"]).assert().success();
}

#[test]
fn empty_truncated_and_non_utf8_files_are_refused_clearly() {
    let cases: [(&[u8], &str); 5] = [
        (b"", "the file is empty"),
        // Inside a string, where the parser itself meets the bad byte.
        (
            b"{\"schema_version\": 2, \"meetings\": {\"x\": \"\xff\"}}",
            "not UTF-8 text (invalid byte at offset 41)",
        ),
        (
            b"{\"schema_version\": 2, \"meetings\": {\"actions\": [",
            "line 1, column",
        ),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"{\"meetings\": {}}", "no \"schema_version\""),
    ];
    for (content, expected) in cases {
        let d = Data::new();
        std::fs::create_dir_all(&d.dir).unwrap();
        std::fs::write(d.path("meetings.json"), content).unwrap();
        let out = d.cmd().args(["note", "x"]).assert().code(1);
        assert!(
            stderr(&out).contains(expected),
            "{expected}: {}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(d.path("meetings.json")).unwrap(), content);
    }
}

#[test]
fn an_older_schema_is_migrated_and_written_back_current() {
    let d = Data::new();
    d.write(
        "meetings.json",
        r#"{
  "schema_version": 1,
  "meetings": {
    "actions": [
      {"id": "00000000-0000-0000-0000-000000000001", "activity": "Old action", "done": true}
    ],
    "meetings": [
      {"id": "00000000-0000-0000-0000-000000000002", "date": "2026-10-01", "hours": 1.5, "notes": "v1"}
    ]
  }
}"#,
    );
    d.cmd()
        .arg("status")
        .assert()
        .success()
        .stdout(contains("1 h 30 min of 6 h"));
    d.cmd()
        .args(["note", "--date", "2026-10-01", "v2"])
        .assert()
        .success();
    let j = d.json("meetings.json");
    assert_eq!(j["schema_version"], 3);
    assert_eq!(j["meetings"]["meetings"][0]["minutes"], 90);
    assert_eq!(j["meetings"]["meetings"][0]["notes"], "v1\nv2");
    assert_eq!(j["meetings"]["actions"][0]["status"], "done");
    // The version-1 original is kept as a backup.
    assert!(
        std::fs::read_to_string(d.newest_backup("meetings.json"))
            .unwrap()
            .contains("\"hours\": 1.5")
    );
}

#[test]
fn a_newer_schema_is_refused_naming_the_version_needed() {
    let d = Data::new();
    let newer = "{\"schema_version\": 99, \"meetings\": {\"actions\": [], \"new_thing\": 1}}";
    d.write("meetings.json", newer);
    let out = d.cmd().args(["note", "x"]).assert().code(1);
    let err = stderr(&out);
    assert!(
        err.contains("written by a newer mentorplan (schema version 99"),
        "{err}"
    );
    assert!(err.contains("reads up to version 3"), "{err}");
    assert_eq!(d.read("meetings.json"), newer);
}

#[test]
fn twenty_concurrent_notes_all_land() {
    let d = Data::new();
    let children: Vec<_> = (0..20)
        .map(|i| {
            Command::new(bin())
                .args(["note", &format!("note number {i}")])
                .env("MENTORPLAN_DATA_DIR", &d.dir)
                .env("MENTORPLAN_TODAY", crate::util::TODAY)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    crate::util::all_succeed(children);
    let notes = d.json("meetings.json")["meetings"]["meetings"][0]["notes"]
        .as_str()
        .unwrap()
        .to_string();
    for i in 0..20 {
        assert!(
            notes.lines().any(|l| l == format!("note number {i}")),
            "{i} missing: {notes}"
        );
    }
    assert_eq!(notes.lines().count(), 20);
}

#[test]
fn export_and_import_move_a_whole_record_between_machines() {
    let from = Data::new();
    from.cmd()
        .args(["note", "Zoë’s note – 李华"])
        .assert()
        .success();
    from.cmd()
        .args(["action", "add", "--activity", "Write"])
        .assert()
        .success();
    let file = from.dir.parent().unwrap().join("record.json");
    from.cmd()
        .args(WHOLE_RECORD_JSON)
        .args(["-o", file.to_str().unwrap()])
        .assert()
        .success();
    let to = Data::new();
    to.cmd()
        .args(["import", file.to_str().unwrap()])
        .assert()
        .success()
        .stdout(contains("1 meeting(s) and 1 action(s)"));
    assert_eq!(to.read("meetings.json"), from.read("meetings.json"));
    // A second import would replace data: refused without --replace.
    to.cmd()
        .args(["import", file.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(contains("--replace"));
    to.cmd()
        .args(["import", "--replace", file.to_str().unwrap()])
        .assert()
        .success();
    // Not a record: clear message naming the file.
    let bogus = to.dir.parent().unwrap().join("bogus.json");
    std::fs::write(&bogus, "[1, 2").unwrap();
    to.cmd()
        .args(["import", bogus.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(contains(
            "bogus.json is not a mentorplan record export: line 1",
        ));
}

#[test]
fn path_and_check_on_a_fresh_machine() {
    let d = Data::new();
    d.cmd()
        .arg("path")
        .assert()
        .success()
        .stdout(format!("{}\n", d.dir.display()));
    d.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(contains("No data yet"));
    assert!(!d.dir.exists(), "read-only commands create nothing");
}

#[test]
fn check_reports_and_fixes_loose_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let d = Data::new();
    d.cmd().args(["note", "x"]).assert().success();
    std::fs::set_permissions(&d.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        d.path("meetings.json"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let out = d.cmd().arg("check").assert().code(1);
    assert!(
        stdout(&out).contains("permissions are 755"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("permissions are 644"),
        "{}",
        stdout(&out)
    );
    d.cmd()
        .args(["check", "--fix-permissions"])
        .assert()
        .success();
    assert_eq!(mode(&d.dir), 0o700);
    assert_eq!(mode(&d.path("meetings.json")), 0o600);
}

#[test]
fn a_data_directory_others_can_read_is_named_on_every_run_until_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let d = Data::new();
    d.cmd().args(["note", "x"]).assert().success();
    std::fs::set_permissions(&d.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    d.cmd()
        .arg("status")
        .assert()
        .success()
        .stderr(contains(
            "has permissions 755: other users on this machine may be able to read",
        ))
        .stderr(contains("mentorplan check --fix-permissions"));
    d.cmd()
        .args(["check", "--fix-permissions"])
        .assert()
        .success();
    d.cmd().arg("status").assert().success().stderr("");
}

/// Where the machine has a second user (root can run as `nobody`), prove that user cannot read
/// the data or even list the directory.
#[test]
fn another_user_cannot_read_the_data() {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let runuser = std::path::Path::new("/usr/sbin/runuser");
    if !root || !runuser.exists() {
        eprintln!("skipped: needs root and runuser to act as a second user");
        return;
    }
    let d = Data::new();
    d.cmd().args(["note", "confidential"]).assert().success();
    // The temporary root is 0700 too; open it so that only mentorplan's own modes protect the data.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        d.dir.parent().unwrap(),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    for target in [d.path("meetings.json"), d.dir.clone()] {
        let out = Command::new(runuser)
            .args(["-u", "nobody", "--", "cat"])
            .arg(&target)
            .output()
            .unwrap();
        assert!(!out.status.success(), "nobody read {}", target.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Permission denied"), "{err}");
    }
    let out = Command::new(runuser)
        .args(["-u", "nobody", "--", "ls"])
        .arg(&d.dir)
        .output()
        .unwrap();
    assert!(!out.status.success(), "nobody listed the data directory");
}

/// Issue 10: `export --section plan --format json` wrote the confidential meetings,
/// agreements and questionnaires along with the plan.
#[test]
fn a_json_export_holds_only_its_section_and_confidential_parts_only_when_named() {
    let d = Data::new();
    for args in [
        &["note", "CONFIDENTIAL-NOTE"][..],
        &["agreement", "add", "--mentor", "SECRET-MENTOR"],
        &[
            "questionnaire",
            "pre",
            "--rate",
            "journal=2",
            "--notes",
            "SECRET-HOPES",
        ],
        &[
            "dev",
            "add",
            "--title",
            "Course",
            "--provider",
            "external",
            "--days",
            "1",
        ],
    ] {
        d.cmd().args(args).assert().success();
    }
    d.write(
        "plans/2021-23.json",
        include_str!("../fixtures/jane-smith/plans/2021-23.json"),
    );
    let json = |args: &[&str]| {
        let out = d
            .cmd()
            .arg("export")
            .args(args)
            .args(["--format", "json"])
            .assert()
            .success();
        stdout(&out)
    };
    let secrets = ["CONFIDENTIAL-NOTE", "SECRET-MENTOR", "SECRET-HOPES"];
    for args in [
        &["--section", "plan", "--year", "2021-23"][..],
        &["--section", "checklist"],
        &["--section", "portfolio"],
        &["--section", "all"],
        &[],
    ] {
        let text = json(args);
        for s in secrets {
            assert!(!text.contains(s), "{args:?} leaked {s}: {text}");
        }
    }
    let plan = json(&["--section", "plan", "--year", "2021-23"]);
    assert!(
        plan.contains("\"window\"") && !plan.contains("Course"),
        "only the plan"
    );
    assert!(json(&["--section", "portfolio"]).contains("Course"));
    assert!(json(&["--section", "meetings"]).contains("CONFIDENTIAL-NOTE"));
    assert!(!json(&["--section", "meetings"]).contains("SECRET-MENTOR"));
    assert!(json(&["--section", "agreements"]).contains("SECRET-MENTOR"));
    assert!(json(&["--section", "impact"]).contains("SECRET-HOPES"));
    let whole = json(&["--section", "all", "--include-confidential"]);
    for s in secrets.iter().chain(&["Course", "\"window\""]) {
        assert!(whole.contains(s), "the whole record has {s}");
    }
    // A section's JSON is not a whole record: importing it (which replaces every part) is
    // refused rather than emptying the others.
    let part = d.dir.parent().unwrap().join("plan.json");
    std::fs::write(&part, plan).unwrap();
    let other = Data::new();
    other.cmd().args(["note", "kept"]).assert().success();
    other
        .cmd()
        .args(["import", "--replace", part.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(contains(
            "holds only what `mentorplan export --section plan --format json` exports",
        ));
    assert!(other.read("meetings.json").contains("kept"));
}

/// Issue 10: `--mode 777` for a confidential export was accepted silently.
#[test]
fn a_confidential_export_cannot_be_given_a_mode_others_can_read() {
    let d = Data::new();
    d.cmd().args(["note", "private"]).assert().success();
    d.write(
        "plans/2021-23.json",
        include_str!("../fixtures/jane-smith/plans/2021-23.json"),
    );
    let file = d.dir.parent().unwrap().join("out.md");
    let f = file.to_str().unwrap();
    for args in [
        &["--section", "meetings", "--mode", "777"][..],
        &["--section", "agreements", "--mode", "640"],
        &["--section", "impact", "--mode", "604"],
        &[
            "--section",
            "all",
            "--include-confidential",
            "--mode",
            "644",
        ],
        &[
            "--section",
            "all",
            "--include-confidential",
            "--format",
            "json",
            "--mode",
            "660",
        ],
        &["--section", "plan", "--mode", "999"],
    ] {
        let out = d
            .cmd()
            .arg("export")
            .args(args)
            .args(["-o", f])
            .assert()
            .code(2);
        assert!(
            stderr(&out).contains("--mode"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!file.exists(), "{args:?}: nothing written");
    }
    d.cmd()
        .args([
            "export",
            "--section",
            "plan",
            "--year",
            "2021-23",
            "--mode",
            "644",
            "-o",
            f,
        ])
        .assert()
        .success();
    assert_eq!(mode(&file), 0o644, "the plan may be shared");
    d.cmd()
        .args(["export", "--section", "meetings", "--mode", "400", "-o", f])
        .assert()
        .success();
    assert_eq!(mode(&file), 0o400);
}
