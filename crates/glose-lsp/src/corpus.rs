//! The corpus index of a workspace folder: for every article, a digest of its analysis
//! (its names, figures, quotes and line index); for every entity, its mentions and the
//! quotes it is the speaker of across the corpus. Kept up to date file by file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use glose_core::text::LineIndex;
use glose_core::{Annotation, EntityId, Label, YearMonth};
use tower_lsp_server::ls_types::Uri;

use crate::analysis::Analysis;

/// A name in an article.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) label: Label,
    /// The entity: its KB id, or an id derived from the name (`~loc:zorvan`).
    pub(crate) key: Arc<str>,
    pub(crate) text: Box<str>,
}

pub(crate) use glose_core::figures::Figure;

/// A quote in an article and who said it (the attributes of a `QUOTE` annotation).
/// Articles have few quotes: their text is kept, so that listing them needs no file.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Quote {
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// The quote as written, quotation marks included.
    pub(crate) text: Box<str>,
    /// The speaker as the article names or describes them (`un responsable du club`).
    pub(crate) speaker: Option<Box<str>>,
    /// The speaker's entity key (KB id or derived id), as the quote tagger gives it.
    pub(crate) speaker_entity: Option<Arc<str>>,
    /// The reporting verb as written (`a déclaré`, `selon`, `:`).
    pub(crate) verb: Option<Box<str>>,
    pub(crate) anonymous: bool,
    /// Where the article names the speaker for this quote, when it does.
    pub(crate) speaker_span: Option<(u32, u32)>,
}

impl Quote {
    /// The quote of a `QUOTE` annotation of `text`.
    pub(crate) fn new(a: &Annotation, text: &str) -> Quote {
        let q = glose_core::quote::QuoteView::attrs_of(a);
        // Offsets that do not fit the text are dropped, not trusted.
        let speaker_span = q
            .speaker_span
            .filter(|r| r.end <= text.len())
            .map(|r| (r.start as u32, r.end as u32));
        Quote {
            start: a.span.start as u32,
            end: a.span.end as u32,
            text: a.text(text).into(),
            speaker: q.speaker.map(Into::into),
            speaker_entity: q.speaker_entity.map(Arc::from),
            verb: q.verb.map(Into::into),
            anonymous: q.anonymous,
            speaker_span,
        }
    }

    /// The quotes of an analysis, in the order of the text.
    pub(crate) fn all(analysis: &Analysis) -> Vec<Quote> {
        let text = analysis.text();
        analysis
            .resolved()
            .filter(|a| a.label == Label::QUOTE)
            .map(|a| Quote::new(a, text))
            .collect()
    }
}

/// The digest of one article.
#[derive(Debug)]
pub(crate) struct FileEntry {
    pub(crate) path: PathBuf,
    pub(crate) uri: Uri,
    pub(crate) date: Option<YearMonth>,
    pub(crate) lines: LineIndex,
    pub(crate) mentions: Vec<Mention>,
    pub(crate) figures: Vec<Figure>,
    pub(crate) quotes: Vec<Quote>,
}

/// Labels that name entities (not dates, amounts or quotes).
pub(crate) fn is_entity_label(label: Label) -> bool {
    !matches!(label, Label::DATE | Label::QUANTITY | Label::QUOTE)
}

/// The entity key of a name: its KB id, else one derived from its label and text.
pub(crate) fn entity_key(a: &Annotation, text: &str) -> Arc<str> {
    match &a.entity {
        Some(id) => Arc::from(id.as_str()),
        None => Arc::from(EntityId::derived(a.label, a.text(text)).as_str()),
    }
}

impl FileEntry {
    /// The digest of an analysis of the file at `path`.
    pub(crate) fn new(path: PathBuf, uri: Uri, analysis: &Analysis) -> FileEntry {
        let text = analysis.text();
        let mut mentions = Vec::new();
        let mut figures = Vec::new();
        let mut quotes = Vec::new();
        for a in analysis.resolved() {
            if is_entity_label(a.label) {
                mentions.push(Mention {
                    start: a.span.start as u32,
                    end: a.span.end as u32,
                    label: a.label,
                    key: entity_key(a, text),
                    text: a.text(text).into(),
                });
            } else if a.label == Label::QUANTITY
                && let Some(f) = Figure::of(a, text)
            {
                figures.push(f);
            } else if a.label == Label::QUOTE {
                quotes.push(Quote::new(a, text));
            }
        }
        FileEntry {
            path,
            uri,
            date: analysis.document.meta().date,
            lines: analysis.document.lines().clone(),
            mentions,
            figures,
            quotes,
        }
    }
}

