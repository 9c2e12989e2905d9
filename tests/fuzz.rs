//! Replays the fuzzing corpora: every file of `fuzz/corpus/<target>/` (the seeds) and
//! of `fuzz/regressions/<target>/` (inputs that once failed, minimized) runs through the
//! same function as the fuzz target. See `docs/fuzzing.md`.

use std::path::{Path, PathBuf};

use glose_tests::fuzz::TARGETS;
use glose_tests::repo_root;

/// The files of a folder, sorted (none when it does not exist).
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn target(name: &str) -> fn(&[u8]) {
    TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("no fuzz target {name}"))
}

/// Runs every file of `folder/<target>/` through the target; returns how many ran.
fn replay(folder: &str, name: &str) -> usize {
    let run = target(name);
    let inputs = files(&repo_root().join("fuzz").join(folder).join(name));
    for file in &inputs {
        let data = std::fs::read(file).expect("read a corpus file");
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(
            outcome.is_ok(),
            "{name}: {} fails (replay it with `cargo fuzz run {name} {}`)",
            file.display(),
            file.display()
        );
    }
    inputs.len()
}

macro_rules! corpus_tests {
    ($($name:ident),* $(,)?) => {
        mod seeds {
            $(
                #[test]
                fn $name() {
                    let n = super::replay("corpus", stringify!($name));
                    assert!(n > 0, "no seed for {}", stringify!($name));
                }
            )*
        }
        mod regressions {
            $(
                #[test]
                fn $name() {
                    super::replay("regressions", stringify!($name));
                }
            )*
        }
    };
}

corpus_tests!(
    pipeline_bytes,
    pipeline_text,
    kb_toml,
    rules_toml,
    config_toml,
    lsp_edits
);

#[test]
fn every_target_has_a_test_and_a_fuzz_target() {
    let names = [
        "pipeline_bytes",
        "pipeline_text",
        "kb_toml",
        "rules_toml",
        "config_toml",
        "lsp_edits",
    ];
    assert_eq!(TARGETS.len(), names.len());
    for name in names {
        target(name);
        let source = repo_root().join(format!("fuzz/fuzz_targets/{name}.rs"));
        let text = std::fs::read_to_string(&source)
            .unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        assert!(
            text.contains(&format!("glose_tests::fuzz::{name}(")),
            "{} does not run glose_tests::fuzz::{name}",
            source.display()
        );
    }
}

/// The targets check what they claim: inputs that break an invariant are caught.
#[test]
fn the_edit_model_agrees_on_hand_picked_edits() {
    // "é😀\r\nab": replace 😀 (UTF-16 columns 1..3) with "x", then insert at 1:1.
    let mut data = vec![1u8];
    data.extend_from_slice("é😀\r\nab".as_bytes());
    data.push(0xFF);
    for (l0, c0, l1, c1, text) in [(0u16, 1u16, 0u16, 3u16, "x"), (1, 1, 1, 1, "\r")] {
        for v in [l0, c0, l1, c1] {
            data.extend_from_slice(&v.to_le_bytes());
        }
        data.push(text.len() as u8);
        data.extend_from_slice(text.as_bytes());
    }
    glose_tests::fuzz::lsp_edits(&data);
}
