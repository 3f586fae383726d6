//! The secretariat's API: sessions and agendas, documents with versions and amendments,
//! decision procedures, decisions and signatures. Reads show only what the policy lets the
//! reader see (404 otherwise); writes are commands through the one write path, refused with
//! the rule they break.

use std::collections::BTreeMap;

use accord_core::config::{DecisionRule, DocumentType};
use accord_core::secretariat::events::DecisionRecorded;
use accord_core::secretariat::model::{
    AmendmentId, AmendmentOp, Document, DocumentId, Forum, Position, Procedure, ProcedureId,
    Session, SessionFormat, SessionId, SessionStatus, Sponsor, ZonedTime,
};
use accord_core::secretariat::{AmendmentDraft, SecretariatCommand as C, SessionDetails, rules};
use accord_core::{Action, BodyId, Classification, Event, Lang, Recipient, StateCode, Text};
use accord_store::Receipt;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::{gate, may_read};
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::secretariat::{
    authentic, decision_resource, may_see_document, may_see_drafts, may_see_session,
    paragraphs_from, procedure_resource, submit, text_from,
};
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

fn zoned(value: &ZonedTime) -> Value {
    json!({"local": value.local(), "zone": value.zone(), "offset": value.offset(), "utc": value.utc().to_string()})
}

fn session_view(session: &Session) -> Value {
    let format = match &session.format {
        SessionFormat::InPerson { venue } => json!({"kind": "in_person", "venue": text(venue)}),
        SessionFormat::Videoconference { link } => json!({"kind": "videoconference", "link": link}),
        SessionFormat::Hybrid { venue, link } => {
            json!({"kind": "hybrid", "venue": text(venue), "link": link})
        }
    };
    json!({
        "id": session.id.0,
        "body": session.body.as_str(),
        "number": session.number,
        "title": text(&session.title),
        "start": zoned(&session.start),
        "end": zoned(&session.end),
        "format": format,
        "chair": session.chair.as_str(),
        "participants": session.participants.iter().map(|(c, names)| (c.as_str().to_owned(), names.clone())).collect::<BTreeMap<_, _>>(),
        "status": session.status.as_str(),
        "classification": session.classification.as_str(),
        "sequence": session.sequence,
        "minutes": session.minutes.map(|d| d.0),
        "packages": session.packages.iter().map(|p| p.0).collect::<Vec<_>>(),
        "open_to_observers": session.open_to_observers,
        "observers": session.observers.iter().map(|(c, names)| (c.as_str().to_owned(), names.clone())).collect::<BTreeMap<_, _>>(),
        "agenda": session.agenda.iter().map(|item| json!({
            "number": item.number,
            "title": text(&item.title),
            "documents": item.documents.iter().map(|d| d.0).collect::<Vec<_>>(),
            "recommended_by": item.recommended_by.as_ref().map(|r| json!({"session": r.session.0, "item": r.item, "body": r.body.as_str()})),
            "procedures": item.procedures.iter().map(|p| p.0).collect::<Vec<_>>(),
            "outcome": item.outcome.as_ref().map(text),
        })).collect::<Vec<_>>(),
    })
}

