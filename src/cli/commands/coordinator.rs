//! `mentorplan submit` (the member's side) and `collate` and `pair` (the coordinator's).

use super::{out, out_json};
use crate::cli::coordinator::{CollateArgs, PairArgs, ReportFormat, SubmitArgs};
use crate::domain::calendar::PlanWindow;
use crate::domain::coordinator::collate::{self, Options};
use crate::domain::coordinator::submission::{Choices, Pairing, Submission};
use crate::domain::coordinator::{pair, roster};
use crate::export::coordinator as report;
use crate::export::{self, Format, Section};
use crate::session::Settings;
use crate::store::coordinator::walk;
use crate::store::files;
use color_eyre::eyre::{Result, WrapErr, eyre};
use std::path::{Path, PathBuf};

/// The names of the roster and the mentors file in the coordinator's directory.
pub const ROSTER_FILE: &str = "roster.csv";
pub const MENTORS_FILE: &str = "mentors.csv";

pub fn submit(args: SubmitArgs, settings: &Settings) -> Result<()> {
    let (record, problems) = settings.store.load_partial();
    // The plan, profile and checklist must be whole: a submission missing one would mislead;
    // so must the files the totals and ratings come from when they are asked for.
    use crate::store::{
        CHECKLIST_FILE, DEVLOG_YEARS_DIR, MEETINGS_YEARS_DIR, PLANS_DIR, PROFILE_FILE,
        QUESTIONNAIRES_FILE,
    };
    let mut needed = vec![PLANS_DIR, PROFILE_FILE, CHECKLIST_FILE];
    if args.with_totals {
        needed.extend([MEETINGS_YEARS_DIR, DEVLOG_YEARS_DIR]);
    }
    if args.with_impact {
        needed.push(QUESTIONNAIRES_FILE);
    }
    super::export::stop_on_needed(problems, &needed, settings)?;
    let window = match &args.year {
        Some(y) => PlanWindow::parse(y)?,
        None => super::export::default_window(&record, settings),
    };
    if record.profile.name.trim().is_empty()
        && record
            .plans
            .get(&window)
            .is_none_or(|p| p.about.name.trim().is_empty())
    {
        crate::usage!(
            "your name is not filled in: the coordinator needs to know whose plan it is (open `mentorplan`, then Profile)"
        );
    }
    let choices = Choices {
        with_totals: args.with_totals,
        with_impact: args.with_impact,
        pairing: Pairing {
            grade: args.grade,
            prefer: args.prefer,
            avoid: args.avoid,
        },
    };
    let Some(submission) = Submission::of(
        &record,
        &settings.catalog,
        window,
        super::now(),
        settings.today,
        &choices,
    ) else {
        // The export's own message lists the windows that have a plan.
        let opts = export::Options {
            window,
            include_confidential: false,
        };
        export::render(
            &record,
            &settings.catalog,
            Section::Plan,
            Format::Markdown,
            &opts,
        )?;
        unreachable!("a window without a plan fails to render");
    };
    let dir = args.output.unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        crate::usage!(
            "-o {}: not a folder: give an existing folder to write the two files into",
            dir.display()
        );
    }
    let stem = submission.file_stem();
    let json = crate::store::coordinator::submission_file::encode(&submission);
    let markdown = readable(&submission, settings)?;
    let json_path = dir.join(format!("{stem}.json"));
    let md_path = dir.join(format!("{stem}.md"));
    for (path, bytes) in [
        (&json_path, json.as_slice()),
        (&md_path, markdown.as_bytes()),
    ] {
        export::write_file(path, bytes, files::FILE_MODE)
            .wrap_err_with(|| format!("cannot write {}", path.display()))?;
    }
    let mut said = format!(
        "Wrote {} (for the coordinator's program) and {} (to read), plan {window}",
        json_path.display(),
        md_path.display()
    );
    if args.with_totals {
        said.push_str(", with this year's hours and development days");
    }
    if args.with_impact {
        said.push_str(", with your questionnaire ratings");
    }
    out(format!(
        "{said}.\nSend both to the Director of the scheme by {}.\n",
        crate::domain::calendar::next_deadline(settings.today, &settings.catalog)
            .format("%-d %B %Y")
    ))
}

