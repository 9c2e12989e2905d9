//! Features of the tokens of a document, as indices into the model's weight table.
//!
//! Every feature is a template number and a value hashed together; the hash picks a
//! bucket of the table. The tokens are the document's own (`Document::tokens`), so the
//! command line, the language server and training see the same sequence. Nothing is
//! allocated per token: the features of a document go into one buffer.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use glose_core::text::{Token, TokenKind};
use glose_core::{Annotation, AnnotationStore, Document, Label};

use crate::hash::{IdBuild, hash_bytes, mix};
use crate::lexicon::{Lookup, MAX_PHRASE_WORDS, phrase_step, word_hash};

/// The version of the feature set: a model trained with another one is refused.
pub const FEATURE_VERSION: u32 = 1;

/// Tags: outside, then begin/inside for each label.
pub const TAGS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
pub(crate) const N_TAGS: usize = TAGS.len();
/// The stride of a bucket in the weight table (tags padded to 8).
pub(crate) const STRIDE: usize = 8;
/// The labels, in tag order (`B-X` is `1 + 2 * index`).
pub(crate) const LABELS: [Label; 3] = Label::NAMES;

/// The label of a tag, and whether it begins an entity.
pub(crate) fn tag_label(tag: usize) -> Option<(Label, bool)> {
    if tag == 0 || tag >= N_TAGS {
        return None;
    }
    Some((LABELS[(tag - 1) / 2], tag % 2 == 1))
}

/// Whether `to` may follow `from` (`None` = the start of the text).
pub(crate) fn allowed(from: Option<usize>, to: usize) -> bool {
    match tag_label(to) {
        Some((_, false)) => from.is_some_and(|f| f != 0 && (f - 1) / 2 == (to - 1) / 2),
        _ => true,
    }
}

/// The taggers whose output the model reads, by class (0: not read). Quantities and
/// quotes run after `ner` (they read its names), so it never sees them.
fn tagger_class(a: &Annotation) -> u64 {
    match a.tagger {
        "gazetteer" => 1,
        "names" if a.confidence >= 0.8 => 2,
        "names" => 3,
        "acronyms" => 4,
        "variants" => 5,
        "dates" => 6,
        "quantities" | "quotes" => 0,
        _ => 8,
    }
}

fn label_class(l: Label) -> u64 {
    match l {
        l if l == Label::PER => 1,
        l if l == Label::ORG => 2,
        l if l == Label::LOC => 3,
        l if l == Label::DATE => 4,
        l if l == Label::QUANTITY => 5,
        _ => 6,
    }
}

// Token flags.
const CAP: u16 = 1;
const ALLCAPS: u16 = 2;
const SENT_START: u16 = 4;
const LINE_START: u16 = 8;
const AFTER_OPEN_QUOTE: u16 = 16;
const IN_PARENS: u16 = 32;
const HAS_DIGIT: u16 = 64;
const LOWER: u16 = 128;

// Closed lists of glose-fr, as bits next to the word lexicons.
const L_TITLE: u16 = 1 << 4;
const L_ORG_HEAD: u16 = 1 << 5;
const L_PLACE_NOUN: u16 = 1 << 6;
const L_FUNCTION: u16 = 1 << 7;
const L_PARTICLE: u16 = 1 << 8;
const L_SPEECH: u16 = 1 << 9;
const L_TIME: u16 = 1 << 10;
const L_GEO: u16 = 1 << 11;

/// What is known of one token before its features are made.
#[derive(Clone, Copy, Debug, Default)]
struct Info {
    key: u64,
    form: u64,
    shape: u64,
    short_shape: u64,
    flags: u16,
    lex: u16,
    /// Phrase lexicon class, and whether the token begins the phrase (bit 7).
    phrase: u8,
    /// In the document, how often the word is capitalised away from a sentence start,
    /// and how often in lower case (0, 1, 2 = more).
    doc_cap: u8,
    doc_lower: u8,
    len: u8,
}

/// The features of a document: for token `i`, `feats[offsets[i]..offsets[i + 1]]`,
/// and what tags it may take (`mask[i]`, see [`token_mask`]).
#[derive(Clone, Debug, Default)]
pub struct DocFeatures {
    pub feats: Vec<u32>,
    pub offsets: Vec<u32>,
    pub mask: Vec<u8>,
}

