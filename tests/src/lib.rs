//! Helpers shared by glose's cross-crate tests: where the example and shared corpora
//! are, and the default pipeline.

use std::path::PathBuf;
use std::sync::Arc;

use glose_core::corpus::{self, Config, Outcome, ReadOptions};
use glose_core::eval::{DocSpans, LabelledSpan};
use glose_core::kb::{KbSource, Layer};
use glose_core::{Annotated, Document, KnowledgeBase, Pipeline, Tagger};
use glose_gazetteer::Gazetteer;

/// The root of the repository.
pub fn repo_root() -> PathBuf {
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    tests.parent().map(PathBuf::from).unwrap_or(tests)
}

/// `examples/corpus`: the articles written for glose, with their KB and gold file.
pub fn examples_corpus() -> PathBuf {
    repo_root().join("examples/corpus")
}

/// The shared development corpus (real articles, not in the repository), when present:
/// `$GLOSE_SHARED_CORPUS`, or `../shared/corpus` beside the repository.
pub fn shared_corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("GLOSE_SHARED_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    dir.join("gold.jsonl").is_file().then_some(dir)
}

/// The default KB plus the example corpus's own KB.
pub fn example_kb() -> Arc<KnowledgeBase> {
    let mut sources = glose_gazetteer::builtin_sources();
    let (extra, problems) = KbSource::read_path(&examples_corpus().join("kb"), Layer::User);
    assert!(problems.is_empty(), "{problems:?}");
    sources.extend(extra);
    let (kb, problems) = KnowledgeBase::load(&sources);
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == glose_core::Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    Arc::new(kb)
}

/// The pipeline `glose annotate` runs, over `kb`.
pub fn pipeline(kb: Arc<KnowledgeBase>) -> Pipeline {
    let taggers: Vec<Arc<dyn Tagger>> = vec![Arc::new(Gazetteer::new(kb))];
    Pipeline::new(taggers).expect("the built-in taggers order")
}

/// Annotates every article of `dir` with `pipeline`: (file name, document, result), in
/// file order. Panics if a file cannot be annotated.
pub fn annotate_folder(
    dir: &std::path::Path,
    pipeline: &Pipeline,
) -> Vec<(String, Document, Annotated)> {
    let files = corpus::discover(&[dir.to_owned()], &Config::default()).files;
    let mut out = Vec::new();
    corpus::annotate_ordered(
        &files,
        pipeline,
        ReadOptions::default(),
        2,
        |file, outcome| {
            let Outcome::Annotated { document, result } = outcome else {
                panic!("{} was not annotated", file.display());
            };
            let name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((name, document, result));
        },
    )
    .expect("thread pool");
    out
}

/// The resolved layer of an annotated document, as scored by `glose eval`.
pub fn predicted(name: &str, document: &Document, result: &Annotated) -> DocSpans {
    DocSpans {
        doc: name.to_owned(),
        spans: result
            .resolved()
            .map(|a| LabelledSpan::from_annotation(a, document.text()))
            .collect(),
    }
}
