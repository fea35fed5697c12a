//! Finding the incident files to check: explicit files, directories walked with `.gitignore`
//! rules, and standard input.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use incident_rules::has_incident_file_name;

use crate::configs::ConfigResolver;

/// One thing to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input, shown under this name.
    Stdin(PathBuf),
}

impl Input {
    /// The path shown in messages.
    pub fn display_path(&self) -> &Path {
        match self {
            Input::File(path) | Input::Stdin(path) => path,
        }
    }
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to check, sorted, each once.
    pub inputs: Vec<Input>,
    /// Paths that could not be walked or do not exist, with the reason.
    pub errors: Vec<String>,
    /// Directories in which no incident file was found.
    pub empty_directories: Vec<PathBuf>,
}

/// Finds the files `paths` name. `-` is standard input, named `stdin_filename` or `-`.
/// Files named are always taken; in folders, the files that their configuration's
/// `include` and `exclude` select (by default, `*.incident` and `*.incident.md`).
pub fn discover(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    configs: &mut ConfigResolver,
) -> Discovery {
    let mut discovery = Discovery::default();
    let default_paths = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default_paths[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            let name = stdin_filename.map_or_else(|| PathBuf::from("-"), Path::to_owned);
            discovery.inputs.push(Input::Stdin(name));
            continue;
        }
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => {
                let reason = if std::fs::symlink_metadata(path).is_ok() {
                    "broken symbolic link".to_owned()
                } else if error.kind() == std::io::ErrorKind::NotFound {
                    "no such file or directory".to_owned()
                } else {
                    error.to_string()
                };
                discovery
                    .errors
                    .push(format!("{}: {reason}", path.display()));
                continue;
            }
        };
        if metadata.is_dir() {
            walk(path, configs, &mut discovery);
        } else {
            discovery.inputs.push(Input::File(path.clone()));
        }
    }
    discovery.inputs.sort();
    discovery.inputs.dedup();
    discovery
}

fn walk(directory: &Path, configs: &mut ConfigResolver, discovery: &mut Discovery) {
    let before = discovery.inputs.len();
    // Symbolic links to directories are not followed, so link loops cannot make the walk endless.
    let walker = WalkBuilder::new(directory)
        .standard_filters(true)
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = match entry.file_type() {
                    Some(file_type) if file_type.is_symlink() => path.is_file(),
                    Some(file_type) => file_type.is_file(),
                    None => false,
                };
                // A file whose configuration cannot be read is taken by its name; the error is
                // reported when the file is checked.
                let mut is_incident_file = || {
                    configs.for_file(path).map_or_else(
                        |_| has_incident_file_name(path),
                        |config| config.is_incident_file(path),
                    )
                };
                if is_file && is_incident_file() {
                    // Walking `.` shows paths as `a/b.incident`, as people write them.
                    let path = if directory == Path::new(".") {
                        path.strip_prefix("./").unwrap_or(path)
                    } else {
                        path
                    };
                    discovery.inputs.push(Input::File(path.to_owned()));
                }
            }
            Err(error) => discovery.errors.push(error.to_string()),
        }
    }
    if discovery.inputs.len() == before {
        discovery.empty_directories.push(directory.to_owned());
    }
}
