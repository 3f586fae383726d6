//! Signed-note keys: key names, key ids, verifier key strings and signer key strings (C2SP
//! signed-note, Ed25519 type 0x01, and C2SP tlog-cosignature `cosignature/v1`, type 0x04).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::cosignature::cosigned_message;

/// Why a key name, verifier key string or signer key string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The key name is empty, or contains a Unicode space, a `+` or a control character.
    #[error("a key name must be non-empty without spaces, '+' or control characters: {0:?}")]
    InvalidName(String),
    /// The key string does not have the `name+keyid+key` shape.
    #[error("a verifier key is name+keyid+base64(type || key), this has too few '+' fields")]
    MissingField,
    /// A signer key string does not start with `PRIVATE+KEY+`.
    #[error("a signer key starts with PRIVATE+KEY+")]
    NotPrivateKey,
    /// The key id field is not eight hexadecimal digits.
    #[error("the key id must be 8 hex digits, got {0:?}")]
    BadKeyId(String),
    /// The key field is not standard base64.
    #[error("the key is not standard base64")]
    BadBase64,
    /// The key type byte is not one this crate can verify (0x01 Ed25519, 0x04 cosignature/v1).
    #[error("unsupported signature type 0x{0:02x} (supported: 0x01 Ed25519, 0x04 cosignature/v1)")]
    UnsupportedType(u8),
    /// The key material has the wrong length or is not a valid Ed25519 point.
    #[error("the key is not a valid 32-byte Ed25519 key ({0} bytes)")]
    BadKey(usize),
    /// The key id in the string is not the one computed from the name and key.
    #[error("key id {stated} does not match the key, which has id {computed}")]
    KeyIdMismatch {
        /// The key id written in the string.
        stated: KeyId,
        /// The key id computed from the name, type and public key.
        computed: KeyId,
    },
    /// The operating system's random number generator failed.
    #[error("no randomness from the operating system: {0}")]
    Random(String),
}

/// A key name: non-empty UTF-8 without Unicode spaces, `+` or control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyName(String);

impl KeyName {
    /// Checks and wraps a key name.
    pub fn new(name: &str) -> Result<Self, KeyError> {
        if is_valid_name(name) {
            Ok(KeyName(name.to_owned()))
        } else {
            Err(KeyError::InvalidName(name.to_owned()))
        }
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `name` may be a signed-note key name.
pub(crate) fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c.is_control())
}

/// A 32-bit key id: the first four bytes of SHA-256(name ‖ "\n" ‖ type ‖ public key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub u32);

impl KeyId {
    /// The key id the C2SP specs assign to `name`, `kind` and `public_key`.
    pub fn compute(name: &KeyName, kind: KeyType, public_key: &[u8]) -> KeyId {
        let mut hasher = Sha256::new();
        hasher.update(name.as_str().as_bytes());
        hasher.update([b'\n', kind.byte()]);
        hasher.update(public_key);
        let digest = hasher.finalize();
        KeyId(u32::from_be_bytes([
            digest[0], digest[1], digest[2], digest[3],
        ]))
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

/// The signature types this crate signs and verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// 0x01: Ed25519 over the note text (C2SP signed-note).
    Ed25519,
    /// 0x04: timestamped Ed25519 witness cosignature (C2SP tlog-cosignature `cosignature/v1`).
    CosignatureV1,
}

impl KeyType {
    /// The signature type byte.
    pub fn byte(self) -> u8 {
        match self {
            KeyType::Ed25519 => 0x01,
            KeyType::CosignatureV1 => 0x04,
        }
    }

    /// The type for a type byte.
    pub fn from_byte(byte: u8) -> Result<Self, KeyError> {
        match byte {
            0x01 => Ok(KeyType::Ed25519),
            0x04 => Ok(KeyType::CosignatureV1),
            other => Err(KeyError::UnsupportedType(other)),
        }
    }
}

/// A public key that verifies note signatures: `name+keyid+base64(type ‖ public key)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: KeyName,
    key_id: KeyId,
    kind: KeyType,
    public: VerifyingKey,
}

