#![no_main]
//! The whole check on any input read as Md (see common.rs).

use libfuzzer_sys::fuzz_target;
use provenance::document::InputFormat;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::check_all(data, InputFormat::Md));
