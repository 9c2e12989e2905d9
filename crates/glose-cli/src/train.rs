//! `glose train`: trains the model of the `ner` tagger from gold files.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use glose_core::eval::Report;
use glose_ner::Lexicons;
use glose_ner::train::Options;
use glose_taggers::training::{self, GoldSet, Progress};

use crate::Status;

#[derive(Args, Debug)]
pub(crate) struct TrainArgs {
    /// Training data: a gold JSONL file (its articles beside it) or an IOB2 (CoNLL)
    /// file, optionally weighted: `FILE@0.5` counts its mistakes half (repeatable).
    #[arg(long = "train", value_name = "FILE[@WEIGHT]", required_unless_present = "corrections", num_args = 1..)]
    train: Vec<String>,
    /// Also train on the articles an analyst corrected in this corpus folder (their
    /// corrected layer, as `glose corrections export` writes it), optionally weighted
    /// (repeatable).
    #[arg(long = "corrections", value_name = "DIR[@WEIGHT]", num_args = 1..)]
    corrections: Vec<String>,
    /// Development data, scored after training (repeatable; same formats).
    #[arg(long = "dev", value_name = "FILE", num_args = 1..)]
    dev: Vec<PathBuf>,
    /// The folder of lexicon files (`words.txt`, `given-names.txt`, `surnames.txt`,
    /// `communes.tsv`, `areas.tsv`; see plugins/ner/lexicons).
    #[arg(long, value_name = "DIR")]
    lexicons: PathBuf,
    /// Where to write the model.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = Options::default().epochs)]
    epochs: usize,
    /// The weight table has 2^BITS rows (the model's size grows with it: 16 × 2^BITS bytes).
    #[arg(long, value_name = "BITS", default_value_t = Options::default().hash_bits, value_parser = clap::value_parser!(u32).range(12..=24))]
    hash_bits: u32,
    /// Seed of the order in which examples are seen.
    #[arg(long, default_value_t = Options::default().seed)]
    seed: u64,
}

struct Printer {
    started: std::time::Instant,
}

impl Progress for Printer {
    fn examples(&mut self, set: &GoldSet, docs: usize, tokens: usize, misaligned: usize) {
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "{}: {docs} documents, {tokens} tokens, weight {}",
            set.name, set.weight
        );
        if misaligned > 0 {
            let _ = write!(
                err,
                " ({misaligned} gold spans not on token boundaries, left out)"
            );
        }
        let _ = writeln!(err);
    }

    fn epoch(&mut self, epoch: usize, epochs: usize, mistakes: usize, pieces: usize) {
        let _ = writeln!(
            std::io::stderr(),
            "epoch {epoch}/{epochs}: {mistakes} of {pieces} sentences wrong ({:.1} s)",
            self.started.elapsed().as_secs_f64()
        );
    }
}

pub(crate) fn run(args: TrainArgs) -> anyhow::Result<Status> {
    let started = std::time::Instant::now();
    let lexicons = Lexicons::read_dir(&args.lexicons)
        .with_context(|| format!("cannot read the lexicons of {}", args.lexicons.display()))?;
    let mut sets = Vec::new();
    for arg in &args.train {
        let (path, weight) = training::split_weight(arg).map_err(anyhow::Error::msg)?;
        sets.push(GoldSet::open(&path, weight)?);
    }
    for arg in &args.corrections {
        let (path, weight) = training::split_weight(arg).map_err(anyhow::Error::msg)?;
        sets.push(corrected_set(&path, weight)?);
    }
    let dev: Vec<GoldSet> = args
        .dev
        .iter()
        .map(|p| GoldSet::open(p, 1.0))
        .collect::<Result<_, _>>()?;
    let options = Options {
        epochs: args.epochs,
        hash_bits: args.hash_bits,
        seed: args.seed,
    };
    let mut printer = Printer { started };
    let model = training::train(&sets, lexicons, &options, &mut printer);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for set in &dev {
        let report = training::score(&model, set);
        writeln!(out, "\n{} ({} documents)", set.name, set.docs.len())?;
        print_scores(&mut out, &report)?;
    }
    model
        .save(&args.output)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    let size = std::fs::metadata(&args.output)
        .map(|m| m.len())
        .unwrap_or(0);
    writeln!(
        out,
        "\nwrote {} ({:.1} MB) in {:.1} s",
        args.output.display(),
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    )?;
    Ok(Status::Ok)
}

/// The corrected articles of the corpus at `dir` as a gold set.
fn corrected_set(dir: &std::path::Path, weight: f32) -> anyhow::Result<GoldSet> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let reviewed = glose_workspace::reviewed_in(dir, threads).map_err(anyhow::Error::msg)?;
    if reviewed.is_empty() {
        anyhow::bail!("{}: no corrected article to train on", dir.display());
    }
    let mut digest = glose_core::digest::Digest::new();
    for r in &reviewed {
        digest.str(&r.name).str(r.document.text());
        for s in &r.corrected {
            digest
                .u64(s.start as u64)
                .u64(s.end as u64)
                .str(s.label.as_str());
        }
    }
    Ok(GoldSet {
        name: format!("corrections of {}", dir.display()),
        digest: format!("{:016x}", digest.value()),
        docs: reviewed
            .into_iter()
            .map(|r| (r.document, r.corrected))
            .collect(),
        weight,
    })
}

fn print_scores(out: &mut impl Write, report: &Report) -> std::io::Result<()> {
    writeln!(
        out,
        "| Label | Gold | Predicted | Precision | Recall | F1 |"
    )?;
    writeln!(out, "|---|--:|--:|--:|--:|--:|")?;
    for c in report.labels.iter().filter(|c| c.gold + c.predicted > 0) {
        writeln!(out, "| {} | {} |", c.label, c.markdown_cells())?;
    }
    writeln!(out, "| PER+ORG+LOC | {} |", report.micro.markdown_cells())
}
