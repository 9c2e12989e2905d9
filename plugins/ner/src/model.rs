//! The model file: what the tagger learned, in a versioned binary format that is used
//! in place (the default model is part of the binary; nothing is copied at load).
//!
//! ```text
//! magic        8 bytes   "GLOSENER"
//! format       u32       FORMAT_VERSION
//! features     u32       FEATURE_VERSION of the code that made it
//! hash_bits    u32       the weight table has 2^hash_bits rows
//! tags         u32       N_TAGS
//! scale        f32       weights are round(w * scale) as i16
//! meta         u32 + n   JSON: what it was trained on, its options (no time stamps)
//! words        u32 log2 + 2^log2 × (u32 fingerprint, u16 bits)   open addressing
//! phrases      u32 log2 + 2^log2 × (u32 fingerprint, u8 class)   open addressing
//! start        N_TAGS × i16
//! transitions  N_TAGS × N_TAGS × i16, [from][to]
//! weights      2^hash_bits × STRIDE × i16, [row][tag]
//! checksum     32 bytes  SHA-256 of everything before
//! ```
//! All integers little-endian. The same training gives the same bytes.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::features::{FEATURE_VERSION, N_TAGS, NO_INSIDE, ONLY_OUTSIDE, STRIDE, allowed};
use crate::lexicon::{Lexicons, Lookup, Table};

pub(crate) const MAGIC: &[u8; 8] = b"GLOSENER";
pub const FORMAT_VERSION: u32 = 1;
/// Scores below this are impossible transitions.
const FORBIDDEN: i32 = i32::MIN / 4;

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model {path}: cannot read it: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("model {path}: not a glose model file (no GLOSENER header)")]
    NotAModel { path: PathBuf },
    #[error(
        "model {path}: made for model format {found} and feature set {found_features}; this glose reads format {FORMAT_VERSION}, feature set {FEATURE_VERSION}: retrain it with `glose train`"
    )]
    Version {
        path: PathBuf,
        found: u32,
        found_features: u32,
    },
    #[error("model {path}: corrupt ({why})")]
    Corrupt { path: PathBuf, why: String },
}

/// A trained model: its file's bytes, and where the parts are in them.
#[derive(Clone, Debug)]
pub struct Model {
    bytes: Cow<'static, [u8]>,
    pub(crate) hash_bits: u32,
    pub(crate) scale: f32,
    meta: serde_json::Value,
    words: Table,
    phrases: Table,
    pub(crate) start: [i32; N_TAGS],
    pub(crate) trans: [[i32; N_TAGS]; N_TAGS],
    weights: usize,
}

/// What a model is made of, before it is written.
pub(crate) struct Parts<'a> {
    pub(crate) hash_bits: u32,
    pub(crate) scale: f32,
    pub(crate) meta: &'a serde_json::Value,
    pub(crate) lexicons: &'a Lexicons,
    pub(crate) start: [i16; N_TAGS],
    pub(crate) trans: [[i16; N_TAGS]; N_TAGS],
    pub(crate) weights: &'a [i16],
}

/// The lexicons of a model, as its features look them up.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ModelLexicons<'a> {
    bytes: &'a [u8],
    words: Table,
    phrases: Table,
}

impl Lookup for ModelLexicons<'_> {
    #[inline]
    fn word_bits(&self, h: u64) -> u16 {
        self.words.get(self.bytes, h)
    }

    #[inline]
    fn phrase_class(&self, h: u64) -> u8 {
        self.phrases.get(self.bytes, h) as u8
    }
}

impl PartialEq for Model {
    fn eq(&self, other: &Model) -> bool {
        self.bytes == other.bytes
    }
}

impl Model {
    /// What the model says about itself (training data, options).
    pub fn meta(&self) -> &serde_json::Value {
        &self.meta
    }

    pub fn hash_bits(&self) -> u32 {
        self.hash_bits
    }

