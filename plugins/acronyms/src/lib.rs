#![doc = include_str!("../README.md")]

use foldhash::{HashMap, HashMapExt};
use std::sync::RwLock;

use glose_core::text::{Token, TokenKind};
use glose_core::{Annotation, AnnotationStore, Document, EntityId};
use glose_fr::key;
use glose_sdk::{DocumentView, Label, TagError, TagOutput, Tagger};

/// The name of this tagger.
pub const NAME: &str = "acronyms";

/// What this tagger does, in Markdown (its README).
pub const DOCS: &str = include_str!("../README.md");

/// What an acronym stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub label: Label,
    pub entity: EntityId,
    pub expansion: String,
}

impl Definition {
    /// As a value of the tally of what the corpus defines: `["LABEL","entity","expansion"]`.
    fn encode(&self) -> String {
        serde_json::to_string(&(self.label.as_str(), self.entity.as_str(), &self.expansion))
            .unwrap_or_default()
    }

    fn decode(value: &str) -> Result<Definition, String> {
        let (label, entity, expansion): (String, String, String) = serde_json::from_str(value)
            .map_err(|_| format!("`{value}` is not a definition [label, entity, expansion]"))?;
        if !Label::is_valid_name(&label) {
            return Err(format!("`{label}` is not a label"));
        }
        Ok(Definition {
            label: Label::new(&label),
            entity: EntityId::new(&entity),
            expansion,
        })
    }
}

/// The definition the corpus gives an acronym: none when two articles define it as
/// different entities; of one entity written two ways, the smaller spelling (so that
/// neither the order the articles were seen in nor how the corpus was split matters).
fn agreed(definitions: &[(Definition, u64)]) -> Option<&Definition> {
    let (first, _) = definitions.first()?;
    if definitions.iter().any(|(d, _)| d.entity != first.entity) {
        return None;
    }
    definitions
        .iter()
        .map(|(d, _)| d)
        .min_by(|a, b| (&a.expansion, a.label.as_str()).cmp(&(&b.expansion, b.label.as_str())))
}

/// The `acronyms` tagger.
#[derive(Debug, Default)]
pub struct Acronyms {
    /// Acronyms defined in the corpus, with every definition seen and how often.
    corpus: RwLock<HashMap<String, Vec<(Definition, u64)>>>,
}

glose_sdk::plugin!(
    Acronyms,
    NAME,
    "Links acronyms defined in parentheses to the names they stand for, in the article and the corpus."
);

#[cfg(feature = "plugin")]
glose_sdk::export_tagger!(Acronyms);

impl Tagger for Acronyms {
    glose_sdk::tagger_identity!(requires: Label::NAMES, provides: Label::NAMES, observes);

    fn observe(&self, doc: &DocumentView<'_>) {
        let defined = definitions(doc.document, doc.annotations);
        if defined.is_empty() {
            return;
        }
        let mut corpus = self.corpus.write().unwrap_or_else(|p| p.into_inner());
        for (acronym, definition) in defined {
            let seen = corpus.entry(acronym).or_default();
            match seen.iter_mut().find(|(d, _)| *d == definition) {
                Some((_, n)) => *n = n.saturating_add(1),
                None => seen.push((definition, 1)),
            }
        }
    }

    fn learned(&self) -> Option<glose_core::Tally> {
        let corpus = self.corpus.read().unwrap_or_else(|p| p.into_inner());
        let mut tally = glose_core::Tally::new();
        for (acronym, definitions) in corpus.iter() {
            for (d, n) in definitions {
                tally.add(acronym, &d.encode(), *n);
            }
        }
        Some(tally)
    }

