//! The SQLite backend: one file under the data directory, WAL, a busy timeout, foreign keys,
//! and `synchronous=FULL` so that every commit is durable.

use std::str::FromStr;
use std::time::Duration;

use accord_ledger::{Hash, Tile, TileId};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use crate::model::{
    Account, ApiToken, Batch, Blob, CheckpointRow, CosignatureRow, EntryWithBody, SessionRow,
    StoredEntry,
};
use crate::shared::{common_store_methods, row_decoders, to_db};
use crate::{Result, Store, StoreError};

/// Rows per multi-row INSERT (SQLite allows 32,766 bound values per statement).
const ROWS_PER_INSERT: usize = 1000;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");

/// Accord's store in an SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at a `sqlite://PATH` URL.
    pub async fn open(url: &str) -> Result<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            // A 64 MiB page cache (the default is 2 MiB), and reads through a memory map:
            // start-up reads the whole log. (Mapped pages are the file's, shared with the page
            // cache; they count in the process's resident size but are not its own memory.)
            .pragma("cache_size", "-65536")
            .pragma("mmap_size", "4294967296");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        Ok(SqliteStore { pool })
    }

    /// The connection pool (for benchmarks and tests that measure the raw database).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

row_decoders!(SqliteRow);

impl Store for SqliteStore {
    async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    async fn append(&self, batch: &Batch) -> Result<()> {
        // BEGIN IMMEDIATE takes the write lock up front, so a concurrent reader cannot make
        // this transaction fail half-way when it upgrades.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let next: i64 = sqlx::query("SELECT COALESCE(MAX(seq) + 1, 0) FROM entries")
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        if next != to_db(batch.first_seq)? {
            return Err(StoreError::NotNext {
                expected: crate::shared::from_db(next)?,
                got: batch.first_seq,
            });
        }
        let first = to_db(batch.first_seq)?;
        for (c, chunk) in batch.entries.chunks(ROWS_PER_INSERT).enumerate() {
            let base = first + to_db((c * ROWS_PER_INSERT) as u64)?;
            let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO entries (seq, entry, body_hash) ");
            q.push_values(chunk.iter().enumerate(), |mut b, (i, e)| {
                b.push_bind(base + i as i64)
                    .push_bind(e.entry.as_slice())
                    .push_bind(&e.body_hash.0[..]);
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in batch.bodies.chunks(ROWS_PER_INSERT) {
            let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO bodies (hash, body) ");
            q.push_values(chunk, |mut b, (h, body)| {
                b.push_bind(&h.0[..]).push_bind(body.as_slice());
            });
            q.push(" ON CONFLICT (hash) DO NOTHING");
            q.build().execute(&mut *tx).await?;
        }
        let tiles: Vec<(i64, i64, Vec<u8>)> = batch
            .tiles
            .iter()
            .map(|t| {
                Ok((
                    i64::from(t.id().level),
                    to_db(t.id().index)?,
                    t.to_bytes(t.width()),
                ))
            })
            .collect::<Result<_>>()?;
        for chunk in tiles.chunks(ROWS_PER_INSERT) {
            let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO tiles (level, idx, hashes) ");
            q.push_values(chunk, |mut b, (level, idx, hashes)| {
                b.push_bind(*level)
                    .push_bind(*idx)
                    .push_bind(hashes.as_slice());
            });
            q.push(
                " ON CONFLICT (level, idx) DO UPDATE SET hashes = excluded.hashes \
                 WHERE length(excluded.hashes) > length(tiles.hashes)",
            );
            q.build().execute(&mut *tx).await?;
        }
        for blob in &batch.blobs {
            sqlx::query(
                "INSERT INTO blobs (hash, media_type, bytes) VALUES ($1, $2, $3) \
                 ON CONFLICT (hash) DO NOTHING",
            )
            .bind(&blob.hash.0[..])
            .bind(&blob.media_type)
            .bind(&blob.bytes)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn entries_with_bodies(&self, from: u64, limit: u32) -> Result<Vec<EntryWithBody>> {
        // Replay reads the whole log through here. sqlx hands SQLite rows over one at a time
        // from a worker thread, which costs more than the reading itself; so SQLite packs the
        // whole page into one value: each as a 16-hex-digit seq, an 8-hex-digit length and the entry's
        // bytes, then the body's length and bytes (length `ffffffff` when there is no body).
        let rows = sqlx::query(
            "SELECT CAST(group_concat(rec, '' ORDER BY seq) AS BLOB) FROM ( \
                 SELECT e.seq AS seq, \
                   printf('%016x%08x', e.seq, length(e.entry)) || CAST(e.entry AS TEXT) || \
                   CASE WHEN b.body IS NULL THEN 'ffffffff' \
                        ELSE printf('%08x', length(b.body)) || CAST(b.body AS TEXT) END AS rec \
                 FROM entries e LEFT JOIN bodies b ON b.hash = e.body_hash \
                 WHERE e.seq >= $1 ORDER BY e.seq LIMIT $2 \
             )",
        )
        .bind(to_db(from)?)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(usize::try_from(limit).unwrap_or(0));
        for row in &rows {
            let packed: Vec<u8> = row.try_get(0)?;
            unpack(&packed, &mut out)?;
        }
        Ok(out)
    }

    common_store_methods!();
}

/// Reads the records [`SqliteStore::entries_with_bodies`] packs.
fn unpack(mut bytes: &[u8], out: &mut Vec<EntryWithBody>) -> Result<()> {
    fn hex(bytes: &mut &[u8], digits: usize) -> Result<Option<u64>> {
        let (head, rest) = bytes
            .split_at_checked(digits)
            .ok_or_else(|| StoreError::Corrupt("a packed replay record is cut short".into()))?;
        *bytes = rest;
        if head.iter().all(|&b| b == b'f') && digits == 8 {
            return Ok(None);
        }
        let text = std::str::from_utf8(head).ok();
        text.and_then(|t| u64::from_str_radix(t, 16).ok())
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt("a packed replay record has a bad length".into()))
    }
    fn take(bytes: &mut &[u8], len: u64) -> Result<Vec<u8>> {
        let len = usize::try_from(len).map_err(|_| StoreError::Corrupt("a huge record".into()))?;
        let (head, rest) = bytes
            .split_at_checked(len)
            .ok_or_else(|| StoreError::Corrupt("a packed replay record is cut short".into()))?;
        *bytes = rest;
        Ok(head.to_vec())
    }
    while !bytes.is_empty() {
        let seq = hex(&mut bytes, 16)?.expect("16 digits are never the no-body mark");
        let entry_len = hex(&mut bytes, 8)?
            .ok_or_else(|| StoreError::Corrupt("an entry without a length".into()))?;
        let entry = take(&mut bytes, entry_len)?;
        let body = match hex(&mut bytes, 8)? {
            Some(len) => Some(take(&mut bytes, len)?),
            None => None,
        };
        out.push(EntryWithBody { seq, entry, body });
    }
    Ok(())
}
