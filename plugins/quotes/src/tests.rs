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
    let out = run(
        "Le « califat » est tombé. Ce que les marins appellent le « pot au noir ».",
        &[],
    );
    assert!(out.annotations.is_empty());
    // A few words given to someone by a verb of saying are theirs.
    let out = run("Le « califat » est tombé. Il parle de “ligne rouge”.", &[]);
    let quotes: Vec<&str> = out
        .annotations
        .iter()
        .map(|a| &"Le « califat » est tombé. Il parle de “ligne rouge”."[a.span.start..a.span.end])
        .collect();
    assert_eq!(quotes, ["“ligne rouge”"]);
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

/// The speaker of the only quote of `text`, with `names` as people or organisations.
fn speaker_of(text: &str, names: &[(&str, Label)]) -> (String, bool) {
    let names: Vec<_> = names.iter().map(|&(n, l)| (n, l, None)).collect();
    let out = run(text, &names);
    let q = out
        .annotations
        .iter()
        .find(|a| a.label == Label::QUOTE)
        .unwrap_or_else(|| panic!("no quote in {text}"));
    (
        attr(q, "speaker"),
        q.attrs.get("anonymous").and_then(|v| v.as_bool()) == Some(true),
    )
}

#[test]
fn a_description_before_the_name_after_the_verb() {
    for (text, name) in [
        (
            "« Nous avons manqué de lucidité », a regretté le manager Bastien Oyarzabal.",
            "Bastien Oyarzabal",
        ),
        (
            "« La salle restera ouverte », promet la présidente de l'association, Odile Marchal.",
            "Odile Marchal",
        ),
        (
            "« On attend des garanties », prévient le délégué CGT Malik Benaïssa.",
            "Malik Benaïssa",
        ),
        (
            "« Je reste confiant pour la suite », a déclaré M. Pierrick Le Gall.",
            "Pierrick Le Gall",
        ),
    ] {
        let mut names = vec![(name, Label::PER)];
        if text.contains("CGT") {
            names.push(("CGT", Label::ORG));
        }
        assert_eq!(speaker_of(text, &names).0, name);
    }
}

#[test]
fn verbs_of_tone_and_manner() {
    for verb in [
        "savourait",
        "relativise",
        "peste",
        "fait valoir",
        "met en garde",
    ] {
        let text = format!("« Le plus dur reste à faire », {verb} Soizic Tanguy.");
        assert_eq!(
            speaker_of(&text, &[("Soizic Tanguy", Label::PER)]).0,
            "Soizic Tanguy"
        );
    }
}

#[test]
fn the_speaker_opens_the_sentence() {
    let cases = [
        "Pour Soizic Tanguy, « le calendrier ne tient plus » depuis l'été.",
        "Soizic Tanguy reste prudente : « Rien n'est encore signé avec la région ».",
        "Soizic Tanguy, adjointe aux finances, a salué « un budget sincère ».",
        "Soizic Tanguy juge que « la dette reste maîtrisée ».",
    ];
    for text in cases {
        assert_eq!(
            speaker_of(text, &[("Soizic Tanguy", Label::PER)]).0,
            "Soizic Tanguy",
            "{text}"
        );
    }
    // An acronym in brackets between the organisation and its verb.
    let text = "La Fédération des usagers du rail (FUR) se dit « inquiète ».";
    let names = [("Fédération des usagers du rail", Label::ORG)];
    assert_eq!(speaker_of(text, &names).0, "Fédération des usagers du rail");
}

#[test]
fn organisations_speak_through_roles() {
    let names = [("Biscuiterie Laurent", Label::ORG)];
    let text = "Le site ferme en mars. « Les commandes ont chuté », indique la direction de \
                Biscuiterie Laurent.";
    assert_eq!(speaker_of(text, &names).0, "Biscuiterie Laurent");
    let text = "Biscuiterie Laurent ferme son site. L'entreprise assure que « les départs \
                seront volontaires ».";
    assert_eq!(speaker_of(text, &names).0, "Biscuiterie Laurent");
}

#[test]
fn pronouns_go_to_the_last_person_of_their_gender() {
    let text = "Nathalie Kerbrat a battu Olivier Lemaire en finale. « J'ai tenu jusqu'au bout », \
                a-t-elle confié.";
    let names = [
        ("Nathalie Kerbrat", Label::PER),
        ("Olivier Lemaire", Label::PER),
    ];
    assert_eq!(speaker_of(text, &names).0, "Nathalie Kerbrat");
    let text = "Olivier Lemaire a perdu face à Nathalie Kerbrat. « Elle était plus forte », a-t-il \
                reconnu.";
    assert_eq!(speaker_of(text, &names).0, "Olivier Lemaire");
    // A role with its article: `la dirigeante` is the woman named before.
    let text = "Morgane Quéré dirige l'entreprise depuis que Paul Quéré est parti. « Nous \
                recrutons », explique la dirigeante.";
    let names = [("Morgane Quéré", Label::PER), ("Paul Quéré", Label::PER)];
    assert_eq!(speaker_of(text, &names).0, "Morgane Quéré");
}

#[test]
fn unnamed_roles_and_entourages_are_anonymous() {
    let text = "« La décision viendra après l'été », fait valoir l'entourage du ministre.";
    assert_eq!(
        speaker_of(text, &[]),
        ("l'entourage du ministre".to_owned(), true)
    );
    let text = "Le maire de Plouguerneau a salué « une bonne nouvelle pour le port ».";
    let (speaker, anonymous) = speaker_of(text, &[]);
    assert!(anonymous && speaker.starts_with("Le maire de"), "{speaker}");
    // The same role named someone before: that person.
    let text = "Le physicien Rémi Colas dirige l'équipe. « Il faut rester modeste », tempère \
                le physicien.";
    assert_eq!(
        speaker_of(text, &[("Rémi Colas", Label::PER)]).0,
        "Rémi Colas"
    );
}

#[test]
fn interview_answers_go_to_the_interviewee() {
    let text = "Jeanne Ortolan dirige le festival depuis 2019. Jeanne Ortolan répond à nos \
                questions.\n\nPourquoi ce thème ?\n\n« Parce que la mer relie toutes les villes \
                du programme, de Brest à Dakar ».";
    let doc = Document::new("t.txt", text).unwrap();
    let store = AnnotationStore::from_vec(
        text.match_indices("Jeanne Ortolan")
            .map(|(i, n)| Annotation::new(i..i + n.len(), Label::PER))
            .collect(),
    );
    let out = Quotes
        .tag(&DocumentView::new(&doc, &store, &Never))
        .unwrap();
    assert_eq!(attr(&out.annotations[0], "speaker"), "Jeanne Ortolan");
}

#[test]
fn the_person_spoken_to_and_demonstratives() {
    let names = [("Soizic Tanguy", Label::PER)];
    let text = "Soizic Tanguy a quitté le conseil. « Je ne regrette rien », nous a-t-elle confié.";
    assert_eq!(speaker_of(text, &names).0, "Soizic Tanguy");
    let text = "Selon son adjointe, Soizic Tanguy, « la piscine rouvrira en juin ».";
    assert_eq!(speaker_of(text, &names).0, "Soizic Tanguy");
    let text = "Soizic Tanguy a repris la scierie. « Le bois repart », constate cette dirigeante \
                d'entreprise de 41 ans.";
    assert_eq!(
        speaker_of(text, &names),
        ("Soizic Tanguy".to_owned(), false)
    );
}

#[test]
fn on_and_groups_are_unnamed_sources() {
    let text = "Dans l'entourage de la ministre, on assure que « rien n'est encore arbitré ».";
    assert_eq!(
        speaker_of(text, &[]),
        ("l'entourage de la ministre".to_owned(), true)
    );
    let text = "« Le calendrier sera tenu », a-t-on indiqué à la préfecture.";
    assert!(speaker_of(text, &[]).1);
    let text = "Les syndicats dénoncent un plan « préparé depuis des mois ».";
    assert_eq!(speaker_of(text, &[]), ("Les syndicats".to_owned(), true));
    // `avait-il lancé`: the pronoun after a pluperfect auxiliary.
    let names = [("Loïc Gourvennec", Label::PER)];
    let text = "Loïc Gourvennec a plaidé. « Rien ne tient dans ce dossier », avait-il lancé.";
    assert_eq!(speaker_of(text, &names).0, "Loïc Gourvennec");
}

#[test]
fn a_pronoun_after_an_unnamed_source() {
    let names = [("Soizic Tanguy", Label::PER)];
    let text = "Soizic Tanguy a visité le port. Le quai a cédé, a indiqué un responsable sous \
                le couvert de l'anonymat. « Nous n'avons plus de grue », a-t-il déploré.";
    let (speaker, anonymous) = speaker_of(text, &names);
    assert!(
        anonymous && speaker.starts_with("un responsable"),
        "{speaker}"
    );
    // A thing after the verb is no source: the pronoun keeps its person.
    let names = [("Loïc Gourvennec", Label::PER)];
    let text = "Loïc Gourvennec a annoncé une hausse des tarifs. « Nous n'avions pas le \
                choix », a-t-il expliqué.";
    assert_eq!(
        speaker_of(text, &names),
        ("Loïc Gourvennec".to_owned(), false)
    );
    // `Interrogé par l'AFP, un cadre de …, qui a requis l'anonymat, a rejeté …`.
    let names = [("AFP", Label::ORG)];
    let text = "Interrogé par l'AFP, un cadre de la compagnie, qui a requis l'anonymat, a \
                rejeté des conclusions « exagérées ».";
    let (speaker, anonymous) = speaker_of(text, &names);
    assert!(
        anonymous && speaker.starts_with("un cadre de la compagnie"),
        "{speaker}"
    );
}

#[test]
fn unnamed_offices() {
    let names = [("Loïc Gourvennec", Label::PER)];
    let text = "Loïc Gourvennec comparaissait mardi. L'avocat général a requis six ans. « Il \
                savait tout depuis le début », a-t-il lancé.";
    let (speaker, anonymous) = speaker_of(text, &names);
    assert!(anonymous && speaker == "L'avocat général", "{speaker}");
    // The office named next to its holder somewhere in the article: that person.
    let names = [("Loïc Gourvennec", Label::PER), ("Anne Morvan", Label::PER)];
    let text = "Loïc Gourvennec comparaissait mardi devant la procureure Anne Morvan. « Les faits \
                sont établis », a déclaré la procureure.";
    assert_eq!(speaker_of(text, &names).0, "Anne Morvan");
}

#[test]
fn an_adverb_between_the_auxiliary_and_the_verb() {
    let names = [("Anne Morvan", Label::PER)];
    let text = "Mme Anne Morvan a au contraire évoqué des « preuves accablantes ».";
    assert_eq!(speaker_of(text, &names).0, "Anne Morvan");
    let text = "L'armée de l'air a de son côté affirmé avoir « intercepté » deux drones.";
    assert_eq!(speaker_of(text, &[]), ("L'armée de l'air".to_owned(), true));
}

#[test]
fn unnamed_sources_of_conflict_reporting() {
    let names = [
        ("FDS", Label::ORG),
        ("AFP", Label::ORG),
        ("ONU", Label::ORG),
    ];
    for (text, want) in [
        (
            "« Les combats ont repris dans la nuit », a déclaré un porte-parole des FDS.",
            "un porte-parole des FDS",
        ),
        (
            "« La route est coupée », a indiqué à l'AFP un commandant des FDS, qui a requis \
             l'anonymat.",
            "un commandant des FDS",
        ),
        (
            "D'après une ONG locale, « les camps débordent de familles sans abri ».",
            "une ONG locale",
        ),
        (
            "« Les frappes continueront », confie sous couvert d'anonymat un officier.",
            "un officier",
        ),
        (
            "Un habitant de Raqqa, joint par téléphone, raconte : « Nous n'avons plus d'eau \
             depuis lundi ».",
            "Un habitant de Raqqa",
        ),
        (
            "Un responsable de l'ONU, qui a requis l'anonymat, a dénoncé « une catastrophe \
             annoncée ».",
            "Un responsable de l'ONU",
        ),
        (
            "Des témoins ont rapporté que « les hommes armés sont partis vers l'est ».",
            "Des témoins",
        ),
        (
            "« Il n'y a plus de médecins ici », raconte un infirmier de l'hôpital de Deir \
             ez-Zor.",
            "un infirmier de l'hôpital de Deir ez-Zor",
        ),
        (
            "Selon des sources concordantes, « l'émir a été tué dans la frappe ».",
            "des sources concordantes",
        ),
    ] {
        let present: Vec<_> = names
            .iter()
            .filter(|(n, _)| text.contains(n))
            .copied()
            .collect();
        assert_eq!(
            speaker_of(text, &present),
            (want.to_owned(), true),
            "{text}"
        );
    }
}

#[test]
fn roles_of_every_walk_of_life() {
    let names = [("Soizic Tanguy", Label::PER)];
    for text in [
        "Soizic Tanguy a fini troisième. « J'ai pensé à mon père tout le long », a confié la \
         navigatrice sur le ponton.",
        "Soizic Tanguy a repris l'atelier. « Il pleuvait dans la salle », raconte cette \
         ancienne professeure d'histoire.",
        "Soizic Tanguy a ouvert son restaurant en 2019. « J'ai pleuré, puis j'ai appelé ma \
         mère », raconte en riant celle qui a fait ses classes à Laguiole.",
        "Le projet avance. « L'Europe peut encore mener la danse », estime de son côté \
         l'astronome Soizic Tanguy.",
    ] {
        assert_eq!(speaker_of(text, &names).0, "Soizic Tanguy", "{text}");
    }
}

#[test]
fn an_indefinite_subject_holding_an_article() {
    let names = [("Logistia", Label::ORG)];
    let text = "Logistia a ouvert un entrepôt. Un porte-parole de l'entreprise affirme que « les \
                salaires sont parmi les plus élevés ».";
    assert_eq!(
        speaker_of(text, &names),
        ("Un porte-parole de l'entreprise".to_owned(), true)
    );
}

/// The speaker of each quote: its text, or `?description` for an unnamed source, or ``.
fn speakers(out: &TagOutput) -> Vec<String> {
    out.annotations
        .iter()
        .map(|a| {
            let s = attr(a, "speaker");
            if attr(a, "anonymous") == "true" {
                format!("?{s}")
            } else {
                s
            }
        })
        .collect()
}

#[test]
fn a_description_whose_complement_names_an_organisation() {
    // The subject is the federation, the president, the rectorate: not the name in them.
    let text = "La fédération régionale des Verts a condamné « une agression ». \
                Le président du Conseil régional a parlé d'une « faute ». \
                Le rectorat de l'académie de Lille reconnaît des « retards ». \
                La direction de Vitalor invoque « la conjoncture ».";
    let out = run(
        text,
        &[
            ("Verts", Label::ORG, None),
            ("Conseil régional", Label::ORG, None),
            ("Vitalor", Label::ORG, None),
        ],
    );
    assert_eq!(
        speakers(&out),
        [
            "?La fédération régionale des Verts",
            "?Le président du Conseil régional",
            "?Le rectorat de l'académie de Lille",
            // `la direction de X` speaks for X.
            "Vitalor",
        ]
    );
}

#[test]
fn a_role_opening_its_sentence_introduces_someone_new() {
    // A man was just named, but `Le maire de Vence` opening a sentence is someone else.
    let text = "« Le quartier a beaucoup changé en dix ans », estime Paul Ferrand, \
                artisan. Le maire de Vence a salué « une décision sage ».";
    let out = run(text, &[("Paul Ferrand", Label::PER, None)]);
    assert_eq!(speakers(&out), ["Paul Ferrand", "?Le maire de Vence"]);
}

#[test]
fn groups_relative_clauses_and_possessives() {
    let text = "L'intersyndicale, qui rassemble la CGT et FO, dénonce une « casse sociale ». \
                La CFDT et l'Unsa ont regretté « un passage en force ». \
                Son entourage évoque « une fatigue passagère ». \
                Plusieurs pêcheurs attendent sur le quai. « La saison est perdue pour nous », \
                lâche l'un d'eux.";
    let out = run(
        text,
        &[
            ("CGT", Label::ORG, None),
            ("FO", Label::ORG, None),
            ("CFDT", Label::ORG, None),
            ("Unsa", Label::ORG, None),
        ],
    );
    assert_eq!(
        speakers(&out),
        [
            "?L'intersyndicale",
            "?La CFDT et l'Unsa",
            "?Son entourage",
            "?l'un d'eux",
        ]
    );
}

#[test]
fn place_time_and_channel_before_the_speaker() {
    let text = "« Nous tiendrons la ligne », a affirmé à la radio publique le général Omar \
                Haddad. « Les stocks tiendront un mois », confie par téléphone depuis Gao \
                Moussa Keita. « La décision est prise », justifiait dans les couloirs du \
                Sénat un élu centriste.";
    let out = run(
        text,
        &[
            ("Omar Haddad", Label::PER, None),
            ("Moussa Keita", Label::PER, None),
            ("Sénat", Label::ORG, None),
        ],
    );
    assert_eq!(
        speakers(&out),
        ["Omar Haddad", "Moussa Keita", "?un élu centriste"]
    );
}

#[test]
fn names_said_inside_a_quote_are_not_the_speaker() {
    // Both given names are used for men and women: only the quote marks tell.
    let text = "Le maire, Claude Morel, a répondu aux critiques. « Dominique Petit se trompe \
                de combat », a-t-il ajouté.";
    let out = run(
        text,
        &[
            ("Claude Morel", Label::PER, None),
            ("Dominique Petit", Label::PER, None),
        ],
    );
    assert_eq!(speakers(&out), ["Claude Morel"]);
}

#[test]
fn a_given_name_or_an_arabic_surname_alone_names_the_full_name() {
    let text = "Amina Diallo tient la boutique depuis 2019. « Je ne lâcherai rien du tout », \
                dit Amina. Le directeur, Karim al-Masri, était présent. « Nous aiderons les \
                commerçants », a promis M. Masri.";
    let out = run_nth(
        text,
        &[
            ("Amina Diallo", 0, Label::PER),
            ("Amina", 1, Label::PER),
            ("Karim al-Masri", 0, Label::PER),
            ("Masri", 1, Label::PER),
        ],
    );
    assert_eq!(speakers(&out), ["Amina Diallo", "Karim al-Masri"]);
}

#[test]
fn things_are_not_sources() {
    // `un communiqué` is where Nokia said it; the speaker is Nokia, not the release.
    let text = "« Le marché a reculé en Europe cette année », indique Nokia dans un \
                communiqué, assurant vouloir privilégier « les départs volontaires ». \
                Le Conseil d'Etat a tranché. La municipalité indique qu'elle étudie « un \
                nouvel arrêté ».";
    let out = run(
        text,
        &[
            ("Nokia", Label::ORG, None),
            ("Conseil d'Etat", Label::ORG, None),
        ],
    );
    let s = speakers(&out);
    assert_eq!(s[0], "Nokia");
    assert!(!s[1].contains("communiqué"), "{s:?}");
    // A public body takes up no organisation of another kind.
    assert_eq!(s[2], "?La municipalité");
}

#[test]
fn a_short_quote_after_a_reporting_verb_is_speech() {
    // No one is named, yet `a dénoncé` makes the two words speech; a term is not.
    let text = "Hier soir, il a dénoncé des « actes odieux ». Le mot « grève » revient.";
    let out = run(text, &[]);
    assert_eq!(out.annotations.len(), 1);
    assert_eq!(out.annotations[0].text(text), "« actes odieux »");
}

#[test]
fn an_apposition_between_an_unnamed_subject_and_its_verb() {
    let text = "La préfecture, elle, assure suivre « de très près » le dossier. \
                Les riverains du chantier, pour la plupart hostiles au projet, ont dénoncé \
                une enquête « bâclée ». Les syndicats, réunis en intersyndicale, ont \
                promis de « tout bloquer ».";
    let out = run(text, &[]);
    assert_eq!(
        speakers(&out),
        [
            "?La préfecture",
            "?Les riverains du chantier",
            "?Les syndicats",
        ]
    );
}

#[test]
fn an_apposition_naming_someone_is_still_the_speaker() {
    // The apposition names the person: the speaker is that person, not the role.
    let text = "La directrice, Hélène Carvalho, a dénoncé une « campagne de dénigrement ».";
    let out = run(text, &[("Hélène Carvalho", Label::PER, None)]);
    assert_eq!(speakers(&out), ["Hélène Carvalho"]);
    // The role names an organisation: still the person it describes.
    let text = "Paul Morvan, président de la CLCV, estime que « les plus fragiles paient \
                pour les autres ». Anne Roux, déléguée de la CGT Métallurgie, parle d'un \
                « choc ». Le bureau, présidé par Jean Lamy, délégué du Medef, dit que « tout \
                est prêt ».";
    let out = run(
        text,
        &[
            ("Paul Morvan", Label::PER, None),
            ("CLCV", Label::ORG, None),
            ("Anne Roux", Label::PER, None),
            ("CGT Métallurgie", Label::ORG, None),
            ("Jean Lamy", Label::PER, None),
            ("Medef", Label::ORG, None),
        ],
    );
    assert_eq!(speakers(&out)[..2], ["Paul Morvan", "Anne Roux"]);
}

