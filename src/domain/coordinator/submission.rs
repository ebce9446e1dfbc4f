//! A member's submission for one plan window: what `mentorplan submit` writes and `collate`
//! and `pair` read. The JSON is the plan's JSON export (`export --section plan --format json`:
//! the versioned bundle) marked `"only": "submission"`, holding the profile, the checklist
//! (Section 2) and the window's plan, with a `submission` object beside it: the window, when it
//! was made, and the numbers the member chose to add. Meetings, actions, agreements and
//! questionnaires are never copied in; questionnaire ratings and yearly totals only as numbers,
//! and only when the member asks. The bytes are `submission_file`'s.

use crate::domain::calendar::{self, AcademicYear, PlanWindow};
use crate::domain::catalog::Catalog;
use crate::domain::model::{Rating, Record, Stage, Unknown};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The key beside the payload, and the version of what it holds.
pub const KEY: &str = "submission";
pub const VERSION: u32 = 1;

/// The submission's own keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub version: u32,
    pub window: PlanWindow,
    pub submitted: DateTime<Utc>,
    /// Mentoring and development this academic year, as numbers; only with `--with-totals`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<Totals>,
    /// Confidence per checklist area before and after mentoring, as numbers; only with
    /// `--with-impact`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Impact>,
    /// What the member asks of a pairing.
    #[serde(default, skip_serializing_if = "Pairing::is_empty")]
    pub pairing: Pairing,
    #[serde(flatten)]
    pub extra: Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// `YYYY-YY`, the academic year the totals cover.
    pub academic_year: String,
    pub mentoring_minutes: u64,
    pub development_days: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Impact {
    /// Area id -> rating in the first pre-mentoring questionnaire.
    #[serde(default)]
    pub before: BTreeMap<String, Rating>,
    /// Area id -> rating in the latest post-mentoring questionnaire.
    #[serde(default)]
    pub after: BTreeMap<String, Rating>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pairing {
    /// The member's grade, a whole number on the institution's scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<u32>,
    /// Mentors the member would like ("I'd like X").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prefer: Vec<String>,
    /// Mentors the member asks not to have ("not Y").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
}

impl Pairing {
    pub fn is_empty(&self) -> bool {
        self.grade.is_none() && self.prefer.is_empty() && self.avoid.is_empty()
    }
}

/// A submission as read: the record part (profile, checklist, one plan) and its keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub record: Record,
    pub meta: Meta,
}

/// What the member chose to add.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub with_totals: bool,
    pub with_impact: bool,
    pub pairing: Pairing,
}

impl Submission {
    /// The submission of `record`'s plan for `window`: the profile (without keys this release
    /// does not know, which may be anything), the checklist, the plan, and what `choices` add.
    pub fn of(
        record: &Record,
        catalog: &Catalog,
        window: PlanWindow,
        now: DateTime<Utc>,
        today: NaiveDate,
        choices: &Choices,
    ) -> Option<Submission> {
        let plan = record.plans.get(&window)?;
        let mut part = Record {
            profile: record.profile.clone(),
            checklist: record.checklist.clone(),
            plans: [(window, plan.clone())].into(),
            ..Record::default()
        };
        part.profile.extra = Unknown::default();
        let totals = choices.with_totals.then(|| totals(record, catalog, today));
        let impact = choices.with_impact.then(|| impact(record));
        Some(Submission {
            record: part,
            meta: Meta {
                version: VERSION,
                window,
                submitted: now,
                totals,
                impact,
                pairing: choices.pairing.clone(),
                extra: Unknown::default(),
            },
        })
    }

    /// The member's name: the profile's, else the plan's About You.
    pub fn name(&self) -> &str {
        let p = &self.record.profile.name;
        if !p.trim().is_empty() {
            return p;
        }
        self.plan().map(|p| p.about.name.as_str()).unwrap_or("")
    }

    pub fn plan(&self) -> Option<&crate::domain::model::Plan> {
        self.record.plans.get(&self.meta.window)
    }

    /// `jane-smith_2025-27`: the member's name and the window, for the file names.
    pub fn file_stem(&self) -> String {
        let slug = slug::slugify(self.name());
        let slug = if slug.is_empty() {
            "member".into()
        } else {
            slug
        };
        format!("{slug}_{}", self.meta.window)
    }
}

fn totals(record: &Record, catalog: &Catalog, today: NaiveDate) -> Totals {
    let year = AcademicYear::containing(today, catalog);
    let hours = calendar::hours_progress(
        record.meetings.meetings.iter().map(|m| (m.date, m.minutes)),
        today,
        catalog,
    );
    let days = crate::domain::devlog::year_summary(record, catalog, year).days;
    Totals {
        academic_year: year.to_string(),
        mentoring_minutes: hours.minutes_done,
        // Hundredths of a day, as the log keeps them: 7.499999 is 7.5.
        development_days: (days * 100.0).round() / 100.0 + 0.0,
    }
}

/// The ratings of the first pre-mentoring questionnaire and the latest post-mentoring one (in
/// date order); never the free text nor which mentor it was about.
fn impact(record: &Record) -> Impact {
    let mut qs: Vec<_> = record.questionnaires.questionnaires.iter().collect();
    qs.sort_by_key(|q| q.date);
    let mut out = Impact::default();
    for q in qs {
        for (area, rating) in &q.ratings {
            match q.stage {
                Stage::Pre => {
                    out.before.entry(area.clone()).or_insert(*rating);
                }
                Stage::Post => {
                    out.after.insert(area.clone(), *rating);
                }
            }
        }
    }
    out
}
