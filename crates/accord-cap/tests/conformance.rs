//! Conformance: every alert in `shared/conformance/cap/MANIFEST.tsv` gets its expected
//! verdict; valid ones round-trip through `emit` and the emitted XML passes the XSD.

mod common;

use accord_cap::{Code, emit, parse, validate};

/// The codes a manifest reason for an invalid file calls for.
fn expected_codes(reason: &str) -> Vec<Code> {
    let r = reason.to_lowercase();
    let mut codes = Vec::new();
    if r.contains("missing") || r.contains("lack") {
        codes.push(Code::MissingRequiredElement);
    }
    if r.contains("order") {
        codes.push(Code::WrongOrder);
    }
    if r.contains("polygon not closed") {
        codes.push(Code::InvalidPolygon);
    }
    if r.contains("self-intersect") || r.contains("crossing") {
        codes.push(Code::PolygonSelfIntersection);
    }
    codes
}

#[test]
#[expect(clippy::print_stdout, reason = "the test reports its counts")]
fn every_manifest_file_gets_its_expected_verdict() {
    let cases = common::manifest();
    assert!(!cases.is_empty(), "the manifest lists no alerts");
    let (mut valid, mut invalid, mut failures) = (0, 0, Vec::new());
    for case in &cases {
        let result = validate(&common::read(case));
        let errors: Vec<_> = result.diagnostics.iter().filter(|d| d.is_error()).collect();
        match case.verdict.as_str() {
            "valid" => {
                valid += 1;
                if !errors.is_empty() || !result.is_valid() {
                    failures.push(format!("{}: expected valid, got {errors:#?}", case.name));
                }
            }
            "invalid" => {
                invalid += 1;
                let wanted = expected_codes(&case.reason);
                if wanted.is_empty() {
                    failures.push(format!(
                        "{}: no code known for reason '{}'",
                        case.name, case.reason
                    ));
                }
                for code in wanted {
                    if !errors.iter().any(|d| d.code == code) {
                        failures.push(format!(
                            "{}: expected {code} for '{}', got {errors:#?}",
                            case.name, case.reason
                        ));
                    }
                }
                if result.is_valid() {
                    failures.push(format!("{}: expected invalid, got valid", case.name));
                }
            }
            other => failures.push(format!("{}: unknown verdict '{other}'", case.name)),
        }
    }
    println!(
        "conformance: {} files ({valid} valid, {invalid} invalid), {} failures",
        cases.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_file_in_the_directory_is_listed() {
    let listed: Vec<String> = common::manifest().into_iter().map(|c| c.name).collect();
    for entry in std::fs::read_dir(common::conformance_dir()).expect("readable") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".xml") || name.ends_with(".cap") {
            assert!(
                listed.contains(&name),
                "{name} is in the directory but not in MANIFEST.tsv"
            );
        }
    }
}

#[test]
fn valid_files_round_trip_through_emit() {
    let mut checked = 0;
    for case in common::manifest().iter().filter(|c| c.verdict == "valid") {
        let alert = parse(&common::read(case)).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let xml = emit(&alert);
        let again = parse(xml.as_bytes())
            .unwrap_or_else(|e| panic!("{}: emitted XML invalid: {e}\n{xml}", case.name));
        assert_eq!(again, alert, "{}: parse(emit(x)) != x", case.name);
        assert_eq!(emit(&again), xml, "{}: emit is not stable", case.name);
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} valid files");
}

#[test]
fn emitted_xml_validates_against_the_cap_schema_with_xmllint() {
    let xmllint = std::process::Command::new("xmllint")
        .arg("--version")
        .output();
    assert!(
        xmllint.is_ok(),
        "xmllint is not installed: install libxml2-utils (apt-get install -y libxml2-utils); .ci/run does"
    );
    let dir = std::env::temp_dir().join(format!("accord-cap-xsd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut files = Vec::new();
    for case in common::manifest().iter().filter(|c| c.verdict == "valid") {
        let alert = parse(&common::read(case)).expect("valid");
        let path = dir.join(&case.name);
        std::fs::write(&path, emit(&alert)).expect("write");
        files.push(path);
    }
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(common::conformance_dir().join("cap12.xsd"))
        .args(&files)
        .output()
        .expect("xmllint runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "xmllint rejected emitted XML:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
