//! The arguments of the member's forms from the shell: the profile, the checklist and the plan
//! (start, About You, sessions, sections, edit in $EDITOR).

use super::files::ListArgs;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `mentorplan profile` alone shows the profile, as `profile show` does.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ProfileCli {
    #[command(subcommand)]
    pub command: Option<ProfileCommand>,
    #[command(flatten)]
    pub show: ListArgs,
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
