//! The protocol side: capabilities, and each request or notification handed to the
//! part of the server that deals with it. Handlers never wait for the client: what
//! needs to ask it something (progress, watcher registration) runs as its own task.

use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService};

use crate::actor;
use crate::encoding::PositionEncoding;
use crate::engine::{Engine, EngineSettings};
use crate::events::Event;
use crate::navigation::{EntitiesParams, EntityItem};
use crate::quotes::{QuoteItem, QuotesParams};
use crate::state::{ClientCaps, Live, Session, State, Workspace, uri_path, write};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// How long to wait after an edit before analysing (the client may override it
    /// with the `debounceMs` initialization option).
    pub debounce: Duration,
    /// Threads for indexing a corpus.
    pub threads: usize,
    /// The `glose` executable, to host isolated plugins.
    pub plugin_host: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            debounce: Duration::from_millis(150),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            plugin_host: std::env::current_exe().ok(),
        }
    }
}

/// The settings a client gives, in `initializationOptions` or in
/// `workspace/didChangeConfiguration` (directly, or under a `glose` key).
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
struct ClientSettings {
    debounce_ms: Option<u64>,
    /// Run the native plugins the corpus's `glose.toml` names.
    trust_plugins: bool,
    /// More KB files or folders, relative to the workspace folder or absolute.
    kb: Vec<PathBuf>,
    /// More plugin libraries, run isolated.
    plugins: Vec<PathBuf>,
    diagnostics: DiagnosticSettings,
    corrections: CorrectionSettings,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
struct CorrectionSettings {
    /// Apply the corpus's corrections (`.glose/corrections.jsonl`).
    enabled: bool,
}

impl Default for CorrectionSettings {
    fn default() -> Self {
        CorrectionSettings { enabled: true }
    }
}

#[derive(Clone, Debug, Deserialize, serde::Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
struct DiagnosticSettings {
    enabled: bool,
    /// The least severe level shown for articles: `error`, `warning`, `information`,
    /// `hint`.
    level: String,
}

impl Default for DiagnosticSettings {
    fn default() -> Self {
        DiagnosticSettings {
            enabled: true,
            level: "hint".to_owned(),
        }
    }
}

impl ClientSettings {
    fn from_value(value: Option<Value>) -> ClientSettings {
        ClientSettings::default().merged(value)
    }

    /// These settings with those of `value` that it names (a client may send only
    /// what changed, or nothing).
    fn merged(&self, value: Option<Value>) -> ClientSettings {
        let Some(value) = value else {
            return self.clone();
        };
        let value = match value.get("glose") {
            Some(inner) => inner.clone(),
            None => value,
        };
        let Value::Object(map) = value else {
            return self.clone();
        };
        let mut current = serde_json::to_value(self).unwrap_or_default();
        if let Value::Object(current) = &mut current {
            for (key, v) in map {
                match (current.get_mut(&key), v) {
                    (Some(Value::Object(inner)), Value::Object(more)) => inner.extend(more),
                    (_, v) => {
                        current.insert(key, v);
                    }
                }
            }
        }
        serde_json::from_value(current).unwrap_or_else(|_| self.clone())
    }

    fn live(&self, default_debounce: Duration) -> Live {
        Live {
            debounce: self
                .debounce_ms
                .map_or(default_debounce, Duration::from_millis),
            min_severity: match self.diagnostics.level.as_str() {
                "error" => 1,
                "warning" => 2,
                "information" | "info" => 3,
                _ => 4,
            },
            diagnostics: self.diagnostics.enabled,
        }
    }

    fn engine(&self, plugin_host: Option<PathBuf>) -> EngineSettings {
        EngineSettings {
            trust_plugins: self.trust_plugins,
            plugin_host,
            kb: self.kb.clone(),
            plugins: self.plugins.clone(),
            no_corrections: !self.corrections.enabled,
        }
    }
}

/// Parameters of `glose/mentions`.
#[derive(Debug, Deserialize)]
struct MentionsParams {
    id: String,
}

/// A workspace folder, as `glose/status` reports it.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct FolderStatus {
    root: String,
    indexed: bool,
    /// A load of the configuration and KB or an indexing run is under way.
    busy: bool,
    articles: usize,
    skipped: usize,
    entities: usize,
}

/// The language server.
#[derive(Debug)]
pub struct Server {
    state: Arc<State>,
    options: Options,
    actor: std::sync::Mutex<Option<mpsc::UnboundedReceiver<Event>>>,
    /// The client's settings as they stand.
    settings: std::sync::Mutex<ClientSettings>,
}

