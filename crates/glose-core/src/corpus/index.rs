//! The corpus index: for every entity, its mentions across the documents of a corpus,
//! and what they add up to (mentions, documents, first and last dates, first mention).
//! `glose annotate`'s summary, `glose report` and the language server all count with it;
//! the server inserts, replaces and removes documents as their files change.
//!
//! **What an entity is.** A mention is an annotation whose label names something
//! ([`Label::is_entity`]): `PER`, `ORG`, `LOC`, `MISC` and the labels of plugins and rule
//! files, not `DATE`, `QUANTITY` or `QUOTE`. It is indexed under its KB id when it has
//! one, else under an id derived from its label and folded text (`~per:abou-khaled`), so
//! that names no KB knows are counted and found too ([`entity_key`]).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::annotation::{Annotation, EntityId, Label, Span};
use crate::document::{Document, YearMonth};

/// Index of a document in a [`CorpusIndex`]: given when its path is first inserted, kept
/// when the document is replaced.
pub type DocId = u32;

/// One mention of an entity: a name in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The entity, as [`entity_key`] keys it.
    pub entity: EntityId,
    pub span: Span,
    pub label: Label,
    /// The name as written.
    pub text: Box<str>,
}

impl Mention {
    /// The mention `annotation` makes in the document `text`, if it names an entity.
    pub fn of(annotation: &Annotation, text: &str) -> Option<Mention> {
        Some(Mention {
            entity: entity_key(annotation, text)?,
            span: annotation.span,
            label: annotation.label,
            text: annotation.text(text).into(),
        })
    }
}

/// The id a mention is indexed under: its KB entity, else an id derived from its label
/// and folded text. `None` for annotations that do not name an entity (dates,
/// quantities, quotes: see [`Label::is_entity`]), linked or not.
pub fn entity_key(annotation: &Annotation, text: &str) -> Option<EntityId> {
    if !annotation.label.is_entity() {
        return None;
    }
    Some(match &annotation.entity {
        Some(id) => id.clone(),
        None => EntityId::derived(annotation.label, annotation.text(text)),
    })
}

/// Figures about one entity across the corpus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntityStats {
    pub mentions: usize,
    pub documents: usize,
    /// Earliest and latest dates of the dated documents that mention it.
    pub first_date: Option<YearMonth>,
    pub last_date: Option<YearMonth>,
}

/// What one document contributes to the index; computing it needs no access to the
/// index, so documents can be prepared in parallel and inserted one by one.
#[derive(Clone, Debug, Default)]
pub struct DocMentions {
    /// What tells documents apart: inserting a path again replaces its document.
    pub path: PathBuf,
    pub date: Option<YearMonth>,
    /// In the order of the document's annotations (the text's, for the resolved layer).
    pub mentions: Vec<Mention>,
}

impl DocMentions {
    /// The mentions among `annotations` of `document` (pass the resolved layer).
    pub fn new<'a>(
        document: &Document,
        annotations: impl IntoIterator<Item = &'a Annotation>,
    ) -> Self {
        let text = document.text();
        DocMentions {
            path: document.path().into(),
            date: document.meta().date,
            mentions: annotations
                .into_iter()
                .filter_map(|a| Mention::of(a, text))
                .collect(),
        }
    }
}

#[derive(Clone, Debug)]
struct DocEntry {
    path: PathBuf,
    date: Option<YearMonth>,
    mentions: Vec<Mention>,
    /// The entities it mentions, each once, in the order of their first mention.
    entities: Vec<EntityId>,
}

/// The mentions of one entity: by document, the indices of its mentions there (replacing
/// a document touches only its own entry).
#[derive(Clone, Debug, Default)]
struct EntityEntry {
    docs: BTreeMap<DocId, Vec<u32>>,
    /// Mentions in all documents.
    mentions: usize,
}

/// Entity → mentions, over all documents.
#[derive(Clone, Debug, Default)]
pub struct CorpusIndex {
    docs: Vec<Option<DocEntry>>,
    by_path: HashMap<PathBuf, DocId>,
    entities: HashMap<EntityId, EntityEntry>,
}

