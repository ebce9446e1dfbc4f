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
    let t = Tmux::new("hup");
    t.start(dir.path(), &[]);
    t.wait_text("[1 Home]");
    t.keys(&["2", "Enter"]);
    t.wait_text("[2 Profile]");
    t.type_text("Siobhán Zoë");
    t.wait_text("Siobhán Zoë");
    let _ = t.cmd(&["kill-server"]);
    wait_file(&dir.path().join("profile.json"), "Siobhán Zoë");
}

/// Waits until the file holds `text` (the program saves on its way out).
fn wait_file(path: &Path, text: &str) -> String {
    let start = Instant::now();
    loop {
        let saved = std::fs::read_to_string(path).unwrap_or_default();
        if saved.contains(text) {
            return saved;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{} lacks {text:?}: {saved}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

// ---- live meeting mode ----

impl Tmux {
    fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("mentorplan-{name}-{}", std::process::id()),
        }
    }

    /// Runs the binary itself as the pane's command (no shell between), so that the pane's
    /// pid is the program's.
    fn start(&self, dir: &Path, args: &[&str]) {
        let data = format!("MENTORPLAN_DATA_DIR={}", dir.display());
        let mut cmd = vec![
            "new-session",
            "-d",
            "-s",
            "mp",
            "-x",
            "80",
            "-y",
            "24",
            "-e",
            &data,
            "-e",
            "MENTORPLAN_TODAY=2026-11-23",
            "-e",
            "NO_COLOR=1",
            env!("CARGO_BIN_EXE_mentorplan"),
        ];
        cmd.extend(args);
        let out = self.cmd(&cmd);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The program's pid, checked to be mentorplan itself and not a shell.
    fn pid(&self) -> u32 {
        let out = self.cmd(&["list-panes", "-t", "mp", "-F", "#{pane_pid}"]);
        let pid: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap();
        assert_eq!(
            comm.trim(),
            "mentorplan",
            "the pane runs the program directly"
        );
        pid
    }

    fn wait_gone(&self) {
        let start = Instant::now();
        while self.running() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "still running:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

fn wait_process_gone(pid: u32) {
    let start = Instant::now();
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // Gone, or a zombie waiting for tmux to reap it.
        if stat.is_empty()
            || stat
                .rsplit(')')
                .next()
                .is_some_and(|r| r.trim_start().starts_with('Z'))
        {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{pid} still running"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mentorplan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mentorplan"))
        .args(args)
        .env("MENTORPLAN_DATA_DIR", dir)
        .env("MENTORPLAN_TODAY", "2026-11-23")
        .output()
        .unwrap()
}

fn todays_meeting(dir: &Path) -> serde_json::Value {
    let m = read(dir, "meetings.json");
    let list = m["meetings"]["meetings"].as_array().unwrap().clone();
    assert_eq!(list.len(), 1, "one meeting: {m}");
    list[0].clone()
}

/// Ends the meeting shown (with `minutes` typed over the time so far, if given) and quits.
fn end_meeting_and_quit(t: &Tmux, minutes: Option<&str>) {
    t.keys(&["Escape"]);
    t.wait_text("e end");
    t.keys(&["e"]);
    t.wait_text("End the meeting");
    if let Some(m) = minutes {
        t.keys(&["BSpace", "BSpace", "BSpace", "BSpace"]);
        t.type_text(m);
    }
    t.keys(&["Enter"]);
    t.wait_text("Meeting recorded");
    t.keys(&["q"]);
    t.wait_gone();
}

/// Starts `mentorplan meeting`, types notes, interrupts the program with `interrupt` (given
/// its pid), then restarts, resumes, adds to the notes and ends the meeting with 50 minutes:
/// every note typed before the interruption must be in the record.
fn interrupted_meeting_is_resumed(
    name: &str,
    typed: &str,
    interrupt: impl FnOnce(&Tmux, &Path, u32),
) {
    if !tmux_available() {
        eprintln!("SKIPPED {name}: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let t = Tmux::new(name);
    meeting_with_notes(&t, dir, typed);
    let pid = t.pid();
    interrupt(&t, dir, pid);
    wait_process_gone(pid);
    let _ = t.cmd(&["kill-server"]);
    let draft = std::fs::read_to_string(dir.join("meeting-draft.json")).unwrap();
    assert!(
        draft.contains(&serde_json::to_string(typed).unwrap()),
        "{draft}"
    );

    t.start(dir, &["meeting"]);
    t.wait_text("An interrupted meeting");
    t.keys(&["r"]);
    t.wait_for("the notes resumed", |s| {
        s.contains("Notes (saved as you type)") && s.contains(typed) && !s.contains("interrupted")
    });
    t.type_text(" Resumed.");
    t.wait_text("Resumed.");
    end_meeting_and_quit(&t, Some("50"));
    assert!(!dir.join("meeting-draft.json").exists(), "draft removed");
    let m = todays_meeting(dir);
    assert_eq!(m["minutes"], 50, "{m}");
    assert_eq!(m["notes"], format!("{typed} Resumed."), "{m}");
}

/// Starts `mentorplan meeting` and types notes.
fn meeting_with_notes(t: &Tmux, dir: &Path, typed: &str) {
    t.start(dir, &["meeting"]);
    t.wait_text("Notes (saved as you type)");
    t.type_text(typed);
    t.wait_text(typed);
}

#[test]
fn a_meeting_killed_with_sigkill_is_resumed_with_its_notes() {
    let typed = "Mentor suggests BJET; Zoë’s idea – SIG";
    interrupted_meeting_is_resumed("sigkill", typed, |_, dir, pid| {
        // SIGKILL gives no chance to save: what counts is what the draft already has.
        wait_file(&dir.join("meeting-draft.json"), "SIG\"");
        signal(pid, "-KILL");
    });
}

#[test]
fn a_meeting_hung_up_with_sighup_is_resumed_with_its_notes() {
    // At once, before the half-second draft write: the hang-up itself must save it.
    interrupted_meeting_is_resumed(
        "sighup",
        "Typed just before the link dropped",
        |_, _, pid| signal(pid, "-HUP"),
    );
}

#[test]
fn a_meeting_whose_terminal_vanished_is_resumed_with_its_notes() {
    // The pty closes; tmux sends no SIGHUP to the program here.
    interrupted_meeting_is_resumed("vanish", "Typed before tmux went away", |t, _, _| {
        let _ = t.cmd(&["kill-server"]);
    });
}

#[test]
fn a_note_from_another_shell_shows_in_the_meeting_and_both_are_kept() {
    if !tmux_available() {
        eprintln!("SKIPPED: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::new("note");
    meeting_with_notes(&t, dir.path(), "Typed here");
    let out = mentorplan(dir.path(), &["note", "Abstract accepted at BERA"]);
    assert!(out.status.success(), "{out:?}");
    let s = t.wait_text("Abstract accepted at BERA");
    assert!(s.contains("Also noted"), "{s}");
    assert!(s.contains("Typed here"), "the typing is untouched:\n{s}");
    t.type_text(", and more");
    t.wait_text("Typed here, and more");
    end_meeting_and_quit(&t, None);
    let m = todays_meeting(dir.path());
    assert_eq!(
        m["notes"], "Typed here, and more\nAbstract accepted at BERA",
        "{m}"
    );
}

#[test]
fn twenty_concurrent_notes_all_land_while_a_meeting_is_open() {
    if !tmux_available() {
        eprintln!("SKIPPED: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::new("many");
    meeting_with_notes(&t, dir.path(), "Live notes");
    let children: Vec<_> = (1..=20)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_mentorplan"))
                .args(["note", &format!("concurrent note {i:02}")])
                .env("MENTORPLAN_DATA_DIR", dir.path())
                .env("MENTORPLAN_TODAY", "2026-11-23")
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let notes = todays_meeting(dir.path())["notes"]
        .as_str()
        .unwrap()
        .to_string();
    for i in 1..=20 {
        assert!(
            notes.contains(&format!("concurrent note {i:02}")),
            "{i}: {notes}"
        );
    }
    // The open meeting shows the newest and still holds its own typing.
    t.wait_text("concurrent note");
    t.type_text(" go on");
    t.wait_text("Live notes go on");
    end_meeting_and_quit(&t, None);
    let m = todays_meeting(dir.path());
    let notes = m["notes"].as_str().unwrap();
    assert!(notes.starts_with("Live notes go on\n"), "{notes}");
    assert_eq!(notes.matches("concurrent note").count(), 20, "{notes}");
}

#[test]
fn a_note_from_another_shell_survives_the_open_meeting_notes() {
    if !tmux_available() {
        eprintln!("SKIPPED: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    assert!(mentorplan(dir, &["note", "First note"]).status.success());
    let t = Tmux::new("notes-open");
    t.start(dir, &[]);
    t.wait_text("[1 Home]");
    // The meetings list, today's meeting, its notes open for typing.
    t.keys(&["4", "G", "k", "a"]);
    t.wait_text("Meeting of today");
    t.keys(&["Enter"]);
    t.type_text("Typed here");
    t.wait_text("Typed here");
    let out = mentorplan(dir, &["note", "From the second shell"]);
    assert!(out.status.success(), "{out:?}");
    t.wait_text("Reloaded");
    t.type_text(" and more");
    t.wait_text("Typed here and more");
    t.keys(&["Escape"]);
    t.wait_text("From the second shell");
    t.keys(&["q"]);
    t.wait_gone();
    let m = todays_meeting(dir);
    assert_eq!(
        m["notes"], "First note\nTyped here and more\nFrom the second shell",
        "{m}"
    );
}

/// Issue 9: Esc on the Plan's comparison left it on screen until another key was pressed.
#[test]
fn esc_leaves_the_plan_comparison_at_once_in_a_real_terminal() {
    use mentorplan::calendar::PlanWindow;
    use mentorplan::model::{Plan, Record};
    if !tmux_available() {
        eprintln!("SKIPPED: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut record = Record::default();
    for (year, text) in [(2021, "Write the BERA paper."), (2026, "Submit it.")] {
        let mut p = Plan::new(PlanWindow(year), Default::default());
        p.sections.insert("key-targets".into(), text.into());
        record.plans.insert(PlanWindow(year), p);
    }
    mentorplan::storage::Store::new(dir)
        .replace(&record)
        .unwrap();
    let t = Tmux::new("compare");
    t.start(dir, &[]);
    t.wait_text("[1 Home]");
    t.keys(&["5"]);
    t.wait_text("[5 Plan]");
    t.keys(&["c"]);
    t.wait_text("Changes from 2021-23 to 2026-28");
    // Esc and nothing after it.
    t.keys(&["Escape"]);
    t.wait_for("the plan back", |s| {
        !s.contains("Changes from") && s.contains("About You")
    });
    t.keys(&["q"]);
    t.wait_gone();
}
