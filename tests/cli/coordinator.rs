//! The scheme's other side: `submit` on a member's record, and `collate` over a generated folder
//! of members (with broken, duplicate, old-schema and foreign files) whose every figure is
//! checked against values worked out by hand in the comments.

use super::util::{Data, TODAY, copy_dir, mode, stderr, stdout};
use chrono::{TimeZone, Utc};
use mentorplan::domain::calendar::PlanWindow;
use mentorplan::domain::coordinator::submission::{Impact, Meta, Pairing, Submission, Totals};
use mentorplan::domain::model::{
    AreaAnswer, Attend, Fte, Level, Plan, Rating, Record, SessionAnswer,
};
use mentorplan::store::coordinator::submission_file::encode;
use serde_json::Value;
use std::path::Path;

/// Jane Smith's record with confidential text in every confidential part: meeting notes,
/// actions, an agreement and a questionnaire.
fn jane_with_secrets() -> Data {
    let d = Data::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jane-smith");
    copy_dir(&fixture, &d.dir);
    let run = |args: &[&str], stdin: &str| {
        d.cmd().args(args).write_stdin(stdin).assert().success();
    };
    run(
        &["meeting", "log", "--minutes", "90", "--notes", "-"],
        "SECRET-MEETING-NOTE about my line manager",
    );
    run(
        &[
            "action",
            "add",
            "--activity",
            "SECRET-ACTION-ACTIVITY",
            "--outputs",
            "SECRET-ACTION-OUTPUT",
        ],
        "",
    );
    run(
        &[
            "agreement",
            "add",
            "--mentor",
            "SECRET-MENTOR-NAME",
            "--venue",
            "SECRET-VENUE",
            "--contact",
            "SECRET-CONTACT",
        ],
        "",
    );
    run(
        &[
            "questionnaire",
            "pre",
            "--mentor",
            "1",
            "--rate",
            "journal=2",
            "--notes",
            "-",
        ],
        "SECRET-QUESTIONNAIRE-ANSWER",
    );
    run(
        &[
            "questionnaire",
            "post",
            "--mentor",
            "1",
            "--rate",
            "journal=4",
            "--notes",
            "-",
        ],
        "SECRET-POST-ANSWER",
    );
    run(
        &[
            "dev",
            "add",
            "--title",
            "SECRET-DEV-TITLE",
            "--provider",
            "external",
            "--days",
            "1.5",
        ],
        "",
    );
    run(&["reflect", "cycle", "new", "-"], "SECRET-REFLECT-QUESTION");
    run(
        &["reflect", "entry", "add", "--stage", "plan", "-"],
        "SECRET-REFLECT-ENTRY",
    );
    d
}

#[test]
fn a_submission_of_a_record_full_of_confidential_text_holds_none_of_it() {
    let d = jane_with_secrets();
    let out_dir = d.path("../out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let ok = d
        .cmd()
        .args([
            "submit",
            "--year",
            "2021-23",
            "--with-totals",
            "--with-impact",
            "-o",
        ])
        .arg(&out_dir)
        .assert()
        .success();
    assert!(
        stdout(&ok).contains("jane-smith_2021-23.json"),
        "{}",
        stdout(&ok)
    );
    let json = std::fs::read_to_string(out_dir.join("jane-smith_2021-23.json")).unwrap();
    let md = std::fs::read_to_string(out_dir.join("jane-smith_2021-23.md")).unwrap();
    let meetings = d.read("meetings.json");
    for text in [&json, &md] {
        assert!(
            !text.contains("SECRET"),
            "confidential text leaked:\n{text}"
        );
        // The fixture's own meeting notes and action comments.
        assert!(!text.contains("Agreed the plan for the year"));
        assert!(!text.contains("shorter literature review"));
        assert!(!text.contains("QR funding application"));
    }
    assert!(meetings.contains("SECRET-MEETING-NOTE"));
    assert!(d.read("reflect.json").contains("SECRET-REFLECT-ENTRY"));
    for f in ["jane-smith_2021-23.json", "jane-smith_2021-23.md"] {
        assert_eq!(mode(&out_dir.join(f)), 0o600);
    }
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema_version"], 3);
    assert_eq!(v["record"]["only"], "submission");
    assert_eq!(v["record"]["plans"][0]["window"], "2021-23");
    assert_eq!(v["record"]["meetings"]["meetings"], Value::Array(vec![]));
    assert_eq!(
        v["record"]["questionnaires"]["questionnaires"],
        Value::Array(vec![])
    );
    let meta = &v["submission"];
    assert_eq!(meta["window"], "2021-23");
    // Today's 90-minute meeting and 1.5 days, in the academic year of TODAY (2026-27).
    assert_eq!(meta["totals"]["academic_year"], "2026-27");
    assert_eq!(meta["totals"]["mentoring_minutes"], 90);
    assert_eq!(meta["totals"]["development_days"], 1.5);
    assert_eq!(meta["impact"]["before"]["journal"], 2);
    assert_eq!(meta["impact"]["after"]["journal"], 4);
    assert!(md.contains("1 h 30 min"), "{md}");
}

#[test]
fn without_the_flags_a_submission_carries_no_totals_nor_ratings() {
    let d = jane_with_secrets();
    let out_dir = d.path("../out");
    std::fs::create_dir_all(&out_dir).unwrap();
    d.cmd()
        .args(["submit", "--year", "2021-23", "-o"])
        .arg(&out_dir)
        .assert()
        .success();
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join("jane-smith_2021-23.json")).unwrap(),
    )
    .unwrap();
    assert!(v["submission"].get("totals").is_none());
    assert!(v["submission"].get("impact").is_none());
}

