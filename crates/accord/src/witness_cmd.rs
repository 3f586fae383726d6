//! `accord witness`: a member state's witness of the organisation's log. A round fetches the
//! log's latest checkpoint, checks it against the last one this witness cosigned (with a
//! consistency proof built from the log's tiles), cosigns it, and submits the cosignature to the
//! log server: `POST <log>/witness/add-checkpoint` with the C2SP tlog-witness body
//! ([`AddCheckpointRequest`]). A log that forked is refused, and the evidence is written to a
//! file that anyone holding the log's key can check.
//!
//! The state is a JSON file, replaced atomically: the log's key, the origin, the last checkpoint
//! cosigned, and whether the log server has taken that cosignature. It is saved *before* the
//! cosignature leaves the witness: once a cosignature is out, the witness must never cosign a
//! checkpoint inconsistent with it, even if the server answered with an error or the witness
//! crashed. A cosignature the server did not take is submitted again in the next round.

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use accord_ledger::{
    ADD_CHECKPOINT_PATH, AddCheckpointRequest, Checkpoint, ForkEvidence, Note, SignedCheckpoint,
    SignerKey, SourceTiles, VerifierKey, Witness, WitnessError, WitnessState, consistency_proof,
    root_at,
};
use anyhow::{Context as _, Result, bail};
use clap::Args;
use serde::{Deserialize, Serialize};

use crate::out;
use crate::source::Source;
use crate::verify_cmd::read_key;

/// Arguments of `accord witness`.
#[derive(Debug, Args)]
pub(crate) struct WitnessArgs {
    /// The base URL the organisation serves its log under (`https://accord.example/log`).
    #[arg(long, value_name = "URL")]
    log: String,
    /// The witness's private key file (`accord keys --kind witness`).
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The witness's state file (JSON); the first round that cosigns creates it.
    #[arg(long, value_name = "FILE")]
    state: PathBuf,
    /// The organisation's log verifier key, or `@FILE` holding it. Needed until the state file
    /// records it.
    #[arg(long, value_name = "VKEY")]
    log_key: Option<String>,
    /// The log's origin, for a new state file (default: the log key's name, as `accord init`
    /// names it).
    #[arg(long)]
    origin: Option<String>,
    /// Where to write the evidence if the log forked (default: `fork-evidence-<unix time>.json`
    /// next to the state file).
    #[arg(long, value_name = "FILE")]
    fork_evidence: Option<PathBuf>,
    /// Run a round every SECS seconds until interrupted (default: one round, then exit).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    interval: Option<u64>,
}

/// What a round did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RoundOutcome {
    /// The witness cosigned the log's checkpoint and the log server took the cosignature.
    Cosigned {
        /// The log's origin.
        origin: String,
        /// The checkpoint's size.
        size: u64,
        /// Whether this checkpoint had been cosigned before, but the log server had not taken
        /// that cosignature.
        again: bool,
    },
    /// The log's checkpoint is the one last cosigned, and the log server has the cosignature.
    UpToDate {
        /// The checkpoint's size.
        size: u64,
    },
}

impl fmt::Display for RoundOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoundOutcome::Cosigned {
                origin,
                size,
                again,
            } => {
                write!(f, "cosigned {origin} at size {size}")?;
                if *again {
                    f.write_str(" (again: the log server had not taken the cosignature)")?;
                }
                Ok(())
            }
            RoundOutcome::UpToDate { size } => write!(f, "up to date at size {size}"),
        }
    }
}

