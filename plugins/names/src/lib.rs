#![doc = include_str!("../README.md")]

mod chunks;
mod evidence;
mod memory;
mod orgs;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::OnceLock;

use glose_core::text::Token;
use glose_core::{Annotation, AnnotationStore, Document};
use glose_fr::key;
use glose_sdk::{DocumentView, Label, TagError, TagOutput, Tagger};

pub use memory::Memory;

/// The name of this tagger.
pub const NAME: &str = "names";

/// What this tagger does, in Markdown (its README).
pub const DOCS: &str = include_str!("../README.md");

/// Given names, one per line (see `data/SOURCES.md`).
const GIVEN_NAMES: &str = include_str!("../data/given-names.txt");

/// The folded keys of the given-name list.
fn given_names() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        GIVEN_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| key(l).as_str().to_owned())
            .filter(|k| !k.is_empty())
            .collect()
    })
}

/// How sure the tagger is of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Strength {
    /// A cue that is often right (`à X` for a place).
    Weak,
    /// A cue that is nearly always right (`le général X`, `le village de X`).
    Strong,
}

impl Strength {
    fn confidence(self) -> f32 {
        match self {
            Strength::Weak => 0.6,
            Strength::Strong => 0.85,
        }
    }
}

/// The `names` tagger.
#[derive(Debug, Default)]
pub struct Names {
    memory: Memory,
}

glose_sdk::plugin!(
    Names,
    NAME,
    "Tags people, organisations and places that no list knows, from evidence in the text."
);

#[cfg(feature = "plugin")]
glose_sdk::export_tagger!(Names);

impl Names {
    /// The corpus memory: names typed by strong evidence in some article, used for
    /// the same names elsewhere ("one sense per corpus").
    pub fn memory(&self) -> &Memory {
        &self.memory
    }
}

impl Tagger for Names {
    glose_sdk::tagger_identity!(requires: Label::NAMES, provides: Label::NAMES, observes);

    fn observe(&self, doc: &DocumentView<'_>) {
        let found = analyse(doc.document, doc.annotations, &Memory::default());
        self.memory.learn(
            found
                .iter()
                .filter(|f| f.strength == Strength::Strong)
                .map(|f| (f.key.as_str(), f.label)),
        );
    }

    fn learned(&self) -> Option<glose_core::Tally> {
        Some(self.memory.tally())
    }

    fn load_learned(&self, tally: &glose_core::Tally) -> Result<(), String> {
        self.memory.load(tally)
    }

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let mut out = TagOutput::new();
        // During the corpus pass the memory is still being filled: not used.
        let empty = Memory::default();
        let memory = if doc.is_observing() {
            &empty
        } else {
            &self.memory
        };
        for f in analyse(doc.document, doc.annotations, memory) {
            out.annotations.push(
                Annotation::new(f.span, f.label)
                    .with_confidence(f.strength.confidence())
                    .with_attr("evidence", f.evidence),
            );
        }
        Ok(out)
    }
}

/// A name found and typed.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub(crate) span: std::ops::Range<usize>,
    pub(crate) label: Label,
    pub(crate) strength: Strength,
    /// What typed it: `title`, `given-name`, `place-cue`, `org-head`… or `same-text`,
    /// `surname`, `corpus` when it took the type of another mention.
    pub(crate) evidence: &'static str,
    /// The folded text, for propagation.
    pub(crate) key: String,
}

/// What the analysis works on.
pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    pub(crate) keys: &'a glose_core::text::TokenKeys,
    /// The label of the earlier annotation covering each token, if any.
    pub(crate) covered: Vec<Option<Label>>,
    pub(crate) first: usize,
}

impl<'a> Ctx<'a> {
    /// The folded key of token `i` (empty for punctuation and past the end).
    pub(crate) fn key(&self, i: usize) -> &'a str {
        self.keys.get(i)
    }

    pub(crate) fn is(&self, i: usize, word: &str) -> bool {
        self.key(i) == word
    }

    pub(crate) fn punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(self.text, c))
    }

    pub(crate) fn apostrophe(&self, i: usize) -> bool {
        self.punct(i, '\'') || self.punct(i, '’')
    }

    /// Whether token `i` starts a sentence (or a line, or a quotation).
    pub(crate) fn sentence_start(&self, i: usize) -> bool {
        if i <= self.first || self.tokens[i].has(Token::LINE_BEFORE) {
            return true;
        }
        let prev = self.tokens[i - 1].text(self.text);
        matches!(
            prev,
            "." | "!" | "?" | "«" | "\"" | "“" | ":" | "…" | "—" | "–"
        ) || (prev == "»" && i >= 2 && self.tokens[i - 2].text(self.text) == ".")
    }

    fn span(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.tokens[start].start as usize..self.tokens[end - 1].end as usize
    }
}

