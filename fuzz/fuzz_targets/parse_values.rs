//! What a member types into a date, month, plan window, FTE or time field: parsing never
//! panics, and whatever is accepted prints as something that parses back to the same value.
#![no_main]

use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use mentorplan::domain::calendar::PlanWindow;
use mentorplan::domain::dates::{YearMonth, parse_date};
use mentorplan::domain::model::{Fte, TimeSpent};

fuzz_target!(|text: &str| {
    for today in [
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        NaiveDate::MIN,
        NaiveDate::MAX,
    ] {
        // Dates are written YYYY-MM-DD, so only years of four digits can round-trip ("today"
        // at chrono's limits is year -262143).
        if let Ok(d) = parse_date(text, today)
            && (1..=9999).contains(&d.year())
        {
            let again = d.format("%Y-%m-%d").to_string();
            assert_eq!(parse_date(&again, today).ok(), Some(d), "{text:?}");
        }
        let _ = YearMonth::parse(text, today);
    }
    if let Ok(w) = PlanWindow::parse(text) {
        assert_eq!(PlanWindow::parse(&w.to_string()).ok(), Some(w), "{text:?}");
    }
    if let Ok(f) = Fte::parse(text) {
        assert_eq!(Fte::parse(&f.to_string()).ok(), Some(f), "{text:?}");
    }
    let _ = TimeSpent::parse_hours(text);
    let _ = TimeSpent::parse_days(text);
});
