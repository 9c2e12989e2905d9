//! `glose annotate --format csv` and `--format parquet`: the tables hold one row per
//! annotation of the JSONL, no more and no less, with the columns of docs/formats.md.
//!
//! Every test derives the rows it expects from glose's own JSONL output and the texts
//! (code-point offsets, typed attributes, the rest of the attributes as JSON) with the
//! rules of docs/formats.md, written again here, then compares them with the tables:
//!
//! - the CSV, read here, for the example corpus (resolved and `--all`), its folder
//!   output, and a stream of records (`--stdin`);
//! - the CSV and the Parquet file of the example corpus, of every corpus of
//!   `tests/corpora` (at most 80 articles of each) and of the stream, annotated in
//!   debug builds in about 10 s, read back by pandas, pyarrow and DuckDB
//!   (`tests/columnar/read_back.py`, run by `GLOSE_COLUMNAR_PYTHON`, default `python3`);
//!   skipped with a line saying why when that Python lacks them, unless
//!   `GLOSE_REQUIRE_COLUMNAR=1`;
//! - the same tables of the example corpus and the stream read by Spark
//!   (`spark.read.parquet`, `spark.read.csv`), with `GLOSE_SPARK_PYTHON` and Java 17 or
//!   later as for `tests/spark.rs`; skipped without them unless `GLOSE_REQUIRE_SPARK=1`.
//!
//! And without any tool: `--format parquet` without `--out FILE`, or with a folder, is
//! a usage error (status 2) naming the flag, and a run that fails leaves the previous
//! output file as it was.
//!
//! `.ci/editors/columnar.sh` installs pyarrow, pandas and DuckDB in CI and requires
//! them. Locally:
//!
//! ```sh
//! python3 -m venv target/columnar-venv
//! target/columnar-venv/bin/pip install pyarrow==26.0.1 pandas==3.1.1 duckdb==2.0.1
//! GLOSE_COLUMNAR_PYTHON=target/columnar-venv/bin/python GLOSE_REQUIRE_COLUMNAR=1 \
//!     cargo test -p glose-cli --test columnar -- --nocapture
//! ```

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{stderr, stdout};
use glose_tests::{example_texts, java_17, or_skip, python_running, repo_root};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

fn say(line: &str) {
    glose_tests::say(&format!("columnar: {line}"));
}

/// The type of a column.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Text,
    Int,
    Float,
    Bool,
}

/// The columns of docs/formats.md, in order.
const SCHEMA: [(&str, Kind); 24] = [
    ("path", Kind::Text),
    ("date", Kind::Text),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("start_char", Kind::Int),
    ("end_char", Kind::Int),
    ("label", Kind::Text),
    ("text", Kind::Text),
    ("tagger", Kind::Text),
    ("entity", Kind::Text),
    ("confidence", Kind::Float),
    ("quantity_value", Kind::Float),
    ("quantity_low", Kind::Float),
    ("quantity_high", Kind::Float),
    ("quantity_unit", Kind::Text),
    ("quantity_noun", Kind::Text),
    ("quantity_approximate", Kind::Bool),
    ("date_value", Kind::Text),
    ("date_precision", Kind::Text),
    ("quote_speaker", Kind::Text),
    ("quote_speaker_entity", Kind::Text),
    ("quote_verb", Kind::Text),
    ("quote_anonymous", Kind::Bool),
    ("attrs", Kind::Text),
];

/// A row of a table, typed by the schema: a reader that gives a null where there may
/// be none, a float for an integer, or another column fails to give one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    path: String,
    date: Option<String>,
    start: i64,
    end: i64,
    start_char: i64,
    end_char: i64,
    label: String,
    text: String,
    tagger: String,
    entity: Option<String>,
    confidence: f64,
    quantity_value: Option<f64>,
    quantity_low: Option<f64>,
    quantity_high: Option<f64>,
    quantity_unit: Option<String>,
    quantity_noun: Option<String>,
    quantity_approximate: Option<bool>,
    date_value: Option<String>,
    date_precision: Option<String>,
    quote_speaker: Option<String>,
    quote_speaker_entity: Option<String>,
    quote_verb: Option<String>,
    quote_anonymous: Option<bool>,
    attrs: Option<String>,
}

