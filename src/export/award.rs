//! The award portfolio (`export --section award`): the frameworks the log is tagged with, each
//! cycle of action research in the order started with its entries under their stages, the tags
//! summarised per descriptor, and the evidence of practice computed from the records. It reads
//! only the mentor's log and counts (`reflect::evidence`): no meeting note, action, agreement
//! term or questionnaire answer of a mentee can reach it. Entries the mentor marked confidential
//! are left out (and counted) unless `include_confidential`.

use super::doc::{Align, Doc, Table};
use crate::catalog::Catalog;
use crate::model::{Cycle, Record, ReflectEntry, ReflectStage};
use crate::reflect::evidence::MenteeEvidence;
use crate::reflect::{stage_label, tag_label};

pub(crate) fn award(
    doc: &mut Doc,
    catalog: &Catalog,
    record: &Record,
    evidence: &[MenteeEvidence],
    include_confidential: bool,
    level: usize,
) {
    let aw = &catalog.award;
    let l = &aw.labels;
    super::portfolio::title_page(doc, catalog, record, &aw.title, &aw.intro, level);
    frameworks(doc, catalog);
    let shown = |e: &&ReflectEntry| include_confidential || !e.confidential;
    let cycles = record.reflect.in_order();
    if cycles.is_empty() {
        doc.aside(&l.no_cycles);
    }
    for (n, c) in cycles.iter().enumerate() {
        cycle(doc, catalog, n + 1, c, &shown, evidence, level + 1);
    }
    let left_out = cycles
        .iter()
        .flat_map(|c| &c.entries)
        .filter(|e| !shown(e))
        .count();
    if left_out > 0 {
        doc.aside(&format!("{left_out} {}", l.left_out));
    }
    tag_summary(doc, catalog, &cycles, &shown, level + 1);
    practice(doc, catalog, evidence, level + 1);
}

/// Each framework with its version, and the example marking where the text is not the
/// institution's yet.
fn frameworks(doc: &mut Doc, catalog: &Catalog) {
    let aw = &catalog.award;
    let fields: Vec<(String, String)> = aw
        .frameworks
        .iter()
        .map(|f| (f.name.clone(), f.version.clone()))
        .collect();
    doc.fields(fields.iter().map(|(k, v)| (k.as_str(), v.clone())));
    if aw.has_examples() {
        doc.aside(&aw.example_note);
    }
}

fn cycle(
    doc: &mut Doc,
    catalog: &Catalog,
    n: usize,
    c: &Cycle,
    shown: &dyn Fn(&&ReflectEntry) -> bool,
    evidence: &[MenteeEvidence],
    level: usize,
) {
    let l = &catalog.award.labels;
    doc.heading(level, &format!("{} {n}: {}", l.cycle, c.question));
    doc.fields([(l.started.as_str(), c.started.to_string())]);
    if !c.focus.trim().is_empty() {
        doc.label(&l.focus);
        doc.answer(&c.focus);
    }
    for stage in ReflectStage::ALL {
        doc.heading(level + 1, stage_label(catalog, stage));
        let entries: Vec<&ReflectEntry> = c.at_stage(stage).filter(|e| shown(e)).collect();
        if entries.is_empty() {
            doc.aside(&l.no_entries);
        }
        for e in entries {
            entry(doc, catalog, e, evidence);
        }
    }
}

fn entry(doc: &mut Doc, catalog: &Catalog, e: &ReflectEntry, mentees: &[MenteeEvidence]) {
    let l = &catalog.award.labels;
    let tags: Vec<String> = e.tags.iter().map(|t| tag_label(catalog, t)).collect();
    let mut fields = vec![(l.date.as_str(), e.date.to_string())];
    if !tags.is_empty() {
        fields.push((&l.tags, tags.join("; ")));
    }
    doc.fields(fields);
    doc.answer(&e.text);
    let evidence: Vec<&String> = e.evidence.iter().filter(|x| !x.trim().is_empty()).collect();
    if !evidence.is_empty() || !e.activity.is_empty() {
        doc.label(&l.evidence);
        for item in evidence {
            doc.answer(item);
        }
        for a in &e.activity {
            doc.answer(&crate::reflect::activity_line(catalog, a, mentees));
        }
    }
}