/// A document as the reader may see it: without its drafting history (earlier versions,
/// amendments, procedures that did not adopt it) unless `drafts`.
fn document_view(state: &accord_core::State, document: &Document, drafts: bool) -> Value {
    let records = state.secretariat();
    let current = document.current().map_or(0, |v| v.number);
    json!({
        "id": document.id.0,
        "type": serde_json::to_value(document.doc_type).unwrap_or(Value::Null),
        "forum": document.forum.map(|f| serde_json::to_value(f).unwrap_or(Value::Null)),
        "title": text(&document.title),
        "sponsor": serde_json::to_value(&document.sponsor).unwrap_or(Value::Null),
        "body": document.body.as_str(),
        "classification": document.classification.as_str(),
        "effective_classification": document.effective_classification().as_str(),
        "open_procedure": document.open_procedure.map(|p| p.0),
        "procedures": document.procedures.iter().filter(|p| drafts || document.adopted_by == Some(**p)).map(|p| p.0).collect::<Vec<_>>(),
        "adopted_by": document.adopted_by.map(|p| p.0),
        "versions": document.versions.iter().filter(|v| drafts || v.number == current).map(|v| json!({
            "number": v.number,
            "paragraphs": v.paragraphs.iter().map(text).collect::<Vec<_>>(),
            "made_by": v.made_by.as_str(),
            "made_at": v.made_at.to_string(),
            "accepted": v.accepted.iter().map(|a| a.0).collect::<Vec<_>>(),
            "rejected": v.rejected.iter().map(|a| a.0).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "amendments": records.amendments_of(document).iter().filter(|_| drafts).map(|a| json!({
            "id": a.id.0,
            "version": a.version,
            "paragraph": a.paragraph,
            "op": serde_json::to_value(&a.op).unwrap_or(Value::Null),
            "rationale": text(&a.rationale),
            "state": a.state.as_str(),
            "proposed_by": a.proposed_by.as_str(),
            "proposed_at": a.proposed_at.to_string(),
            "status": serde_json::to_value(a.status).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
    })
}

fn procedure_view(procedure: &Procedure) -> Value {
    json!({
        "id": procedure.id.0,
        "document": procedure.document.0,
        "version": procedure.version,
        "body": procedure.body.as_str(),
        "rule": procedure.rule.to_string(),
        "item": procedure.item.map(|(s, i)| json!({"session": s.0, "item": i})),
        "deadline": procedure.deadline.as_ref().map(zoned),
        "present": procedure.present.iter().map(StateCode::as_str).collect::<Vec<_>>(),
        "positions": serde_json::to_value(&procedure.positions).unwrap_or(Value::Null),
        "missing": rules::missing_positions(&procedure.present, &procedure.positions).iter().map(StateCode::as_str).collect::<Vec<_>>(),
        "opened_at": procedure.opened_at.to_string(),
        "outcome": procedure.outcome.as_ref().map(|o| serde_json::to_value(o).unwrap_or(Value::Null)),
    })
}

/// What a command wrote, and the number of what it created.
/// The number of the record a command created: read back from the entries it wrote.
async fn created(app: &AppState, ctx: &Ctx, receipt: Receipt) -> Option<u64> {
    let loaded = crate::entries::load(app, ctx, receipt.first.0).await.ok()?;
    let event = Event::from_hashed_body(loaded.envelope.kind(), loaded.body.as_deref()?).ok()?;
    Some(match event {
        Event::SessionScheduled(e) => e.session.0,
        Event::DocumentRegistered(e) => e.document.0,
        Event::VersionMade(e) => u64::from(e.version),
        Event::AmendmentProposed(e) => e.amendment.0,
        Event::AgendaItemAdded(e) => u64::from(e.at.item),
        Event::PackageCreated(e) => e.package.0,
        Event::ProcedureOpened(e) => e.procedure.0,
        Event::PositionStated(e) => e.procedure.0,
        Event::SilenceBroken(e) => e.procedure.0,
        Event::DecisionRecorded(e) => e.decision.0,
        Event::DecisionSigned(e) => e.decision.0,
        _ => return None,
    })
}

/// Runs a command for the reader and answers 201 with what it wrote.
async fn command(
    app: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    command: C,
) -> Result<(StatusCode, Json<Value>), AppError> {
    check_csrf_header(ctx, headers)?;
    let receipt = submit(app, ctx, command).await?;
    let id = created(app, ctx, receipt).await;
    Ok(super::written(receipt, id))
}

fn parse_field<T>(
    field: &str,
    value: &str,
    parse: impl Fn(&str) -> Result<T, accord_core::ParseError>,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match parse(value) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(FieldError {
                field: field.to_owned(),
                message: e.to_string(),
            });
            None
        }
    }
}

fn serde_field<T: serde::de::DeserializeOwned>(
    field: &str,
    value: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match serde_json::from_value(Value::String(value.to_owned())) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(FieldError {
                field: field.to_owned(),
                message: e.to_string(),
            });
            None
        }
    }
}

/// A local time in an IANA zone.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ZonedIn {
    /// `2020-12-01T13:00:00`.
    local: String,
    /// `Europe/Moscow`.
    zone: String,
}

fn zoned_in(field: &str, value: &ZonedIn, errors: &mut Vec<FieldError>) -> Option<ZonedTime> {
    match ZonedTime::from_local(&value.local, &value.zone) {
        Ok(z) => Some(z),
        Err(e) => {
            errors.push(FieldError {
                field: field.to_owned(),
                message: e.to_string(),
            });
            None
        }
    }
}

/// A session's details.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionIn {
    /// The body (`cfm`); ignored when changing a session.
    #[serde(default)]
    body: Option<String>,
    /// The body's number for it; ignored when changing a session.
    #[serde(default)]
    number: Option<u32>,
    /// Its title per language.
    #[schema(value_type = Object)]
    title: TextIn,
    /// When it opens.
    start: ZonedIn,
    /// When it closes.
    end: ZonedIn,
    /// `in_person`, `videoconference` or `hybrid`.
    format: String,
    /// The venue per language (in person, hybrid).
    #[serde(default)]
    #[schema(value_type = Object)]
    venue: Option<TextIn>,
    /// The videoconference link (videoconference, hybrid).
    #[serde(default)]
    link: Option<String>,
    /// The chair's state code (default: the chairmanship).
    #[serde(default)]
    chair: Option<String>,
    /// Each delegation's members (default: every member state).
    #[serde(default)]
    #[schema(value_type = Object)]
    participants: Option<BTreeMap<String, Vec<String>>>,
    /// public, restricted or confidential (default: the organisation's default).
    #[serde(default)]
    classification: Option<String>,
    /// Whether observer states may attend (and read it); ignored when changing a session
    /// (`POST /api/v1/sessions/{id}/open-to-observers` changes it).
    #[serde(default)]
    open_to_observers: Option<bool>,
}

