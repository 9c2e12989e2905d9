//! Training on a tiny corpus, determinism, and model files that cannot be used.

use std::borrow::Cow;
use std::path::Path;

use glose_core::{AnnotationStore, Document, Label, Span};
use glose_ner::train::{Example, Options, cuts, project, train};
use glose_ner::{DocFeatures, Featurizer, Lexicons, Model, ModelError};

/// Lexicon files of a few entries.
fn lexicons() -> (tempfile::TempDir, Lexicons) {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("words.txt", "# common words\nle\nla\nde\nà\nusine\nville\n");
    write("given-names.txt", "Claire\nKarim\n");
    write("surnames.txt", "Martin\n");
    write(
        "communes.tsv",
        "Brivois\t12000\nSaint-Ubald-sur-Lenne\t800\n",
    );
    write("areas.tsv", "region\tHaut-Pays\ndepartement\tLenne\n");
    let lex = Lexicons::read_dir(dir.path()).unwrap();
    (dir, lex)
}

/// A training document from text with `[[name|LABEL]]` markup.
fn example(featurizer: &Featurizer, marked: &str) -> Example {
    let (doc, spans) = parse(marked);
    let mut features = DocFeatures::default();
    featurizer.extract(&doc, &AnnotationStore::new(), &mut features);
    let p = project(&doc, &spans);
    assert_eq!(p.misaligned, 0, "{marked}");
    Example {
        features,
        cuts: cuts(&doc, &p.tags),
        gold: p.tags,
        weight: 1.0,
    }
}

fn parse(marked: &str) -> (Document, Vec<(Span, Label)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let close = rest[open..].find("]]").unwrap() + open;
        let (name, label) = rest[open + 2..close].split_once('|').unwrap();
        let start = text.len();
        text.push_str(name);
        spans.push((Span::new(start, text.len()), Label::new(label)));
        rest = &rest[close + 2..];
    }
    text.push_str(rest);
    (Document::new("t.txt", text).unwrap(), spans)
}

const TRAINING: &[&str] = &[
    "Le groupe [[Zorbitex|ORG]] a annoncé mardi la fermeture de son usine de [[Brivois|LOC]].",
    "Selon [[Claire Martin|PER]], directrice de [[Zorbitex|ORG]], la décision est prise.",
    "[[Karim Dufresne|PER]] a quitté [[Brivois|LOC]] pour rejoindre [[Quenarde|ORG]].",
    "La société [[Quenarde|ORG]] emploie des salariés à [[Saint-Ubald-sur-Lenne|LOC]].",
    "Le maire de [[Brivois|LOC]], [[Paul Vasseur|PER]], a reçu les syndicats de [[Zorbitex|ORG]].",
    "Les salariés de [[Quenarde|ORG]] manifestent devant la mairie de [[Brivois|LOC]].",
    "Dans la région [[Haut-Pays|LOC]], l'entreprise [[Zorbitex|ORG]] reste le premier employeur.",
    "[[Claire Martin|PER]] a rencontré [[Karim Dufresne|PER]] à [[Saint-Ubald-sur-Lenne|LOC]].",
];

fn trained(seed: u64) -> Model {
    let (_dir, lex) = lexicons();
    let options = Options {
        epochs: 10,
        hash_bits: 14,
        seed,
    };
    let featurizer = Featurizer::new(&lex, options.hash_bits);
    let examples: Vec<Example> = TRAINING.iter().map(|t| example(&featurizer, t)).collect();
    let meta = serde_json::json!({"test": true});
    train(&examples, lex, &options, meta, &mut |_, _, _| {})
}

fn found(model: &Model, text: &str) -> Vec<(String, Label)> {
    let doc = Document::new("new.txt", text).unwrap();
    model
        .find(&doc, &AnnotationStore::new())
        .into_iter()
        .map(|f| (doc.slice(f.span).to_owned(), f.label))
        .collect()
}

#[test]
fn training_learns_names_that_no_list_knows() {
    let model = trained(1);
    // Words never seen, in contexts like the training ones.
    for (text, names) in [
        (
            "Le groupe Vendralis a annoncé jeudi la fermeture de son usine de Brivois.",
            [("Vendralis", Label::ORG), ("Brivois", Label::LOC)],
        ),
        (
            "Selon Claire Ornano, directrice de Quenarde, rien ne change.",
            [("Claire Ornano", Label::PER), ("Quenarde", Label::ORG)],
        ),
    ] {
        let got = found(&model, text);
        for (name, label) in names {
            assert!(got.contains(&(name.to_owned(), label)), "{name}: {got:?}");
        }
    }
    // Nothing in a sentence without names.
    assert!(found(&model, "la décision est prise.").is_empty());
}

#[test]
fn training_is_deterministic_and_the_file_reads_back() {
    let a = trained(7);
    let b = trained(7);
    assert_eq!(a.bytes(), b.bytes(), "same data and seed, same bytes");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.glner");
    a.save(&path).unwrap();
    let read = Model::load(&path).unwrap();
    assert_eq!(read.bytes(), a.bytes());
    assert_eq!(read.checksum(), a.checksum());
    assert_eq!(read.meta()["test"], true);
    let text = "Karim Dufresne travaille chez Zorbitex à Brivois.";
    assert_eq!(found(&read, text), found(&a, text));
}

#[test]
fn unusable_model_files_are_errors_naming_them() {
    let model = trained(1);
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);

    let missing = Model::load(&path("missing.glner")).unwrap_err();
    assert!(matches!(missing, ModelError::Io { .. }));
    assert!(missing.to_string().contains("missing.glner"), "{missing}");

    std::fs::write(path("text.glner"), "not a model").unwrap();
    let e = Model::load(&path("text.glner")).unwrap_err();
    assert!(matches!(e, ModelError::NotAModel { .. }), "{e}");
    assert!(e.to_string().contains("text.glner"), "{e}");

    let bytes = model.bytes();
    std::fs::write(path("cut.glner"), &bytes[..bytes.len() / 2]).unwrap();
    let e = Model::load(&path("cut.glner")).unwrap_err();
    assert!(matches!(e, ModelError::Corrupt { .. }), "{e}");
    assert!(e.to_string().contains("cut.glner"), "{e}");

    let mut flipped = bytes.to_vec();
    let at = flipped.len() - 100;
    flipped[at] ^= 1;
    let e = Model::from_bytes(Cow::Owned(flipped), Path::new("flipped.glner")).unwrap_err();
    assert!(e.to_string().contains("checksum"), "{e}");

    let mut other = bytes.to_vec();
    other[12] = 99; // the feature-set version
    let e = Model::from_bytes(Cow::Owned(other), Path::new("old.glner")).unwrap_err();
    assert!(matches!(e, ModelError::Version { .. }), "{e}");
    assert!(e.to_string().contains("glose train"), "{e}");
}

#[test]
fn lexicon_errors_name_the_file_and_line() {
    let (dir, _) = lexicons();
    std::fs::write(dir.path().join("communes.tsv"), "Brivois\tmany\n").unwrap();
    let e = Lexicons::read_dir(dir.path()).unwrap_err().to_string();
    assert!(e.contains("communes.tsv:1"), "{e}");
    std::fs::remove_file(dir.path().join("areas.tsv")).unwrap();
    std::fs::write(dir.path().join("communes.tsv"), "Brivois\t3\n").unwrap();
    let e = Lexicons::read_dir(dir.path()).unwrap_err().to_string();
    assert!(e.contains("areas.tsv"), "{e}");
}

#[test]
fn the_default_model_loads() {
    let model = glose_ner::default_model().expect("the default model of this build");
    assert!(
        model.meta()["trained_on"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
}
