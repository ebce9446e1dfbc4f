//! Finding a catalogue entry from what a person typed: its id or its label, in any case, or a
//! prefix of either that names only one entry. An unknown or ambiguous choice lists the
//! candidates, so the next try can be right.

/// What was typed named no entry, or several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChooseError {
    #[error("{input:?} is no {what}; the {what}s are:{}", listing(.candidates))]
    Unknown {
        input: String,
        what: &'static str,
        candidates: Vec<String>,
    },
    #[error("{input:?} could be more than one {what}; give more of it:{}", listing(.candidates))]
    Ambiguous {
        input: String,
        what: &'static str,
        candidates: Vec<String>,
    },
}

fn listing(candidates: &[String]) -> String {
    candidates.iter().map(|c| format!("\n  {c}")).collect()
}

/// The index of the one entry (`(id, label)`) that `input` names: an id or label equal to it
/// (any case, surrounding space ignored), else the only one that starts with it.
pub fn one<'a>(
    entries: impl IntoIterator<Item = (&'a str, &'a str)>,
    input: &str,
    what: &'static str,
) -> Result<usize, ChooseError> {
    let entries: Vec<(&str, &str)> = entries.into_iter().collect();
    let wanted = fold(input);
    let exact: Vec<usize> = matching(&entries, |s| fold(s) == wanted);
    if let [i] = exact.as_slice() {
        return Ok(*i);
    }
    let prefixed = if wanted.is_empty() {
        Vec::new()
    } else {
        matching(&entries, |s| fold(s).starts_with(&wanted))
    };
    let shown = |found: &[usize]| -> Vec<String> {
        found
            .iter()
            .map(|&i| describe(entries[i]))
            .collect::<Vec<_>>()
    };
    match (exact.as_slice(), prefixed.as_slice()) {
        ([], [one]) => Ok(*one),
        ([], []) => Err(ChooseError::Unknown {
            input: input.to_string(),
            what,
            candidates: shown(&(0..entries.len()).collect::<Vec<_>>()),
        }),
        ([], several) | (several, _) => Err(ChooseError::Ambiguous {
            input: input.to_string(),
            what,
            candidates: shown(several),
        }),
    }
}

fn matching(entries: &[(&str, &str)], test: impl Fn(&str) -> bool) -> Vec<usize> {
    (0..entries.len())
        .filter(|&i| test(entries[i].0) || test(entries[i].1))
        .collect()
}

fn describe((id, label): (&str, &str)) -> String {
    if id == label || id.is_empty() {
        label.to_string()
    } else {
        format!("{label} ({id})")
    }
}

/// Case and runs of white space do not matter.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const E: [(&str, &str); 4] = [
        ("activator.pitch-perfect", "Pitch Perfect"),
        ("activator.public-engagement", "Public Engagement Matters"),
        ("library.posters", "Posters and Infographics"),
        ("x", "Pitch"),
    ];

    #[test]
    fn an_id_a_label_or_a_unique_prefix_names_one_entry() {
        assert_eq!(one(E, "pitch perfect", "session"), Ok(0));
        assert_eq!(one(E, "  PITCH   perfect ", "session"), Ok(0));
        assert_eq!(one(E, "library.posters", "session"), Ok(2));
        assert_eq!(one(E, "post", "session"), Ok(2));
        assert_eq!(one(E, "public", "session"), Ok(1));
        // An exact label wins over the longer labels it starts.
        assert_eq!(one(E, "pitch", "session"), Ok(3));
    }

    #[test]
    fn an_unknown_or_ambiguous_choice_lists_the_candidates() {
        let e = one(E, "p", "session").unwrap_err();
        assert!(matches!(e, ChooseError::Ambiguous { .. }), "{e}");
        let text = e.to_string();
        assert!(
            text.contains("Posters and Infographics (library.posters)"),
            "{text}"
        );
        let e = one(E, "nothing", "session").unwrap_err().to_string();
        assert!(
            e.contains("is no session") && e.contains("Pitch Perfect"),
            "{e}"
        );
        assert!(matches!(
            one(E, "", "session"),
            Err(ChooseError::Unknown { .. })
        ));
    }
}
