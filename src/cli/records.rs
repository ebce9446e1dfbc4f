//! The arguments of the records kept over time: notes, actions, meetings, agreements,
//! questionnaires, the development log, the reflective log and a mentor's mentees.

use super::files::ListArgs;
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum MenteeCommand {
    /// Add a mentee, with a record of their own
    Add {
        /// The mentee's name (later commands take a unique start of it: `--mentee zoe`)
        name: String,
        /// When the mentoring began (YYYY-MM-DD, DD/MM/YYYY, or "today") [default: today]
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// List your mentees
    List(ListArgs),
    /// End a mentoring relationship (the record is kept)
    End { name: String },
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
