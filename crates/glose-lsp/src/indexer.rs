//! Workspace folders: loading their engine, indexing their corpus in the background
//! (with progress), and keeping both up to date as files change.

use std::collections::{BTreeMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use glose_core::corpus::{self, ReadOptions};
use rayon::prelude::*;
use tower_lsp_server::ls_types::{
    self as lsp, FileChangeType, FileEvent, MessageType, ProgressToken, Uri,
};

use crate::analysis::Analysis;
use crate::corpus::{Corpus, FileEntry};
use crate::diagnostics;
use crate::engine::Engine;
use crate::events::Event;
use crate::state::{DocKind, State, Workspace, path_uri, read, write};

/// What the engines loaded tell of the kind of an opened file.
#[derive(Debug)]
pub(crate) enum Kind {
    Is(DocKind),
    /// The file is in no workspace folder (and is not a `.toml`): its folder becomes one
    /// first ([`spawn_add_workspace`]), and its engine tells.
    AfterLoading(PathBuf),
}

/// The kind of an opened file, from the engine of its workspace folder; loads nothing.
pub(crate) fn kind_of(state: &State, path: &Path, language: &str) -> Kind {
    let is_toml = path.extension().is_some_and(|x| x == "toml");
    let ws = match state.workspace_of(path) {
        Some(ws) => ws,
        None if is_toml => return Kind::Is(DocKind::Other),
        None => match path.parent() {
            Some(folder) => return Kind::AfterLoading(folder.to_owned()),
            None => return Kind::Is(DocKind::Other),
        },
    };
    let engine = ws.engine();
    Kind::Is(if engine.is_kb_file(path) {
        DocKind::Kb
    } else if path.extension().is_some_and(|x| x == "txt")
        || corpus::is_article(&ws.root, path, &engine.config)
        || matches!(language, "plaintext" | "text")
    {
        DocKind::Article
    } else {
        DocKind::Other
    })
}

/// Makes `root` a workspace folder on the blocking pool (see [`add_workspace`]), then
/// tells the actor, which holds the documents opened there until then; it is told even
/// when the load failed.
pub(crate) fn spawn_add_workspace(state: Arc<State>, root: PathBuf) {
    tokio::task::spawn_blocking(move || {
        let _ = catch_unwind(AssertUnwindSafe(|| add_workspace(&state, &root)));
        state.send(Event::FolderAdded { root });
    });
}

/// Makes `root` a workspace folder, loads its engine and starts indexing it.
pub(crate) fn add_workspace(state: &Arc<State>, root: &Path) -> Arc<Workspace> {
    let engine = Engine::load(
        root,
        &state.settings(),
        state.kb_overrides(),
        state.next_generation(),
    );
    let ws = Arc::new(Workspace::new(root.to_owned(), engine));
    write(&state.workspaces).push(ws.clone());
    spawn_index(state.clone(), ws.clone());
    ws
}

/// The engine for documents in no workspace folder (untitled buffers).
pub(crate) fn fallback_engine(state: &State) -> Arc<Engine> {
    state
        .fallback
        .get_or_init(|| {
            Arc::new(Engine::load(
                &std::env::temp_dir(),
                &state.settings(),
                Default::default(),
                state.next_generation(),
            ))
        })
        .clone()
}

/// [`fallback_engine`] for an async task: the first load runs on the blocking pool, so
/// a request about an untitled buffer never holds up the runtime while the default KB
/// and model load.
pub(crate) async fn fallback_engine_async(state: &Arc<State>) -> Arc<Engine> {
    if let Some(engine) = state.fallback.get() {
        return engine.clone();
    }
    let s = state.clone();
    match tokio::task::spawn_blocking(move || fallback_engine(&s)).await {
        Ok(engine) => engine,
        Err(_) => fallback_engine(state),
    }
}

/// Runs `work` in the background, with the folder `ws` marked busy until it ends.
fn spawn_busy(ws: &Arc<Workspace>, work: impl Future<Output = ()> + Send + 'static) {
    let busy = ws.busy();
    tokio::spawn(async move {
        let _busy = busy;
        work.await;
    });
}

/// Indexes the whole corpus of `ws` in the background.
pub(crate) fn spawn_index(state: Arc<State>, ws: Arc<Workspace>) {
    spawn_busy(&ws.clone(), index(state, ws));
}

async fn index(state: Arc<State>, ws: Arc<Workspace>) {
    let run = ws.run.fetch_add(1, Ordering::AcqRel) + 1;
    let started = Instant::now();
    let engine = ws.engine();
    let done = Arc::new(AtomicUsize::new(0));
    let total = Arc::new(AtomicUsize::new(0));
    let progress = if state.session().caps.progress {
        let token = ProgressToken::String(format!("glose/index/{run}/{}", ws.root.display()));
        match state.client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(
                state
                    .client
                    .progress(token, "glose")
                    .with_message(format!("indexing {}", ws.root.display()))
                    .with_percentage(0)
                    .begin()
                    .await,
            ),
            Err(_) => None,
        }
    } else {
        None
    };
    let work = {
        let (ws, done, total) = (ws.clone(), done.clone(), total.clone());
        let threads = state.threads;
        tokio::task::spawn_blocking(move || build(&engine, &ws, run, &done, &total, threads))
    };
    tokio::pin!(work);
    let result = loop {
        tokio::select! {
            result = &mut work => break result,
            () = tokio::time::sleep(Duration::from_millis(200)) => {
                if let Some(p) = &progress {
                    let (d, t) = (done.load(Ordering::Relaxed), total.load(Ordering::Relaxed));
                    let percent = (d * 100).checked_div(t).unwrap_or(0).min(99) as u32;
                    p.report_with_message(format!("{} / {} steps", d, t), percent).await;
                }
            }
        }
    };
    let corpus = match result {
        Ok(Some(corpus)) => corpus,
        // Superseded by a newer run, or failed (reported by the panic hook).
        _ => {
            if let Some(p) = progress {
                p.finish_with_message("stopped").await;
            }
            return;
        }
    };
    if ws.run.load(Ordering::Acquire) != run {
        if let Some(p) = progress {
            p.finish_with_message("stopped").await;
        }
        return;
    }
    let (n, skipped) = (corpus.len(), corpus.skipped.len());
    let skipped_list: Vec<String> = corpus
        .skipped
        .iter()
        .take(20)
        .map(|(p, why)| format!("  {}: {why}", p.display()))
        .collect();
    *write(&ws.corpus) = corpus;
    ws.indexed.store(true, Ordering::Release);
    let message = format!(
        "indexed {n} articles of {} in {} ms",
        ws.root.display(),
        started.elapsed().as_millis()
    );
    if let Some(p) = progress {
        p.finish_with_message(message.clone()).await;
    }
    state.client.log_message(MessageType::INFO, message).await;
    if skipped > 0 {
        state
            .client
            .log_message(
                MessageType::WARNING,
                format!(
                    "{skipped} files not indexed:\n{}{}",
                    skipped_list.join("\n"),
                    if skipped > 20 { "\n  …" } else { "" }
                ),
            )
            .await;
    }
    publish_problems(&state, &ws).await;
    state.send(Event::Refresh);
    state.refresh_views();
}

