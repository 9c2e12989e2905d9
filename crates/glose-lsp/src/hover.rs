//! Hover: the card of the entity, date, quantity or quote under the cursor; a person's
//! or organisation's card lists their quotes across the corpus (from the index).

use std::fmt::Write as _;
use std::sync::Arc;

use glose_core::corpus::entity_key;
use glose_core::{Annotation, EntityId, Label, date, quantity};
use serde_json::Value;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::corpus::Corpus;
use crate::encoding::{offset, range};
use crate::markdown::escape;
use crate::query::{Target, display_name, kb_entity, label_name, target};
use crate::state::{State, read};

pub(crate) async fn hover(state: &Arc<State>, params: HoverParams) -> Option<Hover> {
    let p = params.text_document_position_params;
    let t = target(state, &p.text_document.uri).await?;
    let enc = state.encoding();
    let lines = t.analysis.document.lines();
    let at = offset(lines, p.position, enc);
    let a = t.analysis.at(at)?;
    let value = card(&t, a);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range(lines, a.span.start, a.span.end, enc)),
    })
}

fn attr<'a>(a: &'a Annotation, key: &str) -> Option<&'a Value> {
    a.attrs.get(key)
}

fn attr_str<'a>(a: &'a Annotation, key: &str) -> Option<&'a str> {
    attr(a, key).and_then(Value::as_str)
}

/// A value as text: `300`, `300–400`, `2019-02-21`.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join("–"),
        other => other.to_string(),
    }
}

/// The card of an annotation, in Markdown.
pub(crate) fn card(t: &Target, a: &Annotation) -> String {
    let text = a.text(t.analysis.text());
    if let Some(key) = entity_key(a, t.analysis.text()) {
        return match &t.workspace {
            Some(ws) => entity_card(t, a, &key, Some(&read(&ws.corpus))),
            None => entity_card(t, a, &key, None),
        };
    }
    let mut out = String::new();
    match a.label {
        Label::DATE => {
            let _ = write!(out, "**{}** · date", escape(text));
            if let Some(v) = attr(a, date::VALUE) {
                let _ = write!(out, "\n\n`{}`", show(v));
                if let Some(p) = attr_str(a, date::PRECISION) {
                    let _ = write!(out, " ({p})");
                }
            }
            if let Some(w) = attr_str(a, date::WEEKDAY) {
                let _ = write!(out, "\n\nweekday: {w}");
            }
            if attr(a, date::RESOLVED) == Some(&Value::Bool(true)) {
                out.push_str("\n\n*resolved against the article's date*");
            }
        }
        Label::QUANTITY => {
            let _ = write!(out, "**{}** · quantity", escape(text));
            let mut facts = Vec::new();
            if let Some(v) = attr(a, quantity::VALUE) {
                let approx = if attr(a, quantity::APPROXIMATE) == Some(&Value::Bool(true)) {
                    "≈ "
                } else {
                    ""
                };
                let what = attr_str(a, quantity::NOUN)
                    .or_else(|| attr_str(a, quantity::UNIT))
                    .unwrap_or("");
                facts.push(format!("value: {approx}`{}` {}", show(v), escape(what)));
            }
            if let Some(x) = attr_str(a, quantity::APPROXIMATOR) {
                facts.push(format!("approximator: {x}"));
            }
            if let Some(about) = attr_str(a, quantity::ABOUT) {
                let name = t.engine.kb.get(about).map_or_else(
                    || about.trim_start_matches('~').to_owned(),
                    |e| e.name.clone(),
                );
                facts.push(format!("about: {}", escape(&name)));
            }
            for f in facts {
                let _ = write!(out, "\n\n{f}");
            }
        }
        Label::QUOTE => {
            out.push_str("**Quote**");
            let q = glose_core::quote::QuoteView::attrs_of(a);
            match q.speaker {
                Some(s) => {
                    let _ = write!(out, "\n\nspeaker: **{}**", escape(s));
                }
                None => out.push_str("\n\nspeaker: not named in the sentence"),
            }
            if let Some(v) = q.verb {
                let _ = write!(out, "\n\nverb: *{}*", escape(v));
            }
            if q.anonymous {
                out.push_str("\n\n*anonymous source*");
            }
        }
        _ => {}
    }
    out
}

/// The card of `a`, a mention of the entity `key`.
fn entity_card(t: &Target, a: &Annotation, key: &EntityId, corpus: Option<&Corpus>) -> String {
    let text = t.analysis.text();
    let key = key.as_str();
    let kb = kb_entity(&t.engine, key);
    let name = match (kb, corpus) {
        (Some(e), _) => e.name.clone(),
        (None, Some(c)) => display_name(&t.engine, c, key),
        (None, None) => a.text(text).to_owned(),
    };
    let mut out = format!("**{}** · {}", escape(&name), label_name(a.label));
    if let Some(kind) = kb.and_then(|e| e.kind.as_deref()) {
        let _ = write!(out, " ({})", escape(kind));
    }
    let _ = write!(out, " `{}`", a.label);
    if let Some(e) = kb {
        if !e.aliases.is_empty() {
            let aliases: Vec<String> = e.aliases.iter().map(|s| escape(s)).collect();
            let _ = write!(out, "\n\nalso: {}", aliases.join(", "));
        }
        if let Some(d) = &e.description {
            let _ = write!(out, "\n\n{}", escape(d));
        }
        let links: Vec<String> = e
            .ids
            .iter()
            .map(|(scheme, id)| match scheme.as_str() {
                "wikidata" => format!("[Wikidata {id}](https://www.wikidata.org/wiki/{id})"),
                "geonames" => format!("[GeoNames {id}](https://www.geonames.org/{id})"),
                _ => format!("{scheme}: {id}"),
            })
            .collect();
        if !links.is_empty() {
            let _ = write!(out, "\n\n{}", links.join(" · "));
        }
    } else if let Some(expansion) = attr_str(a, "expansion") {
        let _ = write!(out, "\n\nstands for «{}»", escape(expansion));
    }
    if let Some(s) = corpus.and_then(|c| c.index().stats(key)) {
        let _ = write!(
            out,
            "\n\n{} mention{} in {} article{}",
            s.mentions,
            if s.mentions == 1 { "" } else { "s" },
            s.documents,
            if s.documents == 1 { "" } else { "s" }
        );
        match (s.first_date, s.last_date) {
            (Some(f), Some(l)) if f == l => {
                let _ = write!(out, ", {f}");
            }
            (Some(f), Some(l)) => {
                let _ = write!(out, ", {f} → {l}");
            }
            _ => {}
        }
    }
    let path = crate::state::uri_path(&t.uri);
    if let Some(quotes) =
        crate::quotes::card_lines(corpus, key, &t.analysis, path.as_deref(), &t.uri)
    {
        let _ = write!(out, "\n\n{quotes}");
    }
    match kb {
        Some(e) => {
            let _ = write!(out, "\n\n*knowledge base: `{}`*", e.id.as_str());
        }
        None => {
            let why = attr_str(a, "evidence").map_or_else(String::new, |e| format!(" ({e})"));
            let _ = write!(
                out,
                "\n\n*not in the knowledge base: found by `{}`{why}*",
                a.tagger
            );
        }
    }
    out
}
