//! The shell's conventions: completion scripts, the manual page, and a dumb terminal refused.

use crate::util::Data;
use std::process::Command;

fn stdout_of(data: &Data, args: &[&str]) -> String {
    let out = data.cmd().args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn bash_completion_is_valid_bash_and_knows_the_commands() {
    let data = Data::new();
    let script = stdout_of(&data, &["completions", "bash"]);
    assert!(
        script.contains("plan") && script.contains("merge-file"),
        "{script}"
    );
    let file = data.dir.parent().unwrap().join("mentorplan.bash");
    std::fs::write(&file, &script).unwrap();
    let check = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(
        check.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Nothing was read or made in the data directory: completions need none.
    assert!(!data.dir.exists());
    for shell in ["zsh", "fish"] {
        assert!(stdout_of(&data, &["completions", shell]).contains("mentorplan"));
    }
}

#[test]
fn the_manual_page_renders_with_man() {
    let data = Data::new();
    let page = stdout_of(&data, &["man"]);
    assert!(page.starts_with(".ie") || page.contains(".TH"), "{page}");
    let file = data.dir.parent().unwrap().join("mentorplan.1");
    std::fs::write(&file, &page).unwrap();
    if Command::new("man").arg("--version").output().is_err() {
        eprintln!("SKIPPED the rendering check: `man` is not installed (apt-get install man-db)");
        return;
    }
    let shown = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert!(
        text.contains("SYNOPSIS") && text.contains("mentorplan"),
        "{text}"
    );
}

#[test]
fn a_dumb_terminal_is_refused_as_a_usage_error() {
    let data = Data::new();
    for args in [&[][..], &["meeting"][..]] {
        let out = data
            .cmd()
            .args(args)
            .env("TERM", "dumb")
            .write_stdin("")
            .assert()
            .code(2);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains("TERM=dumb"), "{err}");
    }
    assert!(!data.path("meeting-draft.json").exists());
}
