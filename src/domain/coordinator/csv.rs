//! The little CSV the coordinator's files need (RFC 4180: commas, double quotes doubled inside
//! quoted fields, CRLF or LF): rosters and mentors files kept in a spreadsheet, and the CSV
//! reports. Not worth a dependency for this much.

/// A CSV parse error, with the line it is on (counting from 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct CsvError {
    pub line: usize,
    pub problem: String,
}

/// The rows of `text`, each with the line it starts on; blank lines are skipped. A byte-order
/// mark (Excel writes one) is ignored.
pub fn parse(text: &str) -> Result<Vec<(usize, Vec<String>)>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            ',' => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                if !(row.len() == 1 && row[0].trim().is_empty()) {
                    rows.push((start, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                start = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err(CsvError {
            line: start,
            problem: "a quoted field is not closed (a \" is missing)".into(),
        });
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        if !(row.len() == 1 && row[0].trim().is_empty()) {
            rows.push((start, row));
        }
    }
    Ok(rows)
}

/// One CSV line (with its line break) of `fields`, quoting those that need it. A field that a
/// spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so that
/// a name typed by a member cannot run in the coordinator's spreadsheet; control characters
/// and bidi overrides become U+FFFD, so that `cat report.csv` is safe in a terminal.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = crate::domain::text::for_terminal(f.as_ref());
        let f = if f.starts_with(['=', '+', '-', '@']) && f.parse::<f64>().is_err() {
            format!("'{f}")
        } else {
            f.to_string()
        };
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_commas_and_doubled_quotes() {
        let rows = parse("name,email\r\n\"Smith, Jane\",j@x\n\n\"Say \"\"hi\"\"\",\n").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], (2, vec!["Smith, Jane".into(), "j@x".into()]));
        assert_eq!(rows[2], (4, vec!["Say \"hi\"".into(), "".into()]));
    }

    #[test]
    fn unclosed_quote_names_its_line() {
        let e = parse("a\n\"b,c\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn writes_what_it_reads_and_defuses_formulas() {
        let l = line(&["a,b", "=SUM(A1)", "-3", "x\"y", "\u{1b}]52;c;e\u{7}"]);
        assert_eq!(
            l,
            "\"a,b\",'=SUM(A1),-3,\"x\"\"y\",\u{fffd}]52;c;e\u{fffd}\n"
        );
        let back = parse(&l).unwrap();
        assert_eq!(back[0].1[..4], ["a,b", "'=SUM(A1)", "-3", "x\"y"]);
    }
}
