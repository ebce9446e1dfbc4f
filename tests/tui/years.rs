//! Earlier years load when a screen lists them (issue 11): the first frame and this year's
//! screens hold this year's meetings only, the Meetings list all of them.

use crate::{Drive, d, fixture};
use mentorplan::domain::model::{Meeting, Record};
use mentorplan::tui::screens::ScreenId;

#[test]
fn the_meetings_list_loads_the_earlier_years_and_home_does_not() {
    let mut r = Record::default();
    for (date, notes) in [("2019-10-01", "long ago"), ("2026-10-01", "this year")] {
        let mut m = Meeting::new(d(date), 60);
        m.notes = notes.into();
        r.meetings.meetings.push(m);
    }
    let mut f = fixture(Some(r));
    assert!(f.dir.path().join("meetings/2019-20.json").exists());
    assert_eq!(f.app.screen, ScreenId::Home);
    assert_eq!(f.app.record.meetings.meetings.len(), 1);
    f.app.send_keys("4");
    assert_eq!(f.app.screen, ScreenId::Meetings);
    assert_eq!(f.app.record.meetings.meetings.len(), 2);
    let screen = crate::screen_text(&f.app, 80, 24);
    assert!(screen.contains("2019-10-01"), "{screen}");
}

#[test]
fn after_the_first_frame_the_earlier_years_load_before_any_key() {
    let mut r = Record::default();
    let mut old = mentorplan::domain::model::Action::new("Ancient action");
    old.meeting_date = Some(d("2019-10-01"));
    old.review_date = Some(d("2019-12-01"));
    r.meetings.actions.push(old);
    r.meetings.meetings.push(Meeting::new(d("2019-10-01"), 60));
    r.meetings.meetings.push(Meeting::new(d("2026-10-01"), 60));
    let mut f = fixture(Some(r));
    assert!(f.app.record.meetings.actions.is_empty());
    assert!(f.app.complete_history(), "the screen is drawn again");
    assert_eq!(f.app.record.meetings.actions.len(), 1);
    assert!(!f.app.complete_history(), "once");
    let screen = crate::screen_text(&f.app, 80, 24);
    assert!(screen.contains("Ancient action"), "{screen}");
}
