//! SQLite's half of reading a page by two range scans (see `crate::pages`): the bodies' window
//! starts at the rowid of the first entry's body.
//!
//! sqlx hands SQLite rows over one at a time from a worker thread, which costs more than the
//! reading itself, so each scan packs its rows into one value: per row, fixed-width hex fields
//! and then the bytes they measure.

use std::collections::HashMap;

use sqlx::{Sqlite, SqliteConnection};

use crate::model::EntryWithBody;
use crate::pages::{HASHES_PER_LOOKUP, assemble, missing};
use crate::shared::to_db;
use crate::{Result, StoreError};

/// The page of at most `limit` entries from `from`, each with its body if stored.
pub(super) async fn entries_with_bodies(
    conn: &mut SqliteConnection,
    from: u64,
    limit: u32,
) -> Result<Vec<EntryWithBody>> {
    // One read transaction: both scans see the same log.
    let mut tx = sqlx::Connection::begin(conn).await?;
    // Each entry: its seq (16 hex digits), its body's hash (64), its length (8), its bytes.
    let packed: Option<Vec<u8>> = sqlx::query_scalar(
        "SELECT CAST(group_concat(rec, '') AS BLOB) FROM ( \
             SELECT printf('%016x', seq) || hex(body_hash) || printf('%08x', length(entry)) \
                    || CAST(entry AS TEXT) AS rec \
             FROM entries WHERE seq >= $1 ORDER BY seq LIMIT $2)",
    )
    .bind(to_db(from)?)
    .bind(i64::from(limit))
    .fetch_one(&mut *tx)
    .await?;
    let mut entries = Vec::new();
    let mut cursor = Cursor(packed.as_deref().unwrap_or_default());
    while !cursor.0.is_empty() {
        let seq = cursor.hex(16)?;
        let hash = cursor.hash()?;
        let len = cursor.hex(8)?;
        entries.push((seq, hash, cursor.take(len)?));
    }
    // `group_concat` keeps the order of its rows in practice; SQLite does not promise it, and
    // `assemble` sorts if need be.
    let Some((_, first_hash, _)) = entries.first() else {
        return Ok(Vec::new());
    };
    let start: Option<i64> = sqlx::query_scalar("SELECT rowid FROM bodies WHERE hash = $1")
        .bind(&first_hash[..])
        .fetch_optional(&mut *tx)
        .await?;
    let mut bodies: HashMap<[u8; 32], Vec<u8>> = HashMap::with_capacity(entries.len());
    if let Some(start) = start {
        let packed: Option<Vec<u8>> = sqlx::query_scalar(
            "SELECT CAST(group_concat(rec, '') AS BLOB) FROM ( \
                 SELECT hex(hash) || printf('%08x', length(body)) || CAST(body AS TEXT) AS rec \
                 FROM bodies WHERE rowid >= $1 ORDER BY rowid LIMIT $2)",
        )
        .bind(start)
        .bind(i64::try_from(entries.len()).unwrap_or(i64::MAX))
        .fetch_one(&mut *tx)
        .await?;
        read_bodies(packed.as_deref().unwrap_or_default(), &mut bodies)?;
    }
    for chunk in missing(&entries, &bodies).chunks(HASHES_PER_LOOKUP) {
        let mut q = sqlx::QueryBuilder::<Sqlite>::new(
            "SELECT CAST(group_concat(rec, '') AS BLOB) FROM ( \
                 SELECT hex(hash) || printf('%08x', length(body)) || CAST(body AS TEXT) AS rec \
                 FROM bodies WHERE hash IN (",
        );
        let mut list = q.separated(", ");
        for hash in chunk {
            list.push_bind(&hash[..]);
        }
        q.push("))");
        let packed: Option<Vec<u8>> = q.build_query_scalar().fetch_one(&mut *tx).await?;
        read_bodies(packed.as_deref().unwrap_or_default(), &mut bodies)?;
    }
    tx.commit().await?;
    Ok(assemble(entries, bodies))
}

/// Reads packed bodies (hash, length, bytes) into `into`.
fn read_bodies(packed: &[u8], into: &mut HashMap<[u8; 32], Vec<u8>>) -> Result<()> {
    let mut cursor = Cursor(packed);
    while !cursor.0.is_empty() {
        let hash = cursor.hash()?;
        let len = cursor.hex(8)?;
        into.insert(hash, cursor.take(len)?.to_vec());
    }
    Ok(())
}

/// Reads fixed-width hex fields and measured bytes off packed rows.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, len: u64) -> Result<&'a [u8]> {
        let len = usize::try_from(len).map_err(|_| cut())?;
        let (head, rest) = self.0.split_at_checked(len).ok_or_else(cut)?;
        self.0 = rest;
        Ok(head)
    }

    fn hex(&mut self, digits: u64) -> Result<u64> {
        let head = self.take(digits)?;
        std::str::from_utf8(head)
            .ok()
            .and_then(|t| u64::from_str_radix(t, 16).ok())
            .ok_or_else(|| StoreError::Corrupt("a packed log record has a bad number".into()))
    }

    fn hash(&mut self) -> Result<[u8; 32]> {
        let head = self.take(64)?;
        let mut hash = [0u8; 32];
        for (byte, pair) in hash.iter_mut().zip(head.chunks_exact(2)) {
            let text = std::str::from_utf8(pair).map_err(|_| bad_hash())?;
            *byte = u8::from_str_radix(text, 16).map_err(|_| bad_hash())?;
        }
        Ok(hash)
    }
}

fn cut() -> StoreError {
    StoreError::Corrupt("a packed log record is cut short".into())
}

fn bad_hash() -> StoreError {
    StoreError::Corrupt("a packed log record has a bad hash".into())
}
