//! `glose corrections`: the analyst's corrections of a corpus: list them with where
//! they stand now, export them as gold.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use glose_core::correction::{Correction, Scope};
use glose_core::eval::{DocSpans, LabelledSpan};
use glose_core::text::{Encoding, LineIndex};
use glose_workspace::Reviewed;
use serde_json::json;

use crate::setup::{Setup, warn};
use crate::{CorpusArgs, Status};

#[derive(Args, Debug)]
pub(crate) struct CorrectionsArgs {
    #[command(subcommand)]
    command: CorrectionsCommand,
}

#[derive(Subcommand, Debug)]
enum CorrectionsCommand {
    /// List every correction with where it stands in its article now (placed, moved,
    /// or unplaced because the article changed there).
    List(ListArgs),
    /// Write the corrected articles as a gold file (`{"doc", "annotations"}` per line,
    /// names relative to the corpus root): the taggers' output with the analyst's
    /// corrections, for `glose eval --gold` and `glose train --train`.
    Export(ExportArgs),
}

#[derive(Args, Debug)]
struct ListArgs {
    /// Print one JSON object per correction.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    corpus: CorpusArgs,
}

#[derive(Args, Debug)]
struct ExportArgs {
    /// Where to write the gold file (default: standard output). Write it at the corpus
    /// root for `glose train --train` to find the articles beside it.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    corpus: CorpusArgs,
}

pub(crate) fn run(args: CorrectionsArgs) -> anyhow::Result<Status> {
    match args.command {
        CorrectionsCommand::List(a) => list(a),
        CorrectionsCommand::Export(a) => export(a),
    }
}

/// Where a correction stands in the article as it is now.
fn state(setup: &Setup, c: &Correction) -> (String, Option<(u32, u32)>) {
    let Scope::Article { file, span, .. } = &c.scope else {
        return ("every article".to_owned(), None);
    };
    let path = setup.root.join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return ("article missing".to_owned(), None);
    };
    match c.anchor(&text) {
        Some(now) => {
            let at = LineIndex::new(&text)
                .line_col(now.start, Encoding::Utf32)
                .map(|p| (p.line + 1, p.col + 1));
            let word = if now == *span { "placed" } else { "moved" };
            (word.to_owned(), at)
        }
        None => ("unplaced".to_owned(), None),
    }
}

fn list(args: ListArgs) -> anyhow::Result<Status> {
    let setup = Setup::new(&args.corpus)?;
    let failed = setup.report_problems();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let Some(corrections) = setup.corrections() else {
        if !args.json {
            writeln!(
                out,
                "no corrections in {}",
                setup.corrections_file().display()
            )?;
        }
        return Ok(if failed { Status::Failed } else { Status::Ok });
    };
    let mut unplaced = 0;
    for c in corrections.list() {
        let (state, at) = state(&setup, c);
        unplaced += usize::from(state == "unplaced");
        if args.json {
            let mut value: serde_json::Value = serde_json::from_str(&c.to_json())?;
            value["state"] = json!(state);
            writeln!(out, "{value}")?;
        } else {
            let place = match (c.file(), at) {
                (Some(f), Some((l, col))) => format!("{f}:{l}:{col}"),
                (Some(f), None) => f.to_owned(),
                (None, _) => "*".to_owned(),
            };
            let by =
                c.by.as_deref()
                    .map(|b| format!(" by {b}"))
                    .unwrap_or_default();
            let at =
                c.at.as_deref()
                    .map(|a| format!(" on {a}"))
                    .unwrap_or_default();
            writeln!(out, "{place}: {} [{state}]{by}{at}", c.describe())?;
        }
    }
    if unplaced > 0 {
        warn(&format!(
            "{unplaced} correction(s) can no longer be placed: their articles changed there"
        ));
    }
    Ok(if failed { Status::Failed } else { Status::Ok })
}

/// The articles with corrections, annotated with and without them.
pub(crate) fn reviewed(setup: &Setup) -> anyhow::Result<(Vec<Reviewed>, bool)> {
    let discovery = setup.discover();
    let (reviewed, problems) = setup.reviewed(&discovery.files, setup.threads)?;
    for p in &problems {
        warn(&p.to_string());
    }
    Ok((reviewed, problems.is_empty()))
}

/// The gold of the corrected articles.
pub(crate) fn gold(reviewed: &[Reviewed]) -> Vec<DocSpans> {
    reviewed
        .iter()
        .map(|r| DocSpans {
            doc: r.name.clone(),
            spans: r.corrected.clone(),
        })
        .collect()
}

fn gold_line(doc: &DocSpans) -> String {
    let annotations: Vec<&LabelledSpan> = doc.spans.iter().collect();
    json!({"doc": doc.doc, "annotations": annotations}).to_string()
}

fn export(args: ExportArgs) -> anyhow::Result<Status> {
    let setup = Setup::new(&args.corpus)?;
    let mut ok = !setup.report_problems();
    let (reviewed, read) = reviewed(&setup)?;
    ok &= read;
    let mut text = String::new();
    for doc in gold(&reviewed) {
        text.push_str(&gold_line(&doc));
        text.push('\n');
    }
    match &args.output {
        Some(path) => {
            glose_core::atomic::write(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            warn(&format!(
                "wrote {} article(s) to {}",
                reviewed.len(),
                path.display()
            ));
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(if ok { Status::Ok } else { Status::Failed })
}
