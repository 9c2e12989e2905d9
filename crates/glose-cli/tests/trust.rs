//! `glose trust` through the real binary: the trust covers the plugin libraries a
//! configuration names, not only its `glose.toml`. A library replaced since is not
//! loaded, with a problem naming it, until the configuration is trusted again.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{
    assert_success, data_dir, faulty, glose_with_own_store, stderr, stdout, taggers, trust,
};
use glose_tests::{compile_c_plugin, repo_root};

/// The library, as the configuration names it when glose runs in the corpus folder.
const LIBRARY: &str = "./libtagger.so";

/// A corpus folder whose glose.toml runs a copy of the faulty plugin, `libtagger.so`
/// beside it, in `mode` ("isolated" or "in-process"): the folder (removed when
/// dropped), its canonical path and the library's.
fn corpus(mode: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().canonicalize().unwrap();
    let library = dir.join("libtagger.so");
    std::fs::copy(faulty(), &library).unwrap();
    std::fs::write(
        dir.join("glose.toml"),
        format!(
            "[[plugin]]\npath = \"libtagger.so\"\nmode = \"{mode}\"\n\
             config = {{ mode = \"panic\", trigger = \"boom\" }}\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), "x à Raqqa, selon l'ONU et ABCD.").unwrap();
    (folder, dir, library)
}

/// Runs `glose annotate` in `dir`, which must fail because the plugins were left out
/// (`untrusted-plugins`, the message containing `says`), and still annotate with the
/// built-in taggers: the taggers it ran.
#[track_caller]
fn left_out(dir: &Path, says: &str) -> Vec<String> {
    let out = glose_with_own_store(dir, &["annotate"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("glose.toml: error[untrusted-plugins]: not loaded: its plugin ("),
        "{err}"
    );
    assert!(err.contains(says), "{err}");
    assert!(err.contains("run `glose trust"), "{err}");
    // The built-in taggers ran: the place is found.
    assert!(
        stdout(&out).contains(r#""text":"Raqqa""#),
        "{}",
        stdout(&out)
    );
    taggers(&out)
}

#[test]
fn a_replaced_library_is_not_loaded_until_trusted_again() {
    let (_folder, dir, library) = corpus("isolated");
    let out = glose_with_own_store(&dir, &["trust"]);
    assert_success(&out);
    let said = stdout(&out);
    assert!(
        said.contains(&format!("runs native code: {} (sha256 ", LIBRARY)),
        "{said}"
    );
    let out = glose_with_own_store(&dir, &["annotate"]);
    assert_success(&out);
    assert!(taggers(&out).iter().any(|t| t == "faulty"));

    // Another plugin copied over the library: glose.toml is unchanged, the library is not.
    let capitals = compile_c_plugin(&repo_root().join("examples/plugins/capitals.c"), &[]);
    std::fs::copy(&capitals, &library).unwrap();
    let ran = left_out(
        &dir,
        &format!(
            "the plugin library {} changed since it was trusted (sha256 ",
            LIBRARY
        ),
    );
    assert!(
        !ran.iter().any(|t| t == "faulty" || t == "capitals"),
        "{ran:?}"
    );
    let out = glose_with_own_store(&dir, &["trust", "--list"]);
    assert!(
        stdout(&out).contains(&format!(
            "plugin library changed or missing since (not trusted): {}",
            library.display()
        )),
        "{}",
        stdout(&out)
    );

    // Trusted again: the new library runs.
    trust(&dir);
    let out = glose_with_own_store(&dir, &["annotate"]);
    assert_success(&out);
    assert!(
        taggers(&out).iter().any(|t| t == "capitals"),
        "{}",
        stdout(&out)
    );
    let out = glose_with_own_store(&dir, &["trust", "--list"]);
    assert!(stdout(&out).ends_with("\ttrusted\n"), "{}", stdout(&out));

    // Gone: a clear problem, and nothing to trust until it is back.
    std::fs::remove_file(&library).unwrap();
    left_out(
        &dir,
        &format!("the plugin library {} cannot be read: ", LIBRARY),
    );
    let out = glose_with_own_store(&dir, &["trust"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "plugin library {}: cannot be read to be trusted",
            LIBRARY
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_in_process_library_with_bytes_appended_is_not_run() {
    let (_folder, dir, library) = corpus("in-process");
    trust(&dir);
    let out = glose_with_own_store(&dir, &["annotate"]);
    assert_success(&out);
    assert!(taggers(&out).iter().any(|t| t == "faulty"));
    // Still a library that loads, but not the bytes that were trusted.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&library)
        .unwrap()
        .write_all(b"not what was trusted")
        .unwrap();
    let ran = left_out(
        &dir,
        &format!("the plugin library {} changed since", LIBRARY),
    );
    assert!(!ran.iter().any(|t| t == "faulty"), "{ran:?}");
    trust(&dir);
    let out = glose_with_own_store(&dir, &["annotate"]);
    assert_success(&out);
    assert!(taggers(&out).iter().any(|t| t == "faulty"));
}

#[test]
fn a_record_from_before_libraries_were_hashed_does_not_trust_them() {
    let (_folder, dir, _) = corpus("isolated");
    trust(&dir);
    // The record as an older glose wrote it: the configuration's digest only.
    let store = data_dir(&dir).join("trusted.jsonl");
    let mut record: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&store).unwrap().trim()).unwrap();
    assert!(record["libraries"].is_object(), "{record}");
    record.as_object_mut().unwrap().remove("libraries");
    std::fs::write(&store, format!("{record}\n")).unwrap();
    let ran = left_out(
        &dir,
        &format!(
            "the plugin library {} is not trusted yet (the configuration was trusted by a \
             glose that did not record its libraries)",
            LIBRARY
        ),
    );
    assert!(!ran.iter().any(|t| t == "faulty"), "{ran:?}");
    let out = glose_with_own_store(&dir, &["trust", "--list"]);
    assert!(
        stdout(&out).contains("its plugin libraries are not trusted yet"),
        "{}",
        stdout(&out)
    );
    trust(&dir);
    let out = glose_with_own_store(&dir, &["annotate"]);
    assert_success(&out);
    assert!(taggers(&out).iter().any(|t| t == "faulty"));
}
