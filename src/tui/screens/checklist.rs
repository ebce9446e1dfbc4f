//! Section 2, the Mentoring Activity Checklist: per area a level and tick boxes, "Other" with its
//! free text. Everything comes from the catalogue.

use super::{Committed, Ctx, Effect, FieldId, text};
use crate::domain::model::Level;
use crate::domain::ops::Op;
use crate::tui::form::{Commit, Field, Value};

pub fn level_options() -> Vec<String> {
    std::iter::once("none".to_string())
        .chain(Level::ALL.iter().map(|l| l.label().to_string()))
        .collect()
}

pub fn fields(ctx: &Ctx) -> Vec<Field> {
    let cat = &ctx.catalog.checklist;
    let list = &ctx.record.checklist;
    let mut v = vec![Field::heading(&cat.title), Field::note(&cat.intro)];
    for area in &cat.areas {
        let answer = list.area(&area.id);
        v.push(Field::heading(&area.label));
        let level = answer
            .and_then(|a| a.level)
            .and_then(|l| Level::ALL.iter().position(|&x| x == l))
            .map_or(0, |i| i + 1);
        v.push(
            Field::choice(
                FieldId::Level(area.id.clone()),
                "Level",
                level_options(),
                level,
            )
            .help(format!(
                "Your level of interest/experience in {}: Space or ←/→",
                area.label
            )),
        );
        for item in &area.items {
            v.push(
                Field::checkbox(
                    FieldId::Tick(item.id.clone()),
                    &item.label,
                    list.is_ticked(&area.id, &item.id),
                )
                .help("Space: tick to discuss this with your mentor"),
            );
        }
        if let Some(prompt) = &area.specify {
            v.push(
                Field::line(
                    FieldId::Specify(area.id.clone()),
                    prompt,
                    answer.map(|a| a.specify.as_str()).unwrap_or(""),
                )
                .help("Type here; Enter keeps it and moves on"),
            );
        }
    }
    v
}

pub fn commit(_ctx: &Ctx, c: Commit) -> Committed {
    let op = match (&c.id, &c.value) {
        (FieldId::Level(area), Value::Choice(i)) => Op::SetLevel {
            area: area.clone(),
            level: i.checked_sub(1).map(|i| Level::ALL[i]),
        },
        (FieldId::Tick(item), Value::Bool(on)) => Op::SetTick {
            item: item.clone(),
            ticked: *on,
        },
        (FieldId::Specify(area), _) => Op::SetSpecify {
            area: area.clone(),
            text: text(&c).trim().to_string(),
        },
        _ => return Ok(vec![]),
    };
    Ok(vec![Effect::Op(op)])
}
