#![no_main]
//! Segmentation of any UTF-8 text: spans ordered, disjoint, on boundaries.

use libfuzzer_sys::fuzz_target;
use provenance::rules::RuleSet;
use std::sync::OnceLock;

static RULES: OnceLock<RuleSet> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rules = RULES.get_or_init(RuleSet::embedded);
    let mut last = 0;
    for s in provenance::segment::segment(text, &rules.lexicon) {
        assert!(s.span.start >= last && s.span.start < s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        last = s.span.end;
    }
});
