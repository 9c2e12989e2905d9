//! Going from a mention to its entity and to the other mentions: definition,
//! references, workspace symbols, and the list of the corpus's entities.

use std::sync::Arc;

use glose_core::corpus::entity_key;
use glose_core::text::fold;
use glose_core::{EntityId, Label};
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Location, ReferenceParams, SymbolKind,
    WorkspaceSymbol, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use crate::corpus::Corpus;
use crate::encoding::{PositionEncoding, offset, range};
use crate::engine::Engine;
use crate::query::{display_name, kb_entity, kb_location, label_name, target};
use crate::state::{State, read};

/// The entity key under the cursor.
async fn key_at(
    state: &Arc<State>,
    uri: &tower_lsp_server::ls_types::Uri,
    pos: tower_lsp_server::ls_types::Position,
) -> Option<(EntityId, crate::query::Target)> {
    let t = target(state, uri).await?;
    let at = offset(t.analysis.document.lines(), pos, state.encoding());
    let key = entity_key(t.analysis.at(at)?, t.analysis.text())?;
    Some((key, t))
}

fn first_mention(corpus: &Corpus, key: &str, enc: PositionEncoding) -> Option<Location> {
    let (file, m) = corpus.first_mention(key)?;
    Some(Location::new(
        file.uri.clone(),
        range(&file.lines, m.span.start, m.span.end, enc),
    ))
}

/// The entity's entry in the corpus's KB, else its first mention in the corpus.
pub(crate) async fn definition(
    state: &Arc<State>,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let p = params.text_document_position_params;
    let (key, t) = key_at(state, &p.text_document.uri, p.position).await?;
    let enc = state.encoding();
    let key = key.as_str();
    if let Some(location) = kb_entity(&t.engine, key).and_then(|e| kb_location(e, enc)) {
        return Some(GotoDefinitionResponse::Scalar(location));
    }
    let ws = t.workspace?;
    let corpus = read(&ws.corpus);
    first_mention(&corpus, key, enc).map(GotoDefinitionResponse::Scalar)
}

/// Every mention of the entity across the corpus, and its KB entry.
pub(crate) async fn references(
    state: &Arc<State>,
    params: ReferenceParams,
) -> Option<Vec<Location>> {
    let p = params.text_document_position;
    let (key, t) = key_at(state, &p.text_document.uri, p.position).await?;
    let enc = state.encoding();
    let mut out = Vec::new();
    if let Some(location) = kb_entity(&t.engine, key.as_str()).and_then(|e| kb_location(e, enc)) {
        out.push(location);
    }
    match &t.workspace {
        Some(ws) => {
            let corpus = read(&ws.corpus);
            out.extend(corpus.mentions(key.as_str()).map(|(file, m)| {
                Location::new(
                    file.uri.clone(),
                    range(&file.lines, m.span.start, m.span.end, enc),
                )
            }));
        }
        // A document of no workspace: its own mentions.
        None => {
            let text = t.analysis.text();
            let lines = t.analysis.document.lines();
            out.extend(
                t.analysis
                    .resolved()
                    .filter(|a| entity_key(a, text).as_ref() == Some(&key))
                    .map(|a| {
                        Location::new(t.uri.clone(), range(lines, a.span.start, a.span.end, enc))
                    }),
            );
        }
    }
    Some(out)
}

pub(crate) fn symbol_kind(label: Label) -> SymbolKind {
    match label {
        Label::PER => SymbolKind::OBJECT,
        Label::ORG => SymbolKind::STRUCT,
        Label::LOC => SymbolKind::NAMESPACE,
        Label::DATE => SymbolKind::EVENT,
        Label::QUANTITY => SymbolKind::NUMBER,
        Label::QUOTE => SymbolKind::STRING,
        _ => SymbolKind::CONSTANT,
    }
}

