use super::*;
use crate::catalog::Catalog;
use crate::dates::YearMonth;
use crate::model::{AboutYou, Attend};
use chrono::NaiveDate;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn seed_plan() -> Plan {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jane-smith");
    let record = crate::storage::Store::new(fixture).load().unwrap();
    record.plans[&PlanWindow(2021)].clone()
}

/// What the plan says, as the text can say it: every catalogue row and section, the fields
/// on one line.
fn as_edited(plan: &Plan, c: &Catalog) -> Edited {
    Edited {
        name: Some(field_text(&plan.about.name)),
        position: Some(field_text(&plan.about.position)),
        fte: Some(plan.about.fte),
        mentor: Some(field_text(&plan.about.mentor)),
        sessions: c
            .plan
            .grids
            .iter()
            .flat_map(|g| &g.entries)
            .map(|e| (e.id.clone(), plan.session(&e.id)))
            .collect(),
        sections: c
            .plan
            .sections
            .iter()
            .map(|s| (s.id.clone(), normal_text(plan.section(&s.id))))
            .collect(),
    }
}

#[test]
fn the_seed_example_plan_comes_back_the_same_and_unchanged() {
    let c = Catalog::ceres();
    let plan = seed_plan();
    let text = render(&plan, &c);
    assert!(
        text.lines()
            .any(|l| field_text(l)
                == "| Researcher Support Introductory Workshop | [x] | [ ] | 09/21 |"),
        "{text}"
    );
    assert!(
        text.contains("## Key Targets in Your 2 Year Plan"),
        "{text}"
    );
    assert!(text.contains("**Mentor:** Joe Hope"), "{text}");
    let edited = parse(&text, &c, today()).unwrap();
    assert_eq!(edited, as_edited(&plan, &c));
    assert_eq!(changes(&plan, plan.window, &edited), Vec::<Op>::new());
}

#[test]
fn an_edit_of_every_kind_becomes_its_change() {
    let c = Catalog::ceres();
    let plan = seed_plan();
    let w = plan.window;
    let text: Vec<String> = render(&plan, &c)
        .lines()
        .map(|l| match l {
            "**Position:** Lecturer in Education" => "**Position:** Senior Lecturer".into(),
            "**Fte:** 1.0" => "Fte: 0.8".into(),
            l if l.starts_with("| Pitch Perfect ") => "| pitch perfect | [x] | [ ] | 11/26".into(),
            l if l.starts_with("| Setting up Symplectic ") => {
                "| Setting up Symplectic | [ ] | [x] |  |".into()
            }
            l if l.starts_with("<!-- [Please list any internal and/or external grants") => {
                format!("Applied to the British Academy.\n\n{l}")
            }
            l => l.replace(
                "I am a peer reviewer for the PRISM journal (OJS)",
                "I review for PRISM",
            ),
        })
        .collect();
    let text = text.join("\n");
    let edited = parse(&text, &c, today()).unwrap_or_else(|m| panic!("{m:?}\n{text}"));
    let ops = changes(&plan, w, &edited);
    let mut about = plan.about.clone();
    about.position = "Senior Lecturer".into();
    about.fte = Fte::parse("0.8").ok();
    assert!(ops.contains(&Op::SetAbout { window: w, about }), "{ops:#?}");
    assert!(ops.contains(&Op::SetSession {
        window: w,
        session: "activator.pitch-perfect".into(),
        answer: SessionAnswer {
            attend: Some(Attend::Yes),
            month: YearMonth::new(2026, 11),
        },
    }));
    assert!(ops.contains(&Op::SetSession {
        window: w,
        session: "activator.symplectic".into(),
        answer: SessionAnswer {
            attend: Some(Attend::No),
            month: None,
        },
    }));
    let section = |id: &str| {
        ops.iter().find_map(|op| match op {
            Op::SetSection { section, text, .. } if section == id => Some(text.clone()),
            _ => None,
        })
    };
    assert!(
        section("citizenship")
            .unwrap()
            .starts_with("I review for PRISM")
    );
    // The text typed above the prompt line is the section's text too.
    let grants = section("grants").unwrap();
    assert!(
        grants.starts_with("Applied to the British Academy."),
        "{grants}"
    );
    assert!(grants.contains("British Academy Small Grant"), "{grants}");
    assert_eq!(ops.len(), 5, "{ops:#?}");
}