/// A token that is never part of a name: punctuation other than `-`, `'`, `’`, `&`,
/// `/` and the full stop of an initial or an abbreviation.
pub(crate) const ONLY_OUTSIDE: u8 = 1;
/// A token that cannot continue a name: the first of a line.
pub(crate) const NO_INSIDE: u8 = 2;

/// A token is scored when a capital or a rule tagger's name is at most this many tokens
/// before it…
const SCORED_AFTER: usize = 4;
/// …or this many after it.
const SCORED_BEFORE: usize = 3;

/// What tags each token of `doc` may take.
pub(crate) fn token_mask(doc: &Document, mask: &mut Vec<u8>) {
    let text = doc.text();
    let tokens = doc.tokens();
    mask.clear();
    mask.extend(tokens.iter().enumerate().map(|(i, t)| {
        let mut m = 0;
        if t.has(Token::LINE_BEFORE) {
            m |= NO_INSIDE;
        }
        if t.kind == TokenKind::Punct {
            let ok = match t.text(text) {
                "-" | "'" | "’" | "&" | "/" => true,
                "." => i > 0 && t.is_attached() && crate::abbreviation(tokens[i - 1].text(text)),
                _ => false,
            };
            if !ok {
                m |= ONLY_OUTSIDE;
            }
        }
        m
    }));
}

impl DocFeatures {
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    pub fn of(&self, i: usize) -> &[u32] {
        &self.feats[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// Makes the features of `doc`'s tokens, given the annotations of the taggers before.
pub(crate) fn extract(
    doc: &Document,
    store: &AnnotationStore,
    lex: &impl Lookup,
    hash_bits: u32,
    out: &mut DocFeatures,
) {
    out.feats.clear();
    out.offsets.clear();
    let prepared = prepare(doc, store, lex, hash_bits, &mut out.mask);
    let n = prepared.len();
    out.offsets.reserve(n + 1);
    // About 40 features a scored token; none for the others.
    out.feats
        .reserve(prepared.scored.iter().filter(|&&s| s).count() * 40);
    for i in 0..n {
        out.offsets.push(out.feats.len() as u32);
        prepared.features(i, &mut out.feats);
    }
    out.offsets.push(out.feats.len() as u32);
}

/// What the features of a document's tokens are made of, computed once for the whole
/// document (the features of a token read its neighbours and counts over the document):
/// [`Prepared::features`] then gives the features of one token at a time, so that a
/// tagger need not hold those of every token at once.
pub(crate) struct Prepared<'d> {
    doc: &'d Document,
    info: Vec<Info>,
    cover: Vec<[u16; 3]>,
    evidence: Vec<u64>,
    scored: Vec<bool>,
    shift: u32,
    /// What the tokens past the end look like.
    stop: Info,
}

/// Prepares the features of `doc`'s tokens, and writes what tags each may take into
/// `mask` (see [`token_mask`]; tokens without features may only be outside).
pub(crate) fn prepare<'d>(
    doc: &'d Document,
    store: &AnnotationStore,
    lex: &impl Lookup,
    hash_bits: u32,
    mask: &mut Vec<u8>,
) -> Prepared<'d> {
    let text = doc.text();
    let tokens = doc.tokens();
    let n = tokens.len();
    token_mask(doc, mask);

    // The annotations covering each token (at most three), by a walk over the store.
    let anns = store.as_slice();
    let mut cover: Vec<[u16; 3]> = vec![[0; 3]; n];
    let mut evidence: Vec<u64> = vec![0; n];
    for a in anns {
        if a.label == Label::QUOTE {
            continue;
        }
        let class = tagger_class(a);
        if class == 0 {
            continue;
        }
        let first = tokens.partition_point(|t| (t.end as usize) <= a.span.start);
        let mut k = first;
        while k < n && (tokens[k].start as usize) < a.span.end {
            let last = k + 1 >= n || tokens[k + 1].start as usize >= a.span.end;
            let pos = match (k == first, last) {
                (true, true) => 3,
                (true, false) => 0,
                (false, true) => 2,
                (false, false) => 1,
            };
            let code = (class * 64 + label_class(a.label) * 8 + pos) as u16;
            if let Some(slot) = cover[k].iter_mut().find(|s| **s == 0) {
                *slot = code;
            }
            if evidence[k] == 0
                && let Some(why) = a.attrs.get("evidence").and_then(|v| v.as_str())
            {
                evidence[k] = mix(hash_bytes(why.as_bytes()), u64::from(code));
            }
            k += 1;
        }
    }

