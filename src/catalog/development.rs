//! The catalogue's professional-development part: the Concordat's yearly target and how hours
//! count as days, who provides development (and which plan grid each provider's sessions come
//! from, with their usual length), the career tags and the Concordat principles, and the words
//! of the portfolio export.

use super::{CatalogError, Entry};
use crate::model::TimeSpent;
use crate::model::devlog::Amount;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DevelopmentCatalog {
    pub title: String,
    pub intro: String,
    /// The institution's own codes for the obligations the log serves (Leicester's action plan
    /// cites PCDR1 and PCDR3), named after the intro; empty where the scheme has none, so a
    /// screen never cites another institution's codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// Days of professional development a year at 1.0 FTE (Concordat PCDR1: 10).
    pub days_per_year: Amount,
    /// Hours that make one day when time is logged in hours (7.5 is usual in UK HE).
    pub hours_per_day: Amount,
    pub providers: Vec<Provider>,
    pub tags: Vec<Entry>,
    pub principles: Vec<Entry>,
    pub labels: DevelopmentLabels,
}

impl DevelopmentCatalog {
    /// The intro, with the institution's codes after it when the catalogue has any.
    pub fn intro_text(&self) -> String {
        if self.codes.is_empty() {
            self.intro.clone()
        } else {
            format!("{} ({})", self.intro, self.codes.join(", "))
        }
    }
}

/// Who provides an activity. A provider with a `grid` offers the sessions of that plan grid,
/// which can be logged as attended in one step, taking `session_length` by default.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_length: Option<TimeSpent>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DevelopmentLabels {
    /// Heads the entries with no tag.
    pub untagged: String,
    /// Joins tag labels where an entry has several ("... and ...").
    pub tags_joiner: String,
    pub date: String,
    pub provider: String,
    pub time: String,
    pub tags: String,
    pub principle: String,
    pub session: String,
    pub evidence: String,
    pub no_evidence: String,
    pub total: String,
    pub target: String,
    pub target_met: String,
    /// `{days}` is replaced by the days still to do.
    pub to_go: String,
    pub fte_assumed: String,
    /// `{hours}` is replaced by the hours per day.
    pub conversion: String,
    pub no_entries: String,
}

impl DevelopmentCatalog {
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The provider whose sessions are the plan grid `grid`.
    pub fn provider_of_grid(&self, grid: &str) -> Option<&Provider> {
        self.providers
            .iter()
            .find(|p| p.grid.as_deref() == Some(grid))
    }

    pub fn tag(&self, id: &str) -> Option<&Entry> {
        self.tags.iter().find(|t| t.id == id)
    }

    pub fn principle(&self, id: &str) -> Option<&Entry> {
        self.principles.iter().find(|p| p.id == id)
    }

    /// Ids unique within their kind, positive numbers, and every plan grid offered by exactly
    /// one provider (so a session logged as attended has one provider).
    pub(super) fn validate(&self, grids: &[&str]) -> Result<(), CatalogError> {
        let invalid = |m: String| Err(CatalogError::Invalid(format!("development: {m}")));
        if self.hours_per_day.hundredths() > 24 * 100 {
            return invalid("hours_per_day must be at most 24".into());
        }
        let kinds: [(&str, Vec<&str>); 3] = [
            (
                "provider",
                self.providers.iter().map(|p| p.id.as_str()).collect(),
            ),
            ("tag", self.tags.iter().map(|t| t.id.as_str()).collect()),
            (
                "principle",
                self.principles.iter().map(|p| p.id.as_str()).collect(),
            ),
        ];
        for (kind, ids) in kinds {
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                if id.trim().is_empty() || !seen.insert(id) {
                    return invalid(format!("{kind} id {id:?} is empty or used twice"));
                }
            }
        }
        for grid in grids {
            let n = self
                .providers
                .iter()
                .filter(|p| p.grid.as_deref() == Some(grid))
                .count();
            if n != 1 {
                return invalid(format!(
                    "plan grid {grid:?} is offered by {n} providers; it needs exactly one"
                ));
            }
        }
        if let Some(p) = self
            .providers
            .iter()
            .find(|p| p.grid.as_deref().is_some_and(|g| !grids.contains(&g)))
        {
            return invalid(format!("provider {:?} names an unknown grid", p.id));
        }
        Ok(())
    }
}
