//! Reading entries for pages and the API alike: a range of entries, one entry with its body
//! when the reader is cleared for it, and its inclusion proof against the latest checkpoint.

use std::sync::Arc;

use accord_core::{Envelope, Resource};
use accord_ledger::offline::TlogProof;
use accord_store::Store as _;

use crate::access::may_read;
use crate::app::AppState;
use crate::cache::Kept;
use crate::error::AppError;
use crate::viewer::Ctx;

/// Entries `[from, to)` of the committed log, newest first: their envelopes with what is kept
/// of them (the newest are kept in memory, [`crate::cache`]).
pub async fn newest_first(app: &AppState, from: u64, to: u64) -> Result<Vec<Arc<Kept>>, AppError> {
    let mut entries = app.cache.entries(app, from, to).await?;
    entries.reverse();
    Ok(entries)
}

/// One entry, loaded with its body when the reader is cleared for it.
#[derive(Debug)]
pub struct Loaded {
    /// The entry as hashed into the log.
    pub entry: Vec<u8>,
    /// Its envelope.
    pub envelope: Envelope,
    /// Its body, when the reader is cleared for it.
    pub body: Option<Vec<u8>>,
}

/// Entry `seq` of the committed log (404 beyond it).
pub async fn load(app: &AppState, ctx: &Ctx, seq: u64) -> Result<Loaded, AppError> {
    if seq >= app.journal.committed() {
        return Err(AppError::NotFound);
    }
    let store = app.journal.store();
    let stored = store
        .entries(seq, 1)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let envelope =
        Envelope::parse(&stored.entry).map_err(|e| AppError::internal("a stored entry", e))?;
    let bytes = store
        .body(&envelope.body_hash())
        .await?
        .ok_or_else(|| AppError::internal("a body is missing", seq))?;
    let (classification, release) = access_of(&envelope, &bytes)?;
    let body = may_read(
        ctx,
        &Resource {
            classification,
            release: &release,
        },
    )
    .then_some(bytes);
    Ok(Loaded {
        entry: stored.entry,
        envelope,
        body,
    })
}

/// The inclusion proof of `seq` against the latest checkpoint, if it covers the entry, with
/// that checkpoint's size.
pub fn proof_for(
    app: &AppState,
    seq: u64,
    entry: &[u8],
) -> Result<Option<(u64, TlogProof)>, AppError> {
    let Some(cp) = app.journal.latest_checkpoint() else {
        return Ok(None);
    };
    if seq >= cp.size {
        return Ok(None);
    }
    let hashes = app
        .journal
        .inclusion_proof(seq, cp.size)
        .map_err(|e| AppError::internal("an inclusion proof", e))?;
    Ok(Some((
        cp.size,
        TlogProof {
            extra: Some(entry.to_vec()),
            index: seq,
            hashes,
            checkpoint: cp.note.into_bytes(),
        },
    )))
}

/// Who may read an entry's body: its classification, and the release list its event carries
/// (which is why the stored body is opened against the envelope first).
pub fn access_of(
    envelope: &Envelope,
    body: &[u8],
) -> Result<(accord_core::Classification, Vec<accord_core::Recipient>), AppError> {
    let event = envelope
        .open(body)
        .map_err(|e| AppError::internal("a stored body", e))?;
    Ok((envelope.classification(), event.release().to_vec()))
}
