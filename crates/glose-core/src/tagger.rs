//! The tagger interface: what every tagger, built-in or plugin, implements.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::annotation::{Annotation, Label};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::store::AnnotationStore;

/// Tells a running tagger whether its result is still wanted.
pub trait Cancel: Sync {
    fn is_cancelled(&self) -> bool;
}

impl Cancel for AtomicBool {
    fn is_cancelled(&self) -> bool {
        self.load(Ordering::Relaxed)
    }
}

impl<F: Fn() -> bool + Sync> Cancel for F {
    fn is_cancelled(&self) -> bool {
        self()
    }
}

/// A run that is never cancelled.
#[derive(Clone, Copy, Debug, Default)]
pub struct Never;

impl Cancel for Never {
    fn is_cancelled(&self) -> bool {
        false
    }
}

/// What a tagger sees: the document and the annotations of the taggers that ran before
/// it in the pipeline.
#[derive(Clone, Copy)]
pub struct DocumentView<'a> {
    pub document: &'a Document,
    pub annotations: &'a AnnotationStore,
    cancel: &'a dyn Cancel,
    observing: bool,
}

impl std::fmt::Debug for DocumentView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentView")
            .field("document", &self.document.path())
            .field("annotations", &self.annotations.len())
            .finish()
    }
}

impl<'a> DocumentView<'a> {
    pub fn new(
        document: &'a Document,
        annotations: &'a AnnotationStore,
        cancel: &'a dyn Cancel,
    ) -> Self {
        DocumentView {
            document,
            annotations,
            cancel,
            observing: false,
        }
    }

    /// The same view during the corpus pass (see [`DocumentView::is_observing`]).
    pub fn observing(self) -> Self {
        DocumentView {
            observing: true,
            ..self
        }
    }

    /// Whether this is the corpus pass ([`Tagger::observe`]): what taggers have learned
    /// from the corpus is still incomplete, and depends on the order in which threads
    /// saw the documents, so a tagger must not use it here. Its output then depends on
    /// the document alone, which keeps the whole run deterministic.
    pub fn is_observing(&self) -> bool {
        self.observing
    }

    /// The exact text of the document.
    pub fn text(&self) -> &'a str {
        self.document.text()
    }

    /// Whether the result is no longer wanted; long taggers should check it now and
    /// then and return [`TagError::Cancelled`].
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }
}

/// What a tagger returns.
#[derive(Clone, Debug, Default)]
pub struct TagOutput {
    pub annotations: Vec<Annotation>,
    pub diagnostics: Vec<Diagnostic>,
}

impl TagOutput {
    pub fn new() -> Self {
        Self::default()
    }
}

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum TagError {
    #[error("cancelled")]
    Cancelled,
    #[error("{0}")]
    Failed(String),
}

/// A tagger: reads a document (and earlier annotations) and returns annotations and
/// diagnostics.
///
/// Taggers must be deterministic and must not keep state between documents that changes
/// their output: the pipeline may run them on many documents at once, from many threads.
pub trait Tagger: Send + Sync {
    /// A unique, short, kebab-case name (`gazetteer`).
    fn name(&self) -> &str;
    fn version(&self) -> &str;
    /// One sentence saying what it tags.
    fn description(&self) -> &str;
    /// Labels this tagger reads from earlier taggers; the pipeline runs every tagger that
    /// provides one of them first.
    fn requires(&self) -> &[Label] {
        &[]
    }
    /// Labels this tagger produces.
    fn provides(&self) -> &[Label];
    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError>;

    /// Whether this tagger learns from the whole corpus before tagging (see
    /// [`Tagger::observe`]).
    fn observes(&self) -> bool {
        false
    }

    /// Called once for every document of the corpus, before any is tagged, when
    /// [`Tagger::observes`] is true: the tagger records what it learns (names typed in
    /// one article help in another). May be called from several threads at once; the
    /// view holds the annotations of the taggers that run before it.
    fn observe(&self, doc: &DocumentView<'_>) {
        let _ = doc;
    }

    /// What it has learned from the corpus so far, as counts
    /// ([`crate::knowledge`]); `None` for a tagger that does not learn. Learning the
    /// articles of two corpora one after the other must give the sum of the tallies of
    /// each: that is what lets knowledge learned over parts of a corpus be merged.
    fn learned(&self) -> Option<crate::knowledge::Tally> {
        None
    }

    /// Replaces what it learned with `tally` (made by [`Tagger::learned`] of the same
    /// version, possibly merged with others); an error says what it cannot read.
    fn load_learned(&self, tally: &crate::knowledge::Tally) -> Result<(), String> {
        let _ = tally;
        Ok(())
    }

    /// A stable digest of what shapes the tagger's output besides the text and what it
    /// learned from the corpus: its data (a knowledge base, rules, a model) and its
    /// configuration. Annotations made earlier still hold only if it has not changed
    /// (`glose annotate --resume`); knowledge learned with other data is refused. Name
    /// and version, and what was learned ([`Tagger::learned`]), are added by the
    /// pipeline.
    fn digest(&self, digest: &mut crate::digest::Digest) {
        let _ = digest;
    }

    /// Names of earlier taggers whose annotations this tagger *decides* for the labels
    /// it provides: when it has run on a document, their annotations of those labels
    /// stay in the store (as evidence it has read) but leave the entity layer to its
    /// own. A statistical tagger that takes the rule taggers' output as features
    /// supersedes them; taggers it does not name (rule files, plugins) keep their say.
    fn supersedes(&self) -> &[&str] {
        &[]
    }
}