#[test]
fn submit_without_a_name_or_plan_says_what_is_missing() {
    let d = Data::new();
    let e = d.cmd().args(["submit"]).assert().code(2);
    assert!(
        stderr(&e).contains("your name is not filled in"),
        "{}",
        stderr(&e)
    );
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jane-smith");
    copy_dir(&fixture, &d.dir);
    let e = d
        .cmd()
        .args(["submit", "--year", "2030-32"])
        .assert()
        .failure();
    assert!(
        stderr(&e).contains("plans exist for 2021-23"),
        "{}",
        stderr(&e)
    );
    let e = d
        .cmd()
        .args(["submit", "--year", "2021-23", "-o", "/nonexistent/x"])
        .assert()
        .code(2);
    assert!(stderr(&e).contains("not a folder"), "{}", stderr(&e));
}

// ---- collate -------------------------------------------------------------------------------

const WINDOW: &str = "2026-28";

struct Member<'a> {
    name: &'a str,
    category: Option<&'a str>,
    fte: u16,
    areas: &'a [(&'a str, Option<Level>)],
    sessions: &'a [(&'a str, Option<(i32, u32)>)],
    totals: Option<(u64, f64)>,
    impact: &'a [(&'a str, u8, u8)],
}

fn submission(m: &Member, window: &str, submitted_day: u32) -> Submission {
    let window = PlanWindow::parse(window).unwrap();
    let mut record = Record::default();
    record.profile.name = m.name.into();
    record.profile.membership = m.category.map(String::from);
    record.profile.fte = Fte::from_hundredths(m.fte);
    for (area, level) in m.areas {
        let mut a = AreaAnswer {
            level: *level,
            ..Default::default()
        };
        if level.is_none() {
            a.ticked.insert(format!("{area}.consultancy"));
        }
        record.checklist.areas.insert(area.to_string(), a);
    }
    let mut plan = Plan::new(window, Default::default());
    for (id, month) in m.sessions {
        plan.sessions.insert(
            id.to_string(),
            SessionAnswer {
                attend: Some(Attend::Yes),
                month: month.map(|(y, m)| mentorplan::domain::dates::YearMonth::new(y, m).unwrap()),
            },
        );
    }
    record.plans.insert(window, plan);
    let impact = (!m.impact.is_empty()).then(|| {
        let mut i = Impact::default();
        for (area, b, a) in m.impact {
            i.before.insert(area.to_string(), Rating::new(*b).unwrap());
            i.after.insert(area.to_string(), Rating::new(*a).unwrap());
        }
        i
    });
    Submission {
        record,
        meta: Meta {
            version: 1,
            window,
            submitted: Utc
                .with_ymd_and_hms(2026, 6, submitted_day, 9, 0, 0)
                .unwrap(),
            totals: m.totals.map(|(minutes, days)| Totals {
                academic_year: "2026-27".into(),
                mentoring_minutes: minutes,
                development_days: days,
            }),
            impact,
            pairing: Pairing::default(),
            extra: Default::default(),
        },
    }
}

use Level::{Advanced as Adv, Intermediate as Inter, Introductory as Intro};

const MEMBERS: [Member<'static>; 5] = [
    Member {
        name: "Ann Ash",
        category: Some("core"),
        fte: 100,
        areas: &[("journal", Some(Intro)), ("book", Some(Inter))],
        sessions: &[
            ("activator.pitch-perfect", Some((2027, 1))),
            ("library.orcid", Some((2027, 2))),
        ],
        totals: Some((360, 10.0)),
        impact: &[("journal", 2, 4)],
    },
    Member {
        name: "Ben Birch",
        category: Some("associate"),
        fte: 80,
        areas: &[("journal", Some(Intro))],
        sessions: &[("activator.pitch-perfect", Some((2027, 1)))],
        totals: Some((300, 8.0)),
        impact: &[("journal", 3, 4)],
    },
    Member {
        name: "Cat Cedar",
        category: Some("associate"),
        fte: 50,
        areas: &[("journal", Some(Adv)), ("income", Some(Intro))],
        sessions: &[
            ("activator.pitch-perfect", Some((2027, 3))),
            ("library.orcid", None),
        ],
        totals: Some((400, 4.0)),
        impact: &[("journal", 1, 3), ("income", 2, 2)],
    },
    Member {
        name: "Dan Dogwood",
        category: None,
        fte: 100,
        areas: &[("income", None)],
        sessions: &[],
        totals: None,
        impact: &[("journal", 4, 5)],
    },
    Member {
        name: "Eve Elm",
        category: Some("associate"),
        fte: 100,
        areas: &[("journal", Some(Intro))],
        sessions: &[("activator.pitch-perfect", Some((2027, 1)))],
        totals: Some((30, 0.5)),
        impact: &[("journal", 2, 2)],
    },
];

