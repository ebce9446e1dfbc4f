//! `mentorplan plan edit`: the whole plan in `$EDITOR`, as `git commit` or `crontab -e` do it.
//! The text goes through a private file in the data directory, kept until what it says is in
//! the record (or the user gave it up), so that nothing typed is lost to a failed save, a
//! mistake or a lost terminal.

use super::{now, out};
use crate::calendar::PlanWindow;
use crate::model::{AboutYou, Plan, Record};
use crate::plan_text::{self, Edited};
use crate::settings::Settings;
use crate::storage::files;
use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use std::path::Path;

/// A mistake reopens the editor; an editor that keeps saving mistakes (a script) stops here.
const MAX_ROUNDS: usize = 10;

pub fn run(record: Record, window: PlanWindow, settings: &Settings) -> Result<()> {
    let catalog = &settings.catalog;
    let store = &settings.store;
    let plan = record
        .plans
        .get(&window)
        .cloned()
        .unwrap_or_else(|| Plan::new(window, AboutYou::from_profile(&record.profile)));
    let editor = crate::ui::terminal::editor_command().map_err(|e| eyre!(e))?;
    files::ensure_data_dir(store.dir())
        .wrap_err_with(|| format!("cannot create {}", store.dir().display()))?;
    let path = store.editor_file_path();
    let mut shown = plan_text::render(&plan, catalog);
    files::write_new_text(&path, &shown)
        .wrap_err_with(|| format!("cannot write {} for the editor", path.display()))?;
    let mut round = 1;
    let edited: Edited = loop {
        let status = std::process::Command::new(&editor[0])
            .args(&editor[1..])
            .arg(&path)
            .status()
            .map_err(|e| eyre!("cannot run the editor {:?}: {e}", editor[0]))
            .map_err(|e| kept(e, &path))?;
        if !status.success() {
            return Err(kept(
                eyre!(
                    "the editor {:?} failed ({status}); the plan is unchanged",
                    editor[0]
                ),
                &path,
            ));
        }
        let bytes =
            files::read(&path).map_err(|e| eyre!("cannot read back {}: {e}", path.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| kept(eyre!("the saved file is not UTF-8 text"), &path))?;
        if text.trim().is_empty() {
            discard(&path);
            return out("The file was emptied: nothing changed.\n");
        }
        if text == shown {
            if round == 1 {
                discard(&path);
                return out(format!("No changes: the {window} plan is as it was.\n"));
            }
            bail!(
                "the mistakes are still there, so the plan is unchanged; what you wrote is kept in {} (edit it, then run `mentorplan plan edit` again and copy it in)",
                path.display()
            );
        }
        match plan_text::parse(&text, catalog, settings.today) {
            Ok(edited) => break edited,
            Err(mistakes) => {
                for m in &mistakes {
                    super::warn(m.to_string());
                }
                if round >= MAX_ROUNDS {
                    bail!(
                        "still {} mistake(s) after {MAX_ROUNDS} tries, so the plan is unchanged; what you wrote is kept in {}",
                        mistakes.len(),
                        path.display()
                    );
                }
                shown = plan_text::mark_mistakes(&text, &mistakes);
                files::write_atomic(&path, shown.as_bytes(), files::FILE_MODE)
                    .map_err(|e| kept(eyre!("cannot mark the mistakes: {e}"), &path))?;
                super::warn("reopening the editor with each mistake marked above its line");
                round += 1;
            }
        }
    };
    let ops = plan_text::changes(&plan, window, &edited);
    if ops.is_empty() {
        discard(&path);
        return out(format!("No changes: the {window} plan is as it was.\n"));
    }
    store
        .apply_over(catalog, &record, &ops, now())
        .map_err(|e| kept(e.into(), &path))?;
    discard(&path);
    let mut what: Vec<String> = ops.iter().map(|op| op.describe(catalog)).collect();
    what.dedup();
    out(format!(
        "Saved {} change(s):\n{}\n",
        ops.len(),
        what.iter()
            .map(|w| format!("  {w}"))
            .collect::<Vec<_>>()
            .join("\n")
    ))
}

/// The error, saying where the text is kept.
fn kept(e: color_eyre::Report, path: &Path) -> color_eyre::Report {
    let message = format!("{e}; what the editor saved is kept in {}", path.display());
    e.wrap_err(message)
}

/// The text is in the record (or was given up): its file goes.
fn discard(path: &Path) {
    if let Err(e) = std::fs::remove_file(path) {
        super::warn(format!("cannot remove {}: {e}", path.display()));
    }
}