#[test]
fn the_person_spoken_to_between_the_subject_and_the_verb() {
    let text = "Les maraîchers de la vallée me répètent : « Nous ne tiendrons pas un an de \
                plus ». La FNSEA, la Confédération paysanne et la Coordination rurale ont \
                d'ores et déjà annoncé qu'elles resteraient mobilisées « jusqu'au bout ».";
    let out = run(
        text,
        &[
            ("FNSEA", Label::ORG, None),
            ("Confédération paysanne", Label::ORG, None),
            ("Coordination rurale", Label::ORG, None),
        ],
    );
    let s = speakers(&out);
    assert_eq!(s[0], "?Les maraîchers de la vallée");
    // Several organisations together, however many adverbs before the participle.
    assert!(s[1].starts_with("?La FNSEA"), "{s:?}");
}

#[test]
fn an_unnamed_agent_after_a_participle_of_speech() {
    let text = "Le club a obtenu deux titres, un résultat jugé « prometteur » par \
                l'encadrement. La mesure, qualifiée de « provocation » par la plupart des \
                associations, entre en vigueur lundi. Des conditions jugées \
                « inacceptables » par plusieurs ONG. Le ministre a dénoncé des \
                « mensonges » par la voix de son cabinet.";
    let out = run(text, &[]);
    assert_eq!(
        speakers(&out),
        [
            "?l'encadrement",
            "?la plupart des associations",
            "?plusieurs ONG",
            "?son cabinet",
        ]
    );
}

#[test]
fn par_after_an_active_verb_is_no_agent() {
    // `a qualifié … par` is the verb's own subject speaking, not an agent after `par`.
    let text = "Il a qualifié la réforme d'« injuste » par la presse.";
    let out = run(text, &[]);
    assert!(
        !speakers(&out).iter().any(|s| s.contains("presse")),
        "{:?}",
        speakers(&out)
    );
}

#[test]
fn a_sentence_opening_with_selon_an_unnamed_source() {
    let text = "Selon un proche de l'enquête, le suspect « connaissait bien » la victime. \
                D'après une source syndicale, la direction « prépare un plan » depuis juin.";
    let out = run(text, &[]);
    assert_eq!(
        speakers(&out),
        ["?un proche de l'enquête", "?une source syndicale"]
    );
}

#[test]
fn the_entourage_or_cabinet_of_someone_named_in_apposition() {
    let text = "L'entourage de la ministre de la Santé, Odile Ferrand, promet une « réponse \
                rapide ». Le cabinet du maire, Luc Perrin, fait valoir que « le budget est \
                tenu ».";
    let out = run(
        text,
        &[
            ("Odile Ferrand", Label::PER, None),
            ("Luc Perrin", Label::PER, None),
        ],
    );
    assert_eq!(
        speakers(&out),
        [
            "?L'entourage de la ministre de la Santé",
            "?Le cabinet du maire",
        ]
    );
}

#[test]
fn someone_of_a_body_after_dont() {
    let text = "Le projet est soutenu par la Ligue des pêcheurs du Léman (LPL), dont la \
                présidente a salué « un geste fort ».";
    let out = run(
        text,
        &[
            ("Ligue des pêcheurs du Léman", Label::ORG, None),
            ("LPL", Label::ORG, None),
        ],
    );
    assert_eq!(speakers(&out), ["?la présidente"]);
}

#[test]
fn a_pronoun_taking_up_an_unnamed_source_after_selon() {
    // No person is named: `il` is the official `selon` introduced.
    let text = "Le pont a cédé dans la nuit, selon un responsable local qui a requis \
                l'anonymat. « Nous avons entendu un grand bruit vers minuit », a-t-il raconté.";
    let out = run(text, &[]);
    assert_eq!(speakers(&out), ["?un responsable local"]);
}

#[test]
fn a_long_description_opening_the_sentence() {
    // A place or a party in the complement, then more words: the description speaks.
    let text = "Le rectorat de l'académie de Nancy-Metz reconnaît des « retards ». \
                Le chef de file du PS au conseil régional a dénoncé « un budget \
                d'austérité ». Le rapport de la Cour des comptes évoque « des dérives ».";
    let out = run(
        text,
        &[
            ("Nancy-Metz", Label::LOC, None),
            ("PS", Label::ORG, None),
            ("Cour des comptes", Label::ORG, None),
        ],
    );
    let s = speakers(&out);
    assert_eq!(s[0], "?Le rectorat de l'académie de Nancy-Metz");
    assert!(s[1].starts_with("?Le chef de file du PS"), "{s:?}");
    // A report is no source: the body that wrote it speaks.
    assert_eq!(s[2], "Cour des comptes");
}

#[test]
fn indefinite_plurals_and_pronouns_of_a_group() {
    let text = "D'anciens employés de l'usine dénoncent une gestion « opaque ». \
                La réunion s'est achevée tard : chacun a assuré que des « progrès » avaient \
                été faits. Certains redoutent « un nouveau report ».";
    let out = run(text, &[]);
    assert_eq!(
        speakers(&out),
        ["?D'anciens employés de l'usine", "?chacun", "?Certains",]
    );
}

#[test]
fn a_reflexive_verb_after_an_unnamed_voice() {
    let text = "La RATP, par la voix d'une porte-parole, se dit « confiante » pour la \
                rentrée. Le maire se dit « soulagé » par la décision.";
    let out = run(text, &[("RATP", Label::ORG, None)]);
    // `se dit` is the subject's verb: the role opening the sentence speaks (no one is
    // named), not `la décision` after `par`.
    assert_eq!(speakers(&out), ["?une porte-parole", "?Le maire"]);
}

#[test]
fn selon_or_par_an_unnamed_source_just_before_the_quote() {
    let text = "Kevin Morel, présenté par le parquet comme le « cerveau » du réseau, a nié \
                en bloc. « Je ne connais pas ces gens », a-t-il répété. Sa voisine, chargée \
                selon l'enquête des « livraisons », comparaît libre.";
    let out = run(text, &[("Kevin Morel", Label::PER, None)]);
    assert_eq!(speakers(&out), ["?le parquet", "Kevin Morel", "?l'enquête"]);
}

#[test]
fn a_writing_speaks_for_whoever_issued_it() {
    // After the verb, before it, and after `lit-on dans`: the issuer when its complement
    // names them, else an unnamed source described by the writing.
    for (text, names, want) in [
        (
            "« La sanction est proportionnée », souligne la décision.",
            vec![],
            "?la décision",
        ),
        (
            "« Le prévenu a trahi la confiance des communes », lit-on dans le jugement.",
            vec![],
            "?le jugement",
        ),
        (
            "« Aucun site n'a fermé », précise le communiqué de la préfecture du Nord.",
            vec![],
            "?le communiqué de la préfecture du Nord",
        ),
        (
            "« Les comptes sont insincères », relève le rapport de la Cour des comptes.",
            vec![("Cour des comptes", Label::ORG)],
            "Cour des comptes",
        ),
        (
            "Une vidéo vue un million de fois sur TikTok affirme que les élus sont « payés \
             à ne rien faire ».",
            vec![("TikTok", Label::ORG)],
            "?Une vidéo vue un million de fois sur TikTok",
        ),
    ] {
        let (speaker, anonymous) = speaker_of(text, &names);
        assert_eq!(speaker, want.trim_start_matches('?'), "{text}");
        assert_eq!(anonymous, want.starts_with('?'), "{text}");
    }
    // Someone who reads a writing speaks for themself.
    let text = "Le député Paul Verdier a estimé que le rapport confirmait « l'urgence d'un \
                effort partagé ».";
    assert_eq!(
        speaker_of(text, &[("Paul Verdier", Label::PER)]).0,
        "Paul Verdier"
    );
}

#[test]
fn the_antecedent_of_a_relative_pronoun_speaks() {
    for (text, names, want) in [
        (
            "Cent militaires restent sur place, a précisé l'ambassade, qui assure que la \
             coopération « se poursuivra ».",
            vec![],
            "?l'ambassade",
        ),
        (
            "« On nous ampute », résume Inès Marchand, secrétaire générale de la CGT-Cheminots, \
             qui dénonce « un cadeau fait au privé ».",
            vec![("Inès Marchand", Label::PER), ("CGT-Cheminots", Label::ORG)],
            "Inès Marchand",
        ),
    ] {
        let names: Vec<_> = names.into_iter().collect();
        let out = run(
            text,
            &names.iter().map(|&(n, l)| (n, l, None)).collect::<Vec<_>>(),
        );
        let s = speakers(&out);
        assert_eq!(s.last().map(String::as_str), Some(want), "{text}");
    }
}

#[test]
fn organisations_joined_across_an_apposition_are_a_group() {
    let text = "Le SNUEP-FSU, premier syndicat du secteur, et la CGT Educ'action ont dénoncé \
                une « mise au service des entreprises ».";
    let (speaker, anonymous) = speaker_of(
        text,
        &[("SNUEP-FSU", Label::ORG), ("CGT Educ'action", Label::ORG)],
    );
    assert!(anonymous, "{speaker}");
    assert!(speaker.starts_with("Le SNUEP-FSU"), "{speaker}");
}

#[test]
fn titles_nicknames_and_named_things_are_not_quotes() {
    let text = "Le prix est allé au film « Les Murs de Kasserine », de Walid Ben Said. La \
                tournée, baptisée « L'Orchestre au village », passe par Guise. La coalition \
                surnommée « Arizona » a prêté serment. Cette fraude, appelée « spoofing », \
                explose. Elle s'inscrit dans le plan « Marseille en grand », a déclaré le \
                maire. Les modèles dits « à usage général » sont visés.";
    let out = run(text, &[]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
    // Speech after such nouns or after `se dire` stays speech.
    let text = "Le syndicat dénonce un plan « préparé de longue date » par l'actionnaire. La \
                Manul s'est dite « profondément préoccupée ». Le groupe Nouvel Air dénonce \
                un dispositif « qui sert de vitrine ».";
    let out = run(text, &[("Manul", Label::ORG, None)]);
    assert_eq!(out.annotations.len(), 3, "{:?}", speakers(&out));
}

#[test]
fn a_quote_standing_alone_after_a_sentence_that_introduces_its_speaker() {
    let text = "Dans sa grange de Mirande, Gaël Sarrazin montre les silos pleins. « Personne \
                ne veut plus de mes lentilles à ce prix ».\n\nÀ Lodève, Nadia Ferhat, \
                institutrice, ne cache pas sa colère. « On nous a oubliés ».\n\nLe conseil a \
                voté avec Paul Brun. Le texte passe.\n\n« Tout cela se fera sans nous », \
                explique Rémi Aubert, sous un portrait de Jacques Chirac. Il dit avoir \
                appelé ses voisins. « Les gens ont peur des responsabilités ».";
    let out = run(
        text,
        &[
            ("Gaël Sarrazin", Label::PER, None),
            ("Nadia Ferhat", Label::PER, None),
            ("Paul Brun", Label::PER, None),
            ("Rémi Aubert", Label::PER, None),
            ("Jacques Chirac", Label::PER, None),
        ],
    );
    assert_eq!(
        speakers(&out),
        [
            "Gaël Sarrazin",
            "Nadia Ferhat",
            "Rémi Aubert",
            "Rémi Aubert"
        ]
    );
    // A name after a preposition does not introduce the quote that follows.
    let text = "Le maire a dîné avec Paul Brun. « Nous reviendrons ici très vite ».";
    let (speaker, _) = speaker_of(text, &[("Paul Brun", Label::PER)]);
    assert_ne!(speaker, "Paul Brun");
}

#[test]
fn a_long_description_then_the_name_after_the_verb() {
    for (text, name) in [
        (
            "« Nous avons entendu les indépendants », a déclaré la ministre déléguée chargée \
             du Commerce et des PME, Hélène Vasseur, lundi.",
            "Hélène Vasseur",
        ),
        (
            "« L'offre ne rattrape pas l'inflation », a déclaré le président du Syndicat des \
             employés manuels de la Ville de Québec, Steve Tremblay.",
            "Steve Tremblay",
        ),
    ] {
        let mut names = vec![(name, Label::PER)];
        if text.contains("Syndicat") {
            names.push((
                "Syndicat des employés manuels de la Ville de Québec",
                Label::ORG,
            ));
        }
        assert_eq!(speaker_of(text, &names).0, name, "{text}");
    }
    // `le magistrat`, `le cinéaste`: roles that take up the person named before.
    let text = "Le procureur, Marc Olivier, a ouvert une enquête. « Nous examinerons cette \
                plainte avec attention », a assuré le magistrat.";
    assert_eq!(
        speaker_of(text, &[("Marc Olivier", Label::PER)]).0,
        "Marc Olivier"
    );
}

#[test]
fn a_party_in_brackets_after_the_name_and_newspapers_as_bodies() {
    let text = "Le président de la commission des finances de l'Assemblée nationale, Eric \
                Vautrin (LFI), a dénoncé une « obsession de la dépense ».";
    let (speaker, _) = speaker_of(
        text,
        &[
            ("Assemblée nationale", Label::ORG),
            ("Eric Vautrin", Label::PER),
            ("LFI", Label::ORG),
        ],
    );
    assert_eq!(speaker, "Eric Vautrin");
    let text = "Pour Le Figaro, le scrutin sanctionne d'abord le président. Le quotidien \
                juge que l'exécutif a « joué la France à pile ou face ».";
    let (speaker, _) = speaker_of(text, &[("Le Figaro", Label::ORG)]);
    assert_eq!(speaker, "Le Figaro");
}

/// A text, the names in it, and the speaker of its last quote.
type Case<'a> = (&'a str, &'a [(&'a str, Label)], &'a str);

