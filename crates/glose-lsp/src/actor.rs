//! The owner of open documents.
//!
//! `didOpen`, `didChange`, `didSave` and `didClose` are forwarded here, in the order they
//! arrive, through one channel; this task alone applies them to the documents' ropes.
//! Analyses run on the blocking pool over immutable snapshots; after an edit the next
//! one waits for the debounce delay, and the one running is told to stop. A result is
//! kept, and its diagnostics published with its version, only if no newer edit came in
//! meanwhile: stale results are dropped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ropey::Rope;
use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{self as lsp, TextDocumentContentChangeEvent, Uri};

use crate::analysis::{Analysis, AnalysisError};
use crate::corpus::FileEntry;
use crate::diagnostics;
use crate::encoding::rope_char;
use crate::events::{Event, Outcome};
use crate::indexer::Kind;
use crate::state::{DocKind, OpenDoc, State, read, uri_path, write};

#[derive(Debug)]
struct DocState {
    uri: Uri,
    path: Option<PathBuf>,
    /// `None` while the folder it is in becomes a workspace folder: until then request
    /// handlers do not see it and it is not analysed.
    kind: Option<DocKind>,
    rope: Rope,
    version: i32,
    /// Increases with every change and refresh: only the analysis of the latest token
    /// is kept.
    token: u64,
    /// Tells the running analysis to stop.
    cancel: Option<Arc<AtomicBool>>,
}

struct Actor {
    state: Arc<State>,
    docs: HashMap<String, DocState>,
    tokens: u64,
    /// Folders becoming workspace folders, and the documents opened in them meanwhile
    /// (by key, with their language).
    loading: HashMap<PathBuf, Vec<(String, String)>>,
}

/// Runs the actor until the channel closes.
pub(crate) async fn run(state: Arc<State>, mut events: mpsc::UnboundedReceiver<Event>) {
    let mut actor = Actor {
        state,
        docs: HashMap::new(),
        tokens: 0,
        loading: HashMap::new(),
    };
    while let Some(event) = events.recv().await {
        actor.handle(event).await;
    }
}

impl Actor {
    async fn handle(&mut self, event: Event) {
        match event {
            Event::Open {
                uri,
                version,
                text,
                language,
            } => self.open(uri, version, text, &language),
            Event::Change {
                uri,
                version,
                changes,
            } => self.change(&uri, version, changes),
            Event::Save { uri } => self.save(&uri),
            Event::Close { uri } => self.close(&uri).await,
            Event::Fire { key, token } => {
                if self.docs.get(&key).is_some_and(|d| d.token == token) {
                    self.start(&key);
                }
            }
            Event::Done {
                key,
                token,
                outcome,
            } => self.done(&key, token, outcome).await,
            Event::Refresh => {
                let keys: Vec<String> = self
                    .docs
                    .iter()
                    .filter(|(_, d)| d.kind == Some(DocKind::Article))
                    .map(|(k, _)| k.clone())
                    .collect();
                for key in keys {
                    self.tokens += 1;
                    let token = self.tokens;
                    if let Some(doc) = self.docs.get_mut(&key) {
                        doc.token = token;
                    }
                    self.start(&key);
                }
            }
            Event::FolderAdded { root } => self.folder_added(&root),
        }
    }

    fn open(&mut self, uri: Uri, version: i32, text: String, language: &str) {
        let path = uri_path(&uri);
        let kind = match &path {
            Some(path) => crate::indexer::kind_of(&self.state, path, language),
            None if matches!(language, "plaintext" | "text") => Kind::Is(DocKind::Article),
            None => Kind::Is(DocKind::Other),
        };
        let key = uri.as_str().to_owned();
        self.tokens += 1;
        let doc = DocState {
            uri: uri.clone(),
            path,
            kind: None,
            rope: Rope::from_str(&text),
            version,
            token: self.tokens,
            cancel: None,
        };
        self.docs.insert(key.clone(), doc);
        match kind {
            Kind::Is(kind) => self.settle(&key, kind, Arc::new(text)),
            Kind::AfterLoading(folder) => self.wait(key, &folder, language),
        }
    }

    /// Holds a document opened in no workspace folder until `folder`, its own, is one,
    /// or the innermost folder being loaded that holds it; the engine loads on the
    /// blocking pool, not here.
    fn wait(&mut self, key: String, folder: &Path, language: &str) {
        let loading = self
            .loading
            .keys()
            .filter(|f| folder.starts_with(f))
            .max_by_key(|f| f.components().count())
            .cloned();
        let folder = loading.unwrap_or_else(|| {
            crate::indexer::spawn_add_workspace(self.state.clone(), folder.to_owned());
            folder.to_owned()
        });
        self.loading
            .entry(folder)
            .or_default()
            .push((key, language.to_owned()));
    }

