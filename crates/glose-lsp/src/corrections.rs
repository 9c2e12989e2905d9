//! Corrections from the editor: the code actions that tag, reject, retype, re-extend or
//! link an annotation (or set a rule for the whole corpus), and the commands that write
//! them to the corpus's `.glose/corrections.jsonl` (see `glose_core::correction`).
//!
//! An action carries the whole correction, made from the text the analyst sees; the
//! server signs it, writes it under the file's lock, and applies it to the open
//! documents at once (an engine with the new corrections and the same taggers); the
//! corpus is then loaded and indexed again in the background, so that the corpus
//! memory and the index agree with it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use glose_core::correction::{self, Correction, Decision, Scope};
use glose_core::text::fold;
use glose_core::{Annotation, Entity, KnowledgeBase, Label, Span};
use serde::Deserialize;
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    self as lsp, CodeAction, CodeActionKind, Command, TextEdit, Uri, WorkspaceEdit,
};

use crate::actions::toml_string;
use crate::encoding::{PositionEncoding, position};
use crate::engine::Engine;
use crate::events::Event;
use crate::query::Target;
use crate::state::{State, path_uri, uri_path, write};

/// The kind of every correction action.
pub(crate) const KIND: &str = "refactor.glose.correct";
/// Writes the correction given (`{"uri", "correction"}`).
pub(crate) const APPLY: &str = "glose.applyCorrection";
/// Removes the correction given (`{"uri", "correction"}`), or the corrections of the
/// article that can no longer be placed (`{"uri", "unplaced": true}`).
pub(crate) const REMOVE: &str = "glose.removeCorrection";

/// The labels an analyst can tag a selection with.
const TAGS: [Label; 5] = [
    Label::PER,
    Label::ORG,
    Label::LOC,
    Label::DATE,
    Label::QUANTITY,
];
/// KB entities offered for a link.
const CANDIDATES: usize = 3;

/// The correction actions at `from..to` of the target document.
pub(crate) fn actions(
    t: &Target,
    from: usize,
    to: usize,
    unplaced: bool,
    enc: PositionEncoding,
) -> Vec<CodeAction> {
    let Some(file) = t.engine.corrections_root_relative(t) else {
        return Vec::new();
    };
    let text = t.analysis.text();
    let mut out = Vec::new();
    let act = |title: String, command: &str, argument: Value| CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::new(KIND)),
        command: Some(Command {
            title,
            command: command.to_owned(),
            arguments: Some(vec![argument]),
        }),
        ..CodeAction::default()
    };
    let apply = |c: &Correction| json!({"uri": t.uri.as_str(), "correction": line(c)});
    let annotations: Vec<&Annotation> = t
        .analysis
        .resolved()
        .filter(|a| a.label != Label::QUOTE)
        .filter(|a| {
            if from == to {
                a.span.touches(from)
            } else {
                a.span.start < to && from < a.span.end
            }
        })
        .collect();
    // A selection: tag it, or make it the extent of what it overlaps.
    let selection = trimmed(text, from, to);
    if let Some(sel) = selection
        && !annotations.iter().any(|a| a.span == sel)
    {
        let words = &text[sel.start..sel.end];
        for label in labels(&t.engine) {
            let c = Correction::in_article(&file, text, sel, tag(label, None));
            out.push(act(format!("Tag «{words}» as {label}"), APPLY, apply(&c)));
        }
        for a in &annotations {
            let c = Correction::in_article(&file, text, sel, tag(a.label, kb_id(a)));
            out.push(act(
                format!(
                    "Fix the extent: «{words}» as {} (instead of «{}»)",
                    a.label,
                    a.text(text)
                ),
                APPLY,
                apply(&c),
            ));
        }
        for label in Label::NAMES {
            let c = Correction::in_corpus(words, tag(label, None));
            out.push(act(
                format!("Always tag «{words}» as {label} in this corpus"),
                APPLY,
                apply(&c),
            ));
        }
    }
    for a in &annotations {
        let words = a.text(text);
        // The analyst's own correction here: undo it. (A name spread from a correction
        // in another article is corrected here like any other.)
        if a.tagger == correction::TAGGER
            && let Some(c) = placed_correction(&t.engine, &file, text, a.span)
        {
            out.push(act(
                format!("Undo the correction of «{words}»"),
                REMOVE,
                apply(&c),
            ));
            continue;
        }
        let reject = if a.label.is_entity() {
            Decision::Reject { label: None }
        } else {
            Decision::Reject {
                label: Some(a.label),
            }
        };
        let what = match a.label {
            l if l == Label::DATE => "a date",
            l if l == Label::QUANTITY => "a quantity",
            _ => "an entity",
        };
        let c = Correction::in_article(&file, text, a.span, reject);
        out.push(act(
            format!("Not {what}: «{words}» ({} by {})", a.label, a.tagger),
            APPLY,
            apply(&c),
        ));
        if a.label.is_entity() {
            for label in labels(&t.engine).filter(|l| *l != a.label && l.is_entity()) {
                let c = Correction::in_article(&file, text, a.span, tag(label, None));
                out.push(act(
                    format!("Change «{words}» to {label}"),
                    APPLY,
                    apply(&c),
                ));
            }
            for e in candidates(&t.engine.kb, words, a.label) {
                if a.entity
                    .as_ref()
                    .is_some_and(|id| id.as_str() == e.id.as_str())
                {
                    continue;
                }
                let c = Correction::in_article(
                    &file,
                    text,
                    a.span,
                    tag(e.label, Some(e.id.as_str().to_owned())),
                );
                out.push(act(
                    format!("Link «{words}» to {} ({})", e.name, e.id.as_str()),
                    APPLY,
                    apply(&c),
                ));
                if let Some(edit) = alias_edit(e, words, enc) {
                    out.push(CodeAction {
                        title: format!(
                            "Add «{words}» as an alias of {} ({})",
                            e.name,
                            e.id.as_str()
                        ),
                        kind: Some(CodeActionKind::new(KIND)),
                        edit: Some(edit),
                        ..CodeAction::default()
                    });
                }
            }
        }
        let c = Correction::in_corpus(words, Decision::Reject { label: None });
        if a.label.is_entity() {
            out.push(act(
                format!("Never tag «{words}» in this corpus"),
                APPLY,
                apply(&c),
            ));
            let c = Correction::in_corpus(words, tag(a.label, kb_id(a)));
            out.push(act(
                format!("Always tag «{words}» as {} in this corpus", a.label),
                APPLY,
                apply(&c),
            ));
        }
    }
    // A rejection leaves nothing to click on: it is undone where it was made.
    for (c, span) in rejections(&t.engine, &file, text, from, to) {
        let words = &text[span.start..span.end];
        let title = match c.scope {
            Scope::Article { .. } => format!("Undo the rejection of «{words}»"),
            Scope::Corpus => format!("Undo the rule never to tag «{words}»"),
        };
        out.push(act(title, REMOVE, apply(&c)));
    }
    if unplaced {
        out.push(act(
            "Forget the corrections of this article that can no longer be placed".to_owned(),
            REMOVE,
            json!({"uri": t.uri.as_str(), "unplaced": true}),
        ));
    }
    out
}

