//! The C2SP tlog-witness add-checkpoint request, as Accord uses it: a member state's witness
//! sends the log server the checkpoint it cosigned, and the server checks it.
//!
//! The body is the tlog-witness one:
//!
//! ```text
//! old <size the witness cosigned before, decimal>
//! <consistency proof hash, base64>      (0 to 63 lines)
//! <blank line>
//! <the signed checkpoint note>
//! ```
//!
//! In tlog-witness the log sends this to the witness. In Accord the direction is reversed: the
//! witness fetches the checkpoint, checks it, and POSTs the body to the log server, and the
//! note it sends carries the log's signature and the witness's own `cosignature/v1` line. The
//! server keeps the cosignatures of the witnesses it is configured with
//! ([`accept_cosignatures`]) and checks the proof against its own tree
//! ([`AddCheckpointRequest::check_proof`]).

use std::fmt::Write as _;

use crate::checkpoint::{Checkpoint, OpenError, SignedCheckpoint, parse_size};
use crate::cosignature::{Cosignature, CosignatureError};
use crate::hash::Hash;
use crate::keys::{KeyName, VerifierKey};
use crate::note::MAX_NOTE_SIZE;
use crate::verify_proof::{ProofError, verify_consistency};

/// Where the log server takes add-checkpoint requests, relative to the base URL its log is
/// served under (`https://accord.example/log` → `https://accord.example/log/witness/add-checkpoint`).
pub const ADD_CHECKPOINT_PATH: &str = "witness/add-checkpoint";

/// The most consistency proof lines a request may carry (a proof in a tree of 2^64 leaves has
/// fewer; tlog-witness sets the same limit).
pub const MAX_PROOF_LINES: usize = 63;

/// The largest request body accepted, in bytes: a note of [`MAX_NOTE_SIZE`] and 4 KiB for the
/// `old` line and the proof (63 lines of 45 bytes). A server can refuse a longer body unread.
pub const MAX_REQUEST_SIZE: usize = MAX_NOTE_SIZE + 4096;

/// Why a request body is not an add-checkpoint request. Lines are numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// The body is larger than [`MAX_REQUEST_SIZE`].
    #[error("the request is {size} bytes, more than the limit of {MAX_REQUEST_SIZE}")]
    TooLarge {
        /// The body's size in bytes.
        size: usize,
    },
    /// The body is not UTF-8.
    #[error("line {line} is not valid UTF-8")]
    NotUtf8 {
        /// The line holding the first invalid byte.
        line: usize,
    },
    /// The first line is not `old <decimal>`.
    #[error("line 1 must be \"old <size>\" (decimal, no leading zeros), not {0:?}")]
    BadOldLine(String),
    /// A line between the `old` line and the blank line is not a base64 hash.
    #[error("line {line} is not a base64 SHA-256 hash (a consistency proof line): {text:?}")]
    BadProofLine {
        /// The line.
        line: usize,
        /// Its text.
        text: String,
    },
    /// More than [`MAX_PROOF_LINES`] proof lines.
    #[error("the request has {0} consistency proof lines, more than {MAX_PROOF_LINES}")]
    TooManyProofLines(usize),
    /// No blank line ends the proof.
    #[error("no blank line separates the old size and proof from the checkpoint")]
    NoBlankLine,
    /// Nothing follows the blank line.
    #[error("the checkpoint note after the blank line (line {line}) is empty")]
    NoNote {
        /// The blank line.
        line: usize,
    },
    /// The checkpoint note is larger than [`MAX_NOTE_SIZE`].
    #[error("the checkpoint note is {size} bytes, more than the limit of {MAX_NOTE_SIZE}")]
    NoteTooLarge {
        /// The note's size in bytes.
        size: usize,
    },
}

/// An add-checkpoint request: the size the witness cosigned before, the consistency proof from
/// it to the checkpoint, and the signed checkpoint note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddCheckpointRequest {
    /// The size of the checkpoint the witness cosigned before (0 if none).
    pub old: u64,
    /// The consistency proof from `old` to the checkpoint's size (empty from 0, or between
    /// equal sizes).
    pub proof: Vec<Hash>,
    /// The signed checkpoint note: the log's signature and the witness's cosignature.
    pub note: String,
}

