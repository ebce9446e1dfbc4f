//! The portfolio of evidence: the professional-development log laid out by
//! academic year, then by career tag, each year with its total against the pro-rata target, and
//! each activity with its provider, time, Concordat principle and evidence. An entry appears
//! once, in the group of exactly its tags ("... and ..." for both), so the groups add up to the
//! year's total; the year's fields also give each tag's days counting shared entries in both.

use super::doc::Doc;
use super::sections::unknown;
use crate::calendar::AcademicYear;
use crate::catalog::Catalog;
use crate::devlog::{self, YearSummary, days_text};
use crate::model::{DevEntry, Record};

pub(crate) fn portfolio(
    doc: &mut Doc,
    catalog: &Catalog,
    record: &Record,
    only: Option<AcademicYear>,
    level: usize,
) {
    let dev = &catalog.development;
    title_page(doc, catalog, record, &dev.title, &dev.intro_text(), level);
    doc.aside(
        &dev.labels
            .conversion
            .replace("{hours}", &dev.hours_per_day.to_string()),
    );
    let years = match only {
        Some(y) => vec![y],
        None => devlog::years(record, catalog),
    };
    if years.is_empty() {
        doc.aside(&dev.labels.no_entries);
    }
    for year in years {
        let summary = devlog::year_summary(record, catalog, year);
        year_section(doc, catalog, &summary, level + 1);
    }
}

/// The title, the introduction and whose the portfolio is: how a portfolio of evidence opens.
pub(crate) fn title_page(
    doc: &mut Doc,
    catalog: &Catalog,
    record: &Record,
    title: &str,
    intro: &str,
    level: usize,
) {
    let l = &catalog.labels;
    doc.heading(level, title);
    doc.prose(intro);
    let p = &record.profile;
    doc.fields([
        (l.name.as_str(), p.name.clone()),
        (&l.position, p.position.clone()),
    ]);
}

fn year_section(doc: &mut Doc, catalog: &Catalog, y: &YearSummary<'_>, level: usize) {
    let dev = &catalog.development;
    doc.heading(level, &y.year.to_string());
    let standing = if y.met() {
        dev.labels.target_met.clone()
    } else {
        dev.labels
            .to_go
            .replace("{days}", &days_text(y.target.days - y.days))
    };
    let mut fields = vec![(
        dev.labels.total.clone(),
        format!("{}: {standing}", y.total_text(catalog)),
    )];
    fields.extend(
        y.by_tag
            .iter()
            .map(|(tag, days)| (tag.label.clone(), days_text(*days))),
    );
    fields.push((dev.labels.untagged.clone(), days_text(y.untagged_days)));
    doc.fields(fields.iter().map(|(k, v)| (k.as_str(), v.clone())));
    if y.entries.is_empty() {
        doc.aside(&dev.labels.no_entries);
    }
    for (heading, entries) in groups(catalog, y) {
        doc.heading(level + 1, &heading);
        for e in entries {
            entry(doc, catalog, e, level + 2);
        }
    }
}

/// The entries grouped by their exact set of tags: single tags in catalogue order, then
/// combinations, then the untagged.
fn groups<'a>(catalog: &Catalog, y: &YearSummary<'a>) -> Vec<(String, Vec<&'a DevEntry>)> {
    let tags = &catalog.development.tags;
    let rank = |id: &str| tags.iter().position(|t| t.id == id).unwrap_or(tags.len());
    fn key_of<'e>(e: &'e DevEntry, rank: &dyn Fn(&str) -> usize) -> Vec<&'e str> {
        let mut k: Vec<&str> = e.tags.iter().map(String::as_str).collect();
        k.sort_by_key(|id| (rank(id), *id));
        k
    }
    let key = |e: &'a DevEntry| key_of(e, &rank);
    let mut keys: Vec<Vec<&str>> = Vec::new();
    for (_, e) in &y.entries {
        let k = key(e);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.sort_by_key(|k| {
        (
            k.is_empty(),
            k.len(),
            k.iter().map(|id| rank(id)).collect::<Vec<_>>(),
        )
    });
    let label = |id: &str| {
        catalog
            .development
            .tag(id)
            .map_or_else(|| unknown(catalog, id), |t| t.label.clone())
    };
    keys.into_iter()
        .map(|k| {
            let heading = if k.is_empty() {
                catalog.development.labels.untagged.clone()
            } else {
                k.iter()
                    .map(|id| label(id))
                    .collect::<Vec<_>>()
                    .join(&catalog.development.labels.tags_joiner)
            };
            let entries = y
                .entries
                .iter()
                .map(|(_, e)| *e)
                .filter(|e| key(e) == k)
                .collect();
            (heading, entries)
        })
        .collect()
}

fn entry(doc: &mut Doc, catalog: &Catalog, e: &DevEntry, level: usize) {
    let dev = &catalog.development;
    let dl = &dev.labels;
    doc.heading(level, &format!("{}: {}", e.date, e.title));
    let provider = dev
        .provider(&e.provider)
        .map_or_else(|| unknown(catalog, &e.provider), |p| p.label.clone());
    let time = devlog::time_text(catalog, e);
    let mut fields = vec![(dl.provider.as_str(), provider), (&dl.time, time)];
    if let Some(p) = &e.principle {
        let label = dev
            .principle(p)
            .map_or_else(|| unknown(catalog, p), |x| x.label.clone());
        fields.push((&dl.principle, label));
    }
    if let Some(s) = &e.session {
        let grid = catalog
            .plan
            .grids
            .iter()
            .find(|g| g.entries.iter().any(|x| &x.id == s));
        let value = grid.map_or_else(|| unknown(catalog, s), |g| g.column.clone());
        fields.push((&dl.session, value));
    }
    doc.fields(fields);
    doc.label(&dl.evidence);
    let evidence: Vec<&String> = e.evidence.iter().filter(|x| !x.trim().is_empty()).collect();
    if evidence.is_empty() {
        doc.aside(&dl.no_evidence);
    }
    for item in evidence {
        doc.answer(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::doc::Block;
    use crate::model::TimeSpent;

    #[test]
    fn a_year_lists_each_entry_once_in_the_group_of_its_exact_tags() {
        let c = Catalog::ceres();
        let mut r = Record::default();
        let d = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let t = TimeSpent::parse_days("1").unwrap();
        for tags in [vec!["industry", "academia"], vec![], vec!["industry"]] {
            let mut e = DevEntry::new(d, "x", "other", t);
            e.tags = tags.into_iter().map(String::from).collect();
            r.devlog.insert_in_order(e);
        }
        let mut doc = Doc::new("(left blank)");
        portfolio(&mut doc, &c, &r, None, 1);
        let headings: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level: 3, text } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            [
                "Succeeding in industry",
                "Succeeding in academia and Succeeding in industry",
                "Not tagged"
            ]
        );
    }
}
