//! The real binary in tmux at 80x24, for the end-to-end tests: start it as the pane's own
//! command, type, read the screen, signal it. Shared by the tmux test binaries.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "mp"];
        args.extend(keys);
        assert!(self.cmd(&args).status.success());
    }

    /// Answers a question the program asks: a person reads it first, and the program ignores
    /// keys typed in the first moments after a question appears (typed ahead, not answers).
    pub fn answer(&self, keys: &[&str]) {
        std::thread::sleep(Duration::from_millis(400));
        self.keys(keys);
    }

    /// Sends bytes exactly as given, in one command (so they reach the pane together).
    pub fn bytes(&self, bytes: &[u8]) {
        let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut args = vec!["send-keys", "-t", "mp", "-H"];
        args.extend(hex.iter().map(String::as_str));
        assert!(self.cmd(&args).status.success());
    }

    /// The first line (the tab bar) and the last (the status bar).
    pub fn bars(&self) -> (String, String) {
        let s = self.screen();
        let lines: Vec<&str> = s.lines().collect();
        (
            lines.first().unwrap_or(&"").to_string(),
            lines.last().unwrap_or(&"").to_string(),
        )
    }

    pub fn type_text(&self, text: &str) {
        assert!(
            self.cmd(&["send-keys", "-t", "mp", "-l", text])
                .status
                .success()
        );
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "mp"]).stdout).into_owned()
    }

    /// Polls the screen until `pred` holds (never a fixed long sleep).
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    pub fn running(&self) -> bool {
        self.cmd(&["has-session", "-t", "mp"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Our own server, on our own socket: nothing else is touched.
        let _ = self.cmd(&["kill-server"]);
    }
}

pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn read(dir: &Path, rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Waits until the file holds `text` (the program saves on its way out).
pub fn wait_file(path: &Path, text: &str) -> String {
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
    pub fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("mentorplan-{name}-{}", std::process::id()),
        }
    }

    /// Runs the binary itself as the pane's command (no shell between), so that the pane's
    /// pid is the program's.
    pub fn start(&self, dir: &Path, args: &[&str]) {
        self.start_env(dir, &[], args);
    }

    /// As `start`, with more environment (`EDITOR=...`).
    pub fn start_env(&self, dir: &Path, env: &[&str], args: &[&str]) {
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
        ];
        for e in env {
            cmd.extend(["-e", e]);
        }
        cmd.push(env!("CARGO_BIN_EXE_mentorplan"));
        cmd.extend(args);
        let out = self.cmd(&cmd);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The program's pid, checked to be mentorplan itself and not a shell.
    pub fn pid(&self) -> u32 {
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

    pub fn wait_gone(&self) {
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

pub fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

pub fn wait_process_gone(pid: u32) {
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

/// A data directory and the program started in tmux on it; `None` (having said why)
/// where tmux is not installed.
pub fn open(name: &str, args: &[&str]) -> Option<(tempfile::TempDir, Tmux)> {
    if !tmux_available() {
        eprintln!("SKIPPED {name}: tmux is not installed");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::new(name);
    t.start(dir.path(), args);
    Some((dir, t))
}