    // Tokens far from any capital and from the rule taggers' names are outside any
    // name: no features, only the tag O (most of a text; the model's time goes to the
    // rest).
    let near = |i: usize| {
        let lo = i.saturating_sub(SCORED_AFTER);
        let hi = (i + SCORED_BEFORE + 1).min(n);
        (lo..hi).any(|j| {
            let t = &tokens[j];
            t.is_capitalized() || t.has(Token::ALL_CAPS) || cover[j][0] != 0
        })
    };
    let scored: Vec<bool> = (0..n).map(near).collect();
    // What a scored token's features read: itself and two tokens on each side.
    let needed = |i: usize| {
        scored[i.saturating_sub(2)..(i + 3).min(n)]
            .iter()
            .any(|&s| s)
    };

    let mut info: Vec<Info> = Vec::with_capacity(n);
    let mut counts: HashMap<u64, (u8, u8), IdBuild> =
        HashMap::with_capacity_and_hasher(n / 4, IdBuild);
    let mut closed: HashMap<u64, (&str, u16), IdBuild> =
        HashMap::with_capacity_and_hasher(n / 8, IdBuild);
    let mut sent_start = true;
    let mut open_quote = false;
    let mut parens = 0u32;
    for (i, t) in tokens.iter().enumerate() {
        let word = t.text(text);
        let key = doc.key(i);
        let mut flags = 0u16;
        if t.has(Token::LINE_BEFORE) {
            flags |= LINE_START;
            sent_start = true;
        }
        if sent_start {
            flags |= SENT_START;
        }
        if open_quote {
            flags |= AFTER_OPEN_QUOTE;
        }
        if parens > 0 {
            flags |= IN_PARENS;
        }
        if t.is_capitalized() {
            flags |= CAP;
        }
        if t.has(Token::ALL_CAPS) {
            flags |= ALLCAPS;
        }
        if t.has(Token::LOWERCASE) {
            flags |= LOWER;
        }
        if word.bytes().any(|b| b.is_ascii_digit()) {
            flags |= HAS_DIGIT;
        }
        let kh = if t.kind == TokenKind::Punct {
            hash_bytes(word.as_bytes())
        } else {
            word_hash(key)
        };
        if needed(i) {
            let (shape, short_shape) = shapes(word);
            // The word lexicons matter for words that could be names.
            let mut lex_bits =
                if t.kind == TokenKind::Word && (t.is_capitalized() || t.has(Token::ALL_CAPS)) {
                    lex.word_bits(kh)
                } else {
                    0
                };
            if t.kind == TokenKind::Word {
                // Once per distinct word of the document (the hash picks the entry,
                // the key confirms it).
                lex_bits |= match closed.entry(kh) {
                    Entry::Occupied(e) if e.get().0 == key => e.get().1,
                    Entry::Occupied(_) => closed_lists(key),
                    Entry::Vacant(e) => e.insert((key, closed_lists(key))).1,
                };
            }
            info.push(Info {
                key: kh,
                form: hash_bytes(word.as_bytes()),
                shape,
                short_shape,
                flags,
                lex: lex_bits,
                phrase: 0,
                doc_cap: 0,
                doc_lower: 0,
                len: word.chars().count().min(12) as u8,
            });
        } else {
            info.push(Info {
                key: kh,
                flags,
                ..Info::default()
            });
        }
        if t.kind == TokenKind::Word {
            let c = counts.entry(kh).or_default();
            if t.is_capitalized() && !sent_start {
                c.0 = c.0.saturating_add(1);
            } else if t.has(Token::LOWERCASE) {
                c.1 = c.1.saturating_add(1);
            }
        }
        // What the next token sees.
        match word {
            "." | "!" | "?" | "…" | ":" | ";" => sent_start = true,
            "«" | "\"" | "“" | "—" | "–" | "-" | "(" | "[" if sent_start => {}
            _ if t.kind == TokenKind::Punct && sent_start => {}
            _ => sent_start = false,
        }
        match word {
            "«" | "“" => open_quote = true,
            "»" | "”" => open_quote = false,
            "(" => parens += 1,
            ")" => parens = parens.saturating_sub(1),
            _ => {}
        }
    }
    for (i, inf) in info.iter_mut().enumerate() {
        if tokens[i].kind == TokenKind::Word
            && let Some(&(cap, lower)) = counts.get(&inf.key)
        {
            inf.doc_cap = cap.min(2);
            inf.doc_lower = lower.min(2);
        }
    }
    // Phrase lexicons: the longest phrase from each capitalised word.
    let mut i = 0;
    while i < n {
        if !tokens[i].is_capitalized() {
            i += 1;
            continue;
        }
        let mut h = 0u64;
        let mut words = 0;
        let mut best: Option<(usize, u8)> = None;
        let mut j = i;
        while j < n && words < MAX_PHRASE_WORDS {
            let t = &tokens[j];
            if t.kind == TokenKind::Punct {
                // Hyphens and apostrophes join the words of a name.
                let w = t.text(text);
                if j > i && t.is_attached() && matches!(w, "-" | "'" | "’") {
                    j += 1;
                    continue;
                }
                break;
            }
            if j > i && t.has(Token::LINE_BEFORE) {
                break;
            }
            // Lower-case words inside place names are these few (`Saint-Ubald-sur-Lenne`,
            // `Aix-en-Provence`, `Villeneuve-lès-Avignon`).
            if j > i
                && t.has(Token::LOWERCASE)
                && !matches!(
                    doc.key(j),
                    "sur"
                        | "de"
                        | "en"
                        | "le"
                        | "la"
                        | "les"
                        | "d"
                        | "et"
                        | "du"
                        | "sous"
                        | "l"
                        | "des"
                        | "aux"
                        | "au"
                        | "pres"
                        | "di"
                        | "lez"
                        | "devant"
                        | "a"
                        | "es"
                        | "h"
                        | "ez"
                        | "del"
                        | "dels"
                        | "deux"
                        | "entre"
                        | "derriere"
                        | "las"
                        | "dit"
                )
            {
                break;
            }
            h = phrase_step(h, info[j].key);
            words += 1;
            let class = lex.phrase_class(h);
            if class != 0 {
                best = Some((j, class));
            }
            j += 1;
        }
        if let Some((last, class)) = best {
            for (k, inf) in info.iter_mut().enumerate().take(last + 1).skip(i) {
                inf.phrase = class | if k == i { 0x80 } else { 0x40 };
            }
            i = last + 1;
        } else {
            i += 1;
        }
    }

