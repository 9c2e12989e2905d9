//! `glose annotate`: annotate files (or a stream of records) and write JSONL, a
//! highlighted view, brat standoff, CoNLL IOB2, W3C Web Annotation, or a table of the
//! annotations as CSV or Parquet.

mod folder;
pub(crate) mod stream;
mod write;

use glose_core::atomic::AtomicFile;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};
use glose_core::corpus::Outcome;
use glose_core::digest::Digest;
use glose_core::{Annotation, Severity};
use glose_formats::conll::Dropped;
use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::setup::{Setup, warn};
use crate::{ColorChoice, CorpusArgs, Status};
use glose_formats::pretty;

#[derive(Args, Debug)]
pub(crate) struct AnnotateArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write to this file (written whole, then renamed into place), or into this folder,
    /// one output per document in the corpus's tree (a folder that exists, a path ending
    /// with `/`, or any path with `--format brat` or `--resume`). `--format parquet`
    /// needs a file.
    #[arg(long, short = 'o', value_name = "FILE|FOLDER")]
    out: Option<PathBuf>,
    /// With `--out FOLDER`: keep the outputs the folder already has for documents with
    /// the same text, annotated by the same taggers with the same data; annotate the
    /// others (a run killed half-way and started again ends as if never interrupted).
    #[arg(long, requires = "out")]
    resume: bool,
    /// Read documents from standard input, one JSON object per line
    /// (`{"id": ..., "text": "..."}`), and write one output line per input line, in the
    /// same order. Each document is annotated on its own (no corpus pass).
    #[arg(long, conflicts_with_all = ["stdin_text", "resume"])]
    stdin: bool,
    /// Read one document, the whole of standard input, as raw text.
    #[arg(long, conflicts_with = "resume")]
    stdin_text: bool,
    /// Output every annotation, overlapping ones included, instead of the resolved layer.
    #[arg(long)]
    all: bool,
    /// Colour the pretty format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// One JSON object per document and line: the contract of docs/formats.md.
    Jsonl,
    /// The text with its entities highlighted, for reading.
    Pretty,
    /// brat standoff: a `.ann` beside a copy of each `.txt` (needs `--out FOLDER`).
    Brat,
    /// CoNLL-2003 style IOB2 from the entity layer, one token per line.
    Conll,
    /// W3C Web Annotation JSON-LD: one AnnotationPage per document.
    Webanno,
    /// One CSV row per quote (article, date, speaker, entity, verb, text), for
    /// spreadsheets.
    Quotes,
    /// One CSV row per annotation: offsets in bytes and code points, label, text,
    /// entity, typed values of quantities, dates and quotes (docs/formats.md).
    Csv,
    /// The rows of `csv` as an Apache Parquet file (needs `--out FILE`).
    Parquet,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Pretty => "pretty",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::Webanno => "webanno",
            Format::Quotes => "quotes",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }

    /// One row per annotation rather than one output per document.
    fn is_table(self) -> bool {
        matches!(self, Format::Csv | Format::Parquet)
    }
}

/// Where output goes: standard output, a file written whole at the end
/// ([`AtomicFile`]), or a Parquet file (rows, written the same way).
pub(crate) enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File(AtomicFile),
    Parquet(Box<glose_formats::parquet::Writer<AtomicFile>>),
}

impl Sink {
    /// The sink of `format`; a CSV table starts with its header row.
    fn open(out: Option<&Path>, format: Format) -> anyhow::Result<Sink> {
        let mut sink = match out {
            None if format == Format::Parquet => anyhow::bail!(
                "--format parquet writes a file, not a stream: add --out FILE.parquet"
            ),
            None => Sink::Stdout(BufWriter::new(std::io::stdout())),
            Some(out) if out.is_dir() => anyhow::bail!(
                "--out {} is a folder: --format {} writes one file here, give its name",
                out.display(),
                format.name()
            ),
            Some(out) => {
                out.file_name().context("--out needs a file name")?;
                let file = AtomicFile::create(out)
                    .with_context(|| format!("cannot create {}", out.display()))?;
                if format == Format::Parquet {
                    let writer = glose_formats::parquet::Writer::new(file)
                        .with_context(|| format!("cannot write {}", out.display()))?;
                    Sink::Parquet(Box::new(writer))
                } else {
                    Sink::File(file)
                }
            }
        };
        if format == Format::Csv {
            let mut header = String::new();
            glose_formats::csv::header(&mut header);
            sink.put_bytes(header.as_bytes())
                .context("cannot write the header row")?;
        }
        Ok(sink)
    }

