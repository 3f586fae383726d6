//! Offline verification, end to end: an entry with its C2SP tlog-proof, and a whole log
//! exported as tiles and entry bundles, each accepted when intact and refused, naming the
//! failed check, when tampered with.

use std::path::Path;

use accord_ledger::{
    Checkpoint, Cosignature, DirSource, KeyName, KeyType, MemoryTileStore, OfflineError, SignerKey,
    SourceTiles, TILE_WIDTH, TilePath, TlogProof, Tree, TrustPolicy, consistency_proof,
    encode_bundle, open_checkpoint, root_at, verify_entry, verify_log,
};

fn key(name: &str, kind: KeyType, seed: u8) -> SignerKey {
    SignerKey::from_seed(KeyName::new(name).unwrap(), kind, &[seed; 32])
}

struct Log {
    entries: Vec<Vec<u8>>,
    tree: Tree<MemoryTileStore>,
    log_key: SignerKey,
    witnesses: Vec<SignerKey>,
}

impl Log {
    fn new(size: usize) -> Self {
        let entries: Vec<Vec<u8>> = (0..size)
            .map(|i| format!("{{\"seq\":{i},\"kind\":\"note\"}}").into_bytes())
            .collect();
        let mut tree = Tree::new(MemoryTileStore::new());
        tree.append(&entries).unwrap();
        Log {
            entries,
            tree,
            log_key: key("accord.test/log", KeyType::Ed25519, 1),
            witnesses: vec![
                key("witness.am.test", KeyType::CosignatureV1, 2),
                key("witness.by.test", KeyType::CosignatureV1, 3),
            ],
        }
    }

    /// The checkpoint at the current size, signed by the log and cosigned by `cosigners`.
    fn checkpoint(&self, cosigners: usize) -> Vec<u8> {
        let cp = Checkpoint::new("accord.test/log", self.tree.size(), self.tree.root()).unwrap();
        let mut note = cp.sign(&self.log_key).unwrap();
        for w in &self.witnesses[..cosigners] {
            let cosig = Cosignature::sign(w, &cp, 1_767_225_600).unwrap();
            note.add_signature(cosig.to_note_signature()).unwrap();
        }
        note.to_string().into_bytes()
    }

    fn policy(&self, required: usize) -> TrustPolicy {
        TrustPolicy {
            log_key: self.log_key.verifier().clone(),
            witnesses: self
                .witnesses
                .iter()
                .map(|w| w.verifier().clone())
                .collect(),
            witnesses_required: required,
        }
    }

    /// Writes the log as it is served: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`.
    fn export(&self, dir: &Path) {
        for tile in self.tree.store().tiles() {
            write(
                dir,
                &TilePath::hashes(tile.id(), tile.width()),
                &tile.to_bytes(tile.width()),
            );
        }
        for (n, chunk) in self.entries.chunks(TILE_WIDTH).enumerate() {
            let path = TilePath::entries(n as u64, chunk.len());
            write(dir, &path, &encode_bundle(chunk).unwrap());
        }
    }
}

fn write(dir: &Path, path: &TilePath, bytes: &[u8]) {
    let file = dir.join(path.to_string());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, bytes).unwrap();
}

fn path_of(dir: &Path, path: &str) -> std::path::PathBuf {
    dir.join(path)
}

