//! Verification of inclusion and consistency proofs, per RFC 9162 §2.1.3.2 and §2.1.4.2.
//!
//! The edge cases follow the reference probes (STANDARDS.md): a consistency proof between equal
//! sizes is empty and the roots are byte-equal; a consistency proof from size 0 is an error; a
//! proof with too many or too few hashes is rejected.

use crate::hash::{Hash, node_hash};

/// Why a proof did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// The leaf index is not inside the tree.
    #[error("leaf index {index} is not in a tree of size {size}")]
    IndexOutOfRange {
        /// The leaf index.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// The first size of a consistency proof is larger than the second.
    #[error("a tree of size {old} cannot be a prefix of a smaller tree of size {new}")]
    SizesReversed {
        /// The first (old) size.
        old: u64,
        /// The second (new) size.
        new: u64,
    },
    /// A consistency proof from the empty tree was given; it proves nothing.
    #[error("a consistency proof from size 0 proves nothing and is refused")]
    FromEmptyTree,
    /// The proof has the wrong number of hashes for its sizes.
    #[error("the proof has {got} hashes, but these sizes need {want}")]
    WrongLength {
        /// Hashes in the proof.
        got: usize,
        /// Hashes the sizes call for.
        want: usize,
    },
    /// The proof recomputes a different root than the one given.
    #[error("the proof leads to root {computed}, not to the expected {expected}")]
    RootMismatch {
        /// The root the proof computes.
        computed: Hash,
        /// The root it was checked against.
        expected: Hash,
    },
    /// The proof leads to a different root for the old tree.
    #[error("the proof leads to old root {computed}, not to the expected {expected}")]
    OldRootMismatch {
        /// The old root the proof computes.
        computed: Hash,
        /// The old root it was checked against.
        expected: Hash,
    },
    /// Equal sizes were given with different roots: two different trees of one size.
    #[error("two different roots for the same size {size}")]
    DifferentRootsSameSize {
        /// The common size.
        size: u64,
    },
}

/// The number of hashes in an inclusion proof for `index` in a tree of `size` leaves.
pub fn inclusion_proof_len(index: u64, size: u64) -> usize {
    debug_assert!(index < size);
    // The path has one hash for each level where the leaf's ancestor has a sibling: the bits
    // below the highest bit where index and size-1 differ, plus the levels above where the
    // ancestor is a left child with a right sibling.
    let inner = inner_len(index, size);
    let border = (index >> inner).count_ones() as usize;
    inner + border
}

/// Levels of the proof below the point where the paths to `index` and to `size - 1` meet.
fn inner_len(index: u64, size: u64) -> usize {
    (64 - (index ^ (size - 1)).leading_zeros()) as usize
}

/// The number of hashes in a consistency proof from `old` to `new` (0 < old < new).
pub fn consistency_proof_len(old: u64, new: u64) -> usize {
    debug_assert!(0 < old && old < new);
    let inner = inner_len(old - 1, new);
    let shift = (old.trailing_zeros() as usize).min(inner);
    let inner = inner - shift;
    let border = ((old - 1) >> (inner + shift)).count_ones() as usize;
    let start = usize::from(old >> shift != 1);
    start + inner + border
}

/// Checks that `proof` shows the leaf with hash `leaf` at `index` in the tree of `size` leaves
/// whose root is `root` (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    let computed = root_from_inclusion_proof(index, size, leaf, proof)?;
    if computed == *root {
        Ok(())
    } else {
        Err(ProofError::RootMismatch {
            computed,
            expected: *root,
        })
    }
}

/// The root that an inclusion proof leads to, after checking the proof's shape.
pub fn root_from_inclusion_proof(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
) -> Result<Hash, ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let want = inclusion_proof_len(index, size);
    if proof.len() != want {
        return Err(ProofError::WrongLength {
            got: proof.len(),
            want,
        });
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    debug_assert_eq!(s, 0, "length was checked above");
    Ok(r)
}

/// Checks that the tree of size `new` with root `new_root` extends the tree of size `old` with
/// root `old_root`, by the consistency `proof` (RFC 9162 §2.1.4.2).
pub fn verify_consistency(
    old: u64,
    new: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if old > new {
        return Err(ProofError::SizesReversed { old, new });
    }
    if old == 0 {
        return Err(ProofError::FromEmptyTree);
    }
    if old == new {
        if !proof.is_empty() {
            return Err(ProofError::WrongLength {
                got: proof.len(),
                want: 0,
            });
        }
        return if old_root == new_root {
            Ok(())
        } else {
            Err(ProofError::DifferentRootsSameSize { size: old })
        };
    }
    let want = consistency_proof_len(old, new);
    if proof.len() != want {
        return Err(ProofError::WrongLength {
            got: proof.len(),
            want,
        });
    }
    // When the old tree is a complete subtree of the new one, its root starts the path.
    let (first, rest) = if old.is_power_of_two() {
        (*old_root, proof)
    } else {
        (proof[0], &proof[1..])
    };
    let (mut f, mut s) = (old - 1, new - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (first, first);
    for c in rest {
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if fr != *old_root {
        return Err(ProofError::OldRootMismatch {
            computed: fr,
            expected: *old_root,
        });
    }
    if sr != *new_root {
        return Err(ProofError::RootMismatch {
            computed: sr,
            expected: *new_root,
        });
    }
    Ok(())
}
