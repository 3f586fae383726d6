//! Plans and strategies, and peacekeeping, as the server shows them: who may see a plan or a
//! mandate (always through `policy::can`), the day a dashboard is for, submitting their
//! commands, the CSV export (`csv.rs`) and the dashboard's chart (`chart.rs`).

pub mod chart;
pub mod csv;

use accord_core::peacekeeping::model::Mandate;
use accord_core::plans::model::Plan;
use accord_core::{CommandPayload, Date, Event, Resource};
use accord_store::Receipt;

use crate::access::may_read;
use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

/// Whether the reader may see a plan: by its classification and release list.
pub fn may_see_plan(ctx: &Ctx, plan: &Plan) -> bool {
    may_read(
        ctx,
        &Resource {
            classification: plan.classification,
            release: &plan.release,
        },
    )
}

/// Whether the reader may see a mandate: by its classification and release list.
pub fn may_see_mandate(ctx: &Ctx, mandate: &Mandate) -> bool {
    may_read(
        ctx,
        &Resource {
            classification: mandate.classification,
            release: &mandate.release,
        },
    )
}

/// Today, in UTC.
pub fn today() -> Result<Date, AppError> {
    Ok(crate::pages::sessions::now()?.date())
}

/// The day a dashboard is for: `on` (`YYYY-MM-DD`) when given, else today.
pub fn day_of(on: Option<&str>) -> Result<Date, AppError> {
    match on.map(str::trim).filter(|v| !v.is_empty()) {
        Some(text) => Date::parse(text).map_err(|e| {
            AppError::Invalid(vec![crate::error::FieldError {
                field: "on".to_owned(),
                message: e.to_string(),
            }])
        }),
        None => today(),
    }
}

/// Submits a command as the reader; a refusal comes back as the rule it broke (the public
/// asked to sign in).
pub async fn submit(
    app: &AppState,
    ctx: &Ctx,
    payload: CommandPayload,
) -> Result<Receipt, AppError> {
    crate::access::submit(app, ctx, payload, Vec::new()).await
}

/// The number of what a plans or peacekeeping command created, read back from its entry.
pub async fn created(app: &AppState, ctx: &Ctx, receipt: Receipt) -> Option<String> {
    if receipt.count == 0 {
        return None;
    }
    let loaded = crate::entries::load(app, ctx, receipt.first.0).await.ok()?;
    let event = Event::from_hashed_body(loaded.envelope.kind(), loaded.body.as_deref()?).ok()?;
    Some(match event {
        Event::PlanCreated(e) => e.plan.to_string(),
        Event::MeasureAdded(e) => e.number.to_string(),
        Event::InstitutionEstablished(e) => e.institution.to_string(),
        Event::CourseAdded(e) => e.course.to_string(),
        Event::IntakeOpened(e) => e.intake.to_string(),
        Event::ContingentFormed(e) => e.contingent.to_string(),
        Event::MandateIssued(e) => e.mandate.to_string(),
        _ => return None,
    })
}
