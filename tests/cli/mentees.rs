//! The mentor's side: a record per mentee, at most four at a time.

use crate::util::{Data, mode, stderr, stdout};
use predicates::str::contains;

#[test]
fn a_mentor_keeps_a_separate_record_per_mentee_and_a_fifth_is_refused() {
    let d = Data::new();
    for name in ["Siobhán Ní Bhriain", "Zoë Adams", "李华", "Sam Patel"] {
        d.cmd().args(["mentee", "add", name]).assert().success();
    }
    d.cmd()
        .args(["mentee", "add", "Fifth Person"])
        .assert()
        .code(1)
        .stderr(contains("Mentors can take on a maximum of four mentees"));
    // Accent-free prefixes find a mentee; their notes land in their own record.
    d.cmd()
        .args(["--mentee", "zoe", "note", "Talked about journals"])
        .assert()
        .success();
    d.cmd()
        .args(["--mentee", "zoe", "meeting", "log", "--minutes", "45"])
        .assert()
        .success();
    assert!(d.path("mentees/zoe-adams/meetings.json").exists());
    assert!(
        !d.path("meetings.json").exists(),
        "the mentor's own record is untouched"
    );
    assert_eq!(mode(&d.path("mentees/zoe-adams")), 0o700);
    assert_eq!(mode(&d.path("mentees.json")), 0o600);
    d.cmd()
        .args(["--mentee", "Zoë", "status"])
        .assert()
        .success()
        .stdout(contains("Mentee:    Zoë Adams"))
        .stdout(contains("45 min of 6 h"));
    let list = stdout(&d.cmd().args(["mentee", "list"]).assert().success());
    assert!(
        list.contains("Zoë Adams") && list.contains("45 min of 6 h"),
        "{list}"
    );
    // Ending a relationship frees a place and keeps the record.
    d.cmd().args(["mentee", "end", "sam"]).assert().success();
    d.cmd()
        .args(["mentee", "add", "Fifth Person"])
        .assert()
        .success();
    assert!(stdout(&d.cmd().args(["mentee", "list"]).assert().success()).contains("ended"));
}

#[test]
fn unknown_or_ambiguous_mentees_are_explained() {
    let d = Data::new();
    d.cmd()
        .args(["--mentee", "x", "status"])
        .assert()
        .code(1)
        .stderr(contains("none yet (`mentorplan mentee add NAME`)"));
    d.cmd().args(["mentee", "add", "Sam A"]).assert().success();
    d.cmd().args(["mentee", "add", "Sam B"]).assert().success();
    d.cmd()
        .args(["--mentee", "sam", "note", "x"])
        .assert()
        .code(1)
        .stderr(contains("matches several mentees (Sam A, Sam B)"));
    d.cmd()
        .args(["mentee", "add", "sam a"])
        .assert()
        .code(1)
        .stderr(contains("already a mentee called"));
}

/// A trial's mentees all showed "since" the day they were added, beside meetings dated weeks
/// before: `--since` records when the mentoring began; a date to come is refused.
#[test]
fn a_mentee_can_be_added_with_the_date_the_mentoring_began() {
    let d = Data::new();
    d.cmd()
        .args(["mentee", "add", "Zoë Adams", "--since", "2026-09-01"])
        .assert()
        .success();
    let list = stdout(&d.cmd().args(["mentee", "list"]).assert().success());
    assert!(list.contains("2026-09-01"), "{list}");
    let out = d
        .cmd()
        .args(["mentee", "add", "Ravi Patel", "--since", "2030-01-01"])
        .assert()
        .code(2);
    assert!(stderr(&out).contains("--since"), "{}", stderr(&out));
    let list = stdout(&d.cmd().args(["mentee", "list"]).assert().success());
    assert!(!list.contains("Ravi"), "{list}");
}
