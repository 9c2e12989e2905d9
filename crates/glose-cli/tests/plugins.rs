//! Plugins through the real `glose` binary: isolated plugins that crash, abort, loop,
//! print or flood are contained and restarted; configuration, `glose plugins` and
//! `glose new-plugin`.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{GLOSE, assert_success, faulty, glose_with_own_store, stderr, taggers, trust};
use glose_core::{Document, Pipeline, Tagger};
use glose_host::{IsolatedOptions, IsolatedTagger};
use glose_tests::{compile_c_plugin, repo_root};

fn isolated(config: &str, timeout: Duration) -> IsolatedTagger {
    IsolatedTagger::start(IsolatedOptions {
        program: PathBuf::from(GLOSE),
        plugin: faulty(),
        config: config.to_owned(),
        timeout,
        backoff: Duration::from_millis(10),
        ..IsolatedOptions::default()
    })
    .expect("the plugin starts")
}

/// Runs `tagger` on each text: for each, the number of annotations or the error.
fn run(
    tagger: IsolatedTagger,
    texts: &[&str],
) -> (Vec<Result<usize, String>>, Arc<IsolatedTagger>) {
    let tagger = Arc::new(tagger);
    let pipeline = Pipeline::new(vec![tagger.clone() as Arc<dyn Tagger>]).unwrap();
    let results = texts
        .iter()
        .map(|text| {
            let out = pipeline.run(&Document::new("t.txt", *text).unwrap());
            match out.diagnostics.iter().find(|d| d.code == "tagger-failed") {
                Some(d) => Err(d.message.clone()),
                None => Ok(out.store.len()),
            }
        })
        .collect();
    (results, tagger)
}

fn error(result: &Result<usize, String>) -> &str {
    result.as_ref().err().map_or("", String::as_str)
}

