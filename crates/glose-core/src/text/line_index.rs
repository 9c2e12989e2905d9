//! Conversions between UTF-8 byte offsets and positions.
//!
//! glose stores every span as UTF-8 byte offsets into the exact text of a file. Editors
//! speak in `(line, column)` where the column counts UTF-16 code units (the LSP default)
//! or bytes; exporters such as brat count code points. [`LineIndex`] converts between
//! all of them in `O(log n)`.
//!
//! Rules:
//! - lines end at `\n`, `\r\n` or a lone `\r`; the terminator is not part of the line;
//! - a leading byte order mark is invisible to `(line, column)` positions: the first
//!   character after it is at `0:0` (editors hide it too), but it still counts in byte
//!   offsets and code-point indices, which describe the file as read;
//! - an offset inside a line terminator (between `\r` and `\n`) maps to the end of its
//!   line.

use std::ops::Range;

/// How a column counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the LSP default): characters outside the BMP count twice.
    Utf16,
    /// Unicode scalar values (code points).
    Utf32,
}

impl Encoding {
    /// All encodings, for tests and exhaustive conversions.
    pub const ALL: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];
}

/// A zero-based line and column; what the column counts depends on the [`Encoding`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl LineCol {
    pub const fn new(line: u32, col: u32) -> Self {
        Self { line, col }
    }
}

/// Line starts and the positions of non-ASCII characters of one text.
///
/// It does not keep the text; build it again when the text changes.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    len: u32,
    bom: u32,
    /// Byte offset where each line starts; `line_starts[0]` is after the BOM.
    line_starts: Vec<u32>,
    /// Byte offset where each line's content ends (before its terminator).
    line_ends: Vec<u32>,
    /// Byte offset of every non-ASCII character, ascending.
    wide_starts: Vec<u32>,
    /// Running sum, through each non-ASCII character, of `utf8_len - utf16_len`.
    wide_extra_u16: Vec<u32>,
    /// Running sum, through each non-ASCII character, of `utf8_len - 1`.
    wide_extra_u32: Vec<u32>,
}

/// The largest text a [`LineIndex`] (and so a glose document) can describe.
pub const MAX_TEXT_LEN: usize = u32::MAX as usize;

impl LineIndex {
    /// Indexes `text`.
    ///
    /// # Panics
    /// Never for texts up to [`MAX_TEXT_LEN`] bytes; longer texts are indexed up to that
    /// length only (documents refuse them before building an index).
    pub fn new(text: &str) -> Self {
        let bytes = &text.as_bytes()[..text.len().min(MAX_TEXT_LEN)];
        let len = bytes.len() as u32;
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut line_starts = vec![bom];
        let mut line_ends = Vec::new();
        let mut wide_starts = Vec::new();
        let mut wide_extra_u16 = Vec::new();
        let mut wide_extra_u32 = Vec::new();
        let (mut extra16, mut extra32) = (0u32, 0u32);

        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                match b {
                    b'\n' => {
                        line_ends.push(i as u32);
                        line_starts.push(i as u32 + 1);
                    }
                    b'\r' => {
                        line_ends.push(i as u32);
                        if bytes.get(i + 1) == Some(&b'\n') {
                            i += 1;
                        }
                        line_starts.push(i as u32 + 1);
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            let width = utf8_width(b);
            let utf16 = if width == 4 { 2 } else { 1 };
            extra16 += width as u32 - utf16;
            extra32 += width as u32 - 1;
            wide_starts.push(i as u32);
            wide_extra_u16.push(extra16);
            wide_extra_u32.push(extra32);
            i += width;
        }
        line_ends.push(len);
        Self {
            len,
            bom,
            line_starts,
            line_ends,
            wide_starts,
            wide_extra_u16,
            wide_extra_u32,
        }
    }

    /// Length of the text in bytes.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of lines: one more than the number of line terminators.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of a line's content, without its terminator.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        Some(*self.line_starts.get(line)? as usize..self.line_ends[line] as usize)
    }

    /// The line holding a byte offset (offsets past the end belong to the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    /// Whether `offset` is inside the text and not inside a multi-byte character.
    pub fn is_char_boundary(&self, offset: usize) -> bool {
        if offset > self.len as usize {
            return false;
        }
        let k = self.wide_before(offset);
        k == 0 || self.wide_end(k - 1) <= offset
    }

