//! How long a frame and the start-up take with the large record (see `common`): a full frame
//! of every screen at 80x24 and at 200x60, and start-up to the first frame (load, build,
//! draw). Figures in docs/performance.md.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use mentorplan::tui::app::App;
use mentorplan::tui::draw;
use mentorplan::tui::screens::ScreenId;
use mentorplan::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn benches(c: &mut Criterion) {
    let (_dir, settings) = common::large_data_dir();

    let mut group = c.benchmark_group("frame");
    for (w, h) in [(80, 24), (200, 60)] {
        for screen in ScreenId::ALL {
            let mut app = App::new(
                settings.clone(),
                Theme::from_env(),
                mentorplan::export::render,
            );
            app.goto(screen);
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            group.bench_function(format!("{} {w}x{h}", screen.title()), |b| {
                b.iter(|| {
                    // A fresh back buffer each time, so the whole frame is drawn and diffed.
                    term.clear().unwrap();
                    term.draw(|f| draw::draw(f, &app)).unwrap();
                })
            });
        }
    }
    group.finish();

    c.bench_function("start-up to first frame (large record) 80x24", |b| {
        b.iter(|| {
            let app = App::new(
                settings.clone(),
                Theme::from_env(),
                mentorplan::export::render,
            );
            let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
            term.draw(|f| draw::draw(f, &app)).unwrap();
        })
    });
}

criterion_group!(render, benches);
criterion_main!(render);
