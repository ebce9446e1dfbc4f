//! The professional-development log (Concordat PCDR1 and PCDR3): what was done, when, with whom,
//! for how long, toward which career and Concordat principle, and the evidence for it. The
//! portfolio of evidence is exported from it. Providers, tags and principles are catalogue ids.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;
use uuid::Uuid;

/// A positive quantity with at most two decimal places (1.5 hours, 0.5 day, 0.25 day), kept in
/// hundredths so that 0.1 stays 0.1 when written back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(u32);

/// The largest amount in either unit: more than anyone logs in one go, small enough that a slip
/// of the keyboard (`--hours 15000`) is caught.
const MAX_HUNDREDTHS: u32 = 1000 * 100;
/// One entry covers at most a year of days.
const MAX_DAYS_HUNDREDTHS: u32 = 366 * 100;

impl Amount {
    pub fn from_hundredths(h: u32) -> Option<Amount> {
        (1..=MAX_HUNDREDTHS).contains(&h).then_some(Amount(h))
    }

    pub fn hundredths(self) -> u32 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// Parses "1.5", "3", "0.25"; refuses zero, negatives, noise and more than two decimals.
    pub fn parse(text: &str) -> Option<Amount> {
        let t = text.trim();
        if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        if frac.len() > 2 || (whole.is_empty() && frac.is_empty()) || frac.contains('.') {
            return None;
        }
        let whole: u32 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let frac: u32 = format!("{frac:0<2}").parse().ok()?;
        Amount::from_hundredths(whole.checked_mul(100)?.checked_add(frac)?)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        match frac {
            0 => write!(f, "{whole}"),
            f10 if f10 % 10 == 0 => write!(f, "{whole}.{}", f10 / 10),
            _ => write!(f, "{whole}.{frac:02}"),
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

impl Amount {
    /// The amount a stored number stands for, if it is one `parse` accepts: `parse` of the
    /// number's shortest text, without writing and reading that text (5,000 log entries are
    /// read at every start). A decimal with at most two places reads as the double nearest to
    /// it, which is exactly `hundredths / 100.0` (IEEE division rounds correctly), so a number
    /// is one exactly when it equals that.
    fn from_stored(v: f64) -> Option<Amount> {
        let h = (v * 100.0).round();
        if !(1.0..=f64::from(MAX_HUNDREDTHS)).contains(&h) {
            return None;
        }
        let h = h as u32;
        (f64::from(h) / 100.0 == v).then_some(Amount(h))
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        Amount::from_stored(v).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{v} is not a time: use a number greater than 0 and at most 1000, with at most two decimal places"
            ))
        })
    }
}

/// How long an activity took, in the unit the member gave: `{"hours": 1.5}` or `{"days": 0.5}`.
/// Kept as given so the portfolio shows what she wrote; converted to days (at the catalogue's
/// hours per day) only for totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeSpent {
    Hours(Amount),
    Days(Amount),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{input:?} is not a number of {unit}: use a number greater than 0 and at most {max}, with at most two decimal places (such as {example})"
)]
pub struct TimeError {
    pub input: String,
    pub unit: &'static str,
    pub max: u32,
    pub example: &'static str,
}

impl TimeSpent {
    pub fn parse_hours(text: &str) -> Result<TimeSpent, TimeError> {
        Amount::parse(text).map(TimeSpent::Hours).ok_or(TimeError {
            input: text.to_string(),
            unit: "hours",
            max: MAX_HUNDREDTHS / 100,
            example: "1.5",
        })
    }

    pub fn parse_days(text: &str) -> Result<TimeSpent, TimeError> {
        Amount::parse(text)
            .filter(|a| a.0 <= MAX_DAYS_HUNDREDTHS)
            .map(TimeSpent::Days)
            .ok_or(TimeError {
                input: text.to_string(),
                unit: "days",
                max: MAX_DAYS_HUNDREDTHS / 100,
                example: "0.5",
            })
    }

    /// In days, counting `hours_per_day` hours as a day.
    pub fn days(self, hours_per_day: f64) -> f64 {
        match self {
            TimeSpent::Days(a) => a.as_f64(),
            TimeSpent::Hours(a) => a.as_f64() / hours_per_day,
        }
    }
}

impl fmt::Display for TimeSpent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeSpent::Hours(a) if a.0 == 100 => write!(f, "1 hour"),
            TimeSpent::Hours(a) => write!(f, "{a} hours"),
            TimeSpent::Days(a) if a.0 == 100 => write!(f, "1 day"),
            TimeSpent::Days(a) => write!(f, "{a} days"),
        }
    }
}

