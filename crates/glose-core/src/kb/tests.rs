use super::*;

fn load(files: &[(&str, &str, Layer)]) -> (KnowledgeBase, Vec<String>) {
    let sources: Vec<KbSource> = files
        .iter()
        .map(|(name, text, layer)| KbSource::new(*name, *text, *layer))
        .collect();
    let (kb, problems) = KnowledgeBase::load(&sources);
    (kb, problems.iter().map(ToString::to_string).collect())
}

fn user(text: &str) -> (KnowledgeBase, Vec<String>) {
    load(&[("kb.toml", text, Layer::User)])
}

/// The one problem of the user's KB file `text`, and the KB.
fn one_problem(text: &str) -> (KnowledgeBase, String) {
    let (kb, mut problems) = user(text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    (kb, problems.remove(0))
}

/// The matches of `text` found from its tokens, which must be those found in the text.
fn matched_from_tokens(kb: &KnowledgeBase, text: &str) -> Vec<NameMatch> {
    let doc = crate::Document::new("t.txt", text).unwrap();
    let from_tokens = kb
        .matcher()
        .find_in_tokens(text, doc.tokens(), doc.keys(), 0);
    assert_eq!(from_tokens, kb.find(text), "{text}");
    from_tokens
}

/// The matches of `text` as `(matched text, entity id)`.
fn found<'a>(kb: &KnowledgeBase, text: &'a str) -> Vec<(&'a str, String)> {
    kb.find(text)
        .into_iter()
        .map(|m| (&text[m.span.range()], kb.entities()[m.owner].id.to_string()))
        .collect()
}

/// A small KB of armed groups and places, with a comment and every kind of field.
const SAMPLE: &str = include_str!("testdata/sample.toml");

#[test]
fn loads_entities_with_their_position() {
    let (kb, problems) = user(SAMPLE);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(kb.len(), 6);
    let ei = kb.get("etat-islamique").unwrap();
    assert_eq!(ei.label, Label::ORG);
    assert_eq!(ei.name, "État islamique");
    assert_eq!(ei.aliases.len(), 4);
    assert_eq!(ei.kind.as_deref(), Some("armed-group"));
    assert_eq!(ei.ids["wikidata"], "Q2429253");
    assert_eq!(ei.origin.to_string(), "kb.toml:2:1");
    assert_eq!(&SAMPLE[ei.origin.span.range()], "[[entity]]");
    assert_eq!(kb.get("fds").unwrap().origin.line, 11);
}

#[test]
fn matches_leftmost_longest_whole_words() {
    let (kb, _) = user(SAMPLE);
    let text = "Les Forces démocratiques syriennes (FDS) ont repris à l’EI la région de \
                Deir ez-Zor, d’après des militants joints par l’Observatoire syrien des droits de l’Homme.";
    assert_eq!(
        found(&kb, text),
        [
            ("Forces démocratiques syriennes", "fds".to_string()),
            ("FDS", "fds".to_string()),
            ("EI", "etat-islamique".to_string()),
            ("Deir ez-Zor", "deir-ez-zor".to_string()),
            (
                "Observatoire syrien des droits de l’Homme",
                "osdh".to_string()
            ),
        ]
    );
    // Inside words: no match.
    assert_eq!(found(&kb, "REIMS, Damascène, Syriens, FDSx"), []);
}

