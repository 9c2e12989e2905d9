//! brat standoff: an `.ann` file beside each `.txt`.
//!
//! - `T` lines: `T3\tLOC 45 50\tRaqqa`, offsets in code points of the text as it is on
//!   disk (a byte order mark counts as one); a span over a line break is written as
//!   fragments (`45 50;51 57`) and its text with the break as a space.
//! - `N` lines link a name to its entity: `N1\tReference T3 glose:raqqa\tRaqqa`, and to
//!   the external ids the knowledge base knows (`Wikidata:Q…`, `GeoNames:…`).
//! - `A` lines carry attributes: `A2\tvalue T5 2019-02-21`. A value is written as its
//!   JSON, with `%`, spaces, tabs and line breaks percent-encoded so that it stays one
//!   token; `true` becomes a binary attribute (`A4\tanonymous T7`).
//! - `R` lines link a quote to its speaker: `R1\tSpeaker Arg1:T7 Arg2:T2`.
//! - `#` notes keep what brat has no place for: the tagger and the confidence
//!   (`#1\tAnnotatorNotes T3\ttagger=gazetteer`).
//!
//! [`read`] reads a `.ann` back into annotations with the same spans, labels, entities
//! and attributes.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use glose_core::text::LineIndex;
use glose_core::{Annotation, EntityId, KnowledgeBase, Label, Span};
use serde_json::Value;

/// A problem in a `.ann` file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct BratError {
    /// One-based line of the `.ann` file.
    pub line: usize,
    pub message: String,
}

fn encode(v: &Value) -> String {
    let json = v.to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '\t' => out.push_str("%09"),
            '\n' => out.push_str("%0A"),
            '\r' => out.push_str("%0D"),
            c => out.push(c),
        }
    }
    out
}

fn decode(s: &str) -> Value {
    let json = s
        .replace("%20", " ")
        .replace("%09", "\t")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%");
    serde_json::from_str(&json).unwrap_or(Value::String(json))
}

/// The fragments of a span, split at line breaks, in code points.
fn fragments(text: &str, lines: &LineIndex, span: Span) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let piece = &text[span.range()];
    let mut start = span.start;
    for (i, c) in piece.char_indices() {
        if c == '\n' || c == '\r' {
            let at = span.start + i;
            if at > start {
                out.push((start, at));
            }
            start = at + c.len_utf8();
        }
    }
    if span.end > start {
        out.push((start, span.end));
    }
    out.into_iter()
        .filter_map(|(s, e)| Some((lines.char_index(s)?, lines.char_index(e)?)))
        .collect()
}