/// Finds and types the names of a document no earlier tagger annotated.
pub(crate) fn analyse(
    document: &Document,
    annotations: &AnnotationStore,
    memory: &Memory,
) -> Vec<Found> {
    let text = document.text();
    let tokens = document.tokens();
    let mut covered = vec![None; tokens.len()];
    // Mark the tokens of earlier names (two pointers over sorted lists).
    let mut t = 0;
    for a in annotations
        .iter()
        .filter(|a| Label::NAMES.contains(&a.label))
    {
        while t < tokens.len() && (tokens[t].end as usize) <= a.span.start {
            t += 1;
        }
        let mut u = t;
        while u < tokens.len() && (tokens[u].start as usize) < a.span.end {
            covered[u] = Some(a.label);
            u += 1;
        }
    }
    let ctx = Ctx {
        text,
        tokens,
        keys: document.keys(),
        covered,
        first: document.first_body_token(),
    };
    let mut chunks = chunks::find(&ctx);
    // The outlet line that opens some articles names a medium.
    let source = source_line(document, &ctx);
    if let Some((start, end)) = source {
        chunks.retain(|c| c.end <= start || c.start >= end);
    }
    // Type each chunk from its own evidence.
    let mut typed: Vec<(chunks::Chunk, evidence::Typing)> = chunks
        .into_iter()
        .map(|chunk| {
            let (chunk, typing) = evidence::classify(&ctx, chunk);
            (chunk, typing)
        })
        .collect();
    // One sense per document: an untyped chunk takes the type of the same name typed
    // elsewhere in the article, and a lone surname the type of the person it ends.
    let mut by_key: HashMap<String, (Label, Strength)> = HashMap::new();
    let mut surnames: HashMap<&str, Label> = HashMap::new();
    for (chunk, typing) in &typed {
        if let Some((label, strength, _)) = typing {
            let k = chunk.key(&ctx);
            // `Le Courrier du Levant` also types `Courrier du Levant`.
            let bare = ["le ", "la ", "les ", "l "]
                .iter()
                .find_map(|a| k.strip_prefix(a))
                .map(str::to_owned);
            for k in std::iter::once(k).chain(bare) {
                let entry = by_key.entry(k).or_insert((*label, *strength));
                if strength > &entry.1 {
                    *entry = (*label, *strength);
                }
            }
            if *label == Label::PER && chunk.end - chunk.start >= 2 {
                surnames.insert(chunk.last_part_key(&ctx), Label::PER);
            }
        }
    }
    // `de Chtaura et de Zahlé`, `entre Ouallam et Banibangou`: names coordinated with
    // a place are places.
    coordinated_places(&ctx, &mut typed);
    // `Béziers (Hérault)`: a name in parentheses right after a place is a place.
    for n in 1..typed.len() {
        let (prev, rest) = typed.split_at_mut(n);
        let (p, p_typing) = &prev[n - 1];
        let (c, c_typing) = &mut rest[0];
        if c_typing.is_none()
            && !c.all_caps
            && matches!(p_typing, Some((Label::LOC, _, _)))
            && p.end + 1 == c.start
            && ctx.punct(p.end, '(')
            && ctx.punct(c.end, ')')
        {
            *c_typing = Some((Label::LOC, Strength::Strong, "place-in-parentheses"));
        }
    }
    for (chunk, typing) in &mut typed {
        if typing.is_some() {
            continue;
        }
        let k = chunk.key(&ctx);
        if let Some(&(label, _)) = by_key.get(&k) {
            *typing = Some((label, Strength::Weak, "same-text"));
        } else if let Some(&label) = surnames.get(k.as_str()) {
            *typing = Some((label, Strength::Weak, "surname"));
        } else if let Some(label) = memory.recall(&k) {
            *typing = Some((label, Strength::Weak, "corpus"));
        }
    }
    let mut found: Vec<Found> = Vec::new();
    let source_found = source.map(|(start, end)| Found {
        span: ctx.span(start, end),
        label: Label::ORG,
        strength: Strength::Strong,
        evidence: "source-line",
        key: chunks::key_of(&ctx, start, end),
    });
    found.extend(source_found.into_iter().chain(typed.into_iter().filter_map(
        |(chunk, typing)| {
            let (label, strength, evidence) = typing?;
            // A lone word opening a sentence needs more than a weak cue of its own.
            if chunk.sentence_start
                && chunk.len() == 1
                && strength == Strength::Weak
                && !borrowed(evidence)
            {
                return None;
            }
            Some(Found {
                span: ctx.span(chunk.start, chunk.end),
                label,
                strength,
                evidence,
                key: chunk.key(&ctx),
            })
        },
    )));
    extend_known_orgs(&ctx, &mut found);
    repeat_mentions(&ctx, &mut found);
    found
}

