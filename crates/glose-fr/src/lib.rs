//! French language resources shared by glose's taggers: word lists (months, weekdays,
//! titles, organisation head nouns, function words…), number words, and [`Key`], a
//! folded form of a word kept on the stack, to look words up without allocating.
//!
//! Every list is matched on the folded key: lower case, no accents (`Février` and
//! `fevrier` are the same key).

mod lists;
mod numbers;

pub use lists::*;
pub use numbers::{Amount, collective, number_word, parse_digits};

use glose_core::text::FoldIter;

/// The folded form of a short word: lower case ASCII, accents removed. Words longer
/// than 31 bytes, or with letters that do not fold to ASCII, have an empty key.
#[derive(Clone, Copy)]
pub struct Key {
    buf: [u8; 31],
    len: u8,
}

impl Key {
    pub fn new(word: &str) -> Key {
        let mut key = Key {
            buf: [0; 31],
            len: 0,
        };
        if word.len() > 62 {
            return key;
        }
        let bytes = word.as_bytes();
        // Fast path: ASCII letters and digits (hyphens and spaces fold to spaces below).
        if bytes
            .iter()
            .all(|b| b.is_ascii() && !matches!(b, b'-' | b' ' | b'`' | b'\t' | b'\n' | b'\r'))
        {
            if bytes.len() > key.buf.len() {
                return key;
            }
            for (i, b) in bytes.iter().enumerate() {
                key.buf[i] = b.to_ascii_lowercase();
            }
            key.len = bytes.len() as u8;
            return key;
        }
        let mut len = 0;
        for (c, _) in FoldIter::new(word) {
            if !c.is_ascii() || len == key.buf.len() {
                return Key {
                    buf: [0; 31],
                    len: 0,
                };
            }
            key.buf[len] = c as u8;
            len += 1;
        }
        key.len = len as u8;
        key
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII bytes are ever stored.
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({:?})", self.as_str())
    }
}

/// The folded key of a word.
pub fn key(word: &str) -> Key {
    Key::new(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(key("Février").as_str(), "fevrier");
        assert_eq!(key("AOÛT").as_str(), "aout");
        assert_eq!(key("dimanche").as_str(), "dimanche");
        assert_eq!(key("دمشق").as_str(), "");
        assert_eq!(key(&"a".repeat(40)).as_str(), "");
    }
}