/// The mentions of one entity: by file, the indices of its mentions there (replacing
/// a file touches only its own entry).
#[derive(Debug, Default)]
pub(crate) struct EntityRefs {
    pub(crate) label: Option<Label>,
    pub(crate) files: BTreeMap<u32, Vec<u32>>,
    /// Mentions in all files.
    pub(crate) count: usize,
}

/// Figures in the corpus, by (entity, counted noun).
type FigureKey = (Arc<str>, String);

/// The corpus index of a workspace folder.
#[derive(Debug, Default)]
pub(crate) struct Corpus {
    files: Vec<Option<Arc<FileEntry>>>,
    by_path: HashMap<PathBuf, u32>,
    entities: HashMap<Arc<str>, EntityRefs>,
    figures: HashMap<FigureKey, Vec<(u32, u32)>>,
    /// The quotes of each speaker entity: (file, index of the quote there).
    speakers: HashMap<Arc<str>, Vec<(u32, u32)>>,
    /// Files that could not be indexed, with the reason.
    pub(crate) skipped: Vec<(PathBuf, String)>,
}

impl Corpus {
    pub(crate) fn len(&self) -> usize {
        self.by_path.len()
    }

    /// Adds or replaces the entry of its path.
    pub(crate) fn insert(&mut self, entry: FileEntry) -> u32 {
        let id = match self.by_path.get(&entry.path) {
            Some(&id) => {
                self.clear(id);
                id
            }
            None => {
                let id = self.files.len() as u32;
                self.by_path.insert(entry.path.clone(), id);
                self.files.push(None);
                id
            }
        };
        for (i, m) in entry.mentions.iter().enumerate() {
            let refs = self.entities.entry(m.key.clone()).or_default();
            refs.label.get_or_insert(m.label);
            refs.files.entry(id).or_default().push(i as u32);
            refs.count += 1;
        }
        for (i, f) in entry.figures.iter().enumerate() {
            self.figures
                .entry((f.about.clone(), f.noun_key.clone()))
                .or_default()
                .push((id, i as u32));
        }
        for (i, q) in entry.quotes.iter().enumerate() {
            if let Some(key) = &q.speaker_entity {
                self.speakers
                    .entry(key.clone())
                    .or_default()
                    .push((id, i as u32));
            }
        }
        self.files[id as usize] = Some(Arc::new(entry));
        id
    }

    /// Removes the entry of `path`, if any.
    pub(crate) fn remove(&mut self, path: &Path) {
        if let Some(id) = self.by_path.remove(path) {
            self.clear(id);
        }
    }

    fn clear(&mut self, id: u32) {
        let Some(old) = self.files[id as usize].take() else {
            return;
        };
        for m in &old.mentions {
            if let Some(refs) = self.entities.get_mut(&m.key)
                && let Some(gone) = refs.files.remove(&id)
            {
                refs.count -= gone.len();
                if refs.files.is_empty() {
                    self.entities.remove(&m.key);
                }
            }
        }
        for f in &old.figures {
            let key = (f.about.clone(), f.noun_key.clone());
            if let Some(list) = self.figures.get_mut(&key) {
                list.retain(|&(file, _)| file != id);
                if list.is_empty() {
                    self.figures.remove(&key);
                }
            }
        }
        for key in old.quotes.iter().filter_map(|q| q.speaker_entity.as_ref()) {
            if let Some(list) = self.speakers.get_mut(key) {
                list.retain(|&(file, _)| file != id);
                if list.is_empty() {
                    self.speakers.remove(key);
                }
            }
        }
    }

    pub(crate) fn file(&self, id: u32) -> Option<&Arc<FileEntry>> {
        self.files.get(id as usize)?.as_ref()
    }

    /// The entry of the article at `path`.
    pub(crate) fn file_at(&self, path: &Path) -> Option<&Arc<FileEntry>> {
        self.file(*self.by_path.get(path)?)
    }

    /// Every article of the index.
    pub(crate) fn files(&self) -> impl Iterator<Item = &Arc<FileEntry>> {
        self.files.iter().flatten()
    }

    /// The quotes whose speaker is the entity `key`, with their article.
    pub(crate) fn quotes_of(&self, key: &str) -> impl Iterator<Item = (&FileEntry, &Quote)> {
        self.speakers
            .get(key)
            .into_iter()
            .flatten()
            .filter_map(|&(f, i)| {
                let entry = self.file(f)?;
                Some((&**entry, entry.quotes.get(i as usize)?))
            })
    }

    pub(crate) fn entity_count(&self) -> usize {
        self.entities.len()
    }

    pub(crate) fn entity(&self, key: &str) -> Option<&EntityRefs> {
        self.entities.get(key)
    }