#[test]
fn folding_and_case_rules() {
    let (kb, _) = user(SAMPLE);
    let ids =
        |text: &str| -> Vec<String> { found(&kb, text).into_iter().map(|(_, id)| id).collect() };
    // Accents, case after the first letter, hyphens, spaces and line breaks.
    assert_eq!(ids("ETAT ISLAMIQUE"), ["etat-islamique"]);
    assert_eq!(ids("Etat Islamique"), ["etat-islamique"]);
    assert_eq!(ids("Deir ez Zor"), ["deir-ez-zor"]);
    assert_eq!(ids("Deir\u{a0}Ezzor"), ["deir-ez-zor"]);
    assert_eq!(ids("Deir\nez-Zor"), ["deir-ez-zor"]);
    assert_eq!(ids("DAMAS"), ["damas"]);
    // A blank line separates.
    assert_eq!(ids("Deir\n\nez-Zor"), Vec::<String>::new());
    // A capital stays a capital; an acronym stays in capitals.
    assert_eq!(ids("du damas brodé"), Vec::<String>::new());
    assert_eq!(ids("etat islamique"), Vec::<String>::new());
    assert_eq!(ids("ei fds"), Vec::<String>::new());
    assert_eq!(ids("Ei"), Vec::<String>::new());
}

#[test]
fn matched_span_is_the_exact_original_text() {
    let (kb, _) = user(SAMPLE);
    let text = "À Deir  Ezzor et en Syrie\u{301}.";
    let spans: Vec<&str> = kb
        .find(text)
        .iter()
        .map(|m| &text[m.span.range()])
        .collect();
    assert_eq!(spans, ["Deir  Ezzor", "Syrie\u{301}"]);
}

#[test]
fn a_rejected_match_does_not_hide_a_valid_one() {
    let (kb, _) = user(
        r#"
[[entity]]
id = "a"
type = "ORG"
name = "Union Centrale"
[[entity]]
id = "b"
type = "LOC"
name = "Centrale"
"#,
    );
    // "union centrale" in lower case fails the capital rule; "Centrale" is still found.
    assert_eq!(
        found(&kb, "une union Centrale"),
        [("Centrale", "b".to_string())]
    );
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let (kb, problem) = one_problem("[[entity]]\nid = \"x\nname = \"X\"\n");
    assert!(kb.is_empty());
    assert!(problem.starts_with("kb.toml:2:8: error[kb]: "), "{problem}");
}

#[test]
fn bad_entities_are_skipped_with_a_located_error() {
    let text = r#"[[entity]]
id = "ok"
type = "LOC"
name = "Homs"

[[entity]]
id = "Bad Id"
type = "LOC"
name = "X"

[[entity]]
id = "no-type"
name = "Y"

[[entity]]
id = "lower-type"
type = "loc"
name = "Z"

[[entity]]
id = "empty"
type = "LOC"
name = "W"
aliases = [" - "]

[[entity]]
id = "ok"
type = "LOC"
name = "Hama"
"#;
    let (kb, problems) = user(text);
    assert_eq!(kb.len(), 1);
    assert_eq!(
        problems,
        [
            "kb.toml:7:6: error[kb]: invalid id \"Bad Id\": use lower-case ASCII letters, digits \
             and `-._:/`, starting with a letter or digit",
            "kb.toml:11:1: error[kb]: entity `no-type` has no `type`",
            "kb.toml:17:8: error[kb]: invalid type \"loc\": use upper-case ASCII letters, digits \
             and `_` (PER, ORG, LOC…)",
            "kb.toml:24:12: error[kb]: name \" - \" does not begin with a letter or a digit",
            "kb.toml:27:6: error[kb]: duplicate id `ok`, first defined at kb.toml:1:1; this one \
             is ignored",
        ]
    );
}

