//! glose-core: the document model, annotations, the tagger pipeline, the knowledge base
//! and the corpus index of glose.
//!
//! Everything here works on UTF-8 byte offsets into the exact text of a file; positions
//! for editors and exporters are computed at the edges with [`text::LineIndex`]. This
//! crate knows nothing of the language server protocol or of the command line.

pub mod abi;
pub mod annotation;
pub mod atomic;
pub mod corpus;
pub mod correction;
pub mod date;
pub mod diagnostic;
pub mod digest;
pub mod document;
pub mod eval;
pub mod figures;
pub mod kb;
pub mod knowledge;
pub mod pipeline;
pub mod problem;
pub mod quantity;
pub mod quote;
pub mod span;
pub mod store;
pub mod tagger;
#[cfg(test)]
mod test_tagger;
pub mod testing;
pub mod text;
pub mod toml_keys;

pub use annotation::{Annotation, Attrs, EntityId, Label, Span};
pub use correction::{Correction, Corrections};
pub use diagnostic::{Diagnostic, Fix, Severity, TextEdit};
pub use document::{Document, DocumentError, Metadata, YearMonth};
pub use kb::{Entity, KbSource, KnowledgeBase, Layer};
pub use knowledge::{Knowledge, KnowledgeError, Tally};
pub use pipeline::{Annotated, Pipeline, PipelineError};
pub use problem::{Place, Problem};
pub use store::AnnotationStore;
pub use tagger::{DocumentView, TagError, TagOutput, Tagger};
