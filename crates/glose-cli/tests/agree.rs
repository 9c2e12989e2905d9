//! `glose agree`: two annotators' files over a small corpus, the figures checked against
//! values computed by hand.

mod common;

use std::path::Path;
use std::process::Output;

use common::{assert_success, glose, stderr, stdout};
use serde_json::{Value, json};

const ARTICLE_1: &str = "Le maire de Nantes, Jeanne Morel, a inauguré lundi un pont de 300 mètres.";
const ARTICLE_2: &str = "Paul Girard dirige la société Vélocité depuis 2019.";
const ARTICLE_3: &str = "Il pleut sur Brest.";

/// An annotation of the first `needle` of `text`, in UTF-8 bytes.
fn span(text: &str, needle: &str, label: &str) -> Value {
    let start = text.find(needle).expect("in the article");
    json!({"start": start, "end": start + needle.len(), "label": label, "text": needle})
}

fn write_lines(path: &Path, lines: &[Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// A folder with the three articles, A's gold (`a.jsonl`, articles 1 and 2) and B's
/// (`b.jsonl`, written as `glose annotate` writes, by path: articles 1, 2 and 3).
///
/// A: Nantes LOC, Jeanne Morel PER, lundi DATE, 300 mètres QUANTITY;
///    Paul Girard PER, Vélocité ORG, 2019 DATE.
/// B: Nantes LOC, Morel PER, lundi DATE, 300 QUANTITY;
///    Paul Girard PER, Vélocité LOC, depuis 2019 DATE; Brest LOC.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, text) in [
        ("article1.txt", ARTICLE_1),
        ("article2.txt", ARTICLE_2),
        ("article3.txt", ARTICLE_3),
    ] {
        std::fs::write(d.join(name), text).unwrap();
    }
    let (t1, t2) = (ARTICLE_1, ARTICLE_2);
    write_lines(
        &d.join("a.jsonl"),
        &[
            json!({"doc": "article1.txt", "annotations": [
                span(t1, "Nantes", "LOC"), span(t1, "Jeanne Morel", "PER"),
                span(t1, "lundi", "DATE"), span(t1, "300 mètres", "QUANTITY"),
            ]}),
            json!({"doc": "article2.txt", "annotations": [
                span(t2, "Paul Girard", "PER"), span(t2, "Vélocité", "ORG"),
                span(t2, "2019", "DATE"),
            ]}),
        ],
    );
    let path = |name: &str| d.join(name).display().to_string();
    write_lines(
        &d.join("b.jsonl"),
        &[
            json!({"path": path("article1.txt"), "annotations": [
                span(t1, "Nantes", "LOC"), span(t1, "Morel", "PER"),
                span(t1, "lundi", "DATE"), span(t1, "300", "QUANTITY"),
            ]}),
            json!({"path": path("article2.txt"), "annotations": [
                span(t2, "Paul Girard", "PER"), span(t2, "Vélocité", "LOC"),
                span(t2, "depuis 2019", "DATE"),
            ]}),
            json!({"path": path("article3.txt"), "annotations": [
                span(ARTICLE_3, "Brest", "LOC"),
            ]}),
        ],
    );
    dir
}

fn agree(dir: &Path, a: &str, b: &str, args: &[&str]) -> Output {
    let (a, b) = (dir.join(a), dir.join(b));
    glose(&[&["agree", a.to_str().unwrap(), b.to_str().unwrap()], args].concat())
}

fn json_of(o: &Output) -> Value {
    assert_success(o);
    serde_json::from_str(&stdout(o)).expect("JSON on standard output")
}

fn row<'a>(rows: &'a Value, label: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no row {label} in {rows}"))
}

#[track_caller]
fn assert_near(value: &Value, expected: f64) {
    let v = value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"));
    assert!((v - expected).abs() < 1e-4, "{v} != {expected}");
}