const FAY: Member<'static> = Member {
    name: "Fay Fir",
    category: Some("core"),
    fte: 100,
    areas: &[("book", Some(Adv))],
    sessions: &[("library.orcid", Some((2027, 2)))],
    totals: None,
    impact: &[],
};

/// Fay's first submission, replaced by a later one: none of it may count.
const FAY_EARLIER: Member<'static> = Member {
    name: "fay  FIR",
    category: Some("core"),
    fte: 100,
    areas: &[("conference", Some(Intro))],
    sessions: &[("activator.pitch-perfect", Some((2027, 5)))],
    totals: Some((600, 12.0)),
    impact: &[],
};

const GUS: Member<'static> = Member {
    name: "Gus Gum",
    category: Some("core"),
    fte: 100,
    areas: &[("journal", Some(Adv))],
    sessions: &[("activator.pitch-perfect", Some((2025, 1)))],
    totals: None,
    impact: &[],
};

/// The folder: one file per member in subfolders, a duplicate, another window, and files that
/// must each be reported and skipped.
fn generated_folder(root: &Path) {
    let write = |rel: &str, bytes: &[u8]| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    for (i, m) in MEMBERS.iter().enumerate() {
        let s = submission(m, WINDOW, 10);
        write(&format!("inbox/{i}/{}.json", s.file_stem()), &encode(&s));
    }
    write("inbox/fay-new.json", &encode(&submission(&FAY, WINDOW, 12)));
    write(
        "shared/fay-old.json",
        &encode(&submission(&FAY_EARLIER, WINDOW, 2)),
    );
    write("shared/gus.json", &encode(&submission(&GUS, "2024-26", 3)));
    write("shared/gus.md", b"# not read");
    write("bad/garbage.json", b"{not json");
    write("bad/empty.json", b"");
    let current = String::from_utf8(encode(&submission(&GUS, WINDOW, 3))).unwrap();
    write(
        "bad/old.json",
        current
            .replacen("\"schema_version\": 3", "\"schema_version\": 2", 1)
            .as_bytes(),
    );
    write(
        "bad/too-new.json",
        current
            .replacen("\"schema_version\": 3", "\"schema_version\": 99", 1)
            .as_bytes(),
    );
    write(
        "bad/plan-export.json",
        current
            .replacen("\"only\": \"submission\"", "\"only\": \"plan\"", 1)
            .as_bytes(),
    );
    write(".git/objects/x.json", b"{}");
    std::os::unix::fs::symlink("/etc/passwd", root.join("bad/link.json")).unwrap();
    write(
        "roster.csv",
        "name,email\nAnn Ash,\nBen Birch,b.birch@example.ac.uk\nCat Cedar\nDan Dogwood\nEve Elm\nFay Fir\nGus Gum\nHal Hazel,h@example.ac.uk\n"
            .as_bytes(),
    );
}

fn collated(format: &str) -> (Data, String) {
    let d = Data::new();
    let root = d.path("../folder");
    generated_folder(&root);
    let ok = d
        .cmd()
        .args(["collate", "--year", WINDOW, "--format", format, "--roster"])
        .arg(root.join("roster.csv"))
        .arg(root.join("inbox"))
        .arg(root.join("shared"))
        .arg(root.join("bad"))
        .assert()
        .success();
    assert!(stderr(&ok).contains("7 file(s) skipped"), "{}", stderr(&ok));
    (d, stdout(&ok))
}

