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

    pub fn len(&self) -> (usize, usize) {
        (self.words.len(), self.phrases.len())
    }
}

/// How features look words and phrases up.
pub(crate) trait Lookup {
    /// The word bits of a folded key's hash.
    fn word_bits(&self, h: u64) -> u16;
    /// The classes of a phrase's hash.
    fn phrase_class(&self, h: u64) -> u8;
}

impl Lookup for Lexicons {
    fn word_bits(&self, h: u64) -> u16 {
        self.words.get(&h).copied().unwrap_or(0)
    }

    fn phrase_class(&self, h: u64) -> u8 {
        self.phrases.get(&h).copied().unwrap_or(0)
    }
}

/// An open-addressing hash table inside a model file: `2^log2` slots of a 32-bit
/// fingerprint (0: empty) and a value of `slot - 4` bytes, probed linearly from the
/// hash's low bits. At most half full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Table {
    pub(crate) offset: usize,
    pub(crate) log2: u32,
    pub(crate) slot: usize,
}

#[inline]
fn fingerprint(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}

impl Table {
    #[inline]
    pub(crate) fn get(&self, bytes: &[u8], h: u64) -> u16 {
        let mask = (1usize << self.log2) - 1;
        let fp = fingerprint(h);
        let mut i = h as usize & mask;
        let table = &bytes[self.offset..self.offset + (self.slot << self.log2)];
        // At most half full: an empty slot always comes.
        for _ in 0..=mask {
            let s = &table[i * self.slot..(i + 1) * self.slot];
            let f = u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
            if f == 0 {
                return 0;
            }
            if f == fp {
                return if self.slot == 6 {
                    u16::from_le_bytes([s[4], s[5]])
                } else {
                    u16::from(s[4])
                };
            }
            i = (i + 1) & mask;
        }
        0
    }

    /// Appends `log2` and the slots of a table of `entries` (hash, value).
    pub(crate) fn write(out: &mut Vec<u8>, entries: impl Iterator<Item = (u64, u16)>, slot: usize) {
        let mut entries: Vec<(u64, u16)> = entries.collect();
        entries.sort_unstable();
        let mut log2 = 4;
        while (1usize << log2) < entries.len() * 2 {
            log2 += 1;
        }
        let mask = (1usize << log2) - 1;
        let mut slots = vec![0u8; slot << log2];
        for (h, v) in entries {
            let mut i = h as usize & mask;
            loop {
                let s = &mut slots[i * slot..(i + 1) * slot];
                let f = u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
                if f == 0 || f == fingerprint(h) {
                    s[..4].copy_from_slice(&fingerprint(h).to_le_bytes());
                    if slot == 6 {
                        let old = u16::from_le_bytes([s[4], s[5]]);
                        s[4..6].copy_from_slice(&(old | v).to_le_bytes());
                    } else {
                        s[4] |= v as u8;
                    }
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        out.extend_from_slice(&(log2 as u32).to_le_bytes());
        out.extend_from_slice(&slots);
    }
}

/// Non-empty, non-comment lines with their one-based numbers.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The lexicons as the model file holds them, for making features while training
/// (the same tables, so the same answers, as the model will give).
#[derive(Clone, Debug)]
pub struct Featurizer {
    bytes: Vec<u8>,
    words: Table,
    phrases: Table,
    hash_bits: u32,
}

impl Featurizer {
    pub fn new(lexicons: &Lexicons, hash_bits: u32) -> Featurizer {
        let mut bytes = Vec::new();
        Table::write(&mut bytes, lexicons.words.iter().map(|(&h, &b)| (h, b)), 6);
        let words = Table {
            offset: 4,
            log2: u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
            slot: 6,
        };
        let at = bytes.len();
        Table::write(
            &mut bytes,
            lexicons.phrases.iter().map(|(&h, &c)| (h, u16::from(c))),
            5,
        );
        let phrases = Table {
            offset: at + 4,
            log2: u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]),
            slot: 5,
        };
        Featurizer {
            bytes,
            words,
            phrases,
            hash_bits,
        }
    }

    /// The features of `doc`'s tokens (see [`crate::extract`]).
    pub fn extract(
        &self,
        doc: &glose_core::Document,
        store: &glose_core::AnnotationStore,
        out: &mut crate::DocFeatures,
    ) {
        crate::features::extract(doc, store, self, self.hash_bits, out);
    }
}

impl Lookup for Featurizer {
    fn word_bits(&self, h: u64) -> u16 {
        self.words.get(&self.bytes, h)
    }

    fn phrase_class(&self, h: u64) -> u8 {
        self.phrases.get(&self.bytes, h) as u8
    }
}
