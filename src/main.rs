//! The `mentorplan` binary: parse the command line, then open the TUI or run a command.

use clap::Parser;
use mentorplan::cli::{Cli, Command, MeetingArgs};
use mentorplan::settings::{self, Settings};
use mentorplan::text::for_terminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Made from the declaration alone: no data directory or catalogue is needed (or read).
    let generated = match cli.command {
        Some(Command::Completions { shell }) => Some(mentorplan::commands::completions(shell)),
        Some(Command::Man) => Some(mentorplan::commands::man()),
        // Git runs it inside a clone of the data: the data directory is not involved.
        Some(Command::MergeFile(ref args)) => Some(mentorplan::commands::merge_file(args)),
        _ => None,
    };
    if let Some(result) = generated {
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(report) => {
                say(&report);
                ExitCode::from(1)
            }
        };
    }
    let Some(dir) = settings::data_dir(cli.data_dir) else {
        eprintln!(
            "mentorplan: cannot find your home directory to keep data in; give one with --data-dir DIR or MENTORPLAN_DATA_DIR"
        );
        return ExitCode::from(1);
    };
    let settings = Settings::new(dir);
    let settings = match settings::catalog_path(cli.catalog.clone()) {
        None => settings,
        Some(path) => match settings::load_catalog(&path) {
            Ok(catalog) => settings.with_catalog(catalog),
            Err(e) => {
                say(e);
                return ExitCode::from(1);
            }
        },
    };
    let settings = match &cli.mentee {
        None => settings,
        Some(name) => match settings.for_mentee(name) {
            Ok(s) => s,
            Err(e) => {
                say(e);
                return ExitCode::from(1);
            }
        },
    };
    // Said on every run until fixed: on a shared server this is the one that matters.
    if !matches!(cli.command, Some(Command::Check(_)))
        && let Some(warning) = settings.store.loose_permissions_warning()
    {
        say(format_args!("warning: {warning}"));
    }
    let result = match cli.command {
        None => {
            install_hooks();
            let opts = mentorplan::ui::UiOptions {
                exit_after_first_frame: cli.exit_after_first_frame,
                ..Default::default()
            };
            mentorplan::ui::run_with(settings, opts)
        }
        Some(Command::Meeting(MeetingArgs { command: None })) => {
            install_hooks();
            let opts = mentorplan::ui::UiOptions {
                exit_after_first_frame: cli.exit_after_first_frame,
                start_meeting: true,
                ..Default::default()
            };
            mentorplan::ui::run_with(settings, opts)
        }
        Some(command) => mentorplan::commands::run(command, &settings),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            say(&report);
            let top = report.to_string();
            // Our errors usually say their cause already; print only what adds to it.
            for cause in report.chain().skip(1).map(|c| c.to_string()) {
                if !top.contains(&cause) {
                    eprintln!("  because: {}", for_terminal(&cause));
                }
            }
            ExitCode::from(if is_usage_error(&report) { 2 } else { 1 })
        }
    }
}

/// Every message to standard error: errors quote data (a status read from an imported file, a
/// mentee's name, a catalogue key) that may hold escape sequences, so none goes out raw.
fn say(message: impl std::fmt::Display) {
    eprintln!("mentorplan: {}", for_terminal(&message.to_string()));
}

/// A value given on the command line that is not of an accepted form is a usage error, like
/// the ones clap reports itself (exit code 2): nothing was attempted.
fn is_usage_error(report: &color_eyre::Report) -> bool {
    report.chain().any(|e| {
        e.is::<mentorplan::dates::DateError>()
            || e.is::<mentorplan::cli::UsageError>()
            || e.is::<mentorplan::choose::ChooseError>()
            || e.is::<mentorplan::devlog::YearError>()
            || e.is::<mentorplan::devlog::ChoiceError>()
            || e.is::<mentorplan::calendar::WindowError>()
            || e.is::<mentorplan::model::profile::FteError>()
            // A value outside the domain's bounds (an agreement's length of 99,999,999).
            || matches!(
                e.downcast_ref::<mentorplan::storage::StorageError>(),
                Some(mentorplan::storage::StorageError::Op(
                    mentorplan::ops::OpError::Invalid(_)
                ))
            )
            || e.is::<mentorplan::length::LengthError>()
    })
}

/// Installs the panic and error hooks before the terminal is touched, so that a panic restores
/// the terminal and then reports.
fn install_hooks() {
    if let Err(e) = color_eyre::install() {
        say(e);
    }
}
