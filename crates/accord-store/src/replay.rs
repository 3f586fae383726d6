//! Start-up: the state is rebuilt by replaying the log, the tree is recomputed from the entries
//! and checked against the stored tiles and the last signed checkpoint. The first thing that
//! does not match stops start-up, naming the entry's index.

use accord_core::{Envelope, Event, LogIndex, State, apply};
use accord_ledger::{
    Hash, MemoryTileStore, Recording, SignedCheckpoint, Tile, TileId, TileStore as _, Tree,
    VerifierKey, leaf_hash,
};

use crate::{CheckpointRow, EntryWithBody, Store, StoreError};

/// Entries read from the store per page during replay.
const PAGE: u32 = 10_000;

/// Why the log cannot be vouched for.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something in the log was altered or removed.
    #[error("the log cannot be vouched for at entry {index}: {what}")]
    Tampered {
        /// The first index found bad.
        index: u64,
        /// What is wrong there.
        what: String,
    },
    /// A stored tile differs from the tree the entries give.
    #[error(
        "the log cannot be vouched for at entry {first_entry}: it does not match stored tile {level}/{tile} at hash {position}; the entry or the tile was altered or removed"
    )]
    TileAltered {
        /// The tile's level.
        level: u8,
        /// The tile's index.
        tile: u64,
        /// The first differing hash in the tile.
        position: usize,
        /// The first entry under that hash.
        first_entry: u64,
    },
    /// The last signed checkpoint does not verify or does not match the log.
    #[error("the last signed checkpoint (size {size}) {what}")]
    Checkpoint {
        /// Its size.
        size: u64,
        /// What is wrong.
        what: String,
    },
}

/// What replay rebuilt.
#[derive(Debug)]
pub(crate) struct Replayed {
    pub(crate) state: State,
    pub(crate) tree: Tree<Recording<MemoryTileStore>>,
    pub(crate) checkpoint: Option<CheckpointRow>,
}

fn tampered(index: u64, what: impl Into<String>) -> ReplayError {
    ReplayError::Tampered {
        index,
        what: what.into(),
    }
}

/// Replays the whole log in `store`, checking everything against `log_key`.
///
/// Three stages run side by side, each handing the next a page at a time through a short
/// queue: this task reads pages from the store; a checker thread checks each page's entries
/// (spread over every core); an applier thread folds the events into the state and the leaf
/// hashes into the tree, in log order. Checking in order means the first error found is the
/// one at the lowest index.
pub(crate) async fn replay(
    store: &impl Store,
    log_key: &VerifierKey,
) -> Result<Replayed, ReplayError> {
    let (pages, page_queue) = tokio::sync::mpsc::channel::<Vec<EntryWithBody>>(2);
    let (checked, checked_queue) = std::sync::mpsc::sync_channel::<Vec<(Event, Hash)>>(2);
    let checker = std::thread::spawn(move || check_pages(page_queue, &checked));
    let applier = std::thread::spawn(move || apply_pages(&checked_queue));
    let mut next: u64 = 0;
    let read = loop {
        let page = match store.entries_with_bodies(next, PAGE).await {
            Ok(page) => page,
            Err(e) => break Err(e),
        };
        if page.is_empty() {
            break Ok(());
        }
        next += page.len() as u64;
        if pages.send(page).await.is_err() {
            // The checker stopped at a bad entry; its error is the one to report.
            break Ok(());
        }
    };
    drop(pages);
    let checks = tokio::task::spawn_blocking(move || {
        let checks = checker.join().expect("the replay checker panicked");
        let applied = applier.join().expect("the replay applier panicked");
        checks.map(|()| applied)
    })
    .await
    .expect("joining the replay threads");
    let (state, mut tree) = checks?;
    read?;
    tree.store_mut().discard_written();
    compare_tiles(store, tree.store().inner()).await?;
    let checkpoint = store.latest_checkpoint().await?;
    if let Some(cp) = &checkpoint {
        check_checkpoint(cp, &tree, log_key)?;
    }
    Ok(Replayed {
        state,
        tree,
        checkpoint,
    })
}

/// The checker stage: checks each page as it comes and hands on its events and leaf hashes.
fn check_pages(
    mut pages: tokio::sync::mpsc::Receiver<Vec<EntryWithBody>>,
    checked: &std::sync::mpsc::SyncSender<Vec<(Event, Hash)>>,
) -> Result<(), ReplayError> {
    let mut next = 0;
    while let Some(page) = pages.blocking_recv() {
        let events = check_page(&page, next)?;
        next += page.len() as u64;
        drop(page);
        if checked.send(events).is_err() {
            break;
        }
    }
    Ok(())
}

/// The applier stage: folds the checked events into the state and their leaves into the tree.
fn apply_pages(
    checked: &std::sync::mpsc::Receiver<Vec<(Event, Hash)>>,
) -> (State, Tree<Recording<MemoryTileStore>>) {
    let mut state = State::default();
    let mut tree = Tree::new(Recording::new(MemoryTileStore::new()));
    for events in checked {
        let mut leaves = Vec::with_capacity(events.len());
        for (event, leaf) in events {
            apply(&mut state, &event);
            leaves.push(leaf);
        }
        tree.append_leaf_hashes(leaves)
            .expect("the in-memory tile store accepts tiles in order");
    }
    (state, tree)
}

