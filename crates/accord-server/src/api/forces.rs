//! The Crisis Response Centre's API, part two: the collective forces' units (the readiness
//! board), requests for assistance with the ranked matches for each need, deployments through
//! their lifecycle, the duty log, and exchange agreements with partner organisations.

use accord_core::crisis::CrisisCommand as C;
use accord_core::crisis::exchange::{Agreement, AgreementId, Terms};
use accord_core::crisis::model::{
    Capability, Deployment, DeploymentId, DeploymentStatus, GeoPoint, IncidentId, Readiness,
    Request, RequestId, UnitId,
};
use accord_core::crisis::rules;
use accord_core::{Action, Classification, PartnerId, State, StateCode, Timestamp};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::{gate, require};
use crate::app::AppState;
use crate::crisis::timeline::{LogLine, duty_log};
use crate::crisis::{may_see_agreement, may_see_request};
use crate::error::AppError;
use crate::secretariat::{authentic, text_from};
use crate::viewer::Ctx;

use super::alerts::signed_in;
use super::crisis::{TextIn, command, item_json, now, text_json};
use super::json_body;

/// A deployment with its steps and the steps allowed next.
pub fn deployment_json(deployment: &Deployment) -> Value {
    let status = deployment.status();
    json!({
        "id": deployment.id.0,
        "request": deployment.request.0,
        "need": deployment.need,
        "unit": deployment.unit.0,
        "status": status.as_str(),
        "allowed": status.allowed().iter().map(DeploymentStatus::as_str).collect::<Vec<_>>(),
        "steps": deployment.steps.iter().map(|s| json!({
            "status": s.status.as_str(), "by": s.by.to_string(), "at": s.at.to_string(),
        })).collect::<Vec<_>>(),
    })
}

/// A request with what each need still lacks and its deployments.
pub fn request_json(state: &State, request: &Request) -> Value {
    let crisis = state.crisis();
    let deployments = crisis.deployments_of(request);
    json!({
        "id": request.id.0,
        "incident": request.incident.0,
        "state": request.state.as_str(),
        "location": request.location.to_string(),
        "needed_by": request.needed_by.to_string(),
        "requested_at": request.requested_at.to_string(),
        "closed": request.closed,
        "needs": request.needs.iter().enumerate().map(|(i, n)| json!({
            "index": i,
            "capability": serde_json::to_value(n.capability).unwrap_or(Value::Null),
            "quantity": n.quantity,
            "withdrawn": n.withdrawn,
            "outstanding": rules::outstanding(request, i, deployments.iter().copied(), |u| crisis.capacity(u)),
        })).collect::<Vec<_>>(),
        "deployments": deployments.iter().map(|d| deployment_json(d)).collect::<Vec<_>>(),
    })
}

fn visible_request<'s>(ctx: &Ctx, state: &'s State, id: u64) -> Result<&'s Request, AppError> {
    state
        .crisis()
        .request(RequestId(id))
        .filter(|r| may_see_request(ctx, state, r))
        .ok_or(AppError::NotFound)
}

/// The readiness board: every unit of the collective forces with its live deployment, by
/// capability and contributing state (the organisation's insiders).
#[utoipa::path(get, path = "/api/v1/units", tag = "forces",
    responses((status = 200, body = Object), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem)))]
pub async fn list_units(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
) -> Result<Json<Value>, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let state = app.journal.state();
    let crisis = state.crisis();
    let mut units: Vec<_> = crisis.units().values().collect();
    units.sort_by_key(|u| (u.capability, u.state, u.id));
    let units: Vec<Value> = units
        .into_iter()
        .map(|u| {
            let mut view = serde_json::to_value(&**u).unwrap_or(Value::Null);
            view["deployment"] = json!(crisis.live_deployment(u.id).map(|d| d.id.0));
            view
        })
        .collect();
    Ok(Json(json!({ "units": units })))
}

/// A unit to register.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitIn {
    /// The contributing member state.
    #[schema(value_type = String)]
    state: StateCode,
    /// Its name per language.
    #[schema(value_type = Object)]
    name: TextIn,
    /// What it does (field_hospital, biosecurity_laboratory, …).
    #[schema(value_type = String)]
    capability: Capability,
    /// How much (beds for a field hospital).
    capacity: u32,
    /// Days of self-sufficiency.
    self_sufficiency_days: u32,
    /// Hours to deploy.
    deployment_hours: u32,
    /// ready, reduced or not_available.
    #[schema(value_type = String)]
    readiness: Readiness,
    /// Its home base, `"lat,lon"`.
    #[schema(value_type = String)]
    home: GeoPoint,
}

