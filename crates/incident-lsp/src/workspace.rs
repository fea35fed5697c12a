//! The incident files of the workspace folder: which incident IDs they define and mention.

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

/// The incident IDs defined by the files of a workspace folder, as last read from disk.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    root: Option<PathBuf>,
    ids: HashMap<PathBuf, String>,
}

impl IdIndex {
    /// Scans the incident files under `root`.
    pub fn scan(root: &Path) -> IdIndex {
        let ids = incident_files(root)
            .into_iter()
            .filter_map(|path| {
                let id = front_matter_id(&read_incident_file(&path)?)?;
                Some((path, id))
            })
            .collect();
        IdIndex {
            root: Some(root.to_owned()),
            ids,
        }
    }

    /// The folder scanned, if any.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
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
        let root = self.root.as_deref()?;
        let mut workspace = Workspace::default();
        for (path, id) in self.merged(overrides) {
            workspace.add(&display_path(root, path), id);
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

    /// How a file is named in messages: relative to the workspace folder when inside it.
    pub fn display(&self, path: &Path) -> String {
        match &self.root {
            Some(root) => display_path(root, path),
            None => path.display().to_string(),
        }
    }
}

fn display_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