#[test]
fn collate_counts_every_figure_as_worked_out_by_hand() {
    let (_d, out) = collated("json");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["today"], TODAY);
    assert_eq!(v["window"], WINDOW);
    // 23 Nov 2026 to 15 Jun 2027: 7 + 31 + 31 + 28 + 31 + 30 + 31 + 15.
    assert_eq!(v["deadline"], "2027-06-15");
    assert_eq!(v["days_to_deadline"], 204);
    // Five members, Fay twice, Gus, and five bad files (not the link, .git nor the .md).
    assert_eq!(v["files"], 13);

    let subs = v["submissions"].as_array().unwrap();
    let who: Vec<(&str, &str)> = subs
        .iter()
        .map(|s| (s["member"].as_str().unwrap(), s["window"].as_str().unwrap()))
        .collect();
    assert_eq!(
        who,
        [
            ("Ann Ash", WINDOW),
            ("Ben Birch", WINDOW),
            ("Cat Cedar", WINDOW),
            ("Dan Dogwood", WINDOW),
            ("Eve Elm", WINDOW),
            ("Fay Fir", WINDOW),
            ("Gus Gum", "2024-26"),
        ]
    );
    let fay = &subs[5];
    assert_eq!(fay["submitted"], "2026-06-12T09:00:00Z");
    assert!(
        fay["file"]
            .as_str()
            .unwrap()
            .ends_with("inbox/fay-new.json")
    );

    let skipped: Vec<(String, String)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = s["file"].as_str().unwrap();
            let name = Path::new(f)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, s["reason"].as_str().unwrap().to_string())
        })
        .collect();
    let reason = |name: &str| {
        skipped
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} not skipped: {skipped:?}"))
            .1
            .clone()
    };
    assert_eq!(skipped.len(), 7, "{skipped:?}");
    assert!(
        reason("fay-old.json")
            .starts_with("a duplicate: Fay Fir has a later submission for 2026-28 in")
    );
    assert!(reason("garbage.json").starts_with("not a readable submission: line 1"));
    assert!(reason("empty.json").contains("the file is empty"));
    assert!(reason("old.json").contains("schema version 2"));
    assert!(reason("too-new.json").contains("newer mentorplan (version 99)"));
    assert!(reason("plan-export.json").contains("an export (--section plan)"));
    assert!(reason("link.json").contains("symbolic link"));

    // Roster: Gus submitted another window only; Hal never.
    let missing: Vec<(&str, i64)> = v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["member"].as_str().unwrap(),
                m["days_to_deadline"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(missing, [("Gus Gum", 204), ("Hal Hazel", 204)]);

    // Demand: Pitch Perfect in 01/27 by Ann, Ben and Eve; in 03/27 by Cat; ORCiD in 02/27 by
    // Ann and Fay (her later file), with no month by Cat. Fay's earlier 05/27 does not count.
    let demand: Vec<(&str, Value, u64)> = v["demand"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["session"].as_str().unwrap(),
                d["month"].clone(),
                d["members"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        demand,
        [
            ("activator.pitch-perfect", Value::from("2027-01"), 3),
            ("activator.pitch-perfect", Value::from("2027-03"), 1),
            ("library.orcid", Value::Null, 1),
            ("library.orcid", Value::from("2027-02"), 2),
        ]
    );

    // Checklist by category: core (Ann: journal intro, book intermediate; Fay: book advanced),
    // associate (Ben and Eve: journal intro; Cat: journal advanced, income intro), none (Dan:
    // income, items ticked without a level).
    let wanted: Vec<(&str, &str, Value, u64)> = v["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["category"].as_str().unwrap(),
                w["area"].as_str().unwrap(),
                w["level"].clone(),
                w["members"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        wanted,
        [
            ("core", "journal", Value::from("introductory"), 1),
            ("core", "book", Value::from("intermediate"), 1),
            ("core", "book", Value::from("advanced"), 1),
            ("associate", "journal", Value::from("introductory"), 2),
            ("associate", "journal", Value::from("advanced"), 1),
            ("associate", "income", Value::from("introductory"), 1),
            ("none", "income", Value::Null, 1),
        ]
    );

    // Totals: Ann 6 h, 10 of 10 days; Ben 5 h, 8 of 8 (0.8 FTE); Cat 6.67 h, 4 of 5 (0.5);
    // Eve 0.5 h, 0.5 of 10. Dan and Fay added none.
    let t = &v["totals"];
    assert_eq!(t["members_with_totals"], 4);
    assert_eq!(t["members_without_totals"], 2);
    assert_eq!(t["hours_required"], 6);
    assert_eq!(t["hours_met"], 2);
    assert_eq!(t["days_met"], 2);
    let rows: Vec<(&str, f64, bool, f64, f64, bool)> = t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["member"].as_str().unwrap(),
                r["mentoring_hours"].as_f64().unwrap(),
                r["hours_met"].as_bool().unwrap(),
                r["development_days"].as_f64().unwrap(),
                r["days_target"].as_f64().unwrap(),
                r["days_met"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Ann Ash", 6.0, true, 10.0, 10.0, true),
            ("Ben Birch", 5.0, false, 8.0, 8.0, true),
            ("Cat Cedar", 6.67, true, 4.0, 5.0, false),
            ("Eve Elm", 0.5, false, 0.5, 10.0, false),
        ]
    );

    // Impact: five members rated journal before and after (2,3,1,4,2 -> 12/5; 4,4,3,5,2 ->
    // 18/5); only Cat rated income, which is withheld.
    let i = &v["impact"];
    assert_eq!(i["minimum_members"], 5);
    assert_eq!(i["members_with_impact"], 5);
    let areas = i["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 2);
    assert_eq!(areas[0]["area"], "journal");
    assert_eq!(areas[0]["reported"], true);
    assert_eq!(areas[0]["members"], 5);
    assert_eq!(areas[0]["mean_before"], 2.4);
    assert_eq!(areas[0]["mean_after"], 3.6);
    assert_eq!(areas[1]["area"], "income");
    assert_eq!(areas[1]["reported"], false);
    assert_eq!(areas[1]["members"], Value::Null);
    assert_eq!(areas[1]["mean_before"], Value::Null);
}

#[test]
fn collate_csv_has_the_documented_header_and_the_same_figures() {
    let (_d, out) = collated("csv");
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "table,member,email,window,submitted,category,area,level,session,month,members,value,target,met"
    );
    let rows: Vec<&str> = lines.collect();
    let count = |table: &str| {
        rows.iter()
            .filter(|r| r.starts_with(&format!("{table},")))
            .count()
    };
    assert_eq!(count("submitted"), 7);
    assert_eq!(count("missing"), 2);
    assert_eq!(count("demand"), 4);
    assert_eq!(count("checklist"), 7);
    assert_eq!(count("hours"), 4);
    assert_eq!(count("days"), 4);
    assert_eq!(count("impact_before"), 1);
    assert_eq!(count("impact_after"), 1);
    assert_eq!(count("skipped"), 7);
    assert!(rows.contains(&"demand,,,2026-28,,,,,activator.pitch-perfect,2027-01,3,,,"));
    assert!(rows.contains(&"days,Cat Cedar,,2026-28,,,,,,,,4,5,false"));
    assert!(rows.contains(&"impact_after,,,2026-28,,,journal,,,,5,3.6,,"));
    assert!(rows.contains(&"missing,Hal Hazel,h@example.ac.uk,2026-28,,,,,,,,204,,"));
}

#[test]
fn collate_markdown_says_what_is_withheld_and_lists_skipped_files() {
    let (_d, out) = collated("md");
    assert!(out.contains("# Submissions for 2026-28"), "{out}");
    assert!(out.contains("| Pitch Perfect | 01/27 | 3 |"), "{out}");
    assert!(
        out.contains("only where at least 5 members rated it"),
        "{out}"
    );
    assert!(
        out.contains("1 area(s) withheld: fewer than 5 members."),
        "{out}"
    );
    assert!(out.contains("- Hal Hazel (h@example.ac.uk)"), "{out}");
    assert!(out.contains("garbage.json"), "{out}");
}

#[test]
fn collate_of_a_folder_that_is_not_there_names_it() {
    let d = Data::new();
    let e = d
        .cmd()
        .args(["collate", "/nonexistent/inbox"])
        .assert()
        .failure();
    assert!(stderr(&e).contains("/nonexistent/inbox"), "{}", stderr(&e));
}

// ---- pair ----------------------------------------------------------------------------------

fn mentee_member(
    name: &'static str,
    areas: &'static [(&'static str, Option<Level>)],
) -> Member<'static> {
    Member {
        name,
        category: Some("associate"),
        fte: 100,
        areas,
        sessions: &[],
        totals: None,
        impact: &[],
    }
}

