//! The professional-development log from the shell: `dev add`, `list`, `remove`, `attended`,
//! the status line, the portfolio export, and the log's file (private, backed up, carried by the
//! JSON export and import). Bad input is refused with one line and nothing is written.

use crate::util::{Data, mode, stderr, stdout};

/// A 2026-28 plan marking Pitch Perfect, Ready Steady Publish and ORCiD Yes and Symplectic No.
const PLAN: &str = r#"{
  "schema_version": 2,
  "plan": {
    "window": "2026-28",
    "sessions": {
      "activator.pitch-perfect": { "attend": "yes", "month": "2026-11" },
      "activator.ready-steady-publish": { "attend": "yes" },
      "activator.symplectic": { "attend": "no" },
      "library.orcid": { "attend": "yes" }
    }
  }
}
"#;

const PROFILE_08: &str = r#"{"schema_version": 2, "profile": {"name": "Siobhán", "fte": 0.8}}"#;

fn ok(d: &Data, args: &[&str]) -> String {
    stdout(&d.cmd().args(args).assert().success())
}

/// Runs arguments without spaces, written as one line, expecting exit code 1; gives stderr.
fn refused(d: &Data, line: &str) -> String {
    let args: Vec<&str> = line.split_whitespace().collect();
    stderr(&d.cmd().args(args).assert().code(1))
}

/// `refused` for a usage error (a value not of an accepted form): exit code 2.
fn usage(d: &Data, line: &str) -> String {
    let args: Vec<&str> = line.split_whitespace().collect();
    stderr(&d.cmd().args(args).assert().code(2))
}

/// `ok` for arguments without spaces, written as one line.
fn words(d: &Data, line: &str) -> String {
    ok(d, &line.split_whitespace().collect::<Vec<_>>())
}

#[test]
fn add_list_and_remove() {
    let d = Data::new();
    let out = ok(
        &d,
        &[
            "dev",
            "add",
            "--title",
            "BERA conference",
            "--provider",
            "external",
            "--days",
            "2",
            "--date",
            "2026-09-10",
            "--tag",
            "academia",
            "--principle",
            "development",
            "--evidence",
            "https://www.bera.ac.uk/conference",
            "--evidence",
            "~/certificates/bera.pdf",
        ],
    );
    assert_eq!(
        out,
        "Logged entry 1: BERA conference (External, 2 days) on 2026-09-10.\n\
         2026-27: 2 of 10 days (FTE not set: 1.0 assumed).\n"
    );
    ok(
        &d,
        &[
            "dev",
            "add",
            "--title",
            "Industry panel",
            "--provider",
            "Other",
            "--hours",
            "3",
            "--tag",
            "industry",
            "--tag",
            "Succeeding in academia",
        ],
    );
    ok(
        &d,
        &[
            "dev",
            "add",
            "--title",
            "Writing retreat",
            "--provider",
            "other",
            "--days",
            "1",
            "--date",
            "2026-08-31",
        ],
    );
    // The 31 August retreat belongs to the academic year before: its own file.
    let before = &d.json("devlog/2025-26.json")["devlog"]["entries"];
    assert_eq!(before[0]["title"], "Writing retreat");
    assert_eq!(before.as_array().unwrap().len(), 1);
    // This year's, in date order.
    let e = &d.json("devlog.json")["devlog"]["entries"];
    assert_eq!(e[0]["time"]["days"], 2.0);
    assert_eq!(e[0]["tags"], serde_json::json!(["academia"]));
    assert_eq!(e[0]["principle"], "development");
    assert_eq!(e[0]["evidence"][1], "~/certificates/bera.pdf");
    assert_eq!(e[1]["time"]["hours"], 3.0);
    assert_eq!(e[1]["tags"], serde_json::json!(["academia", "industry"]));
    assert_eq!(e[1]["session"], serde_json::Value::Null);
    assert_eq!(e[1]["id"].as_str().unwrap().len(), 36);

    let list = words(&d, "dev list");
    assert_eq!(
        list,
        "2025-26: 1 of 10 days (FTE not set: 1.0 assumed)\n\
         \x20 1. 2026-08-31  1 day               Other      Writing retreat\n\
         2026-27: 2.4 of 10 days (FTE not set: 1.0 assumed)\n\
         \x20 2. 2026-09-10  2 days              External   BERA conference [academia]\n\
         \x20 3. 2026-11-23  3 hours (0.4 days)  Other      Industry panel [academia, industry]\n"
    );
    let year = words(&d, "dev list --year 2025-26");
    assert!(
        year.contains("Writing retreat") && !year.contains("BERA"),
        "{year}"
    );

    let out = words(&d, "dev remove 2");
    assert_eq!(
        out,
        "Removed entry 2: 2026-09-10 BERA conference (2 days).\n"
    );
    let e = &d.json("devlog.json")["devlog"]["entries"];
    assert_eq!(e.as_array().unwrap().len(), 1);
    let err = refused(&d, "dev remove 9");
    assert!(err.contains("entries are numbered 1 to 2"), "{err}");
}

