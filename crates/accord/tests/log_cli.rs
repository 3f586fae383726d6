//! The real `accord` binary on a real SQLite log: `keys`, `config`, `init`, `export` and
//! `verify`; and tampering with an entry, a tile or a body, or removing the last entry, caught by
//! start-up (`accord init`) and by `accord verify`, each naming the entry's index.

mod common;
mod dir_server;

use common::{accord, stderr, stdout};

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use accord_ledger::SignerKey;
use accord_store::{AnyStore, Journal, JournalConfig, SystemClock};
use accord_testkit::fixtures::note;

#[test]
fn keys_writes_a_private_file_and_prints_the_verifier_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = accord(
        dir.path(),
        &[
            "keys",
            "--kind",
            "witness",
            "--name",
            "witness.kz.test",
            "--out",
            "w.key",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let vkey = stdout(&out);
    assert!(vkey.starts_with("witness.kz.test+"), "{vkey}");
    let private = std::fs::read_to_string(dir.path().join("w.key")).unwrap();
    assert!(private.starts_with("PRIVATE+KEY+witness.kz.test+"));
    assert!(!vkey.contains("PRIVATE"), "the secret is never printed");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.path().join("w.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = accord(
        dir.path(),
        &["keys", "--name", "witness.kz.test", "--out", "w.key"],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("must not exist"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn config_prints_commented_defaults_that_load_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = accord(dir.path(), &["config"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("# Accord's settings"));
    std::fs::write(dir.path().join("accord.toml"), &text).unwrap();
    let init = accord(dir.path(), &["--config", "accord.toml", "init"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let org = accord(dir.path(), &["config", "--organisation"]);
    assert!(
        stdout(&org).contains("[[members]]") || stdout(&org).contains("members"),
        "{}",
        stdout(&org)
    );

    std::fs::write(dir.path().join("bad.toml"), "data_dri = \"x\"\n").unwrap();
    let bad = accord(dir.path(), &["--config", "bad.toml", "init"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("bad.toml") && stderr(&bad).contains("data_dri"),
        "{}",
        stderr(&bad)
    );
}

/// A node with the organisation founded and `notes` notes, shut down cleanly (so the last
/// checkpoint covers everything). Returns the log's verifier key.
fn node_with_notes(dir: &Path, notes: usize) -> String {
    let init = accord(dir, &["init"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let vkey = stdout(&init)
        .lines()
        .find_map(|l| l.strip_prefix("log verifier key: "))
        .unwrap()
        .to_owned();
    let key = SignerKey::parse(
        std::fs::read_to_string(dir.join("data/log.key"))
            .unwrap()
            .trim(),
    )
    .unwrap();
    let url = format!("sqlite://{}", dir.join("data/accord.db").display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = AnyStore::open(&url).await.unwrap();
        let config = JournalConfig {
            origin: "accord.example/log".to_owned(),
            log_key: key,
            checkpoint_interval: Duration::from_secs(1),
        };
        let journal = Journal::open(store, config, Arc::new(SystemClock))
            .await
            .unwrap();
        for n in 0..notes {
            journal.submit(note(n)).await.unwrap();
        }
        journal.shutdown().await;
    });
    vkey
}

fn sql(dir: &Path, statement: &'static str) {
    let url = format!("sqlite://{}", dir.join("data/accord.db").display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = accord_store::SqliteStore::open(&url).await.unwrap();
        let done = sqlx::query(statement).execute(store.pool()).await.unwrap();
        assert_eq!(done.rows_affected(), 1, "{statement}");
    });
}

#[test]
fn an_exported_log_verifies_with_the_organisations_key() {
    let dir = tempfile::tempdir().unwrap();
    let vkey = node_with_notes(dir.path(), 300);
    let export = accord(dir.path(), &["export", "ex", "--bodies", "restricted"]);
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(
        stdout(&export).starts_with("exported 301 entries"),
        "{}",
        stdout(&export)
    );
    let verify = accord(dir.path(), &["verify", "ex", "--key", &vkey]);
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(
        stdout(&verify).contains("301 entries"),
        "{}",
        stdout(&verify)
    );
    let history = std::fs::read_dir(dir.path().join("ex/checkpoints"))
        .unwrap()
        .count();
    assert!(history >= 2, "every signed checkpoint is exported");
    let needle = format!("{history} signed checkpoints of the log's history");
    assert!(stdout(&verify).contains(&needle), "{}", stdout(&verify));
    // Another key, or a witness the policy requires but nobody cosigned as, is refused.
    let other = accord(
        dir.path(),
        &[
            "keys",
            "--kind",
            "log",
            "--name",
            "accord.example/log",
            "--out",
            "other.key",
        ],
    );
    let wrong = accord(
        dir.path(),
        &["verify", "ex", "--key", stdout(&other).trim()],
    );
    assert_eq!(wrong.status.code(), Some(1));
    let witness = accord(
        dir.path(),
        &["keys", "--name", "witness.am.test", "--out", "am.key"],
    );
    let unwitnessed = accord(
        dir.path(),
        &[
            "verify",
            "ex",
            "--key",
            &vkey,
            "--witness",
            stdout(&witness).trim(),
            "--witnesses-required",
            "1",
        ],
    );
    assert!(
        stderr(&unwitnessed).contains("0 of the trusted witnesses"),
        "{}",
        stderr(&unwitnessed)
    );
    // An export never overwrites.
    assert_eq!(accord(dir.path(), &["export", "ex"]).status.code(), Some(1));
}

#[test]
fn a_served_log_verifies_over_http_and_a_tampered_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let vkey = node_with_notes(dir.path(), 300);
    let export = accord(dir.path(), &["export", "ex"]);
    assert!(export.status.success(), "{}", stderr(&export));
    let base = dir_server::serve(dir.path().join("ex"), |_, _, _, _| None);
    let verify = accord(dir.path(), &["verify", &base, "--key", &vkey]);
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(
        stdout(&verify).contains("301 entries"),
        "{}",
        stdout(&verify)
    );
    // One byte of a served tile changed: refused, naming the entry.
    let tile = dir.path().join("ex/tile/0/000");
    let mut bytes = std::fs::read(&tile).unwrap();
    bytes[32 * 77] ^= 1;
    std::fs::write(&tile, bytes).unwrap();
    let refused = accord(dir.path(), &["verify", &base, "--key", &vkey]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("entry 77"),
        "{}",
        stderr(&refused)
    );
    // A server with nothing there.
    let empty = dir_server::serve(dir.path().join("nothing"), |_, _, _, _| None);
    let missing = accord(dir.path(), &["verify", &empty, "--key", &vkey]);
    assert!(
        stderr(&missing).contains("has no checkpoint"),
        "{}",
        stderr(&missing)
    );
}

/// Tampers with the database, then checks that start-up and export + verify both name `index`.
fn caught(statement: &'static str, index: u64) {
    let dir = tempfile::tempdir().unwrap();
    let vkey = node_with_notes(dir.path(), 40);
    let export = accord(dir.path(), &["export", "before"]);
    assert!(export.status.success(), "{}", stderr(&export));
    sql(dir.path(), statement);
    let start = accord(dir.path(), &["init"]);
    assert_eq!(
        start.status.code(),
        Some(1),
        "start-up must refuse a tampered log"
    );
    let needle = format!("entry {index}");
    assert!(
        stderr(&start).contains(&needle),
        "start-up: {}",
        stderr(&start)
    );
    let export = accord(dir.path(), &["export", "after", "--bodies", "confidential"]);
    let verify = accord(dir.path(), &["verify", "after", "--key", &vkey]);
    let why = format!("{}{}", stderr(&export), stderr(&verify));
    assert!(
        !verify.status.success() || !export.status.success(),
        "the tampered log verified"
    );
    assert!(
        why.contains(&needle) || why.contains(&format!("from {index}")),
        "verify: {why}"
    );
}

#[test]
fn an_altered_entry_is_caught_at_its_index() {
    caught(
        "UPDATE entries SET entry = CAST(REPLACE(CAST(entry AS TEXT), '\"seq\":17', '\"seq\":71') AS BLOB) WHERE seq = 17",
        17,
    );
}

#[test]
fn an_altered_tile_is_caught_at_its_index() {
    caught(
        "UPDATE tiles SET hashes = CAST(substr(hashes, 1, 320) || zeroblob(32) || substr(hashes, 353) AS BLOB) WHERE level = 0 AND idx = 0",
        10,
    );
}

#[test]
fn an_altered_body_is_caught_at_its_index() {
    caught(
        "UPDATE bodies SET body = CAST(REPLACE(CAST(body AS TEXT), 'Запись 29', 'Запись 92') AS BLOB) WHERE hash = (SELECT body_hash FROM entries WHERE seq = 30)",
        30,
    );
}

#[test]
fn a_removed_last_entry_is_caught_at_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let vkey = node_with_notes(dir.path(), 40);
    let export = accord(dir.path(), &["export", "ex"]);
    assert!(export.status.success(), "{}", stderr(&export));
    sql(dir.path(), "DELETE FROM entries WHERE seq = 40");
    let start = accord(dir.path(), &["init"]);
    assert!(
        stderr(&start).contains("entry 40"),
        "start-up: {}",
        stderr(&start)
    );
    let refused = accord(dir.path(), &["export", "after"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("entry 40 is missing"),
        "{}",
        stderr(&refused)
    );
    // The same removal in an exported copy: the last bundle loses its last entry.
    let bundle = dir.path().join("ex/tile/entries/000.p/41");
    let bytes = std::fs::read(&bundle).unwrap();
    let mut at = 0;
    for _ in 0..40 {
        at += 2 + usize::from(u16::from_be_bytes([bytes[at], bytes[at + 1]]));
    }
    std::fs::write(&bundle, &bytes[..at]).unwrap();
    let verify = accord(dir.path(), &["verify", "ex", "--key", &vkey]);
    assert_eq!(verify.status.code(), Some(1));
    assert!(
        stderr(&verify).contains("entries from 40 are missing"),
        "{}",
        stderr(&verify)
    );
}
