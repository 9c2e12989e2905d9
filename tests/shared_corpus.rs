//! The shared development corpus (real articles beside the repository, when present):
//! the score of the default taggers with the default knowledge base on its gold file.
//! Skipped when the folder is absent.

use std::sync::Arc;

use glose_core::{KnowledgeBase, eval};
use glose_tests::{annotate_folder, pipeline, predicted, shared_corpus};

#[test]
fn score_on_the_shared_gold() {
    let Some(dir) = shared_corpus() else {
        eprintln!("shared corpus not found: skipped");
        return;
    };
    let gold_text = std::fs::read_to_string(dir.join("gold.jsonl")).unwrap();
    let gold = eval::read_jsonl(&gold_text, "gold.jsonl").unwrap();
    let (kb, _) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
    let predicted: Vec<_> = annotate_folder(&dir, &pipeline(Arc::new(kb)))
        .iter()
        .map(|(name, document, result)| predicted(name, document, result))
        .collect();
    let report = eval::evaluate(&gold, &predicted);
    eprintln!("{report}");
    assert_eq!(report.documents, 5);
    assert_eq!(report.labels.iter().map(|c| c.gold).sum::<usize>(), 209);
    // The quality bar of the default taggers on this development set.
    let f1 = |label: &str| {
        report
            .labels
            .iter()
            .find(|c| c.label == label)
            .map_or(0.0, |c| c.f1())
    };
    assert!(report.micro.f1() >= 0.92, "{report}");
    assert!(f1("DATE") >= 0.90, "{report}");
    assert!(f1("QUANTITY") >= 0.85, "{report}");
}
