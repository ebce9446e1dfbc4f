//! Kills `mentorplan note` with SIGKILL at many moments during its save and checks, after
//! every kill, that the data file parses and holds either the old or the new content: never a
//! mix, never empty, never a stuck lock, and at most the note in flight missing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn notes(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("meetings.json")).expect("meetings.json exists");
    let v: serde_json::Value = serde_json::from_str(&text).expect("meetings.json always parses");
    assert_eq!(
        v["schema_version"],
        mentorplan::store::schema::SCHEMA_VERSION
    );
    v["meetings"]["meetings"][0]["notes"]
        .as_str()
        .unwrap_or("")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn sigkill_during_saves_never_corrupts_or_loses_a_landed_note() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let bin = env!("CARGO_BIN_EXE_mentorplan");
    let run = |text: &str| {
        Command::new(bin)
            .args(["note", text])
            .env("MENTORPLAN_DATA_DIR", &dir)
            .env("MENTORPLAN_TODAY", "2026-11-23")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(run("n0").wait().unwrap().success());
    let mut expected_min = 1;
    let started = Instant::now();
    let mut kills = 0;
    // A cheap deterministic spread of kill moments from 0 to ~6 ms after spawning.
    let mut delay_us: u64 = 0;
    for i in 1..=200 {
        if started.elapsed() > Duration::from_secs(60) {
            break; // bounded in time on a slow machine; the count is reported below
        }
        let mut child = run(&format!("n{i}"));
        delay_us = (delay_us * 7 + 1_300) % 6_000;
        std::thread::sleep(Duration::from_micros(delay_us));
        let _ = child.kill();
        let landed = child.wait().unwrap().success();
        kills += 1;
        let got = notes(&dir);
        // Every note that reported success is there, in order, each line whole.
        assert!(got.len() >= expected_min, "lost a landed note: {got:?}");
        for (k, line) in got.iter().enumerate() {
            assert!(
                line.starts_with('n') && line[1..].parse::<u32>().is_ok(),
                "torn line {line:?} in {got:?}"
            );
            if k > 0 {
                let prev: u32 = got[k - 1][1..].parse().unwrap();
                let this: u32 = line[1..].parse().unwrap();
                assert!(this > prev, "out of order or duplicated: {got:?}");
            }
        }
        let last: u32 = got.last().unwrap()[1..].parse().unwrap();
        assert!(last <= i, "a note from the future: {got:?}");
        if landed {
            assert_eq!(last, i, "exit 0 but the note is missing");
        }
        expected_min = got.len();
    }
    // The lock is never left held: a normal note still lands promptly.
    assert!(run("final").wait().unwrap().success());
    assert_eq!(notes(&dir).last().map(String::as_str), Some("final"));
    // No temporary files left behind in the data directory.
    let stray: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".meetings.json."))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    eprintln!("{kills} kills survived");
    assert!(kills >= 50, "too few kills ran in the time bound: {kills}");
}

/// Spawns `run(i)` 200 times (bounded in time), kills each at a spread of moments, and after
/// each kill runs a reading command (which finishes a killed save's journal) and calls
/// `check` on the data directory.
fn kill_many(
    dir: &Path,
    mut run: impl FnMut(u32) -> std::process::Child,
    mut check: impl FnMut(u32, bool),
) -> u32 {
    // Kill moments spread over the length of an uninterrupted run, measured here (the slowest
    // of three), so that they fall throughout the save on any machine.
    let mut whole = Duration::ZERO;
    for _ in 0..3 {
        let t = Instant::now();
        assert!(run(0).wait().unwrap().success());
        whole = whole.max(t.elapsed());
    }
    let started = Instant::now();
    let mut kills = 0;
    let (mut landed_count, mut journals) = (0, 0);
    for i in 1..=200 {
        if started.elapsed() > Duration::from_secs(90) {
            break; // bounded in time on a slow machine; the count is reported by the caller
        }
        let mut child = run(i);
        // The fractional parts of multiples of the golden ratio: an even spread over 0..1.2.
        let fraction = (f64::from(i) * 0.618_034).fract() * 1.2;
        std::thread::sleep(whole.mul_f64(fraction));
        let _ = child.kill();
        let landed = child.wait().unwrap().success();
        kills += 1;
        landed_count += u32::from(landed);
        journals += u32::from(dir.join(".journal.json").exists());
        let status = Command::new(env!("CARGO_BIN_EXE_mentorplan"))
            .arg("status")
            .env("MENTORPLAN_DATA_DIR", dir)
            .env("MENTORPLAN_TODAY", "2026-11-23")
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        check(i, landed);
    }
    assert!(
        !dir.join(".journal.json").exists(),
        "a journal left after a command that loads"
    );
    backups_are_whole_copies(dir);
    eprintln!(
        "{kills} kills: {landed_count} saves completed first, {journals} left a journal that the next command finished"
    );
    kills
}

fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
    assert_eq!(
        v["schema_version"],
        mentorplan::store::schema::SCHEMA_VERSION,
        "{}",
        path.display()
    );
    v
}

/// Every backup parses, and none is a hard link to a live file.
fn backups_are_whole_copies(dir: &Path) {
    use std::os::unix::fs::MetadataExt;
    for entry in std::fs::read_dir(dir.join("backups")).into_iter().flatten() {
        let path = entry.unwrap().path();
        if !path.file_name().unwrap().to_string_lossy().starts_with('.') {
            json(&path);
        }
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            assert_eq!(
                std::fs::metadata(&path).unwrap().nlink(),
                1,
                "{} is linked from elsewhere",
                path.display()
            );
        }
    }
}

/// A bundle: profile name, one meeting's notes, one devlog entry, and `plans` plan windows,
/// all marked with `tag`.
fn bundle(tag: &str, plans: &[&str]) -> String {
    let plans: Vec<_> = plans
        .iter()
        .map(|w| serde_json::json!({"window": w, "sections": {"grants": tag}}))
        .collect();
    serde_json::json!({
        "schema_version": 2,
        "record": {
            "profile": {"name": tag},
            "meetings": {"meetings": [{"id": "00000000-0000-0000-0000-000000000001", "date": "2026-10-01", "minutes": 60, "notes": tag}]},
            "devlog": {"entries": [{"id": "00000000-0000-0000-0000-000000000002", "date": "2026-10-01", "title": tag, "provider": "other", "time": {"hours": 1}}]},
            "plans": plans
        }
    })
    .to_string()
}

/// What the data directory holds: the tag of each file, and the plan windows.
fn holdings(dir: &Path) -> (Vec<String>, Vec<String>) {
    let tags = vec![
        json(&dir.join("profile.json"))["profile"]["name"]
            .as_str()
            .unwrap()
            .to_string(),
        json(&dir.join("meetings.json"))["meetings"]["meetings"][0]["notes"]
            .as_str()
            .unwrap()
            .to_string(),
        json(&dir.join("devlog.json"))["devlog"]["entries"][0]["title"]
            .as_str()
            .unwrap()
            .to_string(),
    ];
    let mut windows = Vec::new();
    for e in std::fs::read_dir(dir.join("plans")).into_iter().flatten() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(w) = name
            .strip_suffix(".json")
            .filter(|_| !name.starts_with('.'))
        {
            let v = json(&path);
            assert_eq!(
                v["plan"]["sections"]["grants"], tags[0],
                "plan {w} from another bundle"
            );
            windows.push(w.to_string());
        }
    }
    windows.sort();
    (tags, windows)
}

