//! Issue 9, in the real binary at 80x24 in tmux: typing always types, and nothing typed is ever
//! lost. Every printable ASCII character typed into every kind of field on every screen is
//! text (the screen stays, the record holds exactly what was typed); Esc and a key sent as one
//! write are Esc, then that key; pastes, bracketed or not, are text; a SIGKILL during steady
//! typing loses at most the last half second; a text saved in `$EDITOR` survives a lost
//! terminal. Skipped, with the reason printed, where tmux is not installed.

#[path = "support/tmux.rs"]
mod tmux;

use std::path::Path;
use std::time::{Duration, Instant};
use tmux::{Tmux, open, read, signal, tmux_available, wait_process_gone};

/// Every printable ASCII character, the space in the middle (a field's value is trimmed at
/// its ends, as a form does).
fn printable() -> String {
    let mut s: String = (0x21u8..0x7f).map(char::from).collect();
    s.insert(40, ' ');
    s
}

/// Types `text` as keys (hex, so that tmux interprets nothing) and waits until its tail shows.
fn type_exactly(t: &Tmux, text: &str) {
    t.bytes(text.as_bytes());
    std::thread::sleep(Duration::from_millis(150));
}

/// Presses Tab until the row marked `> label` has the focus.
fn tab_to(t: &Tmux, label: &str) {
    let marker = format!("> {label}");
    for _ in 0..80 {
        if t.screen().lines().any(|l| l.starts_with(&marker)) {
            return;
        }
        t.keys(&["Tab"]);
        std::thread::sleep(Duration::from_millis(40));
    }
    panic!("never reached {label}:\n{}", t.screen());
}

/// After typing: the same screen is shown, still typing, and nothing else happened.
fn still_typing_on(t: &Tmux, tab: &str) {
    let (top, bottom) = t.bars();
    assert!(
        top.contains(tab),
        "the screen changed: {top}\n{}",
        t.screen()
    );
    assert!(
        bottom.contains("TYPING"),
        "not typing any more: {bottom}\n{}",
        t.screen()
    );
}

fn save_and_quit(t: &Tmux) {
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(100));
    t.keys(&["q"]);
    let s = t.wait_for("quit or a question", |s| {
        s.contains("Quit anyway?") || !t.running()
    });
    if s.contains("Quit anyway?") {
        // A refused value (the FTE, a month) is named before quitting; the rest is saved.
        t.answer(&["y"]);
    }
    t.wait_gone();
}

