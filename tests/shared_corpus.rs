//! The shared development corpus (real articles beside the repository, when present):
//! the gazetteer's score on its gold file. Skipped when the folder is absent.

use glose_core::eval;
use glose_tests::{annotate_folder, example_kb, pipeline, predicted, shared_corpus};

#[test]
fn score_on_the_shared_gold() {
    let Some(dir) = shared_corpus() else {
        eprintln!("shared corpus not found: skipped");
        return;
    };
    let gold_text = std::fs::read_to_string(dir.join("gold.jsonl")).unwrap();
    let gold = eval::read_jsonl(&gold_text, "gold.jsonl").unwrap();
    let predicted: Vec<_> = annotate_folder(&dir, &pipeline(example_kb()))
        .iter()
        .map(|(name, document, result)| predicted(name, document, result))
        .collect();
    let report = eval::evaluate(&gold, &predicted);
    eprintln!("{report}");
    assert_eq!(report.documents, 5);
    assert_eq!(report.labels.iter().map(|c| c.gold).sum::<usize>(), 209);
    // Names the default KB knows are tagged right: high precision on PER/ORG/LOC.
    assert!(report.micro.precision() >= 0.9, "{report}");
}
