use super::*;
use proptest::prelude::*;

fn mentee(name: &str, areas: &[&str], grade: Option<u32>) -> Mentee {
    Mentee {
        name: name.into(),
        areas: areas.iter().map(|a| a.to_string()).collect(),
        grade,
        prefer: vec![],
        avoid: vec![],
    }
}

fn mentor(name: &str, areas: &[&str], grade: Option<u32>, current: u32) -> Mentor {
    Mentor {
        name: name.into(),
        grade,
        areas: areas.iter().map(|a| a.to_string()).collect(),
        current,
    }
}

fn run(mentees: &[Mentee], mentors: &[Mentor]) -> Proposal {
    propose(mentees, mentors, 4, |a| a.to_string())
}

fn paired(p: &Proposal) -> Vec<(&str, &str)> {
    p.pairs
        .iter()
        .map(|x| (x.mentee.as_str(), x.mentor.as_str()))
        .collect()
}

#[test]
fn never_more_than_four_counting_current_mentees() {
    let mentees: Vec<Mentee> = (0..5)
        .map(|i| mentee(&format!("E{i}"), &["journal"], None))
        .collect();
    let mentors = [mentor("A", &["journal"], None, 2)];
    let p = run(&mentees, &mentors);
    assert_eq!(p.pairs.len(), 2);
    assert_eq!(p.mentors[0].proposed, 2);
    assert_eq!(p.unmatched.len(), 3);
    assert!(
        p.unmatched[0]
            .reason
            .contains("go to mentees who fit them as well or better"),
        "{:?}",
        p.unmatched
    );
    let full = run(&mentees[..1], &[mentor("A", &["journal"], None, 4)]);
    assert_eq!(
        full.unmatched[0].reason,
        "every mentor who fits (A) already has 4 mentees"
    );
}

#[test]
fn a_mentor_at_most_two_grades_above_is_preferred() {
    let mentees = [mentee("E", &["journal"], Some(7))];
    let mentors = [
        mentor("Far", &["journal"], Some(10), 0),
        mentor("Near", &["journal"], Some(9), 0),
    ];
    assert_eq!(paired(&run(&mentees, &mentors)), [("E", "Near")]);
    // ... but sharing more areas outweighs the grade.
    let mentees = [mentee("E", &["journal", "book"], Some(7))];
    let mentors = [
        mentor("Far", &["journal", "book"], Some(10), 0),
        mentor("Near", &["journal"], Some(9), 0),
    ];
    let p = run(&mentees, &mentors);
    assert_eq!(paired(&p), [("E", "Far")]);
    assert!(
        p.pairs[0].reason.contains("3 grades above"),
        "{}",
        p.pairs[0].reason
    );
}

#[test]
fn preferences_are_honoured_and_a_ruled_out_mentor_never_proposed() {
    let mut e = mentee("E", &["journal", "book"], None);
    e.prefer = vec!["slim".into()];
    let mentors = [
        mentor("Best", &["journal", "book"], None, 0),
        mentor("Slim", &[], None, 0),
    ];
    let p = run(std::slice::from_ref(&e), &mentors);
    assert_eq!(paired(&p), [("E", "Slim")]);
    assert!(p.pairs[0].reason.contains("asked for this mentor"));

    let mut e = mentee("E", &["journal"], None);
    e.avoid = vec!["BEST".into()];
    let p = run(&[e], &mentors[..1]);
    assert!(p.pairs.is_empty());
    assert_eq!(
        p.unmatched[0].reason,
        "no mentor's expertise covers journal; Best left out at her request"
    );
}

#[test]
fn pairing_more_mentees_comes_before_a_better_pair() {
    // X fits A best, but Y fits only A: X goes to B so that both are paired.
    let mentees = [
        mentee("X", &["journal", "book"], None),
        mentee("Y", &["journal"], None),
    ];
    let mentors = [
        mentor("A", &["journal", "book"], None, 3),
        mentor("B", &["book"], None, 0),
    ];
    assert_eq!(paired(&run(&mentees, &mentors)), [("X", "B"), ("Y", "A")]);
}