/// Why a round did not end with the log server holding the witness's cosignature.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WitnessFailure {
    /// The log could not be read, or the consistency proof not built from its tiles.
    #[error("{0}")]
    Fetch(String),
    /// The witness refuses the log's checkpoint.
    #[error("the witness refuses the log's checkpoint: {0}")]
    Refused(WitnessError),
    /// The witness refuses the log's checkpoint and can prove the log forked.
    #[error("{reason}")]
    Fork {
        /// What the witness saw.
        reason: String,
        /// Evidence anyone holding the log's key can check ([`ForkEvidence::check`]).
        evidence: Box<ForkEvidence>,
    },
    /// The log server did not take the cosignature.
    #[error("the log server refused the cosignature: HTTP {status}: {reason}")]
    Rejected {
        /// The HTTP status.
        status: u16,
        /// The start of the response's body.
        reason: String,
    },
    /// The state file could not be written.
    #[error("{0}")]
    State(String),
}

/// A member state's witness as it runs: the ledger's [`Witness`], whether the log server has
/// taken its last cosignature, and the file that keeps both (none for a witness kept in
/// memory, as the demo's are).
#[derive(Debug)]
pub(crate) struct MemberWitness {
    witness: Witness,
    delivered: bool,
    state_file: Option<PathBuf>,
}

/// The state file's contents.
#[derive(Debug, Serialize, Deserialize)]
struct StateFile {
    /// The log's verifier key.
    log_key: String,
    #[serde(flatten)]
    witness: WitnessState,
    /// Whether the log server has taken the cosignature of `latest`.
    delivered: bool,
}

impl MemberWitness {
    /// A witness kept in memory only.
    pub(crate) fn new(witness: Witness) -> Self {
        MemberWitness {
            witness,
            delivered: true,
            state_file: None,
        }
    }

    /// The witness kept in `state_file`; when there is no such file yet, a new witness of the log
    /// signed by `log_key`, whose origin is `origin` (default: the log key's name).
    pub(crate) fn open(
        key: SignerKey,
        state_file: &Path,
        log_key: Option<VerifierKey>,
        origin: Option<&str>,
    ) -> Result<Self> {
        let shown = state_file.display();
        let bytes = match std::fs::read(state_file) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let log_key = log_key.with_context(|| {
                    format!("{shown} does not exist yet: give the log's key with --log-key")
                })?;
                let origin = origin.unwrap_or(log_key.name().as_str()).to_owned();
                let witness = Witness::new(key, log_key, &origin)?;
                return Ok(MemberWitness {
                    state_file: Some(state_file.to_path_buf()),
                    ..Self::new(witness)
                });
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {shown}")),
        };
        let saved: StateFile = serde_json::from_slice(&bytes)
            .with_context(|| format!("{shown} is not a witness state file"))?;
        let saved_key = VerifierKey::parse(&saved.log_key)
            .with_context(|| format!("{shown} holds no valid log key"))?;
        if let Some(given) = log_key.filter(|k| *k != saved_key) {
            bail!(
                "{shown} follows the log key {saved_key}, not {given}: a state file follows one \
                 log"
            );
        }
        if let Some(given) = origin.filter(|o| *o != saved.witness.origin) {
            bail!(
                "{shown} follows the origin {:?}, not {given:?}",
                saved.witness.origin
            );
        }
        let witness = Witness::from_state(key, saved_key, &saved.witness)
            .with_context(|| format!("{shown} cannot be used"))?;
        Ok(MemberWitness {
            witness,
            delivered: saved.delivered,
            state_file: Some(state_file.to_path_buf()),
        })
    }

    /// Writes the state file, if there is one.
    fn save(&self) -> Result<(), WitnessFailure> {
        let Some(path) = &self.state_file else {
            return Ok(());
        };
        let state = StateFile {
            log_key: self.witness.log_key().to_string(),
            witness: self.witness.state(),
            delivered: self.delivered,
        };
        let mut json = serde_json::to_vec_pretty(&state).expect("the state serialises");
        json.push(b'\n');
        write_atomically(path, &json).map_err(|e| {
            WitnessFailure::State(format!(
                "cannot save the witness state to {}: {e}",
                path.display()
            ))
        })
    }

    /// The witness's answer to a checkpoint it refused: evidence of a fork when the refusal (or
    /// the log's tiles) can prove one.
    fn refusal(
        &self,
        source: &Source,
        error: WitnessError,
        note: &str,
        size: u64,
    ) -> WitnessFailure {
        let log_key = self.witness.log_key();
        let latest = self.witness.state().latest;
        let latest_size = self.witness.latest().map_or(0, Checkpoint::size);
        let reason = match error {
            WitnessError::Fork { .. } => error.to_string(),
            _ => format!("the log forked: {error}"),
        };
        let evidence = match (&error, latest) {
            (WitnessError::Fork { evidence, .. }, _)
            | (
                WitnessError::Inconsistent {
                    evidence: Some(evidence),
                    ..
                },
                _,
            ) => Some((**evidence).clone()),
            (WitnessError::Inconsistent { evidence: None, .. }, Some(latest)) => {
                evidence_from_tiles(source, (&latest, latest_size), (note, size), log_key)
            }
            (WitnessError::SmallerThanSeen { .. }, Some(latest)) => {
                evidence_from_tiles(source, (note, size), (&latest, latest_size), log_key)
            }
            _ => None,
        };
        match evidence {
            Some(evidence) => WitnessFailure::Fork {
                reason,
                evidence: Box::new(evidence),
            },
            None => WitnessFailure::Refused(error),
        }
    }
}

