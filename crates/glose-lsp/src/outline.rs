//! What a document shows at a glance: its outline (document symbols), its highlighting
//! (semantic tokens) and inlay hints.

use std::collections::BTreeMap;
use std::sync::Arc;

use glose_core::corpus::entity_key;
use glose_core::text::fold;
use glose_core::{Annotation, Label};
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, InlayHint, InlayHintKind,
    InlayHintLabel, InlayHintParams, Location, Range, SemanticToken, SemanticTokenModifier,
    SemanticTokenType, SemanticTokens, SemanticTokensLegend, SemanticTokensParams,
    SemanticTokensRangeParams, SymbolInformation,
};

use crate::analysis::Analysis;
use crate::encoding::{PositionEncoding, position, range};
use crate::navigation::symbol_kind;
use crate::query::{Target, kb_entity, label_name, target, target_range};
use crate::state::State;

/// The legend of semantic tokens: one type per label, and a modifier for names linked
/// to the knowledge base. Documented in `docs/editors.md`.
pub(crate) const TOKEN_TYPES: [&str; 7] = [
    "person",
    "organization",
    "place",
    "date",
    "quantity",
    "quote",
    "entity",
];
pub(crate) const TOKEN_MODIFIERS: [&str; 1] = ["linked"];

pub(crate) fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES
            .iter()
            .map(|&t| SemanticTokenType::new(t))
            .collect(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|&m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

fn token_type(label: Label) -> u32 {
    match label {
        Label::PER => 0,
        Label::ORG => 1,
        Label::LOC => 2,
        Label::DATE => 3,
        Label::QUANTITY => 4,
        Label::QUOTE => 5,
        _ => 6,
    }
}

/// A highlighted piece of one line: (line, start column, length, type, modifiers).
type Piece = (u32, u32, u32, u32, u32);

/// The pieces of `[start, end)`, one per line it spans.
fn pieces(
    analysis: &Analysis,
    start: usize,
    end: usize,
    kind: u32,
    modifiers: u32,
    enc: PositionEncoding,
    out: &mut Vec<Piece>,
) {
    let lines = analysis.document.lines();
    let mut s = start;
    while s < end {
        let line = lines.line_of(s);
        let line_end = lines.line_range(line).map_or(end, |r| r.end).min(end);
        let (a, b) = (position(lines, s, enc), position(lines, line_end, enc));
        if b.character > a.character && a.line == b.line {
            out.push((
                a.line,
                a.character,
                b.character - a.character,
                kind,
                modifiers,
            ));
        }
        // Past the line break.
        match lines.line_range(line + 1) {
            Some(next) if next.start > s => s = next.start,
            _ => break,
        }
    }
}

/// The semantic tokens of an analysis, in `[from, to)` bytes.
fn tokens(analysis: &Analysis, from: usize, to: usize, enc: PositionEncoding) -> SemanticTokens {
    let mut named: Vec<&Annotation> = Vec::new();
    let mut quotes: Vec<&Annotation> = Vec::new();
    for a in analysis.resolved() {
        if a.span.end <= from || a.span.start >= to {
            continue;
        }
        if a.label == Label::QUOTE {
            quotes.push(a);
        } else {
            named.push(a);
        }
    }
    let mut out: Vec<Piece> = Vec::new();
    for a in &named {
        let linked = u32::from(a.entity.as_ref().is_some_and(|e| !e.is_derived()));
        pieces(
            analysis,
            a.span.start,
            a.span.end,
            token_type(a.label),
            linked,
            enc,
            &mut out,
        );
    }
    // Quotes around the names they hold: tokens may not overlap.
    for q in quotes {
        let mut s = q.span.start;
        for a in named
            .iter()
            .filter(|a| a.span.start >= q.span.start && a.span.end <= q.span.end)
        {
            if a.span.start > s {
                pieces(analysis, s, a.span.start, 5, 0, enc, &mut out);
            }
            s = s.max(a.span.end);
        }
        if q.span.end > s {
            pieces(analysis, s, q.span.end, 5, 0, enc, &mut out);
        }
    }
    out.sort_unstable();
    out.dedup_by(|b, a| a.0 == b.0 && a.1 + a.2 > b.1);
    let mut data = Vec::with_capacity(out.len());
    let (mut line, mut col) = (0, 0);
    for (l, c, len, kind, modifiers) in out {
        let delta_start = if l == line { c - col } else { c };
        data.push(SemanticToken {
            delta_line: l - line,
            delta_start,
            length: len,
            token_type: kind,
            token_modifiers_bitset: modifiers,
        });
        (line, col) = (l, c);
    }
    SemanticTokens {
        result_id: None,
        data,
    }
}

pub(crate) async fn semantic_tokens_full(
    state: &Arc<State>,
    params: SemanticTokensParams,
) -> Option<SemanticTokens> {
    let t = target(state, &params.text_document.uri).await?;
    Some(tokens(&t.analysis, 0, usize::MAX, state.encoding()))
}

pub(crate) async fn semantic_tokens_range(
    state: &Arc<State>,
    params: SemanticTokensRangeParams,
) -> Option<SemanticTokens> {
    let (t, from, to) = target_range(state, &params.text_document.uri, params.range).await?;
    Some(tokens(&t.analysis, from, to, state.encoding()))
}

/// The order of groups in the outline.
fn group_rank(label: Label) -> u8 {
    match label {
        Label::PER => 0,
        Label::ORG => 1,
        Label::LOC => 2,
        Label::DATE => 4,
        Label::QUANTITY => 5,
        Label::QUOTE => 6,
        _ => 3,
    }
}

fn shorten(s: &str, max: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
fn symbol(
    name: String,
    detail: Option<String>,
    label: Label,
    range: Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind: symbol_kind(label),
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children,
    }
}

/// The outline: one group per label; in each, the entities (with their mentions) or the
/// dates, quantities and quotes in order.
pub(crate) async fn document_symbols(
    state: &Arc<State>,
    params: DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let t = target(state, &params.text_document.uri).await?;
    let enc = state.encoding();
    let hierarchical = state.session().caps.hierarchical_symbols;
    let text = t.analysis.text();
    let lines = t.analysis.document.lines();
    // label → entity key → mentions, in order.
    let mut groups: BTreeMap<(u8, Label), BTreeMap<String, Vec<&Annotation>>> = BTreeMap::new();
    for (i, a) in t.analysis.resolved().enumerate() {
        let key = match entity_key(a, text) {
            Some(key) => key.to_string(),
            None => format!("{i:08}"),
        };
        groups
            .entry((group_rank(a.label), a.label))
            .or_default()
            .entry(key)
            .or_default()
            .push(a);
    }
    let whole = range(lines, 0, text.len(), enc);
    if !hierarchical {
        let mut flat = Vec::new();
        for ((_, label), items) in &groups {
            for mentions in items.values() {
                let a = mentions[0];
                #[allow(deprecated)]
                flat.push(SymbolInformation {
                    name: name_of(&t, a),
                    kind: symbol_kind(*label),
                    tags: None,
                    deprecated: None,
                    location: Location::new(
                        t.uri.clone(),
                        range(lines, a.span.start, a.span.end, enc),
                    ),
                    container_name: Some(label_name(*label).to_owned()),
                });
            }
        }
        flat.sort_by_key(|s| {
            (
                s.location.range.start.line,
                s.location.range.start.character,
            )
        });
        return Some(DocumentSymbolResponse::Flat(flat));
    }
    let mut out = Vec::new();
    for ((_, label), items) in groups {
        let mut entries: Vec<(&String, &Vec<&Annotation>)> = items.iter().collect();
        entries.sort_by_key(|(_, m)| m[0].span.start);
        let children: Vec<DocumentSymbol> = entries
            .into_iter()
            .map(|(_, mentions)| {
                let first = mentions[0];
                let r = range(lines, first.span.start, first.span.end, enc);
                if label.is_entity() {
                    let detail = format!(
                        "{} mention{}",
                        mentions.len(),
                        if mentions.len() == 1 { "" } else { "s" }
                    );
                    let each = mentions
                        .iter()
                        .map(|m| {
                            let r = range(lines, m.span.start, m.span.end, enc);
                            symbol(shorten(m.text(text), 60), None, label, r, None)
                        })
                        .collect();
                    symbol(name_of(&t, first), Some(detail), label, r, Some(each))
                } else {
                    symbol(
                        shorten(first.text(text), 60),
                        detail_of(first),
                        label,
                        r,
                        None,
                    )
                }
            })
            .collect();
        let name = format!("{} ({})", label_name(label), children.len());
        out.push(symbol(
            name,
            Some(label.as_str().to_owned()),
            label,
            whole,
            Some(children),
        ));
    }
    Some(DocumentSymbolResponse::Nested(out))
}

/// The name of an entity: its KB name, else the mention.
fn name_of(t: &Target, a: &Annotation) -> String {
    let text = t.analysis.text();
    if let Some(key) = entity_key(a, text)
        && let Some(e) = kb_entity(&t.engine, key.as_str())
    {
        return e.name.clone();
    }
    shorten(a.text(text), 60)
}

fn detail_of(a: &Annotation) -> Option<String> {
    match a.label {
        Label::DATE | Label::QUANTITY => {
            a.attrs.get(glose_core::quantity::VALUE).map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
        }
        Label::QUOTE => glose_core::quote::QuoteView::attrs_of(a)
            .speaker
            .map(str::to_owned),
        _ => None,
    }
}

/// After an acronym or alias, the name it stands for: `FDS` (Forces démocratiques
/// syriennes). Variant spellings get a diagnostic instead.
pub(crate) async fn inlay_hints(
    state: &Arc<State>,
    params: InlayHintParams,
) -> Option<Vec<InlayHint>> {
    let (t, from, to) = target_range(state, &params.text_document.uri, params.range).await?;
    let enc = state.encoding();
    let lines = t.analysis.document.lines();
    let text = t.analysis.text();
    let variants: Vec<(usize, usize)> = t
        .analysis
        .annotated
        .diagnostics
        .iter()
        .filter(|d| d.code == "variant-spelling")
        .map(|d| (d.span.start, d.span.end))
        .collect();
    let mut out = Vec::new();
    for a in t.analysis.resolved() {
        if a.span.end < from || a.span.start > to || !a.label.is_entity() {
            continue;
        }
        if variants.contains(&(a.span.start, a.span.end)) {
            continue;
        }
        let written = a.text(text);
        let full = match a.attrs.get("expansion").and_then(|v| v.as_str()) {
            Some(e) => Some(e.to_owned()),
            None => entity_key(a, text)
                .and_then(|key| kb_entity(&t.engine, key.as_str()))
                .map(|e| e.name.clone()),
        };
        let Some(full) = full else { continue };
        if fold(&full) == fold(written) || full.contains(written) && written.len() * 2 > full.len()
        {
            continue;
        }
        out.push(InlayHint {
            position: position(lines, a.span.end, enc),
            label: InlayHintLabel::String(format!("({full})")),
            kind: Some(InlayHintKind::TYPE),
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    Some(out)
}
