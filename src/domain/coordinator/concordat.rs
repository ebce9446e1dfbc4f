//! The institution's Concordat action plan (HR Excellence in Research): actions against the
//! Researcher Development Concordat's obligations, each with the plan's columns (obligation,
//! action, carried over, deadline month, responsibility, targeted impact, comments, dated
//! progress updates, actual impact, outcome), and the report grouped by principle.
//!
//! The obligations are catalogue data (`src/catalog/concordat.json`: the codes and texts of the
//! University of Leicester's plan, seed 004), replaceable by another institution's file. A
//! code reads principle, holder and number: `PCDR1` is Professional and Career Development,
//! Researchers, 1; `EI3` Employment, Institutions, 3.

use crate::domain::dates::YearMonth;
use crate::domain::model::Unknown;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const BUILT_IN: &str = include_str!("../catalog/concordat.json");

/// The version of `concordat.json` this release writes.
pub const SCHEMA_VERSION: u64 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obligations {
    pub id: String,
    pub name: String,
    pub principles: Vec<Principle>,
    pub holders: Vec<Named>,
    pub outcomes: Vec<Named>,
    pub obligations: Vec<Obligation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// The start of its codes: `EC`, `E`, `PCD`.
    pub prefix: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    pub code: String,
    pub text: String,
}

/// A value refused, with what is accepted: a usage error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConcordatError {
    #[error("{0:?} is not an obligation of this plan; accepted: {1}")]
    UnknownObligation(String, String),
    #[error("{0:?} is not an outcome; accepted: {1}")]
    UnknownOutcome(String, String),
    #[error("{0:?} is not yes or no")]
    NotYesNo(String),
    #[error("there is no action {0}; the plan has {1} (see `mentorplan concordat list`)")]
    NoAction(usize, usize),
    #[error("an action needs an obligation: give --obligation CODE")]
    NoObligation,
}

impl Obligations {
    pub fn built_in() -> Obligations {
        Obligations::from_json(BUILT_IN).expect("the built-in obligations are valid")
    }

