//! Documents: the exact text of an article file plus the metadata parsed from it.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::annotation::Span;
use crate::text::{LineIndex, MAX_TEXT_LEN, Token, TokenKeys, tokenize};

/// A year and a month, as in the ` date 2019-03` marker that opens some articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: u16,
    pub month: u8,
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = ();

    /// Parses `YYYY-MM` with a month from 01 to 12.
    fn from_str(s: &str) -> Result<Self, ()> {
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' || !b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
            return Err(());
        }
        let year = s[..4].parse().map_err(|_| ())?;
        let month = s[5..].parse().map_err(|_| ())?;
        if !(1..=12).contains(&month) {
            return Err(());
        }
        Ok(YearMonth { year, month })
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse()
            .map_err(|()| serde::de::Error::custom(format!("expected YYYY-MM, found {s:?}")))
    }
}

/// What glose reads from the head of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// From the leading ` date YYYY-MM` marker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<YearMonth>,
    /// The span of the date marker (metadata, not text to tag).
    #[serde(skip)]
    pub date_span: Option<Span>,
    /// The outlet line that opens some articles (`BFMTV`), still part of the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The section line after the outlet line (`International`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Byte offset where the article text starts: after the BOM and the date marker.
    #[serde(skip)]
    pub body_start: usize,
}

impl Metadata {
    pub fn is_empty(&self) -> bool {
        self.date.is_none() && self.source.is_none() && self.section.is_none()
    }

    /// Reads the metadata at the head of `text`.
    ///
    /// - The date marker: optional spaces or tabs, `date`, spaces, `YYYY-MM`, then
    ///   spaces or the end of the line. The article text may follow on the same line.
    /// - The outlet and section lines: when the text (after the marker, if the marker
    ///   ends its line) opens with one or two short lines followed by a blank line, each
    ///   of at most five words, without sentence punctuation, every word capitalised
    ///   or a short linking word (`Le Courrier du Levant`, `BFMTV`, `International`).
    pub fn parse(text: &str) -> Metadata {
        let mut meta = Metadata::default();
        let mut pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut at_line_start = true;
        if let Some((span, date, end)) = parse_date_marker(text, pos) {
            meta.date = Some(date);
            meta.date_span = Some(span);
            at_line_start = end > span.end && text[..end].ends_with(['\n', '\r']);
            pos = end;
        }
        meta.body_start = pos;
        if at_line_start {
            let (source, section) = parse_source_lines(&text[pos..]);
            meta.source = source;
            meta.section = section;
        }
        meta
    }
}

/// Finds the date marker at `pos`: its span, its date and where the text after it starts
/// (after the spaces and at most one line break that follow it).
fn parse_date_marker(text: &str, pos: usize) -> Option<(Span, YearMonth, usize)> {
    let rest = &text[pos..];
    let start = pos + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    let after = text[start..].strip_prefix("date")?;
    let value = after.trim_start_matches([' ', '\t']);
    if value.len() == after.len() {
        return None;
    }
    let date: YearMonth = value.get(..7)?.parse().ok()?;
    let end = text.len() - value.len() + 7;
    let tail = &text[end..];
    if !(tail.is_empty() || tail.starts_with([' ', '\t', '\n', '\r'])) {
        return None;
    }
    let mut body = end + (tail.len() - tail.trim_start_matches([' ', '\t']).len());
    let rest = &text[body..];
    if let Some(r) = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix(['\n', '\r']))
    {
        body = text.len() - r.len();
    }
    Some((Span::new(start, end), date, body))
}

fn parse_source_lines(text: &str) -> (Option<String>, Option<String>) {
    let mut lines = Vec::new();
    let mut rest = text;
    loop {
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let line = line.trim();
        if line.is_empty() {
            // A blank line ends the block; real text must follow it.
            if lines.is_empty() || next.is_none_or(|n| n.trim().is_empty()) {
                return (None, None);
            }
            break;
        }
        if lines.len() == 2 || !looks_like_heading(line) {
            return (None, None);
        }
        lines.push(line);
        match next {
            Some(n) => rest = n,
            None => return (None, None),
        }
    }
    (
        lines.first().map(|s| (*s).to_owned()),
        lines.get(1).map(|s| (*s).to_owned()),
    )
}

fn looks_like_heading(line: &str) -> bool {
    const LINKS: &[&str] = &["de", "du", "des", "la", "le", "les", "et", "&", "en", "sur"];
    let words: Vec<&str> = line.split_whitespace().collect();
    line.chars().count() <= 40
        && (1..=5).contains(&words.len())
        && !line.contains(['.', '!', '?', ':', ';', ',', '«', '»', '"', '“', '”'])
        && words.iter().all(|w| {
            LINKS.contains(w)
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// Why a file could not become a document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    #[error(
        "invalid UTF-8 at line {line}, column {column} (byte {offset}); \
         use --lossy to read it with replacement characters"
    )]
    InvalidUtf8 {
        offset: usize,
        line: usize,
        column: usize,
    },
    #[error("too large: {len} bytes, the most a document can hold is {max} bytes")]
    TooLarge { len: usize, max: usize },
}

/// An article: its path as given, its exact text, its metadata and a line index.
#[derive(Clone, Debug)]
pub struct Document {
    path: String,
    text: String,
    meta: Metadata,
    /// Built on first use: batch annotation never needs it.
    lines: OnceLock<LineIndex>,
    /// Built on first use, then shared by every tagger.
    tokens: OnceLock<Vec<Token>>,
    keys: OnceLock<TokenKeys>,
}