/// Checks the speaker of the last quote of each case's text.
fn assert_last_speakers(cases: &[Case<'_>]) {
    for &(text, names, want) in cases {
        let out = run(
            text,
            &names.iter().map(|&(n, l)| (n, l, None)).collect::<Vec<_>>(),
        );
        assert_eq!(
            speakers(&out).last().map(String::as_str),
            Some(want),
            "{text}"
        );
    }
}

#[test]
fn more_ways_of_naming_the_speaker() {
    let cases: [Case<'_>; 6] = [
        (
            "L'album doit beaucoup à Tiago Ferreira, réalisateur. Selon lui, « Lina chante \
             comme si personne n'écoutait ».",
            &[("Tiago Ferreira", Label::PER)],
            "Tiago Ferreira",
        ),
        (
            "Le journal cite un économiste de la Banque de France selon lequel « les marchés \
             ont déjà intégré le risque ».",
            &[("Banque de France", Label::ORG)],
            "?un économiste de la Banque de France",
        ),
        (
            "Son PDG, Mehdi Zerhouni, a présenté ses excuses sur LinkedIn : « Nous avons \
             failli envers nos clients ».",
            &[("Mehdi Zerhouni", Label::PER), ("LinkedIn", Label::ORG)],
            "Mehdi Zerhouni",
        ),
        (
            "Le Stade toulousain refuse de commenter. « Nous ne communiquons jamais sur les \
             salaires », a sèchement répondu le club.",
            &[("Stade toulousain", Label::ORG)],
            "Stade toulousain",
        ),
        (
            "La start-up Parcelio a été piratée. « Aucun mot de passe n'a été compromis », a \
             tenu à rassurer l'entreprise.",
            &[("Parcelio", Label::ORG)],
            "Parcelio",
        ),
        (
            "Un habitant du hameau, relogé au gymnase, raconte avoir été réveillé par les \
             gendarmes. « Ils tapaient aux volets en criant de partir ».",
            &[],
            "?Un habitant du hameau",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn titles_in_apposition_and_renamed_things_are_not_quotes() {
    let text = "La chanteuse publie son troisième album, « Sel », chez Because Music. Le plan \
                européen, rebaptisé « Readiness 2030 », doit mobiliser des milliards. Le \
                prévenu, que ses administrés surnomment « le Patriarche », conteste.";
    let out = run(text, &[]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
}

#[test]
fn terms_of_another_language_and_titles_with_no_speaker_are_not_quotes() {
    let text = "Le ministre invoque un « deal » rapide. Les compagnies « low cost » se taisent. \
                Le pays pratique le « muddling through » depuis des années. Le joueur, repêché \
                comme « lucky loser », a gagné. La romancière revient avec « Marées », son \
                quatrième livre.";
    let out = run(text, &[]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
    // A cry with a capital letter and French words after a reporting verb stay speech.
    let text = "« Nous ne partirons pas », a prévenu Jean Dupuis. « Jamais ! » Le maire a \
                dénoncé un « accord de couloir ».";
    let out = run(text, &[("Jean Dupuis", Label::PER, None)]);
    assert_eq!(
        speakers(&out),
        ["Jean Dupuis", "Jean Dupuis", "Jean Dupuis"],
        "{:?}",
        speakers(&out)
    );
}

#[test]
fn the_channel_of_a_subject_and_pronouns_that_take_up_no_writing() {
    let cases: [Case<'_>; 3] = [
        (
            "L'association Vigie Citoyenne, partie civile, a dénoncé par la voix de son \
             avocate un « système opaque ».",
            &[("Vigie Citoyenne", Label::ORG)],
            "Vigie Citoyenne",
        ),
        (
            "Dans un communiqué, la préfecture du Tarn a fait savoir que « les contrôles \
             seront renforcés tout l'été ».",
            &[("Tarn", Label::LOC)],
            "?la préfecture du Tarn",
        ),
        (
            "Le juge Paul Ferrand cite l'ordonnance de renvoi, qui évoque un « réseau \
             d'obligés ». Le prévenu conteste tout. « Je n'ai jamais rien touché de ma \
             vie », a-t-il lancé.",
            &[("Paul Ferrand", Label::PER)],
            "Paul Ferrand",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn words_on_a_banner_or_a_sign_are_spoken_by_no_one() {
    let text = "« Nous tiendrons jusqu'au bout », a prévenu Paul Marchetti, délégué syndical. \
                Sur une pancarte, on lit : « Pas de ligne sans cheminots ». Dans la cour, une \
                banderole : « Vingt ans de service, zéro merci ». Une militante brandit une \
                pancarte « Rail en danger ». Son adjoint, Marc Lenoir, affiche un certain \
                calme : « Nous irons devant le juge s'il le faut ».";
    let out = run(
        text,
        &[
            ("Paul Marchetti", Label::PER, None),
            ("Marc Lenoir", Label::PER, None),
        ],
    );
    let quotes: Vec<(String, String)> = out
        .annotations
        .iter()
        .map(|a| (a.text(text).to_owned(), attr(a, "speaker")))
        .collect();
    assert_eq!(quotes.len(), 5, "{quotes:?}");
    assert_eq!(quotes[0].1, "Paul Marchetti");
    for (quote, speaker) in &quotes[1..4] {
        assert_eq!(speaker, "", "{quote}");
    }
    assert_eq!(quotes[4].1, "Marc Lenoir", "a verb is no sign");
}

#[test]
fn the_one_person_of_the_sentence_speaks_when_nothing_else_says_who() {
    assert_last_speakers(&[
        (
            "A Rennes, Hugo Marchal, fondateur d'une petite société de conseil, constate \
             une demande en hausse : « Les communes viennent nous voir après chaque \
             attaque ».",
            &[("Hugo Marchal", Label::PER)],
            "Hugo Marchal",
        ),
        (
            "Le maire, Alain Séguret, a rendu hommage « à tous ceux qui ont tenu bon \
             pendant la crue ».",
            &[("Alain Séguret", Label::PER)],
            "Alain Séguret",
        ),
        (
            "En attendant, l'adjoint au maire chargé des relations avec la base aérienne, \
             Rémi Castel, se réjouit de voir le public revenir. « La patrouille fait partie \
             de l'identité de la ville ».",
            &[("Rémi Castel", Label::PER)],
            "Rémi Castel",
        ),
        (
            "Des annonces jugées bien maigres par Sophie Lartigue, éleveuse à Nérac : « On \
             nous promet de simplifier depuis dix ans ».",
            &[("Sophie Lartigue", Label::PER)],
            "Sophie Lartigue",
        ),
        (
            "Son homologue Paul Verbeke pestait contre l'arbitrage. « Le deuxième carton \
             est sévère, vraiment », a estimé le coach liégeois.",
            &[("Paul Verbeke", Label::PER)],
            "Paul Verbeke",
        ),
    ]);
    // The person after a preposition: no one.
    let text = "La soirée a été marquée par un hommage à Marie Vidal, « pionnière du judo \
                dans toute la région ».";
    let out = run(text, &[("Marie Vidal", Label::PER, None)]);
    assert_eq!(speakers(&out), [""], "{text}");
}

#[test]
fn a_role_written_with_a_hyphen_takes_up_its_holder() {
    assert_last_speakers(&[
        (
            "La sous-préfète, Nadia Ferrandi, a visité la salle. Le maire a parlé. La \
             sous-préfète a salué « un équipement pensé pour toute la vallée ».",
            &[("Nadia Ferrandi", Label::PER)],
            "Nadia Ferrandi",
        ),
        (
            "Le sous-préfet, Arnaud Dupré, était là. Le maire, Marc Rousseau, a parlé. Le \
             sous-préfet a, lui, insisté sur l'engagement des volontaires : « Sans eux, il \
             n'y a pas de secours dans nos campagnes ».",
            &[("Arnaud Dupré", Label::PER), ("Marc Rousseau", Label::PER)],
            "Arnaud Dupré",
        ),
    ]);
}

#[test]
fn a_part_of_a_body_described_by_its_complement_is_unnamed() {
    assert_last_speakers(&[
        (
            "Le groupe, propriétaire de Radio Azur, revendique la première place. « Nos \
             trois antennes progressent ensemble », se félicite la direction du pôle radio \
             de Média Sud.",
            &[("Média Sud", Label::ORG), ("Radio Azur", Label::ORG)],
            "?la direction du pôle radio de Média Sud",
        ),
        (
            "Le quotidien La Gazette du Nord salue un compromis. « La région a évité le \
             pire, sans trouver de cap », tranche le quotidien des affaires.",
            &[("La Gazette du Nord", Label::ORG)],
            "La Gazette du Nord",
        ),
    ]);
}

#[test]
fn a_body_named_after_du_cote_de_or_a_speaks_for_on() {
    assert_last_speakers(&[
        (
            "Du côté de l'Union des maires ruraux, on juge le texte « bien trop timide ».",
            &[("Union des maires ruraux", Label::ORG)],
            "Union des maires ruraux",
        ),
        (
            "À la CFTC, on réclame un accord « avant la fin du mois, quoi qu'il arrive ».",
            &[("CFTC", Label::ORG)],
            "CFTC",
        ),
        (
            "Du côté de la Fédération des pêcheurs (FDP) du Morbihan, on dénonce une \
             « mise à l'écart ».",
            &[("Fédération des pêcheurs", Label::ORG), ("FDP", Label::ORG)],
            "Fédération des pêcheurs",
        ),
        // A description of no one named stays an unnamed source.
        (
            "Du côté de la direction, on assure que « rien n'est décidé ».",
            &[],
            "?la direction",
        ),
    ]);
}

#[test]
fn whose_words_are_reported_speaks_not_who_reports_them() {
    assert_last_speakers(&[
        (
            "Le site Euractiv rapporte les propos d'un conseiller en poste à Strasbourg : \
             « Chacun attend le prochain scrutin. »",
            &[("Euractiv", Label::ORG)],
            "?un conseiller",
        ),
        (
            "La radio a diffusé les paroles de Lucie Arnaud-Vidal : « Je ne regrette \
             rien de ce choix. »",
            &[("Lucie Arnaud-Vidal", Label::PER)],
            "Lucie Arnaud-Vidal",
        ),
    ]);
}

#[test]
fn a_title_after_its_work_and_author_and_participles_used_as_adjectives() {
    // The work's author between the noun and the title in apposition.
    let text = "Le premier long métrage de Malik Ouardi, « Les Vents du Sud », sort mercredi.";
    let out = run(text, &[("Malik Ouardi", Label::PER, None)]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
    // `le plus commenté` describes a thing, it reports no one's words.
    let text = "Le volet le plus commenté reste la « gratuité totale » des transports.";
    let out = run(text, &[]);
    assert!(
        speakers(&out).iter().all(|s| !s.contains("volet")),
        "{:?}",
        speakers(&out)
    );
}

#[test]
fn a_company_by_its_trade_an_indefinite_named_after_all_and_a_participle_after_the_quote() {
    assert_last_speakers(&[
        (
            "Aciéries du Rhin supprime 300 postes. Le sidérurgiste invoque « une crise \
             européenne de l'acier ».",
            &[("Aciéries du Rhin", Label::ORG)],
            "Aciéries du Rhin",
        ),
        (
            "Une infirmière, Maëlle Guirec, se montre plus inquiète : « Qui nous \
             remplacera l'été prochain ? »",
            &[("Maëlle Guirec", Label::PER)],
            "Maëlle Guirec",
        ),
        // (Unnamed when no name follows the description.)
        (
            "Une infirmière se montre plus inquiète : « Qui nous remplacera l'été \
             prochain ? »",
            &[],
            "?Une infirmière",
        ),
        // `», évoquant des discussions`: the participle's object is no speaker.
        (
            "Son président, Gilles Arnaudet, dit vouloir « tout tenter pour garder la \
             ligne », évoquant des discussions avec une autre compagnie.",
            &[("Gilles Arnaudet", Label::PER)],
            "Gilles Arnaudet",
        ),
    ]);
}

#[test]
fn words_described_as_terms_or_names_are_not_quotes() {
    let text = "Plusieurs riverains évoquaient un « lissage », terme employé par les \
                maçons du coin. Ce que les comptables appellent un « effet levier » inquiète. \
                Les orateurs ont évité le mot « pénurie ». Le maire attend la « loi Durand », \
                votée l'an dernier. En cause, « La Nuit des orages », du metteur en scène \
                Anton Keller, programmée en juillet. Le crédit d'impôt de la loi « industrie \
                propre » aide le projet. L'association défend le droit de chacun à son \
                « ostal », la maison en occitan.";
    let out = run(text, &[("Anton Keller", Label::PER, None)]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
    // Words said to someone stay speech: `on m'appelait « … »`; so does a call on
    // people, `appelle « chacun à … »`.
    let out = run("En réunion, on m'appelait « la petite ».", &[]);
    assert_eq!(out.annotations.len(), 1);
    let out = run(
        "Le ministère appelle « chacun à revenir autour de la table ».",
        &[],
    );
    assert_eq!(out.annotations.len(), 1);
    // Titles after more nouns of works, and a nickname after an adverb.
    let text = "Le collège a distribué le livret « Un geste, deux doses ». La fusée porte \
                le satellite de la mission « Héliade ». Les anciens surnomment encore cet \
                ouragan « la Bête ».";
    let out = run(text, &[]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
}

#[test]
fn demonstratives_passives_and_antecedents_of_pronouns() {
    assert_last_speakers(&[
        // `cette source` takes up `une source proche du dossier`.
        (
            "Selon une source proche du dossier, le contrôle n'a rien d'un hasard. « Il \
             était surveillé depuis des mois », affirme cette source.",
            &[],
            "?une source proche du dossier",
        ),
        // `Ce dernier`: the last person named.
        (
            "La ministre a rencontré son homologue, Florent Agbodjan. Ce dernier a salué \
             « un partenariat d'égal à égal ».",
            &[("Florent Agbodjan", Label::PER)],
            "Florent Agbodjan",
        ),
        // A passive is no reporting verb: `on indique` speaks.
        (
            "Dans l'entourage du club, on indique que l'entraîneur sera maintenu « au moins \
             jusqu'à l'été ».",
            &[],
            "?l'entourage du club",
        ),
        // An unnamed source opening the sentence before the pronoun.
        (
            "Hervé Malet préside la coopérative. Un éleveur du canton, qui ne souhaite pas \
             donner son nom, dit avoir reçu des menaces. « Mes enfants n'osent plus en \
             parler à l'école », témoigne-t-il.",
            &[("Hervé Malet", Label::PER)],
            "?Un éleveur du canton",
        ),
        // A public body opening the sentence before the pronoun.
        (
            "Mathilde Roux a porté plainte. La préfecture de la Vienne fait état de six \
             blessés. « Les casseurs n'ont rien à voir avec les agriculteurs », a-t-elle \
             affirmé.",
            &[("Mathilde Roux", Label::PER), ("Vienne", Label::LOC)],
            "?La préfecture de la Vienne",
        ),
        // The antecedent of `qui` is a description holding a place.
        (
            "L'opposition veut saisir la préfecture de la Manche, qui rappelle déjà que \
             « le départ de quelques élus ne change rien au vote ».",
            &[("Manche", Label::LOC)],
            "?la préfecture de la Manche",
        ),
    ]);
}

#[test]
fn a_title_before_a_surname_and_a_role_of_someone_then_the_speaker() {
    assert_last_speakers(&[
        (
            "Son avocat, Me Frédéric Arnoux, conteste. « Il n'a jamais triché », a déclaré \
             Me Arnoux.",
            &[("Frédéric Arnoux", Label::PER), ("Me Arnoux", Label::PER)],
            "Frédéric Arnoux",
        ),
        (
            "« On a voulu un coupable unique », a réagi l'avocate de Yann Le Berre, Me \
             Sophie Marchand, qui dispose de dix jours pour faire appel.",
            &[
                ("Yann Le Berre", Label::PER),
                ("Sophie Marchand", Label::PER),
            ],
            "Sophie Marchand",
        ),
    ]);
}

#[test]
fn services_of_the_state_offices_and_subjects_after_a_phrase_of_place() {
    assert_last_speakers(&[
        (
            "Selon la gendarmerie, « un individu a pulvérisé du gaz au milieu du public ».",
            &[],
            "?la gendarmerie",
        ),
        (
            "Le bureau du Premier ministre a pour sa part indiqué que la délégation avait un \
             mandat « strictement limité aux questions humanitaires ».",
            &[],
            "?Le bureau du Premier ministre",
        ),
        (
            "La chanteuse Dana Whitfield a interrompu son concert. Sur Instagram, elle s'est \
             dite « dévastée ».",
            &[("Dana Whitfield", Label::PER), ("Instagram", Label::ORG)],
            "Dana Whitfield",
        ),
        (
            "Le secrétaire de la CGT, Marc Delorme, a parlé. Sur le parking du port, un \
             transitaire havrais fait ses comptes. « Mes clients attendent des pièces \
             bloquées à quai », explique-t-il.",
            &[("CGT", Label::ORG), ("Marc Delorme", Label::PER)],
            "?un transitaire havrais",
        ),
        // (Not a description in apposition to a name.)
        (
            "Au gymnase, Joëlle Bertin, une retraitée du village, attend des nouvelles. « On \
             est partis avec nos papiers », souffle-t-elle.",
            &[("Joëlle Bertin", Label::PER)],
            "Joëlle Bertin",
        ),
        (
            "Ahmed Benali a parlé hier. À Roubaix, la seconde dose est prévue en avril. « Si \
             on convainc six familles, ce sera une victoire », reconnaît le principal.",
            &[("Ahmed Benali", Label::PER)],
            "Ahmed Benali",
        ),
    ]);
}

#[test]
fn on_before_a_colon_and_a_suspect_is_no_antecedent() {
    assert_last_speakers(&[
        (
            "Du côté du gestionnaire de l'aéroport, on se veut rassurant : « Deux lignes \
             sur trois seront reprises d'ici l'été ».",
            &[],
            "?gestionnaire de l'aéroport",
        ),
        // A person a passive says something of does not speak next.
        (
            "« Il a été frappé à la tête », a détaillé le procureur, Paul Revel. Un homme \
             de 61 ans, ancien compagnon de la victime, a été placé en garde à vue. « Aucune \
             piste n'est écartée », a-t-il poursuivi.",
            &[("Paul Revel", Label::PER)],
            "Paul Revel",
        ),
    ]);
}

#[test]
fn celui_ci_and_a_view_reported_with_y_voir() {
    assert_last_speakers(&[
        (
            "Laurent Bergeron marchait aux côtés de Philippe Marteau. Celui-ci a appelé à \
             « mettre le pays à l'arrêt ».",
            &[
                ("Laurent Bergeron", Label::PER),
                ("Philippe Marteau", Label::PER),
            ],
            "Philippe Marteau",
        ),
        (
            "Le message a été partagé par le syndicat Alliance Police nationale, qui y voit \
             « le symptôme d'un manque criant d'effectifs ».",
            &[("Alliance Police nationale", Label::ORG)],
            "Alliance Police nationale",
        ),
    ]);
}

#[test]
fn a_voice_between_the_verb_and_the_quote() {
    let text = "Le Parti socialiste dénonce par la voix de Julie Arnoux « une vente à la \
                découpe ». La mairie répond par la voix d'un adjoint que « rien n'est \
                décidé ».";
    let out = run(
        text,
        &[
            ("Parti socialiste", Label::ORG, None),
            ("Julie Arnoux", Label::PER, None),
        ],
    );
    assert_eq!(speakers(&out), ["Julie Arnoux", "?un adjoint"]);
}

#[test]
fn scans_for_a_speaker_go_across_titles_and_terms() {
    // The campaign's name between the subject and its verb, the nickname in the
    // sentence before a pronoun: words that are no speech stop no scan.
    let cases: [Case<'_>; 2] = [
        (
            "La direction d'Orvalis, qui a lancé jeudi sa campagne « Le juste prix », \
             assure de son côté qu'« aucun rayon ne restera vide ».",
            &[("Orvalis", Label::ORG)],
            "Orvalis",
        ),
        (
            "Le PDG, Paul Durand, a parlé mardi à Lille. Surnommé « le Cerbère » dans les \
             couloirs, le dirigeant a promis de tenir bon. « Tout a baissé depuis un an, \
             et l'on nous réclame encore des hausses », s'est-il étonné.",
            &[("Paul Durand", Label::PER)],
            "Paul Durand",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn inverted_reflexive_and_causative_verbs() {
    let text = "Le maire, Paul Durand, a visité l'école mardi. « Les travaux seront finis en \
                juin, comme prévu », fait-il valoir. « Nous avons tenu le calendrier des \
                travaux », s'est-il félicité.";
    let out = run(text, &[("Paul Durand", Label::PER, None)]);
    assert_eq!(speakers(&out), ["Paul Durand", "Paul Durand"]);
    assert_eq!(attr(&out.annotations[0], "verb"), "fait valoir");
    // A pronoun with no person named yet: the unnamed source of the quote before.
    let text = "Le rectorat préfère parler d'une « réorganisation ». « Les élèves seront \
                accueillis dans de meilleures conditions », fait-il valoir dans un courrier.";
    let out = run(text, &[]);
    assert_eq!(speakers(&out), ["?Le rectorat", "?Le rectorat"]);
}

#[test]
fn a_group_by_a_plural_description() {
    let text = "Selon les organisateurs, « la santé des coureurs passe avant le \
                règlement ». « Les décisions se prennent dans un cercle de plus en plus \
                étroit », écrivent les démissionnaires dans une lettre commune.";
    let out = run(text, &[]);
    assert_eq!(
        speakers(&out),
        ["?les organisateurs", "?les démissionnaires"]
    );
    // A singular pronoun does not take up a group named after a verb of speech.
    let text = "Il fait partie des électeurs appelés à désigner les sénateurs du \
                département. « J'ai reçu des courriers de candidats que je ne connaissais \
                pas », s'amuse-t-il.";
    let out = run(text, &[]);
    assert!(
        !speakers(&out).iter().any(|s| s.contains("sénateurs")),
        "{:?}",
        speakers(&out)
    );
}

#[test]
fn writings_speak_for_their_issuer() {
    let cases: [Case<'_>; 3] = [
        // A writing taken up without its issuer: the issuer of the one named before.
        (
            "D'après le dernier rapport de l'Observatoire national de la biodiversité, \
             les oiseaux des champs ont reculé d'un tiers. Le document évoque « une \
             érosion continue et silencieuse ».",
            &[("Observatoire national de la biodiversité", Label::ORG)],
            "Observatoire national de la biodiversité",
        ),
        (
            "« Tout ravitaillement est interdit dans les vingt derniers kilomètres », \
             stipule pourtant le règlement de l'épreuve.",
            &[],
            "?le règlement de l'épreuve",
        ),
        (
            "Le prix distingue « une œuvre de fiction parue dans l'année », rappelle le \
             règlement du concours.",
            &[],
            "?le règlement du concours",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_body_by_its_name_or_its_acronym() {
    let cases: [Case<'_>; 3] = [
        (
            "Pour l'entraîneur de l'ECN, Thierry Maurel, « l'arbitrage a pesé lourd dans \
             les dernières minutes ».",
            &[("ECN", Label::ORG), ("Thierry Maurel", Label::PER)],
            "Thierry Maurel",
        ),
        (
            "À la librairie Mollat, on assurait mercredi avoir déjà vendu « tout le \
             stock ».",
            &[("Mollat", Label::ORG)],
            "Mollat",
        ),
        // The acronym speaks under the full name the article gave it.
        (
            "La Fédération française de rugby (FFR) a balayé toute polémique. « Les \
             arbitres ont appliqué le règlement à la lettre », a répliqué l'instance.",
            &[
                ("Fédération française de rugby", Label::ORG),
                ("FFR", Label::ORG),
            ],
            "Fédération française de rugby",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn more_words_between_marks_that_are_no_speech() {
    let text = "Le préavis, dit « glissant », court jusqu'au 23 février. Les contrôleurs, \
                les « ASCT » dans le jargon maison, ont voté la grève. Le préfet a placé \
                87 communes en alerte « crise ». Le jury a distingué « Les Saisons du \
                sel », troisième roman de Samir Haddad. Le ministère promet de recourir au \
                « name and shame », a-t-il annoncé. Lumisol est l'une de ces « scale-up » \
                que courtisent les fonds.";
    let out = run(text, &[("Samir Haddad", Label::PER, None)]);
    let found: Vec<&str> = out.annotations.iter().map(|a| a.text(text)).collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_writing_opening_the_sentence_of_its_quote() {
    let cases: [Case<'_>; 3] = [
        (
            "Le texte final se borne à « reconnaître la nécessité d'une transition juste \
             et ordonnée », sans calendrier.",
            &[],
            "?Le texte final",
        ),
        (
            "L'arrêté préfectoral pris lundi interdit la circulation et proscrit « tout \
             déplacement non indispensable dans les zones inondées ».",
            &[],
            "?L'arrêté préfectoral",
        ),
        (
            "Un rapport parlementaire publié en 2023 jugeait déjà l'information des élus \
             « très en deçà » de celle de nos voisins.",
            &[],
            "?Un rapport parlementaire",
        ),
    ];
    assert_last_speakers(&cases);
    // A few words the writing does not say: no quote.
    let text = "Une décision « incompréhensible » pour les familles. Le texte prévoit des \
                groupes de niveau, héritiers du « choc des savoirs » lancé en 2023.";
    assert!(run(text, &[]).annotations.is_empty());
}

#[test]
fn an_unnamed_person_opening_the_sentence_after_a_place() {
    let cases: [Case<'_>; 2] = [
        (
            "En gare de Nantes, une mère de famille qui devait rejoindre Lyon oscillait \
             entre lassitude et résignation : « On a réservé il y a deux mois, maintenant \
             on attend un SMS ».",
            &[],
            "?une mère de famille",
        ),
        (
            "Un motard qui suivait l'autocar depuis le sommet évoque, lui, une odeur de \
             « caoutchouc brûlé ».",
            &[],
            "?Un motard",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn unnamed_sources_of_everyday_news() {
    let text = "« Les combattants sont entrés dans la ville à l'aube », a déclaré de source \
                sécuritaire un officier joint par téléphone. Un habitant du quartier, joint \
                par l'AFP, raconte : « On n'ose plus sortir de chez nous ». Des sources \
                militaires ont fait état de « combats intenses ». « C'est un scandale », ont \
                scandé les manifestants devant la préfecture. « Il faut rester prudent », \
                tempère un épidémiologiste interrogé par Le Monde.";
    let out = run(
        text,
        &[("AFP", Label::ORG, None), ("Le Monde", Label::ORG, None)],
    );
    assert_eq!(
        speakers(&out),
        [
            "?un officier",
            "?Un habitant du quartier",
            "?Des sources militaires",
            "?les manifestants",
            "?un épidémiologiste",
        ]
    );
    // A medium the words were told to is no body a role takes up.
    let text = "« Le club étudie toutes les options », a confié à L'Équipe une source proche \
                du dossier. Le syndicat majoritaire dénonce « un passage en force ».";
    let out = run(text, &[("L'Équipe", Label::ORG, None)]);
    assert_eq!(speakers(&out)[1], "?Le syndicat majoritaire");
}

#[test]
fn a_pronoun_between_two_people_of_its_gender_takes_up_the_subject() {
    let cases: [Case<'_>; 4] = [
        (
            "Le maire, Jean Dupuis, a reçu mardi le préfet Marc Leroy. « Nous avons besoin \
             de l'État pour finir le chantier », a-t-il plaidé.",
            &[("Jean Dupuis", Label::PER), ("Marc Leroy", Label::PER)],
            "Jean Dupuis",
        ),
        (
            "Marie Lenoir a longtemps travaillé avec Sophie Marchand au ministère. « Je \
             connais ses méthodes, elle ne lâche jamais », a-t-elle confié.",
            &[
                ("Marie Lenoir", Label::PER),
                ("Sophie Marchand", Label::PER),
            ],
            "Marie Lenoir",
        ),
        (
            "Paul Girard, qui a succédé à Henri Fabre à la tête du club, ne cache pas son \
             ambition. « Nous visons le titre cette saison », a-t-il affirmé.",
            &[("Paul Girard", Label::PER), ("Henri Fabre", Label::PER)],
            "Paul Girard",
        ),
        // Of the other gender, the subject is not taken up.
        (
            "Marie Lenoir a longtemps travaillé avec Paul Girard au ministère. « Je connais \
             ses méthodes, il ne lâche jamais », a-t-il confié.",
            &[("Marie Lenoir", Label::PER), ("Paul Girard", Label::PER)],
            "Paul Girard",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn bodies_groups_and_writings_of_news_from_every_section() {
    let cases: [Case<'_>; 10] = [
        (
            "La Monusco s'est dite « profondément alarmée » par l'usage d'armes lourdes.",
            &[("Monusco", Label::ORG)],
            "Monusco",
        ),
        (
            "Un rapport confidentiel d'experts, consulté par l'AFP, évoque des \
             « recrutements forcés d'adolescents ».",
            &[("AFP", Label::ORG)],
            "?Un rapport confidentiel d'experts",
        ),
        (
            "La préfecture du Tarn a confirmé mardi une pollution. Dans un communiqué, \
             elle évoque « un rejet accidentel de substances chlorées ».",
            &[],
            "?La préfecture du Tarn",
        ),
        (
            "Sa fille, Claire Valmont, a écrit un message. La famille, qui demande « le \
             respect de son intimité », précise que les obsèques seront discrètes.",
            &[("Claire Valmont", Label::PER)],
            "?La famille",
        ),
        (
            "Sa productrice, Lucie Andrieu, des Films du Héron, qui a porté le projet, \
             estime que cette récompense « tombe au bon moment ».",
            &[
                ("Lucie Andrieu", Label::PER),
                ("Films du Héron", Label::ORG),
            ],
            "Lucie Andrieu",
        ),
        (
            "Oleksandr Hrytsenko compte les impacts. L'administration militaire régionale a \
             signalé « une intensification sans précédent » des frappes.",
            &[("Oleksandr Hrytsenko", Label::PER)],
            "?L'administration militaire régionale",
        ),
        (
            "Le ministère de l'Agriculture a présenté le plan, jugé « dérisoire » par la \
             Confédération paysanne. « Il s'agit d'adapter le vignoble à la demande », \
             fait valoir le ministère dans un communiqué.",
            &[
                ("ministère de l'Agriculture", Label::ORG),
                ("Confédération paysanne", Label::ORG),
            ],
            "ministère de l'Agriculture",
        ),
        (
            "Sous couvert d'anonymat, un négociant des Chartrons assume : « Une partie du \
             vignoble n'aurait jamais dû être plantée ».",
            &[],
            "?un négociant des Chartrons",
        ),
        (
            "Le procès-verbal, que nous avons pu consulter, mentionne « deux pouvoirs \
             transmis hors délai ».",
            &[],
            "?Le procès-verbal",
        ),
        (
            "L'organisateur, Amaury Sport Organisation (ASO), revendique « une édition \
             historique ».",
            &[
                ("Amaury Sport Organisation", Label::ORG),
                ("ASO", Label::ORG),
            ],
            "Amaury Sport Organisation",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn terms_defined_named_or_written_on_a_banner() {
    let text = "Claire Marchal, que ses opposants surnomment désormais « Madame 49.3 », a \
                répondu. Les habitants ont surnommé les drones les « mobylettes ». La \
                réforme supprimerait le « fini-parti », cette règle permettant aux équipes \
                de rentrer plus tôt.";
    let out = run(text, &[("Claire Marchal", Label::PER, None)]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
    // A sign's words are quoted even when they open with a capital.
    let text = "Une banderole proclamait « Olivetti démission ».";
    let out = run(text, &[]);
    assert_eq!(out.annotations.len(), 1);
    assert_eq!(speakers(&out), [""]);
}

#[test]
fn a_thing_named_as_the_complement_of_a_noun() {
    let text = "Ils ont dénoncé les groupes de niveau, mesure phare du « choc des savoirs ».";
    assert!(run(text, &[]).annotations.is_empty());
    let text = "Pour cet historien, la page de la « Question jurassienne » n'est pas tournée.";
    assert!(run(text, &[]).annotations.is_empty());
    // What someone points to is theirs.
    let text = "Le ministère renvoie à des « décisions prises localement ».";
    assert_eq!(run(text, &[]).annotations.len(), 1);
    // After a verb of speech or a name just before, a partial quote still.
    let text = "Le maire a appelé au « rassemblement » devant la mairie. La ministre a \
                appelé sur France Inter au « sens des responsabilités ».";
    let out = run(text, &[("France Inter", Label::ORG, None)]);
    assert_eq!(out.annotations.len(), 2, "{:?}", speakers(&out));
}

#[test]
fn officials_of_a_body_and_deputies_are_unnamed() {
    let cases: [Case<'_>; 2] = [
        (
            "L'accusée, Emilie Kowalczyk, nie. « Elle n'était pas une victime passive, elle \
             a été une propagandiste », a soutenu la représentante du parquet.",
            &[("Emilie Kowalczyk", Label::PER)],
            "?la représentante du parquet",
        ),
        (
            "Un ancien adjoint aux finances, cité par l'accusation, a pourtant dépeint un \
             édile « qui signait tout seul, sans jamais consulter personne ».",
            &[],
            "?Un ancien adjoint aux finances",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn groups_relations_and_councils_speak_unnamed() {
    let cases: [Case<'_>; 11] = [
        // A plural pronoun takes up the group opening a sentence before, not the last
        // person named.
        (
            "« Le quota baisse encore », a regretté Loïc Penven. Les ostréiculteurs de la \
             baie de Morlaix, qui emploient deux cents saisonniers, redoutent la saison. \
             « Sans eau propre, on ne vend plus rien », expliquent-ils.",
            &[("Loïc Penven", Label::PER)],
            "?Les ostréiculteurs de la baie de Morlaix",
        ),
        (
            "Selon Ana Ruiz, la réunion a échoué. Réunies dans le hall, les aides-soignantes \
             refusent de reprendre. « On court d'une chambre à l'autre toute la nuit », \
             préviennent-elles.",
            &[("Ana Ruiz", Label::PER)],
            "?les aides-soignantes",
        ),
        (
            "Paul Arnoux a félicité les négociateurs. Les délégations nordiques, elles, \
             voulaient aller plus loin. « Attendre encore, c'est déjà perdre la partie », \
             plaident-elles.",
            &[("Paul Arnoux", Label::PER)],
            "?Les délégations nordiques",
        ),
        (
            "Marc Lenoir et Jeanne Roux ont signé la pétition. « Nous ne lâcherons rien, \
             quoi qu'il arrive demain », ont-ils lancé.",
            &[("Marc Lenoir", Label::PER), ("Jeanne Roux", Label::PER)],
            "?Marc Lenoir et Jeanne Roux",
        ),
        // A relation of someone named is someone else.
        (
            "Grace Wanjiru a abandonné au kilomètre 30. « Elle a souffert de la chaleur \
             dans le final », expliquait l'agent de la Kényane.",
            &[("Grace Wanjiru", Label::PER)],
            "?l'agent de la Kényane",
        ),
        (
            "Grace Wanjiru a abandonné au kilomètre 30. « Elle a souffert de la chaleur \
             dans le final », expliquait l'agent de Grace Wanjiru.",
            &[("Grace Wanjiru", Label::PER)],
            "?l'agent de Grace Wanjiru",
        ),
        (
            "Paul Meunier a été condamné. Son frère Marc Meunier était là. « Il n'a jamais \
             fait de mal à personne », a réagi la sœur de la victime.",
            &[("Paul Meunier", Label::PER), ("Marc Meunier", Label::PER)],
            "?la sœur de la victime",
        ),
        // A council is a public body.
        (
            "Le conseil départemental de l'Aude, qui finance le festival, assume : « Nous \
             devons choisir entre les collèges et la culture ».",
            &[],
            "?Le conseil départemental de l'Aude",
        ),
        // A role after a possessive, of a gender no one named has.
        (
            "« J'ai tout donné à ce village », souffle Gérard Lemoine. Sa première adjointe \
             assure l'intérim. « Personne ne veut prendre la suite », confie-t-elle.",
            &[("Gérard Lemoine", Label::PER)],
            "?Sa première adjointe",
        ),
        // `un autre …` describes someone, a source the paragraph opens with.
        (
            "« On ne nous écoute pas », affirme Yann Morvan. Un autre patron pêcheur, qui \
             préfère taire son nom, est plus amer : « Ils comptent les poissons, pas les \
             familles ».",
            &[("Yann Morvan", Label::PER)],
            "?Un autre patron pêcheur",
        ),
        (
            "Le procès reprend. Selon une source judiciaire, le parquet de Rennes pourrait \
             faire appel. « Le ministère public avait requis dix-huit mois », a-t-elle \
             précisé.",
            &[],
            "?une source judiciaire",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_term_defined_by_a_demonstrative_is_no_speech() {
    let text = "Les pompiers redoutent le retour du « meltemi », ce vent du nord qui balaie \
                les îles.";
    assert!(run(text, &[]).annotations.is_empty());
    // `ce qui` after a quote says nothing of its words.
    let text = "Le maire a parlé d'une « faute grave », ce qui a surpris.";
    assert_eq!(run(text, &[]).annotations.len(), 1);
}

#[test]
fn writings_speak_for_the_body_that_opens_the_sentence() {
    let cases: [Case<'_>; 5] = [
        (
            "Le groupe a confirmé la fusion. « Aucune fermeture de site n'est prévue », \
             précise un communiqué de Valdor Santé.",
            &[("Valdor Santé", Label::ORG)],
            "Valdor Santé",
        ),
        (
            "« Le site restera ouvert », assurait un communiqué de Valdor Santé en mars. \
             Le label du chanteur, Nuit Claire Records, a annoncé le report des concerts. \
             « Nous laissons la justice faire son travail », indique le communiqué.",
            &[
                ("Valdor Santé", Label::ORG),
                ("Nuit Claire Records", Label::ORG),
            ],
            "Nuit Claire Records",
        ),
        (
            "La Fédération française de judo a pris acte de ce forfait « avec une immense \
             tristesse », selon son communiqué.",
            &[("Fédération française de judo", Label::ORG)],
            "Fédération française de judo",
        ),
        (
            "Hervé Kerlan estime que les données sont anciennes. La Commission européenne \
             défend sa copie. « Ces propositions suivent les avis des scientifiques », \
             fait-elle valoir.",
            &[
                ("Hervé Kerlan", Label::PER),
                ("Commission européenne", Label::ORG),
            ],
            "Commission européenne",
        ),
        (
            "Sandrine Morel, déléguée centrale CFDT chez Sorvia, estime que « la recherche \
             ne doit pas servir de variable d'ajustement ».",
            &[
                ("Sandrine Morel", Label::PER),
                ("CFDT", Label::ORG),
                ("Sorvia", Label::ORG),
            ],
            "Sandrine Morel",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn an_office_by_its_adjectives_is_unnamed() {
    let cases: [Case<'_>; 4] = [
        (
            "Didier Vautrin a salué la course. Le lendemain, la Fédération a publié le \
             calendrier. Plus prudent, le directeur technique national estime que « le \
             marathon est une discipline où l'on ne brûle pas les étapes ».",
            &[("Didier Vautrin", Label::PER)],
            "?le directeur technique national",
        ),
        (
            "La joueuse a déclaré forfait. Pour le directeur technique national, « c'est un \
             coup dur pour le tennis français ».",
            &[],
            "?le directeur technique national",
        ),
        // One adjective, when the office opens its sentence.
        (
            "L'intérim sera assuré par l'adjoint, Mickaël Ortel. Le directeur sportif, qui a \
             mené les discussions, se veut rassurant : « Il connaît chaque joueur par cœur ».",
            &[("Mickaël Ortel", Label::PER)],
            "?Le directeur sportif",
        ),
        // A body by its trade takes up the one named before.
        (
            "Le Conseil interprofessionnel du vin de Bordeaux se félicite de la mesure. Pour \
             l'interprofession, « le marché ne peut plus absorber les volumes actuels ».",
            &[("Conseil interprofessionnel du vin de Bordeaux", Label::ORG)],
            "Conseil interprofessionnel du vin de Bordeaux",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_term_after_a_verb_of_naming_and_an_adverb() {
    // How a trade says it is a term; what a speaker calls something is their wording.
    let text = "Ils dénoncent ce que les soignants appellent entre eux le « couloir des \
                oubliés ».";
    assert!(run(text, &[]).annotations.is_empty());
    let text = "Médialis défend ce qu'elle appelle pudiquement un « recentrage ».";
    assert_eq!(
        speakers(&run(text, &[("Médialis", Label::ORG, None)])),
        ["Médialis"]
    );
    // `, dit « … »` names a thing in a few words; longer words are said.
    let text = "La préfecture de l'Orne, de son côté, dit « prendre très au sérieux chaque \
                démission ».";
    assert_eq!(speakers(&run(text, &[])), ["?La préfecture de l'Orne"]);
}

#[test]
fn a_point_inside_a_number_ends_no_sentence() {
    let text = "Le budget baisse. Le comité de soutien, qui a réuni plus de 40.000 signatures, \
                se dit « soulagé, et surtout épuisé ».";
    assert_eq!(speakers(&run(text, &[])), ["?Le comité"]);
    // Short English words between marks are a term, plural `-ings` too.
    let text = "Le rectorat assure avoir recruté 1.500 contractuels lors de « job datings ».";
    assert!(run(text, &[]).annotations.is_empty());
}

#[test]
fn a_plural_subject_pronoun_and_a_department() {
    let cases: [Case<'_>; 2] = [
        (
            "Selon le projet, les trois acheteurs se partageraient les clients de Télécia. \
             Ensemble, ils revendiquent l'opération comme « une réponse industrielle à la \
             fragilité d'un acteur endetté ».",
            &[("Télécia", Label::ORG)],
            "?les trois acheteurs",
        ),
        (
            "La juge Nadia Vercors a publié un message. Le département de l'Essonne, chargé \
             de l'aide sociale à l'enfance, a réagi lundi. Il rappelle avoir ouvert des \
             places et évoque « une tension nationale sur le recrutement ».",
            &[("Nadia Vercors", Label::PER)],
            "?Le département de l'Essonne",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_pronoun_takes_up_the_body_whose_management_spoke() {
    let text = "Le président de la FNSEA, Hervé Letellier, dénonce les marges. Camille Hamel \
                est inquiète. La direction de Lactalis rejette ces accusations. Dans un \
                communiqué, elle invoque « l'effondrement des cours du beurre ».";
    let out = run(
        text,
        &[
            ("FNSEA", Label::ORG, None),
            ("Hervé Letellier", Label::PER, None),
            ("Camille Hamel", Label::PER, None),
            ("Lactalis", Label::ORG, None),
        ],
    );
    assert_eq!(speakers(&out), ["Lactalis"]);
}

#[test]
fn headlines_and_a_pronoun_opening_the_article() {
    // A headline quote: the person the lead names, or the speaker of the later quote
    // that repeats it.
    let text = "TRIBUNE – « Le salaire minimum ne doit pas rester une promesse »\n\nPour \
                l'économiste Élodie Marchetti, la directive n'a pas produit ses effets.";
    let out = run(text, &[("Élodie Marchetti", Label::PER, None)]);
    assert_eq!(speakers(&out), ["Élodie Marchetti"]);
    let text = "« Je ne peux plus protéger ces enfants » : le message d'une juge\n\nLouis Caron \
                a relayé le texte de Léa Morvan. « Il n'y avait pas de \
                place. Je ne peux plus protéger ces enfants », a-t-elle écrit.";
    let out = run(
        text,
        &[
            ("Léa Morvan", Label::PER, None),
            ("Louis Caron", Label::PER, None),
        ],
    );
    assert_eq!(speakers(&out), ["Léa Morvan", "Léa Morvan"]);
    // A pronoun before anyone is named: the first person of its gender named after it.
    let text = "Il avait promis un « moment de vérité ». Marc Delorme a présenté mardi le \
                budget, avec Anne Vidal.";
    let out = run(
        text,
        &[
            ("Marc Delorme", Label::PER, None),
            ("Anne Vidal", Label::PER, None),
        ],
    );
    assert_eq!(speakers(&out), ["Marc Delorme"]);
}

#[test]
fn relations_demonstratives_and_offices_of_new_text() {
    let cases: [Case<'_>; 7] = [
        (
            "Le sénateur conteste tout enrichissement. L'avocat de M. Lestrin, joint par \
             téléphone, juge la procédure « disproportionnée pour un dossier administratif ».",
            &[("Lestrin", Label::PER)],
            "?L'avocat de M. Lestrin",
        ),
        (
            "Le conducteur est mort dans l'accident. La sœur de Nassim Ferhi décrit un \
             garçon qui « avait peur des contrôles, sans rien à cacher ».",
            &[("Nassim Ferhi", Label::PER)],
            "?La sœur de Nassim Ferhi",
        ),
        (
            "« Ce projet vient d'un autre siècle », a lancé Hélène Vandier, porte-parole du \
             collectif. Pour cette enseignante de Fretin, commune voisine des pistes, « ce \
             projet a été dessiné quand personne ne parlait de climat ».",
            &[("Hélène Vandier", Label::PER)],
            "Hélène Vandier",
        ),
        (
            "La comédienne Anne Perrot a lancé les enchères. « J'ai cru que la salle allait \
             se figer », raconte le commissaire-priseur.",
            &[("Anne Perrot", Label::PER)],
            "?le commissaire-priseur",
        ),
        (
            "Yanis Belkacem a gagné sans perdre une partie. « Je pense juste au coup \
             d'après », sourit le garçon.",
            &[("Yanis Belkacem", Label::PER)],
            "Yanis Belkacem",
        ),
        (
            "Bernard Gaillet a démissionné. Réunis en collectif, plusieurs centaines \
             d'adhérents envisagent une action. « On nous a vendu une épargne de bon père de \
             famille », s'indignent-ils.",
            &[("Bernard Gaillet", Label::PER)],
            "?plusieurs centaines d'adhérents",
        ),
        (
            "Le Syndicat français des artistes interprètes (SFA-CGT) accompagne les \
             signataires. « Ces méthodes relèvent du droit du travail », affirme le syndicat.",
            &[
                ("Syndicat français des artistes interprètes", Label::ORG),
                ("SFA-CGT", Label::ORG),
            ],
            "Syndicat français des artistes interprètes",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn terms_glossed_named_or_borrowed() {
    let text = "Josette Ramos, qui tient un « lolo », l'une de ces petites épiceries, a tout \
                perdu. Les salariés racontent ce qu'ils avaient fini par surnommer le \
                « système Gaillet ». Le club a levé la clause, le fameux « buy-out ». Le \
                groupe veut boucler l'opération, baptisée en interne « Garonne », avant l'été.";
    let out = run(text, &[("Josette Ramos", Label::PER, None)]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
}

#[test]
fn quotes_at_the_edges_of_the_text() {
    // A quote opening the text, one closing it, and short texts around marks: no index
    // before the first token or after the last is read.
    for text in [
        "« Nous partirons », a-t-il dit.",
        "« des « restes » »",
        "Ils ont dit : « Nous partirons demain matin sans faute »",
        "« a »",
        "»",
        "Elle parle de la « crise",
        "« On verra », expliquent-ils",
    ] {
        let out = run(text, &[]);
        for a in &out.annotations {
            assert!(a.span.end <= text.len(), "{text}");
        }
    }
}

#[test]
fn roles_set_against_relations_ranked_bodies_and_appositions() {
    let cases: [Case<'_>; 12] = [
        (
            "Le maire, Alain Verdier, a défendu le projet. L'adjoint aux sports, lui, reste \
             prudent. « Nous verrons au printemps ce que donnent les premiers essais », \
             explique-t-il.",
            &[("Alain Verdier", Label::PER)],
            "?L'adjoint aux sports",
        ),
        (
            "Marc Tellier a été mis en examen. L'avocat de M. Tellier dénonce un dossier \
             vide. « Mon client n'a jamais touché un centime de cet argent », a-t-il \
             déclaré.",
            &[("Marc Tellier", Label::PER), ("Tellier", Label::PER)],
            "?L'avocat de M. Tellier",
        ),
        (
            "Jacques Morel a quitté la présidence. « Il a agi seul pendant des années », \
             assure l'avocate de M. Morel.",
            &[("Jacques Morel", Label::PER), ("Morel", Label::PER)],
            "?l'avocate de M. Morel",
        ),
        (
            "Dans la majorité, Claire Ravel, conseillère régionale, demande une enquête \
             depuis 2021. « On nous a longtemps pris pour des obsessionnels », rappelle \
             l'élue.",
            &[("Claire Ravel", Label::PER)],
            "Claire Ravel",
        ),
        (
            "Paul Girard, l'entraîneur, défend ses choix. « Nous partagerons toutes les \
             images avec la commission », a précisé le directeur sportif toulousain.",
            &[("Paul Girard", Label::PER)],
            "?le directeur sportif toulousain",
        ),
        (
            "Louis Brun a été entendu. « Nous ne l'avons su que par la télévision », confie \
             le frère cadet de la victime.",
            &[("Louis Brun", Label::PER)],
            "?le frère cadet de la victime",
        ),
        (
            "Un boulanger du quartier, sous couvert d'anonymat, craint pour sa clientèle : \
             « Sans parking, les gens iront au supermarché ».",
            &[],
            "?Un boulanger du quartier",
        ),
        (
            "La direction de Norvia promet des reclassements. « Les deux sites de Moselle \
             seront les premiers visés », prévient le syndicat majoritaire.",
            &[("Norvia", Label::ORG)],
            "?le syndicat majoritaire",
        ),
        (
            "L'institut Marisol a publié ses relevés. « Le trafic reste interrompu jusqu'à \
             nouvel ordre dans le chenal », indique le communiqué de la préfecture.",
            &[("Marisol", Label::ORG)],
            "?le communiqué de la préfecture",
        ),
        (
            "La FGTB a appelé à la grève. « Les salariés ne paieront pas la facture de la \
             crise », prévient la confédération.",
            &[("FGTB", Label::ORG)],
            "FGTB",
        ),
        (
            "La présidente du groupe Altares, Nadia Ferrand, a visité le site et a promis \
             « un plan de reprise pour chacun des salariés ».",
            &[("Altares", Label::ORG), ("Nadia Ferrand", Label::PER)],
            "Nadia Ferrand",
        ),
        (
            "Le juge Henri Lamy a rendu sa décision. La fille d'un des prévenus, qui n'a pas \
             voulu donner son nom, attendait dehors. « Nous n'avons rien compris à ce \
             procès. »",
            &[("Henri Lamy", Label::PER)],
            "?La fille d'un des prévenus",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn sources_of_a_daily_taken_up_later() {
    let cases: [Case<'_>; 7] = [
        (
            "Le directeur général, Henri Marot, défend la stratégie. Le directeur du site, \
             lui, refuse de parler de déclin. « Quand les volumes reviendront, c'est ici \
             qu'ils iront », assure-t-il.",
            &[("Henri Marot", Label::PER)],
            "?Le directeur du site",
        ),
        (
            "Henri Marot défend la stratégie du groupe. Le syndicat majoritaire redoute des \
             suppressions de postes. « Quatre cents intérimaires sont déjà partis cette \
             année », affirme-t-il.",
            &[("Henri Marot", Label::PER)],
            "?Le syndicat majoritaire",
        ),
        (
            "Le mouvement Amal Watani a revendiqué l'attaque, affirmant sur sa chaîne Nour TV \
             que « chaque navire ennemi reste une cible légitime ».",
            &[("Amal Watani", Label::ORG), ("Nour TV", Label::ORG)],
            "Amal Watani",
        ),
        (
            "Samir Kadri a quitté la salle. Le vice-ministre saoudien des Affaires \
             étrangères, Fayçal Hamdi, se veut optimiste : « Le simple fait que les deux \
             délégations soient ici est un progrès ».",
            &[("Samir Kadri", Label::PER), ("Fayçal Hamdi", Label::PER)],
            "Fayçal Hamdi",
        ),
        (
            "Pour Ingrid Solberg, coordinatrice de l'ONU, le temps presse. Jointe par \
             téléphone dans un camp, au Tchad, une réfugiée de Nyala dit ne plus rien \
             attendre. « Ils parlent dans des hôtels pendant que nos enfants ont faim », \
             lâche-t-elle.",
            &[("Ingrid Solberg", Label::PER), ("Tchad", Label::LOC)],
            "?une réfugiée de Nyala",
        ),
        (
            "Un chauffeur de car a vu la coulée descendre. « On entendait craquer les \
             sapins comme des allumettes », confie ce témoin.",
            &[],
            "?Un chauffeur de car",
        ),
        (
            "Hugo Ferran ne figure pas dans la liste. Dans son entourage, on préfère parler \
             d'un « coup de frein, pas d'un coup d'arrêt pour sa carrière ».",
            &[("Hugo Ferran", Label::PER)],
            "?son entourage",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_title_followed_by_the_kind_of_work_is_no_speech() {
    let text = "Le conservateur Paul Méry guide la visite. Devant « Le Port sous la pluie \
                d'hiver », une toile d'un peintre amateur, les visiteurs s'attardent.";
    let out = run(text, &[("Paul Méry", Label::PER, None)]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
}

#[test]
fn a_title_before_a_surname_gives_the_gender() {
    // `Nino` is given to men and women; `Mme` says which.
    let text = "Nino Abashidze conduit la coalition. Tamar Lomidze, étudiante, était venue \
                avec sa grand-mère. Mme Abashidze a promis de saisir la Cour. « Nous ne \
                quitterons pas la rue », prévient-elle.";
    let doc = Document::new("t.txt", text).unwrap();
    let span = |name: &str, last: bool| {
        let start = if last {
            text.rfind(name)
        } else {
            text.find(name)
        }
        .unwrap();
        Annotation::new(start..start + name.len(), Label::PER)
    };
    let store = AnnotationStore::from_vec(vec![
        span("Nino Abashidze", false),
        span("Tamar Lomidze", false),
        span("Abashidze", true),
    ]);
    let out = Quotes
        .tag(&DocumentView::new(&doc, &store, &Never))
        .unwrap();
    assert_eq!(speakers(&out), ["Nino Abashidze"]);
}

#[test]
fn unnamed_sources_that_go_on_or_hold_a_role_of_someone() {
    let cases: [Case<'_>; 12] = [
        (
            "Léa, Marc et Yanis, trois saisonniers, partagent un camion. « On paie 900 euros \
             pour un studio », racontent-ils. Puis, plus amers : « Le matin, on gratte la \
             glace à l'intérieur des vitres ».",
            &[],
            "?trois saisonniers",
        ),
        (
            "L'enseignante a porté plainte. « Ma cliente a appliqué le programme officiel, \
             rien de plus », souligne son avocate.",
            &[],
            "?son avocate",
        ),
        (
            "Bernard Roux, président du comité, réclame une aide. « Sans aide d'ici janvier, \
             certains ne passeront pas l'hiver », prévient sa secrétaire générale.",
            &[("Bernard Roux", Label::PER)],
            "?sa secrétaire générale",
        ),
        (
            "La Ligue nationale de volley (LNV) a annoncé que les matchs du club ne seraient \
             pas joués. « Nous aiderons chaque joueuse, en lien avec la Fédération française \
             de volley », assure l'instance.",
            &[
                ("Ligue nationale de volley", Label::ORG),
                ("LNV", Label::ORG),
                ("Fédération française de volley", Label::ORG),
            ],
            "Ligue nationale de volley",
        ),
        (
            "Bernard Maury, maire de Felletin, s'emporte. Le sous-préfet de Guéret a convoqué \
             les dirigeants de la banque. « Je demanderai un moratoire d'un an », a-t-il \
             indiqué.",
            &[("Bernard Maury", Label::PER)],
            "?Le sous-préfet de Guéret",
        ),
        (
            "Olivier Manceau assure l'intérim. Au ministère, on se borne à indiquer que « le \
             calendrier sera fixé par l'établissement dans le respect des textes ».",
            &[("Olivier Manceau", Label::PER)],
            "?ministère",
        ),
        (
            "La directrice de l'ARS recommande de ne pas manger les légumes des potagers \
             « tant que les analyses des sols ne sont pas connues ».",
            &[("ARS", Label::ORG)],
            "?La directrice de l'ARS",
        ),
        (
            "« Les assaillants ont été repoussés par la garde », détaille l'état-major dans \
             un message lu à la radio.",
            &[],
            "?l'état-major",
        ),
        (
            "« Nos trois collaboratrices sont suivies et le bureau restera fermé », a fait \
             savoir la direction régionale de La Poste.",
            &[("La Poste", Label::ORG)],
            "La Poste",
        ),
        (
            "Le site stockait 900 tonnes de solvants. « Une cellule de 4.000 mètres carrés est \
             détruite », explique l'officier qui commandait les secours.",
            &[],
            "?l'officier qui commandait les secours",
        ),
        (
            "Le capitaine Zanga a été arrêté à l'aube. Son frère cadet, joint par téléphone, \
             assure que l'officier « n'a jamais parlé de politique à la maison ».",
            &[("Zanga", Label::PER)],
            "?Son frère cadet",
        ),
        (
            "France Galop, qui délivre l'agrément des hippodromes, a ouvert une enquête. \
             Stéphane Leroy, président de France Galop, s'est rendu sur place. Le président de \
             la société des courses, lui, refuse d'endosser la responsabilité. « Nous avons \
             investi dans le drainage l'an dernier », proteste-t-il.",
            &[("France Galop", Label::ORG), ("Stéphane Leroy", Label::PER)],
            "?Le président de la société des courses",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_described_role_set_against_and_the_place_of_a_saying() {
    let cases: [Case<'_>; 3] = [
        (
            "Julien Ferrat, délégué des enseignants, réclame des moyens. Le proviseur, de son \
             côté, a adressé un courrier aux familles. « L'établissement rouvrira dès que \
             possible », y écrit-il.",
            &[("Julien Ferrat", Label::PER)],
            "?Le proviseur",
        ),
        (
            "Laurent Gaubert, député, plaide pour une renégociation. Le gérant d'une \
             entreprise de transport installée à Orléans, lui, a fait ses comptes. « La \
             hausse me coûte 30.000 euros de plus sur l'année », calcule-t-il.",
            &[("Laurent Gaubert", Label::PER)],
            "?Le gérant d'une entreprise de transport installée",
        ),
        (
            "Dans l'entourage du ministre des Transports, on renvoie à l'échéance des \
             concessions. « Le modèle qui suivra sera radicalement différent », y promet-on.",
            &[],
            "?l'entourage du ministre des Transports",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn roles_told_apart_by_what_describes_them_and_sources_taken_up_past_other_names() {
    let cases: [Case<'_>; 9] = [
        // A spokesperson after the verb, of another body than the one named before.
        (
            "La porte-parole du collectif, Inès Barrault, annonce un recours. À la \
             préfecture, on reste serein. « Toutes les règles ont été suivies », a rappelé \
             la porte-parole de la préfecture.",
            &[("Inès Barrault", Label::PER)],
            "?la porte-parole de la préfecture",
        ),
        // `pour sa part` between the verb and its subject.
        (
            "L'ailier Noah Ferrand a refusé de commenter. « Le groupe n'a jamais cru au \
             projet de jeu », confie pour sa part un ancien adjoint du club.",
            &[("Noah Ferrand", Label::PER)],
            "?un ancien adjoint du club",
        ),
        // A role with a title and a name in apposition, after a day.
        (
            "Les combats ont repris au nord. « Nos unités tiennent toutes leurs positions », \
             a affirmé jeudi le porte-parole de l'armée, le colonel Issa Marouf.",
            &[("Issa Marouf", Label::PER)],
            "Issa Marouf",
        ),
        // `a-t-elle fait valoir` after a role set against the people before.
        (
            "Le procureur, Bruno Caillaud, a requis deux ans. L'avocate de la gérante, elle, \
             a demandé la relaxe. « Ma cliente ignorait tout des montages », a-t-elle fait \
             valoir.",
            &[("Bruno Caillaud", Label::PER)],
            "?L'avocate de la gérante",
        ),
        // An indefinite subject, and a person named only as a comparison.
        (
            "Le ministre Hugo Servant a démissionné. Un sénateur de la majorité, élu comme \
             M. Servant en Isère, se montre plus dur. « Nous paierons cette affaire aux \
             prochaines élections », prédit-il.",
            &[("Hugo Servant", Label::PER), ("Servant", Label::PER)],
            "?Un sénateur de la majorité",
        ),
        // `À ses yeux`, as `selon lui`.
        (
            "Le préfet Alain Giraud a réuni les maires. Un gendarme, qui tient à rester \
             anonyme, décrit des équipes épuisées. À ses yeux, « les renforts arriveront \
             trop tard pour l'été ».",
            &[("Alain Giraud", Label::PER)],
            "?Un gendarme",
        ),
        // A role after a possessive, set apart by its own clause, subject of the
        // sentence just before the quote.
        (
            "Le maire, Régis Delmas, a été hospitalisé lundi. Son premier adjoint, qui \
             préside désormais les séances, passe le voir chaque soir. « Il garde le moral \
             et suit tous les dossiers », rapporte-t-il.",
            &[("Régis Delmas", Label::PER)],
            "?Son premier adjoint",
        ),
        // A woman's office before `a-t-elle`, though a man is named in its sentence.
        (
            "Le président de l'université, Marc Tessier, a démissionné. La rectrice de \
             l'académie a reçu M. Tessier mardi. « La priorité reste les examens », a-t-elle \
             déclaré.",
            &[("Marc Tessier", Label::PER), ("Tessier", Label::PER)],
            "?La rectrice de l'académie",
        ),
        // A role set against the others, though a man is then named as a comparison.
        (
            "Le président Paul Rocher s'est retiré. Le doyen de la faculté de droit, lui, \
             se montre plus prudent. Il a voté contre la motion, comme Luc Arnaud. « Un seul \
             homme ne peut pas porter toutes les fautes », regrette-t-il.",
            &[("Paul Rocher", Label::PER), ("Luc Arnaud", Label::PER)],
            "?Le doyen de la faculté de droit",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn bodies_by_their_name_and_sources_after_an_opening_phrase() {
    let cases: [Case<'_>; 9] = [
        // A newspaper no tagger found, opening its sentence before its verb and `que`.
        (
            "Le ton est plus doux à Madrid. El Mundo estime que « la France a appris le \
             compromis ».",
            &[],
            "El Mundo",
        ),
        // Someone's side, by a possessive subject of the verb before the quote.
        (
            "La nageuse Léa Morin a été suspendue deux ans. Son camp dénonce une « injustice ».",
            &[("Léa Morin", Label::PER)],
            "?Son camp",
        ),
        // A company no tagger found, by the words that complete `direction`.
        (
            "Les salariés de l'usine ont appris la nouvelle lundi. « Le site n'est plus \
             rentable depuis trois ans », justifie la direction de Torvalis dans un courrier.",
            &[],
            "Torvalis",
        ),
        // A ministry by its name.
        (
            "Les frappes ont repris dans la nuit. À Moscou, le ministère russe de la Défense \
             a affirmé avoir détruit « des dépôts de munitions ».",
            &[],
            "ministère russe de la Défense",
        ),
        // An office whose holder was named with a long complement.
        (
            "Trois hommes ont été mis en examen, a annoncé la procureure de la République de \
             Tulle, Sonia Ferrat. Le maire, Luc Bastide, a salué l'opération. « Ce réseau ne \
             se reformera pas », a prévenu la procureure.",
            &[("Sonia Ferrat", Label::PER), ("Luc Bastide", Label::PER)],
            "Sonia Ferrat",
        ),
        // `L'une d'eux, une …,`: an unnamed source in apposition.
        (
            "Le gérant, Marc Olier, a été blessé. Deux clientes ont pu s'enfuir. L'une \
             d'elles, une infirmière du quartier, a donné l'alerte. « Il hurlait qu'on lui \
             devait de l'argent », raconte-t-elle.",
            &[("Marc Olier", Label::PER)],
            "?une infirmière du quartier",
        ),
        // A participle phrase before an indefinite subject.
        (
            "Le maire, Paul Ravel, appelle au calme. Venue de Nîmes avec son fils, une \
             spectatrice attend son remboursement : « On reviendra l'an prochain ».",
            &[("Paul Ravel", Label::PER)],
            "?une spectatrice",
        ),
        // A former trade of no list of roles.
        (
            "Le gérant, Hugo Ferrand, nie tout. Un ancien commercial de la société, cité \
             comme témoin, a livré un autre récit. « On devait signer vingt dossiers par \
             semaine », a-t-il expliqué.",
            &[("Hugo Ferrand", Label::PER)],
            "?Un ancien commercial de la société",
        ),
        // A pronoun after a person taken up by her role since an unnamed source's quote.
        (
            "L'album de Lina Varenne sort vendredi. Un démarrage que son entourage juge \
             « inespéré », même si la chanteuse assure ne plus regarder les chiffres. « Les \
             compteurs, ça rend fou », dit-elle.",
            &[("Lina Varenne", Label::PER)],
            "Lina Varenne",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn bodies_and_people_taken_up_after_the_sentence_that_introduces_them() {
    let cases: [Case<'_>; 10] = [
        // A company no tagger found, by its management opening the sentence before,
        // taken up by `elle`.
        (
            "Camille Hamel élève 60 vaches. La direction de Laitaval rejette ces accusations. \
             Dans un communiqué, elle invoque « l'effondrement des cours du beurre ».",
            &[("Camille Hamel", Label::PER)],
            "Laitaval",
        ),
        // A ministry opening the sentence before, taken up by `il`.
        (
            "La ministre Anne Roche s'est rendue sur place. Le ministère zambien de la Santé \
             assure maîtriser la situation. « Les cas reculent depuis dix jours », a-t-il \
             affirmé.",
            &[("Anne Roche", Label::PER)],
            "ministère zambien de la Santé",
        ),
        // A body by its trade set against the others.
        (
            "La ministre Nadia Colin a réagi. L'intersyndicale, elle, ne recule pas. « Nous \
             serons dans la rue samedi », prévient-elle.",
            &[("Nadia Colin", Label::PER)],
            "?L'intersyndicale",
        ),
        // A spokesperson set against the others.
        (
            "Son homologue, Yann Coat, a déposé un recours. Le porte-parole départemental de \
             Solidaires, lui, se montre prudent. « Nous ne voulons pas offrir d'images au \
             préfet », reconnaît-il.",
            &[("Yann Coat", Label::PER)],
            "?Le porte-parole départemental de Solidaires",
        ),
        // A relation with a participle phrase, subject of the sentence before.
        (
            "Le gardien, Ousmane Diallo, a donné l'alerte. Le fils de la victime, arrivé de \
             Montreuil au matin, cherche des réponses. « L'ascenseur était en panne depuis \
             janvier », dit-il.",
            &[("Ousmane Diallo", Label::PER)],
            "?Le fils de la victime",
        ),
        // An official of a public body, taken up by `elle` a sentence later.
        (
            "Pour l'avocate de la famille, Claire Viel, « le diagnostic a été raté ». La \
             représentante du parquet a suivi la même ligne. Elle a requis un an avec sursis. \
             « La surcharge du service n'excuse pas tout », a-t-elle soutenu.",
            &[("Claire Viel", Label::PER)],
            "?La représentante du parquet",
        ),
        // `Pour un …,` opening the sentence before a pronoun's quote.
        (
            "La directrice financière, Sophie Lenoir, se veut confiante. Pour un analyste du \
             secteur, le cas n'a rien d'isolé. « Les fonds veulent de la rentabilité tout de \
             suite », observe-t-il.",
            &[("Sophie Lenoir", Label::PER)],
            "?un analyste du secteur",
        ),
        // `Du côté de X, on`: a company no tagger found.
        (
            "La mairie cherche une solution. Du côté d'Orvane, on se dit « ouvert à la \
             discussion ».",
            &[],
            "Orvane",
        ),
        // A demonstrative of another noun takes up an unnamed source after an opening
        // phrase.
        (
            "La faim menace. Joint par téléphone à Choma, un agriculteur décrit des champs \
             grillés. « J'ai planté deux fois, deux fois tout a séché », confie cet habitant.",
            &[],
            "?un agriculteur",
        ),
        // Someone's message, the sentence after they are named.
        (
            "Le romancier Antoine Merle a pris la tête de la mobilisation. Son message tient \
             en une phrase : « Une ville sans librairies perd la mémoire ».",
            &[("Antoine Merle", Label::PER)],
            "Antoine Merle",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn sources_of_trials_statements_and_views() {
    let cases: [Case<'_>; 9] = [
        // The defence at a trial, after `fait valoir`.
        (
            "Marc Tessier a été renvoyé devant le tribunal. « Mon client n'a jamais touché \
             cet argent », fait valoir la défense.",
            &[("Marc Tessier", Label::PER)],
            "?la défense",
        ),
        // A statement with no issuer given: the organisation that opens the sentence
        // before.
        (
            "La société Orbalis a annoncé mardi la fermeture de son usine de Dole. « Nous \
             regrettons profondément cette décision », selon un communiqué.",
            &[("Orbalis", Label::ORG)],
            "Orbalis",
        ),
        // A view after `Pour un …,` and a clause of its own.
        (
            "Le PDG, Paul Renard, reste muet. Pour une analyste spécialiste de la distribution, \
             la suite se jouera vite : « Le groupe devra vendre des magasins ».",
            &[("Paul Renard", Label::PER)],
            "?une analyste spécialiste de la distribution",
        ),
        // The same, with an apposition before the quote.
        (
            "Le ministre, Luc Perrin, défend son texte. Pour un député de la majorité, \
             rapporteur du projet, « les Français achètent déjà en ligne sans contrôle ».",
            &[("Luc Perrin", Label::PER)],
            "?un député de la majorité",
        ),
        // An unnamed subject, with someone named beside it in its own sentence.
        (
            "Le chef du parti, Jonas Keller, a ouvert la séance. Un membre de la direction, \
             assis aux côtés du Bavarois Florian Aigner, sort rassuré de la réunion. « Ils \
             savent compter », observe-t-il.",
            &[("Jonas Keller", Label::PER), ("Florian Aigner", Label::PER)],
            "?Un membre de la direction",
        ),
        // A relation of someone after a phrase of place.
        (
            "Léa Morvan a marqué vingt points. Dans les tribunes, la mère de Léa Morvan n'a \
             pas lâché son écharpe. « Elle a commencé ici à huit ans », confie-t-elle.",
            &[("Léa Morvan", Label::PER)],
            "?la mère de Léa Morvan",
        ),
        // A group after a phrase of place, taken up by a plural verb of another tense.
        (
            "Léa Morvan a gagné. Au premier rang, une trentaine de jeunes licenciées du club \
             s'étaient peint les joues. « Un jour, ce sera nous sur ce terrain », \
             promettaient-elles.",
            &[("Léa Morvan", Label::PER)],
            "?une trentaine de jeunes licenciées du club",
        ),
        // The subject, not the person in a participle phrase before it.
        (
            "Interpellée par la députée Sabrina Haddad, la ministre, Hélène Vasseur, a tenu à \
             séparer les dossiers. « La justice est indépendante », a-t-elle expliqué.",
            &[
                ("Sabrina Haddad", Label::PER),
                ("Hélène Vasseur", Label::PER),
            ],
            "Hélène Vasseur",
        ),
        // A quote that goes on after a verb whose speaker's description names someone.
        (
            "Sa mère, Sandrine Morel, a porté plainte. « Elle ne disait plus rien », raconte \
             la mère de Léna. « Nous avons alerté le collège dès octobre. »",
            &[("Sandrine Morel", Label::PER), ("Léna", Label::PER)],
            "Sandrine Morel",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_source_introduced_at_the_end_of_the_paragraph_before() {
    let text = "Marie Leroy dirige la réserve.\n\nUn agent de l'Office de la biodiversité, \
                qui a requis l'anonymat, décrit des loups devenus moins craintifs.\n\n« Il y \
                a dix ans, les attaques avaient lieu la nuit, pas en plein midi. »";
    let out = run(
        text,
        &[
            ("Marie Leroy", Label::PER, None),
            ("Office de la biodiversité", Label::ORG, None),
        ],
    );
    assert_eq!(speakers(&out), ["?Un agent de l'Office de la biodiversité"]);
    // A named person is not carried across the paragraph break that way.
    let text = "Marie Leroy dirige la réserve depuis dix ans.\n\n« Il y a dix ans, les \
                attaques avaient lieu la nuit, pas en plein midi. »";
    let out = run(text, &[("Marie Leroy", Label::PER, None)]);
    assert_eq!(speakers(&out), [""]);
}

#[test]
fn names_of_programmes_and_words_declined_are_no_speech() {
    for text in [
        "Le collège de Paul Renard applique le programme « pHARe » contre le harcèlement.",
        "Les joueuses de Paul Renard, surnommées « les Mouettes », ont gagné.",
        "Le PDG, Paul Renard, avait lancé en 2023 un « pass affaires » à prix réduit.",
        "La directrice de Paul Renard, elle, se refuse à parler de « déclin ».",
        "Le parti de Paul Renard reste tenu à l'écart par le « cordon sanitaire » des autres.",
        "Paul Renard propose déjà le « click and collect » dans sa pharmacie.",
        "Paul Renard a présenté le projet de loi « Toit pour tous » mercredi.",
    ] {
        let out = run(text, &[("Paul Renard", Label::PER, None)]);
        assert!(out.annotations.is_empty(), "{text}: {:?}", speakers(&out));
    }
}

#[test]
fn offices_relations_bodies_and_groups_left_unnamed() {
    let cases: [Case<'_>; 10] = [
        // A description whose subject goes on in a sentence of its pronoun, where someone
        // else is named as an object.
        (
            "Le maire, Julien Moreau, nie tout. Le procureur, lui, n'a pas cru à sa bonne \
             foi. Il a rappelé que Julien Moreau avait revendu deux parcelles. « Un maire \
             ne se sert pas de sa commune », a-t-il lancé.",
            &[("Julien Moreau", Label::PER)],
            "?Le procureur",
        ),
        // A hyphenated office set against the others.
        (
            "Le directeur, Laurent Babin, temporise. Le médecin-chef du pôle, lui, a fini par \
             signer la motion. « Nous avons fermé douze lits », reconnaît-il.",
            &[("Laurent Babin", Label::PER)],
            "?Le médecin-chef du pôle",
        ),
        // An office with a complement of common nouns, a sentence between.
        (
            "L'adjointe à la culture, Élise Barthélemy, défend la fermeture. La directrice de \
             l'établissement conteste ces chiffres. La saison a attiré 14.000 spectateurs. \
             « C'est notre meilleure année », insiste-t-elle.",
            &[("Élise Barthélemy", Label::PER)],
            "?La directrice de l'établissement",
        ),
        // A group taken up by `selon eux`.
        (
            "Le capitaine, Julien Etchegaray, a parlé. Les coéquipiers du blessé ont appris \
             la nouvelle au vestiaire. Selon eux, « personne n'avait le cœur à chanter ».",
            &[("Julien Etchegaray", Label::PER)],
            "?Les coéquipiers du blessé",
        ),
        // A body of a kind, by a complement with no article.
        (
            "Le laboratoire Castelmed doit rappeler trois lots. L'agence régionale de santé \
             se veut rassurante. « Aucun effet indésirable n'a été signalé », précise-t-elle.",
            &[("Castelmed", Label::ORG)],
            "?L'agence régionale de santé",
        ),
        // A relation of someone, subject of the sentence of the quote.
        (
            "Parmi les victimes figure Jeannine Dufau. La petite-fille de Jeannine Dufau ne \
             cache pas sa colère : « Personne n'est venu ».",
            &[("Jeannine Dufau", Label::PER)],
            "?La petite-fille de Jeannine Dufau",
        ),
        // A relation with an apposition to its complement, after a phrase of place.
        (
            "Le directeur, Marc Orsini, se tait. Sur le parking, le père de Julien Castan, un \
             patient de 31 ans, distribue des tracts. « Mon fils a attendu neuf heures », \
             témoigne-t-il.",
            &[("Marc Orsini", Label::PER), ("Julien Castan", Label::PER)],
            "?le père de Julien Castan",
        ),
        // A possessive relation by a hyphenated word.
        (
            "Le maire, Benoît Schaller, a visité les rues. Son beau-frère, boulanger sur la \
             place, a perdu son four. « Je ne sais pas si je pourrai rouvrir », souffle-t-il.",
            &[("Benoît Schaller", Label::PER)],
            "?Son beau-frère",
        ),
        // A possessive role after the verb, against someone named with another role.
        (
            "Le capitaine, Julien Etchegaray : « C'est un frère pour nous ». « Il y a des \
             soirs difficiles », a glissé leur entraîneur.",
            &[("Julien Etchegaray", Label::PER)],
            "?leur entraîneur",
        ),
        // An unnamed view after the quote, with `pour`.
        (
            "Le fonds, doté par Marc Roux, compte 150.000 euros. Une somme « dérisoire au \
             regard des dégâts », pour une élue de l'opposition municipale.",
            &[("Marc Roux", Label::PER)],
            "?une élue de l'opposition municipale",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn who_a_participle_names_is_not_who_speaks_next() {
    let cases: [Case<'_>; 4] = [
        // The agent of `interrogé par` asks; the subject answers.
        (
            "« Chaque euro a servi nos projets », a déclaré Bernard Lécuyer. Interrogé par le \
             président du tribunal, Hervé Le Goff, sur des factures, il a parlé d'erreurs. « Je \
             faisais confiance aux comptables », a-t-il ajouté.",
            &[
                ("Bernard Lécuyer", Label::PER),
                ("Hervé Le Goff", Label::PER),
            ],
            "Bernard Lécuyer",
        ),
        // One who leads is still who speaks next.
        (
            "La cérémonie était présidée par le général Hervé Marchetti, commandant l'école. \
             « Nous n'avons plus le droit à l'approximation », a-t-il prévenu.",
            &[("Hervé Marchetti", Label::PER)],
            "Hervé Marchetti",
        ),
        // One club's offices are held by different people.
        (
            "Le président, Frédéric Morvan, s'est expliqué : « Je l'ai défendu jusqu'au \
             bout ». « Le nom du successeur sera connu jeudi », a précisé le directeur \
             sportif.",
            &[("Frédéric Morvan", Label::PER)],
            "?le directeur sportif",
        ),
        // `X, dont le directeur, Y, évoque « … »`: the person in apposition to the role.
        (
            "Le domaine est exploité par la société Neigeval, dont le directeur, Patrick \
             Rolland, évoque « un incident sans précédent ».",
            &[("Neigeval", Label::ORG), ("Patrick Rolland", Label::PER)],
            "Patrick Rolland",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn where_one_says_is_who_says() {
    let cases: [Case<'_>; 1] = [(
        "Le dossier est remonté jusqu'à Bercy, où l'on dit suivre la situation « avec la plus \
         grande attention ».",
        &[("Bercy", Label::ORG)],
        "Bercy",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn quotes_that_go_on_in_their_sentence_and_incises() {
    let cases: [Case<'_>; 5] = [
        // `avant d'ajouter :` gives the next quote to the speaker of the one before.
        (
            "« Les orangers venaient de repartir », soupirent des agriculteurs de la Ribera \
             Alta, avant d'ajouter : « Beaucoup ne replanteront pas ».",
            &[("Ribera Alta", Label::LOC)],
            "?des agriculteurs de la Ribera Alta",
        ),
        // A verb and its pronoun set between a subject and the quote.
        (
            "Ces accès ne surprennent pas Bruno Lefeuvre, chercheur à Rennes. Les banques, \
             observe-t-il, « blindent leurs systèmes mais laissent entrer leurs \
             sous-traitants ».",
            &[("Bruno Lefeuvre", Label::PER)],
            "Bruno Lefeuvre",
        ),
        // `À la Chancellerie, on`: a name no tagger found.
        (
            "Le directeur, Marc Viel, a parlé. À la Chancellerie, on assure que les meneurs \
             seront transférés « dans les tout prochains jours ».",
            &[("Marc Viel", Label::PER)],
            "Chancellerie",
        ),
        // A role after a participle phrase, as the subject of a verb of saying.
        (
            "Le bilan s'alourdit. Arrivé dans la nuit, le ministre turc de l'Intérieur s'est \
             engagé à ce que « chaque famille soit relogée avant l'hiver ».",
            &[],
            "?le ministre turc de l'Intérieur",
        ),
        // `Une autre équipière`: an unnamed source after `autre`.
        (
            "Sa coéquipière Jeanne Le Bihan a fini à bout de forces. Une autre équipière, \
             plus jeune, n'a pas été surprise. « Elle nous décroche toutes dans cette côte », \
             sourit-elle.",
            &[("Jeanne Le Bihan", Label::PER)],
            "?Une autre équipière",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn words_painted_on_a_road_are_a_sign() {
    let text = "Lou Kerdraon a gagné. Sur le bitume, quelqu'un avait peint en lettres blanches \
                « Lou, on y croit ».";
    let out = run(text, &[("Lou Kerdraon", Label::PER, None)]);
    assert_eq!(speakers(&out), [""]);
}

#[test]
fn an_organisation_by_the_end_of_its_name_is_its_full_name() {
    let text = "Les Chocolats Ferrand vont fermer une ligne. « Le cacao a triplé », a \
                expliqué Ferrand.";
    let out = run_nth(
        text,
        &[
            ("Chocolats Ferrand", 0, Label::ORG),
            ("Ferrand", 1, Label::ORG),
        ],
    );
    assert_eq!(speakers(&out), ["Chocolats Ferrand"]);
}

#[test]
fn a_demonym_is_not_someone_given_another() {
    let cases: [Case<'_>; 1] = [(
        "Lou Kerdraon a remporté l'étape devant la Néerlandaise Femke van Dijk. « Je connais \
         chaque virage de cette bosse », souffle la Costarmoricaine, 23 ans.",
        &[("Lou Kerdraon", Label::PER), ("Femke van Dijk", Label::PER)],
        "Lou Kerdraon",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn a_few_words_no_one_is_said_to_say_are_no_quote() {
    // A term in the sentence after a named speaker's quote, with no verb of saying.
    let text = "« On ferme la nuit », a regretté Catherine Lemarchand. Faute de médecins, le \
                canton risque de devenir un « désert » médical.";
    let out = run(text, &[("Catherine Lemarchand", Label::PER, None)]);
    assert_eq!(speakers(&out), ["Catherine Lemarchand"]);
    // A phrase after `un`, spoken by no one.
    let text = "Le club reçoit Bayonne samedi pour ce qui ressemble à un « match de la peur ».";
    assert!(
        run(text, &[("Bayonne", Label::LOC, None)])
            .annotations
            .is_empty()
    );
    // A second quote of the same sentence still goes to the speaker of the first.
    let text = "Mathilde Panot a dénoncé « une trahison » et un « accord de couloir ».";
    let out = run(text, &[("Mathilde Panot", Label::PER, None)]);
    assert_eq!(speakers(&out), ["Mathilde Panot", "Mathilde Panot"]);
    // `a mis en garde contre`: a warning, so the word is quoted speech.
    let text = "Le porte-parole du ministère chinois des Affaires étrangères a mis en garde \
                contre une « militarisation » de la région.";
    assert_eq!(run(text, &[]).annotations.len(), 1);
}

#[test]
fn more_unnamed_sources_taken_up_by_a_pronoun() {
    let cases: [Case<'_>; 5] = [
        // A hyphenated person noun.
        (
            "Hélène Darrigade dirige l'hôpital. En cardiologie, une aide-soignante raconte \
             l'épuisement. « On court d'un étage à l'autre », témoigne-t-elle.",
            &[("Hélène Darrigade", Label::PER)],
            "?une aide-soignante",
        ),
        // Adjectives before the noun, after a participle phrase.
        (
            "Hélène Darrigade a parlé. Appelée à la barre, une ancienne secrétaire de mairie \
             a décrit un système verrouillé. « Les bons arrivaient déjà signés », a-t-elle \
             témoigné.",
            &[("Hélène Darrigade", Label::PER)],
            "?une ancienne secrétaire de mairie",
        ),
        (
            "Yannis Stavridis a lancé un appel. Un haut fonctionnaire de la Commission \
             européenne tempère les attentes. Selon lui, « aucun pays n'a encore accepté ».",
            &[
                ("Yannis Stavridis", Label::PER),
                ("Commission européenne", Label::ORG),
            ],
            "?Un haut fonctionnaire de la Commission européenne",
        ),
        // `D'après une source …`, then the pronoun of its gender.
        (
            "Céline Wagner a parlé. D'après une source proche du dossier, le groupe \
             étudierait un transfert. « Le site est devenu le plus cher du groupe », \
             confie-t-elle.",
            &[("Céline Wagner", Label::PER)],
            "?une source proche du dossier",
        ),
        // A relation with an apposition after its complement.
        (
            "Inès Bouvier dort dans sa voiture. Jointe par téléphone, la mère d'Inès, \
             aide-soignante dans le Doubs, ne cache pas son angoisse. « Je lui envoie ce que \
             je peux », confie-t-elle.",
            &[("Inès Bouvier", Label::PER)],
            "?la mère d'Inès",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn epithets_that_take_up_someone_named() {
    let cases: [Case<'_>; 3] = [
        // An age noun: the person of that age.
        (
            "Bernard Lachaume, 71 ans, comparaissait avec Didier Faure, 58 ans. L'ancien \
             maire n'a rien lâché. « Je n'ai pas mis un centime dans ma poche », a martelé le \
             septuagénaire.",
            &[
                ("Bernard Lachaume", Label::PER),
                ("Didier Faure", Label::PER),
            ],
            "Bernard Lachaume",
        ),
        // An acronym of an organisation named in full before.
        (
            "L'Agence régionale de santé de Normandie a entériné la mesure. « Le risque est \
             réel », justifie l'ARS.",
            &[
                ("Agence régionale de santé de Normandie", Label::ORG),
                ("ARS", Label::ORG),
            ],
            "Agence régionale de santé de Normandie",
        ),
        // `Selon la maire actuelle`: the person named just before.
        (
            "Élue en 2020, Martine Vidal s'est constituée partie civile. Selon la maire \
             actuelle, « l'école attend toujours son toit ».",
            &[("Martine Vidal", Label::PER)],
            "Martine Vidal",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn acronyms_of_a_name() {
    assert!(acronym_of("ARS", "Agence régionale de santé de Normandie"));
    assert!(acronym_of("CGT", "Confédération générale du travail"));
    assert!(acronym_of("PS", "Parti socialiste"));
    assert!(!acronym_of("PS", "Parti socialiste européen"));
    assert!(!acronym_of("ARS", "Association des riverains"));
    assert!(!acronym_of("Ars", "Agence régionale de santé"));
}

#[test]
fn more_verbs_and_phrases_of_saying() {
    let cases: [Case<'_>; 6] = [
        // `a-t-elle fini par lâcher`: the infinitive after `fini par`.
        (
            "Jean Morel a parlé. À la barre, une ancienne collègue a cherché ses mots. « On \
             trouvait ça gentil », a-t-elle fini par lâcher.",
            &[("Jean Morel", Label::PER)],
            "?une ancienne collègue",
        ),
        // `a-t-elle fait savoir`: the organisation that opens the sentence before.
        (
            "Paul Morel a parlé. La DGAC, qui a demandé à la compagnie d'alléger son \
             programme, se veut prudente. « Les passagers sont invités à ne pas venir », \
             a-t-elle fait savoir.",
            &[("Paul Morel", Label::PER), ("DGAC", Label::ORG)],
            "DGAC",
        ),
        // `À l'en croire`, as `selon lui`.
        (
            "Le commandant Thomas Reynaud reste sceptique. À l'en croire, « la même \
             direction a fermé deux bases l'an dernier ».",
            &[("Thomas Reynaud", Label::PER)],
            "Thomas Reynaud",
        ),
        // `Quant à X, elle …`.
        (
            "Camille Renaudin est suspendue. Quant à l'ARS, elle indique avoir « diligenté une \
             inspection du bloc ».",
            &[("Camille Renaudin", Label::PER), ("ARS", Label::ORG)],
            "ARS",
        ),
        // `Pour l'analyste, « … »` after the person named in the sentence before.
        (
            "Dépêchée sur place, Katell Guillou n'est guère surprise. Pour l'analyste, « les \
             villes moyennes sont devenues des cibles idéales ».",
            &[("Katell Guillou", Label::PER)],
            "Katell Guillou",
        ),
        // `selon les termes de`: whose words.
        (
            "Jean Morel a parlé. Le texte dénonce un « protectionnisme fiscal déguisé », \
             selon les termes de la CGT.",
            &[("Jean Morel", Label::PER), ("CGT", Label::ORG)],
            "CGT",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn relations_and_people_after_a_bare_opening_phrase() {
    let cases: [Case<'_>; 3] = [
        // `Son épouse, elle, …`: set against the people before.
        (
            "Sa première adjointe, Sylvie Rouquette, assure l'intérim. Son épouse, elle, ne \
             dort plus. « Ce soir-là, je lui ai dit d'arrêter », souffle-t-elle.",
            &[("Sylvie Rouquette", Label::PER)],
            "?Son épouse",
        ),
        // An opening phrase with no article first.
        (
            "Josiane Bellemare mène la grève. Mère de deux enfants, une aide-soignante a dû \
             poser une journée de congé. « Mon fils a perdu un mois d'école », soupire-t-elle.",
            &[("Josiane Bellemare", Label::PER)],
            "?une aide-soignante",
        ),
        (
            "Karine Delmas a visité la rue. Quelques mètres plus loin, une retraitée ne cache \
             pas sa peine. « Le rez-de-chaussée est perdu », souffle-t-elle.",
            &[("Karine Delmas", Label::PER)],
            "?une retraitée",
        ),
    ];
    assert_last_speakers(&cases);
    // A singular pronoun does not take up a group.
    let text = "Des voyageurs bloqués depuis mardi campent sur leurs valises. « Pas un agent au \
                guichet », racontent-ils. La DGAC se veut prudente. « Ne venez pas sans \
                confirmation », a-t-elle fait savoir.";
    let out = run(text, &[("DGAC", Label::ORG, None)]);
    assert_eq!(speakers(&out)[1], "DGAC");
}

#[test]
fn what_something_is_called_is_no_quote() {
    let text = "Tout est parti du projet de lotissement dit « des Amandiers ». La réforme dite \
                « choc des savoirs » passe mal. Le dauphin a valu à l'ensemble un surnom \
                immédiat parmi les ouvriers : « le dauphin de Vaise ». Le président l'a \
                interrogée sur le « cahier de liaison ». L'entraîneur se refuse pour sa part à \
                parler de « crise ».";
    let out = run(text, &[]);
    assert!(out.annotations.is_empty(), "{:?}", speakers(&out));
    // `s'est dite « … »` is still said.
    let text = "La Monusco s'est dite « profondément alarmée » par les combats.";
    let out = run(text, &[("Monusco", Label::ORG, None)]);
    assert_eq!(speakers(&out), ["Monusco"]);
}

#[test]
fn epithets_take_up_the_person_the_article_is_about() {
    let cases: [Case<'_>; 3] = [
        // The person named most often, when no one is named just before.
        (
            "Lou Kerdraon a gagné. Femke van Dijk a fini deuxième. Lou Kerdraon a attaqué \
             dans la bosse. Un dirigeant néerlandais proteste. « Elle a profité d'une moto », \
             tranche-t-il.\n\nLa lauréate, elle, balaie la polémique. « Je n'ai vu aucune \
             moto », répond-elle.",
            &[("Lou Kerdraon", Label::PER), ("Femke van Dijk", Label::PER)],
            "Lou Kerdraon",
        ),
        // The person named in the sentence before.
        (
            "Le prix est revenu à Hélène Marsac. Celui d'interprétation est revenu à Inès \
             Boukhari, 19 ans. « Je vendais des glaces l'été dernier », a souri la lauréate.",
            &[("Hélène Marsac", Label::PER), ("Inès Boukhari", Label::PER)],
            "Inès Boukhari",
        ),
        (
            "Lucas Le Bihan a gagné l'étape. Lucas Le Bihan a attaqué seul. Pour un ancien \
             vainqueur de l'épreuve, « ce garçon ira loin ». L'intéressé, lui, préfère \
             savourer. « Lundi, je vais surtout dormir », a-t-il promis.",
            &[("Lucas Le Bihan", Label::PER)],
            "Lucas Le Bihan",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_person_apposed_to_a_role_and_phrases_after_the_verb() {
    let cases: [Case<'_>; 4] = [
        // `X, juriste d'ORG : « … »`: the person.
        (
            "Le tribunal a condamné l'usine. Gwenola Kerdraon, juriste d'Eau et Rivières de \
             Bretagne : « Cette fois, le tribunal a pris la mesure du préjudice ».",
            &[
                ("Gwenola Kerdraon", Label::PER),
                ("Eau et Rivières de Bretagne", Label::ORG),
            ],
            "Gwenola Kerdraon",
        ),
        // A phrase of manner between commas after the verb.
        (
            "Mardi, la salle s'est figée. « Nous avons sorti tous ceux que l'échelle \
             atteignait », a raconté, la voix nouée, un officier des marins-pompiers.",
            &[],
            "?un officier des marins-pompiers",
        ),
        // `a d'ores et déjà prévenu`.
        (
            "Une concertation s'ouvre en janvier. « Tout pourra être discuté, sauf le \
             principe », a d'ores et déjà prévenu Claire Wendling.",
            &[("Claire Wendling", Label::PER)],
            "Claire Wendling",
        ),
        // An adjective before the writing.
        (
            "Le conflit a poussé 700.000 personnes à fuir. « L'accès humanitaire demeure \
             limité », lit-on dans le dernier rapport d'Ocha.",
            &[("Ocha", Label::ORG)],
            "Ocha",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn an_organisation_opening_a_sentence_stops_an_unnamed_source_going_on() {
    let text = "Une habitante attend le projet. « Mes enfants n'ont jamais pu aller à l'école \
                à vélo », raconte-t-elle. La Compagnie des transports strasbourgeois s'est \
                engagée à suivre. « Les fréquences du tram seront renforcées », précise-t-elle \
                dans un communiqué.";
    let out = run(
        text,
        &[("Compagnie des transports strasbourgeois", Label::ORG, None)],
    );
    assert_eq!(
        speakers(&out),
        ["?Une habitante", "Compagnie des transports strasbourgeois"]
    );
}

#[test]
fn subjects_past_nouns_and_appositions() {
    let cases: [Case<'_>; 4] = [
        // `l'annonce` is a noun, not the verb: the subject of `estime`.
        (
            "Le groupe supprime des postes. Élu CGT au comité social et économique, Karim \
             Benali estime quant à lui que l'annonce « n'est qu'un début ».",
            &[("CGT", Label::ORG), ("Karim Benali", Label::PER)],
            "Karim Benali",
        ),
        // A role completed by an organisation, then another apposition.
        (
            "Le groupe a fait un bénéfice. Un argument que Isabelle Morin, déléguée de la \
             CFDT, premier syndicat de l'entreprise, reprend à son compte : « Les actionnaires \
             réclament toujours plus ».",
            &[("Isabelle Morin", Label::PER), ("CFDT", Label::ORG)],
            "Isabelle Morin",
        ),
        (
            "A Pessac, Julien Lafargue, fondateur d'une société de conseil de 12 salariés, \
             Cyberdune, constate une demande en forte hausse : « Les élus ont compris ».",
            &[("Julien Lafargue", Label::PER), ("Cyberdune", Label::ORG)],
            "Julien Lafargue",
        ),
        // The subject after an opening phrase, not a name in its apposition.
        (
            "Abiy Tesfaye a salué le texte. Joint par téléphone, Mesfin Worku, un commandant \
             Fano du Gojjam, se montre méfiant. « Nous avons déjà connu des trêves », \
             affirme-t-il.",
            &[
                ("Abiy Tesfaye", Label::PER),
                ("Mesfin Worku", Label::PER),
                ("Fano du Gojjam", Label::PER),
            ],
            "Mesfin Worku",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn said_after_a_relative_clause_and_selon_lui_inside_a_sentence() {
    // `dit « … »` after a relative clause: words said, not a so-called name.
    let text = "La préfecture, qui avait signé l'arrêté, dit « prendre acte » de la décision.";
    assert_eq!(speakers(&run(text, &[])), ["?La préfecture"]);
    let cases: [Case<'_>; 1] = [(
        "Le sociologue Benoît Vasseur invite à la prudence. Les répondants sont selon lui \
         « sans doute plus nombreux parmi ceux qui ont à dire ».",
        &[("Benoît Vasseur", Label::PER)],
        "Benoît Vasseur",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn a_general_word_for_a_role_the_article_stated_otherwise() {
    let cases: [Case<'_>; 4] = [
        // `la responsable syndicale` after `secrétaire générale du syndicat`.
        (
            "« Les agressions augmentent », a commenté Odile Ferrand, secrétaire générale du \
             syndicat, à Paris. Marc Vidal, professeur, raconte son cas. Le syndicat réclame une \
             protection. « Un collègue ne devrait pas monter un dossier », insiste la \
             responsable syndicale.",
            &[("Odile Ferrand", Label::PER), ("Marc Vidal", Label::PER)],
            "Odile Ferrand",
        ),
        // `le patron de l'ARS` after `Le directeur général de l'Agence régionale de
        // santé, X`, by the acronym.
        (
            "Le directeur général de l'Agence régionale de santé de Bretagne, Paul Kerjean, a \
             signé l'arrêté jeudi. « Personne ne perdra son service », a assuré le patron de \
             l'ARS.",
            &[
                ("Agence régionale de santé de Bretagne", Label::ORG),
                ("Paul Kerjean", Label::PER),
                ("ARS", Label::ORG),
            ],
            "Paul Kerjean",
        ),
        // `l'édile` after `La maire de X, Y`.
        (
            "La maire d'Oissel, Claire Dumont, a ouvert le gymnase. Le président de \
             l'association, Luc Petit, réclame un inventaire. L'édile promet « une réunion \
             publique dès la semaine prochaine ».",
            &[
                ("Oissel", Label::LOC),
                ("Claire Dumont", Label::PER),
                ("Luc Petit", Label::PER),
            ],
            "Claire Dumont",
        ),
        // A role of another kind fits no one: `le chef de groupe du PS au parlement
        // régional` is not `secrétaire régional de la FGTB`.
        (
            "« Ce sont les travailleurs qui paient », a lancé Jean Moreels, secrétaire régional \
             de la FGTB. Le chef de groupe du PS au parlement régional a accusé le gouvernement \
             de « faire payer aux Wallons la politique de Bruxelles ».",
            &[
                ("Jean Moreels", Label::PER),
                ("FGTB", Label::ORG),
                ("PS", Label::ORG),
            ],
            "?Le chef de groupe du PS",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn names_and_nicknames_are_not_speech() {
    for text in [
        // A name given before a colon or a comma, the sentence naming it.
        "Le projet du ministère porte un nom qui, dans les rangs, fait grincer des dents : \
         « Territoires apprenants ».",
        "La ministre mise sur un dispositif au nom sans détour : « Une chambre pour réussir ».",
        "Le titre de l'essai publié par l'ancien ministre en 2021 lui revient comme un \
         boomerang : « Servir sans se servir ».",
        "Son plan sur cinq ans porte un nom qui ne cache rien de ses ambitions, « Cap sur \
         l'élite », et prévoit des millions d'investissements.",
        // Nicknames.
        "Franck Delmas, « le Sorcier » pour les supporters depuis la montée, n'a rien dit.",
        "« Monsieur Non » pour ses détracteurs socialistes, l'élu de Figeac assume ses votes.",
        "« Le Patriarche », comme le surnommaient certains agents, a reconnu des erreurs.",
        "Sur les réseaux, un nom circule : Gérard Vidal, « le roi des placards », qui loue des \
         chambres sous les combles.",
    ] {
        let names: Vec<(&str, Label, Option<&str>)> = ["Franck Delmas", "Gérard Vidal"]
            .into_iter()
            .filter(|n| text.contains(n))
            .map(|n| (n, Label::PER, None))
            .collect();
        assert!(run(text, &names).annotations.is_empty(), "{text}");
    }
    // Speech stays speech: words after a verb of saying and a name, words after `son nom`
    // or `au nom de`.
    for text in [
        "Un pêcheur, qui préfère taire son nom, est plus amer : « À Bruxelles, ils comptent \
         les poissons, pas les familles ».",
        "Au nom des salariés, la déléguée a prévenu : « Nous ne lâcherons rien, pas un \
         poste ».",
    ] {
        assert_eq!(run(text, &[]).annotations.len(), 1, "{text}");
    }
}

#[test]
fn a_title_named_right_after_is_not_speech() {
    for text in [
        "La réunion a tourné court.\n\n« Urgences rurales, l'équation impossible » : le \
         rapport remis en juin au département avait pourtant prévenu.",
        "Les parents sont inquiets. « Le Département en première ligne », le rapport commandé \
         en 2023, rappelait la pauvreté des familles.",
        "Le docteur Alain Peyrot, « le toubib des lissiers », est parti à la retraite.",
    ] {
        let names: Vec<(&str, Label, Option<&str>)> = ["Alain Peyrot"]
            .into_iter()
            .filter(|n| text.contains(n))
            .map(|n| (n, Label::PER, None))
            .collect();
        assert!(run(text, &names).annotations.is_empty(), "{text}");
    }
    // A sentence quoted from a report is speech of the report.
    let text = "Le constat est dur. « Les urgences sont saturées » : le rapport de la Cour ne \
                mâche pas ses mots.";
    assert_eq!(run(text, &[]).annotations.len(), 1);
}

#[test]
fn sources_of_new_text_found_by_their_wording() {
    let cases: [Case<'_>; 9] = [
        // An age noun for someone given no age: the person the article is about.
        (
            "Le procès de Gérard Paoletti s'est ouvert lundi. Gérard Paoletti a écouté les \
             charges. Le procureur Marc Ribière a requis deux ans. L'ordonnance décrit un \
             système. « Je n'ai jamais pris un centime pour moi », a martelé le septuagénaire.",
            &[
                ("Gérard Paoletti", Label::PER),
                ("Marc Ribière", Label::PER),
            ],
            "Gérard Paoletti",
        ),
        // A writing's issuer after a date and `par`.
        (
            "La trêve reste fragile. « Plus de 24 millions de personnes ont faim », rappelle le \
             communiqué publié mercredi par le Programme alimentaire mondial.",
            &[("Programme alimentaire mondial", Label::ORG)],
            "Programme alimentaire mondial",
        ),
        // Not the medium that read it.
        (
            "La start-up lève des fonds. « Le chiffre d'affaires a triplé en un an », indique une \
             note interne consultée par Le Parisien.",
            &[("Le Parisien", Label::ORG)],
            "?une note",
        ),
        // `Dans l'entourage de X, on …`: the entourage, not X.
        (
            "Le ministre Rémi Castagné a démissionné. Dans l'entourage de Rémi Castagné, on le \
             décrit « sonné, mais décidé à laver son honneur ».",
            &[("Rémi Castagné", Label::PER)],
            "?l'entourage de Rémi Castagné",
        ),
        // A group after a short opening phrase, before a colon.
        (
            "Le manager Paul Roux est parti. Parmi eux, plusieurs abonnés ne décoléraient pas : \
             « On ne leur demande pas de gagner, on leur demande de se battre ».",
            &[("Paul Roux", Label::PER)],
            "?plusieurs abonnés",
        ),
        // `font-ils valoir`: a group.
        (
            "Le président Paul Roux est satisfait. Les élus communistes, qui ont voté le texte, \
             s'en tiennent à l'essentiel. « Nous avons arraché la gratuité des cars scolaires », \
             font-ils valoir.",
            &[("Paul Roux", Label::PER)],
            "?Les élus communistes",
        ),
        // A body set against the people before, with its complement.
        (
            "Le jury a primé Maëlle Doucin. La direction du festival, elle, fait bloc. « Ce lien \
             avait été déclaré et ne fausse rien », affirme-t-elle.",
            &[("Maëlle Doucin", Label::PER)],
            "?La direction du festival",
        ),
        // A grumble.
        (
            "Jeanne Roux vote pour la première fois. Un électeur venu de Douai ne partage pas \
             l'émotion. « Ici, on vote avec le cœur, là-bas ils vivent avec les factures », \
             grommelle-t-il.",
            &[("Jeanne Roux", Label::PER), ("Douai", Label::LOC)],
            "?Un électeur venu de Douai",
        ),
        (
            "Paul Roux s'est installé à Lille. Plus loin, un couple d'étudiants votait pour la \
             première fois. « Cette fois, c'est à vingt minutes de l'appartement », se \
             réjouissent-ils.",
            &[("Paul Roux", Label::PER), ("Lille", Label::LOC)],
            "?un couple d'étudiants",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn roles_places_and_titles_of_a_daily_s_other_sections() {
    // The stop of `M.` ends no sentence: the man named after it is inside the source's
    // own sentence.
    let text = "Bastien Lemercier a perdu. Un ancien ministre, resté fidèle à M. Lemercier, \
                applaudit poliment. « Elle a gagné le congrès », souffle-t-il.";
    let out = run_nth(
        text,
        &[
            ("Bastien Lemercier", 0, Label::PER),
            ("Lemercier", 1, Label::PER),
        ],
    );
    assert_eq!(speakers(&out), ["?Un ancien ministre"]);
    let cases: [Case<'_>; 3] = [
        // A role further back in the same apposition, after `et`.
        (
            "À l'origine de la mobilisation, Aurélie Gosselin, 38 ans, mère de deux collégiens \
             et porte-parole du collectif, né il y a trois semaines. « Sans le car, mon fils \
             devra marcher », lance-t-elle. « On ne demande pas un service de luxe », insiste la \
             porte-parole du collectif.",
            &[("Aurélie Gosselin", Label::PER)],
            "Aurélie Gosselin",
        ),
        // The management of a place no organisation named is of: unnamed.
        (
            "La compagnie Alizéa a ouvert une enquête. La piste a été fermée deux heures. « Le \
             trafic a repris normalement en fin de matinée », a fait savoir la direction de \
             l'aéroport.",
            &[("Alizéa", Label::ORG)],
            "?la direction de l'aéroport",
        ),
        // The same role of another nation.
        (
            "Le sélectionneur, Pierre Vidal, a salué ses joueurs. « Nous avons joué quarante \
             minutes », a concédé le sélectionneur gallois.",
            &[("Pierre Vidal", Label::PER)],
            "?le sélectionneur gallois",
        ),
    ];
    assert_last_speakers(&cases);
    for text in [
        // A title, then its noun in apposition.
        "Hélène Vasseur reçoit le prix pour « La Saison des digues », son troisième roman.",
        // A law by its wording.
        "L'Assemblée examine la proposition de loi « relative au droit à l'aide à mourir ».",
        // A motion and a collective by their names.
        "« Nous parlerons de salaires », a lancé la présidente, dont la motion, « Reconstruire \
         la maison commune », était arrivée en tête.",
        "Aurélie Gosselin est porte-parole du collectif « Pas sans notre car », né sur les \
         réseaux.",
    ] {
        let out = run(
            text,
            &[("Hélène Vasseur", Label::PER, None)]
                .into_iter()
                .filter(|(n, _, _)| text.contains(n))
                .collect::<Vec<_>>(),
        );
        assert!(
            out.annotations
                .iter()
                .all(|a| !a.text(text).contains("Saison")
                    && !a.text(text).contains("relative")
                    && !a.text(text).contains("Reconstruire")
                    && !a.text(text).contains("Pas sans")),
            "{text}"
        );
    }
}

#[test]
fn sources_of_court_reports_interviews_and_business_pages() {
    let cases: [Case<'_>; 4] = [
        // A day opening the sentence, then an office.
        (
            "Julien Morand est jugé pour violences. Mercredi, l'avocat général a requis huit \
             ans, en dénonçant une « violence routière devenue ordinaire ».",
            &[("Julien Morand", Label::PER)],
            "?l'avocat général",
        ),
        // A writing: `un audit`.
        (
            "Le mal était identifié. Un audit externe mené en 2021 alertait déjà sur « un \
             sous-effectif chronique » du service.",
            &[],
            "?Un audit",
        ),
        // `le superviseur`: the organisation named before.
        (
            "L'Autorité de contrôle prudentiel a condamné la banque Ravel. Dans sa décision, le \
             superviseur relève des « carences graves et persistantes ».",
            &[
                ("Autorité de contrôle prudentiel", Label::ORG),
                ("Ravel", Label::ORG),
            ],
            "Autorité de contrôle prudentiel",
        ),
        // `la représentante de l'État`: the prefect named before.
        (
            "La préfète de police, Corinne Sabatier, a annoncé des renforts. Le maire Éric \
             Castellan doute. La représentante de l'État a aussi promis « un harcèlement \
             quotidien des points de vente ».",
            &[
                ("Corinne Sabatier", Label::PER),
                ("Éric Castellan", Label::PER),
            ],
            "Corinne Sabatier",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn unnamed_subjects_before_a_colon_and_demonstratives() {
    let cases: [Case<'_>; 5] = [
        // A verb of saying, its subject, then the colon.
        (
            "Le groupe est en redressement. Trop tard, juge une source proche du dossier : « La \
             trésorerie ne permettait plus de tenir au-delà de mars ».",
            &[],
            "?une source proche du dossier",
        ),
        // Someone's entourage, up to its verb.
        (
            "Kevin Barbosa est sorti blessé. Son entourage se voulait rassurant : « Une grosse \
             entorse, rien de cassé ».",
            &[("Kevin Barbosa", Label::PER)],
            "?Son entourage",
        ),
        // A noun after its article that looks like a verb: `Un critique`.
        (
            "Inès Belkacem a ouvert son restaurant. Un critique gastronomique lillois parle \
             d'une « cuisine de mémoire, sans nostalgie ».",
            &[("Inès Belkacem", Label::PER)],
            "?Un critique gastronomique lillois",
        ),
        (
            "Inès Belkacem dirige la brigade. Un commis de vingt ans, qui l'a suivie depuis \
             Bondues, décrit une patronne calme : « Elle dit ce qu'elle veut une fois, et tout \
             le monde se tait ».",
            &[("Inès Belkacem", Label::PER), ("Bondues", Label::LOC)],
            "?Un commis de vingt ans",
        ),
        // `celle-ci`: the woman named before.
        (
            "La France insoumise présentera sa liste, conduite par la députée Laurence Orsini. « \
             Nous ne servirons pas de force d'appoint », a prévenu celle-ci jeudi.",
            &[
                ("La France insoumise", Label::ORG),
                ("Laurence Orsini", Label::PER),
            ],
            "Laurence Orsini",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn writings_titles_and_incises_of_a_daily_s_pages() {
    // `fait-on valoir chez X`: the organisation where it is said.
    let text = "L'actionnaire, le fonds Arvelis, n'entend pas remettre au pot. « Nous avons \
                déjà injecté 40 millions d'euros », fait-on valoir chez Arvelis.";
    let out = run_nth(
        text,
        &[("Arvelis", 0, Label::ORG), ("Arvelis", 1, Label::ORG)],
    );
    assert_eq!(speakers(&out), ["Arvelis"]);
    let cases: [Case<'_>; 3] = [
        // `lisait-on déjà dans`: an adverb between.
        (
            "La situation n'a rien de nouveau. « Les conditions d'accueil ne permettent plus de \
             garantir la dignité des personnes », lisait-on déjà dans un rapport interne.",
            &[],
            "?un rapport",
        ),
        // A verb of saying and its pronoun, then the colon.
        (
            "Sandrine Perrin dirige la station. Les onze saisonniers seront reclassés, \
             promet-elle : « Personne ne restera sur le bord de la route ».",
            &[("Sandrine Perrin", Label::PER)],
            "Sandrine Perrin",
        ),
        // `a attaqué`.
        (
            "Au premier rang, les membres de l'association écoutaient. « On nous parle de \
             transition, mais on coule du béton dans des prairies », a attaqué d'emblée leur \
             présidente, Françoise Vayssettes.",
            &[("Françoise Vayssettes", Label::PER)],
            "Françoise Vayssettes",
        ),
    ];
    assert_last_speakers(&cases);
    // `la mère de famille`: one noun, no complement; the woman named before.
    let text = "À la barre, Sandrine Maurel tient son sac à deux mains. « On a vendu la voiture \
                pour payer », raconte la mère de famille, la voix cassée.";
    assert_eq!(
        speakers(&run(text, &[("Sandrine Maurel", Label::PER, None)])),
        ["Sandrine Maurel"]
    );
    for text in [
        "Le texte, présenté par l'exécutif sous le nom de « loi de modernisation du travail », \
         est contesté.",
        "Agathe Ronsard cosigne « Chaleurs extrêmes, le scénario du pire », une étude publiée \
         mercredi.",
        "A chacune, il remettait une brochure maison, « Prendre soin de soi après 40 ans ».",
        "Sur son casque, il a peint son indicatif, « Lys ».",
    ] {
        assert!(run(text, &[]).annotations.is_empty(), "{text}");
    }
}

#[test]
fn pronouns_after_an_opening_phrase_unions_and_parties() {
    let cases: [Case<'_>; 4] = [
        // A pronoun right after an opening phrase takes up the unnamed source before.
        (
            "La capitaine Julie Marchand forme les recrues. Un instructeur français corrige la \
             position d'un tireur. Sous couvert d'anonymat, il ne cache pas ses doutes : « On \
             leur enseigne la manœuvre, mais là-bas c'est une guerre de drones ».",
            &[("Julie Marchand", Label::PER)],
            "?Un instructeur français",
        ),
        // `la centrale syndicale`: the union named before.
        (
            "« Nous ne céderons pas », a lancé Rubén Aguirre, secrétaire général de la \
             Confédération générale du travail. Dans un communiqué, la centrale syndicale \
             dénonce un « ajustement brutal que paient seuls les retraités ».",
            &[
                ("Rubén Aguirre", Label::PER),
                ("Confédération générale du travail", Label::ORG),
            ],
            "Confédération générale du travail",
        ),
        // Someone's people: a group unnamed.
        (
            "Agathe Ronsard cosigne une étude. Ses collègues saluent chez elle « une obstinée \
             des données, incapable d'arrondir un chiffre ».",
            &[("Agathe Ronsard", Label::PER)],
            "?Ses collègues",
        ),
        // A role and a party's acronym: the person who opens the sentence before.
        (
            "En face, Hélène Corbière a choisi de parler propreté. La sénatrice LR, soutenue par \
             Renaissance, a présenté un programme et dénoncé une « ville laissée à l'abandon ».",
            &[
                ("Hélène Corbière", Label::PER),
                ("LR", Label::ORG),
                ("Renaissance", Label::ORG),
            ],
            "Hélène Corbière",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_pronoun_that_opens_the_text_before_a_colon() {
    // The pronoun is the first token: nothing before it to read.
    for text in [
        "Il a dit : « Nous partons demain matin, avant le jour ».",
        "Elle dit : « Nous partons demain matin, avant le jour ».",
    ] {
        assert_eq!(run(text, &[]).annotations.len(), 1, "{text}");
    }
}

#[test]
fn a_role_opening_the_sentence_before_when_no_one_of_its_gender_is_named() {
    let cases: [Case<'_>; 2] = [
        // No woman named: `elle` takes up the court's president, unnamed.
        (
            "Farid Benali est jugé pour violences. La présidente n'a pas laissé passer sa \
             version. « Sur ces images, c'est vous qui revenez vers lui », a-t-elle relevé.",
            &[("Farid Benali", Label::PER)],
            "?La présidente",
        ),
        // A woman named before: the epithet may be hers.
        (
            "Dana Whitlock a clos le festival. La chanteuse a salué la foule. « Merci, \
             Rochefort », a-t-elle lancé.",
            &[("Dana Whitlock", Label::PER)],
            "Dana Whitlock",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_verb_of_saying_set_inside_the_marks_of_one_quote() {
    let cases: [Case<'_>; 4] = [
        (
            "Le chantier a pris du retard. « Nous avons tout vérifié, assure Paul Ferrand, \
             chef de projet. Les délais seront tenus. »",
            &[("Paul Ferrand", Label::PER)],
            "Paul Ferrand",
        ),
        (
            "L'ingénieure Anne Castel suit les essais. « Le moteur, explique-t-elle, a \
             tenu trois heures sans faiblir. »",
            &[("Anne Castel", Label::PER)],
            "Anne Castel",
        ),
        // A comma inside the words, no verb of saying after it: no speaker found there.
        (
            "Le conseil s'est réuni hier soir. « Nous partirons, nous reviendrons, et la \
             ville comprendra. »",
            &[],
            "",
        ),
        // The words before the marks still decide first.
        (
            "Marc Tellier, le maire, hausse le ton : « Ce projet, dit-on ici, ne passera \
             pas l'hiver. »",
            &[("Marc Tellier", Label::PER)],
            "Marc Tellier",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn an_unnamed_source_goes_on_past_its_own_words() {
    // `le maire` after the first quote is the source itself, not someone new.
    let cases: [Case<'_>; 1] = [(
        "Brigitte Roux, directrice régionale, défend le plan. « On ferme le guichet », \
         regrette le maire de Salers, qui dit l'avoir appris par la presse. Il assure \
         qu'il « ne laissera pas faire ».",
        &[("Brigitte Roux", Label::PER)],
        "?le maire de Salers",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn a_body_of_no_name_after_a_phrase_of_place_takes_up_a_pronoun_of_its_gender() {
    let cases: [Case<'_>; 2] = [
        (
            "Le PDG, Yann Morvan, a parlé lundi. A Brest, la préfecture maritime de \
             l'Atlantique a ordonné une surveillance. « Aucun danger à ce stade », \
             indique-t-elle.",
            &[("Yann Morvan", Label::PER), ("Atlantique", Label::LOC)],
            "?la préfecture maritime de l'Atlantique",
        ),
        // A body by its name is that body, not an unnamed one.
        (
            "Le PDG, Yann Morvan, a parlé lundi. La Commission européenne défend sa copie. \
             « Ces quotas sont justes », fait-elle valoir.",
            &[
                ("Yann Morvan", Label::PER),
                ("Commission européenne", Label::ORG),
            ],
            "Commission européenne",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_short_quote_later_in_the_sentence_of_an_unnamed_source() {
    let cases: [Case<'_>; 1] = [(
        "Le navire a perdu sa cargaison. « Rien de toxique à bord », indique la \
         préfecture, tout en mettant dès lundi l'armateur en demeure de « tout récupérer ».",
        &[],
        "?la préfecture",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn an_interview_answer_right_after_its_question_in_one_paragraph() {
    // The interviewee is the one person named in the paragraph before the questions,
    // though another is named more often.
    let cases: [Case<'_>; 1] = [(
        "Lucie Brandt, adjointe, défend le budget. Lucie Brandt le redit. La salle rouvrira \
         en juin.\n\nLe chef d'orchestre, Ivan Sorel, a répondu à nos questions.\n\n\
         Craignez-vous pour la saison ? « Je crains surtout pour le public, qui a perdu \
         l'habitude de venir. »\n\nLe retard a-t-il abîmé l'orchestre ? « Il l'a soudé, \
         paradoxalement. »",
        &[("Lucie Brandt", Label::PER), ("Ivan Sorel", Label::PER)],
        "Ivan Sorel",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn descriptions_by_a_hyphenated_noun_or_an_english_plural() {
    let cases: [Case<'_>; 2] = [
        (
            "L'équipe cherche un sponsor. Un néo-professionnel se demande « qui voudra \
             encore de nous en octobre ».",
            &[],
            "?Un néo-professionnel",
        ),
        (
            "La fédération vote dimanche. Plusieurs coaches de pôles se demandent « qui \
             signera les conventions de septembre ».",
            &[],
            "?Plusieurs coaches de pôles",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn one_of_a_group_and_a_long_description_before_qui() {
    let cases: [Case<'_>; 2] = [
        (
            "Sabine Orlhac dirige la société. Un de ses cadres glisse toutefois que « les \
             clients ont une mémoire ».",
            &[("Sabine Orlhac", Label::PER)],
            "?Un de ses cadres",
        ),
        (
            "Les fouilles ont commencé. « C'est une ferme entière », résume un conservateur \
             du service régional de l'archéologie venu tout exprès de Marseille, qui \
             évoque un site « de premier ordre ».",
            &[("Marseille", Label::LOC)],
            "?un conservateur du service régional de l'archéologie venu tout exprès de Marseille",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_quote_told_by_the_sentence_after_it() {
    let cases: [Case<'_>; 6] = [
        // A verb of saying after the subject, past an opening phrase.
        (
            "Le marché couvert ferme en mars.\n\n« On vendait encore deux cents poulets le \
             samedi. » Installé depuis vingt ans sous la halle, un boucher résume ainsi la \
             chute.",
            &[],
            "?un boucher",
        ),
        // A quote that opens its paragraph: whoever the next sentence is about.
        (
            "La digue a cédé dans la nuit.\n\n« J'ai vu l'eau monter jusqu'au compteur. » \
             Retraitée et conseillère de quartier, Odile Ferracci tient la liste des \
             caves inondées.",
            &[("Odile Ferracci", Label::PER)],
            "Odile Ferracci",
        ),
        // The quote closed by its own full stop after the marks.
        (
            "Le club descend.\n\n« On a manqué de tout ». Dès la fin du match, Yanis \
             Berrada, le capitaine, a quitté le terrain sans un regard.",
            &[("Yanis Berrada", Label::PER)],
            "Yanis Berrada",
        ),
        // A description of someone described before by an indefinite.
        (
            "Un ancien chef de rayon de l'enseigne raconte les cadences. Le groupe, lui, \
             ne répond pas.\n\n« On comptait les secondes entre deux clients. » L'ancien \
             chef de rayon a démissionné en 2022.",
            &[],
            "?Un ancien chef de rayon de l'enseigne",
        ),
        // A pronoun that takes up the person named before.
        (
            "Marion Quéré a fermé sa librairie en juin.\n\n« Le loyer a doublé en trois \
             ans. » Elle raconte le dernier inventaire, carton après carton.",
            &[("Marion Quéré", Label::PER)],
            "Marion Quéré",
        ),
        // A sentence set against the quote's speaker is not who said it: the quote
        // stays without a speaker.
        (
            "Le chantier a deux ans de retard.\n\n« Nous avons été patients. » Le maire, \
             lui, parle d'un calendrier tenu.\n\nLa suite au conseil.",
            &[],
            "",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_quote_after_a_sentence_with_an_opening_phrase() {
    let cases: [Case<'_>; 3] = [
        // The subject after a phrase of place or manner, then a quote of its own.
        (
            "Le procès s'est ouvert lundi. Venu de Nîmes, le fils d'une victime a quitté la \
             salle en larmes. « Mon père n'ose plus ouvrir sa porte. »",
            &[("Nîmes", Label::LOC)],
            "?le fils d'une victime",
        ),
        // After a day and a place: `glisse-t-elle` takes up the woman described.
        (
            "Ségolène Arnaud, élue, défend la halle. Samedi matin, sur le marché de Sète, une \
             poissonnière rangeait ses caisses. « Le poisson part, il ne revient pas », \
             glisse-t-elle.",
            &[("Ségolène Arnaud", Label::PER), ("Sète", Label::LOC)],
            "?une poissonnière",
        ),
        // `Invitée de X,`: the station is no speaker.
        (
            "La ministre Hélène Vasseur est sous pression. Invitée de Radio Bleu, elle a \
             écarté toute démission : « Je reste à mon poste ».",
            &[("Hélène Vasseur", Label::PER), ("Radio Bleu", Label::ORG)],
            "Hélène Vasseur",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn et_d_ajouter_goes_on_from_the_quote_before() {
    let cases: [Case<'_>; 1] = [(
        "Rémi Castan, Jeanne Doré. « On n'avait jamais manifesté », confie une mère \
         d'élève, qui a dormi sur place. Et d'ajouter, la voix lasse : « Mais on ne \
         lâchera pas ».",
        &[("Rémi Castan", Label::PER), ("Jeanne Doré", Label::PER)],
        "?une mère d'élève",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn the_labour_inspectorate_as_a_body() {
    let cases: [Case<'_>; 1] = [(
        "Karim Slimani pose des tuiles. « Elles brûlent », dit-il.\n\nL'inspection du \
         travail de l'Hérault, elle, annonce des contrôles. « Nous passerons sur les \
         chantiers dès six heures », prévient-elle.",
        &[("Karim Slimani", Label::PER), ("Hérault", Label::LOC)],
        "?L'inspection du travail de l'Hérault",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn unnamed_sources_in_more_shapes() {
    let cases: [Case<'_>; 8] = [
        // Two phrases before the subject.
        (
            "Le fleuve monte. À Maripasoula, plus bas sur le Maroni, un piroguier demande \
             « qui paiera les moteurs noyés ».",
            &[("Maripasoula", Label::LOC), ("Maroni", Label::LOC)],
            "?un piroguier",
        ),
        // A public body after an opening phrase, taken up by a pronoun.
        (
            "Marc Hellec attend. « Elle tiendra », dit-il.\n\nSur l'origine du feu, le \
             parquet de Brest reste prudent. « Aucune piste n'est écartée », a-t-il fait \
             savoir.",
            &[("Marc Hellec", Label::PER), ("Brest", Label::LOC)],
            "?le parquet de Brest",
        ),
        // `veut-il croire`.
        (
            "Luc Arnal, le fils de la victime, attend devant l'hôpital. « Elle s'en \
             sortira », veut-il croire.",
            &[("Luc Arnal", Label::PER)],
            "Luc Arnal",
        ),
        // A crisis cell, after `selon` and after the quote.
        (
            "Le village est évacué. Selon la cellule de crise cantonale, « un second \
             éboulement reste probable ».",
            &[],
            "?la cellule de crise cantonale",
        ),
        // One of a group, unnamed; and named in apposition.
        (
            "La promotion compte douze élèves. « On m'a proposé trois postes », sourit \
             l'une des deux filles de la promotion.",
            &[],
            "?l'une des deux filles de la promotion",
        ),
        (
            "La colère monte. « Ils l'ont arrêté pour rien », a lancé l'un de ses \
             cousins, Kevin Odhiambo, devant le commissariat.",
            &[("Kevin Odhiambo", Label::PER)],
            "Kevin Odhiambo",
        ),
        // Some of a group, cut at the verb in the plural.
        (
            "Un interne s'y fait. Plusieurs de ses collègues mettent en garde contre une \
             médecine « en pilote automatique ».",
            &[],
            "?Plusieurs de ses collègues",
        ),
        // Tenants: a noun of people.
        (
            "Le hall sent encore la fumée. Plusieurs locataires se demandent « pourquoi \
             l'alarme n'a jamais sonné ».",
            &[],
            "?Plusieurs locataires",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_pronoun_in_an_incise_takes_up_the_unnamed_source_before() {
    let cases: [Case<'_>; 1] = [(
        "« Les flammes sortaient déjà par la fenêtre », indique un officier des \
         sapeurs-pompiers. Le feu a été maîtrisé vers 4 heures. « Le plus délicat, \
         poursuit-il en désignant la façade, c'était la fumée dans les étages »",
        &[],
        "?un officier des sapeurs-pompiers",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn a_description_ends_before_its_verb_and_object() {
    let cases: [Case<'_>; 3] = [
        (
            "Le calme revient. Un diplomate africain en poste dans la capitale livre une \
             lecture sombre : « Rien n'est réglé ».",
            &[],
            "?Un diplomate africain en poste dans la capitale",
        ),
        (
            "Le maire quitte le parti. Un cadre du parti y voit surtout un « départ de \
             confort ».",
            &[],
            "?Un cadre du parti",
        ),
        (
            "Le cabinet ferme. Une patiente de 89 ans lui tend le bras. « Je ne trouverai \
             personne d'autre. »",
            &[],
            "?Une patiente de 89 ans",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn whom_the_words_after_a_quote_say_they_came_from() {
    let cases: [Case<'_>; 3] = [
        (
            "Le marché est attribué.\n\n« Ils ont répondu à toutes nos questions. » C'est en \
             ces termes qu'un membre de la commission résume le choix.",
            &[],
            "?un membre de la commission",
        ),
        (
            "Le maire sourit.\n\n« Elle est passée trois fois à la boutique. » La confidence \
             vient d'une fleuriste du marché, qui n'a jamais voté.",
            &[],
            "?une fleuriste du marché",
        ),
        (
            "Le débat s'ouvre.\n\n« Fermer une rue n'est pas une politique. » La charge est \
             venue de Paul Verdier, président du groupe, dès l'ouverture.",
            &[("Paul Verdier", Label::PER)],
            "Paul Verdier",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_banner_a_few_words_before_its_slogan() {
    let cases: [Case<'_>; 1] = [(
        "Josiane Ferrand a fait ses calculs : « Un camion toutes les quatre minutes, c'est \
         trop. » Sur les grilles, une banderole résume l'humeur générale : « Notre eau vaut \
         plus que leurs cailloux ».",
        &[("Josiane Ferrand", Label::PER)],
        "",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn groups_counted_or_described_by_their_members() {
    let cases: [Case<'_>; 6] = [
        (
            "Le télésiège reste fermé. « On va finir l'hiver ailleurs, il n'y a plus rien \
             ici », expliquent deux saisonniers croisés devant la caisse.",
            &[],
            "?deux saisonniers croisés",
        ),
        (
            "Le marché a déménagé. Trois forains dénoncent un « mépris total » de la part \
             des élus.",
            &[],
            "?Trois forains",
        ),
        (
            "Le couloir reste ouvert. Certains habitants demandent déjà « combien de \
             blessés il faudra » avant une fermeture.",
            &[],
            "?Certains habitants",
        ),
        (
            "Maud Lestrade a vu sa prime doubler. « Le rattrapage des tarifs va continuer \
             l'an prochain », prévient la fédération des assureurs.",
            &[("Maud Lestrade", Label::PER)],
            "?la fédération des assureurs",
        ),
        (
            "Vingt postes seraient supprimés, selon les syndicats, qui dénoncent « une \
             saignée sans précédent ».",
            &[],
            "?les syndicats",
        ),
        (
            "La participation a été faible. Le gouvernement, lui, se félicite d'un scrutin \
             « libre et apaisé », malgré l'appel au boycott de l'Union des forces \
             républicaines.",
            &[("Union des forces républicaines", Label::ORG)],
            "?Le gouvernement",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn unnamed_sources_taken_up_again() {
    let cases: [Case<'_>; 4] = [
        (
            "« J'ai perdu un client sur trois en un mois », calcule un poissonnier, installé \
             là depuis vingt ans. Il hausse les épaules. « Les gens ne nous trouvent plus. »",
            &[],
            "?un poissonnier",
        ),
        (
            "Marc Rivière dirige la ligne. Dans le hall de la gare, un agent distribue des \
             plans. « Les cars partent de l'autre côté du parvis », conseille-t-il aux \
             voyageurs.",
            &[("Marc Rivière", Label::PER)],
            "?un agent",
        ),
        (
            "« On a évité le pire », se réjouit Hugues Lamarre. Un eurodéputé écologiste \
             voit les choses tout autrement : « On a vidé le texte de tout ce qui \
             comptait ».",
            &[("Hugues Lamarre", Label::PER)],
            "?Un eurodéputé écologiste",
        ),
        (
            "Un pêcheur, dont le chalutier « Men Glas » restera à quai en janvier, résume \
             l'ambiance du port : « On sauve l'hiver, pas l'année. »",
            &[],
            "?Un pêcheur",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn named_speakers_by_role_gender_and_late_verbs() {
    let cases: [Case<'_>; 4] = [
        (
            "Luc Morvan, 31 ans, a longtemps fixé le sol. « Je pense à elle tous les \
             jours », a-t-il fini par lâcher.",
            &[("Luc Morvan", Label::PER)],
            "Luc Morvan",
        ),
        (
            "La convention a été signée par l'adjoint à la culture, Yann Le Bihan, et \
             l'ambassadrice du Togo, Ama Kossi. « Ces pièces n'auraient jamais dû rester \
             ici », a reconnu l'élu.",
            &[("Yann Le Bihan", Label::PER), ("Ama Kossi", Label::PER)],
            "Yann Le Bihan",
        ),
        (
            "« Nous ne fermons pas notre marché », a déclaré le commissaire au commerce, le \
             Slovène Marko Novak.",
            &[("Marko Novak", Label::PER)],
            "Marko Novak",
        ),
        (
            "Inès Garnier est morte deux jours après le choc.\n\nLa présidente du tribunal a \
             repris la matinée : une tournée calculée par le logiciel « Routix », et du retard. Elle a \
             demandé au prévenu s'il avait « lu le message au volant ».",
            &[("Inès Garnier", Label::PER)],
            "?La présidente du tribunal",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn descriptions_end_after_the_place() {
    let cases: [Case<'_>; 3] = [
        (
            "Le vote a été contesté. Un diplomate européen en poste à La Paz voit dans ce \
             scrutin un tournant. « Le pays a changé de visage en une nuit », dit-il.",
            &[],
            "?Un diplomate européen en poste à La Paz",
        ),
        (
            "Les indemnités ne suivent pas.\n\n« Chaque fin de mois, je paie pour aller \
             travailler. » Une aide à domicile de Guéret enchaîne sept visites par jour.",
            &[],
            "?Une aide à domicile de Guéret",
        ),
        (
            "La banque refuse de rembourser Paul Besson. Un argument que conteste un juriste \
             d'une association de consommateurs. « Quand le numéro de l'agence s'affiche, \
             chacun fait confiance », plaide-t-il.",
            &[("Paul Besson", Label::PER)],
            "?un juriste d'une association de consommateurs",
        ),
    ];
    assert_last_speakers(&cases);
}

#[test]
fn a_name_inside_a_term_is_no_one_named_since() {
    let cases: [Case<'_>; 1] = [(
        "« Les tarifs montent partout », explique Armelle Quérec. Un conseiller d'une \
         association de consommateurs se demande s'il faut « tout accepter ». Depuis la loi \
         dite « Hamon », rappelle-t-il, un contrat se résilie à tout moment. « Beaucoup de \
         gens l'ignorent et restent par habitude », observe-t-il.",
        &[("Armelle Quérec", Label::PER), ("Hamon", Label::PER)],
        "?Un conseiller d'une association de consommateurs",
    )];
    assert_last_speakers(&cases);
}

#[test]
fn a_group_of_no_kind_of_person_gives_no_term_a_speaker() {
    // The claimants are no kind of person the rules know: the term stays no quote.
    let text = "Selon les requérants, le barème, qui donne à chaque dossier une « note de \
                risque », vise d'abord les plus pauvres.";
    assert!(run(text, &[]).annotations.is_empty());
    // A group of people by their kind, after the quote, does speak.
    let text = "« Le car, c'est le début de la fin pour la ligne », affirment les cheminots \
                du dépôt dans un tract.";
    assert_eq!(speakers(&run(text, &[])), ["?les cheminots du dépôt"]);
}