/// Evidence that the tree the log's tiles give at the newer size does not extend the older
/// signed checkpoint (each given as its note and size); checked before it is returned. This
/// covers what the witness's own check cannot prove alone: an older size that is a power of two
/// (the proof then omits the older root) and a checkpoint smaller than one already cosigned.
fn evidence_from_tiles(
    source: &Source,
    (older, older_size): (&str, u64),
    (newer, newer_size): (&str, u64),
    log_key: &VerifierKey,
) -> Option<ForkEvidence> {
    if older_size == 0 || older_size >= newer_size {
        return None;
    }
    let tiles = SourceTiles::new(source, newer_size);
    let proof = consistency_proof(&tiles, older_size, newer_size).ok()?;
    let implied = root_at(&tiles, older_size).ok()?;
    ForkEvidence::inconsistent(older, newer, &proof, Some(implied), log_key).ok()
}

/// The served note with only the log's signature lines: the cosignatures the server appended
/// (other witnesses', or this witness's earlier one) are not the witness's to pass on. A note
/// without the log's signature is left whole, for the witness to refuse.
fn logs_note(served: &[u8], log_key: &VerifierKey) -> Result<String, WitnessFailure> {
    let malformed = |e| WitnessFailure::Refused(WitnessError::MalformedNote(e));
    let note = Note::parse(served).map_err(malformed)?;
    let mut only_log = Note::new(note.text()).map_err(malformed)?;
    for line in note.signatures().iter().filter(|l| l.is_from(log_key)) {
        only_log.add_signature(line.clone()).map_err(malformed)?;
    }
    if only_log.signatures().is_empty() {
        return Ok(String::from_utf8_lossy(served).into_owned());
    }
    Ok(only_log.to_string())
}

