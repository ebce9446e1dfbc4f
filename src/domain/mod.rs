//! The domain: the record (`model`), the scheme's catalogue and calendar, its rules (plan cycle,
//! development, mentoring, status) and the operations (`ops`) that are the only way a record
//! changes. Rule of the layer: imports nothing from `store`, `export`, `session`, `cli` or `tui`.

pub mod calendar;
pub mod catalog;
pub mod choose;
pub mod coordinator;
pub mod cycle;
pub mod dates;
pub mod devlog;
pub mod length;
pub mod mentoring;
pub mod merge;
pub mod model;
pub mod ops;
pub mod plan_text;
pub mod reflect;
pub mod status;
pub mod text;