#[test]
fn pair_proposes_the_optimum_with_reasons_for_every_mentee() {
    let d = Data::new();
    let root = d.path("../pairing");
    std::fs::create_dir_all(&root).unwrap();
    let people = [
        (
            mentee_member(
                "Ann Ash",
                &[("journal", Some(Intro)), ("book", Some(Inter))],
            ),
            Pairing {
                grade: Some(7),
                ..Default::default()
            },
        ),
        (
            mentee_member("Ben Birch", &[("journal", Some(Intro))]),
            Pairing::default(),
        ),
        (
            mentee_member(
                "Cat Cedar",
                &[("journal", Some(Adv)), ("income", Some(Intro))],
            ),
            Pairing {
                avoid: vec!["Prof Pine".into()],
                ..Default::default()
            },
        ),
        (mentee_member("Dan Dogwood", &[]), Pairing::default()),
    ];
    for (m, pairing) in people {
        let mut s = submission(&m, WINDOW, 10);
        s.meta.pairing = pairing;
        std::fs::write(root.join(format!("{}.json", s.file_stem())), encode(&s)).unwrap();
    }
    std::fs::write(
        root.join("mentors.csv"),
        "name,grade,areas,current mentees\nDr Oak,9,Journal;book,3\nProf Pine,10,income,Zed;Yan\nDr Fir,8,conference,\n",
    )
    .unwrap();
    std::fs::write(
        root.join("wishes.csv"),
        "name,grade,prefer,avoid\ncat cedar,,Dr Fir,\n",
    )
    .unwrap();
    let run = || {
        d.cmd()
            .args(["pair", "--year", WINDOW, "--format", "json", "--mentors"])
            .arg(root.join("mentors.csv"))
            .arg("--preferences")
            .arg(root.join("wishes.csv"))
            .arg(&root)
            .assert()
            .success()
    };
    let out = stdout(&run());
    assert_eq!(out, stdout(&run()), "the same files give the same proposal");
    let v: Value = serde_json::from_str(&out).unwrap();
    let pairs: Vec<(&str, &str)> = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["mentee"].as_str().unwrap(), p["mentor"].as_str().unwrap()))
        .collect();
    // Dr Oak has one place left (three current mentees): Ann shares two areas with him, Ben
    // one. Cat asked for Dr Fir and ruled out Prof Pine, who shares income with her.
    assert_eq!(pairs, [("Ann Ash", "Dr Oak"), ("Cat Cedar", "Dr Fir")]);
    assert_eq!(v["pairs"][0]["reason"], "shares Journal, Book");
    assert_eq!(v["pairs"][0]["grades_above"], 2);
    assert!(
        v["pairs"][1]["reason"]
            .as_str()
            .unwrap()
            .contains("asked for this mentor")
    );
    let unmatched: Vec<(&str, &str)> = v["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["mentee"].as_str().unwrap(), p["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        unmatched,
        [
            (
                "Ben Birch",
                "the places of the mentors who fit (Dr Oak) go to mentees who fit them as well or better"
            ),
            (
                "Dan Dogwood",
                "ticked no checklist area and asked for no mentor: nothing to match on"
            ),
        ]
    );
    let loads: Vec<(&str, u64)> = v["mentors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["mentor"].as_str().unwrap(),
                l["proposed"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(loads, [("Dr Fir", 1), ("Dr Oak", 1), ("Prof Pine", 0)]);
}

#[test]
fn pair_refuses_a_mentors_file_naming_an_unknown_area_listing_the_areas() {
    let d = Data::new();
    let root = d.path("../pairing");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("mentors.csv"), "Dr Oak,9,Astrology,0\n").unwrap();
    let e = d
        .cmd()
        .args(["pair", "--mentors"])
        .arg(root.join("mentors.csv"))
        .arg(&root)
        .assert()
        .code(2);
    let err = stderr(&e);
    assert!(
        err.contains("line 1: \"Astrology\" is not a checklist area"),
        "{err}"
    );
    assert!(err.contains("journal"), "{err}");
    let e = d.cmd().args(["pair"]).arg(&root).assert().code(2);
    assert!(stderr(&e).contains("no mentors file"), "{}", stderr(&e));
}

