//! Tests of `mentorplan::export` against Jane Smith, the example member of the reference form:
//! golden files, the seed's content, the Markdown's structure as a parser sees it, and
//! properties that must hold whatever a member types.

mod behaviour;
mod content;
mod files;
mod golden;
mod helpers;
mod mentoring;
mod portfolio;
mod properties;
mod structure;
