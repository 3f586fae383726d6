//! The real `accord witness` against a log served over HTTP by a small server that checks each
//! submission as the log server does: `accept_cosignatures` with its configured witnesses, then
//! the consistency proof against its own tiles. The logs are built with `accord-ledger`.

mod common;
mod dir_server;

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::{Arc, Mutex};

use accord_ledger::{
    AcceptError, AddCheckpointRequest, Checkpoint, Cosignature, DirSource, ForkEvidence, KeyName,
    KeyType, MemoryTileStore, Note, SignerKey, SourceTiles, TilePath, Tree, VerifierKey,
    accept_cosignatures, root_at,
};
use common::{accord, command, stderr, stdout};

const ORIGIN: &str = "treaty.test/log";

/// A log served from a directory: its tiles and its latest checkpoint. Logs of the same
/// `branch` hold the same entries; logs of different branches under one key are a fork.
struct Log {
    key: SignerKey,
    tree: Tree<MemoryTileStore>,
    branch: &'static str,
}

impl Log {
    fn new(branch: &'static str, size: u64) -> Self {
        let key = SignerKey::from_seed(KeyName::new(ORIGIN).unwrap(), KeyType::Ed25519, &[7; 32]);
        let mut log = Log {
            key,
            tree: Tree::new(MemoryTileStore::new()),
            branch,
        };
        log.grow_to(size);
        log
    }

    fn grow_to(&mut self, size: u64) {
        let entries: Vec<String> = (self.tree.size()..size)
            .map(|i| format!("{} entry {i}", self.branch))
            .collect();
        self.tree.append(&entries).unwrap();
    }

    fn verifier(&self) -> &VerifierKey {
        self.key.verifier()
    }

    /// Serves the tree at its size from `dir`: every tile, and the checkpoint signed by the
    /// log and followed by the cosignatures of `cosigners`, as a server appends them.
    fn publish(&self, dir: &Path, cosigners: &[&SignerKey]) {
        for tile in self.tree.store().tiles() {
            let path = dir.join(TilePath::hashes(tile.id(), tile.width()).to_string());
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, tile.to_bytes(tile.width())).unwrap();
        }
        let checkpoint = Checkpoint::new(ORIGIN, self.tree.size(), self.tree.root()).unwrap();
        let mut note = checkpoint.sign(&self.key).unwrap();
        for w in cosigners {
            let cosignature = Cosignature::sign(w, &checkpoint, 1_767_225_600).unwrap();
            note.add_signature(cosignature.to_note_signature()).unwrap();
        }
        // Replaced at once, as a witness polling in a loop may read it at any time.
        std::fs::write(dir.join("checkpoint.new"), note.to_string()).unwrap();
        std::fs::rename(dir.join("checkpoint.new"), dir.join("checkpoint")).unwrap();
    }
}

/// A log server on a random port serving `dir`, taking the cosignatures of `witnesses`.
struct LogServer {
    base: String,
    /// `METHOD path` of every request, in order.
    requests: Arc<Mutex<Vec<String>>>,
    /// The submissions it took.
    taken: Arc<Mutex<Vec<AddCheckpointRequest>>>,
}

impl LogServer {
    fn start(dir: &Path, log_key: &VerifierKey, witnesses: &[&str]) -> Self {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let taken = Arc::new(Mutex::new(Vec::new()));
        let witnesses: Vec<VerifierKey> = witnesses
            .iter()
            .map(|w| VerifierKey::parse(w).unwrap())
            .collect();
        let (log_key, dir_path) = (log_key.clone(), dir.to_path_buf());
        let (seen, kept) = (Arc::clone(&requests), Arc::clone(&taken));
        let base = dir_server::serve(
            dir.to_path_buf(),
            move |method, path, content_type, body| {
                seen.lock().unwrap().push(format!("{method} {path}"));
                if path != "/log/witness/add-checkpoint" {
                    return None;
                }
                if method != "POST" || !content_type.is_some_and(|c| c.starts_with("text/plain")) {
                    return Some((415, b"POST text/plain".to_vec()));
                }
                Some(match take(&dir_path, &log_key, &witnesses, body) {
                    Ok(request) => {
                        kept.lock().unwrap().push(request);
                        (200, Vec::new())
                    }
                    Err((status, reason)) => (status, reason.into_bytes()),
                })
            },
        );
        LogServer {
            base,
            requests,
            taken,
        }
    }

