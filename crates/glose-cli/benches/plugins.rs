//! Per-document cost of running a tagger as a plugin, in-process and isolated.
//!
//! `cargo bench -p glose-cli --bench plugins` builds the gazetteer as a shared library,
//! generates a 200 KB article dense in names, and times the same tagger three ways:
//! linked into glose, loaded in-process through the C ABI, and isolated in a child
//! process (`glose plugin-host`). Each figure is the median of many documents; the
//! overhead is the difference with the linked tagger.

// A bench binary reports on standard output.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use glose_core::{Document, KnowledgeBase, Pipeline, Tagger};
use glose_host::{IsolatedOptions, IsolatedTagger, NativeTagger, PluginLibrary};

/// A ~200 KB article: sentences naming places, organisations and people of the default KB.
fn article(kb: &KnowledgeBase) -> String {
    let names: Vec<&str> = kb.entities().iter().map(|e| e.name.as_str()).collect();
    let mut text = String::from(" date 2019-03 ");
    let mut i = 0usize;
    while text.len() < 200_000 {
        let a = names[(i * 7919) % names.len()];
        let b = names[(i * 104_729 + 13) % names.len()];
        text.push_str(&format!(
            "Selon des sources concordantes, des représentants de {a} se sont rendus à {b} pour y rencontrer des responsables locaux. "
        ));
        if i % 5 == 4 {
            text.push_str("\n\n");
        }
        i += 1;
    }
    text
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn measure(
    name: &str,
    tagger: Arc<dyn Tagger>,
    doc: &Document,
    runs: usize,
    baseline: Option<Duration>,
) -> Duration {
    let pipeline = Pipeline::new(vec![tagger]).expect("pipeline");
    let mut annotations = pipeline.run(doc).store.len();
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            annotations = pipeline.run(doc).store.len();
            t.elapsed()
        })
        .collect();
    let t = median(times);
    let overhead = baseline.map_or(String::new(), |b| {
        format!(
            ", overhead {:+.2} ms/doc",
            (t.as_secs_f64() - b.as_secs_f64()) * 1e3
        )
    });
    println!(
        "{name:<22} {:8.2} ms/doc  {:>12.0} annotations/s  ({annotations} annotations{overhead})",
        t.as_secs_f64() * 1e3,
        annotations as f64 / t.as_secs_f64()
    );
    t
}

fn main() {
    let library: PathBuf = glose_tests::build_plugin_with("glose-gazetteer", "plugin", true);
    let (kb, _) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
    let kb = Arc::new(kb);
    let text = article(&kb);
    let doc = Document::new("article.txt", text).expect("document");
    println!("article: {:.0} KB", doc.text().len() as f64 / 1e3);
    let runs = 40;

    let linked = measure(
        "linked",
        Arc::new(glose_gazetteer::Gazetteer::new(kb)),
        &doc,
        runs,
        None,
    );
    let native = NativeTagger::create(PluginLibrary::open(&library).expect("library"), "{}")
        .expect("plugin");
    measure(
        "in-process plugin",
        Arc::new(native),
        &doc,
        runs,
        Some(linked),
    );
    let isolated = IsolatedTagger::start(IsolatedOptions {
        program: PathBuf::from(env!("CARGO_BIN_EXE_glose")),
        plugin: library,
        ..IsolatedOptions::default()
    })
    .expect("isolated plugin");
    measure(
        "isolated plugin",
        Arc::new(isolated),
        &doc,
        runs,
        Some(linked),
    );
}
