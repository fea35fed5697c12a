//! One version of a document, checked: parse, model and diagnostics, as the CLI computes them.

use std::sync::Arc;

use incident_model::Incident;
use incident_rules::{Checked, Diagnostic, Settings, Workspace, WorkspaceFile};
use incident_syntax::{LineIndex, Parse};
use tower_lsp::lsp_types::{self as lsp, Url};

use crate::convert::{Converter, PositionEncoding};

/// A checked version of a document. Requests read it; it is replaced when the text changes.
pub struct Analysis {
    /// The document version it was computed for.
    pub version: i32,
    /// The parse, the model and the diagnostics.
    pub checked: Checked,
    /// The line index of the text.
    pub index: LineIndex,
    /// The settings it was checked with.
    pub settings: Arc<Settings>,
}

impl Analysis {
    /// Checks `text` with `incident_rules::check_in_workspace`, the function the CLI calls.
    pub fn new(
        text: &str,
        version: i32,
        settings: Arc<Settings>,
        workspace: Option<(&Workspace, &str)>,
    ) -> Analysis {
        let workspace_file = workspace.map(|(workspace, path)| WorkspaceFile { workspace, path });
        let checked = incident_rules::check_in_workspace(text, &settings, workspace_file);
        Analysis {
            version,
            index: LineIndex::new(text),
            checked,
            settings,
        }
    }

    /// The text that was checked.
    pub fn text(&self) -> &str {
        self.checked.parse.text()
    }

    /// The syntax tree.
    pub fn parse(&self) -> &Parse {
        &self.checked.parse
    }

    /// The model.
    pub fn incident(&self) -> &Incident {
        &self.checked.incident
    }

    /// The findings, in source order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.checked.diagnostics
    }

    /// A converter for the checked text.
    pub fn converter(&self, encoding: PositionEncoding) -> Converter<'_> {
        Converter::new(self.text(), &self.index, encoding)
    }

    /// The diagnostics in LSP form.
    pub fn lsp_diagnostics(&self, uri: &Url, encoding: PositionEncoding) -> Vec<lsp::Diagnostic> {
        let converter = self.converter(encoding);
        self.diagnostics()
            .iter()
            .map(|diagnostic| converter.diagnostic(uri, diagnostic))
            .collect()
    }
}
