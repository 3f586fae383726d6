#![doc = include_str!("../README.md")]

mod any;
mod error;
pub mod journal;
mod model;
mod pages;
mod postgres;
mod replay;
mod shared;
mod sqlite;

use std::future::Future;

use accord_ledger::{Hash, Tile, TileId};

pub use any::{AnyStore, Backend};
pub use error::StoreError;
pub use journal::{
    Applied, Clock, Journal, JournalConfig, Receipt, ScenarioClock, SubmitError, SystemClock,
};
pub use model::{
    Account, ApiToken, Batch, Blob, CheckpointRow, CosignatureRow, EntryWithBody, NewEntry,
    SessionRow, StoredEntry,
};
pub use postgres::PgStore;
pub use replay::ReplayError;
pub use sqlite::SqliteStore;

/// A result from the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Accord's storage, by operation. Every method is one transaction.
///
/// The log's tables (entries, bodies, tiles) only grow: [`Store::append`] is the one way in, and
/// nothing deletes or rewrites an entry. Accounts, sessions and API tokens live beside the log,
/// never in it.
pub trait Store: Send + Sync + 'static {
    /// Applies the embedded migrations this backend has not yet applied.
    fn migrate(&self) -> impl Future<Output = Result<()>> + Send;

    /// Appends a batch in one transaction: its entries (numbered from `batch.first_seq`, which
    /// must be the log's current size), their bodies and the tiles the batch wrote. All or
    /// nothing.
    fn append(&self, batch: &Batch) -> impl Future<Output = Result<()>> + Send;

    /// The number of entries in the log.
    fn log_size(&self) -> impl Future<Output = Result<u64>> + Send;

    /// Up to `limit` entries from `from` on, in order.
    fn entries(
        &self,
        from: u64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<StoredEntry>>> + Send;

    /// Up to `limit` entries from `from` on, each with the body its envelope names (for replay).
    fn entries_with_bodies(
        &self,
        from: u64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<EntryWithBody>>> + Send;

    /// Every tile, level by level (to rebuild the tree's cache at start-up).
    fn tiles(&self) -> impl Future<Output = Result<Vec<Tile>>> + Send;

    /// One tile, at the width it has now.
    fn tile(&self, id: TileId) -> impl Future<Output = Result<Option<Tile>>> + Send;

    /// An event body by its hash.
    fn body(&self, hash: &Hash) -> impl Future<Output = Result<Option<Vec<u8>>>> + Send;

    /// The first entry whose body has this hash, if any (to decide who may read the body).
    fn entry_for_body(
        &self,
        hash: &Hash,
    ) -> impl Future<Output = Result<Option<StoredEntry>>> + Send;

    /// Stores a signed checkpoint (once per size).
    fn put_checkpoint(&self, row: &CheckpointRow) -> impl Future<Output = Result<()>> + Send;

    /// The checkpoint of the largest size.
    fn latest_checkpoint(&self) -> impl Future<Output = Result<Option<CheckpointRow>>> + Send;

    /// Every stored checkpoint, smallest size first.
    fn checkpoints(&self) -> impl Future<Output = Result<Vec<CheckpointRow>>> + Send;

    /// The checkpoint of one size.
    fn checkpoint(&self, size: u64) -> impl Future<Output = Result<Option<CheckpointRow>>> + Send;

    /// Stores a witness's cosignature of a stored checkpoint (once per witness and size).
    fn put_cosignature(&self, row: &CosignatureRow) -> impl Future<Output = Result<()>> + Send;

    /// The cosignatures of the checkpoint of one size.
    fn cosignatures(&self, size: u64) -> impl Future<Output = Result<Vec<CosignatureRow>>> + Send;

    /// Each witness's cosignature of the largest checkpoint it cosigned.
    fn latest_cosignatures(&self) -> impl Future<Output = Result<Vec<CosignatureRow>>> + Send;

    /// Creates an account; its id and username must be new.
    fn create_account(&self, account: &Account) -> impl Future<Output = Result<()>> + Send;

    /// An account by its login name.
    fn account_by_username(
        &self,
        username: &str,
    ) -> impl Future<Output = Result<Option<Account>>> + Send;

    /// An account by id.
    fn account(&self, id: &str) -> impl Future<Output = Result<Option<Account>>> + Send;

    /// Replaces an account's password hash.
    fn set_password_hash(&self, id: &str, hash: &str) -> impl Future<Output = Result<()>> + Send;

    /// Stores a new login session (by the hash of its id).
    fn create_session(&self, session: &SessionRow) -> impl Future<Output = Result<()>> + Send;

    /// A session by the hash of its id.
    fn session(&self, id_hash: &Hash) -> impl Future<Output = Result<Option<SessionRow>>> + Send;

    /// Revokes one session.
    fn revoke_session(&self, id_hash: &Hash) -> impl Future<Output = Result<()>> + Send;

    /// Revokes every session of an account; returns how many.
    fn revoke_sessions_of(&self, account_id: &str) -> impl Future<Output = Result<u64>> + Send;

    /// Stores a new API token (by its hash).
    fn create_api_token(&self, token: &ApiToken) -> impl Future<Output = Result<()>> + Send;

    /// An API token by its hash.
    fn api_token_by_hash(
        &self,
        hash: &Hash,
    ) -> impl Future<Output = Result<Option<ApiToken>>> + Send;

    /// Every API token, newest first.
    fn api_tokens(&self) -> impl Future<Output = Result<Vec<ApiToken>>> + Send;

    /// Revokes an API token at `at` (Unix seconds); revoking twice keeps the first time.
    fn revoke_api_token(&self, id: &str, at: i64) -> impl Future<Output = Result<()>> + Send;

    /// Stores a blob under its hash (storing the same blob again is a no-op).
    fn put_blob(&self, blob: &Blob) -> impl Future<Output = Result<()>> + Send;

    /// A blob by its hash.
    fn blob(&self, hash: &Hash) -> impl Future<Output = Result<Option<Blob>>> + Send;
}