#[test]
fn two_annotators_of_two_articles() {
    let dir = corpus();
    let report = json_of(&agree(dir.path(), "a.jsonl", "b.jsonl", &["--json"]));
    assert_eq!(report["documents"], 2);
    assert_eq!(report["only_in_a"], json!([]));
    assert_eq!(
        report["only_in_b"],
        json!([dir.path().join("article3.txt")])
    );

    // Spans, A as the reference (strict for names, overlap for DATE and QUANTITY):
    // PER: A {Jeanne Morel, Paul Girard}, B {Morel, Paul Girard}: 1 of 2 each way.
    let labels = &report["labels"];
    let per = row(labels, "PER");
    assert_eq!(
        (&per["a"], &per["b"], &per["b_matched"]),
        (&json!(2), &json!(2), &json!(1))
    );
    assert_near(&per["f1"], 0.5);
    // LOC: A {Nantes}, B {Nantes, Vélocité}: P 1/2, R 1, F1 2/3.
    let loc = row(labels, "LOC");
    assert_near(&loc["precision"], 0.5);
    assert_near(&loc["recall"], 1.0);
    assert_near(&loc["f1"], 2.0 / 3.0);
    // ORG: A {Vélocité}, B none.
    assert_near(&row(labels, "ORG")["f1"], 0.0);
    // DATE (lundi, 2019 / lundi, depuis 2019) and QUANTITY (300 mètres / 300) overlap.
    assert_near(&row(labels, "DATE")["f1"], 1.0);
    assert_near(&row(labels, "QUANTITY")["f1"], 1.0);
    // PER+ORG+LOC: A 4, B 4, 2 matched each way: P = R = F1 = 0.5.
    assert_near(&report["micro"]["f1"], 0.5);

    // Tokens (words and numbers; the commas and full stops are not counted):
    //   article 1, 14 tokens: Le maire de Nantes Jeanne Morel a inauguré lundi un pont
    //     de 300 mètres; A and B differ on Jeanne (PER / O) and mètres (QUANTITY / O).
    //   article 2, 8 tokens: Paul Girard dirige la société Vélocité depuis 2019; they
    //     differ on Vélocité (ORG / LOC) and depuis (O / DATE).
    // 18 of 22 agreed. Tokens per label in A: O 12, PER 4, LOC 1, ORG 1, DATE 2,
    // QUANTITY 2; in B: O 13, PER 3, LOC 2, ORG 0, DATE 3, QUANTITY 1.
    // Chance: 12·13 + 4·3 + 1·2 + 0 + 2·3 + 2·1 = 178 (of 22² = 484).
    // kappa = (22·18 - 178) / (484 - 178) = 218/306.
    let tokens = &report["tokens"];
    assert_eq!(tokens["documents"], 2);
    let overall = &tokens["overall"];
    assert_eq!(
        (&overall["tokens"], &overall["agreed"]),
        (&json!(22), &json!(18))
    );
    assert_near(&overall["observed"], 18.0 / 22.0);
    assert_near(&overall["expected"], 178.0 / 484.0);
    assert_near(&overall["kappa"], 218.0 / 306.0);
    // Per label, each token covered by the label or not, 21 of 22 agreed each time:
    // PER: A 4, B 3: chance 4·3 + 18·19 = 354: (462 - 354) / (484 - 354) = 108/130.
    // LOC: A 1, B 2: chance 1·2 + 21·20 = 422: 40/62.
    // ORG: A 1, B 0: chance 21·22 = 462: 0.
    // DATE: A 2, B 3: chance 2·3 + 20·19 = 386: 76/98.
    // QUANTITY: A 2, B 1: chance 2·1 + 20·21 = 422: 40/62.
    let per_label = &tokens["labels"];
    for (label, a, b, kappa) in [
        ("PER", 4, 3, 108.0 / 130.0),
        ("LOC", 1, 2, 40.0 / 62.0),
        ("ORG", 1, 0, 0.0),
        ("DATE", 2, 3, 76.0 / 98.0),
        ("QUANTITY", 2, 1, 40.0 / 62.0),
    ] {
        let r = row(per_label, label);
        assert_eq!((&r["a"], &r["b"]), (&json!(a), &json!(b)), "{label}");
        assert_near(&r["kappa"]["kappa"], kappa);
    }

    // The table says the same.
    let out = agree(dir.path(), "a.jsonl", "b.jsonl", &[]);
    assert_success(&out);
    let table = stdout(&out);
    let (spans, tokens) = table.split_once("\ntokens (words").expect("two tables");
    let line_of = |part: &str, start: &str| {
        part.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start:?} line in {part}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        line_of(spans, "LOC "),
        ["LOC", "strict", "1", "2", "0.500", "1.000", "0.667"]
    );
    assert_eq!(
        line_of(spans, "PER+ORG+LOC"),
        ["PER+ORG+LOC", "strict", "4", "4", "0.500", "0.500", "0.500"]
    );
    assert!(
        table.contains(
            "22 in 2 document(s), observed agreement 0.818, by chance 0.368, kappa 0.712"
        ),
        "{table}"
    );
    assert_eq!(line_of(tokens, "PER "), ["PER", "4", "3", "3", "0.831"]);
    assert!(
        table.ends_with("2 document(s) in both sets; not scored: 0 only in A, 1 only in B\n"),
        "{table}"
    );
    // The document only B has is named on standard error.
    let err = stderr(&out);
    assert!(
        err.contains("1 document(s) only in B") && err.contains("article3.txt"),
        "{err}"
    );
}

