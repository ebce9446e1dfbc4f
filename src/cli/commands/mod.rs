//! The commands behind the command line. Each is a thin shell over the library: parse the
//! arguments into domain values, apply `Op`s through `Store::apply`, print a result.

mod capture;
mod check;
mod concordat;
mod coordinator;
mod devlog;
mod export;
mod json;
mod mentee;
mod mentoring;
mod merge_file;
mod plan;
mod plan_edit;
mod plan_forms;
mod profile;
mod reflect;
mod shell;
mod status;
mod transfer;

pub use merge_file::run as merge_file;
pub use shell::{completions, man};

use crate::cli::Command;
use crate::session::Settings;
use color_eyre::eyre::Result;
use std::io::{self, IsTerminal, Write};

pub fn run(command: Command, settings: &Settings) -> Result<()> {
    match command {
        Command::Export(mut args) => {
            // `-o -`: standard output, as with no -o.
            if args.output.as_deref() == Some(std::path::Path::new("-")) {
                args.output = None;
            }
            export::run(args, settings)
        }
        Command::Status(args) => status::run(args.json, settings),
        Command::Path => out(format!("{}\n", settings.store.dir().display())),
        Command::Check(args) => check::run(args, settings),
        Command::Import(args) => transfer::import(args, settings),
        Command::Note(args) => capture::note(args, settings),
        Command::Action(cmd) => capture::action(cmd, settings),
        Command::Meeting(crate::cli::MeetingArgs { command: Some(cmd) }) => {
            capture::meeting(cmd, settings)
        }
        // Bare `mentorplan meeting` opens the interface (main.rs).
        Command::Meeting(_) => crate::tui::run_meeting(settings.clone()),
        Command::Plan(cmd) => plan::run(cmd, settings),
        Command::Profile(cli) => profile::profile(
            cli.command
                .unwrap_or(crate::cli::ProfileCommand::Show(cli.show)),
            settings,
        ),
        Command::Checklist(cmd) => profile::checklist(cmd, settings),
        Command::MergeFile(args) => merge_file(&args),
        Command::Mentee(cmd) => mentee::run(cmd, settings),
        Command::Agreement(cmd) => mentoring::agreement(cmd, settings),
        Command::Questionnaire(cmd) => mentoring::questionnaire(cmd, settings),
        Command::Dev(cmd) => devlog::run(cmd, settings),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
        Command::Reflect(cmd) => reflect::run(cmd, settings),
        Command::Submit(args) => coordinator::submit(args, settings),
        Command::Collate(args) => coordinator::collate(args, settings),
        Command::Pair(args) => coordinator::pair(args, settings),
        Command::Concordat(cmd) => concordat::run(cmd, settings),
    }
}

/// Writes to standard output, with every control character but line breaks made visible: what
/// the commands print quotes data (a note, a mentor's name) that may hold escape sequences, and
/// nothing from data reaches a terminal raw. A closed pipe (`mentorplan export | head`) is not
/// an error.
pub(crate) fn out(text: impl AsRef<str>) -> Result<()> {
    write_stdout(crate::domain::text::for_terminal(text.as_ref()).as_bytes())
}

/// Standard error's counterpart of `out`, for warnings and notes.
pub(crate) fn warn(text: impl AsRef<str>) {
    eprintln!(
        "mentorplan: {}",
        crate::domain::text::for_terminal(text.as_ref())
    );
}

/// Exact bytes (JSON piped to a file or a program); to a terminal, unsafe characters in the
/// JSON's strings become `\uXXXX` escapes, which decode to the same data.
pub(crate) fn out_json(json: &str) -> Result<()> {
    if io::stdout().is_terminal() {
        write_stdout(crate::domain::text::json_for_terminal(json).as_bytes())
    } else {
        write_stdout(json.as_bytes())
    }
}

/// Exact bytes, for a file format that a program reads from a pipe (`export --format docx |
/// ...`); the caller refuses a terminal first.
pub(crate) fn out_bytes(bytes: &[u8]) -> Result<()> {
    write_stdout(bytes)
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => Ok(other?),
    }
}

/// A value of `option` that was refused, reported after the option's name and still the same
/// error underneath, so that `main` exits with it as a usage error.
pub(crate) fn refused<E>(option: &str, e: E) -> color_eyre::Report
where
    E: std::error::Error + Send + Sync + 'static,
{
    let message = format!("{option} {e}");
    color_eyre::Report::new(e).wrap_err(message)
}

/// The date `option` gives, or today, for something that has already happened (`what`): a
/// date that cannot be read or is still to come is a usage error naming the option.
pub(crate) fn past_date(
    text: Option<&str>,
    option: &str,
    what: &'static str,
    settings: &crate::session::Settings,
) -> color_eyre::eyre::Result<chrono::NaiveDate> {
    let usage = |e: &dyn std::fmt::Display| crate::cli::UsageError(format!("{option}: {e}"));
    let date = match text {
        Some(t) => crate::domain::dates::parse_date(t, settings.today).map_err(|e| usage(&e))?,
        None => settings.today,
    };
    crate::domain::model::rules::in_past(date, settings.today, what).map_err(|e| usage(&e))?;
    Ok(date)
}

pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
