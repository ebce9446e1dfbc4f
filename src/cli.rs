//! The command line, declared once with clap: help, usage errors (exit 2) and completions all
//! come from these types. No subcommand opens the TUI.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub mod coordinator;

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
    /// Show or set your profile (name, position, FTE, mentors, membership, e-mail)
    #[command(subcommand)]
    Profile(ProfileCommand),
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

#[derive(Debug, Subcommand)]
pub enum MenteeCommand {
    /// Add a mentee, with a record of their own
    Add { name: String },
    /// List your mentees
    List(ListArgs),
    /// End a mentoring relationship (the record is kept)
    End { name: String },
}

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

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Print the profile
    Show(ListArgs),
    /// Set the fields given (an empty value clears one)
    Set(ProfileArgs),
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub position: Option<String>,
    /// Full-time equivalent: 1.0, 0.8, 80%
    #[arg(long, value_name = "FTE")]
    pub fte: Option<String>,
    /// Your mentors, separated by commas
    #[arg(long, value_name = "NAMES")]
    pub mentors: Option<String>,
    /// Membership category: its id or the start of its name (core, associate ...)
    #[arg(long, value_name = "CATEGORY")]
    pub membership: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ChecklistCommand {
    /// Tick items: each an id or a unique start of its label ("targeting a journal")
    Tick {
        #[arg(required = true)]
        items: Vec<String>,
    },
    /// Untick items
    Untick {
        #[arg(required = true)]
        items: Vec<String>,
    },
    /// Set an area's level of interest/experience: introductory, intermediate, advanced or none
    Level { area: String, level: String },
    /// The "please specify" text of an area that has one (Other): an argument, or `-` for
    /// standard input
    Specify { area: String, text: String },
    /// List the areas and items with their ticks and levels
    List(ListArgs),
}

/// Which plan a `plan` command fills in.
#[derive(Debug, Args)]
pub struct PlanWindowArg {
    /// The plan's window, such as 2025-27 [default: the current one, else the latest plan]
    #[arg(long, value_name = "WINDOW")]
    pub year: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Start the current window's plan (About You from your profile)
    Start,
    /// Edit the whole plan in $VISUAL or $EDITOR, as Markdown: About You, every Yes/No and
    /// month, every section
    #[command(
        long_about = "Edit the whole plan in $VISUAL or $EDITOR, as Markdown in the shape of \
the plan's export: the About You fields, the workshop tables (tick Yes or No with [x], the \
intended month as MM/YY) and each section's text under its heading. When you save and quit, \
what you saved becomes the plan; a mistake reopens the editor with the problem marked above \
its line. Quit without saving, or empty the file, to change nothing. Until the plan has taken \
the text, it is kept in a private file in the data directory (named if anything fails)."
    )]
    Edit {
        /// The plan's window, such as 2025-27 [default: the current one, else the latest plan]
        window: Option<String>,
    },
    /// Set About You fields of the plan (an empty value clears one)
    About {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        position: Option<String>,
        /// Full-time equivalent: 1.0, 0.8, 80%
        #[arg(long, value_name = "FTE")]
        fte: Option<String>,
        #[arg(long)]
        mentor: Option<String>,
        #[command(flatten)]
        window: PlanWindowArg,
    },
    /// Answer a workshop or session: `plan session "Pitch Perfect" yes --month 11/26`
    Session {
        /// The workshop or session: its id or a unique start of its name
        session: String,
        /// yes, no, or none (neither ticked) [default: as it is]
        answer: Option<String>,
        /// The intended month: MM/YY, Nov 2026, 2026-11; `none` clears it
        #[arg(long, value_name = "MONTH")]
        month: Option<String>,
        #[command(flatten)]
        window: PlanWindowArg,
    },
    /// Set a section's text: from an argument, `--file F`, or standard input (`-` or nothing)
    Section {
        /// The section: its id or a unique start of its title ("key targets")
        section: String,
        /// The text (seen by other users in `ps` while the command runs: for anything private
        /// use --file or standard input); `-` reads standard input
        #[arg(conflicts_with = "file")]
        text: Option<String>,
        /// Read the text from FILE
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        #[command(flatten)]
        window: PlanWindowArg,
    },
    /// Start the next window's plan from the latest one (earlier plans become read-only history)
    New {
        /// The plan to start from [default: the latest]
        #[arg(long, value_name = "WINDOW")]
        from: Option<String>,
        /// Start it even though this year's plan is not yet due (it becomes read-only); never
        /// more than one window beyond the current one
        #[arg(long)]
        force: bool,
    },
    /// List plans with when each was last updated
    List(ListArgs),
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

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The note as arguments (seen by other users in `ps`: not for confidential text). Leave it
    /// out to type it at a prompt or pipe it in; `-` reads standard input
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
        #[command(flatten)]
        list: ListArgs,
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
        /// How long it lasted: 45, 45m, 45 min, 1h, 1.5h, 1h30, 90 minutes
        #[arg(long, value_name = "LENGTH")]
        minutes: String,
        /// Notes; `-` reads standard input
        #[arg(long)]
        notes: Option<String>,
    },
    /// List meetings with their lengths
    List(ListArgs),
    /// Make an interrupted meeting yours when the process capturing it has ended (on another
    /// host, or one this program cannot tell has ended): `mentorplan meeting` then offers to
    /// resume it, with all its notes
    TakeOver,
}

