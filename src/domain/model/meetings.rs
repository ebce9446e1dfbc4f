//! Section 3, the confidential Record of Mentoring Meetings: actions with their review points,
//! and the meetings themselves, whose durations count toward the yearly minimum.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
}

/// One action agreed in a meeting: the rows of tables 3.1 and 3.2 of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// Stable identity, so that concurrent edits from two processes land on the right action.
    pub id: Uuid,
    pub activity: String,
    #[serde(default)]
    pub outputs: String,
    #[serde(default)]
    pub meeting_date: Option<NaiveDate>,
    #[serde(default)]
    pub review_date: Option<NaiveDate>,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default)]
    pub researcher_comments: String,
    #[serde(default)]
    pub mentor_comments: String,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl Action {
    pub fn new(activity: impl Into<String>) -> Action {
        Action {
            id: Uuid::new_v4(),
            activity: activity.into(),
            outputs: String::new(),
            meeting_date: None,
            review_date: None,
            status: ActionStatus::Open,
            researcher_comments: String::new(),
            mentor_comments: String::new(),
            extra: Default::default(),
        }
    }

    /// Open and its review date has come.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.review_date.is_some_and(|d| d <= today)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: Uuid,
    pub date: NaiveDate,
    pub minutes: u32,
    #[serde(default)]
    pub notes: String,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl Meeting {
    pub fn new(date: NaiveDate, minutes: u32) -> Meeting {
        Meeting {
            id: Uuid::new_v4(),
            date,
            minutes,
            notes: String::new(),
            extra: Default::default(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingRecord {
    pub actions: Vec<Action>,
    pub meetings: Vec<Meeting>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

impl MeetingRecord {
    pub fn action(&self, id: Uuid) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    pub fn meeting(&self, id: Uuid) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    pub fn due_actions(&self, today: NaiveDate) -> impl Iterator<Item = (usize, &Action)> {
        self.actions
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.is_due(today))
    }

    /// Meetings sorted by date, as the user thinks of them; the stored order is insertion order.
    pub fn meetings_by_date(&self) -> Vec<&Meeting> {
        let mut v: Vec<_> = self.meetings.iter().collect();
        v.sort_by_key(|m| m.date);
        v
    }
}