#[test]
fn mistakes_are_marked_at_their_lines_and_the_marks_are_not_read() {
    let c = Catalog::ceres();
    let plan = seed_plan();
    let text = render(&plan, &c)
        .replace("**Fte:** 1.0", "**Fte:** 2")
        .replace(
            "| Pitch Perfect ",
            "| Pitch Perfect | [x] | [x] | | \n| Unknown talk ",
        )
        .replace("## Grants Targeted", "## Grants targetted and more");
    let mistakes = parse(&text, &c, today()).unwrap_err();
    let messages: Vec<String> = mistakes.iter().map(ToString::to_string).collect();
    assert_eq!(mistakes.len(), 4, "{messages:#?}");
    assert!(messages[0].contains("at most 1.0"), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("both Yes and No")));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("\"Unknown talk\" is no row"))
    );
    assert!(
        messages.iter().any(|m| m.contains("Grants Targeted")),
        "{messages:#?}"
    );
    let marked = mark_mistakes(&text, &mistakes);
    let lines: Vec<&str> = marked.lines().collect();
    let fte = lines
        .iter()
        .position(|l| l.starts_with("**Fte:** 2"))
        .unwrap();
    assert!(lines[fte - 1].starts_with(MARK) && lines[fte - 1].contains("FTE"));
    assert!(lines[0].contains("4 mistake(s)"));
    // Marked again after a second try: the old marks go, the new ones come.
    let again = mark_mistakes(&marked, &mistakes[..1]);
    assert_eq!(again.matches(MARK).count(), 2, "{again}");
    // Put right, the marks are comments and change nothing.
    let fixed = marked
        .replace("**Fte:** 2", "**Fte:** 1.0")
        .replace("| Pitch Perfect | [x] | [x] | | \n", "")
        .replace("| Unknown talk ", "| Pitch Perfect ")
        .replace("## Grants targetted and more", "## Grants Targeted");
    let edited = parse(&fixed, &c, today()).unwrap_or_else(|m| panic!("{m:?}"));
    assert_eq!(changes(&plan, plan.window, &edited), Vec::<Op>::new());
}

#[test]
fn text_that_looks_like_structure_is_escaped_and_left_out_parts_are_unchanged() {
    let c = Catalog::ceres();
    let mut plan = Plan::new(PlanWindow(2026), AboutYou::default());
    let tricky = "## Not a heading\n<!-- not a comment -->\n*[not the prompt]*\n\\server\\share\n# a title?\n| a | table |";
    plan.sections.insert("grants".into(), tricky.into());
    let text = render(&plan, &c);
    assert!(text.contains("\\## Not a heading\n\\<!-- not"), "{text}");
    let edited = parse(&text, &c, today()).unwrap();
    assert_eq!(edited.sections["grants"], tricky);
    // Only About You and one section left: the rest is not touched.
    let short = "## About You\n**Name:** Zoë\n## Grants Targeted\nNew text";
    let edited = parse(short, &c, today()).unwrap();
    let ops = changes(&plan, plan.window, &edited);
    assert_eq!(ops.len(), 2, "{ops:#?}");
    assert_eq!(edited.sessions.len(), 0);
}

fn any_plan() -> impl Strategy<Value = Plan> {
    let c = Catalog::ceres();
    let ids: Vec<String> = c
        .plan
        .grids
        .iter()
        .flat_map(|g| g.entries.iter().map(|e| e.id.clone()))
        .collect();
    let sections: Vec<String> = c.plan.sections.iter().map(|s| s.id.clone()).collect();
    let text = || prop_oneof![any::<String>(), "[a-z #|\\\\*\\[\\]<!->\n\r\t李Zoë]{0,60}",];
    let answer = (
        proptest::option::of(proptest::bool::ANY),
        proptest::option::of((1900i32..3000, 1u32..=12)),
    )
        .prop_map(|(attend, month)| SessionAnswer {
            attend: attend.map(|y| if y { Attend::Yes } else { Attend::No }),
            month: month.and_then(|(y, m)| YearMonth::new(y, m)),
        });
    (
        2000i32..2090,
        (text(), text(), proptest::option::of(1u16..=100), text()),
        proptest::collection::btree_map(proptest::sample::select(ids), answer, 0..8),
        proptest::collection::btree_map(proptest::sample::select(sections), text(), 0..5),
    )
        .prop_map(
            |(start, (name, position, fte, mentor), sessions, sections)| {
                let about = AboutYou {
                    name,
                    position,
                    fte: fte.and_then(Fte::from_hundredths),
                    mentor,
                    extra: Default::default(),
                };
                let mut p = Plan::new(PlanWindow(start), about);
                p.sessions = sessions
                    .into_iter()
                    .filter(|(_, a)| !a.is_empty())
                    .collect();
                p.sections = sections;
                p
            },
        )
}

proptest! {
    #[test]
    fn any_plan_comes_back_the_same_through_its_text(plan in any_plan()) {
        let c = Catalog::ceres();
        let text = render(&plan, &c);
        let edited = parse(&text, &c, today());
        prop_assert!(edited.is_ok(), "{:?}\n{}", edited, text);
        let edited = edited.unwrap();
        prop_assert_eq!(&edited, &as_edited(&plan, &c));
        prop_assert_eq!(changes(&plan, plan.window, &edited), Vec::<Op>::new());
    }
}
