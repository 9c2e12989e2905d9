//! Quotes as data: the `glose/quotes` request, and the quotes of a person or
//! organisation on their hover card. Both read the corpus index, which keeps the quotes
//! of every article and, by speaker, where they are; an article open in the editor
//! counts as the editor has it.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use glose_core::corpus::entity_key;
use glose_core::text::LineIndex;
use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{Position, Range, Uri};

use crate::analysis::Analysis;
use crate::corpus::{Corpus, Quote};
use crate::encoding::{PositionEncoding, offset, range};
use crate::query::target;
use crate::state::{DocKind, State, read, uri_path};

/// Parameters of `glose/quotes`, all optional: `entity` for the quotes of one speaker
/// across the corpus, `uri` for those of one article (both: that speaker's in that
/// article), `uri` and `position` for those of the person or organisation named there;
/// none for every quote of the corpus.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub(crate) struct QuotesParams {
    pub(crate) entity: Option<String>,
    pub(crate) uri: Option<Uri>,
    pub(crate) position: Option<Position>,
}

/// A quote, as `glose/quotes` lists it.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct QuoteItem {
    pub(crate) uri: Uri,
    pub(crate) range: Range,
    /// The quote as written, quotation marks included.
    pub(crate) text: String,
    pub(crate) speaker: Option<String>,
    /// The speaker's entity id (KB id, or derived from the name).
    pub(crate) speaker_entity: Option<String>,
    pub(crate) verb: Option<String>,
    pub(crate) anonymous: bool,
    /// Where the article names the speaker for this quote.
    pub(crate) speaker_range: Option<Range>,
}

fn item(uri: &Uri, lines: &LineIndex, q: &Quote, enc: PositionEncoding) -> QuoteItem {
    QuoteItem {
        uri: uri.clone(),
        range: range(lines, q.start as usize, q.end as usize, enc),
        text: q.text.to_string(),
        speaker: q.speaker.as_deref().map(str::to_owned),
        speaker_entity: q.speaker_entity.as_deref().map(str::to_owned),
        verb: q.verb.as_deref().map(str::to_owned),
        anonymous: q.anonymous,
        speaker_range: q
            .speaker_span
            .map(|(s, e)| range(lines, s as usize, e as usize, enc)),
    }
}

/// By article, then by position in it; one item per quote (an article of two nested
/// workspace folders is indexed by both).
fn ordered(mut items: Vec<QuoteItem>) -> Vec<QuoteItem> {
    let key = |r: &Range| (r.start.line, r.start.character, r.end.line, r.end.character);
    items.sort_by(|a, b| {
        a.uri
            .as_str()
            .cmp(b.uri.as_str())
            .then_with(|| key(&a.range).cmp(&key(&b.range)))
    });
    items.dedup_by(|a, b| a.uri == b.uri && a.range == b.range);
    items
}

fn invalid(message: String) -> jsonrpc::Error {
    jsonrpc::Error::invalid_params(message)
}

fn failed() -> jsonrpc::Error {
    jsonrpc::Error::internal_error()
}

/// An article open in the editor, analysed as it stands there.
struct Open {
    path: PathBuf,
    uri: Uri,
    analysis: Arc<Analysis>,
}

/// The open articles of workspace folders, each with its analysis for the text the
/// editor has now (the actor's latest, or one made now).
async fn open_articles(state: &Arc<State>) -> Vec<Open> {
    let mut out = Vec::new();
    for doc in state.open_docs() {
        if doc.kind != DocKind::Article {
            continue;
        }
        let Some(path) = doc.path.clone() else {
            continue;
        };
        if let Some(t) = target(state, &doc.uri).await {
            out.push(Open {
                path,
                uri: doc.uri.clone(),
                analysis: t.analysis,
            });
        }
    }
    out
}

