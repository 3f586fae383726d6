//! The log entry: an envelope in canonical JSON naming its event's kind, classification and
//! body hash, with the body kept apart.
//!
//! ```text
//! {"actor":"ru.delegate","body":"sha256:<64 hex>","class":"restricted","kind":"note.recorded","seq":7,"time":"2020-12-01T10:00:00Z","v":1}
//! ```

use accord_ledger::Hash;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::canonical::CanonicalError;
use crate::classification::Classification;
use crate::event::{EVENT_KINDS, Event, EventError};
use crate::ids::{Actor, LogIndex};
use crate::time::Timestamp;

/// The envelope format version.
pub const ENVELOPE_VERSION: u64 = 1;

/// The largest log entry, in bytes (a log entry is below 64 KiB).
pub const MAX_ENTRY_BYTES: usize = 65_535;

/// The largest `seq` a JSON reader keeps exactly (2^53 - 1).
const MAX_SEQ: u64 = (1 << 53) - 1;

/// A log entry's envelope. Its fields are valid by construction, so its canonical JSON
/// cannot fail and is always below 64 KiB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    seq: LogIndex,
    time: Timestamp,
    actor: Actor,
    kind: &'static str,
    class: Classification,
    body: Hash,
}

/// An entry or body that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    /// `seq` is beyond 2^53 - 1.
    #[error("seq {0} is beyond 2^53 - 1")]
    SeqTooLarge(u64),
    /// The entry is not canonical JSON.
    #[error("the entry is not canonical JSON: {0}")]
    Canonical(#[from] CanonicalError),
    /// The entry does not have the envelope's fields.
    #[error("the entry is not an envelope: {0}")]
    Schema(String),
    /// The envelope's version is not 1.
    #[error("envelope version {0} is not supported (this reader knows version 1)")]
    Version(u64),
    /// The body does not hash to the envelope's body hash.
    #[error("the body's SHA-256 is {actual}, the envelope says {expected}")]
    BodyHash {
        /// The hash in the envelope (hex).
        expected: String,
        /// The body's hash (hex).
        actual: String,
    },
    /// The body does not decode as its kind.
    #[error(transparent)]
    Event(#[from] EventError),
    /// The body's classification differs from the envelope's.
    #[error("the envelope says {envelope}, the body's event is {event}")]
    Classification {
        /// On the envelope.
        envelope: Classification,
        /// Of the event in the body.
        event: Classification,
    },
}

/// The SHA-256 of a body.
pub fn body_hash(body: &[u8]) -> Hash {
    Hash(Sha256::digest(body).into())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeRepr {
    v: u64,
    seq: u64,
    time: Timestamp,
    actor: Actor,
    kind: String,
    class: Classification,
    body: String,
}

impl Envelope {
    /// The envelope of `event`, appended at `seq` at `time` by `actor`.
    ///
    /// # Errors
    /// A `seq` beyond 2^53 - 1, or an event whose body has no canonical form.
    pub fn new(
        seq: LogIndex,
        time: Timestamp,
        actor: Actor,
        event: &Event,
    ) -> Result<Self, EnvelopeError> {
        let body = event.body_bytes()?;
        Self::with_body_hash(seq, time, actor, event, body_hash(&body))
    }

    fn with_body_hash(
        seq: LogIndex,
        time: Timestamp,
        actor: Actor,
        event: &Event,
        body: Hash,
    ) -> Result<Self, EnvelopeError> {
        if seq.0 > MAX_SEQ {
            return Err(EnvelopeError::SeqTooLarge(seq.0));
        }
        Ok(Self {
            seq,
            time,
            actor,
            kind: event.kind(),
            class: event.classification(),
            body,
        })
    }

    /// The log entry: the envelope's canonical JSON (RFC 8785), below 64 KiB.
    pub fn to_canonical_json(&self) -> Vec<u8> {
        // Every field is a number or a string of ASCII letters, digits and `.:_-`, so nothing
        // needs escaping, and the keys are written in sorted order.
        format!(
            r#"{{"actor":"{}","body":"sha256:{}","class":"{}","kind":"{}","seq":{},"time":"{}","v":{ENVELOPE_VERSION}}}"#,
            self.actor,
            self.body.to_hex(),
            self.class,
            self.kind,
            self.seq,
            self.time
        )
        .into_bytes()
    }

    /// Parses a log entry; it must be exactly the canonical JSON of a version-1 envelope.
    ///
    /// # Errors
    /// Bytes that are not canonical JSON, or not an envelope.
    pub fn parse(entry: &[u8]) -> Result<Self, EnvelopeError> {
        // Read the fields straight into their types, then require the entry to be exactly the
        // canonical form they write (no whitespace, sorted keys, no escapes): one pass each way,
        // with no intermediate JSON tree.
        let repr: EnvelopeRepr = serde_json::from_slice(entry).map_err(|e| {
            if e.is_syntax() || e.is_eof() {
                EnvelopeError::Canonical(CanonicalError::Syntax(e.to_string()))
            } else {
                EnvelopeError::Schema(e.to_string())
            }
        })?;
        if repr.v != ENVELOPE_VERSION {
            return Err(EnvelopeError::Version(repr.v));
        }
        let kind = EVENT_KINDS
            .iter()
            .copied()
            .find(|k| *k == repr.kind)
            .ok_or_else(|| EventError::UnknownKind(repr.kind.chars().take(64).collect()))?;
        let body = repr
            .body
            .strip_prefix("sha256:")
            .filter(|hex| {
                hex.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            })
            .and_then(|hex| Hash::from_hex(hex).ok())
            .ok_or_else(|| {
                EnvelopeError::Schema("body must be sha256: and 64 lowercase hex digits".into())
            })?;
        if repr.seq > MAX_SEQ {
            return Err(EnvelopeError::SeqTooLarge(repr.seq));
        }
        let envelope = Self {
            seq: LogIndex(repr.seq),
            time: repr.time,
            actor: repr.actor,
            kind,
            class: repr.class,
            body,
        };
        if envelope.to_canonical_json() != entry {
            return Err(EnvelopeError::Canonical(CanonicalError::NotCanonical));
        }
        Ok(envelope)
    }

    /// Checks a stored body against this envelope and rebuilds its event: the hash, the kind's
    /// schema and the classification must all agree.
    ///
    /// # Errors
    /// The first disagreement found.
    pub fn open(&self, body: &[u8]) -> Result<Event, EnvelopeError> {
        let actual = body_hash(body);
        if actual != self.body {
            return Err(EnvelopeError::BodyHash {
                expected: self.body.to_hex(),
                actual: actual.to_hex(),
            });
        }
        // The body hashes to what this envelope names, and only canonical bodies were ever
        // hashed into envelopes, so it is canonical: decode it without checking that again.
        let event = Event::from_hashed_body(self.kind, body)?;
        if event.classification() != self.class {
            return Err(EnvelopeError::Classification {
                envelope: self.class,
                event: event.classification(),
            });
        }
        Ok(event)
    }

    /// The entry's index in the log.
    pub fn seq(&self) -> LogIndex {
        self.seq
    }

    /// When the event was appended.
    pub fn time(&self) -> Timestamp {
        self.time
    }

    /// Who caused it.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The event's kind.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The event's classification.
    pub fn classification(&self) -> Classification {
        self.class
    }

    /// The SHA-256 of the body.
    pub fn body_hash(&self) -> Hash {
        self.body
    }
}

/// Everything the store appends for one event: the envelope, the entry bytes (the leaf of the
/// Merkle tree) and the body bytes (kept apart, keyed by [`Envelope::body_hash`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The envelope.
    pub envelope: Envelope,
    /// Its canonical JSON: the log entry.
    pub entry: Vec<u8>,
    /// The event's body in canonical JSON.
    pub body: Vec<u8>,
}

impl Sealed {
    /// Seals `event` for appending at `seq`, computing its body once.
    ///
    /// # Errors
    /// As [`Envelope::new`].
    pub fn new(
        seq: LogIndex,
        time: Timestamp,
        actor: Actor,
        event: &Event,
    ) -> Result<Self, EnvelopeError> {
        let body = event.body_bytes()?;
        let envelope = Envelope::with_body_hash(seq, time, actor, event, body_hash(&body))?;
        Ok(Self {
            entry: envelope.to_canonical_json(),
            envelope,
            body,
        })
    }
}
