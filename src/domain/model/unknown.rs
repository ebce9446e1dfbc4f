//! Keys this release does not know, kept as they were read (a file written by a newer release,
//! or an `"orcid"` a user added by hand) so that rewriting the object does not drop them. Each
//! record object carries one as `#[serde(flatten)] extra: Unknown`.

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use std::cell::Cell;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Unknown(pub BTreeMap<String, Value>);

impl Unknown {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Prefixed to each unknown key while `unknown_paths` serialises, so that they can be told
/// from the known ones in the result.
const MARK: &str = "\u{1}unknown\u{1}";

thread_local! {
    static MARKING: Cell<bool> = const { Cell::new(false) };
}

impl Serialize for Unknown {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if MARKING.get() {
            s.collect_map(self.0.iter().map(|(k, v)| (format!("{MARK}{k}"), v)))
        } else {
            s.collect_map(&self.0)
        }
    }
}

/// Where in `data` (as `a/2/b` paths) there are keys this release does not know.
pub fn unknown_paths<T: Serialize>(data: &T) -> Vec<String> {
    MARKING.set(true);
    let value = serde_json::to_value(data);
    MARKING.set(false);
    let mut out = Vec::new();
    if let Ok(v) = value {
        walk(&v, "", &mut out);
    }
    out.sort();
    out
}

fn walk(v: &Value, at: &str, out: &mut Vec<String>) {
    let join = |k: &str| {
        if at.is_empty() {
            k.to_string()
        } else {
            format!("{at}/{k}")
        }
    };
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match k.strip_prefix(MARK) {
                    Some(unknown) => out.push(join(unknown)),
                    None => walk(v, &join(k), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &join(&(i + 1).to_string()), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Item {
        name: String,
        #[serde(flatten)]
        extra: Unknown,
    }

    #[derive(Serialize, Deserialize)]
    struct Outer {
        items: Vec<Item>,
        #[serde(flatten)]
        extra: Unknown,
    }

    #[test]
    fn unknown_keys_survive_a_round_trip_and_are_named_by_path() {
        let text = r#"{"items":[{"name":"a"},{"name":"b","orcid":"0000"}],"note":{"x":1}}"#;
        let outer: Outer = serde_json::from_str(text).unwrap();
        let back: Value = serde_json::to_value(&outer).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
        assert_eq!(unknown_paths(&outer), ["items/2/orcid", "note"]);
        // Marking is only for the listing.
        assert!(!serde_json::to_string(&outer).unwrap().contains('\u{1}'));
    }
}
