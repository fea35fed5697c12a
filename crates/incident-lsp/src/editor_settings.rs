//! Settings from the editor: the `incident-lint` section of its configuration, pushed with
//! `workspace/didChangeConfiguration` or pulled with `workspace/configuration`.
//!
//! ```json
//! { "incident-lint": { "select": ["default", "INC3"], "extendSelect": ["pedantic"],
//!                      "ignore": ["missing-timeline"], "preview": false, "preset": "google-sre" } }
//! ```
//!
//! Each key means what the same key of `incident-lint.toml` (and the same command line flag)
//! means. The editor wins, as the command line does and as ruff's server does by default:
//! `select`, `preview` and `preset` replace the file's, and `extendSelect` and `ignore` add to
//! the file's lists. A setting that cannot be read is left out, and the user is told why once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use incident_rules::{Selectors, did_you_mean, preset, registry};
use incident_workspace::folder_of;
use serde_json::Value;
use tower_lsp::lsp_types::*;
use tracing::{info, warn};

use crate::state::{Shared, read_lock, write_lock};

/// The section of the editor's configuration that the server reads.
pub const SECTION: &str = "incident-lint";

/// The keys of the section.
const KEYS: [&str; 5] = ["select", "extendSelect", "ignore", "preview", "preset"];

/// How long the server waits for the answer to `workspace/configuration`. Work goes on
/// meanwhile (the pull runs in its own task); a late answer is dropped.
const PULL_TIMEOUT: Duration = Duration::from_secs(5);

/// The editor's settings: for the whole editor, and per workspace folder when pulled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct EditorSettings {
    global: Selectors,
    folders: HashMap<PathBuf, Selectors>,
}

impl EditorSettings {
    /// The selectors for the document at `path` (`None` without a file).
    pub(crate) fn selectors_for(&self, folders: &[PathBuf], path: Option<&Path>) -> Selectors {
        path.and_then(|path| folder_of(folders, path))
            .and_then(|folder| self.folders.get(folder))
            .unwrap_or(&self.global)
            .clone()
    }
}

/// Reads the `incident-lint` section; what cannot be read is left out, with a message each.
pub(crate) fn read_section(section: &Value) -> (Selectors, Vec<String>) {
    let mut selectors = Selectors::default();
    let mut problems = Vec::new();
    let Some(section) = section.as_object() else {
        if !section.is_null() {
            problems.push(format!(
                "ignoring the editor setting `{SECTION}`: write an object with the keys {}, not {section}",
                KEYS.map(|key| format!("`{key}`")).join(", ")
            ));
        }
        return (selectors, problems);
    };
    for (key, value) in section {
        let named = format!("{SECTION}.{key}");
        let read = match key.as_str() {
            "select" => rules(value, &named).map(|rules| selectors.select = Some(rules)),
            "extendSelect" => rules(value, &named).map(|rules| selectors.extend_select = rules),
            "ignore" => rules(value, &named).map(|rules| selectors.ignore = rules),
            "preview" => match value {
                Value::Bool(preview) => {
                    selectors.preview = Some(*preview);
                    Ok(())
                }
                _ => Err(format!("`{named}`: write `true` or `false`, not {value}")),
            },
            "preset" => {
                let name = value.as_str().unwrap_or_default();
                match preset::find(name) {
                    Some(found) => {
                        selectors.preset = Some(found);
                        Ok(())
                    }
                    None => Err(format!(
                        "`{named}`: write `plain`, `google-sre`, `pagerduty` or `atlassian`, not {value}"
                    )),
                }
            }
            unknown => {
                let mut message = format!("`{named}`: there is no such setting");
                if let Some(suggestion) = did_you_mean(unknown, KEYS) {
                    message.push_str(&format!("; did you mean `{SECTION}.{suggestion}`?"));
                }
                Err(message)
            }
        };
        if let Err(message) = read {
            problems.push(format!("ignoring the editor setting {message}"));
        }
    }
    (selectors, problems)
}

