//! `mentorplan mentee ...`: a mentor's mentees, each with a record of their own.

use super::out;
use crate::cli::MenteeCommand;
use crate::domain::text::one_line;
use crate::session::Settings;
use color_eyre::eyre::{Result, bail};
use std::fmt::Write;

pub fn run(cmd: MenteeCommand, settings: &Settings) -> Result<()> {
    let store = &settings.store;
    if settings.mentee.is_some() {
        bail!("mentee commands work on your own record: leave out --mentee");
    }
    match cmd {
        MenteeCommand::Add { name, since } => {
            // A mentor often records a mentoring that began before they started using this.
            let started = super::past_date(
                since.as_deref(),
                "--since",
                "start a mentoring relationship",
                settings,
            )?;
            let m = store.add_mentee(&settings.catalog, &name, started)?;
            let active = store
                .load_mentees()?
                .mentees
                .iter()
                .filter(|m| m.is_active())
                .count();
            out(format!(
                "Added {} ({active} of {} mentees). Their record: `mentorplan --mentee {:?} ...`\n",
                one_line(&m.name),
                settings.catalog.max_mentees_per_mentor,
                m.id
            ))
        }
        MenteeCommand::List(args) => {
            let list = store.load_mentees()?;
            if args.json {
                let items = list.mentees.iter().enumerate();
                let items = items.map(|(i, m)| {
                    super::json::numbered(i + 1, m, [("active", m.ended.is_none().into())])
                });
                return super::json::print_list("mentees", items.collect());
            }
            let mut t = String::new();
            for m in &list.mentees {
                let state = match m.ended {
                    None => format!("since {}", m.started),
                    Some(e) => format!("{} to {e}, ended", m.started),
                };
                let record = settings.with_store(store.mentee_store(m));
                let open = record.store.load().map(|r| {
                    let s =
                        crate::domain::status::Status::of(&r, &settings.catalog, settings.today);
                    format!("{}; {} action(s) due", s.hours_line(), s.due.len())
                });
                writeln!(
                    t,
                    "{}  ({state})\n    {}",
                    one_line(&m.name),
                    open.unwrap_or_else(|e| e.to_string())
                )?;
            }
            if t.is_empty() {
                t.push_str("No mentees yet: `mentorplan mentee add NAME`.\n");
            }
            out(t)
        }
        MenteeCommand::End { name } => {
            let m = store.end_mentee(&name, settings.today)?;
            out(format!(
                "Ended the mentoring relationship with {}; the record is kept.\n",
                one_line(&m.name)
            ))
        }
    }
}
