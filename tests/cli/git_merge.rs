//! A data directory kept in git, with `mentorplan merge-file` as the merge driver
//! (docs/sync.md): two machines' edits merge without conflict markers.

use crate::util::{TODAY, bin, stdout};
use std::path::Path;
use std::process::Command;

/// git as docs/sync.md runs it: with umask 077, so that what it checks out stays private.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("sh")
        .current_dir(dir)
        .args(["-c", "umask 077 && exec git \"$@\"", "git"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.ac.uk")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.ac.uk")
        .output()
        .expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn mentorplan(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(bin());
    c.env("MENTORPLAN_DATA_DIR", dir)
        .env("MENTORPLAN_TODAY", TODAY);
    c
}

/// The recipe of docs/sync.md, as a clone runs it.
fn set_up_driver(clone: &Path) {
    let driver = format!("{} merge-file %O %A %B", bin().display());
    git(
        clone,
        &[
            "config",
            "merge.mentorplan.name",
            "mentorplan's three-way merge",
        ],
    );
    git(clone, &["config", "merge.mentorplan.driver", &driver]);
}

#[test]
fn two_clones_that_both_add_a_meeting_and_both_edit_the_plan_merge_cleanly() {
    let root = tempfile::tempdir().unwrap();
    let origin = root.path().join("origin");
    let run = |dir: &Path, args: &[&str]| {
        mentorplan(dir).args(args).assert().success();
    };
    run(
        &origin,
        &["meeting", "log", "--date", "2026-11-02", "--minutes", "60"],
    );
    run(
        &origin,
        &["plan", "section", "grants", "A British Academy small grant"],
    );
    std::fs::write(origin.join(".gitattributes"), "*.json merge=mentorplan\n").unwrap();
    std::fs::write(
        origin.join(".gitignore"),
        ".lock\nbackups/\ntyping-*.json\nediting-*\nmeeting-draft.json\n.*.tmp\n",
    )
    .unwrap();
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-qm", "start"]);
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    for clone in [&a, &b] {
        git(
            root.path(),
            &[
                "clone",
                "-q",
                origin.to_str().unwrap(),
                clone.to_str().unwrap(),
            ],
        );
        set_up_driver(clone);
        run(clone, &["check", "--fix-permissions"]);
    }
    // Each machine: a meeting this year and one of an earlier academic year (which both put
    // in a new file of its own, so git merges it with an empty base), a section, a workshop.
    let meeting = |date: &'static str, minutes: &'static str| {
        vec!["meeting", "log", "--date", date, "--minutes", minutes]
    };
    let edits = [
        (
            &a,
            [
                meeting("2026-11-09", "45"),
                meeting("2023-03-10", "50"),
                vec![
                    "plan",
                    "section",
                    "grants",
                    "A British Academy small grant\nLeverhulme",
                ],
                vec![
                    "plan",
                    "session",
                    "pitch perfect",
                    "yes",
                    "--month",
                    "11/26",
                ],
            ],
        ),
        (
            &b,
            [
                meeting("2026-11-16", "30"),
                meeting("2023-04-14", "40"),
                vec!["plan", "section", "publications", "A paper for BERA"],
                vec!["plan", "session", "orcid", "yes", "--month", "01/27"],
            ],
        ),
    ];
    for (clone, commands) in &edits {
        for args in commands {
            run(clone, args);
        }
    }
    for (clone, what) in [(&a, "on A"), (&b, "on B")] {
        git(clone, &["add", "-A"]);
        git(clone, &["commit", "-qm", what]);
    }
    git(
        &a,
        &[
            "pull",
            "-q",
            "--no-rebase",
            "--no-edit",
            b.to_str().unwrap(),
            "main",
        ],
    );

    let status = git(&a, &["status", "--porcelain"]);
    assert!(status.trim().is_empty(), "no conflict left: {status}");
    let mut files = vec![a.join("meetings.json"), a.join("plans/2026-28.json")];
    let years = std::fs::read_dir(a.join("meetings")).map(|d| d.map(|e| e.unwrap().path()));
    files.extend(years.into_iter().flatten());
    assert!(files.len() >= 3, "a file for the earlier year: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let file = file.display();
        assert!(
            !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
            "{file}: {text}"
        );
    }
    let meetings = stdout(
        &mentorplan(&a)
            .args(["meeting", "list", "--json"])
            .assert()
            .success(),
    );
    let meetings: serde_json::Value = serde_json::from_str(&meetings).unwrap();
    let dates: Vec<&str> = meetings["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2023-03-10",
            "2023-04-14",
            "2026-11-02",
            "2026-11-09",
            "2026-11-16"
        ]
    );
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(a.join("plans/2026-28.json")).unwrap())
            .unwrap();
    let plan = &plan["plan"];
    assert_eq!(
        plan["sections"]["grants"],
        "A British Academy small grant\nLeverhulme"
    );
    assert_eq!(plan["sections"]["publications"], "A paper for BERA");
    assert_eq!(plan["sessions"]["activator.pitch-perfect"]["attend"], "yes");
    assert_eq!(plan["sessions"]["library.orcid"]["month"], "2027-01");
    mentorplan(&a).arg("check").assert().success();
}

#[test]
fn a_file_that_cannot_be_merged_is_left_as_it_was_with_a_failure() {
    let root = tempfile::tempdir().unwrap();
    let (base, ours, theirs) = (
        root.path().join("base"),
        root.path().join("ours"),
        root.path().join("theirs"),
    );
    let meetings =
        "{\n  \"schema_version\": 2,\n  \"meetings\": {\"meetings\": [], \"actions\": []}\n}\n";
    std::fs::write(&base, meetings).unwrap();
    std::fs::write(&ours, "<<<<<<< HEAD\nnot json\n").unwrap();
    std::fs::write(&theirs, meetings).unwrap();
    let out = assert_cmd::Command::new(bin())
        .args(["merge-file"])
        .args([&base, &ours, &theirs])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("not a mentorplan data file") && err.contains("left as it was"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&ours).unwrap(),
        "<<<<<<< HEAD\nnot json\n"
    );
}

#[test]
fn check_flags_the_conflict_copies_of_each_sync_tool_in_any_folder() {
    let d = crate::util::Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    let copies = [
        "meetings.sync-conflict-20261123-101500-ABCDEF7.json",
        "meetings (Jane Smith's conflicted copy 2026-11-23).json",
        "profile (conflicted copy 2026-11-23 101500).json",
        "checklist_conflict-20261123-101500.json",
        "devlog (SFConflict jane@example.ac.uk 2026-11-23-10-15-00).json",
        "plans/2026-28.sync-conflict-20261123-101500-ABCDEF7.json",
        "meetings/2026-27.sync-conflict-20261123-101500-ABCDEF7.json",
    ];
    for copy in copies {
        d.write(copy, "{}");
    }
    d.write(
        "backups/meetings.sync-conflict-20261123-101500-ABCDEF7.json",
        "{}",
    );
    let out = d.cmd().arg("check").assert().code(1);
    let text = stdout(&out);
    for copy in copies {
        assert!(text.contains(copy), "{copy}: {text}");
    }
    assert!(!text.contains("backups/meetings.sync"), "{text}");
}