    fn taken(&self) -> Vec<AddCheckpointRequest> {
        self.taken.lock().unwrap().clone()
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// What the log server does with a submission: keeps the configured witnesses' cosignatures if
/// the consistency proof holds against its own tree (read from its tiles).
fn take(
    dir: &Path,
    log_key: &VerifierKey,
    witnesses: &[VerifierKey],
    body: &[u8],
) -> Result<AddCheckpointRequest, (u16, String)> {
    let refused = |e: AcceptError| (e.http_status(), e.to_string());
    let request = AddCheckpointRequest::parse(body).map_err(|e| refused(e.into()))?;
    let (signed, _) = accept_cosignatures(&request, log_key, witnesses).map_err(refused)?;
    let source = DirSource(dir.to_path_buf());
    let tiles = SourceTiles::new(&source, signed.checkpoint().size());
    let old_root = root_at(&tiles, request.old).map_err(|e| (500, e.to_string()))?;
    request
        .check_proof(signed.checkpoint(), &old_root)
        .map_err(refused)?;
    Ok(request)
}

/// Makes a witness key with `accord keys` in `dir`, written to `file`; returns its verifier key.
fn witness_key(dir: &Path, name: &str, file: &str) -> String {
    let keys = accord(
        dir,
        &["keys", "--kind", "witness", "--name", name, "--out", file],
    );
    assert!(keys.status.success(), "{}", stderr(&keys));
    stdout(&keys).trim().to_owned()
}

/// A test's world: a directory holding a witness key (`w.key`, made by `accord keys`), and
/// the log of branch "a" served from `log/` by a server configured with that witness.
struct World {
    dir: tempfile::TempDir,
    served: PathBuf,
    log: Log,
    server: LogServer,
}

impl World {
    fn new(size: u64) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let served = dir.path().join("log");
        std::fs::create_dir(&served).unwrap();
        let witness = witness_key(dir.path(), "witness.kz.test", "w.key");
        let log = Log::new("a", size);
        log.publish(&served, &[]);
        let server = LogServer::start(&served, log.verifier(), &[&witness]);
        World {
            dir,
            served,
            log,
            server,
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn log_key(&self) -> String {
        self.log.verifier().to_string()
    }

    /// Serves `log` (this world's, or another under the same key) with `cosigners`' lines.
    fn serve(&self, log: &Log, cosigners: &[&SignerKey]) {
        log.publish(&self.served, cosigners);
    }

    /// One round of `accord witness` against this world's server.
    fn round(&self, state: &str, extra: &[&str]) -> Output {
        self.round_at(&self.server.base, state, extra)
    }

    /// One round of `accord witness` against the server at `base`, with the state in `state`.
    fn round_at(&self, base: &str, state: &str, extra: &[&str]) -> Output {
        let mut args = vec!["witness", "--log", base, "--key", "w.key", "--state", state];
        args.extend_from_slice(extra);
        accord(self.path(), &args)
    }

    /// A first round, giving the log's key; it must cosign.
    fn first_round(&self, state: &str) -> Output {
        let first = self.round(state, &["--log-key", &self.log_key()]);
        assert!(first.status.success(), "{}", stderr(&first));
        first
    }

    fn state(&self, state: &str) -> serde_json::Value {
        serde_json::from_slice(&self.state_bytes(state)).unwrap()
    }

    fn state_bytes(&self, state: &str) -> Vec<u8> {
        std::fs::read(self.path().join(state)).unwrap()
    }

    /// The fork evidence files the witness wrote by default.
    fn evidence_files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.path())
            .unwrap()
            .map(|f| f.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                name.starts_with("fork-evidence-") && name.ends_with(".json")
            })
            .collect()
    }
}

fn latest_size(state: &serde_json::Value) -> String {
    let note = state["latest"].as_str().unwrap();
    note.lines().nth(1).unwrap().to_owned()
}

fn evidence_in(path: &Path) -> ForkEvidence {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn signers(note: &str) -> Vec<String> {
    let note = Note::parse(note.as_bytes()).unwrap();
    note.signatures()
        .iter()
        .map(|s| s.name().as_str().to_owned())
        .collect()
}

#[test]
fn the_first_round_cosigns_on_the_logs_signature_alone_and_saves_the_state() {
    let world = World::new(5);
    let first = world.first_round("state.json");
    assert_eq!(stdout(&first), "cosigned treaty.test/log at size 5\n");
    let taken = world.server.taken();
    assert_eq!(taken.len(), 1);
    assert_eq!((taken[0].old, taken[0].proof.len()), (0, 0));
    assert_eq!(signers(&taken[0].note), [ORIGIN, "witness.kz.test"]);

    let state = world.state("state.json");
    assert_eq!(state["log_key"], world.log_key().as_str());
    assert_eq!(state["origin"], ORIGIN);
    assert_eq!(state["delivered"], true);
    assert_eq!(latest_size(&state), "5");

    // The state file now names the log's key; nothing changed, nothing is sent.
    let again = world.round("state.json", &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), "up to date at size 5\n");
    assert_eq!(world.server.taken().len(), 1);
}