#[test]
fn unknown_keys_are_warnings_and_the_rest_loads() {
    let text = "[[entity]]\nid = \"karim-haddad\"\ntype = \"PER\"\nname = \"Karim Haddad\"\n\
                alias = [\"K. Haddad\"]\nkind = \"politician\"\n  wikidata = \"Q1\"\n\n\
                [[entity]]\nid = \"port-lumen\"\ntype = \"LOC\"\nname = \"Port-Lumen\"\n\n\
                [[entites]]\nid = \"lost\"\n";
    let (kb, problems) = KnowledgeBase::load(&[KbSource::new("kb.toml", text, Layer::User)]);
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "kb.toml:5:1: warning[kb]: unknown key `alias` in [[entity]] `karim-haddad`; \
             did you mean `aliases`?",
            "kb.toml:7:3: warning[kb]: unknown key `wikidata` in [[entity]] `karim-haddad`",
            "kb.toml:14:3: warning[kb]: unknown key `entites` at the top level; \
             did you mean `entity`?",
        ]
    );
    let alias = &problems[0];
    assert_eq!(alias.severity, Severity::Warning);
    assert_eq!(alias.code, "kb");
    let span = alias.place.unwrap().span.unwrap();
    assert_eq!(&text[span.range()], "alias");
    // The entity loads with its other keys, and so does the next one.
    let karim = kb.get("karim-haddad").unwrap();
    assert_eq!(karim.name, "Karim Haddad");
    assert!(karim.aliases.is_empty());
    assert_eq!(karim.kind.as_deref(), Some("politician"));
    assert!(karim.ids.is_empty());
    assert!(kb.get("port-lumen").is_some());
    assert!(kb.get("lost").is_none());
    assert_eq!(found(&kb, "Karim Haddad à Port-Lumen").len(), 2);
}

#[test]
fn unknown_key_columns_count_characters() {
    let text = "entity = [{ id = \"emile\", type = \"PER\", name = \"Émile Ézéchiel\", Aliases = [\"Émile\"] }]\n";
    let (kb, problem) = one_problem(text);
    // Column 66 in characters (the key is at byte 68, after three two-byte letters).
    assert_eq!(text.find("Aliases"), Some(68));
    assert_eq!(
        problem,
        "kb.toml:1:66: warning[kb]: unknown key `Aliases` in [[entity]] `emile`; \
         did you mean `aliases`?"
    );
    assert_eq!(kb.get("emile").unwrap().name, "Émile Ézéchiel");
}

#[test]
fn a_wrong_type_is_still_an_error_and_unknown_keys_are_still_reported() {
    let (kb, problems) =
        user("[[entity]]\nid = \"x\"\ntype = \"LOC\"\nname = \"X\"\naliases = \"Y\"\nnmae = 1\n");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("kb.toml:6:1: warning[kb]: unknown key `nmae`"),
        "{problems:?}"
    );
    assert!(problems[1].starts_with("kb.toml:5:"), "{problems:?}");
    assert!(problems[1].contains("error[kb]"), "{problems:?}");
    assert!(kb.is_empty());
}

#[test]
fn shared_alias_within_a_layer_is_a_warning_and_the_first_keeps_it() {
    let (kb, problems) = user(
        r#"[[entity]]
id = "tripoli-libye"
type = "LOC"
name = "Tripoli"

[[entity]]
id = "tripoli-liban"
type = "LOC"
name = "Tripoli"
"#,
    );
    assert_eq!(kb.len(), 2);
    assert_eq!(
        problems,
        [
            "kb.toml:6:1: warning[kb]: the name \"Tripoli\" of `tripoli-liban` is also a name of \
          `tripoli-libye` (kb.toml:1:1), which keeps it"
        ]
    );
    assert_eq!(
        found(&kb, "Tripoli"),
        [("Tripoli", "tripoli-libye".to_string())]
    );
}

#[test]
fn corpus_entities_override_the_default_kb() {
    let builtin = r#"[[entity]]
id = "homs"
type = "LOC"
name = "Homs"
[[entity]]
id = "sana"
type = "ORG"
name = "Sana"
"#;
    let corpus = r#"[[entity]]
id = "homs"
type = "LOC"
name = "Homs"
description = "Ville de l'ouest de la Syrie."
[[entity]]
id = "sana-yemen"
type = "LOC"
name = "Sana"
"#;
    let (kb, problems) = load(&[
        ("builtin:places.toml", builtin, Layer::Builtin),
        ("corpus/kb.toml", corpus, Layer::User),
    ]);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(kb.len(), 3);
    let homs = kb.get("homs").unwrap();
    assert_eq!(homs.layer, Layer::User);
    assert_eq!(homs.origin.file.as_ref(), "corpus/kb.toml");
    assert_eq!(found(&kb, "Sana"), [("Sana", "sana-yemen".to_string())]);
}

