//! Reading and saving the large record (see `common`): a full load, a save of a one-field
//! change through `Store::apply` (lock, re-read, apply, write the one file that changed with
//! its backup, fsync), and the interface's save of the same through `Store::apply_over` after
//! its first (re-reading only what changed since). Figures in docs/performance.md.

mod common;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use mentorplan::domain::calendar::PlanWindow;
use mentorplan::domain::ops::Op;

fn benches(c: &mut Criterion) {
    let (_dir, settings) = common::large_data_dir();
    let store = &settings.store;

    c.bench_function("load (large record)", |b| b.iter(|| store.load().unwrap()));

    // Alternates between two texts so that every save writes the file.
    let mut n = 0u64;
    let mut next_op = || {
        n += 1;
        Op::SetSection {
            window: PlanWindow(2025),
            section: "key-targets".into(),
            text: format!("Submit the BERA paper (revision {})", n % 2),
        }
    };
    c.bench_function("save one plan section (large record)", |b| {
        b.iter(|| {
            store
                .apply(&settings.catalog, &[next_op()], Utc::now())
                .unwrap()
        })
    });

    let mut base = store.load().unwrap();
    c.bench_function("interface save of one plan section (large record)", |b| {
        b.iter(|| {
            base = store
                .apply_over(&settings.catalog, &base, &[next_op()], Utc::now())
                .unwrap();
        })
    });
}

criterion_group!(storage, benches);
criterion_main!(storage);
