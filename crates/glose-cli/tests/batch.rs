//! `glose annotate` at scale: every export format checked against the JSONL contract,
//! streaming records on standard input, and output folders that survive SIGKILL and
//! resume to the same result.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{assert_success, command, files, glose_in, stderr};
use glose_formats::jsonl::DocumentRecord;
use glose_tests::{example_texts, examples_corpus};
use serde_json::{Value, json};

/// The JSONL of the example corpus: the reference the other formats are checked against.
fn reference() -> Vec<DocumentRecord> {
    let out = glose_in(&examples_corpus(), &["annotate", "."]);
    assert_success(&out);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn name(record: &DocumentRecord) -> String {
    Path::new(&record.path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn brat_output_reads_back_as_the_jsonl_annotations() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = glose_in(
        &examples_corpus(),
        &[
            "annotate",
            ".",
            "--format",
            "brat",
            "--out",
            out_dir.path().to_str().unwrap(),
        ],
    );
    assert_success(&out);
    let conf = std::fs::read_to_string(out_dir.path().join("annotation.conf")).unwrap();
    assert!(
        conf.contains("[entities]\n") && conf.contains("QUOTE"),
        "{conf}"
    );
    for record in reference() {
        let stem = name(&record).trim_end_matches(".txt").to_owned();
        let text = std::fs::read_to_string(out_dir.path().join(format!("{stem}.txt"))).unwrap();
        assert_eq!(
            text,
            std::fs::read_to_string(examples_corpus().join(name(&record))).unwrap()
        );
        let ann = std::fs::read_to_string(out_dir.path().join(format!("{stem}.ann"))).unwrap();
        let back = glose_formats::brat::read(&text, &ann).unwrap();
        assert_eq!(back.len(), record.annotations.len(), "{stem}");
        for (a, b) in record.annotations.iter().zip(&back) {
            assert_eq!((a.start, a.end), (b.span.start, b.span.end), "{stem}");
            assert_eq!(a.label, b.label.as_str());
            assert_eq!(a.entity.as_deref(), b.entity.as_ref().map(|e| e.as_str()));
            assert_eq!(a.attrs, b.attrs);
            assert_eq!(a.tagger, b.tagger);
        }
    }
    // brat is a folder of files.
    let refused = glose_in(&examples_corpus(), &["annotate", ".", "--format", "brat"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--out FOLDER"));
}

#[test]
fn conll_and_web_annotation_agree_with_the_jsonl() {
    let reference = reference();
    let out = glose_in(&examples_corpus(), &["annotate", ".", "--format", "conll"]);
    assert!(out.status.success());
    let conll = String::from_utf8(out.stdout).unwrap();
    let docs = glose_formats::conll::read(&conll);
    assert_eq!(docs.len(), reference.len());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // It says what it left out: the quotes.
    let quotes: usize = reference
        .iter()
        .map(|r| r.annotations.iter().filter(|a| a.label == "QUOTE").count())
        .sum();
    assert!(
        stderr.contains(&format!("left out {quotes} quote(s)")),
        "{stderr}"
    );
    for (doc, record) in docs.iter().zip(&reference) {
        let b_tags = doc
            .iter()
            .flatten()
            .filter(|(_, tag)| tag.starts_with("B-"))
            .count();
        let names = record
            .annotations
            .iter()
            .filter(|a| a.label != "QUOTE")
            .count();
        assert_eq!(b_tags, names, "{}", record.path);
    }

    let out = glose_in(
        &examples_corpus(),
        &["annotate", ".", "--format", "webanno"],
    );
    assert!(out.status.success());
    let pages: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pages.len(), reference.len());
    for (page, record) in pages.iter().zip(&reference) {
        let text = std::fs::read_to_string(examples_corpus().join(name(record))).unwrap();
        glose_formats::webanno::validate(page, &text).unwrap();
        assert_eq!(
            page["items"].as_array().unwrap().len(),
            record.annotations.len()
        );
        // Linked names identify their entity; Wikidata when the KB knows it.
        let linked = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["motivation"] == "identifying")
            .count();
        assert_eq!(
            linked,
            record
                .annotations
                .iter()
                .filter(|a| a.entity.is_some())
                .count()
        );
    }
    assert!(
        pages
            .iter()
            .any(|p| p.to_string().contains("http://www.wikidata.org/entity/Q")),
        "some entity has a Wikidata id"
    );
}

fn run_stdin(args: &[&str], input: &str) -> (Vec<Value>, std::process::Output) {
    let mut child = command()
        .current_dir(examples_corpus())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let lines = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lines, out)
}

#[test]
fn a_stream_of_records_comes_back_in_order_one_line_each() {
    let texts = example_texts();
    // 300 records, ids of several kinds, and two bad lines.
    let mut input = String::new();
    let mut expected_ids = Vec::new();
    for i in 0..300 {
        let id = if i % 3 == 0 {
            json!(i)
        } else {
            json!(format!("doc-{i}"))
        };
        if i == 100 {
            input.push_str("{not json\n");
            expected_ids.push(Value::Null);
        }
        if i == 200 {
            input.push_str("{\"id\": \"no-text\"}\n");
            expected_ids.push(json!("no-text"));
        }
        input.push_str(&json!({"id": id, "text": texts[i % texts.len()]}).to_string());
        input.push('\n');
        expected_ids.push(id);
    }
    let (lines, out) = run_stdin(&["annotate", "--stdin", "-j", "2"], &input);
    assert_eq!(out.status.code(), Some(1), "bad lines make the run fail");
    assert_eq!(lines.len(), expected_ids.len());
    for (line, id) in lines.iter().zip(&expected_ids) {
        assert_eq!(&line["id"], id);
    }
    assert_eq!(lines[100]["line"], 101);
    assert!(
        lines[100]["error"]
            .as_str()
            .unwrap()
            .starts_with("not JSON")
    );
    assert_eq!(lines[201]["error"], "no \"text\" string");
    let stderr = stderr(&out);
    assert!(stderr.contains("standard input, line 101"), "{stderr}");
    // A record's annotations do not depend on the others, nor on the threads.
    let (one_thread, _) = run_stdin(&["annotate", "--stdin", "-j", "1"], &input);
    assert_eq!(one_thread, lines);
    let single = json!({"id": "x", "text": texts[0]}).to_string() + "\n";
    let (alone, out) = run_stdin(&["annotate", "--stdin"], &single);
    assert!(out.status.success());
    assert_eq!(alone[0]["annotations"], lines[0]["annotations"]);
    // Raw text.
    let (raw, out) = run_stdin(&["annotate", "--stdin-text"], &texts[0]);
    assert!(out.status.success());
    assert_eq!(raw[0]["id"], "stdin");
    assert_eq!(raw[0]["annotations"], lines[0]["annotations"]);
}

/// A corpus of `n` articles built from the example articles.
fn big_corpus(dir: &Path, n: usize) {
    let texts = example_texts();
    for i in 0..n {
        let sub = dir.join(format!("{:02}", i % 20));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{i:05}.txt")), &texts[i % texts.len()]).unwrap();
    }
    std::fs::write(dir.join("glose.toml"), "").unwrap();
}

/// Every file under `dir` but the manifest, with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .filter(|(path, _)| Path::new(path).file_name() != Some(".glose-run.jsonl".as_ref()))
        .collect()
}

