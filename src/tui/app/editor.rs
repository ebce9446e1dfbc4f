//! Handing a text area to the external editor (Ctrl-E) and taking its text back, with the
//! editor's file named in the typing journal meanwhile.

use super::App;
use std::path::PathBuf;

impl App {
    pub(super) fn request_editor(&mut self) {
        if !self.form().editing_text_area() {
            self.message = Some(("Ctrl-E opens text areas in your editor".into(), true));
            return;
        }
        self.flush_draft();
        self.editor_request = self.form().editing_text();
    }

    /// Before the external editor runs: its file (in the data directory) is named in the
    /// journal, so that a lost terminal cannot lose what was saved in the editor.
    pub fn editor_starting(&mut self, path: PathBuf, text: String) {
        self.journal_editor(path, text);
    }

    /// The text back from the external editor. Its file goes once the text is among the
    /// pending changes and in the journal; a file whose text could not be taken is kept.
    pub fn editor_returned(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
                if self.form_mut().replace_text(&text) {
                    self.typed();
                }
                self.editor_done();
            }
            Err(e) => {
                let kept = self.editor_file.as_ref().is_some_and(|f| {
                    std::fs::read_to_string(&f.path)
                        .is_ok_and(|t| t.trim_end() != f.before.trim_end())
                });
                if kept {
                    let path = self
                        .editor_file
                        .as_ref()
                        .map(|f| f.path.display().to_string());
                    self.message = Some((
                        format!(
                            "{e}; what the editor saved is kept in {}",
                            path.unwrap_or_default()
                        ),
                        true,
                    ));
                } else {
                    self.editor_done();
                    self.message = Some((e, true));
                }
            }
        }
    }
}
