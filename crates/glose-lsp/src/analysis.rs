//! The analysis of one text: the document and what the pipeline made of it, immutable
//! once built. Editor features read it; the corpus index keeps a compact digest.

use glose_core::tagger::Cancel;
use glose_core::{Annotated, Annotation, Document, Label};
use glose_workspace::AnalyseError;

use crate::engine::Engine;

/// A text and its annotations, for one version.
#[derive(Debug)]
pub(crate) struct Analysis {
    /// The editor's version of the text; `None` for a file read from disk.
    pub(crate) version: Option<i32>,
    /// The engine that made it.
    pub(crate) generation: u64,
    pub(crate) document: Document,
    pub(crate) annotated: Annotated,
}

/// Why a text could not be analysed.
#[derive(Debug)]
pub(crate) enum AnalysisError {
    /// A newer version arrived.
    Cancelled,
    /// The text is no article (`binary`), or cannot be a document or be annotated
    /// (`not-analysed`): the diagnostic's code and message.
    NotAnalysed { code: &'static str, message: String },
}

impl Analysis {
    /// Runs `engine`'s pipeline over `text`.
    pub(crate) fn run(
        engine: &Engine,
        path: &str,
        text: String,
        version: Option<i32>,
        cancel: &dyn Cancel,
    ) -> Result<Analysis, AnalysisError> {
        if let Some((code, message)) = glose_core::corpus::not_an_article(text.as_bytes()) {
            return Err(AnalysisError::NotAnalysed { code, message });
        }
        // The command line's limit: a larger text is not analysed (in bounded time).
        let max = engine.read.max_file_size;
        if text.len() as u64 > max {
            return Err(AnalysisError::NotAnalysed {
                code: "too-large",
                message: format!(
                    "{} is over the size limit of {} (`max_file_size` in the [corpus] \
                     table of glose.toml)",
                    glose_core::corpus::human_size(text.len() as u64),
                    glose_core::corpus::human_size(max)
                ),
            });
        }
        let empty = glose_core::corpus::empty_warning(&text);
        let (document, mut annotated) =
            engine.analyse(path, text, cancel).map_err(|e| match e {
                AnalyseError::Cancelled => AnalysisError::Cancelled,
                AnalyseError::Failed(message) => AnalysisError::NotAnalysed {
                    code: "not-analysed",
                    message,
                },
            })?;
        annotated.diagnostics.splice(0..0, empty);
        Ok(Analysis {
            version,
            generation: engine.generation,
            document,
            annotated,
        })
    }

    pub(crate) fn text(&self) -> &str {
        self.document.text()
    }

    /// The resolved layer: entities without overlaps, plus quotes.
    pub(crate) fn resolved(&self) -> impl Iterator<Item = &Annotation> {
        self.annotated.resolved()
    }

    /// The annotation the cursor at byte `offset` is on (inside it, or just after its
    /// last character): a name, date or quantity rather than the quote around it.
    pub(crate) fn at(&self, offset: usize) -> Option<&Annotation> {
        let mut best: Option<&Annotation> = None;
        for a in self.resolved() {
            if a.span.start > offset {
                break;
            }
            if !a.span.touches(offset) {
                continue;
            }
            let better = match best {
                None => true,
                Some(b) => {
                    let inside = |x: &Annotation| x.span.start <= offset && offset < x.span.end;
                    (b.label == Label::QUOTE && a.label != Label::QUOTE)
                        || (a.label != Label::QUOTE && inside(a) && !inside(b))
                }
            };
            if better {
                best = Some(a);
            }
        }
        best
    }
}
