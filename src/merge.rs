//! Three-way merges, so that two processes editing the same record both land: the interface
//! (which holds what it loaded, `base`, and what the user made of it, `mine`) and whatever
//! another process wrote meanwhile (`theirs`: a `mentorplan note` in a second pane, a second
//! window). Nothing either side wrote is dropped silently: text both sides changed is merged
//! line by line, and where the lines themselves collide both versions are kept, marked.

use crate::model::Record;
use serde_json::{Map, Value};

/// Merges a text field. Appends by another process (the common case: `mentorplan note` while
/// the notes are open) go after what was typed here.
pub fn text(base: &str, mine: &str, theirs: &str) -> String {
    // The lines collide: keep both, marked, rather than choose.
    text_or_conflict(base, mine, theirs).unwrap_or_else(|with_markers| with_markers)
}

/// `text`, with a collision of lines as `Err` (both versions, marked).
fn text_or_conflict(base: &str, mine: &str, theirs: &str) -> Result<String, String> {
    if mine == theirs || theirs == base {
        return Ok(mine.to_string());
    }
    if mine == base {
        return Ok(theirs.to_string());
    }
    if let Some(appended) = theirs.strip_prefix(base) {
        return Ok(join_appended(mine, appended));
    }
    if let Some(appended) = mine.strip_prefix(base) {
        return Ok(join_appended(theirs, appended));
    }
    diffy::merge(base, mine, theirs)
}

fn join_appended(text: &str, appended: &str) -> String {
    let appended = appended.trim_start_matches('\n');
    if text.is_empty() || appended.is_empty() {
        return format!("{text}{appended}");
    }
    if text.ends_with('\n') {
        format!("{text}{appended}")
    } else {
        format!("{text}\n{appended}")
    }
}

/// Merges two versions of the record against their common ancestor.
pub fn record(base: &Record, mine: &Record, theirs: &Record) -> Record {
    if theirs == base {
        return mine.clone();
    }
    if mine == base {
        return theirs.clone();
    }
    let to_value = |r: &Record| serde_json::to_value(r).expect("the record serialises");
    let (m, t) = (to_value(mine), to_value(theirs));
    let mut merged = value(&to_value(base), &m, &t);
    if let Ok(r) = serde_json::from_value(merged.clone()) {
        return r;
    }
    // Two one-line values set on both sides where there was none (a plan's time stamp) are
    // joined like text, which their type refuses: there, this side's value stands.
    for (pointer, joined) in joined_strings(&merged, &m, &t, String::new()) {
        let side = if m.pointer(&pointer).is_some() {
            &m
        } else {
            &t
        };
        let mut trial = side.clone();
        if let Some(leaf) = trial.pointer_mut(&pointer) {
            *leaf = joined;
        }
        if serde_json::from_value::<Record>(trial).is_err()
            && let (Some(leaf), Some(kept)) = (merged.pointer_mut(&pointer), side.pointer(&pointer))
        {
            *leaf = kept.clone();
        }
    }
    // Otherwise a merged list broke an invariant of the model: keep this side's version, as
    // before merging.
    serde_json::from_value(merged).unwrap_or_else(|_| mine.clone())
}

/// The strings of `merged` (JSON pointer, value) that are neither side's: joined from both.
fn joined_strings(merged: &Value, m: &Value, t: &Value, at: String) -> Vec<(String, Value)> {
    match merged {
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| {
                let key = k.replace('~', "~0").replace('/', "~1");
                joined_strings(v, m, t, format!("{at}/{key}"))
            })
            .collect(),
        Value::Array(list) => list
            .iter()
            .enumerate()
            .flat_map(|(i, v)| joined_strings(v, m, t, format!("{at}/{i}")))
            .collect(),
        Value::String(_) if m.pointer(&at) != Some(merged) && t.pointer(&at) != Some(merged) => {
            vec![(at, merged.clone())]
        }
        _ => Vec::new(),
    }
}

