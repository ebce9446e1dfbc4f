//! Mentoring agreements and impact questionnaires (CLES "One Step Beyond"), both confidential:
//! the list of agreements with their review dates (flagged within the catalogue's notice days),
//! the proforma of one agreement with the catalogue's help for every field, the pre- or
//! post-mentoring questionnaire (a 1-5 confidence per checklist area, and notes), and the
//! comparison of confidence before and after, for one agreement or for all mentoring.

use super::{Committed, Ctx, Effect, FieldId, text};
use crate::mentoring::{self, Comparison, Scope, agreement_reviews, format_change, with_mentor};
use crate::model::{Agreement, AgreementStatus, Questionnaire, Rating, Stage};
use crate::ops::Op;
use crate::text::one_line;
use crate::ui::form::{Commit, Field, Value};

/// Which part of the Mentoring screen is shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MentoringView {
    #[default]
    List,
    /// An agreement; a new one lives only here until it has a mentor.
    Agreement(Agreement),
    /// A questionnaire; a new one lives only here until it has a rating or notes.
    Questionnaire(Questionnaire),
    Compare(Scope),
    /// The mentor's reflective log (the mentor's own record only).
    Reflect,
    /// A cycle's question, focus and start; a new one lives only here until it has a question.
    Cycle(crate::model::Cycle),
    /// An entry of the cycle `cycle`; a new one lives only here until it has some text.
    ReflectEntry {
        cycle: uuid::Uuid,
        entry: crate::model::ReflectEntry,
    },
}

impl MentoringView {
    /// A view of the mentor's reflective log.
    pub fn is_reflect(&self) -> bool {
        matches!(
            self,
            MentoringView::Reflect | MentoringView::Cycle(_) | MentoringView::ReflectEntry { .. }
        )
    }
}

pub fn fields(ctx: &Ctx) -> Vec<Field> {
    match &ctx.more.mentoring {
        MentoringView::List => list(ctx),
        MentoringView::Agreement(a) => agreement_form(ctx, a),
        MentoringView::Questionnaire(q) => questionnaire_form(ctx, q),
        MentoringView::Compare(scope) => comparison(ctx, *scope),
        MentoringView::Reflect => super::reflect::log(ctx),
        MentoringView::Cycle(c) => super::reflect::cycle_form(ctx, c),
        MentoringView::ReflectEntry { cycle, entry } => {
            super::reflect::entry_form(ctx, *cycle, entry)
        }
    }
}

fn stage_name<'a>(ctx: &Ctx<'a>, stage: Stage) -> &'a str {
    &ctx.catalog.impact.stage(stage).title
}