fn session_in(
    input: &SessionIn,
    authentic: Lang,
) -> Result<(SessionDetails, Option<Classification>), AppError> {
    let mut errors = Vec::new();
    let title = text_from("title", &input.title, authentic, &mut errors);
    let start = zoned_in("start", &input.start, &mut errors);
    let end = zoned_in("end", &input.end, &mut errors);
    let venue = input
        .venue
        .as_ref()
        .and_then(|v| text_from("venue", v, authentic, &mut errors));
    let link = input.link.clone().filter(|l| !l.trim().is_empty());
    let format = match (input.format.as_str(), venue, link) {
        ("in_person", Some(venue), _) => Some(SessionFormat::InPerson { venue }),
        ("videoconference", _, Some(link)) => Some(SessionFormat::Videoconference { link }),
        ("hybrid", Some(venue), Some(link)) => Some(SessionFormat::Hybrid { venue, link }),
        (kind, _, _) => {
            errors.push(FieldError {
                field: "format".into(),
                message: format!(
                    "{kind:?}: use in_person (with venue), videoconference (with link) or hybrid (with both)"
                ),
            });
            None
        }
    };
    let chair = input
        .chair
        .as_deref()
        .and_then(|c| parse_field("chair", c, StateCode::parse, &mut errors));
    let participants = input.participants.as_ref().map(|given| {
        given
            .iter()
            .filter_map(|(code, names)| {
                let code = parse_field(
                    &format!("participants.{code}"),
                    code,
                    StateCode::parse,
                    &mut errors,
                )?;
                Some((code, names.clone()))
            })
            .collect::<BTreeMap<_, _>>()
    });
    let classification = input
        .classification
        .as_deref()
        .and_then(|c| parse_field("classification", c, Classification::parse, &mut errors));
    match (title, start, end, format) {
        (Some(title), Some(start), Some(end), Some(format)) if errors.is_empty() => Ok((
            SessionDetails {
                title,
                start,
                end,
                format,
                chair,
                participants,
            },
            classification,
        )),
        _ => Err(AppError::Invalid(errors)),
    }
}

fn visible_session(app: &AppState, ctx: &Ctx, id: u64) -> Result<Value, AppError> {
    let state = app.journal.state();
    let session = state
        .secretariat()
        .session(SessionId(id))
        .filter(|s| may_see_session(ctx, s))
        .ok_or(AppError::NotFound)?;
    Ok(session_view(session))
}

/// The sessions the reader may see.
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions",
    responses((status = 200, body = Object)))]
pub async fn list_sessions(State(app): State<AppState>, ctx: Ctx) -> Json<Value> {
    let state = app.journal.state();
    let sessions: Vec<Value> = state
        .secretariat()
        .sessions()
        .values()
        .filter(|s| may_see_session(&ctx, s))
        .map(|s| session_view(s))
        .collect();
    Json(json!({ "sessions": sessions }))
}

/// Schedule a session (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = SessionIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn schedule(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<SessionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let (details, classification) = session_in(&input, authentic(&app)?)?;
    let mut errors = Vec::new();
    let body_id = match input.body.as_deref() {
        Some(b) => parse_field("body", b, BodyId::parse, &mut errors),
        None => {
            errors.push(FieldError {
                field: "body".into(),
                message: "the body holding the session is required".into(),
            });
            None
        }
    };
    if input.number.is_none() {
        errors.push(FieldError {
            field: "number".into(),
            message: "the session's number is required".into(),
        });
    }
    super::invalid_if_any(errors)?;
    let (Some(body_id), Some(number)) = (body_id, input.number) else {
        return Err(AppError::BadRequest("body and number are required".into()));
    };
    let schedule = C::ScheduleSession {
        body: body_id,
        number,
        details,
        classification,
        open_to_observers: input.open_to_observers.unwrap_or(false),
    };
    command(&app, &ctx, &headers, schedule).await
}

