//! One version of a document, checked: parse, model and diagnostics, as the CLI computes them;
//! and the cache that keeps the analysis of each open document's current version.

use std::sync::Arc;

use incident_model::Incident;
use incident_rules::{Checked, Diagnostic, Settings, Workspace, WorkspaceFile};
use incident_syntax::{LineIndex, Parse};
use tower_lsp::lsp_types::{self as lsp, Url};
use tracing::{debug, error};

use crate::client_support::ClientSupport;
use crate::convert::{Converter, PositionEncoding};
use crate::state::{Shared, read_lock, write_lock};

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

    /// The diagnostics in LSP form, for a client that supports `client`.
    pub fn lsp_diagnostics(&self, uri: &Url, client: &ClientSupport) -> Vec<lsp::Diagnostic> {
        let converter = self.converter(client.encoding);
        self.diagnostics()
            .iter()
            .map(|diagnostic| converter.diagnostic(uri, diagnostic, client))
            .collect()
    }
}

/// The analysis of an open document, once computed, and the turn that requests take to
/// compute it.
#[derive(Default)]
pub(crate) struct CachedAnalysis {
    latest: Option<Arc<Analysis>>,
    gate: Arc<tokio::sync::Mutex<()>>,
}

impl CachedAnalysis {
    /// Forgets the analysis, after a change of the text or of what checking it reads.
    pub(crate) fn invalidate(&mut self) {
        self.latest = None;
    }
}

impl Shared {
    /// The analysis of the document's current version, computed if needed. `None` for a
    /// document that is not open.
    pub(crate) async fn analysis(self: &Arc<Shared>, uri: &Url) -> Option<Arc<Analysis>> {
        // Requests that arrive together after a change wait for one computation and share it.
        let gate = read_lock(&self.documents).get(uri)?.analysis.gate.clone();
        let _turn = gate.lock().await;
        // A change during the computation makes its result stale; try again a few times.
        for _ in 0..3 {
            let (text, version) = {
                let documents = read_lock(&self.documents);
                let open = documents.get(uri)?;
                if let Some(analysis) = &open.analysis.latest {
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
                    open.analysis.latest = Some(analysis.clone());
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
}
