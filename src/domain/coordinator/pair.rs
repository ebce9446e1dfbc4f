//! Pairing proposals: each mentee with a mentor who shares the checklist areas she ticked,
//! never more than the cap of mentees per mentor (current ones counted), preferring mentors at
//! most two grades above her, honouring "I'd like X" and "not Y".
//!
//! It is a weighted bipartite matching with capacities, solved exactly as a minimum-cost
//! maximum flow (`flow`): source -> each mentee (1) -> each acceptable mentor (1, cost minus
//! the pair's weight) -> sink (the mentor's free places). The result pairs as many mentees as
//! can be paired at all, and among those assignments the one of greatest total weight. A pair
//! is acceptable when they share an area or the mentee asked for that mentor, and the mentee
//! did not rule the mentor out. Weights, largest first:
//!
//! - `PREFERRED` when the mentee asked for the mentor;
//! - `PER_AREA` for each area they share;
//! - `GRADE_OK` unless both grades are known and the mentor is more than two above.
//!
//! Inputs are sorted by name first, so the same files give the same proposal.

use super::flow::Graph;
use super::name_key;
use super::roster::Mentor;
use serde::Serialize;
use std::collections::BTreeSet;

pub const PREFERRED: i64 = 1000;
pub const PER_AREA: i64 = 10;
pub const GRADE_OK: i64 = 5;
/// The scheme's "ideally no more than 2 grades above the mentees".
pub const MAX_GRADES_ABOVE: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentee {
    pub name: String,
    /// Checklist area ids she answered.
    pub areas: BTreeSet<String>,
    pub grade: Option<u32>,
    pub prefer: Vec<String>,
    pub avoid: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub pairs: Vec<Pair>,
    pub unmatched: Vec<Unmatched>,
    pub mentors: Vec<Load>,
    /// Things the coordinator should know: a preference naming nobody in the mentors file.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub mentee: String,
    pub mentor: String,
    /// Area ids they share.
    pub shared: Vec<String>,
    pub preferred: bool,
    /// Mentor's grade minus mentee's, when both are known.
    pub grades_above: Option<i64>,
    pub weight: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unmatched {
    pub mentee: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Load {
    pub mentor: String,
    pub current: u32,
    pub proposed: u32,
    pub cap: u32,
}

/// The weight of pairing `m` with `t`, or `None` if the pair is not acceptable.
pub fn weight(m: &Mentee, t: &Mentor) -> Option<i64> {
    let key = name_key(&t.name);
    if name_key(&m.name) == key || m.avoid.iter().any(|a| name_key(a) == key) {
        return None;
    }
    let preferred = m.prefer.iter().any(|p| name_key(p) == key);
    let shared = t.areas.iter().filter(|a| m.areas.contains(*a)).count() as i64;
    if shared == 0 && !preferred {
        return None;
    }
    let grade_ok = match (m.grade, t.grade) {
        (Some(g), Some(h)) => h <= g + MAX_GRADES_ABOVE,
        _ => true,
    };
    Some(
        if preferred { PREFERRED } else { 0 }
            + PER_AREA * shared
            + if grade_ok { GRADE_OK } else { 0 },
    )
}

/// The optimal proposal for `mentees` and `mentors` under `cap` mentees per mentor.
/// `label` names an area for the reasons.
pub fn propose(
    mentees: &[Mentee],
    mentors: &[Mentor],
    cap: u32,
    label: impl Fn(&str) -> String,
) -> Proposal {
    let mut mentees: Vec<&Mentee> = mentees.iter().collect();
    mentees.sort_by_key(|m| (name_key(&m.name), m.name.clone()));
    let mut mentors: Vec<&Mentor> = mentors.iter().collect();
    mentors.sort_by_key(|m| (name_key(&m.name), m.name.clone()));
    let free = |t: &Mentor| cap.saturating_sub(t.current);

    let (n, k) = (mentees.len(), mentors.len());
    let (s, sink) = (0, n + k + 1);
    let mut g = Graph::new(n + k + 2);
    let mut edges = Vec::new();
    for (i, m) in mentees.iter().enumerate() {
        g.add_edge(s, 1 + i, 1, 0);
        for (j, t) in mentors.iter().enumerate() {
            if let Some(w) = weight(m, t).filter(|_| free(t) > 0) {
                edges.push((i, j, w, g.add_edge(1 + i, 1 + n + j, 1, -w)));
            }
        }
    }
    for (j, t) in mentors.iter().enumerate() {
        g.add_edge(1 + n + j, sink, i64::from(free(t)), 0);
    }
    g.min_cost_max_flow(s, sink);

    let mut taken: Vec<Option<(usize, i64)>> = vec![None; n];
    let mut proposed = vec![0u32; k];
    for &(i, j, w, e) in &edges {
        if g.flow(e) > 0 {
            taken[i] = Some((j, w));
            proposed[j] += 1;
        }
    }
    let mut pairs = Vec::new();
    let mut unmatched = Vec::new();
    for (i, m) in mentees.iter().enumerate() {
        match taken[i] {
            Some((j, w)) => pairs.push(pair(m, mentors[j], w, &label)),
            None => unmatched.push(Unmatched {
                mentee: m.name.clone(),
                reason: why_unmatched(m, &mentors, cap, &label),
            }),
        }
    }
    let mut notes = Vec::new();
    for m in &mentees {
        for p in m.prefer.iter().chain(&m.avoid) {
            if !mentors.iter().any(|t| name_key(&t.name) == name_key(p)) {
                notes.push(format!(
                    "{} names {p:?}, who is not in the mentors file",
                    m.name
                ));
            }
        }
    }
    Proposal {
        pairs,
        unmatched,
        mentors: mentors
            .iter()
            .zip(proposed)
            .map(|(t, p)| Load {
                mentor: t.name.clone(),
                current: t.current,
                proposed: p,
                cap,
            })
            .collect(),
        notes,
    }
}

fn shared_areas(m: &Mentee, t: &Mentor) -> Vec<String> {
    t.areas
        .iter()
        .filter(|a| m.areas.contains(*a))
        .cloned()
        .collect()
}

fn pair(m: &Mentee, t: &Mentor, w: i64, label: &impl Fn(&str) -> String) -> Pair {
    let shared = shared_areas(m, t);
    let preferred = m.prefer.iter().any(|p| name_key(p) == name_key(&t.name));
    let grades_above = match (m.grade, t.grade) {
        (Some(g), Some(h)) => Some(i64::from(h) - i64::from(g)),
        _ => None,
    };
    let mut reason = if shared.is_empty() {
        "no shared area".to_string()
    } else {
        let names: Vec<String> = shared.iter().map(|a| label(a)).collect();
        format!("shares {}", names.join(", "))
    };
    if preferred {
        reason.push_str("; the mentee asked for this mentor");
    }
    match grades_above {
        Some(d) if d > i64::from(MAX_GRADES_ABOVE) => reason.push_str(&format!(
            "; {d} grades above (more than {MAX_GRADES_ABOVE}: no closer mentor fits as well)"
        )),
        None => reason.push_str("; grade not known"),
        _ => {}
    }
    Pair {
        mentee: m.name.clone(),
        mentor: t.name.clone(),
        shared,
        preferred,
        grades_above,
        weight: w,
        reason,
    }
}

fn why_unmatched(
    m: &Mentee,
    mentors: &[&Mentor],
    cap: u32,
    label: &impl Fn(&str) -> String,
) -> String {
    if m.areas.is_empty() && m.prefer.is_empty() {
        return "ticked no checklist area and asked for no mentor: nothing to match on".into();
    }
    let acceptable: Vec<&&Mentor> = mentors.iter().filter(|t| weight(m, t).is_some()).collect();
    let avoided: Vec<&str> = mentors
        .iter()
        .filter(|t| m.avoid.iter().any(|a| name_key(a) == name_key(&t.name)))
        .filter(|t| !shared_areas(m, t).is_empty())
        .map(|t| t.name.as_str())
        .collect();
    let mut reason = if acceptable.is_empty() {
        let areas: Vec<String> = m.areas.iter().map(|a| label(a)).collect();
        format!(
            "no mentor's expertise covers {}",
            if areas.is_empty() {
                "any area she ticked".into()
            } else {
                areas.join(", ")
            }
        )
    } else {
        let names: Vec<&str> = acceptable.iter().map(|t| t.name.as_str()).collect();
        let full = acceptable.iter().all(|t| t.current >= cap);
        if full {
            format!(
                "every mentor who fits ({}) already has {cap} mentees",
                names.join(", ")
            )
        } else {
            format!(
                "the places of the mentors who fit ({}) go to mentees who fit them as well or better",
                names.join(", ")
            )
        }
    };
    if !avoided.is_empty() {
        reason.push_str(&format!("; {} left out at her request", avoided.join(", ")));
    }
    reason
}

#[cfg(test)]
mod tests;