/// Runs the faulty plugin in `mode`, set off by "boom", on "boom" then on `next`, and
/// asserts that "boom" fails with an error that says `failure`: what `next` gave, and the
/// tagger.
fn fails_on_boom(
    mode: &str,
    timeout: Duration,
    failure: &str,
    next: &str,
) -> (Result<usize, String>, Arc<IsolatedTagger>) {
    let config = format!(r#"{{"mode": "{mode}", "trigger": "boom"}}"#);
    let (results, tagger) = run(isolated(&config, timeout), &["boom", next]);
    assert!(error(&results[0]).contains(failure), "{results:?}");
    (results[1].clone(), tagger)
}

/// How many annotations `tagger`, the faulty plugin in mode "huge", gives for a document.
fn flood(tagger: &dyn Tagger) -> usize {
    let doc = Document::new("t.txt", "abcdefghij".repeat(10)).unwrap();
    let store = glose_core::AnnotationStore::new();
    let out = tagger
        .tag(&glose_core::DocumentView::new(
            &doc,
            &store,
            &glose_core::tagger::Never,
        ))
        .unwrap();
    out.annotations.len()
}

#[test]
fn a_segfault_is_contained_and_the_plugin_restarted() {
    let (results, tagger) = run(
        isolated(
            r#"{"mode": "segfault", "trigger": "boom"}"#,
            Duration::from_secs(10),
        ),
        &["x x", "boom x", "x x x"],
    );
    assert_eq!(results[0], Ok(2));
    assert!(
        error(&results[1])
            .contains("crashed on this document: the plugin host killed by signal 11 (SIGSEGV)"),
        "{results:?}"
    );
    assert!(
        error(&results[1]).ends_with("it will be restarted"),
        "{results:?}"
    );
    assert_eq!(results[2], Ok(3));
    let health = tagger.health();
    assert_eq!((health.crashes, health.quarantined), (1, false));
}

#[test]
fn an_abort_is_contained() {
    let (next, _) = fails_on_boom(
        "abort",
        Duration::from_secs(10),
        "killed by signal 6 (SIGABRT)",
        "x",
    );
    assert_eq!(next, Ok(1));
}

#[test]
fn an_endless_loop_is_killed_after_the_timeout() {
    let started = Instant::now();
    let (next, _) = fails_on_boom(
        "loop",
        Duration::from_millis(400),
        "timed out after 400ms on this document and was killed",
        "x x",
    );
    assert_eq!(next, Ok(2));
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[test]
fn printing_to_stdout_does_not_corrupt_the_protocol() {
    let (results, _) = run(
        isolated(r#"{"mode": "print"}"#, Duration::from_secs(10)),
        &["x", "x x"],
    );
    assert_eq!(results, [Ok(1), Ok(2)]);
}

#[test]
fn a_panic_in_an_isolated_plugin_is_an_error_and_the_host_lives_on() {
    let (next, tagger) = fails_on_boom(
        "panic",
        Duration::from_secs(10),
        "panicked: faulty plugin panics on purpose",
        "x",
    );
    assert_eq!(next, Ok(1));
    assert_eq!(tagger.health().crashes, 0, "a caught panic is not a crash");
}

#[test]
fn repeated_crashes_quarantine_the_plugin() {
    let (results, tagger) = run(
        isolated(r#"{"mode": "segfault"}"#, Duration::from_secs(10)),
        &["a", "b", "c", "d"],
    );
    assert!(
        error(&results[2]).ends_with("quarantined after 3 consecutive crashes"),
        "{results:?}"
    );
    assert!(
        error(&results[3]).contains("is quarantined after 3 consecutive crashes (last: "),
        "{results:?}"
    );
    assert!(tagger.health().quarantined);
}

#[test]
fn a_flood_of_annotations_comes_through() {
    let tagger = isolated(r#"{"mode": "huge"}"#, Duration::from_secs(60));
    assert_eq!(flood(&tagger), 1_000_000);
}

#[test]
fn a_flood_of_annotations_comes_through_in_process() {
    let library = glose_host::PluginLibrary::open(&faulty()).unwrap();
    let tagger = glose_host::NativeTagger::create(library, r#"{"mode": "huge"}"#).unwrap();
    assert_eq!(flood(&tagger), 1_000_000);
}

#[test]
fn plugins_of_a_configuration_run_only_once_it_is_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    glose_core::testing::write_files(&corpus, &[("a.txt", "Un tir de mortier à Raqqa.")]);
    let config = |mode: &str| {
        format!(
            "[[plugin]]\npath = {:?}\nconfig = {{ mode = \"{mode}\", trigger = \"boom\" }}\n",
            faulty().display().to_string()
        )
    };
    std::fs::write(corpus.join("glose.toml"), config("segfault")).unwrap();
    // Not trusted: the plugin is not loaded, the run says so and fails, the rest runs.
    let out = glose_with_own_store(&corpus, &["annotate"]);
    let stderr = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("glose.toml: error[untrusted-plugins]: not loaded: its plugin ("),
        "{stderr}"
    );
    assert!(stderr.contains("run `glose trust"), "{stderr}");
    let before = taggers(&out);
    assert!(before.contains(&"ner".to_owned()), "{before:?}");
    assert!(!before.iter().any(|t| t == "faulty"), "{before:?}");
    // Trusted: it runs.
    let out = glose_with_own_store(&corpus, &["trust"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(said.contains("trusted (sha256 "), "{said}");
    assert!(said.contains("runs native code: "), "{said}");
    let out = glose_with_own_store(&corpus, &["plugins", "--json"]);
    assert_success(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"faulty\""));
    // Edited: the trust lapses until given again.
    std::fs::write(corpus.join("glose.toml"), config("panic")).unwrap();
    let out = glose_with_own_store(&corpus, &["plugins", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\"faulty\""));
    let out = glose_with_own_store(&corpus, &["trust", "--list"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("changed since (not trusted)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    trust(&corpus);
    assert!(glose_with_own_store(&corpus, &["plugins"]).status.success());
    // Revoked.
    let out = glose_with_own_store(&corpus, &["trust", "--revoke"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no longer trusted"));
    assert_eq!(
        glose_with_own_store(&corpus, &["plugins"]).status.code(),
        Some(1)
    );
    // Nothing to trust.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = glose_with_own_store(&empty, &["trust"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to trust"));
}

#[test]
fn a_crashing_plugin_never_stops_a_run() {
    let dir = tempfile::tempdir().unwrap();
    glose_core::testing::write_files(
        dir.path(),
        &[
            ("a.txt", "x à Raqqa"),
            ("b.txt", "boom x"),
            ("c.txt", "x x à Homs"),
        ],
    );
    let config = format!(
        "[[plugin]]\npath = {:?}\nconfig = {{ mode = \"segfault\", trigger = \"boom\" }}\n",
        faulty().display().to_string()
    );
    std::fs::write(dir.path().join("glose.toml"), config).unwrap();
    trust(dir.path());
    let out = glose_with_own_store(dir.path(), &["annotate"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    // Knowledge-base names: the gazetteer's, or the learned tagger's from its evidence.
    let count = |doc: &serde_json::Value, tagger: &str| {
        doc["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["tagger"] == tagger || a["attrs"]["evidence"] == tagger)
            .count()
    };
    assert_eq!(
        (count(&lines[0], "faulty"), count(&lines[0], "gazetteer")),
        (1, 1)
    );
    assert_eq!(count(&lines[1], "faulty"), 0);
    assert_eq!(lines[1]["diagnostics"][0]["code"], "tagger-failed");
    assert_eq!(
        (count(&lines[2], "faulty"), count(&lines[2], "gazetteer")),
        (2, 1)
    );
}

#[test]
fn plugins_lists_the_taggers_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let capitals = compile_c_plugin(&repo_root().join("examples/plugins/capitals.c"), &[]);
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[[phrases]]\nlabel = \"WEAPON\"\nnames = [\"mortier\"]\n",
    )
    .unwrap();
    let config = format!(
        "[rules]\npaths = [\"rules.toml\"]\n[[plugin]]\npath = {:?}\nmode = \"in-process\"\n",
        capitals.display().to_string()
    );
    std::fs::write(dir.path().join("glose.toml"), config).unwrap();
    std::fs::write(dir.path().join("a.txt"), "Un tir de mortier sur l'ONU.").unwrap();
    trust(dir.path());
    let out = glose_with_own_store(
        dir.path(),
        &["plugins", "--plugin", faulty().to_str().unwrap()],
    );
    assert_success(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("NAME"), "{text}");
    // Each tagger's line, with what it says of it.
    for (tagger, says) in [
        ("gazetteer", &["built-in", "provides LOC, ORG, PER"][..]),
        ("rules", &["provides WEAPON"]),
        ("capitals", &["in-process", "1.0"]),
        ("faulty", &["isolated"]),
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(tagger) && says.iter().all(|s| l.contains(s))),
            "{tagger}: {text}"
        );
    }

    let out = glose_with_own_store(dir.path(), &["annotate"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(r#""label":"WEAPON","text":"mortier","tagger":"rules""#),
        "{text}"
    );
    assert!(text.contains(r#""label":"ORG","text":"ONU""#), "{text}");
}

#[test]
fn a_plugin_that_cannot_load_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Raqqa").unwrap();
    let future = compile_c_plugin(
        &repo_root().join("examples/plugins/capitals.c"),
        &["CAPITALS_ENTRY=glose_tagger_entry_v2"],
    );
    let out = glose_with_own_store(
        dir.path(),
        &["annotate", "--plugin", future.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[plugin]: plugin not loaded: plugin built for glose plugin ABI 2, but this glose supports ABI 1.0"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"text\":\"Raqqa\""));
}

#[test]
fn new_plugin_scaffolds_a_crate_that_builds_passes_its_tests_and_loads() {
    let dir = tempfile::tempdir().unwrap();
    let out = glose_with_own_store(dir.path(), &["new-plugin", "sigles"]);
    assert_success(&out);
    let crate_dir = dir.path().join("sigles");
    // Same dependency versions as glose itself, and its build folder for speed.
    std::fs::copy(repo_root().join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    // The folder where the other tests build plugins, apart from the workspace's.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| repo_root().join("target"), PathBuf::from)
        .join("plugin-builds");
    let cargo = |command: &str| {
        Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .current_dir(&crate_dir)
            .env("CARGO_TARGET_DIR", &target)
            .args([command, "--quiet"])
            .output()
            .unwrap()
    };
    let test = cargo("test");
    assert!(
        test.status.success(),
        "{}{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );
    assert!(
        String::from_utf8_lossy(&test.stdout).contains("2 passed"),
        "{}",
        String::from_utf8_lossy(&test.stdout)
    );
    assert_success(&cargo("build"));
    let library = dir.path().join("libsigles.so");
    std::fs::copy(target.join("debug/libsigles.so"), &library).unwrap();
    std::fs::write(dir.path().join("a.txt"), "L'ONU et les FDS.").unwrap();
    let out = glose_with_own_store(
        dir.path(),
        &["annotate", "--plugin", library.to_str().unwrap(), "a.txt"],
    );
    assert_success(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(r#""label":"ACRONYM""#) || text.contains(r#""text":"FDS""#),
        "{text}"
    );

    let bad = glose_with_own_store(dir.path(), &["new-plugin", "Bad_Name"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("invalid plugin name"));
    let again = glose_with_own_store(dir.path(), &["new-plugin", "sigles"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}
