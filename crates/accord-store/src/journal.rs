//! The write path: the one way the organisation's state changes.
//!
//! ```text
//! submit(Command) ─▶ sequencer task: decide(&State, &Command, now) ─▶ seal events as entries
//!   ─▶ tree.append (tiles) ─▶ store.append(entries + bodies + tiles) in ONE transaction ─▶ commit
//!   ─▶ apply to the in-memory State ─▶ broadcast ─▶ reply with the entries' indexes
//! ```
//!
//! One task owns appends, so the log has one total order. A rejected command writes nothing; a
//! failed commit leaves state and tree as they were. After a commit a checkpoint is signed, at
//! most once per interval, and a last one at shutdown.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard};
use std::time::Duration;

use accord_core::policy::Denial;
use accord_core::{
    Command, DomainError, Envelope, EnvelopeError, Event, LogIndex, Sealed, State, Timestamp,
    apply, decide,
};
use accord_ledger::{
    Checkpoint, Hash, MemoryTileStore, ProofBuildError, Recording, SignerKey, TILE_WIDTH, TileId,
    TileStore as _, Tree,
};
use tokio::sync::{broadcast, mpsc, oneshot};
use tokio::time::Instant;

use crate::replay::{ReplayError, replay};
use crate::{Batch, Blob, CheckpointRow, NewEntry, Store, StoreError};

/// Where the journal gets the time: the system clock, or a fixed one in tests.
pub trait Clock: Send + Sync + 'static {
    /// Now, to the second.
    fn now(&self) -> Timestamp;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        Timestamp::from_unix_seconds(secs).expect("the system clock is within the supported years")
    }
}

/// A clock that tells a story's times until it is released, then the system's: the demo
/// records its scenario (the organisation's December 2020) at the times it happened, then
/// goes live. Times it is set to must not go backwards, and the release must come after them.
#[derive(Debug, Default)]
pub struct ScenarioClock {
    fixed: RwLock<Option<Timestamp>>,
}

impl ScenarioClock {
    /// A clock fixed at `start`.
    pub fn starting_at(start: Timestamp) -> Self {
        ScenarioClock {
            fixed: RwLock::new(Some(start)),
        }
    }

    /// Moves the story's time to `at`.
    pub fn set(&self, at: Timestamp) {
        *self.fixed.write().expect("not poisoned") = Some(at);
    }

    /// From now on, the system clock.
    pub fn release(&self) {
        *self.fixed.write().expect("not poisoned") = None;
    }
}

impl Clock for ScenarioClock {
    fn now(&self) -> Timestamp {
        match *self.fixed.read().expect("not poisoned") {
            Some(at) => at,
            None => SystemClock.now(),
        }
    }
}

/// How the journal signs.
#[derive(Debug, Clone)]
pub struct JournalConfig {
    /// The log's origin line in its checkpoints (e.g. `accord.example/csto`).
    pub origin: String,
    /// The organisation's log key.
    pub log_key: SignerKey,
    /// The shortest time between two checkpoints.
    pub checkpoint_interval: Duration,
}

/// An event as applied, with its envelope, for live subscribers.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The envelope (its index, time, actor, kind and classification).
    pub envelope: Envelope,
    /// The event.
    pub event: Event,
}

/// What a committed command wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    /// The index of its first entry.
    pub first: LogIndex,
    /// How many entries it wrote (0 if the command changed nothing).
    pub count: usize,
    /// The log's size after it.
    pub size: u64,
}

