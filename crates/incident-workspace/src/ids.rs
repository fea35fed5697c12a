//! The incident IDs that the files of a set of folders define, for the rules across files:
//! which file defines which ID, kept up to date as files change.
//!
//! The folders form one workspace: an incident ID is looked up in all of them, and a file is
//! named relative to the folder it lies in.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use incident_rules::{Workspace, front_matter_field};

use crate::{ConfigResolver, DEFAULT_MAX_FILE_BYTES, incident_files, read_source};

/// The folder that holds `path`: the innermost of `folders` it lies in.
pub fn folder_of<'f>(folders: &'f [PathBuf], path: &Path) -> Option<&'f Path> {
    folders
        .iter()
        .filter(|folder| path.starts_with(folder))
        .max_by_key(|folder| folder.components().count())
        .map(PathBuf::as_path)
}

/// Reads an incident file for a scan, as a check would read it; `None` when it cannot be
/// checked (too large, not a regular file, not UTF-8, unreadable).
pub fn read_incident_file(path: &Path) -> Option<String> {
    read_source(path, DEFAULT_MAX_FILE_BYTES).ok()
}

/// The incident IDs that the files under one folder define, as read from disk.
#[derive(Clone, Debug)]
pub struct FolderScan {
    root: PathBuf,
    ids: Vec<(PathBuf, String)>,
}

impl FolderScan {
    /// Reads the incident files under `root`: the files a check of `root` would check.
    pub fn read(root: &Path, configs: &ConfigResolver) -> FolderScan {
        let ids = incident_files(root, configs)
            .into_iter()
            .filter_map(|path| {
                let id = front_matter_field(&read_incident_file(&path)?, "id")?;
                Some((path, id))
            })
            .collect();
        FolderScan {
            root: root.to_owned(),
            ids,
        }
    }
}

/// The incident IDs defined by the files of the folders, as last read from disk.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    folders: Vec<PathBuf>,
    ids: HashMap<PathBuf, String>,
}

impl IdIndex {
    /// Adds a folder with the IDs its files define, replacing what was known of it.
    pub fn add_folder(&mut self, scan: FolderScan) {
        if self.folders.contains(&scan.root) {
            self.forget_files_of(&scan.root);
        } else {
            self.folders.push(scan.root);
        }
        self.ids.extend(scan.ids);
    }

    /// Removes a folder, and the IDs of its files that no other folder holds.
    pub fn remove_folder(&mut self, root: &Path) {
        self.folders.retain(|folder| folder != root);
        self.forget_files_of(root);
    }

    /// Forgets the files under `root` that no other folder holds.
    fn forget_files_of(&mut self, root: &Path) {
        let others: Vec<PathBuf> = self
            .folders
            .iter()
            .filter(|folder| folder.as_path() != root)
            .cloned()
            .collect();
        self.ids
            .retain(|path, _| !path.starts_with(root) || folder_of(&others, path).is_some());
    }

    /// The folders, in the order they were added.
    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    /// Re-reads one file after it changed on disk (or forgets it when it is gone).
    pub fn refresh(&mut self, path: &Path) {
        match read_incident_file(path).and_then(|text| front_matter_field(&text, "id")) {
            Some(id) => {
                self.ids.insert(path.to_owned(), id);
            }
            None => {
                self.ids.remove(path);
            }
        }
    }

    /// The rules' view of the workspace, with `overrides` (open documents' current IDs) in
    /// place of what is on disk. `None` without a folder.
    pub fn workspace(&self, overrides: &[(PathBuf, Option<String>)]) -> Option<Workspace> {
        if self.folders.is_empty() {
            return None;
        }
        let mut workspace = Workspace::default();
        for (path, id) in self.merged(overrides) {
            workspace.add(&self.display(path), id);
        }
        Some(workspace)
    }

    /// The files that define `id`, with `overrides` in place of what is on disk. Sorted.
    pub fn paths_defining(
        &self,
        id: &str,
        overrides: &[(PathBuf, Option<String>)],
    ) -> Vec<PathBuf> {
        self.merged(overrides)
            .into_iter()
            .filter(|(_, defined)| *defined == id)
            .map(|(path, _)| path.to_owned())
            .collect()
    }

