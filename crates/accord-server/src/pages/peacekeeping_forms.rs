//! Peacekeeping's forms, for the officers who may record peacekeeping (the Joint Staff's and
//! the Secretariat's): an intake of a course with its trainees by member state, a
//! certification of trainees, and a contingent integrated into the Peacekeeping Forces. Each
//! sends the same command as the API (`/api/v1/peacekeeping/…`) and answers 303 back to the
//! page it came from; a refusal names the field or the rule.

use accord_core::crisis::model::UnitId;
use accord_core::peacekeeping::PeacekeepingCommand as K;
use accord_core::peacekeeping::model::{CourseId, IntakeId, StateCount};
use accord_core::secretariat::model::DocumentId;
use accord_core::{Action, CommandPayload, Date, StateCode};
use axum::extract::State as Extract;
use axum::response::Response;

use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, incomplete};

/// `POST /peacekeeping/intakes`: a course's intake, with a number of trainees per state
/// (`trainees.RU`, …; empty or 0 for none).
pub async fn open_intake(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RecordPeacekeeping, form)?;
    let course = f.number::<u64>("course");
    let starts = f.parsed("starts", Date::parse);
    let ends = f.parsed("ends", Date::parse);
    let given: Vec<(String, String)> = f
        .prefixed("trainees.")
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty() && v.trim() != "0")
        .map(|(k, v)| (k.to_owned(), v.trim().to_owned()))
        .collect();
    let mut trainees = Vec::new();
    for (code, count) in given {
        match (StateCode::parse(&code), count.parse::<u32>()) {
            (Ok(state), Ok(count)) => trainees.push(StateCount { state, count }),
            _ => f.invalid(&format!("trainees.{code}"), "a whole number of trainees"),
        }
    }
    if trainees.is_empty() {
        f.invalid("trainees", "at least one state's trainees");
    }
    f.finish()?;
    let (Some(course), Some(starts), Some(ends)) = (course, starts, ends) else {
        return Err(incomplete());
    };
    let command = K::OpenIntake {
        course: CourseId(course),
        starts,
        ends,
        trainees,
    };
    record(&app, &ctx, command).await?;
    Ok(back("/peacekeeping/training"))
}

/// `POST /peacekeeping/certifications`: trainees of one state certified at the end of an
/// intake.
pub async fn certify(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RecordPeacekeeping, form)?;
    let intake = f.number::<u64>("intake");
    let state = f.parsed("state", StateCode::parse);
    let count = f.number::<u32>("count");
    let on = f.parsed("on", Date::parse);
    f.finish()?;
    let (Some(intake), Some(state), Some(count), Some(on)) = (intake, state, count, on) else {
        return Err(incomplete());
    };
    let command = K::Certify {
        intake: IntakeId(intake),
        trainees: StateCount { state, count },
        on,
    };
    record(&app, &ctx, command).await?;
    Ok(back(&format!("/peacekeeping/training#intake-{intake}")))
}

/// `POST /peacekeeping/contingents`: a contingent of a member state integrated into the
/// Peacekeeping Forces, with the state's units it is made of (`unit`, repeated).
pub async fn form_contingent(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RecordPeacekeeping, form)?;
    let authentic = crate::secretariat::authentic(&app)?;
    let name = f.text("name", authentic);
    let state = f.parsed("state", StateCode::parse);
    let personnel = f.number::<u32>("personnel");
    let integrated_on = f.parsed("integrated_on", Date::parse);
    let decision = match f.get("decision").map(str::trim) {
        None | Some("") => None,
        Some(_) => f.number::<u64>("decision").map(DocumentId),
    };
    let mut units = Vec::new();
    let picked: Vec<String> = f.all("unit").into_iter().map(str::to_owned).collect();
    for unit in picked {
        match unit.parse::<u64>() {
            Ok(id) => units.push(UnitId(id)),
            Err(_) => f.invalid("unit", "a unit's number"),
        }
    }
    f.finish()?;
    let (Some(name), Some(state), Some(personnel), Some(integrated_on)) =
        (name, state, personnel, integrated_on)
    else {
        return Err(incomplete());
    };
    let command = K::FormContingent {
        name,
        state,
        personnel,
        units,
        integrated_on,
        decision,
    };
    record(&app, &ctx, command).await?;
    Ok(back("/peacekeeping#contingents-heading"))
}

async fn record(app: &AppState, ctx: &Ctx, command: K) -> Result<(), AppError> {
    crate::plans::submit(app, ctx, CommandPayload::Peacekeeping(command)).await?;
    Ok(())
}