/// A session.
#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions",
    params(("id" = u64, Path, description = "The session's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_session(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    visible_session(&app, &ctx, id).map(Json)
}

/// Change a planned session's details (Secretariat); its sequence goes up.
#[utoipa::path(put, path = "/api/v1/sessions/{id}", tag = "sessions", request_body = SessionIn,
    params(("id" = u64, Path, description = "The session's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn change_session(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<SessionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let (details, _) = session_in(&input, authentic(&app)?)?;
    let change = C::ChangeSession {
        session: SessionId(id),
        details,
    };
    command(&app, &ctx, &headers, change).await
}

/// A session's new status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    /// convened, concluded or cancelled.
    status: String,
}

/// Convene, conclude or cancel a session (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/status", tag = "sessions", request_body = StatusIn,
    params(("id" = u64, Path, description = "The session's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn set_status(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<StatusIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let status: Option<SessionStatus> = serde_field("status", &input.status, &mut errors);
    super::invalid_if_any(errors)?;
    let status = status.ok_or_else(|| AppError::BadRequest("status".into()))?;
    let change = C::SetSessionStatus {
        session: SessionId(id),
        status,
    };
    command(&app, &ctx, &headers, change).await
}

/// An agenda item.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemIn {
    /// Its title per language.
    #[schema(value_type = Object)]
    title: TextIn,
    /// The documents considered under it.
    #[serde(default)]
    documents: Vec<u64>,
}

/// Add an agenda item (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/items", tag = "sessions", request_body = ItemIn,
    params(("id" = u64, Path, description = "The session's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn add_item(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<ItemIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let title = text_from("title", &input.title, authentic(&app)?, &mut errors);
    super::invalid_if_any(errors)?;
    let add = C::AddAgendaItem {
        session: SessionId(id),
        title: title.ok_or_else(|| AppError::BadRequest("title".into()))?,
        documents: input.documents.into_iter().map(DocumentId).collect(),
    };
    command(&app, &ctx, &headers, add).await
}

/// An item's outcome.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeIn {
    /// What was concluded, per language.
    #[schema(value_type = Object)]
    outcome: TextIn,
}

/// Record an agenda item's outcome (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/items/{item}/outcome", tag = "sessions",
    request_body = OutcomeIn,
    params(("id" = u64, Path, description = "The session's number"), ("item" = u32, Path, description = "The item's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn conclude_item(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, item)): Path<(u64, u32)>,
    body: Result<Json<OutcomeIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let outcome = text_from("outcome", &input.outcome, authentic(&app)?, &mut errors);
    super::invalid_if_any(errors)?;
    let conclude = C::ConcludeItem {
        session: SessionId(id),
        item,
        outcome: outcome.ok_or_else(|| AppError::BadRequest("outcome".into()))?,
    };
    command(&app, &ctx, &headers, conclude).await
}

/// Where a recommendation goes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendIn {
    /// The higher body's session.
    to: u64,
}

/// Recommend an item's documents to a session of the body this one reports to (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/items/{item}/recommendation", tag = "sessions",
    request_body = RecommendIn,
    params(("id" = u64, Path, description = "The session's number"), ("item" = u32, Path, description = "The item's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn recommend(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, item)): Path<(u64, u32)>,
    body: Result<Json<RecommendIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let recommend = C::Recommend {
        session: SessionId(id),
        item,
        to: SessionId(input.to),
    };
    command(&app, &ctx, &headers, recommend).await
}

/// A procedure to open in session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcedureIn {
    /// The document, on its current version.
    document: u64,
    /// consensus, simple_majority or `qualified_majority n/d` (one the body may use).
    rule: String,
}

/// Open a decision procedure on an agenda item's document (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/items/{item}/procedures", tag = "procedures",
    request_body = ProcedureIn,
    params(("id" = u64, Path, description = "The session's number"), ("item" = u32, Path, description = "The item's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn open_procedure(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, item)): Path<(u64, u32)>,
    body: Result<Json<ProcedureIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let rule = parse_field("rule", &input.rule, DecisionRule::parse, &mut errors);
    super::invalid_if_any(errors)?;
    let open = C::OpenProcedure {
        session: SessionId(id),
        item,
        document: DocumentId(input.document),
        rule: rule.ok_or_else(|| AppError::BadRequest("rule".into()))?,
    };
    command(&app, &ctx, &headers, open).await
}

/// A list of documents with a title (a package), or one document (minutes).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PackageIn {
    /// The package's title per language.
    #[schema(value_type = Object)]
    title: TextIn,
    /// Its documents.
    documents: Vec<u64>,
}

/// Gather documents into a package for a session (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/packages", tag = "sessions", request_body = PackageIn,
    params(("id" = u64, Path, description = "The session's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn create_package(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<PackageIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let title = text_from("title", &input.title, authentic(&app)?, &mut errors);
    super::invalid_if_any(errors)?;
    let create = C::CreatePackage {
        session: SessionId(id),
        title: title.ok_or_else(|| AppError::BadRequest("title".into()))?,
        documents: input.documents.into_iter().map(DocumentId).collect(),
    };
    command(&app, &ctx, &headers, create).await
}

/// The document holding a session's minutes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesIn {
    /// The document (a report).
    document: u64,
}

/// Name the document holding a session's minutes (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/minutes", tag = "sessions", request_body = MinutesIn,
    params(("id" = u64, Path, description = "The session's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn record_minutes(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<MinutesIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let minutes = C::RecordMinutes {
        session: SessionId(id),
        document: DocumentId(input.document),
    };
    command(&app, &ctx, &headers, minutes).await
}

/// The documents the reader may see.
#[utoipa::path(get, path = "/api/v1/documents", tag = "documents",
    responses((status = 200, body = Object)))]
