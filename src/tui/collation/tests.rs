use super::*;
use crate::domain::calendar::PlanWindow;
use crate::domain::catalog::Catalog;
use crate::domain::coordinator::collate::Skipped;
use crate::domain::coordinator::collate::{self, Options};
use crate::domain::coordinator::roster::Member;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn browser() -> Browser {
    let roster: Vec<Member> = (0..40)
        .map(|i| Member {
            name: format!("Member {i:02}"),
            email: None,
        })
        .collect();
    let opts = Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        window: PlanWindow::parse("2026-28").unwrap(),
        roster: Some(roster),
    };
    let skipped = vec![Skipped {
        path: "inbox/bad\u{1b}[2J.json".into(),
        reason: "not a readable submission".into(),
    }];
    Browser::new(&collate::collate(
        vec![],
        skipped,
        1,
        &Catalog::ceres(),
        &opts,
    ))
}

fn press(b: &mut Browser, code: KeyCode) {
    b.key(KeyEvent::new(code, KeyModifiers::NONE), 10);
}

#[test]
fn one_tab_per_part_of_the_report() {
    let b = browser();
    assert_eq!(
        b.tab_names(),
        [
            "Who submitted",
            "Not yet submitted for 2026-28",
            "Workshop and library-session demand",
            "Checklist areas wanted, by membership category",
            "Mentoring hours and development days",
            "Impact questionnaires",
            "Files skipped",
        ]
    );
}

#[test]
fn keys_switch_tabs_scroll_within_the_tab_and_quit() {
    let mut b = browser();
    press(&mut b, KeyCode::Tab);
    assert_eq!(b.tab, 1);
    // 42 lines (a sentence, a blank, 40 names): the last page starts at 32.
    press(&mut b, KeyCode::End);
    assert_eq!(b.scroll, 32);
    press(&mut b, KeyCode::Down);
    assert_eq!(b.scroll, 32);
    press(&mut b, KeyCode::PageUp);
    assert_eq!(b.scroll, 22);
    press(&mut b, KeyCode::BackTab);
    assert_eq!((b.tab, b.scroll), (0, 0));
    press(&mut b, KeyCode::BackTab);
    assert_eq!(b.tab, 6);
    press(&mut b, KeyCode::Char('2'));
    assert_eq!(b.tab, 1);
    press(&mut b, KeyCode::Char('q'));
    assert!(b.quit);
}

/// The browser drawn at 80x24, as one string of the screen's cells.
fn screen(b: &Browser) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| draw(f, b)).unwrap();
    t.backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn draws_at_80_by_24_with_the_current_tab_marked_and_no_escape_from_data() {
    let mut b = browser();
    press(&mut b, KeyCode::Char('2'));
    let screen = screen(&b);
    assert!(screen.contains("Submissions for 2026-28"), "{screen}");
    assert!(screen.contains("- Member 00"), "{screen}");
    assert!(screen.contains("lines 1-19 of 42"), "{screen}");
    assert!(
        screen.contains(">2 Not yet submitted for 2026-28<  3   4")
            && screen.contains("2027-06-15 (204 days)."),
        "{screen}"
    );
    press(&mut b, KeyCode::Char('7'));
    let skipped = self::screen(&b);
    assert!(skipped.contains("bad"), "{skipped}");
    assert!(!skipped.contains('\u{1b}'), "{skipped}");
}
