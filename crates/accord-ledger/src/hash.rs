//! RFC 9162 hashing: leaf and interior node hashes with domain separation, and the empty tree.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256};

/// The size of a SHA-256 hash in bytes.
pub const HASH_SIZE: usize = 32;

/// A SHA-256 hash: a leaf hash, an interior node hash or a tree root.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash(pub [u8; HASH_SIZE]);

/// A byte string that is not a 32-byte SHA-256 hash.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashError {
    /// The value decoded, but to the wrong number of bytes.
    #[error("a hash is 32 bytes, this one has {0}")]
    WrongLength(usize),
    /// The value is not valid base64 or hex.
    #[error("a hash must be {0}")]
    Encoding(&'static str),
}

impl Hash {
    /// The hash as bytes.
    pub fn as_bytes(&self) -> &[u8; HASH_SIZE] {
        &self.0
    }

    /// A hash from exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, HashError> {
        <[u8; HASH_SIZE]>::try_from(bytes)
            .map(Hash)
            .map_err(|_| HashError::WrongLength(bytes.len()))
    }

    /// A hash from standard base64 with padding (as in checkpoints and the reference probes).
    pub fn from_base64(text: &str) -> Result<Self, HashError> {
        let bytes = BASE64
            .decode(text)
            .map_err(|_| HashError::Encoding("standard base64"))?;
        Self::from_slice(&bytes)
    }

    /// A hash from lowercase or uppercase hex.
    pub fn from_hex(text: &str) -> Result<Self, HashError> {
        if text.len() != 2 * HASH_SIZE {
            return Err(HashError::WrongLength(text.len() / 2));
        }
        let mut out = [0u8; HASH_SIZE];
        let mut bad = 0u8;
        for (byte, pair) in out.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
            let (hi, lo) = (
                HEX_VALUE[usize::from(pair[0])],
                HEX_VALUE[usize::from(pair[1])],
            );
            bad |= (hi | lo) & 0x80;
            *byte = (hi << 4) | (lo & 0x0f);
        }
        if bad != 0 {
            return Err(HashError::Encoding("hexadecimal"));
        }
        Ok(Hash(out))
    }

    /// Standard base64 with padding.
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.0)
    }

    /// Lowercase hex.
    pub fn to_hex(&self) -> String {
        let mut out = String::with_capacity(2 * HASH_SIZE);
        for byte in self.0 {
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        out
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The value of each byte as a hex digit, or 0x80 for a byte that is not one.
const HEX_VALUE: [u8; 256] = {
    let mut table = [0x80u8; 256];
    let mut d: u8 = 0;
    while d < 16 {
        let lower = HEX[d as usize];
        table[lower as usize] = d;
        table[lower.to_ascii_uppercase() as usize] = d;
        d += 1;
    }
    table
};

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl serde::Serialize for Hash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> serde::Deserialize<'de> for Hash {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Hash::from_base64(&text).map_err(serde::de::Error::custom)
    }
}

/// The root of the empty tree: SHA-256 of the empty string.
pub fn empty_root() -> Hash {
    Hash(Sha256::digest([]).into())
}

/// The leaf hash of an entry: SHA-256(0x00 ‖ entry).
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x00]);
    hasher.update(entry);
    Hash(hasher.finalize().into())
}

/// The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut block = [0u8; 1 + 2 * HASH_SIZE];
    block[0] = 0x01;
    block[1..=HASH_SIZE].copy_from_slice(&left.0);
    block[1 + HASH_SIZE..].copy_from_slice(&right.0);
    Hash(Sha256::digest(block).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_base64_round_trip() {
        let h = leaf_hash(b"accord");
        assert_eq!(Hash::from_hex(&h.to_hex()), Ok(h));
        assert_eq!(Hash::from_base64(&h.to_base64()), Ok(h));
        assert_eq!(Hash::from_hex("00"), Err(HashError::WrongLength(1)));
        assert_eq!(Hash::from_base64("AAAA"), Err(HashError::WrongLength(3)));
        assert!(matches!(
            Hash::from_hex(&"zz".repeat(32)),
            Err(HashError::Encoding(_))
        ));
    }

    #[test]
    fn leaf_and_node_hashes_are_domain_separated() {
        let a = leaf_hash(b"");
        let b = node_hash(&a, &a);
        assert_ne!(a, empty_root());
        assert_ne!(b, leaf_hash(&[a.0, a.0].concat()));
    }
}
