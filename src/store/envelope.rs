//! Reads a file's `{"schema_version": N, "<kind>": {...}}` envelope in one pass. When the
//! version comes first and is current (as this program writes it), the payload is parsed
//! straight into the model, so errors carry the line and column in the file and the text is
//! parsed only once; otherwise the payload is kept as a JSON value for migration.

use super::schema::SCHEMA_VERSION;
use crate::domain::model::Unknown;
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

pub enum Parsed<T> {
    Current(T, Unknown),
    Other {
        version: Option<u64>,
        payload: Option<Value>,
        extra: Unknown,
    },
}

pub struct EnvelopeSeed<T> {
    key: &'static str,
    _t: PhantomData<T>,
}

impl<T> EnvelopeSeed<T> {
    pub fn new(key: &'static str) -> Self {
        EnvelopeSeed {
            key,
            _t: PhantomData,
        }
    }
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for EnvelopeSeed<T> {
    type Value = Parsed<T>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Parsed<T>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for EnvelopeSeed<T> {
    type Value = Parsed<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with \"schema_version\" and \"{}\"", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed<T>, A::Error> {
        let mut version: Option<u64> = None;
        let mut typed: Option<T> = None;
        let mut raw: Option<Value> = None;
        let mut extra = Unknown::default();
        while let Some(key) = map.next_key::<String>()? {
            if key == "schema_version" {
                if version.is_some() {
                    return Err(de::Error::duplicate_field("schema_version"));
                }
                version =
                    Some(map.next_value().map_err(|_| {
                        de::Error::custom("\"schema_version\" is not a whole number")
                    })?);
            } else if key == self.key {
                if typed.is_some() || raw.is_some() {
                    return Err(de::Error::custom(format!("\"{}\" appears twice", self.key)));
                }
                if version == Some(SCHEMA_VERSION) {
                    typed = Some(map.next_value()?);
                } else {
                    raw = Some(map.next_value()?);
                }
            } else {
                // Unknown keys beside the payload (a comment a user added, a newer release's
                // addition) are kept, to be written back.
                extra.0.insert(key, map.next_value()?);
            }
        }
        Ok(match (version, typed) {
            (Some(SCHEMA_VERSION), Some(data)) => Parsed::Current(data, extra),
            _ => Parsed::Other {
                version,
                payload: raw,
                extra,
            },
        })
    }
}
