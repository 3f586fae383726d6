//! C2SP tlog-tiles: tiles of 256 hashes, with the interior nodes they imply kept beside them.
//!
//! A tile at level `L`, index `N` holds the hashes of tree nodes at height `8·L`, indexes
//! `256·N .. 256·N + W`. Its `W` hashes are the tile's public form (served at `tile/L/N`, or
//! `tile/L/N.p/W` while the tile is partial). To build proofs without rehashing a tile, a [`Tile`]
//! also keeps the complete nodes at the tile's inner heights 2 to 7 (126 hashes for a full
//! tile); height 1 is one hash away from height 0 and is recomputed when needed, and height 8 is
//! the next level's tile. That is 382 hashes for 256 leaves: about 48 bytes a leaf in all.

use std::sync::Arc;

use crate::hash::{HASH_SIZE, Hash, node_hash};

/// Heights of tree covered by one tile.
pub const TILE_HEIGHT: u32 = 8;
/// Hashes in a full tile.
pub const TILE_WIDTH: usize = 1 << TILE_HEIGHT;
/// Interior hashes kept for a full tile: inner heights 2 to 7.
pub(crate) const INTERIOR_LEN: usize = (TILE_WIDTH >> 1) - 2;

/// Where a tile sits: its level (tree height divided by 8) and its index at that level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    /// The level: the tile holds hashes of nodes at tree height `8 · level`.
    pub level: u8,
    /// The tile's index within its level.
    pub index: u64,
}

impl TileId {
    /// How many hashes this tile holds in the tree of `size` leaves: 256 when it is full, 0 when
    /// the tree does not reach it.
    pub fn width_at(&self, size: u64) -> usize {
        let nodes = size
            .checked_shr(TILE_HEIGHT * u32::from(self.level))
            .unwrap_or(0);
        let before = self.index.saturating_mul(TILE_WIDTH as u64);
        let width = nodes.saturating_sub(before).min(TILE_WIDTH as u64);
        usize::try_from(width).expect("at most 256")
    }
}

/// A tile that cannot be made from the given hashes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TileError {
    /// A tile holds 1 to 256 hashes.
    #[error("a tile holds 1 to 256 hashes, not {0}")]
    BadWidth(usize),
    /// The bytes are not a whole number of 32-byte hashes.
    #[error("tile data of {0} bytes is not a whole number of 32-byte hashes")]
    Ragged(usize),
}

/// One tile: its id, its hashes, and the complete interior nodes above them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tile {
    id: TileId,
    data: Arc<TileData>,
}

#[derive(Debug, PartialEq, Eq)]
struct TileData {
    hashes: Vec<Hash>,
    /// Inner heights 2..=7 at fixed offsets (see [`interior_offset`]); incomplete nodes are zero.
    interior: Vec<Hash>,
}

/// Offset within the interior array of inner height `k` (2 ≤ k ≤ 7).
pub(crate) const fn interior_offset(k: u32) -> usize {
    // Rows of 64, 32, 16, 8, 4 and 2 hashes, one after the other.
    (TILE_WIDTH >> 1) - (TILE_WIDTH >> (k - 1))
}

impl Tile {
    /// A tile from its hashes, computing the interior nodes (for tiles read back from storage).
    pub fn from_hashes(id: TileId, hashes: Vec<Hash>) -> Result<Self, TileError> {
        if hashes.is_empty() || hashes.len() > TILE_WIDTH {
            return Err(TileError::BadWidth(hashes.len()));
        }
        let mut interior = vec![Hash::default(); INTERIOR_LEN];
        let mut row: Vec<Hash> = hashes
            .chunks_exact(2)
            .map(|p| node_hash(&p[0], &p[1]))
            .collect();
        for k in 2..TILE_HEIGHT {
            row = row
                .chunks_exact(2)
                .map(|p| node_hash(&p[0], &p[1]))
                .collect();
            let at = interior_offset(k);
            interior[at..at + row.len()].copy_from_slice(&row);
        }
        Ok(Self::from_parts(id, hashes, interior))
    }

    /// A tile from its served form: the concatenated 32-byte hashes.
    pub fn from_bytes(id: TileId, bytes: &[u8]) -> Result<Self, TileError> {
        if !bytes.len().is_multiple_of(HASH_SIZE) {
            return Err(TileError::Ragged(bytes.len()));
        }
        let hashes = bytes
            .chunks_exact(HASH_SIZE)
            .map(|c| Hash(c.try_into().expect("chunks are 32 bytes")))
            .collect();
        Self::from_hashes(id, hashes)
    }