#[test]
fn every_printable_key_in_every_kind_of_field_is_text() {
    let Some((dir, t)) = open("printable", &[]) else {
        return;
    };
    let dir = dir.path();
    let all = printable();
    t.wait_text("[1 Home]");

    // Profile: lines of text, then a number (refused, but typed, and nothing else happens).
    t.keys(&["2"]);
    t.wait_text("TYPING");
    type_exactly(&t, &all);
    still_typing_on(&t, "[2 Profile]");
    t.keys(&["Tab"]);
    type_exactly(&t, &all);
    still_typing_on(&t, "[2 Profile]");
    t.keys(&["Tab"]);
    t.wait_text("> FTE");
    type_exactly(&t, &all);
    still_typing_on(&t, "[2 Profile]");
    // Refused on leaving, with the reason; the record keeps no FTE.
    t.keys(&["Escape"]);
    t.wait_text("COMMANDS");
    t.keys(&["Escape", "3"]);
    t.wait_text("[3 Checks]");

    // Checklist: the "Other (please specify)" line.
    t.keys(&["End"]);
    t.wait_text("TYPING");
    type_exactly(&t, &all);
    still_typing_on(&t, "[3 Checks]");
    t.keys(&["Escape", "5"]);
    t.wait_text("[5 Plan]");

    // Plan: a text area (Key Targets), and a month beside Yes / No.
    tab_to(&t, "Key Targets");
    type_exactly(&t, &all);
    still_typing_on(&t, "[5 Plan]");
    t.keys(&["Escape", "Home"]);
    tab_to(&t, "Pitch Perfect");
    t.keys(&["Tab"]);
    t.wait_text("TYPING");
    type_exactly(&t, &all);
    still_typing_on(&t, "[5 Plan]");
    // Refused as a month on leaving; nothing else happened.
    t.keys(&["Escape"]);
    t.keys(&["Escape", "4"]);
    t.wait_text("[4 Meetings]");

    // Meetings: a new action's activity (a line) and outputs (a text area).
    t.keys(&["a"]);
    t.wait_text("TYPING");
    type_exactly(&t, &all);
    still_typing_on(&t, "[4 Meetings]");
    tab_to(&t, "Output");
    type_exactly(&t, &all);
    still_typing_on(&t, "[4 Meetings]");
    t.keys(&["Escape", "Escape"]);

    // A live meeting's notes: Tab is text there too.
    t.keys(&["m"]);
    t.wait_text("Notes (saved as you type)");
    type_exactly(&t, &all);
    t.keys(&["Tab"]);
    type_exactly(&t, &all);
    still_typing_on(&t, "Mentor");
    t.keys(&["Escape", "e"]);
    t.wait_text("End the meeting");
    t.keys(&["Enter"]);
    t.wait_text("Meeting recorded");

    // Development: a new entry's title.
    t.keys(&["7", "a"]);
    t.wait_text("TYPING");
    tab_to(&t, "Title");
    type_exactly(&t, &all);
    still_typing_on(&t, "[7 Dev]");
    t.keys(&["Escape", "Escape"]);

    // Mentoring: a new agreement's mentor.
    t.keys(&["8", "a"]);
    t.wait_text("TYPING");
    type_exactly(&t, &all);
    still_typing_on(&t, "[8 Mentor]");
    t.keys(&["Escape", "Escape"]);

    // Export: the file name (not written).
    t.keys(&["6"]);
    t.wait_text("[6 Export]");
    tab_to(&t, "File");
    type_exactly(&t, &all);
    still_typing_on(&t, "[6 Export]");
    t.keys(&["Escape"]);
    save_and_quit(&t);

    let profile = read(dir, "profile.json");
    assert_eq!(profile["profile"]["name"], all.as_str(), "{profile}");
    assert_eq!(profile["profile"]["position"], all.as_str());
    assert!(profile["profile"].get("fte").is_none_or(|f| f.is_null()));
    let checklist = read(dir, "checklist.json");
    assert!(
        checklist
            .to_string()
            .contains(&serde_json::to_string(&all).unwrap()),
        "{checklist}"
    );
    let plan = read(dir, "plans/2026-28.json");
    assert_eq!(
        plan["plan"]["sections"]["key-targets"],
        all.as_str(),
        "{plan}"
    );
    let meetings = read(dir, "meetings.json");
    let action = &meetings["meetings"]["actions"][0];
    assert_eq!(action["activity"], all.as_str(), "{meetings}");
    assert_eq!(action["outputs"], all.as_str());
    assert_eq!(
        meetings["meetings"]["meetings"][0]["notes"],
        format!("{all}\t{all}").as_str()
    );
    let devlog = read(dir, "devlog.json");
    assert!(
        devlog
            .to_string()
            .contains(&serde_json::to_string(&all).unwrap()),
        "{devlog}"
    );
    let agreements = read(dir, "agreements.json");
    assert!(
        agreements
            .to_string()
            .contains(&serde_json::to_string(&all).unwrap()),
        "{agreements}"
    );
    // Nothing was exported.
    assert!(std::fs::read_dir(dir).unwrap().flatten().all(|e| {
        let n = e.file_name().to_string_lossy().into_owned();
        !n.ends_with(".md") && !n.ends_with(".txt")
    }));
}

