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

/// A tile store that remembers the tiles put into it since the last [`Recording::take_written`],
/// so that a caller can persist exactly what an append wrote, in its own transaction.
#[derive(Debug, Default, Clone)]
pub struct Recording<S> {
    inner: S,
    written: Vec<Tile>,
}

impl<S: TileStore> Recording<S> {
    /// Records the puts into `inner`.
    pub fn new(inner: S) -> Self {
        Recording {
            inner,
            written: Vec::new(),
        }
    }

    /// The tiles put since the last call; a tile put twice (a partial tile that grew) is given
    /// once, at its latest width.
    pub fn take_written(&mut self) -> Vec<Tile> {
        let mut tiles = std::mem::take(&mut self.written);
        // Keep the last put of each id, in the order they were first put.
        let mut seen = std::collections::HashSet::new();
        tiles.reverse();
        tiles.retain(|t| seen.insert(t.id()));
        tiles.reverse();
        tiles
    }

    /// Forgets the tiles put since the last [`Recording::take_written`].
    pub fn discard_written(&mut self) {
        self.written.clear();
    }

    /// The store underneath.
    pub fn inner(&self) -> &S {
        &self.inner
    }
}

impl<S: TileStore> TileStore for Recording<S> {
    type Error = S::Error;

    fn get_tile(&self, id: TileId) -> Result<Option<Tile>, S::Error> {
        self.inner.get_tile(id)
    }

    fn put_tile(&mut self, tile: Tile) -> Result<(), S::Error> {
        self.inner.put_tile(tile.clone())?;
        self.written.push(tile);
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
