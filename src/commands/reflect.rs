//! `mentorplan reflect ...`: the mentor's reflective practice log from the shell. Every argument
//! is read and checked before anything is written, so bad input changes nothing; every change
//! is an `Op` through `Store::apply`, as in the interface.

use super::capture::{prompt_text, read_stdin};
use super::{now, out, refused};
use crate::catalog::Catalog;
use crate::cli::{CycleCommand, ReflectCommand, ReflectEntryArgs, ReflectEntryCommand};
use crate::dates::parse_date;
use crate::model::{ActivityRef, Cycle, Record, ReflectEntry, ReflectStage};
use crate::ops::Op;
use crate::reflect::{self, stage_label, tag_label};
use crate::settings::Settings;
use crate::text::one_line;
use color_eyre::eyre::{Result, WrapErr};
use std::fmt::Write;
use std::io::IsTerminal;

pub fn run(cmd: ReflectCommand, settings: &Settings) -> Result<()> {
    if let Some(m) = &settings.mentee {
        crate::usage!(
            "the reflective log is your own, as a mentor, not {}'s: run `mentorplan reflect` without --mentee",
            one_line(&m.name)
        );
    }
    match cmd {
        ReflectCommand::Cycle(CycleCommand::New {
            question,
            focus,
            date,
        }) => new_cycle(&question, focus, date.as_deref(), settings),
        ReflectCommand::Cycle(CycleCommand::List(args)) => list(args.json, settings),
        ReflectCommand::Cycle(CycleCommand::Show { number }) => show(number, settings),
        ReflectCommand::Entry(ReflectEntryCommand::Add(args)) => add_entry(args, settings),
        ReflectCommand::Tags => out(tags_text(&settings.catalog)),
        ReflectCommand::Evidence => evidence(settings),
    }
}

fn new_cycle(
    question: &str,
    focus: Option<String>,
    date: Option<&str>,
    settings: &Settings,
) -> Result<()> {
    let question = if question == "-" {
        read_stdin()?
    } else {
        question.to_string()
    };
    let question = question.trim();
    if question.is_empty() {
        crate::usage!(
            "the question is empty: say what the cycle asks, such as \"How do my questions open up a mentee's thinking?\""
        );
    }
    let started = date_or_today(date, settings)?;
    let mut cycle = Cycle::new(question, started);
    cycle.focus = focus.unwrap_or_default().trim().to_string();
    let record = settings
        .store
        .apply(&settings.catalog, &[Op::AddCycle(cycle.clone())], now())?;
    let n = number_of(&record, cycle.id);
    out(format!(
        "Started cycle {n}: {}\nAdd entries with `mentorplan reflect entry add --cycle {n} --stage plan`.\n",
        one_line(&cycle.question)
    ))
}

fn date_or_today(date: Option<&str>, settings: &Settings) -> Result<chrono::NaiveDate> {
    date_or(date, "--date", settings.today, settings)
}

/// The date `option` gives, or `default`.
fn date_or(
    date: Option<&str>,
    option: &str,
    default: chrono::NaiveDate,
    settings: &Settings,
) -> Result<chrono::NaiveDate> {
    Ok(match date {
        Some(d) => parse_date(d, settings.today).map_err(|e| refused(option, e))?,
        None => default,
    })
}

/// The cycle's number in `cycle list` (the order started).
fn number_of(record: &Record, id: uuid::Uuid) -> usize {
    record
        .reflect
        .in_order()
        .iter()
        .position(|c| c.id == id)
        .map_or(0, |i| i + 1)
}

/// Cycle `number` as `cycle list` numbers it, or a usage error naming the numbers there are.
fn cycle_at(record: &Record, number: usize) -> Result<&Cycle> {
    let cycles = record.reflect.in_order();
    match number.checked_sub(1).and_then(|i| cycles.get(i)) {
        Some(c) => Ok(c),
        None if cycles.is_empty() => crate::usage!(
            "there is no cycle {number}: no cycle has been started yet (`mentorplan reflect cycle new \"QUESTION\"`)"
        ),
        None => crate::usage!(
            "there is no cycle {number}: cycles are numbered 1 to {} (see `mentorplan reflect cycle list`)",
            cycles.len()
        ),
    }
}

