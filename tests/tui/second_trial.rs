//! What the first trial of the new input model found (issue 9): a question answered by keys
//! typed ahead, a filled-in date that typing added to, PgDn stuck on a month, and (issue 10)
//! the interface waiting for another process's lock while typing.

use super::*;
use mentorplan::store::lock::DirLock;
use mentorplan::tui::app::Modal;

/// The trial typed " quick note" after a stray Esc in a meeting: `q` asked whether to end the
/// meeting or keep it open, and the `k` of "quick" answered "keep it open and quit".
#[test]
fn keys_typed_ahead_do_not_answer_a_question() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.guard_questions = true;
    app.send_keys("m").send(KeyCode::Esc);
    assert!(app.live_shown().is_some());
    app.send_keys(" quick note");
    assert_eq!(app.modal, Some(Modal::QuitMeeting), "asked, not answered");
    assert!(!app.quit);
    assert!(app.live.is_some(), "the meeting goes on");
    // Read, then answered.
    std::thread::sleep(std::time::Duration::from_millis(350));
    app.send_keys("n");
    assert_eq!(app.modal, None);
    assert!(!app.quit);
}

/// The trial typed 20/10/2026 into a review date filled in for it and got
/// "2026-12-0120/10/2026": a filled-in date, month or number is replaced by what is typed.
#[test]
fn typing_replaces_a_filled_in_date_and_the_uk_form_is_accepted() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("m").alt('a');
    app.send_keys("Read Kamler").send(KeyCode::Tab);
    assert_eq!(
        app.form().focused().unwrap().id,
        FieldId::LivePart("review")
    );
    app.send_keys("20/10/2026").send(KeyCode::Enter);
    assert_eq!(
        app.record.meetings.actions.last().unwrap().activity,
        "Read Kamler"
    );
    assert_eq!(
        app.record.meetings.actions.last().unwrap().review_date,
        Some(d("2026-10-20"))
    );
}

/// PgDn on a month field typed into it instead of moving a page.
#[test]
fn page_down_leaves_a_one_line_field() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send(KeyCode::Esc).send_keys("5");
    let mut seen = Vec::new();
    for _ in 0..12 {
        // A page is what the screen shows: draw it, as the event loop does.
        render(app, 80, 24);
        app.send(KeyCode::PageDown);
        seen.push(app.form().focused().unwrap().id.clone());
    }
    assert!(
        seen.iter().any(|id| matches!(id, FieldId::Section(_))),
        "PgDn reaches the sections: {seen:?}"
    );
}

