//! A collation written out: Markdown for reading, CSV for a spreadsheet, JSON for a program.
//! The CSV is one table with a fixed header (`CSV_HEADER`): each row names its `table` and fills
//! the columns that table uses, so that a spreadsheet filter or `csvgrep -c table` splits it.
//! The JSON is the `Collation` itself. Field names of both are documented in
//! docs/coordinator.md and are kept stable.

use crate::domain::coordinator::collate::{Collation, MIN_IMPACT_MEMBERS};
use crate::domain::coordinator::csv;
use crate::export::markdown_inline as md;
use std::fmt::Write;

pub const CSV_HEADER: [&str; 14] = [
    "table",
    "member",
    "email",
    "window",
    "submitted",
    "category",
    "area",
    "level",
    "session",
    "month",
    "members",
    "value",
    "target",
    "met",
];

pub fn json(c: &Collation) -> String {
    let mut s = serde_json::to_string_pretty(c).expect("collation serialises");
    s.push('\n');
    s
}

#[derive(Default)]
struct Row<'a> {
    table: &'a str,
    member: String,
    email: String,
    window: String,
    submitted: String,
    category: String,
    area: String,
    level: String,
    session: String,
    month: String,
    members: String,
    value: String,
    target: String,
    met: String,
}

impl Row<'_> {
    fn line(&self) -> String {
        csv::line(&[
            self.table,
            &self.member,
            &self.email,
            &self.window,
            &self.submitted,
            &self.category,
            &self.area,
            &self.level,
            &self.session,
            &self.month,
            &self.members,
            &self.value,
            &self.target,
            &self.met,
        ])
    }
}

fn level_id(l: Option<crate::domain::model::Level>) -> String {
    l.map(|l| l.label().to_lowercase()).unwrap_or_default()
}

pub fn csv(c: &Collation) -> String {
    let mut out = csv::line(&CSV_HEADER);
    for s in &c.submissions {
        out += &Row {
            table: "submitted",
            member: s.member.clone(),
            email: s.email.clone().unwrap_or_default(),
            window: s.window.to_string(),
            submitted: s.submitted.to_rfc3339(),
            category: s.membership.clone().unwrap_or_default(),
            ..Row::default()
        }
        .line();
    }
    for m in c.missing.iter().flatten() {
        out += &Row {
            table: "missing",
            member: m.member.clone(),
            email: m.email.clone().unwrap_or_default(),
            window: c.window.to_string(),
            value: m.days_to_deadline.to_string(),
            ..Row::default()
        }
        .line();
    }
    for d in &c.demand {
        out += &Row {
            table: "demand",
            window: c.window.to_string(),
            session: d.session.clone(),
            month: d.month.map(|m| m.to_string()).unwrap_or_default(),
            members: d.members.to_string(),
            ..Row::default()
        }
        .line();
    }
    for w in &c.checklist {
        out += &Row {
            table: "checklist",
            window: c.window.to_string(),
            category: w.category.clone(),
            area: w.area.clone(),
            level: level_id(w.level),
            members: w.members.to_string(),
            ..Row::default()
        }
        .line();
    }
    for t in &c.totals.rows {
        out += &Row {
            table: "hours",
            member: t.member.clone(),
            window: c.window.to_string(),
            value: t.mentoring_hours.to_string(),
            target: t.hours_required.to_string(),
            met: t.hours_met.to_string(),
            ..Row::default()
        }
        .line();
        out += &Row {
            table: "days",
            member: t.member.clone(),
            window: c.window.to_string(),
            value: t.development_days.to_string(),
            target: t.days_target.to_string(),
            met: t.days_met.to_string(),
            ..Row::default()
        }
        .line();
    }
    for a in c.impact.areas.iter().filter(|a| a.reported) {
        let row = |table, value: Option<f64>| Row {
            table,
            window: c.window.to_string(),
            area: a.area.clone(),
            members: a.members.map(|n| n.to_string()).unwrap_or_default(),
            value: value.map(|v| v.to_string()).unwrap_or_default(),
            ..Row::default()
        };
        out += &row("impact_before", a.mean_before).line();
        out += &row("impact_after", a.mean_after).line();
    }
    for s in &c.skipped {
        out += &Row {
            table: "skipped",
            member: s.file.clone(),
            value: s.reason.clone(),
            ..Row::default()
        }
        .line();
    }
    out
}