    for (m, &scored) in mask.iter_mut().zip(&scored) {
        if !scored {
            *m |= ONLY_OUTSIDE;
        }
    }
    // Past the end, a text looks as if a full stop followed: what nearly always
    // follows a last word in training.
    let (stop_shape, stop_short) = shapes(".");
    let stop = Info {
        key: hash_bytes(b"."),
        form: hash_bytes(b"."),
        shape: stop_shape,
        short_shape: stop_short,
        ..Info::default()
    };
    Prepared {
        doc,
        info,
        cover,
        evidence,
        scored,
        shift: 64 - hash_bits,
        stop,
    }
}

impl Prepared<'_> {
    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.info.len()
    }

    /// Appends the features of token `i` to `feats` (none when it is not scored: far
    /// from any capital and from the rule taggers' names).
    pub(crate) fn features(&self, i: usize, feats: &mut Vec<u32>) {
        if !self.scored[i] {
            return;
        }
        let (doc, info, cover, evidence) = (self.doc, &self.info, &self.cover, &self.evidence);
        let tokens = doc.tokens();
        let n = info.len();
        let shift = self.shift;
        let none = Info::default();
        let at = |d: isize| -> &Info {
            let j = i as isize + d;
            if j < 0 {
                &none
            } else if j as usize >= n {
                &self.stop
            } else {
                &info[j as usize]
            }
        };
        let cur = &info[i];
        let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
        let mut push = |template: u64, value: u64| {
            feats.push((mix(template.wrapping_mul(0x1000_0000_01b3), value) >> shift) as u32);
        };
        push(1, 0);
        push(2, cur.key);
        push(3, cur.form);
        push(4, p1.key);
        push(5, n1.key);
        push(6, p2.key);
        push(7, n2.key);
        push(8, cur.shape);
        push(9, mix(p1.short_shape, cur.short_shape));
        push(10, mix(cur.short_shape, n1.short_shape));
        push(11, mix(p1.key, cur.short_shape));
        push(12, mix(cur.short_shape, n1.key));
        push(13, mix(p1.key, cur.key));
        push(14, mix(cur.key, n1.key));
        push(15, mix(p2.key, p1.key));
        push(16, u64::from(cur.flags));
        push(17, mix(u64::from(cur.flags), cur.short_shape));
        push(
            18,
            mix(
                u64::from(cur.lex),
                u64::from(cur.flags & (CAP | SENT_START)),
            ),
        );
        push(19, mix(u64::from(p1.lex), u64::from(cur.flags & CAP)));
        push(20, mix(u64::from(n1.lex), u64::from(cur.flags & CAP)));
        push(21, u64::from(cur.phrase));
        push(
            22,
            mix(
                u64::from(cur.phrase),
                u64::from(p1.lex & (L_PLACE_NOUN | L_FUNCTION)),
            ),
        );
        push(
            23,
            u64::from(cur.doc_cap)
                | u64::from(cur.doc_lower) << 4
                | u64::from(cur.flags & (CAP | SENT_START | ALLCAPS)) << 8,
        );
        push(
            24,
            u64::from(cur.len) | u64::from(cur.flags & (CAP | ALLCAPS)) << 8,
        );
        // Prefixes and suffixes of the folded word.
        if tokens[i].kind == TokenKind::Word {
            let key = doc.key(i).as_bytes();
            for (t, k) in [(25u64, 2usize), (26, 3)] {
                if key.len() > k {
                    push(t, hash_bytes(&key[..k]));
                }
            }
            for (t, k) in [(27u64, 2usize), (28, 3), (29, 4)] {
                if key.len() > k {
                    push(t, hash_bytes(&key[key.len() - k..]));
                }
            }
        }
        // What the rule taggers said.
        for &c in cover[i].iter().filter(|&&c| c != 0) {
            push(30, u64::from(c));
            push(
                31,
                mix(u64::from(c), u64::from(cur.flags & (SENT_START | ALLCAPS))),
            );
        }
        for (t, d) in [(32u64, -1isize), (33, 1)] {
            let j = i as isize + d;
            if j >= 0 && (j as usize) < n {
                for &c in cover[j as usize].iter().filter(|&&c| c != 0) {
                    push(t, u64::from(c >> 3));
                }
            }
        }
        if cover[i][0] == 0 {
            push(34, u64::from(cur.flags & (CAP | ALLCAPS | SENT_START)));
        }
        if evidence[i] != 0 {
            push(35, evidence[i]);
        }
    }
}

