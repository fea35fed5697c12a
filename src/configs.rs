//! Finding each file's `incident-lint.toml`: the nearest one in its directory or above
//! (`incident_rules::nearest_config_file`, shared with the language server), read once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use incident_rules::{Config, ConfigError, nearest_config_file};

/// Where configurations come from, with the files already read.
pub struct ConfigResolver {
    mode: Mode,
    /// Directory → the configuration file that applies there, if any.
    file_for_directory: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file → its reading.
    read: HashMap<PathBuf, Result<Arc<Config>, ConfigError>>,
    /// The configuration of files that no configuration file covers, shared by all of them.
    default: Arc<Config>,
}

enum Mode {
    /// Look for the nearest file.
    Discover,
    /// One file given on the command line, for every input.
    Explicit(Result<Arc<Config>, ConfigError>),
    /// No configuration at all.
    Isolated,
}

impl ConfigResolver {
    /// A resolver that uses `explicit` when given, none when `isolated`, else discovers files.
    pub fn new(explicit: Option<&Path>, isolated: bool) -> ConfigResolver {
        let mode = match (explicit, isolated) {
            (Some(path), _) => Mode::Explicit(read_config(path).map(Arc::new)),
            (None, true) => Mode::Isolated,
            (None, false) => Mode::Discover,
        };
        ConfigResolver {
            mode,
            file_for_directory: HashMap::new(),
            read: HashMap::new(),
            default: Arc::new(Config::default()),
        }
    }

    /// The configuration for a file at `path` (which need not exist, for standard input).
    pub fn for_file(&mut self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        match &self.mode {
            Mode::Explicit(config) => return config.clone(),
            Mode::Isolated => return Ok(self.default.clone()),
            Mode::Discover => {}
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let directory = absolute
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_owned);
        let Some(config_path) = self.config_file_for(&directory) else {
            return Ok(self.default.clone());
        };
        self.read
            .entry(config_path.clone())
            .or_insert_with(|| read_config(&config_path).map(Arc::new))
            .clone()
    }

    fn config_file_for(&mut self, directory: &Path) -> Option<PathBuf> {
        if let Some(found) = self.file_for_directory.get(directory) {
            return found.clone();
        }
        let found = nearest_config_file(directory, Path::is_file);
        self.file_for_directory
            .insert(directory.to_owned(), found.clone());
        found
    }
}

/// Reads a configuration file; errors show its path relative to the current directory when
/// it lies below it.
fn read_config(path: &Path) -> Result<Config, ConfigError> {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|current| path.strip_prefix(current).ok().map(Path::to_owned))
        .unwrap_or_else(|| path.to_owned());
    let path = shown.as_path();
    let text = std::fs::read_to_string(path).map_err(|error| ConfigError {
        path: Some(path.to_owned()),
        position: None,
        message: format!("cannot read configuration: {error}"),
    })?;
    Config::parse(&text, Some(path))
}
