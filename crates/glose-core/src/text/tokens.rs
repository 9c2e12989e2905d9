//! One tokenization pass that every built-in tagger shares.
//!
//! A token is a word (letters and digits), a number (ASCII digits only) or one other
//! character (punctuation, symbols). Whitespace is not a token: each token says what
//! whitespace comes before it. `Deir ez-Zor` is `Deir` `ez` `-` `Zor`; `l’EI` is `l`
//! `’` `EI`; `3.000` is `3` `.` `000`: taggers put the pieces together as they need.

use crate::span::Span;

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
    #[inline]
    pub fn is_punct(&self, text: &str, c: char) -> bool {
        if self.kind != TokenKind::Punct {
            return false;
        }
        // A punctuation token is one character: compare its bytes.
        let mut utf8 = [0u8; 4];
        text.as_bytes().get(self.start as usize..self.end as usize)
            == Some(c.encode_utf8(&mut utf8).as_bytes())
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
        let mut folded: Vec<u8> = Vec::with_capacity(text.len());
        let mut spans = Vec::with_capacity(tokens.len());
        for t in tokens {
            let word = t.text(text);
            let start = folded.len() as u32;
            if t.kind != TokenKind::Punct {
                if word.is_ascii() {
                    folded.extend_from_slice(word.as_bytes());
                    folded[start as usize..].make_ascii_lowercase();
                } else {
                    let mut utf8 = [0u8; 4];
                    for (c, _) in crate::text::FoldIter::new(word) {
                        folded.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                    }
                }
            }
            spans.push((start, folded.len() as u32));
        }
        TokenKeys {
            // Built from whole characters, so always UTF-8.
            text: String::from_utf8(folded).unwrap_or_default(),
            spans,
        }
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

/// What a byte is, for the tokenizer's ASCII fast path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Byte {
    Other,
    Space,
    Lf,
    Cr,
    Lower,
    Upper,
    Digit,
    NonAscii,
}

static BYTE_CLASS: [Byte; 256] = {
    let mut table = [Byte::Other; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' | b'\t' | 0x0b | 0x0c => Byte::Space,
            b'\n' => Byte::Lf,
            b'\r' => Byte::Cr,
            b'a'..=b'z' => Byte::Lower,
            b'A'..=b'Z' => Byte::Upper,
            b'0'..=b'9' => Byte::Digit,
            0x80.. => Byte::NonAscii,
            _ => Byte::Other,
        };
        b += 1;
    }
    table
};

/// Properties of a character, as bits.
const C_ALNUM: u8 = 1;
const C_ALPHA: u8 = 2;
const C_UPPER: u8 = 4;
const C_LOWER: u8 = 8;
const C_SPACE: u8 = 16;
/// A combining mark (U+0300–U+036F).
const C_MARK: u8 = 32;

/// The properties of a non-ASCII character: quick answers for the Latin-1 letters and
/// the general punctuation that French text is full of, the Unicode tables otherwise.
#[inline]
fn char_class(c: char) -> u8 {
    match c {
        '\u{d7}' | '\u{f7}' => 0,
        '\u{c0}'..='\u{de}' => C_ALNUM | C_ALPHA | C_UPPER,
        '\u{df}'..='\u{ff}' => C_ALNUM | C_ALPHA | C_LOWER,
        '\u{300}'..='\u{36f}' => C_MARK | unicode_class(c),
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' => C_SPACE,
        // Zero-width and format characters, dashes, quotes, bullets, primes…
        '\u{200b}'..='\u{2027}' | '\u{202a}'..='\u{202e}' | '\u{2030}'..='\u{205e}' => 0,
        _ => unicode_class(c),
    }
}

#[cold]
fn unicode_class(c: char) -> u8 {
    let mut bits = 0;
    if c.is_alphanumeric() {
        bits |= C_ALNUM;
    }
    if c.is_alphabetic() {
        bits |= C_ALPHA;
    }
    if c.is_uppercase() {
        bits |= C_UPPER;
    } else if c.is_lowercase() {
        bits |= C_LOWER;
    }
    if c.is_whitespace() {
        bits |= C_SPACE;
    }
    bits
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
        let class = BYTE_CLASS[b as usize];
        let c = match class {
            Byte::Space => {
                space = true;
                after_cr = false;
                pos += 1;
                continue;
            }
            Byte::Lf => {
                space = true;
                if !after_cr {
                    breaks += 1;
                }
                after_cr = false;
                pos += 1;
                continue;
            }
            Byte::Cr => {
                space = true;
                breaks += 1;
                after_cr = true;
                pos += 1;
                continue;
            }
            Byte::NonAscii => {
                let c = text[pos..].chars().next().unwrap_or(' ');
                if char_class(c) & C_SPACE != 0 {
                    space = true;
                    after_cr = false;
                    pos += c.len_utf8();
                    continue;
                }
                c
            }
            _ => b as char,
        };
        let first = match class {
            Byte::Lower => C_ALNUM | C_LOWER,
            Byte::Upper => C_ALNUM | C_UPPER,
            Byte::Digit => C_ALNUM,
            Byte::NonAscii => char_class(c),
            _ => 0,
        };
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
        let kind = if first & C_ALNUM != 0 {
            let (mut letters, mut upper) = (0u32, 0u32);
            let mut digits_only = true;
            while pos < bytes.len() {
                // ASCII letters and digits without a branch per kind of byte.
                let mut class = BYTE_CLASS[bytes[pos] as usize];
                while matches!(class, Byte::Lower | Byte::Upper | Byte::Digit) {
                    letters += u32::from(class != Byte::Digit);
                    upper += u32::from(class == Byte::Upper);
                    digits_only &= class == Byte::Digit;
                    pos += 1;
                    class = match bytes.get(pos) {
                        Some(&b) => BYTE_CLASS[b as usize],
                        None => Byte::Other,
                    };
                }
                match class {
                    Byte::NonAscii => {
                        let c = text[pos..].chars().next().unwrap_or(' ');
                        let cc = char_class(c);
                        // Combining marks stay with their letter.
                        if cc & (C_ALNUM | C_MARK) == 0 {
                            break;
                        }
                        if cc & C_ALPHA != 0 {
                            letters += 1;
                            upper += u32::from(cc & C_UPPER != 0);
                        }
                        digits_only = false;
                        pos += c.len_utf8();
                    }
                    _ => break,
                }
            }
            if first & C_UPPER != 0 {
                flags |= Token::CAPITALIZED;
            } else if first & C_LOWER != 0 {
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
    fn quick_character_classes_agree_with_unicode() {
        for c in ('\u{80}'..='\u{3ff}').chain('\u{2000}'..='\u{206f}') {
            let bits = char_class(c);
            let expected = (
                c.is_alphanumeric(),
                c.is_alphabetic(),
                c.is_uppercase(),
                c.is_lowercase() && !c.is_uppercase(),
                c.is_whitespace(),
            );
            let got = (
                bits & C_ALNUM != 0,
                bits & C_ALPHA != 0,
                bits & C_UPPER != 0,
                bits & C_LOWER != 0,
                bits & C_SPACE != 0,
            );
            assert_eq!(got, expected, "{c:?} (U+{:04X})", c as u32);
            assert_eq!(bits & C_MARK != 0, ('\u{300}'..='\u{36f}').contains(&c));
        }
    }

    #[test]
    fn combining_marks_and_other_scripts() {
        assert_eq!(
            show("Ale\u{301}p دمشق 😀"),
            ["Ale\u{301}p:wC_nP", "دمشق:w_", "😀:p_"]
        );
    }
}
