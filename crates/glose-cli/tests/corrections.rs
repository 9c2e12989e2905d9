//! The analyst's corrections through the command line: every command applies them,
//! `--no-corrections` turns them off, `glose corrections` lists and exports them,
//! `glose eval --corrections` scores the taggers against them and `glose train
//! --corrections` learns from them.

mod common;

use std::path::Path;

use common::{assert_success, glose_in, stderr, stdout};
use glose_tests::repo_root;

const A: &str = "La société Quenarde a présenté ses comptes à Brivois mardi.\n\
                 Selon Odile Ferrat, présidente de Quenarde, l'usine restera ouverte.\n";
const B: &str = "Odile Ferrat a reçu les élus de Brivois chez Quenarde.\n";

/// A corpus of two articles (in a subfolder, as real corpora are) with a glose.toml, and
/// corrections: `Quenarde` (first one) is an organisation, `Brivois` is not an entity
/// in a.txt, `Ferrat` alone is never a name here.
fn corpus(dir: &Path) {
    glose_core::testing::write_files(
        dir,
        &[("glose.toml", ""), ("eco/a.txt", A), ("eco/b.txt", B)],
    );
    let q = A.find("Quenarde").unwrap();
    let b = A.find("Brivois").unwrap();
    let line = |value: serde_json::Value| format!("{value}\n");
    let mut file = String::new();
    file += &line(serde_json::json!({
        "file": "eco/a.txt", "start": q, "end": q + 8, "text": "Quenarde",
        "before": &A[q - 11..q], "after": &A[q + 8..q + 13],
        "decision": "tag", "label": "ORG", "by": "odile"
    }));
    file += &line(serde_json::json!({
        "file": "eco/a.txt", "start": b, "end": b + 7, "text": "Brivois",
        "before": &A[b - 10..b], "after": " mardi.", "decision": "reject"
    }));
    std::fs::create_dir(dir.join(".glose")).unwrap();
    std::fs::write(dir.join(".glose/corrections.jsonl"), file).unwrap();
}

/// `(text, label, tagger)` of each annotation of each line of JSONL output, by file name.
fn annotations(out: &str) -> Vec<(String, String, String, String)> {
    let mut all = Vec::new();
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let path = v["path"].as_str().unwrap().to_owned();
        let name = Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for a in v["annotations"].as_array().unwrap() {
            all.push((
                name.clone(),
                a["text"].as_str().unwrap_or_default().to_owned(),
                a["label"].as_str().unwrap().to_owned(),
                a["tagger"].as_str().unwrap().to_owned(),
            ));
        }
    }
    all
}

/// Runs `glose annotate ARGS` in `dir`; its annotations (see [`annotations`]).
fn annotate(dir: &Path, args: &[&str]) -> Vec<(String, String, String, String)> {
    let o = glose_in(dir, &[&["annotate"], args].concat());
    assert_success(&o);
    annotations(&stdout(&o))
}

fn has(all: &[(String, String, String, String)], file: &str, text: &str, label: &str) -> bool {
    all.iter()
        .any(|(f, t, l, _)| f == file && t == text && l == label)
}

/// The label and the tagger of the first annotation of `text` in `file`.
fn label_and_tagger<'a>(
    all: &'a [(String, String, String, String)],
    file: &str,
    text: &str,
) -> (&'a str, &'a str) {
    let (.., label, tagger) = all
        .iter()
        .find(|(f, t, ..)| f == file && t == text)
        .unwrap_or_else(|| panic!("{text} is not annotated in {file}: {all:?}"));
    (label, tagger)
}

