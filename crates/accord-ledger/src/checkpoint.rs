//! C2SP tlog-checkpoint: the note text `origin\nsize\nbase64(root)\n[extension lines]`, and a
//! checkpoint opened from a note signed by the log's key.

use std::fmt;

use crate::hash::{Hash, HashError};
use crate::keys::{SignerKey, VerifierKey};
use crate::note::{Note, NoteError, VerifyError};

/// Why a checkpoint body was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// The body does not end in a newline.
    #[error("a checkpoint body ends in a newline")]
    MissingFinalNewline,
    /// A field contains a control character (newline included, inside a field).
    #[error("a checkpoint line contains a control character")]
    ControlCharacter,
    /// The origin line is empty.
    #[error("the origin line is empty")]
    EmptyOrigin,
    /// There is no tree size line.
    #[error("the checkpoint has no tree size line")]
    MissingSize,
    /// There is no root hash line.
    #[error("the checkpoint has no root hash line")]
    MissingRoot,
    /// The size is not plain decimal digits without leading zeros.
    #[error("the tree size {0:?} is not decimal digits without sign or leading zeros")]
    BadSize(String),
    /// The size does not fit in 64 bits.
    #[error("the tree size {0} does not fit in 64 bits")]
    SizeTooLarge(String),
    /// The root hash is not base64 of 32 bytes.
    #[error("the root hash line is invalid: {0}")]
    BadRoot(HashError),
    /// An extension line is empty.
    #[error("extension line {0} is empty")]
    EmptyExtensionLine(usize),
}

/// Why a signed checkpoint was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// The note is malformed.
    #[error("malformed note: {0}")]
    Note(#[from] NoteError),
    /// The note is not validly signed by the log key.
    #[error("log signature: {0}")]
    Signature(#[from] VerifyError),
    /// The note text is not a checkpoint.
    #[error("malformed checkpoint: {0}")]
    Checkpoint(#[from] CheckpointError),
}

/// A log checkpoint: origin, tree size, root hash and optional extension lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    origin: String,
    size: u64,
    root: Hash,
    extensions: Vec<String>,
}

impl Checkpoint {
    /// A checkpoint without extension lines. The origin must be non-empty, one line, and free of
    /// control characters.
    pub fn new(origin: &str, size: u64, root: Hash) -> Result<Self, CheckpointError> {
        Self::with_extensions(origin, size, root, Vec::new())
    }

    /// A checkpoint with extension lines (each non-empty, one line, no control characters).
    pub fn with_extensions(
        origin: &str,
        size: u64,
        root: Hash,
        extensions: Vec<String>,
    ) -> Result<Self, CheckpointError> {
        check_line(origin, CheckpointError::EmptyOrigin)?;
        for (i, line) in extensions.iter().enumerate() {
            check_line(line, CheckpointError::EmptyExtensionLine(i + 1))?;
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            extensions,
        })
    }

    /// Parses a checkpoint body (the note text).
    pub fn parse(body: &str) -> Result<Self, CheckpointError> {
        let text = body
            .strip_suffix('\n')
            .ok_or(CheckpointError::MissingFinalNewline)?;
        if text.bytes().any(|b| b < 0x20 && b != b'\n') {
            return Err(CheckpointError::ControlCharacter);
        }
        let mut lines = text.split('\n');
        let origin = lines.next().unwrap_or_default();
        if origin.is_empty() {
            return Err(CheckpointError::EmptyOrigin);
        }
        let size = parse_size(lines.next().ok_or(CheckpointError::MissingSize)?)?;
        let root = lines.next().ok_or(CheckpointError::MissingRoot)?;
        let root = Hash::from_base64(root).map_err(CheckpointError::BadRoot)?;
        let mut extensions = Vec::new();
        for (i, line) in lines.enumerate() {
            if line.is_empty() {
                return Err(CheckpointError::EmptyExtensionLine(i + 1));
            }
            extensions.push(line.to_owned());
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            extensions,
        })
    }

    /// The log's origin line.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The tree size.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The root hash.
    pub fn root(&self) -> &Hash {
        &self.root
    }

    /// The extension lines, without newlines.
    pub fn extensions(&self) -> &[String] {
        &self.extensions
    }

    /// The checkpoint body: the note text that is signed.
    pub fn to_body(&self) -> String {
        let mut body = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            self.root.to_base64()
        );
        for line in &self.extensions {
            body.push_str(line);
            body.push('\n');
        }
        body
    }

    /// The checkpoint as a note signed by the log's Ed25519 (type 0x01) key.
    pub fn sign(&self, log_key: &SignerKey) -> Result<Note, NoteError> {
        let mut note = Note::new(&self.to_body())?;
        note.sign(log_key)?;
        Ok(note)
    }
}

impl fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_body())
    }
}

/// A checkpoint together with its note, whose signature by the log key has been verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCheckpoint {
    checkpoint: Checkpoint,
    note: Note,
}

impl SignedCheckpoint {
    /// Parses `bytes` as a signed note, verifies it with `log_key` (other signatures, such as
    /// cosignatures, are ignored) and parses its text as a checkpoint.
    pub fn open(bytes: &[u8], log_key: &VerifierKey) -> Result<Self, OpenError> {
        let note = Note::parse(bytes)?;
        note.verify(std::slice::from_ref(log_key))?;
        let checkpoint = Checkpoint::parse(note.text())?;
        Ok(SignedCheckpoint { checkpoint, note })
    }

    /// The checkpoint.
    pub fn checkpoint(&self) -> &Checkpoint {
        &self.checkpoint
    }

    /// The signed note, with every signature line it carried.
    pub fn note(&self) -> &Note {
        &self.note
    }
}

fn check_line(line: &str, if_empty: CheckpointError) -> Result<(), CheckpointError> {
    if line.is_empty() {
        Err(if_empty)
    } else if line.chars().any(char::is_control) {
        Err(CheckpointError::ControlCharacter)
    } else {
        Ok(())
    }
}

/// A tree size: decimal digits, no sign, no leading zeros, fitting in 64 bits.
pub(crate) fn parse_size(text: &str) -> Result<u64, CheckpointError> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !digits || (text.len() > 1 && text.starts_with('0')) {
        return Err(CheckpointError::BadSize(text.to_owned()));
    }
    text.parse()
        .map_err(|_| CheckpointError::SizeTooLarge(text.to_owned()))
}
