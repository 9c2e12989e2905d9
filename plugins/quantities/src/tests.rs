use glose_sdk::testing::tag_text;

use super::*;

fn quantities(text: &str) -> Vec<String> {
    tag_text(&Quantities, text)
        .annotations
        .iter()
        .map(|a| text[a.span.range()].to_owned())
        .collect()
}

fn attrs(text: &str) -> Vec<Attrs> {
    tag_text(&Quantities, text)
        .annotations
        .into_iter()
        .map(|a| a.attrs)
        .collect()
}

#[test]
fn amounts_with_approximators_and_nouns() {
    assert_eq!(
        quantities(
            "Quelque 400 combattants, près de 58.000 personnes, plus de 6.000 djihadistes, \
             300 à 400 combattants, environ 100 terroristes, quelque 20\u{a0}000 civils et \
             quelques 600 combattants."
        ),
        [
            "Quelque 400 combattants",
            "près de 58.000 personnes",
            "plus de 6.000 djihadistes",
            "300 à 400 combattants",
            "environ 100 terroristes",
            "quelque 20\u{a0}000 civils",
            "quelques 600 combattants",
        ]
    );
}

#[test]
fn approximate_amounts() {
    assert_eq!(
        quantities(
            "Des dizaines de personnes, une trentaine de camions, plusieurs milliers de personnes, \
             des centaines de civils, une centaine de combattants et des centaines de milliers de déplacés."
        ),
        [
            "Des dizaines de personnes",
            "une trentaine de camions",
            "plusieurs milliers de personnes",
            "des centaines de civils",
            "une centaine de combattants",
            "des centaines de milliers de déplacés",
        ]
    );
}

#[test]
fn words_fractions_and_percentages() {
    assert_eq!(
        quantities(
            "quatre quartiers, moins d'un demi-kilomètre carré, 2,4 millions de dollars, 60 % des habitants"
        ),
        [
            "quatre quartiers",
            "moins d'un demi-kilomètre carré",
            "2,4 millions de dollars",
            "60 %"
        ]
    );
}

#[test]
fn not_quantities() {
    assert_eq!(
        quantities(
            "un responsable, 47 ans, quatre mois, le 21 février, en 2014, trois fois, 24 heures, 2 sont morts"
        ),
        Vec::<String>::new()
    );
}

#[test]
fn attributes() {
    let a = attrs(
        "Quelque 400 combattants, 300 à 400 civils, une trentaine de camions, 12 000 réfugiés",
    );
    assert_eq!(a[0]["value"], 400);
    assert_eq!(a[0]["approximator"], "about");
    assert_eq!(a[0]["noun"], "combattants");
    assert_eq!(a[1]["value"], json!([300, 400]));
    assert_eq!(a[2]["value"], 30);
    assert_eq!(a[2]["approximate"], true);
    assert_eq!(a[3]["value"], 12000);
    let a = attrs("plus de 6.000 djihadistes");
    assert_eq!(a[0]["approximator"], "more-than");
}

#[test]
fn the_entity_a_quantity_is_about() {
    use glose_core::{Document, EntityId, tagger::Never};
    let text = "Quelque 400 combattants du groupe Etat islamique et 300 membres des FDS.";
    let doc = Document::new("t.txt", text).unwrap();
    let ei = text.find("Etat").unwrap();
    let fds = text.find("FDS").unwrap();
    let store = AnnotationStore::from_vec(vec![
        Annotation::new(ei..ei + 14, Label::ORG).with_entity(EntityId::new("etat-islamique")),
        Annotation::new(fds..fds + 3, Label::ORG),
    ]);
    let out = Quantities
        .tag(&DocumentView::new(&doc, &store, &Never))
        .unwrap();
    assert_eq!(out.annotations[0].attrs["about"], "etat-islamique");
    assert_eq!(out.annotations[1].attrs["about"], "FDS");
}