/// One activity in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevEntry {
    /// Stable identity, so that edits from two processes address the same entry.
    pub id: Uuid,
    pub date: NaiveDate,
    pub title: String,
    /// Catalogue provider id (CERES: activator, library, external, other).
    pub provider: String,
    pub time: TimeSpent,
    /// Catalogue tag ids ("succeeding in academia" / "in industry"): either, both or none.
    #[serde(default)]
    pub tags: BTreeSet<String>,
    /// Catalogue Concordat principle id, if the member gave one.
    #[serde(default)]
    pub principle: Option<String>,
    /// Notes, links or file paths, one per item, in the order given.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The plan's workshop or session id, when logged from the plan (`dev attended`).
    #[serde(default)]
    pub session: Option<String>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::model::Unknown,
}

impl DevEntry {
    /// " [academia, industry]" for a list line, or nothing when untagged.
    pub fn tags_suffix(&self) -> String {
        if self.tags.is_empty() {
            String::new()
        } else {
            format!(
                " [{}]",
                self.tags.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        }
    }

    pub fn new(
        date: NaiveDate,
        title: impl Into<String>,
        provider: impl Into<String>,
        time: TimeSpent,
    ) -> DevEntry {
        DevEntry {
            id: Uuid::new_v4(),
            date,
            title: title.into(),
            provider: provider.into(),
            time,
            tags: BTreeSet::new(),
            principle: None,
            evidence: Vec::new(),
            session: None,
            extra: Default::default(),
        }
    }
}

/// The log, kept in date order (entries of one day in the order they were logged), which is
/// also how `dev list` numbers them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DevLog {
    pub entries: Vec<DevEntry>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::model::Unknown,
}

impl DevLog {
    pub fn entry(&self, id: Uuid) -> Option<&DevEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Puts `entry` after every entry on or before its date.
    pub fn insert_in_order(&mut self, entry: DevEntry) {
        super::insert_by_date(&mut self.entries, entry, |e| e.date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_amount_reads_as_its_text_would_parse() {
        // The reading that went through the number's text is the oracle.
        let oracle = |v: f64| Amount::parse(&v.to_string());
        let mut values = vec![
            0.0,
            -1.0,
            1e-7,
            0.001,
            0.005,
            1.155,
            1.1500000001,
            1e9,
            f64::NAN,
        ];
        for h in 0..=MAX_HUNDREDTHS + 3 {
            let v = f64::from(h) / 100.0;
            values.extend([v, v + 0.001, v - 1e-12, f64::from(h) * 0.01]);
        }
        for v in values {
            assert_eq!(Amount::from_stored(v), oracle(v), "{v}");
        }
    }

    #[test]
    fn amounts_parse_with_two_decimals_and_refuse_the_rest() {
        assert_eq!(Amount::parse("1.5").unwrap().hundredths(), 150);
        assert_eq!(Amount::parse(".5").unwrap().hundredths(), 50);
        assert_eq!(Amount::parse("3").unwrap().to_string(), "3");
        assert_eq!(Amount::parse("0.25").unwrap().to_string(), "0.25");
        assert_eq!(Amount::parse("2.50").unwrap().to_string(), "2.5");
        for bad in [
            "0", "0.00", "-1", "1.234", "abc", "", ".", "1.2.3", "1e2", "NaN", "1001",
        ] {
            assert!(Amount::parse(bad).is_none(), "{bad}");
        }
        assert!(TimeSpent::parse_days("366").is_ok());
        let e = TimeSpent::parse_days("367").unwrap_err().to_string();
        assert!(e.contains("at most 366"), "{e}");
        let e = TimeSpent::parse_hours("-2").unwrap_err().to_string();
        assert!(e.contains("greater than 0"), "{e}");
    }

    #[test]
    fn time_converts_to_days_at_the_given_hours_per_day() {
        let h = TimeSpent::parse_hours("7.5").unwrap();
        assert_eq!(h.days(7.5), 1.0);
        assert_eq!(TimeSpent::parse_hours("3.75").unwrap().days(7.5), 0.5);
        assert_eq!(TimeSpent::parse_days("0.5").unwrap().days(7.5), 0.5);
        assert_eq!(h.to_string(), "7.5 hours");
        assert_eq!(TimeSpent::parse_days("1").unwrap().to_string(), "1 day");
    }

    #[test]
    fn time_round_trips_through_json_in_the_unit_given() {
        let t = TimeSpent::parse_hours("1.5").unwrap();
        let j = serde_json::to_string(&t).unwrap();
        assert_eq!(j, r#"{"hours":1.5}"#);
        assert_eq!(serde_json::from_str::<TimeSpent>(&j).unwrap(), t);
        assert!(serde_json::from_str::<TimeSpent>(r#"{"days":0}"#).is_err());
        assert!(serde_json::from_str::<TimeSpent>(r#"{"weeks":1}"#).is_err());
    }

    #[test]
    fn entries_are_kept_in_date_order() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let t = TimeSpent::parse_days("1").unwrap();
        let mut log = DevLog::default();
        for (date, title) in [
            ("2026-10-02", "b"),
            ("2026-09-01", "a"),
            ("2026-10-02", "c"),
        ] {
            log.insert_in_order(DevEntry::new(d(date), title, "other", t));
        }
        let titles: Vec<_> = log.entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["a", "b", "c"]);
    }
}
