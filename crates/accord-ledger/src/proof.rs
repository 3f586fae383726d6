//! Building inclusion and consistency proofs (RFC 9162 §2.1.3.1, §2.1.4.1) from tiles.
//!
//! A proof is a list of subtree hashes. A complete subtree's hash is one node, read from the
//! tile that holds it; an incomplete subtree on the right edge is folded from the complete
//! subtrees it splits into. Each proof reads O(log n) tiles, each once.

use crate::hash::{Hash, empty_root, node_hash};
use crate::store::TileStore;
use crate::tile::{TILE_HEIGHT, Tile, TileId};

/// Why a proof could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ProofBuildError {
    /// The leaf is not in the tree.
    #[error("leaf index {index} is not in a tree of size {size}")]
    IndexOutOfRange {
        /// The leaf index.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// A size beyond the tree was asked for.
    #[error("size {size} is beyond the tree's {tree_size} leaves")]
    BeyondTree {
        /// The size asked for.
        size: u64,
        /// The tree's size.
        tree_size: u64,
    },
    /// Consistency asked between sizes that cannot have one.
    #[error(
        "no consistency proof from size {old} to size {new}: sizes must satisfy 0 < old <= new"
    )]
    BadSizes {
        /// The old size.
        old: u64,
        /// The new size.
        new: u64,
    },
    /// A tile the proof needs is not in the store.
    #[error("the tile store has no complete node at height {height} index {index} (tile level {} index {})", .tile.level, .tile.index)]
    MissingNode {
        /// The node's height.
        height: u32,
        /// The node's index at its height.
        index: u64,
        /// The tile that should hold it.
        tile: TileId,
    },
    /// The tile store failed.
    #[error("the tile store failed: {0}")]
    Store(Box<dyn std::error::Error + Send + Sync>),
}

/// Reads nodes from a tile store, keeping the few tiles one proof touches.
struct NodeReader<'a, S: ?Sized> {
    store: &'a S,
    tiles: Vec<Tile>,
    /// Hashes of right-edge ranges `[lo, size)` already known (see [`suffix_hashes`]).
    suffixes: &'a [(u64, Hash)],
    /// The `size` those ranges end at.
    size: u64,
}

impl<'a, S: TileStore + ?Sized> NodeReader<'a, S> {
    fn new(store: &'a S, size: u64, suffixes: &'a [(u64, Hash)]) -> Self {
        NodeReader {
            store,
            tiles: Vec::with_capacity(8),
            suffixes,
            size,
        }
    }

    /// The hash of the complete node at `height` and `index`.
    fn node(&mut self, height: u32, index: u64) -> Result<Hash, ProofBuildError> {
        let level = height / TILE_HEIGHT;
        let k = height % TILE_HEIGHT;
        // Position among the level's base nodes (height 8·level) of the node's first one.
        let base = index << k;
        let tile = TileId {
            level: u8::try_from(level).expect("heights stay below 64"),
            index: base >> TILE_HEIGHT,
        };
        let pos = usize::try_from((base & 0xff) >> k).expect("below 256");
        let missing = || ProofBuildError::MissingNode {
            height,
            index,
            tile,
        };
        if let Some(t) = self.tiles.iter().find(|t| t.id() == tile) {
            return t.node(k, pos).ok_or_else(missing);
        }
        let t = self
            .store
            .get_tile(tile)
            .map_err(|e| ProofBuildError::Store(Box::new(e)))?
            .ok_or_else(missing)?;
        let hash = t.node(k, pos).ok_or_else(missing);
        self.tiles.push(t);
        hash
    }

    /// The hash of leaves `[lo, hi)`, where `lo` is a multiple of the largest power of two not
    /// above `hi - lo` (as in every subtree RFC 9162's proofs name): one node when the range is
    /// a complete subtree, else its complete subtrees folded from the right.
    fn range(&mut self, lo: u64, hi: u64) -> Result<Hash, ProofBuildError> {
        debug_assert!(lo < hi);
        if hi == self.size
            && let Some((_, h)) = self.suffixes.iter().find(|(start, _)| *start == lo)
        {
            return Ok(*h);
        }
        let mut end = hi;
        let mut acc: Option<Hash> = None;
        let mut rest = hi - lo;
        while rest > 0 {
            let height = rest.trailing_zeros();
            end -= 1 << height;
            rest -= 1 << height;
            let part = self.node(height, end >> height)?;
            acc = Some(match acc {
                None => part,
                Some(right) => node_hash(&part, &right),
            });
        }
        Ok(acc.expect("the range is not empty"))
    }
}

