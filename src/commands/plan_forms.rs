//! The plan's forms from the shell: `plan start`, `plan about`, `plan session`, `plan section`.
//! Each makes the same `Op` the interface makes for the same field.

use super::{now, out};
use crate::calendar::PlanWindow;
use crate::choose;
use crate::dates::YearMonth;
use crate::model::{Attend, Fte, Record, SessionAnswer};
use crate::ops::Op;
use crate::settings::Settings;
use crate::text::one_line;
use color_eyre::eyre::{Result, bail};
use std::path::PathBuf;

pub(super) fn start(record: &Record, settings: &Settings) -> Result<()> {
    let current = PlanWindow::current(settings.today, &settings.catalog);
    if record.plans.contains_key(&current) {
        return out(format!("The {current} plan is already started.\n"));
    }
    match record.plans.keys().next_back() {
        Some(latest) if *latest > current => {
            bail!("the {latest} plan, after the current window ({current}), is already started")
        }
        Some(latest) => bail!(
            "there is a {latest} plan: start the {current} plan from it with `mentorplan plan new`, which carries forward what is still planned"
        ),
        None => {
            let op = Op::CreatePlan { window: current };
            settings.store.apply(&settings.catalog, &[op], now())?;
            out(format!(
                "Started the {current} plan (About You from your profile). Fill it in with `mentorplan plan edit`.\n"
            ))
        }
    }
}

pub(super) struct AboutFields {
    pub name: Option<String>,
    pub position: Option<String>,
    pub fte: Option<String>,
    pub mentor: Option<String>,
}

pub(super) fn about(
    record: &Record,
    window: PlanWindow,
    fields: AboutFields,
    settings: &Settings,
) -> Result<()> {
    let mut about = match record.plans.get(&window) {
        Some(plan) => plan.about.clone(),
        None => crate::model::AboutYou::from_profile(&record.profile),
    };
    let fte = match fields.fte.as_deref().map(str::trim) {
        None => about.fte,
        Some("") => None,
        Some(f) => Some(Fte::parse(f).map_err(|e| super::refused("--fte", e))?),
    };
    about.fte = fte;
    for (field, value) in [
        (&mut about.name, fields.name),
        (&mut about.position, fields.position),
        (&mut about.mentor, fields.mentor),
    ] {
        if let Some(v) = value {
            *field = v.trim().to_string();
        }
    }
    settings
        .store
        .apply(&settings.catalog, &[Op::SetAbout { window, about }], now())?;
    out(format!("Set About You in the {window} plan.\n"))
}

pub(super) struct SessionArgs {
    pub session: String,
    pub answer: Option<String>,
    pub month: Option<String>,
}

pub(super) fn session(
    record: &Record,
    window: PlanWindow,
    args: SessionArgs,
    settings: &Settings,
) -> Result<()> {
    let catalog = &settings.catalog;
    if args.answer.is_none() && args.month.is_none() {
        crate::usage!("give the answer (yes, no or none), --month MONTH, or both");
    }
    let entries: Vec<_> = catalog.plan.grids.iter().flat_map(|g| &g.entries).collect();
    let pairs = entries.iter().map(|e| (e.id.as_str(), e.label.as_str()));
    let entry = entries[choose::one(pairs, &args.session, "workshop or session")?];
    let old = record
        .plans
        .get(&window)
        .map(|p| p.session(&entry.id))
        .unwrap_or_default();
    let attend = match args.answer.as_deref().map(|a| a.trim().to_lowercase()) {
        None => old.attend,
        Some(a) if a == "yes" || a == catalog.labels.yes.to_lowercase() => Some(Attend::Yes),
        Some(a) if a == "no" || a == catalog.labels.no.to_lowercase() => Some(Attend::No),
        Some(a) if a == "none" || a == "-" => None,
        Some(_) => crate::usage!(
            "{:?} is not an answer: use yes, no, or none (neither ticked)",
            args.answer.unwrap_or_default()
        ),
    };
    let month = match args.month.as_deref().map(str::trim) {
        None => old.month,
        Some(m) if m.is_empty() || m.eq_ignore_ascii_case("none") => None,
        Some(m) => {
            Some(YearMonth::parse(m, settings.today).map_err(|e| super::refused("--month", e))?)
        }
    };
    let answer = SessionAnswer { attend, month };
    let op = Op::SetSession {
        window,
        session: entry.id.clone(),
        answer,
    };
    settings.store.apply(catalog, &[op], now())?;
    let said = match attend {
        Some(Attend::Yes) => catalog.labels.yes.as_str(),
        Some(Attend::No) => catalog.labels.no.as_str(),
        None => "neither",
    };
    let month = month
        .map(|m| format!(", {}", m.short()))
        .unwrap_or_default();
    out(format!(
        "{}: {said}{month} (the {window} plan).\n",
        one_line(&entry.label)
    ))
}

pub(super) fn section(
    window: PlanWindow,
    section: &str,
    text: Option<String>,
    file: Option<PathBuf>,
    settings: &Settings,
) -> Result<()> {
    let catalog = &settings.catalog;
    let sections = catalog.plan.sections.iter();
    let pairs = sections.map(|s| (s.id.as_str(), s.title.as_str()));
    let found = &catalog.plan.sections[choose::one(pairs, section, "plan section")?];
    let text = match (text, file) {
        (Some(t), None) if t != "-" => t,
        (None, Some(path)) => std::fs::read_to_string(&path)
            .map_err(|e| color_eyre::eyre::eyre!("cannot read {}: {e}", path.display()))?,
        _ => {
            if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                eprintln!("Type the text of {:?}; end it with Ctrl-D.", found.title);
            }
            super::capture::read_stdin()?
        }
    };
    let text = crate::plan_text::normal_text(&text);
    let op = Op::SetSection {
        window,
        section: found.id.clone(),
        text,
    };
    settings.store.apply(catalog, &[op], now())?;
    out(format!(
        "Set {} in the {window} plan.\n",
        one_line(&found.title)
    ))
}