impl AddCheckpointRequest {
    /// Parses a request body strictly; errors name the line.
    pub fn parse(body: &[u8]) -> Result<Self, WireError> {
        if body.len() > MAX_REQUEST_SIZE {
            return Err(WireError::TooLarge { size: body.len() });
        }
        let text = std::str::from_utf8(body).map_err(|e| {
            let before = &body[..e.valid_up_to()];
            WireError::NotUtf8 {
                line: 1 + before.iter().filter(|b| **b == b'\n').count(),
            }
        })?;
        let (head, note) = text.split_once("\n\n").ok_or(WireError::NoBlankLine)?;
        let mut lines = head.split('\n');
        let first = lines.next().unwrap_or_default();
        let old = first
            .strip_prefix("old ")
            .and_then(|n| parse_size(n).ok())
            .ok_or_else(|| WireError::BadOldLine(first.to_owned()))?;
        let mut proof = Vec::new();
        for (i, line) in lines.enumerate() {
            if i == MAX_PROOF_LINES {
                let count = head.split('\n').count() - 1;
                return Err(WireError::TooManyProofLines(count));
            }
            let hash = Hash::from_base64(line).map_err(|_| WireError::BadProofLine {
                line: i + 2,
                text: line.to_owned(),
            })?;
            proof.push(hash);
        }
        if note.is_empty() {
            return Err(WireError::NoNote {
                line: proof.len() + 2,
            });
        }
        if note.len() > MAX_NOTE_SIZE {
            return Err(WireError::NoteTooLarge { size: note.len() });
        }
        Ok(AddCheckpointRequest {
            old,
            proof,
            note: note.to_owned(),
        })
    }

    /// The request body.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!("old {}\n", self.old);
        for hash in &self.proof {
            let _ = writeln!(out, "{}", hash.to_base64());
        }
        out.push('\n');
        out.push_str(&self.note);
        out.into_bytes()
    }

    /// Checks the request's consistency proof from `old` to `checkpoint` (the one
    /// [`accept_cosignatures`] opened), given the log's own root at size `old`. From size 0 the
    /// proof must be empty and `old_root` is not used.
    pub fn check_proof(&self, checkpoint: &Checkpoint, old_root: &Hash) -> Result<(), AcceptError> {
        if self.old == 0 {
            return match self.proof.len() {
                0 => Ok(()),
                got => Err(AcceptError::Inconsistent(ProofError::WrongLength {
                    got,
                    want: 0,
                })),
            };
        }
        let size = checkpoint.size();
        verify_consistency(self.old, size, old_root, checkpoint.root(), &self.proof)
            .map_err(AcceptError::Inconsistent)
    }
}

/// Why the log server does not take a witness's cosigned checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AcceptError {
    /// The request body is malformed.
    #[error("malformed request: {0}")]
    Wire(#[from] WireError),
    /// The note is malformed ([`OpenError::Note`]), not validly signed by the log's key
    /// ([`OpenError::Signature`]), or its text is not a checkpoint ([`OpenError::Checkpoint`]).
    #[error("the checkpoint note: {0}")]
    Checkpoint(#[from] OpenError),
    /// No signature line is from a configured witness key.
    #[error(
        "the checkpoint carries no cosignature by a configured witness (its other signatures \
         are by: {})",
        if signers.is_empty() { "nobody".to_owned() } else { signers.join(", ") }
    )]
    UnknownWitness {
        /// `name+keyid` of each signature line that is neither the log's nor a configured
        /// witness's.
        signers: Vec<String>,
    },
    /// A line from a configured witness key is not a valid cosignature of the checkpoint.
    #[error("the cosignature by witness {witness} is invalid: {error}")]
    BadCosignature {
        /// The witness key's name.
        witness: KeyName,
        /// What is wrong with it.
        error: CosignatureError,
    },
    /// A configured witness cosigned twice in one note.
    #[error("witness {0} cosigned the checkpoint more than once")]
    DuplicateCosignature(KeyName),
    /// The consistency proof does not verify against the log's own tree, or the old size is
    /// larger than the checkpoint's ([`ProofError::SizesReversed`]).
    #[error("the consistency proof does not verify: {0}")]
    Inconsistent(ProofError),
}