#[test]
fn annotate_applies_corrections_and_one_flag_turns_them_off() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    let all = annotate(d, &["eco"]);
    assert_eq!(
        label_and_tagger(&all, "a.txt", "Quenarde"),
        ("ORG", "correction")
    );
    // The name the analyst tagged in a.txt is tagged in b.txt too (the corpus memory).
    assert_eq!(
        label_and_tagger(&all, "b.txt", "Quenarde"),
        ("ORG", "correction")
    );
    // `Brivois` is rejected in a.txt only: b.txt keeps what the taggers found.
    assert!(
        !all.iter().any(|(f, t, ..)| f == "a.txt" && t == "Brivois"),
        "{all:?}"
    );
    let plain = annotate(d, &["--no-corrections", "eco"]);
    assert!(plain.iter().all(|(.., tagger)| tagger != "correction"));
    assert_eq!(
        has(&plain, "b.txt", "Brivois", "LOC"),
        has(&all, "b.txt", "Brivois", "LOC")
    );
    // The same from inside the folder: the corpus root is where glose.toml is.
    let inside = annotate(&d.join("eco"), &["a.txt"]);
    assert!(has(&inside, "a.txt", "Quenarde", "ORG"));
}

#[test]
fn check_and_list_report_a_correction_the_article_lost() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    let list = glose_in(d, &["corrections", "list"]);
    assert_success(&list);
    let out = stdout(&list);
    assert!(
        out.contains("eco/a.txt:1:12: «Quenarde» tagged ORG [placed] by odile"),
        "{out}"
    );
    assert!(out.contains("«Brivois» rejected [placed]"), "{out}");
    // Text added before: the corrections move with it. The rejected word edited away:
    // unplaced, and said so.
    let edited = format!("Mise à jour.\n{}", A.replace("à Brivois", "à Brive"));
    std::fs::write(d.join("eco/a.txt"), &edited).unwrap();
    let list = glose_in(d, &["corrections", "list"]);
    let out = stdout(&list);
    assert!(
        out.contains("eco/a.txt:2:12: «Quenarde» tagged ORG [moved]"),
        "{out}"
    );
    assert!(out.contains("«Brivois» rejected [unplaced]"), "{out}");
    assert!(stderr(&list).contains("1 correction(s) can no longer be placed"));
    let check = glose_in(d, &["check", "eco"]);
    let out = format!("{}{}", stdout(&check), stderr(&check));
    assert!(out.contains("correction-unplaced"), "{out}");
    assert!(out.contains("«Brivois» rejected"), "{out}");
    // The moved tag still applies.
    assert!(has(
        &annotate(d, &["eco/a.txt"]),
        "a.txt",
        "Quenarde",
        "ORG"
    ));
}

#[test]
fn a_broken_corrections_line_is_reported_and_the_others_apply() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    let path = d.join(".glose/corrections.jsonl");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"text\": \"Odile\", \"decision\": \"tag\"}\n");
    std::fs::write(&path, text).unwrap();
    let out = glose_in(d, &["annotate", "eco/a.txt"]);
    let err = stderr(&out);
    assert!(
        err.contains("corrections.jsonl:3:1: warning[corrections]") && err.contains("label"),
        "{err}"
    );
    assert!(has(&annotations(&stdout(&out)), "a.txt", "Quenarde", "ORG"));
}

