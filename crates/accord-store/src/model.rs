//! The rows the store reads and writes. Domain types never derive sqlx traits; rows are decoded
//! here and turned into domain values by their callers.

use accord_ledger::{Hash, Tile};

/// One append: entries numbered from `first_seq`, the bodies they name, and the tiles the tree
/// wrote for them.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// The sequence number of the first entry: the log's size before the batch.
    pub first_seq: u64,
    /// The entries, in order.
    pub entries: Vec<NewEntry>,
    /// Event bodies by hash (a body already stored is not stored twice).
    pub bodies: Vec<(Hash, Vec<u8>)>,
    /// Tiles written by the tree for this batch (full ones, and the partial right edge).
    pub tiles: Vec<Tile>,
    /// Blobs the batch's events name by hash (a CAP alert's original XML), stored in the same
    /// transaction, so that an entry never names a blob that is not there, and a refused
    /// command leaves none behind (a blob already stored is not stored twice).
    pub blobs: Vec<Blob>,
}

/// An entry to append: its bytes (the canonical JSON envelope) and the hash of the body it
/// names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The entry's bytes: the leaf of the tree.
    pub entry: Vec<u8>,
    /// The hash of its body.
    pub body_hash: Hash,
}

/// An entry with its body, as read back for replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryWithBody {
    /// Its index in the log.
    pub seq: u64,
    /// The entry's bytes.
    pub entry: Vec<u8>,
    /// The body stored under the entry's body hash, if there is one.
    pub body: Option<Vec<u8>>,
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    /// Its index in the log.
    pub seq: u64,
    /// The entry's bytes.
    pub entry: Vec<u8>,
}

/// A signed checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointRow {
    /// The tree size it commits to.
    pub size: u64,
    /// The signed note.
    pub note: String,
    /// When it was signed (Unix seconds).
    pub created_at: i64,
}

/// A witness's cosignature of a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CosignatureRow {
    /// The checkpoint's size.
    pub size: u64,
    /// The witness's key name.
    pub witness: String,
    /// The signature line (`— name base64`).
    pub line: String,
    /// When the witness cosigned (Unix seconds).
    pub timestamp: i64,
}

/// A login account. Its affiliation and roles are in the log; its credentials are here.
#[derive(Clone, PartialEq, Eq)]
pub struct Account {
    /// The account id (the actor named in log entries).
    pub id: String,
    /// The login name.
    pub username: String,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// Created at (Unix seconds).
    pub created_at: i64,
    /// Whether login is disabled.
    pub disabled: bool,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("password_hash", &"[redacted]")
            .field("created_at", &self.created_at)
            .field("disabled", &self.disabled)
            .finish()
    }
}

/// A server-side login session, stored by the hash of its id (the cookie holds the id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// SHA-256 of the session id.
    pub id_hash: Hash,
    /// Whose session.
    pub account_id: String,
    /// Created at (Unix seconds).
    pub created_at: i64,
    /// Expires at (Unix seconds).
    pub expires_at: i64,
    /// Revoked by logout or by an administrator.
    pub revoked: bool,
}

/// A bearer token for a machine client, stored by the hash of the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// The token's public id.
    pub id: String,
    /// SHA-256 of the token.
    pub token_hash: Hash,
    /// The account it acts as.
    pub account_id: String,
    /// What it is for.
    pub name: String,
    /// Created at (Unix seconds).
    pub created_at: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

/// An image or attachment, by content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    /// SHA-256 of the bytes.
    pub hash: Hash,
    /// Its media type.
    pub media_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}
