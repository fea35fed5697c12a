//! The incident files of the workspace folders: which incident IDs they define and mention.
//!
//! The folders form one workspace: an incident ID is looked up in all of them, and a file is
//! named relative to the folder it lies in.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use incident_model::Metadata;
use incident_rules::Workspace;
use incident_syntax::{Parse, SyntaxKind, TextRange};

/// Files larger than this are not read during a workspace scan.
pub const MAX_SCANNED_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Whether a path names an incident file (`*.incident`, `*.incident.md`), as the CLI decides.
pub fn is_incident_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(".incident") || name.ends_with(".incident.md"))
}

/// The incident files under `root`, walked as the CLI walks a directory: `.gitignore` and
/// hidden-file rules, symbolic links to directories not followed. Sorted.
pub fn incident_files(root: &Path) -> Vec<PathBuf> {
    let walker = WalkBuilder::new(root)
        .standard_filters(true)
        .require_git(false)
        .follow_links(false)
        .build();
    let mut files: Vec<PathBuf> = walker
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_some_and(|kind| kind.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|path| is_incident_file(path))
        .collect();
    files.sort();
    files
}

/// Reads an incident file for a scan; `None` when it is too large or unreadable.
pub fn read_incident_file(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if metadata.len() > MAX_SCANNED_FILE_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// The incident ID that `text`'s front matter defines. Only the front matter is parsed, so this
/// stays cheap on long files.
pub fn front_matter_id(text: &str) -> Option<String> {
    front_matter_scalar(text, "id")
}

/// The value of the front matter field `key` in `text`, if it is a non-empty scalar; only the
/// front matter is parsed.
pub fn front_matter_scalar(text: &str, key: &str) -> Option<String> {
    let head = front_matter_prefix(text);
    let parse = incident_syntax::parse(head);
    let metadata = Metadata::read_front_matter(parse.root());
    metadata
        .scalar(key)
        .map(|value| value.value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// The start of `text` up to the end of its front matter's closing fence (or all of it when
/// there is no closing fence).
fn front_matter_prefix(text: &str) -> &str {
    let mut offset = 0;
    for (line_idx, line) in text.split_inclusive('\n').enumerate() {
        offset += line.len();
        let content = line
            .trim_end_matches(['\n', '\r'])
            .trim_start_matches('\u{feff}');
        if line_idx == 0 {
            if content.trim_end() != "---" {
                return "";
            }
            continue;
        }
        if matches!(content.trim_end(), "---" | "...") {
            return text.get(..offset).unwrap_or(text);
        }
    }
    text
}

/// Where an incident ID is written in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdOccurrence {
    /// The ID.
    pub id: String,
    /// The ID's text, without quotes.
    pub range: TextRange,
    /// Whether this is the front matter's `id` (the definition) rather than a mention.
    pub is_definition: bool,
}

/// Every place `parse` writes an incident ID: the front matter's `id` and each `INC-…` mention.
pub fn incident_id_occurrences(parse: &Parse) -> Vec<IdOccurrence> {
    let mut occurrences = Vec::new();
    let metadata = Metadata::read_front_matter(parse.root());
    if let Some(id) = metadata.scalar("id") {
        let written = parse.text().get(id.range.to_usize()).unwrap_or_default();
        let quoted = written.len() >= 2 && (written.starts_with(['"', '\'']));
        let range = if quoted {
            TextRange::new(id.range.start() + 1, id.range.end() - 1)
        } else {
            id.range
        };
        occurrences.push(IdOccurrence {
            id: id.value.trim().to_owned(),
            range,
            is_definition: true,
        });
    }
    for token in parse.root().descendants() {
        if token.kind() == SyntaxKind::IncidentRef {
            occurrences.push(IdOccurrence {
                id: token.text().to_owned(),
                range: token.range(),
                is_definition: false,
            });
        }
    }
    occurrences
}

/// The workspace folder that holds `path`: the innermost of `folders` it lies in.
pub fn folder_of<'f>(folders: &'f [PathBuf], path: &Path) -> Option<&'f Path> {
    folders
        .iter()
        .filter(|folder| path.starts_with(folder))
        .max_by_key(|folder| folder.components().count())
        .map(PathBuf::as_path)
}

