//! About the member: who they are, their FTE, mentors and membership category.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub name: String,
    pub position: String,
    pub fte: Option<Fte>,
    pub mentors: Vec<String>,
    /// A membership id from the catalogue (for CERES: core, associate, postgraduate, affiliate).
    pub membership: Option<String>,
    pub email: Option<String>,
    /// Keys this release does not know, kept when the object is written back.
    #[serde(flatten)]
    pub extra: crate::domain::model::Unknown,
}

/// Full-time equivalent: greater than 0 and at most 1.0, kept in hundredths so that 0.8 stays
/// 0.8 when written back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fte(u16);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not an FTE: use a number greater than 0 and at most 1.0, such as 1.0, 0.8 or 80%"
)]
pub struct FteError(pub String);

impl Fte {
    pub const FULL: Fte = Fte(100);

    pub fn from_hundredths(h: u16) -> Option<Fte> {
        (1..=100).contains(&h).then_some(Fte(h))
    }

    pub fn hundredths(self) -> u16 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    pub fn parse(text: &str) -> Result<Fte, FteError> {
        let t = text.trim();
        let err = || FteError(text.to_string());
        let (number, scale) = match t.strip_suffix('%') {
            Some(p) => (p.trim(), 1.0),
            None => (t, 100.0),
        };
        let value: f64 = number.parse().map_err(|_| err())?;
        if !value.is_finite() {
            return Err(err());
        }
        let hundredths = (value * scale).round();
        if (value * scale - hundredths).abs() > 1e-6 || !(1.0..=100.0).contains(&hundredths) {
            return Err(err());
        }
        Ok(Fte(hundredths as u16))
    }
}

impl fmt::Display for Fte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        if frac % 10 == 0 {
            write!(f, "{whole}.{}", frac / 10)
        } else {
            write!(f, "{whole}.{frac:02}")
        }
    }
}

impl Serialize for Fte {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Fte {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        Fte::parse(&v.to_string()).map_err(serde::de::Error::custom)
    }
}

/// "Joe Hope, Ann Lee; Sam" -> three names.
pub fn split_names(t: &str) -> Vec<String> {
    t.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn is_plausible_email(t: &str) -> bool {
    match t.split_once('@') {
        Some((user, host)) => {
            !user.is_empty() && host.contains('.') && !t.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fte_accepts_fractions_and_percentages() {
        assert_eq!(Fte::parse("1").unwrap(), Fte::FULL);
        assert_eq!(Fte::parse("0.8").unwrap().to_string(), "0.8");
        assert_eq!(Fte::parse("80%").unwrap().to_string(), "0.8");
        assert_eq!(Fte::parse("0.25").unwrap().to_string(), "0.25");
        assert_eq!(Fte::FULL.to_string(), "1.0");
    }

    #[test]
    fn fte_refuses_zero_above_one_and_noise() {
        for bad in ["0", "1.2", "-0.5", "abc", "", "NaN", "0.333", "inf"] {
            let e = Fte::parse(bad).unwrap_err().to_string();
            assert!(e.contains("at most 1.0"), "{bad}: {e}");
        }
    }

    #[test]
    fn fte_round_trips_through_json() {
        let f = Fte::parse("0.8").unwrap();
        let j = serde_json::to_string(&f).unwrap();
        assert_eq!(j, "0.8");
        assert_eq!(serde_json::from_str::<Fte>(&j).unwrap(), f);
        assert!(serde_json::from_str::<Fte>("1.5").is_err());
    }
}
