//! Sessions open to observers: opening a session to observer states (or closing it) and
//! recording who attends.

use std::collections::BTreeMap;

use accord_core::secretariat::SecretariatCommand as C;
use accord_core::secretariat::model::SessionId;
use accord_core::{Action, StateCode};
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
use crate::viewer::Ctx;

use super::{command, json_body, parse_field};

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