impl Server {
    fn new(client: Client, options: Options) -> Server {
        let (events, receiver) = mpsc::unbounded_channel();
        let state = Arc::new(State {
            client,
            session: OnceLock::new(),
            settings: RwLock::new(EngineSettings {
                plugin_host: options.plugin_host.clone(),
                ..EngineSettings::default()
            }),
            live: RwLock::new(ClientSettings::default().live(options.debounce)),
            workspaces: RwLock::new(Vec::new()),
            open: RwLock::default(),
            sent: RwLock::default(),
            analyses: RwLock::default(),
            events,
            threads: options.threads.max(1),
            fallback: OnceLock::new(),
            problem_files: std::sync::Mutex::default(),
            generations: AtomicU64::new(1),
        });
        Server {
            state,
            options,
            actor: std::sync::Mutex::new(Some(receiver)),
            settings: std::sync::Mutex::new(ClientSettings::default()),
        }
    }

    /// `glose/status`: each workspace folder, whether it is indexed, and its size.
    async fn status(&self) -> Result<Vec<FolderStatus>> {
        Ok(self
            .state
            .workspaces()
            .iter()
            .map(|ws| {
                let corpus = crate::state::read(&ws.corpus);
                FolderStatus {
                    root: ws.root.display().to_string(),
                    indexed: ws.is_indexed(),
                    busy: ws.is_busy(),
                    articles: corpus.len(),
                    skipped: corpus.skipped.len(),
                    entities: corpus.entity_count(),
                }
            })
            .collect())
    }

    /// `glose/mentions`: every mention of an entity (by id) across the corpus, and its
    /// KB entry.
    async fn mentions(&self, params: MentionsParams) -> Result<Vec<Location>> {
        let state = self.state.clone();
        tokio::task::spawn_blocking(move || crate::navigation::mentions(&state, &params.id))
            .await
            .map_err(|_| tower_lsp_server::jsonrpc::Error::internal_error())
    }

    /// `glose/reindex`: loads the configuration and KB of every folder again and
    /// indexes its corpus anew.
    async fn reindex(&self) -> Result<()> {
        for ws in self.state.workspaces() {
            crate::indexer::spawn_reload(self.state.clone(), ws);
        }
        Ok(())
    }

    /// `glose/entities`: the entities of the corpus with their counts.
    async fn entities(&self, params: Option<EntitiesParams>) -> Result<Vec<EntityItem>> {
        let state = self.state.clone();
        let params = params.unwrap_or_default();
        tokio::task::spawn_blocking(move || crate::navigation::entities(&state, &params))
            .await
            .map_err(|_| tower_lsp_server::jsonrpc::Error::internal_error())
    }

    /// `glose/quotes`: the quotes of the corpus, of one speaker or of one article.
    async fn quotes(&self, params: Option<QuotesParams>) -> Result<Vec<QuoteItem>> {
        crate::quotes::quotes(&self.state, params.unwrap_or_default()).await
    }
}

/// Serves one client on `input` and `output` until it exits.
pub async fn serve<I, O>(input: I, output: O, options: Options)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::build(|client| Server::new(client, options))
        .custom_method("glose/entities", Server::entities)
        .custom_method("glose/status", Server::status)
        .custom_method("glose/mentions", Server::mentions)
        .custom_method("glose/quotes", Server::quotes)
        .custom_method("glose/reindex", Server::reindex)
        .finish();
    tower_lsp_server::Server::new(input, output, socket)
        .concurrency_level(64)
        .serve(service)
        .await;
}

/// Serves over standard input and output (what `glose lsp` runs). The protocol keeps a
/// private copy of standard output; the process's own standard output goes to standard
/// error, so that nothing else (a plugin loaded in-process) can write into the protocol.
pub fn run_stdio(options: Options) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    match glose_host::private_stdout() {
        Some(out) => {
            let out = tokio::fs::File::from_std(out);
            runtime.block_on(serve(tokio::io::stdin(), out, options));
        }
        None => runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), options)),
    }
    Ok(())
}

fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri_path(&f.uri))
        .collect();
    #[allow(deprecated)] // older clients (Neovim 0.7) send only these
    if roots.is_empty() {
        if let Some(uri) = &params.root_uri {
            roots.extend(uri_path(uri));
        } else if let Some(path) = &params.root_path {
            roots.push(PathBuf::from(path));
        }
    }
    roots
}

