//! What agreements and impact questionnaires mean at a glance: which reviews are coming, and
//! how confidence before mentoring compares with confidence after it. Shared by
//! `mentorplan status`, `questionnaire compare`, the export and (later) the TUI's Home screen.
//!
//! "Before" and "after" (also in docs/data-format.md and the catalogue's `rule_*` wording):
//! - For one agreement (mentor): before is the latest pre-mentoring questionnaire tied to it
//!   (a redone one replaces the first); after is the latest post-mentoring questionnaire tied to
//!   it dated on or after that pre (or the latest post if there is no pre).
//! - Overall (every questionnaire, whichever the mentor or none): before is the first
//!   pre-mentoring questionnaire, the baseline from before any mentoring; after is the latest
//!   post-mentoring questionnaire dated on or after it.
//!
//! Same-day ties go to the one recorded last (for "latest") or first (for "first").

use crate::domain::catalog::Catalog;
use crate::domain::model::{Agreement, Questionnaire, Rating, Record, Stage};
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use uuid::Uuid;

/// Which questionnaires a comparison draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every questionnaire, whichever the mentor.
    Overall,
    /// Those tied to one agreement.
    Agreement(Uuid),
}

/// One area's confidence before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The catalogue's area id (or a saved id the catalogue does not know).
    pub area: String,
    pub before: Option<Rating>,
    pub after: Option<Rating>,
}

impl Row {
    /// After minus before, where both were rated.
    pub fn change(&self) -> Option<i8> {
        Some(self.after?.value() as i8 - self.before?.value() as i8)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison<'a> {
    pub scope: Scope,
    pub before: Option<&'a Questionnaire>,
    pub after: Option<&'a Questionnaire>,
    /// Areas rated on either side: the catalogue's in its order, then unknown ids sorted.
    pub rows: Vec<Row>,
}

/// How many areas rose, stayed the same or fell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub higher: usize,
    pub same: usize,
    pub lower: usize,
}

impl Counts {
    /// "higher in 2, the same in 1, lower in 0 area(s)", or that no area can be compared.
    pub fn sentence(&self) -> String {
        if self.higher + self.same + self.lower == 0 {
            "no area is rated in both".to_string()
        } else {
            format!(
                "higher in {}, the same in {}, lower in {} area(s)",
                self.higher, self.same, self.lower
            )
        }
    }
}

/// The questionnaire that `q` would duplicate, with its index: a relationship has one "before"
/// (a pre-mentoring questionnaire for the same agreement, or for none), and one "after" a day.
/// A second one would silently become the one compared, so the member replaces or keeps the
/// first knowingly.
pub fn duplicate_of<'r>(
    record: &'r Record,
    q: &Questionnaire,
) -> Option<(usize, &'r Questionnaire)> {
    record
        .questionnaires
        .questionnaires
        .iter()
        .enumerate()
        .find(|(_, x)| {
            x.id != q.id
                && x.stage == q.stage
                && x.agreement == q.agreement
                && (q.stage == Stage::Pre || x.date == q.date)
        })
}