/// A row as JSON fields, by column.
type Fields = Map<String, Value>;

fn typed(fields: Fields) -> Row {
    let names: Vec<&String> = fields.keys().collect();
    assert_eq!(names.len(), SCHEMA.len(), "columns {names:?}");
    serde_json::from_value(Value::Object(fields)).unwrap()
}

/// The rows the tables must hold for one JSONL record whose document has `text`.
fn expected_rows(record: &Value, text: &str) -> Vec<Row> {
    let path = record["path"].as_str().expect("path");
    let date = record["meta"]["date"].clone();
    let mut rows = Vec::new();
    for a in record["annotations"].as_array().expect("annotations") {
        let start = a["start"].as_u64().unwrap() as usize;
        let end = a["end"].as_u64().unwrap() as usize;
        let label = a["label"].as_str().unwrap();
        let mut attrs = a["attrs"].as_object().cloned().unwrap_or_default();
        let mut row = Fields::new();
        for (name, _) in SCHEMA {
            row.insert(name.to_owned(), Value::Null);
        }
        row["path"] = json!(path);
        row["date"] = date.clone();
        row["start"] = json!(start);
        row["end"] = json!(end);
        row["start_char"] = json!(text[..start].chars().count());
        row["end_char"] = json!(text[..end].chars().count());
        row["label"] = json!(label);
        row["text"] = a["text"].clone();
        assert_eq!(a["text"], json!(&text[start..end]), "{path}");
        row["tagger"] = a["tagger"].clone();
        row["entity"] = a["entity"].clone();
        row["confidence"] = json!(a["confidence"].as_f64().unwrap_or(1.0));
        // Typed columns take an attribute of their label when it has their type.
        let mut take = |key: &str, typed: &dyn Fn(&Value) -> Option<Value>| {
            let value = attrs.get(key).and_then(typed)?;
            attrs.remove(key);
            Some(value)
        };
        let string = |v: &Value| v.as_str().map(|s| json!(s));
        let boolean = |v: &Value| v.as_bool().map(|b| json!(b));
        match label {
            "QUANTITY" => {
                let amount = take("value", &|v| match v {
                    Value::Number(n) => Some(json!([n.as_f64()?])),
                    Value::Array(pair) if pair.len() == 2 => {
                        Some(json!([pair[0].as_f64()?, pair[1].as_f64()?]))
                    }
                    _ => None,
                });
                if let Some(amount) = amount {
                    let bounds = amount.as_array().unwrap();
                    if bounds.len() == 1 {
                        row["quantity_value"] = bounds[0].clone();
                    }
                    row["quantity_low"] = bounds[0].clone();
                    row["quantity_high"] = bounds[bounds.len() - 1].clone();
                }
                row["quantity_unit"] = take("unit", &string).unwrap_or(Value::Null);
                row["quantity_noun"] = take("noun", &string).unwrap_or(Value::Null);
                row["quantity_approximate"] = take("approximate", &boolean).unwrap_or(Value::Null);
            }
            "DATE" => {
                row["date_value"] = take("value", &|v| match v {
                    Value::String(s) => Some(json!(s)),
                    Value::Array(pair) => match pair.as_slice() {
                        [Value::String(from), Value::String(to)] => {
                            Some(json!(format!("{from}/{to}")))
                        }
                        _ => None,
                    },
                    _ => None,
                })
                .unwrap_or(Value::Null);
                row["date_precision"] = take("precision", &string).unwrap_or(Value::Null);
            }
            "QUOTE" => {
                row["quote_speaker"] = take("speaker", &string).unwrap_or(Value::Null);
                row["quote_speaker_entity"] =
                    take("speaker_entity", &string).unwrap_or(Value::Null);
                row["quote_verb"] = take("verb", &string).unwrap_or(Value::Null);
                row["quote_anonymous"] = take("anonymous", &boolean).unwrap_or(Value::Null);
            }
            _ => {}
        }
        if !attrs.is_empty() {
            row["attrs"] = json!(serde_json::to_string(&attrs).unwrap());
        }
        rows.push(typed(row));
    }
    rows
}

