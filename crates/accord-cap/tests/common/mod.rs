//! Shared test helpers: where the conformance data lives and what its manifest says.

#![allow(
    dead_code,
    unreachable_pub,
    reason = "each test crate uses a different subset"
)]

use std::path::PathBuf;

/// One row of `MANIFEST.tsv`.
#[derive(Debug)]
pub struct Case {
    pub name: String,
    pub verdict: String,
    pub reason: String,
    pub path: PathBuf,
}

/// The conformance directory: `$ACCORD_CAP_CONFORMANCE`, or `shared/conformance/cap` beside
/// the repository.
pub fn conformance_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ACCORD_CAP_CONFORMANCE") {
        return PathBuf::from(dir);
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = repo.join("../shared/conformance/cap");
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "conformance data not found at {} (set ACCORD_CAP_CONFORMANCE)",
        dir.display()
    );
    dir
}

/// The manifest's alert rows (the schema row is left out).
pub fn manifest() -> Vec<Case> {
    let dir = conformance_dir();
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("MANIFEST.tsv readable");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (name_col, verdict_col, reason_col) =
        (col("local_name"), col("verdict"), col("reason_or_notes"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').collect::<Vec<&str>>())
        .filter(|f| !f[verdict_col].starts_with("n/a"))
        .map(|f| Case {
            name: f[name_col].to_owned(),
            verdict: f[verdict_col].to_owned(),
            reason: f[reason_col].to_owned(),
            path: dir.join(f[name_col]),
        })
        .collect()
}

/// Reads a case's bytes; a listed file that is missing fails the test.
pub fn read(case: &Case) -> Vec<u8> {
    std::fs::read(&case.path).unwrap_or_else(|e| {
        panic!(
            "listed file {} missing or unreadable: {e}",
            case.path.display()
        )
    })
}
