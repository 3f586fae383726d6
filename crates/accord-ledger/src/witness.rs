//! A C2SP tlog-witness for one log: it cosigns a new checkpoint only if the log signed it and it
//! is consistent with the last checkpoint the witness cosigned; otherwise it refuses with the
//! reason, and with [`ForkEvidence`] when the refusal proves the log forked.

use serde::{Deserialize, Serialize};

use crate::checkpoint::{Checkpoint, CheckpointError, OpenError, SignedCheckpoint};
use crate::cosignature::{Cosignature, CosignatureError};
use crate::fork::ForkEvidence;
use crate::hash::Hash;
use crate::keys::{KeyName, KeyType, SignerKey, VerifierKey};
use crate::note::{NoteError, VerifyError};
use crate::verify_proof::{ProofError, verify_consistency};

/// Why a witness refused a checkpoint, or could not be set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WitnessError {
    /// The witness key is not a `cosignature/v1` (type 0x04) key.
    #[error("witness key {0} is not a cosignature/v1 (type 0x04) key")]
    NotCosignerKey(KeyName),
    /// The log key is not an Ed25519 note (type 0x01) key.
    #[error("log key {0} is not an Ed25519 (type 0x01) key")]
    LogKeyNotEd25519(KeyName),
    /// The submitted note is malformed.
    #[error("malformed note: {0}")]
    MalformedNote(NoteError),
    /// The note is not validly signed by the log key (unknown key, or an invalid signature).
    #[error("not signed by the log: {0}")]
    BadSignature(VerifyError),
    /// The note text is not a checkpoint.
    #[error("malformed checkpoint: {0}")]
    MalformedCheckpoint(CheckpointError),
    /// The checkpoint is of another log.
    #[error("the checkpoint's origin is {got:?}, this witness follows {expected:?}")]
    WrongOrigin {
        /// The origin this witness follows.
        expected: String,
        /// The checkpoint's origin.
        got: String,
    },
    /// The checkpoint is smaller than the one the witness last cosigned (a rollback).
    #[error("the checkpoint has size {got}, smaller than the size {seen} already cosigned")]
    SmallerThanSeen {
        /// The size already cosigned.
        seen: u64,
        /// The checkpoint's size.
        got: u64,
    },
    /// The old size is larger than the checkpoint's size (HTTP 400 in tlog-witness).
    #[error("old size {old} is larger than the checkpoint size {size}")]
    OldSizeTooLarge {
        /// The old size given.
        old: u64,
        /// The checkpoint's size.
        size: u64,
    },
    /// The old size is not the size the witness last cosigned (HTTP 409 in tlog-witness).
    #[error("old size {old} does not match the latest cosigned size {latest}")]
    OldSizeMismatch {
        /// The old size given.
        old: u64,
        /// The size of the latest cosigned checkpoint (0 if none).
        latest: u64,
    },
    /// A consistency proof was given from size 0, where it must be empty.
    #[error("the consistency proof from size 0 must be empty, it has {0} hashes")]
    ProofFromZero(usize),
    /// The checkpoint has the size already cosigned but another root: the log forked.
    #[error("the log forked: a different root for size {size}")]
    Fork {
        /// The common size.
        size: u64,
        /// Evidence a third party can check.
        evidence: Box<ForkEvidence>,
    },
    /// The consistency proof does not verify (HTTP 422 in tlog-witness). When the proof
    /// verifies against the new root from another old root, the log forked and `evidence` says so.
    #[error("the checkpoint is not consistent with the latest cosigned one: {error}")]
    Inconsistent {
        /// Why the proof failed.
        error: ProofError,
        /// Evidence of a fork, when the proof implicates the log.
        evidence: Option<Box<ForkEvidence>>,
    },
    /// The cosignature could not be made (timestamp out of range).
    #[error("cannot cosign: {0}")]
    Cosign(CosignatureError),
    /// The saved state does not hold a checkpoint validly signed by the log.
    #[error("the saved witness state is invalid: {0}")]
    BadState(OpenError),
}

impl From<OpenError> for WitnessError {
    /// Why a submitted note was refused: malformed, not signed by the log, or not a checkpoint.
    fn from(error: OpenError) -> Self {
        match error {
            OpenError::Note(e) => WitnessError::MalformedNote(e),
            OpenError::Signature(e) => WitnessError::BadSignature(e),
            OpenError::Checkpoint(e) => WitnessError::MalformedCheckpoint(e),
        }
    }
}

/// What a witness persists: the origin it follows and the last checkpoint it cosigned (the signed
/// note as received), if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WitnessState {
    /// The origin of the log the witness follows.
    pub origin: String,
    /// The signed note of the last cosigned checkpoint; `None` before the first.
    pub latest: Option<String>,
}

/// A witness of one log.
#[derive(Debug, Clone)]
pub struct Witness {
    key: SignerKey,
    log_key: VerifierKey,
    origin: String,
    latest: Option<(SignedCheckpoint, String)>,
}

impl Witness {
    /// A witness that has seen nothing yet of the log `origin` signed by `log_key`.
    pub fn new(key: SignerKey, log_key: VerifierKey, origin: &str) -> Result<Self, WitnessError> {
        Self::from_state(
            key,
            log_key,
            &WitnessState {
                origin: origin.to_owned(),
                latest: None,
            },
        )
    }