    /// A tile whose interior the caller has already computed (the tree builder).
    pub(crate) fn from_parts(id: TileId, hashes: Vec<Hash>, interior: Vec<Hash>) -> Self {
        debug_assert!(!hashes.is_empty() && hashes.len() <= TILE_WIDTH);
        debug_assert_eq!(interior.len(), INTERIOR_LEN);
        Tile {
            id,
            data: Arc::new(TileData { hashes, interior }),
        }
    }

    /// The tile's level and index.
    pub fn id(&self) -> TileId {
        self.id
    }

    /// How many hashes the tile holds (256 when full).
    pub fn width(&self) -> usize {
        self.data.hashes.len()
    }

    /// Whether the tile is full.
    pub fn is_full(&self) -> bool {
        self.width() == TILE_WIDTH
    }

    /// The tile's hashes, left to right.
    pub fn hashes(&self) -> &[Hash] {
        &self.data.hashes
    }

    /// Bytes of hashes this tile holds, its interior nodes included.
    pub fn hash_bytes(&self) -> usize {
        (self.data.hashes.len() + self.data.interior.len()) * HASH_SIZE
    }

    /// The served form of the first `width` hashes (a partial tile of an older tree size is a
    /// prefix of the newer one).
    pub fn to_bytes(&self, width: usize) -> Vec<u8> {
        let width = width.min(self.width());
        let mut out = Vec::with_capacity(width * HASH_SIZE);
        for h in &self.data.hashes[..width] {
            out.extend_from_slice(&h.0);
        }
        out
    }

    /// The complete node at inner height `k` (0 ≤ k < 8) and position `pos` within the tile, if
    /// the tile holds all the hashes below it.
    pub(crate) fn node(&self, k: u32, pos: usize) -> Option<Hash> {
        let hashes = &self.data.hashes;
        if (pos + 1) << k > hashes.len() {
            return None;
        }
        Some(match k {
            0 => hashes[pos],
            1 => node_hash(&hashes[2 * pos], &hashes[2 * pos + 1]),
            _ => self.data.interior[interior_offset(k) + pos],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    #[test]
    fn interior_rows_do_not_overlap_and_fill_the_array() {
        assert_eq!(interior_offset(2), 0);
        assert_eq!(interior_offset(3), 64);
        assert_eq!(interior_offset(7) + 2, INTERIOR_LEN);
    }

    #[test]
    fn a_full_tile_knows_every_complete_node() {
        let hashes = leaves(TILE_WIDTH);
        let tile = Tile::from_hashes(TileId { level: 0, index: 0 }, hashes.clone()).unwrap();
        let mut row = hashes;
        for k in 0..TILE_HEIGHT {
            for (pos, h) in row.iter().enumerate() {
                assert_eq!(tile.node(k, pos), Some(*h), "height {k} pos {pos}");
            }
            row = row
                .chunks_exact(2)
                .map(|p| node_hash(&p[0], &p[1]))
                .collect();
        }
    }

    #[test]
    fn a_partial_tile_refuses_incomplete_nodes() {
        let tile = Tile::from_hashes(TileId { level: 0, index: 0 }, leaves(5)).unwrap();
        assert!(tile.node(0, 4).is_some());
        assert!(tile.node(0, 5).is_none());
        assert!(tile.node(1, 1).is_some());
        assert!(tile.node(1, 2).is_none());
        assert!(tile.node(2, 0).is_some());
        assert!(tile.node(2, 1).is_none());
        assert!(tile.node(3, 0).is_none());
    }

    #[test]
    fn a_tile_knows_its_width_at_each_tree_size() {
        let id = |level, index| TileId { level, index };
        assert_eq!(id(0, 0).width_at(0), 0);
        assert_eq!(id(0, 0).width_at(5), 5);
        assert_eq!(id(0, 0).width_at(300), 256);
        assert_eq!(id(0, 1).width_at(300), 44);
        assert_eq!(id(0, 2).width_at(300), 0);
        assert_eq!(id(1, 0).width_at(300), 1);
        assert_eq!(id(1, 0).width_at(255), 0);
        assert_eq!(id(2, 0).width_at(u64::MAX), 256);
        assert_eq!(id(8, 0).width_at(u64::MAX), 0);
        assert_eq!(id(255, u64::MAX).width_at(u64::MAX), 0);
    }

    #[test]
    fn bad_tiles_are_refused() {
        let id = TileId { level: 0, index: 0 };
        assert_eq!(Tile::from_hashes(id, vec![]), Err(TileError::BadWidth(0)));
        assert_eq!(
            Tile::from_hashes(id, leaves(257)),
            Err(TileError::BadWidth(257))
        );
        assert_eq!(Tile::from_bytes(id, &[0; 33]), Err(TileError::Ragged(33)));
        let t = Tile::from_hashes(id, leaves(3)).unwrap();
        assert_eq!(Tile::from_bytes(id, &t.to_bytes(3)).unwrap(), t);
    }
}
