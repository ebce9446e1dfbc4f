//! Three-way merges, so that two processes editing the same record both land: the interface
//! (which holds what it loaded, `base`, and what the user made of it, `mine`) and whatever
//! another process wrote meanwhile (`theirs`: a `mentorplan note` in a second pane, a second
//! window). Nothing either side wrote is dropped silently: free text both sides changed is
//! merged line by line, and where the lines themselves collide both versions are kept, marked.
//! A one-line value (a name, a venue, a date) that both changed keeps this side's: joining the
//! two would put a newline in a one-line field.

use crate::model::Record;
use serde_json::{Map, Value};

/// Merges a text field. Appends by another process (the common case: `mentorplan note` while
/// the notes are open) go after what was typed here. Only for free text: the result may have
/// more lines than either side.
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
    // The lines collide: keep both, marked, rather than choose.
    diffy::merge(base, mine, theirs).unwrap_or_else(|with_markers| with_markers)
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
    // A merged list broke an invariant of the model: keep this side's version, as before
    // merging.
    serde_json::from_value(merged).unwrap_or_else(|_| mine.clone())
}

/// Where a value sits in the record: its JSON keys, `*` for an item of a list.
type Path = Vec<String>;

fn child(path: &[String], key: &str) -> Path {
    let mut p = path.to_vec();
    p.push(key.to_string());
    p
}

/// Whether the string at `path` is free text (`Record::FREE_TEXT`), merged line by line.
fn is_free_text(path: &[String]) -> bool {
    Record::FREE_TEXT
        .iter()
        .any(|pattern| matches(pattern, path))
}

fn matches(pattern: &str, path: &[String]) -> bool {
    let parts: Vec<&str> = pattern.split('/').collect();
    parts.len() == path.len() && parts.iter().zip(path).all(|(p, k)| *p == "*" || p == k)
}

/// Merges the record's JSON: objects key by key, lists of objects with an `id` item by item,
/// lists of plain values as sets, free text line by line; where both sides changed a number,
/// a flag or a one-line string (a name, a date, a choice), this side wins (it is the one the
/// user is looking at, and the one saving).
pub fn value(base: &Value, mine: &Value, theirs: &Value) -> Value {
    value_at(&[], base, mine, theirs)
}

fn value_at(path: &[String], base: &Value, mine: &Value, theirs: &Value) -> Value {
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
            Value::Object(object(path, b, m, t))
        }
        (Value::Array(m), Value::Array(t)) => {
            let empty = Vec::new();
            let b = base.as_array().unwrap_or(&empty);
            if [b, m, t]
                .iter()
                .all(|list| list.iter().all(|v| v.get("id").is_some()))
            {
                Value::Array(by_id(&child(path, "*"), b, m, t))
            } else {
                Value::Array(as_set(b, m, t))
            }
        }
        // Free text keeps both versions, marked, where the same lines collide.
        (Value::String(m), Value::String(t)) if is_free_text(path) => {
            Value::String(text(base.as_str().unwrap_or(""), m, t))
        }
        // A one-line value is never joined with the other side's (the trial's "Bob\nAlice").
        _ => mine.clone(),
    }
}

fn object(
    path: &[String],
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
        if let Some(v) = optional(&child(path, key), b.get(key), m.get(key), t.get(key)) {
            out.insert(key.clone(), v);
        }
    }
    out
}

/// A key or list item that may be absent on either side. A removal on one side stands unless
/// the other side changed the thing removed: then the change is kept, not lost.
fn optional(
    path: &[String],
    b: Option<&Value>,
    m: Option<&Value>,
    t: Option<&Value>,
) -> Option<Value> {
    match (b, m, t) {
        (_, Some(m), Some(t)) => Some(value_at(path, b.unwrap_or(&Value::Null), m, t)),
        (None, Some(x), None) | (None, None, Some(x)) => Some(x.clone()),
        (Some(b), Some(m), None) => (m != b).then(|| m.clone()),
        (Some(b), None, Some(t)) => (t != b).then(|| t.clone()),
        (_, None, None) => None,
    }
}

