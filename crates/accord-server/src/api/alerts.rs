//! The alerts the Crisis Response Centre took in: lists and single alerts with their chains
//! (what superseded or cancelled each, what it waits for, its incident), and the original CAP
//! XML from the blob store. The organisation's insiders see every alert; a partner organisation
//! sees the alerts an agreement released to it.

use accord_core::crisis::alerts::{Alert, AlertId};
use accord_core::{Action, Classification, State, Timestamp};
use accord_ledger::Hash;
use accord_store::Store as _;
use axum::Json;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse as _, Response};
use serde_json::{Value, json};

use crate::app::AppState;
use crate::crisis::{may_see_alert, may_see_incident};
use crate::error::AppError;
use crate::viewer::Ctx;

use super::crisis::now;

/// An alert with its chain, as the reader may see it.
pub fn alert_json(ctx: &Ctx, state: &State, alert: &Alert, now: Timestamp) -> Value {
    let incident = alert.incident.filter(|i| {
        state
            .crisis()
            .incident(*i)
            .is_some_and(|i| may_see_incident(ctx, i))
    });
    json!({
        "id": alert.id.0,
        "summary": serde_json::to_value(&alert.summary).unwrap_or(Value::Null),
        "received_at": alert.received_at.to_string(),
        "live": alert.is_live(now),
        "superseded_by": alert.superseded_by.map(|a| a.0),
        "cancelled_by": alert.cancelled_by.map(|a| a.0),
        "waiting_for": serde_json::to_value(&alert.waiting_for).unwrap_or(Value::Null),
        "incident": incident.map(|i| i.0),
        "cap": format!("/api/v1/alerts/{}/cap", alert.id),
    })
}

/// The alerts the reader may see, newest first.
#[utoipa::path(get, path = "/api/v1/alerts", tag = "alerts",
    responses((status = 200, body = Object), (status = 401, body = crate::error::Problem)))]
pub async fn list_alerts(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
) -> Result<Json<Value>, AppError> {
    signed_in(&ctx)?;
    let now = now()?;
    let state = app.journal.state();
    let alerts: Vec<Value> = state
        .crisis()
        .alerts()
        .values()
        .rev()
        .filter(|a| may_see_alert(&ctx, &state, a))
        .map(|a| alert_json(&ctx, &state, a, now))
        .collect();
    Ok(Json(json!({ "alerts": alerts })))
}

/// The public is asked to sign in (what the Centre keeps is never public).
pub fn signed_in(ctx: &Ctx) -> Result<(), AppError> {
    crate::access::require(ctx, Action::OpenWorkspace, Classification::Public)
}

fn visible_alert<'s>(ctx: &Ctx, state: &'s State, id: u64) -> Result<&'s Alert, AppError> {
    signed_in(ctx)?;
    state
        .crisis()
        .alert(AlertId(id))
        .filter(|a| may_see_alert(ctx, state, a))
        .ok_or(AppError::NotFound)
}

/// An alert with its chain: what superseded or cancelled it, what it waits for, its incident.
#[utoipa::path(get, path = "/api/v1/alerts/{id}", tag = "alerts",
    params(("id" = u64, Path, description = "The alert's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_alert(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let now = now()?;
    let state = app.journal.state();
    let alert = visible_alert(&ctx, &state, id)?;
    Ok(Json(alert_json(&ctx, &state, alert, now)))
}

/// The alert's original CAP XML, byte for byte as it was reported.
#[utoipa::path(get, path = "/api/v1/alerts/{id}/cap", tag = "alerts",
    params(("id" = u64, Path, description = "The alert's number")),
    responses((status = 200, content_type = "application/cap+xml", body = String),
        (status = 404, body = crate::error::Problem)))]
pub async fn alert_cap(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Response, AppError> {
    let hash = {
        let state = app.journal.state();
        visible_alert(&ctx, &state, id)?.summary.xml_hash.clone()
    };
    let hex = hash.strip_prefix("sha256:").unwrap_or(&hash);
    let hash = Hash::from_hex(hex).map_err(|e| AppError::internal("an alert's hash", e))?;
    let blob = app
        .journal
        .store()
        .blob(&hash)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut response = blob.bytes.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/cap+xml"),
    );
    Ok(response)
}
