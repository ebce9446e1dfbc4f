//! The figures a coordinator draws from a June's submissions: who submitted which window and
//! when (and, given a roster, who has not); workshop and library-session demand by month;
//! checklist areas and levels wanted by membership category; mentoring hours and development
//! days against the scheme's minimums where members added their totals; and the impact
//! questionnaires, area by area, only where enough members answered that nobody's answer can be
//! picked out. Pure: the files are read by `walk`, the result written by `report`.

use super::roster::Member;
use super::submission::Submission;
use crate::domain::calendar::{self, AcademicYear, PlanWindow};
use crate::domain::catalog::Catalog;
use crate::domain::dates::YearMonth;
use crate::domain::model::{Attend, Level};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Fewer members than this answering an area and its questionnaire figures are withheld: the
/// scheme is confidential, and an average of two is nearly each one's answer.
pub const MIN_IMPACT_MEMBERS: usize = 5;

/// The `membership` of a submission that gives none.
pub const NO_CATEGORY: &str = "none";

/// A file read as a submission.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// When the file was last modified, if the system says.
    pub modified: Option<DateTime<Utc>>,
    pub submission: Submission,
}

/// A file (or link) that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub today: NaiveDate,
    /// The window the figures are about (who has not submitted, demand, checklist, totals).
    pub window: PlanWindow,
    pub roster: Option<Vec<Member>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Collation {
    pub today: NaiveDate,
    pub window: PlanWindow,
    pub deadline: NaiveDate,
    pub days_to_deadline: i64,
    /// `.json` files looked at.
    pub files: usize,
    /// One row per member and window (the latest submission), every window.
    pub submissions: Vec<Submitted>,
    pub skipped: Vec<SkippedFile>,
    /// Members of the roster with no submission for `window`; absent without a roster.
    pub missing: Option<Vec<Missing>>,
    pub demand: Vec<Demand>,
    pub checklist: Vec<Wanted>,
    pub totals: TotalsReport,
    pub impact: ImpactReport,
}

