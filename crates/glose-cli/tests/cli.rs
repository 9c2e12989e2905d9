//! The `glose` binary end to end: on the example corpus, and on bad input.

mod common;

use std::path::Path;
use std::process::Output;

use common::{assert_success, command, eval_builtin, glose, glose_in, stderr, stdout};
use glose_tests::{examples_corpus, shared_corpus};

fn examples() -> String {
    examples_corpus().display().to_string()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn annotate_writes_one_json_line_per_document_in_order() {
    let out = glose(&["annotate", &examples()]);
    assert_success(&out);
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 7);
    let names = written_paths(&out);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let first = &docs[0];
    assert_eq!(first["meta"]["date"], "2019-05");
    let text = std::fs::read_to_string(first["path"].as_str().unwrap()).unwrap();
    let annotations = first["annotations"].as_array().unwrap();
    assert!(annotations.len() > 5);
    for a in annotations {
        let (s, e) = (
            a["start"].as_u64().unwrap() as usize,
            a["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], a["text"].as_str().unwrap());
        // Knowledge-base names are linked to their entity, also when the learned
        // tagger decided them from the gazetteer's evidence.
        if a["tagger"] == "gazetteer" || a["attrs"]["evidence"] == "gazetteer" {
            assert!(a["entity"].is_string(), "{a}");
        }
    }
    let taggers: std::collections::BTreeSet<&str> = annotations
        .iter()
        .map(|a| a["tagger"].as_str().unwrap())
        .collect();
    assert!(
        annotations
            .iter()
            .any(|a| a["attrs"]["evidence"] == "gazetteer"),
        "{taggers:?}"
    );
    for tagger in ["ner", "dates", "quantities"] {
        assert!(taggers.contains(tagger), "{taggers:?}");
    }
    // The example corpus's own KB (from its glose.toml) is loaded.
    assert!(stdout(&out).contains("\"entity\":\"leila-mansour\""));
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let one = glose(&["annotate", "-j", "1", &examples()]);
    let four = glose(&["annotate", "--jobs", "4", &examples()]);
    assert!(one.status.success() && four.status.success());
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn out_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("out.jsonl");
    let out = glose(&["annotate", &examples(), "--out", out_file.to_str().unwrap()]);
    assert_success(&out);
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(written.lines().count(), 7);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn pretty_marks_entities() {
    let file = examples_corpus().join("01-raqqa-reconstruction.txt");
    let out = glose(&["annotate", "--format", "pretty", file.to_str().unwrap()]);
    assert_success(&out);
    let text = stdout(&out);
    assert!(text.starts_with("── "), "{text}");
    assert!(text.contains("[Raqqa|LOC]"), "{text}");
    assert!(text.contains("[EI|ORG]"), "{text}");
    assert!(!text.contains('\x1b'));
    let colored = glose(&[
        "annotate",
        "-f",
        "pretty",
        "--color",
        "always",
        file.to_str().unwrap(),
    ]);
    assert!(stdout(&colored).contains("\x1b[1;32mRaqqa\x1b[0m"));
}

/// Two articles of the same month that count the fighters of one group differently, a
/// third of another year that does too (not compared), each of our own writing.
#[test]
fn check_reports_figures_other_articles_contradict() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "a.txt",
        " date 2021-03\nLe village de Tell Semaan a été repris jeudi.\n\n\
         Quelque 400 combattants du groupe Liwa al-Fajr tenaient encore Tell Semaan début mars.\n",
    );
    write(
        "b.txt",
        " date 2021-04\nUn repli vers l'est.\n\n\
         Selon l'Observatoire syrien des droits de l'Homme, 600 combattants du groupe Liwa \
         al-Fajr se sont repliés vers l'est.\n",
    );
    write(
        "c.txt",
        " date 2019-01\nUn bilan ancien.\n\n\
         Quelque 2.000 combattants du groupe Liwa al-Fajr tenaient la ville.\n",
    );
    let out = glose_in(dir.path(), &["check", "--min-severity", "info"]);
    assert_success(&out);
    let text = stdout(&out);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("[figure-disagreement]"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("./a.txt:4:1: info[figure-disagreement]: «Quelque 400 combattants» here; another article of about the same time gives «600 combattants» in b.txt, 2021-04"),
        "{text}"
    );
    assert!(lines[1].starts_with("./b.txt:4:52: "), "{text}");
    assert!(
        lines[1].contains("«Quelque 400 combattants» in a.txt, 2021-03"),
        "{text}"
    );
    assert!(!text.contains("2.000"), "{text}");
    // Warnings only: not shown.
    let out = glose_in(dir.path(), &["check", "--min-severity", "warning"]);
    assert!(!stdout(&out).contains("figure-disagreement"));
}

#[test]
fn check_reports_diagnostics_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    glose_core::testing::write_files(
        dir.path(),
        &[
            (
                "a.txt",
                "Une frappe près de Damas.\nL'Etat Islamique a revendiqué.\n",
            ),
            ("empty.txt", ""),
        ],
    );
    let out = glose_in(dir.path(), &["check"]);
    assert_success(&out);
    let text = stdout(&out);
    assert!(
        text.contains(
            "./a.txt:2:3: hint[variant-spelling]: «Etat Islamique» is written «État islamique»"
        ),
        "{text}"
    );
    assert!(
        text.contains("./empty.txt:1:1: warning[empty-file]: empty file"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("checked 2 file(s): 0 error(s), 1 warning(s), 0 info, 1 hint(s)")
    );
    let quiet = glose_in(dir.path(), &["check", "--min-severity", "warning"]);
    assert!(!stdout(&quiet).contains("variant-spelling"));
}

/// The number of gold spans in a `glose eval --json` report.
fn gold_total(report: &serde_json::Value) -> u64 {
    let labels = report["labels"].as_array().expect("labels");
    labels
        .iter()
        .map(|l| l["gold"].as_u64().expect("gold count"))
        .sum()
}

#[test]
fn eval_scores_the_example_gold() {
    let gold = examples_corpus().join("gold.jsonl");
    let out = glose(&["eval", "--gold", gold.to_str().unwrap()]);
    assert_success(&out);
    let table = stdout(&out);
    for label in ["PER", "ORG", "LOC", "DATE", "QUANTITY", "PER+ORG+LOC"] {
        assert!(table.lines().any(|l| l.starts_with(label)), "{table}");
    }
    assert!(table.contains("\n7 document(s)\n"), "{table}");
    // The quote gold beside the gold file is scored too.
    assert!(table.contains("quotes: gold 27,"), "{table}");
    assert!(
        table.contains(" anonymous (") && table.contains(" flagged, "),
        "{table}"
    );
    assert!(table.ends_with(" none\n"), "{table}");

    let out = glose(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--json",
        "--errors",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"], 7);
    assert_eq!(gold_total(&report), 210);
    assert!(report["micro"]["precision"].as_f64().unwrap() >= 0.95);
    assert!(
        report["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "false_negative")
    );
    // Every quote not right is listed: missed or given the wrong speaker, and every
    // predicted quote that is none.
    let q = &report["quotes"];
    let errors = q["errors"].as_array().unwrap();
    let count = |kind: &str| errors.iter().filter(|e| e["kind"] == kind).count() as u64;
    let n = |key: &str| q[key].as_u64().unwrap();
    assert_eq!(
        count("missed") + count("speaker"),
        n("gold") - n("speaker_right"),
        "{q}"
    );
    assert_eq!(count("missed"), n("gold") - n("found"), "{q}");
    assert_eq!(count("false"), n("predicted") - n("correct"), "{q}");
    assert!(count("speaker") > 0, "{q}");
    assert!(
        errors
            .iter()
            .filter(|e| e["kind"] == "speaker")
            .all(|e| e["doc"].is_string() && e["gold_speaker"].is_string()),
        "{q}"
    );
    let text = glose(&["eval", "--gold", gold.to_str().unwrap(), "--errors"]);
    let listed = stdout(&text)
        .lines()
        .filter(|l| l.starts_with("speaker QUOTE "))
        .count() as u64;
    assert_eq!(listed, count("speaker"));
}

#[test]
fn eval_scores_a_prediction_file() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    let out = glose(&["annotate", &examples(), "-o", pred.to_str().unwrap()]);
    assert!(out.status.success());
    let gold = examples_corpus().join("gold.jsonl");
    let direct = glose(&["eval", "--gold", gold.to_str().unwrap()]);
    let from_file = glose(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
    ]);
    assert_success(&from_file);
    assert_eq!(stdout(&direct), stdout(&from_file));
}

#[test]
fn eval_on_the_shared_corpus() {
    let Some(dir) = shared_corpus() else {
        eprintln!("shared corpus not found: skipped");
        return;
    };
    let out = glose(&[
        "eval",
        "--gold",
        dir.join("gold.jsonl").to_str().unwrap(),
        "--json",
    ]);
    assert_success(&out);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"], 5);
    assert_eq!(gold_total(&report), 209);
}

/// A folder of good articles plus one bad file; the good ones must still be written.
fn corpus_with(bad_name: &str, bad: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    glose_core::testing::write_files(
        dir.path(),
        &[
            ("a.txt", "Des combats ont eu lieu près de Raqqa, en Syrie."),
            ("z.txt", "L'ONU a appelé à une trêve à Alep."),
        ],
    );
    std::fs::write(dir.path().join(bad_name), bad).unwrap();
    dir
}

/// The file names of the documents written, in order.
fn written_paths(o: &Output) -> Vec<String> {
    json_lines(o)
        .iter()
        .map(|d| {
            Path::new(d["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn invalid_utf8_is_an_error_naming_the_place_and_the_others_are_written() {
    let dir = corpus_with("m.txt", b"Texte\nen latin-1: \xe9t\xe9");
    let out = glose(&["annotate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(written_paths(&out), ["a.txt", "z.txt"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "m.txt: error[invalid-utf8]: invalid UTF-8 at line 2, column 13 (byte 18); use --lossy"
        ),
        "{err}"
    );
    let lossy = glose(&["annotate", "--lossy", dir.path().to_str().unwrap()]);
    assert_eq!(lossy.status.code(), Some(0), "{}", stderr(&lossy));
    assert_eq!(written_paths(&lossy), ["a.txt", "m.txt", "z.txt"]);
    assert!(stdout(&lossy).contains("\"code\":\"invalid-utf8\""));
}

#[test]
fn binary_and_large_files_are_skipped_with_a_warning() {
    let dir = corpus_with("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    // A 100 MB file (sparse: no disk space used).
    let big = std::fs::File::create(dir.path().join("big.txt")).unwrap();
    big.set_len(100 * 1000 * 1000).unwrap();
    let out = glose(&["annotate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(written_paths(&out), ["a.txt", "z.txt"]);
    let err = stderr(&out);
    assert!(
        err.contains("image.txt: warning[binary]: binary file (NUL byte at offset 8)"),
        "{err}"
    );
    assert!(
        err.contains("big.txt: warning[too-large]: 95.4 MiB is over the size limit of 16 MiB"),
        "{err}"
    );
    // Named explicitly, a skipped file is an error.
    let big = dir.path().join("big.txt");
    let out = glose(&[
        "annotate",
        big.to_str().unwrap(),
        dir.path().join("a.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(written_paths(&out), ["a.txt"]);
    assert!(stderr(&out).contains("big.txt: error[too-large]"));
}

#[test]
fn empty_and_unreadable_files() {
    let dir = corpus_with("empty.txt", b"");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("link.txt")).unwrap();
    let out = glose(&["annotate", dir.path().to_str().unwrap()]);
    let err = stderr(&out);
    // The empty file is written, with a warning in its diagnostics.
    let docs = json_lines(&out);
    let empty = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("empty.txt"))
        .unwrap();
    assert_eq!(empty["annotations"].as_array().unwrap().len(), 0);
    assert_eq!(empty["diagnostics"][0]["code"], "empty-file");
    #[cfg(unix)]
    {
        assert!(err.contains("link.txt: warning[unreadable]"), "{err}");
        assert_eq!(written_paths(&out), ["a.txt", "empty.txt", "z.txt"]);
    }
}

#[test]
fn missing_paths_and_empty_folders_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = glose(&[
        "annotate",
        dir.path().join("nope").to_str().unwrap(),
        &examples(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope: error[not-found]: no such file or folder"));
    assert_eq!(json_lines(&out).len(), 7);

    let out = glose(&["annotate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("error[no-articles]: no article files in this folder (looked for **/*.txt)")
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_malformed_kb_is_reported_with_its_position_and_the_rest_still_works() {
    let dir = corpus_with(
        "m.txt",
        "Le Front de libération du Levant a frappé Raqqa.".as_bytes(),
    );
    let kb = dir.path().join("kb");
    glose_core::testing::write_files(
        &kb,
        &[
            (
                "good.toml",
                "[[entity]]\nid = \"fll\"\ntype = \"ORG\"\nname = \"Front de libération du Levant\"\n",
            ),
            ("bad.toml", "[[entity]]\nid = \"x\"\ntype = ORG\n"),
        ],
    );
    let with_kb = |command| {
        glose(&[
            command,
            dir.path().to_str().unwrap(),
            "--kb",
            kb.to_str().unwrap(),
        ])
    };
    let out = with_kb("annotate");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad.toml:3:8: error[kb]: "), "{err}");
    assert_eq!(written_paths(&out), ["a.txt", "m.txt", "z.txt"]);
    assert!(stdout(&out).contains("\"entity\":\"fll\""));
    let check = with_kb("check");
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("bad.toml:3:8: error[kb]: "));
}

#[test]
fn a_broken_config_stops_with_its_position() {
    let dir = corpus_with("m.txt", b"Alep");
    std::fs::write(dir.path().join("glose.toml"), "[corpus]\ninclude = 3\n").unwrap();
    let out = glose(&["annotate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("glose.toml:2:11: invalid type"), "{err}");
}

#[test]
fn config_globs_select_articles() {
    let dir = corpus_with("notes.md", b"Homs");
    std::fs::write(
        dir.path().join("glose.toml"),
        "[corpus]\ninclude = [\"*.md\"]\n",
    )
    .unwrap();
    let out = glose(&["annotate", dir.path().to_str().unwrap()]);
    assert_success(&out);
    assert_eq!(written_paths(&out), ["notes.md"]);
}

#[test]
fn help_lists_the_commands_and_formats() {
    let out = glose(&["--help"]);
    let text = stdout(&out);
    for cmd in ["annotate", "check", "eval"] {
        assert!(text.contains(cmd), "{text}");
    }
    let text = stdout(&glose(&["annotate", "--help"]));
    assert!(text.contains("jsonl") && text.contains("pretty"), "{text}");
}

#[test]
fn broken_pipe_is_quiet() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command()
        .args(["annotate", &examples()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code().is_some(), "killed by a signal");
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_an_error_and_the_others_are_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus_with("secret.txt", b"Alep");
    let secret = dir.path().join("secret.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        eprintln!("running with permission to read anything (root): skipped");
        return;
    }
    let out = glose(&["annotate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("secret.txt: error[unreadable]: cannot read: Permission denied"),
        "{err}"
    );
    assert_eq!(written_paths(&out), ["a.txt", "z.txt"]);
}

#[test]
fn eval_scores_quotes_and_speakers_from_the_quote_gold_beside_the_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = "« Nous ne partirons pas », a déclaré Jeanne Ortolan à Quimperlé.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let name = "Jeanne Ortolan";
    let start = text.find(name).unwrap();
    let gold = serde_json::json!({"doc": "a.txt", "annotations": [
        {"start": start, "end": start + name.len(), "label": "PER", "text": name}
    ]});
    std::fs::write(dir.path().join("gold.jsonl"), format!("{gold}\n")).unwrap();
    let quote_end = text.find(',').unwrap();
    let quotes = serde_json::json!({"doc": "a.txt", "quotes": [
        {"start": 0, "end": quote_end, "text": &text[..quote_end], "speaker": name}
    ]});
    std::fs::write(dir.path().join("quotes.jsonl"), format!("{quotes}\n")).unwrap();
    let gold_path = dir.path().join("gold.jsonl");
    let out = eval_builtin(&gold_path, &["--json"]);
    assert_success(&out);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["quotes"]["gold"], 1, "{report}");
    assert_eq!(report["quotes"]["found"], 1, "{report}");
    assert_eq!(report["quotes"]["speaker_right"], 1, "{report}");
    let table = stdout(&eval_builtin(&gold_path, &[]));
    assert!(table.contains("speakers: right 1 of 1"), "{table}");
}

#[test]
fn annotate_writes_one_csv_row_per_quote() {
    let corpus = examples();
    let out = glose(&["annotate", "--config", "/dev/null", "-f", "quotes", &corpus]);
    assert_success(&out);
    let table = stdout(&out);
    let mut lines = table.lines();
    assert_eq!(
        lines.next(),
        Some("article,date,speaker,entity,anonymous,verb,start,end,text")
    );
    let rows: Vec<&str> = lines.collect();
    // As many rows as the JSONL output has quotes.
    let jsonl = glose(&["annotate", "--config", "/dev/null", &corpus]);
    let quotes: usize = json_lines(&jsonl)
        .iter()
        .map(|d| {
            d["annotations"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["label"] == "QUOTE")
                .count()
        })
        .sum();
    assert!(quotes > 5);
    assert_eq!(rows.len(), quotes, "{table}");
    // The article's date is on its rows.
    assert!(
        rows.iter()
            .any(|r| r.contains("01-raqqa-reconstruction.txt,2019-05,")),
        "{table}"
    );
    assert!(
        rows.iter().any(|r| r.contains(",\"«")),
        "quotes with commas are quoted"
    );
    // A stream has no table of quotes.
    let stream = glose(&["annotate", "--stdin", "-f", "quotes"]);
    assert_eq!(stream.status.code(), Some(2));
    let err = stderr(&stream);
    assert!(err.contains("one row per quote"), "{err}");
}
