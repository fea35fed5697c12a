//! `--since GIT_REF`: only the findings in what changed since a git revision, for CI on
//! post-mortem pull requests in a large archive.
//!
//! Git says which lines of which files changed (`git diff --unified=0`), and which files are
//! new and untracked. A finding is kept when its file changed and it lies in a level-2 section
//! that changed; a finding before the first section (the title and front matter, where
//! whole-file findings point) is kept whenever its file changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use incident_syntax::{SyntaxKind, TextRange, parse};

use crate::output::FileReport;
use crate::paths::resolved;

/// The lines changed since a revision, by file.
#[derive(Debug, Default)]
pub struct ChangedLines {
    /// Absolute, resolved path → changed 1-based line ranges (inclusive); empty for a new file.
    files: HashMap<PathBuf, Vec<(u32, u32)>>,
}

/// Whether a file changed, and where.
enum FileChange<'a> {
    Unchanged,
    /// New to git: every line counts as changed.
    New,
    Lines(&'a [(u32, u32)]),
}

impl ChangedLines {
    /// Asks git, in the repository around the current folder, what changed since `revision`.
    pub fn since(revision: &str) -> Result<ChangedLines, String> {
        let top = git(&["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(top.trim());
        let diff = git(&[
            "diff",
            "--unified=0",
            "--no-color",
            "--no-renames",
            revision,
            "--",
        ])?;
        let untracked = git(&["ls-files", "--others", "--exclude-standard", "--full-name"])?;
        let mut changed = ChangedLines::from_diff(&top, &diff);
        for line in untracked.lines().filter(|line| !line.is_empty()) {
            changed.files.insert(resolved(&top.join(line)), Vec::new());
        }
        Ok(changed)
    }

    /// Reads the output of `git diff --unified=0`, whose paths are relative to `top`.
    fn from_diff(top: &Path, diff: &str) -> ChangedLines {
        let mut files: HashMap<PathBuf, Vec<(u32, u32)>> = HashMap::new();
        let mut current: Option<PathBuf> = None;
        for line in diff.lines() {
            if let Some(path) = line.strip_prefix("+++ ") {
                current = path
                    .strip_prefix("b/")
                    .map(|path| resolved(&top.join(path)));
                if let Some(path) = &current {
                    files.entry(path.clone()).or_default();
                }
            } else if let Some(hunk) = line.strip_prefix("@@ ") {
                let (Some(path), Some(range)) = (&current, new_side_range(hunk)) else {
                    continue;
                };
                if let Some(ranges) = files.get_mut(path) {
                    ranges.push(range);
                }
            }
        }
        ChangedLines { files }
    }

    /// Removes from `report` the findings outside what changed, and returns how many it removed.
    pub fn filter(&self, report: &mut FileReport) -> usize {
        let before = report.diagnostics.len();
        match self.change_of(&report.path) {
            FileChange::New => {}
            FileChange::Unchanged => report.diagnostics.clear(),
            FileChange::Lines(lines) => {
                let changed_ranges: Vec<TextRange> = lines
                    .iter()
                    .filter_map(|&(first, last)| {
                        let start = report.line_index.line_start(first.saturating_sub(1))?;
                        let end = report
                            .line_index
                            .line_start(last)
                            .unwrap_or(report.text.len() as u32);
                        Some(TextRange::new(start, end.max(start)))
                    })
                    .collect();
                let sections = changed_sections(&report.text, &changed_ranges);
                report.diagnostics.retain(|diagnostic| {
                    let offset = diagnostic.range.start();
                    match sections
                        .iter()
                        .find(|(section, _)| section.contains(offset))
                    {
                        Some((_, changed)) => *changed,
                        // Before the first section: the title and front matter.
                        None => true,
                    }
                });
            }
        }
        before - report.diagnostics.len()
    }

    fn change_of(&self, path: &str) -> FileChange<'_> {
        match self.files.get(&resolved(Path::new(path))) {
            None => FileChange::Unchanged,
            Some(lines) if lines.is_empty() => FileChange::New,
            Some(lines) => FileChange::Lines(lines),
        }
    }
}

/// Each level-2 section of `text`, and whether one of `changed` touches it.
fn changed_sections(text: &str, changed: &[TextRange]) -> Vec<(TextRange, bool)> {
    let parsed = parse(text);
    parsed
        .root()
        .children_of(SyntaxKind::Section)
        .map(|section| {
            let range = section.range();
            let touched = changed
                .iter()
                .any(|change| change.start() < range.end() && range.start() <= change.end());
            (range, touched)
        })
        .collect()
}

/// The new side of a hunk header `-a,b +c,d @@`: lines `c` to `c + d - 1`; a hunk that only
/// deletes (`d` = 0) changes the place between lines `c` and `c + 1`.
fn new_side_range(hunk: &str) -> Option<(u32, u32)> {
    let new_side = hunk
        .split_whitespace()
        .find_map(|part| part.strip_prefix('+'))?;
    let (start, count) = match new_side.split_once(',') {
        Some((start, count)) => (start.parse::<u32>().ok()?, count.parse::<u32>().ok()?),
        None => (new_side.parse::<u32>().ok()?, 1),
    };
    if count == 0 {
        Some((start.max(1), start.saturating_add(1)))
    } else {
        Some((start, start.saturating_add(count - 1)))
    }
}

fn git(args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|error| format!("--since needs git: cannot run `git`: {error}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "--since: `git {}` failed: {}",
            args.join(" "),
            stderr.trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_give_the_changed_lines_of_the_new_side() {
        assert_eq!(new_side_range("-3,0 +4,2 @@ ## Observe"), Some((4, 5)));
        assert_eq!(new_side_range("-7 +7 @@"), Some((7, 7)));
        assert_eq!(new_side_range("-5,2 +4,0 @@"), Some((4, 5)));
        assert_eq!(new_side_range("garbage"), None);
    }

    #[test]
    fn sections_touched_by_a_change_are_found() {
        let text = "# T\n\n## Observe\n\n- O1: x\n\n## Decide\n\n- H1: y\n";
        let decide_line = TextRange::new(29, 38);
        let sections = changed_sections(text, &[decide_line]);
        assert_eq!(sections.len(), 2);
        assert_eq!(
            sections
                .iter()
                .map(|(_, changed)| *changed)
                .collect::<Vec<_>>(),
            [false, true]
        );
    }
}