/// Issue 10: typed text appeared in jumps every ~11 s while another process held the lock,
/// because each save waited for it in the loop that reads keys.
#[test]
fn typing_never_waits_for_a_lock_another_process_holds() {
    let mut f = fixture(Some(jane()));
    let held = DirLock::acquire(f.dir.path(), std::time::Duration::from_secs(1)).unwrap();
    let app = &mut f.app;
    app.send_keys("2").send_keys(" Jr");
    app.send(KeyCode::Tab);
    // A save now (Ctrl-S) finds the lock held and says so at once, having written nothing.
    app.ctrl('s');
    assert!(!app.pending().is_empty(), "not saved yet");
    let said = app.message.clone().unwrap().0;
    assert!(said.contains("Another mentorplan is saving"), "{said}");
    // What was typed is in the typing journal meanwhile (by the clock's next tick).
    app.tick(std::time::Instant::now() + std::time::Duration::from_secs(1));
    let journal = std::fs::read_dir(f.dir.path())
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("typing-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .expect("a typing journal");
    assert!(journal.contains("Jane Smith Jr"), "{journal}");
    drop(held);
    let app = &mut f.app;
    app.ctrl('s');
    assert!(app.pending().is_empty(), "saved once the lock is free");
    let profile = std::fs::read_to_string(f.dir.path().join("profile.json")).unwrap();
    assert!(profile.contains("Jane Smith Jr"));
}

/// After the link dropped and the meeting was resumed, "2 actions agreed (...)" was gone from
/// under the notes, though the actions were kept.
#[test]
fn a_resumed_meeting_still_shows_what_was_agreed_in_it() {
    let mut f = fixture(Some(jane()));
    f.app
        .send_keys("m")
        .alt('a')
        .send_keys("Read Kamler")
        .send(KeyCode::Enter);
    assert_eq!(f.app.live.as_ref().unwrap().added, ["Read Kamler"]);
    // The draft is written by the clock; then the process is gone (no way out taken).
    f.app
        .tick(std::time::Instant::now() + std::time::Duration::from_secs(1));
    let mut again = App::new(settings(f.dir.path()), Theme::plain(), fake_export);
    assert!(
        matches!(again.modal, Some(Modal::Resume(_))),
        "{:?}",
        again.modal
    );
    again.send_keys("r");
    let live = again.live.as_ref().expect("resumed");
    assert_eq!(live.added, ["Read Kamler"]);
}

/// The second trial pressed Esc twice by habit in the notes and typed on: the `e` of "Next"
/// ended the meeting and the sentence went into its length.
#[test]
fn esc_twice_in_the_notes_goes_back_to_typing_them() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("m").send_keys("Agreed.");
    app.send(KeyCode::Esc).send(KeyCode::Esc);
    app.send_keys(" Next: ethics form");
    let live = app.live.as_ref().expect("the meeting goes on");
    assert!(live.popup.is_none(), "no command ran");
    assert_eq!(live.meeting.notes(), "Agreed. Next: ethics form");
}

/// The second trial typed a path over the file name offered and got
/// "plan-2026-28.md/tmp/trial2-out/plan-2026-28.md"; then Text kept ".md".
#[test]
fn the_export_file_name_offered_is_replaced_by_what_is_typed() {
    let mut f = fixture(Some(jane()));
    let dir = f.dir.path().to_path_buf();
    let app = &mut f.app;
    app.send_keys("6").focus_on(&FieldId::Export("path"));
    let target = dir.join("out").join("my-plan.md");
    app.send_keys(target.to_str().unwrap()).send(KeyCode::Enter);
    assert_eq!(app.export.path, target.to_str().unwrap());
    // Text: the name keeps its stem, with the new ending.
    while app.form().focused().unwrap().id != FieldId::Export("format") {
        app.send(KeyCode::BackTab);
    }
    app.send(KeyCode::Right);
    assert_eq!(
        app.export.path,
        dir.join("out").join("my-plan.txt").to_str().unwrap()
    );
    // That the folder does not exist is said with what to do: tests/cli (one writer for both).
}

/// Typing a second name on a choice, after leaving it and coming back, chooses by it.
#[test]
fn a_second_name_typed_on_a_choice_chooses_again() {
    let mut f = fixture(None);
    let app = &mut f.app;
    app.send_keys("2").focus_on(&FieldId::Profile("membership"));
    app.send_keys("Core Member");
    assert_eq!(app.record.profile.membership.as_deref(), Some("core"));
    app.send(KeyCode::Tab)
        .send(KeyCode::BackTab)
        .send_keys("Associate");
    assert_eq!(app.record.profile.membership.as_deref(), Some("associate"));
}

/// The third trial typed its evidence one Tab too early, on "Concordat principle": the
/// letters changed the choice and the text vanished without a word.
#[test]
fn a_sentence_typed_on_a_choice_leaves_it_as_it_was_and_says_so() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send_keys("7").send_keys("a");
    app.focus_on(&FieldId::DevPart("principle"));
    let before = app.form().focused().unwrap().value.clone();
    app.send_keys("Poster presented at RSC");
    assert_eq!(
        app.form().focused().unwrap().value,
        before,
        "left as it was"
    );
    let said = app.message.clone().unwrap().0;
    assert!(said.contains("is no option of"), "{said}");
    assert!(said.contains("Tab to the next field"), "{said}");
}

