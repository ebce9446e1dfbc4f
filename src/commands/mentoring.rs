//! `mentorplan agreement ...` and `mentorplan questionnaire ...`: the mentoring proforma and the
//! pre/post impact questionnaires from the shell. Every argument is checked before anything is
//! written, and a refusal says what was wrong and what is accepted.

use super::capture::read_stdin;
use super::{now, out};
use crate::catalog::Catalog;
use crate::cli::{
    AgreementCommand, AgreementFieldArgs, CompareFormat, QuestionnaireArgs, QuestionnaireCommand,
};
use crate::dates::parse_date;
use crate::export::{Format, render_comparison};
use crate::mentoring::{Comparison, Scope, agreement_fields, with_mentor};
use crate::model::{Agreement, AgreementStatus, Questionnaire, Rating, Record, Stage};
use crate::ops::Op;
use crate::settings::Settings;
use crate::text::{for_terminal, one_line};
use chrono::NaiveDate;
use color_eyre::eyre::{Result, bail};
use std::fmt::Write;
use uuid::Uuid;

pub fn agreement(cmd: AgreementCommand, settings: &Settings) -> Result<()> {
    let today = settings.today;
    let catalog = &settings.catalog;
    match cmd {
        AgreementCommand::Add { mentor, fields } => {
            let mut a = Agreement::new(mentor.trim());
            a.start = Some(today);
            set_fields(&mut a, fields, today)?;
            let existing = settings.store.load()?;
            if let Some(n) = existing.agreements.agreements.iter().position(|x| {
                x.is_active() && x.mentor.trim().eq_ignore_ascii_case(a.mentor.trim())
            }) {
                eprintln!(
                    "mentorplan: note: agreement {} with {} is still active; end it with `mentorplan agreement end {}` if this one replaces it",
                    n + 1,
                    one_line(&a.mentor),
                    n + 1
                );
            }
            let record = settings
                .store
                .apply(catalog, &[Op::AddAgreement(a.clone())], now())?;
            let n = record.agreements.number(a.id).unwrap_or(0);
            out(format!(
                "Added agreement {n} {}.\n",
                with_mentor(catalog, &a)
            ))
        }
        AgreementCommand::List(list) => {
            let record = settings.store.load()?;
            if list.json {
                let items = record.agreements.agreements.iter().enumerate();
                let items = items.map(|(i, a)| super::json::numbered(i + 1, a, []));
                return super::json::print_list("agreements", items.collect());
            }
            let mut t = String::new();
            for (i, a) in record.agreements.agreements.iter().enumerate() {
                let state = match a.status {
                    AgreementStatus::Active => catalog.agreements.active.clone(),
                    AgreementStatus::Ended => {
                        format!("{} {}", catalog.agreements.ended, date_or_dash(a.end_date))
                    }
                };
                let review = match a.review {
                    Some(d) if a.is_active() => {
                        let due = (d - today).num_days()
                            <= i64::from(catalog.agreements.review_notice_days);
                        format!("  review {d}{}", if due { " DUE" } else { "" })
                    }
                    _ => String::new(),
                };
                writeln!(
                    t,
                    "{:>3}. [{state}] {}  since {}{review}",
                    i + 1,
                    one_line(&a.mentor),
                    date_or_dash(a.start)
                )?;
            }
            if t.is_empty() {
                t.push_str("No agreements yet: `mentorplan agreement add --mentor NAME`.\n");
            }
            out(t)
        }
        AgreementCommand::Show { number } => {
            let record = settings.store.load()?;
            let a = by_number(&record, number)?;
            out(show(catalog, a))
        }
        AgreementCommand::Edit {
            number,
            mentor,
            fields,
        } => {
            let record = settings.store.load()?;
            let mut a = by_number(&record, number)?.clone();
            if let Some(m) = mentor {
                a.mentor = m.trim().to_string();
            }
            set_fields(&mut a, fields, today)?;
            settings
                .store
                .apply(catalog, &[Op::UpdateAgreement(a.clone())], now())?;
            out(format!(
                "Updated agreement {number} {}.\n",
                with_mentor(catalog, &a)
            ))
        }
        AgreementCommand::End { number, date } => {
            let date = match date {
                Some(d) => parse_date(&d, today)?,
                None => today,
            };
            let record = settings.store.load()?;
            let a = by_number(&record, number)?;
            if a.start.is_some_and(|s| date < s) {
                bail!(
                    "--date {date} is before the agreement started ({}): give a date on or after it",
                    date_or_dash(a.start)
                );
            }
            let op = Op::SetAgreementStatus {
                id: a.id,
                status: AgreementStatus::Ended,
                end_date: Some(date),
            };
            settings.store.apply(catalog, &[op], now())?;
            out(format!(
                "Agreement {number} {} ended on {date}.\n",
                with_mentor(catalog, a)
            ))
        }
        AgreementCommand::Reopen { number } => {
            let record = settings.store.load()?;
            let a = by_number(&record, number)?;
            let op = Op::SetAgreementStatus {
                id: a.id,
                status: AgreementStatus::Active,
                end_date: None,
            };
            settings.store.apply(catalog, &[op], now())?;
            out(format!(
                "Agreement {number} {} is active again.\n",
                with_mentor(catalog, a)
            ))
        }
        AgreementCommand::Delete { number } => {
            let record = settings.store.load()?;
            let a = by_number(&record, number)?;
            settings
                .store
                .apply(catalog, &[Op::DeleteAgreement(a.id)], now())?;
            out(format!(
                "Deleted agreement {number} {} (a copy is in {}).\n",
                with_mentor(catalog, a),
                settings.store.backups_dir().display()
            ))
        }
    }
}

