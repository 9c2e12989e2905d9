//! The corpus index: for every entity, its mentions across all documents.
//!
//! Mentions linked to the KB are indexed under their KB id. Names of people,
//! organisations and places that no KB knows are indexed under an id derived from
//! their folded text (`~per:abou-khaled`), so that references work for them too.

use std::collections::HashMap;

use crate::annotation::{Annotation, EntityId, Label, Span};
use crate::document::{Document, YearMonth};

/// Index of a document in a [`CorpusIndex`].
pub type DocId = u32;

/// One mention of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    pub doc: DocId,
    pub span: Span,
    pub label: Label,
}

/// Figures about one entity across the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityStats {
    pub mentions: usize,
    pub documents: usize,
    /// Earliest and latest dates of the dated documents that mention it.
    pub first_date: Option<YearMonth>,
    pub last_date: Option<YearMonth>,
}

#[derive(Clone, Debug)]
struct DocEntry {
    path: String,
    date: Option<YearMonth>,
    entities: Vec<EntityId>,
}

/// What one document contributes to the index; computing it needs no access to the
/// index, so documents can be prepared in parallel and inserted one by one.
#[derive(Clone, Debug)]
pub struct DocMentions {
    pub path: String,
    pub date: Option<YearMonth>,
    pub mentions: Vec<(EntityId, Span, Label)>,
}

impl DocMentions {
    /// The mentions among `annotations` of `document` (pass the resolved layer).
    pub fn new<'a>(
        document: &Document,
        annotations: impl IntoIterator<Item = &'a Annotation>,
    ) -> Self {
        let mentions = annotations
            .into_iter()
            .filter_map(|a| Some((entity_key(a, document.text())?, a.span, a.label)))
            .collect();
        DocMentions {
            path: document.path().to_owned(),
            date: document.meta().date,
            mentions,
        }
    }
}

/// The id a mention is indexed under: its entity, or for a name with no entity, an id
/// derived from its label and folded text. Other annotations (dates, quantities) are
/// not entities.
pub fn entity_key(annotation: &Annotation, text: &str) -> Option<EntityId> {
    if let Some(id) = &annotation.entity {
        return Some(id.clone());
    }
    let label = annotation.label;
    if [Label::PER, Label::ORG, Label::LOC, Label::MISC].contains(&label) {
        Some(EntityId::derived(label, annotation.text(text)))
    } else {
        None
    }
}

/// Entity → mentions, over all documents.
#[derive(Clone, Debug, Default)]
pub struct CorpusIndex {
    docs: Vec<Option<DocEntry>>,
    by_path: HashMap<String, DocId>,
    mentions: HashMap<EntityId, Vec<Mention>>,
}

impl CorpusIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document, replacing any earlier version with the same path.
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
        for (entity, span, label) in doc.mentions {
            let list = self.mentions.entry(entity.clone()).or_default();
            if list.last().is_none_or(|m| m.doc != id) {
                entities.push(entity);
            }
            list.push(Mention {
                doc: id,
                span,
                label,
            });
        }
        self.docs[id as usize] = Some(DocEntry {
            path: doc.path,
            date: doc.date,
            entities,
        });
        id
    }

    /// Removes a document and its mentions.
    pub fn remove(&mut self, path: &str) -> bool {
        match self.by_path.remove(path) {
            Some(id) => {
                self.clear_doc(id);
                true
            }
            None => false,
        }
    }

    fn clear_doc(&mut self, id: DocId) {
        let Some(entry) = self.docs[id as usize].take() else {
            return;
        };
        for entity in entry.entities {
            if let Some(list) = self.mentions.get_mut(&entity) {
                list.retain(|m| m.doc != id);
                if list.is_empty() {
                    self.mentions.remove(&entity);
                }
            }
        }
    }

    /// Number of documents indexed.
    pub fn document_count(&self) -> usize {
        self.by_path.len()
    }

    pub fn doc_id(&self, path: &str) -> Option<DocId> {
        self.by_path.get(path).copied()
    }

    pub fn doc_path(&self, doc: DocId) -> Option<&str> {
        Some(&self.docs.get(doc as usize)?.as_ref()?.path)
    }

    pub fn doc_date(&self, doc: DocId) -> Option<YearMonth> {
        self.docs.get(doc as usize)?.as_ref()?.date
    }

    /// Every mention of an entity, by document then position (documents in the order
    /// they were first inserted).
    pub fn mentions(&self, entity: &str) -> &[Mention] {
        self.mentions.get(entity).map_or(&[], Vec::as_slice)
    }

    pub fn stats(&self, entity: &str) -> Option<EntityStats> {
        let mentions = self.mentions.get(entity)?;
        let mut docs: Vec<DocId> = mentions.iter().map(|m| m.doc).collect();
        docs.dedup();
        let dates = || docs.iter().filter_map(|&d| self.doc_date(d));
        Some(EntityStats {
            mentions: mentions.len(),
            documents: docs.len(),
            first_date: dates().min(),
            last_date: dates().max(),
        })
    }

    /// Every entity with its mention count, most mentioned first, then by id.
    pub fn entities(&self) -> Vec<(&EntityId, usize)> {
        let mut all: Vec<(&EntityId, usize)> =
            self.mentions.iter().map(|(id, m)| (id, m.len())).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str, anns: &[(&str, Label, Option<&str>)]) -> DocMentions {
        let document = Document::new(path, text).unwrap();
        let annotations: Vec<Annotation> = anns
            .iter()
            .map(|&(word, label, entity)| {
                let start = text.find(word).unwrap();
                let a = Annotation::new(start..start + word.len(), label);
                match entity {
                    Some(e) => a.with_entity(EntityId::new(e)),
                    None => a,
                }
            })
            .collect();
        DocMentions::new(&document, &annotations)
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
        let karim = index.mentions("~per:karim-haddad");
        assert_eq!(karim.len(), 2);
        assert_eq!(index.doc_path(karim[1].doc), Some("b.txt"));
        assert_eq!(index.entities()[0], (&EntityId::new("raqqa"), 3));
        assert_eq!(index.entities().len(), 2);
    }

    #[test]
    fn replacing_and_removing_a_document() {
        let mut index = CorpusIndex::new();
        index.insert(doc(
            "a.txt",
            "Raqqa",
            &[("Raqqa", Label::LOC, Some("raqqa"))],
        ));
        index.insert(doc(
            "b.txt",
            "Raqqa",
            &[("Raqqa", Label::LOC, Some("raqqa"))],
        ));
        index.insert(doc("a.txt", "Homs", &[("Homs", Label::LOC, Some("homs"))]));
        assert_eq!(index.mentions("raqqa").len(), 1);
        assert_eq!(index.mentions("homs").len(), 1);
        assert!(index.remove("b.txt"));
        assert!(!index.remove("b.txt"));
        assert!(index.stats("raqqa").is_none());
        assert_eq!(index.document_count(), 1);
    }
}
