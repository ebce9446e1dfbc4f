//! `mentorplan plan edit`: the whole plan through `$EDITOR`, with scripted editors.

use crate::util::{Data, stderr, stdout};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

const PLAN: &str = "plans/2021-23.json";

/// The seed's example plan in a fresh data directory.
fn jane() -> Data {
    let d = Data::new();
    d.write(
        PLAN,
        include_str!("../fixtures/jane-smith/plans/2021-23.json"),
    );
    d
}

/// An editor: a shell script run with the file's path as `$1`.
fn editor(d: &Data, name: &str, body: &str) -> PathBuf {
    let path = d.path(&format!("../{name}.sh"));
    std::fs::write(&path, format!("#!/bin/sh\nset -e\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
    path
}

fn edit(d: &Data, editor: &PathBuf) -> assert_cmd::assert::Assert {
    d.cmd()
        .args(["plan", "edit", "2021-23"])
        .env_remove("VISUAL")
        .env("EDITOR", editor)
        .write_stdin("")
        .assert()
}

fn editing_files(d: &Data) -> Vec<String> {
    std::fs::read_dir(&d.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("editing-"))
        .collect()
}

#[test]
fn an_editor_that_saves_unchanged_or_quits_changes_nothing_at_all() {
    let d = jane();
    let before = d.read(PLAN);
    for body in [
        "touch \"$1\"",
        "cat \"$1\" > \"$1.copy\"; mv \"$1.copy\" \"$1\"",
        "true",
    ] {
        let out = edit(&d, &editor(&d, "same", body)).success();
        assert!(stdout(&out).contains("No changes"), "{}", stdout(&out));
        assert_eq!(
            d.read(PLAN),
            before,
            "{body}: the file is byte for byte the same"
        );
        assert!(editing_files(&d).is_empty(), "the editor's file is removed");
    }
    assert!(!d.path("backups").exists(), "nothing was saved");
}

#[test]
fn an_edit_of_every_kind_lands_in_the_plan() {
    let d = jane();
    let script = r#"sed -i \
  -e 's/^\*\*Position:\*\* .*/**Position:** Senior Lecturer/' \
  -e 's/^\*\*Fte:\*\* .*/Fte: 0.8/' \
  -e '/^| Pitch Perfect /s/.*/| pitch perfect | [x] | [ ] | 11\/26 |/' \
  -e '/^| Setting up Symplectic /s/.*/| Setting up Symplectic | [ ] | [x] | |/' \
  -e '/^| Attending to You /s/05\/22/Jun 2022/' \
  -e 's/I am a peer reviewer for the PRISM journal (OJS)/I review for PRISM/' \
  -e '/^I’m beginning my interest in research/d' \
  "$1""#;
    let out = edit(&d, &editor(&d, "every", script)).success();
    assert!(
        stdout(&out).contains("Saved 6 change(s)"),
        "{}",
        stdout(&out)
    );
    let plan = &d.json(PLAN)["plan"];
    assert_eq!(plan["about"]["position"], "Senior Lecturer");
    assert_eq!(plan["about"]["name"], "Jane Smith");
    assert_eq!(plan["about"]["fte"], 0.8);
    let s = &plan["sessions"];
    assert_eq!(
        s["activator.pitch-perfect"],
        serde_json::json!({"attend": "yes", "month": "2026-11"})
    );
    assert_eq!(
        s["activator.symplectic"],
        serde_json::json!({"attend": "no"})
    );
    assert_eq!(s["activator.attending-to-you"]["month"], "2022-06");
    let citizenship = plan["sections"]["citizenship"].as_str().unwrap();
    assert!(
        citizenship.starts_with("I review for PRISM and Journal"),
        "{citizenship}"
    );
    assert!(
        plan["sections"].get("other").is_none(),
        "the emptied section is cleared"
    );
    assert_eq!(
        plan["sections"]["key-targets"],
        serde_json::from_str::<serde_json::Value>(include_str!(
            "../fixtures/jane-smith/plans/2021-23.json"
        ))
        .unwrap()["plan"]["sections"]["key-targets"],
        "what was not edited is as it was"
    );
    assert!(editing_files(&d).is_empty());
}

#[test]
fn a_mistake_reopens_the_editor_marked_at_its_line_and_the_fix_lands() {
    let d = jane();
    let seen = d.path("../seen.md");
    let script = format!(
        r#"if [ ! -e "{seen}" ]; then
  sed -i 's/^\*\*Fte:\*\* .*/**Fte:** 2/' "$1"
  touch "{seen}"
else
  cp "$1" "{seen}"
  sed -i 's/^\*\*Fte:\*\* .*/**Fte:** 0.9/' "$1"
fi"#,
        seen = seen.display()
    );
    let out = edit(&d, &editor(&d, "twice", &script)).success();
    let err = stderr(&out);
    assert!(
        err.contains("at most 1.0") && err.contains("line "),
        "{err}"
    );
    let second = std::fs::read_to_string(&seen).unwrap();
    let lines: Vec<&str> = second.lines().collect();
    let fte = lines.iter().position(|l| *l == "**Fte:** 2").unwrap();
    assert!(
        lines[fte - 1].contains("MISTAKE") && lines[fte - 1].contains("at most 1.0"),
        "{second}"
    );
    assert_eq!(d.json(PLAN)["plan"]["about"]["fte"], 0.9);
    assert!(editing_files(&d).is_empty());
}

#[test]
fn giving_up_on_a_mistake_keeps_the_text_and_changes_nothing() {
    let d = jane();
    let before = d.read(PLAN);
    let script = r#"sed -i -e 's/^\*\*Fte:\*\* .*/**Fte:** 2/' -e 's/Joe Hope/Joe Hopeful/' "$1""#;
    let out = edit(&d, &editor(&d, "stubborn", script)).code(1);
    let err = stderr(&out);
    assert!(err.contains("kept in"), "{err}");
    assert_eq!(d.read(PLAN), before);
    let kept = editing_files(&d);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(err.contains(&kept[0]), "the message names the file: {err}");
    let text = d.read(&kept[0]);
    assert!(
        text.contains("**Mentor:** Joe Hopeful"),
        "what was typed is kept"
    );
    assert_eq!(crate::util::mode(&d.path(&kept[0])), 0o600);
}

#[test]
fn an_emptied_file_changes_nothing() {
    let d = jane();
    let before = d.read(PLAN);
    let out = edit(&d, &editor(&d, "empty", ": > \"$1\"")).success();
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
    assert_eq!(d.read(PLAN), before);
    assert!(editing_files(&d).is_empty());
}

#[test]
fn a_failing_editor_keeps_what_it_saved_and_says_where() {
    let d = jane();
    let before = d.read(PLAN);
    let out = edit(
        &d,
        &editor(&d, "fails", "sed -i 's/Joe Hope/Ann Lee/' \"$1\"; exit 3"),
    )
    .code(1);
    let err = stderr(&out);
    assert!(err.contains("failed") && err.contains("kept in"), "{err}");
    assert_eq!(d.read(PLAN), before);
    assert_eq!(editing_files(&d).len(), 1);
}
