//! Issue 10: nothing from data reaches the terminal raw, on any path, error messages included.

use crate::util::Data;

/// OSC 52 (set the clipboard) and a retitle, as an attacker's imported file carries them.
const OSC: &str = "\u{1b}]52;c;aGk=\u{7}\u{1b}]0;PWNED\u{7}";
/// Clear screen, a C1 CSI, DEL and bidi controls (the Arabic letter mark among them).
const EVIL: &str = "a\u{1b}[2Jb\u{9b}31mc\u{7f}d\u{202E}e\u{61C}f";

/// No control character but line breaks, and no bidi control, in what a command printed.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && (c.is_control() || "\u{202E}\u{61C}".contains(c)))
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?} raw: {text}");
}

fn run_clean(d: &Data, args: &[&str]) -> std::process::Output {
    let out = d.cmd().args(args).output().unwrap();
    assert_clean(&format!("{args:?} stdout"), &out.stdout);
    assert_clean(&format!("{args:?} stderr"), &out.stderr);
    out
}

#[test]
fn an_escape_in_an_unreadable_file_is_not_echoed_by_any_command() {
    let d = Data::new();
    let meetings = serde_json::json!({
        "schema_version": 2,
        "meetings": {"actions": [{
            "id": "9229f6f2-5730-4255-a17a-9f2b42ea0209",
            "activity": "x",
            "status": OSC,
        }], "meetings": []}
    });
    d.write("meetings.json", &meetings.to_string());
    let file = d.dir.parent().unwrap().join("evil.json");
    let bundle =
        serde_json::json!({"schema_version": 2, "record": {"meetings": meetings["meetings"]}});
    std::fs::write(&file, bundle.to_string()).unwrap();
    let out = run_clean(&d, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("PWNED"),
        "still says what it read"
    );
    for args in [
        &["status"][..],
        &["note", "hello"],
        &["action", "list"],
        &["export", "--section", "meetings"],
        &["export", "--section", "meetings", "--format", "json"],
        &["check"],
    ] {
        run_clean(&d, args);
    }
}

#[test]
fn escapes_in_data_names_and_catalogues_are_made_visible() {
    let d = Data::new();
    for args in [
        &["note", EVIL][..],
        &["action", "add", "--activity", EVIL],
        &["meeting", "log", "--minutes", "30", "--notes", EVIL],
        &["agreement", "add", "--mentor", EVIL],
        &["mentee", "add", EVIL],
        &["--mentee", EVIL, "status"],
        &["--mentee", "\u{1b}[2Jnobody", "status"],
        &["status"],
        &["action", "list"],
        &["meeting", "list"],
        &["agreement", "list"],
        &["mentee", "list"],
        &["export", "--section", "all", "--include-confidential"],
        &["export", "--section", "meetings", "--format", "txt"],
        &["check"],
    ] {
        run_clean(&d, args);
    }
    let catalog = d.dir.parent().unwrap().join("catalog.json");
    std::fs::write(
        &catalog,
        format!("{{\"{}\": 1}}", EVIL.replace('\u{1b}', "\\u001b")),
    )
    .unwrap();
    let out = run_clean(&d, &["--catalog", catalog.to_str().unwrap(), "status"]);
    assert!(!out.status.success());
    // Written to a file or a pipe, JSON keeps the exact data.
    let file = d.dir.parent().unwrap().join("record.json");
    d.cmd()
        .args(crate::util::WHOLE_RECORD_JSON)
        .args(["-o", file.to_str().unwrap()])
        .assert()
        .success();
    let exact = std::fs::read_to_string(&file).unwrap();
    assert!(
        exact.contains("b\u{9b}31mc\u{7f}d\u{202E}e\u{61C}f"),
        "{exact}"
    );
    let piped = d
        .cmd()
        .args(crate::util::WHOLE_RECORD_JSON)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), exact);
}
