//! What every benchmark shares: the large record of `examples/gen_large.rs` (the size issue 6
//! names: ten plan windows with 10 kB sections, 1,000 meetings, 500 actions, 5,000
//! development-log entries), written once into a temporary data directory, and a fixed "today"
//! inside the latest plan's window so that every screen shows a filled-in plan.

#![allow(dead_code)] // each bench uses part of this

#[path = "../../examples/gen_large.rs"]
#[allow(dead_code)] // its `main` is the example's
mod gen_large;

use chrono::NaiveDate;
use mentorplan::session::Settings;

/// In the 2025-27 window, the latest plan the generator writes.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

/// A data directory holding the large record; the directory lives as long as the guard.
pub fn large_data_dir() -> (tempfile::TempDir, Settings) {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings::pinned(dir.path(), today());
    settings
        .store
        .replace(
            &gen_large::large_record(&settings.catalog, 1),
            chrono::Utc::now(),
        )
        .unwrap();
    (dir, settings)
}
