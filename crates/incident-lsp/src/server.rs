//! The server: lifecycle, document synchronization, debounced diagnostics, and dispatch of each
//! request to its handler in `handlers/`.
//!
//! Document state lives in `RwLock`s inside [`Backend`]; locks are never held across an
//! `await`. Work that reads a whole document runs on the blocking thread pool, so a slow lint
//! never stalls the reading of messages, and a panic there becomes an internal error answer
//! instead of ending the server.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use futures::FutureExt;
use incident_rules::{Config, Selectors, Settings, nearest_config_file};
use serde_json::Value;
use tokio::task::AbortHandle;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};
use tracing::{debug, error, info, warn};

use crate::Options;
use crate::analysis::Analysis;
use crate::convert::PositionEncoding;
use crate::document::Document;
use crate::handlers::{self, Snapshot};
use crate::workspace::{
    IdIndex, front_matter_id, front_matter_scalar, is_incident_file, read_incident_file,
};

/// The language server's state, shared by every handler.
pub struct Backend {
    shared: Arc<Shared>,
}

struct Shared {
    client: Client,
    options: Options,
    session: RwLock<Session>,
    documents: RwLock<HashMap<Url, OpenDocument>>,
    configs: RwLock<HashMap<PathBuf, ConfigEntry>>,
    ids: RwLock<IdIndex>,
    shutdown: Arc<AtomicBool>,
}

/// What initialization agreed on.
#[derive(Clone, Debug, Default)]
struct Session {
    encoding: PositionEncoding,
    snippets: bool,
    watch_registration: bool,
    root: Option<PathBuf>,
    /// Report pages are sent with `window/showDocument`: the client can open them and does
    /// not show them in a view of its own.
    open_reports: bool,
}

struct OpenDocument {
    document: Document,
    analysis: Option<Arc<Analysis>>,
    pending_lint: Option<AbortHandle>,
    analysis_gate: Arc<tokio::sync::Mutex<()>>,
}

#[derive(Clone)]
struct ConfigEntry {
    settings: Arc<Settings>,
    error: Option<String>,
    reported: bool,
}

fn read_lock<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write_lock<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Backend {
    /// A server that talks to `client`.
    pub fn new(client: Client, options: Options) -> Backend {
        Backend {
            shared: Arc::new(Shared {
                client,
                options,
                session: RwLock::new(Session::default()),
                documents: RwLock::new(HashMap::new()),
                configs: RwLock::new(HashMap::new()),
                ids: RwLock::new(IdIndex::default()),
                shutdown: Arc::new(AtomicBool::new(false)),
            }),
        }
    }

    /// Set once a `shutdown` request was answered.
    pub fn shutdown_flag(&self) -> Arc<AtomicBool> {
        self.shared.shutdown.clone()
    }

    /// Answers a message that could not be read (see `transport`) with its error.
    pub async fn malformed(&self, params: Value) -> Result<Value> {
        let code = params.get("code").and_then(Value::as_i64).unwrap_or(-32600);
        let message = params
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("invalid request")
            .to_owned();
        Err(Error {
            code: code.into(),
            message: message.into(),
            data: None,
        })
    }

    /// Test hook: a handler that panics, to show that the server answers and keeps serving.
    pub async fn test_panic(&self, _params: Value) -> Result<Value> {
        run_blocking("incident-lint/test/panic", || -> Value {
            std::panic::resume_unwind(Box::new("test hook: a handler panicked"))
        })
        .await
    }

    /// Test hook: a request that takes `{"ms": n}` milliseconds, to test cancellation.
    pub async fn test_sleep(&self, params: Value) -> Result<Value> {
        let millis = params.get("ms").and_then(Value::as_u64).unwrap_or(10_000);
        tokio::time::sleep(Duration::from_millis(millis)).await;
        Ok(Value::Bool(true))
    }

    /// Test hook: the server's resident memory in kilobytes and how many documents it holds.
    pub async fn test_memory(&self, _params: Value) -> Result<Value> {
        let documents = read_lock(&self.shared.documents).len();
        Ok(serde_json::json!({
            "rss_kb": resident_memory_kb(),
            "documents": documents,
        }))
    }

    /// Test hook: the server's copy of a document, `{"uri": …}` → `{"text", "version"}`.
    pub async fn test_document(&self, params: Value) -> Result<Value> {
        let uri = params
            .get("uri")
            .and_then(Value::as_str)
            .and_then(|uri| Url::parse(uri).ok())
            .ok_or_else(|| Error::invalid_params("expected {\"uri\": …}"))?;
        let documents = read_lock(&self.shared.documents);
        Ok(documents.get(&uri).map_or(Value::Null, |open| {
            serde_json::json!({
                "text": open.document.text(),
                "version": open.document.version(),
            })
        }))
    }

    fn session(&self) -> Session {
        read_lock(&self.shared.session).clone()
    }

    /// Runs `handler` on the current analysis of `uri`, on the blocking pool.
    async fn with_snapshot<R, F>(&self, method: &'static str, uri: &Url, handler: F) -> Result<R>
    where
        R: Default + Send + 'static,
        F: FnOnce(&Snapshot) -> R + Send + 'static,
    {
        let Some(analysis) = self.shared.analysis(uri).await else {
            warn!("{method}: unknown document {uri}");
            return Ok(R::default());
        };
        let session = self.session();
        let snapshot = Snapshot {
            analysis,
            uri: uri.clone(),
            encoding: session.encoding,
            snippets: session.snippets,
        };
        run_blocking(method, move || handler(&snapshot)).await
    }
}

/// Runs `work` on the blocking pool; a panic there becomes an internal error answer.
async fn run_blocking<R, F>(method: &'static str, work: F) -> Result<R>
where
    R: Send + 'static,
    F: FnOnce() -> R + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => Ok(result),
        Err(join_error) => {
            error!("{method}: the handler failed: {join_error}");
            let mut error = Error::internal_error();
            error.message = format!("{method} failed inside incident-lint; see its log").into();
            Err(error)
        }
    }
}