#[test]
fn an_entry_with_its_tlog_proof_verifies_offline() {
    let log = Log::new(1000);
    let proof = TlogProof {
        extra: Some(b"decision D-1".to_vec()),
        index: 733,
        hashes: log.tree.inclusion_proof(733, 1000).unwrap(),
        checkpoint: log.checkpoint(2),
    };
    let text = proof.to_text();
    let parsed = TlogProof::parse(text.as_bytes()).unwrap();
    assert_eq!(parsed, proof);
    let trusted = verify_entry(&log.entries[733], &parsed, &log.policy(2)).unwrap();
    assert_eq!(trusted.checkpoint.size(), 1000);
    assert_eq!(trusted.witnesses.len(), 2);

    // Another entry, or the right entry at another index, is not proven.
    let err = verify_entry(&log.entries[734], &parsed, &log.policy(2)).unwrap_err();
    assert!(
        matches!(err, OfflineError::NotIncluded { index: 733, .. }),
        "{err}"
    );
    let moved = TlogProof {
        index: 732,
        ..parsed.clone()
    };
    assert!(verify_entry(&log.entries[733], &moved, &log.policy(2)).is_err());
    // A witness named twice still counts once.
    let mut twice = log.policy(0);
    twice.witnesses = vec![log.witnesses[0].verifier().clone(); 2];
    twice.witnesses_required = 2;
    let proof_one = TlogProof {
        checkpoint: log.checkpoint(1),
        ..parsed.clone()
    };
    let err = verify_entry(&log.entries[733], &proof_one, &twice).unwrap_err();
    assert!(
        matches!(
            err,
            OfflineError::TooFewWitnesses {
                valid: 1,
                required: 2
            }
        ),
        "{err}"
    );
    // Three witnesses required, two cosigned.
    let err = verify_entry(&log.entries[733], &parsed, &log.policy(3)).unwrap_err();
    assert!(
        matches!(
            err,
            OfflineError::TooFewWitnesses {
                valid: 2,
                required: 3
            }
        ),
        "{err}"
    );
}

#[test]
fn a_checkpoint_needs_the_log_signature_whatever_the_witnesses_say() {
    let log = Log::new(10);
    let other_log = key("accord.test/log", KeyType::Ed25519, 9);
    let mut policy = log.policy(0);
    policy.log_key = other_log.verifier().clone();
    let err = open_checkpoint(&log.checkpoint(2), &policy).unwrap_err();
    assert!(matches!(err, OfflineError::NoLogSignature(_)), "{err}");
}

#[test]
fn the_treaty_example_tlog_proof_verifies() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/ledger");
    let text = std::fs::read_to_string(dir.join("treaty_ledger_example.derived.json"))
        .expect("the treaty ledger example is present");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let vkey = |k: &str| {
        accord_ledger::VerifierKey::parse(v["keys"][k]["vkey"].as_str().unwrap()).unwrap()
    };
    let policy = TrustPolicy {
        log_key: vkey("log"),
        witnesses: vec![vkey("witness_member_a"), vkey("witness_member_b")],
        witnesses_required: 2,
    };
    let proof = TlogProof::parse(v["tlog_proof_event2"].as_str().unwrap().as_bytes()).unwrap();
    let event = v["events_utf8"][2].as_str().unwrap();
    let trusted = verify_entry(event.as_bytes(), &proof, &policy).unwrap();
    assert_eq!(trusted.checkpoint.size(), 5);
    let wrong = v["events_utf8"][3].as_str().unwrap();
    assert!(verify_entry(wrong.as_bytes(), &proof, &policy).is_err());
}

