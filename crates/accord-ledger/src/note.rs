//! C2SP signed notes: a text, a blank line, and signature lines `— <name> <base64(key id ‖
//! signature)>`; strict parsing, signing and verification against trusted keys.
//!
//! Parsing follows c2sp.org/signed-note and `golang.org/x/mod/sumdb/note`: the text ends in a
//! newline and may contain empty lines (it ends at the note's last empty line); the note is valid
//! UTF-8 without control characters other than newline; at most [`MAX_SIGNATURES`] signature
//! lines (as in Go); at most [`MAX_NOTE_SIZE`] bytes. Verification ignores signatures from
//! unknown keys (but keeps them), rejects the note if a signature from a known key is invalid,
//! and rejects it if no known key signed.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::keys::{KeyId, KeyName, KeyType, SignerKey, VerifierKey, is_valid_name};

/// The largest note accepted, in bytes (1 MiB).
pub const MAX_NOTE_SIZE: usize = 1 << 20;
/// The most signature lines a note may carry (the Go package's limit; C2SP asks for ≥ 16).
pub const MAX_SIGNATURES: usize = 100;

/// The em dash and space that start every signature line.
const SIG_PREFIX: &str = "\u{2014} ";

/// Why bytes are not a well-formed signed note, or a text cannot be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// The note is larger than [`MAX_NOTE_SIZE`].
    #[error("the note is {size} bytes, more than the limit of {MAX_NOTE_SIZE}")]
    TooLarge {
        /// The note's size in bytes.
        size: usize,
    },
    /// The note is not valid UTF-8.
    #[error("the note is not valid UTF-8 (from byte {valid_up_to})")]
    NotUtf8 {
        /// The length of the valid UTF-8 prefix.
        valid_up_to: usize,
    },
    /// The note contains an ASCII control character other than newline.
    #[error("control character 0x{byte:02x} at byte {offset}")]
    ControlCharacter {
        /// The control character.
        byte: u8,
        /// Its byte offset.
        offset: usize,
    },
    /// The note text is empty.
    #[error("the note text is empty")]
    EmptyText,
    /// The note text does not end in a newline.
    #[error("the note text must end in a newline")]
    TextMissingNewline,
    /// No blank line separates the text from the signatures.
    #[error("no blank line separates the text from the signatures")]
    MissingBlankLine,
    /// A blank line but no signature line follows the text.
    #[error("the note has no signature lines")]
    NoSignatures,
    /// The last signature line does not end in a newline.
    #[error("the last signature line does not end in a newline")]
    MissingFinalNewline,
    /// A line of the signature block does not start with an em dash and a space.
    #[error("signature line {line} does not start with \"\u{2014} \"")]
    NotASignatureLine {
        /// The 1-based number of the line in the signature block.
        line: usize,
    },
    /// A signature line has no space-separated signature after the name.
    #[error("signature line {line} has no signature after the key name")]
    MissingSignature {
        /// The 1-based number of the line in the signature block.
        line: usize,
    },
    /// A signature line's key name is empty or has spaces, `+` or control characters.
    #[error("signature line {line} has an invalid key name")]
    InvalidKeyName {
        /// The 1-based number of the line in the signature block.
        line: usize,
    },
    /// A signature is not standard base64.
    #[error("signature line {line} is not standard base64")]
    BadBase64 {
        /// The 1-based number of the line in the signature block.
        line: usize,
    },
    /// A signature has fewer than 5 bytes (a 4-byte key id and at least one byte).
    #[error("signature line {line} decodes to {len} bytes, fewer than a key id and a signature")]
    SignatureTooShort {
        /// The 1-based number of the line in the signature block.
        line: usize,
        /// The decoded length.
        len: usize,
    },
    /// The note has more than [`MAX_SIGNATURES`] signature lines.
    #[error("the note has more than {MAX_SIGNATURES} signatures")]
    TooManySignatures,
    /// A cosignature key was used where a note signature needs a timestamp; use
    /// [`crate::Cosignature::sign`].
    #[error("a cosignature/v1 key signs checkpoints with a timestamp, not plain notes")]
    CosignerKey,
}

