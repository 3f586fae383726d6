//! Property tests: every proof over trees of up to 100,000 leaves verifies, and every small
//! corruption of a proof (a flipped bit, an added, removed or reordered hash) makes it fail.
//! The roots and proofs also agree with an independent implementation (`tlog_tiles`, a port
//! of the Go reference), and a tree reopened from its tiles carries on as if never closed.

use std::sync::OnceLock;

use accord_ledger::{Hash, MemoryTileStore, Tree, leaf_hash, verify_consistency, verify_inclusion};
use proptest::prelude::*;

const MAX: u64 = 100_000;

fn entry(i: u64) -> [u8; 8] {
    i.to_be_bytes()
}

/// One tree of 100,000 leaves; proofs at any smaller size come from the same tiles.
fn big_tree() -> &'static Tree<MemoryTileStore> {
    static TREE: OnceLock<Tree<MemoryTileStore>> = OnceLock::new();
    TREE.get_or_init(|| {
        let mut tree = Tree::new(MemoryTileStore::new());
        let entries: Vec<[u8; 8]> = (0..MAX).map(entry).collect();
        for batch in entries.chunks(7_919) {
            tree.append(batch).unwrap();
        }
        tree
    })
}

/// The ways a proof can be corrupted.
#[derive(Debug, Clone)]
enum Corruption {
    FlipBit { at: usize, bit: usize },
    Add { at: usize, hash: [u8; 32] },
    Remove { at: usize },
    Swap { a: usize, b: usize },
}

fn corruption() -> impl Strategy<Value = Corruption> {
    prop_oneof![
        (any::<usize>(), 0..256usize).prop_map(|(at, bit)| Corruption::FlipBit { at, bit }),
        (any::<usize>(), any::<[u8; 32]>()).prop_map(|(at, hash)| Corruption::Add { at, hash }),
        any::<usize>().prop_map(|at| Corruption::Remove { at }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Corruption::Swap { a, b }),
    ]
}

