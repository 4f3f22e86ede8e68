//! Bytes as a brand's regular font, then a handout laid out and rendered with
//! it the way the command does: a font that passes loading must not panic in
//! layout, and rendering runs under the same guard as in the pipeline.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| handout_fuzz::run_font(data));
