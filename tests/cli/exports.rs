//! Issue 13: the Word and calendar exports from the command line.

use crate::util::{Data, TODAY, bin};

#[test]
fn docx_to_a_terminal_is_refused_with_a_clear_message() {
    // `script` gives the command a terminal for its standard output, as a user's shell would.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("script(1) is not installed: skipped");
        return;
    }
    let d = Data::new();
    let command = format!(
        "{} export --section checklist --format docx",
        bin().display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("MENTORPLAN_DATA_DIR", &d.dir)
        .env("MENTORPLAN_TODAY", TODAY)
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("a terminal cannot show: give -o FILE"),
        "{shown}"
    );
    assert!(
        !shown.contains("PK"),
        "no document bytes reach the terminal: {shown}"
    );
}

#[test]
fn docx_goes_to_a_pipe_or_a_private_file_as_the_document() {
    use std::os::unix::fs::PermissionsExt;
    let d = Data::new();
    let piped = d
        .cmd()
        .args(["export", "--section", "checklist", "--format", "docx"])
        .assert()
        .success();
    assert!(piped.get_output().stdout.starts_with(b"PK\x03\x04"));
    let file = d.dir.parent().unwrap().join("checklist.docx");
    d.cmd()
        .args(["export", "--section", "checklist", "--format", "docx", "-o"])
        .arg(&file)
        .assert()
        .success();
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(
        bytes,
        piped.get_output().stdout,
        "the same document either way"
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_calendar_of_a_section_without_dates_is_a_usage_error() {
    let d = Data::new();
    d.cmd()
        .args(["export", "--section", "checklist", "--format", "ics"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "choose the plan, the meetings, the agreements or all",
        ));
}

#[test]
fn a_calendar_to_a_pipe_keeps_its_crlf_lines_and_the_15_june_submission() {
    let d = Data::new();
    let out = d
        .cmd()
        .args(["export", "--format", "ics", "--year", "2026-28"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20270615\r\n"), "{text}");
    assert!(
        text.contains("UID:submission-2026-28-2027@mentorplan\r\n"),
        "{text}"
    );
    assert!(text.contains("BEGIN:VALARM\r\n"), "{text}");
}