/// Applies the corruption; `None` when it cannot change this proof (so there is nothing to test).
fn corrupt(proof: &[Hash], c: &Corruption) -> Option<Vec<Hash>> {
    let mut p = proof.to_vec();
    match *c {
        Corruption::FlipBit { at, bit } => {
            let h = p.get_mut(at.checked_rem(proof.len())?)?;
            h.0[bit / 8] ^= 1 << (bit % 8);
        }
        Corruption::Add { at, hash } => p.insert(at % (proof.len() + 1), Hash(hash)),
        Corruption::Remove { at } => {
            p.remove(at.checked_rem(proof.len())?);
        }
        Corruption::Swap { a, b } => {
            let (a, b) = (a.checked_rem(proof.len())?, b % proof.len());
            if p[a] == p[b] {
                return None;
            }
            p.swap(a, b);
        }
    }
    Some(p)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn inclusion_proofs_verify_and_corruptions_fail(
        size in 1..=MAX,
        index_seed in any::<u64>(),
        c in corruption(),
    ) {
        let tree = big_tree();
        let index = index_seed % size;
        let root = tree.root_at(size).unwrap();
        let leaf = leaf_hash(&entry(index));
        let proof = tree.inclusion_proof(index, size).unwrap();
        prop_assert_eq!(verify_inclusion(index, size, &leaf, &proof, &root), Ok(()));
        if let Some(bad) = corrupt(&proof, &c) {
            prop_assert!(verify_inclusion(index, size, &leaf, &bad, &root).is_err(), "{:?}", c);
        }
        // The wrong leaf, or the right leaf at another index, fails too.
        prop_assert!(verify_inclusion(index, size, &leaf_hash(b"other"), &proof, &root).is_err());
        if size > 1 {
            let other = (index + 1) % size;
            prop_assert!(verify_inclusion(other, size, &leaf, &proof, &root).is_err());
        }
    }

    #[test]
    fn consistency_proofs_verify_and_corruptions_fail(
        a in 1..=MAX,
        b in 1..=MAX,
        c in corruption(),
    ) {
        let (old, new) = (a.min(b), a.max(b));
        let tree = big_tree();
        let (old_root, new_root) = (tree.root_at(old).unwrap(), tree.root_at(new).unwrap());
        let proof = tree.consistency_proof(old, new).unwrap();
        prop_assert_eq!(verify_consistency(old, new, &old_root, &new_root, &proof), Ok(()));
        if let Some(bad) = corrupt(&proof, &c) {
            prop_assert!(verify_consistency(old, new, &old_root, &new_root, &bad).is_err(), "{:?}", c);
        }
        if old < new {
            // A root of another size in place of the old root fails.
            let wrong = tree.root_at(old + 1).unwrap();
            prop_assert!(verify_consistency(old, new, &wrong, &new_root, &proof).is_err());
        }
    }

    #[test]
    fn a_reopened_tree_carries_on_as_if_never_closed(
        size in 1..5_000u64,
        cut_seed in any::<u64>(),
    ) {
        let cut = cut_seed % (size + 1);
        let entries: Vec<[u8; 8]> = (0..size).map(entry).collect();
        let mut first = Tree::new(MemoryTileStore::new());
        first.append(&entries[..usize::try_from(cut).unwrap()]).unwrap();
        let mut reopened = Tree::open(first.into_store(), cut).unwrap();
        let (n, root) = reopened.append(&entries[usize::try_from(cut).unwrap()..]).unwrap();
        prop_assert_eq!(n, size);
        prop_assert_eq!(root, big_tree().root_at(size).unwrap());
        prop_assert_eq!(root, reopened.root_at(size).unwrap());
        // Proofs against the current size come from the right-edge hashes the tree keeps; they
        // equal the proofs built from the tiles alone.
        let index = cut_seed % size;
        let old = 1 + cut_seed % size;
        prop_assert_eq!(
            reopened.inclusion_proof(index, size).unwrap(),
            accord_ledger::inclusion_proof(reopened.store(), index, size).unwrap()
        );
        prop_assert_eq!(
            reopened.consistency_proof(old, size).unwrap(),
            accord_ledger::consistency_proof(reopened.store(), old, size).unwrap()
        );
    }
}

/// `tlog_tiles` keeps every stored hash in one array (the Go sumdb layout).
struct GoStore(Vec<tlog_tiles::tlog::Hash>);

impl tlog_tiles::tlog::HashReader for GoStore {
    fn read_hashes(
        &self,
        indexes: &[u64],
    ) -> Result<Vec<tlog_tiles::tlog::Hash>, tlog_tiles::tlog::Error> {
        Ok(indexes
            .iter()
            .map(|&i| self.0[usize::try_from(i).unwrap()])
            .collect())
    }
}

fn go_store(size: u64) -> GoStore {
    let mut store = GoStore(Vec::new());
    for n in 0..size {
        let hashes = tlog_tiles::tlog::stored_hashes(n, &entry(n), &store).unwrap();
        store.0.extend(hashes);
    }
    store
}

fn ours(h: &[tlog_tiles::tlog::Hash]) -> Vec<Hash> {
    h.iter().map(|h| Hash(h.0)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn roots_and_proofs_agree_with_the_go_port(
        size in 1..3_000u64,
        x in any::<u64>(),
        y in any::<u64>(),
    ) {
        let go = go_store(size);
        let tree = big_tree();
        let root = tlog_tiles::tlog::tree_hash(size, &go).unwrap();
        prop_assert_eq!(tree.root_at(size).unwrap(), Hash(root.0));
        let index = x % size;
        let theirs = tlog_tiles::tlog::prove_record(size, index, &go).unwrap();
        prop_assert_eq!(tree.inclusion_proof(index, size).unwrap(), ours(&theirs));
        let old = 1 + y % size;
        let theirs = tlog_tiles::tlog::prove_tree(size, old, &go).unwrap();
        prop_assert_eq!(tree.consistency_proof(old, size).unwrap(), ours(&theirs));
    }
}
