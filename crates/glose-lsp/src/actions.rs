//! Code actions: write a variant spelling the canonical way; add a name no list knows to
//! the corpus's knowledge base; the analyst's corrections (in `corrections.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use glose_core::text::fold;
use glose_core::{Annotation, KnowledgeBase, Label};
use tower_lsp_server::ls_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CreateFile,
    CreateFileOptions, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, ResourceOp, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};

use crate::encoding::{position, range};
use crate::query::{Target, target_range};
use crate::state::{State, path_uri};

/// The kind of the action that adds a name to the knowledge base.
pub(crate) const ADD_TO_KB: &str = "refactor.glose.addToKnowledgeBase";

pub(crate) async fn code_actions(
    state: &Arc<State>,
    params: CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let (t, from, to) = target_range(state, &params.text_document.uri, params.range).await?;
    let enc = state.encoding();
    let lines = t.analysis.document.lines();
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let mut out = Vec::new();
    // Fixes the taggers offer with their diagnostics.
    if wanted(&CodeActionKind::QUICKFIX) {
        for d in &t.analysis.annotated.diagnostics {
            if d.span.end < from || d.span.start > to {
                continue;
            }
            let diagnostic = params
                .context
                .diagnostics
                .iter()
                .find(|x| {
                    x.range == range(lines, d.span.start, d.span.end, enc)
                        && x.code == Some(lsp::NumberOrString::String(d.code.clone()))
                })
                .cloned();
            for fix in &d.fixes {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: range(lines, e.span.start, e.span.end, enc),
                        new_text: e.new_text.clone(),
                    })
                    .collect();
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostic.clone().map(|d| vec![d]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(t.uri.clone(), edits)])),
                        ..WorkspaceEdit::default()
                    }),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                }));
            }
        }
    }
    let add = CodeActionKind::new(ADD_TO_KB);
    if wanted(&add) {
        let text = t.analysis.text();
        let mut seen = Vec::new();
        for a in t.analysis.resolved() {
            if a.span.end < from || a.span.start > to || !a.label.is_entity() {
                continue;
            }
            let in_kb = a
                .entity
                .as_ref()
                .is_some_and(|e| !e.is_derived() && t.engine.kb.get(e.as_str()).is_some());
            let name = a.text(text);
            if in_kb || seen.contains(&fold(name)) {
                continue;
            }
            seen.push(fold(name));
            if let Some(edit) = add_to_kb(state, &t, a, name) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Add «{name}» to the knowledge base as {}", a.label.as_str()),
                    kind: Some(add.clone()),
                    edit: Some(edit),
                    ..CodeAction::default()
                }));
            }
        }
    }
    let correct = CodeActionKind::new(crate::corrections::KIND);
    if wanted(&correct) {
        let unplaced = |code: &str| code == glose_core::correction::UNPLACED;
        let unplaced = params
            .context
            .diagnostics
            .iter()
            .any(|d| matches!(&d.code, Some(lsp::NumberOrString::String(c)) if unplaced(c)))
            || (from == 0
                && t.analysis
                    .annotated
                    .diagnostics
                    .iter()
                    .any(|d| unplaced(&d.code)));
        out.extend(
            crate::corrections::actions(&t, from, to, unplaced, enc)
                .into_iter()
                .map(CodeActionOrCommand::CodeAction),
        );
    }
    Some(out)
}