    /// The bytes of the model file.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The SHA-256 of the model file, in hex: what identifies it.
    pub fn checksum(&self) -> String {
        self.bytes[self.bytes.len() - 32..]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    pub(crate) fn lexicons(&self) -> ModelLexicons<'_> {
        ModelLexicons {
            bytes: &self.bytes,
            words: self.words,
            phrases: self.phrases,
        }
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
            path: path.to_owned(),
            source,
        })?;
        Model::from_bytes(Cow::Owned(bytes), path)
    }

    /// Reads a model from its bytes; `path` names it in errors. The checksum is
    /// verified, except for a model that is part of the executable (borrowed bytes).
    pub fn from_bytes(bytes: Cow<'static, [u8]>, path: &Path) -> Result<Model, ModelError> {
        let verify = matches!(bytes, Cow::Owned(_));
        let corrupt = |why: &str| ModelError::Corrupt {
            path: path.to_owned(),
            why: why.to_owned(),
        };
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(ModelError::NotAModel {
                path: path.to_owned(),
            });
        }
        let mut r = Reader {
            bytes: &bytes,
            pos: 8,
            path,
        };
        let format = r.u32()?;
        let features = r.u32()?;
        if format != FORMAT_VERSION || features != FEATURE_VERSION {
            return Err(ModelError::Version {
                path: path.to_owned(),
                found: format,
                found_features: features,
            });
        }
        if bytes.len() < 8 + 32 {
            return Err(corrupt("too short"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 32);
        if verify && Sha256::digest(body).as_slice() != sum {
            return Err(corrupt(
                "checksum mismatch: the file is truncated or damaged",
            ));
        }
        let hash_bits = r.u32()?;
        if !(8..=26).contains(&hash_bits) {
            return Err(corrupt("hash size out of range"));
        }
        if r.u32()? as usize != N_TAGS {
            return Err(corrupt("wrong number of tags"));
        }
        let scale = f32::from_bits(r.u32()?);
        if !(scale.is_finite() && scale > 0.0) {
            return Err(corrupt("bad scale"));
        }
        let meta_len = r.u32()? as usize;
        let meta = serde_json::from_slice(r.take(meta_len)?)
            .map_err(|e| corrupt(&format!("metadata: {e}")))?;
        let words = r.table(6)?;
        let phrases = r.table(5)?;
        let mut start = [0i32; N_TAGS];
        for s in &mut start {
            *s = i32::from(r.i16()?);
        }
        let mut trans = [[0i32; N_TAGS]; N_TAGS];
        for row in &mut trans {
            for t in row.iter_mut() {
                *t = i32::from(r.i16()?);
            }
        }
        let weights = r.pos;
        r.take((1usize << hash_bits) * STRIDE * 2)?;
        if r.pos != body.len() {
            return Err(corrupt("unexpected bytes after the weights"));
        }
        Ok(Model {
            hash_bits,
            scale,
            meta,
            words,
            phrases,
            start,
            trans,
            weights,
            bytes,
        })
    }

    /// Writes the parts of a model as the bytes of its file.
    pub(crate) fn write(parts: &Parts<'_>) -> Vec<u8> {
        let mut out = Vec::with_capacity(parts.weights.len() * 2 + (8 << 20));
        out.extend_from_slice(MAGIC);
        for v in [
            FORMAT_VERSION,
            FEATURE_VERSION,
            parts.hash_bits,
            N_TAGS as u32,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&parts.scale.to_bits().to_le_bytes());
        let meta = serde_json::to_vec(parts.meta).unwrap_or_default();
        out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
        out.extend_from_slice(&meta);
        Table::write(
            &mut out,
            parts.lexicons.words.iter().map(|(&h, &b)| (h, b)),
            6,
        );
        Table::write(
            &mut out,
            parts
                .lexicons
                .phrases
                .iter()
                .map(|(&h, &c)| (h, u16::from(c))),
            5,
        );
        for &s in &parts.start {
            out.extend_from_slice(&s.to_le_bytes());
        }
        for row in &parts.trans {
            for &t in row {
                out.extend_from_slice(&t.to_le_bytes());
            }
        }
        for &w in parts.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = Sha256::digest(&out);
        out.extend_from_slice(&sum);
        out
    }

    /// Writes the model file (whole, then renamed into place).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        glose_core::atomic::write(path, &self.bytes)
    }

    /// The emission scores of every token of a prepared document, into `scores`: the
    /// features of one token at a time (in `buffer`), never those of the whole document.
    pub(crate) fn emissions_of(
        &self,
        prepared: &crate::features::Prepared<'_>,
        buffer: &mut Vec<u32>,
        scores: &mut Vec<[i32; N_TAGS]>,
    ) {
        scores.clear();
        scores.reserve(prepared.len());
        for i in 0..prepared.len() {
            buffer.clear();
            prepared.features(i, buffer);
            scores.push(self.emission(buffer));
        }
    }

    /// The score of each tag from a token's features.
    #[inline]
    fn emission(&self, feats: &[u32]) -> [i32; N_TAGS] {
        let table = &self.bytes[self.weights..self.weights + ((STRIDE * 2) << self.hash_bits)];
        // A whole bucket at a time (the padding tag is added and dropped): one
        // fixed-size row per feature, which the compiler turns into vector adds.
        let mut s = [0i32; STRIDE];
        for &f in feats {
            let row: &[u8; STRIDE * 2] = table[f as usize * STRIDE * 2..][..STRIDE * 2]
                .try_into()
                .expect("a bucket is STRIDE weights");
            for (t, acc) in s.iter_mut().enumerate() {
                *acc += i32::from(i16::from_le_bytes([row[2 * t], row[2 * t + 1]]));
            }
        }
        let mut out = [0i32; N_TAGS];
        out.copy_from_slice(&s[..N_TAGS]);
        out
    }

    pub(crate) fn decode(
        &self,
        scores: &[[i32; N_TAGS]],
        mask: &[u8],
        back: &mut Vec<[u8; N_TAGS]>,
        tags: &mut Vec<u8>,
    ) {
        viterbi_generic(
            scores,
            mask,
            &self.start,
            &self.trans,
            FORBIDDEN,
            back,
            tags,
        );
    }
}

