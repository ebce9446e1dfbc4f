//! mentorplan: keep a research mentoring and development plan (the CERES Enhancing Academic
//! Practice Framework) from the terminal. The library holds the domain, storage and export; the
//! binary is a thin command line and TUI over it.

pub mod calendar;
pub mod catalog;
pub mod choose;
pub mod cli;
pub mod commands;
pub mod coordinator;
pub mod cycle;
pub mod dates;
pub mod devlog;
pub mod export;
pub mod length;
pub mod live;
pub mod mentees;
pub mod mentoring;
pub mod merge;
pub mod model;
pub mod ops;
pub mod plan_text;
pub mod reflect;
pub mod settings;
pub mod status;
pub mod storage;
pub mod text;
pub mod ui;
