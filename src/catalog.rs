//! The scheme's catalogue: checklist areas and items, workshop grids, plan sections and the
//! scheme's rules, as data. Screens, exports and validation read labels and prompts from here so
//! that an institution can change them without touching code; saved answers refer to the stable
//! `id`s, never to labels.

use serde::{Deserialize, Serialize};

pub mod award;
pub mod development;
pub use award::AwardCatalog;
pub use development::DevelopmentCatalog;

/// The CERES catalogue from the reference framework, compiled into the binary.
const CERES_JSON: &str = include_str!("catalog/ceres.json");

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub id: String,
    pub name: String,
    pub plan_title: String,
    pub submission_deadline: MonthDay,
    pub academic_year_start_month: u32,
    pub minimum_mentoring_hours: u32,
    pub max_mentees_per_mentor: u32,
    /// The scheme's own words for the cap, quoted when a further mentee is refused.
    pub mentee_cap_rule: String,
    /// Membership categories of the scheme (CERES: Core, Associate, ...).
    pub memberships: Vec<Entry>,
    pub checklist: ChecklistCatalog,
    pub meetings: MeetingsCatalog,
    pub plan: PlanCatalog,
    /// Field names and short phrases printed around the member's answers.
    pub labels: Labels,
    /// The mentoring agreement (proforma): its fields, guidance and review notice.
    pub agreements: AgreementsCatalog,
    /// The pre- and post-mentoring impact questionnaires and their comparison.
    pub impact: ImpactCatalog,
    /// The professional-development log and portfolio of evidence (Concordat).
    pub development: DevelopmentCatalog,
    /// The mentor's reflective log toward a mentoring award: frameworks, stages, portfolio words.
    pub award: AwardCatalog,
}

pub use crate::calendar::MonthDay;

impl crate::calendar::SchemeDates for Catalog {
    fn year_start_month(&self) -> u32 {
        self.academic_year_start_month
    }
    fn submission_deadline(&self) -> MonthDay {
        self.submission_deadline
    }
    fn minimum_mentoring_hours(&self) -> u32 {
        self.minimum_mentoring_hours
    }
}

/// "4. My Two-Year CERES Research Plan": a title with its section number on the form, if the
/// catalogue gives one.
pub fn numbered(number: &str, title: &str) -> String {
    if number.trim().is_empty() {
        title.to_string()
    } else {
        format!("{}. {title}", number.trim())
    }
}

/// Anything with a stable id and a human label.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ChecklistCatalog {
    /// The section's number on the form ("2"), printed before its title in exports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    pub title: String,
    pub intro: String,
    /// The line before the levels of interest/experience, which the form prints whether or not
    /// a level is chosen.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legend: String,
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub label: String,
    /// Present when the area takes free text ("Other (please specify)"); the value is the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specify: Option<String>,
    pub items: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MeetingsCatalog {
    /// The section's number on the form ("3").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    pub title: String,
    pub confidential_note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PlanCatalog {
    /// The section's number on the form ("4").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    pub intro: String,
    pub grids: Vec<Grid>,
    pub sections: Vec<Section>,
    pub closing: String,
}

/// A table of sessions the member marks Yes/No with an intended month (ACTivator, Library).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    pub id: String,
    pub title: String,
    /// Heading of the first column of the grid, as printed on the form.
    pub column: String,
    pub intro: String,
    pub entries: Vec<Entry>,
}

/// A free-text section of the plan with the guidance shown while it is empty.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Printed exactly as given, brackets and punctuation included ("[Please list ...].").
    pub prompt: String,
}

