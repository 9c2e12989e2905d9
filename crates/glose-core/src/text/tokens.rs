//! One tokenization pass that every built-in tagger shares.
//!
//! A token is a word (letters and digits), a number (ASCII digits only) or one other
//! character (punctuation, symbols). Whitespace is not a token: each token says what
//! whitespace comes before it. `Deir ez-Zor` is `Deir` `ez` `-` `Zor`; `l’EI` is `l`
//! `’` `EI`; `3.000` is `3` `.` `000`: taggers put the pieces together as they need.

use crate::annotation::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters and digits, at least one letter.
    Word,
    /// ASCII digits only.
    Number,
    /// Any other character, alone.
    Punct,
}

/// A token: its span in the text, its kind and flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    pub flags: u8,
}

impl Token {
    /// The first character is an upper-case letter.
    pub const CAPITALIZED: u8 = 1;
    /// Every letter is upper case (and there are at least two).
    pub const ALL_CAPS: u8 = 2;
    /// Whitespace comes before it (or it starts the text).
    pub const SPACE_BEFORE: u8 = 4;
    /// A line break comes before it (or it starts the text).
    pub const LINE_BEFORE: u8 = 8;
    /// A blank line comes before it (or it starts the text).
    pub const PARAGRAPH_BEFORE: u8 = 16;
    /// The first character is a lower-case letter.
    pub const LOWERCASE: u8 = 32;

    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }

    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    pub fn is_capitalized(&self) -> bool {
        self.has(Token::CAPITALIZED)
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }

    /// A punctuation token that is exactly `c`.
    pub fn is_punct(&self, text: &str, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text(text).starts_with(c)
    }

    /// Nothing separates it from the previous token.
    pub fn is_attached(&self) -> bool {
        !self.has(Token::SPACE_BEFORE)
    }
}

/// The folded form (lower case, no accents) of every word and number token of a text,
/// computed once: what word lists are matched against. Punctuation tokens have an
/// empty key.
#[derive(Clone, Debug, Default)]
pub struct TokenKeys {
    text: String,
    spans: Vec<(u32, u32)>,
}

impl TokenKeys {
    pub fn new(text: &str, tokens: &[Token]) -> Self {
        let mut keys = TokenKeys {
            text: String::with_capacity(text.len()),
            spans: Vec::with_capacity(tokens.len()),
        };
        for t in tokens {
            let word = t.text(text);
            let start = keys.text.len() as u32;
            if t.kind != TokenKind::Punct {
                if word.is_ascii() {
                    keys.text
                        .extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
                } else {
                    keys.text
                        .extend(crate::text::FoldIter::new(word).map(|(c, _)| c));
                }
            }
            keys.spans.push((start, keys.text.len() as u32));
        }
        keys
    }

