//! What the document actor is told: the document notifications in the order they
//! arrived, and what the server's other tasks report back (a debounce delay over, an
//! analysis done, the engine or the corpus changed, a folder made a workspace folder).
//! The protocol handlers, the indexer and the analyses send these through the state's
//! channel; only the actor receives them. This module depends on no other part of the
//! server but the analysis, so that all of them can use it.

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types::{self as lsp, TextDocumentContentChangeEvent, Uri};

use crate::analysis::{Analysis, AnalysisError};

/// What the actor is told.
#[derive(Debug)]
pub(crate) enum Event {
    Open {
        uri: Uri,
        version: i32,
        text: String,
        language: String,
    },
    Change {
        uri: Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    },
    Save {
        uri: Uri,
    },
    Close {
        uri: Uri,
    },
    /// The debounce delay of an edit is over.
    Fire {
        key: String,
        token: u64,
    },
    /// An analysis finished.
    Done {
        key: String,
        token: u64,
        outcome: Outcome,
    },
    /// The engine or the corpus changed: analyse every open document again.
    Refresh,
    /// A folder in which documents were opened is now a workspace folder (or failed to
    /// become one): their kind is known.
    FolderAdded {
        root: PathBuf,
    },
}

/// What an analysis gave.
#[derive(Debug)]
pub(crate) enum Outcome {
    Article(Result<Arc<Analysis>, AnalysisError>),
    /// The diagnostics of a KB file being edited.
    Kb(Vec<lsp::Diagnostic>),
}
