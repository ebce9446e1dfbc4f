//! Layer rule: the outermost layer, over all others; changes data only through `domain::ops::Op`.
//!
//! The command line, declared once with clap: help, usage errors (exit 2) and completions all
//! come from these types (the top level here; `files`, `forms` and `records` the arguments of each
//! family). `meeting` opens the TUI; no other subcommand does.

pub mod commands;
pub mod coordinator;
mod files;
mod forms;
mod records;

pub use files::*;
pub use forms::*;
pub use records::*;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// A value given on the command line that is not of an accepted form; the message says what is
/// accepted. Exits 2, like clap's own usage errors: nothing was attempted.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Returns a usage error from the current function.
#[macro_export]
macro_rules! usage {
    ($($arg:tt)*) => {
        return Err($crate::cli::UsageError(format!($($arg)*)).into())
    };
}

#[derive(Debug, Parser)]
#[command(
    name = "mentorplan",
    version,
    about = "Keep your research mentoring record and two-year research plan (CERES Enhancing Academic Practice Framework).",
    long_about = "Keep your research mentoring record and two-year research plan (CERES Enhancing \
Academic Practice Framework).\n\nWith no command, opens the full-screen interface. Your data is \
JSON in your data directory (see `mentorplan path`), readable only by you."
)]
pub struct Cli {
    /// Directory holding your data [default: ~/.local/share/mentorplan]
    #[arg(long, global = true, env = "MENTORPLAN_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Use an institution's catalogue (checklist, workshops, sections, rules) [default:
    /// ~/.config/mentorplan/catalog.json if present, else the built-in CERES one]
    #[arg(long, global = true, env = "MENTORPLAN_CATALOG", value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// Work on a mentee's record (as their mentor) instead of your own
    #[arg(long, global = true, value_name = "NAME")]
    pub mentee: Option<String>,

    /// Draw the interface's first frame and exit (for start-up timing)
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export a section as Markdown, plain text, Word, a calendar or JSON; the whole record, to move machines, with
    /// `--section all --include-confidential --format json`
    Export(ExportArgs),
    /// Show the plan window, days to the submission, mentoring hours and actions due
    Status(ListArgs),
    /// Print where your data is kept
    Path,
    /// Validate every data file and report each problem
    Check(CheckArgs),
    /// Import a record written by `mentorplan export --section all --include-confidential --format json`
    Import(ImportArgs),
    /// Append a note to today's meeting (creating it if needed): type it at the prompt, or pipe it in
    #[command(
        long_about = "Append a note to today's meeting (creating it if needed).\n\nRun `mentorplan note` \
    and type the note at the prompt (an empty line or Ctrl-D ends it), or pipe it in: \
    `mentorplan note < notes.txt`. Text given as arguments works too, but while the command runs \
    every user on the server can read its arguments (`ps`, /proc/PID/cmdline), and your shell \
    may keep them in its history: do not put confidential text there."
    )]
    Note(NoteArgs),
    /// Add, list and close actions (Section 3)
    #[command(subcommand)]
    Action(ActionCommand),
    /// Start a meeting now in the full-screen interface; or log or list meetings
    Meeting(MeetingArgs),
    /// Start, fill in, edit (in $EDITOR), list and compare the two-year plans
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Show (the default) or set your profile (name, position, FTE, mentors, membership, e-mail)
    Profile(ProfileCli),
    /// Section 2, the mentoring activity checklist: tick items, set levels, list
    #[command(subcommand)]
    Checklist(ChecklistCommand),
    /// Three-way merge of one data file, for git: `mentorplan merge-file %O %A %B` as a merge
    /// driver (see docs/sync.md)
    #[command(
        long_about = "Merge two versions of one data file against their common ancestor, as \
git's merge driver: `git config merge.mentorplan.driver 'mentorplan merge-file %O %A %B'` and \
`*.json merge=mentorplan` in .gitattributes (docs/sync.md). The result is written to OURS and \
the exit code is 0; when the files cannot be merged (one is not a mentorplan data file, or \
they are of different kinds), OURS is left untouched and the exit code is 1, so git reports \
a conflict."
    )]
    MergeFile(MergeFileArgs),
    /// As a mentor: keep a separate record for each mentee (at most four at a time)
    #[command(subcommand)]
    Mentee(MenteeCommand),
    /// Keep the mentoring agreement with each mentor: meetings, contact, duration, review
    #[command(subcommand)]
    Agreement(AgreementCommand),
    /// Rate your confidence per checklist area before and after mentoring, and compare
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// Professional-development log: add, list, remove, or log a planned workshop as attended
    #[command(subcommand)]
    Dev(DevCommand),
    /// As a mentor: your reflective practice log toward a mentoring award (cycles of action
    /// research), its framework tags and the evidence of your mentoring practice
    #[command(subcommand)]
    Reflect(ReflectCommand),
    /// Print a completion script for your shell (see the README for where to put it)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `mentorplan man > ~/.local/share/man/man1/mentorplan.1`
    Man,
    /// Write your submission for the window (plan as JSON and Markdown) into a folder
    Submit(coordinator::SubmitArgs),
    /// Coordinator: collate the submissions under folders (demand, areas, totals, who is missing)
    Collate(coordinator::CollateArgs),
    /// Coordinator: propose mentor-mentee pairings from submissions and a mentors file
    Pair(coordinator::PairArgs),
    /// Coordinator: keep the institution's Concordat action plan (HR Excellence in Research)
    #[command(subcommand)]
    Concordat(coordinator::ConcordatCommand),
}
