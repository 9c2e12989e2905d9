#![doc = include_str!("../README.md")]

mod skeleton;

use foldhash::{HashMap, HashMapExt};
use std::sync::{Arc, RwLock};

use glose_core::kb::KnowledgeBase;
use glose_core::{Annotation, Diagnostic, EntityId, Severity, TextEdit};
use glose_sdk::{DocumentView, Label, Plugin, TagError, TagOutput, Tagger};

pub use skeleton::skeleton;

/// The name of this tagger.
pub const NAME: &str = "variants";

/// What this tagger does, in Markdown (its README).
pub const DOCS: &str = include_str!("../README.md");

/// Skeletons shorter than this are never merged.
const MIN_SKELETON: usize = 4;

const LABELS: [Label; 3] = Label::NAMES;

/// The `variants` tagger.
#[derive(Debug)]
pub struct Variants {
    kb: Arc<KnowledgeBase>,
    /// (label, skeleton) → the KB entity, or `None` when two entities share it.
    known: HashMap<(Label, String), Option<usize>>,
    /// (label, skeleton) → spelling → count, over the corpus.
    corpus: RwLock<HashMap<(Label, String), HashMap<String, u32>>>,
}

impl Variants {
    pub fn new(kb: Arc<KnowledgeBase>) -> Self {
        let mut known: HashMap<(Label, String), Option<usize>> = HashMap::new();
        for (i, entity) in kb.entities().iter().enumerate() {
            for name in entity.names() {
                let s = skeleton(name);
                if s.len() < MIN_SKELETON {
                    continue;
                }
                known
                    .entry((entity.label, s))
                    .and_modify(|e| {
                        if *e != Some(i) {
                            *e = None;
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        Variants {
            kb,
            known,
            corpus: RwLock::default(),
        }
    }

    /// The names no KB linked: (annotation, skeleton).
    fn unlinked<'a>(
        doc: &'a DocumentView<'_>,
    ) -> impl Iterator<Item = (&'a Annotation, String)> + 'a {
        let text = doc.text();
        doc.annotations
            .iter()
            .filter(|a| a.entity.is_none() && LABELS.contains(&a.label))
            .map(move |a| (a, skeleton(a.text(text))))
            .filter(|(_, s)| s.len() >= MIN_SKELETON)
    }
}

/// The configuration of the tagger loaded as a plugin: the KB it links to, read as the
/// gazetteer reads it.
pub use glose_gazetteer::Config;

impl Plugin for Variants {
    type Config = Config;
    const NAME: &'static str = NAME;
    const DESCRIPTION: &'static str =
        "Links the spellings of one name (transliterations, case, accents) to one entity.";

    fn new(config: Config) -> Result<Self, String> {
        let gazetteer = <glose_gazetteer::Gazetteer as Plugin>::new(config)?;
        Ok(Variants::new(gazetteer.kb().clone()))
    }
}

#[cfg(feature = "plugin")]
glose_sdk::export_tagger!(Variants);

impl Tagger for Variants {
    glose_sdk::tagger_identity!(requires: LABELS, provides: LABELS, observes);

    fn observe(&self, doc: &DocumentView<'_>) {
        let text = doc.text();
        let seen: Vec<((Label, String), String)> = Self::unlinked(doc)
            .filter(|(a, s)| !self.known.contains_key(&(a.label, s.clone())))
            .map(|(a, s)| ((a.label, s), a.text(text).to_owned()))
            .collect();
        if seen.is_empty() {
            return;
        }
        let mut corpus = self.corpus.write().unwrap_or_else(|p| p.into_inner());
        for (k, spelling) in seen {
            let n = corpus.entry(k).or_default().entry(spelling).or_default();
            *n = n.saturating_add(1);
        }
    }

    fn digest(&self, digest: &mut glose_core::digest::Digest) {
        self.kb.digest(digest);
    }

    fn learned(&self) -> Option<glose_core::Tally> {
        let corpus = self.corpus.read().unwrap_or_else(|p| p.into_inner());
        let mut tally = glose_core::Tally::new();
        for ((label, skeleton), spellings) in corpus.iter() {
            let key = format!("{label}:{skeleton}");
            for (spelling, &n) in spellings {
                tally.add(&key, spelling, u64::from(n));
            }
        }
        Some(tally)
    }

    fn load_learned(&self, tally: &glose_core::Tally) -> Result<(), String> {
        let mut corpus: HashMap<(Label, String), HashMap<String, u32>> = HashMap::default();
        for (key, spellings) in tally.iter() {
            let (label, skeleton) = key
                .split_once(':')
                .filter(|(l, _)| Label::is_valid_name(l))
                .ok_or_else(|| format!("`{key}` is not LABEL:skeleton"))?;
            let counts = spellings
                .iter()
                .map(|(s, n)| (s.to_owned(), u32::try_from(n).unwrap_or(u32::MAX)))
                .collect();
            corpus.insert((Label::new(label), skeleton.to_owned()), counts);
        }
        *self.corpus.write().unwrap_or_else(|p| p.into_inner()) = corpus;
        Ok(())
    }

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let text = doc.text();
        let mut out = TagOutput::new();
        // Spellings in this article, for names the corpus pass did not see.
        let mut local: HashMap<(Label, String), HashMap<String, u32>> = HashMap::new();
        for (a, s) in Self::unlinked(doc) {
            *local
                .entry((a.label, s))
                .or_default()
                .entry(a.text(text).to_owned())
                .or_default() += 1;
        }
        // During the corpus pass the counts are still incomplete: not used.
        let empty = HashMap::new();
        let guard = self.corpus.read().unwrap_or_else(|p| p.into_inner());
        let corpus = if doc.is_observing() { &empty } else { &*guard };
        for (a, s) in Self::unlinked(doc) {
            let written = a.text(text);
            let k = (a.label, s);
            // A variant of a knowledge-base name.
            if let Some(&Some(i)) = self.known.get(&k) {
                let entity = &self.kb.entities()[i];
                out.annotations.push(
                    Annotation::new(a.span, a.label)
                        .with_entity(entity.id.clone())
                        .with_confidence(a.confidence)
                        .with_attr("canonical", entity.name.clone()),
                );
                if !entity.names().any(|n| n == written) {
                    out.diagnostics
                        .push(hint(a, written, &entity.name, entity.id.as_str()));
                }
                continue;
            }
            // Spellings of a name no list knows: the most frequent one names the entity.
            let spellings = corpus
                .get(&k)
                .filter(|m| m.len() > 1)
                .or_else(|| local.get(&k).filter(|m| m.len() > 1));
            let Some(spellings) = spellings else { continue };
            let canonical = spellings
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            let entity = EntityId::derived(a.label, &canonical);
            out.annotations.push(
                Annotation::new(a.span, a.label)
                    .with_entity(entity.clone())
                    .with_confidence(a.confidence)
                    .with_attr("canonical", canonical.clone()),
            );
            if written != canonical {
                out.diagnostics
                    .push(hint(a, written, &canonical, entity.as_str()));
            }
        }
        Ok(out)
    }
}

fn hint(a: &Annotation, written: &str, canonical: &str, entity: &str) -> Diagnostic {
    Diagnostic::new(
        a.span,
        Severity::Hint,
        "variant-spelling",
        format!("«{written}» is a variant of «{canonical}» ({entity})"),
    )
    .with_fix(
        format!("Write «{canonical}»"),
        vec![TextEdit {
            span: a.span,
            new_text: canonical.to_owned(),
        }],
    )
}

#[cfg(test)]
mod tests;
