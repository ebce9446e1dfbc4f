//! The mentor's reflective practice log, reached from the Mentoring screen of the mentor's own
//! record: the cycles of action research with their entries, the evidence of practice counted
//! from the mentees' records (counts and hours only), the form of a cycle (question, focus,
//! start) and of an entry (date, stage, text, evidence, framework tags, confidential). The same
//! rules as `mentorplan reflect`: the catalogue's tags, text required.

use super::mentoring::MentoringView;
use super::{Committed, Ctx, Effect, FieldId, text};
use crate::model::{Cycle, ReflectEntry, ReflectStage};
use crate::ops::Op;
use crate::reflect::{stage_label, tag_label};
use crate::text::one_line;
use crate::ui::form::{Commit, Field, Value};
use uuid::Uuid;

/// On the mentor's own Mentoring screen: the way into the log.
pub fn open_button(ctx: &Ctx) -> Vec<Field> {
    let n = ctx.record.reflect.cycles.len();
    vec![
        Field::heading("Your practice as a mentor (toward a mentoring award)"),
        Field::button(
            FieldId::OpenReflect,
            &format!("Open your reflective log ({n} cycles)"),
        )
        .help("Enter: your cycles of action research, beside the evidence of your mentoring"),
    ]
}

fn numbered(ctx: &Ctx, id: Uuid) -> Option<usize> {
    ctx.record
        .reflect
        .in_order()
        .iter()
        .position(|c| c.id == id)
        .map(|i| i + 1)
}

pub fn log(ctx: &Ctx) -> Vec<Field> {
    let aw = &ctx.catalog.award;
    let l = &aw.labels;
    let mut v = vec![
        Field::heading("Reflective practice log"),
        Field::note(
            "Your own, as a mentor: cycles of action research (plan, act, observe, reflect). `mentorplan export --section award` writes the portfolio.",
        ),
        Field::button(FieldId::AddCycle, "Start a cycle")
            .help("Enter: a new cycle, from its question"),
    ];
    let cycles = ctx.record.reflect.in_order();
    if cycles.is_empty() {
        v.push(Field::note(&l.no_cycles));
    }
    for (i, c) in cycles.iter().enumerate() {
        let n = i + 1;
        v.push(
            Field::item(
                FieldId::CycleRow(c.id),
                format!(
                    "{} {n}: {} (since {})",
                    l.cycle,
                    one_line(&c.question),
                    c.started
                ),
            )
            .help("Enter: its question, focus and start"),
        );
        for e in &c.entries {
            let first = e.text.lines().next().unwrap_or("");
            let mark = if e.confidential {
                " (confidential)"
            } else {
                ""
            };
            let tags = if e.tags.is_empty() {
                String::new()
            } else {
                let ids: Vec<&str> = e.tags.iter().map(String::as_str).collect();
                format!(" [{}]", one_line(&ids.join(", ")))
            };
            v.push(
                Field::item(
                    FieldId::ReflectRow(e.id),
                    format!(
                        "  {} {}: {}{tags}{mark}",
                        e.date,
                        stage_label(ctx.catalog, e.stage),
                        one_line(first)
                    ),
                )
                .help("Enter: open · d: delete (asks first)"),
            );
        }
        v.push(
            Field::button(
                FieldId::AddReflectEntry(c.id),
                &format!("Add an entry to cycle {n}"),
            )
            .help("Enter: an entry dated today, at the stage after the last one"),
        );
    }
    v.extend(evidence(ctx));
    v
}

/// One line per mentee and academic year: counts and hours only.
fn evidence(ctx: &Ctx) -> Vec<Field> {
    let l = &ctx.catalog.award.labels;
    let mut v = vec![Field::heading(format!(
        "{} (counts only)",
        l.evidence_title
    ))];
    if ctx.more.award.is_empty() {
        v.push(Field::note(&l.no_mentees));
    }
    for m in &ctx.more.award {
        let state = if m.is_current() { &l.current } else { &l.past };
        let mut line = format!("{} ({state}, since {})", one_line(&m.label), m.started);
        if !m.readable {
            line.push_str(&format!(": {}", l.unreadable));
        }
        v.push(Field::note(line));
        for (year, y) in &m.years {
            v.push(Field::note(format!("  {year}: {}", y.sentence(l))));
        }
    }
    v
}