/// Runs a notification handler's body, logging a panic instead of ending the server.
fn guard(method: &'static str, body: impl FnOnce()) {
    if std::panic::catch_unwind(AssertUnwindSafe(body)).is_err() {
        error!("{method}: the handler panicked; the notification was dropped");
    }
}

/// Runs a request handler's future, answering an internal error if it panics.
async fn guard_request<R>(
    method: &'static str,
    future: impl std::future::Future<Output = Result<R>>,
) -> Result<R> {
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(result) => result,
        Err(_) => {
            error!("{method}: the handler panicked");
            Err(Error::internal_error())
        }
    }
}

impl Shared {
    /// The analysis of the document's current version, computed if needed. `None` for a
    /// document that is not open.
    async fn analysis(self: &Arc<Shared>, uri: &Url) -> Option<Arc<Analysis>> {
        // Requests that arrive together after a change wait for one computation and share it.
        let gate = read_lock(&self.documents).get(uri)?.analysis_gate.clone();
        let _turn = gate.lock().await;
        // A change during the computation makes its result stale; try again a few times.
        for _ in 0..3 {
            let (text, version) = {
                let documents = read_lock(&self.documents);
                let open = documents.get(uri)?;
                if let Some(analysis) = &open.analysis {
                    if analysis.version == open.document.version() {
                        return Some(analysis.clone());
                    }
                }
                (open.document.text().to_owned(), open.document.version())
            };
            let shared = self.clone();
            let target = uri.clone();
            // The result is stored by the blocking task itself, so a cancelled request does not
            // throw away work that the next one needs.
            let computed = tokio::task::spawn_blocking(move || {
                let analysis = Arc::new(shared.check(&target, &text, version));
                let mut documents = write_lock(&shared.documents);
                let current = documents
                    .get_mut(&target)
                    .filter(|open| open.document.version() == version);
                if let Some(open) = current {
                    open.analysis = Some(analysis.clone());
                }
                analysis
            })
            .await;
            match computed {
                Ok(analysis) => {
                    let current = read_lock(&self.documents)
                        .get(uri)
                        .map(|open| open.document.version());
                    if current == Some(analysis.version) {
                        return Some(analysis);
                    }
                }
                Err(join_error) => {
                    error!("checking {uri} failed: {join_error}");
                    return None;
                }
            }
        }
        debug!("{uri} kept changing while it was checked");
        None
    }

