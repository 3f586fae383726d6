//! Status applications, the chairmanship and joint statements' deliveries in the API.
//! Applications are restricted (404 to those who may not read them); the chairmanship is
//! public. Writes are status commands through the one write path.

use std::collections::BTreeMap;

use accord_core::config::{DocumentType, MemberStatus};
use accord_core::secretariat::model::DocumentId;
use accord_core::status::{Application, ApplicationId, ApplicationOutcome, StatusCommand as C};
use accord_core::{Action, Date, StateCode, Text, Timestamp};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::{gate, require};
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::secretariat::{authentic, text_from};
use crate::status::{applicant, submit, terms, visible_application};
use crate::viewer::Ctx;

use super::{check_csrf_header, json_body};

/// A text per language: `{"ru": "…", "en": "…"}`; the authentic language is required.
type TextIn = BTreeMap<String, String>;

fn text(value: &Text) -> Value {
    json!({
        "authentic": value.authentic().as_str(),
        "values": value.iter().map(|(l, v)| (l.as_str().to_owned(), v.to_owned())).collect::<BTreeMap<_, _>>(),
    })
}

/// An application as the API shows it.
pub fn application_view(app: &Application) -> Value {
    let steps: Vec<Value> = app
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "number": i + 1,
                "body": s.body.as_str(),
                "step": s.step.as_str(),
                "document": s.document.map(|d| d.0),
                "decision": s.decision.map(|d| d.0),
                "adopted": s.adopted,
                "decided_at": s.decided_at.map(|t| t.to_string()),
            })
        })
        .collect();
    let outcome = app.outcome.map(|o| match o {
        ApplicationOutcome::Granted { decision, at }
        | ApplicationOutcome::Refused { decision, at } => {
            json!({"kind": o.as_str(), "decision": decision.0, "at": at.to_string()})
        }
        ApplicationOutcome::Withdrawn { at } => json!({"kind": o.as_str(), "at": at.to_string()}),
    });
    json!({
        "id": app.id.0,
        "applicant": {"kind": app.applicant.kind(), "id": app.applicant.to_string()},
        "state": app.applicant.state().map(|c| c.to_string()),
        "organisation": app.applicant.organisation().map(|o| o.to_string()),
        "name": text(&app.name),
        "status": app.status.as_str(),
        "letter": text(&app.letter),
        "submitted_at": app.submitted_at.to_string(),
        "steps": steps,
        "current_step": app.current_step().map(|i| i + 1),
        "outcome": outcome,
    })
}

async fn command(
    app: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    command: C,
) -> Result<(StatusCode, Json<Value>), AppError> {
    check_csrf_header(ctx, headers)?;
    let receipt = submit(app, ctx, command).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"first": receipt.first.0, "count": receipt.count, "size": receipt.size})),
    ))
}

fn field_error(field: &str, message: &impl std::fmt::Display) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.to_string(),
    }
}

/// An optional field's value, trimmed; `None` when absent or blank.
fn filled(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The applications, newest first (restricted: member delegations and staff).
#[utoipa::path(get, path = "/api/v1/applications", tag = "status",
    security(("bearer" = [])),
    responses((status = 200, body = Object), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem)))]
pub async fn list(State(app): State<AppState>, ctx: Ctx) -> Result<Json<Value>, AppError> {
    require(&ctx, Action::Read, accord_core::Classification::Restricted)?;
    let state = app.journal.state();
    let applications: Vec<Value> = state
        .status()
        .applications()
        .values()
        .rev()
        .map(|a| application_view(a))
        .collect();
    Ok(Json(json!({ "applications": applications })))
}

/// An application to register: by a state (`state`) or an organisation (`organisation`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationIn {
    /// The applicant state's ISO 3166-1 alpha-2 code, when a state applies.
    #[serde(default)]
    state: Option<String>,
    /// The applicant organisation's id (a lowercase slug such as `eec`), when an
    /// organisation applies: a partner organisation of the registry, or the id a new one
    /// will be known by.
    #[serde(default)]
    organisation: Option<String>,
    /// Its name per language (the authentic language required).
    #[schema(value_type = Object)]
    name: TextIn,
    /// `observer` or `partner`.
    status: String,
    /// The letter of application per language.
    #[schema(value_type = Object)]
    letter: TextIn,
}

