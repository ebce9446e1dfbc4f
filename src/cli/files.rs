//! The arguments of what goes in and out of the data directory: exports, import, check, lists
//! and the git merge driver.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// `--json` on `status` and every `list`: the field names are documented in docs/json.md and
/// kept stable.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON (stable field names, docs/json.md) instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MergeFileArgs {
    /// The common ancestor (git's %O; may be empty when both sides added the file)
    pub base: PathBuf,
    /// This side's version (git's %A): the merged result is written here
    pub ours: PathBuf,
    /// The other side's version (git's %B)
    pub theirs: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SectionArg {
    /// Section 4, the two-year research plan you submit
    Plan,
    /// Section 2, the mentoring activity checklist
    Checklist,
    /// Section 3, the record of meetings and actions (confidential)
    Meetings,
    /// Profile, checklist and plan (and meetings with --include-confidential)
    All,
    /// The mentoring agreements (confidential)
    Agreements,
    /// The impact questionnaires, before against after (confidential)
    Impact,
    /// The professional-development log as a portfolio of evidence, by academic year and tag
    Portfolio,
    /// The mentor's award portfolio: the reflective log's cycles by stage, the tags per
    /// descriptor and the evidence of practice (counts and hours only)
    Award,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Markdown, ready for pandoc
    Md,
    /// Plain text wrapped at 72 columns, for e-mail
    Txt,
    /// A Word document laid out like the printed form (needs -o FILE, or a pipe)
    Docx,
    /// An iCalendar file of the section's dates: the 15 June submissions and planned workshop
    /// months; action reviews, agreement reviews and meetings with --section meetings or
    /// agreements, or --include-confidential
    Ics,
    /// The section's data as JSON; with `--section all --include-confidential`, the whole
    /// record, for `mentorplan import` on another machine
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "all")]
    pub section: SectionArg,
    #[arg(long, value_enum, default_value = "md")]
    pub format: FormatArg,
    /// Plan window such as 2025-27 [default: the current one, else the latest plan]; for
    /// --section portfolio, one academic year such as 2025-26 [default: every year]
    #[arg(long, value_name = "WINDOW")]
    pub year: Option<String>,
    /// Include the confidential meetings, agreements and questionnaires in `--section all` (in
    /// every format; without it they are left out); in `--section award`, the log's entries you
    /// marked confidential (never anything of a mentee's record)
    #[arg(long)]
    pub include_confidential: bool,
    /// Write to FILE (mode 0600) instead of standard output (`-o -`: standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Permissions of the written file, in octal; a confidential export (meetings, agreements,
    /// impact, or --include-confidential) must stay private to you: 600 or 400
    #[arg(long, value_name = "OCTAL", default_value = "600", requires = "output")]
    pub mode: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rename each unreadable file to <name>.bad-<time> so that part starts afresh (nothing is deleted)
    #[arg(long)]
    pub move_aside: bool,
    /// Make the data directory 0700 and its files 0600
    #[arg(long)]
    pub fix_permissions: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file written by `mentorplan export --section all --include-confidential --format json`;
    /// `-` reads standard input
    pub file: PathBuf,
    /// Replace existing data (the replaced files are kept in backups/)
    #[arg(long)]
    pub replace: bool,
}
