//! The write path against its floor, on SQLite and PostgreSQL, every commit durable.
//!
//! `cargo bench -p accord-store --bench write_path` prints, per backend:
//! - single-event commands through the journal (decide, seal, hash, tiles, commit, apply) against
//!   the floor: the same rows (entry, body, tiles) appended with no hashing and no logic;
//! - the same in groups of 100 events per transaction;
//! - start-up replay of a 1,000,000-event log, timed, in a fresh process whose peak resident
//!   memory is read from /proc.
//!
//! Sizes: `ACCORD_BENCH_SINGLE` (default 2,000 commands), `ACCORD_BENCH_BATCHES` (default 200
//! groups), `ACCORD_BENCH_REPLAY` (default 1,000,000 events; 0 skips it).

use std::sync::Arc;
use std::time::{Duration, Instant};

use accord_core::Command;
use accord_store::{AnyStore, Backend, Batch, Journal, JournalConfig, Store};
use accord_testkit::TestStore;
use accord_testkit::fixtures::{FixedClock, found, journal_config, note};

fn config() -> JournalConfig {
    journal_config("accord.bench/log", Duration::from_secs(1))
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn say(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Runs the journal and records every batch it appended, by reading the log back afterwards.
async fn journal_run(store: &AnyStore, groups: &[Vec<Command>]) -> Duration {
    let journal = Journal::open(store.clone(), config(), Arc::new(FixedClock))
        .await
        .unwrap();
    journal.submit(found()).await.unwrap();
    let start = Instant::now();
    for group in groups {
        journal.submit_all(group.clone()).await.unwrap();
    }
    let took = start.elapsed();
    journal.shutdown().await;
    took
}

/// The same rows the journal wrote, batch for batch, prepared in advance: entries, bodies and
/// tiles read back from the journal's database and regrouped as it committed them.
async fn floor_batches(source: &AnyStore, group_sizes: &[usize]) -> Vec<Batch> {
    use accord_ledger::{MemoryTileStore, Recording, Tree};
    let mut tree = Tree::new(Recording::new(MemoryTileStore::new()));
    let mut batches = Vec::new();
    let mut seq = 0u64;
    for &n in std::iter::once(&1).chain(group_sizes) {
        let rows = source
            .entries_with_bodies(seq, u32::try_from(n).unwrap())
            .await
            .unwrap();
        let entries: Vec<Vec<u8>> = rows.iter().map(|r| r.entry.clone()).collect();
        tree.append(&entries).unwrap();
        let bodies: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    accord_core::envelope::body_hash(r.body.as_deref().unwrap()),
                    r.body.clone().unwrap(),
                )
            })
            .collect();
        batches.push(Batch {
            first_seq: seq,
            entries: entries
                .into_iter()
                .zip(&bodies)
                .map(|(entry, (h, _))| accord_store::NewEntry {
                    entry,
                    body_hash: *h,
                })
                .collect(),
            bodies,
            tiles: tree.store_mut().take_written(),
            blobs: Vec::new(),
        });
        seq += n as u64;
    }
    batches
}

async fn floor_run(store: &AnyStore, batches: &[Batch]) -> Duration {
    store.append(&batches[0]).await.unwrap();
    let start = Instant::now();
    for b in &batches[1..] {
        store.append(b).await.unwrap();
    }
    start.elapsed()
}

async fn compare(backend: Backend, label: &str, groups: Vec<Vec<Command>>) {
    let events: usize = groups.iter().map(Vec::len).sum();
    let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
    let ours = TestStore::new(backend).await;
    let took = journal_run(&ours.store, &groups).await;
    let batches = floor_batches(&ours.store, &sizes).await;
    let floor = TestStore::new(backend).await;
    let raw = floor_run(&floor.store, &batches).await;
    let (ours_rate, raw_rate) = (
        events as f64 / took.as_secs_f64(),
        events as f64 / raw.as_secs_f64(),
    );
    say(&format!(
        "{backend:?} {label}: write path {ours_rate:.0} events/s, floor {raw_rate:.0} events/s ({:.0}% of the floor; {} events)",
        100.0 * ours_rate / raw_rate,
        events
    ));
}