/// Register a unit of the collective forces (Crisis Response Centre or Joint Staff officer).
#[utoipa::path(post, path = "/api/v1/units", tag = "forces", request_body = UnitIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object, description = "`id` is the unit's number"),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn register_unit(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<UnitIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let name = text_from("name", &input.name, authentic(&app)?, &mut errors)
        .ok_or(AppError::Invalid(errors))?;
    let register = C::RegisterUnit {
        state: input.state,
        name,
        capability: input.capability,
        capacity: input.capacity,
        self_sufficiency_days: input.self_sufficiency_days,
        deployment_hours: input.deployment_hours,
        readiness: input.readiness,
        home: input.home,
    };
    command(&app, &ctx, &headers, register).await
}

/// A unit's new readiness.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadinessIn {
    /// ready, reduced or not_available (deployed follows the deployments).
    #[schema(value_type = String)]
    readiness: Readiness,
}

/// Set a unit's readiness (Crisis Response Centre or Joint Staff officer).
#[utoipa::path(post, path = "/api/v1/units/{id}/readiness", tag = "forces", request_body = ReadinessIn,
    params(("id" = u64, Path, description = "The unit's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn set_readiness(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<ReadinessIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis])?;
    let input = json_body(body)?;
    let set = C::SetReadiness {
        unit: UnitId(id),
        readiness: input.readiness,
    };
    command(&app, &ctx, &headers, set).await
}

/// A request for assistance with its needs (what each still lacks) and deployments.
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests",
    params(("id" = u64, Path, description = "The request's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_request(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    let request = visible_request(&ctx, &state, id)?;
    Ok(Json(request_json(&state, request)))
}

/// The units proposed for a need, ranked by readiness, arrival by the needed-by time,
/// great-circle distance and capacity, each with the reasons for its rank (the organisation's
/// insiders).
#[utoipa::path(get, path = "/api/v1/requests/{id}/needs/{need}/matches", tag = "requests",
    params(("id" = u64, Path, description = "The request's number"),
        ("need" = usize, Path, description = "The need's index, from 0")),
    responses((status = 200, body = Object), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn matches(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path((id, need)): Path<(u64, usize)>,
) -> Result<Json<Value>, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let now = now()?;
    let state = app.journal.state();
    let request = visible_request(&ctx, &state, id)?;
    let wanted = request.needs.get(need).ok_or(AppError::NotFound)?;
    let crisis = state.crisis();
    let deployments = crisis.deployments_of(request);
    let outstanding = rules::outstanding(request, need, deployments.iter().copied(), |u| {
        crisis.capacity(u)
    });
    let ranked = rules::rank_units(
        wanted,
        outstanding,
        request.location,
        request.needed_by,
        now,
        crisis.units().values().map(|u| &**u),
    );
    let matches: Vec<Value> = ranked
        .iter()
        .map(|m| {
            let unit = crisis.unit(m.unit);
            json!({
                "unit": m.unit.0,
                "rank": m.rank,
                "available": m.available && crisis.live_deployment(m.unit).is_none(),
                "reasons": serde_json::to_value(&m.reasons).unwrap_or(Value::Null),
                "state": unit.map(|u| u.state.as_str().to_owned()),
                "name": unit.map(|u| text_json(&u.name)),
            })
        })
        .collect();
    Ok(Json(json!({
        "request": id,
        "need": need,
        "capability": serde_json::to_value(wanted.capability).unwrap_or(Value::Null),
        "outstanding": outstanding,
        "matches": matches,
    })))
}

/// The requesting state withdraws one of its needs; the request closes when nothing is
/// outstanding.
#[utoipa::path(post, path = "/api/v1/requests/{id}/needs/{need}/withdraw", tag = "requests",
    params(("id" = u64, Path, description = "The request's number"),
        ("need" = usize, Path, description = "The need's index, from 0")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn withdraw_need(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, need)): Path<(u64, usize)>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::AskForHelp])?;
    let withdraw = C::WithdrawNeed {
        request: RequestId(id),
        need,
    };
    command(&app, &ctx, &headers, withdraw).await
}

/// A unit put against a need.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalIn {
    /// The unit's number.
    unit: u64,
}

/// Put a unit against a need: the Centre asks for it (requested), or its state offers it
/// (offered).
#[utoipa::path(post, path = "/api/v1/requests/{id}/needs/{need}/proposals", tag = "requests",
    request_body = ProposalIn,
    params(("id" = u64, Path, description = "The request's number"),
        ("need" = usize, Path, description = "The need's index, from 0")),
    security(("bearer" = [])),
    responses((status = 201, body = Object, description = "`id` is the deployment's number"),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn propose_unit(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, need)): Path<(u64, usize)>,
    body: Result<Json<ProposalIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis, Action::AskForHelp])?;
    let input = json_body(body)?;
    let propose = C::ProposeUnit {
        request: RequestId(id),
        need,
        unit: UnitId(input.unit),
    };
    command(&app, &ctx, &headers, propose).await
}

/// A deployment's next status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdvanceIn {
    /// offered, accepted, mobilising, en_route, on_site or released.
    #[schema(value_type = String)]
    to: DeploymentStatus,
}