fn tag(label: Label, entity: Option<String>) -> Decision {
    Decision::Tag { label, entity }
}

fn line(c: &Correction) -> Value {
    serde_json::from_str(&c.to_json()).unwrap_or(Value::Null)
}

/// The KB id of an annotation's entity, if it is linked to one.
fn kb_id(a: &Annotation) -> Option<String> {
    a.entity
        .as_ref()
        .filter(|e| !e.is_derived())
        .map(|e| e.as_str().to_owned())
}

/// `from..to` without the spaces around it; `None` when nothing is left.
fn trimmed(text: &str, from: usize, to: usize) -> Option<Span> {
    let selected = text.get(from..to)?;
    let start = from + (selected.len() - selected.trim_start().len());
    let end = to - (selected.len() - selected.trim_end().len());
    (start < end && !text[start..end].contains('\n')).then_some(Span::new(start, end))
}

/// The labels to tag with: the usual ones, then those of the pipeline's other taggers
/// (plugins, rule files).
fn labels(engine: &Engine) -> impl Iterator<Item = Label> {
    let mut all: Vec<Label> = TAGS.to_vec();
    for t in engine.pipeline.taggers() {
        for &l in t.provides() {
            if l != Label::QUOTE && !all.contains(&l) {
                all.push(l);
            }
        }
    }
    all.into_iter()
}

/// The article correction that made the annotation at `span`.
fn placed_correction(engine: &Engine, file: &str, text: &str, span: Span) -> Option<Correction> {
    let corrections = engine.corrections()?;
    let article = corrections
        .of_article(file)
        .find(|c| c.anchor(text) == Some(span) && matches!(c.decision, Decision::Tag { .. }));
    let rule = || {
        corrections
            .list()
            .iter()
            .find(|c| c.scope == Scope::Corpus && c.text == text[span.start..span.end])
    };
    article.or_else(rule).cloned()
}

