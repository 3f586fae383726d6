//! Crash safety, for real: a child process appends batches of 100 entries as fast as it can and
//! is killed with SIGKILL in the middle; the store, reopened, has lost no committed entry and
//! holds no partial batch, and its tiles agree with its entries. On SQLite and PostgreSQL.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use accord_ledger::{Hash, MemoryTileStore, Recording, TileStore as _, Tree, leaf_hash};
use accord_store::{AnyStore, Backend, Batch, NewEntry, Store};
use accord_testkit::TestStore;

const BATCH: u64 = 100;
const CHILD_URL: &str = "ACCORD_CRASH_TEST_URL";

fn entry(i: u64) -> Vec<u8> {
    format!("{{\"crash-test-entry\":{i}}}").into_bytes()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// The child: appends until killed, saying after each commit how many entries are committed.
#[test]
#[ignore = "run as a child process by the crash tests"]
fn child_appender() {
    let Ok(url) = std::env::var(CHILD_URL) else {
        return;
    };
    runtime().block_on(async {
        let store = AnyStore::open(&url).await.unwrap();
        let mut tree = Tree::new(Recording::new(MemoryTileStore::new()));
        let mut out = std::io::stdout().lock();
        loop {
            let first = tree.size();
            let entries: Vec<Vec<u8>> = (first..first + BATCH).map(entry).collect();
            tree.append(&entries).unwrap();
            let batch = Batch {
                first_seq: first,
                entries: entries
                    .iter()
                    .map(|e| NewEntry {
                        entry: e.clone(),
                        body_hash: leaf_hash(e),
                    })
                    .collect(),
                bodies: entries.iter().map(|e| (leaf_hash(e), e.clone())).collect(),
                tiles: tree.store_mut().take_written(),
                blobs: Vec::new(),
            };
            store.append(&batch).await.unwrap();
            writeln!(out, "committed {}", tree.size()).unwrap();
            out.flush().unwrap();
        }
    });
}

fn killed_in_the_middle_of_appending_loses_nothing(backend: Backend) {
    let rt = runtime();
    let t = rt.block_on(TestStore::new(backend));
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "child_appender",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_URL, &t.url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut committed = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        if let Some(n) = line.unwrap().strip_prefix("committed ") {
            committed = n.parse().unwrap();
            if committed >= 50 * BATCH {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no flush runs in the child
    child.wait().unwrap();
    assert!(
        committed >= 50 * BATCH,
        "the child stopped early at {committed}"
    );

    rt.block_on(async {
        let store = AnyStore::open(&t.url).await.unwrap();
        let size = store.log_size().await.unwrap();
        assert!(
            size >= committed,
            "committed {committed} entries, found {size}"
        );
        assert_eq!(size % BATCH, 0, "a partial batch survived: {size} entries");
        // Every entry is there, in order, and the stored tiles are the entries' tree.
        let mut tree = Tree::new(MemoryTileStore::new());
        let mut from = 0;
        while from < size {
            let page = store.entries(from, 10_000).await.unwrap();
            for e in &page {
                assert_eq!(e.seq, from);
                assert_eq!(e.entry, entry(from));
                from += 1;
            }
            let leaves: Vec<Hash> = page.iter().map(|e| leaf_hash(&e.entry)).collect();
            tree.append_leaf_hashes(leaves).unwrap();
        }
        let mut stored = MemoryTileStore::new();
        for tile in store.tiles().await.unwrap() {
            stored.put_tile(tile).unwrap();
        }
        let reopened = Tree::open(stored, size).unwrap();
        assert_eq!(reopened.root(), tree.root());
        for b in [0, size / 2, size - 1] {
            let body = store.body(&leaf_hash(&entry(b))).await.unwrap();
            assert_eq!(body, Some(entry(b)), "body of entry {b}");
        }
    });
}

#[test]
fn sqlite_killed_in_the_middle_of_appending_loses_nothing() {
    killed_in_the_middle_of_appending_loses_nothing(Backend::Sqlite);
}

#[test]
fn postgres_killed_in_the_middle_of_appending_loses_nothing() {
    killed_in_the_middle_of_appending_loses_nothing(Backend::Postgres);
}
