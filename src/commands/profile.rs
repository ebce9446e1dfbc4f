//! `mentorplan profile ...` and `mentorplan checklist ...`: the profile and Section 2 from the
//! shell, through the `Op`s the interface's Profile and Checklist screens make.

use super::{now, out};
use crate::choose;
use crate::cli::{ChecklistCommand, ProfileArgs, ProfileCommand};
use crate::model::{Fte, Level};
use crate::ops::Op;
use crate::settings::Settings;
use crate::text::one_line;
use crate::ui::screens::profile::{is_plausible_email, split_names};
use color_eyre::eyre::Result;
use std::fmt::Write;

pub fn profile(cmd: ProfileCommand, settings: &Settings) -> Result<()> {
    let record = settings.store.load()?;
    let catalog = &settings.catalog;
    let l = &catalog.labels;
    let mut p = record.profile.clone();
    match cmd {
        ProfileCommand::Show(args) if args.json => super::json::print(&serde_json::to_value(&p)?),
        ProfileCommand::Show(_) => {
            let membership = p.membership.as_deref().map(|id| {
                catalog
                    .membership(id)
                    .map_or_else(|| id.to_string(), |m| m.label.clone())
            });
            let mut t = String::new();
            for (label, value) in [
                (&l.name, p.name.clone()),
                (&l.position, p.position.clone()),
                (&l.fte, p.fte.map(|f| f.to_string()).unwrap_or_default()),
                (&l.mentors, p.mentors.join(", ")),
                (&l.membership, membership.unwrap_or_default()),
                (&l.email, p.email.clone().unwrap_or_default()),
            ] {
                writeln!(t, "{label}: {}", one_line(&value))?;
            }
            out(t)
        }
        ProfileCommand::Set(args) => {
            let ProfileArgs {
                name,
                position,
                fte,
                mentors,
                membership,
                email,
            } = args;
            if let Some(v) = name {
                p.name = v.trim().into();
            }
            if let Some(v) = position {
                p.position = v.trim().into();
            }
            if let Some(v) = fte {
                p.fte = match v.trim() {
                    "" => None,
                    f => Some(Fte::parse(f).map_err(|e| super::refused("--fte", e))?),
                };
            }
            if let Some(v) = mentors {
                p.mentors = split_names(&v);
            }
            if let Some(v) = membership {
                p.membership = match v.trim() {
                    "" => None,
                    m => {
                        let entries = catalog.memberships.iter();
                        let pairs = entries.map(|e| (e.id.as_str(), e.label.as_str()));
                        let i = choose::one(pairs, m, "membership category")?;
                        Some(catalog.memberships[i].id.clone())
                    }
                };
            }
            if let Some(v) = email {
                let v = v.trim();
                if !v.is_empty() && !is_plausible_email(v) {
                    crate::usage!(
                        "--email {v:?} is not an e-mail address: use name@example.ac.uk, or an empty value to clear it"
                    );
                }
                p.email = (!v.is_empty()).then(|| v.to_string());
            }
            if p == record.profile {
                return out("The profile is unchanged.\n");
            }
            settings.store.apply(catalog, &[Op::SetProfile(p)], now())?;
            out("Saved the profile.\n")
        }
    }
}

pub fn checklist(cmd: ChecklistCommand, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let areas = &catalog.checklist.areas;
    let area = |text: &str| -> Result<&crate::catalog::Area> {
        let pairs = areas.iter().map(|a| (a.id.as_str(), a.label.as_str()));
        Ok(&areas[choose::one(pairs, text, "checklist area")?])
    };
    let ops: Vec<Op> = match cmd {
        ChecklistCommand::List(args) => return list(args.json, settings),
        ChecklistCommand::Tick { items } | ChecklistCommand::Untick { items }
            if items.is_empty() =>
        {
            crate::usage!("name at least one item")
        }
        ChecklistCommand::Tick { items } => ticks(settings, &items, true)?,
        ChecklistCommand::Untick { items } => ticks(settings, &items, false)?,
        ChecklistCommand::Level { area: a, level } => {
            let a = area(&a)?;
            let level = match level.trim() {
                l if l.is_empty() || l.eq_ignore_ascii_case("none") => None,
                l => Some(Level::parse(l).ok_or_else(|| {
                    crate::cli::UsageError(format!(
                        "{l:?} is not a level: use introductory, intermediate, advanced or none"
                    ))
                })?),
            };
            vec![Op::SetLevel {
                area: a.id.clone(),
                level,
            }]
        }
        ChecklistCommand::Specify { area: a, text } => {
            let a = area(&a)?;
            if a.specify.is_none() {
                crate::usage!("{} takes no text of its own", a.label);
            }
            let text = if text == "-" {
                super::capture::read_stdin()?
            } else {
                text
            };
            vec![Op::SetSpecify {
                area: a.id.clone(),
                text: crate::plan_text::normal_text(&text),
            }]
        }
    };
    let n = ops.len();
    settings.store.apply(catalog, &ops, now())?;
    out(format!("Saved {n} change(s) to the checklist.\n"))
}

/// One `SetTick` per item named: an item's id, or its label or a unique start of it.
fn ticks(settings: &Settings, items: &[String], ticked: bool) -> Result<Vec<Op>> {
    let all: Vec<_> = settings
        .catalog
        .checklist
        .areas
        .iter()
        .flat_map(|a| &a.items)
        .collect();
    items
        .iter()
        .map(|text| {
            let pairs = all.iter().map(|e| (e.id.as_str(), e.label.as_str()));
            let item = all[choose::one(pairs, text, "checklist item")?];
            Ok(Op::SetTick {
                item: item.id.clone(),
                ticked,
            })
        })
        .collect()
}

fn list(json: bool, settings: &Settings) -> Result<()> {
    let record = settings.store.load()?;
    let checklist = &record.checklist;
    if json {
        return super::json::print(&serde_json::to_value(checklist)?);
    }
    let mut t = String::new();
    for area in &settings.catalog.checklist.areas {
        let answer = checklist.area(&area.id);
        let level = answer
            .and_then(|a| a.level)
            .map_or("no level", |l| l.label());
        writeln!(t, "{} ({}): {level}", area.label, area.id)?;
        for item in &area.items {
            let on = checklist.is_ticked(&area.id, &item.id);
            writeln!(t, "  [{}] {}", if on { "x" } else { " " }, item.label)?;
        }
        if let Some(a) = answer.filter(|a| !a.specify.is_empty()) {
            writeln!(t, "  {}", one_line(&a.specify))?;
        }
    }
    out(t)
}