fn list(ctx: &Ctx) -> Vec<Field> {
    let ag = &ctx.catalog.agreements;
    let im = &ctx.catalog.impact;
    let r = ctx.record;
    let mut v = vec![
        Field::heading(&ag.title),
        Field::note(&ag.confidential_note),
        Field::heading(format!("Agreements ({})", r.agreements.agreements.len())),
    ];
    let reviews = agreement_reviews(r, ctx.catalog, ctx.today);
    for (i, a) in r.agreements.agreements.iter().enumerate() {
        let review = reviews.iter().find(|x| x.agreement.id == a.id);
        let line = match (a.status, review) {
            (AgreementStatus::Ended, _) => format!(
                "{}. {} · {} {}",
                i + 1,
                with_mentor(ctx.catalog, a),
                ag.ended,
                a.end_date.map(|d| d.to_string()).unwrap_or_default()
            ),
            (_, Some(rv)) => format!("{}. {} · {}", i + 1, ag.active, rv.line(ctx.catalog)),
            _ => format!("{}. {}", i + 1, with_mentor(ctx.catalog, a)),
        };
        v.push(
            Field::item(FieldId::AgreementRow(a.id), line)
                .emphasis(review.is_some_and(|x| x.review_due))
                .help("Enter: open · e: end (or make active again) · c: compare · d: delete"),
        );
    }
    v.push(
        Field::button(FieldId::AddAgreement, "Add an agreement").help("Enter or a: a new proforma"),
    );
    v.push(Field::heading(format!(
        "{} ({})",
        im.questionnaires,
        r.questionnaires.questionnaires.len()
    )));
    for (i, q) in r.questionnaires.questionnaires.iter().enumerate() {
        let about = q
            .agreement
            .and_then(|id| r.agreements.get(id))
            .map_or_else(|| im.any_mentor.clone(), |a| with_mentor(ctx.catalog, a));
        v.push(
            Field::item(
                FieldId::QuestionnaireRow(q.id),
                format!(
                    "{}. {} {} · {about} · {} rated",
                    i + 1,
                    q.date,
                    stage_name(ctx, q.stage),
                    q.ratings.len()
                ),
            )
            .help("Enter: open · d: delete (asks first)"),
        );
    }
    for stage in [Stage::Pre, Stage::Post] {
        v.push(
            Field::button(
                FieldId::AddQuestionnaire(stage),
                &format!("Fill in a {}", ctx.catalog.impact.stage(stage).name),
            )
            .help(ctx.catalog.impact.intro.clone()),
        );
    }
    v.push(Field::heading(&im.comparison_title));
    let mut scopes = mentoring::scopes(r);
    if scopes.is_empty() {
        scopes.push(Scope::Overall);
    }
    for scope in scopes {
        v.push(
            Field::item(
                FieldId::CompareRow(scope_id(scope)),
                scope_title(ctx, scope),
            )
            .help("Enter or c: before, after and the change, area by area"),
        );
    }
    if let Some(mentees) = &ctx.more.mentees {
        // Before the mentees: the name field stays last, so Enter there adds the next one.
        v.extend(super::reflect::open_button(ctx));
        v.extend(mentee_fields(ctx, mentees));
    }
    v
}

/// The mentor's side: each mentee (Enter opens their record) and a name to add one.
fn mentee_fields(ctx: &Ctx, mentees: &[crate::mentees::Mentee]) -> Vec<Field> {
    let active = mentees.iter().filter(|m| m.is_active()).count();
    let mut v = vec![Field::heading(format!(
        "Your mentees ({active} of {}; each has a record of their own)",
        ctx.catalog.max_mentees_per_mentor
    ))];
    for m in mentees {
        let state = match m.ended {
            None => format!("since {}", m.started),
            Some(e) => format!("{} to {e}, ended", m.started),
        };
        v.push(
            Field::item(
                FieldId::MenteeRow(m.id.clone()),
                format!("{} ({state})", one_line(&m.name)),
            )
            .help(
                "Enter: open their record (w: the next record, yours last) · e: end the mentoring",
            ),
        );
    }
    v.push(
        Field::line(FieldId::AddMentee, "Add a mentee", "")
            .placeholder("their name")
            .help(format!(
                "Type a name and Enter; {}",
                ctx.catalog.mentee_cap_rule
            )),
    );
    v
}

fn scope_id(scope: Scope) -> Option<uuid::Uuid> {
    match scope {
        Scope::Overall => None,
        Scope::Agreement(id) => Some(id),
    }
}

fn scope_title(ctx: &Ctx, scope: Scope) -> String {
    match scope {
        Scope::Overall => ctx.catalog.impact.overall.clone(),
        Scope::Agreement(id) => ctx.record.agreements.get(id).map_or_else(
            || ctx.catalog.impact.overall.clone(),
            |a| with_mentor(ctx.catalog, a),
        ),
    }
}

