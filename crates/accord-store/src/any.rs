//! The store chosen by URL: `sqlite://…` (the default) or `postgres://…`.

use accord_ledger::{Hash, Tile, TileId};

use crate::model::{
    Account, ApiToken, Batch, Blob, CheckpointRow, CosignatureRow, EntryWithBody, SessionRow,
    StoredEntry,
};
use crate::{PgStore, Result, SqliteStore, Store, StoreError};

/// Which database a store uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, a file under the data directory.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// The backend a URL names.
    pub fn of_url(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            let scheme = url.split_once(':').map_or("", |(scheme, _)| scheme);
            Err(StoreError::BadUrl(scheme.chars().take(32).collect()))
        }
    }
}

/// A store on either backend.
#[derive(Debug, Clone)]
pub enum AnyStore {
    /// On SQLite.
    Sqlite(SqliteStore),
    /// On PostgreSQL.
    Postgres(PgStore),
}

impl AnyStore {
    /// Opens the store a URL names.
    pub async fn open(url: &str) -> Result<Self> {
        Ok(match Backend::of_url(url)? {
            Backend::Sqlite => AnyStore::Sqlite(SqliteStore::open(url).await?),
            Backend::Postgres => AnyStore::Postgres(PgStore::open(url).await?),
        })
    }

    /// Its backend.
    pub fn backend(&self) -> Backend {
        match self {
            AnyStore::Sqlite(_) => Backend::Sqlite,
            AnyStore::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Forwards each method to the backend's store.
macro_rules! forward {
    ($( fn $name:ident(&self $(, $arg:ident : $ty:ty)*) -> $out:ty; )*) => {
        impl Store for AnyStore {
            $(
                async fn $name(&self $(, $arg: $ty)*) -> Result<$out> {
                    match self {
                        AnyStore::Sqlite(s) => s.$name($($arg),*).await,
                        AnyStore::Postgres(s) => s.$name($($arg),*).await,
                    }
                }
            )*
        }
    };
}

forward! {
    fn migrate(&self) -> ();
    fn append(&self, batch: &Batch) -> ();
    fn log_size(&self) -> u64;
    fn entries(&self, from: u64, limit: u32) -> Vec<StoredEntry>;
    fn entries_with_bodies(&self, from: u64, limit: u32) -> Vec<EntryWithBody>;
    fn tiles(&self) -> Vec<Tile>;
    fn tile(&self, id: TileId) -> Option<Tile>;
    fn body(&self, hash: &Hash) -> Option<Vec<u8>>;
    fn entry_for_body(&self, hash: &Hash) -> Option<StoredEntry>;
    fn put_checkpoint(&self, row: &CheckpointRow) -> ();
    fn latest_checkpoint(&self) -> Option<CheckpointRow>;
    fn checkpoints(&self) -> Vec<CheckpointRow>;
    fn checkpoint(&self, size: u64) -> Option<CheckpointRow>;

    fn put_cosignature(&self, row: &CosignatureRow) -> ();
    fn cosignatures(&self, size: u64) -> Vec<CosignatureRow>;
    fn latest_cosignatures(&self) -> Vec<CosignatureRow>;
    fn create_account(&self, account: &Account) -> ();
    fn account_by_username(&self, username: &str) -> Option<Account>;
    fn account(&self, id: &str) -> Option<Account>;
    fn set_password_hash(&self, id: &str, hash: &str) -> ();
    fn create_session(&self, session: &SessionRow) -> ();
    fn session(&self, id_hash: &Hash) -> Option<SessionRow>;
    fn revoke_session(&self, id_hash: &Hash) -> ();
    fn revoke_sessions_of(&self, account_id: &str) -> u64;
    fn create_api_token(&self, token: &ApiToken) -> ();
    fn api_token_by_hash(&self, hash: &Hash) -> Option<ApiToken>;
    fn api_tokens(&self) -> Vec<ApiToken>;
    fn revoke_api_token(&self, id: &str, at: i64) -> ();
    fn put_blob(&self, blob: &Blob) -> ();
    fn blob(&self, hash: &Hash) -> Option<Blob>;
}
