//! What a run of the program works on: the data directory, the catalogue and today's date.
//! Resolved once at start-up and passed down, so nothing deeper reads the environment.

use crate::catalog::Catalog;
use crate::storage::Store;
use chrono::NaiveDate;
use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "MENTORPLAN_DATA_DIR";
/// Pins "today" for tests and demonstrations (YYYY-MM-DD). Undocumented for users.
pub const TODAY_ENV: &str = "MENTORPLAN_TODAY";

#[derive(Debug, Clone)]
pub struct Settings {
    pub store: Store,
    pub catalog: Catalog,
    pub today: NaiveDate,
}

/// `--data-dir`, else `$MENTORPLAN_DATA_DIR`, else the platform's data directory
/// (`$XDG_DATA_HOME/mentorplan`, usually `~/.local/share/mentorplan`).
pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| {
            directories::ProjectDirs::from("", "", "mentorplan").map(|d| d.data_dir().to_path_buf())
        })
}

pub fn today() -> NaiveDate {
    std::env::var(TODAY_ENV)
        .ok()
        .and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

impl Settings {
    pub fn new(data_dir: PathBuf) -> Settings {
        Settings {
            store: Store::new(data_dir),
            catalog: Catalog::ceres(),
            today: today(),
        }
    }
}