#[test]
fn esc_and_a_key_in_one_write_are_esc_then_that_key() {
    let Some((dir, t)) = open("esckey", &[]) else {
        return;
    };
    let dir = dir.path();
    t.wait_text("[1 Home]");
    t.keys(&["2"]);
    t.wait_text("TYPING");
    t.type_text("Ada");
    // Esc and Tab at once: leave Name, type in Position.
    t.bytes(b"\x1b\t");
    t.type_text("Reader");
    // Esc and Down at once (ESC ESC [ B): leave Position, type in FTE.
    t.bytes(b"\x1b\x1b[B");
    t.type_text("0.8");
    // Esc and 5 at once: the Plan, not "5" typed nor Alt-5.
    t.bytes(b"\x1b5");
    t.wait_text("[5 Plan]");
    // Esc and i at once, on the Plan's first row (not text): nothing is typed anywhere.
    t.bytes(b"\x1b2");
    t.wait_text("[2 Profile]");
    save_and_quit(&t);
    let p = read(dir, "profile.json");
    assert_eq!(p["profile"]["name"], "Ada", "{p}");
    assert_eq!(p["profile"]["position"], "Reader");
    assert_eq!(p["profile"]["fte"], 0.8);
}

#[test]
fn pastes_bracketed_or_not_are_text() {
    let Some((dir, t)) = open("paste", &["meeting"]) else {
        return;
    };
    let dir = dir.path();
    t.wait_text("Notes (saved as you type)");
    // Unbracketed: the bytes as typed, a tab and a line break among them (the trial's paste
    // created an action from a tab).
    t.cmd(&["set-buffer", "-b", "p", "one\ttwo a\nthree e"]);
    assert!(
        t.cmd(&["paste-buffer", "-b", "p", "-t", "mp"])
            .status
            .success()
    );
    t.wait_text("three e");
    // Bracketed (the program asks for it): one event, a tab kept as text.
    t.cmd(&["set-buffer", "-b", "q", "\tfour\tq"]);
    assert!(
        t.cmd(&["paste-buffer", "-p", "-b", "q", "-t", "mp"])
            .status
            .success()
    );
    t.wait_text("four");
    still_typing_on(&t, "Mentor");
    t.keys(&["Escape", "e"]);
    t.wait_text("End the meeting");
    t.keys(&["Enter"]);
    t.wait_text("Meeting recorded");
    t.keys(&["q"]);
    t.wait_gone();
    let m = read(dir, "meetings.json");
    assert_eq!(
        m["meetings"]["meetings"][0]["notes"], "one\ttwo a\nthree e\tfour\tq",
        "{m}"
    );
    assert_eq!(
        m["meetings"]["actions"],
        serde_json::json!([]),
        "no action: {m}"
    );
}

/// Types `text` a key every 150 ms, noting when each key was sent; SIGKILLs the program; and
/// returns what was typed up to half a second before the kill.
fn type_steadily_then_kill(t: &Tmux, text: &str) -> String {
    let pid = t.pid();
    let mut sent: Vec<(Instant, char)> = Vec::new();
    for c in text.chars() {
        t.bytes(c.to_string().as_bytes());
        sent.push((Instant::now(), c));
        std::thread::sleep(Duration::from_millis(150));
    }
    let killed = Instant::now();
    signal(pid, "-KILL");
    wait_process_gone(pid);
    let _ = t.cmd(&["kill-server"]);
    sent.iter()
        .filter(|(at, _)| killed.duration_since(*at) >= Duration::from_millis(500))
        .map(|(_, c)| *c)
        .collect()
}

/// 40 characters: 6 s at a key every 150 ms.
const STEADY: &str = "steady typing, never a pause, to the end";

fn restored(t: &Tmux, dir: &Path) {
    t.start(dir, &[]);
    t.wait_text("Restore it?");
    t.answer(&["y"]);
    t.wait_text("Restored");
}

