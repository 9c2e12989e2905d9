use glose_core::tagger::Never;
use glose_core::{AnnotationStore, Document};

use super::*;

fn kb() -> Arc<KnowledgeBase> {
    Arc::new(glose_core::testing::user_kb(
        "[[entity]]\nid = \"deir-ez-zor\"\ntype = \"LOC\"\nname = \"Deir ez-Zor\"\n",
    ))
}

/// Earlier annotations: unlinked names at each occurrence of the given words.
fn store(text: &str, names: &[(&str, Label)]) -> AnnotationStore {
    let mut v = Vec::new();
    for &(name, label) in names {
        for (i, _) in text.match_indices(name) {
            v.push(Annotation::new(i..i + name.len(), label));
        }
    }
    AnnotationStore::from_vec(v)
}

/// What a new tagger gives for `text` with `names` as earlier annotations; when `observe`,
/// it has observed the text first (as it observes a corpus).
fn tag(text: &str, names: &[(&str, Label)], observe: bool) -> TagOutput {
    let tagger = Variants::new(kb());
    let doc = Document::new("t.txt", text).unwrap();
    let s = store(text, names);
    let view = DocumentView::new(&doc, &s, &Never);
    if observe {
        tagger.observe(&view);
    }
    tagger.tag(&view).unwrap()
}

#[test]
fn variants_of_a_kb_name_are_linked_with_a_hint() {
    let text = "À Deir Ez Zour, puis à Deir ez-Zor.";
    let out = tag(text, &[("Deir Ez Zour", Label::LOC)], false);
    assert_eq!(out.annotations.len(), 1);
    assert_eq!(
        out.annotations[0].entity.as_ref().unwrap().as_str(),
        "deir-ez-zor"
    );
    assert_eq!(
        out.diagnostics[0].message,
        "«Deir Ez Zour» is a variant of «Deir ez-Zor» (deir-ez-zor)"
    );
    assert_eq!(out.diagnostics[0].fixes[0].edits[0].new_text, "Deir ez-Zor");
}

#[test]
fn unknown_names_spelled_two_ways_become_one_entity() {
    let text = "Oum Sbeikha brûle. Les habitants d'Oum Sbeikha et d'Oum Sbeïkha fuient.";
    let names = [("Oum Sbeikha", Label::LOC), ("Oum Sbeïkha", Label::LOC)];
    let out = tag(text, &names, true);
    assert_eq!(out.annotations.len(), 3);
    assert!(
        out.annotations
            .iter()
            .all(|a| a.entity.as_ref().unwrap().as_str() == "~loc:oum-sbeikha")
    );
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(
        out.diagnostics[0].message,
        "«Oum Sbeïkha» is a variant of «Oum Sbeikha» (~loc:oum-sbeikha)"
    );
}

#[test]
fn a_single_spelling_is_left_alone() {
    let out = tag(
        "Kani Zerd et Kani Zerd.",
        &[("Kani Zerd", Label::LOC)],
        false,
    );
    assert!(out.annotations.is_empty() && out.diagnostics.is_empty());
}