    fn put_bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(bytes),
            Sink::File(file) => file.write_all(bytes),
            Sink::Parquet(_) if bytes.is_empty() => Ok(()),
            Sink::Parquet(_) => Err(std::io::Error::other("a Parquet file holds rows, not text")),
        }
    }

    /// Writes what a document gave.
    fn put(&mut self, piece: write::Piece) -> std::io::Result<()> {
        self.put_bytes(&piece.bytes)?;
        if let Sink::Parquet(writer) = self {
            for row in &piece.rows {
                writer.push(row).map_err(std::io::Error::other)?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(file) => file.flush(),
            // Rows go out a row group at a time.
            Sink::Parquet(_) => Ok(()),
        }
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush().context("cannot write to standard output"),
            // On any failure the temporary file is removed: the previous output, if
            // any, stays as it was.
            Sink::File(file) => {
                let out = file.target().to_owned();
                file.commit()
                    .with_context(|| format!("cannot write {}", out.display()))
            }
            Sink::Parquet(writer) => {
                let out = writer.get_ref().target().to_owned();
                let file = writer
                    .finish()
                    .with_context(|| format!("cannot write {}", out.display()))?;
                file.commit()
                    .with_context(|| format!("cannot write {}", out.display()))
            }
        }
    }

    /// Leaves the previous output as it was (the temporary file goes with the sink).
    fn abandon(self) {}
}

pub(crate) fn run(args: AnnotateArgs) -> anyhow::Result<Status> {
    if args.format == Format::Parquet && args.out.is_none() {
        anyhow::bail!("--format parquet writes a file, not a stream: add --out FILE.parquet");
    }
    let setup = Setup::new(&args.corpus)?;
    let mut failed = setup.report_problems();
    let to_terminal = args.out.is_none() && std::io::stdout().is_terminal();
    let color = args.color.enabled(to_terminal);
    let cx = write::Context {
        format: args.format,
        kb: &setup.kb,
        color,
        compact: true,
        // A stream's CSV header is written when its sink opens.
        header: std::sync::atomic::AtomicBool::new(args.format != Format::Csv),
    };
    if args.stdin || args.stdin_text {
        if args.format == Format::Brat {
            anyhow::bail!("brat standoff needs files: annotate a folder with --out FOLDER");
        }
        if args.format == Format::Quotes {
            anyhow::bail!(
                "the quotes table has one row per quote, not one line per record: \
                 annotate files, or read the quotes from the JSONL stream"
            );
        }
        let mut sink = Sink::open(args.out.as_deref(), args.format)?;
        let stdin = std::io::stdin().lock();
        let result = if args.stdin {
            stream::run(
                &cx,
                &setup.pipeline,
                args.all,
                setup.threads,
                stdin,
                &mut sink,
            )
        } else {
            stream::run_text(&cx, &setup.pipeline, args.all, stdin, &mut sink)
        };
        return match result {
            Ok(bad) => {
                sink.finish()?;
                Ok(if failed || bad {
                    Status::Failed
                } else {
                    Status::Ok
                })
            }
            Err(e) => {
                sink.abandon();
                Err(e)
            }
        };
    }

    let discovery = setup.discover();
    for p in &discovery.problems {
        warn(&p.to_string());
        failed |= p.severity == Severity::Error;
    }
    let files = discovery.files;
    if files.is_empty() {
        return Ok(Status::Failed);
    }
    let folder_out = match &args.out {
        Some(out) => {
            args.format == Format::Brat
                || args.resume
                || out.is_dir()
                || out
                    .as_os_str()
                    .to_string_lossy()
                    .ends_with(std::path::MAIN_SEPARATOR)
        }
        None => false,
    };
    if args.format == Format::Brat && !folder_out {
        anyhow::bail!("brat standoff is written into a folder: add --out FOLDER");
    }
    if args.format == Format::Parquet && folder_out {
        anyhow::bail!(
            "--format parquet writes one file for the whole corpus, not a folder: \
             give --out a file name (FILE.parquet), without --resume"
        );
    }
    let progress =
        crate::progress::files(files.len(), to_terminal && args.format == Format::Pretty);
    let pass = setup.observe(&files, setup.threads)?;
    let status = if folder_out {
        let out = args.out.as_deref().unwrap_or(Path::new("."));
        to_folder(&args, &setup, &files, &pass, out, &progress)?
    } else {
        to_stream(&args, &setup, &cx, &files, &pass, &progress)?
    };
    progress.finish_and_clear();
    Ok(if failed { Status::Failed } else { status })
}

