//! Lays out the mentoring agreements and the impact questionnaires as blocks, with the
//! catalogue's wording. Both are confidential: they appear only in their own sections or in
//! `All` with `include_confidential`. The comparison is a table of catalogue labels and numbers
//! only; the member's words (mentor names, notes) go in headings, fields and paragraphs, where
//! they are escaped as text.

use super::doc::{Align, Doc, Table};
use crate::domain::catalog::Catalog;
use crate::domain::mentoring::{
    Comparison, Scope, agreement_fields, format_change, scopes, with_mentor,
};
use crate::domain::model::{Questionnaire, Rating, Record};

/// The mentoring agreements, one sub-section each, in list order.
pub(crate) fn agreements(doc: &mut Doc, catalog: &Catalog, record: &Record, level: usize) {
    let c = &catalog.agreements;
    doc.heading(level, &c.title);
    doc.prose(&c.intro);
    doc.aside(&c.confidential_note);
    if record.agreements.agreements.is_empty() {
        doc.aside(&catalog.labels.none_recorded);
    }
    for (i, a) in record.agreements.agreements.iter().enumerate() {
        doc.heading(
            level + 1,
            &format!("{} {}: {}", c.agreement, i + 1, with_mentor(catalog, a)),
        );
        let fields = agreement_fields(catalog, a);
        doc.fields(
            fields
                .iter()
                .filter(|f| !f.long)
                .map(|f| (f.label, f.value.clone())),
        );
        for f in fields.iter().filter(|f| f.long) {
            doc.label(f.label);
            doc.answer(&f.value);
        }
    }
}

/// The impact questionnaires: a comparison for each scope worth comparing, then each
/// questionnaire in date order.
pub(crate) fn impact(doc: &mut Doc, catalog: &Catalog, record: &Record, level: usize) {
    let i = &catalog.impact;
    doc.heading(level, &i.title);
    doc.prose(&i.intro);
    doc.aside(&i.confidential_note);
    let qs = &record.questionnaires.questionnaires;
    if qs.is_empty() {
        doc.aside(&catalog.labels.none_recorded);
        return;
    }
    scale(doc, catalog);
    for scope in scopes(record) {
        comparison(
            doc,
            catalog,
            record,
            &Comparison::of(record, catalog, scope),
            level + 1,
        );
    }
    doc.heading(level + 1, &i.questionnaires);
    let mut sorted: Vec<&Questionnaire> = qs.iter().collect();
    sorted.sort_by_key(|q| q.date);
    for q in sorted {
        questionnaire(doc, catalog, record, q, level + 2);
    }
}

/// "Scale: 1 Not at all confident, 2 ..., 5 Very confident".
fn scale(doc: &mut Doc, catalog: &Catalog) {
    let i = &catalog.impact;
    let points: Vec<String> = i
        .scale
        .iter()
        .map(|p| format!("{} {}", p.value, p.label))
        .collect();
    doc.fields([(i.scale_label.as_str(), points.join(", "))]);
}

fn scope_name(catalog: &Catalog, record: &Record, scope: Scope) -> String {
    match scope {
        Scope::Overall => catalog.impact.overall.clone(),
        Scope::Agreement(id) => record.agreements.get(id).map_or_else(
            || catalog.impact.any_mentor.clone(),
            |a| with_mentor(catalog, a),
        ),
    }
}

/// "Pre-mentoring Impact Questionnaire, 2026-10-01", or "not yet".
fn which(catalog: &Catalog, q: Option<&Questionnaire>) -> String {
    q.map_or_else(
        || catalog.impact.not_yet.clone(),
        |q| format!("{}, {}", catalog.impact.stage(q.stage).title, q.date),
    )
}

/// Before against after, area by area, with how many areas rose, held or fell.
pub(crate) fn comparison(
    doc: &mut Doc,
    catalog: &Catalog,
    record: &Record,
    cmp: &Comparison<'_>,
    level: usize,
) {
    let i = &catalog.impact;
    doc.heading(
        level,
        &format!(
            "{}: {}",
            i.comparison_title,
            scope_name(catalog, record, cmp.scope)
        ),
    );
    doc.aside(match cmp.scope {
        Scope::Overall => &i.rule_overall,
        Scope::Agreement(_) => &i.rule_mentor,
    });
    doc.fields([
        (i.before.as_str(), which(catalog, cmp.before)),
        (&i.after, which(catalog, cmp.after)),
    ]);
    if cmp.rows.is_empty() {
        doc.aside(&catalog.labels.none_recorded);
        return;
    }
    let rating =
        |r: Option<Rating>| r.map_or_else(|| i.not_rated.clone(), |r| r.value().to_string());
    let rows = cmp
        .rows
        .iter()
        .map(|row| {
            vec![
                area_label(catalog, &row.area),
                rating(row.before),
                rating(row.after),
                row.change().map(format_change).unwrap_or_default(),
            ]
        })
        .collect();
    doc.table(Table {
        align: vec![Align::Left, Align::Right, Align::Right, Align::Right],
        header: vec![
            i.area.clone(),
            i.before.clone(),
            i.after.clone(),
            i.change.clone(),
        ],
        rows,
    });
    if cmp.before.is_some() && cmp.after.is_some() {
        let n = cmp.counts();
        doc.fields([
            (i.higher.as_str(), n.higher.to_string()),
            (&i.same, n.same.to_string()),
            (&i.lower, n.lower.to_string()),
        ]);
    }
}

/// The catalogue's label, or the saved id marked as unknown.
fn area_label(catalog: &Catalog, id: &str) -> String {
    catalog.area(id).map_or_else(
        || format!("{id} ({})", catalog.labels.not_in_catalogue),
        |a| a.label.clone(),
    )
}

fn questionnaire(
    doc: &mut Doc,
    catalog: &Catalog,
    record: &Record,
    q: &Questionnaire,
    level: usize,
) {
    let i = &catalog.impact;
    let stage = i.stage(q.stage);
    doc.heading(level, &format!("{}, {}", stage.title, q.date));
    let mentor = q
        .agreement
        .and_then(|id| record.agreements.get(id))
        .map_or_else(|| i.any_mentor.clone(), |a| a.mentor.clone());
    doc.fields([(i.date.as_str(), q.date.to_string()), (&i.mentor, mentor)]);
    doc.label(&i.rating_question);
    if q.ratings.is_empty() {
        doc.aside(&catalog.labels.none_recorded);
    } else {
        let known = catalog.checklist.areas.iter().map(|a| a.id.as_str());
        let unknown = q
            .ratings
            .keys()
            .map(String::as_str)
            .filter(|id| catalog.area(id).is_none());
        let rows = known
            .chain(unknown)
            .filter_map(|id| q.ratings.get(id).map(|r| (id, *r)))
            .map(|(id, r)| {
                vec![
                    area_label(catalog, id),
                    format!("{} {}", r.value(), i.scale_label(r.value())),
                ]
            })
            .collect();
        doc.table(Table {
            align: vec![Align::Left, Align::Left],
            header: vec![i.area.clone(), i.ratings.clone()],
            rows,
        });
    }
    doc.label(&stage.prompt);
    doc.answer(&q.notes);
}
