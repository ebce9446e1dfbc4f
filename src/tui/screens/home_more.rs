//! Home's lines for issue 5: development days this year against the pro-rata target, the
//! mentoring agreements' review dates (highlighted once within the notice days), and where the
//! impact questionnaires stand; each opens its screen.

use super::{Ctx, FieldId, ScreenId};
use crate::domain::devlog::Progress;
use crate::domain::mentoring::{agreement_reviews, impact_statuses};
use crate::tui::form::Field;

pub fn fields(ctx: &Ctx) -> Vec<Field> {
    let progress = Progress::of(ctx.record, ctx.catalog, ctx.today);
    let mut v = vec![
        Field::heading("Development"),
        Field::item(
            FieldId::Goto(ScreenId::Development),
            format!("Development: {}", progress.line(ctx.catalog)),
        )
        .emphasis(!progress.met() && !progress.on_track())
        .help("Enter: open the development log"),
    ];
    let reviews = agreement_reviews(ctx.record, ctx.catalog, ctx.today);
    let statuses = impact_statuses(ctx.record, ctx.catalog);
    if reviews.is_empty() && statuses.is_empty() {
        return v;
    }
    v.push(Field::heading("Agreements and questionnaires"));
    for r in &reviews {
        v.push(
            Field::item(
                FieldId::Goto(ScreenId::Mentoring),
                format!("Agreement {} {}", r.number, r.line(ctx.catalog)),
            )
            .emphasis(r.review_due)
            .help("Enter: open Mentoring"),
        );
    }
    for s in &statuses {
        v.push(
            Field::item(
                FieldId::Goto(ScreenId::Mentoring),
                format!("Impact: {}", s.line(ctx.catalog)),
            )
            .help("Enter: open Mentoring"),
        );
    }
    v
}
