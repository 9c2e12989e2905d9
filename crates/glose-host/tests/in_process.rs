//! Plugins loaded in-process: the example plugins (Rust and C) built as shared libraries
//! here, the handshake and its refusals, and faults a plugin can survive in-process.

use std::path::PathBuf;
use std::sync::Arc;

use glose_core::{Document, Label, Pipeline, Tagger};
use glose_host::{HostError, NativeTagger, PluginLibrary};
use glose_tests::{build_plugin, compile_c_plugin, repo_root};

fn capitals(defines: &[&str]) -> PathBuf {
    compile_c_plugin(&repo_root().join("examples/plugins/capitals.c"), defines)
}

fn load(path: &std::path::Path, config: &str) -> Result<NativeTagger, HostError> {
    NativeTagger::create(PluginLibrary::open(path)?, config)
}

fn run(tagger: NativeTagger, text: &str) -> glose_core::Annotated {
    let pipeline = Pipeline::new(vec![Arc::new(tagger) as Arc<dyn Tagger>]).unwrap();
    pipeline.run(&Document::new("t.txt", text).unwrap())
}

fn texts<'a>(text: &'a str, out: &glose_core::Annotated) -> Vec<(&'a str, &'static str)> {
    out.store
        .iter()
        .map(|a| (&text[a.span.range()], a.label.as_str()))
        .collect()
}

