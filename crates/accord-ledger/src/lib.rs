#![doc = include_str!("../README.md")]

pub mod hash;
pub mod verify_proof;

pub use hash::{HASH_SIZE, Hash, HashError, empty_root, leaf_hash, node_hash};
pub use verify_proof::{ProofError, verify_consistency, verify_inclusion};
