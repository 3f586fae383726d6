//! Offline verification: a checkpoint under a trust policy, one entry with its proof (C2SP
//! tlog-proof), or a whole log exported as tiles and entry bundles.
//!
//! Every function answers either with what it verified or with the first check that failed.

use std::cell::RefCell;
use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::bundle::{BundleError, decode_bundle};
use crate::checkpoint::{Checkpoint, CheckpointError};
use crate::hash::{HASH_SIZE, Hash, leaf_hash};
use crate::keys::{KeyName, VerifierKey};
use crate::note::{Note, NoteError, VerifyError};
use crate::path::TilePath;
use crate::store::{MemoryTileStore, TileStore};
use crate::tile::{TILE_WIDTH, Tile, TileId};
use crate::tree::Tree;
use crate::verify_proof::{ProofError, verify_inclusion};

/// Whose signatures make a checkpoint trusted: the log's key, always, and at least
/// `witnesses_required` of the witnesses' keys.
#[derive(Debug, Clone)]
pub struct TrustPolicy {
    /// The log's key (type 0x01).
    pub log_key: VerifierKey,
    /// The witnesses' cosigning keys (type 0x04).
    pub witnesses: Vec<VerifierKey>,
    /// How many of them must have cosigned.
    pub witnesses_required: usize,
}

/// The first check that failed.
#[derive(Debug, thiserror::Error)]
pub enum OfflineError {
    /// The checkpoint is not a signed note.
    #[error("the checkpoint is not a valid signed note: {0}")]
    Note(#[from] NoteError),
    /// The checkpoint's signatures do not satisfy the policy.
    #[error("the checkpoint's signatures: {0}")]
    Signature(#[from] VerifyError),
    /// The log's key did not sign the checkpoint.
    #[error("the checkpoint carries no valid signature by the log key {0}")]
    NoLogSignature(KeyName),
    /// Too few witnesses cosigned.
    #[error(
        "{valid} of the trusted witnesses cosigned the checkpoint; the policy requires {required}"
    )]
    TooFewWitnesses {
        /// Valid cosignatures by trusted witnesses.
        valid: usize,
        /// Required.
        required: usize,
    },
    /// The note's text is not a checkpoint.
    #[error("the signed note is not a checkpoint: {0}")]
    Checkpoint(#[from] CheckpointError),
    /// A tlog-proof file is malformed.
    #[error("the proof file is malformed at line {line}: {reason}")]
    ProofFormat {
        /// The line (1-based).
        line: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// The entry is not in the tree the checkpoint names.
    #[error("entry {index} is not proven included: {source}")]
    NotIncluded {
        /// The entry's index.
        index: u64,
        /// Why the proof failed.
        source: ProofError,
    },
    /// A tile or bundle could not be read.
    #[error("{path} could not be read: {reason}")]
    Read {
        /// The tile path.
        path: String,
        /// The reader's error.
        reason: String,
    },
    /// A tile or bundle the checkpoint needs is missing.
    #[error("{0} is missing")]
    Missing(String),
    /// An entry bundle is malformed or too short.
    #[error("{path}: {source}")]
    Bundle {
        /// The bundle's path.
        path: String,
        /// What is wrong.
        source: BundleError,
    },
    /// An entry bundle holds fewer entries than the checkpoint's size needs.
    #[error(
        "entries from {first_missing} are missing: {path} holds {got} entries; the checkpoint needs {want}"
    )]
    ShortBundle {
        /// The index of the first missing entry.
        first_missing: u64,
        /// The bundle's path.
        path: String,
        /// Entries in it.
        got: usize,
        /// Entries needed.
        want: usize,
    },
    /// A stored tile differs from the one the entries give.
    #[error(
        "{path} does not match the entries from entry {first_entry} (its hash {index} at that level differs)"
    )]
    TileMismatch {
        /// The tile's path.
        path: String,
        /// The index (at the tile's level) of the first differing hash.
        index: u64,
        /// The first entry under that hash.
        first_entry: u64,
    },

    /// The caller's check of an entry (its format, its body) refused it.
    #[error("entry {index}: {reason}")]
    EntryRefused {
        /// The entry's index.
        index: u64,
        /// Why the caller refused it.
        reason: String,
    },
    /// The entries give another root than the checkpoint's.
    #[error("the entries give root {computed}, the checkpoint says {expected}")]
    RootMismatch {
        /// The root computed from the entries.
        computed: Hash,
        /// The checkpoint's root.
        expected: Hash,
    },
}