// ---- concordat -----------------------------------------------------------------------------

/// The seed's PCDR1 and PCDR2 rows (seed 004, tab-separated as extracted): code, obligation,
/// action, carried over, deadline, then the targeted impact (the extraction merged the empty
/// responsibility into the deadline's cell).
const SEED_ROWS: &str = include_str!("../fixtures/concordat-seed-pcdr.tsv");

#[test]
fn the_seeds_pcdr1_and_pcdr2_rows_round_trip_through_the_report() {
    let d = Data::new();
    let rows: Vec<Vec<&str>> = SEED_ROWS
        .lines()
        .map(|l| l.split('\t').map(str::trim).collect())
        .collect();
    assert_eq!((rows[0][0], rows[1][0]), ("PCDR1", "PCDR2"));
    d.cmd()
        .args(["concordat", "add", "--obligation", rows[0][0]])
        .assert()
        .success();
    let pcdr2 = &rows[1];
    d.cmd()
        .args([
            "concordat",
            "add",
            "--obligation",
            pcdr2[0],
            "--action",
            pcdr2[2],
        ])
        .args([
            "--carried-over",
            pcdr2[3],
            "--deadline",
            pcdr2[4],
            "--impact",
            pcdr2[5],
        ])
        .assert()
        .success();
    let out = stdout(
        &d.cmd()
            .args(["concordat", "report", "--format", "csv"])
            .assert()
            .success(),
    );
    let report = mentorplan::domain::coordinator::csv::parse(&out).unwrap();
    assert_eq!(
        report[0].1[1..5],
        [
            "Obligation",
            "Obligation text",
            "Action",
            "Carried over from previous action plan?"
        ]
    );
    let pcdr1 = &report[1].1;
    assert_eq!(pcdr1[0], "Professional and Career Development");
    // Code and obligation text as in the seed; the rest empty, as there.
    assert_eq!(pcdr1[1..3], [rows[0][0], rows[0][1]]);
    assert!(pcdr1[3..].iter().all(String::is_empty), "{pcdr1:?}");
    let got = &report[2].1;
    assert_eq!(
        [
            &got[1], &got[2], &got[3], &got[4], &got[5], &got[6], &got[7]
        ],
        [pcdr2[0], pcdr2[1], pcdr2[2], pcdr2[3], "", "", pcdr2[5]]
    );
    // The stored file: versioned, private, in the coordinator's own directory.
    let v = d.json("concordat.json");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["concordat"]["actions"][1]["carried_over"], true);
    assert_eq!(mode(&d.path("concordat.json")), 0o600);
    assert_eq!(mode(&d.dir), 0o700);
}

#[test]
fn concordat_refuses_an_unknown_code_or_outcome_listing_the_accepted_ones() {
    let d = Data::new();
    let e = d
        .cmd()
        .args(["concordat", "add", "--obligation", "PCDR9", "--action", "x"])
        .assert()
        .code(2);
    assert!(
        stderr(&e).contains("\"PCDR9\" is not an obligation of this plan; accepted: ECI1, ECI2"),
        "{}",
        stderr(&e)
    );
    d.cmd()
        .args([
            "concordat",
            "add",
            "--obligation",
            "pcdr1",
            "--action",
            "Promote the 10 days",
        ])
        .assert()
        .success();
    let e = d
        .cmd()
        .args(["concordat", "edit", "1", "--outcome", "finished"])
        .assert()
        .code(2);
    assert!(
        stderr(&e).contains("accepted: ongoing, carried-forward, no-further-action"),
        "{}",
        stderr(&e)
    );
    let e = d
        .cmd()
        .args(["concordat", "progress", "7", "Done"])
        .assert()
        .code(2);
    assert!(
        stderr(&e).contains("there is no action 7; the plan has 1"),
        "{}",
        stderr(&e)
    );
    assert!(!d.read("concordat.json").contains("finished"));
}

