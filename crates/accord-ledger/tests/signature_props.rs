//! Property tests: sign → emit → parse → verify, and checkpoint emit → parse, round trip.

use accord_ledger::{
    Checkpoint, Cosignature, Hash, KeyName, KeyType, Note, SignedCheckpoint, SignerKey, VerifierKey,
};
use proptest::prelude::*;

fn name() -> impl Strategy<Value = KeyName> {
    "[a-z0-9./_-]{1,24}".prop_map(|n| KeyName::new(&n).expect("valid name"))
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec("[^\\x00-\\x1f]{0,40}", 1..6).prop_map(|lines| {
        let mut text = lines.join("\n");
        text.push('\n');
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn signed_notes_round_trip(text in text(), names in prop::collection::vec(name(), 1..4), seed: [u8; 32]) {
        let mut note = Note::new(&text).expect("text");
        let keys: Vec<SignerKey> = names
            .iter()
            .map(|n| SignerKey::from_seed(n.clone(), KeyType::Ed25519, &seed))
            .collect();
        for key in &keys {
            note.sign(key).expect("sign");
        }
        let wire = note.to_string();
        let parsed = Note::parse(wire.as_bytes()).expect("parses");
        prop_assert_eq!(&parsed, &note);
        prop_assert_eq!(parsed.text(), text.as_str());
        let verifiers: Vec<VerifierKey> = keys.iter().map(|k| k.verifier().clone()).collect();
        let verified = parsed.verify(&verifiers).expect("verifies");
        prop_assert_eq!(verified.keys.len(), verifiers.len());
        for key in &keys {
            let v = key.verifier();
            let reparsed = VerifierKey::parse(&v.to_string()).expect("vkey");
            prop_assert_eq!(&reparsed, v);
            let s = SignerKey::parse(&key.to_private_string()).expect("skey");
            prop_assert_eq!(s.verifier(), v);
        }
        // Any change to the text breaks every signature.
        let tampered = format!("x{wire}");
        let tampered = Note::parse(tampered.as_bytes()).expect("parses");
        prop_assert!(tampered.verify(&verifiers).is_err());
    }

    #[test]
    fn checkpoints_round_trip(
        origin in "[a-zA-Z0-9./ _-]{1,40}",
        size: u64,
        root: [u8; 32],
        extensions in prop::collection::vec("[^\\x00-\\x1f\\x7f-\\x9f]{1,30}", 0..3),
        time in 0u64..(1 << 63),
    ) {
        let cp = Checkpoint::with_extensions(&origin, size, Hash(root), extensions).expect("cp");
        let body = cp.to_body();
        prop_assert_eq!(&Checkpoint::parse(&body).expect("parses"), &cp);
        let log = SignerKey::from_seed(KeyName::new("log").expect("n"), KeyType::Ed25519, &root);
        let witness = SignerKey::from_seed(KeyName::new("w").expect("n"), KeyType::CosignatureV1, &root);
        let mut note = cp.sign(&log).expect("sign");
        let cosig = Cosignature::sign(&witness, &cp, time).expect("cosign");
        note.add_signature(cosig.to_note_signature()).expect("add");
        let wire = note.to_string();
        let signed = SignedCheckpoint::open(wire.as_bytes(), log.verifier()).expect("opens");
        prop_assert_eq!(signed.checkpoint(), &cp);
        let both = [log.verifier().clone(), witness.verifier().clone()];
        prop_assert_eq!(signed.note().verify(&both).expect("verifies").keys.len(), 2);
    }
}