impl VerifierKey {
    /// Parses a verifier key string, splitting at the first two `+` only.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let (name, rest) = text.split_once('+').ok_or(KeyError::MissingField)?;
        let (id, key) = rest.split_once('+').ok_or(KeyError::MissingField)?;
        let name = KeyName::new(name)?;
        let stated = parse_key_id(id)?;
        let (kind, key) = decode_typed_key(key)?;
        let public = VerifyingKey::from_bytes(&key).map_err(|_| KeyError::BadKey(key.len()))?;
        let key = VerifierKey::new(name, kind, public);
        if key.key_id != stated {
            return Err(KeyError::KeyIdMismatch {
                stated,
                computed: key.key_id,
            });
        }
        Ok(key)
    }

    /// A verifier key from its parts; the key id is computed.
    pub fn new(name: KeyName, kind: KeyType, public: VerifyingKey) -> Self {
        let key_id = KeyId::compute(&name, kind, public.as_bytes());
        VerifierKey {
            name,
            key_id,
            kind,
            public,
        }
    }

    /// The key name.
    pub fn name(&self) -> &KeyName {
        &self.name
    }

    /// The key id.
    pub fn key_id(&self) -> KeyId {
        self.key_id
    }

    /// The signature type.
    pub fn kind(&self) -> KeyType {
        self.kind
    }

    /// The Ed25519 public key.
    pub fn public_key(&self) -> &VerifyingKey {
        &self.public
    }

    /// Whether `signature` (the bytes after the key id) is this key's valid signature over the
    /// note `text`. Ed25519 is verified strictly. For `cosignature/v1` the signature is the
    /// 8-byte big-endian timestamp followed by the Ed25519 signature of the cosigned message.
    pub fn verify(&self, text: &str, signature: &[u8]) -> bool {
        match self.kind {
            KeyType::Ed25519 => self.verify_raw(text.as_bytes(), signature),
            KeyType::CosignatureV1 => {
                let Some((time, sig)) = signature.split_first_chunk::<8>() else {
                    return false;
                };
                let time = u64::from_be_bytes(*time);
                time <= crate::cosignature::MAX_TIMESTAMP
                    && self.verify_raw(cosigned_message(text, time).as_bytes(), sig)
            }
        }
    }

    fn verify_raw(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(sig) = ed25519_dalek::Signature::from_slice(signature) else {
            return false;
        };
        self.public.verify_strict(message, &sig).is_ok()
    }
}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut key = vec![self.kind.byte()];
        key.extend_from_slice(self.public.as_bytes());
        write!(f, "{}+{}+{}", self.name, self.key_id, BASE64.encode(key))
    }
}

/// A private key that signs notes (type 0x01) or cosigns checkpoints (type 0x04). Its `Debug`
/// output shows only the public half.
#[derive(Clone)]
pub struct SignerKey {
    verifier: VerifierKey,
    secret: SigningKey,
}

impl SignerKey {
    /// A signer key from a 32-byte Ed25519 seed (RFC 8032 private key).
    pub fn from_seed(name: KeyName, kind: KeyType, seed: &[u8; 32]) -> Self {
        let secret = SigningKey::from_bytes(seed);
        let verifier = VerifierKey::new(name, kind, secret.verifying_key());
        SignerKey { verifier, secret }
    }

    /// A new signer key from the operating system's random number generator.
    pub fn generate(name: KeyName, kind: KeyType) -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        let key = Self::from_seed(name, kind, &seed);
        seed.fill(0);
        Ok(key)
    }

    /// Parses `PRIVATE+KEY+<name>+<hex key id>+base64(type ‖ 32-byte seed)` (the Go
    /// `golang.org/x/mod/sumdb/note` signer key format).
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let rest = text
            .strip_prefix("PRIVATE+KEY+")
            .ok_or(KeyError::NotPrivateKey)?;
        let (name, rest) = rest.split_once('+').ok_or(KeyError::MissingField)?;
        let (id, key) = rest.split_once('+').ok_or(KeyError::MissingField)?;
        let name = KeyName::new(name)?;
        let stated = parse_key_id(id)?;
        let (kind, seed) = decode_typed_key(key)?;
        let key = Self::from_seed(name, kind, &seed);
        if key.verifier.key_id != stated {
            return Err(KeyError::KeyIdMismatch {
                stated,
                computed: key.verifier.key_id,
            });
        }
        Ok(key)
    }

    /// The signer key string (`PRIVATE+KEY+…`). It holds the secret: store it like one.
    pub fn to_private_string(&self) -> String {
        let mut key = vec![self.verifier.kind.byte()];
        key.extend_from_slice(self.secret.as_bytes());
        let v = &self.verifier;
        format!("PRIVATE+KEY+{}+{}+{}", v.name, v.key_id, BASE64.encode(key))
    }

    /// The public half.
    pub fn verifier(&self) -> &VerifierKey {
        &self.verifier
    }

    /// An Ed25519 signature of a text (RFC 8032, deterministic), for signatures outside notes
    /// such as a head of delegation's signature of a decision. Verify it with
    /// [`VerifierKey::verify`] on an Ed25519 key.
    pub fn sign(&self, text: &str) -> [u8; 64] {
        self.sign_raw(text.as_bytes())
    }

    /// A raw Ed25519 signature of `message` (RFC 8032, deterministic).
    pub(crate) fn sign_raw(&self, message: &[u8]) -> [u8; 64] {
        self.secret.sign(message).to_bytes()
    }
}

impl fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignerKey")
            .field("verifier", &self.verifier.to_string())
            .finish_non_exhaustive()
    }
}

fn parse_key_id(text: &str) -> Result<KeyId, KeyError> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(KeyError::BadKeyId(text.to_owned()));
    }
    u32::from_str_radix(text, 16)
        .map(KeyId)
        .map_err(|_| KeyError::BadKeyId(text.to_owned()))
}

fn decode_typed_key(text: &str) -> Result<(KeyType, [u8; 32]), KeyError> {
    let bytes = BASE64.decode(text).map_err(|_| KeyError::BadBase64)?;
    let (&kind, key) = bytes.split_first().ok_or(KeyError::BadKey(0))?;
    let kind = KeyType::from_byte(kind)?;
    let key = <[u8; 32]>::try_from(key).map_err(|_| KeyError::BadKey(key.len()))?;
    Ok((kind, key))
}
