//! The coordinator's files: submissions as read from folders (`walk`, `submission_file`) and
//! the institution's action plan (`plan_file`), with the storage promises of the member's data.

pub mod plan_file;
pub mod submission_file;
pub mod walk;
