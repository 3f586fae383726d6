//! The write path end to end, on both backends: commands in, entries, tiles, bodies and
//! checkpoints out; a rejected command writes nothing; a restart replays to the same state; and
//! tampering with an entry, a tile or a body, or removing the last entry, stops start-up naming
//! the first bad index.

use std::sync::Arc;
use std::time::Duration;

use accord_core::{Command, Principal};
use accord_ledger::{SignedCheckpoint, leaf_hash, verify_inclusion};
use accord_store::{AnyStore, Backend, Journal, JournalConfig, ReplayError, Store, SubmitError};
use accord_testkit::TestStore;
use accord_testkit::fixtures::{FixedClock, found, journal_config, note};

fn config() -> JournalConfig {
    journal_config("accord.test/csto", Duration::from_millis(50))
}

async fn open(store: &AnyStore) -> Result<Journal<AnyStore>, ReplayError> {
    Journal::open(store.clone(), config(), Arc::new(FixedClock)).await
}

/// A journal with the organisation founded and `notes` notes recorded, then shut down.
async fn filled(t: &TestStore, notes: usize) -> u64 {
    let journal = open(&t.store).await.unwrap();
    journal.submit(found()).await.unwrap();
    for n in 0..notes {
        journal.submit(note(n)).await.unwrap();
    }
    let (size, _) = journal.head();
    journal.shutdown().await;
    size
}

async fn commands_append_entries_and_a_restart_replays_them(t: TestStore) {
    let journal = open(&t.store).await.unwrap();
    let mut live = journal.subscribe();
    let receipt = journal.submit(found()).await.unwrap();
    assert_eq!((receipt.first.0, receipt.count, receipt.size), (0, 1, 1));
    assert_eq!(
        live.recv().await.unwrap().envelope.kind(),
        "organisation.founded"
    );
    for n in 0..300 {
        let r = journal.submit(note(n)).await.unwrap();
        assert_eq!(r.first.0, 1 + n as u64);
    }
    let (size, root) = journal.head();
    assert_eq!(size, 301);
    assert_eq!(t.store.log_size().await.unwrap(), 301);
    // Entry 7 is in the tree: its stored bytes verify against the root.
    let entry = &t.store.entries(7, 1).await.unwrap()[0].entry;
    let proof = journal.inclusion_proof(7, size).unwrap();
    verify_inclusion(7, size, &leaf_hash(entry), &proof, &root).unwrap();
    let state_before = journal.state().clone();
    journal.shutdown().await;

    // The shutdown signed a checkpoint of the whole log.
    let cp = t.store.latest_checkpoint().await.unwrap().unwrap();
    assert_eq!(cp.size, 301);
    let signed = SignedCheckpoint::open(cp.note.as_bytes(), config().log_key.verifier()).unwrap();
    assert_eq!(*signed.checkpoint().root(), root);

    let reopened = open(&t.store).await.unwrap();
    assert_eq!(reopened.head(), (301, root));
    assert_eq!(*reopened.state(), state_before);
    assert_eq!(reopened.latest_checkpoint().unwrap().size, 301);
    reopened.shutdown().await;
}

async fn a_rejected_command_writes_nothing(t: TestStore) {
    let journal = open(&t.store).await.unwrap();
    journal.submit(found()).await.unwrap();
    let err = journal.submit(found()).await.unwrap_err();
    assert!(
        matches!(&err, SubmitError::Rejected(e) if e.code() == "organisation.already_founded"),
        "{err}"
    );
    let anonymous = Command {
        principal: Principal::anonymous(),
        ..note(1)
    };
    assert!(matches!(
        journal.submit(anonymous).await,
        Err(SubmitError::Rejected(_))
    ));
    assert_eq!(journal.head().0, 1);
    assert_eq!(t.store.log_size().await.unwrap(), 1);
    journal.shutdown().await;
}

async fn a_group_commits_together_or_not_at_all(t: TestStore) {
    let journal = open(&t.store).await.unwrap();
    journal.submit(found()).await.unwrap();
    let receipts = journal
        .submit_all((0..100).map(note).collect())
        .await
        .unwrap();
    assert_eq!(receipts.len(), 100);
    assert_eq!((receipts[0].first.0, receipts[99].size), (1, 101));
    assert_eq!(t.store.log_size().await.unwrap(), 101);
    // A refused command in the middle of a group: nothing of the group is committed.
    let mut group: Vec<Command> = (0..5).map(note).collect();
    group.insert(3, found());
    assert!(matches!(
        journal.submit_all(group).await,
        Err(SubmitError::Rejected(_))
    ));
    assert_eq!(t.store.log_size().await.unwrap(), 101);
    assert_eq!(journal.state().notes().len(), 100);
    // The journal decides the next command as if the refused group never was.
    let r = journal.submit(note(7)).await.unwrap();
    assert_eq!((r.first.0, r.size), (101, 102));
    assert_eq!(journal.state().notes().len(), 101);
    let state = journal.state().clone();
    journal.shutdown().await;
    assert_eq!(*open(&t.store).await.unwrap().state(), state);
}