#[test]
fn after_the_log_grew_the_witness_sends_a_consistency_proof_the_server_accepts() {
    let mut world = World::new(5);
    world.first_round("state.json");

    // The log grows over several tiles; the served checkpoint carries another member's
    // cosignature, which the witness must not pass on.
    world.log.grow_to(70_000);
    let other = SignerKey::from_seed(
        KeyName::new("witness.by.test").unwrap(),
        KeyType::CosignatureV1,
        &[3; 32],
    );
    world.serve(&world.log, &[&other]);
    let before = world.server.requests().len();
    let grown = world.round("state.json", &[]);
    assert!(grown.status.success(), "{}", stderr(&grown));
    assert_eq!(stdout(&grown), "cosigned treaty.test/log at size 70000\n");
    let taken = world.server.taken();
    assert_eq!(taken.len(), 2);
    assert_eq!(taken[1].old, 5);
    let proof = world.log.tree.consistency_proof(5, 70_000).unwrap();
    assert_eq!(taken[1].proof, proof);
    assert_eq!(signers(&taken[1].note), [ORIGIN, "witness.kz.test"]);
    assert_eq!(latest_size(&world.state("state.json")), "70000");

    // Only the checkpoint and the few tiles the proof needs were fetched; no entries.
    let requests = world.server.requests()[before..].to_vec();
    let tiles = requests.iter().filter(|r| r.contains("/tile/")).count();
    assert!((1..=6).contains(&tiles), "fetched: {requests:?}");
    assert!(
        !requests.iter().any(|r| r.contains("entries")),
        "{requests:?}"
    );
    assert_eq!(requests.first().unwrap(), "GET /log/checkpoint");
    assert_eq!(requests.last().unwrap(), "POST /log/witness/add-checkpoint");

    // The server now serves the checkpoint with this witness's cosignature appended.
    let key = std::fs::read_to_string(world.path().join("w.key")).unwrap();
    let me = SignerKey::parse(key.trim()).unwrap();
    world.serve(&world.log, &[&other, &me]);
    let same = world.round("state.json", &[]);
    assert!(same.status.success(), "{}", stderr(&same));
    assert_eq!(stdout(&same), "up to date at size 70000\n");
}

#[test]
fn a_forked_log_is_refused_with_fork_evidence_and_the_state_is_kept() {
    // One witness state at size 4 (a power of two: the proof alone cannot show the fork), one
    // at size 5.
    let mut world = World::new(4);
    world.first_round("four.json");
    world.log.grow_to(5);
    world.serve(&world.log, &[]);
    world.first_round("five.json");
    let four = world.state_bytes("four.json");
    let five = world.state_bytes("five.json");

    // Another tree of size 5 under the same key.
    let mut b = Log::new("b", 5);
    world.serve(&b, &[]);
    let forked = world.round("five.json", &[]);
    assert_eq!(forked.status.code(), Some(1));
    let why = stderr(&forked);
    assert!(
        why.contains("the log forked: a different root for size 5; the fork evidence is in"),
        "{why}"
    );
    let files = world.evidence_files();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(why.contains(&name), "{why}");
    let evidence = evidence_in(&files[0]);
    assert!(matches!(
        evidence,
        ForkEvidence::SameSizeDifferentRoots { .. }
    ));
    evidence.check(world.log.verifier()).unwrap();
    assert_eq!(world.state_bytes("five.json"), five);

    // The other tree grows on; it does not extend what either witness cosigned.
    b.grow_to(300);
    world.serve(&b, &[]);
    for (state, saved) in [("five.json", &five), ("four.json", &four)] {
        let file = format!("evidence-{state}");
        let forked = world.round(state, &["--fork-evidence", &file]);
        assert_eq!(forked.status.code(), Some(1), "{state}");
        let why = stderr(&forked);
        assert!(
            why.contains("the log forked: the checkpoint is not consistent"),
            "{why}"
        );
        let evidence = evidence_in(&world.path().join(&file));
        assert!(
            matches!(evidence, ForkEvidence::InconsistentPrefix { .. }),
            "{state}: {evidence:?}"
        );
        evidence.check(world.log.verifier()).unwrap();
        assert_eq!(&world.state_bytes(state), saved);
    }
    assert_eq!(
        world.server.taken().len(),
        2,
        "nothing forked was submitted"
    );
}