/// A checkpoint whose signatures satisfied a [`TrustPolicy`].
#[derive(Debug, Clone)]
pub struct TrustedCheckpoint {
    /// The checkpoint.
    pub checkpoint: Checkpoint,
    /// The names of the witnesses whose cosignatures verified.
    pub witnesses: Vec<KeyName>,
}

/// Opens a signed checkpoint: the log's signature is required, and enough trusted witnesses'
/// cosignatures. A signature line from a trusted key that does not verify fails the checkpoint.
pub fn open_checkpoint(
    note: &[u8],
    policy: &TrustPolicy,
) -> Result<TrustedCheckpoint, OfflineError> {
    let note = Note::parse(note)?;
    let mut keys = Vec::with_capacity(1 + policy.witnesses.len());
    keys.push(policy.log_key.clone());
    // Each key counts once, however often the policy names it.
    for w in &policy.witnesses {
        if !keys.contains(w) {
            keys.push(w.clone());
        }
    }
    let verified = note.verify(&keys).map_err(|e| match e {
        VerifyError::NoVerifiableSignatures => {
            OfflineError::NoLogSignature(policy.log_key.name().clone())
        }
        other => OfflineError::Signature(other),
    })?;
    if !verified.keys.iter().any(|k| **k == policy.log_key) {
        return Err(OfflineError::NoLogSignature(policy.log_key.name().clone()));
    }
    let witnesses: Vec<KeyName> = verified
        .keys
        .iter()
        .filter(|k| ***k != policy.log_key)
        .map(|k| k.name().clone())
        .collect();
    if witnesses.len() < policy.witnesses_required {
        return Err(OfflineError::TooFewWitnesses {
            valid: witnesses.len(),
            required: policy.witnesses_required,
        });
    }
    let checkpoint = Checkpoint::parse(note.text())?;
    Ok(TrustedCheckpoint {
        checkpoint,
        witnesses,
    })
}

/// A C2SP tlog-proof: an entry's index, its inclusion proof and the signed checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlogProof {
    /// Optional application data (`extra` line).
    pub extra: Option<Vec<u8>>,
    /// The entry's index.
    pub index: u64,
    /// The inclusion proof, from the leaf up.
    pub hashes: Vec<Hash>,
    /// The signed checkpoint note, as it was given.
    pub checkpoint: Vec<u8>,
}

const TLOG_PROOF_HEADER: &str = "c2sp.org/tlog-proof@v1";

impl TlogProof {
    /// Parses the text form.
    pub fn parse(bytes: &[u8]) -> Result<Self, OfflineError> {
        let text = std::str::from_utf8(bytes).map_err(|_| OfflineError::ProofFormat {
            line: 1,
            reason: "not UTF-8",
        })?;
        let (head, checkpoint) = text.split_once("\n\n").ok_or(OfflineError::ProofFormat {
            line: 1,
            reason: "no blank line before the checkpoint",
        })?;
        let mut lines = head.split('\n').enumerate().map(|(i, l)| (i + 1, l));
        let bad = |line, reason| OfflineError::ProofFormat { line, reason };
        match lines.next() {
            Some((_, TLOG_PROOF_HEADER)) => {}
            _ => return Err(bad(1, "the first line must be c2sp.org/tlog-proof@v1")),
        }
        let (mut line, mut l) = lines.next().ok_or(bad(2, "no index line"))?;
        let mut extra = None;
        if let Some(data) = l.strip_prefix("extra ") {
            extra = Some(
                BASE64
                    .decode(data)
                    .map_err(|_| bad(line, "extra is not base64"))?,
            );
            (line, l) = lines.next().ok_or(bad(line + 1, "no index line"))?;
        }
        let index = l
            .strip_prefix("index ")
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .filter(|n| *n == "0" || !n.starts_with('0'))
            .and_then(|n| n.parse().ok())
            .ok_or(bad(line, "expected index <decimal>"))?;
        let hashes = lines
            .map(|(line, l)| Hash::from_base64(l).map_err(|_| bad(line, "not a base64 hash")))
            .collect::<Result<_, _>>()?;
        Ok(TlogProof {
            extra,
            index,
            hashes,
            checkpoint: checkpoint.as_bytes().to_vec(),
        })
    }

