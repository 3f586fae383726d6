//! The PostgreSQL backend: appends insert each table's rows in one statement (`UNNEST` over
//! arrays), and commits are durable (`synchronous_commit` is left on).

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use accord_ledger::{Hash, Tile, TileId};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::{PgPool, Row};

use crate::model::{
    Account, ApiToken, Batch, Blob, CheckpointRow, CosignatureRow, EntryWithBody, SessionRow,
    StoredEntry,
};
use crate::pages::{HASHES_PER_LOOKUP, assemble, missing};
use crate::shared::{common_store_methods, row_decoders, to_db};
use crate::{Result, Store, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Accord's store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to a `postgres://` URL.
    pub async fn open(url: &str) -> Result<Self> {
        // Accord's queries are short; a parallel plan only adds the cost of starting workers,
        // which dominated replay's page reads.
        let options =
            PgConnectOptions::from_str(url)?.options([("max_parallel_workers_per_gather", "0")]);
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(PgStore { pool })
    }

    /// The connection pool (for benchmarks and tests that measure the raw database).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

row_decoders!(PgRow);

impl Store for PgStore {
    async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    async fn append(&self, batch: &Batch) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        // One appender at a time across every node: the others wait here.
        sqlx::query("SELECT pg_advisory_xact_lock(7262330)")
            .execute(&mut *tx)
            .await?;
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
        let seqs: Vec<i64> = (0..batch.entries.len()).map(|i| first + i as i64).collect();
        let (entries, body_hashes): (Vec<&[u8]>, Vec<&[u8]>) = batch
            .entries
            .iter()
            .map(|e| (e.entry.as_slice(), &e.body_hash.0[..]))
            .unzip();
        sqlx::query(
            "INSERT INTO entries (seq, entry, body_hash) \
             SELECT * FROM UNNEST($1::bigint[], $2::bytea[], $3::bytea[])",
        )
        .bind(&seqs)
        .bind(entries)
        .bind(body_hashes)
        .execute(&mut *tx)
        .await?;
        let (hashes, bodies): (Vec<Vec<u8>>, Vec<&Vec<u8>>) =
            batch.bodies.iter().map(|(h, b)| (h.0.to_vec(), b)).unzip();
        sqlx::query(
            "INSERT INTO bodies (hash, body) SELECT * FROM UNNEST($1::bytea[], $2::bytea[]) \
             ON CONFLICT (hash) DO NOTHING",
        )
        .bind(&hashes)
        .bind(bodies)
        .execute(&mut *tx)
        .await?;
        let mut levels = Vec::with_capacity(batch.tiles.len());
        let mut indexes = Vec::with_capacity(batch.tiles.len());
        let mut data = Vec::with_capacity(batch.tiles.len());
        for t in &batch.tiles {
            levels.push(i64::from(t.id().level));
            indexes.push(to_db(t.id().index)?);
            data.push(t.to_bytes(t.width()));
        }
        sqlx::query(
            "INSERT INTO tiles (level, idx, hashes) \
             SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bytea[]) \
             ON CONFLICT (level, idx) DO UPDATE SET hashes = EXCLUDED.hashes \
             WHERE length(EXCLUDED.hashes) > length(tiles.hashes)",
        )
        .bind(&levels)
        .bind(&indexes)
        .bind(&data)
        .execute(&mut *tx)
        .await?;
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
        // Two range scans matched by hash (see `crate::pages`). No transaction is needed: an
        // entry is committed with its body, so a body named by an entry read is there to read.
        let rows = sqlx::query(
            "SELECT seq, body_hash, entry FROM entries WHERE seq >= $1 ORDER BY seq LIMIT $2",
        )
        .bind(to_db(from)?)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let entries = rows
            .iter()
            .map(|r| {
                Ok((
                    crate::shared::from_db(r.try_get(0)?)?,
                    hash_of(r.try_get(1)?)?,
                    r.try_get::<Vec<u8>, _>(2)?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let Some((_, first, _)) = entries.first() else {
            return Ok(Vec::new());
        };
        let mut bodies = HashMap::with_capacity(entries.len());
        let rows = sqlx::query(
            "SELECT hash, body FROM bodies \
             WHERE pos >= (SELECT pos FROM bodies WHERE hash = $1) ORDER BY pos LIMIT $2",
        )
        .bind(&first[..])
        .bind(i64::try_from(entries.len()).unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await?;
        read_bodies(&rows, &mut bodies)?;
        for chunk in missing(&entries, &bodies).chunks(HASHES_PER_LOOKUP) {
            let hashes: Vec<&[u8]> = chunk.iter().map(|h| &h[..]).collect();
            let rows = sqlx::query("SELECT hash, body FROM bodies WHERE hash = ANY($1)")
                .bind(hashes)
                .fetch_all(&self.pool)
                .await?;
            read_bodies(&rows, &mut bodies)?;
        }
        Ok(assemble(entries, bodies))
    }

    common_store_methods!();
}

/// A hash read from a `BYTEA` column.
fn hash_of(bytes: Vec<u8>) -> Result<[u8; 32]> {
    <[u8; 32]>::try_from(bytes)
        .map_err(|_| StoreError::Corrupt("a stored hash is not 32 bytes long".into()))
}

/// Reads `(hash, body)` rows into `into`.
fn read_bodies(rows: &[PgRow], into: &mut HashMap<[u8; 32], Vec<u8>>) -> Result<()> {
    for row in rows {
        into.insert(hash_of(row.try_get(0)?)?, row.try_get(1)?);
    }
    Ok(())
}