#[test]
fn concordat_lists_overdue_actions_and_dates_progress_updates() {
    let d = Data::new();
    // TODAY is 2026-11-23: August 2026 has passed, December 2026 has not.
    for (code, deadline) in [("PCDR1", "Aug-26"), ("PCDR2", "2026-12"), ("EI2", "08/26")] {
        d.cmd()
            .args([
                "concordat",
                "add",
                "--obligation",
                code,
                "--action",
                "Act",
                "--deadline",
                deadline,
            ])
            .assert()
            .success();
    }
    d.cmd()
        .args(["concordat", "edit", "3", "--outcome", "No further action"])
        .assert()
        .success();
    d.cmd()
        .args([
            "concordat",
            "progress",
            "1",
            "Two workshops run",
            "--date",
            "2026-10-01",
        ])
        .assert()
        .success();
    let list = stdout(
        &d.cmd()
            .args(["concordat", "list", "--overdue"])
            .assert()
            .success(),
    );
    assert_eq!(list.lines().count(), 1, "{list}");
    assert!(list.contains("1. PCDR1  Aug-26"), "{list}");
    let md = stdout(&d.cmd().args(["concordat", "report"]).assert().success());
    assert!(md.contains("## Employment"), "{md}");
    assert!(
        md.contains("## Professional and Career Development"),
        "{md}"
    );
    assert!(md.contains("2026-10-01: Two workshops run"), "{md}");
    assert!(
        md.contains("## Overdue on 2026-11-23\n\n- Action 1, PCDR1: due Aug-26"),
        "{md}"
    );
    assert!(md.contains("| No further action |"), "{md}");
}

#[test]
fn a_concordat_file_that_cannot_be_read_is_never_overwritten() {
    let d = Data::new();
    d.write(
        "concordat.json",
        "{\"schema_version\": 1, \"concordat\": {\"actions\": [",
    );
    let e = d
        .cmd()
        .args(["concordat", "add", "--obligation", "PCDR1"])
        .assert()
        .failure();
    assert!(stderr(&e).contains("cannot be read"), "{}", stderr(&e));
    assert_eq!(
        d.read("concordat.json"),
        "{\"schema_version\": 1, \"concordat\": {\"actions\": ["
    );
    d.write(
        "concordat.json",
        "{\"schema_version\": 2, \"concordat\": {}}",
    );
    let e = d.cmd().args(["concordat", "list"]).assert().failure();
    assert!(stderr(&e).contains("newer mentorplan"), "{}", stderr(&e));
}

#[test]
fn pcdr1s_actual_impact_is_filled_from_the_collated_submissions() {
    let d = Data::new();
    let root = d.path("../folder");
    generated_folder(&root);
    d.cmd()
        .args([
            "concordat",
            "add",
            "--obligation",
            "PCDR1",
            "--action",
            "Promote the 10 days",
        ])
        .assert()
        .success();
    d.cmd()
        .args(["concordat", "days-impact", "1", "--year", WINDOW])
        .arg(root.join("inbox"))
        .arg(root.join("shared"))
        .assert()
        .success();
    // Of Ann, Ben, Cat and Eve (who added totals), Ann and Ben reached their days pro rata.
    assert_eq!(
        d.json("concordat.json")["concordat"]["actions"][0]["actual_impact"],
        "In 2026-27, 2 of 4 members who shared their totals (50%) reached their days of professional development pro rata (10 days a year at full time); from the submissions for 2026-28 collated on 2026-11-23."
    );
    let e = d
        .cmd()
        .args(["concordat", "days-impact", "1", "--year", "2024-26"])
        .arg(root.join("shared"))
        .assert()
        .code(2);
    assert!(
        stderr(&e).contains("none of the 1 submissions for 2024-26 carries totals"),
        "{}",
        stderr(&e)
    );
}

