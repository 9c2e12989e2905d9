//! The corpus pass in parts: `glose learn --stdin` per partition, `glose learn --merge`,
//! then `glose annotate --stdin --knowledge` per partition gives the annotations of one
//! folder run over the same articles, on every corpus of the repository.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{assert_success, glose, stderr, stdout};
use serde_json::Value;

/// Runs `glose ARGS` with `input` on standard input.
fn glose_fed(args: &[&str], input: &[u8]) -> Output {
    common::glose_fed(Path::new("."), args, Some(input))
}

/// The `.txt` articles under `dir`, by path relative to it, with their exact text.
fn articles(dir: &Path) -> Vec<(String, String)> {
    common::files(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".txt") && !p.starts_with('.'))
        .map(|(p, bytes)| (p, String::from_utf8(bytes).expect("UTF-8 article")))
        .collect()
}

fn records(articles: &[&(String, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (id, text) in articles {
        serde_json::to_writer(&mut out, &serde_json::json!({"id": id, "text": text})).unwrap();
        out.push(b'\n');
    }
    out
}

/// The annotations of each document of a JSONL output, by its id or its path relative
/// to `root`.
fn by_document(jsonl: &str, root: &Path) -> BTreeMap<String, Value> {
    jsonl
        .lines()
        .map(|line| {
            let doc: Value = serde_json::from_str(line).unwrap();
            let name = match doc.get("id") {
                Some(id) => id.as_str().unwrap().to_owned(),
                None => {
                    let path = PathBuf::from(doc["path"].as_str().unwrap());
                    path.strip_prefix(root)
                        .unwrap_or(&path)
                        .to_string_lossy()
                        .into_owned()
                }
            };
            (name, doc["annotations"].clone())
        })
        .collect()
}

fn corpora() -> Vec<PathBuf> {
    let root = glose_tests::repo_root();
    let mut found = vec![root.join("examples/corpus")];
    for set in ["dev", "heldout", "news-dev", "news-heldout", "train"] {
        found.push(root.join("tests/corpora").join(set));
    }
    found
}

/// The configuration a corpus folder is annotated with: its own glose.toml, else none.
fn config_of(corpus: &Path) -> String {
    let own = corpus.join("glose.toml");
    if own.is_file() {
        own.to_str().unwrap().to_owned()
    } else {
        "/dev/null".to_owned()
    }
}

fn write(path: &Path, out: &Output) {
    assert_success(out);
    std::fs::write(path, &out.stdout).unwrap();
}

#[test]
fn learning_in_parts_and_merging_gives_the_folder_run_on_every_corpus() {
    let scratch = tempfile::tempdir().unwrap();
    let mut helped = 0;
    for corpus in corpora() {
        let name = corpus.file_name().unwrap().to_string_lossy().into_owned();
        let config = config_of(&corpus);
        let dir = corpus.to_str().unwrap();
        let all = articles(&corpus);
        assert!(all.len() >= 5, "{name}: {} articles", all.len());
        // Three partitions, dealt round-robin (as a shuffle would).
        let parts: Vec<Vec<&(String, String)>> = (0..3)
            .map(|p| all.iter().skip(p).step_by(3).collect())
            .collect();
        let base = ["--config", config.as_str(), "-j2"];
        let mut learned = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let file = scratch.path().join(format!("{name}-{i}.json"));
            let out = glose_fed(&[&["learn", "--stdin"][..], &base].concat(), &records(part));
            write(&file, &out);
            learned.push(file.to_str().unwrap().to_owned());
        }
        let merged = |files: &[&str]| -> Vec<u8> {
            let out = glose(&[&["learn", "--merge"], files].concat());
            assert_success(&out);
            out.stdout
        };
        let (a, b, c) = (&learned[0], &learned[1], &learned[2]);
        let abc = merged(&[a, b, c]);
        assert_eq!(abc, merged(&[c, a, b]), "{name}: the order of the merge");
        let bc = scratch.path().join(format!("{name}-bc.json"));
        std::fs::write(&bc, merged(&[b, c])).unwrap();
        assert_eq!(
            abc,
            merged(&[bc.to_str().unwrap(), a]),
            "{name}: the grouping of the merge"
        );
        let folder = glose(&["learn", dir, "--config", &config]);
        assert_success(&folder);
        assert_eq!(
            String::from_utf8_lossy(&abc),
            stdout(&folder),
            "{name}: merged parts against the whole"
        );
        let knowledge = scratch.path().join(format!("{name}.json"));
        std::fs::write(&knowledge, &abc).unwrap();

        // Annotated per partition with the knowledge: the folder run's annotations.
        let expected = glose(&["annotate", dir, "--config", &config]);
        assert_success(&expected);
        let expected = by_document(&stdout(&expected), &corpus);
        let mut cluster = BTreeMap::new();
        let mut alone = BTreeMap::new();
        let with = ["--knowledge", knowledge.to_str().unwrap()];
        for part in &parts {
            let input = records(part);
            let out = glose_fed(
                &[&["annotate", "--stdin"][..], &base, &with].concat(),
                &input,
            );
            assert_success(&out);
            cluster.extend(by_document(&stdout(&out), &corpus));
            let out = glose_fed(&[&["annotate", "--stdin"][..], &base].concat(), &input);
            assert_success(&out);
            alone.extend(by_document(&stdout(&out), &corpus));
        }
        assert_eq!(cluster.len(), all.len(), "{name}");
        for (doc, annotations) in &expected {
            assert_eq!(
                cluster.get(doc),
                Some(annotations),
                "{name}/{doc}: the cluster run differs from the folder run"
            );
        }
        helped += expected
            .iter()
            .filter(|(doc, a)| alone.get(*doc) != Some(*a))
            .count();
    }
    // Without the knowledge, a stream misses what other articles teach.
    assert!(helped > 10, "{helped} articles changed by the knowledge");
}

#[test]
fn a_folder_run_with_knowledge_learns_nothing_more() {
    let corpus = glose_tests::repo_root().join("tests/corpora/dev");
    let dir = corpus.to_str().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    // Knowledge from no article: the folder run then has no corpus pass.
    let empty = scratch.path().join("empty.json");
    let out = glose_fed(
        &[
            "learn",
            "--stdin",
            "--config",
            "/dev/null",
            "-o",
            empty.to_str().unwrap(),
        ],
        b"",
    );
    assert_success(&out);
    let knowledge: Value = serde_json::from_slice(&std::fs::read(&empty).unwrap()).unwrap();
    assert_eq!(knowledge["articles"], 0);
    let with = glose(&[
        "annotate",
        dir,
        "--config",
        "/dev/null",
        "--knowledge",
        empty.to_str().unwrap(),
    ]);
    assert_success(&with);
    let stream = glose_fed(
        &["annotate", "--stdin", "--config", "/dev/null"],
        &records(&articles(&corpus).iter().collect::<Vec<_>>()),
    );
    assert_success(&stream);
    assert_eq!(
        by_document(&stdout(&with), &corpus),
        by_document(&stdout(&stream), &corpus),
        "a folder annotated with empty knowledge is annotated as a stream"
    );
}

#[test]
fn knowledge_that_does_not_fit_is_refused_with_the_reason() {
    let corpus = glose_tests::repo_root().join("tests/corpora/dev");
    let dir = corpus.to_str().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let k = scratch.path().join("k.json");
    write(&k, &glose(&["learn", dir, "--config", "/dev/null"]));
    let k = k.to_str().unwrap();

    // Another knowledge base: the gazetteer's data changed.
    let out = glose(&[
        "annotate",
        dir,
        "--config",
        "/dev/null",
        "--no-default-kb",
        "--knowledge",
        k,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains(&format!("cannot use the knowledge in {k}")) && e.contains("`gazetteer`"),
        "{e}"
    );

    // Learned by a configuration with another tagger set.
    let other = scratch.path().join("other.json");
    write(
        &other,
        &glose(&["learn", dir, "--config", "/dev/null", "--no-default-kb"]),
    );
    let out = glose(&["learn", "--merge", k, other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains(&format!(
            "{}: cannot be merged with {k}: learned with other data or settings for `gazetteer`",
            other.display()
        )),
        "{e}"
    );

    // Not a knowledge file, a broken one, a missing one.
    let gold = corpus.join("gold.jsonl");
    for (file, says) in [
        (gold.to_str().unwrap(), "not a knowledge file"),
        ("/nonexistent/k.json", "/nonexistent/k.json"),
    ] {
        let out = glose(&[
            "annotate",
            dir,
            "--config",
            "/dev/null",
            "--knowledge",
            file,
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    let broken = scratch.path().join("broken.json");
    let mut bytes = std::fs::read(k).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&broken, bytes).unwrap();
    let out = glose(&["learn", "--merge", k, broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{}: not a knowledge file", broken.display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_records_are_named_and_the_rest_is_learned() {
    let input = b"{\"id\": \"a\", \"text\": \"Le Front pour la paix (FPP) a gagn\xc3\xa9.\"}\nnot json\n{\"id\": \"b\"}\n";
    let out = glose_fed(&["learn", "--stdin", "--config", "/dev/null"], input);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(e.contains("standard input, line 2: not JSON"), "{e}");
    assert!(
        e.contains("standard input, line 3: no \"text\" string"),
        "{e}"
    );
    let knowledge: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(knowledge["articles"], 1);
    assert!(
        knowledge["taggers"]["acronyms"]["learned"]["FPP"].is_object(),
        "{knowledge}"
    );
}