/// Why a command was not committed. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    /// The command broke a rule (or the principal may not do this).
    #[error(transparent)]
    Rejected(#[from] DomainError),
    /// An event could not be sealed into an entry.
    #[error("an event could not be sealed: {0}")]
    Seal(#[from] EnvelopeError),
    /// The store failed; the command was not committed.
    #[error("the log could not be written: {0}")]
    Store(#[from] StoreError),
    /// The journal has stopped.
    #[error("the journal has stopped")]
    Stopped,
    /// A commit failed and the log is no longer what the journal holds (another writer, or a
    /// commit whose acknowledgement was lost); restart the node to replay and check the log.
    #[error("the journal stopped taking commands: the log changed under it; restart to replay it")]
    Halted,
}

/// Why the journal could not open.
pub type OpenError = ReplayError;

enum Request {
    Submit(
        Vec<Command>,
        Vec<Blob>,
        oneshot::Sender<Result<Vec<Receipt>, SubmitError>>,
    ),
    Shutdown(oneshot::Sender<()>),
}

/// What readers share with the sequencer.
#[derive(Debug)]
struct Shared {
    state: RwLock<State>,
    /// The tree. The sequencer appends to it before the commit; readers see it only up to
    /// `committed`.
    tree: RwLock<Tree<Recording<MemoryTileStore>>>,
    /// The size of the log as committed: what readers may see.
    committed: AtomicU64,
    checkpoint: RwLock<Option<CheckpointRow>>,
    events: broadcast::Sender<Arc<Applied>>,
}

/// The organisation's journal: state, tree and store behind one sequencer.
#[derive(Debug)]
pub struct Journal<S> {
    requests: mpsc::Sender<Request>,
    shared: Arc<Shared>,
    store: S,
    worker: tokio::task::JoinHandle<()>,
}

impl<S: Store + Clone> Journal<S> {
    /// Opens the journal over a migrated store: replays and checks the whole log (see
    /// [`ReplayError`]), then starts the sequencer.
    pub async fn open(
        store: S,
        config: JournalConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, OpenError> {
        let replayed = replay(&store, config.log_key.verifier()).await?;
        let (events, _) = broadcast::channel(1024);
        let shared = Arc::new(Shared {
            state: RwLock::new(replayed.state),
            committed: AtomicU64::new(replayed.tree.size()),
            tree: RwLock::new(replayed.tree),
            checkpoint: RwLock::new(replayed.checkpoint),
            events,
        });
        let (requests, inbox) = mpsc::channel(256);
        let sequencer = Sequencer {
            working: shared.state.read().expect("not poisoned").clone(),
            halted: false,
            store: store.clone(),
            shared: Arc::clone(&shared),
            config,
            clock,
            last_checkpoint: None,
        };
        let worker = tokio::spawn(sequencer.run(inbox));
        Ok(Journal {
            requests,
            shared,
            store,
            worker,
        })
    }
}

impl<S: Store> Journal<S> {
    /// Submits a command; waits until it is committed or refused.
    pub async fn submit(&self, command: Command) -> Result<Receipt, SubmitError> {
        let receipts = self.submit_all(vec![command]).await?;
        Ok(receipts[0])
    }

    /// Submits commands to be committed together, in order, in one transaction: each is decided
    /// with the ones before it applied; if any is refused, none is committed.
    pub async fn submit_all(&self, commands: Vec<Command>) -> Result<Vec<Receipt>, SubmitError> {
        self.submit_with_blobs(commands, Vec::new()).await
    }

    /// Submits commands with the blobs their events name: the blobs are stored in the same
    /// transaction as the entries, and not at all if a command is refused.
    pub async fn submit_with_blobs(
        &self,
        commands: Vec<Command>,
        blobs: Vec<Blob>,
    ) -> Result<Vec<Receipt>, SubmitError> {
        let (reply, answer) = oneshot::channel();
        self.requests
            .send(Request::Submit(commands, blobs, reply))
            .await
            .map_err(|_| SubmitError::Stopped)?;
        answer.await.map_err(|_| SubmitError::Stopped)?
    }

    /// Reads the current state. Do not hold the guard across an await.
    pub fn state(&self) -> RwLockReadGuard<'_, State> {
        self.shared
            .state
            .read()
            .expect("no writer panics while holding the state")
    }

    /// Live applied events, from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Applied>> {
        self.shared.events.subscribe()
    }

    /// The committed log's size and root.
    pub fn head(&self) -> (u64, Hash) {
        let size = self.committed();
        let tree = self.tree();
        let root = if size == tree.size() {
            tree.root()
        } else {
            tree.root_at(size)
                .expect("the committed size is within the tree")
        };
        (size, root)
    }

    /// The committed log's size. Tiles and proofs are served up to it, never beyond.
    pub fn committed(&self) -> u64 {
        self.shared.committed.load(Ordering::Acquire)
    }

    /// The latest signed checkpoint.
    pub fn latest_checkpoint(&self) -> Option<CheckpointRow> {
        self.shared.checkpoint.read().expect("not poisoned").clone()
    }

    /// The root of the tree of the first `size` committed entries.
    pub fn root_at(&self, size: u64) -> Result<Hash, ProofBuildError> {
        self.check_committed(size)?;
        self.tree().root_at(size)
    }

    /// The inclusion proof of entry `index` in the tree of `size` entries.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofBuildError> {
        self.check_committed(size)?;
        self.tree().inclusion_proof(index, size)
    }

    /// The consistency proof from size `old` to size `new`.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, ProofBuildError> {
        self.check_committed(new)?;
        self.tree().consistency_proof(old, new)
    }

    fn check_committed(&self, size: u64) -> Result<(), ProofBuildError> {
        let committed = self.committed();
        if size > committed {
            return Err(ProofBuildError::BeyondTree {
                size,
                tree_size: committed,
            });
        }
        Ok(())
    }

    /// A tile's served form (its hashes, concatenated) at the committed size: `None` when the
    /// committed log has no hash in it. Never wider than what is committed.
    pub fn tile_bytes(&self, id: TileId) -> Option<Vec<u8>> {
        let committed = self.committed();
        let nodes = committed.checked_shr(8 * u32::from(id.level)).unwrap_or(0);
        let width = nodes
            .saturating_sub(id.index.saturating_mul(TILE_WIDTH as u64))
            .min(TILE_WIDTH as u64);
        if width == 0 {
            return None;
        }
        let tile = self
            .tree()
            .store()
            .inner()
            .get_tile(id)
            .expect("memory store")?;
        Some(tile.to_bytes(usize::try_from(width).expect("at most 256")))
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Stops the sequencer after the commands already submitted, signing a last checkpoint.
    pub async fn shutdown(self) {
        self.close().await;
        let _ = self.worker.await;
    }

    /// Like [`Journal::shutdown`], for a journal shared with readers that may outlive it: once
    /// it returns, the last checkpoint is signed and later commands get [`SubmitError::Stopped`].
    pub async fn close(&self) {
        let (done, finished) = oneshot::channel();
        if self.requests.send(Request::Shutdown(done)).await.is_ok() {
            let _ = finished.await;
        }
    }

    fn tree(&self) -> RwLockReadGuard<'_, Tree<Recording<MemoryTileStore>>> {
        self.shared
            .tree
            .read()
            .expect("no writer panics while holding the tree")
    }
}