/// One round of the witness against the log served under `source` (an HTTP base URL), at time
/// `now` (Unix seconds): see the module's documentation. The demo runs one per member state, on
/// a blocking thread.
pub(crate) fn witness_round(
    source: &Source,
    member: &mut MemberWitness,
    now: u64,
) -> Result<RoundOutcome, WitnessFailure> {
    let served = source
        .get("checkpoint")
        .map_err(WitnessFailure::Fetch)?
        .ok_or_else(|| WitnessFailure::Fetch(format!("{} has no checkpoint", source.describe())))?;
    let log_key = member.witness.log_key();
    let note = logs_note(&served, log_key)?;
    let signed = SignedCheckpoint::open(note.as_bytes(), log_key)
        .map_err(|e| WitnessFailure::Refused(e.into()))?;
    let new = signed.checkpoint();
    let latest = member.witness.latest();
    let old = latest.map_or(0, Checkpoint::size);
    let seen = latest.is_some_and(|l| l.size() == new.size() && l.root() == new.root());
    if seen && member.delivered {
        return Ok(RoundOutcome::UpToDate { size: new.size() });
    }
    let proof = if 0 < old && old < new.size() {
        consistency_proof(&SourceTiles::new(source, new.size()), old, new.size()).map_err(|e| {
            WitnessFailure::Fetch(format!(
                "cannot build the consistency proof from size {old} to {} from the tiles of {}: \
                 {e}",
                new.size(),
                source.describe()
            ))
        })?
    } else {
        Vec::new()
    };
    // Cosign a copy; the witness moves on only once its state is saved.
    let mut next = member.witness.clone();
    let cosignature = next
        .add_checkpoint(old, &proof, note.as_bytes(), now)
        .map_err(|e| member.refusal(source, e, &note, new.size()))?;
    member.witness = next;
    member.delivered = false;
    member.save()?;
    let request = AddCheckpointRequest {
        old,
        proof,
        note: format!("{note}{}", cosignature.to_note_signature()),
    };
    let (status, body) = source
        .post(
            ADD_CHECKPOINT_PATH,
            "text/plain; charset=utf-8",
            &request.to_bytes(),
        )
        .map_err(WitnessFailure::Fetch)?;
    if status != 200 {
        let text = String::from_utf8_lossy(&body);
        return Err(WitnessFailure::Rejected {
            status,
            reason: text.trim().chars().take(300).collect(),
        });
    }
    member.delivered = true;
    member.save()?;
    Ok(RoundOutcome::Cosigned {
        origin: new.origin().to_owned(),
        size: new.size(),
        again: seen,
    })
}

pub(crate) fn run(args: &WitnessArgs) -> Result<()> {
    let source = Source::new(&args.log);
    if !matches!(source, Source::Http { .. }) {
        bail!(
            "--log must be the http:// or https:// URL the log is served under, not {:?}",
            args.log
        );
    }
    let shown = args.key.display();
    let key_text =
        std::fs::read_to_string(&args.key).with_context(|| format!("cannot read {shown}"))?;
    let key = SignerKey::parse(key_text.trim())
        .with_context(|| format!("{shown} is not a signer key"))?;
    let log_key = args.log_key.as_deref().map(read_key).transpose()?;
    let mut member = MemberWitness::open(key, &args.state, log_key, args.origin.as_deref())?;
    loop {
        match witness_round(&source, &mut member, unix_now()) {
            Ok(outcome) => out(&outcome.to_string()),
            Err(WitnessFailure::Fork { reason, evidence }) => {
                let file = args.fork_evidence.clone().unwrap_or_else(|| {
                    let name = format!("fork-evidence-{}.json", unix_now());
                    args.state.with_file_name(name)
                });
                let mut json = serde_json::to_vec_pretty(&evidence)?;
                json.push(b'\n');
                write_atomically(&file, &json).with_context(|| {
                    format!(
                        "{reason}; the fork evidence could not be written to {}",
                        file.display()
                    )
                })?;
                bail!("{reason}; the fork evidence is in {}", file.display());
            }
            // In a loop, the log or the network may come back; a refusal stands.
            Err(e @ (WitnessFailure::Fetch(_) | WitnessFailure::Rejected { .. }))
                if args.interval.is_some() =>
            {
                let _ = writeln!(std::io::stderr(), "error: {e}");
            }
            Err(e) => return Err(e.into()),
        }
        let Some(secs) = args.interval else {
            return Ok(());
        };
        std::thread::sleep(Duration::from_secs(secs));
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Replaces `path` with `bytes` all at once: a temporary file beside it, flushed to disk, then
/// renamed over it (and the directory flushed, on Unix).
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)?;
    #[cfg(unix)]
    {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        std::fs::File::open(dir.unwrap_or(Path::new(".")))?.sync_all()?;
    }
    Ok(())
}