#[test]
fn a_set_agrees_fully_with_itself() {
    let dir = corpus();
    let report = json_of(&agree(dir.path(), "b.jsonl", "b.jsonl", &["--json"]));
    assert_eq!(report["documents"], 3);
    assert_near(&report["micro"]["f1"], 1.0);
    assert_near(&report["tokens"]["overall"]["kappa"], 1.0);
    for label in ["PER", "LOC", "DATE", "QUANTITY"] {
        assert_near(&row(&report["labels"], label)["f1"], 1.0);
        assert_near(
            &row(&report["tokens"]["labels"], label)["kappa"]["kappa"],
            1.0,
        );
    }
    // Nobody used ORG: its kappa is undefined, not a perfect 1.
    assert_eq!(
        row(&report["tokens"]["labels"], "ORG")["kappa"]["kappa"],
        Value::Null
    );
    // JSON lines under another name are read as such, not as IOB2.
    std::fs::copy(dir.path().join("b.jsonl"), dir.path().join("b.gold")).unwrap();
    let out = agree(dir.path(), "b.jsonl", "b.gold", &[]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(stdout(&out).contains("kappa 1.000\n"), "{}", stdout(&out));
}

#[test]
fn labels_can_be_left_out() {
    let dir = corpus();
    let report = json_of(&agree(
        dir.path(),
        "a.jsonl",
        "b.jsonl",
        &["--json", "--labels", "PER,LOC"],
    ));
    let labels: Vec<&str> = report["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["LOC", "PER"]);
    assert_eq!(report["micro"]["label"], "PER+LOC");
    // With one of PER, ORG and LOC, its row says it all.
    let alone = json_of(&agree(
        dir.path(),
        "a.jsonl",
        "b.jsonl",
        &["--json", "--labels", "PER,DATE"],
    ));
    assert_eq!(alone["micro"], Value::Null);
    // Only PER and LOC left: A tokens PER 4, LOC 1, O 17; B PER 3, LOC 2, O 17.
    // Disagreements: Jeanne (PER / O), Vélocité (O / LOC): 20 of 22.
    // Chance 4·3 + 1·2 + 17·17 = 303: kappa = (440 - 303) / (484 - 303) = 137/181.
    assert_near(&report["tokens"]["overall"]["kappa"], 137.0 / 181.0);
    let out = agree(dir.path(), "a.jsonl", "b.jsonl", &["--labels", "PER,per"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("\"per\" is not a label"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn iob2_files_are_compared_document_by_document() {
    let dir = tempfile::tempdir().unwrap();
    let a = "-DOCSTART- -X- -X- O\n\nClaire B-PER\nPetit I-PER\narrive O\nà O\nRennes B-LOC\n. O\n";
    let b = "-DOCSTART- -X- -X- O\n\nClaire B-PER\nPetit O\narrive O\nà O\nRennes B-LOC\n. O\n";
    glose_core::testing::write_files(dir.path(), &[("a.conll", a), ("b.conll", b)]);
    let report = json_of(&agree(dir.path(), "a.conll", "b.conll", &["--json"]));
    assert_eq!(report["documents"], 1);
    // Claire Petit arrive à Rennes: A PER PER O O LOC, B PER O O O LOC; 4 of 5 agreed.
    // Chance: PER 2·1 + O 2·3 + LOC 1·1 = 9: kappa = (20 - 9) / (25 - 9) = 11/16.
    assert_near(&report["tokens"]["overall"]["kappa"], 11.0 / 16.0);
    // Claire Petit / Claire: strict miss; Rennes: match. PER+ORG+LOC F1 1/2.
    assert_near(&report["micro"]["f1"], 0.5);
}

#[test]
fn errors_name_the_file() {
    let dir = corpus();
    let d = dir.path();

    let out = agree(d, "a.jsonl", "missing.jsonl", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: cannot read ") && err.contains("missing.jsonl"),
        "{err}"
    );

    std::fs::write(
        d.join("bad.jsonl"),
        "\n{\"doc\": \"article1.txt\", \"annotations\": [\n",
    )
    .unwrap();
    let out = agree(d, "a.jsonl", "bad.jsonl", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.jsonl:2: invalid line"), "{err}");

    // An offset past the end of the article.
    write_lines(
        &d.join("off.jsonl"),
        &[json!({"doc": "article3.txt", "annotations": [
            {"start": 13, "end": 40, "label": "LOC"}
        ]})],
    );
    let out = agree(d, "off.jsonl", "b.jsonl", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("off.jsonl:1: span 13..40 (LOC) of \"article3.txt\" is not on the document's text: the text has 19 bytes"),
        "{err}"
    );

    // Nothing in common.
    write_lines(
        &d.join("other.jsonl"),
        &[json!({"doc": "article3.txt", "annotations": [span(ARTICLE_3, "Brest", "LOC")]})],
    );
    let out = agree(d, "a.jsonl", "other.jsonl", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no document is in both"),
        "{}",
        stderr(&out)
    );
}