/// Reads, learns from and annotates every article of the workspace (on the blocking
/// pool); `None` when a newer run started meanwhile.
fn build(
    engine: &Engine,
    ws: &Workspace,
    run: u64,
    done: &AtomicUsize,
    total: &AtomicUsize,
    threads: usize,
) -> Option<Corpus> {
    let current = || ws.run.load(Ordering::Acquire) == run;
    let discovery = corpus::discover(std::slice::from_ref(&ws.root), &engine.config);
    let files = discovery.files;
    total.store(files.len() * 2, Ordering::Relaxed);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("glose-index-{i}"))
        .build()
        .ok()?;
    let read = engine.read;
    let entries: Vec<Result<FileEntry, (PathBuf, String)>> = pool.install(|| {
        // The corpus pass: what one article teaches helps in the others.
        if engine.pipeline.observes() {
            files.par_iter().for_each(|f| {
                if current() {
                    let _ = catch_unwind(AssertUnwindSafe(|| {
                        if let Ok((doc, _)) = corpus::read_document(f, read) {
                            engine.pipeline.observe(&doc);
                        }
                    }));
                }
                done.fetch_add(1, Ordering::Relaxed);
            });
        } else {
            done.fetch_add(files.len(), Ordering::Relaxed);
        }
        files
            .par_iter()
            .map(|f| {
                let entry = if current() {
                    catch_unwind(AssertUnwindSafe(|| entry_of(engine, &f.path, read)))
                        .unwrap_or_else(|_| Err("the analysis failed".to_owned()))
                } else {
                    Err("stopped".to_owned())
                };
                done.fetch_add(1, Ordering::Relaxed);
                entry.map_err(|why| (f.path.clone(), why))
            })
            .collect()
    });
    if !current() {
        return None;
    }
    let mut corpus = Corpus::default();
    for p in discovery.problems {
        corpus.skipped.push((PathBuf::from(&p.file), p.message));
    }
    for entry in entries {
        match entry {
            Ok(entry) => {
                corpus.insert(entry);
            }
            Err(skipped) => corpus.skipped.push(skipped),
        }
    }
    Some(corpus)
}

