//! The command line, declared once with clap: help, usage errors (exit 2) and completions all
//! come from these types. No subcommand opens the TUI.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export a section as Markdown or plain text (or the whole record as JSON)
    Export(ExportArgs),
    /// Show the plan window, days to the submission, mentoring hours and actions due
    Status,
    /// Print where your data is kept
    Path,
    /// Validate every data file and report each problem
    Check(CheckArgs),
    /// Import a whole record written by `mentorplan export --format json`
    Import(ImportArgs),
    /// Append a note to today's meeting (creating it if needed); reads standard input without TEXT
    Note(NoteArgs),
    /// Add, list and close actions (Section 3)
    #[command(subcommand)]
    Action(ActionCommand),
    /// Start a meeting now in the full-screen interface; or log or list meetings
    Meeting(MeetingArgs),
    /// Start next year's plan, list plans, compare two years
    #[command(subcommand)]
    Plan(PlanCommand),
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Start the next window's plan from the latest one (earlier plans become read-only history)
    New {
        /// The plan to start from [default: the latest]
        #[arg(long, value_name = "WINDOW")]
        from: Option<String>,
    },
    /// List plans with when each was last updated
    List,
    /// Show what changed between two plans, section by section
    Compare {
        /// The later plan [default: the latest]
        #[arg(long, value_name = "WINDOW")]
        year: Option<String>,
        /// The earlier plan [default: the one before --year]
        #[arg(long, value_name = "WINDOW")]
        with: Option<String>,
    },
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Markdown, ready for pandoc
    Md,
    /// Plain text wrapped at 72 columns, for e-mail
    Txt,
    /// The whole record as JSON, for `mentorplan import` on another machine
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "all")]
    pub section: SectionArg,
    #[arg(long, value_enum, default_value = "md")]
    pub format: FormatArg,
    /// Plan window such as 2025-27 [default: the current one, else the latest plan]
    #[arg(long, value_name = "WINDOW")]
    pub year: Option<String>,
    /// Include the confidential record of meetings in `--section all`
    #[arg(long)]
    pub include_confidential: bool,
    /// Write to FILE (mode 0600) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Permissions of the written file, in octal
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
    /// A file written by `mentorplan export --format json`
    pub file: PathBuf,
    /// Replace existing data (the replaced files are kept in backups/)
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The note; `-` or nothing reads standard input
    pub text: Vec<String>,
    /// The meeting's date [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action
    Add {
        #[arg(long)]
        activity: String,
        #[arg(long, default_value = "")]
        outputs: String,
        /// Review date: YYYY-MM-DD, today, +8w, -3d, +2m ... [default: +8w, or $MENTORPLAN_REVIEW_INTERVAL]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        review: Option<String>,
        /// Date of the meeting that agreed it [default: today]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        meeting: Option<String>,
    },
    /// List actions with their numbers
    List {
        /// Include done and dropped actions
        #[arg(long)]
        all: bool,
    },
    /// Mark action N (as numbered by `action list`) done
    Done { number: usize },
    /// Mark action N dropped
    Drop { number: usize },
}

#[derive(Debug, Args)]
#[command(
    long_about = "Without a command, opens the full-screen interface in a live meeting started now: \
type the notes while your mentor talks, add actions and tick checklist items as they come up, \
and end it with its length. The notes are saved as you type; if the program is stopped or the \
link drops, the next start offers to resume the meeting."
)]
pub struct MeetingArgs {
    #[command(subcommand)]
    pub command: Option<MeetingCommand>,
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Record a meeting: its date, length and notes
    Log {
        #[arg(
            long,
            value_name = "DATE",
            default_value = "today",
            allow_hyphen_values = true
        )]
        date: String,
        #[arg(long)]
        minutes: u32,
        /// Notes; `-` reads standard input
        #[arg(long)]
        notes: Option<String>,
    },
    /// List meetings with their lengths
    List,
}