/// Register a state's or an organisation's application for observer or partner status
/// (Secretariat).
#[utoipa::path(post, path = "/api/v1/applications", tag = "status", request_body = ApplicationIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<ApplicationIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::ManageMembers])?;
    let input = json_body(body)?;
    let authentic = authentic(&app)?;
    let mut errors = Vec::new();
    let applicant = applicant(filled(&input.state), filled(&input.organisation))
        .map_err(|e| errors.push(e))
        .ok();
    let status = match input.status.as_str() {
        "observer" => Some(MemberStatus::Observer),
        "partner" => Some(MemberStatus::Partner),
        _ => {
            errors.push(field_error("status", &"observer or partner"));
            None
        }
    };
    let name = text_from("name", &input.name, authentic, &mut errors);
    let letter = text_from("letter", &input.letter, authentic, &mut errors);
    super::invalid_if_any(errors)?;
    let (Some(applicant), Some(status), Some(name), Some(letter)) =
        (applicant, status, name, letter)
    else {
        return Err(AppError::BadRequest("the application is incomplete".into()));
    };
    let submit = C::SubmitApplication {
        applicant,
        name,
        status,
        letter,
    };
    command(&app, &ctx, &headers, submit).await
}

/// An application with its steps, documents and decisions.
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "status",
    params(("id" = u64, Path, description = "The application's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    let application = visible_application(&state, &ctx, id)?;
    Ok(Json(application_view(&application)))
}

/// The document of an application's current step.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepIn {
    /// A document registered in the step's body.
    document: u64,
}

/// Link the document the current step's body decides on (Secretariat).
#[utoipa::path(post, path = "/api/v1/applications/{id}/steps", tag = "status", request_body = StepIn,
    params(("id" = u64, Path, description = "The application's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn link_step(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<StepIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::ManageMembers])?;
    let input = json_body(body)?;
    let link = C::LinkStepDocument {
        application: ApplicationId(id),
        document: DocumentId(input.document),
    };
    command(&app, &ctx, &headers, link).await
}

/// Record that the applicant withdrew its application (Secretariat).
#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "status",
    params(("id" = u64, Path, description = "The application's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn withdraw(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::ManageMembers])?;
    let withdraw = C::WithdrawApplication {
        application: ApplicationId(id),
    };
    command(&app, &ctx, &headers, withdraw).await
}

/// The chairmanship: the terms from three before today's to two after, each with its chair
/// and the document of its priorities (public).
#[utoipa::path(get, path = "/api/v1/chairmanship", tag = "status",
    responses((status = 200, body = Object)))]
pub async fn chairmanship(State(app): State<AppState>, ctx: Ctx) -> Result<Json<Value>, AppError> {
    require(&ctx, Action::Read, accord_core::Classification::Public)?;
    let today = crate::viewer::today()?;
    let state = app.journal.state();
    let rows: Vec<Value> = terms(&state, today, 3, 2)
        .into_iter()
        .map(|(term, when, priorities)| {
            json!({
                "chair": term.chair.as_str(),
                "start": term.start.to_string(),
                "end": term.end.to_string(),
                "when": when.as_str(),
                "priorities": priorities.map(|d| d.0),
            })
        })
        .collect();
    let term_years = state.config().map(|c| c.chairmanship().term_years);
    Ok(Json(
        json!({"today": today.to_string(), "term_years": term_years, "terms": rows}),
    ))
}

/// A chair's priorities.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrioritiesIn {
    /// A date in the term, `YYYY-MM-DD`.
    term_of: String,
    /// The document holding the priorities.
    document: u64,
}

/// Link the document of a chair's priorities to the term containing a date (Secretariat).
#[utoipa::path(post, path = "/api/v1/chairmanship/priorities", tag = "status", request_body = PrioritiesIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn set_priorities(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<PrioritiesIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let term_of = Date::parse(&input.term_of)
        .map_err(|e| AppError::Invalid(vec![field_error("term_of", &e)]))?;
    let set = C::SetChairPriorities {
        term_of,
        document: DocumentId(input.document),
    };
    command(&app, &ctx, &headers, set).await
}

