//! The lexicons the model reads: word lists (common words, given names, surnames) and
//! phrase lists (communes, regions, departments), as tables of hashes that the model
//! file carries. They are built from the text files of `lexicons/` when training, so a
//! model always sees the lexicons it was trained with.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use glose_core::text::{TokenKeys, tokenize};

use crate::hash::{IdBuild, hash_bytes, mix};

/// Bits of a word in the word lexicons.
pub(crate) mod word {
    /// A lower-case French word form (`pierre`, `tours`, `orange`).
    pub(crate) const COMMON: u16 = 1;
    /// A frequent given name.
    pub(crate) const GIVEN: u16 = 2;
    /// A frequent surname.
    pub(crate) const SURNAME: u16 = 4;
}

/// Classes of a phrase in the phrase lexicons.
pub(crate) mod phrase {
    /// A French commune.
    pub(crate) const COMMUNE: u8 = 1;
    /// A commune of at least 10,000 inhabitants.
    pub(crate) const TOWN: u8 = 2;
    /// A region.
    pub(crate) const REGION: u8 = 4;
    /// A department.
    pub(crate) const DEPARTMENT: u8 = 8;
}

/// Population from which a commune is a town.
const TOWN_POPULATION: u64 = 10_000;
/// Phrases longer than this many words are left out.
pub(crate) const MAX_PHRASE_WORDS: usize = 8;

/// An error reading a lexicon file.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Format {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// The lexicon tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lexicons {
    pub(crate) words: HashMap<u64, u16, IdBuild>,
    pub(crate) phrases: HashMap<u64, u8, IdBuild>,
}

/// The hash of a word's folded key.
#[inline]
pub(crate) fn word_hash(key: &str) -> u64 {
    hash_bytes(key.as_bytes())
}

/// Extends the hash of a phrase by one word.
#[inline]
pub(crate) fn phrase_step(h: u64, word: u64) -> u64 {
    mix(h ^ 0x9e37_79b9_7f4a_7c15, word)
}

impl Lexicons {
    /// Reads the lexicon files of `dir`: `words.txt`, `given-names.txt`, `surnames.txt`
    /// (one entry per line), `communes.tsv` (name, population) and `areas.tsv` (kind,
    /// name); `#` starts a comment line. A missing file is an error.
    pub fn read_dir(dir: &Path) -> Result<Lexicons, LexiconError> {
        let mut lex = Lexicons::default();
        let read = |name: &str| -> Result<(PathBuf, String), LexiconError> {
            let path = dir.join(name);
            std::fs::read_to_string(&path)
                .map(|t| (path.clone(), t))
                .map_err(|source| LexiconError::Io { path, source })
        };
        for (name, bit) in [
            ("words.txt", word::COMMON),
            ("given-names.txt", word::GIVEN),
            ("surnames.txt", word::SURNAME),
        ] {
            let (_, text) = read(name)?;
            for line in entries(&text) {
                lex.add_word(line.1, bit);
            }
        }
        let (path, text) = read("communes.tsv")?;
        for (line, entry) in entries(&text) {
            let (name, pop) = entry.split_once('\t').ok_or_else(|| LexiconError::Format {
                path: path.clone(),
                line,
                message: "expected name<TAB>population".to_owned(),
            })?;
            let pop: u64 = pop.trim().parse().map_err(|_| LexiconError::Format {
                path: path.clone(),
                line,
                message: format!("population {pop:?} is not a number"),
            })?;
            let class = if pop >= TOWN_POPULATION {
                phrase::COMMUNE | phrase::TOWN
            } else {
                phrase::COMMUNE
            };
            lex.add_phrase(name, class);
        }
        let (path, text) = read("areas.tsv")?;
        for (line, entry) in entries(&text) {
            let class = match entry.split_once('\t') {
                Some(("region", name)) => (phrase::REGION, name),
                Some(("departement", name)) => (phrase::DEPARTMENT, name),
                _ => {
                    return Err(LexiconError::Format {
                        path,
                        line,
                        message: "expected region|departement<TAB>name".to_owned(),
                    });
                }
            };
            lex.add_phrase(class.1, class.0);
        }
        Ok(lex)
    }

    fn add_word(&mut self, word: &str, bit: u16) {
        let k = glose_fr::key(word);
        if !k.as_str().is_empty() {
            *self.words.entry(word_hash(k.as_str())).or_default() |= bit;
        }
    }

    /// Adds a phrase, tokenized as text is, so that it matches the same token keys.
    fn add_phrase(&mut self, name: &str, class: u8) {
        let tokens = tokenize(name);
        let keys = TokenKeys::new(name, &tokens);
        let mut h = 0u64;
        let mut n = 0;
        for (i, t) in tokens.iter().enumerate() {
            if t.kind == glose_core::text::TokenKind::Punct {
                continue;
            }
            h = phrase_step(h, word_hash(keys.get(i)));
            n += 1;
        }
        if n > 0 && n <= MAX_PHRASE_WORDS {
            *self.phrases.entry(h).or_default() |= class;
        }
    }

    /// The word bits of a folded key's hash.
    #[inline]
    pub(crate) fn word_bits(&self, h: u64) -> u16 {
        self.words.get(&h).copied().unwrap_or(0)
    }

    /// The classes of a phrase's hash.
    #[inline]
    pub(crate) fn phrase_class(&self, h: u64) -> u8 {
        self.phrases.get(&h).copied().unwrap_or(0)
    }

    pub fn len(&self) -> (usize, usize) {
        (self.words.len(), self.phrases.len())
    }
}

/// Non-empty, non-comment lines with their one-based numbers.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}
