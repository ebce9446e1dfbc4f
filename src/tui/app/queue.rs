//! The queue of pending operations: each change is applied to the shown record at once and
//! waits in `pending` until it is saved; typing in one field keeps one operation, not one a key.

use super::{App, SaveState};
use crate::domain::ops::Op;
use std::time::Instant;

impl App {
    /// Applies operations to the shown record and queues them for saving.
    pub fn apply_ops(&mut self, ops: Vec<Op>) {
        for op in ops {
            if let Err(e) = self.push_op(op) {
                self.message = Some((e, true));
            }
        }
        self.refresh();
    }

    pub(super) fn push_op(&mut self, op: Op) -> Result<(), String> {
        let now = self.now();
        if self.base.is_none() {
            // The first change since the last save: keep the record as it was, for the merge.
            self.base = Some(self.record.clone());
        }
        op.apply(&mut self.record, &self.settings.catalog, now)
            .map_err(|e| e.to_string())?;
        match self.pending.last_mut() {
            Some(last) if supersedes(&op, last) => {
                *last = match (&*last, op) {
                    (Op::AddAction(_), Op::UpdateAction(a)) => Op::AddAction(a),
                    (Op::AddMeeting(_), Op::UpdateMeeting(m)) => Op::AddMeeting(m),
                    (Op::AddDevEntry(_), Op::UpdateDevEntry(e)) => Op::AddDevEntry(e),
                    (Op::AddAgreement(_), Op::UpdateAgreement(a)) => Op::AddAgreement(a),
                    (Op::AddQuestionnaire(_), Op::UpdateQuestionnaire(q)) => {
                        Op::AddQuestionnaire(q)
                    }
                    (_, op) => op,
                }
            }
            _ => self.pending.push(op),
        }
        self.last_change = Some(Instant::now());
        self.journal_dirty();
        if !matches!(self.save, SaveState::Held(_)) {
            self.save = SaveState::Unsaved;
        }
        Ok(())
    }
}

/// Whether `new` replaces `old` when queued right after it (typing in one field produces one
/// pending operation, not one per key).
fn supersedes(new: &Op, old: &Op) -> bool {
    use Op::*;
    match (new, old) {
        (SetProfile(_), SetProfile(_)) => true,
        (SetLevel { area: a, .. }, SetLevel { area: b, .. }) => a == b,
        (SetTick { item: a, .. }, SetTick { item: b, .. }) => a == b,
        (SetSpecify { area: a, .. }, SetSpecify { area: b, .. }) => a == b,
        (UpdateAction(a), UpdateAction(b) | AddAction(b)) => a.id == b.id,
        (UpdateMeeting(a), UpdateMeeting(b) | AddMeeting(b)) => a.id == b.id,
        (UpdateDevEntry(a), UpdateDevEntry(b) | AddDevEntry(b)) => a.id == b.id,
        (UpdateAgreement(a), UpdateAgreement(b) | AddAgreement(b)) => a.id == b.id,
        (UpdateQuestionnaire(a), UpdateQuestionnaire(b) | AddQuestionnaire(b)) => a.id == b.id,
        (SetAbout { window: a, .. }, SetAbout { window: b, .. }) => a == b,
        (
            SetSession {
                window: a,
                session: s,
                ..
            },
            SetSession {
                window: b,
                session: t,
                ..
            },
        ) => a == b && s == t,
        (
            SetSection {
                window: a,
                section: s,
                ..
            },
            SetSection {
                window: b,
                section: t,
                ..
            },
        ) => a == b && s == t,
        _ => false,
    }
}
