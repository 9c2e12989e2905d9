//! The example corpus through the library: snapshots of the JSONL output, and the
//! score against the example gold file.

use glose_core::eval::{self, DocSpans};
use glose_formats::jsonl::DocumentRecord;
use glose_tests::{annotate_folder, example_kb, examples_corpus, pipeline, predicted};

#[test]
fn jsonl_of_every_example_article() {
    let docs = annotate_folder(&examples_corpus(), &pipeline(example_kb()));
    assert_eq!(docs.len(), 7);
    for (name, document, result) in docs {
        let mut record = DocumentRecord::new(&document, result.resolved(), &result.diagnostics);
        record.path = name.clone();
        // The offsets of every annotation point at its text.
        for a in &record.annotations {
            assert_eq!(&document.text()[a.start..a.end], a.text);
        }
        let json: serde_json::Value = serde_json::from_str(&record.to_json_line()).unwrap();
        insta::assert_json_snapshot!(name.trim_end_matches(".txt").to_owned(), json);
    }
}

#[test]
fn every_kb_link_in_the_examples_is_correct_on_the_gold() {
    let gold_text = std::fs::read_to_string(examples_corpus().join("gold.jsonl")).unwrap();
    let gold = eval::read_jsonl(&gold_text, "gold.jsonl").unwrap();
    let predicted: Vec<DocSpans> = annotate_folder(&examples_corpus(), &pipeline(example_kb()))
        .iter()
        .map(|(name, document, result)| predicted(name, document, result))
        .collect();
    let report = eval::evaluate(&gold, &predicted);
    eprintln!("{report}");
    // The gazetteer only tags names it knows, spelled as listed: what it tags must be
    // right nearly always.
    assert!(report.micro.precision() >= 0.95, "{report}");
    assert!(report.micro.recall() >= 0.5, "{report}");
}