/// `glose/quotes`.
pub(crate) async fn quotes(
    state: &Arc<State>,
    params: QuotesParams,
) -> jsonrpc::Result<Vec<QuoteItem>> {
    let enc = state.encoding();
    let entity = params.entity.filter(|e| !e.is_empty());
    if let Some(pos) = params.position {
        let Some(uri) = params.uri else {
            return Err(invalid("`position` needs the `uri` of its document".into()));
        };
        if entity.is_some() {
            return Err(invalid("give `entity` or `position`, not both".into()));
        }
        let t = target(state, &uri)
            .await
            .ok_or_else(|| invalid(format!("{}: no such article", uri.as_str())))?;
        let at = offset(t.analysis.document.lines(), pos, enc);
        let Some(key) = t
            .analysis
            .at(at)
            .and_then(|a| entity_key(a, t.analysis.text()))
        else {
            // Not on a name: no speaker.
            return Ok(Vec::new());
        };
        return corpus_quotes(state, Some(Arc::from(key.as_str()))).await;
    }
    match params.uri {
        Some(uri) => article_quotes(state, uri, entity.map(Arc::from)).await,
        None => corpus_quotes(state, entity.map(Arc::from)).await,
    }
}

/// The quotes of the article `uri` (of the speaker `entity` only, if given): from the
/// index when the article is not open and indexed, else from its analysis.
async fn article_quotes(
    state: &Arc<State>,
    uri: Uri,
    entity: Option<Arc<str>>,
) -> jsonrpc::Result<Vec<QuoteItem>> {
    let enc = state.encoding();
    let keep = move |q: &Quote| {
        entity
            .as_deref()
            .is_none_or(|e| q.speaker_entity.as_deref() == Some(e))
    };
    if state.open_doc(&uri).is_none()
        && let Some(path) = uri_path(&uri)
        && let Some(ws) = state.workspace_of(&path)
    {
        let (uri, keep) = (uri.clone(), keep.clone());
        let indexed = tokio::task::spawn_blocking(move || {
            let corpus = read(&ws.corpus);
            let file = corpus.file_at(&path)?;
            Some(
                file.quotes
                    .iter()
                    .filter(|q| keep(q))
                    .map(|q| item(&uri, &file.lines, q, enc))
                    .collect::<Vec<_>>(),
            )
        })
        .await
        .map_err(|_| failed())?;
        if let Some(items) = indexed {
            return Ok(items);
        }
    }
    let t = target(state, &uri)
        .await
        .ok_or_else(|| invalid(format!("{}: no such article", uri.as_str())))?;
    tokio::task::spawn_blocking(move || {
        let lines = t.analysis.document.lines();
        Quote::all(&t.analysis)
            .iter()
            .filter(|q| keep(q))
            .map(|q| item(&uri, lines, q, enc))
            .collect()
    })
    .await
    .map_err(|_| failed())
}

/// The quotes of every indexed article (of the speaker `entity` only, if given), open
/// articles as the editor has them.
async fn corpus_quotes(
    state: &Arc<State>,
    entity: Option<Arc<str>>,
) -> jsonrpc::Result<Vec<QuoteItem>> {
    let open = open_articles(state).await;
    let state = state.clone();
    tokio::task::spawn_blocking(move || collect(&state, &open, entity.as_deref()))
        .await
        .map_err(|_| failed())
}

fn collect(state: &State, open: &[Open], entity: Option<&str>) -> Vec<QuoteItem> {
    let enc = state.encoding();
    let keep = |q: &Quote| entity.is_none_or(|e| q.speaker_entity.as_deref() == Some(e));
    let open_paths: HashSet<&Path> = open.iter().map(|o| o.path.as_path()).collect();
    let mut in_corpus: HashSet<&Path> = HashSet::new();
    let mut items = Vec::new();
    for ws in state.workspaces() {
        let corpus = read(&ws.corpus);
        in_corpus.extend(
            open.iter()
                .filter(|o| corpus.file_at(&o.path).is_some())
                .map(|o| o.path.as_path()),
        );
        let mut push = |file: &crate::corpus::FileEntry, q: &Quote| {
            if !open_paths.contains(file.path.as_path()) {
                items.push(item(&file.uri, &file.lines, q, enc));
            }
        };
        match entity {
            Some(key) => corpus.quotes_of(key).for_each(|(f, q)| push(f, q)),
            None => corpus
                .files()
                .for_each(|f| f.quotes.iter().for_each(|q| push(f, q))),
        }
    }
    for o in open.iter().filter(|o| in_corpus.contains(o.path.as_path())) {
        let lines = o.analysis.document.lines();
        items.extend(
            Quote::all(&o.analysis)
                .iter()
                .filter(|q| keep(q))
                .map(|q| item(&o.uri, lines, q, enc)),
        );
    }
    ordered(items)
}

