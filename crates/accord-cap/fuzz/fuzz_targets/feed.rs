//! Fuzz target: reading arbitrary bytes as a feed never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = accord_cap::parse_feed(data);
});