#[test]
fn two_spellings_of_one_entity_use_the_looser_case_rule() {
    let (kb, problems) =
        user("[[entity]]\nid = \"sana\"\ntype = \"ORG\"\nname = \"SANA\"\naliases = [\"Sana\"]\n");
    assert!(problems.is_empty());
    assert_eq!(found(&kb, "Sana").len(), 1);
    assert_eq!(found(&kb, "SANA").len(), 1);
    assert_eq!(found(&kb, "sana").len(), 0);
}

#[test]
fn reads_a_folder_in_name_order_and_reports_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    crate::testing::write_files(
        dir.path(),
        &[
            ("b.toml", "[[entity]]\nid=\"b\"\ntype=\"LOC\"\nname=\"B\"\n"),
            ("a.toml", "[[entity]]\nid=\"a\"\ntype=\"LOC\"\nname=\"A\"\n"),
            ("notes.txt", "not a KB file"),
        ],
    );
    std::fs::write(dir.path().join("c.toml"), b"\xff\xfe").unwrap();
    let (sources, problems) = KbSource::read_path(dir.path(), Layer::User);
    let names: Vec<String> = sources
        .iter()
        .map(|s| {
            Path::new(&*s.name)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["a.toml", "b.toml"]);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .to_string()
            .ends_with("c.toml: error[kb]: not UTF-8 (byte 0)")
    );

    let (_, problems) = KbSource::read_path(&dir.path().join("missing.toml"), Layer::User);
    assert!(
        problems[0]
            .to_string()
            .contains("missing.toml: error[kb]: cannot read")
    );
}

#[test]
fn matching_from_tokens_equals_matching_the_text() {
    let (kb, _) = user(SAMPLE);
    for text in [
        "Les Forces démocratiques syriennes (FDS) ont repris à l’EI la région de Deir ez-Zor.",
        "DAMAS, l'EI et l’Observatoire syrien des droits de l’Homme; Deir\u{a0}Ezzor, damas, Syrie\u{301}.",
        " date 2019-03 Etat Islamique, REIMS, FDSx, Syrie.",
        "Damas\u{200b}, Da\u{ad}mas, Syrie\u{301}\u{200d} et Raqqa\u{feff}; Raqqa\u{2bc}s, Sanaʼa.",
        "Deir - ez - Zor, Deir\n-\nez-Zor, Deir\n\nez-Zor, L’EI, l`EI, L\u{2019} EI, Etat  islamique.",
    ] {
        assert!(!matched_from_tokens(&kb, text).is_empty(), "{text}");
    }
}

#[test]
fn matching_from_tokens_equals_matching_the_text_at_odd_characters() {
    let (kb, problems) = user(
        r#"
[[entity]]
id = "sana"
type = "LOC"
name = "Sana"

[[entity]]
id = "raqqa"
type = "LOC"
name = "Raqqa"

[[entity]]
id = "al-bab"
type = "LOC"
name = "al-Bab"
"#,
    );
    assert!(problems.is_empty(), "{problems:?}");
    for (text, expected) in [
        // `ʼ` is a letter that folds to an apostrophe: the name ends inside the word.
        ("À Sanaʼa et à Raqqa.", 2),
        (
            "Raqqa\u{200b}, Raq\u{ad}qa, Raqqa\u{feff}; Raqqa\u{301}\u{200d}!",
            4,
        ),
        // A blank line, even around a hyphen, separates words.
        ("al-Bab, Al - Bab, al\u{2011}Bab, al\n-\nBab, al\n\nBab", 3),
    ] {
        let from_tokens = matched_from_tokens(&kb, text);
        assert_eq!(from_tokens.len(), expected, "{text}: {from_tokens:?}");
    }
}