/// Asserts that `got` are the `expected` rows, in order (or in any order: `sorted`):
/// the same values, floats within a relative 1e-12, `attrs` the same JSON object.
fn assert_rows(what: &str, expected: &[Row], got: &[Row], sorted: bool) {
    assert_eq!(got.len(), expected.len(), "{what}: number of rows");
    let (mut expected, mut got): (Vec<&Row>, Vec<&Row>) =
        (expected.iter().collect(), got.iter().collect());
    if sorted {
        let key = |r: &&Row| {
            (
                r.path.clone(),
                r.start,
                r.end,
                r.label.clone(),
                r.tagger.clone(),
            )
        };
        expected.sort_by_key(key);
        got.sort_by_key(key);
    }
    let close = |e: Option<f64>, g: Option<f64>| match (e, g) {
        (Some(e), Some(g)) if (e - g).abs() <= 1e-12 * e.abs().max(1.0) => Some(e),
        _ => g,
    };
    let json = |attrs: &Option<String>| {
        attrs
            .as_deref()
            .map(|a| serde_json::from_str::<Value>(a).unwrap())
    };
    for (i, (e, g)) in expected.iter().zip(&got).enumerate() {
        let mut g = (*g).clone();
        g.confidence = close(Some(e.confidence), Some(g.confidence)).unwrap();
        g.quantity_value = close(e.quantity_value, g.quantity_value);
        g.quantity_low = close(e.quantity_low, g.quantity_low);
        g.quantity_high = close(e.quantity_high, g.quantity_high);
        if json(&e.attrs) == json(&g.attrs) {
            g.attrs = e.attrs.clone();
        }
        assert_eq!(**e, g, "{what}: row {i}");
    }
}

/// `glose ARGS` run in the repository's root (so that paths are as the JSONL gives
/// them), with `input` on standard input.
fn glose(args: &[&str], input: Option<&[u8]>) -> Output {
    common::glose_fed(&repo_root(), args, input)
}

/// `glose annotate examples/corpus --format FORMAT EXTRA --out OUT`.
fn examples_to(format: &str, out: &str, extra: &[&str]) -> Output {
    let args = [
        &["annotate", "examples/corpus", "--format", format][..],
        extra,
        &["--out", out],
    ];
    glose(&args.concat(), None)
}

fn assert_ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: status {:?}\n{}",
        out.status,
        stderr(out)
    );
}

/// The rows expected from a JSONL output: the text of each document is the file it
/// names (relative to the repository), or the record of `stream` with its id.
fn expected_from_jsonl(jsonl: &str, stream: &HashMap<String, String>) -> Vec<Row> {
    let mut rows = Vec::new();
    for line in jsonl.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        if record.get("error").is_some() {
            continue; // a bad record of a stream
        }
        let path = record["path"].as_str().unwrap();
        let text = match stream.get(path) {
            Some(text) => text.clone(),
            None => std::fs::read_to_string(repo_root().join(path)).unwrap(),
        };
        rows.extend(expected_rows(&record, &text));
    }
    rows
}

/// A minimal RFC 4180 reader: records of fields, a field `None` when empty and not
/// quoted (a null), and whether the file ended with a line break.
fn read_csv(text: &str) -> Vec<Vec<Option<String>>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = text.chars().peekable();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "a CSV ends with a line break"
    );
    while chars.peek().is_some() {
        let field = if chars.peek() == Some(&'"') {
            chars.next();
            let mut field = String::new();
            loop {
                match chars.next().expect("a closing quote") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
            Some(field)
        } else {
            let mut field = String::new();
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\n' {
                    break;
                }
                assert!(
                    c != '"' && c != '\r',
                    "unquoted field with {c:?} in {field:?}"
                );
                field.push(c);
                chars.next();
            }
            (!field.is_empty()).then_some(field)
        };
        record.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\n') | None => records.push(std::mem::take(&mut record)),
            Some(c) => panic!("{c:?} after a quoted field"),
        }
    }
    records
}

