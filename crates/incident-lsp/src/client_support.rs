//! What the client supports, read once from the capabilities of its `initialize` request.
//!
//! Every choice about the shape of what the server sends that depends on the client is made
//! from this summary, so the capabilities are read in one place. A capability the client does
//! not state counts as unsupported, as the protocol says.

use tower_lsp::lsp_types::{
    ClientCapabilities, CodeActionClientCapabilities, CompletionClientCapabilities,
    CompletionItemCapability, CompletionItemKind, MarkupKind,
};

use crate::convert::PositionEncoding;

/// The kinds a client supports when it sends no `completionItemKind.valueSet`: `Text` to
/// `Reference`, those of the protocol's first version.
const FIRST_COMPLETION_ITEM_KINDS: [CompletionItemKind; 18] = [
    CompletionItemKind::TEXT,
    CompletionItemKind::METHOD,
    CompletionItemKind::FUNCTION,
    CompletionItemKind::CONSTRUCTOR,
    CompletionItemKind::FIELD,
    CompletionItemKind::VARIABLE,
    CompletionItemKind::CLASS,
    CompletionItemKind::INTERFACE,
    CompletionItemKind::MODULE,
    CompletionItemKind::PROPERTY,
    CompletionItemKind::UNIT,
    CompletionItemKind::VALUE,
    CompletionItemKind::ENUM,
    CompletionItemKind::KEYWORD,
    CompletionItemKind::SNIPPET,
    CompletionItemKind::COLOR,
    CompletionItemKind::FILE,
    CompletionItemKind::REFERENCE,
];

/// What the client supports, as far as the server's answers depend on it.
#[derive(Clone, Debug)]
pub struct ClientSupport {
    /// The negotiated position encoding.
    pub encoding: PositionEncoding,
    /// Diagnostics may carry `relatedInformation`
    /// (`textDocument.publishDiagnostics.relatedInformation`).
    pub related_information: bool,
    /// Diagnostics may carry `codeDescription` (`codeDescriptionSupport`).
    pub code_description: bool,
    /// Completions may be snippets (`completionItem.snippetSupport`).
    pub snippets: bool,
    /// Completions may carry `labelDetails` (`completionItem.labelDetailsSupport`).
    pub label_details: bool,
    /// Completions may be preselected (`completionItem.preselectSupport`).
    pub preselect: bool,
    /// The completion item kinds the client knows (`completionItemKind.valueSet`).
    completion_kinds: Vec<CompletionItemKind>,
    /// Hovers are sent as Markdown; else as plain text (`textDocument.hover.contentFormat`).
    pub hover_markdown: bool,
    /// Code actions may be `CodeAction` literals (`codeAction.codeActionLiteralSupport`);
    /// a client without it takes only commands.
    pub code_action_literals: bool,
    /// Code actions may be marked preferred (`codeAction.isPreferredSupport`).
    pub preferred_code_actions: bool,
    /// The client resolves code actions' edits and keeps their `data` until then.
    pub resolves_code_actions: bool,
    /// The client takes a registration for `workspace/didChangeWatchedFiles`.
    pub watch_registration: bool,
    /// The client answers `workspace/configuration`.
    pub pulls_configuration: bool,
    /// The client takes a registration for `workspace/didChangeConfiguration`, after which
    /// it sends the settings when they change.
    pub configuration_registration: bool,
    /// The client opens documents for `window/showDocument`.
    pub show_document: bool,
}

impl Default for ClientSupport {
    /// What a client that states no capability supports.
    fn default() -> ClientSupport {
        ClientSupport::new(&ClientCapabilities::default())
    }
}

impl ClientSupport {
    /// Reads what the client supports from its capabilities.
    pub fn new(capabilities: &ClientCapabilities) -> ClientSupport {
        let text_document = capabilities.text_document.as_ref();
        let diagnostics = text_document.and_then(|text| text.publish_diagnostics.as_ref());
        let completion = text_document.and_then(|text| text.completion.as_ref());
        let completion_item = completion.and_then(|completion| completion.completion_item.as_ref());
        let item_supports = |read: fn(&CompletionItemCapability) -> Option<bool>| {
            completion_item.and_then(read) == Some(true)
        };
        let code_action = text_document.and_then(|text| text.code_action.as_ref());
        let workspace = capabilities.workspace.as_ref();
        let hover_formats = text_document
            .and_then(|text| text.hover.as_ref())
            .and_then(|hover| hover.content_format.as_deref())
            .unwrap_or_default();
        ClientSupport {
            encoding: PositionEncoding::negotiate(capabilities),
            related_information: diagnostics
                .and_then(|diagnostics| diagnostics.related_information)
                == Some(true),
            code_description: diagnostics
                .and_then(|diagnostics| diagnostics.code_description_support)
                == Some(true),
            snippets: item_supports(|item| item.snippet_support),
            label_details: item_supports(|item| item.label_details_support),
            preselect: item_supports(|item| item.preselect_support),
            completion_kinds: completion_kinds(completion),
            // The list is in the client's order of preference.
            hover_markdown: hover_formats.first() == Some(&MarkupKind::Markdown),
            code_action_literals: code_action
                .is_some_and(|code_action| code_action.code_action_literal_support.is_some()),
            preferred_code_actions: code_action
                .and_then(|code_action| code_action.is_preferred_support)
                == Some(true),
            resolves_code_actions: code_action.is_some_and(resolves_edits),
            watch_registration: workspace
                .and_then(|workspace| workspace.did_change_watched_files.as_ref())
                .and_then(|watched| watched.dynamic_registration)
                == Some(true),
            pulls_configuration: workspace.and_then(|workspace| workspace.configuration)
                == Some(true),
            configuration_registration: workspace
                .and_then(|workspace| workspace.did_change_configuration.as_ref())
                .and_then(|change| change.dynamic_registration)
                == Some(true),
            show_document: capabilities
                .window
                .as_ref()
                .and_then(|window| window.show_document.as_ref())
                .is_some_and(|show| show.support),
        }
    }

