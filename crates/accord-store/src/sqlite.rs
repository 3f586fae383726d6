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

mod pages;

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
        let mut conn = self.pool.acquire().await?;
        pages::entries_with_bodies(&mut conn, from, limit).await
    }

    common_store_methods!();
}
