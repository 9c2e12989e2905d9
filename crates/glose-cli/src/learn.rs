//! `glose learn`: what the taggers learn from a corpus (acronyms defined in one article,
//! names typed by strong evidence, the spellings of a name), written as one knowledge
//! file; `--merge` adds such files together. The map and the reduce of a corpus pass on
//! a cluster: learn per partition, merge, then `glose annotate --stdin --knowledge`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use glose_core::Document;
use glose_core::knowledge::Knowledge;
use rayon::prelude::*;

use crate::annotate::stream::{self, Record};
use crate::setup::{Setup, warn};
use crate::{CorpusArgs, Status};

#[derive(Args, Debug)]
pub(crate) struct LearnArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Learn from records on standard input, one JSON object per line
    /// (`{"id": ..., "text": "..."}`, as `glose annotate --stdin` reads them).
    #[arg(long, conflicts_with = "merge")]
    stdin: bool,
    /// Add these knowledge files together instead of learning (in any order or
    /// grouping, the result is the same, byte for byte).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    merge: Vec<PathBuf>,
    /// Write the knowledge to this file (written whole, then renamed into place)
    /// instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
}

pub(crate) fn run(args: LearnArgs) -> anyhow::Result<Status> {
    if !args.merge.is_empty() {
        if !args.corpus.paths.is_empty() {
            anyhow::bail!("--merge adds knowledge files: give them after --merge, no articles");
        }
        let knowledge = merge(&args.merge)?;
        write(&knowledge, args.out.as_deref())?;
        return Ok(Status::Ok);
    }
    if args.corpus.knowledge.is_some() {
        anyhow::bail!("learn writes knowledge; to add knowledge files together, use --merge");
    }
    if args.stdin && !args.corpus.paths.is_empty() {
        anyhow::bail!("--stdin reads the articles from standard input: give no PATH");
    }
    let setup = Setup::new(&args.corpus)?;
    let mut failed = setup.report_problems();
    if !setup.pipeline.observes() {
        warn("no tagger of this configuration learns from the corpus: the knowledge is empty");
    }
    if args.stdin {
        failed |= from_stream(&setup, std::io::stdin().lock())?;
    } else {
        let discovery = setup.discover();
        for p in &discovery.problems {
            warn(&p.to_string());
            failed |= p.severity == glose_core::Severity::Error;
        }
        // (Nothing is annotated after: nothing kept.)
        glose_core::corpus::observe_files(
            &discovery.files,
            &setup.pipeline,
            setup.read,
            setup.threads,
            0,
        )?;
    }
    write(&setup.pipeline.knowledge(), args.out.as_deref())?;
    Ok(if failed { Status::Failed } else { Status::Ok })
}

/// Shows every record of `input` to the taggers that learn; whether one was bad (said
/// on standard error, and left out).
fn from_stream(setup: &Setup, input: impl std::io::BufRead) -> anyhow::Result<bool> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(setup.threads.max(1))
        .thread_name(|i| format!("glose-learn-{i}"))
        .build()?;
    let mut failed = false;
    stream::for_each_chunk(input, stream::CHUNK * setup.threads.max(1), |chunk| {
        let bad: Vec<String> = pool.install(|| {
            chunk
                .into_par_iter()
                .filter_map(|record| match record {
                    Record::Doc { id, text } => match Document::new(stream::name_of(&id), text) {
                        Ok(doc) => {
                            setup.pipeline.observe(&doc);
                            None
                        }
                        Err(e) => Some(format!("standard input, record {id}: {e}")),
                    },
                    Record::Bad { line, error, .. } => {
                        Some(format!("standard input, line {line}: {error}"))
                    }
                })
                .collect()
        });
        for b in &bad {
            warn(b);
        }
        failed |= !bad.is_empty();
        Ok(())
    })?;
    Ok(failed)
}

/// The sum of the knowledge files; the error names the file that does not fit.
fn merge(files: &[PathBuf]) -> anyhow::Result<Knowledge> {
    let mut sum: Option<Knowledge> = None;
    for file in files {
        let k = Knowledge::read(file).map_err(anyhow::Error::msg)?;
        match &mut sum {
            None => sum = Some(k),
            Some(sum) => sum.merge(&k).map_err(|e| {
                anyhow::anyhow!(
                    "{}: cannot be merged with {}: {e}",
                    file.display(),
                    files[0].display()
                )
            })?,
        }
    }
    sum.context("--merge needs at least one knowledge file")
}

fn write(knowledge: &Knowledge, out: Option<&std::path::Path>) -> anyhow::Result<()> {
    crate::setup::write_out(out, &knowledge.to_bytes())
}