    /// Checks one version of a document with its settings and the workspace's incident IDs.
    fn check(&self, uri: &Url, text: &str, version: i32) -> Analysis {
        let settings = self.settings_for(uri);
        let path = uri.to_file_path().ok();
        let overrides = self.open_document_ids(uri, text);
        let ids = read_lock(&self.ids);
        let workspace = ids.workspace(&overrides);
        let shown = path.as_deref().map(|path| ids.display(path));
        let workspace_file = workspace.as_ref().zip(shown.as_deref());
        Analysis::new(text, version, settings, workspace_file)
    }

    /// The incident IDs of the open documents, with `text` for `current`.
    fn open_document_ids(&self, current: &Url, text: &str) -> Vec<(PathBuf, Option<String>)> {
        let documents = read_lock(&self.documents);
        documents
            .iter()
            .filter_map(|(uri, open)| {
                let path = uri.to_file_path().ok()?;
                let id = if uri == current {
                    front_matter_id(text)
                } else {
                    front_matter_id(open.document.text())
                };
                Some((path, id))
            })
            .collect()
    }

    /// The files of the workspace that define the incident ID `id`: open documents as they
    /// are, other files as they are on disk.
    fn incident_files_defining(&self, id: &str) -> Vec<handlers::hover::IncidentFile> {
        let open: HashMap<PathBuf, String> = read_lock(&self.documents)
            .iter()
            .filter_map(|(uri, open)| {
                Some((uri.to_file_path().ok()?, open.document.text().to_owned()))
            })
            .collect();
        let overrides: Vec<(PathBuf, Option<String>)> = open
            .iter()
            .map(|(path, text)| (path.clone(), front_matter_id(text)))
            .collect();
        let ids = read_lock(&self.ids);
        ids.paths_defining(id, &overrides)
            .into_iter()
            .map(|path| {
                let text = open
                    .get(&path)
                    .cloned()
                    .or_else(|| read_incident_file(&path));
                handlers::hover::IncidentFile {
                    path: ids.display(&path),
                    title: text.and_then(|text| front_matter_scalar(&text, "title")),
                }
            })
            .collect()
    }

    /// The settings for a document: from the nearest `incident-lint.toml` above its file, or
    /// the defaults; `today` is the current date, for overdue actions.
    fn settings_for(&self, uri: &Url) -> Arc<Settings> {
        let directory = uri
            .to_file_path()
            .ok()
            .and_then(|path| path.parent().map(Path::to_owned))
            .or_else(|| read_lock(&self.session).root.clone());
        let config_path = directory
            .as_deref()
            .and_then(|directory| nearest_config_file(directory, Path::is_file));
        let settings = match config_path {
            None => Arc::new(Settings::default()),
            Some(config_path) => {
                let cached = read_lock(&self.configs).get(&config_path).cloned();
                let entry = match cached {
                    Some(entry) => entry,
                    None => {
                        let entry = read_config(&config_path);
                        write_lock(&self.configs).insert(config_path, entry.clone());
                        entry
                    }
                };
                entry.settings
            }
        };
        let mut settings = (*settings).clone();
        // A date in the file name places timeline times that have no other date; an ISO date
        // needs no percent-decoding, so an unsaved document's last segment serves as well.
        settings.file_name = uri
            .to_file_path()
            .ok()
            .and_then(|path| {
                path.file_name()
                    .map(|name| name.to_string_lossy().into_owned())
            })
            .or_else(|| {
                uri.path_segments()
                    .and_then(|mut segments| segments.next_back())
                    .map(str::to_owned)
            });
        settings.today = settings.today.or_else(|| {
            Some(
                jiff::ZonedDateTime::now()
                    .with_time_zone(settings.default_timezone.clone())
                    .date(),
            )
        });
        Arc::new(settings)
    }

    /// Configuration errors not shown to the user yet; each is shown once.
    fn unreported_config_errors(&self) -> Vec<String> {
        let mut configs = write_lock(&self.configs);
        configs
            .values_mut()
            .filter(|entry| !entry.reported)
            .filter_map(|entry| {
                entry.reported = true;
                entry.error.clone()
            })
            .collect()
    }