#[test]
fn a_rust_plugin_loads_and_tags() {
    let path = build_plugin("glose-example-hashtags", "");
    let library = PluginLibrary::open(&path).unwrap();
    assert_eq!(library.name(), "hashtags");
    assert_eq!(library.abi(), (1, 0));
    assert!(!library.panics_abort());
    let tagger = NativeTagger::create(library, r#"{"min_len": 3}"#).unwrap();
    assert_eq!(
        tagger.provides(),
        [Label::new("HASHTAG"), Label::new("HANDLE")]
    );
    let text = "« Courage », a écrit @Rania_K avec #Raqqa et #EI.";
    assert_eq!(
        texts(text, &run(tagger, text)),
        [("@Rania_K", "HANDLE"), ("#Raqqa", "HASHTAG")]
    );
}

#[test]
fn a_c_plugin_loads_and_tags() {
    let tagger = load(&capitals(&[]), "{}").unwrap();
    assert_eq!(tagger.name(), "capitals");
    assert_eq!(tagger.version(), "1.0.0");
    let text = " date 2019-03 L'ONU et les FDS, à Raqqa (Syrie).";
    assert_eq!(
        texts(text, &run(tagger, text)),
        [("ONU", "ACRONYM"), ("FDS", "ACRONYM")]
    );
    let tagger = load(&capitals(&[]), r#"{"min_len": 3}"#).unwrap();
    assert_eq!(
        texts(text, &run(tagger, text)),
        [("ONU", "ACRONYM"), ("FDS", "ACRONYM")]
    );
    let tagger = load(&capitals(&[]), r#"{"min_len": 4}"#).unwrap();
    assert_eq!(texts(text, &run(tagger, text)), []);
}

#[test]
fn the_gazetteer_built_as_a_library_gives_the_same_output_as_linked_in() {
    let path = build_plugin("glose-gazetteer", "plugin");
    let kb = repo_root().join("examples/corpus/kb");
    let config = serde_json::json!({ "kb": [kb] }).to_string();
    let loaded = load(&path, &config).unwrap();
    let gazetteer = glose_gazetteer::Gazetteer::new(glose_tests::example_kb());
    let linked = Pipeline::new(vec![Arc::new(gazetteer) as Arc<dyn Tagger>]).unwrap();
    let plugin = Pipeline::new(vec![Arc::new(loaded) as Arc<dyn Tagger>]).unwrap();
    let mut compared = 0;
    for entry in std::fs::read_dir(glose_tests::examples_corpus()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let doc = Document::new("a.txt", std::fs::read_to_string(&path).unwrap()).unwrap();
        let (a, b) = (linked.run(&doc), plugin.run(&doc));
        let record = |r: &glose_core::Annotated| {
            glose_formats::jsonl::DocumentRecord::new(&doc, r.resolved(), &r.diagnostics)
                .to_json_line()
        };
        assert!(!a.store.is_empty());
        assert_eq!(record(&a), record(&b), "{}", path.display());
        compared += 1;
    }
    assert_eq!(compared, 7);
}

#[test]
fn a_plugin_for_a_future_abi_is_refused_clearly() {
    let path = capitals(&["CAPITALS_ENTRY=glose_tagger_entry_v2"]);
    let err = PluginLibrary::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            HostError::AbiMismatch {
                plugin_major: 2,
                host_major: 1,
                ..
            }
        ),
        "{err}"
    );
    let message = err.to_string();
    assert!(
        message.contains("plugin built for glose plugin ABI 2, but this glose supports ABI 1.0"),
        "{message}"
    );
}

#[test]
fn a_library_without_the_entry_symbol_is_refused_clearly() {
    let path = capitals(&["CAPITALS_ENTRY=some_other_function"]);
    let err = PluginLibrary::open(&path).unwrap_err();
    assert!(matches!(err, HostError::NoEntry { .. }));
    assert!(
        err.to_string()
            .ends_with("not a glose plugin: no `glose_tagger_entry_v1` symbol")
    );
}

#[test]
fn a_file_that_is_not_a_library_is_refused() {
    let path = glose_tests::scratch_dir().join("not-a-library.so");
    std::fs::write(&path, "plain text").unwrap();
    let err = PluginLibrary::open(&path).unwrap_err();
    assert!(matches!(err, HostError::Open { .. }), "{err}");
}

#[test]
fn a_panic_abort_plugin_is_never_run_in_process() {
    let path = capitals(&["CAPITALS_FLAGS=1u"]);
    let err = load(&path, "{}").unwrap_err();
    assert!(matches!(err, HostError::PanicAbort { .. }));
    assert!(
        err.to_string().contains("built with panic = \"abort\""),
        "{err}"
    );
}

#[test]
fn a_refused_configuration_is_reported_with_the_plugin_s_message() {
    let err = load(&capitals(&[]), r#"{"min_len": 0}"#).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("plugin `capitals` could not start: min_len must be a number of at least 1"),
        "{err}"
    );
    let faulty = build_plugin("glose-test-faulty", "");
    let err = load(&faulty, r#"{"mode": "refuse"}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("faulty plugin refuses this configuration"),
        "{err}"
    );
    let err = load(&faulty, r#"{"mode": 3}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("invalid configuration for `faulty`"),
        "{err}"
    );
}

#[test]
fn a_panicking_plugin_in_process_is_an_error_and_glose_goes_on() {
    let faulty = build_plugin("glose-test-faulty", "");
    let tagger = load(&faulty, r#"{"mode": "panic", "trigger": "boom"}"#).unwrap();
    let pipeline = Pipeline::new(vec![Arc::new(tagger) as Arc<dyn Tagger>]).unwrap();
    let out = pipeline.run(&Document::new("a.txt", "x boom x").unwrap());
    assert!(out.store.is_empty());
    assert_eq!(out.diagnostics[0].code, "tagger-failed");
    let message = &out.diagnostics[0].message;
    assert!(
        message.contains("panicked: faulty plugin panics on purpose"),
        "{message}"
    );
    // The same instance annotates the next document.
    let out = pipeline.run(&Document::new("b.txt", "x y x").unwrap());
    assert_eq!(out.store.len(), 2);
    assert!(out.diagnostics.is_empty());
}

#[test]
fn bad_spans_and_undeclared_labels_are_dropped_with_a_diagnostic() {
    let faulty = build_plugin("glose-test-faulty", "");
    let tagger = load(&faulty, r#"{"mode": "bad-spans"}"#).unwrap();
    let out = run(tagger, "é x");
    assert_eq!(out.store.len(), 1, "only the valid `x` is kept");
    assert_eq!(out.diagnostics[0].code, "invalid-annotation");
    let message = &out.diagnostics[0].message;
    assert!(message.contains("3 invalid"), "{message}");

    let tagger = load(&faulty, r#"{"mode": "undeclared-label"}"#).unwrap();
    let out = run(tagger, "x");
    assert_eq!(out.store.len(), 1);
    let message = &out.diagnostics[0].message;
    assert!(
        message.contains("label \"PER\", which it did not declare"),
        "{message}"
    );
}

#[test]
fn a_failing_plugin_reports_its_message() {
    let faulty = build_plugin("glose-test-faulty", "");
    let out = run(load(&faulty, r#"{"mode": "fail"}"#).unwrap(), "x");
    let message = &out.diagnostics[0].message;
    assert!(
        message.ends_with("failed: faulty plugin fails on purpose"),
        "{message}"
    );
}