/// Move a deployment on: its state offers the unit; the Centre accepts, mobilises, sends,
/// records arrival and releases. An illegal step is refused naming the allowed ones.
#[utoipa::path(post, path = "/api/v1/deployments/{id}/status", tag = "requests", request_body = AdvanceIn,
    params(("id" = u64, Path, description = "The deployment's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem, description = "`deployment.illegal_transition` names the allowed steps")))]
pub async fn advance_deployment(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<AdvanceIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis, Action::AskForHelp])?;
    let input = json_body(body)?;
    let advance = C::AdvanceDeployment {
        deployment: DeploymentId(id),
        to: input.to,
    };
    command(&app, &ctx, &headers, advance).await
}

/// The duty log: the officers' notes among the Centre's events, in time order (the
/// organisation's insiders; each line only if the reader may see its incident).
#[utoipa::path(get, path = "/api/v1/duty-log", tag = "duty log",
    responses((status = 200, body = Object), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem)))]
pub async fn list_duty_log(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
) -> Result<Json<Value>, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let state = app.journal.state();
    let lines: Vec<Value> = duty_log(&ctx, &state)
        .iter()
        .map(|line| match line {
            LogLine::Event(item) => item_json(item),
            LogLine::Note(note) => json!({
                "at": note.at.to_string(),
                "kind": "note",
                "note": note.number,
                "incident": note.incident.map(|i| i.0),
                "text": text_json(&note.text),
                "by": note.by.to_string(),
            }),
        })
        .collect();
    Ok(Json(json!({ "lines": lines })))
}

/// A note for the duty log.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteIn {
    /// The incident it concerns, if any.
    #[serde(default)]
    incident: Option<u64>,
    /// The note per language.
    #[schema(value_type = Object)]
    text: TextIn,
}

/// Write in the duty log (Crisis Response Centre or Joint Staff officer).
#[utoipa::path(post, path = "/api/v1/duty-log", tag = "duty log", request_body = NoteIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object, description = "`id` is the note's number"),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn write_note(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<NoteIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let text = text_from("text", &input.text, authentic(&app)?, &mut errors)
        .ok_or(AppError::Invalid(errors))?;
    let note = C::WriteDutyNote {
        incident: input.incident.map(IncidentId),
        text,
    };
    command(&app, &ctx, &headers, note).await
}

/// Where a partner reads what an agreement releases (served by the partner feed).
pub fn feed_href(id: AgreementId) -> String {
    format!("/api/v1/exchange/{id}/feed.atom")
}

/// An agreement with everything released under it.
pub fn agreement_json(agreement: &Agreement) -> Value {
    json!({
        "id": agreement.id.0,
        "partner": agreement.partner.as_str(),
        "terms": serde_json::to_value(&agreement.terms).unwrap_or(Value::Null),
        "made_by": agreement.made_by.to_string(),
        "made_at": agreement.made_at.to_string(),
        "ended_at": agreement.ended_at.map(|t: Timestamp| t.to_string()),
        "in_force": agreement.in_force(),
        "feed": feed_href(agreement.id),
        "releases": agreement.releases.iter().map(|r| json!({
            "at": r.at.to_string(),
            "item": serde_json::to_value(&r.item).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
    })
}

/// The exchange agreements the reader may see (a partner: its own), with what each released.
#[utoipa::path(get, path = "/api/v1/agreements", tag = "exchange",
    responses((status = 200, body = Object), (status = 401, body = crate::error::Problem)))]
pub async fn list_agreements(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
) -> Result<Json<Value>, AppError> {
    signed_in(&ctx)?;
    let state = app.journal.state();
    let agreements: Vec<Value> = state
        .crisis()
        .agreements()
        .values()
        .filter(|a| may_see_agreement(&ctx, a))
        .map(|a| agreement_json(a))
        .collect();
    Ok(Json(json!({ "agreements": agreements })))
}

/// An agreement to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementIn {
    /// The partner organisation's id (`sco-rats`).
    #[schema(value_type = String)]
    partner: PartnerId,
    /// What it releases: `{"categories": ["Geo"], "min_severity": "severe",
    /// "incident_types": ["epidemic"], "sitreps": true, "language": "en"}`.
    #[schema(value_type = Object)]
    terms: Terms,
}

/// Make an exchange agreement with a partner organisation (Crisis Response Centre or Joint
/// Staff officer).
#[utoipa::path(post, path = "/api/v1/agreements", tag = "exchange", request_body = AgreementIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object, description = "`id` is the agreement's number"),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn make_agreement(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<AgreementIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis])?;
    let input = json_body(body)?;
    let make = C::MakeAgreement {
        partner: input.partner,
        terms: input.terms,
    };
    command(&app, &ctx, &headers, make).await
}

/// End an exchange agreement: nothing more is released under it; what was stays recorded.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/end", tag = "exchange",
    params(("id" = u64, Path, description = "The agreement's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn end_agreement(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis])?;
    let end = C::EndAgreement {
        agreement: AgreementId(id),
    };
    command(&app, &ctx, &headers, end).await
}
