//! `mentorplan import`: bring a whole record from another machine.

use super::out;
use crate::cli::ImportArgs;
use crate::settings::Settings;
use crate::storage::read_record_file;
use color_eyre::eyre::{Result, bail};

pub fn import(args: ImportArgs, settings: &Settings) -> Result<()> {
    // `import -`: the record piped in (`ssh old-host mentorplan export ... | mentorplan import -`).
    let file = if args.file.as_os_str() == "-" {
        std::path::PathBuf::from("/dev/stdin")
    } else {
        args.file.clone()
    };
    let incoming = read_record_file(&file)?;
    let existing = settings.store.load()?;
    if existing != crate::model::Record::default() && !args.replace {
        bail!(
            "{} already holds data; importing would replace it. Run again with --replace (the replaced files are kept in {}).",
            settings.store.dir().display(),
            settings.store.backups_dir().display()
        );
    }
    settings.store.replace(&incoming, super::now())?;
    out(format!(
        "Imported {} plan(s), {} meeting(s) and {} action(s) into {}\n",
        incoming.plans.len(),
        incoming.meetings.meetings.len(),
        incoming.meetings.actions.len(),
        settings.store.dir().display()
    ))?;
    let (agreements, questionnaires) = (
        incoming.agreements.agreements.len(),
        incoming.questionnaires.questionnaires.len(),
    );
    if agreements + questionnaires > 0 {
        out(format!(
            "with {agreements} mentoring agreement(s) and {questionnaires} impact questionnaire(s)\n"
        ))?;
    }
    Ok(())
}