/// How many quotes the hover card shows.
const SHOWN: usize = 3;
/// About how many characters of each.
const SHORT: usize = 120;

/// A quote on one line, at most about [`SHORT`] characters: cut at a word, with its
/// closing mark kept.
fn shorten(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SHORT {
        return flat;
    }
    let close = flat
        .chars()
        .last()
        .filter(|c| matches!(c, '»' | '”' | '"'))
        .map_or_else(String::new, |c| format!(" {c}"));
    let cut = flat
        .char_indices()
        .nth(SHORT - 4)
        .map_or(flat.len(), |(i, _)| i);
    let head = &flat[..cut];
    let head = match head.rfind(' ') {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    format!("{}…{close}", head.trim_end())
}

/// The lines of the hover card of entity `key` on its quotes across the corpus: how
/// many, in how many articles, and the first [`SHOWN`] (by article, then position) with
/// their article's name. The hovered article (`here`, at `path`) counts as analysed
/// now. `None` when the entity has no quote.
pub(crate) fn card_lines(
    corpus: Option<&Corpus>,
    key: &str,
    here: &Analysis,
    path: Option<&Path>,
    uri: &Uri,
) -> Option<String> {
    let is_here = |p: &Path| path == Some(p);
    // (article uri, article name, start, text)
    let mut found: Vec<(&str, String, u32, &str)> = Vec::new();
    let name = |p: Option<&Path>, uri: &Uri| {
        p.and_then(Path::file_name).map_or_else(
            || uri.as_str().rsplit('/').next().unwrap_or("").to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    if let Some(c) = corpus {
        for (file, q) in c.quotes_of(key) {
            if !is_here(&file.path) {
                found.push((
                    file.uri.as_str(),
                    name(Some(&file.path), &file.uri),
                    q.start,
                    &q.text,
                ));
            }
        }
    }
    let text = here.text();
    let here_name = name(path, uri);
    for a in here
        .resolved()
        .filter(|a| a.label == glose_core::Label::QUOTE)
    {
        if glose_core::quote::QuoteView::attrs_of(a).speaker_entity == Some(key) {
            found.push((
                uri.as_str(),
                here_name.clone(),
                a.span.start as u32,
                a.text(text),
            ));
        }
    }
    if found.is_empty() {
        return None;
    }
    found.sort_by(|a, b| a.0.cmp(b.0).then(a.2.cmp(&b.2)));
    let articles = found.iter().map(|f| f.0).collect::<HashSet<_>>().len();
    let n = found.len();
    let mut out = format!(
        "**{n} quote{}** in {articles} article{}",
        if n == 1 { "" } else { "s" },
        if articles == 1 { "" } else { "s" }
    );
    for (_, article, _, text) in found.iter().take(SHOWN) {
        let _ = write!(
            out,
            "\n- {} — *{}*",
            crate::markdown::escape(&shorten(text)),
            crate::markdown::escape(article)
        );
    }
    if n > SHOWN {
        let _ = write!(out, "\n- … {} more", n - SHOWN);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_at_a_word_with_their_closing_mark() {
        let short = "« Nous restons ici »";
        assert_eq!(shorten(short), short);
        assert_eq!(shorten("« Sur deux\n  lignes »"), "« Sur deux lignes »");
        let long = format!("« {} »", "une phrase assez longue ".repeat(10).trim_end());
        let cut = shorten(&long);
        assert!(cut.chars().count() <= SHORT, "{cut}");
        assert!(cut.ends_with("… »"), "{cut}");
        assert!(cut.starts_with("« une phrase assez longue une"), "{cut}");
        // No space to cut at: cut inside the word.
        let word = "x".repeat(300);
        assert_eq!(shorten(&word).chars().count(), SHORT - 3);
    }
}
