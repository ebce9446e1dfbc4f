//! The full-screen terminal interface (being written on the tui branch).

use crate::settings::Settings;

pub fn run(settings: Settings) -> color_eyre::Result<()> {
    let _ = settings;
    todo!("the TUI is being written on the tui branch")
}