impl AcceptError {
    /// The HTTP status the server answers with: 403 for a witness it is not configured with,
    /// 422 for a proof that does not verify (as tlog-witness), 400 for everything else (an old
    /// size beyond the checkpoint's included, as tlog-witness).
    pub fn http_status(&self) -> u16 {
        match self {
            AcceptError::UnknownWitness { .. } => 403,
            AcceptError::Inconsistent(ProofError::SizesReversed { .. }) => 400,
            AcceptError::Inconsistent(_) => 422,
            _ => 400,
        }
    }
}

/// The server's check of a witness's request: the note must be signed by `log_key` and carry a
/// valid `cosignature/v1` by at least one of `witnesses`; every line from a configured witness
/// must verify, and each may cosign once. Lines from other keys are ignored. Returns the
/// checkpoint and the configured witnesses' cosignatures, in the note's order.
///
/// The consistency proof is checked apart, with [`AddCheckpointRequest::check_proof`], because
/// it needs the log's root at the request's old size.
pub fn accept_cosignatures(
    request: &AddCheckpointRequest,
    log_key: &VerifierKey,
    witnesses: &[VerifierKey],
) -> Result<(SignedCheckpoint, Vec<Cosignature>), AcceptError> {
    let signed = SignedCheckpoint::open(request.note.as_bytes(), log_key)?;
    let mut cosignatures: Vec<Cosignature> = Vec::new();
    let mut signers = Vec::new();
    for line in signed.note().signatures() {
        if line.is_from(log_key) {
            continue;
        }
        let Some(witness) = witnesses.iter().find(|w| line.is_from(w)) else {
            signers.push(format!("{}+{}", line.name(), line.key_id()));
            continue;
        };
        let bad = |error| AcceptError::BadCosignature {
            witness: witness.name().clone(),
            error,
        };
        let cosignature = Cosignature::from_note_signature(line).map_err(bad)?;
        cosignature
            .verify(witness, signed.checkpoint())
            .map_err(bad)?;
        if cosignatures
            .iter()
            .any(|c| c.key_id() == cosignature.key_id())
        {
            return Err(AcceptError::DuplicateCosignature(witness.name().clone()));
        }
        cosignatures.push(cosignature);
    }
    if cosignatures.is_empty() {
        return Err(AcceptError::UnknownWitness { signers });
    }
    Ok((signed, cosignatures))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;
    use crate::keys::{KeyType, SignerKey};
    use crate::note::{Note, VerifyError};
    use crate::store::MemoryTileStore;
    use crate::tree::Tree;

    const ORIGIN: &str = "treaty.example/log";

    fn signer(name: &str, kind: KeyType, seed: u8) -> SignerKey {
        SignerKey::from_seed(KeyName::new(name).unwrap(), kind, &[seed; 32])
    }

    fn log_key() -> SignerKey {
        signer(ORIGIN, KeyType::Ed25519, 1)
    }

    fn witness_key(name: &str, seed: u8) -> SignerKey {
        signer(name, KeyType::CosignatureV1, seed)
    }

    fn tree(size: usize) -> Tree<MemoryTileStore> {
        let mut tree = Tree::new(MemoryTileStore::new());
        let entries: Vec<String> = (0..size).map(|i| format!("entry {i}")).collect();
        tree.append(&entries).unwrap();
        tree
    }

    /// The log's note for the tree's current size, cosigned by `witnesses` at time 1000.
    fn cosigned(tree: &Tree<MemoryTileStore>, witnesses: &[&SignerKey]) -> (Checkpoint, String) {
        let checkpoint = Checkpoint::new(ORIGIN, tree.size(), tree.root()).unwrap();
        let mut note = checkpoint.sign(&log_key()).unwrap();
        for w in witnesses {
            let cosignature = Cosignature::sign(w, &checkpoint, 1000).unwrap();
            note.add_signature(cosignature.to_note_signature()).unwrap();
        }
        (checkpoint, note.to_string())
    }

    fn request_for(old: u64, new: &Tree<MemoryTileStore>, note: String) -> AddCheckpointRequest {
        let proof = if old == 0 {
            vec![]
        } else {
            new.consistency_proof(old, new.size()).unwrap()
        };
        AddCheckpointRequest { old, proof, note }
    }

    #[test]
    fn a_request_round_trips_through_its_bytes() {
        let t = tree(13);
        let (_, note) = cosigned(&t, &[&witness_key("witness.a.example", 2)]);
        let request = request_for(5, &t, note.clone());
        assert!(!request.proof.is_empty());
        let bytes = request.to_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("old 5\n"), "{text}");
        assert!(text.ends_with(&format!("\n\n{note}")), "{text}");
        assert_eq!(AddCheckpointRequest::parse(&bytes).unwrap(), request);

        let first = request_for(0, &t, note);
        assert!(first.to_bytes().starts_with(b"old 0\n\n"));
        assert_eq!(
            AddCheckpointRequest::parse(&first.to_bytes()).unwrap(),
            first
        );
    }

    #[test]
    fn each_malformed_body_is_refused_naming_the_line() {
        let note = cosigned(&tree(3), &[]).1;
        let hash = leaf_hash(b"x").to_base64();
        let parse = |body: String| AddCheckpointRequest::parse(body.as_bytes()).unwrap_err();
        for bad_old in [
            "old 05",
            "old -1",
            "old",
            "new 5",
            "old 5 ",
            "old 18446744073709551616",
        ] {
            assert_eq!(
                parse(format!("{bad_old}\n\n{note}")),
                WireError::BadOldLine(bad_old.to_owned())
            );
        }
        assert_eq!(
            parse(format!("old 2\n{hash}\nnot-a-hash\n\n{note}")),
            WireError::BadProofLine {
                line: 3,
                text: "not-a-hash".to_owned()
            }
        );
        let short = &hash[..40];
        assert!(matches!(
            parse(format!("old 2\n{short}\n\n{note}")),
            WireError::BadProofLine { line: 2, .. }
        ));
        let lines = format!("{hash}\n").repeat(MAX_PROOF_LINES);
        assert!(AddCheckpointRequest::parse(format!("old 2\n{lines}\n{note}").as_bytes()).is_ok());
        let lines = format!("{hash}\n").repeat(MAX_PROOF_LINES + 1);
        assert_eq!(
            parse(format!("old 2\n{lines}\n{note}")),
            WireError::TooManyProofLines(64)
        );
        assert_eq!(parse("old 2\n".to_owned()), WireError::NoBlankLine);
        assert_eq!(
            parse(format!("old 2\n{hash}\n\n")),
            WireError::NoNote { line: 3 }
        );
        let mut body = format!("old 2\n{hash}\n\n").into_bytes();
        body.extend_from_slice(b"origin\n\xff\n");
        assert_eq!(
            AddCheckpointRequest::parse(&body),
            Err(WireError::NotUtf8 { line: 5 })
        );
        let huge = format!("old 0\n\n{}", "a".repeat(MAX_NOTE_SIZE + 1));
        assert_eq!(
            parse(huge),
            WireError::NoteTooLarge {
                size: MAX_NOTE_SIZE + 1
            }
        );
        let larger = vec![b'a'; MAX_REQUEST_SIZE + 1];
        assert_eq!(
            AddCheckpointRequest::parse(&larger),
            Err(WireError::TooLarge {
                size: MAX_REQUEST_SIZE + 1
            })
        );
    }

    #[test]
    fn the_server_takes_the_configured_witnesses_cosignatures_and_the_proof() {
        let (a, b) = (
            witness_key("witness.a.example", 2),
            witness_key("witness.b.example", 3),
        );
        let stranger = witness_key("witness.z.example", 4);
        let t = tree(300);
        let (checkpoint, note) = cosigned(&t, &[&stranger, &a, &b]);
        let request = AddCheckpointRequest::parse(&request_for(257, &t, note).to_bytes()).unwrap();
        let witnesses = [a.verifier().clone(), b.verifier().clone()];
        let (signed, cosignatures) =
            accept_cosignatures(&request, log_key().verifier(), &witnesses).unwrap();
        assert_eq!(signed.checkpoint(), &checkpoint);
        let names: Vec<&str> = cosignatures.iter().map(|c| c.name().as_str()).collect();
        assert_eq!(names, ["witness.a.example", "witness.b.example"]);
        assert!(cosignatures.iter().all(|c| c.timestamp() == 1000));
        request
            .check_proof(signed.checkpoint(), &t.root_at(257).unwrap())
            .unwrap();
        // Against another old root, or with the proof cut, it does not verify (422).
        let wrong = request
            .check_proof(signed.checkpoint(), &t.root_at(256).unwrap())
            .unwrap_err();
        assert!(matches!(wrong, AcceptError::Inconsistent(_)), "{wrong}");
        assert_eq!(wrong.http_status(), 422);
        let mut cut = request.clone();
        cut.proof.pop();
        assert!(matches!(
            cut.check_proof(signed.checkpoint(), &t.root_at(257).unwrap()),
            Err(AcceptError::Inconsistent(ProofError::WrongLength { .. }))
        ));
        // From size 0 the proof must be empty; an old size beyond the checkpoint is refused.
        let first = AddCheckpointRequest {
            old: 0,
            ..request.clone()
        };
        assert!(matches!(
            first.check_proof(signed.checkpoint(), &t.root_at(257).unwrap()),
            Err(AcceptError::Inconsistent(ProofError::WrongLength {
                want: 0,
                ..
            }))
        ));
        let first = AddCheckpointRequest {
            proof: vec![],
            ..first
        };
        first
            .check_proof(signed.checkpoint(), &Hash::default())
            .unwrap();
        let beyond = AddCheckpointRequest {
            old: 301,
            ..request
        };
        let err = beyond
            .check_proof(signed.checkpoint(), &Hash::default())
            .unwrap_err();
        assert_eq!(
            err,
            AcceptError::Inconsistent(ProofError::SizesReversed { old: 301, new: 300 })
        );
        assert_eq!(err.http_status(), 400);
    }

    #[test]
    fn a_note_without_a_configured_witness_is_refused_as_unknown() {
        let stranger = witness_key("witness.z.example", 4);
        let configured = [witness_key("witness.a.example", 2).verifier().clone()];
        let t = tree(3);
        for (note, signers) in [
            (
                cosigned(&t, &[&stranger]).1,
                vec![format!(
                    "witness.z.example+{}",
                    stranger.verifier().key_id()
                )],
            ),
            (cosigned(&t, &[]).1, vec![]),
        ] {
            let request = request_for(0, &t, note);
            let err = accept_cosignatures(&request, log_key().verifier(), &configured).unwrap_err();
            assert_eq!(err, AcceptError::UnknownWitness { signers });
            assert_eq!(err.http_status(), 403);
        }
        let err = AcceptError::UnknownWitness {
            signers: vec!["witness.z.example+01020304".to_owned()],
        };
        assert!(
            err.to_string().contains("by: witness.z.example+01020304"),
            "{err}"
        );
    }

    #[test]
    fn a_forged_cosignature_is_refused() {
        let a = witness_key("witness.a.example", 2);
        let configured = [a.verifier().clone()];
        let t = tree(3);
        let checkpoint = Checkpoint::new(ORIGIN, 3, t.root()).unwrap();
        // A line under witness A's name and key id whose signature is by another key.
        let impostor = SignerKey::from_seed(
            a.verifier().name().clone(),
            KeyType::CosignatureV1,
            &[9; 32],
        );
        let forged = Cosignature::sign(&impostor, &checkpoint, 1000)
            .unwrap()
            .to_note_signature();
        let forged = crate::note::NoteSignature::new(
            forged.name().clone(),
            a.verifier().key_id(),
            forged.signature().to_vec(),
        );
        let mut note = checkpoint.sign(&log_key()).unwrap();
        note.add_signature(forged).unwrap();
        let request = request_for(0, &t, note.to_string());
        let err = accept_cosignatures(&request, log_key().verifier(), &configured).unwrap_err();
        assert_eq!(
            err,
            AcceptError::BadCosignature {
                witness: a.verifier().name().clone(),
                error: CosignatureError::Invalid(a.verifier().name().clone())
            }
        );
        assert_eq!(err.http_status(), 400);

        // A cosignature of another checkpoint, moved onto this one.
        let other = Checkpoint::new(ORIGIN, 2, t.root_at(2).unwrap()).unwrap();
        let moved = Cosignature::sign(&a, &other, 1000).unwrap();
        let mut note = checkpoint.sign(&log_key()).unwrap();
        note.add_signature(moved.to_note_signature()).unwrap();
        let request = request_for(0, &t, note.to_string());
        assert!(matches!(
            accept_cosignatures(&request, log_key().verifier(), &configured),
            Err(AcceptError::BadCosignature { .. })
        ));

        // A line of the wrong length from the witness's key.
        let mut note = checkpoint.sign(&log_key()).unwrap();
        let short = crate::note::NoteSignature::new(
            a.verifier().name().clone(),
            a.verifier().key_id(),
            vec![0; 64],
        );
        note.add_signature(short).unwrap();
        let request = request_for(0, &t, note.to_string());
        assert!(matches!(
            accept_cosignatures(&request, log_key().verifier(), &configured),
            Err(AcceptError::BadCosignature {
                error: CosignatureError::WrongLength(64),
                ..
            })
        ));

        // The same witness twice.
        let (_, twice) = cosigned(&t, &[&a, &a]);
        let request = request_for(0, &t, twice);
        assert_eq!(
            accept_cosignatures(&request, log_key().verifier(), &configured),
            Err(AcceptError::DuplicateCosignature(
                a.verifier().name().clone()
            ))
        );
    }

    #[test]
    fn a_note_not_signed_by_the_log_is_refused() {
        let a = witness_key("witness.a.example", 2);
        let configured = [a.verifier().clone()];
        let t = tree(3);
        let (_, note) = cosigned(&t, &[&a]);
        let other_log = signer(ORIGIN, KeyType::Ed25519, 7);
        let request = request_for(0, &t, note);
        assert!(matches!(
            accept_cosignatures(&request, other_log.verifier(), &configured),
            Err(AcceptError::Checkpoint(OpenError::Signature(
                VerifyError::NoVerifiableSignatures
            )))
        ));
        // The log's line with the signature of other text.
        let checkpoint = Checkpoint::new(ORIGIN, 3, t.root()).unwrap();
        let mut tampered = Note::new(&format!("{ORIGIN}\n4\n{}\n", t.root().to_base64())).unwrap();
        let real = checkpoint.sign(&log_key()).unwrap();
        tampered
            .add_signature(real.signatures()[0].clone())
            .unwrap();
        let request = request_for(0, &t, tampered.to_string());
        let err = accept_cosignatures(&request, log_key().verifier(), &configured).unwrap_err();
        assert!(
            matches!(
                err,
                AcceptError::Checkpoint(OpenError::Signature(VerifyError::InvalidSignature { .. }))
            ),
            "{err}"
        );
        assert_eq!(err.http_status(), 400);
        let request = request_for(0, &t, "not a note\n".to_owned());
        assert!(matches!(
            accept_cosignatures(&request, log_key().verifier(), &configured),
            Err(AcceptError::Checkpoint(OpenError::Note(_)))
        ));
        let mut text = Note::new("hello\n").unwrap();
        text.sign(&log_key()).unwrap();
        let request = request_for(0, &t, text.to_string());
        assert!(matches!(
            accept_cosignatures(&request, log_key().verifier(), &configured),
            Err(AcceptError::Checkpoint(OpenError::Checkpoint(_)))
        ));
    }
}