#[test]
fn corrections_export_as_gold_score_the_taggers_and_train_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    let export = glose_in(d, &["corrections", "export", "-o", "gold.jsonl"]);
    assert_success(&export);
    let gold = std::fs::read_to_string(d.join("gold.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = gold
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "only the corrected article: {gold}");
    assert_eq!(lines[0]["doc"], "eco/a.txt");
    let spans = lines[0]["annotations"].as_array().unwrap();
    assert!(
        spans
            .iter()
            .any(|s| s["text"] == "Quenarde" && s["label"] == "ORG")
    );
    assert!(!spans.iter().any(|s| s["text"] == "Brivois"));
    // The export is gold `glose eval` reads (articles found from the corpus root), and
    // the corrected layer agrees with itself.
    let eval = glose_in(d, &["eval", "--json", "--gold", "gold.jsonl", "."]);
    assert_success(&eval);
    let v: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    assert_eq!(v["micro"]["f1"], 1.0, "{v}");
    // The corpus folder is a set `glose agree` reads: the same as its export.
    let agree = glose_in(d, &["agree", "--json", ".", "gold.jsonl"]);
    assert_success(&agree);
    let v: serde_json::Value = serde_json::from_slice(&agree.stdout).unwrap();
    assert_eq!(v["documents"], 1, "{v}");
    assert_eq!(v["micro"]["f1"], 1.0, "{v}");
    // How often the machine agreed: the taggers alone against the analyst.
    let agree = glose_in(d, &["eval", "--json", "--corrections"]);
    assert_success(&agree);
    let v: serde_json::Value = serde_json::from_slice(&agree.stdout).unwrap();
    assert_eq!(v["documents"], 1, "{v}");
    let org = v["labels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "ORG")
        .unwrap();
    assert!(org["gold"].as_u64().unwrap() >= 1, "{v}");
    let plain = glose_in(d, &["eval", "--corrections", "--no-corrections"]);
    assert!(!plain.status.success());
    assert!(
        stderr(&plain).contains("no corrected article"),
        "{}",
        stderr(&plain)
    );
    // A corpus teaches its own model.
    let lexicons = repo_root().join("plugins/ner/lexicons");
    let train = glose_in(
        d,
        &[
            "train",
            "--lexicons",
            lexicons.to_str().unwrap(),
            "--corrections",
            ".",
            "--epochs",
            "2",
            "--hash-bits",
            "12",
            "-o",
            "own.glner",
        ],
    );
    assert_success(&train);
    assert!(
        stderr(&train).contains("corrections of .: 1 documents"),
        "{}",
        stderr(&train)
    );
    assert!(d.join("own.glner").is_file());
}

#[test]
fn the_lines_of_the_documentation_read_as_corrections() {
    let doc = std::fs::read_to_string(repo_root().join("docs/corrections.md")).unwrap();
    let block = doc
        .split("```json\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("an example block");
    let lines: Vec<&str> = block.lines().collect();
    assert!(lines.len() >= 4);
    for line in lines {
        let c = glose_core::Correction::from_json(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(glose_core::Correction::from_json(&c.to_json()).unwrap(), c);
    }
}

#[test]
fn add_and_remove_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus(d);
    let o = glose_in(
        d,
        &[
            "corrections",
            "add",
            "eco/b.txt",
            "--span",
            "0..5",
            "--tag",
            "PER",
        ],
    );
    assert_success(&o);
    // From inside the folder the corpus is still the one of glose.toml.
    let at = B.find("Brivois").unwrap();
    let span = format!("{at}..{}", at + 7);
    let o = glose_in(
        &d.join("eco"),
        &["corrections", "add", "b.txt", "--span", &span, "--reject"],
    );
    assert_success(&o);
    let o = glose_in(
        d,
        &[
            "corrections",
            "add",
            "--everywhere",
            "Quenarde",
            "--tag",
            "ORG",
        ],
    );
    assert_success(&o);
    let list = stdout(&glose_in(d, &["corrections", "list"]));
    assert!(
        list.contains("eco/b.txt:1:1: «Odile» tagged PER [placed]"),
        "{list}"
    );
    assert!(list.contains("«Brivois» rejected [placed]"), "{list}");
    assert!(
        list.contains("*: «Quenarde» tagged ORG in the whole corpus [every article]"),
        "{list}"
    );
    // Bad input: a clear error naming the problem, and the file unchanged.
    let before = std::fs::read(d.join(".glose/corrections.jsonl")).unwrap();
    // A span past the text, a span badly written, a label that cannot be one, an
    // article that does not exist.
    for (span, decision) in [
        ("0..500", "--tag=PER"),
        ("2-9", "--tag=PER"),
        ("0..5", "--tag=per son"),
        ("0..5", "--reject"),
    ] {
        let article = if decision == "--reject" {
            "eco/none.txt"
        } else {
            "eco/b.txt"
        };
        let args = ["corrections", "add", article, "--span", span, decision];
        let o = glose_in(d, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read(d.join(".glose/corrections.jsonl")).unwrap(),
        before
    );
    let o = glose_in(d, &["corrections", "remove", "eco/b.txt", "--span", &span]);
    assert_success(&o);
    assert!(stderr(&o).contains("1 correction(s) removed"));
    let o = glose_in(d, &["corrections", "remove", "--everywhere", "Quenarde"]);
    assert_success(&o);
    let list = stdout(&glose_in(d, &["corrections", "list"]));
    assert!(
        !list.contains("eco/b.txt:1:33") && !list.contains("whole corpus"),
        "{list}"
    );
    assert!(list.contains("eco/b.txt:1:1: «Odile»"), "{list}");
}

/// Two language servers and the command line write corrections to one corpus at the
/// same time: none is lost, and the command line applies what the servers recorded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_and_the_command_line_never_lose_a_correction() {
    use glose_lsp_client::Client;
    use std::process::Stdio;
    const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
    let dir = tempfile::tempdir().unwrap();
    let d = std::fs::canonicalize(dir.path()).unwrap();
    corpus(&d);
    std::fs::remove_file(d.join(".glose/corrections.jsonl")).unwrap();
    let article = d.join("eco/a.txt");
    let uri = format!("file://{}", article.display());
    let mut servers = Vec::new();
    for _ in 0..2 {
        let (mut client, child) = Client::spawn(
            tokio::process::Command::new(common::GLOSE)
                .arg("lsp")
                .current_dir(&d)
                .stderr(Stdio::null()),
        )
        .unwrap();
        client
            .request(
                "initialize",
                serde_json::json!({"processId": null, "rootUri": format!("file://{}", d.display()),
                       "capabilities": {"window": {"workDoneProgress": true}},
                       "initializationOptions": {"debounceMs": 0}}),
            )
            .await
            .unwrap();
        client.notify("initialized", serde_json::json!({})).await;
        client.progress_end(TIMEOUT).await.expect("indexed");
        client
            .open(&uri, "plaintext", 1, A, TIMEOUT)
            .await
            .expect("diagnostics");
        servers.push((std::sync::Arc::new(client), child));
    }
    // Each server tags a different word of each line; the command line adds rules.
    let words = ["présenté", "ses", "comptes", "usine", "restera", "ouverte"];
    let mut commands = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let start = A.find(word).unwrap();
        let line = A[..start].matches('\n').count();
        let col = A[..start]
            .rsplit('\n')
            .next()
            .unwrap()
            .encode_utf16()
            .count();
        let end_col = col + word.encode_utf16().count();
        let range = serde_json::json!({"start": {"line": line, "character": col},
                                       "end": {"line": line, "character": end_col}});
        let (client, _) = &servers[i % 2];
        let actions = client
            .request(
                "textDocument/codeAction",
                serde_json::json!({"textDocument": {"uri": uri}, "range": range,
                                   "context": {"diagnostics": []}}),
            )
            .await
            .unwrap();
        let tag = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == format!("Tag «{word}» as LOC"))
            .unwrap_or_else(|| panic!("{actions}"))
            .clone();
        commands.push((i % 2, tag["command"].clone()));
    }
    let cli = {
        let d = d.clone();
        std::thread::spawn(move || {
            for i in 0..6 {
                let o = glose_in(
                    &d,
                    &[
                        "corrections",
                        "add",
                        "--everywhere",
                        &format!("Règle{i}"),
                        "--reject",
                    ],
                );
                assert_success(&o);
            }
        })
    };
    let mut runs = tokio::task::JoinSet::new();
    for (server, command) in commands {
        let client = servers[server].0.clone();
        runs.spawn(async move {
            client
                .request(
                    "workspace/executeCommand",
                    serde_json::json!({"command": command["command"],
                                       "arguments": command["arguments"]}),
                )
                .await
        });
    }
    while let Some(result) = runs.join_next().await {
        result.unwrap().unwrap();
    }
    cli.join().unwrap();
    let saved = std::fs::read_to_string(d.join(".glose/corrections.jsonl")).unwrap();
    assert_eq!(saved.lines().count(), 12, "{saved}");
    // What the servers recorded, the command line applies.
    let all = annotate(&d, &["eco/a.txt"]);
    for word in words {
        assert!(has(&all, "a.txt", word, "LOC"), "{word}: {all:?}");
    }
}
