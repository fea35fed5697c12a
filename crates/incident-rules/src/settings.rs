//! The settings rules read: which rules run, at what severity, and the team's vocabularies.

use std::collections::{HashMap, HashSet};

use incident_model::ModelOptions;
use incident_syntax::SectionTable;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::diagnostic::Severity;
use crate::registry;
use crate::rule::{Group, RuleMeta, RuleStatus};

/// The keys the front matter must have unless configured otherwise.
pub const DEFAULT_REQUIRED_KEYS: [&str; 5] = ["id", "title", "severity", "status", "started"];
/// The default severity vocabulary.
pub const DEFAULT_SEVERITIES: [&str; 5] = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"];
/// The default status vocabulary.
pub const DEFAULT_STATUSES: [&str; 4] = ["investigating", "mitigated", "resolved", "closed"];
/// The statuses that mean the incident is over, so the write-up is a post-mortem.
pub const DEFAULT_OVER_STATUSES: [&str; 2] = ["resolved", "closed"];

/// Which rules run and at which severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSelection {
    enabled: HashSet<&'static str>,
    severities: HashMap<&'static str, Severity>,
    syntax_errors_ignored: bool,
    preview: bool,
}

impl Default for RuleSelection {
    fn default() -> RuleSelection {
        RuleSelection {
            enabled: registry::all()
                .filter(|meta| {
                    meta.group == Group::Default && registry::status(meta) != RuleStatus::Removed
                })
                .map(|meta| meta.code)
                .collect(),
            severities: HashMap::new(),
            syntax_errors_ignored: false,
            preview: false,
        }
    }
}

impl RuleSelection {
    /// No rule at all (the start of a `select` that replaces the defaults).
    pub fn none() -> RuleSelection {
        RuleSelection {
            enabled: HashSet::new(),
            severities: HashMap::new(),
            syntax_errors_ignored: false,
            preview: false,
        }
    }

    /// Every rule that can run, pedantic and preview ones included (`--select all --preview`):
    /// what tests, benchmarks and fuzz targets check a text with.
    pub fn every_rule() -> RuleSelection {
        let mut selection = RuleSelection::none();
        selection.enabled = registry::all().map(|meta| meta.code).collect();
        selection.preview = true;
        selection
    }

    /// Turns on every rule in `rules`.
    pub fn enable(&mut self, rules: &[&'static RuleMeta]) {
        self.enabled.extend(rules.iter().map(|meta| meta.code));
    }

    /// Turns off every rule in `rules`. Syntax errors are turned off only this way, by naming
    /// `INC000` (in `ignore` or `per-file-ignores`), never by selecting other rules.
    pub fn disable(&mut self, rules: &[&'static RuleMeta]) {
        for meta in rules {
            self.enabled.remove(meta.code);
            if meta.code == crate::rules::syntax_error::RULE.code {
                self.syntax_errors_ignored = true;
            }
        }
    }

    /// Reports `rule` at `severity`, whatever its default.
    pub fn set_severity(&mut self, rule: &'static RuleMeta, severity: Severity) {
        self.severities.insert(rule.code, severity);
    }

    /// Runs preview rules that are selected (`--preview`); without it they never run.
    pub fn set_preview(&mut self, preview: bool) {
        self.preview = preview;
    }

    /// Whether `rule` runs. Syntax errors are reported unless `INC000` was ignored by name;
    /// preview rules only in preview mode; removed rules never.
    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        if rule.code == crate::rules::syntax_error::RULE.code {
            return !self.syntax_errors_ignored;
        }
        registry::status(rule).runs(self.preview) && self.enabled.contains(rule.code)
    }

    /// Takes over the severities configured in `other`.
    pub(crate) fn copy_severities(&mut self, other: &RuleSelection) {
        self.severities.extend(
            other
                .severities
                .iter()
                .map(|(code, severity)| (*code, *severity)),
        );
    }

    /// The configured severity of `rule`, if configuration overrides its own.
    pub fn configured_severity(&self, rule: &RuleMeta) -> Option<Severity> {
        self.severities.get(rule.code).copied()
    }
}

/// Everything configurable that rules read.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Which rules run.
    pub rules: RuleSelection,
    /// Front matter keys that must be present.
    pub required_keys: Vec<String>,
    /// Accepted `severity` values.
    pub severities: Vec<String>,
    /// Accepted `status` values.
    pub statuses: Vec<String>,
    /// Statuses that mean the incident is over, so post-mortem rules apply.
    pub over_statuses: Vec<String>,
    /// Blame phrases to flag in addition to the built-in ones.
    pub extra_blame_phrases: Vec<String>,
    /// Section names, with the team's aliases.
    pub sections: SectionTable,
    /// The timezone of times when the front matter names none.
    pub default_timezone: TimeZone,
    /// The date overdue actions are measured against; `None` skips that rule.
    pub today: Option<Date>,
    /// The checked file's name, whose date is the last place the day of timeline times is
    /// looked for; `None` when the text has no file.
    pub file_name: Option<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        let strings = |values: &[&str]| values.iter().map(|value| (*value).to_owned()).collect();
        Settings {
            rules: RuleSelection::default(),
            required_keys: strings(&DEFAULT_REQUIRED_KEYS),
            severities: strings(&DEFAULT_SEVERITIES),
            statuses: strings(&DEFAULT_STATUSES),
            over_statuses: strings(&DEFAULT_OVER_STATUSES),
            extra_blame_phrases: Vec::new(),
            sections: SectionTable::default(),
            default_timezone: TimeZone::UTC,
            today: None,
            file_name: None,
        }
    }
}

impl Settings {
    /// How the model reads the file these settings are for: its default timezone and file name.
    pub fn model_options(&self) -> ModelOptions {
        ModelOptions {
            default_timezone: self.default_timezone.clone(),
            file_name: self.file_name.clone(),
        }
    }

    /// Whether `incident` is over (its status is one of the "over" statuses), so its write-up
    /// is a post-mortem. A plain post-mortem without a status is one too.
    pub fn is_over(&self, incident: &incident_model::Incident) -> bool {
        incident.metadata.scalar("status").is_some_and(|status| {
            self.over_statuses
                .iter()
                .any(|over| over.eq_ignore_ascii_case(status.value.trim()))
        }) || incident.is_plain_post_mortem()
    }
}
