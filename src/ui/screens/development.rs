//! The professional-development log (Concordat PCDR1 and PCDR3): the entries grouped by
//! academic year with each year's total against the pro-rata target, and the form of one entry
//! (date, title, provider, time in hours or days, tags, Concordat principle, evidence). The same
//! rules as `mentorplan dev add`: the catalogue's providers, tags and principles, no future dates.

use super::{Committed, Ctx, DevView, Effect, FieldId, text};
use crate::devlog::{self, Progress, year_summary};
use crate::model::{DevEntry, TimeSpent};
use crate::ops::Op;
use crate::text::one_line;
use crate::ui::form::{Commit, Field, Value};

const UNITS: [&str; 2] = ["hours", "days"];

pub fn fields(ctx: &Ctx) -> Vec<Field> {
    match &ctx.more.dev {
        DevView::List => list(ctx),
        DevView::Entry(e) => entry_form(ctx, e),
    }
}

fn list(ctx: &Ctx) -> Vec<Field> {
    let dev = &ctx.catalog.development;
    let progress = Progress::of(ctx.record, ctx.catalog, ctx.today);
    let mut v = vec![
        Field::heading(&dev.title),
        Field::note(dev.intro_text()),
        Field::note(format!("This year: {}", progress.line(ctx.catalog))),
        Field::button(FieldId::AddDev, "Add an entry").help(
            "Enter or a: log an activity · on the Plan screen, a on a workshop marked Yes logs it as attended",
        ),
    ];
    let years = devlog::years(ctx.record, ctx.catalog);
    if years.is_empty() {
        v.push(Field::note(&dev.labels.no_entries));
    }
    for year in years.into_iter().rev() {
        let s = year_summary(ctx.record, ctx.catalog, year);
        v.push(Field::heading(format!(
            "{year}: {}{}",
            s.total_text(ctx.catalog),
            if s.met() {
                format!("; {}", dev.labels.target_met)
            } else {
                String::new()
            }
        )));
        for (n, e) in &s.entries {
            let tags = e.tags_suffix();
            v.push(
                Field::item(
                    FieldId::DevRow(e.id),
                    format!(
                        "{n}. {}  {}  {}  {}{tags}",
                        e.date,
                        devlog::time_text(ctx.catalog, e),
                        provider_label(ctx, &e.provider),
                        one_line(&e.title)
                    ),
                )
                .help("Enter: open · d: delete (asks first) · a: add an entry"),
            );
        }
    }
    v.push(Field::note(
        dev.labels
            .conversion
            .replace("{hours}", &dev.hours_per_day.to_string()),
    ));
    v
}

fn provider_label(ctx: &Ctx, id: &str) -> String {
    ctx.catalog
        .development
        .provider(id)
        .map_or_else(|| one_line(id), |p| p.label.clone())
}

fn entry_form(ctx: &Ctx, e: &DevEntry) -> Vec<Field> {
    let dev = &ctx.catalog.development;
    let l = &dev.labels;
    let heading = match ctx.record.devlog.entries.iter().position(|x| x.id == e.id) {
        Some(i) => format!("Entry {}", i + 1),
        None => "New entry (saved once it has a title)".into(),
    };
    let provider = dev
        .providers
        .iter()
        .position(|p| p.id == e.provider)
        .unwrap_or(0);
    let (amount, unit) = match e.time {
        TimeSpent::Hours(a) => (a, 0),
        TimeSpent::Days(a) => (a, 1),
    };
    let mut principles = vec!["none".to_string()];
    principles.extend(dev.principles.iter().map(|p| p.label.clone()));
    let principle = e
        .principle
        .as_ref()
        .and_then(|p| dev.principles.iter().position(|x| &x.id == p))
        .map_or(0, |i| i + 1);
    let mut v = vec![
        Field::heading(heading),
        Field::date(FieldId::DevPart("date"), &l.date, Some(e.date))
            .help("When it took place (not in the future): YYYY-MM-DD, today, -1w ..."),
        Field::line(FieldId::DevPart("title"), "Title", &e.title)
            .help("What the activity was, e.g. BERA conference"),
        Field::choice(
            FieldId::DevPart("provider"),
            &l.provider,
            dev.providers.iter().map(|p| p.label.clone()).collect(),
            provider,
        )
        .help("Who provided it: Space or ←/→ for another"),
        Field::number(FieldId::DevPart("amount"), &l.time, amount.to_string()).help(format!(
            "How long, in the unit below (more than 0, two decimals at most); {}",
            l.conversion
                .replace("{hours}", &dev.hours_per_day.to_string())
        )),
        Field::choice(
            FieldId::DevPart("unit"),
            "Unit",
            UNITS.iter().map(ToString::to_string).collect(),
            unit,
        )
        .help("Hours or days: Space or ←/→"),
        Field::heading(&l.tags),
    ];
    for t in &dev.tags {
        v.push(
            Field::checkbox(
                FieldId::DevTag(t.id.clone()),
                &t.label,
                e.tags.contains(&t.id),
            )
            .help("Space: tag or untag (either, both or none)"),
        );
    }
    v.push(
        Field::choice(
            FieldId::DevPart("principle"),
            &l.principle,
            principles,
            principle,
        )
        .help("The Concordat principle it serves, if any: Space or ←/→"),
    );
    v.push(
        Field::text_area(
            FieldId::DevPart("evidence"),
            &l.evidence,
            &e.evidence.join("\n"),
            "[Notes, links or file paths, one per line]",
        )
        .help("The portfolio of evidence: one note, link or file path per line"),
    );
    if let Some(s) = &e.session {
        v.push(Field::note(format!("{}: {s}", l.session)));
    }
    v
}