/// The rows of a CSV table, typed by the schema; the header must be the schema's.
fn csv_rows(text: &str) -> Vec<Row> {
    let records = read_csv(text);
    let header: Vec<Option<String>> = SCHEMA.iter().map(|(n, _)| Some((*n).to_owned())).collect();
    assert_eq!(records.first(), Some(&header), "the header row");
    records[1..]
        .iter()
        .map(|record| {
            assert_eq!(record.len(), SCHEMA.len(), "{record:?}");
            SCHEMA
                .iter()
                .zip(record)
                .map(|((name, kind), field)| {
                    let value = match (kind, field) {
                        (_, None) => Value::Null,
                        (Kind::Text, Some(s)) => json!(s),
                        (Kind::Int, Some(s)) => json!(s.parse::<i64>().unwrap()),
                        (Kind::Float, Some(s)) => json!(s.parse::<f64>().unwrap()),
                        (Kind::Bool, Some(s)) => json!(match s.as_str() {
                            "true" => true,
                            "false" => false,
                            other => panic!("{name}: not a boolean: {other}"),
                        }),
                    };
                    ((*name).to_owned(), value)
                })
                .collect()
        })
        .map(typed)
        .collect()
}

/// Records for `--stdin`: the example articles and odd ones (a byte order mark, CRLF,
/// an emoji, a quote over a line break with double quotes, a record with nothing to
/// annotate), ids of every kind; their texts by the JSONL's `path`. Also a line that
/// is no record.
fn stream() -> (Vec<u8>, HashMap<String, String>) {
    let mut texts: Vec<String> = example_texts();
    texts.push(
        "\u{feff} date 2021-03\r\nÀ Alep 😀, les Forces démocratiques syriennes (FDS) ont \
         avancé.\r\n« Rien ne passe,\r\nni les \"convois\" », a déclaré le colonel Yassine \
         Harbi.\r\n"
            .to_owned(),
    );
    texts.push("rien".to_owned());
    texts.push(
        " date 2020-01 Près de 300 familles ont quitté Mossoul en mars. Le chômage a baissé \
         de 2,5 % sur la période 2026-2027, et de 6 à 8 points selon l’Insee."
            .to_owned(),
    );
    let mut input = Vec::new();
    let mut by_path = HashMap::new();
    for (i, text) in texts.into_iter().enumerate() {
        let id = match i % 4 {
            0 => json!(i),
            1 => json!(format!("dépêche, n°{i}")),
            2 => json!({"k": i, "q": "a\"b"}),
            _ => json!(format!("r{i}")),
        };
        let path = match &id {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        by_path.insert(path, text.clone());
        input.extend(json!({"id": id, "text": text}).to_string().into_bytes());
        input.push(b'\n');
        if i == 2 {
            input.extend(b"not a record\n");
        }
    }
    (input, by_path)
}

/// What `--stdin` gives as JSONL, as CSV (standard output) and as Parquet (`parquet`):
/// the JSONL and the CSV. A record that is no record makes each run end with status 1.
fn annotate_stream(parquet: &Path) -> (String, String, HashMap<String, String>) {
    let (input, texts) = stream();
    let jsonl = glose(&["annotate", "--stdin"], Some(&input));
    let csv = glose(&["annotate", "--stdin", "--format", "csv"], Some(&input));
    let pq = glose(
        &[
            "annotate",
            "--stdin",
            "--format",
            "parquet",
            "--out",
            parquet.to_str().unwrap(),
        ],
        Some(&input),
    );
    for (out, what) in [(&jsonl, "jsonl"), (&csv, "csv"), (&pq, "parquet")] {
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(out));
        assert!(
            stderr(out).contains("line 4: not JSON"),
            "{what}: {}",
            stderr(out)
        );
    }
    assert!(stdout(&pq).is_empty());
    assert!(parquet.is_file());
    (stdout(&jsonl), stdout(&csv), texts)
}

