//! Live meeting mode driven by keys: start, notes, an action, a tick, the end; notes arriving
//! from another shell; the questions on quitting and after an interruption; its screens.

use super::*;
use mentorplan::domain::length::parse_minutes;
use mentorplan::domain::ops::Op;
use mentorplan::session::live::{LiveMeeting, Start};
use mentorplan::store::draft::MeetingDraft;
use mentorplan::tui::app::Modal;
use mentorplan::tui::screens::ScreenId;

fn note_from_another_shell(f: &Fixture, text: &str) {
    let other = settings(f.dir.path());
    // As `mentorplan note` does it.
    let new_id = mentorplan::session::live::note_meeting_id(&other.store, today());
    other
        .store
        .apply(
            &other.catalog,
            &[Op::AppendNote {
                date: today(),
                text: text.into(),
                new_id,
            }],
            chrono::Utc::now(),
        )
        .unwrap();
}

fn draft_notes(f: &Fixture) -> Option<String> {
    settings(f.dir.path())
        .store
        .load_draft()
        .unwrap()
        .map(|d| d.notes)
}

/// Clears the one-line field being edited.
fn clear(app: &mut App) {
    for _ in 0..10 {
        app.send(KeyCode::Backspace);
    }
}

#[test]
fn a_meeting_with_notes_an_action_and_a_tick_is_recorded() {
    let mut f = fixture(Some(jane()));
    let app = &mut f.app;
    // Esc, then m, from the Plan screen (a form): the cursor is in the notes at once.
    app.send_keys("5").send(KeyCode::Esc).send_keys("m");
    assert!(app.live_shown().is_some());
    assert!(app.form().editing_text_area(), "typing the notes");
    app.send_keys("Mentor suggests BJET.");
    // Flushed to the draft as typed (the first write is immediate).
    assert_eq!(draft_notes(&f).as_deref(), Some("M"));
    let app = &mut f.app;
    app.send(KeyCode::Enter).send_keys("Aim: March.");

    // An action on the fly: Esc, then a; the review date is filled in (+8 weeks).
    app.send(KeyCode::Esc).send_keys("a");
    assert_eq!(
        app.form().focused().unwrap().id,
        FieldId::LivePart("activity")
    );
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains("Review date: 2027-01-18"), "{screen}");
    app.send_keys("Draft the BJET paper").send(KeyCode::Enter);
    let a = app.record.meetings.actions.last().unwrap().clone();
    assert_eq!(a.activity, "Draft the BJET paper");
    assert_eq!(a.review_date, Some(d("2027-01-18")));
    assert_eq!(a.meeting_date, Some(today()));
    assert!(app.form().editing_text_area(), "back in the notes");

    // A second action with an edited review date, straight from the notes with Alt-a (Esc,
    // a); Tab types in the review date at once.
    app.alt('a')
        .send_keys("Ask Joe about SIGs")
        .send(KeyCode::Tab);
    assert_eq!(
        app.form().focused().unwrap().id,
        FieldId::LivePart("review")
    );
    assert!(app.form().is_editing());
    clear(app);
    app.send_keys("+2w").send(KeyCode::Enter);
    let b = app.record.meetings.actions.last().unwrap().clone();
    assert_eq!(b.activity, "Ask Joe about SIGs");
    assert_eq!(b.review_date, Some(d("2026-12-07")));

    // Tick a checklist item that came up.
    app.alt('t')
        .focus_on(&FieldId::Tick("journal.targeting".into()))
        .send_keys(" ")
        .send(KeyCode::Esc);
    assert!(
        app.record
            .checklist
            .is_ticked("journal", "journal.targeting")
    );
    assert!(app.form().editing_text_area());
    app.send_keys(" More.");

    // End: the elapsed minutes are filled in; typing replaces them (not "150").
    app.send(KeyCode::Esc).send_keys("e");
    let filled = app.form().editing_text().unwrap();
    assert!(filled.ends_with(" min"), "with its unit: {filled}");
    assert!(parse_minutes(&filled).is_ok_and(|m| m >= 1), "{filled}");
    app.send_keys("50");
    assert_eq!(app.form().editing_text().unwrap(), "50");
    app.send(KeyCode::Enter);
    assert!(app.live.is_none(), "ended");
    assert_eq!(app.screen, ScreenId::Home);

    let disk = settings(f.dir.path()).store.load().unwrap();
    let m = disk
        .meetings
        .meetings
        .iter()
        .find(|m| m.date == today())
        .expect("the meeting is in the record");
    assert_eq!(m.minutes, 50);
    assert_eq!(m.notes, "Mentor suggests BJET.\nAim: March. More.");
    assert!(disk.meetings.actions.iter().any(|x| x.id == a.id));
    assert!(disk.meetings.actions.iter().any(|x| x.id == b.id));
    assert!(disk.checklist.is_ticked("journal", "journal.targeting"));
    assert_eq!(draft_notes(&f), None, "the draft is removed");
    // Home shows the hours with this meeting: 60 + 45 + 50 minutes.
    let home = screen_text(&f.app, 80, 24);
    assert!(home.contains("Hours: 2 h 35 min of 6 h"), "{home}");
}

