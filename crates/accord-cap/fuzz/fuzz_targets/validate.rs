//! Fuzz target: validating arbitrary bytes never panics; a valid alert round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let v = accord_cap::validate(data);
    assert_eq!(v.is_valid(), !v.diagnostics.iter().any(|d| d.is_error()));
    if let Some(alert) = v.alert {
        let xml = accord_cap::emit(&alert);
        let again = accord_cap::parse(xml.as_bytes()).expect("emitted XML is valid");
        assert_eq!(again, alert, "parse(emit(x)) == x");
        let _ = alert.check();
    }
});
