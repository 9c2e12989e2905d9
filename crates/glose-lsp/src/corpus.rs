//! The corpus index of a workspace folder, kept up to date file by file: the core's
//! [`CorpusIndex`] (what an entity is, its mentions and their counts: the same as
//! `glose report`'s), and what the editor adds for each article (its URI, line index,
//! figures and quotes) and across them (figures by entity and counted noun, the quotes
//! of each speaker).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use glose_core::corpus::{CorpusIndex, DocMentions, Mention};
use glose_core::text::LineIndex;
use glose_core::{Annotation, Label, YearMonth};
use tower_lsp_server::ls_types::Uri;

use crate::analysis::Analysis;

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
    pub(crate) figures: Vec<Figure>,
    pub(crate) quotes: Vec<Quote>,
    /// Its names, in the order of the text, until the entry is inserted into a
    /// [`Corpus`]: then the corpus index keeps them (ask it), and this is empty.
    mentions: Vec<Mention>,
}

impl FileEntry {
    /// The digest of an analysis of the file at `path`.
    pub(crate) fn new(path: PathBuf, uri: Uri, analysis: &Analysis) -> FileEntry {
        let text = analysis.text();
        let mut mentions = Vec::new();
        let mut figures = Vec::new();
        let mut quotes = Vec::new();
        for a in analysis.resolved() {
            if let Some(m) = Mention::of(a, text) {
                mentions.push(m);
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
            figures,
            quotes,
            mentions,
        }
    }
}

/// Figures in the corpus, by (entity, counted noun).
type FigureKey = (Arc<str>, String);

/// The corpus index of a workspace folder: the core index, and the entries of its
/// articles by their id there.
#[derive(Debug, Default)]
pub(crate) struct Corpus {
    index: CorpusIndex,
    files: Vec<Option<Arc<FileEntry>>>,
    figures: HashMap<FigureKey, Vec<(u32, u32)>>,
    /// The quotes of each speaker entity: (file, index of the quote there).
    speakers: HashMap<Arc<str>, Vec<(u32, u32)>>,
    /// Files that could not be indexed, with the reason.
    pub(crate) skipped: Vec<(PathBuf, String)>,
}

impl Corpus {
    pub(crate) fn len(&self) -> usize {
        self.index.document_count()
    }

    /// The entities of the corpus and their mentions.
    pub(crate) fn index(&self) -> &CorpusIndex {
        &self.index
    }

    pub(crate) fn entity_count(&self) -> usize {
        self.index.entity_count()
    }

    /// Adds or replaces the entry of its path.
    pub(crate) fn insert(&mut self, mut entry: FileEntry) -> u32 {
        let id = self.index.insert(DocMentions {
            path: entry.path.clone(),
            date: entry.date,
            mentions: std::mem::take(&mut entry.mentions),
        });
        self.clear(id);
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
        let slot = id as usize;
        if self.files.len() <= slot {
            self.files.resize(slot + 1, None);
        }
        self.files[slot] = Some(Arc::new(entry));
        id
    }

    /// Removes the entry of `path`, if any.
    pub(crate) fn remove(&mut self, path: &Path) {
        if let Some(id) = self.index.doc_id(path) {
            self.index.remove(path);
            self.clear(id);
        }
    }

    /// Forgets the figures and quotes of the file `id`.
    fn clear(&mut self, id: u32) {
        let Some(old) = self.files.get_mut(id as usize).and_then(Option::take) else {
            return;
        };
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
        self.file(self.index.doc_id(path)?)
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

    /// Every mention of an entity, with its file.
    pub(crate) fn mentions(&self, key: &str) -> impl Iterator<Item = (&FileEntry, &Mention)> {
        self.index
            .mentions(key)
            .filter_map(|(f, m)| Some((&**self.file(f)?, m)))
    }

    /// The first mention of an entity (see [`CorpusIndex::first_mention`]), with its file.
    pub(crate) fn first_mention(&self, key: &str) -> Option<(&FileEntry, &Mention)> {
        let (f, m) = self.index.first_mention(key)?;
        Some((self.file(f)?, m))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An article naming `names` (each linked to the entity of that id), with a quote of
    /// `speaker`.
    fn entry(path: &str, date: Option<YearMonth>, names: &[&str], speaker: &str) -> FileEntry {
        let text = names.join(" ");
        let mut mentions = Vec::new();
        let mut start = 0;
        for name in names {
            let a = Annotation::new(start..start + name.len(), Label::PER)
                .with_entity(glose_core::EntityId::new(name));
            mentions.extend(Mention::of(&a, &text));
            start += name.len() + 1;
        }
        let quote = Annotation::new(0..text.len(), Label::QUOTE)
            .with_attr("speaker_entity", speaker.to_owned());
        FileEntry {
            path: PathBuf::from(path),
            uri: format!("file:///{path}").parse().unwrap(),
            date,
            lines: LineIndex::new(&text),
            figures: Vec::new(),
            quotes: vec![Quote::new(&quote, &text)],
            mentions,
        }
    }

    #[test]
    fn the_files_follow_the_index_as_articles_are_replaced_and_removed() {
        let may = Some(YearMonth {
            year: 2019,
            month: 5,
        });
        let mut corpus = Corpus::default();
        let a = corpus.insert(entry("a.txt", None, &["lea", "paul", "lea"], "lea"));
        corpus.insert(entry("b.txt", may, &["lea"], "paul"));
        let files = |corpus: &Corpus, key: &str| -> Vec<String> {
            corpus
                .mentions(key)
                .map(|(f, m)| format!("{}:{}", f.path.display(), m.span.start))
                .collect()
        };
        assert_eq!(files(&corpus, "lea"), ["a.txt:0", "a.txt:9", "b.txt:0"]);
        assert_eq!(
            corpus.first_mention("lea").unwrap().0.path,
            Path::new("b.txt")
        );
        assert_eq!(corpus.quotes_of("lea").count(), 1);
        assert_eq!((corpus.len(), corpus.entity_count()), (2, 2));
        // Replaced: the same id, its new names and quotes only.
        let again = corpus.insert(entry("a.txt", may, &["paul"], "paul"));
        assert_eq!(again, a);
        assert_eq!(files(&corpus, "lea"), ["b.txt:0"]);
        assert_eq!(corpus.quotes_of("lea").count(), 0);
        assert_eq!(corpus.quotes_of("paul").count(), 2);
        assert_eq!(
            corpus.first_mention("paul").unwrap().0.path,
            Path::new("a.txt")
        );
        assert!(
            corpus.file(a).unwrap().mentions.is_empty(),
            "the index keeps them"
        );
        corpus.remove(Path::new("a.txt"));
        assert!(corpus.file(a).is_none() && corpus.file_at(Path::new("a.txt")).is_none());
        assert_eq!(corpus.quotes_of("paul").count(), 1);
        assert_eq!(corpus.index().stats("paul"), None);
        assert_eq!(corpus.files().count(), 1);
    }

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