pub fn markdown(c: &Collation) -> String {
    let mut o = String::new();
    let w = c.window;
    let _ = writeln!(o, "# Submissions for {w}\n");
    let _ = writeln!(
        o,
        "Collated on {} from {} files: {} submissions kept, {} skipped. Deadline {} ({} days).\n",
        c.today,
        c.files,
        c.submissions.len(),
        c.skipped.len(),
        c.deadline,
        c.days_to_deadline
    );
    let _ = writeln!(o, "## Who submitted\n");
    if c.submissions.is_empty() {
        let _ = writeln!(o, "No submissions.\n");
    } else {
        let _ = writeln!(
            o,
            "| Member | Category | Window | Submitted |\n|---|---|---|---|"
        );
        for s in &c.submissions {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                md(&s.member),
                md(s.membership.as_deref().unwrap_or("")),
                s.window,
                s.submitted.format("%Y-%m-%d %H:%M UTC")
            );
        }
        o.push('\n');
    }
    if let Some(missing) = &c.missing {
        let _ = writeln!(o, "## Not yet submitted for {w}\n");
        if missing.is_empty() {
            let _ = writeln!(o, "Everyone on the roster has submitted.\n");
        } else {
            let _ = writeln!(
                o,
                "{} of the roster, {} days before the deadline:\n",
                missing.len(),
                c.days_to_deadline
            );
            for m in missing {
                match &m.email {
                    Some(e) => {
                        let _ = writeln!(o, "- {} ({})", md(&m.member), md(e));
                    }
                    None => {
                        let _ = writeln!(o, "- {}", md(&m.member));
                    }
                }
            }
            o.push('\n');
        }
    }
    let _ = writeln!(o, "## Workshop and library-session demand\n");
    if c.demand.is_empty() {
        let _ = writeln!(o, "No session is ticked Yes.\n");
    } else {
        let _ = writeln!(o, "| Session | Month | Members |\n|---|---|---|");
        for d in &c.demand {
            let month = d.month.map(|m| m.short()).unwrap_or("no month".into());
            let _ = writeln!(o, "| {} | {month} | {} |", md(&d.label), d.members);
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## Checklist areas wanted, by membership category\n");
    if c.checklist.is_empty() {
        let _ = writeln!(o, "No checklist area is answered.\n");
    } else {
        let _ = writeln!(
            o,
            "| Category | Area | Level | Members |\n|---|---|---|---|"
        );
        for x in &c.checklist {
            let level = x.level.map(|l| l.label()).unwrap_or("no level");
            let _ = writeln!(
                o,
                "| {} | {} | {level} | {} |",
                md(&x.category),
                md(&x.label),
                x.members
            );
        }
        o.push('\n');
    }
    let t = &c.totals;
    let _ = writeln!(o, "## Mentoring hours and development days\n");
    let _ = writeln!(
        o,
        "{} members added their totals ({} did not). {} of them reached {} hours of mentoring; {} reached their development days pro rata.\n",
        t.members_with_totals, t.members_without_totals, t.hours_met, t.hours_required, t.days_met
    );
    if !t.rows.is_empty() {
        let _ = writeln!(
            o,
            "| Member | Year | Hours | Days | Target days (FTE) |\n|---|---|---|---|---|"
        );
        for r in &t.rows {
            let _ = writeln!(
                o,
                "| {} | {} | {}{} | {}{} | {} ({}) |",
                md(&r.member),
                r.academic_year,
                r.mentoring_hours,
                if r.hours_met { "" } else { " (below)" },
                r.development_days,
                if r.days_met { "" } else { " (below)" },
                r.days_target,
                r.fte
            );
        }
        o.push('\n');
    }
    let i = &c.impact;
    let _ = writeln!(o, "## Impact questionnaires\n");
    let _ = writeln!(
        o,
        "{} members added their ratings. An area is shown only where at least {MIN_IMPACT_MEMBERS} members rated it before and after mentoring; the others are withheld, because the scheme is confidential.\n",
        i.members_with_impact
    );
    let shown: Vec<_> = i.areas.iter().filter(|a| a.reported).collect();
    if !shown.is_empty() {
        let _ = writeln!(o, "| Area | Members | Before | After |\n|---|---|---|---|");
        for a in &shown {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                md(&a.label),
                a.members.unwrap_or(0),
                a.mean_before.unwrap_or(0.0),
                a.mean_after.unwrap_or(0.0)
            );
        }
        o.push('\n');
    }
    let withheld = i.areas.len() - shown.len();
    if withheld > 0 {
        let _ = writeln!(
            o,
            "{withheld} area(s) withheld: fewer than {MIN_IMPACT_MEMBERS} members.\n"
        );
    }
    if !c.skipped.is_empty() {
        let _ = writeln!(o, "## Files skipped\n");
        for s in &c.skipped {
            let _ = writeln!(o, "- {}: {}", md(&s.file), md(&s.reason));
        }
        o.push('\n');
    }
    o
}