    /// The documents that waited for `root` to become a workspace folder get their kind
    /// from its engine.
    fn folder_added(&mut self, root: &Path) {
        for (key, language) in self.loading.remove(root).unwrap_or_default() {
            let Some(doc) = self.docs.get(&key) else {
                continue;
            };
            let kind = match doc.path.as_deref() {
                Some(path) => match crate::indexer::kind_of(&self.state, path, &language) {
                    Kind::Is(kind) => kind,
                    // The folder could not be loaded, or was removed since.
                    Kind::AfterLoading(_) => DocKind::Other,
                },
                None => DocKind::Other,
            };
            let text = Arc::new(doc.rope.to_string());
            self.settle(&key, kind, text);
        }
    }

    /// Gives an open document its kind: request handlers see it from now on, and it is
    /// analysed unless it is of no kind glose reads.
    fn settle(&mut self, key: &str, kind: DocKind, text: Arc<String>) {
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        doc.kind = Some(kind);
        self.publish_snapshot(&self.docs[key], text);
        if kind != DocKind::Other {
            // Opening is not typing: no debounce.
            self.start(key);
        }
    }

    fn change(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        let key = uri.as_str();
        let encoding = self.state.encoding();
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = rope_char(&doc.rope, range.start, encoding);
                    let end = rope_char(&doc.rope, range.end, encoding).max(start);
                    doc.rope.remove(start..end);
                    doc.rope.insert(start, &change.text);
                }
                None => doc.rope = Rope::from_str(&change.text),
            }
        }
        doc.version = version;
        self.tokens += 1;
        doc.token = self.tokens;
        if let Some(cancel) = doc.cancel.take() {
            cancel.store(true, Ordering::Relaxed);
        }
        if doc.kind.is_none() {
            // Seen and analysed once its kind is known.
            return;
        }
        let text = Arc::new(doc.rope.to_string());
        let doc = &self.docs[key];
        self.publish_snapshot(doc, text);
        if doc.kind == Some(DocKind::Other) {
            return;
        }
        let debounce = self.state.live().debounce;
        if debounce.is_zero() {
            self.start(key);
        } else {
            let (key, token) = (key.to_owned(), doc.token);
            let state = self.state.clone();
            tokio::spawn(async move {
                tokio::time::sleep(debounce).await;
                state.send(Event::Fire { key, token });
            });
        }
    }

    /// Makes the document's current text what request handlers see, once its kind is
    /// known.
    fn publish_snapshot(&self, doc: &DocState, text: Arc<String>) {
        let Some(kind) = doc.kind else {
            return;
        };
        let open = OpenDoc {
            uri: doc.uri.clone(),
            path: doc.path.clone(),
            kind,
            version: doc.version,
            text,
        };
        write(&self.state.open).insert(doc.uri.as_str().to_owned(), Arc::new(open));
    }

    fn save(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return;
        };
        if doc.kind == Some(DocKind::Kb)
            && let Some(path) = &doc.path
            && let Some(ws) = self.state.workspace_of(path)
        {
            crate::indexer::spawn_reload(self.state.clone(), ws);
        }
    }

    async fn close(&mut self, uri: &Uri) {
        let key = uri.as_str();
        let Some(doc) = self.docs.remove(key) else {
            return;
        };
        for waiting in self.loading.values_mut() {
            waiting.retain(|(k, _)| k != key);
        }
        if let Some(cancel) = doc.cancel {
            cancel.store(true, Ordering::Relaxed);
        }
        write(&self.state.open).remove(key);
        write(&self.state.analyses).remove(key);
        self.state
            .client
            .publish_diagnostics(doc.uri.clone(), Vec::new(), None)
            .await;
        match (doc.kind, doc.path) {
            // The file on disk is the article again.
            (Some(DocKind::Article), Some(path)) => {
                if let Some(ws) = self.state.workspace_of(&path) {
                    crate::indexer::spawn_files(self.state.clone(), ws, vec![path]);
                }
            }
            // Its problems as the file on disk has them.
            (Some(DocKind::Kb), Some(path)) => {
                if let Some(ws) = self.state.workspace_of(&path) {
                    crate::indexer::publish_problems(&self.state, &ws).await;
                }
            }
            _ => {}
        }
    }

    /// Starts analysing the document's current text.
    fn start(&mut self, key: &str) {
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        if let Some(cancel) = doc.cancel.take() {
            cancel.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        doc.cancel = Some(cancel.clone());
        let Some(snapshot) = self.state.open_doc(&doc.uri) else {
            return;
        };
        let (key, token) = (key.to_owned(), doc.token);
        let state = self.state.clone();
        tokio::task::spawn_blocking(move || {
            let outcome = analyse(&state, &snapshot, &cancel);
            state.send(Event::Done {
                key,
                token,
                outcome,
            });
        });
    }

    async fn done(&mut self, key: &str, token: u64, outcome: Outcome) {
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        if doc.token != token {
            // A newer edit came in: this result is stale.
            return;
        }
        doc.cancel = None;
        let uri = doc.uri.clone();
        let version = doc.version;
        let path = doc.path.clone();
        let kind = doc.kind;
        let diagnostics = match outcome {
            Outcome::Article(Ok(analysis)) => {
                write(&self.state.analyses).insert(key.to_owned(), analysis.clone());
                article_diagnostics(&self.state, path.as_deref(), &uri, &analysis)
            }
            Outcome::Article(Err(AnalysisError::Cancelled)) => return,
            Outcome::Article(Err(AnalysisError::NotAnalysed { code, message })) => {
                vec![lsp::Diagnostic {
                    range: lsp::Range::default(),
                    severity: Some(lsp::DiagnosticSeverity::ERROR),
                    code: Some(lsp::NumberOrString::String(code.into())),
                    source: Some("glose".into()),
                    message: format!("this document is not analysed: {message}"),
                    ..lsp::Diagnostic::default()
                }]
            }
            Outcome::Kb(diagnostics) => diagnostics,
        };
        // The editor's settings: which diagnostics of articles to show.
        let live = self.state.live();
        let diagnostics: Vec<lsp::Diagnostic> = if kind == Some(DocKind::Article) {
            diagnostics
                .into_iter()
                .filter(|d| {
                    live.diagnostics
                        && d.severity
                            .is_none_or(|s| severity_rank(s) <= live.min_severity)
                })
                .collect()
        } else {
            diagnostics
        };
        self.state
            .client
            .publish_diagnostics(uri, diagnostics, Some(version))
            .await;
    }
}

