//! The server's state, shared by every handler: what initialization agreed on, the open
//! documents, the configurations read and the workspace's incident IDs.
//!
//! State lives in `RwLock`s that are never held across an `await`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use incident_rules::{Settings, front_matter_field};
use incident_workspace::{FolderScan, IdIndex, read_incident_file};
use serde_json::Value;
use tower_lsp::Client;
use tower_lsp::lsp_types::*;
use tracing::{error, info};

use crate::Options;
use crate::analysis::Analysis;
use crate::client_support::ClientSupport;
use crate::config::ConfigCache;
use crate::editor_settings::EditorSettings;
use crate::handlers::{self, Snapshot, WorkspaceView};
use crate::open_documents::OpenDocument;

/// Everything the server knows, behind one `Arc`.
pub(crate) struct Shared {
    pub(crate) client: Client,
    pub(crate) options: Options,
    pub(crate) session: RwLock<Session>,
    pub(crate) documents: RwLock<HashMap<Url, OpenDocument>>,
    pub(crate) configs: ConfigCache,
    pub(crate) editor: RwLock<EditorSettings>,
    /// Counts pushes and pulls of the editor's settings, so that a late answer to an older
    /// pull does not replace newer settings.
    pub(crate) editor_generation: AtomicU64,
    pub(crate) ids: RwLock<IdIndex>,
    pub(crate) shutdown: Arc<AtomicBool>,
}

/// What initialization agreed on.
#[derive(Clone, Debug, Default)]
pub(crate) struct Session {
    /// What the client supports.
    pub(crate) client: Arc<ClientSupport>,
    /// Report pages are sent with `window/showDocument`: the client can open them and does
    /// not show them in a view of its own.
    pub(crate) open_reports: bool,
}

impl Session {
    /// What the client's `initialize` request offers and asks for.
    pub(crate) fn new(params: &InitializeParams) -> Session {
        let client = ClientSupport::new(&params.capabilities);
        // An editor that shows the page in its own view says so; others get it in a browser.
        let report_in_webview = params
            .initialization_options
            .as_ref()
            .and_then(|options| options.get("reportInWebview"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        Session {
            open_reports: client.show_document && !report_in_webview,
            client: Arc::new(client),
        }
    }
}

/// The workspace folders `initialize` names: its `workspaceFolders`, else its `rootUri`.
pub(crate) fn initial_folders(params: &InitializeParams) -> Vec<PathBuf> {
    match &params.workspace_folders {
        Some(folders) if !folders.is_empty() => folders
            .iter()
            .filter_map(|folder| folder.uri.to_file_path().ok())
            .collect(),
        _ => {
            #[allow(deprecated)]
            let root = params.root_uri.as_ref();
            root.and_then(|uri| uri.to_file_path().ok())
                .into_iter()
                .collect()
        }
    }
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
            editor: RwLock::new(EditorSettings::default()),
            editor_generation: AtomicU64::new(0),
            ids: RwLock::new(IdIndex::default()),
            shutdown: Arc::new(AtomicBool::new(false)),
        }
    }

    pub(crate) fn session(&self) -> Session {
        read_lock(&self.session).clone()
    }

