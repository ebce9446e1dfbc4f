//! `mentorplan reflect` and `export --section award` (issue 15): the mentor's reflective log, its
//! framework tags, and the award portfolio, which must never carry a mentee's confidential text.

use super::util::Data;
use mentorplan::model::{
    AboutYou, Action, ActionStatus, Agreement, AgreementStatus, AreaAnswer, DevEntry, Meeting,
    Plan, Profile, Questionnaire, Rating, Record, Stage, TimeSpent, Unknown,
};
use predicates::prelude::*;

fn d(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A key this release does not know, with planted text: a newer release's private field.
fn unknown(tag: &str) -> Unknown {
    Unknown(
        [(
            String::from("x_private"),
            format!("PLANT-{tag}-unknown").into(),
        )]
        .into(),
    )
}

/// A mentee's record with a unique string planted in every text field: meetings, actions,
/// agreements, questionnaires, profile, plan, checklist and development log. The confidential
/// structs are written out field by field (no `..Default::default()`), so a field added to one
/// later fails to compile here until it is planted too.
fn planted_record(tag: &str) -> Record {
    let p = |field: &str| format!("PLANT-{tag}-{field}");
    let mut r = Record {
        profile: Profile {
            name: p("profile-name"),
            position: p("position"),
            fte: None,
            mentors: vec![p("mentors")],
            membership: None,
            email: Some(format!("plant-{tag}@example.org")),
            extra: unknown(&format!("{tag}-profile")),
        },
        ..Record::default()
    };
    r.meetings.actions.push(Action {
        id: uuid::Uuid::new_v4(),
        activity: p("activity"),
        outputs: p("outputs"),
        meeting_date: Some(d("2026-10-01")),
        review_date: Some(d("2026-12-01")),
        status: ActionStatus::Open,
        researcher_comments: p("researcher-comments"),
        mentor_comments: p("mentor-comments"),
        extra: unknown(&format!("{tag}-action")),
    });
    r.meetings.meetings.push(Meeting {
        id: uuid::Uuid::new_v4(),
        date: d("2026-10-01"),
        minutes: 90,
        notes: p("meeting-notes"),
        extra: unknown(&format!("{tag}-meeting")),
    });
    r.meetings.extra = unknown(&format!("{tag}-meetings"));
    let agreement = Agreement {
        id: uuid::Uuid::new_v4(),
        mentor: p("agreement-mentor"),
        start: Some(d("2026-09-15")),
        frequency: p("frequency"),
        length_minutes: Some(60),
        venue: p("venue"),
        contact: p("contact"),
        duration: p("duration"),
        review: Some(d("2026-11-01")),
        wind_down: p("wind-down"),
        status: AgreementStatus::Active,
        end_date: None,
        extra: unknown(&format!("{tag}-agreement")),
    };
    r.questionnaires.questionnaires.push(Questionnaire {
        id: uuid::Uuid::new_v4(),
        stage: Stage::Pre,
        date: d("2026-09-20"),
        agreement: Some(agreement.id),
        ratings: [("journal".to_string(), Rating::new(2).unwrap())].into(),
        notes: p("questionnaire-notes"),
        extra: unknown(&format!("{tag}-questionnaire")),
    });
    r.agreements.agreements.push(agreement);
    let about = AboutYou {
        name: p("about-name"),
        position: p("about-position"),
        fte: None,
        mentor: p("about-mentor"),
        extra: Unknown::default(),
    };
    let mut plan = Plan::new(mentorplan::calendar::PlanWindow(2026), about);
    plan.sections
        .insert("key-targets".into(), p("plan-section"));
    r.plans.insert(plan.window, plan);
    r.checklist.areas.insert(
        "other".into(),
        AreaAnswer {
            specify: p("checklist-specify"),
            ..AreaAnswer::default()
        },
    );
    let mut dev = DevEntry::new(
        d("2026-10-02"),
        p("dev-title"),
        "other",
        TimeSpent::parse_days("1").unwrap(),
    );
    dev.evidence.push(p("dev-evidence"));
    r.devlog.entries.push(dev);
    r
}

/// A mentor with two mentees whose records hold planted text, and a log of one cycle with an
/// entry at each stage (one of them marked confidential).
fn mentor_with_two_planted_mentees() -> Data {
    let data = Data::new();
    for (label, tag) in [("Mentee A", "a"), ("Mentee B", "b")] {
        data.cmd().args(["mentee", "add", label]).assert().success();
        let file = data.dir.parent().unwrap().join(format!("{tag}.json"));
        std::fs::write(
            &file,
            mentorplan::storage::encode_record(&planted_record(tag)),
        )
        .unwrap();
        data.cmd()
            .args(["--mentee", label, "import"])
            .arg(&file)
            .assert()
            .success();
    }
    // The mentor's own confidential sections are not the portfolio's either.
    data.cmd()
        .args(["note", "PLANT-own-meeting-note"])
        .assert()
        .success();
    data.cmd()
        .args(["reflect", "cycle", "new", "How do open questions help?"])
        .assert()
        .success();
    for stage in ["plan", "act", "observe", "reflect"] {
        data.cmd()
            .args(["reflect", "entry", "add", "--stage", stage])
            .args(["--tag", "descriptor-3", "--from", "2026-09-01"])
            .args(["--mentoring", "Mentee A", "--mentoring", "Mentee B"])
            .arg(format!("My {stage} entry"))
            .assert()
            .success();
    }
    data.cmd()
        .args([
            "reflect",
            "entry",
            "add",
            "--stage",
            "reflect",
            "--confidential",
        ])
        .arg("LOG-CONFIDENTIAL about a hard conversation")
        .assert()
        .success();
    data
}

fn export(data: &Data, format: &str, confidential: bool) -> String {
    let mut c = data.cmd();
    c.args(["export", "--section", "award", "--format", format]);
    if confidential {
        c.arg("--include-confidential");
    }
    let out = c.assert().success().get_output().stdout.clone();
    if format == "docx" {
        // The words of the document, as Word shows them.
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        return xml;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn no_meeting_note_action_or_mentee_private_text_reaches_the_award_portfolio() {
    let data = mentor_with_two_planted_mentees();
    // The planted records are really there to be leaked.
    let whole = data
        .cmd()
        .args(["--mentee", "Mentee A"])
        .args(super::util::WHOLE_RECORD_JSON)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let whole = String::from_utf8(whole).unwrap();
    for field in [
        "meeting-notes",
        "activity",
        "contact",
        "questionnaire-notes",
        "meeting-unknown",
    ] {
        assert!(
            whole.contains(&format!("PLANT-a-{field}")),
            "{field} not planted"
        );
    }
    for format in ["md", "txt", "json", "docx"] {
        for confidential in [false, true] {
            let text = export(&data, format, confidential);
            assert!(
                !text.contains("PLANT") && !text.contains("plant-"),
                "{format} (confidential: {confidential}) leaks:\n{text}"
            );
            assert_eq!(
                text.contains("LOG-CONFIDENTIAL"),
                confidential,
                "{format}: the mentor's confidential entry only with the flag"
            );
            if format != "json" {
                assert!(
                    text.contains("Mentee A") && text.contains("Mentee B"),
                    "{text}"
                );
                assert!(text.contains("My observe entry"), "{text}");
                // The entries point at the planted meetings: counted, never quoted.
                let b = "Mentoring with Mentee B, 2026-09-01 to 2026-11-23: meetings 1, hours 1.5";
                assert!(text.contains(b), "{text}");
            }
        }
    }
    // A file too, with a mode others could read: refused only when confidential.
    let out = data.dir.parent().unwrap().join("award.md");
    data.cmd()
        .args(["export", "--section", "award", "--mode", "644", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(!std::fs::read_to_string(&out).unwrap().contains("PLANT"));
    data.cmd()
        .args(["export", "--section", "award", "--include-confidential"])
        .args(["--mode", "644", "-o"])
        .arg(&out)
        .assert()
        .code(2);
}

#[test]
fn the_evidence_counts_match_a_hand_made_record() {
    let data = Data::new();
    data.cmd()
        .args(["mentee", "add", "Mentee A"])
        .assert()
        .success();
    data.cmd()
        .args(["mentee", "add", "Mentee B"])
        .assert()
        .success();
    let a = |args: &[&str]| {
        data.cmd()
            .args(["--mentee", "Mentee A"])
            .args(args)
            .assert()
            .success();
    };
    // 2025-26: one meeting of 45 min; 2026-27: two, 1 h and 1 h 30.
    for (date, length) in [
        ("2026-05-10", "45"),
        ("2026-10-01", "1h"),
        ("2026-11-20", "1h30"),
    ] {
        a(&["meeting", "log", "--date", date, "--minutes", length]);
    }
    // Started 2026-27 with its review come (2026-11-01); a questionnaire before.
    a(&[
        "agreement",
        "add",
        "--mentor",
        "Me",
        "--start",
        "2026-09-15",
        "--review",
        "2026-11-01",
    ]);
    a(&[
        "questionnaire",
        "pre",
        "--rate",
        "journal=2",
        "--date",
        "2026-09-20",
    ]);
    // Mentee B has ended: a past mentee with nothing recorded.
    data.cmd()
        .args(["mentee", "end", "Mentee B"])
        .assert()
        .success();
    let text = export(&data, "md", false);
    let cells =
        |line: &str| -> Vec<String> { line.split('|').map(|c| c.trim().to_string()).collect() };
    let rows: Vec<Vec<String>> = text.lines().map(cells).collect();
    let has = |want: &[&str]| rows.iter().any(|r| r == &cells(&want.join("|")));
    assert!(
        has(&["", "Mentee A", "2026-11-23", "", "current", ""]),
        "{text}"
    );
    assert!(
        has(&["", "Mentee B", "2026-11-23", "2026-11-23", "past", ""]),
        "{text}"
    );
    // Mentee A's table: a column a year (2025-26, 2026-27); Mentee B has none.
    let a = text
        .split("#### Mentee A")
        .nth(1)
        .expect("Mentee A's counts");
    let a = &a[..a.find("\n#").unwrap_or(a.len())];
    for (measure, y25, y26) in [
        ("Meetings", "1", "2"),
        ("Hours", "0.75", "2.5"),
        ("Agreements started", "0", "1"),
        ("Agreements reviewed", "0", "1"),
        ("Agreements wound down", "0", "0"),
        ("Questionnaires completed", "0", "1"),
    ] {
        let want = cells(&["", measure, y25, y26, ""].join("|"));
        assert!(a.lines().any(|l| cells(l) == want), "{measure}: {a}");
    }
    assert!(a.contains("| 2025-26 | 2026-27 |"), "{a}");
    assert!(!text.contains("#### Mentee B"), "{text}");
    // An entry points at the mentoring of a period: its meetings counted, from the cycle's start.
    data.cmd()
        .args(["reflect", "cycle", "new", "q", "--date", "2026-10-01"])
        .assert()
        .success();
    data.cmd()
        .args([
            "reflect",
            "entry",
            "add",
            "--stage",
            "observe",
            "--mentoring",
            "mentee a",
        ])
        .arg("Watched")
        .assert()
        .success();
    data.cmd()
        .args(["reflect", "cycle", "show", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Evidence: Mentoring with Mentee A, 2026-10-01 to 2026-11-23: meetings 2, hours 2.5",
        ));
    for (args, says) in [
        (
            vec!["--mentoring", "Nobody"],
            "--mentoring: there is no mentee matching \"Nobody\"; your mentees are: Mentee A",
        ),
        (
            vec![
                "--mentoring",
                "Mentee A",
                "--from",
                "2026-11-01",
                "--to",
                "2026-10-01",
            ],
            "--from 2026-11-01 is after --to 2026-10-01",
        ),
    ] {
        data.cmd()
            .args(["reflect", "entry", "add", "--stage", "act"])
            .args(args)
            .arg("x")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    let plain = data
        .cmd()
        .args(["reflect", "evidence"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plain = String::from_utf8(plain).unwrap();
    assert!(
        plain.contains("2026-27: meetings 2, hours 2.5, agreements started 1, agreements reviewed 1, agreements wound down 0, questionnaires completed 1"),
        "{plain}"
    );
}

#[test]
fn an_unknown_tag_or_stage_is_refused_listing_the_accepted_ones_and_nothing_is_written() {
    let data = Data::new();
    data.cmd()
        .args(["reflect", "cycle", "new", "q"])
        .assert()
        .success();
    let before = data.read("reflect.json");
    data.cmd()
        .args([
            "reflect", "entry", "add", "--stage", "plan", "--tag", "A1", "text",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--tag \"A1\" is not a framework tag: use one of")
                .and(predicate::str::contains(
                    "descriptor-3 (Standard Descriptor 3 roles)",
                ))
                .and(predicate::str::contains("ukpsf-example"))
                .and(predicate::str::contains("seda-example")),
        );
    data.cmd()
        .args(["reflect", "entry", "add", "--stage", "dream", "text"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "plan (Plan), act (Act), observe (Observe), reflect (Reflect)",
        ));
    assert_eq!(data.read("reflect.json"), before);
    // The list of tags says which are only the shipped example.
    data.cmd()
        .args(["reflect", "tags"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("descriptor-3     Standard Descriptor 3 roles\n")
                .and(predicate::str::contains("seda-example"))
                .and(predicate::str::contains("[EXAMPLE]"))
                .and(predicate::str::contains(
                    "your institution's catalogue replaces it",
                )),
        );
}

#[test]
fn an_institution_catalogue_replaces_the_example_frameworks() {
    let data = Data::new();
    let catalog = data.dir.parent().unwrap().join("catalog.json");
    std::fs::write(
        &catalog,
        r#"{"award": {"frameworks": [{"id": "psf", "name": "Our framework", "version": "2023",
            "descriptors": [{"id": "V9", "label": "Our own value"}]}]}}"#,
    )
    .unwrap();
    let with = |c: &mut assert_cmd::Command| {
        c.arg("--catalog").arg(&catalog);
    };
    let mut c = data.cmd();
    with(&mut c);
    c.args(["reflect", "tags"])
        .assert()
        .success()
        .stdout("Our framework · version: 2023\n  V9               Our own value\n");
    let mut c = data.cmd();
    with(&mut c);
    c.args(["reflect", "cycle", "new", "q"]).assert().success();
    let mut c = data.cmd();
    with(&mut c);
    c.args([
        "reflect",
        "entry",
        "add",
        "--stage",
        "act",
        "--tag",
        "our own value",
        "x",
    ])
    .assert()
    .success();
    assert_eq!(
        data.json("reflect.json")["reflect"]["cycles"][0]["entries"][0]["tags"][0],
        "V9"
    );
    // The built-in catalogue no longer knows V9: refused, listing its own.
    data.cmd()
        .args([
            "reflect", "entry", "add", "--stage", "act", "--tag", "V9", "x",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("descriptor-3"));
}

#[test]
fn entry_text_comes_from_an_argument_a_file_or_standard_input() {
    let data = Data::new();
    data.cmd()
        .args(["reflect", "entry", "add", "--stage", "plan", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no cycle has been started yet"));
    data.cmd()
        .args(["reflect", "cycle", "new", "-", "--focus", "first meetings"])
        .write_stdin("How do I listen?\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Started cycle 1: How do I listen?",
        ));
    let file = data.dir.parent().unwrap().join("entry.txt");
    std::fs::write(&file, "From a file\nover two lines\n").unwrap();
    data.cmd()
        .args(["reflect", "entry", "add", "--stage", "act", "--file"])
        .arg(&file)
        .assert()
        .success();
    data.cmd()
        .args(["reflect", "entry", "add", "--stage", "observe", "-"])
        .write_stdin("From standard input\n")
        .assert()
        .success();
    data.cmd()
        .args([
            "reflect",
            "entry",
            "add",
            "--stage",
            "reflect",
            "--date",
            "2026-11-01",
        ])
        .args(["--evidence", "https://example.org/notes", "--cycle", "1"])
        .write_stdin("Piped")
        .assert()
        .success()
        .stdout("Added a Reflect entry of 2026-11-01 to cycle 1 (1 at this stage).\n");
    data.cmd()
        .args([
            "reflect", "entry", "add", "--stage", "act", "--cycle", "2", "x",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cycles are numbered 1 to 1"));
    data.cmd()
        .args(["reflect", "cycle", "show", "1"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Focus: first meetings")
                .and(predicate::str::contains(
                    "    From a file\n    over two lines\n",
                ))
                .and(predicate::str::contains("    From standard input\n"))
                .and(predicate::str::contains(
                    "    Evidence: https://example.org/notes\n",
                )),
        );
    data.cmd()
        .args(["reflect", "cycle", "list"])
        .assert()
        .success()
        .stdout("  1. 2026-11-23  How do I listen?  (plan 0, act 1, observe 1, reflect 1)\n");
    // The log is the mentor's own.
    data.cmd()
        .args(["mentee", "add", "Mentee A"])
        .assert()
        .success();
    data.cmd()
        .args(["--mentee", "Mentee A", "reflect", "cycle", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("without --mentee"));
    let file = data.json("reflect.json");
    assert_eq!(file["schema_version"], 3);
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(data.path("reflect.json"))
            .unwrap()
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn the_log_file_keeps_unknown_keys_is_never_overwritten_when_broken_and_is_checked() {
    let data = Data::new();
    data.cmd()
        .args(["reflect", "cycle", "new", "q"])
        .assert()
        .success();
    // A newer release's keys, at every level.
    let mut file = data.json("reflect.json");
    file["written_by"] = "a newer mentorplan".into();
    file["reflect"]["colour"] = "teal".into();
    file["reflect"]["cycles"][0]["team"] = "mentors".into();
    data.write(
        "reflect.json",
        &serde_json::to_string_pretty(&file).unwrap(),
    );
    data.cmd()
        .args(["reflect", "entry", "add", "--stage", "plan", "Plan it"])
        .assert()
        .success();
    let file = data.json("reflect.json");
    assert_eq!(file["written_by"], "a newer mentorplan");
    assert_eq!(file["reflect"]["colour"], "teal");
    assert_eq!(file["reflect"]["cycles"][0]["team"], "mentors");
    assert_eq!(
        file["reflect"]["cycles"][0]["entries"][0]["text"],
        "Plan it"
    );
    // Broken: refused, left exactly as it is, named by `check`; other commands go on.
    data.write(
        "reflect.json",
        "{\"schema_version\": 3, \"reflect\": {\"cycles\": [",
    );
    data.cmd()
        .args(["reflect", "entry", "add", "--stage", "act", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("reflect.json"));
    data.cmd()
        .args(["export", "--section", "award"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("reflect.json"));
    assert_eq!(
        data.read("reflect.json"),
        "{\"schema_version\": 3, \"reflect\": {\"cycles\": ["
    );
    data.cmd()
        .arg("check")
        .assert()
        .failure()
        .stdout(predicate::str::contains("reflect.json"));
    // Set aside (kept, never deleted), the log starts afresh.
    data.cmd()
        .args(["check", "--move-aside"])
        .assert()
        .success();
    data.cmd()
        .args(["reflect", "cycle", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No cycle"));
}

#[test]
fn escape_sequences_in_the_log_or_a_mentee_label_never_reach_the_terminal_or_the_portfolio() {
    let data = Data::new();
    data.cmd()
        .args(["mentee", "add", "Zo\u{1b}]0;pwned\u{7}e"])
        .assert()
        .success();
    data.cmd()
        .args(["--mentee", "Zo"])
        .args(["meeting", "log", "--minutes", "30"])
        .assert()
        .success();
    data.cmd()
        .args([
            "reflect",
            "cycle",
            "new",
            "Q\u{1b}[2J?",
            "--focus",
            "F\u{9b}31m",
        ])
        .assert()
        .success();
    data.cmd()
        .args(["reflect", "entry", "add", "--stage", "plan"])
        .args(["--evidence", "E\u{1b}[1m", "--mentoring", "Zo"])
        .arg("T\u{1b}[31mred")
        .assert()
        .success();
    let runs: [&[&str]; 6] = [
        &["reflect", "cycle", "list"],
        &["reflect", "cycle", "show", "1"],
        &["reflect", "evidence"],
        &["export", "--section", "award"],
        &["export", "--section", "award", "--format", "txt"],
        &[
            "reflect",
            "entry",
            "add",
            "--stage",
            "act",
            "--tag",
            "\u{1b}[31m",
        ],
    ];
    for args in runs {
        let out = data.cmd().args(args).output().unwrap();
        for bytes in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{9b}') && !text.contains('\u{7}'),
                "{args:?}: {text:?}"
            );
        }
    }
}

#[test]
fn ten_entries_added_at_once_all_land() {
    let data = Data::new();
    data.cmd()
        .args(["reflect", "cycle", "new", "q"])
        .assert()
        .success();
    let children: Vec<_> = (0..10)
        .map(|i| {
            let mut c = std::process::Command::new(super::util::bin());
            c.env("MENTORPLAN_DATA_DIR", &data.dir)
                .env("MENTORPLAN_TODAY", super::util::TODAY)
                .args(["reflect", "entry", "add", "--stage", "act"])
                .arg(format!("entry number {i}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    super::util::all_succeed(children);
    let file = data.json("reflect.json");
    let texts: Vec<&str> = file["reflect"]["cycles"][0]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    for i in 0..10 {
        assert!(
            texts.contains(&format!("entry number {i}").as_str()),
            "{texts:?}"
        );
    }
    assert_eq!(texts.len(), 10);
}
