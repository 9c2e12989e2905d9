//! Folding: a lower-case, accent-free, punctuation-normalised copy of a text whose
//! offsets map back to the original.
//!
//! Name matching runs on the folded copy so that `État`, `Etat` and `ETAT` meet, and
//! reports spans of the original text. The rules (documented for users in `docs/kb.md`):
//!
//! - letters are lower-cased; Latin letters lose their diacritics (`é` → `e`,
//!   `ï` → `i`), `œ` → `oe`, `æ` → `ae`, `ß` → `ss`; combining marks are dropped;
//! - apostrophes `’ ‘ ʼ ′ ´ `` ` fold to `'`;
//! - a hyphen (`-`, U+2010, U+2011) folds to a space;
//! - a run of whitespace and hyphens folds to one space, or to one `\n` when it holds
//!   two or more line breaks (a blank line separates, a single line break does not);
//! - soft hyphens, zero-width characters and the byte order mark are dropped.

/// A folded copy of a text, with the map back to the original's byte offsets.
#[derive(Clone, Debug)]
pub struct Folded {
    text: String,
    /// `(folded offset, original offset)` pairs where the distance between the two
    /// changes; between two checkpoints both advance together.
    checkpoints: Vec<(u32, u32)>,
}

impl Folded {
    /// Folds `text`.
    pub fn new(text: &str) -> Self {
        let mut folded = Folded {
            text: String::with_capacity(text.len()),
            checkpoints: vec![(0, 0)],
        };
        let bytes = text.as_bytes();
        let mut chars = FoldIter::new(text);
        loop {
            // Fast path: a run of ASCII that folds to itself is copied whole.
            let pos = chars.pos;
            if chars.buffered() == 0 {
                let run = bytes[pos..]
                    .iter()
                    .position(|&b| !is_plain_ascii(b))
                    .unwrap_or(bytes.len() - pos);
                if run > 0 {
                    folded.text.push_str(&text[pos..pos + run]);
                    chars.pos += run;
                    // Combining marks after the run belong to its last letter.
                    chars.absorb_dropped();
                    folded.checkpoint(chars.pos);
                    continue;
                }
            }
            let Some((c, end)) = chars.next() else { break };
            folded.text.push(c);
            folded.checkpoint(end);
        }
        folded.checkpoint(text.len());
        folded
    }

    /// Records where the folded text stands against the original after a character.
    fn checkpoint(&mut self, original: usize) {
        let folded = self.text.len();
        let &(f, o) = self.checkpoints.last().unwrap_or(&(0, 0));
        if original as i64 - folded as i64 != o as i64 - f as i64 {
            self.checkpoints.push((folded as u32, original as u32));
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte offset of a folded byte offset.
    ///
    /// Offsets at folded character boundaries map to original character boundaries;
    /// the end of a folded character maps to the end of everything it came from
    /// (a letter and its combining accent, a run of spaces).
    pub fn to_original(&self, folded: usize) -> usize {
        let i = self
            .checkpoints
            .partition_point(|&(f, _)| f as usize <= folded)
            .saturating_sub(1);
        let (f, o) = self.checkpoints[i];
        o as usize + (folded - f as usize)
    }
}

/// Folds a name or alias: the same rules as [`Folded`], with surrounding spaces trimmed.
pub fn fold(text: &str) -> String {
    let folded = Folded::new(text).text;
    folded.trim_matches(|c| c == ' ' || c == '\n').to_owned()
}

/// The folded characters of a text, one at a time, each with the original byte offset
/// where what it came from ends: the same folding as [`Folded`], without folding the
/// whole text. Started at a word start (or the start of the text), it yields exactly
/// the folded text from there on.
#[derive(Clone, Debug)]
pub struct FoldIter<'a> {
    text: &'a str,
    pos: usize,
    buf: [char; 4],
    buf_len: u8,
    buf_next: u8,
}

impl<'a> FoldIter<'a> {
    pub fn new(text: &'a str) -> Self {
        Self::at(text, 0)
    }

    /// Starts at byte `pos` of `text` (a character boundary).
    pub fn at(text: &'a str, pos: usize) -> Self {
        FoldIter {
            text,
            pos,
            buf: ['\0'; 4],
            buf_len: 0,
            buf_next: 0,
        }
    }

    fn buffered(&self) -> u8 {
        self.buf_len - self.buf_next
    }