/// The rules a list of selectors names.
fn rules(value: &Value, named: &str) -> Result<Vec<&'static incident_rules::RuleMeta>, String> {
    let Some(selectors) = value.as_array() else {
        return Err(format!(
            "`{named}`: write a list of rule codes, code prefixes, names or groups, not {value}"
        ));
    };
    let mut rules = Vec::new();
    for selector in selectors {
        let Some(selector) = selector.as_str() else {
            return Err(format!("`{named}`: write rules as strings, not {selector}"));
        };
        rules.extend(registry::select(selector).map_err(|error| format!("`{named}`: {error}"))?);
    }
    Ok(rules)
}

impl Shared {
    /// `workspace/didChangeConfiguration`: takes the pushed section, if any, and pulls the
    /// settings again when the client answers `workspace/configuration`.
    pub(crate) fn configuration_changed(self: &Arc<Shared>, settings: &Value) {
        // Clients that only announce a change send `null` or an object without the section.
        if let Some(section) = settings.get(SECTION) {
            let (selectors, problems) = read_section(section);
            self.editor_generation.fetch_add(1, Ordering::SeqCst);
            self.apply_editor_settings(
                EditorSettings {
                    global: selectors,
                    folders: HashMap::new(),
                },
                problems,
            );
        }
        if self.session().client.pulls_configuration {
            self.pull_editor_settings();
        }
    }

    /// Asks the client for the section, for the editor and for each workspace folder, in a
    /// task of its own: a client that does not answer delays nothing, and an answer that comes
    /// after a newer pull or push is dropped.
    pub(crate) fn pull_editor_settings(self: &Arc<Shared>) {
        let generation = self.editor_generation.fetch_add(1, Ordering::SeqCst) + 1;
        let folders = read_lock(&self.ids).folders().to_vec();
        let items: Vec<ConfigurationItem> = std::iter::once(None)
            .chain(
                folders
                    .iter()
                    .map(|folder| Url::from_file_path(folder).ok()),
            )
            .map(|scope_uri| ConfigurationItem {
                scope_uri,
                section: Some(SECTION.to_owned()),
            })
            .collect();
        let shared = self.clone();
        tokio::spawn(async move {
            let answer =
                tokio::time::timeout(PULL_TIMEOUT, shared.client.configuration(items)).await;
            let values = match answer {
                Ok(Ok(values)) => values,
                Ok(Err(error)) => {
                    warn!("workspace/configuration failed: {error}");
                    return;
                }
                Err(_) => {
                    warn!(
                        "the client did not answer workspace/configuration within {PULL_TIMEOUT:?}"
                    );
                    return;
                }
            };
            if shared.editor_generation.load(Ordering::SeqCst) != generation {
                return;
            }
            let mut values = values.into_iter();
            let (global, mut problems) = read_section(&values.next().unwrap_or_default());
            let mut settings = EditorSettings {
                global,
                folders: HashMap::new(),
            };
            for (folder, value) in folders.into_iter().zip(values) {
                // A folder without settings of its own takes the editor's.
                if value.is_null() {
                    continue;
                }
                let (selectors, folder_problems) = read_section(&value);
                problems.extend(folder_problems);
                settings.folders.insert(folder, selectors);
            }
            shared.apply_editor_settings(settings, problems);
        });
    }

    /// Keeps new editor settings, tells the user what could not be read, and checks the open
    /// documents again if anything changed.
    fn apply_editor_settings(self: &Arc<Shared>, settings: EditorSettings, problems: Vec<String>) {
        let changed = {
            let mut current = write_lock(&self.editor);
            let changed = *current != settings;
            *current = settings;
            changed
        };
        if !changed {
            return;
        }
        info!("the editor's settings changed; checking open documents again");
        if !problems.is_empty() {
            let client = self.client.clone();
            tokio::spawn(async move {
                for problem in problems {
                    client
                        .show_message(MessageType::WARNING, format!("incident-lint: {problem}"))
                        .await;
                }
            });
        }
        self.lint_open_documents();
    }
}