    /// Each file's ID, with `overrides` in place of what is on disk, sorted by path.
    fn merged<'a>(
        &'a self,
        overrides: &'a [(PathBuf, Option<String>)],
    ) -> Vec<(&'a Path, &'a str)> {
        let mut ids: HashMap<&Path, Option<&str>> = self
            .ids
            .iter()
            .map(|(path, id)| (path.as_path(), Some(id.as_str())))
            .collect();
        for (path, id) in overrides {
            ids.insert(path.as_path(), id.as_deref());
        }
        let mut sorted: Vec<(&Path, &str)> = ids
            .into_iter()
            .filter_map(|(path, id)| Some((path, id?)))
            .collect();
        sorted.sort();
        sorted
    }

    /// How a file is named in messages: relative to its folder when inside one.
    pub fn display(&self, path: &Path) -> String {
        folder_of(&self.folders, path)
            .and_then(|folder| path.strip_prefix(folder).ok())
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(root: &str, files: &[(&str, &str)]) -> FolderScan {
        FolderScan {
            root: PathBuf::from(root),
            ids: files
                .iter()
                .map(|(path, id)| (PathBuf::from(path), (*id).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn files_are_named_after_their_innermost_folder_and_forgotten_with_it() {
        let mut index = IdIndex::default();
        index.add_folder(scan("/w/a", &[("/w/a/x.incident", "INC-1")]));
        index.add_folder(scan("/w/a/b", &[("/w/a/b/y.incident", "INC-2")]));
        index.add_folder(scan("/w/c", &[("/w/c/z.incident", "INC-1")]));
        assert_eq!(index.display(Path::new("/w/a/b/y.incident")), "y.incident");
        assert_eq!(index.display(Path::new("/w/a/x.incident")), "x.incident");
        assert_eq!(
            index.display(Path::new("/elsewhere/q.incident")),
            "/elsewhere/q.incident"
        );
        assert_eq!(index.paths_defining("INC-1", &[]).len(), 2);

        // The inner folder's files still lie in the outer one, so they stay.
        index.remove_folder(Path::new("/w/a/b"));
        assert_eq!(index.paths_defining("INC-2", &[]).len(), 1);
        assert_eq!(
            index.display(Path::new("/w/a/b/y.incident")),
            "b/y.incident"
        );
        index.remove_folder(Path::new("/w/c"));
        assert_eq!(
            index.paths_defining("INC-1", &[]),
            vec![PathBuf::from("/w/a/x.incident")]
        );
        assert_eq!(index.folders(), [PathBuf::from("/w/a")]);
    }

    #[test]
    fn scanning_a_folder_again_replaces_what_was_known_of_it() {
        let mut index = IdIndex::default();
        index.add_folder(scan(
            "/w",
            &[("/w/x.incident", "INC-1"), ("/w/y.incident", "INC-2")],
        ));
        index.add_folder(scan("/w", &[("/w/x.incident", "INC-3")]));
        assert_eq!(index.paths_defining("INC-2", &[]), Vec::<PathBuf>::new());
        assert_eq!(
            index.paths_defining("INC-3", &[]),
            vec![PathBuf::from("/w/x.incident")]
        );
        assert_eq!(index.folders(), [PathBuf::from("/w")]);
    }

    #[test]
    fn open_documents_override_the_disk() {
        let mut index = IdIndex::default();
        index.add_folder(scan("/w", &[("/w/x.incident", "INC-1")]));
        let overrides = [
            (PathBuf::from("/w/x.incident"), None),
            (PathBuf::from("/w/new.incident"), Some("INC-1".to_owned())),
        ];
        assert_eq!(
            index.paths_defining("INC-1", &overrides),
            vec![PathBuf::from("/w/new.incident")]
        );
        let workspace = index.workspace(&overrides);
        assert_eq!(
            workspace
                .as_ref()
                .map(|workspace| workspace.files_defining("INC-1")),
            Some(&["new.incident".to_owned()][..])
        );
        assert!(IdIndex::default().workspace(&[]).is_none());
    }
}
