//! The real binary in a real terminal (tmux, 80x24): fill in the profile, tick two ACTivator
//! workshops with months, write a key target, quit, and read the files on disk. Skipped, with
//! the reason printed, where tmux is not installed.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "mp"];
        args.extend(keys);
        assert!(self.cmd(&args).status.success());
    }

    fn type_text(&self, text: &str) {
        assert!(
            self.cmd(&["send-keys", "-t", "mp", "-l", text])
                .status
                .success()
        );
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "mp"]).stdout).into_owned()
    }

    /// Polls the screen until `pred` holds (never a fixed long sleep).
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    fn running(&self) -> bool {
        self.cmd(&["has-session", "-t", "mp"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Our own server, on our own socket: nothing else is touched.
        let _ = self.cmd(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn read(dir: &Path, rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn fill_in_a_plan_in_a_real_terminal() {
    if !tmux_available() {
        eprintln!("SKIPPED fill_in_a_plan_in_a_real_terminal: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_mentorplan");
    let t = Tmux {
        socket: format!("mentorplan-test-{}", std::process::id()),
    };
    let command = format!(
        "env MENTORPLAN_DATA_DIR='{}' MENTORPLAN_TODAY=2026-11-23 NO_COLOR=1 '{bin}'",
        dir.path().display()
    );
    let out = t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "mp",
        "-x",
        "80",
        "-y",
        "24",
        &command,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.wait_text("[1 Home]");

    // Profile.
    t.keys(&["2"]);
    t.wait_text("[2 Profile]");
    for (i, value) in ["Jane Smith", "Lecturer in Education", "1.0", "Joe Hope"]
        .iter()
        .enumerate()
    {
        if i > 0 {
            t.keys(&["Tab"]);
        }
        t.keys(&["Enter"]);
        t.type_text(value);
        t.keys(&["Enter"]);
        t.wait_text(value);
    }

    // Two ACTivator workshops with intended months: Window, Name, Position, FTE, Mentor, then
    // the first workshop.
    t.keys(&["5"]);
    t.wait_text("ACTivator Workshops");
    t.keys(&["j", "j", "j", "j", "j", "Space", "Tab", "Enter"]);
    t.type_text("09/26");
    t.keys(&["Enter", "Tab", "Space", "Tab", "Enter"]);
    t.type_text("11/26");
    t.keys(&["Enter"]);
    t.wait_for("both ticks", |s| s.contains("09/26") && s.contains("11/26"));

    // A key target: the last field is the last section; Key Targets is seven above.
    t.keys(&["G", "k", "k", "k", "k", "k", "k", "k"]);
    t.wait_text("> Key Targets");
    t.keys(&["Enter"]);
    t.type_text("I intend to: write a journal article");
    t.keys(&["Escape"]);
    t.wait_text("I intend to: write a journal article");

    // Quit: saves first, asks nothing.
    t.keys(&["q"]);
    let start = Instant::now();
    while t.running() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still running:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    let profile = read(dir.path(), "profile.json");
    assert_eq!(profile["profile"]["name"], "Jane Smith", "{profile}");
    assert_eq!(profile["profile"]["position"], "Lecturer in Education");
    assert_eq!(profile["profile"]["fte"], 1.0);
    assert_eq!(profile["profile"]["mentors"][0], "Joe Hope");
    let plan = read(dir.path(), "plans/2026-28.json");
    let sessions = &plan["plan"]["sessions"];
    assert_eq!(
        sessions["activator.researcher-support-intro"]["attend"], "yes",
        "{plan}"
    );
    assert_eq!(
        sessions["activator.researcher-support-intro"]["month"],
        "2026-09"
    );
    assert_eq!(sessions["activator.funding-landscape"]["attend"], "yes");
    assert_eq!(sessions["activator.funding-landscape"]["month"], "2026-11");
    assert_eq!(
        plan["plan"]["sections"]["key-targets"],
        "I intend to: write a journal article"
    );
    assert_eq!(plan["plan"]["about"]["name"], "Jane Smith");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(dir.path().join("plans/2026-28.json"))
            .unwrap()
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);

    // What was typed in the interface comes out in the plan a member submits.
    for (format, tick) in [("md", "| [x] | [ ] | 09/26"), ("txt", "[x]  [ ]  09/26")] {
        let out = Command::new(env!("CARGO_BIN_EXE_mentorplan"))
            .args(["export", "--section", "plan", "--format", format])
            .env("MENTORPLAN_DATA_DIR", dir.path())
            .env("MENTORPLAN_TODAY", "2026-11-23")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Research Plan: 2026-28"), "{text}");
        assert!(text.contains("Jane Smith"), "{text}");
        assert!(text.contains(tick), "{format}: {text}");
        assert!(text.contains("11/26"), "{text}");
        assert!(
            text.contains("I intend to: write a journal article"),
            "{text}"
        );
    }
}

/// Closing the terminal while typing (tmux gone, SSH link dropped) saves what was typed, even
/// though no SIGHUP reaches the program.
#[test]
fn a_vanished_terminal_saves_what_was_typed() {
    if !tmux_available() {
        eprintln!("SKIPPED a_vanished_terminal_saves_what_was_typed: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_mentorplan");
    let t = Tmux {
        socket: format!("mentorplan-hup-{}", std::process::id()),
    };
    let command = format!(
        "env MENTORPLAN_DATA_DIR='{}' MENTORPLAN_TODAY=2026-11-23 '{bin}'",
        dir.path().display()
    );
    assert!(
        t.cmd(&[
            "new-session",
            "-d",
            "-s",
            "mp",
            "-x",
            "80",
            "-y",
            "24",
            &command
        ])
        .status
        .success()
    );
    t.wait_text("[1 Home]");
    t.keys(&["4", "m"]);
    t.wait_text("Meeting of 23 November 2026");
    t.type_text("Mentor suggests BJET");
    t.wait_text("Mentor suggests BJET");
    let _ = t.cmd(&["kill-server"]);
    let start = Instant::now();
    loop {
        let saved = std::fs::read_to_string(dir.path().join("meetings.json")).unwrap_or_default();
        if saved.contains("Mentor suggests BJET") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "not saved: {saved}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
