//! Conformance: checkpoints, real witness cosignatures, the witness and fork evidence
//! (checkpoints.json).

use crate::vectors::{load, report, s};
use accord_ledger::{
    Checkpoint, CheckpointError, Cosignature, ForkEvidence, Hash, HashError, KeyError, KeyName,
    KeyType, Note, SignedCheckpoint, SignerKey, VerifierKey, VerifyError, Witness, WitnessError,
    cosigned_message, verify_consistency,
};
use serde_json::Value;

fn hashes(list: &Value, hex: bool) -> Vec<Hash> {
    let list = list.as_array().expect("hash list");
    let parse = |h: &Value| {
        let h = h.as_str().expect("hash");
        if hex {
            Hash::from_hex(h)
        } else {
            Hash::from_base64(h)
        }
        .expect("hash")
    };
    list.iter().map(parse).collect()
}

#[test]
fn verifiable_checkpoints_and_witness() {
    let v = &load("checkpoints.json")["verifiable_checkpoints"];
    let log = VerifierKey::parse(s(v, "log_vkey")).expect("log vkey");
    let log_signer = SignerKey::parse(s(v, "log_skey_TEST_ONLY")).expect("log skey");
    assert_eq!(log_signer.verifier(), &log);
    let mut passed = 0;
    let cp5 = SignedCheckpoint::open(s(v, "checkpoint_size5").as_bytes(), &log).expect("size 5");
    let cp8 = SignedCheckpoint::open(s(v, "checkpoint_size8").as_bytes(), &log).expect("size 8");
    let (c5, c8) = (cp5.checkpoint(), cp8.checkpoint());
    assert_eq!(
        (c5.size(), c8.size(), c5.origin()),
        (5, 8, "Log Checkpoint v0")
    );
    assert_eq!(
        c5.sign(&log_signer).expect("sign").to_string(),
        s(v, "checkpoint_size5")
    );
    let proof = hashes(&v["consistency_5_to_8_hex"], true);
    verify_consistency(5, 8, c5.root(), c8.root(), &proof).expect("5 -> 8");
    passed += 3;

    let other = s(v, "checkpoint_size5_other_log_key").as_bytes();
    assert!(SignedCheckpoint::open(other, &log).is_err());
    for pair in v["other_test_keys"].as_object().expect("keys").values() {
        let vkey = VerifierKey::parse(pair[0].as_str().expect("v")).expect("vkey");
        assert_eq!(
            SignerKey::parse(pair[1].as_str().expect("s"))
                .expect("skey")
                .verifier(),
            &vkey
        );
    }
    passed += 3;

    // A witness (a fresh cosignature/v1 key from the "witness" seed's name) follows the log.
    let name = KeyName::new("witness").expect("name");
    let key = SignerKey::from_seed(name, KeyType::CosignatureV1, &[7; 32]);
    let mut witness = Witness::new(key.clone(), log.clone(), "Log Checkpoint v0").expect("w");
    let refuse = |w: &mut Witness, old, proof: &[Hash], note: &str| {
        w.add_checkpoint(old, proof, note.as_bytes(), 100)
            .expect_err("refused")
    };
    assert!(matches!(
        refuse(
            &mut witness,
            0,
            &[],
            s(&v["origin_change_attack"], "checkpoint")
        ),
        WitnessError::WrongOrigin { .. }
    ));
    assert!(matches!(
        refuse(&mut witness, 0, &[], s(v, "checkpoint_size5_other_log_key")),
        WitnessError::BadSignature(VerifyError::NoVerifiableSignatures)
    ));
    assert!(matches!(
        refuse(&mut witness, 5, &proof, s(v, "checkpoint_size8")),
        WitnessError::OldSizeMismatch { old: 5, latest: 0 }
    ));
    let first = witness.add_checkpoint(0, &[], s(v, "checkpoint_size5").as_bytes(), 100);
    first
        .expect("first")
        .verify(key.verifier(), c5)
        .expect("cosig");
    let mut bad = proof.clone();
    bad[0].0[0] ^= 1;
    assert!(matches!(
        refuse(&mut witness, 5, &bad, s(v, "checkpoint_size8")),
        WitnessError::Inconsistent { .. }
    ));
    let cosig = witness.add_checkpoint(5, &proof, s(v, "checkpoint_size8").as_bytes(), 101);
    cosig
        .expect("cosigned")
        .verify(key.verifier(), c8)
        .expect("cosig");
    assert!(matches!(
        refuse(&mut witness, 5, &[], s(v, "checkpoint_size5")),
        WitnessError::SmallerThanSeen { seen: 8, got: 5 }
    ));
    let state = serde_json::to_string(&witness.state()).expect("state");
    let restored = Witness::from_state(key, log, &serde_json::from_str(&state).expect("state"));
    assert_eq!(restored.expect("restored").latest(), Some(c8));
    passed += 7;
    report("verifiable checkpoints + witness", passed, 0, "");
}