fn add_entry(args: ReflectEntryArgs, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let stage = reflect::stage_of(catalog, &args.stage).map_err(|e| refused("--stage", e))?;
    let mut tags = std::collections::BTreeSet::new();
    for t in &args.tags {
        let id = reflect::tag_id(catalog, t).map_err(|e| refused("--tag", e))?;
        tags.insert(id.to_string());
    }
    if args.evidence.iter().any(|e| e.trim().is_empty()) {
        crate::usage!("--evidence is empty: give a note, a link or a file path");
    }
    let date = date_or_today(args.date.as_deref(), settings)?;
    let record = settings.store.load()?;
    let cycle = match args.cycle {
        Some(n) => cycle_at(&record, n)?,
        None => match record.reflect.in_order().last() {
            Some(c) => *c,
            None => cycle_at(&record, 1)?,
        },
    };
    let (cycle_id, n) = (cycle.id, number_of(&record, cycle.id));
    let activity = activity(&args, cycle.started, date, settings)?;
    let text = entry_text(&args)?;
    if text.trim().is_empty() {
        crate::usage!(
            "the entry is empty: give its text as an argument, with --file, or on standard input"
        );
    }
    let mut entry = ReflectEntry::new(date, stage);
    entry.text = text;
    entry.tags = tags;
    entry.evidence = args.evidence;
    entry.activity = activity;
    entry.confidential = args.confidential;
    let record = settings.store.apply(
        catalog,
        &[Op::AddReflectEntry {
            cycle: cycle_id,
            entry,
        }],
        now(),
    )?;
    let at_stage = record
        .reflect
        .cycle(cycle_id)
        .map_or(0, |c| c.at_stage(stage).count());
    out(format!(
        "Added a {} entry of {date} to cycle {n} ({at_stage} at this stage).\n",
        stage_label(catalog, stage)
    ))
}

/// The mentees `--mentoring` names, by their directory id, over `--from` to `--to`.
fn activity(
    args: &ReflectEntryArgs,
    cycle_start: chrono::NaiveDate,
    entry_date: chrono::NaiveDate,
    settings: &Settings,
) -> Result<Vec<ActivityRef>> {
    if args.mentoring.is_empty() {
        return Ok(Vec::new());
    }
    let from = date_or(args.from.as_deref(), "--from", cycle_start, settings)?;
    let to = date_or(args.to.as_deref(), "--to", entry_date, settings)?;
    if to < from {
        crate::usage!("--from {from} is after --to {to}: give a period that starts before it ends");
    }
    let list = settings.store.load_mentees()?;
    let mut out = Vec::new();
    for given in &args.mentoring {
        let i = crate::mentees::find(&list.mentees, given, false)
            .map_err(|e| crate::cli::UsageError(format!("--mentoring: {e}")))?;
        out.push(ActivityRef {
            mentee: list.mentees[i].id.clone(),
            from,
            to,
        });
    }
    Ok(out)
}

