//! Conformance: signed notes (signed_notes.json), RFC 8032 Ed25519 (ed25519_rfc8032.json) and
//! the keys, notes and cosignatures of the treaty ledger example.

use crate::vectors::{load, report, s};
use accord_ledger::{
    Checkpoint, Cosignature, KeyType, Note, NoteError, SignedCheckpoint, SignerKey, VerifierKey,
    VerifyError, Witness, cosigned_message,
};
use ed25519_dalek::{Signer as _, SigningKey};
use serde_json::Value;

/// The README's worked example, byte for byte.
const WORKED_EXAMPLE: &str = "treaty.example/ledger\n3\nzHwFARo85mwDfVNstKBYZr8xcfYd0/sKOSODI0rTijc=\n\n\
\u{2014} treaty.example/ledger 6cU3twdFuSKadvbVygMp79frohHSzDLJa9RkwoxLmUNHwseDTNVrem7ZxDaFPTkRKIb8sfo+/I5ACi10Djezjbp9mQ0=\n\
\u{2014} witness.member-a.example FtkHOQAAAABpVbkAl17iYxYFTu1lCqMPHzGdD+JwK5A8Np0idaxFcVPsd1ohVq0kvfrk+BG162ayK9HTpDxKvMCj33p6QBhYBpXqAg==\n";

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn signed_note_vectors() {
    let v = load("signed_notes.json");
    let keys: Vec<(String, VerifierKey)> = v["verifier_keys"]
        .as_object()
        .expect("verifier_keys")
        .iter()
        .map(|(label, text)| {
            let text = text.as_str().expect("vkey");
            let key = VerifierKey::parse(text).expect("verifier key parses");
            assert_eq!(key.to_string(), text, "vkey round trip");
            (label.clone(), key)
        })
        .collect();
    report("verifier keys (signed_notes)", keys.len(), 0, "");
    let key = |name: &str| keys.iter().find(|(l, _)| l == name).expect("key").1.clone();

    let mut signers = 0;
    for (label, text) in v["signer_keys_TEST_ONLY"].as_object().expect("signers") {
        if label.starts_with('_') {
            continue;
        }
        let signer = SignerKey::parse(text.as_str().expect("skey")).expect("signer key parses");
        assert_eq!(signer.verifier(), &key(label));
        assert_eq!(signer.to_private_string(), text.as_str().expect("skey"));
        signers += 1;
    }
    report("signer keys (signed_notes)", signers, 0, "");

    let mut passed = 0;
    for case in v["cases"].as_array().expect("cases") {
        let name = s(case, "name");
        let trusted: Vec<VerifierKey> = case["trusted"]
            .as_array()
            .expect("trusted")
            .iter()
            .map(|n| key(n.as_str().expect("name")))
            .collect();
        let parsed = Note::parse(s(case, "note").as_bytes());
        let expect = s(case, "expect");
        if expect == "error: malformed note" {
            assert!(parsed.is_err(), "{name}: must be malformed");
            passed += 1;
            continue;
        }
        let note = parsed.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(note.to_string(), s(case, "note"), "{name}: emit round trip");
        let result = note.verify(&trusted);
        if let Some(message) = expect.strip_prefix("error: ") {
            let error = result.expect_err(name);
            assert_eq!(error.to_string(), message, "{name}");
        } else {
            let verified = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            let names = |list: &Value| -> Vec<String> {
                list.as_array().map_or_else(Vec::new, |a| {
                    a.iter()
                        .map(|n| n.as_str().expect("n").to_owned())
                        .collect()
                })
            };
            if !case["expect_verified"].is_null() {
                let got: Vec<String> = verified.keys.iter().map(|k| k.name().to_string()).collect();
                assert_eq!(got, names(&case["expect_verified"]), "{name}");
            }
            let unknown: Vec<String> = verified
                .unknown
                .iter()
                .map(|k| k.name().to_string())
                .collect();
            assert_eq!(unknown, names(&case["expect_unverified"]), "{name}");
            if let Some(text) = case["expect_text"].as_str() {
                assert_eq!(note.text(), text);
            }
        }
        passed += 1;
    }
    report("signed note cases", passed, 0, "");

    // Signing is deterministic: the Go package's Sign output is reproduced byte for byte.
    let mut reproduced = 0;
    for (label, case) in [("PeterNeumann", 1), ("localhost.localdev/sumdb", 7)] {
        let signer = SignerKey::parse(s(&v["signer_keys_TEST_ONLY"], label)).expect("skey");
        let wanted = s(&v["cases"][case], "note");
        let mut note =
            Note::new(Note::parse(wanted.as_bytes()).expect("note").text()).expect("text");
        note.sign(&signer).expect("sign");
        assert_eq!(note.to_string(), wanted, "{label}: Sign output");
        reproduced += 1;
    }
    report("signatures reproduced (signed_notes)", reproduced, 0, "");

    let mut malformed = 0;
    for case in v["malformed_notes_expect_error"]
        .as_array()
        .expect("malformed")
    {
        let result = Note::parse(s(case, "note").as_bytes());
        assert!(result.is_err(), "{} must be rejected", s(case, "why"));
        malformed += 1;
    }
    // The case the JSON cannot hold: a leading 0xFF byte (invalid UTF-8).
    let mut bytes = vec![0xFF];
    bytes.extend_from_slice(s(&v["cases"][1], "note").as_bytes());
    assert_eq!(
        Note::parse(&bytes),
        Err(NoteError::NotUtf8 { valid_up_to: 0 })
    );
    malformed += 1;
    report("malformed notes rejected", malformed, 0, "");
}

