//! One document in each output format.

use std::io::{self, Write};

use glose_core::{Annotation, Diagnostic, Document, KnowledgeBase};
use glose_formats::conll::Dropped;
use glose_formats::jsonl::{write_json_line, write_json_line_with_id};
use glose_formats::{conll, webanno};
use serde_json::Value;

use super::Format;
use glose_formats::columns::{self, Row};
use glose_formats::pretty;

/// What a document is written with.
pub(crate) struct Context<'a> {
    pub(crate) format: Format,
    pub(crate) kb: &'a KnowledgeBase,
    pub(crate) color: bool,
    /// One Web Annotation page per line (a stream) rather than a pretty-printed file.
    pub(crate) compact: bool,
    /// Whether a header row is still to be written (CSV of quotes or annotations).
    pub(crate) header: std::sync::atomic::AtomicBool,
}

/// What one document gives: bytes, or the rows of a table for a Parquet file.
#[derive(Debug, Default)]
pub(crate) struct Piece {
    pub(crate) bytes: Vec<u8>,
    pub(crate) rows: Vec<Row<'static>>,
}

/// The document as the JSONL names it: its path, or a stream record's id as text.
fn name_of(document: &Document, id: Option<&Value>) -> String {
    match id {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => document.path().to_owned(),
    }
}

/// Gives `f` the rows of a document's annotations (`--format csv` and `parquet`).
fn with_rows<R>(
    document: &Document,
    id: Option<&Value>,
    annotations: &[&Annotation],
    f: impl FnOnce(Vec<Row<'_>>) -> R,
) -> R {
    let date = document.meta().date.map(|d| d.to_string());
    let name = name_of(document, id);
    f(columns::rows(
        &name,
        date.as_deref(),
        document.text(),
        document.lines(),
        annotations,
    ))
}

/// A document in the context's format: rows for Parquet, else bytes ([`document`]).
pub(crate) fn piece(
    cx: &Context<'_>,
    id: Option<&Value>,
    doc: &Document,
    annotations: &[&Annotation],
    diagnostics: &[Diagnostic],
    dropped: &mut Dropped,
) -> io::Result<Piece> {
    let mut piece = Piece::default();
    if cx.format == Format::Parquet {
        piece.rows = with_rows(doc, id, annotations, |rows| {
            rows.into_iter().map(Row::into_owned).collect()
        });
    } else {
        document(
            cx,
            &mut piece.bytes,
            id,
            doc,
            annotations,
            diagnostics,
            dropped,
        )?;
    }
    Ok(piece)
}

/// The IRI of a document in Web Annotation: its `file:` URI, or a URN of its id.
pub(crate) fn source_iri(document: &Document, id: Option<&Value>) -> String {
    match id {
        Some(Value::String(s)) => format!("urn:glose:doc:{s}"),
        Some(other) => format!("urn:glose:doc:{other}"),
        None => std::path::absolute(document.path())
            .map(|p| format!("file://{}", p.display()))
            .unwrap_or_else(|_| document.path().to_owned()),
    }
}

/// Writes a document (its annotations and diagnostics) in the context's format; CoNLL
/// adds what it dropped to `dropped`.
pub(crate) fn document(
    cx: &Context<'_>,
    w: &mut dyn Write,
    id: Option<&Value>,
    document: &Document,
    annotations: &[&Annotation],
    diagnostics: &[Diagnostic],
    dropped: &mut Dropped,
) -> io::Result<()> {
    match cx.format {
        Format::Jsonl => match id {
            Some(id) => {
                write_json_line_with_id(w, id, document, annotations.iter().copied(), diagnostics)
            }
            None => write_json_line(w, document, annotations.iter().copied(), diagnostics),
        },
        Format::Pretty => pretty::write_document(w, document, annotations, diagnostics, cx.color),
        Format::Conll => {
            let mut out = String::new();
            dropped.add(conll::write(
                document.text(),
                document.meta().body_start,
                annotations,
                &mut out,
            ));
            w.write_all(out.as_bytes())
        }
        Format::Webanno => {
            let page = webanno::page(
                &source_iri(document, id),
                document.text(),
                annotations,
                Some(cx.kb),
            );
            if cx.compact {
                serde_json::to_writer(&mut *w, &page)?;
            } else {
                serde_json::to_writer_pretty(&mut *w, &page)?;
            }
            w.write_all(b"\n")
        }
        Format::Quotes => {
            let mut out = String::new();
            if cx.header.swap(false, std::sync::atomic::Ordering::Relaxed) {
                out.push_str(glose_formats::quotes::HEADER);
            }
            let date = document.meta().date.map(|d| d.to_string());
            let article = name_of(document, id);
            glose_formats::quotes::write(
                &article,
                date.as_deref(),
                document.text(),
                annotations,
                &mut out,
            );
            w.write_all(out.as_bytes())
        }
        Format::Csv => {
            let mut out = String::new();
            if cx.header.swap(false, std::sync::atomic::Ordering::Relaxed) {
                glose_formats::csv::header(&mut out);
            }
            with_rows(document, id, annotations, |rows| {
                for row in &rows {
                    glose_formats::csv::row(row, &mut out);
                }
            });
            w.write_all(out.as_bytes())
        }
        // Parquet has rows, not bytes: see `piece`.
        Format::Parquet => Err(io::Error::other("a Parquet file holds rows, not text")),
        // brat writes two files per document: see `folder`.
        Format::Brat => Err(io::Error::other("brat standoff is written into a folder")),
    }
}
