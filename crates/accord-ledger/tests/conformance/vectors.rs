//! Shared helpers for the conformance suite: where the vectors are, how to read them, and how
//! to report what passed.

use std::path::PathBuf;

use accord_ledger::Hash;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::Value;

/// `shared/conformance/ledger`, beside the repository.
pub(crate) fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/ledger")
}

/// A vector file as JSON; panics (failing the test) if the file is missing.
pub(crate) fn load(name: &str) -> Value {
    let path = dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("conformance vector file {} is missing: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

pub(crate) fn hex_bytes(v: &Value) -> Vec<u8> {
    let s = v.as_str().expect("a hex string");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

pub(crate) fn hex_hash(v: &Value) -> Hash {
    Hash::from_hex(v.as_str().expect("a hex string")).expect("a 32-byte hex hash")
}

pub(crate) fn hex_hashes(v: &Value) -> Vec<Hash> {
    v.as_array()
        .map(|a| a.iter().map(hex_hash).collect())
        .unwrap_or_default()
}

pub(crate) fn b64_bytes(v: &Value) -> Vec<u8> {
    match v.as_str() {
        Some(s) => BASE64.decode(s).expect("base64"),
        None => Vec::new(),
    }
}

pub(crate) fn u64_of(v: &Value) -> u64 {
    v.as_u64().expect("an unsigned integer")
}

/// A string field.
pub(crate) fn s<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("field {key} is not a string"))
}

/// Prints how many vectors of a kind passed (seen with `--nocapture`).
#[expect(
    clippy::print_stderr,
    reason = "the conformance test reports its counts"
)]
pub(crate) fn report(kind: &str, passed: usize, skipped: usize, why: &str) {
    if skipped == 0 {
        eprintln!("conformance {kind}: {passed} passed");
    } else {
        eprintln!("conformance {kind}: {passed} passed, {skipped} skipped ({why})");
    }
}
