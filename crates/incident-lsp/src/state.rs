//! The server's state, shared by every handler: what initialization agreed on, the open
//! documents, the configurations read and the workspace's incident IDs.
//!
//! State lives in `RwLock`s that are never held across an `await`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use incident_rules::Settings;
use serde_json::Value;
use tower_lsp::Client;
use tower_lsp::lsp_types::*;
use tracing::{error, info};

use crate::Options;
use crate::analysis::Analysis;
use crate::config::ConfigCache;
use crate::convert::PositionEncoding;
use crate::handlers::{self, Snapshot, WorkspaceView};
use crate::open_documents::OpenDocument;
use crate::workspace::{
    IdIndex, front_matter_id, front_matter_scalar, is_incident_file, read_incident_file,
};

/// Everything the server knows, behind one `Arc`.
pub(crate) struct Shared {
    pub(crate) client: Client,
    pub(crate) options: Options,
    pub(crate) session: RwLock<Session>,
    pub(crate) documents: RwLock<HashMap<Url, OpenDocument>>,
    pub(crate) configs: ConfigCache,
    pub(crate) ids: RwLock<IdIndex>,
    pub(crate) shutdown: Arc<AtomicBool>,
}

/// What initialization agreed on.
#[derive(Clone, Debug, Default)]
pub(crate) struct Session {
    pub(crate) encoding: PositionEncoding,
    pub(crate) snippets: bool,
    /// The client resolves code actions' edits and keeps their `data` until then.
    pub(crate) resolves_code_actions: bool,
    pub(crate) watch_registration: bool,
    pub(crate) root: Option<PathBuf>,
    /// Report pages are sent with `window/showDocument`: the client can open them and does
    /// not show them in a view of its own.
    pub(crate) open_reports: bool,
}

impl Session {
    /// What the client's `initialize` request offers and asks for.
    pub(crate) fn new(params: &InitializeParams) -> Session {
        let capabilities = &params.capabilities;
        let snippets = capabilities
            .text_document
            .as_ref()
            .and_then(|text| text.completion.as_ref())
            .and_then(|completion| completion.completion_item.as_ref())
            .and_then(|item| item.snippet_support)
            .unwrap_or(false);
        let code_action = capabilities
            .text_document
            .as_ref()
            .and_then(|text| text.code_action.as_ref());
        let resolves_code_actions = code_action.is_some_and(|code_action| {
            let resolves_edits = code_action
                .resolve_support
                .as_ref()
                .is_some_and(|support| support.properties.iter().any(|name| name == "edit"));
            // Without `data` kept, the resolve request would not say which document it is for.
            resolves_edits && code_action.data_support == Some(true)
        });
        let watch_registration = capabilities
            .workspace
            .as_ref()
            .and_then(|workspace| workspace.did_change_watched_files.as_ref())
            .and_then(|watched| watched.dynamic_registration)
            .unwrap_or(false);
        let show_document = capabilities
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
        Session {
            encoding: PositionEncoding::negotiate(capabilities),
            snippets,
            resolves_code_actions,
            watch_registration,
            root: root_of(params),
            open_reports: show_document && !report_in_webview,
        }
    }
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

/// Reads a lock, also after a panic elsewhere poisoned it: the state stays usable.
pub(crate) fn read_lock<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Writes a lock, also after a panic elsewhere poisoned it.
pub(crate) fn write_lock<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    pub(crate) fn new(client: Client, options: Options) -> Shared {
        Shared {
            client,
            options,
            session: RwLock::new(Session::default()),
            documents: RwLock::new(HashMap::new()),
            configs: ConfigCache::default(),
            ids: RwLock::new(IdIndex::default()),
            shutdown: Arc::new(AtomicBool::new(false)),
        }
    }

    pub(crate) fn session(&self) -> Session {
        read_lock(&self.session).clone()
    }

    /// What a request about `uri` reads, with the session's choices.
    pub(crate) fn snapshot(&self, analysis: Arc<Analysis>, uri: Url) -> Snapshot {
        let session = read_lock(&self.session);
        Snapshot {
            analysis,
            uri,
            encoding: session.encoding,
            snippets: session.snippets,
            resolves_code_actions: session.resolves_code_actions,
        }
    }

    /// Checks one version of a document with its settings and the workspace's incident IDs.
    pub(crate) fn check(&self, uri: &Url, text: &str, version: i32) -> Analysis {
        let settings = self.settings_for(uri);
        let path = uri.to_file_path().ok();
        let overrides = self.open_document_ids(uri, text);
        let ids = read_lock(&self.ids);
        let workspace = ids.workspace(&overrides);
        let shown = path.as_deref().map(|path| ids.display(path));
        let workspace_file = workspace.as_ref().zip(shown.as_deref());
        Analysis::new(text, version, settings, workspace_file)
    }

    /// The settings for a document, from its configuration file (see [`ConfigCache`]).
    fn settings_for(&self, uri: &Url) -> Arc<Settings> {
        let root = read_lock(&self.session).root.clone();
        self.configs.settings_for(uri, root.as_deref())
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

    /// Scans the workspace folder for incident IDs, replacing what was known.
    pub(crate) async fn scan_workspace(self: &Arc<Shared>, root: PathBuf) {
        let shared = self.clone();
        let scanned = tokio::task::spawn_blocking(move || IdIndex::scan(&root)).await;
        match scanned {
            Ok(index) => *write_lock(&shared.ids) = index,
            Err(join_error) => error!("scanning the workspace failed: {join_error}"),
        }
    }

    /// `workspace/didChangeWatchedFiles`: re-reads changed incident files' IDs, and checks the
    /// open documents again when a configuration file changed.
    pub(crate) async fn watched_files_changed(self: &Arc<Shared>, changes: &[FileEvent]) {
        let mut configs_changed = false;
        let mut incident_files: HashSet<PathBuf> = HashSet::new();
        for change in changes {
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
            let shared = self.clone();
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
            self.configs.clear();
            self.lint_open_documents();
        }
    }
}

impl WorkspaceView for Shared {
    /// The incident files of the workspace folder with their current text: the open
    /// documents' text, else what is on disk.
    fn files(&self) -> handlers::navigation::WorkspaceFiles {
        let (root, encoding) = {
            let session = read_lock(&self.session);
            (session.root.clone(), session.encoding)
        };
        let open: Vec<(Url, String)> = read_lock(&self.documents)
            .iter()
            .map(|(uri, open)| (uri.clone(), open.document.text().to_owned()))
            .collect();
        handlers::navigation::WorkspaceFiles {
            root,
            open,
            encoding,
        }
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
}