/// The text from the argument, `--file`, standard input (`-`, or piped), or a prompt.
fn entry_text(args: &ReflectEntryArgs) -> Result<String> {
    let text = match (&args.text, &args.file) {
        (_, Some(path)) => std::fs::read_to_string(path)
            .wrap_err_with(|| format!("cannot read --file {}", path.display()))?,
        (Some(t), None) if t == "-" => read_stdin()?,
        (Some(t), None) => t.clone(),
        (None, None) if std::io::stdin().is_terminal() => prompt_text("the entry")?,
        (None, None) => read_stdin()?,
    };
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

fn list(json: bool, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let record = settings.store.load()?;
    let cycles = record.reflect.in_order();
    if json {
        let items = cycles.iter().enumerate();
        let items = items.map(|(i, c)| super::json::numbered(i + 1, c, []));
        return super::json::print_list("cycles", items.collect());
    }
    let mut t = String::new();
    if cycles.is_empty() {
        writeln!(
            t,
            "{} Start one with `mentorplan reflect cycle new \"QUESTION\"`.",
            catalog.award.labels.no_cycles
        )?;
    }
    for (i, c) in cycles.iter().enumerate() {
        let stages: Vec<String> = ReflectStage::ALL
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    stage_label(catalog, *s).to_lowercase(),
                    c.at_stage(*s).count()
                )
            })
            .collect();
        writeln!(
            t,
            "{:>3}. {}  {}  ({})",
            i + 1,
            c.started,
            one_line(&c.question),
            stages.join(", ")
        )?;
    }
    out(t)
}

fn show(number: usize, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let l = &catalog.award.labels;
    let record = settings.store.load()?;
    let c = cycle_at(&record, number)?;
    // Counted only when an entry points at mentoring: it reads every mentee's record.
    let mentees = if c.entries.iter().any(|e| !e.activity.is_empty()) {
        settings.store.practice_evidence(catalog, settings.today)?
    } else {
        Vec::new()
    };
    let mut t = format!(
        "{} {number}: {}\n{}: {}\n",
        l.cycle,
        one_line(&c.question),
        l.started,
        c.started
    );
    if !c.focus.trim().is_empty() {
        writeln!(t, "{}: {}", l.focus, c.focus.trim_end())?;
    }
    for stage in ReflectStage::ALL {
        writeln!(t, "\n{}", stage_label(catalog, stage))?;
        let mut any = false;
        for e in c.at_stage(stage) {
            any = true;
            let tags: Vec<String> = e.tags.iter().map(|x| tag_label(catalog, x)).collect();
            let mut head = format!("  {}", e.date);
            if e.confidential {
                head.push_str(" (confidential)");
            }
            if !tags.is_empty() {
                write!(head, " [{}]", tags.join("; "))?;
            }
            writeln!(t, "{head}")?;
            for line in e.text.lines() {
                writeln!(t, "    {line}")?;
            }
            for item in &e.evidence {
                writeln!(t, "    {}: {}", l.evidence, one_line(item))?;
            }
            for a in &e.activity {
                let line = reflect::activity_line(catalog, a, &mentees);
                writeln!(t, "    {}: {}", l.evidence, one_line(&line))?;
            }
        }
        if !any {
            writeln!(t, "  {}", l.no_entries)?;
        }
    }
    out(t)
}

/// Every framework with its version and its tags, marking the shipped examples.
pub(crate) fn tags_text(catalog: &Catalog) -> String {
    let aw = &catalog.award;
    let mut t = String::new();
    for f in &aw.frameworks {
        let _ = writeln!(t, "{} · version: {}", f.name, f.version);
        for d in &f.descriptors {
            let mark = if d.example { "  [EXAMPLE]" } else { "" };
            let _ = writeln!(t, "  {:<16} {}{mark}", d.id, d.label);
        }
    }
    if aw.has_examples() {
        let _ = writeln!(t, "\n{}.", aw.example_note);
    }
    t
}

fn evidence(settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let l = &catalog.award.labels;
    let list = settings.store.practice_evidence(catalog, settings.today)?;
    let mut t = format!("{}\n", l.evidence_title);
    if list.is_empty() {
        writeln!(t, "  {}", l.no_mentees)?;
    }
    for m in &list {
        let state = if m.is_current() { &l.current } else { &l.past };
        let until = m.ended.map(|d| format!(" to {d}")).unwrap_or_default();
        writeln!(t, "{} ({state}, {}{until})", one_line(&m.label), m.started)?;
        if !m.readable {
            writeln!(t, "  {}", l.unreadable)?;
        }
        for (year, y) in &m.years {
            writeln!(t, "  {year}: {}", y.sentence(l))?;
        }
    }
    out(t)
}
