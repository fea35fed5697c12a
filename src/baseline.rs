//! Baselines: today's findings recorded in a file, so that a team adopting the tool on an
//! existing archive sees only the findings it adds from then on.
//!
//! A finding is recorded by its file, its rule, its message and the text of the line it starts
//! on, not by its line number: a finding survives lines being added or removed above it, and a
//! finding whose line is edited counts as new. Equal findings are counted, so a second copy of
//! an old mistake is still reported.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::output::FileReport;
use crate::paths::resolved;

/// The version of the baseline file format.
const FORMAT_VERSION: u32 = 1;

/// What identifies a finding across edits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The file, relative to the baseline file's folder, with `/` separators.
    pub path: String,
    /// The rule's code.
    pub rule: String,
    /// The finding's message.
    pub message: String,
    /// The line the finding starts on, without surrounding whitespace.
    pub line: String,
}

/// A recorded finding and how many times it occurs.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(flatten)]
    fingerprint: Fingerprint,
    count: usize,
}

/// The baseline file as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// Recorded findings, with how many of each are still to be matched.
#[derive(Debug, Default)]
pub struct Baseline {
    /// Paths are relative to this folder.
    root: PathBuf,
    remaining: BTreeMap<Fingerprint, usize>,
    /// The files this run checked; only their entries can be stale.
    checked: BTreeSet<String>,
}

impl Baseline {
    /// An empty baseline to be written at `file`; [`Baseline::record`] adds findings to it.
    pub fn new(file: &Path) -> Baseline {
        Baseline {
            root: folder_of(file),
            ..Baseline::default()
        }
    }

    /// Records every finding of `report`.
    pub fn record(&mut self, report: &FileReport) {
        for fingerprint in self.fingerprints(report) {
            *self.remaining.entry(fingerprint).or_default() += 1;
        }
    }

    /// Reads the baseline at `file`; the error names the file and, for bad JSON, the line and
    /// column.
    pub fn read(file: &Path) -> Result<Baseline, String> {
        let text = fs::read_to_string(file)
            .map_err(|error| format!("cannot read baseline `{}`: {error}", file.display()))?;
        let parsed: BaselineFile = serde_json::from_str(&text).map_err(|error| {
            format!(
                "{}:{}:{}: not a baseline file: {error}",
                file.display(),
                error.line(),
                error.column()
            )
        })?;
        if parsed.version != FORMAT_VERSION {
            return Err(format!(
                "{}: baseline format version {} is not supported (this version reads {FORMAT_VERSION}): write it again with `--write-baseline`",
                file.display(),
                parsed.version
            ));
        }
        let mut remaining = BTreeMap::new();
        for entry in parsed.findings {
            *remaining.entry(entry.fingerprint).or_default() += entry.count;
        }
        Ok(Baseline {
            root: folder_of(file),
            remaining,
            checked: BTreeSet::new(),
        })
    }