/// The Markdown beside the JSON: the plan as exported, the checklist, and the numbers the
/// member added, so that a reader sees all that the program reads.
fn readable(s: &Submission, settings: &Settings) -> Result<String> {
    let opts = export::Options {
        window: s.meta.window,
        include_confidential: false,
    };
    let cat = &settings.catalog;
    let mut md = export::render(&s.record, cat, Section::Plan, Format::Markdown, &opts)?;
    md.push('\n');
    md += &export::render(&s.record, cat, Section::Checklist, Format::Markdown, &opts)?;
    if let Some(t) = &s.meta.totals {
        md += &format!(
            "\n# Totals for {}\n\n- Mentoring: {}\n- Professional development: {} days\n",
            t.academic_year,
            crate::domain::calendar::format_minutes(t.mentoring_minutes),
            t.development_days
        );
    }
    if let Some(i) = &s.meta.impact {
        md += "\n# Confidence before and after mentoring (1 to 5)\n\n| Area | Before | After |\n|---|---|---|\n";
        for area in &cat.checklist.areas {
            let (b, a) = (i.before.get(&area.id), i.after.get(&area.id));
            if b.is_some() || a.is_some() {
                let v = |r: Option<&crate::domain::model::Rating>| {
                    r.map(|r| r.value().to_string()).unwrap_or_default()
                };
                md += &format!(
                    "| {} | {} | {} |\n",
                    export::markdown_inline(&area.label),
                    v(b),
                    v(a)
                );
            }
        }
    }
    Ok(md)
}

/// The coordinator's own directory: the `coordinator/` folder of a data directory that holds a
/// member's record (the default one, or the member's own given with `--data-dir` or
/// `MENTORPLAN_DATA_DIR`: a trial's action plan landed beside its meetings), the data directory
/// itself otherwise (one kept for the coordinator's files alone). Not a mentee's record
/// (`--mentee`), where the coordinator's files have no place.
pub(crate) fn coordinator_dir(settings: &Settings) -> Result<PathBuf> {
    if settings.mentee.is_some() {
        crate::usage!(
            "--mentee is for a mentor's work on a mentee's record; the coordinator's commands (collate, pair, concordat) do not take it"
        );
    }
    let dir = settings.store.dir().to_path_buf();
    let default =
        directories::ProjectDirs::from("", "", "mentorplan").map(|d| d.data_dir().to_path_buf());
    Ok(
        if default.as_deref() == Some(dir.as_path()) || settings.store.holds_a_record() {
            dir.join("coordinator")
        } else {
            dir
        },
    )
}

/// A list the coordinator names (`--roster FILE`: theirs to choose, a link is fine), else the
/// one kept in the coordinator's directory (opened without following links), else none.
fn list_text(explicit: Option<&Path>, settings: &Settings, name: &str) -> Result<Option<String>> {
    let bytes = match explicit {
        Some(p) => std::fs::read(p).wrap_err_with(|| format!("cannot read {}", p.display()))?,
        None => {
            let p = coordinator_dir(settings)?.join(name);
            match files::read(&p) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(eyre!("cannot read {}: {e}", p.display())),
            }
        }
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| eyre!("{name}: not UTF-8 text (save the spreadsheet as CSV UTF-8)"))
}