#[test]
fn an_exported_log_verifies_and_every_kind_of_tampering_is_named() {
    let log = Log::new(70_000);
    let checkpoint = log.checkpoint(1);
    let policy = log.policy(1);
    let fresh = || {
        let dir = tempfile::tempdir().unwrap();
        log.export(dir.path());
        dir
    };

    let dir = fresh();
    let mut seen = 0;
    let report = verify_log(
        &DirSource(dir.path().into()),
        &checkpoint,
        &policy,
        |i, e| {
            assert_eq!(e, log.entries[usize::try_from(i).unwrap()]);
            seen += 1;
            Ok(())
        },
    )
    .unwrap();
    assert_eq!((report.entries, seen), (70_000, 70_000));
    assert_eq!(report.tiles, 273 + 1 + 1 + 1 + 1);

    // One byte of entry 1234 changed: its leaf no longer matches the stored level-0 tile.
    let dir = fresh();
    let bundle = path_of(dir.path(), "tile/entries/004");
    let mut bytes = std::fs::read(&bundle).unwrap();
    let offset = (0..1234 - 1024).fold(0, |at, _| {
        at + 2 + usize::from(u16::from_be_bytes([bytes[at], bytes[at + 1]]))
    });
    bytes[offset + 3] ^= 1;
    std::fs::write(&bundle, bytes).unwrap();
    let err = verify_log(
        &DirSource(dir.path().into()),
        &checkpoint,
        &policy,
        |_, _| Ok(()),
    )
    .unwrap_err();
    assert!(
        matches!(&err, OfflineError::TileMismatch { path, index: 1234, .. } if path == "tile/0/004"),
        "{err}"
    );

    // One byte of a level-1 tile changed.
    let dir = fresh();
    let tile = path_of(dir.path(), "tile/1/000");
    let mut bytes = std::fs::read(&tile).unwrap();
    bytes[32 * 5 + 7] ^= 0x40;
    std::fs::write(&tile, bytes).unwrap();
    let err = verify_log(
        &DirSource(dir.path().into()),
        &checkpoint,
        &policy,
        |_, _| Ok(()),
    )
    .unwrap_err();
    assert!(
        matches!(&err, OfflineError::TileMismatch { index: 5, .. }),
        "{err}"
    );

    // The last entry removed from the last bundle.
    let dir = fresh();
    let last = &log.entries[69_888..69_999];
    std::fs::write(
        path_of(dir.path(), "tile/entries/273.p/112"),
        encode_bundle(last).unwrap(),
    )
    .unwrap();
    let err = verify_log(
        &DirSource(dir.path().into()),
        &checkpoint,
        &policy,
        |_, _| Ok(()),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            OfflineError::ShortBundle {
                got: 111,
                want: 112,
                ..
            }
        ),
        "{err}"
    );

    // A bundle deleted.
    let dir = fresh();
    std::fs::remove_file(path_of(dir.path(), "tile/entries/100")).unwrap();
    let err = verify_log(
        &DirSource(dir.path().into()),
        &checkpoint,
        &policy,
        |_, _| Ok(()),
    )
    .unwrap_err();
    assert!(
        matches!(&err, OfflineError::Missing(p) if p == "tile/entries/100"),
        "{err}"
    );

    // A checkpoint for another root (a forked log) over intact tiles.
    let dir = fresh();
    let mut other = Log::new(70_000);
    other.tree = {
        let mut t = Tree::new(MemoryTileStore::new());
        let mut entries = log.entries.clone();
        entries[0] = b"forged".to_vec();
        t.append(&entries).unwrap();
        t
    };
    let forked = other.checkpoint(1);
    let err = verify_log(&DirSource(dir.path().into()), &forked, &policy, |_, _| {
        Ok(())
    })
    .unwrap_err();
    assert!(matches!(err, OfflineError::RootMismatch { .. }), "{err}");
}

#[test]
fn proofs_built_from_an_exported_logs_tiles_equal_the_trees_own() {
    let log = Log::new(70_000);
    let dir = tempfile::tempdir().unwrap();
    log.export(dir.path());
    let source = DirSource(dir.path().to_path_buf());
    let tiles = SourceTiles::new(&source, log.tree.size());
    for (old, new) in [
        (1, 70_000),
        (256, 70_000),
        (65_537, 70_000),
        (300, 69_999),
        (5, 6),
    ] {
        assert_eq!(
            consistency_proof(&tiles, old, new).unwrap(),
            log.tree.consistency_proof(old, new).unwrap(),
            "{old} -> {new}"
        );
        assert_eq!(
            root_at(&tiles, old).unwrap(),
            log.tree.root_at(old).unwrap()
        );
    }
    // A smaller tree's tiles are the partial ones of its size, or else the full tiles.
    let smaller = SourceTiles::new(&source, 65_540);
    assert_eq!(
        consistency_proof(&smaller, 300, 65_540).unwrap(),
        log.tree.consistency_proof(300, 65_540).unwrap()
    );
    // A tile the proof needs that is not there, or is cut short, is named.
    let level_1 = path_of(dir.path(), "tile/1/001.p/17");
    let bytes = std::fs::read(&level_1).unwrap();
    std::fs::remove_file(&level_1).unwrap();
    let tiles = SourceTiles::new(&source, log.tree.size());
    let err = consistency_proof(&tiles, 1, 70_000).unwrap_err();
    assert!(
        err.to_string().contains("tile/1/001.p/17 is missing"),
        "{err}"
    );
    std::fs::write(&level_1, bytes).unwrap();
    std::fs::write(path_of(dir.path(), "tile/0/273.p/112"), [0u8; 64]).unwrap();
    let tiles = SourceTiles::new(&source, log.tree.size());
    let err = root_at(&tiles, 70_000).unwrap_err();
    assert!(
        err.to_string()
            .contains("tile/0/273.p/112 could not be read: it holds 64 bytes"),
        "{err}"
    );
}
