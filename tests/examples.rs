//! The example corpus through the library: snapshots of the JSONL output, and the
//! score against the example gold file.

use glose_core::corpus::{self, Config, Outcome, ReadOptions};
use glose_core::eval::{self, DocSpans, LabelledSpan};
use glose_core::output::DocumentRecord;
use glose_tests::{example_kb, examples_corpus, pipeline};

fn annotate_examples() -> Vec<(DocumentRecord, DocSpans)> {
    let root = examples_corpus();
    let files = corpus::discover(std::slice::from_ref(&root), &Config::default()).files;
    assert_eq!(files.len(), 7);
    let pipeline = pipeline(example_kb());
    let mut out = Vec::new();
    corpus::annotate_ordered(
        &files,
        &pipeline,
        ReadOptions::default(),
        2,
        |file, outcome| {
            let Outcome::Annotated { document, result } = outcome else {
                panic!("{} was not annotated", file.display());
            };
            let name = file
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let mut record = DocumentRecord::new(&document, result.resolved(), &result.diagnostics);
            record.path = name.clone();
            let spans = result
                .resolved()
                .map(|a| LabelledSpan {
                    start: a.span.start,
                    end: a.span.end,
                    label: a.label,
                    text: Some(a.text(document.text()).to_owned()),
                })
                .collect();
            out.push((record, DocSpans { doc: name, spans }));
        },
    )
    .unwrap();
    out
}

#[test]
fn jsonl_of_every_example_article() {
    for (record, _) in annotate_examples() {
        // The offsets of every annotation point at its text.
        let text = std::fs::read_to_string(examples_corpus().join(&record.path)).unwrap();
        for a in &record.annotations {
            assert_eq!(&text[a.start..a.end], a.text);
        }
        let json: serde_json::Value = serde_json::from_str(&record.to_json_line()).unwrap();
        insta::assert_json_snapshot!(record.path.trim_end_matches(".txt").to_owned(), json);
    }
}

#[test]
fn every_kb_link_in_the_examples_is_correct_on_the_gold() {
    let gold_text = std::fs::read_to_string(examples_corpus().join("gold.jsonl")).unwrap();
    let gold = eval::read_jsonl(&gold_text, "gold.jsonl").unwrap();
    let predicted: Vec<DocSpans> = annotate_examples().into_iter().map(|(_, d)| d).collect();
    let report = eval::evaluate(&gold, &predicted);
    eprintln!("{report}");
    // The gazetteer only tags names it knows, spelled as listed: what it tags must be
    // right nearly always.
    assert!(report.micro.precision() >= 0.95, "{report}");
    assert!(report.micro.recall() >= 0.5, "{report}");
}
