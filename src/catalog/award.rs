//! The catalogue's mentoring-award part: the frameworks whose descriptors and values tag the
//! mentor's reflective log (the UK Professional Standards Framework and the SEDA values, in the
//! version the institution uses), the names of the action-research stages and the words of the
//! award portfolio. The source documents name the frameworks but not their texts, so the built-in
//! catalogue ships their shape with entries marked `example`, which an institution's catalogue
//! replaces (docs/award.md); the program says so wherever it lists them.

use super::CatalogError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AwardCatalog {
    pub title: String,
    pub intro: String,
    /// Said beside every framework, descriptor or value marked `example`.
    pub example_note: String,
    pub frameworks: Vec<Framework>,
    /// The four stages of a cycle of action research, in order: plan, act, observe, reflect.
    pub stages: Stages,
    pub labels: AwardLabels,
}

/// A framework the award maps to, in one named version.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub name: String,
    /// The version the institution uses, as it names it.
    pub version: String,
    /// The version (and name) shipped only as an example, to be replaced by the institution's.
    #[serde(default)]
    pub example: bool,
    pub descriptors: Vec<Descriptor>,
}

/// A descriptor, dimension or value of a framework: what an entry is tagged with. Its `id` is
/// the tag, unique across every framework of the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Descriptor {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub example: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Stages {
    pub plan: String,
    pub act: String,
    pub observe: String,
    pub reflect: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AwardLabels {
    pub cycle: String,
    pub question: String,
    pub focus: String,
    pub started: String,
    pub date: String,
    pub tags: String,
    pub evidence: String,
    pub no_cycles: String,
    pub no_entries: String,
    pub tag_summary: String,
    /// Column headings of the tag summary: how many entries and cycles carry the tag.
    pub framework: String,
    pub entries: String,
    pub cycles: String,
    pub untagged: String,
    pub evidence_title: String,
    pub evidence_intro: String,
    pub mentees_title: String,
    pub mentee: String,
    pub since: String,
    pub until: String,
    pub current: String,
    pub past: String,
    pub no_mentees: String,
    pub year: String,
    pub meetings: String,
    pub hours: String,
    pub agreements_started: String,
    pub agreements_reviewed: String,
    pub agreements_wound_down: String,
    pub questionnaires: String,
    pub unreadable: String,
    /// What an entry points at: `{mentee}`, `{from}`, `{to}`, `{meetings}`, `{hours}`.
    pub activity: String,
    pub not_a_mentee: String,
    pub left_out: String,
}

/// A tag's descriptor and the framework it belongs to.
pub struct Tag<'c> {
    pub framework: &'c Framework,
    pub descriptor: &'c Descriptor,
}

impl Tag<'_> {
    /// A descriptor shipped to show the shape, which the institution replaces.
    pub fn is_example(&self) -> bool {
        self.descriptor.example
    }
}

impl AwardCatalog {
    /// Every tag, framework by framework in catalogue order.
    pub fn tags(&self) -> impl Iterator<Item = Tag<'_>> + Clone {
        self.frameworks.iter().flat_map(|framework| {
            framework.descriptors.iter().map(move |descriptor| Tag {
                framework,
                descriptor,
            })
        })
    }

    pub fn tag(&self, id: &str) -> Option<Tag<'_>> {
        self.tags().find(|t| t.descriptor.id == id)
    }

    /// Whether anything listed is only the shipped example.
    pub fn has_examples(&self) -> bool {
        self.frameworks.iter().any(|f| f.example) || self.tags().any(|t| t.is_example())
    }

    /// Tag ids unique across frameworks (an entry stores the id alone), none empty.
    pub(super) fn validate(&self) -> Result<(), CatalogError> {
        let mut seen = std::collections::HashSet::new();
        for f in &self.frameworks {
            if f.id.trim().is_empty() || f.descriptors.iter().any(|d| d.id.trim().is_empty()) {
                return Err(CatalogError::Invalid(format!(
                    "award: framework {:?} or one of its descriptors has an empty id",
                    f.id
                )));
            }
        }
        for t in self.tags() {
            if !seen.insert(t.descriptor.id.as_str()) {
                return Err(CatalogError::Invalid(format!(
                    "award: descriptor id \"{}\" is used twice (tags are ids unique across frameworks)",
                    t.descriptor.id
                )));
            }
        }
        Ok(())
    }
}