/// The hashes of the ranges `[lo, size)` that end on the right edge of a tree of `size` leaves,
/// as `(lo, hash)` from the smallest range to the whole tree (whose hash is the root). Every
/// proof against that size uses some of them; a tree keeps them to build its proofs without
/// hashing.
pub(crate) fn suffix_hashes(size: u64, mut node: impl FnMut(u32, u64) -> Hash) -> Vec<(u64, Hash)> {
    let mut out = Vec::with_capacity(size.count_ones() as usize);
    let mut end = size;
    let mut acc: Option<Hash> = None;
    while end > 0 {
        // The lowest set bit of what is left is the next complete subtree, right to left.
        let height = end.trailing_zeros();
        let start = end - (1 << height);
        let part = node(height, start >> height);
        let h = match acc {
            None => part,
            Some(right) => node_hash(&part, &right),
        };
        acc = Some(h);
        out.push((start, h));
        end = start;
    }
    out
}

/// The largest power of two strictly below `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    1 << (63 - (n - 1).leading_zeros())
}

/// The root of the tree of `size` leaves whose tiles are in `store`.
pub fn root_at<S: TileStore + ?Sized>(store: &S, size: u64) -> Result<Hash, ProofBuildError> {
    if size == 0 {
        return Ok(empty_root());
    }
    NodeReader::new(store, size, &[]).range(0, size)
}

/// The inclusion proof of leaf `index` in the tree of `size` leaves (RFC 9162 §2.1.3.1).
pub fn inclusion_proof<S: TileStore + ?Sized>(
    store: &S,
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, ProofBuildError> {
    if index >= size {
        return Err(ProofBuildError::IndexOutOfRange { index, size });
    }
    inclusion_proof_with(store, index, size, &[])
}

/// [`inclusion_proof`], with the right-edge hashes of `size` known (see [`suffix_hashes`]).
pub(crate) fn inclusion_proof_with<S: TileStore + ?Sized>(
    store: &S,
    index: u64,
    size: u64,
    suffixes: &[(u64, Hash)],
) -> Result<Vec<Hash>, ProofBuildError> {
    if index >= size {
        return Err(ProofBuildError::IndexOutOfRange { index, size });
    }
    let mut reader = NodeReader::new(store, size, suffixes);
    let mut proof = Vec::with_capacity(64);
    // Walk down from the root, collecting siblings; the proof lists them from the leaf up.
    let (mut lo, mut hi) = (0, size);
    while hi - lo > 1 {
        let k = split(hi - lo);
        if index < lo + k {
            proof.push(reader.range(lo + k, hi)?);
            hi = lo + k;
        } else {
            proof.push(reader.range(lo, lo + k)?);
            lo += k;
        }
    }
    proof.reverse();
    Ok(proof)
}

/// The consistency proof from the tree of `old` leaves to the tree of `new` leaves
/// (RFC 9162 §2.1.4.1). Equal sizes give an empty proof.
pub fn consistency_proof<S: TileStore + ?Sized>(
    store: &S,
    old: u64,
    new: u64,
) -> Result<Vec<Hash>, ProofBuildError> {
    if old == 0 || old > new {
        return Err(ProofBuildError::BadSizes { old, new });
    }
    consistency_proof_with(store, old, new, &[])
}

/// [`consistency_proof`], with the right-edge hashes of `new` known (see [`suffix_hashes`]).
pub(crate) fn consistency_proof_with<S: TileStore + ?Sized>(
    store: &S,
    old: u64,
    new: u64,
    suffixes: &[(u64, Hash)],
) -> Result<Vec<Hash>, ProofBuildError> {
    if old == 0 || old > new {
        return Err(ProofBuildError::BadSizes { old, new });
    }
    let mut reader = NodeReader::new(store, new, suffixes);
    let mut proof = Vec::with_capacity(64);
    // SUBPROOF(m, D[lo:hi], b), unrolled: the hashes are collected top-down and reversed.
    let (mut m, mut lo, mut hi, mut whole) = (old, 0, new, true);
    while m != hi - lo {
        let k = split(hi - lo);
        if m <= k {
            proof.push(reader.range(lo + k, hi)?);
            hi = lo + k;
        } else {
            proof.push(reader.range(lo, lo + k)?);
            lo += k;
            m -= k;
            whole = false;
        }
    }
    if !whole {
        proof.push(reader.range(lo, hi)?);
    }
    proof.reverse();
    Ok(proof)
}
