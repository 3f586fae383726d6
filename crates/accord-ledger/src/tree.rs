//! The append-only tree: leaves go in, tiles come out, the root is always at hand.
//!
//! The tree keeps only its right edge in memory: one growing tile per level. Appending a leaf
//! hashes it and, on average, one interior node; each node hash is computed exactly once, and a
//! tile is written to the [`TileStore`] when it fills up (and, partial, at the end of each batch).

use crate::hash::{Hash, empty_root, leaf_hash, node_hash};
use crate::proof::{self, ProofBuildError};
use crate::store::TileStore;
use crate::tile::{INTERIOR_LEN, TILE_HEIGHT, TILE_WIDTH, Tile, TileId, interior_offset};

/// The largest entry a log holds: entry bundles prefix each entry with a 16-bit length.
pub const MAX_ENTRY_SIZE: usize = u16::MAX as usize;

/// Why an append or a proof failed.
#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    /// An entry in the batch is too large; nothing of the batch was appended.
    #[error(
        "entry {position} of the batch has {size} bytes; a log entry is at most {MAX_ENTRY_SIZE} bytes (keep large bodies apart and log their hash)"
    )]
    EntryTooLarge {
        /// Its position in the batch.
        position: usize,
        /// Its size in bytes.
        size: usize,
    },
    /// The tile store failed.
    #[error("the tile store failed: {0}")]
    Store(Box<dyn std::error::Error + Send + Sync>),
    /// The store lacks a tile the tree needs.
    #[error("the tile store has no tile at level {} index {} wide enough for tree size {size}", .id.level, .id.index)]
    MissingTile {
        /// The tile.
        id: TileId,
        /// The tree size being opened.
        size: u64,
    },
    /// An earlier append failed part-way; the tree must be opened again from its store.
    #[error("an earlier append failed part-way; open the tree again from its store")]
    Poisoned,
}

/// The growing tile at one level of the right edge.
#[derive(Debug, Clone)]
struct EdgeTile {
    index: u64,
    row0: Vec<Hash>,
    row1: Vec<Hash>,
    interior: Vec<Hash>,
    dirty: bool,
}

impl EdgeTile {
    fn new(index: u64) -> Self {
        EdgeTile {
            index,
            row0: Vec::with_capacity(TILE_WIDTH),
            row1: Vec::with_capacity(TILE_WIDTH / 2),
            interior: vec![Hash::default(); INTERIOR_LEN],
            dirty: false,
        }
    }

    /// The edge tile rebuilt from a stored tile's first `width` hashes.
    fn resume(tile: &Tile, width: usize) -> Self {
        let mut edge = EdgeTile::new(tile.id().index);
        for h in &tile.hashes()[..width] {
            edge.push(*h);
        }
        edge.dirty = false;
        edge
    }

    /// The node at inner height `k`, position `pos` (which must be complete).
    fn node(&self, k: u32, pos: usize) -> Hash {
        match k {
            0 => self.row0[pos],
            1 => self.row1[pos],
            _ => self.interior[interior_offset(k) + pos],
        }
    }

    /// Adds a hash; returns the tile's root when this hash completes the tile.
    fn push(&mut self, h: Hash) -> Option<Hash> {
        self.dirty = true;
        self.row0.push(h);
        let w = self.row0.len();
        if w & 1 == 1 {
            return None;
        }
        let mut right = node_hash(&self.row0[w - 2], &h);
        self.row1.push(right);
        let mut k = 2;
        while k <= TILE_HEIGHT && w & ((1 << k) - 1) == 0 {
            let pos = (w >> k) - 1;
            right = node_hash(&self.node(k - 1, 2 * pos), &right);
            if k < TILE_HEIGHT {
                self.interior[interior_offset(k) + pos] = right;
            }
            k += 1;
        }
        (w == TILE_WIDTH).then_some(right)
    }

    /// Hands over the full tile and starts the next one.
    fn finish(&mut self, level: u8) -> Tile {
        let next = EdgeTile::new(self.index + 1);
        let full = std::mem::replace(self, next);
        Tile::from_parts(
            TileId {
                level,
                index: full.index,
            },
            full.row0,
            full.interior,
        )
    }

    fn snapshot(&self, level: u8) -> Tile {
        Tile::from_parts(
            TileId {
                level,
                index: self.index,
            },
            self.row0.clone(),
            self.interior.clone(),
        )
    }
}

/// An append-only Merkle tree over a [`TileStore`].
///
/// If an append fails part-way (the store refused a tile), the tree is poisoned: further
/// appends are refused, and its root and proofs are not to be trusted until it is opened again
/// from its store with [`Tree::open`].
#[derive(Debug)]
pub struct Tree<S> {
    store: S,
    size: u64,
    edge: Vec<EdgeTile>,
    /// The hashes of the right-edge ranges `[lo, size)`, the root last (see
    /// [`proof::suffix_hashes`]); proofs against the current size read them instead of hashing.
    suffixes: Vec<(u64, Hash)>,
    poisoned: bool,
}