/// Sets the fields that were given; an empty value (or `none` for a date or length) clears one.
fn set_fields(a: &mut Agreement, f: AgreementFieldArgs, today: NaiveDate) -> Result<()> {
    let date = |flag: &str, text: &str| -> Result<Option<NaiveDate>> {
        if is_clear(text) {
            return Ok(None);
        }
        parse_date(text, today)
            .map(Some)
            .map_err(|e| color_eyre::eyre::eyre!("--{flag}: {e}, or `none` to clear it"))
    };
    if let Some(s) = f.start {
        a.start = date("start", &s)?;
    }
    if let Some(r) = f.review {
        a.review = date("review", &r)?;
    }
    if let Some(l) = f.length {
        a.length_minutes = if is_clear(&l) {
            None
        } else {
            let length = crate::length::parse_minutes(&l);
            Some(length.map_err(|e| super::refused("--length (or `none` to clear it):", e))?)
        };
    }
    for (value, slot) in [
        (f.frequency, &mut a.frequency),
        (f.venue, &mut a.venue),
        (f.contact, &mut a.contact),
        (f.duration, &mut a.duration),
        (f.wind_down, &mut a.wind_down),
    ] {
        if let Some(v) = value {
            *slot = read_text(&v)?.trim().to_string();
        }
    }
    if a.mentor.is_empty() {
        bail!("--mentor is empty: give the mentor's name");
    }
    if let (Some(s), Some(r)) = (a.start, a.review)
        && r < s
    {
        bail!(
            "the review date {r} is before the start date {s}: give a review date on or after the start"
        );
    }
    Ok(())
}

fn is_clear(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || t.eq_ignore_ascii_case("none")
}

/// `-` reads standard input, for longer text.
fn read_text(text: &str) -> Result<String> {
    if text == "-" {
        read_stdin()
    } else {
        Ok(text.to_string())
    }
}

fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "-".to_string(), |d| d.to_string())
}

fn by_number(record: &Record, number: usize) -> Result<&Agreement> {
    let list = &record.agreements.agreements;
    match number.checked_sub(1).and_then(|i| list.get(i)) {
        Some(a) => Ok(a),
        None if list.is_empty() => bail!(
            "there is no agreement {number}: there are no agreements yet (add one with `mentorplan agreement add --mentor NAME`)"
        ),
        None => bail!(
            "there is no agreement {number}: agreements are numbered 1 to {} (see `mentorplan agreement list`)",
            list.len()
        ),
    }
}

/// Every field with the proforma's labels, for `agreement show`.
fn show(catalog: &Catalog, a: &Agreement) -> String {
    let mut t = String::new();
    for f in agreement_fields(catalog, a) {
        let value = for_terminal(f.value.trim());
        let value = if value.is_empty() {
            catalog.labels.left_blank.as_str().into()
        } else {
            value
        };
        // Continuation lines of multi-line text hang under the label.
        let value = value.replace('\n', "\n    ");
        let _ = writeln!(t, "{}: {value}", f.label);
    }
    t
}