/// Builds a log of `n` events, then replays it in a fresh process of this benchmark.
async fn replay(backend: Backend, n: usize) {
    let t = TestStore::new(backend).await;
    let groups: Vec<Vec<Command>> = (0..n)
        .collect::<Vec<_>>()
        .chunks(1000)
        .map(|c| c.iter().map(|&i| note(i)).collect())
        .collect();
    let built = journal_run(&t.store, &groups).await;
    say(&format!(
        "{backend:?}: built a log of {} events in {:.1} s",
        n + 1,
        built.as_secs_f64()
    ));
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--replay-only", &t.url])
        .output()
        .unwrap();
    say(String::from_utf8_lossy(&out.stdout).trim_end());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A figure from /proc/self/status, in MiB: `VmHWM` (peak resident), `RssAnon` (resident
/// memory of the process's own, without mapped files).
fn status_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

async fn replay_only(url: &str) {
    let store = AnyStore::open(url).await.unwrap();
    let start = Instant::now();
    let journal = Journal::open(store, config(), Arc::new(FixedClock))
        .await
        .unwrap();
    let took = start.elapsed();
    let (size, _) = journal.head();
    say(&format!(
        "  replayed and checked {size} events in {:.2} s; resident memory of its own after \
         replay {:.0} MiB (peak resident {:.0} MiB, mapped database pages included)",
        took.as_secs_f64(),
        status_mib("RssAnon:"),
        status_mib("VmHWM:")
    ));
    journal.shutdown().await;
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    if let Some(i) = args.iter().position(|a| a == "--replay-only") {
        rt.block_on(replay_only(&args[i + 1]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--read-only") {
        // Reads the log as replay does, and nothing else: the database's share of replay.
        rt.block_on(async {
            let store = AnyStore::open(&args[i + 1]).await.unwrap();
            let start = Instant::now();
            let (mut from, mut bytes) = (0u64, 0usize);
            loop {
                let page = store.entries_with_bodies(from, 10_000).await.unwrap();
                if page.is_empty() {
                    break;
                }
                from += page.len() as u64;
                bytes += page
                    .iter()
                    .map(|e| e.entry.len() + e.body.as_ref().map_or(0, Vec::len))
                    .sum::<usize>();
            }
            say(&format!(
                "  read {from} entries with their bodies ({bytes} bytes) in {:.2} s",
                start.elapsed().as_secs_f64()
            ));
        });
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--build-only") {
        // Builds a log in an existing database, for profiling the replay by hand.
        let n: usize = args[i + 2].parse().unwrap();
        rt.block_on(async {
            let store = AnyStore::open(&args[i + 1]).await.unwrap();
            store.migrate().await.unwrap();
            let groups: Vec<Vec<Command>> = (0..n)
                .collect::<Vec<_>>()
                .chunks(1000)
                .map(|c| c.iter().map(|&i| note(i)).collect())
                .collect();
            journal_run(&store, &groups).await;
        });
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let single = env("ACCORD_BENCH_SINGLE", 2_000);
    let batches = env("ACCORD_BENCH_BATCHES", 200);
    let replay_n = env("ACCORD_BENCH_REPLAY", 1_000_000);
    rt.block_on(async {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            compare(
                backend,
                "single-event commands",
                (0..single).map(|i| vec![note(i)]).collect(),
            )
            .await;
            compare(
                backend,
                "groups of 100 events",
                (0..batches)
                    .map(|b| (0..100).map(|i| note(b * 100 + i)).collect())
                    .collect(),
            )
            .await;
        }
        if replay_n > 0 {
            for backend in [Backend::Sqlite, Backend::Postgres] {
                replay(backend, replay_n).await;
            }
        }
    });
}
