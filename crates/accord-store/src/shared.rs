//! What both backends share: the queries that read the same in both dialects (written with
//! `$n` placeholders, which SQLite also takes), and the conversions between rows and values.
//!
//! The methods are stamped into each backend's `impl Store` by [`common_store_methods!`], so each
//! backend stays a plain implementation over its own driver, without a generic layer over sqlx.

use accord_ledger::{Hash, Tile, TileId};

use crate::{Result, StoreError};

/// A count or index as the databases store it.
pub(crate) fn to_db(n: u64) -> Result<i64> {
    i64::try_from(n)
        .map_err(|_| StoreError::Corrupt(format!("{n} is beyond a 64-bit signed integer")))
}

/// A stored count or index.
pub(crate) fn from_db(n: i64) -> Result<u64> {
    u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("negative count or index {n}")))
}

/// A stored hash.
pub(crate) fn hash_from_db(bytes: &[u8]) -> Result<Hash> {
    Hash::from_slice(bytes).map_err(|e| StoreError::Corrupt(format!("a stored hash: {e}")))
}

/// A stored tile.
pub(crate) fn tile_from_db(level: i64, index: i64, hashes: &[u8]) -> Result<Tile> {
    let id = TileId {
        level: u8::try_from(level)
            .map_err(|_| StoreError::Corrupt(format!("tile level {level}")))?,
        index: from_db(index)?,
    };
    Tile::from_bytes(id, hashes).map_err(|e| StoreError::Corrupt(format!("tile {id:?}: {e}")))
}

