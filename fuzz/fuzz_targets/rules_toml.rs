//! The `rules_toml` fuzz target: see `glose_tests::fuzz::rules_toml` and `docs/fuzzing.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| glose_tests::fuzz::rules_toml(data));
