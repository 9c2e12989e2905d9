//! The state the server shares between its tasks.
//!
//! Who writes what: the document actor (`actor.rs`) is the only writer of open documents
//! and their analyses; the indexer (`indexer.rs`) writes the engines and corpus indexes
//! of workspace folders (and the actor updates the index entry of an open article).
//! Request handlers only read, holding a lock just long enough to clone an `Arc` or
//! compute an answer; no lock is ever held across an `await`. This module is below the
//! actor and the indexer: it uses neither.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::Uri;

use crate::analysis::Analysis;
use crate::corpus::Corpus;
use crate::encoding::PositionEncoding;
use crate::engine::{Engine, EngineSettings};
use crate::events::Event;

/// Reads a lock, even one a panicking thread left poisoned (the data are replaced
/// whole, never left half-written).
pub(crate) fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|p| p.into_inner())
}

pub(crate) fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|p| p.into_inner())
}

/// What the client can do, from its capabilities.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ClientCaps {
    pub(crate) watch_files: bool,
    pub(crate) progress: bool,
    pub(crate) document_changes: bool,
    pub(crate) create_files: bool,
    pub(crate) hierarchical_symbols: bool,
    /// The client asks again for semantic tokens and inlay hints when told to.
    pub(crate) refresh_tokens: bool,
    pub(crate) refresh_hints: bool,
}

/// Settled at `initialize`.
#[derive(Clone, Debug)]
pub(crate) struct Session {
    pub(crate) encoding: PositionEncoding,
    pub(crate) caps: ClientCaps,
}

/// What the editor's settings change while the server runs.
#[derive(Clone, Debug)]
pub(crate) struct Live {
    pub(crate) debounce: Duration,
    /// The least severe diagnostic of articles to publish (1 error … 4 hint).
    pub(crate) min_severity: u8,
    /// Publish the diagnostics of articles at all.
    pub(crate) diagnostics: bool,
}

/// What kind of file an open document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// An article of a workspace folder (or a text file outside any).
    Article,
    /// A KB file of a workspace folder.
    Kb,
    /// Anything else: no diagnostics, no features.
    Other,
}

/// The current text of an open document.
#[derive(Debug)]
pub(crate) struct OpenDoc {
    pub(crate) uri: Uri,
    pub(crate) path: Option<PathBuf>,
    pub(crate) kind: DocKind,
    pub(crate) version: i32,
    pub(crate) text: Arc<String>,
}

/// A workspace folder: its engine and its corpus index.
#[derive(Debug)]
pub(crate) struct Workspace {
    pub(crate) root: PathBuf,
    pub(crate) engine: RwLock<Arc<Engine>>,
    /// The problems of the last load of `glose.toml` and the KB (shown even when that
    /// load was rejected and the engine before it kept).
    pub(crate) last_load: RwLock<Arc<Engine>>,
    pub(crate) corpus: RwLock<Corpus>,
    /// Increases with every indexing run; a run whose number is no longer the latest
    /// stops and discards its work.
    pub(crate) run: AtomicU64,
    /// Increases with every load of the configuration and KB asked for; a load whose
    /// number is no longer the latest when it ends is dropped, so a slow load never
    /// replaces the one asked for after it.
    pub(crate) loads: AtomicU64,
    /// Loads and indexing runs under way (see [`Workspace::busy`]).
    pending: std::sync::atomic::AtomicUsize,
    /// Whether the first indexing run has finished.
    pub(crate) indexed: std::sync::atomic::AtomicBool,
}

