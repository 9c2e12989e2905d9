//! `glose train` and the models it writes, end to end: training from glose gold and
//! CoNLL, the same bytes twice, using the model, scoring CoNLL gold, and model files
//! that cannot be used.

mod common;

use std::path::Path;

use common::{assert_success, eval_builtin, glose, stderr, stdout};
use glose_tests::repo_root;

/// A small annotated corpus (glose gold beside its articles) and an IOB2 file.
fn corpus(dir: &Path) {
    let articles = [
        (
            "a.txt",
            "Le groupe Zorbitex a annoncé mardi la fermeture de son usine de Brivois.\n",
            vec![("Zorbitex", "ORG"), ("Brivois", "LOC")],
        ),
        (
            "b.txt",
            "Selon Claire Ornano, directrice de Zorbitex, la décision est prise à Brivois.\n",
            vec![
                ("Claire Ornano", "PER"),
                ("Zorbitex", "ORG"),
                ("Brivois", "LOC"),
            ],
        ),
        (
            "c.txt",
            "Karim Dufresne a quitté Brivois pour rejoindre la société Quenarde.\n",
            vec![
                ("Karim Dufresne", "PER"),
                ("Brivois", "LOC"),
                ("Quenarde", "ORG"),
            ],
        ),
    ];
    let mut gold = String::new();
    for (name, body, names) in articles {
        std::fs::write(dir.join(name), body).unwrap();
        let mut anns = Vec::new();
        for (n, label) in names {
            let start = body.find(n).unwrap();
            anns.push(serde_json::json!({
                "start": start, "end": start + n.len(), "label": label, "text": n
            }));
        }
        anns.sort_by_key(|a| a["start"].as_u64());
        gold.push_str(&serde_json::json!({"doc": name, "annotations": anns}).to_string());
        gold.push('\n');
    }
    std::fs::write(dir.join("gold.jsonl"), gold).unwrap();
    std::fs::write(
        dir.join("old.conll"),
        "-DOCSTART-\n\nM.\tO\nVasseur\tB-PER\nest\tO\nà\tO\nBrivois\tB-LOC\n.\tO\n\n\
         Le\tO\nComité\tB-ORG\ndes\tI-ORG\nfêtes\tI-ORG\nse\tO\nréunit\tO\n.\tO\n",
    )
    .unwrap();
}

#[test]
fn train_writes_the_same_model_twice_and_annotate_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    let lexicons = repo_root().join("plugins/ner/lexicons");
    let train = |out: &str| {
        glose(&[
            "train",
            "--lexicons",
            lexicons.to_str().unwrap(),
            "--train",
            d.join("gold.jsonl").to_str().unwrap(),
            &format!("{}@0.5", d.join("old.conll").display()),
            "--dev",
            d.join("gold.jsonl").to_str().unwrap(),
            "--epochs",
            "4",
            "--hash-bits",
            "14",
            "-o",
            d.join(out).to_str().unwrap(),
        ])
    };
    let first = train("a.glner");
    assert_success(&first);
    let err = stderr(&first);
    assert!(err.contains("3 documents"), "{err}");
    assert!(err.contains("weight 0.5"), "{err}");
    assert!(err.contains("epoch 4/4"), "{err}");
    let out = stdout(&first);
    assert!(out.contains("| PER+ORG+LOC |"), "{out}");
    let second = train("b.glner");
    assert!(second.status.success());
    let (a, b) = (
        std::fs::read(d.join("a.glner")).unwrap(),
        std::fs::read(d.join("b.glner")).unwrap(),
    );
    assert_eq!(a, b, "the same inputs give the same bytes");

    // The model annotates, through the command line and through glose.toml.
    let annotate = glose(&[
        "annotate",
        "--config",
        "/dev/null",
        "--ner-model",
        d.join("a.glner").to_str().unwrap(),
        d.join("b.txt").to_str().unwrap(),
    ]);
    assert_success(&annotate);
    let line: serde_json::Value = serde_json::from_slice(&annotate.stdout).unwrap();
    assert!(
        line["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["tagger"] == "ner"),
        "{line}"
    );
    std::fs::write(d.join("glose.toml"), "[ner]\nmodel = \"a.glner\"\n").unwrap();
    let eval = glose(&[
        "eval",
        "--json",
        "--gold",
        d.join("gold.jsonl").to_str().unwrap(),
    ]);
    assert_success(&eval);
}

#[test]
fn eval_scores_conll_gold() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let out = eval_builtin(&dir.path().join("old.conll"), &["--json"]);
    assert_success(&out);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"], 1);
    let per = report["labels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "PER")
        .unwrap()
        .clone();
    assert_eq!(per["gold"], 1, "{report}");
    assert_eq!(
        per["found"], 1,
        "`M. Vasseur`: the person is found, {report}"
    );
    // Labels the gold file does not use are not counted against the tagger.
    let date = report["labels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "DATE");
    assert!(date.is_none_or(|c| c["predicted"] == 0), "{report}");
}

#[test]
fn a_model_that_cannot_be_used_is_an_error_and_the_rule_taggers_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    glose_core::testing::write_files(
        dir.path(),
        &[(
            "a.txt",
            "Le président Emmanuel Macron est arrivé à Damas.\n",
        )],
    );
    let bad = dir.path().join("broken.glner");
    std::fs::write(&bad, b"GLOSENER\x01\x00\x00\x00garbage").unwrap();
    for model in [bad.clone(), dir.path().join("missing.glner")] {
        let out = glose(&[
            "annotate",
            "--config",
            "/dev/null",
            "--ner-model",
            model.to_str().unwrap(),
            article.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        let name = model.file_name().unwrap().to_str().unwrap();
        assert!(err.contains(name), "{err}");
        assert!(err.contains("rule taggers run alone"), "{err}");
        // The output is still written, by the rule taggers.
        let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let anns = line["annotations"].as_array().unwrap();
        assert!(
            anns.iter()
                .any(|a| a["text"] == "Damas" && a["tagger"] == "gazetteer")
        );
        assert!(anns.iter().all(|a| a["tagger"] != "ner"));
    }
}
