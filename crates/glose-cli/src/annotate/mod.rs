//! `glose annotate`: annotate files and write JSONL or a highlighted view.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};
use glose_core::Severity;
use glose_core::corpus::{Outcome, annotate_ordered};
use glose_core::output::write_json_line;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::setup::{Setup, warn};
use crate::{ColorChoice, CorpusArgs, Status, pretty};

#[derive(Args, Debug)]
pub(crate) struct AnnotateArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Output format: one JSON object per document, or the text with its entities highlighted.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write to this file instead of standard output (written whole, then renamed into place).
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
    /// Output every annotation, overlapping ones included, instead of the resolved layer.
    #[arg(long)]
    all: bool,
    /// Colour the pretty format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// One JSON object per line and document (see docs/formats.md).
    Jsonl,
    /// The text with its entities highlighted, for reading.
    Pretty,
}

/// Where output goes: standard output, or a temporary file renamed at the end.
enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        tmp: PathBuf,
        out: PathBuf,
        file: BufWriter<File>,
    },
}

impl Sink {
    fn open(out: Option<&Path>) -> anyhow::Result<Sink> {
        let Some(out) = out else {
            return Ok(Sink::Stdout(BufWriter::new(std::io::stdout())));
        };
        let name = out.file_name().context("--out needs a file name")?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.tmp", std::process::id()));
        let tmp = out.with_file_name(tmp_name);
        let file =
            File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        Ok(Sink::File {
            tmp,
            out: out.to_owned(),
            file: BufWriter::new(file),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { file, .. } => file,
        }
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut w) => Ok(w.flush()?),
            Sink::File { tmp, out, file } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                std::fs::rename(&tmp, &out)
                    .with_context(|| format!("cannot write {}", out.display()))
            }
        }
    }

    fn abandon(self) {
        if let Sink::File { tmp, .. } = self {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

pub(crate) fn run(args: AnnotateArgs) -> anyhow::Result<Status> {
    let setup = Setup::new(&args.corpus)?;
    let mut failed = setup.report_problems();
    let discovery = setup.discover();
    for p in &discovery.problems {
        warn(&p.to_string());
        failed |= p.severity == Severity::Error;
    }
    let files = discovery.files;
    if files.is_empty() {
        return Ok(Status::Failed);
    }

    let to_terminal = args.out.is_none() && std::io::stdout().is_terminal();
    let color = args.color.enabled(to_terminal);
    let progress = if std::io::stderr().is_terminal()
        && files.len() >= 50
        && !(to_terminal && args.format == Format::Pretty)
    {
        let bar =
            ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files ({per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };

    let mut sink = Sink::open(args.out.as_deref())?;
    let mut write_error: Option<std::io::Error> = None;
    let mut summary = pretty::CorpusSummary::default();
    glose_core::corpus::observe_files(&files, &setup.pipeline, setup.read, setup.threads)?;
    annotate_ordered(
        &files,
        &setup.pipeline,
        setup.read,
        setup.threads,
        |_, outcome| {
            progress.inc(1);
            if write_error.is_some() {
                return;
            }
            let written = match outcome {
                Outcome::Annotated { document, result } => {
                    let annotations: Vec<_> = if args.all {
                        result.store.iter().collect()
                    } else {
                        result.resolved().collect()
                    };
                    failed |= result
                        .diagnostics
                        .iter()
                        .any(|d| d.severity == Severity::Error);
                    match args.format {
                        Format::Jsonl => write_json_line(
                            sink.writer(),
                            &document,
                            annotations,
                            &result.diagnostics,
                        ),
                        Format::Pretty => {
                            summary.add(&document, result.resolved());
                            pretty::write_document(
                                sink.writer(),
                                &document,
                                &annotations,
                                &result.diagnostics,
                                color,
                            )
                        }
                    }
                }
                Outcome::Skipped(problem) => {
                    progress.suspend(|| warn(&problem.to_string()));
                    Ok(())
                }
                Outcome::Failed(problem) => {
                    failed = true;
                    progress.suspend(|| warn(&problem.to_string()));
                    Ok(())
                }
            };
            if let Err(e) = written {
                write_error = Some(e);
            }
        },
    )?;
    progress.finish_and_clear();
    if args.format == Format::Pretty && write_error.is_none() {
        write_error = summary.write(sink.writer(), &setup.kb, color).err();
    }
    if let Some(e) = write_error {
        let broken_pipe = e.kind() == std::io::ErrorKind::BrokenPipe;
        sink.abandon();
        return Err(anyhow::Error::new(e).context(if broken_pipe {
            "output closed"
        } else {
            "cannot write the output"
        }));
    }
    sink.finish()?;
    Ok(if failed { Status::Failed } else { Status::Ok })
}
