//! Training: an averaged structured perceptron over the hashed features, decoded with
//! Viterbi under the BIO constraints. Single-threaded and seeded, so the same examples
//! in the same order give the same model, byte for byte.

use glose_core::{Document, Label, Span};

use crate::features::{DocFeatures, LABELS, N_TAGS, ONLY_OUTSIDE, STRIDE};
use crate::lexicon::Lexicons;
use crate::model::{Model, Parts, viterbi_generic};

/// A training document: its features, the gold tag of every token, and how much its
/// mistakes count.
#[derive(Clone, Debug)]
pub struct Example {
    pub features: DocFeatures,
    pub gold: Vec<u8>,
    /// Where the document may be cut into independent pieces (sentence ends outside
    /// any entity), as token indices: each piece is one perceptron update.
    pub cuts: Vec<usize>,
    pub weight: f32,
}

/// Gold spans that do not fall on token boundaries, when projecting.
#[derive(Clone, Debug, Default)]
pub struct Projection {
    pub tags: Vec<u8>,
    /// Spans left out because they do not start and end at token boundaries.
    pub misaligned: usize,
}

/// The gold tags of `doc`'s tokens for `spans` (PER, ORG and LOC; other labels are
/// outside).
pub fn project(doc: &Document, spans: &[(Span, Label)]) -> Projection {
    let tokens = doc.tokens();
    let mut tags = vec![0u8; tokens.len()];
    let mut mask = Vec::new();
    crate::features::token_mask(doc, &mut mask);
    let mut misaligned = 0;
    for &(span, label) in spans {
        let Some(l) = LABELS.iter().position(|&x| x == label) else {
            continue;
        };
        let first = tokens.partition_point(|t| (t.end as usize) <= span.start);
        let last = tokens.partition_point(|t| (t.start as usize) < span.end);
        if first >= last
            || tokens[first].start as usize != span.start
            || tokens[last - 1].end as usize != span.end
            || tags[first..last].iter().any(|&t| t != 0)
            || mask[first] & ONLY_OUTSIDE != 0
            || mask[first + 1..last].iter().any(|&m| m != 0)
        {
            misaligned += 1;
            continue;
        }
        tags[first] = 1 + 2 * l as u8;
        for t in &mut tags[first + 1..last] {
            *t = 2 + 2 * l as u8;
        }
    }
    Projection { tags, misaligned }
}

/// Places to cut a document for training: its sentence starts
/// ([`crate::sentence_starts`]) where no gold entity runs across.
pub fn cuts(doc: &Document, tags: &[u8]) -> Vec<usize> {
    crate::sentence_starts(doc)
        .into_iter()
        .filter(|&i| tags[i] == 0 || tags[i] % 2 == 1)
        .collect()
}

/// Training options.
#[derive(Clone, Debug)]
pub struct Options {
    pub epochs: usize,
    pub hash_bits: u32,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 10,
            hash_bits: 20,
            seed: 1,
        }
    }
}

