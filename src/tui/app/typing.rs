//! Nothing typed is lost: every change and every key in a field reaches this process's typing
//! journal (`crate::store::typing`) at most `JOURNAL_LATENCY` after the key, however steady
//! the typing (a deadline from the first unsaved key, not a timer that each key restarts).
//! Saving into the record follows on its own schedule. At start-up, the journal of a process
//! that is gone (killed, its terminal lost) is offered back, naming what it holds.

use super::{App, Modal, Question, first_line};
use crate::store::typing::{EditorFile, Journal, Typing};
use crate::tui::form::FieldKind;
use crate::tui::screens::ScreenId;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The bound from a key to the journal on disk. The promise is half a second; the margin
/// covers the write itself on a slow disk.
pub const JOURNAL_LATENCY: Duration = Duration::from_millis(300);

/// What an orphan journal brings back, kept while the question is open.
#[derive(Debug, Clone, PartialEq)]
pub struct Restore {
    pub paths: Vec<PathBuf>,
    pub journals: Vec<Journal>,
}

impl App {
    /// Something changed that the journal must learn: after a quiet spell it is written at
    /// once, during steady typing `JOURNAL_LATENCY` after its last write (so never later than
    /// that after a key, and not once per key).
    pub(super) fn journal_dirty(&mut self) {
        if self.journal_due.is_none() {
            let now = Instant::now();
            let due = self
                .journal_last_write
                .map_or(now, |t| (t + JOURNAL_LATENCY).max(now));
            self.journal_due = Some(due);
            if due <= now {
                self.write_journal_if_due(now, true);
            }
        }
    }

    /// Writes the journal now if it is due (the clock) or `force`d (signals, suspending, the
    /// editor, a save that emptied it).
    pub(super) fn write_journal_if_due(&mut self, now: Instant, force: bool) {
        if !force && self.journal_due.is_none_or(|t| now < t) {
            return;
        }
        self.journal_due = None;
        let mut j = Journal::new(self.now());
        j.ops = self.pending.clone();
        j.typing = self.typing_in_field();
        j.editor = self.editor_file.clone();
        if j.is_empty() && !self.journal_written {
            return;
        }
        self.journal_last_write = Some(now);
        match self.settings.store.save_journal(&j) {
            Ok(()) => self.journal_written = !j.is_empty(),
            Err(e) => {
                // Retried at the next key or tick; the status line says why.
                self.journal_due = Some(now + JOURNAL_LATENCY);
                self.message = Some((
                    format!(
                        "What you type is not reaching the disk: {}",
                        first_line(&e.to_string())
                    ),
                    true,
                ));
            }
        }
    }

    /// On every way out: whatever is not saved is in the journal (it is removed when empty).
    pub fn flush_journal(&mut self) {
        self.write_journal_if_due(Instant::now(), true);
    }

    /// The text of a one-line field being typed, when it differs from the record (a text area
    /// is committed at every key, so it is already among the pending changes).
    fn typing_in_field(&self) -> Option<Typing> {
        let form = self.form();
        let f = form.focused()?;
        if !form.is_editing() || f.kind == FieldKind::TextArea {
            return None;
        }
        let text = form.editing_text()?;
        if f.value.as_text() == text {
            return None;
        }
        Some(Typing {
            place: self.place_of(&f.label),
            screen: self.screen.index(),
            field: format!("{:?}", f.id),
            text,
        })
    }

    /// "Plan 2026-28 › Key targets".
    pub(super) fn place_of(&self, label: &str) -> String {
        format!("{} › {}", self.section_title(), label)
    }

    /// Before `$EDITOR` runs: its file is named in the journal, on disk, so that a lost
    /// terminal cannot lose what is saved in the editor.
    pub(super) fn journal_editor(&mut self, path: PathBuf, before: String) {
        let (place, field) = match self.form().focused() {
            Some(f) => (self.place_of(&f.label), format!("{:?}", f.id)),
            None => (self.section_title(), String::new()),
        };
        self.editor_file = Some(EditorFile {
            path,
            before,
            place,
            screen: self.screen.index(),
            field,
        });
        self.write_journal_if_due(Instant::now(), true);
    }

    /// After the editor's text is in the record's pending changes and the journal: its file
    /// can go.
    pub(super) fn editor_done(&mut self) {
        if let Some(e) = self.editor_file.take() {
            self.write_journal_if_due(Instant::now(), true);
            remove_editor_file(&e.path);
        }
    }

