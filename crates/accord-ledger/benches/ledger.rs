//! Benchmarks of the ledger, side by side with the SHA-256 floor and the `ct-merkle` crate.
//!
//! `cargo bench -p accord-ledger --bench ledger` runs them; at the end it prints each figure and
//! the ratios the crate README records. Filter with a criterion argument, e.g. `-- append`.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use accord_ledger::{
    Hash, MemoryTileStore, Tree, leaf_hash, node_hash, verify_consistency, verify_inclusion,
};
use criterion::{Criterion, Throughput};
use ct_merkle::RootHash;
use ct_merkle::mem_backed_tree::MemoryBackedTree;

type Peer<T> = MemoryBackedTree<sha2_next::Sha256, T>;

const APPEND_LEAVES: usize = 1_000_000;
const PROOF_TREE: u64 = 10_000_000;

/// Mean time per iteration of every benchmark, as measured inside criterion's own runs.
static MEANS: Mutex<BTreeMap<String, (Duration, u64)>> = Mutex::new(BTreeMap::new());

fn timed(
    c: &mut Criterion,
    group: &str,
    name: &'static str,
    elements: u64,
    mut f: impl FnMut(u64),
) {
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Elements(elements));
    if elements > 1 {
        g.sample_size(10);
    }
    g.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for i in 0..iters {
                f(i);
            }
            let took = start.elapsed();
            let mut means = MEANS.lock().unwrap();
            let entry = means.entry(format!("{group}/{name}")).or_default();
            entry.0 += took;
            entry.1 += iters;
            took
        });
    });
    g.finish();
}

fn mean(group: &str, name: &str) -> f64 {
    let means = MEANS.lock().unwrap();
    let (d, n) = means
        .get(&format!("{group}/{name}"))
        .copied()
        .unwrap_or_default();
    d.as_secs_f64() / n.max(1) as f64
}

fn appends(c: &mut Criterion) {
    let entries: Vec<[u8; 256]> = (0..APPEND_LEAVES)
        .map(|i| {
            let mut e = [0u8; 256];
            e[..8].copy_from_slice(&(i as u64).to_be_bytes());
            e
        })
        .collect();
    let n = APPEND_LEAVES as u64;
    timed(c, "append 1M x 256 B", "sha256 floor", n, |_| {
        // The same leaf and node hashes the tree computes, with nothing else.
        let mut stack: Vec<Hash> = Vec::with_capacity(64);
        for (i, e) in entries.iter().enumerate() {
            let mut h = leaf_hash(e);
            let mut k = i;
            while k & 1 == 1 {
                h = node_hash(&stack.pop().unwrap(), &h);
                k >>= 1;
            }
            stack.push(h);
        }
        black_box(stack);
    });
    timed(c, "append 1M x 256 B", "accord tree", n, |_| {
        let mut tree = Tree::new(MemoryTileStore::new());
        for batch in entries.chunks(1000) {
            black_box(tree.append(batch).unwrap());
        }
        black_box(tree);
    });
    timed(c, "append 1M x 256 B", "ct-merkle", n, |_| {
        let mut tree = Peer::<[u8; 256]>::new();
        for e in &entries {
            tree.push(*e);
        }
        black_box(tree.root());
    });
}

/// A cheap deterministic sequence of pseudo-random numbers for picking indexes.
fn picks(count: usize, below: u64) -> Vec<u64> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..count)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % below
        })
        .collect()
}

