//! `--json` on `status` and every `list`: for scripts. The field names are part of the
//! interface (docs/json.md): a list's items are the stored objects (docs/data-format.md) with
//! their `number` as the text list numbers them, and `status` is the object below. Fields may
//! be added; none is renamed or removed without a note in the CHANGELOG.

use super::out_json;
use crate::settings::Settings;
use crate::status::Status;
use color_eyre::eyre::Result;
use serde::Serialize;
use serde_json::{Map, Value, json};

/// Prints `{ "<key>": [items] }`.
pub(crate) fn print_list(key: &str, items: Vec<Value>) -> Result<()> {
    let mut top = Map::new();
    top.insert(key.into(), Value::Array(items));
    print(&Value::Object(top))
}

pub(crate) fn print(value: &Value) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    out_json(&text)
}

/// A stored object with `number` (1-based, as the text list numbers it) first, and the
/// computed fields given.
pub(crate) fn numbered<T: Serialize>(
    number: usize,
    item: &T,
    computed: impl IntoIterator<Item = (&'static str, Value)>,
) -> Value {
    let mut map = Map::new();
    map.insert("number".into(), json!(number));
    if let Value::Object(fields) = serde_json::to_value(item).expect("the model serialises") {
        map.extend(fields);
    }
    map.extend(computed.into_iter().map(|(k, v)| (k.to_string(), v)));
    Value::Object(map)
}

/// `mentorplan status --json`.
pub(crate) fn status(s: &Status<'_>, settings: &Settings) -> Value {
    let catalog = &settings.catalog;
    let d = &s.development;
    json!({
        "today": s.today,
        "academic_year": s.academic_year.to_string(),
        "plan": {
            "window": s.window.to_string(),
            "exists": s.plan_exists,
            "updated_this_academic_year": s.plan_touched_this_year,
        },
        "deadline": s.deadline,
        "days_to_deadline": s.days_to_deadline,
        "mentoring": {
            "minutes_done": s.hours.minutes_done,
            "minutes_required": s.hours.minutes_required,
            "minutes_expected_by_now": s.hours.minutes_expected_by_now,
            "on_track": s.hours.on_track(),
        },
        "development": {
            "days_done": d.days_done + 0.0, // not -0.0
            "days_target": d.target.days,
            "days_expected_by_now": d.days_expected_by_now,
            "fte": d.target.fte.to_string(),
            "fte_assumed": d.target.fte_assumed,
        },
        "open_actions": s.open_actions,
        "actions_due": s.due.iter().map(|(n, a)| numbered(*n, *a, [])).collect::<Vec<_>>(),
        "mentee": settings.mentee.as_ref().map(|m| m.name.clone()),
        "data_dir": settings.store.dir(),
        "catalogue": catalog.id,
    })
}
