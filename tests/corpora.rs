//! The taggers on the corpora written for glose, with names no list knows: the example
//! corpus (without its own KB) and the second development set. Regression floors, set
//! below the scores measured when they were written (see the closing figures in
//! `docs/taggers.md`).

use std::sync::Arc;

use glose_core::KnowledgeBase;
use glose_core::eval::{self, Report};
use glose_tests::{annotate_folder, pipeline, predicted, repo_root};

/// Scores the default taggers, with the default KB only, on a folder with a gold file.
fn score(dir: &str) -> Report {
    let dir = repo_root().join(dir);
    let gold = eval::read_jsonl(
        &std::fs::read_to_string(dir.join("gold.jsonl")).unwrap(),
        "gold.jsonl",
    )
    .unwrap();
    let (kb, _) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
    let predicted: Vec<_> = annotate_folder(&dir, &pipeline(Arc::new(kb)))
        .iter()
        .map(|(name, document, result)| predicted(name, document, result))
        .collect();
    let report = eval::evaluate(&gold, &predicted);
    eprintln!("{report}");
    report
}

fn f1(report: &Report, label: &str) -> f64 {
    report
        .labels
        .iter()
        .find(|c| c.label == label)
        .map_or(0.0, |c| c.f1())
}

#[test]
fn example_corpus_without_its_kb() {
    let report = score("examples/corpus");
    assert!(report.micro.f1() >= 0.95, "{report}");
    assert!(f1(&report, "DATE") >= 0.95, "{report}");
    assert!(f1(&report, "QUANTITY") >= 0.95, "{report}");
}

#[test]
fn second_development_set() {
    let report = score("tests/corpora/dev");
    assert!(report.micro.f1() >= 0.93, "{report}");
    assert!(f1(&report, "DATE") >= 0.95, "{report}");
    assert!(f1(&report, "QUANTITY") >= 0.90, "{report}");
}
