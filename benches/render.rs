//! How long a frame and the start-up take: a full frame of the densest screen (the Plan with
//! the grids filled in) at 200x60, and start-up to the first frame (load, build, draw) with a
//! large record (ten plan windows, a thousand meetings). Figures in docs/performance.md.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use mentorplan::calendar::PlanWindow;
use mentorplan::catalog::Catalog;
use mentorplan::model::{Action, Attend, Meeting, Plan, Record, SessionAnswer};
use mentorplan::settings::Settings;
use mentorplan::ui::app::App;
use mentorplan::ui::draw;
use mentorplan::ui::screens::ScreenId;
use mentorplan::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn large_record(catalog: &Catalog) -> Record {
    let mut r = Record::default();
    r.profile.name = "Jane Smith".into();
    for y in 2017..2027 {
        let w = PlanWindow(y);
        let mut p = Plan::new(w, Default::default());
        for g in &catalog.plan.grids {
            for e in &g.entries {
                let answer = SessionAnswer {
                    attend: Some(Attend::Yes),
                    month: mentorplan::dates::YearMonth::new(y, 10),
                };
                p.sessions.insert(e.id.clone(), answer);
            }
        }
        for s in &catalog.plan.sections {
            p.sections
                .insert(s.id.clone(), "A paragraph of plans. ".repeat(30));
        }
        r.plans.insert(w, p);
    }
    for i in 0..1000 {
        let date = today() - chrono::Days::new(i);
        let mut m = Meeting::new(date, 60);
        m.notes = format!("Meeting {i}: notes on the article, the bid and the conference.");
        r.meetings.meetings.push(m);
    }
    for i in 0..100 {
        r.meetings.actions.push(Action::new(format!("Action {i}")));
    }
    r
}

fn no_export(
    _: &Record,
    _: &Catalog,
    _: mentorplan::export::Section,
    _: mentorplan::export::Format,
    _: &mentorplan::export::Options,
) -> Result<String, mentorplan::export::ExportError> {
    Ok(String::new())
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings::pinned(dir.path(), today());
    settings
        .store
        .replace(&large_record(&settings.catalog))
        .unwrap();

    let mut app = App::new(settings.clone(), Theme::from_env(), no_export);
    app.goto(ScreenId::Plan);
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("plan frame 200x60", |b| {
        b.iter(|| {
            // A fresh back buffer each time, so the whole frame is drawn and diffed.
            term.clear().unwrap();
            term.draw(|f| draw::draw(f, &app)).unwrap();
        })
    });

    c.bench_function(
        "start-up to first frame (10 plans, 1000 meetings) 80x24",
        |b| {
            b.iter(|| {
                let app = App::new(settings.clone(), Theme::from_env(), no_export);
                let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
                term.draw(|f| draw::draw(f, &app)).unwrap();
            })
        },
    );

    let mut app = App::new(settings.clone(), Theme::from_env(), no_export);
    app.goto(ScreenId::Meetings);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    c.bench_function("meetings list frame (1100 rows) 80x24", |b| {
        b.iter(|| {
            term.clear().unwrap();
            term.draw(|f| draw::draw(f, &app)).unwrap();
        })
    });
}

criterion_group!(render, benches);
criterion_main!(render);