impl Workspace {
    pub(crate) fn new(root: PathBuf, engine: Engine) -> Workspace {
        let engine = Arc::new(engine);
        Workspace {
            root,
            engine: RwLock::new(engine.clone()),
            last_load: RwLock::new(engine),
            corpus: RwLock::new(Corpus::default()),
            run: AtomicU64::new(0),
            loads: AtomicU64::new(0),
            pending: std::sync::atomic::AtomicUsize::new(0),
            indexed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    pub(crate) fn engine(&self) -> Arc<Engine> {
        read(&self.engine).clone()
    }

    /// Whether the first indexing run has finished.
    pub(crate) fn is_indexed(&self) -> bool {
        self.indexed.load(Ordering::Acquire)
    }

    /// Marks a load or an indexing run as under way until the value returned is dropped.
    pub(crate) fn busy(self: &Arc<Self>) -> Busy {
        self.pending.fetch_add(1, Ordering::AcqRel);
        Busy(self.clone())
    }

    /// Whether a load or an indexing run is under way: what `glose/status` says of the
    /// folder may still change.
    pub(crate) fn is_busy(&self) -> bool {
        self.pending.load(Ordering::Acquire) > 0
    }
}

/// A load or an indexing run under way in a workspace folder (see [`Workspace::busy`]).
pub(crate) struct Busy(Arc<Workspace>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.pending.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Everything the server's tasks share.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) client: Client,
    pub(crate) session: OnceLock<Session>,
    pub(crate) settings: RwLock<EngineSettings>,
    pub(crate) live: RwLock<Live>,
    pub(crate) workspaces: RwLock<Vec<Arc<Workspace>>>,
    /// Open documents by URI (written by the actor only).
    pub(crate) open: RwLock<HashMap<String, Arc<OpenDoc>>>,
    /// The last version of each document the client sent (open or change), recorded as
    /// the notification arrives, before the actor applies it: a request waits until the
    /// actor has caught up, so that it answers for the text the client has.
    pub(crate) sent: RwLock<HashMap<String, i32>>,
    /// The latest analysis of each open article (written by the actor only).
    pub(crate) analyses: RwLock<HashMap<String, Arc<Analysis>>>,
    pub(crate) events: mpsc::UnboundedSender<Event>,
    /// Threads for indexing.
    pub(crate) threads: usize,
    /// The engine of documents in no workspace folder (untitled buffers), loaded the
    /// first time one is opened.
    pub(crate) fallback: OnceLock<Arc<Engine>>,
    /// The configuration, KB and rule files that have diagnostics published, so that
    /// those that no longer have any are cleared.
    pub(crate) problem_files: std::sync::Mutex<Vec<String>>,
    /// The number of the next engine loaded (see [`State::next_generation`]).
    pub(crate) generations: AtomicU64,
}

impl State {
    pub(crate) fn session(&self) -> Session {
        self.session.get().cloned().unwrap_or(Session {
            encoding: PositionEncoding::Utf16,
            caps: ClientCaps::default(),
        })
    }

    pub(crate) fn live(&self) -> Live {
        read(&self.live).clone()
    }

    pub(crate) fn settings(&self) -> EngineSettings {
        read(&self.settings).clone()
    }

    /// A number for an engine about to be loaded, that no other engine of this server
    /// has: analyses made with an engine since replaced are told apart by it.
    pub(crate) fn next_generation(&self) -> u64 {
        self.generations.fetch_add(1, Ordering::Relaxed)
    }

    pub(crate) fn encoding(&self) -> PositionEncoding {
        self.session
            .get()
            .map_or(PositionEncoding::Utf16, |s| s.encoding)
    }

    /// The workspace folder `path` belongs to (the innermost one).
    pub(crate) fn workspace_of(&self, path: &Path) -> Option<Arc<Workspace>> {
        read(&self.workspaces)
            .iter()
            .filter(|w| path.starts_with(&w.root))
            .max_by_key(|w| w.root.components().count())
            .cloned()
    }

    pub(crate) fn workspaces(&self) -> Vec<Arc<Workspace>> {
        read(&self.workspaces).clone()
    }

    pub(crate) fn open_doc(&self, uri: &Uri) -> Option<Arc<OpenDoc>> {
        read(&self.open).get(uri.as_str()).cloned()
    }

    /// The open document `uri` once the actor has applied every change the client sent
    /// before now (waiting at most two seconds, then the document as it stands).
    pub(crate) async fn open_doc_current(&self, uri: &Uri) -> Option<Arc<OpenDoc>> {
        let Some(want) = read(&self.sent).get(uri.as_str()).copied() else {
            return self.open_doc(uri);
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        loop {
            let doc = self.open_doc(uri);
            if doc.as_ref().is_some_and(|d| d.version >= want)
                || std::time::Instant::now() >= deadline
                || !read(&self.sent).contains_key(uri.as_str())
            {
                return doc;
            }
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
    }

    /// The open documents whose file is in `path` (or is `path`).
    pub(crate) fn open_docs(&self) -> Vec<Arc<OpenDoc>> {
        read(&self.open).values().cloned().collect()
    }

    /// Texts of open KB files, to stand for the files on disk.
    pub(crate) fn kb_overrides(&self) -> HashMap<PathBuf, String> {
        read(&self.open)
            .values()
            .filter(|d| d.kind == DocKind::Kb)
            .filter_map(|d| Some((d.path.clone()?, d.text.to_string())))
            .collect()
    }

    /// Tells the actor; the actor lives as long as the server.
    /// Tells the client to ask again for what it shows outside diagnostics (semantic
    /// tokens, inlay hints) when the annotations of unchanged text changed: the engine
    /// was replaced (corrections, the KB, settings) or the corpus indexed again.
    pub(crate) fn refresh_views(&self) {
        let caps = self.session().caps;
        let client = self.client.clone();
        tokio::spawn(async move {
            if caps.refresh_tokens {
                let _ = client.semantic_tokens_refresh().await;
            }
            if caps.refresh_hints {
                let _ = client.inlay_hint_refresh().await;
            }
        });
    }

    pub(crate) fn send(&self, event: Event) {
        let _ = self.events.send(event);
    }
}

/// The file path of a `file:` URI.
pub(crate) fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The `file:` URI of a path.
pub(crate) fn path_uri(path: &Path) -> Option<Uri> {
    let absolute = std::path::absolute(path).ok()?;
    Uri::from_file_path(absolute)
}
