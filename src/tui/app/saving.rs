//! Saving, the disk and the clock: the autosave and its retries, noticing another process's
//! writes, how long the event loop may sleep, and the ways out (quit, shutdown, suspend),
//! which all save first.

use super::{App, Modal, Question, SaveState, first_line};
use crate::tui::form::Form;
use std::time::{Duration, Instant};

/// Changes are saved this long after the last one (and on exit, and on Ctrl-S).
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(1);
/// How often the data directory is checked for another process's writes.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// A save that failed is retried this often while changes wait.
const RETRY_INTERVAL: Duration = Duration::from_secs(5);
/// A save that found the lock held by another process is tried again this soon.
const BUSY_RETRY: Duration = Duration::from_millis(250);

impl App {
    /// Saves the pending operations now (under the lock, merged with what is on disk).
    pub fn save_now(&mut self) {
        self.save(false);
    }

    /// Saves, waiting for the lock if another process holds it: only on the way out (quit, a
    /// signal, suspending), where there is no more typing to keep responsive.
    pub fn save_waiting(&mut self) {
        self.save(true);
    }

    /// Saves the pending operations (under the lock, merged with what is on disk). Without
    /// `wait`, a lock held by another process is not waited for (the interface froze for up
    /// to 10 s a key, issue 10): the save is tried again shortly, and what was typed is in the
    /// typing journal meanwhile.
    fn save(&mut self, wait: bool) {
        use crate::store::TryApply;
        self.last_save_attempt = Some(Instant::now());
        self.retry_busy = None;
        if self.pending.is_empty() {
            if !matches!(self.save, SaveState::Held(_)) {
                self.save = SaveState::Saved;
            }
            return;
        }
        let now = self.now();
        let (store, catalog) = (&self.settings.store, &self.settings.catalog);
        // Over the record as last loaded, merged with whatever another process wrote since:
        // replaying whole-object operations on the disk would overwrite it.
        let result = if wait {
            store
                .apply_over_in(catalog, self.base(), self.scope, &self.pending, now)
                .map(|r| TryApply::Saved(Box::new(r)))
        } else {
            store.try_apply_over(catalog, self.base(), self.scope, &self.pending, now)
        };
        match result {
            Ok(TryApply::Saved(saved)) => {
                self.base = None;
                self.record = *saved;
                self.pending.clear();
                self.fingerprint = self.settings.store.fingerprint();
                self.save = SaveState::Saved;
                self.refresh();
                // What is saved leaves the journal.
                self.write_journal_if_due(Instant::now(), true);
            }
            Ok(TryApply::Busy(holder)) => {
                self.retry_busy = Some(Instant::now() + BUSY_RETRY);
                if !matches!(self.save, SaveState::Held(_)) {
                    self.save = SaveState::Unsaved;
                }
                self.message = Some((
                    format!(
                        "Another mentorplan is saving ({}): yours follows in a moment; what you type is kept meanwhile",
                        first_line(&holder)
                    ),
                    false,
                ));
            }
            Err(e) => {
                let text = e.to_string();
                self.save = SaveState::Held(first_line(&text));
                self.message = Some((first_line(&text), true));
            }
        }
    }

    /// Checks the data directory. If another process wrote: with changes waiting, saves them
    /// now, merged with what it wrote; else reloads. True if something changed on screen.
    pub fn poll_disk(&mut self) -> bool {
        let fp = self.settings.store.fingerprint();
        if fp == self.fingerprint {
            return false;
        }
        self.fingerprint = fp;
        if !self.pending.is_empty() && !matches!(self.save, SaveState::Held(_)) {
            let before = self.record.clone();
            self.save_now();
            if self.pending.is_empty() {
                self.message = Some((self.reloaded_words().into(), false));
            }
            return self.record != before || !self.pending.is_empty();
        }
        match self.settings.store.load_scope(self.scope) {
            Ok(base) => {
                let now = self.now();
                let mut record = base.clone();
                let mut kept = Vec::new();
                let mut dropped = 0;
                for op in std::mem::take(&mut self.pending) {
                    match op.apply(&mut record, &self.settings.catalog, now) {
                        Ok(()) => kept.push(op),
                        Err(_) => dropped += 1,
                    }
                }
                self.pending = kept;
                let unchanged = record == self.record && dropped == 0;
                self.base = (!self.pending.is_empty()).then_some(base);
                if unchanged {
                    return false;
                }
                self.record = record;
                if let SaveState::Held(_) = self.save {
                    self.save = if self.pending.is_empty() {
                        SaveState::Saved
                    } else {
                        SaveState::Unsaved
                    };
                }
                self.message = Some(if dropped > 0 {
                    (
                        format!(
                            "Reloaded: another mentorplan changed the data; {dropped} of your changes no longer applied (their item was deleted)"
                        ),
                        true,
                    )
                } else {
                    (self.reloaded_words().into(), false)
                });
                self.refresh();
                true
            }
            Err(e) => {
                let held = SaveState::Held(first_line(&e.to_string()));
                let changed = self.save != held;
                self.save = held;
                changed
            }
        }
    }