impl<'a> Comparison<'a> {
    pub fn of(record: &'a Record, catalog: &Catalog, scope: Scope) -> Comparison<'a> {
        let in_scope: Vec<(usize, &Questionnaire)> = record
            .questionnaires
            .questionnaires
            .iter()
            .enumerate()
            .filter(|(_, q)| match scope {
                Scope::Overall => true,
                Scope::Agreement(id) => q.agreement == Some(id),
            })
            .collect();
        let by_date = |a: &&(usize, &Questionnaire), b: &&(usize, &Questionnaire)| {
            a.1.date.cmp(&b.1.date).then(a.0.cmp(&b.0))
        };
        let pres = in_scope.iter().filter(|(_, q)| q.stage == Stage::Pre);
        let before = match scope {
            Scope::Overall => pres.min_by(by_date),
            Scope::Agreement(_) => pres.max_by(by_date),
        }
        .map(|(_, q)| *q);
        let after = in_scope
            .iter()
            .filter(|(_, q)| q.stage == Stage::Post)
            .filter(|(_, q)| before.is_none_or(|b| q.date >= b.date))
            .max_by(by_date)
            .map(|(_, q)| *q);
        let rated: BTreeSet<&str> = before
            .iter()
            .chain(after.iter())
            .flat_map(|q| q.ratings.keys().map(String::as_str))
            .collect();
        let rating =
            |q: Option<&Questionnaire>, area: &str| q.and_then(|q| q.ratings.get(area)).copied();
        let known = catalog.checklist.areas.iter().map(|a| a.id.as_str());
        let unknown = rated
            .iter()
            .copied()
            .filter(|id| catalog.area(id).is_none());
        let rows = known
            .filter(|id| rated.contains(id))
            .chain(unknown)
            .map(|area| Row {
                area: area.to_string(),
                before: rating(before, area),
                after: rating(after, area),
            })
            .collect();
        Comparison {
            scope,
            before,
            after,
            rows,
        }
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for change in self.rows.iter().filter_map(Row::change) {
            match change.cmp(&0) {
                Ordering::Greater => c.higher += 1,
                Ordering::Equal => c.same += 1,
                Ordering::Less => c.lower += 1,
            }
        }
        c
    }

    pub fn is_empty(&self) -> bool {
        self.before.is_none() && self.after.is_none()
    }
}

/// "+2", "0", "-1".
pub fn format_change(change: i8) -> String {
    if change > 0 {
        format!("+{change}")
    } else {
        change.to_string()
    }
}

/// The scopes worth comparing: each agreement that has questionnaires, in order, and all
/// mentoring together when that differs (questionnaires for several mentors or for none).
pub fn scopes(record: &Record) -> Vec<Scope> {
    let qs = &record.questionnaires.questionnaires;
    let tied: Vec<Scope> = record
        .agreements
        .agreements
        .iter()
        .filter(|a| qs.iter().any(|q| q.agreement == Some(a.id)))
        .map(|a| Scope::Agreement(a.id))
        .collect();
    let untied = qs.iter().any(|q| {
        q.agreement
            .is_none_or(|id| record.agreements.get(id).is_none())
    });
    let mut scopes = Vec::new();
    if untied || tied.len() > 1 {
        scopes.push(Scope::Overall);
    }
    scopes.extend(tied);
    scopes
}

/// When an agreement's review comes, for the status summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementReview<'a> {
    /// As numbered by `agreement list`.
    pub number: usize,
    pub agreement: &'a Agreement,
    /// Review date minus today: negative once it has passed; `None` without a review date.
    pub days_to_review: Option<i64>,
    /// The review is within the catalogue's notice period, today, or past.
    pub review_due: bool,
}

impl AgreementReview<'_> {
    /// "with Joe Hope, review due 2027-01-15 (in 53 days)".
    pub fn line(&self, catalog: &Catalog) -> String {
        let who = with_mentor(catalog, self.agreement);
        match (self.agreement.review, self.days_to_review) {
            (Some(date), Some(days)) => {
                let when = match days {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    -1 => "yesterday".to_string(),
                    n if n < 0 => format!("{} days ago", -n),
                    n => format!("in {n} days"),
                };
                let soon = if self.review_due && days > 0 {
                    ", time to arrange it"
                } else {
                    ""
                };
                if days < 0 {
                    format!(
                        "{who}, review was due {date} ({when}): review it, then set the next date"
                    )
                } else {
                    format!("{who}, review due {date} ({when}{soon})")
                }
            }
            _ => format!(
                "{who}, no review date set (`mentorplan agreement edit {} --review DATE`)",
                self.number
            ),
        }
    }
}

/// One field of an agreement as the proforma names it, with its value as text ("" if unset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue<'c> {
    pub label: &'c str,
    pub value: String,
    /// Free text that may run to several lines (contact, winding down).
    pub long: bool,
}

/// Every field of an agreement in the proforma's order; the end date only once it has ended.
pub fn agreement_fields<'c>(catalog: &'c Catalog, a: &Agreement) -> Vec<FieldValue<'c>> {
    let f = &catalog.agreements.fields;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let status = match a.status {
        crate::domain::model::AgreementStatus::Active => &catalog.agreements.active,
        crate::domain::model::AgreementStatus::Ended => &catalog.agreements.ended,
    };
    let mut v = vec![
        (&f.mentor, a.mentor.clone(), false),
        (&f.start, date(a.start), false),
        (&f.frequency, a.frequency.clone(), false),
        (
            &f.length,
            a.length_minutes
                .map(crate::domain::calendar::format_minutes)
                .unwrap_or_default(),
            false,
        ),
        (&f.venue, a.venue.clone(), false),
        (&f.contact, a.contact.clone(), true),
        (&f.duration, a.duration.clone(), false),
        (&f.review, date(a.review), false),
        (&f.wind_down, a.wind_down.clone(), true),
        (&f.status, status.clone(), false),
    ];
    if !a.is_active() {
        v.push((&f.end_date, date(a.end_date), false));
    }
    v.into_iter()
        .map(|(field, value, long)| FieldValue {
            label: &field.label,
            value,
            long,
        })
        .collect()
}

/// "with Joe Hope", from the catalogue's wording, on one line.
pub fn with_mentor(catalog: &Catalog, a: &Agreement) -> String {
    catalog
        .agreements
        .with_mentor
        .replace("{mentor}", &crate::domain::text::one_line(&a.mentor))
}

