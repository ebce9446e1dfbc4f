//! `mentorplan export`: a section as Markdown, plain text or JSON, or the whole record as JSON.

use super::{out, out_json};
use crate::calendar::PlanWindow;
use crate::cli::{ExportArgs, FormatArg, SectionArg};
use crate::export::{self, Format, Options, Section};
use crate::settings::Settings;
use crate::storage::{
    AGREEMENTS_FILE, CHECKLIST_FILE, PLANS_DIR, PROFILE_FILE, QUESTIONNAIRES_FILE, encode_record,
    encode_section,
};
use crate::storage::{DEVLOG_YEARS_DIR, MEETINGS_YEARS_DIR};
use color_eyre::eyre::{Result, WrapErr};

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
    };
    stop_on_needed(problems, needed, settings)?;
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
        SectionArg::All => args.include_confidential,
        SectionArg::Plan | SectionArg::Checklist | SectionArg::Portfolio => false,
    };
    if confidential && mode & 0o077 != 0 {
        crate::usage!(
            "--mode {mode:03o} would let other users read a confidential export (meetings, agreements or questionnaires): use 600 (or 400); modes such as 644 are for the plan, checklist and portfolio"
        );
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
        SectionArg::Portfolio => Section::Portfolio {
            year: match &args.year {
                Some(y) => Some(crate::devlog::parse_academic_year(y)?),
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
        FormatArg::Md => {
            export::render(&record, &settings.catalog, section, Format::Markdown, &opts)?
                .into_bytes()
        }
        FormatArg::Txt => {
            export::render(&record, &settings.catalog, section, Format::Text, &opts)?.into_bytes()
        }
    };
    match args.output {
        None if args.format == FormatArg::Json => out_json(&String::from_utf8_lossy(&bytes)),
        None => out(String::from_utf8_lossy(&bytes)),
        Some(path) => {
            export::write_file(&path, &bytes, mode)
                .wrap_err_with(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "Wrote {} ({} bytes, mode {mode:03o})",
                crate::text::for_terminal(&path.display().to_string()),
                bytes.len()
            );
            Ok(())
        }
    }
}

/// The current window if it has a plan, else the latest plan (a member exporting last year's
/// plan in August), else the current window (which then reports that no plan exists).
pub(crate) fn default_window(record: &crate::model::Record, settings: &Settings) -> PlanWindow {
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
    problems: Vec<crate::storage::StorageError>,
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