/// Merges JSON values: objects key by key, lists of objects with an `id` item by item, lists
/// of plain values as sets, strings as text; where both sides changed a number or a flag, this
/// side wins (it is the one the user is looking at).
pub fn value(base: &Value, mine: &Value, theirs: &Value) -> Value {
    if mine == theirs || theirs == base {
        return mine.clone();
    }
    if mine == base {
        return theirs.clone();
    }
    match (mine, theirs) {
        (Value::Object(m), Value::Object(t)) => {
            let empty = Map::new();
            let b = base.as_object().unwrap_or(&empty);
            Value::Object(object(b, m, t))
        }
        (Value::Array(m), Value::Array(t)) => {
            let empty = Vec::new();
            let b = base.as_array().unwrap_or(&empty);
            if [b, m, t]
                .iter()
                .all(|list| list.iter().all(|v| v.get("id").is_some()))
            {
                Value::Array(by_id(b, m, t))
            } else {
                Value::Array(as_set(b, m, t))
            }
        }
        (Value::String(m), Value::String(t)) => {
            let b = base.as_str().unwrap_or("");
            match text_or_conflict(b, m, t) {
                Ok(merged) => Value::String(merged),
                // Free text keeps both versions, marked. A one-line string both sides changed
                // (a time stamp, a choice, a name) is a value, not text: this side wins.
                Err(marked) if [b, m, t].iter().any(|s| s.contains('\n')) => Value::String(marked),
                Err(_) => mine.clone(),
            }
        }
        _ => mine.clone(),
    }
}

fn object(
    b: &Map<String, Value>,
    m: &Map<String, Value>,
    t: &Map<String, Value>,
) -> Map<String, Value> {
    let mut out = Map::new();
    let keys = m.keys().chain(t.keys()).chain(b.keys());
    for key in keys {
        if out.contains_key(key) {
            continue;
        }
        if let Some(v) = optional(b.get(key), m.get(key), t.get(key)) {
            out.insert(key.clone(), v);
        }
    }
    out
}

/// A key or list item that may be absent on either side. A removal on one side stands unless
/// the other side changed the thing removed: then the change is kept, not lost.
fn optional(b: Option<&Value>, m: Option<&Value>, t: Option<&Value>) -> Option<Value> {
    match (b, m, t) {
        (_, Some(m), Some(t)) => Some(value(b.unwrap_or(&Value::Null), m, t)),
        (None, Some(x), None) | (None, None, Some(x)) => Some(x.clone()),
        (Some(b), Some(m), None) => (m != b).then(|| m.clone()),
        (Some(b), None, Some(t)) => (t != b).then(|| t.clone()),
        (_, None, None) => None,
    }
}

fn by_id(b: &[Value], m: &[Value], t: &[Value]) -> Vec<Value> {
    let find = |list: &[Value], id: &Value| list.iter().find(|v| v.get("id") == Some(id)).cloned();
    let mut out = Vec::new();
    // This side's order first, then what the other side added, in its order.
    let ids = m
        .iter()
        .chain(t.iter())
        .chain(b.iter())
        .filter_map(|v| v.get("id").cloned());
    let mut seen = Vec::new();
    for id in ids {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id.clone());
        let (bv, mv, tv) = (find(b, &id), find(m, &id), find(t, &id));
        if let Some(v) = optional(bv.as_ref(), mv.as_ref(), tv.as_ref()) {
            out.push(v);
        }
    }
    out
}

