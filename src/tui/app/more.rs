//! What keys do on the screens added with issue 5: the development log (add, open, delete an
//! entry), logging a planned workshop as attended from the Plan screen in one key, and the plan
//! cycle (start the next window's plan, compare with the previous one).

use super::{App, Modal, Question};
use crate::domain::cycle;
use crate::domain::devlog::{self, Attendance, year_summary};
use crate::domain::model::DevEntry;
use crate::domain::ops::Op;
use crate::tui::form::Form;
use crate::tui::keys::Action;
use crate::tui::screens::{self, DevView, Effect, FieldId, ScreenId, history};
use uuid::Uuid;

impl App {
    pub(super) fn in_dev_entry(&self) -> bool {
        self.screen == ScreenId::Development && self.more.dev != DevView::List
    }

    /// The effects of the issue-5 screens.
    pub(super) fn apply_more_effect(&mut self, e: Effect) -> Result<(), String> {
        match e {
            Effect::AddMentee(name) => return self.add_mentee(&name),
            Effect::Dev(view) => self.open_dev_view(view),
            Effect::Mentoring(view) => self.open_mentoring_view(view),
            Effect::OpenRecord(id) => self.open_record(id.as_deref()),
            _ => {}
        }
        Ok(())
    }

    fn open_dev_view(&mut self, view: DevView) {
        let same = match (&self.more.dev, &view) {
            (DevView::Entry(a), DevView::Entry(b)) => a.id == b.id,
            (a, b) => a == b,
        };
        self.more.dev = view;
        if !same {
            self.detail = Form::new();
            self.refresh();
            self.detail.focus_first();
        }
    }

    pub(super) fn on_dev_action(&mut self, a: Action) {
        let focused = self.form().focused().map(|f| f.id.clone());
        match a {
            Action::Add => {
                // The form from its first field (the date, filled in with today: typing
                // replaces it), however it is opened: `a` began at the title and Enter on "Add
                // an entry" at the date, and the third trial typed a date into the title.
                let e = screens::development::new_entry(&self.ctx(""));
                self.open_dev_view(DevView::Entry(e));
            }
            Action::Back => {
                let DevView::Entry(e) = &self.more.dev else {
                    return;
                };
                let row = FieldId::DevRow(e.id);
                self.more.dev = DevView::List;
                self.refresh();
                self.form_mut().focus_id(&row);
            }
            Action::Delete => {
                let id = match (&self.more.dev, focused) {
                    (DevView::Entry(e), _) => e.id,
                    (DevView::List, Some(FieldId::DevRow(id))) => id,
                    _ => return,
                };
                let Some(e) = self.record.devlog.entry(id) else {
                    // A new entry that was never saved: just leave it.
                    self.on_dev_action(Action::Back);
                    return;
                };
                self.modal = Some(Modal::Confirm {
                    text: format!(
                        "Delete the development entry \"{}\" of {}?",
                        crate::domain::text::one_line(&e.title),
                        e.date
                    ),
                    on_yes: Question::DeleteDevEntry(id),
                });
            }
            _ => {}
        }
    }

    pub(super) fn delete_dev_entry(&mut self, id: Uuid) {
        self.apply_ops(vec![Op::DeleteDevEntry(id)]);
        if self.in_dev_entry() {
            self.on_dev_action(Action::Back);
        }
    }

    pub(super) fn on_plan_action(&mut self, a: Action) {
        if self.screen != ScreenId::Plan {
            return;
        }
        let compare = match a {
            Action::Attended => return self.log_attended(),
            Action::NextPlan => return self.ask_next_plan(),
            Action::Compare => {
                if !self.more.plan_compare && history::previous(&self.ctx("")).is_none() {
                    self.message = Some((
                        format!("There is no plan before {} to compare with", self.window),
                        true,
                    ));
                    return;
                }
                !self.more.plan_compare
            }
            Action::Back => false,
            _ => return,
        };
        if compare == self.more.plan_compare {
            return;
        }
        // The form is rebuilt now, not at the next key: Esc used to leave the comparison
        // on screen until something else was pressed.
        self.more.plan_compare = compare;
        self.refresh();
        self.forms[self.screen.index()].focus_first();
    }

    /// `a` on a workshop or session row: the development entry for attending it today, as
    /// `mentorplan dev attended` makes it (it must be marked Yes in a plan covering this year).
    fn log_attended(&mut self) {
        let id = match self.form().focused().map(|f| &f.id) {
            Some(FieldId::Attend(id) | FieldId::Month(id)) => id.clone(),
            _ => {
                self.message = Some((
                    "Move to a workshop or session marked Yes first, then a logs it as attended"
                        .into(),
                    true,
                ));
                return;
            }
        };
        let catalog = &self.settings.catalog;
        let result = devlog::attended(
            &self.record,
            catalog,
            &Attendance {
                query: &id,
                date: self.settings.today,
                time: None,
                force: false,
            },
        );
        let entry: DevEntry = match result {
            Ok(e) => e,
            Err(e) => {
                let text = e
                    .to_string()
                    .replace("--force", "`mentorplan dev attended --force`");
                self.message = Some((text.lines().next().unwrap_or("").to_string(), true));
                return;
            }
        };
        self.apply_ops(vec![Op::AddDevEntry(entry.clone())]);
        let catalog = &self.settings.catalog;
        let year = crate::domain::calendar::AcademicYear::containing(entry.date, catalog);
        let summary = year_summary(&self.record, catalog, year);
        self.message = Some((
            format!(
                "Logged as attended on {}: {} ({}). {year}: {} (7 shows the log)",
                entry.date,
                crate::domain::text::one_line(&entry.title),
                entry.time,
                summary.total_text(catalog)
            ),
            false,
        ));
    }

    /// `n`: asks first, since the latest plan then becomes read-only history.
    fn ask_next_plan(&mut self) {
        let Some(&from) = self.record.plans.keys().next_back() else {
            return self.next_plan();
        };
        if let Some(why) =
            cycle::too_early(&self.record, self.settings.today, &self.settings.catalog)
        {
            self.message = Some((format!("Not now: {why}."), true));
            return;
        }
        let window = cycle::next_window(&self.record, self.settings.today, &self.settings.catalog);
        self.modal = Some(Modal::Confirm {
            text: format!(
                "Start the {window} plan from {from}? {from} is then kept as history, read-only."
            ),
            on_yes: Question::NextPlan,
        });
    }

    /// The next window's plan from the latest, as `mentorplan plan new`.
    pub(super) fn next_plan(&mut self) {
        let Some((&from, latest)) = self.record.plans.iter().next_back() else {
            self.message = Some((
                format!(
                    "There is no plan to start from yet: fill in this one ({}) first",
                    self.window
                ),
                true,
            ));
            return;
        };
        let catalog = &self.settings.catalog;
        let window = cycle::next_window(&self.record, self.settings.today, catalog);
        // Sessions the development log records as attended are done; other "yes" carry on.
        let (plan, report) = cycle::next_plan(
            &self.record,
            latest,
            window,
            &cycle::attended_sessions(&self.record),
            self.settings.today,
        );
        let text = history::carry_message(catalog, from, window, &report);
        if let Err(e) = self.push_op(Op::AddPlan(plan)) {
            self.message = Some((e, true));
            return;
        }
        self.window = window;
        self.export = self.export.with_window(window);
        self.more.plan_compare = false;
        self.more.plan_report = Some(text);
        self.message = Some((
            format!("Started the {window} plan from {from}; {from} is now kept as history"),
            false,
        ));
        self.refresh();
        self.forms[self.screen.index()].focus_first();
    }
}
