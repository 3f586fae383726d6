//! Validates every conformance alert many times, for instruction counts under
//! `valgrind --tool=callgrind` (repeatable on a loaded machine, unlike wall-clock timings):
//! `cargo build --release -p accord-cap --example profile`, then
//! `valgrind --tool=callgrind target/release/examples/profile [ROUNDS] [bare]` (`bare`: a bare
//! quick-xml event loop over the same bytes instead, as in the benchmark).

use std::path::PathBuf;

#[expect(
    clippy::print_stdout,
    reason = "a command-line tool reports what it did"
)]
fn main() {
    let dir = std::env::var_os("ACCORD_CAP_CONFORMANCE").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cap"),
        PathBuf::from,
    );
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("conformance data at {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml" || x == "cap"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable alert");
            (p, bytes)
        })
        .collect();
    files.sort();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    if std::env::args().nth(2).as_deref() == Some("dump") {
        // Every file, then every file with one byte deleted (every `rounds`-th position):
        // the verdict, the codes and paths, and the alert, one line each, for comparing
        // two versions of the reader.
        for (path, xml) in &files {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            for cut in std::iter::once(None).chain((0..xml.len()).step_by(rounds).map(Some)) {
                let mut doc = xml.clone();
                if let Some(i) = cut {
                    doc.remove(i);
                }
                let v = accord_cap::validate(&doc);
                let codes: Vec<String> = v
                    .diagnostics
                    .iter()
                    .map(|d| format!("{}@{}", d.code.as_str(), d.path))
                    .collect();
                println!("{name:?} {cut:?} {} {codes:?} {:?}", v.is_valid(), v.alert);
            }
        }
        return;
    }
    if std::env::args().nth(2).as_deref() == Some("bare") {
        let texts: Vec<&str> = files
            .iter()
            .map(|(_, xml)| std::str::from_utf8(xml).unwrap_or_default())
            .collect();
        let mut events = 0usize;
        for _ in 0..rounds {
            for text in &texts {
                let mut reader = quick_xml::Reader::from_str(std::hint::black_box(text));
                while let Ok(e) = reader.read_event() {
                    if e == quick_xml::events::Event::Eof {
                        break;
                    }
                    events += 1;
                }
            }
        }
        println!(
            "{} files, {rounds} rounds, {events} quick-xml events",
            files.len()
        );
        return;
    }
    let mut errors = 0usize;
    for _ in 0..rounds {
        for (_, xml) in &files {
            let v = std::hint::black_box(accord_cap::validate(std::hint::black_box(xml)));
            errors += v.diagnostics.len();
        }
    }
    println!(
        "{} files, {rounds} rounds, {errors} diagnostics",
        files.len()
    );
}
