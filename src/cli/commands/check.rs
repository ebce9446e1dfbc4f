//! `mentorplan check`: validate every data file, report each problem, and optionally set
//! unreadable files aside or tighten permissions.

use super::{now, out};
use crate::cli::CheckArgs;
use crate::domain::text::for_terminal;
use crate::session::Settings;
use crate::store::ProblemKind;
use crate::store::files::{DIR_MODE, FILE_MODE};
use color_eyre::eyre::{Result, bail};
use std::fmt::Write;
use std::fs::{self, Permissions};
use std::os::unix::fs::PermissionsExt;

pub fn run(args: CheckArgs, settings: &Settings) -> Result<()> {
    let store = &settings.store;
    if !store.dir().exists() {
        return out(format!(
            "No data yet at {}: nothing to check. It will be created, private to you, on the first save.\n",
            store.dir().display()
        ));
    }
    store.remove_stale_temporaries();
    let problems = store.check();
    let mut t = String::new();
    if crate::store::lock::on_network_filesystem(store.dir()) {
        writeln!(
            t,
            "note: {} is on NFS: the lock that keeps two mentorplan processes from overwriting each other works between processes on this machine, but may not between machines. Use mentorplan from one server at a time.",
            store.dir().display()
        )?;
    }
    let mut remaining = 0;
    for p in &problems {
        match p.kind {
            ProblemKind::Permissions if args.fix_permissions => {
                let mode = if p.path.is_dir() { DIR_MODE } else { FILE_MODE };
                fs::set_permissions(&p.path, Permissions::from_mode(mode))?;
                writeln!(t, "fixed: {} is now {mode:03o}", p.path.display())?;
            }
            ProblemKind::Unreadable if args.move_aside && p.path.is_file() => {
                let target = store.move_aside(&p.path, now())?;
                writeln!(
                    t,
                    "moved aside: {} -> {}",
                    p.path.display(),
                    target.display()
                )?;
            }
            ProblemKind::Warning => {
                writeln!(t, "warning: {}: {}", p.path.display(), p.message)?;
            }
            _ => {
                remaining += 1;
                writeln!(t, "problem: {}: {}", p.path.display(), p.message)?;
            }
        }
    }
    if remaining == 0 {
        writeln!(
            t,
            "All data files in {} are readable.",
            store.dir().display()
        )?;
        return out(for_terminal(&t));
    }
    // File names and keys come from disk: nothing in them reaches the terminal raw.
    out(for_terminal(&t))?;
    bail!(
        "{remaining} problem(s) found; `mentorplan check --move-aside` sets unreadable files aside, `--fix-permissions` makes the data private"
    )
}