/// Reads and analyses one article from disk.
fn entry_of(engine: &Engine, path: &Path, read: ReadOptions) -> Result<FileEntry, String> {
    let file = corpus::FileEntry {
        path: path.to_owned(),
        explicit: false,
    };
    let (document, _) = corpus::read_document(&file, read).map_err(|p| p.message)?;
    let uri = path_uri(path).ok_or_else(|| "not a file path".to_owned())?;
    let analysis = Analysis::run(
        engine,
        document.path(),
        document.text().to_owned(),
        None,
        &glose_core::tagger::Never,
    )
    .map_err(|e| format!("{e:?}"))?;
    Ok(FileEntry::new(path.to_owned(), uri, &analysis))
}

/// Re-reads some articles of `ws` from disk (or drops them from the index when they
/// are gone or no longer articles); open ones are left to their buffers.
pub(crate) fn spawn_files(state: Arc<State>, ws: Arc<Workspace>, paths: Vec<PathBuf>) {
    spawn_busy(&ws.clone(), async move {
        let open: HashSet<PathBuf> = state
            .open_docs()
            .iter()
            .filter_map(|d| d.path.clone())
            .collect();
        let ws2 = ws.clone();
        let work = tokio::task::spawn_blocking(move || {
            let engine = ws2.engine();
            for path in paths.into_iter().filter(|p| !open.contains(p)) {
                let article =
                    path.is_file() && corpus::is_article(&ws2.root, &path, &engine.config);
                if !article {
                    write(&ws2.corpus).remove(&path);
                    continue;
                }
                let file = corpus::FileEntry {
                    path: path.clone(),
                    explicit: false,
                };
                if let Ok((doc, _)) = corpus::read_document(&file, engine.read) {
                    let _ = catch_unwind(AssertUnwindSafe(|| engine.pipeline.observe(&doc)));
                }
                match catch_unwind(AssertUnwindSafe(|| entry_of(&engine, &path, engine.read))) {
                    Ok(Ok(entry)) => {
                        write(&ws2.corpus).insert(entry);
                    }
                    _ => write(&ws2.corpus).remove(&path),
                }
            }
        });
        if work.await.is_ok() {
            state.send(Event::Refresh);
        }
    });
}

/// Reloads the engine of `ws` (its `glose.toml` or KB changed). If the new load has
/// errors and the engine in use has none, the one in use is kept (the last good KB)
/// and only the problems are shown; otherwise the new one replaces it and the corpus
/// is indexed again.
pub(crate) fn spawn_reload(state: Arc<State>, ws: Arc<Workspace>) {
    let ticket = ws.loads.fetch_add(1, Ordering::AcqRel) + 1;
    let superseded = move |ws: &Workspace| ws.loads.load(Ordering::Acquire) != ticket;
    spawn_busy(&ws.clone(), async move {
        let overrides = state.kb_overrides();
        let settings = state.settings();
        let root = ws.root.clone();
        let generation = state.next_generation();
        let Ok(engine) = tokio::task::spawn_blocking(move || {
            Engine::load(&root, &settings, overrides, generation)
        })
        .await
        else {
            return;
        };
        let engine = Arc::new(engine);
        let keep = {
            // Under the lock: a newer load that ended meanwhile stays.
            let mut current = write(&ws.engine);
            if superseded(&ws) {
                return;
            }
            *write(&ws.last_load) = engine.clone();
            let keep = engine.has_errors() && !current.has_errors();
            if !keep {
                *current = engine;
            }
            keep
        };
        if keep {
            publish_problems(&state, &ws).await;
            state
                .client
                .log_message(
                    MessageType::WARNING,
                    format!(
                        "the configuration or knowledge base of {} has errors: the last good one stays in use",
                        ws.root.display()
                    ),
                )
                .await;
            return;
        }
        index(state, ws).await;
    });
}

