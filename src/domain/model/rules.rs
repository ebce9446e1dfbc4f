//! The rules a record obeys however it arrives: typed in the TUI, given on the command line,
//! imported from another machine, or read from a file someone edited by hand. Operations,
//! imports, catalogues and the reading of every data file all call these same functions, so
//! that no path lets in what another refuses (an agreement with no mentor, a meeting of four
//! billion minutes that wraps the year's total round to "0 min").

use super::{Agreement, AgreementStatus, Meeting, Record};
use chrono::NaiveDate;
use uuid::Uuid;

/// A meeting lasts at most a day.
pub const MAX_MEETING_MINUTES: u32 = 24 * 60;
/// A catalogue's yearly minimum of mentoring: a working year has about 1,650 hours; a scheme
/// asking for more than a quarter of them is a typing mistake.
pub const MAX_MENTORING_HOURS_PER_YEAR: u32 = 400;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error(
        "the meeting of {date} lasted {minutes} minutes: a meeting lasts 0 to {MAX_MEETING_MINUTES} minutes (24 hours)"
    )]
    MeetingLength { date: NaiveDate, minutes: u32 },
    #[error("an agreement needs the mentor's name")]
    EmptyMentor,
    #[error(
        "the agreement with {mentor} has meetings of {minutes} minutes: a meeting lasts 1 to {MAX_MEETING_MINUTES} minutes (24 hours)"
    )]
    AgreementLength { mentor: String, minutes: u32 },
    #[error("an ended agreement needs its end date (the agreement with {mentor})")]
    NoEndDate { mentor: String },
    #[error(
        "the {stage} questionnaire of {date} is about agreement {agreement}, which does not exist: a questionnaire names an agreement in agreements.json, or none"
    )]
    NoSuchAgreement {
        stage: &'static str,
        date: NaiveDate,
        agreement: Uuid,
    },
    #[error(
        "minimum_mentoring_hours is {0}: it is 0 to {MAX_MENTORING_HOURS_PER_YEAR} hours per academic year"
    )]
    MentoringHours(u32),
    #[error("{date} is in the future: {what} once it has taken place (today is {today})")]
    Future {
        date: NaiveDate,
        today: NaiveDate,
        what: &'static str,
    },
    #[error(
        "the mentee {name:?} has the directory name {id:?}: a directory name is letters, digits, `-` and `_`, not starting with `-`"
    )]
    DirectoryName { name: String, id: String },
}

pub fn meeting(m: &Meeting) -> Result<(), Invalid> {
    if m.minutes > MAX_MEETING_MINUTES {
        return Err(Invalid::MeetingLength {
            date: m.date,
            minutes: m.minutes,
        });
    }
    Ok(())
}

pub fn agreement(a: &Agreement) -> Result<(), Invalid> {
    if a.mentor.trim().is_empty() {
        return Err(Invalid::EmptyMentor);
    }
    if let Some(minutes) = a.length_minutes
        && !(1..=MAX_MEETING_MINUTES).contains(&minutes)
    {
        return Err(Invalid::AgreementLength {
            mentor: a.mentor.clone(),
            minutes,
        });
    }
    if a.status == AgreementStatus::Ended && a.end_date.is_none() {
        return Err(Invalid::NoEndDate {
            mentor: a.mentor.clone(),
        });
    }
    Ok(())
}

/// A questionnaire's agreement must exist in the same record.
pub fn questionnaire(r: &Record, q: &super::Questionnaire) -> Result<(), Invalid> {
    match q.agreement {
        Some(id) if r.agreements.get(id).is_none() => Err(Invalid::NoSuchAgreement {
            stage: q.stage.id(),
            date: q.date,
            agreement: id,
        }),
        _ => Ok(()),
    }
}

/// Meetings and development are recorded once they have happened: a future one would count
/// toward this year's hours or days before it took place.
pub fn in_past(date: NaiveDate, today: NaiveDate, what: &'static str) -> Result<(), Invalid> {
    if date > today {
        return Err(Invalid::Future { date, today, what });
    }
    Ok(())
}

pub fn mentoring_hours(hours: u32) -> Result<(), Invalid> {
    if hours > MAX_MENTORING_HOURS_PER_YEAR {
        return Err(Invalid::MentoringHours(hours));
    }
    Ok(())
}

/// A name used as one directory under the data directory: never a path (`/tmp/x`, `../x`),
/// never hidden, never an option.
pub fn directory_name(name: &str, id: &str) -> Result<(), Invalid> {
    let ok = !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        return Err(Invalid::DirectoryName {
            name: name.to_string(),
            id: id.to_string(),
        });
    }
    Ok(())
}

/// Every rule over the meetings file (each meeting).
pub fn meetings(m: &super::MeetingRecord) -> Result<(), Invalid> {
    m.meetings.iter().try_for_each(meeting)
}

/// Every rule over the agreements file (each agreement).
pub fn agreements(a: &super::AgreementRecord) -> Result<(), Invalid> {
    a.agreements.iter().try_for_each(agreement)
}

/// Every rule over a whole record, its parts and the references between them: what an import
/// must pass and what `check` reports.
pub fn record(r: &Record) -> Vec<Invalid> {
    let parts = [meetings(&r.meetings), agreements(&r.agreements)];
    let refs = r
        .questionnaires
        .questionnaires
        .iter()
        .map(|q| questionnaire(r, q));
    parts
        .into_iter()
        .chain(refs)
        .filter_map(Result::err)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn bounds_are_stated_in_the_error() {
        let m = Meeting::new(d("2026-11-20"), 2_147_483_648);
        let e = meeting(&m).unwrap_err().to_string();
        assert!(e.contains("0 to 1440 minutes"), "{e}");
        assert!(meeting(&Meeting::new(d("2026-11-20"), 1440)).is_ok());
        let mut a = Agreement::new("Joe");
        a.length_minutes = Some(99_999_999);
        assert!(agreement(&a).unwrap_err().to_string().contains("1 to 1440"));
        a.length_minutes = Some(60);
        a.status = AgreementStatus::Ended;
        assert!(matches!(agreement(&a), Err(Invalid::NoEndDate { .. })));
        assert_eq!(agreement(&Agreement::new(" ")), Err(Invalid::EmptyMentor));
        assert!(mentoring_hours(71_582_789).is_err() && mentoring_hours(6).is_ok());
    }

    #[test]
    fn a_directory_name_is_one_plain_component() {
        for bad in [
            "/tmp/x", "../x", "..", ".hidden", "", "-rf", "a/b", "a\0b", "zoë",
        ] {
            assert!(directory_name("n", bad).is_err(), "{bad:?}");
        }
        for good in ["zoe-adams", "li-hua", "mentee-2", "a_b"] {
            assert!(directory_name("n", good).is_ok(), "{good:?}");
        }
    }
}