#[test]
fn an_action_needs_an_activity_and_typed_text_is_not_dropped_by_esc() {
    let mut f = fixture(None);
    let app = &mut f.app;
    app.send_keys("m")
        .send(KeyCode::Esc)
        .send_keys("a")
        .send(KeyCode::Enter);
    let err = app.form().error(&FieldId::LivePart("activity"));
    assert!(
        err.is_some_and(|e| e.contains("needs an activity")),
        "{err:?}"
    );
    assert!(app.record.meetings.actions.is_empty());
    // One Esc closes the pop-up, even while typing in it; what was typed is kept, without a
    // question, and Esc, a brings it back.
    app.send_keys("Read Kamler").send(KeyCode::Esc);
    assert!(app.modal.is_none(), "no question");
    assert!(app.live_shown().unwrap().popup.is_none(), "closed");
    assert!(app.record.meetings.actions.is_empty(), "not added");
    assert!(app.message.as_ref().unwrap().0.contains("Read Kamler"));
    // Esc stopped typing: the next key is a command (the trial's Alt-e did nothing).
    assert!(!app.form().is_editing(), "the keys after Esc are commands");
    app.send_keys("a");
    assert_eq!(app.form().editing_text().as_deref(), Some("Read Kamler"));
    app.focus_on(&FieldId::LivePart("add")).send(KeyCode::Enter);
    assert_eq!(app.record.meetings.actions[0].activity, "Read Kamler");
    assert_eq!(
        app.live.as_ref().unwrap().meeting.notes(),
        "",
        "no key reached the notes"
    );
}

#[test]
fn a_note_from_another_shell_shows_without_disturbing_the_typing() {
    let mut f = fixture(Some(jane()));
    f.app.send_keys("m").send_keys("Typed here");
    note_from_another_shell(&f, "Abstract accepted at BERA");
    assert!(f.app.poll_disk());
    let screen = screen_text(&f.app, 80, 24);
    assert!(screen.contains("Also noted, from other shells"), "{screen}");
    assert!(screen.contains("Abstract accepted at BERA"), "{screen}");
    assert!(screen.contains("Typed here"), "{screen}");
    let app = &mut f.app;
    assert!(app.form().editing_text_area(), "still typing");
    app.send_keys(", and more");
    assert_eq!(app.form().editing_text().unwrap(), "Typed here, and more");
    app.alt('e').send(KeyCode::Enter);
    let disk = settings(f.dir.path()).store.load().unwrap();
    let m = disk
        .meetings
        .meetings
        .iter()
        .find(|m| m.date == today())
        .unwrap();
    assert_eq!(m.notes, "Typed here, and more\nAbstract accepted at BERA");
}

#[test]
fn quitting_during_a_meeting_asks_and_can_keep_it_open() {
    let mut f = fixture(None);
    let app = &mut f.app;
    app.send_keys("m").send_keys("Keep me");
    app.ctrl('c');
    assert_eq!(app.modal, Some(Modal::QuitMeeting));
    assert!(!app.quit);
    app.send(KeyCode::Esc);
    assert!(
        app.modal.is_none() && !app.quit,
        "Esc goes back to the meeting"
    );
    // Still after Esc (COMMANDS): q asks again (a second Esc would type the notes again).
    app.send_keys("q");
    assert_eq!(app.modal, Some(Modal::QuitMeeting));
    app.send_keys("k");
    assert!(app.quit);
    assert!(
        app.farewell
            .as_deref()
            .unwrap()
            .contains("mentorplan meeting")
    );
    assert_eq!(draft_notes(&f).as_deref(), Some("Keep me"));
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert_eq!(disk.meetings.meetings[0].minutes, 0, "not ended");
}

#[test]
fn quitting_during_a_meeting_can_end_it_first() {
    let mut f = fixture(None);
    let app = &mut f.app;
    app.send_keys("m")
        .send_keys("Done")
        .send(KeyCode::Esc)
        .send_keys("q");
    app.send_keys("e");
    clear(app);
    app.send_keys("1h").send(KeyCode::Enter);
    assert!(app.quit);
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert_eq!(disk.meetings.meetings[0].minutes, 60);
    assert_eq!(draft_notes(&f), None);
}