/// The rejections that apply at `from..to` (the cursor touching them): this article's,
/// and the corpus's rules never to tag a text that stands there.
fn rejections(
    engine: &Engine,
    file: &str,
    text: &str,
    from: usize,
    to: usize,
) -> Vec<(Correction, Span)> {
    let Some(corrections) = engine.corrections() else {
        return Vec::new();
    };
    let touches = |span: Span| span.start <= to && from <= span.end;
    let mut out: Vec<(Correction, Span)> = corrections
        .of_article(file)
        .filter(|c| matches!(c.decision, Decision::Reject { .. }))
        .filter_map(|c| Some((c.clone(), c.anchor(text).filter(|s| touches(*s))?)))
        .collect();
    for c in corrections.list() {
        if c.scope != Scope::Corpus || !matches!(c.decision, Decision::Reject { .. }) {
            continue;
        }
        // Only the occurrences near the cursor are looked at.
        let mut start = from.saturating_sub(c.text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (to + c.text.len()).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let found = text[start..end]
            .match_indices(c.text.as_str())
            .map(|(i, _)| Span::new(start + i, start + i + c.text.len()))
            .find(|s| touches(*s));
        if let Some(span) = found {
            out.push((c.clone(), span));
        }
    }
    out
}

/// The KB entities a text may name: one of its names is the text (case and accents
/// aside), or contains the text's last word (a surname, the head of a place name) or at
/// least two of its words (of three letters or more, folded); the most words shared
/// first, of its label first.
fn candidates<'a>(kb: &'a KnowledgeBase, text: &str, label: Label) -> Vec<&'a Entity> {
    let words = |s: &str| -> Vec<String> {
        fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_owned)
            .collect()
    };
    let wanted = words(text);
    let Some(last) = wanted.last() else {
        return Vec::new();
    };
    let folded = fold(text);
    let mut scored: Vec<(usize, &Entity)> = kb
        .entities()
        .iter()
        .filter_map(|e| {
            let best = e
                .names()
                .map(|n| {
                    if fold(n) == folded {
                        return 100;
                    }
                    let have = words(n);
                    let shared = wanted.iter().filter(|w| have.contains(w)).count();
                    if shared >= 2 || have.contains(last) {
                        shared
                    } else {
                        0
                    }
                })
                .max()
                .unwrap_or(0);
            (best > 0).then(|| (best * 2 + usize::from(e.label == label), e))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored
        .into_iter()
        .take(CANDIDATES)
        .map(|(_, e)| e)
        .collect()
}

/// The edit adding `alias` to the entry of `e` in its KB file: to its `aliases` array,
/// or as a new `aliases` line under its header. `None` for an entity of the built-in KB
/// or a file that cannot be read.
fn alias_edit(e: &Entity, alias: &str, enc: PositionEncoding) -> Option<WorkspaceEdit> {
    if e.layer != glose_core::Layer::User || e.aliases.iter().any(|a| a == alias) {
        return None;
    }
    let path = Path::new(&*e.origin.file);
    let text = std::fs::read_to_string(path).ok()?;
    let header_end = e.origin.span.end.min(text.len());
    let line_end = text[header_end..]
        .find('\n')
        .map_or(text.len(), |i| header_end + i);
    // The entry runs to the next table header.
    let entry_end = text[line_end..]
        .match_indices("\n[")
        .next()
        .map_or(text.len(), |(i, _)| line_end + i);
    let quoted = toml_string(alias);
    let mut at = None;
    let mut offset = line_end;
    for l in text[line_end..entry_end].split_inclusive('\n') {
        let key = l.trim_start();
        if let Some(rest) = key.strip_prefix("aliases")
            && rest.trim_start().starts_with('=')
            && let Some(open) = l.find('[')
        {
            let empty = l[open + 1..].trim_start().starts_with(']');
            let insert = if empty {
                quoted.clone()
            } else {
                format!("{quoted}, ")
            };
            at = Some((offset + open + 1, insert));
            break;
        }
        offset += l.len();
    }
    let (at, insert) = at.unwrap_or((line_end, format!("\naliases = [{quoted}]")));
    let lines = glose_core::text::LineIndex::new(&text);
    let pos = position(&lines, at, enc);
    let uri = path_uri(path)?;
    Some(WorkspaceEdit {
        changes: Some(HashMap::from([(
            uri,
            vec![TextEdit {
                range: lsp::Range::new(pos, pos),
                new_text: insert,
            }],
        )])),
        ..WorkspaceEdit::default()
    })
}

/// A change to the list of corrections, run under the file's lock.
type Change = Box<dyn FnOnce(&mut Vec<Correction>) + Send>;

/// The argument of both commands.
#[derive(Deserialize)]
struct Argument {
    uri: Uri,
    #[serde(default)]
    correction: Option<Value>,
    #[serde(default)]
    unplaced: bool,
}

fn invalid(message: impl Into<String>) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InvalidParams,
        message: message.into().into(),
        data: None,
    }
}

