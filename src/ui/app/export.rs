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
        let e = &self.export;
        let format = crate::ui::screens::export::FORMATS[e.format].0;
        // A Word file or a calendar is not exactly its preview: make the file itself.
        let file = if !format.file_is_text() {
            let opts = crate::export::Options {
                window: e.window,
                include_confidential: e.confidential,
            };
            let section = crate::ui::screens::export::SECTIONS[e.section].0;
            crate::export::render_file(&self.record, &self.settings.catalog, section, format, &opts)
                .map_err(|e| e.to_string())
        } else {
            self.preview.clone().map(String::into_bytes)
        };
        let lines = self.preview.as_ref().map_or(0, |t| t.lines().count());
        self.message = Some(match file {
            Err(e) => (format!("Nothing written: {e}"), true),
            Ok(bytes) => match crate::export::write_file(path, &bytes, 0o600) {
                Ok(()) => (
                    format!(
                        "Wrote {} to {}",
                        if format.is_binary() {
                            format!("{} bytes", bytes.len())
                        } else {
                            format!("{lines} lines")
                        },
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
