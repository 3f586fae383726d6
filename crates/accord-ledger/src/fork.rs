//! Evidence that a log forked (showed different trees to different parties), in a form a third
//! party checks alone with only the log's verifier key.
//!
//! Two kinds: two validly signed checkpoints of one origin and size with different roots; or two
//! validly signed checkpoints of sizes m < n with a consistency proof that verifies against the
//! newer root from an *implied* size-m root that differs from the signed one. A proof is bound
//! to the newer tree by its root, so (SHA-256 being collision resistant) the implied root is the
//! true size-m prefix of the newer tree: the signed older root cannot be a prefix of it.

use serde::{Deserialize, Serialize};

use crate::checkpoint::{OpenError, SignedCheckpoint};
use crate::hash::Hash;
use crate::keys::VerifierKey;
use crate::verify_proof::{ProofError, verify_consistency};

/// Why fork evidence does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForkError {
    /// One of the checkpoints is malformed or not validly signed by the log key.
    #[error("checkpoint {which}: {error}")]
    Checkpoint {
        /// "first" or "second" (same size) / "older" or "newer" (proof).
        which: &'static str,
        /// What is wrong with it.
        error: OpenError,
    },
    /// The two checkpoints are of different logs.
    #[error("the checkpoints have different origins ({0:?} and {1:?})")]
    DifferentOrigins(String, String),
    /// Same-size evidence whose sizes differ.
    #[error("the checkpoints have sizes {0} and {1}, not one size")]
    DifferentSizes(u64, u64),
    /// Same-size evidence whose roots are equal: no conflict.
    #[error("the checkpoints have the same root: no conflict")]
    SameRoot,
    /// Proof evidence whose sizes are not 0 < older < newer.
    #[error("the sizes {older} and {newer} are not 0 < older < newer")]
    SizesNotOrdered {
        /// The older checkpoint's size.
        older: u64,
        /// The newer checkpoint's size.
        newer: u64,
    },
    /// The implied older root is the signed one: the checkpoints are consistent.
    #[error("the implied root equals the signed older root: no conflict")]
    ImpliedRootIsSigned,
    /// The proof does not lead from the implied root to the newer signed root: it proves nothing.
    #[error("the proof does not connect the implied root to the newer checkpoint: {0}")]
    ProofDoesNotHold(ProofError),
}

/// Self-contained, serialisable evidence that a log signed two conflicting checkpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ForkEvidence {
    /// Two signed checkpoints of one origin and size with different roots.
    SameSizeDifferentRoots {
        /// The first signed checkpoint note.
        first: String,
        /// The second signed checkpoint note.
        second: String,
    },
    /// Signed checkpoints of sizes m < n and a consistency proof m → n that verifies against the
    /// newer root from `implied_old_root`, which differs from the older signed root.
    InconsistentPrefix {
        /// The older (smaller) signed checkpoint note.
        older: String,
        /// The newer (larger) signed checkpoint note.
        newer: String,
        /// The consistency proof from the older size to the newer size.
        proof: Vec<Hash>,
        /// The size-m root the proof implies for the newer tree.
        implied_old_root: Hash,
    },
}

impl ForkEvidence {
    /// Checks the evidence with nothing but the log's verifier key: both notes are validly signed
    /// by it, of one origin, and really conflict.
    pub fn check(&self, log_key: &VerifierKey) -> Result<(), ForkError> {
        match self {
            ForkEvidence::SameSizeDifferentRoots { first, second } => {
                let a = open(first, "first", log_key)?;
                let b = open(second, "second", log_key)?;
                let (a, b) = (a.checkpoint(), b.checkpoint());
                same_origin(a.origin(), b.origin())?;
                if a.size() != b.size() {
                    return Err(ForkError::DifferentSizes(a.size(), b.size()));
                }
                if a.root() == b.root() {
                    return Err(ForkError::SameRoot);
                }
                Ok(())
            }
            ForkEvidence::InconsistentPrefix {
                older,
                newer,
                proof,
                implied_old_root,
            } => {
                let a = open(older, "older", log_key)?;
                let b = open(newer, "newer", log_key)?;
                let (a, b) = (a.checkpoint(), b.checkpoint());
                same_origin(a.origin(), b.origin())?;
                if a.size() == 0 || a.size() >= b.size() {
                    return Err(ForkError::SizesNotOrdered {
                        older: a.size(),
                        newer: b.size(),
                    });
                }
                if implied_old_root == a.root() {
                    return Err(ForkError::ImpliedRootIsSigned);
                }
                verify_consistency(a.size(), b.size(), implied_old_root, b.root(), proof)
                    .map_err(ForkError::ProofDoesNotHold)
            }
        }
    }

    /// Evidence from two signed notes of one size with different roots, checked before it is
    /// returned.
    pub fn same_size(first: &str, second: &str, log_key: &VerifierKey) -> Result<Self, ForkError> {
        let evidence = ForkEvidence::SameSizeDifferentRoots {
            first: first.to_owned(),
            second: second.to_owned(),
        };
        evidence.check(log_key).map(|()| evidence)
    }

    /// Evidence from an older and a newer signed note and a consistency proof between them whose
    /// implied older root differs from the signed one; checked before it is returned. The
    /// implied root is recomputed from the proof; when the older size is a power of two the
    /// proof does not carry it, and `implied_old_root` must be given.
    pub fn inconsistent(
        older: &str,
        newer: &str,
        proof: &[Hash],
        implied_old_root: Option<Hash>,
        log_key: &VerifierKey,
    ) -> Result<Self, ForkError> {
        let implied = match implied_old_root {
            Some(root) => root,
            None => {
                let a = open(older, "older", log_key)?;
                let b = open(newer, "newer", log_key)?;
                let (a, b) = (a.checkpoint(), b.checkpoint());
                match verify_consistency(a.size(), b.size(), a.root(), b.root(), proof) {
                    Err(ProofError::OldRootMismatch { computed, .. }) => computed,
                    Err(e) => return Err(ForkError::ProofDoesNotHold(e)),
                    Ok(()) => return Err(ForkError::ImpliedRootIsSigned),
                }
            }
        };
        let evidence = ForkEvidence::InconsistentPrefix {
            older: older.to_owned(),
            newer: newer.to_owned(),
            proof: proof.to_vec(),
            implied_old_root: implied,
        };
        evidence.check(log_key).map(|()| evidence)
    }
}

fn open(
    note: &str,
    which: &'static str,
    log_key: &VerifierKey,
) -> Result<SignedCheckpoint, ForkError> {
    SignedCheckpoint::open(note.as_bytes(), log_key)
        .map_err(|error| ForkError::Checkpoint { which, error })
}

fn same_origin(a: &str, b: &str) -> Result<(), ForkError> {
    if a == b {
        Ok(())
    } else {
        Err(ForkError::DifferentOrigins(a.to_owned(), b.to_owned()))
    }
}
