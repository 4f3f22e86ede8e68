//! Arbitrary bytes as a definition file.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| handout_fuzz::run_file(data));
