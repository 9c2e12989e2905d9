//! The model file: what the tagger learned, in a versioned binary format.
//!
//! ```text
//! magic        8 bytes   "GLOSENER"
//! format       u32       FORMAT_VERSION
//! features     u32       FEATURE_VERSION of the code that made it
//! hash_bits    u32       the weight table has 2^hash_bits buckets
//! tags         u32       N_TAGS
//! scale        f32       weights are round(w * scale) as i16
//! meta         u32 + n   JSON: what it was trained on, its scores (no time stamps)
//! words        u32 + n × (u64 hash, u16 bits), sorted by hash
//! phrases      u32 + n × (u64 hash, u8 class), sorted by hash
//! start        N_TAGS × i16
//! transitions  N_TAGS × N_TAGS × i16, [from][to]
//! weights      2^hash_bits × STRIDE × i16, [bucket][tag]
//! checksum     32 bytes  SHA-256 of everything before
//! ```
//! All integers little-endian. The same training gives the same bytes.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::features::{DocFeatures, FEATURE_VERSION, N_TAGS, STRIDE, allowed};
use crate::hash::IdBuild;
use crate::lexicon::Lexicons;

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

/// A trained model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub(crate) hash_bits: u32,
    pub(crate) scale: f32,
    pub(crate) meta: serde_json::Value,
    pub(crate) lexicons: Lexicons,
    pub(crate) start: [i32; N_TAGS],
    pub(crate) trans: [[i32; N_TAGS]; N_TAGS],
    pub(crate) weights: Vec<i16>,
}

impl Model {
    /// What the model says about itself (training data, sizes, scores).
    pub fn meta(&self) -> &serde_json::Value {
        &self.meta
    }

    pub fn hash_bits(&self) -> u32 {
        self.hash_bits
    }

    pub fn lexicons(&self) -> &Lexicons {
        &self.lexicons
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
            path: path.to_owned(),
            source,
        })?;
        Model::from_bytes(&bytes, path)
    }

    /// Reads a model from its bytes; `path` names it in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Model, ModelError> {
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
            bytes,
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
        if Sha256::digest(body).as_slice() != sum {
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
        let mut lexicons = Lexicons::default();
        let n = r.u32()? as usize;
        lexicons.words = std::collections::HashMap::with_capacity_and_hasher(n, IdBuild);
        for _ in 0..n {
            let h = r.u64()?;
            let b = r.u16()?;
            lexicons.words.insert(h, b);
        }
        let n = r.u32()? as usize;
        lexicons.phrases = std::collections::HashMap::with_capacity_and_hasher(n, IdBuild);
        for _ in 0..n {
            let h = r.u64()?;
            let c = r.take(1)?[0];
            lexicons.phrases.insert(h, c);
        }
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
        let len = (1usize << hash_bits) * STRIDE;
        let raw = r.take(len * 2)?;
        let weights: Vec<i16> = raw
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        if r.pos != body.len() {
            return Err(corrupt("unexpected bytes after the weights"));
        }
        Ok(Model {
            hash_bits,
            scale,
            meta,
            lexicons,
            start,
            trans,
            weights,
        })
    }

    /// The bytes of the model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.weights.len() * 2 + 1024);
        out.extend_from_slice(MAGIC);
        for v in [
            FORMAT_VERSION,
            FEATURE_VERSION,
            self.hash_bits,
            N_TAGS as u32,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        let meta = serde_json::to_vec(&self.meta).unwrap_or_default();
        out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
        out.extend_from_slice(&meta);
        let mut words: Vec<(u64, u16)> =
            self.lexicons.words.iter().map(|(&h, &b)| (h, b)).collect();
        words.sort_unstable();
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (h, b) in words {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
        }
        let mut phrases: Vec<(u64, u8)> = self
            .lexicons
            .phrases
            .iter()
            .map(|(&h, &c)| (h, c))
            .collect();
        phrases.sort_unstable();
        out.extend_from_slice(&(phrases.len() as u32).to_le_bytes());
        for (h, c) in phrases {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(c);
        }
        for &s in &self.start {
            out.extend_from_slice(&(s as i16).to_le_bytes());
        }
        for row in &self.trans {
            for &t in row {
                out.extend_from_slice(&(t as i16).to_le_bytes());
            }
        }
        for &w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = Sha256::digest(&out);
        out.extend_from_slice(&sum);
        out
    }

    /// Writes the model file (whole, then renamed into place).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, self.to_bytes())?;
        std::fs::rename(&tmp, path)
    }

    /// The emission scores of every token, `[token][tag]`, into `scores`.
    pub(crate) fn emissions(&self, feats: &DocFeatures, scores: &mut Vec<[i32; N_TAGS]>) {
        scores.clear();
        scores.reserve(feats.len());
        for i in 0..feats.len() {
            let mut s = [0i32; N_TAGS];
            for &f in feats.of(i) {
                let w = &self.weights[f as usize * STRIDE..f as usize * STRIDE + N_TAGS];
                for (acc, &x) in s.iter_mut().zip(w) {
                    *acc += i32::from(x);
                }
            }
            scores.push(s);
        }
    }

    /// The best tag sequence (Viterbi), into `tags`; `back` is scratch space.
    pub(crate) fn decode(
        &self,
        scores: &[[i32; N_TAGS]],
        back: &mut Vec<[u8; N_TAGS]>,
        tags: &mut Vec<u8>,
    ) {
        viterbi_generic(scores, &self.start, &self.trans, FORBIDDEN, back, tags);
    }
}

/// Viterbi over `scores` with start and transition scores, under the BIO constraints;
/// `forbidden` is below any reachable score.
pub(crate) fn viterbi_generic<T>(
    scores: &[[T; N_TAGS]],
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
    let mut prev = [forbidden; N_TAGS];
    for (t, p) in prev.iter_mut().enumerate() {
        if allowed(None, t) {
            *p = start[t] + scores[0][t];
        }
    }
    for i in 1..n {
        let mut cur = [forbidden; N_TAGS];
        for to in 0..N_TAGS {
            let mut best = forbidden;
            let mut arg = 0u8;
            for from in 0..N_TAGS {
                if !allowed(Some(from), to) || prev[from] <= forbidden {
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
    let mut last = 0;
    for t in 0..N_TAGS {
        if prev[t] > prev[last] {
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
    fn u64(&mut self) -> Result<u64, ModelError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}