/// The proforma's fields; in `edit`, only those given change, and an empty value (or `none`
/// for a date or length) clears one.
#[derive(Debug, Args)]
pub struct AgreementFieldArgs {
    /// When the relationship commences: YYYY-MM-DD, today, -2w ...
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// How often you meet, e.g. "every two months"
    #[arg(long, value_name = "TEXT")]
    pub frequency: Option<String>,
    /// Length of a meeting: 60, 45 min, 1h, 1.5h, 1h30
    #[arg(long, value_name = "LENGTH")]
    pub length: Option<String>,
    /// Where you meet
    #[arg(long, value_name = "TEXT")]
    pub venue: Option<String>,
    /// Level and means of contact between meetings
    #[arg(long, value_name = "TEXT")]
    pub contact: Option<String>,
    /// Agreed duration, e.g. "12 months"
    #[arg(long, value_name = "TEXT")]
    pub duration: Option<String>,
    /// When you review the relationship: YYYY-MM-DD, +6m ...
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub review: Option<String>,
    /// How you will wind the partnership down
    #[arg(long, value_name = "TEXT")]
    pub wind_down: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AgreementCommand {
    /// Record a new agreement with a mentor (start date defaults to today)
    Add {
        #[arg(long, value_name = "NAME")]
        mentor: String,
        #[command(flatten)]
        fields: AgreementFieldArgs,
    },
    /// List agreements with their numbers, reviews and status
    List(ListArgs),
    /// Show every field of agreement N
    Show { number: usize },
    /// Change fields of agreement N
    Edit {
        number: usize,
        #[arg(long, value_name = "NAME")]
        mentor: Option<String>,
        #[command(flatten)]
        fields: AgreementFieldArgs,
    },
    /// Mark agreement N ended (wound down)
    End {
        number: usize,
        /// The end date [default: today]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// Make an ended agreement N active again
    Reopen { number: usize },
    /// Delete agreement N (its questionnaires are kept, about mentoring in general)
    Delete { number: usize },
}

#[derive(Debug, Args)]
pub struct QuestionnaireArgs {
    /// The agreement it is about: its number in `agreement list`, or the mentor's name
    #[arg(long, value_name = "N|NAME")]
    pub mentor: Option<String>,
    /// Confidence in an area, 1 to 5: AREA=N, AREA being an area id (journal, income ...) or
    /// the start of its label; repeat for each area
    #[arg(long = "rate", value_name = "AREA=N")]
    pub rates: Vec<String>,
    /// Your answer to the free-text question; `-` reads standard input
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// The date you filled it in [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Replace the questionnaire this one would duplicate (the pre-mentoring one for the same
    /// mentor, or the post-mentoring one of the same day) instead of refusing
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// Fill in the pre-mentoring questionnaire (before the relationship commences)
    Pre(QuestionnaireArgs),
    /// Fill in the post-mentoring questionnaire (after it, or at a review)
    Post(QuestionnaireArgs),
    /// Compare confidence before and after, area by area
    Compare {
        /// One agreement (number or mentor's name) [default: all mentoring]
        #[arg(long, value_name = "N|NAME")]
        mentor: Option<String>,
        /// Markdown instead of plain text
        #[arg(long, value_enum, default_value = "txt")]
        format: CompareFormat,
    },
    /// List questionnaires with their numbers
    List(ListArgs),
    /// Delete questionnaire N
    Delete { number: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Markdown, ready for pandoc
    Md,
    /// Plain text wrapped at 72 columns
    Txt,
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Log professional development you have done
    Add(DevAddArgs),
    /// List the log, numbered, with each academic year's days against the pro-rata target
    List {
        /// Only this academic year, such as 2025-26
        #[arg(long, value_name = "YEAR")]
        year: Option<String>,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Remove entry N (as numbered by `dev list`)
    Remove { number: usize },
    /// Log a workshop or session marked Yes in your plan as attended, in one step
    Attended(DevAttendedArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("time").required(true).args(["hours", "days"])))]
pub struct DevAddArgs {
    /// What it was, such as "BERA conference" or "Leadership course"
    #[arg(long)]
    pub title: String,
    /// Who provided it: activator, library, external or other
    #[arg(long)]
    pub provider: String,
    /// Time spent in hours, such as 1.5 (7.5 hours count as a day)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub hours: Option<String>,
    /// Time spent in days, such as 0.5
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub days: Option<String>,
    /// When: YYYY-MM-DD, today, yesterday, -3d ... [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    #[command(flatten)]
    pub details: DevDetails,
}

#[derive(Debug, Args)]
pub struct DevAttendedArgs {
    /// The workshop or session: its id (activator.pitch-perfect) or a unique part of its name
    #[arg(required = true)]
    pub session: Vec<String>,
    /// When you attended: YYYY-MM-DD, today, yesterday, -3d ... [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Hours, if not the usual length (ACTivator: half a day)
    #[arg(
        long,
        value_name = "N",
        allow_hyphen_values = true,
        conflicts_with = "days"
    )]
    pub hours: Option<String>,
    /// Days, if not the usual length
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub days: Option<String>,
    /// Log it even if it is not marked Yes in your plan, or is already logged that day
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub details: DevDetails,
}

/// What `dev add` and `dev attended` both take.
#[derive(Debug, Args)]
pub struct DevDetails {
    /// Career tag: academia or industry ("succeeding in ..."); repeat for both
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Concordat principle: environment, employment or development
    #[arg(long, value_name = "PRINCIPLE")]
    pub principle: Option<String>,
    /// Evidence: a note, a link or a file path; repeat for several
    #[arg(long, value_name = "TEXT")]
    pub evidence: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReflectCommand {
    /// Start, list or show cycles of action research
    #[command(subcommand)]
    Cycle(CycleCommand),
    /// Add an entry to a cycle at one of its stages
    #[command(subcommand)]
    Entry(ReflectEntryCommand),
    /// List the framework tags (descriptors and values) an entry can take
    Tags,
    /// Show the evidence of your mentoring practice, computed from your mentees' records
    /// (counts and hours only)
    Evidence,
}

#[derive(Debug, Subcommand)]
pub enum CycleCommand {
    /// Start a cycle with its question
    New {
        /// The question or aim of the cycle; `-` reads it from standard input
        question: String,
        /// What the cycle looks at, in more words
        #[arg(long, value_name = "TEXT")]
        focus: Option<String>,
        /// When it starts: YYYY-MM-DD, today, -3d ... [default: today]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// List the cycles, numbered, with their entries per stage
    List(ListArgs),
    /// Show cycle N with its entries under their stages
    Show { number: usize },
}

#[derive(Debug, Subcommand)]
pub enum ReflectEntryCommand {
    /// Add an entry: the text as an argument, from --file, or from standard input (`-`, or no
    /// text: typed at a prompt)
    Add(ReflectEntryArgs),
}

#[derive(Debug, Args)]
pub struct ReflectEntryArgs {
    /// The entry's text (seen by other users in `ps`: not for confidential text); `-` reads
    /// standard input; leave it out to type it at a prompt or pipe it in
    #[arg(conflicts_with = "file")]
    pub text: Option<String>,
    /// Read the text from FILE
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The stage: plan, act, observe or reflect
    #[arg(long)]
    pub stage: String,
    /// The cycle, by number (`mentorplan reflect cycle list`) [default: the latest started]
    #[arg(long, value_name = "N")]
    pub cycle: Option<usize>,
    /// A framework tag (see `mentorplan reflect tags`); repeat for several
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Evidence the entry draws on: a note, a link or a file path; repeat for several
    #[arg(long, value_name = "TEXT")]
    pub evidence: Vec<String>,
    /// Point at your mentoring of this mentee (their name in `mentorplan mentee list`): shown
    /// as the count and hours of your meetings over --from to --to, never their notes; repeat
    /// for several mentees
    #[arg(long, value_name = "MENTEE")]
    pub mentoring: Vec<String>,
    /// The start of the --mentoring period [default: the cycle's start]
    #[arg(
        long,
        value_name = "DATE",
        allow_hyphen_values = true,
        requires = "mentoring"
    )]
    pub from: Option<String>,
    /// The end of the --mentoring period [default: the entry's date]
    #[arg(
        long,
        value_name = "DATE",
        allow_hyphen_values = true,
        requires = "mentoring"
    )]
    pub to: Option<String>,
    /// When: YYYY-MM-DD, today, yesterday, -3d ... [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Keep the entry out of the award portfolio unless it is exported with
    /// --include-confidential
    #[arg(long)]
    pub confidential: bool,
}