/// The annotations to write (`--all`: every tagger's, else the resolved layer), and
/// whether a diagnostic of the document is an error.
fn chosen(result: &glose_core::Annotated, all: bool) -> (Vec<&Annotation>, bool) {
    let annotations = if all {
        result.store.iter().collect()
    } else {
        result.resolved().collect()
    };
    let error = result
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    (annotations, error)
}

/// Says a file skipped or failed above the progress bar; whether it is an error.
fn said(progress: &ProgressBar, problem: &glose_core::Problem) -> bool {
    progress.suspend(|| warn(&problem.to_string()));
    problem.severity == Severity::Error
}

/// Says what CoNLL could not hold.
fn report_dropped(dropped: &Dropped) {
    if dropped.is_empty() {
        return;
    }
    let mut line = format!(
        "conll: left out {} quote(s) (they contain names), {} annotation(s) not on token boundaries, {} overlapping",
        dropped.overlay,
        dropped.misaligned.len(),
        dropped.overlapping
    );
    let examples: Vec<String> = dropped
        .misaligned
        .iter()
        .take(5)
        .map(|(label, text)| format!("{label} «{text}»"))
        .collect();
    if !examples.is_empty() {
        line.push_str(&format!(" (e.g. {})", examples.join(", ")));
    }
    warn(&line);
}

/// Every document into one stream: standard output or a file.
fn to_stream(
    args: &AnnotateArgs,
    setup: &Setup,
    cx: &write::Context<'_>,
    files: &[glose_core::corpus::FileEntry],
    pass: &glose_core::corpus::Pass,
    progress: &ProgressBar,
) -> anyhow::Result<Status> {
    let mut failed = false;
    let mut sink = Sink::open(args.out.as_deref(), args.format)?;
    let mut write_error: Option<std::io::Error> = None;
    let mut summary = pretty::CorpusSummary::default();
    let mut dropped = Dropped::default();
    setup.annotate(files, pass, setup.threads, |_, outcome| {
        progress.inc(1);
        if write_error.is_some() {
            return;
        }
        let written = match outcome {
            Outcome::Annotated { document, result } => {
                let (annotations, error) = chosen(&result, args.all);
                failed |= error;
                if args.format == Format::Pretty {
                    summary.add(&document, result.resolved());
                }
                write::piece(
                    cx,
                    None,
                    &document,
                    &annotations,
                    &result.diagnostics,
                    &mut dropped,
                )
                .and_then(|piece| sink.put(piece))
            }
            Outcome::Skipped(problem) | Outcome::Failed(problem) => {
                failed |= said(progress, &problem);
                Ok(())
            }
        };
        if let Err(e) = written {
            write_error = Some(e);
        }
    })?;
    if args.format == Format::Pretty && write_error.is_none() {
        let mut bytes = Vec::new();
        write_error = summary
            .write(&mut bytes, &setup.kb, cx.color)
            .and_then(|()| sink.put_bytes(&bytes))
            .err();
    }
    if let Some(e) = write_error {
        let broken_pipe = e.kind() == std::io::ErrorKind::BrokenPipe;
        sink.abandon();
        let target = args
            .out
            .as_ref()
            .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
        return Err(anyhow::Error::new(e).context(if broken_pipe {
            "output closed".to_owned()
        } else {
            format!("cannot write to {target}")
        }));
    }
    sink.finish()?;
    report_dropped(&dropped);
    Ok(if failed { Status::Failed } else { Status::Ok })
}

