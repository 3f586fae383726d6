//! Shared helpers for the signature conformance tests: loading vector files and reporting counts.

use std::path::PathBuf;

use serde_json::Value;

/// The conformance data folder: `shared/` lies beside the repository.
pub(crate) fn vector_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/ledger")
}

/// Loads a vector file; a missing or unreadable file fails the test.
pub(crate) fn load(name: &str) -> Value {
    let path = vector_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("conformance vector file {} is missing: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
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