/// Per framework, each descriptor in catalogue order with how many entries (and cycles) carry
/// it; then tags the catalogue no longer has, and the untagged entries.
fn tag_summary(
    doc: &mut Doc,
    catalog: &Catalog,
    cycles: &[&Cycle],
    shown: &dyn Fn(&&ReflectEntry) -> bool,
    level: usize,
) {
    let aw = &catalog.award;
    let l = &aw.labels;
    doc.heading(level, &l.tag_summary);
    let entries: Vec<(usize, &ReflectEntry)> = cycles
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.entries.iter().filter(|e| shown(e)).map(move |e| (i, e)))
        .collect();
    let row = |label: String, with: &dyn Fn(&ReflectEntry) -> bool| {
        let cycles: Vec<usize> = entries
            .iter()
            .filter(|(_, e)| with(e))
            .map(|(i, _)| *i)
            .collect();
        let mut distinct = cycles.clone();
        distinct.dedup();
        vec![label, cycles.len().to_string(), distinct.len().to_string()]
    };
    let table = |first: &str, rows: Vec<Vec<String>>| Table {
        align: vec![Align::Left, Align::Right, Align::Right],
        header: vec![first.to_string(), l.entries.clone(), l.cycles.clone()],
        rows,
    };
    for f in &aw.frameworks {
        doc.heading(level + 1, &f.name);
        let rows = f
            .descriptors
            .iter()
            .map(|d| row(d.label.clone(), &|e| e.tags.contains(&d.id)))
            .collect();
        doc.table(table(&l.tags, rows));
    }
    let mut unknown: Vec<&String> = entries
        .iter()
        .flat_map(|(_, e)| &e.tags)
        .filter(|t| aw.tag(t).is_none())
        .collect();
    unknown.sort();
    unknown.dedup();
    let mut rows: Vec<Vec<String>> = unknown
        .into_iter()
        .map(|t| row(tag_label(catalog, t), &|e| e.tags.contains(t)))
        .collect();
    rows.push(row(l.untagged.clone(), &|e| e.tags.is_empty()));
    doc.table(table("", rows));
}

/// The mentees supported, then for each mentee the counts of each academic year (a column a
/// year, so that the table keeps to the page in plain text).
fn practice(doc: &mut Doc, catalog: &Catalog, evidence: &[MenteeEvidence], level: usize) {
    let l = &catalog.award.labels;
    doc.heading(level, &l.evidence_title);
    doc.aside(&l.evidence_intro);
    doc.heading(level + 1, &l.mentees_title);
    if evidence.is_empty() {
        doc.aside(&l.no_mentees);
        return;
    }
    let status = |m: &MenteeEvidence| {
        let s = if m.is_current() { &l.current } else { &l.past };
        if m.readable {
            s.clone()
        } else {
            format!("{s}; {}", l.unreadable)
        }
    };
    doc.table(Table {
        align: vec![Align::Left; 4],
        header: vec![
            l.mentee.clone(),
            l.since.clone(),
            l.until.clone(),
            catalog.labels.status.clone(),
        ],
        rows: evidence
            .iter()
            .map(|m| {
                vec![
                    m.label.clone(),
                    m.started.to_string(),
                    m.ended.map(|d| d.to_string()).unwrap_or_default(),
                    status(m),
                ]
            })
            .collect(),
    });
    for m in evidence.iter().filter(|m| !m.years.is_empty()) {
        doc.heading(level + 2, &m.label);
        let mut header = vec![String::new()];
        header.extend(m.years.keys().map(ToString::to_string));
        let columns: Vec<[(&str, String); 6]> = m.years.values().map(|y| y.measures(l)).collect();
        let rows = (0..6)
            .map(|i| {
                let mut row = vec![columns[0][i].0.to_string()];
                row.extend(columns.iter().map(|c| c[i].1.clone()));
                row
            })
            .collect();
        let mut align = vec![Align::Left];
        align.extend(vec![Align::Right; m.years.len()]);
        doc.table(Table {
            align,
            header,
            rows,
        });
    }
}
