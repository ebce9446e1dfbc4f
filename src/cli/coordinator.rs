//! The command line of the scheme's other side: the member's `submit`, and the coordinator's
//! `collate`, `pair` and `concordat`.

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    long_about = "Write your submission for the plan window into a folder: the plan as JSON (what \
the coordinator's `mentorplan collate` reads) and as Markdown (to read), named with your name and \
the window (jane-smith_2025-27.json and .md). It holds your profile, your checklist (Section 2) \
and the plan; never your meetings, actions, agreements or questionnaires. Send both files to the \
Director, or drop them in the shared folder."
)]
pub struct SubmitArgs {
    /// Plan window such as 2025-27 [default: the current one, else the latest plan]
    #[arg(long, value_name = "WINDOW")]
    pub year: Option<String>,
    /// Folder to write the two files into [default: the current directory]
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Add this academic year's mentoring hours and development days, as two numbers (no
    /// notes, no titles), so that the coordinator can count them against the minimums
    #[arg(long)]
    pub with_totals: bool,
    /// Add your questionnaires' confidence ratings per area, before and after, as numbers (never
    /// their text nor the mentor); the coordinator sees only averages over five or more members
    #[arg(long)]
    pub with_impact: bool,
    /// Your grade, a whole number on your institution's scale, for pairing with a mentor
    #[arg(long, value_name = "N")]
    pub grade: Option<u32>,
    /// A mentor you would like; repeat for several
    #[arg(long, value_name = "NAME")]
    pub prefer: Vec<String>,
    /// A mentor you would rather not have; repeat for several
    #[arg(long, value_name = "NAME")]
    pub avoid: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, to read or convert with pandoc
    Md,
    /// One CSV table with a `table` column, for a spreadsheet
    Csv,
    /// JSON, for a program
    Json,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Read every submission (`mentorplan submit`'s .json files) under the folders and \
report who submitted which window and when, who on the roster has not, workshop and \
library-session demand by month, checklist areas and levels wanted by membership category, \
hours and development days against the minimums where members added them, and the impact \
questionnaires where at least five members answered. A file that is not a submission, a \
duplicate or an older one is named and skipped."
)]
pub struct CollateArgs {
    /// Folders (searched with their subfolders) or files
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// The members expected to submit, CSV: name[,email] [default: roster.csv in the
    /// coordinator's data directory, if there]
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// The plan window the figures are about [default: the current one]
    #[arg(long, value_name = "WINDOW")]
    pub year: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Write to FILE (mode 0600) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Browse the report full-screen, a tab per part, instead of printing it
    #[arg(long, conflicts_with_all = ["format", "output"])]
    pub tui: bool,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Propose mentor-mentee pairings from the mentees' submissions and a mentors file \
(CSV: name,grade,areas,current mentees; areas separated by ';'). The proposal is an optimal \
assignment: as many mentees paired as the caps allow (four mentees per mentor, current ones \
counted), then as many shared checklist areas as possible, preferring mentors at most two grades \
above the mentee, honouring each mentee's \"I'd like X\" and \"not Y\"."
)]
pub struct PairArgs {
    /// The mentors, CSV: name,grade,areas,current mentees [default: mentors.csv in the
    /// coordinator's data directory]
    #[arg(long, value_name = "FILE")]
    pub mentors: Option<PathBuf>,
    /// Mentees' preferences and grades, CSV: name,grade,prefer,avoid (names separated by ';');
    /// they add to what the submissions say
    #[arg(long, value_name = "FILE")]
    pub preferences: Option<PathBuf>,
    /// The plan window whose submissions to pair [default: the current one]
    #[arg(long, value_name = "WINDOW")]
    pub year: Option<String>,
    /// Submission files or folders holding them
    #[arg(required = true, value_name = "SUBMISSIONS")]
    pub submissions: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
}

#[derive(Debug, Subcommand)]
pub enum ConcordatCommand {
    /// Add an action to the plan
    Add(ConcordatFields),
    /// Change fields of action N (as numbered by `concordat list`)
    Edit {
        number: usize,
        #[command(flatten)]
        fields: ConcordatFields,
    },
    /// Add a dated progress update to action N
    Progress {
        number: usize,
        /// What has been done
        text: String,
        /// The update's date [default: today]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// List the actions with their numbers; --overdue: only those past their deadline month
    /// and not closed
    List {
        #[arg(long)]
        overdue: bool,
    },
    /// The plan in the HR Excellence in Research layout, grouped by principle
    Report {
        #[arg(long, value_enum, default_value = "md")]
        format: ConcordatFormat,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Fill action N's actual impact from the submissions under folders: the share of members
    /// who shared their totals and reached their development days pro rata (PCDR1)
    DaysImpact {
        number: usize,
        /// Folders (or files) of submissions, as for `collate`
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// The plan window whose submissions count [default: the current one]
        #[arg(long, value_name = "WINDOW")]
        year: Option<String>,
    },
    /// List the obligations (codes and texts) actions can refer to
    Obligations,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConcordatFormat {
    /// Markdown tables, one per principle
    Md,
    /// CSV, one row per action, the report's columns
    Csv,
}

/// The action plan's columns; in `edit`, only those given change.
#[derive(Debug, Args)]
pub struct ConcordatFields {
    /// The obligation's code, such as PCDR1 (see `concordat obligations`)
    #[arg(long, value_name = "CODE")]
    pub obligation: Option<String>,
    /// What will be done
    #[arg(long, value_name = "TEXT")]
    pub action: Option<String>,
    /// Carried over from the previous action plan: yes or no
    #[arg(long, value_name = "YES|NO")]
    pub carried_over: Option<String>,
    /// The month it is due: 2025-08, 08/25, Aug-25, Aug 2025 (`none` clears it)
    #[arg(long, value_name = "MONTH")]
    pub deadline: Option<String>,
    /// Who is responsible
    #[arg(long, value_name = "TEXT")]
    pub responsibility: Option<String>,
    /// The targeted impact of the action (success measure)
    #[arg(long, value_name = "TEXT")]
    pub impact: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub comments: Option<String>,
    /// The actual impact (reporting against the success measure)
    #[arg(long, value_name = "TEXT")]
    pub actual_impact: Option<String>,
    /// ongoing, carried-forward or no-further-action
    #[arg(long, value_name = "OUTCOME")]
    pub outcome: Option<String>,
}
