//! What keys do in the mentor's reflective log (a part of the Mentoring screen): where Esc goes
//! back to (entry or cycle → the log → the Mentoring list), counting the evidence of practice
//! when the log opens, and deleting an entry (asks first). The log's forms commit through
//! `screens::reflect` like every other form.

use super::{App, Modal, Question};
use crate::ui::screens::FieldId;
use crate::ui::screens::mentoring::MentoringView;
use uuid::Uuid;

impl App {
    /// The view Esc goes back to from a view of the log, and the row to focus there.
    pub(super) fn reflect_parent(&self) -> Option<(MentoringView, FieldId)> {
        let log = &self.record.reflect;
        Some(match &self.more.mentoring {
            MentoringView::Reflect => (MentoringView::List, FieldId::OpenReflect),
            MentoringView::Cycle(c) if log.cycle(c.id).is_some() => {
                (MentoringView::Reflect, FieldId::CycleRow(c.id))
            }
            MentoringView::Cycle(_) => (MentoringView::Reflect, FieldId::AddCycle),
            MentoringView::ReflectEntry { cycle, entry } => {
                let row = if log.find_entry(entry.id).is_some() {
                    FieldId::ReflectRow(entry.id)
                } else {
                    FieldId::AddReflectEntry(*cycle)
                };
                (MentoringView::Reflect, row)
            }
            _ => return None,
        })
    }

    /// Counts the evidence of practice from the mentees' records (counts and hours only), once
    /// each time the log is opened: reading every mentee's record at each key would be slow.
    pub(super) fn count_practice(&mut self) {
        let s = &self.settings;
        match s.store.practice_evidence(&s.catalog, s.today) {
            Ok(list) => self.more.award = list,
            Err(e) => {
                self.more.award = Vec::new();
                self.message = Some((super::first_line(&e.to_string()), true));
            }
        }
    }

    /// `d` on an entry of the log (or in its form): asks first.
    pub(super) fn ask_delete_reflect(&mut self, id: Uuid) {
        let Some((_, e)) = self.record.reflect.find_entry(id) else {
            // A new entry that was never saved: just leave it.
            if let Some((view, row)) = self.reflect_parent() {
                self.more.mentoring = view;
                self.refresh();
                self.form_mut().focus_id(&row);
            }
            return;
        };
        let stage = crate::reflect::stage_label(&self.settings.catalog, e.stage);
        self.modal = Some(Modal::Confirm {
            text: format!(
                "Delete the {stage} entry of {} from your reflective log?",
                e.date
            ),
            on_yes: Question::DeleteReflectEntry(id),
        });
    }
}
