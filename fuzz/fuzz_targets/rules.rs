#![no_main]
//! Any rule file: it loads or is rejected with a position, never a panic.

use libfuzzer_sys::fuzz_target;
use provenance::rules::RuleSet;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(e) = RuleSet::load_text("fuzz.toml", text) {
        let _ = e.to_string();
    }
});