#[test]
fn steady_typing_in_a_plan_text_area_survives_a_sigkill() {
    let Some((dir, t)) = open("kill-area", &[]) else {
        return;
    };
    let dir = dir.path();
    t.wait_text("[1 Home]");
    t.keys(&["5"]);
    t.wait_text("[5 Plan]");
    tab_to(&t, "Key Targets");
    let safe = type_steadily_then_kill(&t, STEADY);
    assert!(safe.len() >= 30, "{safe}");
    restored(&t, dir);
    save_and_quit(&t);
    let plan = read(dir, "plans/2026-28.json");
    let got = plan["plan"]["sections"]["key-targets"]
        .as_str()
        .unwrap_or("");
    assert!(got.starts_with(&safe), "typed {safe:?}, restored {got:?}");
}

#[test]
fn steady_typing_in_a_one_line_field_survives_a_sigkill() {
    let Some((dir, t)) = open("kill-line", &[]) else {
        return;
    };
    let dir = dir.path();
    t.wait_text("[1 Home]");
    t.keys(&["2", "Tab"]);
    t.wait_text("> Position");
    let safe = type_steadily_then_kill(&t, STEADY);
    restored(&t, dir);
    // The text is back in its field, being typed: Enter commits it.
    t.wait_text("> Position");
    t.keys(&["Enter"]);
    save_and_quit(&t);
    let p = read(dir, "profile.json");
    let got = p["profile"]["position"].as_str().unwrap_or("");
    assert!(got.starts_with(&safe), "typed {safe:?}, restored {got:?}");
}

#[test]
fn steady_typing_in_the_action_popup_survives_a_sigkill() {
    let Some((dir, t)) = open("kill-popup", &["meeting"]) else {
        return;
    };
    let dir = dir.path();
    t.wait_text("Notes (saved as you type)");
    t.keys(&["Escape", "a"]);
    t.wait_text("An action agreed now");
    let safe = type_steadily_then_kill(&t, STEADY);
    t.start(dir, &["meeting"]);
    t.wait_text("An interrupted meeting");
    t.answer(&["r"]);
    t.wait_text("An action agreed now");
    t.keys(&["Enter"]);
    t.wait_text("Action added");
    t.keys(&["Escape", "e"]);
    t.wait_text("End the meeting");
    t.keys(&["Enter"]);
    t.wait_text("Meeting recorded");
    t.keys(&["q"]);
    t.wait_gone();
    let m = read(dir, "meetings.json");
    let got = m["meetings"]["actions"][0]["activity"]
        .as_str()
        .unwrap_or("");
    assert!(
        got.starts_with(safe.trim()),
        "typed {safe:?}, restored {got:?}"
    );
}

/// An editor that saves its file and then waits, as a person would before the link drops.
fn waiting_editor(dir: &Path) -> String {
    let editor = dir.join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Written in the editor\\nsecond line\\n' > \"$1\"\nsleep 30\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    format!("EDITOR={}", editor.display())
}