/// Every mention of the entity `id` in every workspace folder, and its KB entry.
pub(crate) fn mentions(state: &State, id: &str) -> Vec<Location> {
    let enc = state.encoding();
    let mut out = Vec::new();
    for ws in state.workspaces() {
        let engine = ws.engine();
        if let Some(location) = kb_entity(&engine, id).and_then(|e| kb_location(e, enc))
            && !out.contains(&location)
        {
            out.push(location);
        }
        let corpus = read(&ws.corpus);
        out.extend(corpus.mentions(id).map(|(file, m)| {
            Location::new(
                file.uri.clone(),
                range(&file.lines, m.span.start, m.span.end, enc),
            )
        }));
    }
    out
}

/// An entity of the corpus, as the `glose/entities` request lists it.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EntityItem {
    /// The KB id, or an id derived from the name (`~loc:zorvan`).
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) name: String,
    pub(crate) mentions: usize,
    pub(crate) documents: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) last: Option<String>,
    pub(crate) in_kb: bool,
    /// The KB entry, else the first mention.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) location: Option<Location>,
}

/// Parameters of `glose/entities`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct EntitiesParams {
    /// Only this label (`PER`, `ORG`…).
    pub(crate) label: Option<String>,
    /// Only names containing this text (case and accents ignored).
    pub(crate) query: Option<String>,
    /// At most this many, the most mentioned first (default 1000).
    pub(crate) limit: Option<usize>,
}

fn item(engine: &Engine, corpus: &Corpus, key: &str, enc: PositionEncoding) -> EntityItem {
    let stats = corpus.index().stats(key).unwrap_or_default();
    let kb = kb_entity(engine, key);
    let label = corpus
        .index()
        .label(key)
        .or(kb.map(|e| e.label))
        .map_or_else(String::new, |l| l.as_str().to_owned());
    EntityItem {
        id: key.to_owned(),
        label,
        name: display_name(engine, corpus, key),
        mentions: stats.mentions,
        documents: stats.documents,
        first: stats.first_date.map(|d| d.to_string()),
        last: stats.last_date.map(|d| d.to_string()),
        in_kb: kb.is_some(),
        location: kb
            .and_then(|e| kb_location(e, enc))
            .or_else(|| first_mention(corpus, key, enc)),
    }
}

/// The entities of every workspace folder, the most mentioned first.
pub(crate) fn entities(state: &State, params: &EntitiesParams) -> Vec<EntityItem> {
    let enc = state.encoding();
    let query = params.query.as_deref().map(fold).filter(|q| !q.is_empty());
    let mut out: Vec<(usize, EntityId, Arc<crate::state::Workspace>)> = Vec::new();
    for ws in state.workspaces() {
        let engine = ws.engine();
        let corpus = read(&ws.corpus);
        let index = corpus.index();
        for (key, count) in index.entities() {
            if let Some(l) = &params.label
                && index.label(key.as_str()).is_none_or(|x| x.as_str() != l)
            {
                continue;
            }
            if let Some(q) = &query
                && !fold(&display_name(&engine, &corpus, key.as_str())).contains(q.as_str())
            {
                continue;
            }
            out.push((count, key.clone(), ws.clone()));
        }
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out.truncate(params.limit.unwrap_or(1000));
    out.iter()
        .map(|(_, key, ws)| item(&ws.engine(), &read(&ws.corpus), key.as_str(), enc))
        .collect()
}

/// Entities whose name contains the query (case and accents ignored).
pub(crate) fn workspace_symbols(
    state: &State,
    params: &WorkspaceSymbolParams,
) -> Option<WorkspaceSymbolResponse> {
    let items = entities(
        state,
        &EntitiesParams {
            query: Some(params.query.clone()),
            limit: Some(200),
            ..EntitiesParams::default()
        },
    );
    let symbols = items
        .into_iter()
        .filter_map(|e| {
            let location = e.location?;
            let label = Label::new(&e.label);
            Some(WorkspaceSymbol {
                name: e.name,
                kind: symbol_kind(label),
                tags: None,
                container_name: Some(format!(
                    "{} · {} mention{}",
                    label_name(label),
                    e.mentions,
                    if e.mentions == 1 { "" } else { "s" }
                )),
                location: tower_lsp_server::ls_types::OneOf::Left(location),
                data: None,
            })
        })
        .collect();
    Some(WorkspaceSymbolResponse::Nested(symbols))
}