    /// The text form.
    pub fn to_text(&self) -> String {
        let mut out = format!("{TLOG_PROOF_HEADER}\n");
        if let Some(extra) = &self.extra {
            out.push_str(&format!("extra {}\n", BASE64.encode(extra)));
        }
        out.push_str(&format!("index {}\n", self.index));
        for h in &self.hashes {
            out.push_str(&h.to_base64());
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&String::from_utf8_lossy(&self.checkpoint));
        out
    }
}

/// Verifies that `entry` is in the log at `proof.index`, under a checkpoint the policy trusts.
pub fn verify_entry(
    entry: &[u8],
    proof: &TlogProof,
    policy: &TrustPolicy,
) -> Result<TrustedCheckpoint, OfflineError> {
    let trusted = open_checkpoint(&proof.checkpoint, policy)?;
    let cp = &trusted.checkpoint;
    verify_inclusion(
        proof.index,
        cp.size(),
        &leaf_hash(entry),
        &proof.hashes,
        cp.root(),
    )
    .map_err(|source| OfflineError::NotIncluded {
        index: proof.index,
        source,
    })?;
    Ok(trusted)
}

/// Where an exported log's tiles and bundles are read from.
pub trait TileSource {
    /// The bytes at a tile path, or `None` if there is nothing there.
    fn read(&self, path: &TilePath) -> Result<Option<Vec<u8>>, String>;
}

/// A directory laid out as the log serves it: `<dir>/tile/…`.
#[derive(Debug, Clone)]
pub struct DirSource(pub std::path::PathBuf);

impl DirSource {
    /// The file at `rel` under the directory (`checkpoint`, `bodies/<hex>`, …), or `None` if
    /// there is none.
    pub fn read_file(&self, rel: &str) -> Result<Option<Vec<u8>>, String> {
        match std::fs::read(self.0.join(rel)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }
}

impl TileSource for DirSource {
    fn read(&self, path: &TilePath) -> Result<Option<Vec<u8>>, String> {
        self.read_file(&path.to_string())
    }
}

/// The tiles of the tree of `size` leaves, read from a [`TileSource`] only when a proof asks for
/// them, each once, at the width it has at that size (or else the full tile, whose prefix it
/// is): a [`TileStore`] to build proofs against a served or exported log. Nothing read is
/// trusted: a proof built from it is only as good as its verification against signed roots.
/// It is read-only.
#[derive(Debug)]
pub struct SourceTiles<'a, S> {
    source: &'a S,
    size: u64,
    read: RefCell<HashMap<TileId, Tile>>,
}

impl<'a, S: TileSource> SourceTiles<'a, S> {
    /// The tiles of the tree of `size` leaves in `source`; nothing is read yet.
    pub fn new(source: &'a S, size: u64) -> Self {
        SourceTiles {
            source,
            size,
            read: RefCell::new(HashMap::new()),
        }
    }

    /// The tree size whose tiles these are.
    pub fn size(&self) -> u64 {
        self.size
    }
}

impl<S: TileSource> TileStore for SourceTiles<'_, S> {
    type Error = OfflineError;

    fn get_tile(&self, id: TileId) -> Result<Option<Tile>, OfflineError> {
        if let Some(tile) = self.read.borrow().get(&id) {
            return Ok(Some(tile.clone()));
        }
        let width = id.width_at(self.size);
        if width == 0 {
            return Ok(None);
        }
        let path = TilePath::hashes(id, width);
        let bytes = read_either(self.source, path, TilePath::hashes(id, TILE_WIDTH))?;
        let bad = |reason: String| OfflineError::Read {
            path: path.to_string(),
            reason,
        };
        let hashes = bytes.get(..width * HASH_SIZE).ok_or_else(|| {
            bad(format!(
                "it holds {} bytes, fewer than the {width} hashes of size {}",
                bytes.len(),
                self.size
            ))
        })?;
        let tile = Tile::from_bytes(id, hashes).map_err(|e| bad(e.to_string()))?;
        self.read.borrow_mut().insert(id, tile.clone());
        Ok(Some(tile))
    }

    fn put_tile(&mut self, tile: Tile) -> Result<(), OfflineError> {
        Err(OfflineError::Read {
            path: TilePath::hashes(tile.id(), tile.width()).to_string(),
            reason: "tiles read from a log are never written back".to_owned(),
        })
    }
}

