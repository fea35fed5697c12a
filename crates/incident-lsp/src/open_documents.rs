//! The open documents: text synchronization, and debounced linting that publishes a
//! document's diagnostics once its text stopped changing.
//!
//! A change aborts the lint still waiting for the previous text, and a result is published
//! only if its version is still the document's current one, so the newest text wins.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::AbortHandle;
use tower_lsp::lsp_types::*;
use tracing::warn;

use crate::analysis::CachedAnalysis;
use crate::document::Document;
use crate::state::{Shared, read_lock, write_lock};

/// An open document, its analysis and the lint waiting to run.
pub(crate) struct OpenDocument {
    pub(crate) document: Document,
    pub(crate) analysis: CachedAnalysis,
    pending_lint: Option<AbortHandle>,
}

impl OpenDocument {
    fn abort_pending_lint(&mut self) {
        if let Some(pending) = self.pending_lint.take() {
            pending.abort();
        }
    }
}

impl Shared {
    /// `textDocument/didOpen`: keeps the text and lints it at once.
    pub(crate) fn open_document(self: &Arc<Shared>, item: TextDocumentItem) {
        let uri = item.uri.clone();
        {
            let mut documents = write_lock(&self.documents);
            let opened = OpenDocument {
                document: Document::new(item.text, item.version),
                analysis: CachedAnalysis::default(),
                pending_lint: None,
            };
            if let Some(mut previous) = documents.insert(item.uri, opened) {
                previous.abort_pending_lint();
            }
        }
        self.schedule_lint(uri, Duration::ZERO);
    }

    /// `textDocument/didChange`: applies the changes, and lints once typing pauses.
    pub(crate) fn change_document(self: &Arc<Shared>, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let encoding = read_lock(&self.session).client.encoding;
        {
            let mut documents = write_lock(&self.documents);
            let Some(open) = documents.get_mut(&uri) else {
                warn!("didChange for {uri}, which is not open");
                return;
            };
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
            open.analysis.invalidate();
        }
        self.schedule_lint(uri, self.options.debounce);
    }

    /// `textDocument/didClose`: forgets the document; its diagnostics are cleared by the caller.
    pub(crate) fn close_document(&self, uri: &Url) {
        if let Some(mut removed) = write_lock(&self.documents).remove(uri) {
            removed.abort_pending_lint();
        }
    }

    /// `shutdown`: no lint runs after it.
    pub(crate) fn abort_pending_lints(&self) {
        let mut documents = write_lock(&self.documents);
        for open in documents.values_mut() {
            open.abort_pending_lint();
        }
    }

    /// Lints every open document again, at once: what checking reads has changed.
    pub(crate) fn lint_open_documents(self: &Arc<Shared>) {
        let uris: Vec<Url> = {
            let mut documents = write_lock(&self.documents);
            documents
                .iter_mut()
                .map(|(uri, open)| {
                    open.analysis.invalidate();
                    uri.clone()
                })
                .collect()
        };
        for uri in uris {
            self.schedule_lint(uri, Duration::ZERO);
        }
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
        for message in self.configs.unreported_errors() {
            self.client
                .show_message(MessageType::WARNING, format!("incident-lint: {message}"))
                .await;
        }
        let client = read_lock(&self.session).client.clone();
        let current = read_lock(&self.documents)
            .get(uri)
            .map(|open| open.document.version());
        if current != Some(analysis.version) {
            return;
        }
        let diagnostics = analysis.lsp_diagnostics(uri, &client);
        self.client
            .publish_diagnostics(uri.clone(), diagnostics, Some(analysis.version))
            .await;
    }
}