#[test]
fn the_same_input_in_another_order_gives_the_same_proposal() {
    let mentees = [
        mentee("X", &["journal"], None),
        mentee("Y", &["journal"], None),
        mentee("Z", &["journal"], None),
    ];
    let mentors = [
        mentor("A", &["journal"], None, 2),
        mentor("B", &["journal"], None, 3),
    ];
    let one = paired(&run(&mentees, &mentors))
        .iter()
        .map(|(a, b)| format!("{a}-{b}"))
        .collect::<Vec<_>>();
    let mut rev_e = mentees.to_vec();
    rev_e.reverse();
    let mut rev_m = mentors.to_vec();
    rev_m.reverse();
    let two = paired(&run(&rev_e, &rev_m))
        .iter()
        .map(|(a, b)| format!("{a}-{b}"))
        .collect::<Vec<_>>();
    assert_eq!(one, two);
}

/// The best (pairs, total weight) over every assignment, tried one by one.
fn brute_force(mentees: &[Mentee], mentors: &[Mentor], cap: u32) -> (usize, i64) {
    fn go(
        i: usize,
        mentees: &[Mentee],
        mentors: &[Mentor],
        free: &mut Vec<u32>,
        acc: (usize, i64),
        best: &mut (usize, i64),
    ) {
        if i == mentees.len() {
            *best = (*best).max(acc);
            return;
        }
        go(i + 1, mentees, mentors, free, acc, best);
        for (j, t) in mentors.iter().enumerate() {
            if free[j] > 0
                && let Some(w) = weight(&mentees[i], t)
            {
                free[j] -= 1;
                go(i + 1, mentees, mentors, free, (acc.0 + 1, acc.1 + w), best);
                free[j] += 1;
            }
        }
    }
    let mut free: Vec<u32> = mentors
        .iter()
        .map(|t| cap.saturating_sub(t.current))
        .collect();
    let mut best = (0, 0);
    go(0, mentees, mentors, &mut free, (0, 0), &mut best);
    best
}

const AREAS: [&str; 4] = ["journal", "book", "income", "conference"];

fn areas() -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(AREAS.to_vec(), 0..=3)
        .prop_map(|v| v.into_iter().map(String::from).collect())
}

fn names(k: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence((0..k).map(|j| format!("M{j}")).collect::<Vec<_>>(), 0..=1)
}

proptest! {
    #[test]
    fn the_flow_finds_the_brute_force_optimum(
        k in 1usize..=3,
        raw_mentees in proptest::collection::vec(
            (areas(), proptest::option::of(5u32..=10), names(3), names(3)), 0..=6),
        raw_mentors in proptest::collection::vec(
            (areas(), proptest::option::of(5u32..=10), 0u32..=4), 3),
    ) {
        let mentors: Vec<Mentor> = raw_mentors[..k]
            .iter()
            .enumerate()
            .map(|(j, (a, g, c))| Mentor {
                name: format!("M{j}"),
                grade: *g,
                areas: a.clone(),
                current: *c,
            })
            .collect();
        let mentees: Vec<Mentee> = raw_mentees
            .iter()
            .enumerate()
            .map(|(i, (a, g, p, v))| Mentee {
                name: format!("E{i}"),
                areas: a.iter().cloned().collect(),
                grade: *g,
                prefer: p.clone(),
                avoid: v.clone(),
            })
            .collect();
        let p = propose(&mentees, &mentors, 4, |a| a.to_string());
        let got = (p.pairs.len(), p.pairs.iter().map(|x| x.weight).sum::<i64>());
        prop_assert_eq!(got, brute_force(&mentees, &mentors, 4));
        for load in &p.mentors {
            prop_assert!(load.proposed <= 4u32.saturating_sub(load.current));
        }
        for x in &p.pairs {
            let m = mentees.iter().find(|m| m.name == x.mentee).unwrap();
            let t = mentors.iter().find(|t| t.name == x.mentor).unwrap();
            prop_assert_eq!(weight(m, t), Some(x.weight));
        }
        prop_assert_eq!(p.pairs.len() + p.unmatched.len(), mentees.len());
    }
}