#[test]
fn csv_rows_are_the_annotations_of_the_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for all in [false, true] {
        let mut args = vec!["annotate", "examples/corpus"];
        if all {
            args.push("--all");
        }
        let jsonl = glose(&args, None);
        assert_ok(&jsonl, "jsonl");
        let csv = glose(&[args.as_slice(), &["--format", "csv"]].concat(), None);
        assert_ok(&csv, "csv");
        let expected = expected_from_jsonl(&stdout(&jsonl), &HashMap::new());
        assert!(expected.len() > 100, "{} rows", expected.len());
        let got = csv_rows(&stdout(&csv));
        assert_rows(
            &format!("csv of the examples (all: {all})"),
            &expected,
            &got,
            false,
        );
        seen.extend(got);
        // --out FILE holds the same bytes.
        let file = dir.path().join(format!("all-{all}.csv"));
        let out = glose(
            &[
                args.as_slice(),
                &["--format", "csv", "--out", file.to_str().unwrap()],
            ]
            .concat(),
            None,
        );
        assert_ok(&out, "csv --out FILE");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout(&csv));
    }

    // --out FOLDER: one table per document, each with its header.
    let folder = dir.path().join("tables/");
    let out = examples_to("csv", folder.to_str().unwrap(), &[]);
    assert_ok(&out, "csv --out FOLDER");
    let jsonl = stdout(&glose(&["annotate", "examples/corpus"], None));
    for line in jsonl.lines() {
        let expected = expected_from_jsonl(line, &HashMap::new());
        let path = expected[0].path.clone();
        let name = Path::new(&path).file_stem().unwrap().to_str().unwrap();
        let table = std::fs::read_to_string(folder.join(format!("{name}.csv"))).unwrap();
        assert_rows(&path, &expected, &csv_rows(&table), false);
    }

    // A stream: one row per annotation, none for a record without any or a bad line.
    let (jsonl, csv, texts) = annotate_stream(&dir.path().join("stream.parquet"));
    let expected = expected_from_jsonl(&jsonl, &texts);
    let got = csv_rows(&csv);
    assert_rows("csv of the stream", &expected, &got, false);
    let rien = texts.iter().find(|(_, t)| *t == "rien").unwrap().0;
    assert!(
        !got.iter().any(|r| &r.path == rien),
        "the record `rien` has a row"
    );
    assert!(got.iter().any(|r| r.text.contains("\r\n")));
    assert!(got.iter().any(|r| r.path.contains(", n°")));
    // Every typed column has values: a range, a unit, a date interval…
    seen.extend(got);
    let seen: Vec<Value> = seen
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    for (column, _) in &SCHEMA[11..23] {
        assert!(
            seen.iter().any(|r| !r[*column].is_null()),
            "{column} always null"
        );
    }
    assert!(
        seen.iter()
            .any(|r| r["quantity_value"].is_null() && !r["quantity_low"].is_null())
    );
    assert!(seen.iter().any(|r| r["date_value"] == json!("2026/2027")));
    // The whole of standard input as one document.
    let text = "À Mossoul, l’ONU a compté près de 300 familles.";
    let one = glose(
        &["annotate", "--stdin-text", "--format", "csv"],
        Some(text.as_bytes()),
    );
    assert_ok(&one, "--stdin-text");
    let jsonl = glose(&["annotate", "--stdin-text"], Some(text.as_bytes()));
    let texts = HashMap::from([("stdin".to_owned(), text.to_owned())]);
    assert_rows(
        "--stdin-text",
        &expected_from_jsonl(&stdout(&jsonl), &texts),
        &csv_rows(&stdout(&one)),
        false,
    );
}