/// A group of commands decided and sealed: its entries, its events and a receipt per command.
type Prepared = (Vec<Sealed>, Vec<Event>, Vec<Receipt>);

/// How long to wait before trying again to store a checkpoint that failed.
const RETRY: Duration = Duration::from_secs(5);

/// The task that owns appends.
struct Sequencer<S> {
    store: S,
    /// The state commands are decided against: the published state plus the events of the
    /// group being prepared. Only the sequencer sees it; it is published after the commit.
    working: State,
    /// Set when the log changed under the journal: it then refuses every command.
    halted: bool,
    shared: Arc<Shared>,
    config: JournalConfig,
    clock: Arc<dyn Clock>,
    last_checkpoint: Option<Instant>,
}

impl<S: Store> Sequencer<S> {
    async fn run(mut self, mut inbox: mpsc::Receiver<Request>) {
        // A tail of entries left unsigned (a crash before the last checkpoint) is signed now.
        let mut due: Option<Instant> = Some(Instant::now());
        loop {
            let wake = due.unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
            tokio::select! {
                request = inbox.recv() => match request {
                    Some(Request::Submit(commands, blobs, reply)) => {
                        let result = self.handle(&commands, blobs).await;
                        if matches!(&result, Ok(r) if r.iter().any(|r| r.count > 0)) {
                            due = self.checkpoint_after_commit().await;
                        }
                        let _ = reply.send(result);
                    }
                    Some(Request::Shutdown(done)) => {
                        let _ = self.sign_checkpoint().await;
                        let _ = done.send(());
                        return;
                    }
                    None => {
                        let _ = self.sign_checkpoint().await;
                        return;
                    }
                },
                () = tokio::time::sleep_until(wake), if due.is_some() => {
                    due = self.sign_checkpoint().await;
                }
            }
        }
    }

    /// Decides, seals and commits a group of commands in one transaction: all or none.
    async fn handle(
        &mut self,
        commands: &[Command],
        blobs: Vec<Blob>,
    ) -> Result<Vec<Receipt>, SubmitError> {
        if self.halted {
            return Err(SubmitError::Halted);
        }
        let now = self.clock.now();
        let first = self.shared.tree.read().expect("not poisoned").size();
        let prepared = self.prepare(commands, first, now);
        let (sealed, events, receipts) = match prepared {
            Ok(p) => p,
            Err(e) => {
                self.reset_working();
                return Err(e);
            }
        };
        if sealed.is_empty() {
            return Ok(receipts);
        }
        let batch = {
            let mut tree = self.shared.tree.write().expect("not poisoned");
            let entries: Vec<&[u8]> = sealed.iter().map(|s| s.entry.as_slice()).collect();
            tree.append(&entries)
                .expect("entries are under 64 KiB and the memory store takes tiles in order");
            Batch {
                first_seq: first,
                entries: sealed
                    .iter()
                    .map(|s| NewEntry {
                        entry: s.entry.clone(),
                        body_hash: s.envelope.body_hash(),
                    })
                    .collect(),
                bodies: sealed
                    .iter()
                    .map(|s| (s.envelope.body_hash(), s.body.clone()))
                    .collect(),
                tiles: tree.store_mut().take_written(),
                blobs,
            }
        };
        if let Err(e) = self.store.append(&batch).await {
            self.roll_back(first);
            self.reset_working();
            // A commit can fail after the database applied it (a connection lost before the
            // acknowledgement), and another writer may have appended: either way the log is no
            // longer what this journal holds. Then stop taking commands until a restart replays.
            match self.store.log_size().await {
                Ok(size) if size == first => {}
                found => {
                    tracing::error!(
                        log.expected = first,
                        log.found = ?found.as_ref().ok(),
                        "the log is not what the journal holds after a failed commit; stopping"
                    );
                    self.halted = true;
                }
            }
            return Err(e.into());
        }
        // Publish: the working state now is the committed state. A clone shares the
        // persistent maps, so this costs O(1) whatever the size of the organisation.
        *self.shared.state.write().expect("not poisoned") = self.working.clone();
        self.shared
            .committed
            .store(first + sealed.len() as u64, Ordering::Release);
        for (s, event) in sealed.into_iter().zip(events) {
            let _ = self.shared.events.send(Arc::new(Applied {
                envelope: s.envelope,
                event,
            }));
        }
        Ok(receipts)
    }

