//! The shared development corpus (real articles beside the repository, when present):
//! the gazetteer's score on its gold file. Skipped when the folder is absent.

use glose_core::corpus::{self, Config, Outcome, ReadOptions};
use glose_core::eval::{self, DocSpans, LabelledSpan};
use glose_tests::{example_kb, pipeline, shared_corpus};

#[test]
fn score_on_the_shared_gold() {
    let Some(dir) = shared_corpus() else {
        eprintln!("shared corpus not found: skipped");
        return;
    };
    let gold = eval::read_jsonl(
        &std::fs::read_to_string(dir.join("gold.jsonl")).unwrap(),
        "gold.jsonl",
    )
    .unwrap();
    let files = corpus::discover(std::slice::from_ref(&dir), &Config::default()).files;
    let pipeline = pipeline(example_kb());
    let mut predicted = Vec::new();
    corpus::annotate_ordered(
        &files,
        &pipeline,
        ReadOptions::default(),
        2,
        |file, outcome| {
            let Outcome::Annotated { result, .. } = outcome else {
                panic!("{} was not annotated", file.display());
            };
            predicted.push(DocSpans {
                doc: file
                    .path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                spans: result
                    .resolved()
                    .map(|a| LabelledSpan {
                        start: a.span.start,
                        end: a.span.end,
                        label: a.label,
                        text: None,
                    })
                    .collect(),
            });
        },
    )
    .unwrap();
    let report = eval::evaluate(&gold, &predicted);
    eprintln!("{report}");
    assert_eq!(report.documents, 5);
    assert_eq!(report.labels.iter().map(|c| c.gold).sum::<usize>(), 209);
    // Names the default KB knows are tagged right: high precision on PER/ORG/LOC.
    assert!(report.micro.precision() >= 0.9, "{report}");
}