#[test]
fn parquet_needs_a_file_and_a_failed_run_keeps_the_previous_one() {
    let dir = tempfile::tempdir().unwrap();
    let usage = |out: &Output, what: &str, words: &[&str]| {
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(out));
        let err = stderr(out);
        for word in words {
            assert!(err.contains(word), "{what}: {err}");
        }
        assert!(!err.contains("panicked"), "{what}: {err}");
        assert!(out.stdout.is_empty(), "{what}");
    };
    let out = glose(
        &["annotate", "examples/corpus", "--format", "parquet"],
        None,
    );
    usage(&out, "no --out", &["--format parquet", "--out FILE"]);
    let out = glose(
        &["annotate", "--stdin", "--format", "parquet"],
        Some(b"{\"id\":1,\"text\":\"x\"}\n"),
    );
    usage(
        &out,
        "--stdin, no --out",
        &["--format parquet", "--out FILE"],
    );
    let folder = dir.path().to_str().unwrap();
    let out = examples_to("parquet", folder, &[]);
    usage(&out, "--out FOLDER", &["--format parquet", "--out"]);
    let out = glose(
        &[
            "annotate", "--stdin", "--format", "parquet", "--out", folder,
        ],
        Some(b""),
    );
    usage(&out, "--stdin --out FOLDER", &["--out", folder]);
    let file = dir.path().join("t.parquet");
    let out = examples_to("parquet", file.to_str().unwrap(), &["--resume"]);
    usage(&out, "--resume", &["--format parquet", "--resume"]);
    let missing = dir.path().join("no/such/folder/t.parquet");
    let out = examples_to("parquet", missing.to_str().unwrap(), &[]);
    usage(
        &out,
        "a folder that does not exist",
        &["cannot create", "no/such/folder/t.parquet"],
    );

    // A run that fails leaves the previous file as it was, and no temporary file.
    std::fs::write(&file, "previous").unwrap();
    let out = glose(
        &[
            "annotate",
            "--stdin-text",
            "--format",
            "parquet",
            "--out",
            file.to_str().unwrap(),
        ],
        Some(b"Le HCR \xff\xfe Erbil"),
    );
    usage(&out, "invalid UTF-8", &["invalid UTF-8"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "previous");
    let out = examples_to("parquet", file.to_str().unwrap(), &[]);
    assert_ok(&out, "parquet");
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
        "not a Parquet file"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["t.parquet"]);
    // The CSV of an empty stream is its header.
    let out = glose(&["annotate", "--stdin", "--format", "csv"], Some(b""));
    assert_ok(&out, "empty stream");
    assert_eq!(csv_rows(&stdout(&out)).len(), 0);
}

/// The Python that has pandas, pyarrow and DuckDB, and their versions.
fn columnar_python() -> Result<(PathBuf, String), String> {
    python_running(
        "GLOSE_COLUMNAR_PYTHON",
        "import pandas, pyarrow, duckdb; \
         print(f'pandas {pandas.__version__}, pyarrow {pyarrow.__version__}, duckdb {duckdb.__version__}')",
        "pandas, pyarrow and duckdb",
    )
}

/// The Python that has pyspark, when Java 17 or later is there too.
fn spark_python() -> Result<PathBuf, String> {
    let (python, _) = python_running("GLOSE_SPARK_PYTHON", "import pyspark", "pyspark")?;
    java_17()?;
    Ok(python)
}

/// One table to read back, and the rows it must hold.
struct Table {
    file: PathBuf,
    expected: Vec<Row>,
}

/// The tables of `corpora` (folders relative to the repository) annotated together:
/// their CSV and Parquet file, written into `dir` as `name.csv` and `name.parquet`.
fn corpus_tables(corpora: &[&str], name: &str, extra: &[&str], dir: &Path) -> Vec<Table> {
    let args = [&["annotate"], corpora, extra].concat();
    let jsonl = glose(&args, None);
    assert_ok(&jsonl, name);
    let expected = expected_from_jsonl(&stdout(&jsonl), &HashMap::new());
    ["csv", "parquet"]
        .iter()
        .map(|format| {
            let file = dir.join(format!("{name}.{format}"));
            let out = glose(
                &[
                    args.as_slice(),
                    &["--format", format, "--out", file.to_str().unwrap()],
                ]
                .concat(),
                None,
            );
            assert_ok(&out, &format!("{name} as {format}"));
            Table {
                file,
                expected: expected.clone(),
            }
        })
        .collect()
}

/// The tables of the stream of [`stream`], written into `dir`.
fn stream_tables(dir: &Path) -> Vec<Table> {
    let parquet = dir.join("stream.parquet");
    let (jsonl, csv, texts) = annotate_stream(&parquet);
    let expected = expected_from_jsonl(&jsonl, &texts);
    let csv_file = dir.join("stream.csv");
    std::fs::write(&csv_file, csv).unwrap();
    vec![
        Table {
            file: csv_file,
            expected: expected.clone(),
        },
        Table {
            file: parquet,
            expected,
        },
    ]
}

