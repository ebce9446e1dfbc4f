//! Mentoring agreements and impact questionnaires from the shell: every command, refusals that
//! write nothing, the status lines, the JSON round trip, private files and confidentiality.

use crate::util::{Data, mode, stderr, stdout};

/// Agreement 1 with Joe Hope, filled in as on the proforma.
fn with_agreement() -> Data {
    let d = Data::new();
    d.cmd()
        .args([
            "agreement",
            "add",
            "--mentor",
            "Joe Hope",
            "--start",
            "2026-10-01",
            "--frequency",
            "every two months",
            "--length",
            "60",
            "--venue",
            "Joe's office",
            "--contact",
            "E-mail for quick questions",
            "--duration",
            "12 months",
            "--review",
            "2027-01-15",
            "--wind-down",
            "Meet termly in the last three months",
        ])
        .assert()
        .success()
        .stdout("Added agreement 1 with Joe Hope.\n");
    d
}

/// Runs a command that must succeed.
fn ok(d: &Data, args: &[&str]) {
    d.cmd().args(args).assert().success();
}

/// Every data file's bytes, to prove that a refused command wrote nothing.
fn snapshot(d: &Data) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(&d.dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().is_file())
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn add_list_show_edit_end_reopen_delete() {
    let d = with_agreement();
    let a = &d.json("agreements.json")["agreements"]["agreements"][0];
    assert_eq!(a["mentor"], "Joe Hope");
    assert_eq!(a["length_minutes"], 60);
    assert_eq!(a["review"], "2027-01-15");
    assert_eq!(a["status"], "active");
    assert_eq!(mode(&d.path("agreements.json")), 0o600);

    let out = d.cmd().args(["agreement", "list"]).assert().success();
    assert_eq!(
        stdout(&out),
        "  1. [active] Joe Hope  since 2026-10-01  review 2027-01-15\n"
    );
    let out = d.cmd().args(["agreement", "show", "1"]).assert().success();
    let shown = stdout(&out);
    for line in [
        "Mentor: Joe Hope",
        "Frequency of meetings: every two months",
        "Length of meetings: 1 h",
        "Level and means of contact between meetings: E-mail for quick questions",
        "Agreed duration: 12 months",
        "Winding down: Meet termly in the last three months",
    ] {
        assert!(shown.contains(line), "{line}\n{shown}");
    }

    ok(
        &d,
        &[
            "agreement",
            "edit",
            "1",
            "--venue",
            "Online",
            "--review",
            "none",
        ],
    );
    let a = &d.json("agreements.json")["agreements"]["agreements"][0];
    assert_eq!(a["venue"], "Online");
    assert!(a["review"].is_null());
    assert_eq!(a["frequency"], "every two months", "untouched fields stay");

    d.cmd()
        .args(["agreement", "end", "1", "--date", "2027-09-30"])
        .assert()
        .success()
        .stdout("Agreement 1 with Joe Hope ended on 2027-09-30.\n");
    let a = &d.json("agreements.json")["agreements"]["agreements"][0];
    assert_eq!(
        (a["status"].as_str(), a["end_date"].as_str()),
        (Some("ended"), Some("2027-09-30"))
    );
    ok(&d, &["agreement", "reopen", "1"]);
    assert_eq!(
        d.json("agreements.json")["agreements"]["agreements"][0]["status"],
        "active"
    );
    assert!(d.newest_backup("agreements.json").exists());

    ok(
        &d,
        &[
            "questionnaire",
            "pre",
            "--mentor",
            "1",
            "--rate",
            "journal=2",
        ],
    );
    ok(&d, &["agreement", "delete", "1"]);
    assert_eq!(
        d.json("agreements.json")["agreements"]["agreements"],
        serde_json::json!([])
    );
    // The questionnaire stays, about mentoring in general.
    let q = &d.json("questionnaires.json")["questionnaires"]["questionnaires"][0];
    assert!(q["agreement"].is_null());
}