    /// A witness restored from saved state; the saved checkpoint is verified again.
    pub fn from_state(
        key: SignerKey,
        log_key: VerifierKey,
        state: &WitnessState,
    ) -> Result<Self, WitnessError> {
        if key.verifier().kind() != KeyType::CosignatureV1 {
            return Err(WitnessError::NotCosignerKey(key.verifier().name().clone()));
        }
        if log_key.kind() != KeyType::Ed25519 {
            return Err(WitnessError::LogKeyNotEd25519(log_key.name().clone()));
        }
        let latest = match &state.latest {
            None => None,
            Some(note) => {
                let signed = SignedCheckpoint::open(note.as_bytes(), &log_key)
                    .map_err(WitnessError::BadState)?;
                Some((signed, note.clone()))
            }
        };
        Ok(Witness {
            key,
            log_key,
            origin: state.origin.clone(),
            latest,
        })
    }

    /// The state to persist.
    pub fn state(&self) -> WitnessState {
        WitnessState {
            origin: self.origin.clone(),
            latest: self.latest.as_ref().map(|(_, note)| note.clone()),
        }
    }

    /// The last checkpoint cosigned, if any.
    pub fn latest(&self) -> Option<&Checkpoint> {
        self.latest.as_ref().map(|(signed, _)| signed.checkpoint())
    }

    /// The log's key, which must have signed every checkpoint the witness takes.
    pub fn log_key(&self) -> &VerifierKey {
        &self.log_key
    }

    /// The witness's public key (type 0x04).
    pub fn verifier(&self) -> &VerifierKey {
        self.key.verifier()
    }

    /// The tlog-witness add-checkpoint step: checks `signed_checkpoint` (a note signed by the
    /// log) against the last cosigned checkpoint, whose size must be `old_size` (0 at first),
    /// with `proof` the consistency proof from `old_size`. On success the witness records the
    /// checkpoint and returns its cosignature made at `now` (Unix seconds).
    pub fn add_checkpoint(
        &mut self,
        old_size: u64,
        proof: &[Hash],
        signed_checkpoint: &[u8],
        now: u64,
    ) -> Result<Cosignature, WitnessError> {
        let signed = SignedCheckpoint::open(signed_checkpoint, &self.log_key)?;
        let new = signed.checkpoint();
        if new.origin() != self.origin {
            return Err(WitnessError::WrongOrigin {
                expected: self.origin.clone(),
                got: new.origin().to_owned(),
            });
        }
        let latest_size = self.latest().map_or(0, Checkpoint::size);
        if new.size() < latest_size {
            return Err(WitnessError::SmallerThanSeen {
                seen: latest_size,
                got: new.size(),
            });
        }
        if old_size > new.size() {
            return Err(WitnessError::OldSizeTooLarge {
                old: old_size,
                size: new.size(),
            });
        }
        if old_size != latest_size {
            return Err(WitnessError::OldSizeMismatch {
                old: old_size,
                latest: latest_size,
            });
        }
        let note = String::from_utf8_lossy(signed_checkpoint).into_owned();
        self.check_consistency(old_size, proof, new, &note)?;
        let cosignature = Cosignature::sign(&self.key, new, now).map_err(WitnessError::Cosign)?;
        self.latest = Some((signed, note));
        Ok(cosignature)
    }

    /// Checks `new` against the latest cosigned checkpoint, whose size is `old_size`.
    fn check_consistency(
        &self,
        old_size: u64,
        proof: &[Hash],
        new: &Checkpoint,
        new_note: &str,
    ) -> Result<(), WitnessError> {
        let Some((old, old_note)) = &self.latest else {
            return empty_proof_from_zero(proof);
        };
        let old = old.checkpoint();
        if old.size() == new.size() {
            if !proof.is_empty() {
                let error = ProofError::WrongLength {
                    got: proof.len(),
                    want: 0,
                };
                return Err(WitnessError::Inconsistent {
                    error,
                    evidence: None,
                });
            }
            if old.root() != new.root() {
                return match ForkEvidence::same_size(old_note, new_note, &self.log_key) {
                    Ok(evidence) => Err(WitnessError::Fork {
                        size: new.size(),
                        evidence: Box::new(evidence),
                    }),
                    Err(_) => Err(WitnessError::Inconsistent {
                        error: ProofError::DifferentRootsSameSize { size: new.size() },
                        evidence: None,
                    }),
                };
            }
            return Ok(());
        }
        if old_size == 0 {
            return empty_proof_from_zero(proof);
        }
        verify_consistency(old_size, new.size(), old.root(), new.root(), proof).map_err(|error| {
            let evidence = match error {
                ProofError::OldRootMismatch { computed, .. } => {
                    let log_key = &self.log_key;
                    ForkEvidence::inconsistent(old_note, new_note, proof, Some(computed), log_key)
                        .ok()
                        .map(Box::new)
                }
                _ => None,
            };
            WitnessError::Inconsistent { error, evidence }
        })
    }
}

fn empty_proof_from_zero(proof: &[Hash]) -> Result<(), WitnessError> {
    match proof.len() {
        0 => Ok(()),
        n => Err(WitnessError::ProofFromZero(n)),
    }
}
