use super::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_built_in_obligations_are_the_seed_codes_with_their_principles() {
    let o = Obligations::built_in();
    assert_eq!(o.obligations.len(), 33);
    let (p, h) = o.principle_of("PCDR1").unwrap();
    assert_eq!(
        (p.label.as_str(), h.label.as_str()),
        ("Professional and Career Development", "Researchers")
    );
    assert_eq!(o.principle_of("ECI1").unwrap().0.prefix, "EC");
    assert_eq!(o.principle_of("EI3").unwrap().0.prefix, "E");
    assert!(o.principle_of("XYZ1").is_none());
    assert!(
        o.get("PCDR1")
            .unwrap()
            .text
            .contains("a minimum of 10 days professional development pro rata per year")
    );
}

#[test]
fn an_unknown_code_or_outcome_is_refused_listing_the_accepted_ones() {
    let o = Obligations::built_in();
    assert_eq!(o.code("pcdr2").unwrap(), "PCDR2");
    let e = o.code("PCDR9").unwrap_err().to_string();
    assert!(
        e.starts_with("\"PCDR9\" is not an obligation of this plan; accepted: ECI1, ECI2"),
        "{e}"
    );
    assert_eq!(o.outcome("Carried forward").unwrap(), "carried-forward");
    assert_eq!(o.outcome("no_further_action").unwrap(), "no-further-action");
    let e = o.outcome("done").unwrap_err().to_string();
    assert_eq!(
        e,
        "\"done\" is not an outcome; accepted: ongoing, carried-forward, no-further-action"
    );
}

#[test]
fn another_institutions_file_is_checked() {
    let bad = BUILT_IN.replacen("\"code\": \"ECI2\"", "\"code\": \"ECI1\"", 1);
    assert!(
        Obligations::from_json(&bad)
            .unwrap_err()
            .contains("listed twice")
    );
    let bad = BUILT_IN.replacen("\"code\": \"ECI2\"", "\"code\": \"Q2\"", 1);
    assert!(
        Obligations::from_json(&bad)
            .unwrap_err()
            .contains("\"Q2\" does not start")
    );
}

#[test]
fn deadlines_are_months_in_the_forms_plans_write() {
    let today = day("2026-12-02");
    let aug25 = YearMonth::new(2025, 8);
    assert_eq!(deadline("Aug-25", today).unwrap(), aug25);
    assert_eq!(deadline("2025-08", today).unwrap(), aug25);
    assert_eq!(deadline("08/25", today).unwrap(), aug25);
    assert_eq!(deadline("August 2025", today).unwrap(), aug25);
    assert_eq!(deadline("-", today).unwrap(), None);
    assert!(deadline("Annual review in Sept", today).is_err());
}

#[test]
fn overdue_is_a_past_month_without_a_closing_outcome() {
    let mut plan = ActionPlan::default();
    for (deadline, outcome) in [
        (Some((2026, 11)), None),
        (Some((2026, 11)), Some("ongoing")),
        (Some((2026, 11)), Some("no-further-action")),
        (Some((2026, 12)), None),
        (None, None),
    ] {
        plan.actions.push(Action {
            obligation: "PCDR1".into(),
            deadline: deadline.and_then(|(y, m)| YearMonth::new(y, m)),
            outcome: outcome.map(String::from),
            ..Default::default()
        });
    }
    let numbers: Vec<usize> = plan
        .overdue(day("2026-12-02"))
        .iter()
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(numbers, [1, 2]);
}

#[test]
fn the_report_groups_by_principle_in_the_catalogues_order() {
    let o = Obligations::built_in();
    let mut plan = ActionPlan::default();
    for code in ["PCDR2", "EI2", "PCDR1", "ECI1"] {
        plan.actions.push(Action {
            obligation: code.into(),
            ..Default::default()
        });
    }
    let groups = by_principle(&plan, &o);
    let shape: Vec<(&str, Vec<&str>)> = groups
        .iter()
        .map(|(p, a)| {
            (
                p.as_str(),
                a.iter().map(|(_, a)| a.obligation.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("Environment and Culture", vec!["ECI1"]),
            ("Employment", vec!["EI2"]),
            (
                "Professional and Career Development",
                vec!["PCDR1", "PCDR2"]
            ),
        ]
    );
    let c = cells(
        &Action {
            obligation: "PCDR1".into(),
            carried_over: Some(true),
            deadline: YearMonth::new(2025, 8),
            outcome: Some("carried-forward".into()),
            progress: vec![Progress {
                date: day("2026-01-10"),
                text: "Workshops run".into(),
            }],
            ..Default::default()
        },
        &o,
    );
    assert_eq!(c[3], "Yes");
    assert_eq!(c[4], "Aug-25");
    assert_eq!(c[8], "2026-01-10: Workshops run");
    assert_eq!(c[10], "Carried forward");
}