    /// The key of token `i` (empty past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        match self.spans.get(i) {
            Some(&(start, end)) => self.text.get(start as usize..end as usize).unwrap_or(""),
            None => "",
        }
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut pos = 0;
    // Whitespace seen since the last token: (any, line breaks).
    let mut space = true;
    let mut breaks = 2u32;
    let mut after_cr = false;
    while pos < bytes.len() {
        let b = bytes[pos];
        // Whitespace.
        if b < 0x80 {
            match b {
                b' ' | b'\t' | 0x0b | 0x0c => {
                    space = true;
                    after_cr = false;
                    pos += 1;
                    continue;
                }
                b'\n' => {
                    space = true;
                    if !after_cr {
                        breaks += 1;
                    }
                    after_cr = false;
                    pos += 1;
                    continue;
                }
                b'\r' => {
                    space = true;
                    breaks += 1;
                    after_cr = true;
                    pos += 1;
                    continue;
                }
                _ => {}
            }
        }
        let c = if b < 0x80 {
            b as char
        } else {
            text[pos..].chars().next().unwrap_or(' ')
        };
        if c.is_whitespace() {
            space = true;
            after_cr = false;
            pos += c.len_utf8();
            continue;
        }
        let mut flags = 0;
        if space {
            flags |= Token::SPACE_BEFORE;
        }
        if breaks >= 1 {
            flags |= Token::LINE_BEFORE;
        }
        if breaks >= 2 {
            flags |= Token::PARAGRAPH_BEFORE;
        }
        let start = pos;
        let kind = if c.is_alphanumeric() {
            let (mut letters, mut upper) = (0u32, 0u32);
            let mut digits_only = true;
            while pos < bytes.len() {
                let b = bytes[pos];
                // Fast path: ASCII letters and digits.
                if b.is_ascii_alphanumeric() {
                    if b.is_ascii_alphabetic() {
                        letters += 1;
                        upper += u32::from(b.is_ascii_uppercase());
                        digits_only = false;
                    }
                    pos += 1;
                    continue;
                }
                let (c, w) = if b < 0x80 {
                    (b as char, 1)
                } else {
                    let c = text[pos..].chars().next().unwrap_or(' ');
                    (c, c.len_utf8())
                };
                // Combining marks stay with their letter.
                if !(c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)) {
                    break;
                }
                if c.is_alphabetic() {
                    letters += 1;
                    upper += u32::from(c.is_uppercase());
                    digits_only = false;
                } else if !c.is_ascii_digit() {
                    digits_only = false;
                }
                pos += w;
            }
            if c.is_uppercase() {
                flags |= Token::CAPITALIZED;
            } else if c.is_lowercase() {
                flags |= Token::LOWERCASE;
            }
            if letters >= 2 && upper == letters {
                flags |= Token::ALL_CAPS;
            }
            if digits_only {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else {
            pos += c.len_utf8();
            TokenKind::Punct
        };
        tokens.push(Token {
            start: start as u32,
            end: pos as u32,
            kind,
            flags,
        });
        space = false;
        breaks = 0;
        after_cr = false;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| {
                let kind = match t.kind {
                    TokenKind::Word => "w",
                    TokenKind::Number => "n",
                    TokenKind::Punct => "p",
                };
                let mut s = format!("{}:{kind}", t.text(text));
                for (flag, mark) in [
                    (Token::CAPITALIZED, "C"),
                    (Token::ALL_CAPS, "A"),
                    (Token::LOWERCASE, "l"),
                    (Token::SPACE_BEFORE, "_"),
                    (Token::LINE_BEFORE, "n"),
                    (Token::PARAGRAPH_BEFORE, "P"),
                ] {
                    if t.has(flag) {
                        s.push_str(mark);
                    }
                }
                s
            })
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            show("L’EI à Deir ez-Zor: 3.000 G5\u{a0}«ok»"),
            [
                "L:wC_nP", "’:p", "EI:wCA", "à:wl_", "Deir:wC_", "ez:wl_", "-:p", "Zor:wC", "::p",
                "3:n_", ".:p", "000:n", "G5:wC_", "«:p_", "ok:wl", "»:p"
            ]
        );
    }

    #[test]
    fn line_and_paragraph_breaks() {
        assert_eq!(
            show("a\nb\r\n\r\nc\rd"),
            ["a:wl_nP", "b:wl_n", "c:wl_nP", "d:wl_n"]
        );
    }

    #[test]
    fn keys_are_folded_words() {
        let text = "L’État à 3.000 Ale\u{301}p";
        let tokens = tokenize(text);
        let keys = TokenKeys::new(text, &tokens);
        let all: Vec<&str> = (0..tokens.len()).map(|i| keys.get(i)).collect();
        assert_eq!(all, ["l", "", "etat", "a", "3", "", "000", "alep"]);
        assert_eq!(keys.get(99), "");
    }

    #[test]
    fn combining_marks_and_other_scripts() {
        assert_eq!(
            show("Ale\u{301}p دمشق 😀"),
            ["Ale\u{301}p:wC_nP", "دمشق:w_", "😀:p_"]
        );
    }
}