    /// At start-up: journals of processes that are gone are offered back.
    pub(super) fn check_orphan_journals(&mut self) {
        let found = self.settings.store.orphan_journals();
        if found.is_empty() || self.modal.is_some() {
            return;
        }
        let (paths, journals): (Vec<_>, Vec<_>) = found.into_iter().unzip();
        let what = describe(&journals, self);
        self.modal = Some(Modal::Confirm {
            text: format!(
                "mentorplan stopped before saving what was typed ({what}). Restore it? \
                 (n keeps it for the next start)"
            ),
            on_yes: Question::Restore(Box::new(Restore { paths, journals })),
        });
    }

    /// Yes to the question: the changes go back among the pending ones (and are saved), a
    /// field's text goes back into its field.
    pub(super) fn restore(&mut self, r: Restore) {
        let mut typed: Vec<Typing> = Vec::new();
        for j in &r.journals {
            self.apply_ops(j.ops.clone());
            typed.extend(j.typing.clone());
            if let Some(e) = &j.editor
                && let Some(text) = editor_text(&e.path)
            {
                let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
                if text != e.before.strip_suffix('\n').unwrap_or(&e.before) {
                    typed.push(Typing {
                        place: e.place.clone(),
                        screen: e.screen,
                        field: e.field.clone(),
                        text,
                    });
                }
            }
        }
        let mut not_placed = Vec::new();
        for t in typed {
            if !self.put_back(&t) {
                not_placed.push(t);
            }
        }
        self.save_now();
        self.write_journal_if_due(Instant::now(), true);
        if self.pending.is_empty() && not_placed.is_empty() {
            for (path, j) in r.paths.iter().zip(&r.journals) {
                let _ = self.settings.store.remove_journal(path);
                if let Some(e) = &j.editor {
                    remove_editor_file(&e.path);
                }
            }
        }
        self.message = Some(match not_placed.first() {
            None => ("Restored what was typed; it is saved".into(), false),
            Some(t) => (
                format!(
                    "Restored, except the text typed in {} (its field is gone): \"{}\"",
                    t.place, t.text
                ),
                true,
            ),
        });
    }

    /// Opens the field a text was typed in and puts the text back, typing in it.
    fn put_back(&mut self, t: &Typing) -> bool {
        let Some(&screen) = ScreenId::ALL.get(t.screen) else {
            return false;
        };
        self.goto(screen);
        let id = self
            .form()
            .fields()
            .iter()
            .find(|f| format!("{:?}", f.id) == t.field)
            .map(|f| f.id.clone());
        let Some(id) = id else { return false };
        if !self.form_mut().focus_id(&id) || !self.form().is_editing() {
            return false;
        }
        if self.form_mut().replace_text(&t.text) {
            self.typed();
        }
        true
    }
}

/// What the editor left: its file, or nano's emergency copy beside it (`FILE.save`, written
/// when nano is hung up on before saving) when that is newer.
fn editor_text(path: &std::path::Path) -> Option<String> {
    let saved = std::fs::read_to_string(path).ok();
    let mut emergency = path.as_os_str().to_owned();
    emergency.push(".save");
    let emergency = std::path::PathBuf::from(emergency);
    let modified = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let rescued = std::fs::read_to_string(&emergency).ok();
    if rescued.is_some() && (saved.is_none() || modified(&emergency) > modified(path)) {
        rescued
    } else {
        saved
    }
}

/// Removes an editor's file and what the editor may have left beside it.
fn remove_editor_file(path: &std::path::Path) {
    let _ = std::fs::remove_file(path);
    let mut emergency = path.as_os_str().to_owned();
    emergency.push(".save");
    let _ = std::fs::remove_file(std::path::PathBuf::from(emergency));
}

/// "3 changes; Profile › Position: "mid-career lec…"".
fn describe(journals: &[Journal], app: &App) -> String {
    let ops: usize = journals.iter().map(|j| j.ops.len()).sum();
    let mut parts = Vec::new();
    if ops > 0 {
        let places: Vec<String> = journals
            .iter()
            .flat_map(|j| &j.ops)
            .map(|op| op.describe(&app.settings.catalog))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        parts.push(format!(
            "{ops} change{} to {}",
            if ops == 1 { "" } else { "s" },
            places.join(", ")
        ));
    }
    for j in journals {
        if let Some(t) = &j.typing {
            let short: String = t.text.chars().take(30).collect();
            parts.push(format!("{}: \"{short}\"", t.place));
        }
        if let Some(e) = &j.editor {
            parts.push(format!("{}: a text being edited in your editor", e.place));
        }
    }
    parts.join("; ")
}
