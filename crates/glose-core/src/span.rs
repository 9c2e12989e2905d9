//! `Span`, a range of byte offsets: what every module that places something in a text
//! shares (the tokenizer, the name matcher, annotations, diagnostics, problems).

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of UTF-8 byte offsets into a document's exact text.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether the two spans share at least one byte (or are the same empty span).
    pub fn overlaps(self, other: Span) -> bool {
        (self.start < other.end && other.start < self.end) || self == other
    }

    /// Whether `offset` is inside the span; the end counts, so that a cursor just after
    /// a name is still on it.
    pub fn touches(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}