impl<S: TileStore> Tree<S> {
    /// An empty tree writing into `store` (which holds no tiles yet).
    pub fn new(store: S) -> Self {
        Tree {
            store,
            size: 0,
            edge: vec![EdgeTile::new(0)],
            suffixes: Vec::new(),
            poisoned: false,
        }
    }

    /// The tree of `size` leaves whose tiles are in `store`, ready to append.
    pub fn open(store: S, size: u64) -> Result<Self, TreeError> {
        let mut edge = Vec::new();
        let mut level: u8 = 0;
        loop {
            let nodes = size >> (TILE_HEIGHT * u32::from(level));
            let index = nodes >> TILE_HEIGHT;
            let width = usize::try_from(nodes % TILE_WIDTH as u64).expect("below 256");
            if width == 0 {
                edge.push(EdgeTile::new(index));
            } else {
                let id = TileId { level, index };
                let tile = store
                    .get_tile(id)
                    .map_err(|e| TreeError::Store(Box::new(e)))?
                    .filter(|t| t.width() >= width)
                    .ok_or(TreeError::MissingTile { id, size })?;
                edge.push(EdgeTile::resume(&tile, width));
            }
            if index == 0 {
                break;
            }
            level += 1;
        }
        let mut tree = Tree {
            store,
            size,
            edge,
            suffixes: Vec::new(),
            poisoned: false,
        };
        tree.suffixes = tree.edge_suffixes();
        Ok(tree)
    }

    /// How many leaves the tree holds.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The tile store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The tile store, to take what an append wrote (see [`crate::Recording`]).
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    /// Gives the tile store back.
    pub fn into_store(self) -> S {
        self.store
    }

    /// The root of the tree as it is now.
    pub fn root(&self) -> Hash {
        self.suffixes.last().map_or_else(empty_root, |(_, h)| *h)
    }

    /// The right-edge range hashes of the current size, from the edge tiles.
    fn edge_suffixes(&self) -> Vec<(u64, Hash)> {
        proof::suffix_hashes(self.size, |height, _| {
            // Every complete subtree on the right edge is the last complete node of its row.
            let edge = &self.edge[(height / TILE_HEIGHT) as usize];
            let k = height % TILE_HEIGHT;
            edge.node(k, (edge.row0.len() >> k) - 1)
        })
    }

    /// Appends a batch of entries; returns the new size and root. An entry over
    /// [`MAX_ENTRY_SIZE`] bytes refuses the whole batch before anything is appended.
    pub fn append<E: AsRef<[u8]>>(&mut self, entries: &[E]) -> Result<(u64, Hash), TreeError> {
        if let Some((position, e)) = entries
            .iter()
            .enumerate()
            .find(|(_, e)| e.as_ref().len() > MAX_ENTRY_SIZE)
        {
            return Err(TreeError::EntryTooLarge {
                position,
                size: e.as_ref().len(),
            });
        }
        self.append_leaf_hashes(entries.iter().map(|e| leaf_hash(e.as_ref())))
    }

    /// Appends leaves by their leaf hashes; returns the new size and root.
    pub fn append_leaf_hashes(
        &mut self,
        leaves: impl IntoIterator<Item = Hash>,
    ) -> Result<(u64, Hash), TreeError> {
        if self.poisoned {
            return Err(TreeError::Poisoned);
        }
        let result = self.append_unchecked(leaves);
        if result.is_err() {
            self.poisoned = true;
        }
        result
    }

    fn append_unchecked(
        &mut self,
        leaves: impl IntoIterator<Item = Hash>,
    ) -> Result<(u64, Hash), TreeError> {
        for leaf in leaves {
            let mut carry = Some(leaf);
            let mut level = 0;
            while let Some(h) = carry.take() {
                if level == self.edge.len() {
                    self.edge.push(EdgeTile::new(0));
                }
                if let Some(root) = self.edge[level].push(h) {
                    let tile = self.edge[level].finish(level_u8(level));
                    self.put(tile)?;
                    carry = Some(root);
                    level += 1;
                }
            }
            self.size += 1;
        }
        for level in 0..self.edge.len() {
            let edge = &mut self.edge[level];
            if edge.dirty && !edge.row0.is_empty() {
                edge.dirty = false;
                let tile = edge.snapshot(level_u8(level));
                self.put(tile)?;
            }
        }
        self.suffixes = self.edge_suffixes();
        Ok((self.size, self.root()))
    }

    fn put(&mut self, tile: Tile) -> Result<(), TreeError> {
        self.store
            .put_tile(tile)
            .map_err(|e| TreeError::Store(Box::new(e)))
    }

