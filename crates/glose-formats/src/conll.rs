//! CoNLL-2003 style IOB2: one token per line, four columns (`token _ _ tag`, the part of
//! speech and chunk columns left as `_`), a blank line between sentences, and
//! `-DOCSTART- -X- -X- O` before each document.
//!
//! Tokens are glose's (words, numbers, single punctuation characters). Tags come from
//! the non-overlapping entity layer: `B-` on the first token of a name, `I-` on the
//! others. What IOB cannot hold is left out and counted in [`Dropped`]: quotes (they
//! contain names), annotations inside a token (`al-` of a longer word), and any that
//! would overlap another.
//!
//! Sentences end after `.`, `!`, `?` or `…` followed by a capital or a line break, and
//! at every line break.

use std::fmt::Write as _;

use glose_core::text::{Token, TokenKind, tokenize};
use glose_core::{Annotation, Label};

/// What the IOB output left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Quotes and other overlay annotations.
    pub overlay: usize,
    /// Annotations whose ends are not token boundaries: (label, text).
    pub misaligned: Vec<(String, String)>,
    /// Annotations overlapping an earlier one.
    pub overlapping: usize,
}

impl Dropped {
    pub fn is_empty(&self) -> bool {
        self.overlay == 0 && self.misaligned.is_empty() && self.overlapping == 0
    }

    pub fn add(&mut self, other: Dropped) {
        self.overlay += other.overlay;
        self.misaligned.extend(other.misaligned);
        self.overlapping += other.overlapping;
    }
}

fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else {
        return true;
    };
    if next.has(Token::LINE_BEFORE) {
        return true;
    }
    let t = &tokens[i];
    t.kind == TokenKind::Punct
        && matches!(t.text(text), "." | "!" | "?" | "…")
        && next.has(Token::SPACE_BEFORE)
        && next.is_capitalized()
}

/// Appends the IOB2 lines of a document to `out`; `annotations` are its resolved layer.
/// Text before `body_start` (the date marker) is not written.
pub fn write(
    text: &str,
    body_start: usize,
    annotations: &[&Annotation],
    out: &mut String,
) -> Dropped {
    let tokens: Vec<Token> = tokenize(text)
        .into_iter()
        .filter(|t| t.start as usize >= body_start)
        .collect();
    let mut dropped = Dropped::default();
    // The tag of each token.
    let mut tags: Vec<Option<(Label, bool)>> = vec![None; tokens.len()];
    for a in annotations {
        if a.label == Label::QUOTE {
            dropped.overlay += 1;
            continue;
        }
        let first = tokens.partition_point(|t| (t.end as usize) <= a.span.start);
        let last = tokens.partition_point(|t| (t.start as usize) < a.span.end);
        let aligned = first < last
            && tokens[first].start as usize == a.span.start
            && tokens[last - 1].end as usize == a.span.end;
        if !aligned {
            dropped
                .misaligned
                .push((a.label.to_string(), a.text(text).to_owned()));
            continue;
        }
        if tags[first..last].iter().any(Option::is_some) {
            dropped.overlapping += 1;
            continue;
        }
        for (k, tag) in tags[first..last].iter_mut().enumerate() {
            *tag = Some((a.label, k == 0));
        }
    }
    out.push_str("-DOCSTART- -X- -X- O\n\n");
    let mut in_sentence = false;
    for (i, t) in tokens.iter().enumerate() {
        let tag = match tags[i] {
            Some((label, true)) => format!("B-{label}"),
            Some((label, false)) => format!("I-{label}"),
            None => "O".to_owned(),
        };
        let _ = writeln!(out, "{} _ _ {tag}", t.text(text));
        in_sentence = true;
        if ends_sentence(text, &tokens, i) {
            out.push('\n');
            in_sentence = false;
        }
    }
    if in_sentence {
        out.push('\n');
    }
    dropped
}