    /// What a request about `uri` reads, with the session's choices.
    pub(crate) fn snapshot(&self, analysis: Arc<Analysis>, uri: Url) -> Snapshot {
        Snapshot {
            analysis,
            uri,
            client: read_lock(&self.session).client.clone(),
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

    /// The settings for a document, from its configuration file (see [`ConfigCache`]) and the
    /// editor's settings for its folder; a document without a file takes the first workspace
    /// folder's.
    fn settings_for(&self, uri: &Url) -> Arc<Settings> {
        let folders = read_lock(&self.ids).folders().to_vec();
        let path = uri.to_file_path().ok();
        let selectors = read_lock(&self.editor).selectors_for(&folders, path.as_deref());
        self.configs
            .settings_for(uri, folders.first().map(PathBuf::as_path), &selectors)
    }

    /// The incident IDs of the open documents, with `text` for `current`.
    fn open_document_ids(&self, current: &Url, text: &str) -> Vec<(PathBuf, Option<String>)> {
        let documents = read_lock(&self.documents);
        documents
            .iter()
            .filter_map(|(uri, open)| {
                let path = uri.to_file_path().ok()?;
                let text = if uri == current {
                    text
                } else {
                    open.document.text()
                };
                let id = front_matter_field(text, "id");
                Some((path, id))
            })
            .collect()
    }

    /// Adds workspace folders (or scans them again), with the incident IDs their files define.
    pub(crate) async fn add_folders(self: &Arc<Shared>, folders: Vec<PathBuf>) {
        for folder in folders {
            let configs = self.configs.resolver().clone();
            let scanned =
                tokio::task::spawn_blocking(move || FolderScan::read(&folder, &configs)).await;
            match scanned {
                Ok(scan) => write_lock(&self.ids).add_folder(scan),
                Err(join_error) => error!("scanning a workspace folder failed: {join_error}"),
            }
        }
    }

    /// `workspace/didChangeWorkspaceFolders`: forgets the removed folders, scans the added
    /// ones, and checks the open documents again, whose workspace changed.
    pub(crate) async fn workspace_folders_changed(
        self: &Arc<Shared>,
        event: WorkspaceFoldersChangeEvent,
    ) {
        let paths = |folders: &[WorkspaceFolder]| -> Vec<PathBuf> {
            folders
                .iter()
                .filter_map(|folder| folder.uri.to_file_path().ok())
                .collect()
        };
        let removed = paths(&event.removed);
        let added = paths(&event.added);
        info!("workspace folders: {added:?} added, {removed:?} removed");
        {
            let mut ids = write_lock(&self.ids);
            for folder in &removed {
                ids.remove_folder(folder);
            }
        }
        self.add_folders(added).await;
        self.lint_open_documents();
        // Each folder may have settings of its own.
        if self.session().client.pulls_configuration {
            self.pull_editor_settings();
        }
    }

    /// `workspace/didChangeWatchedFiles`: re-reads changed incident files' IDs, and when a
    /// configuration file changed (which may select other files), scans the folders again and
    /// checks the open documents again.
    pub(crate) async fn watched_files_changed(self: &Arc<Shared>, changes: &[FileEvent]) {
        let mut configs_changed = false;
        let mut changed_files: HashSet<PathBuf> = HashSet::new();
        for change in changes {
            let Ok(path) = change.uri.to_file_path() else {
                continue;
            };
            if path
                .file_name()
                .is_some_and(|name| name == incident_rules::CONFIG_FILE_NAME)
            {
                configs_changed = true;
            } else {
                changed_files.insert(path);
            }
        }
        if !changed_files.is_empty() {
            let shared = self.clone();
            // Deciding which files are incident files may read their configuration.
            let refreshed = tokio::task::spawn_blocking(move || {
                let configs = shared.configs.resolver();
                let mut ids = write_lock(&shared.ids);
                for path in changed_files.iter().filter(|path| configs.selects(path)) {
                    ids.refresh(path);
                }
            })
            .await;
            if let Err(join_error) = refreshed {
                error!("re-reading changed incident files failed: {join_error}");
            }
        }
        if configs_changed {
            info!(
                "incident-lint.toml changed; scanning the folders and checking open documents again"
            );
            self.configs.clear();
            let folders = read_lock(&self.ids).folders().to_vec();
            self.add_folders(folders).await;
            self.lint_open_documents();
        }
    }
}

impl WorkspaceView for Shared {
    /// The incident files of the workspace folders with their current text: the open
    /// documents' text, else what is on disk.
    fn files(&self) -> handlers::navigation::WorkspaceFiles {
        let folders = read_lock(&self.ids).folders().to_vec();
        let encoding = read_lock(&self.session).client.encoding;
        let open: Vec<(Url, String)> = read_lock(&self.documents)
            .iter()
            .map(|(uri, open)| (uri.clone(), open.document.text().to_owned()))
            .collect();
        handlers::navigation::WorkspaceFiles {
            folders,
            open,
            encoding,
            configs: self.configs.resolver().clone(),
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
            .map(|(path, text)| (path.clone(), front_matter_field(text, "id")))
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
                    title: text.and_then(|text| front_matter_field(&text, "title")),
                }
            })
            .collect()
    }
}
