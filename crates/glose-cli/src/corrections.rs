//! `glose corrections`: the analyst's corrections of a corpus: list them with where
//! they stand now, export them as gold.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use glose_core::correction::{Correction, Decision, Scope};
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
    /// Record a correction (as the editor's actions do): of a span of an article, or of
    /// every occurrence of a text in the corpus (`--everywhere`).
    Add(AddArgs),
    /// Remove the corrections of a span of an article (those overlapping it), or the
    /// corpus-wide rule of a text (`--everywhere`).
    Remove(RemoveArgs),
}

/// Which correction: a span of an article, or a text everywhere.
#[derive(Args, Debug)]
struct Place {
    /// The article.
    #[arg(
        value_name = "ARTICLE",
        required_unless_present = "everywhere",
        conflicts_with = "everywhere"
    )]
    article: Option<PathBuf>,
    /// The UTF-8 byte span in the article, `START..END`.
    #[arg(
        long,
        value_name = "START..END",
        required_unless_present = "everywhere"
    )]
    span: Option<String>,
    /// Every occurrence of this text in the corpus.
    #[arg(long, value_name = "TEXT")]
    everywhere: Option<String>,
    /// The corpus (default: the article's, else the current folder).
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct AddArgs {
    #[command(flatten)]
    place: Place,
    /// The text is an annotation of this label.
    #[arg(
        long,
        value_name = "LABEL",
        required_unless_present = "reject",
        conflicts_with = "reject"
    )]
    tag: Option<String>,
    /// Linked to this KB entity (with `--tag`).
    #[arg(long, value_name = "ID", requires = "tag")]
    entity: Option<String>,
    /// The text is not an annotation (of any name label, or of `--label`).
    #[arg(long)]
    reject: bool,
    /// The one label rejected (with `--reject`).
    #[arg(long, value_name = "LABEL", requires = "reject")]
    label: Option<String>,
}

#[derive(Args, Debug)]
struct RemoveArgs {
    #[command(flatten)]
    place: Place,
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
        CorrectionsCommand::Add(a) => add(a),
        CorrectionsCommand::Remove(a) => remove(a),
    }
}

fn label(name: &str) -> anyhow::Result<glose_core::Label> {
    if !glose_core::Label::is_valid_name(name) {
        anyhow::bail!("invalid label {name:?} (upper-case letters, digits and `_`)");
    }
    Ok(glose_core::Label::new(name))
}

/// The corpus root, and for an article its text and its name relative to the root.
fn locate(place: &Place) -> anyhow::Result<(PathBuf, Option<(String, String)>)> {
    let start = place
        .corpus
        .clone()
        .or_else(|| place.article.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    let root = glose_workspace::root_of(&start);
    let Some(article) = &place.article else {
        return Ok((root, None));
    };
    let text = std::fs::read_to_string(article)
        .with_context(|| format!("cannot read {}", article.display()))?;
    let name = glose_core::correction::relative(&root, article).ok_or_else(|| {
        anyhow::anyhow!(
            "{} is not inside the corpus {}",
            article.display(),
            root.display()
        )
    })?;
    Ok((root, Some((name, text))))
}

/// `START..END` of `text`, checked.
fn span(arg: &str, text: &str, article: &str) -> anyhow::Result<glose_core::Span> {
    let parsed = arg.split_once("..").and_then(|(a, b)| {
        Some((
            a.trim().parse::<usize>().ok()?,
            b.trim().parse::<usize>().ok()?,
        ))
    });
    let Some((start, end)) = parsed else {
        anyhow::bail!("invalid span {arg:?}: write START..END in bytes, e.g. 120..134");
    };
    if start >= end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        anyhow::bail!(
            "{article}: span {start}..{end} is not a span of its text ({} bytes; spans are non-empty and on character boundaries)",
            text.len()
        );
    }
    Ok(glose_core::Span::new(start, end))
}

fn add(args: AddArgs) -> anyhow::Result<Status> {
    let decision = match (&args.tag, args.reject) {
        (Some(l), _) => Decision::Tag {
            label: label(l)?,
            entity: args.entity.clone(),
        },
        (None, _) => Decision::Reject {
            label: args.label.as_deref().map(label).transpose()?,
        },
    };
    let (root, article) = locate(&args.place)?;
    let c = match (&article, &args.place.everywhere, &args.place.span) {
        (Some((name, text)), _, Some(s)) => {
            let span = span(s, text, name)?;
            Correction::in_article(name, text, span, decision)
        }
        (None, Some(text), _) => Correction::in_corpus(text, decision),
        _ => anyhow::bail!("name an article and --span, or --everywhere TEXT"),
    };
    let by = ["GLOSE_USER", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()));
    let c = c.signed(by);
    let described = c.describe();
    let path = glose_core::Corrections::path(&root);
    glose_core::correction::update(&root, |list| glose_core::correction::add(list, c))
        .with_context(|| format!("cannot write {}", path.display()))?;
    warn(&format!("{}: {described}", path.display()));
    Ok(Status::Ok)
}

fn remove(args: RemoveArgs) -> anyhow::Result<Status> {
    let (root, article) = locate(&args.place)?;
    let keep: Box<dyn Fn(&Correction) -> bool> =
        match (&article, &args.place.everywhere, &args.place.span) {
            (Some((name, text)), _, Some(s)) => {
                let span = span(s, text, name)?;
                let (name, text) = (name.clone(), text.clone());
                Box::new(move |c: &Correction| {
                    c.file() != Some(name.as_str())
                        || c.anchor(&text).is_none_or(|at| !at.overlaps(span))
                })
            }
            (None, Some(text), _) => {
                let text = text.clone();
                Box::new(move |c: &Correction| c.file().is_some() || c.text != text)
            }
            _ => anyhow::bail!("name an article and --span, or --everywhere TEXT"),
        };
    let path = glose_core::Corrections::path(&root);
    let mut removed = 0;
    glose_core::correction::update(&root, |list| {
        let before = list.len();
        list.retain(|c| keep(c));
        removed = before - list.len();
    })
    .with_context(|| format!("cannot write {}", path.display()))?;
    warn(&format!(
        "{}: {removed} correction(s) removed",
        path.display()
    ));
    Ok(if removed > 0 {
        Status::Ok
    } else {
        Status::Failed
    })
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
    crate::setup::write_out(args.output.as_deref(), text.as_bytes())?;
    if let Some(path) = &args.output {
        warn(&format!(
            "wrote {} article(s) to {}",
            reviewed.len(),
            path.display()
        ));
    }
    Ok(if ok { Status::Ok } else { Status::Failed })
}