#[derive(Debug, Clone, Serialize)]
pub struct Submitted {
    pub member: String,
    pub email: Option<String>,
    pub membership: Option<String>,
    pub window: PlanWindow,
    /// The time inside the submission.
    pub submitted: DateTime<Utc>,
    /// The file's modification time.
    pub modified: Option<DateTime<Utc>>,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub file: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    pub member: String,
    pub email: Option<String>,
    pub days_to_deadline: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Demand {
    pub grid: String,
    pub session: String,
    pub label: String,
    /// `YYYY-MM`; `null` for members who ticked Yes without a month.
    pub month: Option<YearMonth>,
    pub members: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Wanted {
    pub category: String,
    pub area: String,
    pub label: String,
    /// `null` for members who ticked items of the area without a level.
    pub level: Option<Level>,
    pub members: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TotalsReport {
    /// Members (of `window`'s submissions) who added their totals, and who did not.
    pub members_with_totals: usize,
    pub members_without_totals: usize,
    pub hours_required: u32,
    pub hours_met: usize,
    pub days_met: usize,
    pub rows: Vec<TotalsRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TotalsRow {
    pub member: String,
    pub academic_year: String,
    pub mentoring_hours: f64,
    pub hours_required: u32,
    pub hours_met: bool,
    pub development_days: f64,
    /// The catalogue's days a year times the member's FTE (1.0 if none given).
    pub days_target: f64,
    pub fte: f64,
    pub days_met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactReport {
    pub minimum_members: usize,
    /// Members (of `window`'s submissions) who added questionnaire ratings.
    pub members_with_impact: usize,
    pub areas: Vec<ImpactArea>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactArea {
    pub area: String,
    pub label: String,
    /// Whether at least `minimum_members` rated the area both before and after; if not, the
    /// count and means are withheld (`null`).
    pub reported: bool,
    pub members: Option<usize>,
    pub mean_before: Option<f64>,
    pub mean_after: Option<f64>,
}

/// Collates the files read (`found`) and those already skipped by the reader.
pub fn collate(
    found: Vec<Found>,
    mut skipped: Vec<Skipped>,
    files: usize,
    catalog: &Catalog,
    opts: &Options,
) -> Collation {
    let kept = latest_per_member(found, &mut skipped);
    let of_window: Vec<&Found> = kept
        .iter()
        .filter(|f| f.submission.meta.window == opts.window)
        .collect();
    let days_to_deadline = calendar::days_to_deadline(opts.today, catalog);
    let mut skipped: Vec<SkippedFile> = skipped
        .into_iter()
        .map(|s| SkippedFile {
            file: s.path.display().to_string(),
            reason: s.reason,
        })
        .collect();
    skipped.sort_by(|a, b| a.file.cmp(&b.file));
    Collation {
        today: opts.today,
        window: opts.window,
        deadline: calendar::next_deadline(opts.today, catalog),
        days_to_deadline,
        files,
        submissions: kept.iter().map(submitted).collect(),
        skipped,
        missing: opts
            .roster
            .as_ref()
            .map(|r| missing(r, &of_window, days_to_deadline)),
        demand: demand(&of_window, catalog),
        checklist: checklist(&of_window, catalog),
        totals: totals(&of_window, catalog),
        impact: impact(&of_window, catalog),
    }
}

/// One submission per member and window: the latest (by the time inside it, then the file's
/// time, then path); every other is reported as a duplicate of it.
pub fn latest_per_member(found: Vec<Found>, skipped: &mut Vec<Skipped>) -> Vec<Found> {
    let mut groups: BTreeMap<(String, PlanWindow), Vec<Found>> = BTreeMap::new();
    for f in found {
        let key = (
            super::name_key(f.submission.name()),
            f.submission.meta.window,
        );
        groups.entry(key).or_default().push(f);
    }
    let mut kept = Vec::new();
    for (_, mut group) in groups {
        group.sort_by(|a, b| {
            (b.submission.meta.submitted, b.modified)
                .cmp(&(a.submission.meta.submitted, a.modified))
                .then_with(|| a.path.cmp(&b.path))
        });
        let mut rest = group.into_iter();
        let newest = rest.next().expect("groups are not empty");
        for older in rest {
            skipped.push(Skipped {
                path: older.path,
                reason: format!(
                    "a duplicate: {} has a later submission for {} in {}",
                    newest.submission.name(),
                    newest.submission.meta.window,
                    newest.path.display()
                ),
            });
        }
        kept.push(newest);
    }
    kept
}

fn submitted(f: &Found) -> Submitted {
    let p = &f.submission.record.profile;
    Submitted {
        member: f.submission.name().trim().to_string(),
        email: p.email.clone().filter(|e| !e.trim().is_empty()),
        membership: p.membership.clone(),
        window: f.submission.meta.window,
        submitted: f.submission.meta.submitted,
        modified: f.modified,
        file: f.path.display().to_string(),
    }
}

fn missing(roster: &[Member], of_window: &[&Found], days: i64) -> Vec<Missing> {
    let names: HashMap<String, ()> = of_window
        .iter()
        .map(|f| (super::name_key(f.submission.name()), ()))
        .collect();
    let emails: HashMap<String, ()> = of_window
        .iter()
        .filter_map(|f| f.submission.record.profile.email.as_deref())
        .map(|e| (e.trim().to_lowercase(), ()))
        .collect();
    roster
        .iter()
        .filter(|m| {
            let by_email = m
                .email
                .as_deref()
                .is_some_and(|e| emails.contains_key(&e.trim().to_lowercase()));
            !by_email && !names.contains_key(&super::name_key(&m.name))
        })
        .map(|m| Missing {
            member: m.name.clone(),
            email: m.email.clone(),
            days_to_deadline: days,
        })
        .collect()
}

/// Members intending each session (ticked Yes) in each month, in the catalogue's order.
fn demand(of_window: &[&Found], catalog: &Catalog) -> Vec<Demand> {
    let mut counts: BTreeMap<(usize, usize, String, Option<YearMonth>), usize> = BTreeMap::new();
    let mut labels: HashMap<String, (String, String)> = HashMap::new();
    for f in of_window {
        let Some(plan) = f.submission.plan() else {
            continue;
        };
        for (id, answer) in &plan.sessions {
            if answer.attend != Some(Attend::Yes) {
                continue;
            }
            // Sessions the catalogue no longer has sort last, under the plan's own label.
            let (g, e, grid, label) = session_place(catalog, id).unwrap_or_else(|| {
                let label = plan.labels.get(id).cloned().unwrap_or_else(|| id.clone());
                (usize::MAX, usize::MAX, "other".into(), label)
            });
            labels.insert(id.clone(), (grid, label));
            *counts.entry((g, e, id.clone(), answer.month)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((_, _, session, month), members)| {
            let (grid, label) = labels[&session].clone();
            Demand {
                grid,
                session,
                label,
                // `None` sorts first in the key; the table puts "no month" first too.
                month,
                members,
            }
        })
        .collect()
}

fn session_place(catalog: &Catalog, id: &str) -> Option<(usize, usize, String, String)> {
    catalog.plan.grids.iter().enumerate().find_map(|(g, grid)| {
        grid.entries
            .iter()
            .position(|e| e.id == id)
            .map(|e| (g, e, grid.id.clone(), grid.entries[e].label.clone()))
    })
}

/// Members wanting each area at each level, by membership category, in the catalogue's order.
fn checklist(of_window: &[&Found], catalog: &Catalog) -> Vec<Wanted> {
    let cat_order = |c: &str| {
        catalog
            .memberships
            .iter()
            .position(|m| m.id == c)
            .unwrap_or(usize::MAX)
    };
    let area_order = |a: &str| {
        catalog
            .checklist
            .areas
            .iter()
            .position(|x| x.id == a)
            .unwrap_or(usize::MAX)
    };
    let mut counts: BTreeMap<(usize, String, usize, String, Option<Level>), usize> =
        BTreeMap::new();
    for f in of_window {
        let r = &f.submission.record;
        let category = r
            .profile
            .membership
            .clone()
            .unwrap_or_else(|| NO_CATEGORY.into());
        for (area, answer) in &r.checklist.areas {
            if answer.is_empty() {
                continue;
            }
            let key = (
                cat_order(&category),
                category.clone(),
                area_order(area),
                area.clone(),
                answer.level,
            );
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((_, category, _, area, level), members)| Wanted {
            label: catalog
                .area(&area)
                .map(|a| a.label.clone())
                .unwrap_or_else(|| area.clone()),
            category,
            area,
            level,
            members,
        })
        .collect()
}

fn totals(of_window: &[&Found], catalog: &Catalog) -> TotalsReport {
    let mut rows = Vec::new();
    for f in of_window {
        let Some(t) = &f.submission.meta.totals else {
            continue;
        };
        let year =
            AcademicYear::parse(&t.academic_year).unwrap_or(f.submission.meta.window.first_year());
        let target = crate::domain::devlog::target(&f.submission.record, catalog, year);
        let hours = t.mentoring_minutes as f64 / 60.0;
        let required = catalog.minimum_mentoring_hours;
        rows.push(TotalsRow {
            member: f.submission.name().trim().to_string(),
            academic_year: year.to_string(),
            mentoring_hours: round2(hours),
            hours_required: required,
            hours_met: t.mentoring_minutes >= u64::from(required) * 60,
            // `+ 0.0` makes a -0 (a sum of nothing, as some writers give it) print as 0.
            development_days: t.development_days + 0.0,
            days_target: target.days,
            fte: target.fte.as_f64(),
            days_met: t.development_days + 1e-9 >= target.days,
        });
    }
    rows.sort_by_key(|r| super::name_key(&r.member));
    TotalsReport {
        members_with_totals: rows.len(),
        members_without_totals: of_window.len() - rows.len(),
        hours_required: catalog.minimum_mentoring_hours,
        hours_met: rows.iter().filter(|r| r.hours_met).count(),
        days_met: rows.iter().filter(|r| r.days_met).count(),
        rows,
    }
}

fn impact(of_window: &[&Found], catalog: &Catalog) -> ImpactReport {
    let with: Vec<_> = of_window
        .iter()
        .filter_map(|f| f.submission.meta.impact.as_ref())
        .collect();
    let mut areas = Vec::new();
    for area in &catalog.checklist.areas {
        let pairs: Vec<(u8, u8)> = with
            .iter()
            .filter_map(|i| {
                Some((
                    i.before.get(&area.id)?.value(),
                    i.after.get(&area.id)?.value(),
                ))
            })
            .collect();
        if pairs.is_empty() {
            continue;
        }
        let n = pairs.len();
        let reported = n >= MIN_IMPACT_MEMBERS;
        let mean = |f: fn(&(u8, u8)) -> u8| {
            round2(pairs.iter().map(|p| f64::from(f(p))).sum::<f64>() / n as f64)
        };
        areas.push(ImpactArea {
            area: area.id.clone(),
            label: area.label.clone(),
            reported,
            members: reported.then_some(n),
            mean_before: reported.then(|| mean(|p| p.0)),
            mean_after: reported.then(|| mean(|p| p.1)),
        });
    }
    ImpactReport {
        minimum_members: MIN_IMPACT_MEMBERS,
        members_with_impact: with.len(),
        areas,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