    fn reloaded_words(&self) -> &'static str {
        if self.live_shown().is_some() {
            "New from another shell (shown below the notes); your typing is kept"
        } else {
            "Reloaded: another mentorplan changed the data; your edits are kept"
        }
    }

    /// The clock: autosave a second after the last change, poll the disk every second.
    /// True if the screen needs drawing.
    pub fn tick(&mut self, now: Instant) -> bool {
        let mut changed = false;
        let busy_due = self.retry_busy.is_some_and(|t| now >= t);
        if (std::mem::take(&mut self.save_asap) || busy_due) && !self.pending.is_empty() {
            let before = self.save.clone();
            self.save_now();
            changed |= self.save != before;
        }
        if !self.pending.is_empty()
            && self.last_change.is_some_and(|t| now >= t + AUTOSAVE_DELAY)
            && self.last_save_attempt.is_none_or(|t| {
                !matches!(self.save, SaveState::Held(_)) || now >= t + RETRY_INTERVAL
            })
        {
            let before = self.save.clone();
            self.save_now();
            changed |= self.save != before;
        }
        if now >= self.last_poll + POLL_INTERVAL {
            self.last_poll = now;
            changed |= self.poll_disk();
        }
        changed |= self.tick_meeting();
        self.write_journal_if_due(now, false);
        changed
    }

    /// How long the event loop may wait before `tick` has something to do.
    pub fn next_timeout(&self, now: Instant) -> Duration {
        if self.save_asap {
            return Duration::ZERO;
        }
        let mut t = (self.last_poll + POLL_INTERVAL).saturating_duration_since(now);
        if !self.pending.is_empty()
            && let Some(c) = self.last_change
        {
            t = t.min((c + AUTOSAVE_DELAY).saturating_duration_since(now));
        }
        if let Some(due) = self.live.as_ref().and_then(|l| l.meeting.due_in()) {
            t = t.min(due);
        }
        if let Some(due) = self.journal_due {
            t = t.min(due.saturating_duration_since(now));
        }
        if let Some(due) = self.retry_busy {
            t = t.min(due.saturating_duration_since(now));
        }
        t.max(Duration::from_millis(20))
    }

    /// `q`: save and quit; asks only when something cannot be saved.
    pub fn request_quit(&mut self) {
        self.save_waiting();
        if self.live.is_some() {
            self.flush_draft();
            self.modal = Some(Modal::QuitMeeting);
            return;
        }
        let refused = self.refused_texts();
        if !self.pending.is_empty() {
            self.modal = Some(Modal::Confirm {
                text: format!(
                    "Your changes cannot be saved ({}). Quit and lose them?",
                    self.save.words()
                ),
                on_yes: Question::QuitUnsaved,
            });
        } else if let Some((label, text)) = refused.first() {
            self.modal = Some(Modal::Confirm {
                text: format!("{label}: \"{text}\" was refused and is not saved. Quit anyway?"),
                on_yes: Question::QuitUnsaved,
            });
        } else {
            self.quit = true;
        }
    }

    fn refused_texts(&self) -> Vec<(String, String)> {
        self.forms
            .iter()
            .chain(std::iter::once(&self.detail))
            .flat_map(Form::refused)
            .collect()
    }

    /// A hang-up, SIGTERM or a dead terminal: keep what was typed, save, no questions.
    pub fn shutdown(&mut self) {
        if self.form().is_editing() {
            self.finish_edit();
            self.form_mut().stop_edit();
        }
        self.flush_draft();
        self.save_waiting();
        self.write_journal_if_due(Instant::now(), true);
        self.quit = true;
    }

    /// Ctrl-Z or SIGTSTP: everything typed goes to disk, then the event loop suspends.
    pub fn request_suspend(&mut self) {
        self.flush_draft();
        self.save_waiting();
        self.write_journal_if_due(Instant::now(), true);
        self.suspend = true;
    }
}