#[test]
fn the_meeting_runs_on_while_another_screen_is_shown() {
    let mut f = fixture(None);
    let app = &mut f.app;
    app.send_keys("m")
        .send_keys("One")
        .send(KeyCode::Esc)
        .send_keys("3");
    assert_eq!(app.screen, ScreenId::Checklist);
    let screen = screen_text(app, 80, 24);
    assert!(screen.contains("Checklist · meeting 0 min"), "{screen}");
    app.send(KeyCode::Esc).send_keys("m");
    assert!(app.form().editing_text_area());
    app.send_keys(" two");
    assert_eq!(app.live.as_ref().unwrap().meeting.notes(), "One two");
}

/// A draft left by a process that is gone (killed, or its SSH link dropped).
fn interrupted(f: &Fixture, notes: &str) -> MeetingDraft {
    let s = settings(f.dir.path());
    let now = chrono::Utc::now();
    let mut draft = MeetingDraft::start(today(), now - chrono::Duration::minutes(40));
    draft.notes = notes.into();
    draft.pid = u32::MAX;
    s.store.save_draft(&draft).unwrap();
    let mut m = mentorplan::domain::model::Meeting::new(today(), 0);
    m.id = draft.meeting_id;
    s.store
        .apply(&s.catalog, &[Op::AddMeeting(m)], now)
        .unwrap();
    draft
}

fn reopen(f: &Fixture) -> App {
    App::new(settings(f.dir.path()), Theme::plain(), fake_export)
}

#[test]
fn an_interrupted_meeting_is_resumed_with_every_note() {
    let f = fixture(None);
    interrupted(&f, "Line one\nLine two");
    let mut app = reopen(&f);
    assert!(matches!(app.modal, Some(Modal::Resume(_))));
    app.send_keys("r");
    assert!(app.modal.is_none());
    assert!(app.form().editing_text_area());
    assert_eq!(app.form().editing_text().unwrap(), "Line one\nLine two");
    app.send_keys("\nLine three");
    app.alt('e');
    clear(&mut app);
    app.send_keys("45").send(KeyCode::Enter);
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert_eq!(disk.meetings.meetings.len(), 1, "no duplicate meeting");
    assert_eq!(
        disk.meetings.meetings[0].notes,
        "Line one\nLine two\nLine three"
    );
    assert_eq!(disk.meetings.meetings[0].minutes, 45);
}

#[test]
fn an_interrupted_meeting_can_be_recorded_as_it_is() {
    let f = fixture(None);
    interrupted(&f, "Only this");
    let mut app = reopen(&f);
    app.send_keys("s");
    // The length to the last saved typing (the draft's time: just now) is filled in.
    assert_eq!(
        app.form().focused().unwrap().id,
        FieldId::LivePart("minutes")
    );
    let filled = parse_minutes(&app.form().editing_text().unwrap()).unwrap();
    assert!((39..=41).contains(&filled), "{filled}");
    app.send(KeyCode::Enter);
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert_eq!(disk.meetings.meetings[0].notes, "Only this");
    assert_eq!(disk.meetings.meetings[0].minutes, filled);
    assert_eq!(draft_notes(&f), None);
}

#[test]
fn discarding_an_interrupted_meeting_asks_and_no_goes_back() {
    let f = fixture(None);
    interrupted(&f, "Precious");
    let mut app = reopen(&f);
    app.send_keys("d");
    assert!(matches!(app.modal, Some(Modal::Confirm { .. })));
    app.send_keys("n");
    assert!(
        matches!(app.modal, Some(Modal::Resume(_))),
        "back to the question"
    );
    assert_eq!(draft_notes(&f).as_deref(), Some("Precious"));
    app.send(KeyCode::Esc);
    assert!(
        matches!(app.modal, Some(Modal::Resume(_))),
        "Esc does not dismiss it"
    );
    app.send_keys("dy");
    assert!(app.modal.is_none());
    assert_eq!(draft_notes(&f), None);
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert!(
        disk.meetings.meetings.is_empty(),
        "the empty entry goes too"
    );
}

#[test]
fn a_meeting_running_in_another_process_is_named_not_duplicated() {
    let f = fixture(None);
    let s = settings(f.dir.path());
    // This test process stands for the other one: a draft owned by a running process.
    let mut draft = MeetingDraft::start(today(), chrono::Utc::now());
    draft.pid = std::os::unix::process::parent_id();
    draft.pid_start = mentorplan::store::draft::start_time(draft.pid);
    s.store.save_draft(&draft).unwrap();
    let mut app = reopen(&f);
    assert!(app.modal.is_none());
    app.send_keys("m");
    assert!(app.live.is_none());
    let (msg, error) = app.message.clone().unwrap();
    assert!(error);
    assert!(msg.contains(&format!("process {}", draft.pid)), "{msg}");
    assert!(msg.contains(&draft.host), "{msg}");
    assert!(matches!(
        LiveMeeting::start(&s.store, &s.catalog, today(), chrono::Utc::now()).unwrap(),
        Start::RunningElsewhere(_)
    ));
    assert_eq!(s.store.load_draft().unwrap(), Some(draft), "left alone");
}

