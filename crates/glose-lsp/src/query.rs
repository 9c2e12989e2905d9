//! What request handlers share: the analysis of a document as the editor has it now,
//! and what is known of an entity.

use std::path::Path;
use std::sync::Arc;

use glose_core::text::{Encoding, LineCol, LineIndex};
use glose_core::{Entity, Label, Layer};
use tower_lsp_server::ls_types::{self as lsp, Location, Uri};

use crate::analysis::Analysis;
use crate::corpus::Corpus;
use crate::encoding::{PositionEncoding, range};
use crate::engine::Engine;
use crate::state::{State, Workspace, path_uri, read, uri_path};

/// A document to answer about: its analysis for the text the editor has now, and its
/// workspace folder.
#[derive(Debug)]
pub(crate) struct Target {
    pub(crate) uri: Uri,
    pub(crate) analysis: Arc<Analysis>,
    pub(crate) workspace: Option<Arc<Workspace>>,
    pub(crate) engine: Arc<Engine>,
}

/// The analysis of `uri` for its current text: the actor's latest one if it is of the
/// current version, else one made now (an edit not analysed yet, a file not open).
pub(crate) async fn target(state: &Arc<State>, uri: &Uri) -> Option<Target> {
    // The document first: a file opened outside the workspace folders has its folder
    // made one before the actor shows it.
    let open = state.open_doc_current(uri).await;
    let path = uri_path(uri);
    let workspace = path.as_deref().and_then(|p| state.workspace_of(p));
    let engine = match &workspace {
        Some(ws) => ws.engine(),
        None => crate::indexer::fallback_engine_async(state).await,
    };
    let make = |analysis| Target {
        uri: uri.clone(),
        analysis,
        workspace: workspace.clone(),
        engine: engine.clone(),
    };
    if let Some(doc) = open {
        if let Some(a) = read(&state.analyses).get(uri.as_str())
            && a.version == Some(doc.version)
            && a.generation == engine.generation
        {
            return Some(make(a.clone()));
        }
        let engine = engine.clone();
        let shown = path
            .as_ref()
            .map_or_else(|| uri.as_str().to_owned(), |p| p.display().to_string());
        let analysis = tokio::task::spawn_blocking(move || {
            Analysis::run(
                &engine,
                &shown,
                doc.text.to_string(),
                Some(doc.version),
                &glose_core::tagger::Never,
            )
        })
        .await
        .ok()?
        .ok()?;
        return Some(make(Arc::new(analysis)));
    }
    // Not open: the file as the disk has it.
    let path = path?;
    let read_options = engine.read;
    let engine2 = engine.clone();
    let analysis = tokio::task::spawn_blocking(move || {
        let file = glose_core::corpus::FileEntry {
            path: path.clone(),
            explicit: true,
        };
        let (doc, _) = glose_core::corpus::read_document(&file, read_options).ok()?;
        Analysis::run(
            &engine2,
            doc.path(),
            doc.text().to_owned(),
            None,
            &glose_core::tagger::Never,
        )
        .ok()
    })
    .await
    .ok()??;
    Some(make(Arc::new(analysis)))
}

/// The target of a request about `range` of `uri`, and the range in bytes.
pub(crate) async fn target_range(
    state: &Arc<State>,
    uri: &Uri,
    range: lsp::Range,
) -> Option<(Target, usize, usize)> {
    let t = target(state, uri).await?;
    let (enc, lines) = (state.encoding(), t.analysis.document.lines());
    let (from, to) = (
        crate::encoding::offset(lines, range.start, enc),
        crate::encoding::offset(lines, range.end, enc),
    );
    Some((t, from, to))
}

/// The KB entity of an entity key, when the key is a KB id.
pub(crate) fn kb_entity<'a>(engine: &'a Engine, key: &str) -> Option<&'a Entity> {
    if key.starts_with('~') {
        None
    } else {
        engine.kb.get(key)
    }
}

/// The name to show for an entity: its KB name, else the text of its first mention.
pub(crate) fn display_name(engine: &Engine, corpus: &Corpus, key: &str) -> String {
    if let Some(e) = kb_entity(engine, key) {
        return e.name.clone();
    }
    corpus
        .first_mention(key)
        .map(|(_, m)| m.text.to_string())
        .unwrap_or_else(|| key.trim_start_matches('~').to_owned())
}

/// Where a KB entity is written, when it is in a file of the corpus's own KB (the
/// default KB is compiled into glose and has no file to open).
pub(crate) fn kb_location(entity: &Entity, enc: PositionEncoding) -> Option<Location> {
    if entity.layer != Layer::User {
        return None;
    }
    let path = Path::new(&*entity.origin.file);
    let uri = path_uri(path)?;
    let text = std::fs::read_to_string(path).ok()?;
    let lines = LineIndex::new(&text);
    let start = lines.offset_clamped(
        LineCol {
            line: entity.origin.line.saturating_sub(1),
            col: entity.origin.column.saturating_sub(1),
        },
        Encoding::Utf32,
    );
    let end = lines
        .line_range(lines.line_of(start))
        .map_or(start, |r| r.end.max(start));
    Some(Location::new(uri, range(&lines, start, end, enc)))
}

/// Words for a label, in the editor's language-neutral terms.
pub(crate) fn label_name(label: Label) -> &'static str {
    match label {
        Label::PER => "person",
        Label::ORG => "organisation",
        Label::LOC => "place",
        Label::DATE => "date",
        Label::QUANTITY => "quantity",
        Label::QUOTE => "quote",
        _ => "entity",
    }
}
