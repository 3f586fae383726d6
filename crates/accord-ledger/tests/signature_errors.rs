//! Every typed error of the note, key, checkpoint and cosignature parsers is produced by some input.

use accord_ledger::{
    Checkpoint, CheckpointError, Cosignature, CosignatureError, Hash, HashError, KeyError, KeyId,
    KeyName, KeyType, MAX_NOTE_SIZE, MAX_SIGNATURES, Note, NoteError, NoteSignature, OpenError,
    SignedCheckpoint, SignerKey, VerifierKey, VerifyError,
};

fn signer(name: &str, kind: KeyType, seed: u8) -> SignerKey {
    SignerKey::from_seed(KeyName::new(name).expect("name"), kind, &[seed; 32])
}

const SIG: &str =
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

#[test]
fn malformed_notes_say_what_is_wrong() {
    let line = format!("\u{2014} PeterNeumann {SIG}\n");
    let cases: Vec<(Vec<u8>, NoteError)> = vec![
        (
            vec![b'a'; MAX_NOTE_SIZE + 1],
            NoteError::TooLarge {
                size: MAX_NOTE_SIZE + 1,
            },
        ),
        (vec![b'a', 0xC3], NoteError::NotUtf8 { valid_up_to: 1 }),
        (
            format!("a\tb\n\n{line}").into_bytes(),
            NoteError::ControlCharacter { byte: 9, offset: 1 },
        ),
        (
            format!("a\r\n\n{line}").into_bytes(),
            NoteError::ControlCharacter {
                byte: 13,
                offset: 1,
            },
        ),
        (
            format!("text\n{line}").into_bytes(),
            NoteError::MissingBlankLine,
        ),
        (b"text\n\n".to_vec(), NoteError::NoSignatures),
        (
            format!("text\n\n{}", line.trim_end()).into_bytes(),
            NoteError::MissingFinalNewline,
        ),
        (
            format!("text\n\n{line}- x {SIG}\n").into_bytes(),
            NoteError::NotASignatureLine { line: 2 },
        ),
        (
            b"text\n\n\xE2\x80\x94 name\n".to_vec(),
            NoteError::MissingSignature { line: 1 },
        ),
        (
            b"text\n\n\xE2\x80\x94 name \n".to_vec(),
            NoteError::MissingSignature { line: 1 },
        ),
        (
            format!("text\n\n\u{2014} a+b {SIG}\n").into_bytes(),
            NoteError::InvalidKeyName { line: 1 },
        ),
        (
            format!("text\n\n\u{2014}  {SIG}\n").into_bytes(),
            NoteError::InvalidKeyName { line: 1 },
        ),
        (
            format!("text\n\n\u{2014} a\u{a0}b {SIG}\n").into_bytes(),
            NoteError::InvalidKeyName { line: 1 },
        ),
        (
            b"text\n\n\xE2\x80\x94 name !!!!\n".to_vec(),
            NoteError::BadBase64 { line: 1 },
        ),
        (
            b"text\n\n\xE2\x80\x94 name AAA\n".to_vec(),
            NoteError::BadBase64 { line: 1 },
        ),
        (
            b"text\n\n\xE2\x80\x94 name AAAA\n".to_vec(),
            NoteError::SignatureTooShort { line: 1, len: 3 },
        ),
        (
            b"text\n\n\xE2\x80\x94 name AAAAAA==\n".to_vec(),
            NoteError::SignatureTooShort { line: 1, len: 4 },
        ),
        (
            format!("text\n\n{}", line.repeat(MAX_SIGNATURES + 1)).into_bytes(),
            NoteError::TooManySignatures,
        ),
    ];
    for (input, want) in cases {
        assert_eq!(Note::parse(&input), Err(want.clone()), "{want}");
        assert!(!want.to_string().is_empty());
    }
    let full = format!("text\n\n{}", line.repeat(MAX_SIGNATURES));
    assert_eq!(
        Note::parse(full.as_bytes())
            .expect("100 is fine")
            .signatures()
            .len(),
        100
    );
    // Text with empty lines is allowed: the text ends at the note's last empty line.
    let note = Note::parse(format!("a\n\nb\n\n\n{line}").as_bytes()).expect("empty lines");
    assert_eq!(note.text(), "a\n\nb\n\n");
}

#[test]
fn unsigned_note_texts_are_checked() {
    assert_eq!(Note::new(""), Err(NoteError::EmptyText));
    assert_eq!(Note::new("no newline"), Err(NoteError::TextMissingNewline));
    assert!(matches!(
        Note::new("a\u{1}\n"),
        Err(NoteError::ControlCharacter { .. })
    ));
    let big = "a".repeat(MAX_NOTE_SIZE) + "\n";
    assert!(matches!(Note::new(&big), Err(NoteError::TooLarge { .. })));
    let mut note = Note::new("hello\n").expect("text");
    let cosigner = signer("w", KeyType::CosignatureV1, 1);
    assert_eq!(note.sign(&cosigner), Err(NoteError::CosignerKey));
    let log = signer("log", KeyType::Ed25519, 2);
    for _ in 0..MAX_SIGNATURES {
        note.sign(&log).expect("sign");
    }
    assert_eq!(note.sign(&log), Err(NoteError::TooManySignatures));
}

