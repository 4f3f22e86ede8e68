//! Bytes as a stream of choices that build a plausible handout, so the fuzzer
//! spends its time in layout and PDF writing rather than in TOML syntax errors.
//! Set `HANDOUT_FUZZ_PRINT=1` to see the file an input makes.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = handout_fuzz::generate::definition(data);
    if std::env::var_os("HANDOUT_FUZZ_PRINT").is_some() {
        eprintln!("{text}");
    }
    handout_fuzz::run_file(text.as_bytes());
});