    /// Lints `uri` after `delay`, unless a newer change comes first; the newest text wins.
    fn schedule_lint(self: &Arc<Shared>, uri: Url, delay: Duration) {
        let shared = self.clone();
        let target = uri.clone();
        let task = tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            shared.lint_and_publish(&target).await;
        });
        let mut documents = write_lock(&self.documents);
        match documents.get_mut(&uri) {
            Some(open) => {
                if let Some(previous) = open.pending_lint.replace(task.abort_handle()) {
                    previous.abort();
                }
            }
            None => task.abort(),
        }
    }

    async fn lint_and_publish(self: &Arc<Shared>, uri: &Url) {
        let Some(analysis) = self.analysis(uri).await else {
            return;
        };
        for message in self.unreported_config_errors() {
            self.client
                .show_message(MessageType::WARNING, format!("incident-lint: {message}"))
                .await;
        }
        let encoding = read_lock(&self.session).encoding;
        let current = read_lock(&self.documents)
            .get(uri)
            .map(|open| open.document.version());
        if current != Some(analysis.version) {
            return;
        }
        let diagnostics = analysis.lsp_diagnostics(uri, encoding);
        self.client
            .publish_diagnostics(uri.clone(), diagnostics, Some(analysis.version))
            .await;
    }

    /// Forgets every configuration read, and lints every open document again.
    fn reload_configs(self: &Arc<Shared>) {
        write_lock(&self.configs).clear();
        let uris: Vec<Url> = {
            let mut documents = write_lock(&self.documents);
            documents
                .iter_mut()
                .map(|(uri, open)| {
                    open.analysis = None;
                    uri.clone()
                })
                .collect()
        };
        for uri in uris {
            self.schedule_lint(uri, Duration::ZERO);
        }
    }
}

fn read_config(path: &Path) -> ConfigEntry {
    let parsed = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
        .and_then(|text| Config::parse(&text, Some(path)).map_err(|error| error.to_string()));
    match parsed {
        Ok(config) => ConfigEntry {
            settings: Arc::new(config.settings(&Selectors::default())),
            error: None,
            reported: true,
        },
        Err(message) => {
            warn!("{message}; using the default settings");
            ConfigEntry {
                settings: Arc::new(Settings::default()),
                error: Some(message),
                reported: false,
            }
        }
    }
}

