//! `glose agree`: agreement between two annotators of the same documents.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use glose_core::Label;
use glose_core::eval::agree::{self, Agreement, AnnotationSet, Kappa, SetDoc};
use glose_core::eval::{self, Counts};
use serde_json::json;

use crate::Status;

#[derive(Args, Debug)]
pub(crate) struct AgreeArgs {
    /// The reference annotations: gold JSONL (`{"doc": NAME, "annotations": [...]}` per
    /// line, the articles beside it), the JSONL output of `glose annotate`, IOB2
    /// (CoNLL) gold for a name not ending in `.jsonl` whose first line is not JSON, or a
    /// corpus folder (the articles its analyst corrected, as corrected).
    #[arg(value_name = "A")]
    a: PathBuf,
    /// The other annotator's annotations of the same documents, in any of those formats.
    #[arg(value_name = "B")]
    b: PathBuf,
    /// Compare these labels only (e.g. `PER,ORG,LOC`).
    #[arg(long, value_name = "LABEL,...", value_delimiter = ',')]
    labels: Vec<String>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: AgreeArgs) -> anyhow::Result<Status> {
    let labels = label_filter(&args.labels)?;
    let a = load_set(&args.a)?;
    let b = load_set(&args.b)?;
    let agreement = agree::agree(&a, &b, labels.as_ref())?;
    if agreement.documents == 0 {
        anyhow::bail!(
            "no document is in both {} and {}: nothing to compare (A has {}; B has {})",
            a.source,
            b.source,
            names_or_none(&agreement.only_a),
            names_or_none(&agreement.only_b),
        );
    }
    for (set, only, which) in [(&a, &agreement.only_a, "A"), (&b, &agreement.only_b, "B")] {
        if !only.is_empty() {
            warn(&format!(
                "warning: {} document(s) only in {which} ({}), left out of the scores: {}",
                only.len(),
                set.source,
                shorten(only)
            ));
        }
    }
    let without_text = &agreement.tokens.without_text;
    if !without_text.is_empty() {
        warn(&format!(
            "warning: {} document(s) whose article was found beside neither file, left out \
             of the token agreement: {}",
            without_text.len(),
            shorten(without_text)
        ));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let value = report_json(&a, &b, &agreement);
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        write!(out, "{}", table(&a, &b, &agreement))?;
    }
    Ok(Status::Ok)
}

/// The labels of `--labels`, if any.
fn label_filter(names: &[String]) -> anyhow::Result<Option<BTreeSet<Label>>> {
    if names.is_empty() {
        return Ok(None);
    }
    let mut labels = BTreeSet::new();
    for name in names {
        let name = name.trim();
        if !Label::is_valid_name(name) {
            anyhow::bail!(
                "--labels: {name:?} is not a label (upper-case letters, digits and `_`, \
                 e.g. PER,ORG,LOC)"
            );
        }
        labels.insert(Label::new(name));
    }
    Ok(Some(labels))
}

/// Reads one input of `glose agree`: its documents, their annotations and, where it is
/// found, their text. Every kind of input is recognised here.
fn load_set(path: &Path) -> anyhow::Result<AnnotationSet> {
    if path.is_dir() {
        return load_corrections(path);
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let content = String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("cannot read {}: not UTF-8 ({e})", path.display()))?;
    let source = path.display().to_string();
    if is_jsonl(path, &content) {
        load_jsonl(path, &content, source)
    } else {
        load_conll(&content, source)
    }
}

/// A corpus folder: the articles its analyst corrected, with their corrected layer
/// (what `glose corrections export` writes).
fn load_corrections(dir: &Path) -> anyhow::Result<AnnotationSet> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let reviewed = glose_workspace::reviewed_in(dir, threads).map_err(anyhow::Error::msg)?;
    Ok(AnnotationSet {
        source: format!("the corrections of {}", dir.display()),
        docs: reviewed
            .into_iter()
            .map(|r| SetDoc {
                name: r.name,
                line: None,
                text: Some(r.document.text().to_owned()),
                spans: r.corrected,
            })
            .collect(),
    })
}

/// A file is JSONL when its name ends in `.jsonl`, or when its first line that is not
/// blank is a JSON object.
fn is_jsonl(path: &Path, content: &str) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
        || content
            .lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.trim_start().starts_with('{'))
}

/// Gold JSONL or `glose annotate` output, the articles looked for beside the file.
fn load_jsonl(path: &Path, content: &str, source: String) -> anyhow::Result<AnnotationSet> {
    let docs = eval::read_jsonl(content, &source)?;
    // `read_jsonl` skips blank lines: the line of each document, for messages.
    let lines = content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1);
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut articles = Articles::new(folder);
    let mut set = AnnotationSet {
        source,
        docs: Vec::new(),
    };
    for (doc, line) in docs.into_iter().zip(lines) {
        let text = articles.text(&doc.doc)?;
        set.docs.push(SetDoc {
            name: doc.doc,
            line: Some(line),
            text,
            spans: doc.spans,
        });
    }
    Ok(set)
}

/// IOB2 gold: documents rebuilt from the tokens, named by their place in the file (`#1`,
/// `#2`…), so that two IOB2 files of the same documents are compared in order.
fn load_conll(content: &str, source: String) -> anyhow::Result<AnnotationSet> {
    let docs = glose_formats::conll::read_gold(content, &source)?;
    Ok(AnnotationSet {
        docs: docs
            .into_iter()
            .enumerate()
            .map(|(i, d)| SetDoc {
                name: format!("#{}", i + 1),
                line: None,
                text: Some(d.text),
                spans: d.spans,
            })
            .collect(),
        source,
    })
}

