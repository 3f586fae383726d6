//! `POST /api/v1/cap`: a national crisis centre (or a partner organisation) reports a CAP 1.2
//! alert. A valid alert is taken in (its original XML kept by hash); an invalid one is refused
//! with every problem and its path, and the refusal is recorded in the log with who sent what.

use accord_core::Action;
use accord_core::crisis::CrisisCommand;
use accord_core::crisis::alerts::{Problem, summarise};
use accord_core::{Command, CommandPayload};
use accord_ledger::Hash;
use accord_store::{Blob, Store as _};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

use crate::access::gate;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::viewer::Ctx;

use super::check_csrf_header;

async fn submit(
    app: &AppState,
    ctx: &Ctx,
    command: CrisisCommand,
) -> Result<accord_store::Receipt, AppError> {
    Ok(app
        .journal
        .submit(Command {
            principal: ctx.viewer.principal.clone(),
            payload: CommandPayload::Crisis(command),
        })
        .await?)
}

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
    let digest: [u8; 32] = Sha256::digest(&body).into();
    let hash = Hash(digest);
    let hash_text = format!("sha256:{}", hash.to_hex());
    let size = u64::try_from(body.len()).unwrap_or(u64::MAX);
    let validation = accord_cap::validate(&body);
    let summary = validation
        .alert
        .as_ref()
        .and_then(|alert| summarise(alert, hash_text.clone(), size));
    let Some(summary) = summary else {
        let errors: Vec<_> = validation
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        let problems = errors
            .iter()
            .map(|d| Problem {
                code: d.code.as_str().to_owned(),
                path: d.path.clone(),
                message: d.message.clone(),
            })
            .collect();
        // The refusal is recorded: who sent what, and why.
        submit(
            &app,
            &ctx,
            CrisisCommand::RejectAlert {
                xml_hash: hash_text,
                xml_size: size,
                sender: None,
                problems,
            },
        )
        .await?;
        return Err(AppError::Invalid(
            errors
                .iter()
                .map(|d| FieldError {
                    field: d.path.clone(),
                    message: format!("{}: {}", d.code.as_str(), d.message),
                })
                .collect(),
        ));
    };
    app.journal
        .store()
        .put_blob(&Blob {
            hash,
            media_type: "application/cap+xml".to_owned(),
            bytes: body.to_vec(),
        })
        .await?;
    let receipt = submit(&app, &ctx, CrisisCommand::ReceiveAlert { summary }).await?;
    let id = app
        .journal
        .state()
        .crisis()
        .alerts()
        .keys()
        .next_back()
        .map(|a| a.0);
    Ok((
        StatusCode::CREATED,
        Json(
            json!({"first": receipt.first.0, "count": receipt.count, "size": receipt.size, "alert": id, "xml": hash_text}),
        ),
    ))
}
