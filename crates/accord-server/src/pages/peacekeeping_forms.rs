//! Peacekeeping's forms, for the officers who may record peacekeeping (the Joint Staff's and
//! the Secretariat's): on the training page a training institution, a course of an
//! institution, an intake of a course with its trainees by member state and a certification of
//! trainees; on the overview a contingent integrated into the Peacekeeping Forces, a unit added
//! to a contingent, and a mandate with the contingents serving under it. Each sends the same
//! command as the API (`/api/v1/peacekeeping/…`) and answers 303 back to the page it came from;
//! a refusal names the field or the rule.

use accord_core::crisis::model::UnitId;
use accord_core::peacekeeping::PeacekeepingCommand as K;
use accord_core::peacekeeping::model::{
    ContingentId, CourseId, InstitutionId, IntakeId, StateCount,
};
use accord_core::secretariat::model::DocumentId;
use accord_core::{Action, CommandPayload, Date, StateCode};
use axum::extract::{Path, State as Extract};
use axum::response::Response;

use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, incomplete};

/// `POST /peacekeeping/institutions`: a training institution, with its name and seat per
/// language, the day it was established and, optionally, the decision establishing it.
pub async fn establish_institution(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RecordPeacekeeping, form)?;
    let authentic = crate::secretariat::authentic(&app)?;
    let name = f.text("name", authentic);
    let seat = f.text("seat", authentic);
    let established = f.parsed("established", Date::parse);
    let decision = optional_document(&mut f);
    f.finish()?;
    let (Some(name), Some(seat), Some(established)) = (name, seat, established) else {
        return Err(incomplete());
    };
    let command = K::EstablishInstitution {
        name,
        seat,
        established,
        decision,
    };
    record(&app, &ctx, command).await?;
    Ok(back("/peacekeeping/training#course-form-heading"))
}

/// `POST /peacekeeping/courses`: a course of an institution, its title per language and how
/// many weeks it lasts.
pub async fn add_course(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RecordPeacekeeping, form)?;
    let authentic = crate::secretariat::authentic(&app)?;
    let institution = f.number::<u64>("institution");
    let title = f.text("title", authentic);
    let weeks = f.number::<u32>("weeks");
    f.finish()?;
    let (Some(institution), Some(title), Some(weeks)) = (institution, title, weeks) else {
        return Err(incomplete());
    };
    let command = K::AddCourse {
        institution: InstitutionId(institution),
        title,
        weeks,
    };
    record(&app, &ctx, command).await?;
    Ok(back("/peacekeeping/training"))
}

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
    let decision = optional_document(&mut f);
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

/// `POST /peacekeeping/contingents/{id}/units`: one of the contributing state's units added
/// to contingent `id`.
pub async fn assign_unit(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RecordPeacekeeping, form)?;
    let unit = f.number::<u64>("unit");
    f.finish()?;
    let Some(unit) = unit else {
        return Err(incomplete());
    };
    let command = K::AssignUnit {
        contingent: ContingentId(id),
        unit: UnitId(unit),
    };
    record(&app, &ctx, command).await?;
    Ok(back(&format!("/peacekeeping#contingent-{id}")))
}

/// `POST /peacekeeping/mandates`: a mandate, its title and authority per language, the
/// resolution it rests on if any, whether it is under UN auspices (`un_auspices` checked), its
/// period (`until` empty for an open end) and its contingents (`contingent`, repeated). It
/// takes the organisation's default classification and no release list, as the API does when
/// they are not given.
pub async fn issue_mandate(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RecordPeacekeeping, form)?;
    let authentic = crate::secretariat::authentic(&app)?;
    let title = f.text("title", authentic);
    let authority = f.text("authority", authentic);
    let resolution = f.get("resolution").map(str::to_owned);
    let un_auspices = f.get("un_auspices").is_some();
    let from = f.parsed("from", Date::parse);
    let until = match f.get("until") {
        None => None,
        Some(_) => f.parsed("until", Date::parse),
    };
    let mut contingents = Vec::new();
    let picked: Vec<String> = f.all("contingent").into_iter().map(str::to_owned).collect();
    for contingent in picked {
        match contingent.parse::<u64>() {
            Ok(id) => contingents.push(ContingentId(id)),
            Err(_) => f.invalid("contingent", "a contingent's number"),
        }
    }
    if contingents.is_empty() {
        f.invalid("contingent", "at least one contingent");
    }
    f.finish()?;
    let (Some(title), Some(authority), Some(from)) = (title, authority, from) else {
        return Err(incomplete());
    };
    let command = K::IssueMandate {
        title,
        authority,
        resolution,
        un_auspices,
        from,
        until,
        contingents,
        classification: None,
        release: Vec::new(),
    };
    record(&app, &ctx, command).await?;
    Ok(back("/peacekeeping#mandates-heading"))
}

/// The optional `decision` field: a document's number, or nothing when left empty.
fn optional_document(f: &mut Fields) -> Option<DocumentId> {
    match f.get("decision") {
        None => None,
        Some(_) => f.number::<u64>("decision").map(DocumentId),
    }
}

async fn record(app: &AppState, ctx: &Ctx, command: K) -> Result<(), AppError> {
    crate::plans::submit(app, ctx, CommandPayload::Peacekeeping(command)).await?;
    Ok(())
}
