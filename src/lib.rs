//! mentorplan: keep a research mentoring and development plan (the CERES Enhancing Academic
//! Practice Framework) from the terminal. The library is in layers, each importing only those
//! before it (checked by tests/architecture.rs; see docs/architecture.md):
//!
//! - `domain`: the record, its rules and the operations that change it; knows no files.
//! - `store`: the data directory: files, locks, journal, migrations.
//! - `export`: the record as Markdown, text, JSON and the other formats.
//! - `session`: what a run works on (data directory, catalogue, today) and a live meeting.
//! - `cli` and `tui`: the two faces, changing data only through `domain::ops::Op`.

pub mod cli;
pub mod domain;
pub mod export;
pub mod session;
pub mod store;
pub mod tui;
