//! The settings of each document: the nearest `incident-lint.toml` above its file, read once
//! and cached until a configuration file changes, with the editor's settings applied after the
//! file's (see `editor_settings.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use incident_rules::{Config, Selectors, Settings, nearest_config_file};
use tower_lsp::lsp_types::Url;
use tracing::warn;

use crate::state::{read_lock, write_lock};

/// The configuration files read so far, by path.
#[derive(Default)]
pub(crate) struct ConfigCache {
    entries: RwLock<HashMap<PathBuf, ConfigEntry>>,
}

#[derive(Clone)]
struct ConfigEntry {
    config: Arc<Config>,
    error: Option<String>,
    reported: bool,
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
        let config_path = directory
            .as_deref()
            .and_then(|directory| nearest_config_file(directory, Path::is_file));
        let config = match config_path {
            None => Arc::new(Config::default()),
            Some(config_path) => {
                let cached = read_lock(&self.entries).get(&config_path).cloned();
                let entry = match cached {
                    Some(entry) => entry,
                    None => {
                        let entry = read_config(&config_path);
                        write_lock(&self.entries).insert(config_path, entry.clone());
                        entry
                    }
                };
                entry.config
            }
        };
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
    pub(crate) fn unreported_errors(&self) -> Vec<String> {
        let mut entries = write_lock(&self.entries);
        entries
            .values_mut()
            .filter(|entry| !entry.reported)
            .filter_map(|entry| {
                entry.reported = true;
                entry.error.clone()
            })
            .collect()
    }

    /// Forgets every configuration read, so that the next check reads them again.
    pub(crate) fn clear(&self) {
        write_lock(&self.entries).clear();
    }
}

fn read_config(path: &Path) -> ConfigEntry {
    let parsed = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
        .and_then(|text| Config::parse(&text, Some(path)).map_err(|error| error.to_string()));
    match parsed {
        Ok(config) => ConfigEntry {
            config: Arc::new(config),
            error: None,
            reported: true,
        },
        Err(message) => {
            warn!("{message}; using the default settings");
            ConfigEntry {
                config: Arc::new(Config::default()),
                error: Some(message),
                reported: false,
            }
        }
    }
}
