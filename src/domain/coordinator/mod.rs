//! The scheme's other side: what a member submits each June and what the coordinator (the
//! Director of CERES, a mentoring coordinator) does with the submissions: collate them, propose
//! mentor pairings, and keep the institution's Concordat action plan.
//!
//! Nothing here reads Section 3 (meetings, actions), agreements or questionnaire text: a
//! submission is built from the profile, the checklist and one plan, plus numbers the member
//! chose to add (`--with-totals`, `--with-impact`). Their files are the store's
//! (`store::coordinator`), the report's writing the export's (`export::coordinator`).

pub mod collate;
pub mod concordat;
pub mod csv;
pub mod pair;
pub mod roster;
pub mod submission;

mod flow;

/// A name as submissions and rosters are matched on it: neither case nor runs of
/// white space make two people ("Siobhán  Kelly" and "siobhán kelly" are one).
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