/// Who makes the corrections of this server: `GLOSE_USER`, else the system's user.
fn user() -> Option<String> {
    ["GLOSE_USER", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
}

/// Runs [`APPLY`] or [`REMOVE`].
pub(crate) async fn execute(
    state: &Arc<State>,
    command: &str,
    arguments: Vec<Value>,
) -> jsonrpc::Result<Option<Value>> {
    let argument = arguments
        .into_iter()
        .next()
        .ok_or_else(|| invalid(format!("{command} needs an argument")))?;
    let argument: Argument =
        serde_json::from_value(argument).map_err(|e| invalid(format!("{command}: {e}")))?;
    let path = uri_path(&argument.uri).ok_or_else(|| invalid("not a file URI"))?;
    let ws = state
        .workspace_of(&path)
        .ok_or_else(|| invalid(format!("{} is in no workspace folder", path.display())))?;
    let engine = ws.engine();
    let correction = argument
        .correction
        .map(|v| Correction::from_json(&v.to_string()))
        .transpose()
        .map_err(|e| invalid(format!("{command}: {e}")))?;
    let root = engine.root.clone();
    let change: Change = match (command, correction) {
        (APPLY, Some(c)) => {
            let c = c.signed(user());
            Box::new(move |list| correction::add(list, c))
        }
        (REMOVE, Some(c)) => Box::new(move |list| {
            correction::remove(list, &c);
        }),
        (REMOVE, None) if argument.unplaced => {
            let file = correction::relative(&root, &path)
                .ok_or_else(|| invalid("the article is outside its corpus"))?;
            let text = crate::indexer::current_text(state, &path).unwrap_or_default();
            Box::new(move |list| {
                list.retain(|c| c.file() != Some(file.as_str()) || c.anchor(&text).is_some());
            })
        }
        _ => return Err(invalid(format!("{command}: no correction given"))),
    };
    let written = tokio::task::spawn_blocking(move || correction::update(&root, change))
        .await
        .map_err(|_| jsonrpc::Error::internal_error())?;
    if let Err(e) = written {
        let message = format!("cannot write {}: {e}", engine.corrections_file().display());
        state
            .client
            .show_message(lsp::MessageType::ERROR, message.clone())
            .await;
        return Err(jsonrpc::Error {
            code: jsonrpc::ErrorCode::InternalError,
            message: message.into(),
            data: None,
        });
    }
    changed(state, &ws);
    Ok(None)
}

/// The corrections file of `ws` changed: its open documents are analysed again with
/// the new corrections now, and the corpus is loaded and indexed again behind them.
pub(crate) fn changed(state: &Arc<State>, ws: &Arc<crate::state::Workspace>) {
    let engine = ws.engine();
    let workspace = engine.workspace.with_corrections_reloaded();
    let list = |w: &glose_workspace::Workspace| w.corrections().map(|c| c.list().to_vec());
    if list(&workspace) == list(&engine.workspace) {
        return;
    }
    let quick = Arc::new(Engine {
        generation: state.next_generation(),
        workspace,
    });
    *write(&ws.engine) = quick;
    state.send(Event::Refresh);
    state.refresh_views();
    crate::indexer::spawn_reload(state.clone(), ws.clone());
}

impl Engine {
    /// The path of the target's article relative to the corpus root, when it is a file
    /// of this engine's corpus (corrections belong to files).
    fn corrections_root_relative(&self, t: &Target) -> Option<String> {
        if !self.corrections_on || t.workspace.is_none() {
            return None;
        }
        correction::relative(&self.root, &uri_path(&t.uri)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_share_the_last_word_or_two_words() {
        let kb = glose_core::testing::user_kb(
            "[[entity]]\nid = \"akh\"\ntype = \"PER\"\nname = \"Abdel Karim al-Hassan\"\n\n\
             [[entity]]\nid = \"kh\"\ntype = \"PER\"\nname = \"Karim Haddad\"\n\n\
             [[entity]]\nid = \"nh\"\ntype = \"PER\"\nname = \"Nadia Haddad\"\n\n\
             [[entity]]\nid = \"fdn\"\ntype = \"ORG\"\nname = \"Forces de défense du Nord\"\n",
        );
        let ids = |text: &str, label| -> Vec<&str> {
            candidates(&kb, text, label)
                .iter()
                .map(|e| e.id.as_str())
                .collect()
        };
        // A given name alone is no reason; the surname is.
        assert_eq!(ids("Karim Haddad", Label::PER), ["kh", "nh"]);
        assert_eq!(ids("Haddad", Label::PER), ["kh", "nh"]);
        assert_eq!(ids("Karim Benali", Label::PER), Vec::<&str>::new());
        assert_eq!(ids("Forces du Nord", Label::ORG), ["fdn"]);
        assert_eq!(ids("le", Label::ORG), Vec::<&str>::new());
    }
}