/// Why a well-formed note was not accepted by a set of trusted keys.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// No signature on the note is from one of the trusted keys.
    #[error("note has no verifiable signatures")]
    NoVerifiableSignatures,
    /// A signature from a trusted key (same name and key id) does not verify.
    #[error("invalid signature for key {name}+{key_id}")]
    InvalidSignature {
        /// The key's name.
        name: KeyName,
        /// The key id.
        key_id: KeyId,
    },
}

/// One signature line: key name, key id and the signature bytes after the key id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    name: KeyName,
    key_id: KeyId,
    signature: Vec<u8>,
}

impl NoteSignature {
    /// A signature line from its parts.
    pub fn new(name: KeyName, key_id: KeyId, signature: Vec<u8>) -> Self {
        NoteSignature {
            name,
            key_id,
            signature,
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

    /// The signature bytes that follow the key id.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// Whether this line claims to be from `key` (same name and key id).
    pub fn is_from(&self, key: &VerifierKey) -> bool {
        self.name == *key.name() && self.key_id == key.key_id()
    }
}

impl fmt::Display for NoteSignature {
    /// The signature line, with its final newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut payload = self.key_id.0.to_be_bytes().to_vec();
        payload.extend_from_slice(&self.signature);
        writeln!(f, "{SIG_PREFIX}{} {}", self.name, BASE64.encode(payload))
    }
}

/// A signed note: its text (ending in a newline) and its signature lines, in order.
///
/// `Display` writes the note in its wire form; a note needs at least one signature to parse back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    text: String,
    signatures: Vec<NoteSignature>,
}

/// The keys that verified a note, and the signatures from keys not given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified<'a> {
    /// Each trusted key with a valid signature, once, in the order of the keys given.
    pub keys: Vec<&'a VerifierKey>,
    /// Signatures from keys that were not given (ignored, but kept).
    pub unknown: Vec<&'a NoteSignature>,
}

impl Note {
    /// An unsigned note with `text`, which must be non-empty, end in a newline and contain no
    /// control characters other than newline.
    pub fn new(text: &str) -> Result<Self, NoteError> {
        if text.len() > MAX_NOTE_SIZE {
            return Err(NoteError::TooLarge { size: text.len() });
        }
        check_control(text)?;
        if text.is_empty() {
            return Err(NoteError::EmptyText);
        }
        if !text.ends_with('\n') {
            return Err(NoteError::TextMissingNewline);
        }
        Ok(Note {
            text: text.to_owned(),
            signatures: Vec::new(),
        })
    }

    /// Parses a signed note strictly. Signatures are not verified: see [`Note::verify`].
    pub fn parse(bytes: &[u8]) -> Result<Self, NoteError> {
        if bytes.len() > MAX_NOTE_SIZE {
            return Err(NoteError::TooLarge { size: bytes.len() });
        }
        let msg = std::str::from_utf8(bytes).map_err(|e| NoteError::NotUtf8 {
            valid_up_to: e.valid_up_to(),
        })?;
        check_control(msg)?;
        let split = msg.rfind("\n\n").ok_or(NoteError::MissingBlankLine)?;
        let (text, sigs) = (&msg[..=split], &msg[split + 2..]);
        if sigs.is_empty() {
            return Err(NoteError::NoSignatures);
        }
        let Some(sigs) = sigs.strip_suffix('\n') else {
            return Err(NoteError::MissingFinalNewline);
        };
        let mut signatures = Vec::new();
        for (i, line) in sigs.split('\n').enumerate() {
            if i == MAX_SIGNATURES {
                return Err(NoteError::TooManySignatures);
            }
            signatures.push(parse_signature_line(line, i + 1)?);
        }
        Ok(Note {
            text: text.to_owned(),
            signatures,
        })
    }

