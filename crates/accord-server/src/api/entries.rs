//! The log through the API: entries (envelopes, with bodies for cleared readers and inclusion
//! proofs), the latest checkpoint, and who the caller is.

use accord_core::{Action, Classification, Envelope};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse as _, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

/// An entry's envelope.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryView {
    /// Its index in the log.
    seq: u64,
    /// The event's kind (`note.recorded`).
    kind: String,
    /// When it was recorded (RFC 3339, UTC).
    time: String,
    /// `system` or the account that acted.
    actor: String,
    /// public, restricted or confidential.
    classification: String,
    /// SHA-256 of the body, hex.
    body_hash: String,
}

impl From<&Envelope> for EntryView {
    fn from(e: &Envelope) -> Self {
        EntryView {
            seq: e.seq().0,
            kind: e.kind().to_owned(),
            time: e.time().to_string(),
            actor: e.actor().as_str().to_owned(),
            classification: e.classification().as_str().to_owned(),
            body_hash: e.body_hash().to_hex(),
        }
    }
}

/// The page of entries asked for.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Entries before this index (default: the end of the log).
    before: Option<u64>,
    /// How many (1 to 500, default 100).
    limit: Option<u64>,
}

/// The latest entries, newest first.
#[utoipa::path(get, path = "/api/v1/entries", tag = "log", params(ListQuery),
    responses((status = 200, body = [EntryView]), (status = 422, body = crate::error::Problem)))]
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let limit = query.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(AppError::Invalid(vec![crate::error::FieldError {
            field: "limit".into(),
            message: format!("{limit} is not between 1 and 500"),
        }]));
    }
    let committed = app.journal.committed();
    let before = query.before.unwrap_or(committed).min(committed);
    // The envelopes' JSON is kept with them ([`crate::cache`]): the list is only joined.
    let json = app
        .cache
        .envelopes_json(&app, before.saturating_sub(limit), before)
        .await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        json,
    )
        .into_response())
}

/// An entry's inclusion proof.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProofView {
    /// The checkpoint's size.
    size: u64,
    /// The proof's hashes, base64, from the leaf up.
    hashes: Vec<String>,
    /// The signed checkpoint note.
    checkpoint: String,
}

/// An entry with its body (when the caller is cleared for it) and its proof.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryDetail {
    /// The envelope.
    #[serde(flatten)]
    envelope: EntryView,
    /// The canonical JSON entry, as hashed into the log.
    entry: String,
    /// The event's body, or null when the caller is not cleared for it.
    #[schema(value_type = Object)]
    body: Option<serde_json::Value>,
    /// The inclusion proof against the latest checkpoint, once one covers the entry.
    proof: Option<ProofView>,
}

/// One entry.
#[utoipa::path(get, path = "/api/v1/entries/{seq}", tag = "log",
    params(("seq" = u64, Path, description = "the entry's index")),
    responses((status = 200, body = EntryDetail), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(seq): Path<u64>,
) -> Result<Json<EntryDetail>, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let loaded = crate::entries::load(&app, &ctx, seq).await?;
    let body = match &loaded.body {
        Some(bytes) => Some(
            serde_json::from_slice(bytes).map_err(|e| AppError::internal("a stored body", e))?,
        ),
        None => None,
    };
    let proof = crate::entries::proof_for(&app, seq, &loaded.entry)?.map(|(size, p)| ProofView {
        size,
        hashes: p
            .hashes
            .iter()
            .map(accord_ledger::Hash::to_base64)
            .collect(),
        checkpoint: String::from_utf8_lossy(&p.checkpoint).into_owned(),
    });
    Ok(Json(EntryDetail {
        envelope: EntryView::from(&loaded.envelope),
        entry: String::from_utf8_lossy(&loaded.entry).into_owned(),
        body,
        proof,
    }))
}

/// The latest checkpoint and who cosigned it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckpointView {
    /// The log's size at the checkpoint.
    size: u64,
    /// The signed note, with the witnesses' cosignature lines.
    note: String,
    /// The witnesses that cosigned it.
    witnesses: Vec<String>,
    /// Whether enough witnesses cosigned it.
    witnessed: bool,
}

/// The latest checkpoint.
#[utoipa::path(get, path = "/api/v1/checkpoint", tag = "log",
    responses((status = 200, body = CheckpointView), (status = 404, body = crate::error::Problem)))]
pub async fn checkpoint(
    State(app): State<AppState>,
    ctx: Ctx,
) -> Result<Json<CheckpointView>, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let cp = app
        .cache
        .latest_checkpoint(&app)
        .await?
        .ok_or(AppError::NotFound)?;
    let witnesses: Vec<String> = cp.cosignatures.iter().map(|c| c.witness.clone()).collect();
    Ok(Json(CheckpointView {
        size: cp.size,
        note: cp.cosigned_note.clone(),
        witnessed: witnesses.len() >= app.config.witness_quorum,
        witnesses,
    }))
}

/// The caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    /// The account, if signed in.
    account: Option<String>,
    /// The user name, if signed in.
    username: Option<String>,
    /// The affiliation.
    #[schema(value_type = Object)]
    affiliation: accord_core::Affiliation,
    /// The roles.
    roles: Vec<String>,
}

/// Who the caller is, as the policy sees them.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = MeView)))]
pub async fn me(ctx: Ctx) -> Result<Json<MeView>, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let principal = &ctx.viewer.principal;
    Ok(Json(MeView {
        account: ctx.viewer.account.as_ref().map(|(id, _)| id.to_string()),
        username: ctx.viewer.account.as_ref().map(|(_, name)| name.clone()),
        affiliation: principal.affiliation().clone(),
        roles: principal
            .roles()
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect(),
    }))
}