    /// The inclusion proof of leaf `index` in the tree of size `size` (at most the current size).
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofBuildError> {
        self.check_size(size)?;
        proof::inclusion_proof_with(&self.store, index, size, self.suffixes_for(size))
    }

    /// The consistency proof from size `old` to size `new` (at most the current size).
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, ProofBuildError> {
        self.check_size(new)?;
        proof::consistency_proof_with(&self.store, old, new, self.suffixes_for(new))
    }

    /// The root of the tree at an earlier `size`.
    pub fn root_at(&self, size: u64) -> Result<Hash, ProofBuildError> {
        self.check_size(size)?;
        proof::root_at(&self.store, size)
    }

    fn suffixes_for(&self, size: u64) -> &[(u64, Hash)] {
        if size == self.size {
            &self.suffixes
        } else {
            &[]
        }
    }

    fn check_size(&self, size: u64) -> Result<(), ProofBuildError> {
        if size > self.size {
            return Err(ProofBuildError::BeyondTree {
                size,
                tree_size: self.size,
            });
        }
        Ok(())
    }
}

fn level_u8(level: usize) -> u8 {
    u8::try_from(level).expect("a 64-bit tree has at most 8 tile levels")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryTileStore;

    #[test]
    fn an_oversized_entry_refuses_the_whole_batch() {
        let mut tree = Tree::new(MemoryTileStore::new());
        tree.append(&[b"first".to_vec()]).unwrap();
        let root = tree.root();
        let batch = vec![b"ok".to_vec(), vec![0; MAX_ENTRY_SIZE + 1]];
        let err = tree.append(&batch).unwrap_err();
        assert!(matches!(
            err,
            TreeError::EntryTooLarge {
                position: 1,
                size: 65_536
            }
        ));
        assert!(err.to_string().contains("at most 65535 bytes"), "{err}");
        assert_eq!((tree.size(), tree.root()), (1, root));
        // A maximal entry is fine.
        tree.append(&[vec![0; MAX_ENTRY_SIZE]]).unwrap();
        assert_eq!(tree.size(), 2);
    }

    #[test]
    fn the_empty_tree_has_the_empty_root() {
        let tree = Tree::new(MemoryTileStore::new());
        assert_eq!(tree.root(), empty_root());
        assert_eq!(tree.root_at(0).unwrap(), empty_root());
        assert!(matches!(
            tree.inclusion_proof(0, 0),
            Err(ProofBuildError::IndexOutOfRange { .. })
        ));
        assert!(matches!(
            tree.consistency_proof(0, 0),
            Err(ProofBuildError::BadSizes { .. })
        ));
        assert!(matches!(
            tree.root_at(1),
            Err(ProofBuildError::BeyondTree { .. })
        ));
    }

    #[test]
    fn opening_a_store_that_lacks_the_right_edge_says_which_tile() {
        let mut tree = Tree::new(MemoryTileStore::new());
        tree.append(&[b"a"; 300]).unwrap();
        let err = Tree::open(MemoryTileStore::new(), 300).unwrap_err();
        assert!(matches!(
            err,
            TreeError::MissingTile {
                id: TileId { level: 0, index: 1 },
                size: 300
            }
        ));
        // A store narrower than the size asked for is refused the same way.
        let err = Tree::open(tree.into_store(), 301).unwrap_err();
        assert!(matches!(err, TreeError::MissingTile { .. }), "{err}");
    }

    /// A store that fails on the n-th put.
    #[derive(Debug, Default)]
    struct Flaky {
        inner: MemoryTileStore,
        puts_left: usize,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("disk full")]
    struct DiskFull;

    impl TileStore for Flaky {
        type Error = DiskFull;
        fn get_tile(&self, id: TileId) -> Result<Option<Tile>, DiskFull> {
            Ok(self.inner.get_tile(id).expect("in order"))
        }
        fn put_tile(&mut self, tile: Tile) -> Result<(), DiskFull> {
            if self.puts_left == 0 {
                return Err(DiskFull);
            }
            self.puts_left -= 1;
            self.inner.put_tile(tile).map_err(|_| DiskFull)
        }
    }

    #[test]
    fn a_failed_store_poisons_the_tree_until_it_is_reopened() {
        let mut tree = Tree::new(Flaky {
            puts_left: 1,
            ..Flaky::default()
        });
        tree.append(&[b"x"; 10]).unwrap();
        let err = tree.append(&[b"y"; 300]).unwrap_err();
        assert!(matches!(err, TreeError::Store(_)), "{err}");
        assert!(matches!(tree.append(&[b"z"]), Err(TreeError::Poisoned)));
        let mut store = tree.into_store();
        store.puts_left = usize::MAX;
        let mut tree = Tree::open(store, 10).unwrap();
        assert_eq!(tree.append(&[b"y"; 300]).unwrap().0, 310);
    }
}