    /// The baseline file's text: sorted, so that it diffs well under version control.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: FORMAT_VERSION,
            findings: self
                .remaining
                .iter()
                .map(|(fingerprint, &count)| Entry {
                    fingerprint: fingerprint.clone(),
                    count,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// How many findings are recorded.
    pub fn len(&self) -> usize {
        self.remaining.values().sum()
    }

    /// Removes from `report` the findings the baseline records, and returns how many it removed.
    pub fn filter(&mut self, report: &mut FileReport) -> usize {
        let fingerprints = self.fingerprints(report);
        if let Some(first) = fingerprints.first() {
            self.checked.insert(first.path.clone());
        } else {
            self.checked.insert(self.relative_path(&report.path));
        }
        let mut keep = fingerprints.into_iter().map(|fingerprint| {
            match self.remaining.get_mut(&fingerprint) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            }
        });
        let before = report.diagnostics.len();
        report.diagnostics.retain(|_| keep.next().unwrap_or(true));
        before - report.diagnostics.len()
    }

    /// The recorded findings of the checked files that no longer occur: fixed, or changed so
    /// much that they read as new. Recording the baseline again drops them.
    pub fn stale(&self) -> Vec<(&Fingerprint, usize)> {
        self.remaining
            .iter()
            .filter(|(fingerprint, count)| **count > 0 && self.checked.contains(&fingerprint.path))
            .map(|(fingerprint, count)| (fingerprint, *count))
            .collect()
    }

    fn fingerprints(&self, report: &FileReport) -> Vec<Fingerprint> {
        let path = self.relative_path(&report.path);
        report
            .diagnostics
            .iter()
            .map(|diagnostic| {
                let line = report.line_index.line_of(diagnostic.range.start());
                let start = report.line_index.line_start(line).unwrap_or_default() as usize;
                let end = report
                    .line_index
                    .line_start(line + 1)
                    .map_or(report.text.len(), |end| end as usize);
                Fingerprint {
                    path: path.clone(),
                    rule: diagnostic.code().to_owned(),
                    message: diagnostic.message.clone(),
                    line: report
                        .text
                        .get(start..end)
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                }
            })
            .collect()
    }

    /// `path` relative to the baseline's folder when it lies below it, so that the baseline
    /// matches whatever folder the tool runs from.
    fn relative_path(&self, path: &str) -> String {
        let absolute = resolved(Path::new(path));
        let relative = absolute.strip_prefix(&self.root).unwrap_or(&absolute);
        relative
            .components()
            .map(|component| component.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The folder of `file`, which need not exist yet.
fn folder_of(file: &Path) -> PathBuf {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_owned());
    resolved(absolute.parent().unwrap_or(Path::new("/")))
}

#[cfg(test)]
mod tests {
    use incident_rules::{Settings, check};

    use super::*;

    fn report(path: &str, text: &str) -> FileReport {
        let diagnostics = check(text, &Settings::default()).diagnostics;
        FileReport::new(path.to_owned(), text.to_owned(), diagnostics)
    }

    const FLAWED: &str = "# Checkout fails\n\n## Decide\n\n- H1: the cache is full again\n";

    #[test]
    fn recorded_findings_are_matched_after_lines_move() -> Result<(), String> {
        let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
        let file = folder.path().join("baseline.json");
        let path = folder.path().join("a.incident").display().to_string();
        let before = report(&path, FLAWED);
        assert!(!before.diagnostics.is_empty());
        let mut recorded = Baseline::new(&file);
        recorded.record(&before);
        fs::write(&file, recorded.to_json()).map_err(|error| error.to_string())?;
        assert!(
            fs::read_to_string(&file).is_ok_and(|text| text.contains("\"path\": \"a.incident\""))
        );

        let moved = FLAWED.replace("# Checkout fails\n", "# Checkout fails\n\nSome context.\n");
        let mut after = report(&path, &moved);
        let n_after = after.diagnostics.len();
        let mut baseline = Baseline::read(&file)?;
        let removed = baseline.filter(&mut after);
        assert_eq!(removed, before.diagnostics.len());
        assert_eq!(after.diagnostics.len(), n_after - removed);
        assert!(baseline.stale().is_empty());
        Ok(())
    }

    #[test]
    fn a_bad_baseline_file_is_named_with_its_position() -> Result<(), String> {
        let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
        let file = folder.path().join("baseline.json");
        fs::write(&file, "{\n  \"version\": 1,\n  \"findings\": [}\n")
            .map_err(|error| error.to_string())?;
        let error = Baseline::read(&file).err().unwrap_or_default();
        assert!(error.contains("baseline.json:3:"), "{error}");
        Ok(())
    }

    #[test]
    fn a_second_copy_of_a_finding_is_new_and_a_fixed_one_is_stale() {
        let folder = std::env::temp_dir();
        let file = folder.join("baseline.json");
        let path = folder.join("b.incident").display().to_string();
        let text = "# T\n\n## Decide\n\n- H1: disk full\n";
        let mut baseline = Baseline::new(&file);
        baseline.record(&report(&path, text));
        let n_recorded = baseline.len();
        assert!(n_recorded > 0);

        let doubled = format!("{text}\n## Decide\n\n- H1: disk full\n");
        let mut twice = report(&path, &doubled);
        baseline.filter(&mut twice);
        assert!(
            twice
                .diagnostics
                .iter()
                .any(|diagnostic| diagnostic.code() == "INC101"),
            "the copy of the decision without observation is reported"
        );

        let mut baseline = Baseline::new(&file);
        baseline.record(&report(&path, text));
        let mut fixed = report(&path, "# T\n");
        baseline.filter(&mut fixed);
        let stale: usize = baseline.stale().iter().map(|(_, count)| count).sum();
        assert!(stale > 0, "findings that are gone are listed as stale");
    }
}