/// The path of a document relative to the corpus root it was found under, with `/`.
fn relative(path: &Path, roots: &[PathBuf]) -> String {
    let rel = roots
        .iter()
        .filter(|r| r.is_dir())
        .find_map(|r| path.strip_prefix(r).ok())
        .map(Path::to_path_buf)
        .or_else(|| path.file_name().map(PathBuf::from))
        .unwrap_or_else(|| path.to_path_buf());
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// One output per document into a folder, resumable.
fn to_folder(
    args: &AnnotateArgs,
    setup: &Setup,
    files: &[glose_core::corpus::FileEntry],
    pass: &glose_core::corpus::Pass,
    out: &Path,
    progress: &ProgressBar,
) -> anyhow::Result<Status> {
    // What the outputs depend on besides the text.
    let mut run = Digest::new();
    run.str(env!("CARGO_PKG_VERSION"))
        .str(args.format.name())
        .u64(u64::from(args.all))
        .u64(setup.pipeline.digest().value());
    let run = format!("{:016x}", run.value());
    let mut folder = folder::Folder::open(out, args.format, run, args.resume)?;
    // The documents to annotate: not done yet, or changed.
    let rels: Vec<String> = files
        .iter()
        .map(|f| relative(&f.path, &setup.paths))
        .collect();
    let sources: Vec<Option<String>> = files
        .par_iter()
        .map(|f| std::fs::read(&f.path).ok().map(|b| Digest::hex_of(&b)))
        .collect();
    let mut todo = Vec::new();
    let mut todo_meta = Vec::new();
    for ((file, rel), source) in files.iter().zip(&rels).zip(&sources) {
        match source {
            Some(source) if args.resume && folder.is_done(rel, source) => progress.inc(1),
            _ => {
                todo.push(file.clone());
                todo_meta.push((rel.clone(), source.clone().unwrap_or_default()));
            }
        }
    }
    let cx = write::Context {
        format: args.format,
        kb: &setup.kb,
        color: false,
        compact: false,
        header: std::sync::atomic::AtomicBool::new(true),
    };
    let mut failed = false;
    let mut write_error: Option<anyhow::Error> = None;
    let mut dropped = Dropped::default();
    let mut index = 0;
    setup.annotate(&todo, pass, setup.threads, |_, outcome| {
        progress.inc(1);
        let (rel, source) = &todo_meta[index];
        index += 1;
        if write_error.is_some() {
            return;
        }
        match outcome {
            Outcome::Annotated { document, result } => {
                let (annotations, error) = chosen(&result, args.all);
                failed |= error;
                let contents = if args.format == Format::Brat {
                    vec![
                        document.text().as_bytes().to_vec(),
                        glose_formats::brat::write(document.text(), &annotations, Some(&setup.kb))
                            .into_bytes(),
                    ]
                } else {
                    let mut bytes = Vec::new();
                    // Each file of a folder has its own header row.
                    cx.header.store(true, std::sync::atomic::Ordering::Relaxed);
                    if let Err(e) = write::document(
                        &cx,
                        &mut bytes,
                        None,
                        &document,
                        &annotations,
                        &result.diagnostics,
                        &mut dropped,
                    ) {
                        write_error = Some(e.into());
                        return;
                    }
                    vec![bytes]
                };
                if let Err(e) = folder.write(rel, source, &contents) {
                    write_error = Some(anyhow::Error::new(e).context(format!(
                        "cannot write the output of {rel} into {}",
                        out.display()
                    )));
                }
            }
            Outcome::Skipped(problem) | Outcome::Failed(problem) => {
                failed |= said(progress, &problem);
            }
        }
    })?;
    if let Some(e) = write_error {
        return Err(e);
    }
    folder.finish()?;
    report_dropped(&dropped);
    Ok(if failed { Status::Failed } else { Status::Ok })
}