/// The methods whose SQL is the same on both backends. Expects `self.pool` and the backend's
/// row type in scope as `DbRow`.
macro_rules! common_store_methods {
    () => {
        async fn log_size(&self) -> Result<u64> {
            let row = sqlx::query("SELECT COALESCE(MAX(seq) + 1, 0) FROM entries")
                .fetch_one(&self.pool)
                .await?;
            crate::shared::from_db(row.try_get::<i64, _>(0)?)
        }

        async fn entries(&self, from: u64, limit: u32) -> Result<Vec<StoredEntry>> {
            let rows = sqlx::query(
                "SELECT seq, entry FROM entries WHERE seq >= $1 ORDER BY seq LIMIT $2",
            )
            .bind(crate::shared::to_db(from)?)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(StoredEntry {
                        seq: crate::shared::from_db(r.try_get(0)?)?,
                        entry: r.try_get(1)?,
                    })
                })
                .collect()
        }

        async fn tiles(&self) -> Result<Vec<Tile>> {
            let rows = sqlx::query("SELECT level, idx, hashes FROM tiles ORDER BY level, idx")
                .fetch_all(&self.pool)
                .await?;
            rows.iter()
                .map(|r| {
                    let hashes: Vec<u8> = r.try_get(2)?;
                    crate::shared::tile_from_db(r.try_get(0)?, r.try_get(1)?, &hashes)
                })
                .collect()
        }

        async fn tile(&self, id: TileId) -> Result<Option<Tile>> {
            let row = sqlx::query("SELECT hashes FROM tiles WHERE level = $1 AND idx = $2")
                .bind(i64::from(id.level))
                .bind(crate::shared::to_db(id.index)?)
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| {
                let hashes: Vec<u8> = r.try_get(0)?;
                crate::shared::tile_from_db(
                    i64::from(id.level),
                    crate::shared::to_db(id.index)?,
                    &hashes,
                )
            })
            .transpose()
        }

        async fn body(&self, hash: &Hash) -> Result<Option<Vec<u8>>> {
            let row = sqlx::query("SELECT body FROM bodies WHERE hash = $1")
                .bind(&hash.0[..])
                .fetch_optional(&self.pool)
                .await?;
            Ok(row.map(|r| r.try_get(0)).transpose()?)
        }

        async fn entry_for_body(&self, hash: &Hash) -> Result<Option<StoredEntry>> {
            let row = sqlx::query(
                "SELECT seq, entry FROM entries WHERE body_hash = $1 ORDER BY seq LIMIT 1",
            )
            .bind(&hash.0[..])
            .fetch_optional(&self.pool)
            .await?;
            row.map(|r| {
                Ok(StoredEntry {
                    seq: crate::shared::from_db(r.try_get(0)?)?,
                    entry: r.try_get(1)?,
                })
            })
            .transpose()
        }

        async fn put_checkpoint(&self, row: &CheckpointRow) -> Result<()> {
            sqlx::query("INSERT INTO checkpoints (size, note, created_at) VALUES ($1, $2, $3)")
                .bind(crate::shared::to_db(row.size)?)
                .bind(&row.note)
                .bind(row.created_at)
                .execute(&self.pool)
                .await
                .map_err(StoreError::on_unique(|| format!("checkpoint of size {}", row.size)))?;
            Ok(())
        }

        async fn latest_checkpoint(&self) -> Result<Option<CheckpointRow>> {
            let row = sqlx::query(
                "SELECT size, note, created_at FROM checkpoints ORDER BY size DESC LIMIT 1",
            )
            .fetch_optional(&self.pool)
            .await?;
            row.map(|r| checkpoint_row(&r)).transpose()
        }

        async fn checkpoints(&self) -> Result<Vec<CheckpointRow>> {
            let rows = sqlx::query("SELECT size, note, created_at FROM checkpoints ORDER BY size")
                .fetch_all(&self.pool)
                .await?;
            rows.iter().map(checkpoint_row).collect()
        }

        async fn checkpoint(&self, size: u64) -> Result<Option<CheckpointRow>> {

            let row = sqlx::query("SELECT size, note, created_at FROM checkpoints WHERE size = $1")
                .bind(crate::shared::to_db(size)?)
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| checkpoint_row(&r)).transpose()
        }

        async fn put_cosignature(&self, row: &CosignatureRow) -> Result<()> {
            sqlx::query(
                "INSERT INTO cosignatures (size, witness, line, timestamp) VALUES ($1, $2, $3, $4)",
            )
            .bind(crate::shared::to_db(row.size)?)
            .bind(&row.witness)
            .bind(&row.line)
            .bind(row.timestamp)
            .execute(&self.pool)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                    StoreError::Missing(format!("checkpoint of size {}", row.size))
                }
                _ => StoreError::on_unique(|| {
                    format!("cosignature of size {} by {}", row.size, row.witness)
                })(e),
            })?;
            Ok(())
        }

        async fn cosignatures(&self, size: u64) -> Result<Vec<CosignatureRow>> {
            let rows = sqlx::query(
                "SELECT size, witness, line, timestamp FROM cosignatures WHERE size = $1 ORDER BY witness",
            )
            .bind(crate::shared::to_db(size)?)
            .fetch_all(&self.pool)
            .await?;
            rows.iter().map(cosignature_row).collect()
        }

        async fn latest_cosignatures(&self) -> Result<Vec<CosignatureRow>> {
            let rows = sqlx::query(
                "SELECT size, witness, line, timestamp FROM cosignatures c \
                 WHERE size = (SELECT MAX(size) FROM cosignatures d WHERE d.witness = c.witness) \
                 ORDER BY witness",
            )
            .fetch_all(&self.pool)
            .await?;
            rows.iter().map(cosignature_row).collect()
        }

        async fn create_account(&self, a: &Account) -> Result<()> {
            sqlx::query(
                "INSERT INTO accounts (id, username, password_hash, created_at, disabled) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&a.id)
            .bind(&a.username)
            .bind(&a.password_hash)
            .bind(a.created_at)
            .bind(a.disabled)
            .execute(&self.pool)
            .await
            .map_err(StoreError::on_unique(|| format!("account {} ({})", a.id, a.username)))?;
            Ok(())
        }

        async fn account_by_username(&self, username: &str) -> Result<Option<Account>> {
            let row = sqlx::query(
                "SELECT id, username, password_hash, created_at, disabled FROM accounts WHERE username = $1",
            )
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
            row.map(|r| account_row(&r)).transpose()
        }

        async fn account(&self, id: &str) -> Result<Option<Account>> {
            let row = sqlx::query(
                "SELECT id, username, password_hash, created_at, disabled FROM accounts WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
            row.map(|r| account_row(&r)).transpose()
        }

        async fn set_password_hash(&self, id: &str, hash: &str) -> Result<()> {
            let done = sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
                .bind(hash)
                .bind(id)
                .execute(&self.pool)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Missing(format!("account {id}")));
            }
            Ok(())
        }

        async fn create_session(&self, s: &SessionRow) -> Result<()> {
            sqlx::query(
                "INSERT INTO sessions (id_hash, account_id, created_at, expires_at, revoked) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&s.id_hash.0[..])
            .bind(&s.account_id)
            .bind(s.created_at)
            .bind(s.expires_at)
            .bind(s.revoked)
            .execute(&self.pool)
            .await
            .map_err(StoreError::on_unique(|| "a session with this id".to_owned()))?;
            Ok(())
        }

        async fn session(&self, id_hash: &Hash) -> Result<Option<SessionRow>> {
            let row = sqlx::query(
                "SELECT id_hash, account_id, created_at, expires_at, revoked FROM sessions WHERE id_hash = $1",
            )
            .bind(&id_hash.0[..])
            .fetch_optional(&self.pool)
            .await?;
            row.map(|r| {
                let id: Vec<u8> = r.try_get(0)?;
                Ok(SessionRow {
                    id_hash: crate::shared::hash_from_db(&id)?,
                    account_id: r.try_get(1)?,
                    created_at: r.try_get(2)?,
                    expires_at: r.try_get(3)?,
                    revoked: r.try_get(4)?,
                })
            })
            .transpose()
        }

        async fn revoke_session(&self, id_hash: &Hash) -> Result<()> {
            sqlx::query("UPDATE sessions SET revoked = TRUE WHERE id_hash = $1")
                .bind(&id_hash.0[..])
                .execute(&self.pool)
                .await?;
            Ok(())
        }

        async fn revoke_sessions_of(&self, account_id: &str) -> Result<u64> {
            let done = sqlx::query(
                "UPDATE sessions SET revoked = TRUE WHERE account_id = $1 AND revoked = FALSE",
            )
            .bind(account_id)
            .execute(&self.pool)
            .await?;
            Ok(done.rows_affected())
        }

        async fn create_api_token(&self, t: &ApiToken) -> Result<()> {
            sqlx::query(
                "INSERT INTO api_tokens (id, token_hash, account_id, name, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&t.id)
            .bind(&t.token_hash.0[..])
            .bind(&t.account_id)
            .bind(&t.name)
            .bind(t.created_at)
            .bind(t.revoked_at)
            .execute(&self.pool)
            .await
            .map_err(StoreError::on_unique(|| format!("API token {}", t.id)))?;
            Ok(())
        }

        async fn api_token_by_hash(&self, hash: &Hash) -> Result<Option<ApiToken>> {
            let row = sqlx::query(
                "SELECT id, token_hash, account_id, name, created_at, revoked_at FROM api_tokens WHERE token_hash = $1",
            )
            .bind(&hash.0[..])
            .fetch_optional(&self.pool)
            .await?;
            row.map(|r| api_token_row(&r)).transpose()
        }

        async fn api_tokens(&self) -> Result<Vec<ApiToken>> {
            let rows = sqlx::query(
                "SELECT id, token_hash, account_id, name, created_at, revoked_at FROM api_tokens ORDER BY created_at DESC, id",
            )
            .fetch_all(&self.pool)
            .await?;
            rows.iter().map(api_token_row).collect()
        }

        async fn revoke_api_token(&self, id: &str, at: i64) -> Result<()> {
            let done = sqlx::query(
                "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
            )
            .bind(at)
            .bind(id)
            .execute(&self.pool)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Missing(format!("API token {id}")));
            }
            Ok(())
        }

        async fn put_blob(&self, b: &Blob) -> Result<()> {
            sqlx::query(
                "INSERT INTO blobs (hash, media_type, bytes) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING",
            )
            .bind(&b.hash.0[..])
            .bind(&b.media_type)
            .bind(&b.bytes)
            .execute(&self.pool)
            .await?;
            Ok(())
        }

        async fn blob(&self, hash: &Hash) -> Result<Option<Blob>> {
            let row = sqlx::query("SELECT media_type, bytes FROM blobs WHERE hash = $1")
                .bind(&hash.0[..])
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| {
                Ok(Blob {
                    hash: *hash,
                    media_type: r.try_get(0)?,
                    bytes: r.try_get(1)?,
                })
            })
            .transpose()
        }
    };
}