/// A meeting kept open on purpose was offered back as "interrupted".
#[test]
fn a_meeting_kept_open_is_offered_back_as_kept_open() {
    let mut f = fixture(Some(jane()));
    f.app
        .send_keys("m")
        .send_keys("Notes")
        .send(KeyCode::Esc)
        .send_keys("q");
    assert_eq!(f.app.modal, Some(Modal::QuitMeeting));
    f.app.send_keys("k");
    assert!(f.app.quit);
    let again = App::new(settings(f.dir.path()), Theme::plain(), fake_export);
    let screen = screen_text(&again, 80, 24);
    assert!(screen.contains("was kept open when you quit"), "{screen}");
}

/// The fourth trial saw "unsaved" as soon as it opened the checklist, having changed nothing.
#[test]
fn opening_a_screen_changes_nothing() {
    let mut f = fixture(None);
    let app = &mut f.app;
    for screen in ["2", "3", "5", "6", "7", "8"] {
        app.send(KeyCode::Esc).send_keys(screen);
        assert!(
            app.pending().is_empty(),
            "screen {screen}: {:?}",
            app.pending()
        );
    }
}

/// Sends `text` as one read from the terminal: each key knows how many printable keys follow
/// it in the same read, as the event loop tells the app.
fn burst(app: &mut App, text: &str) {
    let n = text.chars().count();
    for (i, c) in text.chars().enumerate() {
        app.burst = n - i - 1;
        app.send_keys(&c.to_string());
    }
    app.burst = 0;
}

/// The fourth trial typed fast after Esc: "quite important" quit at its q, "more notes here"
/// started a meeting at its m, and "next steps" after Ctrl-C in a meeting answered the question
/// with n and ended the meeting with e. A word typed in one go is text, never commands.
#[test]
fn a_word_typed_fast_after_esc_is_text_not_commands() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send(KeyCode::Esc).send_keys("5");
    app.focus_on(&FieldId::Section("key-targets".into()));
    app.send(KeyCode::End).send(KeyCode::Esc);
    assert!(!app.form().is_editing());
    burst(app, " quite important");
    assert!(!app.quit, "the q did not quit");
    assert!(app.form().is_editing(), "typing again");
    assert!(
        app.form()
            .editing_text()
            .unwrap()
            .ends_with(" quite important"),
        "{:?}",
        app.form().editing_text()
    );
    // On a list there is nowhere to type: nothing runs.
    app.send(KeyCode::Esc).send_keys("1");
    burst(app, "more notes here");
    assert!(app.live.is_none(), "no meeting started");
    assert!(app.message.as_ref().unwrap().0.contains("not taken here"));
    // Commands typed one by one still work.
    app.send_keys("m");
    assert!(app.live.is_some());
    app.ctrl('c');
    assert_eq!(app.modal, Some(Modal::QuitMeeting));
    burst(app, "next steps");
    assert_eq!(
        app.modal,
        Some(Modal::QuitMeeting),
        "not answered by a word"
    );
    assert!(app.live.as_ref().unwrap().popup.is_none(), "not ended");
}

/// Spaces in a sentence typed on a tick box flipped it, once per space.
#[test]
fn a_sentence_typed_on_a_tick_box_leaves_it() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    app.send(KeyCode::Esc).send_keys("3");
    app.focus_on(&FieldId::Tick("journal.targeting".into()));
    let before = app.record.checklist.clone();
    burst(app, "a b");
    assert_eq!(app.record.checklist, before);
    // Nor does a space in a sentence press a button (the meeting's "Add the action").
    app.send(KeyCode::Esc).send_keys("m").alt('a');
    app.send_keys("Read Kamler");
    app.focus_on(&FieldId::LivePart("add"));
    burst(app, "so b");
    assert!(
        app.record
            .meetings
            .actions
            .iter()
            .all(|a| a.activity != "Read Kamler")
    );
    assert!(app.live.as_ref().unwrap().popup.is_some(), "still open");
}