pub async fn list_documents(State(app): State<AppState>, ctx: Ctx) -> Json<Value> {
    let state = app.journal.state();
    let documents: Vec<Value> = state
        .secretariat()
        .documents()
        .values()
        .filter(|d| may_see_document(&ctx, d))
        .map(|d| document_view(&state, d, may_see_drafts(&ctx, d)))
        .collect();
    Json(json!({ "documents": documents }))
}

/// A draft to register.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentIn {
    /// decision, statement, declaration, plan, strategy, agreement, protocol, regulation,
    /// report or joint_statement.
    #[serde(rename = "type")]
    doc_type: String,
    /// For a joint statement: un, osce, opcw or other.
    #[serde(default)]
    forum: Option<String>,
    /// Its title per language.
    #[schema(value_type = Object)]
    title: TextIn,
    /// A member state's code, or `secretariat`.
    sponsor: String,
    /// The body to adopt it.
    body: String,
    /// The text per language, paragraphs separated by a blank line.
    #[schema(value_type = Object)]
    text: TextIn,
    /// public, restricted or confidential (default: the organisation's default).
    #[serde(default)]
    classification: Option<String>,
    /// Who it is released to beyond its classification.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    release: Vec<Value>,
}

/// Register a draft with its first version (Secretariat).
#[utoipa::path(post, path = "/api/v1/documents", tag = "documents", request_body = DocumentIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn register(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<DocumentIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let authentic = authentic(&app)?;
    let mut errors = Vec::new();
    let doc_type: Option<DocumentType> = serde_field("type", &input.doc_type, &mut errors);
    let forum: Option<Forum> = input
        .forum
        .as_deref()
        .and_then(|f| serde_field("forum", f, &mut errors));
    let title = text_from("title", &input.title, authentic, &mut errors);
    let sponsor = if input.sponsor == "secretariat" {
        Some(Sponsor::Secretariat)
    } else {
        parse_field("sponsor", &input.sponsor, StateCode::parse, &mut errors)
            .map(|state| Sponsor::State { state })
    };
    let body_id = parse_field("body", &input.body, BodyId::parse, &mut errors);
    let paragraphs = paragraphs_from("text", &input.text, authentic, &mut errors);
    let classification = input
        .classification
        .as_deref()
        .and_then(|c| parse_field("classification", c, Classification::parse, &mut errors));
    let mut release = Vec::new();
    for (i, value) in input.release.into_iter().enumerate() {
        match serde_json::from_value::<Recipient>(value) {
            Ok(r) => release.push(r),
            Err(e) => errors.push(FieldError {
                field: format!("release[{i}]"),
                message: e.to_string(),
            }),
        }
    }
    super::invalid_if_any(errors)?;
    let (Some(doc_type), Some(title), Some(sponsor), Some(body_id), Some(paragraphs)) =
        (doc_type, title, sponsor, body_id, paragraphs)
    else {
        return Err(AppError::BadRequest("the draft is incomplete".into()));
    };
    let register = C::RegisterDocument {
        doc_type,
        forum,
        title,
        sponsor,
        body: body_id,
        paragraphs,
        classification,
        release,
    };
    command(&app, &ctx, &headers, register).await
}

