//! The coordinator's lists, kept as CSV so that they can live in a spreadsheet: the roster of
//! members expected to submit (`name[,email]`) and the mentors file (`name,grade,areas,current
//! mentees[,avoid]`). A header row is recognised by its first cell, `name`.

use super::csv::{self, CsvError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentor {
    pub name: String,
    pub grade: Option<u32>,
    /// Checklist area ids the mentor can help with.
    pub areas: Vec<String>,
    /// Mentees the mentor has now (counted against the cap of four).
    pub current: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error("{0}")]
    Csv(#[from] CsvError),
    #[error("line {line}: {problem}")]
    Row { line: usize, problem: String },
}

fn data_rows(text: &str) -> Result<Vec<(usize, Vec<String>)>, CsvError> {
    let mut rows = csv::parse(text)?;
    if rows.first().is_some_and(|(_, r)| {
        r.first()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("name"))
    }) {
        rows.remove(0);
    }
    Ok(rows)
}

fn grade(cell: &str, line: usize) -> Result<Option<u32>, ListError> {
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse::<u32>().map(Some).map_err(|_| ListError::Row {
        line,
        problem: format!(
            "grade {cell:?} is not a whole number (the institution's grade, such as 8)"
        ),
    })
}

/// The roster: one member a row, `name` and optionally `email`.
pub fn members(text: &str) -> Result<Vec<Member>, ListError> {
    let mut out = Vec::new();
    for (line, row) in data_rows(text)? {
        let name = row[0].trim();
        if name.is_empty() {
            return Err(ListError::Row {
                line,
                problem: "the name (first column) is empty".into(),
            });
        }
        let email = row
            .get(1)
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .map(str::to_string);
        out.push(Member {
            name: name.to_string(),
            email,
        });
    }
    Ok(out)
}

/// The mentors file. `areas` is a `;`-separated list of checklist areas, each an id (`journal`)
/// or a label (`Income generation`) as `resolve_area` accepts; `current mentees` is a number
/// or a `;`-separated list of names (counted).
pub fn mentors(
    text: &str,
    resolve_area: impl Fn(&str) -> Option<String>,
) -> Result<Vec<Mentor>, ListError> {
    let mut out: Vec<Mentor> = Vec::new();
    for (line, row) in data_rows(text)? {
        let cell = |i: usize| row.get(i).map(|c| c.trim()).unwrap_or("");
        let bad = |problem: String| ListError::Row { line, problem };
        let name = cell(0);
        if name.is_empty() {
            return Err(bad("the name (first column) is empty".into()));
        }
        if out
            .iter()
            .any(|m| super::name_key(&m.name) == super::name_key(name))
        {
            return Err(bad(format!("{name:?} is listed twice")));
        }
        let grade = grade(cell(1), line)?;
        let mut areas = Vec::new();
        for a in cell(2).split(';').map(str::trim).filter(|a| !a.is_empty()) {
            match resolve_area(a) {
                Some(id) if !areas.contains(&id) => areas.push(id),
                Some(_) => {}
                None => return Err(bad(format!("{a:?} is not a checklist area"))),
            }
        }
        let current = match cell(3) {
            "" => 0,
            c => match c.parse::<u32>() {
                Ok(n) => n,
                Err(_) => c.split(';').filter(|n| !n.trim().is_empty()).count() as u32,
            },
        };
        out.push(Mentor {
            name: name.to_string(),
            grade,
            areas,
            current,
        });
    }
    Ok(out)
}

/// A mentee's wishes for pairing, from the coordinator's file (`name,grade,prefer,avoid`,
/// names separated by `;`): what a mentee said by e-mail rather than in her submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wish {
    pub name: String,
    pub grade: Option<u32>,
    pub prefer: Vec<String>,
    pub avoid: Vec<String>,
}

pub fn wishes(text: &str) -> Result<Vec<Wish>, ListError> {
    let mut out = Vec::new();
    for (line, row) in data_rows(text)? {
        let cell = |i: usize| row.get(i).map(|c| c.trim()).unwrap_or("");
        let names = |i: usize| -> Vec<String> {
            cell(i)
                .split(';')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect()
        };
        if cell(0).is_empty() {
            return Err(ListError::Row {
                line,
                problem: "the name (first column) is empty".into(),
            });
        }
        let grade = grade(cell(1), line)?;
        out.push(Wish {
            name: cell(0).to_string(),
            grade,
            prefer: names(2),
            avoid: names(3),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roster_with_and_without_header_and_email() {
        let m = members("name,email\nJane Smith,j@x.ac.uk\n Zoë Ng \n").unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].email.as_deref(), Some("j@x.ac.uk"));
        assert_eq!(m[1].name, "Zoë Ng");
        assert_eq!(members("Jane\n").unwrap().len(), 1);
    }

    #[test]
    fn mentors_count_current_mentees_as_number_or_names() {
        let resolve = |a: &str| Some(a.to_lowercase());
        let m = mentors(
            "name,grade,areas,current\nA,9,Journal;book,2\nB,,,Ann;Bob;Cy\n",
            resolve,
        )
        .unwrap();
        assert_eq!(m[0].areas, vec!["journal", "book"]);
        assert_eq!((m[0].current, m[0].grade), (2, Some(9)));
        assert_eq!((m[1].current, m[1].grade), (3, None));
    }

    #[test]
    fn mentors_file_errors_name_the_line() {
        let e = mentors("A,nine,,\n", |_| None).unwrap_err();
        assert!(e.to_string().starts_with("line 1: grade \"nine\""), "{e}");
        let e = mentors("A,9,nowhere,\n", |_| None).unwrap_err();
        assert!(e.to_string().contains("not a checklist area"), "{e}");
    }
}