/// Every active agreement with its review, in list order.
pub fn agreement_reviews<'a>(
    record: &'a Record,
    catalog: &Catalog,
    today: NaiveDate,
) -> Vec<AgreementReview<'a>> {
    let notice = i64::from(catalog.agreements.review_notice_days);
    record
        .agreements
        .agreements
        .iter()
        .enumerate()
        .filter(|(_, a)| a.is_active())
        .map(|(i, a)| {
            let days = a.review.map(|d| (d - today).num_days());
            AgreementReview {
                number: i + 1,
                agreement: a,
                days_to_review: days,
                review_due: days.is_some_and(|d| d <= notice),
            }
        })
        .collect()
}

/// Where the questionnaires stand for one scope, for the status summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpactStatus<'a> {
    /// `None`: all mentoring (there are no agreements).
    pub agreement: Option<&'a Agreement>,
    pub comparison: Comparison<'a>,
}

impl ImpactStatus<'_> {
    /// "pre-mentoring questionnaire done 2026-10-01; post not yet".
    pub fn line(&self, catalog: &Catalog) -> String {
        let i = &catalog.impact;
        let c = &self.comparison;
        let mut line = match self.agreement {
            Some(a) => format!("{}: ", with_mentor(catalog, a)),
            None => String::new(),
        };
        line.push_str(&match (c.before, c.after) {
            (None, None) => format!("{} not done yet", i.pre.name),
            (Some(pre), None) => format!("{} done {}; post not yet", i.pre.name, pre.date),
            (None, Some(post)) => format!(
                "{} done {}, with no {} to compare with",
                i.post.name, post.date, i.pre.name
            ),
            (Some(pre), Some(post)) => {
                format!(
                    "pre {} and post {}: confidence {}",
                    pre.date,
                    post.date,
                    c.counts().sentence()
                )
            }
        });
        line
    }
}

