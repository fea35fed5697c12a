//! Finding the incident files to check: explicit files, directories walked with `.gitignore`
//! rules, and standard input.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

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

/// Whether a file name is an incident file's.
pub fn is_incident_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(".incident") || name.ends_with(".incident.md"))
}

/// Finds the files `paths` name. `-` is standard input, named `stdin_filename` or `-`.
pub fn discover(paths: &[PathBuf], stdin_filename: Option<&Path>) -> Discovery {
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
            walk(path, &mut discovery);
        } else {
            discovery.inputs.push(Input::File(path.clone()));
        }
    }
    discovery.inputs.sort();
    discovery.inputs.dedup();
    discovery
}

fn walk(directory: &Path, discovery: &mut Discovery) {
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
                if is_file && is_incident_file(path) {
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
