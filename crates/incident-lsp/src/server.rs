//! The server: lifecycle, and dispatch of each LSP method to its handler.
//!
//! Requests about one document go through [`Backend::document_request`]: look the document
//! up, bring its analysis up to date, and run the handler in `handlers/` on the blocking thread
//! pool, so a slow lint never stalls the reading of messages, and a panic there becomes an
//! internal error answer instead of ending the server. The state is in `state.rs`, the open
//! documents and their debounced linting in `open_documents.rs`.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures::FutureExt;
use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::request::{
    CodeActionRequest, CodeLensRequest, Completion, DocumentSymbolRequest, FoldingRangeRequest,
    Formatting, GotoDefinition, HoverRequest, InlayHintRequest, PrepareRenameRequest, References,
    Rename, SemanticTokensFullRequest,
};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};
use tracing::{error, info, warn};

use crate::Options;
use crate::editor_settings;
use crate::handlers::{self, DocumentRequest, RequestContext, Snapshot};
use crate::state::{Session, Shared, initial_folders, write_lock};

/// The language server, as tower-lsp calls it.
pub struct Backend {
    pub(crate) shared: Arc<Shared>,
}

impl Backend {
    /// A server that talks to `client`.
    pub fn new(client: Client, options: Options) -> Backend {
        Backend {
            shared: Arc::new(Shared::new(client, options)),
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

    /// Answers request `R` about one open document from its current analysis; a document that
    /// is not open gets the empty answer. Warnings the handler leaves are shown first.
    async fn document_request<R>(&self, params: R::Params) -> Result<R::Result>
    where
        R: DocumentRequest,
        R::Params: Send + 'static,
        R::Result: Default + Send + 'static,
    {
        guard_request(R::METHOD, async {
            let uri = R::document(&params).clone();
            let Some(analysis) = self.shared.analysis(&uri).await else {
                warn!("{}: unknown document {uri}", R::METHOD);
                return Ok(R::Result::default());
            };
            let mut cx = RequestContext {
                snapshot: self.shared.snapshot(analysis, uri),
                workspace: self.shared.clone(),
                warnings: Vec::new(),
            };
            let (answer, warnings) = run_blocking(R::METHOD, move || {
                let answer = R::answer(&mut cx, params);
                (answer, cx.warnings)
            })
            .await?;
            for warning in warnings {
                self.shared
                    .client
                    .show_message(MessageType::WARNING, format!("incident-lint: {warning}"))
                    .await;
            }
            answer
        })
        .await
    }

    /// The snapshot of `uri` for a request that names it in its data or arguments: not being
    /// open is the client's error.
    async fn open_snapshot(&self, what: &str, uri: Url) -> Result<Snapshot> {
        match self.shared.analysis(&uri).await {
            Some(analysis) => Ok(self.shared.snapshot(analysis, uri)),
            None => Err(Error::invalid_params(format!("{what}: {uri} is not open"))),
        }
    }

    /// Asks the client to send notifications of `method`.
    async fn register(&self, method: &str, register_options: Option<Value>) {
        let registration = Registration {
            id: format!("incident-lint-{method}"),
            method: method.to_owned(),
            register_options,
        };
        let registered = self
            .shared
            .client
            .register_capability(vec![registration])
            .await;
        if let Err(error) = registered {
            warn!("the client refused to send {method}: {error}");
        }
    }

    /// `codeAction/resolve`: the edit of an action offered without it.
    async fn resolve_code_action(&self, action: CodeAction) -> Result<CodeAction> {
        let uri = handlers::code_action::resolve_target(&action).map_err(Error::invalid_params)?;
        let snapshot = self.open_snapshot("codeAction/resolve", uri).await?;
        run_blocking("codeAction/resolve", move || {
            handlers::code_action::resolve(&snapshot, action)
        })
        .await
    }

    /// `incident-lint.showReport`: writes the report page of an open document and answers
    /// `{"html", "uri"}`; asks the client to open the page when it shows no page itself.
    async fn show_report(&self, arguments: &[Value]) -> Result<Option<Value>> {
        let uri = handlers::code_lens::report_target(arguments).map_err(Error::invalid_params)?;
        let snapshot = self
            .open_snapshot(handlers::code_lens::SHOW_REPORT, uri)
            .await?;
        let written = run_blocking("workspace/executeCommand", move || {
            handlers::code_lens::write_report(&snapshot, &handlers::code_lens::report_folder())
        })
        .await?;
        let report = written.map_err(|message| {
            let mut error = Error::internal_error();
            error.message = format!("cannot show the timeline: {message}").into();
            error
        })?;
        if self.shared.session().open_reports {
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
}

/// Runs `work` on the blocking pool; a panic there becomes an internal error answer.
pub(crate) async fn run_blocking<R, F>(method: &'static str, work: F) -> Result<R>
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

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let session = Session::new(&params);
        let folders = initial_folders(&params);
        info!(
            "initialize: position encoding {:?}, workspace folders {folders:?}",
            session.client.encoding.kind(),
        );
        // The incident IDs of the workspace are read before any document is opened (the
        // protocol sends nothing else until `initialize` is answered), so the first
        // diagnostics already see the other files.
        self.shared.add_folders(folders).await;
        let capabilities = handlers::capabilities(&session.client);
        *write_lock(&self.shared.session) = session;
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "incident-lint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    async fn initialized(&self, _params: InitializedParams) {
        let client = self.shared.session().client;
        if client.pulls_configuration {
            self.shared.pull_editor_settings();
        }
        if client.watch_registration {
            let watchers = ["**/incident-lint.toml", "**/*.incident", "**/*.incident.md"]
                .into_iter()
                .map(|pattern| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(pattern.to_owned()),
                    kind: None,
                })
                .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            self.register(
                "workspace/didChangeWatchedFiles",
                serde_json::to_value(options).ok(),
            )
            .await;
        }
        if client.configuration_registration {
            let options = serde_json::json!({ "section": editor_settings::SECTION });
            self.register("workspace/didChangeConfiguration", Some(options))
                .await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        info!("shutdown");
        self.shared.shutdown.store(true, Ordering::SeqCst);
        self.shared.abort_pending_lints();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        guard("textDocument/didOpen", || {
            self.shared.open_document(params.text_document);
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        guard("textDocument/didChange", || {
            self.shared.change_document(params)
        });
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
        guard("textDocument/didClose", || self.shared.close_document(&uri));
        self.shared
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.shared.watched_files_changed(&params.changes).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        guard("workspace/didChangeConfiguration", || {
            self.shared.configuration_changed(&params.settings);
        });
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        self.shared.workspace_folders_changed(params.event).await;
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.document_request::<CodeActionRequest>(params).await
    }

    async fn code_action_resolve(&self, action: CodeAction) -> Result<CodeAction> {
        guard_request("codeAction/resolve", self.resolve_code_action(action)).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.document_request::<Completion>(params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.document_request::<HoverRequest>(params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.document_request::<DocumentSymbolRequest>(params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.document_request::<FoldingRangeRequest>(params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.document_request::<SemanticTokensFullRequest>(params)
            .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.document_request::<GotoDefinition>(params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.document_request::<References>(params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.document_request::<PrepareRenameRequest>(params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.document_request::<Rename>(params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.document_request::<InlayHintRequest>(params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.document_request::<CodeLensRequest>(params).await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.document_request::<Formatting>(params).await
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
}
