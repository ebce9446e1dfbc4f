//! Writing the export preview to the file the Export screen names, asking before replacing one.

use super::{App, Modal, Question};
use std::path::PathBuf;

impl App {
    fn export_path(&self) -> PathBuf {
        let p = self.export.path.trim();
        match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
            _ => PathBuf::from(p),
        }
    }

    pub(super) fn ask_write_export(&mut self) {
        let path = self.export_path();
        // A dangling link is there too: ask before replacing it.
        if path.symlink_metadata().is_ok() {
            self.modal = Some(Modal::Confirm {
                text: format!("{} exists. Replace it?", path.display()),
                on_yes: Question::Overwrite(path),
            });
        } else {
            self.write_export(&path);
        }
    }

    pub(super) fn write_export(&mut self, path: &std::path::Path) {
        self.message = Some(match &self.preview {
            Err(e) => (format!("Nothing written: {e}"), true),
            Ok(text) => match crate::export::write_file(path, text.as_bytes(), 0o600) {
                Ok(()) => (
                    format!(
                        "Wrote {} lines to {}",
                        text.lines().count(),
                        std::path::absolute(path)
                            .unwrap_or_else(|_| path.to_path_buf())
                            .display()
                    ),
                    false,
                ),
                Err(e) => (format!("Cannot write {}: {e}", path.display()), true),
            },
        });
    }
}
