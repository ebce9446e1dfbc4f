//! `mentorplan export`: a section as Markdown or plain text, or the whole record as JSON.

use super::out;
use crate::calendar::PlanWindow;
use crate::cli::{ExportArgs, FormatArg, SectionArg};
use crate::export::{self, Format, Options, Section};
use crate::settings::Settings;
use crate::storage::DEVLOG_FILE;
use crate::storage::{
    AGREEMENTS_FILE, CHECKLIST_FILE, MEETINGS_FILE, PLANS_DIR, PROFILE_FILE, QUESTIONNAIRES_FILE,
    encode_record, files,
};
use color_eyre::eyre::{Result, WrapErr, bail};

pub fn run(args: ExportArgs, settings: &Settings) -> Result<()> {
    let (record, problems) = settings.store.load_partial();
    let needed: &[&str] = match (args.format, args.section) {
        (FormatArg::Json, _) => &[""],
        (_, SectionArg::Plan) => &[PLANS_DIR],
        (_, SectionArg::Checklist) => &[CHECKLIST_FILE],
        (_, SectionArg::Meetings) => &[MEETINGS_FILE],
        (_, SectionArg::All) if args.include_confidential => &[""],
        (_, SectionArg::All) => &[PLANS_DIR, CHECKLIST_FILE, PROFILE_FILE],
        (_, SectionArg::Agreements) => &[AGREEMENTS_FILE],
        (_, SectionArg::Impact) => &[QUESTIONNAIRES_FILE, AGREEMENTS_FILE],
        // The profile gives the FTE of the target; plans only a fallback for it.
        (_, SectionArg::Portfolio) => &[DEVLOG_FILE, PROFILE_FILE],
    };
    // A damaged file stops only the exports that need it; the others go ahead with a warning.
    for problem in problems {
        let rel = problem
            .path()
            .and_then(|p| p.strip_prefix(settings.store.dir()).ok())
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        if needed.iter().any(|n| rel.starts_with(n)) {
            return Err(problem.into());
        }
        eprintln!("mentorplan: warning: {}", first_line(&problem.to_string()));
    }
    let mode = u32::from_str_radix(&args.mode, 8)
        .ok()
        .filter(|m| *m <= 0o777)
        .ok_or_else(|| {
            color_eyre::eyre::eyre!(
                "--mode {:?} is not a file mode: use three octal digits such as 600 or 644",
                args.mode
            )
        })?;
    let bytes = match args.format {
        FormatArg::Json => encode_record(&record),
        FormatArg::Md | FormatArg::Txt => {
            let window = match &args.year {
                _ if args.section == SectionArg::Portfolio => {
                    PlanWindow::current(settings.today, &settings.catalog)
                }
                Some(y) => PlanWindow::parse(y)?,
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
            let format = if args.format == FormatArg::Md {
                Format::Markdown
            } else {
                Format::Text
            };
            let opts = Options {
                window,
                include_confidential: args.include_confidential,
            };
            export::render(&record, &settings.catalog, section, format, &opts)?.into_bytes()
        }
    };
    match args.output {
        None => out(String::from_utf8_lossy(&bytes)),
        Some(path) => {
            if path.is_dir() {
                bail!(
                    "{} is a directory: give a file name, such as plan.md",
                    path.display()
                );
            }
            files::write_atomic(&path, &bytes, mode)
                .wrap_err_with(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "Wrote {} ({} bytes, mode {mode:03o})",
                path.display(),
                bytes.len()
            );
            Ok(())
        }
    }
}

/// The current window if it has a plan, else the latest plan (a member exporting last year's
/// plan in August), else the current window (which then reports that no plan exists).
fn default_window(record: &crate::model::Record, settings: &Settings) -> PlanWindow {
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

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}