    /// Decides each command against the working state (which already holds the events of the
    /// commands before it in the group) and seals its events from index `first` on.
    fn prepare(
        &mut self,
        commands: &[Command],
        first: u64,
        now: Timestamp,
    ) -> Result<Prepared, SubmitError> {
        let mut sealed = Vec::new();
        let mut all = Vec::new();
        let mut receipts = Vec::with_capacity(commands.len());
        let mut seq = first;
        for command in commands {
            let events = decide(&self.working, command, now)?;
            let actor =
                command
                    .principal
                    .actor()
                    .ok_or(DomainError::AccessDenied(Denial::NotSignedIn(
                        accord_core::Classification::Public,
                    )))?;
            let start = seq;
            for event in &events {
                sealed.push(Sealed::new(LogIndex(seq), now, actor.clone(), event)?);
                seq += 1;
            }
            for event in &events {
                apply(&mut self.working, event);
            }
            receipts.push(Receipt {
                first: LogIndex(start),
                count: events.len(),
                size: seq,
            });
            all.extend(events);
        }
        Ok((sealed, all, receipts))
    }

    /// After a refused group or a failed commit: the working state is the published one again
    /// (an O(1) clone).
    fn reset_working(&mut self) {
        self.working = self.shared.state.read().expect("not poisoned").clone();
    }

    /// Puts the in-memory tree back at `size` after a failed commit.
    fn roll_back(&mut self, size: u64) {
        let mut tree = self.shared.tree.write().expect("not poisoned");
        let taken = std::mem::replace(
            &mut *tree,
            Tree::new(Recording::new(MemoryTileStore::new())),
        );
        let mut tiles = taken.into_store();
        tiles.discard_written();
        *tree = Tree::open(tiles, size).expect("the tiles of the committed size are in memory");
    }

    /// Signs now if the interval has passed; else says when.
    async fn checkpoint_after_commit(&mut self) -> Option<Instant> {
        let next = self
            .last_checkpoint
            .and_then(|at| at.checked_add(self.config.checkpoint_interval));
        match next {
            Some(next) if next > Instant::now() => Some(next),
            _ => self.sign_checkpoint().await,
        }
    }

    /// Signs and stores a checkpoint of the current tree, if it grew since the last one.
    /// Returns when to try again if storing it failed.
    async fn sign_checkpoint(&mut self) -> Option<Instant> {
        let (size, root) = {
            let tree = self.shared.tree.read().expect("not poisoned");
            (tree.size(), tree.root())
        };
        let signed_size = self
            .shared
            .checkpoint
            .read()
            .expect("not poisoned")
            .as_ref()
            .map_or(0, |c| c.size);
        if size == 0 || size <= signed_size {
            return None;
        }
        let checkpoint = match Checkpoint::new(&self.config.origin, size, root) {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, origin = %self.config.origin, "the checkpoint origin is invalid");
                return None;
            }
        };
        let note = match checkpoint.sign(&self.config.log_key) {
            Ok(note) => note.to_string(),
            Err(e) => {
                tracing::error!(error = %e, "signing a checkpoint failed");
                return None;
            }
        };
        let row = CheckpointRow {
            size,
            note,
            created_at: self.clock.now().unix_seconds(),
        };
        match self.store.put_checkpoint(&row).await {
            Ok(()) => {
                tracing::debug!(checkpoint.size = size, "checkpoint signed");
                *self.shared.checkpoint.write().expect("not poisoned") = Some(row);
                self.last_checkpoint = Some(Instant::now());
            }
            Err(e) => {
                tracing::error!(error = %e, checkpoint.size = size, "storing a checkpoint failed; will try again");
                return Instant::now().checked_add(RETRY);
            }
        }
        None
    }
}
