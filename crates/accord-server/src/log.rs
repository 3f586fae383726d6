//! The log as C2SP tlog-tiles serves it: `/log/checkpoint` (the latest signed checkpoint with
//! the witnesses' cosignatures), `/log/tile/<L>/<N>[.p/<W>]`, `/log/tile/entries/<N>[.p/<W>]`,
//! and `/log/bodies/<hex>` for readers cleared for the entry that names the body. Nothing beyond
//! the committed size is ever served.

use accord_core::policy::can;
use accord_core::{Action, Classification, Envelope, Resource};
use accord_ledger::{
    Hash, SignedCheckpoint, TILE_WIDTH, TileId, TileKind, TilePath, encode_bundle,
};
use accord_store::Store as _;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

const TEXT: &str = "text/plain; charset=utf-8";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const FRESH: &str = "no-cache";

fn respond(
    content_type: &'static str,
    cache: &'static str,
    body: impl Into<axum::body::Body>,
) -> Response {
    let mut response = body.into().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// The latest signed checkpoint, with the cosignature lines of the witnesses that cosigned it.
pub async fn checkpoint(State(app): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let text = cosigned_checkpoint(&app).await?.ok_or(AppError::NotFound)?;
    Ok(respond(TEXT, FRESH, text))
}

/// The latest checkpoint's note with the witnesses' lines appended, if there is a checkpoint.
pub async fn cosigned_checkpoint(app: &AppState) -> Result<Option<String>, AppError> {
    Ok(app
        .cache
        .latest_checkpoint(app)
        .await?
        .map(|cp| cp.cosigned_note.clone()))
}

/// A hash tile or an entry bundle.
pub async fn tile(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(rest): Path<String>,
) -> Result<Response, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let path: TilePath = format!("tile/{rest}")
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let width = usize::from(path.width);
    let cache = if path.is_partial() { FRESH } else { IMMUTABLE };
    match path.kind {
        TileKind::Hashes(level) => {
            let bytes = app
                .journal
                .tile_bytes(TileId {
                    level,
                    index: path.index,
                })
                .filter(|b| b.len() >= width * accord_ledger::HASH_SIZE)
                .ok_or(AppError::NotFound)?;
            // A partial request is answered with exactly the hashes asked for.
            let bytes = bytes[..width * accord_ledger::HASH_SIZE].to_vec();
            Ok(respond("application/octet-stream", cache, bytes))
        }
        TileKind::Entries => {
            let first = path
                .index
                .checked_mul(TILE_WIDTH as u64)
                .ok_or(AppError::NotFound)?;
            if first + width as u64 > app.journal.committed() {
                return Err(AppError::NotFound);
            }
            let rows = app
                .journal
                .store()
                .entries(first, u32::from(path.width))
                .await?;
            if rows.len() != width {
                return Err(AppError::internal(
                    "an entry bundle is short",
                    format!("{} of {width} entries at {first}", rows.len()),
                ));
            }
            let entries: Vec<&[u8]> = rows.iter().map(|r| r.entry.as_slice()).collect();
            let bundle =
                encode_bundle(&entries).map_err(|e| AppError::internal("entry bundle", e))?;
            Ok(respond("application/octet-stream", cache, bundle))
        }
    }
}

/// An event body by its hash, for a reader the policy lets read the entry that names it.
pub async fn body(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(hex): Path<String>,
) -> Result<Response, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let hash = Hash::from_hex(&hex).map_err(|_| AppError::NotFound)?;
    let store = app.journal.store();
    let entry = store
        .entry_for_body(&hash)
        .await?
        .ok_or(AppError::NotFound)?;
    if entry.seq >= app.journal.committed() {
        return Err(AppError::NotFound);
    }
    let envelope =
        Envelope::parse(&entry.entry).map_err(|e| AppError::internal("a stored entry", e))?;
    let bytes = store.body(&hash).await?.ok_or(AppError::NotFound)?;
    let (classification, release) = crate::entries::access_of(&envelope, &bytes)?;
    let resource = Resource {
        classification,
        release: &release,
    };
    crate::access::decide(&ctx, can(&ctx.viewer.principal, Action::Read, &resource))?;
    Ok(respond("application/json", "private, no-cache", bytes))
}

/// `POST /log/witness/add-checkpoint`: a member state's witness submits its cosignature of one
/// of this log's checkpoints (the C2SP tlog-witness request: the old size it had cosigned, the
/// consistency proof it checked, and the checkpoint with its cosignature line). The server
/// accepts only configured witness keys, checks the cosignature and the proof against its own
/// tree, and stores the cosignature with the checkpoint.
pub async fn add_checkpoint(
    State(app): State<AppState>,
    ctx: Ctx,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    use accord_ledger::witness_wire::{
        AddCheckpointRequest, MAX_REQUEST_SIZE, accept_cosignatures,
    };
    require(&ctx, Action::Cosign, Classification::Public)?;
    if body.len() > MAX_REQUEST_SIZE {
        return Err(AppError::TooLarge);
    }
    let request =
        AddCheckpointRequest::parse(&body).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let keys: Vec<_> = app.config.witnesses.iter().map(|w| w.key.clone()).collect();
    let refused = |e: accord_ledger::witness_wire::AcceptError| match e.http_status() {
        403 => AppError::UnknownWitness(e.to_string()),
        422 => AppError::Unverifiable(e.to_string()),
        _ => AppError::BadRequest(e.to_string()),
    };
    let (signed, cosignatures) =
        accept_cosignatures(&request, &app.log_key, &keys).map_err(refused)?;
    let checkpoint = signed.checkpoint();
    let size = checkpoint.size();
    let store = app.journal.store();
    // The checkpoint must be one this server signed and stored, with the same root.
    let ours = store
        .checkpoint(size)
        .await?
        .ok_or_else(|| AppError::Conflict(format!("this log has no checkpoint of size {size}")))?;
    let ours = SignedCheckpoint::open(ours.note.as_bytes(), &app.log_key)
        .map_err(|e| AppError::internal("a stored checkpoint does not open", e))?;
    if ours.checkpoint() != checkpoint {
        return Err(AppError::Conflict(format!(
            "the checkpoint of size {size} differs from the one this log signed"
        )));
    }
    if request.old > 0 {
        let old_root = app
            .journal
            .root_at(request.old)
            .map_err(|e| AppError::BadRequest(format!("old size {}: {e}", request.old)))?;
        request
            .check_proof(checkpoint, &old_root)
            .map_err(refused)?;
    }
    let mut accepted = String::new();
    for cosignature in &cosignatures {
        let line = cosignature
            .to_note_signature()
            .to_string()
            .trim_end()
            .to_owned();
        let row = accord_store::CosignatureRow {
            size,
            witness: cosignature.name().as_str().to_owned(),
            line: line.clone(),
            timestamp: i64::try_from(cosignature.timestamp()).unwrap_or(i64::MAX),
        };
        match store.put_cosignature(&row).await {
            // A witness that submits again (its earlier answer was lost) is answered the same.
            Ok(()) | Err(accord_store::StoreError::Duplicate(_)) => {
                app.cache.cosignatures_changed();
            }
            Err(e) => return Err(e.into()),
        }
        tracing::info!(witness = %row.witness, checkpoint.size = size, "cosignature stored");
        accepted.push_str(&line);
        accepted.push('\n');
    }
    Ok(respond(TEXT, "no-store", accepted))
}