#[test]
fn verification_rejects_unknown_and_invalid_signatures() {
    let log = signer("log", KeyType::Ed25519, 2);
    let other = signer("other", KeyType::Ed25519, 3);
    let mut note = Note::new("hello\n").expect("text");
    note.sign(&log).expect("sign");
    let only_other = [other.verifier().clone()];
    assert_eq!(
        note.verify(&only_other),
        Err(VerifyError::NoVerifiableSignatures)
    );
    let mut forged = note.signatures()[0].signature().to_vec();
    forged[0] ^= 1;
    let v = log.verifier();
    let mut bad = Note::new("hello\n").expect("text");
    bad.add_signature(NoteSignature::new(v.name().clone(), v.key_id(), forged))
        .expect("add");
    let want = VerifyError::InvalidSignature {
        name: v.name().clone(),
        key_id: v.key_id(),
    };
    assert_eq!(bad.verify(std::slice::from_ref(v)), Err(want.clone()));
    assert_eq!(
        want.to_string(),
        format!("invalid signature for key log+{}", v.key_id())
    );
    // A short signature from a known key is invalid, not a panic.
    let mut short = Note::new("hello\n").expect("text");
    short
        .add_signature(NoteSignature::new(v.name().clone(), v.key_id(), vec![1]))
        .expect("add");
    assert!(short.verify(std::slice::from_ref(v)).is_err());
}