/// The agreement `--mentor` names: its number in `agreement list`, or the mentor's name (a
/// unique start of it, ignoring case).
fn resolve_mentor(record: &Record, text: &str) -> Result<Uuid> {
    let t = text.trim();
    if let Ok(n) = t.parse::<usize>() {
        return Ok(by_number(record, n)?.id);
    }
    let list = &record.agreements.agreements;
    let lower = t.to_lowercase();
    let exact: Vec<&Agreement> = list
        .iter()
        .filter(|a| a.mentor.trim().to_lowercase() == lower)
        .collect();
    let matches: Vec<&Agreement> = if exact.is_empty() && !lower.is_empty() {
        list.iter()
            .filter(|a| a.mentor.trim().to_lowercase().starts_with(&lower))
            .collect()
    } else {
        exact
    };
    // Several agreements with one mentor: the active one, else the latest.
    let pick = matches
        .iter()
        .rev()
        .find(|a| a.is_active())
        .or(matches.last());
    let names: std::collections::BTreeSet<String> = matches
        .iter()
        .map(|a| a.mentor.trim().to_lowercase())
        .collect();
    match pick {
        Some(a) if names.len() == 1 => Ok(a.id),
        _ => {
            let known: Vec<String> = list
                .iter()
                .enumerate()
                .map(|(i, a)| format!("{} {}", i + 1, one_line(&a.mentor)))
                .collect();
            let what = if names.len() > 1 {
                "matches more than one mentor"
            } else {
                "is not a mentor of any agreement"
            };
            if known.is_empty() {
                bail!(
                    "--mentor {t:?} {what}: there are no agreements yet (add one with `mentorplan agreement add --mentor NAME`)"
                );
            }
            bail!(
                "--mentor {t:?} {what}: give an agreement's number or its mentor's name ({})",
                known.join(", ")
            )
        }
    }
}

/// `AREA=N`: the area by id or by a unique start of its label (ignoring case), N from 1 to 5.
fn parse_rate(catalog: &Catalog, text: &str) -> Result<(String, Rating)> {
    let ids: Vec<&str> = catalog
        .checklist
        .areas
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let Some((area, value)) = text.split_once('=') else {
        bail!(
            "--rate {text:?} is not AREA=N: write for example --rate journal=2, with an area from {} and N from 1 to 5",
            ids.join(", ")
        );
    };
    let key = area.trim().to_lowercase();
    let by_id = catalog
        .checklist
        .areas
        .iter()
        .find(|a| a.id.eq_ignore_ascii_case(&key));
    let by_label: Vec<_> = catalog
        .checklist
        .areas
        .iter()
        .filter(|a| !key.is_empty() && a.label.to_lowercase().starts_with(&key))
        .collect();
    let found = match (by_id, by_label.as_slice()) {
        (Some(a), _) | (None, &[a]) => a,
        (None, []) => bail!(
            "--rate {text:?}: there is no area {:?}; use one of {} (or the start of an area's name)",
            area.trim(),
            ids.join(", ")
        ),
        (None, several) => {
            let names: Vec<&str> = several.iter().map(|a| a.id.as_str()).collect();
            bail!(
                "--rate {text:?}: {:?} could be any of {}; give more of the name or the id",
                area.trim(),
                names.join(", ")
            )
        }
    };
    let rating = value
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(Rating::new)
        .ok_or_else(|| {
            let scale: Vec<String> = catalog
                .impact
                .scale
                .iter()
                .map(|p| format!("{} {}", p.value, p.label))
                .collect();
            color_eyre::eyre::eyre!(
                "--rate {text:?}: {:?} is not a rating; use a whole number from 1 to 5 ({})",
                value.trim(),
                scale.join(", ")
            )
        })?;
    Ok((found.id.clone(), rating))
}

