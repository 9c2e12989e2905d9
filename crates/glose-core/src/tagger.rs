//! The tagger interface: what every tagger, built-in or plugin, implements.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::annotation::{Annotation, Label};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::store::AnnotationStore;

/// What a tagger sees: the document and the annotations of the taggers that ran before
/// it in the pipeline.
#[derive(Clone, Copy, Debug)]
pub struct DocumentView<'a> {
    pub document: &'a Document,
    pub annotations: &'a AnnotationStore,
    cancelled: &'a AtomicBool,
}

impl<'a> DocumentView<'a> {
    pub fn new(
        document: &'a Document,
        annotations: &'a AnnotationStore,
        cancelled: &'a AtomicBool,
    ) -> Self {
        DocumentView {
            document,
            annotations,
            cancelled,
        }
    }

    /// The exact text of the document.
    pub fn text(&self) -> &'a str {
        self.document.text()
    }

    /// Whether the result is no longer wanted; long taggers should check it now and
    /// then and return [`TagError::Cancelled`].
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
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
}
