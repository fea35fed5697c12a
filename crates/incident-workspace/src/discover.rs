//! Finding the incident files to check: explicit files, folders walked with `.gitignore` rules
//! and each configuration's `include` and `exclude`, and standard input. The language server
//! walks its workspace folders with the same walk, so both take the same files.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use incident_rules::{CONFIG_FILE_NAME, has_incident_file_name};

use crate::ConfigResolver;

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
    configs: &ConfigResolver,
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
                discovery.errors.push(unreadable(path, &error));
                continue;
            }
        };
        // A folder named like an incident file is most likely a mistake (a bind mount of a
        // missing file creates one), so it is refused when read rather than walked.
        if metadata.is_dir() && !has_incident_file_name(path) {
            walk(path, configs, &mut discovery);
        } else {
            discovery.inputs.push(Input::File(path.clone()));
        }
    }
    discovery.inputs.sort();
    discovery.inputs.dedup();
    // A broken link named and also found in a folder is reported once.
    let mut seen = std::collections::HashSet::new();
    discovery.errors.retain(|error| seen.insert(error.clone()));
    discovery
}

/// The incident files under `root`, as walking it for a check finds them, sorted; what cannot
/// be walked is left out.
pub fn incident_files(root: &Path, configs: &ConfigResolver) -> Vec<PathBuf> {
    let mut discovery = Discovery::default();
    walk(root, configs, &mut discovery);
    let mut files: Vec<PathBuf> = discovery
        .inputs
        .iter()
        .map(|input| input.display_path().to_owned())
        .collect();
    files.sort();
    files
}

/// The warning for a folder in which no incident file was found.
pub fn no_incident_files(directory: &Path) -> String {
    format!(
        "no incident files in {}: by default they are named *.incident or *.incident.md; set `include` in {CONFIG_FILE_NAME} to check others, such as `include = [\"postmortems/**/*.md\"]`",
        directory.display()
    )
}

/// `path`, found walking `directory`, as people write it: walking `.` gives `a/b.incident`.
fn shown<'a>(directory: &Path, path: &'a Path) -> &'a Path {
    if directory == Path::new(".") {
        path.strip_prefix("./").unwrap_or(path)
    } else {
        path
    }
}

/// Why `path`, which `std::fs::metadata` could not read, cannot be checked.
fn unreadable(path: &Path, error: &std::io::Error) -> String {
    let reason = if is_link_loop(error) {
        "symbolic link loop: the link leads back to itself".to_owned()
    } else if std::fs::symlink_metadata(path).is_ok() {
        "broken symbolic link".to_owned()
    } else if error.kind() == std::io::ErrorKind::NotFound {
        "no such file or directory".to_owned()
    } else {
        error.to_string()
    };
    format!("{}: {reason}", path.display())
}

fn walk(directory: &Path, configs: &ConfigResolver, discovery: &mut Discovery) {
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
                let is_incident_file = || configs.selects(path);
                // Anything but a directory that is named like an incident file is taken, so that
                // a FIFO, a socket or a device is refused by name when read, not skipped in
                // silence; so is a folder named like an incident file, whose files are walked too.
                let is_candidate = match entry.file_type() {
                    Some(file_type) if file_type.is_symlink() => match std::fs::metadata(path) {
                        Ok(target) => !target.is_dir(),
                        Err(error) => {
                            if is_incident_file() {
                                discovery
                                    .errors
                                    .push(unreadable(shown(directory, path), &error));
                            }
                            false
                        }
                    },
                    Some(file_type) if file_type.is_dir() => {
                        entry.depth() > 0 && has_incident_file_name(path)
                    }
                    Some(_) => true,
                    None => false,
                };
                if is_candidate && is_incident_file() {
                    discovery
                        .inputs
                        .push(Input::File(shown(directory, path).to_owned()));
                }
            }
            Err(error) => discovery.errors.push(error.to_string()),
        }
    }
    if discovery.inputs.len() == before {
        discovery.empty_directories.push(directory.to_owned());
    }
}

#[cfg(unix)]
fn is_link_loop(error: &std::io::Error) -> bool {
    error.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_link_loop(_error: &std::io::Error) -> bool {
    false
}