/// A document with its versions and amendments.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents",
    params(("id" = u64, Path, description = "The document's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_document(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    let document = state
        .secretariat()
        .document(DocumentId(id))
        .filter(|d| may_see_document(&ctx, d))
        .ok_or(AppError::NotFound)?;
    Ok(Json(document_view(
        &state,
        document,
        may_see_drafts(&ctx, document),
    )))
}

/// The next version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionIn {
    /// The new text per language (paragraphs separated by a blank line); when absent, the
    /// accepted amendments are applied to the current version.
    #[serde(default)]
    #[schema(value_type = Object)]
    text: Option<TextIn>,
    /// The amendments taken.
    #[serde(default)]
    accept: Vec<u64>,
    /// The amendments not taken.
    #[serde(default)]
    reject: Vec<u64>,
}

/// Make the next version, deciding every pending amendment (Secretariat).
#[utoipa::path(post, path = "/api/v1/documents/{id}/versions", tag = "documents", request_body = VersionIn,
    params(("id" = u64, Path, description = "The document's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn make_version(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<VersionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let paragraphs = match &input.text {
        Some(text) => Some(
            paragraphs_from("text", text, authentic(&app)?, &mut errors)
                .ok_or_else(|| AppError::Invalid(errors.clone()))?,
        ),
        None => None,
    };
    let make = C::MakeVersion {
        document: DocumentId(id),
        paragraphs,
        accept: input.accept.into_iter().map(AmendmentId).collect(),
        reject: input.reject.into_iter().map(AmendmentId).collect(),
    };
    command(&app, &ctx, &headers, make).await
}

/// An amendment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendmentIn {
    /// The version it is against (the current one).
    version: u32,
    /// The paragraph (for an insertion: the one it follows, 0 for the start).
    paragraph: u32,
    /// insert, replace or delete.
    op: String,
    /// The new text per language (insert, replace).
    #[serde(default)]
    #[schema(value_type = Object)]
    text: Option<TextIn>,
    /// Why, per language.
    #[schema(value_type = Object)]
    rationale: TextIn,
}

fn amendment_in(
    input: &AmendmentIn,
    authentic: Lang,
    errors: &mut Vec<FieldError>,
) -> Option<AmendmentDraft> {
    let new_text = input
        .text
        .as_ref()
        .and_then(|t| text_from("text", t, authentic, errors));
    let rationale = text_from("rationale", &input.rationale, authentic, errors);
    let op = match (input.op.as_str(), new_text) {
        ("insert", Some(text)) => Some(AmendmentOp::Insert { text }),
        ("replace", Some(text)) => Some(AmendmentOp::Replace { text }),
        ("delete", _) => Some(AmendmentOp::Delete),
        (op, _) => {
            errors.push(FieldError {
                field: "op".into(),
                message: format!("{op:?}: use insert or replace (with text), or delete"),
            });
            None
        }
    };
    Some(AmendmentDraft {
        version: input.version,
        paragraph: input.paragraph,
        op: op?,
        rationale: rationale?,
    })
}

/// Propose an amendment (a member state's delegate or head of delegation).
#[utoipa::path(post, path = "/api/v1/documents/{id}/amendments", tag = "documents", request_body = AmendmentIn,
    params(("id" = u64, Path, description = "The document's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn propose_amendment(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<AmendmentIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Propose])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let draft = amendment_in(&input, authentic(&app)?, &mut errors);
    super::invalid_if_any(errors)?;
    let propose = C::ProposeAmendment {
        document: DocumentId(id),
        draft: draft.ok_or_else(|| AppError::BadRequest("amendment".into()))?,
    };
    command(&app, &ctx, &headers, propose).await
}

/// A silence procedure's deadline.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SilenceIn {
    /// The deadline: a local time in an IANA zone, to the second.
    deadline: ZonedIn,
}

/// Launch a silence procedure on the document's current version (Secretariat).
#[utoipa::path(post, path = "/api/v1/documents/{id}/silence", tag = "procedures", request_body = SilenceIn,
    params(("id" = u64, Path, description = "The document's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn launch_silence(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<SilenceIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let deadline = zoned_in("deadline", &input.deadline, &mut errors);
    super::invalid_if_any(errors)?;
    let launch = C::LaunchSilence {
        document: DocumentId(id),
        deadline: deadline.ok_or_else(|| AppError::BadRequest("deadline".into()))?,
    };
    command(&app, &ctx, &headers, launch).await
}

/// Which versions to compare, in which language.
#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    from: u32,
    to: u32,
    lang: Option<String>,
}

