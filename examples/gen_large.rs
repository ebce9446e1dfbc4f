//! Writes a large, realistic record into a data directory, for benchmarks and for trying the
//! interface with years of use: ten plan windows with every section filled (10 kB each), every
//! workshop answered, 1,000 meetings, 500 actions and 5,000 development-log entries (the size
//! issue 6 asks the program to handle; the figures are in docs/performance.md).
//!
//! `cargo run --release --example gen_large -- DIR [SCALE]`: SCALE (default 1) multiplies every
//! count (plan windows, meetings, actions, log entries); the extra history goes further back in
//! time, so that the latest plan and "today" stay the same at every scale.

use chrono::{Duration, NaiveDate, Utc};
use mentorplan::domain::calendar::PlanWindow;
use mentorplan::domain::catalog::Catalog;
use mentorplan::domain::dates::YearMonth;
use mentorplan::domain::model::{
    Action, Attend, DevEntry, Fte, Meeting, Record, SessionAnswer, TimeSpent,
};
use mentorplan::store::Store;

fn paragraph(seed: usize, bytes: usize) -> String {
    let words = [
        "journal",
        "abstract",
        "BERA",
        "Zoë",
        "grant",
        "李华",
        "impact",
        "– draft",
        "“review”",
        "supervision",
        "ORCID",
        "seminar",
    ];
    let mut s = String::new();
    let mut i = seed;
    while s.len() < bytes {
        s.push_str(words[i % words.len()]);
        s.push(if i.is_multiple_of(17) { '\n' } else { ' ' });
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    s
}

pub fn large_record(catalog: &Catalog, scale: usize) -> Record {
    let mut r = Record::default();
    r.profile.name = "Siobhán Ní Bhriain".into();
    r.profile.position = "Senior Lecturer in Education".into();
    r.profile.fte = Fte::parse("0.8").ok();
    r.profile.mentors = vec!["Joe Hope".into(), "Zoë Adams".into()];
    r.profile.membership = Some("associate".into());
    for (w, start) in (2026 - 10 * scale as i32..2026).enumerate() {
        let plan = r.plan_or_new(PlanWindow(start));
        for (i, entry) in catalog
            .plan
            .grids
            .iter()
            .flat_map(|g| &g.entries)
            .enumerate()
        {
            let answer = SessionAnswer {
                attend: Some(if (i + w) % 3 == 0 {
                    Attend::No
                } else {
                    Attend::Yes
                }),
                month: YearMonth::new(start + (i as i32 % 2), 1 + (i as u32 % 12)),
            };
            plan.sessions.insert(entry.id.clone(), answer);
        }
        for (i, section) in catalog.plan.sections.iter().enumerate() {
            plan.sections
                .insert(section.id.clone(), paragraph(w * 10 + i, 10_000));
        }
        plan.updated = Some(Utc::now());
    }
    // 1,000 meetings every 3 days, 500 actions every 6 and 5,000 entries every 0.6 days all
    // span 3,000 days: each further scale starts that much earlier.
    let first =
        NaiveDate::from_ymd_opt(2016, 9, 1).unwrap() - Duration::days(3000 * (scale as i64 - 1));
    for i in 0..1000 * scale as i64 {
        let mut m = Meeting::new(first + Duration::days(i * 3), 30 + (i as u32 % 4) * 15);
        m.notes = paragraph(i as usize, 400);
        r.meetings.meetings.push(m);
    }
    for i in 0..500 * scale {
        let mut a = Action::new(format!("Action {i}: {}", paragraph(i, 60).trim()));
        a.outputs = paragraph(i + 1, 120);
        a.meeting_date = Some(first + Duration::days(i as i64 * 6));
        a.review_date = Some(first + Duration::days(i as i64 * 6 + 56));
        r.meetings.actions.push(a);
    }
    // Ids from the CERES catalogue's development section; generated in date order, as the log
    // keeps them.
    let providers = ["activator", "library", "external", "other"];
    let tags = ["academia", "industry"];
    let principles = ["environment", "employment", "development"];
    for i in 0..5000 * scale {
        let time = if i % 2 == 0 {
            TimeSpent::parse_hours(&format!("{}.5", 1 + i % 6))
        } else {
            TimeSpent::parse_days(if i % 3 == 0 { "1" } else { "0.5" })
        }
        .expect("a valid time");
        let mut e = DevEntry::new(
            first + Duration::days(i as i64 * 3 / 5),
            format!("Workshop {i}: {}", paragraph(i, 50).trim()),
            providers[i % providers.len()],
            time,
        );
        e.tags.insert(tags[i % tags.len()].to_string());
        if i % 4 == 0 {
            e.tags.insert(tags[(i + 1) % tags.len()].to_string());
        }
        e.principle = (i % 5 != 0).then(|| principles[i % principles.len()].to_string());
        e.evidence = vec![
            format!("https://example.org/certificates/{i}.pdf"),
            paragraph(i + 3, 80).trim().to_string(),
        ];
        r.devlog.entries.push(e);
    }
    r
}

fn main() {
    let usage = "usage: gen_large DIR [SCALE]";
    let dir = std::env::args().nth(1).expect(usage);
    let scale = std::env::args().nth(2).map_or(1, |s| {
        s.parse::<usize>().ok().filter(|&n| n > 0).expect(usage)
    });
    let catalog = Catalog::ceres();
    let store = Store::new(dir);
    store
        .replace(&large_record(&catalog, scale), chrono::Utc::now())
        .expect("write the record");
    eprintln!("wrote a large record to {}", store.dir().display());
}
