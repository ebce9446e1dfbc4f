//! Schema versions of the stored files and the migrations between them. Every file is
//! `{"schema_version": N, "<kind>": {...}}`; an older file is migrated when it is read (and
//! written back in the current version at the next save); a newer one is refused, because
//! rewriting it would drop what this program does not understand.

use serde_json::Value;

/// The version this program writes.
pub const SCHEMA_VERSION: u64 = 3;

/// The first mentorplan release that writes each schema version, for the "needs a newer
/// program" message.
pub const FIRST_RELEASE: &[(u64, &str)] = &[(1, "0.0.1 (prototype)"), (2, "0.1.0"), (3, "0.2.0")];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Profile,
    Checklist,
    Meetings,
    Plan,
    /// The whole record in one file, for `export --format json` and `import`.
    Bundle,
    /// The notes of a live meeting being captured.
    Draft,
    /// A mentor's list of mentees, each with a record of their own.
    Mentees,
    /// Mentoring agreements.
    Agreements,
    /// Pre- and post-mentoring impact questionnaires.
    Questionnaires,
    /// The professional-development log.
    DevLog,
    /// The mentor's reflective practice log toward a mentoring award.
    Reflect,
    /// What an interface typed and had not yet saved into the record (`typing-PID.json`).
    Typing,
    /// The renames a save of several files still has to do (`journal`).
    Journal,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::Profile,
        Kind::Checklist,
        Kind::Meetings,
        Kind::Plan,
        Kind::Bundle,
        Kind::Draft,
        Kind::Mentees,
        Kind::Agreements,
        Kind::Questionnaires,
        Kind::DevLog,
        Kind::Reflect,
        Kind::Typing,
        Kind::Journal,
    ];

    /// The key under which the payload sits in the file.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Profile => "profile",
            Kind::Checklist => "checklist",
            Kind::Meetings => "meetings",
            Kind::Plan => "plan",
            Kind::Bundle => "record",
            Kind::Draft => "draft",
            Kind::Mentees => "mentees",
            Kind::Agreements => "agreements",
            Kind::Questionnaires => "questionnaires",
            Kind::DevLog => "devlog",
            Kind::Reflect => "reflect",
            Kind::Typing => "typing",
            Kind::Journal => "journal",
        }
    }
}

/// Migrates the payload of a `kind` file from version `from` to `SCHEMA_VERSION`, in steps.
pub fn migrate(kind: Kind, payload: &mut Value, from: u64) -> Result<(), String> {
    let mut version = from;
    while version < SCHEMA_VERSION {
        match version {
            1 => v1_to_v2(kind, payload)?,
            // Version 3 keeps earlier years' meetings and development entries in files of
            // their own (`years`); every file's payload is as in version 2. The number changed
            // so that a version-2 program refuses a directory whose history it cannot see,
            // rather than showing this year as if it were all.
            2 => {}
            0 => return Err("schema version 0 never existed".into()),
            _ => unreachable!("loop bound"),
        }
        version += 1;
    }
    Ok(())
}

/// Version 1 (the prototype) kept meeting durations as fractional `hours` and an action's state
/// as a `done` flag; version 2 keeps whole `minutes` and a three-way `status`.
fn v1_to_v2(kind: Kind, payload: &mut Value) -> Result<(), String> {
    if kind == Kind::Bundle {
        return match payload.get_mut("meetings") {
            Some(meetings) => v1_to_v2(Kind::Meetings, meetings),
            None => Ok(()),
        };
    }
    if kind != Kind::Meetings {
        return Ok(());
    }
    if let Some(meetings) = payload.get_mut("meetings").and_then(Value::as_array_mut) {
        for m in meetings.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(hours) = m.remove("hours") {
                let hours = hours
                    .as_f64()
                    .filter(|h| h.is_finite() && *h >= 0.0)
                    .ok_or_else(|| format!("a meeting's hours is not a number: {hours}"))?;
                m.insert("minutes".into(), Value::from((hours * 60.0).round() as u64));
            }
        }
    }
    if let Some(actions) = payload.get_mut("actions").and_then(Value::as_array_mut) {
        for a in actions.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(done) = a.remove("done") {
                let status = if done.as_bool() == Some(true) {
                    "done"
                } else {
                    "open"
                };
                a.insert("status".into(), Value::from(status));
            }
        }
    }
    Ok(())
}

pub fn release_for(version: u64) -> Option<&'static str> {
    FIRST_RELEASE
        .iter()
        .find(|(v, _)| *v == version)
        .map(|(_, r)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v1_meetings_become_minutes_and_status() {
        let mut v = json!({
            "meetings": [{"id": "00000000-0000-0000-0000-000000000001", "date": "2025-10-01", "hours": 1.5}],
            "actions": [{"id": "00000000-0000-0000-0000-000000000002", "activity": "x", "done": true}]
        });
        migrate(Kind::Meetings, &mut v, 1).unwrap();
        assert_eq!(v["meetings"][0]["minutes"], 90);
        assert!(v["meetings"][0].get("hours").is_none());
        assert_eq!(v["actions"][0]["status"], "done");
    }
}
