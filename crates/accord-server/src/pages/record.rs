//! The record explorer: the latest entries (kind, time, actor, classification), the latest
//! checkpoint with its witnesses, and each entry with its body (for cleared readers) and its
//! inclusion proof against the latest checkpoint, checked in the page and downloadable.

use std::sync::Arc;

use accord_core::{Action, Actor, Classification, Envelope};
use accord_ledger::{SignedCheckpoint, VerifierKey};
use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::Deserialize;

use crate::access::require;
use crate::app::AppState;
use crate::cache::Kept;
use crate::entries::{load, newest_first, proof_for};
use crate::error::AppError;
use crate::i18n::{Arg, Tr, UiLang};
use crate::viewer::Ctx;

use super::{Page, here, render};

/// Entries per page of the explorer.
const PAGE: u64 = 50;

/// A row of the entry table.
#[derive(Debug)]
pub struct EntryRow {
    /// Its index.
    pub seq: u64,
    /// Its kind, in words.
    pub kind: String,
    /// When.
    pub time: String,
    /// Who.
    pub actor: String,
    /// Its classification, in words.
    pub class: String,
    /// Its classification's code (for styling).
    pub class_code: &'static str,
}

/// The kind of an event in words.
pub fn kind_text(tr: &Tr<'_>, kind: &str) -> String {
    let id = format!("kind-{}", kind.replace('.', "-"));
    if accord_core::EVENT_KINDS.contains(&kind) {
        tr.t(&id)
    } else {
        tr.a("kind-unknown", "kind", kind)
    }
}

/// A classification in words.
pub fn class_text(tr: &Tr<'_>, class: Classification) -> String {
    tr.t(&format!("class-{}", class.as_str()))
}

fn row(tr: &Tr<'_>, envelope: &Envelope) -> EntryRow {
    EntryRow {
        seq: envelope.seq().0,
        kind: kind_text(tr, envelope.kind()),
        time: envelope.time().to_string(),
        actor: match envelope.actor() {
            Actor::System => tr.t("affiliation-system"),
            Actor::Account(a) => a.as_str().to_owned(),
        },
        class: class_text(tr, envelope.classification()),
        class_code: envelope.classification().as_str(),
    }
}

#[derive(Template)]
#[template(path = "entry_row.html")]
struct RowHtml<'a> {
    row: &'a EntryRow,
}

/// The rows of the entry table (HTML, escaped) for these entries, in their order: each rendered
/// once per entry and language and kept with the entry ([`crate::cache`]).
pub fn rows(tr: &Tr<'_>, lang: UiLang, entries: &[Arc<Kept>]) -> Result<Vec<Arc<str>>, AppError> {
    entries
        .iter()
        .map(|kept| {
            kept.row(lang, |envelope| {
                RowHtml {
                    row: &row(tr, envelope),
                }
                .render()
                .map_err(|e| AppError::internal("a row failed to render", e))
            })
        })
        .collect()
}

/// The latest checkpoint as the explorer shows it.
#[derive(Debug)]
pub struct CheckpointView {
    summary: String,
    status: String,
    witnessed: bool,
    note: String,
}

/// A witness's progress.
#[derive(Debug)]
pub struct WitnessView {
    name: String,
    size: u64,
    time: String,
}

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage<'a> {
    page: Page<'a>,
    size: String,
    checkpoint: Option<CheckpointView>,
    witnesses: Vec<WitnessView>,
    rows: Vec<Arc<str>>,
    last_seq: u64,
    older: Option<u64>,
    newer: bool,
}

/// The explorer's query: entries before this index.
#[derive(Debug, Deserialize)]
pub struct RecordQuery {
    before: Option<u64>,
}

/// `GET /record`.
pub async fn index(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
    Query(query): Query<RecordQuery>,
) -> Result<Response, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let committed = app.journal.committed();
    let before = query.before.unwrap_or(committed).min(committed);
    let from = before.saturating_sub(PAGE);
    let list = newest_first(&app, from, before).await?;
    let tr = app.catalog.tr(ctx.lang);
    let (checkpoint, witnesses) = checkpoint_view(&app, &tr).await?;
    let page = RecordPage {
        page: {
            let page = Page::new(&app, &ctx, &here(&uri), tr.t("record-title"));
            // The newest page takes new rows as they come; an older page stays as it is.
            if before < committed {
                page
            } else {
                page.live()
            }
        },
        size: tr.n("record-size", committed),
        checkpoint,
        witnesses,
        rows: rows(&tr, ctx.lang, &list)?,
        last_seq: before.saturating_sub(1),
        older: (from > 0).then_some(from),
        newer: before < committed,
    };
    render(StatusCode::OK, &page)
}