    /// The position of a byte offset, or `None` when the offset is past the end of the
    /// text or inside a character.
    pub fn line_col(&self, offset: usize, enc: Encoding) -> Option<LineCol> {
        if !self.is_char_boundary(offset) {
            return None;
        }
        if offset < self.bom as usize {
            return (offset == 0).then_some(LineCol::new(0, 0));
        }
        let line = self.line_of(offset);
        let offset = offset.min(self.line_ends[line] as usize);
        let start = self.line_starts[line] as usize;
        let col = self.units(offset, enc) - self.units(start, enc);
        Some(LineCol::new(line as u32, col as u32))
    }

    /// The byte offset of a position, or `None` when the line does not exist, the column
    /// is past the end of the line or falls inside a character.
    pub fn offset(&self, pos: LineCol, enc: Encoding) -> Option<usize> {
        let line = pos.line as usize;
        let start = *self.line_starts.get(line)? as usize;
        let end = self.line_ends[line] as usize;
        let target = self.units(start, enc).checked_add(pos.col as usize)?;
        let offset = self.offset_of_units(target, enc)?;
        (offset <= end).then_some(offset)
    }

    /// The byte offset of a position, clamped into the text: a line past the end gives
    /// the end of the text, a column past the end of its line gives the end of the line,
    /// and a column inside a character gives the start of that character.
    pub fn offset_clamped(&self, pos: LineCol, enc: Encoding) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return self.len as usize;
        };
        let (start, end) = (start as usize, self.line_ends[line] as usize);
        let units_end = self.units(end, enc) - self.units(start, enc);
        if pos.col as usize >= units_end {
            return end;
        }
        let target = self.units(start, enc) + pos.col as usize;
        match self.offset_of_units(target, enc) {
            Some(offset) => offset,
            // Inside a character: step back to its start.
            None => {
                let k = self.wide_before_units(target, enc);
                self.wide_starts[k - 1] as usize
            }
        }
    }

    /// The code-point index of a byte offset (the BOM counts as one code point).
    pub fn char_index(&self, offset: usize) -> Option<usize> {
        self.is_char_boundary(offset)
            .then(|| self.units(offset, Encoding::Utf32))
    }

    /// The byte offset of a code-point index, or `None` past the end of the text.
    pub fn offset_of_char(&self, index: usize) -> Option<usize> {
        self.offset_of_units(index, Encoding::Utf32)
    }

    /// Count of `enc` units in the text before a byte offset that is a char boundary.
    fn units(&self, offset: usize, enc: Encoding) -> usize {
        let extra = match enc {
            Encoding::Utf8 => return offset,
            Encoding::Utf16 => &self.wide_extra_u16,
            Encoding::Utf32 => &self.wide_extra_u32,
        };
        let k = self.wide_before(offset);
        offset - if k == 0 { 0 } else { extra[k - 1] as usize }
    }

    /// Number of non-ASCII characters starting before `offset`.
    fn wide_before(&self, offset: usize) -> usize {
        self.wide_starts.partition_point(|&s| (s as usize) < offset)
    }

    /// Byte offset just after the `i`-th non-ASCII character.
    fn wide_end(&self, i: usize) -> usize {
        let prev = if i == 0 {
            0
        } else {
            self.wide_extra_u32[i - 1]
        };
        (self.wide_starts[i] + self.wide_extra_u32[i] - prev + 1) as usize
    }

    fn extra(&self, enc: Encoding) -> &[u32] {
        match enc {
            Encoding::Utf8 => &[],
            Encoding::Utf16 => &self.wide_extra_u16,
            Encoding::Utf32 => &self.wide_extra_u32,
        }
    }

    /// Number of non-ASCII characters that start, counted in `enc` units, before `target`.
    fn wide_before_units(&self, target: usize, enc: Encoding) -> usize {
        if enc == Encoding::Utf8 {
            return self.wide_before(target);
        }
        let extra = self.extra(enc);
        let (mut lo, mut hi) = (0, self.wide_starts.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let before = if mid == 0 { 0 } else { extra[mid - 1] as usize };
            if (self.wide_starts[mid] as usize - before) < target {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The byte offset where the text has `target` units of `enc` before it.
    fn offset_of_units(&self, target: usize, enc: Encoding) -> Option<usize> {
        let offset = match enc {
            Encoding::Utf8 => target,
            _ => {
                let k = self.wide_before_units(target, enc);
                if k == 0 {
                    target
                } else {
                    let offset = target + self.extra(enc)[k - 1] as usize;
                    if offset < self.wide_end(k - 1) {
                        return None;
                    }
                    offset
                }
            }
        };
        self.is_char_boundary(offset).then_some(offset)
    }
}

fn utf8_width(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Encoding::*;

    #[test]
    fn ascii_lines() {
        let idx = LineIndex::new("ab\ncd\r\nef\rg");
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(4, Utf16), Some(LineCol::new(1, 1)));
        assert_eq!(idx.line_col(5, Utf16), Some(LineCol::new(1, 2)));
        // Between \r and \n: the end of the line.
        assert_eq!(idx.line_col(6, Utf16), Some(LineCol::new(1, 2)));
        assert_eq!(idx.line_col(7, Utf16), Some(LineCol::new(2, 0)));
        assert_eq!(idx.line_col(10, Utf16), Some(LineCol::new(3, 0)));
        assert_eq!(idx.offset(LineCol::new(3, 1), Utf16), Some(11));
        assert_eq!(idx.offset(LineCol::new(3, 2), Utf16), None);
        assert_eq!(idx.offset(LineCol::new(4, 0), Utf16), None);
        assert_eq!(idx.line_range(1), Some(3..5));
    }

    #[test]
    fn french_and_emoji() {
        // é (2 bytes, 1 unit), ’ (3 bytes, 1 unit), NBSP (2 bytes), 😀 (4 bytes, 2 units)
        let text = "é’«\u{a0}»😀x";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(x, Utf8), Some(LineCol::new(0, x as u32)));
        assert_eq!(idx.line_col(x, Utf16), Some(LineCol::new(0, 7)));
        assert_eq!(idx.line_col(x, Utf32), Some(LineCol::new(0, 6)));
        assert_eq!(idx.offset(LineCol::new(0, 7), Utf16), Some(x));
        // Inside the surrogate pair.
        assert_eq!(idx.offset(LineCol::new(0, 6), Utf16), None);
        let emoji = text.find('😀').unwrap();
        assert_eq!(idx.offset_clamped(LineCol::new(0, 6), Utf16), emoji);
        assert_eq!(idx.line_col(1, Utf16), None);
        assert_eq!(idx.char_index(x), Some(6));
        assert_eq!(idx.offset_of_char(6), Some(x));
        assert_eq!(idx.offset_of_char(8), None);
    }

    #[test]
    fn bom_is_invisible_to_positions() {
        let text = "\u{feff}Été\nà";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0, Utf16), Some(LineCol::new(0, 0)));
        assert_eq!(idx.line_col(3, Utf16), Some(LineCol::new(0, 0)));
        assert_eq!(idx.offset(LineCol::new(0, 0), Utf16), Some(3));
        assert_eq!(idx.offset(LineCol::new(0, 3), Utf16), Some(8));
        assert_eq!(idx.char_index(3), Some(1));
        assert_eq!(idx.line_col(9, Utf32), Some(LineCol::new(1, 0)));
    }

    #[test]
    fn empty_text() {
        let idx = LineIndex::new("");
        assert_eq!(idx.line_count(), 1);
        assert_eq!(idx.line_col(0, Utf16), Some(LineCol::new(0, 0)));
        assert_eq!(idx.line_col(1, Utf16), None);
        assert_eq!(idx.offset(LineCol::new(0, 0), Utf16), Some(0));
        assert_eq!(idx.offset_clamped(LineCol::new(9, 9), Utf16), 0);
    }

    #[test]
    fn clamping() {
        let idx = LineIndex::new("ab\r\ncd");
        assert_eq!(idx.offset_clamped(LineCol::new(0, 99), Utf16), 2);
        assert_eq!(idx.offset_clamped(LineCol::new(7, 0), Utf16), 6);
    }
}
