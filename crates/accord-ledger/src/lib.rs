#![doc = include_str!("../README.md")]

pub mod hash;
pub mod verify_proof;

pub use hash::{HASH_SIZE, Hash, HashError, empty_root, leaf_hash, node_hash};
pub use verify_proof::{ProofError, verify_consistency, verify_inclusion};

pub mod checkpoint;
pub mod cosignature;
pub mod fork;
pub mod keys;
pub mod note;
pub mod witness;

pub use checkpoint::{Checkpoint, CheckpointError, OpenError, SignedCheckpoint};
pub use cosignature::{Cosignature, CosignatureError, cosigned_message};
pub use fork::{ForkError, ForkEvidence};
pub use keys::{KeyError, KeyId, KeyName, KeyType, SignerKey, VerifierKey};
pub use note::{
    MAX_NOTE_SIZE, MAX_SIGNATURES, Note, NoteError, NoteSignature, Verified, VerifyError,
};
pub use witness::{Witness, WitnessError, WitnessState};