/// A word-level comparison of two versions, paragraph by paragraph.
#[utoipa::path(get, path = "/api/v1/documents/{id}/compare", tag = "documents",
    params(("id" = u64, Path, description = "The document's number"),
        ("from" = u32, Query, description = "The older version"),
        ("to" = u32, Query, description = "The newer version"),
        ("lang" = Option<String>, Query, description = "The language (default: the authentic one)")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn compare(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    Query(query): Query<CompareQuery>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    let document = state
        .secretariat()
        .document(DocumentId(id))
        .filter(|d| may_see_drafts(&ctx, d))
        .ok_or(AppError::NotFound)?;
    let lang = match query.lang.as_deref() {
        Some(tag) => Lang::parse(tag).map_err(|e| {
            AppError::Invalid(vec![FieldError {
                field: "lang".into(),
                message: e.to_string(),
            }])
        })?,
        None => authentic(&app)?,
    };
    let (Some(old), Some(new)) = (document.version(query.from), document.version(query.to)) else {
        return Err(AppError::NotFound);
    };
    let join = |paragraphs: &[Text]| -> String {
        paragraphs
            .iter()
            .map(|p| p.localized(lang).text().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let changes: Vec<Value> = rules::compare_words(&join(&old.paragraphs), &join(&new.paragraphs))
        .into_iter()
        .map(|change| match change {
            rules::Change::Same(t) => json!({"same": t}),
            rules::Change::Added(t) => json!({"added": t}),
            rules::Change::Removed(t) => json!({"removed": t}),
        })
        .collect();
    Ok(Json(
        json!({"from": query.from, "to": query.to, "lang": lang.as_str(), "changes": changes}),
    ))
}

fn visible_procedure<'s>(
    state: &'s accord_core::State,
    ctx: &Ctx,
    id: u64,
) -> Result<&'s Procedure, AppError> {
    state
        .secretariat()
        .procedure(ProcedureId(id))
        .filter(|p| may_read(ctx, &procedure_resource(p)))
        .ok_or(AppError::NotFound)
}

/// A decision procedure with the positions stated.
#[utoipa::path(get, path = "/api/v1/procedures/{id}", tag = "procedures",
    params(("id" = u64, Path, description = "The procedure's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_procedure(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    Ok(Json(procedure_view(visible_procedure(&state, &ctx, id)?)))
}

/// A position.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionIn {
    /// agree, agree_with_reservation, interpretative_statement, object, abstain or
    /// not_participating.
    position: String,
    /// The reservation, statement or reason per language (where the position has one).
    #[serde(default)]
    #[schema(value_type = Object)]
    text: Option<TextIn>,
}

/// State the delegation's position (head of delegation of a member state present).
#[utoipa::path(post, path = "/api/v1/procedures/{id}/positions", tag = "procedures", request_body = PositionIn,
    params(("id" = u64, Path, description = "The procedure's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn state_position(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<PositionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::TakePosition])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let position = position_in(
        &input.position,
        input.text.as_ref(),
        authentic(&app)?,
        &mut errors,
    );
    super::invalid_if_any(errors)?;
    let state = C::StatePosition {
        procedure: ProcedureId(id),
        position: position.ok_or_else(|| AppError::BadRequest("position".into()))?,
    };
    command(&app, &ctx, &headers, state).await
}

/// A position from its name and, where it has one, its text.
pub fn position_in(
    name: &str,
    text: Option<&TextIn>,
    authentic: Lang,
    errors: &mut Vec<FieldError>,
) -> Option<Position> {
    let mut with_text = |make: fn(Text) -> Position| match text {
        Some(values) => text_from("text", values, authentic, errors).map(make),
        None => {
            errors.push(FieldError {
                field: "text".into(),
                message: format!("the position {name} needs its text"),
            });
            None
        }
    };
    match name {
        "agree" => Some(Position::Agree),
        "abstain" => Some(Position::Abstain),
        "not_participating" => Some(Position::NotParticipating),
        "agree_with_reservation" => with_text(|text| Position::AgreeWithReservation { text }),
        "interpretative_statement" => with_text(|text| Position::InterpretativeStatement { text }),
        "object" => with_text(|reason| Position::Object { reason }),
        other => {
            errors.push(FieldError {
                field: "position".into(),
                message: format!(
                    "{other:?}: use agree, agree_with_reservation, interpretative_statement, object, abstain or not_participating"
                ),
            });
            None
        }
    }
}

/// Breaking silence.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakIn {
    /// The objection per language.
    #[schema(value_type = Object)]
    reason: TextIn,
    /// An amendment proposed instead.
    #[serde(default)]
    amendment: Option<AmendmentIn>,
}

