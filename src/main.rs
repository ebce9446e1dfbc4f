//! The `mentorplan` binary: parse the command line, then open the TUI or run a command.

use clap::Parser;
use mentorplan::cli::{Cli, Command, MeetingArgs};
use mentorplan::settings::{self, Settings};
use mentorplan::text::for_terminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
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
                eprintln!("mentorplan: {e}");
                return ExitCode::from(1);
            }
        },
    };
    let settings = match &cli.mentee {
        None => settings,
        Some(name) => match settings.for_mentee(name) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("mentorplan: {e}");
                return ExitCode::from(1);
            }
        },
    };
    // Said on every run until fixed: on a shared server this is the one that matters.
    if !matches!(cli.command, Some(Command::Check(_)))
        && let Some(warning) = settings.store.loose_permissions_warning()
    {
        eprintln!("mentorplan: warning: {warning}");
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
            mentorplan::ui::run_meeting(settings)
        }
        Some(command) => mentorplan::commands::run(command, &settings),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            // Errors quote file names and file contents: nothing in them reaches the terminal raw.
            let top = report.to_string();
            eprintln!("mentorplan: {}", for_terminal(&top));
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

/// A value given on the command line that is not of an accepted form is a usage error, like
/// the ones clap reports itself (exit code 2): nothing was attempted.
fn is_usage_error(report: &color_eyre::Report) -> bool {
    report.chain().any(|e| {
        e.is::<mentorplan::dates::DateError>()
            || e.is::<mentorplan::calendar::WindowError>()
            || e.is::<mentorplan::model::profile::FteError>()
    })
}

/// Installs the panic and error hooks before the terminal is touched, so that a panic restores
/// the terminal and then reports.
fn install_hooks() {
    if let Err(e) = color_eyre::install() {
        eprintln!("mentorplan: {e}");
    }
}