/// The `.ann` of a document's annotations; `kb` adds Wikidata links.
pub fn write(text: &str, annotations: &[&Annotation], kb: Option<&KnowledgeBase>) -> String {
    let lines = LineIndex::new(text);
    let mut out = String::new();
    let (mut n, mut a, mut r, mut note) = (0, 0, 0, 0);
    // T ids by annotation, for relations.
    let mut ids: Vec<usize> = Vec::with_capacity(annotations.len());
    for (i, ann) in annotations.iter().enumerate() {
        let t = i + 1;
        ids.push(t);
        let frags = fragments(text, &lines, ann.span);
        if frags.is_empty() {
            continue;
        }
        let offsets: Vec<String> = frags.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let shown: Vec<&str> = frags
            .iter()
            .filter_map(|&(s, e)| {
                let (s, e) = (lines.offset_of_char(s)?, lines.offset_of_char(e)?);
                text.get(s..e)
            })
            .collect();
        let _ = writeln!(
            out,
            "T{t}\t{} {}\t{}",
            ann.label,
            offsets.join(";"),
            shown.join(" ")
        );
        if let Some(id) = &ann.entity {
            n += 1;
            let _ = writeln!(out, "N{n}\tReference T{t} glose:{id}\t{}", ann.text(text));
            // The external ids the knowledge base has for it.
            if let Some(entity) = kb.and_then(|kb| kb.get(id.as_str())) {
                for (scheme, value) in &entity.ids {
                    let db = match scheme.as_str() {
                        "wikidata" => "Wikidata",
                        "geonames" => "GeoNames",
                        other => other,
                    };
                    n += 1;
                    let _ = writeln!(out, "N{n}\tReference T{t} {db}:{value}\t{}", ann.text(text));
                }
            }
        }
        for (key, value) in &ann.attrs {
            a += 1;
            if value == &Value::Bool(true) {
                let _ = writeln!(out, "A{a}\t{key} T{t}");
            } else {
                let _ = writeln!(out, "A{a}\t{key} T{t} {}", encode(value));
            }
        }
        let mut notes = Vec::new();
        if !ann.tagger.is_empty() {
            notes.push(format!("tagger={}", ann.tagger));
        }
        if ann.confidence < 1.0 {
            notes.push(format!("confidence={}", ann.confidence));
        }
        if !notes.is_empty() {
            note += 1;
            let _ = writeln!(out, "#{note}\tAnnotatorNotes T{t}\t{}", notes.join(" "));
        }
    }
    // A quote's speaker: the nearest name before or after it whose entity (or text) is
    // the one the quote names.
    for (i, q) in annotations.iter().enumerate() {
        let Some(view) = glose_core::quote::QuoteView::of(q) else {
            continue;
        };
        let (entity, name) = (view.speaker_entity, view.speaker);
        if entity.is_none() && name.is_none() {
            continue;
        }
        let speaker = annotations
            .iter()
            .enumerate()
            .filter(|(j, s)| {
                *j != i
                    && s.label != Label::QUOTE
                    && (entity.is_some_and(|e| s.entity.as_ref().is_some_and(|x| x.as_str() == e))
                        || name.is_some_and(|n| s.text(text) == n))
            })
            .min_by_key(|(_, s)| {
                if s.span.start >= q.span.end {
                    s.span.start - q.span.end
                } else {
                    q.span.start.saturating_sub(s.span.end)
                }
            });
        if let Some((j, _)) = speaker {
            r += 1;
            let _ = writeln!(out, "R{r}\tSpeaker Arg1:T{} Arg2:T{}", ids[i], ids[j]);
        }
    }
    out
}

/// The `annotation.conf` of a collection, from its `.ann` files: the labels, the
/// `Speaker` relation, and the attributes (with the values seen).
pub fn annotation_conf<'a>(anns: impl IntoIterator<Item = &'a str>) -> String {
    let mut labels: BTreeSet<String> = BTreeSet::new();
    let mut attrs: std::collections::BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> =
        Default::default();
    for ann in anns {
        let mut label_of: std::collections::HashMap<&str, &str> = Default::default();
        for line in ann.lines() {
            let mut fields = line.split('\t');
            let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
                continue;
            };
            let mut parts = body.split(' ');
            if id.starts_with('T') {
                if let Some(label) = parts.next() {
                    labels.insert(label.to_owned());
                    label_of.insert(id, label);
                }
            } else if id.starts_with('A')
                && let (Some(key), Some(target)) = (parts.next(), parts.next())
            {
                let entry = attrs.entry(key.to_owned()).or_default();
                if let Some(label) = label_of.get(target) {
                    entry.0.insert((*label).to_owned());
                }
                if let Some(value) = parts.next() {
                    entry.1.insert(value.to_owned());
                }
            }
        }
    }
    let mut out = String::from("[entities]\n");
    for l in &labels {
        let _ = writeln!(out, "{l}");
    }
    out.push_str("\n[relations]\nSpeaker\tArg1:QUOTE, Arg2:<ENTITY>\n\n[events]\n\n[attributes]\n");
    for (key, (on, values)) in &attrs {
        let on: Vec<&str> = on.iter().map(String::as_str).collect();
        if values.is_empty() {
            let _ = writeln!(out, "{key}\tArg:{}", on.join("|"));
        } else {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            let _ = writeln!(
                out,
                "{key}\tArg:{}, Value:{}",
                on.join("|"),
                values.join("|")
            );
        }
    }
    out
}

