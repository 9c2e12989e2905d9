//! The `pipeline_bytes` fuzz target: see `glose_tests::fuzz::pipeline_bytes` and `docs/fuzzing.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| glose_tests::fuzz::pipeline_bytes(data));