pub fn cycle_form(ctx: &Ctx, c: &Cycle) -> Vec<Field> {
    let l = &ctx.catalog.award.labels;
    let heading = match numbered(ctx, c.id) {
        Some(n) => format!("{} {n}", l.cycle),
        None => "New cycle (saved once it has its question)".into(),
    };
    let id = FieldId::CyclePart;
    vec![
        Field::heading(heading),
        Field::line(id("question"), &l.question, &c.question)
            .help("The question or aim the cycle investigates"),
        Field::text_area(id("focus"), &l.focus, &c.focus, "[What the cycle looks at]")
            .help("What the cycle looks at, in more words (optional)"),
        Field::date(id("started"), &l.started, Some(c.started))
            .help("When the cycle started: YYYY-MM-DD, today, -1w ..."),
    ]
}

pub fn entry_form(ctx: &Ctx, cycle: Uuid, e: &ReflectEntry) -> Vec<Field> {
    let aw = &ctx.catalog.award;
    let l = &aw.labels;
    let n = numbered(ctx, cycle).unwrap_or(0);
    let saved = ctx
        .record
        .reflect
        .cycle(cycle)
        .is_some_and(|c| c.entry(e.id).is_some());
    let heading = if saved {
        format!("{} {n} › {}", l.cycle, stage_label(ctx.catalog, e.stage))
    } else {
        format!("{} {n} › new entry (saved once it has some text)", l.cycle)
    };
    let id = FieldId::ReflectPart;
    let stages = ReflectStage::ALL
        .iter()
        .map(|s| stage_label(ctx.catalog, *s).to_string())
        .collect();
    let mut v = vec![
        Field::heading(heading),
        Field::date(id("date"), &l.date, Some(e.date))
            .help("When you wrote it: YYYY-MM-DD, today, -1w ..."),
        Field::choice(id("stage"), "Stage", stages, e.stage.index())
            .help("Plan, act, observe or reflect: Space or ←/→"),
        Field::text_area(
            id("text"),
            "Entry",
            &e.text,
            "[What you planned, did, saw or learnt]",
        )
        .help("Your reflection at this stage: never a mentee's notes, which stay in their record"),
        Field::text_area(
            id("evidence"),
            &l.evidence,
            &e.evidence.join("\n"),
            "[Notes, links or file paths, one per line]",
        )
        .help("What the entry draws on: one note, link or file path per line"),
    ];
    // Mentoring it points at (`reflect entry add --mentoring`): counts only.
    for a in &e.activity {
        let line = crate::reflect::activity_line(ctx.catalog, a, &ctx.more.award);
        v.push(Field::note(format!("{}: {line}", l.evidence)));
    }
    v.push(Field::heading(&l.tags));
    for t in aw.tags() {
        // Marked where the institution's own label does not say so already.
        let example = if t.is_example() && !t.descriptor.label.contains("EXAMPLE") {
            " (EXAMPLE)"
        } else {
            ""
        };
        v.push(
            Field::checkbox(
                FieldId::ReflectTag(t.descriptor.id.clone()),
                &format!("{}{example}", t.descriptor.label),
                e.tags.contains(&t.descriptor.id),
            )
            .help(format!(
                "Space: tag or untag · {} ({})",
                t.framework.name, t.framework.version
            )),
        );
    }
    for t in e.tags.iter().filter(|t| aw.tag(t).is_none()) {
        v.push(Field::note(tag_label(ctx.catalog, t)));
    }
    if aw.has_examples() {
        v.push(Field::note(&aw.example_note));
    }
    v.push(
        Field::checkbox(
            id("confidential"),
            "Keep out of the portfolio unless asked (confidential)",
            e.confidential,
        )
        .help("Space: the award export leaves it out unless --include-confidential"),
    );
    v
}

/// A new entry of `cycle`, today, at the stage after its last entry's (plan to begin with).
pub fn new_entry(ctx: &Ctx, cycle: Uuid) -> ReflectEntry {
    let last = ctx
        .record
        .reflect
        .cycle(cycle)
        .and_then(|c| c.entries.iter().map(|e| e.stage).max());
    let stage = match last {
        Some(s) => ReflectStage::ALL[(s.index() + 1).min(ReflectStage::ALL.len() - 1)],
        None => ReflectStage::Plan,
    };
    ReflectEntry::new(ctx.today, stage)
}

