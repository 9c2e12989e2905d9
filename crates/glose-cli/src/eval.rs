//! `glose eval`: precision, recall and F1 against a gold file.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use glose_core::corpus::Outcome;
use glose_core::eval::quotes::{DocQuotes, GoldQuote, PredictedQuote, QuoteReport};
use glose_core::eval::{self, Counts, DocSpans, LabelledSpan, MissKind, Report};
use serde_json::json;

use crate::setup::{Setup, warn};
use crate::{CorpusArgs, Status};

#[derive(Args, Debug)]
pub(crate) struct EvalArgs {
    /// The gold file: one `{"doc": NAME, "annotations": [...]}` per line, byte offsets;
    /// or, for a name not ending in `.jsonl`, IOB2 (CoNLL) gold, whose documents are
    /// rebuilt from its tokens and annotated.
    #[arg(long, value_name = "FILE", required_unless_present = "corrections")]
    gold: Option<PathBuf>,
    /// Score the taggers against the analyst's corrections instead of a gold file: the
    /// corrected articles of the corpus, their corrected layer as gold, the taggers'
    /// output without corrections as predictions ("how often the machine agreed").
    #[arg(long, conflicts_with_all = ["gold", "pred", "quotes"])]
    corrections: bool,
    /// Score this JSONL output of `glose annotate` (or any tool writing the same format)
    /// instead of annotating the files.
    #[arg(long, value_name = "FILE")]
    pred: Option<PathBuf>,
    /// Print the table as JSON.
    #[arg(long)]
    json: bool,
    /// Quote gold: `{"doc", "quotes": [{"start", "end", "text", "speaker"}]}` per line
    /// (default: `quotes.jsonl` beside a JSONL gold file, when there is one).
    #[arg(long, value_name = "FILE")]
    quotes: Option<PathBuf>,
    /// Also list every missed gold span and every wrong prediction, and every quote missed,
    /// false or given the wrong speaker.
    #[arg(long)]
    errors: bool,
    /// Where the gold documents are (default: the gold file's folder); a document is
    /// found by its path relative to one of these folders, or by its file name.
    #[command(flatten)]
    corpus: CorpusArgs,
}

pub(crate) fn run(mut args: EvalArgs) -> anyhow::Result<Status> {
    let Some(gold_path) = args.gold.clone() else {
        return corrections(&args);
    };
    let gold_text = std::fs::read_to_string(&gold_path)
        .with_context(|| format!("cannot read {}", gold_path.display()))?;
    let conll = gold_path.extension().is_none_or(|e| e != "jsonl");
    let mut failed = false;
    let mut quote_report = None;
    let (gold, predicted) = if conll && args.pred.is_none() {
        let (gold, predicted, ok) = annotate_conll(&mut args, &gold_path, &gold_text)?;
        failed |= !ok;
        (gold, predicted)
    } else {
        let gold = eval::read_jsonl(&gold_text, &gold_path.display().to_string())?;
        let (predicted, predicted_quotes) = predictions(&mut args, &gold_path, &gold, &mut failed)?;
        quote_report =
            quote_gold(&args)?.map(|quotes| eval::quotes::evaluate(&quotes, &predicted_quotes));
        (gold, predicted)
    };
    report(&args, &gold, &predicted, quote_report.as_ref())?;
    Ok(if failed { Status::Failed } else { Status::Ok })
}

/// `--corrections`: the taggers scored against the analyst's corrected articles.
fn corrections(args: &EvalArgs) -> anyhow::Result<Status> {
    let setup = Setup::new(&args.corpus)?;
    let mut ok = !setup.report_problems();
    let (reviewed, read) = crate::corrections::reviewed(&setup)?;
    ok &= read;
    if reviewed.is_empty() {
        anyhow::bail!(
            "no corrected article to score: {} holds no correction of an article",
            setup.corrections_file().display()
        );
    }
    let gold = crate::corrections::gold(&reviewed);
    let predicted: Vec<DocSpans> = reviewed
        .iter()
        .map(|r| DocSpans {
            doc: r.name.clone(),
            spans: r.machine.clone(),
        })
        .collect();
    report(args, &gold, &predicted, None)?;
    Ok(if ok { Status::Ok } else { Status::Failed })
}