async fn a_failed_commit_leaves_state_and_tree_as_they_were(t: TestStore) {
    let journal = open(&t.store).await.unwrap();
    journal.submit(found()).await.unwrap();
    for n in 0..10 {
        journal.submit(note(n)).await.unwrap();
    }
    let head = journal.head();
    let state = journal.state().clone();
    // Another writer takes entry 11 behind the journal's back: its next commit must fail.
    tamper(
        &t.store,
        "INSERT INTO entries (seq, entry, body_hash) SELECT $1, entry, body_hash FROM entries WHERE seq = 0",
        11,
    )
    .await;
    let err = journal.submit(note(10)).await.unwrap_err();
    assert!(
        matches!(
            err,
            SubmitError::Store(accord_store::StoreError::NotNext { .. })
        ),
        "{err}"
    );
    assert_eq!(
        journal.head(),
        head,
        "readers never see the uncommitted entry"
    );
    assert_eq!(journal.committed(), 11);
    let tile = journal.tile_bytes(accord_ledger::TileId { level: 0, index: 0 });
    assert_eq!(
        tile.map(|t| t.len()),
        Some(11 * 32),
        "tiles are served at the committed width"
    );
    assert!(
        matches!(journal.submit(note(11)).await, Err(SubmitError::Halted)),
        "the log changed under the journal: it takes no more commands until restarted"
    );
    assert_eq!(*journal.state(), state);
    assert!(
        journal.inclusion_proof(0, 12).is_err(),
        "no proof beyond the commit"
    );
    journal.inclusion_proof(3, 11).unwrap();
    journal.shutdown().await;
}

async fn checkpoints_come_at_most_once_per_interval(t: TestStore) {
    let interval = Duration::from_millis(800);
    let config = journal_config("accord.test/csto", interval);
    let journal = Journal::open(t.store.clone(), config, Arc::new(FixedClock))
        .await
        .unwrap();
    let started = std::time::Instant::now();
    journal.submit(found()).await.unwrap();
    assert_eq!(
        journal.latest_checkpoint().unwrap().size,
        1,
        "the first commit is signed at once"
    );
    for n in 0..20 {
        journal.submit(note(n)).await.unwrap();
    }
    // Twenty commits take a few milliseconds; on a machine so loaded that they took longer
    // than the interval, a second checkpoint would rightly have been signed already.
    if started.elapsed() < interval {
        assert_eq!(
            journal.latest_checkpoint().unwrap().size,
            1,
            "not again within the interval"
        );
    }
    tokio::time::sleep(interval + Duration::from_millis(400)).await;
    assert_eq!(
        journal.latest_checkpoint().unwrap().size,
        21,
        "signed when the interval passed"
    );
    journal.shutdown().await;
}

/// Runs `sql` (one `$1` parameter: an index) against the raw database.
async fn tamper(store: &AnyStore, sql: &'static str, index: i64) {
    let done = match store {
        AnyStore::Sqlite(s) => sqlx::query(sql)
            .bind(index)
            .execute(s.pool())
            .await
            .unwrap()
            .rows_affected(),
        AnyStore::Postgres(s) => sqlx::query(sql)
            .bind(index)
            .execute(s.pool())
            .await
            .unwrap()
            .rows_affected(),
    };
    assert_eq!(done, 1, "{sql}");
}

/// Tampers with the store in its own dialect (`sqlite` or `postgres` SQL, one `$1` index), then
/// returns why start-up refused the log.
async fn refused_after(
    t: &TestStore,
    sqlite: &'static str,
    postgres: &'static str,
    index: i64,
) -> String {
    let sql = if matches!(t.store, AnyStore::Sqlite(_)) {
        sqlite
    } else {
        postgres
    };
    tamper(&t.store, sql, index).await;
    refused_at(t).await
}

async fn refused_at(t: &TestStore) -> String {
    open(&t.store)
        .await
        .expect_err("start-up must refuse a tampered log")
        .to_string()
}

