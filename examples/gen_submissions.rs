//! Writes N members' submissions (`mentorplan submit`'s JSON) into a folder, 100 to a
//! subfolder, for the `collate` row of scripts/bench: each with a filled checklist, six sessions
//! ticked with months, a plan of about 3 kB of text, totals and questionnaire ratings.
//!
//! `cargo run --release --example gen_submissions -- DIR [N]` (N defaults to 10,000).

use chrono::{TimeZone, Utc};
use mentorplan::domain::calendar::PlanWindow;
use mentorplan::domain::catalog::Catalog;
use mentorplan::domain::coordinator::submission::{Impact, Meta, Pairing, Submission, Totals};
use mentorplan::domain::dates::YearMonth;
use mentorplan::domain::model::{
    AreaAnswer, Attend, Fte, Level, Plan, Rating, Record, SessionAnswer,
};

/// A small deterministic generator: the same folder on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: gen_submissions DIR [N]"));
    let n: usize = args.next().map(|a| a.parse().expect("N")).unwrap_or(10_000);
    let catalog = Catalog::ceres();
    let window = PlanWindow::parse("2026-28").unwrap();
    let sessions: Vec<&str> = catalog
        .plan
        .grids
        .iter()
        .flat_map(|g| g.entries.iter().map(|e| e.id.as_str()))
        .collect();
    let mut rng = Lcg(7);
    for i in 0..n {
        let mut record = Record::default();
        record.profile.name = format!("Member {i:05}");
        record.profile.membership = Some(catalog.memberships[rng.next(4)].id.clone());
        record.profile.fte = Fte::from_hundredths([100, 80, 60, 50][rng.next(4)]);
        for area in &catalog.checklist.areas {
            if rng.next(3) == 0 {
                let answer = AreaAnswer {
                    level: Some(Level::ALL[rng.next(3)]),
                    ..Default::default()
                };
                record.checklist.areas.insert(area.id.clone(), answer);
            }
        }
        let mut plan = Plan::new(window, Default::default());
        for _ in 0..6 {
            let month = YearMonth::new(2026 + rng.next(2) as i32, 1 + rng.next(12) as u32);
            let answer = SessionAnswer {
                attend: Some(Attend::Yes),
                month,
            };
            plan.sessions
                .insert(sessions[rng.next(sessions.len())].into(), answer);
        }
        for section in &catalog.plan.sections {
            plan.sections.insert(
                section.id.clone(),
                "I intend to write a journal article and attend BERA. ".repeat(6),
            );
        }
        record.plans.insert(window, plan);
        let mut impact = Impact::default();
        for area in catalog.checklist.areas.iter().take(4) {
            let rate = |r: &mut Lcg| Rating::new(1 + r.next(5) as u8).unwrap();
            impact.before.insert(area.id.clone(), rate(&mut rng));
            impact.after.insert(area.id.clone(), rate(&mut rng));
        }
        let s = Submission {
            record,
            meta: Meta {
                version: 1,
                window,
                submitted: Utc
                    .with_ymd_and_hms(2027, 6, 1 + (i % 14) as u32, 9, 0, 0)
                    .unwrap(),
                totals: Some(Totals {
                    academic_year: "2026-27".into(),
                    mentoring_minutes: 60 * rng.next(10) as u64,
                    development_days: rng.next(30) as f64 / 2.0,
                }),
                impact: Some(impact),
                pairing: Pairing::default(),
                extra: Default::default(),
            },
        };
        let sub = dir.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("{}.json", s.file_stem())),
            mentorplan::store::coordinator::submission_file::encode(&s),
        )
        .unwrap();
    }
}
