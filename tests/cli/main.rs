//! The real binary driven from the command line on temporary data directories, as a user (or
//! a script in a second pane) would run it. One test binary, a module per area.

mod agreements;
mod capture;
mod catalogs;
mod coordinator;
mod devlog;
mod escapes;
mod exports;
mod forms;
mod git_merge;
mod hardening;
mod mentees;
mod plan_edit;
mod reflect;
mod shell;
mod storage;
mod util;
mod validation;
mod years;