impl Document {
    /// A document from text already in memory.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Result<Self, DocumentError> {
        let text = text.into();
        if text.len() > MAX_TEXT_LEN {
            return Err(DocumentError::TooLarge {
                len: text.len(),
                max: MAX_TEXT_LEN,
            });
        }
        Ok(Document {
            path: path.into(),
            meta: Metadata::parse(&text),
            lines: OnceLock::new(),
            tokens: OnceLock::new(),
            keys: OnceLock::new(),
            text,
        })
    }

    /// A document from the bytes of a file. Invalid UTF-8 is an error naming where it
    /// is, unless `lossy`, which replaces invalid sequences with U+FFFD.
    pub fn from_bytes(
        path: impl Into<String>,
        bytes: Vec<u8>,
        lossy: bool,
    ) -> Result<Self, DocumentError> {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) if lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Err(e) => {
                let bytes = e.as_bytes();
                let offset = e.utf8_error().valid_up_to();
                // The prefix is valid UTF-8, so counting characters in it is safe.
                let prefix = String::from_utf8_lossy(&bytes[..offset]);
                let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
                return Err(DocumentError::InvalidUtf8 {
                    offset,
                    line: prefix.matches('\n').count() + 1,
                    column: prefix[line_start..].chars().count() + 1,
                });
            }
        };
        Self::new(path, text)
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The exact text of the file.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn meta(&self) -> &Metadata {
        &self.meta
    }

    /// The line index of the text (built on first use).
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The tokens of the text (see [`crate::text::tokenize`]), computed once.
    pub fn tokens(&self) -> &[Token] {
        self.tokens.get_or_init(|| tokenize(&self.text))
    }

    /// The folded keys of the tokens, computed once.
    pub fn keys(&self) -> &TokenKeys {
        self.keys
            .get_or_init(|| TokenKeys::new(&self.text, self.tokens()))
    }

    /// The folded key of token `i` (lower case, no accents; empty for punctuation).
    pub fn key(&self, i: usize) -> &str {
        self.keys().get(i)
    }

    /// The index of the first token of the article text (after the date marker).
    pub fn first_body_token(&self) -> usize {
        let start = self.meta.body_start as u32;
        self.tokens().partition_point(|t| t.start < start)
    }

    /// The span of the article text: everything after the BOM and the date marker.
    pub fn body(&self) -> Span {
        Span::new(self.meta.body_start, self.text.len())
    }

    /// The text of a span, or `""` if it is not a valid span of this document.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Whether `span` lies inside the text, on character boundaries, with start ≤ end.
    pub fn is_valid_span(&self, span: Span) -> bool {
        span.start <= span.end && self.text.get(span.range()).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Metadata {
        Metadata::parse(text)
    }

    #[test]
    fn date_marker_followed_by_text() {
        let text = " date 2019-03 Quelque 300 familles";
        let m = meta(text);
        assert_eq!(
            m.date,
            Some(YearMonth {
                year: 2019,
                month: 3
            })
        );
        assert_eq!(m.date_span, Some(Span::new(1, 13)));
        assert_eq!(&text[m.body_start..], "Quelque 300 familles");
        assert_eq!(m.source, None);
    }

    #[test]
    fn date_marker_on_its_own_line_then_outlet() {
        let text = "date 2021-11\r\nLe Courrier du Levant\r\nInternational\r\n\r\nTitre: suite.";
        let m = meta(text);
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2021-11"));
        assert_eq!(&text[m.body_start..m.body_start + 2], "Le");
        assert_eq!(m.source.as_deref(), Some("Le Courrier du Levant"));
        assert_eq!(m.section.as_deref(), Some("International"));
    }

    #[test]
    fn no_marker() {
        for text in [
            "",
            "date",
            " date 2019-13 x",
            " date 2019-031",
            "dates 2019-03 x",
            "Le texte commence ici.",
        ] {
            let m = meta(text);
            assert_eq!(m.date, None, "{text:?}");
            assert_eq!(m.body_start, 0, "{text:?}");
        }
    }

    #[test]
    fn outlet_needs_heading_shape_and_a_blank_line() {
        assert_eq!(
            meta("BFMTV\nInternational\n\nSyrie: un titre")
                .source
                .as_deref(),
            Some("BFMTV")
        );
        assert_eq!(meta("BFMTV\n\nTexte.").section, None);
        // A headline with punctuation or lower-case words is not an outlet.
        assert_eq!(meta("Syrie: la chute\n\nTexte.").source, None);
        assert_eq!(meta("La chute de Raqqa\n\nTexte.").source, None);
        // Nothing after the block.
        assert_eq!(meta("BFMTV\n\n").source, None);
        // The rest of a marker line is not an outlet.
        assert_eq!(meta(" date 2017-10 Réagissez\n\nTexte.").source, None);
    }

    #[test]
    fn bom_then_marker() {
        let text = "\u{feff} date 2020-01 Texte";
        let m = meta(text);
        assert_eq!(m.date.map(|d| d.month), Some(1));
        assert_eq!(&text[m.body_start..], "Texte");
    }

    #[test]
    fn invalid_utf8_says_where() {
        let err = Document::from_bytes("a.txt", b"ab\ncd\xffe".to_vec(), false).unwrap_err();
        assert_eq!(
            err,
            DocumentError::InvalidUtf8 {
                offset: 5,
                line: 2,
                column: 3
            }
        );
        let doc = Document::from_bytes("a.txt", b"ab\ncd\xffe".to_vec(), true).unwrap();
        assert_eq!(doc.text(), "ab\ncd\u{fffd}e");
    }
}