#[test]
fn a_smaller_checkpoint_is_refused_and_is_evidence_only_when_it_is_no_prefix() {
    let world = World::new(5);
    world.first_round("state.json");
    let saved = world.state_bytes("state.json");

    // An older checkpoint of the same log (the tiles of size 5 stay served).
    world.serve(&Log::new("a", 3), &[]);
    let stale = world.round("state.json", &[]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(
        stderr(&stale).contains(
            "the witness refuses the log's checkpoint: the checkpoint has size 3, smaller than \
             the size 5 already cosigned"
        ),
        "{}",
        stderr(&stale)
    );
    assert!(world.evidence_files().is_empty());

    // A size-3 checkpoint of another tree: the tiles of size 5 prove it is no prefix.
    world.serve(&Log::new("b", 3), &[]);
    let forked = world.round("state.json", &[]);
    assert_eq!(forked.status.code(), Some(1));
    assert!(
        stderr(&forked).contains("the log forked: the checkpoint has size 3"),
        "{}",
        stderr(&forked)
    );
    let files = world.evidence_files();
    assert_eq!(files.len(), 1);
    evidence_in(&files[0]).check(world.log.verifier()).unwrap();
    assert_eq!(world.state_bytes("state.json"), saved);
}

#[test]
fn a_refused_cosignature_fails_the_round_and_the_next_round_submits_it_again() {
    let world = World::new(5);
    // A server that is configured with another member's witness only.
    let other = witness_key(world.path(), "witness.by.test", "other.key");
    let strange = LogServer::start(&world.served, world.log.verifier(), &[&other]);
    let log_key = world.log_key();
    let refused = world.round_at(&strange.base, "state.json", &["--log-key", &log_key]);
    assert_eq!(refused.status.code(), Some(1));
    let why = stderr(&refused);
    assert!(
        why.contains("the log server refused the cosignature: HTTP 403")
            && why.contains("no cosignature by a configured witness"),
        "{why}"
    );
    assert!(strange.taken().is_empty());
    // The witness keeps what it cosigned (a cosignature that left it binds it), not delivered.
    let state = world.state("state.json");
    assert_eq!(latest_size(&state), "5");
    assert_eq!(state["delivered"], false);

    // The server configured with this witness: the next round submits the cosignature again.
    let again = world.round("state.json", &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        stdout(&again),
        "cosigned treaty.test/log at size 5 (again: the log server had not taken the \
         cosignature)\n"
    );
    let taken = world.server.taken();
    assert_eq!((taken.len(), taken[0].old, taken[0].proof.len()), (1, 5, 0));
    assert_eq!(world.state("state.json")["delivered"], true);
    let done = world.round("state.json", &[]);
    assert_eq!(stdout(&done), "up to date at size 5\n");
}

#[test]
fn the_witness_needs_an_http_url_and_the_logs_key() {
    let world = World::new(5);
    let no_key = world.round("state.json", &[]);
    assert_eq!(no_key.status.code(), Some(1));
    assert!(
        stderr(&no_key)
            .contains("state.json does not exist yet: give the log's key with --log-key"),
        "{}",
        stderr(&no_key)
    );
    let log_key = world.log_key();
    let dir_source = world.round_at("log", "state.json", &["--log-key", &log_key]);
    assert!(
        stderr(&dir_source).contains("--log must be the http:// or https:// URL"),
        "{}",
        stderr(&dir_source)
    );
    assert!(!world.path().join("state.json").exists());
    assert!(world.server.taken().is_empty());
}

#[test]
fn with_an_interval_the_witness_keeps_cosigning_as_the_log_grows() {
    let mut world = World::new(5);
    let log_key = world.log_key();
    let args = [
        "witness",
        "--log",
        &world.server.base,
        "--key",
        "w.key",
        "--state",
        "state.json",
        "--log-key",
        &log_key,
        "--interval",
        "1",
    ];
    let mut child = Running(
        command(world.path(), &args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut lines = std::io::BufReader::new(child.0.stdout.take().unwrap()).lines();
    assert_eq!(
        lines.next().unwrap().unwrap(),
        "cosigned treaty.test/log at size 5"
    );
    assert_eq!(lines.next().unwrap().unwrap(), "up to date at size 5");
    world.log.grow_to(9);
    world.serve(&world.log, &[]);
    let next = lines
        .find(|l| l.as_ref().unwrap() != "up to date at size 5")
        .unwrap()
        .unwrap();
    drop(child);
    assert_eq!(next, "cosigned treaty.test/log at size 9");
    assert_eq!(world.server.taken().last().unwrap().old, 5);
}

/// A witness running in a loop, stopped when the test ends, however it ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
