//! Kills `mentorplan note` with SIGKILL at many moments during its save and checks, after
//! every kill, that the data file parses and holds either the old or the new content: never a
//! mix, never empty, never a stuck lock, and at most the note in flight missing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn notes(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("meetings.json")).expect("meetings.json exists");
    let v: serde_json::Value = serde_json::from_str(&text).expect("meetings.json always parses");
    assert_eq!(v["schema_version"], 2);
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
