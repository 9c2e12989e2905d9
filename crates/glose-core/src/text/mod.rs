//! Text utilities: offset conversions and folding.

mod fold;
mod line_index;
mod names;

pub use fold::{Folded, fold};
pub use line_index::{Encoding, LineCol, LineIndex, MAX_TEXT_LEN};
pub use names::{NameConflict, NameMatch, NameMatcher};

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
