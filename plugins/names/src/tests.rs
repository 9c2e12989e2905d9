use glose_sdk::testing::tag_text;

use super::*;

fn names(text: &str) -> Vec<(String, &'static str)> {
    let tagger = Names::default();
    let mut found: Vec<(String, &'static str)> = tag_text(&tagger, text)
        .annotations
        .iter()
        .map(|a| (text[a.span.range()].to_owned(), a.label.as_str()))
        .collect();
    found.sort();
    found
}

fn expect(items: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    let mut v: Vec<(String, &'static str)> =
        items.iter().map(|(a, b)| ((*a).to_owned(), *b)).collect();
    v.sort();
    v
}

#[test]
fn people_from_titles_appositions_and_given_names() {
    assert_eq!(
        names(
            "Selon le colonel Samir Nasser, la route est coupée. « Rien ne passe », a dit M. Haddad. \
             Le porte-parole de la milice, Abou Khaled al-Jabouri, a démenti. Yassine Kaddouri, 34 ans, \
             a été arrêté. Fatima Zahra Benali témoigne."
        ),
        expect(&[
            ("Samir Nasser", "PER"),
            ("Haddad", "PER"),
            ("Abou Khaled al-Jabouri", "PER"),
            ("Yassine Kaddouri", "PER"),
            ("Fatima Zahra Benali", "PER"),
        ])
    );
}

#[test]
fn places_from_place_nouns_and_prepositions() {
    assert_eq!(
        names(
            "Les habitants du village de Tell Abiad ont fui vers Kani Zerd, au nord de Marj al-Sawwan."
        ),
        expect(&[
            ("Tell Abiad", "LOC"),
            ("Kani Zerd", "LOC"),
            ("Marj al-Sawwan", "LOC")
        ])
    );
}

#[test]
fn organisations_and_their_extent() {
    assert_eq!(
        names(
            "Le Bureau de relèvement de Raqqa (BRR) et le Comité pour l'eau du Tigre (CET) ont signé. \
             D'après la Ligue syrienne des droits humains, les Forces démocratiques syriennes reculent."
        ),
        expect(&[
            ("Bureau de relèvement de Raqqa", "ORG"),
            ("CET", "ORG"),
            ("BRR", "ORG"),
            ("Comité pour l'eau du Tigre", "ORG"),
            ("Forces démocratiques syriennes", "ORG"),
            ("Ligue syrienne des droits humains", "ORG"),
        ])
    );
}

#[test]
fn surnames_and_same_names_take_the_type_found_elsewhere() {
    assert_eq!(
        names(
            "Les frères Clain ont parlé. Plus tard, Clain a nié. Le général Omar Tlass arrive; Tlass repart."
        ),
        expect(&[
            ("Clain", "PER"),
            ("Clain", "PER"),
            ("Omar Tlass", "PER"),
            ("Tlass", "PER")
        ])
    );
}

#[test]
fn capitals_that_are_not_names() {
    assert_eq!(
        names("Dimanche, rien. Mercredi, les Syriens et les Kurdes. Selon eux, Le calme."),
        expect(&[])
    );
    // A lone capitalised word opening a sentence needs strong evidence.
    assert_eq!(names("Hajine a été reprise."), expect(&[]));
}

#[test]
fn corpus_memory_types_names_seen_elsewhere() {
    let tagger = Names::default();
    tagger.memory().learn([("hajine", Label::LOC)]);
    let text = "Hajine a été reprise.";
    let out = tag_text(&tagger, text);
    assert_eq!(out.annotations.len(), 1);
    assert_eq!(out.annotations[0].attrs["evidence"], "corpus");
}

#[test]
fn the_corpus_memory_is_not_used_during_the_corpus_pass() {
    let tagger = Names::default();
    tagger.memory().learn([("hajine", Label::LOC)]);
    let doc = glose_core::Document::new("t.txt", "Hajine a été reprise.").unwrap();
    let store = AnnotationStore::new();
    let view = DocumentView::new(&doc, &store, &glose_core::tagger::Never);
    assert_eq!(tagger.tag(&view).unwrap().annotations.len(), 1);
    // While the corpus is being read, what was learned so far depends on the order the
    // threads saw the articles: the output must not.
    assert!(
        tagger
            .tag(&view.observing())
            .unwrap()
            .annotations
            .is_empty()
    );
}