/// Viterbi over `scores` with start and transition scores, under the BIO constraints
/// and the tokens' masks; `forbidden` is below any reachable score.
pub(crate) fn viterbi_generic<T>(
    scores: &[[T; N_TAGS]],
    mask: &[u8],
    start: &[T; N_TAGS],
    trans: &[[T; N_TAGS]; N_TAGS],
    forbidden: T,
    back: &mut Vec<[u8; N_TAGS]>,
    tags: &mut Vec<u8>,
) where
    T: Copy + PartialOrd + std::ops::Add<Output = T>,
{
    tags.clear();
    back.clear();
    let n = scores.len();
    if n == 0 {
        return;
    }
    back.resize(n, [0; N_TAGS]);
    let ok = |i: usize, t: usize| {
        let m = mask.get(i).copied().unwrap_or(0);
        t == 0 || (m & ONLY_OUTSIDE == 0 && (t % 2 == 1 || m & NO_INSIDE == 0))
    };
    // Which transitions the BIO scheme allows, worked out once.
    let allow: [[bool; N_TAGS]; N_TAGS] =
        std::array::from_fn(|from| std::array::from_fn(|to| allowed(Some(from), to)));
    let mut prev = [forbidden; N_TAGS];
    for (t, p) in prev.iter_mut().enumerate() {
        if allowed(None, t) && ok(0, t) {
            *p = start[t] + scores[0][t];
        }
    }
    for i in 1..n {
        let mut cur = [forbidden; N_TAGS];
        if mask.get(i).is_some_and(|m| m & ONLY_OUTSIDE != 0) {
            // Most tokens may only be outside: one column instead of all of them (the
            // same result as the general case below, which would skip every other tag).
            let mut best = forbidden;
            let mut arg = 0u8;
            for from in 0..N_TAGS {
                if prev[from] <= forbidden {
                    continue;
                }
                let v = prev[from] + trans[from][0];
                if v > best {
                    best = v;
                    arg = from as u8;
                }
            }
            if best > forbidden {
                cur[0] = best + scores[i][0];
                back[i][0] = arg;
            }
            prev = cur;
            continue;
        }
        for to in 0..N_TAGS {
            if !ok(i, to) {
                continue;
            }
            let mut best = forbidden;
            let mut arg = 0u8;
            // (An inside tag follows only its label's begin or inside tag: two
            // candidates, in the order of the general loop.)
            let froms = if to % 2 == 0 && to > 0 {
                to - 1..to + 1
            } else {
                0..N_TAGS
            };
            for from in froms {
                if !allow[from][to] || prev[from] <= forbidden {
                    continue;
                }
                let v = prev[from] + trans[from][to];
                if v > best {
                    best = v;
                    arg = from as u8;
                }
            }
            if best > forbidden {
                cur[to] = best + scores[i][to];
                back[i][to] = arg;
            }
        }
        prev = cur;
    }
    // Every sequence ends as if an outside token followed: the transition into it
    // counts (sentences end with punctuation in training).
    let mut last = 0;
    let end = |t: usize| {
        if prev[t] <= forbidden {
            forbidden
        } else {
            prev[t] + trans[t][0]
        }
    };
    for t in 0..N_TAGS {
        if end(t) > end(last) {
            last = t;
        }
    }
    tags.resize(n, 0);
    tags[n - 1] = last as u8;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][tags[i] as usize];
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: &'a Path,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(ModelError::Corrupt {
                path: self.path.to_owned(),
                why: "truncated".to_owned(),
            }),
        }
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(self.u16()? as i16)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// An open-addressing table of `slot`-byte slots.
    fn table(&mut self, slot: usize) -> Result<Table, ModelError> {
        let log2 = self.u32()?;
        if log2 > 28 {
            return Err(ModelError::Corrupt {
                path: self.path.to_owned(),
                why: "lexicon table too large".to_owned(),
            });
        }
        let offset = self.pos;
        self.take(slot << log2)?;
        Ok(Table { offset, log2, slot })
    }
}
