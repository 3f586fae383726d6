//! Peacekeeping in the API (the organisation's insiders read; the Joint Staff's and the
//! Secretariat's officers record): contingents with their units, mandates with their
//! contingents and the deployments of their units, and the training institutions with their
//! courses, intakes (trainees by state) and certifications.

use std::collections::BTreeMap;

use accord_core::crisis::model::UnitId;
use accord_core::peacekeeping::PeacekeepingCommand as K;
use accord_core::peacekeeping::deployments_under;
use accord_core::peacekeeping::model::{
    ContingentId, CourseId, InstitutionId, IntakeId, StateCount,
};
use accord_core::secretariat::model::DocumentId;
use accord_core::{Action, Classification, CommandPayload, Date, Recipient, StateCode, Text};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::{gate, require};
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::plans::{created, may_see_mandate, submit};
use crate::secretariat::{authentic, text_from};
use crate::viewer::Ctx;

use super::crisis::{TextIn, text_json};
use super::forces::deployment_json;
use super::{check_csrf_header, json_body};

/// Everything recorded about peacekeeping that the reader may see.
#[utoipa::path(get, path = "/api/v1/peacekeeping", tag = "peacekeeping",
    responses((status = 200, body = Object), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem)))]
pub async fn overview(Extract(app): Extract<AppState>, ctx: Ctx) -> Result<Json<Value>, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let state = app.journal.state();
    let records = state.peacekeeping();
    let contingents: Vec<Value> = records
        .contingents()
        .values()
        .map(|c| {
            json!({
                "id": c.id.0, "name": text_json(&c.name), "state": c.state.as_str(),
                "personnel": c.personnel, "units": c.units.iter().map(|u| u.0).collect::<Vec<_>>(),
                "integrated_on": c.integrated_on.to_string(), "decision": c.decision.map(|d| d.0),
            })
        })
        .collect();
    let mandates: Vec<Value> = records.mandates().values().filter(|m| may_see_mandate(&ctx, m)).map(|m| json!({
        "id": m.id.0, "title": text_json(&m.title), "authority": text_json(&m.authority),
        "resolution": m.resolution, "un_auspices": m.un_auspices,
        "from": m.from.to_string(), "until": m.until.map(|d| d.to_string()),
        "contingents": m.contingents.iter().map(|c| c.0).collect::<Vec<_>>(),
        "classification": m.classification.as_str(),
        "deployments": deployments_under(&state, m).into_iter().map(deployment_json).collect::<Vec<_>>(),
    })).collect();
    let institutions: Vec<Value> = records.institutions().values().map(|i| json!({
        "id": i.id.0, "name": text_json(&i.name), "seat": text_json(&i.seat),
        "established": i.established.to_string(), "decision": i.decision.map(|d| d.0),
        "courses": i.courses.iter().filter_map(|c| records.course(*c)).map(|c| json!({
            "id": c.id.0, "title": text_json(&c.title), "weeks": c.weeks,
            "intakes": c.intakes.iter().filter_map(|n| records.intake(*n)).map(|n| json!({
                "id": n.id.0, "starts": n.starts.to_string(), "ends": n.ends.to_string(),
                "trainees": n.trainees.iter().map(|(s, k)| (s.as_str().to_owned(), *k)).collect::<BTreeMap<_, _>>(),
                "certified": n.trainees.keys().map(|s| (s.as_str().to_owned(), n.certified(*s))).collect::<BTreeMap<_, _>>(),
                "certifications": n.certifications.iter().map(|x| json!({
                    "state": x.state.as_str(), "count": x.count, "on": x.on.to_string(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })).collect();
    Ok(Json(json!({
        "contingents": contingents, "mandates": mandates, "institutions": institutions,
    })))
}

async fn record(
    app: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    command: K,
) -> Result<(StatusCode, Json<Value>), AppError> {
    check_csrf_header(ctx, headers)?;
    let receipt = submit(app, ctx, CommandPayload::Peacekeeping(command)).await?;
    let id = created(app, ctx, receipt).await;
    Ok(super::written(receipt, id))
}

/// Texts read from a body, errors gathered.
struct Texts {
    authentic: accord_core::Lang,
    errors: Vec<FieldError>,
}

impl Texts {
    fn new(app: &AppState) -> Result<Self, AppError> {
        Ok(Texts {
            authentic: authentic(app)?,
            errors: Vec::new(),
        })
    }

    fn text(&mut self, field: &str, values: &TextIn) -> Option<Text> {
        text_from(field, values, self.authentic, &mut self.errors)
    }

    fn done(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.errors))
        }
    }
}

fn incomplete() -> AppError {
    AppError::BadRequest("the body is incomplete".into())
}

/// A training institution.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InstitutionIn {
    /// Its name per language.
    #[schema(value_type = Object)]
    name: TextIn,
    /// Where it sits, per language.
    #[schema(value_type = Object)]
    seat: TextIn,
    /// Since when (YYYY-MM-DD).
    #[schema(value_type = String)]
    established: Date,
    /// The decision establishing it (a document's number).
    #[serde(default)]
    decision: Option<u64>,
}

/// Record a training institution (Joint Staff or Secretariat officer).
#[utoipa::path(post, path = "/api/v1/peacekeeping/institutions", tag = "peacekeeping",
    request_body = InstitutionIn, security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn establish(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<InstitutionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RecordPeacekeeping])?;
    let input = json_body(body)?;
    let mut texts = Texts::new(&app)?;
    let name = texts.text("name", &input.name);
    let seat = texts.text("seat", &input.seat);
    texts.done()?;
    let (Some(name), Some(seat)) = (name, seat) else {
        return Err(incomplete());
    };
    let command = K::EstablishInstitution {
        name,
        seat,
        established: input.established,
        decision: input.decision.map(DocumentId),
    };
    record(&app, &ctx, &headers, command).await
}

/// A course.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseIn {
    /// The institution's number.
    institution: u64,
    /// Its title per language.
    #[schema(value_type = Object)]
    title: TextIn,
    /// How many weeks (1 to 104).
    weeks: u32,
}

/// Add a course to an institution (Joint Staff or Secretariat officer).
#[utoipa::path(post, path = "/api/v1/peacekeeping/courses", tag = "peacekeeping",
    request_body = CourseIn, security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn add_course(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<CourseIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RecordPeacekeeping])?;
    let input = json_body(body)?;
    let mut texts = Texts::new(&app)?;
    let title = texts.text("title", &input.title);
    texts.done()?;
    let command = K::AddCourse {
        institution: InstitutionId(input.institution),
        title: title.ok_or_else(incomplete)?,
        weeks: input.weeks,
    };
    record(&app, &ctx, &headers, command).await
}