pub fn commit(ctx: &Ctx, c: Commit) -> Committed {
    let view = |v| Ok(vec![Effect::Mentoring(v)]);
    let log = &ctx.record.reflect;
    match (&c.id, &ctx.more.mentoring) {
        (FieldId::OpenReflect, _) => view(MentoringView::Reflect),
        (FieldId::AddCycle, _) => view(MentoringView::Cycle(Cycle::new("", ctx.today))),
        (FieldId::CycleRow(id), _) => match log.cycle(*id) {
            Some(c) => view(MentoringView::Cycle(c.clone())),
            None => Ok(vec![]),
        },
        (FieldId::ReflectRow(id), _) => match log.find_entry(*id) {
            Some((c, e)) => view(MentoringView::ReflectEntry {
                cycle: c.id,
                entry: e.clone(),
            }),
            None => Ok(vec![]),
        },
        (FieldId::AddReflectEntry(cycle), _) => view(MentoringView::ReflectEntry {
            cycle: *cycle,
            entry: new_entry(ctx, *cycle),
        }),
        (FieldId::CyclePart(part), MentoringView::Cycle(cy)) => commit_cycle(ctx, cy, part, &c),
        (
            FieldId::ReflectPart(_) | FieldId::ReflectTag(_),
            MentoringView::ReflectEntry { cycle, entry },
        ) => commit_entry(ctx, *cycle, entry, &c),
        _ => Ok(vec![]),
    }
}

fn commit_cycle(ctx: &Ctx, cy: &Cycle, part: &str, c: &Commit) -> Committed {
    let mut cy = cy.clone();
    match (part, &c.value) {
        ("question", _) => cy.question = text(c).trim().to_string(),
        ("focus", _) => cy.focus = text(c),
        ("started", Value::Date(Some(d))) => cy.started = *d,
        ("started", Value::Date(None)) => return Err("a cycle needs the date it started".into()),
        _ => return Ok(vec![]),
    }
    let exists = ctx.record.reflect.cycle(cy.id).is_some();
    let incomplete = cy.question.is_empty().then_some((
        part == "question",
        "a cycle needs its question: say what it investigates",
    ));
    let view = Effect::Mentoring(MentoringView::Cycle(cy.clone()));
    super::keep_or_save(view, exists, incomplete, |exists| {
        if exists {
            Op::UpdateCycle(cy)
        } else {
            Op::AddCycle(cy)
        }
    })
}

fn commit_entry(ctx: &Ctx, cycle: Uuid, e: &ReflectEntry, c: &Commit) -> Committed {
    let mut e = e.clone();
    match (&c.id, &c.value) {
        (FieldId::ReflectPart("date"), Value::Date(Some(d))) => e.date = *d,
        (FieldId::ReflectPart("date"), Value::Date(None)) => {
            return Err("an entry needs its date".into());
        }
        (FieldId::ReflectPart("stage"), Value::Choice(i)) => {
            e.stage = ReflectStage::ALL[*i % ReflectStage::ALL.len()];
        }
        (FieldId::ReflectPart("text"), _) => e.text = text(c),
        (FieldId::ReflectPart("evidence"), _) => e.evidence = super::items(c),
        (FieldId::ReflectPart("confidential"), Value::Bool(on)) => e.confidential = *on,
        (FieldId::ReflectTag(t), Value::Bool(on)) => super::set_tag(&mut e.tags, t, *on),
        _ => return Ok(vec![]),
    }
    let exists = ctx
        .record
        .reflect
        .cycle(cycle)
        .is_some_and(|c| c.entry(e.id).is_some());
    let incomplete = e.text.trim().is_empty().then_some((
        c.id == FieldId::ReflectPart("text") && exists,
        "an entry needs some text: d deletes it",
    ));
    let view = Effect::Mentoring(MentoringView::ReflectEntry {
        cycle,
        entry: e.clone(),
    });
    super::keep_or_save(view, exists, incomplete, |exists| {
        if exists {
            Op::UpdateReflectEntry { cycle, entry: e }
        } else {
            Op::AddReflectEntry { cycle, entry: e }
        }
    })
}