#[test]
fn split_view_fork_evidence() {
    let v = &load("checkpoints.json")["split_view_evidence"];
    let log = VerifierKey::parse(s(v, "vkey")).expect("vkey");
    let (older, newer) = (s(v, "older_signed_note"), s(v, "newer_signed_note"));
    let a = SignedCheckpoint::open(older.as_bytes(), &log).expect("older verifies");
    let b = SignedCheckpoint::open(newer.as_bytes(), &log).expect("newer verifies");
    let (a, b) = (a.checkpoint(), b.checkpoint());
    let proof = hashes(&v["consistency_5_to_6_b64"], false);
    let implied = Hash::from_base64(s(v, "implied_size5_root_b64")).expect("implied");
    verify_consistency(5, 6, &implied, b.root(), &proof).expect("proof from implied root");
    assert!(verify_consistency(5, 6, a.root(), b.root(), &proof).is_err());

    let evidence = ForkEvidence::inconsistent(older, newer, &proof, None, &log).expect("evidence");
    let ForkEvidence::InconsistentPrefix {
        implied_old_root, ..
    } = &evidence
    else {
        panic!("wrong kind")
    };
    assert_eq!(*implied_old_root, implied);
    let json = serde_json::to_string(&evidence).expect("json");
    let back: ForkEvidence = serde_json::from_str(&json).expect("parse");
    back.check(&log).expect("third party check");
    let mut passed = 4;

    // Evidence that does not hold is refused.
    let other = SignerKey::generate(KeyName::new("x").expect("n"), KeyType::Ed25519).expect("k");
    assert!(back.check(other.verifier()).is_err(), "wrong log key");
    let swapped = ForkEvidence::InconsistentPrefix {
        older: newer.to_owned(),
        newer: older.to_owned(),
        proof: proof.clone(),
        implied_old_root: implied,
    };
    assert!(swapped.check(&log).is_err(), "sizes not ordered");
    let mut garbage = proof.clone();
    garbage[1].0[0] ^= 1;
    assert!(ForkEvidence::inconsistent(older, newer, &garbage, Some(implied), &log).is_err());
    let honest = ForkEvidence::InconsistentPrefix {
        older: older.to_owned(),
        newer: newer.to_owned(),
        proof: proof.clone(),
        implied_old_root: *a.root(),
    };
    assert!(
        honest.check(&log).is_err(),
        "implied root equals signed root"
    );
    passed += 4;

    // A witness that cosigned the older note refuses the newer one, with checkable evidence.
    let key = SignerKey::from_seed(
        KeyName::new("w").expect("n"),
        KeyType::CosignatureV1,
        &[1; 32],
    );
    let mut witness = Witness::new(key, log.clone(), "go.sum database tree").expect("witness");
    witness
        .add_checkpoint(0, &[], older.as_bytes(), 1)
        .expect("first");
    let refusal = witness
        .add_checkpoint(5, &proof, newer.as_bytes(), 2)
        .expect_err("refused");
    let WitnessError::Inconsistent {
        evidence: Some(evidence),
        ..
    } = refusal
    else {
        panic!("expected fork evidence, got {refusal:?}")
    };
    evidence.check(&log).expect("witness evidence checks");
    passed += 1;
    report("fork evidence (split view)", passed, 0, "");
}