async fn an_altered_entry_stops_start_up_at_its_index(t: TestStore) {
    filled(&t, 40).await;
    // Change the time of entry 17 (still a valid envelope: only the tree can tell).
    let sql = "UPDATE entries SET entry = CAST(REPLACE(CAST(entry AS TEXT), '2020-12-01', '2020-12-02') AS BLOB) WHERE seq = $1";
    let sql_pg = "UPDATE entries SET entry = CONVERT_TO(REPLACE(CONVERT_FROM(entry, 'UTF8'), '2020-12-01', '2020-12-02'), 'UTF8') WHERE seq = $1";
    let msg = refused_after(&t, sql, sql_pg, 17).await;
    assert!(msg.contains("at entry 17"), "{msg}");
}

async fn an_altered_tile_stops_start_up_at_its_index(t: TestStore) {
    filled(&t, 40).await;
    // Flip the bits of hash 23 of tile 0/0.
    let sql = "UPDATE tiles SET hashes = CAST(substr(hashes, 1, 736) || zeroblob(32) || substr(hashes, 769) AS BLOB) WHERE level = 0 AND idx = $1";
    let sql_pg = "UPDATE tiles SET hashes = overlay(hashes placing decode(repeat('00', 32), 'hex') from 737 for 32) WHERE level = 0 AND idx = $1";
    let msg = refused_after(&t, sql, sql_pg, 0).await;
    assert!(msg.contains("at entry 23"), "{msg}");
}

async fn a_truncated_tile_stops_start_up_at_its_index(t: TestStore) {
    filled(&t, 40).await;
    // Tile 0/0 cut back to its first 10 hashes, as if entries 10.. had no tile.
    let sql = "UPDATE tiles SET hashes = CAST(substr(hashes, 1, 320) AS BLOB) WHERE level = 0 AND idx = $1";
    let sql_pg =
        "UPDATE tiles SET hashes = substring(hashes from 1 for 320) WHERE level = 0 AND idx = $1";
    let msg = refused_after(&t, sql, sql_pg, 0).await;
    assert!(msg.contains("at entry 10"), "{msg}");
}

async fn an_altered_body_stops_start_up_at_its_index(t: TestStore) {
    filled(&t, 40).await;
    let sql = "UPDATE bodies SET body = CAST(REPLACE(CAST(body AS TEXT), 'Запись 30', 'Запись 31') AS BLOB) WHERE hash = (SELECT body_hash FROM entries WHERE seq = $1)";
    let sql_pg = "UPDATE bodies SET body = CONVERT_TO(REPLACE(CONVERT_FROM(body, 'UTF8'), 'Запись 30', 'Запись 31'), 'UTF8') WHERE hash = (SELECT body_hash FROM entries WHERE seq = $1)";
    let msg = refused_after(&t, sql, sql_pg, 31).await;
    assert!(msg.contains("at entry 31") && msg.contains("body"), "{msg}");
}

async fn a_removed_last_entry_stops_start_up_at_its_index(t: TestStore) {
    let size = filled(&t, 40).await;
    tamper(
        &t.store,
        "DELETE FROM entries WHERE seq = $1",
        i64::try_from(size - 1).unwrap(),
    )
    .await;
    let msg = refused_at(&t).await;
    assert!(msg.contains(&format!("at entry {}", size - 1)), "{msg}");
}

async fn a_removed_middle_entry_stops_start_up_at_its_index(t: TestStore) {
    filled(&t, 40).await;
    tamper(&t.store, "DELETE FROM entries WHERE seq = $1", 12).await;
    let msg = refused_at(&t).await;
    assert!(
        msg.contains("at entry 12") && msg.contains("missing"),
        "{msg}"
    );
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::TestStore::new(super::Backend::Sqlite).await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::TestStore::new(super::Backend::Postgres).await).await;
                }
            )*
        }
    };
}

on_both!(
    commands_append_entries_and_a_restart_replays_them,
    a_rejected_command_writes_nothing,
    a_group_commits_together_or_not_at_all,
    a_failed_commit_leaves_state_and_tree_as_they_were,
    checkpoints_come_at_most_once_per_interval,
    an_altered_entry_stops_start_up_at_its_index,
    an_altered_tile_stops_start_up_at_its_index,
    a_truncated_tile_stops_start_up_at_its_index,
    an_altered_body_stops_start_up_at_its_index,
    a_removed_last_entry_stops_start_up_at_its_index,
    a_removed_middle_entry_stops_start_up_at_its_index,
);
