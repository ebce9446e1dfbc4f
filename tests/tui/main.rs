//! The TUI without a terminal: snapshots of every screen with the seed's example (Jane Smith),
//! and the app driven by keys.

mod behaviour;
mod bytes;
mod issue5;
mod issue9;
mod meeting;
mod merge;
mod reflect;
mod second_trial;
mod snapshots;
mod third_trial;
mod trial;
mod years;

use chrono::NaiveDate;
use mentorplan::domain::calendar::PlanWindow;
use mentorplan::domain::catalog::Catalog;
use mentorplan::domain::dates::YearMonth;
use mentorplan::domain::model::{
    Action, ActionStatus, AreaAnswer, Attend, Fte, Level, Meeting, Plan, Profile, Record,
    SessionAnswer, plan::AboutYou,
};
use mentorplan::export::{ExportError, Format, Options, Section};
use mentorplan::session::Settings;
use mentorplan::tui::app::App;
use mentorplan::tui::draw;
use mentorplan::tui::screens::FieldId;
use mentorplan::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub const TODAY: &str = "2026-11-23";

pub fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn ym(s: &str) -> Option<YearMonth> {
    Some(YearMonth::parse(s, today()).unwrap())
}

pub const KEY_TARGETS: &str = "I intend to:
· Participate in mentoring sessions every two months
· Work on a new journal article adapted from my PhD with two co-authors
· Attend several ACTivator and Library sessions to build my knowledge of journal publication
· Network with colleagues at LJMU in the Women’s Academic Network
· Attend the annual BERA conference 2022 and present a paper arising from my PhD

In terms of support, I will be applying for Faculty QR funding to attend the BERA conference 2022.";

/// The seed's example plan (2021-23) and a little of everything else.
pub fn jane() -> Record {
    let mut r = Record {
        profile: Profile {
            name: "Jane Smith".into(),
            position: "Lecturer in Education".into(),
            fte: Some(Fte::FULL),
            mentors: vec!["Joe Hope".into()],
            membership: Some("associate".into()),
            email: Some("j.smith@example.ac.uk".into()),
            ..Default::default()
        },
        ..Record::default()
    };
    let w = PlanWindow(2021);
    let mut plan = Plan::new(w, AboutYou::from_profile(&r.profile));
    let yes = |m: &str| SessionAnswer {
        attend: Some(Attend::Yes),
        month: ym(m),
    };
    for (id, answer) in [
        ("activator.researcher-support-intro", yes("09/21")),
        ("activator.funding-landscape", yes("09/21")),
        ("activator.symplectic", yes("09/21")),
        (
            "activator.impact-building-blocks",
            SessionAnswer {
                attend: None,
                month: ym("06/22"),
            },
        ),
        ("activator.funding-applications", yes("11/21")),
        ("activator.attending-to-you", yes("05/22")),
        ("activator.ethics-committee", yes("03/22")),
        ("activator.research-profile", yes("09/23")),
        ("activator.ready-steady-publish", yes("06/22")),
        ("library.open-access", yes("10/22")),
        ("library.orcid", yes("06/22")),
        ("library.metrics", yes("04/22")),
        ("library.scival", yes("07/23")),
    ] {
        plan.sessions.insert(id.into(), answer);
    }
    plan.sections
        .insert("key-targets".into(), KEY_TARGETS.into());
    plan.sections.insert(
        "grants".into(),
        "I aim to attend ACTivator sessions on grant bidding. I aim to develop a British Academy Small Grant application in 2023 related to my research and journal articles above.".into(),
    );
    plan.updated = Some(d("2022-06-10").and_hms_opt(9, 0, 0).unwrap().and_utc());
    r.plans.insert(w, plan);
    r.checklist.areas.insert(
        "journal".into(),
        AreaAnswer {
            level: Some(Level::Introductory),
            ticked: ["journal.writing".to_string()].into(),
            specify: String::new(),
            ..Default::default()
        },
    );
    let mut a1 = Action::new("Draft the BERA abstract");
    a1.outputs = "Abstract of 500 words".into();
    a1.meeting_date = Some(d("2026-10-05"));
    a1.review_date = Some(d("2026-11-20"));
    let mut a2 = Action::new("Apply for Faculty QR funding");
    a2.meeting_date = Some(d("2026-10-05"));
    a2.review_date = Some(d("2027-01-15"));
    a2.status = ActionStatus::Open;
    r.meetings.actions = vec![a1, a2];
    let mut m1 = Meeting::new(d("2026-10-05"), 60);
    m1.notes = "Talked about the BERA abstract and the QR bid.".into();
    let mut m2 = Meeting::new(d("2026-11-16"), 45);
    m2.notes = "Reviewed the first draft.\nNext: references.".into();
    r.meetings.meetings = vec![m1, m2];
    r
}

/// A fake export so that the screen can be tested before the export module is merged.
pub fn fake_export(
    record: &Record,
    _catalog: &Catalog,
    section: Section,
    format: Format,
    opts: &Options,
) -> Result<String, ExportError> {
    if !record.plans.contains_key(&opts.window) && section == Section::Plan {
        return Err(ExportError::NoPlan {
            window: opts.window,
            available: record.plans.keys().copied().collect(),
        });
    }
    Ok(format!(
        "# {section:?} ({format:?}) for {}\n\nName: {}\n{}",
        opts.window,
        record.profile.name,
        (1..=40).map(|i| format!("line {i}\n")).collect::<String>()
    ))
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub app: App,
}

pub fn settings(dir: &std::path::Path) -> Settings {
    Settings::pinned(dir, today())
}

/// An app over a temporary data directory holding `record`.
pub fn fixture(record: Option<Record>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path());
    if let Some(r) = record {
        s.store.replace(&r, chrono::Utc::now()).unwrap();
    }
    let app = App::new(s, Theme::plain(), fake_export);
    Fixture { dir, app }
}

/// The key driver.
pub trait Drive {
    fn send(&mut self, code: KeyCode) -> &mut Self;
    fn ctrl(&mut self, c: char) -> &mut Self;
    fn send_keys(&mut self, text: &str) -> &mut Self;
    fn focus_on(&mut self, id: &FieldId) -> &mut Self;
    fn alt(&mut self, c: char) -> &mut Self;
}

impl Drive for App {
    fn send(&mut self, code: KeyCode) -> &mut Self {
        let mods = if code == KeyCode::BackTab {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        self.handle_event(Event::Key(KeyEvent::new(code, mods)));
        self
    }
    fn ctrl(&mut self, c: char) -> &mut Self {
        self.handle_event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
        self
    }
    fn send_keys(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.handle_event(Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
        }
        self
    }
    fn alt(&mut self, c: char) -> &mut Self {
        self.handle_event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::ALT,
        )));
        self
    }
    /// Presses Tab until `id` has the focus, as a user would.
    fn focus_on(&mut self, id: &FieldId) -> &mut Self {
        for _ in 0..500 {
            if self.form().focused().is_some_and(|f| &f.id == id) {
                return self;
            }
            self.send(KeyCode::Tab);
        }
        panic!("never reached {id:?}");
    }
}

pub fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw::draw(f, app)).unwrap();
    t
}

pub fn screen_text(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}