#[test]
fn rfc8032_vectors() {
    let v = load("ed25519_rfc8032.json");
    let mut passed = 0;
    for case in v["cases"].as_array().expect("cases") {
        let seed: [u8; 32] = hex(s(case, "secret_key_seed_hex"))
            .try_into()
            .expect("seed");
        let key = SigningKey::from_bytes(&seed);
        assert_eq!(
            key.verifying_key().as_bytes().to_vec(),
            hex(s(case, "public_key_hex"))
        );
        let message = hex(s(case, "message_hex"));
        let signature = key.sign(&message);
        assert_eq!(signature.to_bytes().to_vec(), hex(s(case, "signature_hex")));
        key.verifying_key()
            .verify_strict(&message, &signature)
            .expect("strict verification");
        let mut flipped = message.clone();
        flipped.push(0);
        assert!(
            key.verifying_key()
                .verify_strict(&flipped, &signature)
                .is_err()
        );
        passed += 1;
    }
    report("RFC 8032 Ed25519", passed, 0, "");
}

#[test]
fn treaty_example_vectors() {
    let v = load("treaty_ledger_example.derived.json");
    let mut keys = 0;
    let signer = |who: &str| -> SignerKey {
        let k = &v["keys"][who];
        let signer = SignerKey::parse(s(k, "skey_TEST_ONLY")).expect("skey");
        let seed: [u8; 32] = hex(s(k, "seed_hex")).try_into().expect("seed");
        let kind = if k["sig_type"] == 4 {
            KeyType::CosignatureV1
        } else {
            KeyType::Ed25519
        };
        let from_seed = SignerKey::from_seed(signer.verifier().name().clone(), kind, &seed);
        assert_eq!(from_seed.verifier(), signer.verifier());
        assert_eq!(signer.verifier().to_string(), s(k, "vkey"));
        assert_eq!(signer.verifier().key_id().to_string(), s(k, "key_id_hex"));
        signer
    };
    let log = signer("log");
    let wa = signer("witness_member_a");
    let wb = signer("witness_member_b");
    let delegations = ["delegation_a", "delegation_b", "delegation_c"].map(signer);
    keys += 6;
    report("treaty example keys", keys, 0, "");

    // The log's checkpoints, reproduced byte for byte and verified.
    let mut checks = 0;
    let body5 = s(&v, "checkpoint_body_size5");
    let cp5 = Checkpoint::parse(body5).expect("body");
    assert_eq!(cp5.to_body(), body5);
    let signed5 = cp5.sign(&log).expect("sign").to_string();
    assert_eq!(signed5, s(&v, "checkpoint_size5_log_signed"));
    let cp3 = Checkpoint::parse(
        Note::parse(s(&v, "checkpoint_size3").as_bytes())
            .expect("n")
            .text(),
    )
    .expect("cp3");
    assert_eq!(
        cp3.sign(&log).expect("sign").to_string(),
        s(&v, "checkpoint_size3")
    );
    checks += 2;

    // Cosignatures: messages, exact lines, and verification of the cosigned note.
    let cosigned = s(&v, "checkpoint_size5_cosigned");
    let note = Note::parse(cosigned.as_bytes()).expect("cosigned note");
    for (who, key) in [("witness_member_a", &wa), ("witness_member_b", &wb)] {
        let time = v["cosignature_timestamps"][who].as_u64().expect("time");
        assert_eq!(
            cosigned_message(body5, time),
            s(&v["cosignature_messages"], who)
        );
        let cosig = Cosignature::sign(key, &cp5, time).expect("cosign");
        let line = cosig.to_note_signature();
        assert!(
            note.signatures().contains(&line),
            "{who}: exact cosignature line"
        );
        let parsed = note
            .signatures()
            .iter()
            .find(|l| l.is_from(key.verifier()))
            .expect("line");
        let parsed = Cosignature::from_note_signature(parsed).expect("cosignature");
        assert_eq!(parsed.timestamp(), time);
        parsed
            .verify(key.verifier(), &cp5)
            .expect("cosignature verifies");
        checks += 3;
    }
    let trusted = [
        log.verifier().clone(),
        wa.verifier().clone(),
        wb.verifier().clone(),
    ];
    let verified = note.verify(&trusted).expect("log + 2 witnesses");
    assert_eq!(verified.keys.len(), 3);
    let signed = SignedCheckpoint::open(cosigned.as_bytes(), log.verifier()).expect("log sig");
    assert_eq!(signed.checkpoint(), &cp5);
    checks += 2;

    // A witness reproduces member A's cosignature from the 3 -> 5 consistency proof.
    let proof: Vec<_> = v["consistency_3_to_5_hex"]
        .as_array()
        .expect("proof")
        .iter()
        .map(|h| accord_ledger::Hash::from_hex(h.as_str().expect("h")).expect("hash"))
        .collect();
    let mut witness =
        Witness::new(wa.clone(), log.verifier().clone(), "treaty.example/ledger").expect("witness");
    let first = s(&v, "checkpoint_size3").as_bytes();
    witness
        .add_checkpoint(0, &[], first, 1_767_225_000)
        .expect("first checkpoint");
    let time = v["cosignature_timestamps"]["witness_member_a"]
        .as_u64()
        .expect("t");
    let cosig = witness
        .add_checkpoint(3, &proof, signed5.as_bytes(), time)
        .expect("consistent checkpoint");
    assert!(note.signatures().contains(&cosig.to_note_signature()));
    checks += 1;

    // The adoption note, signed by three delegations.
    let mut adoption = Note::new(s(&v, "adoption_note_text")).expect("text");
    for key in &delegations {
        adoption.sign(key).expect("sign");
    }
    assert_eq!(adoption.to_string(), s(&v, "adoption_note_3_of_3"));
    let trusted: Vec<_> = delegations.iter().map(|k| k.verifier().clone()).collect();
    assert_eq!(adoption.verify(&trusted).expect("3 of 3").keys.len(), 3);
    checks += 2;

    // Negative cases.
    let negatives = v["negative_cases"].as_object().expect("negatives");
    let mut rejected = 0;
    for (name, value) in negatives {
        let value = value.as_str().expect("case");
        if name.starts_with("adoption_note_tampered_text") {
            let tampered = Note::parse(value.as_bytes()).expect("well-formed");
            assert!(matches!(
                tampered.verify(&trusted),
                Err(VerifyError::InvalidSignature { .. })
            ));
        } else if name.starts_with("cosignature_line_verified_as_plain_0x01") {
            let public = *wa.verifier().public_key();
            let plain = VerifierKey::new(wa.verifier().name().clone(), KeyType::Ed25519, public);
            assert_ne!(plain.key_id(), wa.verifier().key_id());
            let only = [plain];
            assert_eq!(note.verify(&only), Err(VerifyError::NoVerifiableSignatures));
        } else {
            let witnesses_only = Note::parse(value.as_bytes()).expect("well-formed");
            let both = [wa.verifier().clone(), wb.verifier().clone()];
            assert_eq!(
                witnesses_only
                    .verify(&both)
                    .expect("cosignatures")
                    .keys
                    .len(),
                2
            );
            assert!(SignedCheckpoint::open(value.as_bytes(), log.verifier()).is_err());
        }
        rejected += 1;
    }
    // The worked example of the crate README (NOTES_SECTION.md): size 3, cosigned by member A.
    let cp3 = SignedCheckpoint::open(s(&v, "checkpoint_size3").as_bytes(), log.verifier())
        .expect("size 3")
        .checkpoint()
        .clone();
    let mut example = cp3.sign(&log).expect("sign");
    let cosig = Cosignature::sign(&wa, &cp3, 1_767_225_600).expect("cosign");
    example
        .add_signature(cosig.to_note_signature())
        .expect("add");
    assert_eq!(example.to_string(), WORKED_EXAMPLE);
    checks += 1;
    report(
        "treaty example note/checkpoint/cosignature checks",
        checks,
        0,
        "",
    );
    report("treaty example negative cases", rejected, 0, "");
}
