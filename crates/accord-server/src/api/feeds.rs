//! `GET /api/v1/feeds`: what the feed poller did with each configured feed (the Crisis
//! Response Centre's officers).

use accord_core::{Action, Classification};
use axum::Json;
use axum::extract::State;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::feeds::FeedStatus;
use crate::viewer::Ctx;

/// Every configured feed's status: last poll, HTTP status, alerts taken, duplicates, rejected
/// entries with their reasons, next poll, last error.
#[utoipa::path(get, path = "/api/v1/feeds", tag = "alerts",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<FeedStatus>),
        (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem)))]
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<FeedStatus>>, AppError> {
    require(&ctx, Action::RunCrisis, Classification::Restricted)?;
    Ok(Json(app.feeds.snapshot()))
}