    /// `kind`, or when the client does not know it, the nearest kind it knows (`Value` for
    /// enum members and constants, else `Text`); `None` when it knows neither.
    pub fn completion_kind(&self, kind: CompletionItemKind) -> Option<CompletionItemKind> {
        let fallback = if matches!(
            kind,
            CompletionItemKind::ENUM_MEMBER | CompletionItemKind::CONSTANT
        ) {
            CompletionItemKind::VALUE
        } else {
            CompletionItemKind::TEXT
        };
        [kind, fallback, CompletionItemKind::TEXT]
            .into_iter()
            .find(|kind| self.completion_kinds.contains(kind))
    }
}

/// The completion item kinds of the client's `valueSet`, or those of the first protocol version.
fn completion_kinds(completion: Option<&CompletionClientCapabilities>) -> Vec<CompletionItemKind> {
    completion
        .and_then(|completion| completion.completion_item_kind.as_ref())
        .and_then(|kinds| kinds.value_set.clone())
        .unwrap_or_else(|| FIRST_COMPLETION_ITEM_KINDS.to_vec())
}

/// Whether the client resolves code actions' edits: it resolves `edit`, and keeps `data`, without
/// which the resolve request would not say which document it is for.
fn resolves_edits(code_action: &CodeActionClientCapabilities) -> bool {
    let resolves_edit = code_action
        .resolve_support
        .as_ref()
        .is_some_and(|support| support.properties.iter().any(|name| name == "edit"));
    resolves_edit && code_action.data_support == Some(true)
}

#[cfg(test)]
mod tests {
    use tower_lsp::lsp_types::CompletionItemKindCapability;

    use super::*;

    #[test]
    fn a_client_that_states_nothing_supports_the_first_kinds_and_nothing_optional() {
        let support = ClientSupport::default();
        assert!(!support.related_information && !support.code_description);
        assert!(!support.snippets && !support.label_details && !support.preselect);
        assert!(!support.hover_markdown && !support.code_action_literals);
        assert_eq!(
            support.completion_kind(CompletionItemKind::ENUM_MEMBER),
            Some(CompletionItemKind::VALUE)
        );
        assert_eq!(
            support.completion_kind(CompletionItemKind::CONSTANT),
            Some(CompletionItemKind::VALUE)
        );
        assert_eq!(
            support.completion_kind(CompletionItemKind::KEYWORD),
            Some(CompletionItemKind::KEYWORD)
        );
        assert_eq!(
            support.completion_kind(CompletionItemKind::TYPE_PARAMETER),
            Some(CompletionItemKind::TEXT)
        );
    }

    #[test]
    fn completion_kinds_come_from_the_clients_value_set() {
        let capabilities = ClientCapabilities {
            text_document: Some(tower_lsp::lsp_types::TextDocumentClientCapabilities {
                completion: Some(CompletionClientCapabilities {
                    completion_item_kind: Some(CompletionItemKindCapability {
                        value_set: Some(vec![
                            CompletionItemKind::ENUM_MEMBER,
                            CompletionItemKind::TEXT,
                        ]),
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let support = ClientSupport::new(&capabilities);
        assert_eq!(
            support.completion_kind(CompletionItemKind::ENUM_MEMBER),
            Some(CompletionItemKind::ENUM_MEMBER)
        );
        assert_eq!(
            support.completion_kind(CompletionItemKind::CONSTANT),
            Some(CompletionItemKind::TEXT)
        );
        let without_text = ClientSupport {
            completion_kinds: vec![CompletionItemKind::KEYWORD],
            ..support
        };
        assert_eq!(
            without_text.completion_kind(CompletionItemKind::CONSTANT),
            None
        );
    }
}