    pub(crate) fn entities(&self) -> impl Iterator<Item = (&Arc<str>, &EntityRefs)> {
        self.entities.iter()
    }

    /// Every mention of an entity, with its file.
    pub(crate) fn mentions(&self, key: &str) -> impl Iterator<Item = (&FileEntry, &Mention)> {
        self.entities
            .get(key)
            .into_iter()
            .flat_map(|refs| refs.files.iter())
            .filter_map(|(&f, indices)| Some((self.file(f)?, indices)))
            .flat_map(|(file, indices)| {
                indices
                    .iter()
                    .filter_map(|&i| Some((&**file, file.mentions.get(i as usize)?)))
            })
    }

    /// Mentions, articles and the first and last article dates of an entity.
    pub(crate) fn stats(&self, key: &str) -> EntityStats {
        let Some(refs) = self.entities.get(key) else {
            return EntityStats::default();
        };
        let mut stats = EntityStats {
            mentions: refs.count,
            documents: refs.files.len(),
            first: None,
            last: None,
        };
        for &id in refs.files.keys() {
            if let Some(date) = self.file(id).and_then(|f| f.date) {
                stats.first = Some(stats.first.map_or(date, |d: YearMonth| d.min(date)));
                stats.last = Some(stats.last.map_or(date, |d: YearMonth| d.max(date)));
            }
        }
        stats
    }

    /// The first mention of an entity: in the earliest dated article, else the first
    /// file by path.
    pub(crate) fn first_mention(&self, key: &str) -> Option<(&FileEntry, &Mention)> {
        let refs = self.entities.get(key)?;
        let date = |f: &FileEntry| f.date.map_or((1, 0, 0), |d| (0, d.year, d.month));
        let (file, indices) = refs
            .files
            .iter()
            .filter_map(|(&f, indices)| Some((self.file(f)?, indices)))
            .min_by(|(fa, _), (fb, _)| {
                date(fa).cmp(&date(fb)).then_with(|| fa.path.cmp(&fb.path))
            })?;
        let first = indices
            .iter()
            .filter_map(|&i| file.mentions.get(i as usize))
            .min_by_key(|m| m.start)?;
        Some((&**file, first))
    }

    /// Figures of other articles about the same entity and counted noun as `figure`.
    pub(crate) fn same_figures(
        &self,
        figure: &Figure,
        file: u32,
    ) -> impl Iterator<Item = (&FileEntry, &Figure)> {
        self.figures
            .get(&(figure.about.clone(), figure.noun_key.clone()))
            .into_iter()
            .flatten()
            .filter(move |&&(f, _)| f != file)
            .filter_map(|&(f, i)| {
                let entry = self.file(f)?;
                Some((&**entry, entry.figures.get(i as usize)?))
            })
    }
}

/// What the hover card says of an entity across the corpus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct EntityStats {
    pub(crate) mentions: usize,
    pub(crate) documents: usize,
    pub(crate) first: Option<YearMonth>,
    pub(crate) last: Option<YearMonth>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_keeps_its_speaker_and_drops_offsets_that_do_not_fit() {
        let text = "« On reste », a dit Jeanne Ortolan.";
        let quote = Annotation::new(0..text.find(',').unwrap(), Label::QUOTE)
            .with_attr("speaker", "Jeanne Ortolan")
            .with_attr("speaker_entity", "~per:jeanne-ortolan")
            .with_attr("verb", "a dit");
        let start = text.find("Jeanne").unwrap();
        let named = quote
            .clone()
            .with_attr("speaker_start", start)
            .with_attr("speaker_end", text.len() - 1);
        let q = Quote::new(&named, text);
        assert_eq!(&*q.text, "« On reste »");
        assert_eq!(q.speaker.as_deref(), Some("Jeanne Ortolan"));
        assert_eq!(q.speaker_entity.as_deref(), Some("~per:jeanne-ortolan"));
        assert_eq!(q.verb.as_deref(), Some("a dit"));
        assert!(!q.anonymous);
        assert_eq!(q.speaker_span, Some((start as u32, text.len() as u32 - 1)));
        // No offsets, reversed ones, or past the end: no span.
        assert_eq!(Quote::new(&quote, text).speaker_span, None);
        for (s, e) in [(start + 3, start), (start, text.len() + 1)] {
            let bad = quote
                .clone()
                .with_attr("speaker_start", s)
                .with_attr("speaker_end", e);
            assert_eq!(Quote::new(&bad, text).speaker_span, None);
        }
        let anonymous = Annotation::new(0..3, Label::QUOTE).with_attr("anonymous", true);
        let q = Quote::new(&anonymous, text);
        assert!(q.anonymous && q.speaker.is_none() && q.speaker_entity.is_none());
    }
}
