//! C2SP tlog-cosignature `cosignature/v1`: a witness's timestamped Ed25519 signature (type 0x04)
//! over `cosignature/v1\ntime <unix seconds>\n` followed by the checkpoint's note text.
//!
//! On the wire a cosignature is an ordinary signature line whose payload is key id ‖ 8-byte
//! big-endian timestamp ‖ 64-byte Ed25519 signature (76 bytes).

use crate::checkpoint::Checkpoint;
use crate::keys::{KeyId, KeyName, KeyType, SignerKey, VerifierKey};
use crate::note::NoteSignature;

/// The largest timestamp the spec allows (2^63 − 1).
pub const MAX_TIMESTAMP: u64 = i64::MAX.unsigned_abs();

/// Why a cosignature could not be read, made or verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CosignatureError {
    /// The signature after the key id is not 8 + 64 bytes.
    #[error("a cosignature/v1 is an 8-byte timestamp and a 64-byte signature, not {0} bytes")]
    WrongLength(usize),
    /// The timestamp is above 2^63 − 1.
    #[error("timestamp {0} is above 2^63 - 1")]
    TimestampOutOfRange(u64),
    /// The key is not a `cosignature/v1` (type 0x04) key.
    #[error("key {0} is not a cosignature/v1 (type 0x04) key")]
    NotCosignerKey(KeyName),
    /// The signature line is not from the given key (name or key id differ).
    #[error("the signature is from {name}+{key_id}, not from the given key")]
    OtherKey {
        /// The line's key name.
        name: KeyName,
        /// The line's key id.
        key_id: KeyId,
    },
    /// The Ed25519 signature does not verify.
    #[error("the cosignature by {0} does not verify")]
    Invalid(KeyName),
}

/// A `cosignature/v1` witness cosignature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cosignature {
    name: KeyName,
    key_id: KeyId,
    timestamp: u64,
    signature: [u8; 64],
}

/// The message a `cosignature/v1` signs: the header line, the time line, then the note text.
pub fn cosigned_message(note_text: &str, timestamp: u64) -> String {
    format!("cosignature/v1\ntime {timestamp}\n{note_text}")
}

impl Cosignature {
    /// Cosigns `checkpoint` at `timestamp` (Unix seconds) with a type 0x04 key.
    pub fn sign(
        key: &SignerKey,
        checkpoint: &Checkpoint,
        timestamp: u64,
    ) -> Result<Self, CosignatureError> {
        let verifier = key.verifier();
        if verifier.kind() != KeyType::CosignatureV1 {
            return Err(CosignatureError::NotCosignerKey(verifier.name().clone()));
        }
        if timestamp > MAX_TIMESTAMP {
            return Err(CosignatureError::TimestampOutOfRange(timestamp));
        }
        let message = cosigned_message(&checkpoint.to_body(), timestamp);
        Ok(Cosignature {
            name: verifier.name().clone(),
            key_id: verifier.key_id(),
            timestamp,
            signature: key.sign_raw(message.as_bytes()),
        })
    }

    /// Reads a cosignature from a signature line (which must carry 72 bytes after the key id).
    pub fn from_note_signature(line: &NoteSignature) -> Result<Self, CosignatureError> {
        let bytes = line.signature();
        let wrong = || CosignatureError::WrongLength(bytes.len());
        let (time, signature) = bytes.split_first_chunk::<8>().ok_or_else(wrong)?;
        let signature = <[u8; 64]>::try_from(signature).map_err(|_| wrong())?;
        let timestamp = u64::from_be_bytes(*time);
        if timestamp > MAX_TIMESTAMP {
            return Err(CosignatureError::TimestampOutOfRange(timestamp));
        }
        Ok(Cosignature {
            name: line.name().clone(),
            key_id: line.key_id(),
            timestamp,
            signature,
        })
    }

    /// The signature line to append to the checkpoint note.
    pub fn to_note_signature(&self) -> NoteSignature {
        let mut bytes = self.timestamp.to_be_bytes().to_vec();
        bytes.extend_from_slice(&self.signature);
        NoteSignature::new(self.name.clone(), self.key_id, bytes)
    }

    /// The witness's key name.
    pub fn name(&self) -> &KeyName {
        &self.name
    }

    /// The witness's key id.
    pub fn key_id(&self) -> KeyId {
        self.key_id
    }

    /// When the witness cosigned, in Unix seconds.
    pub fn timestamp(&self) -> u64 {
        self.timestamp
    }

    /// Checks that this is `key`'s valid cosignature of `checkpoint` (strict Ed25519).
    pub fn verify(
        &self,
        key: &VerifierKey,
        checkpoint: &Checkpoint,
    ) -> Result<(), CosignatureError> {
        if key.kind() != KeyType::CosignatureV1 {
            return Err(CosignatureError::NotCosignerKey(key.name().clone()));
        }
        if self.name != *key.name() || self.key_id != key.key_id() {
            return Err(CosignatureError::OtherKey {
                name: self.name.clone(),
                key_id: self.key_id,
            });
        }
        let line = self.to_note_signature();
        if key.verify(&checkpoint.to_body(), line.signature()) {
            Ok(())
        } else {
            Err(CosignatureError::Invalid(self.name.clone()))
        }
    }
}