/// Organisations an earlier tagger found by a shorter name whose head is a generic noun
/// (`Armée nationale`, `Croissant-Rouge`): the adjectives and complements that follow
/// belong to the name (`Armée nationale libyenne`, `Croissant-Rouge libyen`).
fn extend_known_orgs(ctx: &Ctx<'_>, found: &mut Vec<Found>) {
    let mut i = ctx.first;
    while i < ctx.tokens.len() {
        if ctx.covered[i] != Some(Label::ORG) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < ctx.tokens.len()
            && ctx.covered[end] == Some(Label::ORG)
            && !ctx.tokens[end].has(Token::LINE_BEFORE)
        {
            end += 1;
        }
        if glose_fr::org_head(ctx.key(i)) {
            let chunk = chunks::Chunk {
                start: i,
                end,
                sentence_start: false,
                all_caps: false,
            };
            let grown = orgs::extend(ctx, &chunk);
            if grown.end > end {
                found.push(Found {
                    span: ctx.span(grown.start, grown.end),
                    label: Label::ORG,
                    strength: Strength::Weak,
                    evidence: "org-extension",
                    key: grown.key(ctx),
                });
            }
        }
        i = end;
    }
}

/// Other mentions of a name of several words typed by strong evidence, found by their
/// words even where an earlier tagger took a part of them (`Courrier du Levant`, where
/// `Levant` alone is a region): the longer name wins when layers are resolved.
fn repeat_mentions(ctx: &Ctx<'_>, found: &mut Vec<Found>) {
    let tokens = ctx.tokens;
    // Where names already are, by start, to find overlaps in logarithmic time.
    let mut spans: Vec<(usize, usize)> = found.iter().map(|g| (g.span.start, g.span.end)).collect();
    spans.sort_unstable();
    let mut added: std::collections::BTreeSet<(usize, usize)> = std::collections::BTreeSet::new();
    let mut longest = spans.iter().map(|&(s, e)| e - s).max().unwrap_or(0);
    // Whether a name at least as long as `span` overlaps it.
    let taken = |spans: &[(usize, usize)],
                 added: &std::collections::BTreeSet<(usize, usize)>,
                 longest: usize,
                 span: &std::ops::Range<usize>| {
        let low = span.start.saturating_sub(longest);
        let hit = |&(s, e): &(usize, usize)| s < span.end && span.start < e && e - s >= span.len();
        let from = spans.partition_point(|&(s, _)| s < low);
        spans[from..]
            .iter()
            .take_while(|&&(s, _)| s < span.end)
            .any(hit)
            || added.range((low, 0)..(span.end, 0)).any(hit)
    };
    // A repeat starts with a capital: those tokens, by their first word.
    let mut by_first: Option<HashMap<&str, Vec<usize>>> = None;
    let mut done: HashSet<Vec<&str>> = HashSet::new();
    let mut extra = Vec::new();
    for f in found.iter().filter(|f| f.strength == Strength::Strong) {
        let first = tokens.partition_point(|t| (t.start as usize) < f.span.start);
        let last = tokens.partition_point(|t| (t.end as usize) <= f.span.end);
        let words: Vec<&str> = (first..last).map(|i| ctx.key(i)).collect();
        let mut words = &words[..];
        // Without its article: `Le Courrier du Levant` → `Courrier du Levant`.
        if words
            .first()
            .is_some_and(|w| matches!(*w, "le" | "la" | "les"))
        {
            words = &words[1..];
        }
        if words.len() < 2 || words.iter().any(|w| w.is_empty()) {
            continue;
        }
        // The same words typed again by other evidence find nothing more.
        if !done.insert(words.to_vec()) {
            continue;
        }
        let n = words.len();
        let by_first = by_first.get_or_insert_with(|| {
            let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
            for i in (ctx.first..tokens.len()).filter(|&i| tokens[i].is_capitalized()) {
                map.entry(ctx.key(i)).or_default().push(i);
            }
            map
        });
        // The next token a repeat may start at (after the last one found).
        let mut next = ctx.first;
        for &i in by_first.get(words[0]).into_iter().flatten() {
            if i < next {
                continue;
            }
            if i + n > tokens.len() {
                break;
            }
            let here = (1..n).all(|k| ctx.key(i + k) == words[k]);
            let own = tokens[i].start as usize >= f.span.start
                && (tokens[i + n - 1].end as usize) <= f.span.end;
            if here && !own {
                let span = tokens[i].start as usize..tokens[i + n - 1].end as usize;
                if !taken(&spans, &added, longest, &span) {
                    added.insert((span.start, span.end));
                    longest = longest.max(span.len());
                    extra.push(Found {
                        span,
                        label: f.label,
                        strength: Strength::Weak,
                        evidence: "same-text",
                        key: f.key.clone(),
                    });
                }
                next = i + n;
            }
        }
    }
    found.extend(extra);
}

