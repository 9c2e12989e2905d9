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

/// Runs the tagger with names at the given occurrences: (text, which occurrence, label).
fn run_nth(text: &str, names: &[(&str, usize, Label)]) -> TagOutput {
    let doc = Document::new("t.txt", text).unwrap();
    let store = AnnotationStore::from_vec(
        names
            .iter()
            .map(|&(name, nth, label)| {
                let start = text.match_indices(name).nth(nth).unwrap().0;
                Annotation::new(start..start + name.len(), label)
            })
            .collect(),
    );
    Quotes
        .tag(&DocumentView::new(&doc, &store, &Never))
        .unwrap()
}

#[test]
fn verbs_of_every_tense_and_reflexive_verbs() {
    let text = "Louise Marchal a quitté la salle. « Personne ne nous a consultés », \
                s'agace-t-elle. « Le dossier avance », tempérait Paul Tessier. « On verra », \
                s'est félicité Paul Tessier.";
    let out = run_nth(
        text,
        &[
            ("Louise Marchal", 0, Label::PER),
            ("Paul Tessier", 0, Label::PER),
            ("Paul Tessier", 1, Label::PER),
        ],
    );
    let speakers: Vec<String> = out.annotations.iter().map(|q| attr(q, "speaker")).collect();
    assert_eq!(speakers, ["Louise Marchal", "Paul Tessier", "Paul Tessier"]);
    assert_eq!(attr(&out.annotations[1], "verb"), "tempérait");
}

#[test]
fn a_surname_is_the_full_name_given_before() {
    let text = "Jeanne Ortolan dirige l'usine depuis 2019. « Nous restons ici », a assuré Ortolan.";
    let out = run_nth(
        text,
        &[
            ("Jeanne Ortolan", 0, Label::PER),
            ("Ortolan", 1, Label::PER),
        ],
    );
    assert_eq!(attr(&out.annotations[0], "speaker"), "Jeanne Ortolan");
}

#[test]
fn a_short_quote_after_a_reporting_verb_and_its_subject() {
    let text = "Le maire, Serge Aubertin, a dénoncé des « actes criminels » devant la presse.";
    let out = run_nth(text, &[("Serge Aubertin", 0, Label::PER)]);
    assert_eq!(out.annotations.len(), 1, "{:?}", out.annotations);
    assert_eq!(attr(&out.annotations[0], "speaker"), "Serge Aubertin");
    assert_eq!(attr(&out.annotations[0], "verb"), "dénoncé");
}

#[test]
fn a_role_takes_up_the_person_named_before() {
    let text = "Christian Roumieux préside le syndicat. « La facture va doubler », affirme l'élu.";
    let out = run_nth(text, &[("Christian Roumieux", 0, Label::PER)]);
    assert_eq!(attr(&out.annotations[0], "speaker"), "Christian Roumieux");
}

#[test]
fn names_decided_by_the_learned_tagger_are_the_ones_read() {
    // The rule tagger typed `Etat` a person; the learned tagger did not: not a speaker.
    let text = "Marc Olivier a parlé de l'Etat. « Rien ne change », a-t-il dit.";
    let doc = Document::new("t.txt", text).unwrap();
    let at = |name: &str| text.find(name).unwrap();
    let mut rule = Annotation::new(at("Etat")..at("Etat") + 4, Label::PER);
    rule.tagger = "names";
    let mut rule_marc = Annotation::new(at("Marc")..at("Marc") + 12, Label::PER);
    rule_marc.tagger = "names";
    let mut ner = Annotation::new(at("Marc")..at("Marc") + 12, Label::PER);
    ner.tagger = "ner";
    let store = AnnotationStore::from_vec(vec![rule, rule_marc, ner]);
    let out = Quotes
        .tag(&DocumentView::new(&doc, &store, &Never))
        .unwrap();
    assert_eq!(attr(&out.annotations[0], "speaker"), "Marc Olivier");
}

#[test]
fn a_quote_that_goes_on_keeps_its_speaker() {
    let text = "« Nous avons tenu », a déclaré Nadia Ferhat. « Le plus dur reste à faire. »\n\n\
                « Tout le monde doit partir », dit la consigne.";
    let out = run_nth(text, &[("Nadia Ferhat", 0, Label::PER)]);
    let speakers: Vec<String> = out.annotations.iter().map(|q| attr(q, "speaker")).collect();
    // The third is in another paragraph: not taken up.
    assert_eq!(speakers, ["Nadia Ferhat", "Nadia Ferhat", ""]);
}

#[test]
fn unnamed_sources_before_the_quote() {
    let text = "Selon un conseiller de l'exécutif, « le président ne cédera pas ». \
                Un stratège du parti admet que la campagne sera « très serrée ».";
    let out = run_nth(text, &[]);
    assert_eq!(out.annotations.len(), 2, "{:?}", out.annotations);
    for q in &out.annotations {
        assert_eq!(attr(q, "anonymous"), "true", "{q:?}");
    }
    assert!(attr(&out.annotations[0], "speaker").starts_with("un conseiller"));
    assert_eq!(attr(&out.annotations[1], "speaker"), "Un stratège du parti");
    assert_eq!(attr(&out.annotations[1], "verb"), "admet");
}

#[test]
fn the_speaker_span_is_the_mention_that_names_them() {
    let text = "Maëlle Guézennec préside le comité. « Nous attendons une réponse », a dit \
                Guézennec. « Rien ne bouge », a-t-elle ajouté. « Trop tard », confie un élu du canton.";
    let doc = Document::new("t.txt", text).unwrap();
    let surname = text.rfind("Guézennec").unwrap();
    let store = AnnotationStore::from_vec(vec![
        Annotation::new(0.."Maëlle Guézennec".len(), Label::PER),
        Annotation::new(surname..surname + "Guézennec".len(), Label::PER),
    ]);
    let out = Quotes
        .tag(&DocumentView::new(&doc, &store, &Never))
        .unwrap();
    let span = |q: &Annotation| {
        let n = |k: &str| q.attrs[k].as_u64().unwrap() as usize;
        &text[n("speaker_start")..n("speaker_end")]
    };
    // Named by surname: the full name is the speaker, the surname the mention.
    let [first, second, third] = &out.annotations[..] else {
        panic!("three quotes: {:?}", out.annotations)
    };
    assert_eq!(attr(first, "speaker"), "Maëlle Guézennec");
    assert_eq!(first.attrs["speaker_start"].as_u64(), Some(surname as u64));
    assert_eq!(span(first), "Guézennec");
    // A pronoun: the mention it takes up.
    assert_eq!(attr(second, "speaker"), "Maëlle Guézennec");
    // An anonymous source: its description.
    assert_eq!(span(third), "un élu du canton");
    assert_eq!(third.attrs["anonymous"], true);
}
