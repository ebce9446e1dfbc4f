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
    if mine == theirs || theirs == base {
        return mine.to_string();
    }
    if mine == base {
        return theirs.to_string();
    }
    if let Some(appended) = theirs.strip_prefix(base) {
        return join_appended(mine, appended);
    }
    if let Some(appended) = mine.strip_prefix(base) {
        return join_appended(theirs, appended);
    }
    match diffy::merge(base, mine, theirs) {
        Ok(merged) => merged,
        // The lines collide: keep both, marked, rather than choose.
        Err(with_markers) => with_markers,
    }
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
    let merged = value(&to_value(base), &to_value(mine), &to_value(theirs));
    // Every merged leaf came from one of three valid records, so this only fails if a merged
    // list broke an invariant of the model; then keep this side's version, as before merging.
    serde_json::from_value(merged).unwrap_or_else(|_| mine.clone())
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
            Value::String(text(base.as_str().unwrap_or(""), m, t))
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
