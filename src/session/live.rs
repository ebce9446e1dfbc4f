//! A meeting captured live: started now, its notes kept in a draft journal as they are typed,
//! ended with its length counted toward the yearly minimum. The TUI's meeting mode is a thin
//! screen over this; nothing here knows of terminals.

use crate::domain::catalog::Catalog;
use crate::domain::model::{Meeting, Record};
use crate::domain::ops::Op;
use crate::store::draft::MeetingDraft;
use crate::store::{StorageError, Store};
use chrono::{DateTime, NaiveDate, Utc};
use std::time::{Duration, Instant};

/// Notes reach the draft at most this long after the key that changed them, however steady
/// the typing: a deadline from the first unsaved key, never a timer each key restarts (the
/// promise is half a second; the margin covers the write on a slow disk).
pub const DRAFT_EVERY: Duration = Duration::from_millis(300);

/// What starting a meeting found.
#[derive(Debug)]
pub enum Start {
    Fresh(LiveMeeting),
    /// A meeting whose process has gone (killed, or the SSH link dropped): offer to resume it.
    Interrupted(MeetingDraft),
    /// A meeting still being captured by another running process.
    RunningElsewhere(MeetingDraft),
}

#[derive(Debug)]
pub struct LiveMeeting {
    draft: MeetingDraft,
    /// The notes (or the action being typed) changed since the draft was last written.
    dirty: bool,
    last_write: Option<Instant>,
}

/// The id a note from another shell starts a meeting under, if there is none on `date` in the
/// record yet: a meeting being captured live is drawn before its entry reaches the record, and
/// a note that comes in that moment must land in it, not in a meeting of its own.
pub fn note_meeting_id(store: &Store, date: NaiveDate) -> uuid::Uuid {
    match store.load_draft() {
        Ok(Some(d)) if d.date == date => d.meeting_id,
        _ => uuid::Uuid::new_v4(),
    }
}

