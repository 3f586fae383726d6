//! What reads repeat, kept in memory so that the hot pages and API reads make no store round
//! trip and build nothing twice: the newest entries, the organisation, live events, and the
//! latest checkpoint with its root and cosignatures.
//!
//! - **Entries** never change once committed (the log is append-only), so nothing kept about
//!   one goes stale. The newest [`WINDOW`] are kept, each with its JSON as the API lists it
//!   and its row of the entry table in each interface language (rendered when first shown); a
//!   read of older entries goes to the store, as does the first read of new ones.
//! - **The organisation** (`/api/v1/organisation`, as JSON) is a function of the state, which
//!   changes only when the log grows, and of the day (the chair rotates): it is kept for the
//!   log's size and the day it was built for.
//! - **Live events** (`/api/v1/events/stream`): each applied entry is rendered once for the
//!   streams whose reader is cleared for its body and once for the others, not once per
//!   stream; the last [`LIVE`] are kept.
//! - **The latest checkpoint** is keyed by its note, which changes when the journal signs a new
//!   one. Its cosignatures are stored by this server's `add-checkpoint` handler, which calls
//!   [`ReadCache::cosignatures_changed`]; a cosignature another node stored in a shared database
//!   shows within [`COSIGNATURES_TTL`].

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use accord_core::{Date, Envelope};
use accord_ledger::SignedCheckpoint;
use accord_store::{CosignatureRow, Store as _};
use axum::body::Bytes;
use axum::response::sse::Event;

use crate::api::entries::EntryView;
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::UiLang;

/// How many of the newest entries' envelopes are kept.
pub const WINDOW: u64 = 4096;

/// How many rendered live events are kept.
pub const LIVE: usize = 64;

/// How long cosignatures read from the store are trusted to be all there are.
pub const COSIGNATURES_TTL: Duration = Duration::from_secs(1);

/// The latest checkpoint as the pages and the API show it.
#[derive(Debug)]
pub struct LatestCheckpoint {
    /// Its size.
    pub size: u64,
    /// The signed note, as the journal signed it.
    pub note: String,
    /// The tree's root it states, base64.
    pub root_b64: String,
    /// The note with the witnesses' cosignature lines appended.
    pub cosigned_note: String,
    /// The cosignatures of this checkpoint.
    pub cosignatures: Vec<CosignatureRow>,
    /// Each witness's cosignature of the largest checkpoint it cosigned.
    pub latest_cosignatures: Vec<CosignatureRow>,
    generation: u64,
    read_at: Instant,
}

/// An entry kept: its envelope, the envelope as the API lists it in JSON, and its row of the
/// entry table (HTML) in each interface language once it has been shown.
#[derive(Debug)]
pub struct Kept {
    /// Its envelope.
    pub envelope: Envelope,
    json: String,
    rows: [OnceLock<Arc<str>>; UiLang::ALL.len()],
}

impl Kept {
    /// Its row of the entry table in `lang`, rendered by `render` the first time.
    pub fn row(
        &self,
        lang: UiLang,
        render: impl FnOnce(&Envelope) -> Result<String, AppError>,
    ) -> Result<Arc<str>, AppError> {
        let index = UiLang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        if let Some(row) = self.rows[index].get() {
            return Ok(row.clone());
        }
        let row: Arc<str> = render(&self.envelope)?.into();
        Ok(self.rows[index].get_or_init(|| row).clone())
    }
}

/// A response built from the state, for the log's size and the day it was built for.
#[derive(Debug)]
struct FromState {
    size: u64,
    day: Date,
    body: Bytes,
}

/// The cache (one per server).
#[derive(Debug, Default)]
pub struct ReadCache {
    envelopes: RwLock<BTreeMap<u64, Arc<Kept>>>,
    organisation: RwLock<Option<FromState>>,
    /// `(seq, cleared for the body, event)`, newest last.
    live: Mutex<VecDeque<(u64, bool, Event)>>,
    checkpoint: RwLock<Option<Arc<LatestCheckpoint>>>,
    /// Bumped whenever this server stores a cosignature.
    generation: AtomicU64,
}