/// A joint statement's delivery.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryIn {
    /// The meeting per language ("UN General Assembly, 75th session, First Committee").
    #[schema(value_type = Object)]
    meeting: TextIn,
    /// When, in UTC: `2020-12-07T15:00:00Z`.
    delivered_at: String,
}

/// Record the delivery of an adopted joint statement in its forum (Secretariat).
#[utoipa::path(post, path = "/api/v1/documents/{id}/deliveries", tag = "documents", request_body = DeliveryIn,
    params(("id" = u64, Path, description = "The joint statement's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn deliver(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<DeliveryIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let authentic = authentic(&app)?;
    let mut errors = Vec::new();
    let meeting = text_from("meeting", &input.meeting, authentic, &mut errors);
    let delivered_at = Timestamp::parse(&input.delivered_at)
        .map_err(|e| errors.push(field_error("delivered_at", &e)))
        .ok();
    super::invalid_if_any(errors)?;
    let (Some(meeting), Some(delivered_at)) = (meeting, delivered_at) else {
        return Err(AppError::BadRequest("the delivery is incomplete".into()));
    };
    let deliver = C::RecordDelivery {
        document: DocumentId(id),
        meeting,
        delivered_at,
    };
    command(&app, &ctx, &headers, deliver).await
}

/// A partner state's partnership protocol.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProtocolIn {
    /// The partner state's code.
    state: String,
    /// The document types it receives (`decision`, `statement`, `joint_statement`, ...).
    #[serde(default)]
    doc_types: Vec<String>,
    /// Whether situation reports marked releasable go to it.
    #[serde(default)]
    sitreps: bool,
    /// The document holding the protocol, if registered.
    #[serde(default)]
    document: Option<u64>,
}

/// The partnership protocols the reader may read (each is released to its partner state).
#[utoipa::path(get, path = "/api/v1/protocols", tag = "status",
    security(("bearer" = [])),
    responses((status = 200, body = Object), (status = 401, body = crate::error::Problem)))]
pub async fn protocols(State(app): State<AppState>, ctx: Ctx) -> Result<Json<Value>, AppError> {
    require(
        &ctx,
        Action::OpenWorkspace,
        accord_core::Classification::Public,
    )?;
    let state = app.journal.state();
    let list: Vec<Value> = state
        .status()
        .protocols()
        .values()
        .filter(|p| crate::status::may_see_protocol(&ctx, p))
        .map(|p| {
            json!({
                "state": p.state.as_str(),
                "doc_types": p.doc_types.iter().map(|t| doc_type_name(*t)).collect::<Vec<_>>(),
                "sitreps": p.sitreps,
                "document": p.document.map(|d| d.0),
                "recorded_at": p.recorded_at.to_string(),
            })
        })
        .collect();
    Ok(Json(json!({ "protocols": list })))
}

fn doc_type_name(doc_type: DocumentType) -> String {
    serde_json::to_value(doc_type)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Record a partner state's partnership protocol (Secretariat): the document types its
/// accounts read once adopted, and whether releasable situation reports go to it.
#[utoipa::path(post, path = "/api/v1/protocols", tag = "status", request_body = ProtocolIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn record_protocol(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<ProtocolIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::ManageMembers])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let state = StateCode::parse(&input.state)
        .map_err(|e| errors.push(field_error("state", &e)))
        .ok();
    let mut doc_types = Vec::new();
    for (i, name) in input.doc_types.iter().enumerate() {
        match serde_json::from_value::<DocumentType>(Value::String(name.clone())) {
            Ok(t) => doc_types.push(t),
            Err(e) => errors.push(field_error(&format!("doc_types[{i}]"), &e)),
        }
    }
    super::invalid_if_any(errors)?;
    let state = state.ok_or_else(|| AppError::BadRequest("state".into()))?;
    let record = C::RecordProtocol {
        state,
        doc_types,
        sitreps: input.sitreps,
        document: input.document.map(DocumentId),
    };
    command(&app, &ctx, &headers, record).await
}
