//! Bytes as a stream of choices that build a plausible handout, so the fuzzer
//! spends its time in layout and PDF writing rather than in TOML syntax errors.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = handout_fuzz::generate::definition(data);
    handout_fuzz::run_file(text.as_bytes());
});