/// Runs read_back.py with `python` and `readers` on the tables, and compares what each
/// reader read with the rows expected.
fn read_back(python: &Path, readers: &[&str], tables: &[Table], dir: &Path, sorted: bool) {
    let out_dir = dir.join(format!("read-{}", readers.join("-")));
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut cmd = Command::new(python);
    cmd.arg(repo_root().join("tests/columnar/read_back.py"))
        .args(["--readers", &readers.join(",")])
        .arg("--out")
        .arg(&out_dir)
        .args(tables.iter().map(|t| &t.file))
        .env("PYSPARK_PYTHON", python)
        .stdin(Stdio::null());
    if std::env::var_os("SPARK_LOCAL_IP").is_none() {
        cmd.env("SPARK_LOCAL_IP", "127.0.0.1");
    }
    let out = cmd.output().expect("python runs");
    assert!(
        out.status.success(),
        "read_back.py {readers:?}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    say(String::from_utf8_lossy(&out.stdout).trim());
    for reader in readers {
        for (i, table) in tables.iter().enumerate() {
            let read =
                std::fs::read_to_string(out_dir.join(format!("{i}.{reader}.jsonl"))).unwrap();
            let got: Vec<Row> = read
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let what = format!("{reader} reading {}", table.file.display());
            assert_rows(&what, &table.expected, &got, sorted);
        }
    }
}

/// Articles of a corpus of tests/corpora given to glose in the test, at most: a larger
/// corpus is represented by evenly spaced articles (in debug builds, the 810 of
/// `train` would take most of the test's time).
const MAX_ARTICLES: usize = 80;

/// What to annotate of each corpus of tests/corpora that has articles, relative to the
/// repository: the corpus's folder, or [`MAX_ARTICLES`] of its files; the number of
/// corpora.
fn test_corpora() -> (Vec<String>, usize) {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo_root().join("tests/corpora"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut paths = Vec::new();
    let mut corpora = 0;
    for dir in dirs {
        let mut articles: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        articles.sort();
        let relative = |p: &Path| {
            p.strip_prefix(repo_root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        };
        match articles.len() {
            0 => continue,
            n if n <= MAX_ARTICLES => paths.push(relative(&dir)),
            n => paths.extend((0..MAX_ARTICLES).map(|i| relative(&articles[i * n / MAX_ARTICLES]))),
        }
        corpora += 1;
    }
    (paths, corpora)
}

#[test]
fn pandas_pyarrow_and_duckdb_read_the_tables_as_the_jsonl_says() {
    let Some((python, versions)) = or_skip(
        columnar_python(),
        "COLUMNAR",
        "pandas, pyarrow and duckdb must be there",
    ) else {
        return;
    };
    say(&versions);
    let dir = tempfile::tempdir().unwrap();
    let (corpora, count) = test_corpora();
    assert!(count >= 4, "{corpora:?}");
    // Every corpus in one run: glose starts once per format.
    let mut paths = vec!["examples/corpus"];
    paths.extend(corpora.iter().map(String::as_str));
    let mut tables = corpus_tables(&paths, "corpora", &[], dir.path());
    tables.extend(stream_tables(dir.path()));
    let rows: usize = tables.iter().map(|t| t.expected.len()).sum();
    say(&format!(
        "{} tables, {rows} rows, from the examples, {count} corpora of tests/corpora ({} paths) and a stream",
        tables.len(),
        paths.len()
    ));
    read_back(
        &python,
        &["pandas", "pyarrow", "duckdb"],
        &tables,
        dir.path(),
        false,
    );
}

#[test]
fn spark_reads_the_tables_as_the_jsonl_says() {
    let Some(python) = or_skip(spark_python(), "SPARK", "pyspark and Java 17 must be there") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut tables = corpus_tables(&["examples/corpus"], "examples", &["--all"], dir.path());
    tables.extend(stream_tables(dir.path()));
    // Spark reads the files of a format together: the order of the rows is its own.
    read_back(&python, &["spark"], &tables, dir.path(), true);
}