fn agreement_form(ctx: &Ctx, a: &Agreement) -> Vec<Field> {
    let ag = &ctx.catalog.agreements;
    let f = &ag.fields;
    let heading = match ctx.record.agreements.number(a.id) {
        Some(n) => format!("{} {n} {}", ag.agreement, with_mentor(ctx.catalog, a)),
        None => format!(
            "New {} (saved once it has the mentor's name)",
            ag.agreement.to_lowercase()
        ),
    };
    let id = FieldId::AgreementPart;
    let mut v = vec![
        Field::heading(heading),
        Field::note(&ag.intro),
        Field::line(id("mentor"), &f.mentor.label, &a.mentor).help(&f.mentor.help),
        Field::date(id("start"), &f.start.label, a.start).help(&f.start.help),
        Field::line(id("frequency"), &f.frequency.label, &a.frequency).help(&f.frequency.help),
        Field::number(
            id("length"),
            &f.length.label,
            a.length_minutes
                .map(crate::calendar::format_minutes)
                .unwrap_or_default(),
        )
        .help(&f.length.help),
        Field::line(id("venue"), &f.venue.label, &a.venue).help(&f.venue.help),
        Field::text_area(id("contact"), &f.contact.label, &a.contact, "").help(&f.contact.help),
        Field::line(id("duration"), &f.duration.label, &a.duration).help(&f.duration.help),
        Field::date(id("review"), &f.review.label, a.review).help(&f.review.help),
        Field::text_area(id("wind_down"), &f.wind_down.label, &a.wind_down, "")
            .help(&f.wind_down.help),
        Field::choice(
            id("status"),
            &f.status.label,
            vec![ag.active.clone(), ag.ended.clone()],
            usize::from(!a.is_active()),
        )
        .help(&f.status.help),
    ];
    if !a.is_active() {
        v.push(Field::date(id("end_date"), &f.end_date.label, a.end_date).help(&f.end_date.help));
    }
    v
}

fn questionnaire_form(ctx: &Ctx, q: &Questionnaire) -> Vec<Field> {
    let im = &ctx.catalog.impact;
    let stage = im.stage(q.stage);
    let heading = match ctx.record.questionnaires.get(q.id) {
        Some(_) => stage.title.clone(),
        None => format!("{} (saved once it has a rating or notes)", stage.title),
    };
    let agreements = &ctx.record.agreements.agreements;
    let mut options = vec![im.any_mentor.clone()];
    options.extend(agreements.iter().map(|a| with_mentor(ctx.catalog, a)));
    let chosen = q
        .agreement
        .and_then(|id| agreements.iter().position(|a| a.id == id))
        .map_or(0, |i| i + 1);
    let mut scale = vec![im.not_rated.clone()];
    scale.extend(im.scale.iter().map(|p| format!("{} {}", p.value, p.label)));
    let mut v = vec![
        Field::heading(heading),
        Field::note(&im.confidential_note),
        Field::date(FieldId::QuestionnairePart("date"), &im.date, Some(q.date))
            .help("When it was filled in: YYYY-MM-DD, today, -1w ..."),
        Field::choice(
            FieldId::QuestionnairePart("mentor"),
            &im.mentor,
            options,
            chosen,
        )
        .help("The agreement (mentor) it is about: Space or ←/→"),
        Field::heading(&im.rating_question),
    ];
    for area in &ctx.catalog.checklist.areas {
        let value = q
            .ratings
            .get(&area.id)
            .map_or(0, |r| usize::from(r.value()));
        v.push(
            Field::choice(
                FieldId::Rating(area.id.clone()),
                &area.label,
                scale.clone(),
                value,
            )
            .help(format!(
                "{}: Space or ←/→ from 1 ({}) to 5 ({})",
                area.label,
                ctx.catalog.impact.scale_label(1),
                ctx.catalog.impact.scale_label(5)
            )),
        );
    }
    v.push(
        Field::text_area(
            FieldId::QuestionnairePart("notes"),
            &stage.prompt,
            &q.notes,
            "[Your answer]",
        )
        .help(stage.prompt.clone()),
    );
    v
}