/// Files watched for changes.
pub(crate) async fn watched(state: &Arc<State>, changes: Vec<FileEvent>) {
    let mut reload: Vec<Arc<Workspace>> = Vec::new();
    let mut files: BTreeMap<PathBuf, (Arc<Workspace>, Vec<PathBuf>)> = BTreeMap::new();
    for change in changes {
        let Some(path) = crate::state::uri_path(&change.uri) else {
            continue;
        };
        let Some(ws) = state.workspace_of(&path) else {
            continue;
        };
        let engine = ws.engine();
        if path == engine.corrections_file() {
            crate::corrections::changed(state, &ws);
        } else if engine.is_source(&path) {
            if !reload.iter().any(|w| Arc::ptr_eq(w, &ws)) {
                reload.push(ws);
            }
        } else if change.typ == FileChangeType::DELETED
            || corpus::is_article(&ws.root, &path, &engine.config)
        {
            files
                .entry(ws.root.clone())
                .or_insert_with(|| (ws.clone(), Vec::new()))
                .1
                .push(path);
        }
    }
    for ws in &reload {
        spawn_reload(state.clone(), ws.clone());
    }
    for (_, (ws, paths)) in files {
        if !reload.iter().any(|w| Arc::ptr_eq(w, &ws)) {
            spawn_files(state.clone(), ws, paths);
        }
    }
}

/// The text of a file as the editor has it, else as the disk has it.
pub(crate) fn current_text(state: &State, path: &Path) -> Option<String> {
    state
        .open_docs()
        .iter()
        .find(|d| d.path.as_deref() == Some(path))
        .map(|d| d.text.to_string())
        .or_else(|| std::fs::read_to_string(path).ok())
}

/// The diagnostics of a KB file being edited: the problems its text would have.
pub(crate) fn kb_file_diagnostics(
    state: &State,
    ws: &Workspace,
    path: &Path,
    text: &str,
) -> Vec<lsp::Diagnostic> {
    let engine = ws.engine();
    let mut overrides = state.kb_overrides();
    overrides.insert(path.to_owned(), text.to_owned());
    let extra = glose_taggers::Extra {
        kb: engine.extra_kb.clone(),
        overrides,
        ..glose_taggers::Extra::default()
    };
    let (_, problems) = glose_taggers::assemble::load_kb(&engine.config, &extra);
    let shown = path.display().to_string();
    problems
        .iter()
        .filter(|p| p.file == shown)
        .map(|p| diagnostics::problem(p, text, state.encoding()))
        .collect()
}

/// Publishes the problems of the last load of `glose.toml`, the KB and the rule files
/// on those files (and clears the files that no longer have any).
pub(crate) async fn publish_problems(state: &State, ws: &Workspace) {
    let engine = read(&ws.last_load).clone();
    let config_file = engine.config.file.clone();
    let mut by_file: BTreeMap<PathBuf, Vec<lsp::Diagnostic>> = BTreeMap::new();
    let encoding = state.encoding();
    if let Some(e) = &engine.config_error {
        let text = current_text(state, &e.file).unwrap_or_default();
        by_file
            .entry(e.file.clone())
            .or_default()
            .push(diagnostics::problem(&e.problem(), &text, encoding));
    }
    for p in &engine.problems {
        let path = PathBuf::from(&p.file);
        // Problems of plugin libraries (and of the `ner` model) go on glose.toml, which
        // names them.
        let file = if path.extension().is_some_and(|x| x == "toml")
            || p.code == glose_core::correction::PROBLEM
        {
            path
        } else if let Some(config) = &config_file {
            config.clone()
        } else {
            continue;
        };
        // Open KB files show the problems of their buffer instead.
        if state
            .open_docs()
            .iter()
            .any(|d| d.kind == DocKind::Kb && d.path.as_deref() == Some(file.as_path()))
        {
            continue;
        }
        let text = current_text(state, &file).unwrap_or_default();
        let mut d = diagnostics::problem(p, &text, encoding);
        if file != Path::new(&p.file) {
            // Not this file's own place.
            d.range = lsp::Range::default();
        }
        by_file.entry(file).or_default().push(d);
    }
    let mut published: Vec<String> = Vec::new();
    for (file, diagnostics) in by_file {
        if let Some(uri) = path_uri(&file) {
            published.push(uri.as_str().to_owned());
            state
                .client
                .publish_diagnostics(uri, diagnostics, None)
                .await;
        }
    }
    // Clear the files of this workspace that had problems and have none now.
    let stale: Vec<String> = {
        let mut shown = state
            .problem_files
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let root = path_uri(&ws.root)
            .map(|u| u.as_str().to_owned())
            .unwrap_or_default();
        let stale = shown
            .iter()
            .filter(|u| u.starts_with(&root) && !published.contains(u))
            .cloned()
            .collect();
        shown.retain(|u| !u.starts_with(&root));
        shown.extend(published);
        stale
    };
    for uri in stale {
        if let Ok(uri) = uri.parse::<Uri>() {
            state
                .client
                .publish_diagnostics(uri, Vec::new(), None)
                .await;
        }
    }
}