/// Reads a `.ann` file for the document `text`: its text-bound annotations, with their
/// entity links, attributes and notes. Lines of other kinds (events, equivalences) are
/// ignored.
pub fn read(text: &str, ann: &str) -> Result<Vec<Annotation>, BratError> {
    let lines = LineIndex::new(text);
    let mut out: Vec<(String, Annotation)> = Vec::new();
    let find = |out: &mut Vec<(String, Annotation)>, id: &str, line: usize| {
        out.iter()
            .position(|(t, _)| t == id)
            .ok_or_else(|| BratError {
                line,
                message: format!("{id} is not defined before"),
            })
    };
    for (n, raw) in ann.lines().enumerate() {
        let line = n + 1;
        let err = |message: String| BratError { line, message };
        if raw.trim().is_empty() {
            continue;
        }
        let mut fields = raw.splitn(3, '\t');
        let id = fields.next().unwrap_or_default();
        let body = fields
            .next()
            .ok_or_else(|| err("no tab after the id".into()))?;
        match id.chars().next() {
            Some('T') => {
                let (label, offsets) = body
                    .split_once(' ')
                    .ok_or_else(|| err("no offsets".into()))?;
                if !Label::is_valid_name(label) {
                    return Err(err(format!("{label:?} is not a label")));
                }
                let mut start = usize::MAX;
                let mut end = 0;
                for frag in offsets.split(';') {
                    let (s, e) = frag
                        .trim()
                        .split_once(' ')
                        .ok_or_else(|| err(format!("bad offsets {frag:?}")))?;
                    let (s, e): (usize, usize) = (
                        s.parse().map_err(|_| err(format!("bad offset {s:?}")))?,
                        e.parse().map_err(|_| err(format!("bad offset {e:?}")))?,
                    );
                    let (s, e) = (
                        lines
                            .offset_of_char(s)
                            .ok_or_else(|| err(format!("offset {s} is past the end")))?,
                        lines
                            .offset_of_char(e)
                            .ok_or_else(|| err(format!("offset {e} is past the end")))?,
                    );
                    if s >= e {
                        return Err(err(format!("empty or reversed fragment {frag:?}")));
                    }
                    start = start.min(s);
                    end = end.max(e);
                }
                out.push((
                    id.to_owned(),
                    Annotation::new(Span::new(start, end), Label::new(label)),
                ));
            }
            Some('N') => {
                let mut parts = body.split(' ');
                let (_, target, reference) = (parts.next(), parts.next(), parts.next());
                let (Some(target), Some(reference)) = (target, reference) else {
                    return Err(err("an N line needs a target and a reference".into()));
                };
                let i = find(&mut out, target, line)?;
                if let Some(id) = reference.strip_prefix("glose:") {
                    out[i].1.entity = Some(EntityId::new(id));
                }
            }
            Some('A' | 'M') => {
                let mut parts = body.split(' ');
                let (Some(key), Some(target)) = (parts.next(), parts.next()) else {
                    return Err(err("an A line needs a name and a target".into()));
                };
                let value = parts.next().map_or(Value::Bool(true), decode);
                let i = find(&mut out, target, line)?;
                out[i].1.attrs.insert(key.to_owned().into(), value);
            }
            Some('#') => {
                let mut parts = body.split(' ');
                let (_, Some(target)) = (parts.next(), parts.next()) else {
                    continue;
                };
                let Ok(i) = find(&mut out, target, line) else {
                    continue;
                };
                let note = raw.splitn(3, '\t').nth(2).unwrap_or_default();
                for item in note.split(' ') {
                    match item.split_once('=') {
                        Some(("tagger", t)) => {
                            out[i].1.tagger = glose_core::annotation::intern(t);
                        }
                        Some(("confidence", c)) => {
                            if let Ok(c) = c.parse() {
                                out[i].1.confidence = c;
                            }
                        }
                        _ => {}
                    }
                }
            }
            // Relations, events, equivalences: nothing to read back into spans.
            _ => {}
        }
    }
    Ok(out.into_iter().map(|(_, a)| a).collect())
}