/// Confidence before and after, area by area, as `mentorplan questionnaire compare`.
fn comparison(ctx: &Ctx, scope: Scope) -> Vec<Field> {
    let im = &ctx.catalog.impact;
    let c = Comparison::of(ctx.record, ctx.catalog, scope);
    let rule = match scope {
        Scope::Overall => &im.rule_overall,
        Scope::Agreement(_) => &im.rule_mentor,
    };
    let side =
        |q: Option<&Questionnaire>| q.map_or_else(|| im.not_yet.clone(), |q| q.date.to_string());
    let mut v = vec![
        Field::heading(format!(
            "{}: {}",
            im.comparison_title,
            scope_title(ctx, scope)
        )),
        Field::note(rule),
        Field::note(format!(
            "{}: {} · {}: {}",
            im.before,
            side(c.before),
            im.after,
            side(c.after)
        )),
        Field::heading(format!(
            "{:<40} {:>6} {:>6} {:>6}",
            im.area, im.before, im.after, im.change
        )),
    ];
    let rating = |r: Option<Rating>| r.map_or_else(|| "-".to_string(), |r| r.value().to_string());
    for (i, row) in c.rows.iter().enumerate() {
        let label = ctx
            .catalog
            .area(&row.area)
            .map_or_else(|| one_line(&row.area), |a| a.label.clone());
        let label: String = label.chars().take(40).collect();
        v.push(
            Field::item(
                FieldId::ReadOnly(i + 1),
                format!(
                    "{label:<40} {:>6} {:>6} {:>6}",
                    rating(row.before),
                    rating(row.after),
                    row.change().map(format_change).unwrap_or_default()
                ),
            )
            .help("Esc: back to the list · the Export screen writes this comparison (Impact)"),
        );
    }
    if c.rows.is_empty() {
        v.push(
            Field::item(
                FieldId::ReadOnly(1),
                "Nothing rated yet: fill in a questionnaire first.",
            )
            .help("Esc: back to the list"),
        );
    } else {
        v.push(Field::note(c.counts().sentence()));
    }
    v
}

pub fn new_agreement() -> Agreement {
    Agreement::new("")
}

pub fn new_questionnaire(ctx: &Ctx, stage: Stage) -> Questionnaire {
    let mut q = Questionnaire::new(stage, ctx.today);
    // The only active agreement is the one meant.
    let active: Vec<_> = ctx
        .record
        .agreements
        .agreements
        .iter()
        .filter(|a| a.is_active())
        .collect();
    if let [one] = active.as_slice() {
        q.agreement = Some(one.id);
    }
    q
}

pub fn commit(ctx: &Ctx, c: Commit) -> Committed {
    let view = |v| Ok(vec![Effect::Mentoring(v)]);
    match (&c.id, &ctx.more.mentoring) {
        (FieldId::AddAgreement, _) => view(MentoringView::Agreement(new_agreement())),
        (FieldId::AddQuestionnaire(stage), _) => {
            view(MentoringView::Questionnaire(new_questionnaire(ctx, *stage)))
        }
        (FieldId::AgreementRow(id), _) => match ctx.record.agreements.get(*id) {
            Some(a) => view(MentoringView::Agreement(a.clone())),
            None => Ok(vec![]),
        },
        (FieldId::QuestionnaireRow(id), _) => match ctx.record.questionnaires.get(*id) {
            Some(q) => view(MentoringView::Questionnaire(q.clone())),
            None => Ok(vec![]),
        },
        (FieldId::MenteeRow(id), _) => Ok(vec![Effect::OpenRecord(Some(id.clone()))]),
        (FieldId::AddMentee, _) => match text(&c).trim() {
            "" => Ok(vec![]),
            name => Ok(vec![Effect::AddMentee(name.to_string())]),
        },
        (FieldId::CompareRow(id), _) => view(MentoringView::Compare(match id {
            Some(id) => Scope::Agreement(*id),
            None => Scope::Overall,
        })),
        (FieldId::AgreementPart(part), MentoringView::Agreement(a)) => {
            commit_agreement(ctx, a, part, &c)
        }
        (FieldId::QuestionnairePart(_) | FieldId::Rating(_), MentoringView::Questionnaire(q)) => {
            commit_questionnaire(ctx, q, &c)
        }
        _ => super::reflect::commit(ctx, c),
    }
}