impl LiveMeeting {
    /// Starts a meeting today, unless a draft says another is interrupted or running. The
    /// meeting is put in the record at once (0 minutes) so that a `mentorplan note` from
    /// another shell meanwhile lands in it.
    pub fn start(
        store: &Store,
        catalog: &Catalog,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Start, StorageError> {
        let mut start = LiveMeeting::begin(store, today, now)?;
        if let Start::Fresh(m) = &mut start {
            store.save_draft(&m.draft)?;
            m.dirty = false;
            store.apply(catalog, &[m.entry()], now)?;
        }
        Ok(start)
    }

    /// As `start`, but nothing is written: the draft (due at once, `flush_if_due`) and the
    /// meeting's entry in the record (`entry`) are the caller's to save, so that an interface
    /// can draw the meeting before it touches the disk (the draft keeps every note safe from the
    /// first key).
    pub fn begin(
        store: &Store,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Start, StorageError> {
        if let Some(draft) = store.load_draft()? {
            if draft.owner_alive() && draft.pid != std::process::id() {
                return Ok(Start::RunningElsewhere(draft));
            }
            store.remove_stale_draft_temporaries();
            return Ok(Start::Interrupted(draft));
        }
        store.remove_stale_draft_temporaries();
        // Not written yet: the interface draws the meeting first and writes the draft (`flush`,
        // due at once) before it takes a key, so nothing typed is ever outside it.
        let mut meeting = LiveMeeting::from_draft(MeetingDraft::start(today, now));
        meeting.dirty = true;
        Ok(Start::Fresh(meeting))
    }

    /// The meeting's entry in the record while it runs: dated, 0 minutes, no notes yet.
    pub fn entry(&self) -> Op {
        let mut meeting = Meeting::new(self.draft.date, 0);
        meeting.id = self.draft.meeting_id;
        Op::AddMeeting(meeting)
    }

    /// Takes over an interrupted meeting, with every note it had.
    pub fn resume(store: &Store, draft: MeetingDraft) -> Result<LiveMeeting, StorageError> {
        let mut draft = draft.owned_here();
        draft.kept_open = false;
        store.save_draft(&draft)?;
        Ok(LiveMeeting::from_draft(draft))
    }

    fn from_draft(draft: MeetingDraft) -> LiveMeeting {
        LiveMeeting {
            draft,
            dirty: false,
            last_write: None,
        }
    }

    pub fn draft(&self) -> &MeetingDraft {
        &self.draft
    }

    pub fn notes(&self) -> &str {
        &self.draft.notes
    }

    pub fn set_notes(&mut self, notes: &str) {
        if self.draft.notes != notes {
            self.draft.notes = notes.to_string();
            self.changed();
        }
    }

    /// The action being typed in the meeting's pop-up (kept in the draft, so that a kill
    /// loses none of it), or none once it is added.
    pub fn set_action(&mut self, action: Option<crate::domain::model::Action>) {
        if self.draft.action != action {
            self.draft.action = action;
            self.changed();
        }
    }

    /// What was agreed and ticked in the meeting so far, kept in the draft.
    pub fn set_summary(&mut self, agreed: &[String], ticked: &[String]) {
        if self.draft.agreed != agreed || self.draft.ticked != ticked {
            self.draft.agreed = agreed.to_vec();
            self.draft.ticked = ticked.to_vec();
            self.changed();
        }
    }

    /// Quitting with the meeting kept open on purpose: the next start says so.
    pub fn keep_open(&mut self) {
        self.draft.kept_open = true;
        self.changed();
    }

    fn changed(&mut self) {
        self.dirty = true;
    }

    /// Whether unsaved notes are waiting for `flush`.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// How long until the draft must be written (zero when due now): a change after a quiet
    /// spell is written at once, and during steady typing at most `DRAFT_EVERY` after the
    /// last write, so never later than that after a key.
    pub fn due_in(&self) -> Option<Duration> {
        self.dirty.then(|| {
            self.last_write
                .map_or(Duration::ZERO, |t| DRAFT_EVERY.saturating_sub(t.elapsed()))
        })
    }

    /// Writes the draft if a change has waited `DRAFT_EVERY`.
    pub fn flush_if_due(&mut self, store: &Store) -> Result<(), StorageError> {
        if self.due_in() == Some(Duration::ZERO) {
            self.flush(store)?;
        }
        Ok(())
    }

    /// Writes the draft now (on a signal, before suspending, on quit).
    pub fn flush(&mut self, store: &Store) -> Result<(), StorageError> {
        if self.dirty {
            store.save_draft(&self.draft)?;
            self.dirty = false;
            self.last_write = Some(Instant::now());
        }
        Ok(())
    }

    /// Minutes since the start, the default length when ending.
    pub fn elapsed_minutes(&self, now: DateTime<Utc>) -> u32 {
        self.draft.minutes_until(now)
    }

    /// Ends the meeting with `minutes`: records it and removes the draft. On an error the
    /// meeting stays open (and its draft on disk), so that ending can be tried again.
    pub fn end(
        &mut self,
        store: &Store,
        catalog: &Catalog,
        minutes: u32,
        now: DateTime<Utc>,
    ) -> Result<Record, StorageError> {
        self.flush(store)?;
        let op = Op::CompleteMeeting {
            id: self.draft.meeting_id,
            date: self.draft.date,
            minutes,
            notes: self.draft.notes.clone(),
        };
        let record = store.apply(catalog, &[op], now)?;
        store.clear_draft()?;
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Store, Catalog, NaiveDate, DateTime<Utc>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("data"));
        (
            dir,
            store,
            Catalog::ceres(),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        )
    }

    #[test]
    fn a_meeting_is_started_drafted_and_ended() {
        let (_d, store, c, today, now) = setup();
        let Start::Fresh(mut live) = LiveMeeting::start(&store, &c, today, now).unwrap() else {
            panic!("fresh start expected");
        };
        live.set_notes("Mentor suggests the BERA SIG");
        live.flush_if_due(&store).unwrap();
        assert_eq!(
            store.load_draft().unwrap().unwrap().notes,
            "Mentor suggests the BERA SIG"
        );
        // A note from another shell during the meeting lands in the same meeting.
        store
            .apply(
                &c,
                &[Op::AppendNote {
                    date: today,
                    text: "second pane".into(),
                    new_id: uuid::Uuid::new_v4(),
                }],
                now,
            )
            .unwrap();
        let record = live.end(&store, &c, 50, now).unwrap();
        assert_eq!(record.meetings.meetings.len(), 1);
        assert_eq!(record.meetings.meetings[0].minutes, 50);
        assert_eq!(
            record.meetings.meetings[0].notes,
            "Mentor suggests the BERA SIG\nsecond pane"
        );
        assert_eq!(store.load_draft().unwrap(), None);
    }

    #[test]
    fn an_interrupted_meeting_is_offered_for_resumption_with_its_notes() {
        let (_d, store, c, today, now) = setup();
        let mut draft = MeetingDraft::start(today, now);
        draft.notes = "typed before the link dropped".into();
        draft.pid = u32::MAX; // no such process
        store.save_draft(&draft).unwrap();
        let Start::Interrupted(found) = LiveMeeting::start(&store, &c, today, now).unwrap() else {
            panic!("interrupted meeting expected");
        };
        let mut live = LiveMeeting::resume(&store, found).unwrap();
        assert_eq!(live.notes(), "typed before the link dropped");
        let record = live.end(&store, &c, 30, now).unwrap();
        assert_eq!(
            record.meetings.meetings[0].notes,
            "typed before the link dropped"
        );
    }
}
