//! The `mentorplan` binary: parse the command line, then open the TUI or run a command.

use clap::Parser;
use mentorplan::cli::{Cli, Command, MeetingArgs};
use mentorplan::settings::{self, Settings};
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
    let result = match cli.command {
        None => {
            install_hooks();
            mentorplan::ui::run(settings)
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
            eprintln!("mentorplan: {report}");
            let top = report.to_string();
            // Our errors usually say their cause already; print only what adds to it.
            for cause in report.chain().skip(1).map(|c| c.to_string()) {
                if !top.contains(&cause) {
                    eprintln!("  because: {cause}");
                }
            }
            ExitCode::from(1)
        }
    }
}

/// Installs the panic and error hooks before the terminal is touched, so that a panic restores
/// the terminal and then reports.
fn install_hooks() {
    if let Err(e) = color_eyre::install() {
        eprintln!("mentorplan: {e}");
    }
}