#[test]
fn bad_input_is_refused_in_one_line_and_nothing_is_written() {
    let d = Data::new();
    let base = ["dev", "add", "--title", "Course"];
    let cases: &[(&[&str], &str)] = &[
        (
            &["--provider", "pub", "--hours", "1"],
            "\"pub\" is not a provider: use one of activator (ACTivator), library (Library), external (External), other (Other)",
        ),
        (
            &["--provider", "other", "--hours", "0"],
            "--hours: \"0\" is not a number of hours: use a number greater than 0",
        ),
        (&["--provider", "other", "--hours", "-2"], "greater than 0"),
        (
            &["--provider", "other", "--days", "1.234"],
            "at most two decimal places",
        ),
        (&["--provider", "other", "--days", "400"], "at most 366"),
        (
            &["--provider", "other", "--hours", "1", "--days", "1"],
            "cannot be used with",
        ),
        (&["--provider", "other"], "<--hours <N>|--days <N>>"),
        (
            &["--provider", "other", "--days", "1", "--date", "2026-02-30"],
            "--date: \"2026-02-30\" is not a date (February 2026 has 28 days): use a date as YYYY-MM-DD",
        ),
        (
            &["--provider", "other", "--days", "1", "--date", "+1d"],
            "is in the future",
        ),
        (
            &["--provider", "other", "--days", "1", "--tag", "sport"],
            "--tag: \"sport\" is not a tag: use one of academia (Succeeding in academia), industry (Succeeding in industry)",
        ),
        (
            &["--provider", "other", "--days", "1", "--principle", "x"],
            "is not a Concordat principle: use one of environment (Environment and culture), employment (Employment), development (Professional and career development)",
        ),
        (
            &["--provider", "other", "--days", "1", "--evidence", " "],
            "--evidence is empty",
        ),
    ];
    for (args, expected) in cases {
        let out = d.cmd().args(base).args(*args).assert().failure();
        let err = stderr(&out);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!d.path("devlog.json").exists(), "{args:?} wrote the log");
        if !err.starts_with("error:") {
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
            // 2 for a value of the wrong form (a date), 1 for one that cannot be applied.
            assert!(
                matches!(out.get_output().status.code(), Some(1 | 2)),
                "{args:?}"
            );
        } else {
            assert_eq!(out.get_output().status.code(), Some(2));
        }
    }
    let err = stderr(
        &d.cmd()
            .args([
                "dev",
                "add",
                "--title",
                " ",
                "--provider",
                "other",
                "--days",
                "1",
            ])
            .assert()
            .code(1),
    );
    assert!(err.contains("--title is empty"), "{err}");
    let err = usage(&d, "dev list --year 2025-27");
    assert!(err.contains("such as 2025-26"), "{err}");
    assert!(!d.path("devlog.json").exists());
}

