//! Decisions: the record with its signing message and signatures, signing, and the
//! delegations' signing keys.

use accord_core::Action;
use accord_core::secretariat::SecretariatCommand as C;
use accord_core::secretariat::events::DecisionRecorded;
use accord_core::secretariat::model::ProcedureId;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::{gate, may_read};
use crate::app::AppState;
use crate::error::AppError;
use crate::secretariat::decision_resource;
use crate::viewer::Ctx;

use super::{command, json_body};

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