fn as_set(b: &[Value], m: &[Value], t: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = m
        .iter()
        .filter(|v| t.contains(v) || !b.contains(v))
        .cloned()
        .collect();
    for v in t {
        if !b.contains(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meeting;
    use chrono::NaiveDate;

    #[test]
    fn a_note_appended_elsewhere_follows_what_was_typed_here() {
        assert_eq!(text("abc", "abcdef", "abc\nX"), "abcdef\nX");
        assert_eq!(text("", "typed", "X"), "typed\nX");
        assert_eq!(text("abc", "abc", "abc\nX"), "abc\nX");
        assert_eq!(text("abc", "ab", "abc"), "ab");
    }

    #[test]
    fn edits_to_different_lines_merge_and_colliding_edits_keep_both() {
        let base = "one\ntwo\nthree\n";
        assert_eq!(
            text(base, "ONE\ntwo\nthree\n", "one\ntwo\nTHREE\n"),
            "ONE\ntwo\nTHREE\n"
        );
        let both = text(base, "one\nmine\nthree\n", "one\ntheirs\nthree\n");
        assert!(both.contains("mine") && both.contains("theirs"), "{both}");
    }

    #[test]
    fn records_merge_item_by_item() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut base = Record::default();
        let mut m = Meeting::new(d, 0);
        m.notes = "abc".into();
        base.meetings.meetings.push(m);
        // Here: the notes grew and the length was set. Elsewhere: a note was appended and a
        // new meeting logged.
        let mut mine = base.clone();
        mine.meetings.meetings[0].notes = "abcdef".into();
        mine.meetings.meetings[0].minutes = 60;
        let mut theirs = base.clone();
        theirs.meetings.meetings[0].notes = "abc\nX".into();
        theirs.meetings.meetings.push(Meeting::new(d, 30));
        theirs.profile.name = "Zoë".into();
        let merged = record(&base, &mine, &theirs);
        assert_eq!(merged.meetings.meetings.len(), 2);
        assert_eq!(merged.meetings.meetings[0].notes, "abcdef\nX");
        assert_eq!(merged.meetings.meetings[0].minutes, 60);
        assert_eq!(merged.profile.name, "Zoë");
    }

    #[test]
    fn a_removal_stands_unless_the_other_side_changed_the_removed_item() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut base = Record::default();
        base.meetings.meetings.push(Meeting::new(d, 10));
        base.meetings.meetings.push(Meeting::new(d, 20));
        let mut mine = base.clone();
        mine.meetings.meetings.clear();
        let mut theirs = base.clone();
        theirs.meetings.meetings[1].notes = "added elsewhere".into();
        let merged = record(&base, &mine, &theirs);
        assert_eq!(merged.meetings.meetings.len(), 1);
        assert_eq!(merged.meetings.meetings[0].notes, "added elsewhere");
    }

    #[test]
    fn one_line_values_both_sides_changed_keep_this_side_and_stay_valid() {
        let b = serde_json::json!({"updated": "2026-11-23T12:00:00Z", "notes": "a\nb"});
        let m = serde_json::json!({"updated": "2026-11-23T12:00:05Z", "notes": "a\nB"});
        let t = serde_json::json!({"updated": "2026-11-23T20:46:15.8Z", "notes": "a\nC"});
        let merged = value(&b, &m, &t);
        assert_eq!(merged["updated"], "2026-11-23T12:00:05Z");
        let notes = merged["notes"].as_str().unwrap();
        assert!(notes.contains('B') && notes.contains('C'), "{notes}");
    }

    #[test]
    fn a_plan_started_on_both_sides_keeps_both_texts_and_a_valid_time_stamp() {
        use crate::calendar::PlanWindow;
        use crate::model::plan::{AboutYou, Plan};
        let w = PlanWindow(2026);
        let started = |text: &str, secs: i64| {
            let mut r = Record::default();
            let mut p = Plan::new(w, AboutYou::default());
            p.sections.insert("other".into(), text.into());
            p.updated = chrono::DateTime::from_timestamp(1_800_000_000 + secs, 0);
            r.plans.insert(w, p);
            r
        };
        let (mine, theirs) = (started("mine", 0), started("theirs", 7));
        let merged = record(&Record::default(), &mine, &theirs);
        assert_eq!(merged.plans[&w].sections["other"], "mine\ntheirs");
        assert_eq!(merged.plans[&w].updated, mine.plans[&w].updated);
    }

    #[test]
    fn plain_lists_merge_as_sets() {
        let b = serde_json::json!(["a", "b"]);
        let m = serde_json::json!(["a", "b", "c"]);
        let t = serde_json::json!(["b", "d"]);
        assert_eq!(value(&b, &m, &t), serde_json::json!(["b", "c", "d"]));
    }
}

#[cfg(test)]
mod store_tests {
    use crate::catalog::Catalog;
    use crate::model::Record;
    use crate::ops::Op;
    use crate::storage::Store;
    use chrono::{DateTime, NaiveDate};

    #[test]
    fn a_save_over_an_old_base_keeps_what_another_process_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("d"));
        let c = Catalog::ceres();
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let note = |text: &str| Op::AppendNote {
            date: day,
            text: text.into(),
            new_id: uuid::Uuid::new_v4(),
        };
        let base = store.apply(&c, &[note("typed here")], now).unwrap();
        // Another process appends while this one edits the same meeting's notes.
        store
            .apply(&c, &[note("from the second pane")], now)
            .unwrap();
        let mut m = base.meetings.meetings[0].clone();
        m.notes = "typed here, and more".into();
        m.minutes = 45;
        let saved = store
            .apply_over(&c, &base, &[Op::UpdateMeeting(m)], now)
            .unwrap();
        assert_eq!(
            saved.meetings.meetings[0].notes,
            "typed here, and more\nfrom the second pane"
        );
        assert_eq!(saved.meetings.meetings[0].minutes, 45);
        assert_eq!(store.load().unwrap(), saved);
        assert_ne!(saved, Record::default());
    }
}
