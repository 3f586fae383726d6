//! `POST /api/v1/cap`: a national crisis centre (or a partner organisation) reports a CAP 1.2
//! alert. A valid alert is taken in (its original XML kept by hash); an invalid one is refused
//! with every problem and its path, and the refusal is recorded in the log with who sent what.
//! The work is [`crate::intake::take_in`], which the feed poller shares.

use accord_core::Action;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

use crate::access::gate;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::intake::{Intake, take_in};
use crate::viewer::Ctx;

use super::check_csrf_header;

/// Report a CAP 1.2 alert (`application/cap+xml` or `application/xml`).
#[utoipa::path(post, path = "/api/v1/cap", tag = "alerts",
    request_body(content = String, content_type = "application/cap+xml",
        description = "A CAP 1.2 alert"),
    security(("bearer" = [])),
    responses((status = 201, body = Object, description = "Taken in: the alert's number and its log entry"),
        (status = 403, body = crate::error::Problem),
        (status = 413, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem,
            description = "Not valid CAP 1.2 (every problem in `errors`, with its path), or a duplicate (`rule`)")))]
pub async fn intake(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::ReportAlert])?;
    check_csrf_header(&ctx, &headers)?;
    match take_in(&app.journal, &ctx.viewer.principal, &body).await? {
        Intake::Taken {
            alert,
            xml_hash,
            receipt,
        } => Ok((
            StatusCode::CREATED,
            Json(json!({
                "first": receipt.first.0,
                "count": receipt.count,
                "size": receipt.size,
                "alert": alert.0,
                "xml": xml_hash,
            })),
        )),
        Intake::Duplicate(rule) => Err(AppError::Rule(rule)),
        Intake::Rejected { problems, .. } => Err(AppError::Invalid(
            problems
                .into_iter()
                .map(|p| FieldError {
                    field: p.path,
                    message: format!("{}: {}", p.code, p.message),
                })
                .collect(),
        )),
    }
}