/// One line per active agreement (and per ended one still waiting for its post-mentoring
/// questionnaire); with no agreements, one line for all questionnaires if there are any.
pub fn impact_statuses<'a>(record: &'a Record, catalog: &Catalog) -> Vec<ImpactStatus<'a>> {
    if record.agreements.agreements.is_empty() {
        let comparison = Comparison::of(record, catalog, Scope::Overall);
        return if comparison.is_empty() {
            Vec::new()
        } else {
            vec![ImpactStatus {
                agreement: None,
                comparison,
            }]
        };
    }
    record
        .agreements
        .agreements
        .iter()
        .map(|a| ImpactStatus {
            agreement: Some(a),
            comparison: Comparison::of(record, catalog, Scope::Agreement(a.id)),
        })
        .filter(|s| {
            let waiting = s.comparison.before.is_some() && s.comparison.after.is_none();
            s.agreement.is_some_and(Agreement::is_active) || waiting
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{AgreementStatus as State, Questionnaire};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn q(
        stage: Stage,
        date: &str,
        agreement: Option<Uuid>,
        ratings: &[(&str, u8)],
    ) -> Questionnaire {
        let mut q = Questionnaire::new(stage, d(date));
        q.agreement = agreement;
        q.ratings = ratings
            .iter()
            .map(|(a, r)| (a.to_string(), Rating::new(*r).unwrap()))
            .collect();
        q
    }

    fn record_with(agreements: &[Agreement], qs: Vec<Questionnaire>) -> Record {
        let mut r = Record::default();
        r.agreements.agreements = agreements.to_vec();
        r.questionnaires.questionnaires = qs;
        r
    }

    #[test]
    fn one_mentor_compares_the_latest_pre_with_the_latest_post_after_it() {
        let c = Catalog::ceres();
        let joe = Agreement::new("Joe Hope");
        let ann = Agreement::new("Ann Lee");
        let r = record_with(
            &[joe.clone(), ann.clone()],
            vec![
                q(Stage::Pre, "2026-10-01", Some(joe.id), &[("journal", 1)]),
                // A redone pre replaces the first.
                q(
                    Stage::Pre,
                    "2026-10-02",
                    Some(joe.id),
                    &[("journal", 2), ("income", 3)],
                ),
                q(Stage::Post, "2027-06-01", Some(joe.id), &[("journal", 3)]),
                q(
                    Stage::Post,
                    "2027-10-01",
                    Some(joe.id),
                    &[("journal", 4), ("income", 2), ("book", 5)],
                ),
                // Another mentor's questionnaires stay out.
                q(Stage::Post, "2028-01-01", Some(ann.id), &[("journal", 1)]),
            ],
        );
        let cmp = Comparison::of(&r, &c, Scope::Agreement(joe.id));
        assert_eq!(cmp.before.unwrap().date, d("2026-10-02"));
        assert_eq!(cmp.after.unwrap().date, d("2027-10-01"));
        let rows: Vec<(&str, Option<i8>)> = cmp
            .rows
            .iter()
            .map(|r| (r.area.as_str(), r.change()))
            .collect();
        // Catalogue order: journal, income, book.
        assert_eq!(
            rows,
            [("journal", Some(2)), ("income", Some(-1)), ("book", None)]
        );
        assert_eq!(
            cmp.counts(),
            Counts {
                higher: 1,
                same: 0,
                lower: 1
            }
        );
    }

    #[test]
    fn overall_compares_the_first_pre_with_the_latest_post() {
        let c = Catalog::ceres();
        let joe = Agreement::new("Joe Hope");
        let r = record_with(
            std::slice::from_ref(&joe),
            vec![
                q(Stage::Post, "2025-06-01", None, &[("journal", 5)]),
                q(Stage::Pre, "2025-10-01", None, &[("journal", 1)]),
                q(Stage::Pre, "2026-10-01", Some(joe.id), &[("journal", 3)]),
                q(Stage::Post, "2027-10-01", Some(joe.id), &[("journal", 4)]),
            ],
        );
        let cmp = Comparison::of(&r, &c, Scope::Overall);
        assert_eq!(cmp.before.unwrap().date, d("2025-10-01"));
        assert_eq!(cmp.after.unwrap().date, d("2027-10-01"));
        assert_eq!(cmp.rows[0].change(), Some(3));
        assert_eq!(scopes(&r), [Scope::Overall, Scope::Agreement(joe.id)]);
    }

    #[test]
    fn a_post_before_the_pre_is_not_an_after() {
        let c = Catalog::ceres();
        let r = record_with(
            &[],
            vec![
                q(Stage::Post, "2026-01-01", None, &[("journal", 5)]),
                q(
                    Stage::Pre,
                    "2026-10-01",
                    None,
                    &[("journal", 2), ("unknown-area", 1)],
                ),
            ],
        );
        let cmp = Comparison::of(&r, &c, Scope::Overall);
        assert!(cmp.after.is_none());
        assert_eq!(
            cmp.rows.len(),
            2,
            "unknown ids are kept, after the catalogue's"
        );
        assert_eq!(cmp.rows[1].area, "unknown-area");
        assert_eq!(cmp.counts(), Counts::default());
        let status = impact_statuses(&r, &c);
        assert_eq!(
            status[0].line(&c),
            "pre-mentoring questionnaire done 2026-10-01; post not yet"
        );
    }

    #[test]
    fn reviews_within_the_notice_period_are_due_and_ended_agreements_are_left_out() {
        let c = Catalog::ceres();
        let today = d("2026-11-23");
        let mut soon = Agreement::new("Joe Hope");
        soon.review = Some(d("2026-12-01"));
        let mut later = Agreement::new("Ann Lee");
        later.review = Some(d("2027-01-15"));
        let mut past = Agreement::new("Bo Chen");
        past.review = Some(d("2026-11-20"));
        let mut ended = Agreement::new("Old Mentor");
        ended.status = State::Ended;
        ended.end_date = Some(d("2026-01-01"));
        let none = Agreement::new("No Date");
        let r = record_with(&[soon, later, ended, past, none], vec![]);
        let s = agreement_reviews(&r, &c, today);
        let lines: Vec<String> = s.iter().map(|x| x.line(&c)).collect();
        assert_eq!(
            lines,
            [
                "with Joe Hope, review due 2026-12-01 (in 8 days, time to arrange it)",
                "with Ann Lee, review due 2027-01-15 (in 53 days)",
                "with Bo Chen, review was due 2026-11-20 (3 days ago): review it, then set the next date",
                "with No Date, no review date set (`mentorplan agreement edit 5 --review DATE`)",
            ]
        );
        let due: Vec<bool> = s.iter().map(|x| x.review_due).collect();
        assert_eq!(due, [true, false, true, false]);
    }

    #[test]
    fn impact_status_nudges_active_agreements_and_ended_ones_waiting_for_a_post() {
        let c = Catalog::ceres();
        let active = Agreement::new("Joe Hope");
        let mut ended = Agreement::new("Ann Lee");
        ended.status = State::Ended;
        ended.end_date = Some(d("2026-09-30"));
        let r = record_with(
            &[active.clone(), ended.clone()],
            vec![q(
                Stage::Pre,
                "2025-10-01",
                Some(ended.id),
                &[("journal", 2)],
            )],
        );
        let lines: Vec<String> = impact_statuses(&r, &c).iter().map(|s| s.line(&c)).collect();
        assert_eq!(
            lines,
            [
                "with Joe Hope: pre-mentoring questionnaire not done yet",
                "with Ann Lee: pre-mentoring questionnaire done 2025-10-01; post not yet",
            ]
        );
        assert_eq!(format_change(2), "+2");
        assert_eq!(format_change(0), "0");
        assert_eq!(format_change(-1), "-1");
    }
}