/// A new entry, dated today, one day long until changed.
pub fn new_entry(ctx: &Ctx) -> DevEntry {
    let provider = ctx
        .catalog
        .development
        .providers
        .iter()
        .find(|p| p.grid.is_none())
        .or(ctx.catalog.development.providers.first())
        .map_or(String::new(), |p| p.id.clone());
    let time = TimeSpent::parse_days("1").expect("valid");
    DevEntry::new(ctx.today, "", provider, time)
}

pub fn commit(ctx: &Ctx, c: Commit) -> Committed {
    match (&c.id, &ctx.more.dev) {
        (FieldId::AddDev, _) => Ok(vec![Effect::Dev(DevView::Entry(new_entry(ctx)))]),
        (FieldId::DevRow(id), _) => Ok(ctx
            .record
            .devlog
            .entry(*id)
            .map(|e| vec![Effect::Dev(DevView::Entry(e.clone()))])
            .unwrap_or_default()),
        (FieldId::DevPart(_) | FieldId::DevTag(_), DevView::Entry(e)) => commit_entry(ctx, e, &c),
        _ => Ok(vec![]),
    }
}

fn commit_entry(ctx: &Ctx, e: &DevEntry, c: &Commit) -> Committed {
    let dev = &ctx.catalog.development;
    let mut e = e.clone();
    match (&c.id, &c.value) {
        (FieldId::DevPart("date"), Value::Date(Some(d))) => {
            crate::model::rules::in_past(*d, ctx.today, "log development")
                .map_err(|e| e.to_string())?;
            e.date = *d;
        }
        (FieldId::DevPart("date"), Value::Date(None)) => {
            return Err("an entry needs its date".into());
        }
        (FieldId::DevPart("title"), _) => e.title = text(c).trim().to_string(),
        (FieldId::DevPart("provider"), Value::Choice(i)) => {
            e.provider = dev.providers[*i % dev.providers.len()].id.clone();
        }
        (FieldId::DevPart("amount"), _) => {
            e.time = parse_time(&text(c), matches!(e.time, TimeSpent::Days(_)))?;
        }
        (FieldId::DevPart("unit"), Value::Choice(i)) => {
            let amount = match e.time {
                TimeSpent::Hours(a) | TimeSpent::Days(a) => a.to_string(),
            };
            e.time = parse_time(&amount, *i == 1)?;
        }
        (FieldId::DevPart("principle"), Value::Choice(i)) => {
            e.principle = i
                .checked_sub(1)
                .and_then(|i| dev.principles.get(i))
                .map(|p| p.id.clone());
        }
        (FieldId::DevPart("evidence"), _) => e.evidence = super::items(c),
        (FieldId::DevTag(t), Value::Bool(on)) => super::set_tag(&mut e.tags, t, *on),
        _ => return Ok(vec![]),
    }
    let exists = ctx.record.devlog.entry(e.id).is_some();
    let incomplete = e.title.is_empty().then_some((
        c.id == FieldId::DevPart("title"),
        "an entry needs a title: say what the activity was",
    ));
    let view = Effect::Dev(DevView::Entry(e.clone()));
    super::keep_or_save(view, exists, incomplete, |exists| {
        if exists {
            Op::UpdateDevEntry(e)
        } else {
            Op::AddDevEntry(e)
        }
    })
}

fn parse_time(amount: &str, days: bool) -> Result<TimeSpent, String> {
    if days {
        TimeSpent::parse_days(amount)
    } else {
        TimeSpent::parse_hours(amount)
    }
    .map_err(|e| e.to_string())
}