async fn checkpoint_view(
    app: &AppState,
    tr: &Tr<'_>,
) -> Result<(Option<CheckpointView>, Vec<WitnessView>), AppError> {
    let label = |name: &str| {
        app.config
            .witnesses
            .iter()
            .find(|w| w.key.name().as_str() == name)
            .map_or_else(|| name.to_owned(), |w| w.label.clone())
    };
    // No checkpoint, no cosignatures: witnesses cosign only checkpoints this log signed.
    let Some(cp) = app.cache.latest_checkpoint(app).await? else {
        return Ok((None, Vec::new()));
    };
    let witnesses: Vec<WitnessView> = cp
        .latest_cosignatures
        .iter()
        .map(|c| WitnessView {
            name: label(&c.witness),
            size: c.size,
            time: accord_core::Timestamp::from_unix_seconds(c.timestamp)
                .map(|t| t.to_string())
                .unwrap_or_default(),
        })
        .collect();
    let have = cp.cosignatures.len();
    let need = app.config.witness_quorum;
    let witnessed = have >= need;
    let args = [
        ("have", Arg::Num(have as u64)),
        ("need", Arg::Num(need as u64)),
    ];
    Ok((
        Some(CheckpointView {
            summary: tr.args(
                "record-checkpoint-size",
                &[
                    ("size", Arg::Num(cp.size)),
                    ("root", Arg::Str(&cp.root_b64)),
                ],
            ),
            status: tr.args(
                if witnessed {
                    "record-witnessed"
                } else {
                    "record-not-witnessed"
                },
                &args,
            ),
            witnessed,
            note: cp.cosigned_note.clone(),
        }),
        witnesses,
    ))
}

#[derive(Template)]
#[template(path = "rows_fragment.html")]
struct RowsFragment {
    rows: Vec<Arc<str>>,
}

/// The query of the live rows.
#[derive(Debug, Deserialize)]
pub struct AfterQuery {
    after: u64,
}

/// `GET /record/rows?after=N`: the rows of the entries after N (at most a page), newest first,
/// as an HTML fragment for the live explorer.
pub async fn rows_after(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(query): Query<AfterQuery>,
) -> Result<Response, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let committed = app.journal.committed();
    let from = query.after.saturating_add(1).min(committed);
    let to = committed.min(from + PAGE);
    let tr = app.catalog.tr(ctx.lang);
    let list = newest_first(&app, from, to).await?;
    render(
        StatusCode::OK,
        &RowsFragment {
            rows: rows(&tr, ctx.lang, &list)?,
        },
    )
}

/// The proof as the entry page shows it.
#[derive(Debug)]
pub struct ProofView {
    entry_b64: String,
    size: u64,
    root_b64: String,
    hashes: String,
    checkpoint: String,
    against: String,
}

#[derive(Template)]
#[template(path = "entry.html")]
struct EntryPage<'a> {
    page: Page<'a>,
    seq: u64,
    kind: String,
    time: String,
    actor: String,
    class: String,
    body_hash: String,
    entry_json: String,
    body: Option<String>,
    proof: Option<ProofView>,
}

/// The root (base64) of a checkpoint this server signed.
fn root_of(note: &[u8], key: &VerifierKey) -> Result<String, AppError> {
    let signed = SignedCheckpoint::open(note, key)
        .map_err(|e| AppError::internal("the latest checkpoint does not open", e))?;
    Ok(signed.checkpoint().root().to_base64())
}

/// `GET /record/{seq}`.
pub async fn entry(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
    Path(seq): Path<u64>,
) -> Result<Response, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let loaded = load(&app, &ctx, seq).await?;
    let tr = app.catalog.tr(ctx.lang);
    let proof = match proof_for(&app, seq, &loaded.entry)? {
        None => None,
        Some((size, p)) => {
            let root_b64 = root_of(&p.checkpoint, &app.log_key)?;
            Some(ProofView {
                entry_b64: B64.encode(&loaded.entry),
                size,
                root_b64,
                hashes: p
                    .hashes
                    .iter()
                    .map(accord_ledger::Hash::to_base64)
                    .collect::<Vec<_>>()
                    .join(" "),
                checkpoint: String::from_utf8_lossy(&p.checkpoint).into_owned(),
                against: tr.args("entry-proof-against", &[("size", Arg::Num(size))]),
            })
        }
    };
    let row = row(&tr, &loaded.envelope);
    let body = loaded.body.map(|b| pretty_json(&b));
    let page = EntryPage {
        page: Page::new(
            &app,
            &ctx,
            &here(&uri),
            tr.args("entry-title", &[("seq", Arg::Num(seq))]),
        ),
        seq,
        kind: row.kind,
        time: row.time,
        actor: row.actor,
        class: row.class,
        body_hash: loaded.envelope.body_hash().to_hex(),
        entry_json: String::from_utf8_lossy(&loaded.entry).into_owned(),
        body,
        proof,
    };
    render(StatusCode::OK, &page)
}

fn pretty_json(bytes: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
}

/// `GET /record/{seq}/proof`: the entry's C2SP tlog-proof (the entry itself in `extra`).
pub async fn proof(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(seq): Path<u64>,
) -> Result<Response, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let loaded = load(&app, &ctx, seq).await?;
    let (_, proof) = proof_for(&app, seq, &loaded.entry)?.ok_or(AppError::NotFound)?;
    let mut response = proof.to_text().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    let disposition = format!("attachment; filename=\"entry-{seq}.tlog-proof\"");
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| AppError::internal("header", e))?,
    );
    Ok(response)
}
