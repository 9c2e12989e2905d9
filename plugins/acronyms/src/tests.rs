use glose_core::tagger::Never;

use super::*;

/// `(text, label, entity)` of the acronyms `tagger` links in `text`, with no earlier
/// annotations.
fn linked(tagger: &Acronyms, text: &str) -> Vec<(String, String, String)> {
    glose_sdk::testing::tag_text(tagger, text)
        .annotations
        .iter()
        .map(|a| {
            (
                text[a.span.range()].to_owned(),
                a.label.to_string(),
                a.entity.as_ref().unwrap().to_string(),
            )
        })
        .collect()
}

fn row(text: &str, label: &str, entity: &str) -> (String, String, String) {
    (text.into(), label.into(), entity.into())
}

#[test]
fn letters_must_be_the_initials() {
    assert!(initials_match(
        "Observatoire syrien des droits de l'Homme",
        "OSDH"
    ));
    assert!(initials_match("Comité pour l'eau du Tigre", "CET"));
    assert!(initials_match("Haut-Commissariat aux réfugiés", "HCR"));
    assert!(!initials_match("Unités de protection du peuple", "YPG"));
    assert!(!initials_match("Karim Haddad", "BRR"));
}

#[test]
fn the_corpus_pass_carries_definitions_to_other_articles() {
    let tagger = Acronyms::default();
    let defining = Document::new("a.txt", "Le Comité pour l'eau du Tigre (CET) alerte.").unwrap();
    let text = defining.text();
    let start = text.find("Comité").unwrap();
    let store = AnnotationStore::from_vec(vec![Annotation::new(
        start..start + "Comité pour l'eau du Tigre".len(),
        Label::ORG,
    )]);
    tagger.observe(&DocumentView::new(&defining, &store, &Never));
    let out = linked(&tagger, "Le CET a publié un rapport.");
    assert_eq!(out, [row("CET", "ORG", "~org:comite-pour-l'eau-du-tigre")]);
    // Not during the corpus pass itself: what it knows then depends on thread timing.
    let other = Document::new("b.txt", "Le CET a publié un rapport.").unwrap();
    let empty = AnnotationStore::new();
    let view = DocumentView::new(&other, &empty, &Never).observing();
    assert!(tagger.tag(&view).unwrap().annotations.is_empty());
}

/// The fixtures of `tests/fixtures`: texts with the names given to the tagger and the
/// acronyms it must link written inline (see `glose_sdk::testing::check_fixtures`).
#[test]
fn fixtures() {
    glose_sdk::testing::check_fixtures(&Acronyms::default(), "tests/fixtures");
}