/// An intake.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntakeIn {
    /// The course's number.
    course: u64,
    /// Its first day.
    #[schema(value_type = String)]
    starts: Date,
    /// Its last day.
    #[schema(value_type = String)]
    ends: Date,
    /// Trainees by member state: `{"RU": 12, "KZ": 8}`.
    #[schema(value_type = Object)]
    trainees: BTreeMap<StateCode, u32>,
}

/// Open an intake of a course with its trainees by state (Joint Staff or Secretariat officer).
#[utoipa::path(post, path = "/api/v1/peacekeeping/intakes", tag = "peacekeeping",
    request_body = IntakeIn, security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn open_intake(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<IntakeIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RecordPeacekeeping])?;
    let input = json_body(body)?;
    let command = K::OpenIntake {
        course: CourseId(input.course),
        starts: input.starts,
        ends: input.ends,
        trainees: input
            .trainees
            .into_iter()
            .map(|(state, count)| StateCount { state, count })
            .collect(),
    };
    record(&app, &ctx, &headers, command).await
}

/// A certification.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificationIn {
    /// The trainees' member state.
    #[schema(value_type = String)]
    state: StateCode,
    /// How many are certified.
    count: u32,
    /// The day (from the intake's last day, not after today).
    #[schema(value_type = String)]
    on: Date,
}