/// The arguments of `glose annotate` on a corpus in `format`, on two threads, into the
/// folder `out`, resuming what it holds.
fn resuming<'a>(format: &'a str, out: &'a Path) -> [&'a str; 9] {
    let out = out.to_str().unwrap();
    [
        "annotate", ".", "-j", "2", "--format", format, "--out", out, "--resume",
    ]
}

#[test]
fn a_run_killed_and_resumed_ends_as_an_uninterrupted_one() {
    let corpus = tempfile::tempdir().unwrap();
    big_corpus(corpus.path(), 2000);
    let (full, resumed) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for format in ["jsonl", "brat"] {
        let full_out = full.path().join(format);
        let out = glose_in(corpus.path(), &resuming(format, &full_out));
        assert_success(&out);
        let expected = snapshot(&full_out);
        assert!(expected.len() >= 2000);

        // Killed once some outputs are written.
        let out_dir = resumed.path().join(format);
        let mut child = command()
            .current_dir(corpus.path())
            .args(resuming(format, &out_dir))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let manifest = out_dir.join(".glose-run.jsonl");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let lines = std::fs::read_to_string(&manifest).map_or(0, |m| m.lines().count());
            if lines >= 300 || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let partial = std::fs::read_to_string(&manifest).unwrap().lines().count();
        assert!(partial < 2000, "the run was interrupted ({partial} done)");
        // Whatever is in the folder is whole: every output parses.
        if format == "jsonl" {
            for (name, bytes) in snapshot(&out_dir) {
                if name.ends_with(".json") {
                    serde_json::from_slice::<Value>(&bytes)
                        .unwrap_or_else(|e| panic!("{name} is cut: {e}"));
                }
            }
        }
        let out = glose_in(corpus.path(), &resuming(format, &out_dir));
        assert_success(&out);
        assert_eq!(
            snapshot(&out_dir),
            expected,
            "{format}: resumed = uninterrupted"
        );
    }
}

#[test]
fn unchanged_documents_are_skipped_on_resume() {
    let corpus = tempfile::tempdir().unwrap();
    big_corpus(corpus.path(), 60);
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().to_str().unwrap();
    let run = || {
        let o = glose_in(corpus.path(), &["annotate", ".", "--out", out, "--resume"]);
        assert_success(&o);
    };
    run();
    let mtimes = || -> Vec<(String, std::time::SystemTime)> {
        snapshot(out_dir.path())
            .iter()
            .map(|(n, _)| {
                (
                    n.clone(),
                    std::fs::metadata(out_dir.path().join(n))
                        .unwrap()
                        .modified()
                        .unwrap(),
                )
            })
            .collect()
    };
    let before = mtimes();
    std::thread::sleep(Duration::from_millis(1100));
    // A sentence without names: what the corpus teaches does not change.
    let changed = corpus.path().join("03/00003.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nIl a plu toute la journée.\n");
    std::fs::write(&changed, text).unwrap();
    run();
    let after = mtimes();
    let rewritten: Vec<&String> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| &b.0)
        .collect();
    assert_eq!(rewritten, ["03/00003.json"]);
    // Another version of the taggers' data: everything again.
    glose_core::testing::write_files(
        corpus.path(),
        &[
            ("glose.toml", "[kb]\npaths = [\"kb.toml\"]\n"),
            (
                "kb.toml",
                "[[entity]]\nid = \"zorvan\"\ntype = \"LOC\"\nname = \"Zorvan\"\n",
            ),
        ],
    );
    std::thread::sleep(Duration::from_millis(1100));
    run();
    let again = mtimes();
    assert!(after.iter().zip(&again).all(|(a, b)| a.1 != b.1));
}
