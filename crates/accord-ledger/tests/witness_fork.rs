//! The witness's refusals and the fork evidence checks, on a small hand-built log.

use accord_ledger::{
    Checkpoint, ForkError, ForkEvidence, Hash, KeyName, KeyType, ProofError, SignerKey, Witness,
    WitnessError, WitnessState, leaf_hash, node_hash, verify_consistency,
};

const ORIGIN: &str = "example.org/log";

fn signer(name: &str, kind: KeyType, seed: u8) -> SignerKey {
    SignerKey::from_seed(KeyName::new(name).expect("name"), kind, &[seed; 32])
}

struct Log {
    key: SignerKey,
    leaves: Vec<Hash>,
}

impl Log {
    fn new(entries: &[&str]) -> Self {
        let leaves = entries.iter().map(|e| leaf_hash(e.as_bytes())).collect();
        Log {
            key: signer(ORIGIN, KeyType::Ed25519, 9),
            leaves,
        }
    }

    fn root(&self, size: usize) -> Hash {
        let l = &self.leaves;
        let n01 = node_hash(&l[0], &l[1]);
        match size {
            1 => l[0],
            2 => n01,
            3 => node_hash(&n01, &l[2]),
            4 => node_hash(&n01, &node_hash(&l[2], &l[3])),
            _ => unreachable!("small test log"),
        }
    }

    /// The consistency proof 3 -> 4.
    fn proof_3_4(&self) -> Vec<Hash> {
        let l = &self.leaves;
        vec![l[2], l[3], node_hash(&l[0], &l[1])]
    }

    fn signed(&self, size: usize) -> String {
        let cp = Checkpoint::new(ORIGIN, size as u64, self.root(size)).expect("checkpoint");
        cp.sign(&self.key).expect("sign").to_string()
    }
}

fn witness(log: &Log) -> Witness {
    let key = signer("witness.example", KeyType::CosignatureV1, 1);
    Witness::new(key, log.key.verifier().clone(), ORIGIN).expect("witness")
}

#[test]
fn a_witness_cosigns_consistent_growth_and_refuses_the_rest() {
    let log = Log::new(&["a", "b", "c", "d"]);
    verify_consistency(3, 4, &log.root(3), &log.root(4), &log.proof_3_4()).expect("proof");
    let mut w = witness(&log);
    let s3 = log.signed(3);
    assert_eq!(
        w.add_checkpoint(0, &[log.leaves[0]], s3.as_bytes(), 1),
        Err(WitnessError::ProofFromZero(1))
    );
    assert!(matches!(
        w.add_checkpoint(0, &[], b"junk", 1),
        Err(WitnessError::MalformedNote(_))
    ));
    let mut not_cp = accord_ledger::Note::new("hello\n").expect("text");
    not_cp.sign(&log.key).expect("sign");
    let not_cp = not_cp.to_string();
    assert!(matches!(
        w.add_checkpoint(0, &[], not_cp.as_bytes(), 1),
        Err(WitnessError::MalformedCheckpoint(_))
    ));
    w.add_checkpoint(0, &[], s3.as_bytes(), 1)
        .expect("first checkpoint on its signature");
    let s4 = log.signed(4);
    assert!(matches!(
        w.add_checkpoint(5, &[], s4.as_bytes(), 2),
        Err(WitnessError::OldSizeTooLarge { old: 5, size: 4 })
    ));
    assert!(matches!(
        w.add_checkpoint(2, &[], s4.as_bytes(), 2),
        Err(WitnessError::OldSizeMismatch { old: 2, latest: 3 })
    ));
    let short = &log.proof_3_4()[..2];
    assert!(matches!(
        w.add_checkpoint(3, short, s4.as_bytes(), 2),
        Err(WitnessError::Inconsistent {
            error: ProofError::WrongLength { .. },
            evidence: None
        })
    ));
    assert!(matches!(
        w.add_checkpoint(3, &[log.leaves[0]], s3.as_bytes(), 2),
        Err(WitnessError::Inconsistent {
            error: ProofError::WrongLength { .. },
            evidence: None
        })
    ));
    w.add_checkpoint(3, &[], s3.as_bytes(), 2)
        .expect("same checkpoint again");
    assert_eq!(
        w.add_checkpoint(3, &log.proof_3_4(), s4.as_bytes(), 1 << 63),
        Err(WitnessError::Cosign(
            accord_ledger::CosignatureError::TimestampOutOfRange(1 << 63)
        ))
    );
    let cosig = w
        .add_checkpoint(3, &log.proof_3_4(), s4.as_bytes(), 3)
        .expect("cosigned");
    let cp4 = Checkpoint::new(ORIGIN, 4, log.root(4)).expect("cp");
    cosig.verify(w.verifier(), &cp4).expect("valid cosignature");
    assert_eq!(w.latest(), Some(&cp4));
    assert!(matches!(
        w.add_checkpoint(3, &[], s3.as_bytes(), 4),
        Err(WitnessError::SmallerThanSeen { seen: 4, got: 3 })
    ));
}