/// 1 for errors … 4 for hints.
fn severity_rank(s: lsp::DiagnosticSeverity) -> u8 {
    if s == lsp::DiagnosticSeverity::ERROR {
        1
    } else if s == lsp::DiagnosticSeverity::WARNING {
        2
    } else if s == lsp::DiagnosticSeverity::INFORMATION {
        3
    } else {
        4
    }
}

/// The file on disk is not UTF-8: the editor shows it decoded its own way, so what it
/// shows is not what `glose annotate` reads (which refuses it, as here). Files over
/// 64 MiB are not read for this.
fn not_utf8_on_disk(path: &Path) -> Option<glose_core::Diagnostic> {
    const LIMIT: u64 = 64 << 20;
    if std::fs::metadata(path).ok()?.len() > LIMIT {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    if std::str::from_utf8(&bytes).is_ok() {
        return None;
    }
    let e = glose_core::Document::from_bytes(path.display().to_string(), bytes, false).err()?;
    Some(
        glose_core::Diagnostic::error(
            glose_core::Span::default(),
            "invalid-utf8",
            format!(
                "the file on disk is not UTF-8: {e}. The editor shows it decoded its own \
                 way; save it as UTF-8 for glose to read what you see"
            ),
        )
        .with_source("glose"),
    )
}

/// Analyses a snapshot (on the blocking pool).
fn analyse(state: &State, doc: &OpenDoc, cancel: &AtomicBool) -> Outcome {
    let workspace = doc.path.as_deref().and_then(|p| state.workspace_of(p));
    match doc.kind {
        DocKind::Kb => {
            let (Some(path), Some(ws)) = (&doc.path, workspace) else {
                return Outcome::Kb(Vec::new());
            };
            Outcome::Kb(crate::indexer::kb_file_diagnostics(
                state, &ws, path, &doc.text,
            ))
        }
        _ => {
            let engine = match &workspace {
                Some(ws) => ws.engine(),
                None => crate::indexer::fallback_engine(state),
            };
            let shown = doc
                .path
                .as_ref()
                .map_or_else(|| doc.uri.as_str().to_owned(), |p| p.display().to_string());
            let analysis = Analysis::run(
                &engine,
                &shown,
                doc.text.to_string(),
                Some(doc.version),
                cancel,
            );
            Outcome::Article(analysis.map(|mut a| {
                if let Some(d) = doc.path.as_deref().and_then(not_utf8_on_disk) {
                    a.annotated.diagnostics.insert(0, d);
                }
                Arc::new(a)
            }))
        }
    }
}

/// The diagnostics of an open article: its taggers' and the corpus's; its entry in the
/// corpus index is brought up to date on the way.
fn article_diagnostics(
    state: &State,
    path: Option<&Path>,
    uri: &Uri,
    analysis: &Analysis,
) -> Vec<lsp::Diagnostic> {
    let encoding = state.encoding();
    let ws = path.and_then(|p| state.workspace_of(p));
    let entry = FileEntry::new(
        path.map_or_else(|| PathBuf::from(uri.as_str()), Path::to_owned),
        uri.clone(),
        analysis,
    );
    let Some(ws) = ws else {
        return diagnostics::article(analysis, &entry, None, None, encoding);
    };
    let is_article = path.is_some_and(|p| {
        let engine = ws.engine();
        glose_core::corpus::is_article(&ws.root, p, &engine.config)
    });
    if is_article {
        let mut corpus = write(&ws.corpus);
        let id = corpus.insert(entry);
        let entry = corpus.file(id).cloned();
        drop(corpus);
        let corpus = read(&ws.corpus);
        match entry {
            Some(entry) => {
                diagnostics::article(analysis, &entry, Some(&corpus), Some(id), encoding)
            }
            None => Vec::new(),
        }
    } else {
        let corpus = read(&ws.corpus);
        diagnostics::article(analysis, &entry, Some(&corpus), None, encoding)
    }
}