    /// Reads another institution's file, checking that every code has a known principle and
    /// holder and appears once.
    pub fn from_json(text: &str) -> Result<Obligations, String> {
        let o: Obligations = serde_json::from_str(text).map_err(|e| e.to_string())?;
        for (i, ob) in o.obligations.iter().enumerate() {
            if o.principle_of(&ob.code).is_none() {
                return Err(format!(
                    "obligation {:?} does not start with a principle's prefix and a holder ({})",
                    ob.code,
                    o.holders
                        .iter()
                        .map(|h| h.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if o.obligations[..i].iter().any(|x| x.code == ob.code) {
                return Err(format!("obligation {:?} is listed twice", ob.code));
            }
        }
        Ok(o)
    }

    /// The principle and holder a code belongs to (the longest prefix that leaves a holder's
    /// letter and a number).
    pub fn principle_of(&self, code: &str) -> Option<(&Principle, &Named)> {
        let mut best: Option<(&Principle, &Named)> = None;
        for p in &self.principles {
            let Some(rest) = code.strip_prefix(p.prefix.as_str()) else {
                continue;
            };
            for h in &self.holders {
                let Some(number) = rest.strip_prefix(h.id.as_str()) else {
                    continue;
                };
                if !number.is_empty()
                    && number.chars().all(|c| c.is_ascii_digit())
                    && best.is_none_or(|(b, _)| b.prefix.len() < p.prefix.len())
                {
                    best = Some((p, h));
                }
            }
        }
        best
    }

    pub fn get(&self, code: &str) -> Option<&Obligation> {
        self.obligations.iter().find(|o| o.code == code)
    }

    /// The code as the catalogue spells it (`pcdr1` is `PCDR1`), or the list of codes.
    pub fn code(&self, text: &str) -> Result<String, ConcordatError> {
        let t = text.trim();
        self.obligations
            .iter()
            .find(|o| o.code.eq_ignore_ascii_case(t))
            .map(|o| o.code.clone())
            .ok_or_else(|| {
                let codes: Vec<&str> = self.obligations.iter().map(|o| o.code.as_str()).collect();
                ConcordatError::UnknownObligation(text.into(), codes.join(", "))
            })
    }

    /// An outcome's id from its id or label (`Carried forward`, `carried-forward`).
    pub fn outcome(&self, text: &str) -> Result<String, ConcordatError> {
        let norm = |s: &str| s.trim().to_lowercase().replace([' ', '_'], "-");
        self.outcomes
            .iter()
            .find(|o| norm(&o.id) == norm(text) || norm(&o.label) == norm(text))
            .map(|o| o.id.clone())
            .ok_or_else(|| {
                let ids: Vec<&str> = self.outcomes.iter().map(|o| o.id.as_str()).collect();
                ConcordatError::UnknownOutcome(text.into(), ids.join(", "))
            })
    }

    pub fn outcome_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.outcomes
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.label.as_str())
            .unwrap_or(id)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionPlan {
    pub institution: String,
    pub actions: Vec<Action>,
    #[serde(flatten)]
    pub extra: Unknown,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Action {
    pub obligation: String,
    pub action: String,
    /// Carried over from the previous action plan; `None`: not said.
    pub carried_over: Option<bool>,
    /// The month it is due.
    pub deadline: Option<YearMonth>,
    pub responsibility: String,
    /// The targeted impact of the action (success measure).
    pub targeted_impact: String,
    pub comments: String,
    /// Progress updates, oldest first.
    pub progress: Vec<Progress>,
    /// The actual impact, reported against the success measure.
    pub actual_impact: String,
    /// An outcome id from the catalogue (`ongoing`, `carried-forward`, `no-further-action`).
    pub outcome: Option<String>,
    #[serde(flatten)]
    pub extra: Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub date: NaiveDate,
    pub text: String,
}

/// Changes to an action's columns, already checked: `None` leaves a column as it is.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub obligation: Option<String>,
    pub action: Option<String>,
    pub carried_over: Option<Option<bool>>,
    pub deadline: Option<Option<YearMonth>>,
    pub responsibility: Option<String>,
    pub targeted_impact: Option<String>,
    pub comments: Option<String>,
    pub actual_impact: Option<String>,
    pub outcome: Option<Option<String>>,
}

impl Change {
    pub fn apply(self, a: &mut Action) {
        fn set<T>(slot: &mut T, v: Option<T>) {
            if let Some(v) = v {
                *slot = v;
            }
        }
        set(&mut a.obligation, self.obligation);
        set(&mut a.action, self.action);
        set(&mut a.carried_over, self.carried_over);
        set(&mut a.deadline, self.deadline);
        set(&mut a.responsibility, self.responsibility);
        set(&mut a.targeted_impact, self.targeted_impact);
        set(&mut a.comments, self.comments);
        set(&mut a.actual_impact, self.actual_impact);
        set(&mut a.outcome, self.outcome);
    }
}

/// `yes`/`no` (and `y`, `n`, `true`, `false`); empty or `none` clears it.
pub fn yes_no(text: &str) -> Result<Option<bool>, ConcordatError> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(Some(true)),
        "no" | "n" | "false" => Ok(Some(false)),
        "" | "none" | "-" => Ok(None),
        _ => Err(ConcordatError::NotYesNo(text.into())),
    }
}

/// A deadline month as the plan writes it: `Aug-25` and `May-25` (the HR Excellence form),
/// and every form `YearMonth::parse` takes (`2025-08`, `08/25`, `Aug 2025`); empty, `none` or
/// `-` for none.
pub fn deadline(
    text: &str,
    today: NaiveDate,
) -> Result<Option<YearMonth>, crate::domain::dates::DateError> {
    let t = text.trim();
    if t.is_empty() || t == "-" || t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let spaced = match t.split_once('-') {
        Some((m, y)) if m.chars().all(|c| c.is_ascii_alphabetic()) && !m.is_empty() => {
            format!("{m} {y}")
        }
        _ => t.to_string(),
    };
    YearMonth::parse(&spaced, today).map(Some)
}

impl ActionPlan {
    /// Action `number` (from 1, as `list` numbers them).
    pub fn action_mut(&mut self, number: usize) -> Result<&mut Action, ConcordatError> {
        let len = self.actions.len();
        number
            .checked_sub(1)
            .and_then(|i| self.actions.get_mut(i))
            .ok_or(ConcordatError::NoAction(number, len))
    }

    /// Actions whose deadline month has passed and that are not closed (no outcome, or
    /// `ongoing`), with their numbers.
    pub fn overdue(&self, today: NaiveDate) -> Vec<(usize, &Action)> {
        let this_month = YearMonth::of(today);
        self.actions
            .iter()
            .enumerate()
            .filter(|(_, a)| a.deadline.is_some_and(|d| d < this_month))
            .filter(|(_, a)| a.outcome.as_deref().is_none_or(|o| o == "ongoing"))
            .map(|(i, a)| (i + 1, a))
            .collect()
    }
}

/// The report's columns, as on the HR Excellence in Research form.
pub const COLUMNS: [&str; 11] = [
    "Obligation",
    "Obligation text",
    "Action",
    "Carried over from previous action plan?",
    "Deadline",
    "Responsibility",
    "The targeted impact of the action (success measure)",
    "Comments (optional)",
    "Progress update",
    "The actual impact of the action (reporting against the success measure)",
    "Outcome (ongoing/carried forward/no further action)",
];

/// One action's cells in `COLUMNS` order: the deadline as on the form (`Aug-25`), progress
/// updates each dated, joined by line breaks.
pub fn cells(a: &Action, o: &Obligations) -> [String; 11] {
    let yes_no = |b: Option<bool>| match b {
        Some(true) => "Yes".to_string(),
        Some(false) => "No".to_string(),
        None => String::new(),
    };
    [
        a.obligation.clone(),
        o.get(&a.obligation)
            .map(|x| x.text.clone())
            .unwrap_or_default(),
        a.action.clone(),
        yes_no(a.carried_over),
        a.deadline
            .map(|d| d.first_day().format("%b-%y").to_string())
            .unwrap_or_default(),
        a.responsibility.clone(),
        a.targeted_impact.clone(),
        a.comments.clone(),
        a.progress
            .iter()
            .map(|p| format!("{}: {}", p.date, p.text))
            .collect::<Vec<_>>()
            .join("\n"),
        a.actual_impact.clone(),
        a.outcome
            .as_deref()
            .map(|id| o.outcome_label(id).to_string())
            .unwrap_or_default(),
    ]
}

/// The actions grouped by principle, in the catalogue's order of principles and then of
/// obligations (an action of a code the catalogue lacks goes last, under "Other").
pub fn by_principle<'a>(
    plan: &'a ActionPlan,
    o: &'a Obligations,
) -> Vec<(String, Vec<(usize, &'a Action)>)> {
    let order = |code: &str| {
        o.obligations
            .iter()
            .position(|x| x.code == code)
            .unwrap_or(usize::MAX)
    };
    let mut groups: Vec<(String, Vec<(usize, &Action)>)> = o
        .principles
        .iter()
        .map(|p| (p.label.clone(), Vec::new()))
        .collect();
    let mut other = Vec::new();
    for (i, a) in plan.actions.iter().enumerate() {
        let at = o
            .principle_of(&a.obligation)
            .and_then(|(p, _)| o.principles.iter().position(|x| x.prefix == p.prefix));
        match at {
            Some(g) => groups[g].1.push((i + 1, a)),
            None => other.push((i + 1, a)),
        }
    }
    if !other.is_empty() {
        groups.push(("Other".into(), other));
    }
    for (_, actions) in &mut groups {
        actions.sort_by_key(|(n, a)| (order(&a.obligation), *n));
    }
    groups.retain(|(_, a)| !a.is_empty());
    groups
}

#[cfg(test)]
mod tests;