#[test]
fn questionnaires_before_and_after_compare_area_by_area() {
    let d = with_agreement();
    d.cmd()
        .args([
            "questionnaire", "pre", "--mentor", "Joe", "--date", "2026-10-01",
            "--rate", "journal=2", "--rate", "Income=1", "--rate", "conf=3",
            "--notes", "Support with my first grant",
        ])
        .assert()
        .success()
        .stdout("Recorded the pre-mentoring questionnaire of 2026-10-01 with Joe Hope: 3 area(s) rated.\n");
    let q = &d.json("questionnaires.json")["questionnaires"]["questionnaires"][0];
    assert_eq!(q["stage"], "pre");
    assert_eq!(
        q["ratings"],
        serde_json::json!({"conference": 3, "income": 1, "journal": 2})
    );
    assert_eq!(
        q["agreement"],
        d.json("agreements.json")["agreements"]["agreements"][0]["id"]
    );
    assert_eq!(mode(&d.path("questionnaires.json")), 0o600);

    let out = d
        .cmd()
        .args([
            "questionnaire",
            "post",
            "--mentor",
            "1",
            "--date",
            "2027-10-01",
            "--rate",
            "journal=4",
            "--rate",
            "income=1",
            "--rate",
            "conference=2",
        ])
        .assert()
        .success();
    assert!(
        stdout(&out).contains("higher in 1, the same in 1, lower in 1 area(s)"),
        "{}",
        stdout(&out)
    );

    let out = d
        .cmd()
        .args(["questionnaire", "compare", "--mentor", "joe hope"])
        .assert()
        .success();
    let text = stdout(&out);
    assert!(
        text.contains("Before: Pre-mentoring Impact Questionnaire, 2026-10-01"),
        "{text}"
    );
    let row = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .map(|l| l.split_whitespace().rev().take(3).collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("{label}\n{text}"))
    };
    assert_eq!(row("Journal"), ["+2", "4", "2"]);
    assert_eq!(row("Income generation"), ["0", "1", "1"]);
    assert_eq!(row("Conference"), ["-1", "2", "3"]);

    let md = d
        .cmd()
        .args(["questionnaire", "compare", "--format", "md"])
        .assert()
        .success();
    assert!(stdout(&md).contains("| Journal "), "{}", stdout(&md));

    let out = d.cmd().args(["questionnaire", "list"]).assert().success();
    assert_eq!(
        stdout(&out),
        "  1. 2026-10-01  pre   3 area(s) rated  with Joe Hope\n  2. 2027-10-01  post  3 area(s) rated  with Joe Hope\n"
    );
    ok(&d, &["questionnaire", "delete", "2"]);
    let out = d.cmd().args(["questionnaire", "list"]).assert().success();
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn bad_input_is_refused_in_one_line_and_nothing_is_written() {
    let d = with_agreement();
    ok(&d, &["questionnaire", "pre", "--rate", "journal=2"]);
    let before = snapshot(&d);
    let cases: &[(&[&str], &str)] = &[
        (
            &["questionnaire", "pre", "--rate", "journal=0"],
            "use a whole number from 1 to 5",
        ),
        (
            &["questionnaire", "post", "--rate", "journal=6"],
            "use a whole number from 1 to 5",
        ),
        (
            &["questionnaire", "pre", "--rate", "astrology=3"],
            "use one of conference, journal, academic-environment",
        ),
        (
            &["questionnaire", "pre", "--rate", "journal"],
            "is not AREA=N",
        ),
        (
            &[
                "questionnaire",
                "pre",
                "--rate",
                "journal=2",
                "--rate",
                "journal=3",
            ],
            "rated twice",
        ),
        (
            &[
                "questionnaire",
                "pre",
                "--rate",
                "journal=2",
                "--date",
                "2026-02-30",
            ],
            "YYYY-MM-DD",
        ),
        (
            &[
                "questionnaire",
                "pre",
                "--rate",
                "journal=2",
                "--mentor",
                "7",
            ],
            "there is no agreement 7",
        ),
        (
            &[
                "questionnaire",
                "pre",
                "--rate",
                "journal=2",
                "--mentor",
                "Nobody",
            ],
            "is not a mentor of any agreement",
        ),
        (&["questionnaire", "pre"], "the questionnaire is empty"),
        (
            &["questionnaire", "delete", "9"],
            "there is no questionnaire 9",
        ),
        (
            &["questionnaire", "compare", "--mentor", "3"],
            "numbered 1 to 1",
        ),
        (
            &[
                "agreement",
                "add",
                "--mentor",
                "Ann",
                "--review",
                "next week",
            ],
            "YYYY-MM-DD",
        ),
        (
            &["agreement", "add", "--mentor", "Ann", "--length", "0"],
            "more than 0 and at most 24 h",
        ),
        (
            &["agreement", "add", "--mentor", "  "],
            "give the mentor's name",
        ),
        (
            &[
                "agreement",
                "add",
                "--mentor",
                "Ann",
                "--start",
                "2027-01-01",
                "--review",
                "2026-12-01",
            ],
            "before the start date",
        ),
        (
            &["agreement", "edit", "2", "--venue", "x"],
            "there is no agreement 2",
        ),
        (
            &["agreement", "end", "1", "--date", "2026-09-01"],
            "before the agreement started",
        ),
        (&["agreement", "end", "5"], "numbered 1 to 1"),
        (&["agreement", "show", "0"], "there is no agreement 0"),
    ];
    for (args, expected) in cases {
        // 2 for a value of the wrong form (a date), 1 for one that cannot be applied.
        let out = d.cmd().args(*args).assert().failure();
        assert!(
            matches!(out.get_output().status.code(), Some(1 | 2)),
            "{args:?}"
        );
        let err = stderr(&out);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert_eq!(snapshot(&d), before, "{args:?} wrote something");
    }
}