impl CorpusIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document, replacing any earlier version with the same path (which keeps its
    /// id).
    pub fn insert(&mut self, doc: DocMentions) -> DocId {
        let id = match self.by_path.get(&doc.path) {
            Some(&id) => {
                self.clear_doc(id);
                id
            }
            None => {
                let id = self.docs.len() as DocId;
                self.by_path.insert(doc.path.clone(), id);
                self.docs.push(None);
                id
            }
        };
        let mut entities = Vec::new();
        for (i, m) in doc.mentions.iter().enumerate() {
            let entry = self.entities.entry(m.entity.clone()).or_default();
            let here = entry.docs.entry(id).or_default();
            if here.is_empty() {
                entities.push(m.entity.clone());
            }
            here.push(i as u32);
            entry.mentions += 1;
        }
        self.docs[id as usize] = Some(DocEntry {
            path: doc.path,
            date: doc.date,
            mentions: doc.mentions,
            entities,
        });
        id
    }

    /// Removes a document and its mentions; whether it was there.
    pub fn remove(&mut self, path: &Path) -> bool {
        match self.by_path.remove(path) {
            Some(id) => {
                self.clear_doc(id);
                true
            }
            None => false,
        }
    }

    fn clear_doc(&mut self, id: DocId) {
        let Some(old) = self.docs[id as usize].take() else {
            return;
        };
        for entity in old.entities {
            if let Some(entry) = self.entities.get_mut(&entity)
                && let Some(gone) = entry.docs.remove(&id)
            {
                entry.mentions -= gone.len();
                if entry.docs.is_empty() {
                    self.entities.remove(&entity);
                }
            }
        }
    }

    fn doc(&self, doc: DocId) -> Option<&DocEntry> {
        self.docs.get(doc as usize)?.as_ref()
    }

    /// Number of documents indexed.
    pub fn document_count(&self) -> usize {
        self.by_path.len()
    }

    /// The documents indexed, by id.
    pub fn documents(&self) -> impl Iterator<Item = DocId> {
        (0..self.docs.len() as DocId).filter(|&d| self.doc(d).is_some())
    }

    pub fn doc_id(&self, path: &Path) -> Option<DocId> {
        self.by_path.get(path).copied()
    }

    pub fn doc_path(&self, doc: DocId) -> Option<&Path> {
        Some(&self.doc(doc)?.path)
    }

    pub fn doc_date(&self, doc: DocId) -> Option<YearMonth> {
        self.doc(doc)?.date
    }

    /// The mentions of a document, in the order they were given.
    pub fn doc_mentions(&self, doc: DocId) -> &[Mention] {
        self.doc(doc).map_or(&[], |d| &d.mentions)
    }

    /// The entities a document mentions, each once, in the order of their first mention.
    pub fn doc_entities(&self, doc: DocId) -> &[EntityId] {
        self.doc(doc).map_or(&[], |d| &d.entities)
    }

    /// Number of distinct entities.
    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    /// Every entity with its number of mentions, in no particular order.
    pub fn entities(&self) -> impl Iterator<Item = (&EntityId, usize)> {
        self.entities.iter().map(|(id, e)| (id, e.mentions))
    }

    /// Every entity with its number of mentions, most mentioned first, then by id.
    pub fn ranked(&self) -> Vec<(&EntityId, usize)> {
        let mut all: Vec<(&EntityId, usize)> = self.entities().collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        all
    }

    /// Every mention of an entity with its document: by document, in the order of their
    /// ids (the order their paths were first inserted), then in the document's order.
    pub fn mentions(&self, entity: &str) -> impl Iterator<Item = (DocId, &Mention)> {
        self.entities
            .get(entity)
            .into_iter()
            .flat_map(|e| e.docs.iter())
            .filter_map(|(&id, indices)| Some((id, self.doc(id)?, indices)))
            .flat_map(|(id, doc, indices)| {
                indices
                    .iter()
                    .filter_map(move |&i| Some((id, doc.mentions.get(i as usize)?)))
            })
    }

    /// The label of the entity's first mention (the first of [`CorpusIndex::mentions`]).
    pub fn label(&self, entity: &str) -> Option<Label> {
        Some(self.mentions(entity).next()?.1.label)
    }

    /// Mentions, documents, and the first and last dates of the documents of an entity.
    pub fn stats(&self, entity: &str) -> Option<EntityStats> {
        let e = self.entities.get(entity)?;
        let dates = || e.docs.keys().filter_map(|&d| self.doc_date(d));
        Some(EntityStats {
            mentions: e.mentions,
            documents: e.docs.len(),
            first_date: dates().min(),
            last_date: dates().max(),
        })
    }

    /// The first mention of an entity: in the earliest dated document that mentions it
    /// (undated documents come after dated ones, documents of the same month by path),
    /// the first in the text.
    pub fn first_mention(&self, entity: &str) -> Option<(DocId, &Mention)> {
        let e = self.entities.get(entity)?;
        let (id, doc, indices) = e
            .docs
            .iter()
            .filter_map(|(&id, indices)| Some((id, self.doc(id)?, indices)))
            .min_by(|(_, a, _), (_, b, _)| {
                (a.date.is_none(), a.date)
                    .cmp(&(b.date.is_none(), b.date))
                    .then_with(|| a.path.cmp(&b.path))
            })?;
        let first = indices
            .iter()
            .filter_map(|&i| doc.mentions.get(i as usize))
            .min_by_key(|m| m.span.start)?;
        Some((id, first))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str, anns: &[(&str, Label, Option<&str>)]) -> DocMentions {
        let document = Document::new(path, text).unwrap();
        let annotations = crate::testing::annotate_first(text, anns);
        DocMentions::new(&document, &annotations)
    }

    fn paths<'a>(index: &'a CorpusIndex, entity: &str) -> Vec<&'a str> {
        index
            .mentions(entity)
            .map(|(d, _)| index.doc_path(d).unwrap().to_str().unwrap())
            .collect()
    }

    #[test]
    fn indexes_linked_and_unlinked_names_and_skips_dates() {
        let mut index = CorpusIndex::new();
        index.insert(doc(
            "a.txt",
            " date 2019-03 Karim Haddad à Raqqa, mardi.",
            &[
                ("Karim Haddad", Label::PER, None),
                ("Raqqa", Label::LOC, Some("raqqa")),
                ("mardi", Label::DATE, None),
            ],
        ));
        index.insert(doc(
            "b.txt",
            " date 2018-11 KARIM HADDAD, puis Raqqa et Rakka.",
            &[
                ("KARIM HADDAD", Label::PER, None),
                ("Raqqa", Label::LOC, Some("raqqa")),
                ("Rakka", Label::LOC, Some("raqqa")),
            ],
        ));
        assert_eq!(index.document_count(), 2);
        let raqqa = index.stats("raqqa").unwrap();
        assert_eq!((raqqa.mentions, raqqa.documents), (3, 2));
        assert_eq!(raqqa.first_date.unwrap().to_string(), "2018-11");
        assert_eq!(raqqa.last_date.unwrap().to_string(), "2019-03");
        assert_eq!(paths(&index, "~per:karim-haddad"), ["a.txt", "b.txt"]);
        let texts: Vec<&str> = index.mentions("raqqa").map(|(_, m)| &*m.text).collect();
        assert_eq!(texts, ["Raqqa", "Raqqa", "Rakka"]);
        assert_eq!(index.ranked()[0], (&EntityId::new("raqqa"), 3));
        assert_eq!(index.entity_count(), 2);
        let b = index.doc_id(Path::new("b.txt")).unwrap();
        assert_eq!(
            index.doc_entities(b),
            [EntityId::new("~per:karim-haddad"), EntityId::new("raqqa")]
        );
        assert_eq!(index.doc_mentions(b).len(), 3);
    }

    #[test]
    fn plugin_labels_are_entities_and_values_are_not_even_linked() {
        let text = "#Raqqa, 3 morts, mardi, « vite ».";
        let mut index = CorpusIndex::new();
        index.insert(doc(
            "a.txt",
            text,
            &[
                ("#Raqqa", Label::new("HASHTAG"), None),
                ("3 morts", Label::QUANTITY, Some("raqqa")),
                ("mardi", Label::DATE, Some("mardi")),
                ("« vite »", Label::QUOTE, None),
            ],
        ));
        assert_eq!(index.entity_count(), 1);
        assert_eq!(index.stats("~hashtag:#raqqa").unwrap().mentions, 1);
        assert_eq!(index.label("~hashtag:#raqqa"), Some(Label::new("HASHTAG")));
        assert!(index.stats("raqqa").is_none() && index.stats("mardi").is_none());
    }

    #[test]
    fn replacing_and_removing_a_document() {
        let mut index = CorpusIndex::new();
        let raqqa = |path| doc(path, "Raqqa", &[("Raqqa", Label::LOC, Some("raqqa"))]);
        let a = index.insert(raqqa("a.txt"));
        index.insert(raqqa("b.txt"));
        index.insert(doc("a.txt", "Homs", &[("Homs", Label::LOC, Some("homs"))]));
        assert_eq!(paths(&index, "raqqa"), ["b.txt"]);
        assert_eq!(paths(&index, "homs"), ["a.txt"]);
        // A replaced document keeps its id, and its place before later ones.
        assert_eq!(index.insert(raqqa("a.txt")), a);
        assert_eq!(paths(&index, "raqqa"), ["a.txt", "b.txt"]);
        assert!(index.stats("homs").is_none());
        assert!(index.remove(Path::new("b.txt")));
        assert!(!index.remove(Path::new("b.txt")));
        assert_eq!(index.stats("raqqa").unwrap().documents, 1);
        assert!(index.remove(Path::new("a.txt")));
        assert!(index.stats("raqqa").is_none());
        assert_eq!((index.document_count(), index.entity_count()), (0, 0));
        assert_eq!(index.documents().count(), 0);
    }

    #[test]
    fn the_first_mention_is_in_the_earliest_article_then_by_path() {
        let mut index = CorpusIndex::new();
        // Every occurrence of `Homs`, the later ones first.
        let homs = |path: &str, text: &str| DocMentions {
            path: path.into(),
            date: Document::new(path, text).unwrap().meta().date,
            mentions: text
                .rmatch_indices("Homs")
                .map(|(i, w)| Mention {
                    entity: EntityId::derived(Label::LOC, w),
                    span: Span::new(i, i + w.len()),
                    label: Label::LOC,
                    text: w.into(),
                })
                .collect(),
        };
        index.insert(homs("z.txt", "Homs"));
        index.insert(homs("c.txt", " date 2020-01 Homs"));
        index.insert(homs("b.txt", " date 2019-06 à Homs, Homs"));
        index.insert(homs("a.txt", " date 2019-06 Homs"));
        index.insert(homs("a/b.txt", " date 2019-06 Homs"));
        let first = |index: &CorpusIndex| {
            let (d, m) = index.first_mention("~loc:homs").unwrap();
            (
                index.doc_path(d).unwrap().to_str().unwrap().to_owned(),
                m.span.start,
            )
        };
        // Paths compare by component: `a/b.txt` before `a.txt`.
        assert_eq!(first(&index), ("a/b.txt".to_owned(), 14));
        index.remove(Path::new("a/b.txt"));
        assert_eq!(first(&index), ("a.txt".to_owned(), 14));
        index.remove(Path::new("a.txt"));
        let b = " date 2019-06 à Homs, Homs".find("Homs").unwrap();
        assert_eq!(first(&index), ("b.txt".to_owned(), b));
        index.remove(Path::new("b.txt"));
        index.remove(Path::new("c.txt"));
        assert_eq!(first(&index), ("z.txt".to_owned(), 0));
        assert_eq!(index.stats("~loc:homs").unwrap().first_date, None);
    }
}
