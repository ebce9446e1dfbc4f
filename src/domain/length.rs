//! The length of a meeting as people write it: `45`, `45m`, `45 min`, `90 minutes`, `1h`,
//! `1h30`, `1h 30m`, `1.5h`, `1 hour`. One parser for every length the program reads (a
//! meeting's, the one the live meeting asks for at its end, an agreement's agreed length, the
//! command line's `--minutes` and `--length`), so that what one place takes, all take.

/// The longest length: a slip of the keyboard (`600h`) is caught.
pub const MAX_MINUTES: u32 = 24 * 60;

const ACCEPTED: &str = "give minutes (45, 45m, 45 min, 90 minutes) or hours (1h, 1.5h, 1h30, 1h 30m), more than 0 and at most 24 h";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LengthError {
    #[error("{0:?} is not a length: {ACCEPTED}")]
    Unreadable(String),
    #[error("{0:?} is no time at all: {ACCEPTED}")]
    Zero(String),
    #[error("{0:?} is more than 24 hours: {ACCEPTED}")]
    TooLong(String),
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Hours,
    Minutes,
}

/// Minutes from a length as typed; refuses zero, more than 24 hours, and anything else, saying
/// what is accepted.
pub fn parse_minutes(text: &str) -> Result<u32, LengthError> {
    let unreadable = || LengthError::Unreadable(text.to_string());
    let parts = tokens(text).ok_or_else(unreadable)?;
    let minutes = match parts.as_slice() {
        [(n, None | Some(Unit::Minutes))] if n.fract() == 0.0 => *n,
        [(h, Some(Unit::Hours))] => h * 60.0,
        [(h, Some(Unit::Hours)), (m, None | Some(Unit::Minutes))]
            if h.fract() == 0.0 && m.fract() == 0.0 && *m < 60.0 =>
        {
            h * 60.0 + m
        }
        _ => return Err(unreadable()),
    };
    let minutes = minutes.round();
    if minutes < 1.0 {
        Err(LengthError::Zero(text.to_string()))
    } else if minutes > f64::from(MAX_MINUTES) {
        Err(LengthError::TooLong(text.to_string()))
    } else {
        Ok(minutes as u32)
    }
}

/// "1h 30m" -> [(1, hours), (30, minutes)]: numbers, each with the unit after it, if any.
fn tokens(text: &str) -> Option<Vec<(f64, Option<Unit>)>> {
    let lower = text.trim().to_lowercase();
    let mut rest = lower.as_str();
    let mut out = Vec::new();
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..digits].parse().ok()?;
        rest = rest[digits..].trim_start();
        let letters = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let unit = match &rest[..letters] {
            "" => None,
            "h" | "hr" | "hrs" | "hour" | "hours" => Some(Unit::Hours),
            "m" | "min" | "mins" | "minute" | "minutes" => Some(Unit::Minutes),
            _ => return None,
        };
        rest = rest[letters..].trim_start();
        out.push((number, unit));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::format_minutes;

    #[test]
    fn minutes_and_hours_in_the_ways_people_write_them() {
        for (text, minutes) in [
            ("45", 45),
            ("45m", 45),
            ("45 min", 45),
            ("45 mins", 45),
            ("90 minutes", 90),
            ("1h", 60),
            ("1 hour", 60),
            ("2 hours", 120),
            ("1h30", 90),
            ("1h 30m", 90),
            ("1 h 30 min", 90),
            ("1.5h", 90),
            ("0.75 h", 45),
            (" 1H30M ", 90),
            ("24h", 1440),
        ] {
            assert_eq!(parse_minutes(text), Ok(minutes), "{text}");
        }
    }

    #[test]
    fn what_is_shown_is_read_back() {
        for m in [1, 45, 60, 61, 90, 1439, 1440] {
            assert_eq!(parse_minutes(&format_minutes(m)), Ok(m), "{m}");
        }
    }

    #[test]
    fn refusals_say_what_is_accepted() {
        for bad in [
            "", "an hour", "-5", "1.5", "45.5m", "1h90", "1.5h30", "h", "1:30", "5 days", "1..5h",
            "30m 1h",
        ] {
            let e = parse_minutes(bad).unwrap_err();
            assert_eq!(e, LengthError::Unreadable(bad.into()), "{bad}");
            assert!(e.to_string().contains("45 min") && e.to_string().contains("1h30"));
        }
        for zero in ["0", "0h", "0 min", "0.001h"] {
            assert_eq!(parse_minutes(zero), Err(LengthError::Zero(zero.into())));
        }
        for long in ["1441", "25h", "24h 1m", "100000000000000000000"] {
            let e = parse_minutes(long).unwrap_err();
            assert_eq!(e, LengthError::TooLong(long.into()));
            assert!(e.to_string().contains("at most 24 h"), "{e}");
        }
    }
}
