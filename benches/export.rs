//! Every export section, in Markdown and in plain text, of the large record (see `common`),
//! from the loaded record to the finished string (no file written). Figures in
//! docs/performance.md.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use mentorplan::domain::calendar::PlanWindow;
use mentorplan::export::{Format, Options, Section, render};

fn benches(c: &mut Criterion) {
    let (_dir, settings) = common::large_data_dir();
    let record = settings.store.load().unwrap();
    let opts = Options {
        window: PlanWindow(2025),
        include_confidential: true,
    };
    let sections = [
        ("plan", Section::Plan),
        ("checklist", Section::Checklist),
        ("meetings", Section::Meetings),
        ("all", Section::All),
        ("agreements", Section::Agreements),
        ("impact", Section::Impact),
        ("portfolio", Section::Portfolio { year: None }),
    ];
    let mut group = c.benchmark_group("export");
    for (name, section) in sections {
        for (ext, format) in [("md", Format::Markdown), ("txt", Format::Text)] {
            group.bench_function(format!("{name} {ext}"), |b| {
                b.iter(|| render(&record, &settings.catalog, section, format, &opts).unwrap())
            });
        }
    }
    group.finish();
}

criterion_group!(export, benches);
criterion_main!(export);