/// What a whole-log verification checked.
#[derive(Debug)]
pub struct LogReport {
    /// The trusted checkpoint.
    pub checkpoint: TrustedCheckpoint,
    /// Entries read and hashed.
    pub entries: u64,
    /// Tiles compared with the ones recomputed from the entries.
    pub tiles: usize,
    /// The tree recomputed from the entries (to check older checkpoints against, say).
    pub tree: Tree<MemoryTileStore>,
}

/// Verifies a whole exported log against a checkpoint: every entry bundle up to the
/// checkpoint's size is read and hashed, every tile is recomputed and compared with the stored
/// one, and the root must be the checkpoint's. `on_entry` sees each entry with its index (to
/// check its format and body, say) and may refuse it with a reason.
pub fn verify_log(
    source: &impl TileSource,
    checkpoint: &[u8],
    policy: &TrustPolicy,
    mut on_entry: impl FnMut(u64, &[u8]) -> Result<(), String>,
) -> Result<LogReport, OfflineError> {
    let trusted = open_checkpoint(checkpoint, policy)?;
    let size = trusted.checkpoint.size();
    let mut tree = Tree::new(MemoryTileStore::new());
    let width = TILE_WIDTH as u64;
    for n in 0..size.div_ceil(width) {
        let want = usize::try_from((size - n * width).min(width)).expect("at most 256");
        let bytes = read_either(
            source,
            TilePath::entries(n, want),
            TilePath::entries(n, TILE_WIDTH),
        )?;
        let path = TilePath::entries(n, want).to_string();
        let entries = decode_bundle(&bytes).map_err(|source| OfflineError::Bundle {
            path: path.clone(),
            source,
        })?;
        if entries.len() < want {
            return Err(OfflineError::ShortBundle {
                first_missing: n * width + entries.len() as u64,
                path,
                got: entries.len(),
                want,
            });
        }
        for (i, e) in entries[..want].iter().enumerate() {
            let index = n * width + i as u64;
            on_entry(index, e).map_err(|reason| OfflineError::EntryRefused { index, reason })?;
        }
        tree.append(&entries[..want])
            .expect("bundled entries fit and the memory store takes tiles in order");
    }
    let mut tiles = 0;
    for tile in tree.store().tiles() {
        let path = TilePath::hashes(tile.id(), tile.width());
        let full = TilePath::hashes(tile.id(), TILE_WIDTH);
        let stored = read_either(source, path, full)?;
        let expected = tile.to_bytes(tile.width());
        if stored.get(..expected.len()) != Some(&expected[..]) {
            let first = expected
                .chunks(32)
                .zip(stored.chunks(32))
                .position(|(a, b)| a != b)
                .unwrap_or(stored.len() / 32);
            let index = tile.id().index * width + first as u64;
            return Err(OfflineError::TileMismatch {
                path: path.to_string(),
                index,
                first_entry: index << (8 * u32::from(tile.id().level)),
            });
        }
        tiles += 1;
    }
    let computed = tree.root();
    if computed != *trusted.checkpoint.root() {
        return Err(OfflineError::RootMismatch {
            computed,
            expected: *trusted.checkpoint.root(),
        });
    }
    Ok(LogReport {
        checkpoint: trusted,
        entries: size,
        tiles,
        tree,
    })
}

/// Reads the exact (possibly partial) path, or else the full tile whose prefix it is.
fn read_either(
    source: &impl TileSource,
    exact: TilePath,
    full: TilePath,
) -> Result<Vec<u8>, OfflineError> {
    for path in [exact, full] {
        match source.read(&path) {
            Ok(Some(bytes)) => return Ok(bytes),
            Ok(None) => {}
            Err(reason) => {
                return Err(OfflineError::Read {
                    path: path.to_string(),
                    reason,
                });
            }
        }
    }
    Err(OfflineError::Missing(exact.to_string()))
}