#[test]
fn status_shows_reviews_and_questionnaires() {
    let d = with_agreement();
    ok(
        &d,
        &["agreement", "add", "--mentor", "Ann Lee", "--review", "+1w"],
    );
    ok(
        &d,
        &[
            "questionnaire",
            "pre",
            "--mentor",
            "1",
            "--date",
            "2026-10-01",
            "--rate",
            "journal=2",
        ],
    );
    let out = d.cmd().arg("status").assert().success();
    let text = stdout(&out);
    for line in [
        "Agreement: with Joe Hope, review due 2027-01-15 (in 53 days)\n",
        "Agreement: with Ann Lee, review due 2026-11-30 (in 7 days, time to arrange it)\n",
        "Impact:    with Joe Hope: pre-mentoring questionnaire done 2026-10-01; post not yet\n",
        "Impact:    with Ann Lee: pre-mentoring questionnaire not done yet\n",
    ] {
        assert!(text.contains(line), "{line}{text}");
    }
    // An ended agreement has no review line.
    ok(&d, &["agreement", "end", "2"]);
    let text = stdout(&d.cmd().arg("status").assert().success());
    assert!(!text.contains("with Ann Lee"), "{text}");
}

#[test]
fn json_export_and_import_carry_agreements_and_questionnaires() {
    let d = with_agreement();
    ok(
        &d,
        &[
            "questionnaire",
            "pre",
            "--mentor",
            "1",
            "--rate",
            "book=3",
            "--notes",
            "Hopes",
        ],
    );
    let file = d.dir.parent().unwrap().join("record.json");
    ok(
        &d,
        &[
            "export",
            "--include-confidential",
            "--format",
            "json",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let other = Data::new();
    let out = other
        .cmd()
        .args(["import", file.to_str().unwrap()])
        .assert()
        .success();
    assert!(
        stdout(&out).contains("with 1 mentoring agreement(s) and 1 impact questionnaire(s)"),
        "{}",
        stdout(&out)
    );
    for f in ["agreements.json", "questionnaires.json"] {
        assert_eq!(other.read(f), d.read(f), "{f}");
        assert_eq!(mode(&other.path(f)), 0o600);
    }
    // A bundle from before agreements existed still imports.
    let old = d.dir.parent().unwrap().join("old.json");
    std::fs::write(
        &old,
        r#"{"schema_version": 2, "record": {"profile": {}, "checklist": {}, "meetings": {}, "plans": []}}"#,
    )
    .unwrap();
    let fresh = Data::new();
    fresh
        .cmd()
        .args(["import", old.to_str().unwrap()])
        .assert()
        .success();
}

#[test]
fn check_reports_a_damaged_agreements_file_and_it_is_never_overwritten() {
    let d = with_agreement();
    let broken = "{\"schema_version\": 2, \"agreements\": {\"agreements\": [ }\n";
    d.write("agreements.json", broken);
    let out = d.cmd().arg("check").assert().code(1);
    assert!(
        stdout(&out).contains("agreements.json: line"),
        "{}",
        stdout(&out)
    );
    d.cmd()
        .args(["agreement", "add", "--mentor", "Ann"])
        .assert()
        .code(1);
    assert_eq!(d.read("agreements.json"), broken);
    // Exports that do not need it still work.
    ok(&d, &["export", "--section", "checklist", "--format", "txt"]);
    d.cmd()
        .args(["export", "--section", "agreements"])
        .assert()
        .code(1);
}

#[test]
fn agreements_and_questionnaires_stay_out_of_exports_unless_asked() {
    let d = with_agreement();
    ok(
        &d,
        &[
            "questionnaire",
            "pre",
            "--mentor",
            "1",
            "--rate",
            "journal=2",
            "--notes",
            "Private hopes",
        ],
    );
    for format in ["md", "txt"] {
        let out = d
            .cmd()
            .args(["export", "--section", "all", "--format", format])
            .assert()
            .success();
        let text = stdout(&out);
        for secret in [
            "Joe's office",
            "Private hopes",
            "Mentoring Agreements",
            "Impact",
        ] {
            assert!(!text.contains(secret), "{format}: {secret}\n{text}");
        }
        let out = d
            .cmd()
            .args([
                "export",
                "--section",
                "all",
                "--include-confidential",
                "--format",
                format,
            ])
            .assert()
            .success();
        let text = stdout(&out);
        for secret in ["Joe", "Private hopes", "My Mentoring Agreements"] {
            assert!(text.contains(secret), "{format}: {secret}\n{text}");
        }
        let own = |section: &str| {
            stdout(
                &d.cmd()
                    .args(["export", "--section", section, "--format", format])
                    .assert()
                    .success(),
            )
        };
        assert!(own("agreements").contains("Meet termly"));
        assert!(own("impact").contains("Private hopes"));
    }
}

/// Issue 10: `questionnaire pre` twice stored two, and compare then used the second (with no
/// ratings), showing every area "not rated".
#[test]
fn a_second_pre_questionnaire_is_refused_or_replaces_the_first() {
    let d = with_agreement();
    let run = |line: &str| d.cmd().args(line.split(' ')).assert();
    run("questionnaire pre --mentor 1 --rate journal=2").success();
    let err = stderr(&run("questionnaire pre --mentor 1 --notes hopes").code(1));
    assert!(
        err.contains("already a pre-mentoring questionnaire with this mentor (questionnaire 1")
            && err.contains("--replace"),
        "{err}"
    );
    run("questionnaire post --mentor 1 --rate journal=4").success();
    let cmp = stdout(&run("questionnaire compare --mentor 1").success());
    assert!(cmp.contains("Journal       2      4      +2"), "{cmp}");
    // --replace replaces it: still one pre, with the new answers.
    run("questionnaire pre --mentor 1 --rate journal=1 --replace").success();
    let list = d.json("questionnaires.json")["questionnaires"]["questionnaires"].clone();
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    assert_eq!(list[0]["ratings"]["journal"], 1);
    let cmp = stdout(&run("questionnaire compare --mentor 1").success());
    assert!(cmp.contains("+3"), "{cmp}");
}
