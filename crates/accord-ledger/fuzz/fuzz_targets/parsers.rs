//! Fuzz target: the signed-note, checkpoint, cosignature and key parsers never panic, and what
//! parses emits back to the same bytes.
#![no_main]

use accord_ledger::{Checkpoint, Cosignature, KeyName, KeyType, Note, SignerKey, VerifierKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(note) = Note::parse(data) {
        assert_eq!(note.to_string().as_bytes(), data, "note emit round trip");
        for line in note.signatures() {
            let _ = Cosignature::from_note_signature(line);
        }
        let name = KeyName::new("fuzz.example/log").expect("valid name");
        let log = SignerKey::from_seed(name, KeyType::Ed25519, &[1; 32]);
        let witness = SignerKey::from_seed(
            KeyName::new("fuzz.example/witness").expect("valid name"),
            KeyType::CosignatureV1,
            &[2; 32],
        );
        let _ = note.verify(&[log.verifier().clone(), witness.verifier().clone()]);
        if let Ok(checkpoint) = Checkpoint::parse(note.text()) {
            assert_eq!(checkpoint.to_body(), note.text(), "checkpoint emit round trip");
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(checkpoint) = Checkpoint::parse(text) {
            assert_eq!(checkpoint.to_body(), text, "checkpoint emit round trip");
        }
        if let Ok(key) = VerifierKey::parse(text) {
            assert_eq!(VerifierKey::parse(&key.to_string()), Ok(key));
        }
        let _ = SignerKey::parse(text);
    }
});
