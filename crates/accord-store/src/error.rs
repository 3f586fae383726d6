//! The store's errors. Database errors are kept whole for the log; callers show users only the
//! kind of failure, never the SQL or connection details.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An append did not start at the log's current size: another writer got there first, or
    /// the caller's idea of the log is stale. Nothing was written.
    #[error(
        "the append starts at entry {got}, but the log has {expected} entries; nothing was written"
    )]
    NotNext {
        /// The log's size.
        expected: u64,
        /// Where the batch started.
        got: u64,
    },
    /// A row with this key exists already.
    #[error("{0} exists already")]
    Duplicate(String),
    /// A row the operation needs does not exist.
    #[error("{0} does not exist")]
    Missing(String),
    /// Stored data that cannot be what this code wrote.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The store URL is not one Accord knows. Only its scheme is kept: the rest may hold a
    /// password.
    #[error("unsupported database URL scheme {0:?}: use sqlite://PATH or postgres://…")]
    BadUrl(String),
    /// Applying migrations failed.
    #[error("migrating the database failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Maps a unique-key violation to [`StoreError::Duplicate`].
    pub(crate) fn on_unique(what: impl FnOnce() -> String) -> impl FnOnce(sqlx::Error) -> Self {
        move |e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate(what()),
            _ => StoreError::Database(e),
        }
    }
}
