use glose_core::tagger::Never;

use super::*;

/// Runs the tagger with `names` (text, label, entity) as earlier annotations.
fn run(text: &str, names: &[(&str, Label, Option<&str>)]) -> TagOutput {
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
    Quotes
        .tag(&DocumentView::new(&doc, &store, &Never))
        .unwrap()
}

fn attr(a: &Annotation, k: &str) -> String {
    a.attrs.get(k).map_or(String::new(), |v| {
        v.as_str().map_or(v.to_string(), str::to_owned)
    })
}

#[test]
fn speaker_after_the_quote() {
    let text =
        "« Nous tenons la ville », a déclaré mercredi à l'AFP Karim Haddad. « Rien », dit-il.";
    let out = run(
        text,
        &[
            ("Karim Haddad", Label::PER, None),
            ("AFP", Label::ORG, Some("afp")),
        ],
    );
    assert_eq!(out.annotations.len(), 2);
    let q = &out.annotations[0];
    assert_eq!(&text[q.span.range()], "« Nous tenons la ville »");
    assert_eq!(attr(q, "speaker"), "Karim Haddad");
    assert_eq!(attr(q, "speaker_entity"), "~per:karim-haddad");
    assert_eq!(attr(q, "verb"), "déclaré");
    // A short quote, but attributed (by a pronoun): speech.
    assert_eq!(attr(&out.annotations[1], "speaker"), "Karim Haddad");
}

#[test]
fn anonymous_sources_are_marked() {
    let text = "\"Les combats continuent dans le village\", a indiqué à l'AFP un responsable sous le couvert de l'anonymat.";
    let out = run(text, &[("AFP", Label::ORG, Some("afp"))]);
    let q = &out.annotations[0];
    assert_eq!(attr(q, "speaker"), "un responsable");
    assert_eq!(q.attrs["anonymous"], true);
    assert_eq!(out.diagnostics[0].code, "anonymous-source");
    assert_eq!(out.diagnostics[0].severity, Severity::Info);
}

#[test]
fn speaker_before_the_quote_and_selon() {
    let text = "Le colonel Samir Nasser a affirmé : « La route est coupée depuis hier ». \
                Selon l'ONU, « la situation se dégrade encore » chaque jour.";
    let out = run(
        text,
        &[
            ("Samir Nasser", Label::PER, None),
            ("ONU", Label::ORG, Some("onu")),
        ],
    );
    assert_eq!(attr(&out.annotations[0], "speaker"), "Samir Nasser");
    assert_eq!(attr(&out.annotations[0], "verb"), "affirmé");
    assert_eq!(attr(&out.annotations[1], "speaker_entity"), "onu");
}

#[test]
fn scare_quotes_are_not_speech() {
    let out = run("Le « califat » est tombé. Il parle de “ligne rouge”.", &[]);
    assert!(out.annotations.is_empty());
}