/// Checks one page of entries from index `first` on every core; returns their events and
/// leaf hashes in order.
fn check_page(page: &[EntryWithBody], first: u64) -> Result<Vec<(Event, Hash)>, ReplayError> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = page.len().div_ceil(threads).max(1);
    let checked: Vec<Result<Vec<(Event, Hash)>, ReplayError>> = std::thread::scope(|scope| {
        let workers: Vec<_> = page
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                let from = first + (n * chunk) as u64;
                scope.spawn(move || check_entries(part, from))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a replay checker panicked"))
            .collect()
    });
    let mut out = Vec::with_capacity(page.len());
    // Chunks are in order, so the first error found is the one at the lowest index.
    for part in checked {
        out.extend(part?);
    }
    Ok(out)
}

/// Checks entries from index `first` on: each follows on, parses as its own envelope, and has
/// its body, which hashes to what the envelope names and decodes as its kind.
fn check_entries(part: &[EntryWithBody], first: u64) -> Result<Vec<(Event, Hash)>, ReplayError> {
    let mut out = Vec::with_capacity(part.len());
    for (i, e) in part.iter().enumerate() {
        let index = first + i as u64;
        if e.seq != index {
            return Err(tampered(index, "the entry is missing"));
        }
        let envelope = Envelope::parse(&e.entry)
            .map_err(|err| tampered(index, format!("the entry does not parse: {err}")))?;
        if envelope.seq() != LogIndex(index) {
            return Err(tampered(
                index,
                format!("the entry says it is entry {}", envelope.seq().0),
            ));
        }
        let body = e
            .body
            .as_deref()
            .ok_or_else(|| tampered(index, "its body is missing"))?;
        let event = envelope
            .open(body)
            .map_err(|err| tampered(index, format!("its body does not match: {err}")))?;
        out.push((event, leaf_hash(&e.entry)));
    }
    Ok(out)
}

/// The stored tiles must be exactly the tiles the entries give: every one there, at the same
/// width, with the same hashes. (An append writes its entries and tiles in one transaction, so
/// nothing may lag.) The first difference names the first entry under the differing hash.
async fn compare_tiles(
    store: &impl Store,
    recomputed: &MemoryTileStore,
) -> Result<(), ReplayError> {
    let stored: std::collections::HashMap<TileId, Tile> = store
        .tiles()
        .await?
        .into_iter()
        .map(|t| (t.id(), t))
        .collect();
    for ours in recomputed.tiles() {
        let id = ours.id();
        let position = match stored.get(&id) {
            None => Some(0),
            Some(tile) => tile
                .hashes()
                .iter()
                .zip(ours.hashes())
                .position(|(a, b)| a != b)
                .or((tile.width() != ours.width()).then(|| tile.width().min(ours.width()))),
        };
        if let Some(position) = position {
            return Err(ReplayError::TileAltered {
                level: id.level,
                tile: id.index,
                position,
                first_entry: first_entry_under(id, position),
            });
        }
    }
    if let Some(extra) = stored.keys().find(|id| {
        recomputed
            .get_tile(**id)
            .expect("the memory store does not fail")
            .is_none()
    }) {
        return Err(ReplayError::TileAltered {
            level: extra.level,
            tile: extra.index,
            position: 0,
            first_entry: first_entry_under(*extra, 0),
        });
    }
    Ok(())
}

/// The first entry under hash `position` of tile `id` (saturating for tiles beyond any log).
fn first_entry_under(id: TileId, position: usize) -> u64 {
    let node = id.index.saturating_mul(256).saturating_add(position as u64);
    node.checked_shl(8 * u32::from(id.level))
        .filter(|n| n >> (8 * u32::from(id.level)) == node)
        .unwrap_or(u64::MAX)
}

fn check_checkpoint(
    cp: &CheckpointRow,
    tree: &Tree<Recording<MemoryTileStore>>,
    log_key: &VerifierKey,
) -> Result<(), ReplayError> {
    let bad = |what: String| ReplayError::Checkpoint {
        size: cp.size,
        what,
    };
    let signed = SignedCheckpoint::open(cp.note.as_bytes(), log_key)
        .map_err(|e| bad(format!("does not verify with the log key: {e}")))?;
    let checkpoint = signed.checkpoint();
    if checkpoint.size() != cp.size {
        return Err(bad(format!(
            "is stored as size {} but says {}",
            cp.size,
            checkpoint.size()
        )));
    }
    if cp.size > tree.size() {
        return Err(tampered(
            tree.size(),
            format!(
                "the log ends here, but a checkpoint was signed for {} entries",
                cp.size
            ),
        ));
    }
    let root = tree.root_at(cp.size).expect("size checked");
    if root != *checkpoint.root() {
        return Err(bad(format!(
            "commits to root {}, but the entries give {root}",
            checkpoint.root()
        )));
    }
    Ok(())
}