/// Opens Key Targets in the editor and waits until the editor has saved; returns the pid.
fn editor_saved(t: &Tmux, data: &Path, env: &str) -> u32 {
    t.start_env(data, &[env, "VISUAL="], &[]);
    t.wait_text("[1 Home]");
    t.keys(&["5"]);
    t.wait_text("[5 Plan]");
    tab_to(t, "Key Targets");
    let pid = t.pid();
    t.keys(&["C-e"]);
    let start = Instant::now();
    loop {
        assert!(start.elapsed() < Duration::from_secs(10), "no editor file");
        // The data directory itself appears with the first file written.
        let found = std::fs::read_dir(data).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                e.file_name().to_string_lossy().starts_with("editing-")
                    && std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("second line"))
            })
        });
        if found {
            return pid;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts again, restores if asked, quits, and finds the editor's text in the plan.
fn editor_text_is_in_the_plan(t: &Tmux, data: &Path, env: &str) {
    t.start_env(data, &[env], &[]);
    let s = t.wait_for("the start", |s| {
        s.contains("Restore it?") || s.contains("[1 Home]")
    });
    if s.contains("Restore it?") {
        t.answer(&["y"]);
        t.wait_text("Restored");
    }
    save_and_quit(t);
    let plan = read(data, "plans/2026-28.json");
    assert_eq!(
        plan["plan"]["sections"]["key-targets"], "Written in the editor\nsecond line",
        "{plan}"
    );
    let left: Vec<String> = std::fs::read_dir(data)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("editing-") || n.starts_with("typing-"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// An editor that saved its text and waits; the program or its terminal is then lost by
/// `interrupt` (given the program's pid); the next start has the text.
fn editor_text_survives(name: &str, interrupt: impl FnOnce(&Tmux, u32)) {
    if !tmux_available() {
        eprintln!("SKIPPED {name}: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let env = waiting_editor(dir.path());
    let data = dir.path().join("data");
    let t = Tmux::new(name);
    let pid = editor_saved(&t, &data, &env);
    interrupt(&t, pid);
    wait_process_gone(pid);
    let _ = t.cmd(&["kill-server"]);
    editor_text_is_in_the_plan(&t, &data, &env);
}

#[test]
fn text_saved_in_the_editor_survives_a_lost_terminal() {
    // The terminal goes (tmux killed: the pane's session gets a hang-up).
    editor_text_survives("editor-hup", |t, _| {
        let _ = t.cmd(&["kill-server"]);
    });
}

#[test]
fn text_saved_in_the_editor_survives_a_sigkill_of_the_program() {
    editor_text_survives("editor-kill", |_, pid| signal(pid, "-KILL"));
}

/// The fourth trial pressed Esc, then typed on: "quite important" quit at its q. A word that
/// arrives in one read is text (back in the field), never commands; a key alone still is one.
#[test]
fn a_word_typed_in_one_go_after_esc_is_text() {
    let Some((dir, t)) = open("burst", &[]) else {
        return;
    };
    let dir = dir.path();
    t.wait_text("[1 Home]");
    t.keys(&["2"]);
    t.wait_text("TYPING");
    t.type_text("Ada");
    t.keys(&["Escape"]);
    t.wait_text("COMMANDS");
    t.type_text(" quite important");
    t.wait_text("Ada quite important");
    assert!(t.running(), "the q did not quit");
    t.keys(&["Escape"]);
    t.wait_text("COMMANDS");
    t.keys(&["q"]);
    t.wait_gone();
    let p = read(dir, "profile.json");
    assert_eq!(p["profile"]["name"], "Ada quite important", "{p}");
}

/// Issue 13's trials changed what Enter and Space do on a choice and a Yes/No row: the whole
/// printable set typed on such rows still runs no command (the screen stays, no question comes
/// up), then Esc and Enter there keep the answer.
#[test]
fn every_printable_key_on_a_choice_or_a_yes_no_row_runs_nothing() {
    let Some((_dir, t)) = open("printable-choices", &[]) else {
        return;
    };
    let all = printable();
    t.wait_text("[1 Home]");
    t.keys(&["2"]);
    t.wait_text("TYPING");
    tab_to(&t, "Membership");
    type_exactly(&t, &all);
    let (top, _) = t.bars();
    assert!(top.contains("[2 Profile]"), "{}", t.screen());
    assert!(!t.screen().contains("Quit"), "{}", t.screen());
    t.keys(&["Escape", "5"]);
    t.wait_text("[5 Plan]");
    tab_to(&t, "Pitch Perfect");
    type_exactly(&t, &all);
    let (top, _) = t.bars();
    assert!(top.contains("[5 Plan]"), "{}", t.screen());
    assert!(!t.screen().contains("Quit"), "{}", t.screen());
    save_and_quit(&t);
}
