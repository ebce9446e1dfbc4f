//! `mentorplan export`: a section as Markdown, plain text, a Word document, a calendar or JSON,
//! or the whole record as JSON.

use super::{out, out_bytes, out_json};
use crate::cli::{ExportArgs, FormatArg, SectionArg};
use crate::domain::calendar::PlanWindow;
use crate::export::{self, Format, Options, Section};
use crate::session::Settings;
use crate::store::{
    AGREEMENTS_FILE, CHECKLIST_FILE, PLANS_DIR, PROFILE_FILE, QUESTIONNAIRES_FILE, encode_record,
    encode_section,
};
use crate::store::{DEVLOG_YEARS_DIR, MEETINGS_YEARS_DIR, REFLECT_FILE};
use color_eyre::eyre::{Result, WrapErr};
use std::io::IsTerminal;

pub fn run(args: ExportArgs, settings: &Settings) -> Result<()> {
    let (record, problems) = settings.store.load_partial();
    let needed: &[&str] = match (args.format, args.section) {
        (FormatArg::Json, SectionArg::All) if !args.include_confidential => {
            &[PLANS_DIR, CHECKLIST_FILE, PROFILE_FILE, DEVLOG_YEARS_DIR]
        }
        (_, SectionArg::Plan) => &[PLANS_DIR],
        (_, SectionArg::Checklist) => &[CHECKLIST_FILE],
        // `meetings.json` and `meetings/<year>.json` alike.
        (_, SectionArg::Meetings) => &[MEETINGS_YEARS_DIR],
        (_, SectionArg::All) if args.include_confidential => &[""],
        (_, SectionArg::All) => &[PLANS_DIR, CHECKLIST_FILE, PROFILE_FILE],
        (_, SectionArg::Agreements) => &[AGREEMENTS_FILE],
        (_, SectionArg::Impact) => &[QUESTIONNAIRES_FILE, AGREEMENTS_FILE],
        // The profile gives the FTE of the target; plans only a fallback for it.
        (_, SectionArg::Portfolio) => &[DEVLOG_YEARS_DIR, PROFILE_FILE],
        (_, SectionArg::Award) => &[REFLECT_FILE, PROFILE_FILE],
    };
    stop_on_needed(problems, needed, settings)?;
    // A Word file is bytes no terminal can show: refuse before reading anything else.
    if args.format == FormatArg::Docx && args.output.is_none() && std::io::stdout().is_terminal() {
        crate::usage!(
            "--format docx writes a Word file, which a terminal cannot show: give -o FILE (such as -o plan.docx), or pipe it to a program"
        );
    }
    if args.format == FormatArg::Ics
        && matches!(
            args.section,
            SectionArg::Checklist | SectionArg::Impact | SectionArg::Portfolio | SectionArg::Award
        )
    {
        crate::usage!("{}", export::ExportError::NoDates);
    }
    let Some(mode) = u32::from_str_radix(&args.mode, 8)
        .ok()
        .filter(|m| *m <= 0o777)
    else {
        crate::usage!(
            "--mode {:?} is not a file mode: use three octal digits such as 600 or 644",
            args.mode
        );
    };
    // Section 3, agreements and questionnaires are for the member alone: a mode that lets the
    // group or others read them is refused rather than written with a warning nobody sees.
    let confidential = match args.section {
        SectionArg::Meetings | SectionArg::Agreements | SectionArg::Impact => true,
        SectionArg::All | SectionArg::Award => args.include_confidential,
        SectionArg::Plan | SectionArg::Checklist | SectionArg::Portfolio => false,
    };
    if confidential && mode & 0o077 != 0 {
        crate::usage!(
            "--mode {mode:03o} would let other users read a confidential export (meetings, agreements or questionnaires): use 600 (or 400); modes such as 644 are for the plan, checklist and portfolio"
        );
    }
    if args.section == SectionArg::Award {
        return award(&record, &args, mode, settings);
    }
    let window = match &args.year {
        _ if args.section == SectionArg::Portfolio => {
            PlanWindow::current(settings.today, &settings.catalog)
        }
        Some(y) => PlanWindow::parse(y)?,
        // Only the plan's own export looks for a window; a whole-record copy keeps every plan.
        None if args.format == FormatArg::Json && args.section != SectionArg::Plan => {
            PlanWindow::current(settings.today, &settings.catalog)
        }
        None => default_window(&record, settings),
    };
    let section = match args.section {
        SectionArg::Plan => Section::Plan,
        SectionArg::Checklist => Section::Checklist,
        SectionArg::Meetings => Section::Meetings,
        SectionArg::All => Section::All,
        SectionArg::Agreements => Section::Agreements,
        SectionArg::Impact => Section::Impact,
        SectionArg::Award => unreachable!("exported above"),
        SectionArg::Portfolio => Section::Portfolio {
            year: match &args.year {
                Some(y) => Some(crate::domain::devlog::parse_academic_year(y)?),
                None => None,
            },
        },
    };
    let opts = Options {
        window,
        include_confidential: args.include_confidential,
    };
    let bytes = match args.format {
        FormatArg::Json if args.section == SectionArg::All && args.include_confidential => {
            encode_record(&record)
        }
        FormatArg::Json => {
            let part = export::select(&record, &settings.catalog, section, &opts)?;
            let name = clap::ValueEnum::to_possible_value(&args.section)
                .map(|v| v.get_name().to_string())
                .unwrap_or_default();
            encode_section(&part, &name)
        }
        FormatArg::Md | FormatArg::Txt | FormatArg::Docx | FormatArg::Ics => {
            let format = match args.format {
                FormatArg::Md => Format::Markdown,
                FormatArg::Docx => Format::Docx,
                FormatArg::Ics => Format::Calendar,
                _ => Format::Text,
            };
            export::render_file(&record, &settings.catalog, section, format, &opts)?
        }
    };
    emit(&args, bytes, mode)
}