fn by_id(path: &[String], b: &[Value], m: &[Value], t: &[Value]) -> Vec<Value> {
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
        if let Some(v) = optional(path, bv.as_ref(), mv.as_ref(), tv.as_ref()) {
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
        let plan = |updated: &str, text: &str| serde_json::json!({"plans": {"2026-28": {"updated": updated, "sections": {"other": text}}}});
        let b = plan("2026-11-23T12:00:00Z", "a\nb");
        let m = plan("2026-11-23T12:00:05Z", "a\nB");
        let t = plan("2026-11-23T20:46:15.8Z", "a\nC");
        let merged = &value(&b, &m, &t)["plans"]["2026-28"];
        assert_eq!(merged["updated"], "2026-11-23T12:00:05Z");
        let notes = merged["sections"]["other"].as_str().unwrap();
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

    /// A misspelt or renamed path in `Record::FREE_TEXT` would quietly make free text a value.
    #[test]
    fn every_free_text_path_names_a_string_of_the_record() {
        use crate::calendar::PlanWindow;
        use crate::model::{Action, Agreement, Plan, Questionnaire, Stage};
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut r = Record::default();
        r.meetings.actions.push(Action::new("a"));
        r.meetings.meetings.push(Meeting::new(d, 60));
        let mut plan = Plan::new(PlanWindow(2026), Default::default());
        plan.sections.insert("other".into(), "text".into());
        r.plans.insert(PlanWindow(2026), plan);
        r.agreements.agreements.push(Agreement::new("Joe"));
        r.questionnaires
            .questionnaires
            .push(Questionnaire::new(Stage::Pre, d));
        let mut cycle = crate::model::Cycle::new("q", d);
        cycle.entries.push(crate::model::ReflectEntry::new(
            d,
            crate::model::ReflectStage::Plan,
        ));
        r.reflect.cycles.push(cycle);
        fn strings(v: &Value, path: Path, out: &mut Vec<Path>) {
            match v {
                Value::String(_) => out.push(path),
                Value::Object(map) => map
                    .iter()
                    .for_each(|(k, v)| strings(v, child(&path, k), out)),
                Value::Array(list) => list.iter().for_each(|v| strings(v, child(&path, "*"), out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        strings(&serde_json::to_value(&r).unwrap(), Vec::new(), &mut all);
        for pattern in Record::FREE_TEXT {
            let found = all.iter().any(|p| matches(pattern, p));
            assert!(found, "{pattern} names no string of the record");
        }
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

    /// Two interfaces saved the same profile name: the trial found "Bob\nAlice", a newline
    /// in a one-line field. The saving process's value stands; free text still merges.
    #[test]
    fn one_line_fields_both_sides_changed_keep_the_savers_value() {
        use crate::model::Agreement;
        let c = Catalog::ceres();
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut a = Agreement::new("Joe Hope");
        a.venue = "Room 1".into();
        a.contact = "E-mail".into();
        // A name typed where there was none, and a name changed on both sides.
        for base_name in ["", "Jane"] {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::new(dir.path().join("d"));
            let mut p = crate::model::Profile {
                name: base_name.into(),
                ..Default::default()
            };
            let base = store
                .apply(
                    &c,
                    &[Op::AddAgreement(a.clone()), Op::SetProfile(p.clone())],
                    now,
                )
                .unwrap();
            // The other interface saves first.
            let mut theirs = base.agreements.agreements[0].clone();
            theirs.venue = "Room 1, Library".into();
            theirs.contact = "E-mail\nTheirs".into();
            p.name = format!("{base_name}Alice");
            store
                .apply(
                    &c,
                    &[Op::SetProfile(p.clone()), Op::UpdateAgreement(theirs)],
                    now,
                )
                .unwrap();
            let mut mine = base.agreements.agreements[0].clone();
            mine.venue = "Room 1, Lab".into();
            mine.contact = "Mine\nE-mail".into();
            p.name = format!("{base_name}Bob");
            let saved = store
                .apply_over(
                    &c,
                    &base,
                    &[Op::SetProfile(p), Op::UpdateAgreement(mine)],
                    now,
                )
                .unwrap();
            assert_eq!(saved.profile.name, format!("{base_name}Bob"));
            let merged = &saved.agreements.agreements[0];
            assert_eq!(merged.venue, "Room 1, Lab");
            assert_eq!(merged.contact, "Mine\nE-mail\nTheirs");
            assert_eq!(store.load().unwrap(), saved);
        }
    }
    /// An interface edits an entry of the reflective log over an old base while another
    /// process adds an entry to the same cycle and writes more of the cycle's focus: the save
    /// keeps both entries and joins the focus.
    #[test]
    fn reflective_log_saves_over_an_old_base_keep_the_other_process_entries() {
        use crate::model::{Cycle, ReflectEntry, ReflectStage};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("d"));
        let c = Catalog::ceres();
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut cycle = Cycle::new("q", day);
        cycle.focus = "First meetings".into();
        let mut mine = ReflectEntry::new(day, ReflectStage::Plan);
        mine.text = "Plan".into();
        let add = |e: &ReflectEntry| Op::AddReflectEntry {
            cycle: cycle.id,
            entry: e.clone(),
        };
        let base = store
            .apply(&c, &[Op::AddCycle(cycle.clone()), add(&mine)], now)
            .unwrap();
        let mut theirs = ReflectEntry::new(day, ReflectStage::Act);
        theirs.text = "Acted".into();
        let mut their_cycle = cycle.clone();
        their_cycle.focus = "First meetings\nand last ones".into();
        store
            .apply(&c, &[add(&theirs), Op::UpdateCycle(their_cycle)], now)
            .unwrap();
        mine.text = "Plan, revised".into();
        let mut my_cycle = cycle.clone();
        my_cycle.focus = "Early: first meetings".into();
        let saved = store
            .apply_over(
                &c,
                &base,
                &[
                    Op::UpdateReflectEntry {
                        cycle: cycle.id,
                        entry: mine,
                    },
                    Op::UpdateCycle(my_cycle),
                ],
                now,
            )
            .unwrap();
        let texts: Vec<&str> = saved.reflect.cycles[0]
            .entries
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(texts, ["Plan, revised", "Acted"]);
        assert_eq!(
            saved.reflect.cycles[0].focus,
            "Early: first meetings\nand last ones"
        );
        assert_eq!(store.load().unwrap(), saved);
    }
}
