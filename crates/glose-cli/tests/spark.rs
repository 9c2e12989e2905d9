//! glose under Apache Spark in local mode: a few thousand JSONL records, made from the
//! example corpus's articles, annotated by one `glose annotate --stdin` process, then by
//! Spark piping the partitions of the same stream through `RDD.pipe`
//! (`tests/spark/spark_pipe.py`, with the binary and its KB shipped as Spark files).
//! The two results are equal record by record: in the input's order when the stream is
//! cut into contiguous slices, and keyed by id after a shuffle. A record that glose
//! rejects fails the Spark job.
//!
//! Needs Python with `pyspark` and Java 17 or later. Locally:
//!
//! ```sh
//! python3 -m venv target/spark-venv
//! target/spark-venv/bin/pip install pyspark==4.0.1
//! apt-get install -y openjdk-17-jre-headless   # when `java -version` is older
//! GLOSE_SPARK_PYTHON=target/spark-venv/bin/python GLOSE_REQUIRE_SPARK=1 \
//!     cargo test -p glose-cli --test spark -- --nocapture
//! ```
//!
//! `GLOSE_SPARK_PYTHON` is the Python that has pyspark (absolute, or relative to the
//! repository; default: `python3`), which also runs Spark's Python workers; Java is
//! `$JAVA_HOME/bin/java` or `java`. Without them the test is skipped with a line saying
//! so, unless `GLOSE_REQUIRE_SPARK=1`: then it fails. `.ci/editors/spark.sh` installs
//! both in CI and requires the test. `GLOSE_SPARK_RECORDS` changes the number of
//! records (default 3000).

mod common;

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::GLOSE;
use glose_tests::{Rng, example_texts, java_17, or_skip, python_running, repo_root};
use serde_json::{Value, json};

fn say(line: &str) {
    glose_tests::say(&format!("spark: {line}"));
}

/// An article of the example corpus: its date marker's value, when it has one, and its
/// paragraphs.
struct Article {
    date: Option<String>,
    paragraphs: Vec<String>,
}

fn articles() -> Vec<Article> {
    example_texts()
        .iter()
        .map(|text| {
            let trimmed = text.trim_start();
            let (date, body) = match trimmed.strip_prefix("date ") {
                Some(rest) if rest.len() > 7 => (Some(rest[..7].to_owned()), &rest[7..]),
                _ => (None, trimmed),
            };
            let paragraphs = body
                .split("\n\n")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            Article { date, paragraphs }
        })
        .collect()
}

/// `n` records varied from the articles: other dates (or none), paragraphs from other
/// articles added, reordered or left out, CRLF line ends, articles repeated to make
/// long records; ids as strings, numbers and non-ASCII strings, all different.
fn records(n: usize) -> Vec<(Value, String)> {
    let articles = articles();
    assert!(articles.len() >= 3, "examples/corpus has articles");
    let mut rng = Rng(0x5eed_0f61_05e5);
    (0..n)
        .map(|i| {
            let base = &articles[rng.below(articles.len())];
            let mut paragraphs = base.paragraphs.clone();
            if rng.chance(40) {
                for _ in 0..1 + rng.below(2) {
                    let other = &articles[rng.below(articles.len())];
                    paragraphs.push(other.paragraphs[rng.below(other.paragraphs.len())].clone());
                }
            }
            if rng.chance(25) {
                let k = rng.below(paragraphs.len());
                paragraphs.rotate_left(k);
            }
            if rng.chance(25) && paragraphs.len() > 1 {
                paragraphs.truncate(1 + rng.below(paragraphs.len() - 1));
            }
            if rng.chance(5) {
                let again = paragraphs.clone();
                paragraphs.extend(again);
            }
            let date = match rng.below(10) {
                0 => None,
                1..=3 => Some(format!("{}-{:02}", 2012 + rng.below(14), 1 + rng.below(12))),
                _ => base.date.clone(),
            };
            let eol = if rng.chance(10) { "\r\n" } else { "\n" };
            let mut text = String::new();
            if let Some(date) = date {
                text.push_str(&format!(" date {date} "));
            }
            text.push_str(&paragraphs.join(&format!("{eol}{eol}")).replace('\n', eol));
            text.push_str(eol);
            let id = match i % 10 {
                0 => json!(i),
                1 => json!(format!("dépêche/{i:05}")),
                _ => json!(format!("doc-{i:05}")),
            };
            (id, text)
        })
        .collect()
}

/// The key of a record: its id as JSON.
fn key(line: &str) -> String {
    let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    v.get("id")
        .unwrap_or_else(|| panic!("no id: {line}"))
        .to_string()
}