/// The words of the form that are not titles or prompts: field names, column headings and the
/// few phrases an export or screen prints around the member's own text. Kept here so that
/// the printed form can follow the institution's wording (the CERES form writes "Fte").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub profile: String,
    pub about_you: String,
    pub name: String,
    pub position: String,
    pub fte: String,
    pub mentor: String,
    pub mentors: String,
    pub membership: String,
    pub email: String,
    pub yes: String,
    pub no: String,
    pub intended_date: String,
    pub last_updated: String,
    /// Shown where the member has written nothing, so a reader knows nothing was lost.
    pub left_blank: String,
    /// Shown where there is nothing to list (no actions, no meetings).
    pub none_recorded: String,
    /// `{window}` is replaced by the plan window, e.g. 2021-23.
    pub no_plan: String,
    pub level: String,
    pub level_not_set: String,
    /// Appended to saved ids that the catalogue no longer (or not yet) knows.
    pub not_in_catalogue: String,
    /// Heads the list of saved workshop answers whose ids the catalogue does not know.
    pub unknown_sessions: String,
    pub actions: String,
    /// Followed by the action's number: "Action 1".
    pub action: String,
    pub activity: String,
    pub outputs: String,
    pub meeting_date: String,
    pub review_date: String,
    pub status: String,
    pub researcher_comments: String,
    pub mentor_comments: String,
    pub meetings: String,
    pub duration: String,
    pub notes: String,
}

/// A field of a form: its name and the guidance shown beside it while it is being filled in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub label: String,
    pub help: String,
}

/// The mentoring proforma (CLES "One Step Beyond"), agreed before a relationship commences.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AgreementsCatalog {
    pub title: String,
    pub intro: String,
    pub confidential_note: String,
    /// A review date this many days away (or less) is shown as coming up.
    pub review_notice_days: u32,
    pub fields: AgreementFields,
    /// Followed by the agreement's number: "Agreement 1".
    pub agreement: String,
    pub active: String,
    pub ended: String,
    /// `{mentor}` is replaced by the mentor's name.
    pub with_mentor: String,
}

/// The proforma's fields, in the order the form asks them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AgreementFields {
    pub mentor: Field,
    pub start: Field,
    pub frequency: Field,
    pub length: Field,
    pub venue: Field,
    pub contact: Field,
    pub duration: Field,
    pub review: Field,
    pub wind_down: Field,
    pub status: Field,
    pub end_date: Field,
}

/// One stage of the questionnaire (before or after mentoring).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub title: String,
    /// Its short name in a sentence: "pre-mentoring questionnaire".
    pub name: String,
    /// The free-text question.
    pub prompt: String,
}

/// One point of the 1 to 5 confidence scale.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    pub value: u8,
    pub label: String,
}

/// The impact questionnaires: a rating of confidence per checklist area, before and after.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ImpactCatalog {
    pub title: String,
    pub intro: String,
    pub confidential_note: String,
    pub pre: Stage,
    pub post: Stage,
    /// Asked above the ratings.
    pub rating_question: String,
    /// Exactly 1 to 5, in order.
    pub scale: Vec<ScalePoint>,
    pub scale_label: String,
    pub ratings: String,
    pub not_rated: String,
    pub date: String,
    pub mentor: String,
    /// Where a questionnaire is about mentoring in general, not one agreement.
    pub any_mentor: String,
    pub comparison_title: String,
    /// How "before" and "after" are chosen for one mentor, printed with the comparison.
    pub rule_mentor: String,
    /// How they are chosen across all mentoring.
    pub rule_overall: String,
    pub overall: String,
    pub area: String,
    pub before: String,
    pub after: String,
    pub change: String,
    pub higher: String,
    pub same: String,
    pub lower: String,
    /// In a comparison with no questionnaire on one side.
    pub not_yet: String,
    pub questionnaires: String,
}

impl ImpactCatalog {
    pub fn stage(&self, stage: crate::model::Stage) -> &Stage {
        match stage {
            crate::model::Stage::Pre => &self.pre,
            crate::model::Stage::Post => &self.post,
        }
    }

    /// The scale's wording for a rating ("4 Confident").
    pub fn scale_label(&self, value: u8) -> &str {
        self.scale
            .iter()
            .find(|p| p.value == value)
            .map_or("", |p| p.label.as_str())
    }

