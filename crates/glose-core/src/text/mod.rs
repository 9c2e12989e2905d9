//! Text utilities: offset conversions and folding.

mod fold;
mod line_index;
mod names;
mod tokens;

pub use fold::{FoldIter, Folded, fold};
pub use line_index::{Encoding, LineCol, LineIndex, MAX_TEXT_LEN};
pub use names::{NameConflict, NameMatch, NameMatcher};
pub use tokens::{Token, TokenKeys, TokenKind, tokenize};

/// Whether `c` is part of a word (a letter or a digit, in any script).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether a word boundary lies at byte `offset` of `text` on the side of `before`
/// (the character just before) or `after` (the character just after).
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// The one-based line and column (in characters) of a byte offset, for messages about
/// files such as `kb.toml:12:8`. Offsets past the end or inside a character are
/// clamped to the previous character boundary.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_for_messages() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 12), (2, 6));
        assert_eq!(line_column(text, 8), (2, 2)); // inside é: clamped
        assert_eq!(line_column(text, 999), (3, 1));
    }
}