impl ReadCache {
    /// The envelopes of entries `[from, to)` (all committed) as the API lists them: a JSON
    /// array, newest first.
    pub async fn envelopes_json(
        &self,
        app: &AppState,
        from: u64,
        to: u64,
    ) -> Result<Vec<u8>, AppError> {
        let entries = self.entries(app, from, to).await?;
        let mut out =
            Vec::with_capacity(2 + entries.iter().map(|e| e.json.len() + 1).sum::<usize>());
        out.push(b'[');
        for (i, entry) in entries.iter().rev().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(entry.json.as_bytes());
        }
        out.push(b']');
        Ok(out)
    }

    /// Entries `[from, to)` (all committed), oldest first: from memory when all are kept, else
    /// from the store (keeping those within the window).
    pub async fn entries(
        &self,
        app: &AppState,
        from: u64,
        to: u64,
    ) -> Result<Vec<Arc<Kept>>, AppError> {
        let wanted = usize::try_from(to.saturating_sub(from)).unwrap_or(usize::MAX);
        {
            let kept = self.envelopes.read().expect("not poisoned");
            let hits: Vec<Arc<Kept>> = kept.range(from..to).map(|(_, e)| e.clone()).collect();
            if hits.len() == wanted {
                return Ok(hits);
            }
        }
        let count = u32::try_from(wanted).unwrap_or(u32::MAX);
        let rows = app.journal.store().entries(from, count).await?;
        let list = rows
            .iter()
            .map(|r| {
                let envelope = Envelope::parse(&r.entry)
                    .map_err(|e| AppError::internal("a stored entry", e))?;
                let json = serde_json::to_string(&EntryView::from(&envelope))
                    .map_err(|e| AppError::internal("an envelope as JSON", e))?;
                Ok(Arc::new(Kept {
                    envelope,
                    json,
                    rows: Default::default(),
                }))
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let keep_from = app.journal.committed().saturating_sub(WINDOW);
        if to > keep_from {
            let mut kept = self.envelopes.write().expect("not poisoned");
            for entry in list.iter().filter(|e| e.envelope.seq().0 >= keep_from) {
                kept.insert(entry.envelope.seq().0, entry.clone());
            }
            while kept.first_key_value().is_some_and(|(k, _)| *k < keep_from) {
                kept.pop_first();
            }
        }
        Ok(list)
    }

    /// The organisation's JSON for `day`, built by `build` when the log has grown (or the day
    /// changed) since it was last built.
    pub fn organisation(
        &self,
        app: &AppState,
        day: Date,
        build: impl FnOnce() -> Result<Bytes, AppError>,
    ) -> Result<Bytes, AppError> {
        // The journal publishes the state before the size, so a state read after the size is
        // at least that new: kept under an older size, it is only built again too soon.
        let size = app.journal.committed();
        if let Some(kept) = self.organisation.read().expect("not poisoned").as_ref()
            && kept.size == size
            && kept.day == day
        {
            return Ok(kept.body.clone());
        }
        let body = build()?;
        *self.organisation.write().expect("not poisoned") = Some(FromState {
            size,
            day,
            body: body.clone(),
        });
        Ok(body)
    }

    /// Entry `seq` as a live event for a reader `cleared` for its body or not, rendered by
    /// `render` only the first time it is asked for.
    pub fn live_event(&self, seq: u64, cleared: bool, render: impl FnOnce() -> Event) -> Event {
        let mut live = self.live.lock().expect("not poisoned");
        if let Some((_, _, event)) = live.iter().find(|(s, c, _)| *s == seq && *c == cleared) {
            return event.clone();
        }
        let event = render();
        if live.len() == LIVE {
            live.pop_front();
        }
        live.push_back((seq, cleared, event.clone()));
        event
    }

    /// The latest checkpoint, its root and cosignatures, if the journal has signed one.
    pub async fn latest_checkpoint(
        &self,
        app: &AppState,
    ) -> Result<Option<Arc<LatestCheckpoint>>, AppError> {
        let Some(cp) = app.journal.latest_checkpoint() else {
            return Ok(None);
        };
        // Read before the store, so that a cosignature stored meanwhile makes the next reader
        // read again.
        let generation = self.generation.load(Ordering::Acquire);
        if let Some(cached) = self.checkpoint.read().expect("not poisoned").as_ref()
            && cached.size == cp.size
            && cached.note == cp.note
            && cached.generation == generation
            && cached.read_at.elapsed() < COSIGNATURES_TTL
        {
            return Ok(Some(cached.clone()));
        }
        let read_at = Instant::now();
        let store = app.journal.store();
        let cosignatures = store.cosignatures(cp.size).await?;
        let latest_cosignatures = store.latest_cosignatures().await?;
        let root_b64 = SignedCheckpoint::open(cp.note.as_bytes(), &app.log_key)
            .map(|s| s.checkpoint().root().to_base64())
            .map_err(|e| AppError::internal("the latest checkpoint does not open", e))?;
        let mut cosigned_note = cp.note.clone();
        for c in &cosignatures {
            cosigned_note.push_str(c.line.trim_end());
            cosigned_note.push('\n');
        }
        let fresh = Arc::new(LatestCheckpoint {
            size: cp.size,
            note: cp.note,
            root_b64,
            cosigned_note,
            cosignatures,
            latest_cosignatures,
            generation,
            read_at,
        });
        *self.checkpoint.write().expect("not poisoned") = Some(fresh.clone());
        Ok(Some(fresh))
    }

    /// Says that this server stored a cosignature: the next read of the checkpoint reads the
    /// store again.
    pub fn cosignatures_changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }
}
