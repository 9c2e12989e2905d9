//! The `pipeline_text` fuzz target: see `glose_tests::fuzz::pipeline_text` and `docs/fuzzing.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| glose_tests::fuzz::pipeline_text(data));
