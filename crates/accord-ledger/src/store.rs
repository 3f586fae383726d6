//! Where tiles live: the [`TileStore`] trait and its in-memory implementation.
//!
//! The database implementations live in `accord-store`; this crate does no I/O.

use crate::tile::{Tile, TileId};

/// Gets and puts tiles by level and index.
///
/// A full tile never changes once put. A partial tile is replaced by a wider one as the tree
/// grows; the hashes it held stay the same, so a reader of an older tree size reads a prefix.
pub trait TileStore {
    /// What can go wrong in the store.
    type Error: std::error::Error + Send + Sync + 'static;

    /// The tile with this id, if the store has it (at whatever width it has now).
    fn get_tile(&self, id: TileId) -> Result<Option<Tile>, Self::Error>;

    /// Stores a tile, replacing a narrower tile with the same id.
    fn put_tile(&mut self, tile: Tile) -> Result<(), Self::Error>;
}

/// A tile put out of order into a [`MemoryTileStore`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tiles are put in order: tile {index} at level {level} came before tile {expected}")]
pub struct OutOfOrder {
    level: u8,
    index: u64,
    expected: usize,
}

/// Tiles kept in memory, one vector per level.
#[derive(Debug, Default, Clone)]
pub struct MemoryTileStore {
    levels: Vec<Vec<Tile>>,
}

impl MemoryTileStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many tiles the store holds, full and partial.
    pub fn tile_count(&self) -> usize {
        self.levels.iter().map(Vec::len).sum()
    }

    /// Bytes of hashes held, the interior nodes kept beside each tile included.
    pub fn hash_bytes(&self) -> usize {
        self.tiles().map(Tile::hash_bytes).sum()
    }

    /// Every tile, level by level.
    pub fn tiles(&self) -> impl Iterator<Item = &Tile> {
        self.levels.iter().flatten()
    }
}

impl TileStore for MemoryTileStore {
    type Error = OutOfOrder;

    fn get_tile(&self, id: TileId) -> Result<Option<Tile>, OutOfOrder> {
        Ok(self
            .levels
            .get(usize::from(id.level))
            .and_then(|level| level.get(usize::try_from(id.index).ok()?))
            .cloned())
    }

    fn put_tile(&mut self, tile: Tile) -> Result<(), OutOfOrder> {
        let id = tile.id();
        let level = usize::from(id.level);
        if self.levels.len() <= level {
            self.levels.resize_with(level + 1, Vec::new);
        }
        let tiles = &mut self.levels[level];
        match usize::try_from(id.index) {
            Ok(index) if index < tiles.len() => tiles[index] = tile,
            Ok(index) if index == tiles.len() => tiles.push(tile),
            _ => {
                return Err(OutOfOrder {
                    level: id.level,
                    index: id.index,
                    expected: tiles.len(),
                });
            }
        }
        Ok(())
    }
}

impl<S: TileStore + ?Sized> TileStore for &mut S {
    type Error = S::Error;

    fn get_tile(&self, id: TileId) -> Result<Option<Tile>, S::Error> {
        (**self).get_tile(id)
    }

    fn put_tile(&mut self, tile: Tile) -> Result<(), S::Error> {
        (**self).put_tile(tile)
    }
}