fn capabilities(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                work_done_progress_options: WorkDoneProgressOptions::default(),
                legend: crate::outline::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Bool(true)),
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(crate::actions::ADD_TO_KB),
                CodeActionKind::new(crate::corrections::KIND),
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: None,
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![
                crate::corrections::APPLY.to_owned(),
                crate::corrections::REMOVE.to_owned(),
            ],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        experimental: Some(serde_json::json!({
            "entitiesRequest": "glose/entities",
            "mentionsRequest": "glose/mentions",
            "quotesRequest": "glose/quotes",
            "reindexRequest": "glose/reindex",
            "statusRequest": "glose/status",
        })),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = PositionEncoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let workspace = caps.workspace.as_ref();
        let edit = workspace.and_then(|w| w.workspace_edit.as_ref());
        let client_caps = ClientCaps {
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            create_files: edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
            hierarchical_symbols: caps
                .text_document
                .as_ref()
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|d| d.hierarchical_document_symbol_support)
                .unwrap_or(false),
            refresh_tokens: workspace
                .and_then(|w| w.semantic_tokens.as_ref())
                .and_then(|t| t.refresh_support)
                .unwrap_or(false),
            refresh_hints: workspace
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|h| h.refresh_support)
                .unwrap_or(false),
        };
        let init = ClientSettings::from_value(params.initialization_options.clone());
        *self.settings.lock().unwrap_or_else(|p| p.into_inner()) = init.clone();
        let _ = self.state.session.set(Session {
            encoding,
            caps: client_caps,
        });
        *write(&self.state.live) = init.live(self.options.debounce);
        let settings = init.engine(self.options.plugin_host.clone());
        *write(&self.state.settings) = settings.clone();
        let roots = roots(&params);
        // The actor starts with the first request it may have to serve.
        if let Some(receiver) = self.actor.lock().unwrap_or_else(|p| p.into_inner()).take() {
            tokio::spawn(actor::run(self.state.clone(), receiver));
        }
        // Engines load now (the KB takes some milliseconds), corpora index later.
        let state = self.state.clone();
        let loaded = tokio::task::spawn_blocking(move || {
            roots
                .into_iter()
                .map(|root| {
                    let generation = state.next_generation();
                    let engine = Engine::load(&root, &settings, Default::default(), generation);
                    Arc::new(Workspace::new(root, engine))
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        write(&self.state.workspaces).extend(loaded);
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "glose".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        for ws in self.state.workspaces() {
            crate::indexer::spawn_index(self.state.clone(), ws);
        }
        if self.state.session().caps.watch_files {
            let client = self.state.client.clone();
            tokio::spawn(async move {
                let watchers = ["**/*.txt", "**/*.toml", "**/.glose/corrections.jsonl"]
                    .iter()
                    .map(|glob| FileSystemWatcher {
                        glob_pattern: GlobPattern::String((*glob).to_owned()),
                        kind: None,
                    })
                    .collect();
                let registration = Registration {
                    id: "glose-watch".to_owned(),
                    method: "workspace/didChangeWatchedFiles".to_owned(),
                    register_options: serde_json::to_value(
                        DidChangeWatchedFilesRegistrationOptions { watchers },
                    )
                    .ok(),
                };
                let _ = client.register_capability(vec![registration]).await;
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        write(&self.state.sent).insert(d.uri.as_str().to_owned(), d.version);
        self.state.send(Event::Open {
            uri: d.uri,
            version: d.version,
            text: d.text,
            language: d.language_id,
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        write(&self.state.sent).insert(
            params.text_document.uri.as_str().to_owned(),
            params.text_document.version,
        );
        self.state.send(Event::Change {
            uri: params.text_document.uri,
            version: params.text_document.version,
            changes: params.content_changes,
        });
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        self.state.send(Event::Save {
            uri: params.text_document.uri,
        });
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        write(&self.state.sent).remove(params.text_document.uri.as_str());
        self.state.send(Event::Close {
            uri: params.text_document.uri,
        });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let settings = {
            let mut current = self.settings.lock().unwrap_or_else(|p| p.into_inner());
            *current = current.merged(Some(params.settings));
            current.clone()
        };
        *write(&self.state.live) = settings.live(self.options.debounce);
        let engine = settings.engine(self.options.plugin_host.clone());
        let changed = *crate::state::read(&self.state.settings) != engine;
        *write(&self.state.settings) = engine;
        if changed {
            for ws in self.state.workspaces() {
                crate::indexer::spawn_reload(self.state.clone(), ws);
            }
        } else {
            self.state.send(Event::Refresh);
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        crate::indexer::watched(&self.state, params.changes).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        for removed in params.event.removed {
            if let Some(root) = uri_path(&removed.uri) {
                write(&self.state.workspaces).retain(|w| w.root != root);
            }
        }
        for added in params.event.added {
            if let Some(root) = uri_path(&added.uri) {
                let state = self.state.clone();
                tokio::task::spawn_blocking(move || {
                    crate::indexer::add_workspace(&state, &root);
                });
            }
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        Ok(crate::hover::hover(&self.state, params).await)
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        Ok(crate::navigation::definition(&self.state, params).await)
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        Ok(crate::navigation::references(&self.state, params).await)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(crate::outline::document_symbols(&self.state, params).await)
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let state = self.state.clone();
        Ok(tokio::task::spawn_blocking(move || {
            crate::navigation::workspace_symbols(&state, &params)
        })
        .await
        .ok()
        .flatten())
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(crate::outline::semantic_tokens_full(&self.state, params)
            .await
            .map(SemanticTokensResult::Tokens))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        Ok(crate::outline::semantic_tokens_range(&self.state, params)
            .await
            .map(SemanticTokensRangeResult::Tokens))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(crate::actions::code_actions(&self.state, params).await)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        match params.command.as_str() {
            crate::corrections::APPLY | crate::corrections::REMOVE => {
                crate::corrections::execute(&self.state, &params.command, params.arguments).await
            }
            other => Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "unknown command {other}"
            ))),
        }
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        Ok(crate::outline::inlay_hints(&self.state, params).await)
    }
}
