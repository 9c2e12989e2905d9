//! Positions: the LSP `(line, character)` in the negotiated encoding, against a rope
//! being edited or against the line index of an analysed snapshot.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, in the rope (ropey's `cr_lines`) as in
//! [`LineIndex`]. A leading byte order mark is invisible to columns on the first line,
//! as [`LineIndex`] has it. Positions past the end of a line or of the document are
//! clamped to the end, as the protocol asks.

use glose_core::text::{Encoding, LineCol, LineIndex};
use ropey::{Rope, RopeSlice};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The position encoding agreed with the client: UTF-8 when it offers it, else UTF-16.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PositionEncoding {
    Utf8,
    Utf16,
}

impl PositionEncoding {
    /// The best encoding among those the client offers (none offered: UTF-16).
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    pub(crate) fn core(self) -> Encoding {
        match self {
            PositionEncoding::Utf8 => Encoding::Utf8,
            PositionEncoding::Utf16 => Encoding::Utf16,
        }
    }
}

/// The characters of `line` without its terminator.
fn content_len(line: RopeSlice<'_>) -> usize {
    let n = line.len_chars();
    match (
        n.checked_sub(2).map(|i| line.char(i)),
        n.checked_sub(1).map(|i| line.char(i)),
    ) {
        (Some('\r'), Some('\n')) => n - 2,
        (_, Some('\n' | '\r')) => n - 1,
        _ => n,
    }
}

/// The char index in `rope` of an LSP position (clamped).
pub(crate) fn rope_char(rope: &Rope, pos: Position, enc: PositionEncoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let len = content_len(slice);
    let (skip, content) = if line == 0 && rope.len_chars() > 0 && rope.char(0) == '\u{feff}' {
        (1, slice.slice(1..len))
    } else {
        (0, slice.slice(..len))
    };
    let col = pos.character as usize;
    let chars = match enc {
        PositionEncoding::Utf8 => {
            let bytes = col.min(content.len_bytes());
            // A column inside a character counts as that character's start.
            content.byte_to_char(bytes)
        }
        PositionEncoding::Utf16 => {
            let units = col.min(content.len_utf16_cu());
            content.utf16_cu_to_char(units)
        }
    };
    start + skip + chars
}

/// The LSP position of byte `offset` of an analysed text.
pub(crate) fn position(lines: &LineIndex, offset: usize, enc: PositionEncoding) -> Position {
    let offset = offset.min(lines.len());
    if let Some(lc) = lines.line_col(offset, enc.core()) {
        return Position::new(lc.line, lc.col);
    }
    // Offsets from the engine are character boundaries; clamp any other to the one
    // before.
    let mut o = offset;
    while o > 0 && !lines.is_char_boundary(o) {
        o -= 1;
    }
    let lc = lines.line_col(o, enc.core()).unwrap_or_default();
    Position::new(lc.line, lc.col)
}

/// The LSP range of a byte span of an analysed text.
pub(crate) fn range(lines: &LineIndex, start: usize, end: usize, enc: PositionEncoding) -> Range {
    Range::new(position(lines, start, enc), position(lines, end, enc))
}

/// The byte offset of an LSP position in an analysed text (clamped).
pub(crate) fn offset(lines: &LineIndex, pos: Position, enc: PositionEncoding) -> usize {
    lines.offset_clamped(
        LineCol {
            line: pos.line,
            col: pos.character,
        },
        enc.core(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn rope_and_line_index_agree_on_french_emoji_and_crlf() {
        let text = "Élu à «\u{a0}Alep\u{a0}»\r\n😀 Deir ez-Zor’s\rfin\nvide";
        let rope = Rope::from_str(text);
        let lines = LineIndex::new(text);
        for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            for (o, _) in text
                .char_indices()
                .chain(std::iter::once((text.len(), ' ')))
            {
                let p = position(&lines, o, enc);
                let c = rope_char(&rope, p, enc);
                // Offsets inside a line break map to the end of the line.
                let expected = rope.byte_to_char(o);
                let in_break = text[..o].ends_with('\r') && text[o..].starts_with('\n');
                if !in_break {
                    assert_eq!(c, expected, "offset {o} {enc:?} {p:?}");
                }
                assert_eq!(offset(&lines, p, enc), if in_break { o - 1 } else { o });
            }
        }
        // Columns: « after "Élu à " is 6 characters in; in UTF-8, É and à take two bytes.
        assert_eq!(
            position(&lines, text.find('«').unwrap(), PositionEncoding::Utf16),
            pos(0, 6)
        );
        assert_eq!(
            position(&lines, text.find('«').unwrap(), PositionEncoding::Utf8),
            pos(0, 8)
        );
        // The emoji is two UTF-16 units, four bytes.
        let d = text.find("Deir").unwrap();
        assert_eq!(position(&lines, d, PositionEncoding::Utf16), pos(1, 3));
        assert_eq!(position(&lines, d, PositionEncoding::Utf8), pos(1, 5));
        assert_eq!(
            position(&lines, text.find("fin").unwrap(), PositionEncoding::Utf16),
            pos(2, 0)
        );
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\ncd";
        let rope = Rope::from_str(text);
        assert_eq!(rope_char(&rope, pos(0, 99), PositionEncoding::Utf16), 2);
        assert_eq!(rope_char(&rope, pos(9, 0), PositionEncoding::Utf16), 5);
        let lines = LineIndex::new(text);
        assert_eq!(offset(&lines, pos(0, 99), PositionEncoding::Utf8), 2);
        assert_eq!(offset(&lines, pos(7, 7), PositionEncoding::Utf8), 5);
        assert_eq!(position(&lines, 99, PositionEncoding::Utf8), pos(1, 2));
    }

    #[test]
    fn a_bom_is_invisible_to_first_line_columns() {
        let text = "\u{feff}Alep";
        let rope = Rope::from_str(text);
        let lines = LineIndex::new(text);
        assert_eq!(position(&lines, 3, PositionEncoding::Utf16), pos(0, 0));
        assert_eq!(rope_char(&rope, pos(0, 0), PositionEncoding::Utf16), 1);
        assert_eq!(rope_char(&rope, pos(0, 2), PositionEncoding::Utf8), 3);
    }

    #[test]
    fn negotiation_prefers_utf8() {
        use PositionEncodingKind as K;
        assert_eq!(
            PositionEncoding::negotiate(Some(&[K::UTF16, K::UTF8])),
            PositionEncoding::Utf8
        );
        assert_eq!(
            PositionEncoding::negotiate(Some(&[K::UTF32, K::UTF16])),
            PositionEncoding::Utf16
        );
        assert_eq!(PositionEncoding::negotiate(None), PositionEncoding::Utf16);
    }
}
