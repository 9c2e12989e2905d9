//! Embeds every `kb/*.toml` file as the default knowledge base.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // The folder of this run, not of the build script's own compilation (`env!`): a
    // build script compiled in one checkout may run for another that shares the target
    // folder.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("kb");
    println!("cargo::rerun-if-changed={}", dir.display());
    // A default KB that cannot be read is a build error, never an empty KB.
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the default KB folder {}: {e}", dir.display()));
    let mut files: Vec<_> = entries
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("cannot list the default KB folder {}: {e}", dir.display()));
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "toml"));
    assert!(!files.is_empty(), "no *.toml file in {}", dir.display());
    files.sort();
    let mut code = String::from(
        "/// The default KB files: (file name, text).\npub const BUILTIN_KB: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            file.display().to_string()
        );
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_kb.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
