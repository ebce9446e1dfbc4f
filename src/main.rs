//! Minimal entry point on the tui branch, so the TUI can be run and tested; the real command
//! line is written on `main` and replaces this file at the merge.

fn main() -> color_eyre::Result<()> {
    color_eyre::install()?;
    let dir = mentorplan::settings::data_dir(None).ok_or_else(|| {
        color_eyre::eyre::eyre!("cannot find a data directory: set MENTORPLAN_DATA_DIR")
    })?;
    mentorplan::ui::run(mentorplan::settings::Settings::new(dir))
}
