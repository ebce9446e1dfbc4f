//! The names of screens and of fields. The form engine keys focus, drafts and errors by a
//! field's id and the screens declare fields with them, so the ids sit apart from both: the
//! form does not import the screens that import it.

use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Home,
    Profile,
    Checklist,
    Meetings,
    Plan,
    Export,
    Development,
    Mentoring,
}

impl ScreenId {
    pub const ALL: [ScreenId; 8] = [
        ScreenId::Home,
        ScreenId::Profile,
        ScreenId::Checklist,
        ScreenId::Meetings,
        ScreenId::Plan,
        ScreenId::Export,
        ScreenId::Development,
        ScreenId::Mentoring,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ScreenId::Home => "Home",
            ScreenId::Profile => "Profile",
            ScreenId::Checklist => "Checklist",
            ScreenId::Meetings => "Meetings",
            ScreenId::Plan => "Plan",
            ScreenId::Export => "Export",
            ScreenId::Development => "Development",
            ScreenId::Mentoring => "Mentoring",
        }
    }

    /// The tab bar's word when every tab's title does not fit (80 columns).
    pub fn short_title(self) -> &'static str {
        match self {
            ScreenId::Checklist => "Checks",
            ScreenId::Development => "Dev",
            ScreenId::Mentoring => "Mentor",
            s => s.title(),
        }
    }

    pub fn index(self) -> usize {
        ScreenId::ALL
            .iter()
            .position(|&s| s == self)
            .expect("listed")
    }
}

/// Identifies a field across rebuilds, so that focus, typed text and errors survive a change of
/// the record underneath.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldId {
    /// Headings and notes.
    Static,
    Profile(&'static str),
    Level(String),
    Tick(String),
    Specify(String),
    Window,
    About(&'static str),
    Attend(String),
    Month(String),
    Section(String),
    ActionRow(Uuid),
    MeetingRow(Uuid),
    AddAction,
    AddMeeting,
    ActionPart(&'static str),
    MeetingPart(&'static str),
    Due(Uuid),
    Goto(ScreenId),
    Export(&'static str),
    /// The notes of the live meeting.
    LiveNotes,
    /// A field of a pop-up over the live meeting (action, end).
    LivePart(&'static str),
    /// A read-only row of a screen (an earlier plan, a comparison), by position.
    ReadOnly(usize),
    DevRow(Uuid),
    AddDev,
    DevPart(&'static str),
    DevTag(String),
    AgreementRow(Uuid),
    AddAgreement,
    AgreementPart(&'static str),
    QuestionnaireRow(Uuid),
    AddQuestionnaire(crate::model::Stage),
    QuestionnairePart(&'static str),
    /// A checklist area's confidence in a questionnaire.
    Rating(String),
    /// A comparison of questionnaires: one agreement's, or all mentoring (`None`).
    CompareRow(Option<Uuid>),
    /// A mentee of the mentor whose record is open, by directory id.
    MenteeRow(String),
    AddMentee,
    /// The mentor's reflective log, from the Mentoring screen.
    OpenReflect,
    AddCycle,
    CycleRow(Uuid),
    CyclePart(&'static str),
    ReflectRow(Uuid),
    /// Adds an entry to this cycle.
    AddReflectEntry(Uuid),
    ReflectPart(&'static str),
    ReflectTag(String),
}