#[test]
fn a_workshop_marked_yes_in_the_plan_is_logged_as_attended_in_one_step() {
    let d = Data::new();
    d.write("plans/2026-28.json", PLAN);
    let out = words(&d, "dev attended pitch --date 2026-11-20 --tag academia");
    assert_eq!(
        out,
        "Logged entry 1: Pitch Perfect (ACTivator, 0.5 days) on 2026-11-20.\n\
         2026-27: 0.5 of 10 days (FTE not set: 1.0 assumed).\n"
    );
    let e = &d.json("devlog.json")["devlog"]["entries"][0];
    assert_eq!(e["provider"], "activator");
    assert_eq!(e["session"], "activator.pitch-perfect");
    assert_eq!(e["time"], serde_json::json!({"days": 0.5}));
    assert_eq!(e["tags"], serde_json::json!(["academia"]));
    // Several words need no quotes; the Library's usual length is in hours.
    words(&d, "dev attended ORCiD for research");
    assert_eq!(
        d.json("devlog.json")["devlog"]["entries"][1]["time"]["hours"],
        1.5
    );

    let before = d.read("devlog.json");
    let refuse = |args: &[&str], expected: &[&str]| {
        let err = stderr(&d.cmd().args(args).assert().code(1));
        for x in expected {
            assert!(err.contains(x), "{args:?}: {err}");
        }
        assert_eq!(d.read("devlog.json"), before, "{args:?} wrote");
    };
    refuse(
        &["dev", "attended", "pitch", "--date", "2026-11-20"],
        &[
            "\"Pitch Perfect\" is already logged on 2026-11-20 (entry 1)",
            "--force",
        ],
    );
    refuse(
        &["dev", "attended", "symplectic"],
        &[
            "\"Setting up Symplectic\" is not marked Yes in your plan for 2026-27",
            "Marked Yes:\n  activator.pitch-perfect  Pitch Perfect\n  activator.ready-steady-publish  Ready Steady Publish\n  library.orcid  ORCiD for Research",
        ],
    );
    refuse(
        &["dev", "attended", "funding", "--force"],
        &[
            "\"funding\" matches 2 workshops or sessions",
            "activator.funding-landscape  Surveying Your Funding Landscape",
        ],
    );
    refuse(
        &["dev", "attended", "origami"],
        &["matches no workshop or session"],
    );
    let err = usage(&d, "dev attended pitch --tag x");
    assert!(err.contains("--tag: \"x\" is not a tag"), "{err}");
    assert_eq!(d.read("devlog.json"), before);

    let out = words(&d, "dev attended symplectic --force --hours 2");
    assert!(
        out.contains("Setting up Symplectic (ACTivator, 2 hours)"),
        "{out}"
    );
}

/// A 0.8 FTE member with a 3-day course (tagged industry) on `date` and a 3.75-hour seminar
/// today.
fn course_and_seminar_at_08_fte(date: &str) -> Data {
    let d = Data::new();
    d.write("profile.json", PROFILE_08);
    let course =
        format!("dev add --title Course --provider external --days 3 --tag industry --date {date}");
    words(&d, &course);
    words(&d, "dev add --title Seminar --provider other --hours 3.75");
    d
}

#[test]
fn status_shows_development_days_against_the_pro_rata_target() {
    let d = course_and_seminar_at_08_fte("2026-10-01");
    let out = words(&d, "status");
    assert!(
        out.contains("\nDevelopment: 3.5 of 8 days in 2026-27 (0.8 FTE; on track)\n"),
        "{out}"
    );
    let fresh = Data::new();
    let out = words(&fresh, "status");
    assert!(
        out.contains(
            "Development: 0 of 10 days in 2026-27 (FTE not set: 1.0 assumed; 2.27 days behind an even pace)"
        ),
        "{out}"
    );
}