#[test]
fn key_strings_say_what_is_wrong() {
    let key = signer("example.com/log", KeyType::Ed25519, 5);
    let vkey = key.verifier().to_string();
    let (name, rest) = vkey.split_once('+').expect("+");
    let (id, b64) = rest.split_once('+').expect("+");
    assert_eq!(VerifierKey::parse(&vkey).as_ref(), Ok(key.verifier()));
    assert_eq!(
        KeyName::new("a b"),
        Err(KeyError::InvalidName("a b".into()))
    );
    assert!(matches!(
        VerifierKey::parse(&format!("a b+{id}+{b64}")),
        Err(KeyError::InvalidName(_))
    ));
    assert_eq!(VerifierKey::parse(name), Err(KeyError::MissingField));
    assert_eq!(
        VerifierKey::parse(&format!("{name}+{id}")),
        Err(KeyError::MissingField)
    );
    assert!(matches!(
        VerifierKey::parse(&format!("{name}+1234+{b64}")),
        Err(KeyError::BadKeyId(_))
    ));
    assert!(matches!(
        VerifierKey::parse(&format!("{name}+zzzzzzzz+{b64}")),
        Err(KeyError::BadKeyId(_))
    ));
    assert_eq!(
        VerifierKey::parse(&format!("{name}+{id}+!!")),
        Err(KeyError::BadBase64)
    );
    assert_eq!(
        VerifierKey::parse(&format!("{name}+{id}+")),
        Err(KeyError::BadKey(0))
    );
    assert_eq!(
        VerifierKey::parse(&format!("{name}+{id}+AQID")),
        Err(KeyError::BadKey(2))
    );
    let typed = |t: u8| {
        let mut b = vec![t];
        b.extend_from_slice(key.verifier().public_key().as_bytes());
        base64_encode(&b)
    };
    assert_eq!(
        VerifierKey::parse(&format!("{name}+{id}+{}", typed(6))),
        Err(KeyError::UnsupportedType(6))
    );
    let mismatch = VerifierKey::parse(&format!("{name}+{id}+{}", typed(4)));
    assert!(matches!(mismatch, Err(KeyError::KeyIdMismatch { .. })));
    assert_eq!(
        SignerKey::parse(&vkey).map(|_| ()),
        Err(KeyError::NotPrivateKey)
    );
    let private = key.to_private_string();
    assert_eq!(
        SignerKey::parse(&private).expect("skey").verifier(),
        key.verifier()
    );
    let wrong_id = private.replace(id, "00000000");
    assert!(matches!(
        SignerKey::parse(&wrong_id),
        Err(KeyError::KeyIdMismatch { .. })
    ));
    assert!(
        !format!("{key:?}").contains(&private[30..]),
        "Debug must not show the secret"
    );
    let fresh =
        SignerKey::generate(KeyName::new("g").expect("n"), KeyType::Ed25519).expect("os rng");
    assert_ne!(
        fresh.verifier(),
        signer("g", KeyType::Ed25519, 0).verifier()
    );
    assert_eq!(KeyId(0xab).to_string(), "000000ab");
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn malformed_checkpoints_say_what_is_wrong() {
    let root = Hash([3; 32]).to_base64();
    let cases = [
        ("Log\n1\nAAAA", CheckpointError::MissingFinalNewline),
        ("Log\u{1}\n1\nAAAA\n", CheckpointError::ControlCharacter),
        ("\n1\nAAAA\n", CheckpointError::EmptyOrigin),
        ("Log\n", CheckpointError::MissingSize),
        ("Log\n1\n", CheckpointError::MissingRoot),
        ("Log\n01\nAAAA\n", CheckpointError::BadSize("01".into())),
        ("Log\n+1\nAAAA\n", CheckpointError::BadSize("+1".into())),
        ("Log\n\nAAAA\n", CheckpointError::BadSize(String::new())),
        (
            "Log\n18446744073709551616\nAAAA\n",
            CheckpointError::SizeTooLarge("18446744073709551616".into()),
        ),
        (
            "Log\n1\nAAAA\n",
            CheckpointError::BadRoot(HashError::WrongLength(3)),
        ),
    ];
    for (body, want) in cases {
        assert_eq!(Checkpoint::parse(body), Err(want.clone()), "{body:?}");
    }
    let empty_ext = format!("Log\n1\n{root}\next\n\n");
    assert_eq!(
        Checkpoint::parse(&empty_ext),
        Err(CheckpointError::EmptyExtensionLine(2))
    );
    let max = format!("Log\n18446744073709551615\n{root}\n");
    assert_eq!(Checkpoint::parse(&max).expect("u64::MAX").size(), u64::MAX);
    assert_eq!(
        Checkpoint::new("", 1, Hash([0; 32])),
        Err(CheckpointError::EmptyOrigin)
    );
    assert_eq!(
        Checkpoint::new("a\nb", 1, Hash([0; 32])),
        Err(CheckpointError::ControlCharacter)
    );
    let ext = Checkpoint::with_extensions("Log", 1, Hash([0; 32]), vec![String::new()]);
    assert_eq!(ext, Err(CheckpointError::EmptyExtensionLine(1)));
}

#[test]
fn opening_a_signed_checkpoint_names_the_failure() {
    let log = signer("log", KeyType::Ed25519, 2);
    let v = log.verifier();
    assert!(matches!(
        SignedCheckpoint::open(b"x", v),
        Err(OpenError::Note(_))
    ));
    let mut note = Note::new("not a checkpoint\n").expect("text");
    note.sign(&log).expect("sign");
    let text = note.to_string();
    assert!(matches!(
        SignedCheckpoint::open(text.as_bytes(), v),
        Err(OpenError::Checkpoint(_))
    ));
    let other = signer("other", KeyType::Ed25519, 3);
    let result = SignedCheckpoint::open(text.as_bytes(), other.verifier());
    assert!(matches!(result, Err(OpenError::Signature(_))));
}

#[test]
fn cosignature_errors() {
    let log = signer("log", KeyType::Ed25519, 2);
    let witness = signer("w", KeyType::CosignatureV1, 4);
    let cp = Checkpoint::new("log", 3, Hash([1; 32])).expect("checkpoint");
    assert!(matches!(
        Cosignature::sign(&log, &cp, 1),
        Err(CosignatureError::NotCosignerKey(_))
    ));
    let too_late = Cosignature::sign(&witness, &cp, 1 << 63);
    assert_eq!(
        too_late,
        Err(CosignatureError::TimestampOutOfRange(1 << 63))
    );
    let cosig = Cosignature::sign(&witness, &cp, 1_700_000_000).expect("cosign");
    cosig.verify(witness.verifier(), &cp).expect("valid");
    let line = cosig.to_note_signature();
    assert_eq!(Cosignature::from_note_signature(&line).as_ref(), Ok(&cosig));
    let short = NoteSignature::new(line.name().clone(), line.key_id(), vec![0; 71]);
    assert_eq!(
        Cosignature::from_note_signature(&short),
        Err(CosignatureError::WrongLength(71))
    );
    let mut late = line.signature().to_vec();
    late[0] = 0x80;
    let late = NoteSignature::new(line.name().clone(), line.key_id(), late);
    assert!(matches!(
        Cosignature::from_note_signature(&late),
        Err(CosignatureError::TimestampOutOfRange(_))
    ));
    let other = signer("w2", KeyType::CosignatureV1, 5);
    assert!(matches!(
        cosig.verify(other.verifier(), &cp),
        Err(CosignatureError::OtherKey { .. })
    ));
    assert!(matches!(
        cosig.verify(log.verifier(), &cp),
        Err(CosignatureError::NotCosignerKey(_))
    ));
    let cp4 = Checkpoint::new("log", 4, Hash([1; 32])).expect("checkpoint");
    assert!(matches!(
        cosig.verify(witness.verifier(), &cp4),
        Err(CosignatureError::Invalid(_))
    ));
}