/// Reads IOB2 lines back: per document, (token, tag) by sentence.
pub fn read(input: &str) -> Vec<Vec<Vec<(String, String)>>> {
    let mut docs: Vec<Vec<Vec<(String, String)>>> = Vec::new();
    let mut sentence: Vec<(String, String)> = Vec::new();
    for line in input.lines() {
        if line.starts_with("-DOCSTART-") {
            docs.push(Vec::new());
            continue;
        }
        if line.trim().is_empty() {
            if !sentence.is_empty()
                && let Some(doc) = docs.last_mut()
            {
                doc.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        let cols: Vec<&str> = line.split(' ').collect();
        if let (Some(token), Some(tag)) = (cols.first(), cols.last()) {
            sentence.push(((*token).to_owned(), (*tag).to_owned()));
        }
    }
    if !sentence.is_empty()
        && let Some(doc) = docs.last_mut()
    {
        doc.push(sentence);
    }
    docs
}

/// A document rebuilt from IOB2 gold: its text (tokens joined by spaces as French
/// typography spaces them, a line per sentence) and its entity spans in UTF-8 bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldDocument {
    /// `FILE#N`, the document's place in the file (from 1).
    pub name: String,
    pub text: String,
    pub spans: Vec<glose_core::eval::LabelledSpan>,
}

/// A line of an IOB2 file that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct GoldError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Sentences per document when a file has no `-DOCSTART-` lines.
const SENTENCES_PER_DOCUMENT: usize = 40;

/// Reads IOB2 gold (`TOKEN TAG` or `TOKEN<TAB>…<TAB>TAG` per line, the tag last; a blank
/// line ends a sentence; `-DOCSTART-` starts a document) into documents. Labels are
/// kept as written (`MISC` too); an `I-` that does not continue its label starts a new
/// entity, as in CoNLL-2003 evaluation. `file` names the input in errors.
pub fn read_gold(input: &str, file: &str) -> Result<Vec<GoldDocument>, GoldError> {
    let mut docs: Vec<Vec<Vec<(&str, &str)>>> = vec![Vec::new()];
    let mut sentence: Vec<(&str, &str)> = Vec::new();
    let mut explicit = false;
    for (n, line) in input.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("-DOCSTART-") {
            if !sentence.is_empty()
                && let Some(d) = docs.last_mut()
            {
                d.push(std::mem::take(&mut sentence));
            }
            if docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            explicit = true;
            continue;
        }
        if line.trim().is_empty() {
            if !sentence.is_empty() {
                if let Some(d) = docs.last_mut() {
                    d.push(std::mem::take(&mut sentence));
                }
                if !explicit
                    && docs
                        .last()
                        .is_some_and(|d| d.len() >= SENTENCES_PER_DOCUMENT)
                {
                    docs.push(Vec::new());
                }
            }
            continue;
        }
        let sep = if line.contains('\t') { '\t' } else { ' ' };
        let token = line.split(sep).next().unwrap_or("");
        let tag = line.rsplit(sep).next().unwrap_or("");
        let valid = tag == "O"
            || (tag.len() > 2
                && (tag.starts_with("B-") || tag.starts_with("I-"))
                && Label::is_valid_name(&tag[2..]));
        if token.is_empty() || line.split(sep).count() < 2 || !valid {
            return Err(GoldError {
                file: file.to_owned(),
                line: n + 1,
                message: format!(
                    "expected `TOKEN TAG` with an IOB2 tag (O, B-X, I-X), found {line:?}"
                ),
            });
        }
        sentence.push((token, tag));
    }
    if !sentence.is_empty()
        && let Some(d) = docs.last_mut()
    {
        d.push(sentence);
    }
    let mut out = Vec::new();
    for (d, sentences) in docs.into_iter().filter(|d| !d.is_empty()).enumerate() {
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut open: Option<(usize, usize, &str)> = None;
        for sentence in sentences {
            if !text.is_empty() {
                text.push('\n');
            }
            let mut glue = true;
            for (token, tag) in sentence {
                let no_space_before = matches!(token, "," | "." | ")" | "]" | "…");
                if !glue && !no_space_before {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(token);
                let end = text.len();
                glue = token.ends_with('\'') || token.ends_with('’') || matches!(token, "(" | "[");
                let (begin, label) = match tag.split_once('-') {
                    Some((bi, label)) => (bi == "B", Some(label)),
                    None => (false, None),
                };
                match (open, label) {
                    (Some((s, _, l)), Some(label)) if !begin && l == label => {
                        open = Some((s, end, l));
                        continue;
                    }
                    _ => {}
                }
                if let Some((s, e, l)) = open.take() {
                    spans.push(gold_span(&text, s, e, l));
                }
                if let Some(label) = label {
                    open = Some((start, end, label));
                }
            }
            if let Some((s, e, l)) = open.take() {
                spans.push(gold_span(&text, s, e, l));
            }
        }
        out.push(GoldDocument {
            name: format!("{file}#{}", d + 1),
            text,
            spans,
        });
    }
    Ok(out)
}

fn gold_span(text: &str, start: usize, end: usize, label: &str) -> glose_core::eval::LabelledSpan {
    glose_core::eval::LabelledSpan {
        start,
        end,
        label: Label::new(label),
        text: Some(text[start..end].to_owned()),
    }
}
