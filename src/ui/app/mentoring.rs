//! What keys do on the Mentoring screen: open, add, end and delete agreements, fill in and
//! delete questionnaires, and show the comparison of confidence before and after mentoring.

use super::{App, Modal, Question};
use crate::mentoring::{Scope, with_mentor};
use crate::model::AgreementStatus;
use crate::ops::Op;
use crate::ui::form::Form;
use crate::ui::keys::Action;
use crate::ui::screens::mentoring::{MentoringView, new_agreement};
use crate::ui::screens::{FieldId, ScreenId};

impl App {
    pub(super) fn in_mentoring_item(&self) -> bool {
        self.screen == ScreenId::Mentoring && self.more.mentoring != MentoringView::List
    }

    pub(super) fn open_mentoring_view(&mut self, view: MentoringView) {
        let same = match (&self.more.mentoring, &view) {
            (MentoringView::Agreement(a), MentoringView::Agreement(b)) => a.id == b.id,
            (MentoringView::Questionnaire(a), MentoringView::Questionnaire(b)) => a.id == b.id,
            (MentoringView::Cycle(a), MentoringView::Cycle(b)) => a.id == b.id,
            (
                MentoringView::ReflectEntry { entry: a, .. },
                MentoringView::ReflectEntry { entry: b, .. },
            ) => a.id == b.id,
            (a, b) => a == b,
        };
        if view == MentoringView::Reflect && !same {
            self.count_practice();
        }
        self.more.mentoring = view;
        if !same {
            self.detail = Form::new();
            self.refresh();
            self.detail.focus_first();
        }
    }

    fn mentoring_row(&self) -> Option<FieldId> {
        match &self.more.mentoring {
            MentoringView::Agreement(a) => Some(FieldId::AgreementRow(a.id)),
            MentoringView::Questionnaire(q) => Some(FieldId::QuestionnaireRow(q.id)),
            MentoringView::Compare(s) => Some(FieldId::CompareRow(match s {
                Scope::Overall => None,
                Scope::Agreement(id) => Some(*id),
            })),
            MentoringView::List
            | MentoringView::Reflect
            | MentoringView::Cycle(_)
            | MentoringView::ReflectEntry { .. } => None,
        }
    }

    pub(super) fn on_mentoring_action(&mut self, a: Action) {
        let focused = self.form().focused().map(|f| f.id.clone());
        match a {
            Action::Back => {
                let (view, row) = match (self.reflect_parent(), self.mentoring_row()) {
                    (Some(back), _) => back,
                    (None, Some(row)) => (MentoringView::List, row),
                    (None, None) => return,
                };
                self.more.mentoring = view;
                self.refresh();
                self.form_mut().focus_id(&row);
            }
            Action::Add => {
                self.open_mentoring_view(MentoringView::Agreement(new_agreement()));
                if self.detail.focus_id(&FieldId::AgreementPart("mentor")) {
                    self.detail.begin_edit();
                }
            }
            Action::Compare => {
                let scope = match focused {
                    Some(FieldId::AgreementRow(id) | FieldId::CompareRow(Some(id))) => {
                        Scope::Agreement(id)
                    }
                    _ => Scope::Overall,
                };
                self.open_mentoring_view(MentoringView::Compare(scope));
            }
            Action::EndAgreement => {
                if let Some(FieldId::MenteeRow(id)) = focused {
                    return self.ask_end_mentee(id);
                }
                let Some(FieldId::AgreementRow(id)) = focused else {
                    self.message = Some(("Move to an agreement first: e ends it".into(), true));
                    return;
                };
                let Some(x) = self.record.agreements.get(id) else {
                    return;
                };
                let who = with_mentor(&self.settings.catalog, x);
                let n = self.record.agreements.number(id).unwrap_or(0);
                let today = self.settings.today;
                let (op, text) = if x.is_active() {
                    if x.start.is_some_and(|s| today < s) {
                        self.message = Some((
                            format!(
                                "Agreement {n} {who} starts after today: end it once it has started"
                            ),
                            true,
                        ));
                        return;
                    }
                    (
                        Op::SetAgreementStatus {
                            id,
                            status: AgreementStatus::Ended,
                            end_date: Some(today),
                        },
                        format!("Agreement {n} {who} ended on {today} (e again makes it active)"),
                    )
                } else {
                    (
                        Op::SetAgreementStatus {
                            id,
                            status: AgreementStatus::Active,
                            end_date: None,
                        },
                        format!("Agreement {n} {who} is active again"),
                    )
                };
                self.apply_ops(vec![op]);
                self.message = Some((text, false));
            }
            Action::Delete => self.ask_delete_mentoring(focused),
            _ => {}
        }
    }

    fn ask_delete_mentoring(&mut self, focused: Option<FieldId>) {
        let target = match (&self.more.mentoring, focused) {
            (MentoringView::Agreement(a), _) => FieldId::AgreementRow(a.id),
            (MentoringView::Questionnaire(q), _) => FieldId::QuestionnaireRow(q.id),
            (MentoringView::ReflectEntry { entry, .. }, _) => FieldId::ReflectRow(entry.id),
            (MentoringView::List | MentoringView::Reflect, Some(id)) => id,
            _ => return,
        };
        let catalog = &self.settings.catalog;
        let (text, on_yes) = match target {
            FieldId::AgreementRow(id) => match self.record.agreements.get(id) {
                Some(a) => (
                    format!(
                        "Delete the agreement {}? Its questionnaires are kept, about mentoring in general.",
                        with_mentor(catalog, a)
                    ),
                    Question::DeleteAgreement(id),
                ),
                None => return self.on_mentoring_action(Action::Back),
            },
            FieldId::QuestionnaireRow(id) => match self.record.questionnaires.get(id) {
                Some(q) => (
                    format!(
                        "Delete the {} of {}?",
                        catalog.impact.stage(q.stage).name,
                        q.date
                    ),
                    Question::DeleteQuestionnaire(id),
                ),
                None => return self.on_mentoring_action(Action::Back),
            },
            FieldId::ReflectRow(id) => return self.ask_delete_reflect(id),
            _ => return,
        };
        self.modal = Some(Modal::Confirm { text, on_yes });
    }

    pub(super) fn delete_mentoring(&mut self, op: Op) {
        self.apply_ops(vec![op]);
        if let Some((view, _)) = self.reflect_parent() {
            // An entry of the reflective log: back to the log, not the Mentoring list.
            if view == MentoringView::Reflect {
                self.more.mentoring = view;
                self.refresh();
            }
        } else if self.in_mentoring_item() {
            self.more.mentoring = MentoringView::List;
            self.refresh();
        }
    }
}