/// A TOML basic string.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An id for a new entity: the folded name in kebab case, unique in the KB.
pub(crate) fn new_id(kb: &KnowledgeBase, name: &str) -> String {
    let base: String = fold(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "entity".to_owned()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while kb.get(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The TOML entry of a new entity.
pub(crate) fn entry(id: &str, label: Label, name: &str) -> String {
    format!(
        "\n[[entity]]\nid = {}\ntype = {}\nname = {}\n",
        toml_string(id),
        toml_string(label.as_str()),
        toml_string(name)
    )
}

/// The end of a file, as a position, and whether it ends with a line break.
fn end_of(path: &Path, enc: crate::encoding::PositionEncoding) -> Option<(Position, bool)> {
    let text = std::fs::read_to_string(path).ok()?;
    let lines = glose_core::text::LineIndex::new(&text);
    Some((
        position(&lines, text.len(), enc),
        text.is_empty() || text.ends_with('\n'),
    ))
}

fn insert(uri: Uri, at: Position, text: String) -> DocumentChangeOperation {
    DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
        edits: vec![OneOf::Left(TextEdit {
            range: lsp::Range::new(at, at),
            new_text: text,
        })],
    })
}

fn create(uri: Uri) -> DocumentChangeOperation {
    DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
        uri,
        options: Some(CreateFileOptions {
            overwrite: Some(false),
            ignore_if_exists: Some(true),
        }),
        annotation_id: None,
    }))
}

/// The edit that writes a new entity for `a` into the corpus's KB: its first KB file,
/// or `added.toml` in its first KB folder; without a KB in `glose.toml`, a new
/// `kb.toml` beside it, named in it.
fn add_to_kb(state: &State, t: &Target, a: &Annotation, name: &str) -> Option<WorkspaceEdit> {
    let ws = t.workspace.as_ref()?;
    let enc = state.encoding();
    let caps = state.session().caps;
    let id = new_id(&t.engine.kb, name);
    let entity = entry(&id, a.label, name);
    let mut ops: Vec<DocumentChangeOperation> = Vec::new();
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    let mut add =
        |path: &Path, text: String, ops: &mut Vec<DocumentChangeOperation>| -> Option<()> {
            let uri = path_uri(path)?;
            match end_of(path, enc) {
                Some((at, newline)) => {
                    let text = if newline { text } else { format!("\n{text}") };
                    ops.push(insert(uri.clone(), at, text.clone()));
                    changes.entry(uri).or_default().push(TextEdit {
                        range: lsp::Range::new(at, at),
                        new_text: text,
                    });
                }
                None => {
                    if !caps.create_files {
                        return None;
                    }
                    ops.push(create(uri.clone()));
                    ops.push(insert(
                        uri,
                        Position::new(0, 0),
                        text.trim_start().to_owned(),
                    ));
                }
            }
            Some(())
        };
    match t.engine.kb_target() {
        Some(file) => add(&file, entity, &mut ops)?,
        None => {
            let config = t
                .engine
                .config
                .file
                .clone()
                .unwrap_or_else(|| ws.root.join("glose.toml"));
            let folder = config
                .parent()
                .map_or_else(|| ws.root.clone(), PathBuf::from);
            let existing = std::fs::read_to_string(&config).ok();
            // A `[kb]` table without paths would need more than an append.
            if existing
                .as_deref()
                .is_some_and(|c| c.lines().any(|l| l.trim() == "[kb]"))
            {
                return None;
            }
            add(&folder.join("kb.toml"), entity, &mut ops)?;
            add(
                &config,
                "\n[kb]\npaths = [\"kb.toml\"]\n".to_owned(),
                &mut ops,
            )?;
        }
    }
    let creates = ops
        .iter()
        .any(|o| matches!(o, DocumentChangeOperation::Op(_)));
    if caps.document_changes || creates {
        Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(ops)),
            ..WorkspaceEdit::default()
        })
    } else {
        Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_valid_toml_with_unique_ids() {
        let kb = glose_core::testing::user_kb(
            "[[entity]]\nid = \"karim-haddad\"\ntype = \"PER\"\nname = \"Karim Haddad\"\n",
        );
        assert_eq!(new_id(&kb, "Karim Haddad"), "karim-haddad-2");
        assert_eq!(new_id(&kb, "Leïla \"Lili\" Mansour"), "leila-lili-mansour");
        let text = entry("leila-lili-mansour", Label::PER, "Leïla \"Lili\" Mansour");
        let loaded = glose_core::testing::user_kb(&text);
        assert_eq!(loaded.entities()[0].name, "Leïla \"Lili\" Mansour");
    }
}
