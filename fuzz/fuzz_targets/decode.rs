#![no_main]
//! Sniffing and decoding any bytes as UTF-8, UTF-16 or UTF-32: no panic;
//! when they decode, offsets map back monotonically onto the bytes, the
//! whole text onto all of them, and the text checks like any other.

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use provenance::document::{decode_as, sniff, Encoding, InputFormat, Transcoded};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let encoding = sniff(data);
    if encoding == Encoding::Binary {
        return;
    }
    let Ok(text) = decode_as(Path::new("fuzz"), data.to_vec(), encoding) else {
        return;
    };
    let map = Transcoded::new(&text, encoding);
    let mut last = 0;
    for at in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
        let original = map.original(&text, at);
        assert!(original >= last && original <= data.len());
        last = original;
    }
    assert_eq!(last, data.len(), "the whole text maps onto every byte");
    common::check_all(text.as_bytes(), InputFormat::Txt);
});