/// Finds the article a document name refers to: by its path relative to the folder of
/// the set's file, as written (an absolute path, or one relative to the current folder,
/// as `glose annotate` writes them), or by its file name anywhere under that folder.
struct Articles<'a> {
    folder: &'a Path,
    /// Files under the folder by file name, listed the first time a name needs them.
    by_file_name: Option<HashMap<String, PathBuf>>,
}

impl<'a> Articles<'a> {
    fn new(folder: &'a Path) -> Self {
        Articles {
            folder,
            by_file_name: None,
        }
    }

    /// The text of the article `name`, or `None` when there is no such file.
    fn text(&mut self, name: &str) -> anyhow::Result<Option<String>> {
        let Some(path) = self.find(name) else {
            return Ok(None);
        };
        let bytes = std::fs::read(&path)
            .with_context(|| format!("cannot read the article {}", path.display()))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "cannot read the article {}: not UTF-8 ({e}); offsets are UTF-8 bytes",
                path.display()
            )
        })?;
        Ok(Some(text))
    }

    fn find(&mut self, name: &str) -> Option<PathBuf> {
        let as_written = Path::new(name);
        let beside = self.folder.join(as_written);
        if beside.is_file() {
            return Some(beside);
        }
        if as_written.is_file() {
            return Some(as_written.to_owned());
        }
        let file_name = as_written.file_name()?.to_string_lossy().into_owned();
        let folder = self.folder;
        self.by_file_name
            .get_or_insert_with(|| files_by_name(folder))
            .get(&file_name)
            .cloned()
    }
}

/// The files under `folder` (hidden ones and those in hidden folders left out) by file
/// name; the first in name order when several have the same.
fn files_by_name(folder: &Path) -> HashMap<String, PathBuf> {
    let mut files = HashMap::new();
    let walk = walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk.flatten() {
        if entry.file_type().is_file() {
            files
                .entry(entry.file_name().to_string_lossy().into_owned())
                .or_insert_with(|| entry.path().to_owned());
        }
    }
    files
}

fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The first few names of a list, for a message.
fn shorten(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut s = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        s.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    s
}

fn names_or_none(names: &[String]) -> String {
    if names.is_empty() {
        "no document".to_owned()
    } else {
        shorten(names)
    }
}

fn kappa_text(k: &Kappa) -> String {
    match k.kappa {
        Some(x) => format!("{x:.3}"),
        None => "-".to_owned(),
    }
}

/// The figures as a table: the spans as `glose eval` prints them, B against A, then
/// the kappa on tokens.
fn table(a: &AnnotationSet, b: &AnnotationSet, r: &Agreement) -> String {
    let mut s = String::new();
    let mut line = |l: String| {
        s.push_str(&l);
        s.push('\n');
    };
    line(format!("A: {}", a.source));
    line(format!("B: {}", b.source));
    line(String::new());
    line("spans of B scored against A:".to_owned());
    line(format!(
        "{:<12} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "label", "scoring", "A", "B", "P", "R", "F1"
    ));
    for c in &r.spans.labels {
        line(c.row());
    }
    if let Some(micro) = &r.micro {
        line(micro.row());
    }
    line(String::new());
    let t = &r.tokens;
    line(format!(
        "tokens (words and numbers): {} in {} document(s), observed agreement {:.3}, \
         by chance {:.3}, kappa {}",
        t.overall.tokens,
        t.documents,
        t.overall.observed,
        t.overall.expected,
        kappa_text(&t.overall)
    ));
    line(format!(
        "{:<12} {:>6} {:>6} {:>6} {:>6}",
        "label", "A", "B", "both", "kappa"
    ));
    for l in &t.labels {
        line(format!(
            "{:<12} {:>6} {:>6} {:>6} {:>6}",
            l.label,
            l.tokens_a,
            l.tokens_b,
            l.both,
            kappa_text(&l.kappa)
        ));
    }
    line(String::new());
    let mut documents = format!("{} document(s) in both sets", r.documents);
    if !r.only_a.is_empty() || !r.only_b.is_empty() {
        documents.push_str(&format!(
            "; not scored: {} only in A, {} only in B",
            r.only_a.len(),
            r.only_b.len()
        ));
    }
    line(documents);
    s
}

fn counts_json(c: &Counts) -> serde_json::Value {
    c.to_json(["a", "b", "a_matched", "b_matched"])
}

fn kappa_json(k: &Kappa) -> serde_json::Value {
    json!({
        "tokens": k.tokens,
        "agreed": k.agreed,
        "observed": eval::round4(k.observed),
        "expected": eval::round4(k.expected),
        "kappa": k.kappa.map(eval::round4),
    })
}

fn report_json(a: &AnnotationSet, b: &AnnotationSet, r: &Agreement) -> serde_json::Value {
    let t = &r.tokens;
    json!({
        "a": a.source,
        "b": b.source,
        "documents": r.documents,
        "only_in_a": r.only_a,
        "only_in_b": r.only_b,
        "labels": r.spans.labels.iter().map(counts_json).collect::<Vec<_>>(),
        "micro": r.micro.as_ref().map(counts_json),
        "tokens": {
            "documents": t.documents,
            "without_text": t.without_text,
            "overall": kappa_json(&t.overall),
            "labels": t.labels.iter().map(|l| json!({
                "label": l.label,
                "a": l.tokens_a,
                "b": l.tokens_b,
                "both": l.both,
                "kappa": kappa_json(&l.kappa),
            })).collect::<Vec<_>>(),
        },
    })
}