pub fn collate(args: CollateArgs, settings: &Settings) -> Result<()> {
    coordinator_dir(settings)?;
    let window = match &args.year {
        Some(y) => PlanWindow::parse(y)?,
        None => PlanWindow::current(settings.today, &settings.catalog),
    };
    let roster = match list_text(args.roster.as_deref(), settings, ROSTER_FILE)? {
        None => None,
        Some(text) => Some(roster::members(&text).map_err(|e| {
            crate::cli::UsageError(format!(
                "the roster: {e}; expected CSV rows of name[,email]"
            ))
        })?),
    };
    let c = collation(&args.dirs, window, roster, settings)?;
    if args.tui {
        return crate::tui::collation::run(&c);
    }
    let text = match args.format {
        ReportFormat::Md => report::markdown(&c),
        ReportFormat::Csv => report::csv(&c),
        ReportFormat::Json => report::json(&c),
    };
    if !c.skipped.is_empty() {
        super::warn(format!(
            "{} file(s) skipped: see the report's list",
            c.skipped.len()
        ));
    }
    emit(&text, args.format, args.output.as_deref())
}

/// Reads every submission under `dirs` and collates them for `window`.
pub(crate) fn collation(
    dirs: &[PathBuf],
    window: PlanWindow,
    roster: Option<Vec<roster::Member>>,
    settings: &Settings,
) -> Result<collate::Collation> {
    let (paths, mut skipped) = walk::files_under(dirs)?;
    let mut found = Vec::new();
    for r in walk::read_all(&paths) {
        match r {
            Ok(f) => found.push(f),
            Err(s) => skipped.push(s),
        }
    }
    let opts = Options {
        today: settings.today,
        window,
        roster,
    };
    Ok(collate::collate(
        found,
        skipped,
        paths.len(),
        &settings.catalog,
        &opts,
    ))
}

fn emit(text: &str, format: ReportFormat, output: Option<&Path>) -> Result<()> {
    match output {
        // In a file too, nothing a member typed may reach the terminal of whoever `cat`s it:
        // the CSV's and Markdown's text is cleaned as written, and the JSON's unsafe characters
        // become `\uXXXX` escapes, the same data to a JSON reader.
        Some(path) => {
            let text = match format {
                ReportFormat::Json => crate::domain::text::json_for_terminal(text),
                _ => text.into(),
            };
            export::write_file(path, text.as_bytes(), files::FILE_MODE)
                .wrap_err_with(|| format!("cannot write {}", path.display()))
        }
        None if format == ReportFormat::Json => out_json(text),
        None => out(text),
    }
}

pub fn pair(args: PairArgs, settings: &Settings) -> Result<()> {
    coordinator_dir(settings)?;
    let catalog = &settings.catalog;
    let window = match &args.year {
        Some(y) => PlanWindow::parse(y)?,
        None => PlanWindow::current(settings.today, catalog),
    };
    let Some(text) = list_text(args.mentors.as_deref(), settings, MENTORS_FILE)? else {
        crate::usage!(
            "no mentors file: give --mentors FILE (CSV: name,grade,areas,current mentees), or keep it as {}",
            coordinator_dir(settings)?.join(MENTORS_FILE).display()
        );
    };
    let resolve = |a: &str| {
        catalog
            .checklist
            .areas
            .iter()
            .find(|x| x.id.eq_ignore_ascii_case(a) || x.label.eq_ignore_ascii_case(a))
            .map(|x| x.id.clone())
    };
    let mentors = roster::mentors(&text, resolve).map_err(|e| {
        let ids: Vec<&str> = catalog.checklist.areas.iter().map(|a| a.id.as_str()).collect();
        crate::cli::UsageError(format!(
            "the mentors file: {e}; expected CSV rows of name,grade,areas,current mentees, areas separated by ';' from: {}",
            ids.join(", ")
        ))
    })?;
    let wishes = match &args.preferences {
        None => Vec::new(),
        Some(p) => {
            let text = list_text(Some(p), settings, "preferences")?.unwrap_or_default();
            roster::wishes(&text).map_err(|e| {
                crate::cli::UsageError(format!(
                    "the preferences file: {e}; expected CSV rows of name,grade,prefer,avoid"
                ))
            })?
        }
    };
    let (paths, mut skipped) = walk::files_under(&args.submissions)?;
    let mut found = Vec::new();
    for r in walk::read_all(&paths) {
        match r {
            Ok(f) if f.submission.meta.window == window => found.push(f),
            Ok(_) => {}
            Err(s) => skipped.push(s),
        }
    }
    let kept = collate::latest_per_member(found, &mut skipped);
    for s in &skipped {
        super::warn(format!("skipped {}: {}", s.path.display(), s.reason));
    }
    let mentees: Vec<pair::Mentee> = kept
        .iter()
        .map(|f| mentee(&f.submission, &wishes))
        .collect();
    let label = |a: &str| {
        catalog
            .area(a)
            .map(|x| x.label.clone())
            .unwrap_or_else(|| a.to_string())
    };
    let proposal = pair::propose(&mentees, &mentors, catalog.max_mentees_per_mentor, label);
    let text = match args.format {
        ReportFormat::Md => pair_markdown(&proposal, window),
        ReportFormat::Csv => pair_csv(&proposal),
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&proposal)?;
            s.push('\n');
            s
        }
    };
    emit(&text, args.format, None)
}