pub fn questionnaire(cmd: QuestionnaireCommand, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    match cmd {
        QuestionnaireCommand::Pre(args) => fill_in(Stage::Pre, args, settings),
        QuestionnaireCommand::Post(args) => fill_in(Stage::Post, args, settings),
        QuestionnaireCommand::Compare { mentor, format } => {
            let record = settings.store.load()?;
            let scope = match mentor {
                Some(m) => Scope::Agreement(resolve_mentor(&record, &m)?),
                None => Scope::Overall,
            };
            if Comparison::of(&record, catalog, scope).is_empty() {
                return out(
                    "No questionnaires to compare yet: fill in `mentorplan questionnaire pre --rate journal=2 ...` before mentoring and `... post` after it.\n",
                );
            }
            let format = match format {
                CompareFormat::Md => Format::Markdown,
                CompareFormat::Txt => Format::Text,
            };
            out(render_comparison(&record, catalog, scope, format))
        }
        QuestionnaireCommand::List(list) => {
            let record = settings.store.load()?;
            if list.json {
                let items = record.questionnaires.questionnaires.iter().enumerate();
                let items = items.map(|(i, q)| super::json::numbered(i + 1, q, []));
                return super::json::print_list("questionnaires", items.collect());
            }
            let mut t = String::new();
            for (i, q) in record.questionnaires.questionnaires.iter().enumerate() {
                let about = q
                    .agreement
                    .and_then(|id| record.agreements.get(id))
                    .map_or_else(
                        || catalog.impact.any_mentor.clone(),
                        |a| with_mentor(catalog, a),
                    );
                writeln!(
                    t,
                    "{:>3}. {}  {:<4}  {} area(s) rated  {about}",
                    i + 1,
                    q.date,
                    q.stage.id(),
                    q.ratings.len()
                )?;
            }
            if t.is_empty() {
                t.push_str(
                    "No questionnaires yet: `mentorplan questionnaire pre --rate journal=2 ...`.\n",
                );
            }
            out(t)
        }
        QuestionnaireCommand::Delete { number } => {
            let record = settings.store.load()?;
            let list = &record.questionnaires.questionnaires;
            let Some(q) = number.checked_sub(1).and_then(|i| list.get(i)) else {
                bail!(
                    "there is no questionnaire {number}: questionnaires are numbered 1 to {} (see `mentorplan questionnaire list`)",
                    list.len()
                );
            };
            settings
                .store
                .apply(catalog, &[Op::DeleteQuestionnaire(q.id)], now())?;
            out(format!(
                "Deleted questionnaire {number} ({} of {}).\n",
                catalog.impact.stage(q.stage).name,
                q.date
            ))
        }
    }
}

fn fill_in(stage: Stage, args: QuestionnaireArgs, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let date = match &args.date {
        Some(d) => parse_date(d, settings.today)?,
        None => settings.today,
    };
    let mut q = Questionnaire::new(stage, date);
    for text in &args.rates {
        let (area, rating) = parse_rate(catalog, text)?;
        if q.ratings.insert(area.clone(), rating).is_some() {
            bail!("--rate: the area {area} is rated twice; give each area once");
        }
    }
    if let Some(n) = &args.notes {
        q.notes = read_text(n)?.trim_end().to_string();
    }
    if q.is_empty() {
        bail!(
            "the questionnaire is empty: rate at least one area (--rate journal=2) or answer in --notes"
        );
    }
    let record = settings.store.load()?;
    if let Some(m) = &args.mentor {
        q.agreement = Some(resolve_mentor(&record, m)?);
    }
    let name = &catalog.impact.stage(stage).name;
    let op = match crate::mentoring::duplicate_of(&record, &q) {
        None => Op::AddQuestionnaire(q.clone()),
        Some((_, old)) if args.replace => {
            q.id = old.id;
            Op::UpdateQuestionnaire(q.clone())
        }
        Some((i, old)) => bail!(
            "there is already a {name} {} (questionnaire {}, of {}); the comparison uses one, so give --replace to replace it, or delete it first with `mentorplan questionnaire delete {}`",
            if old.stage == Stage::Pre && old.agreement.is_some() {
                "with this mentor".to_string()
            } else if old.stage == Stage::Pre {
                "not tied to a mentor".to_string()
            } else {
                format!("on {}", old.date)
            },
            i + 1,
            old.date,
            i + 1
        ),
    };
    let record = settings.store.apply(catalog, &[op], now())?;
    let about = q
        .agreement
        .and_then(|id| record.agreements.get(id))
        .map(|a| format!(" {}", with_mentor(catalog, a)))
        .unwrap_or_default();
    let mut t = format!(
        "Recorded the {name} of {date}{about}: {} area(s) rated.\n",
        q.ratings.len()
    );
    if stage == Stage::Post {
        let scope = q.agreement.map_or(Scope::Overall, Scope::Agreement);
        let cmp = Comparison::of(&record, catalog, scope);
        let hint = match q.agreement.and_then(|id| record.agreements.number(id)) {
            Some(n) => format!("mentorplan questionnaire compare --mentor {n}"),
            None => "mentorplan questionnaire compare".into(),
        };
        if cmp.before.is_some() && cmp.after.map(|a| a.id) == Some(q.id) {
            writeln!(
                t,
                "Against the {}: {}; see `{hint}`.",
                catalog.impact.pre.name,
                cmp.counts().sentence()
            )?;
        } else if cmp.before.is_none() {
            writeln!(
                t,
                "There is no {} to compare it with.",
                catalog.impact.pre.name
            )?;
        }
    }
    out(t)
}