    fn validate(&self) -> Result<(), CatalogError> {
        let values: Vec<u8> = self.scale.iter().map(|p| p.value).collect();
        let want: Vec<u8> = (crate::model::Rating::MIN..=crate::model::Rating::MAX).collect();
        if values != want {
            return Err(CatalogError::Invalid(format!(
                "impact.scale must have the values {want:?} in order, not {values:?}"
            )));
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("the catalogue is not valid JSON at line {line}, column {column}: {message}")]
    Parse {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the catalogue is inconsistent: {0}")]
    Invalid(String),
    #[error("{}{path}: {message}", .line.map(|l| format!("line {l}, at ")).unwrap_or_default())]
    Field {
        path: String,
        line: Option<usize>,
        message: String,
    },
}

impl Catalog {
    /// The built-in CERES catalogue. Parsed on each call: it is small (about 10 kB) and callers
    /// keep the result.
    pub fn ceres() -> Catalog {
        Catalog::from_json(CERES_JSON).expect("the embedded CERES catalogue is valid")
    }

    pub fn from_json(text: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = serde_json::from_str(text).map_err(|e| CatalogError::Parse {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        catalog.validate()?;
        Ok(catalog)
    }

    /// Reads an institution's own catalogue. Whatever it leaves out is taken from the CERES
    /// catalogue (objects are merged key by key; a list given replaces the built-in list), so a
    /// file need only say what differs. Errors give the line where it can be found.
    pub fn from_institution_json(text: &str) -> Result<Catalog, CatalogError> {
        let own: serde_json::Value =
            serde_json::from_str(text).map_err(|e| CatalogError::Parse {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        if !own.is_object() {
            return Err(CatalogError::Invalid(
                "the file must hold one JSON object, { ... }".into(),
            ));
        }
        let mut merged: serde_json::Value =
            serde_json::from_str(CERES_JSON).expect("the embedded catalogue is JSON");
        overlay(&mut merged, own);
        let catalog: Catalog = serde_path_to_error::deserialize(merged).map_err(|e| {
            let path = e.path().to_string();
            let key = path
                .rsplit('.')
                .next()
                .unwrap_or("")
                .split('[')
                .next()
                .unwrap_or("");
            CatalogError::Field {
                line: line_of(text, &format!("\"{key}\"")),
                path,
                message: e.into_inner().to_string(),
            }
        })?;
        catalog.validate().map_err(|e| match e {
            CatalogError::Invalid(message) => {
                // Point at the last place the quoted id or field appears.
                let quoted = message.split('"').nth(1).map(|q| format!("\"{q}\""));
                match quoted.and_then(|q| line_of_last(text, &q)) {
                    Some(line) => CatalogError::Invalid(format!("line {line}: {message}")),
                    None => CatalogError::Invalid(message),
                }
            }
            other => other,
        })?;
        Ok(catalog)
    }

    /// Ids must be unique within their kind, or an answer could land on two entries.
    fn validate(&self) -> Result<(), CatalogError> {
        let mut seen = std::collections::HashSet::new();
        let ids = self
            .checklist
            .areas
            .iter()
            .map(|a| ("area", &a.id))
            .chain(
                self.checklist
                    .areas
                    .iter()
                    .flat_map(|a| a.items.iter().map(|i| ("item", &i.id))),
            )
            .chain(self.plan.grids.iter().map(|g| ("grid", &g.id)))
            .chain(
                self.plan
                    .grids
                    .iter()
                    .flat_map(|g| g.entries.iter().map(|e| ("session", &e.id))),
            )
            .chain(self.plan.sections.iter().map(|s| ("section", &s.id)))
            .chain(self.memberships.iter().map(|m| ("membership", &m.id)));
        for (kind, id) in ids {
            if id.trim().is_empty() {
                return Err(CatalogError::Invalid(format!("a {kind} has an empty id")));
            }
            if !seen.insert((kind, id.as_str())) {
                return Err(CatalogError::Invalid(format!(
                    "{kind} id {id:?} is used twice"
                )));
            }
        }
        let MonthDay { month, day } = self.submission_deadline;
        if chrono::NaiveDate::from_ymd_opt(2023, month, day).is_none() {
            return Err(CatalogError::Invalid(format!(
                "submission_deadline {month}/{day} is not a date"
            )));
        }
        if !(1..=12).contains(&self.academic_year_start_month) {
            return Err(CatalogError::Invalid(
                "academic_year_start_month must be 1 to 12".into(),
            ));
        }
        crate::model::rules::mentoring_hours(self.minimum_mentoring_hours)
            .map_err(|e| CatalogError::Invalid(e.to_string()))?;
        self.impact.validate()?;
        let grids: Vec<&str> = self.plan.grids.iter().map(|g| g.id.as_str()).collect();
        self.development.validate(&grids)?;
        self.award.validate()?;
        Ok(())
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.checklist.areas.iter().find(|a| a.id == id)
    }

    pub fn grid(&self, id: &str) -> Option<&Grid> {
        self.plan.grids.iter().find(|g| g.id == id)
    }

    pub fn membership(&self, id: &str) -> Option<&Entry> {
        self.memberships.iter().find(|m| m.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.plan.sections.iter().find(|s| s.id == id)
    }

    /// Finds the area that owns a checklist item.
    pub fn area_of_item(&self, item: &str) -> Option<&Area> {
        self.checklist
            .areas
            .iter()
            .find(|a| a.items.iter().any(|i| i.id == item))
    }
}

/// Lays `own` over `base`: objects key by key, anything else replaced.
fn overlay(base: &mut serde_json::Value, own: serde_json::Value) {
    match (base, own) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => overlay(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, own) => *slot = own,
    }
}

fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

fn line_of_last(text: &str, needle: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .rposition(|l| l.contains(needle))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13: PCDR1 and PCDR3 are Leicester's codes; CERES cites none, another catalogue may.
    #[test]
    fn development_codes_are_cited_only_when_the_catalogue_has_them() {
        let mut c = Catalog::ceres();
        assert!(!c.development.intro_text().contains("PCDR"));
        c.development.codes = vec!["PCDR1".into(), "PCDR3".into()];
        assert!(
            c.development
                .intro_text()
                .ends_with("development. (PCDR1, PCDR3)")
        );
    }

    /// Issue 13: the form numbers its sections and brackets its prompts before the full stop.
    #[test]
    fn the_form_s_numbers_and_prompts_are_catalogue_text() {
        let c = Catalog::ceres();
        let numbers = [&c.checklist.number, &c.meetings.number, &c.plan.number];
        assert_eq!(numbers, ["2", "3", "4"]);
        assert_eq!(numbered("4", "Plan"), "4. Plan");
        assert_eq!(numbered("", "Plan"), "Plan");
        for s in &c.plan.sections {
            assert!(
                s.prompt.starts_with('[') && s.prompt.ends_with("]."),
                "{}",
                s.prompt
            );
        }
    }

    #[test]
    fn ceres_catalogue_matches_the_seed() {
        let c = Catalog::ceres();
        let areas: Vec<_> = c.checklist.areas.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(
            areas,
            [
                "Conference",
                "Journal",
                "Academic Environment",
                "Engagement",
                "Income generation",
                "Book",
                "Readership/Professorship Conferment",
                "Becoming a Mentor",
                "Other"
            ]
        );
        let items: usize = c.checklist.areas.iter().map(|a| a.items.len()).sum();
        assert_eq!(items, 3 + 6 + 4 + 4 + 5 + 4 + 4 + 1 + 1);
        assert_eq!(c.grid("activator").unwrap().entries.len(), 18);
        assert_eq!(c.grid("library").unwrap().entries.len(), 12);
        assert_eq!(c.plan.sections.len(), 8);
        assert_eq!(c.submission_deadline, MonthDay { month: 6, day: 15 });
        assert!(c.area("other").unwrap().specify.is_some());
    }

    #[test]
    fn impact_scale_must_be_one_to_five() {
        let mut c = Catalog::ceres();
        assert_eq!(c.impact.scale_label(1), "Not at all confident");
        c.impact.scale.pop();
        let text = serde_json::to_string(&c).unwrap();
        let err = Catalog::from_json(&text).unwrap_err().to_string();
        assert!(err.contains("impact.scale"), "{err}");
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut c = Catalog::ceres();
        c.plan.sections[1].id = c.plan.sections[0].id.clone();
        let text = serde_json::to_string(&c).unwrap();
        let err = Catalog::from_json(&text).unwrap_err().to_string();
        assert!(err.contains("used twice"), "{err}");
    }

    #[test]
    fn malformed_catalogue_names_line_and_column() {
        let err = Catalog::from_json("{\n  \"id\": 3,\n}").unwrap_err();
        assert!(matches!(err, CatalogError::Parse { line: 2, .. }), "{err}");
    }
}