fn commit_agreement(ctx: &Ctx, a: &Agreement, part: &str, c: &Commit) -> Committed {
    let mut a = a.clone();
    match (part, &c.value) {
        ("mentor", _) => a.mentor = text(c).trim().to_string(),
        ("start", Value::Date(d)) => a.start = *d,
        ("frequency", _) => a.frequency = text(c).trim().to_string(),
        ("length", _) => {
            let t = text(c);
            a.length_minutes = if t.trim().is_empty() {
                None
            } else {
                Some(crate::length::parse_minutes(&t).map_err(|e| e.to_string())?)
            };
        }
        ("venue", _) => a.venue = text(c).trim().to_string(),
        ("contact", _) => a.contact = text(c),
        ("duration", _) => a.duration = text(c).trim().to_string(),
        ("review", Value::Date(d)) => a.review = *d,
        ("wind_down", _) => a.wind_down = text(c),
        ("status", Value::Choice(i)) => {
            if *i % 2 == 1 {
                a.status = AgreementStatus::Ended;
                a.end_date = a.end_date.or(Some(ctx.today));
            } else {
                a.status = AgreementStatus::Active;
                a.end_date = None;
            }
        }
        ("end_date", Value::Date(Some(d))) => {
            if a.start.is_some_and(|s| *d < s) {
                return Err(format!(
                    "{d} is before the agreement started: give a date on or after it"
                ));
            }
            a.end_date = Some(*d);
        }
        ("end_date", Value::Date(None)) => {
            return Err("an ended agreement needs its end date".into());
        }
        _ => return Ok(vec![]),
    }
    let exists = ctx.record.agreements.get(a.id).is_some();
    let incomplete = a
        .mentor
        .is_empty()
        .then_some((part == "mentor", "an agreement needs the mentor's name"));
    let view = Effect::Mentoring(MentoringView::Agreement(a.clone()));
    super::keep_or_save(view, exists, incomplete, |exists| {
        if exists {
            Op::UpdateAgreement(a)
        } else {
            Op::AddAgreement(a)
        }
    })
}

fn commit_questionnaire(ctx: &Ctx, q: &Questionnaire, c: &Commit) -> Committed {
    let mut q = q.clone();
    match (&c.id, &c.value) {
        (FieldId::QuestionnairePart("date"), Value::Date(Some(d))) => q.date = *d,
        (FieldId::QuestionnairePart("date"), Value::Date(None)) => {
            return Err("a questionnaire needs its date".into());
        }
        (FieldId::QuestionnairePart("mentor"), Value::Choice(i)) => {
            q.agreement = i
                .checked_sub(1)
                .and_then(|i| ctx.record.agreements.agreements.get(i))
                .map(|a| a.id);
        }
        (FieldId::QuestionnairePart("notes"), _) => q.notes = text(c),
        (FieldId::Rating(area), Value::Choice(i)) => match Rating::new(*i as u8) {
            Some(r) => {
                q.ratings.insert(area.clone(), r);
            }
            None => {
                q.ratings.remove(area);
            }
        },
        _ => return Ok(vec![]),
    }
    let exists = ctx.record.questionnaires.get(q.id).is_some();
    let incomplete = q.is_empty().then_some((
        false,
        "a questionnaire needs at least one rating or some text; d deletes it",
    ));
    let view = Effect::Mentoring(MentoringView::Questionnaire(q.clone()));
    super::keep_or_save(view, exists, incomplete, |exists| {
        if exists {
            Op::UpdateQuestionnaire(q)
        } else {
            Op::AddQuestionnaire(q)
        }
    })
}