#[test]
fn sigkill_during_import_replace_leaves_one_bundle_or_the_other_never_a_mix() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let (a, b) = (root.path().join("a.json"), root.path().join("b.json"));
    std::fs::write(&a, bundle("A", &["2021-23", "2023-25", "2025-27"])).unwrap();
    std::fs::write(&b, bundle("B", &[])).unwrap();
    let bin = env!("CARGO_BIN_EXE_mentorplan");
    let import = |file: &Path| {
        Command::new(bin)
            .args(["import", "--replace"])
            .arg(file)
            .env("MENTORPLAN_DATA_DIR", &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(import(&a).wait().unwrap().success());
    let kills = kill_many(
        &dir,
        |i| import(if i % 2 == 0 { &a } else { &b }),
        |i, landed| {
            let (tags, windows) = holdings(&dir);
            assert!(tags.iter().all(|t| *t == tags[0]), "a mix: {tags:?}");
            let expected: &[&str] = if tags[0] == "A" {
                &["2021-23", "2023-25", "2025-27"]
            } else {
                &[]
            };
            assert_eq!(
                windows, expected,
                "bundle {} with plans {windows:?}",
                tags[0]
            );
            if landed {
                assert_eq!(tags[0], if i % 2 == 0 { "A" } else { "B" });
            }
        },
    );
    eprintln!("{kills} kills of import --replace survived");
    assert!(kills >= 50, "too few kills ran in the time bound: {kills}");
}

/// The child of the next test: one save of several files through the library, marked with
/// the number in `MENTORPLAN_CRASH_CHILD`. Does nothing when run as an ordinary test.
#[test]
fn child_multi_file_save() {
    let Ok(i) = std::env::var("MENTORPLAN_CRASH_CHILD") else {
        return;
    };
    use mentorplan::domain::ops::Op;
    let store = mentorplan::store::Store::new(std::env::var("MENTORPLAN_DATA_DIR").unwrap());
    let catalog = mentorplan::domain::catalog::Catalog::ceres();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let profile = mentorplan::domain::model::Profile {
        name: format!("v{i}"),
        ..Default::default()
    };
    let ops = [
        Op::SetProfile(profile),
        Op::SetSection {
            window: mentorplan::domain::calendar::PlanWindow::parse("2026-28").unwrap(),
            section: "grants".into(),
            text: format!("v{i}"),
        },
        Op::AppendNote {
            date,
            text: format!("v{i}"),
            new_id: uuid::Uuid::new_v4(),
        },
        Op::AddDevEntry(mentorplan::domain::model::DevEntry::new(
            date,
            format!("v{i}"),
            "other",
            mentorplan::domain::model::TimeSpent::parse_hours("1").unwrap(),
        )),
    ];
    store.apply(&catalog, &ops, chrono::Utc::now()).unwrap();
}

#[test]
fn sigkill_during_a_save_of_several_files_leaves_all_old_or_all_new() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let me = std::env::current_exe().unwrap();
    let save = |i: u32| {
        Command::new(&me)
            .args(["child_multi_file_save", "--exact", "--test-threads=1"])
            .env("MENTORPLAN_CRASH_CHILD", i.to_string())
            .env("MENTORPLAN_DATA_DIR", &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(save(0).wait().unwrap().success());
    let tags = |dir: &Path| {
        let plan = json(&dir.join("plans/2026-28.json"));
        let notes = json(&dir.join("meetings.json"));
        let devlog = json(&dir.join("devlog.json"));
        let last = |v: &serde_json::Value| v.as_array().unwrap().last().unwrap().clone();
        [
            json(&dir.join("profile.json"))["profile"]["name"].clone(),
            plan["plan"]["sections"]["grants"].clone(),
            serde_json::Value::from(
                notes["meetings"]["meetings"][0]["notes"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .last()
                    .unwrap(),
            ),
            last(&devlog["devlog"]["entries"])["title"].clone(),
        ]
    };
    let kills = kill_many(&dir, save, |i, landed| {
        let got = tags(&dir);
        assert!(got.iter().all(|t| *t == got[0]), "a mix: {got:?}");
        if landed {
            assert_eq!(got[0], format!("v{i}"));
        }
    });
    eprintln!("{kills} kills of a save of four files survived");
    assert!(kills >= 50, "too few kills ran in the time bound: {kills}");
}