// ---- snapshots ----

/// Like the other screens' snapshots, with the temporary directory's name made stable.
fn snap(name: &str, f: &Fixture, app: &App) {
    let dir = f.dir.path().display().to_string();
    let stable = format!("/tmp/{}", "X".repeat(dir.len().saturating_sub(5)));
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(app, w, h).replace(&dir, &stable);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

#[test]
fn snapshot_the_meeting_screen() {
    let mut f = fixture(Some(jane()));
    f.app
        .send_keys("m")
        .send_keys("Mentor suggests BJET; Zoë’s “SIG” idea – follow up.");
    f.app
        .send(KeyCode::Esc)
        .send_keys("a")
        .send_keys("Draft the BJET paper");
    f.app.send(KeyCode::Enter);
    note_from_another_shell(&f, "Abstract accepted at BERA");
    f.app.poll_disk();
    snap("live_meeting", &f, &f.app);
}

#[test]
fn snapshot_the_action_popup() {
    let mut f = fixture(Some(jane()));
    f.app.send_keys("m").alt('a').send_keys("Ask Joe");
    snap("live_action", &f, &f.app);
}

#[test]
fn snapshot_the_end_dialog() {
    let mut f = fixture(Some(jane()));
    f.app.send_keys("m").send_keys("Notes").alt('e');
    clear(&mut f.app);
    f.app.send_keys("50");
    snap("live_end", &f, &f.app);
}

#[test]
fn snapshot_the_resume_prompt() {
    let f = fixture(Some(jane()));
    interrupted(&f, "Mentor suggests BJET\nthen the QR bid");
    let app = reopen(&f);
    snap("live_resume", &f, &app);
}

#[test]
fn snapshot_the_quit_question() {
    let mut f = fixture(None);
    f.app.send_keys("m").ctrl('c');
    snap("live_quit", &f, &f.app);
}

/// Issue 9: the end dialog filled in "1", with no unit; the length takes what the command
/// line takes (one parser).
#[test]
fn the_length_asked_at_the_end_has_its_unit_and_takes_hours_and_minutes() {
    let f = fixture(None);
    interrupted(&f, "Line one");
    let mut app = reopen(&f);
    // Recorded as it is: the time to the last notes saved, with its unit.
    app.send_keys("s");
    let filled = app.form().editing_text().unwrap();
    assert!(filled.ends_with(" min"), "with its unit: {filled}");
    assert!(
        (39..=41).contains(&parse_minutes(&filled).unwrap()),
        "{filled}"
    );
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains(&format!("Length: {filled}")), "{screen}");
    clear(&mut app);
    app.send_keys("an hour").send(KeyCode::Enter);
    let refused = app.form().error(&FieldId::LivePart("minutes")).unwrap();
    assert!(
        refused.contains("1h 30m") && refused.contains("45 min"),
        "{refused}"
    );
    clear(&mut app);
    app.send_keys("1h 30m").send(KeyCode::Enter);
    let disk = settings(f.dir.path()).store.load().unwrap();
    assert_eq!(disk.meetings.meetings[0].minutes, 90);
    // A meeting's own form shows and takes the same.
    let id = disk.meetings.meetings[0].id;
    app.send_keys("4")
        .focus_on(&FieldId::MeetingRow(id))
        .send(KeyCode::Enter)
        .focus_on(&FieldId::MeetingPart("minutes"));
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("Length: 1 h 30 min"), "{screen}");
    let typed = mentorplan::tui::form::Value::Text("45 min".into());
    app.commit(FieldId::MeetingPart("minutes"), typed);
    assert_eq!(app.record.meetings.meetings[0].minutes, 45);
}

/// `mentorplan meeting` draws before it writes anything (issue 11: meeting start cost 13x vim's
/// first frame), and the draft is written at the first tick after the frame, before a key.
#[test]
fn a_meeting_is_drawn_before_its_draft_is_written_and_the_draft_follows_at_once() {
    let mut f = fixture(None);
    f.app.start_meeting();
    assert!(
        draft_notes(&f).is_none(),
        "nothing written before the first frame"
    );
    let _ = crate::screen_text(&f.app, 80, 24);
    f.app.tick(std::time::Instant::now());
    assert_eq!(
        draft_notes(&f).as_deref(),
        Some(""),
        "the draft follows at once"
    );
    assert!(f.app.next_timeout(std::time::Instant::now()) > std::time::Duration::ZERO);
}