fn proofs(c: &mut Criterion) {
    let n = PROOF_TREE;
    let entry = |i: u64| i.to_be_bytes();
    let started = Instant::now();
    let mut tree = Tree::new(MemoryTileStore::new());
    let all: Vec<[u8; 8]> = (0..n).map(entry).collect();
    for batch in all.chunks(10_000) {
        tree.append(batch).unwrap();
    }
    let bytes = tree.store().hash_bytes();
    report(&format!(
        "accord tree of {n} leaves built in {:.2} s; tiles hold {bytes} bytes of hashes, {:.1} bytes per leaf",
        started.elapsed().as_secs_f64(),
        bytes as f64 / n as f64
    ));
    let started = Instant::now();
    let mut peer = Peer::<[u8; 8]>::new();
    for e in &all {
        peer.push(*e);
    }
    drop(all);
    report(&format!(
        "ct-merkle tree of {n} leaves built in {:.2} s",
        started.elapsed().as_secs_f64()
    ));

    let root = tree.root();
    let indexes = picks(1024, n);
    let olds: Vec<u64> = picks(1024, n - 1).into_iter().map(|x| x + 1).collect();
    let pick = |list: &[u64], i: u64| list[usize::try_from(i).unwrap() % list.len()];

    timed(c, "inclusion proof @10M", "accord build", 1, |i| {
        black_box(tree.inclusion_proof(pick(&indexes, i), n).unwrap());
    });
    timed(c, "inclusion proof @10M", "ct-merkle build", 1, |i| {
        black_box(peer.prove_inclusion(usize::try_from(pick(&indexes, i)).unwrap()));
    });
    let ours: Vec<Vec<Hash>> = indexes
        .iter()
        .map(|&x| tree.inclusion_proof(x, n).unwrap())
        .collect();
    let theirs: Vec<_> = indexes
        .iter()
        .map(|&x| peer.prove_inclusion(usize::try_from(x).unwrap()))
        .collect();
    let peer_root = peer.root();
    timed(c, "inclusion proof @10M", "accord verify", 1, |i| {
        let k = usize::try_from(i).unwrap() % ours.len();
        let leaf = leaf_hash(&entry(indexes[k]));
        verify_inclusion(indexes[k], n, &leaf, &ours[k], &root).unwrap();
    });
    timed(c, "inclusion proof @10M", "ct-merkle verify", 1, |i| {
        let k = usize::try_from(i).unwrap() % theirs.len();
        peer_root
            .verify_inclusion(&entry(indexes[k]), indexes[k], &theirs[k])
            .unwrap();
    });

    timed(c, "consistency proof @10M", "accord build", 1, |i| {
        black_box(tree.consistency_proof(pick(&olds, i), n).unwrap());
    });
    timed(c, "consistency proof @10M", "ct-merkle build", 1, |i| {
        black_box(peer.prove_consistency(usize::try_from(n - pick(&olds, i)).unwrap()));
    });
    let old_roots: Vec<Hash> = olds.iter().map(|&o| tree.root_at(o).unwrap()).collect();
    let ours: Vec<Vec<Hash>> = olds
        .iter()
        .map(|&o| tree.consistency_proof(o, n).unwrap())
        .collect();
    let theirs: Vec<_> = olds
        .iter()
        .map(|&o| peer.prove_consistency(usize::try_from(n - o).unwrap()))
        .collect();
    let peer_old_roots: Vec<RootHash<sha2_next::Sha256>> = olds
        .iter()
        .zip(&old_roots)
        .map(|(&o, r)| RootHash::new(r.0.into(), o))
        .collect();
    timed(c, "consistency proof @10M", "accord verify", 1, |i| {
        let k = usize::try_from(i).unwrap() % ours.len();
        verify_consistency(olds[k], n, &old_roots[k], &root, &ours[k]).unwrap();
    });
    timed(c, "consistency proof @10M", "ct-merkle verify", 1, |i| {
        let k = usize::try_from(i).unwrap() % theirs.len();
        peer_root
            .verify_consistency(&peer_old_roots[k], &theirs[k])
            .unwrap();
    });
}

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
fn report(line: &str) {
    println!("{line}");
}

fn summary() {
    let rate = |name: &str| APPEND_LEAVES as f64 / mean("append 1M x 256 B", name);
    let (floor, ours, peer) = (rate("sha256 floor"), rate("accord tree"), rate("ct-merkle"));
    let mut lines = vec![
        "== summary".to_owned(),
        format!(
            "append: sha256 floor {:.2} M leaves/s, accord {:.2} M leaves/s ({:.0}% of the floor), ct-merkle {:.2} M leaves/s (accord {:.1}x faster)",
            floor / 1e6,
            ours / 1e6,
            100.0 * ours / floor,
            peer / 1e6,
            ours / peer
        ),
    ];
    for what in ["inclusion", "consistency"] {
        let group = format!("{what} proof @10M");
        for step in ["build", "verify"] {
            let a = mean(&group, &format!("accord {step}"));
            let p = mean(&group, &format!("ct-merkle {step}"));
            lines.push(format!(
                "{what} {step} @10M: accord {:.2} us, ct-merkle {:.2} us (accord {:.2}x as fast)",
                a * 1e6,
                p * 1e6,
                p / a
            ));
        }
    }
    report(&lines.join("\n"));
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    appends(&mut c);
    proofs(&mut c);
    c.final_summary();
    summary();
}