/// The incident IDs that the files under one folder define, as read from disk.
#[derive(Clone, Debug)]
pub struct FolderScan {
    root: PathBuf,
    ids: Vec<(PathBuf, String)>,
}

impl FolderScan {
    /// Reads the incident files under `root`.
    pub fn read(root: &Path) -> FolderScan {
        let ids = incident_files(root)
            .into_iter()
            .filter_map(|path| {
                let id = front_matter_id(&read_incident_file(&path)?)?;
                Some((path, id))
            })
            .collect();
        FolderScan {
            root: root.to_owned(),
            ids,
        }
    }
}

/// The incident IDs defined by the files of the workspace folders, as last read from disk.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    folders: Vec<PathBuf>,
    ids: HashMap<PathBuf, String>,
}

impl IdIndex {
    /// Adds a folder with the IDs its files define (replacing what was known of it).
    pub fn add_folder(&mut self, scan: FolderScan) {
        if !self.folders.contains(&scan.root) {
            self.folders.push(scan.root);
        }
        self.ids.extend(scan.ids);
    }

    /// Removes a folder, and the IDs of its files that no other folder holds.
    pub fn remove_folder(&mut self, root: &Path) {
        self.folders.retain(|folder| folder != root);
        let folders = &self.folders;
        self.ids
            .retain(|path, _| !path.starts_with(root) || folder_of(folders, path).is_some());
    }

    /// The workspace folders, in the order they were added.
    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    /// Re-reads one file after it changed on disk (or forgets it when it is gone).
    pub fn refresh(&mut self, path: &Path) {
        match read_incident_file(path).and_then(|text| front_matter_id(&text)) {
            Some(id) => {
                self.ids.insert(path.to_owned(), id);
            }
            None => {
                self.ids.remove(path);
            }
        }
    }

    /// The rules' view of the workspace, with `overrides` (open documents' current IDs) in
    /// place of what is on disk. `None` without a workspace folder.
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

    /// How a file is named in messages: relative to its workspace folder when inside one.
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

    #[test]
    fn files_are_named_after_their_innermost_folder_and_forgotten_with_it() {
        let mut index = IdIndex::default();
        let scan = |root: &str, files: &[(&str, &str)]| FolderScan {
            root: PathBuf::from(root),
            ids: files
                .iter()
                .map(|(path, id)| (PathBuf::from(path), (*id).to_owned()))
                .collect(),
        };
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
    fn the_id_comes_from_the_front_matter_alone() {
        let text = "---\nid: INC-2026-001\ntitle: x\n---\n\n# T\n\n---\nid: INC-9\n";
        assert_eq!(front_matter_id(text).as_deref(), Some("INC-2026-001"));
        assert_eq!(front_matter_id("# no front matter\n"), None);
        assert_eq!(
            front_matter_id("---\r\nid: 'INC-7'\r\n...\r\n").as_deref(),
            Some("INC-7")
        );
    }

    #[test]
    fn occurrences_cover_the_definition_and_mentions() {
        let parse = incident_syntax::parse(
            "---\nid: \"INC-1\"\n---\n\n## Orient\n\n- story: like INC-2 and INC-1\n",
        );
        let occurrences = incident_id_occurrences(&parse);
        let found: Vec<(&str, &str, bool)> = occurrences
            .iter()
            .map(|occurrence| {
                (
                    occurrence.id.as_str(),
                    parse
                        .text()
                        .get(occurrence.range.to_usize())
                        .unwrap_or_default(),
                    occurrence.is_definition,
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("INC-1", "INC-1", true),
                ("INC-2", "INC-2", false),
                ("INC-1", "INC-1", false)
            ]
        );
    }
}
