//! The real binary in a real terminal (tmux, 80x24): fill in the profile, tick two ACTivator
//! workshops with months, write a key target, quit, and read the files on disk. Skipped, with
//! the reason printed, where tmux is not installed.

#[path = "support/tmux.rs"]
mod tmux;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tmux::{Tmux, open, read, signal, tmux_available, wait_file, wait_process_gone};

#[test]
fn fill_in_a_plan_in_a_real_terminal() {
    let Some((dir, t)) = open("fill-in", &[]) else {
        return;
    };
    t.wait_text("[1 Home]");

    // Profile.
    t.keys(&["2"]);
    t.wait_text("[2 Profile]");
    // The focused field takes the typing at once; Enter confirms and goes to the next.
    for value in ["Jane Smith", "Lecturer in Education", "1.0", "Joe Hope"] {
        t.type_text(value);
        t.keys(&["Enter"]);
        t.wait_text(value);
    }

    // Two ACTivator workshops with intended months: Window, Name, Position, FTE, Mentor, then
    // the first workshop. Esc, then 5: the Plan.
    t.keys(&["Escape", "5"]);
    t.wait_text("ACTivator Workshops");
    t.keys(&["Down", "Down", "Down", "Down", "Down", "y"]);
    // A digit on the Yes / No boxes types the month beside them.
    t.type_text("09/26");
    t.keys(&["Enter", "y"]);
    t.type_text("11/26");
    t.keys(&["Enter"]);
    t.wait_for("both ticks", |s| s.contains("09/26") && s.contains("11/26"));

    // A key target: the last field is the last section; Key Targets is seven above.
    t.keys(&["Escape", "End"]);
    for _ in 0..7 {
        t.keys(&["BTab"]);
    }
    t.wait_text("> Key Targets");
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
    for format in ["md", "txt"] {
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
        // Yes ticked, No not, the month: in both formats, a row of the form's boxes.
        let row = |l: &&str| {
            let compact: String = l.chars().filter(|c| !matches!(c, ' ' | '|')).collect();
            compact.ends_with("☒☐09/26")
        };
        assert!(text.lines().any(|l| row(&l)), "{format}: {text}");
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
    let Some((dir, t)) = open("hup", &[]) else {
        return;
    };
    t.wait_text("[1 Home]");
    t.keys(&["2", "Enter"]);
    t.wait_text("[2 Profile]");
    t.type_text("Siobhán Zoë");
    t.wait_text("Siobhán Zoë");
    let _ = t.cmd(&["kill-server"]);
    wait_file(&dir.path().join("profile.json"), "Siobhán Zoë");
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
    t.wait_text("COMMANDS");
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
    t.answer(&["r"]);
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
    t.keys(&["4", "End", "Up", "a"]);
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

// ---- command-line output to a real terminal ----

/// True, having said so, where tmux is not installed.
fn skipped(test: &str) -> bool {
    let missing = !tmux_available();
    if missing {
        eprintln!("SKIPPED {test}: tmux is not installed");
    }
    missing
}

impl Tmux {
    /// Keeps a pane on screen after its program exits, to read what a command printed: a
    /// placeholder session holds the server while the option is set for every pane after it.
    fn keep_panes(&self) {
        assert!(
            self.cmd(&["new-session", "-d", "-s", "hold", "sleep 60"])
                .status
                .success()
        );
        assert!(
            self.cmd(&["set-option", "-g", "remain-on-exit", "on"])
                .status
                .success()
        );
    }
}

/// Issue 10: JSON to a terminal wrote C1 controls (U+009B is CSI), DEL and bidi overrides raw.
#[test]
fn json_to_a_terminal_shows_control_characters_as_escapes() {
    if skipped("json_to_a_terminal_shows_control_characters_as_escapes") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = mentorplan(dir.path(), &["note", "a\u{9b}2Jb\u{7f}c\u{202E}d"]);
    assert!(out.status.success(), "{out:?}");
    let t = Tmux::new("json");
    t.keep_panes();
    t.start(
        dir.path(),
        &["export", "--section", "meetings", "--format", "json"],
    );
    let screen = t.wait_text("\\u009B");
    assert!(
        screen.contains("a\\u009B2Jb\\u007Fc\\u202Ed"),
        "each as an escape: {screen}"
    );
}

/// Issue 10: a note given as arguments is readable by every user in /proc/*/cmdline.
/// `mentorplan note` on a terminal asks for the text instead; an empty line ends it.
#[test]
fn note_without_text_on_a_terminal_prompts_for_lines() {
    if skipped("note_without_text_on_a_terminal_prompts_for_lines") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::new("note");
    t.keep_panes();
    t.start(dir.path(), &["note"]);
    t.wait_text("An empty line (or Ctrl-D) ends it");
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", t.pid())).unwrap();
    t.type_text("Confidential: first line");
    t.keys(&["Enter"]);
    t.type_text("second line");
    t.keys(&["Enter", "Enter"]);
    let saved = wait_file(&dir.path().join("meetings.json"), "second line");
    assert!(
        saved.contains("Confidential: first line\\nsecond line"),
        "both lines, in one note: {saved}"
    );
    t.wait_text("Noted in the meeting of");
    assert!(
        !String::from_utf8_lossy(&cmdline).contains("Confidential"),
        "the text never was in the arguments"
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
        .replace(&record, chrono::Utc::now())
        .unwrap();
    let t = Tmux::new("compare");
    t.start(dir, &[]);
    t.wait_text("[1 Home]");
    t.keys(&["5"]);
    t.wait_text("[5 Plan]");
    // The Plan's first row is a choice, which takes letters: Esc, then c.
    t.keys(&["Escape", "c"]);
    t.wait_text("Changes from 2021-23 to 2026-28");
    // Esc and nothing after it.
    t.keys(&["Escape"]);
    t.wait_for("the plan back", |s| {
        !s.contains("Changes from") && s.contains("About You")
    });
    // Back on the window's row, a choice: Esc, then q.
    t.keys(&["Escape", "q"]);
    t.wait_gone();
}

/// Issue 10: Ctrl-Z did nothing, and a SIGTSTP then `fg` left the terminal in line mode with
/// echo, drawn over garbled. Both suspend as every full-screen program does, and `fg` brings
/// the screen back whole, typing as before.
#[test]
fn ctrl_z_and_sigtstp_suspend_to_the_shell_and_fg_comes_back() {
    if !tmux_available() {
        eprintln!(
            "SKIPPED ctrl_z_and_sigtstp_suspend_to_the_shell_and_fg_comes_back: tmux is not installed"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::new("suspend");
    let shell =
        "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=screen PS1='shell$ ' bash --norc --noprofile";
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
            shell
        ])
        .status
        .success()
    );
    t.wait_text("shell$");
    t.type_text(&format!(
        "MENTORPLAN_DATA_DIR={} MENTORPLAN_TODAY=2026-11-23 NO_COLOR=1 {}",
        dir.path().display(),
        env!("CARGO_BIN_EXE_mentorplan")
    ));
    t.keys(&["Enter"]);
    t.wait_text("[1 Home]");
    t.keys(&["2"]);
    t.wait_text("TYPING");
    t.type_text("Ada");
    // Ctrl-Z while typing: the shell comes back, what was typed is saved first.
    t.keys(&["C-z"]);
    t.wait_for("the shell", |s| {
        s.contains("Stopped") && s.contains("shell$")
    });
    let saved = std::fs::read_to_string(dir.path().join("profile.json")).unwrap_or_default();
    assert!(saved.contains("Ada"), "saved before stopping: {saved}");
    // The terminal is the shell's again: what is typed echoes, line by line.
    t.type_text("echo back-in-the-shell");
    t.keys(&["Enter"]);
    t.wait_text("back-in-the-shell\n");
    t.type_text("fg");
    t.keys(&["Enter"]);
    t.wait_for("the screen back", |s| {
        s.contains("[2 Profile]") && s.contains("TYPING")
    });
    t.type_text(" Lovelace");
    t.wait_text("Ada Lovelace");
    // SIGTSTP from outside (a job-control shell, or kill -TSTP): the same.
    // The program is the shell's child in this pane (and no other mentorplan on the machine).
    let pid = {
        let out = t.cmd(&["list-panes", "-t", "mp", "-F", "#{pane_pid}"]);
        let shell_pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let out = Command::new("pgrep")
            .args(["-P", &shell_pid, "-x", "mentorplan"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert!(
        !pid.is_empty() && !pid.contains('\n'),
        "one program: {pid:?}"
    );
    assert!(
        Command::new("kill")
            .args(["-TSTP", &pid])
            .status()
            .unwrap()
            .success()
    );
    t.wait_for("the shell again", |s| {
        s.matches("Stopped").count() >= 1 && s.trim_end().ends_with("shell$")
    });
    t.type_text("fg");
    t.keys(&["Enter"]);
    t.wait_for("the screen back again", |s| {
        s.contains("[2 Profile]") && s.contains("Ada Lovelace")
    });
    t.keys(&["Escape", "q"]);
    t.wait_text("shell$");
    let p = read(dir.path(), "profile.json");
    assert_eq!(p["profile"]["name"], "Ada Lovelace", "{p}");
}
