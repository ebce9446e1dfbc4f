//! `mentorplan status`: what is due, at a glance.

use super::out;
use crate::domain::status::Status;
use crate::domain::text::one_line;
use crate::session::Settings;
use color_eyre::eyre::Result;
use std::fmt::Write;

pub fn run(json: bool, settings: &Settings) -> Result<()> {
    // Every year: an action agreed years ago and still open is due today.
    let (record, problems) = settings.store.load_partial();
    for problem in &problems {
        let text = problem.to_string();
        super::warn(format!("warning: {}", text.lines().next().unwrap_or(&text)));
    }
    let s = Status::of(&record, &settings.catalog, settings.today);
    if json {
        return super::json::print(&super::json::status(&s, settings));
    }
    let mut t = String::new();
    let p = &record.profile;
    if let Some(m) = &settings.mentee {
        // A mentor's view of a mentee's record: meetings and actions, not the mentor's plan.
        writeln!(t, "Mentee:    {} (since {})", one_line(&m.name), m.started)?;
        mentoring_and_actions(&mut t, &s, &record, settings)?;
        return out(t);
    }
    if p.name.is_empty() {
        writeln!(
            t,
            "Profile:   not filled in yet (open `mentorplan`, then Profile)"
        )?;
    } else {
        let mut who = one_line(&p.name);
        if !p.position.is_empty() {
            write!(who, ", {}", one_line(&p.position))?;
        }
        if let Some(fte) = p.fte {
            write!(who, " ({fte} FTE)")?;
        }
        writeln!(t, "Profile:   {who}")?;
        if !p.mentors.is_empty() {
            let mentors: Vec<String> = p.mentors.iter().map(|m| one_line(m)).collect();
            writeln!(t, "Mentor:    {}", mentors.join(", "))?;
        }
    }
    let plan_state = match (s.plan_exists, s.plan_touched_this_year) {
        (false, _) => "not started".to_string(),
        (true, true) => format!("updated this academic year ({})", s.academic_year),
        (true, false) => format!("not updated since {} began", s.academic_year),
    };
    writeln!(t, "Plan:      {}: {plan_state}", s.window)?;
    writeln!(t, "Deadline:  {}", s.deadline_line())?;
    mentoring_and_actions(&mut t, &s, &record, settings)?;
    out(t)
}

/// The lines a member and a mentor looking at a mentee's record both need.
fn mentoring_and_actions(
    t: &mut String,
    s: &Status,
    record: &crate::domain::model::Record,
    settings: &Settings,
) -> std::fmt::Result {
    writeln!(t, "Mentoring: {}", s.hours_line())?;
    writeln!(t, "Development: {}", s.development.line(&settings.catalog))?;
    writeln!(
        t,
        "Actions:   {} open, {} due for review",
        s.open_actions,
        s.due.len()
    )?;
    for (n, a) in &s.due {
        let date = a.review_date.map(|d| d.to_string()).unwrap_or_default();
        writeln!(t, "  {n:>3}. {date}  {}", one_line(&a.activity))?;
    }
    for review in
        crate::domain::mentoring::agreement_reviews(record, &settings.catalog, settings.today)
    {
        writeln!(t, "Agreement: {}", review.line(&settings.catalog))?;
    }
    for impact in crate::domain::mentoring::impact_statuses(record, &settings.catalog) {
        writeln!(t, "Impact:    {}", impact.line(&settings.catalog))?;
    }
    writeln!(t, "Data:      {}", settings.store.dir().display())
}
