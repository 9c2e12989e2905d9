use glose_core::tagger::Never;

use super::*;

/// Runs the tagger with `names` as the earlier annotations: `(text, label, entity)`.
fn run(
    tagger: &Acronyms,
    text: &str,
    names: &[(&str, Label, Option<&str>)],
) -> Vec<(String, String, String)> {
    let doc = Document::new("t.txt", text).unwrap();
    let store = AnnotationStore::from_vec(
        names
            .iter()
            .map(|&(name, label, entity)| {
                let start = text.find(name).unwrap();
                let a = Annotation::new(start..start + name.len(), label);
                match entity {
                    Some(e) => a.with_entity(EntityId::new(e)),
                    None => a,
                }
            })
            .collect(),
    );
    tagger
        .tag(&DocumentView::new(&doc, &store, &Never))
        .unwrap()
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
fn a_definition_links_the_acronym_everywhere_in_the_article() {
    let text =
        "Le Bureau de relèvement de Raqqa (BRR) a ouvert. Selon le BRR, tout va bien. BRR-X non.";
    let out = run(
        &Acronyms::default(),
        text,
        &[("Bureau de relèvement de Raqqa", Label::ORG, None)],
    );
    let id = "~org:bureau-de-relevement-de-raqqa";
    assert_eq!(out, [row("BRR", "ORG", id), row("BRR", "ORG", id)]);
}

#[test]
fn knowledge_base_entities_lend_their_id_and_reverse_definitions_work() {
    let text = "Les FDS (Forces démocratiques syriennes) avancent; les FDS tiennent Raqqa.";
    let out = run(
        &Acronyms::default(),
        text,
        &[("Forces démocratiques syriennes", Label::ORG, Some("fds"))],
    );
    assert_eq!(out, [row("FDS", "ORG", "fds"), row("FDS", "ORG", "fds")]);
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
    let out = run(
        &Acronyms::default(),
        "Karim Haddad (BRR) parle.",
        &[("Karim Haddad", Label::PER, None)],
    );
    assert!(out.is_empty());
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
    let out = run(&tagger, "Le CET a publié un rapport.", &[]);
    assert_eq!(out, [row("CET", "ORG", "~org:comite-pour-l'eau-du-tigre")]);
    // Not during the corpus pass itself: what it knows then depends on thread timing.
    let other = Document::new("b.txt", "Le CET a publié un rapport.").unwrap();
    let empty = AnnotationStore::new();
    let view = DocumentView::new(&other, &empty, &Never).observing();
    assert!(tagger.tag(&view).unwrap().annotations.is_empty());
}
