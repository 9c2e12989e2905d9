//! No input makes the pipeline panic, and whatever it returns is well-formed: spans on
//! character boundaries inside the text, a resolved layer without overlaps, JSONL that
//! reads back.

use std::sync::{Arc, OnceLock};

use glose_core::{Document, KnowledgeBase, Label, Pipeline};
use glose_formats::jsonl::{DocumentRecord, write_json_line};
use glose_tests::{example_kb, pipeline};
use proptest::prelude::*;

fn shared_pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let kb: Arc<KnowledgeBase> = example_kb();
        pipeline(kb)
    })
}

/// Text made of names the KB knows, their near misses, and awkward characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "Syrie", "SYRIE", "syrie", "Deir ez-Zor", "Deir\u{a0}Ezzor", "Deir\n\nez-Zor", "l’EI", "l'EI",
            "EI", "Etat Islamique", "État islamique", "Forces démocratiques syriennes", "(FDS)",
            "Observatoire syrien des droits de l’Homme", "Damas", "damas", "Raqqa", "Leïla Mansour",
            "Le Caire", "Caire", " date 2019-03 ", "date 2020-13", "\u{feff}",
        ]).prop_map(str::to_owned),
        3 => "[a-zA-Zéèàçô ,.;:'’«»\"-]{1,12}",
        1 => prop::sample::select(vec!["\r\n", "\n", "\r", "\u{202f}", "e\u{301}", "😀", "\u{200b}", "\u{0}", "İ", "ß"]).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn check(doc: &Document) -> Result<(), TestCaseError> {
    let out = shared_pipeline().run(doc);
    let text = doc.text();
    for a in out.store.iter() {
        prop_assert!(a.span.start < a.span.end && a.span.end <= text.len());
        prop_assert!(text.is_char_boundary(a.span.start) && text.is_char_boundary(a.span.end));
        prop_assert!(a.span.start >= doc.meta().body_start);
    }
    let mut end = 0;
    for a in out.resolved().filter(|a| a.label != Label::QUOTE) {
        prop_assert!(a.span.start >= end, "overlap in the resolved layer");
        end = a.span.end;
    }
    let mut line = Vec::new();
    write_json_line(&mut line, doc, out.resolved(), &out.diagnostics).unwrap();
    let back: DocumentRecord = serde_json::from_slice(&line).unwrap();
    prop_assert_eq!(back.annotations.len(), out.layer.len());
    for a in &back.annotations {
        prop_assert_eq!(&text[a.start..a.end], a.text.as_str());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("robustness.proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text(pieces in prop::collection::vec(piece(), 0..40)) {
        let doc = Document::new("t.txt", pieces.concat()).unwrap();
        check(&doc)?;
    }

    #[test]
    fn any_bytes_read_lossily(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let doc = Document::from_bytes("t.txt", bytes, true).unwrap();
        check(&doc)?;
    }
}