/// `--section award`: the mentor's log and the evidence of practice counted from the mentees'
/// records (their text never read into the document). Refused on a mentee's record, which has
/// no log of the mentor's.
fn award(
    record: &crate::domain::model::Record,
    args: &ExportArgs,
    mode: u32,
    settings: &Settings,
) -> Result<()> {
    if let Some(m) = &settings.mentee {
        crate::usage!(
            "the award portfolio is your own, as a mentor, not {}'s: export it without --mentee",
            crate::domain::text::one_line(&m.name)
        );
    }
    if args.year.is_some() {
        crate::usage!("--year does not apply to --section award, which exports every cycle");
    }
    let catalog = &settings.catalog;
    let bytes = match args.format {
        FormatArg::Json => {
            let part = export::select_award(record, args.include_confidential);
            encode_section(&part, "award")
        }
        format => {
            let evidence = settings.store.practice_evidence(catalog, settings.today)?;
            let format = match format {
                FormatArg::Md => Format::Markdown,
                FormatArg::Docx => Format::Docx,
                FormatArg::Ics => Format::Calendar,
                _ => Format::Text,
            };
            export::render_award(
                record,
                catalog,
                &evidence,
                format,
                args.include_confidential,
            )?
        }
    };
    emit(args, bytes, mode)
}

/// To standard output, or to the file `--output` names with `mode`.
fn emit(args: &ExportArgs, bytes: Vec<u8>, mode: u32) -> Result<()> {
    match &args.output {
        None if args.format == FormatArg::Json => out_json(&String::from_utf8_lossy(&bytes)),
        None if args.format == FormatArg::Docx => out_bytes(&bytes),
        // The calendar's lines end in CRLF (RFC 5545), kept exactly for a program; a terminal
        // is shown plain lines.
        None if args.format == FormatArg::Ics && !std::io::stdout().is_terminal() => {
            out_bytes(&bytes)
        }
        None if args.format == FormatArg::Ics => {
            out(String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
        }
        None => out(String::from_utf8_lossy(&bytes)),
        Some(path) => {
            export::write_file(path, &bytes, mode)
                .wrap_err_with(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "Wrote {} ({} bytes, mode {mode:03o})",
                crate::domain::text::for_terminal(&path.display().to_string()),
                bytes.len()
            );
            Ok(())
        }
    }
}

/// The current window if it has a plan, else the latest plan (a member exporting last year's
/// plan in August), else the current window (which then reports that no plan exists).
pub(crate) fn default_window(
    record: &crate::domain::model::Record,
    settings: &Settings,
) -> PlanWindow {
    let current = PlanWindow::current(settings.today, &settings.catalog);
    if record.plans.contains_key(&current) {
        return current;
    }
    match record.plans.keys().next_back() {
        Some(latest) => {
            eprintln!(
                "No plan for {current} yet: exporting the latest plan, {latest} (choose with --year)."
            );
            *latest
        }
        None => current,
    }
}

/// A damaged file stops only the exports that need it (a data file or folder named in
/// `needed`, relative to the data directory); the others go ahead with a warning.
pub(crate) fn stop_on_needed(
    problems: Vec<crate::store::StorageError>,
    needed: &[&str],
    settings: &Settings,
) -> Result<()> {
    for problem in problems {
        let rel = problem
            .path()
            .and_then(|p| p.strip_prefix(settings.store.dir()).ok())
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        if needed.iter().any(|n| rel.starts_with(n)) {
            return Err(problem.into());
        }
        super::warn(format!("warning: {}", first_line(&problem.to_string())));
    }
    Ok(())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}