/// The quote gold to score, if any.
fn quote_gold(args: &EvalArgs) -> anyhow::Result<Option<Vec<DocQuotes<GoldQuote>>>> {
    let path = match &args.quotes {
        Some(p) => p.clone(),
        None => {
            let Some(gold) = &args.gold else {
                return Ok(None);
            };
            let beside = gold.with_file_name("quotes.jsonl");
            if !beside.is_file() {
                return Ok(None);
            }
            beside
        }
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Some(eval::quotes::read_gold(
        &text,
        &path.display().to_string(),
    )?))
}

/// Rebuilds the documents of IOB2 gold and annotates them; predictions keep only the
/// labels the gold file uses.
fn annotate_conll(
    args: &mut EvalArgs,
    gold_path: &Path,
    text: &str,
) -> anyhow::Result<(Vec<DocSpans>, Vec<DocSpans>, bool)> {
    let name = gold_path.display().to_string();
    let docs = glose_formats::conll::read_gold(text, &name)?;
    if args.corpus.paths.is_empty() {
        args.corpus.paths.push(
            gold_path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_owned(),
        );
    }
    let setup = Setup::new(&args.corpus)?;
    let ok = !setup.report_problems();
    let labels: std::collections::BTreeSet<glose_core::Label> = docs
        .iter()
        .flat_map(|d| d.spans.iter().map(|s| s.label))
        .collect();
    let documents: Vec<glose_core::Document> = docs
        .iter()
        .filter_map(|d| glose_core::Document::new(d.name.clone(), d.text.clone()).ok())
        .collect();
    for d in &documents {
        setup.pipeline.observe(d);
    }
    let predicted = documents
        .iter()
        .map(|d| DocSpans {
            doc: d.path().to_owned(),
            spans: setup
                .pipeline
                .run(d)
                .resolved()
                .filter(|a| labels.contains(&a.label))
                .map(|a| LabelledSpan::from_annotation(a, d.text()))
                .collect(),
        })
        .collect();
    let gold = docs
        .into_iter()
        .map(|d| DocSpans {
            doc: d.name,
            spans: d.spans,
        })
        .collect();
    Ok((gold, predicted, ok))
}

/// The predictions to score against JSONL gold: a file, or the gold's documents
/// annotated.
fn predictions(
    args: &mut EvalArgs,
    gold_path: &Path,
    gold: &[DocSpans],
    failed: &mut bool,
) -> anyhow::Result<(Vec<DocSpans>, Vec<DocQuotes<PredictedQuote>>)> {
    Ok(match &args.pred {
        Some(pred) => {
            let text = std::fs::read_to_string(pred)
                .with_context(|| format!("cannot read {}", pred.display()))?;
            let name = pred.display().to_string();
            let mut docs = eval::read_jsonl(&text, &name)?;
            let mut quotes = eval::quotes::read_predicted(&text, &name)?;
            // Predictions name files by path; gold by name: match on the file name.
            let rename = |doc: &mut String| {
                if !gold.iter().any(|g| g.doc == *doc)
                    && let Some(name) = Path::new(doc.as_str()).file_name()
                {
                    *doc = name.to_string_lossy().into_owned();
                }
            };
            docs.iter_mut().for_each(|d| rename(&mut d.doc));
            quotes.iter_mut().for_each(|d| rename(&mut d.doc));
            (docs, quotes)
        }
        None => {
            if args.corpus.paths.is_empty() {
                let folder = gold_path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                args.corpus.paths.push(folder.to_owned());
            }
            let (docs, quotes, ok) = annotate_gold_docs(&args.corpus, gold)?;
            *failed |= !ok;
            (docs, quotes)
        }
    })
}

