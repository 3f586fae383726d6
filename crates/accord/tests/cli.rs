//! The real `accord` binary: `cap validate` and `cap convert`, their output and exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn accord(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("accord runs")
}

fn conformance(name: &str) -> String {
    let dir = std::env::var_os("ACCORD_CAP_CONFORMANCE").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cap"),
        PathBuf::from,
    );
    dir.join(name).to_string_lossy().into_owned()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn validate_prints_one_json_line_per_file_and_exits_zero_when_all_are_valid() {
    let files = [
        conformance("oasis_cap12_appendixA1_homeland_security.xml"),
        conformance("wmo_cn_valid_zh_en.xml"),
    ];
    let out = accord(&["cap", "validate", &files[0], &files[1]]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], files[0].as_str());
    assert_eq!(lines[0]["valid"], true);
    assert!(lines[0]["errors"].as_array().is_some());
}

#[test]
fn validate_exits_one_when_any_file_is_invalid_and_names_the_problem() {
    let good = conformance("oasis_cap12_appendixA2_thunderstorm.xml");
    let bad = conformance("google_invalid_missing_scope.cap");
    let out = accord(&["cap", "validate", &good, &bad]);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines[1]["valid"], false);
    let e = &lines[1]["errors"][0];
    assert_eq!(e["code"], "MISSING_REQUIRED_ELEMENT");
    assert_eq!(e["path"], "/alert/scope");
    assert_eq!(e["severity"], "error");
    assert!(e["message"].as_str().is_some_and(|m| m.contains("scope")));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(accord(&["cap", "validate"]).status.code(), Some(2));
    assert_eq!(accord(&["cap", "frobnicate"]).status.code(), Some(2));
    let out = accord(&["cap", "validate", "/nonexistent/alert.xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_lines(&out)[0]["errors"][0]["code"], "FILE_UNREADABLE");
}

#[test]
fn convert_reemits_a_valid_alert_canonically() {
    let out = accord(&[
        "cap",
        "convert",
        &conformance("google_australia_rfs_cap_prefix.cap"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(xml.contains("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"));
    assert!(!xml.contains("<cap:"), "prefixes are canonicalised away");
    let again = accord_cap::parse(xml.as_bytes()).expect("the output is valid CAP");
    assert_eq!(accord_cap::emit(&again), xml);
}

#[test]
fn convert_refuses_an_invalid_alert_with_exit_one() {
    let out = accord(&[
        "cap",
        "convert",
        &conformance("fpas_test_cap_data_expired_alert_unclosed_polygon.xml"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("INVALID_POLYGON"));
}
