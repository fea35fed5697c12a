//! What a set of incident files knows about each other: which file defines which incident ID.

use std::collections::HashMap;

/// The incident IDs of a set of files, for the rules that look across files.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Each ID with the paths of the files whose front matter defines it, in the order added.
    files_by_id: HashMap<String, Vec<String>>,
}

impl Workspace {
    /// Records the ID that `text`'s front matter defines, if any, for the file at `path`.
    /// Only the front matter is parsed, so indexing many files stays cheap.
    pub fn add_text(&mut self, path: &str, text: &str) {
        if let Some(id) = front_matter_field(text, "id") {
            self.add(path, &id);
        }
    }

    /// Records that the file at `path` defines incident `id`.
    pub fn add(&mut self, path: &str, id: &str) {
        self.files_by_id
            .entry(id.trim().to_owned())
            .or_default()
            .push(path.to_owned());
    }

    /// The files that define `id`.
    pub fn files_defining(&self, id: &str) -> &[String] {
        self.files_by_id.get(id).map_or(&[], Vec::as_slice)
    }
}

/// The value of the front matter field `key` in `text`, trimmed, if it is a non-empty scalar.
/// Only the front matter is parsed, so this stays cheap on long files.
pub fn front_matter_field(text: &str, key: &str) -> Option<String> {
    let parse = incident_syntax::parse(front_matter_prefix(text));
    let metadata = incident_model::Metadata::read_front_matter(parse.root());
    metadata
        .scalar(key)
        .map(|value| value.value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// The start of `text` up to the end of its front matter: through the first `---` or `...`
/// line after the opening one. Text without a front matter gives an empty prefix.
fn front_matter_prefix(text: &str) -> &str {
    // Files with old Mac line endings have no `\n`; they are rare enough to parse whole.
    if !text.contains('\n') {
        return text;
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom_len = text.len() - body.len();
    let mut lines = body.split_inclusive('\n');
    if lines.next().is_none_or(|first| first.trim_end() != "---") {
        return "";
    }
    let mut end = bom_len + body.find('\n').map_or(body.len(), |newline| newline + 1);
    for line in lines {
        end += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return text.get(..end).unwrap_or(text);
        }
    }
    text
}

/// The file being checked, within its workspace.
#[derive(Clone, Copy, Debug)]
pub struct WorkspaceFile<'w> {
    /// The workspace.
    pub workspace: &'w Workspace,
    /// The file's path, as recorded in the workspace.
    pub path: &'w str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_from_the_front_matter_alone() {
        let text = "---\nid: INC-2026-001\ntitle: x\n---\n\n# T\n\n---\nid: INC-9\n";
        assert_eq!(
            front_matter_field(text, "id").as_deref(),
            Some("INC-2026-001")
        );
        assert_eq!(front_matter_field("# no front matter\n", "id"), None);
        assert_eq!(front_matter_field("---\nid:  \n---\n", "id"), None);
        assert_eq!(
            front_matter_field("\u{feff}---\r\nid: 'INC-7'\r\n...\r\n", "id").as_deref(),
            Some("INC-7")
        );
    }
}