/// The tokens of the outlet line (`BFMTV`, `Le Courrier du Levant`), if the document
/// has one and no earlier tagger annotated it.
fn source_line(document: &Document, ctx: &Ctx<'_>) -> Option<(usize, usize)> {
    let source = document.meta().source.as_deref()?;
    let start = ctx.first;
    let mut end = start;
    while end < ctx.tokens.len() && (end == start || !ctx.tokens[end].has(Token::LINE_BEFORE)) {
        end += 1;
    }
    let span =
        ctx.tokens.get(start)?.start as usize..ctx.tokens.get(end.checked_sub(1)?)?.end as usize;
    (end > start && &ctx.text[span] == source).then_some((start, end))
}

/// Types as places the untyped chunks coordinated (`X et Y`, `X, Y et Z`, `de X et de
/// Y`) with a place, and both sides of `entre X et Y`.
fn coordinated_places(ctx: &Ctx<'_>, typed: &mut [(chunks::Chunk, evidence::Typing)]) {
    // Where the places typed here start and end, by token (kept up to date as more
    // chunks become places).
    let n_tokens = ctx.tokens.len() + 1;
    let mut starts = vec![false; n_tokens];
    let mut ends = vec![false; n_tokens];
    let mark = |c: &chunks::Chunk, starts: &mut [bool], ends: &mut [bool]| {
        starts[c.start] = true;
        ends[c.end - 1] = true;
    };
    for (c, t) in typed.iter() {
        if matches!(t, Some((Label::LOC, _, _))) {
            mark(c, &mut starts, &mut ends);
        }
    }
    // A place (typed here or by an earlier tagger) starts at `i` (`forward`) or ends
    // with token `i`.
    let place_at = |starts: &[bool], ends: &[bool], i: usize, forward: bool| -> bool {
        ctx.covered.get(i) == Some(&Some(Label::LOC))
            || if forward { starts.get(i) } else { ends.get(i) } == Some(&true)
    };
    for n in 0..typed.len() {
        if typed[n].1.is_some() || typed[n].0.all_caps {
            continue;
        }
        let (s, e) = (typed[n].0.start, typed[n].0.end);
        // After: `X et (de) Y`, `X, Y`.
        let mut after = e;
        let linked_after = if ctx.is(after, "et") || ctx.is(after, "ou") || ctx.punct(after, ',') {
            after += 1;
            if ctx.is(after, "de") || ctx.is(after, "a") {
                after += 1;
            } else if ctx.is(after, "d") && ctx.apostrophe(after + 1) {
                after += 2;
            }
            place_at(&starts, &ends, after, true)
        } else {
            false
        };
        // Before: `Y et (de) X`.
        let mut before = s;
        if before >= 1 && (ctx.is(before - 1, "de") || ctx.is(before - 1, "a")) {
            before -= 1;
        } else if before >= 2 && ctx.apostrophe(before - 1) && ctx.is(before - 2, "d") {
            before -= 2;
        }
        let linked_before = before >= 2
            && (ctx.is(before - 1, "et") || ctx.is(before - 1, "ou") || ctx.punct(before - 1, ','))
            && place_at(&starts, &ends, before - 2, false);
        // `entre X et Y`.
        let between = s >= 1 && ctx.is(s - 1, "entre") && ctx.is(e, "et");
        if linked_after || linked_before || between {
            typed[n].1 = Some((Label::LOC, Strength::Weak, "coordinated-place"));
            mark(&typed[n].0, &mut starts, &mut ends);
            if between
                && let Some(next) = typed.iter_mut().find(|(c, _)| c.start == e + 1)
                && next.1.is_none()
            {
                next.1 = Some((Label::LOC, Strength::Weak, "coordinated-place"));
                mark(&next.0, &mut starts, &mut ends);
            }
        }
    }
}

/// Evidence borrowed from another mention of the name.
fn borrowed(evidence: &str) -> bool {
    matches!(evidence, "same-text" | "surname" | "corpus")
}

#[cfg(test)]
mod tests;