/// Break silence before the deadline (head of delegation of a member state).
#[utoipa::path(post, path = "/api/v1/procedures/{id}/break", tag = "procedures", request_body = BreakIn,
    params(("id" = u64, Path, description = "The procedure's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn break_silence(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<BreakIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::TakePosition])?;
    let input = json_body(body)?;
    let authentic = authentic(&app)?;
    let mut errors = Vec::new();
    let reason = text_from("reason", &input.reason, authentic, &mut errors);
    let amendment = input
        .amendment
        .as_ref()
        .map(|a| amendment_in(a, authentic, &mut errors));
    super::invalid_if_any(errors)?;
    let broken = C::BreakSilence {
        procedure: ProcedureId(id),
        reason: reason.ok_or_else(|| AppError::BadRequest("reason".into()))?,
        amendment: amendment.flatten(),
    };
    command(&app, &ctx, &headers, broken).await
}

/// Close a procedure in session once every present state has spoken (Secretariat or the
/// chair's head of delegation).
#[utoipa::path(post, path = "/api/v1/procedures/{id}/close", tag = "procedures",
    params(("id" = u64, Path, description = "The procedure's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn close_procedure(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare, Action::TakePosition])?;
    let close = C::CloseProcedure {
        procedure: ProcedureId(id),
    };
    command(&app, &ctx, &headers, close).await
}

fn decision_view(state: &accord_core::State, record: &DecisionRecorded) -> Value {
    let signatures = state
        .secretariat()
        .signatures(record.decision)
        .map(|s| serde_json::to_value(s).unwrap_or(Value::Null))
        .unwrap_or_else(|| json!({}));
    json!({
        "record": serde_json::to_value(record).unwrap_or(Value::Null),
        "signing_message": accord_core::secretariat::signing_message(record),
        "signatures": signatures,
    })
}

/// A decision record with its signing message and signatures.
#[utoipa::path(get, path = "/api/v1/decisions/{id}", tag = "decisions",
    params(("id" = u64, Path, description = "The decision's number (its procedure's)")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_decision(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    let record = state
        .secretariat()
        .decision(ProcedureId(id))
        .filter(|r| may_read(&ctx, &decision_resource(r)))
        .ok_or(AppError::NotFound)?;
    Ok(Json(decision_view(&state, record)))
}

/// A signature.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureIn {
    /// The Ed25519 signature of the decision's signing message, base64 (`accord sign`).
    signature: String,
}

/// Sign an adopted decision's authentic text (head of delegation); the server verifies the
/// signature with the delegation's registered key before it is recorded.
#[utoipa::path(post, path = "/api/v1/decisions/{id}/signatures", tag = "decisions", request_body = SignatureIn,
    params(("id" = u64, Path, description = "The decision's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn sign(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<SignatureIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::TakePosition])?;
    let input = json_body(body)?;
    let sign = C::SignDecision {
        decision: ProcedureId(id),
        signature: input.signature,
    };
    command(&app, &ctx, &headers, sign).await
}

/// A delegation's signing key.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyIn {
    /// The Ed25519 verifier key (`name+hash+base64`, as `accord keys --kind delegation` prints).
    key: String,
}

/// Register the delegation's key for signing decisions (head of delegation).
#[utoipa::path(post, path = "/api/v1/delegation/key", tag = "decisions", request_body = KeyIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn register_key(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<KeyIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::TakePosition])?;
    let input = json_body(body)?;
    command(
        &app,
        &ctx,
        &headers,
        C::RegisterSigningKey { key: input.key },
    )
    .await
}

/// Whether a session is open to observers.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpennessIn {
    /// `true` to open the session to observer states, `false` to close it to them.
    open: bool,
}

/// Open a session to observers, or close it to them (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/open-to-observers", tag = "sessions",
    request_body = OpennessIn,
    params(("id" = u64, Path, description = "The session's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn set_open_to_observers(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<OpennessIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let change = C::SetOpenToObservers {
        session: SessionId(id),
        open: input.open,
    };
    command(&app, &ctx, &headers, change).await
}

/// The observer states attending a session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObserversIn {
    /// Each observer state attending (its code) with the names of its representatives; the
    /// list replaces any earlier one (`{}` records none).
    #[schema(value_type = Object)]
    observers: BTreeMap<String, Vec<String>>,
}

/// Record the observer states attending a session open to observers (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/observers", tag = "sessions",
    request_body = ObserversIn,
    params(("id" = u64, Path, description = "The session's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn record_observers(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<ObserversIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let observers = input
        .observers
        .iter()
        .filter_map(|(code, names)| {
            let code = parse_field(
                &format!("observers.{code}"),
                code,
                StateCode::parse,
                &mut errors,
            )?;
            Some((code, names.clone()))
        })
        .collect();
    super::invalid_if_any(errors)?;
    let record = C::RecordObservers {
        session: SessionId(id),
        observers,
    };
    command(&app, &ctx, &headers, record).await
}