/// Row decoders, stamped into each backend module for its row type.
macro_rules! row_decoders {
    ($row:ty) => {
        fn checkpoint_row(r: &$row) -> Result<CheckpointRow> {
            Ok(CheckpointRow {
                size: crate::shared::from_db(r.try_get(0)?)?,
                note: r.try_get(1)?,
                created_at: r.try_get(2)?,
            })
        }

        fn cosignature_row(r: &$row) -> Result<CosignatureRow> {
            Ok(CosignatureRow {
                size: crate::shared::from_db(r.try_get(0)?)?,
                witness: r.try_get(1)?,
                line: r.try_get(2)?,
                timestamp: r.try_get(3)?,
            })
        }

        fn account_row(r: &$row) -> Result<Account> {
            Ok(Account {
                id: r.try_get(0)?,
                username: r.try_get(1)?,
                password_hash: r.try_get(2)?,
                created_at: r.try_get(3)?,
                disabled: r.try_get(4)?,
            })
        }

        fn api_token_row(r: &$row) -> Result<ApiToken> {
            let hash: Vec<u8> = r.try_get(1)?;
            Ok(ApiToken {
                id: r.try_get(0)?,
                token_hash: crate::shared::hash_from_db(&hash)?,
                account_id: r.try_get(2)?,
                name: r.try_get(3)?,
                created_at: r.try_get(4)?,
                revoked_at: r.try_get(5)?,
            })
        }
    };
}

pub(crate) use common_store_methods;
pub(crate) use row_decoders;