#[test]
fn the_log_is_private_backed_up_checked_and_travels_with_the_json_export() {
    let d = Data::new();
    d.write("profile.json", PROFILE_08);
    for title in ["One", "Two"] {
        ok(
            &d,
            &[
                "dev",
                "add",
                "--title",
                title,
                "--provider",
                "library",
                "--hours",
                "1",
            ],
        );
    }
    assert_eq!(mode(&d.path("devlog.json")), 0o600);
    assert_eq!(mode(&d.newest_backup("devlog.json")), 0o600);
    assert!(
        std::fs::read_to_string(d.newest_backup("devlog.json"))
            .unwrap()
            .contains("One")
    );

    let root = d.dir.parent().unwrap();
    let bundle = root.join("record.json");
    d.cmd()
        .args(crate::util::WHOLE_RECORD_JSON)
        .args(["-o", bundle.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(mode(&bundle), 0o600);
    let other = Data::new();
    other
        .cmd()
        .args(["import", bundle.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(other.read("devlog.json"), d.read("devlog.json"));
    assert_eq!(mode(&other.path("devlog.json")), 0o600);

    // A bundle from before the log existed still imports.
    let mut old: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    old["record"].as_object_mut().unwrap().remove("devlog");
    let old_path = root.join("old.json");
    std::fs::write(&old_path, serde_json::to_vec(&old).unwrap()).unwrap();
    let third = Data::new();
    third
        .cmd()
        .args(["import", old_path.to_str().unwrap()])
        .assert()
        .success();
    assert!(third.path("profile.json").exists());
    assert!(!third.path("devlog.json").exists());

    // A damaged log is named by check and never overwritten.
    let broken = "{\"schema_version\": 2, \"devlog\": {\"entries\": [}\n";
    d.write("devlog.json", broken);
    let out = d.cmd().arg("check").assert().code(1);
    assert!(
        stdout(&out).contains("devlog.json: line 1"),
        "{}",
        stdout(&out)
    );
    let err = refused(&d, "dev add --title x --provider other --days 1");
    assert!(err.contains("devlog.json"), "{err}");
    assert_eq!(d.read("devlog.json"), broken);
    // The portfolio needs the log; other exports go on with a warning.
    d.cmd()
        .args(["export", "--section", "portfolio"])
        .assert()
        .code(1);
    d.cmd()
        .args(["export", "--section", "checklist"])
        .assert()
        .success()
        .stderr(predicates::str::contains("warning: cannot read"));
}

#[test]
fn the_portfolio_exports_by_year_as_markdown_and_text() {
    let d = course_and_seminar_at_08_fte("2025-10-01");
    let md = words(&d, "export --section portfolio --format md");
    assert!(
        md.starts_with("---\ntitle: \"Professional Development Log and Portfolio of Evidence\"\n"),
        "{md}"
    );
    assert!(
        md.contains("## 2025-26\n\n**Total:** 3 of 8 days (0.8 FTE): 5 days to go"),
        "{md}"
    );
    assert!(md.contains("## 2026-27"), "{md}");
    let txt = words(&d, "export --section portfolio --format txt --year 2026-27");
    assert!(txt.contains("2026-27\n-------"), "{txt}");
    assert!(!txt.contains("2025-26"), "{txt}");
    let err = usage(&d, "export --section portfolio --year 2026-28");
    assert!(err.contains("not an academic year"), "{err}");
    // `all` is the framework's forms and leaves the portfolio out.
    let all = words(&d, "export --section all");
    assert!(!all.contains("Portfolio of Evidence"), "{all}");
}

#[test]
fn next_years_plan_does_not_carry_forward_a_workshop_already_attended() {
    let d = Data::new();
    d.write("plans/2026-28.json", PLAN);
    words(&d, "dev attended pitch --date 2026-11-20");
    let out = d
        .cmd()
        .args(["plan", "new"])
        .env("MENTORPLAN_TODAY", "2027-09-10")
        .assert()
        .success();
    let report = stdout(&out);
    let carried = report.split("Reset").next().unwrap();
    assert!(carried.contains("Ready Steady Publish"), "{report}");
    assert!(!carried.contains("Pitch Perfect"), "{report}");
    let next = d.json("plans/2027-29.json");
    assert!(
        next["plan"]["sessions"]
            .get("activator.pitch-perfect")
            .is_none(),
        "{next}"
    );
    assert_eq!(
        next["plan"]["sessions"]["activator.ready-steady-publish"]["attend"],
        "yes"
    );
}

#[test]
fn next_years_plan_is_not_started_before_this_years_is_due_unless_forced() {
    let d = Data::new();
    d.write("plans/2026-28.json", PLAN);
    let err = stderr(&d.cmd().args(["plan", "new"]).assert().code(1));
    assert!(
        err.contains("the 2026-28 plan is this year's, due 15 June 2027"),
        "{err}"
    );
    assert!(
        err.contains("from September 2027, or now with --force"),
        "{err}"
    );
    assert!(!d.path("plans/2027-29.json").exists());
    d.cmd().args(["plan", "new", "--force"]).assert().success();
    assert!(d.path("plans/2027-29.json").exists());
    // Issue 10: repeating --force ran on to 2124-26; one window ahead is the limit.
    let err = stderr(&d.cmd().args(["plan", "new", "--force"]).assert().code(1));
    assert!(
        err.contains(
            "the 2028-30 plan would be more than one window beyond the current one, 2026-28"
        ),
        "{err}"
    );
    assert!(!d.path("plans/2028-30.json").exists());
}
