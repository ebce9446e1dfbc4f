//! Profile (About You): name, position, FTE, mentors, membership and e-mail.

use super::{Committed, Ctx, Effect, FieldId, text};
use crate::model::{Fte, Profile};
use crate::ops::Op;
use crate::ui::form::{Commit, Field, Value};

pub fn fields(ctx: &Ctx) -> Vec<Field> {
    let p = &ctx.record.profile;
    let mut memberships = vec!["none".to_string()];
    memberships.extend(ctx.catalog.memberships.iter().map(|m| m.label.clone()));
    let chosen = p
        .membership
        .as_deref()
        .and_then(|m| ctx.catalog.memberships.iter().position(|x| x.id == m))
        .map_or(0, |i| i + 1);
    vec![
        Field::heading("About You"),
        Field::line(FieldId::Profile("name"), "Name", &p.name).help("Your name as on the plan"),
        Field::line(FieldId::Profile("position"), "Position", &p.position)
            .help("e.g. Lecturer in Education"),
        Field::number(
            FieldId::Profile("fte"),
            "FTE",
            p.fte.map(|f| f.to_string()).unwrap_or_default(),
        )
        .help("Full-time equivalent: more than 0, at most 1.0 (e.g. 0.8 or 80%)"),
        Field::line(
            FieldId::Profile("mentors"),
            "Mentors",
            &p.mentors.join(", "),
        )
        .help("Your mentor's name; several mentors separated by commas"),
        Field::choice(
            FieldId::Profile("membership"),
            "Membership",
            memberships,
            chosen,
        )
        .help("CERES membership category: Space or ←/→ to change"),
        Field::line(
            FieldId::Profile("email"),
            "E-mail",
            p.email.as_deref().unwrap_or(""),
        ),
        Field::note(
            "A new plan copies these into its own About You; change that one on the Plan screen.",
        ),
    ]
}

pub fn commit(ctx: &Ctx, c: Commit) -> Committed {
    let mut p: Profile = ctx.record.profile.clone();
    let t = text(&c).trim().to_string();
    match c.id {
        FieldId::Profile("name") => p.name = t,
        FieldId::Profile("position") => p.position = t,
        FieldId::Profile("fte") => {
            p.fte = if t.is_empty() {
                None
            } else {
                Some(Fte::parse(&t).map_err(|e| e.to_string())?)
            }
        }
        FieldId::Profile("mentors") => p.mentors = split_names(&t),
        FieldId::Profile("membership") => {
            let Value::Choice(i) = c.value else {
                return Ok(vec![]);
            };
            p.membership = i
                .checked_sub(1)
                .and_then(|i| ctx.catalog.memberships.get(i))
                .map(|m| m.id.clone());
        }
        FieldId::Profile("email") => {
            if !t.is_empty() && !is_plausible_email(&t) {
                return Err(format!(
                    "{t:?} is not an e-mail address: use name@example.ac.uk, or leave it empty"
                ));
            }
            p.email = (!t.is_empty()).then_some(t);
        }
        _ => return Ok(vec![]),
    }
    if p == ctx.record.profile {
        return Ok(vec![]);
    }
    Ok(vec![Effect::Op(Op::SetProfile(p))])
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