#[test]
fn witness_setup_and_state_are_checked() {
    let log = Log::new(&["a", "b", "c", "d"]);
    let plain = signer("w", KeyType::Ed25519, 1);
    let cosigner = signer("w", KeyType::CosignatureV1, 1);
    let log_key = log.key.verifier().clone();
    assert!(matches!(
        Witness::new(plain, log_key.clone(), ORIGIN),
        Err(WitnessError::NotCosignerKey(_))
    ));
    let wrong = cosigner.verifier().clone();
    assert!(matches!(
        Witness::new(cosigner.clone(), wrong, ORIGIN),
        Err(WitnessError::LogKeyNotEd25519(_))
    ));
    let state = WitnessState {
        origin: ORIGIN.into(),
        latest: Some("forged".into()),
    };
    let restored = Witness::from_state(cosigner.clone(), log_key.clone(), &state);
    assert!(matches!(restored, Err(WitnessError::BadState(_))));
    let mut w = Witness::new(cosigner.clone(), log_key.clone(), ORIGIN).expect("w");
    w.add_checkpoint(0, &[], log.signed(2).as_bytes(), 1)
        .expect("first");
    let json = serde_json::to_string(&w.state()).expect("json");
    let state: WitnessState = serde_json::from_str(&json).expect("state");
    let w2 = Witness::from_state(cosigner, log_key, &state).expect("restored");
    assert_eq!(w2.latest(), w.latest());
}

#[test]
fn a_forked_log_is_caught_with_evidence_anyone_can_check() {
    let honest = Log::new(&["a", "b", "c", "d"]);
    let forked = Log::new(&["a", "b", "EVIL", "d"]);
    let log_key = honest.key.verifier().clone();

    // Same size, different roots.
    let mut w = witness(&honest);
    w.add_checkpoint(0, &[], honest.signed(3).as_bytes(), 1)
        .expect("first");
    let Err(WitnessError::Fork { size: 3, evidence }) =
        w.add_checkpoint(3, &[], forked.signed(3).as_bytes(), 2)
    else {
        panic!("expected a fork");
    };
    evidence.check(&log_key).expect("evidence holds");
    let json = serde_json::to_string(&evidence).expect("json");
    assert!(json.contains("\"kind\":\"same_size_different_roots\""));

    // A proof from the forked tree: it verifies from another size-3 root.
    let Err(WitnessError::Inconsistent {
        evidence: Some(evidence),
        ..
    }) = w.add_checkpoint(3, &forked.proof_3_4(), forked.signed(4).as_bytes(), 3)
    else {
        panic!("expected inconsistency with evidence");
    };
    evidence.check(&log_key).expect("evidence holds");
    let back: ForkEvidence =
        serde_json::from_str(&serde_json::to_string(&evidence).expect("j")).expect("p");
    assert_eq!(back, *evidence);

    // Each way the evidence can fail to hold.
    let (h3, f3, h4, h2) = (
        honest.signed(3),
        forked.signed(3),
        honest.signed(4),
        honest.signed(2),
    );
    let same = |a: &str, b: &str| ForkEvidence::same_size(a, b, &log_key);
    assert_eq!(same(&h3, &h3), Err(ForkError::SameRoot));
    assert_eq!(same(&h3, &h4), Err(ForkError::DifferentSizes(3, 4)));
    assert!(matches!(
        same("junk", &f3),
        Err(ForkError::Checkpoint { which: "first", .. })
    ));
    let other_log = Log {
        key: signer("other.example", KeyType::Ed25519, 8),
        ..Log::new(&["a", "b", "c", "d"])
    };
    let other = Checkpoint::new("other.example", 3, forked.root(3))
        .expect("cp")
        .sign(&honest.key)
        .expect("s");
    assert!(matches!(
        same(&h3, &other.to_string()),
        Err(ForkError::DifferentOrigins(..))
    ));
    assert!(same(&h3, &other_log.signed(3)).is_err());
    let incons = |a: &str, b: &str, p: &[Hash], r| ForkEvidence::inconsistent(a, b, p, r, &log_key);
    assert_eq!(
        incons(&h3, &h4, &honest.proof_3_4(), None),
        Err(ForkError::ImpliedRootIsSigned)
    );
    let implied = Some(forked.root(3));
    assert!(matches!(
        incons(&h4, &h3, &[], implied),
        Err(ForkError::SizesNotOrdered { older: 4, newer: 3 })
    ));
    assert!(matches!(
        incons(&h3, &h4, &forked.proof_3_4(), implied),
        Err(ForkError::ProofDoesNotHold(_))
    ));
    assert!(matches!(
        incons(&h2, &h4, &[], None),
        Err(ForkError::ProofDoesNotHold(_))
    ));
}
