//! `mentorplan merge-file BASE OURS THEIRS`: git's merge driver for a data directory kept in
//! git. The merged file replaces OURS (exit 0); a file that cannot be merged leaves OURS as it
//! was and exits 1, so git reports the conflict.

use crate::cli::MergeFileArgs;
use crate::storage::files;
use crate::storage::merge_file::merge_file;
use color_eyre::eyre::{Result, WrapErr, eyre};
use std::path::Path;

pub fn run(args: &MergeFileArgs) -> Result<()> {
    // git's temporary copies, outside the data directory: plain reads.
    let read = |p: &Path| std::fs::read(p).wrap_err_with(|| format!("cannot read {}", p.display()));
    let base = read(&args.base)?;
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    let merged = merge_file(&base, &ours, &theirs)
        .map_err(|e| eyre!("{e}; {} is left as it was", args.ours.display()))?;
    files::write_atomic(&args.ours, &merged.bytes, files::FILE_MODE)
        .wrap_err_with(|| format!("cannot write {}", args.ours.display()))?;
    if merged.collisions {
        super::warn(format!(
            "merged the {} file, but both sides changed the same lines of a text: both versions are kept in it between <<<<<<< and >>>>>>> lines; choose in mentorplan",
            merged.kind.key()
        ));
    }
    Ok(())
}
