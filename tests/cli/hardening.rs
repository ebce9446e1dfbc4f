//! Issue 10, storage: what an adversarial trial on a shared server found, each reproduced.

use crate::util::{Data, WHOLE_RECORD_JSON, stderr, stdout};
use mentorplan::domain::catalog::Catalog;
use mentorplan::domain::ops::Op;
use mentorplan::store::{Store, TryApply};
use serde_json::{Value, json};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_lock_planted_as_a_link_is_never_followed() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    let victim = d.dir.parent().unwrap().join("victim.txt");
    std::fs::write(&victim, "the victim's own file\n").unwrap();
    std::fs::remove_file(d.path(".lock")).unwrap();
    std::os::unix::fs::symlink(&victim, d.path(".lock")).unwrap();
    let out = d.cmd().args(["note", "second"]).assert().code(1);
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "the victim's own file\n"
    );
    let out = d.cmd().arg("check").assert().code(1);
    assert!(
        stdout(&out).contains(".lock: cannot be used as the lock"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_data_file_planted_as_a_link_is_neither_read_nor_written() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    let elsewhere = d.dir.parent().unwrap().join("elsewhere.json");
    std::fs::rename(d.path("meetings.json"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, d.path("meetings.json")).unwrap();
    let before = std::fs::read(&elsewhere).unwrap();
    let out = d.cmd().args(["note", "second"]).assert().code(1);
    assert!(
        stderr(&out).contains("meetings.json: it is a symbolic link"),
        "{}",
        stderr(&out)
    );
    d.cmd()
        .args(["meeting", "list"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("symbolic link"));
    assert_eq!(std::fs::read(&elsewhere).unwrap(), before);
    assert!(
        std::fs::symlink_metadata(d.path("meetings.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_plans_directory_planted_as_a_link_is_not_read_or_written_through() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    let elsewhere = d.dir.parent().unwrap().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("2025-27.json"), "not yours").unwrap();
    std::os::unix::fs::symlink(&elsewhere, d.path("plans")).unwrap();
    let out = d.cmd().args(["note", "second"]).assert().code(1);
    assert!(
        stderr(&out).contains("plans: it is a symbolic link"),
        "{}",
        stderr(&out)
    );
    let out = d.cmd().arg("check").assert().code(1);
    assert!(
        stdout(&out).contains("plans: it is a symbolic link"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("2025-27.json")).unwrap(),
        "not yours"
    );
}

#[test]
fn a_mentees_record_planted_as_a_link_is_not_written_through() {
    let d = Data::new();
    d.cmd()
        .args(["mentee", "add", "Zoë Adams"])
        .assert()
        .success();
    d.cmd()
        .args(["--mentee", "zoe", "note", "first"])
        .assert()
        .success();
    let elsewhere = d.dir.parent().unwrap().join("elsewhere");
    std::fs::rename(d.path("mentees"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, d.path("mentees")).unwrap();
    let before = std::fs::read(elsewhere.join("zoe-adams/meetings.json")).unwrap();
    let out = d
        .cmd()
        .args(["--mentee", "zoe", "note", "second"])
        .assert()
        .code(1);
    let err = stderr(&out);
    assert!(err.contains("mentees: it is a symbolic link"), "{err}");
    assert_eq!(
        std::fs::read(elsewhere.join("zoe-adams/meetings.json")).unwrap(),
        before
    );
    let out = d.cmd().arg("check").assert().code(1);
    assert!(
        stdout(&out).contains("mentees: it is a symbolic link"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_data_directory_itself_may_be_a_link() {
    let d = Data::new();
    let real = d.dir.parent().unwrap().join("on-another-disk");
    std::fs::create_dir(&real).unwrap();
    set_mode(&real, 0o700);
    std::os::unix::fs::symlink(&real, &d.dir).unwrap();
    d.cmd().args(["note", "first"]).assert().success();
    d.cmd().args(["note", "second"]).assert().success();
    assert!(
        std::fs::read_to_string(real.join("meetings.json"))
            .unwrap()
            .contains("second")
    );
    d.cmd().arg("check").assert().success();
}

#[test]
fn a_data_directory_others_can_write_is_refused_for_writing_with_the_fix() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    for mode in [0o777, 0o770, 0o1777] {
        set_mode(&d.dir, mode);
        let out = d.cmd().args(["note", "second"]).assert().code(1);
        let err = stderr(&out);
        assert!(err.contains("refusing to write in"), "{err}");
        assert!(
            err.contains(&format!("`chmod 700 {}`", d.dir.display())),
            "{err}"
        );
        assert!(err.contains("mentorplan check --fix-permissions"), "{err}");
        // Reading still works, with the warning.
        let out = d.cmd().args(["meeting", "list"]).assert().success();
        assert!(
            stderr(&out).contains("other users on this machine"),
            "{}",
            stderr(&out)
        );
    }
    d.cmd()
        .args(["check", "--fix-permissions"])
        .assert()
        .success();
    d.cmd().args(["note", "second"]).assert().success();
    assert!(d.read("meetings.json").contains("first\\nsecond"));
}

/// A process of this machine that is not a mentorplan: `sleep`.
fn other_process() -> std::process::Child {
    std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .unwrap()
}

fn start_time(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 1..];
    after.split_whitespace().nth(19).unwrap().parse().unwrap()
}

fn draft(pid: u32, host: &str, pid_start: Option<u64>) -> String {
    let mut d = json!({
        "meeting_id": "00000000-0000-0000-0000-000000000009",
        "date": "2026-11-23",
        "started": "2026-11-23T10:00:00Z",
        "notes": "Everything we said\nand more",
        "pid": pid,
        "host": host,
    });
    if let Some(s) = pid_start {
        d["pid_start"] = json!(s);
    }
    json!({"schema_version": 2, "draft": d}).to_string()
}

#[test]
fn a_draft_whose_pid_now_belongs_to_another_process_is_interrupted_not_running() {
    let here = gethostname_string();
    let mut sleeper = other_process();
    let pid = sleeper.id();
    let d = Data::new();
    std::fs::create_dir_all(&d.dir).unwrap();
    set_mode(&d.dir, 0o700);
    let store = Store::new(&d.dir);
    // The recorded owner started at another moment: the pid was reused.
    d.write(
        "meeting-draft.json",
        &draft(pid, &here, Some(start_time(pid) + 1)),
    );
    let loaded = store.load_draft().unwrap().unwrap();
    assert!(!loaded.owner_alive(), "a reused pid is not the owner");
    // The same pid and start time: that is the owner, running.
    d.write(
        "meeting-draft.json",
        &draft(pid, &here, Some(start_time(pid))),
    );
    assert!(store.load_draft().unwrap().unwrap().owner_alive());
    d.cmd()
        .args(["meeting", "take-over"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("still being captured by process"));
    // A draft of an earlier release, without the start time, still reads.
    d.write("meeting-draft.json", &draft(pid, &here, None));
    let old = store.load_draft().unwrap().unwrap();
    assert_eq!(old.notes, "Everything we said\nand more");
    assert_eq!(old.pid_start, None);
    let _ = sleeper.kill();
    let _ = sleeper.wait();
}

#[test]
fn a_meeting_left_elsewhere_is_taken_over_never_deleted() {
    let d = Data::new();
    std::fs::create_dir_all(&d.dir).unwrap();
    set_mode(&d.dir, 0o700);
    d.write("meeting-draft.json", &draft(4242, "another-host", None));
    let store = Store::new(&d.dir);
    let running = store.load_draft().unwrap().unwrap();
    assert!(
        running.owner_alive(),
        "another host's process cannot be seen: assumed live"
    );
    let advice = mentorplan::tui::live::running_elsewhere(&running, &d.dir);
    assert!(
        advice.contains("`mentorplan meeting take-over`"),
        "{advice}"
    );
    assert!(
        !advice.contains("remove") && !advice.contains("delete"),
        "{advice}"
    );
    let out = d.cmd().args(["meeting", "take-over"]).assert().success();
    assert!(stdout(&out).contains("is yours now"), "{}", stdout(&out));
    assert!(stdout(&out).contains("`mentorplan meeting` offers to resume it"));
    let mine = store.load_draft().unwrap().unwrap();
    assert_eq!(mine.notes, "Everything we said\nand more");
    assert!(
        !mine.owner_alive(),
        "the taking process has ended: the meeting can be resumed"
    );
}

fn gethostname_string() -> String {
    let out = std::process::Command::new("hostname").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Adds keys this release does not know: beside the payload, in it, and in every object of
/// each list in it.
fn add_unknown_keys(path: &Path) {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.insert("comment".into(), json!("kept beside"));
    let payload = obj
        .iter_mut()
        .find(|(k, _)| *k != "schema_version" && *k != "comment")
        .unwrap()
        .1;
    payload["orcid"] = json!("0000-0002-1825-0097");
    for list in payload.as_object_mut().unwrap().values_mut() {
        for item in list.as_array_mut().into_iter().flatten() {
            item["room"] = json!({"building": "Hope Park"});
        }
    }
    std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

fn has_unknown_keys(path: &Path) -> bool {
    let text = std::fs::read_to_string(path).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let payload = v
        .as_object()
        .unwrap()
        .iter()
        .find(|(k, _)| *k != "schema_version" && *k != "comment")
        .unwrap()
        .1;
    // The first of each list was there when the keys were added.
    let lists_kept = payload
        .as_object()
        .unwrap()
        .values()
        .filter_map(|list| list.as_array()?.first())
        .all(|item| item["room"]["building"] == "Hope Park");
    v["comment"] == "kept beside" && payload["orcid"] == "0000-0002-1825-0097" && lists_kept
}

#[test]
fn unknown_keys_in_every_kind_of_file_survive_a_rewrite_and_check_names_them() {
    let d = Data::new();
    let store = Store::new(&d.dir);
    let catalog = Catalog::ceres();
    let now = chrono::Utc::now();
    let window = mentorplan::domain::calendar::PlanWindow::parse("2026-28").unwrap();
    let agreement = mentorplan::domain::model::Agreement::new("Joe Hope");
    let questionnaire = {
        let mut q = mentorplan::domain::model::Questionnaire::new(
            mentorplan::domain::model::Stage::Pre,
            today(),
        );
        q.notes = "hopes".into();
        q
    };
    let entry = |title: &str| {
        mentorplan::domain::model::DevEntry::new(
            today(),
            title,
            "other",
            mentorplan::domain::model::TimeSpent::parse_hours("1").unwrap(),
        )
    };
    let profile = mentorplan::domain::model::Profile {
        name: "Jane".into(),
        ..Default::default()
    };
    let first = [
        Op::SetProfile(profile),
        Op::SetLevel {
            area: "income".into(),
            level: Some(mentorplan::domain::model::Level::Introductory),
        },
        Op::AddAction(mentorplan::domain::model::Action::new("Write")),
        Op::AppendNote {
            date: today(),
            text: "one".into(),
            new_id: uuid::Uuid::new_v4(),
        },
        Op::CreatePlan { window },
        Op::AddAgreement(agreement),
        Op::AddQuestionnaire(questionnaire),
        Op::AddDevEntry(entry("one")),
    ];
    store.apply(&catalog, &first, now).unwrap();
    store.add_mentee(&catalog, "Zoë Adams", today()).unwrap();
    let mut live = mentorplan::store::draft::MeetingDraft::start(today(), now);
    store.save_draft(&live).unwrap();
    let files = [
        "profile.json",
        "checklist.json",
        "meetings.json",
        "plans/2026-28.json",
        "agreements.json",
        "questionnaires.json",
        "devlog.json",
        "mentees.json",
        "meeting-draft.json",
    ];
    for f in files {
        add_unknown_keys(&d.path(f));
    }
    let checked = store.check();
    for f in files {
        assert!(
            checked.iter().any(|p| p.path == d.path(f)
                && p.kind == mentorplan::store::ProblemKind::Warning
                && p.message.contains("\"comment\"")),
            "{f}: {checked:?}"
        );
    }
    assert!(
        checked
            .iter()
            .any(|p| p.message.contains("\"meetings/meetings/1/room\"")),
        "{checked:?}"
    );
    let out = d.cmd().arg("check").assert().success();
    assert!(stdout(&out).contains("warning: "), "{}", stdout(&out));
    // Rewrite every file, as the interface does: from what was loaded.
    let record = store.load().unwrap();
    let mut profile = record.profile.clone();
    profile.name = "Jane Smith".into();
    let mut agreement = record.agreements.agreements[0].clone();
    agreement.venue = "online".into();
    let mut questionnaire = record.questionnaires.questionnaires[0].clone();
    questionnaire.notes = "more hopes".into();
    let mut dev = record.devlog.entries[0].clone();
    dev.title = "two".into();
    let mut action = record.meetings.actions[0].clone();
    action.outputs = "a draft".into();
    let second = [
        Op::SetProfile(profile),
        Op::SetLevel {
            area: "income".into(),
            level: Some(mentorplan::domain::model::Level::Advanced),
        },
        Op::UpdateAction(action),
        Op::AppendNote {
            date: today(),
            text: "two".into(),
            new_id: uuid::Uuid::new_v4(),
        },
        Op::SetSection {
            window,
            section: "grants".into(),
            text: "A bid".into(),
        },
        Op::UpdateAgreement(agreement),
        Op::UpdateQuestionnaire(questionnaire),
        Op::UpdateDevEntry(dev),
    ];
    store.apply_over(&catalog, &record, &second, now).unwrap();
    store.add_mentee(&catalog, "Sam Patel", today()).unwrap();
    live = store.load_draft().unwrap().unwrap();
    live.notes = "typed".into();
    store.save_draft(&live).unwrap();
    for f in files {
        assert!(has_unknown_keys(&d.path(f)), "{f}: {}", d.read(f));
    }
    assert_eq!(d.json("profile.json")["profile"]["name"], "Jane Smith");
    // And through an export and import, record objects keep theirs.
    let bundle = d.dir.parent().unwrap().join("bundle.json");
    d.cmd()
        .args(WHOLE_RECORD_JSON)
        .args(["-o", bundle.to_str().unwrap()])
        .assert()
        .success();
    let to = Data::new();
    to.cmd()
        .args(["import", bundle.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(
        to.json("profile.json")["profile"]["orcid"],
        "0000-0002-1825-0097"
    );
    assert_eq!(
        to.json("meetings.json")["meetings"]["meetings"][0]["room"]["building"],
        "Hope Park"
    );
}

#[test]
fn import_replace_leaves_exactly_the_bundle() {
    let d = Data::new();
    for w in ["2021-23", "2023-25", "2025-27"] {
        d.write(
            &format!("plans/{w}.json"),
            &json!({"schema_version": 2, "plan": {"window": w}}).to_string(),
        );
    }
    d.cmd()
        .args([
            "dev",
            "add",
            "--title",
            "Old",
            "--provider",
            "other",
            "--hours",
            "1",
        ])
        .assert()
        .success();
    d.cmd().args(["note", "old note"]).assert().success();
    let plans = |d: &Data| {
        std::fs::read_dir(d.path("plans"))
            .map(|r| r.count())
            .unwrap_or(0)
    };
    assert_eq!(plans(&d), 3);
    let empty = Data::new();
    empty.cmd().args(["note", "new note"]).assert().success();
    let bundle = d.dir.parent().unwrap().join("bundle.json");
    empty
        .cmd()
        .args(WHOLE_RECORD_JSON)
        .args(["-o", bundle.to_str().unwrap()])
        .assert()
        .success();
    // The bundle is the user's own file, outside the data directory: a link to it is fine.
    let link = d.dir.parent().unwrap().join("link.json");
    std::os::unix::fs::symlink(&bundle, &link).unwrap();
    let out = d
        .cmd()
        .args(["import", "--replace", link.to_str().unwrap()])
        .assert()
        .success();
    assert!(
        stdout(&out).contains("Imported 0 plan(s)"),
        "{}",
        stdout(&out)
    );
    assert_eq!(plans(&d), 0, "plans not in the bundle are removed");
    assert!(
        d.json("devlog.json")["devlog"]["entries"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(d.read("meetings.json"), empty.read("meetings.json"));
    // What was replaced is in the backups.
    let names: Vec<_> = std::fs::read_dir(d.path("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("plans-")), "{names:?}");
}

#[test]
fn a_save_that_cannot_have_the_lock_says_busy_at_once() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    let store = Store::new(&d.dir);
    let catalog = Catalog::ceres();
    let base = store.load().unwrap();
    let note = |text: &str| Op::AppendNote {
        date: today(),
        text: text.into(),
        new_id: uuid::Uuid::new_v4(),
    };
    let save = || {
        store.try_apply_over(
            &catalog,
            &base,
            mentorplan::store::Scope::All,
            &[note("second")],
            chrono::Utc::now(),
        )
    };
    let held = mentorplan::store::lock::DirLock::acquire(&d.dir, Duration::from_secs(1)).unwrap();
    match save() {
        Ok(TryApply::Busy(holder)) => {
            assert!(
                holder.contains(&format!("pid {}", std::process::id())),
                "{holder}"
            )
        }
        other => panic!("expected Busy, got {other:?}"),
    }
    assert!(
        !d.read("meetings.json").contains("second"),
        "nothing written"
    );
    drop(held);
    match save() {
        Ok(TryApply::Saved(record)) => {
            assert_eq!(record.meetings.meetings[0].notes, "first\nsecond")
        }
        other => panic!("expected Saved, got {other:?}"),
    }
}

#[test]
fn a_fifo_socket_or_directory_in_place_of_a_data_file_is_refused_at_once() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    std::fs::remove_file(d.path("profile.json")).ok();
    let fifo = std::ffi::CString::new(d.path("profile.json").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    std::fs::create_dir(d.path("devlog.json")).unwrap();
    for args in [&["status"][..], &["check"], &["note", "x"]] {
        // The guard only stops a hang from stalling the suite; it asserts nothing about time.
        let out = d.cmd().args(args).timeout(Duration::from_secs(60)).assert();
        // `status` reads what it can and warns; the others refuse.
        let out = if args == ["status"] {
            out.success()
        } else {
            out.failure()
        };
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !all.contains("timeout") && !all.is_empty(),
            "{args:?}: {all}"
        );
        assert!(
            all.contains("profile.json") && all.contains("a FIFO"),
            "{args:?}: {all}"
        );
        if args != ["note", "x"] {
            assert!(
                all.contains("devlog.json") && all.contains("a directory"),
                "{args:?}: {all}"
            );
        }
    }
}

#[test]
fn check_knows_the_draft_and_the_mentee_list_and_flags_conflict_copies() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    d.write("meeting-draft.json", "{\"schema_version\": 2, \"draft\": {");
    d.write("mentees.json", "{\"schema_version\": 2, \"mentees\": [}");
    d.write("meetings.sync-conflict-20261123-101500-ABCDEF.json", "{}");
    d.write(
        "plans/2025-27 (Jane's conflicted copy 2026-11-23).json",
        "{}",
    );
    let out = d.cmd().arg("check").assert().code(1);
    let text = stdout(&out);
    assert!(text.contains("meeting-draft.json: line 1"), "{text}");
    assert!(text.contains("mentees.json: line 1"), "{text}");
    assert!(
        text.contains("sync-conflict") && text.contains("conflicted copy"),
        "{text}"
    );
    assert!(
        text.contains("move the copy out of the data directory"),
        "{text}"
    );
    // A conflict copy in plans/ is not read as a plan: saving still works.
    d.cmd().args(["note", "second"]).assert().success();
    let out = d.cmd().args(["check", "--move-aside"]).assert().code(1);
    let text = stdout(&out);
    assert!(
        text.contains("moved aside: ") && text.contains("meeting-draft.json -> "),
        "{text}"
    );
    assert!(text.contains("mentees.json -> "), "{text}");
    let aside: Vec<_> = std::fs::read_dir(&d.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".bad-"))
        .collect();
    assert_eq!(aside.len(), 2, "{aside:?}");
    // Only the conflict copies remain, for the user to deal with.
    let out = d.cmd().arg("check").assert().code(1);
    assert_eq!(
        stdout(&out).matches("problem:").count(),
        2,
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_export_to_a_bare_file_name_lands_in_the_current_directory() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    let cwd = d.dir.parent().unwrap();
    d.cmd()
        .current_dir(cwd)
        .args(["export", "--format", "json", "-o", "record.json"])
        .assert()
        .success();
    assert!(cwd.join("record.json").is_file());
}

/// The second trial exported to a folder that did not exist and read "No such file or
/// directory (os error 2)": the message names the folder and what to do.
#[test]
fn an_export_into_a_missing_folder_says_which_and_what_to_do() {
    let d = Data::new();
    d.cmd().args(["note", "first"]).assert().success();
    let missing = d
        .dir
        .parent()
        .unwrap()
        .join("no-such-folder")
        .join("plan.md");
    let out = d
        .cmd()
        .args([
            "export",
            "--section",
            "checklist",
            "-o",
            missing.to_str().unwrap(),
        ])
        .assert()
        .code(1);
    let err = stderr(&out);
    assert!(
        err.contains("no-such-folder does not exist: create it first"),
        "{err}"
    );
}