#[test]
fn no_escape_sequence_from_a_submission_reaches_a_report_raw() {
    let d = Data::new();
    let root = d.path("../folder");
    let evil = Member {
        name: "Eve \u{1b}]52;c;ZXZpbA==\u{7}Elm\u{9b}2J \u{202e}",
        ..mentee_member("x", &[("journal", Some(Intro))])
    };
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("evil.json"),
        encode(&submission(&evil, WINDOW, 10)),
    )
    .unwrap();
    let unsafe_char = |s: &str| {
        s.chars()
            .any(|c| c.is_control() && c != '\n' || c == '\u{202e}')
    };
    for format in ["md", "csv", "json"] {
        let out = d
            .cmd()
            .args(["collate", "--year", WINDOW, "--format", format])
            .arg(&root)
            .assert()
            .success();
        let piped = stdout(&out);
        if format != "json" {
            assert!(!unsafe_char(&piped), "{format} to a pipe: {piped:?}");
        }
        let file = d.path(&format!("../report.{format}"));
        d.cmd()
            .args(["collate", "--year", WINDOW, "--format", format, "-o"])
            .arg(&file)
            .arg(&root)
            .assert()
            .success();
        let written = std::fs::read_to_string(&file).unwrap();
        assert!(!unsafe_char(&written), "{format} file: {written:?}");
        assert!(written.contains("Elm"), "{written}");
    }
}

#[test]
fn a_fifo_among_the_submissions_is_skipped_not_waited_on() {
    let d = Data::new();
    let root = d.path("../folder");
    std::fs::create_dir_all(&root).unwrap();
    let fifo = root.join("stuck.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = d
        .cmd()
        .timeout(std::time::Duration::from_secs(20))
        .args(["collate", "--format", "json"])
        .arg(&root)
        .assert()
        .success();
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        v["skipped"][0]["reason"].as_str().unwrap().contains("FIFO"),
        "{v}"
    );
}

#[test]
fn two_coordinators_adding_at_once_lose_no_action() {
    let d = Data::new();
    let children: Vec<_> = (0..8)
        .map(|i| {
            std::process::Command::new(super::util::bin())
                .env("MENTORPLAN_DATA_DIR", &d.dir)
                .env("MENTORPLAN_TODAY", TODAY)
                .args(["concordat", "add", "--obligation", "PCDR1", "--action"])
                .arg(format!("Action {i}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    super::util::all_succeed(children);
    let v = d.json("concordat.json");
    let mut actions: Vec<&str> = v["concordat"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    actions.sort();
    assert_eq!(
        actions,
        (0..8).map(|i| format!("Action {i}")).collect::<Vec<_>>()
    );
}

#[test]
fn the_coordinators_commands_refuse_a_mentees_record() {
    let d = Data::new();
    d.cmd()
        .args(["mentee", "add", "Ann Ash"])
        .assert()
        .success();
    let folder = d.path("../folder");
    std::fs::create_dir_all(&folder).unwrap();
    for args in [
        vec!["collate", folder.to_str().unwrap()],
        vec!["pair", "--mentors", "/dev/null", folder.to_str().unwrap()],
        vec!["concordat", "list"],
    ] {
        let e = d
            .cmd()
            .args(["--mentee", "Ann Ash"])
            .args(&args)
            .assert()
            .code(2);
        assert!(
            stderr(&e).contains("do not take it"),
            "{args:?}: {}",
            stderr(&e)
        );
    }
    assert!(!d.path("mentees").join("concordat.json").exists());
}

/// A trial's collation showed "-0 (below)" development days for members who had logged none: a
/// total of nothing written as -0. It reads, and is written, as 0.
#[test]
fn a_total_of_no_days_is_zero_not_minus_zero() {
    let d = Data::new();
    let inbox = d.path("../inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let member = Member {
        name: "Zero Days",
        category: None,
        fte: 100,
        areas: &[],
        sessions: &[],
        totals: Some((0, -0.0)),
        impact: &[],
    };
    std::fs::write(
        inbox.join("zero.json"),
        encode(&submission(&member, "2026-28", 1)),
    )
    .unwrap();
    for format in ["md", "csv"] {
        let out = d
            .cmd()
            .args(["collate", "--year", "2026-28", "--format", format])
            .arg(&inbox)
            .assert()
            .success();
        let text = stdout(&out);
        let minus_zero = text.contains("| -0") || text.contains(",-0");
        assert!(!minus_zero, "{format}:\n{text}");
        assert!(
            text.contains("| 0 (below)") || text.contains(",0,"),
            "{format}:\n{text}"
        );
    }
}

/// A trial with `MENTORPLAN_DATA_DIR` set to its own record found the action plan beside its
/// meetings: a data directory that holds a member's record keeps the coordinator's files in its
/// `coordinator/` folder; one kept for them alone holds them itself.
#[test]
fn the_coordinators_files_stay_apart_from_a_members_record() {
    let d = Data::new();
    d.cmd()
        .args(["profile", "set", "--name", "Sam Okafor"])
        .assert()
        .success();
    d.cmd()
        .args([
            "concordat",
            "add",
            "--obligation",
            "PCDR1",
            "--action",
            "Ten days",
        ])
        .assert()
        .success();
    assert!(d.path("coordinator/concordat.json").exists());
    assert!(!d.path("concordat.json").exists());
    let list = stdout(&d.cmd().args(["concordat", "list"]).assert().success());
    assert!(list.contains("Ten days"), "{list}");
    // A directory of the coordinator's alone.
    let c = Data::new();
    c.cmd()
        .args(["concordat", "add", "--obligation", "PCDR1", "--action", "x"])
        .assert()
        .success();
    assert!(c.path("concordat.json").exists());
}