/// Trains a model; `progress(epoch, mistakes, pieces)` is called after each epoch.
pub fn train(
    examples: &[Example],
    lexicons: Lexicons,
    options: &Options,
    meta: serde_json::Value,
    progress: &mut dyn FnMut(usize, usize, usize),
) -> Model {
    let size = (1usize << options.hash_bits) * STRIDE;
    let mut w = vec![0f32; size];
    let mut u = vec![0f64; size];
    let mut start = [0f32; N_TAGS];
    let mut start_u = [0f64; N_TAGS];
    let mut trans = [[0f32; N_TAGS]; N_TAGS];
    let mut trans_u = [[0f64; N_TAGS]; N_TAGS];

    let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
    for (e, ex) in examples.iter().enumerate() {
        let mut from = 0;
        for &c in ex.cuts.iter().chain(std::iter::once(&ex.gold.len())) {
            if c > from {
                pieces.push((e, from, c));
                from = c;
            }
        }
    }
    let mut rng = options.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut c: f64 = 1.0;
    let mut scores: Vec<[f32; N_TAGS]> = Vec::new();
    let mut back = Vec::new();
    let mut pred = Vec::new();
    for epoch in 0..options.epochs {
        // Fisher-Yates with xorshift: the same seed, the same order.
        for i in (1..pieces.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            pieces.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut mistakes = 0;
        for &(e, from, to) in &pieces {
            let ex = &examples[e];
            scores.clear();
            for i in from..to {
                let mut s = [0f32; N_TAGS];
                for &f in ex.features.of(i) {
                    let row = &w[f as usize * STRIDE..f as usize * STRIDE + N_TAGS];
                    for (acc, &x) in s.iter_mut().zip(row) {
                        *acc += x;
                    }
                }
                scores.push(s);
            }
            viterbi_generic(
                &scores,
                &ex.features.mask[from..to],
                &start,
                &trans,
                f32::MIN / 4.0,
                &mut back,
                &mut pred,
            );
            let gold = &ex.gold[from..to];
            if pred.as_slice() != gold {
                mistakes += 1;
                let d = ex.weight;
                let dc = f64::from(d) * c;
                for (k, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
                    if g != p {
                        for &f in ex.features.of(from + k) {
                            let b = f as usize * STRIDE;
                            w[b + g as usize] += d;
                            u[b + g as usize] += dc;
                            w[b + p as usize] -= d;
                            u[b + p as usize] -= dc;
                        }
                    }
                    let (gp, pp) = if k == 0 {
                        (None, None)
                    } else {
                        (Some(gold[k - 1] as usize), Some(pred[k - 1] as usize))
                    };
                    if (gp, g) != (pp, p) {
                        match gp {
                            None => {
                                start[g as usize] += d;
                                start_u[g as usize] += dc;
                            }
                            Some(x) => {
                                trans[x][g as usize] += d;
                                trans_u[x][g as usize] += dc;
                            }
                        }
                        match pp {
                            None => {
                                start[p as usize] -= d;
                                start_u[p as usize] -= dc;
                            }
                            Some(x) => {
                                trans[x][p as usize] -= d;
                                trans_u[x][p as usize] -= dc;
                            }
                        }
                    }
                }
                // The transition into the outside token that ends every sequence.
                if let (Some(&g), Some(&p)) = (gold.last(), pred.last())
                    && g != p
                {
                    trans[g as usize][0] += d;
                    trans_u[g as usize][0] += dc;
                    trans[p as usize][0] -= d;
                    trans_u[p as usize][0] -= dc;
                }
            }
            c += 1.0;
        }
        progress(epoch + 1, mistakes, pieces.len());
    }
    // Averaging, then quantizing to i16.
    let avg = |w: f32, u: f64| (f64::from(w) - u / c) as f32;
    let weights: Vec<f32> = w.iter().zip(&u).map(|(&w, &u)| avg(w, u)).collect();
    let start: Vec<f32> = start
        .iter()
        .zip(&start_u)
        .map(|(&w, &u)| avg(w, u))
        .collect();
    let trans: Vec<Vec<f32>> = trans
        .iter()
        .zip(&trans_u)
        .map(|(r, ru)| r.iter().zip(ru).map(|(&w, &u)| avg(w, u)).collect())
        .collect();
    let max = weights
        .iter()
        .chain(&start)
        .chain(trans.iter().flatten())
        .fold(0f32, |m, &x| m.max(x.abs()))
        .max(1e-6);
    let scale = 32000.0 / max;
    let q = |x: f32| (x * scale).round().clamp(-32767.0, 32767.0) as i16;
    let mut parts = Parts {
        hash_bits: options.hash_bits,
        scale,
        meta: &meta,
        lexicons: &lexicons,
        start: [0; N_TAGS],
        trans: [[0; N_TAGS]; N_TAGS],
        weights: &weights.iter().map(|&x| q(x)).collect::<Vec<i16>>(),
    };
    for (t, &s) in start.iter().enumerate() {
        parts.start[t] = q(s);
    }
    for (from, row) in trans.iter().enumerate() {
        for (to, &x) in row.iter().enumerate() {
            parts.trans[from][to] = q(x);
        }
    }
    let bytes = Model::write(&parts);
    // Read back what was just written: it is well-formed.
    Model::from_bytes(
        std::borrow::Cow::Owned(bytes),
        std::path::Path::new("(trained)"),
    )
    .unwrap_or_else(|e| unreachable!("a model just written reads back: {e}"))
}
