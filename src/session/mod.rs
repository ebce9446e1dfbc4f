//! Layer rule: imports only `domain` and `store`; shared by `cli` and `tui`.
//!
//! What a run of the program works on: the data directory, the catalogue and today's date.
//! Resolved once at start-up and passed down, so nothing deeper reads the environment.

pub mod editor;
pub mod live;

use crate::domain::catalog::Catalog;
use crate::store::Store;
use chrono::NaiveDate;
use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "MENTORPLAN_DATA_DIR";
/// Pins "today" for tests and demonstrations (YYYY-MM-DD). Undocumented for users.
pub const TODAY_ENV: &str = "MENTORPLAN_TODAY";
/// The default review date of a new action, as an offset such as `+8w` (see `dates`).
pub const REVIEW_ENV: &str = "MENTORPLAN_REVIEW_INTERVAL";
pub const DEFAULT_REVIEW_INTERVAL: &str = "+8w";

#[derive(Debug, Clone)]
pub struct Settings {
    pub store: Store,
    pub catalog: Catalog,
    pub today: NaiveDate,
    /// Offset from today for a new action's review date (`+8w` unless configured).
    pub review_interval: String,
    /// Set when a mentor works on a mentee's record (`--mentee NAME`).
    pub mentee: Option<crate::store::mentees::Mentee>,
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

/// The catalogue file in effect: `--catalog FILE` (or `MENTORPLAN_CATALOG`), else
/// `catalog.json` in the user's config directory (`~/.config/mentorplan/`) if there is one;
/// `None` means the built-in CERES catalogue.
pub fn catalog_path(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit.or_else(|| {
        directories::ProjectDirs::from("", "", "mentorplan")
            .map(|d| d.config_dir().join("catalog.json"))
            .filter(|p| p.exists())
    })
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogFileError {
    #[error("cannot read the catalogue {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot use the catalogue {path}: {source}\nFix the file, or remove it to use the built-in CERES catalogue."
    )]
    Invalid {
        path: PathBuf,
        source: crate::domain::catalog::CatalogError,
    },
}

/// Reads an institution's catalogue file, naming the file in every error.
pub fn load_catalog(path: &std::path::Path) -> Result<Catalog, CatalogFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| CatalogFileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Catalog::from_institution_json(&text).map_err(|source| CatalogFileError::Invalid {
        path: path.to_path_buf(),
        source,
    })
}

impl Settings {
    /// Settings with the institution's catalogue instead of the built-in one.
    pub fn with_catalog(mut self, catalog: Catalog) -> Settings {
        self.store = self
            .store
            .with_year_start(catalog.academic_year_start_month);
        self.catalog = catalog;
        self
    }

    pub fn new(data_dir: PathBuf) -> Settings {
        Settings {
            store: Store::new(data_dir),
            catalog: Catalog::ceres(),
            today: today(),
            review_interval: std::env::var(REVIEW_ENV)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_REVIEW_INTERVAL.to_string()),
            mentee: None,
        }
    }
}

impl Settings {
    /// Settings with "today" fixed and nothing read from the environment, for tests and
    /// benchmarks.
    pub fn pinned(data_dir: impl Into<PathBuf>, today: NaiveDate) -> Settings {
        Settings {
            store: Store::new(data_dir.into()),
            catalog: Catalog::ceres(),
            today,
            review_interval: DEFAULT_REVIEW_INTERVAL.to_string(),
            mentee: None,
        }
    }

    /// The default review date for an action agreed today.
    pub fn default_review(&self) -> Result<NaiveDate, crate::domain::dates::DateError> {
        crate::domain::dates::parse_date(&self.review_interval, self.today).map_err(|mut e| {
            e.what = "review interval (MENTORPLAN_REVIEW_INTERVAL)";
            e
        })
    }
}

impl Settings {
    /// The same settings on another data directory.
    pub fn with_store(&self, store: Store) -> Settings {
        Settings {
            store,
            ..self.clone()
        }
    }

    /// The same settings on a mentee's record (the mentor's `--mentee NAME`).
    pub fn for_mentee(
        mut self,
        name: &str,
    ) -> Result<Settings, crate::store::mentees::MenteeError> {
        let list = self.store.load_mentees()?;
        let i = crate::store::mentees::find(&list.mentees, name, false)?;
        self.store = self.store.mentee_store(&list.mentees[i]);
        self.mentee = Some(list.mentees[i].clone());
        Ok(self)
    }
}
