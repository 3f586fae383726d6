#![doc = include_str!("../README.md")]

pub mod bundle;
pub mod hash;
pub mod path;
pub mod proof;
pub mod store;
pub mod tile;
pub mod tree;
pub mod verify_proof;

pub use bundle::{BundleError, decode_bundle, encode_bundle};
pub use hash::{HASH_SIZE, Hash, HashError, empty_root, leaf_hash, node_hash};
pub use path::{TileKind, TilePath};
pub use proof::{ProofBuildError, consistency_proof, inclusion_proof, root_at};
pub use store::{MemoryTileStore, TileStore};
pub use tile::{TILE_HEIGHT, TILE_WIDTH, Tile, TileId};
pub use tree::{MAX_ENTRY_SIZE, Tree, TreeError};
pub use verify_proof::{ProofError, verify_consistency, verify_inclusion};
