//! The scheme's other side: what a member submits each June and what the coordinator (the
//! Director of CERES, a mentoring coordinator) does with the submissions: collate them, propose
//! mentor pairings, and keep the institution's Concordat action plan.
//!
//! Nothing here reads Section 3 (meetings, actions), agreements or questionnaire text: a
//! submission is built from the profile, the checklist and one plan, plus numbers the member
//! chose to add (`--with-totals`, `--with-impact`).

pub mod collate;
pub mod concordat;
pub mod csv;
pub mod pair;
pub mod plan_file;
pub mod report;
pub mod roster;
pub mod submission;
pub mod submission_file;
pub mod walk;

mod flow;

use std::path::PathBuf;

/// The folder the coordinator's own files (roster, mentors, action plan) live in: the
/// directory given with `--data-dir` (or `MENTORPLAN_DATA_DIR`), else `coordinator/` inside
/// the default data directory, so that a coordinator who is also a member keeps the two apart.
pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    match explicit {
        Some(dir) => Some(dir),
        None => crate::settings::data_dir(None).map(|d| d.join("coordinator")),
    }
}

/// A name as submissions and rosters are matched on it: neither case nor runs of
/// white space make two people ("Siobhán  Kelly" and "siobhán kelly" are one).
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