/// Runs `command` with standard output and error into files in `dir`, killing it after
/// `limit`; its status, standard output and the end of its standard error.
fn run(
    mut command: Command,
    dir: &Path,
    name: &str,
    limit: Duration,
) -> (std::process::ExitStatus, String, String) {
    let out = dir.join(format!("{name}.stdout"));
    let err = dir.join(format!("{name}.stderr"));
    let mut child = command
        .stdout(File::create(&out).unwrap())
        .stderr(File::create(&err).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("{name} does not start: {e}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{name} still running after {limit:?}; its standard error ends with:\n{}",
                tail(&std::fs::read_to_string(&err).unwrap_or_default())
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    (
        status,
        std::fs::read_to_string(&out).unwrap_or_default(),
        tail(&std::fs::read_to_string(&err).unwrap_or_default()),
    )
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn spark_pipe_equals_one_process() {
    let found = python_running(
        "GLOSE_SPARK_PYTHON",
        "import pyspark; print(pyspark.__version__)",
        "pyspark",
    )
    .and_then(|p| java_17().map(|j| (p, j)))
    .map_err(|why| format!("spark: {why}"));
    let Some(((python, pyspark), java)) = or_skip(found, "SPARK", "Spark must be there") else {
        return;
    };
    say(&format!("pyspark {pyspark}, {java}"));

    let partitions = 7;
    let n: usize = match std::env::var("GLOSE_SPARK_RECORDS") {
        Ok(v) => match v.parse() {
            Ok(n) if n >= partitions => n,
            _ => {
                panic!("GLOSE_SPARK_RECORDS={v:?}: write a number of records, {partitions} or more")
            }
        },
        Err(_) => 3000,
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input.jsonl");
    let records = records(n);
    let mut jsonl = String::new();
    for (id, text) in &records {
        jsonl.push_str(&json!({"id": id, "text": text}).to_string());
        jsonl.push('\n');
    }
    std::fs::write(&input, &jsonl).unwrap();
    // The same configuration in both runs, whatever glose.toml the folders above hold.
    let config = dir.path().join("glose.toml");
    std::fs::write(&config, "# defaults\n").unwrap();
    let kb = repo_root().join("examples/corpus/kb/example.toml");
    let glose = PathBuf::from(GLOSE);

    // One process, on the whole stream.
    let started = Instant::now();
    let mut single = Command::new(&glose);
    single
        .current_dir(dir.path())
        .args(["annotate", "--stdin", "--config"])
        .arg(&config)
        .arg("--kb")
        .arg(&kb)
        .stdin(File::open(&input).unwrap());
    let (status, _, err) = run(single, dir.path(), "single", Duration::from_secs(300));
    assert!(status.success(), "glose annotate --stdin failed:\n{err}");
    let single_seconds = started.elapsed().as_secs_f64();
    std::fs::rename(
        dir.path().join("single.stdout"),
        dir.path().join("single.jsonl"),
    )
    .unwrap();
    let single = lines_of(&dir.path().join("single.jsonl"));
    assert_eq!(single.len(), n, "one output line per record");
    let mut annotated = 0;
    let mut entities = 0;
    for ((id, _), line) in records.iter().zip(&single) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(&v["id"], id, "the output is in the input's order");
        let annotations = v["annotations"].as_array().expect("annotations");
        annotated += usize::from(!annotations.is_empty());
        entities += annotations
            .iter()
            .filter(|a| a.get("entity").is_some())
            .count();
    }
    assert_eq!(annotated, n, "every record has annotations");
    assert!(
        entities >= n,
        "{entities} entities linked to the KB in {n} records"
    );

    // Spark, local mode, two cores.
    let started = Instant::now();
    let mut spark = Command::new(&python);
    spark
        .current_dir(dir.path())
        .arg(repo_root().join("tests/spark/spark_pipe.py"))
        .arg("--glose")
        .arg(&glose)
        .arg("--input")
        .arg(&input)
        .args(["--output", "slices.jsonl"])
        .args(["--shuffle-output", "shuffled.jsonl"])
        .args(["--partitions", &partitions.to_string()])
        .args(["--master", "local[2]"])
        .arg("--kb")
        .arg(&kb)
        .arg("--config")
        .arg(&config)
        .args(["--learned-output", "learned.jsonl"])
        .args(["--bad-record", "--", "-j1"])
        // Spark's Python workers: the same interpreter as the driver.
        .env("PYSPARK_PYTHON", &python)
        .stdin(Stdio::null());
    if std::env::var_os("SPARK_LOCAL_IP").is_none() {
        // Local mode needs no network: do not depend on how the host name resolves.
        spark.env("SPARK_LOCAL_IP", "127.0.0.1");
    }
    let (status, out, err) = run(spark, dir.path(), "spark", Duration::from_secs(600));
    let spark_seconds = started.elapsed().as_secs_f64();
    assert!(
        status.success(),
        "the Spark run failed:\n{out}\n-- standard error:\n{err}"
    );
    let figures: HashMap<&str, &str> = out.lines().filter_map(|l| l.split_once(": ")).collect();
    assert_eq!(
        figures.get("records"),
        Some(&n.to_string().as_str()),
        "{out}"
    );
    assert_eq!(
        figures.get("partitions"),
        Some(&partitions.to_string().as_str()),
        "{out}"
    );
    let command = figures.get("command").expect("the piped command");
    assert!(
        !command.starts_with(&glose.to_string_lossy().into_owned()),
        "the executors run the shipped copy of glose, not the build's: {command}"
    );

    // Contiguous slices: the same lines, in the same order.
    let slices = lines_of(&dir.path().join("slices.jsonl"));
    assert_eq!(slices.len(), n, "one output line per record through Spark");
    for (i, (a, b)) in single.iter().zip(&slices).enumerate() {
        assert!(
            a == b,
            "record {i} ({}) differs:\none process: {a}\nSpark:       {b}",
            key(a)
        );
    }

    // After a shuffle: the same records, keyed by id.
    let shuffled = lines_of(&dir.path().join("shuffled.jsonl"));
    assert_eq!(
        shuffled.len(),
        n,
        "one output line per record after a shuffle"
    );
    let by_id: HashMap<String, &String> = single.iter().map(|l| (key(l), l)).collect();
    assert_eq!(by_id.len(), n, "the ids are all different");
    let mut seen = HashMap::new();
    for line in &shuffled {
        let k = key(line);
        let expected = by_id
            .get(&k)
            .unwrap_or_else(|| panic!("Spark gave a record with an unknown id {k}"));
        assert!(
            *expected == line,
            "record {k} differs after a shuffle:\none process: {expected}\nSpark:       {line}"
        );
        assert!(seen.insert(k.clone(), ()).is_none(), "record {k} twice");
    }
    let same_order = shuffled.iter().zip(&single).all(|(a, b)| a == b);

    // The corpus pass in two jobs (learn per partition, merge, annotate with the
    // shipped knowledge): the annotations of one folder run over the same articles.
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    for (i, (_, text)) in records.iter().enumerate() {
        std::fs::write(folder.join(format!("{i:05}.txt")), text).unwrap();
    }
    let mut one_run = Command::new(&glose);
    one_run
        .current_dir(dir.path())
        .arg("annotate")
        .arg(&folder)
        .arg("--config")
        .arg(&config)
        .arg("--kb")
        .arg(&kb)
        .stdin(Stdio::null());
    let (status, folder_out, err) = run(one_run, dir.path(), "folder", Duration::from_secs(300));
    assert!(status.success(), "glose annotate FOLDER failed:\n{err}");
    let learned = lines_of(&dir.path().join("learned.jsonl"));
    assert_eq!(learned.len(), n, "one output line per record (corpus pass)");
    let mut changed = 0;
    for (i, ((id, _), (line, alone))) in records.iter().zip(learned.iter().zip(&single)).enumerate()
    {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(&v["id"], id, "the output is in the input's order");
        let f: Value = serde_json::from_str(folder_out.lines().nth(i).unwrap()).unwrap();
        assert!(
            f["path"]
                .as_str()
                .unwrap()
                .ends_with(&format!("{i:05}.txt")),
            "folder order"
        );
        assert_eq!(
            v["annotations"], f["annotations"],
            "record {i} ({id}): the two Spark jobs differ from the folder run"
        );
        changed += usize::from(line != alone);
    }
    assert!(changed > 0, "what the corpus teaches changes some records");
    let knowledge_bytes: usize = figures
        .get("knowledge_bytes")
        .and_then(|v| v.parse().ok())
        .expect("the size of the knowledge");

    // A record without text: glose says which and ends with status 1; the job fails.
    assert_eq!(
        figures.get("bad-record").copied(),
        Some("job failed (glose exited with status 1)"),
        "{out}\n{err}"
    );

    say(&format!(
        "{n} records equal: one process {single_seconds:.1} s; Spark {spark_seconds:.1} s in all \
         (start {}, {partitions} slices {} s, shuffled {} s, learn + annotate {} s with \
         {knowledge_bytes} bytes of knowledge, {changed} records changed by it{}), a rejected \
         record fails the job",
        figures.get("spark_start_seconds").unwrap_or(&"?"),
        figures.get("slices_seconds").unwrap_or(&"?"),
        figures.get("shuffle_seconds").unwrap_or(&"?"),
        figures.get("learned_seconds").unwrap_or(&"?"),
        if same_order {
            ", in the same order"
        } else {
            ", in another order"
        }
    ));
}
