//! `mentorplan completions SHELL` and `mentorplan man`: both made from the one clap declaration,
//! so they never disagree with `--help`.

use super::write_stdout;
use crate::cli::Cli;
use clap::CommandFactory;
use color_eyre::eyre::Result;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "mentorplan", &mut bytes);
    write_stdout(&bytes)
}

pub fn man() -> Result<()> {
    let mut bytes = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut bytes)?;
    write_stdout(&bytes)
}