/// The resident memory of this process in kilobytes (Linux), or 0.
pub fn resident_memory_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|folder| folder.uri.to_file_path().ok())
        .or_else(|| {
            #[allow(deprecated)]
            params
                .root_uri
                .as_ref()
                .and_then(|uri| uri.to_file_path().ok())
        })
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = PositionEncoding::negotiate(&params.capabilities);
        let snippets = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|text| text.completion.as_ref())
            .and_then(|completion| completion.completion_item.as_ref())
            .and_then(|item| item.snippet_support)
            .unwrap_or(false);
        let watch_registration = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|workspace| workspace.did_change_watched_files.as_ref())
            .and_then(|watched| watched.dynamic_registration)
            .unwrap_or(false);
        let show_document = params
            .capabilities
            .window
            .as_ref()
            .and_then(|window| window.show_document.as_ref())
            .is_some_and(|show| show.support);
        // An editor that shows the page in its own view says so; others get it in a browser.
        let report_in_webview = params
            .initialization_options
            .as_ref()
            .and_then(|options| options.get("reportInWebview"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let root = root_of(&params);
        // The incident IDs of the workspace are read before any document is opened (the
        // protocol sends nothing else until `initialize` is answered), so the first
        // diagnostics already see the other files.
        if let Some(root) = root.clone() {
            let shared = self.shared.clone();
            let scanned = tokio::task::spawn_blocking(move || IdIndex::scan(&root)).await;
            match scanned {
                Ok(index) => *write_lock(&shared.ids) = index,
                Err(join_error) => error!("scanning the workspace failed: {join_error}"),
            }
        }
        info!(
            "initialize: position encoding {:?}, root {:?}",
            encoding.kind(),
            root
        );
        *write_lock(&self.shared.session) = Session {
            encoding,
            snippets,
            watch_registration,
            root,
            open_reports: show_document && !report_in_webview,
        };
        Ok(InitializeResult {
            capabilities: handlers::capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "incident-lint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    async fn initialized(&self, _params: InitializedParams) {
        let session = self.session();
        if session.watch_registration {
            let watchers = ["**/incident-lint.toml", "**/*.incident", "**/*.incident.md"]
                .into_iter()
                .map(|pattern| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(pattern.to_owned()),
                    kind: None,
                })
                .collect();
            let registration = Registration {
                id: "incident-lint-watched-files".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                    watchers,
                })
                .ok(),
            };
            if let Err(error) = self
                .shared
                .client
                .register_capability(vec![registration])
                .await
            {
                warn!("the client refused to watch files: {error}");
            }
        }
    }

    async fn shutdown(&self) -> Result<()> {
        info!("shutdown");
        self.shared.shutdown.store(true, Ordering::SeqCst);
        let mut documents = write_lock(&self.shared.documents);
        for open in documents.values_mut() {
            if let Some(pending) = open.pending_lint.take() {
                pending.abort();
            }
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let uri = item.uri.clone();
        guard("textDocument/didOpen", || {
            let mut documents = write_lock(&self.shared.documents);
            if let Some(previous) = documents.insert(
                item.uri,
                OpenDocument {
                    document: Document::new(item.text, item.version),
                    analysis: None,
                    pending_lint: None,
                    analysis_gate: Arc::new(tokio::sync::Mutex::new(())),
                },
            ) {
                if let Some(pending) = previous.pending_lint {
                    pending.abort();
                }
            }
        });
        self.shared.schedule_lint(uri, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let encoding = self.session().encoding;
        let mut known = false;
        guard("textDocument/didChange", || {
            let mut documents = write_lock(&self.shared.documents);
            let Some(open) = documents.get_mut(&uri) else {
                warn!("didChange for {uri}, which is not open");
                return;
            };
            known = true;
            if version <= open.document.version() {
                warn!(
                    "didChange for {uri}: version {version} after {}",
                    open.document.version()
                );
            }
            let errors = open
                .document
                .apply_changes(&params.content_changes, version, encoding);
            for change_error in errors {
                warn!("didChange for {uri} version {version}: {change_error}; change skipped");
            }
            open.document.shrink();
            open.analysis = None;
        });
        if known {
            self.shared.schedule_lint(uri, self.shared.options.debounce);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Ok(path) = params.text_document.uri.to_file_path() {
            guard("textDocument/didSave", || {
                write_lock(&self.shared.ids).refresh(&path);
            });
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        guard("textDocument/didClose", || {
            let removed = write_lock(&self.shared.documents).remove(&uri);
            if let Some(pending) = removed.and_then(|open| open.pending_lint) {
                pending.abort();
            }
        });
        self.shared
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut configs_changed = false;
        let mut incident_files: HashSet<PathBuf> = HashSet::new();
        for change in &params.changes {
            let Ok(path) = change.uri.to_file_path() else {
                continue;
            };
            if path
                .file_name()
                .is_some_and(|name| name == incident_rules::CONFIG_FILE_NAME)
            {
                configs_changed = true;
            } else if is_incident_file(&path) {
                incident_files.insert(path);
            }
        }
        if !incident_files.is_empty() {
            let shared = self.shared.clone();
            let refreshed = tokio::task::spawn_blocking(move || {
                let mut ids = write_lock(&shared.ids);
                for path in &incident_files {
                    ids.refresh(path);
                }
            })
            .await;
            if let Err(join_error) = refreshed {
                error!("re-reading changed incident files failed: {join_error}");
            }
        }
        if configs_changed {
            info!("incident-lint.toml changed; checking open documents again");
            self.shared.reload_configs();
        }
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        guard_request(
            "textDocument/codeAction",
            self.with_snapshot("textDocument/codeAction", &uri, move |snapshot| {
                Some(handlers::code_action::code_actions(snapshot, &params))
            }),
        )
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri.clone();
        let position = params.text_document_position.position;
        guard_request(
            "textDocument/completion",
            self.with_snapshot("textDocument/completion", &uri, move |snapshot| {
                let now = jiff::ZonedDateTime::now();
                let items = handlers::completion::completion(snapshot, position, &now);
                Some(CompletionResponse::Array(items))
            }),
        )
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        let position = params.text_document_position_params.position;
        let shared = self.shared.clone();
        guard_request(
            "textDocument/hover",
            self.with_snapshot("textDocument/hover", &uri, move |snapshot| {
                handlers::hover::hover(snapshot, position, &|id| shared.incident_files_defining(id))
            }),
        )
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        guard_request(
            "textDocument/documentSymbol",
            self.with_snapshot("textDocument/documentSymbol", &uri, |snapshot| {
                Some(DocumentSymbolResponse::Nested(
                    handlers::symbols::document_symbols(snapshot),
                ))
            }),
        )
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let uri = params.text_document.uri;
        guard_request(
            "textDocument/foldingRange",
            self.with_snapshot("textDocument/foldingRange", &uri, |snapshot| {
                Some(handlers::folding::folding_ranges(snapshot))
            }),
        )
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let uri = params.text_document.uri;
        guard_request(
            "textDocument/semanticTokens/full",
            self.with_snapshot("textDocument/semanticTokens/full", &uri, |snapshot| {
                Some(SemanticTokensResult::Tokens(
                    handlers::semantic_tokens::semantic_tokens(snapshot),
                ))
            }),
        )
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        let position = params.text_document_position_params.position;
        let target = self.navigation_target(&uri, position).await?;
        guard_request("textDocument/definition", async {
            match target {
                Some(handlers::navigation::Target::Local(id)) => {
                    self.with_snapshot("textDocument/definition", &uri, move |snapshot| {
                        handlers::navigation::local_definition(snapshot, &id)
                            .map(GotoDefinitionResponse::Scalar)
                    })
                    .await
                }
                Some(handlers::navigation::Target::Incident(id)) => {
                    let files = self.workspace_files();
                    run_blocking("textDocument/definition", move || {
                        let locations = handlers::navigation::incident_definitions(&files, &id);
                        (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
                    })
                    .await
                }
                None => Ok(None),
            }
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let uri = params.text_document_position.text_document.uri.clone();
        let position = params.text_document_position.position;
        let include_declaration = params.context.include_declaration;
        let target = self.navigation_target(&uri, position).await?;
        guard_request("textDocument/references", async {
            match target {
                Some(handlers::navigation::Target::Local(id)) => {
                    self.with_snapshot("textDocument/references", &uri, move |snapshot| {
                        Some(handlers::navigation::local_references(
                            snapshot,
                            &id,
                            include_declaration,
                        ))
                    })
                    .await
                }
                Some(handlers::navigation::Target::Incident(id)) => {
                    let files = self.workspace_files();
                    run_blocking("textDocument/references", move || {
                        Some(handlers::navigation::incident_references(
                            &files,
                            &id,
                            include_declaration,
                        ))
                    })
                    .await
                }
                None => Ok(None),
            }
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let uri = params.text_document.uri;
        let position = params.position;
        guard_request(
            "textDocument/prepareRename",
            self.with_snapshot("textDocument/prepareRename", &uri, move |snapshot| {
                handlers::navigation::prepare_rename(snapshot, position)
            }),
        )
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let uri = params.text_document_position.text_document.uri.clone();
        let position = params.text_document_position.position;
        let new_name = params.new_name;
        let target = self.navigation_target(&uri, position).await?;
        guard_request("textDocument/rename", async {
            match target {
                Some(handlers::navigation::Target::Local(id)) => self
                    .with_snapshot("textDocument/rename", &uri, move |snapshot| {
                        Some(handlers::navigation::local_rename(snapshot, &id, &new_name))
                    })
                    .await?
                    .transpose(),
                Some(handlers::navigation::Target::Incident(id)) => {
                    let files = self.workspace_files();
                    run_blocking("textDocument/rename", move || {
                        handlers::navigation::incident_rename(&files, &id, &new_name)
                    })
                    .await?
                    .map(Some)
                }
                None => Ok(None),
            }
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let uri = params.text_document.uri;
        let range = params.range;
        guard_request(
            "textDocument/inlayHint",
            self.with_snapshot("textDocument/inlayHint", &uri, move |snapshot| {
                Some(handlers::inlay_hints::inlay_hints(snapshot, range))
            }),
        )
        .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        guard_request(
            "textDocument/codeLens",
            self.with_snapshot("textDocument/codeLens", &uri, |snapshot| {
                Some(handlers::code_lens::code_lenses(snapshot))
            }),
        )
        .await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command != handlers::code_lens::SHOW_REPORT {
            return Err(Error::invalid_params(format!(
                "unknown command `{}`; incident-lint offers `{}`",
                params.command,
                handlers::code_lens::SHOW_REPORT
            )));
        }
        guard_request(
            "workspace/executeCommand",
            self.show_report(&params.arguments),
        )
        .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let options = params.options;
        let formatted = guard_request(
            "textDocument/formatting",
            self.with_snapshot("textDocument/formatting", &uri, move |snapshot| {
                Some(handlers::formatting::formatting(snapshot, &options))
            }),
        )
        .await?;
        match formatted {
            Some(Ok(edits)) => Ok(Some(edits)),
            Some(Err(reason)) => {
                // An empty answer alone would look like a formatter that did nothing.
                self.shared
                    .client
                    .show_message(MessageType::WARNING, format!("incident-lint: {reason}"))
                    .await;
                Ok(Some(Vec::new()))
            }
            None => Ok(None),
        }
    }
}

impl Backend {
    /// `incident-lint.showReport`: writes the report page of an open document and answers
    /// `{"html", "uri"}`; asks the client to open the page when it shows no page itself.
    async fn show_report(&self, arguments: &[Value]) -> Result<Option<Value>> {
        let uri = handlers::code_lens::report_target(arguments).map_err(Error::invalid_params)?;
        let Some(analysis) = self.shared.analysis(&uri).await else {
            return Err(Error::invalid_params(format!(
                "{}: {uri} is not open",
                handlers::code_lens::SHOW_REPORT
            )));
        };
        let session = self.session();
        let snapshot = Snapshot {
            analysis,
            uri,
            encoding: session.encoding,
            snippets: session.snippets,
        };
        let written = run_blocking("workspace/executeCommand", move || {
            handlers::code_lens::write_report(&snapshot, &handlers::code_lens::report_folder())
        })
        .await?;
        let report = written.map_err(|message| {
            let mut error = Error::internal_error();
            error.message = format!("cannot show the timeline: {message}").into();
            error
        })?;
        if session.open_reports {
            // Not awaited: the answer should not wait for the browser.
            let client = self.shared.client.clone();
            let page = report.uri.clone();
            tokio::spawn(async move {
                let shown = client
                    .show_document(ShowDocumentParams {
                        uri: page,
                        external: Some(true),
                        take_focus: None,
                        selection: None,
                    })
                    .await;
                if let Err(error) = shown {
                    warn!("the client did not open the report: {error}");
                }
            });
        }
        Ok(Some(serde_json::json!({
            "html": report.html,
            "uri": report.uri.to_string(),
        })))
    }

    /// What the cursor is on, for definition, references and rename.
    async fn navigation_target(
        &self,
        uri: &Url,
        position: Position,
    ) -> Result<Option<handlers::navigation::Target>> {
        guard_request(
            "navigation",
            self.with_snapshot("navigation", uri, move |snapshot| {
                handlers::navigation::target_at(snapshot, position)
            }),
        )
        .await
    }

    /// The incident files of the workspace folder with their current text: the open
    /// documents' text, else what is on disk.
    fn workspace_files(&self) -> handlers::navigation::WorkspaceFiles {
        let root = read_lock(&self.shared.session).root.clone();
        let encoding = read_lock(&self.shared.session).encoding;
        let open: Vec<(Url, String)> = read_lock(&self.shared.documents)
            .iter()
            .map(|(uri, open)| (uri.clone(), open.document.text().to_owned()))
            .collect();
        handlers::navigation::WorkspaceFiles {
            root,
            open,
            encoding,
        }
    }
}
