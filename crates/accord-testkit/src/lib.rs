//! Test helpers: fixtures for the write path ([`fixtures`]), and a fresh, migrated store per test, on SQLite (a temporary file) or PostgreSQL
//! (a new database on the server at `ACCORD_TEST_POSTGRES`, by default
//! `postgres://postgres@127.0.0.1:5432/postgres`), removed again when the test ends.

pub mod app;
pub mod fixtures;

use std::sync::atomic::{AtomicU32, Ordering};

use accord_store::{AnyStore, Backend, Store};
use sqlx::Connection as _;

/// The PostgreSQL server tests use: an admin URL that may create and drop databases.
pub fn postgres_admin_url() -> String {
    std::env::var("ACCORD_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A store of its own for one test. Dropping it removes the database.
#[derive(Debug)]
pub struct TestStore {
    /// The store, migrated.
    pub store: AnyStore,
    /// Its URL (to open it again, from this process or another).
    pub url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Sqlite(
        #[expect(dead_code, reason = "held so the directory lives as long as the store")]
        tempfile::TempDir,
    ),
    Postgres {
        database: String,
    },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestStore {
    /// A fresh, migrated store on `backend`.
    pub async fn new(backend: Backend) -> Self {
        let (url, cleanup) =
            match backend {
                Backend::Sqlite => {
                    let dir = tempfile::tempdir().expect("a temporary directory");
                    let url = format!("sqlite://{}", dir.path().join("accord.db").display());
                    (url, Cleanup::Sqlite(dir))
                }
                Backend::Postgres => {
                    let database = format!(
                        "accord_test_{}_{}",
                        std::process::id(),
                        COUNTER.fetch_add(1, Ordering::Relaxed)
                    );
                    let admin = postgres_admin_url();
                    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap_or_else(|e| {
                    panic!("PostgreSQL is not reachable at {admin} (set ACCORD_TEST_POSTGRES): {e}")
                });
                    // One statement each: DROP and CREATE DATABASE refuse to run in a
                    // transaction, which a multi-statement string implicitly is.
                    for sql in [
                        format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"),
                        format!("CREATE DATABASE {database}"),
                    ] {
                        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                            .execute(&mut conn)
                            .await
                            .expect("create a test database");
                    }
                    let url = format!(
                        "{}/{database}",
                        admin.rsplit_once('/').expect("a URL with a path").0
                    );
                    (url, Cleanup::Postgres { database })
                }
            };
        let store = AnyStore::open(&url).await.expect("open the test store");
        store.migrate().await.expect("migrate the test store");
        TestStore {
            store,
            url,
            cleanup,
        }
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Cleanup::Postgres { database } = &self.cleanup {
            let database = database.clone();
            // Drop may run inside an async runtime: do the async work on a thread of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime");
                rt.block_on(async {
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&postgres_admin_url()).await {
                        let sql = format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                            .execute(&mut conn)
                            .await;
                    }
                });
            })
            .join();
        }
    }
}
