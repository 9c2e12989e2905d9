//! The `config_toml` fuzz target: see `glose_tests::fuzz::config_toml` and `docs/fuzzing.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| glose_tests::fuzz::config_toml(data));
