//! The mentor's side: `w` switches the interface between the mentor's own record and each
//! mentee's (a data directory of its own, so the mentor's plan stays apart), and the Mentoring
//! screen adds mentees (refused beyond the scheme's cap, quoting its rule) and ends them.

use super::{App, Modal, Question, first_line};
use crate::domain::text::one_line;
use crate::tui::screens::FieldId;

impl App {
    /// Reads `mentees.json` of the mentor's own record (none while a mentee's is open).
    pub(super) fn load_mentees(&mut self) {
        self.more.mentees = if self.settings.mentee.is_some() {
            None
        } else {
            match self.settings.store.load_mentees() {
                Ok(m) => Some(m.mentees),
                Err(e) => {
                    self.message = Some((first_line(&e.to_string()), true));
                    Some(Vec::new())
                }
            }
        };
    }

    /// "Zoë's record · " while a mentee's record is open, for the status bar.
    pub fn whose(&self) -> String {
        match &self.settings.mentee {
            Some(m) => format!("{}'s record · ", one_line(&m.name)),
            None => String::new(),
        }
    }

    /// `w`: the next record in turn: yours, then each active mentee's, then yours again.
    pub(super) fn switch_record(&mut self) {
        let own = self.mentor.as_ref().unwrap_or(&self.settings);
        let list: Vec<_> = match own.store.load_mentees() {
            Ok(m) => m.mentees.into_iter().filter(|m| m.is_active()).collect(),
            Err(e) => {
                self.message = Some((first_line(&e.to_string()), true));
                return;
            }
        };
        if list.is_empty() {
            self.message = Some((
                "You have no mentees: add one on the Mentoring screen (8), then w opens their record"
                    .into(),
                true,
            ));
            return;
        }
        let next = match &self.settings.mentee {
            None => Some(&list[0]),
            Some(m) => list
                .iter()
                .position(|x| x.id == m.id)
                .and_then(|i| list.get(i + 1)),
        };
        let id = next.map(|m| m.id.clone());
        self.open_record(id.as_deref());
    }

    /// Saves what is pending, then reopens the interface on a mentee's record (`Some(id)`) or
    /// on the mentor's own.
    pub(super) fn open_record(&mut self, id: Option<&str>) {
        if self.live.is_some() {
            self.message = Some((
                "A meeting is running: end it (m, then e) before opening another record".into(),
                true,
            ));
            return;
        }
        self.save_now();
        if !self.pending.is_empty() {
            self.message = Some((
                format!(
                    "Your changes are not saved yet ({}): the record stays open",
                    self.save.words()
                ),
                true,
            ));
            return;
        }
        let own = self.mentor.clone().unwrap_or_else(|| self.settings.clone());
        let settings = match id {
            None => own.clone(),
            Some(id) => match own.clone().for_mentee(id) {
                Ok(s) => s,
                Err(e) => {
                    self.message = Some((e.to_string(), true));
                    return;
                }
            },
        };
        let whose = match &settings.mentee {
            Some(m) => format!("{}'s record", one_line(&m.name)),
            None => "your own record".to_string(),
        };
        let mut next = App::new(settings, self.theme, self.exporter);
        next.guard_questions = self.guard_questions;
        next.mentor = id.map(|_| own);
        next.screen = self.screen;
        next.refresh();
        next.form_mut().focus_first();
        if next.message.is_none() {
            next.message = Some((format!("Opened {whose}; w: the next record"), false));
        }
        *self = next;
    }

    pub(super) fn add_mentee(&mut self, name: &str) -> Result<(), String> {
        let s = &self.settings;
        let m = s.store.add_mentee(&s.catalog, name, s.today).map_err(|e| {
            e.to_string()
                .replace("(`mentorplan mentee end NAME`)", "(e on their name)")
        })?;
        // The name field empties for the next one (its typed text is done with).
        self.form_mut().stop_edit();
        self.load_mentees();
        let active = self
            .more
            .mentees
            .iter()
            .flatten()
            .filter(|m| m.is_active())
            .count();
        self.message = Some((
            format!(
                "Added {} ({active} of {} mentees); Enter on their name, or w, opens their record",
                one_line(&m.name),
                self.settings.catalog.max_mentees_per_mentor
            ),
            false,
        ));
        Ok(())
    }

    pub(super) fn ask_end_mentee(&mut self, id: String) {
        let Some(m) = self.more.mentees.iter().flatten().find(|m| m.id == id) else {
            return;
        };
        if !m.is_active() {
            self.message = Some((
                format!("The mentoring of {} has already ended", one_line(&m.name)),
                true,
            ));
            return;
        }
        self.modal = Some(Modal::Confirm {
            text: format!(
                "End the mentoring relationship with {}? Their record is kept; they no longer count toward your {}.",
                one_line(&m.name),
                self.settings.catalog.max_mentees_per_mentor
            ),
            on_yes: Question::EndMentee(id),
        });
    }

    pub(super) fn end_mentee(&mut self, id: &str) {
        let s = &self.settings;
        self.message = Some(match s.store.end_mentee(id, s.today) {
            Ok(m) => (
                format!(
                    "Ended the mentoring relationship with {}; the record is kept",
                    one_line(&m.name)
                ),
                false,
            ),
            Err(e) => (e.to_string(), true),
        });
        self.load_mentees();
        self.refresh();
        self.form_mut()
            .focus_id(&FieldId::MenteeRow(id.to_string()));
    }
}
