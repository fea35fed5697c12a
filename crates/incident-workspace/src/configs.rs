//! Finding each file's `incident-lint.toml`: the nearest one in its folder or above, read once
//! and cached by folder, for the command line and the language server alike.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use incident_rules::{CONFIG_FILE_NAME, Config, ConfigError, has_incident_file_name};

/// Where configurations come from, with the files already read. Safe to share between
/// threads: the language server asks from many requests at once.
#[derive(Debug)]
pub struct ConfigResolver {
    mode: Mode,
    cache: RwLock<Cache>,
    /// The configuration of files that no configuration file covers, shared by all of them.
    default: Arc<Config>,
}

#[derive(Debug, Default)]
struct Cache {
    /// Folder → the configuration file that applies there, if any.
    file_for_directory: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file → its reading.
    read: HashMap<PathBuf, Result<Arc<Config>, ConfigError>>,
}

#[derive(Debug)]
enum Mode {
    /// Look for the nearest file.
    Discover,
    /// One file, given on the command line, for every input.
    Explicit(Result<Arc<Config>, ConfigError>),
    /// No configuration at all.
    Isolated,
}

impl ConfigResolver {
    /// A resolver that looks for the nearest configuration file of each file.
    pub fn discover() -> ConfigResolver {
        ConfigResolver::with_mode(Mode::Discover)
    }

    /// A resolver that uses `explicit` when given, none when `isolated`, else discovers files.
    pub fn new(explicit: Option<&Path>, isolated: bool) -> ConfigResolver {
        match (explicit, isolated) {
            (Some(path), _) => {
                ConfigResolver::with_mode(Mode::Explicit(read_config(path).map(Arc::new)))
            }
            (None, true) => ConfigResolver::with_mode(Mode::Isolated),
            (None, false) => ConfigResolver::discover(),
        }
    }

    fn with_mode(mode: Mode) -> ConfigResolver {
        ConfigResolver {
            mode,
            cache: RwLock::new(Cache::default()),
            default: Arc::new(Config::default()),
        }
    }

    /// The configuration for a file at `path` (which need not exist, for standard input).
    pub fn for_file(&self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let directory = absolute
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_owned);
        self.for_directory(&directory)
    }

    /// The configuration for the files of `directory`.
    pub fn for_directory(&self, directory: &Path) -> Result<Arc<Config>, ConfigError> {
        match &self.mode {
            Mode::Explicit(config) => return config.clone(),
            Mode::Isolated => return Ok(self.default.clone()),
            Mode::Discover => {}
        }
        let directory = std::path::absolute(directory).unwrap_or_else(|_| directory.to_owned());
        let Some(config_path) = self.config_file_for(&directory) else {
            return Ok(self.default.clone());
        };
        if let Some(read) = self.read_cache().read.get(&config_path) {
            return read.clone();
        }
        // Read without the lock held, so that other threads' lookups do not wait on the disk.
        let read = read_config(&config_path).map(Arc::new);
        self.write_cache()
            .read
            .entry(config_path)
            .or_insert(read)
            .clone()
    }

    /// Whether a file found while walking a folder is checked: its configuration's `include`
    /// and `exclude` select it. A file whose configuration cannot be read is taken by its name;
    /// the error is reported when the file is checked.
    pub fn selects(&self, path: &Path) -> bool {
        self.for_file(path).map_or_else(
            |_| has_incident_file_name(path),
            |config| config.is_incident_file(path),
        )
    }

    /// The errors of the configuration files read so far.
    pub fn errors(&self) -> Vec<ConfigError> {
        let mut errors: Vec<ConfigError> = self
            .read_cache()
            .read
            .values()
            .filter_map(|read| read.as_ref().err().cloned())
            .collect();
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        errors
    }

    /// Forgets every configuration found and read, so that the next lookup reads them again.
    pub fn clear(&self) {
        *self.write_cache() = Cache::default();
    }

    fn config_file_for(&self, directory: &Path) -> Option<PathBuf> {
        if let Some(found) = self.read_cache().file_for_directory.get(directory) {
            return found.clone();
        }
        let found = nearest_config_file(directory, Path::is_file);
        self.write_cache()
            .file_for_directory
            .insert(directory.to_owned(), found.clone());
        found
    }

    // A panic elsewhere while the lock was held leaves a cache that is still consistent: each
    // entry is inserted whole.
    fn read_cache(&self) -> std::sync::RwLockReadGuard<'_, Cache> {
        self.cache.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write_cache(&self) -> std::sync::RwLockWriteGuard<'_, Cache> {
        self.cache.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The configuration file that applies to a file in `directory`: the nearest
/// `incident-lint.toml` in `directory` or one of its ancestors, as `is_file` reports.
fn nearest_config_file(
    directory: &Path,
    mut is_file: impl FnMut(&Path) -> bool,
) -> Option<PathBuf> {
    directory
        .ancestors()
        .map(|ancestor| ancestor.join(CONFIG_FILE_NAME))
        .find(|candidate| is_file(candidate))
}

/// Reads a configuration file; errors show its path relative to the current folder when it
/// lies below it.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_config_file_wins() {
        let existing = [
            Path::new("/repo/incident-lint.toml"),
            Path::new("/repo/team/incident-lint.toml"),
        ];
        let is_file = |path: &Path| existing.contains(&path);
        assert_eq!(
            nearest_config_file(Path::new("/repo/team/2026"), is_file),
            Some(PathBuf::from("/repo/team/incident-lint.toml"))
        );
        assert_eq!(
            nearest_config_file(Path::new("/repo/other"), is_file),
            Some(PathBuf::from("/repo/incident-lint.toml"))
        );
        assert_eq!(nearest_config_file(Path::new("/elsewhere"), is_file), None);
    }
}