    fn load_learned(&self, tally: &glose_core::Tally) -> Result<(), String> {
        let mut corpus = HashMap::new();
        for (acronym, values) in tally.iter() {
            let definitions = values
                .iter()
                .map(|(v, n)| Ok((Definition::decode(v)?, n)))
                .collect::<Result<Vec<_>, String>>()?;
            corpus.insert(acronym.to_owned(), definitions);
        }
        *self.corpus.write().unwrap_or_else(|p| p.into_inner()) = corpus;
        Ok(())
    }

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let document = doc.document;
        let text = document.text();
        // The article's own definitions first, then the corpus's (looked up, not
        // copied: the corpus may know thousands).
        let local = definitions(document, doc.annotations);
        // During the corpus pass what the corpus defines is still incomplete: not used.
        let empty = HashMap::new();
        let guard = self.corpus.read().unwrap_or_else(|p| p.into_inner());
        let corpus = if doc.is_observing() { &empty } else { &*guard };
        let mut out = TagOutput::new();
        if local.is_empty() && corpus.is_empty() {
            return Ok(out);
        }
        let tokens = document.tokens();
        for (i, t) in tokens.iter().enumerate().skip(document.first_body_token()) {
            if !(t.kind == TokenKind::Word && t.has(Token::ALL_CAPS)) {
                continue;
            }
            // Whole words only: not `FDS` in `FDS-X` or `X-FDS`.
            let glue = |n: &Token| n.kind == TokenKind::Word || n.is_punct(text, '-');
            let after = tokens
                .get(i + 1)
                .is_some_and(|n| n.is_attached() && glue(n));
            let before = i > 0 && t.is_attached() && glue(&tokens[i - 1]);
            if after || before {
                continue;
            }
            let acronym = t.text(text);
            let known = local
                .get(acronym)
                .or_else(|| corpus.get(acronym).and_then(|d| agreed(d)));
            if let Some(d) = known {
                out.annotations.push(
                    Annotation::new(t.span(), d.label)
                        .with_entity(d.entity.clone())
                        .with_attr("expansion", d.expansion.clone()),
                );
            }
        }
        Ok(out)
    }
}

/// The acronyms a document defines: `LONG NAME (ACRONYM)` or `ACRONYM (LONG NAME)`, where
/// the long name is an annotation of an earlier tagger and the acronym's letters are its
/// initials.
pub fn definitions(
    document: &Document,
    annotations: &AnnotationStore,
) -> HashMap<String, Definition> {
    let text = document.text();
    let tokens = document.tokens();
    let mut found = HashMap::new();
    let names: Vec<&Annotation> = annotations
        .iter()
        .filter(|a| Label::NAMES.contains(&a.label) && !a.span.is_empty())
        .collect();
    // The longest name ending at each offset (the later one in store order on a tie).
    let mut by_end: HashMap<usize, (usize, usize)> = HashMap::new();
    for (n, a) in names.iter().enumerate() {
        let e = by_end.entry(a.span.end).or_insert((a.span.len(), n));
        if a.span.len() >= e.0 {
            *e = (a.span.len(), n);
        }
    }
    for (i, t) in tokens.iter().enumerate() {
        if !t.is_punct(text, '(') {
            continue;
        }
        let (Some(inner), Some(close)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
            continue;
        };
        // `LONG (ACR)`.
        if inner.kind == TokenKind::Word && inner.has(Token::ALL_CAPS) && close.is_punct(text, ')')
        {
            let acronym = inner.text(text);
            // Names ending right before the parenthesis, spaces aside.
            let paren = t.start as usize;
            let gap = text[..paren].len() - text[..paren].trim_end().len();
            let long = (paren - gap..=paren)
                .filter_map(|end| by_end.get(&end))
                .max()
                .map(|&(_, n)| names[n]);
            if let Some(long) = long
                && long.text(text) != acronym
                && initials_match(long.text(text), acronym)
            {
                found.insert(acronym.to_owned(), definition(long, text));
            }
        }
        // `ACR (LONG)`.
        if i >= 1 {
            let before = &tokens[i - 1];
            if before.kind == TokenKind::Word && before.has(Token::ALL_CAPS) {
                let acronym = before.text(text);
                let first = names.partition_point(|a| a.span.start < inner.start as usize);
                let long = names[first..]
                    .iter()
                    .take_while(|a| a.span.start == inner.start as usize)
                    .filter(|a| text[a.span.end..].trim_start().starts_with(')'))
                    .max_by_key(|a| a.span.len());
                if let Some(long) = long
                    && initials_match(long.text(text), acronym)
                {
                    found.insert(acronym.to_owned(), definition(long, text));
                }
            }
        }
    }
    found
}

fn definition(long: &Annotation, text: &str) -> Definition {
    let expansion = long.text(text).to_owned();
    Definition {
        label: long.label,
        entity: long
            .entity
            .clone()
            .unwrap_or_else(|| EntityId::derived(long.label, &expansion)),
        expansion,
    }
}

/// Whether the letters of `acronym` are, in order, the initials of the words of `long`
/// (articles and prepositions may be skipped, and at most one other word).
pub fn initials_match(long: &str, acronym: &str) -> bool {
    let words: Vec<_> = long
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(key)
        .collect();
    glose_fr::initials_match(words.iter().map(|k| k.as_str()), acronym)
}

#[cfg(test)]
mod tests;