/// The bits of glose-fr's closed lists for a folded word.
fn closed_lists(key: &str) -> u16 {
    let mut bits = 0;
    if glose_fr::person_title(key) {
        bits |= L_TITLE;
    }
    if glose_fr::org_head(key) {
        bits |= L_ORG_HEAD;
    }
    if glose_fr::noun_of_place(key) || glose_fr::place_cue(key).is_some() {
        bits |= L_PLACE_NOUN;
    }
    if glose_fr::function_word(key) {
        bits |= L_FUNCTION;
    }
    if glose_fr::name_particle(key) {
        bits |= L_PARTICLE;
    }
    if glose_fr::speech_verb(key) {
        bits |= L_SPEECH;
    }
    if glose_fr::month(key).is_some() || glose_fr::weekday(key).is_some() {
        bits |= L_TIME;
    }
    if glose_fr::geographic_noun(key) {
        bits |= L_GEO;
    }
    bits
}

/// The shape of a word (`Xxxx`, `XX`, `dd`, `Xx-Xx`: upper, lower, digit, other, with
/// runs longer than three cut) and its short shape (runs collapsed), hashed.
fn shapes(word: &str) -> (u64, u64) {
    let mut full = [0u8; 24];
    let mut short = [0u8; 12];
    let (mut nf, mut ns) = (0, 0);
    let mut run = 0;
    let mut last = 0u8;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            if ns < short.len() {
                short[ns] = s;
                ns += 1;
            }
        }
        if run <= 3 && nf < full.len() {
            full[nf] = s;
            nf += 1;
        }
        last = s;
    }
    (hash_bytes(&full[..nf]), hash_bytes(&short[..ns]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_bio() {
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
        assert!(allowed(Some(4), 0));
        assert_eq!(tag_label(5), Some((Label::LOC, true)));
        assert_eq!(tag_label(4), Some((Label::ORG, false)));
    }

    #[test]
    fn shapes_tell_case_and_digits() {
        assert_eq!(shapes("Lyon"), shapes("Nice"));
        assert_ne!(shapes("Lyon").0, shapes("LYON").0);
        assert_eq!(shapes("Saint-Denis").1, shapes("Aix-Provence").1);
        assert_ne!(shapes("A380").1, shapes("Air").1);
    }
}
