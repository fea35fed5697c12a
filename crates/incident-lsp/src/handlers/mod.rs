//! One module per LSP feature. Each handler is a plain function of a [`Snapshot`] and the
//! request's parameters, so tests can call it without a client.
//!
//! A request about one open document implements [`DocumentRequest`] next to its handler: which
//! document it names, and how its answer comes from the [`RequestContext`]. The server does the
//! rest in one place: it looks the document up, brings its analysis up to date, and runs
//! [`DocumentRequest::answer`] on the blocking pool.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod folding;
pub mod formatting;
pub mod hover;
pub mod inlay_hints;
pub mod navigation;
pub mod semantic_tokens;
pub mod symbols;

use std::sync::Arc;

use jiff::{SignedDuration, ZonedDateTime};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::request::Request;
use tower_lsp::lsp_types::*;

use crate::analysis::Analysis;
use crate::client_support::ClientSupport;
use crate::convert::Converter;

/// What a request handler reads: one checked version of a document.
#[derive(Clone)]
pub struct Snapshot {
    /// The checked document.
    pub analysis: Arc<Analysis>,
    /// Its URI.
    pub uri: Url,
    /// What the client supports, with the negotiated position encoding.
    pub client: Arc<ClientSupport>,
}

impl Snapshot {
    /// A converter for the snapshot's text.
    pub fn converter(&self) -> Converter<'_> {
        self.analysis.converter(self.client.encoding)
    }

    /// The text.
    pub fn text(&self) -> &str {
        self.analysis.text()
    }
}

/// A request about one open document, answered from that document's analysis.
pub trait DocumentRequest: Request {
    /// The document the request is about.
    fn document(params: &Self::Params) -> &Url;

    /// The answer; a document that is not open gets `Self::Result::default()` without a call.
    fn answer(cx: &mut RequestContext, params: Self::Params) -> Result<Self::Result>;
}

/// What a [`DocumentRequest`] reads: its document, checked, and the rest of the workspace.
pub struct RequestContext {
    /// The document the request is about.
    pub snapshot: Snapshot,
    /// The other files of the workspace.
    pub workspace: Arc<dyn WorkspaceView>,
    /// Warnings to show the user before the answer is sent.
    pub warnings: Vec<String>,
}

/// The files of the workspace besides the requested document, as the server knows them.
pub trait WorkspaceView: Send + Sync {
    /// The incident files of the workspace folders with their current text.
    fn files(&self) -> navigation::WorkspaceFiles;

    /// The files of the workspace that define the incident ID `id`.
    fn incident_files_defining(&self, id: &str) -> Vec<hover::IncidentFile>;
}

/// The server's capabilities, for a client that supports `client`.
pub fn capabilities(client: &ClientSupport) -> ServerCapabilities {
    // Code action options are for clients that take code action literals; the server has no
    // command that a client without them could run instead.
    let code_action_provider = client.code_action_literals.then(|| {
        CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(code_action::FIX_ALL_KIND),
            ]),
            resolve_provider: Some(true),
            ..Default::default()
        })
    });
    ServerCapabilities {
        position_encoding: Some(client.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider,
        completion_provider: Some(CompletionOptions {
            // Only characters that open a choice: `##` (sections), `[` (references and
            // milestone tags), `:` (front matter values). Space, `-`, `H` and `O` come on almost
            // every keystroke; clients still ask as a word is typed, or on request.
            trigger_characters: Some(["#", "[", ":"].into_iter().map(str::to_owned).collect()),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                ..Default::default()
            },
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![code_lens::SHOW_REPORT.to_owned()],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

/// A duration for people: `7m`, `1h 29m`, `2d 3h`, `45s`.
pub fn human_duration(duration: SignedDuration) -> String {
    let total = duration.as_secs().unsigned_abs();
    let sign = if duration.is_negative() { "-" } else { "" };
    let (days, hours, minutes, seconds) = (
        total / 86_400,
        total % 86_400 / 3600,
        total % 3600 / 60,
        total % 60,
    );
    let text = if days > 0 {
        if hours > 0 {
            format!("{days}d {hours}h")
        } else {
            format!("{days}d")
        }
    } else if hours > 0 {
        if minutes > 0 {
            format!("{hours}h {minutes}m")
        } else {
            format!("{hours}h")
        }
    } else if minutes > 0 || seconds == 0 {
        format!("{minutes}m")
    } else {
        format!("{seconds}s")
    };
    format!("{sign}{text}")
}

/// Time since `from`, as `T+7m` (or `T-5m` before it).
pub fn elapsed_label(from: &ZonedDateTime, to: &ZonedDateTime) -> String {
    let duration = from.duration_until(to);
    if duration.is_negative() {
        format!("T{}", human_duration(duration))
    } else {
        format!("T+{}", human_duration(duration))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_people_write_them() {
        let minutes = |n: i64| SignedDuration::from_mins(n);
        assert_eq!(human_duration(minutes(7)), "7m");
        assert_eq!(human_duration(minutes(89)), "1h 29m");
        assert_eq!(human_duration(minutes(120)), "2h");
        assert_eq!(human_duration(minutes(60 * 27)), "1d 3h");
        assert_eq!(human_duration(SignedDuration::from_secs(45)), "45s");
        assert_eq!(human_duration(minutes(0)), "0m");
        assert_eq!(human_duration(minutes(-5)), "-5m");
    }
}
