//! A session's agenda: items and their outcomes, recommendations to a higher body, procedures
//! opened on an item, packages and minutes.

use accord_core::Action;
use accord_core::config::DecisionRule;
use accord_core::secretariat::SecretariatCommand as C;
use accord_core::secretariat::model::{DocumentId, SessionId};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::access::gate;
use crate::app::AppState;
use crate::error::AppError;
use crate::secretariat::{authentic, text_from};
use crate::viewer::Ctx;

use super::{TextIn, command, json_body, parse_field};

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
