//! The `lsp_edits` fuzz target: see `glose_tests::fuzz::lsp_edits` and `docs/fuzzing.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| glose_tests::fuzz::lsp_edits(data));