/// A mentee as the pairing sees her: the areas of her checklist, and her wishes from the
/// submission and the coordinator's file together.
fn mentee(s: &Submission, wishes: &[roster::Wish]) -> pair::Mentee {
    let name = s.name().trim().to_string();
    let p = &s.meta.pairing;
    let mut m = pair::Mentee {
        areas: s
            .record
            .checklist
            .areas
            .iter()
            .filter(|(_, a)| !a.is_empty())
            .map(|(id, _)| id.clone())
            .collect(),
        grade: p.grade,
        prefer: p.prefer.clone(),
        avoid: p.avoid.clone(),
        name,
    };
    let key = crate::domain::coordinator::name_key(&m.name);
    for w in wishes
        .iter()
        .filter(|w| crate::domain::coordinator::name_key(&w.name) == key)
    {
        m.grade = m.grade.or(w.grade);
        m.prefer.extend(w.prefer.iter().cloned());
        m.avoid.extend(w.avoid.iter().cloned());
    }
    m
}

fn pair_markdown(p: &pair::Proposal, window: PlanWindow) -> String {
    use crate::export::markdown_inline as md;
    let mut o = format!(
        "# Pairing proposals for {window}\n\n{} paired, {} not paired.\n\n",
        p.pairs.len(),
        p.unmatched.len()
    );
    if !p.pairs.is_empty() {
        o += "| Mentee | Mentor | Why |\n|---|---|---|\n";
        for x in &p.pairs {
            o += &format!(
                "| {} | {} | {} |\n",
                md(&x.mentee),
                md(&x.mentor),
                md(&x.reason)
            );
        }
        o.push('\n');
    }
    if !p.unmatched.is_empty() {
        o += "## Not paired\n\n";
        for u in &p.unmatched {
            o += &format!("- {}: {}\n", md(&u.mentee), md(&u.reason));
        }
        o.push('\n');
    }
    o += "## Mentors' places\n\n| Mentor | Current | Proposed | Cap |\n|---|---|---|---|\n";
    for l in &p.mentors {
        o += &format!(
            "| {} | {} | {} | {} |\n",
            md(&l.mentor),
            l.current,
            l.proposed,
            l.cap
        );
    }
    for n in &p.notes {
        o += &format!("\nNote: {}\n", md(n));
    }
    o
}

fn pair_csv(p: &pair::Proposal) -> String {
    use crate::domain::coordinator::csv::line;
    let mut o = line(&["mentee", "mentor", "shared", "preferred", "reason"]);
    for x in &p.pairs {
        o += &line(&[
            x.mentee.as_str(),
            &x.mentor,
            &x.shared.join(";"),
            if x.preferred { "true" } else { "false" },
            &x.reason,
        ]);
    }
    for u in &p.unmatched {
        o += &line(&[u.mentee.as_str(), "", "", "false", &u.reason]);
    }
    o
}