    /// The note text, with its final newline.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The signature lines, in order.
    pub fn signatures(&self) -> &[NoteSignature] {
        &self.signatures
    }

    /// Appends a signature line.
    pub fn add_signature(&mut self, signature: NoteSignature) -> Result<(), NoteError> {
        if self.signatures.len() >= MAX_SIGNATURES {
            return Err(NoteError::TooManySignatures);
        }
        self.signatures.push(signature);
        Ok(())
    }

    /// Signs the text with an Ed25519 (type 0x01) key and appends the signature line.
    pub fn sign(&mut self, key: &SignerKey) -> Result<(), NoteError> {
        let verifier = key.verifier();
        if verifier.kind() != KeyType::Ed25519 {
            return Err(NoteError::CosignerKey);
        }
        let sig = key.sign_raw(self.text.as_bytes());
        let line = NoteSignature::new(verifier.name().clone(), verifier.key_id(), sig.to_vec());
        self.add_signature(line)
    }

    /// Verifies the note against trusted `keys`: every signature from a trusted key (same name
    /// and key id) must verify, and at least one must be present.
    pub fn verify<'a>(&'a self, keys: &'a [VerifierKey]) -> Result<Verified<'a>, VerifyError> {
        let mut verified = vec![false; keys.len()];
        let mut unknown = Vec::new();
        for sig in &self.signatures {
            let mut known = false;
            for (i, key) in keys.iter().enumerate() {
                if !sig.is_from(key) {
                    continue;
                }
                known = true;
                if !key.verify(&self.text, &sig.signature) {
                    return Err(VerifyError::InvalidSignature {
                        name: sig.name.clone(),
                        key_id: sig.key_id,
                    });
                }
                verified[i] = true;
            }
            if !known {
                unknown.push(sig);
            }
        }
        let keys: Vec<_> = keys
            .iter()
            .zip(verified)
            .filter_map(|(key, ok)| ok.then_some(key))
            .collect();
        if keys.is_empty() {
            return Err(VerifyError::NoVerifiableSignatures);
        }
        Ok(Verified { keys, unknown })
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)?;
        f.write_str("\n")?;
        self.signatures.iter().try_for_each(|s| s.fmt(f))
    }
}

impl std::str::FromStr for Note {
    type Err = NoteError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Note::parse(s.as_bytes())
    }
}

fn check_control(text: &str) -> Result<(), NoteError> {
    match text.bytes().position(|b| b < 0x20 && b != b'\n') {
        Some(offset) => Err(NoteError::ControlCharacter {
            byte: text.as_bytes()[offset],
            offset,
        }),
        None => Ok(()),
    }
}

fn parse_signature_line(line: &str, number: usize) -> Result<NoteSignature, NoteError> {
    let rest = line
        .strip_prefix(SIG_PREFIX)
        .ok_or(NoteError::NotASignatureLine { line: number })?;
    let (name, b64) = rest
        .split_once(' ')
        .filter(|(_, b64)| !b64.is_empty())
        .ok_or(NoteError::MissingSignature { line: number })?;
    if !is_valid_name(name) {
        return Err(NoteError::InvalidKeyName { line: number });
    }
    let bytes = BASE64
        .decode(b64)
        .map_err(|_| NoteError::BadBase64 { line: number })?;
    let Some((id, signature)) = bytes
        .split_first_chunk::<4>()
        .filter(|(_, s)| !s.is_empty())
    else {
        return Err(NoteError::SignatureTooShort {
            line: number,
            len: bytes.len(),
        });
    };
    Ok(NoteSignature {
        name: KeyName::new(name).map_err(|_| NoteError::InvalidKeyName { line: number })?,
        key_id: KeyId(u32::from_be_bytes(*id)),
        signature: signature.to_vec(),
    })
}
