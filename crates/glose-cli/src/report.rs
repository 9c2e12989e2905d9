//! `glose report`: a self-contained HTML page about a corpus: the most mentioned names by
//! type, a timeline by article date, the network of names that appear together, and the
//! quotes grouped by speaker.
//!
//! The command runs the corpus pass and hands each annotated article, in file order, to
//! `glose_report`, which gathers the figures and writes the page; the page is written
//! whole, then renamed into place.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use glose_core::Severity;
use glose_core::corpus::Outcome;

use crate::setup::{Setup, warn};
use crate::{CorpusArgs, Status};

#[derive(Args, Debug)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// The HTML file to write (written whole, then renamed into place).
    #[arg(long, short = 'o', value_name = "FILE", default_value = "report.html")]
    out: PathBuf,
    /// Title of the page (default: the paths given).
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Rows of each chart of names (1 to 1000).
    #[arg(long, value_name = "N", default_value_t = 15,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    top: u32,
    /// Names in the co-occurrence network, the most mentioned (0 to 500; 0: no network).
    #[arg(long, value_name = "N", default_value_t = 60,
          value_parser = clap::value_parser!(u32).range(0..=500))]
    network: u32,
    /// Speakers listed with their quotes, the most quoted (0 to 1000; 0: only the
    /// figures).
    #[arg(long, value_name = "N", default_value_t = 25,
          value_parser = clap::value_parser!(u32).range(0..=1000))]
    speakers: u32,
}

fn default_title(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths
        .iter()
        .map(|p| {
            let text = p.display().to_string();
            let text = text.trim_end_matches(['/', '\\']);
            if text.is_empty() || text == "." {
                std::env::current_dir()
                    .ok()
                    .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| ".".to_owned())
            } else {
                text.to_owned()
            }
        })
        .collect();
    shown.join(", ")
}

pub(crate) fn run(args: ReportArgs) -> anyhow::Result<Status> {
    let setup = Setup::new(&args.corpus)?;
    let mut failed = setup.report_problems();
    let discovery = setup.discover();
    for p in &discovery.problems {
        warn(&p.to_string());
        failed |= p.severity == Severity::Error;
    }
    // No article: the page says so (and the problem above makes the exit status 1).
    let files = discovery.files;
    // Fail now, not after the corpus pass, when the page cannot be written.
    // Created first, so that an output that cannot be written is said before the run.
    args.out
        .file_name()
        .with_context(|| format!("--out {} needs a file name", args.out.display()))?;
    let mut out = glose_core::atomic::AtomicFile::create(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;

    let progress = crate::progress::files(files.len(), false);
    let mut gatherer = glose_report::Gatherer::default();
    let pass = setup.observe(&files, setup.threads).and_then(|kept| {
        setup.annotate(&files, &kept, setup.threads, |_, outcome| {
            progress.inc(1);
            match outcome {
                Outcome::Annotated { document, result } => {
                    failed |= result
                        .diagnostics
                        .iter()
                        .any(|d| d.severity == Severity::Error);
                    gatherer.add(&document, result.resolved());
                }
                Outcome::Skipped(problem) => {
                    gatherer.add_skipped();
                    progress.suspend(|| warn(&problem.to_string()));
                }
                Outcome::Failed(problem) => {
                    gatherer.add_failed();
                    failed = true;
                    progress.suspend(|| warn(&problem.to_string()));
                }
            }
        })
    });
    progress.finish_and_clear();
    if let Err(e) = pass {
        drop(out);
        return Err(e.into());
    }

    let title = args
        .title
        .clone()
        .unwrap_or_else(|| default_title(&setup.paths));
    let limits = glose_report::Limits {
        top: args.top as usize,
        network: args.network as usize,
        speakers: args.speakers as usize,
        ..glose_report::Limits::default()
    };
    let page = gatherer.finish(title, &setup.kb, limits).render_html();
    out.write_all(page.as_bytes())
        .and_then(|()| out.commit())
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(if failed { Status::Failed } else { Status::Ok })
}