/// Certify trainees of an intake (Joint Staff or Secretariat officer).
#[utoipa::path(post, path = "/api/v1/peacekeeping/intakes/{id}/certifications", tag = "peacekeeping",
    request_body = CertificationIn, params(("id" = u64, Path, description = "The intake's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn certify(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<CertificationIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RecordPeacekeeping])?;
    let input = json_body(body)?;
    let command = K::Certify {
        intake: IntakeId(id),
        trainees: StateCount {
            state: input.state,
            count: input.count,
        },
        on: input.on,
    };
    record(&app, &ctx, &headers, command).await
}

/// A contingent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContingentIn {
    /// Its name per language.
    #[schema(value_type = Object)]
    name: TextIn,
    /// The contributing member state.
    #[schema(value_type = String)]
    state: StateCode,
    /// How many people.
    personnel: u32,
    /// The state's units it is made of (their numbers).
    #[serde(default)]
    units: Vec<u64>,
    /// The day it was integrated into the Peacekeeping Forces.
    #[schema(value_type = String)]
    integrated_on: Date,
    /// The decision integrating it (a document's number).
    #[serde(default)]
    decision: Option<u64>,
}

/// Integrate a contingent into the Peacekeeping Forces (Joint Staff or Secretariat officer).
#[utoipa::path(post, path = "/api/v1/peacekeeping/contingents", tag = "peacekeeping",
    request_body = ContingentIn, security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn form_contingent(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<ContingentIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RecordPeacekeeping])?;
    let input = json_body(body)?;
    let mut texts = Texts::new(&app)?;
    let name = texts.text("name", &input.name);
    texts.done()?;
    let command = K::FormContingent {
        name: name.ok_or_else(incomplete)?,
        state: input.state,
        personnel: input.personnel,
        units: input.units.into_iter().map(UnitId).collect(),
        integrated_on: input.integrated_on,
        decision: input.decision.map(DocumentId),
    };
    record(&app, &ctx, &headers, command).await
}

/// A unit to add to a contingent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitIn {
    /// The unit's number.
    unit: u64,
}

/// Add one of the contributing state's units to a contingent (Joint Staff or Secretariat
/// officer).
#[utoipa::path(post, path = "/api/v1/peacekeeping/contingents/{id}/units", tag = "peacekeeping",
    request_body = UnitIn, params(("id" = u64, Path, description = "The contingent's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn assign_unit(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<UnitIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RecordPeacekeeping])?;
    let input = json_body(body)?;
    let command = K::AssignUnit {
        contingent: ContingentId(id),
        unit: UnitId(input.unit),
    };
    record(&app, &ctx, &headers, command).await
}

/// A mandate.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MandateIn {
    /// Its title per language.
    #[schema(value_type = Object)]
    title: TextIn,
    /// Who gives it, per language.
    #[schema(value_type = Object)]
    authority: TextIn,
    /// The resolution or decision it rests on (`S/RES/…`).
    #[serde(default)]
    resolution: Option<String>,
    /// An operation under the auspices of the United Nations.
    un_auspices: bool,
    /// Its first day.
    #[schema(value_type = String)]
    from: Date,
    /// Its last day (open-ended when absent).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    until: Option<Date>,
    /// The contingents' numbers.
    contingents: Vec<u64>,
    /// public, restricted or confidential (default: the organisation's default).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    classification: Option<Classification>,
    /// Who it is released to beyond its classification.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    release: Vec<Recipient>,
}

/// Record a mandate and the contingents serving under it (Joint Staff or Secretariat officer).
#[utoipa::path(post, path = "/api/v1/peacekeeping/mandates", tag = "peacekeeping",
    request_body = MandateIn, security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn issue_mandate(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<MandateIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RecordPeacekeeping])?;
    let input = json_body(body)?;
    let mut texts = Texts::new(&app)?;
    let title = texts.text("title", &input.title);
    let authority = texts.text("authority", &input.authority);
    texts.done()?;
    let (Some(title), Some(authority)) = (title, authority) else {
        return Err(incomplete());
    };
    let command = K::IssueMandate {
        title,
        authority,
        resolution: input.resolution,
        un_auspices: input.un_auspices,
        from: input.from,
        until: input.until,
        contingents: input.contingents.into_iter().map(ContingentId).collect(),
        classification: input.classification,
        release: input.release,
    };
    record(&app, &ctx, &headers, command).await
}
