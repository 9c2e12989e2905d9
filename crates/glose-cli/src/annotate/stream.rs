//! `--stdin`: documents as JSONL records on standard input, annotations as JSONL on
//! standard output, in the same order, one output line per input line, in constant
//! memory: what distributed engines that pipe records through a program need (Spark's
//! `RDD.pipe`, Hadoop streaming, Ray).
//!
//! Input: `{"id": ..., "text": "..."}` per line (`id` any JSON value, kept as given). A
//! line that is not such a record gives `{"line": N, "error": "..."}` (with its `id`
//! when it has one), and the run ends with status 1. Each document is annotated on its
//! own, with what the taggers learned from a corpus when `--knowledge FILE` gives it
//! (made by `glose learn`): the result of a record never depends on the others, nor on
//! how a stream is split between workers.

use std::io::{self, BufRead};

use anyhow::Context as _;

use glose_core::{Annotation, Document, Pipeline, Severity};
use rayon::prelude::*;
use serde_json::{Value, json};

use super::Sink;
use super::write::{Context, Piece, piece};

/// Records annotated at a time (per thread).
pub(crate) const CHUNK: usize = 64;

/// One input line, parsed.
pub(crate) enum Record {
    Doc {
        id: Value,
        text: String,
    },
    Bad {
        line: usize,
        id: Option<Value>,
        error: String,
    },
}

/// The name of the document of a record: its id.
pub(crate) fn name_of(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn parse(line: usize, raw: &str) -> Record {
    let value: Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(e) => {
            return Record::Bad {
                line,
                id: None,
                error: format!("not JSON: {e}"),
            };
        }
    };
    let id = value.get("id").cloned();
    match (id, value.get("text").and_then(Value::as_str)) {
        (Some(id), Some(text)) => Record::Doc {
            id,
            text: text.to_owned(),
        },
        (id, _) => Record::Bad {
            line,
            error: if id.is_none() {
                "no \"id\"".to_owned()
            } else {
                "no \"text\" string".to_owned()
            },
            id,
        },
    }
}

/// The output of one record; whether it failed. A record that fails has an error line
/// at its place, except in a table (CSV, Parquet), which has no row for it.
fn annotate_record(
    cx: &Context<'_>,
    pipeline: &Pipeline,
    all: bool,
    record: Record,
) -> (Piece, bool) {
    let mut out = Vec::new();
    let table = cx.format.is_table();
    let mut dropped = Default::default();
    match record {
        Record::Doc { id, text } => match Document::new(name_of(&id), text) {
            Ok(doc) => {
                let result = pipeline.run(&doc);
                let annotations: Vec<&Annotation> = if all {
                    result.store.iter().collect()
                } else {
                    result.resolved().collect()
                };
                let failed = result
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == Severity::Error);
                let written = piece(
                    cx,
                    Some(&id),
                    &doc,
                    &annotations,
                    &result.diagnostics,
                    &mut dropped,
                );
                (written.unwrap_or_default(), failed)
            }
            Err(e) => {
                crate::setup::warn(&format!("standard input, record {id}: {e}"));
                if !table {
                    let _ =
                        serde_json::to_writer(&mut out, &json!({"id": id, "error": e.to_string()}));
                    out.push(b'\n');
                }
                (bytes(out), true)
            }
        },
        Record::Bad { line, id, error } => {
            crate::setup::warn(&format!("standard input, line {line}: {error}"));
            let mut v = json!({"line": line, "error": error});
            if let Some(id) = id {
                v["id"] = id;
            }
            if !table {
                let _ = serde_json::to_writer(&mut out, &v);
                out.push(b'\n');
            }
            (bytes(out), true)
        }
    }
}

fn bytes(bytes: Vec<u8>) -> Piece {
    Piece {
        bytes,
        ..Piece::default()
    }
}

/// Annotates the records of `input` into `output`; whether a record failed.
pub(crate) fn run(
    cx: &Context<'_>,
    pipeline: &Pipeline,
    all: bool,
    threads: usize,
    input: impl BufRead,
    output: &mut Sink,
) -> anyhow::Result<bool> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("glose-stream-{i}"))
        .build()?;
    // A chunk is written (by a thread of its own) while the next is annotated: writing,
    // and encoding a Parquet row group, never leaves the annotating threads idle. One
    // chunk waits at most, so memory stays bounded.
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(Piece, bool)>>(1);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> anyhow::Result<bool> {
            let mut failed = false;
            for outputs in receive {
                for (piece, bad) in outputs {
                    failed |= bad;
                    output.put(piece).map_err(write_error)?;
                }
                output.flush().map_err(write_error)?;
            }
            Ok(failed)
        });
        let read = for_each_chunk(input, CHUNK * threads, |chunk| {
            let outputs: Vec<(Piece, bool)> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|r| annotate_record(cx, pipeline, all, r))
                    .collect()
            });
            // The writer stopped: its error says why.
            send.send(outputs)
                .map_err(|_| anyhow::anyhow!("the output stopped"))
        });
        drop(send);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("writing the output failed")));
        match (read, written) {
            (_, Err(e)) => Err(e),
            (Err(e), Ok(_)) => Err(e),
            (Ok(()), Ok(failed)) => Ok(failed),
        }
    })
}

/// Reads the records of `input` (blank lines skipped) and hands them to `each`, `size`
/// at a time, in order.
pub(crate) fn for_each_chunk(
    input: impl BufRead,
    size: usize,
    mut each: impl FnMut(Vec<Record>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut lines = input.lines().enumerate();
    loop {
        let mut chunk: Vec<Record> = Vec::with_capacity(size);
        for (n, line) in lines.by_ref() {
            let line = line.map_err(|e| {
                anyhow::Error::new(e)
                    .context(format!("cannot read standard input (line {})", n + 1))
            })?;
            if line.trim().is_empty() {
                continue;
            }
            chunk.push(parse(n + 1, &line));
            if chunk.len() == size {
                break;
            }
        }
        if chunk.is_empty() {
            return Ok(());
        }
        each(chunk)?;
    }
}

fn write_error(e: io::Error) -> anyhow::Error {
    let what = if e.kind() == io::ErrorKind::BrokenPipe {
        "output closed"
    } else {
        "cannot write the output"
    };
    anyhow::Error::new(e).context(what)
}

/// `--stdin-text`: all of standard input is one document, `stdin`.
pub(crate) fn run_text(
    cx: &Context<'_>,
    pipeline: &Pipeline,
    all: bool,
    mut input: impl io::Read,
    output: &mut Sink,
) -> anyhow::Result<bool> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        anyhow::anyhow!("standard input: invalid UTF-8 at byte {at}")
    })?;
    let (out, failed) = annotate_record(
        cx,
        pipeline,
        all,
        Record::Doc {
            id: Value::String("stdin".to_owned()),
            text,
        },
    );
    output.put(out).map_err(write_error)?;
    output.flush().map_err(write_error)?;
    Ok(failed)
}