    /// Consumes the characters that fold to nothing (combining marks, zero-width
    /// characters) at the current position: they belong to the character before.
    fn absorb_dropped(&mut self) {
        // ASCII is never dropped.
        while self
            .text
            .as_bytes()
            .get(self.pos)
            .is_some_and(|&b| b >= 0x80)
        {
            let Some(c) = self.text[self.pos..].chars().next() else {
                break;
            };
            if is_space(c) || !folds_to_nothing(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
    }
}

/// The offset after the characters that fold to nothing at `pos` (what a folded
/// character ending at `pos` takes with it).
pub(crate) fn skip_dropped(text: &str, pos: usize) -> usize {
    let mut chars = FoldIter::at(text, pos);
    chars.absorb_dropped();
    chars.pos
}

/// Characters `fold_char` drops: soft hyphen, zero-width characters, BOM, combining
/// marks.
fn folds_to_nothing(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{0300}'..='\u{036f}')
}

impl Iterator for FoldIter<'_> {
    type Item = (char, usize);

    fn next(&mut self) -> Option<(char, usize)> {
        if self.buf_next < self.buf_len {
            let c = self.buf[self.buf_next as usize];
            self.buf_next += 1;
            return Some((c, self.pos));
        }
        loop {
            // Fast path: an ASCII letter, digit or sign, not followed by a combining mark.
            let bytes = self.text.as_bytes();
            let b = *bytes.get(self.pos)?;
            if is_plain_ascii(b) || b.is_ascii_uppercase() {
                self.pos += 1;
                if bytes.get(self.pos).is_some_and(|&n| n >= 0x80) {
                    self.absorb_dropped();
                }
                return Some(((b.to_ascii_lowercase()) as char, self.pos));
            }
            let c = self.text[self.pos..].chars().next()?;
            if is_space(c) {
                // A run of whitespace and hyphens folds to one space, or to a line
                // break when it holds a blank line.
                let (mut breaks, mut after_cr) = (0u32, false);
                for c in self.text[self.pos..].chars() {
                    if !is_space(c) {
                        break;
                    }
                    match c {
                        '\n' if after_cr => after_cr = false,
                        '\n' => breaks += 1,
                        '\r' => {
                            breaks += 1;
                            after_cr = true;
                        }
                        _ => after_cr = false,
                    }
                    self.pos += c.len_utf8();
                }
                return Some((if breaks >= 2 { '\n' } else { ' ' }, self.pos));
            }
            self.pos += c.len_utf8();
            let mut n = 0u8;
            fold_char(c, &mut |f| {
                self.buf[n as usize] = f;
                n += 1;
            });
            if n > 0 {
                self.absorb_dropped();
                self.buf_len = n;
                self.buf_next = 1;
                return Some((self.buf[0], self.pos));
            }
        }
    }
}

/// The folded form of one character (not whitespace): zero to three characters.
fn fold_char(c: char, out: &mut impl FnMut(char)) {
    if c.is_ascii() {
        out(if c == '`' {
            '\''
        } else {
            c.to_ascii_lowercase()
        });
        return;
    }
    if let Some(s) = fold_latin(c) {
        s.chars().for_each(&mut *out);
        return;
    }
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' | '\u{00b4}' => out('\''),
        // Soft hyphen, zero-width space/joiners, BOM, combining marks: dropped.
        c if folds_to_nothing(c) => {}
        _ => {
            for l in c.to_lowercase() {
                if !('\u{0300}'..='\u{036f}').contains(&l) {
                    out(l);
                }
            }
        }
    }
}

/// ASCII that folding leaves as it is: everything but capitals, whitespace, hyphens
/// and the backtick (an apostrophe).
fn is_plain_ascii(b: u8) -> bool {
    b.is_ascii()
        && !b.is_ascii_uppercase()
        && !b.is_ascii_whitespace()
        && !matches!(b, b'-' | b'`' | 0x0b)
}

fn is_space(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}') || c.is_whitespace()
}

/// Folding of the Latin-1 Supplement and Latin Extended-A letters.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => {
            "e"
        }
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => {
            "i"
        }
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'
        | 'ũ'
        | 'Ū'
        | 'ū'
        | 'Ŭ'
        | 'ŭ'
        | 'Ů'
        | 'ů'
        | 'Ű'
        | 'ű'
        | 'Ų'
        | 'ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, folded: &str) {
        let f = Folded::new(text);
        assert_eq!(f.as_str(), folded, "folding {text:?}");
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        check("État Islamique", "etat islamique");
        check("Deir ez-Zor", "deir ez zor");
        check("l’Homme", "l'homme");
        check("Al-Qaïda", "al qaida");
        check("Œuvre", "oeuvre");
        check("12\u{a0}000", "12 000");
        check("a \u{202f}\t b", "a b");
        check("a\nb", "a b");
        check("a\r\nb", "a b");
        check("a\n\nb", "a\nb");
        check("a\r\n\r\nb", "a\nb");
        check("e\u{301}te\u{301}", "ete");
        check("\u{feff}Syrie", "syrie");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let text = "L’État  islamique (EI)";
        let f = Folded::new(text);
        assert_eq!(f.as_str(), "l'etat islamique (ei)");
        let start = f.as_str().find("etat").unwrap();
        let end = start + "etat islamique".len();
        let (s, e) = (f.to_original(start), f.to_original(end));
        assert_eq!(&text[s..e], "État  islamique");
        let ei = f.as_str().find("ei)").unwrap();
        assert_eq!(&text[f.to_original(ei)..f.to_original(ei + 2)], "EI");
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        let text = "Ale\u{301}p x";
        let f = Folded::new(text);
        assert_eq!(&text[f.to_original(0)..f.to_original(4)], "Ale\u{301}p");
    }

    #[test]
    fn the_iterator_yields_the_folded_text_from_any_word_start() {
        let text = "L’État  islamique\r\n\r\n(ÆON) Œuvre Straße-x e\u{301}!";
        let folded = Folded::new(text);
        let all: String = FoldIter::new(text).map(|(c, _)| c).collect();
        assert_eq!(all, folded.as_str());
        for (i, c) in text.char_indices() {
            let word_start = c.is_alphanumeric()
                && !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            if word_start {
                let from: String = FoldIter::at(text, i).map(|(c, _)| c).collect();
                assert!(folded.as_str().ends_with(&from), "from {i}: {from:?}");
            }
        }
        let ends: Vec<usize> = FoldIter::new("É a").map(|(_, e)| e).collect();
        assert_eq!(ends, [2, 3, 4]);
        assert_eq!(fold("`"), "'");
    }

    #[test]
    fn fold_trims() {
        assert_eq!(fold("  Deir   ez-Zor "), "deir ez zor");
        assert_eq!(fold("’"), "'");
    }
}
