//! Evidence of mentoring practice computed from the records, for the award portfolio: the
//! mentees supported (current and past) and, per mentee and academic year, how many meetings and
//! hours, agreements started, reviewed and wound down, and impact questionnaires completed.
//! Counts and hours only: nothing here holds a meeting's notes, an action, an agreement's terms
//! or a questionnaire's answers, so nothing confidential to a mentoring pair can pass through it.
//!
//! What counts where (documented in docs/award.md):
//! - a meeting, in the academic year of its date, with its length;
//! - an agreement as started in the year of its start date (one without a start date, in the
//!   year the mentee was added), as reviewed in the year of its review date once that date has
//!   come, and as wound down in the year it ended;
//! - a questionnaire (before or after), in the year of its date.

use crate::calendar::AcademicYear;
use crate::catalog::Catalog;
use crate::catalog::award::AwardLabels;
use crate::model::Record;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One academic year's counts for one mentee.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YearCounts {
    pub meetings: u32,
    pub minutes: u64,
    pub agreements_started: u32,
    pub agreements_reviewed: u32,
    pub agreements_wound_down: u32,
    pub questionnaires: u32,
}

impl YearCounts {
    /// "7.5": hours to two decimals at most.
    pub fn hours_text(&self) -> String {
        crate::devlog::format_days(self.minutes as f64 / 60.0)
    }

    /// Each count under its catalogue label, in the order they are shown.
    pub fn measures<'l>(&self, l: &'l AwardLabels) -> [(&'l str, String); 6] {
        [
            (&l.meetings, self.meetings.to_string()),
            (&l.hours, self.hours_text()),
            (&l.agreements_started, self.agreements_started.to_string()),
            (&l.agreements_reviewed, self.agreements_reviewed.to_string()),
            (
                &l.agreements_wound_down,
                self.agreements_wound_down.to_string(),
            ),
            (&l.questionnaires, self.questionnaires.to_string()),
        ]
    }

    /// "meetings 2, hours 2.5, agreements started 1, ...", in the catalogue's words.
    pub fn sentence(&self, l: &AwardLabels) -> String {
        let parts: Vec<String> = self
            .measures(l)
            .iter()
            .map(|(label, n)| format!("{} {n}", label.to_lowercase()))
            .collect();
        parts.join(", ")
    }
}

/// A mentee as the mentor's list names them, with their counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenteeEvidence {
    /// The directory id in the mentor's list, which an entry's `ActivityRef` names.
    pub id: String,
    /// The label the mentor chose (`mentees.json`), never a name from the mentee's record.
    pub label: String,
    pub started: NaiveDate,
    pub ended: Option<NaiveDate>,
    /// Empty when the record could not be read (`readable` false).
    pub years: BTreeMap<AcademicYear, YearCounts>,
    /// Each meeting's date and length in minutes: what a period is counted from.
    pub meetings: Vec<(NaiveDate, u32)>,
    pub readable: bool,
}

impl MenteeEvidence {
    pub fn is_current(&self) -> bool {
        self.ended.is_none()
    }

    /// The meetings and their hours between `from` and `to`, both included: "3 meetings,
    /// 4.5 hours".
    pub fn in_period(&self, from: NaiveDate, to: NaiveDate) -> YearCounts {
        let mut c = YearCounts::default();
        for (_, minutes) in self
            .meetings
            .iter()
            .filter(|(d, _)| (from..=to).contains(d))
        {
            c.meetings += 1;
            c.minutes += u64::from(*minutes);
        }
        c
    }

    /// The counts of `record`, or an unreadable mentee when there is none.
    pub fn of(
        id: &str,
        label: &str,
        started: NaiveDate,
        ended: Option<NaiveDate>,
        record: Option<&Record>,
        catalog: &Catalog,
        today: NaiveDate,
    ) -> MenteeEvidence {
        let mut years: BTreeMap<AcademicYear, YearCounts> = BTreeMap::new();
        let mut count = |date: NaiveDate, add: &dyn Fn(&mut YearCounts)| {
            add(years
                .entry(AcademicYear::containing(date, catalog))
                .or_default());
        };
        if let Some(r) = record {
            for m in &r.meetings.meetings {
                count(m.date, &|y| {
                    y.meetings += 1;
                    y.minutes += u64::from(m.minutes);
                });
            }
            for a in &r.agreements.agreements {
                count(a.start.unwrap_or(started), &|y| y.agreements_started += 1);
                if let Some(d) = a.review.filter(|d| *d <= today) {
                    count(d, &|y| y.agreements_reviewed += 1);
                }
                if !a.is_active() {
                    count(a.end_date.unwrap_or(today), &|y| {
                        y.agreements_wound_down += 1
                    });
                }
            }
            for q in &r.questionnaires.questionnaires {
                count(q.date, &|y| y.questionnaires += 1);
            }
        }
        MenteeEvidence {
            id: id.to_string(),
            meetings: record
                .map(|r| {
                    r.meetings
                        .meetings
                        .iter()
                        .map(|m| (m.date, m.minutes))
                        .collect()
                })
                .unwrap_or_default(),
            label: label.to_string(),
            started,
            ended,
            years,
            readable: record.is_some(),
        }
    }
}
