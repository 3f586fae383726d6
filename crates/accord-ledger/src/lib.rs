#![doc = include_str!("../README.md")]

pub mod bundle;
pub mod hash;
pub mod offline;
pub mod path;
pub mod proof;
pub mod store;
pub mod tile;
pub mod tree;
pub mod verify_proof;

pub use bundle::{BundleError, decode_bundle, encode_bundle};
pub use hash::{HASH_SIZE, Hash, HashError, empty_root, leaf_hash, node_hash};
pub use offline::{
    DirSource, LogReport, OfflineError, SourceTiles, TileSource, TlogProof, TrustPolicy,
    TrustedCheckpoint, open_checkpoint, verify_entry, verify_log,
};
pub use path::{TileKind, TilePath};
pub use proof::{ProofBuildError, consistency_proof, inclusion_proof, root_at};
pub use store::{MemoryTileStore, Recording, TileStore};
pub use tile::{TILE_HEIGHT, TILE_WIDTH, Tile, TileId};
pub use tree::{MAX_ENTRY_SIZE, Tree, TreeError};
pub use verify_proof::{ProofError, verify_consistency, verify_inclusion};

pub mod checkpoint;
pub mod cosignature;
pub mod fork;
pub mod keys;
pub mod note;
pub mod witness;
pub mod witness_wire;

pub use checkpoint::{Checkpoint, CheckpointError, OpenError, SignedCheckpoint};
pub use cosignature::{Cosignature, CosignatureError, cosigned_message};
pub use fork::{ForkError, ForkEvidence};
pub use keys::{KeyError, KeyId, KeyName, KeyType, SignerKey, VerifierKey};
pub use note::{
    MAX_NOTE_SIZE, MAX_SIGNATURES, Note, NoteError, NoteSignature, Verified, VerifyError,
};
pub use witness::{Witness, WitnessError, WitnessState};
pub use witness_wire::{
    ADD_CHECKPOINT_PATH, AcceptError, AddCheckpointRequest, MAX_PROOF_LINES, MAX_REQUEST_SIZE,
    WireError, accept_cosignatures,
};