fn report(
    args: &EvalArgs,
    gold: &[DocSpans],
    predicted: &[DocSpans],
    quotes: Option<&QuoteReport>,
) -> anyhow::Result<()> {
    let report = eval::evaluate(gold, predicted);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let mut value = report_json(&report, args.errors);
        if let Some(q) = quotes {
            value["quotes"] = json!({
                "gold": q.gold,
                "predicted": q.predicted,
                "found": q.found,
                "correct": q.correct,
                "precision": eval::round4(q.precision()),
                "recall": eval::round4(q.recall()),
                "f1": eval::round4(q.f1()),
                "speaker_right": q.speaker_right,
                "speaker_surname_only": q.speaker_surname,
                "speaker_accuracy": eval::round4(q.speaker_accuracy()),
                "gold_named": q.gold_named,
                "gold_anonymous": q.gold_anonymous,
                "anonymous_flagged": q.anonymous_flagged,
                "false_quotes": eval::round4(q.false_quotes()),
            });
            if args.errors {
                value["quotes"]["errors"] = serde_json::to_value(&q.errors)?;
            }
        }
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        writeln!(out, "{report}")?;
        if let Some(q) = quotes {
            writeln!(out, "{q}")?;
        }
        if args.errors {
            writeln!(out)?;
            for m in &report.misses {
                let kind = match m.kind {
                    MissKind::FalsePositive => "wrong",
                    MissKind::FalseNegative => "missed",
                };
                writeln!(
                    out,
                    "{kind:<6} {:<8} {}:{}-{} {:?}",
                    m.span.label,
                    m.doc,
                    m.span.start,
                    m.span.end,
                    m.span.text.as_deref().unwrap_or("")
                )?;
            }
            for e in quotes.iter().flat_map(|q| &q.errors) {
                writeln!(out, "{e}")?;
            }
        }
    }
    Ok(())
}

/// Annotates the files the gold file names. Returns the predictions and whether every
/// gold document was found and read.
fn annotate_gold_docs(
    corpus: &CorpusArgs,
    gold: &[DocSpans],
) -> anyhow::Result<(Vec<DocSpans>, Vec<DocQuotes<PredictedQuote>>, bool)> {
    let setup = Setup::new(corpus)?;
    let mut ok = !setup.report_problems();
    let discovery = setup.discover();
    // Every way a gold name can refer to a file: relative to a root, or its file name.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, f) in discovery.files.iter().enumerate() {
        for root in &setup.paths {
            if let Ok(rel) = f.path.strip_prefix(root) {
                by_name
                    .entry(rel.to_string_lossy().replace('\\', "/"))
                    .or_insert(i);
            }
        }
        if let Some(name) = f.path.file_name() {
            by_name
                .entry(name.to_string_lossy().into_owned())
                .or_insert(i);
        }
    }
    let mut wanted = Vec::new();
    let mut names = Vec::new();
    for g in gold {
        match by_name.get(&g.doc) {
            Some(&i) => {
                wanted.push(discovery.files[i].clone());
                names.push(g.doc.clone());
            }
            None => {
                warn(&format!(
                    "{}: error: gold document not found under {}",
                    g.doc,
                    display_paths(&setup.paths)
                ));
                ok = false;
            }
        }
    }
    let mut predicted = Vec::new();
    let mut quotes = Vec::new();
    let mut names = names.into_iter();
    // The corpus pass sees every file of the folders, not only those of the gold file.
    let pass = setup.observe(&discovery.files, setup.threads)?;
    setup.annotate(&wanted, &pass, setup.threads, |_, outcome| {
        let doc = names.next().unwrap_or_default();
        match outcome {
            Outcome::Annotated { document, result } => {
                quotes.push(DocQuotes {
                    doc: doc.clone(),
                    quotes: result
                        .resolved()
                        .filter_map(PredictedQuote::from_annotation)
                        .collect(),
                });
                predicted.push(DocSpans {
                    doc,
                    spans: result
                        .resolved()
                        .map(|a| LabelledSpan::from_annotation(a, document.text()))
                        .collect(),
                })
            }
            Outcome::Skipped(p) | Outcome::Failed(p) => {
                warn(&p.to_string());
                ok = false;
            }
        }
    })?;
    Ok((predicted, quotes, ok))
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn counts_json(c: &Counts) -> serde_json::Value {
    c.to_json(["gold", "predicted", "found", "correct"])
}

fn report_json(report: &Report, errors: bool) -> serde_json::Value {
    let mut value = json!({
        "documents": report.documents,
        "labels": report.labels.iter().map(counts_json).collect::<Vec<_>>(),
        "micro": counts_json(&report.micro),
    });
    if errors {
        value["errors"] = serde_json::to_value(&report.misses).unwrap_or_default();
    }
    value
}
