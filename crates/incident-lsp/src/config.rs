//! The settings of each document: the nearest `incident-lint.toml` above its file, found, read
//! and cached as the command line does (`incident_workspace::ConfigResolver`) until a
//! configuration file changes, with the editor's settings applied after the file's (see
//! `editor_settings.rs`).

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, RwLock};

use incident_rules::{Config, Selectors, Settings};
use incident_workspace::{ConfigResolver, resolve_today};
use tower_lsp::lsp_types::Url;
use tracing::warn;

use crate::state::write_lock;

/// The configuration files found and read so far, looked up as the command line looks them up.
pub(crate) struct ConfigCache {
    resolver: Arc<ConfigResolver>,
    /// The configuration errors already shown to the user.
    shown_errors: RwLock<HashSet<String>>,
}

impl Default for ConfigCache {
    fn default() -> ConfigCache {
        ConfigCache {
            resolver: Arc::new(ConfigResolver::discover()),
            shown_errors: RwLock::default(),
        }
    }
}

impl ConfigCache {
    /// The settings for a document: from the nearest `incident-lint.toml` above its file (or
    /// above `fallback_directory` for a document without a file), or the defaults, with the
    /// editor's `selectors` over them, as the command line's flags go over the file; `today` is
    /// the current date, for overdue actions.
    pub(crate) fn settings_for(
        &self,
        uri: &Url,
        fallback_directory: Option<&Path>,
        selectors: &Selectors,
    ) -> Arc<Settings> {
        let path = uri.to_file_path().ok();
        let directory = path
            .as_deref()
            .and_then(|path| path.parent().map(Path::to_owned))
            .or_else(|| fallback_directory.map(Path::to_owned));
        // A broken configuration falls back to the defaults; `unreported_errors` says why.
        let config = directory
            .and_then(|directory| self.resolver.for_directory(&directory).ok())
            .unwrap_or_else(|| Arc::new(Config::default()));
        let mut settings = match &path {
            // `per-file-ignores` apply, as on the command line.
            Some(path) => config.settings_for_file(selectors, path),
            None => config.settings(selectors),
        };
        // A date in the file name places timeline times that have no other date; an ISO date
        // needs no percent-decoding, so an unsaved document's last segment serves as well.
        if settings.file_name.is_none() {
            settings.file_name = uri
                .path_segments()
                .and_then(|mut segments| segments.next_back())
                .map(str::to_owned);
        }
        resolve_today(&mut settings, None);
        Arc::new(settings)
    }

    /// The configurations, to decide which files are incident files as a check would.
    pub(crate) fn resolver(&self) -> &Arc<ConfigResolver> {
        &self.resolver
    }

    /// Configuration errors not shown to the user yet; each is shown once.
    pub(crate) fn unreported_errors(&self) -> Vec<String> {
        let mut shown = write_lock(&self.shown_errors);
        self.resolver
            .errors()
            .into_iter()
            .map(|error| error.to_string())
            .filter(|message| shown.insert(message.clone()))
            .inspect(|message| warn!("{message}; using the default settings"))
            .collect()
    }

    /// Forgets every configuration read, so that the next check reads them again.
    pub(crate) fn clear(&self) {
        self.resolver.clear();
        write_lock(&self.shown_errors).clear();
    }
}