#[test]
fn spec_examples_and_real_cosignatures() {
    let v = load("checkpoints.json");
    let spec = &v["c2sp_spec_examples_unverifiable"];
    let note = Note::parse(s(spec, "checkpoint_with_cosignature").as_bytes()).expect("spec note");
    let cp = Checkpoint::parse(note.text()).expect("spec checkpoint");
    let cosig = Cosignature::from_note_signature(&note.signatures()[1]).expect("cosignature");
    let want = &spec["parsed_cosignature"];
    assert_eq!(cosig.key_id().to_string(), s(want, "key_id_hex"));
    assert_eq!(Some(cosig.timestamp()), want["timestamp"].as_u64());
    assert_eq!(note.signatures()[1].signature().len() + 4, 76);
    let message = cosigned_message(&cp.to_body(), cosig.timestamp());
    assert_eq!(message, s(spec, "cosigned_message_example"));
    let mut passed = 1;

    let real = &v["real_world_cosigned_checkpoints"]["ed25519_case"];
    let text = s(real, "checkpoint");
    let keys: Vec<VerifierKey> = real["vkeys"]
        .as_array()
        .expect("vkeys")
        .iter()
        .map(|k| VerifierKey::parse(k.as_str().expect("k")).expect("vkey"))
        .collect();
    let note = Note::parse(text.as_bytes()).expect("real note");
    let verified = note.verify(&keys).expect("log + remora");
    assert_eq!(verified.keys.len(), 2);
    assert_eq!(
        verified.unknown.len(),
        4,
        "0x05 line and other witnesses ignored"
    );
    let cp = SignedCheckpoint::open(text.as_bytes(), &keys[0]).expect("log signature");
    let line = note
        .signatures()
        .iter()
        .find(|l| l.is_from(&keys[1]))
        .expect("remora");
    let cosig = Cosignature::from_note_signature(line).expect("cosig");
    assert_eq!(
        Some(cosig.timestamp()),
        real["expect"]["remora_timestamp"].as_u64()
    );
    cosig
        .verify(&keys[1], cp.checkpoint())
        .expect("remora cosignature/v1");
    let mutated = text.replacen("\n1432088532\n", "\n42\n", 1);
    let mutated = Note::parse(mutated.as_bytes()).expect("mutated note");
    for key in &keys {
        let result = mutated.verify(std::slice::from_ref(key));
        assert!(matches!(result, Err(VerifyError::InvalidSignature { .. })));
    }
    passed += 1;

    let mldsa = &v["real_world_cosigned_checkpoints"]["mldsa44_case"];
    let note = Note::parse(s(mldsa, "checkpoint").as_bytes()).expect("ML-DSA note parses");
    Checkpoint::parse(note.text()).expect("checkpoint");
    assert_eq!(
        VerifierKey::parse(s(mldsa, "vkey")),
        Err(KeyError::UnsupportedType(0x06))
    );
    report("C2SP examples + real Ed25519 cosignatures", passed, 0, "");
    report(
        "ML-DSA-44 subtree/v1 cosignatures",
        0,
        1,
        "signature type 0x06 is not supported: the key is refused, its line ignored",
    );
}

#[test]
fn checkpoint_body_parse_cases() {
    let v = &load("checkpoints.json")["checkpoint_body_parse_cases"];
    let root = Hash([9; 32]).to_base64();
    let mut passed = 0;
    for case in v["valid"].as_array().expect("valid") {
        let body = s(case, "body");
        let err = Checkpoint::parse(body).expect_err("strict: 32-byte roots only");
        assert!(matches!(
            err,
            CheckpointError::BadRoot(HashError::WrongLength(_))
        ));
        let lines: Vec<&str> = body.split('\n').collect();
        let with_root = body.replacen(lines[2], &root, 1);
        let cp = Checkpoint::parse(&with_root).expect("valid with a 32-byte root");
        assert_eq!(cp.origin(), s(case, "origin"));
        assert_eq!(Some(cp.size()), case["size"].as_u64());
        let rest: String = cp.extensions().iter().map(|l| format!("{l}\n")).collect();
        assert_eq!(rest, s(case, "rest"));
        assert_eq!(cp.to_body(), with_root);
        passed += 1;
    }
    for body in v["invalid"].as_array().expect("invalid") {
        assert!(
            Checkpoint::parse(body.as_str().expect("body")).is_err(),
            "{body}"
        );
        passed += 1;
    }
    report(
        "checkpoint body parse cases",
        passed,
        0,
        "valid cases' roots are not 32 bytes: checked with the root replaced",
    );
}
